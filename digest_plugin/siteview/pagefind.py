"""Pagefind over a built site: the index a reader's search downloads chunk by chunk.

The binary comes from the `pagefind` package on PyPI with its `bin` extra (`pagefind-bin`), run
as `python -m pagefind`, so the build needs no Node. Which parts of a page are indexed is decided
by the templates (`data-pagefind-body` / `data-pagefind-ignore`), not here.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BUNDLE_DIR = "pagefind"  # Pagefind's default output folder inside the site


NOT_INSTALLED = ("search: pagefind needs the Python package `pagefind` with its binary: "
                 "pip install 'pagefind[bin]' (or news-digest[pagefind])")


class PagefindError(RuntimeError):
    """Pagefind is missing or failed; the message says which and why."""


@dataclass(frozen=True)
class PagefindRun:
    bundle: Path  # site_dir / "pagefind"
    seconds: float
    log: str  # Pagefind's own summary (pages and words indexed)


def pagefind_installed() -> bool:
    return importlib.util.find_spec("pagefind") is not None


def index_site(site_dir: Path, *, timeout: float = 1800.0) -> PagefindRun:
    """Index the HTML under `site_dir` into `site_dir/pagefind/`; raises PagefindError."""
    if not pagefind_installed():
        raise PagefindError(NOT_INSTALLED)
    if not site_dir.is_dir():
        raise PagefindError(f"search: pagefind: site folder {site_dir} does not exist")
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE_DIR]
    started = time.perf_counter()
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as error:
        raise PagefindError(f"search: pagefind did not finish indexing {site_dir} in {timeout:.0f} s") from error
    seconds = time.perf_counter() - started
    output = (completed.stdout or "") + (completed.stderr or "")
    if completed.returncode != 0:
        # `python -m pagefind` exits non-zero too when the package has no binary (no `bin` extra).
        raise PagefindError(f"search: pagefind failed on {site_dir} (exit {completed.returncode}): "
                            f"{output.strip()[-2000:]}")
    return PagefindRun(bundle=site_dir / BUNDLE_DIR, seconds=seconds, log=output)
