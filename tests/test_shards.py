"""The sharded search index: search documents, scores, shards, chunks, stub, the site step."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from conftest import ROOT
from generator.model import Location, Paper, Tagging
from generator.search import shards
from generator.search.index import SNIPPET, SearchIndex, build_index, paper_doc
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


def paper(
    slug: str, title: str, abstract: str, authors: tuple[str, ...] = ("A. Author",)
) -> list[Paper]:
    """A paper as the generator hands it to search."""
    return [Paper(title, abstract, Location("papers.txt", 1), slug=slug, authors=authors)]


def site_files(papers: list[Paper], worker: str) -> dict[str, str]:
    """The search files of a site searched by our worker, Material's index a stub."""
    empty = json.dumps(shards.stub(index_data()), sort_keys=True, separators=(",", ":"))
    files = shards.search_files(papers, worker)
    return files | {shards.INDEX_JSON: empty, shards.INDEX_JS: f"var __index = {empty}"}


def test_a_paper_gives_its_fields() -> None:
    found = paper_doc(
        Paper(
            "C & D",
            "We present CosyVoice & more.",
            Location("p.txt", 1),
            slug="c",
            authors=("Zhihao Du", "Ann Lee"),
            tags=(Tagging("speech", "r"), Tagging("multilingual", "r")),
        )
    )
    assert (found.location, found.title, found.tags, found.authors) == (
        "papers/c.html",
        "C & D",
        "speech multilingual",
        "Zhihao Du, Ann Lee",
    )
    assert found.text == "We present CosyVoice & more."
    assert found.teaser == "We present CosyVoice &amp; more."


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
    index = build_index(list(map(paper_doc, MENTIONS)))
    scores = scores_of(index, "tart")
    assert scores["papers/tart.html"] > 3 * scores["papers/planning.html"] > 0


def test_a_rare_term_scores_above_a_common_one() -> None:
    docs = [*paper("a", "Alpha", "common special"), *paper("b", "Beta", "common")]
    index = build_index(list(map(paper_doc, docs)))
    assert (
        scores_of(index, "special")["papers/a.html"] > scores_of(index, "common")["papers/a.html"]
    )


def test_shards_group_terms_by_their_first_two_characters() -> None:
    index = build_index(list(map(paper_doc, MENTIONS)))
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
    docs = paper("x", "A <b> title", "word " * 100)
    files = shards.doc_chunks(list(map(paper_doc, docs)))
    number, rows = parse_call(files["search/docs/0.js"], "__digestDocs")
    assert number == 0
    [[location, title, snippet]] = rows
    assert location == "papers/x.html"
    assert title == "A &lt;b&gt; title"
    assert snippet.endswith(" …") and len(snippet) <= SNIPPET + 2
    assert "<" not in snippet


def test_search_files_hold_the_worker_with_the_manifest_of_the_shards() -> None:
    files = shards.search_files(MENTIONS, WORKER_PATH)
    worker = files[WORKER_PATH]
    assert worker.startswith(shards.WORKER.read_text(encoding="utf-8"))
    manifest = parse_call(worker.rsplit("\n", 2)[-2] + "\n", "__digestManifest")[0]
    assert manifest["pages"] == 2
    assert manifest["limit"] == shards.LIMIT
    for _key, name in manifest["shards"]:
        assert f"search/shards/{name}.js" in files


def test_same_input_gives_the_same_bytes() -> None:
    papers = [*MENTIONS, *paper("z", "Zeta", "Another abstract.")]
    assert shards.search_files(papers, WORKER_PATH) == shards.search_files(
        list(reversed(papers)), WORKER_PATH
    )


def parse_call(script: str, function: str) -> list[Any]:
    match = re.fullmatch(rf"self\.{function}\((.*)\);\n", script, re.DOTALL)
    assert match, script[:80]
    return list(json.loads(f"[{match[1]}]"))


def built_site(tmp_path: Path, worker: str) -> Path:
    """A built site as MkDocs leaves it, with Material's index of some pages and the given
    search worker."""
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / shards.WORKERS).mkdir(parents=True)
    (site / shards.WORKERS / "search.1234abcd.min.js").write_text(worker)
    (site / shards.WORKERS / "search.1234abcd.min.js.map").write_text("{}")
    docs = [{"location": "tags/index.html", "title": "Tags", "text": "<p>All tags</p>"}]
    (site / shards.INDEX_JSON).write_text(json.dumps(index_data(*docs)))
    return site


def finish(site: Path) -> bool:
    """The build's search-stub step (generator/build.py): True if it changed the site."""
    files, removing = shards.finish_search(site)
    add_files(site, files.items(), removing)
    return bool(files)


def test_with_materials_worker_the_site_keeps_materials_index(tmp_path: Path) -> None:
    site = built_site(tmp_path, "material();\n")
    before = (site / shards.INDEX_JSON).read_text()
    assert not finish(site)
    assert (site / shards.INDEX_JSON).read_text() == before
    assert (site / shards.WORKERS / "search.1234abcd.min.js.map").exists()


def test_with_our_worker_materials_index_becomes_a_stub(tmp_path: Path) -> None:
    site = built_site(tmp_path, shards.search_files(MENTIONS, WORKER_PATH)[WORKER_PATH])
    config = json.loads((site / shards.INDEX_JSON).read_text())["config"]
    assert finish(site)
    assert json.loads((site / shards.INDEX_JSON).read_text()) == {"config": config, "docs": []}
    assert (site / shards.INDEX_JS).read_text().startswith("var __index = {")
    assert not (site / shards.WORKERS / "search.1234abcd.min.js.map").exists()


def test_the_worker_replaced_is_the_installed_materials() -> None:
    assert re.fullmatch(
        r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js", shards.material_worker()
    )
