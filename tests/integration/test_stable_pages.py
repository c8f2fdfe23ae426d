"""Stable pagination in a real build: older pages of lists are byte-identical after newer
articles arrive, apart from the one new page of each list and its older neighbour (whose
"Newer" link now leads to it). See digest_plugin/siteview/paging.py."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from tests.integration.conftest import build_site, write_article

PAGE_SIZE = 3
START = dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)
WORDS = ["harbour", "tariff", "drought", "ballot", "pipeline", "vaccine", "satellite", "strike", "budget",
         "glacier", "railway", "orchard", "refinery", "census", "ferry", "quarry", "reactor", "lighthouse",
         "vineyard", "aqueduct", "monsoon", "carnival"]


def add_report(root: Path, index: int) -> None:
    """Report `index`, a day after report `index - 1`, naming Ada Lovelace and France."""
    day = START + dt.timedelta(days=index)
    word = WORDS[index]
    source = "Coastal Wire" if index % 2 else "Inland Herald"
    write_article(root, f"{day:%Y/%m/%d}/report-{index}.md", f"""
        title: Report {index} on the {word}
        date: {day.isoformat()}
        source: {source}
        summary: A short account of the {word}.
        id: r{index}
        people: [Ada Lovelace]
        countries: [FR]
        """, f"""
        Officials described the {word} in some detail on day {index}, and residents of the area
        gave their own account of what the {word} meant for them.
        """)


def _older_pages(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("page/*/index.html")}


def _list_of(path: str) -> str:
    return path.split("/page/")[0]


def test_older_pages_are_byte_identical_after_newer_articles_arrive(new_site: Path):
    yml = new_site / "mkdocs.yml"
    options = f"  - digest:\n      page_size: {PAGE_SIZE}\n"
    yml.write_text(yml.read_text(encoding="utf-8").replace("  - digest\n", options), encoding="utf-8")
    for index in range(20):
        add_report(new_site, index)
    before = _older_pages(build_site(new_site).site)
    lists = {_list_of(path) for path in before}
    # latest, the month, the person, the country, both outlets
    assert {"latest", "archive/2024/03", "people/ada-lovelace"} <= lists and len(lists) >= 6, sorted(lists)

    for index in (20, 21):  # 20 -> 22 items: page/6 appears in each list of all the articles
        add_report(new_site, index)
    built = build_site(new_site)
    after = _older_pages(built.site)

    assert set(before) <= set(after), "an older page vanished"
    created, changed = defaultdict(set), defaultdict(set)
    for path in set(after) - set(before):
        created[_list_of(path)].add(path)
    for path in before:
        if after[path] != before[path]:
            changed[_list_of(path)].add(path)
    assert created["latest"] == {"latest/page/6/index.html"}
    assert changed["latest"] == {"latest/page/5/index.html"}  # its "Newer" link: the base URL before
    for name in lists:
        assert len(created[name]) <= 1 and len(changed[name]) <= len(created[name]), (name, created, changed)
    unchanged = [path for path in before if after[path] == before[path]]
    assert len(unchanged) >= len(before) - len(lists), "older pages stay byte-identical"

    # What the reader sees: a dated title and heading, Newer/Older links, no page count.
    oldest = built.html("people/ada-lovelace/page/1/")
    assert "<title>Ada Lovelace: articles, 1–3 March 2024" in oldest
    assert "Articles, 1–3 March 2024" in oldest and " of " not in oldest.split("digest-pagination")[1][:400]
    newest_chunk = built.html("latest/page/6/")
    assert 'href="../../"' in newest_chunk and 'rel="prev"' in newest_chunk and 'rel="next"' in newest_chunk
    front = built.html("latest/").split('class="digest-pagination"')[1].split("</nav>")[0]
    assert 'href="page/6/" rel="next"' in front and "Newer" not in front
