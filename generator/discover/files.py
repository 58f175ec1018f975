"""The digest's data files: feeds, BibTeX files and papers.json, from the facts.

Pure: returns (path in docs/, text) pairs, which MkDocs copies into the site as they are.

    feed.xml, feed.json      every paper          tags/<tag>.xml, tags/<tag>.json
    papers.bib               every paper          tags/<tag>.bib
    papers.json              every paper, its tags, links and metadata
"""

from __future__ import annotations

from generator.discover.cite import bibtex
from generator.discover.export import papers_json
from generator.discover.facts import Facts
from generator.discover.feeds import Feed, feed_files
from generator.model import GeneratedFile


def feeds(known: Facts) -> list[Feed]:
    """The digest's feed, then one per tag."""
    result = [Feed(known.title, known.description, known.title, "feed", "", known.papers)]
    for tag in known.tags:
        stem = f"tags/{tag.page}"
        title = f"{known.title}: {tag.name}"
        result.append(Feed(title, tag.description, known.title, stem, f"{stem}.html", tag.papers))
    return result


def data_files(known: Facts) -> list[GeneratedFile]:
    """Feeds, BibTeX files and papers.json."""
    result = feed_files(feeds(known), known.site_url, known.fallback_date)
    result.append(("papers.bib", bibtex(known.papers, known.citations)))
    for tag in known.tags:
        result.append((f"tags/{tag.page}.bib", bibtex(tag.papers, known.citations)))
    result.append(("papers.json", papers_json(known)))
    return result
