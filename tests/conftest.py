"""Shared test helpers: paths, the --update-goldens flag, and no skipping under CI.

The tests read their data from tests/fixtures/: the shipped content as it was frozen
(tests/fixtures/shipped/), and cut-down copies of other people's files
(tests/fixtures/corpora/). Only test_cli.py's check of content/ reads content/ itself, and
it asserts no problems, not what the papers are, so a fork with its own content passes.

Under CI=true (GitHub Actions sets it) a skipped test is a failed test: CI must run them all.
"""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"  # whatever this checkout ships; see test_cli.py
FIXTURES = ROOT / "tests" / "fixtures"
SHIPPED = FIXTURES / "shipped"  # content/ as shipped, frozen: the papers the tests know
CORPORA = FIXTURES / "corpora"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _no_skips_in_ci(report: pytest.TestReport | pytest.CollectReport) -> None:
    """Turn a skip into a failure that says why it skipped (an expected xfail stays)."""
    if not (in_ci() and report.skipped) or hasattr(report, "wasxfail"):
        return
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    report.outcome = "failed"
    report.longrepr = f"{reason}\n(CI=true: every test must run, so a skip is a failure)"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport() -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    _no_skips_in_ci(report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report() -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    report = yield  # a module that skips itself (pytest.importorskip) is skipped here
    _no_skips_in_ci(report)
    return report


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite tests/goldens/*.yml with the current output; review the diff.",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))
