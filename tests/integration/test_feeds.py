"""Real builds: feeds on disk, the head of every page, JSON-LD, social meta and sitemap dates.

Entities come from the articles' front matter (editor overrides) and extraction is replaced by
one that finds nothing, so these builds test feeds and head data, not NER.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from mkdocs.utils import get_build_date

from digest_plugin.core.entities.extract import Extractor
from digest_plugin.core.model import ArticleEntities
from tests.integration.conftest import build_site, write_article
from tests.unit.test_feeds import assert_rfc4287, assert_rss2

SITE_URL = "https://news.example.org/digest/"
HOSTILE_TITLE = 'Breakout </script><script>alert(1)</script> "quoted" & <b>bold</b>'
HOSTILE_SUMMARY = 'Summary with </script> & "quotes" <!-- and'
# Titles, summaries and names are plain text from the edge on (core/articles.py): tags go, the
# rest is escaped wherever it is written.
PLAIN_TITLE = 'Breakout "quoted" & bold'
PLAIN_SUMMARY = 'Summary with & "quotes"'
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

ARTICLES = [
    ("2024/10/02/macron-visits-berlin.md", """
        title: "Macron visits Berlin: talks on Ukraine aid"
        date: 2024-10-02T09:30:00+02:00
        source: Example Wire
        url: https://news.example.org/macron-berlin?utm_source=x&b=2
        authors: [Petra Hollis, Jan Okafor]
        summary: The French president met the German chancellor to discuss support for Kyiv.
        id: t-macron-berlin
        people: [Emmanuel Macron, Olaf Scholz]
        countries: [FR, DE]
        """, "Emmanuel Macron met Olaf Scholz in Berlin to talk about aid for Ukraine."),
    ("2024/11/06/scholz-coalition-collapses.md", """
        title: Scholz's coalition collapses after he fires Lindner
        date: 2024-11-06T21:00:00+00:00
        source: Other Gazette
        summary: Germany's three-party government broke apart over the budget.
        id: t-scholz-coalition
        people: [Olaf Scholz]
        countries: [DE]
        """, "The chancellor dismissed his finance minister, ending the coalition."),
    ("2024/09/15/moldova-vote-campaign.md", """
        title: Moldova's president campaigns for the European Union referendum
        date: 2024-09-15T12:00:00+00:00
        source: Desk
        summary: Maia Sandu urged voters to back EU membership in the October referendum and election.
        id: t-moldova-1
        people: [Maia Sandu]
        countries: [MD]
        """, """Moldovan President Maia Sandu urged voters to back European Union membership in the
        October referendum, held on the same day as the presidential election. Sandu warned of vote
        buying and foreign interference in the referendum campaign."""),
    ("2024/09/16/moldova-vote-interference.md", """
        title: Moldova's president warns of interference before EU referendum
        date: 2024-09-16T08:00:00+00:00
        source: Second Wire
        summary: Maia Sandu warned of vote buying ahead of the October EU referendum and election.
        id: t-moldova-2
        people: [Maia Sandu]
        countries: [MD]
        """, """Moldovan President Maia Sandu warned of vote buying and foreign interference before
        the October referendum on European Union membership, held with the presidential election.
        Sandu urged voters to back membership in the referendum campaign."""),
    ("2024/07/01/lula-opens-rainforest-summit.md", """
        title: Lula opens a rainforest summit in Belem
        date: 2024-07-01T15:00:00+00:00
        source: Far Desk
        summary: Brazil's president asked Amazon nations for a common plan against logging.
        id: t-lula-summit
        people: [Luiz Inacio Lula da Silva]
        countries: [BR]
        """, "Delegates from eight Amazon nations met in Belem to discuss deforestation and river pollution."),
    ("2024/08/01/hostile-title.md", f"""
        title: {json.dumps(HOSTILE_TITLE)}
        date: 2024-08-01T06:00:00+00:00
        source: "Tricky <Source> & Co"
        summary: {json.dumps(HOSTILE_SUMMARY)}
        id: t-hostile
        people: [Maia Sandu]
        countries: [MD]
        """, "A plain body."),
]


class _Head(HTMLParser):
    """The link, meta and JSON-LD script elements of a page's <head>, attributes unescaped."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict] = []
        self.meta: list[dict] = []
        self.json_ld: list[str] = []
        self._in_head = True
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "body":
            self._in_head = False
        if not self._in_head:
            return
        if tag == "link":
            self.links.append(attributes)
        elif tag == "meta":
            self.meta.append(attributes)
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld[-1] += data

    def feeds(self, kind: str = "application/atom+xml") -> list[str]:
        return [link["href"] for link in self.links if "alternate" in (link.get("rel") or "").split() and link.get("type") == kind]

    def property(self, name: str) -> list[str]:
        return [m["content"] for m in self.meta if m.get("property") == name or m.get("name") == name]

    def canonical(self) -> list[str]:
        return [link["href"] for link in self.links if link.get("rel") == "canonical"]


