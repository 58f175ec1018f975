"""What the digest knows about its papers as a whole, worked out once before rendering.

Pure. Render, the feeds, BibTeX files and papers.json, and `digest tags` all read these
facts: tag counts, each tag's papers and page name, the digest days, citation keys and
entries, related papers. Nothing here is page text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from slugify import slugify

from generator.common.site_paths import paper_page
from generator.discover.cite import entries, keys
from generator.model import Paper
from generator.read.settings import Settings
from generator.transform.tag_rules import TagRules

# Where feeds and papers.json point when the site's address is unknown (a local build):
# the address `digest serve` shows the site at. Set DIGEST_SITE_URL for a real one.
LOCAL_SITE_URL = "http://127.0.0.1:8000/"
NO_SITE_URL = (
    "no site address known (set DIGEST_SITE_URL): feeds and papers.json link to "
    f"{LOCAL_SITE_URL}, where `digest serve` shows the site"
)
Days = Mapping[dt.date | None, tuple[Paper, ...]]
# Between a tag's page name and the number of a further page or part (tags/speech--2.md):
# a page name is a slug, and slugify never writes two dashes in a row (tag_slugs), so a
# tag's further pages can never take another tag's name ("Speech 2" is tags/speech-2.md).
PART_SEPARATOR = "--"


@dataclass(frozen=True)
class Tag:
    """One tag of the digest: its name, what its rule says it covers, and its papers."""

    name: str
    description: str
    page: str  # its page's name under tags/
    papers: tuple[Paper, ...]  # in digest order

    @property
    def count(self) -> int:
        return len(self.papers)

    def page_name(self, number: int) -> str:
        """The name of the tag's page `number` under tags/: page 1 is the tag's own address."""
        return self.page if number == 1 else f"{self.page}{PART_SEPARATOR}{number}"


@dataclass(frozen=True)
class Facts:
    papers: tuple[Paper, ...]
    title: str
    description: str
    site_url: str  # absolute, ending in "/"
    tags: tuple[Tag, ...]  # most papers first, then by name: the home page's order
    days: Days  # newest digest day first, undated last; papers in digest order
    cite_keys: Mapping[str, str]  # slug -> citation key
    citations: Mapping[str, str]  # slug -> BibTeX entry
    related: Mapping[str, tuple[str, ...]]  # slug -> related slugs, most similar first
    fallback_date: dt.date  # the date of a paper that has none: the newest digest date
    offline_zip: str = ""  # the offline zip's file name; "" when the site has none

    @cached_property
    def tag_pages(self) -> Mapping[str, str]:
        """Each tag's page name under tags/."""
        return {tag.name: tag.page for tag in self.tags}

    def paper_url(self, paper: Paper) -> str:
        return paper_url(self.site_url, paper)

    def tag_url(self, tag: str, extension: str = "html") -> str:
        return f"{self.site_url}tags/{self.tag_pages[tag]}.{extension}"


def discover(
    papers: Sequence[Paper],
    settings: Settings,
    rules: TagRules,
    site_url: str,
    related: Mapping[str, tuple[str, ...]],
    offline_zip: str = "",
) -> Facts:
    """Everything the outputs share, worked out once. related: from discover.related."""
    tags = tag_facts(papers, rules)
    dates = [p.date for p in papers if p.date]
    cite_keys = keys(papers)
    return Facts(
        papers=tuple(papers),
        title=settings.title,
        description=settings.description,
        site_url=site_url,
        tags=tags,
        days=by_day(papers),
        cite_keys=cite_keys,
        citations=entries(papers, cite_keys),
        related=related,
        fallback_date=max(dates, default=dt.date(settings.year, 1, 1)),
        offline_zip=offline_zip,
    )


def tag_facts(papers: Sequence[Paper], rules: TagRules) -> tuple[Tag, ...]:
    """Every tag with its papers, most papers first, then by name."""
    members: dict[str, list[Paper]] = {}
    for paper in papers:
        for tag in paper.tag_names:
            members.setdefault(tag, []).append(paper)
    order = sorted(members, key=lambda t: (-len(members[t]), t))
    pages = tag_slugs(order)
    return tuple(Tag(t, rules.describe(t), pages[t], tuple(members[t])) for t in order)


def tag_slugs(tags: Iterable[str]) -> dict[str, str]:
    """A page name per tag, unique even when two tags slugify alike ('a b', 'A-B').

    Assigned in name order, so adding a paper never moves another tag's page; `index`
    is the overview's. A name never holds "--" (PART_SEPARATOR): slugify writes one dash
    for any run of separators, and the number added is "-2", "-3", ...
    """
    slugs: dict[str, str] = {}
    taken = {"index"}
    for tag in sorted(set(tags)):
        base = slugify(tag) or "tag"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        slugs[tag] = slug
    return slugs


def by_day(papers: Iterable[Paper]) -> dict[dt.date | None, tuple[Paper, ...]]:
    """Papers grouped by digest day, newest day first, undated last; order kept within."""
    days: dict[dt.date | None, list[Paper]] = {}
    for paper in papers:
        days.setdefault(paper.date, []).append(paper)
    ordered = sorted(days.items(), key=lambda item: (item[0] is None, -_ordinal(item[0])))
    return {day: tuple(members) for day, members in ordered}


def _ordinal(day: dt.date | None) -> int:
    return day.toordinal() if day else 0


def paper_url(site_url: str, paper: Paper) -> str:
    """A paper page's absolute address."""
    return f"{site_url}{paper_page(paper.slug)}"
