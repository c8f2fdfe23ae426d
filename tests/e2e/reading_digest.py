"""The digest the reading tests look at: the fixture in tests/fixtures/reading plus, where
../shared is here, a few real records ingested the way an editor would.

Real records (read by path from ../shared, written only into the test's temp folder): the seed
(plain text without a date, so ingest stamps it undated), a news-please record whose authors are
"Deutsche Welle, Www.Dw.Com, Author, Carsten Grün" and two more of its event, a CNN page whose
byline ends ", Tom Watkins, CNN", and the first five items of the Guardian's feed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from tests.conftest import REPO, SHARED

FIXTURE = REPO / "tests" / "fixtures" / "reading"
CORPORA = SHARED / "corpora"
NEWS_CLUSTER = CORPORA / "giveme5w1h" / "news_cluster" / "data"
DW_RECORD = NEWS_CLUSTER / "0302058689a7d4ed34fcc2e78c4addbcf35932b4df5d16c44869da0d.json"
CNN_PAGE = CORPORA / "html" / "newspaper" / "html" / "cnn_article.html"
GUARDIAN_FEED = CORPORA / "feeds" / "rss-parser" / "guardian.rss"
SEED = SHARED / "seeds" / "000_538d3bbc696e1adc.txt"


def _run(args: list[str], cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True)


def _real_inputs(work: Path) -> list[Path]:
    """The real records to ingest, the feed trimmed to five items; [] without ../shared."""
    if not (DW_RECORD.is_file() and SEED.is_file()):
        return []
    inputs = [SEED, DW_RECORD]
    event = json.loads(DW_RECORD.read_text(encoding="utf-8"))["newsCluster"]["EventId"]
    same_event = sorted(path for path in NEWS_CLUSTER.glob("*.json") if path != DW_RECORD and
                        json.loads(path.read_text(encoding="utf-8")).get("newsCluster", {}).get("EventId") == event)
    inputs += same_event[:2]
    if CNN_PAGE.is_file():
        inputs.append(CNN_PAGE)
    if GUARDIAN_FEED.is_file():
        tree = ElementTree.parse(GUARDIAN_FEED)
        channel = tree.getroot().find("channel")
        if channel is not None:
            for item in channel.findall("item")[5:]:
                channel.remove(item)
            trimmed = work / "guardian-first-five.rss"
            tree.write(trimmed, encoding="utf-8", xml_declaration=True)
            inputs.append(trimmed)
    return inputs


def build_reading_digest(root: Path, cache_dir: Path, *, search: str = "material") -> tuple[Path, bool]:
    """Scaffold a site in `root`, add the fixture and the real records, build it with --strict.
    Returns (site folder, whether real records were ingested)."""
    env = {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
           "NO_MKDOCS_2_WARNING": "1"}
    result = _run(["-m", "digest_plugin.cli", "new", str(root), "--name", "The Reading Desk"], REPO, env)
    assert result.returncode == 0, result.stderr
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "  - digest\n", f"  - digest:\n      cache_dir: {cache_dir}\n      search: {search}\n")
    config.write_text(text, encoding="utf-8")
    articles = root / "content" / "articles" / "fixture"
    articles.mkdir(parents=True)
    for article in sorted((FIXTURE / "articles").glob("*.md")):
        shutil.copy(article, articles / article.name)
    real = _real_inputs(root)
    if real:
        # Exit 1 would name a record that failed; every one of these is expected to go in.
        result = _run(["-m", "digest_plugin.cli", "ingest", "--into", str(root), *map(str, real)], root, env)
        assert result.returncode == 0, result.stdout + result.stderr
    site = root / "site"
    result = _run(["-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)], root, env)
    assert result.returncode == 0, result.stderr
    return site, bool(real)
