"""Direct quotations and their speakers (core/quotes.py), on sentences written for these tests.

The finder reads text and the article's people as extraction gives them; no spaCy here.
"""

from __future__ import annotations

import pytest

from digest_plugin.core.model import Quote
from digest_plugin.core.quotes import Speaker, find_quotes

PEOPLE = [
    Speaker("Rita Carvalho", ("Rita Carvalho", "Carvalho"), ("Foreign Minister",)),
    Speaker("Tomas Vidal", ("Tomas Vidal", "Vidal"), ("Prime Minister",)),
    Speaker("Ana Costa", ("Ana Costa", "Costa"), ("President",)),
]


def quotes(text: str, people=PEOPLE, others=()) -> list[tuple[str, str]]:
    return [(q.speaker, q.text) for q in find_quotes(text, people, others=others)]


@pytest.mark.parametrize("text, expected", [
    # X said / said X / told / added / wrote / warned / argued / according to, curly and straight
    ("“The talks are over,” Carvalho said.", ("Rita Carvalho", "The talks are over")),
    ('"The talks are over," said Rita Carvalho, the foreign minister.', ("Rita Carvalho", "The talks are over")),
    ("“We will not move,” Vidal told reporters in Lisbon.", ("Tomas Vidal", "We will not move")),
    ("“Nothing is settled,” Vidal added.", ("Tomas Vidal", "Nothing is settled")),
    ("Vidal wrote on social media: “The door stays open.”", ("Tomas Vidal", "The door stays open.")),
    ("Carvalho warned that the plan was “a gamble with other people's money.”",
     ("Rita Carvalho", "a gamble with other people's money.")),
    ("Carvalho argued, “Patience is also a weapon.”", ("Rita Carvalho", "Patience is also a weapon.")),
    ("The reform is “long overdue,” according to Carvalho, who spoke in Porto.", ("Rita Carvalho", "long overdue")),
    ("Vidal: “We start on Monday.”", ("Tomas Vidal", "We start on Monday.")),
    # a partial quotation inside reported speech
    ("Carvalho stated that Europe “owes Kyiv patience” in a long war.", ("Rita Carvalho", "owes Kyiv patience")),
    # single quotation marks, as British copy prints them
    ("Vidal said the result was 'a fair day for everyone'.", ("Tomas Vidal", "a fair day for everyone")),
    # a passive report names its speaker after "by"
    ("The deal was described as “a fine compromise” by Prime Minister Tomas Vidal.",
     ("Tomas Vidal", "a fine compromise")),
])
def test_attributions(text, expected):
    assert quotes(text) == [expected]


def test_pronoun_after_naming_someone_is_that_person():
    text = ("Rita Carvalho met the envoys on Friday and left early. She said the meeting had been “useful "
            "but short.”")
    assert quotes(text) == [("Rita Carvalho", "useful but short.")]


def test_he_said_after_an_earlier_quotation_continues_its_speaker():
    text = ("Tomas Vidal spoke after the vote. “It was a close call,” he said. “Next time we will be ready.”")
    assert quotes(text) == [("Tomas Vidal", "It was a close call"), ("Tomas Vidal", "Next time we will be ready.")]


def test_a_quotation_split_by_its_attribution_is_one_quotation():
    text = "“We are ready,” Vidal said, “to talk to anyone who wants peace.”"
    assert quotes(text) == [("Tomas Vidal", "We are ready ... to talk to anyone who wants peace.")]


def test_after_a_full_stop_the_next_quotation_is_its_own():
    text = "“There was no plan,” Carvalho said. “There is one now.”"
    assert quotes(text) == [("Rita Carvalho", "There was no plan"), ("Rita Carvalho", "There is one now.")]


def test_the_role_of_the_one_person_who_holds_it():
    text = ("Foreign Minister Rita Carvalho flew to Madrid. Later, “we agreed on nothing,” the minister said.")
    people = [Speaker("Rita Carvalho", ("Rita Carvalho",), ("Foreign Minister",))]
    assert quotes(text, people) == [("Rita Carvalho", "we agreed on nothing")]


def test_a_role_two_people_hold_is_nobody():
    text = ("Foreign Minister Rita Carvalho and Prime Minister Tomas Vidal met. “It went well,” the minister said.")
    people = [Speaker("Rita Carvalho", ("Rita Carvalho",), ("Foreign Minister",)),
              Speaker("Tomas Vidal", ("Tomas Vidal",), ("Prime Minister",))]
    assert quotes(text, people) == []


