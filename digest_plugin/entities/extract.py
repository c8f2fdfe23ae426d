"""Per-article entity extraction: spaCy NER, then cleaning into people and ISO country codes."""

from __future__ import annotations

from collections.abc import Iterable

from digest_plugin.model import ArticleEntities

EXTRACTOR_VERSION = "0"


class Extractor:
    """Finds the people and countries of articles. Loads the spaCy model once, lazily."""

    def extract(self, title: str, body: str, authors: list[str]) -> ArticleEntities:
        return self.extract_many([(title, body, authors)])[0]

    def extract_many(self, items: Iterable[tuple[str, str, list[str]]]) -> list[ArticleEntities]:
        raise NotImplementedError("entity extraction lands with the entities work")
