"""What a new version of a source changed, told in its ingest report: a replacement said only « ce qu'elle disait
est retiré », and a coordinator who mended a register could not see that the ingest read the member who joined, the
one who left and the name corrected.

The stored graph is read twice, before the new version replaces it and after (its actors resolved, its types
materialised, as readers see it): each time its resources by class and its memberships, two queries of a few
milliseconds for a register, about a tenth of a second for a grants list of 100,000 rows. The members are compared by
actor (joined, left, renamed, moved to another circle, their dates or the goals they serve changed), the other resources
by their most specific class in the vocabulary (added, removed, named), and the values a reader cares about that
changed (:mod:`graph.ingest.source_value_changes`). The members renamed, whose actors' IRIs changed with
their names, are also what :mod:`graph.ingest.source_renames` records, for their old addresses to lead to the new ones,
and so are a register's roadmap actions reworded (:mod:`graph.ingest.action_rewordings`), told apart from those added
and removed, as are the sessions redated with their proxies (:mod:`graph.ingest.session_redatings`).

>>> before = GraphState({URIRef(MAI + "Grant"): {URIRef("https://ex.org/g1")}}, {})
>>> after = GraphState({URIRef(MAI + "Grant"): {URIRef("https://ex.org/g2"), URIRef("https://ex.org/g3")}}, {})
>>> change_issue("f.csv", before, after).message
'ce que change la nouvelle version de « f.csv » :
 Subvention +2 −1 (+ https://ex.org/g2, https://ex.org/g3 ; − https://ex.org/g1)'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from graph.ingest.action_rewordings import Action, Rewordings, rewordings
from graph.ingest.base import Issue
from graph.ingest.membership_successors import Period, membership_periods, successors
from graph.ingest.session_redatings import redatings
from graph.ingest.source_value_changes import Values, named_resources, value_changes, watched_values
from graph.namespaces import MAI, ORG
from graph.ontology import load_ontology, load_schemes, superclasses
from graph.resolution_near_names import spelling_corrected

_TYPED = "SELECT ?s ?t WHERE { GRAPH ?g { ?s a ?t } FILTER(isIRI(?s)) }"
_MEMBERS = (f"SELECT ?actor ?name ?joined ?left ?circle WHERE {{ GRAPH ?g {{ ?m a <{ORG.Membership}> ; "
            f"<{ORG.member}> ?actor OPTIONAL {{ ?actor <{RDFS.label}> ?name }} "
            f"OPTIONAL {{ ?m <{MAI.joinedOn}> ?joined }} OPTIONAL {{ ?m <{MAI.leftOn}> ?left }} "
            f"OPTIONAL {{ ?m <{ORG.role}> ?circle }} }} }}")
#: The goals that the members serve, by their ranks (or IRIs): a member's goals added or removed are a change.
_MEMBER_GOALS = (f"SELECT DISTINCT ?actor ?goal ?rank WHERE {{ GRAPH ?g {{ ?m a <{ORG.Membership}> ; <{ORG.member}> "
                 f"?actor . ?actor <{MAI.contributesTo}> ?goal OPTIONAL {{ ?goal <{SKOS.notation}> ?rank }} }} }}")
#: The roadmap actions, with their titles and the ranks (or IRIs) of their goals.
_ACTIONS = (f"SELECT ?action ?title ?goal ?rank WHERE {{ GRAPH ?g {{ ?action a <{MAI.RoadmapAction}> "
            f"OPTIONAL {{ ?action <{DCTERMS.title}> ?title }} OPTIONAL {{ ?action <{MAI.contributesTo}> ?goal "
            f"OPTIONAL {{ ?goal <{SKOS.notation}> ?rank }} }} }} }}")
#: Names given per change before « … »: a report's line stays readable when a whole list of members changed.
NAMES_SHOWN = 5


@dataclass
class Member:
    """A member of a PTCE as a graph states it: its name and its periods of membership (entry, exit; None when the
    graph gives none)."""

    name: str = ""
    periods: set[tuple[str | None, str | None]] = field(default_factory=set)
    #: The circle of each period, by its entry date.
    circles: dict[str | None, URIRef] = field(default_factory=dict)
    #: The goals it serves, by their ranks (their IRIs when they have none).
    goals: set[str] = field(default_factory=set)

    @property
    def current(self) -> bool:
        """Whether one of its periods has no exit date."""
        return any(left is None for _, left in self.periods)

    @property
    def entries(self) -> frozenset[str | None]:
        """Its entry dates: what a member renamed keeps, when its actor's IRI changed with its name."""
        return frozenset(joined for joined, _ in self.periods)

    @property
    def circle(self) -> URIRef | None:
        """The circle of its latest period (None when the graph gives none)."""
        latest = max(self.circles, key=lambda joined: joined or "", default=None)
        return self.circles.get(latest)

    @property
    def exits(self) -> tuple[str, ...]:
        """Its exit dates, in order."""
        return tuple(sorted(left for _, left in self.periods if left))


