"""Head data per page (feed links, social meta, JSON-LD) and sitemap dates, from a small digest."""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import urljoin

import pytest

from digest_plugin.core.corpus import Digest
from digest_plugin.core.model import Article, ArticleEntities, Country, Mention, Person
from digest_plugin.core.related import Thread
from digest_plugin.siteview.head import (
    HeadBuilder,
    HeadOptions,
    SiteInfo,
    script_json,
    short_description,
)
from digest_plugin.siteview.pages import SitePages
from digest_plugin.siteview.sitemap import LastModified, w3c_datetime
from digest_plugin.siteview.weburls import relative_url
from tests.urls import mkdocs_urls

UTC = dt.timezone.utc
HOSTILE = '</script><script>alert("x")</script><!-- & \u2028'


def _digest() -> Digest:
    a1 = Article(title="Talks in Berlin", body="b", date=dt.datetime(2024, 10, 2, 9, 30, tzinfo=UTC), source="Wire",
                 url="https://wire.example/berlin", authors=["Petra Hollis"], summary="Leaders met.", id="a1",
                 src_path="articles/2024/10/02/talks.md")
    a2 = Article(title=HOSTILE, body="b", date=dt.datetime(2024, 10, 3, 9, 30, tzinfo=UTC), source="Desk",
                 summary=HOSTILE, id="a2", src_path="articles/2024/10/03/hostile.md")
    a3 = Article(title="Old news", body="b", date=dt.datetime(2024, 9, 1, tzinfo=UTC), id="a3",
                 src_path="articles/2024/09/01/old.md")
    articles = [a2, a1, a3]
    entities = {
        "a1": ArticleEntities(people=[Mention("Olaf Scholz", in_headline=True), Mention("Ann Other")],
                              countries=[Mention("DE", count=4)]),
        "a2": ArticleEntities(people=[Mention("Olaf Scholz")], countries=[]),
        "a3": ArticleEntities(),
    }
    return Digest(
        articles=articles,
        entities=entities,
        people={"Olaf Scholz": Person(name="Olaf Scholz", slug="olaf-scholz", role="Chancellor", wikidata="Q61053",
                                      image="https://img.example/scholz.jpg"),
                "Ann Other": Person(name="Ann Other", slug="ann-other")},
        countries={"DE": Country(code="DE", name="Germany", slug="de", flag="")},
        person_articles={"Olaf Scholz": [a2, a1], "Ann Other": [a1]},
        country_articles={"DE": [a1]},
        threads={"t1": Thread(id="t1", article_ids=["a1", "a2"], sources=["Wire", "Desk"])},
        thread_of={"a1": "t1", "a2": "t1", "a3": None},
    )


def _builder(site_url: str | None = "https://news.example.org/", **options) -> HeadBuilder:
    pages = SitePages(_digest(), urls=mkdocs_urls())
    pages.generated()
    return HeadBuilder(pages, SiteInfo(name="Digest", url=site_url, description="All the news."),
                       HeadOptions(**options))


def _meta(head: dict) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in head["meta"]:
        found.setdefault(tag["name"], []).append(tag["content"])
    return found


def test_script_json_cannot_close_the_script_element_and_still_parses():
    text = script_json({"headline": HOSTILE})
    assert not re.search(r"[<>&]", text)
    assert json.loads(text) == {"headline": HOSTILE}


