"""A Markdown extension: every link to another host gets rel="noopener".

Listed in mkdocs.yml under markdown_extensions (`generator.site.external_links`). It works on
the element tree Python-Markdown builds, after links and attr_list are processed, so it
sees every Markdown link on every page, whatever the Markdown that produced it.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any
from urllib.parse import urlsplit

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

REL = "noopener"
PRIORITY = 1  # after the inline patterns (20) and attr_list (8), before unescaping (0)


def is_external(href: str) -> bool:
    """Whether a link names a host: https://host/..., http://host/... or //host/..."""
    return bool(urlsplit(href.strip()).netloc)


class ExternalLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for anchor in root.iter("a"):
            if is_external(anchor.get("href", "")):
                rel = anchor.get("rel", "").split()
                anchor.set("rel", " ".join([*rel, REL] if REL not in rel else rel))


class ExternalLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(ExternalLinks(md), "digest_external_links", PRIORITY)


def makeExtension(**kwargs: Any) -> ExternalLinksExtension:
    return ExternalLinksExtension(**kwargs)
