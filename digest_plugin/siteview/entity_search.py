"""What site search knows of people, countries and articles beyond their titles.

Material's search indexes a page's Markdown body, and a generated person or country page had
one only when the registry gave a description: most people and every country were missing from
the index. Each such page now gets a body: its description, a visible line with the other forms
the articles use for the entity ("Also in the news as Putin, Vladimir V. Putin"), and a hidden
line for search alone with the name and its role. The page's front matter gives it a search
boost (`search_boost`), so a query for a name ranks that name's page first (Material multiplies
the page's score by it). Pagefind reads the same body from the page header, where the name is weighted highest
(see person.html and country.html).

Article pages get a hidden dateline (source and date) at the top of their body, which is what
Material's search results show under each title; Pagefind shows date and source from the
article header's `data-pagefind-meta` instead, so the dateline is hidden from it.

Every string here that came from an ingested article (the surface forms) is HTML-escaped: these
lines are raw HTML inside Markdown.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from markupsafe import escape

from digest_plugin.core.model import Article
from digest_plugin.siteview.datelines import UNDATED_LABEL, short_date


def search_boost(articles: int) -> float:
    """Material's search boost for a person's or country's first page: above any article page
    (boost 1), and growing slowly with the entity's articles, so of two pages that match a query
    equally ("Benjamin Netanyahu" and a stray "Benjamin Netanyahus") the better covered leads."""
    return round(3 + math.log2(1 + articles), 2)
ALSO_KNOWN_AS = 6
"""Other forms listed on an entity page, the most used first."""


def other_forms(name: str, surfaces: Counter[str], limit: int = ALSO_KNOWN_AS) -> list[str]:
    """The forms the articles use for an entity besides its name, most used first: "Putin" for
    Vladimir Putin, "French" and "Paris" for France. Forms differing only in case count once."""
    seen = {name.casefold()}
    forms = []
    for form, _count in sorted(surfaces.items(), key=lambda item: (-item[1], item[0])):
        key = form.strip().casefold()
        if key and key not in seen:
            seen.add(key)
            forms.append(form.strip())
        if len(forms) == limit:
            break
    return forms


def pagefind_weight(articles: int) -> float:
    """Pagefind's weight for the words of an entity page's name (its h1): 6 for an entity in one
    article, rising toward 10 (Pagefind's highest) with its articles: 8.1 at 10, 8.8 at 100, 9.1
    at 1,000. Pagefind has no page boost; this lets the better covered of two equal matches lead,
    as `search_boost` does. It depends on the entity's own articles alone: scaled to the digest's
    best covered entity, every person and country page changed whenever that one gained an
    article, and a growing digest rendered them all again."""
    if articles <= 1:
        return 6.0
    return round(10 - 4 / (1 + math.log(articles) / 2), 2)


def entity_body(name: str, description: str = "", role: str = "", forms: Iterable[str] = ()) -> str:
    """The Markdown body of a person's or country's first page (see the module docstring)."""
    forms = list(forms)
    parts = [description.strip()] if description.strip() else []
    if forms:
        listed = ", ".join(str(escape(form)) for form in forms)
        # Pagefind: a metadata field (weighted in search.js, shown with results), not body text.
        parts.append(f'<p class="digest-entity__aka" data-pagefind-ignore>Also in the news as '
                     f'<span data-pagefind-meta="also">{listed}</span></p>')
    terms = "; ".join(str(escape(term)) for term in (name, role, *forms) if term)
    parts.append(f'<div class="digest-search-terms" hidden data-pagefind-ignore>{terms}</div>')
    return "\n\n".join(parts) + "\n"


def article_dateline(article: Article) -> str:
    """A hidden first block for an article's body: "AP · 26 Nov 2024", for search results."""
    when = UNDATED_LABEL if article.undated else short_date(article.date)
    text = f"{article.source} · {when}" if article.source else when
    return f'<div class="digest-search-dateline" hidden data-pagefind-ignore>{escape(text)}</div>\n\n'
