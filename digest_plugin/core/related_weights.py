"""Word and entity weights for related stories that do not depend on the digest.

A word's weight is an inverse document frequency *estimated from general English*, not counted
in the digest: wordfreq (a maintained library of word frequencies in many sources) gives the
word's share p of running English text, and a report of `report_words` words contains it with
probability 1 - exp(-p * report_words) (words arrive independently at rate p), so

    weight = 1 - ln(1 - exp(-p * report_words))

which, like scikit-learn's smoothed IDF, is about 1 for words in every text and grows with the
log of rarity. A word wordfreq does not know (a rare name, a typo) weighs as one at `floor`.
Because the weight is fixed, an article's vector depends on the article alone: a digest that
gains 200 articles leaves every old vector and every old pair's score as it was, which is what
makes related stories incremental (related_state.py).

An entity (person or country) weighs as its rarest name word: "Ana Lindqvist" far more than
"United States". Countries are keyed by code; their names come from core/countrynames.py.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from digest_plugin.core.countrynames import country_name

REPORT_WORDS = 200.0
"""Words in a typical report, for turning a word's frequency into a document frequency.
On news_cluster (direct, split halves) 100 to 300 were within 0.005 of each other on P@3."""
FLOOR = 1e-9
"""Frequency given to words wordfreq does not list (its English list stops near 1e-8)."""

_WORDS = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    # Imported here: loading the English list takes about half a second, and a build whose
    # related stories are cached (or that adds no article) never needs it.
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", wordlist="large")


def release() -> None:
    """Drop the frequency table (about 40 MB) once a batch of articles is weighed."""
    _frequencies.cache_clear()
    word_frequency.cache_clear()


@lru_cache(maxsize=200_000)
def word_frequency(word: str) -> float:
    """wordfreq's frequency of a lower-case word; a folded singular also counts its plurals
    ("specy" from "species" would otherwise be unknown, so the most frequent form counts)."""
    if any(character.isdigit() for character in word):
        from wordfreq import word_frequency as lookup  # numbers: wordfreq bins them by shape

        return float(lookup(word, "en"))
    table = _frequencies()
    forms = [word, word + "s", word + "es"]
    if word.endswith("y"):
        forms.append(word[:-1] + "ies")
    return max(table.get(form, 0.0) for form in forms)


def weight_of_frequency(frequency: float) -> float:
    rate = max(frequency, FLOOR) * REPORT_WORDS
    return 1.0 - math.log(-math.expm1(-rate))


def word_weight(word: str) -> float:
    """The estimated IDF of a lower-case (folded) word."""
    return weight_of_frequency(word_frequency(word))


def entity_weight(kind: str, name: str) -> float:
    """An entity's rarity: that of the rarest word of its name (a country's name for its code)."""
    label = country_name(name) if kind == "country" else name
    words = [w for w in _WORDS.findall(label.lower()) if len(w) > 1] or [label.lower()]
    return max(word_weight(w) for w in words)
