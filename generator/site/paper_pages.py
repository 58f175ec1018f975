"""A MkDocs plugin: the paper pages rendered on every core, and reused from a cache.

MkDocs renders its pages one at a time, in one process. A paper page (template paper.html)
depends on nothing but its own Markdown file, the theme and the configuration: it is not in
the navigation, and the lean template leaves out the build stamp. So:

- Each paper page stays a MkDocs page (links to it are checked, it is in the sitemap), but
  in the main process it is a PaperPage that reads and renders nothing.
- Once MkDocs has its templates ready (on_env), forked workers, one per core, render the
  paper pages with MkDocs' own page steps (_populate_page and _build_page: every plugin
  event, Python-Markdown, the theme), while the main process goes on with the other pages;
  with the Markdown extensions a paper's abstract can need (PAPER_EXTENSIONS), and the
  frame every paper page shares rendered once (site/paper_frame.py). Same bytes (tested).
- A worker first looks the page up in the cache (PageCache): its key is a hash of the
  page's Markdown, its address and everything else the page's HTML depends on (the
  versions of MkDocs, Material, Python-Markdown and the generator's code, the theme's files,
  the configuration). A hit is written as it is; a miss is rendered and stored. Every entry
  carries the hash of its key and bytes: a corrupt entry is a miss. A stale entry cannot be found
  (its key is different), and entries this build did not use are removed after it. The cache
  can be deleted at any time: the site is the same bytes with or without it.

Used when the digest's own search indexes the papers (search/shards.py: Material's search
would need every paper page in the main process) and when forking is safe (not under
`digest serve`); otherwise MkDocs renders every page itself, as usual.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import platform
import traceback
from collections.abc import Iterable, Sequence
from importlib import resources
from importlib.metadata import version
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, DictLoader
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from generator.common.background import forkable, freeze
from generator.render.paper import TEMPLATE
from generator.site.paper_frame import Frame, render_frame
from generator.site.plugins import MkDocsProgress, NoOptions

log = logging.getLogger("mkdocs.digest.papers")

PAPERS = "papers/"
SKIP = "digest-rendered-elsewhere.html"  # an empty template: MkDocs writes nothing for it
PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pygments", "jinja2")
CODE = Path(__file__).resolve().parents[1]  # generator/: our plugins and extensions
# Configuration the theme can print on a page. extra.build (the build stamp) is left out:
# paper.html does not print it (tests/test_paper_pages.py proves a new stamp reuses pages).
CONFIG_KEYS = (
    "site_name",
    "site_url",
    "site_description",
    "site_author",
    "repo_url",
    "repo_name",
    "edit_uri",
    "copyright",
    "use_directory_urls",
    "extra_css",
    "extra_javascript",
    "markdown_extensions",
    "mdx_configs",
    "nav",
    "not_in_nav",
)


# The Markdown extensions a paper page's Markdown needs: it is the abstract, text with
# every character Markdown, its extensions or HTML could read escaped, and links
# (render/markup.linked_text); the rest of the page is HTML islands. Python-Markdown sets up
# every configured extension again for each page (highlight and superfences cost most), so
# a worker renders paper pages with only these; tests/test_paper_pages.py proves the bytes
# are those of every extension, on the shipped papers and on hostile abstracts.
PAPER_EXTENSIONS = ("toc", "generator.site.external_links")


class LeanMarkdown:
    """A MkDocs config as Page.render reads it, with only PAPER_EXTENSIONS."""

    def __init__(self, config: Any) -> None:
        self._config = config
        names = [name for name in config["markdown_extensions"] if name in PAPER_EXTENSIONS]
        configs = config["mdx_configs"] or {}
        self._markdown = {
            "markdown_extensions": names,
            "mdx_configs": {name: configs[name] for name in names if name in configs},
        }

    def __getitem__(self, key: str) -> Any:
        return self._markdown[key] if key in self._markdown else self._config[key]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._config, name)


class PaperPage(Page):
    """A paper page as the main process sees it: nothing to read, nothing to render, an
    empty template. A worker sets `elsewhere` to False and MkDocs' steps run as usual, its
    Markdown with PAPER_EXTENSIONS."""

    elsewhere = True
    cache_key = ""  # a worker's key for the page in the cache, when there is one

    def read_source(self, config: Any) -> None:
        if not self.elsewhere:
            super().read_source(config)
            return
        self.markdown = ""
        self.meta = {"template": SKIP, "search": {"exclude": True}}

    def render(self, config: Any, files: Any) -> None:
        if not self.elsewhere:
            super().render(LeanMarkdown(config), files)  # type: ignore[arg-type]
            return
        self.content = ""


class PageCache:
    """Rendered pages by key, in folder/<first two hex digits>/<key>: a check (_check), a
    newline, the page's bytes."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder
        self.fingerprint = fingerprint

    def key(self, address: str, source: bytes) -> str:
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(address.encode() + b"\0" + source)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> bytes | None:
        try:
            stored = self._path(key).read_bytes()
        except OSError:
            return None
        check, _, page = stored.partition(b"\n")
        return page if check == _check(key, page) else None

    def put(self, key: str, page: bytes) -> None:
        """Store a page. Written in place: an entry cut short by a killed build fails its
        check and is rendered again."""
        path = self._path(key)
        try:
            path.write_bytes(_check(key, page) + b"\n" + page)
        except FileNotFoundError:  # a folder prepare() did not make
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(_check(key, page) + b"\n" + page)

    def prepare(self) -> None:
        """The folders entries go in, made once before the workers start."""
        for number in range(256):
            (self.folder / f"{number:02x}").mkdir(parents=True, exist_ok=True)

    def keep_only(self, used: set[str]) -> int:
        """Remove every entry but the used ones; returns how many were removed."""
        removed = 0
        for path in self.folder.glob("*/*"):
            if path.name not in used:
                path.unlink()
                removed += 1
        return removed


