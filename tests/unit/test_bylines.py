"""Bylines hold people only: outlets, agencies, furniture and web addresses go; names are split apart."""

from __future__ import annotations

import pytest

from digest_plugin.core.articles import article_from_text
from digest_plugin.core.bylines import people_in_byline
from digest_plugin.core.ingest.base import ReadOptions, build_article


@pytest.mark.parametrize(("authors", "source", "url", "expected"), [
    # The outlet, its web address and the word "Author" around the one reporter.
    (["Deutsche Welle", "Www.Dw.Com", "Author", "Carsten Grün"], "www.dw.com",
     "http://www.dw.com/en/cruise-ship/a-1", ["Carsten Grün"]),
    # Several names in one string, "and", and the outlet last.
    (["Dana A. Ford, James S.A. Corey, Chien-Ming Wang, and Tom Watkins, CNN"], "edition.cnn.com",
     "https://edition.cnn.com/2013/x", ["Dana A. Ford", "James S.A. Corey", "Chien-Ming Wang", "Tom Watkins"]),
    (["Tom Watkins, CNN"], "CNN", "", ["Tom Watkins"]),
    (["Jessica Finn For Dailymail.Com"], "www.dailymail.co.uk", "", ["Jessica Finn"]),
    (["Peter Blumberg", "More Stories Peter Blumberg"], "", "", ["Peter Blumberg"]),
    (["Reuters Editorial", "Min Read"], "", "", []),
    (["Edward C. Baig", "Published P.M. Et Feb."], "", "", ["Edward C. Baig"]),
    (["Sean Keach", "Digital Technology", "Science Editor"], "", "", ["Sean Keach"]),
    (["The Associated Press", "Associated Press", "Getty Images", "Bloomberg"], "", "", []),
    (["Dell Cameron", "About The Author", "Dell Cameron Is A Staff Reporter At Gizmodo."], "", "", ["Dell Cameron"]),
    (["By Jane Roe; John Doe"], "", "", ["Jane Roe", "John Doe"]),
    (["Olivia Singh", "Dec."], "", "", ["Olivia Singh"]),
    # Months and words that are surnames too stay in names.
    (["Jan Okafor", "April Dunn", "Rich Smith", "Jan", "Herbert Read", "Thomas More"], "", "",
     ["Jan Okafor", "April Dunn", "Rich Smith", "Herbert Read", "Thomas More"]),
    # Real names with particles, apostrophes, a country for a surname, and a script without capitals.
    (["Ursula von der Leyen", "Daniel O'Mahony", "Lisa Respers France", "李明"], "", "",
     ["Ursula von der Leyen", "Daniel O'Mahony", "Lisa Respers France", "李明"]),
])
def test_people_in_byline(authors, source, url, expected):
    assert people_in_byline(authors, source=source, url=url) == expected


def test_ingest_writes_people_only():
    article = build_article(origin="x.json", options=ReadOptions(warn=lambda _m: None), title="Ship hits bridge",
                            body_markdown="Body.", source="www.dw.com", url="http://www.dw.com/en/a-1",
                            authors=["Deutsche Welle", "Www.Dw.Com", "Author", "Carsten Grün"])
    assert article.authors == ["Carsten Grün"]


def test_front_matter_written_before_the_cleaning_reads_clean():
    text = ("---\ntitle: Storm\ndate: 2016-05-01\nsource: edition.cnn.com\nurl: https://edition.cnn.com/x\n"
            "authors: [\"Dana A. Ford, Tom Watkins, CNN\"]\n---\n\nBody.\n")
    assert article_from_text(text, "articles/x.md").authors == ["Dana A. Ford", "Tom Watkins"]
