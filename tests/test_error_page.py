"""404.html (generator/site/error_page.py): relative links without a site address, so it
works from disk and under any path; absolute ones under the site's path with one."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from small_site import build_small_site

SITE_URL = "https://example.org/digest/"
ASSET = re.compile(r'<link rel="(?:stylesheet|icon)" href="([^"]*)"|<script src="([^"]*)"')
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>')
CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
INLINE = re.compile(r"<script>(.*?)</script>", re.S)


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built without a site address (DIGEST_SITE_URL unset, not on GitHub Actions)."""
    return build_small_site(tmp_path_factory.mktemp("local"), {})


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_small_site(tmp_path_factory.mktemp("published"), {"DIGEST_SITE_URL": SITE_URL})


def assets(html: str) -> list[str]:
    """The stylesheets, icon and scripts a page loads."""
    found = ["".join(urls) for urls in ASSET.findall(html)]
    assert any(url.endswith(".css") for url in found)
    assert any(url.endswith(".js") for url in found)
    return found


def config(html: str) -> dict[str, str]:
    found = CONFIG.search(html)
    assert found
    data: dict[str, str] = json.loads(found.group(1))
    return data


def test_without_a_site_address_404_links_relative_to_itself(local: Path) -> None:
    html = (local / "404.html").read_text(encoding="utf-8")
    for url in [*assets(html), config(html)["search"]]:
        assert not urlsplit(url).scheme and not url.startswith("/"), url
        assert (local / url).is_file(), url
    assert config(html)["base"] == "."
    for link in re.findall(r'<a\b[^>]*\bhref="([^"#]*)"', html):
        if not urlsplit(link).scheme:
            assert (local / link).is_file(), link


def test_without_a_site_address_404_reads_as_the_home_page(local: Path) -> None:
    """Same asset links, search worker, inline scripts and Content-Security-Policy as
    index.html, its neighbour: iframe-worker's script, which names the worker, keeps
    a hash the policy allows."""
    page = (local / "404.html").read_text(encoding="utf-8")
    home = (local / "index.html").read_text(encoding="utf-8")
    assert assets(page) == assets(home)
    assert config(page) == config(home)
    assert CSP.findall(page) == CSP.findall(home) != []
    assert set(INLINE.findall(page)) <= set(INLINE.findall(home))


def test_with_a_site_address_404_links_from_the_servers_root(published: Path) -> None:
    """A server shows 404.html for a missing address at any depth: absolute paths, under
    the site's path, still reach every file."""
    html = (published / "404.html").read_text(encoding="utf-8")
    prefix = urlsplit(SITE_URL).path
    for url in [*assets(html), config(html)["search"]]:
        assert url.startswith(prefix), url
        assert (published / url.removeprefix(prefix)).is_file(), url
    assert config(html)["base"] == prefix
