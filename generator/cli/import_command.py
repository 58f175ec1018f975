"""`digest import ...`: fetch papers into content/imported/ (see generator/fetch/importer.py).

Tests pass `obj={"fetch": ..., "sleep": ..., "today": ...}` to the command to run on recorded
responses, without waiting and on a fixed day; `digest` itself uses the network and the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from generator.build import gather, read_settings
from generator.fetch.client import Client, FetchError, urllib_fetch
from generator.fetch.importer import Batch, ImportFailure, fetch_arxiv, fetch_hf_daily, write_new
from generator.read.settings import MAX_ARXIV_RESULTS, Settings

ARXIV_INTERVAL = 3.0  # seconds between requests, as the arXiv API's terms of use ask
HF_INTERVAL = 1.0
F = TypeVar("F", bound=Callable[..., Any])


def content_option(help: str) -> Callable[[F], F]:
    """The --content option of every command that reads or writes the content folder."""
    return click.option(
        "--content",
        "content",
        default="content",
        show_default=True,
        type=click.Path(file_okay=False, exists=True, path_type=Path),
        help=help,
    )


CONTENT = content_option("The content folder; papers go into its imported/ folder.")


@click.group("import")
def import_group() -> None:
    """Fetch papers from arXiv or Hugging Face into content/imported/ as records."""


@import_group.command("arxiv")
@CONTENT
@click.option(
    "--max",
    "limit",
    type=click.IntRange(1, MAX_ARXIV_RESULTS),
    help="How many of the newest papers of a search (default: arxiv_max_results, 50).",
)
@click.argument("terms", nargs=-1)
@click.pass_context
def arxiv(ctx: click.Context, content: Path, limit: int | None, terms: tuple[str, ...]) -> None:
    """Import papers from the arXiv API: a search such as 'cat:cs.CL AND abs:speech', or
    arXiv ids (2401.00001 2312.11514). With neither, the arxiv_query of settings.yml."""
    settings = _settings(content)
    terms = terms or ((settings.arxiv_query,) if settings.arxiv_query else ())
    if not terms:
        raise click.UsageError("give a search or arXiv ids, or set arxiv_query in settings.yml")
    batch = _arxiv(ctx, content, terms, limit or settings.arxiv_max_results)
    _finish(content, [batch])


@import_group.command("hf-daily")
@CONTENT
@click.argument("day", required=False, type=click.DateTime(formats=["%Y-%m-%d"]))
@click.pass_context
def hf_daily(ctx: click.Context, content: Path, day: dt.datetime | None) -> None:
    """Import the Hugging Face daily papers of DAY (2025-03-11; by default yesterday, UTC)."""
    _finish(content, [_hf(ctx, content, day.date() if day else _today(ctx) - dt.timedelta(1))])


@import_group.command("configured")
@CONTENT
@click.pass_context
def configured(ctx: click.Context, content: Path) -> None:
    """Run the imports set in settings.yml (arxiv_query, hf_daily): what the daily workflow
    runs. Every source is tried; if one fails, the command fails after the others."""
    settings = _settings(content)
    runs: list[Callable[[], Batch]] = []
    if settings.arxiv_query:
        query = (settings.arxiv_query,)
        runs.append(lambda: _arxiv(ctx, content, query, settings.arxiv_max_results))
    if settings.hf_daily:
        runs.append(lambda: _hf(ctx, content, _today(ctx) - dt.timedelta(1)))
    if not runs:
        click.echo("Nothing to import: set arxiv_query or hf_daily in settings.yml.", err=True)
        return
    batches, failures = [], []
    for run in runs:
        try:
            batches.append(run())
        except click.ClickException as error:
            click.echo(f"error: {error.message}", err=True)
            failures.append(error.message)
    _finish(content, batches)
    if failures:
        raise click.ClickException(f"{len(failures)} of {len(runs)} imports failed (see above)")


def _arxiv(ctx: click.Context, content: Path, terms: tuple[str, ...], limit: int) -> Batch:
    client = _client(ctx, ARXIV_INTERVAL)
    day = _today(ctx)
    records, notes = _fetching(lambda: fetch_arxiv(client, terms, limit, day))
    source = f"arXiv {' '.join(terms)!r}"
    heading = f"{day}: {len(records)} papers from the arXiv API for {' '.join(terms)!r}"
    new, path = write_new(content, f"arxiv-{day}.yml", records, heading + " (digest import)")
    return Batch(source, len(records), new, path, tuple(notes))


def _hf(ctx: click.Context, content: Path, day: dt.date) -> Batch:
    client = _client(ctx, HF_INTERVAL)
    records, notes = _fetching(lambda: fetch_hf_daily(client, day))
    heading = f"{day}: {len(records)} Hugging Face daily papers (digest import)"
    new, path = write_new(content, f"hf-daily-{day}.yml", records, heading)
    return Batch(f"Hugging Face daily papers of {day}", len(records), new, path, tuple(notes))


def _fetching(fetch: Callable[[], Any]) -> Any:
    """The fetch's result, or a ClickException (exit 1, no traceback) saying what failed."""
    try:
        return fetch()
    except FetchError as error:
        raise click.ClickException(
            f"{error}; nothing was imported. Check the network connection, then try again."
        ) from None
    except ImportFailure as error:
        raise click.ClickException(f"{error}; nothing was imported") from None


def _finish(content: Path, batches: list[Batch]) -> None:
    """Report each batch; fail if content/ would publish no papers at all."""
    for batch in batches:
        for note in batch.notes:
            click.echo(f"note: {note}", err=True)
        click.echo(batch.summary(content), err=True)
    total = len(gather(content).papers)
    if not total:
        raise click.ClickException(f"{content} holds no papers: there is nothing to publish")
    click.echo(f"{content} now holds {total} papers.", err=True)


def _settings(content: Path) -> Settings:
    problems: list[Any] = []
    settings = read_settings(content, problems)
    if problems:
        raise click.ClickException("; ".join(map(str, problems)))
    return settings


def _client(ctx: click.Context, interval: float) -> Client:
    obj = ctx.obj or {}
    sleep = obj.get("sleep")
    client = Client(fetch=obj.get("fetch", urllib_fetch), interval=interval, tell=_note)
    if sleep is not None:
        client.sleep = sleep
        client.clock = obj["clock"]
    return client


def _note(message: str) -> None:
    click.echo(f"note: {message}", err=True)


def _today(ctx: click.Context) -> dt.date:
    today: dt.date | None = (ctx.obj or {}).get("today")
    return today or dt.datetime.now(dt.UTC).date()
