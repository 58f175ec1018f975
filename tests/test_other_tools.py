"""Other tools' files, recorded for real, read through the production path.

tests/fixtures/formats/ holds the files (see tests/fixtures/README.md for their sources): a
CSL-JSON bibliography, a Semantic Scholar API answer, an OpenAlex work, a Papers with Code
dump entry and RIS exports (Scopus, EndNote-style, Reference Manager-style). Every expected
value below is read off the fixture.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from conftest import ROOT
from generator.build import gather
from generator.model import Record
from generator.read.dispatch import Found, read_content

FORMATS = Path(__file__).parent / "fixtures" / "formats"


def read(name: str) -> Found:
    found = read_content((FORMATS / name).read_text(encoding="utf-8"), name, 2025)
    assert found is not None
    assert found.problems == []
    return found


def fields(record: Record) -> tuple[object, ...]:
    return (record.title, record.authors, record.arxiv, record.doi, record.submitted, record.year)


def test_csl_json_gives_names_dois_years_and_arxiv_volumes() -> None:
    found = read("csl-json-manubot.json")
    assert found.summary == (
        "csl-json-manubot.json: read as another tool's JSON, 3 records, 0 with an abstract"
    )
    probes, grud, xgboost = found.records
    assert fields(probes) == (
        "Understanding intermediate layers using linear classifier probes",
        ("Guillaume Alain", "Yoshua Bengio"),
        "1610.01644",  # "container-title": "ArXiv", "volume": "abs/1610.01644"
        "",
        None,
        2016,
    )
    assert probes.url == "https://api.semanticscholar.org/CorpusID:9794990"
    assert grud.authors[0] == "Zhengping Che" and len(grud.authors) == 5
    assert (grud.doi, grud.venue, grud.year) == (
        "10.1038/s41598-018-24271-9",
        "Scientific Reports",
        2018,
    )
    assert (xgboost.title, xgboost.doi) == (
        "XGBoost: A Scalable Tree Boosting System",
        "10.1145/2939672.2939785",
    )
    assert not any(r.hand_written for r in found.records)


def test_a_zotero_csl_json_export_gives_abstract_names_doi_venue_and_day() -> None:
    found = read("zotero-csl-json-export.json")  # Zotero's own "CSL JSON" export, tab-indented
    assert found.summary == (
        "zotero-csl-json-export.json: read as another tool's JSON, 1 record, 1 with an abstract"
    )
    (record,) = found.records
    assert fields(record) == (
        "New axioms for rigorous Bayesian probability",
        ("Maurice J. Dupré", "Frank J. Tipler"),
        "",
        "10.1214/09-BA422",
        dt.date(2009, 9, 1),  # "issued": {"date-parts": [["2009", 9, 1]]}
        2009,
    )
    assert record.venue == "Bayesian Analysis"
    assert record.abstract.startswith("By basing Bayesian probability theory on ﬁve axioms")
    assert record.abstract.endswith("namely the Cox-Jaynes theory and the de Finetti theory.")


def test_a_semantic_scholar_answer_gives_abstracts_dois_and_days() -> None:
    found = read("semantic-scholar-references.json")
    hartree, peter, turing = found.records
    assert fields(hartree) == (
        "Calculating Instruments and Machines",
        ("D. Hartree",),
        "",
        "10.2307/3610576",  # externalIds.DOI
        dt.date(1951, 2, 1),  # publicationDate
        1951,
    )
    assert hartree.abstract.startswith("1. Introduction 2. The differential analyser 3.")
    assert (peter.authors, peter.abstract, peter.venue) == (
        ("Rózsa Péter", "S. Kleene"),
        "",  # "abstract": null
        "Journal of Symbolic Logic",  # journal.name
    )
    assert turing.title == "On computable numbers, with an application to the Entscheidungsproblem"
    assert (turing.doi, turing.submitted, turing.year) == ("10.1112/PLMS/S2-42.1.230", None, 1937)
    assert turing.abstract.startswith("1. Computing machines. 2. Definitions.")


def test_an_openalex_work_is_one_record_with_its_abstract_put_back_in_order() -> None:
    found = read("openalex-work.json")
    (work,) = found.records
    assert found.summary.endswith("read as another tool's JSON, 1 record, 1 with an abstract")
    # the fixture's "title" carries a leading é (its authors' test of escapes); display_name not
    assert work.title.startswith("éThe state of OA: a large-scale analysis of the prevalence")
    assert work.abstract.startswith(
        "Despite growing interest in Open Access (OA) to scholarly literature, there is an unmet"
    )
    assert work.abstract.endswith("as a way to inform OA policy and practice.")
    assert len(work.abstract.split()) == 258  # positions 0 to 257
    assert work.authors[:3] == ("Heather A. Piwowar", "Jason Priem", "Vincent Larivière")
    assert (len(work.authors), work.authors[-1]) == (9, "Stefanie Haustein")
    assert (work.doi, work.submitted, work.year, work.venue) == (
        "10.7717/peerj.4375",  # "https://doi.org/10.7717/peerj.4375"
        dt.date(2018, 2, 13),
        2018,
        "PeerJ",  # host_venue.display_name
    )


def test_a_papers_with_code_entry_gives_its_arxiv_id_and_day() -> None:
    (paper,) = read("papers-with-code-abstracts.json").records
    assert fields(paper) == (
        "Dynamic Network Model from Partial Observations",
        ("Elahe Ghalebi", "Baharan Mirzasoleiman", "Radu Grosu", "Jure Leskovec"),
        "1805.10616",
        "",
        dt.date(2018, 5, 27),  # "date"
        None,
    )
    assert paper.abstract.startswith(
        "Can evolving networks be inferred and modeled without directly observing their nodes"
    )  # the dump's hard line breaks are spaces
    assert paper.url == "https://paperswithcode.com/paper/dynamic-network-model-from-partial"
    assert paper.pdf == ""  # url_pdf is arXiv's, which the arXiv id already gives


def test_a_scopus_ris_export_gives_its_reference() -> None:
    found = read("ris-scopus-export.ris")
    assert found.summary == "ris-scopus-export.ris: read as RIS, 1 record, 0 with an abstract"
    (ref,) = found.records
    assert fields(ref) == (
        "FORC signatures and switching-field distributions of dipolar coupled "
        "nanowire-based hysterons",
        ("A. Pierrot", "F. Béron", "T. Blon"),
        "",
        "10.1063/5.0020407",
        None,
        2020,
    )
    assert ref.venue == "Journal of Applied Physics"
    assert ref.url.startswith("https://www.scopus.com/inward/record.uri?eid=2-s2.0-85091557653")


def test_an_endnote_style_ris_gives_abstract_and_names_given_first() -> None:
    (ref,) = read("ris-endnote-rispy.ris").records
    assert fields(ref) == (
        "EndNote: The Only Reference I Can Remember",
        ("A. Nonymous Smith", "J. Doe", "N. Ote End", "E. Rence Ref"),
        "",
        "10.1234/endnote.joke.2024",
        None,
        2024,
    )
    assert ref.abstract.startswith("This is a test article about the mysterious world of EndNote")
    assert (ref.venue, ref.url) == ("Journal of Reference Management", "https://www.endnote.com/")


def test_a_reference_manager_ris_with_numbered_entries_gives_both() -> None:
    first, second = read("ris-refman-rispy.ris").records
    assert fields(first) == (
        "Title of reference",  # T1
        ("Karl Marx", "Astrid Lindgren"),  # A1
        "",
        "",
        None,
        2014,  # Y1  - 2014//
    )
    assert first.abstract.startswith("BACKGROUND: Lorem ipsum dolor sit amet")  # N2
    assert (first.venue, first.url) == ("Lorem", "http://example_url.com")  # JF, UR
    assert (second.title, second.year) == ("The title of the reference", 2006)


def test_the_files_build_together_without_a_problem(tmp_path: Path) -> None:
    for path in FORMATS.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    digest = gather(tmp_path)
    assert digest.problems == ()
    with_abstract = ["Calculating Instruments and Machines", "Dynamic Network Model from Partial"]
    titles = [p.title for p in digest.papers]
    assert all(any(t.startswith(w) for t in titles) for w in with_abstract)
    assert len(digest.papers) == 2 + 1 + 1 + 1 + 2 + 1  # S2, OpenAlex, PwC, EndNote, RefMan, Zotero


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ('{"meta": {"count": 0}, "query": "x"}', "['meta', 'query']"),
        ('{"status": "ok", "total": 3}', "['status', 'total']"),
    ],
)
def test_an_unrecognised_json_shape_is_one_error_naming_its_keys(text: str, keys: str) -> None:
    found = read_content(text, "x.json", 2025)
    assert found is not None and found.records == []
    (problem,) = found.problems
    assert str(problem) == (
        'x.json: expected a JSON list of records ([{"title": ..., ...}, ...]), an object holding '
        f"such a list, or an object of id to record; found an object with keys {keys}"
    )


def test_a_hand_written_list_still_reports_an_unknown_field() -> None:
    text = '[{"title": "T", "abstract": "A", "summry": "typo"}]'
    found = read_content(text, "mine.json", 2025)
    assert found is not None
    assert [r.title for r in found.records] == ["T"] and found.records[0].hand_written
    assert [str(p) for p in found.problems] == [
        "mine.json: entry 1: summry: unknown field; known fields: abstract, arxiv, authors, "
        "categories, comment, date, doi, first_author, links, pdf, submitted, tags, title, url, "
        "venue, year"
    ]


def test_zotero_csl_json_gives_the_arxiv_number_abstract_and_day() -> None:
    # Zotero's CSL-JSON for an arXiv preprint, its fields as a Zotero plugin quotes them
    # (windingwind/zotero-better-notes, src/modules/export/docx.ts); the abstract shortened.
    text = """[{
      "id": 5, "type": "article",
      "abstract": "Neural fields have achieved impressive advancements in view synthesis.",
      "note": "arXiv:2306.13455 [cs]", "number": "arXiv:2306.13455", "publisher": "arXiv",
      "source": "arXiv.org",
      "title": "DreamEditor: Text-Driven 3D Scene Editing with Neural Fields",
      "title-short": "DreamEditor", "URL": "http://arxiv.org/abs/2306.13455",
      "author": [{"family": "Zhuang", "given": "Jingyu"}, {"family": "Wang", "given": "Chen"}],
      "accessed": {"date-parts": [["2023", 7, 11]]},
      "issued": {"date-parts": [["2023", 6, 29]]}
    }]"""
    found = read_content(text, "zotero.json", 2025)
    assert found is not None and found.problems == []
    (paper,) = found.records
    assert fields(paper) == (
        "DreamEditor: Text-Driven 3D Scene Editing with Neural Fields",
        ("Jingyu Zhuang", "Chen Wang"),
        "2306.13455",
        "",
        dt.date(2023, 6, 29),  # issued, not accessed
        2023,
    )
    assert paper.abstract.startswith("Neural fields have achieved")


def test_a_single_semantic_scholar_paper_is_one_record_not_its_references() -> None:
    # the shape of /graph/v1/paper/{id}: the paper, with its references (as the fixture's) inside
    references = json.loads((FORMATS / "semantic-scholar-references.json").read_bytes())
    paper = json.dumps(
        {
            "paperId": "2d5673caa9e6af3a7b82a43f19ee920992db07ad",
            "externalIds": {"DOI": "10.1093/MIND/LIX.236.433"},
            "title": "Computing Machinery and Intelligence",
            "abstract": "I propose to consider the question, “Can machines think?”",
            "publicationDate": "1950-10-01",
            "authors": [{"name": "A. Turing"}],
            **references,
        }
    )
    found = read_content(paper, "turing.json", 2025)
    assert found is not None and found.problems == []
    (record,) = found.records
    assert (record.title, record.doi, record.submitted) == (
        "Computing Machinery and Intelligence",
        "10.1093/MIND/LIX.236.433",
        dt.date(1950, 10, 1),
    )


README_EXAMPLE = re.compile(r"<!-- readme-example: (\S+) -->\n```[a-z]*\n(.*?)```", re.DOTALL)


def test_the_readmes_examples_read_as_it_says(tmp_path: Path) -> None:
    examples = README_EXAMPLE.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(examples) == 8
    for name, text in examples:
        (tmp_path / name).write_text(text, encoding="utf-8")
    digest = gather(tmp_path)
    assert digest.problems == ()
    assert (digest.read, len(digest.papers)) == (9, 8)  # Zotero's JSON and RIS: one paper
    by_title = {p.title: p for p in digest.papers}
    assert by_title["DreamEditor: Text-Driven 3D Scene Editing with Neural Fields"].arxiv == (
        "2306.13455"
    )
    assert by_title["Can Knowledge Editing Really Correct Hallucinations?"].arxiv == "2410.16251"
    assert by_title["Dynamic Network Model from Partial Observations"].arxiv == "1805.10616"
    assert (
        by_title[
            "The state of OA: a large-scale analysis of the prevalence and impact of Open Access "
            "articles"
        ].abstract
        == "Despite growing interest in Open Access (OA) to scholarly literature."
    )
    differential = by_title["Differential Transformer"]
    assert (differential.arxiv, differential.upvotes, differential.author_count) == (
        "2410.05258",
        118,
        7,
    )
    water = next(t for t in by_title if t.startswith("Integrated Water Resource Management"))
    assert by_title[water].arxiv == "2411.13566"
    reads = [note.split(": read as ")[1] for note in digest.notes if ": read as " in note]
    assert sorted(reads) == [
        "Hugging Face papers page copied as Markdown, 2 papers",
        "Hugging Face papers page copied as text with links, 1 paper",
        "RIS, 1 record, 1 with an abstract",
        "another tool's JSON, 1 record, 1 with an abstract",
        "another tool's JSON, 1 record, 1 with an abstract",
        "another tool's JSON, 1 record, 1 with an abstract",
        "another tool's JSON, 1 record, 1 with an abstract",
        "arXiv e-mail digest copied as text, 1 record, 1 with an abstract",
    ]
