"""Stores `Article`s as Markdown files with front matter, atomically and idempotently.

Each article becomes `<articles dir>/YYYY/MM/DD/<slug>.md`, written with python-frontmatter:
keys title, date (ISO 8601), source, url, authors, summary, id, `image` (the source's lead
picture, an http(s) URL) when there is one, `undated: true` when the source
gave no date (then `date` is the ingest day), people/countries when set,
and `ingest_hash`, the SHA-256 of the file's text without that line. The hash does two jobs:

- re-ingesting an item whose rendered file would be identical writes nothing ("unchanged");
- a file whose text no longer matches its hash was edited by hand (or written by an editor,
  without a hash at all), and is never overwritten unless `force` ("skipped").

The id → file index is built once per writer by scanning the front matter of every article
(only the `id:` and `ingest_hash:` lines are parsed, which keeps 20k files to about a second).
Files are written to a temporary file in the same folder and renamed over the target, so a
crash never leaves a half-written article.

Two ingests at once must not lose an article. `ArticleWriter.locked()` holds an exclusive lock
on the articles folder (`.ingest.lock`, flock) for a whole run: a second run waits, then scans
what the first wrote. New files are also created exclusively (`atomic_create_text`): if some
other writer took the name meanwhile, the article goes to the next free name, never over that
file. Under the lock the scan also removes the temporary files (`.<slug>.<random>.tmp`) that a
killed run left behind: no other ingest can be writing them.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from digest_plugin.core.atomic import atomic_create_text, atomic_write_text, is_temporary_name
from digest_plugin.core.ingest.dates import iso_date
from digest_plugin.core.ingest.identity import slugify
from digest_plugin.core.model import Article

NEW, UPDATED, UNCHANGED, SKIPPED = "new", "updated", "unchanged", "skipped"
HASH_KEY = "ingest_hash"
_HASH_LINE = re.compile(rf"^{HASH_KEY}: *([0-9a-f]*)\n", re.MULTILINE)
_ID_LINE = re.compile(r"^id: *(.+)$", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*(?:\n|\Z)", re.DOTALL)
_YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# How many bytes of a file to read when scanning for its id: front matter is at the top.
_SCAN_BYTES = 8192
LOCK_NAME = ".ingest.lock"

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: exclusive creation still keeps every article
    fcntl = None  # type: ignore[assignment]


@dataclass
class WriteResult:
    """What writing one article did: status is new, updated, unchanged or skipped."""

    status: str
    path: Path
    article_id: str
    reason: str = ""


@dataclass
class _Entry:
    path: Path
    stored_hash: str  # "" when the file carries no ingest_hash (an editor's own file)


def render_article(article: Article) -> str:
    """The file text for an article, without the ingest_hash line."""
    metadata: dict[str, Any] = {
        "title": article.title,
        "date": iso_date(article.date),
        "source": article.source,
        "url": article.url,
        "authors": list(article.authors),
        "summary": article.summary,
        "id": article.id,
    }
    if article.image:
        metadata["image"] = article.image
    if article.undated:
        metadata["undated"] = True
    if article.people is not None:
        metadata["people"] = list(article.people)
    if article.countries is not None:
        metadata["countries"] = list(article.countries)
    post = frontmatter.Post(article.body, **metadata)
    # Wide lines: one key per line keeps files diff-friendly and the id line greppable.
    return frontmatter.dumps(post, Dumper=_YAML_DUMPER, sort_keys=False, width=100_000) + "\n"


def content_hash(text_without_hash_line: str) -> str:
    return hashlib.sha256(text_without_hash_line.encode("utf-8")).hexdigest()


def with_hash_line(text: str, digest: str) -> str:
    """Insert `ingest_hash: <digest>` as the last front matter key."""
    closing = text.index("\n---\n", 3)
    return f"{text[:closing]}\n{HASH_KEY}: {digest}{text[closing:]}"


def was_edited_by_hand(text: str) -> bool:
    """True when the file's text no longer matches the hash ingestion stored in it."""
    match = _HASH_LINE.search(text)
    if not match:
        return True
    return content_hash(text[: match.start()] + text[match.end():]) != match.group(1)


def _read_front_matter_head(path: Path) -> str:
    with path.open("rb") as stream:
        head = stream.read(_SCAN_BYTES)
    return head.decode("utf-8", errors="replace")


