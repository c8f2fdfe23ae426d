"""Edit latency of `mkdocs serve`: seconds from saving one article to the served page showing it.

Starts `mkdocs serve` on 127.0.0.1 for an existing digest site (build one with
`bench/build.py --keep DIR`, e.g. DIR/n5000/digest), waits for the first build, appends a unique
sentence to one article, then polls that article's URL until the sentence is served. Repeats
`--edits` times (each edit restores nothing: the sentence changes every time) and prints each
latency and the median. The article file is restored on exit. serve's own log (which rebuild
plan each edit got, "Documentation built in ...") is kept in SITE/serve-bench.log.

The latency is until the article page is served; the browser reloads when the whole rebuild
ends, which the log's "Documentation built in" shows (under --dirty, a fraction of a second later).

    PYTHONPATH=. python bench/serve.py /tmp/bench/n5000/digest --edits 3 [--dirty]
    python bench/serve.py SITE --dirty --edits 6 --rounds 2 --watchers native,polling

With --watchers, each round starts one serve session per value of the plugin's serve_watcher
option (a copy of mkdocs.yml beside it, removed afterwards), so the two ways of noticing a save
are compared on the same machine in the same run.

With --additions K, each session then adds K articles of another corpus while serving (the
BBC's plain-text files, `--add-corpus`), one at a time, as `digest ingest` writes them (the
project's own reader and writer), timing each until its page is served, and then repeats the
edits: an ingest into a served digest must neither stall serve nor slow the editor's loop. The
added files are removed at the end.

    python bench/serve.py SITE --dirty --edits 4 --additions 4
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import yaml

from digest_plugin.speed.watcher import WATCHER_CHOICES

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ADD_CORPUS = REPO_ROOT / "../shared/corpora/bbc"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, needle: str, timeout: float, interval: float = 0.1,
             server: subprocess.Popen | None = None) -> float | None:
    """Seconds until `needle` is in the page at `url`, or None after `timeout` (or once `server`
    has exited)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if server is not None and server.poll() is not None:
            return None
        body = fetch(url)
        if body is not None and needle in body:
            return time.perf_counter() - started
        time.sleep(interval)
    return None


