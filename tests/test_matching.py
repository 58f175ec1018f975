"""Matching phrases on words, and the literal pre-check of regular expressions."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

import pytest

from conftest import SHIPPED
from generator.build import gather
from generator.transform import matching
from generator.transform.matching import expression, finder, needles, phrase

TEXTS = [
    "Long-context models read long contexts; a long   context too.",
    "A multi-agent system of agents, and one agent.",
    "We encode code, write codes and code-driven tests.",
    "Tokenizers and vocabularys, not vocabularies; BPE-based merges.",
    "speech synthesis (TTS) and Text-to-Speech, speech-synthesis.",
    "KV cache, KV-caches, kv  caches and KVcache.",
    "Die Straße ist groß; ÜBER alles; 東京 and naïve café.",
    "detect_sarcasm(string) with <4.3% and >35%",
]
PHRASES = [
    "long context",
    "agent",
    "code",
    "vocabulary",
    "BPE",
    "speech synthesis",
    "TTS",
    "KV cache",
    "über",
    "café",
    "string",
    "sarcasm",
    "caches",
    "text-to-speech",
]


def test_phrases_that_are_not_only_words_are_expressions() -> None:
    matcher = phrase("C++")
    assert matcher.words == ()
    assert finder([matcher]).found("in C++ and C") == {0}
    assert finder([matcher]).found("in C and D") == set()


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?i)\b(?:generate|write) code\b", ((" code",), ("generate", "write"))),
        (r"(?i)\b(?:fine[\s-]?)?tun(?:e|es|ed|ing)\b", (("tun",),)),
        (r"\bMLLMs?\b", (("mllm",),)),
        (r"(?i)\bfoo|bar", (("bar", "foo"),)),
        (r"\d+ languages", ((" languages",),)),
        (r"(?:ab|cd)+x(?:yz)", (("ab", "cd"), ("xyz",))),
        (r"\w+", ()),
        (r"a?b", ()),
    ],
)
def test_needles(pattern: str, expected: tuple[tuple[str, ...], ...]) -> None:
    assert needles(re.compile(pattern)) == expected


@pytest.mark.parametrize("text", TEXTS)
def test_needles_never_hide_a_match(text: str) -> None:
    patterns = [r"(?i)\bagents?\b", r"\bKV[- ]?cache", r"(?i)code-\w+", r"[<>]\d"]
    matchers = [expression(p) for p in patterns]
    expected = {i for i, p in enumerate(patterns) if re.search(p, text)}
    assert finder(matchers).found(text) == expected


# re._parser is private to Python: without it, or when it fails or parses otherwise,
# expressions get no needles and are always searched, with the same result.


def _raises(*_: Any) -> Any:
    raise TypeError("parse() changed")


BROKEN_PARSERS: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "missing": lambda mp: mp.setattr(matching, "_parser", None),
    "raising": lambda mp: mp.setattr(matching, "_parser", SimpleNamespace(parse=_raises)),
    "renamed constants": lambda mp: mp.setattr(matching, "_constants", SimpleNamespace()),
    "another tree": lambda mp: mp.setattr(
        matching, "_parser", SimpleNamespace(parse=lambda *_: [])
    ),
}


@pytest.fixture
def fresh_probe() -> Iterator[None]:
    """The cached verdict on re._parser, forgotten before and after the test."""
    matching._parser_works.cache_clear()
    yield
    matching._parser_works.cache_clear()


@pytest.mark.parametrize("broken", sorted(BROKEN_PARSERS))
def test_without_a_working_parser_expressions_are_always_searched(
    broken: str, monkeypatch: pytest.MonkeyPatch, fresh_probe: None
) -> None:
    assert needles(re.compile(r"\bMLLMs?\b")) == (("mllm",),)
    matching._parser_works.cache_clear()
    BROKEN_PARSERS[broken](monkeypatch)
    assert needles(re.compile(r"\bMLLMs?\b")) == ()
    patterns = [r"(?i)\bagents?\b", r"\bKV[- ]?cache", r"(?i)code-\w+", r"[<>]\d", "C\\+\\+"]
    matchers = [expression(p) for p in patterns]
    for text in TEXTS:
        assert finder(matchers).found(text) == {
            i for i, p in enumerate(patterns) if re.search(p, text)
        }


def test_the_content_gets_the_same_tags_without_the_parser(
    monkeypatch: pytest.MonkeyPatch, fresh_probe: None
) -> None:
    def tags() -> tuple[list[tuple[str, tuple[str, ...]]], set[str]]:
        """Every paper's tags, and the rules' expressions that have needles."""
        digest = gather(SHIPPED)
        prefiltered = {m.text for m in digest.rules.finder.matchers if m.needles}
        return [(paper.title, paper.tag_names) for paper in digest.papers], prefiltered

    with_parser, prefiltered = tags()
    # The shipped rules tag most papers, and most of their patterns have needles.
    assert sum(len(names) for _, names in with_parser) > len(with_parser) / 2
    assert len(prefiltered) >= 20
    monkeypatch.setattr(matching, "_parser", None)
    matching._parser_works.cache_clear()
    assert tags() == (with_parser, set())
