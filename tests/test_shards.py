"""The sharded search index: search documents, scores, shards, chunks, stub, the site step."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from conftest import ROOT
from generator.read.settings import load_settings
from generator.search import shards
from generator.search.index import SearchIndex, build_index
from generator.search.shards import search_docs, site_files
from generator.site.writer import add_files


def mkdocs_separator() -> str:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    return str(search["separator"])


WORKER_PATH = "assets/javascripts/workers/search.1234abcd.min.js"


def index_data(*docs: dict[str, Any], boost: float = 10) -> dict[str, Any]:
    config = {
        "lang": ["en"],
        "separator": mkdocs_separator(),
        "pipeline": [],
        "fields": {"title": {"boost": boost}, "text": {"boost": 1.0}},
    }
    return {"config": config, "docs": list(docs)}


def paper(slug: str, title: str, abstract: str) -> list[dict[str, Any]]:
    """A paper page as Material indexes it: the article, then its Abstract section."""
    return [
        {"location": f"papers/{slug}.html", "title": title, "text": "<p>A. Author</p>", "boost": 4},
        {
            "location": f"papers/{slug}.html#abstract",
            "title": "Abstract",
            "text": f"<p>{abstract}</p>",
        },
    ]


def test_search_docs_join_sections_and_keep_the_articles_title() -> None:
    [doc] = search_docs(paper("tart", "TART: A Module", "Reasoning for any model."))
    assert doc.location == "papers/tart.html"
    assert doc.title == "TART: A Module"
    assert doc.authors == "A. Author"
    assert "Reasoning for any model." in doc.text
    assert doc.teaser == "Reasoning for any model."


def test_a_paper_page_gives_its_fields() -> None:
    """As generator/render/paper.py writes a paper's page and Material indexes it."""
    text = (
        "<p>Zhihao Du, Ann Lee and Bo Li et al. · submitted 16 December 2024 · in the digest "
        "of 11 March 2025</p> <p>arXiv · PDF</p> <p>Tags: speech, multilingual</p> Abstract "
        "<p>We present CosyVoice &amp; more.</p>"
    )
    [doc] = search_docs([{"location": "papers/c.html", "title": "C &amp; D", "text": text}])
    assert (doc.title, doc.tags, doc.authors) == (
        "C & D",
        "speech, multilingual",
        "Zhihao Du, Ann Lee and Bo Li",
    )
    assert doc.text == "We present CosyVoice & more."
    assert doc.teaser == "We present CosyVoice &amp; more."


def test_a_byline_without_authors_gives_none() -> None:
    text = "<p>submitted 16 December 2024</p> Abstract <p>Words.</p>"
    [doc] = search_docs([{"location": "papers/c.html", "title": "C", "text": text}])
    assert (doc.authors, doc.text) == ("", "Words.")


def test_the_teaser_is_the_abstract_when_the_page_is_one_search_entry() -> None:
    [page] = search_docs(
        [
            {
                "location": "papers/x.html",
                "title": "X",
                "text": "<p>A. Author</p> <p>arXiv</p> Abstract <p>We study many things.</p>",
            }
        ]
    )
    assert page.teaser == "We study many things."


MENTIONS = [
    *paper(
        "planning",
        "Planning Agents Revisited",
        "We compare with TART. Unlike TART, our agents plan; TART is a strong baseline.",
    ),
    *paper("tart", "TART: A Plug-and-Play Module", "A module that adds reasoning."),
]


def scores_of(index: SearchIndex, term: str) -> dict[str, int]:
    docs, scores = index.terms[term]
    return {index.docs[d].location: s for d, s in zip(docs, scores, strict=True)}


def test_a_title_match_scores_above_passing_mentions() -> None:
    index = build_index(search_docs(MENTIONS))
    scores = scores_of(index, "tart")
    assert scores["papers/tart.html"] > 3 * scores["papers/planning.html"] > 0


def test_a_rare_term_scores_above_a_common_one() -> None:
    docs = [*paper("a", "Alpha", "common special"), *paper("b", "Beta", "common")]
    index = build_index(search_docs(docs))
    assert (
        scores_of(index, "special")["papers/a.html"] > scores_of(index, "common")["papers/a.html"]
    )


