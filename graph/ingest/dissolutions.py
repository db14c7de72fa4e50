"""The grants of a stored grants list, and the members of a stored register, that a registry says were dissolved
before the grant was agreed or the member joined.

The RNA gives a dissolved association its ``schema:dissolutionDate``, SIRENE a ceased unit its own: a grant agreed
(``dateConvention``) after that date went to no living body, a member that joined after it joined as none. Either
the row's identifier is wrong (another association's RNA number, a SIRET copied from the wrong row), or the row
names an association that no longer exists: the file is kept as it is, and the row is warned of, once the file is
stored and its actors joined to the registries' (:func:`check_dissolved`, :func:`check_dissolved_members`).
"""

from __future__ import annotations

import datetime as dt

from rdflib import URIRef

from graph.ingest.base import Issue
from graph.ingest.french import format_date_words
from graph.namespaces import sparql_prologue

#: The grants of ``?source`` agreed after their beneficiary's dissolution, which another source (?registry) states:
#: with the row's line, the registry's kind and name of the beneficiary, and the row's identifiers.
_DISSOLVED = """SELECT DISTINCT ?line ?date ?dissolved ?kind ?label ?rna ?siren WHERE {
  GRAPH ?source { ?grant mai:beneficiary ?beneficiary ; mai:conventionDate ?date ; mai:rowNumber ?line }
  GRAPH ?registry { ?beneficiary schema:dissolutionDate ?dissolved }
  FILTER(?registry != ?source && ?dissolved < ?date)
  OPTIONAL { GRAPH ?registry { ?registry dcterms:type ?kind } }
  OPTIONAL { GRAPH ?registry { ?beneficiary rdfs:label ?label } }
  OPTIONAL { GRAPH ?source { ?beneficiary mai:rna ?rna } }
  OPTIONAL { GRAPH ?source { ?beneficiary mai:siren ?siren } }
} ORDER BY ?line ?kind"""
#: The members of the register ``?source`` that joined after their dissolution, which another source states; as
#: :data:`_DISSOLVED`, with the member's name in the register instead of a line (a member has no row number).
_MEMBERS = """SELECT DISTINCT ?name ?date ?dissolved ?kind ?label ?rna ?siren WHERE {
  GRAPH ?source { ?membership org:member ?member ; mai:joinedOn ?date . ?member rdfs:label ?name }
  GRAPH ?registry { ?member schema:dissolutionDate ?dissolved }
  FILTER(?registry != ?source && ?dissolved < ?date)
  OPTIONAL { GRAPH ?registry { ?registry dcterms:type ?kind } }
  OPTIONAL { GRAPH ?registry { ?member rdfs:label|skos:altLabel ?label } }
  OPTIONAL { GRAPH ?source { ?member mai:rna ?rna } }
  OPTIONAL { GRAPH ?source { ?member mai:siren ?siren } }
} ORDER BY ?name ?kind ?label"""
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")


def check_dissolved(query, source: URIRef) -> list[Issue]:
    """Warn about each grant of the grants list ``source`` agreed after the registry's date of dissolution of its
    beneficiary (see the module's docstring), at the grant's row; ``query``: a store's query function. One query."""
    issues, told = [], set()
    for line, date, dissolved, kind, label, rna, siren in query(sparql_prologue() + _DISSOLVED, {"source": source}):
        if int(line) in told:
            continue
        told.add(int(line))
        issues.append(_dissolved_issue(int(line), dissolved.toPython(), str(kind or ""), str(label or ""),
                                       f"RNA {rna}" if rna else f"SIREN {siren}" if siren else ""))
    return issues


def check_dissolved_members(query, source: URIRef) -> list[Issue]:
    """Warn about each member of the register ``source`` that joined after the registry's date of its dissolution,
    naming it and its entry date (``joined``); ``query``: a store's query function. One query."""
    issues, told = [], set()
    for name, date, dissolved, kind, label, rna, siren in query(sparql_prologue() + _MEMBERS, {"source": source}):
        if str(name) in told:
            continue
        told.add(str(name))
        said = _dissolved_issue(None, dissolved.toPython(), str(kind or ""), str(label or ""),
                                f"RNA {rna}" if rna else f"SIREN {siren}" if siren else "", member=True)
        issues.append(Issue("warning", f"membre « {name} » entré le {format_date_words(date.toPython())} : "
                                       f"{said.message}", f"member '{name}' joined on {date}: {said.message_en}",
                            field="joined", value=str(date)))
    return issues


def _dissolved_issue(line: int | None, dissolved, kind: str, label: str, number: str,
                     member: bool = False) -> Issue:
    """The warning about a grant of row ``line`` (a ``member``'s entry) to « ``label`` » (the row's identifier
    ``number``, if any), which the registry of kind ``kind`` says was dissolved on ``dissolved``."""
    noun = "association" if kind == "rna" else "organisation"
    registry, registry_en = _REGISTRIES.get(kind, ("une autre source", "another source"))
    named, named_en = (f" « {label} »", f" '{label}'") if label else ("", "")
    shown = f" ({number})" if number else ""
    if isinstance(dissolved, dt.date):
        when = f"le {format_date_words(dissolved)}"
        when_en = f"{dissolved.day} {_MONTHS_EN[dissolved.month - 1]} {dissolved.year}"
    else:
        when = when_en = str(dissolved)
    doubt, doubt_en = ("numéro erroné", "a wrong number") if number else ("homonyme", "a namesake")
    what, what_en = (f"adhésion d'une {noun} dissoute", f"a dissolved {noun}'s membership") if member else \
        (f"subvention à une {noun} dissoute", f"a grant to a dissolved {noun}")
    return Issue("warning", f"l'{noun}{named}{shown} est dissoute depuis {when} selon {registry} : {doubt} ou "
                            f"{what} ?",
                 f"the {noun}{named_en}{shown} has been dissolved since {when_en} according to {registry_en}: "
                 f"{doubt_en}, or {what_en}?", line=line)


#: How a message names the registry that states a dissolution, by its kind of source.
_REGISTRIES = {"rna": ("le RNA", "the RNA"), "sirene": ("SIRENE", "SIRENE")}
