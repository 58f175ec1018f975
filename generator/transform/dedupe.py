"""The same paper from several files or sources, merged into one; records made into papers.

Two papers are the same paper when

1. they have the same arXiv id (the version, v1, v2, ..., ignored), or
2. the same DOI (case ignored),

and their titles or their abstracts agree; or when

3. they have the same title (case and spacing ignored) and the same abstract (spacing
   ignored), as a page copy pasted twice has; or
4. they come from different files, have the same title (case, spacing, punctuation and
   accents ignored), their abstracts agree, and no arXiv id or DOI tells them apart.

(Rule 4 compares a paper with at most the first TITLE_CANDIDATES papers of its title.)
Texts agree when they are equal once normalized, or when most of the distinct words (of three
letters or more) of the shorter one are in the other: half for titles, 60 % for abstracts
(random pairs of abstracts from one field share at most about 45 %). So two different papers
that merely share a title keep a page each, and so do two with one arXiv id or DOI but
nothing else in common (a mistake in one of them, which a note points out).

The merged paper keeps the first one's place, title, abstract and source, the richest of
their metadata (a complete author list over a first author, every link, tag and category),
and the earliest of their digest days. Linear: candidates are found in dicts.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice

from generator.common.ids import ARXIV_VERSION
from generator.common.links import arxiv_links, classify, doi_link
from generator.model import Link, Paper, Record

LOOSE_WORD = re.compile(r"[^\W_]+")
COMBINING = re.compile(r"[\u0300-\u036f]")  # the accents NFKD takes off letters
TITLE_AGREES = 0.5
ABSTRACT_AGREES = 0.6
# Papers of one title an abstract is compared with: a title thousands of papers share
# ("Editorial") stays linear.
TITLE_CANDIDATES = 8


def paper_of(record: Record) -> Paper:
    """The paper a record describes, with the links its metadata gives."""
    links = arxiv_links(record.arxiv) + doi_link(record.doi)
    if record.pdf and not record.arxiv:
        links += (Link("pdf", record.pdf, "PDF"),)
    links += tuple(classify(url) for url in (record.url, *record.links) if url)
    return Paper(
        title=record.title,
        abstract=record.abstract,
        source=record.where,
        date=record.date,
        submitted=record.submitted,
        authors=record.authors,
        authors_complete=record.authors_complete,
        arxiv=record.arxiv,
        url=record.url,
        doi=record.doi,
        venue=record.venue,
        year=record.year,
        categories=record.categories,
        comment=record.comment,
        links=_unique(links),
        given_tags=record.tags,
    )


def combine(paper: Paper, other: Paper) -> Paper:
    """paper, completed with what other knows: see the module's docstring."""
    authors = paper.authors and (paper.authors_complete or not other.authors_complete)
    # With an arXiv id of its own, paper keeps its arXiv links: other's may name a version.
    other_links = tuple(link for link in other.links if not (paper.arxiv and _on_arxiv(link)))
    return replace(
        paper,
        authors=paper.authors if authors else other.authors,
        authors_complete=paper.authors_complete if authors else other.authors_complete,
        date=_earliest(paper.date, other.date),
        submitted=_earliest(paper.submitted, other.submitted),
        arxiv=paper.arxiv or other.arxiv,
        url=paper.url or other.url,
        doi=paper.doi or other.doi,
        venue=paper.venue or other.venue,
        year=paper.year or other.year,
        categories=tuple(dict.fromkeys(paper.categories + other.categories)),
        comment=paper.comment or other.comment,
        links=_unique(paper.links + other_links),
        given_tags=tuple(dict.fromkeys(paper.given_tags + other.given_tags)),
    )


def title_key(title: str) -> str:
    """A title compared ignoring case and spacing."""
    return " ".join(title.casefold().split())


def loose_title(title: str) -> str:
    """A title compared ignoring case, spacing, punctuation and accents."""
    text = title.casefold()
    if not text.isascii():
        text = COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return " ".join(LOOSE_WORD.findall(text))


def arxiv_key(arxiv: str) -> str:
    return ARXIV_VERSION.sub("", arxiv.strip().lower())


