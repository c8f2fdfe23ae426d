"""Related stories and story threads: which articles a reader should see next, and why.

Input is a list of `RelatedInput` (text plus the people and countries extraction found);
output is a `RelatedResult`: for every article a best-first list of `RelatedLink`s, and the
story threads (articles about the same event across outlets and days) with stable ids.

How a pair of articles is scored (`RelatedParams` holds every knob):

    score = (text cosine + headline_weight * headline cosine + entity_weight * entity cosine)
            * time factor

- text cosine: TF-IDF (scikit-learn counts, sparse, sublinear tf, English stop words, regular
  plurals folded onto the singular, title counted four times because a headline says what the
  story is about);
- headline cosine: the same weighting over the headline's words alone, so two reports with
  the same headline still match when one page is padded with navigation or link lists;
- entity cosine: one sparse vector per article over its people and countries, each weighted
  by salience (mentions, headline, lead) times rarity in this digest (IDF), so sharing "US"
  adds little and sharing a junior minister adds much. Its weight is small (0.05): once the
  headline counts, shared people and countries say more about the topic than the event; the
  shared entities also explain a link;
- time factor: `floor + (1 - floor) * exp(-days apart / time_scale_days)`, so close stories
  rank first but a strong match a month apart is not discarded.

Scale: no n x n matrix is ever built. Candidates come from chunked sparse products of
*pruned* vectors (each article keeps only its heaviest terms, and entities when they weigh,
which drops the common words that make all-pairs products dense); each article keeps its best
few candidates, and only those pairs are rescored exactly with the full vectors.

Threads ("same event and its direct follow-ups", not "same topic"): average-linkage
agglomerative clustering on the sparse candidate graph, scored on text (shared people and
countries say "same topic", so by default they do not count here). Pairs that are not
candidates count as similarity 0, so a chain A~B~C does not pull A and C together unless the
group as a whole is similar: the guard against chaining. Two groups separated by a quiet gap
(days between their closest members) must agree more strongly, and the bar rises with the
digest's background similarity, so a digest of one beat does not fuse its topics.

Near-duplicates (the same wire copy republished: a high text cosine and most of the shorter
text's five-word runs found in the other) form groups; an article's own duplicates are listed
as kind "duplicate", and of any other group only its best member is offered, so one wire
story never fills several related slots (a reader who followed one copy has read them all).
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import importlib
import math
import re
import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from digest_plugin.core.model import Mention


class _LazyModule:
    """A module imported on first use. numpy and scipy take about 0.4 s to import, and a warm
    build whose related stories come from the cache (related_cache.py) never needs them."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: types.ModuleType | None = None

    def __getattr__(self, attribute: str):
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attribute)


if TYPE_CHECKING:  # the real modules for the type checker; lazy ones at run time
    import numpy as np
    import scipy.sparse as sp
else:
    np = _LazyModule("numpy")
    sp = _LazyModule("scipy.sparse")

LinkKind = Literal["same-story", "related", "duplicate"]
NameLookup = Callable[[str], str] | Mapping[str, str] | None


@dataclass
class RelatedInput:
    """What related-story scoring needs of one article."""

    id: str
    title: str
    text: str  # summary + body, plain text
    date: datetime
    source: str
    people: list[Mention] = field(default_factory=list)
    countries: list[Mention] = field(default_factory=list)  # name = ISO 3166-1 alpha-2 code
    dated: bool = True
    """False when `date` is not a publication date (front matter `undated: true`: the day it
    was ingested). Such a date is no evidence: pairs with an undated side are scored as if
    published on one day, and threads do not measure gaps to it."""


@dataclass(frozen=True)
class RelatedLink:
    """One suggested article, with the score that ranked it and a reason a reader can read."""

    id: str
    score: float
    reason: str
    kind: LinkKind


@dataclass
class Thread:
    """Articles about one event: ids in date order, sources in order of first report."""

    id: str
    article_ids: list[str]
    sources: list[str]


@dataclass
class RelatedResult:
    related: dict[str, list[RelatedLink]]
    threads: dict[str, Thread]
    thread_of: dict[str, str | None]


