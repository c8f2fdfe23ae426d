"""People in one parsed article: cleaning spaCy's PERSON spans into names, roles and groups.

Flow: `candidates(doc)` turns each PERSON entity into a `Candidate` (cut at paragraph breaks,
possessive and titles stripped, the role the text gives recorded, places/organisations/junk
rejected: picture credits, doubled words, Title Case heading lines), adds the names
the layout of results copy gives away (`layout`), and drops what the article shows to be a team,
a company or a common word; then
`group(candidates)` merges surname-only and partial mentions ("Macron", "Vladimir V. Putin") into
the fullest name the article uses. An all-caps mention (a wire headline) survives only by
merging into a name the body writes normally, since spaCy cannot be trusted on capitals.

The few part-of-speech tags the cleaning reads go through `_tagged`; `likely_tag_reads` guesses
them before the cleaning runs, so the extractor can tag them for a batch of docs at once.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only annotations: warm builds run no NER and should not import spaCy
    from spacy.tokens import Doc, Span, Token

from digest_plugin.core.entities import doc_memo, layout
from digest_plugin.core.entities.countries import NAMELIKE_PLACES, fold, lookup
from digest_plugin.core.entities.countries_data import US_STATES
from digest_plugin.core.entities.lexicon import name_leans, ordered, words
from digest_plugin.core.entities.names import family_first

HONORIFICS = words("honorifics")
# Words that can end a role ("Kremlin spokesman", "Italian Deputy Prime Minister").
_ROLE_END = words("role_heads")
# Every word a role is made of: the ends above, the words that only qualify one ("Former",
# "Deputy", "Foreign"), and honorifics.
ROLE_HEADS = _ROLE_END | HONORIFICS | words("role_qualifiers")
# A token with one of these words is an organisation or a thing, never part of a person's name.
NOT_NAME_WORDS = words("not_name_words")
# Agencies that are also surnames ("Paul Getty"): not a person when, alone as a one-word "name",
# they end a line, as a credit ends a caption ("... outside Downing Street Getty").
CREDIT_AGENCIES = words("credit_agencies")
NOT_PEOPLE = words("not_people")
PARTICLES = words("particles")
# Articles that open an organisation's name in other languages ("Les Républicains", "Los Lobos"),
# never a person's; "Le", "La" and "El" are left out as they open surnames too ("Le Pen").
FOREIGN_ARTICLES = words("foreign_articles")
# Nouns that, right after a one-word name, show the name labels a thing ("Patriot missiles",
# "Georgian Dream party"): people are not followed by these.
THING_HEADS = words("thing_heads")
_FUNCTION_WORDS = words("function_words")
# Verb tags: a capitalised verb opening a sentence ("Meeting Modi on Monday, ...") is not a name.
_VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})

# Key in `Doc.user_data` of an object whose `ensure(i)` adds the part-of-speech tags of token i
# to a doc parsed without them. Tagging a whole doc costs about as much as NER and only a few
# decisions read a tag, so the extractor parses with NER alone and tags short windows: those
# around the tokens `likely_tag_reads` guesses for a batch of docs at once, others on demand.
# Every read goes through `_tagged`; a new read needs its test mirrored in `likely_tag_reads`
# (tests/unit/test_entities_extract.py checks that the fixtures need no tagging on demand).
TAGGER_KEY = "digest_lazy_tags"


@lru_cache(maxsize=8)
def lowercase_words(text: str) -> frozenset[str]:
    """Every word the text writes in lowercase (not touching a hyphen): one scan per article
    for the many "does the article also write this word in lowercase?" questions."""
    return frozenset(re.findall(r"(?<![\w-])([^\W\d_A-Z]\w*)(?![\w-])", text))


def written_lowercase(word: str, text: str) -> bool:
    return word.lower() in lowercase_words(text) if word.lower().islower() else False


def _tagged(doc: Doc, i: int) -> Token:
    """Token i of the doc, with its tags (`tag_`, `pos_`) added first if the parse deferred them."""
    lazy = doc.user_data.get(TAGGER_KEY)
    if lazy is not None:
        lazy.ensure(i)
    return doc[i]


# The word before a team in results: "Surrey v Kent", "beat Kent".
_VERSUS = words("versus_words")
# A results line of team sports: "Benfica 1 Braga 1", "In Tirana : Flamurtari ( Albania ) 0 Valletta
# ( Malta ) 2". Both sides are teams; individual results carry times, sets or several scores.
_SIDE = r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*)*(?:[ \t]*\([^()\n\d]*\))?"
SCORE_LINE = re.compile(
    rf"^[ \t]*(?:In [^:\n]+:[ \t]*)?(?P<a>{_SIDE})[ \t]+\d{{1,3}}[ \t]+(?P<b>{_SIDE})"
    r"(?:[ \t]+\d{1,3}(?=[ \t(]|$)|[ \t]*$)",
    re.M,
)
# A ranked or scored results list: "64 Bob Estes", "2. Colin Montgomerie 442,201",
# "287 Ian Woosnam 70 76 71 70", "65 Billy Andrade , Duffy Waldorf , Jesper Parnevik ( Sweden )".
RANKED_LINE = re.compile(r"^[ \t]*\d+\.?[ \t]+(?P<list>[A-Z].*)$", re.M)
RANKED_ENTRY = re.compile(
    r"^(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){1,2})(?:[ \t]*\([^()]*\))?"
    r"(?:[ \t]+[\d][\d,.:-]*){0,5}(?:[ \t]+[a-z ]+)?[ \t]*$"
)
# A cricket scorecard: "Inzamam-ul-Haq c Stewart b Croft 12", "Saqlain Mushtaq not out 4",
# bowling figures "Wasim Akram 10-1-45-2". Batsman, fielder and bowler are all people.
_CARD_NAME = r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2}"
SCORECARD_BAT = re.compile(rf"^[ \t]*(?P<name>{_CARD_NAME})[ \t]+(?=(?:c|b|lbw|st|run out|not out|retired)\b)", re.M)
SCORECARD_HAND = re.compile(rf"(?<=[ \t])(?:c|b|st)[ \t]+(?P<name>{_CARD_NAME})(?=[ \t]+(?:b[ \t]|\d)|[ \t]*$)", re.M)
SCORECARD_BOWL = re.compile(rf"^[ \t]*(?P<name>{_CARD_NAME})[ \t]+\d+(?:\.\d)?-\d+-\d+-\d+", re.M)
_POSSESSIVE = ("'s", "’s", "'", "’")
_INITIAL = re.compile(r"^[A-Z]\.?$")
# An initial in a key: "V.", "v." or a bare capital "V" (but not the Spanish particle "y").
_KEY_INITIAL = re.compile(r"^(?:[A-Za-z]\.|[A-Z])$")
# Credit lines that name the writers, not people in the story: a line of its own, or a
# sentence inside a paragraph (scraped pages often run the whole story into one paragraph).
CREDIT_LINE = re.compile(
    r"^[ \t]*(?:(?:Additional |Previous )?(?:Reporting|Writing|Editing|Compiled|Written|Reported) by\b.*"
    r"|By [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}[ \t]*$)",
    re.I | re.M,
)
# "CNN's A, B and C contributed reporting.", "Previous reporting contributed by ...",
# "X contributed to this report", "Additional reporting by X in Kinshasa".
# A character of a sentence: anything but an end mark, or the period of an initial ("Paul P. Murphy").
_IN_SENTENCE = r"(?:[^.!?\n]|(?<=\b[A-Z])\.)"
CREDIT_SENTENCE = re.compile(
    rf"(?:(?<=[.!?”\"])[ \t]+|^[ \t]*)(?P<sentence>{_IN_SENTENCE}*?(?:"
    rf"\bcontributed\b{_IN_SENTENCE}*?\b(?:report|reporting|story|article)\b"
    r"|\b(?:reporting|writing|editing) (?:was )?(?:contributed )?by\b"
    rf"){_IN_SENTENCE}*(?:[.!?]|$))",
    re.I | re.M,
)
# News outlets whose own staff a story names as the source of a report ("told CNN's Becky
# Anderson", "TRT World's Francis Collins reports"): never people of the story.
OUTLETS = ordered("outlets")
_OUTLET_STAFF = re.compile(
    r"\b(?:" + "|".join(re.escape(o) for o in OUTLETS) + r")['’]s?[ \t]+(?:(?:correspondent|reporter|anchor|"
    r"journalist|presenter|host|producer)[ \t]+)?(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’.-]+){1,3})"
)

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_CREDITED_NAME = r"[A-Z][\w'’-]+(?: [A-Z]\.?)?(?: [A-Z][\w'’-]+)+"
# A photographer in a picture credit: a name joined by a slash to an agency ("Jane Roe/AP",
# "AP Photo/Jane Roe"), or after "Photo:" or "Photo by" ("(Photo: Jane Roe-Agency Sports)").
PICTURE_CREDIT = re.compile(
    r"(?<![\w/])(?P<name>[A-Z][\w'’-]+(?: [A-Z]\.)?(?: [A-Z][\w'’-]+){1,2})(?=/[A-Z])"
    r"|(?<=[A-Za-z]/)(?P<after>[A-Z][\w'’-]+(?: [A-Z]\.)?(?: [A-Z][\w'’-]+){1,2})"
    r"|(?:\b(?:Photo|Photograph|Picture|Image)(?: credit)?:[ \t]*|\b(?:Photo|Photograph|Picture) by[ \t]+)"
    r"(?P<credited>[A-Z][\w'’]+(?: [A-Z]\.)?(?: [A-Z][\w'’]+){1,2})",
)


@dataclass
class Candidate:
    """One PERSON mention after cleaning."""

    tokens: tuple[str, ...]
    start_char: int
    end_char: int
    role: str = ""
    # The model's label on this mention ("PERSON", "ORG", ...; "PATTERN" for a name found by
    # its layout) and the doubts and cues the cleaning saw around it (`decide` reads both).
    label: str = "PERSON"
    flags: frozenset[str] = frozenset()
    # A title or honorific written just before the name ("Mr", "President").
    titled: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    @property
    def key(self) -> tuple[str, ...]:
        return name_key(self.tokens)

    @property
    def all_caps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) > 1 and all(c.isupper() for c in letters)


@dataclass
class PersonGroup:
    """All the mentions of one person in one article."""

    name: str
    members: list[Candidate] = field(default_factory=list)

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.role for m in self.members if m.role))

    @property
    def forms(self) -> set[str]:
        return {m.text for m in self.members if not m.all_caps} | {self.name}


def name_key(tokens: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Folded name without initials: "Vladimir V. Putin" and "vladimir putin" share a key."""
    # Hyphens fold to spaces: "Kim Jong-un" and "Kim Jong Un" are one spelling.
    words = [part for t in tokens if not _KEY_INITIAL.match(t) for part in fold(t).split("-") if part]
    return tuple(words) or tuple(fold(t) for t in tokens)