def test_shards_group_terms_by_their_first_two_characters() -> None:
    index = build_index(search_docs(MENTIONS))
    files = shards.shards(index)
    assert "search/shards/ta.js" in files
    key, flat = parse_call(files["search/shards/ta.js"], "__digestShard")
    assert key == "ta"
    terms = dict(zip(flat[::2], flat[1::2], strict=True))
    assert set(terms) == {"tart"}
    gaps_and_scores = terms["tart"]
    assert gaps_and_scores[0::2] == [0, 1]  # pages 0 and 1, as gaps
    assert all(term.startswith(key) for term in terms)


def test_file_names_are_lower_case_ascii() -> None:
    assert shards.file_name("ab") == "ab"
    assert shards.file_name("é1") == "_e91"
    assert shards.file_name("3.") == "3_2e"
    assert shards.file_name("_x") == "_5fx"


def test_doc_chunks_hold_escaped_titles_and_snippets() -> None:
    docs = paper("x", "A &lt;b&gt; title", "<p>" + "word " * 100 + "</p>")
    files = shards.doc_chunks(search_docs(docs))
    number, rows = parse_call(files["search/docs/0.js"], "__digestDocs")
    assert number == 0
    [[location, title, snippet]] = rows
    assert location == "papers/x.html"
    assert title == "A &lt;b&gt; title"
    assert snippet.endswith(" …") and len(snippet) <= shards.SNIPPET + 2
    assert "<" not in snippet


def test_site_files_replace_the_index_with_a_stub_and_list_the_shards() -> None:
    data = index_data(*MENTIONS)
    files = site_files(data, WORKER_PATH)
    assert json.loads(files["search/search_index.json"]) == {"config": data["config"], "docs": []}
    assert files["search/search_index.js"].startswith("var __index = {")
    worker = files[WORKER_PATH]
    assert worker.startswith(shards.WORKER.read_text(encoding="utf-8"))
    manifest = parse_call(worker.rsplit("\n", 2)[-2] + "\n", "__digestManifest")[0]
    assert manifest["pages"] == 2
    assert manifest["limit"] == shards.LIMIT
    for _key, name in manifest["shards"]:
        assert f"search/shards/{name}.js" in files


def test_same_input_gives_the_same_bytes() -> None:
    data = index_data(*MENTIONS, *paper("z", "Zeta", "Another abstract."))
    assert site_files(data, WORKER_PATH) == site_files(json.loads(json.dumps(data)), WORKER_PATH)


def parse_call(script: str, function: str) -> list[Any]:
    match = re.fullmatch(rf"self\.{function}\((.*)\);\n", script, re.DOTALL)
    assert match, script[:80]
    return list(json.loads(f"[{match[1]}]"))


def built_site(tmp_path: Path, count: int) -> Path:
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / shards.WORKERS).mkdir(parents=True)
    (site / shards.WORKERS / "search.1234abcd.min.js").write_text("material();\n")
    (site / shards.WORKERS / "search.1234abcd.min.js.map").write_text("{}")
    docs = [doc for n in range(count) for doc in paper(f"p{n}", f"Paper {n}", "Text.")]
    (site / shards.INDEX_JSON).write_text(json.dumps(index_data(*docs)))
    return site


def make_shards(site: Path, above: int) -> bool:
    """The build's search-shards step (generator/build.py): True if it replaced Material's."""
    files, removing = shards.shard_files(site, above)
    add_files(site, files.items(), removing)
    return shards.INDEX_JSON in files


def test_below_the_threshold_the_site_keeps_materials_search(tmp_path: Path) -> None:
    site = built_site(tmp_path, 3)
    before = (site / shards.INDEX_JSON).read_text()
    assert not make_shards(site, above=3)
    assert (site / shards.INDEX_JSON).read_text() == before
    assert not (site / "search" / "shards").exists()


def test_above_the_threshold_our_worker_replaces_materials(tmp_path: Path) -> None:
    site = built_site(tmp_path, 3)
    assert make_shards(site, above=2)
    worker = site / shards.WORKERS / "search.1234abcd.min.js"
    assert worker.read_text().startswith(shards.WORKER.read_text())
    assert "self.__digestManifest(" in worker.read_text()
    assert not worker.with_name(worker.name + ".map").exists()
    assert json.loads((site / shards.INDEX_JSON).read_text())["docs"] == []


def test_the_threshold_is_a_setting() -> None:
    settings, problems = load_settings({"search_shards_above": 0}, "settings.yml")
    assert (settings.search_shards_above, problems) == (0, [])
    _, problems = load_settings({"search_shards_above": -1}, "settings.yml")
    assert [p.message for p in problems] == [
        "search_shards_above: expected a number of papers, 0 or more, got -1"
    ]
