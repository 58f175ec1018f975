"""Render papers into Markdown pages: home, one page per paper, tag overview and tag pages.

Pure: takes records, returns (path, markdown) pairs. All text from content goes
through `markup.text` so it shows as written and never becomes markup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import yaml
from slugify import slugify

from generator.common.progress import steps
from generator.model import Paper
from generator.read.settings import Settings
from generator.render.markup import front_matter, link, linked_text, text, yaml_block
from generator.site.offline import download_link
from generator.transform.tag_rules import TagRules

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Page = tuple[str, str]
TagSlugs = Mapping[str, str]  # tag -> the name of its page under tags/
# Where a page's body starts: its first heading below the title, table or list.
BODY = re.compile(r"^(?:#{2,6} |\||- )", re.MULTILINE)
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


@dataclass(frozen=True)
class PageExtra:
    """What a later stage adds to a rendered page (see generator/discover/discovery.py).

    meta: more front-matter keys; top: Markdown between the page's introduction and its
    body (see BODY); bottom: Markdown at the end.
    """

    meta: Mapping[str, object] = field(default_factory=dict)
    top: str = ""
    bottom: str = ""


def extend(markdown: str, extra: PageExtra) -> str:
    """The page with the extra's front matter, top and bottom put in."""
    if extra.meta:
        end = markdown.index("\n---\n", 3) + 1
        known = yaml.load(markdown[4:end], Loader=YAML_LOADER) or {}
        if set(known) & set(extra.meta):
            raise ValueError(
                f"front matter keys given twice: {sorted(set(known) & set(extra.meta))}"
            )
        meta = yaml_block(dict(extra.meta))
        markdown = markdown[:end] + meta + markdown[end:]
    if extra.top:
        title = markdown.find("\n# ")
        body = BODY.search(markdown, title + 1 if title >= 0 else 0)
        cut = body.start() if body else len(markdown)
        before = markdown[:cut].rstrip("\n") + "\n\n"
        markdown = before + extra.top.rstrip("\n") + "\n\n" + markdown[cut:]
    if extra.bottom:
        markdown = markdown.rstrip("\n") + "\n\n" + extra.bottom.rstrip("\n") + "\n"
    return markdown


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


def render_site(
    papers: list[Paper],
    settings: Settings,
    rules: TagRules,
    extras: Mapping[str, PageExtra] | None = None,
) -> list[Page]:
    """Every page of the site, in a fixed order, with the extras given by page path."""
    counts = Counter(tag for paper in papers for tag in paper.tag_names)
    tags = sorted(counts, key=lambda t: (-counts[t], t))
    slugs = tag_slugs(tags)
    days = by_day(papers)
    pages = [("index.md", render_home(days, settings, tags, counts, slugs))]
    pages += [
        (f"days/{day_name(day)}.md", render_day(day, members, settings, slugs))
        for day, members in days.items()
    ]
    pages.append(("tags/index.md", render_tag_overview(tags, counts, rules, slugs)))
    members_of: dict[str, list[Paper]] = {tag: [] for tag in tags}
    for paper in papers:
        for tag in paper.tag_names:
            members_of[tag].append(paper)
    for tag in tags:
        pages.append(
            (f"tags/{slugs[tag]}.md", render_tag(tag, members_of[tag], rules, settings, slugs))
        )
    pages += [
        (f"papers/{p.slug}.md", render_paper(p, slugs))
        for p in steps(papers, "Rendering", len(papers))
    ]
    return with_extras(pages, extras or {})


def with_extras(pages: list[Page], extras: Mapping[str, PageExtra]) -> list[Page]:
    """The pages with the extras given by page path put in."""
    return [(path, extend(md, extras[path]) if path in extras else md) for path, md in pages]


def by_day(papers: list[Paper]) -> dict[dt.date | None, list[Paper]]:
    """Papers grouped by digest day, newest day first, undated last; order kept within."""
    days: dict[dt.date | None, list[Paper]] = {}
    for paper in papers:
        days.setdefault(paper.date, []).append(paper)
    return dict(sorted(days.items(), key=lambda item: (item[0] is None, -_ordinal(item[0]))))


def _ordinal(day: dt.date | None) -> int:
    return day.toordinal() if day else 0


