"""The site's search: the index (index.py) in shards, answered by our own search worker.

Material's search (lunr.js) downloads the whole index and builds it in the browser on
every page load, which takes seconds at 10,000 papers. Unless `search_shards_above`
(content/settings.yml, 0 by default) is at least the digest's size, this post-build step
replaces it with an index built here from Material's own search/search_index.json: each
paper's title, tags, authors and abstract, read from its page's search entry.

- search/shards/<key>.js: the terms starting with <key> (their first KEY_LENGTH
  characters), each with its papers and a precomputed score per paper (index.py): the
  worker only adds;
- search/docs/<n>.js: the address, title and a short snippet of CHUNK papers each, loaded
  only for the results shown;
- assets/javascripts/workers/search.<hash>.min.js: our worker (assets/search-worker.js,
  Material's worker protocol) in place of Material's, at the same address, ending with
  the manifest: which shards exist, how many papers, the chunk size (no extra request);
- search/search_index.json and .js: a stub with Material's config and no documents, so a
  page load no longer downloads the whole index.

Every file is a script calling one function of the worker's with JSON arguments: from
file://, iframe-worker's shim runs the worker in an iframe, which loads them as script
elements; over HTTP, the worker fetches them and parses the arguments. Same site, same
bytes.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from generator.search import facets
from generator.search.index import KEY_LENGTH, SearchDoc, SearchIndex, build_index, shard_key
from generator.search.rank import LIMIT as LIMIT

log = logging.getLogger("mkdocs.digest.shards")

WORKER = Path(__file__).parent / "assets" / "search-worker.js"
WORKERS = "assets/javascripts/workers"
INDEX_JSON = "search/search_index.json"
INDEX_JS = "search/search_index.js"  # Material's offline plugin: `var __index = {...}`
CHUNK = 16  # papers per search/docs/<n>.js
SNIPPET = 160  # characters of text shown under a result's title
TAG = re.compile(r"<[^>]*>")
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
ABSTRACT = re.compile(r"(?:^|(?<=</p>))\s*Abstract\s*(?=<p>)")  # the heading before it
TAGS = "Tags: "  # the start of a paper page's paragraph of tags
NOT_AUTHORS = ("submitted ", "in the digest of ")  # a byline that starts with a date
ET_AL = " et al."


def search_docs(
    docs: Iterable[Mapping[str, Any]], tag_names: Iterable[str] = ()
) -> list[SearchDoc]:
    """Material's search entries grouped by page, each page a SearchDoc: the first entry
    of a page is its article (title, byline, links, tags, then the abstract after its
    heading); further entries are sections, whose text joins the abstract. tag_names:
    the digest's tags, to tell "long context reasoning" apart as two of them."""
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for doc in docs:
        grouped.setdefault(str(doc["location"]).split("#")[0], []).append(doc)
    names = sorted(set(tag_names), key=len, reverse=True)
    return [_search_doc(location, group, names) for location, group in grouped.items()]


def _search_doc(location: str, group: list[Mapping[str, Any]], names: list[str]) -> SearchDoc:
    article, sections = str(group[0].get("text", "")), group[1:]
    head, abstract = [*ABSTRACT.split(article, maxsplit=1), ""][:2]
    paragraphs = [_plain(p) for p in PARAGRAPH.findall(head)]
    tags = next((p.removeprefix(TAGS) for p in paragraphs if p.startswith(TAGS)), "")
    byline = paragraphs[0].split(" · ")[0] if paragraphs else ""
    authors = "" if byline.startswith(NOT_AUTHORS) or byline.startswith(TAGS) else byline
    text = " ".join([abstract] + [f"{s.get('title', '')} {s.get('text', '')}" for s in sections])
    return SearchDoc(
        location=location,
        title=html.unescape(str(group[0].get("title", ""))),
        tags=tags,
        authors=authors.removesuffix(ET_AL),
        text=_plain(text),
        teaser=snippet(longest_paragraph(text or article)),
        day=_day(head),
        tag_names=_split_tags(tags, names),
    )


