"""A thread's title and slug (core/thread_titles.py)."""

from __future__ import annotations

from digest_plugin.core.thread_titles import clean_headline, representative, thread_slug, thread_title


def test_the_headline_closest_to_the_others_is_the_title():
    reports = [
        ("Quake felt across the region", "Harbour Gazette"),
        ("Strong earthquake hits northern island, dozens hurt", "Valley Post"),
        ("Earthquake on northern island: dozens hurt, ferries halted", "Wire"),
        ("Northern island earthquake leaves dozens hurt", "Daily Lamp"),
    ]
    assert thread_title(reports) == "Northern island earthquake leaves dozens hurt"


def test_a_tie_goes_to_the_oldest_report():
    assert representative(["Talks resume", "Talks resume", "Talks resume"]) == 0
    assert representative([]) == 0


def test_an_outlets_own_name_trailing_the_headline_is_not_part_of_the_title():
    assert clean_headline("Floods close the coast road | Harbour Gazette", "Harbour Gazette") == \
        "Floods close the coast road"
    assert clean_headline("Floods: what we know", "Harbour Gazette") == "Floods: what we know"


def test_the_slug_is_short_and_does_not_end_on_a_small_word():
    slug = thread_slug("Putin hosts BRICS summit in Kazan in bid to show Russia is not isolated")
    assert len(slug) <= 60 and not slug.endswith(("-is", "-to", "-in"))
    assert slug.startswith("putin-hosts-brics-summit")
    assert thread_slug("") == "story"
