"""The frame every paper page shares (overrides/paper-frame.html), rendered once a build.

A paper page is Material's page around one paper. Most of its bytes are Material's: the
header with its search box and colour switch, the navigation drawer, the footer and the
page config, the same on every paper page (they all sit in papers/). The frame is cut in
two:

- what stays in every page (the head, the page's skeleton), with SLOTs where
  overrides/paper.html puts the paper's own parts;
- the parts marked <!--digest-js-->, which go into one script, paper-frame.<hash>.js.
  Each page loads it where each part stood (a <script> with data-part="N"); it puts the
  part back in its place and runs what Material runs inline there (its colour-switch
  script), before Material's own script starts, so Material finds the page it made. The
  reader's browser fetches the script once for all paper pages.

Without JavaScript a paper page has its content and a link home (<noscript>), not Material's
header; Material's header does nothing without JavaScript beyond that link and the drawer.
Every part is text this build's templates wrote; nothing from content is in the script.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from mkdocs.exceptions import PluginError

from generator.render.paper import TEMPLATE

FRAME = "paper-frame.html"
BLOCKS = "paper-blocks.html"  # Material's blocks the frame takes, marked
MARKED = re.compile(r"<!--digest-block:(\w+)-->(.*?)<!--digest-block:/\1-->", re.S)
NAMES = ("styles", "libs", "fonts", "analytics", "extrahead", "config", "scripts")
SLOT = "<!--digest-slot-->"
SLOTS = 3  # the head's description and title, the header's title, the content
SCRIPTED = re.compile(r"<!--digest-js-->(.*?)<!--/digest-js-->", re.S)
INLINE = re.compile(r"<script>(.*?)</script>", re.S)  # Material's inline scripts: no attributes
FOLDER = "assets/javascripts/"


@dataclass(frozen=True)
class Frame:
    """A rendered frame: the parts of a page around its slots, and the script."""

    parts: tuple[str, ...]
    script: str  # the text of paper-frame.<hash>.js
    path: str  # its address in the site
    base_url: str  # the pages it is for: those at this depth


class FramePage:
    """The stand-in page a frame is rendered with: a paper page (template paper.html, so no
    build stamp) with nothing of its own: no title, content, headings or neighbours."""

    title = content = SLOT
    is_homepage = active = False
    canonical_url = previous_page = next_page = edit_url = parent = None

    def __init__(self, url: str) -> None:
        self.url = url
        self.meta = {"template": TEMPLATE}
        self.toc: list[Any] = []


def render_frame(env: Any, config: Any, nav: Any, files: Any, url: str) -> Frame:
    """The frame of paper pages at url's depth."""
    from mkdocs.commands.build import get_context
    from mkdocs.utils import get_relative_url

    base_url = get_relative_url(".", url)
    context = get_context(nav, files, config, FramePage(url), base_url)  # type: ignore[arg-type]
    blocks = dict(MARKED.findall(env.get_template(BLOCKS).render(context)))
    if sorted(blocks) != sorted(NAMES):
        raise PluginError(f"{BLOCKS} marks {sorted(blocks)}, expected {sorted(NAMES)}")
    pieces = SCRIPTED.split(env.get_template(FRAME).render({**context, "blocks": blocks}))
    pieces = [_compact(piece) for piece in pieces]
    scripted = pieces[1::2]
    markup = [INLINE.sub("", part) for part in scripted]
    script = _script(markup, [INLINE.findall(part) for part in scripted])
    path = f"{FOLDER}paper-frame.{hashlib.sha256(script.encode()).hexdigest()[:8]}.js"
    src = get_relative_url(path, url)
    page = pieces[0]
    for number, (part, static) in enumerate(zip(scripted, pieces[2::2], strict=True)):
        title = f' data-title="{SLOT}"' if "data-digest-title" in part else ""
        page += f'<script src="{src}" data-part="{number}"{title}></script>{static}'
    parts = tuple(page.split(SLOT))
    if len(parts) != SLOTS + 1:
        raise PluginError(f"{FRAME} has {len(parts) - 1} slots, expected {SLOTS}")
    return Frame(parts, script, path, base_url)


KEPT = re.compile(r"(<script\b.*?</script>)", re.S)  # the CSP allows inline scripts by hash


def _compact(html: str) -> str:
    """The frame's markup without whitespace between tags and with each run of whitespace
    in text made one space: what a browser shows of the frame is the same (it has no
    preformatted text; its inline elements are separated by text or margins, not spaces)."""
    parts = KEPT.split(html)
    parts[::2] = [re.sub(r"\s+", " ", re.sub(r">\s+<", "><", part)) for part in parts[::2]]
    return "".join(parts)


def _script(markup: list[str], code: list[list[str]]) -> str:
    """paper-frame.js: put part data-part back in place of the script, the page's title
    (data-title) as the text of its data-digest-title elements, then run the part's code."""
    cases = "".join(
        f"case {number}:{';'.join(scripts)};break;"
        for number, scripts in enumerate(code)
        if scripts
    )
    return (
        "(function(){var s=document.currentScript,n=+s.dataset.part,t=s.dataset.title;"
        f's.insertAdjacentHTML("beforebegin",{json.dumps(markup)}[n]);s.remove();'
        'if(t!=null)for(var e of document.querySelectorAll("[data-digest-title]"))'
        'e.removeAttribute("data-digest-title"),e.textContent=t;'
        f"switch(n){{{cases}}}}})();\n"
    )
