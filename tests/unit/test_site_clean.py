"""The old site_dir content is moved aside at once and deleted beside the build, as MkDocs
would delete it: hidden entries and symbolic links stay, nothing is left behind."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from digest_plugin.speed import site_clean
from digest_plugin.speed.site_clean import TRASH_PREFIX, BackgroundClean


def _old_site(site: Path) -> None:
    (site / "articles" / "2024" / "one").mkdir(parents=True)
    (site / "articles" / "2024" / "one" / "index.html").write_text("old page", encoding="utf-8")
    (site / "index.html").write_text("old home", encoding="utf-8")
    (site / ".nojekyll").write_text("", encoding="utf-8")  # hidden: MkDocs keeps it
    (site / (TRASH_PREFIX + "left-by-a-killed-build") / "feed.xml").parent.mkdir()
    (site / (TRASH_PREFIX + "left-by-a-killed-build") / "feed.xml").write_text("x", encoding="utf-8")


@pytest.mark.parametrize("with_rm", [True, False])
def test_old_content_moves_aside_at_once_and_is_gone_after_wait(tmp_path: Path, monkeypatch, with_rm: bool) -> None:
    site = tmp_path / "site"
    _old_site(site)
    outside = tmp_path / "kept"
    outside.mkdir()
    (outside / "file.txt").write_text("not the site's", encoding="utf-8")
    os.symlink(outside, site / "linked")  # MkDocs' rmtree refuses links: left alone
    if not with_rm:
        monkeypatch.setattr(site_clean.shutil, "which", lambda name: None)

    clean = BackgroundClean(str(site))
    assert clean.start() == 2  # articles/ and index.html
    visible = {entry for entry in os.listdir(site) if not entry.startswith(".")}
    assert visible == {"linked"}  # MkDocs' cleaning that follows has nothing to delete
    clean.wait()

    assert sorted(os.listdir(site)) == [".nojekyll", "linked"]
    assert (outside / "file.txt").read_text(encoding="utf-8") == "not the site's"


def test_missing_site_dir_is_no_work(tmp_path: Path) -> None:
    clean = BackgroundClean(str(tmp_path / "not-built-yet"))
    assert clean.start() == 0
    clean.wait()
    assert not (tmp_path / "not-built-yet").exists()


def test_what_rm_leaves_is_removed_by_wait(tmp_path: Path, monkeypatch) -> None:
    site = tmp_path / "site"
    _old_site(site)
    false = shutil.which("false")
    if false is None:
        pytest.skip("no `false` program to stand in for a failing rm")
    monkeypatch.setattr(site_clean.shutil, "which", lambda name: false)  # "rm" that deletes nothing
    clean = BackgroundClean(str(site))
    clean.start()
    clean.wait()
    assert sorted(os.listdir(site)) == [".nojekyll"]
