"""Dirty rebuilds as `mkdocs serve --dirty` runs them: one plugin instance, an edit, a rebuild.

The rebuild must rewrite every page a full build would change (nothing stale is served) and
leave pages the edit does not touch alone.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.integration.conftest import PLUGIN_LOGGER, write_article
from tests.integration.test_build import MACRON, OVERRIDE, SCHOLZ

NEW_TITLE = "Macron and Scholz agree on winter air defence for Kyiv"


def _pages(site: Path) -> dict[str, tuple[int, str]]:
    """(mtime_ns, text) of every HTML page of a built site, by path relative to the site."""
    return {str(p.relative_to(site)): (p.stat().st_mtime_ns, p.read_text(encoding="utf-8"))
            for p in site.rglob("*.html")}


@pytest.fixture
def serve_config(new_site):
    for relpath, front_matter, body in (MACRON, SCHOLZ, OVERRIDE):
        write_article(new_site, relpath, front_matter, body)
    config = load_config(str(new_site / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=True)
    plugin = config.plugins["digest"]
    yield new_site, config
    # MkDocs keeps plugins with on_startup for the whole process: leave it as a plain build finds it.
    config.plugins.on_shutdown()  # as serve's exit does: the garbage collector back on, no timer left
    assert plugin.session is None  # the next build in this process starts a session of its own


def test_dirty_rebuild_rewrites_every_changed_page_and_only_those(serve_config, tmp_path):
    root, config = serve_config
    build(config, dirty=True)  # serve's first build: the site folder is empty, everything is written
    site = Path(config.site_dir)
    before = _pages(site)
    digest = json.loads((site / "digest.json").read_text(encoding="utf-8"))
    macron_page = next(p["url"] for p in digest["people"] if p["name"] == "Emmanuel Macron")
    sandu_page = next(p["url"] for p in digest["people"] if p["name"] == "Maia Sandu")

    article = root / "content" / "articles" / MACRON[0]
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace('title: "Macron visits Berlin: talks on Ukraine aid"', f'title: "{NEW_TITLE}"'),
                       encoding="utf-8")

    # serve reloads the config for each rebuild; the plugin instance is the same one.
    rebuild_config = load_config(str(root / "mkdocs.yml"))
    assert rebuild_config.plugins["digest"] is config.plugins["digest"]
    build(rebuild_config, dirty=True)
    after = _pages(site)
    rewritten = {path for path, (mtime, _) in after.items() if before.get(path, (None,))[0] != mtime}

    def html(url: str) -> str:
        return after[str(Path(url.strip("/")) / "index.html") if url.strip("/") else "index.html"][1]

    article_url = "articles/" + MACRON[0][: -len(".md")] + "/"
    assert NEW_TITLE in html(article_url)
    assert NEW_TITLE in html(macron_page)
    assert NEW_TITLE in html("/")
    sandu_file = str(Path(sandu_page.strip("/")) / "index.html")
    assert sandu_file not in rewritten, "a page the edit does not touch was rewritten"
    assert NEW_TITLE not in html(sandu_page)
    assert len(rewritten) < len(after)

    # Soundness: every page a full build changes was rewritten by the dirty build.
    full_config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "full"))
    build(full_config)
    full = _pages(tmp_path / "full")
    changed_by_edit = {path for path, (_, text) in full.items() if before.get(path, (0, None))[1] != text}
    assert str(Path(article_url) / "index.html") in changed_by_edit  # the comparison sees the edit
    assert changed_by_edit <= rewritten, f"stale after a dirty build: {sorted(changed_by_edit - rewritten)}"
    shutil.rmtree(tmp_path / "full")


def test_dirty_rebuild_adds_the_page_of_a_person_an_edit_introduces(serve_config, tmp_path):
    root, config = serve_config
    build(config, dirty=True)
    site = Path(config.site_dir)
    before = _pages(site)
    article = root / "content" / "articles" / OVERRIDE[0]
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("people: [Maia Sandu]", "people: [Maia Sandu, Igor Grosu]"), encoding="utf-8")

    build(load_config(str(root / "mkdocs.yml")), dirty=True)
    after = _pages(site)
    rewritten = {path for path, (mtime, _) in after.items() if before.get(path, (None,))[0] != mtime}
    digest = json.loads((site / "digest.json").read_text(encoding="utf-8"))
    grosu = next(p["url"] for p in digest["people"] if p["name"] == "Igor Grosu")
    assert str(Path(grosu.strip("/")) / "index.html") in after
    assert "Igor Grosu" in after["people/index.html"][1]
    assert len(rewritten) < len(after), "a new person should not rebuild every page"

    full_config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "full"))
    build(full_config)
    full = _pages(tmp_path / "full")
    assert set(full) == set(after)
    changed_by_edit = {path for path, (_, text) in full.items() if before.get(path, (0, None))[1] != text}
    assert changed_by_edit <= rewritten, f"stale after a dirty build: {sorted(changed_by_edit - rewritten)}"


ADDED = (
    "2024/11/08/scholz-sets-vote-date.md",
    """
    title: Scholz sets a date for the confidence vote
    date: 2024-11-08T10:00:00+00:00
    source: Example Wire
    summary: The chancellor will face the Bundestag in mid-December.
    id: t-scholz-vote-date
    """,
    """
    German Chancellor Olaf Scholz said on Friday the confidence vote would be held on
    December 16, after talks with opposition leader Friedrich Merz.
    """,
)


def test_articles_added_and_removed_while_serving_rebuild_only_what_they_touch(serve_config, tmp_path, caplog):
    root, config = serve_config
    build(config, dirty=True)
    site = Path(config.site_dir)
    before = _pages(site)
    write_article(root, *ADDED)
    (root / "content" / "articles" / MACRON[0]).unlink()  # inside the span: the charts keep their weeks
    with caplog.at_level("INFO", logger=PLUGIN_LOGGER):
        build(load_config(str(root / "mkdocs.yml")), dirty=True)
    assert "1 added, 1 removed" in caplog.text and "every page" not in caplog.text
    after = _pages(site)
    rewritten = {path for path, (mtime, _) in after.items() if before.get(path, (None,))[0] != mtime}
    assert len(rewritten) < len(after), "an added article should not rebuild every page"

    full_config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "full"))
    build(full_config)
    full = _pages(tmp_path / "full")
    assert set(full) == set(after), "pages of the removed article (or its person) are left, or new ones missing"
    changed = {path for path, (_, text) in full.items() if before.get(path, (0, None))[1] != text}
    assert "articles/" + ADDED[0][: -len(".md")] + "/index.html" in changed
    assert changed <= rewritten, f"stale after a dirty build: {sorted(changed - rewritten)}"


def test_serve_reads_the_extraction_cache_pack_once_per_session(serve_config, monkeypatch):
    from digest_plugin.core.entities.cache import ExtractionCache

    root, config = serve_config
    build(config, dirty=True)  # serve's first build loads the pack (there is none yet)
    reads = []
    read_pack = ExtractionCache._read_pack
    monkeypatch.setattr(ExtractionCache, "_read_pack", lambda cache: reads.append(cache) or read_pack(cache))
    article = root / "content" / "articles" / MACRON[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nTalks resume on Friday.\n", encoding="utf-8")
    build(load_config(str(root / "mkdocs.yml")), dirty=True)  # the edited article is extracted anew
    assert reads == []
    page = Path(config.site_dir) / "articles" / MACRON[0].replace(".md", "/index.html")
    assert "Talks resume on Friday." in page.read_text(encoding="utf-8")


def test_serve_pauses_the_garbage_collector_for_rebuilds_after_an_edit_only(serve_config, monkeypatch):
    import gc
    import time

    from digest_plugin.speed.gc_pause import CollectorPause

    root, config = serve_config
    plugin = config.plugins["digest"]
    import digest_plugin.glue.build as plugin_module

    states = []  # whether the collector was on while each build assembled the digest
    assemble = plugin_module.assemble
    monkeypatch.setattr(plugin_module, "assemble", lambda *a, **kw: states.append(gc.isenabled()) or assemble(*a, **kw))
    plugin.session.speed.collector = CollectorPause(delay=0.05)
    build(config, dirty=True)  # serve's first build reads the whole digest: the collector stays on
    assert states == [True] and gc.isenabled()
    article = root / "content" / "articles" / MACRON[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nTalks resume on Friday.\n", encoding="utf-8")
    build(load_config(str(root / "mkdocs.yml")), dirty=True)
    assert states == [True, False]  # paused during the rebuild
    deadline = time.monotonic() + 5
    while not gc.isenabled() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert gc.isenabled()  # and back on once it is over


def _stop_watching(server) -> None:
    """What serve's shutdown does: the observer (started by the plugin's on_serve) and the socket."""
    server.observer.stop()
    if server.observer.is_alive():
        server.observer.join()
    server.server_close()


def test_serve_watches_the_docs_through_change_events_unless_told_to_poll(serve_config):
    from mkdocs.livereload import LiveReloadServer
    from watchdog.observers.polling import PollingObserver

    from digest_plugin.speed.watcher import NativeObserver, watcher_for

    root, config = serve_config
    if watcher_for(config.docs_dir, "auto") != "native":
        pytest.skip("the test folder is on a shared filesystem (or the mount table is unreadable): auto polls")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root / "site"))
    try:
        server.watch(config.docs_dir)
        server.watch(config.config_file_path)
        assert config.plugins.on_serve(server, config=config, builder=lambda: None) is server
        assert isinstance(server.observer, NativeObserver)
        assert set(server._watched_paths) == {config.docs_dir, config.config_file_path}

        yml = root / "mkdocs.yml"
        polling = yml.read_text(encoding="utf-8").replace("  - digest\n", "  - digest:\n      serve_watcher: polling\n")
        yml.write_text(polling, encoding="utf-8")
        polling_config = load_config(str(yml))
        assert polling_config.plugins["digest"].config.serve_watcher == "polling"
        polling_server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root / "site"))
        polling_server.watch(polling_config.docs_dir)
        polling_config.plugins.on_serve(polling_server, config=polling_config, builder=lambda: None)
        assert type(polling_server.observer) is PollingObserver
        polling_server.server_close()
    finally:
        _stop_watching(server)


def test_plain_serve_of_a_big_digest_suggests_dirty_rebuilds(new_site, monkeypatch, caplog):
    import logging

    from mkdocs.livereload import LiveReloadServer

    import digest_plugin.glue.session as plugin_module

    for relpath, front_matter, body in (MACRON, SCHOLZ, OVERRIDE):
        write_article(new_site, relpath, front_matter, body)
    config = load_config(str(new_site / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(new_site / "site"))
    try:
        build(config)
        caplog.set_level(logging.INFO, logger=PLUGIN_LOGGER)
        monkeypatch.setattr(plugin_module, "DIRTY_HINT_ARTICLES", 4)
        config.plugins.on_serve(server, config=config, builder=lambda: None)
        assert "--dirty" not in caplog.text  # three articles: a full rebuild is quick
        monkeypatch.setattr(plugin_module, "DIRTY_HINT_ARTICLES", 3)
        config.plugins.on_serve(server, config=config, builder=lambda: None)
        assert "every save rebuilds all 3 articles' pages; `mkdocs serve --dirty`" in caplog.text
    finally:
        _stop_watching(server)
        config.plugins.on_shutdown()