@pytest.mark.parametrize("text", [
    # organisations, governments, statements, unnamed people: never a person's words
    "“The plan remains under review,” the defence ministry said in a statement, after Vidal spoke.",
    "Vidal's office said the talks were “constructive.”",
    "“This is premature,” one senior official said, a day after Carvalho's visit.",
    "“We reject the claims,” a spokesman for Tomas Vidal said.",
    "A Lisbon newspaper quoted sources close to Carvalho as saying the deal was “dead.”",
    "“Enough is enough,” it said on Friday. Carvalho did not comment.",
    # scare quotes, terms, titles, slogans
    "Carvalho defended the so-called “calculated vagueness” of the plan.",
    "The policy, known as “Open Harbour,” was Vidal's idea.",
    "Vidal's memoir “A Long Road Home” sold well.",
])
def test_not_a_persons_quotation(text):
    assert quotes(text) == []


def test_a_name_introduced_as_a_company_is_not_a_speaker():
    people = [Speaker("Portex", ("Portex",))]
    text = "The shipping company Portex joined the talks. “Further details will follow,” Portex said."
    assert quotes(text, people) == []


def test_an_attribution_to_an_organisation_named_by_ner_gives_nobody():
    text = "“The border stays shut,” the Harbour Authority said."
    start = text.index("Harbour Authority")
    assert quotes(text, others=[(start, start + len("Harbour Authority"))]) == []


def test_a_multi_paragraph_quotation_runs_on_with_its_speaker():
    text = ("“We did what we could,” said Ana Costa, the president.\n\n"
            "“It was not enough. Nobody pretends it was.\n\n"
            "“But we will be back next year.”")
    assert quotes(text) == [
        ("Ana Costa", "We did what we could"),
        ("Ana Costa", "It was not enough. Nobody pretends it was."),
        ("Ana Costa", "But we will be back next year."),
    ]


def test_markdown_escapes_are_not_part_of_the_words():
    text = r"Costa warned that such a move “\[would\] end the truce.”"
    assert quotes(text) == [("Ana Costa", "[would] end the truce.")]


def test_headline_is_left_out_by_start():
    text = "Costa says “no deal”\n\nCosta said the offer was “no deal at all.”"
    found = find_quotes(text, PEOPLE, start=text.index("\n\n") + 2)
    assert found == [Quote("Ana Costa", "no deal at all.")]


def test_the_same_words_twice_are_listed_once():
    text = "Costa called it “a mistake.” Later Costa said again it was “a mistake.”"
    assert quotes(text) == [("Ana Costa", "a mistake.")]


@pytest.mark.parametrize("text", ["", "\"", "“", "” said", "said “", "'", "“a” “b” “c", "said, \"", "according to \""])
def test_broken_marks_do_not_fail(text):
    assert isinstance(find_quotes(text, PEOPLE), list)


def test_a_soft_line_break_does_not_end_a_quotation():
    text = ("Costa told reporters on Monday: \"We will keep the\nharbour open all winter, whatever\nit costs.\"\n\n"
            "    Vidal said the plan was \"sound.\"")
    assert quotes(text) == [("Ana Costa", "We will keep the harbour open all winter, whatever it costs."),
                            ("Tomas Vidal", "sound.")]


# Round 2: attribution patterns found missing on the tuning split, in sentences of our own.

def test_a_multi_paragraph_quotation_attributed_in_its_last_paragraph():
    text = ("“The harbour was empty when we arrived.\n\n"
            "“By noon the first boats came back,” Carvalho said.")
    assert quotes(text) == [
        ("Rita Carvalho", "The harbour was empty when we arrived."),
        ("Rita Carvalho", "By noon the first boats came back"),
    ]


def test_an_unclosed_quotation_before_a_new_speaker_is_not_given_back_across_a_closed_one():
    # The first quotation is closed and unattributed: a reader cannot tell whose it is.
    text = "“The harbour was empty.”\n\n“The boats came back,” Carvalho said."
    assert quotes(text) == [("Rita Carvalho", "The boats came back")]


def test_according_to_a_person_opening_the_sentence():
    assert quotes("According to Vidal, the new budget “will not survive the winter”.") == [
        ("Tomas Vidal", "will not survive the winter")]


