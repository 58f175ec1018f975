"""The pipeline, top to bottom: gather everything from content/, then write.

content/*  -> read -> join records -> clean -> merge duplicates -> tag -> slug
           -> render -> write docs/ -> mkdocs -> site/
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from generator.clean import arxiv_links, classify, clean_paper
from generator.discovery import LOCAL_SITE_URL, discover
from generator.markup import template_text
from generator.model import Location, Paper, Problem
from generator.publish import Publish, git_head, publish, site_url
from generator.read_dump import read_dump
from generator.read_records import ContentLoader, Record, read_records
from generator.render import render_site
from generator.settings import Settings, load_settings
from generator.shards import make_shards
from generator.tagging import TagRules, load_rules, tag_paper
from generator.write import write_tree

SETTINGS_FILE = "settings.yml"
TAGS_FILE = "tags.yml"
RECORD_SUFFIXES = (".yml", ".yaml", ".json")
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


def read_settings(content: Path, problems: list[Problem]) -> Settings:
    """The digest's settings.yml, adding what is wrong with it to problems."""
    settings, found = load_settings(
        _yaml(content / SETTINGS_FILE, problems), _name(content, SETTINGS_FILE)
    )
    problems += found
    return settings


def gather(content: Path) -> Digest:
    """Read, join, clean, merge, tag and slug every paper in a content folder."""
    problems: list[Problem] = []
    settings = read_settings(content, problems)
    rules, found = load_rules(_yaml(content / TAGS_FILE, problems), _name(content, TAGS_FILE))
    problems += found
    papers: list[Paper] = []
    records: list[Record] = []
    notes: list[str] = []
    for path in sorted(content.iterdir()):
        name = _name(content, path.name)
        if path.name in {SETTINGS_FILE, TAGS_FILE} or path.name.startswith("."):
            continue
        text = _read(path, problems)
        if text is None:
            continue
        if path.suffix == ".txt":
            read, found = read_dump(text, name, settings.year)
            papers += read
        elif path.suffix in RECORD_SUFFIXES:
            recs, found = read_records(text, name)
            records += recs
        else:
            notes.append(f"{name}: skipped (not .txt, .yml, .yaml or .json)")
            continue
        problems += found
    papers += [_paper(r) for r in records if r.abstract]
    papers, found = join(papers, [r for r in records if not r.abstract])
    problems += found
    papers = [clean_paper(p) for p in papers]
    count = len(papers)
    papers, merged = merge_duplicates(papers)
    papers = [tag_paper(p, rules) for p in papers]
    papers, renamed = assign_slugs(papers)
    return Digest(
        tuple(papers), tuple(problems), tuple(notes + merged + renamed), settings, rules, count
    )


def generate(content: Path, docs_dir: Path, env: Mapping[str, str] | None = None) -> Digest:
    """Gather the content and write its Markdown pages, feeds and data files into docs_dir.

    env (os.environ by default) gives the site's address for the feeds' absolute links; without
    one they link to LOCAL_SITE_URL (see generator/discovery.py).
    """
    digest = gather(content)
    address = site_url(os.environ if env is None else env)
    extras, files = discover(
        digest.papers, digest.settings, digest.rules, address or LOCAL_SITE_URL
    )
    pages = render_site(list(digest.papers), digest.settings, digest.rules, extras)
    write_tree(pages + files, docs_dir)  # every file or an error: no path is written twice
    return replace(digest, pages_written=sum(path.startswith("papers/") for path, _ in pages))


def build_site(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    settings: Settings,
    strict: bool = False,
    env: Mapping[str, str] | None = None,
) -> None:
    """Run MkDocs into a temporary folder, then swap it in: a failed build keeps the old site.

    env (os.environ by default) says where the site is published: see generator/publish.py.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    options, published = mkdocs_options(config_file, docs_dir, settings, strict, env)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))
    try:
        config = load_config(str(config_file), site_dir=str(staging), **options)
        config.extra["build"] = published.stamp.as_extra()
        build(config)
        make_shards(staging, settings.search_shards_above)
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def mkdocs_options(
    config_file: Path,
    docs_dir: Path,
    settings: Settings,
    strict: bool = False,
    env: Mapping[str, str] | None = None,
) -> tuple[dict[str, Any], Publish]:
    """MkDocs config overrides for this digest, shared by `digest build` and `digest serve`.

    env (os.environ by default) says where the site is published: see generator/publish.py.
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


def _paper(record: Record) -> Paper:
    paper = Paper(title=record.title, abstract=record.abstract, source=record.where)
    return _complete(paper, record)


def _complete(paper: Paper, record: Record) -> Paper:
    """The paper with what the record knows and the paper does not."""
    links = arxiv_links(record.arxiv) + ((classify(record.url),) if record.url else ())
    return replace(
        paper,
        authors=paper.authors or record.authors,
        authors_complete=record.authors_complete if not paper.authors else paper.authors_complete,
        date=paper.date or record.date,
        submitted=paper.submitted or record.submitted,
        arxiv=paper.arxiv or record.arxiv,
        url=paper.url or record.url,
        links=tuple(dict.fromkeys(paper.links + links)),
        given_tags=tuple(dict.fromkeys(paper.given_tags + record.tags)),
    )


def title_key(title: str) -> str:
    return " ".join(title.casefold().split())


def join(papers: list[Paper], patches: list[Record]) -> tuple[list[Paper], list[Problem]]:
    """Apply title-and-metadata records to the papers of the same title."""
    by_title: dict[str, list[int]] = defaultdict(list)
    for index, paper in enumerate(papers):
        by_title[title_key(paper.title)].append(index)
    problems = []
    for record in patches:
        targets = by_title.get(title_key(record.title), [])
        if not targets:
            problems.append(
                Problem(
                    record.where,
                    f"record {record.title!r:.80} has no abstract "
                    "and no paper has this title; add 'abstract' or fix the title",
                )
            )
        for index in targets:
            papers[index] = _complete(papers[index], record)
    return papers, problems


def merge_duplicates(papers: list[Paper]) -> tuple[list[Paper], list[str]]:
    """One paper for each (title, abstract); the first keeps its place, the rest complete it."""
    first: dict[tuple[str, str], int] = {}
    kept: list[Paper] = []
    notes = []
    for paper in papers:
        key = (title_key(paper.title), " ".join(paper.abstract.split()))
        if key in first:
            index = first[key]
            notes.append(
                f"{paper.source}: same paper as {kept[index].source}; merged into one page"
            )
            kept[index] = _merge(kept[index], paper)
        else:
            first[key] = len(kept)
            kept.append(paper)
    return kept, notes


def _merge(paper: Paper, other: Paper) -> Paper:
    record = Record(
        other.source,
        other.title,
        authors=other.authors,
        authors_complete=other.authors_complete,
        date=other.date,
        submitted=other.submitted,
        arxiv=other.arxiv,
        url=other.url,
        tags=other.given_tags,
    )
    merged = _complete(paper, record)
    return replace(merged, links=tuple(dict.fromkeys(merged.links + other.links)))


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


def _yaml(path: Path, problems: list[Problem]) -> Any:
    if not path.is_file():
        return None
    text = _read(path, problems)
    try:
        return yaml.load(text or "", Loader=ContentLoader)  # a safe loader
    except RecursionError:
        problems.append(Problem(Location(path.as_posix()), "is nested too deeply to read"))
        return None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problems.append(
            Problem(
                Location(path.as_posix(), mark.line + 1 if mark else 0),
                f"is not valid YAML: {getattr(error, 'problem', error)}",
            )
        )
        return None
