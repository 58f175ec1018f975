"""Under CI=true no test may skip: tests/conftest.py turns every kind of skip into a failure.

A small test file runs in its own pytest with this conftest as its only plugin, once with
CI=true and once without; the JUnit XML report tells each test's outcome.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT

TESTS = """\
import pytest


@pytest.fixture
def tool():
    pytest.skip("no tool on this machine")


def test_runs():
    pass


def test_skips_itself():
    pytest.skip("not here")


@pytest.mark.skip(reason="not today")
def test_marked_skip():
    pass


@pytest.mark.skipif(True, reason="never here")
def test_marked_skipif():
    pass


def test_needs_a_fixture_that_skips(tool):
    pass


@pytest.mark.xfail(strict=True, reason="a known bug")
def test_known_bug():
    assert False
"""
MODULE = """\
import pytest

pytest.importorskip("no_such_module_anywhere")


def test_never_collected():
    pass
"""
SKIPPING = [
    "test_skips_itself",
    "test_marked_skip",
    "test_marked_skipif",
    "test_needs_a_fixture_that_skips",
]


def run(folder: Path, name: str, source: str, ci: bool) -> tuple[int, dict[str, str]]:
    """Run one test file with tests/conftest.py as a plugin: exit code, outcome by test."""
    (folder / name).write_text(source)
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env |= {"PYTHONPATH": str(ROOT / "tests")} | ({"CI": "true"} if ci else {})
    xml = folder / f"{name}-{ci}.xml"
    plugins = ["-p", "conftest", "-p", "no:cacheprovider"]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", *plugins, "-q", f"--junitxml={xml}", name],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    outcomes = {}
    for case in ET.parse(xml).iter("testcase"):
        found = [child.tag for child in case if child.tag in {"skipped", "failure", "error"}]
        outcomes[case.get("name", "")] = found[0] if found else "passed"
    return done.returncode, outcomes


@pytest.mark.parametrize("ci", [False, True], ids=["locally", "under-CI"])
def test_every_kind_of_skip_fails_under_ci_and_only_there(tmp_path: Path, ci: bool) -> None:
    code, outcomes = run(tmp_path, "test_tiny.py", TESTS, ci)
    # A skip in the test's call is a failure; one in its set-up (marks, fixtures) an error.
    failed = {"test_skips_itself": "failure"} | dict.fromkeys(SKIPPING[1:], "error")
    assert outcomes == {
        "test_runs": "passed",
        **(failed if ci else dict.fromkeys(SKIPPING, "skipped")),
        "test_known_bug": "skipped",  # an expected failure is no skip: it stays
    }
    assert code == (pytest.ExitCode.TESTS_FAILED if ci else pytest.ExitCode.OK)


@pytest.mark.parametrize("ci", [False, True], ids=["locally", "under-CI"])
def test_a_module_that_skips_itself_fails_under_ci(tmp_path: Path, ci: bool) -> None:
    code, outcomes = run(tmp_path, "test_module.py", MODULE, ci)
    assert outcomes == {"test_module": "error" if ci else "skipped"}
    assert code == (pytest.ExitCode.INTERRUPTED if ci else pytest.ExitCode.NO_TESTS_COLLECTED)


def test_the_failure_says_why_it_skipped(tmp_path: Path) -> None:
    run(tmp_path, "test_tiny.py", TESTS, ci=True)
    report = ET.parse(tmp_path / "test_tiny.py-True.xml")
    case = next(c for c in report.iter("testcase") if c.get("name") == "test_skips_itself")
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message", "").splitlines() == [
        "Skipped: not here",
        "(CI=true: every test must run, so a skip is a failure)",
    ]
