"""Links for documents that leave the page flow: feeds, JSON-LD, social meta.

Pages get site-relative URLs ("people/olaf-scholz/") and MkDocs' `url` filter makes them
relative to the page being rendered. Text we serialise ourselves cannot use the filter, so it
links with `document_link`: absolute when the site's public URL (`site_url`) is known, and
relative to the document's own location otherwise (a feed reader or a JSON-LD processor resolves
a relative reference against the URL it fetched the document from).
"""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin


def absolute_url(target: str, site_url: str) -> str:
    """`target` (site-relative) under `site_url` ("https://x.org/news" and "https://x.org/news/" agree)."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, target)


def relative_url(target: str, from_url: str) -> str:
    """`target` as seen from a document at `from_url`, both site-relative.

    The document's folder is everything up to the last "/": "people/x/" and "people/x/feed.xml"
    live in "people/x/", "people/x.html" lives in "people/".
    """
    folder = from_url[: from_url.rfind("/") + 1]
    relative = posixpath.relpath(target or ".", folder or ".")
    if target == "" or target.endswith("/"):
        return "./" if relative == "." else relative + "/"
    return relative


def document_link(target: str, from_url: str, site_url: str | None) -> str:
    """A link from our own serialised document at `from_url` to the site page `target`."""
    return absolute_url(target, site_url) if site_url else relative_url(target, from_url)
