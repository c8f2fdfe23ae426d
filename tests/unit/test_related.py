"""Related stories and threads on a handful of short made-up articles."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from digest_plugin.core.model import Mention
from digest_plugin.core.related import (
    RelatedInput,
    RelatedParams,
    compute_related,
    fold_plural,
    salience,
    thread_id_for,
)

DAY = datetime(2024, 9, 15, 9, 0)

FLOOD_TEXT = (
    "Heavy rain burst the banks of the Vltava river overnight, flooding the old town of "
    "Cesky Krumlov. Rescue crews evacuated four hundred residents by boat and the mayor "
    "asked volunteers to fill sandbags near the castle bridge."
)


def article(
    id: str,
    title: str,
    text: str,
    days: float = 0,
    source: str = "Desk",
    people: list[Mention] | None = None,
    countries: list[Mention] | None = None,
) -> RelatedInput:
    return RelatedInput(
        id=id,
        title=title,
        text=text,
        date=DAY + timedelta(days=days),
        source=source,
        people=people or [],
        countries=countries or [],
    )


def fixture() -> list[RelatedInput]:
    cz = [Mention("CZ", count=3, in_headline=True, in_lead=True)]
    return [
        article("flood-1", "Vltava floods Cesky Krumlov", FLOOD_TEXT, 0, "Prague Daily", countries=cz),
        # The same wire copy, republished by two more outlets.
        article("flood-2", "Vltava floods Cesky Krumlov", FLOOD_TEXT, 0.1, "Brno Post", countries=cz),
        article("flood-3", "Vltava floods Cesky Krumlov", FLOOD_TEXT + " More soon.", 0.2, "Wire Mirror", countries=cz),
        # A follow-up of the same event, written anew.
        article(
            "flood-4",
            "Cesky Krumlov counts flood damage as the Vltava recedes",
            "The Vltava river fell back below its banks in Cesky Krumlov. Residents evacuated by "
            "boat returned to mud-filled homes; the mayor said sandbags saved the castle bridge.",
            2,
            "Central Europe Times",
            countries=cz,
        ),
        article(
            "budget",
            "Parliament passes the farm budget",
            "Lawmakers approved subsidies for dairy farmers and a new fund for irrigation after a "
            "long night of votes on tariffs and grain quotas.",
            1,
            "Prague Daily",
        ),
        article(
            "chess",
            "Teenager wins the national chess final",
            "A sixteen-year-old from Olomouc won the national chess championship with a bold "
            "queen sacrifice in the last round.",
            1,
            "Sports Wire",
        ),
    ]


def ids(links):
    return [link.id for link in links]


def test_duplicates_are_marked_and_a_wire_story_is_offered_once():
    result = compute_related(fixture(), k=5)
    first = result.related["flood-1"]
    duplicates = [link for link in first if link.kind == "duplicate"]
    assert sorted(ids(duplicates)) == ["flood-2", "flood-3"]
    assert all(link.reason.startswith("Same report, republished by") for link in duplicates)
    # From the follow-up, in the copies' thread, the copies come as reports of its story; without
    # offer_thread_copies the three count as one story and only one is offered.
    assert result.thread_of["flood-4"] == result.thread_of["flood-1"] is not None
    follow_up = result.related["flood-4"]
    assert sorted(ids(follow_up)) == ["flood-1", "flood-2", "flood-3"]
    assert all(link.kind == "same-story" for link in follow_up)
    once = compute_related(fixture(), k=5, params=RelatedParams(offer_thread_copies=False))
    assert len([i for i in ids(once.related["flood-4"]) if i.startswith("flood-")]) == 1


def test_a_wire_story_outside_the_own_thread_is_offered_once():
    # No threads at all (a bar no pair reaches): the copies are related to the follow-up, not
    # reports of its thread, so one of them stands for all three.
    params = RelatedParams(thread_similarity=2.0, thread_similarity_cap=2.0)
    result = compute_related(fixture(), k=5, params=params)
    assert result.threads == {}
    follow_up = ids(result.related["flood-4"])
    assert len([i for i in follow_up if i.startswith("flood-")]) == 1


def test_further_copies_come_after_the_threads_distinct_reports():
    from types import SimpleNamespace

    import numpy as np

    from digest_plugin.core.related_links import pick_links

    # Row 0 links to: 1, 2, 3 (one wire copy in three papers, the best scores), 4 (a distinct
    # report of row 0's thread, scoring less) and 5 (another story).
    names = ["me", "wire-a", "wire-b", "wire-c", "own", "other"]
    explain = SimpleNamespace(items=[SimpleNamespace(id=name) for name in names],
                              reason=lambda a, b, kind: kind)
    copy_of = ["me", "wire-a", "wire-a", "wire-a", "own", "other"]
    thread_of = ["t", "t", "t", "t", "t", None]
    neighbours = np.array([1, 2, 3, 4, 5])
    scores = np.array([0.9, 0.8, 0.7, 0.5, 0.6])
    rank = np.arange(6)

    def picked(k: int, **knobs) -> list[str]:
        links = pick_links(0, neighbours, scores, rank, k, copy_of, thread_of, explain, RelatedParams(**knobs))
        return [f"{link.id}:{link.kind}" for link in links]

    assert picked(5) == ["wire-a:same-story", "own:same-story", "wire-b:same-story", "wire-c:same-story",
                         "other:related"]
    assert picked(3) == ["wire-a:same-story", "own:same-story", "wire-b:same-story"]
    assert picked(5, offer_thread_copies=False) == ["wire-a:same-story", "own:same-story", "other:related"]


def test_unrelated_articles_get_no_weak_links():
    result = compute_related(fixture(), k=5)
    assert "chess" not in ids(result.related["flood-1"])
    assert "budget" not in ids(result.related["flood-4"])
    assert result.related["chess"] == []


def test_links_are_best_first_and_at_most_k_besides_duplicates():
    items = fixture()
    result = compute_related(items, k=1)
    for links in result.related.values():
        assert len([link for link in links if link.kind != "duplicate"]) <= 1
        scores = [link.score for link in links]
        assert scores == sorted(scores, reverse=True)


def test_event_forms_one_thread_with_stable_id_and_dated_order():
    items = fixture()
    result = compute_related(items, k=5)
    thread_id = result.thread_of["flood-1"]
    assert thread_id == thread_id_for("flood-1")
    thread = result.threads[thread_id]
    assert thread.article_ids == ["flood-1", "flood-2", "flood-3", "flood-4"]
    assert thread.sources == ["Prague Daily", "Brno Post", "Wire Mirror", "Central Europe Times"]
    assert result.thread_of["chess"] is None and result.thread_of["budget"] is None
    # Same input in another order: same threads, same ids.
    again = compute_related(list(reversed(items)), k=5)
    assert again.threads == result.threads


def test_same_story_reason_names_the_other_outlet():
    result = compute_related(fixture(), k=5)
    same_story = [link for link in result.related["flood-4"] if link.kind == "same-story"]
    assert same_story, result.related["flood-4"]
    assert same_story[0].reason == f"Same story, reported by {next(i.source for i in fixture() if i.id == same_story[0].id)}"


def test_related_reason_names_shared_people_and_countries_through_names():
    macron = Mention("Emmanuel Macron", count=2, in_headline=True)
    items = [
        article(
            "a",
            "Macron visits Kyiv",
            "The French president promised air defence systems during a visit to Kyiv.",
            people=[macron],
            countries=[Mention("UA", in_headline=True), Mention("FR")],
        ),
        article(
            "b",
            "Macron hosts donors conference",
            "Paris gathered donors who pledged reconstruction money for Kharkiv and other cities.",
            3,
            people=[macron],
            countries=[Mention("UA", in_lead=True), Mention("FR")],
        ),
    ] + [article(f"filler-{n}", f"Local news {n}", f"Item {n} about gardens and weather.", n, countries=[Mention("FR")]) for n in range(4)]
    result = compute_related(items, k=3, names={"UA": "Ukraine", "FR": "France"})
    link = result.related["a"][0]
    assert link.id == "b" and link.kind in {"related", "same-story"}
    if link.kind == "related":
        assert link.reason == "Also about Emmanuel Macron and Ukraine"
    # A callable works as well as a mapping.
    by_callable = compute_related(items, k=3, names=lambda code: {"UA": "Ukraine"}.get(code, code))
    assert by_callable.related["a"][0].id == "b"


def test_rare_shared_entity_outweighs_a_common_one():
    common = Mention("US")
    rare = Mention("Ana Lindqvist")
    base_text = "Officials met on {} to discuss shipping routes and port fees."
    items = [article("q", "Port talks", base_text.format("Monday"), people=[rare], countries=[common])]
    items.append(article("rare", "Port talks", base_text.format("Tuesday"), 1, people=[rare]))
    # The same words in another order: as close to "q" as "rare" is, yet not a copy of it.
    items.append(article("common", "Port talks", "On Tuesday officials met to discuss port fees and shipping routes.",
                         1, countries=[common]))
    items += [article(f"us-{n}", f"US item {n}", f"Story {n} on markets.", n, countries=[common]) for n in range(6)]
    # With the default weight the rare shared person ranks first; with no weight at all the
    # two are tied on text and the order says nothing.
    for params in (RelatedParams(), RelatedParams(entity_weight=0.25)):
        result = compute_related(items, k=5, params=params)
        assert ids(result.related["q"])[:2] == ["rare", "common"]


def test_closeness_in_time_breaks_ties():
    text = "The central bank raised its key interest rate by a quarter point to fight inflation."
    items = [
        article("now", "Rate rise", text),
        article("near", "Rate rise", text + " Markets fell.", 1),
        article("far", "Rate rise", text + " Markets fell.", 40),
    ]
    # A high duplicate threshold keeps these apart so the ranking is visible.
    result = compute_related(items, k=5, params=RelatedParams(duplicate_similarity=1.01))
    assert ids(result.related["now"]) == ["near", "far"]


def test_salience_rewards_headline_lead_and_mentions():
    assert salience(Mention("X", count=1)) < salience(Mention("X", count=4))
    assert salience(Mention("X")) < salience(Mention("X", in_lead=True)) < salience(Mention("X", in_headline=True))


def test_no_chaining_across_different_events():
    """A bridging article similar to two distinct events must not merge them into one thread."""
    quake = "An earthquake of magnitude six shook the coastal town; bridges cracked and schools closed."
    vote = "The senate vote on the pension reform passed narrowly after a night of amendments."
    items = [article(f"quake-{n}", "Earthquake shakes coast", quake + f" Update {n}.", n * 0.1) for n in range(3)]
    items += [article(f"vote-{n}", "Senate passes pension reform", vote + f" Update {n}.", n * 0.1) for n in range(3)]
    items.append(article("bridge", "Earthquake and pension vote", quake + " " + vote, 0.2))
    result = compute_related(items, k=5, params=RelatedParams(duplicate_similarity=1.01))
    quake_thread = result.thread_of["quake-0"]
    vote_thread = result.thread_of["vote-0"]
    assert quake_thread is not None and vote_thread is not None
    assert quake_thread != vote_thread


def test_edge_cases_empty_duplicate_ids_and_textless_items():
    assert compute_related([]).related == {}
    with pytest.raises(ValueError, match="duplicate article id 'x'"):
        compute_related([article("x", "A", "b"), article("x", "C", "d")])
    result = compute_related([article("a", "", ""), article("b", "the", "and")])
    assert result.related == {"a": [], "b": []}
    assert result.thread_of == {"a": None, "b": None}


def test_naive_and_aware_dates_mix():
    text = "Wildfire smoke closed the airport for a second day."
    items = [
        article("naive", "Smoke closes airport", text),
        RelatedInput("aware", "Smoke closes airport", text + " Flights resumed.", DAY.replace(tzinfo=UTC), "X", [], []),
    ]
    assert ids(compute_related(items).related["naive"]) == ["aware"]



def test_two_lone_reports_weeks_apart_are_two_stories_not_one_thread():
    """Same place, same cast, three weeks apart: a topic, not an event. A day apart: one event."""
    harbour = (
        "Voters in Valdoria went to the polls on the harbour reform; president Ilsa Marek urged "
        "turnout while the opposition alleged vote buying in the northern districts."
    )
    dam = (
        "Engineers in Ostmark inspected the cracked Kessel dam; minister Jon Varga ordered the "
        "reservoir lowered while villages downstream prepared evacuation routes."
    )
    items = [
        article("vote", "Valdoria votes on harbour reform", harbour, 0, "Wire A"),
        article("vote-next-day", "Valdoria harbour vote: turnout and fraud claims", harbour + " Counting went on.", 1, "Wire B"),
        article("dam", "Ostmark inspects cracked Kessel dam", dam, 0, "Wire C"),
        article("dam-weeks-later", "Ostmark inspects Kessel dam again", dam + " Repairs were costed.", 21, "Wire D"),
    ] + [
        article(f"other-{n}", f"Unrelated item {n}", f"Item {n} covers orchards, rainfall and a chess final.", n)
        for n in range(6)
    ]
    result = compute_related(items, k=5, params=RelatedParams(duplicate_similarity=1.01))
    assert result.thread_of["vote"] is not None
    assert result.thread_of["vote"] == result.thread_of["vote-next-day"]
    # As close in wording as the vote pair, but after three quiet weeks: two stories.
    assert result.thread_of["dam"] is None and result.thread_of["dam-weeks-later"] is None
    # Still offered as related: a thread is stricter than a link.
    assert "dam-weeks-later" in [link.id for link in result.related["dam"]]


def test_a_copy_shares_word_runs_while_an_own_report_only_shares_words():
    wire = ("Rescuers pulled two hikers from a crevasse on the Aletsch glacier on Sunday after a "
            "night in the ice, the cantonal police said, adding that both were taken to hospital in Brig.")
    trimmed_copy = wire.rsplit(",", 1)[0] + "."
    own_report = ("On Sunday the cantonal police said rescuers had pulled two hikers out of a crevasse "
                  "on the Aletsch glacier after a night in the ice; both were taken to hospital in Brig.")
    items = [
        article("wire", "Hikers rescued from Aletsch crevasse", wire, 0, "Alpine Wire"),
        article("copy", "Hikers rescued from Aletsch crevasse", trimmed_copy, 0.1, "Valais Times"),
        article("own", "Hikers rescued from Aletsch crevasse", own_report, 0.2, "Bern Courier"),
        *[article(f"other-{n}", f"Market note {n}", f"Shares in company {n} rose on results.", n) for n in range(5)],
    ]
    links = {link.id: link.kind for link in compute_related(items, k=5).related["wire"]}
    assert links["copy"] == "duplicate"
    assert links["own"] != "duplicate"


def test_fold_plural_maps_regular_plurals_onto_the_singular_and_leaves_other_words_alone():
    assert fold_plural("satellites") == "satellite"
    assert fold_plural("launches") == "launch"
    assert fold_plural("countries") == "country"
    assert fold_plural("boxes") == "box"
    for word in ("news", "bus", "analysis", "glass", "gas", "heroes", "rocket"):
        assert fold_plural(word) == word


def link_score(result, source: str, target: str) -> float:
    return next(link.score for link in result.related[source] if link.id == target)


def test_folded_plurals_let_singular_and_plural_reports_match_more():
    items = [
        article("plural", "Rockets carry weather satellites aloft",
                "Two rockets lifted off from the coast carrying weather satellites for the storm agency.", 0, "A"),
        article("singular", "Rocket carries weather satellite aloft",
                "A rocket lifted off from the coast carrying a weather satellite for the storm agency.", 1, "B"),
        *[article(f"other-{n}", f"Orchard note {n}", f"Apple harvest {n} was early this year.", n) for n in range(5)],
    ]
    params = RelatedParams(duplicate_similarity=1.01)
    folded = compute_related(items, k=5, params=params)
    literal = compute_related(items, k=5, params=RelatedParams(duplicate_similarity=1.01, fold_plurals=False))
    assert link_score(folded, "plural", "singular") > link_score(literal, "plural", "singular") + 0.1


def test_a_matching_headline_lifts_a_report_whose_page_is_mostly_navigation():
    """The same story on a page buried in menu links should still outrank a page that only
    shares some of the story's everyday words."""
    story = ("Mountain rescuers airlifted four climbers from the Eiger north face on Tuesday after "
             "a storm trapped them on a ledge overnight.")
    menu = " ".join(f"Section{n} Menu{n} Archive{n}" for n in range(40))
    items = [
        article("report", "Four climbers airlifted from Eiger north face", story, 0, "Alpine Daily"),
        article("buried", "Four climbers airlifted from Eiger", story[:70] + " " + menu, 0.2, "Portal"),
        article("weather", "Storm warning for the weekend",
                "A storm is due on Tuesday; rescuers urged hikers and climbers to avoid exposed ridges overnight "
                "and keep off the north face.", 0.1, "Weather Desk"),
        *[article(f"other-{n}", f"Orchard note {n}", f"Apple harvest {n} was early this year.", n) for n in range(5)],
    ]
    by_text = compute_related(items, k=5, params=RelatedParams(headline_weight=0.0, duplicate_similarity=1.01))
    with_headline = compute_related(items, k=5, params=RelatedParams(duplicate_similarity=1.01))
    # Scores, not order: which of the two joins the report's thread is a separate question.
    assert link_score(by_text, "report", "buried") < link_score(by_text, "report", "weather")
    assert link_score(with_headline, "report", "buried") > link_score(with_headline, "report", "weather")


