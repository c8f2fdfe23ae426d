"""Stable article identity and file-name slugs.

An article's `id` is its canonical URL (scheme and host lower-cased, fragment and tracking
parameters such as utm_*, fbclid, gclid dropped, remaining parameters sorted) when it has one;
otherwise a hash of source, title and the source's own date. A date that ingestion made up
(--date or today) is not part of the identity, so ingesting the same undated file twice, on
different days, finds the same article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from digest_plugin.core.slugs import slugify as make_slug

_TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid",
     "_ga", "_gl", "ref_src", "cmpid", "ocid", "smid", "sr_share", "mkt_tok", "spm", "at_medium", "at_campaign"}
)
_TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "hsa_")
SLUG_MAX_LENGTH = 80


def canonical_url(url: str) -> str:
    """The URL without fragment and tracking parameters; "" when it is not an http(s) URL."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in _TRACKING_PARAMS and not key.lower().startswith(_TRACKING_PREFIXES)
    ]
    netloc = parts.netloc.lower()
    if netloc.endswith(":80") and parts.scheme.lower() == "http":
        netloc = netloc[:-3]
    elif netloc.endswith(":443") and parts.scheme.lower() == "https":
        netloc = netloc[:-4]
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", urlencode(sorted(query)), ""))


def article_id(*, url: str, source: str, title: str, source_date: dt.datetime | None) -> str:
    """The stable id: canonical URL, else "sha1:<hash of source, title and source date>"."""
    canonical = canonical_url(url) if url else ""
    if canonical:
        return canonical
    day = source_date.isoformat() if source_date else ""
    key = "\x1f".join((source.strip().casefold(), " ".join(title.split()).casefold(), day))
    return "sha1:" + hashlib.sha1(key.encode("utf-8")).hexdigest()


def slugify(title: str, max_length: int = SLUG_MAX_LENGTH) -> str:
    """A lower-case ASCII slug of the title, cut at a word boundary; "article" when empty."""
    return make_slug(title, max_length, fallback="article")
