"""Material for MkDocs' private search protocol, as generator/search/ relies on it.

Above `search_shards_above` papers, generator/search/shards.py puts our worker
(assets/search-worker.js) in place of Material's and reads Material's search_index.json.
Neither is a public interface of Material's, so pyproject.toml pins Material to one minor
version, and these tests check the installed Material against what we rely on:

- the message types (SETUP 0, READY 1, QUERY 2, RESULT 3) and their fields, in Material's
  own worker and in its page script (the minified code that runs, and the TypeScript
  source its source maps carry);
- the result shape Material's search box renders ({items: [[{location, title, text,
  score, terms}]]});
- where the worker lives (assets/javascripts/workers/search.<hash>.min.js, named in every
  page's __config) and where the page script loads the index from;
- the shape of search/search_index.json in a small build.

The minified code is matched with its identifiers as wildcards: a rebuild of the same
protocol renames them, a change of the protocol changes the numbers or field names.
When one fails after an upgrade, compare Material's worker with ours before raising
the pin.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from small_site import build_small_site

from conftest import ROOT
from generator.search import shards
from rendering import assembled

MATERIAL = importlib.util.find_spec("material")
assert MATERIAL and MATERIAL.origin
TEMPLATES = Path(MATERIAL.origin).parent / "templates"
SCRIPTS = TEMPLATES / "assets" / "javascripts"
NAME = r"[\w$]+"  # a minified identifier
MESSAGES = ("SETUP", "READY", "QUERY", "RESULT")  # our worker's names for the types


def one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in {folder}, found {found}"
    return found[0]


def material_worker() -> str:
    return one(SCRIPTS / "workers", "search.*.min.js").read_text(encoding="utf-8")


def material_bundle() -> str:
    return one(SCRIPTS, "bundle.*.min.js").read_text(encoding="utf-8")


def source(bundle: Path, suffix: str) -> str:
    """A TypeScript source file of Material's, from the source map next to a bundle."""
    mapped = bundle.with_name(bundle.name + ".map")
    if not mapped.is_file():
        pytest.skip(f"Material ships no source map {mapped.name}: check its sources by hand")
    data = json.loads(mapped.read_text(encoding="utf-8"))
    for name, text in zip(data["sources"], data.get("sourcesContent") or [], strict=False):
        if name.endswith(suffix):
            return str(text)
    raise AssertionError(f"{suffix} is not among the sources of {mapped.name}")


def our_message_types() -> dict[str, int]:
    worker = shards.WORKER.read_text(encoding="utf-8")
    found = dict(re.findall(r"^const (SETUP|READY|QUERY|RESULT) = (\d+)$", worker, re.M))
    assert sorted(found) == sorted(MESSAGES), found
    return {name: int(value) for name, value in found.items()}


def enum_values(typescript: str, name: str) -> dict[str, int]:
    """The members of a TypeScript enum and their numbers (implicit ones count on)."""
    body = re.search(rf"enum {name} \{{(.*?)\}}", typescript, re.S)
    assert body, f"no enum {name}"
    members: dict[str, int] = {}
    value = 0
    for entry in re.sub(r"/\*.*?\*/|//[^\n]*", "", body.group(1), flags=re.S).split(","):
        if not entry.strip():
            continue
        member = re.fullmatch(r"\s*(\w+)\s*(?:=\s*(\d+)\s*)?", entry)
        assert member, f"enum {name}: cannot read {entry!r}"
        value = int(member.group(2)) if member.group(2) else value
        members[member.group(1)] = value
        value += 1
    return members


def test_our_message_types_are_materials() -> None:
    """Material's enum SearchMessageType, which both of its bundles are compiled from."""
    bundle = one(SCRIPTS, "bundle.*.min.js")
    typescript = source(bundle, "integrations/search/worker/message/index.ts")
    assert enum_values(typescript, "SearchMessageType") == our_message_types()


