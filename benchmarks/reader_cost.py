"""What the reader tools and the search filters cost the generator at N papers, without
building the site: render_site with and without the reader tools' markup (the paper
page's data- attributes, the list entries' day, the "new since" line), and the search
filters' facets files, on a synthetic digest (benchmarks/synth.py).

    .venv/bin/python benchmarks/reader_cost.py 100000 [--runs 3]

Related papers are left out (discovery gets none): they cost the same either way.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from synth import synthesize  # noqa: E402

from generator.build import gather  # noqa: E402
from generator.discover.facts import LOCAL_SITE_URL, discover  # noqa: E402
from generator.render import pages, paper  # noqa: E402
from generator.search import facets  # noqa: E402
from generator.search.index import paper_doc  # noqa: E402


def best(runs: int, work: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("papers", type=int)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        synthesize(args.papers, Path(folder) / "content")
        digest = gather(Path(folder) / "content")
    known = discover(digest.papers, digest.settings, digest.rules, LOCAL_SITE_URL, {})
    print(f"{len(digest.papers)} papers, {len(known.tags)} tags, {len(known.days)} days")

    with_tools, rendered = best(args.runs, lambda: pages.render_site(known, digest.settings))
    with (
        mock.patch.object(pages, "entry_tools", lambda _paper: ""),
        mock.patch.object(pages, "NEW_SINCE", ""),
        mock.patch.object(paper, "paper_tools", lambda _paper, _known: ""),
    ):
        without, bare = best(args.runs, lambda: pages.render_site(known, digest.settings))
    size = sum(len(text) for _, text in rendered)  # type: ignore[attr-defined]
    bare_size = sum(len(text) for _, text in bare)  # type: ignore[attr-defined]
    print(
        f"render_site: {with_tools:.2f} s with the reader tools' markup, {without:.2f} s "
        f"without: +{with_tools - without:.2f} s, +{(size - bare_size) / 1e6:.1f} MB of Markdown "
        f"({size / 1e6:.0f} MB in all)"
    )

    docs = sorted((paper_doc(p) for p in digest.papers), key=lambda doc: doc.location)
    took, files = best(args.runs, lambda: facets.files(docs))
    sizes = ", ".join(f"{name} {len(text) / 1e6:.2f} MB" for name, text in files.items())  # type: ignore[attr-defined]
    print(f"search filters' facets: {took:.2f} s ({sizes})")


if __name__ == "__main__":
    main()
