"""Publishing: the site's address, repository link and build stamp, and a fork's build."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from generator.cli.main import cli
from generator.site.publish import (
    BuildStamp,
    Publish,
    build_date,
    build_stamp,
    commit_of,
    git_head,
    pages_url,
    publish,
    repo_name,
    repo_url,
    site_url,
    strict,
)
from rendering import assembled

SHA = "0123456789abcdef0123456789abcdef01234567"
NOW = datetime(2025, 3, 11, 23, 30, tzinfo=UTC)
MARCH_12 = "1741737600"  # 2025-03-12T00:00:00Z
FORK = "https://alice.github.io/my-digest/"
ACTIONS = {
    "GITHUB_REPOSITORY": "alice/my-digest",
    "GITHUB_SERVER_URL": "https://github.com",
    "GITHUB_SHA": SHA,
}


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, None),
        ({"GITHUB_REPOSITORY": "alice/my-digest"}, FORK),
        ({"GITHUB_REPOSITORY": "Alice/My-Digest"}, "https://alice.github.io/My-Digest/"),
        ({"GITHUB_REPOSITORY": "alice/alice.github.io"}, "https://alice.github.io/"),
        ({"GITHUB_REPOSITORY": "Alice/alice.GitHub.io"}, "https://alice.github.io/"),
        (ACTIONS | {"DIGEST_SITE_URL": "https://alice.github.io/my-digest"}, FORK),
        (
            ACTIONS | {"DIGEST_SITE_URL": "https://papers.example.org"},
            "https://papers.example.org/",
        ),
        (ACTIONS | {"DIGEST_SITE_URL": " "}, FORK),
        ({"DIGEST_SITE_URL": "http://127.0.0.1:8000/"}, "http://127.0.0.1:8000/"),
        (
            {"GITHUB_REPOSITORY": "corp/digest", "GITHUB_SERVER_URL": "https://git.corp.example"},
            None,
        ),
    ],
)
def test_site_url_from_the_environment(env: dict[str, str], expected: str | None) -> None:
    assert site_url(env) == expected


@pytest.mark.parametrize("bad", ["alice.github.io/my-digest", "/my-digest/", "ftp://x.org/"])
def test_a_site_url_that_is_not_an_address_is_an_error(bad: str) -> None:
    with pytest.raises(ValueError) as error:
        site_url({"DIGEST_SITE_URL": bad})
    assert str(error.value) == (
        "DIGEST_SITE_URL must be an absolute http(s) address such as "
        f"https://alice.github.io/my-digest/, got {bad!r}"
    )


def test_pages_url_rejects_what_is_not_owner_slash_name() -> None:
    with pytest.raises(ValueError, match=r"^GITHUB_REPOSITORY must look like owner/name, got 'x'$"):
        pages_url("x")


@pytest.mark.parametrize(
    ("configured", "env", "expected"),
    [
        ("", {}, None),
        ("", {"GITHUB_REPOSITORY": "alice/my-digest"}, "https://github.com/alice/my-digest"),
        ("", ACTIONS, "https://github.com/alice/my-digest"),
        (
            "",
            {"GITHUB_REPOSITORY": "corp/digest", "GITHUB_SERVER_URL": "https://git.corp.example/"},
            "https://git.corp.example/corp/digest",
        ),
        ("https://gitlab.com/bob/papers/", ACTIONS, "https://gitlab.com/bob/papers"),
    ],
)
def test_repo_url_from_settings_else_the_environment(
    configured: str, env: dict[str, str], expected: str | None
) -> None:
    assert repo_url(configured, env) == expected


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://github.com/alice/my-digest", "alice/my-digest"),
        ("https://gitlab.com/group/sub/papers.git", "group/sub/papers"),
        ("https://example.org", "example.org"),
    ],
)
def test_repo_name(url: str, name: str) -> None:
    assert repo_name(url) == name


def test_build_date_is_utc_and_source_date_epoch_wins() -> None:
    evening_in_new_york = datetime.fromisoformat("2025-03-11T21:00:00-04:00")
    assert build_date({}, evening_in_new_york) == "2025-03-12"
    assert build_date({}, NOW) == "2025-03-11"
    assert build_date({"SOURCE_DATE_EPOCH": MARCH_12}, NOW) == "2025-03-12"
    with pytest.raises(ValueError) as error:
        build_date({"SOURCE_DATE_EPOCH": "yesterday"}, NOW)
    assert str(error.value) == "SOURCE_DATE_EPOCH must be seconds since 1970, got 'yesterday'"


def test_commit_from_github_sha_else_head_and_only_if_it_is_a_commit_id() -> None:
    head = "f" * 40
    assert commit_of({"GITHUB_SHA": SHA}, head) == SHA
    assert commit_of({}, head) == head
    assert commit_of({"GITHUB_SHA": "main"}, head) == head
    assert commit_of({}, SHA.upper()) == SHA
    assert commit_of({}, "b57f64b") is None
    assert commit_of({}, None) is None


def test_build_stamp_links_the_commit_when_the_repository_is_known() -> None:
    linked = build_stamp({"GITHUB_SHA": SHA}, NOW, None, "https://github.com/alice/my-digest")
    assert linked.as_extra() == {
        "date": "2025-03-11",
        "commit": SHA,
        "short": "0123456",
        "commit_url": f"https://github.com/alice/my-digest/commit/{SHA}",
    }
    assert build_stamp({}, NOW, SHA, None).as_extra() == {
        "date": "2025-03-11",
        "commit": SHA,
        "short": "0123456",
    }
    assert build_stamp({}, NOW, None, "https://github.com/a/b").as_extra() == {"date": "2025-03-11"}


def test_strict_is_opt_in() -> None:
    assert [strict({"DIGEST_STRICT": v}) for v in ["1", "true", "Yes", "0", "false", ""]] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]
    assert strict({}) is False


def test_publish_on_github_actions() -> None:
    published = publish("", ACTIONS | {"SOURCE_DATE_EPOCH": MARCH_12}, NOW, "f" * 40)
    assert published == Publish(
        site_url=FORK,
        repo_url="https://github.com/alice/my-digest",
        stamp=BuildStamp("2025-03-12", SHA, f"https://github.com/alice/my-digest/commit/{SHA}"),
    )
    assert published.overrides() == {
        "site_url": FORK,
        "repo_url": "https://github.com/alice/my-digest",
        "repo_name": "alice/my-digest",
        "edit_uri": "",
    }


def test_publish_locally_sets_no_address_and_no_repository() -> None:
    published = publish("", {}, NOW, None)
    assert published.overrides() == {
        "site_url": None,
        "repo_url": None,
        "repo_name": None,
        "edit_uri": "",
    }
    assert published.stamp == BuildStamp("2025-03-11")


def git(repository: Path, *args: str) -> str:
    """Run git in a repository of the test's own, whatever the user's git configuration."""
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org"]
    done = subprocess.run(
        ["git", *identity, "-c", "commit.gpgsign=false", "-C", str(repository), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_git_head_is_the_checked_out_commit_or_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):  # as in a git hook
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # no repository around it
    repository, folder = tmp_path / "repository", tmp_path / "repository" / "generator"
    folder.mkdir(parents=True)
    git(repository, "init", "--quiet")
    assert git_head(folder) is None  # no commit yet
    (folder / "a.py").write_text("A = 1\n")
    git(repository, "add", "generator/a.py")
    git(repository, "commit", "--quiet", "-m", "first")
    first = git(repository, "rev-parse", "HEAD")
    assert git_head(folder) == first
    git(repository, "commit", "--quiet", "--allow-empty", "-m", "second")
    second = git(repository, "rev-parse", "HEAD")
    assert git_head(folder) == second != first
    git(repository, "checkout", "--quiet", "--detach", first)
    assert git_head(folder) == first
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert git_head(elsewhere) is None
    assert git_head(tmp_path / "missing") is None


# A fork: another title, two papers, GitHub Actions' environment for alice/my-digest.

DUMP = """\
Mar 11

