"""The render cache serves unchanged pages and never a stale one.

Every step edits the site, builds it with the cache, and builds it again without the cache into
another folder: the two sites must be identical page for page, and the cache must have rendered
only some pages (an article edit) or all of them (a template or mkdocs.yml edit).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.integration.conftest import PLUGIN_LOGGER, write_article
from tests.integration.test_build import MACRON, OVERRIDE, SCHOLZ

NEW_TITLE = "Macron and Scholz agree on winter air defence"
LATER = (
    "2024/11/20/scholz-confidence-vote.md",
    """
    title: Scholz sets a date for the confidence vote
    date: 2024-11-20T08:00:00+00:00
    source: Third Daily
    summary: The chancellor will ask parliament for its confidence in December.
    id: t-scholz-vote
    """,
    """
    Olaf Scholz said on Wednesday he would face a confidence vote in the Bundestag in December,
    a step toward an early general election in Germany.
    """,
)


def _html(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def _build(root: Path, site_dir: Path, *, cached: bool) -> tuple[int, int] | None:
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
    plugin = config.plugins["digest"]
    plugin.config.render_cache = cached
    build(config)
    stats = plugin.build.render_stats
    return (stats.from_cache, stats.rendered) if cached else None


@pytest.fixture
def site(new_site: Path) -> Path:
    config = new_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  name: material\n",
                                                                 "  name: material\n  custom_dir: overrides\n"),
                      encoding="utf-8")
    partial = new_site / "overrides" / "partials" / "copyright.html"
    partial.parent.mkdir(parents=True)
    partial.write_text('<div class="md-copyright">Edition A</div>\n', encoding="utf-8")
    for relpath, front_matter, body in (MACRON, SCHOLZ, OVERRIDE):
        write_article(new_site, relpath, front_matter, body)
    return new_site


def _same_as_uncached(root: Path, tmp_path: Path, step: str) -> tuple[int, int]:
    stats = _build(root, root / "site", cached=True)
    _build(root, tmp_path / f"reference-{step}", cached=False)
    cached_site, reference = _html(root / "site"), _html(tmp_path / f"reference-{step}")
    assert cached_site.keys() == reference.keys(), step
    stale = [page for page in reference if cached_site[page] != reference[page]]
    assert stale == [], f"{step}: pages differ from a fresh render: {stale}"
    return stats


def test_cached_builds_match_fresh_renders_through_a_series_of_edits(site, tmp_path):
    hits, misses = _same_as_uncached(site, tmp_path, "first")
    assert hits == 0 and misses > 10
    pages = misses

    assert _same_as_uncached(site, tmp_path, "unchanged") == (pages, 0)

    article = site / "content" / "articles" / MACRON[0]
    article.write_text(article.read_text(encoding="utf-8").replace("Macron visits Berlin: talks on Ukraine aid",
                                                                   NEW_TITLE), encoding="utf-8")
    hits, misses = _same_as_uncached(site, tmp_path, "title")
    assert 0 < misses < pages and hits + misses == pages
    assert NEW_TITLE in (site / "site" / "latest" / "index.html").read_text(encoding="utf-8")

    write_article(site, *LATER)
    hits, misses = _same_as_uncached(site, tmp_path, "added")
    assert misses > 0 and hits > 0

    (site / "content" / "articles" / OVERRIDE[0]).unlink()
    hits, misses = _same_as_uncached(site, tmp_path, "removed")
    assert misses > 0 and hits > 0

    (site / "overrides" / "partials" / "copyright.html").write_text(
        '<div class="md-copyright">Edition B, longer</div>\n', encoding="utf-8")
    hits, misses = _same_as_uncached(site, tmp_path, "template")
    assert hits == 0
    assert "Edition B" in (site / "site" / "index.html").read_text(encoding="utf-8")

    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace('site_name: "Test digest"', 'site_name: "Renamed"'),
                      encoding="utf-8")
    hits, misses = _same_as_uncached(site, tmp_path, "config")
    assert hits == 0 and misses > 0


def test_an_unreadable_cache_file_is_set_aside_and_the_build_goes_on(site, tmp_path, caplog):
    _build(site, site / "site", cached=True)
    store = site / ".cache" / "digest" / "pages" / "build.sqlite"
    assert store.is_file()
    store.write_bytes(b"this is not a database" * 100)
    with caplog.at_level("WARNING", logger=PLUGIN_LOGGER):
        hits, misses = _build(site, site / "site", cached=True)
    assert hits == 0 and misses > 0
    assert any("unreadable" in record.getMessage() and str(store) in record.getMessage() for record in caplog.records)
    assert _build(site, site / "site", cached=True) == (misses, 0)


def test_a_checkout_in_another_folder_with_new_file_times_keeps_its_rendered_pages(site, tmp_path):
    """A CI job restores the cache folder into a fresh checkout: new path, new mtimes."""
    _build(site, site / "site", cached=True)
    moved = tmp_path / "elsewhere" / "digest"
    shutil.copytree(site, moved, copy_function=shutil.copy, ignore=shutil.ignore_patterns("site"))
    assert _same_as_uncached(moved, tmp_path, "moved")[1] == 0

    # Same size, other content: a stamp of size and mtime alone could miss it.
    partial = moved / "overrides" / "partials" / "copyright.html"
    partial.write_text(partial.read_text(encoding="utf-8").replace("Edition A", "Edition Z"), encoding="utf-8")
    hits, _ = _same_as_uncached(moved, tmp_path, "same-size edit")
    assert hits == 0
    assert "Edition Z" in (moved / "site" / "index.html").read_text(encoding="utf-8")


def test_a_template_that_prints_where_the_sources_are_renders_again_in_another_folder(site, tmp_path):
    partial = site / "overrides" / "partials" / "copyright.html"
    partial.write_text('<div class="md-copyright">Built from {{ config.docs_dir }}</div>\n', encoding="utf-8")
    _build(site, site / "site", cached=True)
    moved = tmp_path / "elsewhere" / "digest"
    shutil.copytree(site, moved, ignore=shutil.ignore_patterns("site"))
    hits, _ = _same_as_uncached(moved, tmp_path, "moved, path printed")
    assert hits == 0
    assert f"Built from {moved / 'content'}" in (moved / "site" / "index.html").read_text(encoding="utf-8")
