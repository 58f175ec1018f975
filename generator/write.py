"""The one module that writes generated Markdown: owns the output folder.

It refuses to write a path twice (a collision is a bug upstream, never an
overwrite), removes files no longer generated, and only touches files whose
bytes change, each written atomically.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class DuplicatePathError(ValueError):
    """Two pages were rendered to the same output path."""


def write_tree(pages: Iterable[tuple[str, str]], out_dir: Path) -> tuple[int, int]:
    """Write pages under out_dir; return (files written, stale files removed)."""
    wanted: dict[str, bytes] = {}
    for path, markdown in pages:
        if path in wanted:
            raise DuplicatePathError(f"two pages would be written to {path!r}")
        wanted[path] = markdown.encode("utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = sum(_write_if_changed(out_dir / path, data) for path, data in sorted(wanted.items()))
    removed = 0
    for existing in sorted(out_dir.rglob("*"), reverse=True):
        relative = existing.relative_to(out_dir).as_posix()
        if existing.is_file() and relative not in wanted:
            existing.unlink()
            removed += 1
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return written, removed


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)
    return True
