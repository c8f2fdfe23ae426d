"""Modules imported on first use.

numpy and scipy take about 0.4 s to import (scikit-learn a second more), and a warm build whose
related stories come from the cache (related_cache.py) never needs them.
"""

from __future__ import annotations

import importlib
import types


class LazyModule:
    """A module imported on first attribute access."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: types.ModuleType | None = None

    def __getattr__(self, attribute: str):
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attribute)
