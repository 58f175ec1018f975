"""A page copy cut into pieces: headings, paragraphs, list items and lines, each with its
visible text and the links it holds.

Markdown (copy-as-Markdown extensions, scrapers such as firecrawl) is parsed by markdown-it-py,
so reference-style links (`[Title][12]` with the link table at the end), images, badges and
escapes read as a browser shows them. Text copied with each link on its own line is cut at
those lines. Pure: text in, pieces out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.read.page_copy import blocks, normalize_newlines

FRONT_MATTER = re.compile(r"\A---\n(?:.*\n)*?---\n")
LINE_END = re.compile(r"\\+\s*$")  # a scraper's line join: the line goes on below
LINE_JOIN = re.compile(r"\\(?=[ \t])")  # "\ " where a title was wrapped
BARE_URL = re.compile(r"^<?https?://\S+>?$")
SHORT_LINE = 6  # words: a line this short stands alone in a copy with links on their own lines
LINK_LINE = re.compile(r"^!?\[.*\]\(\S+\)$|^\[.*\]\[[^\]]*\]$")
PARSER = MarkdownIt("commonmark", {"linkify": False})


@dataclass(frozen=True)
class Piece:
    """One block of the page: its first line, visible text, and links (text, address)."""

    line: int
    text: str
    links: tuple[tuple[str, str], ...] = ()
    heading: bool = False
    bare: str = ""  # the text outside links: 'May 29' of 'May 29[6](...#community)'
    images: int = 0


def markdown_pieces(text: str) -> list[Piece]:
    """The pieces of a Markdown copy, in order, with 1-based line numbers."""
    text, line_of = _joined_lines(_without_front_matter(normalize_newlines(text)))
    found: list[Piece] = []
    heading = False
    for token in PARSER.parse(text):
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type in {"inline", "code_block", "fence", "html_block"} and token.map:
            found += _inline_pieces(token, token.map[0] + 1, heading)
    return [
        replace(piece, line=line_of[min(piece.line, len(line_of)) - 1])
        for piece in found
        if piece.text or piece.links
    ]


def _joined_lines(text: str) -> tuple[str, list[int]]:
    """Lines a scraper ended with "\\" joined onto the next, "\\ " escapes as spaces; and
    the original line of each joined line."""
    joined: list[str] = []
    line_of: list[int] = []
    carry = False
    for number, line in enumerate(text.split("\n"), start=1):
        ends = LINE_END.search(line)
        body = LINE_JOIN.sub("", line[: ends.start()] if ends else line)
        if carry:
            joined[-1] += " " + body.strip()
        else:
            joined.append(body)
            line_of.append(number)
        carry = ends is not None
    return "\n".join(joined), line_of


def text_pieces(text: str) -> list[Piece]:
    """The pieces of a plain-text copy: blank-line blocks, with link lines and short lines
    set apart (a copy with links on their own lines may have no blank lines at all)."""
    found: list[Piece] = []
    every = normalize_newlines(text).split("\n")
    for block in blocks(text):
        lines = [line.strip() for line in every[block.line - 1 : block.line - 1 + block.lines]]
        run: list[str] = []
        start = block.line
        for offset, line in enumerate(lines):
            if BARE_URL.match(line) or LINK_LINE.match(line) or _standalone(line):
                found += _joined(run, start)
                found += _joined([line], block.line + offset)
                run, start = [], block.line + offset + 1
            else:
                run.append(line)
        found += _joined(run, start)
    return found


def _standalone(line: str) -> bool:
    """A short line that is not the end of a sentence ('Upvote', '118', 'Oct 7, 2024', a short
    title): a piece of its own, even with no blank line around it. The last line of a
    hard-wrapped paragraph ends its sentence, so it stays with the lines above it."""
    return len(line.split()) <= SHORT_LINE and not line.endswith((".", "!", "?", ".)", '."'))


def _joined(lines: list[str], line: int) -> list[Piece]:
    if not lines:
        return []
    source = " ".join(lines)
    if BARE_URL.match(source):
        address = source.strip("<>")
        return [Piece(line, address, ((address, address),))]  # a link, and nothing beside it
    tokens = PARSER.parseInline(source)
    return [piece for t in tokens for piece in _inline_pieces(t, line, False)] or []


def _inline_pieces(token: Token, line: int, heading: bool) -> Iterator[Piece]:
    """The piece an inline token makes; a line that is only a link ('[LINK: GitHub](url)'
    under an abstract, with no blank line between) is a piece of its own."""
    if token.type != "inline" or token.children is None:
        yield Piece(line, " ".join(token.content.split()), heading=heading)
        return
    lines = _lines(token.children)
    run: list[_Line] = []
    first = line
    for offset, part in enumerate(lines):
        if part.link_only and not heading and len(lines) > 1:
            if run:
                yield _piece(run, first, heading)
            yield _piece([part], line + offset, heading)
            run, first = [], line + offset + 1
        else:
            run.append(part)
    if run:
        yield _piece(run, first, heading)


@dataclass
class _Line:
    text: list[str] = field(default_factory=list)
    bare: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    images: int = 0
    link_only: bool = False


def _lines(children: list[Token]) -> list[_Line]:
    lines = [_Line()]
    inside: list[tuple[str, list[str]]] = []  # open links: address, text so far
    opened_at = 0
    for child in children:
        current = lines[-1]
        if child.type == "link_open":
            if not inside:
                opened_at = len(lines)
            inside.append((str(child.attrGet("href") or ""), []))
        elif child.type == "link_close" and inside:
            address, words = inside.pop()
            current.links.append((" ".join("".join(words).split()), address))
            if inside:
                inside[-1][1].extend(words)
            elif opened_at == len(lines) and not "".join(current.bare).strip():
                current.link_only = True
        elif child.type == "image":
            current.images += 1
        elif child.type in {"text", "code_inline"}:
            current.text.append(child.content)
            (inside[-1][1] if inside else current.bare).append(child.content)
            current.link_only = current.link_only and bool(inside)
        elif child.type in {"softbreak", "hardbreak"}:
            if inside:
                inside[-1][1].append(" ")
                current.text.append(" ")
            else:
                lines.append(_Line())
    return lines


def _piece(lines: list[_Line], line: int, heading: bool) -> Piece:
    def joined(parts: list[str]) -> str:
        return " ".join(" ".join(parts).split())

    return Piece(
        line,
        joined(["".join(part.text) for part in lines]),
        tuple(link for part in lines for link in part.links),
        heading,
        joined(["".join(part.bare) for part in lines]),
        sum(part.images for part in lines),
    )


def _without_front_matter(text: str) -> str:
    """YAML front matter (a scraper's url and date) as blank lines, so line numbers hold."""
    match = FRONT_MATTER.match(text)
    return "\n" * match.group(0).count("\n") + text[match.end() :] if match else text
