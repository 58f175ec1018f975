"""LaTeX in text as plain characters: commands that only wrap their text, accents and
letters written as commands, braces that only group. Shared by the BibTeX reader (whose
values are LaTeX) and the clean-up of abstracts (transform/clean.py)."""

from __future__ import annotations

import re
import unicodedata

WRAPPERS = re.compile(
    r"\\(?:textbf|textit|emph|texttt|textsc|textrm|text|mathrm|mathbf|mathit|underline)"
    r"\{([^{}]*)\}"
)
URL_COMMAND = re.compile(r"\\(?:url|href)\{([^{}]*)\}(?:\{([^{}]*)\})?")
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
MAX_NESTING = 8  # \textbf{\emph{...}} levels unwrapped; deeper input keeps its braces


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
