"""Tag rules: the scoring engine on small exact cases, then the shipped tags.yml on the shipped
dump (their frozen copy, tests/fixtures/shipped/)."""

from __future__ import annotations

import concurrent.futures
import threading
from collections import Counter
from typing import Any

import pytest

from conftest import SHIPPED
from generator.build import Digest, gather
from generator.model import Location, Paper
from generator.transform import tagging as tagging_module
from generator.transform.tag_rules import TagRules, load_rules
from generator.transform.tagging import tag_paper

SETTINGS = {"title_weight": 3, "abstract_weight": 1, "min_score": 2, "max_tags": 5}


def rules(*tags: dict[str, Any], **settings: int) -> TagRules:
    """Rules as load_rules makes them from a parsed tags.yml; fails on any problem."""
    loaded, problems = load_rules(
        {"settings": {**SETTINGS, **settings}, "tags": list(tags)}, "tags.yml"
    )
    assert problems == []
    return loaded


def rule(name: str, *phrases: str, patterns: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "name": name,
        "description": f"About {name}.",
        "phrases": list(phrases),
        "patterns": list(patterns),
    }


def paper(title: str, abstract: str = "Nothing to see.", given: tuple[str, ...] = ()) -> Paper:
    return Paper(title=title, abstract=abstract, source=Location("x.txt", 1), given_tags=given)


def tags_of(title: str, abstract: str, tag_rules: TagRules) -> tuple[str, ...]:
    return tag_paper(paper(title, abstract), tag_rules).tag_names


def tagged(phrase: str, title: str) -> bool:
    """Does a rule of this one phrase tag a paper of this title? (A title match scores 3.)"""
    return tags_of(title, "Nothing to see.", rules(rule("t", phrase))) == ("t",)


# The engine, case by case.


def test_a_title_match_outweighs_abstract_mentions() -> None:
    tag_rules = rules(
        rule("code", "code generation", "program synthesis"),
        rule("speech", "speech synthesis"),
    )
    tagged = tag_paper(
        paper(
            "Fast Speech Synthesis",
            "Unlike code generation and program synthesis, we synthesise speech.",
        ),
        tag_rules,
    )
    assert [(t.tag, t.reason) for t in tagged.tags] == [
        ("speech", "rule 'speech' (score 3): title matched 'speech synthesis'"),
        (
            "code",
            "rule 'code' (score 2): abstract matched 'code generation', 'program synthesis'",
        ),
    ]


def test_the_title_counts_once_and_each_distinct_abstract_phrase_once() -> None:
    tag_rules = rules(rule("speech", "speech", "voice", "audio"), min_score=1, max_tags=1)
    tagged = tag_paper(
        paper("Speech, voice and audio", "Speech speech speech. A voice, more voices."),
        tag_rules,
    )
    assert tagged.tags[0].reason == (
        "rule 'speech' (score 5): title matched 'speech', 'voice', 'audio'; "
        "abstract matched 'speech', 'voice'"
    )


def test_rules_below_min_score_do_not_tag() -> None:
    tag_rules = rules(rule("speech", "speech", "voice"), min_score=2)
    assert tags_of("A title", "Only speech, said twice: speech.", tag_rules) == ()
    assert tags_of("A title", "Both speech and voice.", tag_rules) == ("speech",)
    assert tags_of("On speech", "Nothing else.", tag_rules) == ("speech",)


def test_min_score_can_demand_more_than_a_title_match() -> None:
    tag_rules = rules(rule("speech", "speech", "voice"), min_score=4)
    assert tags_of("On speech", "Nothing else.", tag_rules) == ()
    assert tags_of("On speech", "A voice.", tag_rules) == ("speech",)


def test_at_most_max_tags_best_first_and_ties_in_file_order() -> None:
    tag_rules = rules(
        *(rule(name, name) for name in ("alpha", "beta", "gamma", "delta", "epsilon", "zeta")),
        max_tags=3,
    )
    title = "alpha beta gamma delta epsilon zeta"
    assert tags_of(title, "Nothing.", tag_rules) == ("alpha", "beta", "gamma")
    assert tags_of(title, "But zeta and epsilon.", tag_rules) == ("epsilon", "zeta", "alpha")


