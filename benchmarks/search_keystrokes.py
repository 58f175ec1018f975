"""Keystroke time of the site's search at N papers, on the index alone (no MkDocs).

    .venv/bin/python benchmarks/search_keystrokes.py 100000 [--out /tmp/keystrokes]

A synthetic digest (benchmarks/synth.py) is read and tagged, its papers become search
documents as `digest search` makes them, and the site's search files (shards, docs, our
worker with its manifest) are written as the build writes them; then Node runs the worker
(benchmarks/keystrokes.js) while a reader types each phrase, one query per keystroke,
shards read from disk. Prints the index's figures and each keystroke's milliseconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from synth import synthesize  # noqa: E402

from generator.build import gather  # noqa: E402
from generator.search import shards  # noqa: E402
from generator.search.index import build_index  # noqa: E402
from generator.search.terminal import search_doc  # noqa: E402

WORKER = "assets/javascripts/workers/search.bench.min.js"
PHRASES = ["tokenization", "hallucnation detection", "pre-training data"]


def write_site(content: Path, site: Path) -> dict[str, float]:
    start = time.perf_counter()
    papers = gather(content).papers
    gathered = time.perf_counter()
    index = build_index([search_doc(p) for p in papers])
    indexed = time.perf_counter()
    files = shards.shards(index) | shards.doc_chunks(index.docs)
    files[WORKER] = shards.WORKER.read_text(encoding="utf-8") + "\n" + shards.manifest(index)
    files[shards.INDEX_JSON] = json.dumps({"config": {}, "docs": []})
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    sizes = [len(text.encode()) for name, text in files.items() if name.startswith("search/shards")]
    return {
        "papers": len(papers),
        "gather_s": round(gathered - start, 1),
        "index_s": round(indexed - gathered, 1),
        "shards": len(sizes),
        "shards_mb": round(sum(sizes) / 1e6, 1),
        "largest_shard_mb": round(max(sizes) / 1e6, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--out", type=Path, default=Path("/tmp/keystrokes"))
    args = parser.parse_args()
    content, site = args.out / "content", args.out / "site"
    if not content.exists():
        synthesize(args.count, content)
    figures = write_site(content, site)
    run = subprocess.run(
        ["node", str(ROOT / "benchmarks" / "keystrokes.js"), str(site), WORKER, *PHRASES],
        capture_output=True,
        text=True,
        check=True,
    )
    keystrokes = json.loads(run.stdout)["keystrokes"]
    times = [k["ms"] for k in keystrokes]
    figures |= {
        "keystroke_ms_median": statistics.median(times),
        "keystroke_ms_max": max(times),
        "keystroke_ms_p90": sorted(times)[int(len(times) * 0.9)],
    }
    print(json.dumps(figures, sort_keys=True))
    for k in keystrokes:
        print(
            f"{k['ms']:8.1f} ms  {k['results']:3} results  {k['files']:2} files "
            f"{k['bytes'] / 1e3:8.1f} kB  {k['query']!r}"
        )


if __name__ == "__main__":
    main()