def worker_handles(worker: str, types: dict[str, int]) -> bool:
    """SETUP reads data.config and is answered {type: READY}; QUERY is answered {type:
    RESULT, data}; both over the worker's message events."""
    handler = re.compile(
        rf"case {types['SETUP']}:.{{0,200}}?\b{NAME}\.data\.config\b.{{0,200}}?"
        rf"\{{type:{types['READY']}\}}.{{0,40}}?"
        rf"case {types['QUERY']}:.{{0,200}}?\{{type:{types['RESULT']},data:",
        re.S,
    )
    listens = 'addEventListener("message"' in worker and "postMessage(" in worker
    return listens and bool(handler.search(worker))


def test_materials_worker_answers_setup_with_ready_and_query_with_result() -> None:
    assert worker_handles(material_worker(), our_message_types())


def test_materials_worker_source_has_the_same_handler() -> None:
    bundle = one(SCRIPTS / "workers", "search.*.min.js")
    typescript = source(bundle, "integrations/search/worker/main/index.ts")
    handler = re.compile(
        r"case SearchMessageType\.SETUP:.*?message\.data\.config.*?"
        r"type: SearchMessageType\.READY.*?"
        r"case SearchMessageType\.QUERY:\s*const query = message\.data.*?"
        r"type: SearchMessageType\.RESULT,\s*data: index\.search\(query\)",
        re.S,
    )
    assert handler.search(typescript)


def page_script_misses(bundle: str, types: dict[str, int]) -> list[str]:
    """What our worker relies on that Material's page script no longer does: SETUP carries
    the index's config and docs; QUERY the search box's text, sent once READY came;
    RESULT's data is {items}, groups of items each with location, title, text, score and
    terms."""
    expected = {
        "SETUP with config and docs": rf"\{{type:{types['SETUP']},data:\{{config:{NAME},docs:",
        "QUERY with the text": rf"\.next\(\{{type:{types['QUERY']},data:{NAME}\}}\)",
        "results as items": rf"\(\[\{{items:{NAME}\}},",
        "the group's first item's score": rf"\b{NAME}\[0\]\.score\b",
        "an item's terms": rf"Object\.keys\({NAME}\.terms\)",
        "an item's location": rf"new URL\({NAME}\.location,{NAME}\.base\)",
        "an item's score": rf"{NAME}\.score\.toFixed\(",
        "an item's title": rf'\("h1",null,{NAME}\.title\)',
        "an item's text": rf"{NAME}\.text\.length>0&&{NAME}\.text\b",
    }
    missing = [what for what, pattern in expected.items() if not re.search(pattern, bundle)]
    ready = guard(bundle, types["READY"])
    after_ready = rf"\({ready}\)\).{{0,200}}?\.next\(\{{type:{types['QUERY']},data:{NAME}\}}\)"
    if not (ready and re.search(after_ready, bundle, re.S)):
        missing.append("QUERY sent once READY came")
    result = guard(bundle, types["RESULT"])
    if not (result and re.search(rf"\({result}\),{NAME}\(\(\{{data:{NAME}\}}\)=>", bundle)):
        missing.append("the data of RESULT read")
    return missing


def guard(bundle: str, number: int) -> str | None:
    """The name of the page script's function telling a message of this type."""
    found = re.search(rf"function ({NAME})\({NAME}\)\{{return {NAME}\.type==={number}\}}", bundle)
    return re.escape(found.group(1)) if found else None


def test_materials_page_script_sends_and_reads_what_our_worker_expects() -> None:
    assert page_script_misses(material_bundle(), our_message_types()) == []


def renamed(code: str) -> str:
    """Minified code as a rebuild might name it: every one-letter identifier doubled."""
    return re.sub(r"(?<![\w$.])([A-Za-z_$])(?![\w$])", r"\1\1", code)


def test_the_checks_pass_a_rebuild_and_fail_a_renumbering() -> None:
    """The patterns above are not vacuous: READY and RESULT swapped fails them, renamed
    identifiers do not."""
    types = our_message_types()
    worker, bundle = material_worker(), material_bundle()
    assert renamed(worker) != worker
    assert worker_handles(renamed(worker), types)
    assert page_script_misses(renamed(bundle), types) == []
    swapped = types | {"READY": types["RESULT"], "RESULT": types["READY"]}
    assert not worker_handles(worker, swapped)
    assert page_script_misses(bundle, swapped) == [
        "QUERY sent once READY came",
        "the data of RESULT read",
    ]
    no_config = worker.replace(".data.config", ".data.settings")
    assert not worker_handles(no_config, types)


