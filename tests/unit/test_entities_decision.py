"""The person decision and what surrounds it: credits, countries inside other names, names
written family name first, the lexicon and model files, and what a reader sees on the people
pages (family-name order, a role with its date). Fixtures are written for these tests."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from digest_plugin.core.corpus import Digest
from digest_plugin.core.entities import EXTRACTOR_VERSION, Extractor, decide
from digest_plugin.core.entities.lexicon import LEXICON_PATH
from digest_plugin.core.entities.names import family_name, sort_key
from digest_plugin.core.entities.people import Candidate, PersonGroup, strip_credit_lines
from digest_plugin.core.model import Article, ArticleEntities, Mention, Person
from digest_plugin.siteview.pages import SitePages
from tests.urls import mkdocs_urls


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _people(extractor: Extractor, title: str, body: str) -> set[str]:
    return {m.name for m in extractor.extract(title, body, []).people}


def _countries(extractor: Extractor, title: str, body: str) -> set[str]:
    return {m.name for m in extractor.extract(title, body, []).countries}


def test_credit_sentences_inside_a_paragraph_name_no_one_and_place_nothing():
    body = ("The envoy left on Friday. Wire's Tomas Ferreira in Lisbon and Ana Lutz in Vienna contributed "
            "reporting. Talks resume next week.")
    text, credited = strip_credit_lines(body)
    assert "Lisbon" not in text and "Talks resume next week." in text and "The envoy left" in text
    assert {"Tomas Ferreira", "Ana Lutz"} <= set(credited)
    # Prose that merely uses the verb is no credit.
    kept, none = strip_credit_lines("The fund contributed greatly to the rebuilding of the port.")
    assert kept.startswith("The fund") and none == []


def test_outlet_staff_are_sources_not_people(extractor):
    body = ("Foreign Minister Ingrid Valle said the border would reopen, she told CNN's Marta Osei in an "
            "interview on Monday. Valle said talks would continue.")
    names = _people(extractor, "Border to reopen", body)
    assert "Ingrid Valle" in names and "Marta Osei" not in names


def test_a_country_inside_a_place_sea_or_event_name_does_not_count(extractor):
    body = ("Storms hit New Mexico and ships sheltered in the Gulf of Thailand and the Indian Ocean. "
            "She reached the final of the US Open and gave an English-language interview.")
    assert _countries(extractor, "Storm season", body) == set()


def test_a_city_where_something_happens_counts(extractor):
    body = "Leaders met at a summit in Vilnius on Tuesday, and a tribunal in The Hague ruled on Wednesday."
    assert {"LT", "NL"} <= _countries(extractor, "Summit ends", body)


def test_family_name_first_is_one_person_not_a_stray_surname(extractor):
    body = ("Chinese leader Xi Jinping met the visiting delegation in Beijing on Monday. "
            "Xi said the two countries should deepen trade, and Xi later hosted a banquet.\n\n"
            "North Korean leader Kim Jong-un sent a message; Kim Jong Un has rarely travelled abroad.")
    names = _people(extractor, "Xi hosts delegation", body)
    assert "Xi Jinping" in names and "Xi" not in names
    assert len([n for n in names if n.startswith("Kim")]) == 1


@pytest.mark.parametrize("body", [
    "Xi Jinping received the delegation in Beijing on Monday. Xi said trade should grow.",
    "Under Xi Jinping, the party has tightened its hold on private firms. Xi has also replaced generals.",
    "Moon Jae-in crossed the border on foot. Moon said the talks had gone well.",
])
def test_a_family_first_name_opening_a_sentence_is_found(extractor, body):
    # The small model leaves such a name unlabelled where it opens a sentence (and then the
    # later one-word mentions too): the name's shape is the evidence.
    names = _people(extractor, "Talks", body)
    assert len(names) == 1 and names.pop() in {"Xi Jinping", "Moon Jae-in"}


def test_an_organisation_opening_a_sentence_is_still_read_by_its_apposition(extractor):
    body = "The Quiet Harbour Trust, a charity for sailors, opened a hostel. Its head Ilse Marr said beds were full."
    names = _people(extractor, "Hostel opens", body)
    assert "Ilse Marr" in names and not any("Harbour" in n for n in names)


def test_a_place_shaped_like_a_family_first_name_is_not_a_person(extractor):
    body = "Hong Kong reopened its border on Monday, and ferries to Hong Kong were full."
    assert _people(extractor, "Border reopens", body) == set()


def test_a_later_word_of_a_name_with_a_particle_is_that_person(extractor):
    # "Lula" completed to "Tiago Amaral Lula" would be a second man beside the full name.
    body = ("Brazil's President Tiago Amaral Lula da Costa signed the law on Tuesday. "
            "Lula said the reform would protect jobs, and Lula thanked the senate.")
    assert _people(extractor, "Law signed", body) == {"Tiago Amaral Lula da Costa"}


@pytest.mark.parametrize(("body", "person"), [
    ("The coach was sacked by Manchester United in December. Manchester United said he had left by "
     "mutual consent. His assistant Rui Sola takes charge.", "Rui Sola"),
    ("Penn State quarterback Tomas Lind said he had received threats. Lind said the team would play on "
     "Saturday.", "Tomas Lind"),
])
def test_a_name_made_of_team_and_place_words_is_not_a_person(extractor, body, person):
    # Labelled news writes "Manchester", "United", "Penn" and "State" in the names of clubs,
    # places and schools far more than in people's.
    assert _people(extractor, "Sport", body) == {person}


def _group(name: str, labels: list[str], titled: bool = False) -> PersonGroup:
    members = [Candidate(tuple(name.split()), 10 * i, 10 * i + len(name), label=label, titled=titled)
               for i, label in enumerate(labels)]
    return PersonGroup(name, members)


def test_a_name_the_model_nearly_always_calls_an_organisation_is_vetoed_only_with_its_words():
    assert decide.vetoed(_group("Louisiana Democrats", ["NORP", "NORP", "NORP", "PERSON"]))
    # Unknown words (most people the small model mislabels) or a title keep the vote open.
    assert not decide.vetoed(_group("Volodymyr Zelenskiy", ["ORG", "ORG", "ORG", "PERSON"]))
    assert not decide.vetoed(_group("Louisiana Democrats", ["NORP", "NORP", "NORP", "PERSON"], titled=True))
    assert not decide.vetoed(_group("Louisiana Democrats", ["NORP", "PERSON"]))  # too few mentions to tell


def test_an_outlet_name_before_a_name_is_neither_the_name_nor_its_role(extractor):
    body = ("Prime Minister Ilse Varga called an early vote. A professor told CNN Varga's rivals were weak. "
            "Reuters Finance Secretary Jonas Pell said the budget would wait.")
    people = {m.name: m for m in extractor.extract("Early vote", body, []).people}
    assert set(people) == {"Ilse Varga", "Jonas Pell"}
    assert people["Jonas Pell"].roles == ("Finance Secretary",)


LONG_BODY = ("The company said on Tuesday that its new console would reach shops in March, later than planned, "
             "because a supplier of memory chips had fallen behind. Analysts said the delay would cost sales in "
             "the holiday season, and shares fell four per cent in early trading. A spokesman for the supplier "
             "said output would recover within weeks. Retailers said orders placed before the delay would be kept.")


def test_a_headline_name_the_body_never_writes_is_no_person(extractor):
    # None of the people labelled in the dev and BBC sets is named only by a headline.
    assert _people(extractor, "Console Falls Short of Target at Launch", LONG_BODY) == set()
    # A short body (a feed's summary) need not repeat the headline's names.
    assert _people(extractor, "Mara Quill Leaves Lumen Games", "The chief executive resigned on Tuesday.") \
        == {"Mara Quill"}


def test_a_headline_verb_before_a_surname_is_no_given_name(extractor):
    body = ("Senator Dana Whitcombe rejected the claims on Monday. Whitcombe said the figures were wrong, "
            "and Whitcombe's office published its own.")
    names = _people(extractor, "Party Chair Challenges Whitcombe's Claims", body)
    assert names == {"Dana Whitcombe"}


def test_letters_after_a_name_are_not_part_of_it(extractor):
    body = ("The barrister Owen Tally QC resigned from the panel on Monday. Tally said the rules had "
            "failed, and Tally's letter was published.")
    assert _people(extractor, "Barrister resigns", body) == {"Owen Tally"}


def test_a_possessive_is_never_part_of_a_name(extractor):
    body = "Ukrainian President Volodymyr Zelensky's peace plan was discussed. Volodymyr Zelensky's aides said so."
    names = _people(extractor, "Peace plan", body)
    assert "Volodymyr Zelensky" in names and not any(n.endswith(("'s", "’s")) for n in names)


def test_an_organisation_in_apposition_is_not_a_person(extractor):
    body = ("The campaign is funded by Bright Lantern, a nonprofit that lobbies for safer apps, and "
            "Bright Lantern said it would publish a report. Its director Mara Quill said parents were worried.")
    names = _people(extractor, "Campaign launched", body)
    assert "Bright Lantern" not in names and "Mara Quill" in names


def test_sort_by_family_name_as_a_reader_expects():
    assert family_name("Xi Jinping") == "Xi" and family_name("Kim Jong-un") == "Kim"
    assert family_name("Moon Jae-in") == "Moon" and family_name("Lee Anderson") == "Anderson"
    assert family_name("Martin Luther King Jr") == "King" and family_name("Charles III") == "Charles"
    names = ["Olaf Scholz", "Xi Jinping", "Ada Lovelace", "Lee Anderson"]
    assert sorted(names, key=sort_key) == ["Lee Anderson", "Ada Lovelace", "Olaf Scholz", "Xi Jinping"]


def test_a_role_is_shown_with_its_date():
    person = Person(name="Ann Lee", slug="ann-lee", role="US President", role_date=dt.date(2024, 11, 6))
    assert person.role_label == "US President, Nov 2024"
    assert Person(name="Bo Kim", slug="bo-kim", role="Mayor").role_label == "Mayor"


def test_people_index_groups_by_family_name_and_dates_roles():
    day = dt.datetime(2024, 9, 1, tzinfo=dt.UTC)
    article = Article(title="Story", body="word " * 50, date=day, id="a1", src_path="articles/x/story.md")
    people = {
        "Xi Jinping": Person(name="Xi Jinping", slug="xi-jinping", role="President", role_date=day.date()),
        "Olaf Scholz": Person(name="Olaf Scholz", slug="olaf-scholz"),
    }
    digest = Digest(articles=[article], entities={"a1": ArticleEntities(people=[Mention(n) for n in people])},
                    people=people, countries={}, person_articles={n: [article] for n in people},
                    country_articles={})
    context = SitePages(digest, urls=mkdocs_urls()).context_for("people/index.md")
    assert [(g["letter"], [p["name"] for p in g["people"]]) for g in context["groups"]] == [
        ("S", ["Olaf Scholz"]), ("X", ["Xi Jinping"])]
    assert context["groups"][1]["people"][0]["role"] == "President, Sep 2024"


def test_every_word_list_lives_once_in_the_lexicon():
    def no_duplicate_keys(pairs):
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), f"a list is defined twice: {keys}"
        return dict(pairs)

    lexicon = json.loads(LEXICON_PATH.read_text(encoding="utf-8"), object_pairs_hook=no_duplicate_keys)
    for name, entry in lexicon.items():
        if name.startswith("_"):
            continue
        assert entry["about"], name
        tables = [entry["words"]] if "words" in entry else [v for k, v in entry.items() if k != "about"]
        for table in tables:
            lists = table.values() if isinstance(table, dict) else [table]
            assert all(len(words) == len(set(words)) for words in lists), name


def test_the_shipped_model_is_small_json_and_versions_the_cache():
    model = decide.load_model()
    assert len(model.coef) == len(decide.FEATURES) and 0 < model.maybe < model.threshold < 1
    assert decide.MODEL_PATH.stat().st_size < 4096
    assert f"-{model.version}" in EXTRACTOR_VERSION


def test_the_decision_uses_every_mention(extractor):
    from digest_plugin.core.entities.extract import _prepare

    # One decision per name: its mentions pooled, a title before any one of them counted.
    prep = _prepare("Talks", "The unions met Chancellor Ilse Brandt on Monday. Brandt said the talks went well, "
                             "and Brandt will meet them again.", [])
    scored = extractor.scored_groups(extractor.nlp(prep.text), prep)
    (group, evidence), = [(g, f) for g, f in scored if g.name == "Ilse Brandt"]
    assert len(group.members) == 3 and evidence["titled"] == 1.0 and evidence["one_word"] == 0.0
    assert extractor.model.probability(evidence) >= extractor.model.threshold


def test_a_writers_note_paragraph_names_the_author_not_a_person():
    body = ("The station streams regional music around the clock, said its founder Lucia Ortega.\n\n"
            "Petra Lindholm is culture correspondent for Evening Wire, a public radio co-production.")
    _, credited = strip_credit_lines(body)
    assert "Petra Lindholm" in credited and "Lucia Ortega" not in credited
    # A sentence inside a paragraph that happens to say what someone is stays a person's.
    _, none = strip_credit_lines("Talks stalled. Omar Haddad is a reporter turned minister who now leads them.")
    assert none == []
