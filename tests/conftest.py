"""Shared test set-up: quiet Material's MkDocs 2 banner, and locate ../shared when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

if os.environ.get("DIGEST_TEST_UNDER") == "properdocs":
    # CI runs the integration tests a second time under ProperDocs, the maintained continuation of
    # MkDocs 1.x: from here on every `mkdocs.*` import is ProperDocs' module, as when `properdocs`
    # runs a site.
    import properdocs.replacement  # noqa: F401

# The closing summary names why tests were skipped (a missing chromium above all), without -rs.
pytest_plugins = ["tests.skip_summary"]

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not here: this test reads the shared research data")
    return SHARED


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> Path:
    """The repository's own digest (mkdocs.yml + content/), built once with --strict into a temp dir."""
    import subprocess
    import sys

    site_dir = tmp_path_factory.mktemp("bundled") / "site"
    cache_dir = site_dir.parent / "cache"
    env = {**os.environ, "DIGEST_CACHE_DIR": str(cache_dir)}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True, text=True, env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site_dir
