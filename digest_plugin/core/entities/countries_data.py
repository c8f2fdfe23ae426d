"""How news copy refers to a country, beyond pycountry's formal names: read from the lexicon.

Keys are ISO 3166-1 alpha-2 codes. The tables live in `data/lexicon.json` (section `countries`)
with every other word list of extraction: short forms editors actually write ("Britain", "the
US"), constituent parts and territories ("Wales", "Crimea"), demonyms ("French"), capitals and
large cities that stand for a place ("Kyiv", "Mumbai"), and government metonyms ("the
Kremlin"). Ambiguous words (Georgia, Jordan, Chad, Turkey-the-bird...) are handled by rules in
`countries.py`. Spellings are matched case- and diacritic-insensitively.
"""

from __future__ import annotations

from digest_plugin.core.entities.lexicon import section

_TABLES = section("countries")


def _table(name: str) -> dict[str, tuple[str, ...]]:
    return {code: tuple(names) for code, names in _TABLES[name].items()}


SHORT_NAMES = _table("short_names")
PARTS = _table("parts")
DEMONYMS = _table("demonyms")
CITIES = _table("cities")
METONYMS = _table("metonyms")
# Names that are both a country and something else; resolved by context in countries.py.
AMBIGUOUS_COUNTRY_NAMES = frozenset(_TABLES["ambiguous_names"])
US_STATES = tuple(_TABLES["us_states"])
# Words around "Georgia" that show the US state is meant, and the country.
US_STATE_CUES = frozenset(_TABLES["us_state_cues"])
GEORGIA_COUNTRY_CUES = frozenset(_TABLES["georgia_country_cues"])