def head_of(html: str) -> _Head:
    parser = _Head()
    parser.feed(html)
    return parser


@pytest.fixture
def no_ner(monkeypatch):
    monkeypatch.setattr(Extractor, "extract_many",
                        lambda self, items, **_options: [ArticleEntities() for _ in items])


def _make_site(root: Path, *, site_url: str | None, options: dict | None = None) -> None:
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    if site_url:
        config = f"site_url: {site_url}\n" + config
    if options:
        config = config.replace("  - digest\n", "  - digest:\n" + "".join(f"      {k}: {json.dumps(v)}\n"
                                                                            for k, v in options.items()))
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for relpath, front_matter, body in ARTICLES:
        write_article(root, relpath, front_matter, body)


@pytest.fixture
def site_with_url(new_site, no_ner):
    _make_site(new_site, site_url=SITE_URL)
    return build_site(new_site)


@pytest.fixture
def site_without_url(new_site, no_ner):
    _make_site(new_site, site_url=None)
    return build_site(new_site)


def _feed_files(site_dir: Path) -> set[str]:
    return {p.relative_to(site_dir).as_posix() for name in ("feed.xml", "rss.xml") for p in site_dir.rglob(name)}


def _expected_feed_files(digest: dict) -> set[str]:
    folders = {""} | {p["url"] for p in digest["people"]} | {c["url"] for c in digest["countries"]}
    folders |= {f"threads/{a['thread']}/" for a in digest["articles"] if a["thread"]}
    folders |= {o["url"] for o in digest["outlets"]}
    return {folder + name for folder in folders for name in ("feed.xml", "rss.xml")}


def _page_for(site, article_id: str) -> tuple[str, str]:
    url = next(a["url"] for a in site.digest["articles"] if a["id"] == article_id)
    return url, site.html(url)


def _all_pages(site_dir: Path) -> list[Path]:
    """Every page a reader sees: not a story's stable alias, which only sends on to the story."""
    return [p for p in site_dir.rglob("index.html")
            if "assets" not in p.parts and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:2000]]


def test_the_moldova_reports_form_a_thread(site_with_url):
    threads = {a["id"]: a["thread"] for a in site_with_url.digest["articles"]}
    assert threads["t-moldova-1"] is not None and threads["t-moldova-1"] == threads["t-moldova-2"]


@pytest.mark.parametrize("fixture", ["site_with_url", "site_without_url"])
def test_every_feed_is_written_and_valid(fixture, request):
    site = request.getfixturevalue(fixture)
    files = _feed_files(site.site)
    assert files == _expected_feed_files(site.digest)
    for path in sorted(files):
        text = (site.site / path).read_text(encoding="utf-8")
        parsed = feedparser.parse(text)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.entries, path
        if path.endswith("feed.xml"):
            assert_rfc4287(text)
        else:
            assert_rss2(text)
        for entry in parsed.entries:
            # Every link leads to a built page, absolute or resolved against the feed's own URL.
            target = urljoin(SITE_URL + path, entry.link) if fixture == "site_without_url" else entry.link
            assert target.startswith(SITE_URL), (path, entry.link)
            built = site.site / urlsplit(target).path[len(urlsplit(SITE_URL).path):] / "index.html"
            assert built.is_file(), (path, entry.link)


def test_feed_entries_carry_summary_date_authors(site_with_url):
    parsed = feedparser.parse((site_with_url.site / "people/olaf-scholz/feed.xml").read_text(encoding="utf-8"))
    assert [e.title for e in parsed.entries] == ["Scholz's coalition collapses after he fires Lindner",
                                                "Macron visits Berlin: talks on Ukraine aid"]
    macron = parsed.entries[1]
    assert macron.summary == "The French president met the German chancellor to discuss support for Kyiv."
    assert macron.published == "2024-10-02T07:30:00Z"
    assert [a.name for a in macron.authors] == ["Petra Hollis", "Jan Okafor"]
    assert macron.link == SITE_URL + "articles/2024/10/02/macron-visits-berlin/"
    assert parsed.feed.id == SITE_URL + "people/olaf-scholz/feed.xml"
    hostile = feedparser.parse((site_with_url.site / "countries/md/feed.xml").read_text(encoding="utf-8")).entries[-1]
    assert hostile.title == PLAIN_TITLE


