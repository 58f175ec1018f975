"""Reading a pasted trending-papers page."""

from __future__ import annotations

import datetime as dt

from conftest import SHIPPED
from generator.read.page_copy import blocks, parse_date_line, read_dump

ABSTRACT = "We study a thing in depth. It works well on many benchmarks and we release code."


def test_shipped_dump_has_135_papers_and_its_date() -> None:
    papers, problems = read_dump((SHIPPED / "trending.txt").read_text(), "trending.txt", 2025)
    assert problems == []
    assert len(papers) == 135
    assert papers[0].title.startswith("Towards General Computer Control")
    assert papers[0].source.line == 11
    assert papers[-1].title.startswith("TART: A plug-and-play")
    assert {p.date for p in papers} == {dt.date(2025, 3, 11)}


def test_crlf_bom_and_hard_wrapped_abstracts() -> None:
    text = "\ufeffMar 3\r\n\r\nA Title\r\n\r\nFirst line of the abstract\r\ncontinues here.\r\n"
    papers, problems = read_dump(text, "x.txt", 2025)
    assert problems == []
    assert [(p.title, p.abstract, p.source.line) for p in papers] == [
        ("A Title", "First line of the abstract continues here.", 3)
    ]
    assert papers[0].date == dt.date(2025, 3, 3)


def test_no_chrome_at_all() -> None:
    papers, problems = read_dump(f"Short Title\n\n{ABSTRACT}\n", "x.txt", 2025)
    assert problems == []
    assert papers[0].title == "Short Title"
    assert papers[0].date is None


def test_unknown_short_chrome_before_the_first_paper_is_skipped() -> None:
    text = f"Trending on the site\n\nSign in\n\nA Paper\n\n{ABSTRACT}\n"
    papers, problems = read_dump(text, "x.txt", 2025)
    assert [p.title for p in papers] == ["A Paper"]
    assert problems == []


def test_title_without_abstract_and_copy_ending_mid_entry() -> None:
    text = f"One\n\n{ABSTRACT}\n\nLost Title\n\nTwo\n\n{ABSTRACT}\n\nCut Off Title\n"
    papers, problems = read_dump(text, "x.txt", 2025)
    assert [p.title for p in papers] == ["One", "Two"]
    assert [str(p) for p in problems] == [
        "x.txt:5: title 'Lost Title' has no abstract after it (another title follows); "
        "expected a blank line, then the abstract paragraph",
        "x.txt:11: title 'Cut Off Title' has no abstract after it (the file ends); "
        "expected a blank line, then the abstract paragraph",
    ]


def test_stray_paragraph() -> None:
    text = f"One\n\n{ABSTRACT}\n\n{ABSTRACT}\n"
    papers, problems = read_dump(text, "x.txt", 2025)
    assert len(papers) == 1
    assert [str(p) for p in problems] == [
        "x.txt:5: paragraph has no title before it ('We study a thing in depth. It works well on "
        "many benchmarks…'); expected a title line, a blank line, then the abstract"
    ]


def test_short_one_sentence_abstract_still_pairs() -> None:
    text = "A Title\n\nWe show that a tiny model matches a big one on this task.\n"
    papers, problems = read_dump(text, "x.txt", 2025)
    assert problems == []
    assert papers[0].abstract.startswith("We show")


def test_date_lines() -> None:
    assert parse_date_line("Mar 11", 2025) == dt.date(2025, 3, 11)
    assert parse_date_line("March 11, 2024", 2025) == dt.date(2024, 3, 11)
    assert parse_date_line("Feb 30", 2025) is None
    assert parse_date_line("Marvel 11", 2025) is None


def test_blocks_keep_start_lines() -> None:
    assert [(b.line, b.text, b.lines) for b in blocks("\n\na\nb\n\n\nc")] == [
        (3, "a b", 2),
        (7, "c", 1),
    ]
