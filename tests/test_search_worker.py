"""Our search worker (generator/search/assets/search-worker.js) under Node, on a small sharded
index: Material's protocol and result shape, ranking, query syntax, highlighting.

The browser tests (tests/browser/test_shards.py) check the same worker behind Material's
search box; these run in a second and show exactly what the worker answers.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from test_facets import dated
from test_shards import MENTIONS, WORKER_PATH, paper, site_files

from conftest import ROOT

NODE = shutil.which("node")
RUNNER = ROOT / "tests" / "js" / "run-worker.js"
DOCS = [
    *MENTIONS,
    *paper("cosy", "CosyVoice 2: Scalable Streaming Speech Synthesis", "Speech & voice."),
    *paper("proto", "Objects", "The word __proto__ and constructor appear here."),
]

pytestmark = pytest.mark.skipif(NODE is None, reason="these tests run the worker with Node")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("worker-site")
    for relative, text in site_files(DOCS, WORKER_PATH).items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text, encoding="utf-8")
    return folder


def ask(site: Path, *queries: str) -> list[dict[str, Any]]:
    assert NODE
    run = subprocess.run(
        [NODE, str(RUNNER), str(site), WORKER_PATH, *queries],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return [json.loads(line) for line in run.stdout.splitlines()]


def locations(result: dict[str, Any]) -> list[str]:
    return [group[0]["location"] for group in result["items"]]


def test_results_have_the_shape_materials_search_box_renders(site: Path) -> None:
    [result] = ask(site, "CosyVoice")
    [[item]] = result["items"]
    assert set(item) == {"location", "title", "text", "score", "terms"}
    assert item["location"] == "papers/cosy.html"
    assert item["title"] == "<mark>CosyVoice</mark> 2: Scalable Streaming Speech Synthesis"
    assert item["text"] == "Speech &amp; voice."
    assert item["terms"] == {"cosyvoice": True}  # the word as typed, in lower case
    assert item["score"] > 0


def test_a_title_match_ranks_above_passing_mentions(site: Path) -> None:
    [result] = ask(site, "TART")
    assert locations(result) == ["papers/tart.html", "papers/planning.html"]


def test_words_are_prefixes_and_matching_more_words_ranks_higher(site: Path) -> None:
    cosy, speech = ask(site, "Cosy", "speech tart")
    assert locations(cosy) == ["papers/cosy.html"]
    assert cosy["items"][0][0]["title"].startswith("<mark>CosyVoice</mark>")
    assert locations(speech)[0] == "papers/cosy.html"
    assert speech["items"][0][0]["terms"] == {"speech": True, "tart": False}


def test_quotes_require_words_and_no_other_character_is_an_operator(site: Path) -> None:
    quoted, plus, minus, field = ask(
        site, '"tart baseline"', "+baseline tart", "tart -baseline", "title:tart~ ^"
    )
    assert locations(quoted) == ["papers/planning.html"]
    assert locations(plus) == locations(minus)
    assert sorted(locations(plus)) == ["papers/planning.html", "papers/tart.html"]
    assert locations(field)[0] == "papers/tart.html"


def test_a_typo_finds_the_word_and_says_so(site: Path) -> None:
    [result] = ask(site, "CosyVoce")
    assert locations(result) == ["papers/cosy.html"]
    assert result["corrected"] == "CosyVoice"
    item = result["items"][0][0]
    assert item["text"].startswith(
        '<span class="digest-corrected">Showing results for <em>CosyVoice</em></span>'
    )
    assert item["title"].startswith("<mark>CosyVoice</mark>")


def test_an_exact_or_prefix_match_leaves_typos_alone(site: Path) -> None:
    [result] = ask(site, "Cosy")
    assert "corrected" not in result


def test_empty_and_stop_word_queries_find_nothing(site: Path) -> None:
    assert ask(site, "", "   ", "the of", "zzzz") == [{"items": [], "filtered": False}] * 4


def test_words_that_name_object_properties_are_plain_words(site: Path) -> None:
    proto, constructor = ask(site, "__proto__", "constructor")
    assert locations(proto) == ["papers/proto.html"]
    assert proto["items"][0][0]["terms"] == {"proto": True}
    assert locations(constructor) == ["papers/proto.html"]


# Search filters: a QUERY carrying {tags, since, until}, as overrides/assets/search-filters.js
# sends it; the worker loads search/facets.js and ranks within the filter before its limit.


@pytest.fixture(scope="module")
def filtered_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 papers with "models" in their title (long context, 10 March), and three that
    only mention a model (speech, 11 to 13 March)."""
    strong = [
        dated(f"s{n:02}", "Models of models", "Words.", 10, "long context") for n in range(60)
    ]
    weak = [
        dated(f"w{n}", f"Paper {n}", "A model among many words.", 11 + n, "speech")
        for n in range(3)
    ]
    folder = tmp_path_factory.mktemp("filtered-site")
    for relative, text in site_files(strong + weak, WORKER_PATH).items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text, encoding="utf-8")
    return folder


def query(words: str, **filter: Any) -> str:
    return json.dumps({"query": words, "filter": filter})


def test_a_filter_applies_before_the_limit(filtered_site: Path) -> None:
    plain, speech, dated, both = ask(
        filtered_site,
        "models",
        query("models", tags=["speech"]),
        query("models", since="2025-03-12", until="2025-03-13"),
        query("models", tags=["speech", "long context"], until="2025-03-11"),
    )
    assert len(plain["items"]) == 50 and plain["filtered"] is False
    assert not {"papers/w0.html", "papers/w1.html"} & set(locations(plain))
    assert locations(speech) == ["papers/w0.html", "papers/w1.html", "papers/w2.html"]
    assert speech["filtered"] is True
    assert locations(dated) == ["papers/w1.html", "papers/w2.html"]
    assert locations(both) == locations(plain)  # every strong paper is about long context


def test_a_filter_of_unknown_tags_or_bad_days_is_checked(filtered_site: Path) -> None:
    nothing, ignored = ask(
        filtered_site,
        query("models", tags=["nope"]),
        query("models", tags="speech", since="March", until=3),
    )
    assert nothing == {"items": [], "filtered": True}
    assert ignored["filtered"] is False and len(ignored["items"]) == 50


def test_an_unfiltered_search_never_loads_the_facets(filtered_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(filtered_site, copy)
    (copy / "search" / "facets.js").unlink()
    plain, speech = ask(copy, "models", query("models", tags=["speech"]))
    assert len(plain["items"]) == 50
    assert speech == {"items": [], "filtered": True}  # the worker warned it could not load it
