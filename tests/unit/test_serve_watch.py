"""How serve notices a saved file (digest_plugin/speed/watcher.py): change events, filtered to
real changes, on the filesystems where they arrive."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest
import watchdog.events
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

import digest_plugin.speed.watcher as serve_watch
from digest_plugin.speed.watcher import (
    ContentChanges,
    NativeObserver,
    filesystem_type,
    folders_under,
    use_native_observer,
    watcher_for,
)

needs_inotify = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="change events are used on Linux")

MOUNTS = """\
overlay / overlay rw,relatime 0 0
/dev/sda1 /home ext4 rw,relatime 0 0
server:/export /home/editor/shared nfs4 rw,relatime 0 0
/dev/sdb1 /mnt/my\\040disk xfs rw 0 0
sshfs#me@host: /mnt/remote fuse.sshfs rw 0 0
"""


class Recorder(watchdog.events.FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: list[str] = []

    def on_any_event(self, event) -> None:
        self.events.append(event.event_type)


def test_only_events_that_change_a_file_are_passed_on():
    recorder = Recorder()
    changes = ContentChanges(recorder)
    for event in (
        watchdog.events.FileOpenedEvent("/d/a.md"),
        watchdog.events.FileClosedNoWriteEvent("/d/a.md"),
        watchdog.events.FileModifiedEvent("/d/a.md"),
        watchdog.events.FileClosedEvent("/d/a.md"),
        watchdog.events.FileCreatedEvent("/d/b.md"),
        watchdog.events.FileDeletedEvent("/d/b.md"),
        watchdog.events.FileMovedEvent("/d/.a.md.swp", "/d/a.md"),
        watchdog.events.FileAttribEvent("/d/a.md"),
        watchdog.events.DirModifiedEvent("/d"),
        watchdog.events.DirCreatedEvent("/d/2024"),
        watchdog.events.DirDeletedEvent("/d/2023"),
        watchdog.events.DirMovedEvent("/d/2022", "/elsewhere/2022"),
    ):
        changes.dispatch(event)
    assert recorder.events == ["modified", "closed", "created", "deleted", "moved", "attrib", "deleted", "deleted"]


def test_the_filesystem_is_that_of_the_longest_mount_point_holding_the_path():
    assert filesystem_type("/home/editor/site/content", MOUNTS) == "ext4"
    assert filesystem_type("/home/editor/shared/site/content", MOUNTS) == "nfs4"
    assert filesystem_type("/home/editor/sharedness", MOUNTS) == "ext4"  # a prefix, not a parent
    assert filesystem_type("/mnt/my disk/content", MOUNTS) == "xfs"  # \040 is a space
    assert filesystem_type("/srv/content", MOUNTS) == "overlay"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the mount table is read on Linux only")
def test_auto_polls_on_shared_filesystems_and_uses_events_elsewhere():
    assert watcher_for("/home/editor/site/content", "auto", MOUNTS) == "native"
    assert watcher_for("/srv/content", "auto", MOUNTS) == "native"  # a container's own files
    assert watcher_for("/home/editor/shared/content", "auto", MOUNTS) == "polling"
    assert watcher_for("/mnt/remote/content", "auto", MOUNTS) == "polling"
    assert watcher_for("/home/editor/site/content", "auto", "") == "polling"  # unknown: as MkDocs does
    assert watcher_for("/home/editor/shared/content", "native", MOUNTS) == "native"
    assert watcher_for("/home/editor/site/content", "polling", MOUNTS) == "polling"


def test_auto_polls_off_linux_where_the_native_backends_were_not_tried():
    assert watcher_for("/Users/editor/site/content", "auto", MOUNTS, platform="darwin") == "polling"
    assert watcher_for("C:/site/content", "auto", MOUNTS, platform="win32") == "polling"
    assert watcher_for("/home/editor/site/content", "native", MOUNTS, platform="darwin") == "native"


def _site(root: Path) -> tuple[Path, Path, Path]:
    docs = root / "content"
    (docs / "articles" / "2024").mkdir(parents=True)
    article = docs / "articles" / "2024" / "story.md"
    article.write_text("# A story\n", encoding="utf-8")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    return docs, article, config


def _server(root: Path, *watched: Path) -> LiveReloadServer:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root / "site"))
    for path in watched:
        server.watch(str(path))
    return server


def _close(server: LiveReloadServer) -> None:
    server.observer.stop()
    if server.observer.is_alive():
        server.observer.join()
    server.server_close()


@pytest.fixture
def served_folder(tmp_path):
    docs, article, config = _site(tmp_path)
    server = _server(tmp_path, docs, config)
    yield server, docs, article
    _close(server)


def _rebuild_wanted(server: LiveReloadServer, within: float) -> bool:
    """Whether MkDocs' handler asked for a rebuild within `within` seconds; clears the request."""
    with server._rebuild_cond:
        wanted = server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=within)
        server._want_rebuild = False
        return wanted


