"""Turn scraped abstract text into clean reading text, and find the links in it.

Pure functions: LaTeX leftovers become plain text, URLs are found and trimmed of
the punctuation around them, and each link is classified for the paper page.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

from generator.model import Link, Paper

LATEX_HINT = re.compile(r"[\\`~${]|this\s+https?\s+URL", re.IGNORECASE)
ARXIV_PLACEHOLDER = re.compile(r"\{?\bthis\s+https?\s+URL\b\}?", re.IGNORECASE)
WRAPPERS = re.compile(
    r"\\(?:textbf|textit|emph|texttt|textsc|textrm|text|mathrm|mathbf|mathit|underline)"
    r"\{([^{}]*)\}"
)
URL_COMMAND = re.compile(r"\\(?:url|href)\{([^{}]*)\}(?:\{([^{}]*)\})?")
ABBREVIATIONS = {"eg": "e.g.", "ie": "i.e.", "etal": "et al.", "vs": "vs.", "etc": "etc."}
SYMBOLS = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "lambda": "λ",
    "mu": "μ",
    "pi": "π",
    "sigma": "σ",
    "tau": "τ",
    "theta": "θ",
    "omega": "ω",
    "times": "×",
    "cdot": "·",
    "leq": "≤",
    "le": "≤",
    "geq": "≥",
    "ge": "≥",
    "approx": "≈",
    "sim": "~",
    "pm": "±",
    "infty": "∞",
    "rightarrow": "→",
    "to": "→",
    "leftarrow": "←",
    "ldots": "…",
    "dots": "…",
    "cdots": "⋯",
}
ESCAPED = re.compile(r"\\([%&_$#{}])")
COMMAND = re.compile(r"\\([A-Za-z]+)\b ?")
TIE = re.compile(r"(?<=[^\s~])~(?=[A-Za-z])")
MATH = re.compile(r"\$([^$\s](?:[^$]{0,80}?[^$\s])?)\$")
URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
TRAILING = ".,;:!?'\"*"
CLOSERS = {")": "(", "]": "[", "}": "{"}
MAX_NESTING = 8  # \textbf{\emph{...}} levels unwrapped; deeper input keeps its braces


def clean_paper(paper: Paper) -> Paper:
    """The paper with clean title and abstract and the links its abstract mentions."""
    title = " ".join(clean_latex(paper.title, "").split())
    abstract = " ".join(clean_latex(paper.abstract, title).split())
    found = tuple(classify(url) for url in dict.fromkeys(find_urls(abstract)))
    return replace(paper, title=title, abstract=abstract, links=paper.links + found)


def clean_latex(text: str, title: str) -> str:
    """Plain text for LaTeX commands, quotes and ties; text that is not LaTeX is unchanged."""
    if not LATEX_HINT.search(text):
        return text
    text = ARXIV_PLACEHOLDER.sub("", text)
    text = URL_COMMAND.sub(lambda m: f" {m.group(1)} ", text)
    for _ in range(MAX_NESTING):
        text, found = WRAPPERS.subn(r"\1", text)
        if not found:
            break
    text = MATH.sub(_math, text)
    text = re.sub(r"``([^`]*?)''", "\u201c\\1\u201d", text)
    text = re.sub(r"(?<![\w`])`([^`']+)'", "\u2018\\1\u2019", text)
    text = TIE.sub(" ", text)
    text = ESCAPED.sub(r"\1", text)
    return COMMAND.sub(lambda m: _command(m, title), text)


def _math(match: re.Match[str]) -> str:
    body = match.group(1)
    if not re.search(r"[\\^_{]", body) and len(body) > 1:
        return match.group(0)  # "$5 and $" is money, not math
    body = COMMAND.sub(lambda m: SYMBOLS.get(m.group(1), m.group(1)) + _trailing(m), body)
    return re.sub(r"[{}]", "", body)


def _command(match: re.Match[str], title: str) -> str:
    name, trailing = match.group(1), _trailing(match)
    if name in ABBREVIATIONS:
        return ABBREVIATIONS[name] + trailing
    if name in SYMBOLS:
        return SYMBOLS[name] + trailing
    lowered = name.lower()
    if "our" in lowered or "method" in lowered or "model" in lowered:
        return short_name(title) + trailing
    return name + trailing


def _trailing(match: re.Match[str]) -> str:
    """The space a command swallowed after its name, given back."""
    return match.group(0)[len(match.group(1)) + 1 :]


def short_name(title: str) -> str:
    """The name a title gives its method ('LongPO' for 'LongPO: Long Context ...')."""
    head, colon, _ = title.partition(":")
    return head.strip() if colon and len(head.split()) <= 3 else "this method"


def find_urls(text: str) -> list[str]:
    """Every http(s) URL in the text, trimmed of the punctuation that ends a sentence."""
    return [url for url, is_url in split_urls(text) if is_url]


def split_urls(text: str) -> list[tuple[str, bool]]:
    """The text cut into (piece, is_url) pairs, in order; joining the pieces gives the text."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in URL.finditer(text):
        url = trim_url(match.group(0))
        if len(url) <= len("https://"):
            continue
        if match.start() > position:
            pieces.append((text[position : match.start()], False))
        pieces.append((url, True))
        position = match.start() + len(url)
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def trim_url(url: str) -> str:
    """Drop trailing punctuation and unbalanced closing brackets: 'x/MiniPLM.' -> 'x/MiniPLM'."""
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
    parts = urlsplit(url)
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


def arxiv_links(arxiv: str) -> tuple[Link, ...]:
    """The abstract page, PDF and Hugging Face page of an arXiv id."""
    if not arxiv:
        return ()
    return (
        Link("arxiv", f"https://arxiv.org/abs/{arxiv}", f"arXiv {arxiv}"),
        Link("pdf", f"https://arxiv.org/pdf/{arxiv}", "PDF"),
        Link("hf", f"https://huggingface.co/papers/{arxiv}", "Hugging Face"),
    )
