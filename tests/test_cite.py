"""Citations: stable unique keys, escaped values, and BibTeX that reads back."""

from __future__ import annotations

import datetime as dt

import pytest
from bibtexparser.entrypoint import parse_string

from generator.discover.cite import base_key, bibtex, entries, escape, keys, year
from generator.model import Location, Paper


def paper(slug: str, title: str, **fields: object) -> Paper:
    return Paper(title=title, abstract="", source=Location("x.txt"), slug=slug, **fields)  # type: ignore[arg-type]


COSY = paper(
    "cosyvoice-2",
    "CosyVoice 2: Scalable Streaming Speech Synthesis",
    authors=("Zhihao Du",),
    authors_complete=False,
    arxiv="2412.10117",
    submitted=dt.date(2024, 12, 16),
)


def test_key_is_last_name_year_and_first_real_title_word() -> None:
    assert base_key(COSY) == "du2024cosyvoice"
    assert base_key(paper("x", "On the Müller Effect", authors=("José Ñúñez",))) == "nunezmuller"
    assert base_key(paper("x", "The 3 things", date=dt.date(2025, 3, 11))) == "32025"
    assert base_key(paper("x", "—", arxiv="hep-th/9901001")) == "paper1999"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"submitted": dt.date(2023, 1, 2), "arxiv": "2412.10117"}, 2023),
        ({"arxiv": "2412.10117", "date": dt.date(2025, 3, 11)}, 2024),
        ({"arxiv": "math.AG/0101001"}, 2001),
        ({"date": dt.date(2025, 3, 11)}, 2025),
        ({}, None),
    ],
)
def test_year(fields: dict[str, object], expected: int | None) -> None:
    assert year(paper("x", "T", **fields)) == expected


def test_colliding_keys_get_letters_in_slug_order_and_stay_unique() -> None:
    same = [paper(s, "Streaming things", authors=("Ada Lovelace",)) for s in ("b", "a", "c")]
    found = keys([*same, paper("d", "Lovelace Streaming", authors=("Bob Streaminga",))])
    assert found == {
        "a": "lovelacestreaminga",
        "b": "lovelacestreamingb",
        "c": "lovelacestreamingc",
        "d": "streamingalovelace",
    }
    assert len(set(found.values())) == len(found)


def test_escape_keeps_braces_balanced_and_specials_literal() -> None:
    assert escape("50% of {x} & $y_1$ ~ ^ # \\") == (
        r"50\% of \textbraceleft{}x\textbraceright{} \& \$y\_1\$ \textasciitilde{} "
        r"\textasciicircum{} \# \textbackslash{}"
    )
    assert escape("two\n  lines") == "two lines"


def test_entry_has_what_is_known() -> None:
    assert entries([COSY], {"cosyvoice-2": "du2024cosyvoice"})["cosyvoice-2"] == (
        "@misc{du2024cosyvoice,\n"
        "  title = {{CosyVoice 2: Scalable Streaming Speech Synthesis}},\n"
        "  author = {Zhihao Du and others},\n"
        "  year = {2024},\n"
        "  eprint = {2412.10117},\n"
        "  archivePrefix = {arXiv},\n"
        "  url = {https://arxiv.org/abs/2412.10117}\n"
        "}\n"
    )


HOSTILE_TITLES = [
    "Unbalanced { brace",
    "Closing } first {",
    "Back\\slash \\textbf{x} and @misc{evil, title={",
    "Percent 100% & dollars $5 # hash _ under ~ tilde ^ caret",
    'Quotes " and `backticks` and a comma, here',
]


def test_hostile_titles_read_back_as_one_entry_each() -> None:
    papers = [
        paper(f"p{i}", title, authors=("Tom and Jerry", "A. N. Other"), url="https://x.org/a b{c}")
        for i, title in enumerate(HOSTILE_TITLES)
    ]
    text = bibtex(papers, entries(papers, keys(papers)))
    library = parse_string(text)
    assert library.failed_blocks == []
    assert [entry.key for entry in library.entries] == [keys(papers)[p.slug] for p in papers]
    first = library.entries[0]
    assert first.fields_dict["author"].value == "{Tom and Jerry} and A. N. Other"
    assert first.fields_dict["url"].value == "https://x.org/a%20b%7Bc%7D"