@dataclass
class GraphState:
    """What a stored graph holds, as compared by :func:`change_issue`: its resources by class, its members, its
    roadmap actions, the values a reader cares about (:mod:`graph.ingest.source_value_changes`) and its
    memberships."""

    typed: dict[URIRef, set[URIRef]]
    members: dict[URIRef, Member]
    actions: dict[URIRef, Action] = field(default_factory=dict)
    values: Values = field(default_factory=dict)
    memberships: dict[URIRef, Period] = field(default_factory=dict)


def graph_state(query, graph: URIRef) -> GraphState:
    """The resources by class and the members of the stored ``graph`` (nothing, when it is not stored)."""
    typed: dict[URIRef, set[URIRef]] = {}
    for subject, cls in query(_TYPED, {"g": graph}):
        typed.setdefault(cls, set()).add(subject)
    members: dict[URIRef, Member] = {}
    for actor, name, joined, left, circle in query(_MEMBERS, {"g": graph}):
        member = members.setdefault(actor, Member())
        if name is not None and (not member.name or str(name) < member.name):  # one name, the same at each query
            member.name = str(name)
        day = str(joined) if joined is not None else None
        member.periods.add((day, str(left) if left is not None else None))
        if circle is not None and (day not in member.circles or circle < member.circles[day]):  # one, at each query
            member.circles[day] = circle
    for actor, goal, rank in query(_MEMBER_GOALS, {"g": graph}):
        members[actor].goals.add(str(rank if rank is not None else goal))
    return GraphState(typed, members, _actions(query, graph), watched_values(query, graph),
                      membership_periods(query, graph))


def _actions(query, graph: URIRef) -> dict[URIRef, Action]:
    """The roadmap actions of the stored ``graph``: each one's title (the least, if it has several) and goals."""
    titles: dict[URIRef, str] = {}
    goals: dict[URIRef, set[str]] = {}
    for action, title, goal, rank in query(_ACTIONS, {"g": graph}):
        if title is not None and (action not in titles or str(title) < titles[action]):
            titles[action] = str(title)
        goals.setdefault(action, set()).update([str(rank if rank is not None else goal)] if goal is not None else [])
    return {action: Action(titles.get(action, ""), frozenset(ranks)) for action, ranks in goals.items()}


def change_issue(name: str, before: GraphState, after: GraphState,
                 lost: list[tuple[str, str]] | None = None) -> Issue:
    """The info line that says what the new version of the source ``name`` changed (:func:`change_summary`)."""
    return summary_issue(name, change_summary(before, after, lost))


def summary_issue(name: str, summary: tuple[str, str]) -> Issue:
    """The info line of the ingest's report that says the ``summary`` (French, English) of what the new version of
    the source ``name`` changed."""
    fr, en = summary
    return Issue("Info", f"ce que change la nouvelle version de « {name} » : {fr}",
                 f"what the new version of '{name}' changes: {en}")


def change_summary(before: GraphState, after: GraphState,
                   lost: list[tuple[str, str]] | None = None) -> tuple[str, str]:
    """What a new version of a source changed, ``before`` and ``after`` it replaced the stored graph, in French and
    in English: its members who joined, left, were renamed, moved to another circle, whose dates or goals changed or
    who were taken off the register, its actions reworded, its sessions redated (:mod:`graph.ingest.session_redatings`),
    then the other resources added and removed, by class, and what it ``lost`` by its form (French, English: a
    register's YAML turned CSV)."""
    said = _member_changes(before.members, after.members)
    reworded = rewordings(before.actions, after.actions)
    said += _action_changes(before.actions, after.actions, reworded)
    redated = redatings(before, after)
    said += [redated.change(before.values, after.values)] if redated.sessions else []
    told_apart = (set(before.members) | set(after.members) | {iri for pair in reworded.pairs for iri in pair}
                  | redated.told_apart)
    said += _class_changes(before, after, told_apart)
    kept = [(iri, iri) for iri in after.values if iri in before.values] + renamed_actors(before, after)
    said += [changed] if (changed := value_changes(before.values, after.values, kept, set(after.members))) else []
    said += lost or []
    if not said:
        said = [("aucune ressource ajoutée ni retirée", "no resource added or removed")]
    return ", ".join(fr for fr, _ in said), ", ".join(en for _, en in said)


