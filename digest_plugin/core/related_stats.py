"""The digest-wide statistics of related stories, frozen so that growth can be incremental.

Word rarity (IDF), entity and country rarity and the thread bar's background similarity are
properties of the whole digest: computed afresh, every new article would shift every score.
So they are computed once, over the digest of that moment, and *frozen* (`DigestStats`): new
articles are weighed with the frozen figures (a word the digest had not seen counts as seen in
no article), and old vectors and pair scores stay valid. The statistics are refreshed, which
means a full computation, when the articles added, edited or removed since they were computed
reach `RelatedParams.stats_refresh_share` of the digest they were computed on (a tenth by
default), and whenever the cache is cold.

What "an incremental update equals a full computation" means here, exactly: the update's
result equals `compute_related(items, stats=<the frozen statistics>)` byte for byte. A cold
build of the same grown digest computes its own statistics, so its scores can differ in the
last digits and a borderline link or thread member can differ too, as they would after any
refresh.

Columns are the hashed columns of related_features.py. The IDF is scikit-learn's smoothed
one, ln((n + 1) / (df + 1)) + 1, for words and countries (specifics.py); entities use it
without the + 1, so an entity in every article carries no signal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from digest_plugin.core.lazy import LazyModule

if TYPE_CHECKING:
    import numpy as np
    import scipy.sparse as sp

    from digest_plugin.core.related import RelatedParams
else:
    np = LazyModule("numpy")
    sp = LazyModule("scipy.sparse")

ARRAYS = ("word_columns", "word_df", "entity_columns", "entity_df", "country_columns", "country_df")


def _document_frequency(matrix: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """(columns used, number of rows using each), columns sorted."""
    columns, counts = np.unique(matrix.indices, return_counts=True)
    return columns.astype(np.int64), counts.astype(np.int64)


def _lookup(columns: np.ndarray, frequencies: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Document frequency of each `wanted` column (0 for a column never seen)."""
    if not len(columns):
        return np.zeros(len(wanted), dtype=np.int64)
    at = np.minimum(np.searchsorted(columns, wanted), len(columns) - 1)
    return np.where(columns[at] == wanted, frequencies[at], 0)


@dataclass
class DigestStats:
    """Frozen digest-wide statistics (see the module docstring)."""

    n: int  # articles they were computed over
    word_columns: np.ndarray
    word_df: np.ndarray
    entity_columns: np.ndarray
    entity_df: np.ndarray
    country_columns: np.ndarray
    country_df: np.ndarray
    background: float = 0.0  # mean text cosine over all pairs (set once the text rows exist)

    @staticmethod
    def count(words: sp.csr_matrix, entities: sp.csr_matrix, countries: sp.csr_matrix) -> DigestStats:
        """Document frequencies over raw rows (one per article; any positive value counts)."""
        return DigestStats(words.shape[0], *_document_frequency(words), *_document_frequency(entities),
                           *_document_frequency(countries))

    def word_idf(self, columns: np.ndarray) -> np.ndarray:
        return np.log((self.n + 1) / (_lookup(self.word_columns, self.word_df, columns) + 1)) + 1.0

    def entity_idf(self, columns: np.ndarray) -> np.ndarray:
        return np.log((self.n + 1) / (_lookup(self.entity_columns, self.entity_df, columns) + 1))

    def country_idf(self, columns: np.ndarray) -> np.ndarray:
        return np.log((self.n + 1) / (_lookup(self.country_columns, self.country_df, columns) + 1)) + 1.0

    def thread_bar(self, params: RelatedParams) -> float:
        """The thread score two groups need: at least `thread_similarity`, and
        `thread_background_factor` times the digest's mean cosine (capped)."""
        return min(max(params.thread_similarity, params.thread_background_factor * self.background),
                   params.thread_similarity_cap)

    def arrays(self) -> dict[str, np.ndarray]:
        return {name: getattr(self, name) for name in ARRAYS} | {"n": np.array(self.n),
                                                                  "background": np.array(self.background)}

    @staticmethod
    def from_arrays(arrays) -> DigestStats:
        word_columns, word_df, entity_columns, entity_df, country_columns, country_df = (
            np.asarray(arrays[name], dtype=np.int64) for name in ARRAYS
        )
        return DigestStats(int(arrays["n"]), word_columns, word_df, entity_columns, entity_df, country_columns,
                           country_df, background=float(arrays["background"]))


def mean_cosine(matrix: sp.csr_matrix) -> float:
    """Mean cosine over all pairs of non-empty rows (rows are unit length), in O(non-zeros):
    the sum over pairs is |sum of rows|^2 minus each row with itself."""
    filled = int(np.count_nonzero(np.diff(matrix.indptr)))
    if filled < 2:
        return 0.0
    _, inverse = np.unique(matrix.indices, return_inverse=True)
    total = np.bincount(inverse, weights=matrix.data.astype(np.float64))
    return float((total @ total - filled) / (filled * (filled - 1)))
