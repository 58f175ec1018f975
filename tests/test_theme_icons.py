"""Material's icons come from one stylesheet, not inline in every page (tools/theme_icons.py):
the stylesheet holds Material's own icon files, and a built page holds only empty hooks."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.utils import get_theme_dir
from small_site import build_small_site

from conftest import ROOT
from rendering import assembled

TOOL = ROOT / "tools" / "theme_icons.py"
OVERRIDES = ROOT / "overrides"
STYLESHEET = OVERRIDES / "assets" / "icons.css"
MATERIAL_ICONS = Path(get_theme_dir("material")) / ".icons"
HOOK = re.compile(r'<svg class="digest-icon-([\w-]+)"></svg>')
RULE = re.compile(
    r"\.digest-icon-([\w-]+) \{\n  --digest-icon: url\('data:image/svg\+xml;charset=utf-8,(.*)'\);"
)
SVG = re.compile(r"<svg\b[^>]*>(.*?)</svg>", re.S)


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(TOOL), *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def icon_overrides() -> dict[str, str]:
    """overrides/.icons/<set>/<name>.svg by icon name ("material/magnify"), with its text."""
    folder = OVERRIDES / ".icons"
    return {
        path.relative_to(folder).with_suffix("").as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*.svg"))
    }


def test_the_stylesheet_holds_materials_own_file_for_each_overridden_icon() -> None:
    """Read apart from the tool that writes it: an upgrade of Material that changes an icon
    fails here, and the icons in the stylesheet are exactly the overridden ones."""
    drawn = {
        name: uri.replace("%23", "#").replace("%25", "%")
        for name, uri in RULE.findall(STYLESHEET.read_text(encoding="utf-8"))
    }
    overridden = icon_overrides()
    assert sorted(drawn) == sorted(icon.replace("/", "-") for icon in overridden)
    for icon, hook in overridden.items():
        name = icon.replace("/", "-")
        assert hook == f'<svg class="digest-icon-{name}"></svg>'
        material_file = (MATERIAL_ICONS / f"{icon}.svg").read_text(encoding="utf-8")
        assert drawn[name] == material_file.strip(), icon


def test_the_tool_finds_its_files_up_to_date() -> None:
    result = run_tool("--check")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_tool_names_a_file_that_drifted_and_how_to_fix_it(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    shutil.copytree(OVERRIDES, overrides)
    (overrides / ".icons" / "material" / "menu.svg").write_text("<svg><path/></svg>")
    (overrides / ".icons" / "material" / "account.svg").write_text("<svg></svg>")
    result = run_tool("--check", "--overrides", str(overrides))
    assert result.returncode == 1
    assert result.stdout == (
        f"{overrides}/.icons/material/account.svg: not what the installed Material's icons give\n"
        f"{overrides}/.icons/material/menu.svg: not what the installed Material's icons give\n"
        "Rewrite them with: .venv/bin/python tools/theme_icons.py\n"
    )
    assert run_tool("--overrides", str(overrides)).returncode == 0
    assert not (overrides / ".icons" / "material" / "account.svg").exists()
    assert run_tool("--check", "--overrides", str(overrides)).returncode == 0


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small digest, published from a repository: its header links the repository, with
    that link's icon too."""
    repository = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "alice/digest"}
    return build_small_site(tmp_path_factory.mktemp("icons"), repository)


def test_no_page_holds_an_icons_svg(site: Path) -> None:
    """Every <svg> of every page is an empty hook the stylesheet draws, or a chart."""
    drawn = set(RULE.findall(STYLESHEET.read_text(encoding="utf-8")))
    names = {name for name, _ in drawn}
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = assembled(page)  # a paper page with its frame script's parts
        for svg in SVG.finditer(html):
            hook = HOOK.fullmatch(svg.group(0))
            if hook is None:
                assert 'class="digest-chart"' in svg.group(0), f"{page.name}: {svg.group(0)[:120]}"
            else:
                assert hook.group(1) in names, page.name


def test_a_paper_page_holds_every_icon_as_a_hook_and_links_the_stylesheet(site: Path) -> None:
    paper = assembled(next((site / "papers").glob("*.html")))
    assert HOOK.findall(paper) == [
        "material-library",  # header logo
        "material-menu",
        "material-weather-night",
        "material-weather-sunny",
        "material-magnify",  # header search button
        "material-magnify",  # search box: magnifier on a wide screen ...
        "material-arrow-left",  # ... back arrow on a phone
        "material-close",
        "fontawesome-brands-git-alt",  # the repository link in the header ...
        "material-library",  # drawer logo
        "fontawesome-brands-git-alt",  # ... and in the drawer
        "material-arrow-up",  # back to top
    ]
    assert '<link rel="stylesheet" href="../assets/icons.css">' in paper
    assert (site / "assets" / "icons.css").read_bytes() == STYLESHEET.read_bytes()
    assert not list(site.rglob(".icons"))
