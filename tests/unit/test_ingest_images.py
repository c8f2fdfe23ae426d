"""Lead pictures and outlet names at ingest: news-please `image_url`, Media RSS and enclosures in
feeds, a page's og:image; only http(s) addresses reach front matter."""

from __future__ import annotations

import json

from digest_plugin.core.articles import article_from_text
from digest_plugin.core.ingest.base import ReadOptions
from digest_plugin.core.ingest.feed import read_feed
from digest_plugin.core.ingest.records import read_json
from digest_plugin.core.ingest.webpage import read_html
from digest_plugin.core.ingest.writer import render_article

OPTIONS = ReadOptions(warn=lambda message: None)

FEED = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>World news - Harbour Gazette</title><link>https://www.harbourgazette.com/world</link>
<item><title>Ferry service resumes</title><link>https://www.harbourgazette.com/a</link>
  <pubDate>Tue, 01 Oct 2024 09:00:00 GMT</pubDate><description>The ferries sail again.</description>
  <media:content url="https://img.harbourgazette.com/small.jpg" medium="image" width="140"/>
  <media:content url="https://img.harbourgazette.com/large.jpg" medium="image" width="900"/>
  <media:content url="https://video.harbourgazette.com/clip.mp4" medium="video" width="1280"/></item>
<item><title>Harbour dredging starts</title><link>https://www.harbourgazette.com/b</link>
  <pubDate>Tue, 01 Oct 2024 10:00:00 GMT</pubDate><description>Work begins.</description>
  <media:thumbnail url="https://img.harbourgazette.com/thumb.jpg"/></item>
<item><title>Lighthouse repainted</title><link>https://www.harbourgazette.com/c</link>
  <pubDate>Tue, 01 Oct 2024 11:00:00 GMT</pubDate><description>White again.</description>
  <enclosure url="https://img.harbourgazette.com/house.png" type="image/png" length="1"/></item>
<item><title>Podcast: the week</title><link>https://www.harbourgazette.com/d</link>
  <pubDate>Tue, 01 Oct 2024 12:00:00 GMT</pubDate><description>Listen.</description>
  <enclosure url="https://audio.harbourgazette.com/week.mp3" type="audio/mpeg" length="1"/></item>
<item><title>Scripted picture</title><link>https://www.harbourgazette.com/e</link>
  <pubDate>Tue, 01 Oct 2024 13:00:00 GMT</pubDate><description>No.</description>
  <media:thumbnail url="javascript:alert(1)"/></item>
</channel></rss>"""


def test_feed_pictures_and_outlet_name():
    articles = list(read_feed(FEED, "gazette.rss", OPTIONS))
    assert [a.image for a in articles] == [
        "https://img.harbourgazette.com/large.jpg", "https://img.harbourgazette.com/thumb.jpg",
        "https://img.harbourgazette.com/house.png", "", ""]
    assert {a.source for a in articles} == {"Harbour Gazette"}


def test_news_please_image_url_and_source_domain():
    record = {"title": "Ferry service resumes", "maintext": "The ferries sail again.", "url": "https://x.example.com/a",
              "date_publish": "2024-10-01 09:00:00", "source_domain": "www.theguardian.com",
              "image_url": "https://i.example.com/ferry.jpg"}
    (article,) = read_json(json.dumps(record).encode(), "r.json", OPTIONS)
    assert article.image == "https://i.example.com/ferry.jpg" and article.source == "The Guardian"
    record["image_url"] = "data:image/png;base64,AAAA"
    (article,) = read_json(json.dumps(record).encode(), "r.json", OPTIONS)
    assert article.image == ""


def test_a_page_og_image_is_kept_absolute():
    html = b"""<html><head><title>Ferry service resumes</title>
      <meta property="og:image" content="/pictures/ferry.jpg"><meta property="og:site_name" content="Harbour Gazette">
      </head><body><article><h1>Ferry service resumes</h1>
      <p>The ferries between the two islands sailed again on Tuesday after a week of storms kept them in port.</p>
      <p>Operators said the timetable would be back to normal by the weekend, with extra crossings on Saturday.</p>
      </article></body></html>"""
    (article,) = read_html(html, "page.html", OPTIONS, url="https://www.harbourgazette.com/news/ferry")
    assert article.image == "https://www.harbourgazette.com/pictures/ferry.jpg"
    assert article.source == "Harbour Gazette"


def test_the_writer_stores_the_picture_and_the_reader_reads_it_back():
    (article,) = read_json(json.dumps({"title": "T", "maintext": "Body.", "image_url": "https://i.example.com/a.jpg",
                                       "date_publish": "2024-10-01"}).encode(), "r.json", OPTIONS)
    text = render_article(article)
    assert "image: https://i.example.com/a.jpg" in text
    assert article_from_text(text, "articles/t.md").image == "https://i.example.com/a.jpg"
