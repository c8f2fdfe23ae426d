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


class _MentionLinker:
    """Links the first whole-word mention of each target in the prose it is given."""

    def __init__(self, targets: Sequence[tuple[Sequence[str], str]]) -> None:
        self.targets = targets
        self.owner: dict[str, int] = {}
        for index, (surfaces, _url) in enumerate(targets):
            for surface in surfaces:
                if surface.strip():
                    self.owner.setdefault(surface.strip(), index)
        # Longest first: the regex alternation takes the first alternative that matches.
        alternatives = sorted(self.owner, key=len, reverse=True)
        self.mention = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(s) for s in alternatives) + r")(?![\w])")
        self.linked: set[int] = set()
        self.owners = len(set(self.owner.values()))

    @property
    def done(self) -> bool:
        """Every entity has its link: the rest stays as written."""
        return len(self.linked) == self.owners

    def link_prose(self, prose: str) -> str:
        return self.mention.sub(self._replace, prose)

    def _replace(self, match: re.Match[str]) -> str:
        owner = self.owner[match.group(0)]
        if owner in self.linked:
            return match.group(0)
        self.linked.add(owner)
        label = match.group(0).replace("[", r"\[").replace("]", r"\]")
        return f"[{label}]({self.targets[owner][1]})"


class _Blocks:
    """Tells, line by line, prose from what must stay as written: fenced, indented and HTML
    blocks, headings and reference definitions (the state of the block a line is in)."""

    def __init__(self) -> None:
        self.fence: str | None = None
        self.in_html_block = False
        self.in_indented_code = False
        self.previous_blank = True

    def is_prose(self, line: str, next_line: str) -> bool:
        prose, blank_before_next = self._classify(line, line.strip(), next_line)
        self.previous_blank = blank_before_next
        return prose

    def _classify(self, line: str, stripped: str, next_line: str) -> tuple[bool, bool]:
        """(is the line prose, does it count as a blank line for the line after it)."""
        if self.fence is not None:
            if stripped.startswith(self.fence) and stripped.strip(self.fence[0]) == "":
                self.fence = None
            return False, False
        if self.in_html_block:
            self.in_html_block = bool(stripped)  # an HTML block runs to the next blank line
            return False, not stripped
        if self.in_indented_code:
            if not stripped or _INDENTED_CODE.match(line):
                return False, not stripped
            self.in_indented_code = False
        opening = _FENCE.match(line)
        if opening:
            self.fence = opening.group(1)
            return False, False
        if _ATX_HEADING.match(line) or _REFERENCE_DEFINITION.match(line) \
                or (stripped and _SETEXT_UNDERLINE.match(next_line) and not _is_list_or_rule(line)):
            return False, False
        if self.previous_blank and stripped and _INDENTED_CODE.match(line):
            # Indented code (or an indented list continuation: leaving it unlinked is safe).
            self.in_indented_code = True
            return False, False
        if self.previous_blank and _HTML_BLOCK_START.match(line):
            self.in_html_block = bool(stripped)
            return False, False
        return True, not stripped


def link_first_mentions(markdown: str, targets: Sequence[tuple[Sequence[str], str]]) -> str:
    """Link the first whole-word mention of each target's surfaces to its URL.

    `targets` holds (surface forms, url) per entity, e.g. (["Emmanuel Macron", "Macron"],
    "../../people/emmanuel-macron/"). Surfaces match case-sensitively (names are proper
    nouns; "Turkey" the country is not "turkey" the bird).
    """
    linker = _MentionLinker(targets)
    if not linker.owner:
        return markdown
    lines = markdown.splitlines(keepends=True)
    blocks = _Blocks()
    output: list[str] = []
    for position, line in enumerate(lines):
        if linker.done:
            output.extend(lines[position:])
            break
        next_line = lines[position + 1] if position + 1 < len(lines) else ""
        output.append(_link_line(line, linker.link_prose) if blocks.is_prose(line, next_line) else line)
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
