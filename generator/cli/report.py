"""What `digest build` and `digest check` say on stderr: every problem and note, then a
one-line summary."""

from __future__ import annotations

import click

from generator.build import Digest


def report(digest: Digest) -> None:
    """Every problem and note, then a one-line summary, on stderr."""
    for problem in digest.problems:
        click.echo(f"error: {problem}", err=True)
    for note in digest.notes:
        click.echo(f"note: {note}", err=True)
    merged = digest.read - len(digest.papers)
    tags = len({t for p in digest.papers for t in p.tag_names})
    pages = (
        f"{len(digest.papers)} paper pages to write"
        if digest.pages_written is None
        else f"{digest.pages_written} paper pages written"
    )
    click.echo(
        f"{digest.read} papers read, {pages}, {tags} tags, "
        f"{count(merged, 'duplicate')} merged, {count(len(digest.problems), 'problem')}",
        err=True,
    )


def count(number: int, noun: str) -> str:
    """'1 problem', '2 problems'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
