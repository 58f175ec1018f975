"""The digest's own settings, from content/settings.yml, as a typed object."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any
from urllib.parse import urlsplit

from generator.model import Location, Problem, preview

MAX_ARXIV_RESULTS = 2000  # the arXiv API's limit for one request


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


def load_settings(data: Any, path: str) -> tuple[Settings, list[Problem]]:
    """Settings from parsed YAML; unknown keys and wrong types are problems."""
    if data is None:
        return Settings(), []
    if not isinstance(data, dict):
        return Settings(), [Problem(Location(path), "expected a mapping of settings")]
    known = {f.name: f for f in fields(Settings)}
    values: dict[str, Any] = {}
    problems = []
    for key, value in sorted(data.items(), key=lambda item: str(item[0])):
        default = getattr(Settings, str(key), None)
        if key not in known:
            problems.append(
                Problem(
                    Location(path), f"unknown setting {key!r}; known: " + ", ".join(sorted(known))
                )
            )
        elif type(value) is not type(default):
            problems.append(
                Problem(
                    Location(path),
                    f"{key}: expected {type(default).__name__}, got {preview(value)}",
                )
            )
        elif _invalid(str(key), value):
            problems.append(Problem(Location(path), f"{key}: {_invalid(str(key), value)}"))
        else:
            values[str(key)] = value
    return Settings(**values), problems


def _invalid(key: str, value: Any) -> str:
    """Why a value of the right type still cannot be used, or ""."""
    if key == "year" and not 1 <= value <= 9999:
        return f"expected a year such as 2025, got {value!r}"
    if key == "teaser_length" and value < 1:
        return f"expected a number of characters above 0, got {value!r}"
    if key in {"search_shards_above", "offline_zip_up_to"} and value < 0:
        return f"expected a number of papers, 0 or more, got {value!r}"
    if key == "arxiv_max_results" and not 1 <= value <= MAX_ARXIV_RESULTS:
        return f"expected a number of papers from 1 to {MAX_ARXIV_RESULTS}, got {value!r}"
    if key == "repo_url" and value and not _web_address(value):
        return f"expected an address such as https://github.com/you/digest, got {preview(value)}"
    return ""


def _web_address(value: str) -> bool:
    parts = urlsplit(value.strip())
    return parts.scheme in {"http", "https"} and bool(parts.hostname) and " " not in value.strip()
