"""What a new version of a source changed, told in its ingest report: a replacement said only « ce qu'elle disait
est retiré », and a coordinator who mended a register could not see that the ingest read the member who joined, the
one who left and the name corrected.

The stored graph is read twice, before the new version replaces it and after (its actors resolved, its types
materialised, as readers see it): each time its resources by class and its memberships, two queries of a few
milliseconds for a register, about a tenth of a second for a grants list of 100,000 rows. The members are compared by
actor (joined, left, renamed), the other resources by their most specific class in the vocabulary (added, removed).

>>> before = GraphState({URIRef(MAI + "Grant"): {URIRef("https://ex.org/g1")}}, {})
>>> after = GraphState({URIRef(MAI + "Grant"): {URIRef("https://ex.org/g2"), URIRef("https://ex.org/g3")}}, {})
>>> change_issue("f.csv", before, after).message
'ce que change la nouvelle version de « f.csv » : Subvention +2 −1'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from rdflib import URIRef
from rdflib.namespace import RDFS

from graph.ingest.base import Issue
from graph.namespaces import MAI, ORG
from graph.ontology import load_ontology, superclasses

_TYPED = "SELECT ?s ?t WHERE { GRAPH ?g { ?s a ?t } FILTER(isIRI(?s)) }"
_MEMBERS = (f"SELECT ?actor ?name ?joined ?left WHERE {{ GRAPH ?g {{ ?m a <{ORG.Membership}> ; <{ORG.member}> ?actor "
            f"OPTIONAL {{ ?actor <{RDFS.label}> ?name }} OPTIONAL {{ ?m <{MAI.joinedOn}> ?joined }} "
            f"OPTIONAL {{ ?m <{MAI.leftOn}> ?left }} }} }}")
#: Names given per change before « … »: a report's line stays readable when a whole list of members changed.
NAMES_SHOWN = 3


@dataclass
class Member:
    """A member of a PTCE as a graph states it: its name and its periods of membership (entry, exit; None when the
    graph gives none)."""

    name: str = ""
    periods: set[tuple[str | None, str | None]] = field(default_factory=set)

    @property
    def current(self) -> bool:
        """Whether one of its periods has no exit date."""
        return any(left is None for _, left in self.periods)

    @property
    def entries(self) -> frozenset[str | None]:
        """Its entry dates: what a member renamed keeps, when its actor's IRI changed with its name."""
        return frozenset(joined for joined, _ in self.periods)


@dataclass
class GraphState:
    """What a stored graph holds, as compared by :func:`change_issue`: its resources by class, its members."""

    typed: dict[URIRef, set[URIRef]]
    members: dict[URIRef, Member]


def graph_state(query, graph: URIRef) -> GraphState:
    """The resources by class and the members of the stored ``graph`` (nothing, when it is not stored)."""
    typed: dict[URIRef, set[URIRef]] = {}
    for subject, cls in query(_TYPED, {"g": graph}):
        typed.setdefault(cls, set()).add(subject)
    members: dict[URIRef, Member] = {}
    for actor, name, joined, left in query(_MEMBERS, {"g": graph}):
        member = members.setdefault(actor, Member())
        if name is not None and (not member.name or str(name) < member.name):  # one name, the same at each query
            member.name = str(name)
        member.periods.add((str(joined) if joined is not None else None, str(left) if left is not None else None))
    return GraphState(typed, members)


def change_issue(name: str, before: GraphState, after: GraphState) -> Issue:
    """The info line that says what the new version of the source ``name`` changed, ``before`` and ``after`` it
    replaced the stored graph: its members who joined, left, were renamed or were taken off the register, then the
    other resources added and removed, by class."""
    said = _member_changes(before.members, after.members)
    members = set(before.members) | set(after.members)
    said += [(f"{fr} {counts}", f"{en} {counts}") for fr, en, counts in _class_changes(before, after, members)]
    if not said:
        said = [("aucune ressource ajoutée ni retirée", "no resource added or removed")]
    return Issue("Info", f"ce que change la nouvelle version de « {name} » : {', '.join(fr for fr, _ in said)}",
                 f"what the new version of '{name}' changes: {', '.join(en for _, en in said)}")


