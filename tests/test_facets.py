"""Search filters: the facets files, the filter itself, ranking within a filter before the
limit, the day and tags read back from a paper page, and `digest search --tag --since
--until`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from test_shards import built_site, index_data, paper

from conftest import SHIPPED
from generator.cli.main import cli
from generator.search import facets, rank, shards
from generator.search.facets import Filter, admitted
from generator.search.index import SearchDoc, build_index


def doc(name: str, day: str = "", *tags: str, title: str = "", text: str = "") -> SearchDoc:
    return SearchDoc(f"papers/{name}.html", title or name, text=text, day=day, tag_names=tags)


DOCS = [
    doc("a", "2025-03-10", "speech"),
    doc("b", "2025-03-11", "long context", "speech"),
    doc("c", "", "reasoning"),
    doc("d", "2025-03-12"),
]


def test_facets_number_days_and_list_each_tags_papers_as_gaps() -> None:
    assert facets.facets(DOCS) == {
        "days": ["2025-03-10", "2025-03-11", "2025-03-12"],
        "tags": ["long context", "reasoning", "speech"],
        "day": [0, 1, -1, 2],
        "tagged": [[1], [2], [0, 1]],
    }
    assert facets.gaps([3, 4, 10]) == [3, 1, 6]
    assert facets.facets(DOCS, locations=True)["locations"] == [d.location for d in DOCS]


def test_the_files_are_scripts_calling_the_worker_and_the_page() -> None:
    files = facets.files(DOCS)
    assert sorted(files) == ["search/facets.js", "search/filters.js"]
    assert files["search/facets.js"].startswith('self.__digestFacets({"day":[0,1,-1,2],')
    assert files["search/filters.js"] == (
        'self.__digestFilters({"days":["2025-03-10","2025-03-12"],'
        '"tags":[["long context",1],["reasoning",1],["speech",2]]});\n'
    )


def test_a_filter_admits_any_of_its_tags_within_its_days() -> None:
    def names(wanted: Filter) -> list[str] | None:
        found = admitted(DOCS, wanted)
        return None if found is None else [DOCS[n].title for n in sorted(found)]

    assert names(Filter()) is None
    assert names(Filter(tags=("speech",))) == ["a", "b"]
    assert names(Filter(tags=("speech", "reasoning"))) == ["a", "b", "c"]
    assert names(Filter(since="2025-03-11")) == ["b", "d"]  # the undated c is out
    assert names(Filter(until="2025-03-11")) == ["a", "b"]
    assert names(Filter(("speech",), "2025-03-11", "2025-03-11")) == ["b"]
    assert names(Filter(tags=("nothing",))) == []


def test_the_filter_applies_before_the_limit() -> None:
    """A common word: the filter's papers are found even when 50 others score higher."""
    strong = [doc(f"s{n:02}", "2025-03-10", title="Models of models") for n in range(60)]
    weak = [doc(f"w{n}", "2025-03-12", "speech", text="a model among words") for n in range(3)]
    index = build_index(strong + weak)
    unfiltered = rank.search(index, "models", limit=50)
    assert len(unfiltered.found) == 50
    assert not {index.docs[f.doc].title for f in unfiltered.found} & {"w0", "w1", "w2"}
    only = admitted(index.docs, Filter(tags=("speech",)))
    found = rank.search(index, "models", limit=50, only=only).found
    assert [index.docs[f.doc].title for f in found] == ["w0", "w1", "w2"]
    ranged = admitted(index.docs, Filter(since="2025-03-12"))
    assert rank.search(index, "models", 2, ranged).found == found[:2]


def page(slug: str, byline: str, tags: list[str]) -> list[dict[str, Any]]:
    links = " ".join(f'<a href="../tags/{t.replace(" ", "-")}.html">{t}</a>' for t in tags)
    entries = paper(slug, slug.title(), "Words.")
    entries[0] = dict(entries[0], text=f"<p>{byline}</p> <p>Tags: {links}</p>")
    return entries


def test_a_paper_pages_day_and_tags_are_read_back() -> None:
    """Material's entry keeps a tag list's text, not its links: the tag names it is split
    with come from the tags overview, longest first."""
    known = ["long", "long context", "context", "speech"]
    [first, second] = shards.search_docs(
        [
            *page("a", "A. Author · in the digest of 1 March 2025", ["long context", "speech"]),
            *page("b", "submitted 2 May 2024", ["unknown tag", "long"]),
        ],
        known,
    )
    assert (first.day, first.tag_names) == ("2025-03-01", ("long context", "speech"))
    assert (second.day, second.tag_names) == ("", ("unknown", "tag", "long"))


def test_the_site_step_writes_the_facets_for_either_engine(tmp_path: Path) -> None:
    site = built_site(tmp_path, 3)
    (site / "tags").mkdir()
    (site / "tags" / "index.html").write_text('<td><a href="x.html">A &amp; B</a></td>')
    assert shards.site_tag_names(site) == ["A & B"]
    sharded, _ = shards.shard_files(site, above=2)
    assert {"search/facets.js", "search/filters.js"} <= set(sharded)
    assert "locations" not in sharded["search/facets.js"]
    lunr, removing = shards.shard_files(site, above=3)  # Material's search stays
    assert (sorted(lunr), removing) == (["search/facets.js", "search/filters.js"], [])
    data = json.loads(lunr["search/facets.js"].removeprefix("self.__digestFacets(")[:-3])
    assert data["locations"] == ["papers/p0.html", "papers/p1.html", "papers/p2.html"]
    assert shards.site_files(index_data(), "w.js")["search/filters.js"] == (
        'self.__digestFilters({"days":[],"tags":[]});\n'
    )


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["search", "--content", str(SHIPPED), *args])
    return result.exit_code, result.stdout, result.stderr


def test_digest_search_filters_by_tag_and_day() -> None:
    code, out, _ = run("--limit", "50", "--tag", "Speech", "--tag", "long context", "model")
    assert code == 0
    titles = [line.strip().split("  ")[1] for line in out.splitlines()]
    assert "CosyVoice 2: Scalable Streaming Speech Synthesis with Large Language Models" in titles
    assert len(titles) < 12  # speech (1) and long context (10) papers only
    assert run("--since", "2025-03-12", "model")[:2] == (1, "")
    assert run("--until", "2025-03-11", "model")[1] == run("model")[1]


def test_digest_search_names_an_unknown_tag() -> None:
    code, _, err = run("--tag", "nope", "model")
    assert code == 2
    assert "Invalid value for '--tag': no tag 'nope' in the digest; its tags: agents," in err
    assert run("--since", "11 March", "model")[0] == 2
