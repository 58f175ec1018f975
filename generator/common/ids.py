"""Identifiers as every stage reads them: arXiv ids and web addresses."""

from __future__ import annotations

import re
from typing import Any

ARXIV_VERSION = re.compile(r"v\d+$")  # the version ending an arXiv id: 2510.02252v1
# An http(s) address, up to the first space, quote, backquote or angle bracket.
WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)


def arxiv_id(value: Any) -> Any:
    """2510.02252v1 or arXiv:2510.02252 as 2510.02252; anything else as it is."""
    if not isinstance(value, str):
        return value
    value = value.strip().removeprefix("arXiv:").removeprefix("arxiv:")
    return ARXIV_VERSION.sub("", value)
