"""The GitHub Actions workflows: actionlint and zizmor find nothing, and the shape holds.

Both linters come from the dev extras (PyPI wheels carrying the binaries) and run offline.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^ *(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(?:\.\d+)*$")
DEPLOY_PERMISSIONS = {"pages": "write", "id-token": "write"}
NAMES = ["ci.yml", "pages.yml", "update.yml"]

BAD_WORKFLOW = """\
name: bad
on: push
jobs:
  x:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.head_commit.message }}"
"""


def tool(name: str) -> str:
    path = BIN / name
    assert path.is_file(), f"{path} is missing: run `make test` to install the dev extras"
    return str(path)


def actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tool("actionlint"), "-no-color", "-oneline", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


def zizmor(path: Path) -> subprocess.CompletedProcess[str]:
    # --offline: no GitHub API (the online audits need a token and the network).
    return subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", "--color=never", "--format=json", path],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml"))


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text())
    assert isinstance(data, dict)
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert isinstance(on, dict)
    return on


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def uses(workflow: dict[Any, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step]


def runs(workflow: dict[Any, Any]) -> list[str]:
    return [step["run"] for step in steps(workflow) if "run" in step]


@pytest.fixture(scope="module")
def pages() -> dict[Any, Any]:
    return load(WORKFLOWS / "pages.yml")


@pytest.fixture(scope="module")
def ci() -> dict[Any, Any]:
    return load(WORKFLOWS / "ci.yml")


def test_actionlint_reports_nothing() -> None:
    result = actionlint(*workflow_files())
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_zizmor_reports_nothing() -> None:
    result = zizmor(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []
    for path in workflow_files():
        assert f"completed {path}" in result.stderr


def test_the_linters_do_catch_a_bad_workflow(tmp_path: Path) -> None:
    """Guards the two tests above against linters that silently check nothing."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD_WORKFLOW)
    linted = actionlint(bad)
    assert linted.returncode == 1
    assert '"github.event.head_commit.message" is potentially untrusted' in linted.stdout
    audited = zizmor(bad.parent)
    assert audited.returncode != 0
    found = {finding["ident"] for finding in json.loads(audited.stdout)}
    assert {"unpinned-uses", "template-injection", "artipacked"} <= found


def test_there_are_three_workflows() -> None:
    assert [p.name for p in workflow_files()] == ["ci.yml", "pages.yml", "update.yml"]
    assert not list(WORKFLOWS.glob("*.yaml"))


@pytest.mark.parametrize("name", NAMES)
def test_every_action_is_pinned_to_a_commit_with_its_version(name: str) -> None:
    lines = [line for line in (WORKFLOWS / name).read_text().splitlines() if "uses:" in line]
    assert lines
    assert [line for line in lines if not PINNED.match(line)] == []


@pytest.mark.parametrize("name", NAMES)
def test_top_level_permissions_are_read_only_and_jobs_have_timeouts(name: str) -> None:
    workflow = load(WORKFLOWS / name)
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert isinstance(job["timeout-minutes"], int)
        assert 0 < job["timeout-minutes"] <= 30


def test_only_the_deploy_and_update_jobs_may_write() -> None:
    writers = {
        (path.name, name): job["permissions"]
        for path in workflow_files()
        for name, job in load(path)["jobs"].items()
        if "write" in job.get("permissions", {}).values()
    }
    assert writers == {
        ("pages.yml", "deploy"): DEPLOY_PERMISSIONS,
        ("update.yml", "import"): {"contents": "write"},
        ("update.yml", "deploy"): {"actions": "write"},
    }


def test_pull_requests_test_and_build_but_never_deploy(ci: dict[Any, Any]) -> None:
    assert list(triggers(ci)) == ["pull_request"]
    assert runs(ci) == ["make test", "make check", "make site"]
    assert [s["env"] for s in steps(ci) if s.get("run") == "make site"] == [
        {"DIGEST_STRICT": "true"}
    ]
    assert "pages" not in " ".join(uses(ci))
    assert all("permissions" not in job for job in ci["jobs"].values())


def test_main_and_manual_runs_build_then_deploy_in_a_separate_job(pages: dict[Any, Any]) -> None:
    assert triggers(pages) == {"push": {"branches": ["main"]}, "workflow_dispatch": None}
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert runs(pages) == ["make test", "make check", "make site"]
    assert uses({"jobs": {"build": build}}) == [
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/cache",
        "actions/upload-pages-artifact",
    ]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert uses({"jobs": {"deploy": deploy}}) == ["actions/deploy-pages"]
    assert [s["with"] for s in build["steps"] if "upload-pages" in s.get("uses", "")] == [
        {"path": "site"}
    ]


