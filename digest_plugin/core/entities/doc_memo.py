"""Per-doc memos of what spaCy rebuilds on every access, for the cleaning's many reads.

`doc.ents` builds a new tuple of Span objects on each call (a scan of every token), and each
`doc[i].text` makes a Token object first; the cleaning asks both questions many times per
article. The memos live in `Doc.user_data`, so they go with the doc. They hold only once the
doc's entities are final: extraction never changes them after parsing (a caller that sets
`doc.ents` does so before the cleaning first reads them).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only annotations: warm builds run no NER and should not import spaCy
    from spacy.tokens import Doc, Span

_ENTS_KEY = "digest_ents"
_TEXTS_KEY = "digest_token_texts"
_LABELS_KEY = "digest_ent_labels"


def ents(doc: Doc) -> Sequence[Span]:
    """`doc.ents`, built once per doc."""
    found = doc.user_data.get(_ENTS_KEY)
    if found is None:
        found = doc.user_data[_ENTS_KEY] = doc.ents
    return found


def texts(doc: Doc) -> list[str]:
    """The text of every token (`[t.text for t in doc]`), read once per doc from its ORTH
    column rather than through a Token object per token."""
    found = doc.user_data.get(_TEXTS_KEY)
    if found is None:
        from spacy.attrs import ORTH

        strings = doc.vocab.strings
        found = doc.user_data[_TEXTS_KEY] = [strings[orth] for orth in doc.to_array(ORTH).tolist()]
    return found


def ent_labels(doc: Doc) -> dict[str, list[str]]:
    """The labels of the doc's entities by entity text, in text order."""
    found = doc.user_data.get(_LABELS_KEY)
    if found is None:
        found = doc.user_data[_LABELS_KEY] = {}
        for ent in ents(doc):
            found.setdefault(ent.text, []).append(ent.label_)
    return found