def test_reasons_name_a_real_word_when_plurals_are_folded():
    items = [
        article("a", "Broadcaster renews drama", "The broadcaster renewed its drama series about lighthouse keepers.", 0),
        article("b", "Streaming deal for lighthouse saga", "A streaming service bought two series about lighthouse keepers.", 30),
        *[article(f"other-{n}", f"Orchard note {n}", f"Apple harvest {n} was early this year.", n) for n in range(5)],
    ]
    reasons = [link.reason for link in compute_related(items, k=5).related["a"] if link.id == "b"]
    assert reasons and reasons[0].startswith("Also mentions"), reasons
    assert "“series”" in reasons[0] and "sery" not in reasons[0]


# --- same topic, different events; dates that are not evidence ------------------------------


def undated(item: RelatedInput, ingest_day: float = 0) -> RelatedInput:
    """The article as ingested from an undated source: its date is the ingest day."""
    return replace(item, date=DAY + timedelta(days=ingest_day), dated=False)


def twin_quakes() -> list[RelatedInput]:
    """Two earthquakes on one (made-up) island, four years apart, two reports each: the same
    topic words, different towns, officials and years."""
    first = (
        "A magnitude 6.2 earthquake struck the island of Velora on Sunday, collapsing houses "
        "in the hill town of Pemara. Governor Ana Sulu said rescue teams were searching the "
        "rubble and that aftershocks had damaged the main road. It was the strongest quake on "
        "Velora since 2011; residents of Pemara slept outside. The island's airport stayed open "
        "and aid flights landed in 2019's worst week for the region."
    )
    second = (
        "Houses collapsed in the fishing port of Kitano when a strong earthquake hit Velora "
        "before dawn. Harbour chief Daro Menk said divers and volunteers were digging through "
        "the rubble of the market hall, and ferries to the mainland were halted. Kitano was "
        "rebuilt after a fire in 2023, and this is its second disaster of 2023, Menk said; "
        "aftershocks kept families on the beach."
    )
    return [
        article("pemara-1", "Earthquake collapses houses in Pemara on Velora", first, 0, "Wire A",
                people=[Mention("Ana Sulu", count=2, in_lead=True)]),
        article("pemara-2", "Velora quake: rescuers search Pemara rubble",
                first.replace("on Sunday", "early on Sunday") + " Schools closed.", 0.3, "Wire B",
                people=[Mention("Ana Sulu", in_lead=True)]),
        article("kitano-1", "Earthquake collapses houses in Kitano on Velora", second, 1400, "Wire C",
                people=[Mention("Daro Menk", count=2, in_lead=True)]),
        article("kitano-2", "Velora quake: rescuers search Kitano rubble",
                second.replace("a strong", "a powerful") + " Schools stayed shut.", 1400.4, "Wire D",
                people=[Mention("Daro Menk", in_lead=True)]),
    ] + [
        article(f"other-{n}", f"Unrelated item {n}", f"Item {n} covers orchards, rainfall and a chess final.", n)
        for n in range(6)
    ]


