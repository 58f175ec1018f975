"""The files that grow with the number of papers, from the generator alone (no MkDocs).

papers.json and its (gzip-compressed) parts, the BibTeX files, tag pages (Markdown) and the
feeds: the largest of them and their total, for a synthetic digest of N papers
(benchmarks/synth.py); sizes are bytes on disk.

    .venv/bin/python benchmarks/large_files.py 10000 100000
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synth import synthesize  # noqa: E402
from generator.build import gather  # noqa: E402
from generator.discover.facts import discover  # noqa: E402
from generator.discover.files import data_files  # noqa: E402
from generator.discover.related import related  # noqa: E402
from generator.render.pages import render_site  # noqa: E402

SITE = "https://alice.github.io/paper-digest/"  # a typical GitHub Pages address
GROUPS = {
    "papers.json": re.compile(r"papers(-\d+\.json\.gz|\.json)"),  # parts gzip-compressed
    "papers.bib": re.compile(r"papers(-\d+)?\.bib"),
    "tags/*.bib": re.compile(r"tags/.*\.bib"),
    "tags/*.md": re.compile(r"tags/.*\.md"),
    "feeds": re.compile(r"(tags/.*|feed)\.(xml|json)"),
}


def measure(count: int) -> None:
    work = Path(f"/tmp/large-files-{count}")
    if not (work / "trending.txt").exists():
        synthesize(count, work)
    start = time.perf_counter()
    digest = gather(work)
    known = discover(digest.papers, digest.settings, digest.rules, SITE, related(digest.papers))
    files = data_files(known) + render_site(known, digest.settings)
    seconds = time.perf_counter() - start
    # Bytes on disk: a part of papers.json is gzip bytes already.
    sizes = {path: len(c.encode() if isinstance(c, str) else c) for path, c in files}
    print(f"## {count:,} papers (generator {seconds:.0f} s)")
    print("| files | count | total | largest |")
    print("|---|---:|---:|---|")
    for name, pattern in GROUPS.items():
        chosen = {path: size for path, size in sizes.items() if pattern.fullmatch(path)}
        top = max(chosen, key=lambda path: chosen[path])
        total = sum(chosen.values()) / 1e6
        print(f"| {name} | {len(chosen):,} | {total:.1f} MB | {chosen[top] / 1e6:.2f} MB `{top}` |")
    top = max(sizes, key=lambda path: sizes[path])
    print(f"\nLargest generated file: `{top}`, {sizes[top] / 1e6:.2f} MB\n")


if __name__ == "__main__":
    for number in sys.argv[1:]:
        measure(int(number))
