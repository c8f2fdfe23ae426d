"""Atom 1.0 and RSS 2.0 feeds: the whole digest, every person, country, thread and outlet.

Each feed lives next to the page it follows, as `feed.xml` (Atom) and `rss.xml` (RSS):
`feed.xml` and `rss.xml` at the site root, `people/<slug>/feed.xml`, `countries/<code>/feed.xml`,
`threads/<id>/feed.xml` (beside the thread's stable alias page; the feed links its titled page)
and `sources/<slug>/feed.xml`. A feed carries the newest `limit` articles, newest first, each with its
title, summary, link, date, authors and the people and countries it is about.

Identity and links:
- An entry's id is `urn:uuid:` + a UUID derived from the article's stable id, so it never
  changes, not even when the site moves or gains a `site_url` (readers would otherwise show
  every story again). RSS marks that guid `isPermaLink="false"`.
- A feed's id is its absolute URL when `site_url` is set; without one it is a `urn:uuid:` derived
  from the site name and the feed's path (Atom requires an absolute IRI).
- Links are absolute with `site_url`; without it they are relative to the feed file, which feed
  readers resolve against the URL they fetched the feed from. Such feeds parse and work once
  served, but only `site_url` makes them portable (RSS 2.0 expects absolute links).

Text comes from ingested sources, so nothing is trusted: every value is XML-escaped, characters
XML 1.0 forbids are dropped, and RSS descriptions, the channel's and each item's (which readers
treat as HTML), are HTML-escaped first. Atom text constructs are `type="text"`: plain text.
Rendered entries are cached per article and link, so a build with thousands of entity feeds
serialises each article once per link form, not once per feed.

Plain Python: the plugin calls `write_feeds` from `on_post_build`.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from digest_plugin.core.model import Article
from digest_plugin.siteview.pages import SitePages
from digest_plugin.siteview.weburls import absolute_url, document_link

ATOM_FILE = "feed.xml"
RSS_FILE = "rss.xml"
ATOM_TYPE = "application/atom+xml"
RSS_TYPE = "application/rss+xml"
GENERATOR = "news-digest"
# Fixed namespaces for the name-based UUIDs: changing them would change every id readers know.
ARTICLE_ID_NAMESPACE = uuid.UUID("6f1d7c3e-2a55-5b0e-9c61-0d4f3b8e9a21")
FEED_ID_NAMESPACE = uuid.UUID("0b8f3d52-7c1e-5f4a-8d2b-6e9a1c3f5d70")
# XML 1.0 allows tab, newline, carriage return and everything from U+0020 except surrogates and
# U+FFFE/U+FFFF; anything else makes the whole feed unparseable, so it is dropped.
_NOT_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class FeedSource:
    """One feed to write: the folder it lives in, what it is called, the page it follows."""

    folder: str  # site-relative, "" for the site root or e.g. "people/olaf-scholz/"
    title: str
    description: str
    page_url: str  # site-relative URL of the HTML page the feed follows
    articles: tuple[Article, ...]  # newest first, at most the feed's limit

    @property
    def atom_path(self) -> str:
        return self.folder + ATOM_FILE

    @property
    def rss_path(self) -> str:
        return self.folder + RSS_FILE


def entity_feed_folder(kind: str, key: str, pages: SitePages) -> str | None:
    """The folder of the feed that follows a person ("person", name), a country ("country", code)
    or a thread ("thread", id); None when the digest has no such entity."""
    d = pages.digest
    if kind == "person" and key in d.people:
        return f"people/{d.people[key].slug}/"
    if kind == "country" and key in d.countries:
        return f"countries/{d.countries[key].slug}/"
    if kind == "thread" and pages.stories.has_page(key):
        # The stable alias folder, not the titled page's: a subscription outlives a new title.
        return f"threads/{key}/"
    if kind == "outlet" and key in d.outlets:
        return f"sources/{d.outlets[key].slug}/"
    return None


def thread_title(pages: SitePages, thread_id: str) -> str:
    """A thread is named after its most representative headline, as its page is (stories.py)."""
    return pages.stories.title(thread_id)


def feed_sources(pages: SitePages, site_name: str, site_description: str = "", limit: int = 50) -> Iterator[FeedSource]:
    """The whole digest's feed, then one per person, country and thread."""
    d = pages.digest
    yield FeedSource("", site_name, site_description or f"The latest news from {site_name}", "",
                     tuple(d.articles[:limit]))
    for name, person in d.people.items():
        yield FeedSource(f"people/{person.slug}/", f"{name} · {site_name}", f"News about {name} from {site_name}",
                         pages.person_url(name), tuple(d.person_articles[name][:limit]))
    for code, country in d.countries.items():
        yield FeedSource(f"countries/{country.slug}/", f"{country.name} · {site_name}",
                         f"News about {country.name} from {site_name}", pages.country_url(code),
                         tuple(d.country_articles[code][:limit]))
    for thread_id in pages.stories.ordered():
        members = pages.stories.info(thread_id).members[::-1]  # newest first
        yield FeedSource(f"threads/{thread_id}/", f"{thread_title(pages, thread_id)} · {site_name}",
                         f"Every report on this story in {site_name}", pages.thread_url(thread_id),
                         tuple(members[:limit]))
    for name in pages.outlets.outlet_names():
        yield FeedSource(f"sources/{d.outlets[name].slug}/", f"{name} · {site_name}",
                         f"Articles from {name} in {site_name}", pages.outlet_url(name) or "",
                         tuple(pages.outlets.articles(name)[:limit]))


