"""The digest command: exit codes and exact messages."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from conftest import CONTENT, ROOT, SHIPPED
from generator.cli.main import cli

ABSTRACT = "We study a thing in depth. It works well on many benchmarks and we release code."


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_on_shipped_content_is_clean() -> None:
    code, _, err = run("check", "--content", str(SHIPPED))
    assert code == 0
    assert err.endswith("duplicates merged, 0 problems\n")
    assert err.splitlines()[:-1] == [  # how each file was read, then the summary
        f"note: {SHIPPED}/papers-meta.yml: read as records, 135 records, 0 with an abstract",
        f"note: {SHIPPED}/trending.txt: read as papers page copied as text, 135 papers",
    ]
    assert err.splitlines()[-1].startswith("135 papers read, 135 paper pages to write, ")


def test_the_content_of_this_checkout_has_no_problems() -> None:
    """content/ as this checkout has it (a fork's own papers, perhaps): whatever it holds,
    it must read without a problem."""
    code, _, err = run("check", "--content", str(CONTENT))
    assert (code, err.splitlines()[-1].rsplit(", ", 1)[-1]) == (0, "0 problems"), err


def test_check_lists_every_problem_with_file_and_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "dump.txt").write_text(
        f"Good\n\n{ABSTRACT}\n\nNo Abstract\n\nAlso Good\n\n{ABSTRACT}\n"
    )
    (content / "broken.yml").write_text("- title: X\n  abstract: [\n")
    code, _, err = run("check", "--content", str(content))
    assert code == 1
    assert err.splitlines() == [
        f"error: {content}/broken.yml:3: cannot be read: expected the node content, but found "
        "'<stream end>'",
        f"error: {content}/dump.txt:5: title 'No Abstract' has no abstract after it (another "
        "title follows); expected a blank line, then the abstract paragraph",
        f"note: {content}/broken.yml: read as records, 0 papers, 1 problem",
        f"note: {content}/dump.txt: read as papers page copied as text, 2 papers, 1 problem",
        "2 papers read, 2 paper pages to write, 0 tags, 0 duplicates merged, 2 problems",
    ]


def test_build_with_problems_still_builds_unless_strict(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "dump.txt").write_text(f"Good\n\n{ABSTRACT}\n\nCut Off\n")
    docs, site = tmp_path / "docs", tmp_path / "site"
    args = ["build", "--content", str(content), "--docs-dir", str(docs), "--site-dir", str(site)]
    code, _, err = run(*args, "--config", str(ROOT / "mkdocs.yml"))
    assert code == 0, err
    assert (site / "papers" / "good.html").is_file()
    (content / "dump.txt").write_text(f"Better\n\n{ABSTRACT}\n\nCut Off\n")
    code, _, err = run(*args, "--config", str(ROOT / "mkdocs.yml"), "--strict")
    assert code == 1
    assert "Error: 1 problem in the input (--strict); the site was not rebuilt" in err
    assert (site / "papers" / "good.html").is_file()
    assert not (site / "papers" / "better.html").exists()


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("CosyVoice", "CosyVoice 2: Scalable Streaming Speech Synthesis"),
        ("WECHSEL", "WECHSEL: Effective initialization"),
        ("TART", "TART: A plug-and-play Transformer"),
        ("VirtualHome", "Language Models Meet World Models"),
        ("FLM-101B", "FLM-101B: An Open LLM"),
        ("mllm-NPU", "Empowering 1000 tokens/second on-device LLM prefilling"),
        ("LLM in a flash", "LLM in a flash: Efficient Large Language Model Inference"),
    ],
)
def test_search_finds_papers_by_name(query: str, title: str) -> None:
    code, out, _ = run("search", "--content", str(SHIPPED), query)
    assert code == 0
    assert out.splitlines()[0].strip().split("  ", 1)[1].startswith(title)


def test_search_with_no_hits_says_so() -> None:
    assert run("search", "--content", str(SHIPPED), "zzzyzzy") == (1, "", "No papers match.\n")


COSYVOICE = (
    "CosyVoice 2: Scalable Streaming Speech Synthesis with Large Language Models  "
    "(papers/cosyvoice-2-scalable-streaming-speech-synthesis-with-large-language-models.md)"
)


def test_search_reads_words_and_no_query_syntax() -> None:
    """title:, ~, + and - are not operators: a query is its words, as in the site's search."""
    found = run("search", "--content", str(SHIPPED), "--limit", "1", "title:speech~")
    assert found == run("search", "--content", str(SHIPPED), "--limit", "1", "title", "speech")
    assert found[0] == 0 and COSYVOICE in found[1]


def test_search_forgives_a_typo_and_says_what_it_searched() -> None:
    code, out, err = run("search", "--content", str(SHIPPED), "--limit", "1", "CosyVoce")
    assert (code, err) == (0, "Showing results for CosyVoice\n")
    assert COSYVOICE in out


def test_usage_errors_exit_2() -> None:
    assert run("build", "--no-such-option")[0] == 2
    assert run("search")[0] == 2
    assert run("check", "--content", "/no/such/folder")[0] == 2


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    assert isinstance(cli, click.Group)
    for name, command in cli.commands.items():
        assert command.help, name
        assert f"digest {name}" in readme, f"README does not mention 'digest {name}'"


BROKEN = {
    "a-empty.txt": b"",
    "b-chrome.txt": b"new\n\nSubscribe\n\nTrending Papers\n",
    "c-dump.txt": f"Good Paper\n\n{ABSTRACT}\n\nLost Title\n".encode(),
    "d-latin1.txt": "Title\n\nCafé au lait is not UTF-8 here.\n".encode("latin-1"),
    "e-records.yml": b"- title: Good Paper\n  arxiv: not-an-id\n- title: [x]\n"
    b"- title: Dated\n  abstract: A record of its own.\n  date: yesterday\n",
    "f-object.json": b'{"title": "x"}',
    "g-stray.txt": f"{ABSTRACT}\n".encode(),
    "settings.yml": b"title: 2025-13-45\nyear: 0\n",
    "tags.yml": b"tags:\n  - name: x\n    phrases: [\n",
}


def test_every_kind_of_broken_file_is_one_line_and_the_rest_builds(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    for name, data in BROKEN.items():
        (content / name).write_bytes(data)
    code, _, err = run("check", "--content", str(content))
    assert code == 1
    assert err.replace(f"{content}/", "").splitlines() == [
        "error: settings.yml:2: year: expected a year such as 2025, got 0",
        "error: tags.yml:4: is not valid YAML: expected the node content, but found '<stream end>'",
        "error: c-dump.txt:5: title 'Lost Title' has no abstract after it (the file ends); "
        "expected a blank line, then the abstract paragraph",
        "error: d-latin1.txt:3: is not UTF-8 text; save the file as UTF-8",
        "error: e-records.yml:2: arxiv: expected an arXiv id like 2412.10117, got 'not-an-id'",
        "error: e-records.yml:3: title: expected text, got ['x']",
        "error: e-records.yml:6: date: expected a date like 2025-03-11, got 'yesterday'",
        "error: f-object.json: expected a JSON list of records "
        '([{"title": ..., ...}, ...]), an object holding such a list, or an object of id to '
        "record; found an object with keys ['title']",
        "error: g-stray.txt:1: paragraph has no title before it ('We study a thing in depth. "
        "It works well on many benchmarks…'); expected a title line, a blank line, then the "
        "abstract",
        "note: a-empty.txt: read as papers page copied as text, 0 papers",
        "note: b-chrome.txt: read as Hugging Face papers page copied as text, 0 papers",
        "note: c-dump.txt: read as papers page copied as text, 1 paper, 1 problem",
        "note: e-records.yml: read as records, 2 records, 1 with an abstract, 3 problems",
        "note: f-object.json: read as records, 0 papers, 1 problem",
        "note: g-stray.txt: read as papers page copied as text, 0 papers, 1 problem",
        "2 papers read, 2 paper pages to write, 0 tags, 0 duplicates merged, 9 problems",
    ]
    site = tmp_path / "site"
    code, _, err = run(
        "build", "--content", str(content), "--docs-dir", str(tmp_path / "docs"),
        "--site-dir", str(site), "--config", str(ROOT / "mkdocs.yml"),
    )  # fmt: skip
    assert code == 0, err
    assert "2 papers read, 2 paper pages written, 0 tags" in err
    assert sorted(p.name for p in (site / "papers").iterdir()) == ["dated.html", "good-paper.html"]
    assert "<title>2025-13-45 - 2025-13-45</title>" in (site / "index.html").read_text()


def test_a_broken_mkdocs_config_fails_without_a_traceback(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text() + "theme: [\n")
    site = tmp_path / "site"
    code, _, err = run(
        "build", "--content", str(SHIPPED), "--docs-dir", str(tmp_path / "docs"),
        "--site-dir", str(site), "--config", str(config),
    )  # fmt: skip
    assert code == 1
    assert "Traceback" not in err
    assert "Error: MkDocs encountered an error parsing the configuration file" in err
    assert not site.exists()
