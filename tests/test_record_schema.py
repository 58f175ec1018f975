"""schemas/record.schema.json declares what read_records reads, and the README's examples of
every format read as they say."""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import ROOT, SHIPPED
from generator.model import Record
from generator.read.dispatch import read_content
from generator.read.records import read_records
from generator.read.settings import load_settings
from generator.read.yaml_lines import ContentLoader

SCHEMA = json.loads((ROOT / "schemas" / "record.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
RECORD = jsonschema.Draft202012Validator({**SCHEMA, "$ref": "#/$defs/record", "type": "object"})
README = (ROOT / "README.md").read_text()
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
SUFFIX = {"yaml": ".yml", "json": ".json", "jsonl": ".jsonl", "bibtex": ".bib", "xml": ".xml"}


def examples() -> list[tuple[str, str]]:
    """The README's code blocks in a format content/ takes, from its content sections."""
    start = README.index("## The content folder")
    sections = README[start : README.index("## Tag rules")]
    return [(kind, body) for kind, body in BLOCK.findall(sections) if kind in SUFFIX]


EVERY_FIELD = {
    "title": "A",
    "abstract": "B",
    "authors": ["C"],
    "first_author": "C",
    "date": "2025-03-11",
    "submitted": "2025-03-10",
    "arxiv": "2412.10117",
    "doi": "10.1109/5.771073",
    "venue": "V",
    "year": 2024,
    "categories": ["cs.CL"],
    "comment": "8 pages",
    "url": "https://a.org/",
    "pdf": "https://a.org/a.pdf",
    "links": ["https://github.com/a/b"],
    "tags": ["t"],
}


def test_every_field_the_schema_declares_is_read() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert set(SCHEMA["$defs"]["record"]["properties"]) == set(EVERY_FIELD)
    assert SCHEMA["$defs"]["record"]["required"] == ["title"]
    (record,), problems = read_records(json.dumps([EVERY_FIELD]), "r.json")
    assert problems == []
    bare = Record(record.where, "")
    read = {
        f.name
        for f in dataclasses.fields(Record)
        if getattr(record, f.name) != getattr(bare, f.name)
    }
    # first_author is read into authors, when there is no list of authors.
    assert read == set(EVERY_FIELD) - {"first_author"}


def test_the_shipped_records_are_valid() -> None:
    data = yaml.load((SHIPPED / "papers-meta.yml").read_text(), Loader=ContentLoader)
    assert list(VALIDATOR.iter_errors(data)) == []


def test_the_readme_shows_an_example_of_every_format() -> None:
    assert sorted({kind for kind, _ in examples()}) == sorted(SUFFIX)


@pytest.mark.parametrize(("kind", "body"), examples(), ids=lambda value: str(value)[:20])
def test_every_readme_example_reads_without_problems(kind: str, body: str) -> None:
    if kind == "yaml":
        data = yaml.load(body, Loader=ContentLoader)
        if isinstance(data, dict):  # the import settings
            assert load_settings(data, "settings.yml")[1] == []
            return
        assert list(VALIDATOR.iter_errors(data)) == []
    if kind == "jsonl":
        for line in body.splitlines():
            assert list(RECORD.iter_errors(json.loads(line))) == []
    found = read_content(body, f"example{SUFFIX[kind]}", 2025)
    assert found is not None
    assert (found.problems, found.notes) == ([], [])
    assert found.records


@pytest.mark.parametrize(
    "record",
    [
        {"abstract": "no title"},
        {"title": "A", "author": "Typo"},
        {"title": "A", "arxiv": "1234"},
        {"title": "A", "url": "javascript:alert(1)"},
        {"title": "A", "doi": "doi.org/10.1/x"},
        {"title": "A", "date": "yesterday"},
        {"title": "A", "year": 99},
        {"title": "A", "links": ["ftp://x.org/a"]},
        {"title": "A", "tags": 3},
    ],
)
def test_what_the_schema_refuses_the_reader_reports(record: dict[str, Any]) -> None:
    assert list(VALIDATOR.iter_errors([record]))
    assert read_records(json.dumps([record]), "r.json")[1]


@pytest.mark.parametrize(
    "record",
    [
        {"title": "A", "arxiv": "hep-th/9901001v2", "year": "2024", "tags": "a, b"},
        {"title": 2048, "authors": "One Author", "doi": "https://doi.org/10.1109/5.771073"},
        {"title": "A", "date": "2025-03-11T10:30:00", "url": "HTTPS://Example.org/x"},
    ],
)
def test_what_the_schema_accepts_the_reader_reads(record: dict[str, Any]) -> None:
    assert list(VALIDATOR.iter_errors([record])) == []
    assert read_records(json.dumps([record]), "r.json")[1] == []
