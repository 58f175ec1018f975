"""Tag papers by the rules in content/tags.yml: transparent phrase and pattern matches.

A rule scores a paper: a match in the title counts `title_weight`, each distinct
phrase or pattern found in the abstract counts `abstract_weight`. Rules scoring at
least `min_score` tag the paper, best first, up to `max_tags` (hand-given tags first).
How phrases and patterns match is in generator/transform/matching.py.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from generator.common.background import forkable
from generator.model import Location, Paper, Problem, Tagging
from generator.transform.matching import Finder, Matcher, expression, finder, phrase

RULE_KEYS = frozenset({"name", "description", "phrases", "patterns"})
SETTING_KEYS = frozenset({"title_weight", "abstract_weight", "min_score", "max_tags"})
HAND = "given by hand in the record"
# Tagging is most of the generator's time on a large digest, and each paper is tagged on
# its own: from this many papers on, they are tagged in chunks by a pool of processes,
# one per core. Below it, starting the processes costs more than they save.
POOL_FROM = 2000
CHUNK = 500


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


def phrase_pattern(text: str) -> re.Pattern[str]:
    """The regular expression equivalent of a phrase (for documentation and tests)."""
    escaped = r"[\s\-]+".join(re.escape(word) for word in text.split())
    return re.compile(rf"(?<![\w-]){escaped}(?:s|es)?(?![\w])", re.IGNORECASE)


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


def tag_paper(paper: Paper, rules: TagRules) -> Paper:
    """The paper with its tags: hand-given ones first, then the best-scoring rules."""
    return replace(paper, tags=tags_of(paper, rules))


def tags_of(paper: Paper, rules: TagRules) -> tuple[Tagging, ...]:
    """The paper's tags: hand-given ones first, then the best-scoring rules."""
    given = {tag.casefold() for tag in paper.given_tags}
    chosen = [Tagging(tag, HAND) for tag in dict.fromkeys(paper.given_tags)]
    in_title = rules.finder.found(paper.title)
    in_abstract = rules.finder.found(paper.abstract)
    scored = []
    for position, rule in enumerate(rules.rules):
        if rule.name.casefold() in given:
            continue
        score, reason = _score(rule, rules, in_title, in_abstract)
        if score >= rules.min_score:
            scored.append((-score, position, Tagging(rule.name, reason)))
    room = max(rules.max_tags - len(chosen), 0)
    chosen += [tagging for _, _, tagging in sorted(scored)[:room]]
    return tuple(chosen)


def _score(
    rule: Rule, rules: TagRules, in_title: set[int], in_abstract: set[int]
) -> tuple[int, str]:
    texts = rules.finder.matchers
    title = [texts[i].text for i in rule.matchers if i in in_title]
    abstract = [texts[i].text for i in rule.matchers if i in in_abstract]
    score = (rules.title_weight if title else 0) + rules.abstract_weight * len(abstract)
    parts = []
    if title:
        parts.append("title matched " + ", ".join(f"'{t}'" for t in title))
    if abstract:
        parts.append("abstract matched " + ", ".join(f"'{t}'" for t in abstract))
    return score, f"rule {rule.name!r} (score {score}): " + "; ".join(parts)


Tags = list[tuple[Tagging, ...]]
_WORK: tuple[Sequence[Paper], TagRules] | None = None  # what tag_all's workers tag


def tag_all(
    papers: Sequence[Paper],
    rules: TagRules,
    progress: Callable[[Iterable[Tags], int], Iterable[Tags]] = lambda chunks, _: chunks,
) -> list[Paper]:
    """Every paper with its tags, in the same order; in a process pool when there are many.

    progress wraps the chunks' results as they come (generator/common/progress.py draws a bar).
    """
    global _WORK
    bounds = [(start, min(start + CHUNK, len(papers))) for start in range(0, len(papers), CHUNK)]
    workers = min(os.cpu_count() or 1, len(bounds))
    # Forked workers: they inherit the papers and rules (only the tags come back), and need
    # no importable __main__ (spawned ones re-run the caller's script).
    _WORK = (papers, rules)
    try:
        if len(papers) >= POOL_FROM and workers > 1 and forkable():
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                found = [
                    tags
                    for chunk in progress(pool.map(_tag_range, bounds), len(bounds))
                    for tags in chunk
                ]
        else:
            found = [
                tags for chunk in progress(map(_tag_range, bounds), len(bounds)) for tags in chunk
            ]
    finally:
        _WORK = None
    return [replace(paper, tags=tags) for paper, tags in zip(papers, found, strict=True)]


def _tag_range(bounds: tuple[int, int]) -> Tags:
    assert _WORK is not None
    papers, rules = _WORK
    return [tags_of(paper, rules) for paper in papers[bounds[0] : bounds[1]]]
