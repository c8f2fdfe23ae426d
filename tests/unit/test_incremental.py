"""The dirty-rebuild planner and the article memo (digest_plugin/siteview/incremental.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from digest_plugin.core.corpus import assemble
from digest_plugin.core.model import Article, ArticleEntities, Mention
from digest_plugin.core.related import RelatedResult
from digest_plugin.siteview.incremental import (
    ArticleMemo,
    ChangedFeedWriter,
    rebuild_plan,
)
from digest_plugin.siteview.pages import SitePages
from tests.urls import mkdocs_urls

START = dt.datetime(2024, 9, 1, 8, tzinfo=dt.timezone.utc)
PEOPLE = ["Ada Lovelace", "Grace Hopper", "Alan Turing"]
TOPICS = ["harbour strike", "budget vote", "grain exports", "rail tunnel"]
STRIKE_REPORT = "Dock workers walked out at the harbour over pay; crane operators joined the strike. " * 8


def _articles(count: int = 14) -> list[Article]:
    return [
        # Mostly distinct words, so related links (shared people and countries) reach beyond
        # the story threads (near-identical text) and both rules of the planner are exercised.
        Article(title=f"Story {i} on the {TOPICS[i % 4]}",
                body=(STRIKE_REPORT if i % 4 == 0 else f"Officials discussed the {TOPICS[i % 4]}. ")
                + " ".join(f"w{i}x{j}" for j in range(30)),
                date=START + dt.timedelta(hours=i * 12), source=f"Wire {i}", summary=f"Summary {i}",
                id=f"a{i}", src_path=f"articles/story-{i}.md")
        for i in range(count)
    ]


def _entities(articles: list[Article]) -> dict[str, ArticleEntities]:
    return {a.id: ArticleEntities(people=[Mention(PEOPLE[int(a.id[1:]) % 3], count=2)],
                                  countries=[Mention("GB" if int(a.id[1:]) % 2 else "FR")])
            for a in articles}


def _pages(articles, entities, reuse_from: SitePages | None = None) -> SitePages:
    """The site's pages; with `reuse_from`, related stories are carried over as serve does."""
    reuse = None
    if reuse_from is not None:
        d = reuse_from.digest
        reuse = RelatedResult(related=d.related, threads=d.threads, thread_of=d.thread_of)
    digest = assemble(articles, entities, related_count=3, reuse_related=reuse)
    return SitePages(digest, page_size=4, latest_count=5, urls=mkdocs_urls())


def _all_contexts(pages: SitePages) -> dict[str, object]:
    uris = [p.src_uri for p in pages.generated()] + [a.src_path for a in pages.digest.articles]
    contexts = {uri: (pages.context_for(uri), pages.crosslink_targets(uri) if pages.is_article(uri) else None)
                for uri in uris}
    contexts["index.md"] = pages.context_for("index.md", is_homepage=True)
    return contexts


def _edit(articles, index, **changes):
    edited = list(articles)
    edited[index] = dataclasses.replace(articles[index], **changes)
    return edited


def _newer(articles, count: int):
    """The articles and `count` newer ones (what a daily ingest brings)."""
    more = _articles(len(articles) + count)
    return more, _entities(more)


EDITS = {
    "newer articles": lambda arts, ents: _newer(arts, 3),
    "title": lambda arts, ents: (_edit(arts, 6, title="A new headline"), ents),
    "summary": lambda arts, ents: (_edit(arts, 3, summary="Rewritten summary"), ents),
    "date within the span": lambda arts, ents: (_edit(arts, 5, date=START + dt.timedelta(hours=97)), ents),
    "date beyond the span": lambda arts, ents: (_edit(arts, 13, date=START + dt.timedelta(days=200)), ents),
    "about flag": lambda arts, ents: (arts, {**ents, "a7": ArticleEntities(
        people=[Mention(PEOPLE[1], count=2, in_headline=True)], countries=[Mention("GB")])}),
    "a new person": lambda arts, ents: (arts, {**ents, "a2": ArticleEntities(
        people=[Mention(PEOPLE[2], count=2), Mention("Hedy Lamarr")], countries=[Mention("FR")])}),
}


