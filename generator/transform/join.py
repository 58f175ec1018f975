"""Join: records without an abstract complete the papers of the same title.

Pure: `content/papers-meta.yml` adds arXiv ids and authors to the shipped page copy this way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from generator.model import Paper, Problem, Record, preview
from generator.transform.dedupe import combine, paper_of, title_key


def join(
    papers: list[Paper], patches: list[Record]
) -> tuple[list[Paper], list[Problem], list[str]]:
    """Apply title-and-metadata records to the papers of the same title.

    A hand-written record that completes no paper is a problem; an entry of another tool's
    file (a BibTeX entry with no abstract) is a note.
    """
    by_title: dict[str, list[int]] = defaultdict(list)
    for index, paper in enumerate(papers):
        by_title[title_key(paper.title)].append(index)
    problems, notes = [], []
    for record in patches:
        targets = by_title.get(title_key(record.title), [])
        if not targets and record.hand_written:
            problems.append(
                Problem(
                    record.where,
                    f"record {record.title!r:.80} has no abstract "
                    "and no paper has this title; add 'abstract' or fix the title",
                )
            )
        elif not targets:
            notes.append(
                f"{record.where}: no abstract; skipped {preview(record.title)} "
                "(a page needs an abstract)"
            )
        abstracts = {" ".join(papers[index].abstract.split()) for index in targets}
        if len(abstracts) > 1 and (record.arxiv or record.doi):
            # Different papers share this title: an id is one paper's, and would merge them.
            notes.append(
                f"{record.where}: {len(abstracts)} different papers have the title "
                f"{preview(record.title)}; the record's arXiv id and DOI are not used (add the "
                "abstract to the record to say which paper it is)"
            )
            record = replace(record, arxiv="", doi="")
        for index in targets:
            papers[index] = combine(papers[index], paper_of(record))
    return papers, problems, notes
