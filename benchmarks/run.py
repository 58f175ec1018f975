"""Measure the build and the site at N papers: the numbers in benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/run.py 1000 10000 [--browser] [--floor] [--out benchmarks/out]

For each N: a synthetic digest (benchmarks/synth.py), the generator's own stages timed
in-process, then as separate processes with their peak memory (GNU time): the full
`digest build`, and the plain peer, the reference every figure is reported against
(Lean pages issue): the plainest Material site over the same papers, one Markdown page
per paper with its title, its tags (the digest's own, up to 4) and its abstract, built by
one `mkdocs build`. Then both sites' sizes and largest files, our search index size, and,
with --browser, the time from page load to the first search result over HTTP and from
file:// in headless Chromium, with the bytes the page loaded. With --floor, also the old
anchor: a bare `mkdocs build` of our own generated Markdown. Prints one JSON object per N
and appends it to OUT/results.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from synth import PER_DAY, synthesize  # noqa: E402

from generator.build import gather, generate, offline_zip  # noqa: E402
from generator.discover.facts import discover  # noqa: E402
from generator.discover.files import data_files  # noqa: E402
from generator.discover.related import related  # noqa: E402
from generator.model import Paper  # noqa: E402
from generator.read.page_copy import DATE_LINE  # noqa: E402
from generator.render.pages import render_site  # noqa: E402
from generator.site.writer import write_tree  # noqa: E402

BIN = Path(sys.executable).parent
ONE_MORE_TITLE = "One More Paper: Tokenization for Speech Agents at Scale"
ONE_MORE_ABSTRACT = (
    "We add one paper to a large digest. It studies tokenization for speech agents, "
    "evaluates them on a new benchmark, and releases code and models."
)


SAMPLE_S = 1.0  # seconds between two samples of a build's memory


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Wall seconds, peak memory (MB) and standard error of a command. The memory is the
    peak of the whole process tree's proportional set size (PSS, sampled every second from
    /proc: reading a big process's smaps_rollup holds its memory map's lock, so sampling
    more often slows the build it measures). Forked workers share their parent's pages, so
    the largest single process (GNU time's %M) would understate it and a sum of resident
    sizes would count shared pages twice. Never below the largest single process's peak
    (GNU time), which is also taken."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as errors:
        process = subprocess.Popen(
            ["/usr/bin/time", "-f", "%M", *command], stderr=errors, text=True, env=env, cwd=ROOT
        )
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_pss_kb(process.pid))
            time.sleep(SAMPLE_S)
        elapsed = time.perf_counter() - start
        errors.seek(0)
        stderr = errors.read()
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr[-3000:]}")
    peak = max(peak, int(stderr.strip().splitlines()[-1]))
    return round(elapsed, 2), round(peak / 1024), stderr


def tree_pss_kb(root: int) -> int:
    """The summed PSS (kB) of a process and its descendants now."""
    children: dict[int, list[int]] = {}
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(status.parent.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next(
            (int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0
        )
    return total


def size_mb(folder: Path) -> float:
    total = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    return round(total / 1e6, 1)


def stages(content: Path, docs: Path) -> tuple[dict[str, float], list[Paper]]:
    """Seconds of each of the generator's own stages, as generator.build.generate runs
    them, in this process; then the cost of adding one paper to the same digest. Also
    the gathered papers (slugged and tagged), for the plain peer."""
    clock = [time.perf_counter()]

    def lap() -> float:
        clock.append(time.perf_counter())
        return round(clock[-1] - clock[-2], 2)

    digest = gather(content)
    papers = list(digest.papers)
    figures = {"gather": lap()}
    zip_name = offline_zip(digest.settings, len(papers))
    similar = related(digest.papers)
    known = discover(
        digest.papers, digest.settings, digest.rules, "https://x.test/", similar, zip_name
    )
    files = data_files(known)
    figures["discover"] = lap()
    pages = render_site(known, digest.settings)
    figures["render"] = lap()
    write_tree(pages + files, docs)
    figures["write"] = lap()
    figures["generator"] = round(clock[-1] - clock[0], 2)
    figures["files"] = len(pages) + len(files)
    # One more paper, on the newest day: how long a rebuild's generator takes, and how
    # many Markdown files it rewrites (the rest keep their bytes and timestamps).
    dump = content / "trending.txt"
    original = dump.read_text()
    lines = original.split("\n")
    first_date = next(i for i, line in enumerate(lines) if DATE_LINE.match(line))
    lines[first_date + 2 : first_date + 2] = [ONE_MORE_TITLE, "", ONE_MORE_ABSTRACT, ""]
    dump.write_text("\n".join(lines))
    try:
        start = time.perf_counter()
        digest = generate(content, docs, env={"DIGEST_SITE_URL": "https://x.test/"})
        figures["add_one_s"] = round(time.perf_counter() - start, 2)
        figures["add_one_rewrites"] = len(digest.changed)
    finally:
        dump.write_text(original)
    return figures, papers


PEER_TAGS = 4


def write_peer(papers: list[Paper], peer: Path) -> Path:
    """The plain peer (Lean pages issue), exactly: one papers/<slug>.md per paper holding
    front matter (title, up to 4 tags: the digest's own, so the peer is not handicapped)
    then `# Title` and the abstract; index.md holding the tags plugin's listing marker;
    mkdocs.yml with Material's defaults, search and tags, papers out of the nav."""
    if peer.exists():
        shutil.rmtree(peer)
    (peer / "docs" / "papers").mkdir(parents=True)
    for paper in papers:
        front = {"title": paper.title, "tags": list(paper.tag_names[:PEER_TAGS])}
        head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
        text = f"---\n{head}---\n\n# {paper.title}\n\n{paper.abstract}\n"
        (peer / "docs" / "papers" / f"{paper.slug}.md").write_text(text)
    (peer / "docs" / "index.md").write_text("# Papers\n\n<!-- material/tags -->\n")
    config = peer / "mkdocs.yml"
    config.write_text(
        "site_name: Peer\n"
        "theme: material\n"
        "plugins: [search, tags]\n"
        "nav: [Home: index.md]\n"
        "not_in_nav: /papers/*\n"
    )
    return config


def largest(folder: Path) -> tuple[str, float]:
    """The biggest file under folder: its path there and its size in MB."""
    biggest = max((f for f in folder.rglob("*") if f.is_file()), key=lambda f: f.stat().st_size)
    return str(biggest.relative_to(folder)), round(biggest.stat().st_size / 1e6, 2)


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


def build_steps(said: str) -> dict[str, float]:
    """digest build's own account of its steps: "Site built in site/ in 139.2 s (generator
    21.5 s, MkDocs 110.3 s, ...)"."""
    steps = re.search(r"Site built in .* \((.*)\)", said)
    if not steps:
        return {}
    return {
        step.strip(): float(took) for step, took in re.findall(r"([\w ]+?) ([\d.]+) s", steps[1])
    }


def digest_build(content: Path, docs: Path, site: Path, cache: Path) -> list[str]:
    shutil.rmtree(docs, ignore_errors=True)
    return [
        str(BIN / "digest"),
        "build",
        "--content",
        str(content),
        "--docs-dir",
        str(docs),
        "--site-dir",
        str(site),
        "--config",
        str(ROOT / "mkdocs.yml"),
        "--cache",
        str(cache),
    ]


def measure(
    count: int, out: Path, browser: bool, floor: bool = False, stages_too: bool = True
) -> dict[str, Any]:
    work = out / str(count)
    content = work / "content"
    synthesize(count, content)
    result: dict[str, Any] = {
        "papers": count,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
    }
    if stages_too:
        result["stages"], papers = stages(content, work / "docs-stages")
    else:
        papers = list(gather(content).papers)
    peer_config = write_peer(papers, work / "peer")
    del papers
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(work / "docs", ignore_errors=True)
    # A full build from nothing: no docs/, an empty page cache (which it fills).
    result["build_s"], result["build_peak_mb"], said = timed(
        digest_build(content, work / "docs", work / "site", cache)
    )
    result["build_steps"] = build_steps(said)
    result["peer_s"], result["peer_peak_mb"], _ = timed(
        [str(BIN / "mkdocs"), "build", "-q", "-f", str(peer_config)]
    )
    result["build_over_peer"] = round(result["build_s"] / result["peer_s"], 2)
    # The daily rebuild: one more day (PER_DAY papers) and the cache the full build left, as
    # the Pages workflow restores it; docs/ is not kept between runs, so it starts empty.
    synthesize(count + PER_DAY, work / "content-daily")
    result["daily_s"], result["daily_peak_mb"], said = timed(
        digest_build(work / "content-daily", work / "docs-daily", work / "site-daily", cache)
    )
    result["daily_steps"] = build_steps(said)
    result["daily_over_build"] = round(result["daily_s"] / result["build_s"], 3)
    shutil.rmtree(work / "docs-daily", ignore_errors=True)
    shutil.rmtree(work / "site-daily", ignore_errors=True)
    if floor:
        result["floor_s"], result["floor_peak_mb"], _ = timed(
            [str(BIN / "mkdocs"), "build", "-q", "-f", str(floor_config(work))]
        )
        result["build_over_floor"] = round(result["build_s"] / result["floor_s"], 2)
        result["generator_share"] = round(result["stages"]["generator"] / result["floor_s"], 2)
    site = work / "site"
    result["site_mb"] = size_mb(site)
    result["site_parts_mb"] = {
        part.name: size_mb(part) if part.is_dir() else round(part.stat().st_size / 1e6, 1)
        for part in sorted(site.iterdir())
        if not part.is_dir() or size_mb(part) >= 1
    }
    result["search_mb"] = size_mb(site / "search")
    result["largest_file"], result["largest_mb"] = largest(site)
    result["peer_site_mb"] = size_mb(work / "peer" / "site")
    result["peer_largest_file"], result["peer_largest_mb"] = largest(work / "peer" / "site")
    if browser:
        result["search"] = browser_figures(site, "tokenization")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="+", type=int)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument("--browser", action="store_true")
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also the old anchor: a bare mkdocs build of our own Markdown (100k: 20 min)",
    )
    parser.add_argument(
        "--no-stages",
        action="store_true",
        help="skip the in-process generator stages (at 100k: 8 minutes before the builds)",
    )
    args = parser.parse_args()
    for count in args.counts:
        result = measure(count, args.out, args.browser, args.floor, not args.no_stages)
        line = json.dumps(result, sort_keys=True)
        print(line, flush=True)
        with (args.out / "results.jsonl").open("a") as stream:
            stream.write(line + "\n")


if __name__ == "__main__":
    main()
