"""`digest entities` on a small temporary site (real spaCy model, loaded once per session)."""

from __future__ import annotations

import json
import textwrap

from digest_plugin.cli import entities as command

ARTICLE = """\
---
title: {title}
date: {date}
authors: [Rita Moreno Vale]
---
{body}
"""


def _site(tmp_path):
    articles = tmp_path / "content" / "articles" / "2024" / "05"
    articles.mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: T\ndocs_dir: content\n", encoding="utf-8")
    (articles / "a.md").write_text(ARTICLE.format(
        title="Scholz visits Warsaw", date="2024-05-01",
        body="German Chancellor Olaf Scholz met Polish leaders in Warsaw on Monday. Scholz spoke of trade."),
        encoding="utf-8")
    (articles / "b.md").write_text(ARTICLE.format(
        title="Trade talks", date="2024-05-03",
        body="Former chancellor Olaf Scholz said Berlin would help. Rita Moreno Vale wrote this."),
        encoding="utf-8")
    (articles / "bad.md").write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    return tmp_path


def test_entities_command_json(tmp_path, capsys):
    site = _site(tmp_path)
    status = command.run(_args(site, kind=None))
    out, err = capsys.readouterr()
    report = json.loads(out)
    people = {p["name"]: p for p in report["people"]}
    assert set(people) == {"Olaf Scholz"}
    assert people["Olaf Scholz"]["articles"] == 2
    assert people["Olaf Scholz"]["role"] == "Former chancellor"
    assert {c["code"]: c["articles"] for c in report["countries"]} == {"DE": 2, "PL": 1}
    assert status == 1 and "bad.md" in err  # the broken file is named, the rest still listed
    # Warm run: every article comes from the cache.
    assert list((site / ".cache" / "digest").rglob("*.json"))


def test_entities_command_kind_countries_table(tmp_path, capsys):
    site = _site(tmp_path)
    command.run(_args(site, kind="countries", as_json=False))
    out = capsys.readouterr().out
    assert "Countries (2)" in out and "People" not in out


def _args(site, kind, as_json=True):
    import argparse

    return argparse.Namespace(kind=kind, json=as_json, config=str(site / "mkdocs.yml"), registry=None, cache=None)


def test_parser_is_wired():
    import argparse

    parser = argparse.ArgumentParser()
    command.add_parser(parser.add_subparsers())
    args = parser.parse_args(textwrap.dedent("entities --kind people --json").split())
    assert args.kind == "people" and args.json
