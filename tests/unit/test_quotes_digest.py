"""Quotations through the digest: cached with the entities, speakers resolved like mentions,
shown on person and article pages, exported in digest.json. No spaCy: entities are given."""

from __future__ import annotations

import datetime as dt

from digest_plugin.core.corpus import assemble
from digest_plugin.core.entities.cache import ExtractionCache, entities_from_json, entities_to_json
from digest_plugin.core.entities.registry import Registry, RegistryEntry, apply_overrides
from digest_plugin.core.entities.resolve import resolve_digest
from digest_plugin.core.model import Article, ArticleEntities, Mention, Quote
from digest_plugin.siteview.export import digest_json
from digest_plugin.siteview.pages import SitePages
from tests.urls import mkdocs_urls


def _ents(people: list[str], quotes: list[tuple[str, str]]) -> ArticleEntities:
    return ArticleEntities(people=[Mention(p) for p in people], quotes=[Quote(s, t) for s, t in quotes])


def test_quotes_survive_the_cache(tmp_path):
    entities = _ents(["Rita Carvalho"], [("Rita Carvalho", "We are ready ... to talk.")])
    assert entities_from_json(entities_to_json(entities)) == entities
    cache = ExtractionCache(tmp_path)
    cache.put("k" * 64, entities)
    assert ExtractionCache(tmp_path).get("k" * 64).quotes == entities.quotes


def test_an_entry_written_before_quotations_reads_as_none():
    old = {"people": [], "countries": []}
    assert entities_from_json(old).quotes == []


def test_speakers_follow_their_mention_to_the_digest_wide_name():
    per_article = {
        "a": _ents(["Rita Carvalho"], [("Rita Carvalho", "first")]),
        "b": _ents(["Carvalho"], [("Carvalho", "second")]),  # surname only in this article
    }
    resolved = resolve_digest(per_article)
    assert resolved.articles["b"].quotes == [Quote("Rita Carvalho", "second")]


def test_registry_aliases_rename_and_ignores_drop_speakers():
    registry = Registry()
    registry.people["Rita Carvalho"] = RegistryEntry(name="Rita Carvalho", aliases=("R. Carvalho",))
    registry.ignored_people.add("portex")
    per_article = {"a": _ents(["R. Carvalho", "Portex"], [("R. Carvalho", "yes"), ("Portex", "no comment")])}
    resolved = resolve_digest(per_article, registry)
    assert resolved.articles["a"].quotes == [Quote("Rita Carvalho", "yes")]


def test_front_matter_people_keep_only_their_quotations():
    entities = _ents(["Rita Carvalho", "Tomas Vidal"], [("Rita Carvalho", "one"), ("Tomas Vidal", "two")])
    kept = apply_overrides(entities, people=["Vidal Tomas", "Tomas Vidal"])
    assert kept.quotes == [Quote("Tomas Vidal", "two")]


def _site(quote_text: str = "We are ready ... to talk.") -> SitePages:
    day = dt.datetime(2024, 9, 1, 8, tzinfo=dt.UTC)
    articles = [
        Article(title=f"Story {i}", body="words", date=day + dt.timedelta(days=i), source="Wire", id=f"a{i}",
                src_path=f"articles/s{i}.md")
        for i in range(3)
    ]
    extracted = {
        "a0": _ents(["Rita Carvalho"], [("Rita Carvalho", "oldest words")]),
        "a1": _ents(["Rita Carvalho", "Tomas Vidal"], [("Tomas Vidal", "not hers")]),
        "a2": _ents(["Carvalho"], [("Carvalho", quote_text)]),
    }
    digest = assemble(articles, extracted)
    return SitePages(digest, page_size=1, urls=mkdocs_urls())


def test_person_page_lists_their_words_newest_first_with_the_article():
    pages = _site()
    first = pages.context_for("people/rita-carvalho/index.md")
    assert [q["text"] for q in first["quotes"]] == ["We are ready ... to talk."]
    assert first["quotes"][0]["article"]["title"] == "Story 2"
    assert first["quotes"][0]["article"]["source"] == "Wire"
    assert first["quotes"][0]["article"]["url"] == "articles/s2/"
    # paginated like the article list: page/1, the oldest page, lists the oldest article and its quotation
    oldest = pages.context_for("people/rita-carvalho/page/1/index.md")
    assert [q["text"] for q in oldest["quotes"]] == ["oldest words"]
    assert oldest["pagination"]["label"] == "1 September 2024"


def test_article_page_marks_who_is_quoted():
    pages = _site()
    context = pages.context_for("articles/s1.md")
    assert [(q["name"], q["url"]) for q in context["quoted"]] == [("Tomas Vidal", "people/tomas-vidal/")]
    assert pages.context_for("articles/s0.md")["quoted"][0]["texts"] == ["oldest words"]


def test_digest_json_carries_quotes_with_canonical_speakers():
    data = digest_json(_site())
    by_title = {a["title"]: a["quotes"] for a in data["articles"]}
    assert by_title["Story 2"] == [{"speaker": "Rita Carvalho", "text": "We are ready ... to talk."}]
    assert by_title["Story 1"] == [{"speaker": "Tomas Vidal", "text": "not hers"}]


def test_quoted_words_are_escaped_for_templates():
    # The words are plain text (a tag dropped, as in a headline), then escaped for the template.
    pages = _site("1 < 2 <script>alert(1)</script> & more")
    context = pages.context_for("people/rita-carvalho/index.md")
    assert context["quotes"][0]["text"] == "1 &lt; 2 &amp; more"
