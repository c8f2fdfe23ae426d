"""Related stories kept up to date as a digest grows: only what new articles touch is redone.

`update(state, items, ...)` takes the state of the last computation (or None) and the digest's
articles now, and returns the new state with its `RelatedResult`. Articles are matched by id
and a fingerprint of every field scoring reads; an edited article counts as removed and added.
The result equals a full computation with the same frozen digest statistics
(`update(None, items, stats=state.stats)`, related_stats.py) exactly, because nothing in it
depends on the rest of the digest except through these steps, each redone where needed:

1. vectors: a function of each article and the frozen statistics (related_features.py): only
   new articles are vectorised;
2. candidate lists: a new article's list is searched; old lists only merge in the new
   articles' scores, except lists that held a removed article, which are searched again;
3. pairs: scores depend on the pair alone, so only new pairs are scored;
4. copies: groups of copies are re-joined from the stored copy pairs (cheap);
5. threads: average linkage runs inside connected components of the strong pairs; only the
   components holding a new article or an endpoint of a new or dropped pair are clustered
   again, by replaying their last merges (related_linkage.py), the others keep their threads
   (and ids);
6. links: only articles whose pairs, thread or copy group, or a neighbour's, changed get their
   list and reasons again.

Every tie is broken by article id, never by position, so the order articles arrive in does
not matter. A thread's id comes from its earliest article (date, then id): a thread that gains
later reports keeps its id; one that gains an earlier report, or merges into an older thread,
takes the id of the new earliest article.

When the frozen statistics are due for a refresh (`RelatedParams.stats_refresh_share`), the
update is a full computation with new statistics.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from digest_plugin.core import related_graph as graph
from digest_plugin.core import related_linkage as linkage
from digest_plugin.core.lazy import LazyModule
from digest_plugin.core.related import fingerprint
from digest_plugin.core.related_features import Features, article_features

if TYPE_CHECKING:
    import numpy as np

    from digest_plugin.core.related import RelatedInput, RelatedLink, RelatedParams, RelatedResult, Thread
    from digest_plugin.core.related_stats import DigestStats
else:
    np = LazyModule("numpy")


@dataclass
class RelatedState:
    """What an update needs of the last computation. Rows are in the state's own order."""

    ids: list[str]
    fingerprints: list[str]
    features: Features
    top_cols: np.ndarray  # (n, candidates) neighbour rows, -1 where the list is short
    top_scores: np.ndarray  # (n, candidates) their search scores, -inf where short
    pair_a: np.ndarray  # candidate pairs, a < b, sorted
    pair_b: np.ndarray
    values: graph.PairScores
    related: dict[str, list[RelatedLink]]
    threads: dict[str, Thread]
    thread_of: dict[str, str | None]
    stats: DigestStats
    changed_since_stats: int  # articles added, edited or removed since `stats` were computed
    logs: MergeLogs  # the threads' merges, to replay (related_linkage.py)
    copy_of: dict[str, str] = field(default_factory=dict)  # article -> its copy group's first id

    def result(self, order: Sequence[str] | None = None) -> RelatedResult:
        """The result, its per-article maps in `order` (ids) when given."""
        from digest_plugin.core.related import RelatedResult

        ids = self.ids if order is None else order
        return RelatedResult(related={aid: self.related[aid] for aid in ids}, threads=self.threads,
                             thread_of={aid: self.thread_of[aid] for aid in ids})


@dataclass
class _Step:
    """One update in progress: the new rows (kept old rows first, then added ones)."""

    items: list[RelatedInput]  # by row
    ids: list[str]
    rank: np.ndarray  # rank of each row's id among all ids: the tie-breaker
    kept: np.ndarray  # old row of each kept row
    added: int  # rows from len(kept) on are new
    remap: np.ndarray  # old row -> new row, -1 if removed or edited
    features: Features
    stats: DigestStats
    changed_since_stats: int
    fingerprints: list[str]

    @property
    def n(self) -> int:
        return len(self.ids)

    def new_rows(self) -> np.ndarray:
        return np.arange(len(self.kept), self.n)


