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
``schema:fundedItem`` (the beneficiary: a member of the register or an actor resolved as any actor, and the SIREN
of a SIREN or SIRET given, as a literal: an identifier only narrows which grant is meant, it never names an actor;
not ``mai:beneficiary``, which makes a grant of what has it) — and states ``mai:contributesTo``
each goal, with the entry's ``mai:rowNumber``. The ingest joins each reference to the grants of the store that it
describes (:func:`references`) and states ``<grant> mai:contributesTo <goal>`` in the register's graph
(:mod:`graph.ingest.register_links`), whatever the order in which the register and the grants were ingested;
:func:`check_references` tells the references that describe none, and why, and those whose number alone names
deliberations of several authorities. A number that none of its forms names is matched on its digit groups
(:mod:`graph.ingest.register_numbers`: ``366-15`` names ``CONV N° 366-15``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD
from rdflib.term import Node

from graph.identity_names import fold, name_key
from graph.ingest.base import InputError, Issue
from graph.ingest.register_numbers import DigitMatch, match_digits
from graph.namespaces import MAI, SCHEMA, mint, sparql_prologue

#: The grant references of the registers of the store, or of the register ``?source`` when it is bound, with the
#: goals they give. A reference is a register's: an RDF file that states such nodes (a Maillage export read again)
#: states its links itself. From the goals (8,800 triples at 100k actors) rather than the row numbers (23,600).
_REFERENCES = """SELECT ?source ?ref ?goal WHERE { ?source dcterms:type "register"
  GRAPH ?source { ?ref mai:contributesTo ?goal ; mai:rowNumber ?line } FILTER NOT EXISTS { ?ref a ?refType } }"""
#: What the reference ``?ref`` names: its row number, deliberation number, idSubvention and beneficiary (its label,
#: or the SIREN).
_NAMED = """SELECT ?line ?number ?id ?beneficiary WHERE { ?ref mai:rowNumber ?line
  OPTIONAL { ?ref mai:decisionReference ?number } OPTIONAL { ?ref dcterms:identifier ?id }
  OPTIONAL { ?ref schema:fundedItem ?funded OPTIONAL { ?funded rdfs:label ?fundedLabel }
             BIND(COALESCE(?fundedLabel, ?funded) AS ?beneficiary) } }"""
#: What the reference ``?ref`` asks of a grant besides its number or identifier: the same beneficiary (the actor, or
#: an actor of that SIREN) when it names one.
_SAME_BENEFICIARY = """
  FILTER NOT EXISTS { ?ref schema:fundedItem ?refBeneficiary
                      FILTER NOT EXISTS { ?grant mai:beneficiary ?refBeneficiary }
                      FILTER NOT EXISTS { ?grant mai:beneficiary/mai:siren ?refBeneficiary } }"""
#: The grants of the deliberations numbered ``?numberForm`` that the reference ``?ref`` describes: of its
#: identifier too when it gives one.
_BY_NUMBER = """SELECT DISTINCT ?grant WHERE {
  ?deliberation dcterms:identifier ?numberForm . ?grant mai:decidedBy ?deliberation ; a mai:Grant .
  FILTER NOT EXISTS { ?ref dcterms:identifier ?refId FILTER NOT EXISTS { ?grant dcterms:identifier ?refId } }""" \
    + _SAME_BENEFICIARY + "}"
#: The grants of identifier ``?refId`` that the reference ``?ref`` (which gives no number) describes.
_BY_IDENTIFIER = "SELECT DISTINCT ?grant WHERE { ?grant dcterms:identifier ?refId ; a mai:Grant ." \
    + _SAME_BENEFICIARY + "}"
#: The deliberations numbered ``?numberForm``, with each grant they decide.
_NUMBERED = """SELECT ?deliberation ?grant WHERE { ?deliberation dcterms:identifier ?numberForm ; a mai:Deliberation
  OPTIONAL { ?grant mai:decidedBy ?deliberation FILTER EXISTS { ?grant a mai:Grant } } }"""
#: The authorities of the deliberations that decide the grants of the deliberations numbered ``?numberForm``.
_AUTHORITIES = """SELECT DISTINCT ?authority ?authorityLabel WHERE {
  ?deliberation dcterms:identifier ?numberForm . ?grant mai:decidedBy ?deliberation ; a mai:Grant .
  ?grant mai:decidedBy/mai:authority ?authority OPTIONAL { ?authority rdfs:label ?authorityLabel } }"""


def number_forms(number: str) -> set[str]:
    """The forms of a reference's deliberation number that a deliberation's ``dcterms:identifier`` may have: as
    written, and without what precedes its first digit (``n°``) with its separators (``.``, ``-``, ``/``, ``_`` or
    spaces) written ``.``, ``-``, ``/``, ``_`` or not at all (``2024.00240``, ``2024 00240``, ``202400240`` are one
    number). Looked up as written, never
    computed on the store's side: normalising every deliberation's number for each reference made ``/goals`` take
    37 s at 10k actors (2,200 grants).

    >>> sorted(number_forms("n° 2024.00240"))
    ['2024-00240', '2024.00240', '2024/00240', '202400240', '2024_00240', 'n° 2024.00240']
    """
    digits_on = re.sub(r"^[^0-9]+", "", number)
    return {number} | {re.sub(r"[-./_ ]+", separator, digits_on) for separator in (".", "-", "/", "_", "")}


@dataclass
class Reference:
    """A grant reference of a register's graph: what it names, the goals it gives, the grants of the store it
    describes by its number's forms or its identifier (not by its digits: :mod:`graph.ingest.register_numbers`)."""

    iri: URIRef
    source: URIRef
    goals: set[URIRef] = field(default_factory=set)
    line: int = 0
    number: str | None = None
    grant_id: Literal | None = None
    beneficiary: Node | None = None  # a label of its beneficiary, or the SIREN it gives
    grants: set[URIRef] = field(default_factory=set)


def references(query, source: URIRef | None = None) -> list[Reference]:
    """The grant references of the store, or of the register ``source``, by line, through ``query``.

    The references are read first (a handful), then what each names and the grants it describes, with the values
    written in the queries so that the engine reads them by index. One query that joined the references to the
    grants let the engine read every deliberation and grant of the store first: 1.3–2 s a query at 100k actors,
    six such queries an ingest (8–12 s); this way 0.05–0.1 s, then a few ms a reference."""
    found: dict[tuple[URIRef, URIRef], Reference] = {}
    for ref_source, ref, goal in query(sparql_prologue() + _REFERENCES, {"source": source} if source else None):
        found.setdefault((ref_source, ref), Reference(ref, ref_source)).goals.add(goal)
    for ref in found.values():
        describe(query, ref)
    return sorted(found.values(), key=lambda ref: (ref.line, ref.source, ref.iri))


def describe(query, ref: Reference) -> Reference:
    """Fill ``ref`` with what it names (line, number, identifier, beneficiary) and the grants of the store it
    describes by its number's forms or its identifier, through ``query``; return it. A page that shows one
    reference asks this of it alone (:func:`references` asks it of every reference of a register)."""
    line, number, ref.grant_id, ref.beneficiary = next(iter(query(sparql_prologue() + _NAMED, {"ref": ref.iri})))
    ref.line, ref.number = int(line), str(number) if number is not None else None
    if ref.number:
        for form in number_forms(ref.number):
            ref.grants.update(row[0] for row in query(sparql_prologue() + _BY_NUMBER,
                                                       {"ref": ref.iri, "numberForm": Literal(form)}))
    elif ref.grant_id is not None:
        ref.grants.update(row[0] for row in query(sparql_prologue() + _BY_IDENTIFIER,
                                                   {"ref": ref.iri, "refId": ref.grant_id}))
    return ref


def linked_grants(query, ref: Reference) -> set[URIRef]:
    """The grants that ``ref`` links to its goals: those it describes, or those its number's digits name
    (``366-15`` for ``CONV N° 366-15``), through ``query``."""
    if ref.grants or not ref.number:
        return ref.grants
    return match_digits(query, ref.iri, ref.number).grants


def _number(entry, key: str) -> str:
    """The text of a number or identifier field (YAML may have read ``12345`` as an integer)."""
    value = entry.get(key)
    return "" if value is None else " ".join(str(value).split())


def state_grant(builder, entry, n: int) -> None:
    """State the grant reference of one ``grants:`` entry of a register (see the module's docstring) in
    ``builder``'s graph. InputError, with the entry's line and field, when the entry names no grant, no goal, or a
    goal that is not one, or its SIREN or SIRET no SIREN (:func:`_beneficiary_siren`)."""
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
    g.add((ref, PROV.wasDerivedFrom, builder.ctx.source))  # untyped, so the ingest's materialising does not add it
    g.add((ref, MAI.rowNumber, Literal(entry.line, datatype=XSD.integer)))
    if number:
        g.add((ref, MAI.decisionReference, Literal(number)))
    if grant_id:
        g.add((ref, DCTERMS.identifier, Literal(grant_id)))
    for goal in goals:
        g.add((ref, MAI.contributesTo, goal))
    siren = _beneficiary_siren(builder, entry)
    if siren:  # not mai:siren, which identity lookups read as an actor's
        g.add((ref, SCHEMA.fundedItem, Literal(siren)))
    if name := entry.text("beneficiary"):  # and the identifier if any: a grant to that actor of that SIREN
        actor = builder.members.get(fold(name)) or builder.book.actor(name, MAI.Actor)
        if not siren or not _check_beneficiary(builder, entry, name, siren):
            builder.beneficiaries.append((entry, actor))  # checked once the names have met
        g.add((ref, SCHEMA.fundedItem, actor))


def _check_beneficiary(builder, entry, name: str, siren: str) -> bool:
    """Warn when a grant entry's beneficiary ``name`` contradicts its ``siren`` among the register's members: the
    SIREN is another member's, or the member of that name has another; return whether it did (the warning names the
    member). The entry then describes no grant (its beneficiary must be that actor and have that SIREN). Neither is
    given to the other: stated with the SIREN, the name was the label of the actor of that SIREN, which the
    register's names rename everywhere."""
    said = None
    if (owner := builder.sirens.get(siren)) is not None and name_key(owner_name := owner.text("name")) != name_key(
            name):
        said = (f"le SIREN {siren} est celui du membre « {owner_name} » (ligne {owner.line}), pas de « {name} »",
                f"SIREN {siren} is that of the member '{owner_name}' (line {owner.line}), not of '{name}'")
    elif (other := next((s for s, e in builder.sirens.items() if s != siren and name_key(e.text("name")) ==
                         name_key(name)), None)) is not None:
        line = builder.sirens[other].line
        said = (f"« {name} » est le membre de SIREN {other} (ligne {line}), pas {siren}",
                f"'{name}' is the member of SIREN {other} (line {line}), not {siren}")
    if said is not None:
        builder.warn(entry, "beneficiary", f"financement : {said[0]} : ce financement ne désigne aucune subvention ; "
                     "corrigez le bénéficiaire ou le SIREN", f"grant: {said[1]}: this grant entry names no grant; "
                     "correct the beneficiary or the SIREN")
    return said is not None


def _goals(builder, entry) -> list[URIRef]:
    """The goals that a grant entry gives by rank or exact label; InputError when it gives none or an unknown one."""
    ranks = builder.goals_named(entry, "goals")
    if not ranks:
        raise InputError(f"financement sans objectif ({entry.key_of('goals')} : les rangs des objectifs qu'il sert)",
                         line=entry.line, field=entry.key_of("goals"), message_en=f"grant without goals "
                         f"({entry.key_of('goals', 'en')}: the ranks of the goals it serves)")
    if unknown := [rank for rank in ranks if builder.goal_of(rank) is None]:
        said, said_en = builder.unknown_goal(unknown[0])
        raise UnknownGoal(unknown, said, line=entry.line_of("goals"), field=entry.key_of("goals"),
                          value=str(unknown[0]), message_en=said_en)
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
               if issue.level == "warning" and (said := re.search(r"objectif inconnu « (.+?) »", issue.message))]
    if not others:
        return first
    others.sort(key=lambda other: other[1] or 0)
    listed = ", ".join(f"« {rank} » ligne {line}" if line else f"« {rank} »" for rank, line in others)
    listed_en = ", ".join(f"'{rank}' line {line}" if line else f"'{rank}'" for rank, line in others)
    said = first.issue
    return InputError(f"{said.message} ; autres objectifs inconnus : {listed}", line=said.line, field=said.field,
                      value=said.value, message_en=f"{said.message_en}; other unknown goals: {listed_en}")


