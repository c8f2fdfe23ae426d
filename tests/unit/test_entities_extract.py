"""Per-article extraction on fixtures written for this project (and on the seed when present)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from digest_plugin.core.entities.people import SPORTS_TABLES
from digest_plugin.core.entities import Extractor
from digest_plugin.speed.extraction import FastExtraction

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "entities"
# Research data lives beside the repository (../shared); DIGEST_SHARED points elsewhere if needed.
SHARED = Path(os.environ.get("DIGEST_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
SEED = SHARED / "seeds" / "000_538d3bbc696e1adc.txt"


@pytest.fixture(scope="module")
def sports_extractor() -> Extractor:
    """The sports-tables rule pack is optional (off by default): results copy turns it on."""
    return Extractor(packs=(SPORTS_TABLES,))


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    # The spaCy model is cached at module level by the extractor: loaded once per session.
    return Extractor()


def _fixture_article(name: str) -> tuple[str, str]:
    title, _, body = (FIXTURES / name).read_text(encoding="utf-8").partition("\n\n")
    return title, body


def test_fixture_people_are_cleaned_and_merged(extractor):
    title, body = _fixture_article("ukraine_troops.txt")
    ents = extractor.extract(title, body, [])
    names = {m.name for m in ents.people}
    assert names == {
        "Claire Fontaine", "Emmanuel Macron", "Nicolas Sarkozy", "Olaf Scholz",
        "Margarita Robles", "Dmitry Peskov", "Vladimir Putin", "Joe Biden",
    }


def test_fixture_roles_surfaces_and_salience(extractor):
    title, body = _fixture_article("ukraine_troops.txt")
    people = {m.name: m for m in extractor.extract(title, body, []).people}
    assert people["Dmitry Peskov"].roles == ("Kremlin spokesman",)
    assert people["Nicolas Sarkozy"].roles == ("Former French President",)
    assert people["Claire Fontaine"].roles == ("Europe Minister",)
    macron = people["Emmanuel Macron"]
    assert macron.in_lead and not macron.in_headline
    assert set(macron.surfaces) == {"Emmanuel Macron", "Macron"}
    assert macron.count == 3
    assert people["Claire Fontaine"].count == 3


def test_fixture_countries(extractor):
    title, body = _fixture_article("ukraine_troops.txt")
    countries = {m.name: m for m in extractor.extract(title, body, []).countries}
    assert set(countries) == {"FR", "UA", "RU", "DE", "ES", "US"}
    assert countries["FR"].in_headline  # "Paris" in the headline stands for France
    assert {"Kiev", "Ukraine"} <= set(countries["UA"].surfaces)
    assert "Kremlin" in countries["RU"].surfaces
    assert "Berliner" not in " ".join(countries["DE"].surfaces)


def test_credit_line_and_authors_are_not_people(extractor):
    body = "Jane Porter met Omar Haddad in Cairo.\n\nPorter said talks went well.\n\nReporting by Tom Welles"
    names = {m.name for m in extractor.extract("Talks in Cairo", body, ["Omar Haddad"]).people}
    assert names == {"Jane Porter"}


def test_places_and_organisations_are_never_people(extractor):
    body = "Officials in Kiev and the Kremlin traded accusations, Deutsche Bank said."
    ents = extractor.extract("Accusations fly", body, [])
    assert ents.people == []
    assert {m.name for m in ents.countries} == {"UA", "RU"}


def test_all_caps_headline_and_dateline(extractor):
    title = "MERKEL MEETS CHIRAC IN BONN"
    body = ("BONN (Reuters) - German Chancellor Helmut Kohl met French President Jacques Chirac "
            "on Monday. Chirac praised Kohl.")
    ents = extractor.extract(title, body, [])
    people = {m.name: m for m in ents.people}
    assert set(people) == {"Helmut Kohl", "Jacques Chirac"}
    assert people["Jacques Chirac"].in_headline
    assert {m.name for m in ents.countries} == {"DE", "FR"}


def test_organisation_names_do_not_count_as_countries(extractor):
    body = "Shares of Royal Bank of Scotland fell while the Bank of England held rates, Air France said."
    assert extractor.extract("Markets", body, []).countries == []


def test_ambiguous_places(extractor):
    us_state = extractor.extract("Vote count", "Georgia's governor said Atlanta counted every ballot.", [])
    assert "GE" not in {m.name for m in us_state.countries}
    texas = extractor.extract("Fair", "The rodeo in Paris, Texas drew a crowd.", [])
    assert {m.name for m in texas.countries} == {"US"}
    player = extractor.extract("Legend", "Michael Jordan visited the arena.", [])
    assert {m.name for m in player.people} == {"Michael Jordan"}
    assert player.countries == []


def test_england_counts_as_united_kingdom(extractor):
    ents = extractor.extract("Rugby", "Scotland beat Wales and England drew in London.", [])
    assert {m.name for m in ents.countries} == {"GB"}


def test_extract_many_matches_extract(extractor):
    title, body = _fixture_article("ukraine_troops.txt")
    items = [(title, body, []), ("Quiet day", "Nothing happened in Oslo.", [])]
    many = extractor.extract_many(items)
    assert many[0] == extractor.extract(title, body, [])
    assert [m.name for m in many[1].countries] == ["NO"]


@pytest.mark.skipif(not SEED.exists(), reason="seed article not present (../shared is research data)")
def test_seed_article(extractor):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    title, body = lines[0], "\n".join(lines[5:])
    ents = extractor.extract(title, body, ["Alejandro Jose Martinez"])
    assert {m.name for m in ents.people} == {
        "Emmanuel Macron", "Benjamin Haddad", "Nicolas Sarkozy", "Margarita Robles", "Matteo Salvini",
        "Joe Biden", "Olaf Scholz", "Dmitry Peskov", "Vladimir Putin",
    }
    assert {m.name for m in ents.countries} == {"FR", "UA", "RU", "DE", "ES", "IT", "US"}


def test_name_particles_stay_in_the_name(extractor):
    body = "Commission chief Ursula von der Leyen praised the vote in Chisinau on Monday."
    names = {m.name for m in extractor.extract("Vote praised", body, []).people}
    assert names == {"Ursula von der Leyen"}


def test_things_parties_and_teams_are_not_people(extractor):
    body = (
        "Washington will send another Patriot air defence battery to Kyiv. Moscow fired a new "
        "missile called Oreshnik at Dnipro, and the ruling Georgian Dream party claimed victory. "
        "Michel Barnier is a veteran of the conservative Les Républicains.\n\n"
        "Surrey v Yorkshire was drawn at The Oval.\n\nAttendance: 12,000"
    )
    names = {m.name for m in extractor.extract("Round-up", body, []).people}
    assert names == {"Michel Barnier"}


def test_sentence_opening_verb_is_not_part_of_a_name(extractor):
    body = "Leaders met in Kazan. Meeting Narendra Modi on Tuesday, Vladimir Putin praised the talks."
    names = {m.name for m in extractor.extract("Summit", body, []).people}
    assert names == {"Narendra Modi", "Vladimir Putin"}


def test_brussels_is_belgium_only_next_to_belgium(extractor):
    eu = extractor.extract("Rebuke", "EU officials in Brussels warned Hungary over its veto on the aid package.", [])
    assert {m.name for m in eu.countries} == {"HU"}
    home = extractor.extract("Strike", "Rail staff walked out in Brussels as Belgian unions protested.", [])
    assert "BE" in {m.name for m in home.countries}


def test_team_sides_of_a_results_line_are_not_people(sports_extractor):
    body = (
        "Results of cup ties on Thursday:\n"
        "Gloria Bistrita ( Romania ) 2 Valletta ( Malta ) 1\n"
        "Kareda Siauliai ( Lithuania ) 0 Levski Sofia ( Bulgaria ) 3\n\n"
        "Coach Jose Mourinho praised his side after the game."
    )
    names = {m.name for m in sports_extractor.extract("Results", body, []).people}
    assert names == {"Jose Mourinho"}


def test_names_in_a_ranked_results_list(sports_extractor):
    body = (
        "Leading first-round scores ( players U.S. unless stated ) :\n"
        "62 Nolan Brisk\n64 Bob Estevan\n"
        "65 Billy Andrews , Duffy Waldon , Jesper Parnfelt ( Sweden )\n67 Mark Calcutt"
    )
    names = {m.name for m in sports_extractor.extract("Scores", body, []).people}
    assert names == {"Nolan Brisk", "Bob Estevan", "Billy Andrews", "Duffy Waldon", "Jesper Parnfelt", "Mark Calcutt"}


def test_scorecard_players_and_row_labels(sports_extractor):
    body = (
        "Pakistan first innings ( overnight 120-2 ) :\n"
        "Saeed Anwar c Croft b Mullally 176\n"
        "Inzamam-ul-Haq c Stewart b Croft 12\n"
        "Extras ( b-4 lb-9 ) 15"
    )
    names = {m.name for m in sports_extractor.extract("Scoreboard", body, []).people}
    assert names == {"Saeed Anwar", "Croft", "Mullally", "Inzamam-ul-Haq", "Stewart"}


# Written for this test: names at sentence starts, role words before names, and a one-word
# name followed by lowercase nouns, i.e. every decision that reads a part-of-speech tag.
_TAG_READING_ARTICLE = (
    "Ministers argue over air defence",
    "Meeting Nadia Ferrante on Monday, Defence Minister Tomas Lindqvist said the Patriot air "
    "defence battery would stay in place.\n\nLindqvist added that Ferrante had asked for more. "
    "Spokesman Arvid Holm said talks with Chancellor Greta Vahl would go on.\n\n"
    "Former Prime Minister Olle Brandt, who met Vahl last week, called the plan reckless.",
    [],
)


def _fixture_items() -> list[tuple[str, str, list[str]]]:
    return [*((*_fixture_article(path.name), []) for path in sorted(FIXTURES.glob("*.txt"))), _TAG_READING_ARTICLE]


def test_on_demand_window_tags_equal_whole_doc_tags(extractor):
    import random

    from digest_plugin.core.entities.extract import _LazyTags

    assert extractor.deferred_pipes and extractor.tag_context is not None  # the windowed path is in use
    text = "\n\n".join(_fixture_article("ukraine_troops.txt"))
    whole = extractor.nlp(text)
    lazy_doc = extractor.nlp(text, disable=extractor.deferred_pipes)
    assert len(lazy_doc) > 8 * extractor.tag_context  # so most windows are cut out of the middle
    lazy = _LazyTags(lazy_doc, extractor._tag_window, extractor.tag_context)
    order = list(range(len(lazy_doc)))
    random.Random(7).shuffle(order)
    for i in order:
        lazy.ensure(i)
    assert [(t.tag_, t.pos_) for t in lazy_doc] == [(t.tag_, t.pos_) for t in whole]


def test_deferred_tagging_changes_no_extraction_output(extractor):
    items = _fixture_items()
    assert len(items) >= 2
    whole_doc_tags = Extractor(extractor.nlp)
    whole_doc_tags._deferred = []  # run every pipe in nlp.pipe, as before tags were deferred
    assert extractor.extract_many(items) == whole_doc_tags.extract_many(items)


def test_worker_processes_give_the_same_entities(extractor):
    items = _fixture_items() * 3
    serial = extractor.extract_many(items)
    assert any(found.people for found in serial)
    # batch_size 2 splits the items over several forked workers' batches, kept in order.
    assert FastExtraction(extractor, 2, parallel_min=0, batch_size=2).extract_many(items) == serial


def _count_on_demand_windows(extractor: Extractor, monkeypatch) -> list[int]:
    """Counts the windows tagged one at a time, when a read token was not tagged in advance."""
    calls = [0]
    tag_window = extractor._tag_window

    def counted(doc):
        calls[0] += 1
        tag_window(doc)

    monkeypatch.setattr(extractor, "_tag_window", counted)
    return calls


def test_tags_the_cleaning_reads_are_tagged_in_advance(extractor, monkeypatch):
    from digest_plugin.core.entities import people

    items = _fixture_items()
    calls = _count_on_demand_windows(extractor, monkeypatch)
    in_advance = extractor.extract_many(items)
    assert calls[0] == 0  # every read (a verb, a role's words, a thing noun) was guessed
    # Without the guess the same articles need windows tagged on demand, with the same result.
    monkeypatch.setattr(people, "likely_tag_reads", lambda doc: set())
    assert extractor.extract_many(items) == in_advance
    assert calls[0] > 0


def test_windows_for_wanted_tokens_share_overlapping_windows(extractor):
    from digest_plugin.core.entities.extract import _LazyTags

    doc = extractor.nlp.make_doc("word " * 100)
    lazy = _LazyTags(doc, extractor._tag_window, 6)
    assert lazy.windows_for([50]) == [(44, 57)]
    assert lazy.windows_for([2, 50, 56, 99]) == [(0, 9), (44, 63), (93, 100)]
    assert lazy.windows_for([50, 63]) == [(44, 70)]  # windows that touch are one
    assert lazy.windows_for([50, 64]) == [(44, 57), (58, 71)]
    lazy.done.update(range(40, 60))
    assert lazy.windows_for([50, 56]) == []


def test_tags_of_a_batch_equal_whole_doc_tags(extractor, monkeypatch):
    from digest_plugin.core.entities import people

    texts = ["\n\n".join(_fixture_article("ukraine_troops.txt")), "\n\n".join(_TAG_READING_ARTICLE[:2])]
    wholes = [extractor.nlp(text) for text in texts]
    docs = [extractor.nlp(text, disable=extractor.deferred_pipes) for text in texts]
    # The doc's first and last tokens, tokens far enough apart for windows of their own, and
    # runs close enough to share one.
    wanted = {id(doc): {*range(0, len(doc), 14), 20, 21, 27, len(doc) - 2, len(doc) - 1} for doc in docs}
    monkeypatch.setattr(people, "likely_tag_reads", lambda doc: wanted[id(doc)])
    calls = _count_on_demand_windows(extractor, monkeypatch)
    lazies = [extractor._attach_lazy_tags(doc) for doc in docs]
    extractor._prefetch_tags(lazies)
    assert calls[0] == 0
    for lazy, whole in zip(lazies, wholes, strict=True):
        assert wanted[id(lazy.doc)] <= lazy.done
        assert [(lazy.doc[i].tag_, lazy.doc[i].pos_) for i in sorted(lazy.done)] == \
            [(whole[i].tag_, whole[i].pos_) for i in sorted(lazy.done)]
