"""The digest's own settings, from content/settings.yml, as a typed object."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from generator.model import Location, Problem


@dataclass(frozen=True)
class Settings:
    title: str = "Paper digest"
    description: str = "Trending research papers, tagged and searchable."
    year: int = 2025  # the year of the dump's date lines ("Mar 11"), which carry none
    teaser_length: int = 200  # characters of abstract shown under each title on lists
    repo_url: str = ""  # the repository link in the header; "" takes it from GitHub Actions


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
                Problem(Location(path), f"{key}: expected {type(default).__name__}, got {value!r}")
            )
        else:
            values[str(key)] = value
    return Settings(**values), problems