def grant_errors(found: list[InputError], issues: list[Issue]) -> InputError:
    """The refusal of a register for every faulty grant entry at once (``found``, in the entries' order): unknown
    goals alone as :func:`unknown_goals` tells them; otherwise the first error, then each other with its line and
    field, so that one run shows them all."""
    if all(isinstance(error, UnknownGoal) for error in found):
        return unknown_goals(found, issues)  # type: ignore[arg-type]
    first, *rest = (error.issue for error in found)
    if not rest:
        return found[0]
    where = [(f"ligne {i.line}" if i.line else "", f"line {i.line}" if i.line else "", i.field or "") for i in rest]
    listed = " ; ".join(", ".join(filter(None, (fr, field))) + f" : {i.message}"
                        for (fr, _, field), i in zip(where, rest))
    listed_en = "; ".join(", ".join(filter(None, (en, field))) + f": {i.message_en}"
                          for (_, en, field), i in zip(where, rest))
    plural, plural_en = ("s", "s") if len(rest) > 1 else ("", "")
    return InputError(f"{first.message} ; autre{plural} erreur{plural} des financements : {listed}", line=first.line,
                      field=first.field, value=first.value,
                      message_en=f"{first.message_en}; other grant error{plural_en}: {listed_en}")


def _beneficiary_siren(builder, entry) -> str | None:
    """The SIREN that a grant entry's ``siren`` and ``siret`` give, each read as a member's
    (:func:`graph.ingest.scdl_ids.read_id_cell`: a float-mangled SIRET's whole SIREN kept), what could not be trusted
    in them warned about. InputError when one gives no SIREN, or the two give two: a grant reference only narrows
    which grants are meant by it, and without it would name the grants of every beneficiary."""
    from graph.ingest.scdl_ids import read_id_cell  # a grants list's reading: not imported by an ingest of another kind

    read = {}
    for key in ("siren", "siret"):
        if not (raw := _number(entry, key)):
            continue
        siren, _, _, said = read_id_cell(raw, siren_column=key == "siren")
        if siren is None:
            fr, en = said[-1]
            raise InputError(f"{key.upper()} « {raw} » refusé : {fr.removesuffix(' : ignoré')}",
                             line=entry.line_of(key), field=entry.key_of(key), value=raw,
                             message_en=f"{key.upper()} '{raw}' refused: {en.removesuffix(': ignored')}")
        for fr, en in said:
            builder.warn(entry, key, f"financement : {fr}", f"grant: {en}")
        read[key] = (siren, raw)
    if len(read) == 2 and read["siren"][0] != read["siret"][0]:
        siren, (of_siret, raw) = read["siren"][0], read["siret"]
        raise InputError(f"SIRET « {raw} » d'un autre SIREN ({of_siret}) que {siren}", line=entry.line_of("siret"),
                         field=entry.key_of("siret"), value=raw,
                         message_en=f"SIRET '{raw}' of another SIREN ({of_siret}) than {siren}")
    return next((siren for siren, _ in read.values()), None)


