"""Untrusted text and HTML to safe Markdown: what keeps hostile input out of the built site.

Everything a reader takes from outside passes through here before the writer sees it:

- `plain_text_to_markdown` turns plain text (paragraphs split by blank lines, "- " lists) into
  Markdown whose rendering is exactly that text: characters that Markdown or HTML would read as
  markup (`#`, `*`, `>`, `1.` at a line start, `<div>`, `[x](javascript:...)`) are escaped.
- `html_to_markdown` turns an HTML fragment (feed content) into the same safe Markdown, keeping
  paragraphs, lists and http(s)/mailto links and dropping `<script>`, `<style>`, `<iframe>` and
  friends with their content; attributes never survive, so `on*=` handlers cannot either.
- `clean_line` makes a one-line field (title, summary, author, source) plain text: tags removed,
  entities decoded, whitespace collapsed.
- `sanitize_markdown` neutralizes raw HTML and unsafe link targets in Markdown from outside
  (the `markdown` reader), keeping the rest of its markup.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import quote

_SAFE_URL = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
# Control characters, and the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
# U+2066-U+2069): an override makes "txt.exe" display as "exe.txt" and a headline read backwards
# (the "Trojan Source" trick); text in Arabic or Hebrew needs none of them to display, and the
# harmless marks (U+200E, U+200F) stay.
_BIDI_CONTROLS = r"\u202a-\u202e\u2066-\u2069"
_CONTROL_CHARS = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f{_BIDI_CONTROLS}]")
# One-line fields drop the C1 controls as well (U+009B is an 8-bit terminal's CSI); U+0085 (NEL)
# is whitespace to `str.split`, so it becomes a space with the rest.
_LINE_CONTROL_CHARS = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f{_BIDI_CONTROLS}]")
_TAG = re.compile(r"<[^<>]*>")
# Python-Markdown's inline pass costs a paragraph's length for each escape or entity in it, so a
# paragraph of a few MB of "[x] " takes hours; no real paragraph is this long (news ones run to a
# few thousand characters). A longer one is stored as several, cut between words.
PARAGRAPH_MAX_CHARS = 20_000
# Elements whose content is never article text (and is dangerous or noise when kept).
_DROPPED_ELEMENTS = frozenset(
    {"script", "style", "iframe", "noscript", "object", "embed", "svg", "math", "template", "head", "title",
     "form", "button", "select", "textarea", "frame", "frameset", "applet", "canvas", "audio", "video"}
)
_BLOCK_ELEMENTS = frozenset(
    {"p", "div", "section", "article", "header", "footer", "aside", "main", "blockquote", "pre", "table",
     "tr", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "dl", "dt", "dd", "hr", "address"}
)
_VOID_ELEMENTS = frozenset({"br", "img", "hr", "input", "meta", "link", "source", "wbr", "area", "base", "col"})
# Bullets that plain-text copy uses for lists; "*" and "1." lines are escaped instead, since in
# untrusted text they are as likely emphasis or a year as a list.
_LIST_MARKER = re.compile(r"^\s*[-•\u2013]\s+")

# Inline characters Markdown reads as markup; only those Python-Markdown can backslash-escape
# (its ESCAPED_CHARS), since `\\=` would show the backslash.
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]{}])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
# Line starts that open a block: heading, quote, list, rule, setext underline, table, footnote.
_BLOCK_START = re.compile(r"^(#|>|[-+*](?=\s|$)|-+\s*$)")
_ORDERED_START = re.compile(r"^(\d+)([.)])(?=\s|$)")


def _strip_controls(text: str) -> str:
    return _CONTROL_CHARS.sub("", text)


def clean_line(text: str) -> str:
    """One-line plain text: tags dropped, entities decoded, control characters (C0 and C1)
    dropped and runs of whitespace collapsed. A tag left open (`<img src=x onerror=...` with no
    `>`) is dropped to the end, as a browser would swallow it; a `<` that cannot open a tag
    ("profits < forecast", "1<2") survives."""
    if not text:
        return ""
    if not _NEEDS_CLEANING.search(text):
        return text  # the common case, tens of thousands of times a build: already one plain line
    text = _drop_tags(text)
    text = _drop_tags(html.unescape(text))  # entities may have hidden a tag: "&lt;script&gt;"
    text = _LINE_CONTROL_CHARS.sub("", text)
    return " ".join(text.split())


def _drop_tags(text: str) -> str:
    text = _DROPPED_CONTENT.sub(" ", text)
    text = _TAG.sub(" ", text)
    return _OPEN_TAG.sub(" ", text)


# What clean_line would change: markup and entities, control characters, any whitespace but
# single spaces between words.
_NEEDS_CLEANING = re.compile(rf"[<&\x00-\x1f\x7f-\x9f{_BIDI_CONTROLS}]|[^\S ]|  |^ | $")
# What a browser reads as the start of a tag (a letter, "/", "!" or "?" after "<"); after the
# closed tags are gone, one left means a tag that runs to the end of the text.
_OPEN_TAG = re.compile(r"<[A-Za-z/!?].*\Z", re.DOTALL)


_DROPPED_CONTENT = re.compile(
    r"<(script|style|iframe|noscript|template)\b[^>]*>.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL
)


def escape_inline(text: str) -> str:
    """Escape text for use inside a Markdown paragraph so it renders literally."""
    text = _ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE_SPECIALS.sub(r"\\\1", text)


def escape_line_start(line: str) -> str:
    """Escape what would make an (already inline-escaped) line open a block element."""
    stripped = line.lstrip()
    ordered = _ORDERED_START.match(stripped)
    if ordered:
        return f"{ordered.group(1)}\\{stripped[len(ordered.group(1)):]}"
    if _BLOCK_START.match(stripped):
        return "\\" + stripped
    # "&gt;" no longer opens a quote, so indentation is the only other block opener left.
    return stripped


def _paragraph(text: str) -> str:
    pieces = split_long_paragraph(escape_inline(" ".join(text.split())))
    return "\n\n".join(escape_line_start(piece) for piece in pieces)


_ENTITY_START = re.compile(r"&#?\w*\Z")
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
# 1,000 "[" in one paragraph convert in a tenth of a second; a news paragraph holds a few links.
MAX_BRACKETS = 1_000


def costly_to_convert(markdown: str) -> str | None:
    """Why Python-Markdown would take minutes over this Markdown, or None: its link pass takes
    time in a paragraph's length times its "[" (20,000 of them took 35 s, 5,000 two seconds), so
    a paragraph longer than any news paragraph (`PARAGRAPH_MAX_CHARS`) or with more brackets than
    any (`MAX_BRACKETS`) is not converted but shown as plain text by whoever asks."""
    # The whole text bounds each of its paragraphs: nearly every article is done here, in C.
    if len(markdown) <= PARAGRAPH_MAX_CHARS and markdown.count("[") - markdown.count("\\[") <= MAX_BRACKETS:
        return None
    blocks = _BLOCK_BREAK.split(markdown)
    longest = max((len(block) for block in blocks), default=0)
    # An escaped bracket ("\\[", as plain text is stored) opens no link and costs nothing.
    brackets = max((block.count("[") - block.count("\\[") for block in blocks), default=0)
    if longest <= PARAGRAPH_MAX_CHARS and brackets <= MAX_BRACKETS:
        return None
    return (f"a paragraph of {longest:,} characters and {brackets:,} '[' (more than {PARAGRAPH_MAX_CHARS:,} "
            f"or {MAX_BRACKETS:,})")


def split_long_paragraph(markdown: str) -> list[str]:
    """An escaped paragraph as pieces of at most `PARAGRAPH_MAX_CHARS`, cut at the last space
    before the limit (a run without spaces is cut anyway, never inside a backslash escape or an
    entity): each piece is stored as a paragraph of its own. Nearly always `[markdown]`."""
    pieces: list[str] = []
    while len(markdown) > PARAGRAPH_MAX_CHARS:
        cut = markdown.rfind(" ", 0, PARAGRAPH_MAX_CHARS + 1)
        if cut <= 0:
            cut = PARAGRAPH_MAX_CHARS
            entity = _ENTITY_START.search(markdown, max(0, cut - 12), cut)
            if entity:
                cut = entity.start()
            backslashes = len(markdown[:cut]) - len(markdown[:cut].rstrip("\\"))
            cut -= backslashes % 2  # "\\[" stays whole
        pieces.append(markdown[:cut].strip())
        markdown = markdown[cut:].strip()
    pieces.append(markdown)
    return [piece for piece in pieces if piece]


def _split_blocks(text: str) -> list[list[str]]:
    """Blocks of non-blank lines, separated by blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _block_to_markdown(lines: list[str]) -> str:
    """A block is a list when its lines after the first start with a list marker; any text
    before the first marker is a paragraph of its own (BBC copy opens lists mid-block)."""
    marked = [bool(_LIST_MARKER.match(line)) for line in lines]
    if not any(marked):
        return _paragraph(" ".join(lines))
    parts: list[str] = []
    lead: list[str] = []
    items: list[str] = []
    for line, is_item in zip(lines, marked, strict=True):
        if is_item:
            items.append(_LIST_MARKER.sub("", line, count=1))
        elif items:
            items[-1] += " " + line  # continuation of a wrapped item
        else:
            lead.append(line)
    if lead:
        parts.append(_paragraph(" ".join(lead)))
    parts.append("\n".join("- " + _paragraph(item) for item in items if item.strip()))
    return "\n\n".join(parts)


