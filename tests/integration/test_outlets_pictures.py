"""A real build: outlet names grouped from files written before normalisation, outlet pages with
the editor's description (escaped), pictures on the page, in lists and as og:image, and
`images: false`."""

from __future__ import annotations

import re

from tests.integration.conftest import build_site, write_article

PICTURE = "https://img.harbourgazette.com/ferry.jpg?w=900&q=60"


def _write(root, images: bool = True) -> None:
    write_article(root, "2024/10/01/ferry.md", f"""
        title: Ferry service resumes after the storms
        date: 2024-10-01T09:00:00+00:00
        source: WWW.THEGUARDIAN.COM
        url: https://www.theguardian.com/world/ferry
        image: "{PICTURE}"
        id: p-ferry
        """, "The ferries between the islands sailed again on Tuesday after a week in port.")
    write_article(root, "2024/10/02/dredging.md", """
        title: Harbour dredging begins
        date: 2024-10-02T09:00:00+00:00
        source: THE GUARDIAN
        id: p-dredging
        """, "Work to deepen the harbour began on Wednesday and will last a month.")
    write_article(root, "2024/10/03/lighthouse.md", """
        title: Lighthouse repainted
        date: 2024-10-03T09:00:00+00:00
        source: edition.cnn.com
        id: p-lighthouse
        """, "The lighthouse on the point was painted white again this week.")
    (root / "entities.yml").write_text(
        "sources:\n  The Guardian:\n    description: \"A daily <script>alert(1)</script> & more.\"\n"
        "    homepage: https://www.theguardian.com/\n", encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    options = "      entities_file: entities.yml\n" + ("" if images else "      images: false\n")
    (root / "mkdocs.yml").write_text(config.replace("  - digest\n", "  - digest:\n" + options), encoding="utf-8")


def test_outlets_are_one_per_outlet_with_the_editors_details(new_site):
    _write(new_site)
    built = build_site(new_site)
    outlets = {o["name"]: o for o in built.digest["outlets"]}
    assert set(outlets) == {"The Guardian", "CNN"}
    assert outlets["The Guardian"]["articles"] == 2
    assert {a["source"] for a in built.digest["articles"]} == {"The Guardian", "CNN"}
    page = built.html("sources/the-guardian/")
    assert "A daily &lt;script&gt;alert(1)&lt;/script&gt; &amp; more." in page and "<script>alert(1)" not in page
    assert 'href="https://www.theguardian.com/"' in page
    assert 'href="sources/the-guardian/feed.xml"' in page or 'href="feed.xml"' in page
    article = built.html("articles/2024/10/02/dredging/")
    assert re.search(r'<a class="digest-source" href="(\.\./)+sources/the-guardian/"[^>]*>The Guardian</a>', article)
    assert "Outlets" in built.html("sources/")


def test_pictures_on_the_page_in_lists_and_in_the_card(new_site):
    _write(new_site)
    built = build_site(new_site)
    escaped = PICTURE.replace("&", "&amp;")
    article = built.html("articles/2024/10/01/ferry/")
    figure = re.search(r'<figure class="digest-lead-image">(.*?)</figure>', article, re.S).group(1)
    assert f'src="{escaped}"' in figure and 'loading="lazy"' in figure
    assert 'alt="Ferry service resumes after the storms"' in figure and "Picture: The Guardian" in figure
    assert f'<meta property="og:image" content="{escaped}">' in article
    assert f'class="digest-item__image" src="{escaped}" alt=""' in built.html("latest/")


def test_images_false_shows_and_links_no_picture(new_site):
    _write(new_site, images=False)
    built = build_site(new_site)
    for url in ("articles/2024/10/01/ferry/", "latest/", ""):
        assert "img.harbourgazette.com" not in built.html(url), url
