"""Search finds people and countries: a query for each of the ten most-mentioned people and the
ten most-mentioned countries of the bundled digest puts that entity's page first, in Material's
search and in Pagefind's; Pagefind's results show an article's date and source."""

from __future__ import annotations

import json

import pytest

from tests.e2e.test_reading import material_search

pytestmark = pytest.mark.e2e


def _top_ten(bundled_site) -> dict[str, str]:
    """Name -> page path of the ten people and ten countries in the most articles."""
    data = json.loads((bundled_site / "digest.json").read_text(encoding="utf-8"))
    people = sorted(data["people"], key=lambda p: (-p["articles"], p["name"]))[:10]
    countries = sorted(data["countries"], key=lambda c: (-c["articles"], c["name"]))[:10]
    return {entity["name"]: "/" + entity["url"] for entity in (*people, *countries)}


def test_material_search_puts_the_entitys_page_first(page, site_url, bundled_site):
    targets = _top_ten(bundled_site)
    page.goto(site_url)
    found = material_search(page, list(targets))
    misses = {query: [r["path"] for r in found[query][:3]] for query, path in targets.items()
              if not found[query] or found[query][0]["path"] != path}
    assert misses == {}, misses
    assert page.console_watch.errors == []




def test_pagefind_puts_the_entitys_page_first_and_shows_date_and_source(page, pagefind_site_url, bundled_site):
    targets = _top_ten(bundled_site)
    page.goto(pagefind_site_url)
    page.get_by_role("banner").get_by_role("button", name="Search").click()
    dialog = page.get_by_role("dialog", name="Search")
    box = dialog.locator(".pagefind-ui__search-input")
    misses = {}
    for query, path in targets.items():
        first = _pagefind_results(page, box, query)[0]
        if first != path:
            misses[query] = first
    assert misses == {}, misses
    _pagefind_results(page, box, "ceasefire")
    tags = dialog.locator(".pagefind-ui__result").first.locator(".pagefind-ui__result-tag").all_inner_texts()
    assert any(tag.startswith("Date: ") for tag in tags) and any(tag.startswith("Source: ") for tag in tags), tags
    assert page.console_watch.errors == []


# Pagefind's UI says "N results for <query>" at once, then loads each result's page data: the
# links are final when none is still loading and two reads 150 ms apart agree.
_SETTLED = """([query, last]) => {
    const message = document.querySelector('.pagefind-ui__message');
    if (!message || !message.textContent.includes(query)) return false;
    if (document.querySelector('.pagefind-ui__loading')) return false;
    const links = [...document.querySelectorAll('.pagefind-ui__result-link')].map(a => a.getAttribute('href'));
    return links.length > 0 && JSON.stringify(links) === last ? links : false;
}"""


def _pagefind_results(page, box, query: str) -> list[str]:
    box.fill(query)
    last = ""
    for _attempt in range(100):
        page.wait_for_timeout(150)
        settled = page.evaluate(_SETTLED, [query, last])
        if settled:
            return settled
        last = page.evaluate("JSON.stringify([...document.querySelectorAll('.pagefind-ui__result-link')]"
                             ".map(a => a.getAttribute('href')))")
    raise AssertionError(f"Pagefind's results for {query!r} did not settle")