def about_references(issue: Issue) -> bool:
    """Whether ``issue`` is one of :func:`check_references`'s, which the store tells of a register's references
    and which all open on « financement (…) » (the reading's own open on « financement : »)."""
    return issue.message.startswith("financement (")


def check_references(query, source: URIRef) -> list[Issue]:
    """Warn about each grant reference of the register ``source`` that describes no grant of the store (``query``:
    a store's query function), saying what it names and why nothing answers it; and about each that its number
    alone makes describe the grants of several authorities."""
    refs = references(query, source)
    issues = [issue for ref in refs if not ref.grants and (issue := _unlinked(query, ref))]
    for ref in refs:
        if ref.grants and ref.number and ref.grant_id is None and ref.beneficiary is None:
            issues.extend(_several_authorities(query, ref))
    return issues


def _several_authorities(query, ref: Reference) -> list[Issue]:
    """The warning about a reference that a deliberation number alone names and that describes grants of several
    authorities' deliberations of that number (numbers such as 2022-001 recur from one authority to the next)."""
    authorities: dict[URIRef, set[str]] = {}
    for form in number_forms(ref.number):  # the reference asks nothing else of them: its grants are all theirs
        for authority, label in query(sparql_prologue() + _AUTHORITIES, {"numberForm": Literal(form)}):
            authorities.setdefault(authority, set()).update([str(label)] if label is not None else [])
    if len(authorities) < 2:
        return []
    listed = sorted(set().union(*authorities.values()))
    names = ", ".join(listed[:3]) + (", …" if len(listed) > 3 else "")
    number, count = ref.number, len(authorities)
    return [Issue(
        "warning", f"financement (délibération {number}) : ce numéro est celui de délibérations de {count} "
                   f"collectivités ({names}) ; leurs subventions servent toutes ses objectifs : précisez le "
                   "bénéficiaire ou l'idSubvention si ce n'est pas voulu",
        f"grant (deliberation {number}): this number is that of deliberations of {count} authorities "
        f"({names}); their grants all serve its goals: give the beneficiary or the idSubvention if "
        "that is not meant", line=ref.line)]


