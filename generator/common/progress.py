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

from mkdocs.plugins import BasePlugin
from tqdm import tqdm

from generator.site.plugins import NoOptions

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


class MkDocsProgress(BasePlugin[NoOptions]):  # type: ignore[no-untyped-call]
    """MkDocs' two passes over the pages, as bars: Markdown to HTML, then the theme."""

    def __init__(self) -> None:
        self.pages = 0
        self.label = ""
        self.current: tqdm[Any] | None = None

    def _step(self, label: str) -> None:
        if self.current is None or self.label != label:
            self.close()
            self.current, self.label = bar(label, self.pages), label
        self.current.update()

    def close(self) -> None:
        if self.current is not None:
            self.current.close()
            self.current = None

    def on_files(self, files: Any, **_: Any) -> Any:
        self.pages = sum(1 for _ in files.documentation_pages())
        return files

    def on_page_content(self, html: str, **_: Any) -> str:
        self._step("MkDocs: Markdown")
        return html

    def on_post_page(self, output: str, **_: Any) -> str:
        self._step("MkDocs: pages")
        return output

    def on_post_build(self, **_: Any) -> None:
        self.close()

    def on_build_error(self, **_: Any) -> None:
        self.close()
