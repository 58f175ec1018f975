"""Papers from the pieces of a page copy (Markdown, or text with links on their own lines).

A title is a heading, or a short line that an abstract follows; never a URL, a number, a
bullet, a vote count or the page's chrome. After the title come, in any order: the abstract,
the paper's link (its arXiv id), an author count, an organisation, a date line ("Oct 7, 2024",
"Published on Mar 10"), a vote count and code links. Chrome (navigation, login, subscribe,
Daily/Weekly/Monthly, "[-] 5", "·") is skipped without a word.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from urllib.parse import unquote

from generator.common.links import arxiv_links
from generator.model import Link, Location, Paper, Problem
from generator.read.page_copy import (
    CHROME_WORDS,
    KNOWN_CHROME,
    MAX_TITLE,
    Block,
    is_paragraph,
    parse_date_line,
)
from generator.read.page_pieces import Piece

PAPER_LINK = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf|html)/|huggingface\.co/papers/|alphaxiv\.org/abs/"
    r"|papers\.cool/arxiv/)(\d{4}\.\d{4,5})(?:v\d+)?",
    re.IGNORECASE,
)
VOTE_FOR = re.compile(r"login\?next=(?:%2F|/)papers(?:%2F|/)(\d{4}\.\d{4,5})", re.IGNORECASE)
COUNT = re.compile(r"^[-\u2013]?\s*(?:\d[\d,.]*\s*[kK]?|-)$")
AUTHORS = re.compile(r"(?:^|\s)(\d+)\s+authors?\b", re.IGNORECASE)
PUBLISHED = re.compile(r"^(?:published|submitted|posted)\s+on\s+", re.IGNORECASE)
CODE_HOSTS = ("github.com/", "gitlab.com/", "huggingface.co/spaces/", "huggingface.co/datasets/")
CHROME = KNOWN_CHROME | {
    "daily",
    "weekly",
    "monthly",
    "·",
    "get trending papers in your email inbox once a day!",
    "by ak and the research community",
    "sign up",
    "log in",
    "login",
    "previous",
    "next",
    "search",
    "submit paper",
    "upvote",
    "paper page",
    "view paper",
}
GENERIC_LABELS = frozenset(
    {"paper", "pdf", "arxiv", "abs", "abstract", "hugging face", "huggingface", "link", "view"}
)
ORGANISATION = re.compile(r"^https?://huggingface\.co/([A-Za-z0-9][\w.-]*)/?$")
NOT_ORGANISATION = frozenset({"papers", "login", "join", "models", "datasets", "spaces", "docs"})


@dataclass
class Draft:
    """A paper being put together from the pieces that follow its title."""

    title: Piece
    abstract: str = ""
    abstract_end: int = 0  # index of the piece the abstract ended on
    arxiv: str = ""
    url: str = ""
    date: dt.date | None = None
    upvotes: int | None = None
    author_count: int | None = None
    organization: str = ""
    links: list[Link] = field(default_factory=list)


@dataclass
class Reading:
    """What reading a page copy found so far."""

    path: str
    year: int
    papers: list[Paper] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    draft: Draft | None = None
    page_date: dt.date | None = None
    votes: dict[str, int] = field(default_factory=dict)  # arXiv id -> votes before its title
    pending_votes: int | None = None
    vote_for: str = ""  # the paper an "Upvote" link just named: the count that follows is its
    submitter: bool = False  # a "Submitted by" line was just read: its name may follow


def read_pieces(pieces: list[Piece], path: str, year: int) -> tuple[list[Paper], list[Problem]]:
    """The papers the pieces hold, and what could not be placed."""
    reading = Reading(path, year)
    for index, piece in enumerate(pieces):
        _place(reading, index, _without_comment_links(piece))
    _finish(reading, at_end=True)
    votes = reading.votes
    papers = [
        replace(p, upvotes=votes.get(p.arxiv, p.upvotes)) if p.arxiv in votes else p
        for p in reading.papers
    ]
    return papers, reading.problems


def _place(reading: Reading, index: int, piece: Piece) -> None:
    draft = reading.draft
    target = VOTE_FOR.search(unquote(" ".join(address for _, address in piece.links)))
    if target and not COUNT.match(piece.text.strip()):  # '[Upvote](.../login?next=/papers/ID)'
        reading.vote_for = target.group(1)
    if reading.submitter:  # the name under "Submitted by"
        reading.submitter = False
        if len(piece.text.split()) == 1 and not piece.links:
            return
    if piece.text.casefold().startswith("submitted by"):
        reading.submitter = piece.text.casefold() == "submitted by"
        return
    if _is_chrome(piece) or _vote(reading, piece) or _metadata(reading, piece):
        return
    if draft is not None and _continues_title(draft, piece):
        draft.title = replace(draft.title, text=f"{draft.title.text} {piece.text}")
        return
    if draft is not None and _is_abstract(draft, piece, index):
        draft.abstract = f"{draft.abstract} {piece.text}".strip()
        draft.abstract_end = index
        return
    if _is_title(piece):
        _finish(reading)
        reading.draft = Draft(piece, upvotes=reading.pending_votes)
        reading.pending_votes = None
        _paper_link(reading.draft, piece)
        return
    reading.problems.append(Problem(Location(reading.path, piece.line), _stray(piece)))


def _is_chrome(piece: Piece) -> bool:
    text = piece.text.casefold().strip(" -*#>")
    if text in CHROME or (not text and not _paper_links(piece)):
        return True
    addresses = [address for _, address in piece.links]
    login = any("/login" in a or "/join" in a or "subscribe" in a.lower() for a in addresses)
    return login and not VOTE_FOR.search(" ".join(addresses)) and len(text.split()) <= CHROME_WORDS


def _vote(reading: Reading, piece: Piece) -> bool:
    """A vote count: '101' (before the title it counts for, or after an 'Upvote' link naming
    its paper) or '[101](.../login?next=...)'."""
    if not COUNT.match(piece.text.strip()) or len(piece.links) > 1:
        return False
    number = _number(piece.text)
    target = VOTE_FOR.search(unquote(" ".join(a for _, a in piece.links)))
    if target and number is not None:
        reading.votes[target.group(1)] = number
    elif reading.vote_for and number is not None and not piece.links:
        reading.votes[reading.vote_for], reading.vote_for = number, ""
    elif not piece.links:
        reading.pending_votes = number  # before the title of the paper it counts for
    return True


def _metadata(reading: Reading, piece: Piece) -> bool:
    """Author counts, dates, organisations and links that belong to the paper being read."""
    draft = reading.draft
    day = _date(piece, reading.year)
    if day is not None:
        if draft is None or not draft.abstract:
            reading.page_date = day
        else:
            draft.date = day
    authors = AUTHORS.search(piece.text)
    if authors and len(piece.text) <= 80 and draft is not None:
        draft.author_count = int(authors.group(1))
    if day is not None or (authors and len(piece.text) <= 80):
        return True  # '7 authors · Oct 7, 2024' gives both
    if draft is None or piece.heading or not _is_link_only(piece):
        return False
    if _names_another_paper(draft, piece):
        return False
    if not _paper_link(draft, piece):
        organisation = ORGANISATION.match(piece.links[0][1])
        if organisation and organisation.group(1).lower() not in NOT_ORGANISATION:
            draft.organization = draft.organization or piece.text
        else:
            draft.links += [_link(text, address) for text, address in piece.links]
    return True


def _is_link_only(piece: Piece) -> bool:
    """A line of links ('[LINK: GitHub 11.3k](...)', an address), not an abstract in a link."""
    short = not is_paragraph(Block(piece.line, piece.text, 1)) and len(piece.text.split()) <= 12
    return bool(piece.links) and not piece.bare.strip(" ·|-*") and short


def _paper_link(draft: Draft, piece: Piece) -> bool:
    """Take the paper's arXiv id and address from a link to its page; True when there was one."""
    found = _paper_links(piece)
    if found and not draft.arxiv:
        draft.arxiv, draft.url = found[0]
    return bool(found) and (piece is draft.title or _is_link_only(piece))


