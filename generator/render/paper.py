"""A paper's page: title, byline, links, tags and why, the abstract, related papers and
its BibTeX entry, then the digest's feeds. Pure, in one pass."""

from __future__ import annotations

from generator.discover.facts import Facts
from generator.model import Paper
from generator.render.links import feed_links, file_link
from generator.render.markup import day_text, front_matter, link, linked_text, text
from generator.render.reader import paper_tools
from generator.render.tag_reasons import reasons_html

KIND_LABELS = {
    "arxiv": "arXiv",
    "pdf": "PDF",
    "hf": "Hugging Face",
    "code": "Code",
    "dataset": "Dataset",
    "model": "Model",
    "demo": "Demo",
    "project": "Project page",
    "paper": "Paper",
    "doi": "DOI",
}
LABELLED = frozenset({"code", "dataset", "model", "demo", "project", "doi"})  # "Code: github.com/x"
DESCRIPTION_LENGTH = 300  # characters of the abstract in the page's meta description
# What superfences and Pygments escape in a plain-text code block, so the BibTeX block
# below is the bytes a `text` fence made.
CODE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def teaser(abstract: str, limit: int) -> str:
    """The abstract's first sentence, cut at a word boundary to at most `limit` characters."""
    first = abstract.split(". ", 1)[0].rstrip(".") + "."
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def render_paper(paper: Paper, known: Facts, titles: dict[str, str]) -> str:
    """The paper's page; titles: every paper's title by slug, for its related papers."""
    lines = [
        front_matter(paper.title, teaser(paper.abstract, DESCRIPTION_LENGTH), search={"boost": 4}),
        f"# {text(paper.title)}",
        "",
        paper_tools(paper, known),
        "",
    ]
    for byline in (_byline(paper), _publication(paper)):
        if byline:
            lines += [f'<p class="digest-byline" markdown>{byline}</p>', ""]
    if paper.links:
        lines += [f'<p class="digest-links" markdown>{_links(paper)}</p>', ""]
    if paper.tags:
        tags = " ".join(link(t, f"../tags/{known.tag_pages[t]}.md") for t in paper.tag_names)
        lines += [f'<p class="digest-tag-list" markdown>Tags: {tags}</p>', ""]
    # A heading with no id: Material's search starts a new entry at each heading with an id,
    # and the abstract belongs in the paper's own entry, so a name in the title and the
    # words of its abstract rank together.
    lines += ['<h2 class="digest-abstract">Abstract</h2>', "", linked_text(paper.abstract), ""]
    if paper.tags or paper.stopped:
        lines += [reasons_html(paper), ""]
    lines += _related(paper, known, titles) + _cite(paper, known)
    return "\n".join(lines)


def _links(paper: Paper) -> str:
    return " · ".join(
        link(
            f"{KIND_LABELS.get(item.kind, item.kind)}: {item.label}"
            if item.kind in LABELLED
            else KIND_LABELS.get(item.kind, item.label),
            item.url,
        )
        for item in paper.links
    )


def _byline(paper: Paper) -> str:
    parts = []
    if paper.authors:
        names = list(paper.authors)
        shown = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        parts.append(text(shown + ("" if paper.authors_complete else " et al.")))
    if paper.submitted:
        parts.append(f"submitted {day_text(paper.submitted)}")
    if paper.date:
        parts.append(f"in the digest of {day_text(paper.date)}")
    return " · ".join(parts)


def _publication(paper: Paper) -> str:
    """Where and when it was published, its arXiv categories and the authors' comment."""
    year = "" if paper.submitted else str(paper.year or "")
    parts = [", ".join(part for part in (paper.venue, year) if part)]
    if paper.categories:
        parts.append(", ".join(paper.categories))
    if paper.comment:
        parts.append(f"Comment: {paper.comment}")
    return " · ".join(text(part) for part in parts if part)


def _related(paper: Paper, known: Facts, titles: dict[str, str]) -> list[str]:
    """Related papers, kept out of the search index."""
    lines = ["## Related papers { data-search-exclude }", ""]
    similar = known.related.get(paper.slug, ())
    lines += [f"- {link(titles[slug], f'{slug}.md')}" for slug in similar] or [
        "No paper of the digest is close enough."
    ]
    return lines


def _cite(paper: Paper, known: Facts) -> list[str]:
    """The BibTeX entry, kept out of the search index, then one line of feeds and data. Each
    tag's own feeds are on its page, one click away: listing them on every paper page would
    repeat them 10,000 times in a large digest.

    The entry is written as the HTML a plain-text fenced block becomes (Material's copy
    button works on it the same), not as a fence: Python-Markdown passes a block of HTML
    through, where a fence costs superfences and a Pygments run on every page (a tenth of
    Python-Markdown's time on a paper page, benchmarks/RESULTS.md)."""
    entry = known.citations[paper.slug].rstrip("\n").translate(CODE_ESCAPES)
    return [
        "",
        "## Cite { data-search-exclude }",
        "",
        # Plain text, not highlighted: a highlighted entry is twice the HTML, on every page.
        f'<div class="highlight"><pre><span></span><code>{entry}\n</code></pre></div>',
        "",
        f"The whole digest: {feed_links('../feed')} · {file_link('BibTeX', '../papers.bib')}. "
        "Each tag's page has the tag's own feeds.",
        "",
    ]
