"""Names and teams read from the layout of results copy (no spaCy: these are text patterns)."""

from __future__ import annotations

import pytest

from digest_plugin.core.entities.people import SPORTS_TABLES
from digest_plugin.core.entities import Extractor
from digest_plugin.core.entities.layout import (
    company_names,
    is_team,
    layout_names,
    list_names,
    team_names,
)


def _texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_scorers_lineups_and_golf_rounds_are_names():
    text = (
        "Rotherfield 3 ( Kessler 12th , Anna Lindqvist 58th ) Dunmore 1 ( Pardo ( 77th ) )\n"
        "Westland - 1 - Piet Olmeda , 4 - Jonas de Wit ( 12 - Rui Santos 80th ) , 9 - Ivo Brandt .\n"
        "Halftime 1-0 . Attendance 4,000 .\n"
        "201 Lars Hedqvist ( Sweden ) 68 65 68 , Owen Pike 72 62 67\n"
        "Match on August 24th was postponed .\n"
        "Bowling : Quarry 7-0-29-0 , de Vos 4-0-25-1 .\n"
        "Westland 212 ( R. Okafor 88 , Imre Salo 41 not out ; Quarry 3-40 ) ( halftime 1-1 )\n"
    )
    tables, prose = layout_names(text)
    names = _texts(text, tables)
    for name in ["Kessler", "Anna Lindqvist", "Pardo", "Piet Olmeda", "Jonas de Wit", "Rui Santos", "Ivo Brandt",
                 "Lars Hedqvist", "Owen Pike", "Quarry", "de Vos", "R. Okafor", "Imre Salo"]:
        assert name in names
    # A date with an ordinal and table labels are not scorers.
    assert not any(word in " ".join(names) for word in ("August", "Halftime", "Attendance"))
    assert prose == []


def test_entrants_with_countries_and_prose_patterns():
    text = (
        "Mira van Dorn ( Netherlands ) beat Kasia Wolny ( Poland ) 6-2 6-4\n"
        "Brann ( Norway ) 2 Hollis ( Ireland ) 1\n"
        "Tomas Reyna of Spain lost to Austrian Greta Falk , and coach Henrik Molde said it was hot .\n"
        "Bank of France figures were out .\n"
    )
    tables, prose = layout_names(text)
    # One-word clubs are left out; a role noun before a full name counts as strong as a table.
    assert _texts(text, tables) == ["Mira van Dorn", "Kasia Wolny", "Henrik Molde"]
    assert sorted(_texts(text, prose)) == ["Greta Falk", "Tomas Reyna"]


def test_list_items_join_two_known_names():
    text = "Squad : Pia Morell , Joan Asker ,\nTeo Varga , Lin Oduya\nOther : Red Dune , Blue Hill\n"
    known = [(text.index("Pia Morell"), text.index("Pia Morell") + 10), (text.index("Joan Asker"), text.index("Joan Asker") + 10)]
    assert _texts(text, list_names(text, known)) == ["Teo Varga", "Lin Oduya"]
    # With one known name only, nothing is inferred.
    assert list_names(text, known[:1]) == []


def test_one_word_items_only_in_a_list_of_mostly_known_people():
    text = "Bowling : Orr , Dunne , Pryke , Haskell , Mabry .\n"
    known = [(text.index(w), text.index(w) + len(w)) for w in ("Orr", "Dunne", "Pryke")]
    # The heading before the colon is not an item.
    assert _texts(text, list_names(text, known)) == ["Haskell", "Mabry"]
    assert list_names(text, known[:2]) == []


def test_a_line_opening_heading_before_a_dash_is_not_an_item():
    text = "Keepers - Ona Brisk , Eli Tamm , Rolf Aune , Ivo Lepp\n"
    known = [(text.index(w), text.index(w) + len(w)) for w in ("Ona Brisk", "Eli Tamm", "Rolf Aune")]
    assert _texts(text, list_names(text, known)) == ["Ivo Lepp"]


def test_table_rows_and_fixtures_name_teams():
    text = "FC Karsten Rovers 6 4 2 0 13 5 14\nOldbury v Castlemere\nPoints average : Jan Tollef 3 5 0 159 77 31.80\n"
    teams = team_names(text, set())
    assert {"fc karsten rovers", "oldbury", "castlemere"} <= teams
    assert is_team("Karsten Rovers", teams) and not is_team("Jan Tollef", teams)


def test_fixtures_between_people_are_not_teams():
    text = "Ada Kern ( Chile ) vs. Lea Moss ( Peru )\nIna Vale ( Cuba ) vs. Una Pym ( Iran )\n"
    people = {"ada kern", "lea moss", "ina vale"}
    assert team_names(text, people) == set()
    assert team_names(text, set()) >= {"ada kern", "una pym"}


def test_company_names_and_their_first_words():
    text = "Seat maker Harlow agreed to a bid from Varden Tooling Inc , and Brisco Ltd shares rose ."
    names = company_names(text)
    assert {"varden", "varden tooling", "brisco"} <= names
    assert "harlow" not in names


@pytest.fixture(scope="module")
def sports_extractor() -> Extractor:
    """The sports-tables rule pack is optional (off by default): results copy turns it on."""
    return Extractor(packs=(SPORTS_TABLES,))


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def test_extractor_reads_results_tables(sports_extractor):
    """End to end: scorers and a line-up are people; the clubs and table rows are not."""
    title = "SOCCER - NORTHERN LEAGUE RESULTS ."
    body = (
        "Results of Northern League matches on Saturday :\n"
        "Kilbride Athletic 2 ( Oskar Lintula 14th , Varga 60th ) Port Halden 1 ( Maris Okonjo 88th ) .\n"
        "Halftime 1-0 . Attendance 6,200 .\n"
        "Kilbride Athletic - 1 - Dane Whitlow , 5 - Oskar Lintula , 9 - Tibor Varga .\n"
        "Standings :\n"
        "Kilbride Athletic 4 3 1 0 9 2 10\n"
        "Port Halden 4 1 1 2 4 6 4\n"
    )
    names = {m.name for m in sports_extractor.extract(title, body, []).people}
    assert {"Oskar Lintula", "Maris Okonjo", "Dane Whitlow", "Tibor Varga"} <= names
    assert not names & {"Kilbride Athletic", "Port Halden", "Halftime", "Attendance"}


def test_initials_keep_namesakes_apart(extractor):
    body = "Mark Walsh scored 40 and his brother S. Walsh took three wickets .\nWalsh said the pitch was slow ."
    names = {m.name for m in extractor.extract("Cricket", body, []).people}
    assert "Mark Walsh" in names and "S. Walsh" in names


def test_companies_and_sentence_opening_common_words_are_not_people(extractor):
    body = (
        "Hollis Marsh , chairman of Varden Tooling Inc , said the deal was done .\n"
        "Varden shares rose 5 percent .\n"
        'Death is not a punishment , " Marsh said of death and faith .'
    )
    names = {m.name for m in extractor.extract("Deal done", body, []).people}
    assert "Hollis Marsh" in names
    assert not names & {"Varden", "Varden Tooling", "Death"}
