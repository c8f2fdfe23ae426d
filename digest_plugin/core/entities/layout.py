"""People and teams that the layout of sports and results copy gives away, found on the raw text.

The small spaCy model misses most names in tables and lists, where there is no sentence to read.
These patterns find them by their shape instead, each as a character range of the article text:

- goal scorers: a name then the minute as an ordinal, "Zickler 26th", "Cosmin Contra ( 31st )";
- numbered line-ups: "15 - Christian Cullen , 14 - Jeff Wilson";
- an entrant and a country in brackets: "Mariaan de Swardt ( South Africa ) beat ...";
- golf rounds: "Jeff Hawksworth 67 68", "+6 Scott McCarron 76 70";
- bowling figures and brackets of names with figures: "Vass 7-0-29-0", "( J. Crawley 106 , ... )";
- a role noun before a full name: "Trainer Berti Vogts", "dissident Wang Donghai";
- prose: "Cedric Pioline of France", "Austrian Judith Wiesner";
- lists: the other items of a list with at least two known people (`list_names`).

Teams are the other half: the rows of a league table ("Lech Poznan 6 4 2 0 13 5 14") and the
sides of a fixture ("Surrey v Kent") name teams, and a name that is a team anywhere in the
article is a team everywhere in it; likewise a name the article gives a company ("Magna
International Inc") is a company everywhere (`company_names`).
"""

from __future__ import annotations

import re

from digest_plugin.core.entities.countries import DEMONYM, NAME, PART, fold, lookup
from digest_plugin.core.entities.lexicon import words

# A word of a name: a capital, then letters with at least one lowercase (not a code like "PSV"),
# apostrophes and hyphens inside ("O'Neill", "Torrens-Valero", "MaliVai").
_WORD = r"[A-Z][A-Za-z'’-]*[a-z][A-Za-z'’-]*"
_PARTICLE = r"(?:de|da|di|del|della|dos|das|du|van|von|der|den|la|le|ter|bin|ibn|al|el)"
# One to four words, lowercase particles allowed inside ("Mariaan de Swardt", "Danie van Schalkwyk").
_NAME = rf"(?:{_PARTICLE}[ \t]+)?{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}{_WORD}){{0,3}}"
# Where an entry of a list or table starts: a line start, a bracket, a comma, a colon, a dash.
_ENTRY_START = r"(?:^|[(),;:]|[ \t]-)[ \t]*"

# "Zickler 26th", "Cosmin Contra ( 31st )", "Zorc 59th-pen".
SCORER = re.compile(rf"{_ENTRY_START}(?P<name>{_NAME})[ \t]+(?:\([ \t]*)?\d{{1,3}}(?:st|nd|rd|th)\b", re.M)
# Bowling figures: "Vass 7-0-29-0", "de Silva 4-0-25-0" (overs, maidens, runs, wickets).
BOWLING = re.compile(rf"{_ENTRY_START}(?P<name>{_NAME})[ \t]+\d+(?:\.\d)?-\d+-\d+-\d+\b", re.M)
# A bracket of names with figures: "( J. Crawley 106 , G. Thorpe 54 ; Waqar Younis 4-95 )",
# "( Jeffrey 7 , Roest 33 )" (runs, wickets or minutes per person).
_BRACKET_GROUP = re.compile(r"\((?P<body>[^()\n]*)\)")
_FIGURE_ITEM = re.compile(
    rf"[ \t]*(?P<name>(?:[A-Z]\.[ \t]?)?{_NAME})[ \t]+\d+(?:-\d+)?(?:[ \t]+not[ \t]+out)?[ \t]*$"
)
# "15 - Christian Cullen ,", "( 12 - Alfonso Rios 78th )".
LINEUP = re.compile(rf"{_ENTRY_START}\d{{1,2}}[ \t]+-[ \t]+(?P<name>{_NAME})(?=[ \t]*(?:[,;().]|\d|$))", re.M)
# "Mariaan de Swardt ( South Africa )": a country in brackets, then the name just before it.
_BRACKET = re.compile(r"[ \t]+\([ \t]*(?P<country>[A-Z][^()\n\d]{1,30}?)[ \t]*\)")
# Golf: a name (and country) then two to four round scores, "Paul Eales 75 71".
GOLF = re.compile(
    rf"{_ENTRY_START}(?:[+-]?\d{{1,2}}[ \t]+)?(?P<name>{_NAME})(?:[ \t]+\([^()\n\d]+\))?"
    rf"(?:[ \t]+[6-8]\d){{2,4}}(?=[ \t]*(?:,|$))",
    re.M,
)
# Prose: "Cedric Pioline of France": "of" and a country, then the name just before it.
_OF = re.compile(r"[ \t]+of[ \t]+(?P<country>[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)?)")
# The name that ends a stretch of text (searched in a short window before an anchor).
_NAME_AT_END = re.compile(rf"(?<![\w'’.-])(?P<name>{_NAME})$")
# Prose: "Austrian Judith Wiesner" (then checked: the first word is a demonym).
DEMONYM_NAME = re.compile(rf"\b(?P<demonym>[A-Z][a-z]+)[ \t]+(?P<name>{_NAME})(?![ \t]+[A-Z]|[\w'’-])")

