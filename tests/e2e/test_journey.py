"""A reader's journey through the bundled digest in a real browser, plus filter, search and screenshots."""

from __future__ import annotations

import json

import pytest

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e


def _digest(bundled_site) -> dict:
    return json.loads((bundled_site / "digest.json").read_text(encoding="utf-8"))


def test_home_person_article_related_country(page, site_url):
    page.goto(site_url)
    screenshot(page, "home-desktop")
    trending = page.locator(".digest-trending .digest-ranked a").first
    person_name = trending.inner_text().strip()
    trending.click()
    page.wait_for_selector(".digest-entity h1")
    assert person_name in page.locator(".digest-entity h1").inner_text()
    screenshot(page, "person-desktop")

    page.locator(".digest-list .digest-item__title").first.click()
    page.wait_for_selector(".digest-article")
    assert person_name in page.locator(".digest-chips").inner_text()
    screenshot(page, "article-desktop")

    related = page.locator(".digest-related a.digest-item__title")
    assert related.count() > 0, "an article about a recurring person should have related stories"
    related_title = related.first.inner_text()
    related.first.click()
    page.wait_for_selector(".digest-article")
    assert page.locator(".digest-article h1").inner_text() == related_title

    page.locator(".digest-chips a.digest-chip--country").first.click()
    page.wait_for_selector(".digest-entity__portrait--flag")
    screenshot(page, "country-desktop")
    assert page.console_watch.errors == []


def test_filter_box_narrows_the_people_index(page, site_url, bundled_site):
    people = _digest(bundled_site)["people"]
    target = max(people, key=lambda p: p["articles"])["name"]
    page.goto(site_url + "people/")
    screenshot(page, "people-index-desktop")
    items = page.locator("#digest-people li")
    total = items.count()
    assert total == len(people)
    page.fill("#digest-people-filter", target.split()[-1].lower())
    visible = page.locator("#digest-people li:not([hidden])")
    assert 1 <= visible.count() < total
    assert target in visible.all_inner_texts()[0] or any(target in t for t in visible.all_inner_texts())
    page.fill("#digest-people-filter", "zzzz-no-such-person")
    assert page.locator("#digest-people li:not([hidden])").count() == 0
    assert page.locator("[data-digest-filter-empty]").is_visible()
    assert page.console_watch.errors == []


def test_search_finds_an_article_by_a_persons_name(page, site_url, bundled_site):
    data = _digest(bundled_site)
    person = max(data["people"], key=lambda p: p["articles"])["name"]
    titles = {a["title"] for a in data["articles"] if person in a["people"]}
    page.goto(site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # Material searches on key presses (not on a programmatic fill) and drops a query typed before
    # its worker has built the index, so type key by key, again, until results come.
    box = page.locator("input.md-search__input")
    for _attempt in range(15):
        box.fill("")
        box.press_sequentially(person)
        try:
            page.wait_for_selector(".md-search-result__item", timeout=1000)
            break
        except PlaywrightTimeout:
            continue
    else:
        pytest.fail(f"search found nothing for {person!r} within 15 s")
    found = page.locator(".md-search-result__item").all_inner_texts()
    assert any(any(title in text for title in titles) for text in found), found[:5]
    assert page.console_watch.errors == []
