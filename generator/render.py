"""Render papers into Markdown pages: home, one page per paper, tag overview and tag pages.

Pure: takes records, returns (path, markdown) pairs. All text from content goes
through `markup.text` so it shows as written and never becomes markup.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping

from slugify import slugify

from generator.markup import front_matter, link, linked_text, text
from generator.model import Paper
from generator.settings import Settings
from generator.tagging import TagRules

Page = tuple[str, str]
TagSlugs = Mapping[str, str]  # tag -> the name of its page under tags/
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
}


def tag_slug(tag: str) -> str:
    return slugify(tag) or "tag"


def tag_slugs(tags: Iterable[str]) -> dict[str, str]:
    """A page name per tag, unique even when two tags slugify alike ('a b', 'A-B').

    Assigned in name order, so adding a paper never moves another tag's page; `index`
    is the overview's.
    """
    slugs: dict[str, str] = {}
    taken = {"index"}
    for tag in sorted(set(tags)):
        base = tag_slug(tag)
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        slugs[tag] = slug
    return slugs


def render_site(papers: list[Paper], settings: Settings, rules: TagRules) -> list[Page]:
    """Every page of the site, in a fixed order."""
    counts = Counter(tag for paper in papers for tag in paper.tag_names)
    tags = sorted(counts, key=lambda t: (-counts[t], t))
    slugs = tag_slugs(tags)
    pages = [("index.md", render_home(papers, settings, tags, counts, slugs))]
    pages.append(("tags/index.md", render_tag_overview(tags, counts, rules, slugs)))
    for tag in tags:
        members = [p for p in papers if tag in p.tag_names]
        pages.append((f"tags/{slugs[tag]}.md", render_tag(tag, members, rules, settings, slugs)))
    pages += [(f"papers/{p.slug}.md", render_paper(p, slugs)) for p in papers]
    return pages


def render_home(
    papers: list[Paper], settings: Settings, tags: list[str], counts: Counter[str], slugs: TagSlugs
) -> str:
    dates = sorted({p.date for p in papers if p.date}, reverse=True)
    lines = [
        front_matter(settings.title, search={"exclude": True}, hide=["navigation", "toc"]),
        f"# {text(settings.title)}",
        "",
        text(settings.description),
        "",
        f"{_date_phrase(dates)}**{len(papers)} papers** in **{len(tags)} tags**.",
        "",
        '<div class="digest-tags" markdown>',
        "",
        " ".join(f"{link(tag, f'tags/{slugs[tag]}.md')} ({counts[tag]})" for tag in tags),
        "",
        "</div>",
        "",
        "## Papers",
        "",
    ]
    for paper in papers:
        lines += _list_entry(paper, "", settings, slugs)
    return "\n".join(lines)


def _date_phrase(dates: list[dt.date]) -> str:
    if not dates:
        return ""
    if len(dates) == 1:
        return f"Digest of {_day(dates[0])}: "
    return f"Digests from {_day(dates[-1])} to {_day(dates[0])}: "


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _list_entry(paper: Paper, prefix: str, settings: Settings, slugs: TagSlugs) -> list[str]:
    tags = " · ".join(link(t, f"{prefix}tags/{slugs[t]}.md") for t in paper.tag_names)
    return [
        f"### {link(paper.title, f'{prefix}papers/{paper.slug}.md')}",
        "",
        text(teaser(paper.abstract, settings.teaser_length)),
        "",
        *([f'<span class="digest-tag-list">{tags}</span>', ""] if tags else []),
    ]


def teaser(abstract: str, limit: int) -> str:
    """The abstract's first sentence, cut at a word boundary to at most `limit` characters."""
    first = abstract.split(". ", 1)[0].rstrip(".") + "."
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def render_paper(paper: Paper, slugs: TagSlugs) -> str:
    lines = [
        front_matter(paper.title, teaser(paper.abstract, 300), search={"boost": 4}),
        f"# {text(paper.title)}",
        "",
    ]
    byline = _byline(paper)
    if byline:
        lines += [f'<p class="digest-byline" markdown>{byline}</p>', ""]
    if paper.links:
        links = " · ".join(
            link(
                f"{KIND_LABELS.get(item.kind, item.kind)}: {item.label}"
                if item.kind in {"code", "dataset", "model", "demo", "project"}
                else KIND_LABELS.get(item.kind, item.label),
                item.url,
            )
            for item in paper.links
        )
        lines += [f'<p class="digest-links" markdown>{links}</p>', ""]
    if paper.tags:
        tags = " ".join(link(t, f"../tags/{slugs[t]}.md") for t in paper.tag_names)
        lines += [f'<p class="digest-tag-list" markdown>Tags: {tags}</p>', ""]
    lines += ["## Abstract", "", linked_text(paper.abstract), ""]
    return "\n".join(lines)


def _byline(paper: Paper) -> str:
    parts = []
    if paper.authors:
        names = list(paper.authors)
        shown = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        parts.append(text(shown + ("" if paper.authors_complete else " et al.")))
    if paper.submitted:
        parts.append(f"submitted {_day(paper.submitted)}")
    if paper.date:
        parts.append(f"in the digest of {_day(paper.date)}")
    return " · ".join(parts)


def render_tag_overview(
    tags: list[str], counts: Counter[str], rules: TagRules, slugs: TagSlugs
) -> str:
    lines = [
        front_matter("Tags", search={"exclude": True}),
        "# Tags",
        "",
        "| Tag | Papers | What it covers |",
        "| --- | ---: | --- |",
    ]
    lines += [
        f"| {link(tag, f'{slugs[tag]}.md')} | {counts[tag]} | {text(rules.describe(tag))} |"
        for tag in tags
    ]
    return "\n".join(lines) + "\n"


def render_tag(
    tag: str, papers: list[Paper], rules: TagRules, settings: Settings, slugs: TagSlugs
) -> str:
    lines = [
        front_matter(f"Tag: {tag}", search={"exclude": True}),
        f"# {text(tag)}",
        "",
        text(rules.describe(tag)),
        "",
        f"{len(papers)} papers. {link('All tags', 'index.md')}",
        "",
    ]
    for paper in papers:
        lines += _list_entry(paper, "../", settings, slugs)
    return "\n".join(lines)
