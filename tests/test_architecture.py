"""The import contract: imports run one way, from the CLI down the pipeline's stages
(pyproject.toml, [tool.importlinter]; README, "How it works")."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """import-linter on the generator/ package found under root, with the project's contract."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_code_keeps_the_import_contract() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "back_import"),
    [
        ("model.py", "import generator.cli.main"),  # the shared types would know the CLI
        ("read/page_copy.py", "from generator.render import markup"),  # a reader renders
        ("render/pages.py", "from generator.site import offline"),  # render decides files
        ("discover/facts.py", "from generator.render import pages"),  # discovery writes text
    ],
)
def test_an_import_that_runs_back_up_breaks_the_contract(
    tmp_path: Path, module: str, back_import: str
) -> None:
    shutil.copytree(ROOT / "generator", tmp_path / "generator")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    target = tmp_path / "generator" / module
    target.write_text(target.read_text() + f"\n{back_import}  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert "0 kept, 1 broken" in result.stdout
