"""The one module that writes the build's files: docs/, and what is added to a built site.

write_tree owns docs/: it refuses to write a path twice (a collision is a bug upstream,
never an overwrite), removes files no longer generated, and only touches files whose bytes
change, each written atomically. add_files puts the post-build steps' files (search
shards, the offline shim and zip) into a site MkDocs has built, the same way.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.common.progress import steps


class DuplicatePathError(ValueError):
    """Two pages were rendered to the same output path."""


@dataclass(frozen=True)
class Written:
    """What a write changed: files (re)written and stale files removed, relative paths."""

    changed: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True)
class Put:
    """Files another process wrote into the tree (put_files): every path, and the paths
    whose bytes changed. A forked step writes its own files instead of sending them back:
    at 100,000 papers its files are hundreds of megabytes, copied twice on the way."""

    paths: tuple[str, ...]
    changed: tuple[str, ...]


def put_files(files: Iterable[tuple[str, str | bytes]], out_dir: Path) -> Put:
    """Write files under out_dir as write_tree does, for write_tree to account for them."""
    paths: list[str] = []
    changed: list[str] = []
    folders: set[Path] = set()
    for path, content in files:
        paths.append(path)
        if _write_if_changed(out_dir / path, _bytes(content), folders):
            changed.append(path)
    return Put(tuple(paths), tuple(changed))


def write_tree(pages: Iterable[tuple[str, str | bytes] | Put], out_dir: Path) -> Written:
    """Write pages under out_dir as they come, text as UTF-8 and bytes as they are (or take
    the files put_files wrote); files whose bytes are already right are left alone; then
    remove the files nothing was written to."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    changed: list[str] = []
    folders: set[Path] = set()  # made already: one mkdir per folder, not per file

    def claim(path: str) -> None:
        if path in written:
            raise DuplicatePathError(f"two pages would be written to {path!r}")
        written.add(path)

    for item in steps(pages, "Writing Markdown", unit="file"):
        if isinstance(item, Put):
            for path in item.paths:
                claim(path)
            changed += item.changed
            continue
        path, content = item
        claim(path)
        if _write_if_changed(out_dir / path, _bytes(content), folders):
            changed.append(path)
    removed = []
    for existing in sorted(out_dir.rglob("*"), reverse=True):
        relative = existing.relative_to(out_dir).as_posix()
        if existing.is_file() and relative not in written:
            existing.unlink()
            removed.append(relative)
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return Written(tuple(sorted(changed)), tuple(sorted(removed)))


def add_files(
    site: Path, files: Iterable[tuple[str, str | bytes]], removing: Iterable[str] = ()
) -> None:
    """Write files into a built site (replacing what MkDocs wrote there) and remove the
    `removing` paths; a path given twice is an error."""
    wanted: dict[str, bytes] = {}
    for path, content in files:
        if path in wanted:
            raise DuplicatePathError(f"two files would be written to {path!r}")
        wanted[path] = _bytes(content)
    for path, data in wanted.items():
        _write_if_changed(site / path, data)
    for path in removing:
        (site / path).unlink(missing_ok=True)


def _bytes(content: str | bytes) -> bytes:
    """Text as UTF-8; bytes as they are."""
    return content.encode("utf-8") if isinstance(content, str) else content


def _write_if_changed(path: Path, data: bytes, folders: set[Path] | None = None) -> bool:
    """Write data to path unless it holds those bytes; atomically (a temporary file beside
    it, then renamed: the one writer of these folders, so its name needs no randomness)."""
    try:
        if path.read_bytes() == data:
            return False
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        pass
    if folders is None or path.parent not in folders:
        path.parent.mkdir(parents=True, exist_ok=True)
        if folders is not None:
            folders.add(path.parent)
    temporary = path.with_name(f".tmp-{path.name}")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return True
