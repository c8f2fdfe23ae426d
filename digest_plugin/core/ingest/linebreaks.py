"""Which line breaks of a plain-text body are paragraph breaks, told from the text's layout.

A body without blank lines or paragraph indentation comes in one of two layouts:

- hard-wrapped (wire copy, e-mail): the lines were broken at a common width, so a line that was
  wrapped is "full": the first word of the next line would not have fitted on it. Such a line
  runs on into the next; a short line (a heading, a table row, a credit) keeps its own
  paragraph even when it does not end a sentence.
- one block per line (news-please and other web-article text): every line is a paragraph, a
  caption, a credit, a byline or a heading. Lines are not wrapped at any common width, so a
  line runs on only when the next one plainly continues its sentence (starts in lower case).

The layout is decided per text from the line widths alone, not from word lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# No fixed-width display wraps text wider than this; web paragraphs are mostly far longer.
MAX_WRAP_COLUMNS = 100
# A greedy wrapper leaves a line short of the width by less than the next word; a few columns
# more absorb wrappers that count the line end or break a little early.
WRAP_SLACK_COLUMNS = 3
# At least this share of the lines that could have been wrapped must be full.
MIN_FULL_LINE_SHARE = 0.5

ENDS_SENTENCE = re.compile(r"[.!?:;\"'”’)\]]\s*$")
_STARTS_LOWER = re.compile(r"^\s*[a-z]")


@dataclass(frozen=True)
class Layout:
    """How a body's lines were laid out: `wrap_width` is None for one block per line."""

    wrap_width: int | None

    @property
    def hard_wrapped(self) -> bool:
        return self.wrap_width is not None


def _width(line: str) -> int:
    return len(line.rstrip())


def _first_word_width(line: str) -> int:
    words = line.split(maxsplit=1)
    return len(words[0]) if words else 0


def is_full_line(line: str, next_line: str, width: int) -> bool:
    """The next line's first word would not have fitted on `line` at `width` columns."""
    return _width(line) + 1 + _first_word_width(next_line) > width - WRAP_SLACK_COLUMNS


def detect_layout(lines: list[str]) -> Layout:
    """Hard-wrapped when the longest line fits a display width and at least half of the lines
    that could have been wrapped are full at that width; else one block per line.

    The first line is left out of the count when there are others (a dateline may have been cut
    from its start) and the last line always is (it ends the text, wrapped or not); a two-line
    text within a display width is taken as wrapped, as there is nothing to tell it by.
    """
    if len(lines) < 2:
        return Layout(wrap_width=None)
    width = max(_width(line) for line in lines)
    if width > MAX_WRAP_COLUMNS:
        return Layout(wrap_width=None)
    middle = range(1, len(lines) - 1)
    if middle:
        full = sum(1 for index in middle if is_full_line(lines[index], lines[index + 1], width))
        if full / len(middle) < MIN_FULL_LINE_SHARE:
            return Layout(wrap_width=None)
    return Layout(wrap_width=width)


def runs_on(line: str, next_line: str, layout: Layout, *, first: bool) -> bool:
    """Whether `line` continues into `next_line` within one paragraph."""
    if ENDS_SENTENCE.search(line):
        return False
    if _STARTS_LOWER.match(next_line):
        return True
    if layout.wrap_width is None:
        return False
    # Wire bodies often lose a dateline from the start of their first line, so its width says
    # nothing about whether it was wrapped.
    return first or is_full_line(line, next_line, layout.wrap_width)


def unindented_paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs of a body with neither blank lines nor indentation (see the module doc)."""
    layout = detect_layout(lines)
    paragraphs: list[list[str]] = [[]]
    for index, line in enumerate(lines):
        if index and not runs_on(lines[index - 1], line, layout, first=index == 1):
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
    return [" ".join(paragraph) for paragraph in paragraphs]
