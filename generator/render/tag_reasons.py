"""Why a paper has its tags, on its page: the reasons tagging recorded.

Pure. A collapsed <details> block built as HTML with every text escaped (the reasons quote
phrases from content/tags.yml): each tag and its reason, then each rule that scored enough
but was stopped by one of its exclude phrases. `digest tags --explain` prints the same
reasons as lines.
"""

from __future__ import annotations

import html

from generator.model import Paper

SUMMARY = "Why these tags?"


def _text(value: str) -> str:
    """Text as an element's content: &, < and > escaped. Quotes stay as they are (they mean
    nothing outside an attribute), a reason quotes every phrase: 5 bytes saved a quote."""
    return html.escape(value, quote=False)


def reasons_html(paper: Paper) -> str:
    """A collapsed block listing each tag and its reason, and each rule an exclude phrase
    stopped; empty for an untagged paper that no rule was stopped on."""
    if not paper.tags and not paper.stopped:
        return ""
    items = [f"<li><strong>{_text(t.tag)}</strong>: {_text(t.reason)}</li>" for t in paper.tags] + [
        f"<li>not <strong>{_text(t.tag)}</strong>: {_text(t.reason)}</li>" for t in paper.stopped
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
