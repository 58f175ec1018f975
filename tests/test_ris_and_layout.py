"""RIS edge cases (ris.py) and the page-copy layout detector (page_layout.py)."""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from generator.read.page_layout import detect
from generator.read.ris import read_ris

# RIS ---------------------------------------------------------------------------------------


def test_text_without_a_reference_is_one_problem() -> None:
    records, problems = read_ris("Just some notes\nAU  - Someone\n", "r.ris")
    assert records == []
    assert [str(p) for p in problems] == [
        "r.ris: holds no reference (expected lines like 'TY  - JOUR')"
    ]


def test_a_reference_without_a_title_is_a_problem_on_its_line_and_the_rest_is_read() -> None:
    text = "TY  - JOUR\nTI  - First\nER  -\n\nTY  - JOUR\nAU  - Doe, J.\nER  -\n"
    records, problems = read_ris(text, "r.ris")
    assert [r.title for r in records] == ["First"]
    assert [str(p) for p in problems] == ["r.ris:5: reference has no title (TI or T1)"]


def test_a_byte_order_mark_and_crlf_are_fine() -> None:
    text = "\ufeffTY  - JOUR\r\nTI  - A title\r\nAB  - An  abstract\r\nER  -\r\n"
    (record,), problems = read_ris(text, "r.ris")
    assert (record.title, record.abstract, problems) == ("A title", "An abstract", [])


def test_dates_give_a_day_or_only_a_year() -> None:
    def day_and_year(tag: str) -> tuple[dt.date | None, int | None]:
        (record,), _ = read_ris(f"TY  - JOUR\nTI  - T\n{tag}\nER  -\n", "r.ris")
        return record.submitted, record.year

    assert day_and_year("DA  - 2018/03/05/") == (dt.date(2018, 3, 5), 2018)
    assert day_and_year("Y1  - 2014//") == (None, 2014)
    assert day_and_year("PY  - 2021/02/30") == (None, 2021)  # no such day
    assert day_and_year("PY  - 2020") == (None, 2020)
    assert day_and_year("N1  - no date") == (None, None)


def test_the_arxiv_id_comes_from_an_address_or_a_note_without_its_version() -> None:
    text = (
        "TY  - JOUR\nTI  - From the address\nUR  - https://arxiv.org/pdf/2306.13455v2\n"
        "UR  - https://github.com/a/b\nER  -\n\n"
        "TY  - JOUR\nTI  - From the note\nN1  - arXiv:2411.13566v1 [cs]\nER  -\n"
    )
    (address, note), problems = read_ris(text, "r.ris")
    assert problems == []
    assert (address.arxiv, address.url) == ("2306.13455", "https://github.com/a/b")
    assert (note.arxiv, note.url) == ("2411.13566", "")


def test_names_are_given_name_first() -> None:
    text = (
        "TY  - JOUR\nTI  - T\nAU  - Marx, Karl, Jr.\nAU  - OpenAI\nAU  - Zhuang, Jingyu\n"
        "AU  - , Nobody\nER  -\n"
    )
    (record,), _ = read_ris(text, "r.ris")
    assert record.authors == ("Karl Marx Jr.", "OpenAI", "Jingyu Zhuang", ", Nobody")


def test_a_doi_address_is_a_doi() -> None:
    text = "TY  - JOUR\nTI  - T\nDO  - https://doi.org/10.1063/5.0020407\nER  -\n"
    (record,), _ = read_ris(text, "r.ris")
    assert record.doi == "10.1063/5.0020407"


# Layout ------------------------------------------------------------------------------------

# What a browser copy of a trending page holds: words, digits and the punctuation of prose;
# no Markdown (#, [, ], !), no addresses on their own lines, no arXiv e-mail fields.
PROSE = st.text(string.ascii_letters + string.digits + "éü-'%,.;:?+=*&$", min_size=1, max_size=12)
LINE = st.lists(PROSE, min_size=1, max_size=14).map(" ".join)
CHROME = st.sampled_from(
    ["Trending Papers", "Get trending papers in your email inbox!", "Subscribe", "Mar 11"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(LINE, st.lists(LINE, min_size=1, max_size=5)), min_size=1, max_size=12),
    st.lists(CHROME, max_size=4),
    st.sampled_from(["\n", "\r\n"]),
)
def test_a_plain_copy_is_never_taken_for_another_layout(
    entries: list[tuple[str, list[str]]], chrome: list[str], newline: str
) -> None:
    parts = [*chrome, ""]
    for title, abstract in entries:
        parts += [title, "", *abstract, ""]
    assert detect(newline.join(parts)).kind == "plain"


def test_the_shipped_copy_is_plain_text() -> None:
    text = (ROOT / "content" / "trending.txt").read_text(encoding="utf-8")
    assert detect(text).kind == "plain"
    assert detect(text).description == "papers page copied as text"


def test_three_markdown_lines_make_a_markdown_copy_and_two_bare_links_a_links_copy() -> None:
    markdown = "# Papers\n\n### [A](https://huggingface.co/papers/2410.16251)\n\ntext\n\n[b]: /x\n"
    assert detect(markdown).kind == "markdown"
    assert detect(markdown).description == "Hugging Face papers page copied as Markdown"
    links = "A title\nhttps://arxiv.org/abs/2410.16251\n\nB title\n<https://example.org/b>\n"
    assert detect(links).kind == "links"
    assert detect("# One heading\n\n## Two headings\n\ntext\n").kind == "plain"


def test_a_plain_copy_with_a_few_markdown_looking_titles_stays_plain() -> None:
    entries = [f"Paper {n}\n\nAn abstract of paper {n}, in plain words." for n in range(12)]
    entries[2] = "# heading title 2\n\nAbstract 2: # heading https://x.example/2."
    entries[5] = "[ref]: javascript:alert(1) title 5\n\nAbstract 5: plain."
    entries[7] = "Title 7\n\nAbstract 7: [a](https://x.example/7) in an abstract."
    assert detect("\n\n".join(entries)).kind == "plain"  # 3 Markdown lines in 24 blocks
