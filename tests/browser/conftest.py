"""Fixtures: the shipped content built once, one Chromium for all of tests/browser, and
browser contexts that fail the test on any third-party request or JavaScript error.

Without a browser the browser tests are skipped, saying where they looked; under CI
(CI=true) that is a failure instead, as is a build without the offline search shim.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from generator.site.offline import SHIM

from .support import SHIPPED, Tabs, build, find_browser, in_ci, launch, page_per_way, serve


def unavailable(reason: str) -> None:
    """Skip the test here; fail it under CI, where everything must run."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content (its frozen copy) built into a temporary folder, exactly as
    `digest build --strict` does."""
    return build(SHIPPED, tmp_path_factory.mktemp("shipped"))


@pytest.fixture(scope="session")
def offline_search(site: Path) -> None:
    """Require the real iframe-worker shim, which only `npm ci` provides."""
    if "iframe-worker was not installed" in (site / SHIM).read_text(encoding="utf-8"):
        unavailable("search from file:// needs iframe-worker: run `npm ci` (make test does)")


# Package scope: one browser for all of tests/browser, stopped before any other test
# module starts a Playwright of its own (two cannot run at once in one thread).
@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    executable, where = find_browser(playwright)
    if executable is None:
        unavailable(f"browser tests need Chromium: {where}; set DIGEST_CHROMIUM to its path")
    assert executable is not None
    instance = launch(playwright, executable)
    yield instance
    instance.close()


@pytest.fixture(scope="session")
def http_url(site: Path) -> Iterator[str]:
    """The shipped site served on 127.0.0.1; its base URL, ending in /."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def file_url(site: Path) -> str:
    """The shipped site opened from disk: its file:// base URL, ending in /."""
    return site.as_uri() + "/"


@pytest.fixture
def tabs(browser: Browser) -> Iterator[Tabs]:
    """Fresh pages for one test; afterwards, any third-party request or JavaScript error
    on any of them fails the test."""
    opened = Tabs(browser)
    yield opened
    opened.close()
    problems = opened.recorder.problems()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture(params=["http", "file"])
def way(request: pytest.FixtureRequest) -> str:
    """Each way of reading the site: served over HTTP, and opened from disk offline."""
    if request.param == "file":
        request.getfixturevalue("offline_search")
    return str(request.param)


@pytest.fixture
def root_url(way: str, http_url: str, file_url: str) -> str:
    """The site's base URL for this way of reading."""
    return http_url if way == "http" else file_url


@pytest.fixture(scope="module")
def home(browser: Browser, http_url: str, file_url: str) -> Iterator[Callable[[str], Page]]:
    """home(way) -> the home page for that way of reading, shared by a module's tests.

    Searching again and again in one page keeps the suite fast; requests and errors are
    checked once the module is done.
    """
    yield from page_per_way(
        browser, {"http": http_url + "index.html", "file": file_url + "index.html"}
    )