def test_undated_twin_events_on_one_topic_stay_two_threads():
    items = [undated(item) for item in twin_quakes()]
    result = compute_related(items, k=5, params=RelatedParams(duplicate_similarity=1.01))
    assert result.thread_of["pemara-1"] is not None
    assert result.thread_of["pemara-1"] == result.thread_of["pemara-2"]
    assert result.thread_of["kitano-1"] == result.thread_of["kitano-2"]
    assert result.thread_of["pemara-1"] != result.thread_of["kitano-1"]
    # Each report's own event ranks first.
    assert ids(result.related["pemara-1"])[0] == "pemara-2"
    assert ids(result.related["kitano-1"])[0] == "kitano-2"


def test_without_the_specifics_the_undated_twins_would_fuse():
    """The guard above is the specifics' doing: text alone joins the two quakes."""
    items = [undated(item) for item in twin_quakes()]
    blind = RelatedParams(
        duplicate_similarity=1.01, conflict_weight=0, thread_conflict_weight=0, thread_undated_factor=1
    )
    result = compute_related(items, k=5, params=blind)
    assert result.thread_of["pemara-1"] is not None
    assert result.thread_of["pemara-1"] == result.thread_of["kitano-1"]


def test_dated_twins_four_years_apart_are_two_threads_too():
    result = compute_related(twin_quakes(), k=5, params=RelatedParams(duplicate_similarity=1.01))
    assert result.thread_of["pemara-1"] == result.thread_of["pemara-2"] != result.thread_of["kitano-1"]


