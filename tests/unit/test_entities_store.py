"""The extraction cache, the entities.yml registry and front matter overrides."""

from __future__ import annotations

import json

import pytest

from digest_plugin.core.entities.cache import (
    PACK_NAME,
    ExtractionCache,
    extract_with_cache,
    key_for,
)
from digest_plugin.core.entities.registry import (
    RegistryError,
    apply_overrides,
    load_registry,
)
from digest_plugin.core.model import ArticleEntities, Mention

ENTS = ArticleEntities(
    people=[Mention("José Álvarez", 3, True, False, ("Finance Minister",), ("José Álvarez", "Álvarez"))],
    countries=[Mention("ES", 2, False, True, (), ("Spain", "Madrid"))],
)


class CountingExtractor:
    """Stands in for spaCy: records which articles it was asked to parse."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def extract_many(self, items):
        items = list(items)
        self.seen.extend(title for title, _, _ in items)
        return [ArticleEntities(people=[Mention(title)]) for title, _, _ in items]


def test_cache_round_trip_and_key(tmp_path):
    cache = ExtractionCache(tmp_path)
    key = cache.key_for("T", "B", ["A"])
    assert cache.get(key) is None
    cache.put(key, ENTS)
    assert cache.get(key) == ENTS
    assert key != key_for("T", "B changed", ["A"])
    assert key != key_for("T", "B", ["A"], version="other")
    assert not list(tmp_path.rglob(".tmp-*"))


def test_corrupt_entry_is_a_miss_with_warning(tmp_path, caplog):
    cache = ExtractionCache(tmp_path)
    key = cache.key_for("T", "B", [])
    cache.put(key, ENTS)
    path = next(tmp_path.rglob(f"{key}.json"))
    path.write_text("{not json", encoding="utf-8")
    assert cache.get(key) is None
    assert str(path) in caplog.text


def test_warm_run_parses_nothing_and_a_changed_article_alone(tmp_path):
    cache = ExtractionCache(tmp_path)
    items = [("one", "b1", []), ("two", "b2", [])]
    extractor = CountingExtractor()
    cold, misses = extract_with_cache(extractor, cache, items)
    assert misses == 2 and [e.people[0].name for e in cold] == ["one", "two"]
    warm, misses = extract_with_cache(extractor, cache, items)
    assert misses == 0 and warm == cold and extractor.seen == ["one", "two"]
    _, misses = extract_with_cache(extractor, cache, [("one", "b1", []), ("two", "edited", [])])
    assert misses == 1 and extractor.seen == ["one", "two", "two"]


def test_identical_articles_are_parsed_once_and_each_gets_the_result(tmp_path):
    items = [("wire", "same text", []), ("other", "b2", []), ("wire", "same text", [])]
    extractor = CountingExtractor()
    results, misses = extract_with_cache(extractor, ExtractionCache(tmp_path), items)
    assert extractor.seen == ["wire", "other"]
    assert misses == 3 and results[0] == results[2] and results[0].people[0].name == "wire"
    results, misses = extract_with_cache(extractor, None, items)
    assert extractor.seen == ["wire", "other", "wire", "other"] and results[2].people[0].name == "wire"


REGISTRY = """\
people:
  Vladimir Putin:
    aliases: [Vladimir V. Putin]
    description: President of Russia.
    wikidata: Q7747
  José Álvarez: {image: images/alvarez.jpg}
countries:
  United Kingdom: {description: Four nations.}
ignore:
  people: [Brexit]
  countries: [VA]
