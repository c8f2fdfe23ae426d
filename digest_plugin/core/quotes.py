"""Direct quotations and who said them: the words in quotation marks that an article gives to
one of its named people.

Input is the article's text and its people (canonical name, the surface forms the text uses,
the roles it gives them), as entity extraction found them; output is (speaker, text) pairs,
the speaker being one of those canonical names. The digest maps speakers to its canonical
people later, the same way it maps mentions (`entities.resolve`). Nothing here parses: it reads
characters and words, so it adds next to nothing to extraction and runs without spaCy.

Flow, per paragraph (a line of the text):

1. `_quote_spans`: quotation marks paired into spans (curly or straight, double or single;
   a quotation still open at the end of a paragraph runs to its end, as multi-paragraph
   quotations are printed), with sentence boundaries found outside them (`_Layout`).
2. For each span, the attribution, first that applies (`_attribute`): a reporting verb or
   colon right before it ("Haddad argued, ..."), one right after it ("...," he said; "...,"
   said X), a reporting verb earlier in the sentence (reported speech: "Haddad stated that the
   EU ..."), the attribution of the previous quotation in the same sentence, a trailing
   "..., he noted." and, for a quotation that opens its sentence with no attribution of its own,
   the speaker of the quotation just before it (reporters run one speaker's sentences on).
   "According to X" before a quotation names X. A quotation opening its sentence right after
   one person's reported speech ("X said the army was ready. \"...\"") is that person's, and
   one sentence about the speaker ("He also ...") may stand between two of their quotations.
   A quotation with no attribution of its own earlier in a sentence that an attribution after
   its last quotation closes takes that speaker (`_attributed_later`). A paragraph of a
   quotation that runs over paragraphs with its attribution in a later one takes that speaker,
   as does one cut short by the next opening mark where scraping lost the break (`_run_back`).
3. The subject of an attribution (`_Subjects`): the first noun phrase of the clause that is a
   person, a pronoun, a role, an organisation or an unnamed source. Only a named person, a
   "he"/"she" (or "the 61-year-old") the text ties to the person named just before, or a role
   ("the minister", "the Russian president", or a role the article gives one of its people,
   "the actor") that exactly one of the article's people holds gives a speaker; "the
   minister, X," is X. Words attributed to an organisation, a government or an unnamed source
   are dropped, never given to a person; so are words of two people named together ("X and Y
   said"), someone else's claims reported inside a person's sentence ("amid union claims that
   ..."), and the words of a "person" the text describes as an organisation ("X, which ...",
   "X, the national carrier,").
4. A quotation split by its attribution inside one sentence ("...," he said, "...") is joined
   with " ... "; titles ("Sporting Superpower"), scare quotes ("so-called ...", "known as
   ...") and phrases used as a noun of the sentence ('the "grey zone tactics" were ...') are not
   quotations of anyone.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from digest_plugin.core.ingest.sanitize import clean_line
from digest_plugin.core.model import Quote
from digest_plugin.core.whole_words import find_whole

# Bump when the quotations found for the same input can change (part of the extraction cache key
# through `entities.extract.EXTRACTOR_VERSION`).
QUOTES_VERSION = "4"


@dataclass(frozen=True)
class Speaker:
    """A person of the article as the quotation finder needs them."""

    name: str
    surfaces: tuple[str, ...]
    roles: tuple[str, ...] = ()


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Reporting verbs, inflected: the parser that would give lemmas is not run (extract.py), and a
# closed list keeps the rule readable. Cognitive verbs ("believes") count: news reports them
# with the person's words in quotation marks.
_VERB_STEMS = (
    "say says said saying tell tells told telling add adds added adding state states stated stating "
    "warn warns warned warning argue argues argued arguing write writes wrote writing written note notes "
    "noted noting remark remarks remarked reiterate reiterates reiterated reiterating insist insists "
    "insisted insisting explain explains explained explaining continue continues continued claim claims "
    "claimed claiming declare declares declared declaring stress stresses stressed stressing emphasise "
    "emphasises emphasised emphasising emphasize emphasizes emphasized emphasizing ask asks asked asking "
    "reply replies replied replying respond responds responded responding answer answers answered post "
    "posts posted posting tweet tweets tweeted tweeting suggest suggests suggested suggesting describe "
    "describes described describing call calls called calling label labels labeled labelled labeling "
    "labelling brand brands branded branding hail hails hailed hailing praise praises praised praising "
    "promise promises promised promising pledge pledges pledged pledging vow vows vowed vowing urge urges "
    "urged urging accuse accuses accused accusing criticise criticises criticised criticising criticize "
    "criticizes criticized criticizing complain complains complained complaining acknowledge acknowledged "
    "admit admits admitted admitting announce announces announced announcing recall recalls recalled "
    "believe believes believed think thinks thought quip quips quipped joke jokes joked concede concedes "
    "conceded lament laments lamented observe observes observed predict predicts predicted proclaim "
    "proclaims proclaimed proclaiming charge charges charged denounce denounces denounced denouncing "
    "slam slams slammed slamming condemn condemns condemned condemning dismiss dismissed dismissing thank "
    "thanked thanking reveal reveals revealed confirm confirms confirmed deny denies denied assert asserts "
    "asserted contend contends contended point points pointed pointing spoke spoken speaking speaks "
    "hope hopes hoped hoping recount recounted mention mentioned mentions cautioned cautions caution "
    "counter countered counters agree agreed agrees predicted maintained maintains stressed "
    "disclosed acknowledges welcomed welcomes repeated repeats repeating deplored deplores decried decries "
    "blasted mocked boasted bemoaned touted touts touting scoffed derided expressed voiced "
    # Further verbs of saying, in forms that are not also common nouns or adjectives.
    "commented commenting exclaimed exclaims shouted yelled cried whispered murmured muttered sighed "
    "retorted retorts interjected pleaded pleading demanded demanding begged inquired enquired wondered "
    "mused grumbled groaned snapped objected protested appealed appealing opined threatened threatening "
    "assured reassured advised testified testifying affirmed reaffirmed clarified elaborated speculated "
    "reckoned feared texted emailed indicated summarised summarized highlighted underlined underscored "
    "concluded teased rebutted reasoned blamed blaming defended defending apologised apologized "
    "congratulated applauded commended lauded "
    # 'talked about the "age-old sin"', 'referred to himself as the "president-elect"'
    "talked referred"
)
# Base forms that are more often nouns ("a post", "the state", "a brand") are left out.
_NOUN_LIKE = _wordset(
    "state post posts note notes point points call calls claim claims charge charges brand brands label labels "
    "praise promise promises pledge pledges vow vows tweet tweets answer answers reply counter counters remark "
    "remarks caution hope hopes thought stress quip quips joke jokes lament laments slam slams urge caution "
    "cautions mention mentions recount admit accuse"
)
SPEECH_VERBS = _wordset(_VERB_STEMS) - _NOUN_LIKE
# "Louis Fowler was said to be ...": a passive report names no speaker.
_PASSIVE = frozenset({"was", "were", "is", "are", "been", "be", "being"})
_HE_SHE = frozenset({"he", "she"})
# "The 61-year-old told reporters": news refers back to the person just named by age, as by "he".
_AGED = "n-year-old"
_ANAPHORS = _HE_SHE | {_AGED}
_THE_AGED = re.compile(r"(?<![\w-])[Tt]he[ \t]+(\d{1,3}-year-old)(?![\w-])(?![ \t]+[A-Z])")
_NOT_PERSON_PRONOUNS = frozenset({"it", "they", "we", "you"})
# Heads of noun phrases that name no one: an attribution to them gives no speaker.
_UNNAMED = _wordset(
    "spokesman spokeswoman spokesperson spokespeople spokesmen official officials source sources statement "
    "statements ministry government company council office police committee agency media newspaper "
    "paper user users analyst analysts expert experts lawyer lawyers presidency administration website "
    "report reports group organisers organizers prosecutor prosecutors embassy party army military "
    "regulator court commission daily tabloid channel broadcaster network firm authorities authority "
    "officer officers residents resident witness witnesses observers critics people fans fan "
    "someone man woman aide aides diplomat diplomats insider insiders person campaign team club "
    "union association declaration letter release post posts document documents website"
)
# Words that name a position a person holds: "the minister said" is that person when the article
# gives the role to exactly one of its people.
_ROLE_WORDS = _wordset(
    "minister president premier chancellor leader envoy secretary ambassador coach manager mayor governor "
    "senator pontiff pope chief chairman chairwoman chair ceo founder director commissioner diplomat "
    "general king queen prince princess judge captain striker executive"
)
# A "person" the text introduces with one of these nouns ("sports company Xtep", "the tabloid
# ...") or whose name ends in a publication's word is an organisation that named-entity
# recognition took for a person: what it says is nobody's quotation.
_ORG_NOUNS = _wordset(
    "company firm brand newspaper daily tabloid outlet agency broadcaster magazine paper channel network "
    "platform app website station publisher maker manufacturer carrier airline retailer giant startup "
    "start-up group party organisation organization watchdog charity nonprofit non-profit ngo institute "
    "university foundation federation association union bank band club body ministry regulator"
)
_PUBLICATION_WORDS = _wordset(
    "gazeta gazette pravda komsomolets izvestia kommersant vedomosti times post journal daily herald "
    "tribune telegraph guardian zeitung monde figaro news express mirror observer chronicle inquirer "
    "courier globe standard independent economist"
)
# Lowercase words that can stand in a title before a name ("government spokesman Colonel X",
# "Macron ally Y", "US Secretary of State Z"): a verb there ("Reis attacked Vidal") is no title.
_TITLE_WORDS = _ROLE_WORDS | _UNNAMED | _wordset(
    "of the for and ally allies rival aide adviser advisor wife husband son daughter brother sister father "
    "mother former current chief senior deputy acting top foreign prime vice assistant associate then new "
    "outgoing interim junior state affairs defence defense finance interior justice health trade "
    # "best actress winner X", "Oscar nominee X", "Hollywood star X"
    "winner nominee star champion veteran legend hopeful favourite favorite candidate newcomer colleague "
    "teammate partner friend"
)
_PREPOSITIONS = _wordset(
    "in on at to from with by of for about after before during against among between into over under "
    "despite like than via per toward towards regarding following including concerning without within "
    "upon across behind beyond through throughout near outside inside unlike"
)
_DETERMINERS = frozenset({"the", "a", "an", "one", "his", "her", "its", "their", "our", "this", "that", "another"})
# Words right before a quotation that make it a term, a name or a title, not someone's words.
_TERM_CUE = re.compile(
    r"(?:(?:so-called|so called|known as|dubbed|nicknamed|termed|titled|entitled|the (?:word|words|term|phrase|"
    r"slogan|hashtag|motto|theme|caption|headline|banner)|called (?:a|an|himself|herself|itself|themselves)|"
    r"caption|slogan|theme|hashtag|motto)\s*[,:]?|(?:album|song|single|film|book|novel|series|banner))\s*$",
    re.IGNORECASE,
)
_ABBREVIATIONS = _wordset(
    "mr mrs ms dr st prof gen sen rep gov lt col sgt capt cmdr adm jr sr inc ltd co corp no vs etc jan feb mar "
    "apr jun jul aug sep sept oct nov dec mt ft u.s u.k u.n e.g i.e"
)
_LETTERS = re.compile(r"[A-Za-z][\w’'-]*")
_WORD = re.compile(r"[\w’'-]+|[^\w\s]")
_DOUBLE = "“”\"„‟″"
_MARKS = re.compile("[“”\"„‟″‘’'‚‛]")
_SINGLE = "‘’'‚‛"
_OPEN_BEFORE = " \t\n([{—–-/“\"‘"
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*|\n(?=[ \t]+\S)")
# Quotation marks in the text of a quotation that the output drops: the outer ones.
_EDGE = " \t\n,;"


def fold(text: str) -> str:
    """Lowercase without diacritics: how names and words are compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass
