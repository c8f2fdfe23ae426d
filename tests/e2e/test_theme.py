"""The news theme in a real browser: every page type in light and dark at desktop and phone
width (screenshots, no sideways scroll, no console errors), axe-core's accessibility audit,
Material's light/dark toggle, and the People index's letter groups."""

from __future__ import annotations

import json

import pytest

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e

SCHEMES = {"light": "default", "dark": "slate"}
# axe-core impact levels the issue forbids; "moderate" and "minor" are reported, not failed.
BLOCKING_IMPACTS = {"serious", "critical"}


def _page_types(bundled_site) -> dict[str, str]:
    """One URL per page type, each chosen to show the most: an article in a thread with related
    stories, the person and the country with the most articles."""
    data = json.loads((bundled_site / "digest.json").read_text(encoding="utf-8"))
    article = next((a for a in data["articles"] if a["thread"] and a["related"]), data["articles"][0])
    person = max(data["people"], key=lambda p: p["articles"])
    country = max(data["countries"], key=lambda c: c["articles"])
    # The story's titled page (threads/<id>/ only sends the reader on to it).
    thread = next((t["url"] for t in data["threads"]), None)
    month = data["articles"][0]["date"][:7].replace("-", "/")
    return {
        "home": "",
        "article": article["url"],
        **({"thread": thread} if thread else {}),
        "month": f"archive/{month}/",
        "person": person["url"],
        "country": country["url"],
        "people-index": "people/",
        "countries-index": "countries/",
        "archive": "archive/",
        "latest": "latest/",
    }


def _context(browser, width: int, scheme: str):
    return browser.new_context(viewport={"width": width, "height": 900},
                               color_scheme="dark" if scheme == "dark" else "light")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_each_page_type_renders_in_both_schemes_without_sideways_scroll(browser, site_url, bundled_site, width, scheme):
    context = _context(browser, width, scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    try:
        for name, url in _page_types(bundled_site).items():
            page.goto(site_url + url)
            # Material picks the palette from prefers-color-scheme on a first visit.
            assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
            screenshot(page, f"{name}-{width}-{scheme}")
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 1, f"{name} scrolls sideways by {overflow}px at {width}px wide"
    finally:
        context.close()
    assert errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_or_critical_violations(browser, site_url, bundled_site, scheme):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright",
                                     reason="axe-playwright-python is a test extra")
    axe = axe_module.Axe()  # runs the axe.min.js the package ships: no network
    context = _context(browser, 1280, scheme)
    page = context.new_page()
    found: list[str] = []
    try:
        for name, url in _page_types(bundled_site).items():
            page.goto(site_url + url)
            results = axe.run(page)
            assert results.response["testEngine"]["name"] == "axe-core"
            for violation in results.response["violations"]:
                if violation["impact"] in BLOCKING_IMPACTS:
                    targets = [node["target"] for node in violation["nodes"][:3]]
                    found.append(f"{name}: {violation['id']} ({violation['impact']}, {len(violation['nodes'])} nodes) "
                                 f"{violation['help']} e.g. {targets}")
    finally:
        context.close()
    assert found == [], "\n".join(found)


def test_the_toggle_switches_between_light_and_dark(page, site_url):
    page.goto(site_url)
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != background
    screenshot(page, "home-toggled-dark")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    assert page.console_watch.errors == []


def test_people_index_letters_jump_and_filtering_hides_empty_groups(page, site_url, bundled_site):
    data = json.loads((bundled_site / "digest.json").read_text(encoding="utf-8"))
    target = max(data["people"], key=lambda p: p["articles"])["name"]
    letter = target.split()[-1][0].upper()
    page.goto(site_url + "people/")
    groups = page.locator("[data-digest-group]")
    assert groups.count() == page.locator(".digest-letters a").count() > 1

    page.fill("#digest-people-filter", target.lower())
    visible_groups = page.locator("[data-digest-group]:not([hidden])")
    assert visible_groups.count() == 1
    assert visible_groups.locator("h2").inner_text() == letter
    disabled = page.locator(".digest-letters a[aria-disabled='true']").count()
    assert disabled == groups.count() - 1
    page.fill("#digest-people-filter", "")
    assert page.locator("[data-digest-group]:not([hidden])").count() == groups.count()
    assert page.locator(".digest-letters a[aria-disabled='true']").count() == 0

    page.locator(f".digest-letters a[href$='#letter-{letter}']").click()  # instant nav makes hrefs absolute
    page.wait_for_function(f"location.hash === '#letter-{letter}'")
    heading_top = page.locator(f"#letter-{letter}").evaluate("h => h.getBoundingClientRect().top")
    assert 0 <= heading_top < 300, f"the jump should bring letter {letter} to the top, it is at {heading_top}px"
    assert page.console_watch.errors == []


def test_phone_menu_reaches_every_section(browser, site_url, bundled_site):
    """Digest pages hide Material's sidebar on desktop; on a phone its drawer must still open."""
    context = _context(browser, 375, "light")
    page = context.new_page()
    try:
        page.goto(site_url + _page_types(bundled_site)["article"])
        page.locator("label.md-header__button[for='__drawer']").click()
        drawer = page.locator(".md-nav--primary")
        for section in ("Latest", "People", "Countries", "Archive"):
            assert drawer.get_by_role("link", name=section, exact=True).is_visible(), section
        page.wait_for_timeout(400)  # the drawer slides in over 250 ms; shoot it open
        screenshot(page, "menu-375-light")
        drawer.get_by_role("link", name="Countries", exact=True).click()
        page.wait_for_url("**/countries/")
    finally:
        context.close()
