"""`digest ingest` end to end on a temporary site: summary, exit status, dry run, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import frontmatter
import pytest

from digest_plugin.cli.siteconfig import SiteConfigError, find_articles_dir
from tests.ingest_cli import run_ingest

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
SITE_YML = """site_name: Test digest
docs_dir: content
plugins:
  - search
  - digest:
      articles_dir: stories
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(SITE_YML)
    (tmp_path / "content").mkdir()
    return tmp_path


def articles(site: Path) -> list[Path]:
    return sorted((site / "content" / "stories").rglob("*.md"))


def test_find_articles_dir_reads_plugin_option_despite_python_tags(site: Path, tmp_path_factory):
    assert find_articles_dir(site) == site / "content" / "stories"
    plain = tmp_path_factory.mktemp("plain")
    (plain / "mkdocs.yml").write_text("site_name: x\nplugins:\n  digest: {}\n")
    (plain / "docs").mkdir()
    assert find_articles_dir(plain) == plain / "docs" / "articles"
    with pytest.raises(SiteConfigError, match="no mkdocs.yml"):
        find_articles_dir(tmp_path_factory.mktemp("empty"))


def test_ingest_all_fixture_kinds_then_nothing_changes(site: Path, capsys):
    inputs = [str(FIXTURES / name) for name in ("seed_format.txt", "headline_format.txt", "news_please.json",
                                                 "small.rss", "small.atom", "page.html")]
    assert run_ingest("--into", str(site), "--date", "2024-05-06", "--json", *inputs) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["new"] == 7 and summary["failed"] == 0
    assert len(articles(site)) == 7
    seed = frontmatter.load(site / "content/stories/2024/05/06/harbour-strike-halts-grain-exports-says-union-leader.md")
    assert seed["source"] == "Example Wire" and seed["date"] == "2024-05-06"
    assert run_ingest("--into", str(site), "--date", "2024-05-06", "--json", *inputs) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["unchanged"] == 7 and again["new"] == 0 and again["updated"] == 0


def test_same_text_file_twice_without_date_is_one_article(site: Path, capsys):
    path = str(FIXTURES / "headline_format.txt")
    assert run_ingest("--into", str(site), path) == 0
    assert run_ingest("--into", str(site), path) == 0
    assert len(articles(site)) == 1
    assert "using today" in capsys.readouterr().err


def test_bad_inputs_fail_one_line_each_and_batch_goes_on(site: Path, tmp_path: Path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 20)
    status = run_ingest("--into", str(site), "--date", "2024-01-01", "--timeout", "2",
                        str(FIXTURES / "malformed.rss"), str(empty), str(binary), str(tmp_path / "missing.txt"),
                        "http://127.0.0.1:9/unreachable", str(FIXTURES / "small.rss"))
    assert status == 1
    captured = capsys.readouterr()
    errors = [line for line in captured.err.splitlines() if line.startswith("error:")]
    assert len(errors) == 5
    for name in ("malformed.rss", "empty.txt", "blob.bin", "missing.txt", "127.0.0.1:9"):
        assert sum(name in line for line in errors) == 1
    assert "2 new" in captured.out and "5 failed" in captured.out
    assert len(articles(site)) == 2
    assert not list(site.rglob("*.tmp"))


def test_dry_run_reports_and_writes_nothing(site: Path, capsys):
    status = run_ingest("--into", str(site), "--dry-run", "--json", str(FIXTURES / "small.rss"))
    assert status == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["new"] == 2 and summary["dry_run"] is True and len(summary["changes"]) == 2
    assert articles(site) == []


def test_folder_and_glob_inputs(site: Path, capsys):
    assert run_ingest("--into", str(site), "--date", "2024-01-01", "--json", str(FIXTURES / "*.atom")) == 0
    assert json.loads(capsys.readouterr().out)["new"] == 1
    run_ingest("--into", str(site), "--date", "2024-01-01", "--json", str(FIXTURES))
    summary = json.loads(capsys.readouterr().out)
    assert summary["new"] > 5 and summary["unchanged"] == 1


def test_runs_inside_site_without_into(site: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(site)
    assert run_ingest("--date", "2024-01-01", str(FIXTURES / "small.atom")) == 0
    assert len(articles(site)) == 1


def test_outside_a_site_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert run_ingest(str(FIXTURES / "small.atom")) == 2
    assert "mkdocs.yml" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--date", "15/09/2024", "x"], ["--format", "pdf", "x"], ["--map", "nope", "x"], []])
def test_usage_errors_exit_2(argv: list[str]):
    with pytest.raises(SystemExit) as caught:
        run_ingest(*argv)
    assert caught.value.code == 2


def test_gzipped_page_is_read(site: Path, tmp_path: Path, capsys):
    import gzip

    packed = tmp_path / "page.html.gz"
    packed.write_bytes(gzip.compress((FIXTURES / "page.html").read_bytes()))
    assert run_ingest("--into", str(site), "--json", str(packed)) == 0
    assert json.loads(capsys.readouterr().out)["new"] == 1


def test_site_paths_resolve_env_tags_and_inherit_as_mkdocs_does(tmp_path, monkeypatch):
    from digest_plugin.cli.siteconfig import site_paths

    (tmp_path / "content").mkdir()
    (tmp_path / "base.yml").write_text("docs_dir: content\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: base.yml\nsite_name: x\nplugins:\n  - digest:\n"
        "      cache_dir: !ENV [DIGEST_CACHE_DIR, .cache/here]\n      articles_dir: !ENV [DIGEST_ARTICLES, stories]\n",
        encoding="utf-8")
    monkeypatch.delenv("DIGEST_CACHE_DIR", raising=False)
    monkeypatch.delenv("DIGEST_ARTICLES", raising=False)
    paths = site_paths(tmp_path)
    assert paths.cache_dir == tmp_path / ".cache" / "here"
    assert paths.articles_dir == tmp_path / "content" / "stories"
    assert paths.entities_file is None  # entities.yml (the default) is not there: no registry
    (tmp_path / "entities.yml").write_text("people: {}\n", encoding="utf-8")
    monkeypatch.setenv("DIGEST_CACHE_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("DIGEST_ARTICLES", "wire")
    paths = site_paths(tmp_path)
    assert paths.cache_dir == tmp_path / "elsewhere"  # the value a build would use, not the default
    assert paths.articles_dir == tmp_path / "content" / "wire"
    assert paths.entities_file == tmp_path / "entities.yml"

