"""The pipeline, top to bottom: gather everything from content/, then write.

content/*  -> read -> join records -> clean -> merge duplicates -> tag -> slug
           -> render -> write docs/ -> mkdocs -> site/
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from generator.common.background import Background
from generator.common.progress import MkDocsProgress, steps
from generator.common.schema import Lines, no_lines
from generator.discover.discovery import LOCAL_SITE_URL, discover
from generator.model import Location, Paper, Problem, preview
from generator.read.dispatch import SUFFIXES, read_content
from generator.read.records import Record
from generator.read.settings import Settings, load_settings
from generator.read.yaml_lines import NodeLines, parse_yaml
from generator.render.markup import template_text
from generator.render.pages import render_site, with_extras
from generator.search.shards import make_shards
from generator.site.offline import make_offline
from generator.site.plugins import LeanBuild
from generator.site.publish import Publish, git_head, publish, site_url
from generator.site.writer import write_tree
from generator.transform.clean import clean_paper
from generator.transform.dedupe import combine, merge_duplicates, paper_of, title_key
from generator.transform.tag_rules import TagRules, load_rules
from generator.transform.tagging import tag_all

SETTINGS_FILE = "settings.yml"
TAGS_FILE = "tags.yml"
SLUG_LENGTH = 80


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


def read_settings(content: Path, problems: list[Problem]) -> Settings:
    """The digest's settings.yml, adding what is wrong with it to problems."""
    data, lines = _yaml(content / SETTINGS_FILE, problems)
    settings, found = load_settings(data, _name(content, SETTINGS_FILE), lines)
    problems += found
    return settings


def gather(content: Path) -> Digest:
    """Read, join, clean, merge, tag and slug every paper in a content folder."""
    problems: list[Problem] = []
    settings = read_settings(content, problems)
    data, lines = _yaml(content / TAGS_FILE, problems)
    rules, found = load_rules(data, _name(content, TAGS_FILE), lines)
    problems += found
    papers: list[Paper] = []
    records: list[Record] = []
    notes: list[str] = []
    for path in content_files(content):
        name = _name(content, path.relative_to(content).as_posix())
        text = _read(path, problems)
        read = None if text is None else read_content(text, name, settings.year)
        if read is None:
            if text is not None:
                notes.append(f"{name}: skipped (not {', '.join(SUFFIXES)})")
            continue
        papers += read.papers
        records += read.records
        problems += read.problems
        notes += read.notes
    papers += [paper_of(r) for r in records if r.abstract]
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


def content_files(content: Path) -> list[Path]:
    """The files to read, in order of their path: sub-folders too (content/imported/), not
    hidden ones, and not the settings and tag rules."""
    found = [
        path
        for path in content.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(content).parts)
        and path.relative_to(content).as_posix() not in {SETTINGS_FILE, TAGS_FILE}
    ]
    return sorted(found, key=lambda path: path.relative_to(content).as_posix())


def generate(content: Path, docs_dir: Path, env: Mapping[str, str] | None = None) -> Digest:
    """Gather the content and write its Markdown pages, feeds and data files into docs_dir.

    env (os.environ by default) gives the site's address for the feeds' absolute links; without
    one they link to LOCAL_SITE_URL (see generator/discover/discovery.py).
    """
    digest = gather(content)
    address = site_url(os.environ if env is None else env) or LOCAL_SITE_URL
    # Discovery in a forked process while the pages render here: both only read the papers.
    found = Background(lambda: discover(digest.papers, digest.settings, digest.rules, address))
    pages = render_site(list(digest.papers), digest.settings, digest.rules)
    extras, files = found.result()
    pages = with_extras(pages, extras)
    del extras, found  # in the pages now; at 100k papers, a third of a gigabyte
    written = write_tree(pages + files, docs_dir)  # every file or an error, each path once
    return replace(
        digest,
        pages_written=sum(path.startswith("papers/") for path, _ in pages),
        changed=written.changed + written.removed,
    )


def build_site(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    settings: Settings,
    strict: bool = False,
    env: Mapping[str, str] | None = None,
) -> dict[str, float]:
    """Run MkDocs into a temporary folder, then swap it in: a failed build keeps the old site.

    env (os.environ by default) says where the site is published: see generator/site/publish.py.
    Returns the seconds each step took.
    """
    from mkdocs.config import load_config

    options, published = mkdocs_options(config_file, docs_dir, settings, strict, env)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))
    seconds: dict[str, float] = {}
    try:
        with timed(seconds, "MkDocs"):
            config = load_config(str(config_file), site_dir=str(staging), **options)
            _mkdocs(config, published)
            del config
        with timed(seconds, "search shards"):
            make_shards(staging, settings.search_shards_above)
        with timed(seconds, "offline files"):
            make_offline(staging, config_file.resolve().parent, settings.title)
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return seconds


@contextmanager
def timed(seconds: dict[str, float], step: str) -> Iterator[None]:
    """Add the block's wall-clock seconds to seconds[step]."""
    start = time.perf_counter()
    try:
        yield
    finally:
        seconds[step] = seconds.get(step, 0.0) + time.perf_counter() - start


