"""A full build renders pages on two processes, has a child write digest.json and the feeds,
and writes exactly what one process writes.

The thresholds (pages sampled before deciding, smallest site worth a fork) are lowered so that
the small test digest starts the helper; everything else is the real build.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from digest_plugin.speed import render_ahead, render_cache
from digest_plugin.speed.forks import fork_available
from tests.integration.conftest import PLUGIN_LOGGER, write_article
from tests.integration.test_build import MACRON, OVERRIDE, SCHOLZ

pytestmark = pytest.mark.skipif(not fork_available(), reason="needs the fork start method")


@pytest.fixture
def site(new_site: Path, monkeypatch) -> Path:
    monkeypatch.setattr(render_cache, "AHEAD_SAMPLE", 1)  # forks inside the home page, a nav page
    monkeypatch.setattr(render_cache, "MIN_PAGES", 5)
    for relpath, front_matter, body in (MACRON, SCHOLZ, OVERRIDE):
        write_article(new_site, relpath, front_matter, body)
    return new_site


_last_config = []


def _plugin_of_last_build():
    return _last_config[-1].plugins["digest"]


def _build(root: Path, site_dir: Path, *, processes: int, cache_dir: str) -> tuple:
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
    plugin = config.plugins["digest"]
    # MkDocs keeps one plugin instance per process: say what kind of build this is.
    config.plugins.on_startup(command="build", dirty=False)
    plugin.config.processes = processes
    plugin.config.cache_dir = cache_dir
    build(config)
    _last_config.append(config)
    stats = plugin.build.render_stats
    return (stats.from_cache, stats.rendered), stats.by_helper


def _pages(site: Path) -> dict[str, bytes]:
    """Every page, JSON file (the search index, digest.json) and feed of a built site."""
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*"))
            if path.suffix in (".html", ".json") or path.name in ("feed.xml", "rss.xml")}


def test_two_processes_write_the_same_site_as_one(site, tmp_path):
    (hits, misses), helper_pages = _build(site, tmp_path / "two", processes=2, cache_dir=".cache/two")
    assert hits == 0 and misses > 10
    assert _plugin_of_last_build().build.outputs_by_child
    # The helper took pages from the end while MkDocs rendered from the start.
    assert helper_pages is not None and 0 < helper_pages < misses
    _, no_helper = _build(site, tmp_path / "one", processes=1, cache_dir=".cache/one")
    assert no_helper is None
    two, one = _pages(tmp_path / "two"), _pages(tmp_path / "one")
    assert "digest.json" in one and "feed.xml" in one and "rss.xml" in one
    assert two.keys() == one.keys()
    assert [page for page in one if two[page] != one[page]] == []


def test_a_warm_build_starts_no_helper(site, tmp_path):
    _build(site, tmp_path / "first", processes=2, cache_dir=".cache/digest")
    (hits, misses), helper_pages = _build(site, tmp_path / "second", processes=2, cache_dir=".cache/digest")
    assert misses == 0 and hits > 10
    assert helper_pages is None


def test_pages_a_failed_helper_claimed_are_rendered_by_mkdocs(site, tmp_path, monkeypatch):
    calls = []

    def fail_after_two(self, file, flag):
        calls.append(file.src_uri)  # in the helper's memory: counts its own pages only
        if len(calls) > 2:
            raise RuntimeError("helper breaks down")
        return original(self, file, flag)

    original = render_ahead.RenderAhead._render_page
    monkeypatch.setattr(render_ahead.RenderAhead, "_render_page", fail_after_two)
    (hits, misses), helper_pages = _build(site, tmp_path / "broken", processes=2, cache_dir=".cache/broken")
    assert helper_pages == 2  # the two pages it rendered before breaking down; MkDocs rendered the rest
    monkeypatch.setattr(render_ahead.RenderAhead, "_render_page", original)
    _build(site, tmp_path / "one", processes=1, cache_dir=".cache/one")
    broken, one = _pages(tmp_path / "broken"), _pages(tmp_path / "one")
    assert broken.keys() == one.keys()
    assert [page for page in one if broken[page] != one[page]] == []


def test_feeds_a_failed_child_did_not_write_are_written_by_the_build(site, tmp_path, monkeypatch):
    from digest_plugin.glue import build as plugin_module

    builder = os.getpid()
    real_write_feeds = plugin_module.write_feeds

    def fails_in_a_child(*args, **kwargs):
        if os.getpid() != builder:
            raise OSError("disk trouble in the child")
        return real_write_feeds(*args, **kwargs)

    monkeypatch.setattr(plugin_module, "write_feeds", fails_in_a_child)
    _build(site, tmp_path / "fallback", processes=2, cache_dir=".cache/fallback")
    assert not _plugin_of_last_build().build.outputs_by_child
    monkeypatch.setattr(plugin_module, "write_feeds", real_write_feeds)
    _build(site, tmp_path / "one", processes=1, cache_dir=".cache/one")
    fallback, one = _pages(tmp_path / "fallback"), _pages(tmp_path / "one")
    assert fallback.keys() == one.keys() and "feed.xml" in one
    assert [page for page in one if fallback[page] != one[page]] == []


def test_pages_whose_render_logged_in_the_helper_are_rendered_by_mkdocs(site, tmp_path, monkeypatch, caplog):
    real_render = render_cache._render_plain

    def logs_while_rendering(template, context):
        logging.getLogger(PLUGIN_LOGGER).warning("a template complained")
        return real_render(template, context)

    monkeypatch.setattr(render_cache, "_render_plain", logs_while_rendering)  # only the helper uses it
    with caplog.at_level(logging.WARNING):
        (_, misses), helper_pages = _build(site, tmp_path / "logged", processes=2, cache_dir=".cache/logged")
    assert helper_pages == 0 and misses > 10  # the helper ran, and MkDocs used none of its pages
    assert "a template complained" not in caplog.text  # the helper's log went nowhere
    monkeypatch.setattr(render_cache, "_render_plain", real_render)
    _build(site, tmp_path / "one", processes=1, cache_dir=".cache/one")
    logged, one = _pages(tmp_path / "logged"), _pages(tmp_path / "one")
    assert logged.keys() == one.keys()
    assert [page for page in one if logged[page] != one[page]] == []


def test_a_site_file_at_a_feed_path_keeps_the_feeds_in_the_build_process(site, tmp_path):
    (site / "content" / "feed.xml").write_text("<rss>an editor's own file</rss>\n", encoding="utf-8")
    _build(site, tmp_path / "own", processes=2, cache_dir=".cache/own")
    assert not _plugin_of_last_build().build.outputs_by_child
    # Written after MkDocs copied the editor's file, as in a one-process build: the digest's feed wins.
    assert "an editor's own file" not in (tmp_path / "own" / "feed.xml").read_text(encoding="utf-8")
