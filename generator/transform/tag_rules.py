"""The tag rules of content/tags.yml as typed objects: the weights and, for each tag, its
phrases and patterns made into matchers (generator/transform/matching.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.model import Location, Problem
from generator.transform.matching import Finder, Matcher, expression, finder, phrase

RULE_KEYS = frozenset({"name", "description", "phrases", "patterns"})
SETTING_KEYS = frozenset({"title_weight", "abstract_weight", "min_score", "max_tags"})


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    matchers: tuple[int, ...]  # positions in TagRules.finder.matchers


@dataclass(frozen=True)
class TagRules:
    rules: tuple[Rule, ...] = ()
    title_weight: int = 3
    abstract_weight: int = 1
    min_score: int = 2
    max_tags: int = 5
    finder: Finder = field(default_factory=Finder)

    def describe(self, tag: str) -> str:
        return next((rule.description for rule in self.rules if rule.name == tag), "")


def load_rules(data: Any, path: str) -> tuple[TagRules, list[Problem]]:
    """Typed rules from the parsed tags.yml; every problem names the key path."""
    where = Location(path)
    if data is None:
        return TagRules(), []
    if not isinstance(data, dict) or not isinstance(data.get("tags"), list):
        return TagRules(), [Problem(where, "expected a mapping with a 'tags' list of rules")]
    problems = [
        Problem(where, f"unknown key {key!r}; known keys: settings, tags")
        for key in sorted(map(str, data))
        if key not in {"settings", "tags"}
    ]
    numbers = _settings(data.get("settings"), where, problems)
    matchers: list[Matcher] = []
    rules: dict[str, Rule] = {}
    first_at: dict[str, str] = {}
    for index, entry in enumerate(data["tags"]):
        key = f"tags[{index}]"
        rule = _rule(entry, key, where, problems, matchers)
        if rule is None:
            continue
        if rule.name in rules:
            problems.append(
                Problem(
                    where,
                    f"{key}.name: tag {rule.name!r} is already defined at "
                    f"{first_at[rule.name]}; this rule is ignored",
                )
            )
            continue
        rules[rule.name], first_at[rule.name] = rule, key
    return TagRules(tuple(rules.values()), finder=finder(matchers), **numbers), problems


def _settings(settings: Any, where: Location, problems: list[Problem]) -> dict[str, int]:
    if settings is None:
        return {}
    if not isinstance(settings, dict):
        problems.append(
            Problem(where, f"settings: expected a mapping of numbers, got {settings!r:.40}")
        )
        return {}
    numbers: dict[str, int] = {}
    for key, value in sorted(settings.items(), key=lambda item: str(item[0])):
        lowest = 1 if key == "min_score" else 0
        if key not in SETTING_KEYS:
            known = ", ".join(sorted(SETTING_KEYS))
            problems.append(Problem(where, f"settings.{key}: unknown setting; known: {known}"))
        elif not isinstance(value, int) or isinstance(value, bool) or value < lowest:
            least = " of at least 1" if lowest else ""
            problems.append(
                Problem(where, f"settings.{key}: expected a whole number{least}, got {value!r}")
            )
        else:
            numbers[key] = value
    return numbers


def _rule(
    entry: Any, key: str, where: Location, problems: list[Problem], matchers: list[Matcher]
) -> Rule | None:
    if not isinstance(entry, dict):
        problems.append(
            Problem(where, f"{key}: expected a mapping with name, description, phrases")
        )
        return None
    problems += [
        Problem(where, f"{key}.{k}: unknown key; known: {', '.join(sorted(RULE_KEYS))}")
        for k in sorted(map(str, entry))
        if k not in RULE_KEYS
    ]
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem(where, f"{key}.name: every rule needs a name"))
        return None
    positions: list[int] = []
    for field_name in ("phrases", "patterns"):
        values = entry.get(field_name) or []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            problems.append(Problem(where, f"{key}.{field_name}: expected a list of text"))
            continue
        for value in values:
            matcher = _matcher(value, field_name, f"{key}.{field_name}", where, problems)
            if matcher is not None:
                positions.append(len(matchers))
                matchers.append(matcher)
    description = entry.get("description") or ""
    return Rule(name.strip(), str(description).strip(), tuple(positions))


def _matcher(
    value: str, field_name: str, key: str, where: Location, problems: list[Problem]
) -> Matcher | None:
    if not value.strip():
        problems.append(Problem(where, f"{key}: empty {field_name[:-1]}; remove it"))
        return None
    if field_name == "phrases":
        return phrase(value.strip())
    try:
        return expression(value)
    except re.error as error:
        problems.append(Problem(where, f"{key}: {value!r} is not a regular expression ({error})"))
        return None
