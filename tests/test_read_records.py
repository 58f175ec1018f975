"""Reading structured records (YAML and JSON)."""

from __future__ import annotations

import datetime as dt

from generator.read_records import read_records

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


def test_unknown_fields_and_wrong_types_name_the_line() -> None:
    text = "- title: A\n  abstract: B\n  author: X\n  tags: 3\n  date: yesterday\n"
    records, problems = read_records(text, "p.yml")
    assert len(records) == 1
    assert [str(p) for p in problems] == [
        "p.yml:1: unknown field 'author'; known fields: abstract, arxiv, authors, date, "
        "first_author, submitted, tags, title, url",
        "p.yml:1: 'date' should be a date like 2025-03-11, got 'yesterday'",
        "p.yml:1: 'tags' should be a list of text, got 3",
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
