"""From scored pairs and threads to what a reader sees: link lists, reasons, thread records.

Each article's list is a function of its own candidate pairs, their scores, and the thread and
copy group of the article and of each neighbour: ties are broken by id, so a list comes out
the same in a full and in an incremental computation (related_state.py redoes only the lists
whose inputs changed).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from digest_plugin.core.lazy import LazyModule
from digest_plugin.core.related_features import entity_column, entity_saliences, fold_plural, word_column
from digest_plugin.core.stopwords import english_stop_words

if TYPE_CHECKING:
    import numpy as np
    import scipy.sparse as sp

    from digest_plugin.core.related import LinkKind, RelatedInput, RelatedLink, RelatedParams, Thread
else:
    np = LazyModule("numpy")


def thread_id_for(earliest_article_id: str) -> str:
    """A thread's id: derived from its earliest article, so it is stable across builds."""
    return "t-" + hashlib.sha1(earliest_article_id.encode("utf-8")).hexdigest()[:10]


def make_thread(items: Sequence[RelatedInput], days: np.ndarray, rows: list[int]) -> Thread:
    """The record of one thread: reports by date (then id), outlets in order of first report."""
    from digest_plugin.core.related import Thread

    ordered = sorted(rows, key=lambda i: (float(days[i]), items[i].id))
    return Thread(
        id=thread_id_for(items[ordered[0]].id),
        article_ids=[items[i].id for i in ordered],
        sources=list(dict.fromkeys(items[i].source for i in ordered if items[i].source)),
    )


def _join_words(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


class Explainer:
    """Turns a scored pair into the sentence shown under the link."""

    def __init__(self, items: Sequence[RelatedInput], text: sp.csr_matrix, entity: sp.csr_matrix,
                 render: Callable[[str], str], fold_plurals: bool) -> None:
        self.items = items
        self.text = text
        self.entity = entity
        self.render = render
        self.fold_plurals = fold_plurals
        self._labels: dict[int, dict[int, str]] = {}

    def reason(self, a: int, b: int, kind: LinkKind) -> str:
        this, other = self.items[a], self.items[b]
        source = other.source or "another outlet"
        if kind == "duplicate":
            return f"Same report, republished by {source}"
        if kind == "same-story":
            if other.source and other.source == this.source:
                if not (other.dated and this.dated):
                    return f"Same story: another report from {source}"  # which came first is unknown
                when = "Earlier" if other.date < this.date else "Later"
                return f"Same story: {when.lower()} report from {source}"
            return f"Same story, reported by {source}"
        entities = self._shared_entities(a, b)
        if entities:
            return "Also about " + _join_words(entities)
        terms = self._shared_terms(a, b)
        if terms:
            return "Also mentions " + _join_words([f"“{term}”" for term in terms])
        return "Published close in time" if other.dated and this.dated else "Similar in wording"

    def _shared_entities(self, a: int, b: int, limit: int = 2) -> list[str]:
        """The people and countries both articles name, by the weight they add to the pair."""
        mine, theirs = self._entity_values(a), self._entity_values(b)
        shared = sorted((-mine[key] * theirs[key], key) for key in mine.keys() & theirs.keys())
        return [self.render(name) if kind == "country" else name for _, (kind, name) in shared[:limit]]

    def _entity_values(self, a: int) -> dict[tuple[str, str], float]:
        start, end = self.entity.indptr[a], self.entity.indptr[a + 1]
        value_of = dict(zip(self.entity.indices[start:end].tolist(), self.entity.data[start:end].tolist(), strict=True))
        keys = entity_saliences(self.items[a])
        return {key: value_of[column] for key in keys if (column := entity_column(*key)) in value_of}

    def _shared_terms(self, a: int, b: int, limit: int = 3) -> list[str]:
        """The words both texts weigh most, named as this article writes them."""
        start_a, end_a = self.text.indptr[a], self.text.indptr[a + 1]
        start_b, end_b = self.text.indptr[b], self.text.indptr[b + 1]
        columns, in_a, in_b = np.intersect1d(
            self.text.indices[start_a:end_a], self.text.indices[start_b:end_b], return_indices=True
        )
        weight = self.text.data[start_a:end_a][in_a].astype(np.float64) * self.text.data[start_b:end_b][in_b]
        best = columns[np.lexsort((columns, -weight))[:limit]].tolist()
        labels = self._labels_of(a)
        return [labels[column] for column in best if column in labels]

    def _labels_of(self, a: int) -> dict[int, str]:
        """Column -> the shortest of this article's words counted in it (a real word, even
        when the folded form is not one)."""
        if a not in self._labels:
            item = self.items[a]
            labels: dict[int, str] = {}
            for word in set(_TOKEN.findall(f"{item.title}\n{item.text}".lower())) - english_stop_words():
                column = word_column(fold_plural(word) if self.fold_plurals else word)
                if column not in labels or (len(word), word) < (len(labels[column]), labels[column]):
                    labels[column] = word
            self._labels[a] = labels
        return self._labels[a]


def pick_links(
    a: int, neighbours: np.ndarray, scores: np.ndarray, rank: np.ndarray, k: int,
    copy_of: list[str], thread_of: list[str | None], explain: Explainer, params: RelatedParams,
) -> list[RelatedLink]:
    """Article `a`'s links from its candidate pairs (neighbour rows and link scores). Reports
    of its own story thread come first: the thread was built on group-wide agreement, a
    stronger "same event" signal than any one pair's score; then by score, then by id.

    Of another group of copies (one wire story in several papers) only the best member is
    offered, so one story does not fill the list. Except in the article's own thread, with
    `params.offer_thread_copies`: there the further copies come after the thread's distinct
    reports and before any link outside the thread, since another outlet's report of this very
    story serves a reader better than a weaker link to another story."""
    from digest_plugin.core.related import RelatedLink

    own_thread = thread_of[a]
    in_own = np.array([own_thread is not None and thread_of[b] == own_thread for b in neighbours.tolist()], dtype=bool)
    order = np.lexsort((rank[neighbours], -scores, ~in_own))
    links: list[RelatedLink] = []
    offered_groups: set[str] = set()
    copies_later: list[tuple[int, float]] = []  # further copies in the own thread, best first
    duplicates = 0

    def offer(b: int, value: float, kind: LinkKind) -> None:
        links.append(RelatedLink(id=explain.items[b].id, score=round(value, 4), reason=explain.reason(a, b, kind),
                                 kind=kind))

    def room() -> bool:
        return len(links) - duplicates < k

    for position in order.tolist():
        b, value = int(neighbours[position]), float(scores[position])
        if copies_later and not in_own[position]:  # the own thread is done: its further copies now
            for copy, copy_value in copies_later:
                if room():
                    offer(copy, copy_value, "same-story")
            copies_later = []
        if copy_of[b] == copy_of[a]:
            if duplicates < k:
                offer(b, value, "duplicate")
                duplicates += 1
            continue
        if value < params.min_score or not room():
            continue  # too weak, or enough links
        if copy_of[b] in offered_groups:  # another copy of a wire story already offered
            if in_own[position] and params.offer_thread_copies:
                copies_later.append((b, value))
            continue
        offered_groups.add(copy_of[b])
        offer(b, value, "same-story" if bool(in_own[position]) else "related")
    for copy, copy_value in copies_later:
        if room():
            offer(copy, copy_value, "same-story")
    return links