def _member_changes(before: dict[URIRef, Member], after: dict[URIRef, Member]) -> list[tuple[str, str]]:
    """The members who joined, left, were renamed and were taken off the register, each change counted and its
    first members named (French, English)."""
    gone = {actor: member for actor, member in before.items() if actor not in after}
    new = {actor: member for actor, member in after.items() if actor not in before}
    renamed = [(before[actor].name, member.name) for actor, member in after.items()
               if actor in before and member.name != before[actor].name]
    for old_actor, new_actor in _renamed_actors(gone, new):  # a member named otherwise: its IRI is minted anew
        renamed.append((gone.pop(old_actor).name, new.pop(new_actor).name))
    left = [(member.name, max(day for _, day in member.periods if day)) for actor, member in after.items()
            if actor in before and before[actor].current and not member.current]
    changes = [
        (len(new), "membre arrivé", "membres arrivés", "member joined", "members joined",
         [member.name for member in new.values()]),
        (len(left), "membre sorti", "membres sortis", "member left", "members left",
         [(f"{who} le {day}", f"{who} on {day}") for who, day in left]),
        (len(renamed), "membre renommé", "membres renommés", "member renamed", "members renamed",
         [(f"« {old} » → « {new_name} »", f"'{old}' → '{new_name}'") for old, new_name in renamed]),
        (len(gone), "membre retiré du registre", "membres retirés du registre", "member taken off the register",
         "members taken off the register", [member.name for member in gone.values()])]
    return [_counted_change(*change) for change in changes if change[0]]


def _renamed_actors(gone: dict[URIRef, Member], new: dict[URIRef, Member]) -> list[tuple[URIRef, URIRef]]:
    """The members of ``gone`` and ``new`` that are one member renamed: the only two, one on each side, with the
    same entry dates (a member's name mended changes its actor's IRI, not its membership's dates)."""
    pairs = []
    for entries in {member.entries for member in gone.values()}:
        olds = [actor for actor, member in gone.items() if member.entries == entries]
        news = [actor for actor, member in new.items() if member.entries == entries]
        if len(olds) == len(news) == 1 and any(entries):
            pairs.append((olds[0], news[0]))
    return pairs


def _counted_change(count: int, one_fr: str, many_fr: str, one_en: str, many_en: str, names: list) -> tuple[str, str]:
    """« 2 membres arrivés (A, B) »: a change counted, its first NAMES_SHOWN names given (a name, or its French and
    English wordings)."""
    pairs = [(n, n) if isinstance(n, str) else n for n in names]
    more = ", …" if len(pairs) > NAMES_SHOWN else ""
    shown_fr = ", ".join(fr for fr, _ in pairs[:NAMES_SHOWN]) + more
    shown_en = ", ".join(en for _, en in pairs[:NAMES_SHOWN]) + more
    return (f"{count} {one_fr if count == 1 else many_fr} ({shown_fr})",
            f"{count} {one_en if count == 1 else many_en} ({shown_en})")


def _class_changes(before: GraphState, after: GraphState, left_aside: set[URIRef]) -> list[tuple[str, str, str]]:
    """Each class of the vocabulary whose resources changed, less ``left_aside`` (the members, told apart): its
    French and English labels and « +added −removed »."""
    old, new = _by_class(before.typed, left_aside), _by_class(after.typed, left_aside)
    changes = []
    for cls in sorted(set(old) | set(new)):
        added, removed = len(new.get(cls, set()) - old.get(cls, set())), len(old.get(cls, set()) - new.get(cls, set()))
        if added or removed:
            counts = " ".join(([f"+{added}"] if added else []) + ([f"−{removed}"] if removed else []))
            changes.append((*_class_labels(cls), counts))
    return changes


def _by_class(typed: dict[URIRef, set[URIRef]], left_aside: set[URIRef]) -> dict[URIRef, set[URIRef]]:
    """The resources of ``typed`` by their most specific classes of the vocabulary (an association is not counted
    again as an actor), less ``left_aside`` and the issues of the ingest's report (:mod:`graph.ingest.source_report`).
    """
    supers = superclasses()
    classes_of: dict[URIRef, set[URIRef]] = {}
    for cls, subjects in typed.items():
        if cls.startswith(str(MAI)) and cls != MAI.IngestIssue:  # what the file says, not what it holds
            for subject in subjects - left_aside:
                classes_of.setdefault(subject, set()).add(cls)
    by_class: dict[URIRef, set[URIRef]] = {}
    for subject, classes in classes_of.items():
        general = set().union(*(supers.get(cls, frozenset()) for cls in classes))
        for cls in classes - general:
            by_class.setdefault(cls, set()).add(subject)
    return by_class


def _class_labels(cls: URIRef) -> tuple[str, str]:
    """A class's French and English labels in the ontology (its local name when it has none)."""
    labels = _labels().get(cls, {})
    local = cls.removeprefix(str(MAI))
    return labels.get("fr", local), labels.get("en", local)


@cache
def _labels() -> dict[URIRef, dict[str, str]]:
    labels: dict[URIRef, dict[str, str]] = {}
    for term, _, text in load_ontology().triples((None, RDFS.label, None)):
        labels.setdefault(term, {})[getattr(text, "language", None) or ""] = str(text)
    return labels


__all__ = ["GraphState", "Member", "change_issue", "graph_state"]
