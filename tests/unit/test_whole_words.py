"""find_whole finds what the whole-word alternation pattern it replaces finds."""

import random

import pytest

from digest_plugin.core.whole_words import find_whole, pattern_of


def _by_pattern(text: str, forms: set[str], lo: int, hi: int) -> list[tuple[int, int]]:
    return [match.span() for match in pattern_of(forms).finditer(text, lo, hi)]


@pytest.mark.parametrize(("text", "forms", "expected"), [
    # The longest form written at a place wins; a form inside a longer word is not a match.
    ("Ann Lee met Lee-Smith and Leeds; Ann Lee left.", {"Lee", "Ann Lee"}, [(0, 7), (33, 40)]),
    # Matches do not overlap: the search goes on after each.
    ("Ann Ann Ann", {"Ann Ann"}, [(0, 7)]),
    ("Mr Xi said", {"Xi"}, [(3, 5)]),
])
def test_examples(text, forms, expected):
    assert find_whole(text, forms) == expected == _by_pattern(text, forms, 0, len(text))


def test_bounds_like_the_pattern():
    # The word before `lo` still joins (lookbehind reads the whole text); `hi` ends the text.
    text = "xAnn Ann Annx"
    assert find_whole(text, {"Ann"}, 1, 4) == [] == _by_pattern(text, {"Ann"}, 1, 4)
    assert find_whole(text, {"Ann"}, 9, 12) == [(9, 12)] == _by_pattern(text, {"Ann"}, 9, 12)


def test_random_texts_agree_with_the_pattern():
    rng = random.Random(7)
    pieces = ["a", "b", "A", "-", " ", "é", "_", "1", "\n", "ab", "Ab", "a-b"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 24)))
        forms = {"".join(rng.choice(pieces[:9]) for _ in range(rng.randint(0, 3))) for _ in range(rng.randint(1, 4))}
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        assert find_whole(text, forms, lo, hi) == _by_pattern(text, forms, lo, hi), (text, forms, lo, hi)
