"""Search filters: the facets files, the filter itself, ranking within a filter before the
limit, a paper's day and tags as search sees them, and `digest search --tag --since
--until`."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner

from conftest import SHIPPED
from generator.cli.main import cli
from generator.model import Location, Paper, Tagging
from generator.search import facets, rank, shards
from generator.search.facets import Filter, admitted
from generator.search.index import SearchDoc, build_index, paper_doc


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


def dated(slug: str, title: str, abstract: str, day: int, *tags: str) -> Paper:
    """A paper of the digest of `day` March 2025 with these tags (day 0: undated)."""
    return Paper(
        title,
        abstract,
        Location("papers.txt", 1),
        slug=slug,
        date=dt.date(2025, 3, day) if day else None,
        tags=tuple(Tagging(name, "rule") for name in tags),
    )


def test_a_paper_gives_its_day_and_tags() -> None:
    found = paper_doc(dated("a", "A", "Words.", 1, "long context", "speech"))
    assert (found.day, found.tag_names) == ("2025-03-01", ("long context", "speech"))
    assert (paper_doc(dated("b", "B", "Words.", 0)).day, found.tags) == ("", "long context speech")


def test_both_engines_get_the_facets() -> None:
    papers = [dated("b", "B", "Words.", 2, "x"), dated("a", "A", "Words.", 1)]
    ours = shards.search_files(papers, "w.js")
    assert {"search/facets.js", "search/filters.js"} <= set(ours)
    assert "locations" not in ours["search/facets.js"]
    lunr = shards.filter_files(papers)  # Material's search stays: the page narrows lunr's
    assert sorted(lunr) == ["search/facets.js", "search/filters.js"]
    data = json.loads(lunr["search/facets.js"].removeprefix("self.__digestFacets(")[:-3])
    assert data["locations"] == ["papers/a.html", "papers/b.html"]
    assert data["day"] == [0, 1] and data["tagged"] == [[1]]


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
