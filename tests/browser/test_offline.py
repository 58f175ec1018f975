"""Reading offline: what the built pages load (all from the site itself), the offline
zip (the whole site, same bytes for the same site), and the zip unzipped and read from
disk with no network."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.site.offline import SHIM, ZIP_TIME

from .support import Tabs, build, search

# <link rel="..."> values that make the browser fetch the target.
FETCHING_RELS = frozenset(
    {"stylesheet", "icon", "apple-touch-icon", "manifest", "preload", "modulepreload"}
    | {"prefetch", "preconnect", "dns-prefetch", "prerender"}
)
FETCHING_ATTRIBUTES = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "audio": ("src",),
    "video": ("src", "poster"),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


class Fetches(HTMLParser):
    """Every address an HTML page makes the browser fetch by itself."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        names = FETCHING_ATTRIBUTES.get(tag, ())
        if tag == "link" and FETCHING_RELS & set(values.get("rel", "").lower().split()):
            names = ("href",)
        for name in names:
            for candidate in values.get(name, "").split(","):
                if candidate.strip():
                    self.urls.append(candidate.strip().split()[0])
        self.urls += [m.group(1) or m.group(2) for m in CSS_URL.finditer(values.get("style", ""))]


def remote(url: str) -> bool:
    """True for an address on another host: http(s)://..., or //host/... ."""
    return url.startswith("//") or urlsplit(url).scheme in {"http", "https", "ftp"}


def test_pages_fetch_nothing_from_another_host(site: Path) -> None:
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = Fetches()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(site)}: {url}" for url in parser.urls if remote(url)]
    for sheet in sorted(site.rglob("*.css")):
        for match in CSS_URL.finditer(sheet.read_text(encoding="utf-8")):
            url = match.group(1) or match.group(2)
            if remote(url):
                found.append(f"{sheet.relative_to(site)}: {url}")
    assert found == []


def test_no_page_wakes_materials_loaders_from_other_hosts(site: Path) -> None:
    """Material's script can fetch from unpkg.com (a ResizeObserver polyfill for browsers
    without one, mermaid for diagrams) and api.github.com (repository stars): only for
    mermaid blocks and the "source" component, which no page may have."""
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert 'class="mermaid"' not in html, page
        assert 'data-md-component="source"' not in html, page
        assert "unpkg.com" not in html, page


def test_every_page_loads_the_search_shim_from_the_site(site: Path) -> None:
    shim = (site / SHIM).read_text(encoding="utf-8")
    assert "IFrameWorker" in shim, "not iframe-worker's shim: was `npm ci` run?"
    assert "Permission is hereby granted" in shim  # its MIT licence travels with it
    for page in sorted(site.rglob("*.html")):
        depth = len(page.relative_to(site).parts) - 1
        if page.name != "404.html":
            assert f'<script src="{"../" * depth}{SHIM}">' in page.read_text(), page
    assert (site / "search" / "search_index.js").read_text().startswith("var __index = {")


def zip_of(site: Path) -> Path:
    """The site's one zip, at its top."""
    (found,) = site.glob("*.zip")
    return found


def test_the_home_page_links_the_zip(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    link = f'<a href="{zip_of(site).name}" download>Download for offline reading</a>'
    assert link in home
    assert zip_of(site).stat().st_size > 100_000


def test_the_zip_holds_the_whole_site_in_one_folder(site: Path) -> None:
    files = {
        path.relative_to(site).as_posix(): path
        for path in site.rglob("*")
        if path.is_file() and path != zip_of(site)
    }
    folder = zip_of(site).stem
    with zipfile.ZipFile(zip_of(site)) as bundle:
        entries = bundle.infolist()
        names = [entry.filename for entry in entries]
        assert names == sorted(f"{folder}/{name}" for name in files)
        assert {entry.date_time for entry in entries} == {ZIP_TIME}
        assert {entry.external_attr >> 16 for entry in entries} == {0o644}
        for name, path in files.items():
            data = bundle.read(f"{folder}/{name}")
            if name == "index.html":
                assert b"Download for offline reading" not in data
                assert b"Download for offline reading" in path.read_bytes()
            else:
                assert data == path.read_bytes(), name


def test_the_same_content_gives_the_same_zip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    abstract = "We study one small thing with care. " * 4
    (content / "trending.txt").write_text(f"A Small Paper\n\n{abstract}\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the build date in the footer
    first = zip_of(build(content, tmp_path / "first"))
    second = zip_of(build(content, tmp_path / "second"))
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.usefixtures("offline_search")
def test_the_unzipped_site_works_from_disk_without_network(
    site: Path, tabs: Tabs, tmp_path: Path
) -> None:
    with zipfile.ZipFile(zip_of(site)) as bundle:
        bundle.extractall(tmp_path)
    home = (tmp_path / zip_of(site).stem / "index.html").as_uri()
    page = tabs.open(home, offline=True)
    hits = search(page, "VirtualHome")
    assert hits[0].title.startswith("Language Models Meet World Models"), hits
    page.locator(".md-search-result__item a.md-search-result__link").first.click()
    page.wait_for_url("**/papers/*")
    assert page.url.startswith(home.removesuffix("index.html") + "papers/")
    assert "VirtualHome" in page.locator("article").inner_text()
