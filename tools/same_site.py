"""Prove a change leaves the built site byte-identical: build two revisions, compare.

    .venv/bin/python tools/same_site.py                 # HEAD's parent against the work tree
    .venv/bin/python tools/same_site.py REV [REV2]      # REV against REV2 (default: work tree)
    .venv/bin/python tools/same_site.py REV --content DIR   # another content folder

Each revision is checked out into a temporary git worktree (the work tree is used as it is)
and built with `python -m generator build` from there, with the build date, commit and site
address fixed, so only the code differs. Prints the files that differ and exits 1 if any do.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXED = {
    "SOURCE_DATE_EPOCH": "1741651200",
    "GITHUB_SHA": "0" * 40,
    "DIGEST_SITE_URL": "https://example.org/digest/",
    "CI": "true",  # no progress bars
}


def build(tree: Path, content: Path, out: Path) -> dict[str, str]:
    """sha256 of every file of the site built from content by the code in tree."""
    env = {**os.environ, **FIXED, "PYTHONPATH": str(tree)}
    subprocess.run(
        [sys.executable, "-m", "generator", "build", "--content", str(content),
         "--docs-dir", str(out / "docs"), "--site-dir", str(out / "site"),
         "--config", str(tree / "mkdocs.yml")],
        cwd=tree, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    site = out / "site"
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def checkout(rev: str, into: Path) -> Path:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(into), rev],
                   check=True)  # fmt: skip
    node_modules = ROOT / "node_modules"
    if node_modules.is_dir():  # the offline shim comes from npm
        (into / "node_modules").symlink_to(node_modules)
    return into


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", nargs="?", default="HEAD~1")
    parser.add_argument("new", nargs="?", default="")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        trees = []
        try:
            for name, rev in (("old", args.old), ("new", args.new)):
                trees.append(checkout(rev, work / f"tree-{name}") if rev else ROOT)
            old = build(trees[0], args.content.resolve(), work / "old")
            new = build(trees[1], args.content.resolve(), work / "new")
        finally:
            for tree in trees:
                if tree != ROOT:
                    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                                    str(tree)], check=False)  # fmt: skip
    differ = sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(old)} files built by {args.old}, {len(new)} by {args.new or 'the work tree'}: "
          + ("identical" if not differ else f"{len(differ)} differ"))  # fmt: skip
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
