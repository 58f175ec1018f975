"""The tag rules of content/tags.yml as typed objects: the weights and, for each tag, its
phrases and patterns, and the phrases that stop it, made into matchers
(generator/transform/matching.py).

The keys and what each may hold are declared by generator/schemas/tags.schema.json. A
problem drops only what it is about: a bad setting keeps its default, a bad phrase or
pattern is left out of its rule, a rule with no name (or a name taken) is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.common.schema import Checked, KeyPath, Lines, Schema, dotted, no_lines, problem
from generator.model import Location, Problem
from generator.transform.matching import Finder, Matcher, expression, finder, phrase

RULES = Schema("tags")


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    matchers: tuple[int, ...]  # positions in TagRules.finder.matchers
    excludes: tuple[int, ...] = ()  # the phrases that stop the rule, positions there too


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


def load_rules(data: Any, path: str, lines: Lines = no_lines) -> tuple[TagRules, list[Problem]]:
    """Typed rules from the parsed tags.yml (and the lines of its keys, when known); every
    problem names the line and the key path."""
    where = Location(path)
    checked = RULES.check(data, where, lines)
    if not isinstance(data, dict):
        return TagRules(), checked.problems
    problems = list(checked.problems)
    settings = data.get("settings") if checked.usable("settings") else None
    numbers = {
        str(key): int(value)
        for key, value in (settings or {}).items()
        if checked.usable("settings", key)
    }
    matchers: list[Matcher] = []
    rules: dict[str, Rule] = {}
    first_at: dict[str, KeyPath] = {}
    for index, entry in enumerate(data["tags"] if checked.usable("tags") else []):
        at: KeyPath = ("tags", index)
        if not checked.usable(*at, "name"):
            continue
        name = entry["name"].strip()
        if name in rules:
            line = lines((*first_at[name], "name"))
            first = f"line {line} ({dotted(first_at[name])})" if line else dotted(first_at[name])
            message = f"tag {name!r} is already defined at {first}; this rule is ignored"
            problems.append(problem(where, lines, (*at, "name"), message))
            continue
        found = _matchers(entry, at, checked, where, lines, problems)
        positions = tuple(range(len(matchers), len(matchers) + len(found)))
        stops = _stops(entry, at, checked)
        excludes = tuple(range(len(matchers) + len(found), len(matchers) + len(found + stops)))
        matchers += found + stops
        description = (entry.get("description") or "").strip()
        rules[name] = Rule(name, description, positions, excludes)
        first_at[name] = at
    problems.sort(key=lambda found: found.where.line)  # in file order, when lines are known
    return TagRules(tuple(rules.values()), finder=finder(matchers), **numbers), problems


def _matchers(
    entry: dict[str, Any],
    at: KeyPath,
    checked: Checked,
    where: Location,
    lines: Lines,
    problems: list[Problem],
) -> list[Matcher]:
    """A rule's phrases, then its patterns; a pattern that does not compile is a problem."""
    found = []
    for kind in ("phrases", "patterns"):
        values = entry.get(kind) if checked.usable(*at, kind) else None
        for index, value in enumerate(values or []):
            if not checked.usable(*at, kind, index):
                continue
            if kind == "phrases":
                found.append(phrase(value.strip()))
                continue
            try:
                found.append(expression(value))
            except re.error as error:
                message = f"{value!r} is not a regular expression ({error})"
                problems.append(problem(where, lines, (*at, kind, index), message))
    return found


def _stops(entry: dict[str, Any], at: KeyPath, checked: Checked) -> list[Matcher]:
    """A rule's exclude phrases, matched as its phrases are."""
    values = entry.get("exclude") if checked.usable(*at, "exclude") else None
    return [
        phrase(value.strip())
        for index, value in enumerate(values or [])
        if checked.usable(*at, "exclude", index)
    ]
