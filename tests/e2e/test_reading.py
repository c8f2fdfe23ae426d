"""What a reader trips over (issue #19), checked in a real browser at desktop (1366 px) and phone
(390 px) width on the reading digest (tests/e2e/reading_digest.py: the fixture in
tests/fixtures/reading plus, where ../shared is here, a few real records).

One page per width is shared by the module's tests (a browser context costs more than a page
load); every test reads the digest's own digest.json to find its pages.
"""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.e2e

WIDTHS = [1366, 390]
PHONE = 390


@pytest.fixture(scope="module")
def tabs(browser):
    """One page per width, reused by every test of the module."""
    contexts = {width: browser.new_context(viewport={"width": width, "height": 900}) for width in WIDTHS}
    pages = {width: context.new_page() for width, context in contexts.items()}
    for page in pages.values():
        page.errors = []
        page.on("pageerror", lambda error, page=page: page.errors.append(str(error)))
    yield pages
    for context in contexts.values():
        context.close()


@pytest.fixture(scope="module")
def digest(reading_digest) -> dict:
    return json.loads((reading_digest[0] / "digest.json").read_text(encoding="utf-8"))


def _article(digest: dict, article_id: str) -> dict:
    return next(a for a in digest["articles"] if a["id"] == article_id)


def _open(tabs, width: int, url: str):
    page = tabs[width]
    page.goto(url)
    return page


def _top(page, selector: str) -> float:
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + window.scrollY")


# ---- 1. undated articles -------------------------------------------------------------------------
@pytest.mark.parametrize("width", WIDTHS)
def test_an_undated_article_is_marked_never_leads_and_no_time_is_invented(tabs, reading_url, digest, width):
    undated = [a for a in digest["articles"] if a.get("undated")]
    dated = [a for a in digest["articles"] if not a.get("undated")]
    assert undated and dated and digest["articles"][0].get("undated"), "the fixture's newest date is an undated one"
    page = _open(tabs, width, reading_url)
    assert page.locator(".digest-item--lead .digest-item__title").inner_text() == dated[0]["title"]
    undated_section = page.locator(".digest-day--undated")
    for article in undated:
        assert article["title"] in undated_section.inner_text()
    assert undated_section.locator(".digest-undated").count() == len(undated)
    # "In the news" counts the week up to the newest dated article, not the undated one's ingest day.
    newest = dated[0]["date"]
    note = page.locator(".digest-trending .digest-rail__note").inner_text()
    assert note.endswith(f"{int(newest[8:])} {_month(newest)} {newest[:4]}"), note
    assert "00:00" not in page.locator(".digest-page").inner_text()

    guide = _open(tabs, width, reading_url + _article(digest, "reading-undated-guide")["url"])
    header = guide.locator(".digest-article__header")
    assert "Undated" in header.inner_text() and "No date in the source" in header.inner_text()
    assert header.locator("time").count() == 0

    bare = _open(tabs, width, reading_url + _article(digest, "reading-sweden-wind")["url"])
    meta = bare.locator(".digest-article__meta").inner_text()
    assert "3 Jun 2024" in meta and "00:00" not in meta
    latest = _open(tabs, width, reading_url + "latest/")
    assert "00:00" not in latest.locator(".digest-page").inner_text()


def _month(iso_date: str) -> str:
    return ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][int(iso_date[5:7]) - 1]


