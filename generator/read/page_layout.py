"""Which layout a page copy has, told from its text: no flag to set.

arxiv      arXiv's e-mail digest or a listing/search page: 'arXiv:2411.13560' entry lines
           with 'Title:' lines                                         arxiv_text.py
links      text with each link on its own line (what note-taking tools export), also
           when some lines are Markdown links                          page_pieces.py
markdown   a copy made as Markdown: headings, [text](address) links, reference-style
           links ('[1]: https://...'), images                          page_pieces.py
furnished  text copied from a browser with each paper's votes, author count or
           "Submitted by" lines around it                              page_pieces.py
plain      text copied from a browser: title, blank line, abstract      page_copy.py

The score of each layout is the number of lines that show it; the first layout whose score
passes its bar wins, in the order above. Markdown also needs a Markdown line for every four
blocks of text (a Markdown copy has one per paper at least): a plain copy whose titles or
abstracts happen to hold '# heading' or '[a](https://...)' stays plain. The shipped copy
(content/trending.txt) has none of these lines, so it reads as plain text, exactly as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.read.arxiv_text import count_entries
from generator.read.page_copy import normalize_newlines

TITLE_FIELD = re.compile(r"^Title:\s*\S", re.MULTILINE)
MARKDOWN_LINE = re.compile(
    r"^(?:#{1,6}\s+\S|\[[^\]]+\]:\s*\S+|.*\]\((?:https?:|/|#)[^)]*\)|.*!\[[^\]]*\]\()",
)
URL_LINE = re.compile(r"^<?https?://\S+>?$")
# A page's furniture around each paper, as a browser copies it: vote counts, author counts,
# "Submitted by" (the shipped copy has none: it reads as plain text, as it always has).
FURNITURE = re.compile(
    r"^(?:\d[\d,.]*[kK]?|·|·?\s*\d+\s+authors?|Submitted by(?:\s+\S+)?|Published on .*)$",
    re.IGNORECASE,
)
BYLINE = re.compile(r"^(?:·?\s*\d+\s+authors?|Submitted by.*|Published on .*)$", re.IGNORECASE)
HUGGING_FACE = re.compile(r"huggingface\.co/papers|\bHugging Face\b|Daily Papers|Trending Papers")


@dataclass(frozen=True)
class Layout:
    """A layout, and the words a note uses for it."""

    kind: str  # "arxiv", "links", "markdown", "furnished" or "plain"
    description: str


def detect(text: str) -> Layout:
    """The layout of a page copy."""
    text = normalize_newlines(text)
    lines = [line.strip() for line in text.split("\n")]
    entries = count_entries(text)
    if entries and len(TITLE_FIELD.findall(text)) * 2 >= entries:
        kind = "arXiv e-mail digest" if "\\\\ ( http" in text else "arXiv listing page"
        return Layout("arxiv", f"{kind} copied as text")
    page = "Hugging Face papers page" if HUGGING_FACE.search(text) else "papers page"
    marked = sum(1 for line in lines if MARKDOWN_LINE.match(line))
    addresses = sum(1 for line in lines if URL_LINE.match(line))
    # A copy whose links stand on lines of their own is cut at them, even when some of its
    # lines are Markdown links too ('[7 authors](...)', '[Upvote](...)').
    if addresses >= 2 and addresses * 2 >= marked:
        return Layout("links", f"{page} copied as text with links")
    if marked >= 3 and marked * 4 >= _blocks(lines):
        return Layout("markdown", f"{page} copied as Markdown")
    furniture = [line for line in lines if FURNITURE.match(line)]
    if len(furniture) >= 2 and any(BYLINE.match(line) for line in furniture):
        return Layout("furnished", f"{page} copied as text with its votes and bylines")
    return Layout("plain", f"{page} copied as text")


def _blocks(lines: list[str]) -> int:
    """The number of blocks: runs of non-blank lines."""
    return sum(
        1 for number, line in enumerate(lines) if line and (number == 0 or not lines[number - 1])
    )
