"""Make the built site readable without a network: the search shim and the offline zip.

Run on the freshly built site, before it replaces the old one:

- Material's search runs in a Web Worker, which browsers refuse to start from file://.
  iframe-worker's shim (npm package, installed by `npm ci` into node_modules/) runs it
  in a hidden iframe instead. It is copied to SHIM, the address mkdocs.yml lists under
  `extra.polyfills` so that Material's offline plugin does not load it from unpkg.com.
  Without npm the build still succeeds, with a warning and a placeholder script.
- The whole site goes into one zip, linked from the home page (download_link): fixed
  timestamps and permissions, sorted entries, so the same site gives the same bytes.
"""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile
from pathlib import Path

from slugify import slugify

from generator.common.progress import steps
from generator.render.links import DOWNLOAD_CLASS
from generator.site.writer import add_files

SHIM = "assets/javascripts/iframe-worker-shim.js"  # as in mkdocs.yml extra.polyfills
SHIM_PACKAGE = Path("node_modules/iframe-worker")
SHIM_SOURCE = "shim/index.js"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
ZIP_MODE = 0o644 << 16  # rw-r--r--, in the upper bits of external_attr
ZIP_UNIX = 3  # "created on Unix", so unzip applies ZIP_MODE
DOWNLOAD_PARAGRAPH = re.compile(rf'<p class="{DOWNLOAD_CLASS}">.*?</p>\n?'.encode())
PLACEHOLDER = (
    "/* iframe-worker was not installed when this site was built (npm ci), so search\n"
    "   cannot run when the site is opened from disk. Served over HTTP, it works. */\n"
)

log = logging.getLogger("mkdocs.digest.offline")


def bundle_name(title: str) -> str:
    """The zip's file name, from the digest's title: 'Trending Papers' -> trending-papers.zip."""
    return (slugify(title, max_length=60, word_boundary=True) or "paper-digest") + ".zip"


def offline_files(site: Path, root: Path, zip_name: str) -> None:
    """Add the search shim to a built site, then, when zip_name is given (the home page
    links to it: see render/links.py), the zip of the whole site."""
    add_files(site, [shim_file(root / SHIM_PACKAGE)])
    if zip_name:
        add_files(site, [(zip_name, zip_bytes(site, zip_name))])


def shim_file(package: Path) -> tuple[str, str]:
    """iframe-worker's shim with its licence, at SHIM; a placeholder (and a warning) when it
    is not installed."""
    source = package / SHIM_SOURCE
    if not source.is_file():
        log.warning(
            "Offline search needs npm: %s is missing, so search will not work when the "
            "site is opened from disk (file://). Install Node.js and npm, then run "
            "`npm ci` (`make site` does it).",
            source,
        )
        return SHIM, PLACEHOLDER
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    licence = (package / "LICENSE").read_text(encoding="utf-8").strip().replace("*/", "* /")
    banner = f"/*! iframe-worker {version} (https://github.com/squidfunk/iframe-worker)\n\n"
    return SHIM, banner + licence + "\n*/\n" + source.read_text(encoding="utf-8")


def zip_bytes(site: Path, name: str) -> bytes:
    """A zip of every file of the site (but the zip `name` itself) under one folder.

    The home page's download link is left out of the zipped copy, which has no zip to
    point to.
    """
    target = site / name
    folder = name.removesuffix(".zip")
    files = sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and path != target
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        for relative in steps(files, "Offline zip", len(files), unit="file"):
            data = (site / relative).read_bytes()
            if relative == "index.html":
                data = DOWNLOAD_PARAGRAPH.sub(b"", data)
            bundle.writestr(_entry(f"{folder}/{relative}"), data)
    return buffer.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = ZIP_UNIX
    info.external_attr = ZIP_MODE
    return info
