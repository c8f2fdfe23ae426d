"""The page model: pagination, and contexts built from a digest."""

from __future__ import annotations

import datetime as dt

import pytest

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


def test_large_entity_pages_are_cut_from_the_oldest_end():
    # 120 articles, 50 a page: chunk 1 = the 50 oldest, chunk 2 the next 50, the newest 20 are
    # not a full chunk, so the first page shows them with chunk 2 (70); chunk 1 is page/1.
    pages = SitePages(_digest(120), page_size=50, urls=mkdocs_urls())
    uris = {p.src_uri for p in pages.generated() if p.src_uri.startswith("people/ada-lovelace/")}
    assert uris == {"people/ada-lovelace/index.md", "people/ada-lovelace/page/1/index.md"}
    first = pages.context_for("people/ada-lovelace/index.md")
    oldest = pages.context_for("people/ada-lovelace/page/1/index.md")
    assert [a["title"] for a in first["articles"][:2]] == ["Story 119", "Story 118"]
    assert len(first["articles"]) == 70 and first["articles"][-1]["title"] == "Story 50"
    assert [a["title"] for a in oldest["articles"]][::49] == ["Story 49", "Story 0"]
    assert first["pagination"] == {"first": True, "label": "", "prev": None, "next": "people/ada-lovelace/page/1/"}
    assert oldest["pagination"] == {"first": False, "label": "1 September – 20 October 2024",
                                    "prev": "people/ada-lovelace/", "next": None}
    # Figures and the chart are the first page's: an older page must not change with new articles.
    assert first["count"] == 120 and "count" not in oldest and "chart" not in oldest
    titles = {p.src_uri: p.content for p in pages.generated()}
    assert '"title": "Ada Lovelace: articles, 1 September – 20 October 2024"' in \
        titles["people/ada-lovelace/page/1/index.md"]


@pytest.mark.parametrize("total", [1, 49, 50, 51, 99, 100, 101, 150, 151, 1234])
def test_every_item_is_on_exactly_one_page_and_links_form_one_chain(total):
    pages = SitePages(_digest(total), page_size=50, urls=mkdocs_urls())
    uris = [p.src_uri for p in pages.generated() if p.src_uri.startswith("latest/")]
    contexts = {uri: pages.context_for(uri) for uri in uris}
    shown = [item["title"] for uri in uris for day in contexts[uri]["days"] for item in day["articles"]]
    assert sorted(shown) == sorted(f"Story {i}" for i in range(total))
    first = contexts["latest/index.md"]["days"]
    assert min(total, 50) <= sum(len(day["articles"]) for day in first) <= 99
    # Following "Older" from the first page visits every page once, and "Newer" leads back.
    url_of = {pages.url(uri): uri for uri in uris}
    seen, uri = [], "latest/index.md"
    while uri is not None:
        seen.append(uri)
        older = contexts[uri]["pagination"]["next"]
        if older is not None:
            assert url_of[contexts[url_of[older]]["pagination"]["prev"]] == uri
        uri = url_of[older] if older is not None else None
    assert sorted(seen) == sorted(uris)


def test_older_pages_stay_the_same_when_newer_articles_arrive():
    """Adding newer articles changes the first page, creates at most one older page, and changes
    at most one other page (the one whose "Newer" link now leads to the new page)."""
    def snapshot(total: int) -> dict[str, object]:
        pages = SitePages(_digest(total), page_size=50, urls=mkdocs_urls())
        listed = [p for p in pages.generated() if p.src_uri.startswith(("latest/", "people/", "archive/20"))]
        return {p.src_uri: (p.content, pages.context_for(p.src_uri)) for p in listed}

    for before, after in ((1000, 1001), (1000, 1049), (1049, 1050), (1000, 1050), (1234, 1240), (149, 150)):
        old, new = snapshot(before), snapshot(after)
        created = set(new) - set(old)
        changed = {uri for uri in set(old) & set(new) if old[uri] != new[uri]}
        fronts = {uri for uri in changed | created if "/page/" not in uri}
        older = {uri for uri in changed | created if "/page/" in uri}
        assert not set(old) - set(new), f"{before}->{after}: a page vanished"
        for base in ("latest", "people/ada-lovelace"):
            made = {uri for uri in created if uri.startswith(base + "/")}
            touched = {uri for uri in changed if uri.startswith(base + "/page/")}
            assert len(made) <= 1 and len(touched) <= len(made), f"{before}->{after} {base}: {made} {touched}"
        assert older <= created | {u for u in changed if "/page/" in u}
        assert fronts, "the first pages show the new articles"
        unchanged = [uri for uri in old if uri in new and "/page/" in uri and uri not in changed]
        assert len(unchanged) >= (before // 50) - 4, "older pages stay as they were"


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


def test_an_older_page_is_dated_by_its_own_newest_article_in_the_sitemap_and_head():
    from digest_plugin.siteview.head import HeadBuilder, SiteInfo
    from digest_plugin.siteview.sitemap import LastModified

    pages = SitePages(_digest(120), page_size=50, urls=mkdocs_urls())
    modified = LastModified(pages)
    assert modified.for_page("people/ada-lovelace/index.md") == pages.digest.articles[0].date
    assert modified.for_page("people/ada-lovelace/page/1/index.md") == pages.digest.articles[70].date  # Story 49
    assert modified.for_page("latest/page/1/index.md") == pages.digest.articles[70].date
    # The head of an older page says nothing that changes with the list: no count, no JSON-LD.
    head = HeadBuilder(pages, SiteInfo("Digest"))
    title = "Ada Lovelace: articles, 1 September – 20 October 2024"
    older = head.head_for("people/ada-lovelace/page/1/index.md", title=title)
    descriptions = {m["content"] for m in older["meta"] if m["name"].endswith("description")}
    assert descriptions == {title + "."} and older["json_ld"] is None
    first = head.head_for("people/ada-lovelace/index.md", title="Ada Lovelace")
    assert any("120 articles" in m["content"] for m in first["meta"]) and first["json_ld"]
