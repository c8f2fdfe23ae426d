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


def test_the_stop_words_are_scikit_learns_list():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from digest_plugin.core.stopwords import english_stop_words

    assert english_stop_words() == ENGLISH_STOP_WORDS


def test_loading_the_plugin_does_not_import_scikit_learn():
    """A warm build never needs scikit-learn; importing it (and scipy.stats) cost seconds."""
    import subprocess
    import sys

    probe = ("import sys, digest_plugin.glue.plugin, digest_plugin.core.thread_titles as t;"
             "t.thread_title([('Floods in Spain', 'Reuters'), ('Spain floods kill 3', 'AP')]);"
             "print('sklearn' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
