"""First-mention cross-links: where they go, and every place they must never go."""

from __future__ import annotations

from digest_plugin.siteview.crosslink import link_first_mentions

MACRON = (["Emmanuel Macron", "Macron"], "/people/emmanuel-macron/")
FRANCE = (["France", "French"], "/countries/fr/")
UKRAINE = (["Ukraine"], "/countries/ua/")


def test_links_only_the_first_mention_of_each_entity():
    body = "Macron spoke in France. Later Macron left France for Ukraine.\n"
    assert link_first_mentions(body, [MACRON, FRANCE, UKRAINE]) == (
        "[Macron](/people/emmanuel-macron/) spoke in [France](/countries/fr/). "
        "Later Macron left France for [Ukraine](/countries/ua/).\n"
    )


def test_one_link_per_entity_across_its_surfaces():
    body = "French officials said France would wait.\n"
    assert link_first_mentions(body, [FRANCE]) == "[French](/countries/fr/) officials said France would wait.\n"


def test_longer_surface_wins_at_the_same_place():
    body = "Emmanuel Macron arrived.\n"
    assert link_first_mentions(body, [MACRON]) == "[Emmanuel Macron](/people/emmanuel-macron/) arrived.\n"


def test_word_boundaries():
    body = "Frances and Ukrainex are not mentions, but Ukraine is.\n"
    assert link_first_mentions(body, [FRANCE, UKRAINE]) == (
        "Frances and Ukrainex are not mentions, but [Ukraine](/countries/ua/) is.\n"
    )


def test_case_sensitive_proper_nouns():
    body = "They ate turkey in Turkey.\n"
    assert link_first_mentions(body, [(["Turkey"], "/countries/tr/")]) == "They ate turkey in [Turkey](/countries/tr/).\n"


def test_atx_and_setext_headings_are_skipped_and_the_first_prose_mention_is_linked():
    body = "# Macron in Ukraine\n\nUkraine talks\n-------------\n\nMacron met officials in Ukraine.\n"
    assert link_first_mentions(body, [MACRON, UKRAINE]) == (
        "# Macron in Ukraine\n\nUkraine talks\n-------------\n\n"
        "[Macron](/people/emmanuel-macron/) met officials in [Ukraine](/countries/ua/).\n"
    )


def test_existing_links_images_and_autolinks_are_untouched():
    body = (
        "See [Macron's speech](https://example.org/macron) and ![France map](france.png) "
        "or <https://example.org/France>; then [Ukraine][ref] and [France].\n"
        "Macron spoke.\n"
    )
    result = link_first_mentions(body, [MACRON, FRANCE, UKRAINE])
    assert result == (
        "See [Macron's speech](https://example.org/macron) and ![France map](france.png) "
        "or <https://example.org/France>; then [Ukraine][ref] and [France].\n"
        "[Macron](/people/emmanuel-macron/) spoke.\n"
    )


def test_inline_code_is_untouched():
    body = "Run `grep Macron` before Macron speaks.\n"
    assert link_first_mentions(body, [MACRON]) == (
        "Run `grep Macron` before [Macron](/people/emmanuel-macron/) speaks.\n"
    )


def test_fenced_code_with_backticks_and_tildes_is_untouched():
    body = "```\nMacron\n```\n\n~~~~ text\nFrance\n~~~~\n\nMacron and France.\n"
    assert link_first_mentions(body, [MACRON, FRANCE]) == (
        "```\nMacron\n```\n\n~~~~ text\nFrance\n~~~~\n\n"
        "[Macron](/people/emmanuel-macron/) and [France](/countries/fr/).\n"
    )


def test_indented_code_block_is_untouched_through_all_its_lines():
    body = "Intro.\n\n    France\n    Macron\n\nMacron in France.\n"
    assert link_first_mentions(body, [MACRON, FRANCE]) == (
        "Intro.\n\n    France\n    Macron\n\n"
        "[Macron](/people/emmanuel-macron/) in [France](/countries/fr/).\n"
    )


def test_html_tags_attributes_and_blocks_are_untouched():
    body = (
        '<div class="France">\nMacron inside a block\n</div>\n\n'
        'A <span title="Macron">quote</span> from Macron.\n'
    )
    assert link_first_mentions(body, [MACRON, FRANCE]) == (
        '<div class="France">\nMacron inside a block\n</div>\n\n'
        'A <span title="Macron">quote</span> from [Macron](/people/emmanuel-macron/).\n'
    )


def test_reference_definitions_and_bare_urls_are_untouched():
    body = "[ref]: https://example.org/Ukraine\n\nhttps://example.org/Ukraine then Ukraine.\n"
    assert link_first_mentions(body, [UKRAINE]) == (
        "[ref]: https://example.org/Ukraine\n\nhttps://example.org/Ukraine then [Ukraine](/countries/ua/).\n"
    )


def test_no_targets_or_no_mentions_leave_text_identical():
    body = "# Title\n\nNothing to see.\n"
    assert link_first_mentions(body, []) == body
    assert link_first_mentions(body, [MACRON]) == body


def test_surface_with_regex_characters_is_matched_literally():
    body = "The U.S. and USxS differ.\n"
    assert link_first_mentions(body, [(["U.S."], "/countries/us/")]) == "The [U.S.](/countries/us/) and USxS differ.\n"


def test_line_endings_and_trailing_text_are_preserved():
    body = "Macron\r\nspoke"
    assert link_first_mentions(body, [MACRON]) == "[Macron](/people/emmanuel-macron/)\r\nspoke"
