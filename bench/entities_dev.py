"""The hand-labelled development set (../shared/corpora/entities_dev) and its fixed split.

Each article is `articles/NN.txt` (headline, blank line, body) with gold people (canonical
names) and countries (ISO codes) in `labels.json`. The split is fixed by a hash of the file
name, so it never depends on the order of the files or on a random seed: an article whose
name's SHA-256 is divisible by 3 is held out (23 of the 60). Tuning and training read only
the `train` part; the `heldout` part is read for its figures.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "entities_dev"


@dataclass
class DevArticle:
    file: str
    title: str
    body: str
    people: list[str]
    countries: list[str]


def is_heldout(file: str) -> bool:
    """The fixed split: held out when the SHA-256 of the file name is divisible by 3."""
    return int(hashlib.sha256(file.encode("utf-8")).hexdigest(), 16) % 3 == 0


def load_dev(root: Path = DEFAULT_DEV, split: str = "all") -> list[DevArticle]:
    """The articles of one split: "train", "heldout" or "all"."""
    labels = json.loads((root / "labels.json").read_text(encoding="utf-8"))
    articles = []
    for entry in labels:
        held = is_heldout(entry["file"])
        if (split == "train" and held) or (split == "heldout" and not held):
            continue
        text = (root / entry["file"]).read_text(encoding="utf-8")
        title, _, body = text.partition("\n")
        articles.append(DevArticle(entry["file"], title.strip(), body.strip(), entry["people"], entry["countries"]))
    return articles


def norm(name: str) -> str:
    """How two people's names are compared: NFC, case-folded, spaces collapsed, curly quotes
    straightened (the dataset's advice, no more lenient than that)."""
    name = unicodedata.normalize("NFC", name).replace("’", "'")
    return " ".join(name.casefold().split())