@pytest.mark.parametrize("reuse_related", [False, True], ids=["related recomputed", "related reused (serve)"])
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_every_page_whose_context_changes_is_planned(edit, reuse_related):
    articles = _articles()
    entities = _entities(articles)
    old = _pages(articles, entities)
    new_articles, new_entities = EDITS[edit](articles, entities)
    new = _pages(new_articles, new_entities, reuse_from=old if reuse_related else None)
    plan = rebuild_plan(old, new)
    assert not plan.full, plan.reason
    before, after = _all_contexts(old), _all_contexts(new)
    changed = {uri for uri in after if before.get(uri) != after[uri]}
    assert changed, "the edit changed no page: the test would prove nothing"
    assert changed <= plan.pages, f"{edit}: stale pages {sorted(changed - plan.pages)}"
    assert len(plan.pages) < len(after), "a one-article edit should not rebuild everything"


def test_the_fixture_has_related_links_outside_threads():
    digest = _pages(_articles(), _entities(_articles())).digest
    assert digest.threads, "no story thread: the thread rules go untested"
    outside = [(a, link.id) for a, links in digest.related.items() for link in links
               if digest.thread_of.get(a) is None or digest.thread_of.get(a) != digest.thread_of.get(link.id)]
    assert outside, "every related link is inside a thread: the related rule goes untested"


def test_title_edit_rebuilds_only_the_list_page_that_lists_the_article():
    articles = _articles()
    entities = _entities(articles)
    old = _pages(articles, entities)
    new = _pages(_edit(articles, 0, title="Oldest story, renamed"), entities)
    plan = rebuild_plan(old, new)
    listed = [a.id for a in new._months["2024/09"]]
    assert listed[-1] == "a0" and len(listed) == 14  # the oldest: on the oldest page, page/1
    for base in ("archive/2024/09", "latest"):
        assert f"{base}/page/1/index.md" in plan.pages
        assert f"{base}/index.md" not in plan.pages and f"{base}/page/2/index.md" not in plan.pages


def test_newer_articles_leave_the_older_pages_of_lists_out_of_the_plan():
    articles = _articles(30)
    old = _pages(articles, _entities(articles))
    new = _pages(*_newer(articles, 2))
    plan = rebuild_plan(old, new)
    assert not plan.full, plan.reason
    # latest: 30 -> 32 articles, 4 a page: chunks 1..7 have pages before and after (the newest,
    # 2 then 4 items, is shown on the first page with chunk 7, then alone: page/7 is created).
    assert {"latest/index.md", "latest/page/7/index.md", "latest/page/6/index.md"} <= plan.pages
    assert not {f"latest/page/{n}/index.md" for n in range(1, 6)} & plan.pages
    before, after = _all_contexts(old), _all_contexts(new)
    changed = {uri for uri in after if before.get(uri) != after[uri]}
    assert changed <= plan.pages
    older_pages = {uri for uri in after if "/page/" in uri}
    assert len(older_pages) > 20
    # Exactly the older pages that changed: per list, the one created and its older neighbour.
    assert older_pages & plan.pages == older_pages & changed
    for base in {uri.split("/page/")[0] for uri in older_pages}:
        assert len({uri for uri in older_pages & plan.pages if uri.startswith(base + "/")}) <= 2, base


def test_digest_wide_changes_ask_for_a_full_rebuild_and_removals_and_new_chart_buckets_do_not():
    articles = _articles()
    entities = _entities(articles)
    old = _pages(articles, entities)
    assert rebuild_plan(None, old).full
    renamed_slug = _pages(articles, entities)
    person = renamed_slug.digest.people[PEOPLE[1]]
    renamed_slug.digest.people[PEOPLE[1]] = dataclasses.replace(person, slug=person.slug + "-2")
    assert rebuild_plan(old, renamed_slug).full
    without_first = rebuild_plan(old, _pages(articles[1:], entities))  # a removal is followed page by page
    assert not without_first.full and articles[0].src_path in without_first.removed
    assert "index.md" in without_first.pages
    # The charts' span grows by months: only the first page of each entity shows a chart.
    newest_moved = rebuild_plan(old, _pages(_edit(articles, 13, date=START + dt.timedelta(days=200)), entities))
    assert not newest_moved.full
    assert {f"people/{p.slug}/index.md" for p in old.digest.people.values()} <= newest_moved.pages


