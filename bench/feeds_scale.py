"""How feeds, head data and sitemap dates scale: a synthetic digest, timed stage by stage.

    PYTHONPATH=. python bench/feeds_scale.py --articles 20000 --people 4000 --countries 200 --threads 3000

Articles get 3 people and 2 countries each, drawn with a skew so a few entities have thousands
of articles (as real news does). Prints seconds per stage and the feed bytes written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from pathlib import Path

from mkdocs.structure.files import File

from digest_plugin.core.corpus import Digest
from digest_plugin.core.model import Article, ArticleEntities, Country, Mention, Person
from digest_plugin.core.related import Thread
from digest_plugin.siteview.feeds import FeedRenderer, feed_sources, write_feeds
from digest_plugin.siteview.head import HeadBuilder, SiteInfo
from digest_plugin.siteview.pages import SitePages
from digest_plugin.siteview.sitemap import LastModified


def synthetic_digest(n_articles: int, n_people: int, n_countries: int, n_threads: int, seed: int = 7) -> Digest:
    rng = random.Random(seed)
    start = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
    people_names = [f"Person {i}" for i in range(n_people)]
    codes = [f"{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(n_countries)]
    articles = [
        Article(title=f"Story {i} & <more>", body="text", date=start + dt.timedelta(hours=2 * i), source="Wire",
                url=f"https://wire.example/{i}", authors=[f"Writer {i % 50}"], summary=f"Summary {i}. " * 8,
                id=f"a{i}", src_path=f"articles/x/{i}.md")
        for i in range(n_articles)
    ]
    articles.reverse()
    entities: dict[str, ArticleEntities] = {}
    person_articles: dict[str, list[Article]] = {}
    country_articles: dict[str, list[Article]] = {}
    for article in articles:
        people = {people_names[min(n_people - 1, int(rng.paretovariate(1.1)) - 1 + rng.randrange(3) * 0)]
                  if rng.random() < 0.3 else rng.choice(people_names) for _ in range(3)}
        countries = {codes[min(n_countries - 1, int(rng.paretovariate(1.0)) - 1)] for _ in range(2)}
        entities[article.id] = ArticleEntities(people=[Mention(p) for p in people],
                                               countries=[Mention(c) for c in countries])
        for p in people:
            person_articles.setdefault(p, []).append(article)
        for c in countries:
            country_articles.setdefault(c, []).append(article)
    threads: dict[str, Thread] = {}
    thread_of: dict[str, str | None] = {a.id: None for a in articles}
    for t in range(n_threads):
        members = sorted(rng.sample(range(n_articles), 3))
        ids = [f"a{i}" for i in members if thread_of[f"a{i}"] is None]
        if len(ids) >= 2:
            threads[f"t{t}"] = Thread(id=f"t{t}", article_ids=ids, sources=["Wire"])
            thread_of.update({i: f"t{t}" for i in ids})
    return Digest(
        articles=articles, entities=entities,
        people={n: Person(name=n, slug=n.lower().replace(" ", "-")) for n in person_articles},
        countries={c: Country(code=c, name=f"Country {c}", slug=c.lower()) for c in country_articles},
        person_articles=person_articles, country_articles=country_articles, threads=threads, thread_of=thread_of,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--people", type=int, default=4000)
    parser.add_argument("--countries", type=int, default=200)
    parser.add_argument("--threads", type=int, default=3000)
    args = parser.parse_args()
    digest = synthetic_digest(args.articles, args.people, args.countries, args.threads)
    pages = SitePages(digest, urls=lambda src_uri: File(src_uri, src_dir=None, dest_dir="", use_directory_urls=True).url)
    uris = [a.src_path for a in digest.articles] + [p.src_uri for p in pages.generated()]
    print(f"{len(digest.articles)} articles, {len(digest.people)} people, {len(digest.countries)} countries, "
          f"{len(digest.threads)} threads, {len(uris)} pages")
    for site_url in ("https://news.example.org/", None):
        renderer = FeedRenderer(pages, site_name="Bench", site_url=site_url)
        began = time.perf_counter()
        for source in feed_sources(pages, "Bench"):
            renderer.atom(source), renderer.rss(source)
        print(f"feeds rendered in memory (site_url={site_url!r}): {time.perf_counter() - began:.1f} s")
        with tempfile.TemporaryDirectory() as folder:
            began = time.perf_counter()
            written = write_feeds(pages, Path(folder), site_name="Bench", site_url=site_url)
            seconds = time.perf_counter() - began
            size = sum((Path(folder) / p).stat().st_size for p in written)
        print(f"feeds (site_url={site_url!r}): {len(written)} files, {size / 1e6:.0f} MB in {seconds:.1f} s")
    builder = HeadBuilder(pages, SiteInfo(name="Bench", url="https://news.example.org/"))
    began = time.perf_counter()
    for uri in uris:
        builder.head_for(uri, title="t")
    print(f"head data for {len(uris)} pages in {time.perf_counter() - began:.1f} s")
    began = time.perf_counter()
    last = LastModified(pages)
    for uri in uris:
        last.for_page(uri)
    print(f"sitemap dates for {len(uris)} pages in {time.perf_counter() - began:.2f} s")


if __name__ == "__main__":
    main()
