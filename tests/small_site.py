"""A two-paper digest, fully built in a second or two, for tests of the built site that
need no more: where the site is published (env), what Material writes."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

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
