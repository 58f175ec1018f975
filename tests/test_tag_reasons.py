"""Why a paper has its tags: the reasons tagging gave, escaped on the page and plain in the
terminal."""

from __future__ import annotations

from generator.cli.main import explain
from generator.model import Location, Paper, Tagging
from generator.render.tag_reasons import reasons_html

PAPER = Paper(
    title="A <b>paper</b>",
    abstract="",
    source=Location("x.txt"),
    slug="a-paper",
    tags=(
        Tagging("mine", "given by hand in the record"),
        Tagging("speech", "rule 'speech' (score 4): title matched '<voice>'"),
    ),
)


def test_audit_html_escapes_every_reason() -> None:
    """&, < and > escaped; quotes kept (element text: they mean nothing there)."""
    assert reasons_html(PAPER) == (
        '<details class="digest-audit" data-search-exclude="true">\n'
        "<summary>Why these tags?</summary>\n"
        "<ul>\n"
        "<li><strong>mine</strong>: given by hand in the record</li>\n"
        "<li><strong>speech</strong>: rule 'speech' (score 4): title matched "
        "'&lt;voice&gt;'</li>\n"
        "</ul>\n"
        "</details>"
    )


def test_untagged_paper_has_no_block_and_an_explanation() -> None:
    untagged = Paper(title="T", abstract="", source=Location("x.txt"), slug="t")
    assert reasons_html(untagged) == ""
    assert explain(untagged, 2) == (
        "papers/t: T\n  no tags: no rule scored 2 or more, and none given by hand\n"
    )


def test_explain_lists_each_tag_with_its_reason() -> None:
    assert explain(PAPER, 2) == (
        "papers/a-paper: A <b>paper</b>\n"
        "  mine: given by hand in the record\n"
        "  speech: rule 'speech' (score 4): title matched '<voice>'\n"
    )


STOPPED = Paper(
    title="A survey",
    abstract="",
    source=Location("x.txt"),
    slug="a-survey",
    stopped=(
        Tagging(
            "speech",
            "rule 'speech' (score 4): title matched 'voice'; stopped by '<survey>' in the title",
        ),
    ),
)


def test_a_rule_stopped_by_an_exclude_phrase_is_shown_and_explained() -> None:
    assert reasons_html(STOPPED) == (
        '<details class="digest-audit" data-search-exclude="true">\n'
        "<summary>Why these tags?</summary>\n"
        "<ul>\n"
        "<li>not <strong>speech</strong>: rule 'speech' (score 4): title matched "
        "'voice'; stopped by '&lt;survey&gt;' in the title</li>\n"
        "</ul>\n"
        "</details>"
    )
    assert explain(STOPPED, 2) == (
        "papers/a-survey: A survey\n"
        "  not speech: rule 'speech' (score 4): title matched 'voice'; stopped by "
        "'<survey>' in the title\n"
    )
