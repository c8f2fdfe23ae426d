"""The digest builds, warning-free and with working links, for each URL style and theme.

MkDocs decides page URLs (`use_directory_urls`) and the theme decides the frame; the digest
takes every URL from MkDocs' own files and ships templates that fall back to MkDocs' default
theme, so each combination must give a site whose digest.json URLs and in-page links all land on
files that exist.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from tests.integration.conftest import build_site, write_article
from tests.integration.test_build import MACRON, OVERRIDE, SCHOLZ

HREF = re.compile(r'href="([^"#?]+)"')


def _configure(root: Path, theme: str, directory_urls: bool) -> None:
    yml = root / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    if theme != "material":
        # Material's own options (features, palette, font) mean nothing to another theme.
        text = re.sub(r"theme:\n(?:  .*\n)+", f"theme:\n  name: {theme}\n", text)
    yml.write_text(text + f"use_directory_urls: {str(directory_urls).lower()}\n", encoding="utf-8")


def _file_of(site: Path, url: str) -> Path:
    path = site / url
    return path / "index.html" if url.endswith("/") or url == "" else path


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_every_url_lands_on_a_page(new_site, theme, directory_urls):
    _configure(new_site, theme, directory_urls)
    for relpath, front_matter, body in (MACRON, SCHOLZ, OVERRIDE):
        write_article(new_site, relpath, front_matter, body)
    built = build_site(new_site)  # fails on any warning
    digest = built.digest
    urls = [item["url"] for kind in ("articles", "people", "countries") for item in digest[kind]]
    assert urls and all(url.endswith("/") == directory_urls for url in urls)
    missing = [url for url in urls if not _file_of(built.site, url).is_file()]
    assert missing == []

    article_url = next(a["url"] for a in digest["articles"] if a["id"] == "t-macron-berlin")
    page = _file_of(built.site, article_url)
    html = page.read_text(encoding="utf-8")
    assert "Emmanuel Macron" in html
    base = posixpath.dirname(page.relative_to(built.site).as_posix())
    internal = [href for href in HREF.findall(html) if "://" not in href and not href.startswith("mailto:")]
    person_links = [href for href in internal if "people/" in href]
    assert person_links, "the article links none of its people"
    broken = [href for href in internal
              if not _file_of(built.site, posixpath.normpath(posixpath.join(base, href))).exists()
              and not (built.site / posixpath.normpath(posixpath.join(base, href))).exists()]
    assert broken == []
