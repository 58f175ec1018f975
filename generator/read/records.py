"""Read structured paper records: a YAML or JSON list of mappings, or JSON Lines.

A record with an abstract is a paper of its own. A record with only a title and
metadata completes the paper of the same title found elsewhere (see `build.join`).
The fields, and what each may hold, are declared by generator/schemas/record.schema.json;
the reader checks every record against it. A JSON file that is a tracker's or an API's
dump rather than a list of records is read by foreign_json.py.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any
from urllib.parse import urlsplit

import yaml

from generator.common.ids import WEB_ADDRESS
from generator.common.schema import Checked, Lines, Schema, no_lines
from generator.model import Location, Problem, Record, preview
from generator.read.foreign_json import foreign_entries, other_tool_entries
from generator.read.yaml_lines import NodeLines, parse_yaml

RECORD = Schema("record", "record")
# New-style (2412.10117) and old-style (hep-th/9901001) arXiv ids, with an optional version.
ARXIV_ID = re.compile(r"(?:\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})(?:v\d+)?")
DOI = re.compile(r"10\.\d{4,9}/\S+")
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
Entry = tuple[Location, Any, Lines]


def read_records(text: str, path: str) -> tuple[list[Record], list[Problem]]:
    """Records from YAML, JSON or JSON Lines text; every problem names the file and line (in
    JSON, the entry) and the field."""
    if path.endswith(".jsonl"):
        return _records(_load_lines(text, path))
    try:
        data = json.loads(text.removeprefix("\ufeff")) if path.endswith(".json") else None
        mapped = foreign_entries(data)
        other = other_tool_entries(data) if mapped is None else None
        mapped = other[0] if other is not None else mapped
        if mapped is not None:
            return records_from(
                [(Location(path, entry=n), item) for n, item in enumerate(mapped, start=1)],
                hand_written=False,
            )
        entries = _load(text, path, data)
    except (yaml.YAMLError, json.JSONDecodeError) as error:
        return [], [Problem(_error_location(error, path), f"cannot be read: {_first_line(error)}")]
    except RecursionError:
        return [], [Problem(Location(path), "cannot be read: lists or mappings nested too deeply")]
    except ValueError as error:
        return [], [Problem(Location(path), str(error))]
    return _records(entries)


def records_from(
    entries: list[tuple[Location, Any]], hand_written: bool = True
) -> tuple[list[Record], list[Problem]]:
    """Validated records from mappings in the record format (or problems found reading them),
    each located by its entry's Location."""
    return _records([(where, entry, no_lines) for where, entry in entries], hand_written)


def _records(entries: list[Entry], hand_written: bool = True) -> tuple[list[Record], list[Problem]]:
    records: list[Record] = []
    problems: list[Problem] = []
    for where, entry, lines in entries:
        if isinstance(entry, Problem):
            problems.append(entry)
            continue
        record, found = _record(entry, where, lines, hand_written)
        problems.extend(found)
        if record is not None:
            records.append(record)
    return records, problems


def _load_lines(text: str, path: str) -> list[Entry]:
    """JSON Lines: a record per line; a line that is not JSON is a problem of its own."""
    entries: list[Entry] = []
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        where = Location(path, number)
        try:
            entries.append((where, json.loads(line), no_lines))
        except json.JSONDecodeError as error:
            entries.append((where, Problem(where, f"cannot be read: {error.msg}"), no_lines))
        except RecursionError:
            entries.append((where, Problem(where, "cannot be read: nested too deeply"), no_lines))
    return entries


def _load(text: str, path: str, data: Any) -> list[Entry]:
    if path.endswith(".json"):
        if not isinstance(data, list):
            found = (
                f"an object with keys {preview(sorted(map(str, data)))}"
                if isinstance(data, dict)
                else f"{type(data).__name__} {preview(data)}"
            )
            raise ValueError(
                f'expected a JSON list of records ([{{"title": ..., ...}}, ...]), an object '
                f"holding such a list, or an object of id to record; found {found}"
            )
        return [(Location(path, entry=n), item, no_lines) for n, item in enumerate(data, start=1)]
    data, node = parse_yaml(text)  # node marks give each record's and each field's line
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise ValueError("expected a YAML list of records (lines starting with '- title: ...')")
    return [
        (Location(path, child.start_mark.line + 1), item, NodeLines(child))
        for child, item in zip(node.value, data, strict=True)
    ]