# ---- 2. drop cap ---------------------------------------------------------------------------------
_FIRST_LETTER_RATIO = """body => {
    const p = body.querySelector(':scope > p');
    return parseFloat(getComputedStyle(p, '::first-letter').fontSize) / parseFloat(getComputedStyle(p).fontSize);
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_the_drop_cap_takes_a_plain_word_or_steps_aside(tabs, reading_url, digest, width):
    cases = {"reading-nordic-warnings": False,  # opens "(Nordic Wire) —", as wire copy opens "(CNN) --"
             "reading-france-engineers": False,  # opens with a cross-linked "France"
             "reading-oder-1": True}  # opens "Towns along the Oder"
    for article_id, dropped in cases.items():
        page = _open(tabs, width, reading_url + _article(digest, article_id)["url"])
        ratio = page.locator(".digest-article__body").evaluate(_FIRST_LETTER_RATIO)
        assert (ratio > 2) is dropped, f"{article_id}: first letter at {ratio:.2f}x the text"
    france = _open(tabs, width, reading_url + _article(digest, "reading-france-engineers")["url"])
    assert france.locator(".digest-article__body > p").first.locator("a").first.inner_text() == "France"


# ---- 3. order on a phone -------------------------------------------------------------------------
def test_a_phone_shows_who_where_and_the_thread_before_the_body(tabs, reading_url, digest):
    page = _open(tabs, PHONE, reading_url + _article(digest, "reading-oder-2")["url"])
    body = _top(page, ".digest-article__body > p")
    assert _top(page, "#digest-in-story-heading") < _top(page, "#digest-thread-heading") < body
    # Compact: the current report and its two neighbours, not the whole window.
    assert page.locator(".digest-timeline > li:visible").count() == 3
    assert body < 900 * 1.6, f"the body starts {body:.0f} px down the page"

    home = _open(tabs, PHONE, reading_url)
    trending = _top(home, "#digest-trending-heading")
    assert trending < _top(home, ".digest-day") and trending < 900, f"'In the news' at {trending:.0f} px"


def test_a_desktop_keeps_the_rail_beside_the_body(tabs, reading_url, digest):
    page = _open(tabs, 1366, reading_url + _article(digest, "reading-oder-2")["url"])
    body = page.locator(".digest-article__body").bounding_box()
    rail = page.locator(".digest-rail").bounding_box()
    assert rail["x"] >= body["x"] + body["width"] and abs(rail["y"] - body["y"]) < 80
    home = _open(tabs, 1366, reading_url)
    main = home.locator(".digest-columns--home > .digest-main").bounding_box()
    assert home.locator(".digest-trending").bounding_box()["x"] >= main["x"] + main["width"]


# ---- 4. each story once ----------------------------------------------------------------------------
_STORY_LINKS = """root => [...root.querySelectorAll('a[href]')]
    .filter(a => !a.closest('.digest-article__body'))
    .map(a => new URL(a.href).pathname).filter(path => path.includes('/articles/'))"""


@pytest.mark.parametrize("width", WIDTHS)
def test_each_story_appears_once_on_a_page(tabs, reading_url, digest, width):
    threaded = [a for a in digest["articles"] if a["thread"]]
    assert threaded, "the fixture's flood reports make a thread"
    for article in [*threaded, digest["articles"][0]]:
        page = _open(tabs, width, reading_url + article["url"])
        links = page.locator(".digest-page").evaluate(_STORY_LINKS)
        repeated = sorted({link for link in links if links.count(link) > 1})
        assert repeated == [], f"{article['title']}: {repeated}"
    page = _open(tabs, width, reading_url)
    links = page.locator(".digest-page").evaluate(_STORY_LINKS)
    assert len(links) == len(set(links))


# ---- 5. charts -------------------------------------------------------------------------------------
@pytest.mark.parametrize("width", WIDTHS)
def test_a_chart_picks_its_bucket_from_the_span_and_says_one_sentence(tabs, reading_url, digest, reading_digest, width):
    person = max(digest["people"], key=lambda p: p["articles"])
    page = _open(tabs, width, reading_url + person["url"])
    plot = page.locator(".digest-chart__plot")
    bars = plot.locator(".digest-chart__col").count()
    # 2021-2024 is 16 quarters; with the real records (2013 on) it is 12 years. Never 48 or 140 months.
    expected = "year" if reading_digest[1] else "quarter"
    assert page.locator(".digest-chart figcaption").inner_text().endswith(f"per {expected}")
    assert 2 <= bars <= 24
    label = plot.get_attribute("aria-label")
    assert label.count(". ") == 0 and label.endswith(".") and len(label) < 240, label
    assert f"per {expected}" in label and re.search(r": \d+ in all, most in .+ \(\d+\)\.$", label), label
    box = page.locator(".digest-chart").bounding_box()
    assert box["height"] < 220, f"the chart takes {box['height']:.0f} px"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1


# ---- 6. a country's page shows its own flag first -------------------------------------------------
@pytest.mark.parametrize("width", WIDTHS)
def test_a_country_page_shows_its_own_flag_first(tabs, reading_url, digest, width):
    france = next(c for c in digest["countries"] if c["code"] == "FR")
    page = _open(tabs, width, reading_url + france["url"])
    strips = page.locator(".digest-list .digest-item__flags")
    assert strips.count() == france["articles"]
    firsts = strips.evaluate_all(
        "strips => strips.map(s => s.querySelector('.digest-flag').getAttribute('aria-label'))")
    assert set(firsts) == {"France"}, firsts


# ---- 7. bylines ------------------------------------------------------------------------------------
@pytest.mark.parametrize("width", WIDTHS)
def test_bylines_hold_people_only(tabs, reading_url, digest, reading_digest, width):
    page = _open(tabs, width, reading_url + _article(digest, "reading-lindqvist-baltic")["url"])
    assert page.locator(".digest-byline").inner_text() == "By Jana Vogt"
    if not reading_digest[1]:
        return
    expected = {"www.dw.com": "By Carsten Grün", "CNN": None}
    for article in digest["articles"]:
        if article["source"] in expected and article["authors"]:
            page = _open(tabs, width, reading_url + article["url"])
            byline = page.locator(".digest-byline").inner_text()
            if article["source"] == "CNN":
                assert "Tom Watkins" in byline and "CNN" not in byline, byline
            else:
                assert byline == expected[article["source"]], byline


# ---- 9. roles and the site feed -----------------------------------------------------------------
@pytest.mark.parametrize("width", WIDTHS)
def test_people_chips_carry_their_role_and_the_home_page_links_the_feed(tabs, reading_url, digest, width):
    page = _open(tabs, width, reading_url + _article(digest, "reading-nordic-warnings")["url"])
    chip = page.locator(".digest-chip--person", has_text="Anna Lindqvist")
    assert "Foreign Minister" in chip.inner_text() and chip.is_visible()
    home = _open(tabs, width, reading_url)
    feed = home.locator(".digest-masthead a[href$='feed.xml']")
    assert feed.is_visible()
    assert home.locator(".digest-masthead a[href$='rss.xml']").is_visible()


# ---- 8. search -------------------------------------------------------------------------------------
def material_search(page, queries: list[str]) -> dict[str, list[dict]]:
    """Each query typed into Material's search box: the results' paths and texts, in order."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    found = {}
    for query in queries:
        for _attempt in range(30):  # Material drops queries typed before its worker has its index
            box.fill(query)
            box.dispatch_event("keyup")
            try:
                page.wait_for_function("q => document.querySelector('.md-search-result__item') && "
                                       "document.querySelector('input.md-search__input').value === q",
                                       arg=query, timeout=500)
                break
            except Exception:
                continue
        page.wait_for_timeout(60)  # the result list re-renders once after the first item shows
        found[query] = page.eval_on_selector_all(
            ".md-search-result__item > a",
            "links => links.map(a => ({path: new URL(a.href).pathname, text: a.innerText}))")
    page.keyboard.press("Escape")
    return found


