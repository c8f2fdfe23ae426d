"""Where one `mkdocs build` spends its time: the wall clock and CPU time at each MkDocs event.

Builds the site in this process (as `mkdocs build` does) and prints, for the first call of each
build event, the seconds since the start and the CPU seconds used so far (this process plus
the child processes it has waited for: extraction workers count once their pool is closed,
the forked render helper and feeds writer once the build has waited for them). Related
stories get their own two marks. Phases then read off as differences: `on_files` to
`related start` is loading and extraction, `page_markdown` to `env` is MkDocs reading and
converting every page, `post_page` to `post_build` is rendering and writing them.

    python bench/build_phases.py SITE_DIR [--cold]     # SITE_DIR holds mkdocs.yml

`--cold` removes the site's cache folder (.cache/digest) first, so spaCy runs on every article.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's digest_plugin

from mkdocs.commands import build as mkdocs_build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

import digest_plugin.core.related_cache as related_cache  # noqa: E402

WATCHED_ENDS = {"files", "nav", "env", "post_build"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="folder with the digest's mkdocs.yml")
    parser.add_argument("--cold", action="store_true", help="remove .cache/digest first")
    args = parser.parse_args(argv)
    os.chdir(args.site)
    if args.cold:
        shutil.rmtree(".cache/digest", ignore_errors=True)
    started = time.perf_counter()
    marks: list[tuple[str, float, float]] = []

    def mark(name: str) -> None:
        used = os.times()
        marks.append((name, time.perf_counter() - started,
                      used.user + used.system + used.children_user + used.children_system))

    config = load_config("mkdocs.yml")
    config.plugins.on_startup(command="build", dirty=False)
    run_event = config.plugins.run_event
    seen: set[str] = set()

    def timed_event(name, item=None, **kwargs):
        if name not in seen:
            seen.add(name)
            mark(f"start {name}")
        result = run_event(name, item, **kwargs)
        if name in WATCHED_ENDS:
            mark(f"end {name}")
        return result

    config.plugins.run_event = timed_event
    compute_related = related_cache.compute_related

    def timed_related(*call_args, **call_kwargs):
        mark("related start")
        result = compute_related(*call_args, **call_kwargs)
        mark("related end")
        return result

    related_cache.compute_related = timed_related
    mkdocs_build.build(config)
    mark("done")
    for name, seconds, cpu in marks:
        print(f"{seconds:8.2f} s  cpu {cpu:8.2f} s  {name}")
    digest_build = config.plugins["digest"].build
    stats = digest_build.render_stats
    if stats is not None:
        print(f"pages from the render cache: {stats.from_cache}, rendered: {stats.rendered}, by the helper "
              f"process: {stats.by_helper}; conversions reused: {stats.conversions_reused}, "
              f"converted: {stats.converted}")
    print(f"digest.json and feeds written by a child: {digest_build.outputs_by_child}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
