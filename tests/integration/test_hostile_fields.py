"""Hostile text in places other than an article's headline and body markup, ingested and built for
real: what an article quotes its people as saying reaches person pages and digest.json as the
words of the story (plain text), whatever markup or entities the Markdown spelled them with."""

from __future__ import annotations

import json
from pathlib import Path

from digest_plugin.cli.new import scaffold
from digest_plugin.core.articles import load_front_matter
from digest_plugin.core.ingest.sanitize import PARAGRAPH_MAX_CHARS
from tests.ingest_cli import run_ingest
from tests.integration.conftest import build_site, write_article

# Plain-text wire copy whose quotation holds characters Markdown must escape ("<", "&").
WIRE = {
    "title": "Port talks stall",
    "maintext": "Ada Lovelace met the harbour board in Lisbon on Monday.\n\n"
                "\"Costs < 2% & we wait,\" Ada Lovelace said after the meeting.",
    "date_publish": "2024-05-02 09:00:00",
    "source_domain": "quay.example",
}
# A hand-written article whose quotation carries raw markup: the page shows it as text, and no
# output may carry it as markup.
HAND = """\
Ada Lovelace spoke to dockers in Porto on Tuesday.

"We will <b onclick='alert(1)'>never</b> sign &lt;img src=x onerror=alert(2)&gt; this deal," Ada Lovelace said.
"""


def test_quotations_reach_pages_and_digest_json_as_plain_text(tmp_path: Path):
    root = tmp_path / "site"
    scaffold(root, "Quotes test")
    record = tmp_path / "wire.json"
    record.write_text(json.dumps(WIRE), encoding="utf-8")
    assert run_ingest("--into", str(root), str(record)) == 0
    write_article(root, "2024/05/03/porto.md", "title: Dockers hear Lovelace\ndate: 2024-05-03\nsource: Desk", HAND)
    built = build_site(root, strict=False, allow_warnings=True)

    quotes = {q["text"] for a in built.digest["articles"] for q in a["quotes"]}
    assert "Costs < 2% & we wait" in quotes  # the story's words, not their Markdown spelling
    assert "We will never sign this deal" in quotes  # tags (and tags hidden in entities) dropped

    page = built.html("people/ada-lovelace/")
    assert "Costs &lt; 2% &amp; we wait" in page  # escaped once, so the reader sees "<"
    assert "&amp;lt;" not in page and "onclick" not in page and "onerror" not in page


def test_c1_control_characters_leave_one_line_fields(tmp_path: Path):
    # U+009B is the one-character CSI of 8-bit terminals, U+0080..U+009F are controls as much as
    # ESC is; one-line fields drop control characters (core/articles.py), these included.
    root = tmp_path / "site"
    scaffold(root, "Controls test")
    record = tmp_path / "wire.json"
    record.write_text(json.dumps({"title": "Harbour\x9b2J talks\x90 resume", "maintext": "Dockers met in Lisbon.",
                                  "date_publish": "2024-05-02", "source_domain": "Quay\x9d Post",
                                  "description": "Talks\x8d resume."}), encoding="utf-8")
    assert run_ingest("--into", str(root), str(record)) == 0
    built = build_site(root, strict=False, allow_warnings=True)
    (article,) = built.digest["articles"]
    assert (article["title"], article["source"]) == ("Harbour2J talks resume", "Quay Post")
    feed = (built.site / "feed.xml").read_text(encoding="utf-8")
    assert not [char for char in feed if 0x80 <= ord(char) <= 0x9F]


_BIDI_CONTROLS = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}