def test_hand_given_tags_come_first_and_count_towards_max_tags() -> None:
    tag_rules = rules(
        rule("speech", "speech"), rule("code", "code"), rule("survey", "survey"), max_tags=3
    )
    tagged = tag_paper(
        paper("A survey of speech and code", given=("mine", "speech", "mine")), tag_rules
    )
    assert tagged.tag_names == ("mine", "speech", "code")
    assert tagged.tags[0].reason == "given by hand in the record"
    assert tagged.tags[1].reason == "given by hand in the record"


@pytest.mark.parametrize(
    ("phrase", "title"),
    [
        # Plurals in s and es.
        ("tokenizer", "Crafting Better Tokenizers"),
        ("bias", "Gender Biases in LLM-Generated Reference Letters"),
        ("vocabularies", "Larger Models Deserve Larger Vocabularies"),
        # Words apart by a hyphen, spaces or a line break, either way round.
        ("long context", "Long-Context LMs"),
        ("long context", "long   contexts"),
        ("long context", "long\ncontext windows"),
        ("long-context", "long context models"),
        ("multi agent", "a multi-agent benchmark"),
        ("multi-agent", "a Multi-Agent benchmark"),
        # Any case; a hyphen after the word ends it.
        ("code", "CODE"),
        ("code", "Chain of Code: a code-driven emulator"),
    ],
)
def test_a_phrase_matches_its_plurals_and_hyphen_or_space_variants(phrase: str, title: str) -> None:
    assert tagged(phrase, title)


@pytest.mark.parametrize(
    ("phrase", "title"),
    [
        # No guessing at plurals in ies: list them (vocabularies above).
        ("vocabulary", "Larger Models Deserve Larger Vocabularies"),
        # Never inside another word.
        ("code", "we encode the input"),
        ("code", "a decoder"),
        ("code", "a codebase"),
        ("code", "CodeRL"),
        ("code", "pseudocode"),
        ("code", "code_generation"),
        ("RAG", "leverage storage"),
        # A word glued to a hyphen in front is part of another word; list the compound too.
        ("agent", "a Multi-Agent benchmark"),
    ],
)
def test_a_phrase_does_not_match_inside_other_words(phrase: str, title: str) -> None:
    assert not tagged(phrase, title)


def test_patterns_are_case_sensitive_unless_they_say_otherwise() -> None:
    tag_rules = rules(
        rule("multimodal", patterns=(r"\bMLLMs?\b",)),
        rule("code", patterns=(r"(?i)\bfor code\b",)),
        min_score=3,
    )
    assert tags_of("Empowering on-device prefilling with mllm-NPU", "", tag_rules) == ()
    assert tags_of("InfMLLM and other MLLMs", "", tag_rules) == ("multimodal",)
    assert tags_of("Large Language Models FOR CODE", "", tag_rules) == ("code",)
    assert tags_of("Our code is available", "The code is at github.", tag_rules) == ()


def test_the_reason_names_what_matched_where() -> None:
    tag_rules = rules(rule("speech", "speech synthesis", "voice", patterns=(r"\bTTS\b",)))
    tagged = tag_paper(paper("Streaming Speech Synthesis", "A TTS voice model."), tag_rules)
    assert tagged.tags[0].reason == (
        "rule 'speech' (score 5): title matched 'speech synthesis'; "
        "abstract matched 'voice', '\\bTTS\\b'"
    )


def test_an_exclude_phrase_in_the_title_or_abstract_stops_the_rule() -> None:
    tag_rules = rules(
        {**rule("speech", "speech synthesis", "voice"), "exclude": ["survey", "text-to-speech"]},
        rule("review", "survey"),
    )
    assert tags_of("Speech Synthesis", "A voice model.", tag_rules) == ("speech",)
    assert tags_of("Speech Synthesis: a Survey", "", tag_rules) == ("review",)
    # Matched as phrases are: any case, plurals, a hyphen or a space.
    assert tags_of("Speech Synthesis", "Many SURVEYS of it.", tag_rules) == ()
    assert tags_of("Speech Synthesis", "Text to speech.", tag_rules) == ()
    # Whole words only: "surveyed" is not "survey".
    assert tags_of("Speech Synthesis", "We surveyed it.", tag_rules) == ("speech",)


