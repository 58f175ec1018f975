"""Feeds: valid Atom and JSON Feed 1.1, absolute links, dates from the papers, not the clock."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import feedparser

from generator.discover import feeds as feeds_module
from generator.discover.feeds import Feed, atom, entries, feed_files, json_feed
from generator.model import Location, Paper, Tagging

SITE = "https://alice.github.io/digest/"
FALLBACK = dt.date(2025, 3, 12)
NS = {"atom": "http://www.w3.org/2005/Atom"}


def paper(slug: str, day: dt.date | None, **fields: object) -> Paper:
    return Paper(
        title=f"Title <{slug}> & more",
        abstract=f"Abstract of {slug}: <script>alert(1)</script>",
        source=Location("x.txt"),
        slug=slug,
        date=day,
        **fields,  # type: ignore[arg-type]
    )


PAPERS = (
    paper("old", dt.date(2025, 3, 10), arxiv="2401.00001", authors=("Ada Lovelace", "Alan Turing")),
    paper("new-1", dt.date(2025, 3, 11), tags=(Tagging("speech", "r"),)),
    paper("undated", None),
    paper("submitted-only", None, submitted=dt.date(2024, 1, 2)),
    paper("new-2", dt.date(2025, 3, 11)),
)
FEED = Feed("Digest <test>", "About & more", "Digest", "feed", "", PAPERS)


def test_entries_are_newest_first_in_digest_order_within_a_day() -> None:
    assert [p.slug for p in entries(FEED, FALLBACK)] == [
        "undated",
        "new-1",
        "new-2",
        "old",
        "submitted-only",
    ]


def test_atom_parses_and_links_every_entry_to_its_page() -> None:
    text = atom(FEED, SITE, FALLBACK)
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Digest <test>"
    assert parsed.feed.updated == "2025-03-12T00:00:00+00:00"
    assert [e.link for e in parsed.entries] == [
        f"{SITE}papers/{p.slug}.html" for p in entries(FEED, FALLBACK)
    ]
    old = parsed.entries[3]
    assert old.updated == "2025-03-10T00:00:00+00:00"
    assert [a.name for a in old.authors] == ["Ada Lovelace", "Alan Turing"]
    assert old.content[0].value == "Abstract of old: <script>alert(1)</script>"
    assert old.content[0].type == "text/plain"
    assert parsed.entries[1].tags[0].term == "speech"
    root = ET.fromstring(text.encode())
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert root.find("atom:link[@rel='self']", NS).get("href") == f"{SITE}feed.xml"  # type: ignore[union-attr]
    assert root.find("atom:generator", NS).attrib == {}  # type: ignore[union-attr]
    for entry in root.findall("atom:entry", NS):
        for required in ("id", "title", "updated"):
            assert entry.find(f"atom:{required}", NS) is not None


def test_json_feed_has_the_required_fields_and_absolute_urls() -> None:
    data = json.loads(json_feed(FEED, SITE, FALLBACK))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["title"] == "Digest <test>"
    assert data["feed_url"] == f"{SITE}feed.json"
    assert data["home_page_url"] == SITE
    for item in data["items"]:
        assert item["id"] == item["url"]
        assert item["url"].startswith(f"{SITE}papers/")
        assert item["content_text"]
        dt.datetime.fromisoformat(item["date_published"])
    old = data["items"][3]
    assert old["external_url"] == "https://arxiv.org/abs/2401.00001"
    assert old["authors"] == [{"name": "Ada Lovelace"}, {"name": "Alan Turing"}]
    assert data["items"][1]["tags"] == ["speech"]


def test_same_input_same_bytes_and_at_most_feed_entries(monkeypatch: object) -> None:
    assert feed_files([FEED], SITE, FALLBACK) == feed_files([FEED], SITE, FALLBACK)
    assert [path for path, _ in feed_files([FEED], SITE, FALLBACK)] == ["feed.xml", "feed.json"]
    many = Feed("T", "", "T", "feed", "", tuple(paper(f"p{i}", None) for i in range(150)))
    assert len(feedparser.parse(atom(many, SITE, FALLBACK)).entries) == feeds_module.FEED_ENTRIES
    assert len(json.loads(json_feed(many, SITE, FALLBACK))["items"]) == 100


def test_an_empty_feed_is_dated_by_the_fallback() -> None:
    empty = Feed("T", "", "T", "tags/x", "tags/x.html", ())
    parsed = feedparser.parse(atom(empty, SITE, FALLBACK))
    assert not parsed.bozo
    assert parsed.feed.updated == "2025-03-12T00:00:00+00:00"
    assert parsed.feed.link == f"{SITE}tags/x.html"
