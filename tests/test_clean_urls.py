"""No URL, Markdown link, bracket or escape an abstract can hold makes cleaning raise.

A scraper's Markdown copy of a papers page once crashed the build: the abstract ended in
'https://litllm.github.io](https://huggingface.co/papers/2402.01788)', and urlsplit refused
the host 'litllm.github.io](https:' ("Invalid IPv6 URL").
"""

from __future__ import annotations

from hostile import piece, word
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.common.links import classify, find_urls
from generator.model import Location, Paper
from generator.read.records import web_address
from generator.transform.clean import clean_paper

PROPERTY = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,  # the same examples on every run and every machine
    suppress_health_check=[HealthCheck.too_slow],
)
HOST_CHARACTERS = "abc.-_:@[]%0123456789/?#()\\{}<>!*'`~ \u3002\uff0e\u2100\u2488"
SCHEMES = st.sampled_from(["https://", "http://", "HTTPS://", "https:/", "https://["])
hosts = st.text(st.sampled_from(HOST_CHARACTERS), min_size=0, max_size=20)
paths = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)
urls = st.builds(lambda s, h, p: s + h + p, SCHEMES, hosts, paths)
MARKDOWN = [
    "[{0}]({0})",
    "[text]({0})",
    "{0}](https://huggingface.co/papers/2402.01788)",
    "{0}.](https://huggingface.co/papers/2412.15249)",
    "![]({0})",
    "[![img]({0})Org]({0})",
    "<{0}>",
    "[x][1]\n\n[1]: {0}",
    "{0}\\\\",
    "\\[{0}\\]",
    "({0})",
    "[{0}",
    "{0}]",
    "`{0}`",
]
fragments = st.builds(lambda form, url: form.format(url), st.sampled_from(MARKDOWN), urls)
texts = st.lists(st.one_of(fragments, urls, piece, word), min_size=1, max_size=8).map(" ".join)


@PROPERTY
@given(texts)
def test_cleaning_never_raises_on_urls_and_markdown(abstract: str) -> None:
    paper = clean_paper(Paper("A title", abstract, Location("x.md", 1)))
    assert all(link.url in paper.abstract for link in paper.links)


@PROPERTY
@given(urls)
def test_every_url_is_classified_and_checked_without_raising(url: str) -> None:
    for found in find_urls(url):
        assert classify(found).url == found
    assert web_address(url) in {True, False}


def test_a_url_before_a_markdown_link_target_ends_at_the_bracket() -> None:
    text = "Code at https://litllm.github.io](https://huggingface.co/papers/2402.01788)"
    assert find_urls(text) == [
        "https://litllm.github.io",
        "https://huggingface.co/papers/2402.01788",
    ]


def test_a_host_urlsplit_refuses_is_a_project_link_labelled_as_written() -> None:
    link = classify("https://[v1.example/x")
    assert (link.kind, link.url, link.label) == ("project", "https://[v1.example/x", link.url)
