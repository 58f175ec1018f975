"""What a build writes: one page per paper, a true report, same bytes twice, atomic swaps."""

from __future__ import annotations

import gzip
import io
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import mkdocs.commands.build
import pytest

from conftest import ROOT
from generator.build import build_site, gather, generate
from generator.cli.report import report
from generator.discover.facts import tag_slugs
from generator.model import Location, Paper, Tagging
from generator.read.files import content_files
from generator.read.settings import Settings
from generator.render.markup import text
from rendering import render_pages

ABSTRACT = "We study a thing in depth. It works well on many benchmarks and we release code."
OTHER = "A different abstract entirely, about other things, with other results in it."
EPOCH = {"SOURCE_DATE_EPOCH": "1741651200"}  # 2025-03-11


def write_content(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, body in files.items():
        (folder / name).write_text(body)
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path, with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_content(
        tmp_path / "content",
        {
            "a.txt": f"Mar 11\n\nSame Title\n\n{ABSTRACT}\n\nSame Title\n\n{OTHER}\n\n"
            f"Same, Title!\n\n{ABSTRACT}\n\nRepeated Paper\n\n{ABSTRACT}\n",
            "b.yml": f"- title: repeated  paper\n  abstract: {ABSTRACT}\n  tags: [a b, A-B]\n",
        },
    )


def test_duplicates_merge_with_a_note_and_same_titles_keep_their_pages(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    digest = generate(content, tmp_path / "docs")
    assert [(p.title, p.slug) for p in digest.papers] == [
        ("Same Title", "same-title"),
        ("Same Title", "same-title-2"),
        ("Same, Title!", "same-title-3"),
        ("Repeated Paper", "repeated-paper"),
    ]
    assert digest.papers[3].tag_names == ("a b", "A-B")
    report(digest)
    where = content.as_posix()
    assert capsys.readouterr().err.splitlines() == [
        f"note: {where}/a.txt: read as papers page copied as text, 4 papers",
        f"note: {where}/b.yml: read as records, 1 record, 1 with an abstract",
        f"note: {where}/b.yml:1: same paper as {where}/a.txt:15 (same title and abstract); "
        "merged into one page",
        f"note: {where}/a.txt:7: slug 'same-title' is taken by {where}/a.txt:3; "
        "this paper's page is papers/same-title-2",
        f"note: {where}/a.txt:11: slug 'same-title' is taken by {where}/a.txt:3; "
        "this paper's page is papers/same-title-3",
        "5 papers read, 4 paper pages written, 2 tags, 1 duplicate merged, 0 problems",
    ]
    papers = sorted(p.name for p in (tmp_path / "docs" / "papers").iterdir())
    assert papers == sorted(f"{p.slug}.md" for p in digest.papers)


def test_tags_whose_names_slugify_alike_get_pages_of_their_own() -> None:
    assert tag_slugs(["A-B", "a b", "!!!", "???", "index", "Index"]) == {
        "!!!": "tag",
        "???": "tag-2",
        "A-B": "a-b",
        "Index": "index-2",
        "a b": "a-b-2",
        "index": "index-3",
    }
    given = ("a b", "A-B", "!!!", "???", "index")
    paper = Paper(
        "T", ABSTRACT, Location("x.txt", 1), slug="t", tags=tuple(Tagging(t, "") for t in given)
    )
    pages = render_pages([paper])
    assert sorted(path for path in pages if path.startswith(("tags/", "papers/"))) == [
        "papers/t.md",
        "tags/a-b-2.md",
        "tags/a-b.md",
        "tags/index-2.md",
        "tags/index.md",
        "tags/tag-2.md",
        "tags/tag.md",
    ]
    assert f"# {text('a b')}\n" in pages["tags/a-b-2.md"]
    assert (
        'Tags: <a href="../tags/a-b-2.html">a b</a> <a href="../tags/a-b.html">A-B</a> '
        in pages["papers/t.md"]
    )


def listed_backwards(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Make Path.rglob, which content_files lists the folder with, answer in reverse path
    order (a filesystem's order is no order); returns the folders it was asked about."""
    rglob, asked = Path.rglob, []

    def backwards(self: Path, pattern: str) -> Iterator[Path]:
        asked.append(self)
        return iter(sorted(rglob(self, pattern), reverse=True))

    monkeypatch.setattr(Path, "rglob", backwards)
    return asked


def test_content_files_are_all_but_hidden_ones_and_the_settings_in_path_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    for name in [
        *("b.txt", "B.txt", "a.txt", "a-b.txt", "a/z.yml", "settings.yml", "tags.yml"),
        *("imported/arxiv.yml", "imported/settings.yml", "imported/tags.yml"),
        *(".DS_Store", ".git/HEAD", "notes/.draft.txt", "imported/.cache/x.json"),
    ]:
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text("x")
    asked = listed_backwards(monkeypatch)
    found = [path.relative_to(content).as_posix() for path in content_files(content)]
    assert asked == [content]
    # By path, character by character: upper case first, then - . / (so a.txt before a/).
    assert found == [
        "B.txt",
        "a-b.txt",
        "a.txt",
        "a/z.yml",
        "b.txt",
        "imported/arxiv.yml",
        "imported/settings.yml",  # only content/settings.yml and content/tags.yml are settings
        "imported/tags.yml",
    ]


def test_content_files_are_read_in_path_order_whatever_the_filesystem_says(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (content / "0.txt").write_text(f"Zeroth\n\n{OTHER}\n")
    expected = gather(content)
    asked = listed_backwards(monkeypatch)
    assert gather(content) == expected
    assert asked == [content]
    assert [paper.title for paper in expected.papers][:2] == ["Zeroth", "Same Title"]


def normalized(site: Path) -> dict[str, bytes]:
    """The site's files, less what may change between two builds: sitemap dates, build stamp."""
    files = tree(site)
    files["sitemap.xml.gz"] = gzip.decompress(files["sitemap.xml.gz"])
    for name in [name for name in files if name.endswith(".zip")]:  # the offline bundle
        with zipfile.ZipFile(io.BytesIO(files.pop(name))) as bundle:
            files |= {f"{name}/{info.filename}": bundle.read(info) for info in bundle.infolist()}
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        files[name] = re.sub(rb"<lastmod>[^<]*</lastmod>", b"<lastmod/>", files[name])
    stamp = re.compile(rb'<time datetime="[^"]*">[^<]*</time>')
    return {name: stamp.sub(b"<time/>", data) for name, data in files.items()}


def test_two_builds_of_the_same_input_are_identical(content: Path, tmp_path: Path) -> None:
    sites = []
    for run, epoch in enumerate(["1741651200", "1767225600"]):  # 2025-03-11, 2026-01-01
        docs, site = tmp_path / f"docs{run}", tmp_path / f"site{run}"
        digest = generate(content, docs)
        build_site(
            ROOT / "mkdocs.yml",
            docs,
            site,
            digest.settings,
            digest.offline_zip,
            env={"SOURCE_DATE_EPOCH": epoch},
        )
        sites.append(site)
    assert tree(tmp_path / "docs0") == tree(tmp_path / "docs1")
    first, second = normalized(sites[0]), normalized(sites[1])
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert b'<time datetime="2025-03-11">' in tree(sites[0])["index.html"]


@pytest.fixture
def built(content: Path, tmp_path: Path) -> tuple[Path, Path, Settings]:
    docs, site = tmp_path / "docs", tmp_path / "site"
    digest = generate(content, docs)
    build_site(ROOT / "mkdocs.yml", docs, site, digest.settings, digest.offline_zip, env=EPOCH)
    return docs, site, digest.settings


def test_a_build_that_fails_halfway_keeps_the_old_site(
    built: tuple[Path, Path, Settings], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs, site, settings = built
    before = tree(site)

    def halfway(config: Any, **_: Any) -> None:
        (Path(config.site_dir) / "index.html").write_text("half a site")
        raise RuntimeError("MkDocs fell over")

    monkeypatch.setattr(mkdocs.commands.build, "build", halfway)
    with pytest.raises(RuntimeError, match="MkDocs fell over"):
        build_site(ROOT / "mkdocs.yml", docs, site, settings, "", env=EPOCH)
    assert tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "docs", "site"]


def test_a_broken_config_keeps_the_old_site(
    built: tuple[Path, Path, Settings], tmp_path: Path
) -> None:
    docs, site, settings = built
    before = tree(site)
    config = tmp_path / "broken" / "mkdocs.yml"
    config.parent.mkdir()
    config.write_text((ROOT / "mkdocs.yml").read_text().replace("name: material", "name: nope"))
    with pytest.raises(Exception, match="Aborted with a configuration error"):
        build_site(config, docs, site, settings, "", env=EPOCH)
    assert tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken", "content", "docs", "site"]


def test_a_failed_swap_puts_the_old_site_back(
    built: tuple[Path, Path, Settings], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs, site, settings = built
    before = tree(site)
    replace = os.replace

    def refuse_new_site(source: Path, target: Path) -> None:
        if Path(source).name.startswith(".site-") and not Path(source).name.endswith("-old"):
            raise OSError("disk full")
        replace(source, target)

    monkeypatch.setattr(os, "replace", refuse_new_site)
    with pytest.raises(OSError, match="disk full"):
        build_site(ROOT / "mkdocs.yml", docs, site, settings, "", env=EPOCH)
    assert tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "docs", "site"]


@pytest.mark.parametrize(("up_to", "zipped"), [(4, True), (3, False)])
def test_the_offline_zip_is_made_and_linked_up_to_its_size_setting(
    content: Path, tmp_path: Path, up_to: int, zipped: bool
) -> None:
    (content / "settings.yml").write_text(f"title: Small\noffline_zip_up_to: {up_to}\n")
    docs, site = tmp_path / "docs", tmp_path / "site"
    digest = generate(content, docs)
    assert len(digest.papers) == 4  # five read, two of them the same paper
    build_site(ROOT / "mkdocs.yml", docs, site, digest.settings, digest.offline_zip, env=EPOCH)
    home = (site / "index.html").read_text()
    assert ('href="small.zip" download' in home) is zipped
    assert (site / "small.zip").is_file() is zipped