def test_news_article_json_ld():
    head = _builder().head_for("articles/2024/10/02/talks.md", title="Talks in Berlin")
    data = json.loads(head["json_ld"])
    assert data["@type"] == "NewsArticle" and data["headline"] == "Talks in Berlin"
    assert data["datePublished"] == "2024-10-02T09:30:00+00:00"
    assert data["author"] == [{"@type": "Person", "name": "Petra Hollis"}]
    assert data["publisher"] == {"@type": "Organization", "name": "Wire"}
    assert data["isBasedOn"] == "https://wire.example/berlin"
    assert data["url"] == data["mainEntityOfPage"] == "https://news.example.org/articles/2024/10/02/talks/"
    # In the headline or mentioned often: "about"; in passing: "mentions".
    assert [e["name"] for e in data["about"]] == ["Olaf Scholz", "Germany"]
    assert [e["name"] for e in data["mentions"]] == ["Ann Other"]
    scholz = data["about"][0]
    assert scholz == {"@type": "Person", "name": "Olaf Scholz", "url": "https://news.example.org/people/olaf-scholz/",
                      "jobTitle": "Chancellor", "image": "https://img.example/scholz.jpg",
                      "sameAs": "https://www.wikidata.org/wiki/Q61053"}
    assert data["about"][1] == {"@type": "Country", "name": "Germany", "identifier": "DE",
                                "url": "https://news.example.org/countries/de/"}


def test_article_without_byline_or_original_is_attributed_to_its_source_only():
    data = json.loads(_builder().head_for("articles/2024/10/03/hostile.md", title=HOSTILE)["json_ld"])
    assert data["author"] == [{"@type": "Organization", "name": "Desk"}]
    assert "isBasedOn" not in data
    none = json.loads(_builder().head_for("articles/2024/09/01/old.md", title="Old news")["json_ld"])
    assert "author" not in none and "publisher" not in none and "about" not in none


def test_without_site_url_json_ld_links_are_relative_to_the_page():
    data = json.loads(_builder(None).head_for("articles/2024/10/02/talks.md", title="t")["json_ld"])
    assert data["url"] == "./"
    assert data["about"][0]["url"] == "../../../../../people/olaf-scholz/"
    assert "mainEntityOfPage" not in data


def test_person_and_country_pages_carry_their_entity_on_the_first_page_only():
    builder = _builder()
    person = json.loads(builder.head_for("people/olaf-scholz/index.md", title="Olaf Scholz")["json_ld"])
    assert person["@context"] == "https://schema.org" and person["@type"] == "Person"
    assert person["url"] == "https://news.example.org/people/olaf-scholz/"
    country = json.loads(builder.head_for("countries/de/index.md", title="Germany")["json_ld"])
    assert country["@type"] == "Country" and country["identifier"] == "DE"
    assert builder.head_for("archive/index.md", title="Archive")["json_ld"] is None
    home = json.loads(builder.head_for("index.md", title="Digest", is_homepage=True)["json_ld"])
    assert home == {"@context": "https://schema.org", "@type": "WebSite", "name": "Digest",
                    "url": "https://news.example.org/"}


def test_feed_links_site_everywhere_entity_and_thread_where_they_belong():
    builder = _builder()
    hrefs = lambda head: [f["href"] for f in head["feeds"]]  # noqa: E731
    assert hrefs(builder.head_for("archive/index.md", title="Archive")) == ["feed.xml", "rss.xml"]
    person = builder.head_for("people/olaf-scholz/index.md", title="Olaf Scholz")
    assert hrefs(person) == ["feed.xml", "rss.xml", "people/olaf-scholz/feed.xml", "people/olaf-scholz/rss.xml"]
    assert person["subscribe"] == {"title": "Olaf Scholz", "atom": "people/olaf-scholz/feed.xml",
                                   "rss": "people/olaf-scholz/rss.xml"}
    assert [f["type"] for f in person["feeds"]] == ["application/atom+xml", "application/rss+xml"] * 2
    thread = builder.head_for(builder.pages.stories.uri("t1"), title="Story")
    assert hrefs(thread)[2:] == ["threads/t1/feed.xml", "threads/t1/rss.xml"] and thread["subscribe"]
    in_thread = builder.head_for("articles/2024/10/02/talks.md", title="Talks")
    assert hrefs(in_thread)[2:] == ["threads/t1/feed.xml", "threads/t1/rss.xml"]
    assert in_thread["subscribe"] is None
    assert hrefs(builder.head_for("articles/2024/09/01/old.md", title="Old")) == ["feed.xml", "rss.xml"]
    assert hrefs(builder.head_for("about.md", title="About us")) == ["feed.xml", "rss.xml"]


