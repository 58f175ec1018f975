"""The reader tools (overrides/assets/reader.js): stars and "mark as read", the reading list
page with its exports and import, and "new since your last visit"; over HTTP and from disk.

Each test uses one browser context, whose localStorage is the reader's: a new page in it is
a new visit (sessionStorage is per tab), a new context a new browser.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import FilePayload, Page, expect

from generator.discover.parts import bibtex_files
from rendering import build_digest

from .support import Tabs, serve

COSYVOICE = "cosyvoice-2-scalable-streaming-speech-synthesis-with-large-language-models"
COSYVOICE_TITLE = "CosyVoice 2: Scalable Streaming Speech Synthesis with Large Language Models"
HOSTILE = '<img src=x onerror="document.title=1">'


def pressed(page: Page, name: str) -> str | None:
    return page.get_by_role("button", name=name, exact=True).get_attribute("aria-pressed")


def listed(page: Page) -> list[tuple[str, str, str | None]]:
    """The reading list as shown: each paper's title, address and read state."""
    found: list[tuple[str, str, str | None]] = page.eval_on_selector_all(
        ".digest-reading-item",
        """items => items.map(item => [item.querySelector("a").textContent,
            item.querySelector("a").href,
            item.querySelector(".digest-read").getAttribute("aria-pressed")])""",
    )
    return [tuple(item) for item in found]  # type: ignore[misc]


def json_file(name: str, content: bytes) -> FilePayload:
    return {"name": name, "mimeType": "application/json", "buffer": content}


def download(page: Page, button: str) -> str:
    with page.expect_download() as started:
        page.get_by_role("button", name=button).click()
    return Path(started.value.path()).read_text(encoding="utf-8")


def test_star_and_read_on_a_paper_page_fill_the_reading_list(
    tabs: Tabs, root_url: str, way: str
) -> None:
    page = tabs.open(f"{root_url}papers/{COSYVOICE}.html", offline=way == "file")
    assert (pressed(page, "Star"), pressed(page, "Read")) == ("false", "false")
    page.get_by_role("button", name="Star", exact=True).click()
    page.get_by_role("button", name="Read", exact=True).click()
    assert (pressed(page, "Star"), pressed(page, "Read")) == ("true", "true")
    page.goto(root_url + "reading-list.html")
    url = f"{root_url}papers/{COSYVOICE}.html"
    assert listed(page) == [(COSYVOICE_TITLE, url, "true")]
    assert page.locator(".digest-reading-count").inner_text() == "1 paper, 1 read."
    # Kept for the next visit, on the paper's page and in the lists.
    page.goto(f"{root_url}papers/{COSYVOICE}.html")
    assert (pressed(page, "Star"), pressed(page, "Read")) == ("true", "true")
    page.goto(root_url + "tags/speech.html")
    assert pressed(page, f"Star: {COSYVOICE_TITLE}") == "true"


def test_keyboard_alone_stars_a_paper_in_a_list(tabs: Tabs, root_url: str, way: str) -> None:
    page = tabs.open(root_url + "index.html", offline=way == "file")
    title = page.locator("li strong > a").first.inner_text()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.digest-star')"):
            break
    name = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert name == f"Star: {title}"
    page.keyboard.press("Space")
    assert pressed(page, f"Star: {title}") == "true"
    page.keyboard.press("Enter")
    assert pressed(page, f"Star: {title}") == "false"


def test_the_reading_list_exports_bibtex_and_json(
    tabs: Tabs, site: Path, root_url: str, way: str
) -> None:
    page = tabs.open(f"{root_url}papers/{COSYVOICE}.html", offline=way == "file")
    page.get_by_role("button", name="Star", exact=True).click()
    page.goto(root_url + "index.html")
    other = page.locator("li strong > a").first
    title = other.inner_text()
    slug = str(other.get_attribute("href")).removeprefix("papers/").removesuffix(".html")
    keys = json.loads((site / "papers.json").read_text(encoding="utf-8"))["papers"]
    key = next(paper["citation_key"] for paper in keys if paper["slug"] == slug)
    page.get_by_role("button", name=f"Star: {title}").click()
    page.goto(root_url + "reading-list.html")
    exported = json.loads(download(page, "Export JSON"))
    assert exported["format"] == "paper-digest reading list"
    papers = [(p["slug"], p["title"], p["key"], p["read"]) for p in exported["papers"]]
    assert sorted(papers) == sorted(
        [(COSYVOICE, COSYVOICE_TITLE, "du2024cosyvoice", False), (slug, title, "", False)]
    )
    bibtex = download(page, "Export BibTeX")
    # The digest's own entries: over HTTP from papers.bib (a paper starred in a list by the
    # key on its page); from disk, the one kept when the paper was starred on its page, and
    # a short one for a paper starred in a list.
    assert "@misc{du2024cosyvoice,\n  title = {{CosyVoice 2" in bibtex
    assert "eprint = {2412.10117}" in bibtex
    if way == "http":
        assert f"@misc{{{key},\n  title = {{{{{title}}}}},\n  author = " in bibtex
    else:
        short = (
            f"@misc{{{slug},\n  title = {{{{{title}}}}},\n  url = {{{root_url}papers/{slug}.html}}"
        )
        assert short in bibtex


