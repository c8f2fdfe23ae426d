"""Bytes a reader downloads for one search: Material's built-in search against `search: pagefind`.

For each size N, the first N Reuters-21578 records are ingested into a digest (bench/build.py's
`make_digest_site`) and the same digest is built twice: with Material's `search` plugin (the
scaffold's default) into `site-material/`, and with `search: pagefind` into `site-pagefind/`.
Both builds share one extraction cache, so only the first runs NER; `--cache-from` seeds that
cache from an earlier run's `.cache/digest` (same records, same model: a warm first build).
A site folder that already holds a build is reused, so a long run can be resumed with `--work`.

Each site is served by Python's http.server on 127.0.0.1 (no compression, no HTTP cache: the
browser gets a fresh context per site), loaded in Debian's chromium through Playwright, and one
query is typed into the header search. Every response is counted by the byte length of its body:
"load" is everything up to the network going idle after the home page loads; "query" is
everything from opening search until the first result is shown and the network is idle again.
Material fetches its whole index (search/search_index.json) on page load, so for Material the
load column holds the index. "gzip" estimates what a host that compresses text would send:
each body gzip-compressed at level 6 (Pagefind's index and fragment files are gzip already and
barely shrink).

The query is a person's name, "Ronald Reagan" by default: the real person with most articles in
the Reuters digests (the entity extractor's top two, "Revs" and "Avg", are wire abbreviations).

    PYTHONPATH=. python bench/search_bytes.py --sizes 5000 --work /tmp/pfs
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import DEFAULT_CORPUS, _env, directory_mb, make_digest_site  # noqa: E402  (bench/ is not a package)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
VARIANTS = ("material", "pagefind")


@dataclass
class Traffic:
    responses: list[tuple[str, int, int]] = field(default_factory=list)  # url, body bytes, gzip bytes

    @property
    def bytes(self) -> int:
        return sum(size for _, size, _ in self.responses)

    @property
    def gzip_bytes(self) -> int:
        return sum(size for _, _, size in self.responses)


@dataclass
class Measurement:
    records: int
    articles: int
    variant: str
    query: str
    results: int
    build_seconds: float
    search_files_mb: float  # what the search adds to the site: search/ or pagefind/
    load: Traffic
    query_traffic: Traffic
    query_seconds: float


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def build_variant(site: Path, variant: str, log) -> tuple[Path, float]:
    """Build the digest at `site` with one search; an existing build is reused (time NaN)."""
    out = site / f"site-{variant}"
    if (out / "index.html").exists() and (variant == "material" or (out / "pagefind" / "pagefind-entry.json").exists()):
        log(f"  {variant}: reusing {out}")
        return out, float("nan")
    config = site / "mkdocs.yml"
    if variant == "pagefind":
        text = config.read_text(encoding="utf-8")
        if "  - digest\n" not in text:
            raise SystemExit(f"{config}: expected the scaffold's `  - digest` plugin line")
        config = site / "mkdocs-pagefind.yml"
        config.write_text(text.replace("  - digest\n", "  - digest:\n      search: pagefind\n"), encoding="utf-8")
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)],
                               env=_env(), cwd=site, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"{variant} build of {site} failed ({completed.returncode}):\n{completed.stderr[-3000:]}")
    log(f"  {variant}: built in {seconds:.0f} s")
    return out, seconds


def _serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _recorder(page, traffic_box: list[Traffic]):
    from playwright.sync_api import Error as PlaywrightError

    def on_response(response) -> None:
        try:
            body = response.body()
        except PlaywrightError as error:  # redirects and aborted requests have no body
            if "redirect" not in str(error).lower() and response.status not in (204, 304):
                print(f"    (no body for {response.url}: {error})", file=sys.stderr)
            return
        traffic_box[0].responses.append((response.url, len(body), len(gzip.compress(body, 6))))
    page.on("response", on_response)


def search_once(browser, site_dir: Path, variant: str, query: str, timeout_s: float) -> tuple[Traffic, Traffic, int, float]:
    server, url = _serve(site_dir)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        load, during_query = Traffic(), Traffic()
        box = [load]
        _recorder(page, box)
        page.goto(url, wait_until="networkidle", timeout=timeout_s * 1000)
        box[0] = during_query
        started = time.perf_counter()
        if variant == "material":
            # At 1280 px Material shows its search box in the header: the field itself is the way in.
            page.locator("input.md-search__input").click()
            page.locator("input.md-search__input").fill(query)
            results = page.locator(".md-search-result__item")
        else:
            page.get_by_role("banner").get_by_role("button", name="Search").click()
            page.locator(".pagefind-ui__search-input").fill(query)
            results = page.locator(".pagefind-ui__result")
        results.first.wait_for(timeout=timeout_s * 1000)
        page.wait_for_load_state("networkidle", timeout=timeout_s * 1000)
        seconds = time.perf_counter() - started
        count = results.count()
        return load, during_query, count, seconds
    finally:
        context.close()
        server.shutdown()


def measure(work: Path, corpus: Path, records: int, query: str, cache_from: Path | None,
            browser, timeout_s: float, log) -> list[Measurement]:
    root = work / f"n{records}"
    site = root / "digest"
    if (site / "content" / "articles").is_dir():
        articles = sum(1 for _ in (site / "content" / "articles").rglob("*.md"))
        log(f"N={records}: reusing {site} ({articles} articles)")
    else:
        root.mkdir(parents=True, exist_ok=True)
        site, articles = make_digest_site(root, corpus, records)
        log(f"N={records}: {articles} articles ingested")
    if cache_from is not None and not (site / ".cache" / "digest").exists():
        shutil.copytree(cache_from, site / ".cache" / "digest")
        log(f"  extraction cache seeded from {cache_from}")
    measurements = []
    for variant in VARIANTS:
        out, seconds = build_variant(site, variant, log)
        search_dir = out / ("search" if variant == "material" else "pagefind")
        load, during_query, results, query_seconds = search_once(browser, out, variant, query, timeout_s)
        log(f"  {variant}: '{query}': {results} results shown; load {load.bytes / 1e6:.2f} MB, "
            f"query {during_query.bytes / 1e6:.2f} MB")
        measurements.append(Measurement(records, articles, variant, query, results, seconds,
                                        directory_mb(search_dir), load, during_query, query_seconds))
    return measurements


def table(measurements: list[Measurement]) -> str:
    lines = ["| N | articles | search | query | results shown | build s | search files MB | page load MB | "
             "query MB | load + query MB | load + query MB gzip | query s |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for m in measurements:
        total, total_gz = m.load.bytes + m.query_traffic.bytes, m.load.gzip_bytes + m.query_traffic.gzip_bytes
        lines.append(f"| {m.records} | {m.articles} | {m.variant} | {m.query} | {m.results} | {m.build_seconds:.0f} | "
                     f"{m.search_files_mb:.1f} | {m.load.bytes / 1e6:.3f} | {m.query_traffic.bytes / 1e6:.3f} | "
                     f"{total / 1e6:.3f} | {total_gz / 1e6:.3f} | {m.query_seconds:.1f} |")
    return "\n".join(lines)


def breakdown(measurements: list[Measurement]) -> str:
    """The largest responses of page load and query, so a reader sees where the bytes go."""
    out = []
    for m in measurements:
        out.append(f"N={m.records} {m.variant}: largest responses (load / query), of "
                   f"{len(m.load.responses)} / {len(m.query_traffic.responses)}")
        tagged = [("load", *r) for r in m.load.responses] + [("query", *r) for r in m.query_traffic.responses]
        for phase, url, size, gz in sorted(tagged, key=lambda r: -r[2])[:12]:
            out.append(f"  {phase:<5} {size:>10,} B  (gzip {gz:>9,})  {url.split('/', 3)[-1]}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="Reuters-21578 JSON Lines")
    parser.add_argument("--sizes", default="5000", help="comma-separated record counts, e.g. 5000,21578")
    parser.add_argument("--work", type=Path, default=None, help="keep sites here (reused when present)")
    parser.add_argument("--cache-from", type=Path, default=None,
                        help="seed the extraction cache from this .cache/digest (only with a single size)")
    parser.add_argument("--query", default="Ronald Reagan", help="what the reader types (default: Ronald Reagan)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for results")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    if not args.corpus.exists():
        raise SystemExit(f"{args.corpus}: corpus not found (pass --corpus)")
    if args.cache_from is not None and len(sizes) != 1:
        raise SystemExit("--cache-from seeds one size's cache: pass a single --sizes value")
    if not Path(CHROMIUM).exists():
        raise SystemExit("Debian's chromium is needed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    work = args.work or Path(os.environ.get("TMPDIR", "/tmp")) / "digest-search-bytes"
    measurements: list[Measurement] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for records in sizes:
                measurements += measure(work, args.corpus, records, args.query, args.cache_from, browser,
                                        args.timeout, log)
        finally:
            browser.close()
    print(table(measurements))
    print()
    print(breakdown(measurements))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
