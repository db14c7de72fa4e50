"""Namespaces of the vocabulary contract and the minting of instance IRIs.

Every vocabulary term used in Python code comes from one of these namespace objects (``MAI.Grant``), never from an
IRI string. Instance IRIs follow ``{base}{kind}/{key}`` (DESIGN.md, "Vocabulary contract").

>>> str(MAI.Grant)
'https://w3id.org/maillage/ontology#Grant'
>>> str(mint("actor", "DanaeCare"))
'https://w3id.org/maillage/id/actor/danaecare'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS, XSD


class _Namespace(Namespace):
    """A namespace that makes each term once: extractors name ``MAI.Grant`` on every row (4 µs a time in rdflib)."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term
        return term


MAI = _Namespace("https://w3id.org/maillage/ontology#")
ORG = _Namespace("http://www.w3.org/ns/org#")
SCHEMA = _Namespace("http://schema.org/")
OA = _Namespace("http://www.w3.org/ns/oa#")

DEFAULT_BASE = "https://w3id.org/maillage/id/"

#: SKOS schemes shipped in ontology/ (their IRIs are part of the contract).
THEMES = MAI.themes
CIRCLES = MAI.circles
GRANT_NATURES = MAI.grantNatures
OUTCOMES = MAI.outcomes

PREFIXES = {
    "mai": MAI,
    "org": ORG,
    "schema": SCHEMA,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "foaf": FOAF,
    "oa": OA,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "sh": SH,
}

__all__ = [
    "MAI", "ORG", "SCHEMA", "OA", "SKOS", "DCTERMS", "PROV", "FOAF", "RDF", "RDFS", "XSD", "OWL", "SH",
    "DEFAULT_BASE", "NOT_REPLACED", "PREFIXES", "THEMES", "CIRCLES", "GRANT_NATURES", "OUTCOMES",
    "ascii_fold", "slugify", "mint", "bind_prefixes", "sparql_prologue", "not_replaced",
]

_NON_SLUG = re.compile(r"[^a-z0-9]+")
#: Ligatures that NFKD leaves whole, so that folding to ASCII dropped them ("Sœurs" became "surs"): spelled out.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


def ascii_fold(text: str) -> str:
    """Lowercase ``text`` and fold it to ASCII: accents stripped, the ligatures œ and æ spelled out, other letters
    that have no ASCII form dropped. Names are keyed and slugged through it, so that two spellings meet.

    >>> ascii_fold("Sœurs de l'ŒUVRE, Cæsar"), ascii_fold("Soeurs")
    ("soeurs de l'oeuvre, caesar", 'soeurs')
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_LIGATURES)).encode("ascii", "ignore").decode("ascii")
    return text.lower()


def slugify(text: str, max_length: int = 80) -> str:
    """Fold ``text`` to a lowercase ASCII key made of letters, digits and hyphens, at most ``max_length`` long.

    A longer key is cut and ends with a hash of the whole, so that two texts that begin alike stay apart (two files
    named alike up to their 80th character were one source, the second replacing the first).

    >>> slugify("Saint-Étienne Métropole")
    'saint-etienne-metropole'
    >>> slugify("2024.00240"), slugify("Sœurs de Saint-Joseph")
    ('2024-00240', 'soeurs-de-saint-joseph')
    >>> slugify("a" * 90 + "1", 20), slugify("a" * 90 + "2", 20)
    ('aaaaaaaaaaa-7905df21', 'aaaaaaaaaaa-e4d8f8de')
    """
    slug = _NON_SLUG.sub("-", ascii_fold(text)).strip("-")
    if len(slug) > max_length:
        digest = hashlib.blake2b(slug.encode("ascii"), digest_size=4).hexdigest()
        slug = slug[:max_length - len(digest) - 1].rstrip("-") + "-" + digest
    return slug or "x"


def mint(kind: str, *keys: object, base: str = DEFAULT_BASE) -> URIRef:
    """Return the instance IRI ``{base}{kind}/{key}``; several keys are joined by ``/`` after slugifying each.

    >>> str(mint("deliberation", "saint-etienne-metropole", "2024.00240", base="https://ex.org/id/"))
    'https://ex.org/id/deliberation/saint-etienne-metropole/2024-00240'
    """
    return URIRef(base + kind + "/" + "/".join(slugify(str(k)) for k in keys))


def bind_prefixes(graph) -> None:
    """Bind the contract's prefixes on an rdflib graph or dataset, for readable serialisations."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)


def not_replaced(grant: str = "?grant") -> str:
    """A SPARQL pattern that leaves out the grant bound to ``grant`` when a later act replaces it (an erratum's or an
    amending act's grant states ``dcterms:replaces`` the grant it corrects): an anti-join with those few triples,
    read once, where FILTER NOT EXISTS would look each grant up.

    >>> not_replaced("?link")
    'MINUS { ?newer dcterms:replaces ?link }'
    """
    return f"MINUS {{ ?newer dcterms:replaces {grant} }}"


#: :func:`not_replaced` for ``?grant``: sums, counts and lists of grants use it; a replaced grant keeps its own page.
NOT_REPLACED = not_replaced()


def sparql_prologue() -> str:
    """Return the ``PREFIX`` declarations of the contract, to put in front of user-facing queries."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
