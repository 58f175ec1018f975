"""JSON that other tools write, mapped onto the record format (schemas/record.schema.json).

Two shapes are recognised:

- a tracker's dump, an object with a `papers` list (arxiv-daily and the like): title,
  authors, summary, arxiv_id, published, doi, categories, primary_category, comment,
  journal_ref, pdf_url, code_links;
- the Hugging Face daily-papers API (https://huggingface.co/api/daily_papers), a list of
  `{"paper": {...}, "publishedAt": ...}`: the paper's id, title, summary, authors and
  publishedAt, its githubRepo and projectPage when present, and the day it was listed.

Pure: the mapped entries are validated by read_records like any record. Fields the mapping
does not use (a tracker's keyword scores, upvotes, thumbnails) are ignored, not reported: the
file is another tool's, and the digest has no place for them.
"""

from __future__ import annotations

import re
from typing import Any

from generator.common.fields import present
from generator.common.ids import arxiv_id

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def foreign_entries(data: Any) -> list[Any] | None:
    """The entries of a dump mapped onto record fields, or None when data is not a dump."""
    if isinstance(data, dict) and isinstance(data.get("papers"), list):
        return [tracker_record(entry) for entry in data["papers"]]
    if (
        isinstance(data, list)
        and data
        and all(isinstance(item, dict) and isinstance(item.get("paper"), dict) for item in data)
    ):
        return [daily_paper_record(item) for item in data]
    return None


def tracker_record(entry: Any) -> Any:
    """One paper of a tracker's dump as a record mapping (anything else is left as it is)."""
    if not isinstance(entry, dict):
        return entry
    primary = entry.get("primary_category")
    categories = entry.get("categories")
    if isinstance(categories, list) and isinstance(primary, str) and primary:
        categories = [primary, *(c for c in categories if c != primary)]
    pdf = entry.get("pdf_url")
    record = {
        "title": entry.get("title"),
        "abstract": entry.get("summary", entry.get("abstract")),
        "authors": entry.get("authors"),
        "arxiv": arxiv_id(entry.get("arxiv_id", entry.get("arxiv"))),
        "submitted": day(entry.get("published")),
        "doi": entry.get("doi"),
        "categories": categories,
        "comment": entry.get("comment"),
        "venue": entry.get("journal_ref"),
        "pdf": None if isinstance(pdf, str) and "arxiv.org/" in pdf else pdf,
        "url": entry.get("url"),
        "links": _code_links(entry.get("code_links")),
    }
    return present(record)


def daily_paper_record(item: dict[str, Any]) -> dict[str, Any]:
    """One entry of the Hugging Face daily-papers API as a record mapping."""
    paper: dict[str, Any] = item["paper"]
    authors = paper.get("authors")
    if isinstance(authors, list):
        authors = [a.get("name") if isinstance(a, dict) else a for a in authors]
    links = [paper.get(key) for key in ("githubRepo", "projectPage")]
    record = {
        "title": paper.get("title", item.get("title")),
        "abstract": paper.get("summary"),
        "authors": authors,
        "arxiv": arxiv_id(paper.get("id")),
        "submitted": day(paper.get("publishedAt")),
        "date": day(item.get("publishedAt")),
        "links": [link for link in links if isinstance(link, str) and link] or None,
    }
    return present(record)


def day(value: Any) -> Any:
    """The day of an ISO timestamp (2024-10-22T17:59:30.000Z -> 2024-10-22)."""
    if isinstance(value, str) and DAY.match(value.strip()):
        return value.strip()[:10]
    return value


def _code_links(value: Any) -> Any:
    if isinstance(value, list):
        urls = [item.get("url") if isinstance(item, dict) else item for item in value]
        return urls or None
    return value


