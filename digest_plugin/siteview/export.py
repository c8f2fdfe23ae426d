"""`site/digest.json`: the machine-readable digest, in the schema DESIGN.md fixes.

`threads` lists the threads that have a page (two or more reports), with their canonical URL
(`threads/<id>-<slug>/`), their articles oldest first and their outlets in the order of their
first report (stories.py); `outlets` every outlet with an article (outlets.py).

Titles, names and sources are plain text from ingested sources. The file is written with "<",
">" and "&" as JSON's \\u escapes (`safe_json`), which every JSON reader decodes to the same
text, so no page that pastes the file, or a piece of it, into HTML or a <script> can be made
to run markup from it, and no markup appears in the file at all.
"""

from __future__ import annotations

import json
from collections.abc import Container, Iterable
from pathlib import Path

from digest_plugin.core.atomic import atomic_write_text
from digest_plugin.core.model import Quote
from digest_plugin.core.quotes import quote_text
from digest_plugin.siteview.pages import SitePages


def digest_json(pages: SitePages) -> dict:
    d = pages.digest
    articles = []
    for article in d.articles:
        entities = d.entities.get(article.id)
        articles.append({
            "id": article.id,
            "url": pages.article_url(article),
            "title": article.title,
            "date": article.date.date().isoformat(),
            "source": article.source,
            "authors": list(article.authors),
            "people": [m.name for m in entities.people if m.name in d.people] if entities else [],
            "countries": [m.name for m in entities.countries if m.name in d.countries] if entities else [],
            "related": [pages.article_url(d.article(link.id)) for link in d.related.get(article.id, [])],
            "thread": d.thread_of.get(article.id),
            # Only when true: the source gave no date and "date" is the day it was ingested.
            **({"undated": True} if article.undated else {}),
            # Direct quotations of the article's people: canonical speaker, text without the marks.
            "quotes": _quotes(entities.quotes, d.people) if entities else [],
        })
    people = [
        {"name": p.name, "slug": p.slug, "url": pages.person_url(p.name), "articles": len(d.person_articles[p.name])}
        for p in sorted(d.people.values(), key=lambda p: p.name)
    ]
    countries = [
        {"code": c.code, "name": c.name, "url": pages.country_url(c.code), "articles": len(d.country_articles[c.code])}
        for c in sorted(d.countries.values(), key=lambda c: c.code)
    ]
    stories = pages.stories
    threads = [
        {"id": tid, "title": stories.title(tid), "url": pages.thread_url(tid),
         "articles": [pages.article_url(a) for a in stories.info(tid).members],
         "outlets": [row["name"] for row in stories.coverage(tid) if row["known"]]}
        for tid in sorted(stories.ordered())
    ]
    outlets = [
        {"name": name, "slug": d.outlets[name].slug, "url": pages.outlet_url(name),
         "articles": len(pages.outlets.articles(name))}
        for name in sorted(pages.outlets.outlet_names(), key=str.casefold)
    ]
    return {"articles": articles, "people": people, "countries": countries, "threads": threads, "outlets": outlets}


def _quotes(quotes: Iterable[Quote], people: Container[str]) -> list[dict]:
    """An article's direct quotations of the digest's people: canonical speaker, the words as
    plain text without the marks (`quote_text`)."""
    shown = ((quote.speaker, quote_text(quote.text)) for quote in quotes)
    return [{"speaker": speaker, "text": text} for speaker, text in shown if speaker in people and text]


def safe_json(data: object) -> str:
    """Compact JSON with "<", ">" and "&" escaped (they only occur inside strings, where the
    escapes mean the same characters)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_json_atomically(data: dict, path: Path) -> None:
    """Readers of the deployed site never see a half-written file."""
    atomic_write_text(path, safe_json(data))
