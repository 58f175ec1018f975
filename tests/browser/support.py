"""Helpers shared by the browser tests and tour.py: find Chromium, serve a site, record
every request and error of a browser context, and search the way a reader does."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Locator,
    Page,
    Playwright,
)

from rendering import build_digest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "tests" / "fixtures" / "shipped"  # content/ as shipped, frozen
BROWSER_VARIABLE = "DIGEST_CHROMIUM"
KNOWN_BROWSERS = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/opt/google/chrome/chrome",
)
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
NETWORK_SCHEMES = frozenset({"http", "https", "ws", "wss", "ftp"})
# Anything a page asks of another host is answered with a network error, never fetched.
ELSEWHERE = re.compile(r"^(?:https?|wss?)://(?!(?:127\.0\.0\.1|localhost|\[::1\])[:/])")
# Material's search box, and its status line in English (the site's language).
SEARCH_BOX = ".md-search__input"
SEARCH_STATUS = ".md-search-result__meta"
STATUS_READY = "Type to start searching"
STATUS_BUSY = "Initializing search"
# One item per page found; its first link is the page, further ones are its sections.
# Known, and tracked by test_reading.py::test_no_page_makes_material_fetch_a_sitemap: Material
# fetches sitemap.xml next to every <link rel="alternate"> (its support for a site in
# several languages), and the feed links are such links. From file:// the browser refuses
# (a console error), over HTTP tags/sitemap.xml does not exist (404). Both are tolerated
# here, and listed apart; a request for a sitemap on another host is never tolerated.
SITEMAP_ERROR = re.compile(r"sitemap\.xml")
RESULT_ITEMS = ".md-search-result__item"
FIRST_LINKS = """items => items.map(item => {
    const link = item.querySelector("a.md-search-result__link")
    return {title: link.querySelector("h1")?.textContent ?? "", url: link.href}
})"""


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def find_browser(playwright: Playwright | None = None) -> tuple[str | None, str]:
    """A Chromium executable and where it was found, or (None, every place looked at).

    $DIGEST_CHROMIUM first, then the usual system locations, then Playwright's own build.
    """
    given = os.environ.get(BROWSER_VARIABLE, "").strip()
    if given:
        found = shutil.which(given)
        if found:
            return found, f"${BROWSER_VARIABLE}"
        return None, f"${BROWSER_VARIABLE}={given!r} is not an executable"
    for path in KNOWN_BROWSERS:
        if os.access(path, os.X_OK):
            return path, "a known location"
    bundled = playwright.chromium.executable_path if playwright else ""
    if bundled and os.access(bundled, os.X_OK):
        return bundled, "Playwright's own browser"
    looked = ", ".join((f"${BROWSER_VARIABLE}", *KNOWN_BROWSERS, "Playwright's own browser"))
    return None, f"no Chromium found (looked at {looked})"


def launch(playwright: Playwright, executable: str) -> Browser:
    return playwright.chromium.launch(executable_path=executable, args=BROWSER_ARGS)


def build(content: Path, out: Path) -> Path:
    """Generate and build a digest into out/site, as `digest build --strict` does."""
    digest = build_digest(content, out, strict=True)
    assert not digest.problems, [str(p) for p in digest.problems]
    return out / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No access log on the test output."""


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 from a thread; yields its base URL (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def third_party(url: str) -> bool:
    """True for a network request to any host but this machine; file: and data: are local."""
    parts = urlsplit(url)
    return parts.scheme in NETWORK_SCHEMES and parts.hostname not in LOCAL_HOSTS


@dataclass
class Recorder:
    """Every request, console error and uncaught exception of a browser context."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sitemap_errors: list[str] = field(default_factory=list)  # see SITEMAP_ERROR

    def attach(self, context: BrowserContext) -> BrowserContext:
        context.route(ELSEWHERE, lambda route: route.abort("internetdisconnected"))
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("page", self._watch)
        return context

    def _watch(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            error = f"{where}: console error: {message.text}"
            known = SITEMAP_ERROR.search(error) and not third_party(where)
            (self.sitemap_errors if known else self.errors).append(error)

    def third_party(self) -> list[str]:
        return sorted({url for url in self.requests if third_party(url)})

    def problems(self) -> list[str]:
        return [f"third-party request: {url}" for url in self.third_party()] + self.errors


@dataclass(frozen=True)
class Hit:
    """One search result as the reader sees it: the title and the page it opens."""

    title: str
    url: str

    @property
    def page(self) -> str:
        """The result's file name without anchor, e.g. 'cosyvoice-2-scalable-....html'."""
        return urlsplit(self.url).path.rsplit("/", 1)[-1]


def open_search(page: Page) -> Locator:
    """Click into the search box and wait until search has loaded its index.

    From file://, Material loads the index only once the reader opens search.
    """
    box = page.locator(SEARCH_BOX)
    box.click()
    page.wait_for_function(
        "([selector, busy]) => document.querySelector(selector)?.textContent.trim() !== busy",
        arg=[SEARCH_STATUS, STATUS_BUSY],
    )
    return box


def search(page: Page, query: str) -> list[Hit]:
    """Type a query into Material's search box; the results, best first.

    The box is emptied first and the status line must show the empty state, so the
    results read afterwards are this query's and not the previous one's.
    """
    box = open_search(page)
    box.fill("")
    box.press("End")  # Material reads the box on key-up
    page.wait_for_function(
        "([selector, ready]) => document.querySelector(selector)?.textContent.trim() === ready",
        arg=[SEARCH_STATUS, STATUS_READY],
    )
    box.fill(query)
    box.press("End")
    page.wait_for_function(
        "([selector, idle]) => !idle.includes(document.querySelector(selector).textContent.trim())",
        arg=[SEARCH_STATUS, [STATUS_READY, STATUS_BUSY]],
    )
    found: list[dict[str, str]] = page.eval_on_selector_all(RESULT_ITEMS, FIRST_LINKS)
    return [Hit(item["title"].strip(), item["url"]) for item in found]


def new_context(
    browser: Browser, recorder: Recorder, offline: bool, **options: Any
) -> BrowserContext:
    context = recorder.attach(browser.new_context(**options))
    context.set_default_timeout(15_000)
    context.set_offline(offline)
    return context


def page_per_way(browser: Browser, urls: dict[str, str]) -> Iterator[Callable[[str], Page]]:
    """open(way) -> one page per way of reading ("http", "file"), opened at urls[way] and
    kept for the caller's tests; afterwards, any third-party request or JavaScript error
    fails them."""
    recorder = Recorder()
    pages: dict[str, Page] = {}

    def get(way: str) -> Page:
        if way not in pages:
            pages[way] = new_context(browser, recorder, offline=way == "file").new_page()
            pages[way].goto(urls[way])
        return pages[way]

    yield get
    for page in pages.values():
        page.context.close()
    problems = recorder.problems()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


class Tabs:
    """Pages in fresh browser contexts, all recorded by one Recorder."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.recorder = Recorder()
        self.contexts: list[BrowserContext] = []

    def open(self, url: str, offline: bool = False, **options: Any) -> Page:
        """A page showing url, in a new context; offline: no network at all."""
        self.contexts.append(new_context(self.browser, self.recorder, offline, **options))
        page = self.contexts[-1].new_page()
        page.goto(url)
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()
