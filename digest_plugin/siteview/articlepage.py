"""What an article file may put on its page beyond its text: no raw HTML, no theme switches.

An article file is front matter plus Markdown, and `digest ingest` writes only safe ones; but a
file can be written or edited by hand, and MkDocs and Material act on more of it than the
digest reads:

- Raw HTML in the Markdown (`<div onclick=...>`, `<script>`, `<base href>`) is passed through by
  Python-Markdown. `RawHtmlAsText` is a Markdown extension that, while the page being converted
  is an article, removes Python-Markdown's raw HTML block and inline rules, so raw HTML shows as
  the text it is (as ingestion stores it); everything Markdown syntax makes (links, lists,
  tables, code, and what `attr_list` and friends add) still renders, and the rendered HTML then
  passes the allowlist (core/safehtml.py).
- Front matter keys that Material prints unescaped (`description`, `author`, `title`) or acts on
  (`template: redirect.html` with `location: javascript:...`). `guarded_meta` gives an article
  page the meta of its validated article: the cleaned title, its own digest keys, `hide` and
  `search` when they have the shapes Material reads, every string HTML-escaped, and a template
  only from the digest's own (`digest/...`), never one of its other pages' (a person's, an
  outlet's, a thread's redirect), which an article's context cannot fill.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markupsafe import escape

ARTICLE_TEMPLATE = "digest/article.html"
_PLAIN_NAME = re.compile(r"^[\w./-]+$")
# The digest's templates for its other pages (a person, an outlet, a thread's redirect) and their
# parts: rendered with an article's context they fail (taking the whole build with them) or make
# the article a redirect to nowhere. An editor's own `digest/...` article templates stay allowed.
NOT_ARTICLE_TEMPLATES = frozenset(
    f"digest/{path.name}" for path in (Path(__file__).resolve().parent / "templates" / "digest").glob("*.html")
) - {ARTICLE_TEMPLATE}
# The keys of an article's front matter (core/articles.py, writer.py); nothing else is kept.
ARTICLE_KEYS = frozenset({"title", "date", "source", "url", "authors", "summary", "id", "people",
                          "countries", "undated", "ingest_hash"})


class RawHtmlAsText(Extension):
    """Markdown extension: raw HTML is text while `active` is True (set per page by the plugin)."""

    def __init__(self) -> None:
        super().__init__()
        self.active = False

    def extendMarkdown(self, md: Markdown) -> None:
        if not self.active:
            return
        # "html_block" stashes raw HTML blocks (md_in_html registers its own under that name);
        # "html" is the inline rule for tags and comments. Without them "<" is escaped as text.
        if "html_block" in md.preprocessors:
            md.preprocessors.deregister("html_block")
        if "html" in md.inlinePatterns:
            md.inlinePatterns.deregister("html")

    def __repr__(self) -> str:
        # Stable: the render cache keys pages on the repr of every Markdown extension.
        return f"{type(self).__name__}()"


def _escaped(value: Any) -> Any:
    """Strings HTML-escaped (as plain str, as the plugin has always stored page titles), lists and
    dicts rebuilt; dates, numbers and the like kept."""
    if isinstance(value, str):
        return str(escape(value))
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items() if isinstance(key, str)}
    return value


def guarded_meta(meta: Mapping[str, Any], title: str) -> dict[str, Any]:
    """An article page's `page.meta`: see the module docstring. `title` is the article's
    validated title (plain text); it is stored escaped, as every other string."""
    guarded: dict[str, Any] = {key: _escaped(value) for key, value in meta.items() if key in ARTICLE_KEYS}
    guarded["title"] = str(escape(title))
    template = meta.get("template")
    guarded["template"] = template if isinstance(template, str) and template.startswith("digest/") \
        and ".." not in template and _PLAIN_NAME.match(template) and template not in NOT_ARTICLE_TEMPLATES \
        else ARTICLE_TEMPLATE
    hide = meta.get("hide")
    if isinstance(hide, list) and all(isinstance(item, str) for item in hide):
        guarded["hide"] = [str(escape(item)) for item in hide]
    search = meta.get("search")
    if isinstance(search, dict) and isinstance(search.get("exclude"), bool):
        guarded["search"] = {"exclude": search["exclude"]}
    return guarded


def plain_text_html(markdown: str) -> str:
    """An article's Markdown shown as the text it is, one paragraph per block between blank
    lines: its page when the Markdown cannot be converted (nested too deep for Python-Markdown's
    recursion, an extension failing on it), so that one article never stops a build."""
    blocks = (" ".join(block.split()) for block in re.split(r"\n\s*\n", markdown))
    return "".join(f"<p>{escape(block)}</p>\n" for block in blocks if block)

