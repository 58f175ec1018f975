"""Search for large digests: a prebuilt index in shards, answered by our own search worker.

Material's search (lunr.js) downloads the whole index and builds it in the browser on
every page load, which takes seconds at 10,000 papers. Above `search_shards_above` papers
(content/settings.yml), this post-build step replaces it with an index built here, from
Material's own search/search_index.json, so it indexes exactly what Material would, split
with the same separator and weighted with the same title boost:

- search/shards/<key>.js: the terms starting with <key> (their first KEY_LENGTH
  characters), each with its pages and a precomputed score per page (BM25 with the title
  boost and the page's boost, as integers): the worker only adds;
- search/docs/<n>.js: the address, title and a short snippet of CHUNK pages each, loaded
  only for the results shown;
- assets/javascripts/workers/search.<hash>.min.js: our worker (assets/search-worker.js,
  Material's worker protocol) in place of Material's, at the same address, ending with
  the manifest: which shards exist, how many pages, the chunk size (no extra request);
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
import math
import re
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.digest.shards")

WORKER = Path(__file__).parent / "assets" / "search-worker.js"
WORKERS = "assets/javascripts/workers"
INDEX_JSON = "search/search_index.json"
INDEX_JS = "search/search_index.js"  # Material's offline plugin: `var __index = {...}`
KEY_LENGTH = 2  # characters of a term that name its shard
CHUNK = 16  # pages per search/docs/<n>.js
LIMIT = 50  # results the worker returns, best first (each may need its own docs file)
SNIPPET = 160  # characters of text shown under a result's title
K1 = 1.2  # BM25 term-frequency saturation
B = 0.5  # BM25 length normalisation (0: none)
SCALE = 10  # scores are stored as round(score * SCALE), at least 1
# What JavaScript's \s matches (without the u flag), for the separator's \s in Python.
JS_SPACE = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
TAG = re.compile(r"<[^>]*>")
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)

Counter = dict[str, int]


@dataclass(frozen=True)
class Page:
    """One search result: a page with its title and the text of all its sections."""

    location: str
    title: str
    text: str
    boost: float = 1.0
    teaser: str = ""  # the text shown under the title: the page's longest paragraph


@dataclass
class Index:
    """Postings per term: the pages (ascending) and their integer scores."""

    pages: list[Page]
    terms: dict[str, tuple[list[int], list[int]]] = field(default_factory=dict)


def js_regex(pattern: str) -> re.Pattern[str]:
    r"""A JavaScript regular expression (no flags) as Python reads it.

    \w, \d and \b are ASCII in JavaScript, so re.ASCII; JavaScript's \s also matches
    Unicode spaces, which re.ASCII would not, so it is spelled out.
    """
    out, in_class, i = [], False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            pair = pattern[i : i + 2]
            out.append((JS_SPACE if in_class else f"[{JS_SPACE}]") if pair == "\\s" else pair)
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return re.compile("".join(out), re.ASCII)


def tokenize(text: str, separator: re.Pattern[str]) -> list[str]:
    """Lower-case terms of HTML text, split as Material's tokenizer splits them."""
    parts = TAG.split(text)
    if not separator.groups:  # then split returns only the pieces between matches: fast
        return [term.lower() for part in parts for term in separator.split(part) if term]
    terms = []
    for part in parts:
        start = 0
        for match in separator.finditer(part):
            terms.append(part[start : match.start()].lower())
            start = match.end()
        terms.append(part[start:].lower())
    return [term for term in terms if term]


def pages(docs: Iterable[Mapping[str, Any]]) -> list[Page]:
    """Material's search documents grouped by page: the first one of a page is its article
    (title, boost), the rest its sections, whose titles and text become the page's text."""
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for doc in docs:
        grouped.setdefault(str(doc["location"]).split("#")[0], []).append(doc)
    result = []
    for location, group in grouped.items():
        article, sections = group[0], group[1:]
        text = " ".join(
            [str(article.get("text", ""))]
            + [f"{s.get('title', '')} {s.get('text', '')}" for s in sections]
        )
        teaser = longest_paragraph(" ".join(str(doc.get("text", "")) for doc in group))
        title = str(article.get("title", ""))
        result.append(Page(location, title, text, float(article.get("boost", 1)), teaser))
    return result


def longest_paragraph(text: str) -> str:
    """The longest <p> of a page's text (a paper's abstract, not its byline), else all."""
    paragraphs = PARAGRAPH.findall(text)
    return max(paragraphs, key=len) if paragraphs else text


