"""Display names and flag emoji for ISO 3166-1 alpha-2 codes.

pycountry carries the ISO names ("Russian Federation", "Korea, Republic of"); readers of a news
site expect the names newsrooms use, so those win where they differ.
"""

from __future__ import annotations

from functools import cache

import pycountry

_NEWSROOM_NAMES = {
    "RU": "Russia",
    "KR": "South Korea",
    "KP": "North Korea",
    "IR": "Iran",
    "SY": "Syria",
    "TW": "Taiwan",
    "VN": "Vietnam",
    "VE": "Venezuela",
    "BO": "Bolivia",
    "TZ": "Tanzania",
    "MD": "Moldova",
    "LA": "Laos",
    "PS": "Palestine",
    "CD": "DR Congo",
    "CG": "Congo",
    "CZ": "Czech Republic",
    "GB": "United Kingdom",
    "US": "United States",
    "VA": "Vatican City",
    "BN": "Brunei",
    "FM": "Micronesia",
    "MK": "North Macedonia",
    "TR": "Turkey",
}


def is_country_code(code: str) -> bool:
    return len(code) == 2 and pycountry.countries.get(alpha_2=code.upper()) is not None


@cache
def country_name(code: str) -> str:
    """"FR" -> "France"; an unknown code is returned as it is."""
    code = code.upper()
    if code in _NEWSROOM_NAMES:
        return _NEWSROOM_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def flag_emoji(code: str) -> str:
    """The flag as two regional-indicator symbols ("FR" -> 🇫🇷)."""
    code = code.upper()
    if len(code) != 2 or not code.isalpha():
        return ""
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in code)
