"""numpy-backed matrix products for spaCy's layers: same results as thinc's own, any transpose."""

from __future__ import annotations

import numpy
import pytest
from thinc.api import NumpyOps

from digest_plugin.speed.blas import (
    NumpyBlasOps,
    numpy_gemm_speedup,
    one_blas_thread,
    use_fastest_gemm,
)


@pytest.mark.parametrize("trans1", [False, True])
@pytest.mark.parametrize("trans2", [False, True])
def test_gemm_matches_thinc(trans1, trans2):
    generator = numpy.random.default_rng(3)
    x = generator.random((7, 5) if trans1 else (5, 7), dtype=numpy.float32)
    y = generator.random((4, 7) if trans2 else (7, 4), dtype=numpy.float32)
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    got = NumpyBlasOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.dtype == numpy.float32 and got.shape == (5, 4)
    numpy.testing.assert_allclose(got, expected, rtol=1e-5)
    out = numpy.zeros((5, 4), dtype=numpy.float32)
    assert NumpyBlasOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2) is out
    numpy.testing.assert_allclose(out, expected, rtol=1e-5)


def test_speedup_is_a_positive_ratio():
    assert numpy_gemm_speedup() > 0


def test_pipeline_moves_only_when_numpy_is_clearly_faster(monkeypatch):
    from digest_plugin.core.entities.extract import load_nlp
    from digest_plugin.speed import blas

    nlp = load_nlp()
    nodes = [node for _, pipe in nlp.pipeline if hasattr(pipe, "model") for node in pipe.model.walk()]
    original = {id(node): node.ops for node in nodes}
    try:
        for node in nodes:
            node.ops = NumpyOps()
        monkeypatch.setattr(blas, "numpy_gemm_speedup", lambda: 1.0)
        assert use_fastest_gemm(nlp) is False
        assert all(type(node.ops) is NumpyOps for node in nodes)
        monkeypatch.setattr(blas, "numpy_gemm_speedup", lambda: 3.0)
        assert use_fastest_gemm(nlp) is True
        assert all(type(node.ops) is NumpyBlasOps for node in nodes)
        assert use_fastest_gemm(nlp) is False  # already moved: left alone
    finally:
        for node in nodes:
            node.ops = original[id(node)]


def test_one_thread_inside_the_block():
    from threadpoolctl import threadpool_info

    with one_blas_thread():
        assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")
