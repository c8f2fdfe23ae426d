"""`digest ingest` run in the test's own process, as the command line parses and runs it."""

from __future__ import annotations

import argparse

from digest_plugin.cli import ingest as command


def run_ingest(*argv: str) -> int:
    """The exit code of `digest ingest ARGV...`."""
    parser = argparse.ArgumentParser(prog="digest")
    command.add_parser(parser.add_subparsers())
    args = parser.parse_args(["ingest", *argv])
    return args.run(args)
