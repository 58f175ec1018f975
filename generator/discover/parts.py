"""Data files that grow with the digest, cut into parts above a size, each with an index.

Pure. papers.json and the BibTeX files hold every paper (or every paper of a tag), so at
100,000 papers they would pass the 25 MB a single file may have (Lean pages issue). Up to
PART_BYTES a file stays whole, as it always was; above, the file keeps its address and
becomes an index naming its parts, each at most PART_BYTES:

    papers.json        index, then papers-1.json.gz, papers-2.json.gz, ...  (export.py)
    papers.bib         index, then papers-1.bib, papers-2.bib, ...
    tags/<tag>.bib     index, then tags/<tag>--1.bib, tags/<tag>--2.bib, ...

Parts follow the digest's order (newest first) and are filled greedily, so the same papers
give the same parts, byte for byte. A tag's parts take "--" (facts.PART_SEPARATOR), as its
further pages do: a tag's page name never holds two dashes in a row, so no part can take
the name of another tag's file. papers.json's parts are gzip-compressed (export.py); the
limit counts their JSON text, before compression.

10 MB, because: well under 25 MB whatever a paper holds (a record is 2-3 KB, so an unusual
paper cannot push a part over), few parts (papers.json of 100,000 papers: about 26), and a
part a script or a browser reads in well under a second.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.model import TextFile

PART_BYTES = 10_000_000


def pack(sizes: Sequence[int], limit: int, overhead: int = 0) -> list[range]:
    """Consecutive runs of items, each run's sizes (plus overhead) adding up to at most
    limit; an item over the limit on its own makes a run of one."""
    runs: list[range] = []
    start, total = 0, overhead
    for number, size in enumerate(sizes):
        if number > start and total + size > limit:
            runs.append(range(start, number))
            start, total = number, overhead
        total += size
    if sizes:
        runs.append(range(start, len(sizes)))
    return runs


def part_path(path: str, number: int, separator: str = "-") -> str:
    """The path of a file's part: papers.json -> papers-1.json; tags/a.bib -> tags/a--1.bib
    with the separator of tag files (facts.PART_SEPARATOR)."""
    stem, dot, extension = path.rpartition(".")
    return f"{stem}{separator}{number}{dot}{extension}"


def name_of(path: str) -> str:
    """A file's name, for links between files of the same folder."""
    return path.rsplit("/", 1)[-1]


def bibtex_files(
    path: str, entries: Sequence[str], limit: int = PART_BYTES, separator: str = "-"
) -> list[TextFile]:
    """A .bib file of the entries (each ending in a line break, from cite.entries), one
    blank line between two; above limit bytes, an index of @comment lines naming the parts
    (`@comment{part: papers-1.bib}`), which read back as no entries at all."""
    sizes = [len(entry.encode()) + 1 for entry in entries]  # and the line break after it
    if sum(sizes) - 1 <= limit:
        return [(path, "\n".join(entries))]
    runs = pack(sizes, limit)
    parts = [
        (part_path(path, number, separator), "\n".join(entries[i] for i in run))
        for number, run in enumerate(runs, 1)
    ]
    index = [
        f"@comment{{{len(entries)} entries in {len(parts)} parts, the files named below, "
        "next to this one: read them all, in this order (the digest's, newest first)}",
        *(f"@comment{{part: {name_of(part)}}}" for part, _ in parts),
    ]
    return [(path, "\n".join(index) + "\n"), *parts]
