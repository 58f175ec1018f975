"""Render and build as `digest build` does, for tests: from papers, or from a content folder."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from conftest import ROOT
from generator.build import Digest, build_site, generate
from generator.discover.facts import LOCAL_SITE_URL, Facts, discover
from generator.model import Paper
from generator.read.settings import Settings
from generator.render.pages import render_site
from generator.transform.tag_rules import TagRules


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


def build_digest(
    content: Path,
    out: Path,
    env: Mapping[str, str] | None = None,
    strict: bool = False,
    cache: Path | None = None,
) -> Digest:
    """Generate content's pages into out/docs and build the site into out/site, as `digest
    build` does (env: the environment the build sees; os.environ when None; cache: the
    rendered paper pages kept between builds, none when None)."""
    digest = generate(content, out / "docs", env=env)
    build_site(
        ROOT / "mkdocs.yml",
        out / "docs",
        out / "site",
        digest.settings,
        digest.offline_zip,
        strict=strict,
        env=env,
        cache=cache,
    )
    return digest


FRAMED = re.compile(r'<script src="([^"]+)" data-part="(\d+)"[^>]*></script>')
PARTS = re.compile(r'insertAdjacentHTML\("beforebegin",(\[.*?\])\[n\]\)', re.S)


def assembled(page: Path) -> str:
    """A paper page as the reader's browser has it once the frame script has run
    (generator/site/paper_frame.py): each of its data-part scripts replaced by its part."""
    html = page.read_text(encoding="utf-8")
    scripts: dict[str, list[str]] = {}

    def part(match: re.Match[str]) -> str:
        source, number = match.group(1), int(match.group(2))
        if source not in scripts:
            found = PARTS.search((page.parent / source).read_text(encoding="utf-8"))
            assert found, f"{source}: no parts"
            scripts[source] = json.loads(found.group(1))
        return scripts[source][number]

    return FRAMED.sub(part, html)