def test_a_json_export_imports_back_as_text_in_another_browser(
    tabs: Tabs, root_url: str, way: str
) -> None:
    export = {
        "format": "paper-digest reading list",
        "version": 1,
        "papers": [
            {"slug": COSYVOICE, "title": COSYVOICE_TITLE, "key": "du2024cosyvoice", "read": True},
            {"slug": "not-a-paper-here", "title": HOSTILE, "key": "x2024y"},
            {"slug": "../../etc", "title": "A bad address"},
            "nonsense",
        ],
    }
    page = tabs.open(root_url + "reading-list.html", offline=way == "file")
    assert listed(page) == []
    page.locator(".digest-import input").set_input_files(
        json_file("list.json", json.dumps(export).encode())
    )
    message = page.locator(".digest-reading-message")
    expect(message).to_have_text("Imported 4 papers: 2 new, 2 not papers (left out).")
    titles = [title for title, _, _ in listed(page)]
    assert sorted(titles) == sorted([COSYVOICE_TITLE, HOSTILE])
    assert page.locator(".digest-reading-list img").count() == 0
    assert page.title() != "1"
    page.goto(f"{root_url}papers/{COSYVOICE}.html")
    assert (pressed(page, "Star"), pressed(page, "Read")) == ("true", "true")
    page.goto(root_url + "reading-list.html")
    page.locator(".digest-import input").set_input_files(json_file("bad.json", b"{not json"))
    expect(page.locator(".digest-reading-message")).to_contain_text(
        "Not imported: bad.json is not a reading list export"
    )


def test_each_site_keeps_its_own_list(tabs: Tabs, site: Path, tmp_path: Path) -> None:
    """Two copies of a digest opened from disk, in one browser: Chromium gives every
    file:// page the same storage, so the script keys it by the site's folder."""

    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    page = tabs.open(f"{site.as_uri()}/papers/{COSYVOICE}.html", offline=True)
    page.get_by_role("button", name="Star", exact=True).click()
    page.goto(f"{copy.as_uri()}/papers/{COSYVOICE}.html")
    assert pressed(page, "Star") == "false"
    page.goto(f"{site.as_uri()}/reading-list.html")
    assert len(listed(page)) == 1


