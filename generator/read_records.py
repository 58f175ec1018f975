"""Read structured paper records: a YAML or JSON list of mappings.

A record with an abstract is a paper of its own. A record with only a title and
metadata completes the paper of the same title found elsewhere (see `build.join`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import yaml

from generator.model import Location, Problem, preview

FIELDS = frozenset(
    {"title", "abstract", "authors", "first_author", "date", "submitted", "arxiv", "url", "tags"}
)
# New-style (2412.10117) and old-style (hep-th/9901001) arXiv ids, with an optional version.
ARXIV_ID = re.compile(r"(?:\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})(?:v\d+)?")
WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
TIMESTAMP = "tag:yaml.org,2002:timestamp"


class ContentLoader(yaml.SafeLoader):
    """yaml.SafeLoader, but dates stay text: a bad date is reported on its record's line."""

    yaml_implicit_resolvers = {  # noqa: RUF012 (PyYAML reads it from the class)
        first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


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
    except RecursionError:
        return [], [Problem(Location(path), "cannot be read: lists or mappings nested too deeply")]
    except ValueError as error:
        return [], [Problem(Location(path), str(error))]
    records: list[Record] = []
    problems: list[Problem] = []
    for where, entry in entries:
        if isinstance(entry, Problem):
            problems.append(entry)
            continue
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
    node = yaml.compose(text, Loader=ContentLoader)
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise ValueError("expected a YAML list of records (lines starting with '- title: ...')")
    data = yaml.load(text, Loader=ContentLoader)  # a safe loader
    return [
        (Location(path, child.start_mark.line + 1), item)
        for child, item in zip(node.value, data, strict=True)
    ]


def _record(entry: Any, where: Location) -> tuple[Record | None, list[Problem]]:
    if not isinstance(entry, dict):
        return None, [Problem(where, f"record is not a mapping: {preview(entry)}")]
    problems = [
        Problem(where, f"unknown field {key!r}; known fields: {', '.join(sorted(FIELDS))}")
        for key in sorted(map(str, entry))
        if key not in FIELDS
    ]
    title = _text(entry, "title", where, problems)
    if not title:
        if entry.get("title") is None or isinstance(entry["title"], str):
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
        arxiv=_checked(entry, "arxiv", where, problems),
        url=_checked(entry, "url", where, problems),
        tags=_names(entry, "tags", where, problems),
    )
    return record, problems


def _text(entry: dict[str, Any], key: str, where: Location, problems: list[Problem]) -> str:
    value = entry.get(key)
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    problems.append(Problem(where, f"{key!r} should be text, got {preview(value)}"))
    return ""


def _checked(entry: dict[str, Any], key: str, where: Location, problems: list[Problem]) -> str:
    """An arXiv id or a web address, or "" (and a problem) when it is not one."""
    value = _text(entry, key, where, problems)
    if key == "arxiv" and value and not ARXIV_ID.fullmatch(value):
        problems.append(
            Problem(where, f"'arxiv' should be an arXiv id like 2412.10117, got {preview(value)}")
        )
        return ""
    if key == "url" and value and not (WEB_ADDRESS.fullmatch(value) and urlsplit(value).hostname):
        problems.append(
            Problem(
                where,
                "'url' should be a web address starting with https:// or http://, "
                f"got {preview(value)}",
            )
        )
        return ""
    return value


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
    problems.append(Problem(where, f"{key!r} should be a list of text, got {preview(value)}"))
    return ()


def _date(
    entry: dict[str, Any], key: str, where: Location, problems: list[Problem]
) -> dt.date | None:
    value = entry.get(key)
    if value is None:
        return None
    for parse in (dt.date.fromisoformat, lambda text: dt.datetime.fromisoformat(text).date()):
        try:
            return parse(str(value).strip())
        except ValueError:
            pass
    problems.append(
        Problem(where, f"{key!r} should be a date like 2025-03-11, got {preview(value)}")
    )
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
