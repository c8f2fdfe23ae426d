"""How `mkdocs serve` notices a saved file: the operating system's change events instead of polling.

MkDocs' server finds changes with watchdog's PollingObserver: every 0.5 s it lists and stats
every file under docs_dir and compares the listing with the last one. In a digest of 4,581
articles one listing took 33-70 ms here, so a save waits 0.25 s on average (up to half a second)
before the rebuild even starts, and the listings taken while the rebuild runs compete with it
for the interpreter. MkDocs polls because change events do not reach it on every filesystem:
network shares and folders shared into containers or virtual machines (NFS, SMB, 9p, FUSE,
VirtualBox and WSL's Windows drives) report only changes made on the same machine, or none.

`watcher_for(docs_dir, choice)` picks "native" (inotify, through watchdog's `Observer`) or
"polling". "auto" means native on Linux unless docs_dir is on one of those filesystems (read
from /proc/self/mounts), and polling elsewhere: on macOS and Windows the native backends were
not tried here, and watchdog's fallback on BSD (kqueue) holds a file open per watched file.
`use_native_observer(server)` swaps the server's observer before it starts, rescheduling what
MkDocs already watches (it reads the server's `_watched_paths` and `_watch_refs`, MkDocs 1.6),
and starts it at once so that a failure (inotify's limits) leaves the server polling; it also
keeps polling when the folders to watch would take a large share of inotify's watch limit,
because watchdog skips a subfolder it cannot watch without a word.

Native events include files being opened and closed without a write (inotify reports every
read, and a build reads the articles), which MkDocs' handler would take for changes and rebuild
forever; only creations, writes, deletions, moves and metadata changes are passed on. MkDocs'
handler ignores folder events, which polling never needs (it sees every file of a moved or
deleted folder go), so a folder deleted or moved is passed on as a file event. Symbolic links
are followed, as MkDocs follows them when it collects the pages.
"""

from __future__ import annotations

import contextlib
import inspect
import logging
import os
import sys
from pathlib import Path
from typing import Any

import watchdog.events
import watchdog.observers
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

log = logging.getLogger(__name__)

WATCHER_CHOICES = ("auto", "native", "polling")

# Event types that mean a file's content, presence or dates changed ("closed" is a close after
# writing; a close without writing is "closed_no_write"; "attrib" covers `touch -c`).
CHANGE_EVENTS = frozenset({"created", "modified", "deleted", "moved", "closed", "attrib"})

# Filesystems whose change events miss writes made elsewhere (another machine, the host of a
# container or virtual machine): MkDocs' polling stays the way to see them.
SHARED_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "virtiofs", "vboxsf", "vmhgfs", "prl_fs",
    "drvfs", "fakeowner", "afs", "ceph", "glusterfs", "lustre", "gpfs", "davfs", "sshfs",
})

# Keep polling when the folders to watch exceed this share of inotify's per-user watch limit:
# the limit is shared with every other program of the user (editors, IDEs, sync tools).
WATCH_LIMIT_SHARE = 0.25

_FOLLOWS_SYMLINKS = "follow_symlink" in inspect.signature(BaseObserver.schedule).parameters


class ContentChanges(watchdog.events.FileSystemEventHandler):
    """Passes on to `handler` only the events that change a file, not those of reading one."""

    def __init__(self, handler: watchdog.events.FileSystemEventHandler) -> None:
        super().__init__()
        self.handler = handler

    def dispatch(self, event: watchdog.events.FileSystemEvent) -> None:
        if event.event_type not in CHANGE_EVENTS:
            return
        if event.is_directory:
            if event.event_type not in ("deleted", "moved"):
                return  # files created or changed inside get events of their own
            # The folder's files went with it; MkDocs' handler ignores folder events.
            event = watchdog.events.FileDeletedEvent(event.src_path)
        self.handler.dispatch(event)


class NativeObserver(watchdog.observers.Observer):  # type: ignore[misc, valid-type]
    """watchdog's platform observer: every handler behind `ContentChanges`, symbolic links
    followed, and a second `start()` (MkDocs' serve) a no-op once `use_native_observer` started it."""

    def schedule(self, event_handler: Any, path: str, recursive: bool = False, **options: Any) -> Any:
        if _FOLLOWS_SYMLINKS:
            options.setdefault("follow_symlink", True)
        return super().schedule(ContentChanges(event_handler), path, recursive=recursive, **options)

    def start(self) -> None:
        if not self.is_alive():
            super().start()


