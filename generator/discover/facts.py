"""What the discovery outputs share: the digest's papers and what is worked out about them.

Built once by generator/discover/discovery.py, read by export, feeds, citations and page extras.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.common.site_paths import paper_page
from generator.model import Paper


@dataclass(frozen=True)
class Facts:
    papers: tuple[Paper, ...]
    title: str
    description: str
    site_url: str  # absolute, ending in "/"
    tags: tuple[tuple[str, str, int], ...]  # (name, description, papers), home-page order
    tag_pages: Mapping[str, str]  # tag -> its page's name under tags/
    cite_keys: Mapping[str, str]  # slug -> citation key
    related: Mapping[str, tuple[str, ...]]  # slug -> related slugs, most similar first
    fallback_date: dt.date  # the date of a paper that has none: the newest digest date
    citations: Mapping[str, str] = field(default_factory=dict)  # slug -> BibTeX entry
    members: Mapping[str, tuple[Paper, ...]] = field(default_factory=dict)  # tag -> papers

    def paper_url(self, paper: Paper) -> str:
        return f"{self.site_url}{paper_page(paper.slug)}"

    def tag_url(self, tag: str, extension: str = "html") -> str:
        return f"{self.site_url}tags/{self.tag_pages[tag]}.{extension}"
