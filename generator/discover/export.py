"""papers.json: every paper with its tags, links and metadata, for reuse.

Pure. The format is described by schemas/papers.schema.json (tests validate against it);
keys are sorted, papers keep the digest's order and tags the home page's.
"""

from __future__ import annotations

import json

from generator.discover.facts import Facts
from generator.model import Paper

FORMAT_VERSION = 1


def paper_record(paper: Paper, facts: Facts) -> dict[str, object]:
    return {
        "slug": paper.slug,
        "url": facts.paper_url(paper),
        "title": paper.title,
        "abstract": paper.abstract,
        "authors": list(paper.authors),
        "authors_complete": paper.authors_complete,
        "date": paper.date.isoformat() if paper.date else None,
        "submitted": paper.submitted.isoformat() if paper.submitted else None,
        "arxiv": paper.arxiv or None,
        "links": [{"kind": ln.kind, "label": ln.label, "url": ln.url} for ln in paper.links],
        "tags": [
            {"name": tagging.tag, "reason": tagging.reason, "url": facts.tag_url(tagging.tag)}
            for tagging in paper.tags
        ],
        "citation_key": facts.cite_keys[paper.slug],
        "related": list(facts.related.get(paper.slug, ())),
    }


def tag_record(name: str, description: str, count: int, facts: Facts) -> dict[str, object]:
    return {
        "name": name,
        "description": description,
        "papers": count,
        "url": facts.tag_url(name),
        "feeds": {"atom": facts.tag_url(name, "xml"), "json": facts.tag_url(name, "json")},
        "bibtex": facts.tag_url(name, "bib"),
    }


def papers_json(facts: Facts) -> str:
    """The whole digest as JSON, keys sorted."""
    site = facts.site_url
    data = {
        "format_version": FORMAT_VERSION,
        "title": facts.title,
        "description": facts.description,
        "url": site,
        "feeds": {"atom": f"{site}feed.xml", "json": f"{site}feed.json"},
        "bibtex": f"{site}papers.bib",
        "tags": [tag_record(tag.name, tag.description, tag.count, facts) for tag in facts.tags],
        "papers": [paper_record(paper, facts) for paper in facts.papers],
    }
    # Compact: the standard library only writes JSON at C speed without indentation.
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"
