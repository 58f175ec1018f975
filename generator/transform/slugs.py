"""Slugs: each paper's page name, unique and stable."""

from __future__ import annotations

from dataclasses import replace

from slugify import slugify

from generator.model import Paper

SLUG_LENGTH = 80


def assign_slugs(papers: list[Paper]) -> tuple[list[Paper], list[str]]:
    """A unique, stable slug per paper; later papers with a taken slug get -2, -3, ..."""
    taken: dict[str, Paper] = {}
    result, notes = [], []
    for paper in papers:
        base = slugify(paper.title, max_length=SLUG_LENGTH, word_boundary=True) or "paper"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base[: SLUG_LENGTH - len(str(number)) - 1]}-{number}"
        if slug != base:
            notes.append(
                f"{paper.source}: slug {base!r} is taken by {taken[base].source}; "
                f"this paper's page is papers/{slug}"
            )
        taken[slug] = paper
        result.append(replace(paper, slug=slug))
    return result, notes
