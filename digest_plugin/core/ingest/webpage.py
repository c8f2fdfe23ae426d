"""Article web pages, extracted with trafilatura: main text, title, date, author, site name, image.

`extract_page` returns the extraction as plain fields (what bench/eval_html.py scores);
`read_html` turns it into an article with a safe Markdown body.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin

import trafilatura

from digest_plugin.core.ingest.base import (
    IngestError,
    ReadOptions,
    build_article,
    decode_bytes,
    plain_body_to_markdown,
)
from digest_plugin.core.model import Article


@dataclass
class PageExtraction:
    """What trafilatura found on a page; `text` has one paragraph per line."""

    title: str = ""
    text: str = ""
    date: str = ""
    authors: list[str] = field(default_factory=list)
    sitename: str = ""
    url: str = ""
    description: str = ""
    image: str = ""  # the page's og:image (or twitter:image), as trafilatura reads it


def extract_page(html: str, url: str = "") -> PageExtraction | None:
    """Extract the main article of a page; None when trafilatura finds no article text."""
    with warnings.catch_warnings():
        # dateutil warns about time zone names on many real pages; the date is still read.
        warnings.simplefilter("ignore")
        document = trafilatura.bare_extraction(
            html, url=url or None, with_metadata=True, include_comments=False, include_tables=False, favor_recall=True
        )
    if document is None:
        return None
    text = getattr(document, "text", "") or ""
    if not text.strip():
        return None
    author = getattr(document, "author", "") or ""
    return PageExtraction(
        title=getattr(document, "title", "") or "",
        text=text,
        date=getattr(document, "date", "") or "",
        authors=[name.strip() for name in author.split(";") if name.strip()],
        sitename=getattr(document, "sitename", "") or "",
        url=getattr(document, "url", "") or url,
        description=getattr(document, "description", "") or "",
        image=getattr(document, "image", "") or "",
    )


def read_html(data: bytes, origin: str, options: ReadOptions, url: str = "") -> Iterator[Article]:
    """One article from one HTML page (local file or fetched URL)."""
    page = extract_page(decode_bytes(data), url)
    if page is None:
        raise IngestError(origin, "no article text found in the page")
    lines = [line for line in page.text.split("\n") if line.strip()]
    if lines and " ".join(lines[0].split()) == " ".join(page.title.split()):
        lines = lines[1:]  # the page's own headline, already the title
    paragraphs = "\n\n".join(lines)
    yield build_article(
        origin=origin,
        options=options,
        title=page.title,
        body_markdown=plain_body_to_markdown(paragraphs),
        source_date=page.date,
        source=page.sitename,
        url=url or page.url,
        authors=page.authors,
        summary=page.description,
        image=urljoin(url or page.url, page.image) if page.image else "",
    )
