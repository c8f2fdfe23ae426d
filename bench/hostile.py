"""The heavy attacks on `digest ingest` and `mkdocs build`, each run for real, with a table of what held.

tests/unit/test_hostile_ingest.py and tests/integration/test_hostile_build.py run each class of
attack small and fast; this script runs the full-size ones:

- bombs, each in a `digest ingest` process capped at 1 GiB of address space (setrlimit): a
  4 MB gzip file of 4 GiB, a YAML alias bomb, an XML entity bomb, a 50 MB one-line file, JSON
  nested 100,000 deep, a gzip header with garbage after it. Held: the bomb fails alone with a
  named error, the good file beside it is written, no traceback, peak memory under 1 GB.
- a server sending a byte every half second, against `--timeout 2` (a deadline, not per read).
- a symbolic link to a file outside the ingested folder, and a FIFO in it.
- kill -9 at a random moment of an ingest of 1,000 files, again and again: every article file
  left is whole, the next run removes the temporary files and, at the end, no article is missing.
- concurrent ingests of records whose headlines collide: no article lost or overwritten.
- builds: dates of 2200, 0999, 0001 and 9999-12-31T23:59:59-14:00, a digest of 1969 only, a
  body of 1.2 million characters (spaCy's E088), a YAML alias bomb in an article, hostile
  Markdown, entities.yml and site_url, and a cache on a full disk (a 64 KB tmpfs, in a user
  and mount namespace). Held: the build succeeds, names the bad files, writes sitemap.xml.gz
  and digest.json, and no event handler or script URL appears in any page.

    PYTHONPATH=. python bench/hostile.py [--only NAME,NAME] [--kills 10] [--rounds 5] [--keep DIR] [--code DIR]

`--code DIR` attacks another checkout (e.g. `git archive` of an older commit) with the same attacks.

Each row gives the exit status, the wall time and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import gzip
import html
import http.server
import json
import os
import random
import re
import resource
import shutil
import signal
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
MEMORY_CAP = 1 << 30  # bytes of address space for an ingest process
# A build loads spaCy and forks helpers, whose address space alone passes 1 GiB: builds are
# held to peak resident memory under 1 GB instead, and capped at 4 GiB of address space so
# that an attack that does break through (an older checkout under --code) cannot take the
# machine down with it.
BUILD_CAP = 4 << 30
MB = 1024 * 1024
GOOD = "Harbour reopens\n\nDockers went back to work on Monday after a week-long strike.\n"
ENV = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "NO_MKDOCS_2_WARNING": "1"}
# Children run from here, not from a checkout: `python -m` puts the working folder first on
# sys.path, which would pick the wrong digest_plugin under --code.
NEUTRAL_CWD = tempfile.gettempdir()


@dataclass
class Run:
    status: int
    seconds: float
    peak_mb: float
    out: str
    err: str


@dataclass
class Result:
    name: str
    held: bool
    run: Run | None
    detail: str


def run(argv: list[str], *, cap: int | None = None, timeout: float = 600, cwd: str = NEUTRAL_CWD) -> Run:
    """Run a command; its exit status, time and peak resident memory (its own and its children's)."""
    def limit() -> None:
        if cap is not None:
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.monotonic()
        process = subprocess.Popen(argv, stdout=out, stderr=err, env=ENV, cwd=cwd, preexec_fn=limit)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        _pid, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return Run(process.returncode, seconds, usage.ru_maxrss / 1024, out.read(), err.read())


def new_site(root: Path, extra: str = "") -> Path:
    subprocess.run([sys.executable, "-m", "digest_plugin.cli", "new", str(root)], check=True, env=ENV,
                   capture_output=True, cwd=NEUTRAL_CWD)
    if extra:
        (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text() + extra)
    return root


def ingest(site: Path, *inputs: str, extra: tuple[str, ...] = (), cap: int | None = MEMORY_CAP) -> Run:
    return run([sys.executable, "-m", "digest_plugin.cli", "ingest", "--into", str(site), "--date", "2024-01-01",
                *extra, *inputs], cap=cap, timeout=120)


def articles(site: Path) -> list[Path]:
    return sorted((site / "content" / "articles").rglob("*.md"))


# ---- bombs and limits ------------------------------------------------------------------------------
def _bomb_row(name: str, work: Path, make: Callable[[Path], None], expect: str | None,
              extra: tuple[str, ...] = ()) -> Result:
    """Ingest a folder holding one bad file and one good: held if only the bad one fails, named,
    in under 1 GB and with a short message (`expect` None: the bad file may be read, but nothing
    in what is written may have grown from it)."""
    site, folder = new_site(work / "site"), work / "in"
    folder.mkdir()
    (folder / "zz-good.txt").write_text(GOOD)
    make(folder)
    result = ingest(site, str(folder), extra=extra)
    errors = [line for line in result.err.splitlines() if line.startswith("error:")]
    sound = "Traceback" not in result.err and result.peak_mb < 1024 and len(result.err) < 4096
    if expect is None:
        written = sum(path.stat().st_size for path in articles(site))
        held = sound and result.status == 0 and written < 4096
        return Result(name, held, result, f"read without expanding: {written} bytes written in all")
    held = sound and result.status == 1 and len(errors) == 1 and expect in errors[0] and len(articles(site)) == 1
    return Result(name, held, result, errors[0][:110] if errors else result.err[-200:])


def gzip_bomb(folder: Path) -> None:
    member = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(MB)
    data = b"".join(member.compress(zeros) for _ in range(256)) + member.flush()
    (folder / "bomb.txt.gz").write_bytes(data * 16)  # 16 gzip members of 256 MiB: 4 GiB


def yaml_bomb(folder: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]" for n in range(9)]
    (folder / "bomb.md").write_text("---\n" + "\n".join(lines) + "\ntitle: Bomb\ndate: 2024-01-01\n---\nBody\n")


def xml_bomb(folder: Path) -> None:
    entities = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{n} "{("&lol" + str(n - 1 or "") + ";") * 10}">'
                                           for n in range(1, 10)]
    (folder / "bomb.rss").write_text('<?xml version="1.0"?>\n<!DOCTYPE rss [' + "".join(entities) + ']>\n'
                                     '<rss version="2.0"><channel><title>t</title><item><title>&lol9;</title>'
                                     '<description>x</description></item></channel></rss>')


