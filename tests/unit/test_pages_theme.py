"""Context keys the news theme reads: readable dates, list flags, entity header figures,
People A–Z groups, archive bar scale, the "In the news" window and digest-wide chart months."""

from __future__ import annotations

import datetime as dt

from digest_plugin.core.corpus import Digest
from digest_plugin.core.model import Article, ArticleEntities, Country, Mention, Person
from digest_plugin.siteview.pages import SitePages
from tests.urls import mkdocs_urls

UTC = dt.timezone.utc


def _article(i: int, when: dt.datetime) -> Article:
    return Article(title=f"Story {i}", body="word " * 50, date=when, source="Wire", id=f"a{i}",
                   src_path=f"articles/x/story-{i}.md")


def _digest() -> Digest:
    """Three articles over Sep-Nov 2024; Ada is about the first two, Grace only in the last one."""
    articles = [
        _article(0, dt.datetime(2024, 9, 2, 9, 5, tzinfo=UTC)),
        _article(1, dt.datetime(2024, 9, 20, 14, 0, tzinfo=UTC)),
        _article(2, dt.datetime(2024, 11, 27, 18, 0, tzinfo=UTC)),
    ]
    articles.reverse()
    entities = {
        "a0": ArticleEntities(people=[Mention("Ada Lovelace", in_headline=True)],
                              countries=[Mention("FR"), Mention("GB", in_headline=True)]),
        "a1": ArticleEntities(people=[Mention("Ada Lovelace", count=3)], countries=[Mention("GB")]),
        "a2": ArticleEntities(people=[Mention("Grace Hopper"), Mention("Ada Lovelace")],
                              countries=[Mention("US"), Mention("GB"), Mention("FR"), Mention("DE", in_lead=True)]),
    }
    countries = {code: Country(code=code, name=name, slug=code.lower(), flag=f"[{code}]")
                 for code, name in [("GB", "United Kingdom"), ("FR", "France"), ("US", "United States"),
                                    ("DE", "Germany")]}
    by_id = {a.id: a for a in articles}
    return Digest(
        articles=articles,
        entities=entities,
        people={"Ada Lovelace": Person(name="Ada Lovelace", slug="ada-lovelace"),
                "Grace Hopper": Person(name="Grace Hopper", slug="grace-hopper", role="Rear admiral")},
        countries=countries,
        person_articles={"Ada Lovelace": [by_id["a2"], by_id["a1"], by_id["a0"]], "Grace Hopper": [by_id["a2"]]},
        country_articles={"GB": [by_id["a2"], by_id["a1"], by_id["a0"]], "FR": [by_id["a2"], by_id["a0"]],
                          "US": [by_id["a2"]], "DE": [by_id["a2"]]},
    )


def test_items_carry_a_readable_date_and_at_most_three_flags_about_first():
    item = SitePages(_digest(), urls=mkdocs_urls()).context_for("people/grace-hopper/index.md")["articles"][0]
    assert item["date_label"] == "27 Nov 2024"
    # Germany is in the lead, so it leads; the rest keep extraction order; the fourth is dropped.
    assert [f["code"] for f in item["flags"]] == ["DE", "US", "GB"]
    assert item["flags"][0] == {"code": "DE", "name": "Germany", "flag": "[DE]"}


def test_article_header_has_the_long_date():
    article = SitePages(_digest(), urls=mkdocs_urls()).context_for("articles/x/story-0.md")["article"]
    assert article["date_long"] == "Monday 2 September 2024"
    assert article["date_label"] == "2 Sep 2024" and article["time"] == "09:05"


def test_person_header_counts_articles_about_them_and_dates_their_span():
    context = SitePages(_digest(), urls=mkdocs_urls()).context_for("people/ada-lovelace/index.md")
    assert context["count"] == 3
    assert context["about_count"] == 2  # headline in one, three mentions in another, passing in the third
    assert (context["first_label"], context["last_label"]) == ("2 Sep 2024", "27 Nov 2024")
    assert context["person"]["initials"] == "AL"


def test_country_header_counts_and_span():
    context = SitePages(_digest(), urls=mkdocs_urls()).context_for("countries/de/index.md")
    assert (context["count"], context["about_count"]) == (1, 1)
    assert context["first_label"] == context["last_label"] == "27 Nov 2024"


def test_every_chart_spans_the_digest():
    # Grace is only in November; her chart still starts with September's weeks, at zero.
    chart = SitePages(_digest(), urls=mkdocs_urls()).context_for("people/grace-hopper/index.md")["chart"]
    points = chart["points"]
    assert (points[0]["key"], points[-1]["key"]) == ("2024-09-02", "2024-11-25")
    assert [p["count"] for p in points] == [0] * 12 + [1]


def test_people_index_groups_by_initial_of_family_name():
    context = SitePages(_digest(), urls=mkdocs_urls()).context_for("people/index.md")
    assert [(g["letter"], [p["name"] for p in g["people"]]) for g in context["groups"]] == [
        ("H", ["Grace Hopper"]), ("L", ["Ada Lovelace"])]
    assert [p["name"] for p in context["people"]] == ["Grace Hopper", "Ada Lovelace"]  # the flat list stays


def test_archive_gives_the_busiest_month_for_bar_widths():
    context = SitePages(_digest(), urls=mkdocs_urls()).context_for("archive/index.md")
    assert context["max_count"] == 2
    assert {m["label"]: m["count"] for m in context["months"]} == {"September 2024": 2, "November 2024": 1}


def test_home_names_the_in_the_news_window_and_labels_days():
    home = SitePages(_digest(), trending_days=7, urls=mkdocs_urls()).context_for("index.md", is_homepage=True)
    assert home["trending_window"] == {"days": 7, "since_label": "20 Nov 2024", "until_label": "27 Nov 2024"}
    assert home["days"][0]["label"] == "Wednesday 27 November 2024"
    assert [p["name"] for p in home["trending_people"]] == ["Grace Hopper", "Ada Lovelace"]


def test_initials_of_single_and_hyphenated_names():
    from digest_plugin.siteview.pages import _initials

    assert _initials("Lula") == "L"
    assert _initials("Jean-Luc Mélenchon") == "JM"
