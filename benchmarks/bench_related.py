"""Time and peak memory of related papers (generator/discover/related.py) on synthetic digests.

Each size runs in a fresh process. Papers are made deterministically by recombining the
shipped papers' title halves and abstract sentences, so words and lengths are realistic.

    .venv/bin/python benchmarks/bench_related.py 1000 10000        # the sizes to run
    .venv/bin/python benchmarks/bench_related.py --one 10000       # one size, this process

Reports wall-clock and CPU seconds (the machine may be busy: CPU time is the steadier
figure) and peak memory: the growth of the process's maximum resident set while
related() runs, and, from a second untimed run, the peak of the allocations tracemalloc
sees (numpy and scipy arrays included).
"""

from __future__ import annotations

import random
import re
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import assign_slugs  # noqa: E402
from generator.discover.related import related  # noqa: E402
from generator.model import Location, Paper  # noqa: E402
from generator.read.page_copy import read_dump  # noqa: E402
from generator.transform.clean import clean_paper  # noqa: E402


def synthetic(count: int, seed: int = 1) -> list[Paper]:
    """`count` papers recombined from the shipped page copy, with unique slugs."""
    text = (ROOT / "content" / "trending.txt").read_text()
    shipped = [clean_paper(p) for p in read_dump(text, "trending.txt", 2025)[0]]
    heads = [" ".join(p.title.partition(": ")[0].split()[:3]) for p in shipped]
    tails = [p.title.partition(": ")[2] or p.title for p in shipped]
    sentences = [s for p in shipped for s in re.split(r"(?<=[.!?]) (?=[A-Z])", p.abstract)]
    rng = random.Random(seed)
    papers = [
        Paper(
            title=f"{rng.choice(heads)}-{number}: {rng.choice(tails)}",
            abstract=" ".join(rng.sample(sentences, rng.randint(5, 10))),
            source=Location("synthetic.txt", number + 1),
        )
        for number in range(count)
    ]
    return assign_slugs(papers)[0]


def measure(count: int) -> str:
    papers = synthetic(count)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    found = related(papers)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    tracemalloc.start()  # a second run: tracing slows it down, so it is not timed
    related(papers)
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    listed = sum(len(slugs) for slugs in found.values())
    return (
        f"{count:>7} papers  {wall:6.2f} s wall  {cpu:6.2f} s CPU  "
        f"peak RSS +{grown / 1024:5.0f} MiB  traced peak {traced / 2**20:5.0f} MiB  "
        f"({listed} related links)"
    )


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        print(measure(int(argv[1])), flush=True)
        return
    for size in argv or ["1000", "10000"]:
        subprocess.run([sys.executable, __file__, "--one", size], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
