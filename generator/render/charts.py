"""Charts as inline SVG: papers per tag (bars) and papers per digest date (columns).

Pure. Every text is escaped; there are no inline styles (the site's Content-Security-
Policy forbids them): shapes carry classes that overrides/assets/discovery.css colours
with the theme's variables, so the chart follows the light/dark toggle, and
fill="currentColor" keeps it readable without the stylesheet. Each chart is an image with
a <title> and an aria-label; the table on the same page holds the same numbers as text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

WIDTH = 640
LABEL_WIDTH = 200  # room for the tag names left of the bars
ROW = 22  # height of one bar's row
COLUMN_HEIGHT = 160  # height of the date columns' area
MAX_LABEL = 28  # characters of a tag name shown; the <title> of its bar has it whole


def _svg(title: str, height: int, body: list[str]) -> str:
    return "\n".join(
        [
            f'<svg class="digest-chart" role="img" viewBox="0 0 {WIDTH} {height}" '
            f'width="{WIDTH}" height="{height}" aria-label={quoteattr(title)} '
            f'xmlns="http://www.w3.org/2000/svg">',
            f"<title>{escape(title)}</title>",
            *body,
            "</svg>",
        ]
    )


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def tag_chart(counts: Sequence[tuple[str, int]]) -> str:
    """Horizontal bars, one per (tag, papers), in the order given."""
    if not counts:
        return ""
    top = max(count for _, count in counts)
    room = WIDTH - LABEL_WIDTH - 48  # the number is written after the bar
    body = []
    for index, (tag, count) in enumerate(counts):
        y = index * ROW
        length = max(1, round(room * count / top))
        body += [
            f'<g class="digest-chart-row"><title>{escape(f"{tag}: {count} papers")}</title>',
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end" '
            f'fill="currentColor">{escape(_short(tag))}</text>',
            f'<rect class="digest-chart-bar" x="{LABEL_WIDTH}" y="{y + 3}" '
            f'width="{length}" height="{ROW - 6}" fill="currentColor"/>',
            f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 15}" '
            f'fill="currentColor">{count}</text></g>',
        ]
    title = f"Papers per tag: {len(counts)} tags, the largest has {top} papers"
    return _svg(title, len(counts) * ROW, body)


def date_chart(counts: Sequence[tuple[dt.date, int]]) -> str:
    """Columns, one per (digest date, papers), oldest first; empty for fewer than 2 dates."""
    if len(counts) < 2:
        return ""
    top = max(count for _, count in counts)
    step = WIDTH / len(counts)
    gap = min(2.0, step / 4)
    body = []
    for index, (day, count) in enumerate(counts):
        height = max(1, round(COLUMN_HEIGHT * count / top))
        body.append(
            f'<rect class="digest-chart-bar" x="{index * step + gap / 2:.1f}" '
            f'y="{COLUMN_HEIGHT - height}" width="{step - gap:.1f}" height="{height}" '
            f'fill="currentColor"><title>{escape(f"{day.isoformat()}: {count} papers")}'
            "</title></rect>"
        )
    first, last = counts[0][0].isoformat(), counts[-1][0].isoformat()
    body += [
        f'<text x="0" y="{COLUMN_HEIGHT + 16}" fill="currentColor">{escape(first)}</text>',
        f'<text x="{WIDTH}" y="{COLUMN_HEIGHT + 16}" text-anchor="end" '
        f'fill="currentColor">{escape(last)}</text>',
    ]
    title = (
        f"Papers per digest date: {len(counts)} dates from {first} to {last}, "
        f"at most {top} papers on one date"
    )
    return _svg(title, COLUMN_HEIGHT + 22, body)
