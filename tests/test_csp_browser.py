"""The Content-Security-Policy in a real browser: in force, and search still works.

Over HTTP and from file:// (where search runs through iframe-worker, once the offline
plugin is on), a page loads with no policy violation, search finds a paper, and an inline
event handler put into the page afterwards does not run. Chromium is found as for
tests/browser/ (DIGEST_CHROMIUM, the usual places, Playwright's own); without it the tests
skip, and under CI=true fail.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser.support import find_browser, launch
from playwright.sync_api import Browser, Page, sync_playwright

from conftest import ROOT
from generator.build import build_site, generate

ABSTRACT = "We build a streaming voice model. It speaks with little delay on every benchmark."
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__violations.push(e.effectiveDirective + " " + (e.blockedURI || e.sample)));
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("csp")
    content = out / "content"
    content.mkdir()
    (content / "dump.txt").write_text(
        f"CosyVoice Streams\n\n{ABSTRACT}\n\nOther Work\n\n{ABSTRACT}\n"
    )
    digest = generate(content, out / "docs")
    build_site(
        ROOT / "mkdocs.yml", out / "docs", out / "site", digest.settings, digest.offline_zip, env={}
    )
    return out / "site"


@pytest.fixture(scope="module")
def base_urls(site: Path) -> Iterator[dict[str, str]]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"http": f"http://127.0.0.1:{server.server_port}/", "file": site.as_uri() + "/"}
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        executable, where = find_browser(playwright)
        if executable is None:
            pytest.skip(f"needs Chromium: {where}; set DIGEST_CHROMIUM to its path")
        instance = launch(playwright, executable)
        yield instance
        instance.close()


@pytest.mark.parametrize("scheme", ["http", "file"])
@pytest.mark.parametrize("path", ["index.html", "papers/other-work.html"])
def test_the_policy_blocks_injected_handlers_and_search_still_works(
    browser: Browser, site: Path, base_urls: dict[str, str], scheme: str, path: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.add_init_script(WATCH)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_urls[scheme] + path)
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    searchable = scheme == "http" or (site / "search" / "search_index.js").is_file()
    if searchable:  # from file:// only with Material's offline plugin
        search(page)
    assert page.evaluate("window.__violations") == []
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend',"
        ' \'<img src="data:,x" onerror="window.__ran = 1">\')'
    )
    # A function, not an expression: Playwright evaluates an expression with eval, which
    # this page's policy refuses while it polls.
    page.wait_for_function("() => window.__violations.length > 0", timeout=10_000)
    assert page.evaluate("window.__ran") is None
    assert page.evaluate("window.__violations") == ["script-src-attr inline"]
    assert errors == [] or not searchable  # without it, search fails to start from file://
    page.close()


def search(page: Page) -> None:
    """Search for a paper by name and see it among the results."""
    page.click("input.md-search__input")
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta').innerText.includes('Type to')",
        timeout=30_000,
    )
    page.keyboard.type("CosyVoice", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    assert "CosyVoice Streams" in page.locator(".md-search-result__item").first.inner_text()
