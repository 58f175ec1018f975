"""Discovery: related papers, citations, feeds, papers.json, the tag chart and tag audits.

Pure: takes the tagged papers and the site's address, returns what to add to the
rendered pages (render.PageExtra, by page path) and the extra files to write into docs/
(feeds, .bib files, papers.json), which MkDocs copies into the site as they are.

    feed.xml, feed.json      every paper          tags/<tag>.xml, tags/<tag>.json
    papers.bib               every paper          tags/<tag>.bib
    papers.json              every paper, its tags, links and metadata
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from generator.discover.cite import bibtex, entries, keys
from generator.discover.export import papers_json
from generator.discover.facts import Facts
from generator.discover.feeds import Feed, feed_files
from generator.discover.related import related
from generator.model import Paper
from generator.read.settings import Settings
from generator.render.charts import date_chart, tag_chart
from generator.render.markup import link, text
from generator.render.pages import PageExtra, tag_slugs
from generator.render.tag_reasons import audit_html
from generator.transform.tag_rules import TagRules

Page = tuple[str, str]
ATOM = "application/atom+xml"
JSON_FEED = "application/feed+json"
FILE = re.compile(r"(\.\./)?[\w/-]+\.(xml|json|bib)")
# Where feeds and papers.json point when the site's address is unknown (a local build):
# the address `digest serve` shows the site at. Set DIGEST_SITE_URL for a real one.
LOCAL_SITE_URL = "http://127.0.0.1:8000/"
NO_SITE_URL = (
    "no site address known (set DIGEST_SITE_URL): feeds and papers.json link to "
    f"{LOCAL_SITE_URL}, where `digest serve` shows the site"
)


def facts(papers: Sequence[Paper], settings: Settings, rules: TagRules, site_url: str) -> Facts:
    """Everything the outputs share, worked out once."""
    counts = Counter(tag for paper in papers for tag in paper.tag_names)
    tags = sorted(counts, key=lambda t: (-counts[t], t))
    dates = [p.date for p in papers if p.date]
    cite_keys = keys(papers)
    members: dict[str, list[Paper]] = {tag: [] for tag in tags}
    for paper in papers:
        for tag in paper.tag_names:
            members[tag].append(paper)
    return Facts(
        papers=tuple(papers),
        title=settings.title,
        description=settings.description,
        site_url=site_url,
        tags=tuple((tag, rules.describe(tag), counts[tag]) for tag in tags),
        tag_pages=tag_slugs(tags),
        cite_keys=cite_keys,
        related=related(papers),
        fallback_date=max(dates, default=dt.date(settings.year, 1, 1)),
        citations=entries(papers, cite_keys),
        members={tag: tuple(found) for tag, found in members.items()},
    )


def discover(
    papers: Sequence[Paper], settings: Settings, rules: TagRules, site_url: str
) -> tuple[dict[str, PageExtra], list[Page]]:
    """(extras by page path, extra files) for the digest."""
    known = facts(papers, settings, rules, site_url)
    return page_extras(known), files(known)


def feeds(known: Facts) -> list[Feed]:
    """The digest's feed, then one per tag."""
    result = [Feed(known.title, known.description, known.title, "feed", "", known.papers)]
    for tag, about, _ in known.tags:
        page = known.tag_pages[tag]
        title = f"{known.title}: {tag}"
        stem = f"tags/{page}"
        result.append(Feed(title, about, known.title, stem, f"{stem}.html", known.members[tag]))
    return result


def files(known: Facts) -> list[Page]:
    """Feeds, BibTeX files and papers.json, as (path in docs/, text)."""
    result = feed_files(feeds(known), known.site_url, known.fallback_date)
    result.append(("papers.bib", bibtex(known.papers, known.citations)))
    for tag, _, _ in known.tags:
        bib = bibtex(known.members[tag], known.citations)
        result.append((f"tags/{known.tag_pages[tag]}.bib", bib))
    result.append(("papers.json", papers_json(known)))
    return result


