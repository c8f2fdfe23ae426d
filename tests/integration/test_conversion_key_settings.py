"""A stored Markdown conversion (speed/converted_markdown.py) is reused only under the Markdown
settings it was made with. Material's documentation configures heading ids with
`slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}`, which YAML turns
into a functools.partial: changing its arguments changes every heading id, so it must change the
key."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.integration.conftest import MKDOCS_LOGGER, build_site, write_article

TOC = """markdown_extensions:
  - toc:
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: {case}
"""


def _build_with(root: Path, case: str) -> str:
    yml = root / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8").split("markdown_extensions:")[0]
    yml.write_text(text + TOC.format(case=case), encoding="utf-8")
    config = load_config(str(yml))
    build(config)
    return (Path(config.site_dir) / "articles" / "2024" / "05" / "02" / "harbour-works" / "index.html") \
        .read_text(encoding="utf-8")


def test_a_changed_slugify_argument_means_converting_again(new_site):
    write_article(new_site, "2024/05/02/harbour-works.md", """
        title: Harbour works begin
        date: 2024-05-02T07:00:00+00:00
        source: Quay Gazette
        id: quay-1
        """, """
        Dredging started at dawn along the eastern quay.

        ## Night Shifts Planned

        Crews will work through the night until the autumn storms.
        """)
    assert 'id="night-shifts-planned"' in _build_with(new_site, "lower")
    # The same sources, only the slug's case changed: a fresh conversion says "Night-Shifts-Planned".
    assert 'id="Night-Shifts-Planned"' in _build_with(new_site, "none")


def test_a_verbose_build_leaves_no_conversion_that_hides_a_broken_anchor(new_site):
    """MkDocs 1.6 records a page's links to anchors on other pages only when its log level is
    above DEBUG (`mkdocs build --verbose` skips anchor checks). A conversion stored by such a
    build, reused later, would take those links with it: the next plain build must still warn."""
    yml = new_site / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "validation:\n  anchors: warn\n", encoding="utf-8")
    write_article(new_site, "2024/05/02/harbour-works.md", """
        title: Harbour works begin
        date: 2024-05-02T07:00:00+00:00
        source: Quay Gazette
        id: quay-1
        """, """
        Dredging started at dawn, as [the timetable](../03/ferry-times.md#evening-sailings) said.
        """)
    write_article(new_site, "2024/05/03/ferry-times.md", """
        title: Ferry times change
        date: 2024-05-03T07:00:00+00:00
        source: Quay Gazette
        id: quay-2
        """, """
        The morning ferry leaves later from Monday.
        """)
    logger = logging.getLogger(MKDOCS_LOGGER)
    level = logger.level
    logger.setLevel(logging.DEBUG)  # as `mkdocs build --verbose`
    try:
        build(load_config(str(yml)))
    finally:
        logger.setLevel(level)
    built = build_site(new_site, strict=False, allow_warnings=True)
    assert any("#evening-sailings" in message for message in built.warnings), built.warnings


SEEN_HOOK = '''
import json
import os

seen = {}


def on_page_content(html, page, config, files):
    seen[page.file.src_uri] = page.markdown
    return html


def on_post_build(config):
    with open(os.path.join(config.site_dir, "markdown-seen.json"), "w", encoding="utf-8") as out:
        json.dump(seen, out)
    seen.clear()
'''


def test_another_plugin_reads_the_same_markdown_from_a_reused_conversion(new_site):
    """What a later plugin reads as page.markdown (reading time, an export of the Markdown) is
    the same whether the article was converted in this build or its conversion reused: the
    article as written, the cross-links being made for the conversion only."""
    write_article(new_site, "2024/05/02/harbour-works.md", """
        title: Harbour works begin
        date: 2024-05-02T07:00:00+00:00
        source: Quay Gazette
        id: quay-1
        people: [Grace Hopper]
        countries: [NL]
        """, """
        Grace Hopper opened the works in the Netherlands at dawn, and Grace Hopper spoke again later.
        """)
    (new_site / "hooks.py").write_text(SEEN_HOOK, encoding="utf-8")
    yml = new_site / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n", encoding="utf-8")
    cold_site = build_site(new_site).site
    cold = json.loads((cold_site / "markdown-seen.json").read_text(encoding="utf-8"))
    warm = json.loads((build_site(new_site).site / "markdown-seen.json").read_text(encoding="utf-8"))
    article = "articles/2024/05/02/harbour-works.md"
    page = (cold_site / "articles/2024/05/02/harbour-works/index.html").read_text(encoding="utf-8")
    assert re.search(r'people/grace-hopper/"[^>]*>Grace Hopper</a> opened', page)  # the cross-link converted
    assert "Grace Hopper opened the works" in cold[article] and "](" not in cold[article]
    assert warm[article] == cold[article]
