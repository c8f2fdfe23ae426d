"""What each page says about itself in its <head>: feed links, schema.org JSON-LD, social cards.

`head_for` returns, for one page, a plain dict the `digest/head.html` template renders (the
plugin puts it in the page context as `digest_head`):

    {"feeds": [{"title", "type", "href"}],        # <link rel="alternate">, site-relative hrefs
     "subscribe": {"title", "atom", "rss"} | None,  # the page's own feed, for the subscribe button
     "meta": [{"attribute", "name", "content"}],  # Open Graph (property=) and Twitter (name=) tags
     "json_ld": str | None}                        # ready to sit inside <script type="application/ld+json">

Every page links the whole digest's feeds; person, country and thread pages add their own, and
an article in a thread adds the thread's. Articles carry a `NewsArticle`, the first page of a
person a `Person`, of a country a `Country`, the home page a `WebSite`. URLs inside JSON-LD and
og:url are absolute when `site_url` is set; without it JSON-LD links are relative to the page and
og:url is left out (Open Graph requires an absolute URL).

Titles and summaries come from ingested sources: the template HTML-escapes every meta value, and
`script_json` escapes "<", ">" and "&" inside the JSON so no title can close the <script> element.
Plain Python; nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from digest_plugin.core.articles import web_url
from digest_plugin.core.model import Article, Mention
from digest_plugin.siteview.export import safe_json
from digest_plugin.siteview.feeds import (
    ATOM_TYPE,
    RSS_TYPE,
    FeedSource,
    entity_feed_folder,
    thread_title,
)
from digest_plugin.siteview.pages import SitePages
from digest_plugin.siteview.paging import FRONT
from digest_plugin.siteview.weburls import absolute_url, document_link

SCHEMA_CONTEXT = "https://schema.org"
DESCRIPTION_LIMIT = 300
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SiteInfo:
    """The site-wide facts the head needs, read from mkdocs.yml by the plugin."""

    name: str
    url: str | None = None  # MkDocs' site_url, None when unset
    description: str = ""


@dataclass(frozen=True)
class HeadOptions:
    """Which parts of the head to produce (the plugin's `feeds`, `structured_data`, `social_meta`)."""

    feeds: bool = True
    structured_data: bool = True
    social_meta: bool = True


def script_json(data: Any) -> str:
    """JSON for inside an HTML <script> element: "<", ">" and "&" appear only inside JSON strings,
    where their \\u escapes mean the same, so `</script>` or `<!--` in a title cannot end the
    element. The same escaping as digest.json (export.safe_json): one rule for all our JSON."""
    return safe_json(data)


def short_description(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """One line of at most `limit` characters, cut at a word with an ellipsis."""
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def wikidata_url(value: str) -> str:
    return web_url(value) or f"https://www.wikidata.org/wiki/{quote(value.strip())}"


class HeadBuilder:
    """Head data for the pages of one build."""

    def __init__(self, pages: SitePages, site: SiteInfo, options: HeadOptions | None = None) -> None:
        self.pages = pages
        self.site = site
        self.options = options or HeadOptions()

    def head_for(self, src_uri: str, *, title: str, is_homepage: bool = False) -> dict:
        page_url = self.pages.url(src_uri)
        spec = self.pages.page_spec(src_uri)
        kind, key, number = spec if spec is not None else ("home" if is_homepage else "other", None, FRONT)
        if is_homepage:
            kind = "home"
        feeds: list[dict] = []
        subscribe = None
        if self.options.feeds:
            feeds, subscribe = self._feeds(kind, key)
        meta = self._meta(kind, key, title, page_url, number) if self.options.social_meta else []
        json_ld = None
        if self.options.structured_data:
            data = self._json_ld(kind, key, number, page_url)
            json_ld = script_json(data) if data is not None else None
        return {"feeds": feeds, "subscribe": subscribe, "meta": meta, "json_ld": json_ld}

    # ---- feeds ----------------------------------------------------------------------------------
    def _feeds(self, kind: str, key) -> tuple[list[dict], dict | None]:
        feeds = self._feed_links(FeedSource("", self.site.name, "", "", ()), self.site.name)
        followed: tuple[str, str, str] | None = None  # (feed kind, key, title)
        d = self.pages.digest
        if kind == "person":
            followed = ("person", key, key)
        elif kind == "country":
            followed = ("country", key, d.countries[key].name)
        elif kind == "thread":
            followed = ("thread", key, thread_title(self.pages, key))
        elif kind == "outlet":
            followed = ("outlet", key, key)
        elif kind == "article" and (thread_id := d.thread_of.get(key)) and self.pages.stories.has_page(thread_id):
            followed = ("thread", thread_id, thread_title(self.pages, thread_id))
        if kind == "home":  # the front page's subscribe link follows the whole digest
            site_feed = FeedSource("", self.site.name, "", "", ())
            return feeds, {"title": self.site.name, "atom": site_feed.atom_path, "rss": site_feed.rss_path}
        if followed is None:
            return feeds, None
        feed_kind, feed_key, feed_title = followed
        folder = entity_feed_folder(feed_kind, feed_key, self.pages)
        if folder is None:
            return feeds, None
        source = FeedSource(folder, feed_title, "", "", ())
        feeds += self._feed_links(source, f"{feed_title} · {self.site.name}")
        subscribe = None
        if kind in ("person", "country", "thread", "outlet"):
            subscribe = {"title": feed_title, "atom": source.atom_path, "rss": source.rss_path}
        return feeds, subscribe

    @staticmethod
    def _feed_links(source: FeedSource, title: str) -> list[dict]:
        return [{"title": f"{title} (Atom)", "type": ATOM_TYPE, "href": source.atom_path},
                {"title": f"{title} (RSS)", "type": RSS_TYPE, "href": source.rss_path}]

    # ---- Open Graph and Twitter -------------------------------------------------------------------
    def _description(self, kind: str, key) -> str:
        d = self.pages.digest
        if kind == "article":
            article = d.article(key)
            return article.summary or article.title
        if kind == "person":
            person = d.people[key]
            count = len(d.person_articles[key])
            return person.description or f"{person.name}{', ' + person.role if person.role else ''}: " \
                f"{count} article{'s' if count != 1 else ''} in {self.site.name}."
        if kind == "country":
            count = len(d.country_articles[key])
            return f"News about {d.countries[key].name}: {count} article{'s' if count != 1 else ''} " \
                f"in {self.site.name}."
        if kind == "thread":
            thread = d.threads[key]
            return f"{len(thread.article_ids)} reports on this story from {len(thread.sources)} " \
                f"source{'s' if len(thread.sources) != 1 else ''}."
        return self.site.description or f"The latest news from {self.site.name}."

    def _meta(self, kind: str, key, title: str, page_url: str, number: int = FRONT) -> list[dict]:
        # An older page of a list (paging.py) is described by its title, which names the days it
        # covers: the list's description gives counts, which change whenever an article arrives.
        description = short_description(f"{title}." if number != FRONT else self._description(kind, key))
        og_type = "article" if kind == "article" else "website"
        tags = [
            ("property", "og:site_name", self.site.name),
            ("property", "og:type", og_type),
            ("property", "og:title", title),
            ("property", "og:description", description),
        ]
        if self.site.url:
            tags.append(("property", "og:url", absolute_url(page_url, self.site.url)))
        large_image = False
        if kind == "article":
            article = self.pages.digest.article(key)
            if not article.undated:  # an undated article's date is its ingest day, not a publication date
                tags.append(("property", "article:published_time", article.date.isoformat()))
            tags += [("property", "article:tag", name) for name in self._entity_names(article)]
            if article.image and self.pages.images:  # validated http(s) at the edge (core/articles.py)
                tags.append(("property", "og:image", article.image))
                large_image = True
        elif kind == "person":
            image = web_url(self.pages.digest.people[key].image)
            if image:  # og:image must be absolute
                tags.append(("property", "og:image", image))
        tags += [
            ("name", "twitter:card", "summary_large_image" if large_image else "summary"),
            ("name", "twitter:title", title),
            ("name", "twitter:description", description),
        ]
        return [{"attribute": a, "name": n, "content": c} for a, n, c in tags]

    def _entity_names(self, article: Article) -> list[str]:
        d = self.pages.digest
        entities = d.entities.get(article.id)
        if entities is None:
            return []
        return [m.name for m in entities.people if m.name in d.people] + [
            d.countries[m.name].name for m in entities.countries if m.name in d.countries]

    # ---- schema.org JSON-LD -------------------------------------------------------------------------
    def _link(self, target: str, page_url: str) -> str:
        return document_link(target, page_url, self.site.url)

    def _json_ld(self, kind: str, key, number: int, page_url: str) -> dict | None:
        if kind == "article":
            return self.news_article(self.pages.digest.article(key), page_url)
        if kind == "person" and number == FRONT:
            return {"@context": SCHEMA_CONTEXT, **self._person(key, page_url)}
        if kind == "country" and number == FRONT:
            return {"@context": SCHEMA_CONTEXT, **self._country(key, page_url)}
        if kind == "home":
            return {"@context": SCHEMA_CONTEXT, "@type": "WebSite", "name": self.site.name,
                    "url": self._link("", page_url)}
        return None

    def _person(self, name: str, page_url: str) -> dict:
        person = self.pages.digest.people[name]
        data: dict[str, Any] = {"@type": "Person", "name": person.name,
                                "url": self._link(self.pages.person_url(name), page_url)}
        if person.role:
            data["jobTitle"] = person.role
        if person.description:
            data["description"] = person.description
        if web_url(person.image):  # a site-relative image would resolve against the wrong page
            data["image"] = person.image
        if person.wikidata:
            data["sameAs"] = wikidata_url(person.wikidata)
        return data

    def _country(self, code: str, page_url: str) -> dict:
        country = self.pages.digest.countries[code]
        return {"@type": "Country", "name": country.name, "identifier": country.code,
                "url": self._link(self.pages.country_url(code), page_url)}

    def _entity(self, mention: Mention, kind: str, page_url: str) -> dict | None:
        d = self.pages.digest
        if kind == "person" and mention.name in d.people:
            return self._person(mention.name, page_url)
        if kind == "country" and mention.name in d.countries:
            return self._country(mention.name, page_url)
        return None

    def news_article(self, article: Article, page_url: str) -> dict:
        """schema.org NewsArticle for an article page at `page_url` (site-relative)."""
        self_link = self._link(page_url, page_url)
        data: dict[str, Any] = {
            "@context": SCHEMA_CONTEXT,
            "@type": "NewsArticle",
            "headline": article.title,
            "url": self_link,
        }
        if not article.undated:  # an undated article's date is its ingest day, not a publication date
            data["datePublished"] = article.date.isoformat()
        if self.site.url:
            data["mainEntityOfPage"] = self_link
        if article.summary:
            data["description"] = article.summary
        publisher = {"@type": "Organization", "name": article.source} if article.source else None
        if article.authors:
            data["author"] = [{"@type": "Person", "name": name} for name in article.authors]
        elif publisher:
            data["author"] = [publisher]  # wire copy without a byline: the source wrote it
        if publisher:
            data["publisher"] = publisher
        if article.url:
            data["isBasedOn"] = article.url
        if article.image and self.pages.images:
            data["image"] = article.image
        entities = self.pages.digest.entities.get(article.id)
        about: list[dict] = []
        mentions: list[dict] = []
        if entities is not None:
            for kind, found in (("person", entities.people), ("country", entities.countries)):
                for mention in found:
                    entity = self._entity(mention, kind, page_url)
                    if entity is not None:
                        (about if mention.is_about else mentions).append(entity)
        if about:
            data["about"] = about
        if mentions:
            data["mentions"] = mentions
        return data
