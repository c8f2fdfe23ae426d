"""Related stories updated for new, edited and removed articles equal a full computation.

The digest is made up here: events with several reports each (own wording, some wire copies
republished, some undated), on a few shared topics so that candidate lists overlap and new
articles displace old candidates. Each step is compared with `compute_related` on the same
articles and the same frozen statistics, byte for byte on the JSON of links, reasons, threads
and thread membership.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from digest_plugin.core import related_features, related_state
from digest_plugin.core.model import Mention
from digest_plugin.core.related import RelatedInput, RelatedParams, compute_related, name_renderer
from digest_plugin.core.related_cache import cached_compute_related, result_to_json

START = datetime(2025, 3, 1, 8, 0)
TOPICS = {
    "flood": ["river", "levee", "rain", "evacuation", "sandbags", "water", "bridge", "valley"],
    "election": ["ballot", "vote", "candidate", "turnout", "parliament", "coalition", "poll", "campaign"],
    "strike": ["union", "wages", "dockers", "port", "walkout", "talks", "contract", "shipping"],
    "quake": ["magnitude", "tremor", "rubble", "rescuers", "aftershock", "epicentre", "collapse", "injured"],
}
PLACES = ["Orvado", "Kessin", "Palumbra", "Tiverne", "Zhalbek", "Morrow Bay", "Estavel", "Quint", "Brella", "Sarnow"]
PEOPLE = ["Ilse Maren", "Tomas Ferek", "Ona Vidal", "Radu Pell", "Mira Sato", "Jonas Obi", "Lea Kovac", "Ari Dunn"]
FILLER = ["officials", "said", "reported", "morning", "later", "residents", "local", "statement", "week", "expected"]


def _report(rng: random.Random, event: int, topic: str, number: int) -> tuple[str, str]:
    place, person = PLACES[event % len(PLACES)], PEOPLE[event % len(PEOPLE)]
    words = TOPICS[topic]
    title = f"{place} {rng.choice(words)} {rng.choice(words)} as {person} speaks"
    sentences = []
    for _ in range(rng.randint(4, 7)):
        picked = rng.sample(words, 3) + rng.sample(FILLER, 3)
        rng.shuffle(picked)
        sentences.append(" ".join(picked).capitalize() + f" in {place}, {person} said.")
    sentences.append(f"Report {number} of event {event} in {2010 + event % 9}.")
    return title, " ".join(sentences)


def digest(seed: int, events: int = 24) -> list[RelatedInput]:
    rng = random.Random(seed)
    items: list[RelatedInput] = []
    for event in range(events):
        topic = list(TOPICS)[event % len(TOPICS)]
        day = rng.uniform(0, 90)
        dated = rng.random() > 0.3
        for number in range(rng.randint(1, 5)):
            title, text = _report(rng, event, topic, number)
            people = [Mention(PEOPLE[event % len(PEOPLE)], count=rng.randint(1, 3), in_lead=True)]
            countries = [Mention(rng.choice(["FR", "DE", "US", "PL"]), count=1)]
            items.append(RelatedInput(f"e{event}-{number}", title, text, START + timedelta(days=day + number * 0.4),
                                      f"Outlet {rng.randint(1, 6)}", people, countries, dated=dated))
            if rng.random() < 0.2:  # the same copy republished elsewhere
                items.append(replace(items[-1], id=f"e{event}-{number}-copy", source="Mirror Wire"))
    rng.shuffle(items)
    return items


def as_json(result) -> str:
    return json.dumps(result_to_json(result), ensure_ascii=False)


def full(items: list[RelatedInput], params: RelatedParams, stats=None) -> str:
    return as_json(compute_related(items, k=4, params=params, stats=stats))


# Short candidate lists, so new articles displace old candidates; statistics never refreshed,
# so every step below is a real incremental update.
PARAMS = RelatedParams(candidates=6, stats_refresh_share=10.0)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_growth_in_steps_equals_a_full_computation(seed):
    items = digest(seed)
    state = None
    for cut in (len(items) // 3, len(items) // 2, len(items) - 3, len(items)):
        state = related_state.update(state, items[:cut], 4, PARAMS, name_renderer(None))
        assert state.stats.n == len(items) // 3  # frozen at the first computation
        assert as_json(state.result([i.id for i in items[:cut]])) == full(items[:cut], PARAMS, state.stats)
    assert any(state.threads.values()), "the made-up digest should have threads"


def test_edits_removals_and_a_new_order_equal_a_full_computation():
    items = digest(7)
    state = related_state.update(None, items, 4, PARAMS, name_renderer(None))
    changed = list(items)
    changed[3] = replace(changed[3], text=changed[3].text + " Water rose again overnight.")
    changed[8] = replace(changed[8], dated=not changed[8].dated)
    changed[11] = replace(changed[11], people=[])
    del changed[20]
    del changed[5]
    changed.reverse()
    state = related_state.update(state, changed, 4, PARAMS, name_renderer(None))
    assert as_json(state.result([i.id for i in changed])) == full(changed, PARAMS, state.stats)


def test_only_new_articles_are_vectorised_and_untouched_threads_keep_their_ids(monkeypatch):
    items = digest(4)
    old, new = items[:-2], items[-2:]
    state = related_state.update(None, old, 4, PARAMS, name_renderer(None))
    vectorised: list[int] = []
    real = related_state.article_features

    def counting(batch, params, stats):
        vectorised.append(len(batch))
        return real(batch, params, stats)

    monkeypatch.setattr(related_state, "article_features", counting)
    grown = related_state.update(state, items, 4, PARAMS, name_renderer(None))
    assert vectorised == [2]
    touched = {grown.thread_of[item.id] for item in new}
    kept = [tid for tid in state.threads if tid not in touched and tid in grown.threads]
    assert kept, "some threads should be out of the new articles' reach"
    for tid in kept:
        assert grown.threads[tid] == state.threads[tid]


def test_cache_folder_round_trip_equals_a_full_computation(tmp_path):
    items = digest(5)
    first = cached_compute_related(items[:-6], 4, directory=tmp_path, params=PARAMS)
    assert as_json(first) == full(items[:-6], PARAMS)
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".json", ".npz"]
    frozen = related_state.update(None, items[:-6], 4, PARAMS, name_renderer(None)).stats
    for cut in (len(items) - 2, len(items)):  # each build loads the arrays the last one wrote
        result = cached_compute_related(items[:cut], 4, directory=tmp_path, params=PARAMS)
        assert as_json(result) == full(items[:cut], PARAMS, frozen)
    again = cached_compute_related(items, 4, directory=tmp_path, params=PARAMS)
    assert as_json(again) == full(items, PARAMS, frozen)


def test_statistics_are_refreshed_once_the_share_of_changes_is_reached():
    items = digest(8)
    params = replace(PARAMS, stats_refresh_share=0.1)
    base = len(items) - 12
    state = related_state.update(None, items[:base], 4, params, name_renderer(None))
    few = base + int(0.1 * base) - 1  # just under a tenth more: still frozen
    state = related_state.update(state, items[:few], 4, params, name_renderer(None))
    assert state.stats.n == base and state.changed_since_stats == few - base
    state = related_state.update(state, items[: few + 3], 4, params, name_renderer(None))
    assert state.stats.n == few + 3 and state.changed_since_stats == 0  # refreshed: a full computation
    assert as_json(state.result([i.id for i in items[: few + 3]])) == full(items[: few + 3], params)


def test_a_row_depends_on_its_article_and_the_statistics_alone():
    items = digest(6)
    _, stats = related_features.article_features(items, PARAMS)
    alone, _ = related_features.article_features(items[:1], PARAMS, stats)
    together, _ = related_features.article_features(items, PARAMS, stats)
    for name in related_features.MATRICES:
        a, b = getattr(alone, name), getattr(together, name)[0]
        assert (a != b).nnz == 0 and list(a.indices) == list(b.indices), name


def test_threads_replay_the_last_merges_and_keep_the_same_log(monkeypatch):
    """A component that new articles touch is not clustered from nothing: merges of clean
    groups come from the last run's log, and the log written equals a full run's."""
    from digest_plugin.core import related_linkage

    replayed = []
    real = related_linkage._replay

    def counting(run, a, b, average):
        replayed.append(a >= 0 and b >= 0 and bool(run.members[a]) and bool(run.members[b])
                        and a not in run.neighbours and b not in run.neighbours)
        return real(run, a, b, average)

    items = digest(3, events=60)
    state = related_state.update(None, items[:-5], 4, PARAMS, name_renderer(None))
    monkeypatch.setattr(related_linkage, "_replay", counting)
    grown = related_state.update(state, items, 4, PARAMS, name_renderer(None))
    assert sum(replayed) > 10, "clean merges should be replayed, not recomputed"
    scratch = related_state.update(None, items, 4, PARAMS, name_renderer(None), state.stats)

    def merges(s):
        return sorted((s.ids[a], s.ids[b], v) for a, b, v in zip(s.logs.a, s.logs.b, s.logs.average, strict=True))

    assert merges(grown) == merges(scratch)
    assert as_json(grown.result([i.id for i in items])) == as_json(scratch.result([i.id for i in items]))


def test_a_digest_emptied_and_refilled_step_by_step_equals_a_full_computation():
    items = digest(2)
    state = None
    for step in (items, [], items[:1], items[:2], items[:-1], items):
        state = related_state.update(state, step, 4, PARAMS, name_renderer(None))
        assert as_json(state.result([i.id for i in step])) == full(step, PARAMS, state.stats)