def _unlinked(query, ref: Reference) -> Issue | None:
    """The warning about a grant reference that describes no grant of the store, saying what it names and what the
    store has of it: deliberations of that number, grants of those deliberations; none when its digits name one
    deliberation (it is linked: graph.ingest.register_links)."""
    number, grant_id, beneficiary, line = ref.number, ref.grant_id, ref.beneficiary, ref.line
    found = match_digits(query, ref.iri, number) if number else DigitMatch()
    if found.grants:
        return None
    if len(found.granting) > 1:
        return _ambiguous_digits(number, found, line)
    numbered, grants = set(), set()
    for form in number_forms(number) if number else ():
        for deliberation, grant in query(sparql_prologue() + _NUMBERED, {"numberForm": Literal(form)}):
            numbered.add(deliberation)
            grants.update([grant] if grant is not None else [])
    deliberations, grants = len(numbered), len(grants)
    if found.same and not deliberations:
        deliberations, grants = len(found.same), sum(d.total for d in found.same)
    named = [f"délibération {number}" if number else "", f"idSubvention {grant_id}" if grant_id else "",
             f"bénéficiaire {beneficiary}" if beneficiary else ""]
    named_en = [p.replace("délibération", "deliberation").replace("bénéficiaire", "beneficiary") for p in named]
    why, why_en = _why(number, grant_id, beneficiary, deliberations, grants)
    if found.near and not deliberations:
        why += " ; numéros proches : " + ", ".join(d.named() for d in found.near)
        why_en += "; near numbers: " + ", ".join(d.named_en() for d in found.near)
    return Issue("warning", f"financement ({', '.join(filter(None, named))}) : {why} ; il sera relié à "
                            "ses objectifs dès que la subvention sera importée",
                 f"grant ({', '.join(filter(None, named_en))}): {why_en}; it will be linked to its goals "
                 "once the grant is ingested", line=line)


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
    numbered, numbered_en = _numbered(number or "")
    if number and not deliberations:
        return (f"aucune délibération {numbered} dans le graphe", f"no deliberation {numbered_en} in the graph")
    if number and not grants:
        return (f"la délibération {numbered} n'accorde aucune subvention lue",
                f"deliberation {numbered_en} grants nothing that was read")
    if number and beneficiary:
        extra, extra_en = (" ni de cet identifiant" if grant_id else "", " nor of this identifier" if grant_id else "")
        if grants == 1:
            return (f"la seule subvention de la délibération {numbered} n'est pas accordée à {beneficiary}{extra}",
                    f"the only grant of deliberation {numbered_en} is not to {beneficiary}{extra_en}")
        return (f"aucune des {grants} subventions de la délibération {numbered} n'est accordée à {beneficiary}"
                f"{extra}", f"none of the {grants} grants of deliberation {numbered_en} is to {beneficiary}"
                f"{extra_en}")
    if number:
        return (f"aucune subvention de la délibération {numbered} n'a l'identifiant {grant_id}",
                f"no grant of deliberation {numbered_en} has the identifier {grant_id}")
    suffix = (f" accordée à {beneficiary}", f" to {beneficiary}") if beneficiary else ("", "")
    return (f"aucune subvention d'identifiant {grant_id}{suffix[0]} dans le graphe",
            f"no grant with the identifier {grant_id}{suffix[1]} in the graph")


def _numbered(number: str) -> tuple[str, str]:
    """A deliberation's number as messages give it after « délibération » (French, English): « n° » before it,
    unless the register wrote its own.

    >>> _numbered("2024.00240"), _numbered("n° CP 24 06 114")
    (('n° 2024.00240', 'number 2024.00240'), ('n° CP 24 06 114', 'n° CP 24 06 114'))
    """
    if re.match(r"n\s*[°º]", number, re.I):
        return number, number
    return f"n° {number}", f"number {number}"
