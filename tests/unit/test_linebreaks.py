"""Line breaks of plain-text bodies: hard-wrapped lines run on, one-block-per-line text stays apart."""

from __future__ import annotations

import textwrap
from pathlib import Path

from digest_plugin.core.ingest.base import ReadOptions, plain_body_to_markdown
from digest_plugin.core.ingest.linebreaks import detect_layout, unindented_paragraphs
from digest_plugin.core.ingest.records import read_json

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


def read_one(name: str):
    (article,) = read_json((FIXTURES / name).read_bytes(), name, ReadOptions(warn=lambda message: None))
    return article


def paragraphs(body: str) -> list[str]:
    return body.strip("\n").split("\n\n")


def test_web_article_keeps_captions_credits_and_headings_apart():
    body = paragraphs(read_one("web_one_block_per_line.json").body)
    assert body[:3] == [
        "Harbour town counts the cost after the autumn storm",
        "Staff reporter | Updated: 2024-10-03 08:15",
        "Photo",
    ]
    assert body[3].startswith("Fishermen in the small port")
    assert body[4] == "Boats lie stacked against the sea wall on Wednesday morning. Tomas Varga/Coastal Press"
    assert body[5].startswith("Mayor Ilse Brandt said")
    assert body[6:8] == ["Related: Why autumn storms are getting stronger", "WHAT COMES NEXT"]
    # A sentence broken across two lines (the next starts in lower case) is still one paragraph.
    assert body[8] == ("Insurers have sent assessors to the town, and the coast guard said it expected to reopen "
                       "the harbour entrance to small vessels by Friday.")
    assert body[9:] == ["Read more", "By Petra Holm"]


def test_hard_wrapped_wire_paragraphs_are_joined_and_a_heading_kept():
    body = paragraphs(read_one("wire_hard_wrapped.json").body)
    assert len(body) == 4
    # The first line is short (its dateline was cut) yet runs on into the paragraph.
    assert body[0].startswith("Grain traders cut their estimates for the northern wheat crop on Monday")
    assert body[0].endswith("said in its weekly report.")
    assert body[1].startswith("The cooperative now expects") and body[1].endswith("since April.")
    assert body[2] == "FORECAST BY REGION"
    assert body[3].startswith("Export sales") and body[3].endswith("told reporters.")


def test_layout_is_told_from_line_widths():
    prose = ("The committee met for a third day without agreeing on the budget, and members said a vote "
             "might slip into next week unless the two largest groups settle their dispute over spending.")
    wrapped = textwrap.wrap(prose, 60)
    assert detect_layout(wrapped).wrap_width == max(len(line) for line in wrapped)
    # Short lines of scattered widths are one block per line even though all fit 100 columns.
    listing = ["Five things to know today", "Markets slip as oil climbs", "Weather",
               "Council approves the new bridge over the river Alde", "Sport"]
    assert detect_layout(listing).wrap_width is None
    assert unindented_paragraphs(listing) == listing
    # Long lines are never a display wrap.
    web = [prose, "Photo: a committee room", prose]
    assert detect_layout(web).wrap_width is None


def test_short_line_inside_wrapped_text_does_not_run_on():
    wrapped = textwrap.wrap("Shipments of copper from the northern mines rose in the first quarter as new "
                            "smelting capacity came on stream and rail links were repaired after floods.", 62)
    table = ["Copper 41,200 tonnes vs 38,900", "Zinc 12,050 tonnes vs 12,700"]
    text = "\n".join(wrapped[:-1] + [wrapped[-1]] + table)
    assert paragraphs(plain_body_to_markdown(text))[-2:] == table


def test_two_line_text_within_a_display_width_runs_on_as_before():
    assert plain_body_to_markdown("Acme Tools Inc said it has named\nJane Park chief executive.") == (
        "Acme Tools Inc said it has named Jane Park chief executive.")


def test_indented_and_blank_line_conventions_are_unchanged():
    indented = "First line of the story\ncontinues here.\n    Second paragraph\nwraps on."
    assert plain_body_to_markdown(indented) == "First line of the story continues here.\n\nSecond paragraph wraps on."
    blank = "One paragraph\nwith a break.\n\nAnother."
    assert paragraphs(plain_body_to_markdown(blank))[1] == "Another."
