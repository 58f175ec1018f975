"""The digest command: exit codes and exact messages."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from conftest import CONTENT, ROOT
from generator.cli import cli

ABSTRACT = "We study a thing in depth. It works well on many benchmarks and we release code."


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_on_shipped_content_is_clean() -> None:
    code, _, err = run("check", "--content", str(CONTENT))
    assert code == 0
    assert err.endswith("duplicates merged, 0 problems\n")
    assert err.startswith("135 papers read, 135 pages, ")


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
        "2 papers read, 2 pages, 0 tags, 0 duplicates merged, 2 problems",
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
    assert "Error: 1 problems in the input (--strict); the site was not rebuilt" in err
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
    code, out, _ = run("search", "--content", str(CONTENT), query)
    assert code == 0
    assert out.splitlines()[0].strip().split("  ", 1)[1].startswith(title)


def test_search_with_no_hits_and_lunr_syntax() -> None:
    code, _, err = run("search", "--content", str(CONTENT), "zzzyzzy")
    assert code == 1
    assert "No papers match." in err
    code, out, _ = run("search", "--content", str(CONTENT), "title:", "speech~")
    assert code == 0
    assert out


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