def _mkdocs(config: Any, published: Publish) -> None:
    """MkDocs' build, with our plugins. Its config holds the search plugin's whole index:
    build_site drops it before make_shards reads the index back (a large digest's peak)."""
    from mkdocs.commands.build import build

    config.extra["build"] = published.stamp.as_extra()
    config.plugins["digest-progress"] = MkDocsProgress()
    config.plugins["digest-lean"] = LeanBuild()
    build(config)


def mkdocs_options(
    config_file: Path,
    docs_dir: Path,
    settings: Settings,
    strict: bool = False,
    env: Mapping[str, str] | None = None,
) -> tuple[dict[str, Any], Publish]:
    """MkDocs config overrides for this digest, shared by `digest build` and `digest serve`.

    env (os.environ by default) says where the site is published: see generator/site/publish.py.
    """
    env = os.environ if env is None else env
    published = publish(
        settings.repo_url, env, datetime.now(UTC), git_head(config_file.resolve().parent)
    )
    options = {
        "docs_dir": str(docs_dir.resolve()),
        "strict": strict or published.strict,
        "site_name": template_text(settings.title),
        "site_description": template_text(settings.description),
        **published.overrides(),
    }
    return options, published


def _swap(new: Path, site_dir: Path) -> None:
    """Put the new site in place of the old one; if that fails, the old one stays."""
    old = site_dir.with_name(f".{site_dir.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        os.replace(site_dir, old)
    try:
        os.replace(new, site_dir)
    except OSError:
        if old.exists():
            os.replace(old, site_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def join(
    papers: list[Paper], patches: list[Record]
) -> tuple[list[Paper], list[Problem], list[str]]:
    """Apply title-and-metadata records to the papers of the same title.

    A hand-written record that completes no paper is a problem; an entry of another tool's
    file (a BibTeX entry with no abstract) is a note.
    """
    by_title: dict[str, list[int]] = defaultdict(list)
    for index, paper in enumerate(papers):
        by_title[title_key(paper.title)].append(index)
    problems, notes = [], []
    for record in patches:
        targets = by_title.get(title_key(record.title), [])
        if not targets and record.hand_written:
            problems.append(
                Problem(
                    record.where,
                    f"record {record.title!r:.80} has no abstract "
                    "and no paper has this title; add 'abstract' or fix the title",
                )
            )
        elif not targets:
            notes.append(
                f"{record.where}: no abstract; skipped {preview(record.title)} "
                "(a page needs an abstract)"
            )
        abstracts = {" ".join(papers[index].abstract.split()) for index in targets}
        if len(abstracts) > 1 and (record.arxiv or record.doi):
            # Different papers share this title: an id is one paper's, and would merge them.
            notes.append(
                f"{record.where}: {len(abstracts)} different papers have the title "
                f"{preview(record.title)}; the record's arXiv id and DOI are not used (add the "
                "abstract to the record to say which paper it is)"
            )
            record = replace(record, arxiv="", doi="")
        for index in targets:
            papers[index] = combine(papers[index], paper_of(record))
    return papers, problems, notes


def assign_slugs(papers: list[Paper]) -> tuple[list[Paper], list[str]]:
    """A unique, stable slug per paper; later papers with a taken slug get -2, -3, ..."""
    taken: dict[str, Paper] = {}
    result, notes = [], []
    for paper in papers:
        base = slugify(paper.title, max_length=SLUG_LENGTH, word_boundary=True) or "paper"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base[: SLUG_LENGTH - len(str(number)) - 1]}-{number}"
        if slug != base:
            notes.append(
                f"{paper.source}: slug {base!r} is taken by {taken[base].source}; "
                f"this paper's page is papers/{slug}"
            )
        taken[slug] = paper
        result.append(replace(paper, slug=slug))
    return result, notes


def _name(content: Path, name: str) -> str:
    return (content / name).as_posix()


def _read(path: Path, problems: list[Problem]) -> str | None:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        problems.append(
            Problem(Location(path.as_posix(), line), "is not UTF-8 text; save the file as UTF-8")
        )
    except OSError as error:
        problems.append(Problem(Location(path.as_posix()), f"cannot be read: {error.strerror}"))
    return None


def _yaml(path: Path, problems: list[Problem]) -> tuple[Any, Lines]:
    """A YAML file's value and the lines of its parts; (None, no lines) when it is missing
    or cannot be read, adding why to problems."""
    if not path.is_file():
        return None, no_lines
    text = _read(path, problems)
    try:
        data, node = parse_yaml(text or "")  # a safe loader
        return data, no_lines if node is None else NodeLines(node)
    except RecursionError:
        problems.append(Problem(Location(path.as_posix()), "is nested too deeply to read"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problems.append(
            Problem(
                Location(path.as_posix(), mark.line + 1 if mark else 0),
                f"is not valid YAML: {getattr(error, 'problem', error)}",
            )
        )
    return None, no_lines
