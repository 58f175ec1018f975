"""The content folder's files: which to read, in which order, as text or YAML.

The only reader that touches the disk; every problem names the file (and line).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.common.schema import Lines, no_lines
from generator.model import Location, Problem
from generator.read.yaml_lines import NodeLines, parse_yaml

SETTINGS_FILE = "settings.yml"
TAGS_FILE = "tags.yml"


def content_files(content: Path) -> list[Path]:
    """The files to read, in order of their path: sub-folders too (content/imported/), not
    hidden ones, and not the settings and tag rules."""
    found = [
        path
        for path in content.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(content).parts)
        and path.relative_to(content).as_posix() not in {SETTINGS_FILE, TAGS_FILE}
    ]
    return sorted(found, key=lambda path: path.relative_to(content).as_posix())


def name_of(content: Path, name: str) -> str:
    """How messages name a file of the content folder: content/trending.txt."""
    return (content / name).as_posix()


def read_text(path: Path, problems: list[Problem]) -> str | None:
    """The file as text, or None with a problem when it is not UTF-8 or cannot be read."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        problems.append(
            Problem(Location(path.as_posix(), line), "is not UTF-8 text; save the file as UTF-8")
        )
    except OSError as error:
        problems.append(Problem(Location(path.as_posix()), f"cannot be read: {error.strerror}"))
    return None


def read_yaml(path: Path, problems: list[Problem]) -> tuple[Any, Lines]:
    """A YAML file's value and the lines of its parts; (None, no lines) when it is missing
    or cannot be read, adding why to problems."""
    if not path.is_file():
        return None, no_lines
    text = read_text(path, problems)
    try:
        data, node = parse_yaml(text or "")  # a safe loader
        return data, no_lines if node is None else NodeLines(node)
    except RecursionError:
        problems.append(Problem(Location(path.as_posix()), "is nested too deeply to read"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problems.append(
            Problem(
                Location(path.as_posix(), mark.line + 1 if mark else 0),
                f"is not valid YAML: {getattr(error, 'problem', error)}",
            )
        )
    return None, no_lines
