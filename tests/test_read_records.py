"""Reading structured records (YAML and JSON)."""

from __future__ import annotations

import datetime as dt

from generator.model import Location, Problem
from generator.read.records import read_records

YAML = """\
- title: A Paper
  abstract: It does things.
  authors: [Ada Lovelace, Alan Turing]
  date: 2025-03-11
  arxiv: '2401.00001'
  tags: [speech]
- title: Only Metadata
  first_author: Grace Hopper
  submitted: '2024-01-02'
"""


def test_yaml_records() -> None:
    records, problems = read_records(YAML, "p.yml")
    assert problems == []
    first, second = records
    assert first.where.line == 1
    assert first.authors == ("Ada Lovelace", "Alan Turing")
    assert first.authors_complete
    assert first.date == dt.date(2025, 3, 11)
    assert first.tags == ("speech",)
    assert second.where.line == 7
    assert second.abstract == ""
    assert second.authors == ("Grace Hopper",)
    assert not second.authors_complete
    assert second.submitted == dt.date(2024, 1, 2)


def test_json_records_are_located_by_entry() -> None:
    records, problems = read_records('[{"title": "A"}, {"abstract": "no title"}]', "p.json")
    assert [r.title for r in records] == ["A"]
    assert [str(p) for p in problems] == [
        "p.json: entry 2: record has no title; every record needs 'title'"
    ]


def test_unknown_fields_and_wrong_types_name_their_own_line() -> None:
    text = "- title: A\n  abstract: B\n  author: X\n  tags: 3\n  date: yesterday\n"
    records, problems = read_records(text, "p.yml")
    assert len(records) == 1
    assert [str(p) for p in problems] == [
        "p.yml:3: author: unknown field; known fields: abstract, arxiv, authors, categories, "
        "comment, date, doi, first_author, links, pdf, submitted, tags, title, url, venue, year",
        "p.yml:4: tags: expected a list of text, got 3",
        "p.yml:5: date: expected a date like 2025-03-11, got 'yesterday'",
    ]


def test_invalid_yaml_and_json() -> None:
    _, problems = read_records("- title: A\n  abstract: [unclosed\n", "p.yml")
    assert [str(p) for p in problems] == [
        "p.yml:3: cannot be read: expected ',' or ']', but got '<stream end>'"
    ]
    _, problems = read_records('[{"title": "A",}]', "p.json")
    assert [str(p) for p in problems] == [
        "p.json:1: cannot be read: Expecting property name enclosed in double quotes"
    ]


def test_not_a_list() -> None:
    _, problems = read_records("title: A\n", "p.yml")
    assert [str(p) for p in problems] == [
        "p.yml: expected a YAML list of records (lines starting with '- title: ...')"
    ]
    assert read_records("", "p.yml") == ([], [])


def test_a_bad_date_is_reported_on_its_line_and_the_rest_of_the_file_is_read() -> None:
    text = (
        "- title: A\n  abstract: B\n  date: 2025-13-45\n"
        "- title: C\n  abstract: D\n  date: 2025-03-11\n  submitted: 2024-12-01 10:30:00\n"
    )
    records, problems = read_records(text, "p.yml")
    assert [str(p) for p in problems] == [
        "p.yml:3: date: expected a date like 2025-03-11, got '2025-13-45'"
    ]
    assert [(r.title, r.date) for r in records] == [("A", None), ("C", dt.date(2025, 3, 11))]
    assert records[1].submitted == dt.date(2024, 12, 1)


def test_links_must_be_web_addresses_and_arxiv_ids_must_look_like_one() -> None:
    text = (
        "- title: A\n  abstract: B\n  url: 'javascript:alert(1)'\n  arxiv: '1) [x](javascript:y)'\n"
        "- title: C\n  abstract: D\n  url: HTTPS://Example.org/x\n  arxiv: hep-th/9901001v2\n"
        "- title: E\n  abstract: F\n  url: 'https://a.org/x y'\n  arxiv: 2412.10117\n"
    )
    records, problems = read_records(text, "p.yml")
    assert [str(p) for p in problems] == [
        "p.yml:3: url: expected a web address starting with https:// or http://, "
        "got 'javascript:alert(1)'",
        "p.yml:4: arxiv: expected an arXiv id like 2412.10117, got '1) [x](javascript:y)'",
        "p.yml:11: url: expected a web address starting with https:// or http://, "
        "got 'https://a.org/x y'",
    ]
    assert [(r.url, r.arxiv) for r in records] == [
        ("", ""),
        ("HTTPS://Example.org/x", "hep-th/9901001v2"),
        ("", "2412.10117"),
    ]


def test_a_title_of_the_wrong_type_is_one_problem() -> None:
    _, problems = read_records("- title: [a, b]\n  abstract: B\n- title: ''\n", "p.yml")
    assert [str(p) for p in problems] == [
        "p.yml:1: title: expected text, got ['a', 'b']",
        "p.yml:3: title: is empty; every record needs a title",
    ]


def test_unsafe_tags_and_deep_nesting_are_problems_not_crashes() -> None:
    _, problems = read_records("- title: A\n  abstract: !!python/object:os.system x\n", "p.yml")
    assert [str(p) for p in problems] == [
        "p.yml:2: cannot be read: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object:os.system'"
    ]
    for text, path in [("[" * 100_000 + "]" * 100_000, "p.json"), ("- " + "[" * 5000, "p.yml")]:
        assert read_records(text, path) == (
            [],
            [Problem(Location(path), "cannot be read: lists or mappings nested too deeply")],
        )


def test_messages_quote_huge_values_briefly() -> None:
    # Nine levels of ten aliases: a billion items if anything expanded them.
    lines = ["- &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"- &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    _, problems = read_records("\n".join(lines) + "\n", "p.yml")
    assert len(problems) == 9
    assert str(problems[0]) == "p.yml:1: record is not a mapping: ['x', 'x', 'x', 'x', ...]"
    assert all(len(problem.message) <= 90 for problem in problems)
