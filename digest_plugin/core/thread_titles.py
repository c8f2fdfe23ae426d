"""What a story thread is called: its most representative headline, and a slug of it.

A thread's reports tell one event in several outlets' words. The title is the headline closest
to all of them: each headline is a set of content words (lower case, English stop words of
scikit-learn dropped, an outlet's own name trailing the headline removed: "... - BBC News"),
and it scores the number of other headlines sharing each of its words, divided by the square
root of its number of words (the cosine with the thread's word counts, leaving itself out). The
oldest report wins a tie. Linear in the number of headline words; nothing here knows MkDocs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from digest_plugin.core.slugs import slugify
from digest_plugin.core.stopwords import english_stop_words

SLUG_LENGTH = 60
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# " - BBC News", " | Reuters", " — The Guardian" at the end of a headline.
_TRAILER = re.compile(r"\s+[-|–—·:]\s+([^-|–—·:]{2,60})$")


def clean_headline(title: str, source: str = "") -> str:
    """The headline without its outlet's name trailing it ("Floods in Spain | Reuters")."""
    title = " ".join(title.split())
    match = _TRAILER.search(title)
    if match and source and match.group(1).strip().casefold() == source.strip().casefold():
        return title[: match.start()]
    return title


def _words(title: str) -> set[str]:
    return {w for w in (m.group(0).casefold() for m in _WORD.finditer(title))
            if len(w) > 1 and w not in english_stop_words()}


def representative(headlines: Sequence[str]) -> int:
    """The index of the headline closest to all the others (oldest first: ties go to the first)."""
    words = [_words(headline) for headline in headlines]
    shared: Counter[str] = Counter()
    for found in words:
        shared.update(found)
    best, best_score = 0, -1.0
    for index, found in enumerate(words):
        score = sum(shared[w] - 1 for w in found) / math.sqrt(len(found)) if found else 0.0
        if score > best_score + 1e-12:
            best, best_score = index, score
    return best


def thread_title(reports: Sequence[tuple[str, str]]) -> str:
    """The title of a thread from its (headline, outlet) pairs, oldest first."""
    headlines = [clean_headline(title, source) for title, source in reports]
    return headlines[representative(headlines)] if headlines else ""


def thread_slug(title: str) -> str:
    """The readable part of a thread's URL, beside its stable id."""
    words = slugify(title, max_length=SLUG_LENGTH, fallback="story").split("-")
    while len(words) > 1 and words[-1] in english_stop_words():  # "...-to-show-russia-is" ends at "russia"
        words.pop()
    return "-".join(words)