# Nouns for what a person is or does that often stand right before a full name.
PERSON_NOUNS = words("person_nouns")
# Prose: "Trainer Berti Vogts", "incumbent Lennart Meri", "dissident Wang Donghai".
ROLE_NAME = re.compile(rf"\b(?P<role>[A-Za-z]+)[ \t]+(?P<name>{_NAME})(?![ \t]+[A-Z]|[\w'’-])")
_SCORER_HINT = re.compile(r"\d(?:st|nd|rd|th)\b")
_LINEUP_HINT = re.compile(r"\d[ \t]+-[ \t]+[A-Z]")
_BOWLING_HINT = re.compile(r"\d-\d+-\d+-\d")
_GOLF_HINT = re.compile(r"[6-8]\d[ \t]+[6-8]\d")
# A league table row: a name then six or more whole numbers ("Lech Poznan 6 4 2 0 13 5 14").
# Averages tables of individual players carry decimals, so they do not match.
STANDINGS_ROW = re.compile(
    r"^[ \t]*(?:[A-Za-z]{1,3}-)?(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})(?:[ \t]+\d+){6,}[ \t]*$", re.M
)
# A fixture: "Surrey v Kent", "x-PAO v Legia Warsaw ( Poland )".
_SIDE = r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}"
FIXTURE = re.compile(
    rf"(?:^|(?<=[ \t-]))(?P<a>{_SIDE})(?:[ \t]+\([^()\n]*\))?[ \t]+(?:v|vs\.?)[ \t]+(?P<b>{_SIDE})", re.M
)

# Words that look like names in these layouts but are calendar words or table labels.
_NOT_NAMES = words("layout_not_names")


