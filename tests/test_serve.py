"""`digest serve`: its MkDocs hook reads the preview it serves from the same process."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import ROOT, SHIPPED
from generator.cli import preview, serve_hook


def test_the_hook_stamps_and_generates_the_served_preview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stamp = {"date": "2025-03-11", "commit": "0" * 40, "short": "0" * 7}
    monkeypatch.setattr(preview, "_current", preview.Preview(SHIPPED, tmp_path / "docs", stamp))
    config = SimpleNamespace(extra={}, config_file_path=str(ROOT / "mkdocs.yml"))
    assert serve_hook.on_config(config).extra["build"] == stamp
    serve_hook.on_pre_build(config)
    assert (tmp_path / "docs" / "index.md").is_file()
    assert len(list((tmp_path / "docs" / "papers").glob("*.md"))) == 135
    assert capsys.readouterr().err.endswith("32 tags, 0 duplicates merged, 0 problems\n")
    site = SimpleNamespace(
        site_dir=str(tmp_path / "site"), config_file_path=config.config_file_path
    )
    serve_hook.on_post_build(site)
    assert (tmp_path / "site" / "assets" / "javascripts" / "iframe-worker-shim.js").is_file()


def test_outside_serve_there_is_no_preview() -> None:
    with pytest.raises(RuntimeError, match="no `digest serve` is running"):
        preview.current()
