"""Our MkDocs plugins: a lean build for large digests, and progress bars.

LeanBuild: less page chrome, less memory.

- Every page's whitespace between tags squeezed to one line break (squeeze): 8 % of a
  paper page's bytes (18.1 to 16.7 KB on the shipped digest) are the theme's indentation.
- Material's templates indent their output as deeply as their source: on a paper page
  about 2 KB of the 20 are blank lines and indentation around template tags. Jinja's
  trim_blocks and lstrip_blocks drop the line breaks and indentation around block tags
  when the templates are compiled: no work per page, and what the browser shows is the
  same (whitespace between tags does not render; <pre> content comes from the page's
  Markdown, not from the templates).
- MkDocs renders every page's Markdown to HTML, then puts every page in its template,
  holding all pages in between: dropping each page's Markdown once it is HTML saves its
  size again at the peak (about 5 KB of Markdown a paper page: by that estimate, half a
  gigabyte at 100,000 papers; not measured on its own).

(Freezing the garbage collector for the whole build was tried too: at 10,000 papers it made
no difference to the time beyond the machine's run-to-run noise. It is frozen before each
fork, for memory: common/background.freeze.)
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from tqdm import tqdm

from generator.common.progress import bar


class NoOptions(Config):  # type: ignore[no-untyped-call]
    """The plugin takes no options."""


class LeanBuild(BasePlugin[NoOptions]):  # type: ignore[no-untyped-call]
    """Templates without the whitespace around their block tags; no page's Markdown kept
    once it is HTML (MkDocs holds every page until the end)."""

    def on_env(self, env: Any, **_: Any) -> Any:
        env.trim_blocks = True
        env.lstrip_blocks = True
        return env

    def on_page_content(self, html: str, page: Any, **_: Any) -> str:
        page.markdown = None
        return html

    def on_post_page(self, output: str, **_: Any) -> str:
        return squeeze(output)


# What whitespace between tags must stay as it is: preformatted text, and scripts (the
# Content-Security-Policy allows inline scripts by the hash of their exact text).
KEPT = re.compile(r"(<pre\b.*?</pre>|<script\b.*?</script>|<textarea\b.*?</textarea>)", re.S)
BETWEEN_TAGS = re.compile(r">\s+<")


def squeeze(page: str) -> str:
    """A page with each run of whitespace between two tags made one line break: the same
    page to a browser (whitespace between tags renders as one space, or not at all), 8 %
    fewer bytes on a paper page. Not inside <pre>, <script> or <textarea>."""
    parts = KEPT.split(page)
    parts[::2] = [BETWEEN_TAGS.sub(">\n<", part) for part in parts[::2]]
    return "".join(parts)


class MkDocsProgress(BasePlugin[NoOptions]):  # type: ignore[no-untyped-call]
    """MkDocs' two passes over the pages, as bars: Markdown to HTML, then the theme."""

    def __init__(self) -> None:
        self.pages = 0
        self.label = ""
        self.current: tqdm[Any] | None = None
        self.silent = False

    def silence(self) -> None:
        """No bars from here on (a forked worker: site/paper_pages.py)."""
        self.current = None
        self.silent = True

    def _step(self, label: str) -> None:
        if self.silent:
            return
        if self.current is None or self.label != label:
            self.close()
            self.current, self.label = bar(label, self.pages), label
        self.current.update()

    def close(self) -> None:
        if self.current is not None:
            self.current.close()
            self.current = None

    def on_files(self, files: Any, **_: Any) -> Any:
        self.pages = sum(1 for _ in files.documentation_pages())
        return files

    def on_page_content(self, html: str, **_: Any) -> str:
        self._step("MkDocs: Markdown")
        return html

    def on_post_page(self, output: str, **_: Any) -> str:
        self._step("MkDocs: pages")
        return output

    def on_post_build(self, **_: Any) -> None:
        self.close()

    def on_build_error(self, **_: Any) -> None:
        self.close()
