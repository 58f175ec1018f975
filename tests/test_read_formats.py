"""Reading what other tools write: BibTeX, arXiv API responses, trackers' JSON, JSON Lines."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import CORPORA, FIXTURES
from generator.model import Location, Problem
from generator.read.arxiv_atom import read_atom
from generator.read.bibtex import blank_front_matter, read_bibtex
from generator.read.dispatch import read_content
from generator.read.records import read_records


def corpus(name: str) -> str:
    """A file of tests/fixtures/corpora/: another tool's file, cut down (see its README)."""
    return (CORPORA / name).read_text(encoding="utf-8")


# BibTeX ----------------------------------------------------------------------------------


def test_an_al_folio_file_with_front_matter_gives_every_entry() -> None:
    records, problems, notes = read_bibtex(corpus("alfolio_594zyc_papers.bib"), "p.bib")
    assert (len(records), problems, notes) == (5, [], [])
    first = records[0]
    assert first.where == Location("p.bib", entry="zhang2020task")
    assert first.authors == ("Yichi Zhang", "Zhijian Ou", "Zhou Yu")
    assert (first.year, first.arxiv, first.hand_written) == (2020, "1911.10484", False)
    assert first.venue == "Proceedings of the AAAI Conference on Artificial Intelligence"
    assert first.links == ("https://github.com/thu-spmi/damd-multiwoz",)
    assert first.pdf == ""  # pdf={aaai20_damd.pdf} names a file of the site, not an address
    danli = next(r for r in records if r.where.entry == "zhang-etal-2022-danli")
    assert danli.title.startswith("DANLI: Deliberative Agent")
    assert "greater than 70\\% improvement" in danli.abstract  # clean.py resolves \%
    assert "agent's capabilities" in danli.abstract
    assert " https://github.com/sled-group/DANLI." in danli.abstract
    acl = next(r for r in records if r.where.entry == "gao-etal-2020-paraphrase")
    assert acl.doi == "10.18653/v1/2020.acl-main.60"
    assert acl.url == "https://aclanthology.org/2020.acl-main.60"


def test_an_endnote_export_reports_entries_without_abstracts_by_key() -> None:
    records, problems, notes = read_bibtex(corpus("alfolio_3c-lab_papers.bib"), "p.bib")
    assert (len(records), problems, notes) == (5, [], [])
    without = [str(r.where) for r in records if not r.abstract]
    assert without == ["p.bib: entry RN1506", "p.bib: entry RN910"]
    first = records[0]
    assert first.doi == "10.1038/s41386-026-02350-0"  # DOI = {...}: field names in any case
    assert first.authors[:2] == ("J. Ramborger", "J. Mosquera")


def test_latex_in_values_reads_as_text() -> None:
    text = (
        "@article{k,\n"
        '  title = {{BERT} and {\\"O}zg{\\"u}r: {Large Language Models} at 5{\\%}},\n'
        '  author = {M{\\"u}ller, Hans and Fran{\\c{c}}ois, Jean and others},\n'
        "  abstract = {It {\\em works} (see \\url{https://x.org/a}).},\n"
        "  year = 2024,\n"
        "}\n"
    )
    (record,), problems, _ = read_bibtex(text, "p.bib")
    assert problems == []
    assert record.title == "BERT and Özgür: Large Language Models at 5\\%"
    assert record.authors == ("Hans Müller", "Jean François")
    assert record.abstract == "It \\em works (see https://x.org/a)."
    assert record.year == 2024


def test_front_matter_is_blanked_keeping_line_numbers() -> None:
    text = "---\nlayout: x\n---\n\n@misc{a, title={A}, abstract={B}}\n"
    assert blank_front_matter(text) == "\n\n\n\n@misc{a, title={A}, abstract={B}}\n"
    assert blank_front_matter("@misc{a}\n---\n") == "@misc{a}\n---\n"


