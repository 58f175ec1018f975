"""A paper's page: title, byline, links, tags and why, the abstract, related papers and
its BibTeX entry, then the digest's feeds. Pure, in one pass: the abstract as Markdown,
the rest as HTML islands (markup.island)."""

from __future__ import annotations

from generator.discover.facts import Facts
from generator.model import Paper
from generator.render.markup import (
    day_text,
    front_matter,
    heading,
    html_link,
    island,
    linked_text,
    text,
)
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
TEMPLATE = "paper.html"  # overrides/paper.html: the lean page of a paper
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


def render_paper(paper: Paper, known: Facts, titles: dict[str, str], sharded: bool = True) -> str:
    """The paper's page; titles: every paper's title by slug, for its related papers;
    sharded: our search indexes the papers (search/shards.py), so Material's leaves them out.

    Everything but the abstract is an HTML island (markup.island): Python-Markdown parses
    one paragraph, and the lean paper template (overrides/paper.html) holds the page."""
    search = {"exclude": True} if sharded else {"boost": 4}
    head = [f"<h1>{text(paper.title)}</h1>", paper_tools(paper, known)]
    bylines = (_byline(paper), _publication(paper))
    head += [f'<p class="digest-byline">{byline}</p>' for byline in bylines if byline]
    if paper.links:
        head.append(f'<p class="digest-links">{_links(paper)}</p>')
    if paper.tags:
        tags = " ".join(html_link(t, f"../tags/{known.tag_pages[t]}.md") for t in paper.tag_names)
        head.append(f'<p class="digest-tag-list">Tags: {tags}</p>')
    # A heading with no id: in Material's search (when it is the engine) an entry starts at
    # each heading with an id, and the abstract belongs in the paper's own entry.
    head.append('<h2 class="digest-abstract">Abstract</h2>')
    tail = [reasons_html(paper)] if paper.tags or paper.stopped else []
    tail += _related(paper, known, titles) + _cite(paper, known)
    return "\n".join(
        [
            front_matter(
                paper.title,
                teaser(paper.abstract, DESCRIPTION_LENGTH),
                template=TEMPLATE,
                search=search,
            ),
            island(*head),
            "",
            linked_text(paper.abstract),
            "",
            island(*tail),
            "",
        ]
    )


def _links(paper: Paper) -> str:
    return " · ".join(
        html_link(
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
    """Related papers, kept out of Material's search index."""
    lines = [heading(2, "Related papers", "related-papers", "data-search-exclude")]
    similar = known.related.get(paper.slug, ())
    if not similar:
        return [*lines, "<p>No paper of the digest is close enough.</p>"]
    items = [f"<li>{html_link(titles[slug], f'{slug}.md')}</li>" for slug in similar]
    return [*lines, "<ul>", *items, "</ul>"]


def _cite(paper: Paper, known: Facts) -> list[str]:
    """The BibTeX entry, kept out of Material's search index, then one line of feeds and
    data. Each tag's own feeds are on its page, one click away: listing them on every paper
    page would repeat them 10,000 times in a large digest. The entry is the HTML a
    plain-text fenced block becomes, so Material's copy button works on it."""
    entry = known.citations[paper.slug].rstrip("\n").translate(CODE_ESCAPES)
    feeds = " · ".join([html_link("Atom", "../feed.xml"), html_link("JSON Feed", "../feed.json")])
    return [
        heading(2, "Cite", "cite", "data-search-exclude"),
        # Plain text, not highlighted: a highlighted entry is twice the HTML, on every page.
        f'<div class="highlight"><pre><span></span><code>{entry}\n</code></pre></div>',
        f"<p>The whole digest: {feeds} · {html_link('BibTeX', '../papers.bib')}. "
        "Each tag's page has the tag's own feeds.</p>",
    ]