# Keys that only other tools write: a list whose records carry one is another tool's JSON
# (CSL-JSON, Semantic Scholar, OpenAlex, Papers with Code, trackers), read with the aliases
# below; a list without them is hand-written records, checked field by field.
FOREIGN_KEYS = frozenset(
    {"paperId", "externalIds", "abstract_inverted_index", "authorships", "DOI", "URL"}
    | {"issued", "container-title", "paper_url", "arxiv_id", "publication_date"}
    | {"publicationDate", "display_name", "url_abs", "upvotes", "paper_url_abs"}
    | {"publication_year", "paper_title"}
)  # not 'summary' or 'author': a hand-written record's typo must stay an error
ARXIV_IN_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})", re.I)
ARXIV_KEY = re.compile(r"(?:arXiv:)?(\d{4}\.\d{4,5})(?:v\d+)?", re.IGNORECASE)


def other_tool_entries(data: Any) -> tuple[list[Any], str] | None:
    """Another tool's JSON in any common shape, its entries mapped onto record fields, and what
    the shape was; None when data is a list of hand-written records (or nothing we know)."""
    if isinstance(data, dict):
        if _one_record(data):  # a single work or paper, as an API gives for one id
            return [generic_record(data)], "one record"
        for key in sorted(data):
            value = data[key]
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                return [generic_record(item) for item in value], f"a list under {key!r}"
        values = list(data.values())
        if values and all(isinstance(v, dict) for v in values):
            return [
                generic_record(v, key=str(k)) for k, v in data.items()
            ], "an object of id to record"
        return None
    if isinstance(data, list) and any(
        isinstance(item, dict) and FOREIGN_KEYS & set(item) for item in data
    ):
        return [generic_record(item) if isinstance(item, dict) else item for item in data], "a list"
    return None


def generic_record(entry: dict[str, Any], key: str = "") -> dict[str, Any]:
    """One entry of another tool's JSON as a record mapping, through the common field aliases."""
    if isinstance(entry.get("paper"), dict):
        entry = {**{k: v for k, v in entry.items() if k != "paper"}, **entry["paper"]}
    external: dict[str, Any] = _mapping(entry.get("externalIds"))
    urls = [entry.get(k) for k in ("url", "link", "paper_url", "URL", "url_abs", "paper_url_abs")]
    url = next((u for u in urls if isinstance(u, str) and u.startswith("http")), None)
    arxiv = _first(entry.get("arxiv"), entry.get("arxiv_id"), external.get("ArXiv"))
    arxiv = arxiv or _arxiv_from([u for u in urls if isinstance(u, str)]) or _csl_arxiv(entry)
    key_id = ARXIV_KEY.fullmatch(key.strip())
    arxiv = arxiv or (key_id.group(1) if key_id else None)
    journal: dict[str, Any] = _mapping(entry.get("journal"))
    pdf = _first(entry.get("url_pdf"), entry.get("pdf_url"), entry.get("paper_url_pdf"))
    record = {
        "title": _title(entry),
        "abstract": _abstract(entry),
        "authors": _authors(entry),
        "arxiv": arxiv_id(arxiv),
        "url": None if url and ARXIV_IN_URL.search(url) else url,
        "doi": _first(entry.get("doi"), entry.get("DOI"), external.get("DOI")),
        "submitted": _day(entry),
        "year": _year(entry),
        "venue": _first(
            journal.get("name"),
            entry.get("venue"),
            entry.get("container-title"),
            entry.get("journal_ref"),
            entry.get("proceeding"),
            _openalex_source(entry),
        ),
        "pdf": None if isinstance(pdf, str) and "arxiv.org/" in pdf else pdf,
    }
    return present(record)


def _one_record(data: dict[str, Any]) -> bool:
    """An object that is itself a paper (a title and a field only papers have), not a
    container of papers."""
    title = _title(data)
    return isinstance(title, str) and bool(
        (FOREIGN_KEYS | {"abstract", "authors", "author"}) & set(data)
    )


