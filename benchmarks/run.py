"""Measure the build and the site at N papers: the numbers in benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/run.py 1000 10000 [--browser] [--out benchmarks/out]

For each N: a synthetic digest (benchmarks/synth.py), the generator's own stages timed
in-process, the full `digest build` and a bare `mkdocs build` of the same generated
Markdown (the floor) as separate processes with their peak memory (GNU time), the site's
size and search index size, and, with --browser, the time from page load to the first
search result over HTTP and from file:// in headless Chromium, with the bytes the page
loaded. Prints one JSON object per N and appends it to OUT/results.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from synth import synthesize  # noqa: E402

from generator.build import gather  # noqa: E402
from generator.render import render_site  # noqa: E402
from generator.write import write_tree  # noqa: E402

BIN = Path(sys.executable).parent


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak resident memory (MB) of a command, via GNU time."""
    start = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=ROOT,
    )
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    peak_kb = int(result.stderr.strip().splitlines()[-1])
    return round(elapsed, 2), round(peak_kb / 1024)


def size_mb(folder: Path) -> float:
    total = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    return round(total / 1e6, 1)


def stages(content: Path, docs: Path) -> dict[str, float]:
    """Seconds of each of the generator's own stages, in this process."""
    start = time.perf_counter()
    digest = gather(content)
    gathered = time.perf_counter()
    pages = render_site(list(digest.papers), digest.settings, digest.rules)
    rendered = time.perf_counter()
    write_tree(pages, docs)
    written = time.perf_counter()
    return {
        "gather": round(gathered - start, 2),
        "render": round(rendered - gathered, 2),
        "write": round(written - rendered, 2),
        "generator": round(written - start, 2),
    }


def floor_config(work: Path) -> Path:
    """A config inheriting mkdocs.yml with docs_dir/site_dir pointing into work/."""
    config = work / "floor.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {work / 'docs'}\nsite_dir: {work / 'floor-site'}\n"
        f"theme:\n  custom_dir: {ROOT / 'overrides'}\n"
        "site_name: Floor\n"
    )
    return config


def browser_figures(site: Path, query: str) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "tests"))
    from browser.support import BROWSER_ARGS, find_browser, serve  # type: ignore[import-not-found]
    from playwright.sync_api import sync_playwright

    figures: dict[str, Any] = {}
    with sync_playwright() as playwright:
        executable, _ = find_browser(playwright)
        if executable is None:
            return {"browser": "none found"}
        browser = playwright.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
        with serve(site) as base:
            for name, url in (
                ("http", base + "index.html"),
                ("file", (site / "index.html").as_uri()),
            ):
                figures[name] = first_result(browser, url, query)
        browser.close()
    return figures


def first_result(browser: Any, url: str, query: str) -> dict[str, Any]:
    """Seconds from the load event to the first result for `query`, and bytes loaded."""
    context = browser.new_context()
    loaded: list[int] = []
    page = context.new_page()
    page.on("requestfinished", lambda r: loaded.append(r.sizes()["responseBodySize"]))
    page.goto(url, wait_until="load")
    start = page.evaluate("performance.now()")
    box = page.locator(".md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material reads the box on key-up
    page.wait_for_selector(".md-search-result__item", timeout=120_000)
    end = page.evaluate("performance.now()")
    context.close()
    return {"first_result_s": round((end - start) / 1000, 2), "bytes": sum(loaded)}


def measure(count: int, out: Path, browser: bool) -> dict[str, Any]:
    work = out / str(count)
    content = work / "content"
    synthesize(count, content)
    result: dict[str, Any] = {
        "papers": count,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
    }
    result["stages"] = stages(content, work / "docs-stages")
    result["build_s"], result["build_peak_mb"] = timed(
        [
            str(BIN / "digest"),
            "build",
            "--content",
            str(content),
            "--docs-dir",
            str(work / "docs"),
            "--site-dir",
            str(work / "site"),
            "--config",
            str(ROOT / "mkdocs.yml"),
        ]
    )
    result["floor_s"], result["floor_peak_mb"] = timed(
        [str(BIN / "mkdocs"), "build", "-q", "-f", str(floor_config(work))]
    )
    result["build_over_floor"] = round(result["build_s"] / result["floor_s"], 2)
    result["generator_share"] = round(result["stages"]["generator"] / result["floor_s"], 2)
    site = work / "site"
    result["site_mb"] = size_mb(site)
    result["search_index_mb"] = round(
        (site / "search" / "search_index.json").stat().st_size / 1e6, 1
    )
    if browser:
        result["search"] = browser_figures(site, "tokenization")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="+", type=int)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument("--browser", action="store_true")
    args = parser.parse_args()
    for count in args.counts:
        result = measure(count, args.out, args.browser)
        line = json.dumps(result, sort_keys=True)
        print(line, flush=True)
        with (args.out / "results.jsonl").open("a") as stream:
            stream.write(line + "\n")


if __name__ == "__main__":
    main()