@dataclass(frozen=True)
class RelatedParams:
    """The scoring knobs. Defaults were tuned on news_cluster (bench/eval_related.py)."""

    title_repeats: int = 4
    """Times the headline is counted in the text vector. A headline says in ten words what the
    story is; with sublinear tf, four repeats weigh its words like ~2.4 body mentions, so two
    reports with the same headline but differently padded pages (boilerplate, live blogs)
    still match. On news_cluster (direct mode, entity weight 0) P@3 is 0.971 at 3 repeats,
    0.972 at 4 and 0.973 at 6, but 6 loses on one half of the events (bench/eval_related.py
    --split-events: 0.967 against 0.969), so 4 stays."""
    headline_weight: float = 0.2
    """How much a perfect headline match adds to the text cosine. The headline vector holds the
    headline's words alone (corpus IDF), so two reports whose headlines name the same rare
    words match even when one page is padded with navigation or link lists that drown its
    story in the full-text cosine. On news_cluster (direct mode, plurals folded, entity weight 0)
    P@3 is 0.964 at 0, 0.970 at 0.15, 0.972 at 0.2, 0.971 at 0.3 (see bench/eval_related.py)."""
    fold_plurals: bool = True
    """Count "satellite" and "satellites", "launch" and "launches" as one word (see
    `fold_plural`): reports of one event often differ only in number."""
    entity_weight: float = 0.05
    """How much a perfect entity match (people and countries by salience times rarity) adds to
    the text cosine. Small, because once the headline match counts on its own, shared people
    and countries mostly say "same topic" and the words say "same event"; but not zero: two
    reports that share a minor official are far likelier to be one story. Measured on
    news_cluster through a real build (`bench/eval_related.py --mode build`, digest-wide
    canonical names): P@3 0.974 at 0.05, 0.969 at 0.1, 0.968 at 0.15; in direct mode (names not
    resolved across articles) 0.970 at 0.05 and 0.972 at 0. Entities also explain a link
    ("Also about ...")."""
    time_scale_days: float = 7.0
    """Days over which the time bonus decays (e-folding)."""
    time_floor: float = 0.7
    """Share of the score kept however far apart two articles are."""
    min_score: float = 0.05
    """Links scoring below this are not offered: fewer links rather than weak ones."""
    duplicate_similarity: float = 0.8
    """Text cosine from which two articles may be the same copy republished (then checked by
    shared word runs, below)."""
    duplicate_shingle: int = 5
    """Words per shingle when comparing a candidate pair's texts."""
    duplicate_containment: float = 0.5
    """Share of the shorter text's shingles the other must contain for the two to be copies."""
    thread_similarity: float = 0.1
    """Average-linkage thread score two groups need to join one thread (at least)."""
    thread_background_factor: float = 3.5
    """The thread bar is at least this many times the digest's mean text cosine over all
    pairs: in a digest of one beat (all politics, short pieces) unrelated articles already
    share many words, and "same story" must stand out from that background."""
    thread_similarity_cap: float = 0.25
    """The background bar never exceeds this: in a tiny digest that is mostly one story, the
    mean itself is made of same-story pairs."""
    thread_entity_weight: float = 0.0
    """Entity cosine's weight in the thread score. Shared people and countries say two reports
    are about the same *topic*; whether they report the same *event* is mostly in the words."""
    thread_gap_scale_days: float = 10.0
    """Days over which the thread score of two groups decays with the gap between their
    closest members (down to `thread_gap_floor`): reports of one event and its follow-ups come in a run, so a
    group separated from another by a quiet week or two must agree much more strongly to be
    the same story. The gap is to the nearest member, not the first report, so a story that
    runs for weeks in steady reports stays one thread. Ten days: outlets pick up a story over
    a week or two (news_cluster completeness 0.901 at 5 days, 0.914 at 10, purity unchanged),
    while two reports three weeks apart keep only an eighth of their score."""
    thread_established_size: int = 2
    """Reports a group needs before the gap floor applies to it (below that, no floor)."""
    thread_gap_floor: float = 0.9
    """Share of the thread score kept however long the gap: a report that agrees very strongly
    can still rejoin its story after a long pause."""
    thread_linked_share: float = 0.5
    """Share of cross pairs that must be strong on their own for two groups to merge."""
    thread_window_days: float = 60.0
    """Articles further apart than this never join the same thread directly (running stories
    such as a trial or a crisis are followed for weeks)."""
    conflict_weight: float = 0.3
    """How much of a link's score the pair's conflict (specifics.py: the share of each side's
    salient names, places and years the other never mentions) takes away. Outlets pick
    different details of one event, so the conflict is noisy evidence and its weight modest:
    news_cluster undated (direct): P@3 0.962 at 0, 0.968 at 0.3 (with the thread knobs
    below); at 0.6 thread completeness falls to 0.86."""
    thread_conflict_weight: float = 0.3
    """The same for the thread score: what keeps two same-topic events of one day (or of no
    known day) in two threads."""
    thread_undated_factor: float = 0.7
    """Share of the thread score kept for a pair with an undated side: without both dates
    the gap cannot vouch for a pair, so undated reports must agree more strongly. On
    news_cluster undated (direct, with the specifics): purity 0.945 at 1.0, 0.979 at 0.7;
    completeness 0.956 and 0.898."""
    dated_conflict_share: float = 0.5
    """Share of the conflict counted when both dates are known. Twin events mostly lie apart
    in time, so with both dates the time factor and the thread gap already carry part of what
    the specifics say; counting them fully there costs same-event links and thread members
    (news_cluster dated, direct: P@3 0.968, completeness 0.896 at 1.0; 0.972 and 0.911 at 0.5;
    purity 0.977 and 0.974)."""
    specifics_lead_words: int = 60
    """Words of the lead (first paragraph) searched for specifics besides the headline."""
    specifics_prior: float = 4.0
    """Specifics weight (IDF units) added to each side's total before taking the missing
    share, so one or two unmatched specifics cannot make a full conflict."""
    candidates: int = 30
    """Neighbours kept per article by the pruned search before exact rescoring."""
    candidate_terms: int = 25
    """Heaviest terms per article kept for the candidate search."""
    candidate_entities: int = 8
    """Heaviest entities per article kept for the candidate search."""