def test_search_puts_people_and_countries_first_and_shows_date_and_source(tabs, reading_url, digest):
    page = _open(tabs, 1366, reading_url)
    targets = {"Anna Lindqvist": "people/anna-lindqvist/", "Lindqvist": "people/anna-lindqvist/",
               "Tomasz Wrona": "people/tomasz-wrona/", "Wrona": "people/tomasz-wrona/",
               "Poland": "countries/pl/", "Sweden": "countries/se/"}
    found = material_search(page, [*targets, "Wroclaw flood"])
    for query, path in targets.items():
        assert found[query] and found[query][0]["path"].endswith("/" + path), (query, found[query][:3])
    article = found["Wroclaw flood"][0]
    assert article["path"].count("/articles/") == 1
    assert re.search(r"(Baltic Courier|Nordic Wire) · \d{1,2} \w{3} \d{4}", article["text"]), article["text"]


# ---- accessibility -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("scheme", "width"), [("light", 1366), ("dark", 1366), ("light", PHONE)])
def test_axe_finds_nothing_serious_on_the_reading_pages(browser, reading_url, digest, scheme, width):
    """The pages this digest has and the bundled one lacks: an undated article and the home page's
    undated list, a thread's article with the rail first, charts of quarters or years."""
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright",
                                     reason="axe-playwright-python is a test extra")
    axe = axe_module.Axe()
    pages = {"home": "", "article": _article(digest, "reading-oder-2")["url"],
             "undated": _article(digest, "reading-undated-guide")["url"],
             "person": max(digest["people"], key=lambda p: p["articles"])["url"],
             "country": next(c for c in digest["countries"] if c["code"] == "FR")["url"]}
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found = []
    try:
        for name, url in pages.items():
            page.goto(reading_url + url)
            for violation in axe.run(page).response["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    found.append(f"{name}: {violation['id']} {violation['help']} "
                                 f"{[node['target'] for node in violation['nodes'][:3]]}")
    finally:
        context.close()
    assert found == [], "\n".join(found)
