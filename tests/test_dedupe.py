"""Duplicates: the same paper from several files becomes one; papers that only look alike
do not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.build import gather
from generator.common.links import arxiv_links, doi_link
from generator.model import Link, Location, Paper, Record
from generator.transform.dedupe import combine, loose_title, merge_duplicates, paper_of

ABSTRACT = (
    "We present a streaming speech synthesis model built on a large language model, with "
    "finite scalar quantization of the speech tokens and a chunk-aware flow matching decoder."
)
REWORDED = (
    "We present a streaming speech synthesis model that builds on a large language model, "
    "using finite scalar quantization of speech tokens and a chunk-aware causal flow matching "
    "decoder; it reaches human parity on standard benchmarks."
)
OTHER = (
    "Retrieval of passages for open-domain question answering is studied with dense encoders "
    "trained on hard negatives mined from a lexical index, across many benchmarks."
)


def paper(
    path: str, title: str = "CosyVoice 2", abstract: str = ABSTRACT, **fields: object
) -> Paper:
    return Paper(title=title, abstract=abstract, source=Location(path, 1), **fields)  # type: ignore[arg-type]


def test_the_same_arxiv_id_with_and_without_a_version_is_one_paper() -> None:
    papers, notes = merge_duplicates(
        [
            paper(
                "a.txt",
                arxiv="2412.10117",
                links=arxiv_links("2412.10117"),
                date=dt.date(2025, 3, 11),
            ),
            paper(
                "b.jsonl",
                "CosyVoice 2: Scalable Streaming Speech Synthesis",
                REWORDED,
                arxiv="2412.10117v2",
                links=arxiv_links("2412.10117v2"),
                date=dt.date(2025, 1, 2),
            ),
        ]
    )
    (merged,) = papers
    assert notes == [
        "b.jsonl:1: same paper as a.txt:1 (same arXiv id 2412.10117); merged into one page"
    ]
    assert (merged.title, merged.abstract, merged.source.path) == ("CosyVoice 2", ABSTRACT, "a.txt")
    assert merged.date == dt.date(2025, 1, 2)  # the first day it appeared
    assert merged.arxiv == "2412.10117"
    assert [link.url for link in merged.links] == [
        "https://arxiv.org/abs/2412.10117",
        "https://arxiv.org/pdf/2412.10117",
        "https://huggingface.co/papers/2412.10117",
    ]


def test_arxiv_links_are_not_doubled_by_another_version() -> None:
    first = paper("a.txt", arxiv="2412.10117", links=arxiv_links("2412.10117"))
    second = paper("b.yml", arxiv="2412.10117v2", links=arxiv_links("2412.10117v2"))
    assert combine(first, second).links == arxiv_links("2412.10117")


def test_the_same_doi_in_any_case_is_one_paper_keeping_the_richest_metadata() -> None:
    papers, notes = merge_duplicates(
        [
            paper("a.bib", doi="10.1109/ABC.2022.35", authors=("Ada",), authors_complete=False,
                  given_tags=("mine",), venue="ICST"),
            paper("b.xml", abstract=REWORDED, doi="10.1109/abc.2022.35", authors=("Ada", "Alan"),
                  categories=("cs.SE",), comment="8 pages", given_tags=("speech", "mine"),
                  links=(Link("code", "https://github.com/a/b", "github.com/a/b"),)),
        ]
    )  # fmt: skip
    (merged,) = papers
    assert notes == [
        "b.xml:1: same paper as a.bib:1 (same DOI 10.1109/abc.2022.35); merged into one page"
    ]
    assert (merged.authors, merged.authors_complete) == (("Ada", "Alan"), True)
    assert (merged.venue, merged.categories, merged.comment) == ("ICST", ("cs.SE",), "8 pages")
    assert merged.given_tags == ("mine", "speech")
    assert [link.kind for link in merged.links] == ["code"]


def test_one_id_on_two_different_papers_keeps_both_and_says_so() -> None:
    """A real case: an al-folio file gives two different papers the arXiv id 1811.01331."""
    papers, notes = merge_duplicates(
        [
            paper("p.bib", "Elastic CRFs for Open-Ontology Slot Filling", arxiv="1811.01331"),
            paper("p.bib", "Improved Learning of Word Embeddings", OTHER, arxiv="1811.01331"),
        ]
    )
    assert len(papers) == 2
    assert notes == [
        "p.bib:1: same arXiv id 1811.01331 as p.bib:1, but another title and abstract; kept as "
        "two papers (is one of the two ids wrong?)"
    ]


def test_the_same_title_from_another_file_merges_when_the_abstracts_agree() -> None:
    title = "CosyVoice 2: Scalable Streaming Speech Synthesis"
    papers, notes = merge_duplicates(
        [
            paper("a.txt", title, arxiv="2412.10117"),
            paper("b.bib", "CosyVoice 2 -- scalable streaming speech synthesis", REWORDED),
        ]
    )
    assert len(papers) == 1
    assert notes == [
        "b.bib:1: same paper as a.txt:1 (same title, abstracts agree); merged into one page"
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"path": "a.txt"}, {"path": "b.yml", "abstract": OTHER}),  # another abstract
        ({"path": "a.txt"}, {"path": "a.txt", "abstract": REWORDED}),  # one file, two entries
        ({"arxiv": "1706.03762"}, {"arxiv": "2501.00001", "abstract": REWORDED}),
        ({"doi": "10.1000/x"}, {"doi": "10.1000/y", "abstract": REWORDED}),
    ],
    ids=["another-abstract", "same-file", "two-arxiv-ids", "two-dois"],
)
def test_papers_that_merely_share_a_title_keep_their_pages(
    first: dict[str, str], second: dict[str, str]
) -> None:
    one = paper(first.pop("path", "a.txt"), "Attention Is All You Need", **first)
    other = paper(second.pop("path", "b.xml"), "Attention is all you need", **second)
    assert merge_duplicates([one, other]) == ([one, other], [])


def test_a_record_becomes_a_paper_with_the_links_its_metadata_gives() -> None:
    record = Record(
        Location("r.yml", 1),
        "T",
        "A.",
        doi="10.1109/5.771073",
        pdf="https://x.org/p.pdf",
        url="https://github.com/a/b",
        links=("https://huggingface.co/datasets/a/b", "https://github.com/a/b"),
        year=1999,
    )
    made = paper_of(record)
    assert made.links == (
        *doi_link("10.1109/5.771073"),
        Link("pdf", "https://x.org/p.pdf", "PDF"),
        Link("code", "https://github.com/a/b", "github.com/a/b"),
        Link("dataset", "https://huggingface.co/datasets/a/b", "huggingface.co/datasets/a/b"),
    )
    assert (made.doi, made.year) == ("10.1109/5.771073", 1999)
    with_arxiv = paper_of(Record(Location("r.yml", 1), "T", arxiv="2401.00001", pdf=record.pdf))
    assert [link.kind for link in with_arxiv.links] == ["arxiv", "pdf", "hf"]


def test_titles_compare_without_case_spacing_punctuation_or_accents() -> None:
    assert loose_title("  Schrödinger's  CAT: a--study! ") == "schrodinger s cat a study"
    assert loose_title("中文 标题") == "中文 标题"


def test_thousands_of_papers_of_one_title_stay_linear() -> None:
    """Every paper compared with every other of its title would be 50 million comparisons."""
    papers = [
        paper(f"{n}.yml", "Editorial", " ".join(f"word{n}x{k}" for k in range(30)))
        for n in range(10_000)
    ]
    merged, notes = merge_duplicates(papers)
    assert (len(merged), notes) == (10_000, [])


def test_a_record_for_a_title_two_papers_share_gives_neither_its_id(tmp_path: Path) -> None:
    """Its arXiv id would make the two one paper; with the abstract it says which it is."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.txt").write_text(f"Same Title\n\n{ABSTRACT}\n\nSame Title\n\n{OTHER}\n")
    (content / "b.yml").write_text(
        "- title: same title\n  arxiv: '2401.00001'\n  first_author: Ada\n"
        f"- title: Same Title\n  arxiv: '2402.00002'\n  abstract: {OTHER}\n"
    )
    digest = gather(content)
    assert digest.problems == ()
    first, second = digest.papers
    assert (first.arxiv, first.authors, first.authors_complete) == ("", ("Ada",), False)
    assert (second.arxiv, second.authors) == ("2402.00002", ("Ada",))
    where = content.as_posix()
    assert [n for n in digest.notes if "slug" not in n and ": read as " not in n] == [
        f"{where}/b.yml:1: 2 different papers have the title 'same title'; the record's arXiv "
        "id and DOI are not used (add the abstract to the record to say which paper it is)",
        f"{where}/b.yml:4: same paper as {where}/a.txt:5 (same title and abstract); merged into "
        "one page",
    ]
