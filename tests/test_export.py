"""papers.json: valid against the committed JSON Schema, deterministic, absolute links."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import ROOT
from generator.discover.export import papers_json
from generator.discover.facts import Tag
from generator.model import Link, Location, Paper, Tagging
from generator.read.settings import Settings
from rendering import facts_of

SCHEMA = json.loads((ROOT / "schemas" / "papers.schema.json").read_text())
SITE = "https://alice.github.io/digest/"
PAPER = Paper(
    title="A paper",
    abstract="It does things.",
    source=Location("x.txt", 3),
    slug="a-paper",
    date=dt.date(2025, 3, 11),
    authors=("Ada Lovelace",),
    authors_complete=False,
    arxiv="2401.00001",
    links=(Link("code", "https://github.com/a/b", "github.com/a/b"),),
    tags=(Tagging("speech", "rule 'speech' (score 3): title matched 'voice'"),),
)
FACTS = replace(
    facts_of([PAPER], Settings(title="Digest", description="About"), related={"a-paper": ()}),
    site_url=SITE,
    tags=(Tag("speech", "Speech and voice.", "speech", (PAPER,)),),
    cite_keys={"a-paper": "lovelace2024paper"},
)


def test_papers_json_matches_the_schema_and_holds_everything() -> None:
    data = json.loads(papers_json(FACTS))
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    (paper,) = data["papers"]
    assert paper["url"] == f"{SITE}papers/a-paper.html"
    assert paper["date"] == "2025-03-11"
    assert paper["submitted"] is None
    assert paper["tags"] == [
        {
            "name": "speech",
            "reason": "rule 'speech' (score 3): title matched 'voice'",
            "url": f"{SITE}tags/speech.html",
        }
    ]
    assert data["tags"][0]["feeds"] == {
        "atom": f"{SITE}tags/speech.xml",
        "json": f"{SITE}tags/speech.json",
    }


def test_papers_json_is_sorted_and_stable() -> None:
    text = papers_json(FACTS)
    assert text == papers_json(FACTS)
    assert text == (
        json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        + "\n"
    )


@pytest.mark.parametrize(
    "broken",
    [
        {"format_version": 2},
        {"url": "alice.github.io"},
        {"papers": [{"slug": "x"}]},
        {"extra": True},
    ],
)
def test_the_schema_rejects_what_it_should(broken: dict[str, Any], tmp_path: Path) -> None:
    data = json.loads(papers_json(FACTS)) | broken
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
