"""The declared schemas (generator/schemas/): shipped, complete and worded."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from conftest import ROOT
from generator.common.schema import QUIET, Schema
from generator.model import Location

SHIPPED = ROOT / "generator" / "schemas"
NAMES = ("record", "settings", "tags")


def properties(node: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every declared key of a schema (inlined), as the README names it: settings.min_score,
    tags[].name."""
    for key, value in node.get("properties", {}).items():
        if "properties" in value or "properties" in value.get("items", {}):
            inner = value if "properties" in value else value["items"]
            yield from properties(inner, f"{prefix}{key}{'' if inner is value else '[]'}.")
        else:
            yield f"{prefix}{key}", value


@pytest.mark.parametrize("name", NAMES)
def test_each_schema_is_shipped_in_the_package_and_copied_for_readers(name: str) -> None:
    assert {path.name for path in SHIPPED.glob("*.json")} == {f"{n}.schema.json" for n in NAMES}
    text = (SHIPPED / f"{name}.schema.json").read_text()
    jsonschema.Draft202012Validator.check_schema(json.loads(text))
    assert (ROOT / "schemas" / f"{name}.schema.json").read_text() == text, (
        f"schemas/{name}.schema.json differs from generator/schemas/{name}.schema.json, the "
        "one the digest uses: copy it over"
    )
    assert Schema(name, "record" if name == "record" else "").root


@pytest.mark.parametrize("name", NAMES)
def test_every_key_says_what_it_holds_and_what_is_wrong(name: str) -> None:
    root = Schema(name, "record" if name == "record" else "").root
    for key, node in properties(root):
        assert node.get("description"), key
        assert node.get("errorMessage"), key


VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    2.5,
    2024,
    2024.0,
    99999,
    "",
    " ",
    "x",
    "1999",
    "2025-03-11",
    "2025-03-11T10:30:00",
    "2412.10117",
    "10.1109/5.771073",
    "https://a.org/x",
    "javascript:x",
    [],
    ["x"],
    ["x", ""],
    [1],
    ["https://a.org"],
    {},
    {"name": "x"},
    {"x": 1},
]


@pytest.mark.parametrize("name", NAMES)
def test_the_quick_check_is_never_laxer_than_jsonschema(name: str) -> None:
    """A value the quick check (fastjsonschema) passes is not looked at again."""
    schema = Schema(name, "record" if name == "record" else "")
    validator = QUIET(schema.root)
    base: dict[str, Any] = {"title": "A"} if name == "record" else {"tags": []}
    samples: list[Any] = [*VALUES]
    for key, _ in properties(schema.root):
        path = key.split(".")
        for value in VALUES:
            if name == "tags" and path[0] == "tags[]":
                samples.append({"tags": [{"name": "x", path[1]: value}]})
            elif len(path) == 2:
                samples.append({**base, path[0]: {path[1]: value}})
            else:
                samples.append({**base, path[0]: value})
    for sample in samples:
        found = schema.check(sample, Location("x")).problems
        assert bool(found) == bool(list(validator.iter_errors(sample))), sample
