"""Average linkage of one component of strong pairs: from nothing, or by replaying the last run.

The clustering (merge rule in `cluster`) is greedy: at each step the best mergeable pair of
clusters merges. A digest that grows changes the pairs of a few articles only, yet the strong
pairs of a corpus of look-alike reports (Reuters' earnings and commodity notes) join nearly
all of it into one component. So a component is not clustered again from nothing: the merges
of the last run are *replayed*. A cluster is *clean* while it is made only of articles whose
pairs did not change and formed by the very merges of the last run; the best mergeable pair
among clean clusters is then the next merge of the last run's log (same clusters, same pair
sums, same order). Only pairs with a *tainted* cluster (one holding a changed article, or one
whose logged merge can no longer happen) are scored live, as the plain algorithm would. At each
step the better of the log's next merge and the best live pair is taken, which is exactly what
the plain algorithm does, so the result, and the new log, equal a run from nothing.

Pair sums are kept as integers (scores in units of 2**-32): sums of integers do not depend on
the order of the additions, so a tainted cluster's sums recounted from its articles' pairs equal
those the plain run accumulated merge by merge.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from digest_plugin.core.lazy import LazyModule

if TYPE_CHECKING:
    import numpy as np

    from digest_plugin.core.related import RelatedParams
else:
    np = LazyModule("numpy")

UNIT = 2**32  # pair scores are counted in these units: integer sums are exact in any order


@dataclass
class Log:
    """Merges in the order a run made them: `a` absorbed `b` or `b` absorbed `a` (the larger
    one; on a tie `a`), `a` before `b` in id order; their average at that moment."""

    average: list[float]
    a: list[int]
    b: list[int]

    @staticmethod
    def empty() -> Log:
        return Log([], [], [])


def _nearest_gap(sorted_a: list[float], sorted_b: list[float]) -> float:
    """Smallest distance between a value of one sorted list and a value of the other.

    Plain Python: clustering asks this hundreds of thousands of times, nearly always of one or
    two dates a side, where numpy's per-call overhead was half the time of all related stories.
    """
    if len(sorted_a) == 1 and len(sorted_b) == 1:
        return abs(sorted_a[0] - sorted_b[0])
    if len(sorted_a) > len(sorted_b):
        sorted_a, sorted_b = sorted_b, sorted_a
    last = len(sorted_b) - 1
    best = math.inf
    for value in sorted_a:
        at = bisect.bisect_left(sorted_b, value)
        if at > 0:
            best = min(best, value - sorted_b[at - 1])
        if at <= last:
            best = min(best, sorted_b[at] - value)
    return best


class _Run:
    """One component's clustering (nodes 0..n-1 in id order)."""

    def __init__(self, n: int, edge_a: np.ndarray, edge_b: np.ndarray, units: np.ndarray, days: np.ndarray,
                 threshold: float, params: RelatedParams) -> None:
        self.params, self.threshold = params, threshold
        self.strong_units = strong_units(threshold)
        starts = np.concatenate([edge_a, edge_b])
        order = np.argsort(starts, kind="stable")
        self.ends = np.concatenate([edge_b, edge_a])[order]
        self.units = np.concatenate([units, units])[order]
        self.bounds = np.searchsorted(starts[order], np.arange(n + 1)).tolist()
        self.members: list[list[int]] = [[i] for i in range(n)]
        self.member_days: list[list[float]] = [[] if math.isnan(day) else [day] for day in days.tolist()]
        self.cluster_of = list(range(n))
        self.neighbours: dict[int, dict[int, tuple[int, int]]] = {}  # tainted cluster -> sums to others
        self.watchers: dict[int, set[int]] = {}  # clean cluster -> tainted clusters that hold a sum to it
        self.heap: list[tuple[float, int, int]] = []
        self.log = Log.empty()

    def mergeable(self, a: int, b: int, total: int, strong: int) -> float | None:
        params = self.params
        pairs = len(self.members[a]) * len(self.members[b])
        if strong < params.thread_linked_share * pairs:
            return None
        days_a, days_b = self.member_days[a], self.member_days[b]
        # No known date on a side: the gap is unknown, and no evidence against the merge.
        gap = _nearest_gap(days_a, days_b) if days_a and days_b else 0.0
        # A lone pair of reports weeks apart is two stories on one topic; a story that already
        # has several reports may take in a late one that agrees strongly.
        established = max(len(self.members[a]), len(self.members[b])) >= params.thread_established_size
        floor = params.thread_gap_floor if established else 0.0
        average = total / UNIT / pairs * (floor + (1 - floor) * math.exp(-gap / params.thread_gap_scale_days))
        return average if average >= self.threshold else None

    def taint(self, cluster: int, offer: bool = True) -> None:
        """Count a cluster's sums to every other cluster from its articles' pairs, and offer
        its mergeable pairs live (not when it is about to merge: its pairs change at once)."""
        if cluster in self.neighbours:
            return
        sums: dict[int, tuple[int, int]] = {}
        cluster_of, strong_units = self.cluster_of, self.strong_units
        for node in self.members[cluster]:
            start, end = self.bounds[node], self.bounds[node + 1]
            for other, units in zip(self.ends[start:end].tolist(), self.units[start:end].tolist(), strict=True):
                target = cluster_of[other]
                if target != cluster:
                    total, strong = sums.get(target, (0, 0))
                    sums[target] = (total + units, strong + (units >= strong_units))
        self.neighbours[cluster] = sums
        self.watchers.pop(cluster, None)  # those tainted clusters now see it as tainted
        for other, (total, strong) in sums.items():
            if other in self.neighbours:
                # Already tainted: its live entry for this pair is current (offered when either
                # side last changed).
                self.neighbours[other][cluster] = (total, strong)
            else:
                self.watchers.setdefault(other, set()).add(cluster)
                if offer:
                    self._offer(cluster, other, total, strong)

    def _offer(self, a: int, b: int, total: int, strong: int) -> None:
        if (average := self.mergeable(a, b, total, strong)) is not None:
            heapq.heappush(self.heap, (-average, min(a, b), max(a, b)))

    def _join(self, big: int, small: int) -> None:
        for node in self.members[small]:
            self.cluster_of[node] = big
        self.members[big].extend(self.members[small])
        self.members[small] = []
        self.member_days[big] = sorted(self.member_days[big] + self.member_days[small])

    def merge(self, a: int, b: int, average: float) -> None:
        """Merge two clusters (the larger absorbs the other; on a tie `a`), as the plain run."""
        big, small = (a, b) if len(self.members[a]) >= len(self.members[b]) else (b, a)
        self.log.average.append(average)
        self.log.a.append(a)
        self.log.b.append(b)
        if big in self.neighbours or small in self.neighbours:
            self.taint(big, offer=False)
            self.taint(small, offer=False)
            self._join(big, small)
            self._absorb_sums(big, small)
        else:  # two clean clusters: only the tainted ones that hold sums to them follow
            self._join(big, small)
            self._follow_clean_merge(big, small)

    def _absorb_sums(self, big: int, small: int) -> None:
        mine = self.neighbours[big]
        mine.pop(small, None)
        for other, (total, strong) in self.neighbours.pop(small).items():
            if other == big:
                continue
            old_total, old_strong = mine.get(other, (0, 0))
            mine[other] = (old_total + total, old_strong + strong)
            if other in self.neighbours:
                del self.neighbours[other][small]
                self.neighbours[other][big] = mine[other]
            else:
                watching = self.watchers[other]
                watching.discard(small)
                watching.add(big)
        for other, (total, strong) in mine.items():
            self._offer(big, other, total, strong)

    def _follow_clean_merge(self, big: int, small: int) -> None:
        watching = self.watchers.pop(big, set()) | self.watchers.pop(small, set())
        if watching:
            self.watchers[big] = watching
        for tainted in watching:
            sums = self.neighbours[tainted]
            total_big, strong_big = sums.pop(big, (0, 0))
            total_small, strong_small = sums.pop(small, (0, 0))
            sums[big] = (total_big + total_small, strong_big + strong_small)
            self._offer(tainted, big, *sums[big])

    def live_top(self) -> tuple[float, int, int] | None:
        """The best live entry that still holds (stale ones dropped), not removed."""
        while self.heap:
            negative, a, b = self.heap[0]
            tainted, other = (a, b) if a in self.neighbours else (b, a)
            sums = self.neighbours.get(tainted)
            if self.members[a] and self.members[b] and sums is not None and other in sums:
                average = self.mergeable(a, b, *sums[other])
                if average is not None and math.isclose(average, -negative):
                    return negative, a, b
            heapq.heappop(self.heap)
        return None


