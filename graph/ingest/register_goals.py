"""The PTCE's strategic goals in its partner register (see :mod:`graph.ingest.register`): the goals it declares by
rank (``ptce: goals`` in YAML, ``# objectif N: LABEL`` lines before a CSV header), each a ``mai:StrategicGoal`` of
the ``skos:ConceptScheme`` ``mint("goals", ptce)``, and the references of members, actions and grants to them, by
rank (``1, 2``, ``1 et 2``, ``objectif 2``) or by exact label, each a ``mai:contributesTo``.
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from graph.identity import ActorBook
from graph.identity_names import fold
from graph.ingest.base import Extraction, InputError, SourceContext, goal_scheme_labels
from graph.ingest.french import fold as unaccent
from graph.ingest.register_entries import Entry
from graph.namespaces import MAI, mint
from graph.triples import TripleSet

#: A goal's rank as a reference may write it: "2", "objectif 2", "#2", "O2", "2.0".
_RANK = re.compile(r"(?:objectif|goal|o|#|n)?\s*(\d+)(?:\.0+)?")


def _rank(value: object, loose: bool = False) -> int | None:
    """The rank that ``value`` gives a goal (an integer, or its digits; ``loose``: as :data:`_RANK` reads them)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = unaccent(str(value or "")).strip()
    if text.isdigit():
        return int(text)
    return int(m[1]) if loose and (m := _RANK.fullmatch(text)) else None


def _ranks_and(named: object) -> list:
    """The goals of ``named`` as a list of ranks may end them, « 1 et 2 » (or ``and``), or ``named`` itself.

    >>> _ranks_and("1 et 2"), _ranks_and("objectif 1 et 3"), _ranks_and("Soins et prévention")
    (['1', '2'], ['objectif 1', '3'], ['Soins et prévention'])
    """
    parts = re.split(r"\s+(?:et|and|&)\s+", named) if isinstance(named, str) else [named]
    return parts if len(parts) > 1 and all(_rank(p, loose=True) is not None for p in parts) else [named]