@dataclass
class ArticleWriter:
    """Writes articles under `articles_dir`; one instance per ingest run.

    `force` overwrites files edited by hand; `dry_run` computes every result but writes nothing.
    """

    articles_dir: Path
    force: bool = False
    dry_run: bool = False
    _by_id: dict[str, _Entry] | None = field(default=None, repr=False)
    _taken_paths: set[Path] = field(default_factory=set, repr=False)
    _seen_this_run: dict[str, Path] = field(default_factory=dict, repr=False)
    _locked: bool = field(default=False, repr=False)
    removed_temporaries: int = 0

    @contextlib.contextmanager
    def locked(self, waiting: Callable[[], None] = lambda: None) -> Iterator[ArticleWriter]:
        """Hold the articles folder's lock for a run; `waiting()` is called if another run holds it."""
        if fcntl is None or (self.dry_run and not self.articles_dir.is_dir()):
            yield self
            return
        self.articles_dir.mkdir(parents=True, exist_ok=True)
        with open(self.articles_dir / LOCK_NAME, "a+b") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                waiting()
                fcntl.flock(handle, fcntl.LOCK_EX)
            self._locked = True
            try:
                yield self
            finally:
                self._locked = False
                fcntl.flock(handle, fcntl.LOCK_UN)

    def index(self) -> dict[str, _Entry]:
        """id → file of every article already in the folder (scanned once)."""
        if self._by_id is None:
            self._by_id = {}
            for path in self._scan():
                self._taken_paths.add(path)
                self._index_file(path)
        return self._by_id

    def _scan(self) -> list[Path]:
        """Every article file; under the lock, a killed run's temporary files are removed."""
        found: list[Path] = []
        clean = self._locked and not self.dry_run
        for folder, _subfolders, files in os.walk(self.articles_dir):
            for name in files:
                if name.endswith(".md"):
                    found.append(Path(folder) / name)
                elif clean and is_temporary_name(name):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(os.path.join(folder, name))
                        self.removed_temporaries += 1
        return sorted(found)

    def _index_file(self, path: Path) -> None:
        assert self._by_id is not None
        try:
            head = _read_front_matter_head(path)
        except OSError:
            return  # unreadable: not ours to index; its name stays taken
        front = _FRONT_MATTER.match(head)
        if not front:
            return
        id_match = _ID_LINE.search(front.group(1))
        if not id_match:
            return
        try:
            article_id = yaml.load(id_match.group(1), Loader=_YAML_LOADER)
        except yaml.YAMLError:
            return
        hash_match = _HASH_LINE.search(front.group(1))
        if article_id:
            self._by_id[str(article_id)] = _Entry(path, hash_match.group(1) if hash_match else "")

    def _new_path(self, article: Article) -> Path:
        date = article.date
        day_dir = self.articles_dir / f"{date.year:04d}" / f"{date.month:02d}" / f"{date.day:02d}"
        slug = slugify(article.title)
        path = day_dir / f"{slug}.md"
        counter = 2
        # The scan listed every existing file, so the set alone says whether a name is free
        # (and a writer outside this run that takes one meanwhile is caught by _create).
        while path in self._taken_paths:
            path = day_dir / f"{slug}-{counter}.md"
            counter += 1
        return path

    def _create(self, article: Article, text: str) -> Path:
        """A new file for the article, at the first name nobody holds, created exclusively."""
        while True:
            path = self._new_path(article)
            if self.dry_run:
                return path
            try:
                atomic_create_text(path, text)
                return path
            except FileExistsError:
                self._taken_paths.add(path)  # written by someone else since the scan

    def write(self, article: Article) -> WriteResult:
        """Store one article; see the module docstring for what each status means."""
        if not article.id:
            raise ValueError("article has no id")
        index = self.index()
        if article.id in self._seen_this_run:
            return WriteResult(SKIPPED, self._seen_this_run[article.id], article.id,
                               "same id as an earlier item of this batch")
        text = render_article(article)
        digest = content_hash(text)
        final_text = with_hash_line(text, digest)
        entry = index.get(article.id)
        if entry is None:
            path = self._create(article, final_text)
            status = NEW
        else:
            path = entry.path
            edited = self._edited(entry) if (self.force or entry.stored_hash != digest) else False
            if entry.stored_hash == digest and not edited:
                self._seen_this_run[article.id] = path
                return WriteResult(UNCHANGED, path, article.id)
            if edited and not self.force:
                self._seen_this_run[article.id] = path
                return WriteResult(SKIPPED, path, article.id, "edited by hand; use --force to overwrite")
            status = UPDATED
            if not self.dry_run:
                atomic_write_text(path, final_text)
        self._taken_paths.add(path)
        index[article.id] = _Entry(path, digest)
        self._seen_this_run[article.id] = path
        return WriteResult(status, path, article.id)

    def _edited(self, entry: _Entry) -> bool:
        if not entry.path.exists():
            return False  # deleted since the scan: writing it again loses nothing
        if not entry.stored_hash:
            return True  # an editor's own file, never generated by ingestion
        return was_edited_by_hand(entry.path.read_text(encoding="utf-8", errors="replace"))
