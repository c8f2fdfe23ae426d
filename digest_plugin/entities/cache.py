"""On-disk cache of extraction results, keyed by article content and extractor version.

One small JSON file per article under two-character shard folders
(`<directory>/ab/abcdef....json`), so a warm build of 20,000 articles reads 20,000 small files
and parses no text with spaCy. A key is the sha256 of the title, body, authors and
`EXTRACTOR_VERSION`: an edited article or a new extractor simply misses. Writes go to a
temporary file then `os.replace`, so a crash never leaves half an entry; an entry that cannot be
read is treated as a miss with a warning and rewritten by the next `put`.

    cache = ExtractionCache(".cache/digest")
    key = cache.key_for(title, body, authors)
    entities = cache.get(key)          # None on a miss
    cache.put(key, extractor.extract(title, body, authors))
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from digest_plugin.entities.extract import EXTRACTOR_VERSION
from digest_plugin.model import ArticleEntities, Mention

log = logging.getLogger("mkdocs.plugins.digest.cache")

_FORMAT = 1


def key_for(title: str, body: str, authors: list[str], version: str = EXTRACTOR_VERSION) -> str:
    """The cache key of an article's extraction input."""
    payload = json.dumps([version, title, body, list(authors)], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def entities_to_json(entities: ArticleEntities) -> dict:
    return {"people": [asdict(m) for m in entities.people], "countries": [asdict(m) for m in entities.countries]}


def entities_from_json(data: dict) -> ArticleEntities:
    def mention(item: dict) -> Mention:
        return Mention(
            name=str(item["name"]),
            count=int(item["count"]),
            in_headline=bool(item["in_headline"]),
            in_lead=bool(item["in_lead"]),
            roles=tuple(item.get("roles", ())),
            surfaces=tuple(item.get("surfaces", ())),
        )

    return ArticleEntities(
        people=[mention(m) for m in data["people"]], countries=[mention(m) for m in data["countries"]]
    )


class ExtractionCache:
    """Extraction results on disk, one JSON file per key."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)

    @staticmethod
    def key_for(title: str, body: str, authors: list[str]) -> str:
        return key_for(title, body, authors)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> ArticleEntities | None:
        path = self._path(key)
        try:
            with path.open(encoding="utf-8") as handle:
                data = json.load(handle)
            if data.get("format") != _FORMAT:
                return None
            return entities_from_json(data["entities"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            log.warning("Ignoring unreadable extraction cache entry %s: %s", path, error)
            return None

    def put(self, key: str, entities: ArticleEntities) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"format": _FORMAT, "version": EXTRACTOR_VERSION, "entities": entities_to_json(entities)}
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def extract_with_cache(
    extractor, cache: ExtractionCache | None, items: list[tuple[str, str, list[str]]], n_process: int = 1
) -> tuple[list[ArticleEntities], int]:
    """Entities of every item, parsing only cache misses (in one batch); returns (results, misses)."""
    results: list[ArticleEntities | None] = [None] * len(items)
    keys = [key_for(*item) for item in items]
    missing = []
    for index, key in enumerate(keys):
        hit = cache.get(key) if cache is not None else None
        if hit is None:
            missing.append(index)
        else:
            results[index] = hit
    if missing:
        fresh = extractor.extract_many([items[i] for i in missing], n_process=n_process)
        for index, entities in zip(missing, fresh):
            results[index] = entities
            if cache is not None:
                cache.put(keys[index], entities)
    return [r if r is not None else ArticleEntities() for r in results], len(missing)
