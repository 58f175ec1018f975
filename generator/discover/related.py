"""Related papers: for each paper, the most similar papers of the digest.

Similarity is TF-IDF over title and abstract (title words count twice, term frequency is
sublinear, idf is smoothed, vectors have unit length), scored the way "more like this"
search does it, with the champion lists of Manning, Raghavan and Schütze's Introduction
to Information Retrieval (section 7.1.3) so the cost stays linear in the number of papers:

- a paper asks with its QUERY_TERMS heaviest terms;
- each term answers with its CHAMPIONS papers that weigh it most;
- a candidate's score is the sum of query weight times champion weight over the terms
  they share: the cosine of the two vectors restricted to those terms. Where a term has
  no more than CHAMPIONS papers (every term of a digest of that size) nothing is cut.

Terms found in only one paper cannot link two papers and terms in more than MAX_DF of
them barely can: both count in a vector's length but are left out of the scoring.

Pure and deterministic: papers are put in slug order, scores are rounded to DECIMALS
before ranking and ties go to the smaller slug. No Python loop over pairs: scores are one
scipy sparse product per chunk of papers, the top k of each row come from k vectorized
passes of a per-row maximum, and a chunk holds at most CHUNK_CELLS scores, so memory
stays bounded and a papers x papers matrix never exists.
"""

from __future__ import annotations

import functools
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse

from generator.model import Paper

RELATED = 5
TITLE_WEIGHT = 2  # a word of the title counts as often as this many in the abstract
QUERY_TERMS = 32  # a paper asks with this many of its heaviest terms
CHAMPIONS = 200  # each term answers with this many of the papers weighing it most
MAX_DF = 0.5  # terms in more than this share of the papers are left out of the scoring
CHUNK_CELLS = 4_000_000  # scores held at once: 32 MB of float64
DECIMALS = 6  # scores are rounded to this many decimals, so ties are ties
WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having here how however i if in into is it its itself
    just may might more most must no nor not now of off on once only or other our ours out
    over own same should so some such than that the their theirs them then there these
    they this those through to too under until up upon us very via was we were what when
    where which while who whom why will with within without would yet you your"""
STOPWORDS = frozenset(STOPWORD_TEXT.split())

Matrix = sparse.csr_matrix


def tokens(text: str) -> list[str]:
    """Lower-case words of two letters or more, without stop words and bare numbers.

    A plural 's' is dropped ("models" and "model" are one term); hyphenated words stay
    whole ("self-supervised").
    """
    return [term for term in map(_term, WORD.findall(text)) if term]


@functools.lru_cache(maxsize=1 << 20)
def _term(word: str) -> str:
    """The word's term, or "" for a word that is not one. Cached: a digest's abstracts
    share most of their words, and this runs for every word of every paper."""
    word = word.lower()
    if len(word) < 2 or word in STOPWORDS or word.isdigit():
        return ""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(paper: Paper) -> Counter[str]:
    """How often each term occurs in a paper, title words weighted."""
    counts = Counter(tokens(paper.abstract))
    for word in tokens(paper.title):
        counts[word] += TITLE_WEIGHT
    return counts


def tfidf(documents: Iterable[Counter[str]]) -> Matrix:
    """Unit-length TF-IDF rows (documents x terms in sorted order), all terms counted.

    Documents are read once, in turn, into compact arrays: a generator of them is never
    held in memory all at once.
    """
    found: dict[str, int] = {}  # term -> its number in order of first appearance
    lengths, columns, counts = array("q"), array("q"), array("d")
    for document in documents:
        lengths.append(len(document))
        columns.extend(found.setdefault(term, len(found)) for term in document)
        counts.extend(document.values())
    # Renumber the terms in sorted order, so equal input gives equal matrices.
    order = np.argsort(np.array(list(found), dtype=object)).argsort()
    column = order[np.frombuffer(columns, dtype=np.int64)]
    row = np.repeat(np.arange(len(lengths)), np.frombuffer(lengths, dtype=np.int64))
    df = np.bincount(column, minlength=len(found))
    idf = np.log((1.0 + len(lengths)) / (1.0 + df)) + 1.0
    weights = (1.0 + np.log(np.frombuffer(counts))) * idf[column]
    norms = np.sqrt(np.bincount(row, weights * weights, minlength=len(lengths)))
    weights /= np.maximum(norms, 1e-12)[row]
    return sparse.csr_matrix((weights, (row, column)), shape=(len(lengths), len(found)))


def linking(matrix: Matrix) -> Matrix:
    """The matrix without the terms that cannot (one paper) or barely (most) link papers."""
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    limit = max(2, math.floor(MAX_DF * matrix.shape[0]))
    return sparse.csr_matrix(matrix @ sparse.diags(((df >= 2) & (df <= limit)).astype(float)))


def strongest(matrix: Matrix, limit: int) -> Matrix:
    """Each row's `limit` largest entries; ties go to the lower column."""
    matrix = sparse.csr_matrix(matrix)
    matrix.eliminate_zeros()
    matrix.sort_indices()
    row = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    # Rows in order, each heaviest first; the stable sort keeps the lower column first.
    order = np.argsort(row * 2.0 + (1.0 - matrix.data), kind="stable")
    rank = np.arange(len(order)) - matrix.indptr[row[order]]
    kept = order[rank < limit]
    return sparse.csr_matrix(
        (matrix.data[kept], (row[kept], matrix.indices[kept])), shape=matrix.shape
    )


