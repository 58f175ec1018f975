"""Read arXiv's own text: the daily e-mail digest pasted as text, and listing or search pages
(/list/cs.CL/new, /search) copied from a browser.

Each entry starts at its id line ('arXiv:2411.13560', '[3] arXiv:2501.01234 [pdf, other]')
and holds 'Field: value' lines (Title, Authors, Categories or Subjects, Comments, Journal-ref,
DOI, Date), values wrapped onto indented lines, and the abstract: between '\\\\' lines in the
e-mail, after 'Abstract:' in search results, after the fields on listing pages. The e-mail's
'\\\\ ( https://arxiv.org/abs/... , 52kb)' line and the dashed lines between entries are
chrome. Pure: text in, records out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

from generator.model import Location, Problem, Record
from generator.read.page_copy import normalize_newlines
from generator.read.records import normal_doi

ENTRY = re.compile(
    r"^(?:\[\d+\]\s*)?arXiv:((?:\d{4}\.\d{4,5})|(?:[a-z][a-z.-]*/\d{7}))(?:v\d+)?\b",
    re.IGNORECASE,
)
FIELD = re.compile(
    r"^(Title|Authors?|Categories|Subjects|Comments|Journal-ref|DOI|Date|Abstract|ACM-class"
    r"|MSC-class|Report-no|Submitted|License):?\s*(.*)$",
    re.IGNORECASE,
)
CHROME_LINE = re.compile(r"^(?:-{5,}|%{5,}|\\\\ \(.*\)|\\\\)$")
MORE = re.compile(r"\s*[▽△]\s*(?:More|Less)\b")
CODE = re.compile(r"\(([a-z-]+(?:\.[A-Za-z-]+)?)\)")
SUBMITTED = re.compile(r"(\d{1,2}) (\w+),? (\d{4})")


@dataclass
class Entry:
    """One entry's fields and abstract lines, as found."""

    arxiv: str
    line: int
    fields: dict[str, list[str]] = field(default_factory=dict)
    abstract: list[str] = field(default_factory=list)


def count_entries(text: str) -> int:
    """How many lines start an arXiv entry (for the layout detector)."""
    return sum(1 for line in normalize_newlines(text).split("\n") if ENTRY.match(line.strip()))


def read_arxiv_text(text: str, path: str) -> tuple[list[Record], list[Problem]]:
    """The entries of an arXiv e-mail digest or listing page, as records."""
    records: list[Record] = []
    problems: list[Problem] = []
    for entry in _entries(text):
        where = Location(path, entry.line)
        title = _value(entry, "title")
        if not title:
            problems.append(Problem(where, f"arXiv:{entry.arxiv} has no 'Title:' line"))
            continue
        records.append(_record(entry, where, title))
    return records, problems


def _entries(text: str) -> list[Entry]:
    entries: list[Entry] = []
    current: Entry | None = None
    name = ""  # the field the last line went to
    fields_done = False  # past the fields: the rest is the abstract
    for number, raw in enumerate(normalize_newlines(text).split("\n"), start=1):
        line = raw.strip()
        start = ENTRY.match(line)
        if start:
            current = Entry(start.group(1), number)
            entries.append(current)
            name, fields_done = "", False
            continue
        if current is None:
            continue
        if CHROME_LINE.match(line):
            fields_done = fields_done or (line == "\\\\" and bool(current.fields))
            name = ""
            continue
        matched = FIELD.match(line) if not fields_done else None
        if matched and (matched.group(1).lower() != "abstract" or name != "abstract"):
            name = (
                matched.group(1).lower().rstrip("s")
                if matched.group(1).lower()
                in {
                    "authors",
                    "author",
                }
                else matched.group(1).lower()
            )
            current.fields.setdefault(name, []).append(matched.group(2))
        elif not line:
            name = "" if name != "abstract" else name
            fields_done = fields_done or bool(current.abstract)
        elif (name and raw[:1].isspace() and name != "abstract") or name == "abstract":
            current.fields[name].append(line)
        else:
            name = ""
            current.abstract.append(line)
    return entries


def _record(entry: Entry, where: Location, title: str) -> Record:
    abstract = _value(entry, "abstract") or " ".join(entry.abstract)
    authors = re.split(r",\s*|\s+and\s+", _value(entry, "author"))
    return Record(
        where=where,
        title=title,
        abstract=" ".join(MORE.sub("", abstract).split()),
        authors=tuple(name.strip() for name in authors if name.strip()),
        submitted=_submitted(entry),
        arxiv=entry.arxiv,
        doi=normal_doi(_value(entry, "doi")),
        venue=_value(entry, "journal-ref"),
        categories=_categories(entry),
        comment=_value(entry, "comments"),
        hand_written=False,
    )


def _value(entry: Entry, name: str) -> str:
    return " ".join(" ".join(entry.fields.get(name, [])).split())


def _categories(entry: Entry) -> tuple[str, ...]:
    listed = _value(entry, "categories")
    if listed:
        return tuple(listed.split())
    return tuple(CODE.findall(_value(entry, "subjects")))


def _submitted(entry: Entry) -> dt.date | None:
    date = _value(entry, "date")
    if date:
        try:
            return parsedate_to_datetime(date.split("(")[0].strip()).date()
        except (TypeError, ValueError, IndexError):
            return None
    found = SUBMITTED.search(_value(entry, "submitted"))
    if found:
        try:
            return dt.datetime.strptime(" ".join(found.groups()), "%d %B %Y").date()
        except ValueError:
            return None
    return None