class _Span:
    """One quotation's characters: marks at `start` and `end - 1` (when closed)."""

    start: int
    end: int
    text_start: int
    text_end: int
    closed: bool
    paragraph: int
    speaker: str | None = None
    decided: bool = False
    how: str = ""
    joined: list[_Span] = field(default_factory=list)


def find_quotes(text: str, people: Sequence[Speaker], start: int = 0,
                others: Iterable[tuple[int, int]] = ()) -> list[Quote]:
    """The quotations of `text[start:]` that the text gives to one of `people`.

    `others` are character spans of names that are not people (organisations, places), as
    named-entity recognition found them: an attribution to one of them gives no speaker.
    """
    layout = _Layout(text, start)
    if not layout.spans:
        return []
    subjects = _Subjects(text, people, list(others), layout)
    for index in range(len(layout.spans)):
        _attribute(text, layout, subjects, index)
    _attributed_later(text, layout)
    _run_back(layout)
    _join_split(text, layout)
    quotes: list[Quote] = []
    seen: set[tuple[str, str]] = set()
    for span in layout.spans:
        if span.speaker is None or span.how == "joined":
            continue
        words = " ... ".join(_clean(text[s.text_start:s.text_end]) for s in [span, *span.joined])
        if words and (span.speaker, words) not in seen:
            seen.add((span.speaker, words))
            quotes.append(Quote(span.speaker, words))
    return quotes


def quote_text(text: str) -> str:
    """A quotation as the story's reader reads it, for pages and digest.json. `find_quotes`
    takes the words from the Markdown body, where ingestion spells "<" and "&" as entities and a
    hand-written file may hold raw HTML (which its page shows as text): the words are made plain
    text as a headline is (entities decoded, tags dropped, one line); "" when nothing is left.
    Applied where quotations are shown, not in `find_quotes`, so the extraction cache stands."""
    return clean_line(text)


def _clean(words: str) -> str:
    # Article bodies are Markdown: "\\[could\\]" in the file is "[could]" in the story.
    words = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~])", r"\1", words)
    return " ".join(words.split()).strip(_EDGE)


