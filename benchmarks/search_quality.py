"""Search quality on the judged query set (tests/search/queries.yml), for every engine.

    .venv/bin/python benchmarks/search_quality.py [--engines terminal,lunr,shards]

Engines: `terminal` is `digest search` (the function the command calls, on the shipped
papers); `lunr` and `shards` type each query into the search box of the shipped site
(tests/fixtures/shipped/) built with Material's search and with our sharded index
(search_shards_above: 0, now the default), served over HTTP and read in headless Chromium. Prints a
Markdown table of hit@3 per kind and P@5 for the topics, then each engine's misses.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser.support import SHIPPED, build, launch, search, serve  # noqa: E402
from browser.support import find_browser as find_chromium  # noqa: E402
from playwright.sync_api import Page, sync_playwright  # noqa: E402
from search.judged import Engine, Scores, load, score, table  # noqa: E402

from generator.build import gather  # noqa: E402
from generator.search import terminal  # noqa: E402


def content_with(folder: Path, above: int | None) -> Path:
    """A copy of the shipped content, with search_shards_above set when given."""
    shutil.copytree(SHIPPED, folder)
    if above is not None:
        settings = folder / "settings.yml"
        text = settings.read_text(encoding="utf-8")
        settings.write_text(text + f"\nsearch_shards_above: {above}\n", encoding="utf-8")
    return folder


@contextmanager
def site_engines(work: Path, names: list[str]) -> Iterator[dict[str, Engine]]:
    """The search box of the shipped site built with each engine, in one Chromium."""
    aboves = {"lunr": 1_000_000, "shards": 0}
    with sync_playwright() as playwright, ExitStack() as stack:
        executable, where = find_chromium(playwright)
        if executable is None:
            raise SystemExit(where)
        browser = launch(playwright, executable)
        stack.callback(browser.close)
        engines: dict[str, Engine] = {}
        for name in names:
            content = content_with(work / name / "content", aboves[name])
            url = stack.enter_context(serve(build(content, work / name)))
            page = browser.new_page()
            page.set_default_timeout(30_000)
            page.goto(url + "index.html")
            engines[name] = functools.partial(slugs_found, page)
        yield engines


def slugs_found(page: Page, query: str) -> list[str]:
    return [hit.page.removesuffix(".html") for hit in search(page, query)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engines", default="terminal,lunr,shards")
    names = parser.parse_args().engines.split(",")
    papers = list(gather(SHIPPED).papers)
    judged = load(p.slug for p in papers)
    results: dict[str, Scores] = {}
    if "terminal" in names:
        results["digest search"] = score(
            judged, lambda q: [hit.slug for hit in terminal.search(papers, q, limit=10)]
        )
    sites = [name for name in names if name in {"lunr", "shards"}]
    with tempfile.TemporaryDirectory() as work, site_engines(Path(work), sites) as engines:
        for name, engine in engines.items():
            results[f"site, {name} (HTTP)"] = score(judged, engine)
    print(f"{len(judged)} judged queries\n")
    print(table(results))
    for name, scores in results.items():
        print(f"\n{name}: {len(scores.misses)} misses")
        for miss in scores.misses:
            print("  " + miss)


if __name__ == "__main__":
    main()
