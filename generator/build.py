"""The pipeline, top to bottom: gather everything from content/, work out what the digest
knows, render, write, then MkDocs and the steps after it.

    content/* -> read -> join -> clean -> merge duplicates -> tag -> slug    (gather)
              -> discover -> render + data files + search index -> write docs/ (generate)
              -> MkDocs -> search stub, offline files -> site/               (build_site)
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from generator.common.background import Background
from generator.common.progress import steps
from generator.discover.facts import LOCAL_SITE_URL, discover
from generator.discover.files import data_files
from generator.discover.related import related
from generator.model import GeneratedFile, Paper, Problem
from generator.read.dispatch import read_folder
from generator.read.files import SETTINGS_FILE, TAGS_FILE, name_of, read_yaml
from generator.read.settings import Settings, load_settings
from generator.render.pages import render_lists, render_papers
from generator.search.shards import filter_files, finish_search, material_worker, search_files
from generator.site import mkdocs
from generator.site.offline import bundle_name, offline_files
from generator.site.publish import site_url
from generator.site.writer import Put, add_files, put_files, write_tree
from generator.transform.clean import clean_paper
from generator.transform.dedupe import merge_duplicates, paper_of
from generator.transform.join import join
from generator.transform.slugs import assign_slugs
from generator.transform.tag_rules import TagRules, load_rules
from generator.transform.tagging import tag_all


@dataclass(frozen=True)
class Digest:
    """Everything gathered from content/: the papers ready to render, and the report."""

    papers: tuple[Paper, ...]
    problems: tuple[Problem, ...]
    notes: tuple[str, ...]
    settings: Settings
    rules: TagRules
    read: int  # papers read before duplicates were merged
    pages_written: int | None = None  # paper pages written into docs/; None before writing
    changed: tuple[str, ...] = ()  # docs/ files whose bytes that writing changed or removed
    offline_zip: str = ""  # the offline zip the home page links to; "" when none


def read_settings(content: Path, problems: list[Problem]) -> Settings:
    """The digest's settings.yml, adding what is wrong with it to problems."""
    data, lines = read_yaml(content / SETTINGS_FILE, problems)
    settings, found = load_settings(data, name_of(content, SETTINGS_FILE), lines)
    problems += found
    return settings


def gather(content: Path) -> Digest:
    """Read, join, clean, merge, tag and slug every paper in a content folder."""
    problems: list[Problem] = []
    settings = read_settings(content, problems)
    tags_data, lines = read_yaml(content / TAGS_FILE, problems)
    rules, rule_problems = load_rules(tags_data, name_of(content, TAGS_FILE), lines)
    problems += rule_problems
    found = read_folder(content, settings.year, problems)
    records, notes = found.records, found.notes
    papers = found.papers + [paper_of(r) for r in records if r.abstract]
    papers, found_problems, found_notes = join(papers, [r for r in records if not r.abstract])
    problems += found_problems
    notes += found_notes
    papers = [clean_paper(p) for p in papers]
    count = len(papers)
    papers, merged = merge_duplicates(papers)
    papers = tag_all(papers, rules, lambda chunks, n: steps(chunks, "Tagging", n, "chunk"))
    papers, renamed = assign_slugs(papers)
    return Digest(
        tuple(papers), tuple(problems), tuple(notes + merged + renamed), settings, rules, count
    )


def generate(content: Path, docs_dir: Path, env: Mapping[str, str] | None = None) -> Digest:
    """Gather the content and write its Markdown pages, feeds and data files into docs_dir.

    env (os.environ by default) gives the site's address for the feeds' absolute links; without
    one they link to LOCAL_SITE_URL (see generator/discover/facts.py).
    """
    digest = gather(content)
    address = site_url(os.environ if env is None else env) or LOCAL_SITE_URL
    # In forked processes, meanwhile: related papers, and the search index, written to
    # docs_dir there (put_files: not sent back).
    similar = Background(lambda: related(digest.papers))
    search = Background(lambda: put_files(_search(digest), docs_dir))
    zip_name = offline_zip(digest.settings, len(digest.papers))
    found = discover(digest.papers, digest.settings, digest.rules, address, {}, zip_name)
    lists = render_lists(found, digest.settings)  # needs no related papers
    known = replace(found, related=similar.result())
    # Feeds and data files, written while the papers render.
    files = Background(lambda: put_files(data_files(known), docs_dir))

    # Every file, each path once: the paper pages rendered and written one at a time, then
    # what the forked steps wrote, waited for only then.
    def generated() -> Iterator[GeneratedFile | Put]:
        yield from lists
        yield from render_papers(known, digest.settings)
        yield files.result()
        yield search.result()

    written = write_tree(generated(), docs_dir)
    return replace(
        digest,
        pages_written=len(digest.papers),
        changed=written.changed + written.removed,
        offline_zip=zip_name,
    )


def _search(digest: Digest) -> list[GeneratedFile]:
    """Our search's files (search/shards.py), unless the settings keep Material's search:
    then only the search filters' files."""
    if len(digest.papers) <= digest.settings.search_shards_above:
        return sorted(filter_files(digest.papers).items())
    return sorted(search_files(digest.papers, material_worker()).items())


def offline_zip(settings: Settings, papers: int) -> str:
    """The offline zip's name, or "" when the digest is too large for one."""
    return bundle_name(settings.title) if papers <= settings.offline_zip_up_to else ""


def build_site(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    settings: Settings,
    zip_name: str,
    strict: bool = False,
    env: Mapping[str, str] | None = None,
    cache: Path | None = None,
) -> dict[str, float]:
    """MkDocs, then the search stub and the offline files (zip_name: Digest.offline_zip),
    into site_dir; returns the seconds of each step. cache: rendered paper pages kept
    between builds (site/paper_pages.py), or None. A failed build keeps the old site
    (generator/site/mkdocs.py). Takes no papers: at 100k they are gigabytes MkDocs can use."""
    root = config_file.resolve().parent

    def search_stub(site: Path) -> None:
        files, removing = finish_search(site)
        add_files(site, files.items(), removing)

    after = {
        "search stub": search_stub,
        "offline files": lambda site: offline_files(site, root, zip_name),
    }
    return mkdocs.build_site(config_file, docs_dir, site_dir, settings, after, strict, env, cache)
