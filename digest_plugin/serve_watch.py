"""How `mkdocs serve` notices a saved file: the operating system's change events instead of polling.

MkDocs' server finds changes with watchdog's PollingObserver: every 0.5 s it lists and stats
every file under docs_dir and compares the listing with the last one. In a digest of 4,581
articles one listing took 33-70 ms here, so a save waits 0.25 s on average (up to half a second)
before the rebuild even starts, and the listings taken while the rebuild runs compete with it
for the interpreter. MkDocs polls because change events do not reach it on every filesystem:
network shares and folders shared into containers or virtual machines (NFS, SMB, 9p, FUSE,
VirtualBox and WSL's Windows drives) report only changes made on the same machine, or none.

`watcher_for(docs_dir, choice)` picks "native" (inotify on Linux, FSEvents on macOS,
ReadDirectoryChangesW on Windows, through watchdog's `Observer`) or "polling", where the choice
"auto" means native unless docs_dir is on one of those filesystems (read from /proc/self/mounts
on Linux). `use_native_observer(server)` swaps the server's observer before it starts,
rescheduling what MkDocs already watches; it reads the server's `_watched_paths` (MkDocs 1.6)
and leaves the server polling when that is not there.

Native events include files being opened and closed without a write (inotify reports every
read, and a build reads the articles), which MkDocs' handler would take for changes and rebuild
forever; only creations, writes, deletions and moves are passed on.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

import watchdog.events
import watchdog.observers

log = logging.getLogger("mkdocs.plugins.digest")

WATCHER_CHOICES = ("auto", "native", "polling")

# Event types that mean a file's content or presence changed ("closed" is a close after writing;
# a close without writing is "closed_no_write").
CHANGE_EVENTS = frozenset({"created", "modified", "deleted", "moved", "closed"})

# Filesystems whose change events miss writes made elsewhere (another machine, the host of a
# container or virtual machine): MkDocs' polling stays the way to see them.
SHARED_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "virtiofs", "vboxsf", "vmhgfs", "prl_fs",
    "drvfs", "fakeowner", "afs", "ceph", "glusterfs", "lustre", "gpfs", "davfs", "sshfs",
})


class ContentChanges(watchdog.events.FileSystemEventHandler):
    """Passes on to `handler` only the events that change a file, not those of reading one."""

    def __init__(self, handler: watchdog.events.FileSystemEventHandler) -> None:
        super().__init__()
        self.handler = handler

    def dispatch(self, event: watchdog.events.FileSystemEvent) -> None:
        if event.event_type in CHANGE_EVENTS:
            self.handler.dispatch(event)


class NativeObserver(watchdog.observers.Observer):  # type: ignore[misc, valid-type]
    """watchdog's platform observer, with every handler behind `ContentChanges`."""

    def schedule(self, event_handler: Any, path: str, recursive: bool = False, **options: Any) -> Any:
        return super().schedule(ContentChanges(event_handler), path, recursive=recursive, **options)


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


def watcher_for(docs_dir: str | os.PathLike[str], choice: str, mounts: str | None = None) -> str:
    """"native" or "polling" for `choice` ("auto", "native" or "polling") and docs_dir."""
    if choice != "auto":
        return choice
    if not sys.platform.startswith("linux"):
        return "native"
    kind = filesystem_type(docs_dir, mounts)
    if kind is None or kind in SHARED_FILESYSTEMS or kind.startswith("fuse"):
        return "polling"
    return "native"


def use_native_observer(server: Any) -> bool:
    """Give MkDocs' LiveReloadServer a `NativeObserver` with the same watched paths. False, and
    the server untouched, when it is not the server this was written for or has started."""
    watched = getattr(server, "_watched_paths", None)
    observer = getattr(server, "observer", None)
    if not isinstance(watched, dict) or observer is None or observer.is_alive():
        return False
    try:
        native = NativeObserver()
    except Exception as error:  # no native backend here: MkDocs' polling stays
        log.info("digest: file change events unavailable (%s); serve keeps polling", error)
        return False
    counts = dict(watched)
    for path, count in counts.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = native
    for path, count in counts.items():
        for _ in range(count):
            server.watch(path)
    return True