class _Layout:
    """Paragraphs, quotation spans and sentence boundaries of a text."""

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.spans: list[_Span] = []
        self.paragraphs: list[tuple[int, int]] = []
        # Bodies are Markdown: a blank line ends a paragraph, a single line break is a soft wrap
        # (hard-wrapped wire copy); an indented line also starts one, as raw wire copy marks them.
        position = start
        for number, brk in enumerate([*_PARAGRAPH_BREAK.finditer(text, start), None]):
            end = brk.start() if brk is not None else len(text)
            self.paragraphs.append((position, end))
            self.spans.extend(_quote_spans(text, position, end, number))
            position = brk.end() if brk is not None else end
        self._starts = [span.start for span in self.spans]  # spans do not overlap, in order
        self.boundaries = self._sentence_boundaries()

    def inside(self, position: int) -> bool:
        at = bisect.bisect_right(self._starts, position) - 1
        return at >= 0 and position < self.spans[at].end

    def _sentence_boundaries(self) -> list[int]:
        """Positions just after a sentence's end, outside quotations; paragraph ends included."""
        text = self.text
        bounds: list[int] = []
        for lo, hi in self.paragraphs:
            for match in re.finditer(r"[.!?;]+(?=\s+[“\"‘'(\[]?[A-Z0-9])", text[lo:hi]):
                at = lo + match.start()
                if self.inside(at) or _is_abbreviation(text, at):
                    continue
                bounds.append(lo + match.end())
            bounds.append(hi)
        bounds.extend(span.end for span in self.spans if self._ends_sentence(span))
        return sorted(set(bounds))

    def _ends_sentence(self, span: _Span) -> bool:
        """A quotation ending in a full stop, followed by a new sentence rather than by its
        attribution ('"... as ever." He noted' but not '"... as ever," he said')."""
        text = self.text
        if not span.closed or not text[span.text_start:span.text_end].rstrip().endswith((".", "!", "?", "…")):
            return False
        following = text[span.end:span.end + 80]
        if not re.match(r"\s+[“\"‘'(\[]?[A-Z]", following):
            return False
        words = list(_WORD.finditer(following))[:8]
        for k in range(min(6, len(words))):
            if _speech_verb_at(words, k):
                return not _closes_clause(words, k)  # "He noted that ...": a sentence of its own
        return True

    def regions(self) -> list[tuple[int, int]]:
        """Merged stretches of text around the quotations: from three sentences before each
        (or from the quotation before it, if that is further back) to the end of its sentence."""
        stretches = []
        for index, span in enumerate(self.spans):
            at = bisect.bisect_right(self.boundaries, span.start)
            lo = self.boundaries[at - 4] if at >= 4 else 0
            if index:
                lo = min(lo, self.spans[index - 1].end)
            stretches.append((lo, self.boundaries[at] if at < len(self.boundaries) else len(self.text)))
        merged: list[tuple[int, int]] = []
        for lo, hi in sorted(stretches):
            if merged and lo <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
            else:
                merged.append((lo, hi))
        return merged

    def sentence_of(self, position: int) -> tuple[int, int]:
        at = bisect.bisect_right(self.boundaries, position)
        lo = self.boundaries[at - 1] if at else 0
        return lo, self.boundaries[at] if at < len(self.boundaries) else len(self.text)


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"([\w.]+)$", text[max(0, dot - 12):dot])
    if word is None:
        return False
    token = word.group(1).lower()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _quote_spans(text: str, lo: int, hi: int, paragraph: int) -> list[_Span]:
    """Pair the quotation marks of one paragraph into spans.

    Curly marks say which way they face; a straight mark opens when it follows a space (or
    starts the line) and closes otherwise. An opening mark inside an open double quotation
    means the first was never closed: it ends there. Single marks count only outside double
    ones and only at word edges, as the same characters are apostrophes inside words.
    """
    spans: list[_Span] = []
    open_at: int | None = None
    single_at: int | None = None
    for mark in _MARKS.finditer(text, lo, hi):
        i = mark.start()
        c = text[i]
        before = text[i - 1] if i > lo else " "
        after = text[i + 1] if i + 1 < hi else " "
        if c in _DOUBLE:
            straight = c not in "“”„‟"
            can_open = c in "“„‟" or (straight and before in _OPEN_BEFORE and not after.isspace())
            can_close = c == "”" or (straight and not before.isspace())
            if open_at is None:
                if can_open:
                    open_at, single_at = i, None
            elif can_close:
                spans.append(_Span(open_at, i + 1, open_at + 1, i, True, paragraph))
                open_at = None
            else:  # an opening mark: the quotation before it was never closed
                spans.append(_Span(open_at, i, open_at + 1, i, False, paragraph))
                open_at = i
        elif c in _SINGLE and open_at is None:
            if single_at is None and c in "‘'" and before in _OPEN_BEFORE and after.isalnum():
                single_at = i
            elif single_at is not None and c in "’'" and not before.isspace() and not after.isalnum():
                if len(text[single_at:i].split()) <= 40:
                    spans.append(_Span(single_at, i + 1, single_at + 1, i, True, paragraph))
                single_at = None
    if open_at is not None and text[open_at + 1:hi].strip():
        spans.append(_Span(open_at, hi, open_at + 1, hi, False, paragraph))
    return [s for s in spans if text[s.text_start:s.text_end].strip(_EDGE + ".")]


@dataclass(frozen=True)
class _Candidate:
    """A noun phrase that can be the subject of an attribution."""

    start: int
    end: int
    kind: str  # "person", "pronoun", "role", "other"
    value: str  # the person's name, the pronoun or the role word


