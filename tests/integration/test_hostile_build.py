"""A real Material build of a digest with hostile hand-written articles, entities.yml and site_url,
compared with a clean build of the same site: one bad record never breaks the build, and no
markup from input reaches any output (HTML, feeds, digest.json, the search index)."""

from __future__ import annotations

import gzip
import json
import logging
import re
import textwrap
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from digest_plugin.cli.new import scaffold
from tests.integration.conftest import build_site

EXTENSIONS = """
markdown_extensions:
  - attr_list
  - md_in_html
  - footnotes
  - admonition
  - def_list
  - abbr
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.highlight
  - pymdownx.mark
"""
DAY = "2024/05/01"
GOOD = {
    "talks.md": """---
title: Ministers meet in Lisbon
date: 2024-05-01T09:00:00+00:00
source: Wire
summary: Ministers met to talk about fishing quotas.
people: [Ada Lovelace]
---

Ada Lovelace met ministers in Lisbon on Wednesday, Portugal said.

## Background

> A quote, with *emphasis* and **strength**.

- one point
- another, with a [link](https://news.example/a).

| a | b |
|:--|--:|
| 1 | 2 |

Text with a note.[^1]

[^1]: The note.

!!! note "Aside"
    An admonition.
""",
}
HOSTILE = {
    "raw-html.md": """---
title: "Budget vote <img src=x onerror=alert(1)//"
date: 2024-05-01
people: ["<script>alert(2)</script>", "<b onmouseover=alert(3)>Ada Lovelace</b>"]
url: "javascript:alert(4)"
summary: "<svg onload=alert(5)> The vote."
authors: ["<i onclick=alert(6)>Writer</i>"]
source: "<a href=javascript:alert(7)>Desk</a>"
description: '"><script>alert(8)</script>'
template: redirect.html
location: "javascript:alert(9)"
---

<script>alert(10)</script>
<div onclick="alert(11)">div</div>
<base href="https://evil.example/">
<meta http-equiv="refresh" content="0;url=javascript:alert(12)">
<a href="java&#x09;script:alert(13)">tab</a> <a href="&#106;avascript:alert(14)">entity</a>
<svg><a xlink:href="javascript:alert(15)"><text>svg</text></a></svg>
<img src=x onerror=alert(16)>

<javascript:alert(17)>

> [q1]: javascript:alert(18)
>
> quote [q1]

- [l1]: data:text/html,alert(19)
- list [l1]

Para
{: onmouseover="alert(20)" style="position:fixed" }

[link](https://ok.example){: href="javascript:alert(21)" onclick="alert(22)" }

## Heading {: #__search onclick=alert(23) }

<div markdown="1" onmouseover="alert(24)">*inside*</div>
""",
    "yaml-bomb.md": "---\n" + "\n".join(
        ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        + [f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]" for n in range(7)]
    ) + "\ntitle: Bomb\ndate: 2024-05-01\n---\nBody\n",
    "year-2200.md": "---\ntitle: Far future\ndate: 2200-01-01\n---\nBody\n",
    "year-0999.md": "---\ntitle: Long ago\ndate: 0999-01-01\n---\nBody\n",
    "year-9999.md": "---\ntitle: Overflow\ndate: 9999-12-31T23:59:59-14:00\n---\nBody\n",
    "no-title.md": "---\ndate: 2024-05-01\n---\nBody\n",
}
BAD_FILES = ("yaml-bomb.md", "year-2200.md", "year-0999.md", "year-9999.md", "no-title.md", "utf16.md")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "background", "poster", "xlink:href", "srcset"}


