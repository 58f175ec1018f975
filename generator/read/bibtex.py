"""Read a BibTeX file (parsed by bibtexparser v2): each entry becomes a record.

Front matter (a Jekyll site's `---` lines at the top, as al-folio has) is blanked out before
parsing, keeping line numbers; other text between entries is a comment to BibTeX and is
skipped. Field values are LaTeX: accents, protective braces ({C}aps) and \\url are resolved
here, the rest by clean.py like any abstract. What bibtexparser cannot parse is a problem
named by line and entry key. An entry with no title is a note; one with no abstract completes
the paper of the same title from another file, or is a note (see build.join).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry

from generator.common.fields import present
from generator.common.ids import arxiv_id
from generator.common.latex import decode_accents, unbrace, unwrap_commands
from generator.model import Location, Problem, Record
from generator.read.records import records_from, web_address

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:.*\n)*?---[ \t]*(?:\n|\Z)")
ENTRY_KEY = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s]+)")
# al-folio's fields for links shown on a publication: each, when a web address, is a link.
LINK_FIELDS = ("code", "html", "website", "project", "poster", "slides", "video", "supp")


def read_bibtex(text: str, path: str) -> tuple[list[Record], list[Problem], list[str]]:
    """Records of a BibTeX file, the problems found, and notes on entries left out."""
    with _quiet():
        library = parse_string(blank_front_matter(text))
    problems = [_failure(block, path) for block in library.failed_blocks]
    entries: list[Entry] = list(library.entries)
    entries += [
        block.ignore_error_block
        for block in library.failed_blocks
        if isinstance(block, DuplicateFieldKeyBlock) and isinstance(block.ignore_error_block, Entry)
    ]
    mapped, notes = [], []
    for entry in sorted(entries, key=lambda e: e.start_line or 0):
        where = Location(path, entry=entry.key)
        record = bibtex_record({field.key.lower(): field.value for field in entry.fields})
        if record.get("title"):
            mapped.append((where, record))
        else:
            notes.append(f"{where}: no title; skipped (a page needs a title and an abstract)")
    records, found = records_from(mapped, hand_written=False)
    return records, problems + found, notes


def blank_front_matter(text: str) -> str:
    """The text with a leading `---` ... `---` block made blank lines (line numbers kept)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    match = FRONT_MATTER.match(text)
    if not match:
        return text
    return "\n" * match.group(0).count("\n") + text[match.end() :]


def bibtex_record(fields: dict[str, Any]) -> dict[str, Any]:
    """An entry's fields (lower-case keys, bibtexparser's values) as a record mapping."""
    record: dict[str, Any] = {
        "title": bibtex_text(fields.get("title")),
        "abstract": bibtex_text(fields.get("abstract")),
        "authors": authors(fields.get("author")),
        "year": _plain(fields.get("year")),
        "doi": _plain(fields.get("doi")),
        "venue": bibtex_text(fields.get("journal") or fields.get("booktitle")),
        "arxiv": _arxiv(fields),
        "url": _address(fields.get("url")),
        "pdf": _address(fields.get("pdf")),
        "links": [a for a in (_address(fields.get(k)) for k in LINK_FIELDS) if a],
    }
    return present(record)


def bibtex_text(value: Any) -> str | None:
    """A field's LaTeX as text: {C}aps, {\\"o} and \\url{x} resolved, spacing collapsed."""
    if not isinstance(value, str):
        return None
    text = unbrace(decode_accents(unwrap_commands(value)), words_only=False)
    return " ".join(text.split())


def authors(value: Any) -> list[str] | None:
    """'Zhang, Yichi and Ou, Zhijian and others' as ['Yichi Zhang', 'Zhijian Ou']."""
    if not isinstance(value, str) or not value.strip():
        return None
    names = [
        parse_single_name_into_parts(name, strict=False).merge_first_name_first
        for name in split_multiple_persons_names(" ".join(value.split()))
    ]
    return [text for name in names if name != "others" and (text := bibtex_text(name))]


def _arxiv(fields: dict[str, Any]) -> Any:
    if fields.get("arxiv"):
        return arxiv_id(_plain(fields["arxiv"]))
    prefix = str(fields.get("archiveprefix") or fields.get("eprinttype") or "").lower()
    return arxiv_id(_plain(fields.get("eprint"))) if prefix == "arxiv" else None


def _plain(value: Any) -> Any:
    return " ".join(value.split()) if isinstance(value, str) else value


def _address(value: Any) -> str | None:
    """A field holding a web address (al-folio's pdf may also name a file of the site)."""
    text = _plain(value)
    return text if isinstance(text, str) and web_address(text) else None


def _failure(block: Any, path: str) -> Problem:
    where = Location(path, block.start_line + 1)
    key = ENTRY_KEY.match(block.raw or "")
    name = f"entry {key.group(1)!r}" if key else "entry"
    if isinstance(block, DuplicateBlockKeyBlock):
        return Problem(
            where, f"{name}: this key is used twice; the second entry is skipped (rename one)"
        )
    if isinstance(block, DuplicateFieldKeyBlock):
        return Problem(where, f"{name} has a field twice; the last value is used")
    reason = getattr(block.error, "abort_reason", "") or str(block.error) or "not BibTeX"
    return Problem(where, f"{name} cannot be read: {reason.strip()}; the entry is skipped")


@contextmanager
def _quiet() -> Iterator[None]:
    """bibtexparser logs what it cannot parse; here that is reported as problems instead."""
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)
