"""Full MkDocs builds of hostile content: what reaches the final HTML and the search index.

Material prints page titles, descriptions and the site name without escaping them, and its
search renders the index as HTML, so these are checked on the built site, not just on the
Markdown. One fixed hostile content folder, plus a few generated ones.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hostile import LATEX, MARKUP, UNICODE, abstracts, titles
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import Digest
from generator.render.paper import teaser
from rendering import build_digest

SENTENCE = "We study this in depth, and it works well on every benchmark we tried."
ENV = {"SOURCE_DATE_EPOCH": "1741651200"}
SETTINGS = (
    'title: \'<script>alert("site")</script> & "Digest" {{ x }}\'\n'
    "description: '<img src=x onerror=alert(1)> & {% raw %}'\n"
    "repo_url: https://github.com/you/digest\n"
)
TAGS = (
    "tags:\n"
    "  - name: '<b>bold</b> & \"tag\"'\n"
    "    description: '<script>alert(2)</script> {{ x }}'\n"
    "    phrases: [alert, script]\n"
)
FORBIDDEN = {"iframe", "img", "style", "object", "embed", "base", "frame", "textarea", "math"}


def hostile_dump() -> str:
    """Every hostile piece in a title and in an abstract, a duplicate and a same title."""
    entries = []
    for number, piece in enumerate(MARKUP + LATEX + UNICODE):
        title = " ".join(f"{piece} title {number}".split()).rstrip(".")
        entries.append(
            f"{title}\n\nAbstract {number}: {piece} https://x.example/{number}. {SENTENCE}"
        )
    entries.append(f"<b>Twice</b>\n\n{SENTENCE}")
    entries.append(f"<b>Twice</b>\n\n{SENTENCE}")
    entries.append(f"<b>Twice</b>\n\nA different paper. {SENTENCE}")
    return "\r\n\r\n".join(entries).replace("\n", "\r\n").replace("\r\r", "\r") + "\r\n"


RECORDS = (
    "- title: '" + "A very long <i>title</i> & more " * 20 + "'\n"
    f"  abstract: 'Huge <script>alert(3)</script> {'word ' * 9000}'\n"
    "  authors: ['<b>Ada</b>', '{{ config }}', 'javascript:alert(1)']\n"
    "  tags: ['<script>', 'a b', 'A-B', 'index']\n"
    "  url: 'https://x.example/a_(b)?c=1&d=<2>'\n"
)


def write_content(folder: Path, dump: str, records: str = RECORDS) -> Path:
    folder.mkdir(parents=True)
    (folder / "dump.txt").write_bytes(("\ufeff" + dump).encode())
    (folder / "records.yml").write_text(records, encoding="utf-8")
    (folder / "settings.yml").write_text(SETTINGS, encoding="utf-8")
    (folder / "tags.yml").write_text(TAGS, encoding="utf-8")
    return folder


def build(content: Path, out: Path) -> tuple[Digest, Path]:
    digest = build_digest(content, out, env=ENV)
    return digest, out / "site"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Digest, Path]:
    out = tmp_path_factory.mktemp("hostile")
    return build(write_content(out / "content", hostile_dump()), out)


class Html(HTMLParser):
    """Elements with attributes, inline scripts, the <title> and texts by element id/class."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[str, dict[str, str], int]] = []  # body, attrs, position
        self.title = ""
        self.h1 = ""
        self._in: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.elements.append((tag, values))
        if tag in {"script", "title", "h1"} or (
            tag == "a" and "headerlink" in values.get("class", "")
        ):
            self._in.append(tag if tag != "a" else "permalink")
        if tag == "script":
            self.scripts.append(("", values, len(self.elements)))

    def handle_endtag(self, tag: str) -> None:
        if self._in and (self._in[-1] == tag or (tag == "a" and self._in[-1] == "permalink")):
            self._in.pop()

    def handle_data(self, data: str) -> None:
        where = self._in[-1] if self._in else ""
        if where == "title":
            self.title += data
        elif where == "h1":
            self.h1 += data
        elif where == "script":
            body, attrs, position = self.scripts[-1]
            self.scripts[-1] = (body + data, attrs, position)

    def meta(self, name: str) -> str:
        return next(
            a.get("content", "") for t, a in self.elements if t == "meta" and a.get("name") == name
        )

    @property
    def policy(self) -> tuple[str, int]:
        """The Content-Security-Policy and the position of its <meta>."""
        return next(
            (a["content"], n)
            for n, (t, a) in enumerate(self.elements, start=1)
            if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
        )


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_titles_and_descriptions_show_exactly_as_written(hostile: tuple[Digest, Path]) -> None:
    digest, site = hostile
    name = digest.settings.title
    assert len(digest.papers) == len(MARKUP + LATEX + UNICODE) + 3
    for paper in digest.papers:
        html = Html((site / "papers" / f"{paper.slug}.html").read_text(encoding="utf-8"))
        assert html.title.strip() == f"{paper.title} - {name}"
        assert html.meta("description") == teaser(paper.abstract, 300)
        assert html.h1 == paper.title
    home = Html((site / "index.html").read_text(encoding="utf-8"))
    assert home.title.strip() == f"{name} - {name}"
    assert home.h1 == name
    assert home.meta("description") == digest.settings.description
    assert name == '<script>alert("site")</script> & "Digest" {{ x }}'