def _names_another_paper(draft: Draft, piece: Piece) -> bool:
    """A link to another paper, labelled with words: the next paper's title."""
    found = _paper_links(piece)
    if not found or found[0][0] == draft.arxiv:
        return False
    label = piece.text.casefold()
    generic = label in GENERIC_LABELS or label.startswith(("http", "arxiv:", "doi"))
    return not generic and (bool(draft.arxiv) or draft.abstract != "")


def _paper_links(piece: Piece) -> list[tuple[str, str]]:
    return [
        (match.group(1), address)
        for _, address in piece.links
        if (match := PAPER_LINK.search(address)) and "#" not in address
    ]


def _continues_title(draft: Draft, piece: Piece) -> bool:
    """A heading wrapped onto the next line: '### Multi-module GRPO: ...' / '  for Language...'."""
    return (
        draft.title.heading
        and not draft.abstract
        and piece.line == draft.title.line + 1
        and not piece.heading
        and not is_paragraph(Block(piece.line, piece.text, 1))
    )


def _is_abstract(draft: Draft, piece: Piece, index: int) -> bool:
    if piece.heading:
        return False
    block = Block(piece.line, piece.text, 1)
    sentence = piece.text.endswith(".") and len(piece.text.split()) >= 8
    long = is_paragraph(block) or sentence or len(piece.text) > MAX_TITLE
    # A scraper's copy links the abstract to the paper: whatever its length, it is the abstract.
    linked = bool(draft.arxiv) and any(a == draft.arxiv for a, _ in _paper_links(piece))
    long = long or (linked and len(piece.text.split()) >= 8)
    return long and (not draft.abstract or draft.abstract_end == index - 1)


