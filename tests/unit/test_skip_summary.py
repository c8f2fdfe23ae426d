"""`python -m pytest` says, without -rs, that browser tests skipped because chromium is missing."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO


def test_the_summary_names_a_missing_chromium_without_rs(tmp_path):
    (tmp_path / "test_browserish.py").write_text(
        "import pytest\n\n"
        "@pytest.fixture\n"
        "def browser():\n"
        "    pytest.skip(\"Debian's chromium is not installed (apt-get install chromium); browser tests need it\")\n\n"
        "def test_one(browser):\n    pass\n\n"
        "def test_two(browser):\n    pass\n\n"
        "def test_plain():\n    pass\n",
        encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest", "-p", "no:cacheprovider",
                             str(tmp_path)], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 skipped: Debian's chromium is not installed (apt-get install chromium)" in result.stdout, result.stdout
    assert "1 passed, 2 skipped" in result.stdout
