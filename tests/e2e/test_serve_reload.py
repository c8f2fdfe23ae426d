"""An editor's loop in a real browser: `mkdocs serve --dirty` on a copy of the bundled digest,
an article open in chromium, the article saved with a new sentence, and the open page showing it
without anyone pressing reload (MkDocs' livereload after the plugin's dirty rebuild), along with
the article's new title on its person page.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTICLE = "articles/2024/11/26/biden-announces-israel-hezbollah-ceasefire-deal-brokered.md"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_page(url: str, server: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"mkdocs serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"mkdocs serve did not answer {url} within {timeout} s")


@pytest.fixture
def served_digest(tmp_path, browser):
    """A copy of the bundled digest under `mkdocs serve --dirty`; yields (base URL, content dir)."""
    site = tmp_path / "digest"
    for name in ("content", "overrides"):
        shutil.copytree(REPO / name, site / name)
    for name in ("mkdocs.yml", "entities.yml"):
        shutil.copy2(REPO / name, site / name)
    port = _free_port()
    env = {**os.environ, "DIGEST_CACHE_DIR": str(tmp_path / "cache"), "NO_MKDOCS_2_WARNING": "1"}
    log_path = tmp_path / "serve.log"
    with log_path.open("w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}", "-f", str(site / "mkdocs.yml")],
            cwd=site, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for_page(base, server, timeout=240)
        yield base, site / "content", log_path
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def test_a_saved_article_shows_in_the_open_page_without_a_reload(page, served_digest):
    base, content, log_path = served_digest
    article_url = base + ARTICLE.removesuffix(".md") + "/"
    page.goto(article_url)
    assert page.locator("article h1").first.is_visible()

    article = content / ARTICLE
    text = article.read_text(encoding="utf-8")
    marker = "saved-by-the-editor-in-the-browser-test"
    new_title = "Ceasefire deal announced, revised headline from the desk"
    assert text.count("title: ") >= 1
    edited = text.rstrip("\n") + f"\n\nA closing line {marker}.\n"
    edited = edited.replace(next(line for line in text.splitlines() if line.startswith("title: ")),
                            f'title: "{new_title}"', 1)
    article.write_text(edited, encoding="utf-8")

    # No page.reload(): the page's livereload script reloads it once the rebuild is served.
    page.get_by_text(marker).wait_for(timeout=60_000)
    assert new_title in page.locator("article h1").first.inner_text()
    log = log_path.read_text(encoding="utf-8")
    assert "dirty build, 1 article(s) changed" in log, log  # the fast path, not a full rebuild

    # The article's person page lists it under its new title (a generated page the edit changed).
    page.goto(base + "people/")
    page.get_by_role("link", name="Joe Biden").first.click()
    page.get_by_text(new_title).first.wait_for(timeout=10_000)
    assert page.console_watch.errors == []
