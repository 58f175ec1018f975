"""Tag papers by the rules in content/tags.yml: transparent phrase and pattern matches.

A rule scores a paper: a match in the title counts `title_weight`, each distinct
phrase or pattern found in the abstract counts `abstract_weight`. Rules scoring at
least `min_score` tag the paper, best first, up to `max_tags` (hand-given tags first),
unless one of the rule's exclude phrases is in the title or abstract: such a rule is
recorded as stopped, with the phrase, so "Why these tags?" can say so.
The rules are loaded by generator/transform/tag_rules.py; how phrases and patterns match is
in generator/transform/matching.py.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

from generator.common.background import forkable
from generator.model import Paper, Tagging
from generator.transform.tag_rules import Rule, TagRules

HAND = "given by hand in the record"
# Tagging is most of the generator's time on a large digest, and each paper is tagged on
# its own: from this many papers on, they are tagged in chunks by a pool of processes,
# one per core. Below it, starting the processes costs more than they save.
POOL_FROM = 2000
CHUNK = 500


Found = tuple[tuple[Tagging, ...], tuple[Tagging, ...]]  # (tags, rules stopped)


def tag_paper(paper: Paper, rules: TagRules) -> Paper:
    """The paper with its tags: hand-given ones first, then the best-scoring rules."""
    tags, stopped = tags_of(paper, rules)
    return replace(paper, tags=tags, stopped=stopped)


def tags_of(paper: Paper, rules: TagRules) -> Found:
    """The paper's tags: hand-given ones first, then the best-scoring rules; and the rules
    that scored enough but were stopped by an exclude phrase."""
    given = {tag.casefold() for tag in paper.given_tags}
    chosen = [Tagging(tag, HAND) for tag in dict.fromkeys(paper.given_tags)]
    in_title = rules.finder.found(paper.title)
    in_abstract = rules.finder.found(paper.abstract)
    scored = []
    stopped = []
    for position, rule in enumerate(rules.rules):
        if rule.name.casefold() in given:
            continue
        score, reason = _score(rule, rules, in_title, in_abstract)
        if score < rules.min_score:
            continue
        stop = _stop(rule, rules, in_title, in_abstract)
        if stop:
            stopped.append(Tagging(rule.name, f"{reason}; stopped by {stop}"))
        else:
            scored.append((-score, position, Tagging(rule.name, reason)))
    room = max(rules.max_tags - len(chosen), 0)
    chosen += [tagging for _, _, tagging in sorted(scored)[:room]]
    return tuple(chosen), tuple(stopped)


def _stop(rule: Rule, rules: TagRules, in_title: set[int], in_abstract: set[int]) -> str:
    """The first exclude phrase of the rule found, and where; "" when none is."""
    texts = rules.finder.matchers
    for i in rule.excludes:
        if i in in_title or i in in_abstract:
            return f"'{texts[i].text}' in the {'title' if i in in_title else 'abstract'}"
    return ""


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


Tags = list[Found]
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
    return [
        replace(paper, tags=tags, stopped=stopped)
        for paper, (tags, stopped) in zip(papers, found, strict=True)
    ]


def _tag_range(bounds: tuple[int, int]) -> Tags:
    assert _WORK is not None
    papers, rules = _WORK
    return [tags_of(paper, rules) for paper in papers[bounds[0] : bounds[1]]]
