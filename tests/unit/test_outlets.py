"""Outlet names (core/outlets.py): one name per outlet at ingest and across the digest."""

from __future__ import annotations

import datetime as dt

import pytest

from digest_plugin.core.entities.registry import SourceEntry
from digest_plugin.core.model import Article
from digest_plugin.core.outlets import (
    feed_source_name,
    host_of,
    ingest_source_name,
    name_key,
    resolve_outlets,
)

DAY = dt.datetime(2024, 10, 1, tzinfo=dt.UTC)


def _articles(*pairs: tuple[str, str]) -> list[Article]:
    return [Article(title=f"Story {i}", body="Text.", date=DAY, source=source, url=url, id=f"a{i}")
            for i, (source, url) in enumerate(pairs)]


@pytest.mark.parametrize(("written", "host"), [
    ("www.theguardian.com", "theguardian.com"), ("WWW.THEGUARDIAN.COM", "theguardian.com"),
    ("https://edition.cnn.com/", "edition.cnn.com"), ("Www.Dw.Com", "dw.com"),
    ("RT.com", ""), ("The Guardian", ""), ("BBC News", ""), ("", ""),
])
def test_a_host_is_written_as_machines_write_one(written, host):
    assert host_of(written) == host


@pytest.mark.parametrize(("source", "url", "name"), [
    ("www.theguardian.com", "", "The Guardian"),
    ("edition.cnn.com", "", "CNN"),
    ("usa.chinadaily.com.cn", "", "China Daily"),
    ("abcnews.go.com", "", "ABC News"),  # a listed host under a domain that is not one outlet
    ("www.kearneyhub.com", "", "kearneyhub.com"),  # unknown: its registrable domain
    ("The Guardian", "", "The Guardian"),
    ("RT.com", "", "RT.com"),
    ("", "https://www.dailymail.co.uk/news/x.html", "Daily Mail"),
    ("", "", ""),
])
def test_ingest_names_an_item_alone(source, url, name):
    assert ingest_source_name(source, url) == name


def test_a_feed_is_named_by_its_site_or_by_the_part_of_its_title_naming_it():
    assert feed_source_name("BBC News - World", "http://www.bbc.co.uk/news/") == "BBC News"
    assert feed_source_name("Wellness: Health - The Washington Post", "http://www.washingtonpost.com/x") == \
        "The Washington Post"
    assert feed_source_name("Latest | Harbour Gazette", "https://harbourgazette.example/") == "Harbour Gazette"
    assert feed_source_name("Notes from the Valley", "") == "Notes from the Valley"


def test_the_digest_has_one_name_per_outlet():
    articles = _articles(
        ("WWW.THEGUARDIAN.COM", ""), ("THE GUARDIAN", ""), ("The Guardian", "https://www.theguardian.com/a"),
        ("edition.cnn.com", ""), ("CNN", "https://edition.cnn.com/b"),
        ("africa.chinadaily.com.cn", ""), ("www.chinadaily.com.cn", ""),
        ("", "https://www.kearneyhub.com/c"), ("www.kearneyhub.com", ""),
        ("", ""),
    )
    outlets = resolve_outlets(articles)
    names = [outlets.name_of[a.id] for a in articles]
    assert names == ["The Guardian"] * 3 + ["CNN"] * 2 + ["China Daily"] * 2 + ["kearneyhub.com"] * 2 + [""]
    assert set(outlets.outlets) == {"The Guardian", "CNN", "China Daily", "kearneyhub.com"}
    assert outlets.outlets["CNN"].homepage == "https://edition.cnn.com/"
    assert outlets.outlets["The Guardian"].slug == "the-guardian"


def test_a_host_joins_the_name_most_of_its_articles_carry_but_an_aggregator_joins_none():
    articles = _articles(
        ("Harbour Gazette", "https://hg.example.com/1"), ("Harbour Gazette", "https://hg.example.com/2"),
        ("hg.example.com", ""),
        ("Reuters", "https://news.aggregatorsite.com/1"), ("AP", "https://news.aggregatorsite.com/2"),
        ("", "https://news.aggregatorsite.com/3"),
    )
    outlets = resolve_outlets(articles)
    names = [outlets.name_of[a.id] for a in articles]
    assert names[:3] == ["Harbour Gazette"] * 3
    assert names[3:] == ["Reuters", "AP", "aggregatorsite.com"]
    assert outlets.outlets["Reuters"].homepage == ""  # the aggregator's host is not Reuters'


def test_the_editor_names_merges_and_describes_outlets():
    sources = {"Al Jazeera English": SourceEntry("Al Jazeera English", aliases=("AJE", "Al Jazeera"),
                                                 homepage="https://www.aljazeera.com/", description="From Doha."),
               "The Guardian": SourceEntry("The Guardian", aliases=("Guardian",))}
    articles = _articles(("AJE", ""), ("www.aljazeera.com", ""), ("Al Jazeera", ""), ("Guardian", ""),
                         ("THE GUARDIAN", ""))
    outlets = resolve_outlets(articles, sources)
    assert [outlets.name_of[a.id] for a in articles] == ["Al Jazeera English"] * 3 + ["The Guardian"] * 2
    outlet = outlets.outlets["Al Jazeera English"]
    assert (outlet.homepage, outlet.description) == ("https://www.aljazeera.com/", "From Doha.")


def test_the_editor_keeps_two_outlets_apart_even_when_a_host_would_join_them():
    sources = {"CNN": SourceEntry("CNN"), "CNN Money": SourceEntry("CNN Money", aliases=("money.cnn.com",))}
    articles = _articles(("CNN", "https://edition.cnn.com/1"), ("CNN Money", "https://money.cnn.com/2"),
                         ("CNN", "https://edition.cnn.com/3"))
    outlets = resolve_outlets(articles, sources)
    assert {outlets.name_of[a.id] for a in articles} == {"CNN", "CNN Money"}


def test_name_keys_fold_case_articles_and_punctuation():
    assert name_key("The Guardian") == name_key("THE GUARDIAN") == name_key("Guardian") == "guardian"
    assert name_key("Le Monde") != name_key("Monde")  # only the English article is dropped