def agree(one: str, other: str, share: float) -> bool:
    """Equal once normalized, or `share` of the shorter one's distinct words in the other."""
    (loose, first), (other_loose, second) = _words(one), _words(other)
    if loose == other_loose:
        return True
    if not first or not second:
        return False
    return len(first & second) >= share * min(len(first), len(second))


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, frozenset[str]]:
    """A text compared loosely, and its distinct words of three letters or more."""
    loose = loose_title(text)
    return loose, frozenset(word for word in loose.split() if len(word) >= 3)


@dataclass
class SeenPapers:
    """Where each key of the papers kept so far points: their positions in `kept`."""

    kept: list[Paper] = field(default_factory=list)
    arxiv: dict[str, int] = field(default_factory=dict)
    doi: dict[str, int] = field(default_factory=dict)
    text: dict[tuple[str, str], int] = field(default_factory=dict)
    title: dict[str, dict[int, None]] = field(default_factory=lambda: defaultdict(dict))

    def add(self, paper: Paper, index: int) -> None:
        """Point paper's keys at kept[index], unless another paper has them already."""
        if paper.arxiv:
            self.arxiv.setdefault(arxiv_key(paper.arxiv), index)
        if paper.doi:
            self.doi.setdefault(paper.doi.lower(), index)
        self.text.setdefault((title_key(paper.title), " ".join(paper.abstract.split())), index)
        loose = loose_title(paper.title)
        if loose:
            self.title[loose].setdefault(index)  # an ordered set: the first papers first


def merge_duplicates(papers: list[Paper]) -> tuple[list[Paper], list[str]]:
    """One paper for each paper read twice or more; the first keeps its place, the rest
    complete it. Notes say what was merged, and why, and which same ids were not."""
    index = SeenPapers()
    notes: list[str] = []
    for paper in papers:
        found, reason = _same(paper, index, notes)
        if found is None:
            index.kept.append(paper)
            index.add(paper, len(index.kept) - 1)
            continue
        first = index.kept[found]
        notes.append(
            f"{paper.source}: same paper as {first.source} ({reason}); merged into one page"
        )
        index.kept[found] = combine(first, paper)
        index.add(paper, found)
        index.add(index.kept[found], found)
    return index.kept, notes


def _same(paper: Paper, index: SeenPapers, notes: list[str]) -> tuple[int | None, str]:
    """The position of the kept paper that paper is, and why; (None, "") for a new paper."""
    for name, table, key in (
        ("arXiv id", index.arxiv, arxiv_key(paper.arxiv)),
        ("DOI", index.doi, paper.doi.lower()),
    ):
        found = table.get(key) if key else None
        if found is None:
            continue
        kept = index.kept[found]
        if agree(kept.title, paper.title, TITLE_AGREES) or agree(
            kept.abstract, paper.abstract, ABSTRACT_AGREES
        ):
            return found, f"same {name} {key}"
        notes.append(
            f"{paper.source}: same {name} {key} as {kept.source}, but another title and "
            "abstract; kept as two papers (is one of the two ids wrong?)"
        )
        return None, ""
    exact = index.text.get((title_key(paper.title), " ".join(paper.abstract.split())))
    if exact is not None:
        return exact, "same title and abstract"
    for found in islice(index.title.get(loose_title(paper.title), {}), TITLE_CANDIDATES):
        kept = index.kept[found]
        if (
            kept.source.path != paper.source.path
            and not _told_apart(kept, paper)
            and agree(kept.abstract, paper.abstract, ABSTRACT_AGREES)
        ):
            return found, "same title, abstracts agree"
    return None, ""


def _told_apart(one: Paper, other: Paper) -> bool:
    """Whether an arXiv id or a DOI says two papers are different papers."""
    arxiv = one.arxiv and other.arxiv and arxiv_key(one.arxiv) != arxiv_key(other.arxiv)
    doi = one.doi and other.doi and one.doi.lower() != other.doi.lower()
    return bool(arxiv or doi)


def _on_arxiv(link: Link) -> bool:
    return link.kind in {"arxiv", "hf"} or (link.kind == "pdf" and "arxiv.org/" in link.url)


def _earliest(one: dt.date | None, other: dt.date | None) -> dt.date | None:
    return min(one, other) if one and other else one or other


def _unique(links: tuple[Link, ...]) -> tuple[Link, ...]:
    """Links in order, each address once."""
    first: dict[str, Link] = {}
    for link in links:
        first.setdefault(link.url, link)
    return tuple(first.values())
