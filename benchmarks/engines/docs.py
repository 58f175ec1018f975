"""A digest's papers as plain documents for the engine experiment (minisearch.js).

    .venv/bin/python benchmarks/engines/docs.py CONTENT OUT.json [QUERIES.json]

OUT.json: [{id, title, tags, abstract}, ...]; QUERIES.json, when given: the judged queries
(tests/search/queries.yml), for a content folder holding the shipped papers.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from search.judged import load  # noqa: E402

from generator.build import gather  # noqa: E402


def main(content: str, out: str, queries: str = "") -> None:
    papers = gather(Path(content)).papers
    docs = [
        {"id": p.slug, "title": p.title, "tags": " ".join(p.tag_names), "abstract": p.abstract}
        for p in papers
    ]
    Path(out).write_text(json.dumps(docs), encoding="utf-8")
    if queries:
        judged = load(p.slug for p in papers)
        Path(queries).write_text(json.dumps([j.query for j in judged]), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
