"""Search at N papers, with Material's lunr search and with the sharded engine.

    .venv/bin/python benchmarks/search_speed.py 1000 10000 [--runs 3] [--engines lunr,shards]

For each N: a synthetic digest (benchmarks/synth.py) built twice, once with lunr
(search_shards_above above N) and once with generator/search/shards.py (search_shards_above: 0).
For each site: build seconds, site size, the search files' size, and in headless Chromium
the seconds from the load event to the first search result, over HTTP and from file://,
with the bytes loaded (best and median of --runs fresh page loads). Prints one JSON
object per site and appends it to OUT/search.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "tests")]

from browser.support import BROWSER_ARGS, find_browser, serve  # noqa: E402
from playwright.sync_api import Browser, sync_playwright  # noqa: E402
from synth import synthesize  # noqa: E402

from generator.build import build_site, generate  # noqa: E402

QUERY = "tokenization"


def size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def build(content: Path, work: Path, above: int) -> tuple[Path, float]:
    start = time.perf_counter()
    digest = generate(content, work / "docs")
    settings = replace(digest.settings, search_shards_above=above)
    build_site(ROOT / "mkdocs.yml", work / "docs", work / "site", settings, zip_name="")
    return work / "site", round(time.perf_counter() - start, 1)


# Typed in the page itself, so that the time is the site's and not the test driver's:
# the query goes into the box right away, as a reader typing at once after the load.
TYPE_AND_WAIT = """async query => {
    const loaded = performance.getEntriesByType("navigation")[0].loadEventEnd
    const box = document.querySelector(".md-search__input")
    box.focus()
    box.value = query
    box.dispatchEvent(new KeyboardEvent("keyup", {key: "End", bubbles: true}))
    await new Promise(resolve => {
        const done = () => document.querySelector(".md-search-result__item")
        if (done()) return resolve()
        new MutationObserver((_, observer) => {
            if (done()) { observer.disconnect(); resolve() }
        }).observe(document.body, {childList: true, subtree: true})
    })
    return performance.now() - loaded
}"""


def first_result(browser: Browser, url: str) -> tuple[float, int]:
    """Seconds from the load event to the first result for QUERY, and bytes loaded."""
    context = browser.new_context()
    context.set_default_timeout(180_000)
    loaded: list[int] = []
    context.on("requestfinished", lambda r: loaded.append(r.sizes()["responseBodySize"]))
    page = context.new_page()
    page.goto(url, wait_until="load")
    seconds = page.evaluate(TYPE_AND_WAIT, QUERY) / 1000
    page.wait_for_timeout(300)  # let the last requests finish for the byte count
    context.close()
    return round(seconds, 2), sum(loaded)


def browser_figures(site: Path, runs: int) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    with sync_playwright() as playwright:
        executable, where = find_browser(playwright)
        if executable is None:
            return {"browser": where}
        browser = playwright.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
        with serve(site) as base:
            ways = (("http", base + "index.html"), ("file", (site / "index.html").as_uri()))
            for name, url in ways:
                samples = [first_result(browser, url) for _ in range(runs)]
                seconds = [s for s, _ in samples]
                figures[name] = {
                    "first_result_s": seconds,
                    "best_s": min(seconds),
                    "median_s": statistics.median(seconds),
                    "bytes": samples[-1][1],
                }
        browser.close()
    return figures


def measure(count: int, out: Path, runs: int, engines: list[str]) -> list[dict[str, Any]]:
    content = out / str(count) / "content"
    synthesize(count, content)
    results = []
    for engine, above in (("lunr", count + 1), ("shards", 0)):
        if engine not in engines:
            continue
        site, seconds = build(content, out / str(count) / engine, above)
        search = site / "search"
        result = {
            "papers": count,
            "engine": engine,
            "build_s": seconds,
            "site_mb": round(size(site) / 1e6, 1),
            "search_files_mb": round(size(search) / 1e6, 2),
            "page_load_index_kb": round(size(search / "search_index.json") / 1e3, 1),
            "search": browser_figures(site, runs),
            "load_average": [round(n, 1) for n in os.getloadavg()],  # a shared machine
        }
        print(json.dumps(result, sort_keys=True), flush=True)
        results.append(result)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="+", type=int)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("/tmp/search-bench"))
    parser.add_argument("--engines", default="lunr,shards", help="lunr, shards or both")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for count in args.counts:
        for result in measure(count, args.out, args.runs, args.engines.split(",")):
            with (args.out / "search.jsonl").open("a") as stream:
                stream.write(json.dumps(result, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
