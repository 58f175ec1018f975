"""The words of a text as search sees them: the same at index time and at query time.

Python builds the index with these rules and the search worker (assets/search-worker.js)
reads queries with its own copy of them; tests/search/folding.yml holds the cases both
must agree on. A text becomes:

- its words: runs of letters and digits ("3.5" and "model's" stay whole), accents
  dropped, lower case, common words ("the", "of", ...) left out;
- each word folded (`fold`): British and American spellings the same (-isation and
  -ization, -ise and -ize, -our and -or, -yse and -yze, -elling and -eling, -tre and
  -ter), then a light stem (plurals, -ing, -ed, a final e), so "tokenisers" and
  "tokenizer" are one term;
- joined forms: words linked by hyphens ("pre-training", "FLM-101B") and a prefix word
  followed by a word ("pre training", "multi modal") also as one word ("pretraining"),
  so the hyphenated, spaced and joined spellings meet.
"""

from __future__ import annotations

import functools
import re
import unicodedata

STOP_WORDS = frozenset(
    """a all also an and are as at be but by can do does for from has have how if in into is
    it its no not of on or our so than that the their then there these they this to via was
    we were what when which who why will with""".split()  # noqa: SIM905
)
# Words that readers write joined to the next word, or apart from it, or hyphenated.
PREFIXES = frozenset(
    """co cross few fine inter intra long multi non over post pre re self semi sub under
    zero""".split()  # noqa: SIM905
)
WORD = re.compile(r"[^\W_]+(?:(?:\.(?=\d)|['’](?=[^\W\d_]))[^\W_]+)*")
HYPHENS = frozenset("-\u2010\u2011")  # hyphen-minus, hyphen, non-breaking hyphen
VOWELS = frozenset("aeiouy")
# (ending, replacement, letters the stem keeps at least): the first that fits applies.
SPELLING = (
    ("isations", "izations", 3),
    ("isation", "ization", 3),
    ("ising", "izing", 3),
    ("ised", "ized", 3),
    ("ises", "izes", 3),
    ("isers", "izers", 3),
    ("iser", "izer", 3),
    ("ise", "ize", 3),
    ("ysing", "yzing", 3),
    ("ysed", "yzed", 3),
    ("yses", "yzes", 3),
    ("yse", "yze", 3),
    ("ours", "ors", 3),
    ("our", "or", 3),
    ("elling", "eling", 2),
    ("elled", "eled", 2),
    ("ellers", "elers", 2),
    ("eller", "eler", 2),
    ("tres", "ters", 3),
    ("tre", "ter", 3),
    ("ical", "ic", 3),  # medical: medic, a prefix of medicine (medicin)
)


def plain(text: str) -> str:
    """Lower case, accents dropped (é -> e): what words are matched on."""
    if text.isascii():  # most abstracts: nothing to drop
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))


@functools.lru_cache(maxsize=1 << 17)  # a digest's words repeat: its vocabulary is small
def fold(word: str) -> str:
    """One spelling and a light stem for a lower-case word; digits and short words as is."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    if len(word) < 3 or not word.isalpha():
        return word
    for ending, replacement, stem in SPELLING:
        if word.endswith(ending) and len(word) - len(ending) >= stem:
            word = word[: -len(ending)] + replacement
            break
    return _stem(word)


def _stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is", "as")):
        word = word[:-1]
    if word.endswith("ied") and len(word) > 4:
        return word[:-3] + "y"
    for ending in ("ing", "ed"):
        rest = word[: -len(ending)]
        if word.endswith(ending) and len(rest) >= 3 and VOWELS & set(rest):
            word = rest
            if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in VOWELS | set("lsz"):
                word = word[:-1]
            break
    if word.endswith("e") and len(word) >= 4:
        word = word[:-1]
    return word


def terms(text: str, parts: bool = True) -> list[str]:
    """The folded terms of a text, in order: each word but the common ones, and after a
    run of linked words ("pre-training", "multi modal") the run joined into one. Without
    parts (a query), a run is only its joined form: the index holds that for every run."""
    found: list[str] = []
    for run in _runs(plain(text)):
        if parts or len(run) == 1:
            found += [fold(word) for word in run if word not in STOP_WORDS]
        if len(run) > 1:
            found.append(fold("".join(run)))
    return found


def _runs(text: str) -> list[list[str]]:
    """The words of a lower-case text, linked words together in one run."""
    runs: list[list[str]] = []
    previous: re.Match[str] | None = None
    for match in WORD.finditer(text):
        word = match.group()
        gap = text[previous.end() : match.start()] if previous else ""
        if previous and _linked(previous.group(), gap, word):
            runs[-1].append(word)
        else:
            runs.append([word])
        previous = match
    return runs


def _linked(word: str, gap: str, following: str) -> bool:
    """Whether two words are one: a hyphen between them, or a prefix word and a space."""
    if gap in HYPHENS:
        return True
    return word in PREFIXES and following not in STOP_WORDS and gap.isspace()
