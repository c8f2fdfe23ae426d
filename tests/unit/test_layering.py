"""The package's rooms keep to their layers (digest_plugin/__init__.py draws them):

core      the domain: imports no MkDocs and nothing of the site view, the MkDocs layer, the
          speed package or the command line
siteview  the site as pages, feeds and exports: imports the core only (no MkDocs: page URLs
          come in from the MkDocs layer)
speed     speed machinery: may know the core and MkDocs, never the MkDocs layer or the CLI
glue      the MkDocs layer: reaches the speed package only through its one seam,
          `digest_plugin.speed` itself
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "digest_plugin"

FORBIDDEN = {
    "core": ("mkdocs", "digest_plugin.siteview", "digest_plugin.glue", "digest_plugin.speed", "digest_plugin.cli"),
    "siteview": ("mkdocs", "digest_plugin.glue", "digest_plugin.speed", "digest_plugin.cli"),
    "speed": ("digest_plugin.glue", "digest_plugin.cli", "digest_plugin.siteview"),
    "glue": ("digest_plugin.cli",),
}


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, names taken from it) of every absolute import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module, [alias.name for alias in node.names]))
    return found


def _names(path: Path) -> list[tuple[int, str]]:
    """Every module an import names, and each name taken from one as `module.name`."""
    return [(line, name) for line, module, names in _imports(path)
            for name in (module, *(f"{module}.{taken}" for taken in names))]


def _modules(room: str) -> list[Path]:
    return sorted((PACKAGE / room).rglob("*.py"))


@pytest.mark.parametrize("room", sorted(FORBIDDEN))
def test_a_room_imports_nothing_from_the_rooms_above_it(room):
    assert _modules(room), f"no modules in {room}"
    breaches = []
    for path in _modules(room):
        for line, name in _names(path):
            if any(name == banned or name.startswith(banned + ".") for banned in FORBIDDEN[room]):
                breaches.append(f"{path.relative_to(PACKAGE)}:{line} imports {name}")
    assert breaches == []


def test_the_mkdocs_layer_reaches_speed_through_its_one_seam():
    breaches = [f"{path.relative_to(PACKAGE)}:{line} imports {name}"
                for path in _modules("glue") for line, name, _ in _imports(path)
                if name.startswith("digest_plugin.speed.")]
    assert breaches == []


def test_the_check_sees_a_breach(tmp_path):
    """The parser above finds both import forms (so the tests above can fail)."""
    module = tmp_path / "m.py"
    module.write_text("import mkdocs.plugins\nfrom digest_plugin.speed.forks import ForkedTask\n", encoding="utf-8")
    names = [name for _, name in _names(module)]
    assert "mkdocs.plugins" in names and "digest_plugin.speed.forks.ForkedTask" in names
    assert (2, "digest_plugin.speed.forks", ["ForkedTask"]) in _imports(module)


def _named_loggers(path: Path) -> list[tuple[int, str]]:
    """(line, name) of every `getLogger("literal")` call in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [(node.lineno, node.args[0].value) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "getLogger"
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)]


@pytest.mark.parametrize("room", ["core", "siteview"])
def test_the_domain_logs_to_its_own_loggers_not_to_mkdocs(room):
    """The MkDocs layer bridges `digest_plugin.*` into MkDocs' log (glue/logs.py); a core module
    writing to an `mkdocs.*` logger would bypass that and tie the domain to MkDocs' names."""
    breaches = [f"{path.relative_to(PACKAGE)}:{line} logs to {name}"
                for path in _modules(room) for line, name in _named_loggers(path) if name.startswith("mkdocs")]
    assert breaches == []


def test_the_logger_check_sees_a_named_logger(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('import logging\nlog = logging.getLogger("mkdocs.plugins.digest")\n', encoding="utf-8")
    assert _named_loggers(module) == [(2, "mkdocs.plugins.digest")]
