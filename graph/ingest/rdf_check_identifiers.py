"""The identifiers of an RDF file as it writes them, checked at ingest (:mod:`graph.ingest.rdf_checks`): SIRETs whose
check digit is wrong, and SIRENs, SIRETs and RNA numbers given by properties that Maillage does not read.
"""

from __future__ import annotations

import re
from operator import itemgetter

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import XSD

from graph.identifiers import LA_POSTE_SIREN, siret_ok
from graph.ingest.base import Issue
from graph.ingest.rdf_check_wording import MAX_STATEMENTS_SHOWN, more_unshown, short
from graph.ingest.rdf_namespaces import contract_iri, spellings
from graph.namespaces import MAI, ORG, SCHEMA
from graph.terms import term_parts

#: Invalid SIRETs reported one by one, at most; the others are counted in one more warning.
MAX_SIRETS_SHOWN = 10
_UNQUOTED = (f"SELECT DISTINCT ?v WHERE {{ GRAPH <%s> {{ ?s <{MAI.siret}> ?v }} "
             f"FILTER(!isLiteral(?v) || DATATYPE(?v) != <{XSD.string}>) }}")


def invalid_sirets(sirets: dict, unquoted=lambda: set()) -> list[Issue]:
    """A warning for each SIRET of 14 digits whose check digit is wrong (SHACL tells the others: not 14 digits,
    or written as a number, the values that ``unquoted()`` gives, asked only when some key is wrong). The tables
    ignore such a SIRET; an RDF file's statement is kept as the file gives it."""
    suspects = [(value, subject) for subject, value in sirets.items() if not _luhn_sum_ok(value)]
    wrong = sorted(((value, subject) for value, subject in suspects if len(value) == 14 and value.isdigit()
                    and not (value.startswith(LA_POSTE_SIREN) and siret_ok(value))), key=itemgetter(0))
    if wrong and (numbers := unquoted()):
        wrong = [(value, subject) for value, subject in wrong if value.lstrip("0") not in numbers]
    issues = [Issue("warning", f"SIRET invalide (clé de contrôle) de {_node(subject)} : gardé tel que le fichier "
                               "le donne ; vérifiez-le (SIRENE, annuaire-entreprises.data.gouv.fr)",
                    f"invalid SIRET (check digit) of {_node(subject, 'en')}: kept as the file gives it; check it "
                    "(SIRENE, annuaire-entreprises.data.gouv.fr)", field="mai:siret", value=value)
              for value, subject in wrong[:MAX_SIRETS_SHOWN]]
    return issues + more_unshown(len(wrong) - MAX_SIRETS_SHOWN, "SIRET invalides (clé de contrôle) : {} autres",
                                 "invalid SIRETs (check digit): {} more", "mai:siret")


def unquoted_sirets(query, source: URIRef) -> set[str]:
    """The SIRETs of the graph ``source`` that are not strings (a number: SHACL says to quote it), without their
    leading zeros (the store writes 03312345600012 as 3312345600012)."""
    rows = query(_UNQUOTED % source).raw_rows()
    return {term_parts(row[0])[1].lstrip("0") for row in rows}


_DOUBLED = str.maketrans("0123456789", "0246813579")  # a digit doubled, less 9 past 9


def _luhn_sum_ok(digits: str) -> bool:
    """The Luhn check of a string of digits, in C loops (a bulk file's 100k SIRETs: 0.08 s instead of 0.7 s):
    the sum of the digits is the sum of their bytes less 48 ('0') each.

    >>> _luhn_sum_ok("21060004500392"), _luhn_sum_ok("22420001800018"), _luhn_sum_ok("244200770")
    (True, False, True)
    """
    doubled = digits[-2::-2].translate(_DOUBLED)
    return (sum(digits[-1::-2].encode()) + sum(doubled.encode()) - 48 * len(digits)) % 10 == 0


def _node(term, lang: str = "fr") -> str:
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    return "a blank node" if lang == "en" else "un nœud anonyme"


def _any(*terms, sep: str = " ") -> str:
    """``terms`` and their miswritten spellings, as SPARQL writes IRIs, between ``sep`` (" " in VALUES, "|" in a
    path)."""
    return sep.join(f"<{spelt}>" for term in terms for spelt in spellings(str(term)))


