"""Read RIS, as Zotero, Mendeley, EndNote and Scopus export it, through rispy.

Each reference gives a record: title (TI, T1), abstract (AB, N2), authors (AU, A1), DOI (DO),
addresses (UR; an arXiv one gives the arXiv id), the journal (JO, JF, T2) and the date (DA,
PY, Y1). Tags the digest has no place for are ignored: the file is another tool's.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import rispy

from generator.model import Location, Problem, Record
from generator.read.records import ARXIV_ID, normal_doi, web_address

ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/(" + ARXIV_ID.pattern + r")", re.IGNORECASE)
ARXIV_NOTE = re.compile(r"\barXiv:\s*(" + ARXIV_ID.pattern + r")", re.IGNORECASE)
DATE = re.compile(r"(\d{4})(?:[/-](\d{1,2}))?(?:[/-](\d{1,2}))?")
START = re.compile(r"^TY  - ", re.MULTILINE)


def read_ris(text: str, path: str) -> tuple[list[Record], list[Problem]]:
    """The references of an RIS file as records; a reference with no title is a problem."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    starts = [text[: match.start()].count("\n") + 1 for match in START.finditer(text)]
    if not starts:
        return [], [
            Problem(Location(path), "holds no reference (expected lines like 'TY  - JOUR')")
        ]
    try:
        entries = rispy.loads(text, skip_unknown_tags=True)
    except (OSError, ValueError, KeyError) as error:
        return [], [Problem(Location(path), f"cannot be read as RIS: {error}")]
    records: list[Record] = []
    problems: list[Problem] = []
    for number, entry in enumerate(entries):
        where = Location(path, starts[number] if number < len(starts) else 0, entry=number + 1)
        title = _first(entry, "title", "primary_title")
        if not title:
            problems.append(Problem(where, "reference has no title (TI or T1)"))
            continue
        records.append(_record(entry, where, title))
    return records, problems


def _record(entry: dict[str, Any], where: Location, title: str) -> Record:
    urls = [u for u in _list(entry, "urls") if web_address(u)]
    notes = " ".join([*_list(entry, "notes"), _first(entry, "note")])
    arxiv = next((m.group(1) for u in urls if (m := ARXIV_URL.search(u))), "")
    arxiv = arxiv or next((m.group(1) for m in [ARXIV_NOTE.search(notes)] if m), "")
    date, year = _date(_first(entry, "date", "publication_year", "year"))
    return Record(
        where=where,
        title=" ".join(title.split()),
        abstract=" ".join(_first(entry, "abstract", "notes_abstract").split()),
        authors=tuple(
            _person(name) for name in _list(entry, "authors") or _list(entry, "first_authors")
        ),
        date=None,
        submitted=date,
        arxiv=re.sub(r"v\d+$", "", arxiv),
        url=next((u for u in urls if not ARXIV_URL.search(u)), ""),
        doi=normal_doi(_first(entry, "doi")),
        venue=_first(entry, "journal_name", "alternate_title3", "secondary_title"),
        year=year,
        hand_written=False,
    )


def _first(entry: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = entry.get(key)
        if isinstance(value, list):
            value = next((item for item in value if isinstance(item, str) and item.strip()), "")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _person(name: str) -> str:
    """'Pierrot, A.' as 'A. Pierrot' (RIS writes family names first), as BibTeX names are read;
    'Marx, Karl, Jr.' as 'Karl Marx Jr.'; a name without a comma as it is."""
    parts = [part.strip() for part in name.split(",")]
    if len(parts) < 2 or not all(parts[:2]):
        return name
    family, given, *rest = parts
    return " ".join([given, family, *(part for part in rest if part)])


def _list(entry: dict[str, Any], key: str) -> list[str]:
    value = entry.get(key)
    items = value if isinstance(value, list) else [value]
    return [item.strip() for item in items if isinstance(item, str) and item.strip()]


def _date(value: str) -> tuple[dt.date | None, int | None]:
    """'2018/03/05/' as that day; '2014//' as the year 2014 only."""
    match = DATE.search(value)
    if not match:
        return None, None
    year = int(match.group(1))
    if match.group(2) and match.group(3):
        try:
            return dt.date(year, int(match.group(2)), int(match.group(3))), year
        except ValueError:
            return None, year
    return None, year
