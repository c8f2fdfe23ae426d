"""RenderedPageStore: HTML only under the key it was stored with, pruning, unreadable files."""

from __future__ import annotations

from digest_plugin.speed.page_store import RenderedPageStore


def test_html_comes_back_only_under_its_own_key(tmp_path):
    store = RenderedPageStore(tmp_path / "pages.sqlite", batch=2)
    store.put("a.md", "k1", "<p>Ä</p>")
    store.put("b.md", "k2", "<p>b</p>")
    store.put("c.md", "k3", "<p>c</p>")  # left pending until close: batch is 2
    store.close()
    again = RenderedPageStore(tmp_path / "pages.sqlite")
    assert again.get("a.md", "k1") == "<p>Ä</p>"
    assert again.get("a.md", "other") is None
    assert again.get("c.md", "k3") == "<p>c</p>"
    assert again.get("missing.md", "k1") is None
    assert (again.hits, again.misses) == (2, 2)


def test_a_new_render_replaces_the_old_row_and_pruning_drops_vanished_pages(tmp_path):
    store = RenderedPageStore(tmp_path / "pages.sqlite")
    store.put("a.md", "k1", "old")
    store.put("b.md", "k1", "b")
    store.close()
    store = RenderedPageStore(tmp_path / "pages.sqlite")
    store.put("a.md", "k2", "new")
    assert store.keep_only({"a.md"}) == 1
    store.close()
    store = RenderedPageStore(tmp_path / "pages.sqlite")
    assert store.get("a.md", "k1") is None
    assert store.get("a.md", "k2") == "new"
    assert store.get("b.md", "k1") is None


def test_a_file_that_is_not_a_database_is_set_aside(tmp_path, caplog):
    (tmp_path / "pages.sqlite").write_bytes(b"\x00garbage" * 200)
    with caplog.at_level("WARNING"):
        store = RenderedPageStore(tmp_path / "pages.sqlite")
        store.put("a.md", "k", "html")
        store.close()
    assert (tmp_path / "pages.unreadable").exists()
    assert any("pages.sqlite" in r.getMessage() and "unreadable" in r.getMessage() for r in caplog.records)
    assert RenderedPageStore(tmp_path / "pages.sqlite").get("a.md", "k") == "html"