def test_bidirectional_overrides_leave_every_output(tmp_path: Path):
    # An override makes a headline or a name display in another order than it reads (a spoof);
    # Arabic text displays right without one, and its letters stay.
    root = tmp_path / "site"
    scaffold(root, "Bidi test")
    record = tmp_path / "wire.json"
    record.write_text(json.dumps({"title": "Harbour talks \u202eresume\u202c in Lisbon", "date_publish": "2024-05-02",
                                  "maintext": "Dockers met the \u2067board\u2069 in Lisbon. The sign read \u0645\u064a\u0646\u0627\u0621.",
                                  "source_domain": "Quay\u202e Post"}), encoding="utf-8")
    assert run_ingest("--into", str(root), str(record)) == 0
    built = build_site(root, strict=False, allow_warnings=True)
    (article,) = built.digest["articles"]
    assert (article["title"], article["source"]) == ("Harbour talks resume in Lisbon", "Quay Post")
    outputs = [built.site / "feed.xml", built.site / "digest.json", *built.site.glob("articles/**/index.html")]
    for path in outputs:
        text = path.read_text(encoding="utf-8")
        assert not _BIDI_CONTROLS & set(text), path
    page = next(built.site.glob("articles/**/index.html")).read_text(encoding="utf-8")
    assert "\u0645\u064a\u0646\u0627\u0621" in page


def test_an_article_cannot_take_another_digest_page_template(tmp_path: Path):
    # `template: digest/...` is kept for an editor's own article templates; the digest's templates
    # for other pages either broke the whole build (the outlet page's reads `digest.pagination`)
    # or turned the article into a redirect to nowhere. Such an article is shown as an article.
    root = tmp_path / "site"
    scaffold(root, "Templates test")
    for name in ("outlet", "redirect", "person", "thread"):
        write_article(root, f"2024/05/03/{name}.md", f"title: Harbour {name}\ndate: 2024-05-03\n"
                      f"template: digest/{name}.html", "Dockers met the harbour board in Lisbon.")
    built = build_site(root, strict=False, allow_warnings=True)
    for name in ("outlet", "redirect", "person", "thread"):
        page = built.html(f"articles/2024/05/03/{name}/")
        assert "Dockers met the harbour board" in page and 'http-equiv="refresh"' not in page, name


def test_markdown_too_deep_to_convert_fails_its_article_alone(tmp_path: Path):
    # Python-Markdown recurses once per level of nesting: a list nested a few hundred deep raised
    # RecursionError inside MkDocs' conversion and stopped the whole build. The article is shown
    # as plain text instead, with a warning naming it; every other page is built.
    root = tmp_path / "site"
    scaffold(root, "Depth test")
    write_article(root, "2024/05/03/fine.md", "title: Harbour reopens\ndate: 2024-05-03",
                  "Dockers went back to work in Lisbon.")
    deep = "".join("    " * level + f"- level {level}\n" for level in range(300))
    path = write_article(root, "2024/05/03/deep.md", "title: Deep list\ndate: 2024-05-03", "Intro.")
    path.write_text(path.read_text(encoding="utf-8") + "\n" + deep, encoding="utf-8")
    built = build_site(root, strict=False, allow_warnings=True)
    # Such a list is 180,000 characters without a blank line: the bound on a paragraph's length
    # (costly_to_convert) now refuses it before the conversion recurses; either way, plain text.
    assert any("deep.md" in warning and "shown as plain text" in warning for warning in built.warnings)
    assert "Dockers went back to work" in built.html("articles/2024/05/03/fine/")
    page = built.html("articles/2024/05/03/deep/")
    body = page.split('class="digest-article__body', 1)[1].split('class="digest-related', 1)[0]
    assert "<p>Intro.</p>" in body and "level 299" in body and "<li>" not in body


