"""Render the digest into Markdown pages: home, day pages, tag overview, tag pages and one
page per paper, each final in one pass.

Pure: takes the papers and what discovery found about them (discover/facts.py), returns
(path, markdown) pairs. All text from content goes through `markup.text` so it shows as
written and never becomes markup.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Sequence

from generator.discover.facts import Facts, Tag
from generator.model import Paper, TextFile
from generator.read.settings import Settings
from generator.render.charts import date_chart, tag_chart
from generator.render.links import download_link, head_feeds, home_links, tag_links
from generator.render.markup import day_text, front_matter, html_link, island, link, text
from generator.render.paper import TEMPLATE, render_paper, teaser
from generator.render.reader import NEW_SINCE, entry_tools, render_reading_list
from generator.render.reader import PAGE as READING_LIST

# Papers listed on one tag page: above, the tag's page links to its further pages. 500
# entries are about 200 KB of HTML (a 1.3 MB page at 10,000 papers, 12 MB at 100,000,
# without pages), a page that loads at once and is still one long list to scan.
TAG_PAGE_PAPERS = 500


def render_site(
    known: Facts, settings: Settings, tag_page_papers: int = TAG_PAGE_PAPERS
) -> list[TextFile]:
    """Every page of the site, in a fixed order; tag_page_papers: papers on one tag page."""
    return [*render_lists(known, settings, tag_page_papers), *render_papers(known, settings)]


def render_lists(
    known: Facts, settings: Settings, tag_page_papers: int = TAG_PAGE_PAPERS
) -> list[TextFile]:
    """The pages that list papers (home, days, tags) and the reading list: they need no
    related papers (known.related may still be empty)."""
    pages = [("index.md", render_home(known, settings))]
    pages += [
        (f"days/{day_name(day)}.md", render_day(day, members, known, settings))
        for day, members in known.days.items()
    ]
    pages.append(("tags/index.md", render_tag_overview(known)))
    for tag in known.tags:
        pages += render_tag_pages(tag, known, settings, tag_page_papers)
    pages.append((READING_LIST, render_reading_list()))
    return pages


def render_papers(known: Facts, settings: Settings) -> Iterator[TextFile]:
    """One page per paper, one at a time: written as they come (build.generate), a large
    digest's pages are never all in memory at once (half a gigabyte at 100,000 papers)."""
    titles = {paper.slug: paper.title for paper in known.papers}
    sharded = len(known.papers) > settings.search_shards_above  # search/shards.py
    for paper in known.papers:
        yield f"papers/{paper.slug}.md", render_paper(paper, known, titles, sharded)


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
    # The lean page of a paper (paper.html): a day's page has nothing else of Material's
    # (no table of contents, no build stamp: the home page has it), so it takes the paper
    # pages' frame, which sits at the same depth.
    lines = [
        front_matter(_day_title(day), search={"exclude": True}, template=TEMPLATE),
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


@functools.lru_cache(maxsize=1 << 17)  # a paper is on its day's list and each tag's
def _summary(abstract: str, length: int) -> str:
    return text(teaser(abstract, length))


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


def render_tag_pages(
    tag: Tag, known: Facts, settings: Settings, per_page: int = TAG_PAGE_PAPERS
) -> list[TextFile]:
    """The tag's pages: tags/<tag>.md, then, above per_page papers, tags/<tag>--2.md, ..."""
    count = max(1, -(-tag.count // per_page))
    return [
        (
            f"tags/{tag.page_name(number)}.md",
            render_tag(tag, known, settings, number, count, per_page),
        )
        for number in range(1, count + 1)
    ]


def render_tag(
    tag: Tag,
    known: Facts,
    settings: Settings,
    number: int = 1,
    count: int = 1,
    per_page: int = TAG_PAGE_PAPERS,
) -> str:
    """Page `number` of the tag's `count` pages; only the first says what is new."""
    first = (number - 1) * per_page
    papers = tag.papers[first : first + per_page] if count > 1 else tag.papers
    title = f"Tag: {tag.name}" + (f" (page {number} of {count})" if count > 1 else "")
    shown = f", {first + 1} to {first + len(papers)} on this page" if count > 1 else ""
    lines = [
        front_matter(
            title,
            search={"exclude": True},
            feeds=head_feeds(f"{known.title}: {tag.name}", f"tags/{tag.page}"),
        ),
        f"# {text(tag.name)}",
        "",
        text(tag.description),
        "",
        f"{tag.count} papers{shown}. {link('All tags', 'index.md')}",
        "",
        tag_links(tag.page),
        "",
    ]
    if count > 1:
        lines += [_page_links(tag, number, count, "Pages of this tag"), ""]
    if number == 1:
        lines += [NEW_SINCE, ""]
    lines += [_entries(papers, "../", known, settings), ""]
    if count > 1:
        lines += [_page_links(tag, number, count, "Pages of this tag, after the list"), ""]
    return "\n".join(lines)


def _page_links(tag: Tag, number: int, count: int, label: str) -> str:
    """Previous, every page's number and next, as a navigation landmark; a page with two
    landmarks gives them two labels."""
    pages = [
        f'<strong aria-current="page">{page}</strong>'
        if page == number
        else link(str(page), f"{tag.page_name(page)}.md")
        for page in range(1, count + 1)
    ]
    if number > 1:
        pages.insert(0, link("← Previous page", f"{tag.page_name(number - 1)}.md"))
    if number < count:
        pages.append(link("Next page →", f"{tag.page_name(number + 1)}.md"))
    return (
        f'<nav class="digest-pages" aria-label="{label}" markdown>\n'
        f"Page {number} of {count}: {' '.join(pages)}\n</nav>"
    )