def clean_text(value: str) -> str:
    """`value` without the characters XML 1.0 cannot carry."""
    return _NOT_XML_CHAR.sub("", value)


def _text(value: str) -> str:
    return escape(clean_text(value))


def _attr(value: str) -> str:
    return quoteattr(clean_text(value))


def _html_text(value: str) -> str:
    """Plain text for an element that readers render as HTML (RSS descriptions)."""
    return _text(html.escape(value, quote=False))


@functools.cache
def article_uid(article_id: str) -> str:
    """The entry id of an article in every feed: stable across site moves and formats."""
    return f"urn:uuid:{uuid.uuid5(ARTICLE_ID_NAMESPACE, article_id)}"


def rfc3339(moment: dt.datetime) -> str:
    if moment.tzinfo is None:  # articles are always aware; keep callers' naive values honest too
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def rfc822(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return format_datetime(moment.astimezone(dt.UTC), usegmt=True)


@dataclass(frozen=True)
class _Item:
    """An article as one feed entry shows it."""

    uid: str
    title: str
    link: str
    original_url: str
    source: str
    summary: str
    published: dt.datetime
    authors: tuple[str, ...]
    categories: tuple[str, ...]


class FeedRenderer:
    """Renders `FeedSource`s as Atom and RSS text for one site."""

    def __init__(self, pages: SitePages, *, site_name: str, site_url: str | None = None, author: str = "",
                 empty_updated: dt.datetime | None = None) -> None:
        self.pages = pages
        self.site_name = site_name
        self.site_url = site_url or None
        self.author = author or site_name
        # A feed with no entries still needs an <updated>; callers pass the build time.
        self.empty_updated = empty_updated or dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        # Per article and link: an article is rendered once per link form, not once per feed.
        self._atom_entries: dict[tuple[str, str], str] = {}
        self._rss_items: dict[tuple[str, str], str] = {}

    # ---- shared -------------------------------------------------------------------------------
    def _link(self, target: str, document: str) -> str:
        return document_link(target, document, self.site_url)

    def _categories(self, article: Article) -> tuple[str, ...]:
        d = self.pages.digest
        entities = d.entities.get(article.id)
        if entities is None:
            return ()
        return tuple(m.name for m in entities.people if m.name in d.people) + tuple(
            d.countries[m.name].name for m in entities.countries if m.name in d.countries)

    def _item(self, article: Article, link: str) -> _Item:
        return _Item(
            uid=article_uid(article.id),
            title=article.title,
            link=link,
            original_url=article.url,
            source=article.source,
            summary=article.summary,
            published=article.date,
            authors=tuple(article.authors),
            categories=self._categories(article),
        )

    def feed_id(self, source: FeedSource) -> str:
        if self.site_url:
            return absolute_url(source.atom_path, self.site_url)
        return f"urn:uuid:{uuid.uuid5(FEED_ID_NAMESPACE, self.site_name + chr(10) + source.atom_path)}"

    def _updated(self, source: FeedSource) -> dt.datetime:
        # Newest first, so the first article is the feed's last change: builds stay reproducible.
        return source.articles[0].date if source.articles else self.empty_updated

    # ---- Atom (RFC 4287) ------------------------------------------------------------------------
    def atom(self, source: FeedSource) -> str:
        document = source.atom_path
        head = [
            '<?xml version="1.0" encoding="utf-8"?>',
            '<feed xmlns="http://www.w3.org/2005/Atom">',
            f"  <id>{_text(self.feed_id(source))}</id>",
            f'  <title type="text">{_text(source.title)}</title>',
            f'  <subtitle type="text">{_text(source.description)}</subtitle>',
            f"  <updated>{rfc3339(self._updated(source))}</updated>",
            f"  <author><name>{_text(self.author)}</name></author>",
            f'  <link rel="self" type="{ATOM_TYPE}" href={_attr(self._link(document, document))}/>',
            f'  <link rel="alternate" type="text/html" href={_attr(self._link(source.page_url, document))}/>',
            f"  <generator>{GENERATOR}</generator>",
        ]
        entries = [self._atom_entry(article, self._link(self.pages.article_url(article), document))
                   for article in source.articles]
        return "\n".join([*head, *entries, "</feed>", ""])

    def _atom_entry(self, article: Article, link: str) -> str:
        cached = self._atom_entries.get((article.id, link))
        if cached is not None:
            return cached
        item = self._item(article, link)
        lines = [
            "  <entry>",
            f"    <id>{item.uid}</id>",
            f'    <title type="text">{_text(item.title)}</title>',
            f'    <link rel="alternate" type="text/html" href={_attr(item.link)}/>',
        ]
        if item.original_url:
            title = f" title={_attr(item.source)}" if item.source else ""
            lines.append(f"    <link rel=\"via\" href={_attr(item.original_url)}{title}/>")
        lines += [
            f"    <published>{rfc3339(item.published)}</published>",
            f"    <updated>{rfc3339(item.published)}</updated>",
        ]
        lines += [f"    <author><name>{_text(name)}</name></author>"
                  for name in item.authors if clean_text(name).strip()]
        lines += [f"    <category term={_attr(term)}/>" for term in item.categories]
        if item.summary:
            lines.append(f'    <summary type="text">{_text(item.summary)}</summary>')
        lines.append("  </entry>")
        rendered = "\n".join(lines)
        self._atom_entries[(article.id, link)] = rendered
        return rendered

    # ---- RSS 2.0 --------------------------------------------------------------------------------
    def rss(self, source: FeedSource) -> str:
        document = source.rss_path
        head = [
            '<?xml version="1.0" encoding="utf-8"?>',
            '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
            "<channel>",
            f"  <title>{_text(source.title)}</title>",
            f"  <link>{_text(self._link(source.page_url, document))}</link>",
            f"  <description>{_html_text(source.description)}</description>",
            f"  <lastBuildDate>{rfc822(self._updated(source))}</lastBuildDate>",
            f"  <generator>{GENERATOR}</generator>",
        ]
        if self.site_url:  # RSS best practice; only meaningful with an absolute URL
            head.append(f'  <atom:link rel="self" type="{RSS_TYPE}" href={_attr(self._link(document, document))}/>')
        items = [self._rss_item(article, self._link(self.pages.article_url(article), document))
                 for article in source.articles]
        return "\n".join([*head, *items, "</channel>", "</rss>", ""])

    def _rss_item(self, article: Article, link: str) -> str:
        cached = self._rss_items.get((article.id, link))
        if cached is not None:
            return cached
        item = self._item(article, link)
        lines = [
            "  <item>",
            f"    <title>{_text(item.title)}</title>",
            f"    <link>{_text(item.link)}</link>",
            f'    <guid isPermaLink="false">{item.uid}</guid>',
            f"    <pubDate>{rfc822(item.published)}</pubDate>",
        ]
        # RSS's <author> must be an e-mail address; Dublin Core's creator takes a name.
        lines += [f"    <dc:creator>{_text(name)}</dc:creator>" for name in item.authors if clean_text(name).strip()]
        lines += [f"    <category>{_text(term)}</category>" for term in item.categories]
        if item.summary:
            # Readers render <description> as HTML: escape the plain-text summary for HTML, then XML.
            lines.append(f"    <description>{_html_text(item.summary)}</description>")
        lines.append("  </item>")
        rendered = "\n".join(lines)
        self._rss_items[(article.id, link)] = rendered
        return rendered


def write_feeds(pages: SitePages, site_dir: Path, *, site_name: str, site_url: str | None = None,
                site_description: str = "", author: str = "", limit: int = 50,
                empty_updated: dt.datetime | None = None) -> list[str]:
    """Write every feed under `site_dir`; return the site-relative paths written."""
    renderer = FeedRenderer(pages, site_name=site_name, site_url=site_url, author=author,
                            empty_updated=empty_updated)
    written: list[str] = []
    for source in feed_sources(pages, site_name, site_description, limit):
        (site_dir / source.folder).mkdir(parents=True, exist_ok=True)
        for path, text in ((source.atom_path, renderer.atom(source)), (source.rss_path, renderer.rss(source))):
            (site_dir / path).write_text(text, encoding="utf-8")
            written.append(path)
    return written