def _start(
    state: RelatedState | None, items: Sequence[RelatedInput], prints: dict[str, str], params: RelatedParams,
    stats: DigestStats | None,
) -> _Step:
    old_ids = state.ids if state else []
    old_prints = state.fingerprints if state else []
    kept = np.array([row for row, (aid, print_) in enumerate(zip(old_ids, old_prints, strict=True))
                     if prints.get(aid) == print_], dtype=np.int64)
    kept_ids = {old_ids[row] for row in kept.tolist()}
    added_items = [item for item in items if item.id not in kept_ids]
    changed = len(added_items) + len(old_ids) - len(kept)
    if state is not None:
        if state.changed_since_stats + changed > params.stats_refresh_share * state.stats.n:
            return _start(None, items, prints, params, None)  # the frozen statistics are too old: refresh
        stats = state.stats
        changed += state.changed_since_stats
    else:
        changed = 0
    parts = [state.features.take(kept)] if state and len(kept) else []
    if added_items or not parts:
        new_features, stats = article_features(added_items, params, stats)
        parts.append(new_features)
    assert stats is not None
    ids = [old_ids[row] for row in kept.tolist()] + [item.id for item in added_items]
    rank = np.empty(len(ids), dtype=np.int64)
    rank[np.argsort(np.array(ids, dtype=object), kind="stable")] = np.arange(len(ids))
    remap = np.full(len(old_ids) + 1, -1, dtype=np.int64)  # the extra slot maps the -1 padding
    remap[kept] = np.arange(len(kept))
    by_id = {item.id: item for item in items}
    return _Step([by_id[aid] for aid in ids], ids, rank, kept, len(added_items), remap, Features.stack(parts),
                  stats, changed, [prints[aid] for aid in ids])


def _candidates(state: RelatedState | None, step: _Step, keep: int) -> tuple[np.ndarray, np.ndarray]:
    """Every row's candidate list over all rows now (see the module docstring, step 2)."""
    top_cols = np.full((step.n, keep), -1, dtype=np.int64)
    top_scores = np.full((step.n, keep), -np.inf, dtype=np.float32)
    n_kept = len(step.kept)
    stale = np.zeros(0, dtype=np.int64)
    if state is not None and n_kept:
        held = state.top_cols[step.kept]
        moved = step.remap[held]  # -1 stays -1 (the extra slot); a removed row becomes -1
        stale = np.flatnonzero(((held >= 0) & (moved < 0)).any(axis=1))
        top_cols[:n_kept], top_scores[:n_kept] = moved, state.top_scores[step.kept]
    new = step.new_rows()
    # Only old rows whose list is not stale take in new scores, and only scores that reach
    # their list's floor (the last score of a full list).
    floor = np.full(step.n, np.inf, dtype=np.float32)
    if n_kept:
        full = top_cols[:n_kept, -1] >= 0
        floor[:n_kept] = np.where(full, top_scores[:n_kept, -1], -np.inf)
        floor[stale] = np.inf
    cols, scores, found = graph.search_rows(step.features.search, new, step.rank, keep, floor if n_kept else None)
    top_cols[new], top_scores[new] = cols, scores
    cols, scores, _ = graph.search_rows(step.features.search, stale, step.rank, keep)
    top_cols[stale], top_scores[stale] = cols, scores
    if found and n_kept:
        clean = np.setdiff1d(np.arange(n_kept), stale)
        rows = np.concatenate([f[0] for f in found])
        targets = np.concatenate([f[1] for f in found])
        values = np.concatenate([f[2] for f in found])
        # The new rows' products, read from the old rows' side: old row `target` gains `row`.
        graph.merge_top(top_cols, top_scores, clean, targets, rows, values, step.rank)
    return top_cols, top_scores