class _Subjects:
    """Who an attribution names: the article's people found in the text, pronouns, roles,
    organisations and unnamed sources, each at its place in the text."""

    def __init__(self, text: str, people: Sequence[Speaker], others: list[tuple[int, int]],
                 layout: _Layout) -> None:
        self.text = text
        self.layout = layout
        self.people = people
        # Only the text an attribution can reach is read: each quotation's sentence and the
        # three before it (a pronoun's antecedent), and what lies between two quotations.
        regions = layout.regions()
        others = sorted(others)
        found = [c for lo, hi in regions for c in _people_in(text, people, others, lo, hi)]
        self.organisations = {
            c.value for c in found
            if fold(_word_before(text, c.start)) in _ORG_NOUNS or _described_as_organisation(text, c.end)
            or (len(c.value.split()) > 1 and fold(c.value.split()[-1]) in _PUBLICATION_WORDS)
        }
        taken = bytearray(len(text) + 1)  # 1 where a person is named: no other candidate there
        for cand in found:
            taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
        found.extend(_Candidate(lo, hi, "other", text[lo:hi]) for lo, hi in others if not any(taken[lo:hi]))
        roles = _article_roles(people)
        for lo, hi in regions:
            found.extend(_words_in(text, taken, lo, hi, roles))
        self.candidates = sorted(found, key=lambda c: c.start)
        self._starts = [c.start for c in self.candidates]
        self._people = [c for c in self.candidates if c.kind == "person"]
        self._people_starts = [c.start for c in self._people]

    def between(self, lo: int, hi: int) -> list[_Candidate]:
        """Candidates starting in text[lo:hi], in order."""
        return self.candidates[bisect.bisect_left(self._starts, lo):bisect.bisect_left(self._starts, hi)]

    def first(self, lo: int, hi: int, after_verb: bool = False) -> _Candidate | None:
        """The first candidate in text[lo:hi] outside quotations that can be a subject;
        `after_verb`: text[lo:hi] follows the reporting verb ("said X", "according to X")."""
        if not after_verb:
            lo = _after_fronted_clause(self.text, lo, hi)
        for cand in self.between(lo, hi):
            if cand.end > hi or self.layout.inside(cand.start):
                continue
            if self.is_subject(cand, after_verb):
                return cand
        return None

    def is_subject(self, cand: _Candidate, after_verb: bool = False) -> bool:
        text = self.text
        after = text[cand.end:cand.end + 3]
        possessive = after[:2] in ("’s", "'s") or (after[:1] in "’'" and text[cand.end - 1] == "s")
        if cand.kind != "pronoun" and possessive:
            return False  # possessive: "Macron's comments"
        if cand.kind == "pronoun":
            return cand.value in _ANAPHORS or _word_before(text, cand.start) not in _PREPOSITIONS
        if not after_verb and _governed_by_preposition(text, cand.start):
            return False  # "with", "by", "in", "in England and Wales": not the subject
        if cand.kind == "person" and _word_before(text, cand.start) in ("the", "a", "an"):
            return False  # "the Schellenberg sentence": a name used as a modifier
        if cand.kind == "other" and self._qualifies_role(cand):
            return False  # "the Russian president": the role is the subject
        # "Kremlin spokesman Dmitry Peskov", "Macron ally Yael Braun-Pivet": the words before a
        # person are the person's title.
        return not self._titles_person(cand)

    def _qualifies_role(self, cand: _Candidate) -> bool:
        following = next((c for c in self.between(cand.end, cand.end + 40) if c.start >= cand.end), None)
        if following is None or following.kind != "role":
            return False
        return all(fold(w) in _TITLE_WORDS for w in self.text[cand.end:following.start].split())

    def _titles_person(self, cand: _Candidate) -> bool:
        at = bisect.bisect_left(self._people_starts, cand.end)
        following = next((c for c in self._people[at:at + 4] if c.value != cand.value), None)
        if following is None:
            return False
        between = self.text[cand.end:following.start]
        words = between.split()
        if cand.kind == "person" and words == ["and"]:
            return False  # "Vidal and Costa": two people; "X and Co manager Y" is a title
        return len(words) <= 4 and not re.search(r"[,.;:()“”\"]", between) and all(
            w[:1].isupper() or fold(w) in _TITLE_WORDS for w in words)

    def _coordinated(self, cand: _Candidate) -> bool:
        """'Vidal and Costa met': a "he" or "she" after it could be either."""
        at = bisect.bisect_left(self._people_starts, cand.end)
        following = self._people[at] if at < len(self._people) else None
        return following is not None and re.fullmatch(r"[ \t]+and[ \t]+(?:[A-Z][\w’'.-]*[ \t]+){0,3}",
                                                      self.text[cand.end:following.start]) is not None

    def speaker_of(self, cand: _Candidate | None) -> tuple[bool, str | None]:
        """(whether there is a subject, the person it names or None)."""
        if cand is None:
            return False, None
        if cand.kind == "person":
            return True, None if cand.value in self.organisations else cand.value
        if cand.kind == "pronoun":
            return True, self.antecedent(cand.start) if cand.value in _ANAPHORS else None
        if cand.kind in ("role", "other") and cand.value[:1].islower():
            named = self._named_in_apposition(cand)
            if named is not None:  # "The minister, Rita Carvalho, said", "the spokesman for X, Y,"
                return True, None if named.value in self.organisations else named.value
        if cand.kind == "role":
            return True, self._role_holder(cand)
        return True, None

    def _named_in_apposition(self, cand: _Candidate) -> _Candidate | None:
        """The person named between commas right after a role or an unnamed source's noun,
        which may take a noun, a complement and the person a title: "the minister, X,", "the
        chief spokesperson for the army (IDF), Rear Admiral X,"."""
        at = bisect.bisect_left(self._people_starts, cand.end)
        following = self._people[at] if at < len(self._people) else None
        if following is None or not re.fullmatch(
                r"(?:[ \t]+[a-z]+)?(?:[ \t]+(?:of|for|at|in|to)[ \t]+[^,.;:“”\"]{1,70})?,[ \t]+"
                r"(?:[A-Z][\w.’'-]*[ \t]+){0,3}",
                self.text[cand.end:following.start]):
            return None
        return following if re.match(r"[ \t]*,", self.text[following.end:following.end + 3]) else None

    def _determined(self, cand: _Candidate) -> bool:
        """A noun with its article: "the Israeli military", not "social media"."""
        word, start = _previous_word(self.text, cand.start)
        if word not in _DETERMINERS and not word.endswith(("’s", "'s")):
            word, _ = _previous_word(self.text, start)
        return word in _DETERMINERS or word.endswith(("’s", "'s"))

    def words_of_another(self, lo: int, hi: int) -> bool:
        """'X defended the budget amid union claims it was "..."': between the reporting
        verb and the quotation, the words of someone else ("union claims", "the ministry's
        remarks"), whose quotation it is; when that someone is no person, nobody's."""
        for match in _SPEECH_NOUNS.finditer(self.text, lo, hi):
            if _word_after(self.text, match.end()) in _FINITE:
                continue  # "X said Y's comment was "..."": the words judge the comment
            word, _ = _previous_word(self.text, match.start())
            if re.sub(r"[’']s?$", "", word) in _UNNAMED | _ORG_NOUNS:
                return True  # "the ministry's remarks", "officials' claims"
            owner = [c for c in self.between(max(lo, match.start() - 40), match.start()) if c.kind != "pronoun"]
            if owner and re.fullmatch(r"(?:[’']s?)?[ \t]+", self.text[owner[-1].end:match.start()]):
                return True  # "Harbour Party claims", "Costa's remarks"
        return False

    def _bare_modifier(self, cand: _Candidate) -> bool:
        """A lowercase word of an unnamed source with no article or possessive before a noun
        ("it waits for official approval"): a modifier in a sentence about something else, not a
        subject a later "he" could stand for, so the search for his antecedent goes on. Before
        what may be a verb ("a ministry spokeswoman confirmed") it is the subject."""
        if cand.kind != "other" or not cand.value[:1].islower() or self._determined(cand):
            return False
        following = _word_after(self.text, cand.end)
        return bool(re.fullmatch(r"[a-z]+", following)) and following not in SPEECH_VERBS | _FINITE | _GAP_WORDS \
            and not following.endswith(("ed", "s"))

    def agent(self, lo: int, hi: int) -> tuple[bool, str | None]:
        """The person after "by" in a passive report ('described as "..." by X')."""
        inside = [c for c in self.between(lo, hi) if c.end <= hi]
        person = next((c for c in inside if c.kind == "person"), None)
        if person is None or person.value in self.organisations:
            return bool(inside), None
        if not any(c.kind == "other" and c.start < person.start and not self._titles_person(c) for c in inside):
            return True, person.value
        return bool(inside), None

    def _role_holder(self, cand: _Candidate) -> str | None:
        before, start = _previous_word(self.text, cand.start)
        modifiers = []
        for _ in range(3):  # "the crown prince", "the chief diplomat", "the Russian president"
            if before == "the" or before.endswith(("’s", "'s")):
                break
            if before not in _TITLE_WORDS | {"crown"} and _country_code(before) is None:
                break
            modifiers.append(before)
            before, start = _previous_word(self.text, start)
        if before != "the" and not before.endswith(("’s", "'s")):
            return None  # "a minister", "one official": unnamed
        modifiers.append(before)  # "Portugal's president"
        if re.match(r"[ \t]+[A-Z]", self.text[cand.end:cand.end + 2]):
            return None  # "President Ebrahim Raisi": the title of a name the article's people lack
        word = cand.value
        holders = {p.name for p in self.people if any(word in fold(role).split() for role in p.roles)}
        if not holders and word not in _ROLE_WORDS:
            return None  # "the ministers": several people, none of them the speaker alone
        # "Mohammed" and "Mohammed bin Salman", both "Crown Prince": one person, named twice.
        holders = {h for h in holders if not any(h != o and set(h.split()) < set(o.split()) for o in holders)}
        countries = {code for w in modifiers if (code := _country_code(w)) is not None}
        if countries:
            # "Portugal's president", "the Russian president": only a holder whose role names
            # that country; one whose role names none or another is not meant.
            holders = {h for h in holders if countries & self._role_countries(h, word)}
        return holders.pop() if len(holders) == 1 else None

    def _role_countries(self, name: str, word: str) -> set[str]:
        person = next(p for p in self.people if p.name == name)
        return {code for role in person.roles if word in fold(role).split()
                for w in fold(role).split() if (code := _country_code(w)) is not None}

    def before(self, seg_lo: int, pos: int, sent_lo: int) -> tuple[bool, str | None]:
        """The subject of a verb at `pos`: a person or pronoun right before it ("Hayatou simply
        said"), else the first subject of the clause since the last quotation, else of the
        sentence."""
        lead = [fold(word.strip(",;")) for word in self.text[max(seg_lo, pos - 40):pos].split()]
        if lead[-1:] == ["which"] or (lead[-2:-1] == ["which"] and _is_adverb(lead[-1])):
            return True, None  # "the agency, which accused them of ...": "which" is never a person
        near = [c for c in self.between(max(seg_lo, pos - 40), pos) if not self.layout.inside(c.start)]
        gap = self.text[near[-1].end:pos].split() if near else []
        if gap[:2] in ([",", "who"], [",who"]) and near[-1].kind == "person":
            gap = gap[2:]  # "Cardinal X, who spoke about": the relative pronoun is X
        described = self._described_before(seg_lo, pos)
        if described is not None:
            cand: _Candidate | None = described  # "X, from the Y consultancy, says"
        elif near and (not gap or (len(gap) == 1 and _is_adverb(gap[0]))) and self.is_subject(near[-1]) \
                and (near[-1].kind in ("person", "pronoun") or self._determined(near[-1])):
            cand = near[-1]  # "Hayatou simply said", "the Israeli military said"
        else:
            cand = self.first(seg_lo, pos)
            if cand is None and sent_lo < seg_lo:
                cand = self.first(sent_lo, pos)
        if cand is not None and cand.kind == "person" and (self._coordinated(cand) or self._second_of_pair(cand)):
            return True, None  # "X and Y, who observed, ...": words of two people, not one's
        return self.speaker_of(cand)

    def _described_before(self, seg_lo: int, pos: int) -> _Candidate | None:
        """A person described between commas right before the verb ("X, from the Y
        consultancy, says", "X, a researcher at Z, said"): the description's nouns are not the
        subject, X is."""
        window = self.text[max(seg_lo, pos - 160):pos]
        match = re.search(r",[^,.;:!?“”\"]{3,120},[ \t]*$", window)
        if match is None:
            return None
        comma = pos - len(window) + match.start()
        if self.layout.inside(comma):
            return None
        description = match.group(0)[1:-1]
        if any(fold(w) in SPEECH_VERBS | _FINITE | {"and", "or", "but"} for w in description.split()):
            return None  # a clause or a list, not a description
        person = next((c for c in reversed(self.between(max(seg_lo, comma - 60), comma))
                       if c.end <= comma), None)
        if person is None or person.kind != "person" or self.text[person.end:comma].strip() \
                or self.layout.inside(person.start) or not self.is_subject(person):
            return None
        # X opens its clause ("..., though X, from Y, says"), not the object of a verb before it
        # ("he condemned X, the MP who ..., calling").
        opening = self.text[max(seg_lo, person.start - 40):_phrase_start(self.text, person.start)]
        if opening.strip() and not re.search(r"(?:^|[,;:(—–-]|\b(?:though|although|but|and|while|whereas|yet))\s*$",
                                             opening):
            return None
        return person

    def _second_of_pair(self, cand: _Candidate) -> bool:
        at = bisect.bisect_left(self._people_starts, cand.start)
        previous = self._people[at - 1] if at else None
        return previous is not None and previous.value != cand.value and self._coordinated(previous) \
            and re.fullmatch(r"[ \t]+and[ \t]+", self.text[previous.end:cand.start]) is not None

    def antecedent(self, position: int, depth: int = 0) -> str | None:
        """The person a "he" or "she" at `position` stands for: the subject of its own sentence
        if one comes before it, else of the nearest of the three sentences before it that has
        one (a person, or a "he" standing for one), or the speaker of its quotations. A subject
        that is no known person (a role, an organisation, a name extraction did not keep) ends
        the search: nobody."""
        lo, _ = self.layout.sentence_of(position)
        here = self.first(lo, position)  # "Le Pen made clear ..., but she said"
        if here is not None and here.kind == "person" and here.end <= position:
            return None if self._coordinated(here) else self.speaker_of(here)[1]
        for _ in range(3):
            if lo <= 0 or depth > 3:
                return None
            prev_lo, prev_hi = self.layout.sentence_of(lo - 1)
            cand = self.first(prev_lo, prev_hi)
            while cand is not None and self._bare_modifier(cand):
                cand = self.first(cand.end, prev_hi)
            if cand is not None and cand.kind == "person":
                return None if self._coordinated(cand) else self.speaker_of(cand)[1]
            if cand is not None and cand.kind == "pronoun" and cand.value in _ANAPHORS:
                return self.antecedent(cand.start, depth + 1)
            spoken = [s.speaker for s in self.layout.spans if prev_lo <= s.start < prev_hi and s.speaker]
            if spoken:  # '"...," the chief diplomat said. "...," he added.'
                return spoken[-1]
            if cand is not None:
                return None
            lo = prev_lo
        return None


