"""MkDocs hook used by `digest serve`: the build stamp, and fresh Markdown before each rebuild."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from generator.build import generate
from generator.cli import report


def on_config(config: Any) -> Any:
    config.extra["build"] = json.loads(os.environ["DIGEST_BUILD_STAMP"])
    return config


def on_pre_build(config: Any) -> None:
    report(generate(Path(os.environ["DIGEST_CONTENT"]), Path(os.environ["DIGEST_DOCS"])))