def test_materials_typescript_result_shape() -> None:
    worker = one(SCRIPTS / "workers", "search.*.min.js")
    typescript = source(worker, "integrations/search/_/index.ts")
    assert re.search(r"interface SearchResult \{\s*items: SearchItem\[\]\[\]", typescript)
    item = re.search(r"interface SearchItem\s+extends SearchDocument\s*\{(.*?)\}", typescript, re.S)
    assert item
    assert re.findall(r"^\s*(\w+)\??:", item.group(1), re.M) == ["score", "terms"]


def test_the_worker_lives_where_shards_looks_for_it() -> None:
    """Every page names the worker in __config: assets/javascripts/workers/search.<hash>.min.js,
    the only such file, which shards.py overwrites; our worker finds the site's root three
    folders up from it."""
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    named = re.findall(r'"search":\s*"([^"]+)"\s*\|\s*url', base)
    worker = one(TEMPLATES / shards.WORKERS, "search.*.min.js")
    assert named == [worker.relative_to(TEMPLATES).as_posix()]
    assert shards.WORKERS.count("/") + 1 == 3
    assert 'new URL("../../../", scriptUrl())' in shards.WORKER.read_text(encoding="utf-8")


def test_the_page_script_loads_the_index_where_shards_writes_the_stub(tmp_path: Path) -> None:
    """Over HTTP search/search_index.json; from file:// search/search_index.js, which sets
    __index (Material's offline plugin)."""
    bundle = material_bundle()
    assert f'"{shards.INDEX_JSON}"' in bundle
    assert re.search(rf'"{re.escape(shards.INDEX_JS)}".{{0,80}}?\(\)=>__index\b', bundle)
    site = tmp_path / "site"
    (site / shards.WORKERS).mkdir(parents=True)
    (site / shards.WORKERS / "search.1.min.js").write_text(shards.WORKER.read_text())
    (site / shards.INDEX_JSON).parent.mkdir()
    (site / shards.INDEX_JSON).write_text('{"config": {"separator": " "}, "docs": []}')
    assert shards.finish_search(site)[0][shards.INDEX_JS].startswith("var __index = {")


def mkdocs_separator() -> str:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    return str(search["separator"])


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_small_site(tmp_path_factory.mktemp("small"), {})


def test_search_index_has_the_shape_the_stub_keeps(small_site: Path) -> None:
    """With Material's search (lunr), the paper pages are in its index; with ours, finish_search
    keeps this config and drops the documents."""
    data: dict[str, Any] = json.loads((small_site / shards.INDEX_JSON).read_text())
    assert sorted(data) == ["config", "docs"]
    config = data["config"]
    assert sorted(config) == ["fields", "lang", "pipeline", "separator"]
    assert config["lang"] == ["en"]
    assert config["separator"] == mkdocs_separator()
    assert config["pipeline"] == []
    assert config["fields"]["title"] == {"boost": 10}
    assert config["fields"]["text"] == {"boost": 1.0}
    assert [sorted(doc) for doc in data["docs"]] == [["boost", "location", "text", "title"]] * 2
    first = data["docs"][0]
    assert first["location"] == "papers/cosyvoice-2-scalable-streaming-speech-synthesis.html"
    assert first["title"] == "CosyVoice 2: Scalable Streaming Speech Synthesis"
    assert "<p>We present CosyVoice 2, an improved streaming" in first["text"]
    assert first["boost"] == 4


def test_every_page_names_the_one_worker(small_site: Path) -> None:
    """Each page's __config names the site's one worker file, byte for byte Material's."""
    (worker,) = (small_site / shards.WORKERS).glob("search.*.min.js")
    assert worker.read_bytes() == one(SCRIPTS / "workers", "search.*.min.js").read_bytes()
    for page in sorted(small_site.rglob("*.html")):
        config = re.search(
            r'<script id="__config" type="application/json">(.*?)</script>', assembled(page)
        )
        assert config, page
        named = (page.parent / json.loads(config.group(1))["search"]).resolve()
        assert named == worker.resolve(), page