# Words that open a clause or phrase put before the subject ("When it came to ..., X said").
_FRONTED = _wordset(
    "when while after before if as so although though since because once until unless whereas speaking "
    "asked questioned according despite following without with for in on at during from by"
)


def _after_fronted_clause(text: str, lo: int, hi: int) -> int:
    """Skip a fronted clause that ends with a comma: its nouns are not the sentence's subject."""
    opening = re.match(r"[\s“\"‘'(]*([A-Za-z]+)(?:[ \t]+([A-Za-z]+))?(?:[ \t]+([A-Za-z]+))?", text[lo:hi])
    if opening is None:
        return lo
    first, second, third = (fold(w or "") for w in opening.groups())
    # "Often referred to as ..., X", "Born in Porto, X": a participle opening the sentence,
    # with a lowercase word after it (so not "United Nations officials").
    participle = (_participle(first) and second and second == opening.group(2)) \
        or ((first.endswith("ly") or first in ("often", "long")) and _participle(second) \
        and third and third == opening.group(3))
    if first not in _FRONTED and not participle:
        return lo
    comma = text.find(",", lo, hi)
    return comma + 1 if comma >= 0 else lo


def _participle(word: str) -> bool:
    return word == "born" or (len(word) > 4 and word.endswith(("ed", "ing")))


def _people_in(text: str, people: Sequence[Speaker], others: list[tuple[int, int]],
               lo: int, hi: int) -> list[_Candidate]:
    """Where text[lo:hi] names one of `people`, by any of their forms; a form that a longer
    non-person name goes on after ("Nobel" in "Nobel Committee") is not a mention, one that ends
    it is ("Saeed Sadek" tagged as an organisation)."""
    starts = [o[0] for o in others]
    # "Orban" for "Orbán": names are matched without their accents where that keeps positions.
    plain = _strip_accents(text)
    if len(plain) != len(text):
        plain = text
    found = []
    inner = _inner_names(people)
    for person in people:
        forms = {f for f in (*person.surfaces, person.name) if f.strip()}
        forms |= {_strip_accents(f) for f in forms} if plain is not text else set()
        ordered = sorted(forms | inner.get(person.name, set()), key=len, reverse=True)
        if not ordered:
            continue
        for begin, end in find_whole(plain, ordered, lo, hi):
            at = bisect.bisect_right(starts, begin) - 1
            covered = at >= 0 and others[at][0] <= begin < others[at][1]
            # "Andreas of Human Rights Watch", tagged as one name: the person and where they work.
            affiliated = covered and re.match(r"[ \t]+(?:of|from|at)[ \t]+(?:the[ \t]+)?[A-Z]",
                                              plain[end:others[at][1]]) is not None
            if covered and not affiliated and (plain[begin:end] not in forms or end < others[at][1]):
                continue  # the first words of a longer name: "Nobel" in "Nobel Committee"
            found.append(_Candidate(begin, end, "person", person.name))
    return found


def _inner_names(people: Sequence[Speaker]) -> dict[str, set[str]]:
    """A word before the last of one person's name, used alone for them ("Si" for "Si Jiahui",
    family name first), when no other person has it: the digest merges the same way
    (`entities.resolve`). Only where no organisation or place is named there."""
    owners: dict[str, set[str]] = {}
    taken = {f for p in people for f in p.surfaces}
    for person in people:
        for word in person.name.split()[:-1]:
            if word[:1].isupper() and len(word) > 1 and word not in taken and fold(word) not in _TITLE_WORDS:
                owners.setdefault(word, set()).add(person.name)
    inner: dict[str, set[str]] = {}
    for word, names in owners.items():
        if len(names) == 1:
            inner.setdefault(names.pop(), set()).add(word)
    return inner


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_APPOSITION = re.compile(r",[ \t]+(which\b|(?:the|a|an|its)[ \t]+[^,.;:()“”\"]{1,80}(?=[,.;:]))")


def _described_as_organisation(text: str, end: int) -> bool:
    """A name the text describes as an organisation right after it: "X, which operates ...",
    "X, the national carrier,", "X, a watchdog based in Paris,". The head of the description is
    its last word before a preposition, a participle or a relative word."""
    match = _APPOSITION.match(text, end, min(len(text), end + 90))
    if match is None:
        return False
    if match.group(1) == "which":
        return True  # people are "who"
    head = ""
    for word in match.group(1).split()[1:]:
        folded = fold(word)
        if folded in SPEECH_VERBS:
            return False  # no description: "X, the paper's editor told ..." goes on as a clause
        if folded in _PREPOSITIONS or folded in ("that", "who", "which", "whose"):
            break
        if head and folded.endswith(("ed", "ing")):
            break  # "a watchdog based in Paris"; "a state-owned airline" reads on
        head = folded
    return head in _ORG_NOUNS


