"""The HTML an article may show: an allowlist applied to rendered Markdown with nh3.

Ingestion writes Markdown that renders as plain text, paragraphs, lists and safe links, but an
article file can also be written or edited by hand, and Markdown has many doors to markup: raw
HTML blocks, `attr_list`'s `{: onclick=...}`, reference definitions inside quotes and lists,
autolinks, entity-encoded schemes (`&#106;avascript:`), schemes split by tabs. Checking the
Markdown source means knowing every extension a site enables; checking the HTML it renders to
does not. So the plugin passes the rendered body of every article page (and of the pages it
generates) through `clean_html`, and the `markdown` reader checks at ingest that what it
writes renders to nothing the allowlist would remove (`removed_markup`).

The allowlist is what Python-Markdown and the extensions news sites use produce (tables,
footnotes, abbreviations, definition lists, admonitions, details, headings with ids and
permalinks, highlighted code): no script, style, iframe, form, image, SVG or MathML element,
no event handler or style attribute (but `text-align` on table cells, which the tables
extension writes), and links only to http(s), mailto or relative addresses. Class and id
values are kept only when they are plain names. nh3 (Python bindings of the Rust crate
ammonia, which parses with a browser's HTML5 algorithm) does the parsing and the serialising;
a page is cleaned in tens of microseconds.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from html.parser import HTMLParser

import nh3

TAGS = frozenset({
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ins", "kbd", "li", "mark", "ol", "p", "pre", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
})
# Elements whose content goes with them: it is code or markup, never article text.
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "template", "noscript", "iframe", "textarea", "title", "svg", "math", "object",
    "embed", "xmp", "noembed", "noframes", "select", "frameset", "frame", "applet",
})
ATTRIBUTES = {
    "*": {"class", "id"},
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"style", "align", "colspan", "rowspan"},
    "td": {"style", "align", "colspan", "rowspan"},
    "ol": {"start"},
    "details": {"open"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# A class token or id as Markdown and its extensions write them ("language-python",
# "footnote-ref", "fn:1", "the-story-so-far"). Ids that start with "_" are left out too:
# Material's own controls are "__search", "__drawer", "__toc".
_PLAIN_NAME = re.compile(r"^[A-Za-z][\w:.-]*$")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        tokens = [token for token in value.split() if _PLAIN_NAME.match(token)]
        return " ".join(tokens) or None
    if attribute == "id":
        return value if _PLAIN_NAME.match(value) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_attribute_filter,
    url_schemes=set(URL_SCHEMES),
    link_rel=None,  # links keep the attributes they have: the site's own links need no rel
    filter_style_properties={"text-align"},
    strip_comments=True,
)


def _stamp() -> str:
    """What `clean_html`'s result depends on besides its input: this module's rules and nh3's
    version. A cache of cleaned HTML keys on it (the glue's reuse of converted articles)."""
    from importlib import metadata

    try:
        version = metadata.version("nh3")
    except metadata.PackageNotFoundError:  # pragma: no cover - installed with the package
        version = "?"
    with open(__file__, "rb") as source:
        return hashlib.blake2b(source.read() + version.encode(), digest_size=12).hexdigest()


CLEANING_STAMP = _stamp()


def clean_html(html: str) -> str:
    """`html` (a fragment: a page's rendered Markdown) with only the allowlisted markup."""
    return _CLEANER.clean(html)


class _Markup(HTMLParser):
    """Counts the elements and attributes of a fragment, as `tag` and `tag[attribute]`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found[tag] += 1
        for name, _value in attrs:
            self.found[f"{tag}[{name}]"] += 1


def _markup(html: str) -> Counter[str]:
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser.found


def removed_markup(html: str) -> list[str]:
    """The elements and attributes (`"script"`, `"a[href]"`, `"p[onclick]"`) that `clean_html`
    takes out of `html`; empty when the fragment is already within the allowlist."""
    missing = _markup(html) - _markup(clean_html(html))
    return sorted(missing)
