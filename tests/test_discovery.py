"""Discovery end to end: related papers, citations, feeds, papers.json, chart, tag audit."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import feedparser
import jsonschema
import pytest
from bibtexparser.entrypoint import parse_string
from click.testing import CliRunner

from conftest import ROOT, SHIPPED
from generator.build import Digest, generate
from generator.cli.main import cli
from generator.discover.facts import LOCAL_SITE_URL, NO_SITE_URL
from generator.model import Location, Paper, Tagging
from generator.render.links import file_link
from generator.render.pages import render_tag_overview
from rendering import build_digest, facts_of

SITE = "https://alice.github.io/digest/"
ENV = {"DIGEST_SITE_URL": SITE}
SCHEMA = json.loads((ROOT / "schemas" / "papers.schema.json").read_text())


def test_file_links_only_to_generated_files() -> None:
    assert file_link("Atom <x>", "../tags/a-b.xml") == "[Atom &#60;x&#62;](../tags/a-b.xml)"
    for bad in ("javascript:alert(1).xml", "a.html", "x.xml)(y", "../../a b.bib"):
        with pytest.raises(ValueError):
            file_link("x", bad)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Digest, Path, Path]:
    out = tmp_path_factory.mktemp("discovery")
    digest = build_digest(SHIPPED, out, env=ENV, strict=True)
    return digest, out / "docs", out / "site"


def tag_page(site: Path, digest: Digest, tag: str) -> Path:
    """The tag's page, found from a paper page's link to it."""
    paper = next(p for p in digest.papers if tag in p.tag_names)
    html = (site / "papers" / f"{paper.slug}.html").read_text()
    match = re.search(rf'href="\.\./tags/([\w-]+)\.html">{re.escape(tag)}</a>', html)
    assert match, tag
    return site / "tags" / f"{match.group(1)}.html"


def test_every_paper_page_shows_related_papers_bibtex_feeds_and_tag_reasons(
    shipped: tuple[Digest, Path, Path],
) -> None:
    digest, _, site = shipped
    for paper in digest.papers:
        html = (site / "papers" / f"{paper.slug}.html").read_text()
        related = html.split('id="related-papers"', 1)[1].split("</ul>", 1)[0]
        links = re.findall(r'<a href="([\w-]+)\.html">', related)
        assert 1 <= len(links) <= 5, paper.slug
        assert paper.slug not in links
        assert all((site / "papers" / f"{slug}.html").is_file() for slug in links)
        cite = html.split('id="cite"', 1)[1]
        assert '<div class="highlight"><pre>' in cite.split("</pre>", 1)[0]
        assert 'href="../feed.xml"' in html and 'href="../papers.bib"' in html
        for tag in paper.tag_names:
            assert f"<li><strong>{tag}</strong>: " in html.split("digest-audit", 1)[1]
    assert '"content.code.copy"' in (site / "index.html").read_text()


def test_feeds_parse_and_link_every_entry_to_its_page(
    shipped: tuple[Digest, Path, Path],
) -> None:
    digest, _, site = shipped
    atom = feedparser.parse((site / "feed.xml").read_bytes())
    assert not atom.bozo, atom.get("bozo_exception")
    assert atom.feed.title == digest.settings.title
    assert atom.feed.updated == "2025-03-11T00:00:00+00:00"  # the digest day, not today
    assert len(atom.entries) == 100
    for entry in atom.entries:
        assert entry.link.startswith(f"{SITE}papers/")
        assert (site / entry.link.removeprefix(SITE)).is_file()
    data = json.loads((site / "feed.json").read_text())
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == f"{SITE}feed.json"
    assert [item["url"] for item in data["items"]] == [entry.link for entry in atom.entries]
    for tag in {t for p in digest.papers for t in p.tag_names}:
        stem = tag_page(site, digest, tag).with_suffix("")
        members = {f"{SITE}papers/{p.slug}.html" for p in digest.papers if tag in p.tag_names}
        tag_atom = feedparser.parse(stem.with_suffix(".xml").read_bytes())
        assert not tag_atom.bozo
        assert {e.link for e in tag_atom.entries} == members
        tag_json = json.loads(stem.with_suffix(".json").read_text())
        assert {item["url"] for item in tag_json["items"]} == members


def test_pages_announce_their_feeds_and_tag_pages_offer_them(
    shipped: tuple[Digest, Path, Path],
) -> None:
    digest, _, site = shipped
    for page in [site / "index.html", *sorted((site / "papers").glob("*.html"))[:5]]:
        head = page.read_text().split("</head>", 1)[0]
        assert 'rel="alternate feed" type="application/atom+xml"' in head
        assert re.search(r'type="application/feed\+json" title="[^"]+" href="[./]*feed.json"', head)
    speech = tag_page(site, digest, "speech")
    html = speech.read_text()
    head, body = html.split("</head>", 1)
    assert 'href="speech.xml"' in head and 'href="speech.json"' in head
    assert "Subscribe to this tag" in body
    for name in ("speech.xml", "speech.json", "speech.bib"):
        assert f'href="{name}"' in body


def test_bibtex_files_read_back_with_unique_keys(shipped: tuple[Digest, Path, Path]) -> None:
    digest, _, site = shipped
    library = parse_string((site / "papers.bib").read_text())
    assert library.failed_blocks == []
    keys = [entry.key for entry in library.entries]
    assert len(keys) == len(set(keys)) == len(digest.papers)
    cosy = library.entries_dict["du2024cosyvoice"]
    assert cosy.fields_dict["eprint"].value == "2412.10117"
    speech = parse_string(tag_page(site, digest, "speech").with_suffix(".bib").read_text())
    assert len(speech.entries) == sum("speech" in p.tag_names for p in digest.papers)


def test_papers_json_validates_and_is_complete(shipped: tuple[Digest, Path, Path]) -> None:
    digest, _, site = shipped
    data = json.loads((site / "papers.json").read_text())
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert [p["slug"] for p in data["papers"]] == [p.slug for p in digest.papers]
    slugs = {p.slug for p in digest.papers}
    assert all(set(p["related"]) <= slugs for p in data["papers"])
    assert data["papers"][0]["url"] == f"{SITE}papers/{digest.papers[0].slug}.html"
    counts = {t["name"]: t["papers"] for t in data["tags"]}
    assert counts == {
        tag: sum(tag in p.tag_names for p in digest.papers)
        for tag in {t for p in digest.papers for t in p.tag_names}
    }


def test_tags_overview_shows_an_inline_chart(shipped: tuple[Digest, Path, Path]) -> None:
    digest, _, site = shipped
    html = (site / "tags" / "index.html").read_text()
    svg = html.split('<svg class="digest-chart"', 1)[1].split("</svg>", 1)[0]
    tags = {t for p in digest.papers for t in p.tag_names}
    assert 'role="img"' in svg and "aria-label=" in svg and "<title>" in svg
    assert svg.count('class="digest-chart-bar"') == len(tags)
    assert "<img" not in html.split('class="digest-charts"', 1)[1].split("</figure>", 1)[0]
    assert "<table>" in html  # the same numbers as text


def test_related_citations_and_feeds_stay_out_of_the_search_index(
    shipped: tuple[Digest, Path, Path],
) -> None:
    _, _, site = shipped
    index = json.loads((site / "search" / "search_index.json").read_text())
    for doc in index["docs"]:
        assert not re.search(r"#(related-papers|cite|feeds)$", doc["location"]), doc["location"]
        assert "@misc" not in doc["text"] and "Why these tags" not in doc["text"]


def test_same_input_same_bytes_and_local_links_without_a_site_address(tmp_path: Path) -> None:
    generate(SHIPPED, tmp_path / "a", env={})
    generate(SHIPPED, tmp_path / "b", env={})
    for name in ["feed.xml", "feed.json", "papers.bib", "papers.json"]:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert f"<id>{LOCAL_SITE_URL}feed.xml</id>" in (tmp_path / "a" / "feed.xml").read_text()
    generate(SHIPPED, tmp_path / "c", env=ENV)
    assert f"<id>{SITE}feed.xml</id>" in (tmp_path / "c" / "feed.xml").read_text()


def test_build_without_a_site_address_says_where_feeds_point(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "dump.txt").write_text("A Paper\n\nIt does a thing. It does it well.\n")
    args = ["build", "--content", str(content), "--docs-dir", str(tmp_path / "docs")]
    args += ["--site-dir", str(tmp_path / "site"), "--config", str(ROOT / "mkdocs.yml")]
    result = CliRunner().invoke(cli, args, env={"DIGEST_SITE_URL": "", "GITHUB_REPOSITORY": ""})
    assert result.exit_code == 0, result.stderr
    assert f"note: {NO_SITE_URL}\n" in result.stderr
    assert (tmp_path / "site" / "feed.xml").is_file()
    assert (tmp_path / "site" / "papers.json").is_file()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_tags_explain_prints_each_tag_and_its_reason() -> None:
    slug = "cosyvoice-2-scalable-streaming-speech-synthesis-with-large-language-models"
    code, out, _ = run("tags", "--content", str(SHIPPED), "--explain", slug)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"papers/{slug}: CosyVoice 2: Scalable Streaming Speech Synthesis with " + (
        "Large Language Models"
    )
    assert lines[1].startswith("  speech: rule 'speech' (score ")
    assert run("tags", "--content", str(SHIPPED), "--explain", f"papers/{slug}.md")[1] == out


def test_tags_lists_counts_and_refuses_unknown_slugs(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    abstract = "A voice model. It speaks with a voice and sings with a voice too."
    (content / "dump.txt").write_text(f"Voice Paper\n\n{abstract}\n\nOther Paper\n\n{abstract}\n")
    (content / "tags.yml").write_text(
        "tags:\n  - name: speech\n    description: Speech and voice.\n    phrases: [voice]\n"
    )
    code, out, _ = run("tags", "--content", str(content))
    assert (code, out) == (0, "    1  speech: Speech and voice.\n")  # only the title scores 2
    code, _, err = run("tags", "--content", str(content), "--explain", "voice")
    assert code == 2
    assert (
        "Invalid value for --explain: no paper has the slug 'voice'; did you mean voice-paper?"
        in err
    )


def test_overview_shows_papers_per_date_once_there_are_several() -> None:
    def paper(slug: str, day: int) -> Paper:
        return Paper(
            title=slug,
            abstract="Words.",
            source=Location("x.txt"),
            slug=slug,
            date=dt.date(2025, 3, day),
            tags=(Tagging("t", "given by hand in the record"),),
        )

    one_day = facts_of([paper("a", 10), paper("b", 10)])
    assert render_tag_overview(one_day).count("<svg") == 1
    two_days = facts_of([paper("a", 10), paper("b", 11), paper("c", 11)])
    charts = render_tag_overview(two_days)
    assert charts.count("<svg") == 2
    assert "2 dates from 2025-03-10 to 2025-03-11, at most 2 papers on one date" in charts
    assert "Papers per tag and per digest date" in charts
    assert two_days.fallback_date == dt.date(2025, 3, 11)