def test_according_to_a_source_that_is_no_person_leaves_the_speaker_to_the_verb():
    text = "Vidal said, according to the state broadcaster, that the vote was “a clean result”."
    assert quotes(text) == [("Tomas Vidal", "a clean result")]


def test_according_to_an_unnamed_source_gives_nobody():
    assert quotes("According to the ministry, the deal is “already dead”, Carvalho notwithstanding.") == []


def test_a_role_the_article_gives_to_one_person_names_them():
    # "singer" is no general role word: the article's people make it one.
    people = [Speaker("Lia Moreno", ("Lia Moreno", "Moreno"), ("singer",)),
              Speaker("Tomas Vidal", ("Tomas Vidal", "Vidal"), ("Prime Minister",))]
    text = "Moreno cancelled her tour after meeting Vidal. The singer said she felt “completely drained”."
    assert quotes(text, people) == [("Lia Moreno", "completely drained")]


def test_a_plural_role_is_nobody():
    people = [Speaker("Rita Carvalho", ("Rita Carvalho",), ("Foreign Minister",))]
    text = "Carvalho left early. “We expected more,” the ministers said in a joint note."
    assert quotes(text, people) == []


def test_a_country_before_a_role_picks_the_holder_from_that_country():
    people = [Speaker("Ana Costa", ("Ana Costa", "Costa"), ("Portuguese President",)),
              Speaker("Igor Petrov", ("Igor Petrov", "Petrov"), ("Russian President",))]
    text = "Costa and Petrov spoke by phone. “Nothing was agreed,” the Russian president said."
    assert quotes(text, people) == [("Igor Petrov", "Nothing was agreed")]
    text = "Costa and Petrov spoke by phone. “Nothing was agreed,” Portugal’s president said."
    assert quotes(text, people) == [("Ana Costa", "Nothing was agreed")]


def test_a_country_that_fits_no_holder_gives_nobody():
    people = [Speaker("Ana Costa", ("Ana Costa", "Costa"), ("Portuguese President",))]
    text = "Costa flew home. “Nothing was agreed,” the Brazilian president said."
    assert quotes(text, people) == []


def test_a_phrase_the_sentence_goes_on_from_is_a_term():
    text = "Carvalho warned that the “grey zone tactics” were now “out of control”."
    assert quotes(text) == [("Rita Carvalho", "out of control")]


def test_a_phrase_after_the_that_ends_its_clause_is_still_a_quotation():
    assert quotes("Vidal deplored the “needless delay”, and left.") == [("Tomas Vidal", "needless delay")]


def test_a_modifier_does_not_hide_the_antecedent_of_he():
    text = ("Vidal, from the coastal district, spoke first. Licences, permits and official approval "
            "take months. “It is simply too slow,” he said.")
    assert quotes(text) == [("Tomas Vidal", "It is simply too slow")]


def test_the_spokesman_in_the_sentence_before_still_ends_the_search():
    text = "Vidal arrived late. The spokesman read a note. “It is simply too slow,” he said."
    assert quotes(text) == []


# An organisation that people extraction took for a person ("Blue Harbour") is known by how the
# text describes it right after its name.
ORG_AS_PERSON = [*PEOPLE, Speaker("Blue Harbour", ("Blue Harbour",))]


@pytest.mark.parametrize("text", [
    "Blue Harbour, the national carrier, said flights were “suspended until further notice”.",
    "“Flights are suspended,” said Blue Harbour, a state-owned airline.",
    "Blue Harbour, which runs twenty aircraft, said flights were “suspended”.",
    "Blue Harbour, a watchdog based in Geneva, called the bill “a threat to reporters”.",
])
def test_a_name_described_as_an_organisation_is_not_a_speaker(text):
    assert quotes(text, ORG_AS_PERSON) == []


@pytest.mark.parametrize("text, speaker", [
    ("Vidal, the head of the union, said the strike was “over”.", "Tomas Vidal"),
    ("Vidal, a former airline pilot, said the strike was “over”.", "Tomas Vidal"),
    ("Vidal, the party’s leader, said the strike was “over”.", "Tomas Vidal"),
])
def test_a_person_described_by_their_place_in_an_organisation_still_speaks(text, speaker):
    assert quotes(text) == [(speaker, "over")]


def test_he_after_two_people_named_together_is_nobody():
    text = "Vidal and Costa met in Porto. “We agreed on everything,” he said."
    assert quotes(text) == []


