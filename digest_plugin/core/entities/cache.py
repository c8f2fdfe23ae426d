"""On-disk cache of extraction results, keyed by article content and extractor version.

One small JSON file per article under two-character shard folders
(`<directory>/ab/abcdef....json`), so a warm build of 20,000 articles reads 20,000 small files
and parses no text with spaCy. A key is the sha256 of the title, body, authors and
`EXTRACTOR_VERSION`: an edited article or a new extractor simply misses. Writes go to a
temporary file then `os.replace`, so a crash never leaves half an entry; an entry that cannot be
read is treated as a miss with a warning and rewritten by the next `put`. A cache that cannot
be written (a full disk, a read-only folder) is warned about once and the build goes on
without storing more: it costs the next build time, never this one its result.

Reading 20,000 files costs seconds, so `extract_with_cache` also keeps a pack: one file
(`<directory>/packed.json`) holding the entries of the last run's articles, loaded once per
`ExtractionCache` and rewritten when enough of a run's entries are missing from it. The
per-article files stay the source of truth: a missing or unreadable pack only costs speed.

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
from dataclasses import asdict
from pathlib import Path

from digest_plugin.core.atomic import atomic_write_text
from digest_plugin.core.entities.extract import EXTRACTOR_VERSION
from digest_plugin.core.model import ArticleEntities, Mention, Quote

log = logging.getLogger(__name__)

_FORMAT = 1
PACK_NAME = "packed.json"
# The pack is rewritten when more of a run's entries than this are missing from it: a cold
# build packs everything, one edited article in `mkdocs serve` does not rewrite megabytes.
_REPACK_MIN = 64
_REPACK_SHARE = 0.05


def key_for(title: str, body: str, authors: list[str], version: str = EXTRACTOR_VERSION) -> str:
    """The cache key of an article's extraction input."""
    payload = json.dumps([version, title, body, list(authors)], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def entities_to_json(entities: ArticleEntities) -> dict:
    data: dict[str, list] = {"people": [asdict(m) for m in entities.people],
                             "countries": [asdict(m) for m in entities.countries],
                             "quotes": [[q.speaker, q.text] for q in entities.quotes]}
    if entities.maybe_people:
        data["maybe_people"] = [asdict(m) for m in entities.maybe_people]
    if entities.not_people:
        data["not_people"] = list(entities.not_people)
    return data


def entities_from_json(data: dict) -> ArticleEntities:
    def mention(item: dict) -> Mention:
        return Mention(
            name=str(item["name"]),
            count=int(item["count"]),
            in_headline=bool(item["in_headline"]),
            in_lead=bool(item["in_lead"]),
            roles=tuple(item.get("roles", ())),
            surfaces=tuple(item.get("surfaces", ())),
            titled=bool(item.get("titled", False)),
        )

    return ArticleEntities(
        people=[mention(m) for m in data["people"]], countries=[mention(m) for m in data["countries"]],
        maybe_people=[mention(m) for m in data.get("maybe_people", ())],
        not_people=[str(n) for n in data.get("not_people", ())],
        quotes=[Quote(str(speaker), str(text)) for speaker, text in data.get("quotes", ())],
    )


class ExtractionCache:
    """Extraction results on disk, one JSON file per key."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self._packed: dict[str, dict] | None = None  # key -> entities JSON, loaded on first get
        self._unpacked: dict[str, dict] = {}  # entries this object read from or wrote to files
        self.used: set[str] = set()  # the keys of the last `extract_with_cache` call
        self._writable = True  # False after a write failed: stop trying for this object's life

    def _pack(self) -> dict[str, dict]:
        if self._packed is None:
            self._packed = self._read_pack()
        return self._packed

    def _read_pack(self) -> dict[str, dict]:
        path = self.directory / PACK_NAME
        try:
            with path.open(encoding="utf-8") as handle:
                data = json.load(handle)
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            log.warning("Ignoring unreadable extraction cache pack %s: %s", path, error)
            return {}
        if not isinstance(data, dict) or data.get("format") != _FORMAT or not isinstance(data.get("entries"), dict):
            return {}
        return data["entries"]

    @staticmethod
    def key_for(title: str, body: str, authors: list[str]) -> str:
        return key_for(title, body, authors)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> ArticleEntities | None:
        packed = self._pack().get(key)
        if packed is not None:
            try:
                return entities_from_json(packed)
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                log.warning("Ignoring bad entry %s in extraction cache pack: %s", key, error)
        path = self._path(key)
        try:
            with path.open(encoding="utf-8") as handle:
                data = json.load(handle)
            if data.get("format") != _FORMAT:
                return None
            entities = entities_from_json(data["entities"])
            self._unpacked[key] = data["entities"]
            return entities
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            log.warning("Ignoring unreadable extraction cache entry %s: %s", path, error)
            return None

    def put(self, key: str, entities: ArticleEntities) -> None:
        as_json = entities_to_json(entities)
        data = {"format": _FORMAT, "version": EXTRACTOR_VERSION, "entities": as_json}
        self._unpacked[key] = as_json
        self._write_atomically(self._path(key), data)

    def pack(self, keys: list[str]) -> bool:
        """Rewrite the pack with the entries of `keys` if enough are missing from it; True if so.

        Only entries this object has seen (in the pack, or read or written as files) go in, and
        entries of other keys are dropped, so the pack follows the digest as articles change.
        """
        packed = self._pack()
        missing = sum(1 for key in keys if key not in packed)
        if missing <= max(_REPACK_MIN, _REPACK_SHARE * len(keys)):
            return False
        entries = {}
        for key in keys:
            entry = packed.get(key, self._unpacked.get(key))
            if entry is not None:
                entries[key] = entry
        if not self._write_atomically(self.directory / PACK_NAME, {"format": _FORMAT, "entries": entries}):
            return False
        self._packed, self._unpacked = entries, {}
        return True

    def keep_only(self, keys: set[str]) -> int:
        """Remove the entries of every key not in `keys` (after a full build: articles that are
        gone or changed); returns how many were removed. See core/cachedir.py."""
        removed = 0
        try:
            shards = [entry for entry in os.scandir(self.directory) if entry.is_dir() and len(entry.name) == 2]
        except OSError:
            return 0
        for shard in shards:
            with os.scandir(shard.path) as entries:
                stale = [entry.path for entry in entries
                         if entry.name.endswith(".json") and entry.name[:-5] not in keys]
            for path in stale:
                try:
                    os.unlink(path)
                    removed += 1
                except OSError:
                    continue
        return removed

    def _write_atomically(self, path: Path, data: dict) -> bool:
        """Store one file; False (warned about once) when the cache cannot be written."""
        if not self._writable:
            return False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        except OSError as error:
            self._writable = False
            log.warning("digest: cannot write the extraction cache in %s (%s); going on without storing "
                        "results, so the next build extracts them again", self.directory, error)
            return False
        return True


def extract_with_cache(
    extractor, cache: ExtractionCache | None, items: list[tuple[str, str, list[str]]]
) -> tuple[list[ArticleEntities], int]:
    """Entities of every item, parsing only cache misses (in one batch); returns (results, misses).

    Items with the same key (one wire story ingested twice) are parsed once: same input, same
    result. `misses` counts every item that was not in the cache."""
    results: list[ArticleEntities | None] = [None] * len(items)
    keys = [key_for(*item) for item in items]
    missing: dict[str, list[int]] = {}  # key -> indexes of the items that share it
    for index, key in enumerate(keys):
        if key in missing:
            missing[key].append(index)
            continue
        hit = cache.get(key) if cache is not None else None
        if hit is None:
            missing[key] = [index]
        else:
            results[index] = hit
    if missing:
        fresh = extractor.extract_many([items[indexes[0]] for indexes in missing.values()])
        for (key, indexes), entities in zip(missing.items(), fresh, strict=True):
            for index in indexes:
                results[index] = entities
            if cache is not None:
                cache.put(key, entities)
    if cache is not None:
        cache.used = set(keys)
        cache.pack(keys)
    return [r if r is not None else ArticleEntities() for r in results], sum(map(len, missing.values()))
