"""The beneficiaries of a grants list that an identifier joins to an actor whom other sources name otherwise, with
nothing in common: one SIRET (or RNA number), two unrelated names.

An identifier is stronger than a name (DESIGN.md, "Identity"): a row's grant goes to the actor that its SIRET names,
whatever name the row gives it, and the list's other rows that name that beneficiary without a usable identifier
follow it by their name (:class:`graph.identity.ActorBook`). A producer who copied another organisation's SIRET
into a row thus hands that organisation the grants of both rows, silently. This is said at the rows: where the
identifier is given, when another source gives the actor only names unrelated to every one the list gives it
(:func:`graph.identity_names.names_related`), and where a row without one was joined by its name to that actor.
The check runs in the resolution of a grants list's actors (:func:`graph.resolution.resolve_actors`), on the labels
that it already reads of the stored actors that it joins to: no query of its own but for an actor whose label from
some source is unrelated (the alternative labels that the other sources give it, and the titles of those named).
Names that are variants of each other (accents, case, legal-form words, abbreviations, acronyms) are not told.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from graph.identity import ALT_LABEL, LABEL
from graph.identity_names import name_key, names_related, preferred_label
from graph.namespaces import MAI
from graph.triples import TripleSet

_BENEFICIARY, _ROW, _SIRET, _RNA = MAI.beneficiary, MAI.rowNumber, MAI.beneficiarySiret, MAI.beneficiaryRna
#: The alternative labels that the sources (graphs) ``%s`` give ``?actor``.
_ALTERNATIVE = f"SELECT ?g ?label WHERE {{ VALUES ?g {{ %s }} GRAPH ?g {{ ?actor <{ALT_LABEL}> ?label }} }}"
#: The titles of the sources (graphs) that a warning names.
_TITLES = f"SELECT ?g ?title WHERE {{ VALUES ?g {{ %s }} ?g <{DCTERMS.title}> ?title }}"


def identifier_clashes(graph: TripleSet, joined: dict[URIRef, URIRef],
                       stored: dict[URIRef, list[tuple[URIRef, Literal, int | None]]], query) -> list[tuple]:
    """The warnings (French, English, line, field, value) about the beneficiaries of the grants list ``graph`` that
    an identifier joined to a stored actor (``joined``: the extraction's actor to the stored one) that another
    source names only otherwise, every name it gives unrelated to every name the list gives: at the beneficiary's
    first row that gives an identifier, and at its first row joined to it by its name alone.

    ``stored``: each stored actor's labels from other sources, their graph first (the resolution's). ``query``: the
    store's, which reads, only for an actor that a source's labels name otherwise, the alternative labels of the
    other sources (a name that the same source also gives it is no clash) and the titles of the sources named.
    """
    clashes = []
    for actor, target in sorted(joined.items(), key=lambda pair: str(pair[0])):
        ours = {str(name) for p in (LABEL, ALT_LABEL) for name in graph.objects(actor, p)}
        theirs: dict[URIRef, set[str]] = {}
        for where, label, _ in stored.get(target, ()):
            theirs.setdefault(where, set()).add(str(label))
        if not ours or not (unrelated := [g for g, names in theirs.items() if not _any_related(ours, names)]) \
                or next(graph.subjects(_BENEFICIARY, actor), None) is None:
            continue
        for where, label in query(_ALTERNATIVE % _listed_graphs(unrelated), {"actor": target}):
            theirs[where].add(str(label))
        if unrelated := [where for where in unrelated if not _any_related(ours, theirs[where])]:
            titles = {g: str(title) for g, title in query(_TITLES % _listed_graphs(unrelated), None)}
            elsewhere = {titles.get(g, str(g)): preferred_label(theirs[g]) for g in unrelated}
            clashes += _said_at_rows(graph, actor, preferred_label(ours), dict(sorted(elsewhere.items())))
    return clashes


def _any_related(ours: set[str], theirs: set[str]) -> bool:
    """Whether a name of ``ours`` and one of ``theirs`` may name one organisation. Most are the same name, or the
    same but for case and accents (one name key): told apart first, at a tenth of the cost."""
    if ours & theirs or {name_key(one) for one in ours} & {name_key(other) for other in theirs}:
        return True
    return any(names_related(one, other) for one in ours for other in theirs)


def _listed_graphs(graphs: list[URIRef]) -> str:
    """The IRIs of ``graphs``, as a query's ``VALUES`` lists them."""
    return " ".join(g.n3() for g in graphs)


def _said_at_rows(graph: TripleSet, actor: URIRef, name: str, unrelated: dict[str, str]) -> list[tuple]:
    """The warnings about ``actor``, named ``name`` by the list and otherwise by the sources of ``unrelated`` (their
    titles to the names they give): at the rows that give it an identifier, and at those that name it only."""
    given: dict[int, tuple[str, str, str]] = {}  # row -> the identifier it gives, its kind and its column
    named: set[int] = set()
    for grant in graph.subjects(_BENEFICIARY, actor):
        line = int(graph.value(grant, _ROW))
        if (siret := graph.value(grant, _SIRET)) is not None:
            given[line] = (str(siret), "SIRET", "idBeneficiaire")
        elif (rna := graph.value(grant, _RNA)) is not None:
            given[line] = (str(rna), "RNA", "rnaBeneficiaire")
        else:
            named.add(line)
    elsewhere_fr = ", ".join(f"« {title} » le nomme « {theirs} »" for title, theirs in unrelated.items())
    elsewhere_en = ", ".join(f"'{title}' names it '{theirs}'" for title, theirs in unrelated.items())
    clashes = []
    if given:
        first = min(given)
        number, kind, field = given[first]
        clashes.append((
            f"{kind} {number} donné à « {name} », quand {elsewhere_fr}, un nom sans rapport : un seul acteur sous les "
            f"deux noms, l'identifiant l'emportant sur le nom ; vérifiez le numéro{_lines_fr(given)}",
            f"{kind} {number} given to '{name}', while {elsewhere_en}, an unrelated name: one actor under both names, "
            f"the identifier outweighing the name; check the number{_lines_en(given)}", first, field, number))
    if named := sorted(named - set(given)):
        to_fr, to_en = ("à un acteur identifié ailleurs", "to an actor identified elsewhere") if not given else (
            f"à l'acteur du {kind} {number} (ligne {first})", f"to the actor of {kind} {number} (line {first})")
        clashes.append((
            f"bénéficiaire sans SIRET ni RNA retenu, rattaché par son nom (« {name} ») {to_fr}, alors que "
            f"{elsewhere_fr}, un nom sans rapport : la subvention va à cet acteur ; vérifiez{_lines_fr(named)}",
            f"beneficiary without a SIRET or RNA number kept, joined by its name ('{name}') {to_en}, while "
            f"{elsewhere_en}, an unrelated name: the grant goes to that actor; check it{_lines_en(named)}",
            named[0], "nomBeneficiaire", name))
    return clashes


def _lines_fr(lines) -> str:
    """`` (lignes 2, 7, …)`` for several rows, nothing for one."""
    return f" (lignes {_listed(lines)})" if len(lines) > 1 else ""


def _lines_en(lines) -> str:
    """`` (lines 2, 7, …)`` for several rows, nothing for one."""
    return f" (lines {_listed(lines)})" if len(lines) > 1 else ""


def _listed(lines) -> str:
    """The first five of ``lines``, in order, and an ellipsis for more."""
    ordered = sorted(lines)
    return ", ".join(str(line) for line in ordered[:5]) + (", …" if len(ordered) > 5 else "")
