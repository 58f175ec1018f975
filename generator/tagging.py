"""Tag papers by the rules in content/tags.yml: transparent phrase and pattern matches.

A rule scores a paper: a match in the title counts `title_weight`, each distinct
phrase or pattern found in the abstract counts `abstract_weight`. Rules scoring at
least `min_score` tag the paper, best first, up to `max_tags` (hand-given tags first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from generator.model import Location, Paper, Problem, Tagging

RULE_KEYS = frozenset({"name", "description", "phrases", "patterns"})
SETTING_KEYS = frozenset({"title_weight", "abstract_weight", "min_score", "max_tags"})


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    matchers: tuple[tuple[str, re.Pattern[str]], ...]  # (what the forker wrote, compiled)


@dataclass(frozen=True)
class TagRules:
    rules: tuple[Rule, ...] = ()
    title_weight: int = 3
    abstract_weight: int = 1
    min_score: int = 2
    max_tags: int = 5

    def describe(self, tag: str) -> str:
        return next((rule.description for rule in self.rules if rule.name == tag), "")


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A case-insensitive whole-word match of a phrase, plurals included."""
    words = r"[\s\-]+".join(re.escape(word) for word in phrase.split())
    return re.compile(rf"(?<![\w-]){words}(?:s|es)?(?![\w])", re.IGNORECASE)


def load_rules(data: Any, path: str) -> tuple[TagRules, list[Problem]]:
    """Typed rules from the parsed tags.yml; every problem names the key path."""
    problems: list[Problem] = []
    where = Location(path)
    if data is None:
        return TagRules(), []
    if not isinstance(data, dict) or not isinstance(data.get("tags"), list):
        return TagRules(), [Problem(where, "expected a mapping with a 'tags' list of rules")]
    problems += [
        Problem(where, f"unknown key {key!r}; known keys: settings, tags")
        for key in sorted(map(str, data))
        if key not in {"settings", "tags"}
    ]
    settings = data.get("settings") or {}
    numbers: dict[str, int] = {}
    for key, value in sorted(settings.items()) if isinstance(settings, dict) else []:
        if key not in SETTING_KEYS:
            problems.append(
                Problem(
                    where,
                    f"settings.{key}: unknown setting; known: " + ", ".join(sorted(SETTING_KEYS)),
                )
            )
        elif not isinstance(value, int) or isinstance(value, bool) or value < 0:
            problems.append(
                Problem(where, f"settings.{key}: expected a whole number, got {value!r}")
            )
        else:
            numbers[key] = value
    rules = []
    for index, entry in enumerate(data["tags"]):
        rule = _rule(entry, f"tags[{index}]", where, problems)
        if rule is not None:
            rules.append(rule)
    names = [rule.name for rule in rules]
    problems += [
        Problem(where, f"tag {name!r} is defined more than once")
        for name in sorted({n for n in names if names.count(n) > 1})
    ]
    return TagRules(rules=tuple(rules), **numbers), problems


def _rule(entry: Any, key: str, where: Location, problems: list[Problem]) -> Rule | None:
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
    matchers: list[tuple[str, re.Pattern[str]]] = []
    for field in ("phrases", "patterns"):
        values = entry.get(field) or []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            problems.append(Problem(where, f"{key}.{field}: expected a list of text"))
            continue
        for value in values:
            try:
                matchers.append(
                    (value, phrase_pattern(value) if field == "phrases" else re.compile(value))
                )
            except re.error as error:
                problems.append(
                    Problem(
                        where, f"{key}.patterns: {value!r} is not a regular expression ({error})"
                    )
                )
    description = entry.get("description") or ""
    return Rule(name.strip(), str(description).strip(), tuple(matchers))


def tag_paper(paper: Paper, rules: TagRules) -> Paper:
    """The paper with its tags: hand-given ones first, then the best-scoring rules."""
    chosen = [
        Tagging(tag, "given by hand in the record") for tag in dict.fromkeys(paper.given_tags)
    ]
    scored = []
    for position, rule in enumerate(rules.rules):
        score, reason = _score(rule, paper, rules)
        if score >= rules.min_score and rule.name not in paper.given_tags:
            scored.append((-score, position, Tagging(rule.name, reason)))
    room = max(rules.max_tags - len(chosen), 0)
    chosen += [tagging for _, _, tagging in sorted(scored)[:room]]
    return replace(paper, tags=tuple(chosen))


def _score(rule: Rule, paper: Paper, rules: TagRules) -> tuple[int, str]:
    in_title = [text for text, pattern in rule.matchers if pattern.search(paper.title)]
    in_abstract = [text for text, pattern in rule.matchers if pattern.search(paper.abstract)]
    score = (rules.title_weight if in_title else 0) + rules.abstract_weight * len(in_abstract)
    parts = []
    if in_title:
        parts.append("title matched " + ", ".join(repr(t) for t in in_title))
    if in_abstract:
        parts.append("abstract matched " + ", ".join(repr(t) for t in in_abstract))
    return score, f"rule {rule.name!r} (score {score}): " + "; ".join(parts)