def _is_title(piece: Piece) -> bool:
    text = piece.text
    if not text or len(text) > MAX_TITLE or text.startswith(("http://", "https://")):
        return False
    if COUNT.match(text) or (is_paragraph(Block(piece.line, text, 1)) and not piece.heading):
        return False
    return any(character.isalpha() for character in text)


def _finish(reading: Reading, at_end: bool = False) -> None:
    draft, reading.draft = reading.draft, None
    if draft is None:
        return
    where = Location(reading.path, draft.title.line)
    if not draft.abstract:
        header = not reading.papers and not draft.arxiv  # a page's own heading, above the papers
        if not header and ((draft.title.heading and not _chrome_like(draft.title)) or draft.arxiv):
            reading.problems.append(Problem(where, _orphan(draft.title, at_end)))
        return
    reading.papers.append(
        Paper(
            title=draft.title.text,
            abstract=draft.abstract,
            source=where,
            date=draft.date or reading.page_date,
            arxiv=draft.arxiv,
            url=draft.url if not draft.arxiv else "",
            links=arxiv_links(draft.arxiv) + tuple(dict.fromkeys(draft.links)),
            upvotes=draft.upvotes,
            author_count=draft.author_count,
            organization=draft.organization,
        )
    )


def _chrome_like(piece: Piece) -> bool:
    return len(piece.text.split()) <= CHROME_WORDS and not _paper_links(piece)


def _date(piece: Piece, year: int) -> dt.date | None:
    text = piece.bare if piece.links else piece.text
    if len(text) > 80:
        return None
    for part in text.split("·"):  # '7 authors · Oct 7, 2024 · 118 upvotes'
        day = parse_date_line(PUBLISHED.sub("", part.strip()), year)
        if day is not None:
            return day
    return None


def _without_comment_links(piece: Piece) -> Piece:
    """Drop comment counts: 'May 29[6](https://huggingface.co/papers/2606.00683#community)'."""
    kept = tuple(link for link in piece.links if not link[1].endswith("#community"))
    if len(kept) == len(piece.links):
        return piece
    dropped = [text for text, address in piece.links if address.endswith("#community")]
    text = piece.text
    for word in dropped:
        text = text[: text.rfind(word)] + text[text.rfind(word) + len(word) :]
    return replace(piece, text=" ".join(text.split()), links=kept)


def _number(text: str) -> int | None:
    digits = text.strip(" -\u2013").replace(",", "")
    try:
        value = float(digits.rstrip("kK")) * (1000 if digits[-1:] in "kK" and digits else 1)
    except ValueError:
        return None
    return int(value)


def _link(text: str, address: str) -> Link:
    code = any(host in address for host in CODE_HOSTS)
    label = re.sub(r"^https?://(?:www\.)?", "", address).rstrip("/")
    return Link("code" if code else "project", address, label or text)


def _stray(piece: Piece) -> str:
    text = piece.text if len(piece.text) <= 60 else piece.text[:59] + "…"
    return (
        f"paragraph has no title before it ({text!r}); "
        "expected a title (a heading or a short line), then the abstract"
    )


def _orphan(piece: Piece, at_end: bool) -> str:
    where = "the file ends" if at_end else "another title follows"
    text = piece.text if len(piece.text) <= 60 else piece.text[:59] + "…"
    return f"title {text!r} has no abstract after it ({where}); expected the abstract paragraph"
