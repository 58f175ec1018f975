"""Gather time of a digest brought from other tools' files, at N papers.

    .venv/bin/python benchmarks/ingest.py 10000

Builds a content folder in a temporary directory: the shipped content, the four shared
corpora (../shared/corpora/), and JSON Lines records made from the tracker's papers (new
arXiv ids, so each is a paper of its own) up to N papers, a tenth of them repeated with a
version suffix (so they merge). Prints the papers read and merged and the seconds spent
reading, merging and in the whole of `gather`, as one JSON object.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
sys.path.insert(0, str(ROOT))

from generator.build import content_files, gather  # noqa: E402
from generator.read.dispatch import read_content  # noqa: E402
from generator.transform.dedupe import merge_duplicates  # noqa: E402


def make_content(folder: Path, papers: int) -> Path:
    content = folder / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("imported"))
    for corpus in sorted(CORPORA.glob("*.*")):
        if corpus.suffix in {".bib", ".xml", ".json"}:
            shutil.copy(corpus, content / corpus.name)
    tracker = json.loads((CORPORA / "arxiv_daily_2025-10_1399.json").read_text())["papers"]
    extra = max(0, papers - 1682)
    lines = []
    for n in range(extra):
        source = tracker[n % len(tracker)]
        record = {
            "title": f"{source['title']} ({n})",
            "abstract": f"{source['summary']} Variant {n}.",
            "authors": source["authors"],
            "arxiv": f"2601.{n:05d}",
        }
        lines.append(json.dumps(record))
        if n % 10 == 0:
            lines.append(json.dumps({**record, "arxiv": f"2601.{n:05d}v2"}))
    (content / "synthetic.jsonl").write_text("\n".join(lines) + "\n")
    return content


def main() -> None:
    papers = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as folder:
        content = make_content(Path(folder), papers)
        start = time.perf_counter()
        found = [read_content(p.read_text(), p.as_posix(), 2025) for p in content_files(content)]
        reading = time.perf_counter() - start
        start = time.perf_counter()
        digest = gather(content)
        gathering = time.perf_counter() - start
        start = time.perf_counter()
        merge_duplicates(list(digest.papers))
        merging = time.perf_counter() - start
    result = {
        "papers_read": digest.read,
        "pages": len(digest.papers),
        "files": len(found),
        "read_s": round(reading, 2),
        "merge_s": round(merging, 2),
        "gather_s": round(gathering, 2),
    }
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