def compute_related(
    items: Sequence[RelatedInput],
    k: int = 5,
    *,
    names: NameLookup = None,
    params: RelatedParams | None = None,
) -> RelatedResult:
    """Related links (at most `k` per article, plus its duplicates) and story threads.

    `names` renders an entity key for reasons (e.g. ISO code "UA" -> "Ukraine"), as a mapping
    or a callable; keys it does not know are shown as they are. Raises ValueError on
    duplicate article ids (naming the id).
    """
    params = params or RelatedParams()
    _check_ids(items)
    n = len(items)
    if n == 0:
        return RelatedResult({}, {}, {})
    render = _name_renderer(names)

    space = _text_vectors(items, params)
    entity_matrix, entity_keys = _entity_vectors(items)
    days = np.array([_epoch_days(item.date) for item in items])
    dated = np.array([item.dated for item in items], dtype=bool)

    rows, cols = _candidate_pairs(space.matrix, entity_matrix, params)
    text_sim = _rowwise_dot(space.matrix, rows, cols)
    entity_sim = _rowwise_dot(entity_matrix, rows, cols)
    headline_sim = _rowwise_dot(space.headlines, rows, cols) if params.headline_weight else 0.0
    # Days apart where both dates are known; an undated pair is as if on one day (no evidence).
    apart = np.where(dated[rows] & dated[cols], np.abs(days[rows] - days[cols]), 0.0)
    time_factor = params.time_floor + (1 - params.time_floor) * np.exp(-apart / params.time_scale_days)
    both_dated = dated[rows] & dated[cols]
    differ = _conflict(items, space, rows, cols, params)
    # With both dates known, the time factor and the thread gap already tell twins apart.
    differ = np.where(both_dated, params.dated_conflict_share * differ, differ)
    score = (text_sim + params.headline_weight * headline_sim + params.entity_weight * entity_sim) * time_factor
    score = score * (1.0 - params.conflict_weight * differ)

    duplicate_group = _duplicate_groups(items, rows, cols, text_sim, apart, params)
    thread_score = text_sim + params.thread_entity_weight * entity_sim
    thread_score = thread_score * (1.0 - params.thread_conflict_weight * differ)
    # Without both dates the gap cannot vouch for a pair (see thread_undated_factor).
    thread_score = np.where(dated[rows] & dated[cols], thread_score, thread_score * params.thread_undated_factor)
    thread_threshold = min(
        max(params.thread_similarity, params.thread_background_factor * _mean_cosine(space.matrix)),
        params.thread_similarity_cap,
    )
    thread_members = _average_linkage(
        n, rows, cols, thread_score, np.where(dated, days, np.nan), apart, thread_threshold, params
    )
    threads, thread_of_index = _make_threads(items, days, thread_members)

    explain = _Explainer(items, space.matrix, space.vocabulary, entity_matrix, entity_keys, render)
    related = _pick_links(items, k, rows, cols, score, duplicate_group, thread_of_index, explain, params)
    thread_of = {item.id: thread_of_index.get(i) for i, item in enumerate(items)}
    return RelatedResult(related=related, threads=threads, thread_of=thread_of)


