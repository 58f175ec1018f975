"""404.html of a site built without an address (generator/site/error_page.py), opened
from disk and served under a sub-path: styled, its scripts running, search working."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from small_site import build_small_site

from .support import Tabs, search, serve

HEADER_POSITION = "() => getComputedStyle(document.querySelector('.md-header')).position"
PAPER = "cosyvoice-2-scalable-streaming-speech-synthesis.html"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_small_site(tmp_path_factory.mktemp("small-404"), {})


@pytest.fixture
def error_page(small: Path, way: str) -> Iterator[str]:
    """404.html's address: from disk, or served with the site one folder down."""
    if way == "file":
        yield small.as_uri() + "/404.html"
        return
    with serve(small.parent) as url:
        yield f"{url}{small.name}/404.html"


def test_404_is_styled_and_searches(tabs: Tabs, error_page: str, way: str) -> None:
    page = tabs.open("about:blank", offline=way == "file")
    loaded: list[str] = []
    missing: list[str] = []
    page.on("requestfailed", lambda request: missing.append(request.url))
    page.on(
        "response",
        lambda response: (missing if response.status >= 400 else loaded).append(response.url),
    )
    page.goto(error_page)
    assert missing == []
    assert sum(url.endswith((".css", ".js")) for url in loaded) >= 6
    assert page.evaluate(HEADER_POSITION) == "sticky"  # Material's stylesheet applies
    assert page.evaluate("() => document.documentElement.classList.contains('js')")
    assert page.locator("article h1").inner_text() == "404 - Not found"
    hits = search(page, "CosyVoice")
    assert [hit.page for hit in hits][:1] == [PAPER]
    assert hits[0].url.startswith(error_page.removesuffix("404.html") + "papers/")