def renamed_actors(before: GraphState, after: GraphState) -> list[tuple[URIRef, URIRef]]:
    """The members renamed between ``before`` and ``after``: each one's old actor IRI and its new one."""
    gone = {actor: member for actor, member in before.members.items() if actor not in after.members}
    new = {actor: member for actor, member in after.members.items() if actor not in before.members}
    return _renamed_actors(gone, new)


def reworded_actions(before: GraphState, after: GraphState) -> list[tuple[URIRef, URIRef]]:
    """The roadmap actions reworded between ``before`` and ``after`` whose IRIs changed with their titles: each
    one's old IRI and its new one (:mod:`graph.ingest.action_rewordings`)."""
    return rewordings(before.actions, after.actions).pairs


def continued_memberships(before: GraphState, after: GraphState) -> list[tuple[URIRef, URIRef]]:
    """The memberships of ``before`` that ``after`` minted anew (a member moved to another circle, or renamed), each
    with what continues it (:mod:`graph.ingest.membership_successors`)."""
    return successors(before.memberships, after.memberships, dict(renamed_actors(before, after)))


def former_names(before: GraphState, after: GraphState) -> list[tuple[URIRef, str]]:
    """The members renamed and the actions reworded between ``before`` and ``after``, their IRIs kept (a SIRET's, an
    action's ``id:``) or not: each one's IRI in ``after`` and its name or title in ``before``."""
    pairs = [(actor, actor) for actor in after.members if actor in before.members] + renamed_actors(before, after)
    names = [(new, before.members[old].name, after.members[new].name) for old, new in pairs]
    actions = [(iri, iri) for iri in after.actions if iri in before.actions] + reworded_actions(before, after)
    names += [(new, before.actions[old].title, after.actions[new].title) for old, new in actions]
    return [(new, old_name) for new, old_name, new_name in names if old_name and old_name != new_name]


def _member_changes(before: dict[URIRef, Member], after: dict[URIRef, Member]) -> list[tuple[str, str]]:
    """The members who joined, left, were renamed or had their names' spelling corrected
    (:func:`graph.resolution_near_names.spelling_corrected`), moved to another circle, whose dates or goals changed
    and who were taken off the register, each change counted and its first members named (French, English)."""
    gone = {actor: member for actor, member in before.items() if actor not in after}
    new = {actor: member for actor, member in after.items() if actor not in before}
    kept = [(before[actor], member) for actor, member in after.items() if actor in before]
    for old_actor, new_actor in _renamed_actors(gone, new):  # a member named otherwise: its IRI is minted anew
        kept.append((gone.pop(old_actor), new.pop(new_actor)))
    named_otherwise = [(old.name, member.name) for old, member in kept if member.name != old.name]
    corrected = [(old, new_name) for old, new_name in named_otherwise if spelling_corrected(old, new_name)]
    renamed = [pair for pair in named_otherwise if pair not in corrected]
    left = [(member.name, max(day for _, day in member.periods if day)) for old, member in kept
            if old.current and not member.current]
    moved = [(member.name, *_circle_names(old.circle), *_circle_names(member.circle)) for old, member in kept
             if old.circle != member.circle]
    # one entry a member, its dates' changes together: a member whose entry and exit both changed took two of the
    # names shown, and hid another member behind « … »
    redated = [(member.name, (", ".join(fr for fr, _ in said), ", ".join(en for _, en in said)))
               for old, member in kept if (said := _dates_changed(old, member))]
    regoaled = [(member.name, _ranks(old.goals), _ranks(member.goals)) for old, member in kept
                if old.goals != member.goals]
    changes = [
        (len(new), "membre arrivé", "membres arrivés", "member joined", "members joined",
         [member.name for member in new.values()]),
        (len(left), "membre sorti", "membres sortis", "member left", "members left",
         [(f"{who} le {day}", f"{who} on {day}") for who, day in left]),
        (len(renamed), "membre renommé", "membres renommés", "member renamed", "members renamed",
         [(f"« {old} » → « {new_name} »", f"'{old}' → '{new_name}'") for old, new_name in renamed]),
        (len(corrected), "nom corrigé", "noms corrigés", "name corrected", "names corrected",
         [(f"« {old} » → « {new_name} »", f"'{old}' → '{new_name}'") for old, new_name in corrected]),
        (len(moved), "membre changé de cercle", "membres changés de cercle", "member moved to another circle",
         "members moved to another circle",
         [(f"{who} : {old_fr} → {new_fr}", f"{who}: {old_en} → {new_en}") for who, old_fr, old_en, new_fr, new_en
          in moved]),
        (len(redated), "membre aux dates changées", "membres aux dates changées",
         "member's dates changed", "members' dates changed",
         [(f"{who} : {fr}", f"{who}: {en}") for who, (fr, en) in redated]),
        (len(regoaled), "membre aux objectifs changés", "membres aux objectifs changés", "member's goals changed",
         "members' goals changed", [(f"{who} : objectifs {was or 'aucun'} → {now or 'aucun'}",
                                     f"{who}: goals {was or 'none'} → {now or 'none'}") for who, was, now in regoaled]),
        (len(gone), "membre retiré du registre", "membres retirés du registre", "member taken off the register",
         "members taken off the register", [member.name for member in gone.values()])]
    return [_counted_change(*change) for change in changes if change[0]]


