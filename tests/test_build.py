"""The whole pipeline: joins, duplicates, slugs, and one end-to-end build of the shipped
content (its frozen copy, tests/fixtures/shipped/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SHIPPED
from generator.build import Digest, gather
from generator.model import Location, Paper
from generator.transform.dedupe import merge_duplicates
from generator.transform.slugs import assign_slugs
from rendering import build_digest

ABSTRACT = "We study a thing in depth. It works well on many benchmarks and we release code."


def paper(title: str, abstract: str = ABSTRACT, line: int = 1) -> Paper:
    return Paper(title=title, abstract=abstract, source=Location("x.txt", line))


def test_slug_collisions_are_resolved_in_order_and_reported() -> None:
    long = "A" + " very long title" * 10
    papers, notes = assign_slugs(
        [
            paper("Same Title", line=1),
            paper("Same Title", "Another abstract entirely.", line=5),
            paper("Same, Title!", line=9),
            paper(long + " ending one", line=13),
            paper(long + " ending two", line=17),
        ]
    )
    slugs = [p.slug for p in papers]
    assert slugs[:3] == ["same-title", "same-title-2", "same-title-3"]
    assert slugs[3] != slugs[4]
    assert len(set(slugs)) == 5
    assert all(len(slug) <= 80 for slug in slugs)
    assert notes[0] == (
        "x.txt:5: slug 'same-title' is taken by x.txt:1; this paper's page is papers/same-title-2"
    )
    assert len(notes) == 3


def test_same_paper_twice_is_merged_but_same_title_different_abstract_is_not() -> None:
    papers, notes = merge_duplicates(
        [paper("A", line=1), paper("A", line=5), paper("A", "Different.", line=9)]
    )
    assert [(p.title, p.source.line) for p in papers] == [("A", 1), ("A", 9)]
    assert notes == [
        "x.txt:5: same paper as x.txt:1 (same title and abstract); merged into one page"
    ]


def write_content(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, body in files.items():
        (folder / name).write_text(body)
    return folder


def test_records_join_the_dump_by_title_and_report_orphans(tmp_path: Path) -> None:
    content = write_content(
        tmp_path / "content",
        {
            "a.txt": f"Mar 11\n\nA Paper Title\n\n{ABSTRACT}\n",
            "b.yml": "- title: a paper  title\n  first_author: Ada Lovelace\n"
            "  arxiv: '2401.00001'\n"
            "- title: Missing Paper\n  arxiv: '2401.00002'\n"
            f"- title: Hand Added\n  abstract: {ABSTRACT}\n  tags: [mine]\n",
        },
    )
    digest = gather(content)
    first, added = digest.papers
    assert first.authors == ("Ada Lovelace",)
    assert not first.authors_complete
    assert [link.kind for link in first.links] == ["arxiv", "pdf", "hf"]
    assert added.tag_names == ("mine",)
    assert [str(p) for p in digest.problems] == [
        f"{content.as_posix()}/b.yml:4: record 'Missing Paper' has no abstract and no paper has "
        "this title; add 'abstract' or fix the title"
    ]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Digest, Path]:
    out = tmp_path_factory.mktemp("shipped")
    digest = build_digest(SHIPPED, out, strict=True)
    return digest, out / "site"


def test_shipped_content_has_no_problems(shipped: tuple[Digest, Path]) -> None:
    digest, _ = shipped
    assert digest.problems == ()
    assert len(digest.papers) == 135


def test_every_paper_has_a_page_with_author_links_and_tags(shipped: tuple[Digest, Path]) -> None:
    digest, site = shipped
    pages = sorted((site / "papers").glob("*.html"))
    assert len(pages) == 135
    with_author = 0
    for paper in digest.papers:
        html = (site / "papers" / f"{paper.slug}.html").read_text()
        assert f'href="https://arxiv.org/abs/{paper.arxiv}"' in html
        assert f'href="https://arxiv.org/pdf/{paper.arxiv}"' in html
        assert f'href="https://huggingface.co/papers/{paper.arxiv}"' in html
        with_author += " et al." in html
        for tag in paper.tag_names:
            match = re.search(rf'href="(\.\./tags/[\w-]+\.html)">{re.escape(tag)}</a>', html)
            assert match, f"{paper.slug}: no link to tag {tag!r}"
            tag_page = (site / "papers" / match.group(1)).resolve().read_text()
            assert f'href="../papers/{paper.slug}.html"' in tag_page
    assert with_author == 134  # one paper of the metadata has no first author


def test_code_links_and_clean_text(shipped: tuple[Digest, Path]) -> None:
    digest, site = shipped
    slug = next(p.slug for p in digest.papers if p.title.startswith("MiniPLM"))
    html = (site / "papers" / f"{slug}.html").read_text()
    assert (
        '<a href="https://github.com/thu-coai/MiniPLM" rel="noopener">'
        "Code: github.com/thu-coai/MiniPLM</a>" in html
    )
    for page in (site / "papers").glob("*.html"):
        body = page.read_text().split('<article class="md-content__inner', 1)[1]
        assert not re.search(r"\\(textbf|eg|url|ourMethod)\b|``|\{this", body), page.name


def test_home_and_tag_pages_are_not_in_the_search_index(shipped: tuple[Digest, Path]) -> None:
    """The papers are what search finds: the sharded index's documents (search/docs/)."""
    digest, site = shipped
    index = "".join(p.read_text() for p in sorted((site / "search" / "docs").glob("*.js")))
    assert '"index.html"' not in index
    assert "tags/" not in index
    for paper in digest.papers:
        assert f"papers/{paper.slug}.html" in index


def test_papers_are_not_in_the_navigation(shipped: tuple[Digest, Path]) -> None:
    _, site = shipped
    home = (site / "index.html").read_text()
    nav = home.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "papers/" not in nav
