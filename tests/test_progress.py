"""Long stages show a bar in a terminal and nothing in CI logs or pipes."""

from __future__ import annotations

import io

import pytest

from generator.common import progress
from generator.site.plugins import MkDocsProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    screen = Terminal()
    monkeypatch.setattr(progress, "output", lambda: screen)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    return screen


def test_a_terminal_shows_the_stage_and_its_count(terminal: Terminal) -> None:
    assert list(progress.steps(range(3), "Tagging", 3)) == [0, 1, 2]
    assert "Tagging" in terminal.getvalue()
    assert "0/3" in terminal.getvalue()


@pytest.mark.parametrize("setting", [("CI", "true"), ("TERM", "dumb")])
def test_ci_and_dumb_terminals_get_nothing(
    terminal: Terminal, monkeypatch: pytest.MonkeyPatch, setting: tuple[str, str]
) -> None:
    monkeypatch.setenv(*setting)
    assert list(progress.steps(range(3), "Tagging", 3)) == [0, 1, 2]
    assert terminal.getvalue() == ""


def test_a_pipe_gets_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = io.StringIO()
    monkeypatch.setattr(progress, "output", lambda: pipe)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.delenv("CI", raising=False)
    assert list(progress.steps("ab", "Writing", 2)) == ["a", "b"]
    assert pipe.getvalue() == ""


def test_mkdocs_passes_are_counted_against_the_pages(terminal: Terminal) -> None:
    plugin = MkDocsProgress()
    plugin.pages = 2
    for _ in range(2):
        plugin.on_page_content("<p>x</p>")
    plugin.on_post_page("<html>")
    screen = terminal.getvalue()
    assert "MkDocs: Markdown:   0%" in screen and "0/2" in screen
    assert "MkDocs: pages:   0%" in screen
    plugin.on_post_build()
    assert plugin.current is None
