"""Per-article vectors for related stories: each row is a function of its own article and
the frozen digest statistics (related_stats.py) alone.

Columns are hashes, not a digest vocabulary: a word's column is the CRC-32 of its folded form
(`fold_plural`) modulo 2**22, an entity's the CRC-32 of its kind and name modulo 2**20, and the
weights (IDF) come from the frozen statistics. So an article's rows are the same whichever
other articles were vectorised with it, and every row keeps its columns sorted: a dot product
of two rows then adds the same products in the same order wherever it is computed, and a
pair's score is the same to the last bit in a full and in an incremental run. (Two words of
the 60,000 in a large digest share a column about once in 70: harmless, both are rare words.)

`Features` holds, for a batch of articles (rows in the batch's order):

- text: sublinear tf x weight over headline (counted `title_repeats` times) and text, L2-normalised;
- headline: the headline's words alone, same weighting;
- entity: people and countries, salience x rarity, L2-normalised;
- search: the pruned rows the candidate search multiplies (heaviest terms, and entities);
- specifics: what sets the article's event apart (specifics.py), in the conflict space
  (word columns, then country columns);
- countries: 1 for each country the article mentions, in the conflict space's country part;
- days, dated: the date in days since the epoch, and whether it is a publication date.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from digest_plugin.core.lazy import LazyModule
from digest_plugin.core.model import Mention

if TYPE_CHECKING:
    import numpy as np
    import scipy.sparse as sp

    from digest_plugin.core.related import RelatedInput, RelatedParams
    from digest_plugin.core.related_stats import DigestStats
else:
    np = LazyModule("numpy")
    sp = LazyModule("scipy.sparse")

WORD_COLUMNS = 1 << 22
ENTITY_COLUMNS = 1 << 20
CONFLICT_COLUMNS = WORD_COLUMNS + ENTITY_COLUMNS  # words, then countries
MATRICES = ("text", "headline", "entity", "search", "specifics", "countries")


def word_column(word: str) -> int:
    return zlib.crc32(word.encode("utf-8")) & (WORD_COLUMNS - 1)


def entity_column(kind: str, name: str) -> int:
    return zlib.crc32(f"{kind}\0{name}".encode()) & (ENTITY_COLUMNS - 1)


def fold_plural(word: str) -> str:
    """A plural noun (or third-person verb) folded onto its singular: "satellites" ->
    "satellite", "launches" -> "launch", "countries" -> "country". Deliberately light (no
    stemmer ships with the project): only regular -s endings, and words that merely end in s
    ("news", "bus", "analysis", "glass") are left alone."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is", "ws")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zzes")):
        return word[:-2]
    if word.endswith(("aes", "ees", "oes")) or not word[-2].isalpha():
        return word
    return word[:-1]


def salience(mention: Mention) -> float:
    """How much an article is about an entity: more mentions, headline and lead weigh more."""
    return 1.0 + math.log(max(mention.count, 1)) + (1.0 if mention.in_headline else 0.0) + (
        0.5 if mention.in_lead else 0.0
    )


def epoch_days(moment: datetime) -> float:
    if moment.tzinfo is None:  # naive dates are taken as UTC so that mixed inputs compare
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp() / 86400.0


@dataclass
class Features:
    text: sp.csr_matrix
    headline: sp.csr_matrix
    entity: sp.csr_matrix
    search: sp.csr_matrix
    specifics: sp.csr_matrix
    countries: sp.csr_matrix
    days: np.ndarray
    dated: np.ndarray

    def __len__(self) -> int:
        return int(self.text.shape[0])

    @staticmethod
    def of(matrices: Sequence[sp.csr_matrix], days: np.ndarray, dated: np.ndarray) -> Features:
        """From the matrices in `MATRICES` order."""
        text, headline, entity, search, specifics, countries = matrices
        return Features(text, headline, entity, search, specifics, countries, days, dated)

    def take(self, rows: np.ndarray) -> Features:
        return Features.of([getattr(self, name)[rows] for name in MATRICES], self.days[rows], self.dated[rows])

    @staticmethod
    def stack(parts: Sequence[Features]) -> Features:
        return Features.of(
            [sp.vstack([getattr(part, name) for part in parts], format="csr") for name in MATRICES],
            np.concatenate([part.days for part in parts]),
            np.concatenate([part.dated for part in parts]),
        )

    def presence(self) -> sp.csr_matrix:
        """1 where an article uses a word or names a country at all, in the conflict space."""
        words = self.text.copy()
        words.data[:] = 1.0
        words.resize((len(self), CONFLICT_COLUMNS))
        return (words + _shift(self.countries, WORD_COLUMNS, CONFLICT_COLUMNS)).tocsr()


