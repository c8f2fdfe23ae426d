"""The word lists of entity extraction, read from ONE data file (`data/lexicon.json`).

Each list is there once, with a sentence saying what it is for; code asks for a list by name
(`words("honorifics")`) and gets a frozenset of folded words. Keeping them in data makes them
reviewable in one place and keeps the modules about logic, not vocabulary.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

LEXICON_PATH = Path(__file__).resolve().parent / "data" / "lexicon.json"


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, dict]:
    return json.loads(LEXICON_PATH.read_text(encoding="utf-8"))


@cache
def words(name: str) -> frozenset[str]:
    """The list `name` as a frozenset; KeyError names a list the file does not have."""
    return frozenset(_lexicon()[name]["words"])


def section(name: str) -> dict:
    """A structured section of the file (the country tables), as stored."""
    return _lexicon()[name]


def ordered(name: str) -> tuple[str, ...]:
    """The list `name` in the file's order (for lists whose order matters, e.g. patterns)."""
    return tuple(_lexicon()[name]["words"])


NAME_LEANS_PATH = Path(__file__).resolve().parent / "data" / "name_words.json"


@lru_cache(maxsize=1)
def name_leans() -> dict[str, float]:
    """Folded word -> log-odds that labelled news used it inside a person's name rather than
    elsewhere (written by bench/train_person_model.py); empty if the file is missing."""
    try:
        data = json.loads(NAME_LEANS_PATH.read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in data["words"].items()}
    except (OSError, ValueError, KeyError):
        return {}