def filesystem_type(path: str | os.PathLike[str], mounts: str | None = None) -> str | None:
    """The filesystem type of the mount holding `path` (Linux's mount table), or None if unknown.

    `mounts` is the text of /proc/self/mounts (read when not given)."""
    if mounts is None:
        try:
            mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = os.path.realpath(path)
    best, best_type = "", None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        # The mount table escapes spaces and other characters in octal (\040).
        point = fields[1].encode("latin-1", "backslashreplace").decode("unicode_escape")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, fields[2]
    return best_type


def watcher_for(docs_dir: str | os.PathLike[str], choice: str, mounts: str | None = None,
                platform: str = sys.platform) -> str:
    """"native" or "polling" for `choice` ("auto", "native" or "polling") and docs_dir."""
    if choice != "auto":
        return choice
    if not platform.startswith("linux"):
        return "polling"
    kind = filesystem_type(docs_dir, mounts)
    if kind is None or kind in SHARED_FILESYSTEMS or kind.startswith("fuse"):
        return "polling"
    return "native"


def inotify_watch_limit() -> int | None:
    """inotify's per-user watch limit, or None where there is none to read."""
    try:
        return int(Path("/proc/sys/fs/inotify/max_user_watches").read_text(encoding="ascii"))
    except (OSError, ValueError):
        return None


def folders_under(paths: list[str], stop_after: int) -> int:
    """Folders a recursive watch of `paths` takes (symbolic links followed), counting no further
    than `stop_after`."""
    count = 0
    seen: set[str] = set()
    for path in paths:
        if not os.path.isdir(path):
            continue
        for folder, _subfolders, _files in os.walk(path, followlinks=True):
            real = os.path.realpath(folder)
            if real in seen:
                continue  # a link back up the tree: os.walk would go round it forever
            seen.add(real)
            count += 1
            if count > stop_after:
                return count
    return count


def use_native_observer(server: Any, watch_limit: int | None = None) -> bool:
    """Give MkDocs' LiveReloadServer a started `NativeObserver` with the same watched paths.
    False, and the server left as it was, when it is not the server this was written for, has
    started, or change events are not to be had (see the module docstring)."""
    watched = getattr(server, "_watched_paths", None)
    refs = getattr(server, "_watch_refs", None)
    old = getattr(server, "observer", None)
    if not isinstance(watched, dict) or not isinstance(refs, dict) or old is None or old.is_alive():
        return False
    if issubclass(watchdog.observers.Observer, PollingObserver) or not _FOLLOWS_SYMLINKS:  # type: ignore[arg-type]
        log.info("watchdog offers no change events here (or cannot follow links); serve keeps polling")
        return False
    limit = inotify_watch_limit() if watch_limit is None else watch_limit
    if limit is not None:
        allowed = int(limit * WATCH_LIMIT_SHARE)
        if folders_under(list(watched), stop_after=allowed) > allowed:
            log.info("docs_dir has more folders than a quarter of inotify's watch limit "
                     "(fs.inotify.max_user_watches = %d); serve keeps polling", limit)
            return False
    recursive = {path: getattr(refs.get(path), "is_recursive", True) for path in watched}
    counts = dict(watched)
    for path, count in counts.items():
        for _ in range(count):
            server.unwatch(path)
    native = NativeObserver()
    server.observer = native
    try:
        for path, count in counts.items():
            for _ in range(count):
                server.watch(path, recursive=recursive[path])
        native.start()
    except OSError as error:  # inotify's instance or watch limit: back to MkDocs' polling
        log.warning("file change events unavailable (%s); serve keeps polling", error)
        for path in list(watched):  # forget the native watches: their observer is dropped
            del watched[path]
            refs.pop(path, None)
        with contextlib.suppress(Exception):
            native.stop()
        server.observer = old
        for path, count in counts.items():
            for _ in range(count):
                server.watch(path, recursive=recursive[path])
        return False
    return True
