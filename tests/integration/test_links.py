"""Every internal href and src of the built bundled site resolves to a file in site/."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def _target(site: Path, page: Path, link: str) -> Path | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("#", "mailto:", "data:")):
        return None
    path = unquote(parts.path)
    if not path:
        return None
    base = page.parent.relative_to(site).as_posix()
    resolved = posixpath.normpath(posixpath.join(base, path)) if not path.startswith("/") else path.lstrip("/")
    target = site / resolved
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def test_every_internal_link_of_the_bundled_site_resolves(bundled_site):
    broken = []
    pages = list(bundled_site.rglob("*.html"))
    assert len(pages) > 50, "the bundled site should have articles and entity pages"
    for page in pages:
        collector = _LinkCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        for link in collector.links:
            target = _target(bundled_site, page, link)
            if target is not None and not target.is_file():
                broken.append(f"{page.relative_to(bundled_site)} -> {link}")
    assert broken == [], f"{len(broken)} broken links, e.g. {broken[:10]}"
