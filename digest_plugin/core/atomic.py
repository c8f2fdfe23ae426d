"""All-or-nothing file writes: a temporary file in the target's folder, then `os.replace`.

Articles, cache entries and digest.json are written this way so that a crash or a full disk
never leaves half a file for a reader, a build or `mkdocs serve` to pick up. A new article is
written with `atomic_create_text`, which also refuses to replace a file that is already there.
Temporary files are named `.<name>.<random>.tmp` (`is_temporary_name`), so what a killed writer
leaves behind can be recognised and removed.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from pathlib import Path


def _read_umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# Read once at import: os.umask can only be read by setting it, which is not thread-safe.
_UMASK = _read_umask()


_TEMPORARY_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def is_temporary_name(name: str) -> bool:
    """Whether a file name is one of this module's temporary files."""
    return bool(_TEMPORARY_NAME.match(name))


def atomic_write_text(path: Path, text: str) -> None:
    # NamedTemporaryFile creates 0600; a published file must be readable as any other the
    # user writes (a web server or deploy job reading site/ may be another user).
    temporary = _temporary_copy(path, text)
    try:
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _temporary_copy(path: Path, text: str) -> str:
    """A finished temporary file beside `path` holding `text`, readable as `atomic_write_text` makes it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below; the file outlives the handle
        "w", encoding="utf-8", newline="\n", dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(text)
        os.chmod(handle.name, 0o666 & ~_UMASK)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return handle.name


def atomic_create_text(path: Path, text: str) -> None:
    """Write `text` to `path` only if no file is there: FileExistsError otherwise, and never a
    half-written `path`. Two writers racing for one name cannot both win, so neither loses its
    file (a hard link to a finished temporary file is created, or fails, in one step)."""
    temporary = _temporary_copy(path, text)
    try:
        try:
            os.link(temporary, path)
        except OSError as error:
            if error.errno not in _NO_HARD_LINKS:
                raise
            # A filesystem without hard links: claim the name exclusively, then fill it.
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
            try:
                os.replace(temporary, path)
            except BaseException:
                path.unlink(missing_ok=True)
                raise
    finally:
        Path(temporary).unlink(missing_ok=True)


# What os.link fails with where a filesystem has no hard links (FAT, some FUSE and SMB mounts).
_NO_HARD_LINKS = frozenset({errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EXDEV, errno.EMLINK})


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """`atomic_write_text` for binary content (numpy's .npz of the related-stories state)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below; the file outlives the handle
        "wb", dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(data)
        os.chmod(handle.name, 0o666 & ~_UMASK)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
