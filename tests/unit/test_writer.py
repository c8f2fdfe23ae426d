"""The writer: front matter, paths, atomic writes, identity and idempotence, hand edits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import frontmatter
import pytest

from digest_plugin.core.ingest.identity import article_id, canonical_url, slugify
from digest_plugin.core.ingest.writer import (
    NEW,
    SKIPPED,
    UNCHANGED,
    UPDATED,
    ArticleWriter,
    was_edited_by_hand,
)
from digest_plugin.core.model import Article

TRICKY_TITLE = 'Vote: "yes" --- or no? key: [a, b] {c: d} # not a comment & *star* \'quoted\''


def make(**changes) -> Article:
    fields = dict(title="Ministers meet in Brussels", body="Talks went on late.\n",
                  date=dt.datetime(2024, 9, 15, 10, 30), source="Wire", url="", authors=["A. Writer"],
                  summary="They met.", id="")
    fields.update(changes)
    article = Article(**fields)
    if not article.id:
        article.id = article_id(url=article.url, source=article.source, title=article.title, source_date=article.date)
    return article


def test_front_matter_and_path(tmp_path: Path):
    result = ArticleWriter(tmp_path).write(make(people=["Ada Lovelace"]))
    assert result.status == NEW
    assert result.path == tmp_path / "2024" / "09" / "15" / "ministers-meet-in-brussels.md"
    post = frontmatter.load(result.path)
    assert list(post.metadata) == ["title", "date", "source", "url", "authors", "summary", "id", "people", "ingest_hash"]
    assert post["date"] == "2024-09-15T10:30:00"
    assert post["authors"] == ["A. Writer"] and post.content == "Talks went on late."
    assert "countries" not in post.metadata
    assert not list(tmp_path.rglob("*.tmp"))


def test_tricky_title_round_trips(tmp_path: Path):
    result = ArticleWriter(tmp_path).write(make(title=TRICKY_TITLE, summary="---\nnot: yaml"))
    post = frontmatter.load(result.path)
    assert post["title"] == TRICKY_TITLE
    assert post["summary"] == "---\nnot: yaml"


def test_rewrite_unchanged_writes_nothing(tmp_path: Path):
    first = ArticleWriter(tmp_path).write(make())
    before = first.path.stat().st_mtime_ns
    second = ArticleWriter(tmp_path).write(make())
    assert second.status == UNCHANGED and second.path == first.path
    assert first.path.stat().st_mtime_ns == before


def test_changed_item_same_url_updates_in_place(tmp_path: Path):
    url = "https://n.example/story?utm_source=x"
    first = ArticleWriter(tmp_path).write(make(url=url, id=canonical_url(url)))
    second = ArticleWriter(tmp_path).write(make(url=url, id=canonical_url(url), body="Corrected text.\n",
                                                title="Ministers meet again"))
    assert second.status == UPDATED and second.path == first.path
    assert frontmatter.load(first.path).content == "Corrected text."
    assert len(list(tmp_path.rglob("*.md"))) == 1


def test_hand_edited_file_is_kept_unless_forced(tmp_path: Path):
    first = ArticleWriter(tmp_path).write(make(url="https://n.example/a", id="https://n.example/a"))
    first.path.write_text(first.path.read_text().replace("Talks went on late.", "Editor's better text."))
    assert was_edited_by_hand(first.path.read_text())
    changed = make(url="https://n.example/a", id="https://n.example/a", body="New wire text.\n")
    result = ArticleWriter(tmp_path).write(changed)
    assert result.status == SKIPPED and "--force" in result.reason
    assert "Editor's better text." in first.path.read_text()
    forced = ArticleWriter(tmp_path, force=True).write(changed)
    assert forced.status == UPDATED and "New wire text." in first.path.read_text()


def test_editor_file_without_hash_is_never_overwritten(tmp_path: Path):
    path = tmp_path / "2024" / "09" / "15" / "mine.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitle: Mine\nid: https://n.example/mine\n---\nMy text.\n")
    result = ArticleWriter(tmp_path).write(make(url="https://n.example/mine", id="https://n.example/mine"))
    assert result.status == SKIPPED and path.read_text().endswith("My text.\n")


def test_same_id_twice_in_one_batch_is_one_article(tmp_path: Path):
    writer = ArticleWriter(tmp_path)
    assert writer.write(make()).status == NEW
    assert writer.write(make(body="Other body.\n")).status == SKIPPED
    assert len(list(tmp_path.rglob("*.md"))) == 1


def test_same_headline_same_day_gets_distinct_slug(tmp_path: Path):
    writer = ArticleWriter(tmp_path)
    first = writer.write(make(source="Wire A"))
    second = writer.write(make(source="Wire B"))
    assert first.status == second.status == NEW
    assert second.path.name == "ministers-meet-in-brussels-2.md"


def test_dry_run_writes_nothing(tmp_path: Path):
    result = ArticleWriter(tmp_path, dry_run=True).write(make())
    assert result.status == NEW and not result.path.exists()


def test_failed_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("digest_plugin.core.atomic.os.replace", boom)
    monkeypatch.setattr("digest_plugin.core.atomic.os.link", boom)  # new files are linked into place
    with pytest.raises(OSError):
        ArticleWriter(tmp_path).write(make())
    assert list(tmp_path.rglob("*")) == [tmp_path / "2024", tmp_path / "2024" / "09", tmp_path / "2024" / "09" / "15"]


def test_identity_rules():
    assert canonical_url("HTTPS://A.example:443/p?utm_medium=x&gclid=1&fbclid=2&b=2&a=1#top") == "https://a.example/p?a=1&b=2"
    same = article_id(url="", source="S", title="T  t", source_date=None)
    assert same == article_id(url="", source="s", title="T t", source_date=None)
    assert same != article_id(url="", source="S", title="T t", source_date=dt.datetime(2020, 1, 1))
    assert slugify("Élysée: “Macron’s” plan!") == slugify("Elysee: Macron's plan") == "elysee-macrons-plan"
    assert slugify("???") == "article"
    assert len(slugify("word " * 50)) <= 80


def test_index_scans_existing_ids(tmp_path: Path):
    ArticleWriter(tmp_path).write(make(url="https://n.example/long-" + "x" * 150, id="https://n.example/long-" + "x" * 150))
    writer = ArticleWriter(tmp_path)
    assert "https://n.example/long-" + "x" * 150 in writer.index()


def test_an_article_without_a_source_date_is_marked_undated(tmp_path: Path):
    from digest_plugin.core.articles import load_article
    from digest_plugin.core.ingest.base import ReadOptions, build_article

    warnings: list[str] = []
    options = ReadOptions(warn=warnings.append)
    undated = build_article(origin="wire.txt", options=options, title="Talks resume",
                            body_markdown="Negotiators met again on Tuesday after a pause of a week.")
    dated = build_article(origin="wire.txt", options=options, title="Talks resume",
                          body_markdown="Negotiators met again on Tuesday after a pause of a week.",
                          source_date=dt.datetime(2024, 3, 1, tzinfo=dt.timezone.utc))
    assert undated.undated and not dated.undated
    assert warnings and "no date in the source" in warnings[0]
    path = ArticleWriter(tmp_path).write(undated).path
    assert frontmatter.load(path)["undated"] is True
    assert load_article(path, "articles/x.md").undated is True
    assert "undated" not in frontmatter.load(ArticleWriter(tmp_path / "b").write(dated).path).metadata
    # --date is the editor's word for the date: not a fallback
    given = build_article(origin="wire.txt", options=ReadOptions(date=dt.datetime(2024, 3, 2)),
                          title="Talks resume", body_markdown="Negotiators met again on Tuesday after a week.")
    assert not given.undated