Gradient Gardening: Pruning Language Models by Watching Them Grow

We prune language models during training by tracking how fast each weight's gradient \
changes. Pruned models keep their accuracy on eight benchmarks while using half the memory.

Mar 12

Tokens on a Budget: Adaptive Vocabularies for Small Models

We give small language models a vocabulary that adapts to the text they read. Adaptive \
vocabularies shorten sequences by a fifth and improve accuracy on low-resource languages.
"""
SETTINGS = """\
title: Model Notes by Alice
description: Papers Alice is reading.
"""


@pytest.fixture(scope="module")
def fork_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a fork's content with the repository's mkdocs.yml, as the Pages workflow does."""
    root = tmp_path_factory.mktemp("fork")
    content = root / "content"
    content.mkdir()
    (content / "trending.txt").write_text(DUMP)
    (content / "settings.yml").write_text(SETTINGS)
    env: dict[str, str | None] = {
        **ACTIONS,
        "SOURCE_DATE_EPOCH": MARCH_12,
        "DIGEST_SITE_URL": None,  # as if configure-pages were not used: GITHUB_REPOSITORY
        "DIGEST_STRICT": "true",
    }
    args = ["build", "--content", str(content), "--config", str(ROOT / "mkdocs.yml")]
    args += ["--docs-dir", str(root / "docs"), "--site-dir", str(root / "site"), "--strict"]
    result = CliRunner().invoke(cli, args, env=env)
    assert result.exit_code == 0, result.output
    return root / "site"


