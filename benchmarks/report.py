"""The tables of benchmarks/RESULTS.md, from the JSON lines benchmarks/run.py appends.

    .venv/bin/python benchmarks/report.py [benchmarks/out/results.jsonl]

The newest line of each size wins. Prints Markdown: ours against the plain peer (the
reference, Lean pages issue), the build against the old floor where it was measured,
where a build's time goes, where the site's bytes go, and search.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def newest(path: Path) -> list[dict[str, Any]]:
    runs: dict[int, dict[str, Any]] = {}
    for line in path.read_text().splitlines():
        if line.strip():
            run = json.loads(line)
            runs[run["papers"]] = run
    return [runs[size] for size in sorted(runs)]


def cell(value: Any, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}{unit}"
    return f"{value:,}{unit}"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---:|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def peer_table(runs: list[dict[str, Any]]) -> str:
    rows = []
    for run in runs:
        if "peer_s" not in run:
            continue
        rows.append(
            [
                cell(run["papers"]),
                f"{cell(run['build_s'], ' s')} / {cell(run['peer_s'], ' s')}",
                cell(run["build_over_peer"], "", 2),
                f"{cell(run['build_peak_mb'])} / {cell(run['peer_peak_mb'])} MB",
                cell(run["build_peak_mb"] / run["peer_peak_mb"], "", 2),
                f"{cell(run['site_mb'], ' MB')} / {cell(run['peer_site_mb'], ' MB')}",
                cell(run["site_mb"] / run["peer_site_mb"], "", 2),
                f"{cell(run['largest_mb'], ' MB', 2)} (`{run['largest_file']}`) / "
                f"{cell(run['peer_largest_mb'], ' MB', 2)} (`{run['peer_largest_file']}`)",
            ]
        )
    header = ["papers", "build ours / peer", "ratio", "peak memory ours / peer", "ratio"]
    header += ["site ours / peer", "ratio", "largest file ours / peer"]
    return table(header, rows)


def daily_table(runs: list[dict[str, Any]]) -> str:
    """The daily rebuild: one more day of papers, the page cache the full build left."""
    rows = [
        [
            cell(run["papers"]),
            cell(run["build_s"], " s"),
            cell(run["daily_s"], " s"),
            cell(run["daily_over_build"] * 100, " %"),
            cell(run["daily_peak_mb"], " MB", 0),
        ]
        for run in runs
        if "daily_s" in run
    ]
    header = ["papers", "full build", "rebuild with one more day", "share", "peak memory"]
    return table(header, rows)


def build_table(runs: list[dict[str, Any]]) -> str:
    rows = []
    for run in runs:
        steps = run.get("build_steps", {})
        generator = steps.get("generator", run.get("stages", {}).get("generator"))
        floor = run.get("floor_s")
        rows.append(
            [
                cell(run["papers"]),
                cell(run["build_s"], " s"),
                cell(floor, " s"),
                cell(run.get("build_over_floor"), "", 2),
                cell(generator, " s"),
                cell(generator / floor * 100 if floor and generator else None, " %", 0),
                cell(steps.get("MkDocs"), " s"),
                cell(steps.get("search shards", steps.get("search stub")), " s"),
                cell(steps.get("offline files"), " s"),
                f"{cell(run['build_peak_mb'])} / {cell(run.get('floor_peak_mb'))} MB",
            ]
        )
    header = ["papers", "build", "floor", "build / floor", "generator", "generator / floor"]
    header += ["MkDocs", "search shards (stub)", "offline files", "peak memory build / floor"]
    return table(header, rows)


def stage_table(runs: list[dict[str, Any]]) -> str:
    rows = []
    for run in runs:
        if "stages" not in run:
            continue
        stage = run["stages"]
        rows.append(
            [cell(run["papers"])]
            + [cell(stage[name], " s", 2) for name in ("gather", "discover", "render", "write")]
            + [cell(stage["files"]), cell(stage["add_one_s"], " s", 2)]
            + [cell(stage["add_one_rewrites"])]
        )
    header = ["papers", "gather", "discover", "render", "write", "Markdown files"]
    header += ["add one paper: generator", "files it rewrites"]
    return table(header, rows)


def size_table(runs: list[dict[str, Any]]) -> str:
    parts = ["papers", "tags", "days", "search", "papers.json", "assets"]
    rows = []
    for run in runs:
        site = dict(run["site_parts_mb"])
        json_parts = [name for name in site if re.fullmatch(r"papers(-\d+)?\.json", name)]
        site["papers.json"] = round(sum(site.pop(name) for name in json_parts), 1)
        listed = sum(site.get(part, 0.0) for part in parts)
        rows.append(
            [cell(run["papers"]), cell(run["site_mb"], " MB")]
            + [cell(site.get(part), " MB") for part in parts]
            + [cell(site.get(bundle), " MB") for bundle in site if bundle.endswith(".zip")]
            + ([] if any(b.endswith(".zip") for b in site) else ["—"])
            + [cell(round(run["site_mb"] - listed - _zip(site), 1), " MB")]
        )
    header = ["papers", "site", "papers/", "tags/", "days/", "search/", "papers.json"]
    header += ["assets/", "offline zip", "the rest"]
    return table(header, rows)


def _zip(site: dict[str, float]) -> float:
    return sum(size for name, size in site.items() if name.endswith(".zip"))


def search_table(runs: list[dict[str, Any]]) -> str:
    rows = []
    for run in runs:
        found = run.get("search", {})
        http, disk = found.get("http", {}), found.get("file", {})
        rows.append(
            [
                cell(run["papers"]),
                cell(run["search_mb"], " MB"),
                cell(http.get("first_result_s"), " s", 2),
                cell(disk.get("first_result_s"), " s", 2),
                cell(round(http["bytes"] / 1e6, 2) if http else None, " MB", 2),
            ]
        )
    header = ["papers", "search files", "first result, HTTP", "first result, file://"]
    header += ["loaded for it"]
    return table(header, rows)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "benchmarks/out/results.jsonl"
    runs = newest(path)
    for title, render in (
        ("Against the plain peer", peer_table),
        ("Daily rebuild", daily_table),
        ("Build", build_table),
        ("Generator stages (in-process)", stage_table),
        ("Site", size_table),
        ("Search", search_table),
    ):
        print(f"### {title}\n\n{render(runs)}\n")


if __name__ == "__main__":
    main()