def split_name(name: str) -> tuple[str, ...]:
    return tuple(name.split())


SPORTS_TABLES = "sports_tables"


def candidates(doc: Doc, text: str | None = None, packs: frozenset[str] = frozenset()) -> list[Candidate]:
    """Clean PERSON spans of a doc into candidates (possessives and titles removed, junk that
    is never a name dropped), each with the doubts and cues `decide` weighs.

    `text` is the doc's text if the caller has it (spaCy rebuilds `doc.text` on every access).
    `packs` switches on optional rule packs: `SPORTS_TABLES` adds the names and teams that the
    layout of results tables gives away (tuned on 1996 wire copy; off by default, as on web
    news those rules found nothing right).
    """
    text = doc.text if text is None else text
    found = _model_candidates(doc, text)
    found += _surname_mentions(doc, found)
    added = _completed_names(doc, text, found) + _bracketed_given_names(doc, text, found)
    # The completed form replaces the one-word mention it contains.
    found = [c for c in found if not any(a.start_char <= c.start_char and c.end_char <= a.end_char for a in added)]
    found += added
    taken = {i for c in found for i in _token_range(doc, c)}
    for span in _pattern_names(doc, SPORTS_TABLES in packs):
        if not taken.intersection(range(span.start, span.end)):
            found.append(Candidate(tuple(t.text for t in span), span.start_char, span.end_char, label="PATTERN"))
            taken.update(range(span.start, span.end))
    found += _age_apposition_names(doc, text, taken)
    found += _family_first_names(doc, text, taken)
    if SPORTS_TABLES in packs:
        found = _sports_tables(doc, text, found, taken)
    found = [c for c in found if not _credit(c, text) and not _company_name(c, text)]
    # One capitalised word opening a sentence that the tagger or the article itself shows to be
    # a common word ("Billionaire Elon Musk ...", "Death is ...") is not a name: dropped here,
    # as these signs were right on every web page inspected; a line of its own is weighed.
    found = [c for c in found if not (len(c.tokens) == 1 and ("common_opener" in c.flags or _common_word(c, text)))]
    for cand in found:
        if _heading_line(cand, text):
            cand.flags = cand.flags | {"heading"}
    found.sort(key=lambda c: c.start_char)
    return found


# A full name followed by an age: "Elia Dimas Indahputro, a 47-year-old sound engineer",
# "Maria Ionescu, 31, a nurse", "Jan Novak, aged 70". One line only; the age is checked below.
_AGE_APPOSITION = re.compile(
    r"((?:[A-Z][\w'’.-]* ){1,3}[A-Z][\w'’-]*), (?:an? (\d{1,3})-year-old ([a-z -]+)|aged (\d{1,3})\b|(\d{1,3}),)")


