"""Share of a warm build spent in entity extraction (issue target: under 5% at 2,000 articles).

A digest of the first N Reuters-21578 records is made as bench/build.py makes it (`digest new`
+ `digest ingest`), built once cold (filling the extraction cache), then built warm `--runs`
times. Each build is a fresh process (`python -c`, as `mkdocs build` would be) in which the
plugin's extraction step (`DigestPlugin._extract`: cache lookups, and NER for any miss) is
timed; the script prints per run the extraction seconds, the build seconds and their ratio,
and the median ratio.

    PYTHONPATH=. python bench/extraction_share.py --records 2000 --runs 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import DEFAULT_CORPUS, _env, make_digest_site  # noqa: E402  (bench/ is not a package)

TIMED_BUILD = """
import json, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
from digest_plugin.glue import plugin as digest_plugin

spent = []
original = digest_plugin.DigestPlugin._extract
def timed(self, articles):
    started = time.perf_counter()
    try:
        return original(self, articles)
    finally:
        spent.append(time.perf_counter() - started)
digest_plugin.DigestPlugin._extract = timed
started = time.perf_counter()
build(load_config(sys.argv[1]))
total = time.perf_counter() - started
print(json.dumps({"extraction": sum(spent), "build": total}))
"""


def timed_build(site: Path) -> dict:
    completed = subprocess.run([sys.executable, "-c", TIMED_BUILD, str(site / "mkdocs.yml")], env=_env(), cwd=site,
                               capture_output=True, text=True)
    if completed.returncode != 0:
        raise SystemExit(f"build failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="Reuters-21578 JSON Lines file")
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"error: corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="digest-share-") as folder:
        site, articles = make_digest_site(Path(folder), args.corpus, args.records)
        cold = timed_build(site)
        print(f"{articles} articles; cold: extraction {cold['extraction']:.1f} s of {cold['build']:.1f} s")
        shares = []
        for run in range(args.runs):
            warm = timed_build(site)
            shares.append(warm["extraction"] / warm["build"])
            print(f"warm {run + 1}: extraction {warm['extraction']:.3f} s of {warm['build']:.1f} s "
                  f"= {100 * shares[-1]:.2f}%")
        print(f"median share of a warm build in extraction: {100 * statistics.median(shares):.2f}% (target < 5%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