def test_social_meta_on_articles_and_other_pages():
    builder = _builder()
    article = _meta(builder.head_for("articles/2024/10/02/talks.md", title="Talks in Berlin"))
    assert article["og:type"] == ["article"] and article["og:title"] == ["Talks in Berlin"]
    assert article["og:description"] == ["Leaders met."] == article["twitter:description"]
    assert article["og:url"] == ["https://news.example.org/articles/2024/10/02/talks/"]
    assert article["article:tag"] == ["Olaf Scholz", "Ann Other", "Germany"]
    assert article["twitter:card"] == ["summary"]
    person = _meta(builder.head_for("people/olaf-scholz/index.md", title="Olaf Scholz"))
    assert person["og:type"] == ["website"] and person["og:image"] == ["https://img.example/scholz.jpg"]
    assert person["og:description"] == ["Olaf Scholz, Chancellor: 2 articles in Digest."]
    home = _meta(builder.head_for("index.md", title="Digest", is_homepage=True))
    assert home["og:description"] == ["All the news."]
    assert "og:url" not in _meta(_builder(None).head_for("index.md", title="Digest", is_homepage=True))


@pytest.mark.parametrize("switched_off", ["feeds", "structured_data", "social_meta"])
def test_each_part_can_be_switched_off(switched_off):
    head = _builder(**{switched_off: False}).head_for("people/olaf-scholz/index.md", title="Olaf Scholz")
    assert (head["feeds"] == [] and head["subscribe"] is None) == (switched_off == "feeds")
    assert (head["json_ld"] is None) == (switched_off == "structured_data")
    assert (head["meta"] == []) == (switched_off == "social_meta")


def test_short_description_cuts_at_a_word():
    assert short_description("  one\n two  ") == "one two"
    cut = short_description("word " * 100, limit=30)
    assert len(cut) <= 30 and cut.endswith("word…")


def test_relative_url_from_documents():
    assert relative_url("articles/a/", "people/x/feed.xml") == "../../articles/a/"
    assert relative_url("", "people/x/") == "../../"
    assert relative_url("people/x/", "people/x/rss.xml") == "./"
    assert relative_url("articles/a.html", "people/x.html") == "../articles/a.html"
    # Whatever the shape, a browser resolving the link from the document lands on the target.
    targets = ["", "people/", "people/x/", "people/y/", "people/x/index.html", "articles/2024/a/", "a.html"]
    documents = ["", "feed.xml", "people/x/", "people/x/rss.xml", "people/x.html", "articles/2024/a/", "threads/t/"]
    for target in targets:
        for document in documents:
            link = relative_url(target, document)
            resolved = urljoin("https://h.example/d/" + document, link)
            assert resolved == "https://h.example/d/" + target, (target, document)


def test_last_modified_is_the_newest_article_a_page_shows():
    pages = SitePages(_digest(), urls=mkdocs_urls())
    last = LastModified(pages)
    oct2, oct3 = dt.datetime(2024, 10, 2, 9, 30, tzinfo=UTC), dt.datetime(2024, 10, 3, 9, 30, tzinfo=UTC)
    assert last.for_page("articles/2024/10/02/talks.md") == oct2
    assert last.for_page("people/ann-other/index.md") == oct2
    assert last.for_page("people/olaf-scholz/index.md") == oct3
    assert last.for_page("countries/de/index.md") == oct2
    assert last.for_page("threads/t1/index.md") == oct3
    assert last.for_page("archive/2024/09/index.md") == dt.datetime(2024, 9, 1, tzinfo=UTC)
    assert last.for_page("index.md", is_homepage=True) == oct3 == last.for_page("people/index.md")
    assert last.for_page("about.md") is None
    assert w3c_datetime(dt.datetime(2024, 10, 2, 11, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))) \
        == "2024-10-02T09:30:00+00:00"
