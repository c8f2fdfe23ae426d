"""Hostile text and HTML become Markdown that renders as plain text, paragraphs, lists and safe links."""

from __future__ import annotations

import html
import re

import markdown
import pytest

from digest_plugin.core.ingest.sanitize import (
    clean_line,
    html_to_markdown,
    plain_text_to_markdown,
    sanitize_markdown,
)

HOSTILE_HTML = """<p onclick="steal()">Fine text.</p><script>alert('x')</script>
<style>p{}</style><iframe src="https://evil.example/"></iframe>
<p><a href="javascript:alert(1)">js</a> <a href="data:text/html;base64,AAAA">data</a>
<a href=" JaVaScRiPt:alert(1)">mixed case</a> <a href="https://ok.example/p?a=1&b=2">ok</a></p>
<img src=x onerror="alert(3)"><svg onload="alert(4)"><script>alert(5)</script></svg>
<ul><li>one</li><li>two</li></ul>"""


def render(md: str) -> str:
    return markdown.markdown(md)


def test_html_dangerous_parts_removed_and_structure_kept():
    html = render(html_to_markdown(HOSTILE_HTML))
    lowered = html.lower()
    for forbidden in ("<script", "<iframe", "<style", "<img", "<svg", "onclick", "onerror", "onload",
                      "javascript:", "data:text"):
        assert forbidden not in lowered
    assert '<a href="https://ok.example/p?a=1&amp;b=2">ok</a>' in html
    assert "<li>one</li>" in html and "<li>two</li>" in html
    assert "<p>Fine text.</p>" in html


@pytest.mark.parametrize("line", ["# not a heading", "* not emphasis", "> not a quote", "1. not a list",
                                  "<div onclick=x>raw</div>", "[x](javascript:alert(1))", "---",
                                  "`code` and **bold** and _em_", "<https://autolink.example>",
                                  "&lt;script&gt;", "+ plus item"])
def test_plain_text_renders_literally(line: str):
    html = render(plain_text_to_markdown(line))
    assert html.startswith("<p>") and html.endswith("</p>")
    inner = html[3:-4]
    import html as html_module
    assert html_module.unescape(inner) == line


def test_plain_text_keeps_paragraphs_and_dash_lists():
    html = render(plain_text_to_markdown("First.\n\nIntro:\n - a\n - b\n\nLast."))
    assert html == "<p>First.</p>\n<p>Intro:</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<p>Last.</p>"


def test_entity_like_text_in_html_stays_text():
    html = render(html_to_markdown("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"))
    assert "<script" not in html and "&lt;script&gt;" in html


def test_clean_line_drops_tags_keeps_yaml_syntax():
    assert clean_line('Talks: "progress" --- <b>key</b>: [x] <script>bad()</script>') == 'Talks: "progress" --- key : [x]'
    assert clean_line("profits < forecast") == "profits < forecast"


def test_sanitize_markdown_neutralizes_html_and_bad_links():
    md = sanitize_markdown("[ok](https://a.example) [bad](javascript:alert(1)) ![img](data:x)\n\n<iframe src=x></iframe>")
    html = render(md)
    assert '<a href="https://a.example">ok</a>' in html
    assert "javascript:" not in html and "<iframe" not in html and "<img" not in html


@pytest.mark.parametrize(
    "hostile",
    [
        "[x](javascript&#58;alert(1))",  # the colon as an entity
        "[x](&#x6A;avascript:alert(1))",  # a letter as an entity
        "[x](javascript:alert((1)))",  # nested parentheses the link pattern cannot read
        "[x](java\tscript:alert(1))",
        "[x]( javascript:alert(1) )",
        "[r]: javascript&#58;alert(1)\n\nsee [r]",
    ],
)
def test_disguised_script_links_never_become_hrefs(hostile: str):
    rendered = markdown.markdown(sanitize_markdown(hostile))
    hrefs = [html.unescape(href) for href in re.findall(r'href="([^"]*)"', rendered)]
    assert not any("script" in re.sub(r"\s", "", href).lower() for href in hrefs), rendered


def test_ordinary_links_survive_sanitizing():
    text = "[ok](https://a.example/b) and [rel](../x/) and [parens](https://x.example/(y))"
    rendered = markdown.markdown(sanitize_markdown(text))
    assert '<a href="https://a.example/b">ok</a>' in rendered
    assert '<a href="../x/">rel</a>' in rendered
    assert '<a href="https://x.example/(y)">parens</a>' in rendered
