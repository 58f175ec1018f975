"""Read structured paper records: a YAML or JSON list of mappings, or JSON Lines.

A record with an abstract is a paper of its own. A record with only a title and
metadata completes the paper of the same title found elsewhere (see `build.join`).
The fields are described by schemas/record.schema.json. A JSON file that is a
tracker's or an API's dump rather than a list of records is read by read_foreign.py.
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
from generator.read.foreign_json import foreign_entries
from generator.read.yaml_lines import ContentLoader, FastContentLoader

FIELDS = frozenset(
    {"title", "abstract", "authors", "first_author", "date", "submitted", "arxiv", "url", "tags"}
    | {"doi", "venue", "year", "categories", "comment", "pdf", "links"}
)
# New-style (2412.10117) and old-style (hep-th/9901001) arXiv ids, with an optional version.
ARXIV_ID = re.compile(r"(?:\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})(?:v\d+)?")
DOI = re.compile(r"10\.\d{4,9}/\S+")
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)


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
    doi: str = ""
    venue: str = ""
    year: int | None = None
    categories: tuple[str, ...] = ()
    comment: str = ""
    pdf: str = ""  # a PDF that is not on arXiv
    links: tuple[str, ...] = ()  # code, data, project pages
    # False for entries of files made by other tools (BibTeX, arXiv, trackers): one with no
    # abstract and no paper of its title is a note, not a problem (see build.join).
    hand_written: bool = True


def read_records(text: str, path: str) -> tuple[list[Record], list[Problem]]:
    """Records from YAML, JSON or JSON Lines text; every problem names the file and line or
    entry."""
    if path.endswith(".jsonl"):
        return records_from(_load_lines(text, path))
    try:
        data = json.loads(text.removeprefix("\ufeff")) if path.endswith(".json") else None
        mapped = foreign_entries(data)
        if mapped is not None:
            entries = [(Location(path, entry=n), item) for n, item in enumerate(mapped, start=1)]
            return records_from(entries, hand_written=False)
        entries = _load(text, path, data)
    except (yaml.YAMLError, json.JSONDecodeError) as error:
        return [], [Problem(_error_location(error, path), f"cannot be read: {_first_line(error)}")]
    except RecursionError:
        return [], [Problem(Location(path), "cannot be read: lists or mappings nested too deeply")]
    except ValueError as error:
        return [], [Problem(Location(path), str(error))]
    return records_from(entries)


def records_from(
    entries: list[tuple[Location, Any]], hand_written: bool = True
) -> tuple[list[Record], list[Problem]]:
    """Validated records from mappings in the record format (or problems found reading them)."""
    records: list[Record] = []
    problems: list[Problem] = []
    for where, entry in entries:
        if isinstance(entry, Problem):
            problems.append(entry)
            continue
        record, found = _record(entry, where, hand_written)
        problems.extend(found)
        if record is not None:
            records.append(record)
    return records, problems


def _load_lines(text: str, path: str) -> list[tuple[Location, Any]]:
    """JSON Lines: a record per line; a line that is not JSON is a problem of its own."""
    entries: list[tuple[Location, Any]] = []
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        where = Location(path, number)
        try:
            entries.append((where, json.loads(line)))
        except json.JSONDecodeError as error:
            entries.append((where, Problem(where, f"cannot be read: {error.msg}")))
        except RecursionError:
            entries.append((where, Problem(where, "cannot be read: nested too deeply")))
    return entries


def _load(text: str, path: str, data: Any) -> list[tuple[Location, Any]]:
    text = text.removeprefix("\ufeff")
    if path.endswith(".json"):
        if not isinstance(data, list):
            raise ValueError('expected a JSON list of records ([{"title": ..., ...}, ...])')
        return [(Location(path, entry=n), item) for n, item in enumerate(data, start=1)]
    loader = FastContentLoader(text)  # one parse, in C when libyaml is there: node marks give lines
    try:
        node = loader.get_single_node()
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise ValueError("expected a YAML list of records (lines starting with '- title: ...')")
        data = loader.construct_document(node)
    except yaml.YAMLError:
        yaml.compose(text, Loader=ContentLoader)  # raises the same error, worded more clearly
        raise
    finally:
        loader.dispose()
    return [
        (Location(path, child.start_mark.line + 1), item)
        for child, item in zip(node.value, data, strict=True)
    ]


def _record(entry: Any, where: Location, hand_written: bool) -> tuple[Record | None, list[Problem]]:
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
        doi=_doi(entry, where, problems),
        venue=" ".join(_text(entry, "venue", where, problems).split()),
        year=_year(entry, where, problems),
        categories=_names(entry, "categories", where, problems),
        comment=" ".join(_text(entry, "comment", where, problems).split()),
        pdf=_checked(entry, "pdf", where, problems),
        links=_addresses(entry, where, problems),
        hand_written=hand_written,
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
    if key in {"url", "pdf"} and value and not web_address(value):
        problems.append(
            Problem(
                where,
                f"{key!r} should be a web address starting with https:// or http://, "
                f"got {preview(value)}",
            )
        )
        return ""
    return value


def web_address(value: str) -> bool:
    return bool(WEB_ADDRESS.fullmatch(value) and urlsplit(value).hostname)


def normal_doi(value: str) -> str:
    """A DOI without the resolver's address or a 'doi:' prefix, or "" when it is not one."""
    value = DOI_PREFIX.sub("", value.strip())
    return value if DOI.fullmatch(value) else ""


def _doi(entry: dict[str, Any], where: Location, problems: list[Problem]) -> str:
    value = _text(entry, "doi", where, problems)
    if value and not normal_doi(value):
        problems.append(
            Problem(where, f"'doi' should be a DOI like 10.1109/5.771073, got {preview(value)}")
        )
    return normal_doi(value)


def _year(entry: dict[str, Any], where: Location, problems: list[Problem]) -> int | None:
    value = entry.get("year")
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return value
    problems.append(Problem(where, f"'year' should be a year like 2024, got {preview(value)}"))
    return None


def _addresses(entry: dict[str, Any], where: Location, problems: list[Problem]) -> tuple[str, ...]:
    found = _names(entry, "links", where, problems)
    bad = [value for value in found if not web_address(value)]
    if bad:
        problems.append(
            Problem(
                where,
                "'links' should be web addresses starting with https:// or http://, "
                f"got {preview(bad[0])}",
            )
        )
    return tuple(value for value in found if web_address(value))


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
