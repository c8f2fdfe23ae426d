"""The digest's pages as MkDocs files: generated pages, assets, the nav and page URLs.

MkDocs knows a site as `Files`; the site view knows it as page paths (src_uris) and contexts.
This module translates: generated pages become `File.generated` (as `PlannedFile`s, which
answer a dirty build's "modified?"), the plugin's assets are added unless the site has its own,
the digest's own pages are kept out of the nav, and `FileUrls` gives the site view each page's
URL from MkDocs' own `File.url`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from digest_plugin.glue.dirty_build import PlannedFile
from digest_plugin.glue.logs import log
from digest_plugin.siteview.pages import GeneratedPage

SITEVIEW_DIR = Path(__file__).resolve().parent.parent / "siteview"
TEMPLATES_DIR = SITEVIEW_DIR / "templates"
ASSETS_DIR = SITEVIEW_DIR / "assets"
ASSETS = {"assets/digest/digest.css": "digest.css", "assets/digest/stories.css": "stories.css",
          "assets/digest/digest.js": "digest.js"}
SEARCH_ASSETS = {"assets/digest/search.css": "search.css", "assets/digest/search.js": "search.js"}
HOME_PAGE = "index.md"
HOME_PAGE_CONTENT = "---\ntitle: Latest news\n---\n"
DEFAULT_NAV = [
    {"Home": "index.md"},
    {"Latest": "latest/index.md"},
    {"Stories": "threads/index.md"},
    {"People": "people/index.md"},
    {"Countries": "countries/index.md"},
    {"Archive": "archive/index.md"},
]


class FileUrls:
    """A page's site-relative URL from its src_uri: `File.url` of this build's file."""

    def __init__(self, files: Files) -> None:
        self._files = files

    def __call__(self, src_uri: str) -> str:
        # src_uris directly: the plugin's URIs are POSIX already, and get_file_from_path's
        # PurePath normalisation of ~90,000 lookups a 5k-article build made was ~1 s of it.
        file = self._files.src_uris.get(src_uri) or self._files.get_file_from_path(src_uri)
        if file is None:
            raise KeyError(f"no page {src_uri!r} in this build")
        return file.url


def add_generated(files: Files, config: MkDocsConfig, pages: Iterable[GeneratedPage]) -> None:
    """Add each generated page unless the site has its own file at that path (an editor's wins).
    An editor's page at another path with the same destination (`people/x.md` beside the digest's
    `people/x/index.md`) would be overwritten without a word: it is left out with a warning
    naming both, as MkDocs leaves out a README.md beside an index.md."""
    editors = {file.dest_uri: file for file in files.documentation_pages()}
    for page in pages:
        if files.get_file_from_path(page.src_uri) is None:
            generated = PlannedFile.generated(config, page.src_uri, content=page.content)
            clash = editors.pop(generated.dest_uri, None)
            if clash is not None:
                log.warning("Excluding '%s' from the site because it conflicts with the digest's page '%s' "
                            "(to replace that page, move it to '%s')", clash.src_uri, page.src_uri, page.src_uri)
                files.remove(clash)
            files.append(generated)
    if files.get_file_from_path(HOME_PAGE) is None:
        files.append(PlannedFile.generated(config, HOME_PAGE, content=HOME_PAGE_CONTENT))


def add_assets(files: Files, config: MkDocsConfig, *, pagefind: bool) -> None:
    """The plugin's CSS and JavaScript, unless the site has files of its own at those paths."""
    for uri, name in (ASSETS | (SEARCH_ASSETS if pagefind else {})).items():
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(ASSETS_DIR / name)))


def nav_paths(items: object) -> set[str]:
    """Every page path a MkDocs `nav` config names (nested lists of strings and titled items)."""
    paths: set[str] = set()
    for item in items if isinstance(items, list) else ():
        if isinstance(item, str):
            paths.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                paths |= nav_paths(value if isinstance(value, list) else [value])
    return paths


def keep_out_of_nav(files: Files, ours: Callable[[str], bool], named: set[str]) -> None:
    """Mark the digest's own pages (articles; person, country, month and thread pages) as
    meant to stay out of the nav, unless the nav names them. Otherwise MkDocs lists every one
    of them at each build as missing from the nav (twenty thousand lines for a big digest),
    and a site without a `nav:` would get all of them in its generated nav."""
    for file in files.documentation_pages():
        if ours(file.src_uri) and file.src_uri not in named \
                and file.inclusion in (InclusionLevel.UNDEFINED, InclusionLevel.INCLUDED):
            file.inclusion = InclusionLevel.NOT_IN_NAV


def names_outputs(files: Files) -> bool:
    """Whether the site has a file of its own where the digest writes digest.json or a feed:
    then those are written after MkDocs' copying, in on_post_build, as always (so ours win)."""
    return any(file.dest_uri == "digest.json" or posixpath.basename(file.dest_uri) in ("feed.xml", "rss.xml")
               for file in files)