def build_index(
    found: list[Page], separator: re.Pattern[str], title_boost: float, text_boost: float = 1.0
) -> Index:
    """Every term's pages and scores: BM25 per field, weighted by field and page boost."""
    fields = [
        ([_counts(tokenize(p.title, separator)) for p in found], title_boost),
        ([_counts(tokenize(p.text, separator)) for p in found], text_boost),
    ]
    averages = [sum(sum(c.values()) for c in counts) / (len(found) or 1) for counts, _ in fields]
    postings: dict[str, tuple[array[int], array[float]]] = {}
    for number, page in enumerate(found):
        values: dict[str, float] = {}
        for (counts, weight), average in zip(fields, averages, strict=True):
            length = sum(counts[number].values())
            norm = K1 * (1 - B + B * length / average) if average else K1
            for term, tf in counts[number].items():
                values[term] = values.get(term, 0.0) + weight * tf * (K1 + 1) / (tf + norm)
        for term, value in values.items():
            docs, scores = postings.setdefault(term, (array("I"), array("d")))
            docs.append(number)
            scores.append(value * page.boost)
    index = Index(found)
    total = len(found)
    for term in sorted(postings):
        docs, scores = postings[term]
        idf = math.log(1 + abs((total - len(docs) + 0.5) / (len(docs) + 0.5)))
        index.terms[term] = (docs.tolist(), [max(1, round(s * idf * SCALE)) for s in scores])
    return index


def _counts(terms: list[str]) -> Counter:
    counts: Counter = {}
    for term in terms:
        counts[term] = counts.get(term, 0) + 1
    return counts


def shard_key(term: str) -> str:
    """The shard a term lives in: its first KEY_LENGTH characters."""
    return term[:KEY_LENGTH]


def file_name(key: str) -> str:
    """A shard key as a file name, the same on every file system: a-z and 0-9 as they
    are, any other character as _ and its code in hex (so no case or reserved name)."""
    return "".join(
        c if c in "abcdefghijklmnopqrstuvwxyz0123456789" else f"_{ord(c):x}" for c in key
    )


def shards(index: Index) -> dict[str, str]:
    """search/shards/<file>.js scripts: each calls __digestShard(key, [term, postings, ...])
    with postings as [page, score, page gap, score, ...], pages ascending."""
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


def doc_chunks(found: list[Page]) -> dict[str, str]:
    """search/docs/<n>.js scripts: each calls __digestDocs(n, [[location, title,
    snippet], ...]) for pages n*CHUNK to (n+1)*CHUNK - 1."""
    chunks = {}
    for start in range(0, len(found), CHUNK):
        rows = [
            [p.location, html.escape(html.unescape(p.title), quote=False), snippet(p.teaser)]
            for p in found[start : start + CHUNK]
        ]
        chunks[f"search/docs/{start // CHUNK}.js"] = _call("__digestDocs", start // CHUNK, rows)
    return chunks


def manifest(index: Index) -> str:
    """The worker's last line: the shards that exist (key and file), the page count, the
    chunk size and the result limit."""
    keys = sorted({shard_key(term) for term in index.terms})
    data = {
        "chunk": CHUNK,
        "keyLength": KEY_LENGTH,
        "limit": LIMIT,
        "pages": len(index.pages),
        "shards": [[key, file_name(key)] for key in keys],
    }
    return _call("__digestManifest", data)


def stub(index_data: Mapping[str, Any]) -> dict[str, Any]:
    """Material's search index with its config and no documents."""
    return {"config": index_data["config"], "docs": []}


def site_files(index_data: Mapping[str, Any], worker: str) -> dict[str, str]:
    """Every file the sharded search adds to or replaces in a site, from Material's index;
    worker is the address of Material's search worker."""
    config = index_data["config"]
    separator = js_regex(config["separator"])
    title_boost = float(config.get("fields", {}).get("title", {}).get("boost", 1))
    text_boost = float(config.get("fields", {}).get("text", {}).get("boost", 1))
    found = pages(index_data["docs"])
    index = build_index(found, separator, title_boost, text_boost)
    files = shards(index)
    files |= doc_chunks(found)
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
    in its search index: (files to write, files to remove), both empty when it has not."""
    index_file = site / INDEX_JSON
    if not index_file.is_file():
        return {}, []
    data = json.loads(index_file.read_text(encoding="utf-8"))
    if paper_count(data) <= above:
        return {}, []
    workers = sorted((site / WORKERS).glob("search.*.min.js"))
    if len(workers) != 1:
        raise RuntimeError(
            f"expected one Material search worker in {site / WORKERS}, found {workers}"
        )
    worker = workers[0].relative_to(site).as_posix()
    files = site_files(data, worker)
    log.info(
        "Search: %d pages in a prebuilt index of %d shards (search_shards_above: %d)",
        paper_count(data),
        sum(name.startswith("search/shards/") for name in files),
        above,
    )
    return files, [worker + ".map"]
