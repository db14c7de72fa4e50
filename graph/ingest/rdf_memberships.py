"""What an RDF file says of memberships in the W3C Organization ontology's words, read in Maillage's: the period of
an ``org:Membership`` given by ``org:memberDuring`` (a ``time:Interval``), which the queries and pages read as
``mai:joinedOn`` and ``mai:leftOn`` (DESIGN.md's contract); and its ``org:role``, which is one of the PTCE's circles
(``ontology/circles.ttl``): another IRI shows as a circle without a name.

Like the superclass types (:class:`graph.ingest.rdf_first_pass.Observed`), the dates are materialised at ingest, in
the file's graph, for the memberships that give none: without them a member who left shows as current. An interval
may write its ends as instants (``time:hasBeginning [ time:inXSDDate "2024-01-15"^^xsd:date ]``, or
``time:inXSDDateTimeStamp``, ``time:inXSDDateTime``) or as dates directly (``time:hasBeginning "2024-01-15"``). Only a
file that states ``org:memberDuring`` (``org:role``) is asked anything about it.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from rdflib import URIRef
from rdflib.namespace import SKOS, TIME, XSD

from graph.ingest.base import Issue
from graph.ingest.rdf_check_wording import MAX_SHARED_SHOWN, more_unshown
from graph.namespaces import CIRCLES, MAI, ORG

#: The properties of a time:Instant that give its date, and what an interval's ends become.
_INSTANT_DATES = (TIME.inXSDDate, TIME.inXSDDateTimeStamp, TIME.inXSDDateTime)
_ENDS = ((TIME.hasBeginning, MAI.joinedOn), (TIME.hasEnd, MAI.leftOn))
#: The date at the start of a date's or a timestamp's lexical form.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Memberships with an interval, each end it writes with its value (a literal, or an instant's date), and whether
#: the membership has its dates already.
_INTERVALS = (f"SELECT ?m ?interval ?edge ?value ?joined ?left WHERE {{ GRAPH <%(source)s> {{ "
              f"?m <{ORG.memberDuring}> ?interval "
              f"OPTIONAL {{ VALUES ?edge {{ <{TIME.hasBeginning}> <{TIME.hasEnd}> }} ?interval ?edge ?point "
              f"OPTIONAL {{ ?point {'|'.join(f'<{p}>' for p in _INSTANT_DATES)} ?inner }} "
              "BIND(IF(isLiteral(?point), ?point, ?inner) AS ?value) } "
              f"OPTIONAL {{ ?m <{MAI.joinedOn}> ?joined }} OPTIONAL {{ ?m <{MAI.leftOn}> ?left }} }} }}")
#: The dates that a graph's memberships without any get from their interval's end ``edge``, as ``date``: one update,
#: whatever the membership's node (the engine's loader named blank nodes afresh: a triple built in Python about one
#: would land on another node).
_MATERIALISE = (f"INSERT {{ GRAPH <%(source)s> {{ ?m <%(date)s> ?d }} }} WHERE {{ GRAPH <%(source)s> {{ "
                f"?m <{ORG.memberDuring}> ?interval . ?interval <%(edge)s> ?point "
                f"OPTIONAL {{ ?point {'|'.join(f'<{p}>' for p in _INSTANT_DATES)} ?inner }} "
                "FILTER NOT EXISTS { ?m <%(date)s> ?any } } "
                "BIND(IF(isLiteral(?point), ?point, ?inner) AS ?value) "
                f"BIND(<{XSD.date}>(SUBSTR(STR(?value), 1, 10)) AS ?d) FILTER(BOUND(?d)) }}")


def membership_periods(writer, source: URIRef, observed) -> list[Issue]:
    """Give the memberships of the file's graph ``source`` that have no ``mai:joinedOn`` (``mai:leftOn``) the
    beginning (end) of their ``org:memberDuring`` interval; an info that says how many, and a warning, at its line,
    for each interval in which no date can be read."""
    if not observed.states(str(ORG.memberDuring)):
        return []
    intervals: dict[tuple, dict] = {}
    for m, interval, edge, value, joined, left in writer.query(_INTERVALS % {"source": source}):
        ends = intervals.setdefault((m, interval), {"dated": {MAI.joinedOn: joined is not None,
                                                              MAI.leftOn: left is not None}, "dates": {}})
        if edge is not None:
            ends["dates"][edge] = ends["dates"].get(edge) or _date(value)  # an instant's readable date, if any
    given = {date: 0 for _, date in _ENDS}
    unread = []
    for (m, interval), ends in intervals.items():
        dates = ends["dates"]
        for edge, date in _ENDS:
            given[date] += dates.get(edge) is not None and not ends["dated"][date]
        if not dates or None in dates.values():
            unread.append(m)
    for edge, date in _ENDS:
        if given[date]:
            writer.update(_MATERIALISE % {"source": source, "date": date, "edge": edge})
    return _given_issue(given) + _unread_issues(unread, observed)


def _date(value) -> str | None:
    """The date that an interval's end gives (of a date, a timestamp, or an instant's), or None."""
    found = _DATE.match(str(value)) if value is not None else None
    try:
        return dt.date.fromisoformat(found.group(0)).isoformat() if found else None
    except ValueError:
        return None


def _given_issue(given: dict) -> list[Issue]:
    joined, left = given[MAI.joinedOn], given[MAI.leftOn]
    if not joined and not left:
        return []
    return [Issue("Info", f"org:memberDuring lu comme mai:joinedOn ({joined} adhésion{'s' if joined > 1 else ''}) et "
                          f"mai:leftOn ({left}), dates ajoutées au graphe du fichier, là où l'adhésion n'en "
                          "donnait pas",
                  f"org:memberDuring read as mai:joinedOn ({joined} membership{'s' if joined > 1 else ''}) and "
                  f"mai:leftOn ({left}), dates added to the file's graph where the membership gave none",
                  field="org:memberDuring")]


def _unread_issues(memberships: list, observed) -> list[Issue]:
    """A warning for each membership whose interval gives no date that can be read, at its line."""
    named = sorted(str(m) for m in memberships if isinstance(m, URIRef))
    blanks = len(memberships) - len(named)
    lines = observed.lines_of([(m, str(ORG.memberDuring), None) for m in named])
    who = [(f"adhésion <{m}>", f"membership <{m}>", line) for m, line in zip(named, lines)]
    if blanks:
        who.append((f"{blanks} adhésion{'s' if blanks > 1 else ''} sans IRI",
                    f"{blanks} membership{'s' if blanks > 1 else ''} without an IRI", None))
    return [Issue("warning", f"{fr} : période (org:memberDuring) sans date lisible — ni mai:joinedOn ni mai:leftOn "
                             "n'en sont tirés ; écrivez time:hasBeginning [ time:inXSDDate \"2024-01-15\"^^xsd:date ] "
                             "(et time:hasEnd de même), ou mai:joinedOn \"2024-01-15\"^^xsd:date",
                  f"{en}: period (org:memberDuring) without a readable date, neither mai:joinedOn nor mai:leftOn is "
                  "drawn from it; write time:hasBeginning [ time:inXSDDate \"2024-01-15\"^^xsd:date ] (and "
                  "time:hasEnd alike), or mai:joinedOn \"2024-01-15\"^^xsd:date", line=line, field="org:memberDuring")
            for fr, en, line in who]


#: The roles of the file's memberships that are no concept of the circles' scheme (in any graph).
_UNKNOWN_ROLES = (f"SELECT DISTINCT ?m ?role WHERE {{ GRAPH <%s> {{ ?m <{ORG.role}> ?role }} "
                  f"FILTER NOT EXISTS {{ ?role <{SKOS.inScheme}> <{CIRCLES}> }} }} ORDER BY ?role ?m")


def unknown_roles(query, source: URIRef, observed) -> list[Issue]:
    """A warning for each membership of the file whose ``org:role`` is not one of the PTCE's circles, at its line,
    naming the circles (IRI and label) and the one it likely stands for (by its last segment: ``…/id/circle/coeur``,
    the core circle). One query, for a file that states ``org:role``."""
    if not observed.states(str(ORG.role)):
        return []
    rows = [(str(m), role) for m, role in query(_UNKNOWN_ROLES % source)]
    lines = observed.lines_of([(m, str(ORG.role), str(role)) for m, role in rows[:MAX_SHARED_SHOWN]])
    known_fr = ", ".join(f"<{iri}> « {fr} »" for iri, fr, _ in _circles())
    known_en = ", ".join(f"<{iri}> '{en}'" for iri, _, en in _circles())
    issues = []
    for (m, role), line in zip(rows, lines):
        meant = _meant_circle(str(role))
        meant_fr, meant_en = (f" ; vouliez-vous dire <{meant}> ?", f"; did you mean <{meant}>?") if meant else ("", "")
        shown = f"<{role}>" if isinstance(role, URIRef) else f"« {role} »"
        issues.append(Issue("warning", f"adhésion <{m}> : org:role {shown} n'est pas un cercle du PTCE{meant_fr} — "
                                       f"il s'affiche sans nom ; cercles connus : {known_fr}",
                            f"membership <{m}>: org:role {shown} is not a circle of the PTCE{meant_en}, it shows "
                            f"without a name; known circles: {known_en}", line=line, field="org:role",
                            value=str(role)))
    return issues + more_unshown(len(rows) - MAX_SHARED_SHOWN,
                                 "adhésions dont le rôle (org:role) n'est pas un cercle du PTCE : {} autres",
                                 "memberships whose role (org:role) is not a circle of the PTCE: {} more", "org:role")


def _meant_circle(role: str) -> str | None:
    """The circle that an unknown role's IRI (or text) likely stands for, by its last segment, or None."""
    from graph.ingest.register_values import CIRCLE_NAMES, circle_concept, nearest

    segment = re.split(r"[/#]", role.rstrip("/#"))[-1]
    concept = circle_concept(segment) if segment else None
    if concept is None and segment and (near := nearest(segment, CIRCLE_NAMES)) is not None:
        concept = circle_concept(near)
    return str(concept) if concept is not None else None


@cache
def _circles() -> tuple[tuple[str, str, str], ...]:
    """The circles of the PTCE, each as (IRI, French label, English label), from the core outwards."""
    from graph.ontology import load_schemes

    graph = load_schemes()
    concepts = sorted(graph.subjects(SKOS.inScheme, CIRCLES), key=lambda c: str(graph.value(c, SKOS.notation)))

    def label(concept, language: str) -> str:
        return next((str(name) for name in graph.objects(concept, SKOS.prefLabel) if name.language == language),
                    str(concept))

    return tuple((str(c), label(c, "fr"), label(c, "en")) for c in concepts)
