"""Who said what, end to end: wire copy written for this test (the seed's kinds of attribution,
in other words) ingested into a new digest and built; digest.json, the person page and the
article page show the quotations with the right speakers and nothing for the rest."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "quotes" / "lisbon_envoy.txt"

EXPECTED = [{"speaker": speaker, "text": text} for speaker, text in [
    ("Rita Carvalho", "owes Kyiv patience and far more ammunition"),
    ("Rita Carvalho", "The prime minister has never ruled anything in or out, and nothing has changed since."),
    ("Rita Carvalho", "think first about air defence."),
    ("Rita Carvalho", "We keep announcing what we will never do, and that only helps the other side."),
    ("Tomas Vidal", "nobody in Lisbon wants a war with Moscow"),
    ("Tomas Vidal", "seek a confrontation."),
    ("Tomas Vidal", "We are ready ... to talk to anyone who wants peace."),
    ("Joana Reis", "could drag us into something nobody voted for."),
    ("Dmitry Peskov", "reckless"),
    ("Vladimir Putin", "a direct clash with Russia."),
]]


def _run(args, cwd):
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True)


def test_quotations_of_an_ingested_article_reach_digest_json_and_pages(tmp_path):
    root = tmp_path / "d"
    assert _run(["digest_plugin.cli", "new", str(root)], tmp_path).returncode == 0
    ingest = _run(["digest_plugin.cli", "ingest", "--date", "2024-09-16", str(FIXTURE)], root)
    assert ingest.returncode == 0, ingest.stderr
    build = _run(["mkdocs", "build", "--strict"], root)
    assert build.returncode == 0, build.stderr
    data = json.loads((root / "site" / "digest.json").read_text(encoding="utf-8"))
    [article] = data["articles"]
    # Every quotation with its speaker, in text order; nothing for the ministry ("under
    # review"), the unnamed official ("premature and unhelpful") or the term ("calculated vagueness").
    assert article["quotes"] == EXPECTED
    people = {p["name"]: p["url"] for p in data["people"]}
    assert {q["speaker"] for q in article["quotes"]} <= set(people)

    person_html = (root / "site" / people["Tomas Vidal"] / "index.html").read_text(encoding="utf-8")
    assert "In their words" in person_html
    assert "We are ready ... to talk to anyone who wants peace." in person_html
    assert "owes Kyiv patience" not in person_html  # Carvalho's words stay on her page
    article_html = (root / "site" / article["url"] / "index.html").read_text(encoding="utf-8")
    assert 'class="digest-quoted"' in article_html and "4 quotations" in article_html