def one_line(folder: Path) -> None:
    (folder / "line.txt").write_text("x" * (50 * MB))


def deep_json(folder: Path) -> None:
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)


def bad_gzip(folder: Path) -> None:
    (folder / "bad.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"not gzip, honest!!")


def symlink_out(folder: Path) -> None:
    secret = folder.parent / "secret.txt"
    secret.write_text("Private notes\n\nThe root password is hunter2.\n")
    (folder / "link.txt").symlink_to(secret)


def fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")


BOMBS = [
    ("gzip bomb: 4 MB file, 4 GiB inflated", gzip_bomb, "once decompressed", ()),
    ("gzip magic + garbage, 22 bytes", bad_gzip, "broken gzip", ()),
    ("YAML alias bomb in front matter", yaml_bomb, "aliases", ()),
    ("XML entity bomb in a feed", xml_bomb, None, ()),
    ("one line of 50 MB", one_line, "line.txt", ()),
    ("JSON nested 100,000 deep", deep_json, "deep.json", ()),
    ("symlink to a file outside the folder", symlink_out, "symbolic link", ()),
    ("FIFO in the folder", fifo, "not a regular file", ()),
]


class _Trickle(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # one byte every half second, for a minute
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        for _ in range(120):
            try:
                self.wfile.write(b"x")
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.5)

    def log_message(self, *args) -> None:
        pass


def slow_server(work: Path) -> Result:
    site = new_site(work / "site")
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Trickle) as server:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        result = ingest(site, f"http://127.0.0.1:{server.server_address[1]}/slow", extra=("--timeout", "2"))
        server.shutdown()
    held = result.status == 1 and "--timeout" in result.err and result.seconds < 4.5
    return Result("a byte every 0.5 s, --timeout 2", held, result, result.err.strip()[:110])


