"""Where the digest's messages go during a MkDocs build.

The plugin logs through MkDocs' plugin logger (`get_plugin_logger`): "digest: ..." lines that
`--strict` counts. The core, the site view and the speed package know nothing of MkDocs and log
to their own loggers (`digest_plugin.core.corpus`, ...); while a build runs, `bridge_to_mkdocs`
hands their records to the plugin logger, so a warning about an article reaches MkDocs and
`--strict` wherever it was raised. Outside MkDocs (the `digest` command) they go to stderr as
Python's logging does by default.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import PrefixedLogger, get_plugin_logger

# The plugin's name in mkdocs.yml (not this module's name): MkDocs prefixes messages with it.
log: PrefixedLogger = get_plugin_logger("digest")

_PACKAGE_LOGGER = logging.getLogger("digest_plugin")


class _ToPluginLogger(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        log.log(record.levelno, "%s", record.getMessage())


_bridge = _ToPluginLogger()


def bridge_to_mkdocs() -> None:
    """Send the package's records to MkDocs' plugin logger, at MkDocs' level (idempotent)."""
    if _bridge not in _PACKAGE_LOGGER.handlers:
        _PACKAGE_LOGGER.addHandler(_bridge)
    _PACKAGE_LOGGER.propagate = False
    _PACKAGE_LOGGER.setLevel(log.logger.getEffectiveLevel())


class _WithoutDirtyWarning(logging.Filter):
    """Drops MkDocs' "A 'dirty' build is being performed ..." warning: with the digest plugin a
    dirty build knows which pages an edit changes (build.py), so the warning is wrong, and
    `--strict` would count it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


_dirty_filter = _WithoutDirtyWarning()
_BUILD_LOGGER = logging.getLogger("mkdocs.commands.build")


def explain_dirty_builds() -> None:
    """Say once, in our words, what a dirty build does here, instead of MkDocs' warning."""
    if _dirty_filter in _BUILD_LOGGER.filters:
        return
    _BUILD_LOGGER.addFilter(_dirty_filter)
    log.info("--dirty: each rebuild renders only the pages a change affects (the article, its people, "
             "countries, month, thread and related stories); publish with a full `mkdocs build`")


def unbridge() -> None:
    """Back to Python's default handling (after `mkdocs serve`, or in tests)."""
    _PACKAGE_LOGGER.removeHandler(_bridge)
    _BUILD_LOGGER.removeFilter(_dirty_filter)
    _PACKAGE_LOGGER.propagate = True
    _PACKAGE_LOGGER.setLevel(logging.NOTSET)
