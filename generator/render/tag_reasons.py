"""Why a paper has its tags: the reasons tagging recorded, for the page and the terminal.

Pure. The page gets a collapsed <details> block built as HTML with every text escaped
(the reasons quote phrases from content/tags.yml); `digest tags --explain` prints lines.
"""

from __future__ import annotations

import html

from generator.model import Paper

SUMMARY = "Why these tags?"


def audit_html(paper: Paper) -> str:
    """A collapsed block listing each tag and its reason; empty for an untagged paper."""
    if not paper.tags:
        return ""
    items = [
        f"<li><strong>{html.escape(t.tag)}</strong>: {html.escape(t.reason)}</li>"
        for t in paper.tags
    ]
    return "\n".join(
        [
            '<details class="digest-audit" data-search-exclude="true">',
            f"<summary>{SUMMARY}</summary>",
            "<ul>",
            *items,
            "</ul>",
            "</details>",
        ]
    )


def explain(paper: Paper, min_score: int) -> str:
    """Plain-text lines: the paper, then one line per tag with its reason."""
    lines = [f"papers/{paper.slug}: {paper.title}"]
    lines += [f"  {t.tag}: {t.reason}" for t in paper.tags]
    if not paper.tags:
        lines.append(f"  no tags: no rule scored {min_score} or more, and none given by hand")
    return "\n".join(lines) + "\n"
