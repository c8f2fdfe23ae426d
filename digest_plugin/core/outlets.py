"""Outlet names: one name per news outlet, however its articles wrote it.

Sources name their publication in many ways: a feed title ("BBC News - World"), a page's
`og:site_name`, news-please's `source_domain` ("www.theguardian.com", "edition.cnn.com"), a
wire line ("THE GUARDIAN"). This module turns them into one display name per outlet, twice:

- at ingest (`ingest_source_name`, `feed_source_name`), for one item with no knowledge of the
  rest: a web host (written as machines write one; "RT.com" is a publisher's name) becomes the
  outlet's name when the shipped list of hosts knows it (`data/outlets.tsv`), else its
  registrable domain ("kearneyhub.com"); a feed title keeps the part that names the outlet;
- when the digest is assembled (`resolve_outlets`), over every article, so files ingested
  before (or written by hand) group right. Every written form gets a key: a web host its
  registrable domain (through the Public Suffix List of the `tld` package; a more specific host
  when the list of hosts names it), a name its folded letters ("The Guardian" and "THE
  GUARDIAN" are one key). Keys join into outlets when the editor says so (`sources:` in
  entities.yml: the name, its aliases and its homepage's host), when the list of hosts names
  a host, and when most of the named articles whose original URL is on a host carry one name
  (so "edition.cnn.com" joins "CNN" in a digest whose CNN articles link to cnn.com, while an
  aggregator's host, carrying many names, joins none).

The name shown is the editor's, else the form the digest writes most often that is neither a
web host nor in capitals throughout, else the list's name, else the form in capitals, else the
registrable domain. Linear in the number of articles; nothing here knows MkDocs.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tld import get_fld

from digest_plugin.core.entities.registry import SourceEntry
from digest_plugin.core.model import Article, Outlet
from digest_plugin.core.slugs import unique_slugs

DATA_FILE = Path(__file__).parent / "data" / "outlets.tsv"
# A web host written as a name: letters, digits and hyphens in dot-separated labels, maybe
# with a scheme, "www." and a trailing slash; no spaces.
_HOST_LIKE = re.compile(r"^(?:https?://)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63})\.?/?$", re.IGNORECASE)
# Where a feed title joins a section and the outlet: "BBC News - World", "World | The Guardian".
_TITLE_PARTS = re.compile(r"\s+[-|–—:·]\s+|:\s+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def known_hosts() -> dict[str, str]:
    """host -> outlet name, from the shipped list (data/outlets.tsv)."""
    hosts: dict[str, str] = {}
    for line in DATA_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            host, name = line.split("\t", 1)
            hosts[host.strip().lower()] = name.strip()
    return hosts


@functools.lru_cache(maxsize=65536)
def host_of(text: str) -> str:
    """The web host `text` is written as ("WWW.DW.COM/" -> "dw.com"; "www." dropped), or ""
    when it is a name rather than a host. A host is written as machines write it: all lower or
    all upper case, or with a scheme or "www."; "RT.com" is a name."""
    text = text.strip()
    match = _HOST_LIKE.match(text)
    if match is None:
        return ""
    letters = [c for c in match.group(1) if c.isalpha()]
    if not (text.lower().startswith(("http://", "https://", "www.")) or all(c.islower() for c in letters)
            or all(c.isupper() for c in letters)):
        return ""  # "RT.com", "Salon.com": a publisher naming itself, kept as written
    host = match.group(1).lower()
    return host[4:] if host.startswith("www.") else host


@functools.lru_cache(maxsize=65536)
def url_host(url: str) -> str:
    """The host of an http(s) URL without "www.", or ""."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https"):
        return ""
    host = (parts.hostname or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


@functools.lru_cache(maxsize=65536)
def outlet_host(host: str) -> str:
    """The host that stands for the outlet at `host`: the most specific one the list of hosts
    knows ("abcnews.go.com"), else the registrable domain ("edition.cnn.com" -> "cnn.com")."""
    known = known_hosts()
    domain = get_fld(host, fix_protocol=True, fail_silently=True) or host
    labels = host.split(".")
    for start in range(len(labels) - 1):
        candidate = ".".join(labels[start:])
        if candidate in known:
            return candidate
        if candidate == domain:
            break
    return domain


def name_for_host(host: str) -> str:
    """What to call the outlet at a host with nothing else to go on: the list's name, else the
    registrable domain."""
    key_host = outlet_host(host)
    return known_hosts().get(key_host, key_host)


def ingest_source_name(source: str, url: str = "") -> str:
    """The outlet name for one ingested item: a name as written, a web host turned into a name,
    or (no source at all) the name for the host of the item's URL."""
    source = " ".join(source.split())
    if source:
        host = host_of(source)
        return name_for_host(host) if host else source
    host = url_host(url) if url else ""
    return name_for_host(host) if host else ""


def feed_source_name(title: str, link: str = "") -> str:
    """A feed's outlet from its title and site link: the list's name for the link's host, else
    the part of the title that names the host ("Wellness - The Washington Post"), else the title."""
    title = " ".join(title.split())
    host = url_host(link) if link else ""
    if host:
        key_host = outlet_host(host)
        if key_host in known_hosts():
            return known_hosts()[key_host]
        label = name_key(key_host.split(".")[0])
        parts = [part for part in _TITLE_PARTS.split(title) if part]
        if len(parts) > 1:
            for part in parts:
                key = name_key(part)
                if key and (key in label or label in key):
                    return part
    return ingest_source_name(title) if title else (name_for_host(host) if host else "")


def name_key(name: str) -> str:
    """"The Guardian", "THE GUARDIAN" and "Guardian" -> "guardian": how names compare."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _NOT_ALNUM.sub("", _ARTICLE.sub("", ascii_text.strip()).lower())


def form_key(form: str) -> str:
    """The key of any written form of an outlet: "d:<host>" for a web host, "n:<name key>" else."""
    host = host_of(form)
    if host:
        return "d:" + outlet_host(host)
    key = name_key(form)
    return "n:" + key if key else ""


class _Groups:
    """Union-find over keys; a group holds at most one editor's entry (joins that would put two
    together are refused, so the editor's outlets stay apart)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.owner: dict[str, str] = {}  # root -> the editor's name for the group

    def find(self, key: str) -> str:
        root = self.parent.setdefault(key, key)
        while root != self.parent[root]:
            root = self.parent[root]
        while key != root:  # path compression
            self.parent[key], key = root, self.parent[key]
        return root

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        oa, ob = self.owner.get(ra), self.owner.get(rb)
        if oa and ob and oa != ob:
            return
        self.parent[rb] = ra
        if ob:
            self.owner[ra] = ob


@dataclass
class Outlets:
    """The digest's outlets: each article's outlet name, and the outlets by name."""

    name_of: dict[str, str] = field(default_factory=dict)  # article id -> outlet name ("" for none)
    outlets: dict[str, Outlet] = field(default_factory=dict)  # by name


def _is_shouted(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return len(letters) > 4 and all(c.isupper() for c in letters)


def _display_name(forms: Counter[str], listed: Iterable[str], hosts: Iterable[str]) -> str:
    """The name to show for one group (the editor's name is handled by the caller)."""
    written = [(form, count) for form, count in forms.items() if not host_of(form)]
    calm = [(form, count) for form, count in written if not _is_shouted(form)]
    if calm:
        return max(calm, key=lambda fc: (fc[1], fc[0]))[0]
    listed = sorted(set(listed))
    if listed:
        return listed[0]
    if written:
        return max(written, key=lambda fc: (fc[1], fc[0]))[0]
    return min(hosts, default="")


class _Resolver:
    """One pass of `resolve_outlets` (see the module docstring)."""

    def __init__(self, sources: Mapping[str, SourceEntry]) -> None:
        self.groups = _Groups()
        self.sources = sources
        self.forms: dict[str, Counter[str]] = defaultdict(Counter)  # key -> written forms seen
        self.hosts_seen: dict[str, Counter[str]] = defaultdict(Counter)  # host key -> hosts of article URLs
        for name, entry in sources.items():
            keys = [form_key(form) for form in (name, *entry.aliases)]
            if entry.homepage and url_host(entry.homepage):
                keys.append("d:" + outlet_host(url_host(entry.homepage)))
            keys = [key for key in keys if key]
            for key in keys:
                root = self.groups.find(key)
                self.groups.owner.setdefault(root, name)
                self.groups.join(keys[0], key)

    def read(self, articles: list[Article]) -> dict[str, tuple[str, str]]:
        """Each article's (source key, URL host key); counts forms and votes as it goes."""
        keys: dict[str, tuple[str, str]] = {}
        votes: dict[str, Counter[str]] = defaultdict(Counter)  # URL host key -> name keys written
        for article in articles:
            source_key = form_key(article.source) if article.source.strip() else ""
            host = url_host(article.url) if article.url else ""
            host_key = "d:" + outlet_host(host) if host else ""
            if source_key:
                self.forms[source_key][" ".join(article.source.split())] += 1
                if source_key.startswith("d:"):  # a host written as the name is the outlet's too
                    self.hosts_seen[source_key][host_of(article.source)] += 1
                if host_key and source_key.startswith("n:"):
                    votes[host_key][source_key] += 1
            if host_key:
                self.hosts_seen[host_key][host] += 1
            keys[article.id] = (source_key, host_key)
        for host_key, names in votes.items():
            (top, count), total = names.most_common(1)[0], sum(names.values())
            if count * 2 > total:  # a clear majority: the host is this outlet's
                self.groups.join(top, host_key)
        host_keys = {key for pair in keys.values() for key in pair if key.startswith("d:")}
        for key in host_keys:
            name = known_hosts().get(key[2:])
            if name:
                self.groups.join(key, "n:" + name_key(name))
            self.groups.join(key, "n:" + name_key(key[2:]))  # "RT.com" as a name is rt.com's
        return keys

    def outlets(self, keys: dict[str, tuple[str, str]]) -> Outlets:
        used = {self.groups.find(source_key or host_key) for source_key, host_key in keys.values()
                if source_key or host_key}
        members: dict[str, set[str]] = defaultdict(set)
        for key in list(self.groups.parent):
            root = self.groups.find(key)
            if root in used:
                members[root].add(key)
        names: dict[str, str] = {}
        homepages: dict[str, str] = {}
        for root, group in members.items():
            owner = self.groups.owner.get(root)
            forms: Counter[str] = Counter()
            hosts: Counter[str] = Counter()
            for key in sorted(group):  # sorted: ties break the same way in every process
                forms.update(self.forms.get(key, {}))
                hosts.update(self.hosts_seen.get(key, {}))
            listed = [known_hosts()[k[2:]] for k in group if k.startswith("d:") and k[2:] in known_hosts()]
            names[root] = owner or _display_name(forms, listed, (k[2:] for k in group if k.startswith("d:")))
            entry = self.sources.get(owner) if owner else None
            homepages[root] = (entry.homepage if entry and entry.homepage else
                               f"https://{hosts.most_common(1)[0][0]}/" if hosts else "")
        result = Outlets()
        for article_id, (source_key, host_key) in keys.items():
            key = source_key or host_key
            result.name_of[article_id] = names[self.groups.find(key)] if key else ""
        slugs = unique_slugs(set(names.values()), fallback="outlet")
        for root, name in names.items():
            entry = self.sources.get(self.groups.owner.get(root) or "")
            result.outlets[name] = Outlet(name=name, slug=slugs[name], homepage=homepages[root],
                                          description=entry.description if entry else "")
        return result


def resolve_outlets(articles: list[Article], sources: Mapping[str, SourceEntry] | None = None) -> Outlets:
    """Each article's outlet name and the digest's outlets (see the module docstring)."""
    resolver = _Resolver(sources or {})
    return resolver.outlets(resolver.read(articles))
