"""The session of an SCDL deliberations list's row, when the list says which assembly sat.

A list names the assembly by its date column (Montpellier's « Date CM », the date of the *conseil municipal*) or by
a column of its own (« Organe », « Instance »: « CM », « Conseil communautaire »…). The row's deliberation then has
its ``mai:body`` (an ``org:OrganizationalUnit`` of the authority) and its ``mai:session`` (a ``mai:Session`` with
``dcterms:date`` and ``mai:body``), minted as the deliberation reader mints them (:func:`graph.identity.body_iri`,
:func:`graph.identity.session_iri`, the organ's canonical label of :data:`graph.ingest.delib_session.BODIES`), so
that the text of a deliberation of that session and the list's rows meet on one session node.

A list that names no assembly (the standard's DELIB_DATE) gives no session: the reader keys a session by its organ
too, and a session of the date alone would be a second session of the deliberation whose text names its organ (a
deliberation is adopted during at most one session: maish:DeliberationShape), and one for two organs that sat the
same day.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from graph.identity import body_iri, session_iri
from graph.ingest.delib_session import find_body
from graph.namespaces import MAI, ORG
from graph.tabular import normalise_header
from graph.triples import TripleSet

#: The assemblies that an abbreviation names, as lists write them (« Date CM », an « Instance » column's « CC »).
ABBREVIATIONS = {"cm": "Conseil Municipal", "cc": "Conseil Communautaire", "cd": "Conseil Départemental",
                 "cr": "Conseil Régional", "cp": "Commission Permanente"}


def body_of_date_column(column: str) -> str | None:
    """The assembly that a date column's name says sat that day, its canonical label; None when it names none.

    >>> body_of_date_column("Date CM"), body_of_date_column("Date du conseil municipal")
    ('Conseil Municipal', 'Conseil Municipal')
    >>> body_of_date_column("DELIB_DATE"), body_of_date_column("Date de séance")
    (None, None)
    """
    key = normalise_header(column)
    if key.startswith("date") and key[4:] in ABBREVIATIONS:
        return ABBREVIATIONS[key[4:]]
    return find_body(column) if key.startswith("date") else None


def body_label(value: str) -> str | None:
    """The canonical label of the assembly that a body column's cell names: its abbreviation's, the reader's for a
    name it knows (« conseil municipal »: « Conseil Municipal »), else the cell as written; None for an empty cell.

    >>> body_label("CM"), body_label("conseil communautaire"), body_label("Conseil de quartier"), body_label(" ")
    ('Conseil Municipal', 'Conseil Communautaire', 'Conseil de quartier', None)
    """
    value = " ".join(value.split())
    if not value:
        return None
    return ABBREVIATIONS.get(normalise_header(value)) or find_body(value) or value


def add_session(graph: TripleSet, deliberation: URIRef, authority: URIRef, organ: str, day, base: str) -> None:
    """Give ``deliberation`` its organ and its session of ``day``, as the deliberation reader gives them."""
    body = body_iri(authority, organ, base=base)
    graph.add((body, RDF.type, ORG.OrganizationalUnit))
    graph.add((body, RDFS.label, Literal(organ)))
    graph.add((body, ORG.unitOf, authority))
    session = session_iri(authority, organ, day, base=base)
    graph.add((session, RDF.type, MAI.Session))
    graph.add((session, DCTERMS.date, Literal(day, datatype=XSD.date)))
    graph.add((session, MAI.body, body))
    graph.add((deliberation, MAI.body, body))
    graph.add((deliberation, MAI.session, session))
