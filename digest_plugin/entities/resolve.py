from dataclasses import dataclass, field
@dataclass
class DigestEntities:
    articles: dict; people: dict = field(default_factory=dict); merge_candidates: list = field(default_factory=list)
def resolve_digest(per_article, registry=None, dates=None): return DigestEntities(per_article)
