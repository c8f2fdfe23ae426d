"""Dirty rebuilds of paginated lists (paging.py) against a full build of the same sources:
after each kind of change, every HTML page whose text a full build changes must have been
rewritten by `serve --dirty`'s rebuild, and the dirty site must equal the full one."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.integration.conftest import write_article

PAGE_SIZE = 3
START = dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)
TOPICS = ["canal", "levy", "frost", "poll", "cable", "serum", "probe", "walkout", "deficit", "icefield",
          "tramway", "grove", "smelter", "count", "barge", "mine", "turbine", "beacon", "winery", "viaduct",
          "flood", "parade", "dam", "tunnel"]


def report(root: Path, index: int, when: dt.datetime | None = None, title: str | None = None) -> Path:
    day = when or START + dt.timedelta(days=index)
    topic = TOPICS[index]
    return write_article(root, f"r/report-{index}.md", f"""
        title: {title or f"Item {index} about the {topic}"}
        date: {day.isoformat()}
        source: {"Harbour Post" if index % 2 else "Valley Courier"}
        summary: Notes on the {topic}.
        id: item{index}
        people: [Grace Hopper]
        countries: [DE]
        """, f"""
        Reporters followed the {topic} closely on day {index}, and those affected described how
        the {topic} changed their week.
        """)


RELATED = re.compile(r'<section class="digest-related".*?</section>', re.DOTALL)


def _pages(site: Path) -> dict[str, tuple[int, str]]:
    """(mtime, text) of every HTML page; an article's related stories left out: under serve they
    are the last full computation's while the set of articles is unchanged (build.py says so)."""
    return {str(p.relative_to(site)): (p.stat().st_mtime_ns, RELATED.sub("", p.read_text(encoding="utf-8")))
            for p in site.rglob("*.html")}


@pytest.fixture
def served(new_site):
    yml = new_site / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace(
        "  - digest\n", f"  - digest:\n      page_size: {PAGE_SIZE}\n"), encoding="utf-8")
    for index in range(20):
        report(new_site, index)
    config = load_config(str(yml))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    yield new_site, Path(config.site_dir)
    config.plugins.on_shutdown()


def _check_against_full_build(root: Path, site: Path, before: dict, tmp_path: Path) -> None:
    build(load_config(str(root / "mkdocs.yml")), dirty=True)
    after = _pages(site)
    rewritten = {path for path, (mtime, _) in after.items() if before.get(path, (None,))[0] != mtime}
    full_dir = tmp_path / "full"
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(full_dir)))
    full = _pages(full_dir)
    shutil.rmtree(full_dir)
    assert set(full) == set(after), (sorted(set(full) - set(after)), sorted(set(after) - set(full)))
    changed = {path for path, (_, text) in full.items() if before.get(path, (0, None))[1] != text}
    assert changed <= rewritten, f"stale after a dirty build: {sorted(changed - rewritten)}"
    stale = sorted(path for path in full if full[path][1] != after[path][1])
    assert stale == [], f"dirty site differs from a full build: {stale}"


def test_an_added_article_dated_among_older_ones(served, tmp_path):
    """The new article is older than most: it lands inside older chunks and moves their items."""
    root, site = served
    before = _pages(site)
    report(root, 20, when=START + dt.timedelta(days=4, hours=3))
    _check_against_full_build(root, site, before, tmp_path)


def test_a_removed_article_from_an_older_page(served, tmp_path):
    root, site = served
    before = _pages(site)
    (root / "content" / "articles" / "r" / "report-2.md").unlink()
    _check_against_full_build(root, site, before, tmp_path)


def test_an_article_redated_into_the_past(served, tmp_path):
    root, site = served
    before = _pages(site)
    report(root, 15, when=START + dt.timedelta(days=1, hours=5))
    _check_against_full_build(root, site, before, tmp_path)


def test_an_older_article_retitled(served, tmp_path):
    root, site = served
    before = _pages(site)
    report(root, 3, title="Item three, now with a new headline")
    _check_against_full_build(root, site, before, tmp_path)


def test_the_newest_article_removed_at_a_page_boundary(served, tmp_path):
    """21 -> 20 -> ... : the front page shrinks back and an older page must go."""
    root, site = served
    report(root, 20)
    report(root, 21)  # 22 items
    build(load_config(str(root / "mkdocs.yml")), dirty=True)
    before = _pages(site)
    (root / "content" / "articles" / "r" / "report-21.md").unlink()
    (root / "content" / "articles" / "r" / "report-20.md").unlink()
    _check_against_full_build(root, site, before, tmp_path)


