"""Page URLs as MkDocs gives them, for tests of the site view outside a build."""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.structure.files import File


def mkdocs_urls(directory_urls: bool = True) -> Callable[[str], str]:
    """`File.url` of each page path, as a build's files would give it."""
    def url(src_uri: str) -> str:
        return File(src_uri, src_dir=None, dest_dir="", use_directory_urls=directory_urls).url

    return url
