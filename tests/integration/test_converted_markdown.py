"""Unchanged pages' Markdown conversions come from the last build, and change nothing.

The second build of an unchanged digest converts no article and no page the plugin generated
(speed/converted_markdown.py); its site is byte for byte the site of a build that converts
everything. An article whose
conversion warns (a link to a missing page) is converted, and warns, at every build.
"""

from __future__ import annotations

from pathlib import Path

import markdown
from mkdocs.commands.build import build
from mkdocs.config import load_config

from digest_plugin.core.safehtml import clean_html
from digest_plugin.glue import build as glue_build
from tests.integration.conftest import PLUGIN_LOGGER, write_article
from tests.integration.test_build import MACRON, OVERRIDE, SCHOLZ

# Headings give the page a table of contents (Material shows it beside the article): restored too.
WITH_HEADINGS = (
    "2024/10/05/budget-explainer.md",
    """
    title: What is in the budget
    date: 2024-10-05T08:00:00+00:00
    source: Desk
    id: t-budget
    """,
    """
    The draft budget runs to four hundred pages.

    ## Defence

    Spending on air defence rises for a third year.

    ## Schools

    Teachers get a smaller rise than unions asked for.
    """,
)


def _build(root: Path, site_dir: Path, *, cached: bool):
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
    config.plugins["digest"].config.render_cache = cached
    build(config)
    return config.plugins["digest"].build


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.suffix in (".html", ".json", ".xml")}


def test_a_warm_build_converts_no_page_of_the_digest_and_writes_the_same_site(new_site, tmp_path, monkeypatch):
    for relpath, front_matter, body in (MACRON, SCHOLZ, OVERRIDE, WITH_HEADINGS):
        write_article(new_site, relpath, front_matter, body)
    first = _build(new_site, tmp_path / "first", cached=True).render_stats
    # The four articles and the pages the plugin generated (people, countries, lists...).
    assert first.conversions_reused == 0 and first.converted > 4
    converted: list[str] = []
    convert = markdown.Markdown.convert
    monkeypatch.setattr(markdown.Markdown, "convert", lambda md, text: converted.append(text) or convert(md, text))
    cleaned: list[str] = []
    monkeypatch.setattr(glue_build, "clean_html", lambda html: cleaned.append(html) or clean_html(html))
    second = _build(new_site, tmp_path / "second", cached=True).render_stats
    assert second.conversions_reused == first.converted and second.converted == 0
    # No Python-Markdown conversion at all but the editor's own home page, and no article's HTML
    # through the allowlist again (stored as it came out of it).
    assert len(converted) == 1 and "---" not in converted[0]
    assert cleaned == []
    monkeypatch.undo()
    _build(new_site, tmp_path / "plain", cached=False)
    warm, plain = _files(tmp_path / "second"), _files(tmp_path / "plain")
    assert warm.keys() == plain.keys()
    assert [name for name in plain if warm[name] != plain[name]] == []


def test_an_edit_or_a_warning_means_converting_again(new_site, tmp_path, caplog):
    write_article(new_site, *MACRON)
    scholz = write_article(new_site, SCHOLZ[0], SCHOLZ[1], SCHOLZ[2] + "\nSee [the budget row](../../nowhere.md).\n")
    _build(new_site, tmp_path / "one", cached=True)
    caplog.clear()
    with caplog.at_level("INFO", logger=PLUGIN_LOGGER.rsplit(".", 2)[0]):
        stats = _build(new_site, tmp_path / "two", cached=True).render_stats
    assert stats.converted == 1 and stats.conversions_reused > 1  # the page with a broken link...
    assert "nowhere.md" in caplog.text  # ...says so again
    scholz.write_text(scholz.read_text(encoding="utf-8").replace("budget row", "budget dispute"), encoding="utf-8")
    stats = _build(new_site, tmp_path / "three", cached=True).render_stats
    assert stats.converted == 1
    page = (tmp_path / "three" / "articles").joinpath(*Path(SCHOLZ[0]).with_suffix("").parts) / "index.html"
    assert "budget dispute" in page.read_text(encoding="utf-8")
