"""MkDocs hook used by `digest serve` (generator/cli/preview.py): the build stamp, fresh
Markdown before each rebuild, HTML islands past Python-Markdown, and the offline shim after
it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.build import generate
from generator.cli import preview
from generator.cli.report import report
from generator.site.islands import Islands
from generator.site.offline import SHIM_PACKAGE, shim_file
from generator.site.writer import add_files


def on_config(config: Any) -> Any:
    config.extra["build"] = preview.current().stamp
    return config


ISLANDS = Islands()  # as in a build: HTML islands past Python-Markdown


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    return ISLANDS.on_page_markdown(markdown, page)


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    return ISLANDS.on_page_content(html, page)


def on_pre_build(config: Any) -> None:
    report(generate(preview.current().content, preview.current().docs_dir))


def on_post_build(config: Any) -> None:
    """The iframe-worker shim, as in a build, so search works in the preview too."""
    root = Path(config.config_file_path).parent
    add_files(Path(config.site_dir), [shim_file(root / SHIM_PACKAGE)])