def test_a_stopped_rule_is_recorded_with_its_phrase_only_when_it_scored_enough() -> None:
    tag_rules = rules({**rule("speech", "speech synthesis", "voice"), "exclude": ["survey"]})
    stopped = tag_paper(paper("Speech Synthesis", "A voice, a survey."), tag_rules)
    assert stopped.tags == ()
    assert [(t.tag, t.reason) for t in stopped.stopped] == [
        (
            "speech",
            "rule 'speech' (score 4): title matched 'speech synthesis'; abstract matched "
            "'voice'; stopped by 'survey' in the abstract",
        )
    ]
    assert tag_paper(paper("A survey", "Of a voice."), tag_rules).stopped == ()


def test_an_exclude_phrase_does_not_stop_a_tag_given_by_hand() -> None:
    tag_rules = rules({**rule("speech", "speech"), "exclude": ["survey"]})
    tagged = tag_paper(paper("A speech survey", given=("speech",)), tag_rules)
    assert (tagged.tag_names, tagged.stopped) == (("speech",), ())


def test_load_rules_reports_a_bad_exclude_list() -> None:
    data = {"tags": [{"name": "a", "phrases": ["x"], "exclude": "survey"}]}
    _, problems = load_rules(data, "content/tags.yml")
    assert [str(p) for p in problems] == [
        "content/tags.yml: tags[0].exclude: expected a list of text"
    ]
    data = {"tags": [{"name": "a", "phrases": ["x"], "exclude": ["", "survey"]}]}
    loaded, problems = load_rules(data, "content/tags.yml")
    assert [str(p) for p in problems] == [
        "content/tags.yml: tags[0].exclude[0]: empty phrase; remove it"
    ]
    assert tags_of("x", "A survey.", loaded) == ()


def test_load_rules_reads_settings_and_descriptions() -> None:
    loaded, problems = load_rules(
        {
            "settings": {"title_weight": 4, "min_score": 3},
            "tags": [{"name": " speech ", "description": " Voices. ", "phrases": ["voice"]}],
        },
        "content/tags.yml",
    )
    assert problems == []
    assert (loaded.title_weight, loaded.abstract_weight, loaded.min_score) == (4, 1, 3)
    assert loaded.max_tags == 5
    assert [r.name for r in loaded.rules] == ["speech"]
    assert loaded.describe("speech") == "Voices."
    assert loaded.describe("unknown") == ""


def test_load_rules_reports_every_problem_with_its_file_and_key_path() -> None:
    data = {
        "tag": [],
        "settings": {
            "title_wieght": 3,
            "min_score": "two",
            "max_tags": True,
            "abstract_weight": -1,
        },
        "tags": [
            {"name": "speech", "phrase": ["voice"]},
            {"name": "code", "patterns": ["(unclosed", r"\bok\b"]},
            {"name": "speech", "description": "Again."},
            "oops",
            {"description": "No name."},
            {"name": "data", "phrases": "data"},
        ],
    }
    loaded, problems = load_rules(data, "content/tags.yml")
    # Without the lines of a YAML file, problems are in the order of their key paths.
    assert [str(problem) for problem in problems] == [
        "content/tags.yml: settings.abstract_weight: expected a whole number, got -1",
        "content/tags.yml: settings.max_tags: expected a whole number, got True",
        "content/tags.yml: settings.min_score: expected a whole number of at least 1, got 'two'",
        "content/tags.yml: settings.title_wieght: unknown setting; "
        "known: abstract_weight, max_tags, min_score, title_weight",
        "content/tags.yml: tag: unknown key; known: settings, tags",
        "content/tags.yml: tags[0].phrase: unknown key; "
        "known: description, exclude, name, patterns, phrases",
        "content/tags.yml: tags[3]: expected a mapping with name, description, phrases, got 'oops'",
        "content/tags.yml: tags[4]: every rule needs a name",
        "content/tags.yml: tags[5].phrases: expected a list of text",
        "content/tags.yml: tags[1].patterns[0]: '(unclosed' is not a regular expression "
        "(missing ), unterminated subpattern at position 0)",
        "content/tags.yml: tags[2].name: tag 'speech' is already defined at tags[0]; "
        "this rule is ignored",
    ]
    # What can be used still is: the good pattern, the default settings.
    assert [r.name for r in loaded.rules][:2] == ["speech", "code"]
    assert (loaded.title_weight, loaded.min_score, loaded.max_tags) == (3, 2, 5)


