"""What an association's record gives beside its name, read alike by every kind that lists associations (an RNA
extract, a local authority's directory): its web site, kept when it is a web address, and the place it is in.

An e-mail address written where the web site belongs is personal data (DATA-FORMATS.md, pitfall 30): never stored,
nor shown in the warning, which the report keeps.
"""

from __future__ import annotations

import re

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from graph.ingest.base import literal
from graph.namespaces import MAI, SCHEMA
from graph.triples import TripleSet

#: A web site as a record writes it, to be stored: an http(s) URL or a bare domain (``www.amis-hopital.fr``).
WEBSITE = re.compile(r"(?:https?://)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?",
                     re.IGNORECASE)
#: Made once: rdflib's namespaces other than ours make a new term on each use.
_TYPE, _LABEL = RDF.type, RDFS.label


def read_website(written: str, column: str) -> tuple[str | None, tuple[str, str, str | None] | None]:
    """The web site that the cell of ``column`` gives, and why it gives none when it is not empty: (French,
    English, the value to show — None for an e-mail address, which is personal data).

    >>> read_website("www.amis-hopital.fr", "siteweb")
    ('www.amis-hopital.fr', None)
    >>> read_website("asso@free.fr", "INTERNET")[1][1]
    'e-mail address in INTERNET: not stored (personal data)'
    """
    if not written or WEBSITE.fullmatch(written):
        return written or None, None
    if "@" in written:
        return None, (f"adresse électronique dans {column} : non enregistrée (donnée personnelle)",
                      f"e-mail address in {column}: not stored (personal data)", None)
    return None, (f"{column} qui n'est pas une adresse web (http(s)://… ou nom de domaine) : ignoré",
                  f"{column} that is no web address (http(s)://… or a domain name): ignored", written)


def locate(graph: TripleSet, actor: URIRef, place: URIRef, label: str, insee_code: str | None = None) -> None:
    """State that ``actor`` is in ``place`` (``schema:location``), a ``schema:Place`` labelled ``label`` (its first
    label kept: a commune holds many associations), with its INSEE code when it is a commune."""
    graph.add((actor, SCHEMA.location, place))
    graph.add((place, _TYPE, SCHEMA.Place))
    if insee_code is not None:
        graph.add((place, MAI.inseeCode, literal(insee_code)))
    if (place, _LABEL, None) not in graph:
        graph.add((place, _LABEL, literal(label)))
