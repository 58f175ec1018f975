"""A two-paper digest, fully built in a second or two, for tests of the built site that
need no more: where the site is published (env), what Material writes."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from conftest import ROOT
from generator.build import build_site, gather
from generator.discover.facts import LOCAL_SITE_URL, discover
from generator.discover.files import data_files
from generator.render.pages import render_site
from generator.site.writer import write_tree
from rendering import build_digest

DUMP = """Mar 11

CosyVoice 2: Scalable Streaming Speech Synthesis

We present CosyVoice 2, an improved streaming speech synthesis model with a chunk-aware \
causal flow matching model.

Retrofitting Language Models with Dynamic Tokenization

We propose retrofitting language models with dynamic tokenization, which decides on token \
boundaries based on the input text.
"""
# Material's own search (lunr.js), whose protocol test_material_protocol.py checks.
SETTINGS = "title: Small digest\nyear: 2025\nsearch_shards_above: 1000\n"
TAGS = (
    "tags:\n  - name: speech\n    description: Speech synthesis.\n    phrases: [speech synthesis]\n"
)


def build_small_site(out: Path, env: Mapping[str, str]) -> Path:
    """The small digest built into out/site with this environment (no os.environ)."""
    content = out / "content"
    content.mkdir(parents=True)
    (content / "settings.yml").write_text(SETTINGS, encoding="utf-8")
    (content / "tags.yml").write_text(TAGS, encoding="utf-8")
    (content / "trending.txt").write_text(DUMP, encoding="utf-8")
    env = {"SOURCE_DATE_EPOCH": "1741651200", **env}
    digest = build_digest(content, out, env=env)
    assert not digest.problems, [str(p) for p in digest.problems]
    return out / "site"


PAGINATED_PAPER = (
    "Paper {n}: a speech synthesis model\n\nWe present model {n}, a streaming speech synthesis "
    "model with a chunk-aware causal flow matching model, trained on many hours of speech."
)
PAGINATED_TAGS = "tags:\n  - name: speech\n    phrases: [speech synthesis]\n"


def build_paginated_site(out: Path) -> Path:
    """Seven papers of the tag speech, three to a tag page (tags/speech.html, speech--2.html,
    speech--3.html), and papers.json and the BibTeX files in parts of 300 bytes, built into
    out/site as `digest build --strict` would, but for those two limits."""
    content = out / "content"
    content.mkdir(parents=True)
    dump = "\n\n".join(PAGINATED_PAPER.format(n=n) for n in range(7))
    (content / "trending.txt").write_text(f"Mar 11\n\n{dump}\n", encoding="utf-8")
    (content / "tags.yml").write_text(PAGINATED_TAGS, encoding="utf-8")
    (content / "settings.yml").write_text("title: Small\nyear: 2025\n", encoding="utf-8")
    gathered = gather(content)
    assert not gathered.problems, [str(p) for p in gathered.problems]
    facts = discover(gathered.papers, gathered.settings, gathered.rules, LOCAL_SITE_URL, {})
    pages = render_site(facts, gathered.settings, tag_page_papers=3)
    write_tree([*pages, *data_files(facts, 300)], out / "docs")
    env = {"SOURCE_DATE_EPOCH": "1741651200"}
    build_site(ROOT / "mkdocs.yml", out / "docs", out / "site", gathered.settings, "", True, env)
    return out / "site"
