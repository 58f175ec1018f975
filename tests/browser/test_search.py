"""Search quality, measured in the browser with the shipped site's search (our sharded
index and worker, generator/search/; tests/search/ scores the judged query set).

Queries are typed into the search box of the built site, served over HTTP and opened
from disk with no network; the assertions are on the results the reader sees.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from generator.build import gather
from generator.search.index import SearchDoc, paper_doc

from .support import SHIPPED, Hit, Recorder, build, new_context, search, serve

Home = Callable[[str], Page]

# A paper's name or acronym, and the start of the title of the paper it must find first.
NAMES = [
    ("CosyVoice", "CosyVoice 2: Scalable Streaming Speech Synthesis"),
    ("WECHSEL", "WECHSEL: Effective initialization of subword embeddings"),
    ("TART", "TART: A plug-and-play Transformer module"),
    # Only in an abstract: "... such as VirtualHome ..."
    ("VirtualHome", "Language Models Meet World Models"),
    ("FLM-101B", "FLM-101B: An Open LLM"),
    ("mllm-NPU", "Empowering 1000 tokens/second on-device LLM prefilling with mllm-NPU"),
    ("LLM in a flash", "LLM in a flash: Efficient Large Language Model Inference"),
]
# As readers type them: lower case, parts of a name, quotes, a dollar sign.
VARIANTS = [
    ("cosyvoice", "CosyVoice 2:"),
    ("virtualhome", "Language Models Meet World Models"),
    ("flm-101b", "FLM-101B:"),
    ("mllm npu", "Empowering 1000 tokens/second"),
    ("llm in a flash", "LLM in a flash:"),
    ("Cosy", "CosyVoice 2:"),
    ("WECHS", "WECHSEL:"),
    ("$100K budget", "FLM-101B:"),
    ("A Survey on Mixture of Experts", "A Survey on Mixture of Experts"),
    ("Kelly is a Warm Person", '"Kelly is a Warm Person, Joseph is a Role Model"'),
]


def titles(hits: list[Hit], count: int = 5) -> str:
    return "; ".join(hit.title for hit in hits[:count]) or "no results"


def assert_first(hits: list[Hit], expected: str, query: str) -> None:
    assert hits, f"{query!r}: no results"
    assert hits[0].title.startswith(expected), (
        f"{query!r}: expected {expected!r} first, got: {titles(hits)}"
    )


@pytest.mark.parametrize(("query", "expected"), NAMES, ids=[q for q, _ in NAMES])
def test_a_name_or_acronym_finds_its_paper_first(
    home: Home, way: str, query: str, expected: str
) -> None:
    assert_first(search(home(way), query), expected, query)


@pytest.mark.parametrize(("query", "expected"), VARIANTS, ids=[q for q, _ in VARIANTS])
def test_variants_of_a_name_or_title_find_the_paper_first(
    home: Home, query: str, expected: str
) -> None:
    assert_first(search(home("http"), query), expected, query)


# Material's query parser reads "FLM-101B:" as the name of a field and finds nothing
# (test_a_pasted_title_with_a_colon_finds_the_paper); such titles are left out here.
FIELD_LOOKALIKE = re.compile(r"\S-\S*:")
# Titles whose every word is also in longer titles: those tie, and the tie goes either way.
TIES = {"A Survey of Large Language Models"}


def test_every_title_finds_its_paper_first(home: Home, site: Path) -> None:
    page = home("http")
    missed = []
    for location, title in paper_titles(site).items():
        if FIELD_LOOKALIKE.search(title) or title in TIES:
            continue
        hits = search(page, title)
        if not hits or hits[0].page != location:
            missed.append(f"{title!r}: {titles(hits, 3)}")
    assert not missed, "\n".join(missed)


def paper_titles(site: Path) -> dict[str, str]:
    """Each paper page's file name and title, from the site's search documents."""
    return {location.rsplit("/", 1)[-1]: doc.title for location, doc in search_docs(site).items()}


def search_docs(site: Path) -> dict[str, SearchDoc]:
    """The site's papers as its search indexes them, by location (the site's search/docs/
    hold only titles and snippets; digest search reads the same fields from the papers)."""
    assert (site / "search" / "docs").is_dir(), "the shipped site uses the sharded search"
    return {doc.location: doc for doc in map(paper_doc, gather(SHIPPED).papers)}


def test_quoted_words_are_required(home: Home) -> None:
    """Quoted words are required (as words, not a phrase): only the two papers holding both
    "LLM(s)" and "flash" (the other: "short-term memory (flash memory)"), the title first."""
    hits = search(home("http"), '"LLM in a flash"')
    assert [hit.title[:15] for hit in hits] == ["LLM in a flash:", "Unleashing Infi"], titles(hits)


@pytest.mark.parametrize(
    ("query", "first", "top3"),
    [
        ("speech synthesis", "CosyVoice 2:", ""),
        ("knowledge distillation", "", "distillation"),
        ("mixture of experts", "A Survey on Mixture of Experts", ""),
    ],
)
def test_a_topic_finds_the_papers_about_it_first(
    home: Home, query: str, first: str, top3: str
) -> None:
    """The paper on the topic first, or three papers with the topic in their title."""
    hits = search(home("http"), query)
    assert_first(hits, first, query)
    assert all(top3 in hit.title.lower() for hit in hits[:3]), f"{query!r}: {titles(hits)}"
    assert len(hits) >= 3, titles(hits)


@pytest.mark.parametrize("word", ["tokenizer", "hallucination", "quantization", "multilingual"])
def test_every_paper_mentioning_a_word_comes_before_any_other(
    home: Home, site: Path, word: str
) -> None:
    mentioning = pages_mentioning(site, word)
    assert len(mentioning) >= 3, mentioning
    hits = search(home("http"), word)
    assert {hit.page for hit in hits[: len(mentioning)]} == mentioning, titles(hits, 12)


def pages_mentioning(site: Path, word: str) -> set[str]:
    """Paper pages whose indexed title, tags, authors or abstract has a word starting with
    `word`."""
    starts = re.compile(rf"\b{re.escape(word)}", re.IGNORECASE)
    return {
        location.rsplit("/", 1)[-1]
        for location, doc in search_docs(site).items()
        if any(starts.search(doc.field(name)) for name in ("title", "tags", "authors", "text"))
    }


def test_an_exact_name_ranks_above_a_longer_word_it_starts(home: Home) -> None:
    assert_first(search(home("http"), "CRAFT"), "CRAFT: Customizing LLMs", "CRAFT")


def test_a_pasted_title_with_a_colon_finds_the_paper(home: Home) -> None:
    query = "FLM-101B: An Open LLM and How to Train It with $100K Budget"
    assert_first(search(home("http"), query), "FLM-101B:", query)


# Two papers of our own: one only mentions TART, three times, the other is TART.
MENTIONS = """\
Planning Agents Revisited

