"""Whether an article reads as English, the only language the named-entity model knows.

The English model run on German, Portuguese or Italian copy reads capitalised nouns and
phrases as people ("Bereich Healthcare", "Kommen Sie", "la Audiencia de Palma"). An article
reads as another language when more of its words are that language's function words than
English ones, at least `_OTHER_SHARE` of them are, and they are `_MIN_KINDS` different words or more
(spaCy's stop word lists, so no word list of our own): tables, lists and captions, with few
function words of any language, stay English, and so do earnings tables whose "Net" and "Rev"
happen to be Dutch words.
"""

from __future__ import annotations

import re
from functools import lru_cache

# The languages with Latin script most often met in web news besides English.
_OTHERS = ("de", "es", "fr", "it", "nl", "pt")
_OTHER_SHARE = 0.15
_MIN_WORDS = 30
_MIN_KINDS = 8
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _stop_words() -> dict[str, frozenset[str]]:
    """spaCy's stop word lists, each module run from its file: importing it by name would run
    its language package first, whose tokenizer exceptions (French: 1.7 s) we do not need."""
    import importlib.util
    from pathlib import Path

    package = importlib.util.find_spec("spacy")  # where spaCy is, without importing it
    if package is None or not package.submodule_search_locations:
        raise ImportError("spaCy is not installed")
    found = {}
    for lang in ("en", *_OTHERS):
        path = Path(package.submodule_search_locations[0]) / "lang" / lang / "stop_words.py"
        spec = importlib.util.spec_from_file_location(f"_digest_stop_words_{lang}", path)
        if spec is None or spec.loader is None:
            raise ImportError(f"spaCy's stop words for '{lang}' are missing: {path}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        found[lang] = frozenset(module.STOP_WORDS)
    return found


def other_language(text: str) -> str | None:
    """The code of the language `text` reads as if not English ("de", "pt", ...), else None."""
    words = _WORD.findall(text.lower())
    if len(words) < _MIN_WORDS:
        return None
    stops = _stop_words()
    english = sum(1 for w in words if w in stops["en"])
    best, count = max(((lang, sum(1 for w in words if w in stops[lang])) for lang in _OTHERS), key=lambda p: p[1])
    if count <= english or count < _OTHER_SHARE * len(words):
        return None
    return best if len({w for w in words if w in stops[best]}) >= _MIN_KINDS else None
