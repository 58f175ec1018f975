"""What the reader tools (overrides/assets/reader.js) find on a page: the data they need,
as data- attributes, and the empty places they fill.

Pure. The script builds its buttons and text with textContent from these attributes; it
never reads the page's markup. Every value is text from content, so it is escaped both for
HTML and for Markdown (a backtick or asterisk in a title must not become markup inside an
attribute): markup.text's character references, which an attribute decodes back to the
text, and the double quote.
"""

from __future__ import annotations

from generator.discover.facts import Facts
from generator.model import Paper
from generator.render.markup import front_matter, text

PAGE = "reading-list.md"
TITLE = "Reading list"


def attribute(value: str) -> str:
    """Text as a double-quoted attribute value that reads exactly as written."""
    return text(value).replace('"', "&#34;")


def paper_tools(paper: Paper, known: Facts) -> str:
    """The paper page's place for its star and "mark as read" buttons, with the paper's
    citation key and digest day. The script takes its slug from the page's address and its
    title from the page's heading: at 100,000 paper pages, each attribute more is
    megabytes."""
    values = {
        "key": known.cite_keys.get(paper.slug, ""),
        "date": paper.date.isoformat() if paper.date else "",
    }
    data = " ".join(f'data-{name}="{attribute(value)}"' for name, value in values.items())
    return f'<div class="digest-reader digest-reader--page" {data}></div>'


def entry_tools(paper: Paper) -> str:
    """What a list entry adds for the reader tools: its digest day, on the entry's tag list
    (or an empty span). The script takes the slug from the entry's link and the title from
    its text: a list holds every paper of a tag, and at 100,000 papers each attribute more
    costs MkDocs seconds."""
    return f'data-date="{paper.date.isoformat()}"' if paper.date else ""


# Where the home and tag pages say how many papers are new since the last visit.
NEW_SINCE = '<p class="digest-new-since" role="status" hidden></p>'


def render_reading_list() -> str:
    """The reading list page: an explanation, and the place the script fills."""
    return "\n".join(
        [
            front_matter(TITLE, search={"exclude": True}, hide=["toc"]),
            f"# {TITLE}",
            "",
            "The papers you star, kept in this browser only: nothing is sent anywhere. "
            "Export them as BibTeX or JSON; import a JSON export in another browser or on "
            "another machine.",
            "",
            '<div class="digest-reading-list">',
            "<p>The reading list needs JavaScript.</p>",
            "</div>",
            "",
        ]
    )
