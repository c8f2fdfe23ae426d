"""Story pages, outlet pages, coverage, pictures and the world map, from a digest made in the test
(siteview/stories.py, outlets.py, worldmap.py), plus the edges that feed them: entities.yml
`sources:` and front matter `image:`."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from digest_plugin.core.articles import article_from_text
from digest_plugin.core.corpus import assemble
from digest_plugin.core.entities.registry import RegistryError, load_registry
from digest_plugin.core.model import Article, ArticleEntities, Mention
from digest_plugin.core.related import RelatedResult, Thread
from digest_plugin.siteview.export import digest_json
from digest_plugin.siteview.head import HeadBuilder, SiteInfo
from digest_plugin.siteview.pages import SitePages
from digest_plugin.siteview.worldmap import breaks, shapes, world_map
from tests.urls import mkdocs_urls

UTC = dt.UTC


def _article(n: int, source: str, day: int, hour: int = 9, title: str = "", image: str = "") -> Article:
    return Article(title=title or f"Report {n}", body="Text.", date=dt.datetime(2024, 10, day, hour, tzinfo=UTC),
                   source=source, id=f"a{n}", src_path=f"articles/2024/10/{day:02d}/r{n}.md", image=image)


def _pages(images: bool = True) -> SitePages:
    articles = [
        _article(1, "Harbour Gazette", 1, 8, "Coastal road news"),
        _article(2, "www.valleypost.com", 1, 14, "Storm damage closes bridge", image="https://img.example.com/b.jpg"),
        _article(3, "Harbour Gazette", 3, 9, "Bridge to reopen next week after storm damage"),
        _article(4, "Daily Lamp", 4, 9, "Storm damage: bridge repairs begin"),
        _article(5, "Harbour Gazette", 2, 9, "Council budget vote"),
        _article(6, "Harbour Gazette", 5, 9, "Council budget passes"),
        _article(7, "Daily Lamp", 6, 9, "A lone report"),
    ]
    threads = {"t-bridge": Thread("t-bridge", ["a1", "a2", "a3", "a4"], []),
               "t-budget": Thread("t-budget", ["a5", "a6"], []),
               "t-lone": Thread("t-lone", ["a7"], [])}  # one report: no page
    thread_of = {"a1": "t-bridge", "a2": "t-bridge", "a3": "t-bridge", "a4": "t-bridge", "a5": "t-budget",
                 "a6": "t-budget", "a7": "t-lone"}
    extracted = {a.id: ArticleEntities(people=[Mention("Mara Quill", in_headline=True)] if a.id in ("a1", "a3") else [],
                                       countries=[Mention("NL", count=3)]) for a in articles}
    digest = assemble(articles, extracted, reuse_related=RelatedResult({}, threads, thread_of))
    return SitePages(digest, urls=mkdocs_urls(), images=images)


def test_a_thread_page_has_a_real_title_a_readable_address_and_a_stable_alias():
    pages = _pages()
    uris = {page.src_uri for page in pages.generated()}
    stories = pages.stories
    assert stories.title("t-bridge") == "Storm damage closes bridge"
    assert stories.uri("t-bridge") == "threads/t-bridge-storm-damage-closes-bridge/index.md"
    assert {stories.uri("t-bridge"), "threads/t-bridge/index.md", "threads/index.md"} <= uris
    assert not any(uri.startswith("threads/t-lone") for uri in uris)  # a thread of one report
    alias = pages.context_for("threads/t-bridge/index.md")
    assert alias["target"] == "threads/t-bridge-storm-damage-closes-bridge/"
    assert pages.thread_url("t-bridge") == alias["target"]


def test_coverage_names_each_outlet_once_in_order_of_first_report():
    pages = _pages()
    rows = pages.stories.coverage("t-bridge")
    assert [r["name"] for r in rows] == ["Harbour Gazette", "valleypost.com", "Daily Lamp"]
    assert [r["first"] for r in rows] == [True, False, False]
    assert [r["count"] for r in rows] == [2, 1, 1]
    assert rows[1]["after"] == "+6 h" and rows[2]["after"] == "+3 days"
    assert rows[0]["offset"] == 0.0 and rows[2]["offset"] == 100.0
    article = pages.context_for("articles/2024/10/01/r2.md")
    coverage = article["thread"]["coverage"]
    assert [r["current"] for r in coverage["outlets"]] == [False, True, False] and coverage["total"] == 3


def test_the_story_page_and_index():
    pages = _pages()
    story = pages.raw_context(pages.stories.uri("t-bridge"))
    assert story["count"] == 4 and story["outlet_count"] == 3
    assert [day["date"] for day in story["days"]] == ["2024-10-01", "2024-10-03", "2024-10-04"]
    assert [item["first"] for day in story["days"] for item in day["items"]] == [True, False, False, False]
    assert [p["name"] for p in story["people"]] == ["Mara Quill"] and story["people"][0]["count"] == 2
    index = pages.raw_context("threads/index.md")
    assert [s["id"] for s in index["stories"]] == ["t-budget", "t-bridge"]  # latest report first
    assert index["stories"][1]["outlets"] == ["Harbour Gazette", "valleypost.com", "Daily Lamp"]


def test_outlet_pages_count_stories_and_tell_shared_from_exclusive():
    pages = _pages()
    uris = {page.src_uri for page in pages.generated()}
    assert {"sources/index.md", "sources/harbour-gazette/index.md", "sources/valleypost-com/index.md"} <= uris
    gazette = pages.raw_context("sources/harbour-gazette/index.md")
    assert gazette["count"] == 4 and gazette["threads"] == 2
    assert [s["title"] for s in gazette["coverage"]["shared"]] == ["Storm damage closes bridge"]
    assert gazette["coverage"]["shared"][0]["first"] is True and gazette["coverage"]["first_total"] == 1
    assert [s["title"] for s in gazette["coverage"]["exclusives"]] == ["Council budget vote"]
    lamp = pages.raw_context("sources/daily-lamp/index.md")
    assert lamp["threads"] == 1 and lamp["coverage"]["exclusives"] == []
    index = {row["name"]: row for row in pages.raw_context("sources/index.md")["outlets"]}
    assert index["Harbour Gazette"]["exclusives"] == 1 and index["Daily Lamp"]["count"] == 2
    item = pages.raw_context("articles/2024/10/02/r5.md")["article"]
    assert item["source_url"] == "sources/harbour-gazette/"


def test_digest_json_carries_threads_and_outlets():
    data = digest_json(_pages())
    bridge = next(t for t in data["threads"] if t["id"] == "t-bridge")
    assert bridge["url"] == "threads/t-bridge-storm-damage-closes-bridge/"
    assert bridge["outlets"] == ["Harbour Gazette", "valleypost.com", "Daily Lamp"]
    assert len(bridge["articles"]) == 4 and not any(t["id"] == "t-lone" for t in data["threads"])
    assert {o["name"]: o["articles"] for o in data["outlets"]} == \
        {"Daily Lamp": 2, "Harbour Gazette": 4, "valleypost.com": 1}


def test_pictures_show_and_make_the_social_card_unless_switched_off():
    on = _pages()
    assert on.raw_context("articles/2024/10/01/r2.md")["article"]["image"] == "https://img.example.com/b.jpg"
    head = HeadBuilder(on, SiteInfo(name="D", url="https://d.example.org/")).head_for("articles/2024/10/01/r2.md",
                                                                                       title="T")
    meta = {tag["name"]: tag["content"] for tag in head["meta"]}
    assert meta["og:image"] == "https://img.example.com/b.jpg" and meta["twitter:card"] == "summary_large_image"
    off = _pages(images=False)
    assert off.raw_context("articles/2024/10/01/r2.md")["article"]["image"] == ""
    head = HeadBuilder(off, SiteInfo(name="D")).head_for("articles/2024/10/01/r2.md", title="T")
    assert "og:image" not in {tag["name"] for tag in head["meta"]}


@pytest.mark.parametrize("value", ["javascript:alert(1)", "data:image/png;base64,AAAA", "//cdn.example/x.jpg",
                                   "https://img.example/a b.jpg", 42, ["https://img.example/a.jpg"]])
def test_an_article_image_must_be_an_http_address(value, caplog):
    # Dropped with a warning naming the file; the article itself is kept (core/articles.py).
    text = f"---\ntitle: T\ndate: 2024-10-01\nimage: {value!r}\n---\n\nBody.\n"
    with caplog.at_level("WARNING"):
        assert article_from_text(text, "articles/t.md").image == ""
    assert "articles/t.md" in caplog.text and "'image' must be an http or https address" in caplog.text


def test_an_article_image_is_read():
    text = "---\ntitle: T\ndate: 2024-10-01\nimage: https://img.example/a.jpg?w=600\n---\n\nBody.\n"
    assert article_from_text(text, "articles/t.md").image == "https://img.example/a.jpg?w=600"


def test_entities_yml_sources_are_validated(tmp_path: Path):
    path = tmp_path / "entities.yml"
    path.write_text("sources:\n  The Guardian:\n    aliases: [Guardian, guardian.co.uk]\n"
                    "    homepage: https://www.theguardian.com/\n    description: A daily.\n", encoding="utf-8")
    entry = load_registry(path).sources["The Guardian"]
    assert (entry.aliases, entry.homepage, entry.description) == \
        (("Guardian", "guardian.co.uk"), "https://www.theguardian.com/", "A daily.")
    path.write_text("sources:\n  The Guardian:\n    homepage: javascript:alert(1)\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="line 3: homepage of 'The Guardian' must be an http or https"):
        load_registry(path)
    path.write_text("sources:\n  The Guardian:\n    logo: x.png\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="unknown key 'logo'"):
        load_registry(path)


def test_entities_yml_outlet_names_are_plain_text_and_homepages_plain_addresses(tmp_path: Path):
    # The name titles the outlet's feeds and pages and names every article it groups: plain text,
    # as an article's `source` is (tags dropped, entities decoded), and an alias matches that text.
    path = tmp_path / "entities.yml"
    path.write_text("sources:\n  'Harbour <script>alert(1)</script> Post':\n"
                    "    aliases: ['<b>Harbour</b> Daily', 'Quay &amp; Dock']\n", encoding="utf-8")
    (name,) = load_registry(path).sources
    assert name == "Harbour Post"
    assert load_registry(path).sources[name].aliases == ("Harbour Daily", "Quay & Dock")
    path.write_text("sources:\n  '<script>alert(1)</script>':\n    aliases: [Quay]\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"line 2: .*plain text"):
        load_registry(path)
    # A homepage is an address: no quote or angle bracket, which no URL holds unencoded.
    path.write_text("sources:\n  Quay:\n    homepage: 'https://quay.example/\"><script>alert(1)</script>'\n",
                    encoding="utf-8")
    with pytest.raises(RegistryError, match="line 3: homepage of 'Quay' must be an http or https"):
        load_registry(path)


def test_map_shades_on_a_log_scale_with_a_legend():
    assert breaks(1) == [1]
    assert breaks(1000) == [4, 16, 63, 251, 1000]
    countries = [{"code": "FR", "name": "France", "url": "countries/fr/", "count": 30},
                 {"code": "NL", "name": "Netherlands", "url": "countries/nl/", "count": 1},
                 {"code": "SG", "name": "Singapore", "url": "countries/sg/", "count": 2}]
    drawn = world_map(countries)
    by_code = {s["code"]: s for s in drawn["shapes"]}
    assert by_code["FR"]["level"] == 5 and by_code["NL"]["level"] == 1 and by_code["DE"]["level"] == 0
    assert by_code["DE"]["url"] is None and by_code["SG"]["dot"]  # too small to see: a dot as well
    assert [step["label"] for step in drawn["legend"]] == ["1–2", "3–4", "5–8", "9–15", "16–30"]
    assert by_code["SG"]["level"] == 1
    assert [row["name"] for row in drawn["rows"]] == ["France", "Singapore", "Netherlands"]


def test_the_shipped_map_is_small_and_well_formed():
    data = shapes()
    assert 200 <= len(data["countries"]) <= 260 and "AQ" not in data["countries"]
    assert {"US", "RU", "FR", "BR", "AU", "IN", "ZA", "FJ"} <= set(data["countries"])
    path_data = re.compile(r"^(m[-\d. ]+l[-\d. ]+z)+$")
    # A country too small to draw at this size is a dot alone.
    assert all(path_data.match(entry["d"]) or (entry["d"] == "" and entry["dot"])
               for entry in data["countries"].values())
    assert (Path(__file__).parents[2] / "digest_plugin/siteview/data/world.json").stat().st_size < 120_000


def test_an_undated_report_is_never_first_and_has_no_time():
    pages = _pages()
    digest = pages.digest
    undated = next(a for a in digest.articles if a.id == "a1")
    undated.undated = True  # its date is the day it was ingested, not when the outlet reported it
    rows = SitePages(digest, urls=mkdocs_urls()).stories.coverage("t-bridge")
    assert rows[0]["name"] == "valleypost.com" and rows[0]["first"] is True
    gazette = next(r for r in rows if r["name"] == "Harbour Gazette")
    assert gazette["first"] is False and gazette["count"] == 2  # its dated second report counts
