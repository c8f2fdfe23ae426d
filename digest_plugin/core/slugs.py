"""URL slugs: lowercase ASCII words joined by hyphens, the one rule every page path follows.

A slug names a file or a folder (`2024/09/15/<slug>.md`, `people/<slug>/`), so it must be a
name every system can hold: the device names Windows reserves (`con`, `aux`, `nul`, `com1`...,
whatever the extension) get a suffix.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_NON_WORD = re.compile(r"[^a-z0-9]+")
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "conin", "conout", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)
RESERVED_SUFFIX = "-page"


def slugify(text: str, max_length: int = 80, fallback: str = "untitled") -> str:
    """"Zelensky’s ‘victory plan’" -> "zelenskys-victory-plan"; cut at a word; never empty, never reserved."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = ascii_text.lower().replace("'", "")
    slug = _NON_WORD.sub("-", ascii_text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    slug = slug or fallback
    return slug + RESERVED_SUFFIX if slug in WINDOWS_RESERVED else slug


def unique_slugs(names: Iterable[str], fallback: str = "untitled") -> dict[str, str]:
    """A slug per name, "-2", "-3" added where two names slugify alike (in sorted order, so the
    same names always get the same slugs)."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(names):
        base = slugify(name, fallback=fallback)
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        slugs[name] = slug
    return slugs
