"""Search the digest from the terminal with lunr (the Python port of lunr.js)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lunr import lunr
from lunr.exceptions import QueryParseError

from generator.model import Paper

TITLE_BOOST = 10
TAGS_BOOST = 3


@dataclass(frozen=True)
class Hit:
    slug: str
    title: str
    score: float


def search(papers: list[Paper], query: str, limit: int = 10) -> list[Hit]:
    """The papers best matching a query; title matches rank above passing mentions."""
    index = lunr(
        ref="slug",
        fields=[
            {"field_name": "title", "boost": TITLE_BOOST},
            {"field_name": "tags", "boost": TAGS_BOOST},
            "abstract",
        ],
        documents=[
            {
                "slug": p.slug,
                "title": p.title,
                "abstract": p.abstract,
                "tags": " ".join(p.tag_names),
            }
            for p in papers
        ],
    )
    titles = {p.slug: p.title for p in papers}
    try:
        results = index.search(query)
    except QueryParseError:
        results = index.search(plain_query(query))
    return [Hit(r["ref"], titles[r["ref"]], r["score"]) for r in results[:limit]]


def plain_query(query: str) -> str:
    """The query with lunr's operators (field:, ~, ^, +, -, *) turned into spaces."""
    return re.sub(r"[:~^+\-*]", " ", query)
