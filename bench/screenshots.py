"""Screenshots of every page type of a built digest, at desktop and phone width, to look at
before and after a change.

    python bench/screenshots.py SITE OUT [--widths 1366,390] [--schemes light,dark] [--viewport-only]

SITE is a built site folder (`mkdocs build -d SITE`); OUT receives <page type>-<width>-<scheme>.png,
full-page shots by default. The pages are picked from SITE/digest.json so that each shows the
most: an article in a story thread with related stories, an undated article if there is one,
the person and the country in the most articles, the longest thread, the busiest month.
Drives Debian's chromium through Playwright (never a downloaded browser).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import sys
import threading
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the base class names its argument "format"
        pass


def page_types(site: Path) -> dict[str, str]:
    """One site-relative URL per page type (see the module docstring)."""
    data = json.loads((site / "digest.json").read_text(encoding="utf-8"))
    articles = data["articles"]
    pages = {"home": "", "latest": "latest/", "archive": "archive/", "people-index": "people/",
             "countries-index": "countries/"}
    if articles:
        pages["article"] = max(articles, key=lambda a: (bool(a["thread"]), len(a["related"])))["url"]
        months: dict[str, int] = {}
        for article in articles:
            month = article["date"][:7].replace("-", "/")
            months[month] = months.get(month, 0) + 1
        pages["month"] = f"archive/{max(months, key=lambda m: months[m])}/"
    undated = [a for a in articles if a.get("undated")]
    if undated:
        pages["article-undated"] = undated[0]["url"]
    if data.get("people"):
        pages["person"] = max(data["people"], key=lambda p: p["articles"])["url"]
    if data.get("countries"):
        pages["country"] = max(data["countries"], key=lambda c: c["articles"])["url"]
    threads: dict[str, int] = {}
    for article in articles:
        if article["thread"]:
            threads[article["thread"]] = threads.get(article["thread"], 0) + 1
    if threads:
        pages["thread"] = f"threads/{max(threads, key=lambda t: threads[t])}/"
    return pages


def shoot(site: Path, out: Path, widths: list[int], schemes: list[str], full_page: bool = True) -> list[Path]:
    """Serve `site` on localhost and write one PNG per page type, width and scheme into `out`."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    written: list[Path] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for scheme in schemes:
                for width in widths:
                    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                    page = context.new_page()
                    for name, url in page_types(site).items():
                        page.goto(base + url)
                        path = out / f"{name}-{width}-{scheme}.png"
                        page.screenshot(path=str(path), full_page=full_page)
                        written.append(path)
                    context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site folder (with digest.json)")
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--widths", default="1366,390", help="viewport widths in CSS pixels, comma-separated")
    parser.add_argument("--schemes", default="light", help="light, dark or both (comma-separated)")
    parser.add_argument("--viewport-only", action="store_true", help="shoot the first screen, not the whole page")
    args = parser.parse_args(argv)
    if not (args.site / "digest.json").is_file():
        parser.error(f"{args.site} has no digest.json: build the site first (mkdocs build -d {args.site})")
    if not Path(CHROMIUM).exists():
        print(f"chromium is not at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 1
    widths = [int(width) for width in args.widths.split(",")]
    schemes = [scheme.strip() for scheme in args.schemes.split(",")]
    written = shoot(args.site, args.out, widths, schemes, full_page=not args.viewport_only)
    print(f"{len(written)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
