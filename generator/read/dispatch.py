"""Pick the reader for a content file by its type, and say what it found.

.txt .md     a copied papers page, in any layout         page_layout.py picks the reader
.yml .yaml   records (a list of mappings)                records.py
.json        records, or another tool's JSON             records.py, foreign_json.py
.jsonl       records, one JSON object per line           records.py
.bib         BibTeX                                      bibtex.py
.ris         RIS (Zotero, Mendeley, EndNote, Scopus)     ris.py
.xml         an arXiv API response (Atom)                arxiv_atom.py

Every file gets a note saying how it was read and what it gave; a reader that fails on a
file is that file's error, and the other files still build.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from generator.model import Location, Paper, Problem, Record
from generator.read.arxiv_atom import read_atom
from generator.read.arxiv_text import read_arxiv_text
from generator.read.bibtex import read_bibtex
from generator.read.files import content_files, name_of, read_text
from generator.read.page_copy import read_dump
from generator.read.page_layout import detect
from generator.read.page_papers import read_pieces
from generator.read.page_pieces import markdown_pieces, text_pieces
from generator.read.records import read_records
from generator.read.ris import read_ris

SUFFIXES = (".txt", ".md", ".yml", ".yaml", ".json", ".jsonl", ".bib", ".ris", ".xml")


@dataclass(frozen=True)
class Found:
    """What one file holds: papers (page copies), records, problems and notes."""

    papers: list[Paper] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    summary: str = ""  # how the file was read and what it gave, for the build report


def read_content(text: str, name: str, year: int) -> Found | None:
    """What the file `name` holds, or None when no reader takes its type.

    year: the year of a page copy's date lines, which carry none.
    """
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in SUFFIXES:
        return None
    try:
        found, how = _read(text, name, year, suffix)
    except Exception as error:  # a reader's bug is this file's error, not the build's
        problem = Problem(Location(name), f"could not be read ({type(error).__name__}: {error})")
        return Found(problems=[problem], summary=f"{name}: not read (see its error)")
    return replace(found, summary=_summary(name, how, found))


def _read(text: str, name: str, year: int, suffix: str) -> tuple[Found, str]:
    if suffix in {".txt", ".md"}:
        return _page(text, name, year)
    if suffix == ".bib":
        records, problems, notes = read_bibtex(text, name)
        return Found(records=records, problems=problems, notes=notes), "BibTeX"
    if suffix == ".ris":
        records, problems = read_ris(text, name)
        return Found(records=records, problems=problems), "RIS"
    if suffix == ".xml":
        records, problems = read_atom(text, name)
        return Found(records=records, problems=problems), "arXiv API response (Atom)"
    records, problems = read_records(text, name)
    how = "records" if all(r.hand_written for r in records) else "another tool's JSON"
    return Found(records=records, problems=problems), how


def _page(text: str, name: str, year: int) -> tuple[Found, str]:
    layout = detect(text)
    if layout.kind == "arxiv":
        records, problems = read_arxiv_text(text, name)
        return Found(records=records, problems=problems), layout.description
    if layout.kind == "plain":
        papers, problems = read_dump(text, name, year)
    else:
        pieces = markdown_pieces(text) if layout.kind == "markdown" else text_pieces(text)
        papers, problems = read_pieces(pieces, name, year)
    return Found(papers=papers, problems=problems), layout.description


def _summary(name: str, how: str, found: Found) -> str:
    """'content/x.md: read as Hugging Face papers page copied as Markdown, 120 papers'."""
    if found.papers or not found.records:
        made = f"{len(found.papers)} paper{'s' if len(found.papers) != 1 else ''}"
    else:
        with_abstract = sum(1 for record in found.records if record.abstract)
        made = (
            f"{len(found.records)} record{'s' if len(found.records) != 1 else ''}, "
            f"{with_abstract} with an abstract"
        )
    problems = len(found.problems)  # each one names what was left out, or used otherwise
    plural = "" if problems == 1 else "s"
    return f"{name}: read as {how}, {made}" + (f", {problems} problem{plural}" if problems else "")


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
        found.notes.extend([*read.notes, read.summary] if read.summary else read.notes)
    return found