def _record(
    entry: Any, where: Location, lines: Lines, hand_written: bool
) -> tuple[Record | None, list[Problem]]:
    """The record of a mapping that generator/schemas/record.schema.json accepts, less the
    fields it refuses; the checks a schema cannot make (real dates, web hosts) are made here."""
    checked = RECORD.check(entry, where, lines)
    if not checked.usable("title"):
        return None, checked.problems
    fields = Fields(entry, checked, where, lines)
    authors = fields.names("authors")
    first = fields.text("first_author")
    record = Record(
        where=where,
        title=fields.text("title"),
        abstract=fields.text("abstract"),
        authors=authors or ((first,) if first else ()),
        authors_complete=not (first and not authors),
        date=fields.date("date"),
        submitted=fields.date("submitted"),
        arxiv=fields.arxiv(),
        url=fields.address("url"),
        tags=fields.names("tags"),
        doi=fields.doi(),
        venue=fields.text("venue"),
        year=fields.year(),
        categories=fields.names("categories"),
        comment=fields.text("comment"),
        pdf=fields.address("pdf"),
        links=fields.links(),
        hand_written=hand_written,
    )
    return record, sorted(checked.problems + fields.problems, key=lambda found: found.where.line)


class Fields:
    """The values of a checked record: those with no problem, tidied ("" or None when a
    field is missing or has a problem); what only code can check is added to problems."""

    def __init__(self, entry: dict[str, Any], checked: Checked, where: Location, lines: Lines):
        self.entry, self.checked, self.where, self.lines = entry, checked, where, lines
        self.usable = (
            entry
            if not checked.bad
            else {key: value for key, value in entry.items() if checked.usable(key)}
        )
        self.problems: list[Problem] = []

    def refuse(self, *path: str | int) -> None:
        self.problems.append(RECORD.refuse(self.entry, self.where, self.lines, path))

    def text(self, key: str) -> str:
        value = self.usable.get(key)
        return "" if value is None else " ".join(str(value).split())

    def names(self, key: str) -> tuple[str, ...]:
        value = self.usable.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = value.split(",") if key == "tags" else [value]
        return tuple(item.strip() for item in value if item.strip())

    def date(self, key: str) -> dt.date | None:
        text = self.text(key)
        if not text:
            return None
        for parse in (dt.date.fromisoformat, lambda text: dt.datetime.fromisoformat(text).date()):
            try:
                return parse(text)
            except ValueError:
                pass
        self.refuse(key)
        return None

    def arxiv(self) -> str:
        """A number (an unquoted id in YAML) is read as its text, which must be an id too."""
        text = self.text("arxiv")
        if text and not ARXIV_ID.fullmatch(text):
            self.refuse("arxiv")
            return ""
        return text

    def address(self, key: str) -> str:
        return self._address(self.text(key), key)

    def links(self) -> tuple[str, ...]:
        found = [
            self._address(value.strip(), "links", n)
            for n, value in enumerate(self.usable.get("links") or ())
            if self.checked.usable("links", n)
        ]
        return tuple(link for link in found if link)

    def _address(self, text: str, *path: str | int) -> str:
        """A web address; the schema's pattern cannot see that one has no host."""
        if text and not web_address(text):
            self.refuse(*path)
            return ""
        return text

    def doi(self) -> str:
        return normal_doi(self.text("doi"))

    def year(self) -> int | None:
        text = self.text("year")
        return int(float(text)) if text else None


def web_address(value: str) -> bool:
    try:
        return bool(WEB_ADDRESS.fullmatch(value) and urlsplit(value).hostname)
    except ValueError:  # a host urlsplit refuses, such as '[' without ']'
        return False


def normal_doi(value: str) -> str:
    """A DOI without the resolver's address or a 'doi:' prefix, or "" when it is not one."""
    value = DOI_PREFIX.sub("", value.strip())
    return value if DOI.fullmatch(value) else ""


def _error_location(error: Exception, path: str) -> Location:
    if isinstance(error, json.JSONDecodeError):
        return Location(path, error.lineno)
    mark = getattr(error, "problem_mark", None)
    return Location(path, mark.line + 1 if mark is not None else 0)


def _first_line(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return error.msg
    return str(getattr(error, "problem", None) or error).splitlines()[0]
