"""A reader's tour of a built site: how long the first search takes, how many requests
go to other hosts, the offline zip's size, and (optionally) the README's screenshots.

    python -m tests.browser.tour --site site [--screenshots docs-assets]

`make screenshots` runs it on a fresh site/. Needs Chromium, found as the tests find it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from .support import Recorder, find_browser, launch, new_context, search, serve

RUNS = 3
QUERY = "CosyVoice"
SCREEN: ViewportSize = {"width": 1000, "height": 640}


def first_search(browser: Browser, home: str, offline: bool, recorder: Recorder) -> float:
    """Seconds from opening the home page to the first results of QUERY, in a new context."""
    context = new_context(browser, recorder, offline)
    page = context.new_page()
    start = time.perf_counter()
    page.goto(home)
    hits = search(page, QUERY)
    elapsed = time.perf_counter() - start
    context.close()
    if not hits:
        sys.exit(f"no results for {QUERY!r} at {home}")
    return elapsed


def visit(browser: Browser, home: str, offline: bool, recorder: Recorder) -> int:
    """Home, a paper, its first tag page and the tags page; how many requests they made."""
    context = new_context(browser, recorder, offline)
    page = context.new_page()
    page.goto(home)
    search(page, QUERY)
    page.locator(".md-search-result__item a.md-search-result__link").first.click()
    page.wait_for_url("**/papers/*")
    page.locator(".digest-tag-list a").first.click()
    page.wait_for_url("**/tags/*")
    page.goto(home.removesuffix("index.html") + "tags/index.html")
    context.close()
    return len(recorder.requests)


def screenshots(browser: Browser, home: str, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=SCREEN, color_scheme="light")
    page = context.new_page()
    page.goto(home)
    shoot(page, folder / "home.png")
    search(page, "speech synthesis")
    shoot(page, folder / "search.png")
    page.locator(".md-search-result__item a.md-search-result__link").first.click()
    page.wait_for_url("**/papers/*")
    shoot(page, folder / "paper.png")
    # The reading list: this paper starred and read on its page, two more starred on the
    # home page.
    page.get_by_role("button", name="Star", exact=True).click()
    page.get_by_role("button", name="Read", exact=True).click()
    page.goto(home)
    for star in page.locator("span.digest-reader .digest-star").all()[1:3]:
        star.click()
    page.goto(home.removesuffix("index.html") + "reading-list.html")
    shoot(page, folder / "reading-list.png")
    # The home page on the next visit, as if its first three papers came since the last.
    page.goto(home)
    page.evaluate(FORGET_NEWEST, 3)
    page.close()
    page = context.new_page()  # a new tab: a new visit
    page.goto(home)
    page.locator("li:has(.digest-new-mark) .digest-star").first.click()
    page.evaluate(
        "() => window.scrollTo(0, document.querySelector('.digest-new-since').offsetTop - 70)"
    )
    shoot(page, folder / "tools.png")
    # A search narrowed to two tags, its filter form open.
    page.goto(home.removesuffix("index.html") + "index.html?q=model&tag=speech&tag=long+context")
    page.get_by_role("button", name="Filters (2)").click()
    page.locator(".md-search-result__item").first.wait_for()
    shoot(page, folder / "search-filters.png")
    context.close()


SCROLL_TO = "selector => window.scrollTo(0, document.querySelector(selector).offsetTop - 70)"
# The reader tools' memory of the last visit (overrides/assets/reader.js), without the
# first n papers listed, so the next visit marks them new.
FORGET_NEWEST = """n => {
    const key = Object.keys(localStorage).find(k => k.endsWith(":seen"))
    const seen = JSON.parse(localStorage.getItem(key))
    const first = [...document.querySelectorAll("span.digest-reader")].slice(0, n)
        .map(place => place.closest("li").querySelector("strong a").getAttribute("href"))
        .map(href => href.split("/").pop().replace(/\\.html$/, ""))
    seen.slugs = seen.slugs.filter(slug => !first.includes(slug))
    localStorage.setItem(key, JSON.stringify(seen))
}"""


def shoot(page: Page, path: Path) -> None:
    page.screenshot(path=path, animations="disabled", caret="hide")
    print(f"screenshot {path} ({path.stat().st_size // 1024} KiB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site")
    parser.add_argument("--screenshots", type=Path, help="save the README's PNGs here")
    args = parser.parse_args()
    site: Path = args.site.resolve()
    with sync_playwright() as playwright, serve(site) as http_url:
        executable, where = find_browser(playwright)
        if executable is None:
            sys.exit(f"no browser: {where}")
        browser = launch(playwright, executable)
        print(f"browser: {executable} ({where}), {browser.version}")
        for way, home, offline in (
            ("http", http_url + "index.html", False),
            ("file", site.as_uri() + "/index.html", True),
        ):
            recorder, tour = Recorder(), Recorder()
            times = [first_search(browser, home, offline, recorder) for _ in range(RUNS)]
            requests = visit(browser, home, offline, tour)
            elsewhere = sorted({*recorder.third_party(), *tour.third_party()})
            for url in elsewhere:
                print(f"  to another host: {url}")
            print(
                f"{way}: first results for {QUERY!r} after {statistics.median(times):.2f} s "
                f"(median of {RUNS}, from opening the home page); a tour of home, paper, "
                f"tag and tags pages made {requests} requests, {len(elsewhere)} to other hosts"
            )
        for bundle in sorted(site.glob("*.zip")):
            print(f"offline zip: {bundle.name}, {bundle.stat().st_size / 1e6:.2f} MB")
        if args.screenshots:
            screenshots(browser, http_url + "index.html", args.screenshots)
        browser.close()


if __name__ == "__main__":
    main()
