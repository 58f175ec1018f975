"""Read a copied "trending papers" page: chrome, date lines, then title / blank / abstract."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.model import Location, Paper, Problem

KNOWN_CHROME = frozenset(
    {
        "new",
        "get trending papers in your email inbox!",
        "subscribe",
        "byak and the research community",
        "trending papers",
        "daily papers",
        "load more",
    }
)
MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1,
    )
}
MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
DATE_LINE = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?$")
CHROME_WORDS = 6  # a line this short before the first paper is page chrome
MAX_TITLE = 400
SENTENCE_BREAK = re.compile(
    r"[a-z0-9)][.!?] +[A-Z]"
)  # characters; a longer single line is a paragraph


@dataclass(frozen=True)
class Block:
    """A run of non-blank lines, joined with spaces, and the line it starts on."""

    line: int
    text: str
    lines: int


def normalize_newlines(text: str) -> str:
    """Drop a BOM and turn CRLF / CR line endings into LF."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def blocks(text: str) -> list[Block]:
    """Split text into blank-line separated blocks, joining hard-wrapped lines."""
    found: list[Block] = []
    start, current = 0, list[str]()
    for number, raw in enumerate(normalize_newlines(text).split("\n"), start=1):
        line = raw.strip()
        if line:
            start = start if current else number
            current.append(line)
        elif current:
            found.append(Block(start, " ".join(current), len(current)))
            current = []
    if current:
        found.append(Block(start, " ".join(current), len(current)))
    return found


def parse_date_line(text: str, year: int) -> dt.date | None:
    """'Mar 11' (or 'March 11, 2025') as a date in the given year, else None."""
    match = DATE_LINE.match(text)
    name = match.group(1).lower() if match else ""
    if not match or not any(full.startswith(name) for full in MONTH_NAMES.split()):
        return None
    try:
        return dt.date(int(match.group(3) or year), MONTHS[name[:3]], int(match.group(2)))
    except ValueError:
        return None


def is_paragraph(block: Block) -> bool:
    """An abstract-like block: wrapped over lines, long, or a full sentence."""
    if block.lines > 1 or len(block.text) > MAX_TITLE:
        return True
    sentences = SENTENCE_BREAK.search(block.text) is not None
    return block.text.endswith(".") and (len(block.text) >= 120 or sentences)


def read_dump(text: str, path: str, year: int) -> tuple[list[Paper], list[Problem]]:
    """Papers found in a page copy, and what could not be placed."""
    papers: list[Paper] = []
    problems: list[Problem] = []
    date: dt.date | None = None
    pending: Block | None = None  # a title waiting for its abstract
    for block in blocks(text):
        where = Location(path, block.line)
        if block.text.casefold() in KNOWN_CHROME:
            continue
        day = parse_date_line(block.text, year)
        if day is not None:
            date = day
            continue
        if is_paragraph(block) or (pending is not None and _short_abstract(block)):
            if pending is None:
                problems.append(Problem(where, _stray(block)))
            else:
                papers.append(
                    Paper(
                        title=pending.text,
                        abstract=block.text,
                        source=Location(path, pending.line),
                        date=date,
                    )
                )
            pending = None
            continue
        if pending is not None and (papers or not _chrome_like(pending)):
            problems.append(Problem(Location(path, pending.line), _orphan(pending)))
        pending = block
    if pending is not None:
        problems.append(Problem(Location(path, pending.line), _orphan(pending, at_end=True)))
    return papers, problems


def _chrome_like(block: Block) -> bool:
    """Before the first paper, a few words with no abstract are page chrome, not a paper."""
    return len(block.text.split()) <= CHROME_WORDS


def _short_abstract(block: Block) -> bool:
    """A one-line abstract shorter than the paragraph rule: a sentence after a title."""
    return block.text.endswith(".") and len(block.text.split()) >= 8


def _stray(block: Block) -> str:
    return (
        f"paragraph has no title before it ({_quote(block.text)}); "
        "expected a title line, a blank line, then the abstract"
    )


def _orphan(block: Block, at_end: bool = False) -> str:
    where = "the file ends" if at_end else "another title follows"
    return (
        f"title {_quote(block.text)} has no abstract after it ({where}); "
        "expected a blank line, then the abstract paragraph"
    )


def _quote(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
