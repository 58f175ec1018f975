"""Files that grow with the digest, cut above a size: BibTeX in parts with an index, tag pages
in pages with a navigation, names that never collide, and a paginated tag that builds."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from dataclasses import replace
from pathlib import Path

from bibtexparser.entrypoint import parse_string
from hypothesis import given
from hypothesis import strategies as st
from small_site import build_paginated_site

from generator.discover.cite import bibtex
from generator.discover.facts import Facts, tag_slugs
from generator.discover.files import data_files
from generator.discover.parts import bibtex_files, pack
from generator.model import Location, Paper, Tagging
from generator.read.settings import Settings
from generator.render.pages import render_site, render_tag
from generator.render.reader import NEW_SINCE
from rendering import facts_of


def papers(count: int) -> list[Paper]:
    """Papers of two tags: every one 'speech', every third 'music'."""
    return [
        Paper(
            title=f"Paper {n}: on speech",
            abstract=f"Paper {n} does things. " * (1 + n % 5),
            source=Location("x.txt", n + 1),
            slug=f"paper-{n}",
            date=dt.date(2025, 3, 11) - dt.timedelta(days=n // 3),
            authors=("Ada Lovelace",),
            arxiv=f"2401.{n:05d}",
            tags=(Tagging("speech", "given"),) + ((Tagging("music", "given"),) if n % 3 else ()),
        )
        for n in range(count)
    ]


def digest(count: int) -> Facts:
    return facts_of(papers(count), Settings(title="Digest"))


def test_pack_fills_each_run_up_to_the_limit_in_order() -> None:
    assert pack([3, 3, 3, 3], 6) == [range(0, 2), range(2, 4)]
    assert pack([3, 3, 3, 3], 7, overhead=1) == [range(0, 2), range(2, 4)]
    assert pack([9, 1, 9], 5) == [range(0, 1), range(1, 2), range(2, 3)]
    assert pack([], 5) == []


def test_bibtex_above_the_limit_is_an_index_of_parts_each_under_it() -> None:
    facts = digest(30)
    entries = [facts.citations[p.slug] for p in facts.papers]
    whole = bibtex(facts.papers, facts.citations)
    assert bibtex_files("papers.bib", entries, len(whole.encode())) == [("papers.bib", whole)]
    limit = len(whole.encode()) // 5
    files = bibtex_files("papers.bib", entries, limit)
    assert files == bibtex_files("papers.bib", entries, limit)  # same bytes twice
    (_, index), *parts = files
    assert [path for path, _ in parts] == [f"papers-{n}.bib" for n in range(1, len(parts) + 1)]
    assert len(parts) >= 5
    assert re.findall(r"^@comment\{part: (\S+)\}$", index, re.MULTILINE) == [
        path for path, _ in parts
    ]
    assert parse_string(index).entries == []
    keys = []
    for path, text in parts:
        assert len(text.encode()) <= limit, path
        library = parse_string(text)
        assert library.failed_blocks == []
        keys += [entry.key for entry in library.entries]
    assert keys == [facts.cite_keys[p.slug] for p in facts.papers]  # each once, in order
    assert "".join(text for _, text in parts).replace("\n\n", "\n") == whole.replace("\n\n", "\n")


def test_data_files_cut_papers_json_and_every_bib_with_one_limit() -> None:
    facts = digest(30)
    files = dict(data_files(facts, 4000))
    assert files == dict(data_files(facts, 4000))  # same bytes twice
    assert {"papers-2.json.gz", "papers-2.bib", "tags/speech--2.bib", "tags/music--2.bib"} <= set(
        files
    )
    assert "@comment{part: speech--1.bib}" in files["tags/speech.bib"]
    parts = {path for path in files if re.search(r"-\d+\.(bib|json\.gz)$", path)}
    assert not any(path.endswith(".json") for path in parts)  # papers.json's are gzip only
    texts = [
        gzip.decompress(content).decode() if isinstance(content, bytes) else content
        for content in (files[path] for path in parts)
    ]
    assert all(len(text.encode()) <= 4000 for text in texts)  # uncompressed, under the limit
    assert all(isinstance(files[path], str) for path in files if path not in parts)
    assert files["feed.xml"] == dict(data_files(facts))["feed.xml"]


@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=12))
def test_a_tag_page_name_never_holds_two_dashes_so_further_pages_collide_with_none(
    names: list[str],
) -> None:
    pages = tag_slugs(names + [f"{name} 2" for name in names] + [f"{n}--2" for n in names])
    assert not any("--" in page for page in pages.values())


def test_a_tag_named_like_another_tags_second_page_keeps_its_own() -> None:
    mine = papers(7)
    mine[0] = replace(mine[0], tags=(Tagging("speech 2", "given"), Tagging("speech--2", "given")))
    facts = facts_of(mine)
    assert facts.tag_pages == {
        "music": "music",
        "speech": "speech",
        "speech 2": "speech-2",
        "speech--2": "speech-2-2",
    }
    paths = [path for path, _ in render_site(facts, Settings(), tag_page_papers=2)]
    assert len(paths) == len(set(paths))
    assert {"tags/speech.md", "tags/speech--2.md", "tags/speech--3.md"} <= set(paths)
    assert {"tags/speech-2.md", "tags/speech-2-2.md"} <= set(paths)


def test_a_big_tag_has_pages_with_previous_next_and_every_page_number() -> None:
    facts = digest(8)
    pages = dict(render_site(facts, Settings(), tag_page_papers=3))
    names = ["tags/speech.md", "tags/speech--2.md", "tags/speech--3.md"]
    assert sorted(path for path in pages if path.startswith("tags/speech")) == sorted(names)
    listed = [re.findall(r'href="\.\./papers/([\w-]+)\.html"', pages[name]) for name in names]
    assert [len(slugs) for slugs in listed] == [3, 3, 2]
    assert [slug for slugs in listed for slug in slugs] == [
        p.slug for p in facts.papers
    ]  # each once, in digest order
    second = pages["tags/speech--2.md"]
    nav = (
        '<nav class="digest-pages" aria-label="Pages of this tag" markdown>\n'
        "Page 2 of 3: [← Previous page](speech.md) [1](speech.md) "
        '<strong aria-current="page">2</strong> [3](speech--3.md) [Next page →](speech--3.md)\n'
        "</nav>"
    )
    assert nav in second
    assert nav.replace("this tag", "this tag, after the list") in second
    assert '"title": "Tag: speech (page 2 of 3)"' in second
    assert "8 papers, 4 to 6 on this page." in second
    assert NEW_SINCE in pages["tags/speech.md"] and NEW_SINCE not in second
    assert "[Next page →]" not in pages["tags/speech--3.md"]
    assert "Previous page" not in pages["tags/speech.md"]


def test_a_tag_under_the_limit_has_one_page_as_before() -> None:
    facts = digest(8)
    pages = dict(render_site(facts, Settings(), tag_page_papers=8))
    (speech,) = [path for path in pages if path.startswith("tags/speech")]
    assert "digest-pages" not in pages[speech]
    assert pages[speech] == render_tag(facts.tags[0], facts, Settings())


def test_a_paginated_tag_and_split_data_build_with_mkdocs_strict(tmp_path: Path) -> None:
    site = build_paginated_site(tmp_path)
    for name in ("speech", "speech--2", "speech--3"):
        page = site / "tags" / f"{name}.html"
        html = page.read_text(encoding="utf-8")
        navs = re.findall(
            r'<nav aria-label="Pages of this tag[^"]*" class="digest-pages">.*?</nav>',
            html,
            re.DOTALL,
        )
        assert len(navs) == 2
        for href in navs:
            for target in re.findall(r'href="([^"]+)"', href):
                assert (page.parent / target).is_file(), (name, target)
        for target in re.findall(r'href="(\.\./papers/[^"]+)"', html):
            assert (page.parent / target).is_file(), (name, target)
    assert (site / "tags" / "speech--1.bib").is_file()
    # papers.json's parts are gzip files, which MkDocs copies from docs/ as they are.
    index = json.loads((site / "papers.json").read_text(encoding="utf-8"))
    names = [part["url"].rsplit("/", 1)[-1] for part in index["parts"]]
    assert names == [f"papers-{n}.json.gz" for n in range(1, len(names) + 1)]
    assert len(names) >= 2 and not (site / "papers-1.json").exists()
    for name in names:
        data = (site / name).read_bytes()
        assert data == (tmp_path / "docs" / name).read_bytes()
        assert json.loads(gzip.decompress(data))["number"] == names.index(name) + 1
    listed = (site / "tags" / "index.html").read_text(encoding="utf-8")
    assert 'href="speech.html"' in listed