def _country_code(word: str) -> str | None:
    """The country a word names or qualifies ("portugal’s", "russian"), or None. Imported here:
    the entities package imports this module as it loads."""
    from digest_plugin.core.entities.countries import lookup

    if not word or not word[:1].isalpha():
        return None
    entry = lookup(word)
    return entry.code if entry is not None else None


def _article_roles(people: Sequence[Speaker]) -> frozenset[str]:
    """Role words for this article: the general ones and the head word of each role the article
    gives one of its people ("actor" for "the actor said" when one person is "the actor").
    Words of unnamed sources stay unnamed ("spokesman"): one of them is never a person's."""
    heads = {fold(role.split()[-1]) for p in people for role in p.roles if role.split()}
    return _ROLE_WORDS | frozenset(w for w in heads if w.isalpha() and len(w) > 2 and w not in _UNNAMED
                                   and w not in _DETERMINERS and w not in _NOT_PERSON_PRONOUNS)


def _words_in(text: str, taken: bytearray, lo: int, hi: int,
              roles: frozenset[str] = _ROLE_WORDS) -> list[_Candidate]:
    """Pronouns, role words and words of unnamed sources in text[lo:hi]."""
    found = []
    for match in _LETTERS.finditer(text, lo, hi):
        if taken[match.start()]:
            continue
        word = match.group(0).lower()
        if not word.isascii():
            word = fold(word)
        if word in _HE_SHE or word in _NOT_PERSON_PRONOUNS:
            found.append(_Candidate(match.start(), match.end(), "pronoun", word))
        elif word in roles or word.rstrip("s") in roles:
            found.append(_Candidate(match.start(), match.end(), "role", word))
        elif word in _UNNAMED:
            found.append(_Candidate(match.start(), match.end(), "other", word))
    found.extend(_Candidate(m.start(1), m.end(1), "pronoun", _AGED) for m in _THE_AGED.finditer(text, lo, hi)
                 if not taken[m.start(1)])
    return found


_GAP_WORDS = _wordset("also then later again further still once has had have would will did does")


def _is_adverb(word: str) -> bool:
    """A word that can stand between a subject and its verb ("Hayatou simply said", "Putin has said")."""
    return word in _GAP_WORDS or (word.endswith("ly") and word.isalpha() and word.islower())


def _previous_word(text: str, position: int) -> tuple[str, int]:
    """The folded word before `position` on its line, and where it starts."""
    match = re.search(r"([\w’'-]+)[ \t]*$", text[max(0, position - 40):position])
    if match is None:
        return "", position
    return fold(match.group(1)), max(0, position - 40) + match.start(1)


def _capitalised_before(text: str, position: int) -> bool:
    match = re.search(r"([\w’'.-]+)[ \t]+$", text[max(0, position - 40):position])
    return match is not None and match.group(1)[:1].isupper()


def _word_after(text: str, position: int) -> str:
    match = re.match(r"[ \t]*([\w’'-]+)", text[position:position + 40])
    return fold(match.group(1)) if match else ""


def _word_before(text: str, position: int) -> str:
    match = re.search(r"([\w’'-]+)[ \t]*$", text[max(0, position - 40):position])
    return fold(match.group(1)) if match else ""


def _phrase_start(text: str, position: int) -> int:
    """Where the noun phrase ending in the word at `position` starts: back over titles,
    determiners and possessives ("with Germany's Berliner Zeitung", "to European Affairs Minister")."""
    while True:
        match = re.search(r"([\w’'.-]+)[ \t]+$", text[max(0, position - 40):position])
        if match is None:
            return position
        word = match.group(1)
        folded = fold(word)
        if word.endswith(".") and folded[:-1] not in _ABBREVIATIONS and len(folded) > 2:
            return position  # the end of the sentence before
        # "Secretary of State Antony Blinken" is one title: "of" between capitalised words.
        title_of = folded == "of" and _capitalised_before(text, position - len(match.group(0)))
        if not (word[:1].isupper() or folded in _DETERMINERS or folded in _ROLE_WORDS or title_of
                or folded.endswith(("’s", "'s")) or re.match(r"\d+-year-old", folded)):
            return position
        if folded in _PREPOSITIONS and not title_of:
            return position
        position -= len(match.group(0))


def _governed_by_preposition(text: str, position: int) -> bool:
    """The noun phrase at `position`, or the first of a pair it ends ("in England and Wales"),
    follows a preposition."""
    start = _phrase_start(text, position)
    for _ in range(3):
        word, word_start = _previous_word(text, start)
        if word not in ("and", "or") or not re.fullmatch(r"[ \t]*", text[word_start + len(word):start]):
            return word in _PREPOSITIONS
        start = _phrase_start(text, word_start)
    return False


def _attribute(text: str, layout: _Layout, subjects: _Subjects, index: int) -> None:
    """Decide who, if anyone, says the quotation `layout.spans[index]`."""
    span = layout.spans[index]
    sent_lo, sent_hi = layout.sentence_of(span.start)
    # A term in quotation marks ("the so-called ...") is part of the clause, not a quotation:
    # the clause before the next one reaches back past it.
    prev = next((s for s in reversed(layout.spans[:index]) if s.how != "term"), None)
    prev = prev if prev is not None and prev.start >= sent_lo else None
    nxt = layout.spans[index + 1] if index + 1 < len(layout.spans) else None
    seg_lo = prev.end if prev else sent_lo
    left = text[seg_lo:span.start]
    right = text[span.end:min(sent_hi, nxt.start) if nxt and nxt.start < sent_hi else sent_hi]
    if _TERM_CUE.search(left[-60:]) or _noun_phrase_term(text, span):
        _decide(span, (True, None), "term")
        return
    steps = (
        ("before", lambda: _immediate_left(text, left, seg_lo, sent_lo, subjects)),
        ("after", lambda: _immediate_right(text, span, right, left, subjects)),
    )
    for how, step in steps:
        if _decide(span, step(), how):
            return
    if _is_title(text[span.text_start:span.text_end]):
        return
    later = (
        ("reported", lambda: _reported(left, seg_lo, sent_lo, subjects)),
        ("inherited", lambda: _inherited(prev, left, seg_lo, subjects)),
        ("trailing", lambda: _trailing(text, layout, span, sent_hi, subjects)),
        ("continued", lambda: _continued(text, layout, subjects, index, left)),
    )
    for how, step in later:
        if _decide(span, step(), how):
            return


# Nouns for someone's words: "union claims ...", "the ministry's remarks".
_SPEECH_NOUNS = re.compile(
    r"\b(?:claims?|remarks?|comments?|accusations?|allegations?|statements?|words|warnings?|criticism|"
    r"assertions?|suggestions?|assurances?)\b", re.IGNORECASE)
_FINITE = _wordset("is was were are has had have will would can could may might must should shall remains remained")


def _noun_phrase_term(text: str, span: _Span) -> bool:
    """'the "grey zone tactics" were now ...', 'the threshold of the "gravest offences" to which':
    a phrase of several words after "the" that the sentence then goes on from, as a noun phrase
    of its own, is a term the writer uses, not words someone is quoted saying. A quotation that
    ends its clause ('deplored the "tragic loss",') or that an attribution follows is left alone."""
    words = text[span.text_start:span.text_end]
    if not span.closed or len(words.split()) < 2 or words.rstrip()[-1:] in ",.;:!?…":
        return False
    if _word_before(text, span.start) != "the":
        return False
    following = re.match(r"[ \t]+([a-z][\w’'-]*)(?:[ \t]+([a-z]+))?", text[span.end:span.end + 40])
    if following is None:
        return False
    word, then = following.group(1), following.group(2) or ""
    # The phrase is the subject of a verb of its own ('the "X" was now ...') or the head of a
    # relative clause ('the "X" to which ...'); a participle after it ('the "X" committed
    # against ...') is the speaker's own phrase going on, so it is left alone.
    return word in _FINITE or word in ("which", "that") or (word in _PREPOSITIONS and then in ("which", "whom"))


