"""Countries in one parsed article, as ISO 3166-1 alpha-2 codes.

A country is found by dictionary matching over the spaCy `Doc` (names, short forms, demonyms,
capitals and large cities, government metonyms), and each hit is then judged by the entity
spaCy put around it: a hit inside an organisation's name ("Bank of England", "Air France") or a
person's name ("Chad Smith") does not count; a bare city must be tagged as a place (or sit in an
all-caps dateline) because "Sofia" and "Florence" are also first names. Ambiguous names are settled
by context: "Georgia" near Atlanta or a governor is the US state; "Paris, Texas" is in the US;
"Brussels" is Belgium only when the article names Belgium too (else it stands for the EU).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import pycountry

if TYPE_CHECKING:  # spaCy is imported where a pipeline is used, so warm builds never pay for it
    from spacy.tokens import Doc, Span

from digest_plugin.core.entities import countries_data as data
from digest_plugin.core.entities import doc_memo
from digest_plugin.core.entities.lexicon import words

# Match kinds, in the order a table entry is preferred when two tables share a spelling.
NAME, PART, METONYM, DEMONYM, CITY = "name", "part", "metonym", "demonym", "city"

# Words that make "<Word> of <Country>" an institution rather than the country.
ORG_HEADS = words("org_heads")
# Words that, following a country word with a capital, make it an organisation's name.
ORG_TAILS = words("org_tails")
# Words that, written with a capital right after a country word, make it part of the name of
# a place, a sea or an event rather than the country ("Indian Ocean", "Gaza Province", "US
# Open", "Indian Wells", "Vienna Convention").
PLACE_TAILS = words("place_tails")
# Words that, written with a capital right before a country word, make it another place
# ("New Mexico", "Inner Mongolia", "Upper Austria").
PLACE_PREFIXES = words("place_prefixes")
# "<Word> of <Country>" that is a sea or a gulf, not the country ("Gulf of Thailand").
PLACE_OF_HEADS = words("place_of_heads")
# A language, not a country: "English-language", "French-speaking", "ethnic Chinese".
_LANGUAGE_TAILS = ("-language", "-speaking", "-speaker", "-speakers")
# City names that are also common given names or surnames: they need a place tag to count.
NAMELIKE_PLACES = words("namelike_places")
# Cities that news copy mostly uses for the EU institutions seated there ("Brussels warned
# Budapest"): they count for their country only when the article also names that country.
EU_SEATS = {"brussels": frozenset({"belgium", "belgian", "belgians"})}
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_DATELINE = re.compile(r"^[ \t]*([A-Z][A-Z.'\- ]*[A-Z])(?=[ \t]*(?:,|\(|[-–—]|\d{4}-\d\d-\d\d))", re.M)


_PERIODS = re.compile(r"\.")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)  # names and words repeat across a digest; folding is pure
def fold(text: str) -> str:
    """Case-, diacritic- and punctuation-insensitive form used for every comparison."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _PERIODS.sub("", text.lower())
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True)
class Entry:
    code: str
    kind: str
    surface: str  # the table's spelling


# Every spelling of each table key ("US", "U.S."): the matcher needs them all, as tokens differ.
_SPELLINGS: dict[str, set[str]] = {}


@lru_cache(maxsize=1)
def table() -> dict[str, Entry]:
    """Folded spelling -> country entry, built once from pycountry and the hand tables."""
    entries: dict[str, Entry] = {}
    spellings = _SPELLINGS

    def add(code: str, kind: str, surface: str) -> None:
        bare = re.sub(r"^the ", "", surface, flags=re.I)  # "The Hague" is matched as "Hague"
        key = fold(bare)
        if key and key not in entries:
            entries[key] = Entry(code, kind, surface)
        if key and entries[key].code == code:
            spellings.setdefault(key, set()).add(bare)

    for code, names in data.SHORT_NAMES.items():
        for name in names:
            add(code, NAME, name)
    for country in pycountry.countries:
        for attr in ("common_name", "name", "official_name"):
            official = getattr(country, attr, None)
            if official and "," not in official and "(" not in official:
                add(country.alpha_2, NAME, official)
    for kind, source in ((PART, data.PARTS), (METONYM, data.METONYMS), (DEMONYM, data.DEMONYMS), (CITY, data.CITIES)):
        for code, names in source.items():
            for name in names:
                add(code, kind, name)
    return entries


