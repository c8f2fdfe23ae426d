"""`search: pagefind`: a real build indexes articles and entity heads and puts Pagefind in the header."""

from __future__ import annotations

import json

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from digest_plugin.siteview.pagefind import pagefind_installed
from tests.integration.conftest import build_site, write_article

# Editor-tagged people and countries: the build runs no NER, so the test stays fast.
ARTICLES = (
    ("2024/10/02/sandu-wins.md", """
     title: Sandu wins a second term in Moldova
     date: 2024-10-02T09:30:00+00:00
     source: Example Wire
     id: t-sandu
     people: [Maia Sandu]
     countries: [MD]
     """, "Voters abroad carried the incumbent to victory in the run-off, officials said."),
    ("2024/10/03/harbour-strike.md", """
     title: Dockers end a week-long harbour strike
     date: 2024-10-03T10:00:00+00:00
     source: Other Gazette
     id: t-harbour
     people: [Ilse Marrow]
     countries: [NL]
     """, "Union leader Ilse Marrow said the pay offer would be put to members on Friday."),
)


def _use_pagefind(root) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - digest\n" in text
    config.write_text(text.replace("  - digest\n", "  - digest:\n      search: pagefind\n"), encoding="utf-8")


def test_pagefind_indexes_articles_and_entity_pages_only(new_site):
    if not pagefind_installed():
        pytest.skip("pagefind is not installed (pip install 'pagefind[bin]'): an optional extra")
    for relpath, front_matter, body in ARTICLES:
        write_article(new_site, relpath, front_matter, body)
    _use_pagefind(new_site)
    built = build_site(new_site)

    bundle = built.site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    indexed = sum(language["page_count"] for language in entry["languages"].values())
    digest = built.digest
    # Articles, people, countries and outlets: home, lists, archive and threads carry no data-pagefind-body.
    assert indexed == len(digest["articles"]) + len(digest["people"]) + len(digest["countries"]) + \
        len(digest["outlets"])
    assert list((bundle / "index").glob("*.pf_index")), "no index chunks written"
    assert (bundle / "pagefind-ui.js").is_file()
    # Material's own index is switched off: readers never download it.
    assert not (built.site / "search" / "search_index.json").exists()

    article = built.html("articles/2024/10/02/sandu-wins/")
    assert "data-pagefind-body" in article
    assert 'class="md-header__button md-icon digest-search__open"' in article
    assert "assets/digest/search.js" in article
    assert 'data-md-component="search"' not in article  # no Material search box left behind


def test_pagefind_missing_fails_the_build_and_says_why(new_site, monkeypatch):
    _use_pagefind(new_site)
    monkeypatch.setattr("digest_plugin.glue.build.pagefind_installed", lambda: False)
    config = load_config(str(new_site / "mkdocs.yml"))
    with pytest.raises(PluginError, match=r"pagefind needs the Python package `pagefind`"):
        config.plugins.on_config(config)  # what `mkdocs build` runs first, before any page
