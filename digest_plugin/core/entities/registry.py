"""The editor's entity registry (`entities.yml`) and front matter overrides.

The registry is optional. It lets an editor say what extraction cannot know: that two names are
one person, that a "person" is not one, and what to show on a person's page. Schema (every key
optional; unknown keys are errors so a typo does not silently do nothing):

```yaml
people:
  Vladimir Putin:                  # the canonical name, as displayed
    aliases: [Vladimir V. Putin, President Putin]   # other forms: merged into this person
    description: President of Russia.
    image: images/people/putin.jpg
    wikidata: Q7747
  Joe Biden:
    aliases: [Joseph R. Biden]     # merging two names = making one the other's alias
countries:
  GB:                              # ISO 3166-1 alpha-2 code (a country name is accepted too)
    description: England, Scotland, Wales and Northern Ireland.
    image: images/flags/gb.svg
    wikidata: Q145
ignore:
  people: [Brexit, Allah]          # never a person in any article
  countries: [VA]                  # never listed, by code or name
sources:                           # news outlets (publications), see core/outlets.py
  The Guardian:                    # the name shown for the outlet
    aliases: [Guardian, guardian.co.uk]   # other names or web hosts of the same outlet
    homepage: https://www.theguardian.com/
    description: British daily newspaper.  # plain text
```

Outlets' names and aliases are plain text, cleaned as an article's `source` is (they title feeds
and pages). Names match with case and diacritics folded ("Jose" finds "José"). A malformed file raises
`RegistryError` whose message names the file and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from digest_plugin.core.articles import NAME_MAX_CHARS, plain_text, web_url
from digest_plugin.core.entities.countries import fold, normalize_code
from digest_plugin.core.entities.people import name_key
from digest_plugin.core.model import ArticleEntities, Mention

_ENTRY_KEYS = {"aliases", "description", "image", "wikidata"}
_SOURCE_KEYS = {"aliases", "description", "homepage"}
_WIKIDATA = re.compile(r"^Q[1-9]\d*$")


class RegistryError(ValueError):
    """entities.yml cannot be used; the message names the file and the line."""


@dataclass
class RegistryEntry:
    """What the editor says about one person (by canonical name) or country (by code)."""

    name: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    image: str = ""
    wikidata: str = ""


@dataclass(frozen=True)
class SourceEntry:
    """What the editor says about one outlet: the name to show, its other names and web hosts,
    its homepage (http or https) and a short plain-text description."""

    name: str
    aliases: tuple[str, ...] = ()
    homepage: str = ""
    description: str = ""


@dataclass
class Registry:
    people: dict[str, RegistryEntry] = field(default_factory=dict)
    countries: dict[str, RegistryEntry] = field(default_factory=dict)
    sources: dict[str, SourceEntry] = field(default_factory=dict)  # by the name to show
    ignored_people: set[str] = field(default_factory=set)  # folded names
    ignored_countries: set[str] = field(default_factory=set)  # codes
    _person_index: dict[tuple[str, ...], str] = field(default_factory=dict, repr=False)

    def _index(self) -> dict[tuple[str, ...], str]:
        if not self._person_index and self.people:
            for canonical, entry in self.people.items():
                for form in (canonical, *entry.aliases):
                    self._person_index[_match_key(form)] = canonical
        return self._person_index

    def canonical_person(self, name: str) -> str | None:
        """The canonical name the registry gives this form, or None if it does not know it."""
        return self._index().get(_match_key(name))

    def person_ignored(self, name: str) -> bool:
        return fold(name) in self.ignored_people

    def country_ignored(self, code: str) -> bool:
        return code in self.ignored_countries


def _match_key(name: str) -> tuple[str, ...]:
    return name_key(tuple(name.split()))


def load_registry(path: str | Path | None) -> Registry:
    """Read entities.yml; a missing path gives an empty registry, a malformed one RegistryError."""
    if path is None:
        return Registry()
    path = Path(path)
    if not path.exists():
        return Registry()
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f"line {mark.line + 1}" if mark else "unknown line"
        raise RegistryError(f"{path}: {line}: invalid YAML: {error.problem or error}") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise RegistryError(f"{path}: cannot read: {error}") from None
    return _Parser(path).registry(root)


class _Parser:
    """Validates the YAML node tree so every error can name its line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, node: yaml.Node, reason: str) -> RegistryError:
        return RegistryError(f"{self.path}: line {node.start_mark.line + 1}: {reason}")

    def mapping(self, node: yaml.Node, what: str) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
        if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
            return []
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping")
        return [(k, v) for k, v in node.value if self.scalar(k, f"a key in {what}") is not None]

    def scalar(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            raise self.fail(node, f"{what} must be a non-empty text")
        return str(node.value).strip()

    def strings(self, node: yaml.Node, what: str) -> list[tuple[yaml.Node, str]]:
        if isinstance(node, yaml.ScalarNode):
            if node.value in ("", "~", "null"):
                return []
            return [(node, self.scalar(node, what))]
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list of texts")
        return [(item, self.scalar(item, f"each of {what}")) for item in node.value]

    def registry(self, root: yaml.Node | None) -> Registry:
        registry = Registry()
        if root is None:
            return registry
        seen_alias: dict[tuple[str, ...], str] = {}
        for key, value in self.mapping(root, "the registry"):
            section = key.value
            if section == "people":
                for name_node, entry_node in self.mapping(value, "people"):
                    entry = self.entry(name_node, entry_node, "person")
                    for form in (entry.name, *entry.aliases):
                        owner = seen_alias.setdefault(_match_key(form), entry.name)
                        if owner != entry.name:
                            raise self.fail(entry_node if form != entry.name else name_node,
                                            f"'{form}' is given to both '{owner}' and '{entry.name}'")
                    registry.people[entry.name] = entry
            elif section == "countries":
                for code_node, entry_node in self.mapping(value, "countries"):
                    code = normalize_code(self.scalar(code_node, "a country"))
                    if code is None:
                        raise self.fail(code_node,
                                        f"'{code_node.value}' is not an ISO 3166-1 alpha-2 code or country name")
                    entry = self.entry(code_node, entry_node, "country")
                    registry.countries[code] = replace(entry, name=code)
            elif section == "ignore":
                for kind_node, names in self.mapping(value, "ignore"):
                    if kind_node.value == "people":
                        registry.ignored_people |= {fold(n) for _, n in self.strings(names, "ignore.people")}
                    elif kind_node.value == "countries":
                        for node, name in self.strings(names, "ignore.countries"):
                            code = normalize_code(name)
                            if code is None:
                                raise self.fail(node, f"'{name}' is not an ISO 3166-1 alpha-2 code or country name")
                            registry.ignored_countries.add(code)
                    else:
                        raise self.fail(kind_node, f"unknown key 'ignore.{kind_node.value}' (use people or countries)")
            elif section == "sources":
                for name_node, entry_node in self.mapping(value, "sources"):
                    source = self.source(name_node, entry_node)
                    registry.sources[source.name] = source
            else:
                raise self.fail(key, f"unknown section '{section}' (use people, countries, ignore or sources)")
        return registry

    def outlet_name(self, node: yaml.Node, what: str) -> str:
        """An outlet's name or alias as plain text, cleaned as an article's `source` is: the
        name titles the outlet's pages and feeds (RSS titles, which readers may render as HTML)
        and names every article of the outlet, and an alias is matched against cleaned sources."""
        raw = self.scalar(node, what)
        name, _cut = plain_text(raw, NAME_MAX_CHARS)
        if not name:
            raise self.fail(node, f"{what} must be plain text, not {raw!r}")
        return name

    def source(self, name_node: yaml.Node, node: yaml.Node) -> SourceEntry:
        name = self.outlet_name(name_node, "an outlet's name")
        fields: dict[str, object] = {"name": name}
        for key, value in self.mapping(node, f"the entry for '{name}'"):
            if key.value not in _SOURCE_KEYS:
                raise self.fail(key, f"unknown key '{key.value}' for '{name}' (use {', '.join(sorted(_SOURCE_KEYS))})")
            if key.value == "aliases":
                what = f"aliases of '{name}'"
                items = [item for item, _ in self.strings(value, what)]
                fields["aliases"] = tuple(self.outlet_name(item, f"each of {what}") for item in items)
                continue
            text = self.scalar(value, f"{key.value} of '{name}'")
            if key.value == "homepage":
                parts = urlsplit(text)
                # web_url: no quote, angle bracket, backslash or whitespace, which no address holds.
                if parts.scheme.lower() not in ("http", "https") or not parts.netloc or not web_url(text):
                    raise self.fail(value, f"homepage of '{name}' must be an http or https address, not '{text}'")
            fields[key.value] = text
        return SourceEntry(**fields)  # type: ignore[arg-type]

    def entry(self, name_node: yaml.Node, node: yaml.Node, what: str) -> RegistryEntry:
        name = self.scalar(name_node, f"a {what}'s name")
        fields: dict[str, object] = {"name": name}
        for key, value in self.mapping(node, f"the entry for '{name}'"):
            if key.value not in _ENTRY_KEYS:
                raise self.fail(key, f"unknown key '{key.value}' for '{name}' (use {', '.join(sorted(_ENTRY_KEYS))})")
            if key.value == "aliases":
                fields["aliases"] = tuple(alias for _, alias in self.strings(value, f"aliases of '{name}'"))
            else:
                text = self.scalar(value, f"{key.value} of '{name}'")
                if key.value == "wikidata" and not _WIKIDATA.match(text):
                    raise self.fail(value, f"wikidata of '{name}' must look like Q42, not '{text}'")
                fields[key.value] = text
        return RegistryEntry(**fields)  # type: ignore[arg-type]


def apply_overrides(
    entities: ArticleEntities,
    people: list[str] | None = None,
    countries: list[str] | None = None,
    registry: Registry | None = None,
) -> ArticleEntities:
    """Front matter `people:`/`countries:` lists replace what extraction found for that kind.

    Salience is kept where extraction found the same entity; an entity only the editor names
    counts once. Quotations keep only the speakers the editor's list keeps. Editor names go
    through registry aliases; country values may be codes or names.
    Raises ValueError naming the first country value that is neither.
    """
    result = ArticleEntities(people=list(entities.people), countries=list(entities.countries),
                             quotes=list(entities.quotes))
    if people is not None:
        found = {_match_key(m.name): m for m in entities.people}
        chosen: dict[str, Mention] = {}
        renamed: dict[str, str] = {}  # extracted name -> the editor's name for that person
        for raw in people:
            name = str(raw).strip()
            if not name:
                continue
            canonical = (registry.canonical_person(name) if registry else None) or name
            extracted = found.get(_match_key(canonical)) or found.get(_match_key(name))
            chosen.setdefault(canonical, replace(extracted, name=canonical) if extracted else Mention(canonical))
            if extracted is not None:
                renamed.setdefault(extracted.name, canonical)
        result.people = list(chosen.values())
        # Quotations stay with the people the editor kept, under the editor's name for them.
        result.quotes = [replace(q, speaker=renamed[q.speaker]) for q in entities.quotes if q.speaker in renamed]
    if countries is not None:
        found_codes = {m.name: m for m in entities.countries}
        codes: dict[str, Mention] = {}
        for raw in countries:
            code = normalize_code(str(raw))
            if code is None:
                raise ValueError(f"'{raw}' is not an ISO 3166-1 alpha-2 country code or country name")
            codes.setdefault(code, found_codes.get(code) or Mention(code))
        result.countries = list(codes.values())
    return result
