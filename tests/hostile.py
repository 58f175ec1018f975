"""Hostile text for the property tests and the hostile site build: what pasted pages and
exported records can hold. Strategies draw titles and abstracts from these pieces."""

from __future__ import annotations

from hypothesis import strategies as st

MARKUP = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "<iframe src=javascript:alert(1)>",
    '<div onmouseover="alert(1)">hover</div>',
    "<style>body{display:none}</style>",
    "</textarea></title></p><script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "![img](javascript:alert(1))",
    "<javascript:alert(1)>",
    "<https://evil.example>",
    "[ref]: javascript:alert(1)",
    '[a](https://x.example/"onclick="alert(1))',
    "https://x.example/a)b(c}{: onclick=alert(1)}",
    "HTTPS://GITHUB.COM/A/B",
    "https://github.com/owner/repo.",
    "**bold** _em_ `code` ~~del~~ ==mark==",
    "# heading",
    "1. list",
    "- item",
    "+ item",
    "> quote",
    "| a | b |",
    "---",
    "***",
    "===",
    "title: x",
    "---\ntitle: x\n---",
    "{: .cls #id onclick=alert(1) }",
    "{{ config.site_name }}",
    "{% include 'x' %}",
    "{# comment #}",
    "<!-- material/tags -->",
    "<!-- more -->",
    "&amp; &lt;b&gt; &#60;script&#62; &#x3C; &nbsp; &bogus;",
    "*[HTML]: Hyper",
    "[^1]: footnote",
    "\\",
    "\\\\",
    "line end\\",
    "key: [unclosed",
    "- &a [*a]",
    "!!python/object:os.system",
    "@import url(x)",
    "%TAG ! tag:x:",
]
LATEX = [
    "\\textbf{D}irect",
    "\\emph{\\textit{nested}}",
    "``Successive Prompting''",
    "`quoted'",
    "\\eg",
    "\\ie,",
    "documents.~Working",
    "~5%",
    "$\\alpha \\leq 0.1$",
    "$x^2_{i}$",
    "$5 and $10",
    "$100K",
    "$",
    "$$",
    "\\url{https://github.com/a/b}",
    "\\href{https://x.example}{label}",
    "{this https URL}",
    "\\ourMethod",
    "\\%",
    "\\&",
    "\\_",
    "\\{x\\}",
    "10\\% gain",
    "\\unknown{arg}",
]
UNICODE = [
    "中文标题",
    "日本語のテキスト",
    "한국어",
    "مرحبا بالعالم",
    "שלום עולם",
    "\u202eevil\u202c",
    "\u200b",
    "a\u200db",
    "\ufeff",
    "e\u0301",
    "Z\u0351\u0358\u0316\u0325",
    "😀",
    "👩‍👩‍👧",
    "🇫🇷",
    "\u00a0",
    "İstanbul \u017f ß ǅ \u212a",
    "\t",
]
PIECES = MARKUP + LATEX + UNICODE
ALPHABET = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc"),  # lone surrogates cannot be UTF-8; control characters...
    include_characters="\t",  # ...except the tab
)

piece = st.sampled_from(PIECES)
word = st.text(ALPHABET, min_size=1, max_size=12)


def prose(min_size: int = 1, max_size: int = 12) -> st.SearchStrategy[str]:
    """Words and hostile pieces joined by spaces, on one line."""
    return st.lists(st.one_of(piece, word), min_size=min_size, max_size=max_size).map(
        lambda parts: " ".join(parts).replace("\n", " ").replace("\r", " ")
    )


titles = prose(1, 8).filter(lambda t: t.strip() != "")
abstracts = prose(1, 40)
long_titles = st.integers(200, 600).map(lambda n: ("Long title <b>&amp; " * 40)[:n] + " end")
huge_abstracts = st.integers(40_000, 52_000).map(
    lambda n: ("A sentence with <i>markup</i>, $5 & \\textbf{x}, https://x.example/a. " * 800)[:n]
)
