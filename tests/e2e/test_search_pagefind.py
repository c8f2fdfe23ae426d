"""The bundled site built with `search: pagefind`: a reader opens the header search and finds a person."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e


def test_header_search_finds_a_person(page, pagefind_site_url):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(pagefind_site_url)
    assert not [url for url in requests if "/pagefind/" in url], "search loaded before the reader asked"
    page.get_by_role("banner").get_by_role("button", name="Search").click()
    dialog = page.get_by_role("dialog", name="Search")
    dialog.locator(".pagefind-ui__search-input").fill("Sandu")
    first = dialog.locator(".pagefind-ui__result-link").first
    first.wait_for(timeout=15000)
    assert first.inner_text() == "Maia Sandu"
    screenshot(page, "search-pagefind")
    first.click()
    page.wait_for_url("**/people/maia-sandu/")
    assert page.console_watch.errors == []