@needs_inotify
def test_the_server_gets_an_event_observer_that_wants_a_rebuild_on_a_save_but_not_on_a_read(served_folder):
    server, docs, article = served_folder
    assert isinstance(server.observer, PollingObserver)
    watched = dict(server._watched_paths)

    assert use_native_observer(server)
    assert isinstance(server.observer, NativeObserver)
    assert server.observer.is_alive()  # started at once, so a failure would have left it polling
    assert server._watched_paths == watched
    server.observer.start()  # what MkDocs' serve() does next: no error
    time.sleep(0.2)

    article.read_text(encoding="utf-8")  # a build reads every article: not a change
    assert not _rebuild_wanted(server, within=0.5)

    article.write_text("# A story, edited\n", encoding="utf-8")
    assert _rebuild_wanted(server, within=2.0)


def _atomic_save(path: Path, text: str) -> None:
    """As editors save: write a temporary file beside it, rename it over the original."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


SAVES = {
    "atomic save of an article": lambda docs, article, config, elsewhere: _atomic_save(article, "# Saved\n"),
    "atomic save of mkdocs.yml": lambda docs, article, config, elsewhere: _atomic_save(config, "site_name: y\n"),
    "new article in a new folder": lambda docs, article, config, elsewhere: (
        (docs / "articles" / "2025").mkdir(), (docs / "articles" / "2025" / "new.md").write_text("# New\n")),
    "article deleted": lambda docs, article, config, elsewhere: article.unlink(),
    "folder moved out of docs_dir": lambda docs, article, config, elsewhere: shutil.move(
        docs / "articles" / "2024", elsewhere / "2024"),
    "folder deleted": lambda docs, article, config, elsewhere: shutil.rmtree(docs / "articles" / "2024"),
    "dates changed only (touch -c)": lambda docs, article, config, elsewhere: os.utime(article, (1, 1)),
}


@needs_inotify
@pytest.mark.parametrize("change", SAVES.values(), ids=SAVES.keys())
def test_every_change_polling_would_see_wants_a_rebuild(tmp_path, change):
    docs, article, config = _site(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    server = _server(tmp_path, docs, config)
    try:
        assert use_native_observer(server)
        time.sleep(0.2)
        change(docs, article, config, elsewhere)
        assert _rebuild_wanted(server, within=3.0)
    finally:
        _close(server)


@needs_inotify
def test_a_docs_dir_reached_through_a_symbolic_link_is_watched_to_its_top(tmp_path):
    docs, article, config = _site(tmp_path / "real")
    linked = tmp_path / "linked"
    linked.symlink_to(docs, target_is_directory=True)
    server = _server(tmp_path, linked, config)
    try:
        assert use_native_observer(server)
        time.sleep(0.2)
        (docs / "index.md").write_text("# Home, edited\n", encoding="utf-8")
        assert _rebuild_wanted(server, within=3.0)
        article.write_text("# A story, edited\n", encoding="utf-8")
        assert _rebuild_wanted(server, within=3.0)
    finally:
        _close(server)


def test_too_many_folders_for_the_watch_limit_keep_the_server_polling(served_folder):
    server, docs, _article = served_folder
    assert folders_under([str(docs)], stop_after=100) == 3  # content, articles, 2024
    polling = server.observer
    assert not use_native_observer(server, watch_limit=8)  # a quarter of it: 2 folders
    assert server.observer is polling


@needs_inotify
def test_an_observer_that_fails_to_start_leaves_the_server_polling_what_it_watched(served_folder, monkeypatch):
    server, _docs, _article = served_folder
    watched = dict(server._watched_paths)
    polling = server.observer

    def no_watches_left(self):
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(serve_watch.NativeObserver, "start", no_watches_left)
    assert not use_native_observer(server)
    assert server.observer is polling
    assert server._watched_paths == watched
    assert set(server._watch_refs) == set(watched)
    assert all(ref in polling._handlers for ref in server._watch_refs.values())


def test_a_started_server_keeps_its_observer(served_folder):
    server, _docs, _article = served_folder
    server.observer.start()
    observer = server.observer
    assert not use_native_observer(server)
    assert server.observer is observer


def test_a_server_without_the_watch_table_is_left_polling():
    class OtherServer:
        def __init__(self) -> None:
            self.observer = PollingObserver()

    server = OtherServer()
    observer = server.observer
    assert not use_native_observer(server)
    assert server.observer is observer
