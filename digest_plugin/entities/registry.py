from digest_plugin.model import ArticleEntities, Mention
class Registry: pass
class RegistryError(Exception): pass
def load_registry(p): return Registry()
def apply_overrides(e, people=None, countries=None, registry=None):
    return ArticleEntities(people=[Mention(p, surfaces=(p,)) for p in (people or [])] if people is not None else e.people,
                           countries=[Mention(c) for c in countries] if countries is not None else e.countries)