def _decide(span: _Span, found: tuple[bool, str | None], how: str) -> bool:
    decided, speaker = found
    if decided:
        span.decided, span.speaker, span.how = True, speaker, how
    return decided


def _speech_verb_at(words: list[re.Match[str]], k: int) -> bool:
    word = fold(words[k].group(0))
    if word not in SPEECH_VERBS:
        return False
    return not (k and fold(words[k - 1].group(0)) in _PASSIVE)


def _immediate_left(text: str, left: str, seg_lo: int, sent_lo: int,
                    subjects: _Subjects) -> tuple[bool, str | None]:
    """ 'Haddad argued, "..."', 'X said: "..."', 'with humility: "..."'. """
    tail = re.search(r"([\w’'-]+)?\s*([,:])?\s*$", left)
    if tail is None:
        return False, None
    words = list(_WORD.finditer(left))
    last = len(words) - 1 - bool(tail.group(2))
    verb_here = tail.group(1) and last >= 0 and _speech_verb_at(words, last)
    if verb_here:
        return subjects.before(seg_lo, seg_lo + tail.start(1), sent_lo)
    if tail.group(2) == ":":
        return subjects.before(seg_lo, seg_lo + tail.start(2), sent_lo)
    return False, None


def _immediate_right(text: str, span: _Span, right: str, left: str,
                     subjects: _Subjects) -> tuple[bool, str | None]:
    """ '"...," he said', '"...," said X, a ...', '"...," according to X', 'as "..." by X'."""
    stripped = right.lstrip(" \t,—–-")
    offset = span.end + len(right) - len(stripped)
    if stripped.startswith("by ") and re.search(r"\b(?:been|was|were|is|are)\s+(\w+)\b", left) and any(
            fold(m.group(1)) in SPEECH_VERBS for m in re.finditer(r"\b(?:been|was|were|is|are)\s+(\w+)", left)):
        return subjects.agent(offset, offset + len(stripped.split(",")[0]))
    words = list(_WORD.finditer(stripped))[:20]
    verb = next((k for k in range(len(words)) if _speech_verb_at(words, k)
                 or (fold(words[k].group(0)) == "according" and k + 1 < len(words))), None)
    if verb is None:
        return False, None
    if verb == 0:
        according = fold(words[0].group(0)) == "according"
        skip = 2 if according else 1  # "according to X"
        if len(words) <= skip:
            return False, None
        after = words[skip].start()
        region = stripped[after:].split(",")[0]
        found = subjects.speaker_of(subjects.first(offset + after, offset + after + len(region), after_verb=True))
        if according and found[1] is None and left.strip():
            # '... said Beijing supports Moscow in "...", according to state television': the
            # source of the report, not the speaker; the clause before names the speaker.
            return False, None
        return found
    first = words[0].group(0)
    # '"...," political commentator X tells': only after a quotation that hands over with a comma.
    hands_over = text[span.text_start:span.text_end].rstrip().endswith(",") or right.lstrip().startswith(",")
    if not (first[:1].isupper() or fold(first) in _SUBJECT_OPENERS
            or (hands_over and _titled_name(subjects, offset, stripped, words[verb].start()))):
        return False, None
    if _ends_with_stop(text, span) and not _closes_clause(words, verb):
        return False, None
    # "'On high alert' The army's spokesman, X, said on Thursday that ...": a heading run into a
    # sentence; a quotation handed over to its attribution ends in a comma or a stop, or the
    # verb closes the clause.
    punctuated = text[span.text_start:span.text_end].rstrip()[-1:] in ",.!?…" or right.lstrip()[:1] in ",—–-"
    if not punctuated and not _closes_clause(words, verb):
        return False, None
    found = subjects.speaker_of(subjects.first(offset, offset + words[verb].start()))
    if not found[0] and (first[:1].isupper() or fold(first) in _DETERMINERS):
        return True, None  # a name the article's people lack (a paper, a company), or "the actor"
    return found


def _titled_name(subjects: _Subjects, offset: int, stripped: str, verb_at: int) -> bool:
    """'"...," political commentator X tells the BBC': a person right before the verb whose
    name only lowercase words of a title come before."""
    cand = subjects.first(offset, offset + verb_at)
    if cand is None or cand.kind != "person":
        return False
    title = stripped[:cand.start - offset].split()
    following = stripped[cand.end - offset:verb_at].split()
    return 1 <= len(title) <= 4 and all(re.fullmatch(r"[a-z][a-z-]*", w) and fold(w) not in _PREPOSITIONS
                                        and fold(w) not in SPEECH_VERBS for w in title) \
        and (not following or (len(following) == 1 and _is_adverb(following[0])))


# Words an attribution's subject can open with after a quotation ('"...," he said', '"...," the
# minister said', '"...," government spokesman X said').
_SUBJECT_OPENERS = _HE_SHE | _NOT_PERSON_PRONOUNS | _DETERMINERS | _ROLE_WORDS | _UNNAMED


def _ends_with_stop(text: str, span: _Span) -> bool:
    return text[span.text_start:span.text_end].rstrip().endswith((".", "!", "?", "…"))


def _closes_clause(words: list[re.Match[str]], verb: int) -> bool:
    """The reporting verb ends its clause ("Peskov said." / "he said, adding"), as an
    attribution after a quotation does, unlike a new sentence ("Borrell responded to ...")."""
    return verb + 1 >= len(words) or words[verb + 1].group(0) in ",.;:"


def _reported(left: str, seg_lo: int, sent_lo: int, subjects: _Subjects) -> tuple[bool, str | None]:
    """Reported speech: 'Haddad stated that the EU "has a duty ..."' - the last reporting verb of
    the clause before the quotation, within 45 words. "According to X" counts as one when X is
    one of the article's people ('According to Vidal, the plan "will never work"'); a source that
    is no person ('X said, according to the BBC, that "..."') leaves the search to the verbs before."""
    words = list(_WORD.finditer(left))
    source: tuple[bool, str | None] = (False, None)
    for k in range(len(words) - 1, max(-1, len(words) - 46), -1):
        if _speech_verb_at(words, k):
            if subjects.words_of_another(seg_lo + words[k].end(), seg_lo + len(left)):
                return True, None
            return subjects.before(seg_lo, seg_lo + words[k].start(), sent_lo)
        if fold(words[k].group(0)) == "according" and k + 2 < len(words) and fold(words[k + 1].group(0)) == "to":
            lo = seg_lo + words[k + 2].start()
            hi = left.find(",", words[k + 2].start())
            found = subjects.speaker_of(subjects.first(lo, seg_lo + hi if hi >= 0 else seg_lo + len(left),
                                                        after_verb=True))
            if found[1] is not None:
                return found
            source = source if source[0] else found
    return source


def _inherited(prev: _Span | None, left: str, seg_lo: int, subjects: _Subjects) -> tuple[bool, str | None]:
    """A quotation joined to the one before it in the sentence ('"historic" and "symbolic"', '"A" in
    a "B"', 'called X "A", relations were the "B"'): its speaker, when nobody new speaks between."""
    if prev is None or not prev.decided:
        return False, None
    words = left.split()
    if len(words) <= 4:
        return True, prev.speaker
    if len(words) > 10 or any(fold(w.strip(",.;:")) in SPEECH_VERBS for w in words):
        return False, None
    if subjects.first(seg_lo, seg_lo + len(left), after_verb=False) is not None:
        return False, None  # '... "a huge wow moment" when fans started singing that ...'
    return True, prev.speaker