def _site(root: Path, articles: dict[str, str], *, registry: str, site_url: str) -> Path:
    scaffold(root, "Hostile test")
    config = root / "mkdocs.yml"
    text = config.read_text().replace("  - digest\n", "  - digest:\n      entities_file: entities.yml\n")
    config.write_text(f"site_url: '{site_url}'\n" + text + EXTENSIONS)
    (root / "entities.yml").write_text(textwrap.dedent(registry))
    folder = root / "content" / "articles" / DAY
    folder.mkdir(parents=True)
    for name, body in articles.items():
        (folder / name).write_text(body, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    clean = _site(tmp_path_factory.mktemp("clean") / "site", GOOD, site_url="https://news.example/", registry="""
        people:
          Ada Lovelace:
            description: A mathematician.
            image: images/ada.jpg
        """)
    hostile = _site(tmp_path_factory.mktemp("hostile") / "site", {**GOOD, **HOSTILE},
                    site_url='https://news.example/"><script>alert(30)</script>', registry="""
        people:
          Ada Lovelace:
            description: '<img src=x onerror=alert(31)> A <b>mathematician</b>. [x](javascript:alert(32))'
            image: 'javascript:alert(33)'
        sources:
          'Wire <script>alert(34)</script> Service':
            aliases: [Wire]
            description: '<b onclick=alert(35)>A wire</b>'
        """)
    folder = hostile / "content" / "articles" / DAY
    (folder / "utf16.md").write_bytes("---\ntitle: Wide\ndate: 2024-05-01\n---\nBody\n".encode("utf-16"))
    (folder / "long.md").write_text("---\ntitle: A very long report\ndate: 2024-05-01\n---\n\n"
                                    + "Ada Lovelace wrote another long paragraph here.\n\n" * 21_000)
    return build_site(clean), build_site(hostile, strict=False, allow_warnings=True)


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.kinds: Counter[str] = Counter()
        self.bad: list[tuple[str, str, str | None]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs) -> None:
        self.kinds[tag] += 1
        self._in_script = tag == "script"
        for name, value in attrs:
            self.kinds[f"{tag}[{name}]"] += 1
            unslashed = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name.startswith("on") or (name in URL_ATTRIBUTES and
                                         unslashed.startswith(("javascript:", "data:", "vbscript:"))):
                self.bad.append((tag, name, value))

    def handle_data(self, data) -> None:
        if self._in_script:
            self.scripts.append(data)

    def handle_endtag(self, tag) -> None:
        self._in_script = False


def _markup(site: Path) -> tuple[set[str], list, list[str]]:
    kinds: set[str] = set()
    bad: list = []
    scripts: list[str] = []
    for page in site.rglob("*.html"):
        parser = _Markup()
        parser.feed(page.read_text(encoding="utf-8"))
        kinds |= set(parser.kinds)
        bad += [(page.relative_to(site).as_posix(), *item) for item in parser.bad]
        scripts += parser.scripts
    return kinds, bad, scripts


def test_every_bad_file_is_named_and_skipped_and_every_other_page_built(sites):
    _, hostile = sites
    for name in BAD_FILES:
        assert any(name in warning and "skipped" in warning for warning in hostile.warnings), name
    articles = {a["title"] for a in hostile.digest["articles"]}
    assert articles == {"Ministers meet in Lisbon", "Budget vote", "A very long report"}
    for url in ("articles/2024/05/01/talks/", "articles/2024/05/01/raw-html/", "articles/2024/05/01/long/",
                "people/ada-lovelace/", "countries/pt/"):
        assert (hostile.site / url / "index.html").is_file(), url
    for name in BAD_FILES:  # not published as plain pages either
        assert not (hostile.site / "articles" / DAY / name[:-3]).exists()
    with gzip.open(hostile.site / "sitemap.xml.gz") as stream:
        ET.parse(stream)


def test_no_markup_from_input_reaches_any_html(sites):
    clean, hostile = sites
    clean_kinds, clean_bad, _ = _markup(clean.site)
    kinds, bad, scripts = _markup(hostile.site)
    assert clean_bad == [] and bad == []
    assert kinds - clean_kinds == set()  # no element or attribute a clean build does not make
    # Inline scripts: Material's own (the same as the clean build's, but for the site's address)
    # and JSON-LD, whose text may quote hostile words but no markup.
    hostile_url, clean_url = "/%22%3E%3Cscript%3Ealert(30)%3C/script%3E/", "/"
    _, _, clean_scripts = _markup(clean.site)
    json_ld = [script for script in scripts if script.startswith('{"@context"')]
    for script in json_ld:
        json.loads(script)
        assert "<" not in script and ">" not in script
    others = {script.replace(hostile_url, clean_url) for script in scripts if script not in json_ld}
    assert others <= set(clean_scripts)
    page = (hostile.site / "articles/2024/05/01/raw-html/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(10)&lt;/script&gt;" in page  # raw HTML shows as the text it is
    canonical = re.search(r'<link rel="canonical" href="([^"]*)">', page)
    assert canonical and "<" not in canonical.group(1) and "%22%3E%3Cscript%3E" in canonical.group(1)
    assert "<title>Budget vote - Hostile test</title>" in page


def test_feeds_digest_json_and_search_index_carry_no_markup(sites):
    _, hostile = sites
    for feed in list(hostile.site.rglob("feed.xml")) + list(hostile.site.rglob("rss.xml")):
        root = ET.parse(feed).getroot()
        for node in root.iter():
            text = node.text or ""
            if node.tag.endswith(("description", "title", "summary", "subtitle", "name", "category")):
                assert not re.search(r"<[A-Za-z!/?]", text), (feed, node.tag, text)
    raw = (hostile.site / "digest.json").read_text(encoding="utf-8")
    assert "<" not in raw and ">" not in raw
    # An outlet's name from entities.yml is plain text, as an article's `source` is: it titles
    # the outlet's feeds and pages and names the outlet of every article it groups.
    outlets = {outlet["name"] for outlet in hostile.digest["outlets"]}
    assert "Wire Service" in outlets and not [name for name in outlets if "<" in name or "script" in name]
    assert {a["source"] for a in hostile.digest["articles"] if a["source"]} <= outlets
    people = {person["name"] for person in hostile.digest["people"]}
    assert "Ada Lovelace" in people and not [name for name in people if "<" in name or "script" in name]
    index = json.loads((hostile.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        parser = _Markup()
        parser.feed(doc["text"])
        parser.feed(doc["title"])
        assert parser.bad == [] and not {"script", "img", "svg", "iframe", "base", "meta"} & set(parser.kinds)


def test_registry_description_and_image_are_text_and_safe(sites):
    _, hostile = sites
    page = (hostile.site / "people/ada-lovelace/index.html").read_text(encoding="utf-8")
    assert "javascript:" not in page.split('class="digest-entity__portrait', 1)[-1][:200]
    assert 'src="javascript' not in page
    description = page.split('class="digest-entity__description"', 1)[1]
    assert "<p>A mathematician . [x](javascript:alert(32))</p>" in description


def test_strict_build_fails_naming_the_file(tmp_path: Path, caplog):
    root = _site(tmp_path / "site", {**GOOD, "year-2200.md": HOSTILE["year-2200.md"]},
                 site_url="https://news.example/", registry="people: {}\n")
    with caplog.at_level(logging.WARNING, logger="mkdocs"), pytest.raises(Abort):
        build_site(root, strict=True, allow_warnings=True)
    assert any("year-2200.md" in record.getMessage() and "future" in record.getMessage()
               for record in caplog.records)
