"""The grants of a partner register (see :mod:`graph.ingest.register`): which strategic goals a grant serves, as
the PTCE's coordinator knows it and no deliberation or grants list says.

A register's ``grants:`` (or ``financements:``) entries name a grant by what a coordinator has at hand — its
deliberation's number, its SCDL ``idSubvention``, or both; and, when a deliberation grants several, its beneficiary
(a name, a SIREN or a SIRET) — and give the ranks of the goals it serves::

    grants:
      - {deliberation: 2024.00240, beneficiary: DanaeCare, goals: [2]}
      - {grant_id: SUB-2024-017, goals: [1, 3]}

The grant itself is not in the register, and may be ingested after it: the register does not mint or look up the
grant's IRI. Each entry becomes a *grant reference*, an untyped node ``mint("grant-reference", ptce, register, n)``
(the register's file name, ``n`` the entry's index) of the register's graph that describes the grant with the
grant's own properties — ``mai:decisionReference`` (the number), ``dcterms:identifier`` (the idSubvention),
``schema:fundedItem`` (the beneficiary: an actor of the register, resolved as any actor, or the SIREN of a SIREN or
SIRET given alone; not ``mai:beneficiary``, which makes a grant of what has it) — and states ``mai:contributesTo``
each goal, with the entry's ``mai:rowNumber``. The ingest joins each reference to the grants of the store that it
describes (:data:`REFERENCED_GRANTS`) and states ``<grant> mai:contributesTo <goal>`` in the register's graph
(:mod:`graph.ingest.register_links`), whatever the order in which the register and the grants were ingested;
:func:`check_references` tells the references that describe none, and why, and those whose number alone names
deliberations of several authorities. A number that none of its forms names is matched on its digit groups
(:mod:`graph.ingest.register_numbers`: ``366-15`` names ``CONV N° 366-15``).
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from graph.identifiers import clean_identifier, siren_ok, siret_ok
from graph.ingest.base import InputError, Issue
from graph.ingest.register_numbers import DigitMatch, match_digits
from graph.namespaces import MAI, SCHEMA, mint, sparql_prologue

#: The forms of each reference's deliberation number that a deliberation's ``dcterms:identifier`` may have: as
#: written, and without what precedes its first digit (``n°``) with its separators written ``.``, ``-``, ``/``, ``_``
#: or not at all (``2024.00240``, ``2024-00240``, ``202400240`` are one number). Looked up as written, never
#: computed on the store's side: normalising every deliberation's number for each reference made ``/goals`` take
#: 37 s at 10k actors (2,200 grants).
_NUMBER_FORMS = """{ SELECT ?ref ?numberForm WHERE {
      ?ref mai:decisionReference ?refNumber FILTER NOT EXISTS { ?ref a ?refType }
      VALUES ?separator { "." "-" "/" "_" "" "as written" }
      BIND(IF(?separator = "as written", STR(?refNumber),
              REPLACE(REPLACE(STR(?refNumber), "^[^0-9]+", ""), "[-./_ ]+", ?separator)) AS ?numberForm) } }"""
#: What a reference asks of a grant besides its number or identifier: the same beneficiary (the actor, or an actor
#: of that SIREN).
_SAME_BENEFICIARY = """
    FILTER NOT EXISTS { ?ref schema:fundedItem ?refBeneficiary
                        FILTER NOT EXISTS { ?grant mai:beneficiary ?refBeneficiary }
                        FILTER NOT EXISTS { ?grant mai:beneficiary/mai:siren ?refBeneficiary } }"""
#: The (?ref, ?grant) pairs of grant references and the grants of the store they describe: by deliberation number
#: (and identifier when the reference gives both), or by identifier alone; same beneficiary when it names one. The
#: references are read first (a handful), then the grants they name, by index.
REFERENCED_GRANTS = ("""{ SELECT DISTINCT ?ref ?grant WHERE {
  { """ + _NUMBER_FORMS + """
    ?deliberation dcterms:identifier ?numberForm . ?grant mai:decidedBy ?deliberation ; a mai:Grant .
    FILTER NOT EXISTS { ?ref dcterms:identifier ?refId FILTER NOT EXISTS { ?grant dcterms:identifier ?refId } }"""
                     + _SAME_BENEFICIARY + """ }
  UNION
  { { SELECT ?ref ?refId WHERE { ?ref dcterms:identifier ?refId FILTER NOT EXISTS { ?ref a ?refType }
                                 FILTER NOT EXISTS { ?ref mai:decisionReference ?refNumber } } }
    ?grant dcterms:identifier ?refId ; a mai:Grant .""" + _SAME_BENEFICIARY + """ }
} }""")
#: The grant references that give a deliberation number and describe no grant by its forms, with their register's
#: graph and goals: their digits are read (:mod:`graph.ingest.register_numbers`).
_UNMATCHED = """SELECT DISTINCT ?source ?ref ?number ?goal WHERE {
  GRAPH ?source { ?ref mai:decisionReference ?number ; mai:rowNumber ?line ; mai:contributesTo ?goal }
  FILTER NOT EXISTS { ?ref a ?refType }
  MINUS { """ + REFERENCED_GRANTS + """ }
}"""


def digit_links(query) -> set[tuple[URIRef, URIRef, URIRef]]:
    """The (register's graph, grant, goal) links of the grant references that only the digit groups of their
    deliberation number make describe grants (``366-15`` for ``CONV N° 366-15``), through ``query``."""
    goals: dict[tuple[URIRef, URIRef, str], list[URIRef]] = {}
    for source, ref, number, goal in query(sparql_prologue() + _UNMATCHED):
        goals.setdefault((source, ref, str(number)), []).append(goal)
    return {(source, grant, goal) for (source, ref, number), ref_goals in goals.items()
            for grant in match_digits(query, ref, number).grants for goal in ref_goals}


def _number(entry, key: str) -> str:
    """The text of a number or identifier field (YAML may have read ``12345`` as an integer)."""
    value = entry.get(key)
    return "" if value is None else " ".join(str(value).split())


def state_grant(builder, entry, n: int) -> None:
    """State the grant reference of one ``grants:`` entry of a register (see the module's docstring) in
    ``builder``'s graph. InputError, with the entry's line and field, when the entry names no grant, no goal, or a
    goal, SIREN or SIRET that is not one."""
    number, grant_id = _number(entry, "deliberation"), _number(entry, "grant_id")
    if not number and not grant_id:
        raise InputError(f"financement sans numéro de délibération ({entry.key_of('deliberation')}) ni identifiant "
                         f"de subvention ({entry.key_of('grant_id')}) : il ne désigne aucune subvention",
                         line=entry.line, field=entry.key_of("deliberation"),
                         message_en=f"grant without a deliberation number ({entry.key_of('deliberation', 'en')}) nor "
                         f"a grant identifier ({entry.key_of('grant_id', 'en')}): it names no grant")
    if number and not any(c.isdigit() for c in number):
        raise InputError(f"numéro de délibération « {number} » sans chiffre", line=entry.line_of("deliberation"),
                         field=entry.key_of("deliberation"),
                         message_en=f"deliberation number '{number}' without a digit")
    goals = _goals(builder, entry)
    # The register's own: minted from the PTCE alone, the references of two registers of one PTCE were one node with
    # both numbers (and one that describes no grant was matched through the other).
    ref = mint("grant-reference", builder.slug, builder.ctx.key, n, base=builder.ctx.base)
    g = builder.graph
    g.add((ref, MAI.rowNumber, Literal(entry.line, datatype=XSD.integer)))
    if number:
        g.add((ref, MAI.decisionReference, Literal(number)))
    if grant_id:
        g.add((ref, DCTERMS.identifier, Literal(grant_id)))
    for goal in goals:
        g.add((ref, MAI.contributesTo, goal))
    siren, siret = _identifier(entry, "siren", siren_ok, 9), _identifier(entry, "siret", siret_ok, 14)
    if siren and siret and not siret.startswith(siren):
        raise InputError(f"SIRET {siret} d'un autre SIREN que {siren}", line=entry.line_of("siret"),
                         field=entry.key_of("siret"),
                         message_en=f"SIRET {siret} of another SIREN than {siren}")
    if name := entry.text("beneficiary"):
        g.add((ref, SCHEMA.fundedItem, builder.book.actor(name, MAI.Actor, siren=siren or None, siret=siret or None)))
    elif siren or siret:  # not mai:siren, which identity lookups read as an actor's
        g.add((ref, SCHEMA.fundedItem, Literal(siren or siret[:9])))


def _goals(builder, entry) -> list[URIRef]:
    """The goals that a grant entry gives by rank or exact label; InputError when it gives none or an unknown one."""
    ranks = builder.goals_named(entry, "goals")
    if not ranks:
        raise InputError(f"financement sans objectif ({entry.key_of('goals')} : les rangs des objectifs qu'il sert)",
                         line=entry.line, field=entry.key_of("goals"), message_en=f"grant without goals "
                         f"({entry.key_of('goals', 'en')}: the ranks of the goals it serves)")
    if unknown := [rank for rank in ranks if builder.goal_of(rank) is None]:
        rank, declared = unknown[0], ", ".join(map(str, sorted(builder.goals))) or "aucun"
        raise UnknownGoal(unknown, f"objectif inconnu « {rank} » (objectifs déclarés sous ptce: "
                          f"{builder.goals_key[0]} : {declared})", line=entry.line_of("goals"),
                          field=entry.key_of("goals"), value=str(rank),
                          message_en=f"unknown goal '{rank}' (goals declared under ptce: {builder.goals_key[1]}: "
                                     f"{declared.replace('aucun', 'none')})")
    return [builder.goal_of(rank) for rank in ranks]


class UnknownGoal(InputError):
    """A grant entry names goals (``ranks``, as written) that the register does not declare: the file is refused."""

    def __init__(self, ranks: list, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ranks = ranks


def unknown_goals(found: list[UnknownGoal], issues: list[Issue]) -> InputError:
    """The refusal of a register for every unknown goal at once: the first grant entry's, then the others with their
    lines — the grant entries' and the members' (warned about) —, so that one run shows them all."""
    first = found[0]
    others = [(str(rank), error.issue.line) for error in found for rank in error.ranks][1:]
    others += [(said[1], issue.line) for issue in issues
               if issue.level == "warning" and (said := re.match(r"objectif inconnu « (.+?) »", issue.message))]
    if not others:
        return first
    others.sort(key=lambda other: other[1] or 0)
    listed = ", ".join(f"« {rank} » ligne {line}" if line else f"« {rank} »" for rank, line in others)
    listed_en = ", ".join(f"'{rank}' line {line}" if line else f"'{rank}'" for rank, line in others)
    said = first.issue
    return InputError(f"{said.message} ; autres objectifs inconnus : {listed}", line=said.line, field=said.field,
                      value=said.value, message_en=f"{said.message_en}; other unknown goals: {listed_en}")


def _identifier(entry, key: str, ok, size: int) -> str:
    """A beneficiary's SIREN or SIRET, without the spaces or dots written in it; InputError when it is not one."""
    raw = _number(entry, key)
    digits = clean_identifier(raw)
    if raw and not ok(digits):
        raise InputError(f"{key.upper()} « {raw} » invalide ({size} chiffres, clé de contrôle)",
                         field=entry.key_of(key),
                         line=entry.line_of(key), value=raw,
                         message_en=f"invalid {key.upper()} '{raw}' ({size} digits, check digit)")
    return digits if raw else ""


#: The grant references of one source that describe no grant of the store, with what they name and what the store
#: has of it: a deliberation of that number, grants of that deliberation. A reference is an untyped node with its
#: row number: the grants that the register's graph links to goals (graph.ingest.register_links) have none there.
_UNLINKED = """SELECT ?ref ?line ?number ?id ?beneficiary ?deliberations ?grants WHERE {
  GRAPH ?source { ?ref mai:rowNumber ?refLine ; mai:contributesTo ?goal } FILTER NOT EXISTS { ?ref a ?refType }
  MINUS { """ + REFERENCED_GRANTS + """ }
  OPTIONAL { ?ref mai:rowNumber ?line } OPTIONAL { ?ref mai:decisionReference ?number }
  OPTIONAL { ?ref dcterms:identifier ?id }
  OPTIONAL { ?ref schema:fundedItem ?funded OPTIONAL { ?funded rdfs:label ?fundedLabel }
             BIND(COALESCE(?fundedLabel, ?funded) AS ?beneficiary) }
  OPTIONAL { SELECT ?ref (COUNT(DISTINCT ?d) AS ?deliberations) (COUNT(DISTINCT ?g) AS ?grants) WHERE {
      """ + _NUMBER_FORMS + """ ?d dcterms:identifier ?numberForm ; a mai:Deliberation .
      OPTIONAL { ?g mai:decidedBy ?d FILTER EXISTS { ?g a mai:Grant } } } GROUP BY ?ref }
} ORDER BY ?line"""


#: The grant references of one source that a deliberation number alone names, and that describe grants of several
#: authorities' deliberations of that number (numbers such as 2022-001 recur from one authority to the next).
_AMBIGUOUS = """SELECT ?ref ?line ?number (COUNT(DISTINCT ?authority) AS ?authorities)
       (GROUP_CONCAT(DISTINCT ?authorityLabel; separator=" | ") AS ?names) WHERE {
  GRAPH ?source { ?ref mai:decisionReference ?number ; mai:rowNumber ?line
                  FILTER NOT EXISTS { ?ref schema:fundedItem ?funded }
                  FILTER NOT EXISTS { ?ref dcterms:identifier ?id } }
  """ + REFERENCED_GRANTS + """
  ?grant mai:decidedBy/mai:authority ?authority . OPTIONAL { ?authority rdfs:label ?authorityLabel }
} GROUP BY ?ref ?line ?number HAVING (COUNT(DISTINCT ?authority) > 1) ORDER BY ?line"""


#: Whether a register gives grant references at all (read in its own graph, by that graph's index).
_GIVES_REFERENCES = """ASK { GRAPH ?source { ?ref mai:rowNumber ?line ; mai:contributesTo ?goal }
  FILTER NOT EXISTS { ?ref a ?refType } }"""


def check_references(query, source: URIRef) -> list[Issue]:
    """Warn about each grant reference of the register ``source`` that describes no grant of the store (``query``:
    a store's query function), saying what it names and why nothing answers it; and about each that its number
    alone makes describe the grants of several authorities.

    A register without references is not looked at further: the engine joins the store's grants and deliberations
    before it finds no reference to match them with (3.5–6.5 s a register at 100k actors)."""
    if not query(sparql_prologue() + _GIVES_REFERENCES, {"source": source}).boolean:
        return []
    issues = _unlinked(query, source)
    for _, line, number, authorities, names in query(sparql_prologue() + _AMBIGUOUS, {"source": source}):
        listed = sorted(set(str(names).split(" | ")))
        names = ", ".join(listed[:3]) + (", …" if len(listed) > 3 else "")
        issues.append(Issue(
            "warning", f"financement (délibération {number}) : ce numéro est celui de délibérations de {authorities} "
                       f"collectivités ({names}) ; leurs subventions servent toutes ses objectifs : précisez le "
                       "bénéficiaire ou l'idSubvention si ce n'est pas voulu",
            f"grant (deliberation {number}): this number is that of deliberations of {authorities} authorities "
            f"({names}); their grants all serve its goals: give the beneficiary or the idSubvention if "
            "that is not meant", line=int(line)))
    return issues


def _unlinked(query, source: URIRef) -> list[Issue]:
    """The warnings about the grant references of ``source`` that describe no grant of the store."""
    issues, seen = [], set()
    for row in query(sparql_prologue() + _UNLINKED, {"source": source}):
        ref, line, number, grant_id, beneficiary, deliberations, grants = row
        if ref in seen:
            continue
        seen.add(ref)
        found = match_digits(query, ref, str(number)) if number else DigitMatch()
        if found.grants:
            continue  # its digits name one deliberation: linked (graph.ingest.register_links)
        if len(found.granting) > 1:
            issues.append(_ambiguous_digits(number, found, line))
            continue
        if found.same and not int(deliberations or 0):
            deliberations, grants = len(found.same), sum(d.total for d in found.same)
        named = [f"délibération {number}" if number else "", f"idSubvention {grant_id}" if grant_id else "",
                 f"bénéficiaire {beneficiary}" if beneficiary else ""]
        named_en = [p.replace("délibération", "deliberation").replace("bénéficiaire", "beneficiary") for p in named]
        why, why_en = _why(number, grant_id, beneficiary, int(deliberations or 0), int(grants or 0))
        if found.near and not int(deliberations or 0):
            why += " ; numéros proches : " + ", ".join(d.named() for d in found.near)
            why_en += "; near numbers: " + ", ".join(d.named_en() for d in found.near)
        issues.append(Issue("warning", f"financement ({', '.join(filter(None, named))}) : {why} ; il sera relié à "
                                       "ses objectifs dès que la subvention sera importée",
                            f"grant ({', '.join(filter(None, named_en))}): {why_en}; it will be linked to its goals "
                            "once the grant is ingested", line=int(line) if line is not None else None))
    return issues


def _ambiguous_digits(number, found: DigitMatch, line) -> Issue:
    """The warning about a reference whose number's digits name several deliberations that grant what it
    describes: none is linked."""
    granting = found.granting
    names, names_en = ", ".join(d.named() for d in granting), ", ".join(d.named_en() for d in granting)
    return Issue("warning", f"financement (délibération {number}) : ces chiffres sont ceux de {len(granting)} "
                            f"délibérations ({names}) ; aucune n'est reliée à ses objectifs : écrivez le numéro "
                            "exact, le bénéficiaire ou l'idSubvention",
                 f"grant (deliberation {number}): these digits are those of {len(granting)} deliberations "
                 f"({names_en}); none is linked to its goals: write the exact number, the beneficiary or the "
                 "idSubvention", line=int(line) if line is not None else None)


def _why(number, grant_id, beneficiary, deliberations: int, grants: int) -> tuple[str, str]:
    """Why a grant reference describes no grant: what the store lacks, in French and English."""
    if number and not deliberations:
        return (f"aucune délibération n° {number} dans le graphe", f"no deliberation number {number} in the graph")
    if number and not grants:
        return (f"la délibération n° {number} n'accorde aucune subvention lue",
                f"deliberation number {number} grants nothing that was read")
    if number and beneficiary:
        extra, extra_en = (" ni de cet identifiant" if grant_id else "", " nor of this identifier" if grant_id else "")
        if grants == 1:
            return (f"la seule subvention de la délibération n° {number} n'est pas accordée à {beneficiary}{extra}",
                    f"the only grant of deliberation number {number} is not to {beneficiary}{extra_en}")
        return (f"aucune des {grants} subventions de la délibération n° {number} n'est accordée à {beneficiary}"
                f"{extra}", f"none of the {grants} grants of deliberation number {number} is to {beneficiary}"
                f"{extra_en}")
    if number:
        return (f"aucune subvention de la délibération n° {number} n'a l'identifiant {grant_id}",
                f"no grant of deliberation number {number} has the identifier {grant_id}")
    suffix = (f" accordée à {beneficiary}", f" to {beneficiary}") if beneficiary else ("", "")
    return (f"aucune subvention d'identifiant {grant_id}{suffix[0]} dans le graphe",
            f"no grant with the identifier {grant_id}{suffix[1]} in the graph")
