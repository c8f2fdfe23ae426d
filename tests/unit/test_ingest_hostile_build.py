"""Hostile feed content ingested, then built by a real (plain) MkDocs build: no script, iframe,
event handler or javascript: link may reach the HTML."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import frontmatter

from digest_plugin.cli import ingest as command

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


def test_hostile_feed_builds_to_inert_html(tmp_path: Path):
    # A bare theme whose page is only the title and the rendered Markdown: whatever markup
    # appears in the output came from the ingested article.
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "main.html").write_text("<title>{{ page.title }}</title>\n{{ page.content }}\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Hostile\ndocs_dir: content\ntheme:\n  name: null\n  custom_dir: theme\n"
    )
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text("# Home\n")
    parser = argparse.ArgumentParser()
    command.add_parser(parser.add_subparsers())
    args = parser.parse_args(["ingest", "--into", str(tmp_path), str(FIXTURES / "hostile.rss")])
    assert args.run(args) == 0
    (article,) = (tmp_path / "content" / "articles").rglob("*.md")
    post = frontmatter.load(article)
    assert post["title"] == 'Mayor: "we will rebuild" --- key: value'
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "mkdocs.yml")],
                   check=True, env=env, capture_output=True)
    (page,) = (tmp_path / "site" / "articles").rglob("index.html")
    content = page.read_text()
    collector = TagCollector()
    collector.feed(content)
    tags = {tag for tag, _attrs in collector.tags}
    assert not tags & {"script", "iframe", "style", "img", "svg", "object", "embed", "div"}
    for tag, attrs in collector.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src"):
                assert (value or "").startswith("https://"), (tag, name, value)
    # The hostile text is still there, as text.
    assert '<a href="https://ok.example/page">a safe link</a>' in content
    assert "<li>first point</li>" in content
    assert "# not a heading" in content and "<h1>" not in content
    assert "[x](javascript:alert(2))" in content


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
