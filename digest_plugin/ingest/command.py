"""`digest ingest`: reads sources into the digest's articles folder."""

from __future__ import annotations

import argparse


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("ingest", help="read articles from files, folders or URLs into the digest")
    parser.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("ingestion lands with the ingest work")