# --- vectors ---------------------------------------------------------------------------------


def _check_ids(items: Sequence[RelatedInput]) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"duplicate article id {item.id!r}: related stories need unique ids")
        seen.add(item.id)


@dataclass
class _TextSpace:
    """The TF-IDF text vectors and what the specifics (specifics.py) need of their columns."""

    matrix: sp.csr_matrix  # TF-IDF rows, L2-normalised
    headlines: sp.csr_matrix  # the headline's words alone, same IDF
    presence: sp.csr_matrix  # 1 where an article uses the column at all
    vocabulary: np.ndarray  # column labels (a real word, see _plural_folding)
    idf: np.ndarray
    index: dict[str, int]  # word -> column, before folding plurals
    target: np.ndarray | None  # word column -> folded column (None: not folded)

    def column_of(self, word: str) -> int | None:
        position = self.index.get(word)
        if position is None:
            return None
        return int(self.target[position]) if self.target is not None else position


def _text_vectors(items: Sequence[RelatedInput], params: RelatedParams) -> _TextSpace:
    """TF-IDF rows (sublinear tf, English stop words), L2-normalised, in one column space;
    headline vectors hold the headline's words alone, weighted by the same IDF. Equivalent to
    scikit-learn's TfidfVectorizer, but counted first so that plural forms can be summed into
    one column before weighting."""
    # Imported here: scikit-learn takes a second or more to import, and a warm build whose
    # related stories come from the cache never vectorises.
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    n = len(items)
    counter = CountVectorizer(stop_words="english", dtype=np.float32)
    documents = ["\n".join([item.title] * params.title_repeats + [item.text]) for item in items]
    try:
        counts = counter.fit_transform(documents).tocsr()
    except ValueError:
        # scikit-learn refuses a corpus with no usable word at all (empty or stop words only):
        # then no pair shares text, which an empty matrix says exactly.
        empty = sp.csr_matrix((n, 0), dtype=np.float32)
        return _TextSpace(empty, empty, empty, np.array([], dtype=object), np.zeros(0), {}, None)
    vocabulary = counter.get_feature_names_out()
    headline_counts = counter.transform([item.title for item in items]).tocsr()
    target = None
    if params.fold_plurals:
        folding, vocabulary = _plural_folding(vocabulary)
        target = folding.indices  # one column per row of the 0/1 folding matrix
        counts = (counts @ folding).tocsr()
        headline_counts = (headline_counts @ folding).tocsr()
    weighting = TfidfTransformer(sublinear_tf=True)
    matrix = weighting.fit_transform(counts).astype(np.float32).tocsr()
    headlines = weighting.transform(headline_counts).astype(np.float32).tocsr()
    presence = counts.copy()
    presence.data[:] = 1.0
    return _TextSpace(matrix, headlines, presence, vocabulary, weighting.idf_, counter.vocabulary_, target)


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


def _plural_folding(vocabulary: np.ndarray) -> tuple[sp.csr_matrix, np.ndarray]:
    """(0/1 matrix summing each word's column into its folded form's column, the folded
    columns' labels). A label is the shortest word folded into it, a real word ("satellite"
    for satellite/satellites) to show in reasons even when the folded form is not one."""
    folded_index: dict[str, int] = {}
    labels: list[str] = []
    target = np.empty(len(vocabulary), dtype=np.int64)
    for position, word in enumerate(vocabulary.tolist()):
        column = folded_index.setdefault(fold_plural(word), len(folded_index))
        if column == len(labels):
            labels.append(word)
        elif (len(word), word) < (len(labels[column]), labels[column]):
            labels[column] = word
        target[position] = column
    folding = sp.csr_matrix(
        (np.ones(len(vocabulary), dtype=np.float32), (np.arange(len(vocabulary)), target)),
        shape=(len(vocabulary), len(folded_index)),
    )
    return folding, np.array(labels, dtype=object)


