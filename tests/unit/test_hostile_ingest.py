"""Hostile and unlucky input to `digest ingest`, one class of attack per test, small and fast.

Each test feeds a bad input next to a good one and checks that the bad one fails alone, with a
short, escaped, named error, and that the good one is still written. The heavier versions
(real bombs under a memory cap, kill -9 loops, concurrent processes) are in bench/hostile.py.
"""

from __future__ import annotations

import datetime as dt
import gzip
import http.server
import json
import os
import socketserver
import threading
import time
from pathlib import Path

import frontmatter
import markdown
import pytest

from digest_plugin.cli import ingest as command
from digest_plugin.core.articles import ArticleError, article_from_text, validate_article
from digest_plugin.core.ingest.base import IngestError, ReadOptions
from digest_plugin.core.ingest.dates import parse_date
from digest_plugin.core.ingest.feed import read_feed
from digest_plugin.core.ingest.markdownfile import read_markdown
from digest_plugin.core.ingest.readers import fetch_url
from digest_plugin.core.ingest.sanitize import clean_line, sanitize_markdown
from digest_plugin.core.ingest.writer import LOCK_NAME, ArticleWriter
from digest_plugin.core.model import Article
from digest_plugin.core.safehtml import removed_markup
from digest_plugin.core.slugs import slugify
from tests.ingest_cli import run_ingest

SITE_YML = "site_name: Hostile\ndocs_dir: content\nplugins:\n  - digest\n"
GOOD = "Harbour reopens\n\nDockers went back to work on Monday after a week-long strike.\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(SITE_YML)
    return root


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "zz-good.txt").write_text(GOOD)
    return folder


def articles(site: Path) -> list[Path]:
    return sorted((site / "content" / "articles").rglob("*.md"))


def errors(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("error:")]


def only_good_written(site: Path) -> None:
    (path,) = articles(site)
    assert frontmatter.load(path)["title"] == "Harbour reopens"


# ---- dates ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("date", ["2200-01-01", "0999-06-01", "0001-01-01", "9999-12-31T23:59:59-14:00",
                                  "10000-01-01T00:00:00Z", "1899-12-31"])
def test_dates_outside_the_window_fail_that_record_by_name(site: Path, inbox: Path, capsys, date: str):
    (inbox / "bad.json").write_text(json.dumps({"title": "Odd date", "body": "Text.", "date": date}))
    assert run_ingest("--into", str(site), "--date", "2024-01-01", str(inbox)) == 1
    (line,) = errors(capsys.readouterr().err)
    assert "bad.json" in line and ("1900" in line or "out of range" in line or "future" in line)
    only_good_written(site)


def test_the_window_is_1900_to_a_day_ahead():
    now = dt.datetime(2024, 6, 1, 12, tzinfo=dt.UTC)
    article = Article(title="T", body="b", date=dt.datetime(1900, 1, 1))
    assert validate_article(article, now)[0].date.year == 1900
    article.date = now + dt.timedelta(hours=23)
    validate_article(article, now)
    article.date = now + dt.timedelta(hours=25)
    with pytest.raises(ValueError, match="future"):
        validate_article(article, now)


def test_rfc822_year_one_is_not_2001():
    assert parse_date("Sat, 01 Jan 0001 00:00:00 GMT").year == 1
    assert parse_date("Sat, 01 Jan 05 00:00:00 GMT").year == 2005  # a two-digit year is still one