def lookup(text: str) -> Entry | None:
    """The country entry a whole string names ("the UK", "Kyiv", "French"), or None."""
    text = re.sub(r"^(?:the|The|THE)\s+", "", text.strip())
    text = re.sub(r"\s*['’]s?$", "", text)
    return table().get(fold(text))


def normalize_code(value: str) -> str | None:
    """An editor's country value (code or name) as an ISO alpha-2 code, or None if unknown."""
    value = value.strip()
    if len(value) == 2 and value.isalpha() and (
            pycountry.countries.get(alpha_2=value.upper()) is not None or value.upper() == "XK"):
        return value.upper()
    entry = lookup(value)
    return entry.code if entry and entry.kind in (NAME, PART) else None


class CountryFinder:
    """Finds country hits in docs made by one spaCy pipeline (the matcher is built once)."""

    def __init__(self, nlp) -> None:
        from spacy.matcher import PhraseMatcher

        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for key, entry in table().items():
            forms = {form for spelling in _SPELLINGS[key] for form in (spelling, spelling.lower())}
            self.matcher.add(entry.kind, [nlp.make_doc(form) for form in forms])
        self._states = {fold(s) for s in data.US_STATES}

    def find(self, doc: Doc, text: str | None = None) -> list[tuple[str, Span]]:
        """(code, span) for every counted mention of a country in the doc, in text order.

        `text` is the doc's text if the caller has it (spaCy rebuilds `doc.text` from the tokens
        on every access).
        """
        from spacy.tokens import Span
        from spacy.util import filter_spans

        spans = filter_spans([Span(doc, start, end) for _, start, end in self.matcher(doc)])
        covering = {}
        for ent in doc_memo.ents(doc):
            for i in range(ent.start, ent.end):
                covering[i] = ent
        text = doc.text if text is None else text
        datelines = [(m.start(1), m.end(1)) for m in _DATELINE.finditer(text)]
        hits = []
        for span in spans:
            entry = table().get(fold(span.text))
            if entry is None:
                continue
            code = self._judge(doc, text, span, entry, covering.get(span.start), datelines)
            if code:
                hits.append((code, span))
        return hits

    def _judge(self, doc: Doc, doc_text: str, span: Span, entry: Entry, ent: Span | None, datelines) -> str | None:
        text = span.text
        key = fold(text)
        caps = _in_caps_context(doc_text, span, datelines)
        # Case: proper nouns only; an abbreviation ("US", "UK") must be written in capitals.
        if not text[0].isupper():
            return None
        if entry.surface.replace(".", "").isupper() and text.replace(".", "") != entry.surface.replace(".", ""):
            return None
        if ent is not None:
            same = _strip_det(ent).text == text or fold(_strip_det(ent).text) == key
            if ent.label_ == "PERSON":
                if not same or entry.kind not in (CITY, NAME) or key in NAMELIKE_PLACES:
                    return None
                if key in data.AMBIGUOUS_COUNTRY_NAMES:
                    return None
            elif ent.label_ in ("ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW") and not same:
                return None
        if _org_context(doc, span):
            return None
        if entry.kind == CITY:
            labelled_place = ent is not None and ent.label_ in _PLACE_LABELS
            # "a summit in Vilnius", "talks at Doha": the place where something happens, even
            # where the model reads the city as an organisation.
            venue = span.start > 0 and doc[span.start - 1].lower_ in ("in", "at") \
                and (ent is None or ent.label_ != "PERSON")
            if not labelled_place and not caps and not venue \
                    and (key in NAMELIKE_PLACES or ent is None or ent.label_ != "PERSON"):
                return None
            if key in EU_SEATS and not {t.lower_ for t in doc} & EU_SEATS[key]:
                return None
            return self._city_country(doc, span, entry.code)
        if key == "georgia":
            return self._georgia(doc, doc_text)
        if key in data.AMBIGUOUS_COUNTRY_NAMES and (ent is None or ent.label_ not in _PLACE_LABELS) and not caps:
            return None
        return entry.code

    def _city_country(self, doc: Doc, span: Span, code: str) -> str:
        # "Paris, Texas": a city followed by a US state is in the US; by a country, in that country.
        nxt = doc[span.end:span.end + 4]
        if len(nxt) >= 2 and nxt[0].text == ",":
            for length in (2, 1):
                following = doc[span.end + 1:span.end + 1 + length].text
                if fold(following) in self._states:
                    return "US"
                entry = table().get(fold(following))
                if entry and entry.kind in (NAME, PART):
                    return entry.code
        return code

    @staticmethod
    def _georgia(doc: Doc, doc_text: str) -> str:
        words = {t.lower_ for t in doc}
        if words & data.GEORGIA_COUNTRY_CUES:
            return "GE"
        if words & data.US_STATE_CUES or any(s.lower() in doc_text.lower() for s in ("atlanta", "u.s. state")):
            return "US"
        return "GE"