def strong_units(threshold: float) -> int:
    """The least pair score, in units, that counts as strong (at the bar)."""
    return math.ceil(threshold * UNIT)


def to_units(scores: np.ndarray) -> np.ndarray:
    return np.rint(np.asarray(scores, dtype=np.float64) * UNIT).astype(np.int64)


def cluster(
    n: int, edge_a: np.ndarray, edge_b: np.ndarray, edge_score: np.ndarray, days: np.ndarray, threshold: float,
    params: RelatedParams, dirty: Sequence[bool] | None = None, old: Sequence[Log] = (),
) -> tuple[list[list[int]], Log]:
    """Threads (groups of two or more nodes) of one component and the log of its merges.

    Nodes 0..n-1 in id order; edges (edge_a[i] < edge_b[i], thread score); `days` NaN where
    unknown. With `old` (the last run's logs of the components these nodes were in, in these
    node numbers, -1 for a node no longer here) and `dirty` (nodes whose pairs changed, or that
    are new), the last run is replayed (module docstring); without, every node is dirty.

    Clusters merge best-first while (1) the average score over all pairs across the two
    clusters, times the gap factor, reaches `threshold` (pairs that are not edges count as 0)
    and (2) at least `thread_linked_share` of those pairs score that much on their own. (2)
    stops one round-up article from bridging two events into one thread. The gap factor is
    `floor + (1 - floor) * exp(-gap / thread_gap_scale_days)`, gap = days between the two
    clusters' closest members; floor is 0 for two lone reports.
    """
    run = _Run(n, edge_a, edge_b, to_units(edge_score), days, threshold, params)
    for node, changed in enumerate(dirty if dirty is not None else [True] * n):
        if changed:
            run.taint(node)
    # The next merge of each old log (each is the best clean merge of its own component).
    heads = [((-log.average[0], log.a[0], log.b[0]), index, 0) for index, log in enumerate(old) if log.a]
    heapq.heapify(heads)
    while True:
        live = run.live_top()
        if not heads and live is None:
            break
        if heads and (live is None or heads[0][0] < live):
            key, index, at = heapq.heappop(heads)
            _replay(run, key[1], key[2], -key[0])
            log = old[index]
            if at + 1 < len(log.a):
                heapq.heappush(heads, ((-log.average[at + 1], log.a[at + 1], log.b[at + 1]), index, at + 1))
        else:
            assert live is not None
            heapq.heappop(run.heap)
            run.merge(live[1], live[2], -live[0])
    return [group for group in run.members if len(group) >= 2], run.log


def _replay(run: _Run, a: int, b: int, average: float) -> None:
    """The last run's merge of `a` and `b`: made again when both are still the clean clusters
    it merged; otherwise it cannot happen, and whichever of the two is still clean is tainted
    (its future differs from the log from here on)."""
    clean = [c for c in (a, b) if c >= 0 and run.members[c] and c not in run.neighbours]
    if len(clean) == 2:
        run.merge(a, b, average)
        return
    for c in clean:
        run.taint(c)
