"""Turn scraped abstract text into clean reading text, and find the links in it.

Pure functions: LaTeX leftovers become plain text, URLs are found and trimmed of
the punctuation around them, and each link is classified for the paper page.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from urllib.parse import quote, urlsplit

from pylatexenc.latex2text import LatexNodes2Text

from generator.common.ids import WEB_ADDRESS
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
    "varepsilon": "ε",
    "phi": "φ",
    "varphi": "φ",
    "psi": "ψ",
    "eta": "η",
    "rho": "ρ",
    "nu": "ν",
    "Delta": "Δ",
    "Sigma": "Σ",
    "Omega": "Ω",
    "Theta": "Θ",
    "ell": "\u2113",  # script l
    "in": "∈",
    "neq": "≠",
    "partial": "∂",
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
# Accents as combining marks: \"o, {\"o}, \"{o}, \'{\i}, \c{c}, \v{s} read ö, ö, ö, í, ç, š.
# (An accent no precomposed letter has, such as \"b, is left as written.)
ACCENT_MARKS = {
    '"': "\u0308",
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "c": "\u0327",
    "v": "\u030c",
    "u": "\u0306",
    "H": "\u030b",
    "k": "\u0328",
    "r": "\u030a",
}
ACCENT = re.compile(
    r"\\([\"'`^~=.])(?:\{\s*([A-Za-z]|\\[ij])\s*\}|([A-Za-z]|\\[ij](?![A-Za-z])))"
    r"|\\([cvuHkr])(?:\s*\{\s*([A-Za-z]|\\[ij])\s*\}|\s+([A-Za-z]))"
)
# Letters LaTeX writes as commands: \ss, {\o}, \AE{}.
LETTERS = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "l": "ł",
    "L": "Ł",
    "i": "\u0131",  # dotless i
    "j": "\u0237",  # dotless j
}
LETTER = re.compile(r"\\(" + "|".join(LETTERS) + r")(?![A-Za-z])(?:\{\}| ?)")
# A group of braces: {C}aps, {DANLI}, {\%}, {'} (BibTeX protects case and characters so).
GROUP = re.compile(r"\{([^{}]*)\}")
COMMAND_BEFORE = re.compile(r"\\[A-Za-z]+\*?\s*$")
ESCAPED = re.compile(r"\\([%&_$#{}])")
COMMAND = re.compile(r"\\([A-Za-z]+)\b ?")
TIE = re.compile(r"(?<=[^\s~])~(?=[A-Za-z])")
MATH = re.compile(
    r"\$([^$\s](?:[^$]{0,80}?[^$\s])?)\$"  # $x^2$
    r"|\\\((.{1,80}?)\\\)|\\\[(.{1,400}?)\\\]"  # \(x^2\) and \[x^2\]
)
# Math that only a LaTeX parser can make text of (fractions, roots, accents over letters).
STRUCTURE = re.compile(r"\\(?:[dt]?frac|sqrt|tilde|hat|bar|vec|dot|overline|math(?:cal|bb|frak))\b")
MATH_TEXT = LatexNodes2Text(math_mode="text")
# In math: spacing (\, \! \;) and the sizing of delimiters (\left( \right)) read as nothing.
MATH_LAYOUT = re.compile(r"\\[,;:! ]|\\(?:left|right|[Bb]igg?[lr]?)\b\\?")
MATH_WORD = re.compile(r"[\w.]+")  # $First$, $11$, $0.25m$: one word in math mode
MATH_COMMAND = re.compile(r"\\([A-Za-z]+) ?")  # in math, \pi_0 is \pi then _0
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
    text = unwrap_commands(ARXIV_PLACEHOLDER.sub("", text))
    text = MATH.sub(_math, text)
    text = unbrace(decode_accents(text), words_only=True)
    text = re.sub(r"``([^`]*?)''", "\u201c\\1\u201d", text)
    text = re.sub(r"(?<![\w`])`([^`']+)'", "\u2018\\1\u2019", text)
    text = TIE.sub(" ", text)
    text = ESCAPED.sub(r"\1", text)
    return COMMAND.sub(lambda m: _command(m, title), text)


def unwrap_commands(text: str) -> str:
    """\\url{x} and \\href{x}{y} as the address, \\textbf{x} and the like as their text."""
    text = URL_COMMAND.sub(_address, text)
    for _ in range(MAX_NESTING):
        text, found = WRAPPERS.subn(r"\1", text)
        if not found:
            break
    return text


def _address(match: re.Match[str]) -> str:
    """A URL set apart by spaces from the words around it, not from punctuation after it."""
    after = match.string[match.end() : match.end() + 1]
    return f" {match.group(1)}" + (" " if after.isalnum() else "")


def decode_accents(text: str) -> str:
    """LaTeX accents and letters as characters: Schr\\"odinger, \\c{c}, \\ss read Schrödinger, ç,
    ß."""
    if "\\" not in text:
        return text
    return LETTER.sub(lambda m: LETTERS[m.group(1)], ACCENT.sub(_accent, text))


def _accent(match: re.Match[str]) -> str:
    accent = match.group(1) or match.group(4)
    letter = match.group(2) or match.group(3) or match.group(5) or match.group(6)
    letter = {"\\i": "i", "\\j": "j"}.get(letter, letter)
    accented = unicodedata.normalize("NFC", letter + ACCENT_MARKS[accent])
    return accented if len(accented) == 1 else match.group(0)  # no such letter: left as is


def unbrace(text: str, words_only: bool) -> str:
    """Braces that only group, dropped: {C}aps, {\\%}, {'} (all groups, or one-word groups).

    Escaped braces (\\{) stay, and so does the argument of a command (\\cite{x}); an empty
    group ends a command (\\ourMethod{}) and goes.
    """

    def group(match: re.Match[str]) -> str:
        body, start = match.group(1), match.start()
        if not body:
            return ""
        escaped = text[start - 1 : start] == "\\" or body.endswith("\\")
        command = COMMAND_BEFORE.search(text, max(0, start - 40), start)
        if escaped or command or (words_only and any(c.isspace() for c in body)):
            return match.group(0)
        return body

    for _ in range(MAX_NESTING):
        if "{" not in text:
            break
        text, found = GROUP.subn(group, text)
        if not found:
            break
    return text


def _math(match: re.Match[str]) -> str:
    dollars = match.group(1) is not None
    body = next(group for group in match.groups() if group is not None)
    money = not re.search(r"[\\^_{]", body) and len(body) > 1 and not MATH_WORD.fullmatch(body)
    if dollars and money:
        return match.group(0)  # "$10-$20" is money, not math
    if STRUCTURE.search(body):
        return _math_text(body)
    body = MATH_LAYOUT.sub("", body)
    body = MATH_COMMAND.sub(lambda m: SYMBOLS.get(m.group(1), m.group(1)) + _trailing(m), body)
    return re.sub(r"[{}]", "", body)


def _math_text(body: str) -> str:
    """Math with structure (\\frac{a}{b}, \\sqrt{n}, \\tilde x) as text: a/b, √(n), x̃.

    pylatexenc does this; on input it cannot read, the braces and backslashes just go.
    """
    try:
        text: str = MATH_TEXT.latex_to_text(body)
    except Exception:
        text = body
    return re.sub(r"[{}\\]", "", text)


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
