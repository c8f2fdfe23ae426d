"""English stop words (scikit-learn's list), loaded without importing scikit-learn.

Thread titles are chosen on every build, warm ones included, and they skip stop words. Importing
`sklearn.feature_extraction` for its list imports scikit-learn's package, which loads
`scipy.stats`: 1.5 to 2.7 s of a warm build that otherwise never touches scikit-learn. The list
is one frozenset in one plain module of the installed scikit-learn, so that module is run on its
own; where the file is not found (another layout of a future release) the package is imported.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path


@functools.cache
def english_stop_words() -> frozenset[str]:
    """scikit-learn's ENGLISH_STOP_WORDS (318 words)."""
    package = importlib.util.find_spec("sklearn")  # finds the package without running it
    locations = list(package.submodule_search_locations or []) if package is not None else []
    for location in locations:
        path = Path(location) / "feature_extraction" / "_stop_words.py"
        spec = importlib.util.spec_from_file_location("_digest_english_stop_words", path)
        if path.is_file() and spec is not None and spec.loader is not None:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            words = getattr(module, "ENGLISH_STOP_WORDS", None)
            if isinstance(words, frozenset) and words:
                return words
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)
