"""Heap settings of the extraction worker processes: freed memory stays in the heap for reuse.

For every batch of articles, NER allocates arrays of up to several megabytes and frees them at
the end. glibc's malloc serves large blocks with mmap and gives free memory at the top of the
heap back to the kernel; its thresholds for both adapt to the blocks freed, but in a worker
process the next batch still takes page faults for fresh zeroed pages. With both thresholds set
high (every block below 32 MB from the heap; the heap trimmed only beyond 1 GB), freed blocks
are reused. A worker parses batch after batch until the extraction ends, then exits, so little
is held that it would not hold anyway; blocks from the heap can fragment it, so the workers'
memory is part of what `bench/build.py` measures (its peak tree memory).

Measured, with the same results: two worker processes, 2,000 Reuters articles 8.08 -> 7.63 s
and 2,000 BBC articles 23.25 -> 21.66 s (median of 3 alternating runs, faster in each pair,
`bench/extract_speed.py -n 2000 --runs 1 --processes 2`); set by hand in one process, 1,000
Reuters articles 8.50 -> 7.71 s (median of 6 alternating runs), where either setting alone
gained nothing measurable.

Only the forked workers change their heap (the pool's initializer): the build process itself,
which lives on under `mkdocs serve`, and extraction in one process keep glibc's defaults.
"""

from __future__ import annotations

import ctypes
import gc
import sys
from typing import Any

# mallopt parameters, from glibc's malloc.h.
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
# glibc's largest accepted mmap threshold on 64-bit systems: blocks below it come from the heap.
_MMAP_THRESHOLD = 32 * 1024 * 1024
# Free memory at the top of the heap is given back only beyond this.
_TRIM_THRESHOLD = 1024 * 1024 * 1024


def _glibc(name: str, argtypes: tuple) -> Any:
    """A function of this process's C library with its argument types, or None where there is
    none (not Linux, or a C library that is not glibc)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = getattr(ctypes.CDLL(None), name)
    except (OSError, AttributeError):
        return None
    function.argtypes = argtypes
    function.restype = ctypes.c_int
    return function


def keep_freed_memory() -> bool:
    """Have this process's malloc keep freed blocks for reuse; False where that is not possible
    (not Linux, or a C library without glibc's `mallopt`)."""
    mallopt = _glibc("mallopt", (ctypes.c_int, ctypes.c_int))
    if mallopt is None:
        return False
    # Both or neither matters little: either alone gained nothing, so a refused first setting
    # leaves the second unset.
    return bool(mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)) and bool(mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD))


def give_back_freed_memory() -> bool:
    """Collect garbage and return the heap's free pages to the kernel (glibc's `malloc_trim`),
    after a big structure (the NER model) is let go; False where there is no `malloc_trim`."""
    gc.collect()
    trim = _glibc("malloc_trim", (ctypes.c_size_t,))
    return trim is not None and bool(trim(0))
