from dataclasses import dataclass, field
@dataclass
class RelatedInput:
    id: str; title: str; text: str; date: object; source: str; people: list; countries: list
@dataclass
class RelatedLink:
    id: str; score: float; reason: str; kind: str = "related"
@dataclass
class Thread:
    id: str; article_ids: list; sources: list = field(default_factory=list)
@dataclass
class RelatedResult:
    links: dict; threads: dict; thread_of: dict
def compute_related(items, k=5, names=None):
    links = {}
    for a in items:
        s = {m.name for m in a.people + a.countries}
        c = [(len(s & {m.name for m in b.people + b.countries}), b.id) for b in items if b.id != a.id]
        links[a.id] = [RelatedLink(i, n, "overlap") for n, i in sorted(c, reverse=True)[:k] if n]
    return RelatedResult(links, {}, {a.id: None for a in items})
