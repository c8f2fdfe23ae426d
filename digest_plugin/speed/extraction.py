"""Entity extraction at speed: the core's `Extractor`, run with the machine's tuning and, for big
batches, in forked worker processes.

`FastExtraction(extractor, processes)` has the core's `extract_many(items)` shape, so the core
(`corpus.extract_entities`, `entities.cache.extract_with_cache`) runs it without knowing it is
there. What it adds, none of which changes a result (`bench/extract_speed.py --check`):

- the model's matrix products on numpy's BLAS where a short timing shows that faster (`blas`),
  and one BLAS thread per process while articles are parsed (one process per core already);
- from `PARALLEL_MIN` uncached articles on, and where `forks.fork_available()` allows it, the
  whole extraction of each batch (NER and cleaning) in forked workers that return the small
  `ArticleEntities`: with spaCy's own `n_process` every doc was serialised in a worker, then
  deserialised and cleaned in the parent, CPU two busy cores do not have to spare (1,000
  Reuters articles on two processes: 9.6 s before, 7.7 s after). Forking after the model is
  loaded lets the workers share its memory; each keeps the memory it frees (`heap`).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable

from digest_plugin.core.entities.extract import Extractor
from digest_plugin.core.model import ArticleEntities
from digest_plugin.speed import heap
from digest_plugin.speed.forks import fork_available

# Below this many uncached articles, forking workers costs more than it saves. A fork of the
# loaded model costs tens of milliseconds; 100 articles are 2 to 4 s of NER on one core, which
# is what a growing digest's daily batch (a few hundred new articles) left the other core idle for.
PARALLEL_MIN = 100
BATCH_SIZE = 64
# Batches at least this big keep the batched tagging (Extractor._prefetch_tags) worth its cost.
MIN_BATCH = 16

Item = tuple[str, str, list[str]]


class FastExtraction:
    """`extractor.extract_many` with the speed tuning, in `processes` processes when worth it."""

    def __init__(self, extractor: Extractor, processes: int = 1, *, parallel_min: int = PARALLEL_MIN,
                 batch_size: int = BATCH_SIZE) -> None:
        self.extractor = extractor
        self.processes = processes
        self.parallel_min = parallel_min
        self.batch_size = batch_size

    def extract_many(self, items: Iterable[Item]) -> list[ArticleEntities]:
        items = list(items)
        if not items:
            return []
        from digest_plugin.speed import blas  # thinc and numpy: loaded only when extraction runs

        tune_model(self.extractor)
        smallest = min(MIN_BATCH, self.batch_size)
        if self.processes > 1 and len(items) >= max(self.parallel_min, smallest + 1) and fork_available():
            # Small jobs in smaller batches, at least two per worker, so that no worker idles
            # while another finishes a long last batch.
            batch = max(smallest, min(self.batch_size, -(-len(items) // (2 * self.processes))))
            return _extract_in_processes(self.extractor, items, self.processes, batch)
        with blas.one_blas_thread():
            return self.extractor.extract_many(items, batch_size=self.batch_size)


_tuned: set[int] = set()


def tune_model(extractor: Extractor) -> None:
    """Move the extractor's model to the faster matrix product, once per loaded model."""
    from digest_plugin.speed import blas

    nlp = extractor.nlp
    if id(nlp) not in _tuned:
        blas.use_fastest_gemm(nlp)
        _tuned.add(id(nlp))


# The extractor a forked worker inherits from its parent (see _extract_in_processes).
_forked_extractor: Extractor | None = None


def _extract_in_processes(extractor: Extractor, items: list[Item], processes: int,
                          batch_size: int) -> list[ArticleEntities]:
    global _forked_extractor
    extractor.prepare()  # load the model and its helpers now, before forking: workers share them
    _forked_extractor = extractor
    batches = [items[start:start + batch_size] for start in range(0, len(items), batch_size)]
    try:
        with multiprocessing.get_context("fork").Pool(processes, initializer=heap.keep_freed_memory) as pool:
            return [found for batch in pool.imap(_extract_batch, batches) for found in batch]
    finally:
        _forked_extractor = None


def _extract_batch(items: list[Item]) -> list[ArticleEntities]:
    from digest_plugin.speed import blas

    assert _forked_extractor is not None  # set by the parent before the fork
    with blas.one_blas_thread():
        return _forked_extractor.extract_many(items, batch_size=len(items))
