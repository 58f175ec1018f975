"""generator/common: the helpers the stages share (what they may import is the import
contract's, tests/test_architecture.py)."""

from __future__ import annotations

import pytest

from generator.common.fields import present
from generator.common.ids import WEB_ADDRESS, arxiv_id
from generator.common.site_paths import paper_page


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
