"""The related-stories cache returns what compute_related returns, and misses on any change."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from digest_plugin.core.model import Mention
from digest_plugin.core.related import RelatedInput, RelatedParams, compute_related
from digest_plugin.core.related_cache import cached_compute_related, code_key, related_key

UTC = dt.timezone.utc


def _items() -> list[RelatedInput]:
    day = dt.datetime(2024, 10, 1, tzinfo=UTC)
    return [
        RelatedInput("a", "Harbour strike halts grain exports", "Dock workers walked out over pay, stopping grain ships.",
                     day, "Wire A", countries=[Mention("UA", 2)]),
        RelatedInput("b", "Grain ships idle as harbour strike goes on", "The dock workers' strike over pay kept grain "
                     "ships in port for a second day.", day + dt.timedelta(days=1), "Wire B", countries=[Mention("UA", 1)]),
        RelatedInput("c", "Orchestra opens its season", "The city orchestra played a new symphony to a full hall.",
                     day, "Wire A"),
    ]


def test_cached_result_equals_fresh_result_and_is_read_back(tmp_path):
    items = _items()
    fresh = compute_related(items, 5)
    first = cached_compute_related(items, 5, directory=tmp_path)
    assert list(tmp_path.glob("*.json"))
    second = cached_compute_related(items, 5, directory=tmp_path)
    for result in (first, second):
        assert result.related == fresh.related
        assert result.threads == fresh.threads
        assert result.thread_of == fresh.thread_of


def test_any_changed_input_changes_the_key_and_only_one_entry_is_kept(tmp_path):
    items = _items()
    params = RelatedParams()
    key = related_key(items, 5, params)
    edited = [replace(items[0], text=items[0].text + " Talks resume tomorrow."), *items[1:]]
    assert related_key(edited, 5, params) != key
    assert related_key(items, 4, params) != key
    assert related_key([replace(items[0], countries=[]), *items[1:]], 5, params) != key
    cached_compute_related(items, 5, directory=tmp_path)
    cached_compute_related(edited, 5, directory=tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 1
    (tmp_path / "state-0123456789abcdef01234567.json").write_text("{}", encoding="utf-8")  # another code's
    cached_compute_related(items, 5, directory=tmp_path)
    expected = [f"state-{code_key(5, params)}.{ext}" for ext in ("json", "npz")]
    assert sorted(p.name for p in tmp_path.iterdir()) == expected


def test_unreadable_entry_is_recomputed(tmp_path):
    items = _items()
    path = tmp_path / f"state-{code_key(5, RelatedParams())}.json"
    path.write_text("{not json", encoding="utf-8")
    result = cached_compute_related(items, 5, directory=tmp_path)
    assert result.related == compute_related(items, 5).related
    assert path.read_text(encoding="utf-8") != "{not json"  # the unreadable entry was replaced


def test_arrays_from_another_build_are_refused_and_recomputed(tmp_path):
    items = _items()
    cached_compute_related(items, 5, directory=tmp_path)
    arrays = tmp_path / f"state-{code_key(5, RelatedParams())}.npz"
    saved = arrays.read_bytes()
    edited = [replace(items[0], text=items[0].text + " Talks resume tomorrow."), *items[1:]]
    cached_compute_related(edited, 5, directory=tmp_path)
    arrays.write_bytes(saved)  # the JSON now says `edited`, the arrays say `items`
    grown = [*edited, replace(items[2], id="d", title="Orchestra tours abroad")]
    assert cached_compute_related(grown, 5, directory=tmp_path).related == compute_related(grown, 5).related
