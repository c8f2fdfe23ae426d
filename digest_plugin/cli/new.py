"""`digest new DIR`: a new digest site that builds with `mkdocs build --strict` straight away."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

MKDOCS_YML = """\
site_name: {name_yaml}
site_description: A news digest built with news-digest and Material for MkDocs.
docs_dir: content
theme:
  name: material
  font: false                 # system fonts: no requests to a font CDN
  features:
    - navigation.tabs
    - navigation.top
    - search.suggest
    - search.highlight
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle:
        icon: material/weather-night
        name: Switch to dark mode
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle:
        icon: material/weather-sunny
        name: Switch to light mode
nav:
  - Home: index.md
  - Latest: latest/index.md
  - Stories: threads/index.md
  - People: people/index.md
  - Countries: countries/index.md
  - Archive: archive/index.md
plugins:
  - search
  - digest
"""

INDEX_MD = """\
---
title: {name_yaml}
---

# {name}

The latest news, and the people and countries in it. Add articles with `digest ingest`.
"""

# Read by the plugin from beside mkdocs.yml without any setting (its option `entities_file`).
ENTITIES_YML = """\
# The digest's registry: what extraction cannot know on its own. Every section is optional;
# uncomment and edit. `digest entities` lists the people found and the merge candidates.
#
# people:
#   Vladimir Putin:
#     aliases: [Vladimir V. Putin]    # other forms of the name, merged into this person
#     description: President of Russia.
#     image: https://example.org/images/putin.jpg
#     wikidata: Q7747
#
# ignore:
#   people: [Komeito]                 # names that are never a person
"""

GITIGNORE = "site/\n.cache/\n"


def scaffold(directory: Path, name: str) -> list[Path]:
    """Write the site's files; refuses to overwrite any that exist. Returns what was written."""
    files = {
        directory / "mkdocs.yml": MKDOCS_YML.format(name_yaml=json.dumps(name)),
        directory / "content" / "index.md": INDEX_MD.format(name=name, name_yaml=json.dumps(name)),
        directory / "entities.yml": ENTITIES_YML,
        directory / ".gitignore": GITIGNORE,
    }
    existing = [path for path in files if path.exists()]
    if existing:
        raise FileExistsError(f"{existing[0]} already exists; not overwriting it")
    (directory / "content" / "articles").mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return list(files)


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("new", help="create a new digest site in DIR")
    parser.add_argument("directory", metavar="DIR", type=Path)
    parser.add_argument("--name", default="News digest", help="the site's name (default: %(default)s)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        written = scaffold(args.directory, args.name)
    except FileExistsError as error:
        print(f"digest new: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"created {path}")
    print(f"Next: cd {args.directory} && digest ingest FILES... && mkdocs serve --dirty")
    return 0