def test_memo_rereads_only_changed_files(tmp_path: Path):
    path = tmp_path / "story.md"
    path.write_text("---\ntitle: First\ndate: 2024-10-01\n---\n\nBody.\n", encoding="utf-8")
    memo = ArticleMemo()
    first = memo.load(path, "articles/story.md")
    memo.remember_entities(first, ArticleEntities(people=[Mention("Ada Lovelace")]))
    assert memo.load(path, "articles/story.md") is first
    assert memo.known_entities(first) is not None
    path.write_text("---\ntitle: Second title\ndate: 2024-10-01\n---\n\nBody.\n", encoding="utf-8")
    second = memo.load(path, "articles/story.md")
    assert second.title == "Second title"
    assert memo.known_entities(second) is None  # changed text: extraction must run again
    memo.forget_missing(set())
    assert memo.load(path, "articles/story.md") is not second


def test_feed_writer_rewrites_only_feeds_that_show_a_changed_article(tmp_path: Path):
    articles = _articles()
    entities = _entities(articles)
    writer = ChangedFeedWriter()
    first_pages = _pages(articles, entities)
    everything = writer.write(first_pages, tmp_path, site_name="Test")
    outlets = len(first_pages.outlets.outlet_names())
    # The strike reports form a thread; the other topics' reports may too (their headlines
    # agree), so the count is read from the digest.
    threads = len(first_pages.stories.ordered())
    assert threads >= 1
    # Atom and RSS: site, people, GB/FR, each thread, each outlet
    assert len(everything) == 2 * (1 + len(PEOPLE) + 2 + threads + outlets)
    assert writer.write(_pages(articles, entities), tmp_path, site_name="Test", changed_articles=set()) == []
    edited = _edit(articles, 6, title="A new headline")
    pages = _pages(edited, entities)
    written = set(writer.write(pages, tmp_path, site_name="Test", changed_articles={"a6"}))
    person = pages.digest.people[PEOPLE[0]].slug  # a6 names PEOPLE[0] (6 % 3 == 0)
    other = pages.digest.people[PEOPLE[1]].slug
    assert any(path.startswith(f"people/{person}/") for path in written)
    assert not any(path.startswith(f"people/{other}/") for path in written)
    # Every rewritten feed shows the new headline, except a thread's that the edit took a6 out
    # of (its headline no longer matches the thread's): that feed is rewritten without it.
    left = {thread_id for thread_id, thread in first_pages.digest.threads.items() if "a6" in thread.article_ids
            and "a6" not in getattr(pages.digest.threads.get(thread_id), "article_ids", [])}
    old_title = first_pages.digest.article("a6").title
    for path in written:
        text = (tmp_path / path).read_text(encoding="utf-8")
        if any(path.startswith(f"threads/{thread_id}/") for thread_id in left):
            assert old_title not in text and "A new headline" not in text, path
        else:
            assert "A new headline" in text, path


def test_a_changed_role_rebuilds_that_persons_pages_and_articles_not_every_page():
    articles = _articles()
    entities = _entities(articles)
    old = _pages(articles, entities)
    new = _pages(articles, entities)
    person = new.digest.people[PEOPLE[1]]
    new.digest.people[PEOPLE[1]] = dataclasses.replace(person, role="Rear admiral")
    plan = rebuild_plan(old, new)
    assert not plan.full
    assert {a.src_path for a in new.digest.person_articles[PEOPLE[1]]} <= plan.pages
    assert f"people/{person.slug}/index.md" in plan.pages and "people/index.md" in plan.pages
    every_page = {page.src_uri for page in new.generated()} | {a.src_path for a in articles}
    assert every_page - plan.pages, "pages that show neither the person nor their articles stay as they are"
