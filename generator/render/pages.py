"""Render the digest into Markdown pages: home, day pages, tag overview, tag pages and one
page per paper, each final in one pass.

Pure: takes the papers and what discovery found about them (discover/facts.py), returns
(path, markdown) pairs. All text from content goes through `markup.text` so it shows as
written and never becomes markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from generator.common.progress import steps
from generator.discover.facts import Facts, Tag
from generator.model import GeneratedFile, Paper
from generator.read.settings import Settings
from generator.render.charts import date_chart, tag_chart
from generator.render.links import download_link, head_feeds, home_links, tag_links
from generator.render.markup import day_text, front_matter, html_link, island, link, text
from generator.render.paper import render_paper, teaser
from generator.render.reader import NEW_SINCE, entry_tools, render_reading_list
from generator.render.reader import PAGE as READING_LIST


def render_site(known: Facts, settings: Settings) -> list[GeneratedFile]:
    """Every page of the site, in a fixed order."""
    pages = [("index.md", render_home(known, settings))]
    pages += [
        (f"days/{day_name(day)}.md", render_day(day, members, known, settings))
        for day, members in known.days.items()
    ]
    pages.append(("tags/index.md", render_tag_overview(known)))
    pages += [(f"tags/{tag.page}.md", render_tag(tag, known, settings)) for tag in known.tags]
    pages.append((READING_LIST, render_reading_list()))
    titles = {paper.slug: paper.title for paper in known.papers}
    sharded = len(known.papers) > settings.search_shards_above  # search/shards.py
    pages += [
        (f"papers/{p.slug}.md", render_paper(p, known, titles, sharded))
        for p in steps(known.papers, "Rendering", len(known.papers))
    ]
    return pages


def day_name(day: dt.date | None) -> str:
    return day.isoformat() if day else "undated"


def _day_title(day: dt.date | None) -> str:
    return day_text(day) if day else "Undated papers"


def render_home(known: Facts, settings: Settings) -> str:
    """Title, counts and tags, the feeds, then the newest days' papers up to
    settings.home_papers, and every day."""
    dates = [day for day in known.days if day]
    tags = " ".join(f"{link(t.name, f'tags/{t.page}.md')} ({t.count})" for t in known.tags)
    lines = [
        front_matter(settings.title, search={"exclude": True}, hide=["navigation", "toc"]),
        f"# {text(settings.title)}",
        "",
        text(settings.description),
        "",
        f"{_date_phrase(dates)}**{len(known.papers)} papers** in **{len(known.tags)} tags**.",
        "",
        download_link(known.offline_zip) if known.offline_zip else "",
        "",
        '<div class="digest-tags" markdown>',
        "",
        tags,
        "",
        "</div>",
        "",
        home_links(),
        "",
        NEW_SINCE,
        "",
    ]
    room = settings.home_papers
    for day, members in known.days.items():
        if room <= 0:
            break
        page = f"days/{day_name(day)}.md"
        lines += [f"## {link(_day_title(day), page)}", ""]
        lines += [_entries(members[:room], "", known, settings), ""]
        if len(members) > room:
            more = f"{len(members) - room} more papers of this day"
            lines += [f"{link(more, page)}", ""]
        room -= len(members)
    if len(known.days) > 1:
        lines += ["## All digest days", ""]
        lines += [
            f"- {link(_day_title(day), f'days/{day_name(day)}.md')} ({len(members)})"
            for day, members in known.days.items()
        ]
        lines.append("")
    return "\n".join(lines)


def render_day(
    day: dt.date | None, papers: tuple[Paper, ...], known: Facts, settings: Settings
) -> str:
    lines = [
        front_matter(_day_title(day), search={"exclude": True}),
        f"# {text(_day_title(day))}",
        "",
        f"{len(papers)} papers. {link('Home', '../index.md')}",
        "",
        _entries(papers, "../", known, settings),
        "",
    ]
    return "\n".join(lines)


def _date_phrase(dates: list[dt.date]) -> str:
    if not dates:
        return ""
    if len(dates) == 1:
        return f"Digest of {day_text(dates[0])}: "
    return f"Digests from {day_text(dates[-1])} to {day_text(dates[0])}: "


def _entries(papers: Sequence[Paper], prefix: str, known: Facts, settings: Settings) -> str:
    """A list of papers as an HTML island: a list holds every paper of a tag, and Markdown
    would parse each entry's title, teaser and tag links again."""
    return island("<ul>", *(_list_entry(p, prefix, known, settings) for p in papers), "</ul>")


def _list_entry(paper: Paper, prefix: str, known: Facts, settings: Settings) -> str:
    tags = " · ".join(
        html_link(t, f"{prefix}tags/{known.tag_pages[t]}.md") for t in paper.tag_names
    )
    # A list item, not a heading: a heading per paper would put every title into the
    # page's table of contents too, doubling long pages. The reader tools (render/reader.py)
    # find each entry by its digest-reader span.
    reader = f'class="digest-tag-list digest-reader" {entry_tools(paper)}'.rstrip()
    title = html_link(paper.title, f"{prefix}papers/{paper.slug}.md")
    start = (
        f"<li><strong>{title}</strong><br>\n{text(teaser(paper.abstract, settings.teaser_length))}"
    )
    if tags:
        return f"{start}<br>\n<span {reader}>{tags}</span></li>"
    return f"{start} <span {reader}></span></li>"


def render_tag_overview(known: Facts) -> str:
    lines = [front_matter("Tags", search={"exclude": True}), "# Tags", ""]
    charts = _charts(known)
    if charts:
        lines += [charts, ""]
    lines += ["| Tag | Papers | What it covers |", "| --- | ---: | --- |"]
    lines += [
        f"| {link(t.name, f'{t.page}.md')} | {t.count} | {text(t.description)} |"
        for t in known.tags
    ]
    return "\n".join(lines) + "\n"


def _charts(known: Facts) -> str:
    days = [(day, len(members)) for day, members in known.days.items() if day]
    charts = [tag_chart([(t.name, t.count) for t in known.tags]), date_chart(sorted(days))]
    shown = [chart for chart in charts if chart]
    if not shown:
        return ""
    return (
        '<figure class="digest-charts">\n'
        + "\n".join(shown)
        + "\n<figcaption>Papers per tag"
        + (" and per digest date" if len(shown) > 1 else "")
        + "; the table below lists every tag with its count.</figcaption>\n</figure>"
    )


def render_tag(tag: Tag, known: Facts, settings: Settings) -> str:
    lines = [
        front_matter(
            f"Tag: {tag.name}",
            search={"exclude": True},
            feeds=head_feeds(f"{known.title}: {tag.name}", f"tags/{tag.page}"),
        ),
        f"# {text(tag.name)}",
        "",
        text(tag.description),
        "",
        f"{tag.count} papers. {link('All tags', 'index.md')}",
        "",
        tag_links(tag.page),
        "",
        NEW_SINCE,
        "",
        _entries(tag.papers, "../", known, settings),
        "",
    ]
    return "\n".join(lines)
