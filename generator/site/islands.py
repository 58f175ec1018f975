"""A MkDocs plugin: a page's HTML islands (render/markup.island) set aside before
Python-Markdown runs and put back after it, so Python-Markdown parses only the page's own
text. A paper page's byline, links, related papers and BibTeX entry, and the lists of the
home, day and tag pages, are HTML the generator wrote with every text escaped; parsing them
again cost most of the MkDocs step (benchmarks/RESULTS.md, "Where our time goes").

Each island becomes a placeholder element, which Python-Markdown passes through as raw HTML
and which no content can spell (content text is escaped: `<` is `&#60;`), then the island.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.plugins import BasePlugin

from generator.render.markup import ISLAND_END, ISLAND_START
from generator.site.plugins import NoOptions

ISLAND = re.compile(rf"^{re.escape(ISLAND_START)}\n(.*?)\n{re.escape(ISLAND_END)}$", re.M | re.S)
PLACEHOLDER = '<div class="digest-island" data-island="{}"></div>'
PLACED = re.compile(r'<div class="digest-island" data-island="(\d+)"></div>')


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each island a placeholder, and the islands in order."""
    islands: list[str] = []

    def keep(match: re.Match[str]) -> str:
        islands.append(match.group(1))
        return PLACEHOLDER.format(len(islands) - 1)

    return ISLAND.sub(keep, markdown), islands


def put_back(html: str, islands: list[str]) -> str:
    """The HTML with each placeholder replaced by its island."""
    if not islands:
        return html
    return PLACED.sub(lambda match: islands[int(match.group(1))], html)


class Islands(BasePlugin[NoOptions]):  # type: ignore[no-untyped-call]
    """Islands out of the Markdown, and back into the HTML."""

    def __init__(self) -> None:
        self.islands: dict[str, list[str]] = {}

    def on_page_markdown(self, markdown: str, page: Any, **_: Any) -> str:
        text, islands = set_aside(markdown)
        if islands:
            self.islands[page.file.src_uri] = islands
        return text

    def on_page_content(self, html: str, page: Any, **_: Any) -> str:
        return put_back(html, self.islands.pop(page.file.src_uri, []))
