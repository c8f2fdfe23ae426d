"""How pages print an article's date, and which articles count as news of a day.

Two things a source may not give: a date at all (front matter `undated: true`: `date` is the
day the article was ingested, see `Article.undated`) and a time of day. A time is known when the
date carries one other than midnight on the dot: a bare "2024-09-02" reads as midnight, and
sources that know only the day write midnight too (news-please's "2017-12-30T00:00:00"), so
"00:00" is never printed. An undated article shows "Undated", never its ingest day as if it
were a publication date; it stays out of what is news of a day (the home page's lead and days,
"In the news", charts, first and last seen).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from digest_plugin.core.model import Article

UNDATED_LABEL = "Undated"


def short_date(moment: dt.datetime | dt.date) -> str:
    """"27 Nov 2024": how lists print a date (no leading zero, month abbreviated)."""
    return f"{moment.day} {moment.strftime('%b %Y')}"


def long_date(moment: dt.datetime | dt.date) -> str:
    """"Wednesday 27 November 2024": how an article's header and day headings print a date."""
    return f"{moment.strftime('%A')} {moment.day} {moment.strftime('%B %Y')}"


def time_known(article: Article) -> bool:
    """Whether the article's time of day is known (see the module docstring)."""
    moment = article.date
    return not article.undated and (moment.hour, moment.minute, moment.second) != (0, 0, 0)


def when(article: Article) -> dict:
    """The date keys of a list item: labels, the `datetime` attribute, the time when known."""
    known = time_known(article)
    return {
        "date": article.date.date().isoformat(),
        "date_label": UNDATED_LABEL if article.undated else short_date(article.date),
        # A <time> without a time of day says so: the day alone.
        "datetime": article.date.isoformat() if known else article.date.date().isoformat(),
        "time": article.date.strftime("%H:%M") if known else "",
        "undated": article.undated,
        "added_label": short_date(article.date) if article.undated else "",
    }


def dated(articles: Iterable[Article]) -> list[Article]:
    """The articles whose date is a publication date, in the order given."""
    return [article for article in articles if not article.undated]


def news_of_the_day(articles: list[Article]) -> list[Article]:
    """What counts as news when ranking by date: the dated articles, or, in a digest where no
    article has a date, all of them (something must lead)."""
    with_dates = dated(articles)
    return with_dates if with_dates else list(articles)


def date_range(first: dt.datetime | dt.date, last: dt.datetime | dt.date) -> str:
    """"2–9 March 1987", "28 February – 3 March 1987", "30 December 1986 – 2 January 1987":
    the days from `first` to `last`, each part written once."""
    if (first.year, first.month, first.day) == (last.year, last.month, last.day):
        return f"{first.day} {first.strftime('%B %Y')}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last.strftime('%B %Y')}"
    if first.year == last.year:
        return f"{first.day} {first.strftime('%B')} – {last.day} {last.strftime('%B %Y')}"
    return f"{first.day} {first.strftime('%B %Y')} – {last.day} {last.strftime('%B %Y')}"


def span_label(articles: Iterable[Article]) -> str:
    """The days a page of a list covers (publication dates; undated articles only when the page
    has nothing else, as "undated, added" and their ingest days), for page titles that must not
    change when newer articles arrive."""
    # By the days as the page's items print them (each in its own offset): by instants, a page
    # could read "3–2 March" (3 March in Tokyo is earlier than the evening of 2 March in London).
    articles = list(articles)
    news = dated(articles)
    days = [a.date.date() for a in (news or articles)]
    if not days:
        return ""
    label = date_range(min(days), max(days))
    return label if news else "undated, added " + label
