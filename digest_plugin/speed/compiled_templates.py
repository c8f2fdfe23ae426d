"""Jinja's compiled templates kept in memory across the rebuilds of one `mkdocs serve` session.

MkDocs makes a new Jinja environment for every build, so each rebuild after an edit would
compile every template again; keyed by the template source's checksum, an edited template
still recompiles.
"""

from __future__ import annotations

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates in memory, for the life of the plugin (a serve session)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
