"""Property-based tests: hostile titles and abstracts through reading, cleaning, tagging and
rendering (Python-Markdown with mkdocs.yml's extensions; tests/test_site_safety.py builds
real sites).

"As written" means: what `clean_paper` makes of the input, which is
`" ".join(clean_latex(text, title).split())`. The LaTeX clean-up is intended (\\textbf{D}irect
reads Direct); every run of whitespace (tabs, line breaks, no-break spaces) reads as one
space. Words with no LaTeX in them (none of \\ $ ` ~ { }) next to LaTeX come out whole and
in order; text with no LaTeX at all comes out unchanged.
The page then shows exactly that text: the heading is the title, the abstract paragraph is
the abstract, character for character, and nothing in it becomes markup.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import yaml
from hostile import (
    ALPHABET,
    LATEX,
    abstracts,
    huge_abstracts,
    long_titles,
    piece,
    prose,
    titles,
)
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from conftest import ROOT
from generator.build import gather
from generator.common.links import arxiv_links, find_urls
from generator.model import Location, Paper
from generator.read.page_copy import KNOWN_CHROME, Block, is_paragraph, parse_date_line, read_dump
from generator.read.page_layout import detect
from generator.read.settings import Settings
from generator.render.markup import LINK_TARGET, front_matter, linked_text
from generator.site.external_links import is_external
from generator.site.islands import PLACEHOLDER, put_back, set_aside
from generator.site.paper_pages import PAPER_EXTENSIONS
from generator.transform.clean import LATEX_HINT, clean_latex, clean_paper
from generator.transform.slugs import assign_slugs
from generator.transform.tag_rules import load_rules
from generator.transform.tagging import tag_paper
from rendering import render_pages

EXAMPLES = 60
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples on every run and every machine
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LATEX_CHARACTERS = frozenset("\\$`~{}")
SENTENCE = "We study this in depth, and it works well on every benchmark we tried."
CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in CONFIG["markdown_extensions"]]
CONFIGS = {
    next(iter(e)): e[next(iter(e))] for e in CONFIG["markdown_extensions"] if isinstance(e, dict)
}
# Everything a page's own Markdown may produce; anything else came from the input.
ELEMENTS = {"h1", "h2", "h3", "p", "a", "span", "div", "table", "thead", "tbody", "tr", "th", "td"}
# ... and the paper page's tag reasons, related papers and BibTeX entry.
ELEMENTS |= {"details", "summary", "ul", "li", "strong", "pre", "code"}
ATTRIBUTES = {"id", "class", "href", "title", "rel", "style", "data-search-exclude"}
# ... and what the reader tools read (render/reader.py): values checked below.
ATTRIBUTES |= {"data-slug", "data-title", "data-key", "data-date"}
CLASSES = {
    "digest-reader",
    "digest-reader--page",
    "digest-abstract",
    "digest-audit",
    "highlight",  # the BibTeX entry's code block
    "language-text",
    "digest-byline",
    "digest-links",
    "digest-tag-list",
    "digest-tags",
    "headerlink",
}


class Page(HTMLParser):
    """The elements, attributes, links and text of rendered HTML."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.texts: dict[str, str] = {}  # heading / paragraph path -> its text
        self.current = ""
        self.abstract = ""  # the key of the paragraph under the "Abstract" heading
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self.stack.append(tag)
        if tag in {"h1", "h2", "p"}:
            self.current = f"{tag}{len(self.elements)}"
            self.texts[self.current] = ""
        if tag == "p" and self.abstract == "h2":
            self.abstract = self.current
        if tag == "h2" and dict(attrs).get("class") == "digest-abstract":
            self.abstract = "h2"
        if tag == "a" and dict(attrs).get("class") == "headerlink":
            self.current = ""  # the ¶ permalink is not the heading's text

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        if tag in {"h1", "h2", "p"}:
            self.current = ""

    def handle_data(self, data: str) -> None:
        if self.current:
            self.texts[self.current] += data

    @property
    def hrefs(self) -> list[str]:
        return [str(attrs.get("href")) for tag, attrs in self.elements if tag == "a"]