def _strip_det(ent: Span) -> Span:
    start, end = ent.start, ent.end
    if ent[0].lower_ == "the" and end - start > 1:
        start += 1
    while end - start > 1 and ent.doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    return ent.doc[start:end]


def _org_context(doc: Doc, span: Span) -> bool:
    """True where the country word is part of another name: an institution's ("Bank of
    England", "Turkish Airlines"), a place's or a sea's ("New Mexico", "Gulf of Thailand",
    "Indian Ocean"), an event's ("US Open"); or where it names a language ("English-language")
    or an ethnic group ("ethnic Chinese")."""
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].text[0].isupper() \
            and doc[span.start - 2].lower_ in ORG_HEADS | PLACE_OF_HEADS:
        return True
    if span.start >= 1:
        before = doc[span.start - 1]
        if before.lower_ == "ethnic" or (before.lower_ in PLACE_PREFIXES and before.text[0].isupper()
                                         and before.whitespace_ != ""):
            return True
    if span.end < len(doc):
        nxt = doc[span.end]
        if nxt.lower_ in ORG_TAILS | PLACE_TAILS and nxt.text[0].isupper() and not nxt.is_upper:
            return True
        if not span[-1].whitespace_ and nxt.text == "-" and span.end + 1 < len(doc) \
                and f"-{doc[span.end + 1].lower_}" in _LANGUAGE_TAILS:
            return True
        if nxt.lower_ in _LANGUAGE_TAILS:
            return True
    return False


def _in_caps_context(text: str, span: Span, datelines) -> bool:
    """True in an all-caps line (a wire headline) or in a dateline ("WASHINGTON (Reuters) -")."""
    start = span.start_char
    if any(a <= start < b for a, b in datelines):
        return True
    return _caps_line(text, text.rfind("\n", 0, start) + 1)


@lru_cache(maxsize=256)  # the country words of an article often share a line (a paragraph)
def _caps_line(text: str, line_start: int) -> bool:
    """Whether the line of `text` from `line_start` is mostly capitals (four letters in five)."""
    line_end = text.find("\n", line_start)
    letters = "".join(filter(str.isalpha, text[line_start:line_end if line_end != -1 else len(text)]))
    return bool(letters) and sum(map(str.isupper, letters)) / len(letters) > 0.8


def is_place_word(text: str) -> bool:
    """True if a whole string is a country, city, demonym or seat of government ("Kremlin")."""
    return lookup(text) is not None
