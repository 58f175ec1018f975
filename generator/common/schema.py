"""The declared schemas of content/ (generator/schemas/*.schema.json), checked at run time.

Each problem names the file, the line when one is known, and the key path (`tags[3].phrases`),
and says what was expected in the schema's own words: its `errorMessage`s, as in ajv-errors.
A text applies to every error inside that part of the schema, a mapping to the errors of
its own keywords ("required", "additionalProperties", ...); the innermost one wins. In them,
{value} is the bad value (quoted briefly with its repr) and {known} the known keys.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache, cached_property
from importlib import resources
from typing import Any

import fastjsonschema
import jsonschema

from generator.model import Location, Problem, preview

Key = str | int
KeyPath = tuple[Key, ...]
Lines = Callable[[KeyPath], int]  # the 1-based line of the value at a key path; 0: unknown
# Keywords followed in an error's schema path by a property name or a position.
NAMED = frozenset({"properties", "patternProperties", "dependentSchemas"})
INDEXED = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
# Keywords whose subschema applies to a value inside the instance (one key or item deeper).
INSIDE = frozenset(
    {"properties", "patternProperties", "additionalProperties", "items", "prefixItems"}
)


def no_lines(path: KeyPath) -> int:
    return 0


@cache
def schema(name: str) -> dict[str, Any]:
    """A shipped schema by name ("record", "settings", "tags"), as its JSON says it."""
    folder = resources.files("generator") / "schemas"
    data: dict[str, Any] = json.loads((folder / f"{name}.schema.json").read_text("utf-8"))
    return data


def dotted(path: KeyPath) -> str:
    """A key path as a person writes it: settings.min_score, tags[3].patterns."""
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else f".{key}" if text else str(key)
    return text


def problem(where: Location, lines: Lines, path: KeyPath, message: str) -> Problem:
    """A problem with the value at a key path: on its line when known, the path first."""
    line = lines(path)
    return Problem(
        replace(where, line=line) if line else where,
        f"{dotted(path)}: {message}" if path else message,
    )


@dataclass(frozen=True)
class Checked:
    """What a check found: the problems, and where they are (the values not to use)."""

    problems: list[Problem]
    bad: frozenset[KeyPath] = frozenset()

    def usable(self, *path: Key) -> bool:
        """Whether the value at the key path, and every value it is inside, has no problem."""
        return not self.bad or all(path[:length] not in self.bad for length in range(len(path) + 1))


class Schema:
    """One shipped schema, or one of its $defs, checked with jsonschema.

    A value is first checked by the same schema compiled with fastjsonschema: a few
    microseconds for a valid record, where jsonschema takes over 100. Only a value that
    fails is gone through again by jsonschema, which lists every problem.
    """

    def __init__(self, name: str, definition: str = "") -> None:
        whole = schema(name)
        self.name = name
        self.root = _inline(whole["$defs"][definition] if definition else whole, whole)

    @cached_property
    def _validator(self) -> jsonschema.protocols.Validator:
        return QUIET(self.root)

    @cached_property
    def _valid(self) -> Callable[[Any], Any]:
        return fastjsonschema.compile(self.root)

    def check(self, data: Any, where: Location, lines: Lines = no_lines) -> Checked:
        """Every problem of a parsed value, each with its line and key path, in file order."""
        try:
            self._valid(data)
            return Checked([])
        except (fastjsonschema.JsonSchemaException, TypeError, ValueError):
            pass
        found: dict[tuple[KeyPath, str], None] = {}
        for error in self._validator.iter_errors(data):
            for path, message in self._explain(error, data):
                found[path, message] = None
        ordered = sorted(found, key=lambda item: (lines(item[0]), _order(item[0])))
        return Checked(
            [problem(where, lines, path, message) for path, message in ordered],
            frozenset(path for path, _ in ordered),
        )

    def refuse(self, data: Any, where: Location, lines: Lines, path: KeyPath) -> Problem:
        """The problem of a value the schema accepts but code refuses (a date that is no
        date, an address with no host), worded by the schema's message for that key."""
        node, message = self.root, ""
        for key in path:
            node = node["properties"][key] if isinstance(key, str) else node["items"]
            if isinstance(node.get("errorMessage"), str):
                message = node["errorMessage"]
        message = message or f"not what {self.name}.schema.json allows here, got {{value}}"
        return problem(where, lines, path, _fill(message, _at(data, path), node))

    def _explain(
        self, error: jsonschema.ValidationError, data: Any
    ) -> Iterator[tuple[KeyPath, str]]:
        """Where an error is and what to say about it: the innermost errorMessage."""
        node, depth, steps = self.root, 0, list(error.absolute_schema_path)
        chosen, chosen_depth = "", 0
        index = 0
        while True:
            own = node.get("errorMessage")
            if isinstance(own, str):
                chosen, chosen_depth = own, depth
            if index >= len(steps) - 1 or steps[index] not in node:
                break
            step = steps[index]
            named = step in NAMED or step in INDEXED
            node = node[step][steps[index + 1]] if named else node[step]
            depth += step in INSIDE
            index += 2 if named else 1
        keyword, path = str(error.validator), tuple(error.absolute_path)
        if keyword == "additionalProperties":  # one problem for each unknown key
            said = own.get(keyword) if isinstance(own, dict) else None
            for key in sorted(_unknown(error.instance, node), key=str):
                yield (*path, key), _fill(said or "unknown key; known: {known}", key, node)
            return
        if isinstance(own, dict) and keyword in own:
            chosen, chosen_depth = own[keyword], depth
        path = path[:chosen_depth] if chosen else path
        default = f"not what {self.name}.schema.json allows here, got {{value}}"
        yield path, _fill(chosen or default, _at(data, path), node)


def _type(
    validator: jsonschema.protocols.Validator, types: Any, instance: Any, schema: Any
) -> Iterator[jsonschema.ValidationError]:
    """jsonschema's "type", but its message does not quote the value, which can be huge:
    YAML aliases can make a billion items of a few lines (its messages go unused here)."""
    kinds = [types] if isinstance(types, str) else types
    if not any(validator.is_type(instance, kind) for kind in kinds):
        yield jsonschema.ValidationError(f"not of type {types}")


QUIET: type[jsonschema.protocols.Validator] = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    jsonschema.Draft202012Validator, {"type": _type}
)


def _inline(node: Any, whole: dict[str, Any]) -> Any:
    """The schema with every "$ref" replaced by what it points to (keys beside it win)."""
    if isinstance(node, list):
        return [_inline(item, whole) for item in node]
    if not isinstance(node, dict):
        return node
    inlined = {key: _inline(value, whole) for key, value in node.items() if key != "$ref"}
    if "$ref" not in node:
        return inlined
    target: Any = whole
    for part in node["$ref"].removeprefix("#/").split("/"):
        target = target[part]
    return {**_inline(target, whole), **inlined}


def _unknown(instance: Any, node: dict[str, Any]) -> list[Any]:
    known = node.get("properties", {})
    return [key for key in instance if key not in known] if isinstance(instance, dict) else []


def _fill(message: str, value: Any, node: dict[str, Any]) -> str:
    known = ", ".join(sorted(node.get("properties", {})))
    return message.replace("{value}", preview(value)).replace("{known}", known)


def _at(data: Any, path: KeyPath) -> Any:
    for key in path:
        data = data[key]
    return data


def _order(path: KeyPath) -> tuple[tuple[int, int, str], ...]:
    return tuple((0, key, "") if isinstance(key, int) else (1, 0, str(key)) for key in path)
