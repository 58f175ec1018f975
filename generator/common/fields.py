"""Record mappings as readers hand them on: only the fields that have a value."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def present(record: Mapping[str, Any]) -> dict[str, Any]:
    """The fields the source has: absent, null and empty values left out (in order)."""
    return {key: value for key, value in record.items() if value not in (None, "", [])}