def layout_names(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character ranges of names found by layout: (in tables and lists, in prose), in text order.

    Names from prose patterns are weaker evidence (a company can follow a demonym), so the
    caller also checks them against the model's own entities.
    """
    tables: list[tuple[int, int]] = []
    for pattern, hint in ((SCORER, _SCORER_HINT), (LINEUP, _LINEUP_HINT), (GOLF, _GOLF_HINT), (BOWLING, _BOWLING_HINT)):
        # Most articles have no table at all: a cheap search for the figures first.
        if hint.search(text):
            tables.extend(match.span("name") for match in pattern.finditer(text))
    for group in _BRACKET_GROUP.finditer(text) if "(" in text else ():
        parts = re.split(r"[,;]", group.group("body"))
        matches = [(_FIGURE_ITEM.match(part), offset) for part, offset in zip(parts, _offsets(parts), strict=False)]
        named = [(m, offset) for m, offset in matches if m is not None]
        if len(named) >= 2 and 2 * len(named) >= len(parts):
            base = group.start("body")
            tables.extend((base + offset + m.start("name"), base + offset + m.end("name")) for m, offset in named)
    for anchor in _BRACKET.finditer(text):
        entry = lookup(anchor.group("country"))
        match = _name_before(text, anchor.start()) if entry is not None and entry.kind in (NAME, PART) else None
        # Two words at least: a single word before a country is as often a club ("Brann ( Norway )").
        if match is not None and len(match.group("name").split()) >= 2:
            tables.append(match.span("name"))
    found: list[tuple[int, int]] = []
    for anchor in _OF.finditer(text):
        entry = lookup(anchor.group("country"))
        match = _name_before(text, anchor.start()) if entry is not None and entry.kind in (NAME, PART) else None
        if match is not None and len(match.group("name").split()) >= 2:
            found.append(match.span("name"))
    # A role noun before a full name is evidence enough, whatever label the model gave the
    # words ("Spokesman Glyn Davies" as an organisation).
    for match in ROLE_NAME.finditer(text):
        if fold(match.group("role")) in PERSON_NOUNS and len(match.group("name").split()) >= 2:
            tables.append(match.span("name"))
    for match in DEMONYM_NAME.finditer(text):
        entry = lookup(match.group("demonym"))
        if entry is not None and entry.kind == DEMONYM and len(match.group("name").split()) >= 2:
            found.append(match.span("name"))
    return _keep(text, tables), _keep(text, found)


def _keep(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return sorted({span for span in spans if _plausible(text[span[0]:span[1]])})


def team_names(text: str, people: set[str]) -> set[str]:
    """Folded names the article uses as teams: league table rows and the sides of fixtures.

    `people` are the folded names already found as people: when most fixture sides are among
    them, the fixtures are matches between players ("Alex Corretja ( Spain ) vs. Byron Black"),
    and their sides are not teams.
    """
    teams = {fold(match.group("name")) for match in STANDINGS_ROW.finditer(text)}
    sides = {fold(match.group(side)) for match in FIXTURE.finditer(text) for side in ("a", "b")}
    if 2 * len(sides & people) < len(sides):
        teams |= sides
    return teams


# A company: capitalised words then a corporate suffix ("Magna International Inc", "Gold Fields Ltd").
COMPANY = re.compile(
    r"(?<![\w.'’-])(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}?)[ \t]+"
    r"(?:Inc|Corp|Corporation|Co|Ltd|Plc|PLC|AG|SA|NV|BV|GmbH|SpA|Holdings|International|Bros|Oy|AB|ASA)\b"
)


def company_names(text: str) -> set[str]:
    """Folded names the article gives to companies, and each one's first word(s) ("magna")."""
    names: set[str] = set()
    for match in COMPANY.finditer(text):
        words = fold(match.group("name")).split()
        names.update(" ".join(words[:i]) for i in range(1, len(words) + 1))
    return names


def _offsets(parts: list[str]) -> list[int]:
    """Start of each part of a string split on one-character separators."""
    offsets, pos = [], 0
    for part in parts:
        offsets.append(pos)
        pos += len(part) + 1
    return offsets


def _name_before(text: str, end: int) -> re.Match[str] | None:
    """The name ending at `end`, with offsets of the whole text (None if no name ends there)."""
    start = max(0, end - 80)
    return _NAME_AT_END.search(text, start, end)


def is_team(name: str, teams: set[str]) -> bool:
    """A name is a team's if it is one, or ends one ("Tirol Innsbruck" of "FC Tirol Innsbruck")."""
    folded = fold(name)
    return folded in teams or any(team.endswith(" " + folded) for team in teams)


def _plausible(name: str) -> bool:
    words = name.split()
    return not any(fold(w) in _NOT_NAMES for w in words) and lookup(name) is None


# A list item that can be a name: the name, then maybe a bracket and figures ("Ian Healy ( captain )",
# "Justin Leonard 69").
_LIST_ITEM = re.compile(rf"[ \t]*(?P<name>{_NAME})(?:[ \t]*\([^()\n]*\))?(?:[ \t]+[\d.:/-]+)*[ \t]*\.?[ \t]*$")
_LIST_SEPARATOR = re.compile(r"[,;:()/]|[ \t]-[ \t]|[ \t]and[ \t]")


def list_names(text: str, known: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names in the same comma-separated list as at least two names already found.

    A team sheet or a results line lists people of one kind ("Mario Basler , Marco Bode ,
    Dieter Eilts"); when two of its items are already known people, the other items shaped like
    names (two words or more) are people too.
    """
    found: list[tuple[int, int]] = []
    known_starts = {start for start, _ in known}
    # A list broken over lines after a comma is still one list (same length: offsets hold).
    joined = re.sub(r",[ \t]*\n", lambda m: m.group(0).replace("\n", " "), text)
    for line in re.finditer(r"[^\n]+", joined):
        if "," not in line.group(0) and ";" not in line.group(0):
            continue
        items = []
        pos = line.start()
        for part in _LIST_SEPARATOR.split(line.group(0)):
            match = _LIST_ITEM.match(part)
            start = pos
            pos += len(part)
            # Re-synchronise on the separator that split() dropped.
            sep = _LIST_SEPARATOR.match(text, pos)
            # An item before a colon, or opening the line before a dash, is the list's heading
            # ("Bowling :", "Goalkeepers - Oliver Kahn , ...").
            heading = sep is not None and (
                sep.group(0) == ":" or (start == line.start() and sep.group(0).strip() == "-"))
            if match is not None and not heading:
                items.append((start + match.start("name"), start + match.end("name")))
            if sep is not None:
                pos = sep.end()
        hits = [item for item in items if item[0] in known_starts]
        if len(hits) < 2:
            continue
        # One-word items ("Given , Breen , Staunton") only in a list that is mostly known people.
        min_words = 1 if len(hits) >= 3 and 2 * len(hits) >= len(items) else 2
        for start, end in items:
            if start not in known_starts and len(text[start:end].split()) >= min_words and _plausible(text[start:end]):
                found.append((start, end))
    return found
