"""Where a text writes any of a few literal forms as whole words: the search salience and
quotation speakers run for every name of every article.

It finds what `re.finditer(r"(?<![\\w-])(?:form1|form2|...)(?![\\w-])", text, lo, hi)` finds
with the forms longest first, without compiling a pattern per name: compiling costs far more
than the few `str.find` calls a name needs, and thousands of one-off patterns also push the
module's own compiled patterns out of the `re` cache.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A character that joins a form to a longer word: a word character or a hyphen.
_JOINING = re.compile(r"[\w-]")


def find_whole(text: str, forms: Iterable[str], lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each whole-word occurrence of a form in text[lo:hi], in text order and
    not overlapping: at each place the longest form written there, the search going on after it
    (the matches of the pattern above). As with the pattern's `endpos`, the text ends at `hi`
    for the test after a form; the test before one reads the text before `lo`."""
    hi = len(text) if hi is None else hi
    forms = set(forms)
    if "" in forms:  # an empty form matches between words: the pattern itself says where
        return [match.span() for match in pattern_of(forms).finditer(text, lo, hi)]
    hits: list[tuple[int, int]] = []
    for form in forms:
        size = len(form)
        at = text.find(form, lo, hi)
        while at != -1:
            end = at + size
            if (at == 0 or not _JOINING.match(text, at - 1)) and (end >= hi or not _JOINING.match(text, end)):
                hits.append((at, -size))
            at = text.find(form, at + 1, hi)
    hits.sort()
    found: list[tuple[int, int]] = []
    position = lo
    for at, negative_size in hits:
        if at >= position:
            position = at - negative_size
            found.append((at, position))
    return found


def pattern_of(forms: Iterable[str]) -> re.Pattern[str]:
    """The pattern `find_whole` stands for."""
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])")
