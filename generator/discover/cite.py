"""Citations: a BibTeX entry for every paper, with keys unique across the digest.

Pure. A key is the first author's last name, the year and the first word of the title that
is not a little word (du2024cosyvoice); when papers share a key each gets a letter, in
slug order (liu2024dstca, liu2024dstcb). Field values are escaped for BibTeX, and the
entries are written with bibtexparser, so the file reads back as written.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from urllib.parse import quote

from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.middlewares.parsestack import default_unparse_stack
from bibtexparser.model import Entry, Field
from bibtexparser.writer import BibtexFormat
from slugify import slugify

from generator.model import Paper

LITTLE_WORD_TEXT = "a an and are as at by do for from in is of on or the to with"
LITTLE_WORDS = frozenset(LITTLE_WORD_TEXT.split())
# Backslash first: the others put backslashes in.
SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
SPECIAL_RE = re.compile("|".join(re.escape(c) for c in SPECIAL))
OLD_ARXIV = re.compile(r"[a-z-]+(?:\.[A-Z]{2})?/(\d{2})\d{5}")
NOT_ALNUM = re.compile(r"[^a-z0-9]+")
NEW_ARXIV = re.compile(r"(\d{2})\d{2}\.\d{4,5}")


def escape(text: str) -> str:
    """Text as a BibTeX value that prints as written: braces stay balanced, specials quoted."""
    return SPECIAL_RE.sub(lambda m: SPECIAL[m.group(0)], " ".join(text.split()))


def year(paper: Paper) -> int | None:
    """The year to cite: arXiv submission, else the one in the arXiv id, else the digest's."""
    if paper.submitted:
        return paper.submitted.year
    match = NEW_ARXIV.fullmatch(paper.arxiv) or OLD_ARXIV.fullmatch(paper.arxiv)
    if match:
        two = int(match.group(1))
        return 1900 + two if two >= 91 else 2000 + two
    return paper.date.year if paper.date else None


def base_key(paper: Paper) -> str:
    """last name + year + first real title word, in lower-case ASCII letters and digits."""
    last = _ascii(paper.authors[0].split()[-1]) if paper.authors else ""
    words = [_ascii(w) for w in paper.title.split() if w.casefold() not in LITTLE_WORDS]
    word = next((w for w in words if w), "paper")
    when = str(year(paper) or "")
    return f"{last}{when}{word}" if last else f"{word}{when}"


def _ascii(text: str) -> str:
    """Lower-case ASCII letters and digits; other scripts transliterated (José -> jose)."""
    if text.isascii():
        return NOT_ALNUM.sub("", text.lower())
    return slugify(text, separator="")


def keys(papers: Sequence[Paper]) -> dict[str, str]:
    """Every paper's slug -> its citation key, unique across the papers."""
    groups: dict[str, list[str]] = defaultdict(list)
    for paper in sorted(papers, key=lambda p: p.slug):
        groups[base_key(paper)].append(paper.slug)
    result = {}
    for base, slugs in groups.items():
        if len(slugs) == 1:
            result[slugs[0]] = base
            continue
        for number, slug in enumerate(slugs):
            key = f"{base}{_letters(number)}"
            while key in groups:  # another paper's natural key: add letters until free
                key += "x"
            result[slug] = key
    return result


def _letters(number: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa, ..."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def entry(paper: Paper, key: str) -> Entry:
    """The paper's @misc entry: title, authors, year, arXiv eprint and a URL, when known."""
    fields = [Field("title", "{" + escape(paper.title) + "}")]  # inner braces keep the case
    if paper.authors:
        names = [_name(name) for name in paper.authors]
        names += [] if paper.authors_complete else ["others"]
        fields.append(Field("author", " and ".join(names)))
    when = year(paper)
    if when:
        fields.append(Field("year", str(when)))
    if paper.arxiv:
        fields += [
            Field("eprint", escape(paper.arxiv)),
            Field("archivePrefix", "arXiv"),
            Field("url", f"https://arxiv.org/abs/{paper.arxiv}"),
        ]
    elif paper.url:
        fields.append(Field("url", url(paper.url)))
    return Entry("misc", key, fields)


def url(address: str) -> str:
    """A URL as a BibTeX value: URL fields are read verbatim, so only braces, backslashes
    and white space, which would break the entry, are percent-encoded."""
    return re.sub(r"[{}\\\s]", lambda m: quote(m.group(0)), address)


def _name(name: str) -> str:
    """One author; a name holding the word 'and' is braced so BibTeX keeps it whole."""
    value = escape(name)
    return "{" + value + "}" if re.search(r"\band\b", value, re.IGNORECASE) else value


def entries(papers: Sequence[Paper], cite_keys: Mapping[str, str]) -> dict[str, str]:
    """Each paper's slug -> its BibTeX entry as text, written by bibtexparser."""
    layout = BibtexFormat()  # type: ignore[no-untyped-call]
    layout.indent = "  "
    # The libraries are built here and thrown away: no need for the defensive deep copies.
    stack = default_unparse_stack(allow_inplace_modification=True)
    return {
        paper.slug: write_string(
            Library([entry(paper, cite_keys[paper.slug])]),
            unparse_stack=stack,
            bibtex_format=layout,
        )
        for paper in papers
    }


def bibtex(papers: Sequence[Paper], written: Mapping[str, str]) -> str:
    """A .bib file of the papers' entries (from entries()), in the order given."""
    return "\n".join(written[paper.slug] for paper in papers)
