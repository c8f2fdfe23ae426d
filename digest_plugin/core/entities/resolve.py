"""Digest-wide canonicalization: one name per person across every article.

Input is what per-article extraction found (names already cleaned and merged inside each
article). Here the registry is applied first (aliases, ignores); then names are compared by a
folded key (case, diacritics, periods and middle initials ignored), so "Vladimir V. Putin" and
"vladimir putin" are one person. A surname-only or partial name goes to the one fuller name the
digest knows with the same surname; where two fuller names share it, it is left alone and
reported as a merge candidate for the editor, as are near-identical spellings. A one-word name
that is no fuller name's surname merges into the one fuller name holding it before its last word
("Xi" into "Xi Jinping", "Lula" into "Luiz Inacio Lula da Silva"); extraction keeps such a word
apart inside an article, since a bare first name there may be a different person. The display form is
the registry's name, else the most used spelling (diacritics preferred on a tie). The latest role
a person is given (by article date) is the one the person's page shows. Quotations follow their
speaker's mention to its canonical name, so they land on the same person's page.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from digest_plugin.core.entities.lexicon import words
from digest_plugin.core.entities.people import PARTICLES, name_key
from digest_plugin.core.entities.registry import Registry
from digest_plugin.core.model import ArticleEntities, Mention, Quote

# Full names this similar (difflib ratio on folded text) are reported as possibly one person.
NEAR_IDENTICAL = 0.88
# Titles of people known by one name: a one-word name after one of them is a whole name.
REGNAL_TITLES = words("regnal_titles")
# Family names this similar, after the same given names, are one person's spelling variants.
VARIANT = 0.8


@dataclass
class PersonInfo:
    """A digest-wide person: what the page shows."""

    name: str
    role: str = ""
    # Since when the digest gives the role: the date of the first of the articles, in date order,
    # that give it after any other role (None when that article has no date).
    role_date: dt.date | None = None
    description: str = ""
    image: str = ""
    wikidata: str = ""
    aliases: tuple[str, ...] = ()


@dataclass
class DigestEntities:
    articles: dict[str, ArticleEntities] = field(default_factory=dict)
    people: dict[str, PersonInfo] = field(default_factory=dict)
    # (name a, name b, reason): pairs that may be one person, left for the editor to decide.
    merge_candidates: list[tuple[str, str, str]] = field(default_factory=list)


def _key(name: str) -> tuple[str, ...]:
    return name_key(tuple(name.split()))


def resolve_digest(
    per_article: dict[str, ArticleEntities],
    registry: Registry | None = None,
    dates: dict[str, dt.datetime] | None = None,
) -> DigestEntities:
    registry = registry or Registry()
    dates = dates or {}
    per_article = _promote_maybe_people(per_article, registry)
    # 1. Registry first: ignored names go, aliases become their canonical name.
    names = _registry_names(per_article, registry)
    # 2. Partial names into their one fuller name; ambiguous ones reported, not guessed.
    keys = sorted(names.spellings, key=len, reverse=True)
    display = {key: _display(key, names.spellings[key], names.pinned) for key in keys}
    target, candidates = _fuller_names(keys, names, display)
    _merge_variants(keys, target, names.pinned, candidates, display, names.spellings)
    dropped = _unsupported_single_words(keys, target, names.pinned, names.renamed)
    _show_regnal_titles(names.renamed, target, names.pinned, dropped, display)

    def final(key: tuple[str, ...]) -> str:
        return display[target.get(key, key)]

    # 3. Other pairs an editor may want to merge: same surname and initial, or near-identical.
    roots_only = [k for k in keys if k not in target and len(k) > 1]
    candidates = [c for c in candidates if _key(c[0]) not in dropped or _key(c[1]) not in dropped]
    candidates.extend(_similar_pairs(roots_only, display))
    # 4. Articles with canonical names, duplicates merged; people with latest roles and aliases.
    articles, aliases = _canonical_articles(per_article, names, dropped, final, registry)
    people = _people_infos(articles, aliases, dates, registry)
    return DigestEntities(articles=articles, people=people, merge_candidates=candidates)


@dataclass
class _RegistryNames:
    """The digest's person mentions after the registry: renamed per article, how often each
    spelling of a name key is used, the keys the registry pins, and each article's speakers."""

    renamed: dict[str, list[Mention]] = field(default_factory=dict)
    spellings: dict[tuple[str, ...], Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    pinned: dict[tuple[str, ...], str] = field(default_factory=dict)
    speakers: dict[str, dict[str, str]] = field(default_factory=dict)  # article -> extracted name -> name


def _registry_names(per_article: dict[str, ArticleEntities], registry: Registry) -> _RegistryNames:
    names = _RegistryNames()
    for article_id, ents in per_article.items():
        mentions = []
        names.speakers[article_id] = renamed_to = {}
        for mention in ents.people:
            if registry.person_ignored(mention.name):
                continue
            canonical = registry.canonical_person(mention.name)
            name = canonical or mention.name
            renamed_to[mention.name] = name
            if canonical:
                names.pinned[_key(canonical)] = canonical
            names.spellings[_key(name)][name] += 1
            mentions.append(Mention(name, mention.count, mention.in_headline, mention.in_lead, mention.roles,
                                    mention.surfaces or (mention.name,), mention.titled))
        names.renamed[article_id] = mentions
    return names


def _fuller_names(
    keys: list[tuple[str, ...]], names: _RegistryNames, display: dict[tuple[str, ...], str]
) -> tuple[dict[tuple[str, ...], tuple[str, ...]], list[tuple[str, str, str]]]:
    """Each partial name's one fuller name (key -> key), and the ambiguous ones as candidates."""
    by_last: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key in keys:
        by_last[key[-1]].append(key)
    target: dict[tuple[str, ...], tuple[str, ...]] = {}
    candidates: list[tuple[str, str, str]] = []
    titled = {_key(m.name) for mentions in names.renamed.values() for m in mentions if _regnal_title(m)}
    for key in keys:
        if key in names.pinned:
            continue
        fuller = [k for k in by_last[key[-1]] if len(k) > len(key) and set(key) <= set(k)]
        roots = {target.get(k, k) for k in fuller}
        roots = {r for r in roots if not any(o != r and len(o) > len(r) and set(r) <= set(o) for o in roots)}
        if not roots and len(key) == 1 and key[0] not in PARTICLES:
            # Family name first ("Xi" of "Xi Jinping") or one name used alone ("Lula"): only
            # when exactly one fuller name in the digest holds that word before its last. A
            # name with the title of people known by one name ("Pope Francis") only into a
            # full name with such a title too (not "Francis Xavier").
            inner = {target.get(k, k) for k in keys if len(k) > 1 and key[0] in k[:-1]
                     and (key not in titled or k in titled)}
            roots = inner if len(inner) == 1 else set()
        dominant = _dominant(roots, names.spellings) if len(key) == 1 and len(roots) > 1 else None
        if dominant is not None:
            target[key] = dominant  # "Trump" alone: Donald Trump, not Melania or Ivanka
        elif len(roots) == 1:
            target[key] = roots.pop()
        elif len(roots) > 1:
            for root in sorted(roots):
                candidates.append((display[key], display[root], "same surname: one of several people"))
    return target, candidates


def _show_regnal_titles(renamed: dict[str, list[Mention]], target: dict, pinned: dict, dropped: set,
                        display: dict[tuple[str, ...], str]) -> None:
    """A one-word name kept for its title is shown with it: "Pope Francis", not "Francis"."""
    titles: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for mentions in renamed.values():
        for mention in mentions:
            title = _regnal_title(mention) if len(mention.name.split()) == 1 else None
            if title:
                titles[_key(mention.name)][title.capitalize()] += 1
    for key, counts in titles.items():
        if key not in target and key not in pinned and key not in dropped:
            display[key] = f"{counts.most_common(1)[0][0]} {display[key]}"


def _canonical_articles(
    per_article: dict[str, ArticleEntities], names: _RegistryNames, dropped: set,
    final: Callable[[tuple[str, ...]], str], registry: Registry,
) -> tuple[dict[str, ArticleEntities], dict[str, set[str]]]:
    """Each article's entities under canonical names (duplicates merged), and each canonical
    name's other spellings."""
    articles: dict[str, ArticleEntities] = {}
    aliases: dict[str, set[str]] = defaultdict(set)
    for article_id, mentions in names.renamed.items():
        merged: dict[str, Mention] = {}
        for mention in mentions:
            if _key(mention.name) in dropped:
                continue
            name = final(_key(mention.name))
            if mention.name != name:
                aliases[name].add(mention.name)
            merged[name] = _merge(merged.get(name), mention, name)
        countries = [m for m in per_article[article_id].countries if not registry.country_ignored(m.name)]
        # A speaker who gets no person (an unresolved one-word name) quotes nothing either.
        kept = {form: name for form, name in names.speakers[article_id].items() if _key(name) not in dropped}
        quotes = _resolve_quotes(per_article[article_id].quotes, kept, final)
        articles[article_id] = ArticleEntities(people=list(merged.values()), countries=countries, quotes=quotes)
    return articles, aliases


def _people_infos(articles: dict[str, ArticleEntities], aliases: dict[str, set[str]],
                  dates: dict[str, dt.datetime], registry: Registry) -> dict[str, PersonInfo]:
    """A PersonInfo per canonical name: latest role with its date, registry details, aliases."""
    people: dict[str, PersonInfo] = {}
    order = sorted(articles, key=lambda a: (dates.get(a) is not None, _naive(dates.get(a))))
    for article_id in order:
        for mention in articles[article_id].people:
            info = people.setdefault(mention.name, PersonInfo(mention.name))
            # The latest role, dated by the first article of the run that gives it: a newer
            # article repeating "German Chancellor" changes nothing a page shows.
            if mention.roles and mention.roles[-1] != info.role:
                info.role = mention.roles[-1]
                when = dates.get(article_id)
                info.role_date = when.date() if isinstance(when, dt.datetime) else when
    for name, info in people.items():
        entry = registry.people.get(name)
        if entry is not None:
            info.description, info.image, info.wikidata = entry.description, entry.image, entry.wikidata
            aliases[name].update(entry.aliases)
        info.aliases = tuple(sorted(aliases[name] - {name}))
    return people


def _dominant(roots: set[tuple[str, ...]], spellings: dict) -> tuple[str, ...] | None:
    """The fuller name that holds at least three quarters of the digest's articles among
    several sharing a family name, if one does."""
    uses = {root: sum(spellings[root].values()) for root in roots}
    best = max(sorted(uses), key=lambda r: uses[r])
    return best if uses[best] * 4 >= sum(uses.values()) * 3 else None


def _promote_maybe_people(per_article: dict[str, ArticleEntities], registry: Registry) -> dict[str, ArticleEntities]:
    """An article's "maybe people" become people where another article decided the same
    name (folded key) is a person, and a person is none where another article showed the
    name is not (a group, a place, a company): the digest's evidence settles what one article
    left open. The registry still wins: it is applied to what remains and can name anyone."""
    decided = Counter(_key(m.name) for ents in per_article.values() for m in ents.people)
    # Refuted where at least as many articles show the name is not a person as decide it is.
    against = Counter(_key(name) for ents in per_article.values() for name in ents.not_people
                      if registry.canonical_person(name) is None)
    refuted = {key for key, count in against.items() if count >= decided[key]}
    result = {}
    for article_id, ents in per_article.items():
        promoted = [m for m in ents.maybe_people if _key(m.name) in decided]
        if promoted or (refuted and any(_key(m.name) in refuted for m in ents.people)):
            people = [m for m in [*ents.people, *promoted] if _key(m.name) not in refuted]
            ents = replace(ents, people=people)
        result[article_id] = ents
    return result


def _merge_variants(keys: list[tuple[str, ...]], target: dict, pinned: dict, candidates: list,
                    display: dict, spellings: dict) -> None:
    """Spelling variants of one full name merge where the evidence is strong: the same given
    name(s) and a family name one transliteration away ("Volodymyr Zelensky", "Volodymyr
    Zelenskiy", "Volodymyr Zelenskyy"). The less used spelling goes into the more used one.
    A lone family name so spelled ("Zelenskiy") goes to the one full name it fits, and is
    offered as a merge candidate when it fits several."""

    def uses(key: tuple[str, ...]) -> tuple[bool, int]:
        return key in pinned, sum(spellings[key].values())

    full = [k for k in keys if len(k) > 1 and k not in target]
    by_given: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key in full:
        by_given[key[:-1]].append(key)
    for block in by_given.values():
        for i, a in enumerate(block):
            for b in block[i + 1:]:
                if a in target or b in target or a[-1][:3] != b[-1][:3]:
                    continue
                if difflib.SequenceMatcher(None, a[-1], b[-1]).ratio() < VARIANT:
                    continue
                keep, drop = (a, b) if uses(a) >= uses(b) else (b, a)
                if drop in pinned:
                    candidates.append((display[a], display[b], "near-identical spelling"))
                    continue
                target[drop] = keep
    for key in keys:
        if len(key) != 1 or key in target or key in pinned or len(key[0]) < 5:
            continue
        fits = {target.get(k, k) for k in full if k[-1] != key[0] and k[-1][:3] == key[0][:3]
                and difflib.SequenceMatcher(None, k[-1], key[0]).ratio() >= VARIANT}
        if len(fits) == 1:
            target[key] = fits.pop()
        for root in sorted(fits):
            candidates.append((display[key], display[root], "near-identical spelling"))
    for key, root in list(target.items()):  # a name merged into a name that was merged on
        while root in target:
            root = target[root]
        target[key] = root


def _unsupported_single_words(keys: list[tuple[str, ...]], target: dict, pinned: dict,
                              renamed: dict[str, list[Mention]]) -> set[tuple[str, ...]]:
    """One-word names that get no person: not resolved to a fuller name of the digest, not in
    the registry, and not given a title that people known by one name carry ("Pope Francis",
    "King Salman"). "Mr Scholz" or "President Biden" alone is a family name whose full name
    the digest does not have: a reader cannot tell who it is, so it gets no page."""
    regnal = {_key(m.name) for mentions in renamed.values() for m in mentions if _regnal_title(m)}
    one_word = {_key(m.name) for mentions in renamed.values() for m in mentions if len(m.name.split()) == 1}
    return {k for k in keys if k in one_word and k not in target and k not in pinned and k not in regnal}


def _regnal_title(mention: Mention) -> str:
    """The title a one-word name carries as part of how readers know the person ("Pope"), if any."""
    for role in reversed(mention.roles):
        if role and role.split()[-1].casefold() in REGNAL_TITLES:
            return role.split()[-1]
    return ""


def _resolve_quotes(quotes: list[Quote], names: dict[str, str], final) -> list[Quote]:
    """Quotations under their speaker's canonical name, as the speaker's mention is renamed;
    a speaker the registry ignores (not a person) quotes nothing."""
    resolved: list[Quote] = []
    for quote in quotes:
        name = names.get(quote.speaker)
        if name is None:
            continue
        speaker = final(_key(name))
        if all(q.speaker != speaker or q.text != quote.text for q in resolved):
            resolved.append(Quote(speaker, quote.text))
    return resolved


def _naive(value: dt.datetime | None) -> dt.datetime:
    if value is None:
        return dt.datetime.min
    if not isinstance(value, dt.datetime):  # a date from front matter
        return dt.datetime(value.year, value.month, value.day)
    return value.replace(tzinfo=None)


def _display(key: tuple[str, ...], counts: Counter[str], pinned: dict[tuple[str, ...], str]) -> str:
    if key in pinned:
        return pinned[key]
    # Most used; on a tie the spelling with diacritics, then without middle initials, then first seen.
    return max(counts, key=lambda s: (counts[s], sum(not c.isascii() for c in s), -len(s.split())))


def _merge(old: Mention | None, new: Mention, name: str) -> Mention:
    if old is None:
        return Mention(name, new.count, new.in_headline, new.in_lead, new.roles, new.surfaces, new.titled)
    return Mention(
        name,
        old.count + new.count,
        old.in_headline or new.in_headline,
        old.in_lead or new.in_lead,
        tuple(dict.fromkeys(old.roles + new.roles)),
        tuple(dict.fromkeys(old.surfaces + new.surfaces)),
        old.titled or new.titled,
    )


def _similar_pairs(keys: list[tuple[str, ...]], display: dict) -> list[tuple[str, str, str]]:
    """Pairs of distinct full names worth an editor's look; compared within small blocks only."""
    pairs: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    by_last: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    by_first: dict[tuple[str, str], list[tuple[str, ...]]] = defaultdict(list)
    for key in keys:
        by_last[key[-1]].append(key)
        by_first[key[0], key[-1][:1]].append(key)  # small blocks keep this linear in practice

    def add(a: tuple[str, ...], b: tuple[str, ...], reason: str) -> None:
        names = tuple(sorted((display[a], display[b])))
        if names[0] != names[1] and names not in seen:
            seen.add(names)
            pairs.append((names[0], names[1], reason))

    for block in by_last.values():
        for i, a in enumerate(block):
            for b in block[i + 1:]:
                if a[0][:1] == b[0][:1]:
                    add(a, b, "same surname and initial")
    for block in list(by_first.values()) + list(by_last.values()):
        for i, a in enumerate(block):
            for b in block[i + 1:]:
                if difflib.SequenceMatcher(None, " ".join(a), " ".join(b)).ratio() >= NEAR_IDENTICAL:
                    add(a, b, "near-identical spelling")
    return pairs
