"""Shared test helpers: paths and the --update-goldens flag."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
# sha256 of the shipped page copy. A fork that replaces content/ keeps every test of the
# code; only the tests marked `sample`, which check the shipped papers themselves, skip.
SAMPLE_SHA256 = "a709bf84d93a69a78f01748a4d02d9a015434b18a4bb182dfcbd4c1bc29f7baa"


def is_sample(content: Path = CONTENT) -> bool:
    """The shipped page copy, with no papers imported next to it (`digest import`)."""
    dump = content / "trending.txt"
    if (content / "imported").exists():
        return False
    return dump.is_file() and hashlib.sha256(dump.read_bytes()).hexdigest() == SAMPLE_SHA256


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sample: checks the shipped sample in content/; skipped in a fork"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if is_sample():
        return
    skip = pytest.mark.skip(reason="content/ is not the shipped sample (a fork)")
    for item in items:
        if item.get_closest_marker("sample"):
            item.add_marker(skip)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite tests/goldens/*.yml with the current output; review the diff.",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))
