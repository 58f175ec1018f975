"""Read structured paper records: a YAML or JSON list of mappings.

A record with an abstract is a paper of its own. A record with only a title and
metadata completes the paper of the same title found elsewhere (see `build.join`).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import yaml

from generator.model import Location, Problem

FIELDS = frozenset(
    {"title", "abstract", "authors", "first_author", "date", "submitted", "arxiv", "url", "tags"}
)


@dataclass(frozen=True)
class Record:
    """One validated record, before it is made into or joined onto a paper."""

    where: Location
    title: str
    abstract: str = ""
    authors: tuple[str, ...] = ()
    authors_complete: bool = True
    date: dt.date | None = None
    submitted: dt.date | None = None
    arxiv: str = ""
    url: str = ""
    tags: tuple[str, ...] = ()


def read_records(text: str, path: str) -> tuple[list[Record], list[Problem]]:
    """Records from YAML or JSON text; every problem names the file and line or entry."""
    try:
        entries = _load(text, path)
    except (yaml.YAMLError, json.JSONDecodeError) as error:
        return [], [Problem(_error_location(error, path), f"cannot be read: {_first_line(error)}")]
    except ValueError as error:
        return [], [Problem(Location(path), str(error))]
    records: list[Record] = []
    problems: list[Problem] = []
    for where, entry in entries:
        record, found = _record(entry, where)
        problems.extend(found)
        if record is not None:
            records.append(record)
    return records, problems


def _load(text: str, path: str) -> list[tuple[Location, Any]]:
    text = text.removeprefix("\ufeff")
    if path.endswith(".json"):
        data = json.loads(text)
        if not isinstance(data, list):
            raise ValueError('expected a JSON list of records ([{"title": ..., ...}, ...])')
        return [(Location(path, entry=n), item) for n, item in enumerate(data, start=1)]
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise ValueError("expected a YAML list of records (lines starting with '- title: ...')")
    data = yaml.safe_load(text)
    return [
        (Location(path, child.start_mark.line + 1), item)
        for child, item in zip(node.value, data, strict=True)
    ]


def _record(entry: Any, where: Location) -> tuple[Record | None, list[Problem]]:
    if not isinstance(entry, dict):
        return None, [Problem(where, f"record is not a mapping: {entry!r:.60}")]
    problems = [
        Problem(where, f"unknown field {key!r}; known fields: {', '.join(sorted(FIELDS))}")
        for key in sorted(map(str, entry))
        if key not in FIELDS
    ]
    title = _text(entry, "title", where, problems)
    if not title:
        problems.append(Problem(where, "record has no title; every record needs 'title'"))
        return None, problems
    authors = _names(entry, "authors", where, problems)
    first = _text(entry, "first_author", where, problems)
    record = Record(
        where=where,
        title=" ".join(title.split()),
        abstract=" ".join(_text(entry, "abstract", where, problems).split()),
        authors=authors or ((first,) if first else ()),
        authors_complete=not (first and not authors),
        date=_date(entry, "date", where, problems),
        submitted=_date(entry, "submitted", where, problems),
        arxiv=_text(entry, "arxiv", where, problems),
        url=_text(entry, "url", where, problems),
        tags=_names(entry, "tags", where, problems),
    )
    return record, problems


def _text(entry: dict[str, Any], key: str, where: Location, problems: list[Problem]) -> str:
    value = entry.get(key)
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    problems.append(Problem(where, f"{key!r} should be text, got {value!r:.60}"))
    return ""


def _names(
    entry: dict[str, Any], key: str, where: Location, problems: list[Problem]
) -> tuple[str, ...]:
    value = entry.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [part for part in value.split(",")] if key == "tags" else [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(item.strip() for item in value if item.strip())
    problems.append(Problem(where, f"{key!r} should be a list of text, got {value!r:.60}"))
    return ()


def _date(
    entry: dict[str, Any], key: str, where: Location, problems: list[Problem]
) -> dt.date | None:
    value = entry.get(key)
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.append(Problem(where, f"{key!r} should be a date like 2025-03-11, got {value!r}"))
        return None


def _error_location(error: Exception, path: str) -> Location:
    if isinstance(error, json.JSONDecodeError):
        return Location(path, error.lineno)
    mark = getattr(error, "problem_mark", None)
    return Location(path, mark.line + 1 if mark is not None else 0)


def _first_line(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return error.msg
    return str(getattr(error, "problem", None) or error).splitlines()[0]