def salience(mention: Mention) -> float:
    """How much an article is about an entity: more mentions, headline and lead weigh more."""
    return 1.0 + math.log(max(mention.count, 1)) + (1.0 if mention.in_headline else 0.0) + (
        0.5 if mention.in_lead else 0.0
    )


def _entity_vectors(items: Sequence[RelatedInput]) -> tuple[sp.csr_matrix, list[tuple[str, str]]]:
    """Rows: articles; columns: ("person"|"country", name); values: salience x IDF, L2-normalised."""
    keys: dict[tuple[str, str], int] = {}
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for item in items:
        row: dict[int, float] = {}
        for kind, mentions in (("person", item.people), ("country", item.countries)):
            for mention in mentions:
                column = keys.setdefault((kind, mention.name), len(keys))
                row[column] = max(row.get(column, 0.0), salience(mention))
        indices.extend(row)
        data.extend(row.values())
        indptr.append(len(indices))
    n = len(items)
    matrix = sp.csr_matrix(
        (np.array(data, dtype=np.float32), np.array(indices, dtype=np.int32), np.array(indptr)),
        shape=(n, len(keys)),
    )
    if len(keys):
        document_frequency = np.bincount(matrix.indices, minlength=len(keys))
        # Smoothed IDF without the +1 floor: an entity in every article carries no signal.
        idf = np.log((n + 1) / (document_frequency + 1)).astype(np.float32)
        matrix = matrix @ sp.diags(idf)
    return _normalise_rows(matrix.tocsr()), list(keys)


def _conflict(
    items: Sequence[RelatedInput], space: _TextSpace, rows: np.ndarray, cols: np.ndarray, params: RelatedParams
) -> np.ndarray:
    """Per candidate pair, how much each side's specifics (salient names, places, numbers) go
    unmentioned by the other: evidence of two events on one topic (see specifics.py)."""
    from digest_plugin.core import specifics  # numpy and scipy at import: see _LazyModule

    country_column: dict[str, int] = {}
    country_rows: list[list[int]] = []
    for item in items:
        country_rows.append(sorted({country_column.setdefault(m.name, len(country_column)) for m in item.countries}))
    n = len(items)
    country_presence = sp.csr_matrix(
        (np.ones(sum(map(len, country_rows)), dtype=np.float32),
         np.array([c for row in country_rows for c in row], dtype=np.int64),
         np.concatenate([[0], np.cumsum([len(row) for row in country_rows])])),
        shape=(n, len(country_column)),
    )
    frequency = np.asarray(country_presence.sum(axis=0)).ravel()
    country_idf = np.log((n + 1) / (frequency + 1)) + 1.0  # the same smoothing as the word IDF
    matrix = specifics.specifics_matrix(
        items, space.column_of, space.idf, country_column, country_idf, params.specifics_lead_words
    )
    presence = sp.hstack([space.presence, country_presence], format="csr")
    return specifics.conflict(matrix, presence, rows, cols, params.specifics_prior)


def _normalise_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix, dtype=np.float32)


def _epoch_days(moment: datetime) -> float:
    if moment.tzinfo is None:  # naive dates are taken as UTC so that mixed inputs compare
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp() / 86400.0


# --- candidates ------------------------------------------------------------------------------


def _prune_rows(matrix: sp.csr_matrix, keep: int) -> sp.csr_matrix:
    """Keep each row's `keep` largest values: common words rarely survive, rare ones do."""
    lengths = np.diff(matrix.indptr)
    if matrix.nnz == 0 or lengths.max() <= keep:
        return matrix
    row_of = np.repeat(np.arange(matrix.shape[0]), lengths)
    order = np.lexsort((-matrix.data, row_of))  # by row, then heaviest first
    rank = np.arange(matrix.nnz) - matrix.indptr[row_of[order]]
    kept = np.sort(order[rank < keep])
    return sp.csr_matrix(
        (matrix.data[kept], matrix.indices[kept], np.concatenate([[0], np.cumsum(np.minimum(lengths, keep))])),
        shape=matrix.shape,
    )


