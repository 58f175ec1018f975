"""Accessibility: every kind of page passes axe-core's WCAG 2 A and AA rules, in the light
and the dark scheme.

axe-core comes from node_modules/ (package.json's devDependencies, installed by `npm ci`);
it is injected into the page by the test only, never shipped in the site. The pages'
Content-Security-Policy allows no inline script, so the test's own browser context
bypasses it (bypass_csp): the site's scripts run as they always do.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from small_site import build_paginated_site

from .support import ROOT, Tabs, serve

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
COSYVOICE = "cosyvoice-2-scalable-streaming-speech-synthesis-with-large-language-models"
# One page of each kind; the tag and the paper are ones with the most on their page.
PAGES = {
    "home": "index.html",
    "tag overview": "tags/index.html",
    "tag": "tags/speech.html",
    "day": "days/2025-03-11.html",
    "reading list": "reading-list.html",
    "paper": f"papers/{COSYVOICE}.html",
    "404": "404.html",
    "search with filters": "index.html?q=speech&tag=speech",
}
RUN = """async rules => {
    const result = await axe.run(document, {runOnly: {type: "tag", values: rules}})
    return result.violations.map(v => `${v.id} (${v.impact}): ${v.help}; ` +
        v.nodes.map(n => n.target.join(" ")).slice(0, 5).join(", "))
}"""


@pytest.fixture(scope="module")
def axe() -> Path:
    if not AXE.exists():
        pytest.skip("the accessibility check needs axe-core: run `npm ci` (make test does)")
    return AXE


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGES)
def test_every_kind_of_page_passes_wcag_a_and_aa(
    tabs: Tabs, http_url: str, axe: Path, kind: str, scheme: str
) -> None:
    page = tabs.open(http_url + PAGES[kind], color_scheme=scheme, bypass_csp=True)
    if kind == "paper":  # with the reader tools pressed
        page.get_by_role("button", name="Star", exact=True).click()
    if kind == "reading list":  # with a paper on it, starred on its page and read
        page.goto(http_url + PAGES["paper"])
        page.get_by_role("button", name="Star", exact=True).click()
        page.get_by_role("button", name="Read", exact=True).click()
        page.goto(http_url + PAGES[kind])
    if kind == "search with filters":  # the filter form open, a filter set, results shown
        page.get_by_role("button", name="Filters (1)").click()
        page.get_by_role("checkbox", name="long context").check()
        page.locator(".md-search-result__item").first.wait_for()
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    page.add_script_tag(path=axe)
    violations: list[str] = page.evaluate(RUN, RULES)
    assert violations == [], f"{PAGES[kind]} in the {scheme} scheme"


@pytest.fixture(scope="module")
def paginated_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A tag in three pages (tests/small_site.py), served."""
    with serve(build_paginated_site(tmp_path_factory.mktemp("paginated"))) as url:
        yield url


def test_a_tag_page_with_further_pages_passes_wcag_a_and_aa(
    tabs: Tabs, paginated_url: str, axe: Path
) -> None:
    page = tabs.open(paginated_url + "tags/speech--2.html", bypass_csp=True)
    navigation = page.get_by_role("navigation", name="Pages of this tag", exact=True)
    assert navigation.get_by_role("link", name="Next page →").get_attribute("href") == (
        "speech--3.html"
    )
    page.add_script_tag(path=axe)
    violations: list[str] = page.evaluate(RUN, RULES)
    assert violations == []
