"""The editor's registry works out of the box: `digest new` writes entities.yml (all examples
commented out) and the plugin reads entities.yml beside mkdocs.yml without any setting."""

from __future__ import annotations

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from tests.integration.conftest import build_site, write_article
from tests.integration.test_build import MACRON, SCHOLZ


def _people(built) -> set[str]:
    return {person["name"] for person in built.digest["people"]}


def test_the_registry_beside_mkdocs_yml_is_read_by_default(new_site):
    scaffolded = (new_site / "entities.yml").read_text(encoding="utf-8")
    assert "# people:" in scaffolded and "# ignore:" in scaffolded
    for relpath, front_matter, body in (MACRON, SCHOLZ):
        write_article(new_site, relpath, front_matter, body)
    assert "Olaf Scholz" in _people(build_site(new_site))
    (new_site / "entities.yml").write_text(scaffolded + "ignore:\n  people: [Olaf Scholz]\n", encoding="utf-8")
    assert "Olaf Scholz" not in _people(build_site(new_site))
    (new_site / "entities.yml").unlink()  # no registry at the default path: nothing to read
    assert "Olaf Scholz" in _people(build_site(new_site))


def test_a_registry_named_in_mkdocs_yml_must_exist(new_site, caplog):
    yml = new_site / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    yml.write_text(text.replace("  - digest\n", "  - digest:\n      entities_file: people.yml\n"), encoding="utf-8")
    with pytest.raises(Abort):  # MkDocs reports the plugin's error, then aborts the build
        build(load_config(str(yml)))
    assert "entities_file 'people.yml' does not exist" in caplog.text
