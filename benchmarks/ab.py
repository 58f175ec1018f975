"""A/B: the whole `digest build` of one digest by an earlier revision and by the work tree,
alternating, in one run on one machine (timings here are noisy: compare in one run).

    .venv/bin/python benchmarks/ab.py REV --papers 10000 --rounds 3

Makes the synthetic digest with benchmarks/synth.py, checks REV out into a temporary git
worktree, then builds with each in turn (build date, commit and address fixed, CI=true so
no progress bars) and prints each build's own step times and the medians.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXED = {
    "SOURCE_DATE_EPOCH": "1741651200",
    "GITHUB_SHA": "0" * 40,
    "DIGEST_SITE_URL": "https://example.org/digest/",
    "CI": "true",
}
STEP = re.compile(r"generator ([\d.]+) s, MkDocs ([\d.]+) s")


def build(tree: Path, content: Path, out: Path) -> tuple[float, float, float]:
    """(wall seconds, generator seconds, MkDocs seconds) of one build by the code in tree."""
    env = {**os.environ, **FIXED, "PYTHONPATH": str(tree)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--content", str(content),
         "--docs-dir", str(out / "docs"), "--site-dir", str(out / "site"),
         "--config", str(tree / "mkdocs.yml")],
        cwd=tree, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    wall = time.perf_counter() - start
    steps = STEP.search(done.stderr)
    assert steps, done.stderr
    return wall, float(steps.group(1)), float(steps.group(2))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev")
    parser.add_argument("--papers", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        content = work / "content"
        synth = [sys.executable, str(ROOT / "benchmarks" / "synth.py"), str(args.papers)]
        subprocess.run([*synth, str(content)], check=True, capture_output=True)
        old = work / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old),
                        args.rev], check=True)  # fmt: skip
        if (ROOT / "node_modules").is_dir():
            (old / "node_modules").symlink_to(ROOT / "node_modules")
        times: dict[str, list[tuple[float, float, float]]] = {args.rev: [], "work tree": []}
        try:
            for round_ in range(1, args.rounds + 1):
                for name, tree in ((args.rev, old), ("work tree", ROOT)):
                    wall, generator, mkdocs = build(tree, content, work / "out")
                    times[name].append((wall, generator, mkdocs))
                    print(f"round {round_} {name}: build {wall:.1f} s (generator "
                          f"{generator:.1f} s, MkDocs {mkdocs:.1f} s)", flush=True)  # fmt: skip
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)],
                           check=False)  # fmt: skip
    for name, rows in times.items():
        medians = [statistics.median(column) for column in zip(*rows, strict=True)]
        print(f"median {name}: build {medians[0]:.1f} s (generator {medians[1]:.1f} s, "
              f"MkDocs {medians[2]:.1f} s)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