def _candidate_pairs(
    text_matrix: sp.csr_matrix, entity_matrix: sp.csr_matrix, params: RelatedParams, chunk: int = 2000
) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric candidate pairs (i, j), i != j, sorted by i then j, without repeats."""
    n = text_matrix.shape[0]
    parts = [_prune_rows(text_matrix, params.candidate_terms)]
    if params.entity_weight > 0:  # a zero-weighted block would only add explicit zeros to the products
        parts.append(math.sqrt(params.entity_weight) * _prune_rows(entity_matrix, params.candidate_entities))
    search = sp.hstack(parts, format="csr")
    search_t = search.T.tocsr()
    found_rows: list[np.ndarray] = []
    found_cols: list[np.ndarray] = []
    # One extra slot because an article is usually its own best match.
    keep = params.candidates + 1
    for start in range(0, n, chunk):
        product = (search[start : start + chunk] @ search_t).tocsr()
        for offset in range(product.shape[0]):
            begin, end = product.indptr[offset], product.indptr[offset + 1]
            cols = product.indices[begin:end]
            if end - begin > keep:
                # argpartition is linear in the row length; a sort would not be.
                cols = cols[np.argpartition(-product.data[begin:end], keep)[:keep]]
            cols = cols[cols != start + offset]
            found_rows.append(np.full(len(cols), start + offset, dtype=np.int64))
            found_cols.append(cols.astype(np.int64))
    rows = np.concatenate(found_rows + found_cols).astype(np.int64)
    cols = np.concatenate(found_cols + found_rows).astype(np.int64)
    pair_codes = np.unique(rows * n + cols)
    return pair_codes // n, pair_codes % n


def _rowwise_dot(matrix: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray, chunk: int = 200_000) -> np.ndarray:
    result = np.zeros(len(rows), dtype=np.float64)
    if matrix.shape[1] == 0:
        return result
    for start in range(0, len(rows), chunk):
        left = matrix[rows[start : start + chunk]]
        right = matrix[cols[start : start + chunk]]
        result[start : start + chunk] = np.asarray(left.multiply(right).sum(axis=1)).ravel()
    return result


# --- duplicates and threads ------------------------------------------------------------------


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


_WORD = re.compile(r"\w+")


def _shingles(text: str, size: int) -> set[int]:
    """Hashes of the text's runs of `size` words (lower-cased): what copies of one text share."""
    words = _WORD.findall(text.lower())
    return {hash(" ".join(words[i : i + size])) for i in range(max(1, len(words) - size + 1))}


def _duplicate_groups(
    items: Sequence[RelatedInput],
    rows: np.ndarray,
    cols: np.ndarray,
    text_sim: np.ndarray,
    apart: np.ndarray,
    params: RelatedParams,
) -> list[int]:
    """Groups of copies of one text. A high cosine only says two texts use the same words, as
    two outlets' own reports of one event do; a copy (the same wire story in two papers, maybe
    trimmed or updated) shares long runs of words, so a candidate pair must also share most of
    the shorter text's word runs (containment of `duplicate_shingle` word shingles)."""
    groups = _UnionFind(len(items))
    is_candidate = (text_sim >= params.duplicate_similarity) & (apart <= params.thread_window_days)
    shingles: dict[int, set[int]] = {}
    for a, b in zip(rows[is_candidate].tolist(), cols[is_candidate].tolist(), strict=True):
        for i in (a, b):
            if i not in shingles:
                shingles[i] = _shingles(items[i].text, params.duplicate_shingle)
        smaller = min(len(shingles[a]), len(shingles[b]))
        if smaller and len(shingles[a] & shingles[b]) / smaller >= params.duplicate_containment:
            groups.union(a, b)
    return [groups.find(i) for i in range(len(items))]


def _mean_cosine(matrix: sp.csr_matrix) -> float:
    """Mean cosine over all pairs of non-empty rows (rows are unit length), in O(non-zeros):
    the sum over pairs is |sum of rows|^2 minus each row with itself."""
    filled = int(np.count_nonzero(np.diff(matrix.indptr)))
    if filled < 2:
        return 0.0
    total = np.asarray(matrix.sum(axis=0), dtype=np.float64).ravel()
    return float((total @ total - filled) / (filled * (filled - 1)))


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


