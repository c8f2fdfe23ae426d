"""A full `mkdocs build` cleans site_dir beside the build: the site after it is exactly what
MkDocs' own cleaning gives (stale files gone, hidden ones kept, no folder of ours left), and a
dirty build keeps what it does not rewrite."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from digest_plugin.siteview.pagefind import pagefind_installed
from digest_plugin.speed import site_clean
from digest_plugin.speed.site_clean import TRASH_PREFIX
from tests.integration.conftest import write_article
from tests.integration.test_build import MACRON, SCHOLZ


def _files(site: Path) -> set[str]:
    return {str(path.relative_to(site)) for path in site.rglob("*") if path.is_file()}


def _build(root: Path, *, dirty: bool) -> None:
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=dirty)  # as `mkdocs build [--dirty]` does
    try:
        build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()


def test_full_build_leaves_what_mkdocs_cleaning_would(new_site: Path) -> None:
    for relpath, front_matter, body in (MACRON, SCHOLZ):
        write_article(new_site, relpath, front_matter, body)
    _build(new_site, dirty=False)
    site = new_site / "site"
    first = _files(site)
    (site / "stale-page").mkdir()
    (site / "stale-page" / "index.html").write_text("from an older build", encoding="utf-8")
    (site / ".nojekyll").write_text("", encoding="utf-8")
    (site / (TRASH_PREFIX + "killed")).mkdir()

    _build(new_site, dirty=False)

    assert _files(site) == first | {".nojekyll"}
    assert not [entry.name for entry in site.iterdir() if entry.name.startswith(TRASH_PREFIX)]


def test_dirty_build_keeps_the_site_it_has(new_site: Path) -> None:
    for relpath, front_matter, body in (MACRON, SCHOLZ):
        write_article(new_site, relpath, front_matter, body)
    _build(new_site, dirty=False)
    site = new_site / "site"
    (site / "kept-by-dirty").write_text("a dirty build deletes nothing", encoding="utf-8")

    _build(new_site, dirty=True)

    assert (site / "kept-by-dirty").is_file()
    assert (site / "index.html").is_file()


def test_old_content_is_gone_before_other_plugins_post_build(new_site: Path, monkeypatch) -> None:
    """Pagefind and other post-build steps walk site_dir (hidden folders too): the old content
    must be gone by then, however slow its deletion."""
    for relpath, front_matter, body in (MACRON, SCHOLZ):
        write_article(new_site, relpath, front_matter, body)
    _build(new_site, dirty=False)
    (new_site / "seen.py").write_text(
        "import os\n\n"
        "def on_post_build(config):\n"
        "    with open(os.path.join(os.path.dirname(__file__), 'seen.txt'), 'w') as out:\n"
        "        out.write('\\n'.join(sorted(os.listdir(config.site_dir))))\n", encoding="utf-8")
    config = new_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - seen.py\n", encoding="utf-8")
    # The slowest deletion there is: none beside the build, all of it when the build waits.
    monkeypatch.setattr(site_clean.BackgroundClean, "_delete_beside", lambda self: None)

    _build(new_site, dirty=False)

    seen = (new_site / "seen.txt").read_text(encoding="utf-8").split("\n")
    assert "index.html" in seen
    assert not [name for name in seen if name.startswith(TRASH_PREFIX)]


def _indexed(site: Path) -> int:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def test_a_dirty_build_after_an_interrupted_full_build_serves_and_indexes_no_old_site(new_site: Path) -> None:
    """Ctrl-C during a full build stops the `rm` beside it too (same process group), leaving the
    old site in our hidden folder. A dirty build next must not leave it there: Pagefind indexes
    hidden folders (its search would lead into the old pages) and the folder is deployed."""
    if not pagefind_installed():
        pytest.skip("pagefind is not installed (pip install 'pagefind[bin]'): an optional extra")
    for relpath, front_matter, body in (MACRON, SCHOLZ):
        write_article(new_site, relpath, front_matter, body)
    yml = new_site / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("  - digest\n", "  - digest:\n      search: pagefind\n"),
                   encoding="utf-8")
    _build(new_site, dirty=False)
    site = new_site / "site"
    pages = _indexed(site)
    # What the interrupted build's cleaning had moved aside and not yet deleted: the old site.
    leftover = site / (TRASH_PREFIX + "interrupted")
    leftover.mkdir()
    for entry in site.iterdir():
        if not entry.name.startswith("."):
            shutil.copytree(entry, leftover / entry.name) if entry.is_dir() else shutil.copy2(entry, leftover)

    _build(new_site, dirty=True)

    assert [entry.name for entry in site.iterdir() if entry.name.startswith(TRASH_PREFIX)] == []
    assert _indexed(site) == pages
