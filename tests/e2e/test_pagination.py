"""Stable pagination in a browser: from a list's first page, "Older" walks every older page (each
titled by the days it covers) and "Newer" walks back; the navigation is a labelled landmark and
axe-core finds no violation at all on these pages (siteview/paging.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from digest_plugin.cli.new import scaffold
from tests.e2e.conftest import serve
from tests.integration.conftest import build_site
from tests.integration.test_stable_pages import PAGE_SIZE, add_report

pytestmark = pytest.mark.e2e

DAYS = re.compile(r"\d{1,2}(–\d{1,2})? March 2024")


@pytest.fixture(scope="module")
def paged_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("paged") / "digest"
    scaffold(root, "Test digest")
    yml = root / "mkdocs.yml"
    options = f"  - digest:\n      page_size: {PAGE_SIZE}\n"
    yml.write_text(yml.read_text(encoding="utf-8").replace("  - digest\n", options), encoding="utf-8")
    for index in range(20):
        add_report(root, index)
    site: Path = build_site(root).site
    with serve(site) as url:
        yield url


def _nav(page):
    return page.get_by_role("navigation", name="Pages")


def test_older_and_newer_walk_every_page_of_a_list(page, paged_url):
    page.goto(paged_url + "people/ada-lovelace/")
    assert _nav(page).get_by_role("link", name="Newer").count() == 0
    visited = [page.url]
    while _nav(page).get_by_role("link", name=re.compile("Older")).count():
        _nav(page).get_by_role("link", name=re.compile("Older")).click()
        page.wait_for_load_state()
        visited.append(page.url)
        heading = page.get_by_role("heading", level=2, name=re.compile("^Articles")).inner_text()
        assert DAYS.search(heading), heading  # "Articles, 4–6 March 2024": no "page N of M"
        assert DAYS.search(page.title()) and not re.search(r"page \d", page.title(), re.IGNORECASE)
        assert page.locator(".digest-stats").count() == 0  # totals are on the first page only
    assert visited[-1].endswith("/people/ada-lovelace/page/1/") and len(visited) == 6
    while _nav(page).get_by_role("link", name=re.compile("Newer")).count():
        _nav(page).get_by_role("link", name=re.compile("Newer")).click()
        page.wait_for_load_state()
        visited.pop()
        assert page.url == visited[-1]
    assert len(visited) == 1
    assert page.console_watch.errors == []


def test_axe_finds_no_violation_on_list_pages(browser, paged_url):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright",
                                     reason="axe-playwright-python is a test extra")
    axe = axe_module.Axe()  # runs the axe.min.js the package ships: no network
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found: list[str] = []
    try:
        for url in ("latest/", "latest/page/1/", "latest/page/5/", "people/ada-lovelace/page/2/",
                    "countries/fr/page/3/", "archive/2024/03/page/4/"):
            page.goto(paged_url + url)
            for violation in axe.run(page).response["violations"]:
                found.append(f"{url}: {violation['id']} ({violation['impact']}) {violation['help']}")
    finally:
        context.close()
    assert found == [], "\n".join(found)  # none at all, not only serious or critical ones