def _check(key: str, page: bytes) -> bytes:
    """What an entry starts with: the hash of its key and bytes, so an entry that is
    damaged, cut short or under another entry's name is not taken."""
    return hashlib.sha256(key.encode() + b"\0" + page).hexdigest().encode()


def fingerprint(config: Any) -> str:
    """What a paper page's HTML depends on besides its own Markdown and address."""
    digest = hashlib.sha256()
    versions = {name: version(name) for name in PACKAGES}
    digest.update(json.dumps([platform.python_version(), versions], sort_keys=True).encode())
    extra = {key: value for key, value in dict(config["extra"]).items() if key != "build"}
    settings = {key: config.get(key) for key in CONFIG_KEYS}
    theme = {"name": config["theme"].name, **dict(config["theme"].items())}
    for part in (settings, extra, theme, [str(p) for p in config["plugins"]]):
        digest.update(json.dumps(part, sort_keys=True, default=str).encode())
    # An installed theme's files are its version (above): its thousands of icons are not read
    # every build. The custom_dir (overrides/) and our own code are read.
    installed = Path(str(resources.files("material"))).resolve()
    folders = [Path(d) for d in config["theme"].dirs]
    folders = [folder for folder in folders if not folder.resolve().is_relative_to(installed)]
    for folder in [CODE, *folders]:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class PaperPages(BasePlugin[NoOptions]):  # type: ignore[no-untyped-call]
    """Paper pages rendered by forked workers, from the cache where it has them."""

    def __init__(self, cache: Path | None = None, workers: int | None = None) -> None:
        self.cache_folder = cache
        self.workers = workers or os.cpu_count() or 1
        self.papers: list[Any] = []  # the paper pages' files
        self.nav: Any = None
        self.frame: Frame | None = None  # the paper pages' frame (site/paper_frame.py)
        self.cache: PageCache | None = None
        self.running: list[tuple[multiprocessing.process.BaseProcess, Connection]] = []

    def on_files(self, files: Any, config: Any, **_: Any) -> Any:
        self.papers = []
        self.frame = None
        if not forkable() or not _sharded(files, config):
            return files
        for file in files.documentation_pages():
            if file.src_uri.startswith(PAPERS):
                PaperPage(None, file, config)
                self.papers.append(file)
        return files

    def on_nav(self, nav: Any, **_: Any) -> Any:
        self.nav = nav
        return nav

    @event_priority(-100)  # last: the workers take the environment as the other plugins left it
    def on_env(self, env: Any, config: Any, files: Any, **_: Any) -> Any:
        paper = next((f for f in files.documentation_pages() if f.src_uri.startswith(PAPERS)), None)
        if paper is not None:  # rendered here, once, before the workers start
            self.frame = render_frame(env, config, self.nav, files.documentation_pages(), paper.url)
        if not self.papers:
            return env
        env.loader = ChoiceLoader([DictLoader({SKIP: ""}), env.loader])
        cache = None
        if self.cache_folder is not None:
            cache = PageCache(self.cache_folder, fingerprint(config))
            cache.prepare()
        self.cache = cache
        context = multiprocessing.get_context("fork")
        freeze()
        for number in range(self.workers):
            share = self.papers[number :: self.workers]
            receiving, sending = context.Pipe(duplex=False)
            process = context.Process(
                target=_work,
                args=(share, config, files, self.nav, env, cache, sending),
                daemon=True,
            )
            process.start()
            sending.close()
            self.running.append((process, receiving))
        return env

    def on_page_context(self, context: Any, page: Any, **_: Any) -> Any:
        """The frame of a page with the paper pages' template (paper pages, day pages)."""
        if (page.meta or {}).get("template") != TEMPLATE:
            return context
        if self.frame is None or context["base_url"] != self.frame.base_url:
            raise PluginError(
                f"{page.file.src_uri}: template {TEMPLATE} is for pages one folder down, "
                f"beside {PAPERS} (its frame is rendered once for that depth)"
            )
        context["digest_frame"] = self.frame.parts
        return context

    @event_priority(-100)  # last: the page as MkDocs writes it
    def on_post_page(self, output: str, page: Any, **_: Any) -> str:
        """In a worker, the rendered page into the cache, in the bytes MkDocs writes."""
        if isinstance(page, PaperPage) and not page.elsewhere and page.cache_key:
            assert self.cache is not None
            self.cache.put(page.cache_key, output.encode("utf-8", errors="xmlcharrefreplace"))
        return output

    def on_post_build(self, config: Any, **_: Any) -> None:
        if self.frame is not None:
            _write(Path(config["site_dir"]) / self.frame.path, self.frame.script.encode())
        used: set[str] = set()
        failures: list[str] = []
        warnings = 0
        for process, receiving in self.running:
            try:
                report = receiving.recv()
            except EOFError:
                report = {"failure": f"a paper-page worker died (exit code {process.exitcode})"}
            process.join()
            used |= set(report.get("used", ()))
            warnings += report.get("warnings", 0)
            if report.get("failure"):
                failures.append(report["failure"])
        self.running = []
        if failures:
            raise PluginError("Rendering paper pages failed:\n" + "\n".join(failures))
        if warnings:
            log.warning("%d warnings while rendering paper pages (above)", warnings)
        if self.cache is not None:
            self.cache.keep_only(used)

    def on_build_error(self, **_: Any) -> None:
        for process, _receiving in self.running:
            process.kill()
            process.join()
        self.running = []


