"""Pick the reader for a content file by its type, and say what it found.

.txt         a copied trending-papers page               read_dump.py
.yml .yaml   records (a list of mappings)                read_records.py
.json        records, or another tool's dump             read_records.py, read_foreign.py
.jsonl       records, one JSON object per line           read_records.py
.bib         BibTeX                                      read_bibtex.py
.xml         an arXiv API response (Atom)                read_atom.py
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.model import Paper, Problem
from generator.read.arxiv_atom import read_atom
from generator.read.bibtex import read_bibtex
from generator.read.files import content_files, name_of, read_text
from generator.read.page_copy import read_dump
from generator.read.records import Record, read_records

SUFFIXES = (".txt", ".yml", ".yaml", ".json", ".jsonl", ".bib", ".xml")


@dataclass(frozen=True)
class Found:
    """What one file holds: papers (page copies), records, problems and notes."""

    papers: list[Paper] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_content(text: str, name: str, year: int) -> Found | None:
    """What the file `name` holds, or None when no reader takes its type.

    year: the year of a page copy's date lines, which carry none.
    """
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".txt":
        papers, problems = read_dump(text, name, year)
        return Found(papers=papers, problems=problems)
    if suffix == ".bib":
        records, problems, notes = read_bibtex(text, name)
        return Found(records=records, problems=problems, notes=notes)
    if suffix == ".xml":
        records, problems = read_atom(text, name)
        return Found(records=records, problems=problems)
    if suffix in SUFFIXES:
        records, problems = read_records(text, name)
        return Found(records=records, problems=problems)
    return None


def read_folder(content: Path, year: int, problems: list[Problem]) -> Found:
    """Everything the content folder's files hold, in name order (read/files.py); files
    that cannot be read add to problems, files of no known type to the notes."""
    found = Found(problems=problems)
    for path in content_files(content):
        name = name_of(content, path.relative_to(content).as_posix())
        text = read_text(path, found.problems)
        read = None if text is None else read_content(text, name, year)
        if read is None:
            if text is not None:
                found.notes.append(f"{name}: skipped (not {', '.join(SUFFIXES)})")
            continue
        found.papers.extend(read.papers)
        found.records.extend(read.records)
        found.problems.extend(read.problems)
        found.notes.extend(read.notes)
    return found