def file_link(label: str, path: str) -> str:
    """A Markdown link to a generated file (feed, .bib, .json) by its docs-relative path."""
    if not FILE.fullmatch(path):
        raise ValueError(f"refusing to link to {path!r}")
    return f"[{text(label)}]({path})"


def _feed_links(stem: str) -> str:
    return f"{file_link('Atom', f'{stem}.xml')} · {file_link('JSON Feed', f'{stem}.json')}"


def page_extras(known: Facts) -> dict[str, PageExtra]:
    """What the home, tag overview, tag and paper pages get."""
    extras = {
        "index.md": PageExtra(top=home_links()),
        "tags/index.md": PageExtra(top=overview_charts(known)),
    }
    for tag, _, _ in known.tags:
        page = known.tag_pages[tag]
        extras[f"tags/{page}.md"] = PageExtra(
            meta={"feeds": head_feeds(f"{known.title}: {tag}", f"tags/{page}")},
            top=tag_links(page),
        )
    titles = {paper.slug: paper.title for paper in known.papers}
    for paper in known.papers:
        extras[f"papers/{paper.slug}.md"] = PageExtra(
            top=audit_html(paper), bottom=paper_sections(paper, known, titles)
        )
    return extras


def head_feeds(title: str, stem: str) -> list[dict[str, str]]:
    """The <link rel="alternate"> entries of a page (overrides/partials/feeds.html)."""
    return [
        {"title": f"{title} (Atom)", "type": ATOM, "href": f"{stem}.xml"},
        {"title": f"{title} (JSON Feed)", "type": JSON_FEED, "href": f"{stem}.json"},
    ]


def home_links() -> str:
    return (
        f'<p class="digest-feeds" markdown>Follow the digest: {_feed_links("feed")} · '
        f"Data: {file_link('BibTeX', 'papers.bib')} · {file_link('papers.json', 'papers.json')}"
        "</p>\n"
    )


def tag_links(page: str) -> str:
    return (
        f'<p class="digest-feeds" markdown>Subscribe to this tag: {_feed_links(page)} · '
        f"{file_link('BibTeX', f'{page}.bib')}</p>\n"
    )


def overview_charts(known: Facts) -> str:
    days = Counter(p.date for p in known.papers if p.date)
    charts = [
        tag_chart([(name, count) for name, _, count in known.tags]),
        date_chart(sorted(days.items())),
    ]
    shown = [chart for chart in charts if chart]
    if not shown:
        return ""
    return (
        '<figure class="digest-charts">\n'
        + "\n".join(shown)
        + "\n<figcaption>Papers per tag"
        + (" and per digest date" if len(shown) > 1 else "")
        + "; the table below lists every tag with its count.</figcaption>\n</figure>\n"
    )


def paper_sections(paper: Paper, known: Facts, titles: dict[str, str]) -> str:
    """Related papers and the BibTeX entry, kept out of the search index, then one line of
    feeds and data. Each tag's own feeds are on its page, one click away: listing them on
    every paper page would repeat them 10,000 times in a large digest."""
    lines = ["## Related papers { data-search-exclude }", ""]
    similar = known.related.get(paper.slug, ())
    lines += [f"- {link(titles[slug], f'{slug}.md')}" for slug in similar] or [
        "No paper of the digest is close enough."
    ]
    entry = known.citations[paper.slug]
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall("`+", entry)), default=0))
    lines += [
        "",
        "## Cite { data-search-exclude }",
        "",
        # Plain text, not highlighted: a highlighted entry is twice the HTML, on every page.
        f"{fence}text",
        entry.rstrip("\n"),
        fence,
        "",
        f"The whole digest: {_feed_links('../feed')} · {file_link('BibTeX', '../papers.bib')}. "
        "Each tag's page has the tag's own feeds.",
    ]
    return "\n".join(lines) + "\n"
