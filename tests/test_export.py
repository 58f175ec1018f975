"""papers.json: valid against the committed JSON Schema, deterministic, absolute links, and
in gzip-compressed parts above a size, each part's JSON under it, every paper in exactly
one."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import ROOT
from generator.discover.export import papers_json
from generator.discover.facts import Facts, Tag
from generator.discover.parts import PART_BYTES
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


def whole(facts: Facts, limit: int = PART_BYTES) -> str:
    ((path, text),) = papers_json(facts, limit)
    assert path == "papers.json" and isinstance(text, str)  # plain JSON, not compressed
    return text


def unzipped(content: str | bytes) -> str:
    """A part's JSON text, from its gzip bytes."""
    assert isinstance(content, bytes)
    return gzip.decompress(content).decode()


def test_papers_json_matches_the_schema_and_holds_everything() -> None:
    data = json.loads(whole(FACTS))
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
    assert data["tags"][0]["url"] == f"{SITE}tags/speech.html"
    assert data["tags"][0]["feeds"] == {
        "atom": f"{SITE}tags/speech.xml",
        "json": f"{SITE}tags/speech.json",
    }


def test_papers_json_is_sorted_and_stable() -> None:
    text = whole(FACTS)
    assert text == whole(FACTS)
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
    data = json.loads(whole(FACTS)) | broken
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def many(count: int) -> Facts:
    """A digest of `count` papers, one tag on every other paper."""
    papers = [
        replace(
            PAPER,
            title=f"Paper {n}",
            slug=f"paper-{n}",
            abstract=f"Paper {n} does things. " * (1 + n % 7),
            tags=PAPER.tags if n % 2 else (),
        )
        for n in range(count)
    ]
    facts = facts_of(papers, Settings(title="Digest", description="About"))
    return replace(facts, site_url=SITE)


def test_above_the_limit_papers_json_names_its_gzip_parts_each_under_it() -> None:
    facts = many(40)
    limit = len(whole(facts).encode()) // 4
    files = papers_json(facts, limit)
    assert files == papers_json(facts, limit)  # same bytes twice, compressed ones too
    (index_path, index), *parts = files
    assert index_path == "papers.json" and isinstance(index, str) and len(parts) >= 4
    data = json.loads(index)
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert "papers" not in data
    texts = [unzipped(content) for _, content in parts]
    assert data["parts"] == [
        {"url": f"{SITE}papers-{n}.json.gz", "papers": len(json.loads(text)["papers"])}
        for n, text in enumerate(texts, 1)
    ]
    slugs = []
    for number, ((path, _), text) in enumerate(zip(parts, texts, strict=True), 1):
        assert path == f"papers-{number}.json.gz"
        assert len(text.encode()) <= limit, path  # the limit counts the JSON, uncompressed
        part = json.loads(text)
        jsonschema.validate(part, SCHEMA, cls=jsonschema.Draft202012Validator)
        assert (part["index"], part["number"]) == (f"{SITE}papers.json", number)
        assert (
            text
            == json.dumps(part, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"
        )
        slugs += [paper["slug"] for paper in part["papers"]]
    assert slugs == [paper.slug for paper in facts.papers]  # each once, in the digest's order
    assert {**data, "papers": [p for t in texts for p in json.loads(t)["papers"]]} | {
        "parts": None
    } == {**json.loads(whole(facts)), "parts": None}


def test_a_part_is_gzip_compressed_deterministically() -> None:
    facts = many(40)
    limit = len(whole(facts).encode()) // 4
    path, first = papers_json(facts, limit)[1]
    assert path == "papers-1.json.gz"
    assert isinstance(first, bytes)
    assert first[:2] == b"\x1f\x8b"  # gzip's magic bytes
    assert first[4:8] == bytes(4)  # no time in the header: same papers, same bytes
    assert json.loads(gzip.decompress(first))["number"] == 1
    assert len(first) < len(gzip.decompress(first))


def test_at_the_limit_papers_json_stays_whole() -> None:
    facts = many(10)
    size = len(whole(facts).encode())
    assert whole(facts, size) == whole(facts)  # one plain file, as below the limit
    assert len(papers_json(facts, size - 1)) > 1


def test_a_paper_over_the_limit_has_a_part_of_its_own() -> None:
    facts = many(6)
    files = papers_json(facts, 10)
    assert [path for path, _ in files] == ["papers.json"] + [
        f"papers-{n}.json.gz" for n in range(1, 7)
    ]
