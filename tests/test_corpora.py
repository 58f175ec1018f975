"""Other tools' files (real files other people wrote, cut down: tests/fixtures/corpora/) build
into sites: each alone, and all of them with the shipped page copy, duplicates merged."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from conftest import CORPORA, FIXTURES, ROOT, SHIPPED
from generator.build import Digest, build_site, gather, generate
from generator.read.dispatch import read_content
from generator.read.files import content_files

# name: (papers read, pages, notes): every entry with a title and an abstract is read.
ALONE = {
    "alfolio_594zyc_papers.bib": (5, 5, 1),  # one arXiv id on two papers: a note, two pages
    "alfolio_3c-lab_papers.bib": (3, 2, 3),  # 2 of 5 entries without an abstract, 1 DOI twice
    "arxiv_api_atom_query_testing_8.xml": (8, 8, 0),
    "arxiv_daily_2025-10_7.json": (7, 7, 0),
}
EXTRA = (
    # A patch of a shipped paper, by title (its arXiv id with a version): a tag, all authors.
    '{"title": "CosyVoice 2: Scalable Streaming Speech Synthesis with Large Language Models", '
    '"arxiv": "2412.10117v2", "authors": ["Zhihao Du", "Qian Chen"], "tags": ["mine"]}\n'
    # A paper of the tracker's dump again, by DOI, with its title in other case.
    '{"title": "PhySIC: physically plausible 3D human-scene interaction and contact from a '
    'single image", "doi": "https://doi.org/10.1145/3757377.3763862", "venue": "SIGGRAPH '
    'Asia 2025", "abstract": "The abstract as its publisher has it."}\n'
)
LATEX_LEFT = re.compile(r"\\[%&_#$\"'`]|\{\\|\{'\}|\\(url|textbf|emph)\b|\$[A-Za-z]+\$")


def content_with(folder: Path, *files: Path, page_copy: bool) -> Path:
    folder.mkdir(parents=True)
    for name in ["settings.yml", "tags.yml"] + (["trending.txt", "papers-meta.yml"] * page_copy):
        shutil.copy(SHIPPED / name, folder / name)
    for path in files:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.mark.parametrize("name", sorted(ALONE))
def test_each_corpus_alone_gives_a_page_per_paper_and_no_problems(
    name: str, tmp_path: Path
) -> None:
    digest = gather(content_with(tmp_path / "content", CORPORA / name, page_copy=False))
    assert digest.problems == ()
    # the reading report ("x.json: read as another tool's JSON, ...") is not counted
    notes = [note for note in digest.notes if "slug" not in note and ": read as " not in note]
    assert (digest.read, len(digest.papers), len(notes)) == ALONE[name]


@pytest.fixture(scope="module")
def together(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Digest]:
    folder = tmp_path_factory.mktemp("corpora") / "content"
    files = [CORPORA / name for name in ALONE]
    content = content_with(folder, *files, page_copy=True)
    shutil.copy(FIXTURES / "arxiv_api_page1.xml", content / "arxiv-again.xml")  # 2 of the 100
    (content / "imported").mkdir()
    shutil.copy(FIXTURES / "hf_daily_papers_2024-10-25.json", content / "imported" / "hf.json")
    (content / "extra.jsonl").write_text(EXTRA)
    return content, gather(content)


def test_all_corpora_and_the_page_copy_build_together_with_duplicates_merged(
    together: tuple[Path, Digest],
) -> None:
    content, digest = together
    assert digest.problems == ()
    # 135 shipped, 23 of the corpora, 2 again, 3 of Hugging Face and 1 record; 4 merges.
    assert (digest.read, len(digest.papers)) == (135 + 23 + 2 + 3 + 1, 160)
    where = content.as_posix()
    merges = [note for note in digest.notes if note.endswith("merged into one page")]
    assert merges == [
        f"{where}/alfolio_3c-lab_papers.bib: entry RN1738: same paper as {where}/alfolio_3c-lab"
        "_papers.bib: entry RN1739 (same DOI 10.1002/cbic.201402602); merged into one page",
        f"{where}/arxiv_api_atom_query_testing_8.xml: entry 2202.12139: same paper as "
        f"{where}/arxiv-again.xml: entry 2202.12139 (same arXiv id 2202.12139); merged into "
        "one page",
        f"{where}/arxiv_api_atom_query_testing_8.xml: entry 2405.13786: same paper as "
        f"{where}/arxiv-again.xml: entry 2405.13786 (same arXiv id 2405.13786); merged into "
        "one page",
        f"{where}/extra.jsonl:2: same paper as {where}/arxiv_daily_2025-10_7.json: entry 6 "
        "(same DOI 10.1145/3757377.3763862); merged into one page",
    ]
    assert (
        f"{where}/alfolio_3c-lab_papers.bib: entry RN1506: no abstract; skipped 'Identification"
        " of Plasma Me...o Oxycodone Exposure in Rats' (a page needs an abstract)"
    ) in digest.notes


def test_every_entry_with_an_abstract_has_a_page_or_a_merge(
    together: tuple[Path, Digest],
) -> None:
    content, digest = together
    pages = {str(paper.source) for paper in digest.papers}
    merged = {note.split(": same paper as ")[0] for note in digest.notes}
    for path in content_files(content):
        found = read_content(path.read_text(), path.as_posix(), 2025)
        assert found is not None
        read = [str(r.where) for r in found.records if r.abstract]
        read += [str(p.source) for p in found.papers]
        assert [entry for entry in read if entry not in pages | merged] == [], path.name


def test_merged_papers_keep_the_richest_metadata(together: tuple[Path, Digest]) -> None:
    _, digest = together
    cosy = next(p for p in digest.papers if p.title.startswith("CosyVoice 2:"))
    # extra.jsonl is read before papers-meta.yml: its arXiv id (with a version) came first.
    assert (cosy.arxiv, cosy.authors, cosy.authors_complete) == (
        "2412.10117v2",
        ("Zhihao Du", "Qian Chen"),
        True,
    )
    assert "mine" in cosy.tag_names
    assert [link.kind for link in cosy.links][:3] == ["arxiv", "pdf", "hf"]
    physic = next(p for p in digest.papers if p.doi == "10.1145/3757377.3763862")
    assert physic.title.startswith("PhySIC: Physically Plausible")  # the first one read
    assert (physic.venue, physic.arxiv) == ("SIGGRAPH Asia 2025", "2510.11649")
    hf = [p for p in digest.papers if p.date == dt.date(2024, 10, 25)]
    assert [p.arxiv for p in hf] == ["2410.17243", "2410.16251", "2410.18533"]


def test_latex_reads_cleanly_everywhere(together: tuple[Path, Digest]) -> None:
    content, digest = together
    written = {path.name for path in content_files(content) if LATEX_LEFT.search(path.read_text())}
    assert written == {"alfolio_594zyc_papers.bib", "arxiv_daily_2025-10_7.json", "trending.txt"}
    left = [
        (str(p.source), match.group(0))
        for p in digest.papers
        for match in LATEX_LEFT.finditer(f"{p.title} {p.abstract} {' '.join(p.authors)}")
    ]
    assert left == []
    by_title = {p.title: p for p in digest.papers}
    assert "DANLI: Deliberative Agent for Following Natural Language Instructions" in by_title


def test_the_site_of_all_corpora_builds_and_shows_their_metadata(
    together: tuple[Path, Digest], tmp_path: Path
) -> None:
    content, _ = together
    digest = generate(content, tmp_path / "docs", env={})
    build_site(
        ROOT / "mkdocs.yml",
        tmp_path / "docs",
        tmp_path / "site",
        digest.settings,
        digest.offline_zip,
    )
    site = tmp_path / "site"
    assert len(list((site / "papers").glob("*.html"))) == len(digest.papers) == 160

    def page(start: str) -> str:
        paper = next(p for p in digest.papers if p.title.startswith(start))
        return (site / "papers" / f"{paper.slug}.html").read_text()

    bib = page("Paraphrase Augmented Task-Oriented Dialog Generation")
    assert '<a href="https://doi.org/10.18653/v1/2020.acl-main.60"' in bib
    assert "Proceedings of the 58th Annual Meeting of the Association for Computational" in bib
    assert ">Code: github.com/Silin159/PARG</a>" in bib
    atom = page("Testing Deep Learning Models: A First Comparative Study")
    assert "cs.SE, cs.LG · Comment: Artificial Intelligence in Software Testing 2022" in atom
    assert '<a href="https://arxiv.org/abs/2202.12139" rel="noopener">arXiv</a>' in atom
