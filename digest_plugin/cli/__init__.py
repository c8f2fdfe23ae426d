"""The `digest` command: one sub-command per job, each defined in the module that owns the job.

`new` scaffolds a site (digest_plugin.cli.new), `ingest` reads sources into Markdown
(digest_plugin.cli.ingest), `entities` lists people and countries (digest_plugin.cli.entities).
Exit status: 0 success, 1 when some input failed, 2 on usage errors.
"""

from __future__ import annotations

import argparse


def build_parser() -> argparse.ArgumentParser:
    from digest_plugin.cli import entities as entities_command
    from digest_plugin.cli import ingest as ingest_command
    from digest_plugin.cli import new as scaffold

    parser = argparse.ArgumentParser(prog="digest", description="Build and feed a news digest site.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    scaffold.add_parser(commands)
    ingest_command.add_parser(commands)
    entities_command.add_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.run(args) or 0)