def test_an_ingest_day_is_no_evidence_against_one_story():
    """Two reports of one event, one ingested from an undated source 90 days later: as a date
    that would be a quiet quarter between them (no thread); as an ingest day it says nothing."""
    items = twin_quakes()[:2] + twin_quakes()[4:]
    late = [items[0], replace(items[1], date=DAY + timedelta(days=90)), *items[2:]]
    params = RelatedParams(duplicate_similarity=1.01)
    assert compute_related(late, k=5, params=params).thread_of["pemara-2"] is None
    ingested = [items[0], undated(items[1], ingest_day=90), *items[2:]]
    result = compute_related(ingested, k=5, params=params)
    assert result.thread_of["pemara-2"] is not None
    assert result.thread_of["pemara-2"] == result.thread_of["pemara-1"]
    # The time bonus is neither lost nor gained: scored as if published on one day.
    same_day = [items[0], replace(items[1], date=items[0].date), *items[2:]]
    expected = compute_related(same_day, k=5, params=params).related["pemara-1"][0].score
    assert result.related["pemara-1"][0].score == pytest.approx(expected)


def test_undated_same_outlet_reason_does_not_claim_an_order():
    items = [undated(item) for item in twin_quakes()]
    items[1] = replace(items[1], source="Wire A")
    result = compute_related(items, k=5, params=RelatedParams(duplicate_similarity=1.01))
    link = next(link for link in result.related["pemara-1"] if link.id == "pemara-2")
    assert link.kind == "same-story"
    assert link.reason == "Same story: another report from Wire A"