def pick_article(site: Path) -> Path:
    articles = sorted((site / "content" / "articles").rglob("*.md"))
    if not articles:
        raise SystemExit(f"error: no articles under {site / 'content' / 'articles'}")
    return articles[len(articles) // 2]


def article_url(base: str, site: Path, article: Path) -> str:
    relative = article.relative_to(site / "content").with_suffix("").as_posix()
    return f"{base}/{relative}/"


def serve_config(site: Path, watcher: str | None) -> Path:
    """mkdocs.yml, or for `watcher` a copy beside it with the digest plugin's serve_watcher set
    (beside it, so its relative paths mean the same)."""
    config = site / "mkdocs.yml"
    if watcher is None:
        return config
    try:
        settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:  # e.g. !ENV or !!python/name tags: set serve_watcher by hand
        raise SystemExit(f"error: cannot rewrite {config} for --watchers ({error.__class__.__name__}); "
                         "set serve_watcher in it and run without --watchers") from error
    plugins = settings.get("plugins") or []
    for index, entry in enumerate(plugins):
        if entry == "digest":
            plugins[index] = {"digest": {"serve_watcher": watcher}}
        elif isinstance(entry, dict) and "digest" in entry:
            entry["digest"] = dict(entry["digest"] or {}, serve_watcher=watcher)
    copy = site / f"mkdocs.serve-bench-{watcher}.yml"
    copy.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return copy


def edit_latencies(site: Path, article: Path, original: str, url: str, count: int, timeout: float,
                   server: subprocess.Popen, label: str) -> list[float] | None:
    """Save `article` `count` times with a new sentence; seconds until each is served."""
    latencies = []
    for edit in range(count):
        # Lower case and hyphenated: a capitalised "Bench edit ..." can be read as a person's
        # name, get linked in the body (so never match as plain text) and add a person page.
        marker = f"bench-edit-{uuid.uuid4().hex}"
        article.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
        seconds = wait_for(url, marker, timeout, server=server)
        if seconds is None:
            print(f"[{label}] edit {edit + 1}: not served within {timeout} s", file=sys.stderr)
            return None
        latencies.append(seconds)
        print(f"[{label}] edit {edit + 1}: {seconds:.2f} s", file=sys.stderr)
        time.sleep(1)  # let the watcher settle before the next save
    return latencies


def addition_latencies(site: Path, base: str, corpus: Path, count: int, timeout: float,
                       server: subprocess.Popen, label: str, added: list[Path]) -> list[float] | None:
    """Add `count` articles from `corpus` as ingest writes them; seconds until each page is served."""
    from digest_plugin.core.ingest.base import ReadOptions
    from digest_plugin.core.model import Article
    from digest_plugin.core.ingest.readers import read_input
    from digest_plugin.core.ingest.writer import ArticleWriter

    writer = ArticleWriter(site / "content" / "articles")
    files = sorted(corpus.rglob("[0-9]*.txt"), key=lambda path: (path.stem, path.parent.name))
    latencies: list[float] = []
    for path in files:
        if len(latencies) == count:
            break
        article = next(iter(read_input(str(path), "text", ReadOptions(warn=lambda message: None))), None)
        if not isinstance(article, Article):
            continue
        started = time.perf_counter()
        result = writer.write(article)
        if result.status != "new":
            continue
        added.append(result.path)
        seconds = wait_for(article_url(base, site, result.path), "</html>", timeout, server=server)
        if seconds is None:
            print(f"[{label}] added {path.name}: not served within {timeout} s", file=sys.stderr)
            return None
        latencies.append(time.perf_counter() - started)
        print(f"[{label}] added {path.parent.name}/{path.name}: {latencies[-1]:.2f} s", file=sys.stderr)
        time.sleep(1)
    return latencies


def serve_session(site: Path, article: Path, original: str, args: argparse.Namespace,
                  watcher: str | None) -> tuple[list[float], list[float], list[float]] | None:
    """Start serve; make `args.edits` edits, add `args.additions` articles, edit again. Returns
    the latencies of the edits, the additions and the edits after them (None if one never showed)."""
    port = free_port()
    url = article_url(f"http://127.0.0.1:{port}", site, article)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env["PYTHONPATH"] = str(REPO_ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    config = serve_config(site, watcher)
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(config)]
    if args.dirty:
        command.append("--dirty")
    label = watcher or "as configured"
    log_path = site / (f"serve-bench-{watcher}.log" if watcher else "serve-bench.log")
    log = log_path.open("w", encoding="utf-8")
    server = subprocess.Popen(command, cwd=site, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    added: list[Path] = []
    try:
        started = time.perf_counter()
        first = wait_for(url, "</html>", args.timeout, interval=0.5, server=server)
        if first is None:
            print(f"error: serve did not answer at {url} within {args.timeout} s or exited (see {log_path})",
                  file=sys.stderr)
            return None
        print(f"[{label}] first build served after {time.perf_counter() - started:.1f} s", file=sys.stderr)
        # The file watcher starts with the server; a save in the same instant can go unseen
        # (observed: an edit lost for 10 minutes). Nobody saves that fast after starting serve.
        time.sleep(args.settle)
        latencies = edit_latencies(site, article, original, url, args.edits, args.timeout, server, label)
        additions = after = []
        if latencies is not None and args.additions:
            additions = addition_latencies(site, f"http://127.0.0.1:{port}", args.add_corpus, args.additions,
                                           args.timeout, server, label, added)
            after = edit_latencies(site, article, original, url, args.edits, args.timeout, server, label) \
                if additions is not None else None
        if latencies is None or additions is None or after is None:
            return None
        return latencies, additions, after
    finally:
        article.write_text(original, encoding="utf-8")
        for path in added:
            path.unlink(missing_ok=True)
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
        if config.name != "mkdocs.yml":
            config.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="digest site folder (holds mkdocs.yml)")
    parser.add_argument("--edits", type=int, default=3, help="edits per serve session")
    parser.add_argument("--dirty", action="store_true", help="pass --dirty to mkdocs serve")
    parser.add_argument("--watchers", default="",
                        help="comma-separated serve_watcher values (auto, native, polling) to compare, one "
                             "serve session each per round, alternating; default: mkdocs.yml as it is")
    parser.add_argument("--rounds", type=int, default=1, help="serve sessions per watcher")
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait for a build")
    parser.add_argument("--settle", type=float, default=3, help="seconds between the first build and the first edit")
    parser.add_argument("--additions", type=int, default=0, help="articles to add while serving, then edit again")
    parser.add_argument("--add-corpus", type=Path, default=DEFAULT_ADD_CORPUS, help="plain-text articles to add")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    if not (site / "mkdocs.yml").exists():
        print(f"error: no mkdocs.yml in {site}", file=sys.stderr)
        return 2
    watchers: list[str | None] = [w.strip() for w in args.watchers.split(",") if w.strip()] or [None]
    unknown = [w for w in watchers if w is not None and w not in WATCHER_CHOICES]
    if unknown:
        parser.error(f"--watchers: {', '.join(unknown)} is not one of {', '.join(WATCHER_CHOICES)}")
    article = pick_article(site)
    original = article.read_text(encoding="utf-8")
    results: dict[str | None, list[float]] = {watcher: [] for watcher in watchers}
    added: dict[str | None, list[float]] = {watcher: [] for watcher in watchers}
    after: dict[str | None, list[float]] = {watcher: [] for watcher in watchers}
    failed = False
    for _ in range(args.rounds):
        for watcher in watchers:
            session = serve_session(site, article, original, args, watcher)
            if session is None:
                failed = True
                break
            results[watcher].extend(session[0])
            added[watcher].extend(session[1])
            after[watcher].extend(session[2])
        if failed:
            break
    articles = sum(1 for _ in (site / "content" / "articles").rglob("*.md"))
    for watcher in watchers:
        for what, latencies in (("edit", results[watcher]), ("added article", added[watcher]),
                                ("edit after additions", after[watcher])):
            if not latencies:
                continue
            under = sum(1 for seconds in latencies if seconds < 2)
            print(f"{articles} articles, dirty={args.dirty}, watcher={watcher or 'as configured'}: {what} visible "
                  f"after median {statistics.median(latencies):.2f} s, {under} of {len(latencies)} under 2 s "
                  f"(runs: {', '.join(f'{s:.2f}' for s in latencies)})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
