"""Progress of a build's long stages: a bar in a terminal, nothing in CI logs or pipes.

A bar appears only when standard error is a terminal, CI is not set (GitHub Actions sets
it) and the stage has run for a second: a 135-paper build shows none, a 10,000-paper one
shows its stages one after another, each bar erased when its stage is done.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO, TypeVar

from tqdm import tqdm

T = TypeVar("T")
DELAY = 1.0  # seconds a stage runs before its bar shows
# No monitor thread: a process with threads does not fork (generator/transform/tagging.py, tag_all).
tqdm.monitor_interval = 0


def output() -> TextIO:
    """Where bars go: standard error, as it is when the bar starts."""
    return sys.stderr


def visible() -> bool:
    """Whether bars may be drawn: a terminal on stderr, outside CI."""
    return output().isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


def bar(label: str, total: int | None, unit: str = "page") -> tqdm[Any]:
    """A bar to update by hand (disabled, and silent, when not visible)."""
    return tqdm(
        desc=label,
        total=total,
        unit=unit,
        disable=not visible(),
        leave=False,
        delay=DELAY,
        file=output(),
        dynamic_ncols=True,
    )


def steps(
    items: Iterable[T], label: str, total: int | None = None, unit: str = "paper"
) -> Iterator[T]:
    """The items, one by one, advancing a bar."""
    with bar(label, total, unit) as shown:
        for item in items:
            yield item
            shown.update()
