"""The PTCE that a deliberation helps create (:func:`find_ptce`): "création d'un pôle territorial de coopération
économique (PTCE)", coordinated by the beneficiary whose grant funds it; the kinds of members it gathers (matched
against the shipped actor-kind scheme), what it is for, its themes, and its goals, the numbered list that follows
"enjeux", "objectifs" or "axes". What the deliberation says of the beneficiary is :mod:`graph.ingest.delib_profile`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef

from graph.ingest.delib_themes import WHITE_SPACE, locate_concepts, match_concepts


@dataclass
class Ptce:
    coordinator: str
    health: bool
    member_kinds: list[URIRef] = field(default_factory=list)
    goals: list[tuple[str, int, int]] = field(default_factory=list)
    span: tuple[int, int] = (0, 0)
    #: what the text says the PTCE is for ("L'objectif de ce soutien est de regrouper …", "L'enjeu du projet est de
    #: mobiliser les acteurs …"): each sentence with its span
    purpose: list[tuple[str, int, int]] = field(default_factory=list)
    #: the health themes that what the PTCE is and is for names ("… pour la santé et la prévention santé")
    themes: list[URIRef] = field(default_factory=list)
    #: where the text gives each of those themes (:func:`locate_concepts`)
    theme_spans: dict[URIRef, tuple[int, int]] = field(default_factory=dict)
    #: the themes that each goal names, each with where (:func:`locate_concepts`)
    goal_themes: list[list[tuple[URIRef, tuple[int, int]]]] = field(default_factory=list)



PTCE = re.compile(r"(?:création|créer|constitution|émergence)\s+d['’]un\s+(?:pôle\s+territorial\s+de\s+coopération\s+"
                   r"économique|PTCE)(?P<rest>[^.\n]{0,40})", re.I)


#: What a text says a PTCE it supports is for, in the sentences after it: "L'objectif de ce soutien est de regrouper
#: …", "L'enjeu du projet est de mobiliser les acteurs identifiés, de définir un mode de gouvernance …".
_PTCE_PURPOSE = re.compile(r"(?<![\w'’])(?:L['’](?:objectif|enjeu|ambition)|Le\s+but)\s+(?:de\s+ce\s+(?:soutien|projet|pôle|"
                           r"PTCE)|de\s+cette\s+(?:aide|démarche|subvention)|du\s+(?:projet|pôle|PTCE))\s+est\s+de\b"
                           r"[^.;]*[.;]")
_PTCE_PURPOSE_REACH = 3000


#: What makes a sentence the recall of an earlier act, before the PTCE it names: the act cited by its number or date
#: ("Par délibération n°2024.00240 du 16 mai 2024, la Métropole a soutenu … la création d'un PTCE", "Vu la
#: délibération du 16 mai 2024 …") or a verb in the pluperfect ("la Ville avait accompagné la création …"). Not "la
#: présente délibération".
_RECALLED = re.compile(r"\b(?:délibération|décision|arrêté)s?\s+(?:n\s*[°o]|du\s+\d|en\s+date\s+du)|"
                       r"\b(?:avait|avaient)\s+(?:\w+\s+)?(?:soutenu|accompagné|approuvé|décidé|attribué|accordé|"
                       r"voté|financé|aidé)\b", re.I)


def _recalled(body: str, start: int) -> bool:
    """Whether the sentence that names a PTCE's creation at ``start`` recalls an earlier act (:data:`_RECALLED`).

    >>> text = "Par délibération n°2024.00240 du 16 mai 2024, la Métropole a soutenu la création d'un PTCE."
    >>> _recalled(text, text.index("création"))
    True
    >>> text = "Par délibération du 3 mai, la Ville a voté. Elle soutient la création d'un PTCE."
    >>> _recalled(text, text.index("création"))
    False
    """
    opening = max(body.rfind("\n\n", 0, start), 0)  # a sentence ends at a full stop, not a number's ("n°2024.00240")
    opening = max([opening] + [opening + m.end() for m in re.finditer(r"[.;:](?=\s)", body[opening:start])])
    return _RECALLED.search(body, opening, start) is not None


#: A PTCE's goals, a numbered list under "enjeux", "objectifs", "axes" or "priorités": an item may go on below its
#: line in small letters, as a PDF's text wraps it ("1. Valorisation … (pour les usagers, les" / "entreprises, …").
_GOALS = re.compile(r"(?:enjeux|objectifs|axes|priorités)[^\n]*:\s*\n+"
                    r"(?P<list>(?:\s*\d+\s*[.)-]\s*[^\n]+\n?(?:[ \t]*(?=[a-zà-ÿ])[^\n]+\n?)*)+)", re.I)
_GOAL = re.compile(r"^\s*\d+\s*[.)-]\s*(?P<g>[^\n]+?(?:\n[ \t]*(?=[a-zà-ÿ])[^\n]+?)*)[\s,;.]*$", re.M)


def find_ptce(body: str, coordinator: str | None) -> Ptce | None:
    """Return the PTCE whose creation the deliberation supports, or None: a sentence that only recalls an earlier
    act's support of its creation (:func:`_recalled`) is not this deliberation's."""
    match = next((m for m in PTCE.finditer(body) if not _recalled(body, m.start())), None)
    if not match or not coordinator:
        return None
    ptce = Ptce(coordinator, bool(re.search(r"santé", match.group("rest"), re.I)), span=match.span())
    members = re.compile(r"(?:regrouper|rassembler|réunir|fédérer)[^.(]{0,200}\((?P<list>[^()]*(?:\([^()]*\)[^()]*)*)\)",
                         re.I).search(body, match.start())
    if members:
        ptce.member_kinds = match_concepts(members.group("list"), "actorKinds")
    for said in _PTCE_PURPOSE.finditer(body, match.start(), min(len(body), match.end() + _PTCE_PURPOSE_REACH)):
        ptce.purpose.append((re.sub(r"\s+", " ", said.group(0)), said.start(), said.end()))
    said = [match.span(), *((start, end) for _, start, end in ptce.purpose)]  # what the PTCE is and is for
    located = locate_concepts([(body[start:end], start) for start, end in said], "themes")
    ptce.themes = [concept for concept, _ in located]
    ptce.theme_spans = dict(located)
    goals = _GOALS.search(body, match.start())
    if goals:
        for item in _GOAL.finditer(goals.group("list")):
            start = goals.start("list") + item.start("g")
            ptce.goals.append((WHITE_SPACE.sub(" ", item.group("g")), start, goals.start("list") + item.end("g")))
            ptce.goal_themes.append(locate_concepts([(item.group("g"), start)], "themes"))
    return ptce
