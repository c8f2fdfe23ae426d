"""Browser tests: the built bundled site served on localhost, driven by Playwright in Debian's chromium.

Never downloads a browser: without /usr/bin/chromium the browser tests skip and say why.
Screenshots go to test-artifacts/screenshots/ at the repository root.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from digest_plugin.siteview.pagefind import pagefind_installed
from tests.conftest import REPO
from tests.e2e.reading_digest import build_reading_digest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
# The flags a closed network needs: no background calls home that would fail by the dozen.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """A built site on a localhost port, for the length of the block; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


# Package scope: the server's and Playwright's threads end with the browser tests. A build
# forks helper processes only when it runs alone in its process (digest_plugin/speed/forks.py),
# and the integration tests that check those helpers run after these.
@pytest.fixture(scope="package")
def site_url(bundled_site):
    with serve(bundled_site) as url:
        yield url


@pytest.fixture(scope="package")
def reading_digest(tmp_path_factory) -> tuple[Path, bool]:
    """The reading tests' digest (tests/e2e/reading_digest.py), built once: (site, real records in it)."""
    root = tmp_path_factory.mktemp("reading")
    return build_reading_digest(root / "desk", root / "cache")


@pytest.fixture(scope="package")
def reading_url(reading_digest):
    with serve(reading_digest[0]) as url:
        yield url


@pytest.fixture(scope="package")
def pagefind_site_url(bundled_site, tmp_path_factory):
    """The bundled site built with `search: pagefind` (its extraction cache reused: no NER)."""
    if not pagefind_installed():
        pytest.skip("pagefind is not installed (pip install 'pagefind[bin]'): an optional extra")
    root = tmp_path_factory.mktemp("pagefind")
    # The bundled mkdocs.yml with search: pagefind, its paths made absolute.
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
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="package")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); browser tests need it")
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test extra")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class ConsoleWatch:
    """Collects console errors and page errors, so every visited page can be checked."""

    def __init__(self, page) -> None:
        self.errors: list[str] = []
        page.on("console", lambda msg: self.errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_watch = ConsoleWatch(page)
    yield page
    context.close()


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)