def _average_linkage(
    n: int,
    rows: np.ndarray,
    cols: np.ndarray,
    score: np.ndarray,
    days: np.ndarray,
    apart: np.ndarray,
    threshold: float,
    params: RelatedParams,
) -> list[list[int]]:
    """Groups of two or more articles about one event.

    Clusters merge best-first while (1) the average score over all pairs across the two
    clusters, times the gap factor, reaches `threshold` (pairs outside the candidate graph or
    the time window count as 0) and (2) at least `thread_linked_share` of those pairs score
    that much on their own. (2) stops one round-up article from bridging two events into one
    thread. The gap factor is `floor + (1 - floor) * exp(-gap / thread_gap_scale_days)`, gap =
    days between the two clusters' closest members; floor is 0 for two lone reports.
    """
    usable = (rows < cols) & (apart <= params.thread_window_days) & (score > 0)
    # neighbours[a][b] = (sum of pair scores, number of pairs scoring >= threshold)
    neighbours: list[dict[int, tuple[float, int]]] = [{} for _ in range(n)]
    for a, b, s in zip(rows[usable].tolist(), cols[usable].tolist(), score[usable].tolist(), strict=True):
        neighbours[a][b] = neighbours[b][a] = (s, int(s >= threshold))
    members: list[list[int]] = [[i] for i in range(n)]
    # Sorted known dates per group (an undated article has none: `days` holds NaN for it).
    member_days: list[list[float]] = [[] if math.isnan(day) else [day] for day in days.tolist()]

    def mergeable(a: int, b: int) -> float | None:
        total, strong = neighbours[a][b]
        pairs = len(members[a]) * len(members[b])
        if strong < params.thread_linked_share * pairs:
            return None
        # No known date on a side: the gap is unknown, and no evidence against the merge.
        gap = _nearest_gap(member_days[a], member_days[b]) if member_days[a] and member_days[b] else 0.0
        # A lone pair of reports weeks apart is two stories on one topic; a story that already
        # has several reports may take in a late one that agrees strongly.
        established = max(len(members[a]), len(members[b])) >= params.thread_established_size
        floor = params.thread_gap_floor if established else 0.0
        average = total / pairs * (floor + (1 - floor) * math.exp(-gap / params.thread_gap_scale_days))
        return average if average >= threshold else None

    heap = [
        (-average, a, b)
        for a in range(n)
        for b in neighbours[a]
        if a < b and (average := mergeable(a, b)) is not None
    ]
    heapq.heapify(heap)
    while heap:
        negative_average, a, b = heapq.heappop(heap)
        if not (members[a] and members[b]) or b not in neighbours[a]:
            continue
        average = mergeable(a, b)
        if average is None or not math.isclose(average, -negative_average):
            continue  # stale entry: the pair was pushed again with its current average, or not
        big, small = (a, b) if len(members[a]) >= len(members[b]) else (b, a)
        del neighbours[big][small]
        for other, (total, strong) in neighbours[small].items():
            if other == big:
                continue
            del neighbours[other][small]
            old_total, old_strong = neighbours[big].get(other, (0.0, 0))
            neighbours[big][other] = neighbours[other][big] = (old_total + total, old_strong + strong)
        neighbours[small] = {}
        members[big].extend(members[small])
        members[small] = []
        member_days[big] = sorted(member_days[big] + member_days[small])
        for other in neighbours[big]:
            if (average := mergeable(big, other)) is not None:
                heapq.heappush(heap, (-average, min(big, other), max(big, other)))
    return [group for group in members if len(group) >= 2]


def thread_id_for(earliest_article_id: str) -> str:
    """A thread's id: derived from its earliest article, so it is stable across builds."""
    return "t-" + hashlib.sha1(earliest_article_id.encode("utf-8")).hexdigest()[:10]


def _make_threads(
    items: Sequence[RelatedInput], days: np.ndarray, groups: list[list[int]]
) -> tuple[dict[str, Thread], dict[int, str]]:
    threads: dict[str, Thread] = {}
    thread_of: dict[int, str] = {}
    for group in groups:
        ordered = sorted(group, key=lambda i: (days[i], items[i].id))
        thread = Thread(
            id=thread_id_for(items[ordered[0]].id),
            article_ids=[items[i].id for i in ordered],
            sources=list(dict.fromkeys(items[i].source for i in ordered if items[i].source)),
        )
        threads[thread.id] = thread
        thread_of.update((i, thread.id) for i in group)
    return threads, thread_of


# --- links and reasons -----------------------------------------------------------------------


def _name_renderer(names: NameLookup) -> Callable[[str], str]:
    if names is None:
        return lambda key: key
    if callable(names):
        return names
    return lambda key: names.get(key, key)


