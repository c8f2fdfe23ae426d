"""Related stories and story threads: which articles a reader should see next, and why.

Input is a list of `RelatedInput` (text plus the people and countries extraction found);
output is a `RelatedResult`: for every article a best-first list of `RelatedLink`s, and the
story threads (articles about the same event across outlets and days) with stable ids.

How a pair of articles is scored (`RelatedParams` holds every knob):

    score = (text cosine + headline_weight * headline cosine + entity_weight * entity cosine)
            * time factor * (1 - conflict_weight * conflict)

- text cosine: TF-IDF (sublinear tf, English stop words out, regular plurals folded onto the
  singular, hashed columns), the headline counted four times because it says what the story
  is about;
- headline cosine: the same weighting over the headline's words alone, so two reports with
  the same headline still match when one page is padded with navigation or link lists;
- entity cosine: people and countries, each weighted by salience (mentions, headline, lead)
  times rarity in the digest (IDF), so sharing "US" adds little and sharing a junior minister
  adds much. Its weight is small: shared people and countries say more about the topic than
  the event; they also explain a link;
- time factor: `floor + (1 - floor) * exp(-days apart / time_scale_days)`, for pairs whose two
  dates are both known (an ingest-day date is no evidence);
- conflict: what each story is about that the other never mentions (specifics.py).

The digest-wide statistics (IDF, the thread bar's background) are frozen between refreshes
(related_stats.py), so an article's vectors depend on it alone and a pair's scores on the pair
alone: a digest that grows is updated, not recomputed (related_state.py), and the update
equals a full computation with the same statistics.

Scale: no n x n matrix is ever built. Candidates come from chunked sparse products of
*pruned* vectors (each article keeps only its heaviest terms, and entities when they weigh);
each article keeps its best few candidates (ties by id), and only those pairs are scored.

Threads ("same event and its direct follow-ups", not "same topic"): average-linkage
agglomerative clustering on the candidate graph, scored on the mean of the text and headline
cosines (two reports of one event lead with the same rare words even when their bodies tell
different parts of it). Pairs that are not candidates
count as similarity 0, so a chain A~B~C does not pull A and C together unless the group as a
whole is similar: the guard against chaining. Two groups separated by a quiet gap (days
between their closest members) must agree more strongly, and the bar rises with the digest's
background similarity, so a digest of one beat does not fuse its topics.

Near-duplicates (the same wire copy republished: a high text cosine and most of the shorter
text's five-word runs found in the other) form groups; an article's own duplicates are listed
as kind "duplicate", and of any other group only its best member is offered, so one wire
story never fills several related slots (a reader who followed one copy has read them all).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from digest_plugin.core.model import Mention
from digest_plugin.core.related_features import fold_plural, salience
from digest_plugin.core.related_links import thread_id_for

if TYPE_CHECKING:
    from digest_plugin.core.related_stats import DigestStats

__all__ = [
    "NameLookup", "RelatedInput", "RelatedLink", "RelatedParams", "RelatedResult", "Thread",
    "compute_related", "fold_plural", "salience", "thread_id_for",
]

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
    """The scoring knobs. Defaults were tuned on news_cluster (bench/eval_related.py); the
    figures quoted per knob are from the digest-IDF weighting they were first chosen with."""

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
    offer_thread_copies: bool = True
    """Offer the further copies of a wire story in the article's own thread (after the thread's
    distinct reports, before links outside it) instead of only the best copy. Without, a report
    whose story ran as one wire copy in several papers had its free slots filled by weak links
    to other stories. news_cluster, measured through real builds (`bench/eval_related.py --mode
    build --split-events`), P@3 on event halves 0 / 1: undated 0.957 / 0.979 without, 0.976 /
    0.988 with; dated 0.978 / 0.974 without, 0.993 / 0.983 with (threads unchanged)."""
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
    thread_similarity_cap: float = 0.2
    """The background bar never exceeds this: in a tiny digest that is mostly one story, the
    mean itself is made of same-story pairs. At 0.25, a 13-article digest of one beat (floods,
    Poland and Germany: the reading tests' fixture, background 0.092) kept four reports of one
    flood, days apart and sharing its places and people, out of any thread. The cap only binds
    where the background passes cap / `thread_background_factor` (0.057): never on news_cluster
    or Reuters, whose figures are unchanged."""
    thread_entity_weight: float = 0.0
    """Entity cosine's weight in the thread score. Shared people and countries say two reports
    are about the same *topic*; whether they report the same *event* is mostly in the words."""
    thread_headline_weight: float = 0.2
    """Weight of the headline cosine in the thread score, which is the weighted mean
    `(text + w * headline) / (1 + w)`: two reports of one event lead with the same rare words
    (a name, a place, "Equifax", "Paddock") even when their bodies tell it differently, while
    two same-topic events share the topic's body words more than their headlines. A mean, not
    a sum, so the score stays on the text cosine's scale and the bar (set by the digest's
    background text cosine) keeps its meaning. Among news_cluster's candidate pairs near the
    bar (undated), the headline cosine tells same-event pairs from the rest almost as well as
    the text cosine (ROC AUC 0.91 / 0.79 on the two event halves, text 0.92 / 0.87), and the
    thread score on the mean better than on text alone (0.95 / 0.88 against 0.92 / 0.87).
    Chosen on event half 0 alone (`--split-events`, direct; undated
    P@3 / purity / completeness 0.961 / 0.956 / 0.945 at 0, 0.951 at 0.1, 0.956 at 0.2, 0.953
    / 0.956 / 0.951 at 0.3, 0.952 / 0.962 / 0.912 at 0.5; dated completeness 0.962 at 0,
    0.967 at 0.1 to 0.3); half 1, not looked at when choosing: undated 0.976 / 1.000 / 0.856 at
    0, 0.979 / 1.000 / 0.876 at 0.2; dated unchanged (0.976 / 1.000 / 0.871). 0.2 is also the
    links' `headline_weight`."""
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
    conflict_weight: float = 0.4
    """How much of a link's score the pair's conflict (specifics.py: the share of each side's
    salient names, places and years the other never mentions) takes away. Outlets pick
    different details of one event, so the conflict is noisy evidence and its weight modest:
    news_cluster undated (direct): P@3 0.962 at 0, 0.968 at 0.3 (with the thread knobs
    below); at 0.6 thread completeness falls to 0.86. With `specifics_prior` 6 (hashed
    columns, frozen statistics): undated P@3 0.969 at 0.3, 0.970 at 0.4 (event halves 0.959 /
    0.977 and 0.961 / 0.977), 0.969 at 0.5; dated 0.972 at 0.3 and 0.4, 0.970 at 0.5."""
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
    specifics_prior: float = 6.0
    """Specifics weight (IDF units) added to each side's total before taking the missing
    share, so one or two unmatched specifics cannot make a full conflict. news_cluster
    (direct, conflict weight 0.3) undated completeness 0.893 / 0.896 / 0.901 / 0.901 at 3 / 4 /
    5 / 6 (event halves at 4: 0.940 / 0.856, at 6: 0.945 / 0.861), P@3 0.968 at 4 and 0.969 at
    6; dated unchanged up to 6 (P@3 0.972, purity 0.974), at 8 dated purity falls to 0.969."""
    candidates: int = 30
    """Neighbours kept per article by the pruned search before exact rescoring."""
    candidate_terms: int = 25
    """Heaviest terms per article kept for the candidate search."""
    candidate_entities: int = 8
    """Heaviest entities per article kept for the candidate search."""
    stats_refresh_share: float = 0.1
    """The digest-wide statistics (word and entity IDF, the thread bar's background) are frozen
    when computed and reused for new articles (related_stats.py) until the articles added,
    edited or removed since reach this share of the digest they were computed on; then all is
    computed afresh. A tenth: a 19,000-article digest that gains 200 a day refreshes every ten
    days or so, and a tenth more articles moves a word's IDF by at most ln(1.1) = 0.1."""


