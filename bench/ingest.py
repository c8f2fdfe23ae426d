"""Benchmark `digest ingest` on real corpora: time and peak memory, median of N runs.

For each corpus (Reuters-21578 JSON Lines, the BBC text files) and each run, a fresh temporary
site is made (a minimal mkdocs.yml), the corpus is ingested once ("fresh") and again over the
same site ("second", which should write nothing). Each ingest runs in its own Python process
so that its peak resident memory (ru_maxrss) is its own.

    PYTHONPATH=. python bench/ingest.py [--reuters PATH] [--bbc PATH] [--runs 3]

Targets (issue 8): 21,578 Reuters records < 15 s fresh, < 300 MB peak; second run writes
nothing and takes < 5 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = REPO_ROOT.parent / "shared" / "corpora"

# Runs inside the child process: one ingest, then its own time and peak memory as JSON.
_CHILD = r"""
import json, resource, sys, time, argparse, io, contextlib
from digest_plugin.cli import ingest as command
parser = argparse.ArgumentParser(); commands = parser.add_subparsers()
command.add_parser(commands)
args = parser.parse_args(["ingest", "--json", "--date", "2005-01-01", "--into", *sys.argv[1:]])
out, err = io.StringIO(), io.StringIO()
start = time.perf_counter()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
    status = args.run(args)
elapsed = time.perf_counter() - start
summary = json.loads(out.getvalue())
usage = resource.getrusage(resource.RUSAGE_SELF)
peak_mb = usage.ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_mb": peak_mb, "status": status, "summary": summary,
                  "first_errors": err.getvalue().splitlines()[:3]}))
"""

MKDOCS_YML = "site_name: Ingest benchmark\ndocs_dir: content\nplugins:\n  - search\n"


def run_ingest(site: Path, inputs: list[str]) -> dict:
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD, str(site), *inputs],
        capture_output=True, text=True, check=True, cwd=REPO_ROOT,
        env={"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin"},
    )
    return json.loads(completed.stdout)


def bench_corpus(name: str, inputs: list[str], runs: int) -> None:
    fresh, second = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="digest-bench-") as folder:
            site = Path(folder)
            (site / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
            fresh.append(run_ingest(site, inputs))
            second.append(run_ingest(site, inputs))
    for label, results in (("fresh", fresh), ("second", second)):
        seconds = statistics.median(result["seconds"] for result in results)
        peak = statistics.median(result["peak_mb"] for result in results)
        # CPU time (whole process, imports included) is steadier than wall time on a shared machine.
        cpu = statistics.median(result["cpu_seconds"] for result in results)
        summary = results[0]["summary"]
        counts = ", ".join(f"{summary[key]} {key}" for key in ("new", "updated", "unchanged", "skipped", "failed"))
        print(f"{name:8s} {label:6s} median of {runs}: {seconds:6.2f} s wall, {cpu:6.2f} s CPU, "
              f"peak {peak:6.1f} MB  ({counts})")
    if fresh[0]["first_errors"]:
        print(f"{name:8s} first failures: {fresh[0]['first_errors']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuters", type=Path, default=DEFAULT_CORPORA / "reuters21578" / "reuters21578.jsonl")
    parser.add_argument("--bbc", type=Path, default=DEFAULT_CORPORA / "bbc")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for path in (args.reuters, args.bbc):
        if not path.exists():
            print(f"missing corpus: {path}", file=sys.stderr)
            return 2
    bench_corpus("reuters", [str(args.reuters)], args.runs)
    bbc_files = sorted(str(path) for path in args.bbc.glob("*/*.txt"))
    bench_corpus("bbc", bbc_files, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
