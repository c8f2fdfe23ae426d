"""Digest-wide canonicalization of people."""

from __future__ import annotations

import datetime as dt

from digest_plugin.core.entities.registry import load_registry
from digest_plugin.core.entities.resolve import resolve_digest
from digest_plugin.core.model import ArticleEntities, Mention


def _people(*names_roles) -> ArticleEntities:
    return ArticleEntities(people=[Mention(n, roles=tuple(r)) for n, *r in names_roles])


def test_forms_of_one_name_become_one_person():
    digest = resolve_digest({
        "a": _people(("Vladimir Putin", "President")),
        "b": _people(("Putin",)),
        "c": _people(("Vladimir V. Putin",)),
        "d": _people(("VLADIMIR PUTIN",)),
    })
    assert set(digest.people) == {"Vladimir Putin"}
    assert all([m.name for m in e.people] == ["Vladimir Putin"] for e in digest.articles.values())
    assert set(digest.people["Vladimir Putin"].aliases) == {"Putin", "Vladimir V. Putin", "VLADIMIR PUTIN"}


def test_shared_surname_is_left_alone_and_reported():
    digest = resolve_digest({
        "a": _people(("Marcello Cuttitta",)),
        "b": _people(("Massimo Cuttitta",)),
        "c": _people(("Cuttitta",)),
    })
    # The bare surname is not guessed and gets no page of its own; the editor is asked.
    assert set(digest.people) == {"Marcello Cuttitta", "Massimo Cuttitta"}
    reasons = {(a, b): r for a, b, r in digest.merge_candidates}
    assert ("Cuttitta", "Marcello Cuttitta") in reasons and ("Cuttitta", "Massimo Cuttitta") in reasons


def test_diacritics_folded_for_matching_and_kept_for_display():
    digest = resolve_digest({"a": _people(("José Álvarez",)), "b": _people(("Jose Alvarez",)), "c": _people(("Álvarez",))})
    assert set(digest.people) == {"José Álvarez"}


def test_latest_role_by_date_and_spelling_variants_merged():
    digest = resolve_digest(
        {"new": _people(("Ann Lee", "Prime Minister")), "old": _people(("Ann Lee", "Finance Minister")),
         "c": _people(("Volodymyr Zelensky",)), "d": _people(("Volodymyr Zelenskyy",))},
        dates={"new": dt.datetime(2024, 5, 1), "old": dt.datetime(2023, 1, 1)},
    )
    assert digest.people["Ann Lee"].role == "Prime Minister"
    assert digest.people["Ann Lee"].role_date == dt.date(2024, 5, 1)
    # Same given name, family name one transliteration away: one person, the other an alias.
    assert "Volodymyr Zelensky" in digest.people or "Volodymyr Zelenskyy" in digest.people
    assert len([n for n in digest.people if n.startswith("Volodymyr")]) == 1


def test_spelling_variants_without_a_given_name_are_merge_candidates():
    digest = resolve_digest({
        "a": _people(("Hanna Kowalska",)), "b": _people(("Maria Kowalska",)), "c": _people(("Kowalskaja",)),
    })
    assert "Kowalskaja" not in digest.people
    pairs = {(a, b) for a, b, _ in digest.merge_candidates}
    assert ("Kowalskaja", "Hanna Kowalska") in pairs and ("Kowalskaja", "Maria Kowalska") in pairs


def test_hyphenated_and_spaced_korean_names_are_one_person():
    digest = resolve_digest({"a": _people(("Kim Jong-un",)), "b": _people(("Kim Jong Un",)), "c": _people(("Kim Jong Un",))})
    assert set(digest.people) == {"Kim Jong Un"}


def test_one_word_names_need_a_full_name_a_registry_entry_or_a_regnal_title(tmp_path):
    path = tmp_path / "entities.yml"
    path.write_text("people:\n  Rihanna:\n    description: Singer.\n", encoding="utf-8")
    digest = resolve_digest({
        "a": _people(("Moreau", "Mayor")), "b": _people(("Francis", "Pope")),
        "c": _people(("Rihanna",)), "d": ArticleEntities(people=[Mention("Laurent", titled=True)]),
    }, load_registry(path))
    assert set(digest.people) == {"Pope Francis", "Rihanna"}  # shown with the title that keeps it


def test_a_maybe_person_is_promoted_by_another_article():
    digest = resolve_digest({
        "a": _people(("Ines Duarte",)),
        "b": ArticleEntities(maybe_people=[Mention("Ines Duarte")]),
        "c": ArticleEntities(maybe_people=[Mention("Harbour Lights")]),
    })
    assert set(digest.people) == {"Ines Duarte"}
    assert [m.name for m in digest.articles["b"].people] == ["Ines Duarte"]


def test_registry_aliases_ignores_and_details(tmp_path):
    path = tmp_path / "entities.yml"
    path.write_text("people:\n  Joe Biden:\n    aliases: [Joseph R. Biden Jr.]\n    wikidata: Q6279\n"
                    "ignore:\n  people: [Brexit]\n  countries: [FR]\n", encoding="utf-8")
    per_article = {
        "a": ArticleEntities(people=[Mention("Joseph R. Biden Jr."), Mention("Brexit")],
                             countries=[Mention("FR"), Mention("US")]),
    }
    digest = resolve_digest(per_article, load_registry(path))
    assert set(digest.people) == {"Joe Biden"}
    assert digest.people["Joe Biden"].wikidata == "Q6279"
    assert [m.name for m in digest.articles["a"].countries] == ["US"]


def test_family_name_first_merges_only_into_its_one_full_name():
    digest = resolve_digest({
        "a": _people(("Xi Jinping",)),
        "b": _people(("Xi",)),
        "c": _people(("Kim Jong Un",), ("Kim Yo Jong",)),
        "d": _people(("Kim",)),
    })
    assert set(digest.people) == {"Xi Jinping", "Kim Jong Un", "Kim Yo Jong"}
    assert [m.name for m in digest.articles["b"].people] == ["Xi Jinping"]