def ferry_reports() -> list[RelatedInput]:
    """Two undated reports of one grounding whose bodies tell different parts of it (the
    rescue; the crossings suspended), a fog report that shares body words with the first, and
    unrelated notes."""
    rescue = (
        "The passenger ferry Halvard ran aground on a sandbank off Tessel island in thick fog. "
        "Lifeboats took all 212 passengers ashore and nobody was hurt, the coast guard said. "
        "Volunteers handed out blankets and soup in the harbour hall, where a doctor checked "
        "the elderly and a school class on an outing waited for their parents. A fisherman who "
        "saw the lights go dark said the hull tilted slowly, and a retired pilot praised the "
        "calm crew. Church bells rang at midnight when the last boat landed."
    )
    crossings = (
        "Crossings are suspended until the Halvard is refloated, its operator said, offering refunds "
        "to travellers. Investigators will read the bridge log and check the radar. Hauliers "
        "fear empty shelves in island shops by the weekend, and the mayor asked the navy for a "
        "landing craft to carry milk, bread and medicine. Shares in the shipping line fell in "
        "early trading, insurers sent assessors, and the union asked why the older vessel "
        "was still in service after two engine faults last winter."
    )
    fog = (
        "Thick fog closed the regional airport and slowed shipping. The coast guard asked passengers "
        "and crews to take care; lifeboats stood by and ferry crossings ran late."
    )
    notes = [
        ("orchard", "Orchard note", "The apple harvest was early this year and cider makers are pleased."),
        ("chess", "Chess final", "A teenager won the national chess final with a queen sacrifice."),
        ("budget", "Farm budget", "Lawmakers approved dairy subsidies after a night of votes."),
        ("museum", "Museum reopens", "The city museum reopened its painting galleries after a long refit."),
        ("choir", "Choir tour", "The youth choir starts a spring tour of cathedral towns."),
    ]
    return [undated(item) for item in [
        article("ferry-1", "Ferry Halvard runs aground off Tessel island", rescue, 0, "Coast Wire"),
        article("ferry-2", "Halvard aground off Tessel: operator suspends crossings", crossings, 0, "Island Times"),
        article("fog", "Fog grounds flights and slows coastal shipping", fog, 0, "Weather Desk"),
        *(article(key, title, text, n + 1) for n, (key, title, text) in enumerate(notes)),
    ]]


