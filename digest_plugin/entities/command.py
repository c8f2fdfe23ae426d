"""`digest entities`: lists the digest's people and countries, and merge candidates for an editor."""

from __future__ import annotations

import argparse


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("entities", help="list people and countries with article counts")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("the entities listing lands with the entities work")