def _trailing(text: str, layout: _Layout, span: _Span, sent_hi: int,
              subjects: _Subjects) -> tuple[bool, str | None]:
    """An attribution closing the sentence after its quotations: '... George W Bush, "otherwise
    a free-trader", put in place protections, he noted.', '... "must go down" after ..., German
    Chancellor Olaf Scholz has said.', '..., State Councillor Wang Yi, ..., said on Thursday.'"""
    last_end = max(s.end for s in layout.spans if s.start < sent_hi and s.start >= span.start)
    tail = text[last_end:sent_hi]
    words = list(_WORD.finditer(tail))
    verbs = [k for k in range(len(words)) if _speech_verb_at(words, k) and len(words) - k <= 6]
    if not verbs:
        return False, None
    verb_at = last_end + words[verbs[-1]].start()
    for comma in re.finditer(r",\s*(?=[A-Z]|(?:he|she|the)\b)", tail):
        lo = last_end + comma.end()
        if lo >= verb_at:
            break
        found = subjects.speaker_of(subjects.first(lo, verb_at))
        if found[0]:
            return found
    return False, None


def _continued(text: str, layout: _Layout, subjects: _Subjects, index: int,
               left: str) -> tuple[bool, str | None]:
    """A quotation opening its sentence with no attribution: the previous quotation's speaker,
    if nobody else is named in between and it is in the same or the previous paragraph."""
    earlier = [s for s in layout.spans[:index] if s.decided and s.how != "term"]
    if left.strip().strip("—–-").strip():
        return False, None
    span = layout.spans[index]
    reported = _reported_just_before(text, layout, subjects, span)
    if reported is not None:
        return True, reported
    if not earlier:
        return False, None
    prev = earlier[-1]
    if prev.speaker is None or span.paragraph - prev.paragraph > 1:
        return False, None
    # Only the attribution's sentence may come between, and a caption or credit of a few words
    # ("Getty Images"); a sentence of its own ends the run ("TRT World speaks to X.").
    cuts = [prev.end, *(b for b in layout.boundaries if prev.end < b < span.start), span.start]
    pieces = [(lo, hi) for lo, hi in itertools.pairwise(cuts) if re.search(r"[A-Za-z]", text[lo:hi])]
    attribution_after = prev.how in ("after", "trailing")  # '"...," she said.' sits between
    # A sentence about the speaker ('He also paid tribute to ...': its "he" stands for them) may
    # come between, once; any other sentence of its own ends the run ("TRT World speaks to X.").
    about_speaker = 0
    for lo, hi in pieces[1 if attribution_after else 0:]:
        if len(text[lo:hi].split()) <= 3:
            continue
        cand = subjects.first(lo, hi)
        if about_speaker or cand is None or cand.kind != "pronoun" or cand.value not in _HE_SHE \
                or subjects.speaker_of(cand)[1] != prev.speaker:
            return False, None
        about_speaker += 1
    # Someone named right after a reporting verb ('he told Mr. Trump') is spoken to: no new speaker.
    named = {c.value for c in subjects.between(prev.end, span.start)
             if c.kind == "person" and subjects.is_subject(c)
             and _word_before(text, _phrase_start(text, c.start)) not in SPEECH_VERBS}
    if named - {prev.speaker}:
        return False, None
    return True, prev.speaker


def _reported_just_before(text: str, layout: _Layout, subjects: _Subjects, span: _Span) -> str | None:
    """'X said on Thursday that the army was ready. "We are on high alert."': a quotation opening
    its sentence right after a sentence of one person's reported speech, with no quotation of its
    own, in the same paragraph or ending the one before, goes on with that person's words."""
    sent_lo, _ = layout.sentence_of(span.start)
    if sent_lo <= 0:
        return None
    lo, hi = layout.sentence_of(sent_lo - 1)
    if text[hi:span.start].strip():
        return None
    paragraph_lo = layout.paragraphs[span.paragraph][0]
    if lo < paragraph_lo and not (sent_lo <= paragraph_lo and span.paragraph > 0):
        return None
    words = list(_WORD.finditer(text, lo, hi))
    verb = next((k for k in range(len(words)) if _speech_verb_at(words, k) and not layout.inside(words[k].start())),
                None)
    if verb is None or any(words[verb].start() <= s.start < hi for s in layout.spans):
        return None  # reported speech with its own quotation: the run of quotations goes on from there
    if subjects.words_of_another(words[verb].end(), hi):
        return None
    found, speaker = subjects.before(lo, words[verb].start(), lo)
    return speaker if found else None


def _is_title(words: str) -> bool:
    """Every word capitalised ("Sporting Superpower: An Insider's View"): a title, not speech."""
    content = [w for w in re.findall(r"[^\W\d_][\w’'-]*", words) if len(w) > 3]
    if len(content) >= 2:
        return all(w[:1].isupper() for w in content)
    return len(content) == 1 and len(words.split()) == 1 and words.strip(_EDGE + ".")[:1].isupper()


def _attributed_later(text: str, layout: _Layout) -> None:
    """'X was "supportive" of ..., something which "isn't normal," said Y.': a quotation with no
    attribution of its own, earlier in a sentence that an attribution after its last quotation
    closes, is that speaker's, when no verb of saying or someone's claim comes before or between."""
    spans = layout.spans
    for index in range(len(spans) - 2, -1, -1):
        span = spans[index]
        if span.decided or not span.closed or _is_title(text[span.text_start:span.text_end]):
            continue
        following = spans[index + 1]
        sentence = layout.sentence_of(span.start)
        if following.how != "after" or following.speaker is None or layout.sentence_of(following.start) != sentence:
            continue
        between = text[span.end:following.start]
        before = text[sentence[0]:span.start]
        if len(between.split()) < 2 or re.search(r"[.!?;]\s", between) or _SPEECH_NOUNS.search(before) \
                or any(fold(w) in SPEECH_VERBS for w in _WORD.findall(between + " " + before)):
            continue  # run into the next quotation (a heading), or someone's claim reported before it
        span.decided, span.speaker, span.how = True, following.speaker, "attributed later"


def _run_back(layout: _Layout) -> None:
    """A quotation running over paragraphs with its attribution in the last one ('"A.\n\n"B," X
    said.'): an open quotation that ends its paragraph with no attribution of its own is the
    speaker's whose quotation opens the next paragraph, last paragraph first. In scraped copy
    that lost its paragraph breaks, a quotation ending its sentence and cut short by the next
    opening mark right after it ('"A? "B," X said.') is such a paragraph too."""
    spans = layout.spans
    text = layout.text
    for index in range(len(spans) - 2, -1, -1):
        span, following = spans[index], spans[index + 1]
        if span.decided or span.closed or following.speaker is None:
            continue
        opening = layout.paragraphs[following.paragraph][0]
        next_paragraph = following.paragraph == span.paragraph + 1 and not text[opening:following.start].strip()
        cut_short = following.paragraph == span.paragraph and not text[span.end:following.start].strip() \
            and text[span.text_start:span.text_end].rstrip().endswith((".", "?", "!", "…"))
        if next_paragraph or cut_short:
            span.decided, span.speaker, span.how = True, following.speaker, "run back"


def _join_split(text: str, layout: _Layout) -> None:
    """'"We are ready," he said, "to talk."': one quotation in two parts."""
    spans = layout.spans
    for first, second in itertools.pairwise(spans):
        if first.how == "joined" or not first.speaker or second.speaker != first.speaker:
            continue
        between = text[first.end:second.start]
        words = between.split()
        ends_clause = text[first.text_start:first.text_end].rstrip().endswith(",")
        if (ends_clause and 2 <= len(words) <= 8 and between.rstrip().endswith((",", ":"))
                and "that" not in (fold(w) for w in words) and not re.search(r"[.!?;]", between)
                and first.paragraph == second.paragraph):
            owner = next((s for s in spans if first in s.joined), first)
            owner.joined.append(second)
            second.how = "joined"