def test_a_converter_error_fails_its_article_alone(tmp_path: Path, monkeypatch):
    # Any error of Python-Markdown or an extension on one article's input (a RecursionError on a
    # list nested too deep for the stack, say) is that article's, not the build's.
    import markdown

    convert = markdown.Markdown.convert

    def fragile(self, source: str) -> str:
        if "tripwire" in source:
            raise RecursionError("maximum recursion depth exceeded")
        return convert(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", fragile)
    root = tmp_path / "site"
    scaffold(root, "Converter test")
    write_article(root, "2024/05/03/fine.md", "title: Harbour reopens\ndate: 2024-05-03", "Dockers went back to work.")
    write_article(root, "2024/05/03/trip.md", "title: Trip\ndate: 2024-05-03", "A tripwire *here*.")
    built = build_site(root, strict=False, allow_warnings=True)
    assert any("trip.md" in warning and "RecursionError" in warning for warning in built.warnings)
    assert "Dockers went back to work" in built.html("articles/2024/05/03/fine/")
    assert "A tripwire *here*." in built.html("articles/2024/05/03/trip/")


def test_a_hand_written_paragraph_of_brackets_is_shown_as_plain_text_not_converted_for_minutes(tmp_path: Path):
    # 20,000 "[" in one paragraph kept Python-Markdown's link pass busy for minutes; a file an
    # editor (or a copy) puts in the site straight is not ingested, so the build itself refuses
    # to convert such Markdown: the article is shown as plain text with a warning naming it.
    root = tmp_path / "site"
    scaffold(root, "Brackets test")
    write_article(root, "2024/05/03/brackets.md", "title: Bracket storm\ndate: 2024-05-03",
                  "Intro.\n\n" + "[" * 3_000 + " after the storm")
    built = build_site(root, strict=False, allow_warnings=True)
    assert any("brackets.md" in warning and "3,000 '['" in warning for warning in built.warnings)
    page = built.html("articles/2024/05/03/brackets/")
    assert "after the storm" in page and "[[[[" in page


def test_a_huge_paragraph_is_stored_as_paragraphs_python_markdown_converts_in_linear_time(tmp_path: Path):
    # Python-Markdown's inline pass costs the paragraph's length per escape or entity in it, so
    # one paragraph of a few MB of "[x] " (each bracket escaped) held a build for hours. Ingestion
    # stores a paragraph longer than any real one as several; the text is kept whole.
    root = tmp_path / "site"
    scaffold(root, "Paragraph test")
    wire = tmp_path / "blob.txt"
    wire.write_text("Harbour data dump\n\n" + "[x] " * 25_000 + "\n\nA closing line.\n", encoding="utf-8")
    assert run_ingest("--into", str(root), str(wire)) == 0
    (path,) = (root / "content" / "articles").rglob("*.md")
    _meta, body = load_front_matter(path.read_text(encoding="utf-8"))
    assert max(len(paragraph) for paragraph in body.split("\n\n")) <= PARAGRAPH_MAX_CHARS
    built = build_site(root, strict=False, allow_warnings=True)
    page = built.html(built.digest["articles"][0]["url"])
    body = page.split('class="digest-article__body', 1)[1].split('class="digest-related', 1)[0]
    assert body.count("[x]") == 25_000 and "A closing line." in body


def test_an_editors_page_at_a_generated_pages_address_is_named_not_overwritten_silently(tmp_path: Path):
    # `people/ada-lovelace.md` and the digest's `people/ada-lovelace/index.md` are both written to
    # people/ada-lovelace/index.html: the generated page overwrote the editor's without a word.
    # As MkDocs does for README.md beside index.md, the build says which file it leaves out.
    root = tmp_path / "site"
    scaffold(root, "Conflict test")
    write_article(root, "2024/05/03/fine.md", "title: Harbour reopens\ndate: 2024-05-03\npeople: [Ada Lovelace]",
                  "Ada Lovelace watched dockers go back to work in Lisbon.")
    mine = root / "content" / "people" / "ada-lovelace.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("# My notes on Ada\n", encoding="utf-8")
    built = build_site(root, strict=False, allow_warnings=True)
    assert any("people/ada-lovelace.md" in warning and "people/ada-lovelace/index.md" in warning
               for warning in built.warnings), built.warnings
    assert "Ada Lovelace watched" in built.html("people/ada-lovelace/") or "Harbour reopens" in \
        built.html("people/ada-lovelace/")
