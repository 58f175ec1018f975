"""Related papers: similar papers first, ties by slug, nothing listed twice or itself."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from generator.discover import related as related_module
from generator.discover.related import related, terms, tokens
from generator.model import Location, Paper


def paper(slug: str, title: str, abstract: str) -> Paper:
    return Paper(title=title, abstract=abstract, source=Location("x.txt"), slug=slug)


SPEECH = "Speech synthesis with a neural vocoder and streaming voice tokens for speakers."
TOKENS = "Tokenizers split text into subword units; vocabulary size shapes the tokenizer."
PAPERS = [
    paper("speech-a", "Streaming speech synthesis", SPEECH),
    paper("speech-b", "Neural vocoder for voice", SPEECH + " Speakers vary."),
    paper("tok-a", "Better tokenizers", TOKENS),
    paper("tok-b", "Subword vocabulary", TOKENS + " Subword merges."),
    paper("other", "Protein folding", "Proteins fold; amino acids and structures."),
]


def test_tokens_drop_stop_words_numbers_and_plurals() -> None:
    assert tokens("The Models use 3 self-supervised tokenizers, and a GPU-4 in 2024.") == [
        "model",
        "use",
        "self-supervised",
        "tokenizer",
        "gpu-4",
    ]
    assert tokens("class bus analysis") == ["class", "bus", "analysis"]


def test_title_words_count_twice() -> None:
    assert terms(paper("a", "Voice", "voice and speech"))["voice"] == 3


def test_similar_papers_come_first_and_unrelated_ones_not_at_all() -> None:
    found = related(PAPERS, k=5)
    assert found["speech-a"][0] == "speech-b"
    assert found["tok-a"][0] == "tok-b"
    assert "other" not in found["speech-a"]
    assert found["other"] == ()
    assert all(slug not in found[slug] for slug in found)


def test_ties_go_to_the_smaller_slug_whatever_the_input_order() -> None:
    twins = [paper(s, "Same", "identical words here") for s in ("c", "a", "b", "d")]
    others = [paper(f"z{i}", f"Other {i}", f"unrelated{i} text{i}") for i in range(4)]
    found = related(twins + others, k=2)
    assert {s: found[s] for s in "abcd"} == {
        "a": ("b", "c"),
        "b": ("a", "c"),
        "c": ("a", "b"),
        "d": ("a", "b"),
    }
    assert related(list(reversed(twins + others)), k=2) == found


def test_words_in_most_papers_link_nothing() -> None:
    twins = [paper(s, "Same", "identical words here") for s in "abc"]
    assert related(twins) == {"a": (), "b": (), "c": ()}


def test_k_limits_the_list_and_empty_input_is_fine() -> None:
    assert all(len(v) <= 1 for v in related(PAPERS, k=1).values())
    assert related([]) == {}
    assert related([PAPERS[0]]) == {"speech-a": ()}


BEST = related_module._best
MANY = [
    paper(f"p{i:02d}", f"Title {i % 7}", f"word{i % 5} word{i % 3} shared{i % 4} common")
    for i in range(40)
]


def chunks(monkeypatch: pytest.MonkeyPatch, rows: int) -> list[int]:
    """Score at most `rows` papers at once (each row of a chunk holds one score per paper,
    40 here); returns the number of rows of each chunk scored."""
    monkeypatch.setattr(related_module, "CHUNK_CELLS", rows * len(MANY))
    sizes = []

    def counted(scores: Any, first: int, k: int) -> list[tuple[int, ...]]:
        sizes.append(scores.shape[0])
        return BEST(scores, first, k)

    monkeypatch.setattr(related_module, "_best", counted)
    return sizes


@pytest.mark.parametrize(
    ("rows", "sizes"),
    [
        (1, [1] * 40),  # a paper at a time
        (7, [7] * 5 + [5]),  # a last chunk smaller than the others
        (20, [20, 20]),  # chunks that split the papers evenly
    ],
)
def test_chunk_size_does_not_change_the_result(
    rows: int, sizes: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = chunks(monkeypatch, len(MANY))
    expected = related(MANY)
    assert whole == [40]  # every paper scored in one chunk
    assert sum(map(bool, expected.values())) == 40  # every paper has related papers
    scored = chunks(monkeypatch, rows)
    assert related(MANY) == expected
    assert scored == sizes


def test_champion_lists_bound_the_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    # Ten papers share one word and nothing else; with champion lists of 3, the word
    # answers with its 3 heaviest papers (all weigh the same: the first three slugs).
    sharing = [paper(f"p{i:02d}", f"Paper{i}", "shared") for i in range(10)]
    alone = [paper(f"q{i:02d}", f"Single{i}", f"lonely{i}") for i in range(10)]
    monkeypatch.setattr(related_module, "CHAMPIONS", 3)
    found = related(sharing + alone)
    listed = Counter(slug for slugs in found.values() for slug in slugs)
    assert set(listed) == {"p00", "p01", "p02"}
    assert found["p00"] == ("p01", "p02")
    assert found["p05"] == ("p00", "p01", "p02")
