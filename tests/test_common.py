"""generator/common: the helpers the stages share, and what they may import."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT
from generator.common.fields import present
from generator.common.ids import WEB_ADDRESS, arxiv_id
from generator.common.site_paths import paper_page

COMMON = ROOT / "generator" / "common"
KNOWN: dict[str, set[str]] = {}  # files allowed more than the model, and what


def test_present_drops_null_and_empty_values_only() -> None:
    record: dict[str, object] = {
        "a": None,
        "b": "",
        "c": [],
        "d": 0,
        "e": False,
        "f": "x",
        "g": ["y"],
        "h": {},
    }
    assert present(record) == {"d": 0, "e": False, "f": "x", "g": ["y"], "h": {}}
    assert list(present({"z": 1, "a": 2})) == ["z", "a"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2510.02252v1", "2510.02252"), (" arXiv:2510.02252v12 ", "2510.02252"), (None, None)],
)
def test_arxiv_id(value: object, expected: object) -> None:
    assert arxiv_id(value) == expected


def test_web_address_stops_at_spaces_quotes_and_brackets() -> None:
    found = WEB_ADDRESS.findall("see HTTPS://x.org/a_(b)?c=1 and <http://y.org/'q'>")
    assert found == ["HTTPS://x.org/a_(b)?c=1", "http://y.org/"]


def test_paper_page() -> None:
    assert paper_page("some-slug") == "papers/some-slug.html"


def ours(path: Path) -> set[str]:
    """The modules of generator/ that a file imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = (
            [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else []
        )
        found |= {name for name in names if name.split(".")[0] == "generator"}
    return found


@pytest.mark.parametrize("module", sorted(p.name for p in COMMON.glob("*.py")))
def test_common_imports_nothing_of_ours_but_the_model(module: str) -> None:
    assert ours(COMMON / module) - {"generator.model"} == KNOWN.get(module, set())
