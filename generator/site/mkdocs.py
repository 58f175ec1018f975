"""MkDocs: the build into a temporary folder that is swapped in whole, and the options
`digest build` and `digest serve` share."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from generator.read.settings import Settings
from generator.render.markup import template_text
from generator.site.error_page import RelativeErrorPage
from generator.site.islands import Islands
from generator.site.paper_pages import PaperPages
from generator.site.plugins import LeanBuild, MkDocsProgress
from generator.site.publish import Publish, git_head, publish

PostBuild = Callable[[Path], None]  # a step run on the new site before it is swapped in


def build_site(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    settings: Settings,
    after: Mapping[str, PostBuild],
    strict: bool = False,
    env: Mapping[str, str] | None = None,
    cache: Path | None = None,
) -> dict[str, float]:
    """Run MkDocs into a temporary folder, run the `after` steps on it in order, then swap it
    in: a failed build keeps the old site.

    env (os.environ by default) says where the site is published: see generator/site/publish.py.
    cache: the folder of rendered paper pages kept between builds (site/paper_pages.py), or
    None for none. Returns the seconds each step took.
    """
    from mkdocs.config import load_config

    options, published = mkdocs_options(config_file, docs_dir, settings, strict, env)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))
    seconds: dict[str, float] = {}
    try:
        with timed(seconds, "MkDocs"):
            config = load_config(str(config_file), site_dir=str(staging), **options)
            _mkdocs(config, published, cache)
            del config
        for step, run in after.items():
            with timed(seconds, step):
                run(staging)
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return seconds


@contextmanager
def timed(seconds: dict[str, float], step: str) -> Iterator[None]:
    """Add the block's wall-clock seconds to seconds[step]."""
    start = time.perf_counter()
    try:
        yield
    finally:
        seconds[step] = seconds.get(step, 0.0) + time.perf_counter() - start


def _mkdocs(config: Any, published: Publish, cache: Path | None) -> None:
    """MkDocs' build, with our plugins. Its config holds the search plugin's whole index:
    build_site drops it before the later steps read the index back (a large digest's peak)."""
    from mkdocs.commands.build import build

    config.extra["build"] = published.stamp.as_extra()
    config.plugins["digest-progress"] = MkDocsProgress()
    config.plugins["digest-islands"] = Islands()
    config.plugins["digest-papers"] = PaperPages(cache)
    config.plugins["digest-lean"] = LeanBuild()
    config.plugins["digest-404"] = RelativeErrorPage()
    build(config)


def mkdocs_options(
    config_file: Path,
    docs_dir: Path,
    settings: Settings,
    strict: bool = False,
    env: Mapping[str, str] | None = None,
) -> tuple[dict[str, Any], Publish]:
    """MkDocs config overrides for this digest, shared by `digest build` and `digest serve`.

    env (os.environ by default) says where the site is published: see generator/site/publish.py.
    """
    env = os.environ if env is None else env
    published = publish(
        settings.repo_url, env, datetime.now(UTC), git_head(config_file.resolve().parent)
    )
    options = {
        "docs_dir": str(docs_dir.resolve()),
        "strict": strict or published.strict,
        "site_name": template_text(settings.title),
        "site_description": template_text(settings.description),
        **published.overrides(),
    }
    return options, published


def _swap(new: Path, site_dir: Path) -> None:
    """Put the new site in place of the old one; if that fails, the old one stays."""
    old = site_dir.with_name(f".{site_dir.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        os.replace(site_dir, old)
    try:
        os.replace(new, site_dir)
    except OSError:
        if old.exists():
            os.replace(old, site_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)
