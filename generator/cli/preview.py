"""`digest serve`: MkDocs' live preview, with fresh Markdown before each rebuild.

MkDocs loads the hook (serve_hook.py) from its path; the hook reads what this preview is
of from here, in the same process.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.build import read_settings
from generator.site.mkdocs import mkdocs_options


@dataclass(frozen=True)
class Preview:
    content: Path
    docs_dir: Path
    stamp: dict[str, str]  # the footer's build stamp (config.extra.build)


_current: Preview | None = None


def current() -> Preview:
    """The preview being served; only while serve() runs."""
    if _current is None:
        raise RuntimeError("no `digest serve` is running")
    return _current


def serve(content: Path, docs_dir: Path, config_file: Path, dev_addr: str) -> None:
    """Serve the site at dev_addr, rebuilding when content/ changes."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    global _current
    settings = read_settings(content, [])  # the hook reports problems on each rebuild
    options, published = mkdocs_options(config_file, docs_dir, settings)
    _current = Preview(content.resolve(), docs_dir.resolve(), published.stamp.as_extra())
    hook = Path(__file__).with_name("serve_hook.py")
    try:
        mkdocs_serve(
            str(config_file), dev_addr=dev_addr, watch=[str(content)], hooks=[str(hook)], **options
        )
    finally:
        _current = None