def _sharded(files: Any, config: Any) -> bool:
    """Whether docs/ holds our search worker (search/shards.py): Material's search then
    leaves the paper pages out, and nothing else needs them in the main process."""
    docs = Path(config["docs_dir"]).resolve()
    return any(
        file.src_uri.startswith("assets/javascripts/workers/search.")
        and Path(file.abs_src_path).resolve().is_relative_to(docs)
        for file in files
    )


def _work(
    share: Sequence[Any],
    config: Any,
    files: Any,
    nav: Any,
    env: Any,
    cache: PageCache | None,
    sending: Connection,
) -> None:
    """A worker: render (or take from the cache) its share of paper pages, then report the
    cache keys it used, the warnings logged and what failed."""
    from mkdocs.utils import CountHandler

    report: dict[str, Any] = {}
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    for plugin in config.plugins.values():
        if isinstance(plugin, MkDocsProgress):
            plugin.silence()
    try:
        doc_files = files.documentation_pages()
        report["used"] = list(_render(share, config, files, nav, env, cache, doc_files))
    except Exception:  # reported to the main process, which fails the build with it
        report["failure"] = traceback.format_exc()
    report["warnings"] = sum(count for _, count in counter.get_counts())
    sending.send(report)
    sending.close()
    os._exit(0)  # no atexit handlers, no flushing of the parent's buffers twice


def _render(
    share: Iterable[Any],
    config: Any,
    files: Any,
    nav: Any,
    env: Any,
    cache: PageCache | None,
    doc_files: Any,
) -> Iterable[str]:
    from mkdocs.commands.build import _build_page, _populate_page

    for file in share:
        page = file.page
        page.elsewhere = False
        if cache is not None:
            page.cache_key = cache.key(file.src_uri, Path(file.abs_src_path).read_bytes())
            stored = cache.get(page.cache_key)
            if stored is not None:
                _write(Path(file.abs_dest_path), stored)
                yield page.cache_key
                continue
        _populate_page(page, config, files)
        _build_page(page, config, doc_files, nav, env)  # into the cache: on_post_page
        page.markdown = page.content = None
        if page.cache_key:
            yield page.cache_key


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
