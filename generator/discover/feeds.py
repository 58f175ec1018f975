"""Feeds: an Atom feed (written with feedgen) and a JSON Feed 1.1 for a list of papers.

Pure and deterministic: an entry's date is the paper's digest date (else its arXiv
submission date, else `fallback`), never the clock; a feed's `updated` is its newest
entry's. Entries are newest first, in digest order within a day, and a feed holds the
FEED_ENTRIES newest. Every link is absolute, built from the site's address.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from generator.common.site_paths import paper_page
from generator.model import Paper

FEED_ENTRIES = 100
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
GENERATOR = "Paper digest"


@dataclass(frozen=True)
class Feed:
    """One feed: what it is called and where it and its web page live."""

    title: str
    description: str
    author: str  # who puts the feed out: the digest
    path: str  # the feed's path in the site, without extension: "feed", "tags/speech"
    page: str  # the web page it follows, relative to the site: "", "tags/speech.html"
    papers: tuple[Paper, ...]


def entry_date(paper: Paper, fallback: dt.date) -> dt.date:
    return paper.date or paper.submitted or fallback


def entries(feed: Feed, fallback: dt.date) -> list[Paper]:
    """The feed's papers, newest first (digest order within a day), at most FEED_ENTRIES."""
    order = sorted(
        enumerate(feed.papers),
        key=lambda item: (-entry_date(item[1], fallback).toordinal(), item[0]),
    )
    return [paper for _, paper in order[:FEED_ENTRIES]]


def page_url(site_url: str, paper: Paper) -> str:
    return f"{site_url}{paper_page(paper.slug)}"


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def atom(feed: Feed, site_url: str, fallback: dt.date) -> str:
    """The feed as Atom 1.0."""
    papers = entries(feed, fallback)
    generator = FeedGenerator()
    generator.id(f"{site_url}{feed.path}.xml")
    generator.title(feed.title)
    generator.subtitle(feed.description or feed.title)
    generator.author(name=feed.author)
    generator.link(href=f"{site_url}{feed.page}", rel="alternate", type="text/html")
    generator.link(href=f"{site_url}{feed.path}.xml", rel="self")
    generator.generator(GENERATOR)  # no library version: the same feed from any install
    generator.language("en")
    generator.updated(_moment(max((entry_date(p, fallback) for p in papers), default=fallback)))
    for paper in papers:
        item = generator.add_entry(order="append")
        item.id(page_url(site_url, paper))
        item.title(paper.title)
        # One link, the paper's page. feedgen 1.0 writes an entry link's href but drops its
        # rel, so a second link (arXiv, as rel="related") would read as another alternate;
        # the page links to arXiv, and the JSON Feed has it as external_url.
        item.link(href=page_url(site_url, paper))
        when = _moment(entry_date(paper, fallback))
        item.published(when)
        item.updated(when)
        for name in paper.authors:
            item.author(name=name)
        for tag in paper.tag_names:
            item.category(term=tag, label=tag)
        item.content(paper.abstract, type="text")
    text: bytes = generator.atom_str(pretty=True, encoding="UTF-8")
    return text.decode("utf-8")


def json_feed(feed: Feed, site_url: str, fallback: dt.date) -> str:
    """The feed as JSON Feed 1.1, keys sorted."""
    items = []
    for paper in entries(feed, fallback):
        item: dict[str, object] = {
            "id": page_url(site_url, paper),
            "url": page_url(site_url, paper),
            "title": paper.title,
            "content_text": paper.abstract,
            "date_published": _moment(entry_date(paper, fallback)).isoformat(),
        }
        if paper.arxiv:
            item["external_url"] = f"https://arxiv.org/abs/{paper.arxiv}"
        if paper.authors:
            item["authors"] = [{"name": name} for name in paper.authors]
        if paper.tags:
            item["tags"] = list(paper.tag_names)
        items.append(item)
    data = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "description": feed.description or feed.title,
        "home_page_url": f"{site_url}{feed.page}",
        "feed_url": f"{site_url}{feed.path}.json",
        "language": "en",
        "authors": [{"name": feed.author}],
        "items": items,
    }
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def feed_files(feeds: Sequence[Feed], site_url: str, fallback: dt.date) -> list[tuple[str, str]]:
    """(path, text) of the Atom and the JSON Feed of each feed."""
    files = []
    for feed in feeds:
        files.append((f"{feed.path}.xml", atom(feed, site_url, fallback)))
        files.append((f"{feed.path}.json", json_feed(feed, site_url, fallback)))
    return files
