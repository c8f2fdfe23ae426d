"""On-disk cache of the digest-wide related-stories result, so a warm build skips TF-IDF.

`compute_related` is the costliest step of a warm build (vectorising every article and
clustering threads: seconds per thousand articles), yet its result only changes when some
input changes. The key is a sha256 over every `RelatedInput` field (`dated` included), `k`, the scoring
parameters and the source of related.py and specifics.py (a changed algorithm misses). One JSON file
(`related-<key>.json`) is kept; older ones are removed when a new one is written. Writes go
to a temporary file then `os.replace`; an unreadable entry is a miss with a warning.

    result = cached_compute_related(inputs, k=5, names=country_name, directory=Path(".cache/digest"))
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from pathlib import Path

from digest_plugin.core import related as related_module
from digest_plugin.core.atomic import atomic_write_text
from digest_plugin.core.related import (
    NameLookup,
    RelatedInput,
    RelatedLink,
    RelatedParams,
    RelatedResult,
    Thread,
    compute_related,
)

log = logging.getLogger(__name__)

_FORMAT = 2  # 2: the key covers RelatedInput.dated
_PREFIX = ""  # the folder is related/ (core/cachedir.py)


def _algorithm_fingerprint() -> bytes:
    # related.py and the specifics it weighs (specifics.py): a change to either changes results.
    # Read by path, not imported: specifics imports numpy, which a warm build never needs.
    here = Path(related_module.__file__)
    return here.read_bytes() + here.with_name("specifics.py").read_bytes()


def related_key(items: Sequence[RelatedInput], k: int, params: RelatedParams) -> str:
    """The cache key of one related-stories computation (every input that can change it)."""
    digest = hashlib.sha256()
    digest.update(f"{_FORMAT}\0{k}\0{params!r}\0".encode())
    digest.update(hashlib.sha256(_algorithm_fingerprint()).digest())
    for item in items:
        fields = [item.id, item.title, item.text, item.date.isoformat(), item.dated, item.source,
                  repr(item.people), repr(item.countries)]
        digest.update(json.dumps(fields, ensure_ascii=False).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def result_to_json(result: RelatedResult) -> dict:
    return {
        "related": {aid: [[link.id, link.score, link.reason, link.kind] for link in links]
                    for aid, links in result.related.items()},
        "threads": {tid: [t.article_ids, t.sources] for tid, t in result.threads.items()},
        "thread_of": result.thread_of,
    }


def result_from_json(data: dict) -> RelatedResult:
    return RelatedResult(
        related={aid: [RelatedLink(id=str(i), score=float(s), reason=str(r), kind=kind) for i, s, r, kind in links]
                 for aid, links in data["related"].items()},
        threads={tid: Thread(id=tid, article_ids=list(ids), sources=list(sources))
                 for tid, (ids, sources) in data["threads"].items()},
        thread_of=dict(data["thread_of"]),
    )


def cached_compute_related(
    items: Sequence[RelatedInput],
    k: int = 5,
    *,
    names: NameLookup = None,
    directory: Path | None = None,
) -> RelatedResult:
    """`compute_related` with its result cached under `directory` (no cache when None)."""
    if directory is None:
        return compute_related(items, k, names=names)
    params = RelatedParams()
    key = related_key(items, k, params)
    path = directory / f"{_PREFIX}{key}.json"
    try:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
        if data.get("format") == _FORMAT:
            return result_from_json(data["result"])
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("Ignoring unreadable related-stories cache %s: %s", path, error)
    result = compute_related(items, k, names=names, params=params)
    _write(directory, path, {"format": _FORMAT, "result": result_to_json(result)})
    return result


def _write(directory: Path, path: Path, data: dict) -> None:
    """Store the result; a cache that cannot be written (full disk, read-only) only costs the
    next build its time, so it is a warning, not a failed build."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        for old in directory.glob(f"{_PREFIX}*.json"):  # only the current digest's result is worth keeping
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as error:
        log.warning("digest: cannot write the related-stories cache %s (%s); going on without it", path, error)