def top_k(queries: Matrix, champions: Matrix, k: int) -> list[tuple[int, ...]]:
    """For each row of queries (papers x terms), the k best columns of champions (terms x
    papers) by their product, best first. Only positive scores count, paper i never lists
    itself, ties go to the lower paper."""
    count = queries.shape[0]
    widest = min(count, QUERY_TERMS * CHAMPIONS)
    chunk = max(1, CHUNK_CELLS // max(widest, 1))
    result: list[tuple[int, ...]] = []
    for start in range(0, count, chunk):
        scores = queries[start : start + chunk] @ champions
        result += _best(sparse.csr_matrix(scores), start, k)
    return result


def _best(scores: Matrix, first: int, k: int) -> list[tuple[int, ...]]:
    """The top k columns of each row of a sparse score block, ties to the lower column.

    Row r of the block is paper first + r: its own column never counts. k passes of a
    per-row maximum find each row's k-th best score; the few scores at or above it are
    then sorted. Every step is linear in the scores there are, not in rows x papers.
    """
    rows = scores.shape[0]
    lengths = np.diff(scores.indptr)
    row = np.repeat(np.arange(rows), lengths)
    value = np.round(scores.data, DECIMALS)
    value[scores.indices == row + first] = 0.0
    filled = lengths > 0
    left = value.copy()
    threshold = np.zeros(rows)
    for _ in range(k if len(value) else 0):
        best = np.zeros(rows)
        best[filled] = np.maximum.reduceat(left, scores.indptr[:-1][filled])
        threshold = np.where(best > 0, best, threshold)
        left[left == best[row]] = 0.0
    keep = np.flatnonzero((value >= threshold[row]) & (value > 0))
    order = np.lexsort((scores.indices[keep], -value[keep], row[keep]))
    kept_row, kept = row[keep][order], scores.indices[keep][order]
    bounds = np.searchsorted(kept_row, np.arange(rows + 1))
    return [
        tuple(kept[bounds[r] : min(bounds[r] + k, bounds[r + 1])].tolist()) for r in range(rows)
    ]


def related(papers: Sequence[Paper], k: int = RELATED) -> dict[str, tuple[str, ...]]:
    """Each paper's slug -> the slugs of its k most similar papers, most similar first."""
    ordered = sorted(papers, key=lambda paper: paper.slug)
    if not ordered:
        return {}
    matrix = linking(tfidf(terms(paper) for paper in ordered))
    queries = strongest(matrix, QUERY_TERMS)
    champions = strongest(sparse.csr_matrix(matrix.T), CHAMPIONS)
    slugs = [paper.slug for paper in ordered]
    found = top_k(queries, champions, k)
    return {slugs[i]: tuple(slugs[j] for j in best) for i, best in enumerate(found)}