class GoalBuilder:
    """Builds the goals of one register's graph and reads the references to them; the register's builder
    (:class:`graph.ingest.register_builder.RegisterBuilder`) is one, and gives it the graph, the extraction, the
    actors and the PTCE (its IRI and slug) that the goals belong to."""

    ctx: SourceContext
    graph: TripleSet
    ex: Extraction
    book: ActorBook
    ptce: URIRef
    slug: str

    def __init__(self, ptce: Entry, yaml_register: bool):
        self.goals: dict[int, URIRef] = {}
        self.goal_labels: dict[str, URIRef] = {}
        self.goal_entries: dict[int, Entry] = {}
        #: Ranks declared twice with two labels (the two entries), and the second labels: the goal a member gives by
        #: either cannot be told (:meth:`goals_named`).
        self.twins: dict[int, tuple[Entry, Entry]] = {}
        self.twin_labels: dict[str, int] = {}
        self.goals_declared = False
        #: The key under which the register declares its goals, as messages name it (French, English).
        self.goals_key = (ptce.key_of("goals"), ptce.key_of("goals", "en"))
        #: Where the register declares its goals, as messages say it (French, English).
        self.goals_where = ((f"sous ptce: {self.goals_key[0]}", f"under ptce: {self.goals_key[1]}") if yaml_register
                            else ("par les lignes « # objectif N: » avant l'en-tête",
                                  "by the lines '# objectif N:' before the header"))

    def warn(self, entry: Entry, key: str, fr: str, en: str) -> None:
        """Warn about ``entry``'s ``key`` with its line, its name as written and its value (every warning about an
        entry of the register, the builder's too); one about a member names it first, unless it quotes the name
        already, as the coordinator looks for it (to find the member of « ligne 62 » she counted lines in an
        editor)."""
        if entry.member and (name := entry.text("name")) and f"« {name} »" not in fr:
            fr, en = f"membre « {name} » : {fr}", f"member '{name}': {en}"
        self.ex.warn(fr, en, line=entry.line_of(key), field=entry.key_of(key), value=entry.shown(key))

    def declare_goals(self, goals: list[Entry]) -> None:
        """State the goals that the register declares; a reference to a goal of a register that declares none is
        told how to declare it (:meth:`goal_refs`)."""
        self.goals_declared = bool(goals)
        for goal in goals:
            self.goal(goal)

    def goal(self, entry: Entry) -> None:
        rank, label = _rank(entry.get("rank")), entry.text("label")
        if rank is None or not label:
            self.ex.reject("objectif sans rang entier ou sans libellé", "goal without an integer rank or a label",
                           line=entry.line, field=entry.key_of("rank"), value=str(rank))
            return
        if rank < 1:  # the IRI drops the sign (goal/p/-1 is goal/p/1): two goals would be one
            self.ex.reject(f"objectif de rang {rank} : un rang est un entier positif (1, 2, 3…) ; objectif ignoré",
                           f"goal of rank {rank}: a rank is a positive integer (1, 2, 3…); goal ignored",
                           line=entry.line_of("rank"), field=entry.key_of("rank"), value=str(rank))
            return
        if (first := self.goal_entries.get(rank)) is not None:
            self.goal_twice(first, entry)
            return
        self.goal_entries[rank] = entry
        goal, scheme = mint("goal", self.slug, rank, base=self.ctx.base), mint("goals", self.slug, base=self.ctx.base)
        g = self.graph
        g.add((scheme, RDF.type, SKOS.ConceptScheme))
        for scheme_label in goal_scheme_labels(self.book.labels[self.ptce]):
            g.add((scheme, SKOS.prefLabel, scheme_label))
        g.add((goal, RDF.type, MAI.StrategicGoal))
        g.add((goal, SKOS.prefLabel, Literal(label, lang="fr")))
        g.add((goal, SKOS.notation, Literal(rank, datatype=XSD.integer)))
        g.add((goal, SKOS.inScheme, scheme))
        g.add((self.ptce, MAI.hasGoal, goal))
        self.goals[rank] = goal
        self.goal_labels.setdefault(fold(label), goal)

    def goal_twice(self, first: Entry, entry: Entry) -> None:
        """Report a goal's rank declared a second time (``entry``), the first kept: alike, it is read once; with
        another label, a member or a grant that gives that rank, or the second label, refuses the register
        (:meth:`goals_named`) — which goal it serves cannot be told."""
        rank, labels = _rank(entry.get("rank")), (first.text("label"), entry.text("label"))
        if fold(labels[0]) == fold(labels[1]):
            self.ex.warn(f"objectif {rank} déclaré deux fois, lignes {first.line} et {entry.line} : lu une fois",
                         f"goal {rank} declared twice, lines {first.line} and {entry.line}: read once", line=entry.line)
            return
        self.twins[rank] = (first, entry)  # type: ignore[index]
        self.twin_labels.setdefault(fold(labels[1]), rank)  # type: ignore[arg-type]
        self.ex.warn(f"objectif {rank} déclaré deux fois, {_twin_lines(first, entry)[0]} : le second est ignoré ; "
                     "donnez-lui son propre rang", f"goal {rank} declared twice, {_twin_lines(first, entry)[1]}: the "
                     "second is ignored; give it its own rank", line=entry.line)

    def goals_named(self, entry: Entry, key: str) -> list:
        """The goals that ``entry``'s ``key`` names, as written: ranks (``1, 2``, ``1 et 2``), or one exact label
        (which may hold a comma). InputError when one is a rank declared twice, or the second label of one."""
        whole = entry.get(key)
        if isinstance(whole, str) and fold(whole) in self.goal_labels:
            return [whole]
        named = [rank for listed in entry.list(key) for rank in _ranks_and(listed)]
        for each in named:
            folded = fold(str(each))
            rank = self.twin_labels.get(folded) if folded in self.twin_labels else _rank(each, loose=True)
            if folded not in self.goal_labels and rank in self.twins:
                first, second = self.twins[rank]  # type: ignore[index]
                said, said_en = _twin_lines(first, second)
                line = entry.line_of(key)
                raise InputError(f"objectif {rank} déclaré deux fois, {said}, et la ligne {line} y renvoie : on ne "
                                 "sait lequel elle veut dire ; donnez à chaque objectif son propre rang ; registre "
                                 "refusé", line=second.line, message_en=f"goal {rank} declared twice, {said_en}, and "
                                 f"line {line} refers to it: which one it means cannot be told; give each goal its "
                                 "own rank; register refused")
        return named

    def goal_of(self, named: object) -> URIRef | None:
        """The goal declared under the exact label or the rank ``named``, or None."""
        return self.goal_labels.get(fold(str(named))) or self.goals.get(_rank(named, loose=True))  # type: ignore

    def unknown_goal(self, named: object) -> tuple[str, str]:
        """What to say (French, English) of a goal that a member, an action or a grant names (``named``: a rank or a
        label, as written) and the register does not declare: the ranks it declares and where, or, when it declares
        none, how to declare them — one message for a member's goals (a warning) and a grant's (a refusal)."""
        if not self.goals_declared:
            return (f"objectif inconnu « {named} » : ce registre ne déclare pas les objectifs du PTCE (en CSV, une "
                    "ligne « # objectif 1: LIBELLÉ » avant l'en-tête ; en YAML, sous ptce: "
                    f"{self.goals_key[0]})", f"unknown goal '{named}': this register declares no goals of the PTCE "
                    "(in CSV, a line '# objectif 1: LABEL' before the header; in YAML, under ptce: "
                    f"{self.goals_key[1]})")
        declared = ", ".join(map(str, sorted(self.goals)))
        where, where_en = self.goals_where
        return (f"objectif inconnu « {named} » (objectifs déclarés {where} : {declared or 'aucun'})",
                f"unknown goal '{named}' (goals declared {where_en}: {declared or 'none'})")

    def goal_refs(self, entry: Entry, key: str, subject: URIRef) -> None:
        for rank in self.goals_named(entry, key):
            if (goal := self.goal_of(rank)) is None:
                self.warn(entry, key, *self.unknown_goal(rank))
            else:
                self.graph.add((subject, MAI.contributesTo, goal))


def _twin_lines(first: Entry, second: Entry) -> tuple[str, str]:
    """The lines and labels of a goal's rank declared twice, as messages give them (French, English)."""
    one, two = first.text("label"), second.text("label")
    return (f"lignes {first.line} (« {one} ») et {second.line} (« {two} »)",
            f"lines {first.line} ('{one}') and {second.line} ('{two}')")
