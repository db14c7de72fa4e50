"""Named queries: ``webapp/queries/*.rq`` files, each with its title, description and parameters in a header.

Header syntax (comment lines before the query)::

    # title: Partenaires par cercle
    # title@en: Partners by circle
    # description: Les membres du PTCE par cercle d'implication, avec leurs dates d'entrée et de sortie.
    # description@en: …
    # param: circle | iri | Cercle | Circle | optional
    # param: year | integer | Année | Year | 2024

A parameter is ``name | type | French label | English label | optional or a default``; its value is bound to
``?name`` through the store's bindings (never formatted into the text). Types: iri, string, integer, decimal, date.
The pages at ``/queries`` run them as forms; the JSON API at ``/api/queries``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from webapp.errors import ApiError

_TYPES = {"iri", "string", "integer", "decimal", "date"}


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    label_fr: str
    label_en: str
    optional: bool = False
    default: str | None = None

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_fr

    def bind(self, raw: str | None):
        """Return the rdflib term of a form value; raises ApiError (400) on a bad value."""
        raw = (raw or "").strip() or self.default
        if raw is None:
            if self.optional:
                return None
            raise ApiError(f"paramètre « {self.name} » manquant", f"missing parameter '{self.name}'",
                           code="missing-parameter")
        try:
            if self.type == "iri":
                if not raw.startswith(("http://", "https://", "urn:")) or any(c in raw for c in ' <>"{}|^`\\'):
                    raise ValueError(raw)
                return URIRef(raw)
            if self.type == "integer":
                return Literal(int(raw), datatype=XSD.integer)
            if self.type == "decimal":
                return Literal(Decimal(raw.replace(",", ".")), datatype=XSD.decimal)
            if self.type == "date":
                return Literal(dt.date.fromisoformat(raw), datatype=XSD.date)
        except (ValueError, InvalidOperation):
            raise ApiError(f"valeur invalide pour « {self.name} » ({self.type}) : {raw}",
                           f"invalid value for '{self.name}' ({self.type}): {raw}", code="bad-parameter") from None
        return Literal(raw)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title_fr: str
    title_en: str
    description_fr: str
    description_en: str
    parameters: tuple[Parameter, ...]
    text: str
    meta: dict = field(default_factory=dict, compare=False)

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_fr

    def description(self, lang: str) -> str:
        return self.description_en if lang == "en" else self.description_fr

    def bindings(self, values) -> dict:
        """Bind the request's values (a mapping) to the query's parameters."""
        bound = {p.name: p.bind(values.get(p.name)) for p in self.parameters}
        return {k: v for k, v in bound.items() if v is not None}

    def to_json(self) -> dict:
        return {"name": self.name, "title": self.title_fr, "title_en": self.title_en,
                "description": self.description_fr, "description_en": self.description_en,
                "parameters": [{"name": p.name, "type": p.type, "label": p.label_fr, "label_en": p.label_en,
                                "optional": p.optional, "default": p.default} for p in self.parameters],
                "sparql": self.text}


def parse_named_query(name: str, text: str) -> NamedQuery:
    """Read a ``.rq`` file's header; raises ValueError when the title or description is missing."""
    meta: dict[str, str] = {}
    params = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        key, sep, value = line[1:].strip().partition(":")
        if not sep:
            continue
        key, value = key.strip(), value.strip()
        if key == "param":
            parts = [p.strip() for p in value.split("|")]
            if len(parts) < 4 or parts[1] not in _TYPES:
                raise ValueError(f"{name}: bad param line: {value}")
            extra = parts[4] if len(parts) > 4 else ""
            params.append(Parameter(parts[0], parts[1], parts[2], parts[3], extra == "optional",
                                    extra if extra not in ("", "optional") else None))
        else:
            meta[key] = value
    for required in ("title", "title@en", "description", "description@en"):
        if not meta.get(required):
            raise ValueError(f"{name}: header has no {required}")
    return NamedQuery(name, meta["title"], meta["title@en"], meta["description"], meta["description@en"],
                      tuple(params), text, meta)


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every named query shipped in ``webapp/queries``, by name (the file name without ``.rq``), sorted."""
    folder = resources.files("webapp").joinpath("queries")
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            found[name] = parse_named_query(name, entry.read_text(encoding="utf-8"))
    return found


def get_named_query(name: str) -> NamedQuery:
    """Return the named query ``name``; raises ApiError 404 when there is none."""
    try:
        return named_queries()[name]
    except KeyError:
        raise ApiError(f"aucune requête nommée « {name} »", f"no named query '{name}'", status=404,
                       code="unknown-query") from None