"""


def test_registry_loads(tmp_path):
    path = tmp_path / "entities.yml"
    path.write_text(REGISTRY, encoding="utf-8")
    registry = load_registry(path)
    assert registry.canonical_person("vladimir v. putin") == "Vladimir Putin"
    assert registry.canonical_person("Jose Alvarez") == "José Álvarez"
    assert registry.people["Vladimir Putin"].wikidata == "Q7747"
    assert "GB" in registry.countries
    assert registry.person_ignored("BREXIT") and registry.country_ignored("VA")


def test_missing_registry_is_empty(tmp_path):
    assert load_registry(tmp_path / "absent.yml").people == {}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("people:\n  Ann Lee:\n\tdescription: x\n", 3, "invalid YAML"),
        ("people:\n  Ann Lee:\n    alias: [Lee]\n", 3, "unknown key 'alias'"),
        ("people:\n  Ann Lee:\n    wikidata: 42\n", 3, "Q42"),
        ("countries:\n  Atlantis: {}\n", 2, "not an ISO"),
        ("people:\n  Ann Lee: {aliases: [A. Lee]}\n  Bob Lee: {aliases: [Ann Lee]}\n", 3, "both"),
        ("persons: {}\n", 1, "unknown section"),
    ],
)
def test_registry_errors_name_file_and_line(tmp_path, text, line, words):
    path = tmp_path / "entities.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as error:
        load_registry(path)
    assert str(path) in str(error.value)
    assert f"line {line}" in str(error.value)
    assert words in str(error.value)


def test_overrides_replace_extraction_and_use_aliases(tmp_path):
    path = tmp_path / "entities.yml"
    path.write_text(REGISTRY, encoding="utf-8")
    registry = load_registry(path)
    result = apply_overrides(ENTS, people=["Jose Alvarez", "Vladimir V. Putin"], countries=["Spain", "fr"],
                             registry=registry)
    assert [m.name for m in result.people] == ["José Álvarez", "Vladimir Putin"]
    assert result.people[0].count == 3  # salience kept where extraction found the person
    assert [m.name for m in result.countries] == ["ES", "FR"]
    assert apply_overrides(ENTS).people == ENTS.people
    with pytest.raises(ValueError, match="Atlantis"):
        apply_overrides(ENTS, countries=["Atlantis"])


def test_cold_run_writes_a_pack_that_a_warm_run_reads_alone(tmp_path):
    items = [(f"title {i}", f"body {i}", []) for i in range(100)]
    cold, _ = extract_with_cache(CountingExtractor(), ExtractionCache(tmp_path), items)
    assert (tmp_path / PACK_NAME).is_file()
    for path in tmp_path.glob("*/*.json"):  # the pack alone must now answer every key
        path.unlink()
    extractor = CountingExtractor()
    warm, misses = extract_with_cache(extractor, ExtractionCache(tmp_path), items)
    assert misses == 0 and warm == cold and extractor.seen == []


def test_few_new_entries_leave_the_pack_alone_and_are_read_from_files(tmp_path):
    items = [(f"title {i}", f"body {i}", []) for i in range(100)]
    extract_with_cache(CountingExtractor(), ExtractionCache(tmp_path), items)
    before = (tmp_path / PACK_NAME).read_bytes()
    edited = [*items[:-1], ("title 99", "edited body", [])]
    extract_with_cache(CountingExtractor(), ExtractionCache(tmp_path), edited)
    assert (tmp_path / PACK_NAME).read_bytes() == before
    extractor = CountingExtractor()
    warm, misses = extract_with_cache(extractor, ExtractionCache(tmp_path), edited)
    assert misses == 0 and extractor.seen == [] and warm[-1].people[0].name == "title 99"


def test_corrupt_pack_warns_and_falls_back_to_files(tmp_path, caplog):
    items = [(f"title {i}", f"body {i}", []) for i in range(100)]
    cold, _ = extract_with_cache(CountingExtractor(), ExtractionCache(tmp_path), items)
    (tmp_path / PACK_NAME).write_text("{broken", encoding="utf-8")
    extractor = CountingExtractor()
    warm, misses = extract_with_cache(extractor, ExtractionCache(tmp_path), items)
    assert misses == 0 and warm == cold and extractor.seen == []
    assert str(tmp_path / PACK_NAME) in caplog.text
    assert json.loads((tmp_path / PACK_NAME).read_text(encoding="utf-8"))["format"] == 1  # rewritten