def test_one_atom_entry_in_year_10000_does_not_lose_the_feed():
    feed = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
    <entry><title>Far</title><id>1</id><updated>9999-12-31T23:59:59-14:00</updated><content>x</content></entry>
    <entry><title>Later</title><id>2</id><updated>10000-01-01T00:00:00Z</updated><content>x</content></entry>
    <entry><title>Fine</title><id>3</id><updated>2024-01-01T00:00:00Z</updated><content>y</content></entry></feed>"""
    results = list(read_feed(feed, "f.atom", ReadOptions(warn=lambda message: None)))
    assert [type(result).__name__ for result in results] == ["IngestError", "IngestError", "Article"]
    assert results[2].title == "Fine" and results[2].date.year == 2024


def test_hand_written_front_matter_outside_the_window_names_the_file():
    for date in ("2200-01-01", "0999-01-01", "9999-12-31T23:59:59-14:00"):
        with pytest.raises(ArticleError, match=r"articles/x\.md"):
            article_from_text(f"---\ntitle: T\ndate: {date}\n---\nBody\n", "articles/x.md")
    assert article_from_text("---\ntitle: T\ndate: 1969-07-20\n---\nBody\n", "a.md").date.year == 1969


# ---- bombs and limits ----------------------------------------------------------------------------
def test_gzip_magic_with_garbage_fails_alone(site: Path, inbox: Path, capsys):
    (inbox / "a-bad.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"not gzip, honest!!")  # 22 bytes
    assert run_ingest("--into", str(site), "--date", "2024-01-01", str(inbox)) == 1
    (line,) = errors(capsys.readouterr().err)
    assert "a-bad.gz" in line and "broken gzip" in line
    only_good_written(site)


def test_gzip_bomb_stops_at_the_size_limit(site: Path, inbox: Path, capsys):
    (inbox / "a-bomb.txt.gz").write_bytes(gzip.compress(b"A" * (3 * 1024 * 1024), 9))  # 3 MB from ~3 KB
    assert run_ingest("--into", str(site), "--date", "2024-01-01", "--max-size", "1", str(inbox)) == 1
    (line,) = errors(capsys.readouterr().err)
    assert "a-bomb.txt.gz" in line and "once decompressed" in line
    only_good_written(site)


def test_file_over_the_size_limit_is_not_read(site: Path, inbox: Path, capsys):
    (inbox / "a-big.txt").write_text("Headline\n\n" + "word " * 300_000)
    assert run_ingest("--into", str(site), "--date", "2024-01-01", "--max-size", "1", str(inbox)) == 1
    (line,) = errors(capsys.readouterr().err)
    assert "a-big.txt" in line and "larger than 1.0 MB" in line
    only_good_written(site)


def test_yaml_alias_bomb_is_refused_unexpanded(site: Path, inbox: Path, capsys):
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    levels += [f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]" for n in range(8)]
    (inbox / "a-bomb.md").write_text("---\n" + "\n".join(levels) + "\ntitle: Bomb\ndate: 2024-01-01\n---\nBody\n")
    assert run_ingest("--into", str(site), "--date", "2024-01-01", str(inbox)) == 1
    (line,) = errors(capsys.readouterr().err)
    assert "a-bomb.md" in line and "aliases" in line
    only_good_written(site)


def test_error_for_a_huge_one_line_file_stays_short(site: Path, inbox: Path, capsys):
    (inbox / "a-line.txt").write_text("x" * 3_000_000)
    assert run_ingest("--into", str(site), "--date", "2024-01-01", str(inbox)) == 1
    err = capsys.readouterr().err
    (line,) = errors(err)
    assert "a-line.txt" in line and len(line) < 1000 and len(err) < 2000


class _Trickle(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        for _ in range(40):  # one byte every 0.1 s: no single read ever waits a second
            try:
                self.wfile.write(b"x")
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.1)

    def log_message(self, *args) -> None:
        pass


def test_timeout_is_a_deadline_for_the_whole_download():
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Trickle) as server:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started = time.monotonic()
        with pytest.raises(IngestError, match="not finished after 1 s"):
            fetch_url(f"http://127.0.0.1:{server.server_address[1]}/slow", timeout=1.0)
        assert time.monotonic() - started < 2.5
        server.shutdown()


# ---- what errors show ----------------------------------------------------------------------------
def test_file_names_are_printed_escaped(site: Path, inbox: Path, capsys):
    (inbox / "a\nline\x1b[31m.txt").write_text("")
    run_ingest("--into", str(site), "--date", "2024-01-01", str(inbox))
    err = capsys.readouterr().err
    assert "\x1b" not in err
    (line,) = errors(err)
    assert "a\\nline\\x1b[31m.txt" in line


# ---- folders -------------------------------------------------------------------------------------
def test_symlinks_out_of_a_folder_are_not_followed(site: Path, inbox: Path, tmp_path: Path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("Private notes\n\nThe root password is hunter2.\n")
    (inbox / "a-link.txt").symlink_to(secret)
    (inbox / "b-inside.txt").symlink_to(inbox / "zz-good.txt")  # inside the folder: fine
    assert run_ingest("--into", str(site), "--date", "2024-01-01", str(inbox)) == 1
    err = capsys.readouterr().err
    (line,) = errors(err)
    assert "a-link.txt" in line and "symbolic link" in line and "hunter2" not in err
    only_good_written(site)
    assert run_ingest("--into", str(site), "--date", "2024-01-01", "--follow-symlinks", str(inbox)) == 0
    assert len(articles(site)) == 2


def test_a_fifo_is_refused_without_blocking(site: Path, inbox: Path, capsys):
    os.mkfifo(inbox / "a-pipe.txt")
    assert run_ingest("--into", str(site), "--date", "2024-01-01", str(inbox)) == 1
    (line,) = errors(capsys.readouterr().err)
    assert "a-pipe.txt" in line and "not a regular file" in line
    only_good_written(site)


# ---- encodings, names, --force ---------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_bom_are_read(site: Path, tmp_path: Path, encoding: str):
    path = tmp_path / "wide.txt"
    bom = {"utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}.get(encoding, b"")
    path.write_bytes(bom + "Zürich talks\n\nDelegates met in Zürich.\n".encode(encoding))
    assert run_ingest("--into", str(site), "--date", "2024-01-01", str(path)) == 0
    (article,) = articles(site)
    assert frontmatter.load(article)["title"] == "Zürich talks"


@pytest.mark.parametrize("title", ["CON", "aux", "Nul", "com1", "LPT9", "prn"])
def test_windows_reserved_names_get_a_safe_slug(title: str):
    slug = slugify(title)
    assert slug.startswith(title.lower()) and slug != title.lower()


def test_force_replaces_a_hand_edit_even_when_the_source_is_unchanged(site: Path, inbox: Path, capsys):
    assert run_ingest("--into", str(site), "--date", "2024-01-01", str(inbox)) == 0
    (path,) = articles(site)
    path.write_text(path.read_text().replace("week-long strike", "strike (edited)"))
    run_ingest("--into", str(site), "--date", "2024-01-01", str(inbox))
    assert "(edited)" in path.read_text()
    capsys.readouterr()
    assert run_ingest("--into", str(site), "--date", "2024-01-01", "--force", "--json", str(inbox)) == 0
    assert json.loads(capsys.readouterr().out)["updated"] == 1
    assert "(edited)" not in path.read_text() and "week-long strike" in path.read_text()


# ---- concurrency ---------------------------------------------------------------------------------
def _article(title: str, source: str) -> Article:
    return Article(title=title, body="Text.\n", date=dt.datetime(2024, 3, 1), source=source, id=f"id-{source}")


def test_a_name_taken_after_the_scan_is_never_overwritten(tmp_path: Path):
    writer = ArticleWriter(tmp_path)
    writer.index()  # scanned while the folder was empty
    other = ArticleWriter(tmp_path)
    taken = other.write(_article("Same headline", "Other run")).path
    mine = writer.write(_article("Same headline", "This run")).path
    assert mine != taken and mine.name == "same-headline-2.md"
    assert frontmatter.load(taken)["source"] == "Other run"
    assert frontmatter.load(mine)["source"] == "This run"


def test_two_runs_take_turns_on_the_lock(tmp_path: Path):
    first, second = ArticleWriter(tmp_path), ArticleWriter(tmp_path)
    order: list[str] = []
    waited = threading.Event()
    with first.locked():
        def run_second() -> None:
            with second.locked(waiting=waited.set):
                order.append("second")
        thread = threading.Thread(target=run_second)
        thread.start()
        assert waited.wait(5)
        order.append("first")
    thread.join(5)
    assert order == ["first", "second"] and (tmp_path / LOCK_NAME).exists()


def test_a_killed_runs_temporary_files_are_removed_by_the_next(site: Path, inbox: Path):
    day = site / "content" / "articles" / "2024" / "01" / "01"
    day.mkdir(parents=True)
    leftover = day / ".harbour-reopens.k3x9_2ab.tmp"
    leftover.write_text("half an arti")
    keep = day / ".notes.tmp"  # not one of ours: never touched
    keep.write_text("x")
    assert run_ingest("--into", str(site), "--date", "2024-01-01", str(inbox)) == 0
    assert not leftover.exists() and keep.exists()


# ---- Markdown and one-line fields ------------------------------------------------------------------
HOSTILE_MARKDOWN = [
    "> [q1]: javascript:alert(1)\n>\n> see [q1]",
    "- [l1]: javascript:alert(1)\n- see [l1]",
    "- item\n\n    [c1]: javascript:alert(1)\n\n    see [c1]",
    "[c2]:\n  javascript:alert(1)\n\nsee [c2]",
    "para\n{: onmouseover=\"alert(1)\" }",
    "[x](https://ok.example){: href=\"javascript:alert(1)\" onclick=\"alert(2)\" }",
    "# Head {: onclick=alert(1) }",
    "<div markdown=\"1\" onclick=\"x\">*hi*</div>",
    "<javascript:alert(1)>",
    "[x](<javascript:alert(1)>)",
    "[x](java\tscript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "![i](javascript:alert(1))",
    "<svg onload=alert(1)>",
]


@pytest.mark.parametrize("source", HOSTILE_MARKDOWN)
def test_ingested_markdown_renders_to_nothing_unsafe_with_common_extensions(source: str):
    rendered = markdown.markdown(sanitize_markdown(source), extensions=["extra", "admonition", "toc", "sane_lists"])
    assert removed_markup(rendered) == []
    assert "javascript:" not in "".join(value for _tag, value in _links(rendered))


def _links(html: str) -> list[tuple[str, str]]:
    import re

    return re.findall(r"<(\w+)[^>]*\s(?:href|src)=\"([^\"]*)\"", html)


def test_markdown_file_that_still_renders_unsafe_is_stored_as_text(monkeypatch: pytest.MonkeyPatch):
    warnings: list[str] = []
    monkeypatch.setattr("digest_plugin.core.ingest.markdownfile.sanitize_markdown", lambda text: text)  # a gap
    data = b"---\ntitle: T\ndate: 2024-01-01\n---\n[x](javascript:alert(1))\n"
    (article,) = read_markdown(data, "t.md", ReadOptions(warn=warnings.append))
    assert "stored as plain text" in warnings[0]
    assert removed_markup(markdown.markdown(article.body)) == []


@pytest.mark.parametrize(("raw", "plain"), [
    ("<img src=x onerror=alert(1)// Budget vote", ""),
    ("Budget vote <img src=x onerror=alert(1)//", "Budget vote"),
    ("&lt;script&gt;alert(1)&lt;/script&gt; Talks", "Talks"),
    ("<b onmouseover=alert(1)>Bob</b> Smith", "Bob Smith"),
    ("profits < forecast, 1<2", "profits < forecast, 1<2"),
])
def test_one_line_fields_are_plain_text(raw: str, plain: str):
    assert clean_line(raw) == plain


def test_forced_people_are_plain_names(site: Path, tmp_path: Path):
    record = {"title": "Talks", "body": "Text.", "date": "2024-01-01",
              "people": ["<script>alert(1)</script>", "<b onmouseover=alert(2)>Ada Lovelace</b>"]}
    (tmp_path / "r.json").write_text(json.dumps(record))
    assert run_ingest("--into", str(site), str(tmp_path / "r.json")) == 0
    (path,) = articles(site)
    assert frontmatter.load(path)["people"] == ["Ada Lovelace"]


def test_an_error_no_reader_foresaw_fails_that_input_alone(site: Path, inbox: Path, capsys, monkeypatch):
    (inbox / "a-odd.rss").write_text("<rss/>")
    real = command.read_input

    def fussy(name, fmt, options):
        if name.endswith("a-odd.rss"):
            raise SyntaxError("lxml said no")  # lxml's parse errors are SyntaxErrors
        return real(name, fmt, options)

    monkeypatch.setattr(command, "read_input", fussy)
    assert run_ingest("--into", str(site), "--date", "2024-01-01", str(inbox)) == 1
    err = capsys.readouterr().err
    (line,) = errors(err)
    assert "a-odd.rss" in line and "SyntaxError" in line and "Traceback" not in err
    only_good_written(site)


class _Redirect(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(302)
        self.send_header("Location", "ftp://127.0.0.1/etc/passwd")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_redirects_lead_only_to_web_addresses():
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Redirect) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        with pytest.raises(IngestError, match="non-web address"):
            fetch_url(f"http://127.0.0.1:{server.server_address[1]}/", timeout=5)
        server.shutdown()


@pytest.mark.parametrize("paragraph", ["[" * 3_000 + " ends here", "word " * 5_000], ids=["brackets", "long"])
def test_a_markdown_paragraph_past_any_news_one_is_stored_as_plain_text(paragraph: str):
    # Python-Markdown's link pass takes a paragraph's length times its "[": 20,000 of them took
    # 35 s to check at ingest and as long again to build. Such a body is not rendered but stored
    # as escaped plain text, cut into paragraphs of a bounded size, and a warning says why.
    warnings: list[str] = []
    source = f"---\ntitle: Brackets\ndate: 2024-05-01\n---\n\n{paragraph}\n\nThe harbour reopened.\n".encode()
    (article,) = list(read_markdown(source, "brackets.md", ReadOptions(warn=warnings.append)))
    assert len(warnings) == 1 and "brackets.md" in warnings[0] and "plain text" in warnings[0]
    assert "The harbour reopened." in article.body
    assert all(len(block) <= 20_000 for block in article.body.split("\n\n"))
    assert "<a " not in markdown.markdown(article.body)


def test_a_markdown_body_with_a_few_links_is_kept_as_markdown():
    warnings: list[str] = []
    source = (b"---\ntitle: Links\ndate: 2024-05-01\n---\n\nThe [port authority](https://port.example/) "
              b"said the [harbour](https://harbour.example/) reopened.\n")
    (article,) = list(read_markdown(source, "links.md", ReadOptions(warn=warnings.append)))
    assert warnings == [] and "[port authority](https://port.example/)" in article.body
