"""The `digest` plugin's options, as declared in mkdocs.yml under `plugins: - digest:`.

Every option is typed and, where a number, bounded: MkDocs validates them when it loads
mkdocs.yml and reports a bad value with the option's name (`page_size: 0` is an error there,
not a ZeroDivisionError later). Paths are relative to mkdocs.yml. `digest ingest` and
`digest entities` read these same options through MkDocs' own config loader (cli/siteconfig.py).
"""

from __future__ import annotations

from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from digest_plugin.speed import WATCHER_CHOICES

DEFAULT_ENTITIES_FILE = "entities.yml"


class Bounded(c.Type[int]):
    """An int between `minimum` and `maximum` (inclusive)."""

    def __init__(self, minimum: int, maximum: int, default: int) -> None:
        super().__init__(int, default=default)
        self.minimum = minimum
        self.maximum = maximum

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool):  # bool is an int to Python, not to an editor
            raise ValidationError(f"Expected a whole number, not {value!r}")
        number = super().run_validation(value)
        if not self.minimum <= number <= self.maximum:
            raise ValidationError(f"Expected a number from {self.minimum} to {self.maximum}, not {number}")
        return number


class DigestConfig(Config):
    articles_dir = c.Type(str, default="articles")
    """Folder inside docs_dir where `digest ingest` writes articles (YYYY/MM/DD/<slug>.md)."""

    entities_file = c.Type(str, default=DEFAULT_ENTITIES_FILE)
    """The editor's registry (aliases, merges, ignores, descriptions), relative to mkdocs.yml.
    At the default path a missing file means "no registry"; a path set here must exist."""

    cache_dir = c.Type(str, default=".cache/digest")
    """Where extraction results, related stories and rendered pages are cached, relative to
    mkdocs.yml (layout and rules: digest_plugin/core/cachedir.py). A warm build runs no NER."""

    processes = Bounded(0, 256, default=0)
    """Cores to use: processes for cold entity extraction, and with more than one, a full
    `mkdocs build` also renders pages and writes the feeds in child processes beside MkDocs
    (digest_plugin/speed). 0 uses every core; 1 keeps everything in one process."""

    related_count = Bounded(0, 50, default=5)
    """Related stories shown under each article, at most (fewer when links would be weak)."""

    latest_count = Bounded(1, 1000, default=60)
    """Articles listed on the home page, grouped by day."""

    page_size = Bounded(1, 1000, default=50)
    """Articles per page on person, country, archive and latest pages."""

    trending_days = Bounded(1, 366, default=7)
    """Window for "In the news" on the home page, counted back from the newest article."""

    images = c.Type(bool, default=True)
    """Show each article's picture from its source (front matter `image:`, an http(s) URL kept by
    `digest ingest`) on its page and beside it in lists, and use it as og:image. The picture is
    loaded from the source's server (hotlinked); set false to show none and link none."""

    export_json = c.Type(bool, default=True)
    """Write site/digest.json on every build."""

    crosslinks = c.Type(bool, default=True)
    """Link the first mention of each person and country in an article's body to its page."""

    feeds = c.Type(bool, default=True)
    """Write Atom (feed.xml) and RSS (rss.xml) feeds for the digest and every person, country and
    thread, link them from each page's head and show a subscribe button on entity pages."""

    feed_items = Bounded(1, 1000, default=50)
    """Articles in each feed, newest first."""

    structured_data = c.Type(bool, default=True)
    """Put schema.org JSON-LD in the head: NewsArticle on articles, Person and Country on their pages."""

    social_meta = c.Type(bool, default=True)
    """Put Open Graph and Twitter card meta tags in every page's head (og:url needs site_url)."""

    sitemap_lastmod = c.Type(bool, default=True)
    """Give sitemap.xml real lastmod dates: an article's date, an index page's newest article.
    Off, MkDocs' default applies (the build date). The sitemap lists pages only when site_url is set."""

    render_cache = c.Type(bool, default=True)
    """Keep each rendered page in the cache folder and serve it on the next build when nothing it
    was rendered from changed (its Markdown, its digest context, the nav, mkdocs.yml, the theme's
    template files, the Jinja globals and filters): warm builds skip Jinja for unchanged pages.
    Off, every page renders."""

    serve_watcher = c.Choice(WATCHER_CHOICES, default="auto")
    """How `mkdocs serve` notices a saved file. "native": the operating system's change events,
    so a rebuild starts at once. "polling": MkDocs' own way, listing docs_dir every 0.5 s, which
    also sees changes made on another machine (network shares, folders shared into containers).
    "auto" is native on Linux unless docs_dir is on such a filesystem, polling elsewhere
    (digest_plugin/speed/watcher.py)."""

    search = c.Choice(("material", "pagefind"), default="material")
    """Site search. "material" keeps Material's `search` plugin, whose one index every reader
    downloads whole (about 3 MB per 1,000 articles). "pagefind" runs Pagefind over the built site
    after each build (`pip install 'news-digest[pagefind]'`) and puts its search in the header: a
    query downloads only the index chunks and result fragments it needs. It indexes article titles
    and bodies and the heads of person and country pages; Material's `search` plugin, if listed,
    is switched off so its index is neither built nor downloaded."""


def option_values(config: DigestConfig) -> dict[str, Any]:
    """The options as plain data (for cache keys and for noticing a changed mkdocs.yml)."""
    return dict(config)