def compute_related(
    items: Sequence[RelatedInput],
    k: int = 5,
    *,
    names: NameLookup = None,
    params: RelatedParams | None = None,
    stats: DigestStats | None = None,
) -> RelatedResult:
    """Related links (at most `k` per article, plus its duplicates) and story threads.

    `names` renders an entity key for reasons (e.g. ISO code "UA" -> "Ukraine"), as a mapping
    or a callable; keys it does not know are shown as they are. Raises ValueError on
    duplicate article ids (naming the id). `stats`: frozen digest-wide statistics to score
    with (related_stats.py); None computes them over `items`. The same as an incremental
    update from nothing (related_state.py); related_cache.py keeps the state between builds.
    """
    from digest_plugin.core.related_state import update

    check_ids(items)
    if not items:
        return RelatedResult({}, {}, {})
    state = update(None, items, k, params or RelatedParams(), name_renderer(names), stats)
    return state.result([item.id for item in items])


def fingerprint(item: RelatedInput) -> str:
    """A hash of every field related stories read of one article: what tells an unchanged
    article from an edited one between builds."""
    fields = [item.id, item.title, item.text, item.date.isoformat(), item.dated, item.source,
              repr(item.people), repr(item.countries)]
    return hashlib.sha1(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def check_ids(items: Sequence[RelatedInput]) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"duplicate article id {item.id!r}: related stories need unique ids")
        seen.add(item.id)


def name_renderer(names: NameLookup) -> Callable[[str], str]:
    if names is None:
        return lambda key: key
    if callable(names):
        return names
    return lambda key: names.get(key, key)
