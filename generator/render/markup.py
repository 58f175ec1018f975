"""Text into Markdown that shows it literally: input is text, never markup."""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re

from markupsafe import Markup

from generator.common.links import split_urls

# Characters that Markdown, its extensions, HTML or MkDocs could read as markup.
SPECIAL = re.compile(r"[\\`*_{}\[\]<>&#|~$^]")
LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])")
# Characters that would end or escape a Markdown link target, percent-encoded.
LINK_TARGET = str.maketrans({"(": "%28", ")": "%29", " ": "%20", "\\": "%5C"})


def text(value: str) -> str:
    """`value` as inline Markdown that renders exactly as written."""
    escaped = SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", value)
    return LINE_START.sub(lambda m: m.group(1) + _entities(m.group(2)), escaped)


def _entities(value: str) -> str:
    return "".join(f"&#{ord(c)};" for c in value)


def linked_text(value: str) -> str:
    """Like `text`, with every URL in it made a link that shows the URL."""
    return "".join(
        link(piece, piece) if is_url else text(piece) for piece, is_url in split_urls(value)
    )


def link(label: str, url: str) -> str:
    """A Markdown link; `url` must be an http(s) URL or a docs-relative .md path."""
    if not re.match(r"(https?://|[\w./-]+\.md(#[\w-]*)?$)", url, re.IGNORECASE):
        raise ValueError(f"refusing to link to {url!r}")
    target = url.translate(LINK_TARGET)
    return f"[{text(label)}]({target})"


def front_matter(title: str, description: str = "", **meta: object) -> str:
    """A YAML front-matter block, serialized (never pasted) so any title is safe.

    MkDocs themes print `page.title` and `page.meta.description` into HTML without
    escaping them, so they are HTML-escaped here: the browser shows them as written.
    """
    data = {"title": html.escape(title), **meta}
    if description:
        data["description"] = html.escape(description)
    return f"---\n{yaml_block(data)}---\n"


# What a YAML string may not hold as it is, written as \u escapes inside the JSON strings:
# what YAML 1.1 does not allow in a stream (DEL, C1 controls, surrogates, U+FFFE/U+FFFF)
# and the line breaks JSON leaves alone (NEL, U+2028, U+2029), which YAML folds to spaces.
NOT_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def yaml_block(data: dict[str, object]) -> str:
    """Front-matter keys as one line of YAML, sorted: a JSON object, which is YAML (flow
    style, double-quoted strings, `\\u` escapes), written by the json module in C. PyYAML's
    dumper was a tenth of the generator's time in a profile at 10,000 papers."""
    line = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(", ", ": "))
    return NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", line) + "\n"


def template_text(value: str) -> Markup:
    """Text for a MkDocs setting that themes print unescaped (site_name, site_description).

    HTML-escaped, and marked safe so the places that do escape it (`| e`) leave it alone.
    """
    return Markup(html.escape(value))


def day_text(day: dt.date) -> str:
    """A day as a reader reads it: '11 March 2025'."""
    return f"{day.day} {day:%B %Y}"


# Raw HTML islands: the parts of a page the generator writes as HTML, not Markdown (a paper
# page's byline, links and lists; a tag page's list of papers). In docs/ each sits between
# these two comment lines; site/islands.py sets it aside before Python-Markdown runs and puts
# it back after, so Python-Markdown parses only the page's own text (a paper's abstract).
# Without that plugin each island is still a block of raw HTML Markdown passes through.
# Content cannot open or close one: every text from content is escaped (`<` as `&#60;`).
ISLAND_START = "<!-- digest:html -->"
ISLAND_END = "<!-- /digest:html -->"
# What a relative link's Markdown target becomes in HTML: MkDocs writes page.md as page.html
# (use_directory_urls: false in mkdocs.yml).
PAGE_LINK = re.compile(r"^([\w./-]+)\.md(#[\w-]*)?$")


def island(*lines: str) -> str:
    """HTML lines as an island: passed to the page as they are."""
    return "\n".join([ISLAND_START, *lines, ISLAND_END])


@functools.lru_cache(maxsize=1 << 17)  # a title or tag link is on several lists
def html_link(label: str, url: str, css: str = "") -> str:
    """`link` as HTML: a docs-relative .md path becomes the page's .html address, and a link
    to another host gets rel="noopener" (what site/external_links.py gives Markdown links)."""
    if not re.match(r"(https?://|[\w./-]+\.(md|xml|json|bib)(#[\w-]*)?$)", url, re.IGNORECASE):
        raise ValueError(f"refusing to link to {url!r}")
    page = PAGE_LINK.match(url)
    href = f"{page.group(1)}.html{page.group(2) or ''}" if page else url.translate(LINK_TARGET)
    rel = ' rel="noopener"' if "://" in url else ""
    cls = f' class="{css}"' if css else ""
    return f'<a href="{html.escape(href)}"{cls}{rel}>{text(label)}</a>'


def heading(level: int, title: str, anchor: str, attributes: str = "") -> str:
    """A heading with an id and the permalink the toc extension gives Markdown headings."""
    extra = f" {attributes}" if attributes else ""
    return (
        f'<h{level} id="{anchor}"{extra}>{text(title)}<a class="headerlink" href="#{anchor}" '
        f'title="Permanent link">&para;</a></h{level}>'
    )
