"""Links to the digest's data files (feeds, BibTeX, papers.json) and the offline zip."""

from __future__ import annotations

import html
import re

from generator.render.markup import text

ATOM = "application/atom+xml"
JSON_FEED = "application/feed+json"
FILE = re.compile(r"(\.\./)?[\w/-]+\.(xml|json|bib)")
DOWNLOAD_CLASS = "digest-download"  # the offline zip's paragraph, left out of the zip's copy


def file_link(label: str, path: str) -> str:
    """A Markdown link to a generated file (feed, .bib, .json) by its docs-relative path."""
    if not FILE.fullmatch(path):
        raise ValueError(f"refusing to link to {path!r}")
    return f"[{text(label)}]({path})"


def feed_links(stem: str) -> str:
    return f"{file_link('Atom', f'{stem}.xml')} · {file_link('JSON Feed', f'{stem}.json')}"


def head_feeds(title: str, stem: str) -> list[dict[str, str]]:
    """The <link rel="alternate"> entries of a page (overrides/partials/feeds.html)."""
    return [
        {"title": f"{title} (Atom)", "type": ATOM, "href": f"{stem}.xml"},
        {"title": f"{title} (JSON Feed)", "type": JSON_FEED, "href": f"{stem}.json"},
    ]


def home_links() -> str:
    return (
        f'<p class="digest-feeds" markdown>Follow the digest: {feed_links("feed")} · '
        f"Data: {file_link('BibTeX', 'papers.bib')} · {file_link('papers.json', 'papers.json')}"
        "</p>"
    )


def tag_links(page: str) -> str:
    return (
        f'<p class="digest-feeds" markdown>Subscribe to this tag: {feed_links(page)} · '
        f"{file_link('BibTeX', f'{page}.bib')}</p>"
    )


def download_link(zip_name: str) -> str:
    """The home page's link to the offline zip, as raw HTML (MkDocs only validates Markdown
    links)."""
    return (
        f'<p class="{DOWNLOAD_CLASS}"><a href="{html.escape(zip_name)}" download>'
        "Download for offline reading</a>: the whole digest as one zip file. Unzip it "
        "anywhere and open index.html in a browser; search works without a network.</p>"
    )