def test_a_shared_headline_keeps_reports_that_tell_different_parts_in_one_thread():
    """Without dates, two reports of one event whose bodies diverge are held together by their
    headlines (the ferry's and the island's names); the fog report, which shares body words
    but not the headline, stays out. The bar is set as a busier digest's background would."""
    bar = 0.17
    with_headline = compute_related(ferry_reports(), k=5, params=RelatedParams(
        duplicate_similarity=1.01, thread_similarity=bar))
    text_only = compute_related(ferry_reports(), k=5, params=RelatedParams(
        duplicate_similarity=1.01, thread_similarity=bar, thread_headline_weight=0.0))
    assert with_headline.thread_of["ferry-1"] is not None
    assert with_headline.thread_of["ferry-1"] == with_headline.thread_of["ferry-2"]
    assert with_headline.thread_of["fog"] is None
    assert text_only.thread_of["ferry-1"] is None


def test_a_small_digest_of_one_beat_still_gets_its_story():
    """The reading fixture: 13 articles on floods, Poland and Germany, so the background text
    cosine is high; its four reports of one Oder flood (four days, two outlets) are one thread."""
    from pathlib import Path

    from digest_plugin.core.articles import article_from_text

    folder = Path(__file__).resolve().parents[1] / "fixtures" / "reading" / "articles"
    articles = [article_from_text(path.read_text(encoding="utf-8"), path.name) for path in sorted(folder.glob("*.md"))]
    items = [RelatedInput(id=a.id, title=a.title, text=f"{a.summary}\n\n{a.body}", date=a.date, source=a.source,
                          people=[], countries=[], dated=not a.undated) for a in articles]
    threads = list(compute_related(items, k=5).threads.values())
    assert [sorted(t.article_ids) for t in threads] == [[f"reading-oder-{n}" for n in range(1, 5)]]
