"""What the store's holders of an extraction's actor's key decide (:mod:`graph.resolution`): the actor renamed to
the one it is, kept, or reported when several organisations may hold the key (:func:`decide`); two actors of one
source with conflicting identifiers kept apart when their name is one stored actor's (:func:`share_no_name`).

Apart from :mod:`graph.resolution` because it weighs what the lookups (:mod:`graph.resolution_lookups`) found: an
identifier outweighs a name, holders linked by ``owl:sameAs`` are one organisation, and each refusal to merge is said
in French and English.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL

from graph.identifiers import RNA_OLD_NUMBER
from graph.identity import LABEL, siren_of
from graph.namespaces import DEFAULT_BASE, MAI
from graph.triples import TripleSet


def decide(graph: TripleSet, actor: URIRef, keys: list[tuple[str, str]], stage: str,
           found: dict[tuple[str, str], set[URIRef]], query, base: str = DEFAULT_BASE,
           held: tuple[str, str] | None = None, mine: list[tuple[str, str]] = ()) -> tuple | None:
    """What the first of ``actor``'s keys of kind ``stage`` that the store knows decides: ("rewrite", IRI),
    ("ambiguous", messages) or ("keep",); None when no key of that kind matched (the next kind is tried).

    ``held``: the identifier under which the store already holds ``actor``'s own IRI — a name then merges nothing,
    and a namesake without a conflicting identifier is warned of. ``mine``: the keys of kind ``stage`` that the
    store holds under ``actor``'s own IRI, which is then one of their holders.
    """
    identified = any(how != "name" for how, _ in keys) or bool(_old_numbers(graph, actor))
    for how, key in keys:
        if how != stage:
            continue
        candidates = found.get((how, key), set()) - {actor}
        if not candidates:
            continue
        if how == "rna" and held is not None and held[0] == "siren" \
                and _one_organisation(candidates | {actor}, base, query) is None:
            return _two_organisations(graph, actor, held[1], key, candidates, keys, query)
        if how != "name":
            return _decide_by_identifier(graph, actor, how, key, candidates, query, base, (how, key) in mine)
        if held is not None:
            return _decide_by_name_when_held(graph, actor, key, candidates, query, held)
        return _decide_by_name(graph, actor, key, candidates, query, identified)
    return None


def _decide_by_identifier(graph: TripleSet, actor: URIRef, how: str, key: str, candidates: set[URIRef], query,
                          base: str, own: bool) -> tuple:
    """What a SIREN or RNA number (``how``, ``key``) that other actors of the store hold decides.

    One other holder is the actor itself under another IRI. Several holders — ``actor`` among them when the store
    holds the key under its own IRI too (``own``) — merge only when they are one organisation
    (:func:`_one_organisation`); otherwise they are reported, never merged.
    """
    if not own and len(candidates) == 1:
        return "rewrite", next(iter(candidates))
    holders = candidates | {actor} if own else candidates
    if (one := _one_organisation(holders, base, query)) is not None:
        return ("keep",) if one == actor else ("rewrite", one)
    return _several_holders(graph, actor, how, key, holders)


def _two_organisations(graph: TripleSet, actor: URIRef, siren: str, rna: str, holders: set[URIRef],
                       keys: list[tuple[str, str]], query) -> tuple:
    """An actor whose SIREN the store holds under its own IRI and whose RNA number another actor holds: a row that
    gives two organisations' identifiers (one's SIRET pasted beside the other's RNA number). Its name says which
    one it is: the identifier of the other is left out of the source, and said; a name that says neither keeps the
    SIREN's, leaves the RNA number out (its holder's: an identifier the store gives one actor is never attached to
    another), sends the rows that gave only that RNA number to its holder (namesakes of the list joined by their
    reading), and says so. Merged by its RNA number, it took the other's SIRET with it, and the grants of the SIRET's
    holder moved to the RNA number's; kept with both, an SCDL export wrote the other's RNA number on its rows."""
    names = {key for how, key in keys if how == "name"}
    rows = query("SELECT ?a ?k WHERE { VALUES ?a { %s } GRAPH ?g { ?a <%s> ?k } FILTER(?g != ?source) }"
                 % (" ".join(a.n3() for a in sorted(holders | {actor}, key=str)), MAI.nameKey), None)
    named = {a for a, k in rows if str(k) in names}
    label = _label_or(graph, actor, siren)
    told = (f"acteur « {label} » : son SIREN {siren} et son numéro RNA {rna} sont ceux de deux organisations "
            f"({actor}, {', '.join(sorted(map(str, holders)))})",
            f"actor '{label}': its SIREN {siren} and its RNA number {rna} are two organisations' "
            f"({actor}, {', '.join(sorted(map(str, holders)))})")
    if len(holders) == 1 and named == holders:
        for predicate in (MAI.siren, MAI.siret):
            graph.remove((actor, predicate, None))
        (holder,) = holders
        return "rewrite", holder, (told[0] + " ; rapproché par son nom et son numéro RNA, son SIRET est laissé de "
                                   "côté", told[1] + "; joined by its name and its RNA number, its SIRET left out")
    graph.remove((actor, MAI.rna, None))  # another actor's: never attached to this one
    if named == {actor}:
        return "keep", (told[0] + " ; rapproché par son nom et son SIREN, son numéro RNA est laissé de côté",
                        told[1] + "; joined by its name and its SIREN, its RNA number left out")
    fr, en = (told[0] + f" ; son nom ne dit pas laquelle : rapproché par son SIREN, vérifiez la ligne ; le numéro RNA "
              f"{rna} reste à {', '.join(sorted(map(str, holders)))}, laissé de côté ici",
              told[1] + f"; its name does not say which: joined by its SIREN, check the row; the RNA number {rna} "
              f"stays with {', '.join(sorted(map(str, holders)))}, left out here")
    if len(holders) == 1 and (lines := _rows_to_holder(graph, actor, rna, next(iter(holders)))):
        several = len(lines) > 1
        go = "vont" if several else "va"
        fr += f" ; {_lines_fr(lines)}, qui ne donne{'nt' * several} que ce numéro RNA, {go} à son titulaire"
        en += f"; {_lines_en(lines)}, which give{'s' * (not several)} that RNA number alone, sent to its holder"
    return "keep", (fr, en)


def _rows_to_holder(graph: TripleSet, actor: URIRef, rna: str, holder: URIRef) -> list[int]:
    """Send to ``holder`` the grants of ``actor`` whose row gave the RNA number ``rna`` and no SIRET (a row of a
    namesake of the list that the list's reading joined to the row of the SIRET: :meth:`graph.identity.ActorBook.
    join_namesakes`), each row going to the actor its own identifier names; return their lines."""
    lines = []
    for grant in list(graph.subjects(MAI.beneficiary, actor)):
        if str(graph.value(grant, MAI.beneficiaryRna)) == rna and graph.value(grant, MAI.beneficiarySiret) is None:
            graph.remove((grant, MAI.beneficiary, actor))
            graph.add((grant, MAI.beneficiary, holder))
            lines += [int(line) for line in graph.objects(grant, MAI.rowNumber)]
    return sorted(lines)


def _lines_fr(lines: list[int]) -> str:
    return f"ligne {lines[0]}" if len(lines) == 1 else "lignes " + ", ".join(map(str, lines))


def _lines_en(lines: list[int]) -> str:
    return f"line {lines[0]}" if len(lines) == 1 else "lines " + ", ".join(map(str, lines))


def _decide_by_name_when_held(graph: TripleSet, actor: URIRef, key: str, candidates: set[URIRef], query,
                              held: tuple[str, str]) -> tuple:
    """What a name decides for an actor that the store already holds under its own identifier (``held``): nothing
    to merge, since the identifier outweighs the name; the namesakes without a conflicting identifier are warned
    of, since they may be the same organisation on two nodes."""
    kept = sorted((c for c in candidates if not _conflicting_ids(graph, actor, c, query)), key=str)
    if not kept:
        return ("keep",)
    label, names = _label_or(graph, actor, key), ", ".join(map(str, kept))
    number = f"{_ID_NAMES[held[0]]} {held[1]}"
    return "ambiguous", (
        f"acteur « {label} » : relié par son {number} à {actor} ; son nom est aussi celui de {names}, qui n'a "
        "pas cet identifiant — non fusionné : l'identifiant l'emporte sur le nom ; si c'est une même "
        "organisation, deux nœuds la portent",
        f"actor '{label}': joined by its {number} to {actor}; its name is also that of {names}, which does "
        "not hold that identifier, not merged: the identifier outweighs the name; if they are one "
        "organisation, two nodes hold it")


def _decide_by_name(graph: TripleSet, actor: URIRef, key: str, candidates: set[URIRef], query,
                    identified: bool) -> tuple:
    """What a name key that other actors of the store hold decides: one holder is the actor, several are reported.

    A named actor with an identifier (``identified``) merges by name only into an actor without a conflicting one,
    and not at all when the name is also another identified organisation's: the name alone (a deliberation's, a
    list's without identifiers) no longer says which of them it named.
    """
    if identified:
        kept = {c for c in candidates if not _conflicting_ids(graph, actor, c, query)}
        if kept and kept != candidates:
            return _name_shared_by_identified(graph, actor, key, kept, candidates - kept)
        candidates = kept
    if not candidates:
        return ("keep",)
    if len(candidates) == 1:
        return "rewrite", next(iter(candidates))
    label, names = _label_or(graph, actor, key), ", ".join(sorted(str(c) for c in candidates))
    return "ambiguous", (f"acteur « {label} » : plusieurs correspondances par le nom — non fusionné : {names}",
                         f"actor '{label}': several matches by name, not merged: {names}")


def _name_shared_by_identified(graph: TripleSet, actor: URIRef, key: str, kept: set[URIRef],
                               others: set[URIRef]) -> tuple:
    """The report of an identified actor whose name is that of actors it may be (``kept``, none of its identifier)
    and of actors with another identifier (``others``): kept under its own identifier, not merged — which of the
    identified namesakes the others' name stands for, nothing says. The row gave an identifier: it is not told that
    its name alone said nothing."""
    label, own = _label_or(graph, actor, key), _ids_said(graph, actor)
    names, theirs = ", ".join(sorted(map(str, kept))), ", ".join(sorted(map(str, others)))
    return "ambiguous", (
        f"acteur « {label} » ({own[0]}) : gardé sous son identifiant ; son nom est aussi celui de {names}, dont "
        f"aucun identifiant ne le distingue, et d'acteurs d'un autre identifiant ({theirs}) — non fusionné : rien "
        f"ne dit lequel d'entre eux {names} désigne ; si c'est celui-ci, donnez son identifiant dans la source qui "
        "le nomme",
        f"actor '{label}' ({own[1]}): kept under its identifier; its name is also that of {names}, which no "
        f"identifier tells apart from it, and of actors with another identifier ({theirs}), not merged: nothing "
        f"says which of them {names} stands for; if it is this one, give its identifier in the source that names "
        "it")


def _ids_said(graph: TripleSet, actor: URIRef) -> tuple[str, str]:
    """An actor's identifiers in ``graph`` as a message names them (French, English): « SIREN 482417367 »."""
    sirens, rnas, olds = _ids_in(graph, actor)
    said = [f"SIREN {v}" for v in sorted(sirens)] + [f"RNA {v}" for v in sorted(rnas)]
    return (", ".join(said + [f"numéro {v}" for v in sorted(olds)]),
            ", ".join(said + [f"number {v}" for v in sorted(olds)]))


def _several_holders(graph: TripleSet, actor: URIRef, how: str, key: str, holders: set[URIRef]) -> tuple:
    """The report of an actor whose SIREN or RNA number several actors hold that may be several organisations:
    not merged, unless a source states that they are one."""
    label, names = _label_or(graph, actor, key), ", ".join(sorted(str(c) for c in holders))
    number = f"{_ID_NAMES[how]} {key}"
    return "ambiguous", (
        f"acteur « {label} » : plusieurs acteurs ont son {number} ({names}) — non fusionné ; si c'est une "
        "même organisation, déclarez-le dans un fichier RDF (<une IRI> owl:sameAs <l'autre>)",
        f"actor '{label}': several actors hold its {number} ({names}), not merged; if they are one "
        "organisation, state it in an RDF file (<one IRI> owl:sameAs <the other>)")


def _label_or(graph: TripleSet, actor: URIRef, fallback: str) -> str:
    """The name under which a message shows ``actor``: its label in ``graph``, else ``fallback``."""
    return next(iter(graph.objects(actor, LABEL)), fallback)


#: How a message names an identifier of each kind of key.
_ID_NAMES = {"siren": "SIREN", "rna": "RNA"}
_SAME_AS = ("SELECT DISTINCT ?a ?b WHERE { VALUES ?a { %s } VALUES ?b { %s } GRAPH ?g { ?a <" + str(OWL.sameAs)
            + "> ?b } FILTER(?g != ?source) }")


def _one_organisation(candidates: set[URIRef], base: str, query) -> URIRef | None:
    """The one actor that several holders of an identifier are, or None when they may be several organisations.

    Holders that some source links by ``owl:sameAs`` are one organisation; so is an RDF file's own IRI (outside
    ``{base}actor/``) with the one actor that Maillage minted: the file keeps its IRI, and its ingest warned of the
    twin. That actor, where the other sources meet, is the one chosen (else the first IRI of the linked ones).
    """
    iris = sorted(candidates, key=str)
    group = {iri: {iri} for iri in iris}
    values = " ".join(iri.n3() for iri in iris)
    for a, b in query(_SAME_AS % (values, values), None):
        if a in group and b in group and group[a] is not group[b]:
            merged = group[a] | group[b]
            for iri in merged:
                group[iri] = merged
    groups = list({id(g): g for g in group.values()}.values())
    minted = [g for g in groups if any(str(iri).startswith(base + "actor/") for iri in g)]
    if len(minted) > 1 or (not minted and len(groups) > 1):
        return None
    mine = [iri for iri in iris if str(iri).startswith(base + "actor/")]
    return (mine or iris)[0]


#: What a grants list says of the deliberation its reference names, stored (its source, prov:wasDerivedFrom): a
def share_no_name(graph: TripleSet, decided: dict[URIRef, tuple], outcomes: dict[URIRef, tuple]) -> None:
    """Undo the name stage's merges of actors of ``graph`` with conflicting identifiers into one stored actor: two
    organisations of one name (a national network's departmental bodies, each with its SIREN) would become one,
    with both SIRENs and both grants. Each is kept as itself and reported instead; ``decided``: the stage's
    outcomes, changed in ``outcomes``."""
    claims: dict[URIRef, list[URIRef]] = {}
    for actor, outcome in decided.items():
        if outcome[0] == "rewrite":
            claims.setdefault(outcome[1], []).append(actor)
    for target, claimants in claims.items():
        ids = {actor: _ids_in(graph, actor) for actor in claimants}
        for actor in claimants:
            rivals = [other for other in claimants if other != actor and _ids_conflict(ids[actor], ids[other])]
            if not rivals:
                continue
            label = next(iter(graph.objects(actor, LABEL)), actor)
            own = ", ".join(sorted(set().union(*ids[actor])))
            theirs = ", ".join(sorted({v for other in rivals for v in set().union(*ids[other])}))
            outcomes[actor] = "ambiguous", (
                f"acteur « {label} » ({own}) : son nom est celui de {target}, mais aussi d'un autre acteur de cette "
                f"source, d'un autre identifiant ({theirs}) — non fusionné : le nom seul ne dit pas lequel il "
                "désignait",
                f"actor '{label}' ({own}): its name is that of {target}, but also of another actor of this source "
                f"with another identifier ({theirs}), not merged: the name alone does not say which of them it named")


def _ids_in(graph: TripleSet, actor: URIRef) -> tuple[set[str], set[str], set[str]]:
    """An actor's SIRENs (its own, its SIRETs'), RNA numbers and old RNA numbers in ``graph``."""
    sirens = {siren_of(str(v)) for p in (MAI.siren, MAI.siret) for v in graph.objects(actor, p)} - {None}
    return sirens, {str(v) for v in graph.objects(actor, MAI.rna)}, _old_numbers(graph, actor)


def _old_numbers(graph: TripleSet, actor: URIRef) -> set[str]:
    """The old RNA numbers of ``actor`` in ``graph`` (an RNA import row's, :data:`RNA_OLD_NUMBER`): the « COMITE DES
    FETES » of two communes, which have no W number, are two associations by them."""
    return {str(v) for v in graph.objects(actor, DCTERMS.identifier) if RNA_OLD_NUMBER.fullmatch(str(v))}


def _ids_conflict(ours: tuple[set[str], ...], theirs: tuple[set[str], ...]) -> bool:
    """Whether two actors' identifiers say they are two organisations: SIRENs, RNA numbers or old RNA numbers
    that both have and none of which they share."""
    return any(a and b and not a & b for a, b in zip(ours, theirs))


def _conflicting_ids(graph: TripleSet, actor: URIRef, candidate: URIRef, query) -> bool:
    rows = query("SELECT DISTINCT ?p ?v WHERE { VALUES ?p { <%s> <%s> <%s> <%s> } GRAPH ?g { ?c ?p ?v } "
                 "FILTER(?g != ?source) }"
                 % (MAI.siren, MAI.siret, MAI.rna, DCTERMS.identifier), {"c": candidate})
    sirens, rnas, olds = set(), set(), set()
    for predicate, value in rows:
        if predicate == MAI.rna:
            rnas.add(str(value))
        elif predicate == DCTERMS.identifier:
            if RNA_OLD_NUMBER.fullmatch(str(value)):
                olds.add(str(value))
        elif (siren := siren_of(str(value))) is not None:
            sirens.add(siren)
    return _ids_conflict(_ids_in(graph, actor), (sirens, rnas, olds))
