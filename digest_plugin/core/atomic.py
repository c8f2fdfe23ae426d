"""All-or-nothing file writes: a temporary file in the target's folder, then `os.replace`.

Articles, cache entries and digest.json are written this way so that a crash or a full disk
never leaves half a file for a reader, a build or `mkdocs serve` to pick up.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _read_umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# Read once at import: os.umask can only be read by setting it, which is not thread-safe.
_UMASK = _read_umask()


def atomic_write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="\n", dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(text)
        # NamedTemporaryFile creates 0600; a published file must be readable as any other the
        # user writes (a web server or deploy job reading site/ may be another user).
        os.chmod(handle.name, 0o666 & ~_UMASK)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
