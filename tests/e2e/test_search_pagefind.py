"""The bundled site built with `search: pagefind`: a reader opens the header search and finds a person."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading

import pytest

from digest_plugin.siteview.pagefind import pagefind_installed
from tests.conftest import REPO
from tests.e2e.conftest import _QuietHandler, screenshot


@pytest.fixture(scope="module")
def pagefind_site_url(bundled_site, tmp_path_factory):
    if not pagefind_installed():
        pytest.skip("pagefind is not installed (pip install 'pagefind[bin]'): an optional extra")
    root = tmp_path_factory.mktemp("pagefind")
    # The bundled mkdocs.yml with search: pagefind, its paths made absolute; the bundled build's
    # extraction cache is reused, so this build runs no NER.
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for relative in ("docs_dir: content", "custom_dir: overrides", "entities_file: entities.yml"):
        key, value = relative.split(": ")
        assert relative in text, relative
        text = text.replace(relative, f"{key}: {REPO / value}")
    text = text.replace("      entities_file:", "      search: pagefind\n      entities_file:")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    site_dir = root / "site"
    env = {**os.environ, "DIGEST_CACHE_DIR": str(bundled_site.parent / "cache")}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"),
                             "-d", str(site_dir)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    thread.join()
    server.server_close()


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
