"""Search the digest from the terminal: the site's index and ranking, in memory.

The papers become the same search documents the site's index is built from
(index.paper_doc), so `digest search` finds what the site's search box finds, in the
same order.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.common.site_paths import paper_page
from generator.model import Paper
from generator.search import rank
from generator.search.facets import NO_FILTER, Filter, admitted
from generator.search.index import build_index, paper_doc


@dataclass(frozen=True)
class Hit:
    slug: str
    title: str
    score: float


@dataclass(frozen=True)
class Answer:
    hits: list[Hit]
    corrected: str  # "Showing results for" this, when a word was corrected; else ""


def answer(papers: list[Paper], query: str, limit: int = 10, within: Filter = NO_FILTER) -> Answer:
    """The papers best matching a query, as the site's search ranks them; within: the
    search filters (tags, days), applied before the limit as in the site."""
    index = build_index([paper_doc(p) for p in papers])
    result = rank.search(index, query, limit, admitted(index.docs, within))
    slugs = {paper_page(p.slug): p for p in papers}
    hits = []
    for found in result.found:
        paper = slugs[index.docs[found.doc].location]
        hits.append(Hit(paper.slug, paper.title, found.score))
    return Answer(hits, result.corrected)


def search(papers: list[Paper], query: str, limit: int = 10) -> list[Hit]:
    """The papers best matching a query; title matches rank above passing mentions."""
    return answer(papers, query, limit).hits
