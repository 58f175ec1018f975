"""Search filters: papers of some tags, in a range of digest days.

A filter narrows a search before its results are cut to the limit, so a filtered search
for a common word shows the best matches within the filter. The site's worker reads the
papers' tags and days from search/facets.js, which it loads only once a filter is set
(an unfiltered search downloads nothing more); `digest search --tag --since --until`
filters the same way in memory.

search/facets.js calls __digestFacets({days, tags, day, tagged}):
- days: the digest days (ISO dates, ascending); tags: the tag names (A-Z);
- day: per paper, in the index's order (by location), the number of its day in days,
  or -1 for an undated paper;
- tagged: per tag, its papers as gaps (first paper, then each one's distance from the
  one before), ascending: at 100,000 papers with three tags each, about 1 MB in all;
- locations (only for Material's own search, lunr, which has no paper numbers): each
  paper's address, in the same order, so the page can filter lunr's results itself.

search/filters.js, a few kilobytes at any size, gives the page what the filter form
offers: __digestFilters({tags: [[name, papers], ...], days: [first, last]}).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from generator.search.index import SearchDoc

FACETS = "search/facets.js"
CHOICES = "search/filters.js"


@dataclass(frozen=True)
class Filter:
    """Papers with any of the tags (none: every tag), dated since..until (ISO, inclusive;
    "": open). A day range leaves out undated papers."""

    tags: tuple[str, ...] = ()
    since: str = ""
    until: str = ""

    @property
    def active(self) -> bool:
        return bool(self.tags or self.since or self.until)

    def admits(self, doc: SearchDoc) -> bool:
        if self.tags and not set(self.tags) & set(doc.tag_names):
            return False
        if (self.since or self.until) and not doc.day:
            return False
        return (not self.since or doc.day >= self.since) and (
            not self.until or doc.day <= self.until
        )


NO_FILTER = Filter()


def admitted(docs: Sequence[SearchDoc], wanted: Filter) -> set[int] | None:
    """The numbers of the documents a filter admits; None when it admits every one."""
    if not wanted.active:
        return None
    return {number for number, doc in enumerate(docs) if wanted.admits(doc)}


def facets(docs: Sequence[SearchDoc], locations: bool = False) -> dict[str, object]:
    """The facets of documents in index order (see the module's docstring)."""
    days = sorted({doc.day for doc in docs if doc.day})
    day_number = {day: number for number, day in enumerate(days)}
    papers: dict[str, list[int]] = {}
    for number, doc in enumerate(docs):
        for name in doc.tag_names:
            papers.setdefault(name, []).append(number)
    tags = sorted(papers)
    data: dict[str, object] = {
        "days": days,
        "tags": tags,
        "day": [day_number.get(doc.day, -1) for doc in docs],
        "tagged": [gaps(papers[name]) for name in tags],
    }
    if locations:
        data["locations"] = [doc.location for doc in docs]
    return data


def gaps(numbers: list[int]) -> list[int]:
    """Ascending numbers as the first, then each one's distance from the one before."""
    return [number - previous for previous, number in zip([0, *numbers], numbers, strict=False)]


def choices(docs: Sequence[SearchDoc]) -> dict[str, object]:
    """What the filter form offers: each tag with its papers, the first and last day."""
    counts: dict[str, int] = {}
    for doc in docs:
        for name in doc.tag_names:
            counts[name] = counts.get(name, 0) + 1
    days = sorted({doc.day for doc in docs if doc.day})
    return {"tags": sorted(counts.items()), "days": days[:1] + days[1:][-1:]}


def files(docs: Sequence[SearchDoc], locations: bool = False) -> dict[str, str]:
    """search/facets.js and search/filters.js, for documents in index order."""
    return {
        FACETS: _call("__digestFacets", facets(docs, locations)),
        CHOICES: _call("__digestFilters", choices(docs)),
    }


def _call(function: str, data: object) -> str:
    return f"self.{function}({json.dumps(data, sort_keys=True, separators=(',', ':'))});\n"
