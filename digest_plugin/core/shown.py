"""How untrusted text appears in a message: one line, escaped, short.

File names, titles and parser messages from hostile input reach stderr and the build log. A
file name may hold a newline or a terminal escape sequence, a one-line 50 MB file makes a
50 MB "title", and a parser may quote the line it choked on. Every message that names an
input or quotes from it passes such text through `shown`, which escapes control and
formatting characters the way Python's `repr` does (`\\n`, `\\x1b`, `\\u202e`) and cuts the
result to a few hundred characters with a note of how much was left out.
"""

from __future__ import annotations

import unicodedata

# Long enough for any real file name or title, short enough that a message stays one line.
EXCERPT_CHARS = 200
# Unicode categories that must not reach a terminal raw: controls (Cc), format characters such
# as bidirectional overrides (Cf), separators other than the plain space (Zl, Zp), surrogates
# and unassigned or private-use code points.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


def _escape_char(char: str) -> str:
    if char == "\\":
        return "\\\\"
    if char != " " and (unicodedata.category(char) in _HIDDEN_CATEGORIES or char.isspace()):
        return repr(char)[1:-1]  # "\\n", "\\x1b", "\\u202e"
    return char


def shown(text: object, limit: int = EXCERPT_CHARS) -> str:
    """`text` as one printable line of at most about `limit` characters (see module docstring)."""
    value = str(text)
    cut = len(value) > limit
    head = value[:limit]
    if head.isprintable() and "\\" not in head:  # nothing to escape (Python's printable excludes them all)
        return head + (f"… [{len(value) - limit:,} more characters]" if cut else "")
    escaped = "".join(_escape_char(char) for char in head)
    if len(escaped) > limit:  # escapes lengthen the text: keep the message within bounds
        escaped = escaped[:limit]
    if cut:
        escaped += f"… [{len(value) - limit:,} more characters]"
    return escaped
