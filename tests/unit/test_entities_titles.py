"""One-name titles in grouping and resolution, and bracketed given names: sentences written
for these tests."""

from __future__ import annotations

import pytest

from digest_plugin.core.entities import Extractor
from digest_plugin.core.entities.resolve import resolve_digest
from digest_plugin.core.model import ArticleEntities, Mention


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def test_a_one_name_title_keeps_the_name_apart_from_a_longer_name(extractor):
    body = "Pope Francis prayed in the old port, where Francis Xavier once preached. Francis said he was glad to come."
    people = {m.name: m.roles for m in extractor.extract("A visit to the port", body, []).people}
    assert people == {"Francis": ("Pope",), "Francis Xavier": ()}


def test_digest_keeps_a_one_name_title_apart_but_merges_a_titled_full_name():
    digest = resolve_digest({
        "a": ArticleEntities(people=[Mention("Francis", roles=("Pope",))]),
        "b": ArticleEntities(people=[Mention("Francis Xavier")]),
        "c": ArticleEntities(people=[Mention("Mohammed", roles=("Prince",))]),
        "d": ArticleEntities(people=[Mention("Mohammed bin Salman", roles=("Crown Prince",))]),
    })
    assert set(digest.people) == {"Pope Francis", "Francis Xavier", "Mohammed bin Salman"}


def test_a_given_name_in_brackets_completes_the_surname_after_it(extractor):
    body = '"Nobody could stand up to (Estonian Prime Minister Aino) Kask," a rival said. Kask declined to comment.'
    assert [m.name for m in extractor.extract("Talks stall", body, []).people] == ["Aino Kask"]
    # Brackets holding words that are not a name insert none.
    body = "The plan (approved in May) Kask said was fine. Kask declined to comment."
    assert "May Kask" not in [m.name for m in extractor.extract("Talks stall", body, []).people]