def test_a_name_coordinated_with_another_is_still_a_subject_when_named_again():
    text = "Vidal and Costa met in Porto. “We agreed on everything,” Vidal said."
    assert quotes(text) == [("Tomas Vidal", "We agreed on everything")]


def test_a_role_with_the_name_in_apposition_is_that_person():
    # Two people hold "minister": the name after the comma says which one.
    assert quotes("The minister, Rita Carvalho, said the talks were “useless”.") == [
        ("Rita Carvalho", "useless")]


@pytest.mark.parametrize("text", [
    "Vidal lost the vote. “We will see,” the 61-year-old told reporters.",
    "Vidal lost the vote.\n\nThe 61-year-old said the result was “a warning”.",
])
def test_the_n_year_old_refers_back_like_he(text):
    assert [speaker for speaker, _ in quotes(text)] == ["Tomas Vidal"]


def test_the_n_year_old_with_nobody_before_is_nobody():
    assert quotes("“We will see,” the 61-year-old told reporters after meeting Costa.") == []


@pytest.mark.parametrize("text, expected", [
    ("“The numbers will climb next year,” commented Carvalho.", ("Rita Carvalho", "The numbers will climb next year")),
    ("“It could take a decade,” concluded Costa.", ("Ana Costa", "It could take a decade")),
    ("Vidal appealed for calm against the “madness of revenge” at the service.",
     ("Tomas Vidal", "madness of revenge")),
    ("In her speech Costa talked about the \u201cslow theft of trust\u201d in politics.",
     ("Ana Costa", "slow theft of trust")),
    ("From exile, Vidal referred to himself as the \u201celected leader of a silent majority\u201d.",
     ("Tomas Vidal", "elected leader of a silent majority")),
])
def test_more_verbs_of_saying(text, expected):
    assert quotes(text) == [expected]


@pytest.mark.parametrize("text", [
    "Vidal defended the budget amid union claims that it was “a fraud”.",
    "Vidal dismissed the ministry’s remarks that the plan was “unworkable”.",
    "Vidal rejected Costa’s claims that the plan was “unworkable”.",
])
def test_someone_elses_words_inside_a_report_are_not_the_reporters(text):
    assert quotes(text) == []


def test_a_report_judging_someones_comment_is_the_reporters():
    assert quotes("Vidal said Costa’s comment was “badly timed”.") == [("Tomas Vidal", "badly timed")]


def test_two_people_observing_together_give_nobody():
    text = "Less convinced were Tomas Vidal and Ana Costa, who observed, “It was too long.”"
    assert quotes(text) == []


def test_a_title_before_a_name_is_not_the_subject():
    # "singer" is held by two people, but "singer winner Lia Moreno" names the one.
    people = [Speaker("Lia Moreno", ("Lia Moreno", "Moreno"), ("singer",)),
              Speaker("Eva Lopes", ("Eva Lopes", "Lopes"), ("singer",))]
    text = ("The award went to best singer winner Lia Moreno, who thanked her band. "
            "She said: “I did not expect it.”")
    assert quotes(text, people) == [("Lia Moreno", "I did not expect it.")]


def test_a_firm_named_like_two_people_still_titles_the_speaker():
    # People extraction may take "Lia Moreno" of "Lia Moreno and Co" for a person.
    people = [Speaker("Lia Moreno", ("Lia Moreno",)), Speaker("Rui Sousa", ("Rui Sousa", "Sousa"))]
    text = "“Demand is holding up,” said Lia Moreno and Co senior manager Rui Sousa."
    assert quotes(text, people) == [("Rui Sousa", "Demand is holding up")]


def test_she_after_an_unnamed_spokeswoman_is_nobody():
    text = ("A harbour authority spokeswoman confirmed Vidal was still in post. "
            "“No date was ever set for his departure,” she said.")
    assert quotes(text) == []


def test_a_description_that_runs_into_the_verb_is_no_organisation():
    people = [*PEOPLE, Speaker("Rui Sousa", ("Rui Sousa",))]
    text = "“Prices will fall,” Rui Sousa, the network’s analyst told the website. He left."
    assert quotes(text, people) == [("Rui Sousa", "Prices will fall")]


