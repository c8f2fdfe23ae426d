"""Matrix products of the spaCy pipeline through numpy's BLAS, where that is the faster library.

thinc (spaCy's neural-network layer) multiplies matrices with the blis library it bundles. On
some CPUs blis runs a kernel several times slower than the OpenBLAS that numpy ships with: on
this project's 2-core AMD EPYC (AVX-512) a float32 product of the NER encoder's shape ran at
about 30 GFLOPS under blis and 96 under numpy, one thread each, and NER took 28% less CPU with
the very same entities (bench/extract_speed.py --check compares every article's output).

Which library wins depends on the machine, so `use_fastest_gemm` times both on a product of that
shape (a few milliseconds) and moves the pipeline's layers to numpy only when numpy is clearly
faster. `one_blas_thread` keeps numpy's BLAS to one thread while articles are parsed: parsing
already runs one process per core, and more threads per process would only contend.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator

import numpy
from thinc.api import NumpyOps
from threadpoolctl import threadpool_limits

# numpy must beat blis by this factor: a near tie is not worth leaving thinc's default.
_REQUIRED_SPEEDUP = 1.3
# Rows x columns of the timed product: a batch of tokens through the 96-wide encoder's window.
_TIMED_SHAPE = (2048, 288)


class NumpyBlasOps(NumpyOps):
    """thinc's CPU ops, with `gemm` (the only change) done by numpy.matmul."""

    name = "numpy-blas"

    def gemm(self, x, y, out=None, trans1=False, trans2=False):
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.matmul(a, b)
        numpy.matmul(a, b, out=out)
        return out


def _best_seconds(product: Callable[[], object], repeats: int = 5) -> float:
    product()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        product()
        best = min(best, time.perf_counter() - start)
    return best


def numpy_gemm_speedup() -> float:
    """How many times faster numpy multiplies a float32 matrix of the encoder's shape than thinc."""
    rows, width = _TIMED_SHAPE
    generator = numpy.random.default_rng(0)
    x = generator.random((rows, width), dtype=numpy.float32)
    w = generator.random((width, width), dtype=numpy.float32)
    thinc_ops, numpy_ops = NumpyOps(), NumpyBlasOps()
    with one_blas_thread():
        thinc_seconds = _best_seconds(lambda: thinc_ops.gemm(x, w, trans2=True))
        numpy_seconds = _best_seconds(lambda: numpy_ops.gemm(x, w, trans2=True))
    return thinc_seconds / numpy_seconds


def use_fastest_gemm(nlp) -> bool:
    """Move every layer of `nlp`'s pipes to numpy's matrix product if it is clearly faster here.

    Returns whether the pipeline was moved. Pipelines on a GPU or on non-default ops are left
    alone.
    """
    models = [pipe.model for _, pipe in nlp.pipeline if hasattr(pipe, "model")]
    nodes = [node for model in models for node in model.walk()]
    if not nodes or any(type(node.ops) is not NumpyOps for node in nodes):
        return False
    if numpy_gemm_speedup() < _REQUIRED_SPEEDUP:
        return False
    ops = NumpyBlasOps()
    for node in nodes:
        node.ops = ops
    return True


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """numpy's BLAS on one thread inside the block."""
    with threadpool_limits(limits=1, user_api="blas"):
        yield
