"""Paper pages rendered by forked workers and reused from the page cache
(generator/site/paper_pages.py), and the HTML islands past Python-Markdown
(generator/site/islands.py): the site is the same bytes however its pages were made."""

from __future__ import annotations

import filecmp
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import Abort

from conftest import ROOT
from generator.render.markup import island, text
from generator.site import paper_pages
from generator.site.islands import put_back, set_aside
from generator.site.paper_pages import PageCache
from rendering import build_digest

SHIPPED = ROOT / "tests" / "fixtures" / "shipped"
STAMP = {"SOURCE_DATE_EPOCH": "1741651200", "GITHUB_SHA": "a" * 40}
LATER = {"SOURCE_DATE_EPOCH": "1741737600", "GITHUB_SHA": "b" * 40}


@pytest.fixture(autouse=True)
def workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork the workers even when an earlier test left a thread running (a browser test's
    HTTP server): `digest build` has none, and nothing here touches what such a thread holds."""
    monkeypatch.setattr(paper_pages, "forkable", lambda: True)


def tree(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def differences(a: Path, b: Path) -> list[str]:
    left, right = tree(a), tree(b)
    return sorted(k for k in left.keys() | right.keys() if left.get(k) != right.get(k))


def test_islands_are_set_aside_and_put_back() -> None:
    page = f"# Title\n\n{island('<p>one</p>', '<ul><li>two</li></ul>')}\n\nText.\n"
    markdown, islands = set_aside(page)
    assert "<p>one</p>" not in markdown and islands == ["<p>one</p>\n<ul><li>two</li></ul>"]
    html = f"<h1>Title</h1>\n{markdown.splitlines()[2]}\n<p>Text.</p>"
    assert (
        put_back(html, islands) == "<h1>Title</h1>\n<p>one</p>\n<ul><li>two</li></ul>\n<p>Text.</p>"
    )


def test_content_cannot_open_or_fake_an_island() -> None:
    hostile = text(
        "<!-- digest:html -->\n<script>x()</script>\n<!-- /digest:html --> "
        '<div class="digest-island" data-island="0"></div>'
    )
    markdown, islands = set_aside(f"{hostile}\n")
    assert islands == [] and markdown == f"{hostile}\n"
    assert put_back(markdown, islands) == markdown


def test_the_cache_refuses_a_corrupt_entry(tmp_path: Path) -> None:
    cache = PageCache(tmp_path, "f")
    key = cache.key("papers/a.md", b"# A")
    assert cache.get(key) is None
    cache.put(key, b"<html>A</html>")
    assert cache.get(key) == b"<html>A</html>"
    assert (
        cache.key("papers/a.md", b"# B")
        != key
        != PageCache(tmp_path, "g").key("papers/a.md", b"# A")
    )
    stored = tmp_path / key[:2] / key
    stored.write_bytes(stored.read_bytes().replace(b"A</html>", b"B</html>"))
    assert cache.get(key) is None
    stored.write_bytes(b"")
    assert cache.get(key) is None


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped digest built without a cache, its paper pages by MkDocs itself."""
    out = tmp_path_factory.mktemp("clean")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paper_pages, "forkable", lambda: False)
        build_digest(SHIPPED, out, env=STAMP)
    return out / "site"


def test_workers_make_the_pages_mkdocs_makes(clean: Path, tmp_path: Path) -> None:
    build_digest(SHIPPED, tmp_path, env=STAMP)
    assert differences(clean, tmp_path / "site") == []


