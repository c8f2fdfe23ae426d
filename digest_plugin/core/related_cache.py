"""On-disk state of the digest's related stories, so a build redoes only what changed.

Two files under `<cache_dir>/related/`, named by the code key (a sha256 over this format, `k`,
the scoring parameters and the source of the related-stories modules: a changed algorithm
starts from nothing):

- `state-<code>.json`: the key of the inputs it was computed from (a sha256 over every
  `RelatedInput` field), the article ids with a fingerprint each, and the result (links,
  reasons, threads);
- `state-<code>.npz`: the frozen digest-wide statistics (related_stats.py), the per-article
  vectors, candidate lists and pair scores (related_state.py): numpy arrays and sparse
  matrices.

A build whose inputs are unchanged reads the JSON alone. A build with new, edited or removed
articles loads the arrays and updates them (related_state.update: the result equals a full
computation with the same frozen statistics, which are refreshed once a tenth of the digest
has changed). Writes go to a temporary file then `os.replace`; an unreadable or
mismatched entry is a miss with a warning; files of other code keys are removed when a new
state is written.

    result = cached_compute_related(inputs, k=5, names=country_name, directory=Path(".cache/digest/related"))
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from digest_plugin.core.atomic import atomic_write_text
from digest_plugin.core.related import (
    NameLookup,
    RelatedInput,
    RelatedLink,
    RelatedParams,
    RelatedResult,
    Thread,
    check_ids,
    compute_related,
    fingerprint,
    name_renderer,
)

if TYPE_CHECKING:
    from digest_plugin.core.related_state import RelatedState

log = logging.getLogger(__name__)

_FORMAT = 3  # 3: incremental state (vectors, candidates, pairs) beside the result
_MODULES = ("related.py", "related_features.py", "related_stats.py", "related_graph.py", "related_links.py",
            "related_state.py", "related_store.py", "related_linkage.py", "specifics.py")


def code_key(k: int, params: RelatedParams) -> str:
    """What a stored state is only valid for: this format, `k`, the knobs and the code."""
    digest = hashlib.sha256(f"{_FORMAT}\0{k}\0{params!r}\0".encode())
    here = Path(__file__).parent
    for name in _MODULES:  # read by path, not imported: a warm build never imports numpy
        digest.update(hashlib.sha256((here / name).read_bytes()).digest())
    return digest.hexdigest()[:24]


def related_key(items: Sequence[RelatedInput], k: int, params: RelatedParams,
                prints: Sequence[str] | None = None) -> str:
    """The key of one related-stories computation's inputs (every field that can change it,
    through each article's fingerprint, in order)."""
    digest = hashlib.sha256(f"{_FORMAT}\0{k}\0{params!r}\0".encode())
    for print_ in prints if prints is not None else [fingerprint(item) for item in items]:
        digest.update(print_.encode("ascii"))
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
    params: RelatedParams | None = None,
) -> RelatedResult:
    """`compute_related`, kept under `directory` (nothing kept when None) and updated there."""
    params = params or RelatedParams()
    if directory is None:
        return compute_related(items, k, names=names, params=params)
    check_ids(items)
    code = code_key(k, params)
    prints = [fingerprint(item) for item in items]
    inputs = related_key(items, k, params, prints)
    stored = _read_json(directory / f"state-{code}.json")
    if stored is not None and stored.get("inputs") == inputs:
        return result_from_json(stored["result"])  # nothing changed: no array is loaded
    from digest_plugin.core import related_state

    state = _read_state(directory, code, stored) if stored is not None else None
    state = related_state.update(state, items, k, params, name_renderer(names), prints=prints)
    result = state.result([item.id for item in items])
    _write(directory, code, inputs, state, result)
    return result


def _read_json(path: Path) -> dict | None:
    try:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
        if data.get("format") == _FORMAT:
            return data
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as error:
        log.warning("Ignoring unreadable related-stories cache %s: %s", path, error)
    return None


def _read_state(directory: Path, code: str, stored: dict) -> RelatedState | None:
    from digest_plugin.core import related_store

    path = directory / f"state-{code}.npz"
    try:
        return related_store.load(path, stored, result_from_json(stored["result"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("Ignoring unreadable related-stories state %s: %s; computing from nothing", path, error)
        return None


def _write(directory: Path, code: str, inputs: str, state: RelatedState, result: RelatedResult) -> None:
    from digest_plugin.core import related_store

    try:
        directory.mkdir(parents=True, exist_ok=True)
        related_store.save(directory / f"state-{code}.npz", state, inputs)
        data = {"format": _FORMAT, "inputs": inputs, "ids": state.ids, "fingerprints": state.fingerprints,
                "copy_of": [state.copy_of[aid] for aid in state.ids],
                "changed_since_stats": state.changed_since_stats, "result": result_to_json(result)}
        atomic_write_text(directory / f"state-{code}.json",
                          json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        for old in directory.iterdir():  # only the current code's state is worth keeping
            if old.is_file() and old.suffix in (".json", ".npz") and not old.name.startswith(f"state-{code}."):
                old.unlink(missing_ok=True)
    except OSError as error:
        # A cache that cannot be written (full disk, read-only) only costs the next build its
        # time: a warning, not a failed build.
        log.warning("digest: cannot write the related-stories cache %s (%s); going on without it", directory, error)
