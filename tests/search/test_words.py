"""The words search reads from a text: the same in Python (index) and JavaScript (queries)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT
from generator.search.shards import WORKER
from generator.search.words import fold, terms

TABLE = yaml.safe_load(Path(__file__).with_name("folding.yml").read_text(encoding="utf-8"))
CASES, QUERIES = TABLE["texts"], TABLE["query"]
NODE = shutil.which("node")


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_python_reads_these_terms(text: str, expected: list[str]) -> None:
    assert terms(text) == expected


@pytest.mark.parametrize(("text", "expected"), QUERIES, ids=[c[0] for c in QUERIES])
def test_a_query_reads_linked_words_only_joined(text: str, expected: list[str]) -> None:
    assert terms(text, parts=False) == expected


@pytest.mark.skipif(NODE is None, reason="the worker's copy of the rules runs in Node")
@pytest.mark.parametrize(("cases", "mode"), [(CASES, "text"), (QUERIES, "query")])
def test_the_worker_reads_the_same_terms(cases: list[list[Any]], mode: str) -> None:
    assert NODE
    texts = [text for text, _ in cases]
    run = subprocess.run(
        [NODE, str(ROOT / "tests" / "js" / "terms.js"), str(WORKER), mode],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert dict(zip(texts, json.loads(run.stdout), strict=True)) == dict(
        zip(texts, (expected for _, expected in cases), strict=True)
    )


def test_folding_twice_changes_nothing_for_a_word_of_one_spelling() -> None:
    assert fold("tokenization") == "tokenization"
    assert fold(fold("colours")) == fold("color")
