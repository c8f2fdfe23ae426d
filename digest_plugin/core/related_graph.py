"""The candidate graph of related stories: who is compared with whom, and each pair's scores.

- Candidates: each article keeps its `candidates` best neighbours by the pruned search product
  (related_features.py), ties broken by article id, so the lists are the same whatever order
  the articles came in. Adding articles only merges their scores into the lists they beat
  (`merge_top`); a list that held a removed article is searched again in full.
- Pairs: every (a, b) with b in a's list or a in b's, scored once (`score_pairs`). A pair's
  scores depend on its two articles alone (frozen statistics, rows with sorted columns), so a pair
  scored in an incremental run has the very bits it has in a full one.
- Components: threads are clustered inside each connected component of the *strong* pairs
  (thread score at least the bar; related_linkage.py). Two groups merge only when some pair
  across them is strong, so each component clusters on its own, and a component no new
  article touches keeps its threads.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from digest_plugin.core.lazy import LazyModule

if TYPE_CHECKING:
    import numpy as np
    import scipy.sparse as sp

    from digest_plugin.core.related import RelatedParams
    from digest_plugin.core.related_features import Features
else:
    np = LazyModule("numpy")
    sp = LazyModule("scipy.sparse")


# --- candidate lists -------------------------------------------------------------------------


def search_rows(
    search: sp.csr_matrix, rows: np.ndarray, rank: np.ndarray, keep: int, floor: np.ndarray | None = None,
    chunk: int = 1000,
) -> tuple[np.ndarray, np.ndarray, list[tuple[np.ndarray, np.ndarray, np.ndarray]]]:
    """For `rows`: their best `keep` neighbours among all rows of `search` (not themselves), as
    (columns, scores) arrays of shape (len(rows), keep), padded with -1 / -inf. With `floor`
    (per row of `search`: the least score its list could take in), also the products that
    reach the other row's floor, as (row, column, score) chunks, for `merge_top`."""
    top_cols = np.full((len(rows), keep), -1, dtype=np.int64)
    top_scores = np.full((len(rows), keep), -np.inf, dtype=np.float32)
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    if not len(rows):
        return top_cols, top_scores, found
    transposed = search.T.tocsr()
    for start in range(0, len(rows), chunk):
        batch = rows[start : start + chunk]
        product = (search[batch] @ transposed).tocsr()
        if floor is not None:
            row_of = np.repeat(batch, np.diff(product.indptr))
            useful = (product.indices != row_of) & (product.data >= floor[product.indices])
            found.append((row_of[useful], product.indices[useful].astype(np.int64), product.data[useful]))
        for offset in range(len(batch)):
            begin, end = product.indptr[offset], product.indptr[offset + 1]
            cols, data = product.indices[begin:end], product.data[begin:end]
            mask = cols != batch[offset]
            cols, data = _best(cols[mask].astype(np.int64), data[mask], rank, keep)
            top_cols[start + offset, : len(cols)] = cols
            top_scores[start + offset, : len(cols)] = data
    return top_cols, top_scores, found


def _best(cols: np.ndarray, data: np.ndarray, rank: np.ndarray, keep: int) -> tuple[np.ndarray, np.ndarray]:
    """The `keep` best (highest score, then lowest id rank), best first. Linear in the row
    length when it is long (argpartition), as the rows of a large digest's products are."""
    if len(data) > 4 * keep:
        # The keep-th largest value; partitioning the negated scores around a small index is
        # several times faster than around an index near the end (numpy's introselect).
        kth = -np.partition(-data, keep - 1)[keep - 1]
        mask = data >= kth
        cols, data = cols[mask], data[mask]
    order = np.lexsort((rank[cols], -data))[:keep]
    return cols[order], data[order]


def merge_top(
    top_cols: np.ndarray, top_scores: np.ndarray, targets: np.ndarray,
    rows: np.ndarray, cols: np.ndarray, scores: np.ndarray, rank: np.ndarray,
) -> None:
    """Merge new scores (rows[i] gains cols[i] with scores[i]) into the lists of `targets`
    (only rows listed there change), in place."""
    keep = top_cols.shape[1]
    wanted = np.zeros(len(top_cols), dtype=bool)
    wanted[targets] = True
    # An entry below a full list's last score can never enter it.
    floor = np.where(top_cols[:, -1] >= 0, top_scores[:, -1], -np.inf)
    mask = wanted[rows] & (scores >= floor[rows])
    rows, cols, scores = rows[mask], cols[mask], scores[mask]
    order = np.argsort(rows, kind="stable")
    rows, cols, scores = rows[order], cols[order], scores[order]
    bounds = np.flatnonzero(np.diff(rows)) + 1
    for run_rows, run_cols, run_scores in zip(
        np.split(rows, bounds), np.split(cols, bounds), np.split(scores, bounds), strict=True
    ):
        if not len(run_rows):
            continue
        row = int(run_rows[0])
        held = top_cols[row] >= 0
        all_cols = np.concatenate([top_cols[row][held], run_cols])
        all_scores = np.concatenate([top_scores[row][held], run_scores])
        best_cols, best_scores = _best(all_cols, all_scores, rank, keep)
        top_cols[row] = -1
        top_scores[row] = -np.inf
        top_cols[row, : len(best_cols)] = best_cols
        top_scores[row, : len(best_cols)] = best_scores


def pair_codes(top_cols: np.ndarray) -> np.ndarray:
    """The undirected candidate pairs (a < b) as sorted codes a * n + b."""
    n = len(top_cols)
    rows = np.repeat(np.arange(n, dtype=np.int64), top_cols.shape[1])
    cols = top_cols.ravel()
    mask = cols >= 0
    a, b = np.minimum(rows[mask], cols[mask]), np.maximum(rows[mask], cols[mask])
    return np.unique(a * n + b)