def test_what_bibtexparser_cannot_parse_is_a_problem_with_line_and_key() -> None:
    text = (
        "---\n---\nA stray line of Markdown.\n"
        "@article{good, title={Good}, abstract={Fine.}}\n"
        "@article{good, title={Again}, abstract={Twice.}}\n"
        "@article{broken, title={Unclosed\n"
        "@misc{notitle, year={2020}}\n"
        "@article{twice, title={One}, title={Two}, abstract={A.}}\n"
    )
    records, problems, notes = read_bibtex(text, "p.bib")
    assert [str(p) for p in problems] == [
        "p.bib:5: entry 'good': this key is used twice; the second entry is skipped (rename one)",
        "p.bib:6: entry 'broken' cannot be read: Unexpected block start: `@misc`. Was still "
        "looking for field-value closing `}`; the entry is skipped",
        "p.bib:8: entry 'twice' has a field twice; the last value is used",
    ]
    assert notes == [
        "p.bib: entry notitle: no title; skipped (a page needs a title and an abstract)"
    ]
    assert [(r.title, r.abstract) for r in records] == [("Good", "Fine."), ("Two", "A.")]


# arXiv API responses ---------------------------------------------------------------------


def test_an_arxiv_api_response_gives_every_field_it_has() -> None:
    records, problems = read_atom((FIXTURES / "arxiv_api_page1.xml").read_text(), "a.xml")
    assert problems == []
    assert [r.arxiv for r in records] == ["2202.12139", "2405.13786"]
    first = records[0]
    assert first.where == Location("a.xml", entry="2202.12139")
    assert first.title.startswith("Testing Deep Learning Models: A First Comparative Study")
    assert first.abstract.startswith("Deep Learning (DL) has revolutionized")
    assert first.authors == ("Mohit Kumar Ahuja", "Arnaud Gotlieb", "Helge Spieker")
    assert first.submitted == dt.date(2022, 2, 24)
    assert first.date is None  # no digest day: the file is not a digest
    assert first.doi == "10.1109/ICSTW55395.2022.00035"
    assert first.categories == ("cs.SE", "cs.LG")
    assert first.comment == "Artificial Intelligence in Software Testing 2022 workshop @ ICST 2022"
    assert first.venue.startswith("Artificial Intelligence in Software Testing @ 2022 IEEE")


def test_the_arxiv_corpus_reads() -> None:
    records, problems = read_atom(corpus("arxiv_api_atom_query_testing_8.xml"), "a.xml")
    assert (len(records), problems) == (8, [])
    assert all(r.abstract and r.arxiv and r.submitted for r in records)
    assert (sum(bool(r.doi) for r in records), sum(bool(r.venue) for r in records)) == (6, 6)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '<feed xmlns="http://www.w3.org/2005/Atom"><entry>'
            "<id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id><title>Error</title>"
            "<summary>incorrect id format for 1234</summary></entry></feed>",
            "a.xml: the arXiv API reported an error: incorrect id format for 1234",
        ),
        (
            "<rss><channel/></rss>",
            "a.xml: expected an arXiv API response (an Atom <feed>), found <rss>",
        ),
        ("<feed>\n<entry>\n</feed>", "a.xml:3: cannot be read: mismatched tag"),
    ],
)
def test_what_is_not_an_arxiv_response_is_one_problem(text: str, message: str) -> None:
    assert [str(p) for p in read_atom(text, "a.xml")[1]] == [message]


# Other tools' JSON -----------------------------------------------------------------------

TRACKER_ENTRY = {
    "title": "Retargeting Matters: General Motion Retargeting for Humanoid Motion Tracking",
    "authors": ["Joao Pedro Araujo", "Yanjie Ze"],
    "arxiv_id": "2510.02252v1",
    "summary": "Humanoid motion tracking policies are central. Code: https://github.com/YanjieZe/GMR.",
    "categories": ["cs.CV", "cs.RO"],
    "primary_category": "cs.RO",
    "published": "2025-10-02",
    "updated": "2025-10-03",
    "comment": "",
    "doi": "",
    "journal_ref": "",
    "pdf_url": "https://arxiv.org/pdf/2510.02252v1",
    "code_links": [{"url": "https://github.com/YanjieZe/GMR", "type": "github"}],
    "matched_interests": [{"name": "支柱一\uff1a机器人控制 (Robot Control)", "score": 14.0}],
    "relevance_score": 14.0,
    "hit_pillars": ["1_robot_core"],
}


