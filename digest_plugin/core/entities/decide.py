"""One decision per name per article: is this a person? A small learned model over evidence.

`extract` groups an article's candidate mentions into names (`people.group`); here each name
gets a feature vector that sums up all of its mentions — the spaCy model's votes (how many of
them it labelled PERSON), a title or role before any of them, the name's structure (one word,
three or more, a hyphenated given name, a particle), where it stands (headline, lead), how often
it is named, the cues around its mentions (a speech verb, a personal pronoun after it, "the"
before it, a possessive only) and the doubts the cleaning saw (a common word opening a sentence,
a line of its own, a word the article also writes in lowercase, a thing or a place word). A
logistic regression turns them into a probability.

The coefficients live in `data/person_model.json`, written by `bench/train_person_model.py`
from the labelled development set's training split (never its held-out part). They are JSON,
not a pickle: a dozen numbers anyone can read, and loading them runs no code. The file's
`version` is part of `EXTRACTOR_VERSION`, so a retrained model invalidates cached extraction.

Names scored at or above `threshold` are people. Those between `maybe` and `threshold` are
kept aside as "maybe people": the digest makes them people only where another article decided
the same name is one (`resolve`).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from digest_plugin.core.entities.countries import fold, lookup
from digest_plugin.core.entities.lexicon import NAME_LEANS_PATH, name_leans
from digest_plugin.core.entities.people import PARTICLES, PersonGroup, written_lowercase

MODEL_PATH = Path(__file__).resolve().parent / "data" / "person_model.json"
# How often each capitalised word was part of a person's name rather than of an organisation,
# a place, an event or no name at all, in labelled news (log-odds; written by the training
# script from CoNLL-2003 train; words seen too rarely or without a lean are left out).
NAME_WORDS_PATH = NAME_LEANS_PATH

FEATURES = (
    "votes", "pattern", "log_mentions", "one_word", "three_plus", "titled", "headline", "lead",
    "speech", "pronoun", "article_before", "possessive_only", "mostly_other", "thing", "common",
    "heading", "lower_words", "place_word", "hyphen_given", "particle", "place_context",
    "prior_mean", "prior_min", "person_context",
)


@dataclass(frozen=True)
class PersonModel:
    """A logistic regression over `FEATURES`, with its decision thresholds."""

    version: str
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    maybe: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(w * features[name] for name, w in zip(FEATURES, self.coef, strict=False))
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> PersonModel:
    """The shipped model; its feature names must be this module's, in this order."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path}: features {data['features']} are not {list(FEATURES)}: retrain it")
    return PersonModel(str(data["version"]), tuple(float(w) for w in data["coef"]), float(data["intercept"]),
                       float(data["threshold"]), float(data["maybe"]))


def model_version(path: Path = MODEL_PATH) -> str:
    try:
        return load_model(path).version
    except (OSError, ValueError, KeyError):
        return "none"


_HYPHEN_GIVEN = re.compile(r"^[A-Z][a-z]+-[a-z]+$")


def features(group: PersonGroup, text: str, body_offset: int, lead_end: int) -> dict[str, float]:
    """The evidence of all the mentions of one name in one article, as numbers."""
    members = group.members
    n = len(members)
    tokens = group.name.split()

    def share(test) -> float:
        return sum(1 for m in members if test(m)) / n

    def any_flag(flag: str) -> float:
        return float(any(flag in m.flags for m in members))

    lowered = [t for t in tokens if t.isalpha() and len(t) > 1]
    lower_hits = sum(1 for t in lowered if written_lowercase(t, text))
    return {
        "votes": share(lambda m: m.label == "PERSON"),
        "pattern": share(lambda m: m.label == "PATTERN"),
        "log_mentions": math.log1p(n),
        "one_word": float(len(tokens) == 1),
        "three_plus": float(len(tokens) >= 3),
        "titled": float(any(m.titled or m.role for m in members)),
        "headline": float(any(m.start_char < body_offset for m in members)),
        "lead": float(any(body_offset <= m.start_char < lead_end for m in members)),
        "speech": any_flag("speech"),
        "pronoun": any_flag("pronoun"),
        "article_before": share(lambda m: "article_before" in m.flags),
        "possessive_only": float(all("possessive" in m.flags for m in members)),
        "mostly_other": any_flag("mostly_other"),
        "thing": any_flag("thing"),
        "common": share(lambda m: bool({"common_opener", "common_word"} & m.flags)),
        "heading": share(lambda m: "heading" in m.flags),
        "lower_words": lower_hits / len(lowered) if lowered else 0.0,
        "place_word": float(any(lookup(t) is not None for t in tokens)),
        "hyphen_given": float(any(_HYPHEN_GIVEN.match(t) for t in tokens[1:])),
        "particle": float(any(fold(t) in PARTICLES and t.islower() for t in tokens)),
        "place_context": share(lambda m: bool({"place_preposition", "place_after"} & m.flags)),
        "person_context": any_flag("person_context"),
        **_word_priors(tokens),
    }


def _word_priors(tokens: list[str]) -> dict[str, float]:
    """What labelled news says about the name's words: the mean and the lowest lean towards a
    person's name, each in [-1, 1] (an unseen word leans neither way)."""
    table = name_leans()
    leans = [max(-3.0, min(3.0, table.get(fold(t), 0.0))) / 3.0 for t in tokens if t[:1].isupper()] or [0.0]
    return {"prior_mean": sum(leans) / len(leans), "prior_min": min(leans)}


def vetoed(group: PersonGroup) -> bool:
    """Evidence no count of model votes outweighs: a mention followed by a group noun ("Boko
    Haram militants") names a group; one followed by a comma and a state or country ("Sioux
    Falls, South Dakota") names a place; one the words around call an organisation, a place or
    a work ("the militant group Boko Haram", "Common Sense, a not-for-profit")."""
    members = group.members
    if any({"group_after", "org_context"} & m.flags for m in members):
        return True
    # "City, State" at half the mentions or more, and nothing a person does: "Putin, Russia,
    # our country" is a list, not an address.
    place = sum("place_after" in m.flags for m in members)
    person_cues = any(m.titled or m.role for m in members)
    if place * 2 >= len(members) and place > 0 and not person_cues:
        return True
    # The two leanings below give way to a title or role, or a person noun or apposition.
    if person_cues or any("person_context" in m.flags for m in members):
        return False
    return _named_as_something_else(group) or _words_of_other_names(group)


def _named_as_something_else(group: PersonGroup) -> bool:
    """A name the model reads as an organisation, a place or a group nearly every time it is
    written, made of words labelled news uses for those rather than for people: "Chicago Cubs"
    (one PERSON among sixteen ORG), "Louisiana Democrats". Each alone is weak evidence: the
    model mislabels unknown people's names often ("Volodymyr Zelenskiy" as ORG seven times in
    eight), but those names' words lean towards people or are unknown to the labelled news."""
    labelled = [m for m in group.members if m.label not in ("PATTERN", "AGE", "NONE")]
    if len(labelled) < 3:
        return False
    other = sum(1 for m in labelled if m.label != "PERSON")
    return other >= 0.75 * len(labelled) and _word_priors(group.name.split())["prior_mean"] <= -0.5


def _words_of_other_names(group: PersonGroup) -> bool:
    """A name of two words or more whose words labelled news writes in the names of teams,
    places and organisations far more than in people's ("Manchester United", "North America",
    "Penn State"): no labelled person of the development or BBC sets has words leaning that
    far (a mean lean of -0.7 or less)."""
    tokens = group.name.split()
    return len(tokens) >= 2 and _word_priors(tokens)["prior_mean"] <= -0.7
