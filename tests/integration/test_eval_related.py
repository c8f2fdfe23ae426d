"""bench/eval_related.py: its metrics, and its build path (records -> digest new -> ingest ->
mkdocs build -> digest.json -> events) on four made-up labelled articles."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "eval_related.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("eval_related", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = load_bench()


def test_capped_precision_counts_missing_links_as_misses():
    events = {"a": 1, "b": 1, "c": 1, "x": 2, "y": 2}
    ranked = {
        "a": ["b", "x", "c"],  # cap 2: b hits, x misses -> 1/2
        "b": ["a"],  # cap 2, one link: 1/2
        "c": ["a", "b"],  # 2/2
        "x": [],  # cap 1, nothing offered: 0
        "y": ["x"],  # 1/1
    }
    assert bench.capped_precision(ranked, events) == pytest.approx((0.5 + 0.5 + 1 + 0 + 1) / 5)


def test_capped_precision_on_some_events_scores_only_their_articles_but_keeps_all_links():
    events = {"a": 1, "b": 1, "x": 2, "y": 2}
    ranked = {"a": ["x"], "b": ["a"], "x": ["y"], "y": ["x"]}
    # Event 1 alone: a misses (its link goes to event 2, still a known article), b hits.
    assert bench.capped_precision(ranked, events, scored_events={1}) == pytest.approx(0.5)
    assert bench.capped_precision(ranked, events, scored_events={2}) == pytest.approx(1.0)


def test_event_halves_are_stable_and_both_used():
    halves = [bench.event_half(event) for event in range(40)]
    assert set(halves) == {0, 1}
    assert halves == [bench.event_half(event) for event in range(40)]
    assert bench.event_half(7) == bench.zlib.crc32(b"7") % 2


def test_purity_and_completeness_treat_unthreaded_articles_as_singletons():
    events = {"a": 1, "b": 1, "c": 1, "x": 2, "y": 2}
    thread_of = {"a": "t1", "b": "t1", "x": "t1", "c": None, "y": None}
    purity, completeness = bench.purity_completeness(thread_of, events)
    # t1's majority is event 1: a and b are pure, x is not; c and y are pure singletons.
    assert purity == pytest.approx(4 / 5)
    # Event 1: 2 of 3 in its largest group; event 2: 1 of 2.
    assert completeness == pytest.approx((2 + 1) / 5)


def record(title: str, text: str, url: str, day: str, event: int) -> dict:
    return {
        "title": title,
        "text": text,
        "description": "",
        "url": url,
        "date_publish": f"2024-03-{day}T08:00:00",
        "source_domain": url.split("/")[2],
        "authors": [],
        "newsCluster": {"EventId": event},
    }


FERRY = (
    "A passenger ferry ran aground on a sandbank outside the port of Tallinn on Tuesday.\n"
    "Coast guard boats took all ninety passengers ashore and nobody was hurt.\n"
    "The operator said the ferry would be towed off the sandbank at high tide."
)
ORCHARD = (
    "A late frost destroyed most of the apple blossom in the orchards around Lleida.\n"
    "Growers said the harvest could fall by half and asked the region for emergency aid.\n"
    "Agronomists advised covering young trees with fleece during cold nights."
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    records = {
        "ferry-1": record("Ferry runs aground outside Tallinn", FERRY, "https://one.example/ferry", "05", 1),
        "ferry-2": record(
            "Tallinn ferry aground on sandbank, ninety passengers safe",
            FERRY.replace("Tuesday", "Tuesday morning"),
            "https://two.example/ferry-aground",
            "05",
            1,
        ),
        "frost-1": record("Frost ruins apple blossom around Lleida", ORCHARD, "https://one.example/frost", "06", 2),
        "frost-2": record(
            "Lleida growers ask for aid after frost kills blossom",
            ORCHARD.replace("by half", "by more than half"),
            "https://three.example/lleida-frost",
            "07",
            2,
        ),
    }
    for stem, content in records.items():
        (folder / f"{stem}.json").write_text(json.dumps(content), encoding="utf-8")
    return folder


def test_records_leave_the_event_label_out(corpus: Path, tmp_path: Path):
    _, events = bench.load(corpus)
    destination = tmp_path / "records.jsonl"
    stem_of_url = bench.write_records(corpus, events, destination)
    lines = [json.loads(line) for line in destination.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 4 and all("newsCluster" not in line for line in lines)
    assert stem_of_url["https://two.example/ferry-aground"] == "ferry-2"


def test_build_path_maps_every_article_back_and_measures_digest_json(corpus: Path, tmp_path: Path):
    _, events = bench.load(corpus)
    digest, stem_of_id = bench.build_digest(corpus, events, tmp_path / "build")
    assert sorted(stem_of_id.values()) == sorted(events)
    stem_of_url = {article["url"]: stem_of_id[article["id"]] for article in digest["articles"]}
    ranked = {stem_of_id[a["id"]]: [stem_of_url[url] for url in a["related"]] for a in digest["articles"]}
    thread_of = {stem_of_id[a["id"]]: a["thread"] for a in digest["articles"]}
    assert bench.capped_precision(ranked, events) == 1.0
    assert bench.purity_completeness(thread_of, events) == (1.0, 1.0)


def test_purity_and_completeness_on_some_events_keep_whole_groups():
    events = {"a": 1, "b": 1, "c": 1, "x": 2, "y": 2}
    thread_of = {"a": "t1", "b": "t1", "x": "t1", "c": None, "y": None}
    # Event 2 alone: x sits in a thread whose majority is event 1 (judged with all members).
    purity, completeness = bench.purity_completeness(thread_of, events, scored_events={2})
    assert purity == pytest.approx(1 / 2)
    assert completeness == pytest.approx(1 / 2)


def test_undated_records_leave_the_date_out_and_undated_items_share_one_unknown_day(corpus: Path, tmp_path: Path):
    items, events = bench.load(corpus)
    destination = tmp_path / "records.jsonl"
    bench.write_records(corpus, events, destination, dated=False)
    lines = [json.loads(line) for line in destination.read_text(encoding="utf-8").splitlines()]
    assert lines and all("date_publish" not in line for line in lines)
    flat = bench.undated(items)
    assert {item.date for item in flat} == {bench.UNDATED_DAY}
    assert not any(item.dated for item in flat) and all(item.dated for item in items)


def test_undated_build_marks_every_article_undated(corpus: Path, tmp_path: Path):
    import frontmatter

    _, events = bench.load(corpus)
    digest, stem_of_id = bench.build_digest(corpus, events, tmp_path / "build", dated=False)
    assert sorted(stem_of_id.values()) == sorted(events)
    pages = list((tmp_path / "build" / "site-src" / "content").rglob("*.md"))
    metas = [frontmatter.load(page).metadata for page in pages]
    articles = [meta for meta in metas if "id" in meta]
    assert len(articles) == 4 and all(meta.get("undated") is True for meta in articles)
    thread_of = {stem_of_id[a["id"]]: a["thread"] for a in digest["articles"]}
    assert bench.purity_completeness(thread_of, events)[0] == 1.0
