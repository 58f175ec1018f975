"""MkDocs hook used by `digest serve`: the build stamp, and fresh Markdown before each rebuild."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from generator.build import generate
from generator.cli.main import report
from generator.site.offline import SHIM_PACKAGE, install_shim


def on_config(config: Any) -> Any:
    config.extra["build"] = json.loads(os.environ["DIGEST_BUILD_STAMP"])
    return config


def on_pre_build(config: Any) -> None:
    report(generate(Path(os.environ["DIGEST_CONTENT"]), Path(os.environ["DIGEST_DOCS"])))


def on_post_build(config: Any) -> None:
    """The iframe-worker shim, as in a build, so search works in the preview too."""
    install_shim(Path(config.site_dir), Path(config.config_file_path).parent / SHIM_PACKAGE)
