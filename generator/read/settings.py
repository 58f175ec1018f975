"""The digest's own settings, from content/settings.yml, as a typed object.

The keys, their defaults and what each may hold are declared by
generator/schemas/settings.schema.json; a key with a problem keeps its default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.common.schema import Lines, Schema, no_lines, schema
from generator.model import Location, Problem

SETTINGS = Schema("settings")
# The arXiv API's limit for one request, as the schema says it.
MAX_ARXIV_RESULTS: int = schema("settings")["properties"]["arxiv_max_results"]["maximum"]


@dataclass(frozen=True)
class Settings:
    title: str = "Paper digest"
    description: str = "Trending research papers, tagged and searchable."
    year: int = 2025  # the year of the dump's date lines ("Mar 11"), which carry none
    teaser_length: int = 200  # characters of abstract shown under each title on lists
    home_papers: int = 200  # papers listed on the home page, newest digest day first
    repo_url: str = ""  # the repository link in the header; "" takes it from GitHub Actions
    # What `digest import configured` (and the daily workflow, .github/workflows/update.yml)
    # imports: an arXiv API search ("" for none), how many of its newest papers, and whether
    # to import the Hugging Face daily papers of the day before.
    arxiv_query: str = ""
    arxiv_max_results: int = 50
    hf_daily: bool = False
    search_shards_above: int = 0  # papers above which search uses generator/search/shards.py
    # The offline zip (generator/site/offline.py) is made for digests of up to this many papers;
    # above it, a second compressed copy of the site costs more than it gives (0: never).
    offline_zip_up_to: int = 2000


def load_settings(data: Any, path: str, lines: Lines = no_lines) -> tuple[Settings, list[Problem]]:
    """Settings from parsed YAML (and the lines of its keys, when known); unknown keys and
    values the schema refuses are problems, and those keys keep their defaults."""
    checked = SETTINGS.check(data, Location(path), lines)
    if not isinstance(data, dict):
        return Settings(), checked.problems
    values: dict[str, Any] = {
        str(key): int(value) if isinstance(value, float) else value  # 2025.0 is an integer
        for key, value in data.items()
        if checked.usable(key)
    }
    return Settings(**values), checked.problems