def test_the_bibtex_export_reads_a_large_digests_bibtex_parts(
    tabs: Tabs, site: Path, tmp_path: Path
) -> None:
    """Above a size papers.bib names its parts (generator/discover/parts.py): the export
    finds the digest's entries in them."""
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    text = (copy / "papers.bib").read_text(encoding="utf-8")
    entries = [entry if entry.endswith("\n") else entry + "\n" for entry in text.split("\n\n")]
    files = bibtex_files("papers.bib", entries, len(text.encode()) // 4)
    assert len(files) > 4
    for path, content in files:
        (copy / path).write_text(content, encoding="utf-8")
    with serve(copy) as url:
        page = tabs.open(f"{url}index.html")
        stars = page.locator("li strong > a")
        titles = [stars.nth(n).inner_text() for n in (0, stars.count() - 1)]
        for title in titles:
            page.get_by_role("button", name=f"Star: {title}").click()
        page.goto(url + "reading-list.html")
        bibtex = download(page, "Export BibTeX")
    for title in titles:
        assert f"  title = {{{{{title}}}}},\n  author = " in bibtex, title


# New since your last visit: the same address serving a digest, then the digest with
# three more papers (one of them about speech).

DAY_ONE = """Mar 11

Speech Synthesis at Scale

We study speech synthesis with a very large model and many voices.

Tokenizers Revisited

We revisit subword tokenizers for many languages and their vocabularies.
"""
DAY_TWO = """Mar 12

Streaming Speech Synthesis

A streaming speech synthesis model with low latency.

Reasoning in Small Models

We teach small models to reason step by step on math problems.

Long Context Benchmarks

A benchmark of long documents for language models with long context.
"""
TAGS = "tags:\n  - name: speech\n    description: Speech.\n    phrases: [speech synthesis]\n"


def digest(out: Path, *days: str, tags: str = TAGS) -> Path:
    content = out / "content"
    content.mkdir(parents=True)
    (content / "settings.yml").write_text("title: Growing digest\nyear: 2025\n")
    (content / "tags.yml").write_text(tags)
    (content / "trending.txt").write_text("\n".join(reversed(days)))
    built = build_digest(content, out, env={"SOURCE_DATE_EPOCH": "1741651200"})
    assert not built.problems, [str(p) for p in built.problems]
    return out / "site"


@pytest.fixture(scope="module")
def growing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path, Path]]:
    """(address, served folder, first build, second build)."""
    root = tmp_path_factory.mktemp("growing")
    before = digest(root / "before", DAY_ONE)
    after = digest(root / "after", DAY_ONE, DAY_TWO)
    served = root / "served"
    with serve(served.parent) as url:
        yield f"{url}{served.name}/", served, before, after


def marks(page: Page) -> tuple[list[str], str | None]:
    """The titles marked new, and what the page says about them (None: nothing)."""
    titles: list[str] = page.eval_on_selector_all(
        "li:has(.digest-new-mark) strong a", "links => links.map(a => a.textContent)"
    )
    said = page.locator(".digest-new-since")
    return titles, (said.inner_text() if said.is_visible() else None)


def test_new_papers_are_marked_on_the_next_visit(
    tabs: Tabs, growing: tuple[str, Path, Path, Path]
) -> None:

    url, served, before, after = growing
    shutil.rmtree(served, ignore_errors=True)
    shutil.copytree(before, served)
    first = tabs.open(url + "index.html")
    assert marks(first) == ([], None), "a first visit marks nothing"
    first.close()
    shutil.rmtree(served)
    shutil.copytree(after, served)
    visit = first.context.new_page()  # a new tab: the next visit
    visit.goto(url + "index.html")
    new = ["Streaming Speech Synthesis", "Reasoning in Small Models", "Long Context Benchmarks"]
    assert marks(visit) == (new, "3 new since your last visit")
    # Within the visit, the tag pages compare with the same last visit.
    visit.goto(url + "tags/speech.html")
    assert marks(visit) == (["Streaming Speech Synthesis"], "1 new since your last visit")
    visit.goto(url + "index.html")
    assert marks(visit)[1] == "3 new since your last visit"
    visit.close()
    again = first.context.new_page()
    again.goto(url + "index.html")
    assert marks(again) == ([], None), "nothing is new twice"


# The speech rule, stopped by a phrase: "Streaming Speech Synthesis" is not tagged speech.
EXCLUDING = TAGS + "    exclude: [streaming]\n"


@pytest.fixture(scope="module")
def excluding(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(address, site) of a digest whose speech rule has an exclude phrase."""
    site = digest(tmp_path_factory.mktemp("excluding"), DAY_ONE, DAY_TWO, tags=EXCLUDING)
    with serve(site) as url:
        yield url, site


def test_an_exclude_phrase_stops_a_rule_and_the_paper_page_says_why(
    tabs: Tabs, excluding: tuple[str, Path], way: str
) -> None:
    url, site = excluding
    root = url if way == "http" else site.as_uri() + "/"
    page = tabs.open(root + "tags/speech.html", offline=way == "file")
    titles = page.eval_on_selector_all("li strong a", "links => links.map(a => a.textContent)")
    assert "Speech Synthesis at Scale" in titles
    assert "Streaming Speech Synthesis" not in titles
    page.goto(root + "papers/streaming-speech-synthesis.html")
    why = page.locator("details.digest-audit")
    why.locator("summary").click()
    expect(why.get_by_role("listitem")).to_have_text(re.compile(r"^not speech: .*'streaming'"))
