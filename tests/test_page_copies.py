"""Real page copies read whole: every paper, titled right, with its arXiv id where linked.

tests/fixtures/pages/ holds the copies (see tests/fixtures/README.md for their sources).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.build import gather
from generator.read.dispatch import read_content

PAGES = Path(__file__).parent / "fixtures" / "pages"
NOT_TITLES = ("http", "###", "[-", "- ", "·")  # "[Citation needed] Data usage..." is a title


def read(name: str) -> tuple[list[str], list[str], list[str], str]:
    found = read_content((PAGES / name).read_text(encoding="utf-8"), name, 2025)
    assert found is not None
    titles = [p.title for p in found.papers] or [r.title for r in found.records]
    ids = [p.arxiv for p in found.papers] or [r.arxiv for r in found.records]
    return titles, ids, [str(p) for p in found.problems], found.summary


def test_the_scrapers_markdown_copy_gives_all_120_papers_with_their_arxiv_ids() -> None:
    titles, ids, problems, summary = read("hf-daily-firecrawl-markdown.md")
    assert (len(titles), len(set(titles)), problems) == (120, 120, [])
    assert all(ids) and not any(t.startswith(NOT_TITLES) or t.isdigit() for t in titles)
    assert titles[0] == "OCC-RAG: Optimal Cognitive Core for Faithful Question Answering"
    assert ids[0] == "2606.00683"
    assert summary.endswith("read as Hugging Face papers page copied as Markdown, 120 papers")


def test_the_markdown_headings_copy_gives_its_50_papers_each_twice() -> None:
    titles, _, problems, _ = read("hf-trending-markdown-headings.md")
    assert (len(titles), len(set(titles)), problems) == (100, 50, [])
    assert not any(t.startswith(NOT_TITLES) for t in titles)
    wrapped = "Multi-module GRPO: Composing Policy Gradients and Prompt Optimization for Language"
    assert any(t.startswith(wrapped) for t in titles)


def test_the_arxiv_email_digest_gives_each_entry_with_its_fields() -> None:
    titles, ids, problems, summary = read("arxiv-email-cs-2024-11-21.txt")
    assert ids == ["2411.13560", "2411.13566"] and problems == []
    assert titles[1] == (
        "Integrated Water Resource Management in the Segura Hydrographic Basin: "
        "An Artificial Intelligence Approach"
    )
    assert "arXiv e-mail digest" in summary


def test_the_copies_build_together_without_a_problem(tmp_path: Path) -> None:
    for page in PAGES.iterdir():
        (tmp_path / page.name).write_bytes(page.read_bytes())
    digest = gather(tmp_path)
    assert digest.problems == ()
    # The hand-made copies hold the same two papers: they merge (by arXiv id, or by title and
    # abstract for the copy that has no links).
    assert len(digest.papers) == 120 + 50 + 2 + 2


def spaced(text: str, spacing: str) -> str:
    """The copy as written, with every line a block of its own, or with no blank line."""
    lines = [line for line in text.split("\n") if line.strip()]
    return {"as written": text, "apart": "\n\n".join(lines), "none": "\n".join(lines)}[spacing]


@pytest.mark.parametrize("name", ["copy.md", "copy.txt"])
@pytest.mark.parametrize("spacing", ["as written", "apart", "none"])
def test_a_copy_with_each_link_on_its_own_line_gives_titles_ids_and_votes(
    name: str, spacing: str
) -> None:
    text = spaced((PAGES / "hf-daily-links-on-own-lines.md").read_text(encoding="utf-8"), spacing)
    found = read_content(text, name, 2024)
    assert found is not None and found.problems == []
    assert [(p.title, p.arxiv, p.date, p.upvotes, p.author_count) for p in found.papers] == [
        ("Differential Transformer", "2410.05258", dt.date(2024, 10, 7), 118, 7),
        (
            "Grounding Partially-Defined Events in Multimodal Data",
            "2410.05267",
            dt.date(2024, 10, 7),
            12,
            8,
        ),
    ]
    assert found.papers[0].abstract.startswith("Transformer tends to overallocate attention")
    assert found.papers[0].abstract.endswith("two separate softmax attention maps.")
    assert found.summary.endswith(
        "read as Hugging Face papers page copied as text with links, 2 papers"
    )


def test_a_markdown_copy_with_reference_style_links_and_a_badge() -> None:
    found = read_content((PAGES / "hf-trending-reference-links.md").read_text(), "t.md", 2024)
    assert found is not None and found.problems == []
    assert [(p.title, p.arxiv, p.date, p.author_count) for p in found.papers] == [
        ("Differential Transformer", "2410.05258", dt.date(2024, 10, 7), 7),
        (
            "Grounding Partially-Defined Events in Multimodal Data",
            "2410.05267",
            dt.date(2024, 10, 7),
            8,
        ),
    ]


def test_a_text_copy_with_votes_and_bylines_skips_its_furniture() -> None:
    text = (PAGES / "hf-daily-text-with-votes.txt").read_text(encoding="utf-8")
    found = read_content(text, "daily.txt", 2024)
    assert found is not None and found.problems == []
    assert [(p.title, p.date, p.upvotes, p.author_count) for p in found.papers] == [
        ("Differential Transformer", dt.date(2024, 10, 8), 118, 7),
        ("Grounding Partially-Defined Events in Multimodal Data", dt.date(2024, 10, 8), 12, 8),
    ]
    assert found.summary.endswith("copied as text with its votes and bylines, 2 papers")
