"""Cleaning scraped abstracts: LaTeX leftovers, quotes, ties and links."""

from __future__ import annotations

import pytest

from generator.common.links import classify, find_urls, trim_url
from generator.transform.clean import clean_latex, short_name


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (r"we introduce \textbf{D}irect Preference", "we introduce Direct Preference"),
        (
            "We introduce ``Successive Prompting'', where",
            "We introduce “Successive Prompting”, where",
        ),
        (r"new contexts (\eg text prompts", "new contexts (e.g. text prompts"),
        (r"i.e. \ie and \etal", "i.e. i.e. and et al."),
        ("long documents.~Working in progress.", "long documents. Working in progress."),
        ("an improvement of ~5% absolute", "an improvement of ~5% absolute"),
        (r"progress.\url{https://github.com/x/y}", "progress. https://github.com/x/y"),
        (r"at \url{https://github.com/x/y}. We", "at  https://github.com/x/y. We"),
        (
            "at https://github.com/wenyudu/MIGU{this https URL}.",
            "at https://github.com/wenyudu/MIGU.",
        ),
        (r"a 10\% gain \& more", "a 10% gain & more"),
        ("costs $100K and $5", "costs $100K and $5"),
        (r"error $\epsilon \leq 0.1$ here", "error ε ≤ 0.1 here"),
        ("a `quoted' word and it's fine", "a ‘quoted’ word and it's fine"),
        (
            "<4.3%, >35%, detect_sarcasm(string), * | #",
            "<4.3%, >35%, detect_sarcasm(string), * | #",
        ),
    ],
)
def test_clean_latex(raw: str, clean: str) -> None:
    assert clean_latex(raw, "") == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (
            r"Schr\"odinger, Schr{\"o}dinger, \"{O}zg\"ur, {\c{C}}ak, \v{S}ediv\'y, Stra\ss e",
            "Schrödinger, Schrödinger, Özgür, Çak, Šedivý, Straße",
        ),
        # One-word groups protect case in BibTeX; a group with spaces may be a set: it stays.
        (
            r"{DANLI}: 50{\%} of the agent{'}s {Large Models}",
            "DANLI: 50% of the agent's {Large Models}",
        ),
        (
            r"we propose $DiPro$ on $11$ datasets, \(\pi_0\), $10-$20",
            "we propose DiPro on 11 datasets, π_0, $10-$20",
        ),
        (
            r"a bound \[\tilde\Theta\left(\frac{\sqrt{n}}{\varepsilon^2}\right)\] holds",
            "a bound Θ̃(√(n)/ε^2) holds",
        ),
        # An accent no letter takes, a command's argument and escaped braces stay as written.
        (r"keep \"b, \cite{x} and \{x\}", 'keep \\"b, cite{x} and {x}'),
    ],
)
def test_accents_braces_and_math(raw: str, clean: str) -> None:
    assert clean_latex(raw, "") == clean


def test_unknown_method_macro_takes_the_title_name() -> None:
    title = "LongPO: Long Context Self-Evolution of Large Language Models"
    assert clean_latex(r"Specifically, \ourMethod-trained models", title) == (
        "Specifically, LongPO-trained models"
    )
    assert clean_latex(r"a \foo command", title) == "a foo command"
    assert clean_latex(r"Specifically, \ourMethod{} works", title) == "Specifically, LongPO works"
    assert short_name("No Colon Here") == "this method"


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        ("https://github.com/thu-coai/MiniPLM.", "https://github.com/thu-coai/MiniPLM"),
        ("https://github.com/linkedin/ControlLLM)", "https://github.com/linkedin/ControlLLM"),
        ("https://github.com/wenyudu/MIGU{this", "https://github.com/wenyudu/MIGU"),
        ("https://github.com/a/b,", "https://github.com/a/b"),
        ("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"),
        ("https://github.com/x/TinyHelen.git.", "https://github.com/x/TinyHelen.git"),
    ],
)
def test_trim_url(raw: str, url: str) -> None:
    assert trim_url(raw) == url


def test_find_urls_in_text() -> None:
    text = "Code (https://github.com/a/b) and models (https://huggingface.co/c/d)."
    assert find_urls(text) == ["https://github.com/a/b", "https://huggingface.co/c/d"]
    assert find_urls("nothing here, not even http:// alone") == []


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://github.com/THUDM/LongWriter", "code"),
        ("https://huggingface.co/datasets/ServiceNow/repliqa", "dataset"),
        ("https://huggingface.co/CofeAI/FLM-101B", "model"),
        ("https://huggingface.co/spaces/a/b", "demo"),
        ("https://inversescaling.com/data", "dataset"),
        ("https://baai-agents.github.io/Cradle/", "project"),
    ],
)
def test_classify(url: str, kind: str) -> None:
    assert classify(url).kind == kind


def test_classify_label_is_host_and_path() -> None:
    assert classify("https://www.github.com/a/b/").label == "github.com/a/b"


def test_pathological_latex_is_cleaned_in_linear_time_and_keeps_its_text() -> None:
    # Each of these took from seconds to minutes when a pattern rescanned the whole text.
    assert clean_latex("``" * 25_000, "") == "``" * 25_000
    nested = "\\textbf{" * 5_000 + "x" + "}" * 5_000
    left = 5_000 - 8  # levels still wrapped after the 8 that are unwrapped
    assert clean_latex(nested, "") == "textbf{" * left + "x" + "}" * left
    assert trim_url("https://x.org/a" + ")" * 50_000) == "https://x.org/a"
    assert trim_url("https://x.org/(a)" + ".)" * 3) == "https://x.org/(a)"