def _shift(matrix: sp.csr_matrix, offset: int, width: int) -> sp.csr_matrix:
    """The same rows with every column moved right by `offset`, in a matrix `width` wide."""
    return sp.csr_matrix((matrix.data, matrix.indices + offset, matrix.indptr), shape=(matrix.shape[0], width))


def _stats_module():
    from digest_plugin.core import related_stats

    return related_stats


def article_features(
    items: Sequence[RelatedInput], params: RelatedParams, stats: DigestStats | None = None
) -> tuple[Features, DigestStats]:
    """The rows of `items`, each a function of its own article and the frozen `stats` (see the
    module docstring); without `stats`, they are counted over `items` (a full computation)."""
    from digest_plugin.core import specifics

    raw_text, raw_headline = _raw_text_rows(items, params)
    raw_entity = _raw_entity_rows(items)
    countries = _country_rows(items)
    fold = fold_plural if params.fold_plurals else str
    raw_specifics = specifics.specifics_matrix(items, fold, params.specifics_lead_words)
    fresh = stats is None
    if stats is None:
        stats = _stats_module().DigestStats.count(raw_text, raw_entity, countries)
    text = normalise_rows(_scale(raw_text, stats.word_idf(raw_text.indices)))
    headline = normalise_rows(_scale(raw_headline, stats.word_idf(raw_headline.indices)))
    entity = normalise_rows(_scale(raw_entity, stats.entity_idf(raw_entity.indices)))
    columns = raw_specifics.indices.astype(np.int64)
    is_word = columns < WORD_COLUMNS
    rarity = np.where(is_word, stats.word_idf(np.where(is_word, columns, 0)),
                      stats.country_idf(np.where(is_word, 0, columns - WORD_COLUMNS)))
    specific = _scale(raw_specifics, rarity).astype(np.float32)
    if fresh:
        stats.background = _stats_module().mean_cosine(text)
    days = np.array([epoch_days(item.date) for item in items], dtype=np.float64)
    dated = np.array([item.dated for item in items], dtype=bool)
    search = _search_rows(text, entity, params)
    return Features(text, headline, entity, search, specific, countries, days, dated), stats


def _scale(matrix: sp.csr_matrix, factors: np.ndarray) -> sp.csr_matrix:
    """Each stored value times its factor (float64), zeros dropped, columns kept in order."""
    scaled = sp.csr_matrix((matrix.data.astype(np.float64) * factors, matrix.indices, matrix.indptr),
                           shape=matrix.shape)
    scaled.eliminate_zeros()
    return scaled


def _analyzer():
    from sklearn.feature_extraction.text import CountVectorizer

    return CountVectorizer(stop_words="english", dtype=np.float32)


def _raw_text_rows(items: Sequence[RelatedInput], params: RelatedParams) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """(text rows, headline rows) of sublinear term frequencies (1 + ln count) in the hashed
    columns, before any weighting."""
    n = len(items)
    counter = _analyzer()
    documents = ["\n".join([item.title] * params.title_repeats + [item.text]) for item in items]
    try:
        counts = counter.fit_transform(documents).tocsr()
    except ValueError:  # no usable word in the whole batch (empty or stop words only)
        empty = sp.csr_matrix((n, WORD_COLUMNS), dtype=np.float64)
        return empty, empty.copy()
    words = counter.get_feature_names_out().tolist()
    headline_counts = counter.transform([item.title for item in items]).tocsr()
    folded = {word: fold_plural(word) if params.fold_plurals else word for word in words}
    # The batch's folded forms in the canonical order (column, then form): every row's columns
    # then come out sorted, and two forms that share a column are added in one fixed order.
    forms = sorted(set(folded.values()), key=lambda form: (word_column(form), form))
    position = {form: i for i, form in enumerate(forms)}
    folding = sp.csr_matrix(
        (np.ones(len(words), dtype=np.float32), (np.arange(len(words)), [position[folded[w]] for w in words])),
        shape=(len(words), len(forms)),
    )
    columns = np.array([word_column(form) for form in forms], dtype=np.int64)
    return _hashed_tf((counts @ folding).tocsr(), columns), _hashed_tf((headline_counts @ folding).tocsr(), columns)