def test_the_page_cache_is_restored_before_the_build_where_digest_build_keeps_it(
    pages: dict[Any, Any],
) -> None:
    """`make site` runs `digest build`, whose --cache is .cache/pages by default; each run
    saves a new entry (run id) and restores the newest (generator/site/paper_pages.py)."""
    build = pages["jobs"]["build"]["steps"]
    [cache] = [n for n, s in enumerate(build) if "actions/cache" in s.get("uses", "")]
    make_site = next(n for n, s in enumerate(build) if s.get("run") == "make site")
    assert cache < make_site
    assert build[cache]["with"] == {
        "path": ".cache/pages",
        "key": "paper-pages-${{ github.run_id }}",
        "restore-keys": "paper-pages-",
    }
    from generator.cli.main import build as build_command

    option = next(o for o in build_command.params if o.name == "cache")
    assert str(option.default) == build[cache]["with"]["path"]


def test_the_site_address_comes_from_configure_pages(pages: dict[Any, Any]) -> None:
    build = pages["jobs"]["build"]["steps"]
    configure = next(s for s in build if "configure-pages" in s.get("uses", ""))
    make_site = next(s for s in build if s.get("run") == "make site")
    assert make_site["env"] == {
        "DIGEST_SITE_URL": "${{ steps." + configure["id"] + ".outputs.base_url }}",
        "DIGEST_STRICT": "true",
    }


@pytest.mark.parametrize("name", NAMES)
def test_checkout_keeps_no_token_and_pip_is_cached(name: str) -> None:
    workflow = load(WORKFLOWS / name)
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
        if step.get("uses", "").startswith("actions/setup-python@"):
            assert step["with"]["cache"] == "pip"
            assert step["with"]["python-version"] == "3.11"


@pytest.mark.parametrize("name", NAMES)
def test_nothing_hides_the_runner_browser(name: str) -> None:
    """The browser tests find the runner's Google Chrome; no workflow points them elsewhere."""
    text = (WORKFLOWS / name).read_text().lower()
    assert "chrom" not in text
    assert "playwright" not in text


@pytest.fixture(scope="module")
def update() -> dict[Any, Any]:
    return load(WORKFLOWS / "update.yml")


def test_the_daily_update_imports_checks_and_builds_before_it_commits(
    update: dict[Any, Any],
) -> None:
    assert list(triggers(update)) == ["schedule", "workflow_dispatch"]
    assert [entry["cron"] for entry in triggers(update)["schedule"]] == ["23 5 * * *"]
    assert update["concurrency"] == {"group": "update", "cancel-in-progress": False}
    job = update["jobs"]["import"]
    commands = [step.get("run", "") for step in job["steps"]]
    assert commands[2] == "make import"
    assert "git status --porcelain -- content/imported" in commands[3]
    assert commands[4:6] == ["make check", "make site"]
    assert [s["env"] for s in job["steps"] if s.get("run") == "make site"] == [
        {"DIGEST_STRICT": "true"}
    ]
    # Checked, built and committed only when the import wrote something.
    assert [s.get("if") for s in job["steps"][4:]] == ["steps.new.outputs.papers == 'true'"] * 3
    commit = job["steps"][-1]["run"]
    assert commit.startswith("git add content/imported\n")  # nothing else is committed
    assert 'git push --quiet "$remote" "HEAD:$GITHUB_REF_NAME"' in commit
    assert commit.endswith('echo "committed=true" >> "$GITHUB_OUTPUT"\n')
    assert job["steps"][-1]["env"] == {"GITHUB_TOKEN": "${{ github.token }}"}


def test_the_update_starts_pages_only_after_a_commit(update: dict[Any, Any]) -> None:
    deploy = update["jobs"]["deploy"]
    assert deploy["needs"] == "import"
    assert deploy["if"] == "needs.import.outputs.committed == 'true'"
    assert update["jobs"]["import"]["outputs"] == {
        "committed": "${{ steps.commit.outputs.committed }}"
    }
    assert runs({"jobs": {"deploy": deploy}}) == [
        'gh workflow run pages.yml --ref "$GITHUB_REF_NAME"'
    ]
    assert "workflow_dispatch" in triggers(load(WORKFLOWS / "pages.yml"))
