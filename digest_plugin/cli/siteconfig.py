"""Where a digest site keeps things, read from its mkdocs.yml through MkDocs' own config loader.

`digest ingest` and `digest entities` must agree with `mkdocs build` on the articles folder, the
registry and the cache. Loading mkdocs.yml the way MkDocs does (`mkdocs.config.load_config`)
resolves `!ENV` values, `INHERIT` and the plugin's defaults and types exactly as a build does.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from digest_plugin.glue.config import DEFAULT_ENTITIES_FILE, DigestConfig

PLUGIN_NAME = "digest"


class SiteConfigError(Exception):
    """mkdocs.yml is missing or MkDocs cannot load it."""


@dataclass(frozen=True)
class SitePaths:
    """Where a digest site keeps things, as its mkdocs.yml configures them."""

    docs_dir: Path
    articles_dir: Path
    cache_dir: Path
    entities_file: Path | None  # None: no registry (the default path holds no file)


def site_paths(site_dir: Path) -> SitePaths:
    """The paths of the site whose mkdocs.yml is in `site_dir`."""
    config_path = Path(site_dir) / "mkdocs.yml"
    if not config_path.is_file():
        raise SiteConfigError(f"{config_path}: no mkdocs.yml here (run inside a digest site or pass --into DIR)")
    try:
        with _quiet_mkdocs():
            config = load_config(str(config_path))
    except (ConfigurationError, OSError, ValueError) as error:
        raise SiteConfigError(f"{config_path}: MkDocs cannot load it: {error}") from error
    plugin = config.plugins.get(PLUGIN_NAME)
    options = plugin.config if plugin is not None else _default_options()
    root = config_path.resolve().parent
    docs_dir = Path(config.docs_dir)
    registry = root / options.entities_file
    return SitePaths(
        docs_dir=docs_dir,
        articles_dir=docs_dir / options.articles_dir,
        cache_dir=root / options.cache_dir,
        entities_file=registry if registry.is_file() or options.entities_file != DEFAULT_ENTITIES_FILE else None,
    )


def find_articles_dir(site_dir: Path) -> Path:
    """`<docs_dir>/<articles_dir>` as the site's mkdocs.yml configures them."""
    return site_paths(site_dir).articles_dir


def _default_options() -> DigestConfig:
    options = DigestConfig()
    options.load_dict({})
    options.validate()
    return options


@contextlib.contextmanager
def _quiet_mkdocs() -> Iterator[None]:
    """MkDocs' own messages about the config (Material's banner, INFO lines) are for builds;
    errors still surface as the exception load_config raises."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)
    previous = os.environ.get("NO_MKDOCS_2_WARNING")
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    try:
        yield
    finally:
        logger.setLevel(level)
        if previous is None:
            os.environ.pop("NO_MKDOCS_2_WARNING", None)
        else:
            os.environ["NO_MKDOCS_2_WARNING"] = previous
