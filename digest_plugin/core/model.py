"""The digest's data model: plain dataclasses shared by ingestion, extraction, linking and pages.

Nothing here knows MkDocs. An `Article` is what a reader produces and what the writer stores as
front matter plus Markdown; `Mention` is one entity found in one article (with its salience);
`Person`, `Country` and `Outlet` are the digest-wide entities that get a page each; `Quote` is
what one of an article's people is quoted as saying.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Article:
    """One news article, as read from a source or from a Markdown file in the digest."""

    title: str
    body: str
    date: dt.datetime
    source: str = ""
    url: str = ""
    authors: list[str] = field(default_factory=list)
    summary: str = ""
    id: str = ""
    # Editor overrides: when set, they replace what extraction finds for this article.
    people: list[str] | None = None
    countries: list[str] | None = None
    # Where the article lives inside the docs folder (e.g. "articles/2024/09/15/slug.md").
    src_path: str = ""
    # The source gave no date: `date` is the day it was ingested, not a publication date
    # (front matter `undated: true`). Such an article is not news of that day.
    undated: bool = False
    # The lead image at the source (front matter `image:`): an http(s) URL, or "".
    image: str = ""

    @property
    def day(self) -> dt.date:
        return self.date.date()


@dataclass(frozen=True)
class Mention:
    """One entity in one article: a person's canonical name or a country's ISO code.

    `count` is the number of mentions in the text; `in_headline` and `in_lead` say whether the
    entity appears in the title or the first paragraph (summary included), which makes the
    article "about" the entity rather than merely mentioning it. `roles` are the roles the
    text gives a person ("Kremlin spokesman"), in order of appearance.
    """

    name: str
    count: int = 1
    in_headline: bool = False
    in_lead: bool = False
    roles: tuple[str, ...] = ()
    # The forms the text used for the entity ("Macron", "French", "Kyiv"): what in-body
    # cross-links look for.
    surfaces: tuple[str, ...] = ()
    # A person only: a title or honorific is written before the name somewhere in the article
    # ("Mr Scholz", "President Biden"), the evidence a one-word name needs to be a person.
    titled: bool = False

    @property
    def is_about(self) -> bool:
        return self.in_headline or self.in_lead or self.count >= 3


@dataclass(frozen=True)
class Quote:
    """Words in quotation marks that an article gives to one of its people: the speaker's name
    (the article's mention name after extraction, the digest's canonical name after resolution)
    and the quoted text without the marks, the parts of a split quotation joined with " ... "."""

    speaker: str
    text: str


@dataclass
class ArticleEntities:
    """What extraction found in one article."""

    people: list[Mention] = field(default_factory=list)
    countries: list[Mention] = field(default_factory=list)
    # Names the article alone leaves in doubt: people only where another article of the
    # digest decided the same name is a person (`entities.resolve`).
    maybe_people: list[Mention] = field(default_factory=list)
    # Names the article shows are not people (a group, a place, a company): not people in any
    # article of the digest either, unless the registry says so.
    not_people: list[str] = field(default_factory=list)
    # Direct quotations of the article's people, in the order the text gives them (core/quotes.py).
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Person:
    """A person with a page in the digest."""

    name: str
    slug: str
    role: str = ""
    description: str = ""
    image: str = ""
    wikidata: str = ""
    # The date of the article the role comes from: a role is true as of a date.
    role_date: dt.date | None = None

    @property
    def role_label(self) -> str:
        """The role as a reader should see it, with its date: "US President, Nov 2024"."""
        if not self.role or self.role_date is None:
            return self.role
        return f"{self.role}, {self.role_date:%b %Y}"


@dataclass(frozen=True)
class Outlet:
    """A news outlet (publication) with a page in the digest: one per outlet, however its
    articles wrote its name ("WWW.THEGUARDIAN.COM", "The Guardian"); see core/outlets.py."""

    name: str
    slug: str
    homepage: str = ""
    description: str = ""


@dataclass
class Country:
    """A country with a page in the digest, keyed by its ISO 3166-1 alpha-2 code."""

    code: str
    name: str
    slug: str
    flag: str = ""