def test_a_place_paired_with_another_after_a_preposition_is_not_the_subject():
    # "in Porto and Braga": neither town is the subject; the cardinal named later is.
    text = ("Hope ran through the sermons in Porto and Braga, where Cardinal Rita Carvalho, who spoke "
            "last, warned of a \u201clong winter for the poor\u201d.")
    towns = [(text.index("Porto"), text.index("Porto") + 5), (text.index("Braga"), text.index("Braga") + 5)]
    people = [Speaker("Rita Carvalho", ("Rita Carvalho", "Carvalho"), ("Cardinal",))]
    assert quotes(text, people, others=towns) == [("Rita Carvalho", "long winter for the poor")]


def test_who_after_a_name_is_that_person():
    # The charity opening the sentence is not who speaks.
    text = ("Caritas Norte hosted the bishop of the north, Cardinal Rita Carvalho, who spoke of the "
            "\u201cquiet courage of nurses\u201d in her address.")
    people = [Speaker("Rita Carvalho", ("Rita Carvalho", "Carvalho"), ("Cardinal",))]
    charity = [(0, len("Caritas Norte"))]
    assert quotes(text, people, others=charity) == [("Rita Carvalho", "quiet courage of nurses")]


def test_a_person_described_between_commas_before_the_verb_is_the_subject():
    # The firm inside the description is not who speaks.
    text = ("Lusitanian farms will shrink, though Tomas Vidal, from the consultancy Ardent Partners, "
            "says there has been a \u201csharp fall in demand\u201d.")
    spans = [(0, len("Lusitanian")),
             (text.index("Ardent"), text.index("Partners") + len("Partners"))]
    assert quotes(text, others=spans) == [("Tomas Vidal", "sharp fall in demand")]


def test_a_described_person_after_a_verb_is_its_object_not_the_speaker():
    text = ("Rita Carvalho left the chamber early. In a speech later, she attacked Tomas Vidal, the deputy "
            "who wrote the motion, calling it \u201ca cheap stunt\u201d.")
    assert quotes(text) == [("Rita Carvalho", "a cheap stunt")]


def test_a_lowercase_title_before_the_name_after_a_quotation():
    text = "\u201cThe harbour will close by spring,\u201d veteran port analyst Tomas Vidal tells the radio."
    assert quotes(text) == [("Tomas Vidal", "The harbour will close by spring")]


def test_lowercase_words_before_a_name_after_a_dash_are_no_title():
    # The quotation does not hand over to an attribution: the words after the dash are a new clause.
    text = ("The court charged Vidal with fraud and other \u201cgrave offences\u201d - all things Vidal denied.")
    assert quotes(text) == []


@pytest.mark.parametrize("opening", ["Often hailed as the local Ana Costa, ", "Born in the same town as Ana Costa, "])
def test_a_participle_clause_opening_the_sentence_is_not_its_subject(opening):
    # The person inside the fronted clause is not who the next sentence's "he" stands for.
    text = (opening + "Vidal is the richest man in the country. He was elected last year. "
            "\u201cI know your plan,\u201d he told reporters. \u201cMine is the same.\u201d")
    assert quotes(text) == [("Tomas Vidal", "I know your plan"), ("Tomas Vidal", "Mine is the same.")]


def test_a_first_name_tagged_together_with_the_speakers_employer_is_still_the_speaker():
    # Recognition tagged "Tomas of the Harbour Institute" as one organisation name.
    text = ("Prices keep rising, said Tomas Vidal of the Harbour Institute. \u201cRents doubled in a year,\u201d "
            "Tomas of the Harbour Institute said.")
    start = text.index("Tomas of")
    tagged = [(start, start + len("Tomas of the Harbour Institute"))]
    assert quotes(text, [Speaker("Tomas Vidal", ("Tomas Vidal",))], others=tagged) == [
        ("Tomas Vidal", "Rents doubled in a year")]


def test_the_person_spoken_to_does_not_end_a_run_of_quotations():
    text = ("Vidal met the president in the capital. \u201cWe want the same thing,\u201d he told President "
            "Costa on Tuesday. \u201cOur ports need your ships.\u201d")
    assert quotes(text) == [("Tomas Vidal", "We want the same thing"), ("Tomas Vidal", "Our ports need your ships.")]


def test_a_quotation_cut_short_by_the_next_opening_mark_runs_on_to_its_speaker():
    # Paragraph breaks lost in scraping: the first quotation never closes, the next one opens.
    text = ("The crowd at the rally was large. \u201cWho would sign a paper at gunpoint? "
            "\u201cNobody in this room would,\u201d Vidal said.")
    assert quotes(text) == [("Tomas Vidal", "Who would sign a paper at gunpoint?"),
                            ("Tomas Vidal", "Nobody in this room would")]


