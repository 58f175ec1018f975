"""papers.json: every paper with its tags, links and metadata, for reuse.

Pure. The format is described by schemas/papers.schema.json (tests validate against it);
keys are sorted, papers keep the digest's order and tags the home page's. Written compact
(no indentation or spaces).

Up to `limit` bytes (parts.PART_BYTES) papers.json holds every paper under `papers`. Above,
it holds the same digest fields but `parts` instead of `papers`: the address and paper
count of each part, papers-1.json.gz, papers-2.json.gz, ..., each a JSON document of at
most `limit` bytes, holding `papers` of its own, gzip-compressed (JSON compresses about 4
times: the site's size counts against GitHub Pages' 1 GB). The index stays plain JSON.
Reading the parts in order gives the papers in the digest's order.

Compressed deterministically (level 6: level 9 is 40 % slower for 0.3 % fewer bytes; no
time in the header): the same papers give the same bytes, build after build.
"""

from __future__ import annotations

import gzip
import json

from generator.discover.facts import Facts
from generator.discover.parts import PART_BYTES, pack, part_path
from generator.model import GeneratedFile, Paper

FORMAT_VERSION = 1
PATH = "papers.json"


def paper_record(paper: Paper, facts: Facts) -> dict[str, object]:
    return {
        "slug": paper.slug,
        "url": facts.paper_url(paper),
        "title": paper.title,
        "abstract": paper.abstract,
        "authors": list(paper.authors),
        "authors_complete": paper.authors_complete,
        "date": paper.date.isoformat() if paper.date else None,
        "submitted": paper.submitted.isoformat() if paper.submitted else None,
        "arxiv": paper.arxiv or None,
        "links": [{"kind": ln.kind, "label": ln.label, "url": ln.url} for ln in paper.links],
        "tags": [
            {"name": tagging.tag, "reason": tagging.reason, "url": facts.tag_url(tagging.tag)}
            for tagging in paper.tags
        ],
        "citation_key": facts.cite_keys[paper.slug],
        "related": list(facts.related.get(paper.slug, ())),
    }


def tag_record(name: str, description: str, count: int, facts: Facts) -> dict[str, object]:
    return {
        "name": name,
        "description": description,
        "papers": count,
        "url": facts.tag_url(name),
        "feeds": {"atom": facts.tag_url(name, "xml"), "json": facts.tag_url(name, "json")},
        "bibtex": facts.tag_url(name, "bib"),
    }


def digest_record(facts: Facts) -> dict[str, object]:
    """Everything but the papers."""
    site = facts.site_url
    return {
        "format_version": FORMAT_VERSION,
        "title": facts.title,
        "description": facts.description,
        "url": site,
        "feeds": {"atom": f"{site}feed.xml", "json": f"{site}feed.json"},
        "bibtex": f"{site}papers.bib",
        "tags": [tag_record(tag.name, tag.description, tag.count, facts) for tag in facts.tags],
    }


def dump(data: object) -> str:
    # Compact: the standard library only writes JSON at C speed without indentation.
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def compress(text: str) -> bytes:
    """A part's gzip bytes: the same text gives the same bytes (mtime 0)."""
    return gzip.compress(text.encode(), compresslevel=6, mtime=0)


def papers_json(facts: Facts, limit: int = PART_BYTES) -> list[GeneratedFile]:
    """papers.json, whole up to limit bytes; above, papers.json naming its parts, then the
    parts, gzip-compressed (limit counts a part's JSON text, before compression). Each paper
    is written once, and the parts are put together from those texts."""
    head = digest_record(facts)
    records = [dump(paper_record(paper, facts)) for paper in facts.papers]
    sizes = [len(record.encode()) + 1 for record in records]  # and its comma
    whole = dump({**head, "papers": []}) + "\n"
    if len(whole.encode()) + sum(sizes) - 1 <= limit:
        # The only '"papers":[]' in the text is the key's: quotes in values are escaped.
        return [(PATH, whole.replace('"papers":[]', f'"papers":[{",".join(records)}]', 1))]
    index_url = facts.site_url + PATH
    part: dict[str, object] = {"format_version": FORMAT_VERSION, "index": index_url}
    wrapper = dump({**part, "number": 0, "papers": []})
    runs = pack(sizes, limit, len(wrapper.encode()) + 4)  # room for the part's number
    parts: list[GeneratedFile] = []
    for number, run in enumerate(runs, 1):
        part["number"] = number
        # "papers" sorts after the other keys, so the part's JSON ends with it.
        papers = ",".join(records[i] for i in run)
        text = f'{dump(part)[:-1]},"papers":[{papers}]}}\n'
        parts.append((part_path(PATH, number) + ".gz", compress(text)))
    head["parts"] = [
        {"url": facts.site_url + path, "papers": len(run)}
        for (path, _), run in zip(parts, runs, strict=True)
    ]
    return [(PATH, dump(head) + "\n"), *parts]
