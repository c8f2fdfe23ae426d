"""A real MkDocs build of a small digest: generated pages, links both ways, digest.json."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from tests.integration.conftest import MKDOCS_LOGGER, build_site, write_article

MACRON = (
    "2024/10/02/macron-visits-berlin.md",
    """
    title: "Macron visits Berlin: talks on Ukraine aid"
    date: 2024-10-02T09:30:00+00:00
    source: Example Wire
    url: https://news.example.org/macron-berlin?utm_source=x
    authors: [Petra Hollis]
    summary: The French president met the German chancellor to discuss support for Kyiv.
    id: t-macron-berlin
    """,
    """
    French President Emmanuel Macron travelled to Berlin on Wednesday for talks with German
    Chancellor Olaf Scholz about military aid for Ukraine.

    Macron told reporters that France and Germany would keep backing Kyiv through the winter.
    Scholz said the two governments agreed on air defence deliveries.
    """,
)
SCHOLZ = (
    "2024/11/06/scholz-coalition-collapses.md",
    """
    title: Scholz's coalition collapses after he fires Lindner
    date: 2024-11-06T21:00:00+00:00
    source: Other Gazette
    authors: [Tomas Reyes]
    summary: Germany's three-party government broke apart over the budget.
    id: t-scholz-coalition
    """,
    """
    German Chancellor Olaf Scholz dismissed Finance Minister Christian Lindner on Wednesday,
    ending the coalition that had governed Germany since 2021.

    Scholz said he would seek a confidence vote in January, opening the way to an early election.
    """,
)
OVERRIDE = (
    "2024/09/15/editor-tagged-story.md",
    """
    title: A story tagged by the editor
    date: 2024-09-15T12:00:00+00:00
    source: Desk
    summary: Tagged by hand.
    id: t-editor
    people: [Maia Sandu]
    countries: [MD]
    """,
    """
    The vote takes place next month, officials said.
    """,
)


@pytest.fixture
def built(new_site):
    for relpath, fm, body in (MACRON, SCHOLZ, OVERRIDE):
        write_article(new_site, relpath, fm, body)
    before = sorted(p.relative_to(new_site) for p in (new_site / "content").rglob("*"))
    site = build_site(new_site)
    after = sorted(p.relative_to(new_site) for p in (new_site / "content").rglob("*"))
    assert before == after, "the build wrote into content/"
    return site


def _article(site, article_id):
    return next(a for a in site.digest["articles"] if a["id"] == article_id)


def test_digest_json_follows_the_design_schema(built):
    data = built.digest
    assert set(data) == {"articles", "people", "countries", "threads", "outlets"}
    for thread in data["threads"]:
        assert set(thread) == {"id", "title", "url", "articles", "outlets"}
        assert thread["url"].startswith(f"threads/{thread['id']}-") and len(thread["articles"]) >= 2
    for outlet in data["outlets"]:
        assert set(outlet) == {"name", "slug", "url", "articles"} and outlet["url"] == f"sources/{outlet['slug']}/"
    assert [a["id"] for a in data["articles"]] == ["t-scholz-coalition", "t-macron-berlin", "t-editor"]
    for article in data["articles"]:
        assert set(article) == {"id", "url", "title", "date", "source", "authors", "people", "countries",
                                "related", "thread", "quotes"}
        assert article["url"].startswith("articles/") and article["url"].endswith("/")
        assert (built.site / article["url"] / "index.html").is_file()
    macron = _article(built, "t-macron-berlin")
    assert macron["date"] == "2024-10-02"
    assert macron["source"] == "Example Wire"
    assert macron["authors"] == ["Petra Hollis"]
    assert "Emmanuel Macron" in macron["people"] and "Olaf Scholz" in macron["people"]
    assert "Petra Hollis" not in macron["people"]
    assert {"FR", "DE", "UA"} <= set(macron["countries"])
    person = next(p for p in data["people"] if p["name"] == "Olaf Scholz")
    assert person == {"name": "Olaf Scholz", "slug": "olaf-scholz", "url": "people/olaf-scholz/", "articles": 2}
    germany = next(c for c in data["countries"] if c["code"] == "DE")
    assert germany["name"] == "Germany" and germany["url"] == "countries/de/" and germany["articles"] == 2


def test_editor_front_matter_replaces_extraction(built):
    tagged = _article(built, "t-editor")
    assert tagged["people"] == ["Maia Sandu"]
    assert tagged["countries"] == ["MD"]


def test_entity_pages_list_their_articles_newest_first(built):
    page = built.html("people/olaf-scholz/")
    newer = page.index("coalition collapses after he fires Lindner")
    older = page.index("Macron visits Berlin")
    assert newer < older
    assert "scholz-coalition-collapses/" in page and "macron-visits-berlin/" in page
    assert "Other Gazette" in page and "2024-11-06" in page
    country = built.html("countries/de/")
    assert "Germany" in country and "macron-visits-berlin/" in country


def test_article_page_links_its_people_countries_and_related(built):
    page = built.html(_article(built, "t-macron-berlin")["url"])
    assert "people/emmanuel-macron/" in page
    assert "countries/fr/" in page
    assert "Related stories" in page
    assert "scholz-coalition-collapses/" in page  # shares Olaf Scholz and Germany
    assert "https://news.example.org/macron-berlin" in page  # the original, linked


def test_indexes_and_archive_exist_and_nav_lists_only_sections(built):
    people_index = built.html("people/")
    assert "olaf-scholz/" in people_index and "maia-sandu/" in people_index
    assert "countries/md/" in built.html("countries/") or "md/" in built.html("countries/")
    archive = built.html("archive/")
    assert "2024/11/" in archive and "2024/09/" in archive
    assert "coalition collapses" in built.html("archive/2024/11/")
    home = built.html("")
    assert "coalition collapses" in home
    nav_labels = ["Home", "Latest", "People", "Countries", "Archive"]
    for label in nav_labels:
        assert label in home
    # Articles stay out of the nav: the article's title appears in the home's list, not in a nav link.
    assert 'class="md-nav__link" href="articles/' not in home


def test_editors_own_page_wins_over_a_generated_one(new_site):
    write_article(new_site, *MACRON)
    (new_site / "content" / "people").mkdir()
    (new_site / "content" / "people" / "index.md").write_text("# Our people\n\nWritten by the desk.\n", encoding="utf-8")
    site = build_site(new_site)
    assert "Written by the desk." in site.html("people/")


def test_bad_front_matter_is_a_warning_naming_the_file(new_site):
    write_article(new_site, *MACRON)
    bad = new_site / "content" / "articles" / "2024" / "10" / "03" / "broken.md"
    bad.parent.mkdir(parents=True)
    bad.write_text("---\ntitle: [unclosed\n---\n\nText.\n", encoding="utf-8")
    site = build_site(new_site, strict=False, allow_warnings=True)
    assert any("articles/2024/10/03/broken.md" in w for w in site.warnings)
    assert [a["id"] for a in site.digest["articles"]] == ["t-macron-berlin"]


def test_scaffolded_site_builds_strict_with_the_mkdocs_command(tmp_path):
    root = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "digest_plugin.cli", "new", str(root)], check=True)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "digest.json").is_file()
    assert not (root / "content" / "people").exists()
    # Material's search dialog with an accessible name (axe: aria-dialog-name), from the plugin.
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search" role="dialog" aria-label="Search"' in home


def test_hostile_front_matter_never_becomes_markup(new_site):
    write_article(new_site, "2024/10/05/hostile.md", """
    title: "Talks fail </h1><script>alert(1)</script>"
    date: 2024-10-05T10:00:00+00:00
    source: "<b onmouseover=alert(2)>Wire</b>"
    authors: ["<img src=x onerror=alert(3)>"]
    summary: "<iframe src=javascript:alert(4)></iframe> Summary."
    id: t-hostile
    people: ["Olaf Scholz"]
    """, "Olaf Scholz spoke in Berlin.")
    write_article(new_site, *SCHOLZ)
    site = build_site(new_site)
    for page in site.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for needle in ("<script>alert", "<b onmouseover", "<img src=x", "<iframe src=javascript"):
            assert needle not in html, f"{needle!r} reached {page.relative_to(site.site)}"


def test_digest_pages_stay_out_of_the_nav_and_of_the_missing_from_nav_report(new_site, caplog):
    write_article(new_site, *SCHOLZ)
    config_path = new_site / "mkdocs.yml"
    # Without a `nav:` MkDocs builds one from every page it is not told to leave out.
    lines = config_path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("nav:"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip() and not lines[i].startswith(" ")),
               len(lines))
    config_path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger=MKDOCS_LOGGER):
        site = build_site(new_site)
    assert not [r for r in caplog.records if 'not included in the "nav"' in r.getMessage()]
    home = site.html("")
    assert 'class="md-nav__link" href="articles/' not in home
    assert 'class="md-nav__link" href="people/olaf-scholz/' not in home
    assert "Olaf Scholz" in site.html("people/olaf-scholz/")
