"""Bylines that hold people only.

Sources put much besides reporters' names in their author fields: the outlet itself ("CNN",
"Deutsche Welle", "Www.Dw.Com"), agencies ("Associated Press"), page furniture scraped along
with the name ("Author", "Min Read", "More Stories Peter Blumberg", "Published A.M. Et Feb."),
job titles ("Science Editor") and several names in one string ("Dana A. Ford, James S.A.
Corey, and Tom Watkins, CNN"). `people_in_byline` splits such fields into single names and keeps
those that read as a person's name: two to four capitalised words, none of them a word that
names an organisation, a job or a page's furniture, and not the outlet's own name.

It runs at ingest (what is written into front matter) and again when front matter is read, so
files ingested before it existed display clean too. Pure string work: it runs for every
article of every build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that never stand in a person's name in an English byline but do in what sources put
# there. Collected from the author fields of the news-please, feed and web-page corpora:
# organisations and agencies, jobs, desks and sections, page furniture, date debris. Month
# names are left out: they are first names too (Jan, April, June), and a month alone is one word.
_NOT_NAME_WORDS = _word_set("""
    about agence agencies agency associated author authors bureau by contributor contributors
    correspondent correspondents daily desk digital editor editorial editors feature globe herald
    images issue journal live media min minutes news newsroom online opinion photo photos
    photographer post posted press published reporter reporters reporting review service
    sport sports staff stories team technology telegraph times tribune updated video wire
    written your inc ltd llc corp email manager former today new
    a an and at for from in is of on the to with et am pm
""")
# Lower-case particles of real names ("Ursula von der Leyen", "Luiz Inácio Lula da Silva").
_PARTICLES = _word_set("al bin bint da de del della der des di do dos du el la le van von y")
# Where one string holds several names: commas, semicolons, ampersands, "and", "with".
_SEPARATORS = re.compile(r"\s*(?:[,;|/&]|\band\b|\bwith\b)\s*", re.IGNORECASE)
# Furniture glued to a name: "By Jane Roe", "More Stories Jane Roe", "Jane Roe For Dailymail.Com".
_LEADING_FURNITURE = re.compile(r"^(?:(?:by|written by|more stories|posted by|reported by)\b[:\s]*)+", re.IGNORECASE)
_TRAILING_OUTLET = re.compile(r"\s+(?:for|at|of)\s+\S.*$", re.IGNORECASE)
_HOST_PREFIXES = ("www.", "edition.", "amp.", "m.", "mobile.", "uk.", "us.", "en.", "english.", "news.")


def people_in_byline(authors: Iterable[str], source: str = "", url: str = "") -> list[str]:
    """The people among an article's author fields, in order, each once.

    `source` (the publication's name or domain) and `url` (the original's address) tell which
    words are the outlet's own name: "CNN" beside edition.cnn.com, "Deutsche Welle" beside dw.com.
    """
    outlet = _outlet_keys(source, url)
    people: list[str] = []
    seen: set[str] = set()
    for field in authors:
        for part in _SEPARATORS.split(str(field)):
            name = _person_name(part, outlet)
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                people.append(name)
    return people


def _person_name(text: str, outlet: set[str]) -> str:
    """`text` as a person's name, or "" when it is not one."""
    text = " ".join(text.split()).strip(" .:-–—'\"“”")
    text = _LEADING_FURNITURE.sub("", text).strip()
    text = _TRAILING_OUTLET.sub("", text).strip(" .")
    words = text.split()
    # Up to four words besides particles: "Michael J. De La Merced" is a name, five capitalised
    # words are two names run together or a sentence.
    if _looks_like_address(text) or not 1 <= sum(w.casefold() not in _PARTICLES for w in words) <= 4:
        return ""
    if not any(character.isupper() or character.islower() for character in text):
        # A script without capitals (Chinese, Japanese, Arabic...): its case says nothing.
        return text if len(text) > 1 and _compact(text) not in outlet else ""
    for word in words:
        if word.casefold() in _PARTICLES:
            continue
        if not _name_word(word):
            return ""
        letters = word.replace(".", "")
        if len(letters) > 1 and letters.casefold() in _NOT_NAME_WORDS:  # "A." is an initial, not "a"
            return ""
    # One word alone ("Bloomberg", "Author", "Jan") is an outlet or debris far more often than a person.
    if sum(word.casefold() not in _PARTICLES for word in words) < 2:
        return ""
    if _compact(text) in outlet or _initials(words) in outlet:
        return ""
    return text


def _name_word(word: str) -> bool:
    """A capitalised word of letters, apostrophes, hyphens and initials' dots: "O'Mahony", "S.A."."""
    return word[:1].isalpha() and word[:1].isupper() and all(c.isalpha() or c in "'’.-" for c in word)


def _looks_like_address(text: str) -> bool:
    """"Www.Dw.Com", "Dailymail.Com", "theguardian.com/profile/x": a web address, not a name."""
    lowered = text.casefold()
    return "www" in lowered or "://" in lowered or bool(re.search(r"\w\.(?:com|org|net|co|uk|de|fr|tv|io)\b", lowered))


def _compact(text: str) -> str:
    return "".join(character for character in text.casefold() if character.isalnum())


def _initials(words: list[str]) -> str:
    return "".join(word[0] for word in words if word[:1].isalpha()).casefold()


def _outlet_keys(source: str, url: str) -> set[str]:
    """Compact forms of the outlet's names: the source's, and each label of the web address's host."""
    keys = {_compact(source)} if source.strip() else set()
    for address in (url, source if "." in source and " " not in source.strip() else ""):
        host = (urlsplit(address).hostname or "") if "//" in address else address.strip().casefold()
        for prefix in _HOST_PREFIXES:
            if host.startswith(prefix):
                host = host[len(prefix):]
        labels = host.split(".")
        keys.update(_compact(label) for label in labels[:-1] if len(label) > 1)
    keys.discard("")
    return keys
