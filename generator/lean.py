"""MkDocs, lean for large digests: less time in the garbage collector, less page chrome,
less memory.

Both measured at 10,000 papers in benchmarks/RESULTS.md:

- Python's cyclic garbage collector rescans every live object each time enough new ones
  pile up; a MkDocs build keeps every page, its Markdown, HTML and table of contents until
  the end, so the rescans grow with the digest (a fifth of a bare 10k build). Objects
  alive when the build starts are frozen out of the scans, and the collector runs a
  hundred times less often: the build makes few reference cycles (memory still freed by
  reference counting as usual), so its peak memory grows by a tenth at most. The
  collector's settings are put back afterwards.
- Material's templates indent their output as deeply as their source: on a paper page
  about 2 KB of the 20 are blank lines and indentation around template tags. Jinja's
  trim_blocks and lstrip_blocks drop the line breaks and indentation around block tags
  when the templates are compiled: no work per page, and what the browser shows is the
  same (whitespace between tags does not render; <pre> content comes from the page's
  Markdown, not from the templates).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin

THRESHOLDS = (100_000, 50, 100)  # during a build; Python's defaults are (700, 10, 10)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Within the block, the collector leaves today's objects alone and runs less often."""
    thresholds = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


class NoOptions(Config):  # type: ignore[no-untyped-call]
    """The plugin takes no options."""


class LeanBuild(BasePlugin[NoOptions]):  # type: ignore[no-untyped-call]
    """Templates without the whitespace around their block tags; no page's Markdown kept
    once it is HTML (MkDocs holds every page until the end: 5 KB each, 0.5 GB at 100k)."""

    def on_env(self, env: Any, **_: Any) -> Any:
        env.trim_blocks = True
        env.lstrip_blocks = True
        return env

    def on_page_content(self, html: str, page: Any, **_: Any) -> str:
        page.markdown = None
        return html
