"""Atom and RSS feeds: valid to feedparser and to RFC 4287, newest items, escaped hostile text."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import feedparser
import pytest

from digest_plugin.core.corpus import Digest
from digest_plugin.core.model import Article, ArticleEntities, Country, Mention, Person
from digest_plugin.core.related import Thread
from digest_plugin.siteview.feeds import (
    FeedRenderer,
    article_uid,
    feed_sources,
    write_feeds,
)
from digest_plugin.siteview.pages import SitePages
from tests.urls import mkdocs_urls

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = 'Deal </script><script>alert("x")</script> & <b>more</b>\x00\x0b\ufffe'
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _digest(n_articles: int = 60) -> Digest:
    start = dt.datetime(2024, 1, 1, 8, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    articles = [
        Article(title=f"Story {i}", body="text", date=start + dt.timedelta(days=i), source="Wire",
                url=f"https://wire.example/{i}?a=1&b=2", authors=["Ann Writer"] if i % 2 else [],
                summary=f"Summary of story {i}.", id=f"a{i}", src_path=f"articles/2024/story-{i}.md")
        for i in range(n_articles)
    ]
    articles[0].title = HOSTILE  # the oldest: in the country feed's last entry
    articles[0].summary = HOSTILE
    articles[0].authors = ["Eve <eve@example.org>"]
    articles.reverse()  # newest first, as assemble() orders them
    entities = {a.id: ArticleEntities(people=[Mention("Ada Lovelace")], countries=[Mention("GB")]) for a in articles}
    thread_ids = ["a3", "a5", "a7"]  # date order, as related.py gives them
    return Digest(
        articles=articles,
        entities=entities,
        people={"Ada Lovelace": Person(name="Ada Lovelace", slug="ada-lovelace")},
        countries={"GB": Country(code="GB", name="United Kingdom", slug="gb")},
        person_articles={"Ada Lovelace": list(articles)},
        country_articles={"GB": [a for a in articles if int(a.id[1:]) < 10]},
        threads={"t1": Thread(id="t1", article_ids=thread_ids, sources=["Wire"])},
        thread_of={i: "t1" for i in thread_ids},
    )


def _all_feeds(site_url: str | None = None, directory_urls: bool = True) -> dict[str, str]:
    pages = SitePages(_digest(), urls=mkdocs_urls(directory_urls))
    renderer = FeedRenderer(pages, site_name="Test <Digest>", site_url=site_url)
    feeds = {}
    for source in feed_sources(pages, "Test <Digest>"):
        feeds[source.atom_path] = renderer.atom(source)
        feeds[source.rss_path] = renderer.rss(source)
    return feeds


def _is_absolute_iri(value: str) -> bool:
    return bool(urlsplit(value).scheme)


def assert_rfc4287(text: str) -> None:
    """The required elements of RFC 4287 section 4.1, checked on the XML itself."""
    feed = ET.fromstring(text.encode("utf-8"))
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, f"feed needs exactly one atom:{name}"
    assert _is_absolute_iri(feed.findtext(f"{ATOM}id"))
    assert RFC3339.match(feed.findtext(f"{ATOM}updated"))
    feed_has_author = bool(feed.findall(f"{ATOM}author/{ATOM}name"))
    assert len([link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "alternate"
                and link.get("type") == "text/html"]) <= 1
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, f"entry needs exactly one atom:{name}"
        assert _is_absolute_iri(entry.findtext(f"{ATOM}id"))
        assert RFC3339.match(entry.findtext(f"{ATOM}updated"))
        assert feed_has_author or entry.findall(f"{ATOM}author/{ATOM}name")
        has_alternate = any(link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{ATOM}link"))
        assert has_alternate or entry.find(f"{ATOM}content") is not None
        for link in entry.findall(f"{ATOM}link"):
            assert link.get("href")


def assert_rss2(text: str) -> None:
    rss = ET.fromstring(text.encode("utf-8"))
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    for name in ("title", "link", "description"):
        assert channel.findtext(name), f"channel needs <{name}>"
    for item in channel.findall("item"):
        assert item.findtext("title") or item.findtext("description")


@pytest.mark.parametrize("site_url", [None, "https://news.example.org/digest/"])
def test_every_feed_parses_without_bozo_and_meets_the_specs(site_url):
    feeds = _all_feeds(site_url)
    assert set(feeds) == {"feed.xml", "rss.xml", "people/ada-lovelace/feed.xml", "people/ada-lovelace/rss.xml",
                          "countries/gb/feed.xml", "countries/gb/rss.xml", "threads/t1/feed.xml", "threads/t1/rss.xml"}
    for path, text in feeds.items():
        parsed = feedparser.parse(text)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        if path.endswith("feed.xml"):
            assert parsed.version == "atom10"
            assert_rfc4287(text)
        else:
            assert parsed.version == "rss20"
            assert_rss2(text)


def test_feeds_hold_the_newest_fifty_with_summary_link_date_and_authors():
    feeds = _all_feeds("https://news.example.org/")
    parsed = feedparser.parse(feeds["feed.xml"])
    assert len(parsed.entries) == 50
    assert [e.title for e in parsed.entries[1:3]] == ["Story 58", "Story 57"]
    story = next(e for e in parsed.entries if e.title == "Story 57")
    assert story.summary == "Summary of story 57."
    assert story.link == "https://news.example.org/articles/2024/story-57/"
    assert story.published == "2024-02-27T06:00:00Z"  # 08:00 at +02:00
    assert [a.name for a in story.authors] == ["Ann Writer"]
    assert {t.term for t in story.tags} == {"Ada Lovelace", "United Kingdom"}
    assert story.id == article_uid("a57")
    assert parsed.feed.updated == parsed.entries[0].updated  # the newest article, not the build time
    rss = feedparser.parse(feeds["rss.xml"])
    assert len(rss.entries) == 50 and rss.entries[2].title == "Story 57"
    assert rss.entries[2].author == "Ann Writer" and rss.entries[2].link == story.link
    country = feedparser.parse(feeds["countries/gb/feed.xml"])
    assert [e.title for e in country.entries[:-1]] == [f"Story {i}" for i in range(9, 0, -1)]


def test_thread_feed_lists_its_reports_newest_first():
    parsed = feedparser.parse(_all_feeds()["threads/t1/feed.xml"])
    assert [e.title for e in parsed.entries] == ["Story 7", "Story 5", "Story 3"]
    assert parsed.feed.title == "Story 3 · Test <Digest>"  # the most representative headline (a tie: the first)


def test_hostile_text_is_escaped_and_round_trips_as_text():
    feeds = _all_feeds()
    expected = 'Deal </script><script>alert("x")</script> & <b>more</b>'  # XML-illegal characters dropped
    for path in ("countries/gb/feed.xml", "countries/gb/rss.xml"):
        assert "<script>" not in feeds[path]
        entry = feedparser.parse(feeds[path]).entries[-1]
        assert entry.title == expected
    atom_entry = feedparser.parse(feeds["countries/gb/feed.xml"]).entries[-1]
    assert atom_entry.summary == expected and atom_entry.summary_detail.type == "text/plain"
    assert atom_entry.author == "Eve <eve@example.org>"
    # RSS descriptions are HTML to readers: the summary arrives as escaped HTML, never as markup.
    rss_entry = feedparser.parse(feeds["countries/gb/rss.xml"]).entries[-1]
    assert "<script>" not in rss_entry.summary and "&lt;script&gt;" in rss_entry.summary


def test_without_site_url_links_are_relative_to_the_feed_and_ids_are_urns():
    feeds = _all_feeds(None)
    site = feedparser.parse(feeds["feed.xml"])
    person = feedparser.parse(feeds["people/ada-lovelace/feed.xml"])
    assert site.entries[1].link == "articles/2024/story-58/"
    assert person.entries[1].link == "../../articles/2024/story-58/"
    assert person.feed.link == "./"
    assert site.feed.id.startswith("urn:uuid:") and person.feed.id.startswith("urn:uuid:")
    assert site.feed.id != person.feed.id
    with_url = feedparser.parse(_all_feeds("https://news.example.org/")["people/ada-lovelace/feed.xml"])
    assert with_url.feed.id == "https://news.example.org/people/ada-lovelace/feed.xml"
    assert [e.id for e in with_url.entries] == [e.id for e in person.entries]  # entry ids survive a site move


def test_plain_urls_link_to_html_files():
    feeds = _all_feeds(None, directory_urls=False)
    person = feedparser.parse(feeds["people/ada-lovelace/rss.xml"])
    assert person.feed.link == "index.html"
    assert person.entries[0].link == "../../articles/2024/story-59.html"


def test_an_empty_digest_still_writes_a_valid_site_feed(tmp_path):
    pages = SitePages(Digest(articles=[], entities={}, people={}, countries={}), urls=mkdocs_urls())
    built_at = dt.datetime(2025, 3, 1, 12, tzinfo=dt.timezone.utc)
    written = write_feeds(pages, tmp_path, site_name="Empty", empty_updated=built_at)
    assert written == ["feed.xml", "rss.xml"]
    atom = (tmp_path / "feed.xml").read_text(encoding="utf-8")
    assert_rfc4287(atom)
    parsed = feedparser.parse(atom)
    assert not parsed.bozo and parsed.entries == [] and parsed.feed.updated == "2025-03-01T12:00:00Z"


def test_write_feeds_honours_the_item_limit(tmp_path):
    written = write_feeds(SitePages(_digest(), urls=mkdocs_urls()), tmp_path, site_name="Digest", limit=5)
    assert len(written) == 8
    for path in written:
        parsed = feedparser.parse((tmp_path / path).read_text(encoding="utf-8"))
        assert not parsed.bozo and 1 <= len(parsed.entries) <= 5