def _action_changes(before: dict[URIRef, Action], after: dict[URIRef, Action],
                    reworded: Rewordings) -> list[tuple[str, str]]:
    """The actions reworded (their IRIs kept by an ``id:``, or paired by :func:`rewordings`) and, for each goal
    where actions gone and actions new could not be paired, that their old addresses lead nowhere (French,
    English)."""
    pairs = [(iri, iri) for iri in after if iri in before] + reworded.pairs
    retitled = [(before[old].title, after[new].title) for old, new in pairs if before[old].title != after[new].title]
    said = [_counted_change(len(retitled), "action reformulée", "actions reformulées", "action reworded",
                            "actions reworded", [(f"« {old} » → « {new} »", f"'{old}' → '{new}'")
                                                 for old, new in retitled])] if retitled else []
    return said + [_unpaired_actions(*unpaired) for unpaired in reworded.unpaired]


def _unpaired_actions(goals: frozenset[str], gone: int, new: int) -> tuple[str, str]:
    """« 2 actions de l'objectif 1 retirées et 2 ajoutées : si certaines sont reformulées, … donnez à chaque action
    un id: » (French, English): actions of a goal that may be reworded, which the change summary cannot pair."""
    ranks = ", ".join(sorted(goals))
    where, where_en = (f"de l'objectif {ranks}", f"of goal {ranks}") if goals else ("sans objectif", "without a goal")
    return (f"{gone} action{'s' if gone > 1 else ''} {where} retirée{'s' if gone > 1 else ''} et {new} "
            f"ajoutée{'s' if new > 1 else ''} : si certaines sont reformulées, leurs titres ne disent pas lesquelles, "
            "et leurs anciennes adresses ne mènent pas aux nouvelles ; donnez à chaque action un id: pour garder son "
            "adresse", f"{gone} action{'s' if gone > 1 else ''} {where_en} removed and {new} added: if some were "
            "reworded, their titles do not tell which, and their old addresses do not lead to the new ones; give each "
            "action an id: to keep its address")


def _dates_changed(old: Member, new: Member) -> list[tuple[str, str]]:
    """« entrée 2024-04-01 → 2024-04-15 », « sortie 2025-01-31 → 2025-03-31 »: the entry and the exit dates that a
    member's new version changed (French, English); a member who left is told as such, not here. A period added
    beside the others is « nouvelle période depuis 2026-04-01 », and the exit of the period before it on that day (a
    move between circles, which the circle change tells) is not told again as an exit."""
    said = []
    old_entries, new_entries = sorted(day for day in old.entries if day), sorted(day for day in new.entries if day)
    begun = [day for day in new_entries if day not in old_entries]  # a period added, the others kept
    if len(new.periods) > len(old.periods) and set(old_entries) < set(new_entries):  # a move or a return
        said += [(f"nouvelle période depuis {day}", f"new period from {day}") for day in begun]
    elif old_entries != new_entries:
        said.append(_dates_said("entrée", "joined", old_entries, new_entries))
    ended = set(new.exits) - set(old.exits)
    handed_over = set(old.exits) <= set(new.exits) and ended <= set(begun)  # a period closed the day another began
    if old.exits != new.exits and not (old.current and not new.current) and not handed_over:
        said.append(_dates_said("sortie", "left", list(old.exits), list(new.exits)))
    return said


