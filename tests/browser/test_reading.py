"""Reading the site in a browser: from a search result to a paper, from a paper to its
tag, no JavaScript errors, no request to any other host, and pages that fit a phone."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page, ViewportSize

from .support import Tabs, open_search, search

PAPER = "CosyVoice 2: Scalable Streaming Speech Synthesis with Large Language Models"
PHONE_WIDTH = 360
PHONE_SCREEN: ViewportSize = {"width": PHONE_WIDTH, "height": 740}


def heading(page: Page) -> str:
    """The page's title as shown, without the permalink sign after it."""
    return page.locator("article h1").first.inner_text().removesuffix("¶").strip()


def file_name(url: str) -> str:
    return urlsplit(url).path.rsplit("/", 1)[-1]


def paper_url(tabs: Tabs, root_url: str, way: str) -> str:
    """The address of PAPER's page, found the way a reader finds it: by searching."""
    page = tabs.open(root_url + "index.html", offline=way == "file")
    return search(page, "CosyVoice")[0].url


def test_clicking_a_search_result_opens_the_paper(tabs: Tabs, root_url: str, way: str) -> None:
    page = tabs.open(root_url + "index.html", offline=way == "file")
    hits = search(page, "CosyVoice")
    page.locator(".md-search-result__item a.md-search-result__link").first.click()
    page.wait_for_url(hits[0].url.split("?")[0] + "*")
    assert heading(page) == PAPER
    assert page.url.startswith(root_url + "papers/")


def test_a_tag_on_a_paper_opens_the_tag_page_listing_it(
    tabs: Tabs, root_url: str, way: str
) -> None:
    page = tabs.open(paper_url(tabs, root_url, way), offline=way == "file")
    paper = file_name(page.url)
    tag = page.locator(".digest-tag-list a").first
    name = tag.inner_text().strip()
    tag.click()
    page.wait_for_url("**/tags/*.html")
    assert heading(page) == name
    assert page.locator(f'article a[href$="papers/{paper}"]').count() >= 1


def test_pages_make_no_third_party_requests_and_no_errors(
    tabs: Tabs, root_url: str, way: str
) -> None:
    paper = paper_url(tabs, root_url, way)
    page = tabs.open(paper, offline=way == "file")
    tag = page.locator(".digest-tag-list a").first.evaluate("a => a.href")
    # 404.html from disk: test_error_page.py (a build with a site address, such as one on
    # GitHub Actions, links it from the server's root, for servers showing it at any depth).
    pages = ("index.html", "tags/index.html", *(("404.html",) if way == "http" else ()))
    for url in (paper, tag, *(root_url + path for path in pages)):
        open_search(tabs.open(url, offline=way == "file"))
    assert tabs.recorder.problems() == []
    index = "search_index.json" if way == "http" else "search_index.js"
    assert any(url.endswith(f"search/{index}") for url in tabs.recorder.requests), (
        "the recorder saw no request for the search index: is it recording?"
    )


def overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the phone's screen (0: no sideways scroll)."""
    width: int = page.evaluate("() => document.documentElement.scrollWidth")
    return max(0, width - PHONE_WIDTH)


def test_home_and_a_paper_fit_a_phone_screen(tabs: Tabs, http_url: str) -> None:
    paper = paper_url(tabs, http_url, "http")
    for url in (http_url + "index.html", paper):
        page = tabs.open(url, viewport=PHONE_SCREEN, is_mobile=True, has_touch=True)
        assert overflow(page) == 0, f"{url} scrolls sideways on a 360 px wide screen"


def widest_link_paper(site: Path) -> str:
    """The paper page whose longest link label (arXiv, PDF, code...) is the longest."""
    label = re.compile(r'<p class="digest-links">(.*?)</p>', re.DOTALL)
    text = re.compile(r"<a [^>]*>([^<]*)</a>")

    def widest(page: Path) -> int:
        found = label.search(page.read_text(encoding="utf-8"))
        return max((len(t) for t in text.findall(found.group(1))), default=0) if found else 0

    return max(sorted((site / "papers").glob("*.html")), key=widest).name


def test_the_paper_with_the_longest_link_fits_a_phone_screen(
    tabs: Tabs, site: Path, http_url: str
) -> None:
    url = f"{http_url}papers/{widest_link_paper(site)}"
    page = tabs.open(url, viewport=PHONE_SCREEN, is_mobile=True, has_touch=True)
    assert overflow(page) == 0, f"{url} scrolls sideways on a 360 px wide screen"


def test_no_page_makes_material_fetch_a_sitemap(tabs: Tabs, root_url: str, way: str) -> None:
    paper = paper_url(tabs, root_url, way)
    page = tabs.open(paper, offline=way == "file")
    tag = page.locator(".digest-tag-list a").first.evaluate("a => a.href")
    open_search(tabs.open(tag, offline=way == "file"))
    assert tabs.recorder.sitemap_errors == []


def test_a_paper_page_has_materials_header_drawer_and_footer(
    tabs: Tabs, root_url: str, way: str
) -> None:
    """A paper page's header, drawer, footer and config come from one shared script
    (generator/site/paper_frame.py): the page a reader sees is Material's whole page."""
    page = tabs.open(paper_url(tabs, root_url, way), offline=way == "file")
    assert page.locator("[data-md-component=header-topic]").inner_text().strip() == PAPER
    drawer = page.locator(".md-sidebar--primary .md-nav__link")
    assert [link.inner_text().strip() for link in drawer.all()] == [
        "Home",
        "Tags",
        "Reading list",
    ]
    assert page.locator(".md-footer .md-copyright").count() == 1
    assert page.locator("script[data-part]").count() == 0  # each put its part in its place
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") != scheme
    assert PAPER in [hit.title for hit in search(page, "CosyVoice")]


def test_a_paper_page_without_javascript_shows_the_paper_and_a_link_home(
    tabs: Tabs, http_url: str
) -> None:
    url = paper_url(tabs, http_url, "http")
    page = tabs.open(url, java_script_enabled=False)
    assert heading(page) == PAPER
    assert page.locator("article .digest-abstract").count() == 1
    home = page.locator("article .digest-noscript a")
    assert home.get_attribute("href") == "../index.html"
    assert page.locator("header").count() == 0
