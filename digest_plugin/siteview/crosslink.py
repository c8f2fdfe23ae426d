"""In-body cross-links: the first mention of each person and country links to its page.

`link_first_mentions(markdown, targets)` works on an article's Markdown body, before MkDocs
renders it. It only touches plain prose: headings (ATX `#` and setext underlines), fenced and
indented code, inline code spans, existing links and images (inline, reference and autolinks)
and raw HTML (tags and whole HTML blocks) are left exactly as they are. Each entity is linked
at most once, at its first mention in reading order; mentions match whole words only, and
longer surfaces win over shorter ones at the same spot ("Emmanuel Macron" before "Macron").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

# Spans of a line that must never receive a link, in one alternation so that the earliest
# construct wins (a backtick inside a link text, a bracket inside a code span...).
_PROTECTED_INLINE = re.compile(
    r"""
      (?P<code>(?P<ticks>`+).+?(?P=ticks))            # inline code span
    | !?\[(?:[^\[\]]|\[[^\]]*\])*\]\([^)]*\)          # inline link or image
    | !?\[(?:[^\[\]]|\[[^\]]*\])*\]\[[^\]]*\]          # reference link [text][ref]
    | !?\[(?:[^\[\]]|\[[^\]]*\])*\](?!\()              # shortcut reference [text]
    | <(?:https?|mailto|ftp):[^>\s]*>                 # autolink
    | <!--.*?-->                                      # HTML comment on one line
    | </?[A-Za-z][^<>]*>                              # an HTML tag (its attributes too)
    | \bhttps?://\S+                                  # bare URL (extensions may autolink)
    """,
    re.VERBOSE,
)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(\s|$)")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")
_HTML_BLOCK_START = re.compile(r"^ {0,3}<(?!https?:|mailto:)[A-Za-z!/?]")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s")
_INDENTED_CODE = re.compile(r"^(    |\t)")


def link_first_mentions(markdown: str, targets: Sequence[tuple[Sequence[str], str]]) -> str:
    """Link the first whole-word mention of each target's surfaces to its URL.

    `targets` holds (surface forms, url) per entity, e.g. (["Emmanuel Macron", "Macron"],
    "../../people/emmanuel-macron/"). Surfaces match case-sensitively (names are proper
    nouns; "Turkey" the country is not "turkey" the bird).
    """
    surface_owner: dict[str, int] = {}
    for index, (surfaces, _url) in enumerate(targets):
        for surface in surfaces:
            if surface.strip():
                surface_owner.setdefault(surface.strip(), index)
    if not surface_owner:
        return markdown
    # Longest first: the regex alternation takes the first alternative that matches.
    alternatives = sorted(surface_owner, key=len, reverse=True)
    mention = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(s) for s in alternatives) + r")(?![\w])")
    linked: set[int] = set()

    def link_prose(prose: str) -> str:
        def replace(match: re.Match[str]) -> str:
            owner = surface_owner[match.group(0)]
            if owner in linked:
                return match.group(0)
            linked.add(owner)
            label = match.group(0).replace("[", r"\[").replace("]", r"\]")
            return f"[{label}]({targets[owner][1]})"

        return mention.sub(replace, prose)

    lines = markdown.splitlines(keepends=True)
    output: list[str] = []
    fence: str | None = None
    in_html_block = False
    in_indented_code = False
    previous_blank = True
    owners = len(set(surface_owner.values()))
    for position, line in enumerate(lines):
        if len(linked) == owners:  # every entity has its link: the rest stays as written
            output.extend(lines[position:])
            break
        stripped = line.strip()
        if fence is not None:
            output.append(line)
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = None
            previous_blank = False
            continue
        if in_html_block:
            output.append(line)
            in_html_block = bool(stripped)  # an HTML block runs to the next blank line
            previous_blank = not stripped
            continue
        if in_indented_code:
            if not stripped or _INDENTED_CODE.match(line):
                output.append(line)
                previous_blank = not stripped
                continue
            in_indented_code = False
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            output.append(line)
            previous_blank = False
            continue
        next_line = lines[position + 1] if position + 1 < len(lines) else ""
        if (
            _ATX_HEADING.match(line)
            or _REFERENCE_DEFINITION.match(line)
            or (stripped and _SETEXT_UNDERLINE.match(next_line) and not _is_list_or_rule(line))
        ):
            output.append(line)
            previous_blank = False
            continue
        if previous_blank and stripped and _INDENTED_CODE.match(line):
            # Indented code (or an indented list continuation: leaving it unlinked is safe).
            in_indented_code = True
            output.append(line)
            previous_blank = False
            continue
        if previous_blank and _HTML_BLOCK_START.match(line):
            in_html_block = bool(stripped)
            output.append(line)
            previous_blank = False
            continue
        output.append(_link_line(line, link_prose))
        previous_blank = not stripped
    return "".join(output)


def _is_list_or_rule(line: str) -> bool:
    """A line above "---" that is itself a rule or blank makes no setext heading."""
    return bool(_SETEXT_UNDERLINE.match(line))


def _link_line(line: str, link_prose: Callable[[str], str]) -> str:
    pieces: list[str] = []
    cursor = 0
    for protected in _PROTECTED_INLINE.finditer(line):
        pieces.append(link_prose(line[cursor : protected.start()]))
        pieces.append(protected.group(0))
        cursor = protected.end()
    pieces.append(link_prose(line[cursor:]))
    return "".join(pieces)
