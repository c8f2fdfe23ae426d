"""A one-shot `mkdocs build` lets go of the NER model once its new articles are extracted (the
memory goes back before the build renders and forks); `mkdocs serve` keeps it for the next edit."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from digest_plugin.core.entities import extract
from tests.integration.conftest import write_article
from tests.integration.test_build import MACRON, SCHOLZ


def _build(root: Path, command: str) -> None:
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command=command, dirty=command == "serve")  # as the CLI does
    try:
        build(config, dirty=command == "serve")
    finally:
        config.plugins.on_shutdown()


def test_a_build_lets_go_of_the_model_after_extraction_and_still_finds_the_people(new_site):
    write_article(new_site, *MACRON)
    extract.load_nlp()  # loaded, as a test run may have it already
    _build(new_site, "build")
    assert extract._shared_nlp is None
    assert (new_site / "site" / "people" / "emmanuel-macron" / "index.html").is_file()

    write_article(new_site, *SCHOLZ)  # a later build in the same process loads it again
    _build(new_site, "build")
    assert (new_site / "site" / "people" / "olaf-scholz" / "index.html").is_file()


def test_serve_keeps_the_model_for_the_next_edit(new_site):
    write_article(new_site, *MACRON)
    _build(new_site, "serve")
    assert extract._shared_nlp is not None