# Until SearchDocs are built from the papers themselves (paper.date, paper.tag_names),
# the search filters' day and tags are read back from the page: its byline's "in the
# digest of 11 March 2025", and its "Tags:" paragraph, split with the tag names the
# tags overview lists (Material's entry keeps the tags' text, not their links).
DIGEST_DAY = re.compile(r"in the digest of (\d{1,2} [A-Z][a-z]+ \d{4})")
TAG_ROW = re.compile(r'<td><a href="[^"/]+\.html">(.*?)</a></td>')


def _day(head: str) -> str:
    day = DIGEST_DAY.search(head)
    return datetime.strptime(day.group(1), "%d %B %Y").date().isoformat() if day else ""


def _split_tags(listed: str, names: list[str]) -> tuple[str, ...]:
    """A tag paragraph's names, longest known name first; an unknown one is a word."""
    found: list[str] = []
    while listed:
        name = next((n for n in names if listed == n or listed.startswith(n + " ")), "")
        found.append(name or listed.split(" ", 1)[0])
        listed = listed[len(found[-1]) :].lstrip()
    return tuple(found)


def site_tag_names(site: Path) -> list[str]:
    """The digest's tag names, from the tags overview's table (tags/index.html)."""
    page = site / "tags" / "index.html"
    text = page.read_text(encoding="utf-8") if page.is_file() else ""
    return [html.unescape(name) for name in TAG_ROW.findall(text)]


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(TAG.sub(" ", fragment)).split())


def longest_paragraph(text: str) -> str:
    """The longest <p> of a page's text (a paper's abstract, not its byline), else all."""
    paragraphs = PARAGRAPH.findall(text)
    return max(paragraphs, key=len) if paragraphs else text


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


def snippet(text: str, length: int = SNIPPET) -> str:
    """The start of a page's text, as escaped HTML: tags gone, cut at a word, with '…'."""
    plain = " ".join(html.unescape(TAG.sub(" ", text)).split())
    if len(plain) > length:
        plain = plain[:length].rsplit(" ", 1)[0] + " …"
    return html.escape(plain, quote=False)


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


def site_files(
    index_data: Mapping[str, Any], worker: str, tag_names: Iterable[str] = ()
) -> dict[str, str]:
    """Every file the sharded search adds to or replaces in a site, from Material's index;
    worker is the address of Material's search worker (tag_names: as for search_docs)."""
    index = build_index(search_docs(index_data["docs"], tag_names))
    files = shards(index)
    files |= doc_chunks(index.docs)
    files |= facets.files(index.docs)
    files[worker] = WORKER.read_text(encoding="utf-8") + "\n" + manifest(index)
    empty = json.dumps(stub(index_data), sort_keys=True, separators=(",", ":"))
    files[INDEX_JSON] = empty
    files[INDEX_JS] = f"var __index = {empty}"
    return files


def _call(function: str, *arguments: Any) -> str:
    encoded = ",".join(json.dumps(a, sort_keys=True, separators=(",", ":")) for a in arguments)
    return f"self.{function}({encoded});\n"


def paper_count(index_data: Mapping[str, Any]) -> int:
    """Pages in Material's search index: the papers (home and tag pages are left out)."""
    return len({str(doc["location"]).split("#")[0] for doc in index_data["docs"]})


def shard_files(site: Path, above: int) -> tuple[dict[str, str], list[str]]:
    """What replaces Material's search in a built site when it has more than `above` pages
    in its search index: (files to write, files to remove). When it has not, Material's
    search stays, and only the search filters' facets, with the papers' addresses, are
    added (the page filters lunr's results: facets.py)."""
    index_file = site / INDEX_JSON
    if not index_file.is_file():
        return {}, []
    data = json.loads(index_file.read_text(encoding="utf-8"))
    if paper_count(data) <= above:
        found = sorted(search_docs(data["docs"], site_tag_names(site)), key=lambda d: d.location)
        return facets.files(found, locations=True), []
    workers = sorted((site / WORKERS).glob("search.*.min.js"))
    if len(workers) != 1:
        raise RuntimeError(
            f"expected one Material search worker in {site / WORKERS}, found {workers}"
        )
    worker = workers[0].relative_to(site).as_posix()
    files = site_files(data, worker, site_tag_names(site))
    log.info(
        "Search: %d pages in a prebuilt index of %d shards (search_shards_above: %d)",
        paper_count(data),
        sum(name.startswith("search/shards/") for name in files),
        above,
    )
    return files, [worker + ".map"]
