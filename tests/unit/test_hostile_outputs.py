"""One escaping discipline: the same hostile strings through every writer, each output parsed.

Two layers are tested. At the edge (core/articles.py) titles, summaries, sources, authors and
forced names become plain text. Behind it, every writer escapes for its own format even what
never went through the edge (entities.yml, extraction): the feeds (Atom text constructs, RSS
titles and HTML descriptions), JSON-LD, digest.json, the head's meta tags, page contexts, the
article HTML allowlist, the site URL in canonical links and the sitemap's dates.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from markupsafe import Markup

from digest_plugin.core.articles import image_url, validate_article, web_url
from digest_plugin.core.corpus import Digest
from digest_plugin.core.model import Article, ArticleEntities, Country, Mention, Person
from digest_plugin.core.related import Thread
from digest_plugin.core.safehtml import clean_html
from digest_plugin.siteview.articlepage import guarded_meta
from digest_plugin.siteview.export import digest_json, safe_json
from digest_plugin.siteview.feeds import FeedRenderer, feed_sources
from digest_plugin.siteview.head import HeadBuilder, SiteInfo
from digest_plugin.siteview.pages import SitePages, escape_context
from digest_plugin.siteview.sitemap import sitemap_safe
from digest_plugin.siteview.weburls import safe_site_url
from tests.urls import mkdocs_urls

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)//",
    "</title><script>alert(2)</script>",
    '"><svg onload=alert(3)>',
    "'; alert(4); //",
    "]]><script>alert(5)</script><![CDATA[",
    "<!-- open comment",
    "&lt;script&gt;alert(6)&lt;/script&gt;",
    "<b onmouseover=alert(7)>Bob</b>",
    "line\u2028separator\u2029",
    "<a href=javascript:alert(8)>x</a>",
]
TAG_START = re.compile(r"<[A-Za-z!/?]")
UTC = dt.UTC


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.found.append((tag, attrs))


def elements(html: str) -> list[tuple[str, list]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found


# ---- the edge --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", HOSTILE)
def test_the_edge_makes_every_one_line_field_plain_text(text: str):
    article = Article(title=f"Talks {text}", body="b", date=dt.datetime(2024, 1, 1), source=text,
                      authors=[text, "Ann Writer"], summary=text, people=[text, "Ada Lovelace"], id=text)
    clean, _notes = validate_article(article)
    for value in (clean.title, clean.source, clean.summary, *clean.authors, *(clean.people or [])):
        assert not TAG_START.search(value), value
        assert elements(value) == []
    assert "Ada Lovelace" in (clean.people or []) and "Ann Writer" in clean.authors
    # An id is matched as written (ingest finds an article by it): one line, escaped by every writer.
    assert clean.id == " ".join(text.split()) and "\n" not in clean.id


def test_forced_lists_are_bounded():
    article = Article(title="T", body="b", date=dt.datetime(2024, 1, 1), people=[f"Person {n}" for n in range(5000)])
    clean, notes = validate_article(article)
    assert len(clean.people or []) == 100 and "5000 entries" in notes[0]


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
                                 "data:text/html,<script>", "vbscript:x", "//evil.example/x",
                                 'https://x.example/"><script>', "https://", "file:///etc/passwd"])
def test_only_http_addresses_reach_links_and_json_ld(url: str):
    assert web_url(url) == ""
    assert image_url(url) == ""


def test_site_relative_images_are_kept_for_img_but_not_for_json_ld():
    assert image_url("images/people/ada.jpg") == "images/people/ada.jpg"
    assert image_url("https://img.example/a.jpg") == web_url("https://img.example/a.jpg") != ""
    assert web_url("images/people/ada.jpg") == ""


# ---- the writers, fed hostile text that skipped the edge -----------------------------------------------
def _digest() -> Digest:
    name = HOSTILE[0] + " Ada"
    articles = [
        Article(title=text, body="Body.", date=dt.datetime(2024, 5, 1 + i, tzinfo=UTC), source=text,
                url="https://wire.example/a", authors=[text], summary=text, id=f"a{i}",
                src_path=f"articles/2024/05/0{1 + i}/a{i}.md")
        for i, text in enumerate(HOSTILE[:8])
    ]
    articles.reverse()
    mentions = ArticleEntities(people=[Mention(name, in_headline=True)], countries=[Mention("GB")])
    return Digest(
        articles=articles,
        entities={a.id: mentions for a in articles},
        people={name: Person(name=name, slug="ada", role=HOSTILE[1], description=HOSTILE[3])},
        countries={"GB": Country(code="GB", name="United Kingdom", slug="gb")},
        person_articles={name: list(articles)},
        country_articles={"GB": list(articles)},
        threads={"t1": Thread(id="t1", article_ids=[a.id for a in reversed(articles)], sources=["x"])},
        thread_of={a.id: "t1" for a in articles},
    )


@pytest.fixture(scope="module")
def pages() -> SitePages:
    return SitePages(_digest(), urls=mkdocs_urls())


def _text_nodes(root: ET.Element) -> list[str]:
    return [node.text or "" for node in root.iter()] + [value for node in root.iter() for value in node.attrib.values()]


def test_feeds_parse_and_every_rss_description_is_text_to_an_html_reader(pages: SitePages):
    renderer = FeedRenderer(pages, site_name="Site <b>name</b>", site_url="https://news.example/")
    sources = list(feed_sources(pages, "Site <b>name</b>", "About <script>x</script>"))
    assert len(sources) >= 4  # the site, a person, a country, a thread
    for source in sources:
        atom = ET.fromstring(renderer.atom(source))
        for construct in atom.iter():
            if construct.tag.endswith(("title", "subtitle", "summary")):
                assert construct.get("type") == "text"  # plain text by RFC 4287: never rendered as HTML
        rss = ET.fromstring(renderer.rss(source))
        for description in rss.iter("description"):
            assert elements(description.text or "") == [], description.text  # readers render this as HTML
        texts = _text_nodes(rss) + _text_nodes(atom)
        for hostile in HOSTILE[:8]:  # every hostile title arrives as the same text, nothing lost or added
            if hostile in {a.title for a in source.articles}:
                assert any(text == hostile for text in texts)


def test_digest_json_holds_no_markup_and_reads_back_the_same(pages: SitePages):
    data = digest_json(pages)
    text = safe_json(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data
    assert {a["title"] for a in data["articles"]} == set(HOSTILE[:8])


def test_head_meta_and_json_ld_escape_for_their_contexts(pages: SitePages):
    builder = HeadBuilder(pages, SiteInfo(name="Site", url="https://news.example/"))
    for page in [*pages.generated()[:20], None]:
        src = page.src_uri if page is not None else "articles/2024/05/01/a0.md"
        head = builder.head_for(src, title=HOSTILE[2])
        if head["json_ld"]:
            assert "<" not in head["json_ld"] and ">" not in head["json_ld"]
            json.loads(head["json_ld"])
        # the template prints meta values through `| e`; what it gets is the plain text
        assert any(tag["content"] == HOSTILE[2] for tag in head["meta"] if tag["name"] == "og:title")


def test_page_contexts_are_escaped_everywhere(pages: SitePages):
    for src in ["articles/2024/05/01/a0.md", "people/ada/index.md", "countries/gb/index.md", "threads/t1/index.md"]:
        context = pages.context_for(src)
        assert context is not None

        def walk(value) -> None:
            if isinstance(value, str):
                assert isinstance(value, Markup) and not TAG_START.search(str(value)), value
            elif isinstance(value, dict):
                for item in value.values():
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)
        walk(context)
        assert escape_context("<x>") == Markup("&lt;x&gt;")


def test_a_person_description_is_text_on_the_page(pages: SitePages):
    (person_page,) = [page for page in pages.generated() if page.src_uri == "people/ada/index.md"]
    body = person_page.content.split("---\n", 2)[2]
    import markdown

    rendered = markdown.markdown(body)
    # The description is one paragraph of text; the rest are the digest's own search elements.
    assert elements(rendered)[0] == ("p", []) and {tag for tag, _ in elements(rendered)} <= {"p", "div", "span"}
    assert "&lt;svg onload=alert(3)&gt;" in rendered


# ---- article HTML and page meta ------------------------------------------------------------------
ATTACK_HTML = [
    '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<svg onload=alert(1)>', '<p onclick="x">p</p>',
    '<a href="java\tscript:alert(1)">x</a>', '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="data:text/html,x">x</a>', '<a href="vbscript:x">x</a>', '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', '<iframe src="https://evil.example"></iframe>',
    '<div style="width:expression(alert(1))">d</div>', '<th style="background:url(javascript:x)">h</th>',
    '<form action="javascript:x"><button formaction="javascript:y">b</button></form>',
    '<math><maction xlink:href="javascript:x">m</maction></math>', '<object data="x"></object><embed src="y">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', '<h2 id="__search">h</h2>',
    '<details open ontoggle=alert(1)><summary>s</summary></details>',
    '<a href="https://ok.example/" target=_blank>ok</a>',
]


@pytest.mark.parametrize("html", ATTACK_HTML)
def test_article_html_allowlist(html: str):
    cleaned = clean_html(html)
    for tag, attrs in elements(cleaned):
        assert tag not in {"script", "img", "svg", "iframe", "base", "meta", "form", "button", "object", "embed",
                           "math", "style", "noscript"}
        for name, value in attrs:
            assert not name.startswith("on") and name not in {"target", "formaction"}, (tag, name, value)
            if name == "style":
                assert re.fullmatch(r"text-align:\s*\w+;?", value or ""), value
            if name in ("href", "src"):
                assert (value or "").startswith(("https:", "http:", "mailto:", "#", "/", ".")), value
            if name == "id":
                assert not (value or "").startswith("_")


def test_what_markdown_makes_survives_the_allowlist_unchanged_in_kind():
    import markdown

    source = ("# Title\n\nText with *em*, **strong**, `code` and [a link](https://ok.example/).\n\n"
              "> quote\n\n- one\n- two\n\n1. first\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\nNote[^1]\n\n[^1]: A note.\n\n"
              "```python\nx = 1 < 2\n```\n")
    html = markdown.markdown(source, extensions=["extra", "toc"])
    assert sorted({tag for tag, _ in elements(clean_html(html))}) == sorted({tag for tag, _ in elements(html)})


def test_article_page_meta_keeps_only_the_articles_own_keys_escaped():
    meta = {"title": "<script>x</script>", "template": "redirect.html", "location": "javascript:alert(1)",
            "description": '"><script>alert(1)</script>', "author": "<b>x</b>", "summary": "<i>s</i>",
            "hide": ["toc"], "search": {"exclude": True}}
    guarded = guarded_meta(meta, "Plain title")
    assert guarded["title"] == "Plain title" and guarded["template"] == "digest/article.html"
    assert "location" not in guarded and "description" not in guarded and "author" not in guarded
    assert guarded["summary"] == "&lt;i&gt;s&lt;/i&gt;" and guarded["hide"] == ["toc"]
    assert guarded_meta({"template": "digest/../../x"}, "T")["template"] == "digest/article.html"


# ---- site URL and sitemap dates --------------------------------------------------------------------
def test_a_site_url_cannot_leave_the_canonical_link():
    url = safe_site_url('https://news.example/"><script>alert(1)</script>')
    assert not set('"<> ') & set(url) and url.startswith("https://news.example/")
    assert safe_site_url("https://news.example/a b'c") == "https://news.example/a%20b%27c"
    assert safe_site_url("https://news.example/path?q=1&x=%20#top") == "https://news.example/path?q=1&x=%20#top"


def test_sitemap_dates_are_those_a_gzip_header_holds():
    assert sitemap_safe(dt.datetime(1969, 7, 20, tzinfo=UTC)) is None
    assert sitemap_safe(dt.datetime(2200, 1, 1, tzinfo=UTC)) is None
    assert sitemap_safe(dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-14)))) is None
    moment = dt.datetime(2024, 5, 1, tzinfo=UTC)
    assert sitemap_safe(moment) == moment


# ---- one bad record among many ----------------------------------------------------------------------
def test_two_files_with_one_id_both_stay_with_ids_of_their_own(caplog):
    from digest_plugin.core.articles import ensure_unique_ids

    first = Article(title="A", body="b", date=dt.datetime(2024, 1, 1), id="same", src_path="articles/b.md")
    copy = Article(title="B", body="b", date=dt.datetime(2024, 1, 1), id="same", src_path="articles/c.md")
    squatter = Article(title="C", body="b", date=dt.datetime(2024, 1, 1), id="articles/c.md", src_path="articles/a.md")
    with caplog.at_level("WARNING"):
        ensure_unique_ids([copy, squatter, first])
    assert (first.id, squatter.id) == ("same", "articles/c.md") and copy.id == "articles/c.md#2"
    assert "articles/c.md" in caplog.text and "articles/b.md" in caplog.text


def test_caches_on_a_full_disk_are_warned_about_and_the_work_goes_on(tmp_path, monkeypatch, caplog):
    import errno

    from digest_plugin.core import related_cache
    from digest_plugin.core.entities import cache as cache_module
    from digest_plugin.core.entities.cache import ExtractionCache, extract_with_cache
    from digest_plugin.core.related import RelatedInput

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cache_module, "atomic_write_text", full)
    monkeypatch.setattr(related_cache, "atomic_write_text", full)

    class Fake:
        def extract_many(self, items):
            return [ArticleEntities(people=[Mention("Ada Lovelace")]) for _ in items]

    with caplog.at_level("WARNING"):
        results, misses = extract_with_cache(Fake(), ExtractionCache(tmp_path / "cache"), [("T", "b", [])] * 3)
        related = related_cache.cached_compute_related(
            [RelatedInput(id=f"a{n}", title=f"Story {n}", text="Ada spoke.", date=dt.datetime(2024, 1, 1 + n),
                          source="Wire", people=[], countries=[]) for n in range(3)],
            k=2, directory=tmp_path / "cache")
    assert misses == 3 and results[0].people[0].name == "Ada Lovelace" and set(related.related) == {"a0", "a1", "a2"}
    assert caplog.text.count("cannot write the extraction cache") == 1  # warned once, not per entry
    assert "cannot write the related-stories cache" in caplog.text


def test_one_article_from_1900_does_not_give_every_chart_1500_bars():
    digest = _digest()
    digest.articles[-1].date = dt.datetime(1900, 1, 2, tzinfo=UTC)
    chart = SitePages(digest, urls=mkdocs_urls()).context_for("countries/gb/index.md")["chart"]
    assert chart["bucket"] == "year" and len(chart["points"]) == 2024 - 1900 + 1
