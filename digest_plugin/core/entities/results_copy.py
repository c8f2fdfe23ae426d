"""Whether an article is results copy: tables of scores, rankings, scorecards or standings.

The sports-tables rule pack (`people.SPORTS_TABLES`) reads names from the layout of results
tables. Those rules were tuned on 1996 wire copy; on prose they only find false people. So the
extractor switches the pack on for one article only when its layout says it is results copy:
at least `MIN_LINES` short lines, and at least `MIN_SHARE` of its non-empty lines, shaped like
the rows of a results table (a score line "Benfica 1 Braga 1", a ranked line "2. Colin
Montgomerie 442,201", a scorecard or bowling-figures line, a standings row, golf rounds, a
scorer's minute "Zickler 26th", a line-up "15 - Christian Cullen", or an entrant and a country
in brackets followed by a figure). Prose paragraphs are long single lines and never match.

Measured (README): it fires on 35 of the 231 CoNLL-2003 test documents, on none of the 60
labelled modern articles, on none of the 985 web-corpora articles, and on 1 of the 2,225 BBC
2004-05 articles (a tennis draw).
"""

from __future__ import annotations

import re

from digest_plugin.core.entities import layout
from digest_plugin.core.entities import people as people_mod

MIN_LINES = 4
MIN_SHARE = 0.3
# A row of a table is short; a paragraph of prose is not.
_MAX_ROW = 100
_NUMBER = re.compile(r"(?<![\w.])[+-]?\d[\d,.:/-]*(?!\w)")
# "Jesper Ronnback ( Sweden ) 25.76", "Ana Lopez (Spain) 6-3": an entrant, a country, a figure.
_ENTRANT = re.compile(r"[A-Z][\w'’-]+[ \t]*\([ \t]*[A-Z][\w. ]+\)[ \t]+[+-]?\d")
_ROW_HINTS = (layout._SCORER_HINT, layout._LINEUP_HINT, layout._BOWLING_HINT, layout._GOLF_HINT, _ENTRANT)


def is_results_copy(text: str) -> bool:
    """True when enough of the text's lines are rows of a results table."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    rows = sum(_table_row(line) for line in lines)
    return rows >= MIN_LINES and rows >= MIN_SHARE * len(lines)


def _table_row(line: str) -> bool:
    if len(line) > _MAX_ROW or not _NUMBER.search(line):
        return False
    if any(p.match(line) for p in (people_mod.SCORE_LINE, people_mod.SCORECARD_BOWL, people_mod.SCORECARD_BAT,
                                   layout.STANDINGS_ROW)):
        return True
    ranked = people_mod.RANKED_LINE.match(line)
    if ranked and any(people_mod.RANKED_ENTRY.match(part.strip()) for part in ranked.group("list").split(",")):
        return True
    return any(hint.search(line) for hint in _ROW_HINTS)
