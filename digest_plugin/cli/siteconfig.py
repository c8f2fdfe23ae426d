"""Where a digest site keeps its articles: read from the site's mkdocs.yml.

The articles folder is `<site>/<docs_dir>/<articles_dir>`, where `docs_dir` is MkDocs' option
(default "docs") and `articles_dir` is the `digest` plugin's option (default "articles").
Used by `digest ingest` and the plugin alike, so both agree without importing MkDocs here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DEFAULT_DOCS_DIR = "docs"
DEFAULT_ARTICLES_DIR = "articles"
DEFAULT_CACHE_DIR = ".cache/digest"
PLUGIN_NAME = "digest"


class SiteConfigError(Exception):
    """mkdocs.yml is missing or cannot be read."""


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads unknown tags (`!!python/name:...`, `!ENV`) as plain values.

    mkdocs.yml files often carry such tags for Markdown extensions; we only need two strings
    from the file, so the tagged values are read as their scalar/sequence/mapping content.
    """


def _construct_unknown(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_TolerantLoader.add_multi_constructor("", _construct_unknown)


def load_mkdocs_config(site_dir: Path) -> dict[str, Any]:
    """Return the parsed mkdocs.yml of `site_dir` (a folder holding mkdocs.yml)."""
    config_path = Path(site_dir) / "mkdocs.yml"
    if not config_path.is_file():
        raise SiteConfigError(f"{config_path}: no mkdocs.yml here (run inside a digest site or pass --into DIR)")
    try:
        with config_path.open(encoding="utf-8") as stream:
            config = yaml.load(stream, Loader=_TolerantLoader)  # noqa: S506 - safe loader subclass
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise SiteConfigError(f"{config_path}: cannot read mkdocs.yml: {error}") from error
    if config is None:
        return {}
    if not isinstance(config, dict):
        raise SiteConfigError(f"{config_path}: mkdocs.yml is not a mapping")
    return config


def _digest_plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The `digest` plugin's options; `plugins` may be a list of names/mappings or a mapping."""
    plugins = config.get("plugins") or []
    entries: list[Any] = list(plugins.items()) if isinstance(plugins, dict) else list(plugins)
    for entry in entries:
        if isinstance(entry, tuple):
            name, options = entry
        elif isinstance(entry, dict) and len(entry) == 1:
            name, options = next(iter(entry.items()))
        else:
            name, options = entry, None
        if name == PLUGIN_NAME:
            return options if isinstance(options, dict) else {}
    return {}


@dataclass(frozen=True)
class SitePaths:
    """Where a digest site keeps things, as its mkdocs.yml configures them (defaults otherwise)."""

    docs_dir: Path
    articles_dir: Path
    cache_dir: Path
    entities_file: Path | None


def site_paths(site_dir: Path) -> SitePaths:
    """Read `<site_dir>/mkdocs.yml` for docs_dir and the `digest` plugin's folder options."""
    site_dir = Path(site_dir)
    config = load_mkdocs_config(site_dir)
    options = _digest_plugin_options(config)

    def option(value: Any, default: str | None) -> str | None:
        # A tagged value (`!ENV [NAME, default]`) reads as a list: its last item is the default.
        if isinstance(value, list) and value and isinstance(value[-1], str):
            value = value[-1]
        return value if isinstance(value, str) and value else default

    docs_dir = site_dir / option(config.get("docs_dir"), DEFAULT_DOCS_DIR)
    entities_file = option(options.get("entities_file"), None)
    return SitePaths(
        docs_dir=docs_dir,
        articles_dir=docs_dir / option(options.get("articles_dir"), DEFAULT_ARTICLES_DIR),
        cache_dir=site_dir / option(options.get("cache_dir"), DEFAULT_CACHE_DIR),
        entities_file=site_dir / entities_file if entities_file else None,
    )


def find_articles_dir(site_dir: Path) -> Path:
    """Return `<site_dir>/<docs_dir>/<articles_dir>` as configured in the site's mkdocs.yml."""
    return site_paths(site_dir).articles_dir
