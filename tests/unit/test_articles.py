"""Reading the digest's own article files back, and the errors that name the file."""

from __future__ import annotations

import datetime as dt

import pytest

from digest_plugin.core.articles import ArticleError, article_from_text
from digest_plugin.core.countrynames import country_name, flag_emoji
from digest_plugin.core.slugs import slugify


def test_front_matter_becomes_an_article():
    text = (
        '---\ntitle: "Talks resume: both sides \\"hopeful\\""\ndate: 2024-10-01T08:15:00+02:00\n'
        "source: Wire\nauthors: [A. Writer]\nsummary: Short.\nid: x1\ncountries: [fr, de]\n---\n\nBody text.\n"
    )
    article = article_from_text(text, "articles/2024/10/01/talks.md")
    assert article.title == 'Talks resume: both sides "hopeful"'
    assert article.date == dt.datetime(2024, 10, 1, 8, 15, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert article.authors == ["A. Writer"]
    assert article.countries == ["FR", "DE"]
    assert article.people is None
    assert article.body.strip() == "Body text."


def test_an_original_url_that_is_not_http_is_dropped():
    text = "---\ntitle: T\ndate: 2024-10-01\nurl: javascript:alert(1)\n---\n\nBody.\n"
    assert article_from_text(text, "articles/a.md").url == ""
    text = "---\ntitle: T\ndate: 2024-10-01\nurl: https://news.example/a\n---\n\nBody.\n"
    assert article_from_text(text, "articles/a.md").url == "https://news.example/a"


@pytest.mark.parametrize(
    ("front_matter", "reason"),
    [
        ("date: 2024-10-01", "'title' is missing"),
        ("title: T", "'date' is missing"),
        ("title: T\ndate: not a date", "not an ISO 8601 date"),
        ("title: T\ndate: 2024-10-01\npeople: 5", "'people' must be a list of strings"),
        ("title: [unclosed", "not valid YAML"),
    ],
)
def test_bad_front_matter_names_the_file_and_reason(front_matter, reason):
    with pytest.raises(ArticleError) as error:
        article_from_text(f"---\n{front_matter}\n---\n\nBody\n", "articles/bad.md")
    assert "articles/bad.md" in str(error.value) and reason in str(error.value)


def test_slugs_are_ascii_and_never_empty():
    assert slugify("Zelensky’s ‘victory plan’ unveiled") == "zelenskys-victory-plan-unveiled"
    assert slugify("Élysée: Barnier named") == "elysee-barnier-named"
    assert slugify("!!!") == "untitled"
    assert len(slugify("word " * 40)) <= 80


def test_country_names_are_the_newsroom_ones():
    assert country_name("RU") == "Russia"
    assert country_name("fr") == "France"
    assert country_name("GB") == "United Kingdom"
    assert flag_emoji("UA") == "\U0001F1FA\U0001F1E6"


def test_atomic_writes_are_readable_like_any_other_file(tmp_path):
    import os
    import stat

    from digest_plugin.core.atomic import atomic_write_text

    target = tmp_path / "digest.json"
    atomic_write_text(target, "{}")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert target.read_text() == "{}"