# ---- kill -9 and concurrent runs ------------------------------------------------------------------
def _whole(path: Path) -> bool:
    """An article file as ingestion wrote it: front matter closed, hash matching the text."""
    from digest_plugin.core.ingest.writer import was_edited_by_hand

    try:
        return not was_edited_by_hand(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False


def _temporaries(site: Path) -> list[Path]:
    return list((site / "content" / "articles").rglob(".*.tmp"))


def kill_loop(work: Path, kills: int) -> Result:
    site, folder = new_site(work / "site"), work / "in"
    folder.mkdir()
    for n in range(1000):  # each headline five times, from five desks: slugs collide within a day
        (folder / f"{n:04d}.json").write_text(json.dumps({"title": f"Market report {n % 200}", "source": f"Desk {n}",
                                                          "body": f"Shares moved in session {n}.",
                                                          "date": "2024-01-01"}))
    torn, left = 0, 0
    rng = random.Random(16)
    for _ in range(kills):
        process = subprocess.Popen([sys.executable, "-m", "digest_plugin.cli", "ingest", "--into", str(site),
                                    "--date", "2024-01-01", str(folder)], env=ENV, cwd=NEUTRAL_CWD,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.8, 3.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
        torn += sum(not _whole(path) for path in articles(site))
        left = max(left, len(_temporaries(site)))
    final = ingest(site, str(folder), cap=None)
    count, leftovers = len(articles(site)), len(_temporaries(site))
    held = torn == 0 and final.status == 0 and count == 1000 and leftovers == 0
    return Result(f"kill -9 during ingest, {kills} times", held, final,
                  f"torn files {torn}; temporary files after a kill up to {left}, after the next run "
                  f"{leftovers}; articles {count}/1000")


def concurrent_ingests(work: Path, rounds: int) -> Result:
    lost, extra, last = 0, 0, None
    for number in range(rounds):
        site = new_site(work / f"site{number}")
        inputs = []
        for source in ("Wire A", "Wire B", "Wire C"):  # the same 300 headlines from three sources
            path = work / f"{number}-{source[-1]}.jsonl"
            path.write_text("\n".join(json.dumps({"title": f"Markets update {n}", "body": f"{source} copy {n}.",
                                                  "date": "2024-03-01", "source": source})
                                      for n in range(300)))
            inputs.append(path)
        processes = [subprocess.Popen([sys.executable, "-m", "digest_plugin.cli", "ingest", "--into", str(site),
                                       str(path), str(inputs[0])], env=ENV, cwd=NEUTRAL_CWD,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                     for path in inputs]
        for process in processes:
            process.communicate()
        sources: dict[tuple[str, str], int] = {}
        for path in articles(site):
            text = path.read_text(encoding="utf-8")
            key = (re.search(r"^title: (.*)$", text, re.M).group(1), re.search(r"^source: (.*)$", text, re.M).group(1))
            sources[key] = sources.get(key, 0) + 1
        lost += 900 - len(sources)
        extra += sum(count - 1 for count in sources.values())
        last = len(articles(site))
    held = lost == 0 and extra == 0
    return Result(f"3 concurrent ingests, colliding slugs, {rounds} rounds", held, None,
                  f"articles lost {lost}, duplicated {extra}; last round {last} files for 900 articles")


# ---- builds --------------------------------------------------------------------------------------
FINE = "---\ntitle: Ministers meet in Lisbon\ndate: 2024-05-01\n---\n\nAda Lovelace met ministers in Lisbon.\n"
SITE_URL = "site_url: https://news.example/\n"


def build(site: Path, *flags: str) -> Run:
    return run([sys.executable, "-m", "mkdocs", "build", *flags, "-f", str(site / "mkdocs.yml")], cap=BUILD_CAP)


def _write(site: Path, files: dict[str, str | bytes]) -> None:
    for name, text in files.items():
        path = site / "content" / "articles" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")


def _outputs_ok(site: Path, articles_expected: int) -> bool:
    try:
        with gzip.open(site / "site" / "sitemap.xml.gz") as stream:
            stream.read()
        data = json.loads((site / "site" / "digest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, EOFError):
        return False
    return len(data["articles"]) == articles_expected


def build_dates(work: Path) -> Result:
    site = new_site(work / "site", SITE_URL)
    bad = {f"2024/05/01/{name}.md": f"---\ntitle: {name}\ndate: {date}\n---\nBody\n" for name, date in
           (("y2200", "2200-01-01"), ("y0999", "0999-01-01"), ("y0001", "0001-01-01"),
            ("y9999", "9999-12-31T23:59:59-14:00"))}
    _write(site, {"2024/05/01/fine.md": FINE, **bad})
    result = build(site)
    named = all(name.split("/")[-1] in result.err for name in bad)
    held = result.status == 0 and named and _outputs_ok(site, 1)
    return Result("build: dates 2200, 0999, 0001, 9999-12-31T23:59:59-14:00", held, result,
                  "each skipped with a warning naming it" if named else result.err[-200:])


def build_1969(work: Path) -> Result:
    site = new_site(work / "site", SITE_URL)
    _write(site, {"1969/07/20/moon.md": "---\ntitle: Men walk on the Moon\ndate: 1969-07-20T20:17:00Z\n---\n\n"
                                        "Neil Armstrong stepped onto the Moon.\n"})
    result = build(site, "--strict")
    held = result.status == 0 and _outputs_ok(site, 1)
    return Result("build --strict: newest article from 1969", held, result,
                  "built, sitemap.xml.gz written" if held else result.err.strip()[-110:])


def build_long_body(work: Path) -> Result:
    site = new_site(work / "site")
    body = "Ada Lovelace met ministers in Lisbon, Portugal said on Monday.\n\n" * 19_000  # 1.2 M characters
    _write(site, {"2024/05/01/fine.md": FINE,
                  "2024/05/01/long.md": f"---\ntitle: Long\ndate: 2024-05-01\n---\n\n{body}"})
    result = build(site)
    page = site / "site" / "articles" / "2024" / "05" / "01" / "long" / "index.html"
    whole = page.is_file() and page.read_text(encoding="utf-8").count("said on Monday.") == 19_000
    held = result.status == 0 and _outputs_ok(site, 2) and whole and result.peak_mb < 1024
    return Result(f"build: a body of {len(body) / 1e6:.1f} M characters (spaCy E088)", held, result,
                  "page shows the whole body" if whole else "body cut or page missing")


def build_yaml_bomb(work: Path) -> Result:
    site = new_site(work / "site")
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]" for n in range(9)]
    _write(site, {"2024/05/01/fine.md": FINE,
                  "2024/05/01/bomb.md": "---\n" + "\n".join(lines) + "\ntitle: Bomb\ndate: 2024-05-01\n---\nBody\n"})
    result = build(site)
    warned = [line for line in result.err.splitlines() if "bomb.md" in line]
    held = result.status == 0 and bool(warned) and _outputs_ok(site, 1) and result.peak_mb < 1024
    return Result("build: YAML alias bomb in an article", held, result,
                  warned[0].split("-", 1)[-1].strip()[:110] if warned else "no warning")


def build_full_disk(work: Path) -> Result:
    site = new_site(work / "site")
    _write(site, {"2024/05/01/fine.md": FINE})
    cache = work / "full-cache"
    cache.mkdir()
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - digest\n", f"  - digest:\n      cache_dir: {cache}\n"))
    # A 64 KB tmpfs, filled up before the build starts.
    mount = (f"mount -t tmpfs -o size=64k tmpfs {cache} && (head -c 100000 /dev/zero > {cache}/fill; true) "
             f"&& exec {sys.executable} -m mkdocs build -f {config}")
    result = run(["unshare", "-rm", "sh", "-c", mount], cap=BUILD_CAP) if shutil.which("unshare") else None
    how = "a full 64 KB tmpfs"
    if result is None or "mount" in result.err[:200].lower():  # no namespaces here: a cache path that cannot exist
        (work / "a-file").write_text("")
        config.write_text(config.read_text().replace(str(cache), str(work / "a-file" / "cache")))
        result, how = build(site), "a cache path under a file (no tmpfs)"
    warned = [line for line in result.err.splitlines() if "WARNING" in line and "cache" in line]
    held = result.status == 0 and "Traceback" not in result.err and _outputs_ok(site, 1) and bool(warned)
    return Result("build: cache on a full disk", held, result,
                  f"{how}; {len(warned)} warning(s): " + (warned[0].split("-", 1)[-1].strip()[:70] if warned else ""))


HOSTILE_ARTICLE = """---
title: "Budget vote <img src=x onerror=alert(1)//"
date: 2024-05-01
people: ["<script>alert(2)</script>", "<b onmouseover=alert(3)>Ada Lovelace</b>"]
url: "javascript:alert(4)"
summary: "<svg onload=alert(5)> The vote."
description: '"><script>alert(6)</script>'
template: redirect.html
location: "javascript:alert(7)"
---

<script>alert(8)</script><div onclick="alert(9)">div</div><base href="https://evil.example/">
<a href="java&#x09;script:alert(10)">tab</a> <a href="&#106;avascript:alert(11)">entity</a>
<javascript:alert(12)>

> [q1]: javascript:alert(13)
>
> quote [q1]

- [l1]: data:text/html,alert(14)
- list [l1]

Para
{: onmouseover="alert(15)" }

[link](https://ok.example){: href="javascript:alert(16)" }

<div markdown="1" onmouseover="alert(17)">*inside*</div>
"""
EXTENSIONS = "markdown_extensions: [attr_list, md_in_html, footnotes, admonition, tables, def_list, abbr]\n"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "background", "poster", "xlink:href"}


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            plain = re.sub(r"[\s\x00-\x1f]", "", html.unescape(value or "")).lower()
            if name.startswith("on") or (name in URL_ATTRIBUTES and plain.startswith(("javascript:", "vbscript:",
                                                                                       "data:"))):
                self.bad.append(f"{tag}[{name}={value!r}]")


def build_hostile_markup(work: Path) -> Result:
    site = new_site(work / "site", "site_url: 'https://news.example/\"><script>alert(20)</script>'\n" + EXTENSIONS)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - digest\n", "  - digest:\n      entities_file: entities.yml\n"))
    (site / "entities.yml").write_text("people:\n  Ada Lovelace:\n    description: '<img src=x onerror=alert(21)>'\n"
                                       "    image: 'javascript:alert(22)'\n")
    _write(site, {"2024/05/01/fine.md": FINE, "2024/05/01/hostile.md": HOSTILE_ARTICLE})
    result = build(site)
    bad: list[str] = []
    for page in (site / "site").rglob("*.html"):
        scan = _Scan()
        scan.feed(page.read_text(encoding="utf-8"))
        bad += scan.bad
    canonical = re.findall(r'<link rel="canonical" href="([^"]*)"', (site / "site" / "index.html").read_text())
    digest_json = (site / "site" / "digest.json").read_text(encoding="utf-8")
    feeds = [path.read_text(encoding="utf-8") for path in (site / "site").rglob("rss.xml")]
    markup_in_feeds = [text for text in feeds if re.search(r"&lt;(script|img|svg|b )", text)]
    held = (result.status == 0 and not bad and "<" not in digest_json and not markup_in_feeds
            and all("<" not in url for url in canonical) and _outputs_ok(site, 2))
    return Result("build: hostile Markdown, front matter, entities.yml, site_url", held, result,
                  f"handlers or script URLs in pages: {len(bad)}; markup in feeds: {len(markup_in_feeds)}")


# ---- the table -------------------------------------------------------------------------------------
def attacks(kills: int, rounds: int) -> list[tuple[str, Callable[[Path], Result]]]:
    rows: list[tuple[str, Callable[[Path], Result]]] = [
        (name, lambda work, n=name, m=make, e=expect, x=extra: _bomb_row(n, work, m, e, x))
        for name, make, expect, extra in BOMBS
    ]
    rows += [
        ("slow server", slow_server),
        ("kill -9", lambda work: kill_loop(work, kills)),
        ("concurrent", lambda work: concurrent_ingests(work, rounds)),
        ("dates", build_dates),
        ("1969", build_1969),
        ("long body", build_long_body),
        ("yaml build", build_yaml_bomb),
        ("full disk", build_full_disk),
        ("markup", build_hostile_markup),
    ]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="comma-separated words: run the attacks whose name has one")
    parser.add_argument("--kills", type=int, default=10, help="kill -9 rounds (default 10)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of concurrent ingests (default 5)")
    parser.add_argument("--keep", type=Path, help="keep the work folders here")
    parser.add_argument("--code", type=Path, default=REPO_ROOT,
                        help="the checkout whose digest_plugin is attacked (default: this one)")
    args = parser.parse_args()
    ENV["PYTHONPATH"] = str(args.code.resolve())
    words = [word.strip().lower() for word in args.only.split(",") if word.strip()]
    base = Path(tempfile.mkdtemp(prefix="hostile-")) if args.keep is None else args.keep
    results = []
    for number, (name, attack) in enumerate(attacks(args.kills, args.rounds)):
        if words and not any(word in name.lower() for word in words):
            continue
        work = base / f"{number:02d}"
        work.mkdir(parents=True, exist_ok=True)
        result = attack(work)
        results.append(result)
        print(f"{'held  ' if result.held else 'BROKE '} {result.name}", file=sys.stderr, flush=True)
    print("| attack | held | exit | time | peak memory | detail |")
    print("|---|---|---|---|---|---|")
    for result in results:
        run_ = result.run
        figures = f"{run_.status} | {run_.seconds:.1f} s | {run_.peak_mb:.0f} MB" if run_ else "– | – | –"
        detail = result.detail.replace(f"{base}/", "").replace("|", "/").replace("\n", " ")
        print(f"| {result.name} | {'yes' if result.held else '**no**'} | {figures} | {detail} |")
    held = sum(result.held for result in results)
    print(f"\n{held} of {len(results)} attacks held")
    if args.keep is None:
        shutil.rmtree(base, ignore_errors=True)
    return 0 if held == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
