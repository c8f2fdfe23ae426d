"""The walking skeleton end to end, as a new user runs it: `digest new`, `digest ingest`, `mkdocs build --strict`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _run(args, cwd):
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True)


def _new_site(tmp_path: Path) -> Path:
    root = tmp_path / "d"
    assert _run(["digest_plugin.cli", "new", str(root)], tmp_path).returncode == 0
    return root


def _ingest_and_build(root: Path, source: Path, *extra: str) -> dict:
    ingest = _run(["digest_plugin.cli", "ingest", *extra, str(source)], root)
    assert ingest.returncode == 0, ingest.stderr
    build = _run(["mkdocs", "build", "--strict"], root)
    assert build.returncode == 0, build.stderr
    return json.loads((root / "site" / "digest.json").read_text(encoding="utf-8"))


def test_wire_copy_becomes_an_article_with_entity_pages(tmp_path):
    root = _new_site(tmp_path)
    data = _ingest_and_build(root, FIXTURES / "wire" / "berlin_talks.txt", "--date", "2024-10-18")
    [article] = data["articles"]
    assert article["source"] == "Example Wire"
    assert article["authors"] == ["Nora Lindqvist"]
    assert article["date"] == "2024-10-18"
    assert set(article["people"]) == {"Olaf Scholz", "Emmanuel Macron", "Dmitry Peskov"}
    assert set(article["countries"]) == {"DE", "FR", "UA", "RU"}
    written = list((root / "content" / "articles" / "2024" / "10" / "18").glob("*.md"))
    assert [p.name for p in written] == ["scholz-and-macron-agree-to-speed-up-air-defence-for-ukraine.md"]
    text = written[0].read_text(encoding="utf-8")
    assert "contributed to this report" not in text
    assert text.count("Scholz and Macron agree to speed up air defence") == 1  # the repeated headline is dropped
    article_html = (root / "site" / article["url"] / "index.html").read_text(encoding="utf-8")
    for entry_url in ("people/emmanuel-macron/", "countries/fr/"):
        page = (root / "site" / entry_url / "index.html").read_text(encoding="utf-8")
        assert article["url"].rstrip("/").rsplit("/", 1)[-1] in page
        assert entry_url in article_html


def test_ingesting_the_same_file_twice_creates_no_second_article(tmp_path):
    root = _new_site(tmp_path)
    source = FIXTURES / "wire" / "berlin_talks.txt"
    _ingest_and_build(root, source, "--date", "2024-10-18")
    data = _ingest_and_build(root, source, "--date", "2024-10-18")
    assert len(data["articles"]) == 1
    assert len(list((root / "content" / "articles").rglob("*.md"))) == 1


def test_the_seed_article(tmp_path, shared_dir):
    """The walking skeleton's acceptance, on the seed article itself (skips without ../shared)."""
    root = _new_site(tmp_path)
    data = _ingest_and_build(root, shared_dir / "seeds" / "000_538d3bbc696e1adc.txt", "--date", "2024-09-15")
    [article] = data["articles"]
    assert article["source"] == "RT.com"
    assert article["authors"] == ["Alejandro Jose Martinez"]
    assert sorted(article["people"]) == sorted([
        "Emmanuel Macron", "Benjamin Haddad", "Nicolas Sarkozy", "Margarita Robles", "Matteo Salvini",
        "Joe Biden", "Olaf Scholz", "Dmitry Peskov", "Vladimir Putin"])
    assert sorted(article["countries"]) == ["DE", "ES", "FR", "IT", "RU", "UA", "US"]


def test_hostile_feed_ingested_into_a_digest_builds_inert(tmp_path):
    """The whole path with the digest plugin and Material: nothing from the feed runs in the site."""
    root = _new_site(tmp_path)
    _ingest_and_build(root, FIXTURES / "ingest" / "hostile.rss")
    payloads = ("alert(", "steal()", "onclick=", "onerror=", "onmouseover=", "evil.example", "javascript:",
                "data:text/html", "display:none")
    for page in (root / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        # Inert text may mention the payload, escaped; no tag or attribute may carry it.
        for tag in re.findall(r"<[a-zA-Z][^>]*>", html):
            assert not any(payload in tag for payload in payloads), f"{page.relative_to(root)}: {tag}"
        for script in re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.S):
            assert "alert(" not in script and "steal()" not in script, page.relative_to(root)
    article = next((root / "site" / "articles").rglob("index.html")).read_text(encoding="utf-8")
    assert "Council approved the plan." in article
    assert 'href="https://ok.example/page"' in article
