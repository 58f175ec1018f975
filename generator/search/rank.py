"""Ranking a query against the search index: the rules the site's worker follows too.

assets/search-worker.js is this module's twin in JavaScript (it reads the index in
shards); tests/search/test_agreement.py checks that both find the same papers in the same
order. A query is read as plain words (`words.terms`): no operator but "quotes", whose
words are required. Each word matches, best first:

1. the same term (weight 1);
2. longer terms it starts (weight PREFIX_WEIGHT): the reader may still be typing (not
   for a word in "quotes");
3. only when neither exists, terms one edit away (two from LONG_WORD letters; a swap of
   two letters is one edit), in the shards a typo can reach (`fuzzy_keys`), at
   FUZZY_WEIGHT: "Showing results for" the corrected words.

A paper's score adds its best match per word; papers matching more of the words rank
higher (as Material ranks lunr's results).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, field

from generator.search.index import SearchIndex, shard_key
from generator.search.words import WORD, fold, plain, terms

OPTIONAL = 1
REQUIRED = 2
PREFIX_WEIGHT = 0.5
FUZZY_WEIGHT = 0.3
MAX_CLAUSES = 30  # words beyond these are ignored (a bit mask of matched words)
FUZZY_FROM = 4  # characters a word needs before a typo in it is forgiven
LONG_WORD = 8  # from this many characters, two edits
LIMIT = 50  # results, best first
QUOTED = re.compile(r'"([^"]+)"')

Postings = tuple[list[int], list[int]]  # documents ascending, their scores
Shard = Mapping[str, Postings]
Lookup = Callable[[str], Shard | None]


@dataclass
class Clause:
    term: str
    presence: int
    corrections: list[str] = field(default_factory=list)  # fuzzy matches, best first


@dataclass(frozen=True)
class Found:
    doc: int
    score: float
    mask: int  # bit i: clause i matched


@dataclass(frozen=True)
class Result:
    found: list[Found]
    clauses: list[Clause]
    corrected: str  # the query with its corrected words, or "" when none was corrected


def parse(query: str) -> list[Clause]:
    """The query's clauses: its terms, those in "quotes" required, the others optional."""
    clauses: dict[str, Clause] = {}
    for number, part in enumerate(QUOTED.split(query)):
        presence = REQUIRED if number % 2 else OPTIONAL
        for term in terms(part, parts=False):
            known = clauses.get(term)
            if known is None or presence > known.presence:
                clauses[term] = Clause(term, presence)
    return list(clauses.values())[:MAX_CLAUSES]


def fuzzy_keys(term: str) -> list[str]:
    """The shards a typo of `term` may live in: its own, and those of its first letters
    swapped, or without its first or second letter (one typed too many)."""
    chars = list(term)
    keys = [shard_key(term)]
    if len(chars) >= 3:
        keys += ["".join(chars[1::-1]), "".join(chars[1:3]), chars[0] + chars[2]]
    return list(dict.fromkeys(keys))


def distance(a: str, b: str, limit: int) -> int:
    """Edits from a to b (insert, delete, replace, swap two neighbours), or limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1]


def needs_fuzzy(clause: Clause, lookup: Lookup) -> bool:
    """Whether a clause has no term nor longer term in its shard, and is long enough."""
    shard = lookup(shard_key(clause.term)) or {}
    if any(term.startswith(clause.term) for term in shard):
        return False
    return len(clause.term) >= FUZZY_FROM


def correct(clause: Clause, lookup: Lookup) -> None:
    """The terms nearest to a clause's (fewest edits, then most papers, then A-Z)."""
    limit = 2 if len(clause.term) >= LONG_WORD else 1
    near: list[tuple[int, int, str]] = []
    for key in fuzzy_keys(clause.term):
        for term, (docs, _) in (lookup(key) or {}).items():
            edits = distance(clause.term, term, limit)
            if edits <= limit:
                near.append((edits, -len(docs), term))
    fewest = min((edits for edits, _, _ in near), default=0)
    clause.corrections = [term for edits, _, term in sorted(near) if edits == fewest]


def collect(clause: Clause, lookup: Lookup) -> dict[int, float]:
    """A clause's best score per document."""
    best: dict[int, float] = {}

    def visit(postings: Postings, weight: float) -> None:
        for doc, score in zip(*postings, strict=True):
            value = score * weight
            if not best.get(doc, -1.0) >= value:
                best[doc] = value

    if clause.corrections:
        for key in fuzzy_keys(clause.term):
            for term, postings in (lookup(key) or {}).items():
                if term in clause.corrections:
                    visit(postings, FUZZY_WEIGHT)
        return best
    prefix = clause.presence == OPTIONAL  # a word in "quotes" is that word
    for term, postings in (lookup(shard_key(clause.term)) or {}).items():
        if term == clause.term or (prefix and term.startswith(clause.term)):
            visit(postings, 1 if term == clause.term else PREFIX_WEIGHT)
    return best


def rank(
    clauses: list[Clause],
    lookup: Lookup,
    pages: int,
    limit: int = LIMIT,
    only: Container[int] | None = None,
) -> list[Found]:
    """Documents matching the clauses (all required ones), best first, at most limit;
    only: the documents a search filter admits (facets.py), before the limit."""
    totals = [0.0] * pages
    masks = [0] * pages
    required = 0
    for number, clause in enumerate(clauses):
        bit = 1 << number
        if clause.presence == REQUIRED:
            required |= bit
        for doc, score in collect(clause, lookup).items():
            totals[doc] += score
            masks[doc] |= bit
    found = []
    for doc, mask in enumerate(masks):
        if not mask or mask & required != required or (only is not None and doc not in only):
            continue
        boost = 1 + mask.bit_count() / len(clauses)
        found.append(Found(doc, totals[doc] * (1 + boost * boost), mask))
    found.sort(key=lambda f: (-f.score, f.doc))
    return found[:limit]


def corrected_query(query: str, clauses: list[Clause], texts: Iterable[str]) -> str:
    """The query with each corrected word replaced by its best correction, spelled as in
    the texts shown (the results' titles and text), else as the term; "" if none."""
    best = {c.term: c.corrections[0] for c in clauses if c.corrections}
    if not best:
        return ""
    spelled: dict[str, str] = {}
    for text in texts:
        for match in WORD.finditer(text):
            spelled.setdefault(fold(plain(match.group())), match.group())
    words = []
    for word in query.split():
        found = terms(word, parts=False)
        term = best.get(found[0], "") if len(found) == 1 else ""
        words.append(spelled.get(term, term) if term else word)
    return " ".join(words)


def search(
    index: SearchIndex, query: str, limit: int = LIMIT, only: Container[int] | None = None
) -> Result:
    """The query's results in an index held in memory (only: as for rank)."""
    shards = grouped(index)
    clauses = parse(query)
    for clause in clauses:
        if needs_fuzzy(clause, shards.get):
            correct(clause, shards.get)
    found = rank(clauses, shards.get, len(index.docs), limit, only) if clauses else []
    shown = [index.docs[f.doc] for f in found]
    texts = [text for doc in shown for text in (doc.title, doc.text)]
    return Result(found, clauses, corrected_query(query, clauses, texts))


def grouped(index: SearchIndex) -> dict[str, dict[str, Postings]]:
    """The index's terms by shard key, terms in order."""
    shards: dict[str, dict[str, Postings]] = {}
    for term, postings in index.terms.items():
        shards.setdefault(shard_key(term), {})[term] = postings
    return shards
