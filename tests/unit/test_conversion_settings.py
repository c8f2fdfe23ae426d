"""The Markdown settings in a stored conversion's key are the same in every process.

Material's documented settings name functions (`!!python/name:material.extensions.emoji.twemoji`);
their repr carries a memory address, which changes from process to process, so keying on the repr
would miss every stored conversion of the next build.
"""

from __future__ import annotations

import json

from markdown.extensions.toc import TocExtension

from digest_plugin.speed.converted_markdown import _setting


def test_a_function_is_keyed_by_its_import_path_not_its_address():
    from material.extensions.emoji import twemoji

    assert "0x" in repr(twemoji)
    assert _setting(twemoji) == "material.extensions.emoji.twemoji"


def test_an_extension_object_is_keyed_by_class_and_settings():
    def key(value):  # as ConvertedMarkdown builds it: nested functions go through _setting too
        return json.dumps(value, sort_keys=True, default=_setting)

    shallow, deep = TocExtension(toc_depth=2), TocExtension(toc_depth=4)
    assert key(shallow) == key(TocExtension(toc_depth=2))
    assert key(shallow) != key(deep)
    assert "0x" not in key(shallow)


def test_an_object_without_a_stable_repr_is_keyed_by_its_type():
    class Opaque:
        pass

    assert _setting(Opaque()) == f"{__name__}.{Opaque.__qualname__}"
    assert _setting("plain") == "'plain'"


def test_a_partial_is_keyed_by_its_function_and_arguments():
    from pymdownx.slugs import slugify

    def key(value):
        return json.dumps(value, sort_keys=True, default=_setting)

    lower, kept = slugify(case="lower"), slugify(case="none")
    assert key(lower) == key(slugify(case="lower"))
    assert key(lower) != key(kept)
    assert "0x" not in key(lower)


class _NoStore:
    def close(self) -> None:
        pass


def test_the_key_changes_with_the_properdocs_version(monkeypatch):
    """Under ProperDocs (MkDocs' continuation) its own version is what converts the Markdown."""
    from digest_plugin.speed import converted_markdown

    config = {"markdown_extensions": ["toc"], "mdx_configs": {}, "use_directory_urls": True, "validation": None}

    def settings_with(version):
        monkeypatch.setattr(converted_markdown, "_version",
                            lambda name: version if name == "properdocs" else "1.0")
        conversions = converted_markdown.ConvertedMarkdown(_NoStore(), config)
        conversions.close(complete=False)
        return conversions._settings

    assert settings_with("1.6.7") != settings_with("1.6.8")
    assert settings_with(None) == settings_with(None)
