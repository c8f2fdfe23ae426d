"""The page model: pagination, and contexts built from a digest."""

from __future__ import annotations

import datetime as dt

from digest_plugin.core.corpus import Digest
from digest_plugin.core.model import Article, ArticleEntities, Country, Mention, Person
from digest_plugin.siteview.entity_search import pagefind_weight
from digest_plugin.siteview.pages import SitePages
from tests.urls import mkdocs_urls


def _digest(n_articles: int) -> Digest:
    start = dt.datetime(2024, 9, 1, 8, tzinfo=dt.timezone.utc)
    articles = [
        Article(title=f"Story {i}", body="word " * 460, date=start + dt.timedelta(days=i), source="Wire",
                id=f"a{i}", src_path=f"articles/x/story-{i}.md")
        for i in range(n_articles)
    ]
    articles.reverse()  # newest first, as assemble() orders them
    entities = {
        a.id: ArticleEntities(people=[Mention("Ada Lovelace", count=1 if int(a.id[1:]) % 2 else 4)],
                              countries=[Mention("GB")])
        for a in articles
    }
    return Digest(
        articles=articles,
        entities=entities,
        people={"Ada Lovelace": Person(name="Ada Lovelace", slug="ada-lovelace", role="Mathematician")},
        countries={"GB": Country(code="GB", name="United Kingdom", slug="gb", flag="🇬🇧")},
        person_articles={"Ada Lovelace": list(articles)},
        country_articles={"GB": list(articles)},
    )


def test_large_entity_pages_are_paginated_newest_first():
    pages = SitePages(_digest(120), page_size=50, urls=mkdocs_urls())
    uris = {p.src_uri for p in pages.generated()}
    assert {"people/ada-lovelace/index.md", "people/ada-lovelace/page/2/index.md",
            "people/ada-lovelace/page/3/index.md"} <= uris
    assert "people/ada-lovelace/page/4/index.md" not in uris
    first = pages.context_for("people/ada-lovelace/index.md")
    third = pages.context_for("people/ada-lovelace/page/3/index.md")
    assert [a["title"] for a in first["articles"][:2]] == ["Story 119", "Story 118"]
    assert len(first["articles"]) == 50 and len(third["articles"]) == 20
    assert first["pagination"] == {"page": 1, "pages": 3, "total": 120, "prev": None,
                                   "next": "people/ada-lovelace/page/2/"}
    assert third["pagination"]["prev"] == "people/ada-lovelace/page/2/" and third["pagination"]["next"] is None


def test_entity_list_labels_about_versus_mentioned():
    pages = SitePages(_digest(4), urls=mkdocs_urls())
    items = pages.context_for("people/ada-lovelace/index.md")["articles"]
    # Story 3 mentions her once (odd id), story 2 four times.
    assert [(i["title"], i["about"]) for i in items[:2]] == [("Story 3", False), ("Story 2", True)]


def test_chart_series_fills_empty_buckets():
    digest = _digest(3)
    digest.articles[0].date = dt.datetime(2024, 12, 5, tzinfo=dt.timezone.utc)
    chart = SitePages(digest, urls=mkdocs_urls()).context_for("countries/gb/index.md")["chart"]
    # Sunday 1 September to 5 December: 15 weeks (Monday to Sunday) fit the chart, so weeks it
    # is, the empty ones at zero.
    assert chart["bucket"] == "week"
    counts = [p["count"] for p in chart["points"]]
    assert counts == [1, 1] + [0] * 12 + [1]
    assert (chart["points"][0]["label"], chart["points"][-1]["label"]) == ("26 Aug", "2 Dec")


def test_article_context_has_reading_time_and_chips():
    pages = SitePages(_digest(2), urls=mkdocs_urls())
    context = pages.context_for("articles/x/story-1.md")
    assert context["kind"] == "article"
    assert context["article"]["reading_time"] == 2  # 460 words at 230 a minute
    assert context["people"] == [{"name": "Ada Lovelace", "url": "people/ada-lovelace/", "role": "Mathematician",
                                  "about": False}]
    assert context["countries"][0]["flag"] == "🇬🇧"


def test_home_trending_counts_only_the_last_days():
    pages = SitePages(_digest(30), trending_days=7, urls=mkdocs_urls())
    home = pages.context_for("index.md", is_homepage=True)
    assert home["trending_people"] == [{"name": "Ada Lovelace", "url": "people/ada-lovelace/", "count": 8}]
    assert home["days"][0]["articles"][0]["title"] == "Story 29"


def test_entity_search_weight_ranks_by_coverage_and_ignores_other_entities():
    weights = [pagefind_weight(n) for n in (1, 2, 10, 100, 1000, 100000)]
    assert weights[0] == 6.0 and weights == sorted(weights) and len(set(weights)) == len(weights)
    assert weights[-1] < 10  # Pagefind's highest weight is 10

    # A country gaining articles changes the weight on its own page, not on a person's page.
    digest = _digest(4)
    before = SitePages(digest, urls=mkdocs_urls()).context_for("people/ada-lovelace/index.md")["search_weight"]
    digest.country_articles["GB"] = digest.country_articles["GB"] * 50
    grown = SitePages(digest, urls=mkdocs_urls())
    assert grown.context_for("people/ada-lovelace/index.md")["search_weight"] == before == pagefind_weight(4)
    assert grown.context_for("countries/gb/index.md")["search_weight"] == pagefind_weight(200)
