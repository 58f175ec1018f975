"""The digest's data files: feeds, BibTeX files and papers.json, from the facts.

Pure: returns (path in docs/, text or bytes) pairs, which MkDocs copies into the site as
they are.

    feed.xml, feed.json      every paper          tags/<tag>.xml, tags/<tag>.json
    papers.bib               every paper          tags/<tag>.bib
    papers.json              every paper, its tags, links and metadata

Feeds hold the newest papers only (feeds.FEED_ENTRIES). The BibTeX files and papers.json
hold every paper, so above a size (parts.PART_BYTES) each becomes an index of its parts.
"""

from __future__ import annotations

from generator.discover.export import papers_json
from generator.discover.facts import PART_SEPARATOR, Facts
from generator.discover.feeds import Feed, feed_files
from generator.discover.parts import PART_BYTES, bibtex_files
from generator.model import GeneratedFile


def feeds(known: Facts) -> list[Feed]:
    """The digest's feed, then one per tag."""
    result = [Feed(known.title, known.description, known.title, "feed", "", known.papers)]
    for tag in known.tags:
        stem = f"tags/{tag.page}"
        title = f"{known.title}: {tag.name}"
        result.append(Feed(title, tag.description, known.title, stem, f"{stem}.html", tag.papers))
    return result


def data_files(known: Facts, limit: int = PART_BYTES) -> list[GeneratedFile]:
    """Feeds, BibTeX files and papers.json; limit: the bytes above which a BibTeX file or
    papers.json is cut into parts."""
    result: list[GeneratedFile] = [*feed_files(feeds(known), known.site_url, known.fallback_date)]
    entries = [known.citations[paper.slug] for paper in known.papers]
    result += bibtex_files("papers.bib", entries, limit)
    for tag in known.tags:
        entries = [known.citations[paper.slug] for paper in tag.papers]
        result += bibtex_files(f"tags/{tag.page}.bib", entries, limit, PART_SEPARATOR)
    result += papers_json(known, limit)
    return result
