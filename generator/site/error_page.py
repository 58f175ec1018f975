"""404.html with relative links when the site's address is not known.

MkDocs renders error pages such as 404.html with base_url set to the path of site_url,
so that a server showing the page for a missing address at any depth still finds its
stylesheets and scripts; without site_url it takes "/", the root of the server. A site
built without DIGEST_SITE_URL is opened from disk, or served under a path nobody told
us: there "/assets/..." finds nothing and the page comes out unstyled, without search.

Without site_url, this plugin renders error pages as MkDocs renders the home page, which
sits in the same folder: base_url "." and links relative to it. Every asset link then
reads exactly as on the home page ("assets/...", not "./assets/..."), so iframe-worker's
inline script, which names the search worker's address, keeps the hash the
Content-Security-Policy allows (overrides/main.html). With site_url set, nothing changes.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.plugins import BasePlugin
from mkdocs.utils import is_error_template, normalize_url

from generator.site.plugins import NoOptions

BASE = "."  # the home page's base_url: error pages sit next to it, at the top
# A URL that normalize_url made from BASE, in an attribute or the __config JSON.
FROM_BASE = re.compile(r"(?<=\")\./(?=[^\"\s]*\")")


class RelativeErrorPage(BasePlugin[NoOptions]):  # type: ignore[no-untyped-call]
    """Error pages linked relative to the top of the site when site_url is not set."""

    def on_template_context(
        self, context: Any, *, template_name: str, config: Any, **_: Any
    ) -> Any:
        if is_error_template(template_name) and not config.site_url:
            context["base_url"] = BASE
            context["extra_css"] = [normalize_url(path, None, BASE) for path in config.extra_css]
            context["extra_javascript"] = [
                normalize_url(str(script), None, BASE) for script in config.extra_javascript
            ]
        return context

    def on_post_template(
        self, output_content: str, *, template_name: str, config: Any, **_: Any
    ) -> str:
        if is_error_template(template_name) and not config.site_url:
            return FROM_BASE.sub("", output_content)
        return output_content
