"""`digest import`: fetch papers from the arXiv API or the Hugging Face daily papers into
content/imported/ as records (schemas/record.schema.json), one YAML file per source and day:

    content/imported/arxiv-2025-11-26.yml       digest import arxiv (the day of the import)
    content/imported/hf-daily-2025-11-25.yml    digest import hf-daily 2025-11-25

A paper already in content/ (the same arXiv id or DOI, from any file) is not written again,
so importing twice adds nothing. New records are appended under a comment saying where they
came from; what is in the file already is never rewritten, so it may be edited by hand.
Each record's `date` is its digest day: the day of the import, or the daily-papers day.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import yaml

from generator.common.fields import present
from generator.fetch.client import Client
from generator.model import Location, Record
from generator.read.arxiv_atom import parse_feed
from generator.read.dispatch import read_folder
from generator.read.foreign_json import foreign_entries
from generator.read.records import ARXIV_ID, records_from
from generator.read.settings import Settings
from generator.transform.dedupe import arxiv_key

ARXIV_API = "https://export.arxiv.org/api/query"
HF_DAILY_API = "https://huggingface.co/api/daily_papers"
FOLDER = "imported"
PAGE = 100  # papers per arXiv API request
ORDER = "title abstract authors date submitted arxiv doi venue year categories comment url pdf"
ORDER += " links tags"


class ImportFailure(Exception):
    """A source answered, but not with papers: an error, or something unexpected."""


@dataclass(frozen=True)
class Batch:
    """What one import fetched, and what it wrote."""

    source: str  # "arXiv search 'cat:cs.CL'", ...
    fetched: int
    new: int
    path: Path | None  # the file the new records went into; None when there were none
    notes: tuple[str, ...] = ()

    def summary(self, content: Path) -> str:
        where = f" to {self.path.relative_to(content.parent).as_posix()}" if self.path else ""
        already = self.fetched - self.new
        return (
            f"{self.source}: {self.fetched} papers fetched, {already} already in content/, "
            f"{self.new} new written{where}"
        )


def arxiv_url(terms: tuple[str, ...], start: int, count: int) -> str:
    """The API request for arXiv ids (every term an id) or a search, newest first."""
    if terms and all(ARXIV_ID.fullmatch(term) for term in terms):
        query = {"id_list": ",".join(terms), "start": start, "max_results": count}
    else:
        query = {
            "search_query": " ".join(terms),
            "start": start,
            "max_results": count,
            "sortBy": "submittedDate",
            "sortOrder": "descending",
        }
    return f"{ARXIV_API}?{urlencode(query)}"


def fetch_arxiv(
    client: Client, terms: tuple[str, ...], limit: int, day: dt.date
) -> tuple[list[Record], list[str]]:
    """Up to `limit` papers: the newest of a search, or the ids asked for. Pages of PAGE."""
    records: list[Record] = []
    notes: list[str] = []
    wanted = len(terms) if all(ARXIV_ID.fullmatch(t) for t in terms) else limit
    start = 0  # entries seen: a page whose entries are all unusable still moves on
    while start < wanted:
        url = arxiv_url(terms, start, min(PAGE, wanted - start))
        feed = parse_feed(client.get(url).decode("utf-8", "replace"), url)
        if feed.problems:
            raise ImportFailure(feed.problems[0].message)
        found, problems = records_from(feed.entries, hand_written=False)
        notes += [str(problem) for problem in problems]
        records += _usable(found, day, notes)
        start += len(feed.entries)
        if not feed.entries or (feed.total is not None and start >= feed.total):
            break
    if not records:
        raise ImportFailure(
            f"the arXiv API returned no papers for {' '.join(terms)!r}; check the query "
            "(https://info.arxiv.org/help/api/user-manual.html#query_details)"
        )
    return records, notes


def fetch_hf_daily(client: Client, day: dt.date) -> tuple[list[Record], list[str]]:
    """The Hugging Face daily papers of a day (none on some days: that is not an error)."""
    url = f"{HF_DAILY_API}?{urlencode({'date': day.isoformat()})}"
    try:
        data = json.loads(client.get(url))
    except ValueError as error:
        raise ImportFailure(f"{url} did not answer with JSON: {error}") from None
    if not isinstance(data, list):
        raise ImportFailure(f"{url} answered with {type(data).__name__}, not a list of papers")
    entries = foreign_entries(data) if data else []
    if entries is None:
        raise ImportFailure(f"{url} answered with something other than daily papers")
    where = [Location(url, entry=n) for n in range(1, len(entries) + 1)]
    found, problems = records_from(list(zip(where, entries, strict=True)), hand_written=False)
    notes = [str(problem) for problem in problems]
    return _usable(found, day, notes), notes


def write_new(
    content: Path, name: str, records: list[Record], heading: str
) -> tuple[int, Path | None]:
    """Append the records content/ does not have yet to content/imported/<name>."""
    known_arxiv, known_doi = known(content)
    new: list[Record] = []
    for record in records:
        key, doi = arxiv_key(record.arxiv), record.doi.lower()
        if (key and key in known_arxiv) or (doi and doi in known_doi):
            continue
        known_arxiv.add(key)
        known_doi.add(doi)
        new.append(record)
    if not new:
        return 0, None
    path = content / FOLDER / name
    path.parent.mkdir(parents=True, exist_ok=True)
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    block = f"# {' '.join(heading.split())}\n" + records_yaml(new)
    path.write_text(old + ("\n" if old and not old.endswith("\n") else "") + block, "utf-8")
    return len(new), path


def known(content: Path) -> tuple[set[str], set[str]]:
    """The arXiv ids (without version) and DOIs that content/'s files give any paper, as the
    readers find them (a page copy's papers, and every record, with or without abstract)."""
    found = read_folder(content, Settings().year, [])
    ids = [(p.arxiv, p.doi) for p in found.papers] + [(r.arxiv, r.doi) for r in found.records]
    return (
        {arxiv_key(arxiv) for arxiv, _ in ids if arxiv},
        {doi.lower() for _, doi in ids if doi},
    )


def records_yaml(records: list[Record]) -> str:
    """Records as YAML in the record format, fields in a fixed order."""
    data = [record_data(record) for record in records]
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def record_data(record: Record) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": record.title,
        "abstract": record.abstract,
        "authors": list(record.authors),
        "date": record.date.isoformat() if record.date else None,
        "submitted": record.submitted.isoformat() if record.submitted else None,
        "arxiv": record.arxiv,
        "doi": record.doi,
        "venue": record.venue,
        "year": record.year,
        "categories": list(record.categories),
        "comment": record.comment,
        "url": record.url,
        "pdf": record.pdf,
        "links": list(record.links),
        "tags": list(record.tags),
    }
    return present({key: values[key] for key in ORDER.split()})


def _usable(records: list[Record], day: dt.date, notes: list[str]) -> list[Record]:
    """The records as the import writes them, dated by the day imported; one with no
    abstract (it would be the record of no paper) left out, with a note."""
    notes += [f"{r.where}: no abstract; not imported" for r in records if not r.abstract]
    return [replace(r, date=day, hand_written=True) for r in records if r.abstract]
