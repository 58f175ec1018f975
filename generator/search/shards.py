"""The site's search: the index (index.py) in shards, answered by our own search worker.

Material's search (lunr.js) downloads the whole index and builds it in the browser on
every page load, which takes seconds at 10,000 papers; and its MkDocs plugin parses every
page's HTML again to make that index. Unless `search_shards_above` (content/settings.yml, 0
by default) is at least the digest's size, the generator builds our index straight from
the papers instead (in a forked process, while the pages render), writes these files into
docs/ for MkDocs to copy, and leaves the paper pages out of Material's index:

- search/shards/<key>.js: the terms starting with <key> (their first KEY_LENGTH
  characters), each with its papers and a precomputed score per paper (index.py): the
  worker only adds;
- search/docs/<n>.js: the address, title and a short snippet of CHUNK papers each, loaded
  only for the results shown;
- search/facets.js and search/filters.js: the search filters' data (facets.py), loaded
  only once a reader sets a filter; with Material's search, these alone (filter_files);
- assets/javascripts/workers/search.<hash>.min.js: our worker (assets/search-worker.js,
  Material's worker protocol) in place of Material's, at the same address (a docs/ file
  takes precedence over the theme's), ending with the manifest: which shards exist, how
  many papers, the chunk size (no extra request);
- after MkDocs (finish_search): search/search_index.json and .js made a stub with
  Material's config and no documents, and Material's worker's source map removed.

Every file is a script calling one function of the worker's with JSON arguments: from
file://, iframe-worker's shim runs the worker in an iframe, which loads them as script
elements; over HTTP, the worker fetches them and parses the arguments. Same papers, same
bytes.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from generator.model import Paper
from generator.search import facets
from generator.search.index import (
    KEY_LENGTH,
    SearchDoc,
    SearchIndex,
    build_index,
    paper_doc,
    shard_key,
)
from generator.search.rank import LIMIT as LIMIT

WORKER = Path(__file__).parent / "assets" / "search-worker.js"
WORKERS = "assets/javascripts/workers"
INDEX_JSON = "search/search_index.json"
INDEX_JS = "search/search_index.js"  # Material's offline plugin: `var __index = {...}`
CHUNK = 16  # papers per search/docs/<n>.js


def file_name(key: str) -> str:
    """A shard key as a file name, the same on every file system: a-z and 0-9 as they
    are, any other character as _ and its code in hex (so no case or reserved name)."""
    return "".join(
        c if c in "abcdefghijklmnopqrstuvwxyz0123456789" else f"_{ord(c):x}" for c in key
    )


def shards(index: SearchIndex) -> dict[str, str]:
    """search/shards/<file>.js scripts: each calls __digestShard(key, [term, postings, ...])
    with postings as [paper, score, paper gap, score, ...], papers ascending."""
    grouped: dict[str, list[Any]] = {}
    for term, (docs, scores) in index.terms.items():
        flat: list[int] = []
        previous = 0
        for doc, score in zip(docs, scores, strict=True):
            flat += [doc - previous, score]
            previous = doc
        grouped.setdefault(shard_key(term), []).extend([term, flat])
    return {
        f"search/shards/{file_name(key)}.js": _call("__digestShard", key, grouped[key])
        for key in sorted(grouped)
    }


def doc_chunks(found: list[SearchDoc]) -> dict[str, str]:
    """search/docs/<n>.js scripts: each calls __digestDocs(n, [[location, title,
    snippet], ...]) for papers n*CHUNK to (n+1)*CHUNK - 1."""
    chunks = {}
    for start in range(0, len(found), CHUNK):
        rows = [
            [d.location, html.escape(d.title, quote=False), d.teaser]
            for d in found[start : start + CHUNK]
        ]
        chunks[f"search/docs/{start // CHUNK}.js"] = _call("__digestDocs", start // CHUNK, rows)
    return chunks


def manifest(index: SearchIndex) -> str:
    """The worker's last line: the shards that exist (key and file), the page count, the
    chunk size and the result limit."""
    keys = sorted({shard_key(term) for term in index.terms})
    data = {
        "chunk": CHUNK,
        "keyLength": KEY_LENGTH,
        "limit": LIMIT,
        "pages": len(index.docs),
        "shards": [[key, file_name(key)] for key in keys],
    }
    return _call("__digestManifest", data)


def stub(index_data: Mapping[str, Any]) -> dict[str, Any]:
    """Material's search index with its config and no documents."""
    return {"config": index_data["config"], "docs": []}


def material_worker() -> str:
    """The address of the installed Material's search worker, which ours replaces."""
    templates = Path(str(resources.files("material"))) / "templates"
    workers = sorted((templates / WORKERS).glob("search.*.min.js"))
    if len(workers) != 1:
        raise RuntimeError(f"expected one Material search worker in {templates / WORKERS}")
    return workers[0].relative_to(templates).as_posix()


def search_files(papers: Sequence[Paper], worker: str) -> dict[str, str]:
    """The files of the sharded search, built straight from the papers: the shards, the
    documents and our worker at Material's worker's address (docs/ files take precedence
    over the theme's)."""
    index = build_index([paper_doc(paper) for paper in papers])
    files = shards(index)
    files |= doc_chunks(index.docs)
    files |= facets.files(index.docs)
    files[worker] = WORKER.read_text(encoding="utf-8") + "\n" + manifest(index)
    return files


def filter_files(papers: Sequence[Paper]) -> dict[str, str]:
    """With Material's own search (lunr): the search filters' files alone, the facets
    with the papers' addresses, as the page narrows lunr's results itself (facets.py)."""
    docs = sorted((paper_doc(paper) for paper in papers), key=lambda doc: doc.location)
    return facets.files(docs, locations=True)


def is_ours(site: Path) -> bool:
    """Whether the built site's search worker is ours (search_files was written)."""
    workers = sorted((site / WORKERS).glob("search.*.min.js"))
    return len(workers) == 1 and workers[0].read_text(encoding="utf-8").startswith(
        WORKER.read_text(encoding="utf-8")
    )


def finish_search(site: Path) -> tuple[dict[str, str], list[str]]:
    """After MkDocs, on a site searched by our worker: Material's index made a stub (a page
    load no longer downloads anything it does not use) and the source map of Material's
    worker, which no longer matches, removed. (files to write, files to remove)."""
    if not is_ours(site) or not (site / INDEX_JSON).is_file():
        return {}, []
    data = json.loads((site / INDEX_JSON).read_text(encoding="utf-8"))
    empty = json.dumps(stub(data), sort_keys=True, separators=(",", ":"))
    worker = next((site / WORKERS).glob("search.*.min.js")).relative_to(site).as_posix()
    return {INDEX_JSON: empty, INDEX_JS: f"var __index = {empty}"}, [worker + ".map"]


def _call(function: str, *arguments: Any) -> str:
    encoded = ",".join(json.dumps(a, sort_keys=True, separators=(",", ":")) for a in arguments)
    return f"self.{function}({encoded});\n"