def test_what_a_passive_report_refers_to_as_a_name_is_nobodys():
    assert quotes("The plan, referred to by Vidal's aides as \u201cOperation Dawn\u201d, was shelved.") == []


def test_referring_to_after_a_quotation_is_no_attribution():
    text = ("Vidal complained that the new premier would be \u201ca man from the smallest party\u201d, "
            "referring to the Liberals.")
    assert quotes(text) == [("Tomas Vidal", "a man from the smallest party")]


def test_an_attribution_closing_the_sentence_covers_its_earlier_quotation():
    text = ("The mayor was \u201cslow to act\u201d on the floods, something that \u201ccost the town its "
            "bridges,\u201d said Rita Carvalho, who runs the residents' group.")
    assert quotes(text) == [("Rita Carvalho", "slow to act"), ("Rita Carvalho", "cost the town its bridges")]


@pytest.mark.parametrize("text", [
    # a heading run into the next paragraph's first quotation
    "The vote is on Friday.\n\n\u2018A long week\u2019 \u201cNobody here will sleep,\u201d Vidal said.",
    # someone else's claim, reported before the quotation
    "Costa rejected the union's claim that she ran a \u201cclosed shop\u201d for years, \u201cwhich is "
    "simply false,\u201d said Vidal.",
])
def test_an_attribution_closing_the_sentence_leaves_headings_and_claims_alone(text):
    assert ("Tomas Vidal", "A long week") not in quotes(text)
    assert ("Tomas Vidal", "closed shop") not in quotes(text)


def test_a_quotation_after_a_persons_reported_speech_goes_on_with_their_words():
    text = ("Vidal said on Monday that the port would reopen within a week. \u201cThe cranes are "
            "repaired and the crews are back.\u201d")
    assert quotes(text) == [("Tomas Vidal", "The cranes are repaired and the crews are back.")]


def test_a_quotation_after_an_organisations_reported_speech_is_nobodys():
    text = ("Rita Carvalho visited the docks. The ministry said on Monday that the port would reopen. "
            "\u201cThe cranes are repaired.\u201d")
    assert quotes(text) == []


def test_a_named_spokesperson_with_a_complement_and_a_title_is_that_person():
    text = ("The chief spokesperson for the coast guard (CG), Commander Tomas Vidal, said the search "
            "would go on. \u201cWe will not stop tonight.\u201d")
    guard = [(text.index("the coast guard"), text.index("the coast guard") + len("the coast guard"))]
    assert quotes(text, others=guard) == [("Tomas Vidal", "We will not stop tonight.")]


def test_a_heading_run_into_the_next_sentence_is_not_handed_to_its_speaker():
    text = ("The storm came at night. \u2018Ready for anything\u2019 Tomas Vidal said on Friday that the "
            "crews were ready.")
    assert quotes(text) == []


def test_one_sentence_about_the_speaker_does_not_end_the_run_of_quotations():
    text = ("Vidal praised the crews, who had worked \u201cthrough three nights in a row\u201d. He also visited "
            "the shelters that the town had opened. \u201cThis harbour has never looked after its own so well.\u201d")
    assert quotes(text) == [("Tomas Vidal", "through three nights in a row"),
                            ("Tomas Vidal", "This harbour has never looked after its own so well.")]


def test_a_sentence_about_someone_else_still_ends_the_run_of_quotations():
    text = ("Vidal praised the crews, who had worked \u201cthrough three nights in a row\u201d. Costa left the "
            "harbour before noon. \u201cThis harbour has never looked after its own so well.\u201d")
    assert quotes(text) == [("Tomas Vidal", "through three nights in a row")]


def test_words_of_a_thing_named_by_which_are_given_to_nobody():
    """ "which" never stands for a person: the body it follows spoke, not the sentence's subject."""
    text = ("Vidal and two aides appeared in a film put out by the border police, which accused them "
            "of “moving goods across the line without papers.”")
    assert quotes(text) == []
    text = "Vidal later met the inspectors, which then described the depot as “in good order.”"
    assert quotes(text) == []
    # "who" does stand for a person
    assert quotes("Costa praised Vidal, who called the deal “a fair start.”") == [("Tomas Vidal", "a fair start.")]
