"""JSON that other tools write, mapped onto the record format (schemas/record.schema.json).

Two shapes are recognised:

- a tracker's dump, an object with a `papers` list (arxiv-daily and the like): title,
  authors, summary, arxiv_id, published, doi, categories, primary_category, comment,
  journal_ref, pdf_url, code_links;
- the Hugging Face daily-papers API (https://huggingface.co/api/daily_papers), a list of
  `{"paper": {...}, "publishedAt": ...}`: the paper's id, title, summary, authors and
  publishedAt, its githubRepo and projectPage when present, and the day it was listed.

Pure: the mapped entries are validated by read_records like any record. Fields the mapping
does not use (a tracker's keyword scores, upvotes, thumbnails) are ignored, not reported: the
file is another tool's, and the digest has no place for them.
"""

from __future__ import annotations

import re
from typing import Any

from generator.common.fields import present
from generator.common.ids import arxiv_id

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def foreign_entries(data: Any) -> list[Any] | None:
    """The entries of a dump mapped onto record fields, or None when data is not a dump."""
    if isinstance(data, dict) and isinstance(data.get("papers"), list):
        return [tracker_record(entry) for entry in data["papers"]]
    if (
        isinstance(data, list)
        and data
        and all(isinstance(item, dict) and isinstance(item.get("paper"), dict) for item in data)
    ):
        return [daily_paper_record(item) for item in data]
    return None


def tracker_record(entry: Any) -> Any:
    """One paper of a tracker's dump as a record mapping (anything else is left as it is)."""
    if not isinstance(entry, dict):
        return entry
    primary = entry.get("primary_category")
    categories = entry.get("categories")
    if isinstance(categories, list) and isinstance(primary, str) and primary:
        categories = [primary, *(c for c in categories if c != primary)]
    pdf = entry.get("pdf_url")
    record = {
        "title": entry.get("title"),
        "abstract": entry.get("summary", entry.get("abstract")),
        "authors": entry.get("authors"),
        "arxiv": arxiv_id(entry.get("arxiv_id", entry.get("arxiv"))),
        "submitted": day(entry.get("published")),
        "doi": entry.get("doi"),
        "categories": categories,
        "comment": entry.get("comment"),
        "venue": entry.get("journal_ref"),
        "pdf": None if isinstance(pdf, str) and "arxiv.org/" in pdf else pdf,
        "url": entry.get("url"),
        "links": _code_links(entry.get("code_links")),
    }
    return present(record)


def daily_paper_record(item: dict[str, Any]) -> dict[str, Any]:
    """One entry of the Hugging Face daily-papers API as a record mapping."""
    paper: dict[str, Any] = item["paper"]
    authors = paper.get("authors")
    if isinstance(authors, list):
        authors = [a.get("name") if isinstance(a, dict) else a for a in authors]
    links = [paper.get(key) for key in ("githubRepo", "projectPage")]
    record = {
        "title": paper.get("title", item.get("title")),
        "abstract": paper.get("summary"),
        "authors": authors,
        "arxiv": arxiv_id(paper.get("id")),
        "submitted": day(paper.get("publishedAt")),
        "date": day(item.get("publishedAt")),
        "links": [link for link in links if isinstance(link, str) and link] or None,
    }
    return present(record)


def day(value: Any) -> Any:
    """The day of an ISO timestamp (2024-10-22T17:59:30.000Z -> 2024-10-22)."""
    if isinstance(value, str) and DAY.match(value.strip()):
        return value.strip()[:10]
    return value


def _code_links(value: Any) -> Any:
    if isinstance(value, list):
        urls = [item.get("url") if isinstance(item, dict) else item for item in value]
        return urls or None
    return value
