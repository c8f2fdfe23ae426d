"""The results-copy detector that switches the sports-tables pack on for one article."""

from digest_plugin.core.entities.results_copy import is_results_copy

TABLE = """ATHLETICS - INDOOR MEETING RESULTS .
Results of the women's 60 metres :
1. Anna Kovacs ( Hungary ) 7.12
2. Beatriz Soto ( Spain ) 7.15
3. Clara Lindqvist ( Sweden ) 7.19
4. Dora Fenech ( Malta ) 7.24
5. Elif Demir ( Turkey ) 7.30
"""

PROSE = """Ministers meet over fishing quotas

Talks between the two governments resumed on Tuesday after a week of delays, officials said.

The minister, who arrived in 2019, said 12 boats had been held and 3 crews questioned.

A spokesman added that a further round was planned for 14 March."""

LEAGUE = """Harbour Town 10 7 2 1 20 8 23
Millbridge 10 6 3 1 18 9 21
Eastfield Rovers 10 5 2 3 15 12 17
Stonebury 10 3 3 4 11 14 12
"""


def test_a_ranked_results_table_is_results_copy():
    assert is_results_copy(TABLE)


def test_a_standings_table_is_results_copy():
    assert is_results_copy(LEAGUE)


def test_prose_with_numbers_is_not():
    assert not is_results_copy(PROSE)


def test_a_few_table_lines_inside_a_long_story_are_not_enough():
    story = "\n\n".join(["A long paragraph of prose about the season, the coach and 3 signings."] * 20)
    assert not is_results_copy(story + "\n" + "\n".join(TABLE.splitlines()[2:4]))
