"""Developing stories, outlets, coverage and the world map in a real browser: each new page type at
1366 and 390 pixels in light and dark (no sideways scroll, no console errors, axe-core finds no
violation of any impact), the coverage naming a story's outlets, the map's links and table, and
a story's stable address sending the reader on to its page."""

from __future__ import annotations

import json

import pytest

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e

WIDTHS = (1366, 390)


def _digest(bundled_site) -> dict:
    return json.loads((bundled_site / "digest.json").read_text(encoding="utf-8"))


def _story(bundled_site) -> dict:
    return max(_digest(bundled_site)["threads"], key=lambda t: (len(t["outlets"]), len(t["articles"])))


def _page_types(bundled_site) -> dict[str, str]:
    data = _digest(bundled_site)
    story = _story(bundled_site)
    outlet = max(data["outlets"], key=lambda o: o["articles"])
    return {
        "stories": "threads/",
        "story": story["url"],
        "story-article": story["articles"][1],
        "outlets": "sources/",
        "outlet": outlet["url"],
        "countries-map": "countries/",
    }


@pytest.fixture(scope="module")
def axe():
    module = pytest.importorskip("axe_playwright_python.sync_playwright",
                                 reason="axe-playwright-python is a test extra")
    return module.Axe()  # runs the axe.min.js the package ships: no network


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_new_page_types_fit_and_pass_axe(browser, site_url, bundled_site, axe, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    found: list[str] = []
    try:
        for name, url in _page_types(bundled_site).items():
            page.goto(site_url + url)
            screenshot(page, f"{name}-{width}-{scheme}")
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 1, f"{name} scrolls sideways by {overflow}px at {width}px wide"
            for violation in axe.run(page).response["violations"]:
                targets = [node["target"] for node in violation["nodes"][:3]]
                found.append(f"{name}: {violation['id']} ({violation['impact']}) {violation['help']} e.g. {targets}")
    finally:
        context.close()
    assert found == [], "\n".join(found)
    assert errors == []


def test_story_page_names_its_outlets_in_order_and_marks_the_first(page, site_url, bundled_site):
    story = _story(bundled_site)
    page.goto(site_url + story["url"])
    assert page.locator("h1").inner_text() == story["title"]
    rows = page.locator("#digest-coverage-heading ~ ol.digest-coverage > li")
    assert [n.strip() for n in rows.locator(".digest-coverage__outlet a").all_inner_texts()] == story["outlets"]
    assert rows.first.locator(".digest-badge").inner_text().strip().lower() == "first"
    assert page.locator(".digest-coverage .digest-badge").count() == 1
    reports = page.locator("#digest-timeline-heading ~ ol.digest-timeline > li")
    assert reports.count() == len(story["articles"])
    rows.first.locator(".digest-coverage__outlet a").click()  # an outlet's name leads to its page
    page.wait_for_url("**/sources/**")
    assert page.locator("h1").inner_text() == story["outlets"][0]
    assert page.console_watch.errors == []


def test_a_storys_stable_address_sends_the_reader_on(page, site_url, bundled_site):
    story = _story(bundled_site)
    page.goto(f"{site_url}threads/{story['id']}/")
    page.wait_for_url(site_url + story["url"])
    assert page.locator("h1").inner_text() == story["title"]


def test_map_countries_link_to_their_pages_and_the_table_says_the_same(page, site_url, bundled_site):
    data = _digest(bundled_site)
    page.goto(site_url + "countries/")
    shaded = page.locator(".digest-map__svg a")
    assert shaded.count() >= len(data["countries"]) - 3  # a few small ones may be dots or not drawn
    page.locator("details.digest-map__table summary").click()
    rows = page.locator("details.digest-map__table tbody tr")
    assert rows.count() == len(data["countries"])
    assert page.locator(".digest-map__key").count() >= 1
    top = max(data["countries"], key=lambda c: c["articles"])
    page.locator(f".digest-map__svg a[href$='{top['url'].split('/', 1)[1]}'] path").first.click(force=True)
    page.wait_for_url("**/" + top["url"])
    assert page.console_watch.errors == []


def test_stories_are_in_the_menu_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(site_url)
        page.locator("label.md-header__button[for='__drawer']").click()
        link = page.locator(".md-nav--primary").get_by_role("link", name="Stories", exact=True)
        assert link.is_visible()
        link.click()
        page.wait_for_url("**/threads/")
        assert page.locator("h1").inner_text() == "Developing stories"
    finally:
        context.close()
