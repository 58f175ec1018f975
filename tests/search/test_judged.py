"""The judged query set (queries.yml): quality thresholds, and the site's worker and
`digest search` agreeing on every query.

Both are deterministic, so they are tests; the speed of search is a benchmark
(benchmarks/search_speed.py), and benchmarks/search_quality.py prints the whole table.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, SHIPPED
from generator.build import build_site, gather, generate
from generator.model import Paper
from generator.search import terminal
from generator.search.shards import WORKERS

from .judged import Judged, Scores, load, score

NODE = shutil.which("node")
RUNNER = ROOT / "tests" / "js" / "run-worker.js"
LIMIT = 10


@pytest.fixture(scope="module")
def papers() -> list[Paper]:
    return list(gather(SHIPPED).papers)


@pytest.fixture(scope="module")
def judged(papers: list[Paper]) -> list[Judged]:
    return load(p.slug for p in papers)


@pytest.fixture(scope="module")
def terminal_answers(papers: list[Paper], judged: list[Judged]) -> dict[str, list[str]]:
    return {j.query: [h.slug for h in terminal.search(papers, j.query, LIMIT)] for j in judged}


def test_digest_search_meets_the_targets(
    judged: list[Judged], terminal_answers: dict[str, list[str]]
) -> None:
    scores = score(judged, terminal_answers.__getitem__)
    assert_targets(scores)


def assert_targets(scores: Scores) -> None:
    hits = scores.hits
    assert (hits["known"], hits["topic"]) == (1.0, 1.0), scores.misses
    assert scores.precision >= 0.95
    assert hits["variants"] >= 0.9, scores.misses


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built with its (sharded) search."""
    out = tmp_path_factory.mktemp("judged")
    digest = generate(SHIPPED, out / "docs")
    build_site(ROOT / "mkdocs.yml", out / "docs", out / "site", digest.settings, "")
    return out / "site"


@pytest.mark.skipif(NODE is None, reason="the site's worker runs in Node")
def test_the_sites_worker_finds_what_digest_search_finds_in_the_same_order(
    site: Path, judged: list[Judged], terminal_answers: dict[str, list[str]]
) -> None:
    assert NODE
    [worker] = (site / WORKERS).glob("search.*.min.js")
    queries = [j.query for j in judged]
    run = subprocess.run(
        [NODE, str(RUNNER), str(site), worker.relative_to(site).as_posix(), *queries],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    answers = [json.loads(line) for line in run.stdout.splitlines()]
    found = {
        query: [group[0]["location"][len("papers/") : -len(".html")] for group in a["items"]]
        for query, a in zip(queries, answers, strict=True)
    }
    differ = {q: (found[q][:LIMIT], terminal_answers[q]) for q in queries}
    assert {q: pair for q, pair in differ.items() if pair[0] != pair[1]} == {}
    assert_targets(score(judged, found.__getitem__))
