"""Heap settings of the extraction worker processes: freed memory stays in the heap for reuse.

For every batch of articles, NER allocates arrays of up to several megabytes and frees them at
the end. By default glibc's malloc gives such blocks back to the kernel (an unmapped block, or
a trimmed top of the heap), and the next batch takes page faults to get fresh zeroed pages
again. A worker parses batch after batch until the extraction ends, then exits, so keeping that
memory costs nothing it would not have used anyway. Measured with the same results: one
process, 1,000 Reuters articles 8.50 -> 7.71 s (median of 6 runs alternating with and without;
either setting alone gained nothing measurable); two worker processes, 2,000 Reuters articles
8.08 -> 7.63 s and 2,000 BBC articles 23.25 -> 21.66 s (median of 3 alternating runs,
`bench/extract_speed.py -n 2000 --runs 1 --processes 2`, faster in each pair).

Only the forked workers change their heap: the build process itself, which lives on under
`mkdocs serve`, keeps glibc's defaults.
"""

from __future__ import annotations

import ctypes
import sys

# mallopt parameters, from glibc's malloc.h.
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
# glibc's largest accepted mmap threshold on 64-bit systems: blocks below it come from the heap.
_MMAP_THRESHOLD = 32 * 1024 * 1024
# Free memory at the top of the heap is given back only beyond this.
_TRIM_THRESHOLD = 1024 * 1024 * 1024


def keep_freed_memory() -> bool:
    """Have this process's malloc keep freed blocks for reuse; False where that is not possible
    (not Linux, or a C library without glibc's `mallopt`)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)) and bool(mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD))
