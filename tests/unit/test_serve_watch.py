"""How serve notices a saved file (digest_plugin/serve_watch.py): change events, filtered to
real changes, on the filesystems where they arrive."""

from __future__ import annotations

import sys
import time

import pytest
import watchdog.events
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from digest_plugin.serve_watch import (
    ContentChanges,
    NativeObserver,
    filesystem_type,
    use_native_observer,
    watcher_for,
)

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
    ):
        changes.dispatch(event)
    assert recorder.events == ["modified", "closed", "created", "deleted", "moved"]


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


@pytest.fixture
def served_folder(tmp_path):
    docs = tmp_path / "content"
    (docs / "articles").mkdir(parents=True)
    article = docs / "articles" / "story.md"
    article.write_text("# A story\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    server.watch(str(docs))
    server.watch(str(config))
    yield server, docs, article
    server.observer.stop()
    if server.observer.is_alive():
        server.observer.join()
    server.server_close()


def _rebuild_wanted(server: LiveReloadServer, within: float) -> bool:
    with server._rebuild_cond:
        return server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=within)


def test_the_server_gets_an_event_observer_that_wants_a_rebuild_on_a_save_but_not_on_a_read(served_folder):
    server, docs, article = served_folder
    assert isinstance(server.observer, PollingObserver)
    watched = dict(server._watched_paths)

    assert use_native_observer(server)
    assert isinstance(server.observer, NativeObserver)
    assert server._watched_paths == watched
    server.observer.start()
    time.sleep(0.2)

    article.read_text(encoding="utf-8")  # a build reads every article: not a change
    assert not _rebuild_wanted(server, within=0.5)

    article.write_text("# A story, edited\n", encoding="utf-8")
    assert _rebuild_wanted(server, within=2.0)

    with server._rebuild_cond:
        server._want_rebuild = False
    (docs / "articles" / "new.md").write_text("# New\n", encoding="utf-8")
    assert _rebuild_wanted(server, within=2.0)


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