def html_of(source: str) -> tuple[Page, dict[str, Any]]:
    """The page MkDocs would make of a Markdown file: front matter apart, then Markdown."""
    body, meta = get_data(source)
    body, islands = set_aside(body)  # as generator/site/islands.py does in a build
    html = markdown.markdown(body, extensions=EXTENSIONS, extension_configs=CONFIGS)
    return Page(put_back(html, islands)), meta


def shown(raw: str, title: str = "") -> str:
    """What a page shows for raw text: the cleaned text, whitespace runs as one space."""
    return " ".join(clean_latex(raw, title).split())


def assert_nothing_became_markup(page: Page, allowed_links: set[str]) -> None:
    for tag, attrs in page.elements:
        assert tag in ELEMENTS, tag
        assert set(attrs) <= ATTRIBUTES, attrs
        assert set(str(attrs.get("class", "")).split()) <= CLASSES | {""}, attrs
        assert re.fullmatch(r"[\w-]*", str(attrs.get("id", ""))), attrs
    for href in page.hrefs:
        internal = re.fullmatch(
            r"(\.\./)?(tags|papers)/[a-z0-9-]+\.(md|html)|[a-z0-9-]*\.(md|html)|#[\w-]*"
            r"|\.\./(feed\.xml|feed\.json|papers\.bib)",
            href,
        )
        assert internal or href in allowed_links, href
        if is_external(href):
            assert href.lower().startswith(("https://", "http://")), href


def render_one(item: Paper) -> str:
    """The Markdown page of one paper, rendered as part of a site."""
    item = assign_slugs([item])[0][0]
    return render_pages([item], Settings(), load_rules(TAG_DATA, "tags.yml")[0])[
        f"papers/{item.slug}.md"
    ]


def paper(title: str, abstract: str, **fields: Any) -> Paper:
    raw = Paper(title=title, abstract=abstract, source=Location("p.txt", 1), **fields)
    return clean_paper(raw)


# Cleaning --------------------------------------------------------------------------------


def plain_word(word: str) -> bool:
    """One word with no LaTeX in it, that cannot help spell arXiv's 'this https URL'."""
    folded = word.casefold()
    return (
        word.split() == [word]
        and not LATEX_CHARACTERS & set(word)
        and not any(part in folded for part in ("this", "http", "url"))
    )


plain_words = st.text(ALPHABET, min_size=1, max_size=12).filter(plain_word)
# Hostile pieces and plain words in any order, each marked True if it is a plain word.
pieces_and_words = st.lists(
    st.one_of(piece.map(lambda text: (text, False)), plain_words.map(lambda text: (text, True))),
    max_size=12,
)


@PROPERTY
@given(pieces_and_words, st.sampled_from(LATEX), st.integers(0, 12), titles)
def test_cleaning_latex_keeps_every_plain_word_whole_and_in_order(
    parts: list[tuple[str, bool]], latex: str, at: int, title: str
) -> None:
    parts.insert(at, (latex, False))  # at least one piece of LaTeX
    raw = " ".join(text for text, _ in parts)
    assert LATEX_HINT.search(raw)  # so clean_latex takes its LaTeX path, every time
    cleaned = shown(raw, title).split()
    remaining = iter(cleaned)  # `in` moves through it: each word found after the last one
    expected = [text for text, plain in parts if plain]
    assert all(word in remaining for word in expected), (expected, cleaned)


@PROPERTY
@given(prose(1, 20).filter(lambda text: not LATEX_HINT.search(text)))
def test_text_without_latex_is_not_changed(raw: str) -> None:
    """The other path: text with nothing LaTeX starts with ($ ` ~ \\ { or arXiv's
    'this https URL') is returned as it is; only its whitespace runs read as one space."""
    assert clean_latex(raw, "A Title: Of Sorts") == raw
    assert shown(raw) == " ".join(raw.split())


# Reading ---------------------------------------------------------------------------------


def dump_title(text: str) -> bool:
    block = Block(1, " ".join(text.split()), 1)
    return (
        bool(block.text)
        and not is_paragraph(block)
        and block.text.casefold() not in KNOWN_CHROME
        and parse_date_line(block.text, 2025) is None
    )


