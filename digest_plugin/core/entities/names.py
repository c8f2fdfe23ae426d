"""Which part of a person's name is the family name: what a people index sorts and groups by.

English copy writes most names given-name first ("Olaf Scholz" under S), but Chinese, Korean
and Vietnamese names keep the family name first ("Xi Jinping" under X, "Kim Jong-un" under K).
Such a name is recognised by its shape: a common East Asian family name first, then a given
name written as romanised syllables (hyphenated, "Jong-un", "Ching-te", or Pinyin syllables run
together, "Jinping"), so "Lee Anderson" stays under A. Generational suffixes are skipped
("Martin Luther King Jr" under K), and a regnal number keeps a monarch under the name
("Charles III" under C).
"""

from __future__ import annotations

import re

from digest_plugin.core.entities.countries import fold
from digest_plugin.core.entities.lexicon import words

_SUFFIXES = words("name_suffixes")
# One or more Pinyin syllables (initial, then final), the shape of a Mandarin given name.
_PINYIN = re.compile(
    r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|er|ia|ie|iu|ua|uo|ui|ue|a|o|e|i|u|v))+$"
)
_HYPHENATED = re.compile(r"^[A-Z][a-z]+-[a-z]+$")


def family_first(tokens: list[str]) -> bool:
    """True for an East Asian name written family name first ("Xi Jinping", "Moon Jae-in")."""
    if not 2 <= len(tokens) <= 3 or fold(tokens[0]) not in words("family_first_surnames"):
        return False
    given = tokens[1:]
    if len(given) == 1 and _HYPHENATED.match(given[0]):
        return True
    return all(t[:1].isupper() and _PINYIN.match(fold(t)) for t in given)


def family_name(name: str) -> str:
    """The family name of a display name, the key a people index sorts by."""
    tokens = [t for t in name.split() if t]
    while len(tokens) > 1 and fold(tokens[-1]).strip(".,") in _SUFFIXES:
        if len(tokens) == 2:  # "Charles III": a monarch is listed by the name
            return tokens[0]
        tokens = tokens[:-1]
    if not tokens:
        return name
    if family_first(tokens):
        return tokens[0]
    return tokens[-1]


def sort_key(name: str) -> tuple[str, str]:
    """Sort by folded family name, then by the whole name."""
    return fold(family_name(name)), fold(name)