def plain_text_to_markdown(text: str) -> str:
    """Plain text (paragraphs separated by blank lines) to Markdown that renders as that text."""
    text = _strip_controls(text)
    return "\n\n".join(md for md in (_block_to_markdown(block) for block in _split_blocks(text)) if md)


def paragraphs_to_markdown(paragraphs: list[str]) -> str:
    """Each given paragraph (plain text, possibly with list lines) to safe Markdown."""
    return plain_text_to_markdown("\n\n".join(paragraphs))


class _SafeMarkdownBuilder(HTMLParser):
    """Walks an HTML fragment and emits safe Markdown: text escaped, structure reduced to
    paragraphs, list items and links with safe targets; all attributes but a safe href dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.dropping = 0  # depth inside dropped elements
        self.list_depth = 0
        self.in_item = False
        self.link_href: str | None = None
        self.link_text: list[str] = []

    # Block handling -----------------------------------------------------------------------
    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        self.current = []
        if not text:
            return
        first, *rest = split_long_paragraph(text)
        self.blocks.append(("- " if self.in_item else "") + escape_line_start(first))
        self.blocks.extend(escape_line_start(piece) for piece in rest)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag in _DROPPED_ELEMENTS:
            if tag not in _VOID_ELEMENTS:
                self.dropping += 1
            return
        if self.dropping:
            return
        if tag == "br":
            self.current.append(" ")
        elif tag in ("ul", "ol"):
            self._flush()
            self.list_depth += 1
        elif tag == "li":
            self._flush()
            self.in_item = True
        elif tag in _BLOCK_ELEMENTS:
            self._flush()
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            href = href.strip()
            self.link_href = href if _SAFE_URL.match(href) else ""
            self.link_text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag.lower() == "br" and not self.dropping:
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag in _DROPPED_ELEMENTS:
            if self.dropping and tag not in _VOID_ELEMENTS:
                self.dropping -= 1
            return
        if self.dropping:
            return
        if tag == "a" and self.link_href is not None:
            text = " ".join("".join(self.link_text).split())
            if text and self.link_href:
                url = self.link_href.replace("(", "%28").replace(")", "%29")
                url = re.sub(r"[\s<>\\`\"']", lambda match: quote(match.group()), url)
                self.current.append(f"[{text}]({url})")
            elif text:
                self.current.append(text)
            self.link_href = None
        elif tag == "li":
            self._flush()
            self.in_item = False
        elif tag in ("ul", "ol"):
            self._flush()
            self.list_depth = max(0, self.list_depth - 1)
            self.in_item = False
        elif tag in _BLOCK_ELEMENTS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.dropping:
            return
        escaped = escape_inline(_strip_controls(data))
        if self.link_href is not None:
            self.link_text.append(escaped)
        else:
            self.current.append(escaped)

    def close(self) -> None:
        super().close()
        if self.link_href is not None:
            self.current.append(" ".join("".join(self.link_text).split()))
            self.link_href = None
        self._flush()


def _join_blocks(blocks: list[str]) -> str:
    """List items stay together; every other block is its own paragraph."""
    out: list[str] = []
    for block in blocks:
        if out and block.startswith("- ") and out[-1].startswith("- "):
            out[-1] += "\n" + block
        else:
            out.append(block)
    return "\n\n".join(out)


def html_to_markdown(fragment: str) -> str:
    """An untrusted HTML fragment to safe Markdown (see the module docstring)."""
    if not fragment:
        return ""
    builder = _SafeMarkdownBuilder()
    builder.feed(fragment)
    builder.close()
    return _join_blocks(builder.blocks)


def looks_like_html(text: str) -> bool:
    """True when the text carries HTML tags (feed summaries may be either plain text or HTML)."""
    return bool(re.search(r"<(p|br|div|a|ul|ol|li|span|b|i|em|strong|img|script|iframe|h\d)\b", text, re.I))


_MD_LINK = re.compile(r"(!?\[[^\]]*\])\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(\s+\"[^\"]*\")?\s*\)")
# A link reference definition, wherever Markdown finds one: after block quote markers, list
# markers and any indentation (a list item's continuation), with its target on the same line
# or the next.
_MD_REF_DEF = re.compile(
    r"^((?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*\[[^\]]+\]:[ \t]*\n?[ \t>]*)(\S+)", re.MULTILINE
)


def _is_safe_target(url: str) -> bool:
    """http(s), mailto or a relative path, judged as the browser will read it: entities such as
    `&#58;` decoded, whitespace and backslashes dropped (they hide a `javascript:` scheme)."""
    decoded = re.sub(r"[\s\\]", "", html.unescape(url))
    if _SAFE_URL.match(decoded):
        return True
    return bool(decoded) and ":" not in decoded.split("/")[0]


# Marks a link this module has checked, so that every other "](" can be made inert; control
# characters are stripped from the input first, so a source cannot forge it.
_CHECKED = "\x00"


def sanitize_markdown(markdown: str) -> str:
    """Markdown from outside: raw HTML escaped so it shows as text, attribute lists (`{: ...}`)
    escaped, links kept only when their target is http(s)/mailto or relative (others lose the
    target), reference definitions anywhere kept only with an http(s)/mailto target, images
    lose their target. A link the pattern cannot read (nested brackets, odd spacing) becomes
    plain text. The `markdown` reader checks the result by rendering it (markdownfile.py)."""

    def fix_link(match: re.Match[str]) -> str:
        label, url = match.group(1), match.group(2)
        if label.startswith("!"):
            return label[1:]
        if _is_safe_target(url):
            return f"{label[:-1]}]{_CHECKED}({url})"
        return label

    def fix_ref(match: re.Match[str]) -> str:
        url = match.group(2)
        return match.group(0) if _SAFE_URL.match(re.sub(r"[\s\\]", "", html.unescape(url))) else match.group(1) + "#"

    text = _strip_controls(markdown)
    text = text.replace("<", "&lt;")
    # attr_list's "{: onclick=... }" and "{: href=javascript:... }": an escaped brace is text.
    text = text.replace("{", "\\{")
    text = _MD_LINK.sub(fix_link, text)
    text = text.replace("](", "]\\(").replace(f"]{_CHECKED}(", "](")
    return _MD_REF_DEF.sub(fix_ref, text)