dump_titles = titles.map(lambda t: t.rstrip(". ")).filter(dump_title)
dump_abstracts = abstracts.map(lambda a: f"{a} {SENTENCE}")
line_ends = st.sampled_from(["\n", "\r\n", "\r"])


@PROPERTY
@given(
    st.lists(st.tuples(dump_titles, dump_abstracts, st.integers(0, 3)), min_size=1, max_size=6),
    line_ends,
    st.booleans(),
)
def test_a_page_copy_gives_back_every_title_and_abstract(
    entries: list[tuple[str, str, int]], newline: str, bom: bool
) -> None:
    parts = ["\ufeff" if bom else "", "Trending Papers", "", "Mar 11", ""]
    for title, abstract, wraps in entries:
        words = abstract.split(" ")
        size = max(len(words) // (wraps + 1), 1)
        lines = [" ".join(words[i : i + size]) for i in range(0, len(words), size)]
        parts += [f"\t{title} ", "", *lines, ""]
    papers, problems = read_dump(newline.join(parts), "p.txt", 2025)
    assert problems == []
    assert [(" ".join(p.title.split()), " ".join(p.abstract.split())) for p in papers] == [
        (" ".join(title.split()), " ".join(abstract.split())) for title, abstract, _ in entries
    ]
    assert {p.date for p in papers} == {dt.date(2025, 3, 11)}


# Tagging ---------------------------------------------------------------------------------

TAG_DATA: dict[str, Any] = {
    "settings": {"title_weight": 3, "abstract_weight": 1, "min_score": 2, "max_tags": 3},
    "tags": [
        {"name": "speech", "phrases": ["speech", "text-to-speech", "voice"]},
        {"name": "script", "phrases": ["script", "alert"], "patterns": [r"<\w+"]},
        {"name": "latex", "phrases": ["textbf", "alpha"], "patterns": [r"\$\d+"]},
        {"name": "unicode", "phrases": ["中文标题", "istanbul", "ß"], "patterns": ["(?i)straße"]},
        {"name": "links", "phrases": ["github"], "patterns": [r"https?://\S+"]},
    ],
}


# Rendering -------------------------------------------------------------------------------


@PROPERTY
@given(
    st.one_of(titles, long_titles),
    st.one_of(abstracts, abstracts.map(lambda a: f"{a} https://github.com/a/b_c.")),
    st.lists(st.one_of(piece, titles), max_size=3),
    st.sampled_from(["", "2412.10117"]),
)
def test_a_paper_page_shows_title_and_abstract_as_written_and_nothing_else(
    title: str, abstract: str, tags: list[str], arxiv: str
) -> None:
    given = tuple(t for t in (" ".join(tag.split()) for tag in tags) if t)
    item = paper(title, abstract, arxiv=arxiv, links=arxiv_links(arxiv), given_tags=given)
    assume(item.title)
    item = tag_paper(item, load_rules(TAG_DATA, "tags.yml")[0])
    page, meta = html_of(render_one(item))
    urls = {link.url for link in item.links} | set(find_urls(item.abstract))
    # As a link's target, a URL has its brackets and spaces percent-encoded (markup.link).
    assert_nothing_became_markup(page, {url.translate(LINK_TARGET) for url in urls})
    texts = list(page.texts.values())
    assert texts[0] == item.title == shown(title)
    # The reader tools take the title from the heading (texts[0], above) and the slug from
    # the page's address; the page's tools place names the citation key.
    tools = [a for _, a in page.elements if "digest-reader--page" in (a.get("class") or "")]
    assert len(tools) == 1 and "data-title" not in tools[0] and tools[0]["data-key"]
    if item.abstract:  # an abstract of spaces alone ('\xa0') leaves no paragraph to show
        assert page.texts[page.abstract] == item.abstract == shown(abstract, item.title)
    else:
        assert shown(abstract, item.title) == ""
    # MkDocs themes print these unescaped, so the front matter holds them HTML-escaped.
    assert meta["title"] == item.title.replace("&", "&amp;").replace("<", "&lt;").replace(
        ">", "&gt;"
    ).replace('"', "&quot;").replace("'", "&#x27;")


@settings(PROPERTY, max_examples=5)
@given(st.one_of(titles, long_titles), huge_abstracts)
def test_a_50_kb_abstract_renders_whole(title: str, abstract: str) -> None:
    item = paper(title, abstract)
    assume(item.title)
    page, _ = html_of(render_one(item))
    assert page.texts[page.abstract] == item.abstract


# The whole pipeline ----------------------------------------------------------------------


@PROPERTY
@given(
    st.lists(st.tuples(dump_titles, dump_abstracts), min_size=1, max_size=8),
    st.lists(st.integers(0, 7), max_size=4),
    st.lists(st.integers(0, 7), max_size=3),
)
def test_each_distinct_paper_gets_exactly_one_page(
    entries: list[tuple[str, str]], repeats: list[int], retitled: list[int]
) -> None:
    entries = list(entries)
    entries += [entries[i % len(entries)] for i in repeats]  # the same paper again
    entries += [(entries[i % len(entries)][0], f"Another abstract. {SENTENCE}") for i in retitled]
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder)
        dump = "\n\n".join(f"{title}\n\n{abstract}" for title, abstract in entries)
        # The property of a plain copy: a tiny dump whose every title and abstract is a
        # Markdown line ('![img](...)', '# heading') is a Markdown copy (read/page_layout.py).
        assume(detect(dump).kind == "plain")
        (content / "dump.txt").write_text(dump + "\n", encoding="utf-8")
        digest = gather(content)
        pages = render_pages(digest.papers, digest.settings, digest.rules)
    assert digest.problems == ()
    distinct = {(" ".join(shown(t).casefold().split()), shown(a, shown(t))) for t, a in entries}
    assert len(digest.papers) == len(distinct)
    assert digest.read - len(digest.papers) == len(entries) - len(distinct)
    merged = [note for note in digest.notes if note.endswith("merged into one page")]
    assert len(merged) == len(entries) - len(distinct)
    paper_pages = sorted(path for path in pages if path.startswith("papers/"))
    assert paper_pages == sorted(f"papers/{p.slug}.md" for p in digest.papers)
    assert len(set(paper_pages)) == len(digest.papers)
    home, _ = html_of(pages["index.md"])
    links = [attrs.get("href") for tag, attrs in home.elements if tag == "a"]
    for item in digest.papers:
        assert links.count(f"papers/{item.slug}.html") == 1