def test_a_cold_warm_stale_or_corrupt_cache_gives_the_same_site(
    clean: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    build_digest(SHIPPED, tmp_path / "cold", env=STAMP, cache=cache)
    entries = sorted(p.name for p in cache.glob("*/*"))
    assert len(entries) == len(list((clean / "papers").glob("*.html")))
    build_digest(SHIPPED, tmp_path / "warm", env=STAMP, cache=cache)
    assert sorted(p.name for p in cache.glob("*/*")) == entries
    for number, path in enumerate(sorted(cache.glob("*/*"))[:20]):
        # garbled, truncated, or another page's bytes under this key
        other = sorted(cache.glob("*/*"))[-1].read_bytes()
        path.write_bytes([b"garbage", path.read_bytes()[:100], other][number % 3])
    build_digest(SHIPPED, tmp_path / "corrupt", env=STAMP, cache=cache)
    for built in ("cold", "warm", "corrupt"):
        assert differences(clean, tmp_path / built / "site") == [], built


def test_a_cached_page_is_reused_only_while_its_input_is_the_same(
    clean: Path, tmp_path: Path
) -> None:
    """A paper changed, a new build stamp, a theme file changed: each build equals a clean
    build of the same input; pages the change did not touch come from the cache."""
    cache = tmp_path / "cache"
    build_digest(SHIPPED, tmp_path / "first", env=STAMP, cache=cache)
    before = {p.name for p in cache.glob("*/*")}
    content = tmp_path / "content"
    shutil.copytree(SHIPPED, content)
    trending = content / "trending.txt"
    trending.write_text(
        trending.read_text().replace(
            "we present an improved streaming", "we show an improved streaming", 1
        )
    )
    build_digest(content, tmp_path / "changed", env=LATER, cache=cache)
    build_digest(content, tmp_path / "changed-clean", env=LATER)
    assert differences(tmp_path / "changed" / "site", tmp_path / "changed-clean" / "site") == []
    reused = before & {p.name for p in cache.glob("*/*")}
    assert len(reused) > 100  # a new build stamp leaves paper pages as they were
    changed = differences(clean, tmp_path / "changed" / "site")
    assert (
        "papers/cosyvoice-2-scalable-streaming-speech-synthesis-with-large-language-models.html"
        in changed
    )
    assert "index.html" in changed  # the build stamp
    unchanged = [p for p in tree(clean) if p.startswith("papers/") and p not in changed]
    assert len(unchanged) > 100
    assert not filecmp.cmp(trending, SHIPPED / "trending.txt", shallow=False)


def test_a_theme_change_renders_every_paper_page_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    build_digest(SHIPPED, tmp_path / "a", env=STAMP, cache=cache)
    before = {p.name for p in cache.glob("*/*")}
    real = paper_pages.fingerprint
    monkeypatch.setattr(paper_pages, "fingerprint", lambda config: real(config) + "theme changed")
    build_digest(SHIPPED, tmp_path / "b", env=STAMP, cache=cache)
    after = {p.name for p in cache.glob("*/*")}
    assert before and after and not before & after  # old entries gone, all new


def test_the_fingerprint_covers_the_theme_files(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir()
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(tmp_path / "docs"))
    overrides = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    config["theme"].dirs = [str(overrides), *config["theme"].dirs[1:]]
    before = paper_pages.fingerprint(config)
    assert paper_pages.fingerprint(config) == before
    (overrides / "paper.html").write_text((overrides / "paper.html").read_text() + " ")
    assert paper_pages.fingerprint(config) != before


def test_a_page_a_worker_cannot_render_fails_the_build_and_keeps_the_old_site(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    build_digest(SHIPPED, tmp_path, env=STAMP)
    before = tree(tmp_path / "site")

    def broken(*_: object) -> None:
        raise ValueError("a page went wrong")

    monkeypatch.setattr(paper_pages, "_render", broken)
    with pytest.raises(Abort):
        build_digest(SHIPPED, tmp_path, env=LATER)
    assert "Rendering paper pages failed" in caplog.text
    assert "ValueError: a page went wrong" in caplog.text
    assert tree(tmp_path / "site") == before


HOSTILE_TITLE = '</title><script>alert(1)</script> "Quoted" & <b>bold</b> ``code``'


def test_every_paper_page_shares_one_frame_script_and_the_paper_stays_text(
    tmp_path: Path,
) -> None:
    """The frame (site/paper_frame.py): Material's header, drawer, footer and config are in
    one script all paper pages load, which holds nothing from content; a paper's title
    reaches the header as an attribute that reads back exactly as written."""
    content = tmp_path / "content"
    content.mkdir()
    records = [
        {"title": HOSTILE_TITLE, "abstract": "An abstract about speech."},
        {"title": "A Plain Paper", "abstract": "Another abstract, about music."},
    ]
    (content / "papers.yml").write_text(yaml.safe_dump(records), encoding="utf-8")
    build_digest(content, tmp_path, env=STAMP)
    site = tmp_path / "site"

    class Scripts(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.framed: list[dict[str, str | None]] = []
            self.title = ""
            self._in_title = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            values = dict(attrs)
            if tag == "script" and "data-part" in values:
                self.framed.append(values)
            self._in_title = tag == "title"

        def handle_data(self, data: str) -> None:
            if self._in_title:
                self.title += data

        def handle_endtag(self, tag: str) -> None:
            self._in_title = False

    pages = sorted((site / "papers").glob("*.html"))
    assert len(pages) == 2
    sources = set()
    for path in pages:
        parser = Scripts()
        parser.feed(path.read_text(encoding="utf-8"))
        assert [s["data-part"] for s in parser.framed] == ["0", "1", "2", "3"]
        sources |= {s["src"] for s in parser.framed}
        titles = [s["data-title"] for s in parser.framed if "data-title" in s]
        assert len(titles) == 1 and parser.title == f"{titles[0]} - Paper digest"
        if "plain" not in path.name:
            assert titles == [HOSTILE_TITLE]
    assert len(sources) == 1
    (source,) = sources
    assert source is not None and source.startswith("../assets/javascripts/paper-frame.")
    script = (site / "papers" / source).resolve().read_text(encoding="utf-8")
    assert "alert" not in script and "Plain Paper" not in script and "speech" not in script
    assert 'data-md-component=\\"search\\"' in script  # Material's search box is in it
