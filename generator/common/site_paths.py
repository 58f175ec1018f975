"""Where the built site puts things, for the stages that link to them."""

from __future__ import annotations


def paper_page(slug: str) -> str:
    """A paper's page, relative to the site's root."""
    return f"papers/{slug}.html"
