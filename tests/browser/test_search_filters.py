"""Search filters (overrides/assets/search-filters.js): a tag and a range of digest days set
from the form in the search box narrow the results, the address carries them, and that
address reopens the search filtered; over HTTP and from disk, with our sharded worker and
with Material's own (lunr, for a digest at most `search_shards_above` papers); by keyboard
alone, and on a phone.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from rendering import build_digest

from .support import Tabs, open_search, search, serve

SETTINGS = "title: Filter digest\nyear: 2025\n"
TAGS = """tags:
  - name: speech
    description: Speech.
    phrases: [speech]
  - name: long context
    description: Long inputs.
    phrases: [long context]
  - name: reasoning
    description: Reasoning.
    phrases: [reasoning, reason]
"""
PAPERS = """Mar 12

Streaming Speech Models

A streaming speech synthesis model with low latency.

Reasoning Models for Long Context

We teach models to reason over long context documents.

Mar 11

Speech Models at Scale

We study speech synthesis with a very large model and many voices.

Long Context Models

A benchmark of long context documents for language models.

Mar 10

Small Reasoning Models

Small models that reason step by step on math problems.

Tokenizer Models Revisited

We revisit subword tokenizers of language models for many languages.
"""
EVERY = 6  # papers matching "models"


def digest(out: Path, settings: str) -> Path:
    content = out / "content"
    content.mkdir(parents=True)
    (content / "settings.yml").write_text(settings)
    (content / "tags.yml").write_text(TAGS)
    (content / "trending.txt").write_text(PAPERS)
    built = build_digest(content, out, env={"SOURCE_DATE_EPOCH": "1741651200"})
    assert not built.problems, [str(p) for p in built.problems]
    return out / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The digest built with each engine: our shards, and Material's lunr."""
    root = tmp_path_factory.mktemp("filters")
    return {
        "shards": digest(root / "shards", SETTINGS),
        "lunr": digest(root / "lunr", SETTINGS + "search_shards_above: 1000\n"),
    }


@pytest.fixture(scope="module")
def served(sites: dict[str, Path]) -> Iterator[dict[str, str]]:
    """Each site's address over HTTP, for the whole module (pages close before it stops)."""
    with serve(sites["shards"]) as shards, serve(sites["lunr"]) as lunr:
        yield {"shards": shards, "lunr": lunr}


@pytest.fixture(params=["shards", "lunr"])
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def base(served: dict[str, str], sites: dict[str, Path], engine: str, way: str) -> str:
    """The address of the digest built with this engine, for this way of reading."""
    return served[engine] if way == "http" else sites[engine].as_uri() + "/"


def titles(page: Page) -> list[str]:
    found: list[str] = page.eval_on_selector_all(
        ".md-search-result__item h1", "found => found.map(h => h.textContent)"
    )
    return found


SHOWN = """expected => JSON.stringify([...document.querySelectorAll(
    ".md-search-result__item h1")].map(h => h.textContent).sort()) === JSON.stringify(expected)"""


def results(page: Page, expected: list[str]) -> None:
    """Wait until the results are these papers (in any order: lunr ranks its own way)."""
    try:
        page.wait_for_function(SHOWN, arg=sorted(expected), timeout=5_000)
    except Exception:
        assert sorted(titles(page)) == sorted(expected)


def filters(page: Page) -> dict[str, list[str]]:
    query = parse_qs(urlsplit(page.url).query)
    return {key: query[key] for key in sorted(query)}


def test_sites_use_the_engine_named(sites: dict[str, Path]) -> None:
    assert (sites["shards"] / "search" / "shards").is_dir()
    assert not (sites["lunr"] / "search" / "shards").exists()
    assert '"locations"' in (sites["lunr"] / "search" / "facets.js").read_text()


def test_a_tag_and_days_narrow_the_search_and_the_address_reopens_it(
    tabs: Tabs, base: str, way: str, engine: str
) -> None:
    page = tabs.open(base + "index.html", offline=way == "file")
    assert len(search(page, "models")) == EVERY
    page.get_by_role("button", name="Filters", exact=True).click()
    page.get_by_role("checkbox", name="speech").check()
    results(page, ["Speech Models at Scale", "Streaming Speech Models"])
    page.get_by_label("From day", exact=True).fill("2025-03-12")
    results(page, ["Streaming Speech Models"])
    page.get_by_role("checkbox", name="long context").check()
    expect(page.get_by_role("button", name="Filters (3)")).to_be_visible()
    results(page, ["Streaming Speech Models", "Reasoning Models for Long Context"])
    page.get_by_role("button", name="Remove filter: tag speech").click()
    results(page, ["Reasoning Models for Long Context"])
    page.get_by_label("To day", exact=True).fill("2025-03-11")  # an empty range
    expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")
    page.get_by_label("To day", exact=True).fill("2025-03-12")
    results(page, ["Reasoning Models for Long Context"])
    address = page.url
    assert filters(page) == {
        "q": ["models"],
        "since": ["2025-03-12"],
        "tag": ["long context"],
        "until": ["2025-03-12"],
    }

    shared = tabs.open(address, offline=way == "file")  # another browser opens the link
    results(shared, ["Reasoning Models for Long Context"])
    expect(shared.locator(".md-search__input")).to_have_value("models")
    chips = shared.locator(".digest-chip")
    expect(chips).to_have_text(["long context×", "from 12 Mar 2025×", "to 12 Mar 2025×"])
    shared.get_by_role("button", name="Filters (3)").click()
    expect(shared.get_by_role("checkbox", name="long context")).to_be_checked()
    expect(shared.get_by_label("From day", exact=True)).to_have_value("2025-03-12")
    shared.get_by_role("button", name="Clear filters").click()
    expect(shared.locator(".md-search-result__item")).to_have_count(EVERY)
    assert filters(shared) == {"q": ["models"]}
    shared.keyboard.press("Escape")  # closing search leaves the address as it was
    expect(shared.locator(".md-search-result__item")).to_have_count(EVERY)
    assert filters(shared) == {}


def test_keyboard_alone_sets_a_filter(tabs: Tabs, served: dict[str, str]) -> None:
    page = tabs.open(served["shards"] + "index.html")
    search(page, "models")
    page.keyboard.press("Tab")  # from the search box to the filters, search stays open
    expect(page.get_by_role("button", name="Filters", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("checkbox", name="long context")).to_be_focused()
    page.keyboard.press("Space")
    results(page, ["Long Context Models", "Reasoning Models for Long Context"])
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("checkbox", name="speech")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator(".md-search-result__item")).to_have_count(4)
    assert filters(page)["tag"] == ["long context", "speech"]


def test_the_filters_fit_a_phone(tabs: Tabs, sites: dict[str, Path]) -> None:
    page = tabs.open(
        sites["shards"].as_uri() + "/index.html?q=models&tag=speech",
        offline=True,
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    results(page, ["Speech Models at Scale", "Streaming Speech Models"])
    open_search(page)
    page.get_by_role("button", name="Filters (1)").click()
    panel = page.locator(".digest-filters")
    expect(page.get_by_label("To day", exact=True)).to_be_visible()
    box = panel.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360
    sideways = "p => p.scrollWidth - p.clientWidth"
    assert panel.evaluate(sideways) == 0
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
