"""What sets one story's event apart from another on the same topic, and how much two differ.

Two earthquakes on one island, two Oscar hosts named in different years, two shootings: each
pair shares the topic's words, so text similarity alone calls them one story, and only the
date gap kept them apart. What tells them apart without dates is what each story is *about*
and the other never says: the people and places at its centre and its numbers (a magnitude, a
death toll, a year, a score).

An article's *specifics* are

- the proper nouns of its headline and lead (capitalised words that do not open a sentence
  and that the article never writes in lower case; a headline in Title Case says nothing by
  its capitals),
- the years its text names more than once (a ceremony "in 2016", a quake "of 2018"),
- the people it is about (`Mention.is_about`: headline, lead or three mentions), by the words
  of their names, and the countries it is about, by ISO code,

each weighted by its rarity in the digest (IDF), headline specifics twice. A pair's
*conflict* is the share of each side's specifics weight that the other article never
mentions anywhere (a missing word is missing from its whole text, a missing country from all
its countries), averaged over the two sides: two stories that each name what the other does
not (Kimmel in one, Rock in the other) conflict fully, a short report that names a subset of
a longer one's specifics only half as much. (The mean separated news_cluster's same-event
pairs from its same-topic pairs better than the smaller share: ROC AUC 0.65 against 0.63.)
Every step is per article or per pair; the only digest-wide input is the IDF of the words and
countries, frozen between refreshes (related_stats.py).
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np
import scipy.sparse as sp

from digest_plugin.core.model import Mention
from digest_plugin.core.related_graph import rowwise_dot
from digest_plugin.core.stopwords import english_stop_words

# A word (a number's digits are words too, so a year is one).
_TOKEN = re.compile(r"\w+")
# What may stand right before a word that opens a sentence (or a quote, or a list item).
_OPENERS = frozenset(".!?:;\"“”‘'(—–-•|\n")
_TITLE_CASE_SHARE = 0.6
# Days and months are capitalised but name no place or person, and reports of one event
# disagree on them ("on Friday", "late on Thursday"): not specifics.
_CALENDAR = frozenset(
    name.lower()
    for name in (*calendar.day_name, *calendar.day_abbr, *calendar.month_name, *calendar.month_abbr)
    if name
)
# A word written in lower case (found by the regex engine: this runs over every article's text).
_LOWER_CASE_WORD = re.compile(r"\b[a-z]\w*")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# The text vectors' stop words (scikit-learn's English list): a specific must be a word they count.
_STOP_WORDS = english_stop_words()


class SpecificsInput(Protocol):
    title: str
    text: str
    people: list[Mention]
    countries: list[Mention]


def _lead(text: str, words: int) -> str:
    """The first paragraph (or line) of the text, cut to `words` words: where a report says
    who, where and how many."""
    first = text.lstrip().split("\n", 1)[0]
    pieces = first.split()
    return " ".join(pieces[:words])


def _is_title_case(title: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+", title) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= _TITLE_CASE_SHARE


def specific_words(title: str, text: str, lead_words: int) -> list[tuple[str, float]]:
    """(lower-cased word or year, weight) for an article's specifics: the headline's and
    lead's proper nouns (capitalised, not opening a sentence, and never written in lower case
    in the article: "President" is not a name when the text also says "the president"),
    weighing 2 in the headline and 1 in the lead, and the years the text names more than once,
    weighing 1. A Title Case headline gives none (its capitals mark every word).

    Other numbers (tolls, magnitudes, prices) are left out: reports of one event disagree on
    them as a toll rises, and on news_cluster counting the headline's numbers lowered undated
    P@3 (0.969 to 0.966) and purity (0.957 to 0.948 with gold_standard's events added)."""
    lower_case = set(_LOWER_CASE_WORD.findall(text))
    found: dict[str, float] = {}
    title_case = _is_title_case(title)
    for part, weight, capitals_count in ((title, 2.0, not title_case), (_lead(text, lead_words), 1.0, True)):
        if not capitals_count:
            continue
        for match in _TOKEN.finditer(part):
            word = match.group()
            key = word.lower()
            if (
                not word[0].isupper()
                or key in _CALENDAR
                or key in lower_case
                or _opens_sentence(part, match.start())
            ):
                continue
            found[key] = max(found.get(key, 0.0), weight)
    for year, count in Counter(_YEAR.findall(text)).items():
        if count >= 2:
            found[year] = max(found.get(year, 0.0), 1.0)
    return list(found.items())


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in _OPENERS


def central_people_words(people: Sequence[Mention]) -> list[str]:
    """The words of the names of the people an article is about (lower-cased): a report of the
    same event names them in its text, whichever form of the name it prefers."""
    words: list[str] = []
    for mention in people:
        if mention.is_about:
            words.extend(w.lower() for w in _TOKEN.findall(mention.name) if len(w) > 2)
    return words


def specifics_matrix(
    items: Sequence[SpecificsInput], fold: Callable[[str], str], lead_words: int
) -> sp.csr_matrix:
    """Rows: articles; columns: the conflict space (hashed words, then hashed countries, see
    related_features.py); values: the weights above, before rarity (related_features.py
    multiplies them by the digest's IDF). Words the text vectors leave out (stop words,
    one-letter tokens) are left out here too. Each row depends on its own article alone."""
    from digest_plugin.core import related_features as features

    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    for i, item in enumerate(items):
        row: dict[int, float] = {}
        named = [(word.lower(), weight) for word, weight in specific_words(item.title, item.text, lead_words)]
        named += [(word, 1.0) for word in central_people_words(item.people)]
        for word, weight in named:
            if len(word) > 1 and word not in _STOP_WORDS:
                form = fold(word)
                column = features.word_column(form)
                row[column] = max(row.get(column, 0.0), weight)
        for mention in item.countries:
            if mention.is_about:
                column = features.WORD_COLUMNS + features.entity_column("country", mention.name)
                row[column] = max(row.get(column, 0.0), 2.0 if mention.in_headline else 1.0)
        ordered = sorted(row)
        rows.extend([i] * len(ordered))
        columns.extend(ordered)
        values.extend(row[c] for c in ordered)
    matrix = sp.csr_matrix(
        (np.array(values, dtype=np.float64), (np.array(rows, dtype=np.int64), np.array(columns, dtype=np.int64))),
        shape=(len(items), features.CONFLICT_COLUMNS),
    )
    matrix.sort_indices()
    return matrix


def conflict(
    specifics: sp.csr_matrix, presence: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray, prior: float
) -> np.ndarray:
    """For each pair (rows[i], cols[i]): the mean of the two sides' shares of specifics
    weight that the other side never mentions (0 = no conflict, 1 = nothing in common).
    `presence` is 1 where an article mentions a column at all. `prior` is a weight added to
    each side's total, so an article with one or two specifics cannot conflict fully."""
    # Per-row totals, each summed over its own row alone: a pair's conflict depends on its
    # two articles only (related stories are incremental, see related_state.py).
    totals = np.asarray(specifics.sum(axis=1), dtype=np.float64).ravel()
    covered_a = rowwise_dot(specifics, rows, cols, right=presence)
    covered_b = rowwise_dot(specifics, cols, rows, right=presence)
    missing_a = (totals[rows] - covered_a) / (totals[rows] + prior)
    missing_b = (totals[cols] - covered_b) / (totals[cols] + prior)
    return np.clip((missing_a + missing_b) / 2.0, 0.0, 1.0)