We revisit planning agents and compare them with TART. Unlike TART, our agents plan \
ahead; TART reasons over tasks, and TART is the strongest baseline we know of.

TART: A Plug-and-Play Transformer Module for Task-Agnostic Reasoning

A module that adds reasoning to any language model without training it again.
"""


@pytest.fixture(scope="module")
def mentions(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    out = tmp_path_factory.mktemp("mentions")
    (out / "content").mkdir()
    (out / "content" / "trending.txt").write_text(MENTIONS, encoding="utf-8")
    recorder = Recorder()
    with serve(build(out / "content", out)) as url:
        page = new_context(browser, recorder, offline=False).new_page()
        page.goto(url + "index.html")
        yield page
        page.context.close()
    assert recorder.problems() == []


def test_a_title_match_ranks_above_passing_mentions(mentions: Page) -> None:
    hits = search(mentions, "TART")
    assert [hit.title[:26] for hit in hits] == [
        "TART: A Plug-and-Play Tran",
        "Planning Agents Revisited",
    ], titles(hits)


def test_a_typo_finds_the_paper_and_says_what_was_searched(home: Home, way: str) -> None:
    page = home(way)
    hits = search(page, "CosyVoce")
    assert_first(hits, "CosyVoice 2:", "CosyVoce")
    notice = page.locator(".md-search-result__item .digest-corrected")
    assert notice.count() == 1
    assert notice.inner_text().strip() == "Showing results for CosyVoice"
    assert notice.evaluate("e => getComputedStyle(e).display") == "block"  # digest.css


def test_an_exact_word_shows_no_correction(home: Home) -> None:
    page = home("http")
    assert_first(search(page, "CosyVoice"), "CosyVoice 2:", "CosyVoice")
    assert page.locator(".digest-corrected").count() == 0
