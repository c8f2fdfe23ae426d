"""People and countries: finding them in an article and making them canonical across a digest.

The public surface, used by the plugin and the CLI:

- `Extractor().extract(title, body, authors) -> ArticleEntities` for one article, and
  `Extractor().extract_many(items)` for many (batched through spaCy's `nlp.pipe`).
- `EXTRACTOR_VERSION`: part of the cache key, bumped whenever extraction output can change.
"""

from digest_plugin.core.entities.extract import EXTRACTOR_VERSION, Extractor

__all__ = ["EXTRACTOR_VERSION", "Extractor"]