def _age_apposition_names(doc: Doc, text: str, taken: set[int]) -> list[Candidate]:
    """Names the model left out (or read as a place) that an age after them shows to be
    people. Words opening the run that are no name ("And", a role, a place before a full name)
    are trimmed; the name must have two words or more and be valid. The decision is still the
    model's: the candidate carries its cues (the age is a person cue), not a vote."""
    found = []
    for match in _AGE_APPOSITION.finditer(text):
        age = int(next(g for g in match.groups()[1:] if g and g.isdigit()))
        noun = (match.group(3) or "").split()
        # "a 120-year-old company" is an organisation; 110 is past any living person's age.
        if age > 110 or any(w in words("org_nouns") for w in noun[:3]):
            continue
        names, start, end = match.group(1).split(), match.start(1), match.end(1)
        while len(names) > 2 and (fold(names[0]) in _FUNCTION_WORDS or _is_role_word(names[0])
                                  or lookup(names[0]) is not None):
            start = text.index(names[1], start + len(names[0]))
            names = names[1:]
        if fold(names[0]) in _FUNCTION_WORDS or not _valid(names) or not all(_name_word(w, places=True) for w in names):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or taken.intersection(range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        found.append(Candidate(tuple(names), start, end, label="AGE", flags=frozenset(_cues(doc, span))))
    return found


# Two or three capitalised words, the last perhaps hyphenated ("Moon Jae-in"), with no
# capitalised word right after: where an East Asian name written family name first may stand.
# A lookahead, so that a run starting inside a longer one ("Premier Li Qiang") is tried too.
_FAMILY_FIRST_RUN = re.compile(r"(?<![\w'’.-])(?=([A-Z][a-z]+(?: [A-Z][a-z]+(?:-[a-z]+)?){1,2})(?![\w'’-]| [A-Z]))")


def _family_first_names(doc: Doc, text: str, taken: set[int]) -> list[Candidate]:
    """East Asian names written family name first that the model left unlabelled.

    The small model knows "Xi Jinping" inside a sentence but often not where it opens one
    ("Xi Jinping met ...", "Under Xi Jinping, ..."), and then not the later "Xi" either. The
    name's own shape is the evidence (`names.family_first`: a common family name, then a given
    name of romanised syllables); the run must carry no label of the model's (so "Hong Kong",
    a place to it, stays one) and follow no capitalised word but a title, a role or a
    sentence's first word. The decision is still `decide`'s, with the run's cues."""
    found: list[Candidate] = []
    for match in _FAMILY_FIRST_RUN.finditer(text):
        tokens = match.group(1).split()
        if not family_first(tokens):
            continue
        span = doc.char_span(match.start(1), match.start(1) + len(match.group(1)))
        if span is None or taken.intersection(range(span.start, span.end)) or any(t.ent_type_ for t in span):
            continue
        if span.start > 0:
            before = doc[span.start - 1].text
            if before[:1].isupper() and before.isalpha() and not _sentence_start(doc, span.start - 1) \
                    and fold(before) not in _ROLE_END | HONORIFICS:
                continue
        cand = _clean(span)
        if cand is None or cand.tokens != tuple(tokens):
            continue
        cand.label = "PATTERN"
        cand.flags = frozenset(_cues(doc, span))
        taken.update(range(span.start, span.end))
        found.append(cand)
    return found


def _surname_mentions(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """One-word entities of any label that are the family name of a full name found: more
    mentions of that person ("Scholz visits Warsaw", the model reading "Scholz" as a place),
    votes for the decision rather than names of their own."""
    surnames = {c.tokens[-1] for c in found if len(c.tokens) > 1}
    taken = {c.start_char for c in found}
    extra = []
    for ent in doc_memo.ents(doc):
        if len(ent) == 1 and ent.label_ != "PERSON" and ent.text in surnames and ent.start_char not in taken \
                and lookup(ent.text) is None:
            extra.append(Candidate((ent.text,), ent.start_char, ent.end_char, label=ent.label_,
                                   flags=frozenset(_cues(doc, ent))))
    return extra


def _completed_names(doc: Doc, text: str, found: list[Candidate]) -> list[Candidate]:
    """Full names the model cut or missed, completed from the surnames it did read as people.

    News introduces a person in full once ("Alejandro Arcos was found dead") and by surname
    after; the small model often labels only the surname, or nothing at the introduction.
    Where a one-word candidate is written after one or two given-name-like words (capitalised,
    not a title, place, function word or word the article writes in lowercase), that longer
    form is a mention too, labelled as the model labelled its surname there.
    """
    singles = {c.text for c in found if len(c.tokens) == 1 and c.text.isalpha()}
    if not singles:
        return []
    spans = {(c.start_char, c.end_char) for c in found}
    added: list[Candidate] = []
    surnames = "|".join(map(re.escape, sorted(singles)))
    pattern = re.compile(rf"(?<![\w'’.-])((?:[A-Z][a-z]+[ \t]){{1,2}})({surnames})(?![\w-])")
    for match in pattern.finditer(text):
        givens = match.group(1).split()
        while givens and not _given_name_like(givens[0], text):
            givens = givens[1:]
        first = doc.char_span(text.rindex(givens[0], 0, match.end(1)), match.end(1) - 1,
                              alignment_mode="expand") if givens else None
        # A capitalised word opening a sentence ("But", "Let", "Following") is a given name if
        # labelled news uses it in names, or, a word it has never seen ("Jade", "Alejandro"),
        # if the tagger reads it as a proper noun.
        if first is not None and _sentence_start(doc, first.start) and not _opener_given_name(doc, first.start):
            givens = givens[1:]
        if not givens or not all(_given_name_like(g, text) for g in givens):
            continue
        start = text.rindex(givens[0], 0, match.end(1))
        # Already a mention, or a part of a longer one: "Luiz Inacio Lula" of "Luiz Inacio
        # Lula da Silva" (a later "Lula" is that man, not a second one).
        if any(lo <= start and match.end(2) <= hi for lo, hi in spans):
            continue
        surname = doc.char_span(match.start(2), match.end(2))
        if surname is None:
            continue
        label = surname[0].ent_type_ or "NONE"
        inside = [c for c in found if start <= c.start_char and c.end_char <= match.end(2)]
        cand = Candidate((*givens, match.group(2)), start, match.end(2), label=label,
                         flags=frozenset().union(*(c.flags for c in inside)) if inside else frozenset(),
                         titled=any(c.titled for c in inside), role=next((c.role for c in inside if c.role), ""))
        if not _valid(list(cand.tokens)):
            continue
        added.append(cand)
    return added


# A given name (and title) the writer put in brackets before a surname, inside a quotation:
# "(Prime Minister Aino) Kask" for a speaker who said only "Kask".
_BRACKETED = re.compile(r"\(([^()\n]{1,60})\)[ \t]*$")


def _bracketed_given_names(doc: Doc, text: str, found: list[Candidate]) -> list[Candidate]:
    """Full names a writer's bracketed insertion completes: the name words at the end of the
    brackets (after any title) and the one-word candidate right after them, one mention."""
    added = []
    for cand in found:
        if len(cand.tokens) != 1:
            continue
        inside = _BRACKETED.search(text, max(0, cand.start_char - 64), cand.start_char)
        if inside is None:
            continue
        words_ = inside.group(1).split()
        # Only names and titles in the brackets: "(approved in May) Kask" inserts no name.
        if not all(w[:1].isupper() or (fold(w) in PARTICLES and w.islower()) for w in words_):
            continue
        givens: list[str] = []
        while words_ and words_[-1].isalpha() and words_[-1][:1].isupper() \
                and _given_name_like(words_[-1], text) and len(givens) < 2:
            givens.insert(0, words_.pop())
        if not givens or not _valid([*givens, *cand.tokens]):
            continue
        start = inside.start(1) + inside.group(1).rindex(givens[0])
        titled = bool(words_) and fold(words_[-1]) in _ROLE_END | HONORIFICS
        added.append(Candidate((*givens, *cand.tokens), start, cand.end_char, label=cand.label,
                               flags=cand.flags, titled=titled or cand.titled, role=cand.role))
    return added


def _opener_given_name(doc: Doc, i: int) -> bool:
    lean = name_leans().get(fold(doc[i].text))
    if lean is not None:
        return lean > 0
    return _tagged(doc, i).pos_ == "PROPN"


def _given_name_like(word: str, text: str) -> bool:
    folded = fold(word)
    return (folded not in ROLE_HEADS and folded not in _FUNCTION_WORDS and folded not in NOT_NAME_WORDS
            and lookup(word) is None
            and not written_lowercase(word, text))


def _company_name(cand: Candidate, text: str) -> bool:
    """A name of two or more words the article also writes before a company word ("Common
    Sense" of "Common Sense Media") names the company everywhere in the article."""
    if len(cand.tokens) < 2:
        return False
    # The matches of rf"(?<![\w-]){re.escape(name)}[ \t]+([A-Z][a-z]+)\b", found without
    # compiling a pattern per name (see core/whole_words.py).
    name, suffixes = cand.text, words("company_suffixes")
    at = text.find(name)
    while at != -1:
        after = _WORD_AFTER.match(text, at + len(name)) if at == 0 or not _JOINING.match(text, at - 1) else None
        if after is not None and fold(after.group(1)) in suffixes:
            return True
        at = text.find(name, after.end() if after is not None else at + 1)
    return False


_JOINING = re.compile(r"[\w-]")
_WORD_AFTER = re.compile(r"[ \t]+([A-Z][a-z]+)\b")


def _token_range(doc: Doc, cand: Candidate) -> range:
    span = doc.char_span(cand.start_char, cand.end_char, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def _model_candidates(doc: Doc, text: str) -> list[Candidate]:
    """The model's PERSON spans, and its other spans where the text shows a person: right
    after a role word, or written the way one of its PERSON spans is."""
    found = []
    # One word the context once shows to be a thing is a thing everywhere in the article.
    things = {ent.text for ent in doc_memo.ents(doc) if len(ent) == 1 and _thing_context(ent)}
    # The surnames the model reads as people: another label on a name ending with one of them
    # ("Aysenur Ezgi Eygi" as ORG beside "Ms Eygi" as PERSON) is a vote, not a verdict.
    read_as_people = _read_as_people(doc)
    for ent in doc_memo.ents(doc):
        person = ent.label_ == "PERSON"
        if not person and (ent.start, ent.end) not in read_as_people:
            continue
        # A name never runs across a paragraph break: "... will test Elon Musk", a blank
        # line, then "Musk says" are two mentions, not "Elon Musk Musk".
        for piece in _paragraph_pieces(ent):
            cand = _clean(piece)
            if cand is None:
                continue
            flags = set()
            if person and len(piece) == 1 and _mostly_not_person(piece, whole=len(ent) == 1):
                flags.add("mostly_other")
            if len(piece) == 1 and piece.text in things:
                flags.add("thing")
            if len(cand.tokens) == 1 and _opens_sentence_as_common_word(doc, cand):
                flags.add("common_opener")
            cand.label = ent.label_
            cand.flags = frozenset(flags | _cues(doc, piece))
            found.append(cand)
    return found


def _person_words(doc: Doc) -> set[str]:
    """The last words of the model's PERSON spans (once per doc: the guess of tag reads and the
    cleaning both ask)."""
    found = doc.user_data.get(_PERSON_WORDS_KEY)
    if found is None:
        found = doc.user_data[_PERSON_WORDS_KEY] = {
            _bare(ent.text).split()[-1] for ent in doc_memo.ents(doc) if ent.label_ == "PERSON" and _bare(ent.text)}
    return found


def _read_as_people(doc: Doc) -> set[tuple[int, int]]:
    """(start, end) of the entities labelled other than PERSON that `_other_label_read` reads as
    possible people, once per doc (it reads no tags, so it can be asked before the tagging)."""
    found = doc.user_data.get(_READ_AS_PEOPLE_KEY)
    if found is None:
        person_words = _person_words(doc)
        found = doc.user_data[_READ_AS_PEOPLE_KEY] = {
            (ent.start, ent.end) for ent in doc_memo.ents(doc)
            if ent.label_ != "PERSON" and _other_label_read(ent, person_words)}
    return found


_PERSON_WORDS_KEY = "digest_person_words"
_READ_AS_PEOPLE_KEY = "digest_read_as_people"


def _other_label_read(ent: Span, person_words: set[str]) -> bool:
    """Whether an entity the model labels other than PERSON is read as a possible person:
    right after a role word; ending with a surname the model reads as a person elsewhere; or
    shaped like a full name with the words around calling it a person ("Lucie Castets, a
    senior civil servant", "said Ulil Abshar Abdalla"). Reads no tags, so `likely_tag_reads`
    can ask it too."""
    if ent.label_ not in _MISLABELS:
        return False
    bare = _bare(ent.text)
    if _after_role(ent) or (bare and bare.split()[-1] in person_words):
        return True
    leans = name_leans()
    # Not with a word labelled news uses for organisations or places ("Revolutionary Guards").
    if not _name_shaped(ent) or any(leans.get(fold(t.text), 0.0) <= -1.5 for t in ent):
        return False
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    titled = before is not None and fold(before.text) in _ROLE_END | HONORIFICS
    return titled or bool({"person_context", "speech"} & _cues(doc, ent))


def _name_shaped(ent: Span) -> bool:
    """Two to four capitalised words (particles allowed): the shape of a full name, whatever
    the model's label ("Lucie Castets" read as ORG); a candidate only with a person cue."""
    words_ = [t.text for t in ent if not t.is_punct]
    if not 2 <= len(words_) <= 4:
        return False
    return all((w[:1].isupper() and w.replace("-", "").replace("'", "").replace("’", "").isalpha() and not w.isupper())
               or (fold(w) in PARTICLES and w.islower()) for w in words_)


def _bare(text: str) -> str:
    return fold(re.sub(r"\s*['’]s?$", "", text))


# Words around a name that show a person: speech verbs after it, a personal pronoun soon after.
_SPEECH = words("speech_verbs")
_PRONOUNS = words("pronouns")


def _cues(doc: Doc, piece: Span) -> set[str]:
    """Cues in the words around one mention: a speech verb next to it, a pronoun soon after,
    "the" or "a" before it, a possessive after it."""
    cues = set()
    after = doc[piece.end:piece.end + 3]
    before = doc[max(0, piece.start - 3):piece.start]
    if any(t.lower_ in _SPEECH for t in after) or any(t.lower_ in _SPEECH for t in before):
        cues.add("speech")
    if any(t.lower_ in _PRONOUNS for t in doc[piece.end:piece.end + 25]):
        cues.add("pronoun")
    if piece.start > 0 and doc[piece.start - 1].lower_ in ("the", "a", "an"):
        cues.add("article_before")
    if piece.end < len(doc) and doc[piece.end].text in _POSSESSIVE:
        cues.add("possessive")
    nxt = doc[piece.end] if piece.end < len(doc) else None
    if nxt is not None and nxt.lower_ in words("group_heads"):
        cues.add("group_after")
    if _org_apposition(doc, piece):
        cues.add("org_context")
    if _person_context(doc, piece):
        cues.add("person_context")
    # "to Sioux Falls, South Dakota", "in Khan Younis": where a place is, not who a person is.
    if piece.start > 0 and doc[piece.start - 1].lower_ in _PLACE_PREPOSITIONS:
        cues.add("place_preposition")
    if piece.end + 1 < len(doc) and doc[piece.end].text == "," and doc[piece.end + 1].text[:1].isupper():
        one, two = doc[piece.end + 1].text, doc[piece.end + 1:piece.end + 3].text
        place = 1 if lookup(one) is not None or fold(one) in _US_STATES else 2 if fold(two) in _US_STATES else 0
        # Not an appositive's possessive: "Volodymyr Zelensky, Ukraine's president".
        follower = doc[piece.end + 1 + place] if place and piece.end + 1 + place < len(doc) else None
        if place and (follower is None or follower.text in (",", ".", ";", ")") or follower.is_space):
            cues.add("place_after")
    return cues


_US_STATES = frozenset(fold(state) for state in US_STATES)
_PLACE_PREPOSITIONS = words("place_prepositions")


def _person_context(doc: Doc, piece: Span) -> bool:
    """The words around a mention call it a person: a person noun just before it ("sales clerk
    Yevgenia Ostroshitskaya"), or an apposition after it headed by one or giving an age
    ("Moses Kalonde, a private citizen", "Lyudmila Soloveyko, a 56-year-old", "Momade, 60,")."""
    nouns = words("person_nouns") | _ROLE_END
    if piece.start > 0 and doc[piece.start - 1].text.islower() and doc[piece.start - 1].lower_ in nouns:
        return True
    # Nine tokens: the tokenizer splits "a 56-year-old" into five ("56", "-", "year", "-", "old").
    after = doc[piece.end:piece.end + 9]
    if len(after) < 2 or after[0].text != ",":
        return False
    if after[1].like_num and len(after) > 2 and after[2].text == ",":
        return True
    for k, tok in enumerate(after[1:], start=1):
        if tok.lower_ in nouns and tok.text.islower():
            return True
        if tok.text.endswith("year-old") or tok.lower_ in ("year-old", "years-old") \
                or (tok.lower_ in ("year", "years") and after[k + 1:k + 3].text.replace(" ", "") == "-old"):
            return True
        stop = tok.lower_ in ("of", "at", "in", "for", "with")
        if stop or not (tok.text.islower() or tok.like_num or tok.text == "-"):
            break
    return False


def _org_apposition(doc: Doc, piece: Span) -> bool:
    """The words around a mention say it names an organisation, a group, a place or a work:
    "the militant group Boko Haram.", "Common Sense, a not-for-profit", "founder of Common Sense",
    "the town of Yad Binyamin"."""
    nxt = doc[piece.end] if piece.end < len(doc) else None
    if piece.start > 0 and doc[piece.start - 1].lower_ in words("org_nouns_before") \
            and not _is_title_word(doc[piece.start].text):
        if nxt is None or nxt.is_punct or nxt.lower_ == "and":
            return True
        # "the newspaper Munhwa Ilbo reported": a verb after it too, unless a word of the name
        # is a known given name (a lost comma: "the group Abu Mohammed al-Adnani said").
        leans = name_leans()
        if nxt.is_alpha and nxt.text.islower() and not any(leans.get(fold(t.text), 0.0) >= 1.5 for t in piece):
            return True
    if piece.start > 1 and doc[piece.start - 1].lower_ == "of" \
            and doc[piece.start - 2].lower_ in words("org_roles") | words("place_nouns_of"):
        return True
    after = doc[piece.end:piece.end + 10]
    # "Under Xi Jinping, the party ...": the comma closes an opening phrase, no apposition.
    opening_phrase = piece.start > 0 and _sentence_start(doc, piece.start - 1) \
        and fold(doc[piece.start - 1].text) in _FUNCTION_WORDS - {"the", "a", "an"}
    if len(after) >= 3 and after[0].text == "," and after[1].lower_ in ("a", "an", "the") and not opening_phrase:
        # The apposition's head: its lowercase words up to a preposition ("a professor at ...");
        # an age is read past ("a 30-year-old firm").
        for tok in after[2:]:
            if tok.like_num or tok.text == "-":
                continue
            if not tok.text.islower() or tok.lower_ in _FUNCTION_WORDS:
                break
            if tok.lower_ in words("org_nouns"):
                return True
    return False


def _sports_tables(doc: Doc, text: str, found: list[Candidate], taken: set[int]) -> list[Candidate]:
    """The sports-tables rule pack: names from results layouts, and teams dropped."""
    for start, end in [*_ranked_names(text), *_scorecard_names(text)]:
        span = doc.char_span(start, end)
        for cand in found:  # the model has this name too: the layout's word makes it sure
            if cand.start_char == start and cand.end_char == end:
                cand.label = "PATTERN"
        if span is not None and not taken.intersection(range(span.start, span.end)):
            found.append(Candidate(tuple(text[start:end].split()), start, end, label="PATTERN"))
            taken.update(range(span.start, span.end))
    tables, prose = layout.layout_names(text)
    # Lists come last, as they are judged by the names found so far; like tables, their items
    # are often mislabelled by the model, so its labels are not checked.
    for spans, strong in ((tables, True), (prose, False), (None, True)):
        if spans is None:
            spans = layout.list_names(text, [(c.start_char, c.end_char) for c in found])
        for start, end in spans:
            found = _add_layout(doc, text, found, taken, start, end, strong)
    teams = _score_line_sides(text)
    team_names = layout.team_names(text, {fold(c.text) for c in found})
    companies = layout.company_names(text)
    found = [
        c for c in found
        if not any(a <= c.start_char < b for a, b in teams)
        and not layout.is_team(c.text, team_names)
        and not _row_label(c, text)
        and not _club_with_city(c)
        and fold(c.text) not in companies
    ]
    found.sort(key=lambda c: c.start_char)
    return _drop_affiliations(found, text)


def _add_layout(doc: Doc, text: str, found: list[Candidate], taken: set[int], start: int, end: int,
                strong: bool) -> list[Candidate]:
    cand = _layout_candidate(doc, text, start, end, strong)
    if cand is None:
        return found
    # The layout gives the whole name where the model saw a part ("Uwe Steeb" of
    # "Carl-Uwe Steeb", "Mikael" of "Mikael Tillstrom"): the whole name replaces it.
    inside = [c for c in found if cand.start_char <= c.start_char and c.end_char <= cand.end_char]
    if any(c.end_char - c.start_char >= cand.end_char - cand.start_char for c in inside):
        return found  # the model has this very name already (and its role)
    # Blocked only by a mention it does not contain; words the cleaning dropped from a
    # model's span ("Kilbride Athletic - 1 - Dane Whitlow") do not block it.
    if any(c.start_char < cand.end_char and cand.start_char < c.end_char for c in found if c not in inside):
        return found
    span = doc.char_span(cand.start_char, cand.end_char, alignment_mode="expand")
    if span is None:
        return found
    taken.update(range(span.start, span.end))
    return [c for c in found if c not in inside] + [cand]


def _paragraph_pieces(ent: Span) -> list[Span]:
    """The parts of an entity between the paragraph breaks (blank lines) inside it.

    A single line break is not a boundary: hard-wrapped copy breaks lines inside names
    ("Garrett" at the end of one line, "Hines" opening the next), and in Markdown it is
    the same paragraph; every caption, credit or heading line of a web page is its own
    paragraph once ingested.
    """
    pieces, start = [], ent.start
    for tok in ent:
        if tok.is_space and _PARAGRAPH_BREAK.search(tok.text):
            if tok.i > start:
                pieces.append(ent.doc[start:tok.i])
            start = tok.i + 1
    if start < ent.end:
        pieces.append(ent.doc[start:ent.end])
    return pieces


def _row_label(cand: Candidate, text: str) -> bool:
    """One word opening a line and followed by a figure labels a table row: a team, a city or
    a heading ("Blackburn 2 ( ... )", "Halftime 1-0", "Dresden 792 up 11.4"), rarely a person."""
    if len(cand.tokens) != 1:
        return False
    line_start = text.rfind("\n", 0, cand.start_char) + 1
    # A minute ("Tretschok 77th") is a scorer carried over from the line before.
    figure = re.match(r"[ \t]+\d+(?:st|nd|rd|th)?", text[cand.end_char:])
    return not text[line_start:cand.start_char].strip() and figure is not None and figure.group(0)[-1].isdigit()


def _credit(cand: Candidate, text: str) -> bool:
    """A picture credit, not a person of the story: a name joined to an agency by a slash
    ("AP Photo/Jane Roe", "Jane Roe/Getty Images"), or an agency that is also a surname ending a
    caption line ("... in London Getty")."""
    if text[cand.end_char:cand.end_char + 1] == "/" or text[cand.start_char - 1:cand.start_char] == "/":
        return True
    if len(cand.tokens) == 1 and fold(cand.text) in CREDIT_AGENCIES:
        return text[cand.end_char:].lstrip(" \t")[:1] in ("\n", "")
    return False


def _line_of(cand: Candidate, text: str) -> str:
    start = text.rfind("\n", 0, cand.start_char) + 1
    end = text.find("\n", cand.end_char)
    return text[start:len(text) if end == -1 else end]


def _heading_line(cand: Candidate, text: str) -> bool:
    """A line that is only the candidate, most of whose words the article also writes in
    lowercase, is a heading or page furniture ("Quick Menu Update"), not a name. Most, not
    one: a byline "Larry Fine" or "Theresa May" has one such word."""
    if _line_of(cand, text).strip(" \t.:") != cand.text:
        return False
    rest = text[:cand.start_char] + text[cand.end_char:]
    common = 0
    for word in cand.tokens:
        if not word.isalpha():
            continue
        common += re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", rest) is not None
    return common * 2 > len(cand.tokens)


def _common_word(cand: Candidate, text: str) -> bool:
    """One capitalised word opening a sentence that the article also writes in lowercase is a
    common word ("Death is not a punishment", "Winner owned by"), not a name."""
    if len(cand.tokens) != 1 or not cand.text.isalpha():
        return False
    before = text[:cand.start_char].rstrip(" \t\"“'")
    if before and before[-1] not in ".!?\n:":
        return False
    return written_lowercase(cand.text, text)


def _club_with_city(cand: Candidate) -> bool:
    """ "Ajax Amsterdam", "Legia Warsaw": a club's name ends with its city; a person's does not
    (surnames that are also towns, "Lincoln", "Washington", are left alone)."""
    if len(cand.tokens) < 2:
        return False
    entry = lookup(cand.tokens[-1])
    return entry is not None and entry.kind == "city" and fold(cand.tokens[-1]) not in NAMELIKE_PLACES


# Entity labels that make a name found by a prose pattern something other than a person.
_NOT_PERSON_LABELS = frozenset({"ORG", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "GPE", "LOC"})


def _is_role_word(word: str) -> bool:
    """A role word, hyphenated ones too ("Lieutenant-Colonel", "Vice-Premier")."""
    folded = fold(word)
    return folded in ROLE_HEADS or all(part in ROLE_HEADS for part in folded.split("-"))


def _layout_candidate(doc: Doc, text: str, start: int, end: int, strong: bool) -> Candidate | None:
    """A candidate from a layout pattern's range, role words in front trimmed; None if not a name."""
    words = text[start:end].split()
    # "President Boris Yeltsin of Russia", "Former Italian X": the name is after the role.
    # A place word is trimmed only with a full name after it: "Dane Whitlow" is a given name.
    while words and (_is_role_word(words[0]) or (lookup(words[0]) is not None and len(words) > 2)):
        start = text.index(words[1], start + len(words[0])) if len(words) > 1 else end
        words = words[1:]
    if not words or not _valid(words):
        return None
    for i, word in enumerate(words):
        if (fold(word) in PARTICLES and word.islower()) or (_INITIAL.match(word) and i < len(words) - 1):
            continue
        # In a table, a first name can be a place word too ("Dane", "Jordan").
        if not (_name_word(word) or (strong and i == 0 and len(words) > 1 and _name_word(word, places=True))):
            return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or (not strong and any(tok.ent_type_ in _NOT_PERSON_LABELS for tok in span)):
        return None
    return Candidate(tuple(words), start, end, label="PATTERN")


def _drop_affiliations(found: list[Candidate], text: str) -> list[Candidate]:
    """Drop a "person" in brackets right after a person: "Marek Citko ( Widzew Lodz )" is a club."""
    ends = {c.end_char for c in found}
    kept = []
    for cand in found:
        before = text[:cand.start_char].rstrip(" \t")
        after = text[cand.end_char:].lstrip(" \t")
        if before.endswith("(") and after.startswith(")") and len(before[:-1].rstrip(" \t")) in ends:
            continue
        # "David Coulthard ( Britain ) McLaren": the team after an entrant's country (but a
        # nickname in brackets, "Alan John ( A.J.P. ) Taylor", is followed by the surname).
        if before.endswith(")"):
            opening = before.rfind("(")
            entry = lookup(before[opening + 1:-1].strip()) if opening > 0 else None
            if entry is not None and entry.kind in ("name", "part") and "\n" not in before[opening:] \
                    and len(before[:opening].rstrip(" \t")) in ends:
                continue
        kept.append(cand)
    return kept


def _ranked_names(text: str) -> list[tuple[int, int]]:
    """Character ranges of the names in ranked results lines (the model misses many of them)."""
    found = []
    for line in RANKED_LINE.finditer(text):
        offset = line.start("list")
        for part in re.finditer(r"[^,]+", line.group("list")):
            entry = part.group(0)
            lead = len(entry) - len(entry.lstrip())
            match = RANKED_ENTRY.match(entry.strip())
            if match is None:
                continue
            words = match.group("name").split()
            if all(_name_word(w) for w in words) and _valid(words):
                start = offset + part.start() + lead
                found.append((start, start + len(match.group("name"))))
    return found


def _scorecard_names(text: str) -> list[tuple[int, int]]:
    """Character ranges of batsmen, fielders and bowlers in cricket scorecard lines."""
    found = []
    for match in SCORECARD_BAT.finditer(text):
        found.append(match.span("name"))
        line_end = text.find("\n", match.end())
        line = text[match.end():line_end if line_end != -1 else len(text)]
        for hand in SCORECARD_HAND.finditer(" " + line):
            start = match.end() + hand.start("name") - 1
            found.append((start, start + len(hand.group("name"))))
    found.extend(match.span("name") for match in SCORECARD_BOWL.finditer(text))
    return [(a, b) for a, b in found if _valid(text[a:b].split())]


def _score_line_sides(text: str) -> list[tuple[int, int]]:
    """Character ranges of the two sides of every team-sport results line."""
    return [match.span(side) for match in SCORE_LINE.finditer(text) for side in ("a", "b")]


def _mostly_not_person(ent: Span, whole: bool = True) -> bool:
    """A one-word "person" that the text more often tags as a place or organisation ("Surrey").

    `whole` is False for a one-word piece of a longer PERSON span (cut at a paragraph break):
    the piece is not among the doc's entities, so its own PERSON label is counted here.
    """
    labels = doc_memo.ent_labels(ent.doc).get(ent.text, [])
    persons = sum(label == "PERSON" for label in labels) + (0 if whole else 1)
    return sum(label != "PERSON" for label in labels) >= persons


def _thing_context(ent: Span) -> bool:
    """A one-word "person" the context shows to be a thing, a group or a team.

    "the Oreshnik", "the Houthis" (people take no article), "Patriot missiles" (a thing noun
    follows), "Surrey v Kent" (a fixture), "Attendance: 12,000" (a table label), and English
    counties ("Yorkshire"), which are never people.
    """
    doc = ent.doc
    word = ent[0].text
    if fold(word).endswith("shire"):
        return True
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    if before is not None and (before.lower_ in ("the", "a", "an") or before.lower_ in _VERSUS):
        return True
    if after is not None and after.lower_ in _VERSUS:
        return True
    # "a missile called Oreshnik", "the missile, named Oreshnik": a thing's given name.
    if before is not None and before.lower_ in ("called", "named", "dubbed", "codenamed") \
            and any(tok.lower_ in THING_HEADS for tok in doc[max(0, ent.start - 5):ent.start - 1]):
        return True
    # "Georgian Dream": a bare word after a demonym names a party or a brand.
    if before is not None and before.text[:1].isupper() and _is_place_adj(before.text) \
            and getattr(lookup(before.text), "kind", None) == "demonym":
        return True
    # "Patriot air defence battery": a thing noun among the lowercase words that follow.
    following_words = []
    for tok in doc[ent.end:ent.end + 3]:
        if not tok.text.islower():
            break
        following_words.append(tok)
    # Tags only matter (a verb ends the phrase) when a thing noun is there to be found.
    if any(tok.lower_ in THING_HEADS for tok in following_words):
        for tok in following_words:
            if _tagged(doc, tok.i).tag_ in _VERB_TAGS:
                break
            if tok.lower_ in THING_HEADS:
                return True
    line_start = ent.start == 0 or "\n" in doc[ent.start - 1].whitespace_ + doc[ent.start - 1].text
    if not line_start or after is None:
        return False
    # "Attendance : 5,000", "Extras ( b-4 lb-9 ) 15": a table's row label.
    if after.text == ":":
        return True
    following = doc[ent.end + 1] if ent.end + 1 < len(doc) else None
    return after.text == "(" and following is not None and any(ch.isdigit() for ch in following.text)


def _pattern_names(doc: Doc, tables: bool = False) -> list[Span]:
    """Names the model missed but the layout gives away: "J. Smith", and with the sports-tables
    pack "Ana Lopez ( Spain )"."""
    found = []
    texts = doc_memo.texts(doc)  # every token is looked at: their texts without Token objects
    n = len(texts)
    for i, text in enumerate(texts):
        # An initial then a capitalised word: "M. Gatting", "R. Ponting".
        if _INITIAL.match(text) and text.endswith(".") and i + 1 < n and _name_word(texts[i + 1]) \
                and (i == 0 or not _INITIAL.match(texts[i - 1])) \
                and doc[i + 1].ent_type_ not in ("NORP", "GPE", "LOC", "ORG"):
            found.append(doc[i:i + 2])
        # Two or three capitalised words then a country in brackets: results tables.
        if tables and text == "(" and i + 2 < n and i >= 2:
            close = next((j for j in range(i + 2, min(i + 5, n)) if texts[j] == ")"), None)
            if close is None or lookup(doc[i + 1:close].text) is None:
                continue
            start = i
            while start > 0 and i - start < 3 and _name_word(texts[start - 1]):
                start -= 1
            if i - start >= 2 and _valid(texts[start:i]):
                found.append(doc[start:i])
    return found


def _name_word(text: str, places: bool = False) -> bool:
    """A capitalised word that can be part of a name (a place word too if `places`)."""
    return (
        len(text) > 1 and text[0].isupper() and not text.isupper() and text.replace("-", "").replace("'", "").isalpha()
        and fold(text) not in NOT_NAME_WORDS and fold(text) not in ROLE_HEADS
        and (places or lookup(text) is None or fold(text) in NAMELIKE_PLACES)
    )


# Labels the small model gives a name it does not know ("Chancellor Olaf Scholz" as ORG).
_MISLABELS = frozenset({"ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "LOC", "EVENT"})


def _after_role(ent: Span) -> bool:
    """A two- or three-word proper name right after a role word is a person's name."""
    if ent.start == 0 or not 2 <= len(ent) <= 3:
        return False
    before = ent.doc[ent.start - 1]
    return fold(before.text) in _ROLE_END and all(t.text[:1].isupper() and t.is_alpha for t in ent)


def _name_bounds(ent: Span) -> tuple[int, int] | None:
    """The token range of the name in an entity span: possessives, sentence openers, a lone
    organisation word and a capitalised dateline cut off; name particles taken in."""
    doc = ent.doc
    start, end = ent.start, ent.end
    # Possessives and trailing punctuation: "Macron’s", "Haddad,".
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    if end <= start:
        return None
    # A capitalised preposition opening a sentence is glued on too: "Under Xi Jinping, ...".
    while end - start > 1 and fold(doc[start].text) in _FUNCTION_WORDS:
        start += 1
    # A capitalised verb opening a sentence is glued on by the model: "Meeting Modi on ...".
    if end - start > 1 and _sentence_start(doc, start) and _tagged(doc, start).tag_ in _VERB_TAGS:
        start += 1
    # Name particles: "Ursula von der" cut before "Leyen" takes the next capitalised word back.
    if fold(doc[end - 1].text) in PARTICLES and doc[end - 1].text.islower():
        while end < len(doc) and fold(doc[end].text) in PARTICLES and doc[end].text.islower():
            end += 1
        if end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha:
            end += 1
        while end > start and fold(doc[end - 1].text) in PARTICLES and doc[end - 1].text.islower():
            end -= 1
        if end <= start:
            return None
    # Particles after the model's span: "Abdel Fattah" then "el Sisi".
    while end + 1 < len(doc) and fold(doc[end].text) in PARTICLES and doc[end].text.islower() \
            and doc[end + 1].text[:1].isupper() and doc[end + 1].is_alpha and doc[end].whitespace_ != "":
        end += 2
    # A word the article names on its own as an organisation or a thing opens the span:
    # "Telegram Andriy Yusov" (a channel, then the man).
    while end - start > 2 and doc[start].text in _lone_non_people(doc):
        start += 1
    # A dateline in capitals after a name in a wire story: "Yuri Kushko TAVILDARA".
    while end - start > 2 and doc[end - 1].is_upper and len(doc[end - 1].text) > 2 \
            and not any(doc[i].is_upper for i in range(start, end - 1)):
        end -= 1
    return start, end


def _clean(ent: Span) -> Candidate | None:
    doc = ent.doc
    bounds = _name_bounds(ent)
    if bounds is None:
        return None
    start, end = bounds
    # Titles inside the entity ("President Putin", "French President Macron") become the role;
    # a place name is stripped only before a title ("US President Biden"), a demonym always
    # ("Austrian Judith Wiesner"), so "Jordan Bardella" keeps his first name.
    inner = start
    while inner < end - 1 and _title_or_place(doc, inner, end):
        inner += 1
    # Only a place adjective before one word is a name like "Georgian Dream", not a person.
    if inner == end - 1 and inner > start \
            and not any(_is_title_word(doc[i].text) or doc[i].text in _ONE_WORD_OUTLETS for i in range(start, inner)):
        return None
    role_start = _role_start(doc, start)
    role_tokens = [doc[i].text for i in range(role_start, inner)]
    # A title or honorific (not a mere qualifier: "the opposition Christian Democrats").
    titled = any(fold(doc[i].text) in _ROLE_END | HONORIFICS for i in range(role_start, inner)) \
        or (start > 0 and fold(doc[start - 1].text) in _ROLE_END | HONORIFICS)
    # Hyphenated names are split by the tokenizer and often cut by the model: "Anne-Gaelle".
    first, last = inner, end - 1
    while first >= 2 and _joined(doc, first - 2, first) and doc[first - 2].text[:1].isupper():
        first -= 2
    while last + 2 < len(doc) and _joined(doc, last, last + 2) and doc[last + 2].is_alpha:
        last += 2
    text = doc[first:last + 1].text
    # spaCy sometimes leaves the possessive glued on ("Macron’s" as one token).
    tokens = re.sub(r"['’]s?$", "", text).split()
    # A family name written again after the whole name ("Kwok Wai-kin Kwok"): a page's slip.
    if len(tokens) > 2 and fold(tokens[-1]) == fold(tokens[0]):
        tokens = tokens[:-1]
    # Letters after a name ("Ian MacDonald QC", "Jo Cox MP") are no part of it, as titles are
    # not: without them its later "MacDonald" finds it.
    while len(tokens) > 2 and _POST_NOMINAL.match(tokens[-1]) and not tokens[-2].isupper() \
            and not tokens[-2].endswith(("'s", "’s", "'", "’")):  # "Bill Cosby's TV" is no name
        tokens = tokens[:-1]
    if not _valid(tokens):
        return None
    name_start = doc[first].idx
    return Candidate(tuple(tokens), name_start, name_start + len(" ".join(tokens)), _role_text(role_tokens),
                     titled=titled)


# Two to four capitals, not a regnal or generational number ("Martin Luther King III").
_POST_NOMINAL = re.compile(r"^(?![IVX]+$)[A-Z]{2,4}$")


def _lone_non_people(doc: Doc) -> set[str]:
    """One-word entities the model labels as something other than a person, once per doc."""
    key = "digest_lone_non_people"
    if key not in doc.user_data:
        doc.user_data[key] = {e.text for e in doc_memo.ents(doc)
                              if len(e) == 1 and e.label_ in ("ORG", "PRODUCT", "WORK_OF_ART")}
    return doc.user_data[key]


# One-word outlet names: "told CNN Abe's opponents ..." names Abe, not "CNN Abe".
_ONE_WORD_OUTLETS = frozenset(o for o in OUTLETS if " " not in o)


def _title_or_place(doc: Doc, i: int, end: int) -> bool:
    """Token i opens a name's span as a title, a demonym, an outlet's name, or a place before
    a title."""
    word = doc[i].text
    if _is_title_word(word) or word in _ONE_WORD_OUTLETS:
        return True
    entry = lookup(word) if word[:1].isupper() else None
    if entry is None:
        return False
    return entry.kind == "demonym" or (i + 1 < end - 1 and _is_title_word(doc[i + 1].text))


def _opens_sentence_as_common_word(doc: Doc, cand: Candidate) -> bool:
    """One word opening a sentence or line that the tagger reads as a common word, not a proper
    noun ("Invalid email address.", "Gunman attacked ..."): capitalised only by its place."""
    span = doc.char_span(cand.start_char, cand.end_char)
    if span is None or len(span) != 1 or not _sentence_start(doc, span.start):
        return False
    return _tagged(doc, span.start).pos_ not in ("PROPN", "")


def _sentence_start(doc: Doc, i: int) -> bool:
    if i == 0:
        return True
    prev = doc[i - 1]
    return prev.text in (".", "!", "?", "\"", "“") or "\n" in prev.text + prev.whitespace_


def _joined(doc: Doc, left: int, right: int) -> bool:
    """True when tokens left, left+1 (a hyphen) and right are written without spaces."""
    hyphen = doc[left + 1]
    return hyphen.text == "-" and not doc[left].whitespace_ and not hyphen.whitespace_ and doc[left].is_alpha


def _is_title_word(token: str) -> bool:
    return fold(token) in ROLE_HEADS


def _is_place_adj(token: str) -> bool:
    entry = lookup(token)
    return entry is not None and token[:1].isupper()


def _role_start(doc: Doc, start: int) -> int:
    """Walk back over the role words just before a name ("Former French President")."""
    # The walk below never reaches further than 6 words back, and a role must end with a head
    # word: with no head word there, there is no role (and no tag needs computing).
    if not any(fold(doc[j].text) in _ROLE_END for j in range(max(0, start - 6), start)):
        return start
    i = start
    for tok, role_word in _role_steps(doc, start):
        pos = _tagged(doc, tok.i).pos_
        if pos in ("DET", "ADP", "VERB", "AUX", "CCONJ", "PRON"):
            break
        if role_word or (pos in ("PROPN", "ADJ") and tok.ent_type_ != "PERSON"):
            i = tok.i
        else:
            break
    # A role must end with a head word; otherwise the words before are not a role.
    while i < start and not any(fold(doc[j].text) in _ROLE_END for j in range(i, start)):
        i += 1
    return i


def likely_tag_reads(doc: Doc) -> set[int]:
    """The tokens whose tags `candidates` may read, guessed from cheap tests before it runs.

    The extractor tags these for a whole batch of docs at once, which costs far less than one
    small tagging run per token read. The guess mirrors the tests that come before each read
    (see `_clean`, `_role_start`, `_opens_sentence_as_common_word`, `_thing_context`) and errs
    towards too many: a token guessed in vain is only tagged for nothing, and one missed is still
    tagged when it is read, so the guess never changes a result.
    """
    wanted: set[int] = set()
    read_as_people = _read_as_people(doc)
    wanted.update(_opener_reads(doc))
    for ent in doc_memo.ents(doc):

        if len(ent) == 1:  # _thing_context: the lowercase words after it, if a thing noun is among them
            following = []
            for tok in doc[ent.end:ent.end + 3]:
                if not tok.text.islower():
                    break
                following.append(tok.i)
            if any(doc[i].lower_ in THING_HEADS for i in following):
                wanted.update(following)
        if ent.label_ == "PERSON" or (ent.start, ent.end) in read_as_people:
            for piece in _paragraph_pieces(ent):
                start = piece.start
                if _sentence_start(doc, start):  # a verb glued on, or one word opening a sentence
                    wanted.add(start)
                wanted.update(_role_walk(doc, start))
    return wanted


def _opener_reads(doc: Doc) -> list[int]:
    """The sentence-opening words `_opener_given_name` may read: up to two words before any
    occurrence of a word that ends an entity ("Jade" of "Jade Johnson", wherever "Johnson" is).

    Only words shaped like the given names `_completed_names` matches ("[A-Z][a-z]+", so a
    token starting with a capital and a small letter) and not known to the name leanings
    (`_opener_given_name` reads no tag for those) can be read.
    """
    texts = doc_memo.texts(doc)
    # The one-word candidates `_completed_names` completes come from the model's PERSON spans,
    # the spans read as people and the one-word spans (`_surname_mentions`).
    read_as_people = _read_as_people(doc)
    ends = {texts[ent.end - 1] for ent in doc_memo.ents(doc)
            if ent.label_ == "PERSON" or len(ent) == 1 or (ent.start, ent.end) in read_as_people}
    leans = name_leans()
    return [j for i, text in enumerate(texts) if text in ends for j in range(max(0, i - 2), i)
            if _GIVEN_SHAPE.match(texts[j]) and leans.get(fold(texts[j])) is None and _sentence_start(doc, j)]


# The start of a word `_completed_names` can take for a given name.
_GIVEN_SHAPE = re.compile(r"[A-Z][a-z]")


def _role_walk(doc: Doc, start: int) -> list[int]:
    """The tokens `_role_start` may read the tags of, walking back from a name at `start`.

    When `_clean` drops a verb at `start`, the walk begins one token later: it then reads the
    tag of `start` (already read by `_clean`) and fewer tokens before it, all covered by the
    walk from `start`; only its test for a role word, which also looks at `start` itself, is
    wider, and the test here is as wide.
    """
    if not any(fold(doc[j].text) in _ROLE_END for j in range(max(0, start - 6), start + 1)):
        return []
    return [tok.i for tok, _role_word in _role_steps(doc, start)]


def _role_steps(doc: Doc, start: int):
    """The tokens before `start`, nearest first, that `_role_start` may step back onto before
    any tag is read (at most 6; not across punctuation or a possessive; each a role word or
    capitalised), with whether each is a role word. `_role_start` reads their tags and may stop
    sooner; `_role_walk` guesses those reads from the same steps."""
    for i in range(start - 1, max(-1, start - 7), -1):
        tok = doc[i]
        if tok.is_punct or tok.text in _POSSESSIVE:
            return
        role_word = fold(tok.text) in ROLE_HEADS or _is_place_adj(tok.text)
        if not role_word and not tok.text[:1].isupper():
            return
        yield tok, role_word


def _role_text(tokens: list[str]) -> str:
    # Drop leading words that are not role words (a capitalised sentence opener) and trailing
    # qualifiers, and never record a bare honorific ("Mr") as a role.
    while tokens and fold(tokens[-1]) not in _ROLE_END:
        tokens = tokens[:-1]
    if not tokens or all(fold(t) in HONORIFICS for t in tokens):
        return ""
    tokens = [t for t in tokens if fold(t) not in HONORIFICS and t not in _ONE_WORD_OUTLETS]
    return " ".join(tokens)


def _valid(tokens: list[str]) -> bool:
    if not tokens or len(tokens) > 5:
        return False
    name = " ".join(tokens)
    if any(ch.isdigit() for ch in name) or fold(name) in NOT_PEOPLE:
        return False
    if len(tokens) == 1 and re.fullmatch(r"[A-Z]{2,}s", name):  # "MPs", "CEOs": a plural
        return False
    # A possessive inside the name ("Harry Potter's Marauder's"): a title or a phrase.
    if any(re.search(r"['’]s$", t) for t in tokens[:-1]):
        return False
    # A hyphenated adjective ("Oscar-winning", "Bush-era"): its lowercase part is a word.
    for token in tokens:
        parts = token.split("-")
        if len(parts) > 1 and any(p.islower() and (fold(p) in words("compound_tails") or p.endswith("ing"))
                                  for p in parts[1:]):
            return False
    if lookup(name) is not None:  # "Kiev", "Kremlin", "French" are never people
        return False
    last = lookup(tokens[-1])
    if len(tokens) > 1 and last is not None and last.kind == "demonym":  # "Anti-Kremlin Russian"
        return False
    if fold(tokens[0]) in FOREIGN_ARTICLES:
        return False
    # "Jane Roe/AP", "Ann Lee/Getty Images", "Bo Kim-" (of "Bo Kim-Agency Sports"): a picture credit.
    if any("/" in t or t.endswith("-") for t in tokens):
        return False
    # A word or a whole name written twice ("Acme Acme", "Ann Lee Ann Lee"), or a name ending with
    # its last word doubled ("Ann Lee Lee"), is a caption or a heading run into the next line,
    # never one person's name. A doubled word inside a name is kept ("Boutros Boutros Ghali").
    folded = [fold(t) for t in tokens]
    if _repeats(folded) or (len(folded) > 1 and folded[-1] == folded[-2]):
        return False
    # English function words written with a capital are a heading, not a name ("Did Not Bat").
    if any(fold(t) in _FUNCTION_WORDS for t in tokens):
        return False
    for token in tokens:
        word = fold(token)
        if word in NOT_NAME_WORDS:
            return False
        if (word in PARTICLES and token.islower()) or _particle_joined(token):
            continue
        if not token[:1].isupper() or not any(ch.isalpha() for ch in token):
            return False
    if all(fold(t) in PARTICLES or _INITIAL.match(t) for t in tokens):
        return False
    # A name cannot be only titles ("President").
    return not all(fold(t) in ROLE_HEADS for t in tokens)


def _particle_joined(token: str) -> bool:
    """A particle written onto the capitalised name it belongs to: "al-Assad", "el-Sisi",
    "bin-Salman". The tokenizer keeps it as one word of the name that opens in lowercase."""
    head, _, rest = token.partition("-")
    return bool(rest) and head.islower() and head in PARTICLES and rest[:1].isupper() \
        and rest.replace("-", "").isalpha()


def _repeats(words: list[str]) -> bool:
    """The words are one shorter sequence written twice or more ("ann lee ann lee")."""
    n = len(words)
    return any(n % size == 0 and words == words[:size] * (n // size) for size in range(1, n // 2 + 1))


def refine(cands: list[Candidate], text: str, body_offset: int) -> list[Candidate]:
    """Edges the model glued onto names, trimmed: a headline mention cut to the name the body
    writes inside it ("How Elon Musk", "Lorde Gave Taylor Swift" in a Title Case headline),
    and a first word that the article also writes in lowercase and that labelled news does not
    use in names ("Officer Hock Tan"), or such a last word labelled news has never seen
    ("Michael Russell Follow")."""
    # A line in Title Case (a headline repeated in the body, a subheading) is read like the
    # headline: its capitals say nothing about where a name starts.
    headline_like = {c.start_char for c in cands if c.start_char < body_offset or _title_case_line(c, text)}
    body_keys = {c.key for c in cands if c.start_char not in headline_like}
    refined = []
    for cand in cands:
        if cand.start_char in headline_like and len(cand.tokens) > 1 and cand.key not in body_keys:
            cand = _body_form_inside(cand, text, body_keys)
            # A surname the completion gave a headline's verb as a given name ("RNC Chair
            # Challenges Trump's Claims"): the surname alone is the mention. A verb's shape
            # (-s, -ed, -ing) and no lean towards names in labelled news ("James" has one).
            if cand.label == "NONE" and len(cand.tokens) > 1 and cand.key not in body_keys \
                    and _verb_shaped(cand.tokens[-2]):
                sub = _sub_candidate(cand, text, len(cand.tokens) - 1, len(cand.tokens))
                cand = Candidate(sub.tokens, sub.start_char, sub.end_char, "", sub.label, sub.flags, cand.titled)
        trimmed = _trim_common_edges(cand, text)
        if trimmed is not None:
            refined.append(trimmed)
    keys = {c.key for c in refined}
    return [c for c in refined if not _two_names_joined(c, keys)]


def _verb_shaped(word: str) -> bool:
    folded = fold(word)
    return folded.endswith(("s", "ed", "ing")) and name_leans().get(folded, 0.0) <= 0.0


def _two_names_joined(cand: Candidate, keys: set[tuple[str, ...]]) -> bool:
    """Two people's names joined by a hyphen ("a Macron-Le Pen government", "the Biden-Harris
    campaign"): each side ends a name the article gives elsewhere, so the pair is no one's name.
    A hyphenated family name whose parts are not both names found apart stays ("Sarah
    Huckabee-Sanders")."""
    if "-" not in cand.text or len(cand.tokens) > 3:
        return False
    left, _, right = cand.text.partition("-")
    sides = [tuple(fold(w) for w in side.split()) for side in (left, right)]
    if not all(sides) or not left[:1].isupper() or not right[:1].isupper():
        return False
    others = [k for k in keys if k != cand.key]
    return all(any(len(k) >= len(side) and k[-len(side):] == side for k in others) for side in sides)


def _title_case_line(cand: Candidate, text: str) -> bool:
    end = text.find("\n", cand.end_char)  # the line as `_line_of` takes it
    return _title_case_text(text, text.rfind("\n", 0, cand.start_char) + 1, len(text) if end == -1 else end)


@lru_cache(maxsize=256)  # the names of a paragraph share its line
def _title_case_text(text: str, start: int, end: int) -> bool:
    words_ = re.findall(r"[^\W\d_][\w'’-]*", text[start:end])
    return len(words_) >= 4 and sum(w[0].isupper() for w in words_) >= 0.8 * len(words_)


def _sub_candidate(cand: Candidate, text: str, lo: int, hi: int) -> Candidate:
    """The candidate cut to its tokens lo..hi-1, with their character offsets in the text."""
    pos = cand.start_char
    starts = []
    for token in cand.tokens:
        found = text.find(token, pos)
        starts.append(found if found >= 0 else pos)
        pos = starts[-1] + len(token)
    start = starts[lo]
    end = starts[hi - 1] + len(cand.tokens[hi - 1])
    # Cues read before or after the old edges no longer touch the name.
    flags = cand.flags - ({"org_context", "article_before", "place_preposition"} if lo > 0 else set()) \
        - ({"org_context", "group_after", "place_after", "possessive"} if hi < len(cand.tokens) else set())
    return Candidate(cand.tokens[lo:hi], start, end, cand.role if lo == 0 else "", cand.label, flags,
                     cand.titled or lo > 0)


def _body_form_inside(cand: Candidate, text: str, body_keys: set[tuple[str, ...]]) -> Candidate:
    n = len(cand.tokens)
    # Only to a full name: "Tibor Varga" in a Title Case table line is not cut to "Varga".
    for size in range(n - 1, 1, -1):
        for lo in range(n - size + 1):
            if name_key(cand.tokens[lo:lo + size]) in body_keys:
                sub = _sub_candidate(cand, text, lo, lo + size)
                return Candidate(sub.tokens, sub.start_char, sub.end_char, sub.role, sub.label, sub.flags, cand.titled)
    return cand


def _trim_common_edges(cand: Candidate, text: str) -> Candidate | None:
    leans = name_leans()
    lo, hi = 0, len(cand.tokens)

    def common(token: str) -> bool:
        folded = fold(token)
        return (token.isalpha() and folded not in PARTICLES and leans.get(folded, 0.0) <= 0.0
                and folded not in words("family_first_surnames")
                and written_lowercase(token, text))

    while hi - lo > 1 and common(cand.tokens[lo]):
        lo += 1
    # A last word only when labelled news never has it in a name ("Follow"): surnames are
    # often words too ("Theresa May").
    while hi - lo > 1 and common(cand.tokens[hi - 1]) and fold(cand.tokens[hi - 1]) not in leans:
        hi -= 1
    if (lo, hi) == (0, len(cand.tokens)):
        return cand
    return _sub_candidate(cand, text, lo, hi)


def group(cands: list[Candidate]) -> list[PersonGroup]:
    """Merge mentions of one person: same key, or a partial name into its one fullest form.

    A partial mention that fits two different full names ("Cuttitta" with both "Marcello
    Cuttitta" and "Massimo Cuttitta") goes to the nearest full name mentioned before it, as
    news copy introduces a person in full before shortening; with none before, it is dropped.
    """
    by_key: dict[tuple[str, ...], list[Candidate]] = {}
    for cand in cands:
        by_key.setdefault(_group_key(cand), []).append(cand)
    keys = sorted(by_key, key=_key_rank, reverse=True)
    parent: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for key in keys:
        fuller = [k for k in keys if _key_rank(k) > _key_rank(key) and k[-1] == key[-1] and _within(key, k)]
        if not fuller and len(key) == 1 and len(key[0]) >= 5:
            # One spelling slip of the surname ("Nguema" for "Ngeuma", "Zelenskiy"/"Zelensky").
            fuller = [k for k in keys if len(k) > 1 and k[-1] != key[0] and k[-1][:1] == key[0][:1]
                      and difflib.SequenceMatcher(None, k[-1], key[0]).ratio() >= 0.8]
        if not fuller and len(key) == 1 and key[0] not in PARTICLES:
            # A family name written first ("Xi" of "Xi Jinping", "Kim" of "Kim Jong-un"), or a
            # name shortened to its first word ("Anwar" of "Anwar Ibrahim"): the fuller names
            # holding the word anywhere. A name with the title of people known by one name
            # goes only to a full name with such a title too: "Pope Francis" is not "Francis
            # Xavier" shortened, "Prince Mohammed" is "Crown Prince Mohammed bin Salman".
            titled = _one_name_titled(by_key[key])
            fuller = [k for k in keys if len(k) > 1 and key[0] in k and (not titled or _one_name_titled(by_key[k]))]
        roots = _roots(fuller, parent)
        parent[key] = roots
    groups: dict[tuple[str, ...], PersonGroup] = {}
    for key in keys:
        if not parent[key]:
            groups[key] = PersonGroup("", [])
    for key in keys:
        roots = parent[key]
        if not roots:
            groups[key].members.extend(by_key[key])
        elif len(roots) == 1:
            groups[roots[0]].members.extend(by_key[key])
        else:
            for cand in by_key[key]:
                before = [(c.start_char, r) for r in roots for c in by_key[r] if c.start_char < cand.start_char]
                if before:
                    groups[max(before)[1]].members.append(cand)
    result = []
    for key, grp in groups.items():
        normal = [m for m in grp.members if not m.all_caps]
        if not normal:
            continue  # only ever seen in capitals: not trusted
        fullest = [m for m in normal if _group_key(m) == key] or normal
        counts: dict[str, int] = {}
        for m in fullest:
            counts[m.text] = counts.get(m.text, 0) + 1
        grp.name = max(counts, key=lambda t: (counts[t], -len(t)))
        grp.members.sort(key=lambda m: m.start_char)
        result.append(grp)
    result.sort(key=lambda g: g.members[0].start_char)
    return result


_ONE_NAME_TITLES = words("regnal_titles")


def _one_name_titled(cands: list[Candidate]) -> bool:
    """A one-word name written after the title of people known by one name ("Pope Francis",
    "King Salman") in one of its mentions."""
    return any(c.role and fold(c.role.split()[-1]) in _ONE_NAME_TITLES for c in cands)


def _roots(fuller: list[tuple[str, ...]], parent: dict) -> list[tuple[str, ...]]:
    roots: list[tuple[str, ...]] = []
    for k in fuller:
        for root in (parent[k] or [k]):
            if root not in roots:
                roots.append(root)
    # A fuller name that is itself inside another fuller name is not a separate root.
    return [r for r in roots if not any(o != r and _key_rank(o) > _key_rank(r) and _within(r, o) for o in roots)]


def _group_key(cand: Candidate) -> tuple[str, ...]:
    """The name key, with a leading initial kept as a marker ("s."): "S. Waugh" is not "Mark Waugh"."""
    key = cand.key
    if len(cand.tokens) > 1 and _INITIAL.match(cand.tokens[0]) and len(key) < len(cand.tokens):
        return (cand.tokens[0][0].lower() + ".", *key)
    return key


def _key_rank(key: tuple[str, ...]) -> tuple[int, int]:
    """How full a key is: its words, then whether it has an initial besides."""
    words = sum(not w.endswith(".") for w in key)
    return words, len(key) - words


def _within(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    """Every word of `part` is in `whole`, and its initial (if any) starts a word of `whole`."""
    words = [w for w in whole if not w.endswith(".")]
    for word in part:
        if word.endswith("."):
            if word not in whole and not any(w.startswith(word[:-1]) for w in words):
                return False
        elif word not in whole:
            return False
    return True

# "<Outlet> spoke to journalist X in Hong Kong for more": the outlet's guest reporter, a source
# of the report rather than a person in the story (the place still counts).
_OUTLET_GUEST = re.compile(
    r"\b(?:spoke|speaks|talked|talks) to (?:journalist|correspondent|reporter)[ \t]+"
    r"(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’.-]+){1,3})(?=[^.!?\n]*\bfor more\b)"
)

# A paragraph of its own that says who wrote the piece: "Jane Roe is technology correspondent
# for The World.", "John Doe is a columnist at ..." (a writer's note, not a person of the story).
_AUTHOR_NOTE = re.compile(
    r"^[ \t]*(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’.-]+){1,3})[ \t]+is[ \t]+(?:an?[ \t]+|the[ \t]+)?"
    r"[\w -]{0,40}?\b(?:correspondent|reporter|editor|writer|columnist|journalist|contributor|presenter)"
    r"\b[^.!?\n]*[.!?]?[ \t]*$",
    re.M,
)


def strip_credit_lines(body: str) -> tuple[str, list[str]]:
    """Body without writer credit lines and credit sentences, and the names those give, the
    outlet's own staff and picture credits name (to exclude; picture credits stay in the text,
    as their captions may name people). A credit is dropped whole, its places too: "X in Hong
    Kong contributed reporting" places nothing in Hong Kong."""
    names = []
    for match in CREDIT_LINE.finditer(body):
        names.extend(re.findall(_CREDITED_NAME, match.group(0)))
    body = CREDIT_LINE.sub("", body)
    for match in CREDIT_SENTENCE.finditer(body):
        names.extend(re.findall(_CREDITED_NAME, match.group("sentence")))
    # The sentence goes; the space before it stays with the sentence before.
    body = CREDIT_SENTENCE.sub(lambda m: m.group(0)[: m.start("sentence") - m.start(0)], body)
    names.extend(match.group("name") for match in _OUTLET_STAFF.finditer(body))
    names.extend(match.group("name") for match in _OUTLET_GUEST.finditer(body))
    names.extend(match.group("name") for match in _AUTHOR_NOTE.finditer(body))
    for match in PICTURE_CREDIT.finditer(body):
        name = match.group("name") or match.group("after") or match.group("credited")
        # "How's Sam/How's Kim" is a quip, not a credit: a photographer's name has no possessive;
        # "AP Photo" (of "AP Photo/Jane Roe") is the agency's side.
        words = name.split()
        if not any(word.endswith(_POSSESSIVE[:2]) or fold(word) in NOT_NAME_WORDS for word in words):
            names.append(name)
    # "CNN’s Tim Lister": the outlet is not part of its reporter's name.
    return body, [re.sub(r"^\S+['’]s\s+", "", name) for name in names]