def _csl_arxiv(entry: dict[str, Any]) -> str | None:
    """CSL-JSON's arXiv id: Zotero's number 'arXiv:2306.13455', or Semantic Scholar's
    volume 'abs/1610.01644' in the container 'ArXiv' (or CoRR)."""
    number = entry.get("number")
    if (
        isinstance(number, str)
        and number.strip().lower().startswith("arxiv:")
        and (found := ARXIV_KEY.fullmatch(number.strip()))
    ):
        return found.group(1)
    container = entry.get("container-title")
    volume = entry.get("volume")
    if (
        isinstance(container, str)
        and container.strip().lower() in {"arxiv", "corr"}
        and isinstance(volume, str)
        and (found := ARXIV_KEY.fullmatch(volume.strip().removeprefix("abs/")))
    ):
        return found.group(1)
    return None


def _openalex_source(entry: dict[str, Any]) -> Any:
    """OpenAlex's venue: primary_location.source.display_name, or the older host_venue's."""
    source = _mapping(_mapping(entry.get("primary_location")).get("source"))
    return _first(source.get("display_name"), _mapping(entry.get("host_venue")).get("display_name"))


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _first(*values: Any) -> Any:
    return next((v for v in values if isinstance(v, str) and v.strip()), None)


def _arxiv_from(urls: list[str]) -> str | None:
    found = (ARXIV_IN_URL.search(url) for url in urls)
    return next((m.group(1) for m in found if m), None)


def _title(entry: dict[str, Any]) -> Any:
    title = entry.get("title", entry.get("paper_title", entry.get("display_name")))
    if isinstance(title, list):  # Crossref: ["Title"]
        title = next((t for t in title if isinstance(t, str)), None)
    return title


def _abstract(entry: dict[str, Any]) -> Any:
    for key in ("abstract", "summary", "description"):
        if isinstance(entry.get(key), str):
            return entry[key]
    index = entry.get("abstract_inverted_index")
    if isinstance(index, dict):  # OpenAlex: word -> positions
        places = [
            (place, str(word))
            for word, positions in index.items()
            if isinstance(positions, list)
            for place in positions
            if isinstance(place, int)
        ]
        return " ".join(word for _, word in sorted(places)) or None
    return None


def _authors(entry: dict[str, Any]) -> Any:
    value = entry.get("authors", entry.get("author", entry.get("authorships")))
    if isinstance(value, str):
        return [name for name in re.split(r",\s*|\s+and\s+", value) if name.strip()]
    if not isinstance(value, list):
        return value
    names = [_name(item) for item in value]
    return [name for name in names if name]


def _name(item: Any) -> str:
    if isinstance(item, str):
        return item
    if not isinstance(item, dict):
        return ""
    if isinstance(item.get("author"), dict):  # OpenAlex authorships
        item = item["author"]
    for key in ("name", "display_name", "literal"):
        if isinstance(item.get(key), str):
            return str(item[key])
    given, family = item.get("given"), item.get("family")  # CSL-JSON
    return " ".join(part for part in (given, family) if isinstance(part, str))


def _day(entry: dict[str, Any]) -> Any:
    for key in ("published", "publication_date", "publicationDate", "date", "publishedAt"):
        value = day(entry.get(key))
        if isinstance(value, str) and DAY.fullmatch(value):
            return value
    parts = (
        entry.get("issued", {}).get("date-parts") if isinstance(entry.get("issued"), dict) else None
    )
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and len(parts[0]) == 3:
        try:
            year, month, date = (int(p) for p in parts[0])
            return f"{year:04d}-{month:02d}-{date:02d}"
        except (TypeError, ValueError):
            return None
    return None


def _year(entry: dict[str, Any]) -> Any:
    year = entry.get("year", entry.get("publication_year"))
    parts = (
        entry.get("issued", {}).get("date-parts") if isinstance(entry.get("issued"), dict) else None
    )
    if (
        year is None
        and isinstance(parts, list)
        and parts
        and isinstance(parts[0], list)
        and parts[0]
    ):
        year = parts[0][0]
    return year if isinstance(year, (int, str)) and str(year).strip().isdigit() else None
