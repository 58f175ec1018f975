"""Forked work gives what the same work in this process gives, errors included."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import SHIPPED
from generator.build import generate
from generator.common import background
from generator.common.background import Background


@pytest.fixture(params=[True, False], ids=["forked", "here"])
def forking(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    monkeypatch.setattr(background, "forkable", lambda: request.param)
    return bool(request.param)


def test_the_result_comes_back(forking: bool) -> None:
    parent = os.getpid()
    job = Background(lambda: (os.getpid() != parent, [1, 2, 3]))
    assert job.result() == (forking, [1, 2, 3])
    assert job.result() == (forking, [1, 2, 3])  # asked twice, same answer


def test_an_error_is_raised_where_the_result_is_asked(forking: bool) -> None:
    def fails() -> None:
        raise ValueError("refusing to link to 'javascript:x'")

    job = Background(fails)
    with pytest.raises(ValueError, match="refusing to link"):
        job.result()


def test_a_worker_that_dies_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "forkable", lambda: True)
    job = Background(lambda: os._exit(3))
    with pytest.raises(RuntimeError, match="exit code 3"):
        job.result()


def test_generate_writes_the_same_bytes_forked_or_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trees = []
    for fork in (True, False):
        monkeypatch.setattr(background, "forkable", lambda fork=fork: fork)
        docs = tmp_path / f"docs-{fork}"
        generate(SHIPPED, docs, env={})
        trees.append(
            {p.relative_to(docs): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}
        )
    assert trees[0] == trees[1]
    assert len(trees[0]) > 135