def test_load_rules_without_a_tags_list() -> None:
    assert load_rules(None, "content/tags.yml") == (TagRules(), [])
    _, problems = load_rules({"settings": {}}, "content/tags.yml")
    assert [str(p) for p in problems] == [
        "content/tags.yml: expected a mapping with a 'tags' list of rules"
    ]


# The shipped rules on the shipped dump: the product's acceptance criteria.


@pytest.fixture(scope="module")
def shipped() -> Digest:
    return gather(SHIPPED)


def by_title(digest: Digest, start: str) -> Paper:
    found = [p for p in digest.papers if p.title.startswith(start)]
    assert len(found) == 1, start
    return found[0]


def test_shipped_rules_load_without_problems(shipped: Digest) -> None:
    assert [str(p) for p in shipped.problems if "tags.yml" in str(p)] == []
    assert shipped.rules.max_tags == 5
    for tag_rule in shipped.rules.rules:
        assert tag_rule.name == tag_rule.name.lower(), tag_rule.name
        assert tag_rule.description.endswith("."), tag_rule.name
        assert len(tag_rule.description) <= 100, tag_rule.name
    names = {tag_rule.name for tag_rule in shipped.rules.rules}
    assert not names & {"llm", "llms", "language model", "language models", "other", "misc"}


def test_shipped_tags_meet_the_acceptance_criteria(shipped: Digest) -> None:
    papers = shipped.papers
    assert len(papers) == 135
    counts = Counter(tag for p in papers for tag in p.tag_names)
    assert len(counts) >= 12
    untagged = [p.title for p in papers if not p.tags]
    assert len(untagged) <= 0.05 * len(papers), untagged
    assert max(len(p.tags) for p in papers) <= 5
    assert all(len(set(p.tag_names)) == len(p.tag_names) for p in papers)
    share = {tag: count / len(papers) for tag, count in counts.items()}
    assert max(share.values()) <= 0.40, share
    for p in papers:
        for tagging in p.tags:
            assert tagging.reason.startswith(f"rule {tagging.tag!r} (score "), tagging


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("CosyVoice 2: Scalable Streaming Speech Synthesis", {"speech"}),
        ("MiniPLM: Knowledge Distillation for Pre-Training", {"distillation", "pre-training"}),
        ("LLM in a flash: Efficient Large Language Model Inference", {"efficient inference"}),
        ("WECHSEL: Effective initialization", {"multilingual", "tokenization"}),
        ("Retrofitting (Large) Language Models with Dynamic Tokenization", {"tokenization"}),
        ("Direct Preference Optimization: Your Language Model", {"alignment"}),
        ("CodeRL: Mastering Code Generation", {"code", "reinforcement learning"}),
        ("Large Language Models for Code: Security Hardening", {"code", "safety"}),
        ("LooGLE: Can Long-Context Language Models", {"long context", "evaluation"}),
        ("Self-contradictory Hallucinations", {"hallucination"}),
        ("HLLM: Enhancing Sequential Recommendations", {"recommendation"}),
        ("Small LLMs Are Weak Tool Learners", {"agents", "small language models"}),
        ("Why do Nearest Neighbor Language Models Work?", {"retrieval"}),
        ("Unlocking Continual Learning Abilities", {"continual learning"}),
        ("A Survey on Mixture of Experts", {"survey"}),
        ("CALM : A Multi-task Benchmark", {"bias and fairness", "evaluation"}),
        ("Demystifying Large Language Models for Medicine", {"medicine", "survey"}),
        ("Structured Chemistry Reasoning", {"reasoning", "domain applications"}),
        ("InfMLLM: A Unified Framework for Visual-Language Tasks", {"multimodal"}),
    ],
)
def test_papers_get_the_tags_of_their_topic(
    shipped: Digest, title: str, expected: set[str]
) -> None:
    tags = by_title(shipped, title).tag_names
    assert expected <= set(tags), tags


