"""Rendering: golden pages for tricky papers, and text that never becomes markup."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from generator.common.links import arxiv_links, doi_link
from generator.model import Location, Paper, Tagging
from generator.render.markup import link, linked_text, text
from generator.render.paper import render_paper, teaser
from generator.render.reader import attribute, render_reading_list
from generator.transform.clean import clean_paper
from generator.transform.slugs import assign_slugs
from rendering import facts_of

GOLDENS = Path(__file__).parent / "goldens" / "render"
EXTENSIONS = ["toc", "tables", "attr_list", "md_in_html"]


class Collector(HTMLParser):
    """Elements, attributes and text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text += data


def html_of(source: str) -> Collector:
    collector = Collector()
    collector.feed(markdown.markdown(source, extensions=EXTENSIONS))
    return collector


def paper_from(case: dict[str, Any]) -> Paper:
    paper = Paper(
        title=case["title"],
        abstract=case["abstract"],
        source=Location("golden.txt", 1),
        date=dt.date(2025, 3, 11),
        submitted=case.get("submitted"),
        authors=tuple(case.get("authors", ())),
        authors_complete=case.get("authors_complete", True),
        arxiv=case.get("arxiv", ""),
        doi=case.get("doi", ""),
        venue=case.get("venue", ""),
        year=case.get("year"),
        categories=tuple(case.get("categories", ())),
        comment=case.get("comment", ""),
        links=arxiv_links(case.get("arxiv", "")) + doi_link(case.get("doi", "")),
        tags=tuple(Tagging(t, "given") for t in case.get("tags", ())),
    )
    return assign_slugs([clean_paper(paper)])[0][0]


class GoldenDumper(yaml.SafeDumper):
    """Writes multi-line strings as literal blocks, so a golden diff reads like the page."""


def _literal(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


GoldenDumper.add_representer(str, _literal)


@pytest.mark.parametrize("path", sorted(GOLDENS.glob("*.yml")), ids=lambda p: p.stem)
def test_golden(path: Path, update_goldens: bool) -> None:
    case = yaml.safe_load(path.read_text())
    paper = paper_from(case["paper"])
    rendered = render_paper(paper, facts_of([paper]), {paper.slug: paper.title})
    if update_goldens:
        case["markdown"] = rendered
        path.write_text(
            yaml.dump(case, Dumper=GoldenDumper, sort_keys=False, allow_unicode=True, width=100)
        )
    assert rendered == case["markdown"]


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "<4.3%, >35%, $100K, detect_sarcasm(string), *, |, #",
    "# not a heading",
    "1. not a list",
    "- not a list either",
    "**not bold** _not em_ `not code`",
    "<!-- material/tags -->",
    "{{ jinja }} {% block %}",
    "&amp; stays &lt;as written&gt;",
    "a | table | row",
    "*[HTML]: abbreviation",
    "{: .class }",
    "![image](https://example.com/x.png)",
    "<https://example.com>",
    "line with trailing backslash \\",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_text_shows_exactly_what_was_written(value: str) -> None:
    rendered = html_of(text(value))
    assert rendered.text.strip() == value
    assert [tag for tag, _ in rendered.tags] == ["p"]


def test_linked_text_links_only_urls() -> None:
    rendered = html_of(linked_text("See https://github.com/a/b_c. Or <b>bold</b>?"))
    assert rendered.tags == [("p", []), ("a", [("href", "https://github.com/a/b_c")])]
    assert rendered.text == "See https://github.com/a/b_c. Or <b>bold</b>?"


def test_link_refuses_other_schemes() -> None:
    with pytest.raises(ValueError, match="refusing to link"):
        link("x", "javascript:alert(1)")


def test_teaser_is_the_first_sentence_cut_at_a_word() -> None:
    assert teaser("One thing. Two things.", 200) == "One thing."
    assert teaser("word " * 100, 22) == "word word word word…"


def test_reader_attributes_read_exactly_as_written_and_hold_no_markup() -> None:
    value = 'A "quoted" `code` *star* <b>&amp; \\ title'
    source = f'<span data-title="{attribute(value)}"></span>'
    collector = html_of(source)
    assert collector.tags == [("p", []), ("span", [("data-title", value)])]
    assert not set('"`*<>') & set(attribute(value))


def test_the_reading_list_page_is_a_place_the_script_fills() -> None:
    page = render_reading_list()
    _, meta = get_data(page)
    assert meta == {"hide": ["toc"], "search": {"exclude": True}, "title": "Reading list"}
    assert '<div class="digest-reading-list">' in page
