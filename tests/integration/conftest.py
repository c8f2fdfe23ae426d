"""Real MkDocs builds of temporary digest sites, failing on any unexpected warning."""

from __future__ import annotations

import json
import logging
import textwrap
from dataclasses import dataclass
from pathlib import Path

import mkdocs
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from digest_plugin.cli.new import scaffold


@dataclass
class BuiltSite:
    root: Path
    warnings: list[str]

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def digest(self) -> dict:
        return json.loads((self.site / "digest.json").read_text(encoding="utf-8"))

    def html(self, url: str) -> str:
        path = self.site / url.lstrip("/")
        if url.endswith("/") or path.is_dir():
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


# "mkdocs", or "properdocs" when the tests run under ProperDocs (tests/conftest.py).
MKDOCS_LOGGER = mkdocs.__name__
PLUGIN_LOGGER = f"{MKDOCS_LOGGER}.plugins.digest"


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def write_article(root: Path, relpath: str, front_matter: str, body: str) -> Path:
    path = root / "content" / "articles" / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + textwrap.dedent(front_matter).strip() + "\n---\n\n" + textwrap.dedent(body).strip() + "\n",
                    encoding="utf-8")
    return path


def build_site(root: Path, *, strict: bool = True, allow_warnings: bool = False) -> BuiltSite:
    """Build the site at `root` in-process (as `mkdocs build` does) and collect warnings."""
    capture = _Capture()
    logger = logging.getLogger(MKDOCS_LOGGER)
    logger.addHandler(capture)
    try:
        config = load_config(str(root / "mkdocs.yml"), strict=strict)
        build(config)
    finally:
        logger.removeHandler(capture)
    if not allow_warnings:
        assert capture.messages == [], f"unexpected warnings: {capture.messages}"
    return BuiltSite(root, capture.messages)


@pytest.fixture
def new_site(tmp_path: Path) -> Path:
    root = tmp_path / "digest"
    scaffold(root, "Test digest")
    return root