def test_every_page_links_the_site_feed_and_entity_pages_their_own(site_with_url):
    site = site_with_url
    for path in _all_pages(site.site):
        head = head_of(path.read_text(encoding="utf-8"))
        resolved = {urljoin(path.relative_to(site.site).as_posix(), href) for href in head.feeds()}
        assert "feed.xml" in resolved, path
        rss = {urljoin(path.relative_to(site.site).as_posix(), h) for h in head.feeds("application/rss+xml")}
        assert "rss.xml" in rss, path
        for target in resolved:
            assert (site.site / target).is_file(), (path, target)
    person = head_of(site.html("people/olaf-scholz/"))
    assert "feed.xml" in person.feeds() and "../../feed.xml" in person.feeds()
    country = site.html("countries/de/")
    assert "feed.xml" in head_of(country).feeds()
    assert 'class="md-button digest-subscribe__button" href="feed.xml"' in country
    thread_id = next(a["thread"] for a in site.digest["articles"] if a["id"] == "t-moldova-2")
    url, article = _page_for(site, "t-moldova-2")
    depth = url.count("/")
    assert "../" * depth + f"threads/{thread_id}/feed.xml" in head_of(article).feeds()
    story_url = next(t["url"] for t in site.digest["threads"] if t["id"] == thread_id)
    # The story page's subscribe button points at the feed in the stable alias folder, which
    # outlives a change of title (and of the page's address).
    assert f'href="../{thread_id}/feed.xml"' in site.html(story_url)
    alias = site.html(f"threads/{thread_id}/")
    assert 'http-equiv="refresh"' in alias and f'href="../{story_url.split("/")[1]}/"' in alias
    unthreaded = [a["id"] for a in site.digest["articles"] if a["thread"] is None]
    assert unthreaded, "the fixture should keep some article out of every thread"
    for article_id in unthreaded:
        assert len(head_of(_page_for(site, article_id)[1]).feeds()) == 1  # only the site feed


def test_article_json_ld_is_a_news_article(site_with_url):
    url, page = _page_for(site_with_url, "t-macron-berlin")
    scripts = head_of(page).json_ld
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Macron visits Berlin: talks on Ukraine aid"
    assert data["datePublished"] == "2024-10-02T09:30:00+02:00"
    assert data["author"] == [{"@type": "Person", "name": "Petra Hollis"}, {"@type": "Person", "name": "Jan Okafor"}]
    assert data["publisher"] == {"@type": "Organization", "name": "Example Wire"}
    assert data["isBasedOn"] == "https://news.example.org/macron-berlin?utm_source=x&b=2"
    assert data["url"] == SITE_URL + url
    entities = data.get("about", []) + data.get("mentions", [])
    assert {"@type": "Person", "name": "Olaf Scholz", "url": SITE_URL + "people/olaf-scholz/"} in entities
    assert {"@type": "Country", "name": "Germany", "identifier": "DE", "url": SITE_URL + "countries/de/"} in entities


def test_entity_pages_carry_person_and_country(site_with_url):
    person = json.loads(head_of(site_with_url.html("people/maia-sandu/")).json_ld[0])
    assert person["@type"] == "Person" and person["name"] == "Maia Sandu"
    assert person["url"] == SITE_URL + "people/maia-sandu/"
    country = json.loads(head_of(site_with_url.html("countries/md/")).json_ld[0])
    assert country["@type"] == "Country" and country["name"] == "Moldova" and country["identifier"] == "MD"


def test_hostile_title_cannot_break_out_of_the_head(site_with_url):
    _, page = _page_for(site_with_url, "t-hostile")
    head = head_of(page)
    assert len(head.json_ld) == 1
    data = json.loads(head.json_ld[0])
    assert data["headline"] == PLAIN_TITLE
    assert data["description"] == PLAIN_SUMMARY
    assert data["publisher"]["name"] == "Tricky & Co"
    assert head.property("og:title") == [PLAIN_TITLE]
    assert head.property("twitter:title") == [PLAIN_TITLE]
    script = page[page.index('<script type="application/ld+json">'):]
    script = script[: script.index("</script>")]
    assert "<" not in script[len('<script type="application/ld+json">'):]


