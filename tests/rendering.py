"""Render papers as a build does, for tests that start from papers rather than content/."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from generator.discover.facts import LOCAL_SITE_URL, Facts, discover
from generator.model import Paper
from generator.read.settings import Settings
from generator.render.pages import render_site
from generator.transform.tagging import TagRules


def facts_of(
    papers: Sequence[Paper],
    settings: Settings | None = None,
    rules: TagRules | None = None,
    related: Mapping[str, tuple[str, ...]] | None = None,
) -> Facts:
    """What discovery finds in the papers (no related papers unless given)."""
    return discover(
        papers, settings or Settings(), rules or TagRules(), LOCAL_SITE_URL, related or {}
    )


def render_pages(
    papers: Sequence[Paper], settings: Settings | None = None, rules: TagRules | None = None
) -> dict[str, str]:
    """Every page of the papers' site, by path."""
    return dict(render_site(facts_of(papers, settings, rules), settings or Settings()))
