"""Turn scraped abstract text into clean reading text, and add the links it mentions.

Pure functions: LaTeX leftovers become plain text (common/latex.py has the tables shared
with the BibTeX reader); the URLs in an abstract become the paper's labelled links
(common/links.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

from pylatexenc.latex2text import LatexNodes2Text

from generator.common.latex import decode_accents, unbrace, unwrap_commands
from generator.common.links import classify, find_urls
from generator.model import Paper

LATEX_HINT = re.compile(r"[\\`~${]|this\s+https?\s+URL", re.IGNORECASE)
ARXIV_PLACEHOLDER = re.compile(r"\{?\bthis\s+https?\s+URL\b\}?", re.IGNORECASE)
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
