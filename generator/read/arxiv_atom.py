"""Read an arXiv API response (Atom 1.0 with the arxiv and opensearch extensions).

Each <entry> becomes a record: its arXiv id (without the version), title, summary, authors,
published day (the submission of version 1), DOI, journal reference (the venue), comment
and categories, the primary one first. An entry the API uses to report an error is a
problem. `digest import arxiv` reads what it fetches with the same functions.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from generator.common.fields import present
from generator.common.ids import arxiv_id
from generator.model import Location, Problem, Record
from generator.read.foreign_json import day
from generator.read.records import records_from

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


@dataclass(frozen=True)
class ApiAnswer:
    """What an arXiv API response holds: its entries as record mappings, and its count."""

    entries: list[tuple[Location, dict[str, Any]]]
    problems: list[Problem]
    total: int | None  # opensearch:totalResults, the matches of the whole query


def read_atom(text: str, path: str) -> tuple[list[Record], list[Problem]]:
    """Records of an arXiv API response; what cannot be read is a problem."""
    feed = parse_feed(text, path)
    records, problems = records_from(feed.entries, hand_written=False)
    return records, feed.problems + problems


def parse_feed(text: str, path: str) -> ApiAnswer:
    try:
        root = ET.fromstring(text.removeprefix("\ufeff"))
    except ET.ParseError as error:
        line, message = error.position[0], re.sub(r": line \d+, column \d+$", "", error.msg)
        return ApiAnswer([], [Problem(Location(path, line), f"cannot be read: {message}")], None)
    if root.tag != f"{ATOM}feed":
        return ApiAnswer([], [Problem(Location(path), _not_a_feed(root.tag))], None)
    entries, problems = [], []
    for position, entry in enumerate(root.iter(f"{ATOM}entry"), start=1):
        identifier = _text(entry, f"{ATOM}id")
        if "/api/errors" in identifier:
            message = _text(entry, f"{ATOM}summary") or identifier
            problems.append(Problem(Location(path), f"the arXiv API reported an error: {message}"))
            continue
        record = entry_record(entry)
        entries.append((Location(path, entry=record.get("arxiv") or position), record))
    total = _text(root, f"{OPENSEARCH}totalResults")
    return ApiAnswer(entries, problems, int(total) if total.isdigit() else None)


def entry_record(entry: ET.Element) -> dict[str, Any]:
    """One <entry> as a record mapping: only the fields it has."""
    identifier = _text(entry, f"{ATOM}id")
    primary = entry.find(f"{ARXIV}primary_category")
    categories = [c.get("term", "") for c in entry.findall(f"{ATOM}category")]
    if primary is not None and primary.get("term"):
        categories = [primary.get("term", ""), *categories]
    record = {
        "title": _text(entry, f"{ATOM}title"),
        "abstract": _text(entry, f"{ATOM}summary"),
        "authors": [n for a in entry.findall(f"{ATOM}author") if (n := _text(a, f"{ATOM}name"))],
        "arxiv": arxiv_id(identifier.rpartition("/abs/")[2]) if "/abs/" in identifier else "",
        "submitted": day(_text(entry, f"{ATOM}published")),
        "doi": _text(entry, f"{ARXIV}doi"),
        "venue": _text(entry, f"{ARXIV}journal_ref"),
        "comment": _text(entry, f"{ARXIV}comment"),
        "categories": list(dict.fromkeys(c for c in categories if c)),
    }
    return present(record)


def _text(element: ET.Element, tag: str) -> str:
    return " ".join((element.findtext(tag) or "").split())


def _not_a_feed(tag: str) -> str:
    name = tag.rpartition("}")[2]
    return f"expected an arXiv API response (an Atom <feed>), found <{name}>"