@pytest.mark.parametrize(
    ("title", "wrong"),
    [
        # "child-directed speech" is about language acquisition, not speech technology.
        ("Generating novel experimental hypotheses from language models", "speech"),
        # "recommendation letters" are not recommender systems.
        ('"Kelly is a Warm Person, Joseph is a Role Model"', "recommendation"),
        # "Our code is available at ..." does not make a paper a code paper.
        ("Unlocking Continual Learning Abilities", "code"),
        ("HLLM: Enhancing Sequential Recommendations", "code"),
        ("Visual Programming for Text-to-Image Generation", "code"),
        # mllm-NPU is a mobile inference engine, not a multimodal LLM.
        ("Empowering 1000 tokens/second on-device LLM prefilling", "multimodal"),
        # "black-box text generation APIs" are not agents' tools.
        ("Cheaply Evaluating Inference Efficiency Metrics", "agents"),
        # "Scaling Up Multilingual Evaluation" is not about scaling laws.
        ("Are Large Language Model-based Evaluators", "scaling"),
        # a "lightWeight Infrastructure" is not a small language model.
        ("SWIFT:A Scalable lightWeight Infrastructure", "small language models"),
        # closed-source simulation software is not about open models.
        ("Experiments with Large Language Models on Retrieval-Augmented", "open source"),
        # a passing "fairness and bias" in a deployment checklist.
        ("Demystifying Large Language Models for Medicine", "bias and fairness"),
        # "harmonic alignment" in linguistics is not model alignment.
        ("Generating novel experimental hypotheses from language models", "alignment"),
    ],
)
def test_papers_do_not_get_a_tag_for_a_passing_mention(
    shipped: Digest, title: str, wrong: str
) -> None:
    assert wrong not in by_title(shipped, title).tag_names


def test_settings_and_phrases_that_cannot_work_are_reported() -> None:
    data = {
        "settings": {"min_score": 0},
        "tags": [{"name": "x", "phrases": ["ok", "  "]}],
    }
    loaded, problems = load_rules(data, "content/tags.yml")
    assert [str(problem) for problem in problems] == [
        "content/tags.yml: settings.min_score: expected a whole number of at least 1, got 0",
        "content/tags.yml: tags[0].phrases[1]: empty phrase; remove it",
    ]
    assert len(loaded.finder.matchers) == 1
    _, problems = load_rules({"settings": 5, "tags": []}, "content/tags.yml")
    assert [str(problem) for problem in problems] == [
        "content/tags.yml: settings: expected a mapping of numbers, got 5"
    ]


def test_a_hand_given_tag_is_not_repeated_by_a_rule_in_another_case() -> None:
    tag_rules = rules(rule("speech", "speech"))
    tagged = tag_paper(paper("Speech", given=("Speech",)), tag_rules)
    assert tagged.tag_names == ("Speech",)


def many_papers(count: int) -> list[Paper]:
    topics = ["speech", "agents", "code", "reasoning and speech", "nothing at all"]
    return [
        paper(f"Paper {n} on {topics[n % 5]}", f"We study {topics[(n // 5) % 5]}.")
        for n in range(count)
    ]


def test_a_pool_tags_a_large_digest_exactly_as_one_process_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tag_rules = rules(rule("speech", "speech"), rule("agents", "agents"), rule("code", "code"))
    papers = many_papers(60)
    alone = [tag_paper(p, tag_rules) for p in papers]
    pools: list[int] = []
    real_pool = concurrent.futures.ProcessPoolExecutor

    def counted(workers: int, **kwargs: Any) -> Any:
        pools.append(workers)
        return real_pool(workers, **kwargs)

    monkeypatch.setattr(tagging_module, "ProcessPoolExecutor", counted)
    monkeypatch.setattr(tagging_module, "POOL_FROM", 50)
    monkeypatch.setattr(tagging_module, "CHUNK", 7)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr("threading.active_count", lambda: 1)  # earlier tests' servers
    assert tagging_module.tag_all(papers, tag_rules) == alone
    assert pools == [2]
    assert any(p.tags for p in alone) and any(not p.tags for p in alone)


def test_a_process_running_threads_tags_without_forking(monkeypatch: pytest.MonkeyPatch) -> None:
    tag_rules = rules(rule("speech", "speech"))
    papers = many_papers(60)

    def refused(*_: Any, **__: Any) -> Any:
        raise AssertionError("forked a process that runs threads")

    monkeypatch.setattr(tagging_module, "ProcessPoolExecutor", refused)
    monkeypatch.setattr(tagging_module, "POOL_FROM", 50)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        tagged = tagging_module.tag_all(papers, tag_rules)
        assert tagged == [tag_paper(p, tag_rules) for p in papers]
    finally:
        stop.set()
        other.join()
