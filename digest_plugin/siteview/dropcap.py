"""Whether an article's body may open with a drop cap.

CSS's ::first-letter takes the first letter with any punctuation before it, and inside a link
if the paragraph opens with one: "(CNN)" became a large "(C" beside "NN)", and a body opening on
a cross-linked "France" a large "F" beside a linked "rance". So the drop cap is used only where
the first paragraph opens with a plain word of letters that no cross-link will take; elsewhere
it steps aside and the paragraph reads as any other. Decided on the Markdown, before MkDocs
renders it, so the template only sets a class.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Paragraph starts that are not running text: headings, quotes, lists, tables, HTML, links,
# images, emphasis, code fences, numbered lists.
_NOT_PROSE = re.compile(r"^(?:#|>|[-+*]\s|\||<|!?\[|[*_`~]|\d+[.)]\s)")
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def opens_with_plain_word(markdown: str, linked_surfaces: Iterable[str] = ()) -> bool:
    """True when the body's first paragraph starts with a letter, as a plain word that none of
    `linked_surfaces` (the forms cross-links look for) starts at."""
    first = next((line for line in markdown.splitlines() if line.strip()), "")
    if not first or first.startswith(("    ", "\t")):  # indented code
        return False
    text = first.strip()
    if _NOT_PROSE.match(text) or not text[0].isalpha():
        return False
    word = _FIRST_WORD.match(text)
    if word is None:
        return False
    for surface in linked_surfaces:
        surface = surface.strip()
        # A cross-link takes a surface at a word boundary: "France" in "France's", not in "Frances".
        if surface and text.startswith(surface) and not _word_character(text[len(surface):len(surface) + 1]):
            return False
    return True


def _word_character(character: str) -> bool:
    """What the cross-link pattern's \\w boundary counts as part of a word."""
    return bool(character) and (character.isalnum() or character == "_")