def _pairs(
    state: RelatedState | None, step: _Step, top_cols: np.ndarray, params: RelatedParams
) -> tuple[np.ndarray, np.ndarray, graph.PairScores, np.ndarray]:
    """(pair_a, pair_b, scores, changed): every candidate pair's scores, old ones reused, and
    which rows gained or lost a pair (or are new)."""
    n = step.n
    codes = graph.pair_codes(top_cols)
    changed = np.zeros(n, dtype=bool)
    changed[step.new_rows()] = True
    old_codes = np.zeros(0, dtype=np.int64)
    old_values = graph.PairScores.empty()
    if state is not None and len(state.pair_a):
        a, b = step.remap[state.pair_a], step.remap[state.pair_b]
        alive = (a >= 0) & (b >= 0)
        changed[a[~alive & (a >= 0)]] = True
        changed[b[~alive & (b >= 0)]] = True
        old_codes, old_values = a[alive] * n + b[alive], state.values.take(np.flatnonzero(alive))
        dropped = ~np.isin(old_codes, codes, kind="sort")
        changed[old_codes[dropped] // n] = True
        changed[old_codes[dropped] % n] = True
        old_codes, old_values = old_codes[~dropped], old_values.take(np.flatnonzero(~dropped))
    fresh = codes[~np.isin(codes, old_codes, kind="sort")]
    changed[fresh // n] = True
    changed[fresh % n] = True
    texts = [item.text for item in step.items]
    fresh_values = graph.score_pairs(step.features, texts, fresh // n, fresh % n, params)
    all_codes = np.concatenate([old_codes, fresh])
    order = np.argsort(all_codes, kind="stable")
    values = graph.PairScores.concat([old_values, fresh_values]).take(order)
    return all_codes[order] // n, all_codes[order] % n, values, changed


def _copy_groups(step: _Step, pair_a: np.ndarray, pair_b: np.ndarray, values: graph.PairScores) -> list[str]:
    """Per row, the first id (in id order) of its group of copies (its own id when it has none)."""
    labels = graph.components(step.n, pair_a[values.copy], pair_b[values.copy])
    first = np.full(labels.max() + 1 if step.n else 0, step.n, dtype=np.int64)
    np.minimum.at(first, labels, step.rank)
    by_rank = np.empty(step.n, dtype=np.int64)
    by_rank[step.rank] = np.arange(step.n)
    return [step.ids[int(by_rank[first[label]])] for label in labels.tolist()]


@dataclass
class MergeLogs:
    """The merges of the last clustering, per component (`part`), in the order they were made:
    rows `a` < `b` in id order, and the average they merged at (related_linkage.Log)."""

    part: np.ndarray
    a: np.ndarray
    b: np.ndarray
    average: np.ndarray

    @staticmethod
    def empty() -> MergeLogs:
        none = np.zeros(0, dtype=np.int64)
        return MergeLogs(none, none, none, np.zeros(0))

    def take(self, index: np.ndarray) -> MergeLogs:
        return MergeLogs(self.part[index], self.a[index], self.b[index], self.average[index])

    @staticmethod
    def concat(parts: Sequence[MergeLogs]) -> MergeLogs:
        def joined(name: str) -> np.ndarray:
            return np.concatenate([getattr(p, name) for p in parts])

        return MergeLogs(joined("part"), joined("a"), joined("b"), joined("average"))


def _threads(
    state: RelatedState | None, step: _Step, pair_a: np.ndarray, pair_b: np.ndarray, values: graph.PairScores,
    changed: np.ndarray, params: RelatedParams,
) -> tuple[list[list[int]], MergeLogs]:
    """Rows of every thread, and the merge logs: kept from the state where no change reaches a
    component, else clustered again (replaying the component's last merges, related_linkage.py)."""
    threshold = step.stats.thread_bar(params)
    strong = linkage.to_units(values.thread) >= linkage.strong_units(threshold)
    labels = graph.components(step.n, pair_a[strong], pair_b[strong])
    dirty = np.zeros(labels.max() + 1 if step.n else 0, dtype=bool)
    dirty[labels[changed]] = True
    groups: list[list[int]] = []
    row_of = {aid: row for row, aid in enumerate(step.ids)}
    for thread in (state.threads.values() if state else ()):
        rows = [row_of.get(aid, step.n) for aid in thread.article_ids]
        # Kept when all its reports are old and unchanged and its component saw no change.
        if max(rows) < len(step.kept) and not dirty[labels[rows[0]]]:
            groups.append(rows)
    old = _old_logs(state, step, labels)
    both = np.flatnonzero((old.a >= 0) & (old.b >= 0))  # merges of two articles still here
    label_a, label_b = labels[old.a[both]], labels[old.b[both]]
    kept_logs = old.take(both[(label_a == label_b) & ~dirty[label_a]])
    kept_logs.part = labels[kept_logs.a]
    found, logs = _recluster(step, labels, dirty, changed, pair_a, pair_b, values.thread, threshold, params, old)
    return groups + found, MergeLogs.concat([kept_logs, logs])


def _old_logs(state: RelatedState | None, step: _Step, labels: np.ndarray) -> MergeLogs:
    """The state's merge logs in this step's rows (-1 for a row removed or edited)."""
    if state is None:
        return MergeLogs.empty()
    logs = state.logs
    return MergeLogs(logs.part, step.remap[logs.a], step.remap[logs.b], logs.average)


def _recluster(
    step: _Step, labels: np.ndarray, dirty: np.ndarray, changed: np.ndarray, pair_a: np.ndarray,
    pair_b: np.ndarray, thread_score: np.ndarray, threshold: float, params: RelatedParams, old: MergeLogs,
) -> tuple[list[list[int]], MergeLogs]:
    """Average linkage in each dirty component of two or more rows, its rows numbered in id
    order (the same whatever positions the rows have in this state)."""
    sizes = np.bincount(labels, minlength=len(dirty))
    rows = np.flatnonzero(dirty[labels] & (sizes[labels] >= 2))
    rows = rows[np.lexsort((step.rank[rows], labels[rows]))]  # by component, then by id
    row_labels = labels[rows]
    first = np.searchsorted(row_labels, row_labels)  # where each row's component starts
    local = np.full(step.n, -1, dtype=np.int64)
    local[rows] = np.arange(len(rows)) - first
    usable = (thread_score > 0) & (labels[pair_a] == labels[pair_b]) & (local[pair_a] >= 0)
    x, y = local[pair_a[usable]], local[pair_b[usable]]
    a, b, edge_labels = np.minimum(x, y), np.maximum(x, y), labels[pair_a[usable]]
    order = np.lexsort((b, a, edge_labels))
    a, b, scores, edge_labels = a[order], b[order], thread_score[usable][order], edge_labels[order]
    days = np.where(step.features.dated, step.features.days, np.nan)
    replays = _replays(old, labels, local, set(np.unique(row_labels).tolist()))
    groups: list[list[int]] = []
    logs: list[MergeLogs] = []
    for label in np.unique(row_labels).tolist():
        start, end = np.searchsorted(row_labels, [label, label + 1])
        low, high = np.searchsorted(edge_labels, [label, label + 1])
        members = rows[start:end]
        found, log = linkage.cluster(len(members), a[low:high], b[low:high], scores[low:high], days[members],
                                     threshold, params, changed[members].tolist(), replays.get(label, []))
        groups.extend([members[i] for i in group] for group in found)
        logs.append(MergeLogs(np.full(len(log.a), label), members[np.array(log.a, dtype=np.int64)],
                              members[np.array(log.b, dtype=np.int64)], np.array(log.average)))
    return groups, MergeLogs.concat([MergeLogs.empty(), *logs])


def _replays(old: MergeLogs, labels: np.ndarray, local: np.ndarray, wanted: set[int]) -> dict[int, list]:
    """For each component to cluster again, the old logs that reached into it, in its local
    numbering (-1 for a side now outside it or gone), one per old component, in their order."""
    found: dict[int, dict[int, linkage.Log]] = {}
    for part, a, b, average in zip(old.part.tolist(), old.a.tolist(), old.b.tolist(), old.average.tolist(),
                                   strict=True):
        label_a = int(labels[a]) if a >= 0 else -1
        label_b = int(labels[b]) if b >= 0 else -1
        for label in {label_a, label_b} & wanted:
            log = found.setdefault(label, {}).setdefault(part, linkage.Log.empty())
            log.a.append(int(local[a]) if label_a == label else -1)
            log.b.append(int(local[b]) if label_b == label else -1)
            log.average.append(average)
    return {label: list(logs.values()) for label, logs in found.items()}


def update(
    state: RelatedState | None, items: Sequence[RelatedInput], k: int, params: RelatedParams,
    render: Callable[[str], str], stats: DigestStats | None = None, prints: Sequence[str] | None = None,
) -> RelatedState:
    """The state (and result) for `items`, reusing `state` where nothing changed (module
    docstring). Without a state, `stats` are the frozen statistics to use (None: computed
    over `items`); with one, its statistics are used until they are due for a refresh.
    `prints`: the items' fingerprints (related.fingerprint), when the caller has them."""
    if prints is None:
        prints = [fingerprint(item) for item in items]
    step = _start(state, items, dict(zip((item.id for item in items), prints, strict=True)), params, stats)
    if step.stats is not (state.stats if state else None):
        state = None  # new statistics: nothing of the old state is valid
    top_cols, top_scores = _candidates(state, step, params.candidates)
    pair_a, pair_b, values, changed = _pairs(state, step, top_cols, params)
    copy_of = _copy_groups(step, pair_a, pair_b, values)
    groups, logs = _threads(state, step, pair_a, pair_b, values, changed, params)
    thread_rows: list[str | None] = [None] * step.n
    threads = {}
    for rows in groups:
        thread = links_module().make_thread(step.items, step.features.days, rows)
        threads[thread.id] = thread
        for row in rows:
            thread_rows[row] = thread.id
    # A list is redone when its article is new, gained or lost a pair, or it or a neighbour
    # changed thread or copy group.
    if state is not None:
        moved = np.array([state.thread_of.get(aid, "") != thread_rows[row] or state.copy_of.get(aid) != copy_of[row]
                          for row, aid in enumerate(step.ids)], dtype=bool)
        touched = changed | moved
        touched[pair_a[moved[pair_b]]] = True
        touched[pair_b[moved[pair_a]]] = True
    else:
        touched = np.ones(step.n, dtype=bool)
    related = _links(state, step, pair_a, pair_b, values, touched, copy_of, thread_rows, k, params, render)
    return RelatedState(
        ids=step.ids, fingerprints=step.fingerprints, features=step.features,
        top_cols=top_cols, top_scores=top_scores, pair_a=pair_a, pair_b=pair_b, values=values,
        related=related, threads=dict(sorted(threads.items())),
        thread_of=dict(zip(step.ids, thread_rows, strict=True)), stats=step.stats, logs=logs,
        changed_since_stats=step.changed_since_stats, copy_of=dict(zip(step.ids, copy_of, strict=True)),
    )


def links_module():
    from digest_plugin.core import related_links

    return related_links


def _links(
    state: RelatedState | None, step: _Step, pair_a: np.ndarray, pair_b: np.ndarray, values: graph.PairScores,
    touched: np.ndarray, copy_of: list[str], thread_rows: list[str | None], k: int, params: RelatedParams,
    render: Callable[[str], str],
) -> dict[str, list[RelatedLink]]:
    links = links_module()
    source = np.concatenate([pair_a, pair_b])
    target = np.concatenate([pair_b, pair_a])
    scores = np.concatenate([values.score, values.score])
    mask = touched[source]
    source, target, scores = source[mask], target[mask], scores[mask]
    order = np.argsort(source, kind="stable")
    source, target, scores = source[order], target[order], scores[order]
    bounds = np.searchsorted(source, np.arange(step.n + 1))
    explain = links.Explainer(step.items, step.features.text, step.features.entity, render, params.fold_plurals)
    related: dict[str, list[RelatedLink]] = {}
    for row, aid in enumerate(step.ids):
        if touched[row] or state is None:
            start, end = bounds[row], bounds[row + 1]
            related[aid] = links.pick_links(row, target[start:end], scores[start:end], step.rank, k, copy_of,
                                            thread_rows, explain, params)
        else:
            related[aid] = state.related[aid]
    return related
