"""Find which of many phrases and patterns occur in a text, in one pass over its words.

A phrase made only of words, spaces and hyphens ("long context", "text-to-speech")
is matched on the text's words: any case, whole words, a space or hyphen in the phrase
matches any run of spaces and hyphens in the text, and the last word may carry a
plural -s or -es. A word glued to a hyphen in front does not start a match: "agent"
does not match "multi-agent". Any other phrase, and every pattern, is a regular
expression; it is searched only when the text contains one of the literals that every
match of it must contain, which spares most searches.

Those literals are read off the expression's parse tree, from Python's private re._parser.
Should a Python lack it or change it (an import error, a missing name, a tree of another
shape), expressions get no literals and are simply always searched: slower, same result.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

try:  # private modules of Python's: see needles()
    import re._constants as _constants  # the regular-expression parser's own data model
    import re._parser as _parser
except ImportError:  # pragma: no cover - a Python without them
    _parser = _constants = None

WORD = re.compile(r"\w+")
TOKEN = re.compile(r"(\W*)(\w+)")
SIMPLE_PHRASE = re.compile(r"[\w\s-]*\w[\w\s-]*")
JOINER = re.compile(r"[\s-]+")


@dataclass(frozen=True)
class Matcher:
    """A phrase or pattern as the forker wrote it, ready to match."""

    text: str
    words: tuple[str, ...] = ()  # a simple phrase's lowercase words
    pattern: re.Pattern[str] | None = None  # everything else
    needles: tuple[tuple[str, ...], ...] = ()  # every match contains one of each group


def phrase(text: str) -> Matcher:
    """A phrase: matched on words when it is only words, else as an escaped expression."""
    if SIMPLE_PHRASE.fullmatch(text):
        return Matcher(text, words=tuple(WORD.findall(text.lower())))
    escaped = r"[\s\-]+".join(re.escape(word) for word in text.split())
    return expression(text, rf"(?<![\w-]){escaped}(?:s|es)?(?![\w])", re.IGNORECASE)


def expression(text: str, source: str | None = None, flags: int = 0) -> Matcher:
    """A regular expression (raises re.error when it is not one)."""
    pattern = re.compile(text if source is None else source, flags)
    return Matcher(text, pattern=pattern, needles=needles(pattern))


@dataclass(frozen=True)
class Finder:
    """Which of a fixed list of matchers occur in a text."""

    matchers: tuple[Matcher, ...] = ()
    # Every word form that can start a phrase match: the phrases it may start and,
    # for one-word phrases, their singular or plural forms.
    starts: dict[str, tuple[int, ...]] = field(default_factory=dict)
    expressions: tuple[int, ...] = ()

    def found(self, text: str) -> set[int]:
        """Positions in `matchers` of those that match somewhere in the text."""
        lowered = text.lower()
        hits: set[int] = set()
        words = TOKEN.findall(lowered)  # (what precedes the word, the word)
        starts = self.starts
        for index, (before, word) in enumerate(words):
            positions = starts.get(word)
            if positions is None or before.endswith("-"):
                continue
            for position in positions:
                phrase = self.matchers[position].words
                if len(phrase) == 1 or _phrase_at(phrase, words, index):
                    hits.add(position)
        for position in self.expressions:
            matcher = self.matchers[position]
            assert matcher.pattern is not None
            if not all(any(n in lowered for n in group) for group in matcher.needles):
                continue
            if matcher.pattern.search(text):
                hits.add(position)
        return hits


def finder(matchers: Sequence[Matcher]) -> Finder:
    starts: dict[str, list[int]] = defaultdict(list)
    for position, matcher in enumerate(matchers):
        first = matcher.words[:1]
        forms = (
            [w + ending for w in first for ending in ("", "s", "es")]
            if len(matcher.words) == 1
            else list(first)
        )
        for form in dict.fromkeys(forms):
            starts[form].append(position)
    expressions = tuple(i for i, m in enumerate(matchers) if m.pattern is not None)
    return Finder(tuple(matchers), {k: tuple(v) for k, v in starts.items()}, expressions)


def _phrase_at(phrase: tuple[str, ...], words: list[tuple[str, str]], start: int) -> bool:
    """Whether the phrase's later words follow words[start], joined by spaces or hyphens."""
    if start + len(phrase) > len(words):
        return False
    for offset in range(1, len(phrase)):
        before, word = words[start + offset]
        wanted = phrase[offset]
        if not JOINER.fullmatch(before):
            return False
        last = offset == len(phrase) - 1
        if word != wanted and not (last and word in (wanted + "s", wanted + "es")):
            return False
    return True


def needles(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """Groups of lowercase strings: every match contains one string of each group.

    No groups at all (the expression is always searched) when re._parser is missing,
    fails, or reads a known expression otherwise than this module expects.
    """
    if not _parser_works():
        return ()
    try:
        return _needles(pattern)
    except Exception:  # private API: any failure only costs the shortcut
        return ()


def _needles(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    groups = _required(_parser.parse(pattern.pattern, pattern.flags))
    return tuple(sorted(tuple(sorted(group)) for group in groups))


# An expression using every construct _required reads, and the literals it must find.
_PROBE = r"(?i)(Speech) (?:synthesis|TTS)+?s?x*|tokens?"
_PROBE_NEEDLES = (("speech", "token"),)


@functools.cache
def _parser_works() -> bool:
    """Whether re._parser is there and parses as _required expects."""
    try:
        return _needles(re.compile(_PROBE)) == _PROBE_NEEDLES
    except Exception:
        return False


def _required(items: Any) -> list[set[str]]:
    """Sets of literals such that any match of `items` contains one literal of each set."""
    groups: list[set[str]] = []
    run = ""
    for op, value in items:
        if op is _constants.LITERAL:
            run += chr(value).lower()
            continue
        groups.append({run})
        run = ""
        if op is _constants.BRANCH:
            branches = [_best(_required(branch)) for branch in value[1]]
            groups.append(set().union(*branches) if all(branches) else set())
        elif op is _constants.SUBPATTERN:
            groups += _required(value[-1])
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and value[0] >= 1:
            groups += _required(value[2])
    groups.append({run})
    return [g for g in groups if g and all(len(literal) >= 2 for literal in g)]


def _best(groups: list[set[str]]) -> set[str]:
    """The most selective single group: the one whose shortest literal is longest."""
    return max(groups, key=lambda group: min(map(len, group)), default=set())
