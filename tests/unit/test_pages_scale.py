"""Article pages stay bounded however long a story thread grows."""

from __future__ import annotations

import datetime as dt

from digest_plugin.core.corpus import Digest
from digest_plugin.core.model import Article
from digest_plugin.core.related import Thread
from digest_plugin.siteview.pages import THREAD_WINDOW, SitePages
from tests.urls import mkdocs_urls


def _threaded_digest(n_articles: int) -> Digest:
    start = dt.datetime(2024, 9, 1, 8, tzinfo=dt.timezone.utc)
    articles = [
        Article(title=f"Report {i}", body="word " * 50, date=start + dt.timedelta(hours=i), source=f"Wire {i % 3}",
                id=f"a{i}", src_path=f"articles/x/report-{i}.md")
        for i in range(n_articles)
    ]
    ids = [a.id for a in articles]  # oldest first, as threads list them
    articles.reverse()
    return Digest(articles=articles, entities={}, people={}, countries={},
                  threads={"t1": Thread(id="t1", article_ids=ids, sources=["Wire 0", "Wire 1", "Wire 2"])},
                  thread_of={i: "t1" for i in ids})


def test_article_timeline_is_a_window_around_the_current_report():
    pages = SitePages(_threaded_digest(40), urls=mkdocs_urls())
    thread = pages.context_for("articles/x/report-20.md")["thread"]
    assert thread["count"] == 40
    titles = [item["title"] for item in thread["timeline"]]
    assert titles == [f"Report {i}" for i in range(20 - THREAD_WINDOW, 21 + THREAD_WINDOW)]
    assert [item["title"] for item in thread["timeline"] if item["current"]] == ["Report 20"]
    assert thread["prev"]["title"] == "Report 19" and thread["next"]["title"] == "Report 21"
    assert thread["sources"] == ["Wire 0", "Wire 1", "Wire 2"]


def test_window_is_clipped_at_the_ends_and_the_thread_page_lists_everything():
    pages = SitePages(_threaded_digest(40), urls=mkdocs_urls())
    first = pages.context_for("articles/x/report-0.md")["thread"]
    assert [item["title"] for item in first["timeline"]] == [f"Report {i}" for i in range(THREAD_WINDOW + 1)]
    assert first["prev"] is None
    last = pages.context_for("articles/x/report-39.md")["thread"]
    assert last["next"] is None and len(last["timeline"]) == THREAD_WINDOW + 1
    story = pages.context_for(pages.stories.uri("t1"))
    assert sum(len(day["items"]) for day in story["days"]) == 40
    assert pages.context_for("threads/t1/index.md")["target"] == pages.thread_url("t1")  # the stable alias