def _join_words(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


class _Explainer:
    """Turns a scored pair into the sentence shown under the link."""

    def __init__(
        self,
        items: Sequence[RelatedInput],
        text_matrix: sp.csr_matrix,
        vocabulary: np.ndarray,
        entity_matrix: sp.csr_matrix,
        entity_keys: list[tuple[str, str]],
        render: Callable[[str], str],
    ) -> None:
        self.items = items
        self.text_matrix = text_matrix
        self.vocabulary = vocabulary
        self.entity_matrix = entity_matrix
        self.entity_keys = entity_keys
        self.render = render

    def _shared(self, matrix: sp.csr_matrix, a: int, b: int, limit: int) -> list[int]:
        """Columns both rows use, by the weight they add to the pair's similarity."""
        start_a, end_a = matrix.indptr[a], matrix.indptr[a + 1]
        start_b, end_b = matrix.indptr[b], matrix.indptr[b + 1]
        columns, in_a, in_b = np.intersect1d(
            matrix.indices[start_a:end_a], matrix.indices[start_b:end_b], return_indices=True
        )
        weight = matrix.data[start_a:end_a][in_a] * matrix.data[start_b:end_b][in_b]
        return columns[np.argsort(-weight, kind="stable")[:limit]].tolist()

    def reason(self, a: int, b: int, kind: LinkKind) -> str:
        other = self.items[b]
        source = other.source or "another outlet"
        if kind == "duplicate":
            return f"Same report, republished by {source}"
        if kind == "same-story":
            if other.source and other.source == self.items[a].source:
                if not (other.dated and self.items[a].dated):
                    return f"Same story: another report from {source}"  # which came first is unknown
                when = "Earlier" if other.date < self.items[a].date else "Later"
                return f"Same story: {when.lower()} report from {source}"
            return f"Same story, reported by {source}"
        entities = self._shared(self.entity_matrix, a, b, limit=2)
        if entities:
            return "Also about " + _join_words([self._entity_label(column) for column in entities])
        terms = self._shared(self.text_matrix, a, b, limit=3)
        if terms:
            return "Also mentions " + _join_words([f"“{self.vocabulary[t]}”" for t in terms])
        return "Published close in time" if other.dated and self.items[a].dated else "Similar in wording"

    def _entity_label(self, column: int) -> str:
        kind, name = self.entity_keys[column]
        return self.render(name) if kind == "country" else name


def _pick_links(
    items: Sequence[RelatedInput],
    k: int,
    rows: np.ndarray,
    cols: np.ndarray,
    score: np.ndarray,
    duplicate_group: list[int],
    thread_of: dict[int, str],
    explain: _Explainer,
    params: RelatedParams,
) -> dict[str, list[RelatedLink]]:
    related: dict[str, list[RelatedLink]] = {}
    # rows are sorted, so each article's candidates are one contiguous run.
    bounds = np.searchsorted(rows, np.arange(len(items) + 1))
    for a, item in enumerate(items):
        start, end = bounds[a], bounds[a + 1]
        # Reports of this article's own story thread come first: the thread was built on
        # group-wide agreement, a stronger "same event" signal than any one pair's score.
        own_thread = thread_of.get(a)
        in_own_thread = np.array(
            [own_thread is not None and thread_of.get(int(b)) == own_thread for b in cols[start:end]], dtype=bool
        )
        order = start + np.lexsort((-score[start:end], ~in_own_thread))
        links: list[RelatedLink] = []
        offered_groups: set[int] = set()
        duplicates = 0
        for position in order.tolist():
            b, value = int(cols[position]), float(score[position])
            if duplicate_group[b] == duplicate_group[a]:
                if duplicates >= k:
                    continue
                kind: LinkKind = "duplicate"
                duplicates += 1
            else:
                if value < params.min_score or len(links) - duplicates >= k:
                    continue
                if duplicate_group[b] in offered_groups:
                    continue  # another copy of this wire story is already offered
                offered_groups.add(duplicate_group[b])
                kind = "same-story" if own_thread is not None and thread_of.get(b) == own_thread else "related"
            reason = explain.reason(a, b, kind)
            links.append(RelatedLink(id=items[b].id, score=round(value, 4), reason=reason, kind=kind))
        related[item.id] = links
    return related
