"""The arrays of a `RelatedState` in one .npz file (numpy's own format, no pickling).

Sparse matrices are stored as their three arrays and shape; candidate lists and pairs as
int32 (a digest of 2**31 articles is not in view). The file carries the input key of the
JSON written beside it (related_cache.py), so a pair of files from two builds is refused.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from digest_plugin.core import related_graph as graph
from digest_plugin.core.atomic import atomic_write_bytes
from digest_plugin.core.lazy import LazyModule
from digest_plugin.core.related_features import MATRICES, Features
from digest_plugin.core.related_state import MergeLogs, RelatedState
from digest_plugin.core.related_stats import DigestStats

if TYPE_CHECKING:
    import numpy as np
    import scipy.sparse as sp

    from digest_plugin.core.related import RelatedResult
else:
    np = LazyModule("numpy")
    sp = LazyModule("scipy.sparse")


def save(path: Path, state: RelatedState, inputs: str) -> None:
    arrays: dict[str, np.ndarray] = {"inputs": np.array(inputs)}
    arrays.update({f"stats.{name}": value for name, value in state.stats.arrays().items()})
    for name in MATRICES:
        matrix = getattr(state.features, name)
        arrays[f"{name}.data"] = matrix.data
        arrays[f"{name}.indices"] = matrix.indices.astype(np.int32)
        arrays[f"{name}.indptr"] = matrix.indptr.astype(np.int64)
        arrays[f"{name}.shape"] = np.array(matrix.shape, dtype=np.int64)
    arrays.update(days=state.features.days, dated=state.features.dated,
                  top_cols=state.top_cols.astype(np.int32), top_scores=state.top_scores,
                  pair_a=state.pair_a.astype(np.int32), pair_b=state.pair_b.astype(np.int32),
                  score=state.values.score, thread=state.values.thread, copy=state.values.copy,
                  log_part=state.logs.part, log_a=state.logs.a, log_b=state.logs.b, log_average=state.logs.average)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)  # type: ignore[arg-type]  # numpy's stub types the first keyword
    atomic_write_bytes(path, buffer.getvalue())  # a reader never sees half a file


def load(path: Path, stored: dict, result: RelatedResult) -> RelatedState:
    """The state saved at `path`, with the ids, fingerprints and result of its JSON `stored`."""
    with np.load(path, allow_pickle=False) as arrays:
        if str(arrays["inputs"]) != stored["inputs"]:
            raise ValueError("the arrays are from another build than the JSON beside them")
        matrices = [
            sp.csr_matrix((arrays[f"{name}.data"], arrays[f"{name}.indices"], arrays[f"{name}.indptr"]),
                          shape=tuple(arrays[f"{name}.shape"].tolist()))
            for name in MATRICES
        ]
        features = Features.of(matrices, arrays["days"], arrays["dated"])
        values = graph.PairScores(arrays["score"], arrays["thread"], arrays["copy"])
        stats = DigestStats.from_arrays({name[len("stats."):]: arrays[name] for name in arrays.files
                                         if name.startswith("stats.")})
        top_cols, top_scores = arrays["top_cols"].astype(np.int64), arrays["top_scores"]
        pair_a, pair_b = arrays["pair_a"].astype(np.int64), arrays["pair_b"].astype(np.int64)
        logs = MergeLogs(arrays["log_part"], arrays["log_a"], arrays["log_b"], arrays["log_average"])
    ids = list(stored["ids"])
    if len(ids) != len(features) or len(stored["fingerprints"]) != len(ids):
        raise ValueError("the arrays do not match the articles listed beside them")
    return RelatedState(
        ids=ids, fingerprints=list(stored["fingerprints"]), features=features, top_cols=top_cols,
        top_scores=top_scores, pair_a=pair_a, pair_b=pair_b, values=values,
        related=dict(result.related), threads=dict(result.threads), thread_of=dict(result.thread_of),
        stats=stats, changed_since_stats=int(stored["changed_since_stats"]), logs=logs,
        copy_of=dict(zip(ids, stored["copy_of"], strict=True)),
    )