def page(site: Path, name: str) -> str:
    """A page as the browser has it (a paper page with its frame: rendering.assembled)."""
    return assembled(site / name)


def test_fork_canonical_links_use_its_pages_address(fork_site: Path) -> None:
    papers = sorted(p.relative_to(fork_site).as_posix() for p in fork_site.glob("papers/*.html"))
    assert papers == [
        "papers/gradient-gardening-pruning-language-models-by-watching-them-grow.html",
        "papers/tokens-on-a-budget-adaptive-vocabularies-for-small-models.html",
    ]
    for name in ["index.html", *papers]:
        canonical = re.findall(r'<link rel="canonical" href="([^"]*)">', page(fork_site, name))
        assert canonical == [FORK + name]


def test_fork_sitemap_lists_its_pages_at_its_address(fork_site: Path) -> None:
    locations = re.findall(r"<loc>([^<]*)</loc>", page(fork_site, "sitemap.xml"))
    assert FORK + "index.html" in locations
    assert FORK + "papers/tokens-on-a-budget-adaptive-vocabularies-for-small-models.html" in (
        locations
    )
    assert all(location.startswith(FORK) for location in locations)
    assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", page(fork_site, "sitemap.xml"))) == {
        "2025-03-12"
    }


def test_fork_title_and_description_come_from_its_settings(fork_site: Path) -> None:
    home = page(fork_site, "index.html")
    assert re.findall(r"<title>([^<]*)</title>", home)[0].endswith(" Model Notes by Alice")
    assert 'title="Model Notes by Alice" class="md-header__button md-logo"' in home
    assert '<meta name="description" content="Papers Alice is reading.">' in home
    assert "Trending Papers Digest" not in home


def test_fork_links_to_its_repository_without_calling_the_github_api(fork_site: Path) -> None:
    home = page(fork_site, "index.html")
    links = re.findall(r'<a href="([^"]*)" title="[^"]*" class="md-source"', home)
    assert links == ["https://github.com/alice/my-digest"] * 2  # header, and the mobile drawer
    assert (
        re.findall(r'class="md-source__repository">\s*(\S+)\s*<', home) == ["alice/my-digest"] * 2
    )
    assert 'data-md-component="source"' not in home
    assert "/edit/" not in home


def test_fork_footer_shows_the_build_stamp(fork_site: Path) -> None:
    stamp = (
        'Built <time datetime="2025-03-12">2025-03-12</time> (UTC) from commit '
        f'<a href="https://github.com/alice/my-digest/commit/{SHA}" title="{SHA}" '
        'rel="noopener">'
        "<code>0123456</code></a>."
    )
    for name in ["index.html", "tags/index.html", "reading-list.html"]:
        assert stamp in " ".join(page(fork_site, name).split())  # as the browser shows it
    # Not on paper pages (overrides/paper.html): a page that does not change keeps its bytes,
    # and a rebuild reuses it (generator/site/paper_pages.py).
    paper = "papers/gradient-gardening-pruning-language-models-by-watching-them-grow.html"
    assert "Built <time" not in page(fork_site, paper)
    assert "Material for MkDocs" in page(fork_site, paper)
