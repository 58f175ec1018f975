"""Matching phrases on words, and the literal pre-check of regular expressions."""

from __future__ import annotations

import re

import pytest

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