def _ranks(goals: set[str]) -> str:
    """« 2, 3 »: the goals a member serves as a line says them, by rank (numbers in their order, then the others).

    >>> _ranks({"10", "2", "https://ex.org/goal"})
    '2, 10, https://ex.org/goal'
    """
    return ", ".join(sorted(goals, key=lambda rank: (not rank.isdigit(), int(rank) if rank.isdigit() else 0, rank)))


def _dates_said(fr: str, en: str, was: list[str], now: list[str]) -> tuple[str, str]:
    """« entrée 2024-04-01 → 2024-04-15 » (French, English)."""
    return (f"{fr} {_days(was, 'aucune')} → {_days(now, 'aucune')}",
            f"{en} {_days(was, 'none')} → {_days(now, 'none')}")


def _days(days: list[str], none: str) -> str:
    return ", ".join(days) or none


def _circle_names(circle: URIRef | None) -> tuple[str, str]:
    """A circle's French and English names as a line says them (« cercle cœur », "core circle"; « aucun », "none"
    for a member stored without a circle, its circle unknown or missing)."""
    if circle is None:
        return "aucun", "none"
    labels = _circle_labels().get(circle, {})
    local = circle.rsplit("/", 1)[-1]
    fr, en = labels.get("fr", local), labels.get("en", local)
    return fr[:1].lower() + fr[1:], en[:1].lower() + en[1:]


@cache
def _circle_labels() -> dict[URIRef, dict[str, str]]:
    labels: dict[URIRef, dict[str, str]] = {}
    for term, _, text in load_schemes().triples((None, SKOS.prefLabel, None)):
        labels.setdefault(term, {})[getattr(text, "language", None) or ""] = str(text)
    return labels


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


def _class_changes(before: GraphState, after: GraphState, left_aside: set[URIRef]) -> list[tuple[str, str]]:
    """Each class of the vocabulary whose resources changed, less ``left_aside`` (the members, told apart), in
    French and English: « Subvention +1 −1 (+ A ; − B) », its label, its counts and the resources added and removed
    by name (:func:`graph.ingest.source_value_changes.named_resources`)."""
    old, new = _by_class(before.typed, left_aside), _by_class(after.typed, left_aside)
    changes = []
    for cls in sorted(set(old) | set(new)):
        added, removed = new.get(cls, set()) - old.get(cls, set()), old.get(cls, set()) - new.get(cls, set())
        if added or removed:
            counts = " ".join(([f"+{len(added)}"] if added else []) + ([f"−{len(removed)}"] if removed else []))
            (label_fr, label_en), (named_fr, named_en) = (
                _class_labels(cls), named_resources(added, removed, before.values, after.values, cls))
            changes.append((f"{label_fr} {counts} ({named_fr})", f"{label_en} {counts} ({named_en})"))
    return changes


def _by_class(typed: dict[URIRef, set[URIRef]], left_aside: set[URIRef]) -> dict[URIRef, set[URIRef]]:
    """The resources of ``typed`` by their most specific classes of the vocabulary (an association is not counted
    again as an actor), less ``left_aside``, the issues of the ingest's report (:mod:`graph.ingest.source_report`)
    and the versions it replaced (:mod:`graph.ingest.source_versions`).
    """
    supers = superclasses()
    classes_of: dict[URIRef, set[URIRef]] = {}
    for cls, subjects in typed.items():
        if cls.startswith(str(MAI)) and cls not in (MAI.IngestIssue, MAI.SourceVersion):  # what it says, not holds
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


__all__ = ["GraphState", "Member", "change_issue", "change_summary", "continued_memberships", "former_names",
           "graph_state", "renamed_actors", "reworded_actions", "summary_issue"]
