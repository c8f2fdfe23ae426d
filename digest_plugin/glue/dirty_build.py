"""MkDocs' side of dirty rebuilds (`mkdocs serve --dirty`): which files report themselves modified.

MkDocs' dirty build renders a page only when its File's `is_modified()` says so (by default: the
source is newer than the output). The digest decides in a `RebuildPlan`
(digest_plugin/siteview/incremental.py) which pages an edit changes; this module makes MkDocs follow it:
generated pages are `PlannedFile`s that answer from the plan, article pages named by the plan
get their old output aged so MkDocs' own mtime check rebuilds them, pages the plan removed are
deleted from the site.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from digest_plugin.siteview.incremental import RebuildPlan


class PlannedFile(File):
    """A generated page that tells a dirty build whether its content changed since the last one
    (always, until `apply_plan` says otherwise: a full build rebuilds everything)."""

    modified: bool = True

    def is_modified(self) -> bool:
        return self.modified


def apply_plan(plan: RebuildPlan, files: Files, config: MkDocsConfig, ours: Callable[[str], bool]) -> int:
    """Make MkDocs' dirty build rebuild the pages the plan names (`ours` says which of the
    editor's pages the digest renders), and delete removed pages. Returns the pages to rebuild."""
    rebuilt = 0
    for file in files.documentation_pages():
        if isinstance(file, PlannedFile):
            file.modified = plan.needs(file.src_uri)
            rebuilt += file.modified
            continue
        if ours(file.src_uri) and plan.needs(file.src_uri) and os.path.exists(file.abs_dest_path):
            # Older than its source, so MkDocs' mtime check (File.is_modified) rebuilds it.
            os.utime(file.abs_dest_path, ns=(0, 0))
            rebuilt += 1
    for src_uri in plan.removed:
        gone = File(src_uri, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
        Path(gone.abs_dest_path).unlink(missing_ok=True)
    return rebuilt