def _hashed_tf(counts: sp.csr_matrix, columns: np.ndarray) -> sp.csr_matrix:
    """Sublinear tf, moved to the hashed columns (forms sharing a column within a row added)."""
    counts.sort_indices()
    values = 1.0 + np.log(counts.data.astype(np.float64))
    hashed = columns[counts.indices]
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    # Forms sharing a column within a row are adjacent (canonical order): add them in that order.
    starts = np.flatnonzero(np.concatenate([[True], (rows[1:] != rows[:-1]) | (hashed[1:] != hashed[:-1])]))
    if not len(values):
        return sp.csr_matrix((counts.shape[0], WORD_COLUMNS), dtype=np.float64)
    values = np.add.reduceat(values, starts)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows[starts], minlength=counts.shape[0]))])
    return sp.csr_matrix((values, hashed[starts].astype(np.int32), indptr), shape=(counts.shape[0], WORD_COLUMNS))


def normalise_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Rows scaled to unit length (float64 arithmetic, float32 result), columns kept sorted."""
    matrix = matrix.tocsr()
    matrix.sort_indices()
    data = matrix.data.astype(np.float64)
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=matrix.shape[0]))
    norms[norms == 0] = 1.0
    scaled = (data / norms[rows]).astype(np.float32)
    return sp.csr_matrix((scaled, matrix.indices.astype(np.int32), matrix.indptr.astype(np.int64)), shape=matrix.shape)


def entity_saliences(item: RelatedInput) -> dict[tuple[str, str], float]:
    """(kind, name) -> salience (the highest of its mentions), before rarity is applied."""
    row: dict[tuple[str, str], float] = {}
    for kind, mentions in (("person", item.people), ("country", item.countries)):
        for mention in mentions:
            key = (kind, mention.name)
            row[key] = max(row.get(key, 0.0), salience(mention))
    return row


def _raw_entity_rows(items: Sequence[RelatedInput]) -> sp.csr_matrix:
    indptr = [0]
    columns: list[int] = []
    values: list[float] = []
    for item in items:
        merged: dict[int, float] = {}
        for (kind, name), weight in entity_saliences(item).items():
            column = entity_column(kind, name)
            merged[column] = max(merged.get(column, 0.0), weight)
        ordered = sorted(merged)
        columns.extend(ordered)
        values.extend(merged[c] for c in ordered)
        indptr.append(len(columns))
    return sp.csr_matrix((np.array(values, dtype=np.float64), np.array(columns, dtype=np.int32), np.array(indptr)),
                         shape=(len(items), ENTITY_COLUMNS))


def _country_rows(items: Sequence[RelatedInput]) -> sp.csr_matrix:
    pairs = sorted({(i, entity_column("country", m.name)) for i, item in enumerate(items) for m in item.countries})
    rows = [i for i, _ in pairs]
    columns = [c for _, c in pairs]
    matrix = sp.csr_matrix((np.ones(len(pairs), dtype=np.float32), (rows, columns)), shape=(len(items), ENTITY_COLUMNS))
    matrix.sort_indices()
    return matrix


def prune_rows(matrix: sp.csr_matrix, keep: int) -> sp.csr_matrix:
    """Keep each row's `keep` largest values (ties: lower column first), columns sorted."""
    lengths = np.diff(matrix.indptr)
    if matrix.nnz == 0 or lengths.max() <= keep:
        return matrix
    row_of = np.repeat(np.arange(matrix.shape[0]), lengths)
    order = np.lexsort((matrix.indices, -matrix.data, row_of))  # by row, heaviest first, then column
    rank = np.arange(matrix.nnz) - matrix.indptr[row_of[order]]
    kept = np.sort(order[rank < keep])
    return sp.csr_matrix(
        (matrix.data[kept], matrix.indices[kept], np.concatenate([[0], np.cumsum(np.minimum(lengths, keep))])),
        shape=matrix.shape,
    )


def _search_rows(text: sp.csr_matrix, entity: sp.csr_matrix, params: RelatedParams) -> sp.csr_matrix:
    """The candidate search's rows: heaviest terms, then (when entities weigh) heaviest entities."""
    width = WORD_COLUMNS + ENTITY_COLUMNS
    search = prune_rows(text, params.candidate_terms)
    search = sp.csr_matrix((search.data, search.indices, search.indptr), shape=(search.shape[0], width))
    if params.entity_weight > 0:  # a zero-weighted block would only add explicit zeros to the products
        entities = prune_rows(entity, params.candidate_entities)
        scaled = entities.copy()
        scaled.data = (scaled.data * np.float32(math.sqrt(params.entity_weight))).astype(np.float32)
        search = (search + _shift(scaled, WORD_COLUMNS, width)).tocsr()
    search.sort_indices()
    return search
