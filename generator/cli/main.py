"""The `digest` command: build, check, search and serve a paper digest."""

from __future__ import annotations

import difflib
import logging
import os
import sys
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import click

from generator.build import build_site, gather, generate
from generator.cli import preview
from generator.cli.import_command import content_option, import_group
from generator.cli.report import count, report
from generator.discover.facts import NO_SITE_URL, tag_facts
from generator.model import Paper
from generator.search.facets import Filter
from generator.search.terminal import answer
from generator.site.mkdocs import timed
from generator.site.publish import site_url

CONTENT = content_option("Folder holding the dumps, records, tags.yml and settings.yml.")
DOCS = click.option(
    "--docs-dir",
    default="docs",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Where the generated Markdown goes (build output).",
)
CONFIG = click.option(
    "--config",
    "config_file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="The MkDocs configuration.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Turn pasted trending-papers pages into a tagged, searchable static site."""


@cli.command()
@CONTENT
@DOCS
@CONFIG
@click.option(
    "--site-dir",
    default="site",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Where the site goes.",
)
@click.option(
    "--strict", is_flag=True, help="Fail, keeping the old site, if the input has problems."
)
@click.option(
    "--cache",
    "cache",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(".cache/pages"),
    show_default=True,
    help="Rendered paper pages kept for the next build; safe to delete.",
)
@click.option("--no-cache", "no_cache", is_flag=True, help="Keep no rendered pages.")
def build(
    content: Path,
    docs_dir: Path,
    config_file: Path,
    site_dir: Path,
    strict: bool,
    cache: Path,
    no_cache: bool,
) -> None:
    """Generate the Markdown pages and build the site."""
    seconds: dict[str, float] = {}
    with timed(seconds, "generator"):
        digest = generate(content, docs_dir)
    report(digest)
    if site_url(os.environ) is None:
        click.echo(f"note: {NO_SITE_URL}", err=True)
    if strict and digest.problems:
        raise click.ClickException(
            f"{count(len(digest.problems), 'problem')} in the input (--strict); "
            "the site was not rebuilt"
        )
    settings, zip_name = digest.settings, digest.offline_zip
    del digest  # the papers: MkDocs needs only the Markdown, and the memory, at 100k papers
    seconds |= build_site(
        config_file,
        docs_dir,
        site_dir,
        settings,
        zip_name,
        strict=strict,
        cache=None if no_cache else cache,
    )
    steps = ", ".join(f"{step} {took:.1f} s" for step, took in seconds.items())
    click.echo(f"Site built in {site_dir}/ in {sum(seconds.values()):.1f} s ({steps})", err=True)


@cli.command()
@CONTENT
def check(content: Path) -> None:
    """Validate the input and list every problem (exit 1 if there are any)."""
    digest = gather(content)
    report(digest)
    if digest.problems:
        sys.exit(1)


DAY = click.DateTime(["%Y-%m-%d"])


@cli.command("search")
@CONTENT
@click.option("--limit", default=10, show_default=True, help="How many results to show.")
@click.option(
    "--tag",
    "tags",
    multiple=True,
    metavar="TAG",
    help="Only papers with this tag (repeat: any of them).",
)
@click.option("--since", type=DAY, help="Only papers of digest days from this one (YYYY-MM-DD).")
@click.option("--until", type=DAY, help="Only papers of digest days up to this one (YYYY-MM-DD).")
@click.argument("query", nargs=-1, required=True)
def search_command(
    content: Path,
    limit: int,
    tags: tuple[str, ...],
    since: datetime | None,
    until: datetime | None,
    query: tuple[str, ...],
) -> None:
    """Search the digest's papers from the terminal, as the site's search box does, with
    its filters: tags and a range of digest days."""
    digest = gather(content)
    within = Filter(
        tags=known_tags(digest.papers, tags),
        since=since.date().isoformat() if since else "",
        until=until.date().isoformat() if until else "",
    )
    found = answer(list(digest.papers), " ".join(query), limit, within)
    if not found.hits:
        click.echo("No papers match.", err=True)
        sys.exit(1)
    if found.corrected:
        click.echo(f"Showing results for {found.corrected}", err=True)
    for hit in found.hits:
        click.echo(f"{hit.score:6.2f}  {hit.title}  (papers/{hit.slug}.md)")


def known_tags(papers: Iterable[Paper], asked: tuple[str, ...]) -> tuple[str, ...]:
    """The tags asked for, as the digest spells them (case aside); a usage error names an
    unknown one and the digest's tags."""
    names = {name.casefold(): name for paper in papers for name in paper.tag_names}
    unknown = [tag for tag in asked if tag.casefold() not in names]
    if unknown:
        raise click.BadParameter(
            f"no tag {unknown[0]!r} in the digest; its tags: {', '.join(sorted(names.values()))}",
            param_hint="'--tag'",
        )
    return tuple(names[tag.casefold()] for tag in asked)


@cli.command("tags")
@CONTENT
@click.option(
    "--explain",
    "slug",
    metavar="SLUG",
    help="Show why the paper papers/SLUG got each of its tags.",
)
def tags_command(content: Path, slug: str | None) -> None:
    """List the tags with their paper counts, or explain one paper's tags."""
    digest = gather(content)
    if slug is None:
        for tag in tag_facts(digest.papers, digest.rules):
            about = tag.description
            click.echo(f"{tag.count:5}  {tag.name}" + (f": {about}" if about else ""))
        return
    wanted = slug.removeprefix("papers/").removesuffix(".md").removesuffix(".html")
    paper = next((p for p in digest.papers if p.slug == wanted), None)
    if paper is None:
        slugs = [p.slug for p in digest.papers]
        close = [s for s in slugs if wanted in s][:3] or difflib.get_close_matches(
            wanted, slugs, n=3
        )
        hint = (
            f"; did you mean {', '.join(close)}?" if close else "; see the papers/ folder of docs/"
        )
        raise click.BadParameter(f"no paper has the slug {wanted!r}{hint}", param_hint="--explain")
    click.echo(explain(paper, digest.rules.min_score), nl=False)


@cli.command()
@CONTENT
@DOCS
@CONFIG
@click.option(
    "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on."
)
def serve(content: Path, docs_dir: Path, config_file: Path, dev_addr: str) -> None:
    """Preview the site, rebuilding when content/ changes."""
    preview.serve(content, docs_dir, config_file, dev_addr)


cli.add_command(import_group)


def explain(paper: Paper, min_score: int) -> str:
    """Plain-text lines: the paper, then one line per tag with its reason, then one per rule
    that an exclude phrase stopped."""
    lines = [f"papers/{paper.slug}: {paper.title}"]
    lines += [f"  {t.tag}: {t.reason}" for t in paper.tags]
    lines += [f"  not {t.tag}: {t.reason}" for t in paper.stopped]
    if not paper.tags and not paper.stopped:
        lines.append(f"  no tags: no rule scored {min_score} or more, and none given by hand")
    return "\n".join(lines) + "\n"


def main() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    cli(prog_name="digest")