#: Identifiers that other vocabularies give and Maillage does not read: schema.org's tax ID and identifier (a text,
#: or a PropertyValue whose propertyID says what it is), the Organization ontology's identifier, each also in its
#: miswritten namespaces (``https://schema.org/``: :mod:`graph.ingest.rdf_namespaces`). None that the file also gives
#: by the contract's property (the same value).
_UNREAD = (f"SELECT DISTINCT ?s ?p ?v ?kind WHERE {{ GRAPH <%s> {{ "
           f"{{ VALUES ?p {{ {_any(SCHEMA.taxID, SCHEMA.identifier, ORG.identifier)} }} ?s ?p ?v "
           "FILTER(isLiteral(?v)) } "
           f"UNION {{ VALUES ?p {{ {_any(SCHEMA.identifier)} }} ?s ?p ?node . "
           f"?node {_any(SCHEMA.propertyID, sep='|')} ?kind ; {_any(SCHEMA.value, sep='|')} ?v }} "
           f"FILTER NOT EXISTS {{ ?s <{MAI.siren}>|<{MAI.siret}>|<{MAI.rna}> ?same FILTER(STR(?same) = STR(?v)) }} "
           "} } ORDER BY ?s ?p ?v")
#: The contract's property of each kind of identifier, and its form (spaces aside) when nothing else says the kind.
_READ_AS = {"SIREN": MAI.siren, "SIRET": MAI.siret, "RNA": MAI.rna}
_FORMS = (("SIREN", re.compile(r"\d{9}")), ("SIRET", re.compile(r"\d{14}")), ("RNA", re.compile(r"W\d{9}", re.I)))


def _as_read(kind: str, value: str) -> str:
    """An identifier as the contract's property takes it: a SIREN or a SIRET in its digits only (the shapes refuse
    "423 123 454"), an RNA number without spaces, in capitals.

    >>> _as_read("SIREN", "423 123 454"), _as_read("SIRET", "423.123.454 00013"), _as_read("RNA", "w423 001234")
    ('423123454', '42312345400013', 'W423001234')
    """
    return re.sub(r"\D", "", value) if kind in ("SIREN", "SIRET") else re.sub(r"\s", "", value).upper()


def unread_identifiers(query, source: URIRef, observed) -> list[Issue]:
    """One warning for the SIRENs, SIRETs and RNA numbers that the file gives by properties Maillage does not read
    (schema:taxID, schema:identifier, org:identifier), each with the statement that it reads (a SIREN in its digits
    only, as the shapes want it): without it, the actor
    is matched to no other source's, nor told a twin of one. One query on the file's graph."""
    found = []
    for s, p, value, kind in query(_UNREAD % source):
        kind = str(kind).strip().upper() if kind is not None else \
            next((name for name, form in _FORMS if form.fullmatch(re.sub(r"[\s.]", "", str(value)))), None)
        if kind in _READ_AS:
            found.append((s, p, str(value), kind))
    if not found:
        return []
    shown, shown_en = [], []
    for s, p, value, kind in found[:MAX_STATEMENTS_SHOWN]:
        node, node_en = (f"<{s}>", f"<{s}>") if isinstance(s, URIRef) else ("[un nœud anonyme]", "[a blank node]")
        said = f'{short(str(p))} "{value}"' + ("" if contract_iri(str(p)) == str(SCHEMA.taxID) else f" ({kind})")
        read = _as_read(kind, value)
        shown.append(f'{node} {said} → {node} {short(str(_READ_AS[kind]))} "{read}"')
        shown_en.append(f'{node_en} {said} → {node_en} {short(str(_READ_AS[kind]))} "{read}"')
    more, more_en = (f" ; … ({len(found)} en tout)", f"; … ({len(found)} in all)") \
        if len(found) > MAX_STATEMENTS_SHOWN else ("", "")
    return [Issue("warning", f"identifiants que Maillage ne lit pas : {' ; '.join(shown)}{more} — ni schema:taxID, ni "
                             "schema:identifier, ni org:identifier ne sont lus ; donnez le SIREN par mai:siren, le "
                             "SIRET par mai:siret, le numéro RNA par mai:rna",
                  f"identifiers that Maillage does not read: {'; '.join(shown_en)}{more_en}; neither schema:taxID, "
                  "schema:identifier nor org:identifier is read; give the SIREN as mai:siren, the SIRET as mai:siret, "
                  "the RNA number as mai:rna", line=observed.line_of(found[0][2]), field=short(str(found[0][1])),
                  value=found[0][2])]
