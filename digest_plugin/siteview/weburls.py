"""Links for documents that leave the page flow: feeds, JSON-LD, social meta.

Pages get site-relative URLs ("people/olaf-scholz/") and MkDocs' `url` filter makes them
relative to the page being rendered. Text we serialise ourselves cannot use the filter, so it
links with `document_link`: absolute when the site's public URL (`site_url`) is known, and
relative to the document's own location otherwise (a feed reader or a JSON-LD processor resolves
a relative reference against the URL it fetched the document from).
"""

from __future__ import annotations

from urllib.parse import quote

# What may stay as written in a site URL: the URL syntax characters, less the quote (') that
# could end an attribute; anything else (", <, >, spaces, backslash) is percent-encoded.
_URL_SAFE = ":/?#[]@!$&()*+,;=%~-._"


def safe_site_url(site_url: str | None) -> str | None:
    """MkDocs' `site_url` with every character that could leave an HTML attribute or a
    <script> percent-encoded. Themes print `page.canonical_url` (built from it) unescaped in
    `<link rel="canonical" href="...">`, so a `site_url` holding `">` would end the attribute
    and open markup of its own; encoded, it is a harmless, still valid, address."""
    if not site_url:
        return site_url
    return quote(site_url, safe=_URL_SAFE)


def absolute_url(target: str, site_url: str) -> str:
    """`target` (site-relative: no scheme, no leading "/", no "..") under `site_url`.

    "https://x.org/news" and "https://x.org/news/" agree. Plain concatenation, not urljoin: feeds
    call this hundreds of thousands of times on a large digest.
    """
    return (site_url if site_url.endswith("/") else site_url + "/") + target


def relative_url(target: str, from_url: str) -> str:
    """`target` as seen from a document at `from_url`, both site-relative.

    The document's folder is everything up to the last "/": "people/x/" and "people/x/feed.xml"
    live in "people/x/", "people/x.html" lives in "people/". Segment arithmetic rather than
    posixpath.relpath, which consults the working directory on every call.
    """
    folder = from_url[: from_url.rfind("/") + 1].split("/")[:-1]
    parts = [part for part in target.split("/") if part]
    common = 0
    while common < min(len(folder), len(parts)) and folder[common] == parts[common]:
        common += 1
    rest = "/".join(parts[common:])
    up = "../" * (len(folder) - common)
    if target == "" or target.endswith("/"):
        return up + rest + "/" if rest else (up or "./")
    return up + rest


def document_link(target: str, from_url: str, site_url: str | None) -> str:
    """A link from our own serialised document at `from_url` to the site page `target`."""
    return absolute_url(target, site_url) if site_url else relative_url(target, from_url)