# --- pair scores -----------------------------------------------------------------------------


@dataclass
class PairScores:
    """Per candidate pair (a < b): the link score, the thread score (0 when the two are too
    far apart to share a thread), and whether b is a copy of a (the same text republished)."""

    score: np.ndarray
    thread: np.ndarray
    copy: np.ndarray

    @staticmethod
    def empty() -> PairScores:
        return PairScores(np.zeros(0), np.zeros(0), np.zeros(0, dtype=bool))

    def take(self, index: np.ndarray) -> PairScores:
        return PairScores(self.score[index], self.thread[index], self.copy[index])

    @staticmethod
    def concat(parts: Sequence[PairScores]) -> PairScores:
        return PairScores(*(np.concatenate([getattr(p, name) for p in parts]) for name in ("score", "thread", "copy")))


def rowwise_dot(matrix: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray, chunk: int = 200_000,
                right: sp.csr_matrix | None = None) -> np.ndarray:
    """matrix[rows[i]] . right[cols[i]] for every i (`right` defaults to `matrix`), in chunks:
    no n x n product."""
    other = matrix if right is None else right
    result = np.zeros(len(rows), dtype=np.float64)
    for start in range(0, len(rows), chunk):
        left_rows = matrix[rows[start : start + chunk]]
        right_rows = other[cols[start : start + chunk]]
        result[start : start + chunk] = np.asarray(left_rows.multiply(right_rows).sum(axis=1)).ravel()
    return result


def score_pairs(
    features: Features, texts: Sequence[str], rows: np.ndarray, cols: np.ndarray, params: RelatedParams
) -> PairScores:
    """The scores of pairs (rows[i], cols[i]); `texts` are the articles' texts (for copies)."""
    from digest_plugin.core import specifics

    text_sim = rowwise_dot(features.text, rows, cols)
    entity_sim = rowwise_dot(features.entity, rows, cols) if params.entity_weight else 0.0
    wants_headline = params.headline_weight or params.thread_headline_weight
    headline_sim = rowwise_dot(features.headline, rows, cols) if wants_headline else 0.0
    days, dated = features.days, features.dated
    both_dated = dated[rows] & dated[cols]
    # Days apart where both dates are known; an undated pair is as if on one day (no evidence).
    apart = np.where(both_dated, np.abs(days[rows] - days[cols]), 0.0)
    time_factor = params.time_floor + (1 - params.time_floor) * np.exp(-apart / params.time_scale_days)
    differ = specifics.conflict(features.specifics, features.presence(), rows, cols, params.specifics_prior)
    # With both dates known, the time factor and the thread gap already tell twins apart.
    differ = np.where(both_dated, params.dated_conflict_share * differ, differ)
    score = (text_sim + params.headline_weight * headline_sim + params.entity_weight * entity_sim) * time_factor
    score = score * (1.0 - params.conflict_weight * differ)
    # A weighted mean of text and headline cosine: on the text cosine's scale, as the bar is.
    mean_sim = (text_sim + params.thread_headline_weight * headline_sim) / (1.0 + params.thread_headline_weight)
    thread = mean_sim + params.thread_entity_weight * entity_sim
    thread = thread * (1.0 - params.thread_conflict_weight * differ)
    # Without both dates the gap cannot vouch for a pair (see thread_undated_factor).
    thread = np.where(both_dated, thread, thread * params.thread_undated_factor)
    thread = np.where(apart <= params.thread_window_days, np.maximum(thread, 0.0), 0.0)
    copy = _copies(texts, rows, cols, text_sim, apart, params)
    return PairScores(np.asarray(score, dtype=np.float64), np.asarray(thread, dtype=np.float64), copy)


def _copies(
    texts: Sequence[str], rows: np.ndarray, cols: np.ndarray, text_sim: np.ndarray, apart: np.ndarray,
    params: RelatedParams,
) -> np.ndarray:
    """Which pairs are copies of one text. A high cosine only says two texts use the same
    words, as two outlets' own reports of one event do; a copy (the same wire story in two
    papers, maybe trimmed or updated) shares long runs of words, so a pair must also share most
    of the shorter text's word runs (containment of `duplicate_shingle` word shingles)."""
    copy = np.zeros(len(rows), dtype=bool)
    maybe = np.flatnonzero((text_sim >= params.duplicate_similarity) & (apart <= params.thread_window_days))
    known: dict[int, set[int]] = {}
    for position in maybe.tolist():
        a, b = int(rows[position]), int(cols[position])
        for i in (a, b):
            if i not in known:
                known[i] = _shingles(texts[i], params.duplicate_shingle)
        smaller = min(len(known[a]), len(known[b]))
        copy[position] = bool(smaller) and len(known[a] & known[b]) / smaller >= params.duplicate_containment
    return copy


_WORD = re.compile(r"\w+")


def _shingles(text: str, size: int) -> set[int]:
    """Hashes of the text's runs of `size` words (lower-cased): what copies of one text share."""
    words = _WORD.findall(text.lower())
    return {hash(" ".join(words[i : i + size])) for i in range(max(1, len(words) - size + 1))}


# --- threads ---------------------------------------------------------------------------------


def components(n: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Component label of every node of the undirected graph with edges (rows[i], cols[i])."""
    from scipy.sparse.csgraph import connected_components

    graph = sp.csr_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
    return connected_components(graph, directed=False)[1]
