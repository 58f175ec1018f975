"""The judged query set (queries.yml) and its scores: hit@3 per kind, P@5 for topics.

An engine is any function from a query to the slugs it finds, best first: the terminal
search, our worker under Node, or the search box of a built site in Chromium.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

QUERIES = Path(__file__).with_name("queries.yml")
Engine = Callable[[str], list[str]]


@dataclass(frozen=True)
class Judged:
    """One query, its kind ('known', 'topic' or a variant's kind) and the papers wanted."""

    query: str
    kind: str
    wanted: frozenset[str]  # a hit@3 is one of these among the first 3
    relevant: frozenset[str] = frozenset()  # topics only: scored with P@5 too


def resolve(prefix: str, slugs: Iterable[str]) -> str:
    """The one slug starting with prefix."""
    found = [slug for slug in slugs if slug.startswith(prefix)]
    if len(found) != 1:
        raise ValueError(f"{QUERIES.name}: {prefix!r} names {len(found)} papers: {found[:3]}")
    return found[0]


def load(slugs: Iterable[str], path: Path = QUERIES) -> list[Judged]:
    """Every judged query, its papers resolved against the digest's slugs."""
    known = sorted(slugs)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def papers(prefixes: list[str] | str) -> frozenset[str]:
        names = [prefixes] if isinstance(prefixes, str) else prefixes
        return frozenset(resolve(name, known) for name in names)

    topics = {t["query"]: papers(t["relevant"]) for t in data["topics"]}
    judged = [Judged(k["query"], "known", papers(k["want"])) for k in data["known"]]
    judged += [Judged(q, "topic", found, found) for q, found in topics.items()]
    for variant in data["variants"]:
        wanted = topics[variant["topic"]] if "topic" in variant else papers(variant["want"])
        judged.append(Judged(variant["query"], variant["kind"], wanted))
    return judged


def hit_at_3(judged: Judged, found: list[str]) -> float:
    return float(bool(judged.wanted & set(found[:3])))


def precision_at_5(judged: Judged, found: list[str]) -> float:
    """Relevant papers among the first 5, out of as many as could be (min(5, relevant))."""
    return len(judged.relevant & set(found[:5])) / min(5, len(judged.relevant))


@dataclass(frozen=True)
class Scores:
    hits: dict[str, float]  # kind -> mean hit@3 ('variants' for all variant kinds together)
    precision: float  # mean P@5 of the topics
    misses: list[str]  # the queries whose hit@3 is 0, with what came first


def score(judged: list[Judged], engine: Engine) -> Scores:
    per_kind: dict[str, list[float]] = {}
    precision, misses = [], []
    for query in judged:
        found = engine(query.query)
        hit = hit_at_3(query, found)
        per_kind.setdefault(query.kind, []).append(hit)
        if query.kind not in {"known", "topic"}:
            per_kind.setdefault("variants", []).append(hit)
        if query.relevant:
            precision.append(precision_at_5(query, found))
        if not hit:
            misses.append(f"{query.kind}: {query.query!r} -> {found[:3]}")
    hits = {kind: round(statistics.mean(values), 2) for kind, values in per_kind.items()}
    return Scores(hits, round(statistics.mean(precision), 2), misses)


KINDS = ["known", "topic", "variants", "dropped", "doubled", "swapped", "wrong", "british"]
KINDS += ["joined", "inflection", "pasted", "sentence"]


def table(results: dict[str, Scores]) -> str:
    """A Markdown table: one row per engine, hit@3 per kind and the topics' P@5."""
    head = ["engine", *(f"{kind} hit@3" if i < 3 else kind for i, kind in enumerate(KINDS))]
    head.insert(3, "topic P@5")
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for name, scores in results.items():
        cells = [f"{scores.hits.get(kind, 0):.2f}" for kind in KINDS]
        cells.insert(2, f"{scores.precision:.2f}")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(rows)
