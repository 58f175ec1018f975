"""The typed records every stage passes along: records as read, papers, links and problems."""

from __future__ import annotations

import datetime as dt
import reprlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Location:
    """Where something came from: a file and a 1-based line (0 when unknown)."""

    path: str
    line: int = 0
    # When there is no line: the 1-based position in a list of records, or the entry's own
    # key (a BibTeX key, an arXiv id).
    entry: int | str = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}"
        return f"{self.path}: entry {self.entry}" if self.entry else self.path


@dataclass(frozen=True)
class Problem:
    """Something in the input that could not be used as it is."""

    where: Location
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Link:
    """A labelled link shown near the top of a paper page."""

    kind: str  # "code", "dataset", "model", "project", "paper", "arxiv", "pdf", "hf", "doi"
    url: str
    label: str


@dataclass(frozen=True)
class Tagging:
    """One tag on a paper and why it got it."""

    tag: str
    reason: str  # e.g. 'rule "speech": title matched "speech synthesis"' or "given by hand"


@dataclass(frozen=True)
class Paper:
    """One paper, from reading through rendering. Stages return new copies."""

    title: str
    abstract: str
    source: Location
    slug: str = ""
    date: dt.date | None = None  # the digest day it appeared on
    submitted: dt.date | None = None  # arXiv v1 submission date, when known
    authors: tuple[str, ...] = ()
    authors_complete: bool = True  # False when only the first author is known
    arxiv: str = ""
    url: str = ""
    doi: str = ""  # 10.1109/ICSTW55395.2022.00035
    venue: str = ""  # where it was published: a journal, proceedings, a journal reference
    year: int | None = None  # the year of publication, when no date says it
    categories: tuple[str, ...] = ()  # arXiv categories, the primary one first
    comment: str = ""  # the authors' comment on arXiv ("8 pages, accepted at ICLR")
    links: tuple[Link, ...] = ()
    given_tags: tuple[str, ...] = ()
    tags: tuple[Tagging, ...] = field(default=())
    # Rules that scored enough but were stopped by one of their exclude phrases, and why.
    stopped: tuple[Tagging, ...] = ()
    # What a page copy shows of a paper; read and kept, shown nowhere yet.
    upvotes: int | None = None  # the page's vote count
    author_count: int | None = None  # "8 authors" when the names are not on the page
    organization: str = ""  # the organisation the page names for the paper

    @property
    def tag_names(self) -> tuple[str, ...]:
        return tuple(t.tag for t in self.tags)


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


# A file the build writes: (path under docs/, text, or bytes written as they are).
GeneratedFile = tuple[str, str | bytes]
TextFile = tuple[str, str]  # one that is always text: pages, feeds, BibTeX


def preview(value: object, limit: int = 60) -> str:
    """A short repr of a value for a message; bounded even for huge or nested values."""
    short = reprlib.Repr()
    short.maxlevel = 2
    short.maxlist = short.maxtuple = short.maxdict = short.maxset = 4
    short.maxstring = short.maxother = limit
    text = short.repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