@PROPERTY
@given(st.text(), st.text())
def test_front_matter_reads_back_as_written_whatever_the_text(title: str, description: str) -> None:
    """Front matter is a JSON line (render/markup.yaml_block): MkDocs' reader (libyaml) and
    PyYAML's pure-Python one read every title back exactly, control characters, NEL,
    U+2028, surrogates and all."""
    block = front_matter(title, description, search={"exclude": True}, template="paper.html")
    _, meta = get_data(block + "Text.\n")
    expected = {"title": html.escape(title), "search": {"exclude": True}, "template": "paper.html"}
    if description:
        expected["description"] = html.escape(description)
    assert meta == expected
    assert yaml.load(block.split("\n")[1], yaml.SafeLoader) == expected


@PROPERTY
@given(st.one_of(abstracts, huge_abstracts, st.text()))
def test_a_paper_pages_markdown_needs_no_other_extension(abstract: str) -> None:
    """What Python-Markdown sees of a paper page (site/islands.py): the islands' placeholders
    around the abstract. Workers render it with PAPER_EXTENSIONS only (site/paper_pages.py);
    every configured extension gives the same HTML."""
    source = f"{PLACEHOLDER.format(0)}\n\n{linked_text(abstract)}\n\n{PLACEHOLDER.format(1)}\n"
    full = markdown.markdown(source, extensions=EXTENSIONS, extension_configs=CONFIGS)
    names = [name for name in EXTENSIONS if name in PAPER_EXTENSIONS]
    configs = {name: CONFIGS[name] for name in names if name in CONFIGS}
    assert markdown.markdown(source, extensions=names, extension_configs=configs) == full
    assert "generator.site.external_links" in names