def day_name(day: dt.date | None) -> str:
    return day.isoformat() if day else "undated"


def _day_title(day: dt.date | None) -> str:
    return _day(day) if day else "Undated papers"


def render_home(
    days: dict[dt.date | None, list[Paper]],
    settings: Settings,
    tags: list[str],
    counts: Counter[str],
    slugs: TagSlugs,
) -> str:
    """Title, counts and tags, then the newest days' papers up to settings.home_papers."""
    dates = [day for day in days if day]
    total = sum(map(len, days.values()))
    lines = [
        front_matter(settings.title, search={"exclude": True}, hide=["navigation", "toc"]),
        f"# {text(settings.title)}",
        "",
        text(settings.description),
        "",
        f"{_date_phrase(dates)}**{total} papers** in **{len(tags)} tags**.",
        "",
        download_link(settings.title) if total <= settings.offline_zip_up_to else "",
        "",
        '<div class="digest-tags" markdown>',
        "",
        " ".join(f"{link(tag, f'tags/{slugs[tag]}.md')} ({counts[tag]})" for tag in tags),
        "",
        "</div>",
        "",
    ]
    room = settings.home_papers
    for day, members in days.items():
        if room <= 0:
            break
        page = f"days/{day_name(day)}.md"
        lines += [f"## {link(_day_title(day), page)}", ""]
        for paper in members[:room]:
            lines += _list_entry(paper, "", settings, slugs)
        if len(members) > room:
            more = f"{len(members) - room} more papers of this day"
            lines += [f"{link(more, page)}", ""]
        room -= len(members)
    if len(days) > 1:
        lines += ["## All digest days", ""]
        lines += [
            f"- {link(_day_title(day), f'days/{day_name(day)}.md')} ({len(members)})"
            for day, members in days.items()
        ]
        lines.append("")
    return "\n".join(lines)


def render_day(
    day: dt.date | None, papers: list[Paper], settings: Settings, slugs: TagSlugs
) -> str:
    lines = [
        front_matter(_day_title(day), search={"exclude": True}),
        f"# {text(_day_title(day))}",
        "",
        f"{len(papers)} papers. {link('Home', '../index.md')}",
        "",
    ]
    for paper in papers:
        lines += _list_entry(paper, "../", settings, slugs)
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
    # A list item, not a heading: a heading per paper would put every title into the
    # page's table of contents too, doubling long pages.
    entry = [
        f"- **{link(paper.title, f'{prefix}papers/{paper.slug}.md')}**  ",
        f"  {text(teaser(paper.abstract, settings.teaser_length))}",
    ]
    if tags:
        entry[-1] += "  "
        entry.append(f'  <span class="digest-tag-list">{tags}</span>')
    return [*entry, ""]


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
    for byline in (_byline(paper), _publication(paper)):
        if byline:
            lines += [f'<p class="digest-byline" markdown>{byline}</p>', ""]
    if paper.links:
        links = " · ".join(
            link(
                f"{KIND_LABELS.get(item.kind, item.kind)}: {item.label}"
                if item.kind in LABELLED
                else KIND_LABELS.get(item.kind, item.label),
                item.url,
            )
            for item in paper.links
        )
        lines += [f'<p class="digest-links" markdown>{links}</p>', ""]
    if paper.tags:
        tags = " ".join(link(t, f"../tags/{slugs[t]}.md") for t in paper.tag_names)
        lines += [f'<p class="digest-tag-list" markdown>Tags: {tags}</p>', ""]
    # A heading with no id: Material's search starts a new entry at each heading with an id,
    # and the abstract belongs in the paper's own entry, so a name in the title and the
    # words of its abstract rank together.
    lines += ['<h2 class="digest-abstract">Abstract</h2>', "", linked_text(paper.abstract), ""]
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


def _publication(paper: Paper) -> str:
    """Where and when it was published, its arXiv categories and the authors' comment."""
    year = "" if paper.submitted else str(paper.year or "")
    parts = [", ".join(part for part in (paper.venue, year) if part)]
    if paper.categories:
        parts.append(", ".join(paper.categories))
    if paper.comment:
        parts.append(f"Comment: {paper.comment}")
    return " · ".join(text(part) for part in parts if part)


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
