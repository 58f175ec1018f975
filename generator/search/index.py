"""The search index: each term's papers with a precomputed score (BM25 over weighted fields).

One index for every search the digest has: the site's worker reads it in shards
(shards.py), `digest search` ranks with it in memory (terminal.py); both rank with the
rules of rank.py (and the worker's copy of them), so they find the same papers in the same
order.
"""

from __future__ import annotations

import html
import math
from array import array
from dataclasses import dataclass, field

from generator.common.site_paths import paper_page
from generator.model import Paper
from generator.search.words import terms

K1 = 1.2  # BM25 term-frequency saturation
B = 0.5  # BM25 length normalisation (0: none)
SCALE = 10  # scores are stored as round(score * SCALE), at least 1
# Field weights: a paper about a subject names it in its title or tags, not only in passing.
WEIGHTS = {"title": 10.0, "tags": 5.0, "authors": 3.0, "text": 1.0}
KEY_LENGTH = 2  # characters of a term that name its shard
SNIPPET = 160  # characters of the abstract shown under a result's title


@dataclass(frozen=True)
class SearchDoc:
    """One paper as search sees it: where it is, and the text of each field."""

    location: str  # "papers/<slug>.html"
    title: str
    tags: str = ""
    authors: str = ""
    text: str = ""  # the abstract
    teaser: str = ""  # escaped HTML shown under the title in the site's results
    day: str = ""  # ISO date of the paper's digest day, or ""
    tag_names: tuple[str, ...] = ()  # for the search filters (facets.py)

    def field(self, name: str) -> str:
        return str(getattr(self, name))


@dataclass
class SearchIndex:
    """Postings per term: the documents (ascending) and their integer scores. Documents are
    sorted by location, so every index of the same papers numbers them the same."""

    docs: list[SearchDoc]
    terms: dict[str, tuple[list[int], list[int]]] = field(default_factory=dict)


def paper_doc(paper: Paper) -> SearchDoc:
    """A paper as search sees it: the site's index and `digest search` alike."""
    return SearchDoc(
        location=paper_page(paper.slug),
        title=paper.title,
        tags=" ".join(paper.tag_names),
        authors=", ".join(paper.authors),
        text=paper.abstract,
        teaser=snippet(paper.abstract),
        day=paper.date.isoformat() if paper.date else "",
        tag_names=tuple(paper.tag_names),
    )


def snippet(text: str, length: int = SNIPPET) -> str:
    """The start of a text as escaped HTML, cut at a word, with '…'."""
    plain = " ".join(text.split())
    if len(plain) > length:
        plain = plain[:length].rsplit(" ", 1)[0] + " …"
    return html.escape(plain, quote=False)


def shard_key(term: str) -> str:
    """The shard a term lives in: its first KEY_LENGTH characters (code points)."""
    return term[:KEY_LENGTH]


def build_index(found: list[SearchDoc]) -> SearchIndex:
    """Every term's documents and scores: BM25 per field, summed with the field weights."""
    docs = sorted(found, key=lambda doc: doc.location)
    fields = [([_counts(terms(d.field(name))) for d in docs], w) for name, w in WEIGHTS.items()]
    averages = [sum(sum(c) for _, c in counts) / (len(docs) or 1) for counts, _ in fields]
    postings: dict[str, tuple[array[int], array[float]]] = {}
    for number in range(len(docs)):
        values: dict[str, float] = {}
        for (counts, weight), average in zip(fields, averages, strict=True):
            words, frequencies = counts[number]
            norm = K1 * (1 - B + B * sum(frequencies) / average) if average else K1
            for term, tf in zip(words, frequencies, strict=True):
                values[term] = values.get(term, 0.0) + weight * tf * (K1 + 1) / (tf + norm)
        for term, value in values.items():
            numbers, scores = postings.setdefault(term, (array("I"), array("d")))
            numbers.append(number)
            scores.append(value)
    index = SearchIndex(docs)
    total = len(docs)
    for term in sorted(postings):
        numbers, scores = postings[term]
        idf = math.log(1 + (total - len(numbers) + 0.5) / (len(numbers) + 0.5))
        index.terms[term] = (numbers.tolist(), [max(1, round(s * idf * SCALE)) for s in scores])
    return index


def _counts(found: list[str]) -> tuple[tuple[str, ...], array[int]]:
    """Each distinct term once and how often it occurs: compact, as every document's are
    held at once (a dict per field and document took gigabytes at 100,000 papers)."""
    counts: dict[str, int] = {}
    for term in found:
        counts[term] = counts.get(term, 0) + 1
    return tuple(counts), array("I", counts.values())
