"""MkDocs hook used by `digest serve`: regenerate the Markdown before each rebuild."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from generator.build import generate
from generator.cli import report


def on_pre_build(config: Any) -> None:
    report(generate(Path(os.environ["DIGEST_CONTENT"]), Path(os.environ["DIGEST_DOCS"])))