def test_a_trackers_dump_is_mapped_and_its_other_fields_ignored() -> None:
    dump = {"count": 2, "query_info": {"tags": ["cs.RO"]}, "papers": [TRACKER_ENTRY, {"x": 1}]}
    records, problems = read_records(json.dumps(dump, ensure_ascii=False), "t.json")
    (record,) = records
    assert [str(p) for p in problems] == [
        "t.json: entry 2: record has no title; every record needs 'title'"
    ]
    assert (record.arxiv, record.submitted) == ("2510.02252", dt.date(2025, 10, 2))
    assert record.abstract == TRACKER_ENTRY["summary"]
    assert record.categories == ("cs.RO", "cs.CV")  # the primary one first
    assert (record.doi, record.venue, record.comment, record.pdf) == ("", "", "", "")
    assert record.links == ("https://github.com/YanjieZe/GMR",)
    assert not record.hand_written


def test_the_tracker_corpus_reads() -> None:
    records, problems = read_records(corpus("arxiv_daily_2025-10_7.json"), "t.json")
    assert (len(records), problems) == (7, [])
    assert [r.doi for r in records if r.doi] == [
        "10.1145/3757377.3763862",
        "10.1109/LRA.2024.3398402",
    ]
    assert [r.arxiv for r in records] == [  # arxiv_id "2510.02252v1" and so on: no version
        "2510.02252",
        "2510.07152",
        "2510.09976",
        "2510.01767",
        "2510.23016",
        "2510.11649",
        "2510.14065",
    ]


def test_hugging_face_daily_papers_are_read_with_their_day() -> None:
    text = (FIXTURES / "hf_daily_papers_2024-10-25.json").read_text()
    records, problems = read_records(text, "d.json")
    assert problems == []
    assert [(r.arxiv, r.date, r.submitted) for r in records] == [
        ("2410.17243", dt.date(2024, 10, 25), dt.date(2024, 10, 22)),
        ("2410.16251", dt.date(2024, 10, 25), dt.date(2024, 10, 21)),
        ("2410.18533", dt.date(2024, 10, 25), dt.date(2024, 10, 24)),
    ]
    assert records[0].authors[:2] == ("Zesen Cheng", "Hang Zhang")
    assert records[0].title == (
        "Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss"
    )


def test_a_hand_written_list_still_reports_unknown_fields() -> None:
    _, problems = read_records('[{"title": "A", "summary": "B"}]', "r.json")
    assert [p.message.split(";")[0] for p in problems] == ["summary: unknown field"]


# JSON Lines and the new fields -----------------------------------------------------------


def test_json_lines_are_records_located_by_line() -> None:
    text = (
        '{"title": "A", "abstract": "B", "arxiv": "2401.00001v2", "tags": ["x"]}\n'
        "\n"
        '{"title": "C", "abstract": \n'
        '{"title": "D", "doi": "https://doi.org/10.1109/5.771073", "year": "1999"}\n'
    )
    records, problems = read_records(text, "r.jsonl")
    assert problems == [Problem(Location("r.jsonl", 3), "cannot be read: Expecting value")]
    assert [(r.title, r.where.line) for r in records] == [("A", 1), ("D", 4)]
    assert (records[1].doi, records[1].year) == ("10.1109/5.771073", 1999)


def test_new_fields_are_checked_like_the_others() -> None:
    text = (
        "- title: A\n  doi: not-a-doi\n  year: 99\n  links: [https://a.org/x, 'ftp://b']\n"
        "  pdf: file.pdf\n  categories: cs.CL\n  venue: [x]\n"
    )
    (record,), problems = read_records(text, "r.yml")
    assert [str(p) for p in problems] == [
        "r.yml:2: doi: expected a DOI like 10.1109/5.771073, got 'not-a-doi'",
        "r.yml:3: year: expected a year like 2024, got 99",
        "r.yml:4: links[1]: expected a web address starting with https:// or http://, got 'ftp://b'",
        "r.yml:5: pdf: expected a web address starting with https:// or http://, got 'file.pdf'",
        "r.yml:7: venue: expected text, got ['x']",
    ]
    assert (record.doi, record.year, record.pdf, record.links) == (
        "",
        None,
        "",
        ("https://a.org/x",),
    )
    assert record.categories == ("cs.CL",)


def test_readers_are_chosen_by_type() -> None:
    assert read_content("x", "notes.doc", 2025) is None
    found = read_content("Title\n\n" + "A sentence of an abstract here. " * 5, "a/B.TXT", 2025)
    assert found is not None and [p.title for p in found.papers] == ["Title"]