def test_social_meta_and_canonical_with_site_url(site_with_url):
    url, page = _page_for(site_with_url, "t-macron-berlin")
    head = head_of(page)
    assert head.property("og:type") == ["article"]
    assert head.property("og:title") == ["Macron visits Berlin: talks on Ukraine aid"]
    assert head.property("og:description") == [
        "The French president met the German chancellor to discuss support for Kyiv."]
    assert head.property("og:url") == [SITE_URL + url] == head.canonical()
    assert head.property("twitter:card") == ["summary"]
    for path in _all_pages(site_with_url.site):
        page_head = head_of(path.read_text(encoding="utf-8"))
        assert len(page_head.property("og:title")) == 1 and len(page_head.property("og:description")) == 1, path
        assert len(page_head.property("og:url")) == 1, path
    assert head_of(site_with_url.html("people/olaf-scholz/")).property("og:type") == ["website"]


def test_without_site_url_no_og_url_no_canonical_and_relative_json_ld(site_without_url):
    url, page = _page_for(site_without_url, "t-macron-berlin")
    head = head_of(page)
    assert head.property("og:url") == [] and head.canonical() == []
    assert head.property("og:title") == ["Macron visits Berlin: talks on Ukraine aid"]
    data = json.loads(head.json_ld[0])
    entities = data.get("about", []) + data.get("mentions", [])
    scholz = next(e for e in entities if e["name"] == "Olaf Scholz")
    assert urljoin("https://any.example/" + url, scholz["url"]) == "https://any.example/people/olaf-scholz/"
    feed = feedparser.parse((site_without_url.site / "feed.xml").read_text(encoding="utf-8"))
    assert feed.feed.id.startswith("urn:uuid:") and all(e.id.startswith("urn:uuid:") for e in feed.entries)


def _sitemap(site_dir: Path) -> dict[str, str]:
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    return {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in root.findall(f"{SITEMAP}url")}


def test_sitemap_lists_articles_and_entities_with_their_dates(site_with_url):
    entries = _sitemap(site_with_url.site)
    digest = site_with_url.digest
    for article in digest["articles"]:
        assert SITE_URL + article["url"] in entries, article["url"]
    assert entries[SITE_URL + "articles/2024/10/02/macron-visits-berlin/"] == "2024-10-02T07:30:00+00:00"
    for entity in digest["people"] + digest["countries"]:
        assert SITE_URL + entity["url"] in entries, entity["url"]
    assert entries[SITE_URL + "people/olaf-scholz/"] == "2024-11-06T21:00:00+00:00"  # its newest article
    assert entries[SITE_URL + "countries/md/"] == "2024-09-16T08:00:00+00:00"
    assert entries[SITE_URL] == "2024-11-06T21:00:00+00:00"
    assert entries[SITE_URL + "archive/2024/09/"] == "2024-09-16T08:00:00+00:00"


def test_everything_switched_off(new_site, no_ner):
    _make_site(new_site, site_url=SITE_URL, options={"feeds": False, "structured_data": False,
                                                     "social_meta": False, "sitemap_lastmod": False})
    site = build_site(new_site)
    assert _feed_files(site.site) == set()
    for path in _all_pages(site.site):
        html = path.read_text(encoding="utf-8")
        head = head_of(html)
        assert head.feeds() == [] and head.json_ld == [] and head.property("og:title") == [], path
        assert "digest-subscribe" not in html
    entries = _sitemap(site.site)
    assert SITE_URL + "articles/2024/10/02/macron-visits-berlin/" in entries
    assert set(entries.values()) == {get_build_date()}
    assert head_of(site.html("people/olaf-scholz/")).canonical() == [SITE_URL + "people/olaf-scholz/"]


def test_each_switch_works_alone(new_site, no_ner):
    _make_site(new_site, site_url=None, options={"feeds": True, "structured_data": False, "social_meta": False,
                                                 "feed_items": 1})
    site = build_site(new_site)
    head = head_of(site.html("people/maia-sandu/"))
    assert head.feeds() and head.json_ld == [] and head.property("og:title") == []
    for path in _feed_files(site.site):
        assert len(feedparser.parse((site.site / path).read_text(encoding="utf-8")).entries) == 1
    assert _sitemap(site.site) == {}  # without site_url MkDocs lists no page: sitemaps need absolute URLs