VOCAB = ["anchor", "basalt", "cobalt", "dolphin", "ember", "falcon", "granite", "harvest", "indigo", "juniper",
         "kestrel", "lantern", "marble", "nectar", "obsidian", "pelican", "quartz", "raven", "saffron", "thistle",
         "umber", "velvet", "walnut", "yarrow", "zephyr", "almond", "bramble", "cedar", "dune", "elm", "fjord",
         "garnet", "heron", "iris", "jasper", "kelp", "lichen", "maple", "nutmeg", "oyster", "poppy", "quill",
         "reed", "sorrel", "tamarind", "urchin", "violet", "willow", "yew", "zinnia", "acorn", "birch", "clover",
         "daisy", "egret", "fern", "gull", "hazel", "ivy", "jade"]


def story(root: Path, topic: int, outlet: str, day: dt.datetime, tag: str) -> Path:
    """A report on story `topic` by `outlet`: reports on one story share their words, stories none."""
    a, b, c, d, e = VOCAB[5 * topic: 5 * topic + 5]
    return write_article(root, f"s/{tag}.md", f"""
        title: The {a} {b} dispute over the {c}
        date: {day.isoformat()}
        source: {outlet}
        summary: The {a} {b} and the {c} {d}.
        id: {tag}
        """, f"""
        The {a} {b} council argued about the {c} {d} again, and the {e} {a} group asked for the
        {b} {c} plan to be dropped before the {d} {e} season.
        """)


@pytest.fixture
def served_stories(new_site):
    yml = new_site / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace(
        "  - digest\n", f"  - digest:\n      page_size: {PAGE_SIZE}\n"), encoding="utf-8")
    for topic in range(12):
        day = START + dt.timedelta(days=2 * topic)
        story(new_site, topic, "Harbour Post", day, f"a{topic}")
        story(new_site, topic, "Valley Courier", day + dt.timedelta(hours=5), f"b{topic}")
    config = load_config(str(yml))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    yield new_site, Path(config.site_dir)
    config.plugins.on_shutdown()


def test_the_stories_fixture_has_older_pages(served_stories):
    _root, site = served_stories
    assert len(list(site.glob("threads/page/*/index.html"))) >= 2, sorted(p.name for p in site.iterdir())


def test_a_new_report_on_an_old_story(served_stories, tmp_path):
    """The story moves from an older page of the stories index to its first page."""
    root, site = served_stories
    before = _pages(site)
    story(root, 2, "Harbour Post", START + dt.timedelta(days=40), "c2")
    _check_against_full_build(root, site, before, tmp_path)


def test_a_report_from_a_new_outlet_dated_early(served_stories, tmp_path):
    root, site = served_stories
    before = _pages(site)
    story(root, 5, "Ridge Tribune", START + dt.timedelta(days=10, hours=9), "d5")
    _check_against_full_build(root, site, before, tmp_path)


def test_an_old_report_removed_from_a_story(served_stories, tmp_path):
    root, site = served_stories
    before = _pages(site)
    (root / "content" / "articles" / "s" / "b3.md").unlink()
    _check_against_full_build(root, site, before, tmp_path)


def test_an_added_article_older_than_all_others(served, tmp_path):
    """A new oldest article: every chunk of every list it joins moves by one, the charts start
    earlier, a new month appears."""
    root, site = served
    before = _pages(site)
    report(root, 20, when=START - dt.timedelta(days=75))
    _check_against_full_build(root, site, before, tmp_path)


def test_an_added_article_long_after_all_others(served, tmp_path):
    root, site = served
    before = _pages(site)
    report(root, 20, when=START + dt.timedelta(days=200))
    _check_against_full_build(root, site, before, tmp_path)


def test_an_undated_article_added(served, tmp_path):
    root, site = served
    before = _pages(site)
    path = report(root, 20, when=START + dt.timedelta(days=6, hours=2))
    path.write_text(path.read_text(encoding="utf-8").replace("id: item20", "id: item20\nundated: true"),
                    encoding="utf-8")
    _check_against_full_build(root, site, before, tmp_path)
