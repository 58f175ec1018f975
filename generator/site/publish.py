"""Where the site is published, and the stamp saying when and from what it was built.

Pure functions of an environment mapping (os.environ in a build, a plain dict in tests):

- DIGEST_SITE_URL: the site's address; the Pages workflow sets it from configure-pages.
- GITHUB_REPOSITORY, GITHUB_SERVER_URL, GITHUB_SHA: set by GitHub Actions; they give the
  repository link, the commit, and the github.io address when DIGEST_SITE_URL is not set.
- SOURCE_DATE_EPOCH: fixes the build date, for reproducible builds.
- DIGEST_STRICT: 1/true/yes makes MkDocs warnings fail the build, as in CI.

Only git_head() does IO (it asks git for the checked-out commit).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

SITE_URL = "DIGEST_SITE_URL"
STRICT = "DIGEST_STRICT"
GITHUB = "https://github.com"
SHORT_COMMIT = 7
COMMIT = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")  # SHA-1, or SHA-256 repositories
REPOSITORY = re.compile(r"([A-Za-z0-9-]+)/([A-Za-z0-9._-]+)")
TRUE = frozenset({"1", "true", "yes", "on"})


@dataclass(frozen=True)
class BuildStamp:
    """When the site was built (UTC date) and from which commit."""

    date: str
    commit: str | None = None
    commit_url: str | None = None

    def as_extra(self) -> dict[str, str]:
        """The stamp as MkDocs `extra.build`, for overrides/partials/copyright.html."""
        extra = {"date": self.date}
        if self.commit:
            extra |= {"commit": self.commit, "short": self.commit[:SHORT_COMMIT]}
        if self.commit_url:
            extra["commit_url"] = self.commit_url
        return extra


@dataclass(frozen=True)
class Publish:
    """Everything about the site that depends on where it is built and published."""

    site_url: str | None
    repo_url: str | None
    stamp: BuildStamp
    strict: bool = False

    def overrides(self) -> dict[str, Any]:
        """load_config() options; None leaves mkdocs.yml's value alone."""
        return {
            "site_url": self.site_url,
            "repo_url": self.repo_url,
            "repo_name": repo_name(self.repo_url) if self.repo_url else None,
            # The pages are generated from content/: an "edit this page" link would lead
            # to docs/, which is not in the repository.
            "edit_uri": "",
        }


def publish(
    configured_repo_url: str, env: Mapping[str, str], now: datetime, head: str | None
) -> Publish:
    """The publishing facts for one build.

    configured_repo_url is settings.repo_url ("" to take it from the environment);
    now is the clock, used unless SOURCE_DATE_EPOCH is set; head is the checked-out
    commit from git_head(), used unless GITHUB_SHA is set.
    """
    repo = repo_url(configured_repo_url, env)
    return Publish(site_url(env), repo, build_stamp(env, now, head, repo), strict(env))


def site_url(env: Mapping[str, str]) -> str | None:
    """DIGEST_SITE_URL, else the github.io address of GITHUB_REPOSITORY, else None.

    None (a local build) leaves site_url unset: no canonical links and an empty sitemap,
    rather than addresses that are wrong once the folder is served anywhere else.
    """
    given = env.get(SITE_URL, "").strip()
    if given:
        if urlsplit(given).scheme not in {"http", "https"} or not urlsplit(given).netloc:
            raise ValueError(
                f"{SITE_URL} must be an absolute http(s) address such as "
                f"https://alice.github.io/my-digest/, got {given!r}"
            )
        return given.rstrip("/") + "/"
    repository = env.get("GITHUB_REPOSITORY", "")
    if env.get("GITHUB_SERVER_URL", GITHUB).rstrip("/") != GITHUB or not repository:
        return None  # GitHub Enterprise Pages live elsewhere: set DIGEST_SITE_URL there
    return pages_url(repository)


def pages_url(repository: str) -> str:
    """The github.io address of a repository's Pages site.

    'alice/my-digest' -> https://alice.github.io/my-digest/, and a user or organisation
    site 'alice/alice.github.io' -> https://alice.github.io/.
    """
    match = REPOSITORY.fullmatch(repository)
    if not match:
        raise ValueError(f"GITHUB_REPOSITORY must look like owner/name, got {repository!r}")
    owner, name = match.groups()
    host = f"{owner.lower()}.github.io"
    return f"https://{host}/" if name.lower() == host else f"https://{host}/{name}/"


def repo_url(configured: str, env: Mapping[str, str]) -> str | None:
    """settings.repo_url, else GITHUB_SERVER_URL/GITHUB_REPOSITORY, else None."""
    if configured.strip():
        return configured.strip().rstrip("/")
    repository = env.get("GITHUB_REPOSITORY", "")
    if not repository:
        return None
    server = env.get("GITHUB_SERVER_URL", "").strip() or GITHUB
    return f"{server.rstrip('/')}/{repository}"


def repo_name(url: str) -> str:
    """'https://github.com/alice/my-digest' -> 'alice/my-digest', shown beside the link."""
    path = urlsplit(url).path.strip("/").removesuffix(".git")
    return path or urlsplit(url).netloc


def build_stamp(
    env: Mapping[str, str], now: datetime, head: str | None, repo: str | None
) -> BuildStamp:
    """The build's date and commit; the commit links to the repository when known."""
    commit = commit_of(env, head)
    url = f"{repo}/commit/{commit}" if commit and repo else None
    return BuildStamp(build_date(env, now), commit, url)


def build_date(env: Mapping[str, str], now: datetime) -> str:
    """The UTC date of the build: SOURCE_DATE_EPOCH when set, else now."""
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise ValueError(f"SOURCE_DATE_EPOCH must be seconds since 1970, got {epoch!r}")
        now = datetime.fromtimestamp(int(epoch), UTC)
    return now.astimezone(UTC).strftime("%Y-%m-%d")


def commit_of(env: Mapping[str, str], head: str | None) -> str | None:
    """GITHUB_SHA, else the checked-out commit; None unless it is a full hex commit id."""
    for candidate in (env.get("GITHUB_SHA", ""), head or ""):
        commit = candidate.strip().lower()
        if COMMIT.fullmatch(commit):
            return commit
    return None


def strict(env: Mapping[str, str]) -> bool:
    """Whether DIGEST_STRICT asks for a build that fails on MkDocs warnings."""
    return env.get(STRICT, "").strip().lower() in TRUE


def git_head(directory: Path) -> str | None:
    """The commit checked out in the repository holding directory, if git can tell."""
    try:
        result = subprocess.run(
            ["git", "-C", str(directory), "rev-parse", "--verify", "--quiet", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    return result.stdout.strip() or None