def test_nothing_from_the_content_became_an_element_attribute_or_link(
    hostile: tuple[Digest, Path],
) -> None:
    _, site = hostile
    for page in pages(site):
        html = Html(page.read_text(encoding="utf-8"))
        for tag, attrs in html.elements:
            assert tag not in FORBIDDEN, (page.name, tag, attrs)
            assert not [a for a in attrs if a.startswith("on")], (page.name, tag, attrs)
            for name in ("href", "src", "action", "formaction", "srcdoc", "data"):
                if name in attrs:
                    scheme = urlsplit(attrs[name].strip()).scheme.lower()
                    assert scheme in {"", "http", "https"}, (page.name, tag, attrs)
        assert [s for s, _, _ in html.scripts if "alert" in s] == [], page.name


def test_every_link_to_another_host_has_rel_noopener(hostile: tuple[Digest, Path]) -> None:
    _, site = hostile
    external = 0
    for page in pages(site):
        for tag, attrs in Html(page.read_text(encoding="utf-8")).elements:
            if tag == "a" and urlsplit(attrs.get("href", "")).netloc:
                external += 1
                assert "noopener" in attrs.get("rel", "").split(), (page.name, attrs)
    assert external > 100  # arXiv-less papers still link their URLs, the header its repo


def sha256(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


def test_every_page_has_the_policy_and_it_allows_each_of_its_inline_scripts(
    hostile: tuple[Digest, Path],
) -> None:
    _, site = hostile
    missing: set[str] = set()
    for page in pages(site):
        html = Html(page.read_text(encoding="utf-8"))
        policy, position = html.policy
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert "'unsafe-inline'" not in policy
        assert directives["object-src"] == "'none'"
        assert directives["base-uri"] == "'none'"
        for body, attrs, at in html.scripts:
            inline = "src" not in attrs and attrs.get("type") != "application/json"
            if at > position and inline and f"'{sha256(body)}'" not in directives["script-src"]:
                missing.add(f"'{sha256(body)}' ({page.name}: {body[:40]}...)")
    assert not missing, "add to script-src in overrides/main.html: " + ", ".join(missing)


def test_the_search_index_holds_text_not_markup(hostile: tuple[Digest, Path]) -> None:
    """The titles and snippets the search worker hands Material, which shows them as HTML."""
    digest, site = hostile
    rows: dict[str, list[str]] = {}
    for chunk in sorted((site / "search" / "docs").glob("*.js")):
        call = re.fullmatch(r"self\.__digestDocs\((.*)\);\n", chunk.read_text(), re.DOTALL)
        assert call, chunk
        rows |= {row[0]: row for row in json.loads(f"[{call[1]}]")[1]}
    for paper in digest.papers:
        _, title, snippet = rows[f"papers/{paper.slug}.html"]
        assert Html(title).elements == []  # it must be text
        assert Html(snippet).elements == []


def test_duplicates_and_same_titles_in_the_hostile_build(hostile: tuple[Digest, Path]) -> None:
    digest, site = hostile
    twice = [p for p in digest.papers if p.title == "<b>Twice</b>"]
    assert [p.slug for p in twice] == ["b-twice-b", "b-twice-b-2"]
    assert digest.read == len(digest.papers) + 1
    assert len(list((site / "papers").glob("*.html"))) == len(digest.papers)
    assert sorted(p.name for p in (site / "tags").glob("*.html"))[:4] == [
        "a-b-2.html",
        "a-b.html",
        "b-bold-b-tag.html",
        "index-2.html",
    ]


@settings(max_examples=3, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(titles, abstracts), min_size=1, max_size=3))
def test_generated_hostile_sites_show_text_as_written(entries: list[tuple[str, str]]) -> None:
    dump = "\n\n".join(
        f"Title {n}: {title.rstrip('.')}\n\n{abstract} {SENTENCE}"
        for n, (title, abstract) in enumerate(entries)
    )
    with tempfile.TemporaryDirectory() as folder:
        digest, site = build(
            write_content(Path(folder) / "content", dump, records=""), Path(folder)
        )
        assert digest.problems == ()
        for paper in digest.papers:
            html = Html((site / "papers" / f"{paper.slug}.html").read_text(encoding="utf-8"))
            assert html.title.strip() == f"{paper.title} - {digest.settings.title}"
            assert html.h1 == paper.title
            assert html.meta("description") == teaser(paper.abstract, 300)
            for tag, attrs in html.elements:
                assert tag not in FORBIDDEN and not [a for a in attrs if a.startswith("on")]
            text = re.sub(r"\s+", " ", (site / "papers" / f"{paper.slug}.html").read_text())
            assert "<script>alert" not in text
