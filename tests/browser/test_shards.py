"""The sharded search engine (generator/search/shards.py) in the browser, forced on.

The shipped content and a synthetic digest of SYNTH_PAPERS papers are built once each
with `search_shards_above: 0`, then searched over HTTP and from disk with no network,
through Material's own search box: the results the reader sees, a result opening its
paper, and no third-party request or JavaScript error on the way.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from playwright.sync_api import Browser, Page

from generator.search.shards import LIMIT

from .support import (
    ROOT,
    SEARCH_BOX,
    SHIPPED,
    Hit,
    Recorder,
    build,
    new_context,
    page_per_way,
    search,
    serve,
)
from .test_search import MENTIONS, NAMES, assert_first, titles

Open = Callable[[str], Page]
SYNTH_PAPERS = 3000
FORCE_ON = "\nsearch_shards_above: 0\n"


def content_with_shards(source: Path, target: Path) -> Path:
    """A copy of a content folder with the sharded search forced on."""
    shutil.copytree(source, target)
    settings = target / "settings.yml"
    text = re.sub(r"(?m)^search_shards_above:.*\n?", "", settings.read_text(encoding="utf-8"))
    settings.write_text(text.rstrip("\n") + FORCE_ON, encoding="utf-8")
    return target


def synth() -> ModuleType:
    spec = importlib.util.spec_from_file_location("synth", ROOT / "benchmarks" / "synth.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def sharded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sharded")
    return build(content_with_shards(SHIPPED, out / "content"), out)


@pytest.fixture(scope="session")
def synth_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    synth().synthesize(SYNTH_PAPERS, out / "generated", content=SHIPPED)
    return build(content_with_shards(out / "generated", out / "content"), out)


def find(page: Page, query: str) -> list[Hit]:
    """support.search, from an empty search box."""
    box = page.locator(SEARCH_BOX)
    if box.is_visible() and box.input_value():
        box.fill("")
        box.press("End")  # Material reads the box on key-up
    return search(page, query)


def opener(browser: Browser, site: Path, start: str = "index.html") -> Iterator[Open]:
    """open(way) -> the site's home page for that way of reading, shared by a module's
    tests; afterwards, any third-party request or JavaScript error fails the module."""
    with serve(site) as url:
        yield from page_per_way(browser, {"http": url + start, "file": site.as_uri() + "/" + start})


@pytest.fixture(scope="module")
def shipped(browser: Browser, sharded_site: Path) -> Iterator[Open]:
    yield from opener(browser, sharded_site)


@pytest.fixture(scope="module")
def synthetic(browser: Browser, synth_site: Path) -> Iterator[Open]:
    yield from opener(browser, synth_site)


def test_the_site_loads_a_stub_index_and_our_worker(sharded_site: Path) -> None:
    index = (sharded_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"docs":[]' in index
    [worker] = (sharded_site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    assert "self.__digestManifest(" in worker.read_text(encoding="utf-8")


@pytest.mark.parametrize(("query", "expected"), NAMES, ids=[q for q, _ in NAMES])
def test_a_name_or_acronym_finds_its_paper_first(
    shipped: Open, way: str, query: str, expected: str
) -> None:
    assert_first(find(shipped(way), query), expected, query)


def test_a_title_match_ranks_above_passing_mentions(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("mentions")
    (out / "content").mkdir()
    (out / "content" / "trending.txt").write_text(MENTIONS, encoding="utf-8")
    (out / "content" / "settings.yml").write_text(FORCE_ON, encoding="utf-8")
    for page in opener(browser, build(out / "content", out)):
        hits = find(page("http"), "TART")
        assert [hit.title[:26] for hit in hits] == [
            "TART: A Plug-and-Play Tran",
            "Planning Agents Revisited",
        ], titles(hits)


def test_results_show_the_count_and_highlight_the_words(shipped: Open, way: str) -> None:
    page = shipped(way)
    find(page, "CosyVoice")
    assert page.locator(".md-search-result__meta").text_content() == "1 matching document"
    marked = page.locator(".md-search-result__item h1 mark").first.text_content()
    assert marked == "CosyVoice"


def test_a_result_opens_its_paper(shipped: Open, way: str) -> None:
    page = shipped(way)
    [hit, *_] = find(page, "WECHSEL")
    page.locator(".md-search-result__item a.md-search-result__link").first.click()
    page.wait_for_url(f"**/{hit.page}*")
    assert page.locator("article h1").first.text_content().startswith("WECHSEL")  # type: ignore[union-attr]
    page.go_back()


def synth_titles(site: Path, numbers: list[int]) -> dict[int, str]:
    """Titles of some synthetic papers, from the dump: 'Head words-N: tail'."""
    dump = (site.parent / "content" / "trending.txt").read_text(encoding="utf-8")
    found = {}
    for line in dump.splitlines():
        match = re.search(r"-(\d+): ", line)
        if match and int(match[1]) in numbers:
            found[int(match[1])] = line
    return found


@pytest.mark.parametrize("number", [0, 1234, SYNTH_PAPERS - 1])
def test_at_scale_a_title_finds_its_paper_first(
    synthetic: Open, synth_site: Path, way: str, number: int
) -> None:
    title = synth_titles(synth_site, [number])[number]
    assert_first(find(synthetic(way), title), title[:40], title)


def test_at_scale_a_search_loads_only_a_few_small_files(browser: Browser, synth_site: Path) -> None:
    recorder = Recorder()
    with serve(synth_site) as url:
        page = new_context(browser, recorder, offline=False).new_page()
        page.goto(url + "index.html")
        assert find(page, "tokenization")
        page.context.close()
    assert recorder.problems() == []
    loaded = [u.removeprefix(url) for u in recorder.requests if "/search/" in u]
    shards = [u for u in loaded if u.startswith("search/shards/")]
    assert shards == ["search/shards/to.js"], loaded
    assert "search/search_index.json" in loaded
    assert len(loaded) <= 2 + LIMIT, loaded  # stub, shard, a docs file per result


def test_search_works_from_a_page_in_a_folder(
    browser: Browser, sharded_site: Path, way: str
) -> None:
    """The worker finds the index from the site's root, whichever page started it."""
    [paper] = sorted((sharded_site / "papers").glob("cosyvoice-*.html"))[:1]
    for page in opener(browser, sharded_site, start=f"papers/{paper.name}"):
        assert_first(find(page(way), "WECHSEL"), "WECHSEL:", "WECHSEL")
