"""Links in text: find and trim the URLs a text holds, and say what each points to.

Shared by the readers (a page copy's links), the clean-up (links an abstract mentions),
duplicates (arXiv and DOI links) and rendering (URLs in an abstract become links).
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from generator.common.ids import WEB_ADDRESS
from generator.model import Link

TRAILING = ".,;:!?'\"*"
CLOSERS = {")": "(", "]": "[", "}": "{"}


def find_urls(text: str) -> list[str]:
    """Every http(s) URL in the text, trimmed of the punctuation that ends a sentence."""
    return [url for url, is_url in split_urls(text) if is_url]


def split_urls(text: str) -> list[tuple[str, bool]]:
    """The text cut into (piece, is_url) pairs, in order; joining the pieces gives the text."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    match = WEB_ADDRESS.search(text)
    while match:
        url = trim_url(match.group(0))
        if len(url) <= len("https://"):
            match = WEB_ADDRESS.search(text, match.end())
            continue
        if match.start() > position:
            pieces.append((text[position : match.start()], False))
        pieces.append((url, True))
        position = match.start() + len(url)
        match = WEB_ADDRESS.search(text, position)  # what trimming left may hold the next URL
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def trim_url(url: str) -> str:
    """Drop trailing punctuation and unbalanced closing brackets: 'x/MiniPLM.' -> 'x/MiniPLM'.

    A Markdown link's text ends at "](": 'https://a.io](https://b.io)' is the address a.io.
    """
    url = url.partition("](")[0]
    head, brace, rest = url.partition("{")
    url = head if brace and "}" not in rest else url
    opened = {closer: url.count(opener) for closer, opener in CLOSERS.items()}
    closed = {closer: url.count(closer) for closer in CLOSERS}
    end = len(url)
    while end:
        last = url[end - 1]
        if last in CLOSERS and opened[last] < closed[last]:
            closed[last] -= 1
        elif last not in TRAILING:
            break
        end -= 1
    return url[:end]


def classify(url: str) -> Link:
    """What a link points to: code, dataset, model, demo or project page."""
    try:
        parts = urlsplit(url)
    except ValueError:  # a host urlsplit refuses ('[' without ']'): a page, labelled as written
        return Link(kind="project", url=url, label=url)
    host = parts.netloc.lower().removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    kind = "project"
    if host in {"github.com", "gitlab.com", "bitbucket.org", "codeberg.org"}:
        kind = "code"
    elif host == "huggingface.co":
        first = segments[0] if segments else ""
        kind = {"datasets": "dataset", "spaces": "demo", "papers": "paper"}.get(first, "model")
    elif any(s.lower() in {"data", "dataset", "datasets"} for s in segments):
        kind = "dataset"
    return Link(kind=kind, url=url, label=host + parts.path.rstrip("/"))


def doi_link(doi: str) -> tuple[Link, ...]:
    """The link that resolves a DOI (10.1109/x.2022.35), or nothing for no DOI."""
    if not doi:
        return ()
    return (Link("doi", f"https://doi.org/{quote(doi, safe='/:;()._-')}", doi),)


def arxiv_links(arxiv: str) -> tuple[Link, ...]:
    """The abstract page, PDF and Hugging Face page of an arXiv id."""
    if not arxiv:
        return ()
    return (
        Link("arxiv", f"https://arxiv.org/abs/{arxiv}", f"arXiv {arxiv}"),
        Link("pdf", f"https://arxiv.org/pdf/{arxiv}", "PDF"),
        Link("hf", f"https://huggingface.co/papers/{arxiv}", "Hugging Face"),
    )
