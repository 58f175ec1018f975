"""Deterministic synthetic digests of N papers, made from the shipped dump's own text.

Titles and abstracts recombine the shipped papers' title halves and sentences (so the
words, lengths and LaTeX/URL leftovers are realistic), papers are spread over digest
days (30 a day, each day under its own dated line), and every paper gets an arXiv id
and a first author through a metadata record, as the shipped content does.

    python benchmarks/synth.py 10000 /tmp/synth-10k    # writes a content/ folder
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PER_DAY = 30
NAMES = ["Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "John", "Karen", "Tim"]
SURNAMES = ["Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen", "Backus"]


def corpus(content: Path) -> tuple[list[str], list[str], list[str]]:
    """Title heads, title tails and sentences of a content folder's dump (trending.txt)."""
    from generator.read.page_copy import read_dump

    text = (content / "trending.txt").read_text()
    papers, _ = read_dump(text, "trending.txt", 2025)
    heads, tails, sentences = [], [], []
    for paper in papers:
        head, _, tail = paper.title.partition(": ")
        heads.append(" ".join(head.split()[:3]))
        tails.append(tail or paper.title)
        sentences += re.split(r"(?<=[.!?]) (?=[A-Z])", paper.abstract)
    return heads, tails, sentences


def synthesize(count: int, out: Path, seed: int = 1, content: Path = ROOT / "content") -> None:
    """Write a content folder of `count` papers into `out` (replacing it), made from the
    dump, tag rules and settings of `content` (the tests pass the frozen shipped copy)."""
    rng = random.Random(seed)
    heads, tails, sentences = corpus(content)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in ("tags.yml", "settings.yml"):
        shutil.copy(content / name, out / name)
    start = dt.date(2025, 3, 11)
    dump: list[str] = ["new", "", "Get trending papers in your email inbox!", ""]
    meta = []
    for number in range(count):
        if number % PER_DAY == 0:
            day = start - dt.timedelta(days=number // PER_DAY)
            dump += [f"{day:%b} {day.day}, {day.year}", ""]  # years: 100k papers span 9
        title = f"{rng.choice(heads)}-{number}: {rng.choice(tails)}"
        abstract = " ".join(rng.sample(sentences, rng.randint(5, 10)))
        dump += [title, "", abstract, ""]
        arxiv = f"{24 + number // 100000:02d}{1 + number % 12:02d}.{number % 100000:05d}"
        author = f"{rng.choice(NAMES)} {rng.choice(SURNAMES)}"
        meta.append({"title": title, "arxiv": arxiv, "first_author": author})
    (out / "trending.txt").write_text("\n".join(dump))
    (out / "papers-meta.yml").write_text(yaml.safe_dump(meta, sort_keys=False, width=1000))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    synthesize(int(sys.argv[1]), Path(sys.argv[2]))
