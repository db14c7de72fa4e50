"""The goals page (``/goals``): for each strategic goal of the PTCEs, the grants and actors that serve it, with their
totals, what its actors received, its pole's former members among them and the roadmap actions that serve it; with
``?pole=``, one PTCE's goals. Apart from the funding page (webapp.funding), whose pole parameter and download names
it shares."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint
from rdflib import Literal, URIRef

from graph.namespaces import NOT_REPLACED, not_replaced
from webapp.cache import cached_select, cached_slice
from webapp.funding import name_page_downloads, page_pole
from webapp.grant_amounts import COUNTED_AMOUNT, LISTED_TWICE, NOT_LISTED_TWICE, any_listed_twice, descending
from webapp.i18n import get_lang
from webapp.page_data import Ref, Table, ref
from webapp.page_queries import read_whole
from webapp.rendering import render_page
from webapp.resource_names import collapse, grant_label, party_label
from webapp.resource_tables import former_members

bp = Blueprint("goals", __name__)

# Goals: their totals are one aggregate (kept per snapshot); their lists of grants and actors, capped, one query
# with a capped subquery per goal. Listing every grant made the page take 14 s at 10k actors (20k grants). What
# contributes to a goal is told a grant or an actor (a roadmap action is neither) by FILTER EXISTS on its type:
# joined with "a mai:Actor", the engine read every actor (1.1 s at 100k actors, against 0.16 s). A grant serves a
# goal when its source or a partner register says so (graph.ingest.register_links states the register's links).
# The goals with their ranks and names first, each once: a triple that several sources state (the register and the
# deliberation, two registers of one PTCE) matches once per graph in their union (five registers: 23,000 rows, 1 s).
#: The actors that serve the goal %GOAL%, bound to ?actor: the beneficiaries of its grants (but a replaced one:
#: its beneficiary served the goal through the act that a later one corrects) and the actors the register says serve
#: it. The goals' counts, their lists and what their actors received all read this one set.
_SERVING = """{ ?served mai:contributesTo %GOAL% FILTER EXISTS { ?served a mai:Grant } ?served mai:beneficiary ?actor
        %NOT_REPLACED_SERVED% }
      UNION { ?actor mai:contributesTo %GOAL% FILTER EXISTS { ?actor a mai:Actor } }""".replace(
    "%NOT_REPLACED_SERVED%", not_replaced("?served"))
_GOAL_TOTALS = """SELECT DISTINCT ?goal ?goalLabel ?rank ?pole ?poleLabel ?grants ?actors ?total ?received WHERE {
  { SELECT DISTINCT ?goal ?rank ?goalLabel WHERE {
      { SELECT DISTINCT ?goal ?rank WHERE { ?goal a mai:StrategicGoal OPTIONAL { ?goal skos:notation ?rank } } }
      OPTIONAL { ?goal skos:prefLabel ?goalLabel } } }
  OPTIONAL { ?pole mai:hasGoal ?goal OPTIONAL { ?pole rdfs:label ?poleLabel } }
  OPTIONAL { SELECT ?goal (COUNT(?grant) AS ?grants) (SUM(COALESCE(?amount, 0)) AS ?total) WHERE {
      { SELECT ?goal ?grant (MIN(?stated) AS ?amount) WHERE {
          ?grant mai:contributesTo ?goal FILTER EXISTS { ?grant a mai:Grant } %NOT_REPLACED%
          OPTIONAL { %AMOUNT% } } GROUP BY ?goal ?grant } } GROUP BY ?goal }
  OPTIONAL { SELECT ?goal (COUNT(DISTINCT ?actor) AS ?actors) WHERE { %SERVING% } GROUP BY ?goal }
  OPTIONAL { SELECT ?goal (SUM(?amount) AS ?received) WHERE {
      { SELECT ?goal ?grant (MIN(?stated) AS ?amount) WHERE {
          { SELECT DISTINCT ?actor ?goal WHERE { %SERVING% } }
          %RECEIVED% %NOT_REPLACED% } GROUP BY ?goal ?grant } } GROUP BY ?goal }
} ORDER BY ?poleLabel ?rank""".replace(
    # every grant's beneficiary, type and amount read whole, then joined with the actors that serve a goal: looked up
    # actor after actor, the whole query took 1.41–1.46 s at 100k actors, so 0.57–0.59 s
    "%RECEIVED%", read_whole("?grant mai:beneficiary ?actor", "?grant a mai:Grant", COUNTED_AMOUNT)
).replace("%SERVING%", _SERVING.replace("%GOAL%", "?goal")).replace(
    # a grants list's grant that a stored deliberation's text decides too counts once, as the text decides it
    "%NOT_REPLACED%", f"{NOT_REPLACED} {NOT_LISTED_TWICE}").replace("%AMOUNT%", COUNTED_AMOUNT)
#: How many of the actors that serve each goal are former members of its pole (bound to ?today, the day as text):
#: every membership of theirs in the pole has ended (left ?today or before), as webapp.resource_tables.former_members
#: tells them. The goals page counts them apart: « 3 (+1 ancien) », where a member who had left made « 4 ».
_GOAL_FORMER = """SELECT ?goal (COUNT(DISTINCT ?actor) AS ?former) WHERE {
  { SELECT DISTINCT ?actor ?goal WHERE { %SERVING% } }
  ?pole mai:hasGoal ?goal .
  ?membership org:member ?actor ; org:organization ?pole ; mai:leftOn ?left FILTER(STR(?left) <= ?today)
  FILTER EXISTS { ?membership a org:Membership }
  FILTER NOT EXISTS { ?kept org:member ?actor ; org:organization ?pole FILTER EXISTS { ?kept a org:Membership }
                      FILTER NOT EXISTS { ?kept mai:leftOn ?ended FILTER(STR(?ended) <= ?today) } }
} GROUP BY ?goal""".replace("%SERVING%", _SERVING.replace("%GOAL%", "?goal"))
#: The roadmap actions that serve each goal, with their titles: the goals page lists them (only each goal's own page
#: did). A register states a few per goal.
_GOAL_ACTIONS = """SELECT DISTINCT ?goal ?action ?title WHERE {
  ?action mai:contributesTo ?goal FILTER EXISTS { ?action a mai:RoadmapAction }
  OPTIONAL { ?action dcterms:title ?title } }"""
#: The grants %GRANTS% with the goal whose total or received amount would count them: the few read first, then joined
#: with the goals they serve or their beneficiary serves.
_GOALS_OF_GRANTS = """SELECT DISTINCT ?goal ?grant WHERE {
  %GRANTS% %NOT_REPLACED%
  { ?grant mai:contributesTo ?goal }
  UNION { ?grant mai:beneficiary ?actor { SELECT DISTINCT ?actor ?goal WHERE { %SERVING% } } }
  FILTER EXISTS { ?goal a mai:StrategicGoal } }""".replace("%SERVING%", _SERVING.replace("%GOAL%", "?goal"))
#: The grants that the goals' totals leave out, whose amount none counts (webapp.grant_amounts.COUNTED_AMOUNT): every
#: grant read whole, those with an amount counted taken apart, and those counted as a deliberation's text.
_GOALS_UNCOUNTED = _GOALS_OF_GRANTS.replace(
    "%GRANTS%", f"{read_whole('?grant a mai:Grant')} MINUS {{ {COUNTED_AMOUNT} }}").replace(
    "%NOT_REPLACED%", f"{NOT_REPLACED} {NOT_LISTED_TWICE}")
#: The grants of grants lists that the goals' totals count once, as the deliberation's text that decides them too
#: (webapp.grant_amounts.LISTED_TWICE): the page says how many, and its lists of grants leave them out.
_GOALS_LISTED_TWICE = _GOALS_OF_GRANTS.replace("%GRANTS%", LISTED_TWICE).replace("%NOT_REPLACED%", NOT_REPLACED)
#: One branch per goal, its IRI bound to ?goal<i> (the text is constant; values are bound, never formatted in): its
#: grants with their beneficiary and amount, and the actors that serve it, as beneficiaries or as members.
_GOAL_LISTS_BRANCH = """{ { SELECT DISTINCT ?grant WHERE { ?grant mai:contributesTo ?goal%I%
                                                  FILTER EXISTS { ?grant a mai:Grant } %NOT_REPLACED%
                                                  OPTIONAL { %AMOUNT% } }
      ORDER BY DESC(?stated) ?grant LIMIT %CAP% }
    BIND(?goal%I% AS ?goal)
    OPTIONAL { ?grant mai:beneficiary ?grantee OPTIONAL { ?grantee rdfs:label ?granteeLabel } }
    OPTIONAL { ?grant schema:amount ?amount } }
  UNION { { SELECT DISTINCT ?actor WHERE { %SERVING% } LIMIT %CAP% }
    BIND(?goal%I% AS ?goal) OPTIONAL { ?actor rdfs:label ?actorLabel } }""".replace(
    "%SERVING%", _SERVING.replace("%GOAL%", "?goal%I%")).replace("%NOT_REPLACED%", NOT_REPLACED).replace(
    "%AMOUNT%", COUNTED_AMOUNT)
#: Grants and actors listed under each goal before "n de plus" (the table above counts them all).
GOAL_LIST_CAP = 100
#: Goals given their lists (a roadmap has a handful); the others are in the table only.
MAX_LISTED_GOALS = 50


@bp.get("/goals")
@bp.get("/goals.json")
@bp.get("/goals.csv")
def goals():
    """Show, for each strategic goal, the actors and grants that serve it, with totals; ``?pole=``: one PTCE's."""
    pole = page_pole()  # a name that names no PTCE is a 400, as on /funding (it was left aside)
    found: dict[str, dict] = {}
    for row in collapse(cached_select(_GOAL_TOTALS, pin=True), ["goalLabel", "poleLabel"]):
        if pole is not None and row.get("pole") != pole:
            continue
        found.setdefault(str(row["goal"]), {
            "goal": ref(row["goal"], row.get("goalLabel")), "rank": row.get("rank"),
            "pole": ref(row.get("pole"), row.get("poleLabel")), "grants": [], "actors": [], "actions": [],
            "total": float(row["total"].toPython()) if row.get("total") is not None else 0.0,
            "grant_count": int(row["grants"]) if row.get("grants") is not None else 0,
            "actor_count": int(row["actors"]) if row.get("actors") is not None else 0,
            # What the actors that serve the goal received, all their grants, whatever they were for.
            "received": float(row["received"].toPython()) if row.get("received") is not None else 0.0})
    _goal_former_actors(found)
    listed_twice = {row["grant"] for row in (cached_select(_GOALS_LISTED_TWICE, pin=True) if any_listed_twice() else [])
                    if str(row["goal"]) in found}
    _goal_lists(found, {str(grant) for grant in listed_twice})
    _goal_actions(found)
    # ``actors``: those that serve the goal but its pole's former members, counted apart in ``former_actors`` (last)
    table = Table("goals", [("pole", "pole"), ("rank", "rank"), ("goal", "goal"), ("grants", "grants"),
                            ("actors", "actors"), ("total", "total"), ("received", "received"),
                            ("former_actors", "former_actors")],
                  links=("pole", "goal"))
    for goal in found.values():
        table.rows.append({"pole": goal["pole"], "rank": goal["rank"], "goal": goal["goal"],
                           "grants": goal["grant_count"], "actors": goal["actor_count"] - goal["former_count"],
                           "total": goal["total"], "received": goal["received"],
                           "former_actors": goal["former_count"]})
    uncounted = {row["grant"] for row in cached_select(_GOALS_UNCOUNTED, pin=True) if str(row["goal"]) in found}
    data = {"goals": table, "details": list(found.values()), "uncounted": len(uncounted),
            "listed_twice": len(listed_twice),
            "one_pole": one_pole(found.values())}
    name_page_downloads(data, pole, None)  # « objectifs.csv » on a French page, as the funding page names its own
    return render_page("goals.html", data)


def one_pole(goals) -> Ref | None:
    """The pole of all ``goals`` when they are one PTCE's, which the goals page then names once above its table
    rather than on each row and card (« PTCE santé DanaeCare » on every row, a column that pushed the totals off a
    phone's screen); else None. The table's CSV and JSON keep the column.

    >>> one_pole([{"pole": Ref("https://example.org/p", "P")}] * 2)
    Ref(iri='https://example.org/p', label='P')
    """
    poles = {goal["pole"] for goal in goals}
    return poles.pop() if len(poles) == 1 else None


def _goal_former_actors(found: dict[str, dict]) -> None:
    """Fill each goal's ``former_count``: how many of the actors that serve it are former members of its pole
    (:data:`_GOAL_FORMER`), on today's date, which the kept answers are valid for (webapp.cache)."""
    for goal in found.values():
        goal["former_count"] = 0
    today = Literal(dt.date.today().isoformat())
    for row in cached_select(_GOAL_FORMER, pin=True, today=today):
        if (goal := found.get(str(row["goal"]))) is not None:
            goal["former_count"] = int(row["former"])


def _goal_actions(found: dict[str, dict]) -> None:
    """Fill each goal's ``actions``: the roadmap actions that serve it, by their titles."""
    for row in collapse(cached_select(_GOAL_ACTIONS, pin=True), ["title"]):
        if (goal := found.get(str(row["goal"]))) is not None:
            goal["actions"].append(ref(row["action"], row.get("title")))
    for goal in found.values():
        goal["actions"].sort(key=lambda action: action.label)


def _goal_lists(found: dict[str, dict], listed_twice: set[str]) -> None:
    """Fill each goal's ``grants`` and ``actors`` (GOAL_LIST_CAP at most) and say how many more there are; the grants
    but those of ``listed_twice`` (IRIs), which the totals count as the deliberation's text that decides them."""
    goals = tuple(found)[:MAX_LISTED_GOALS]
    if not goals:
        return
    rows, _ = cached_slice(("goal lists", goals, get_lang()), lambda: _listed_under(goals), 0, None,
                           max_rows=MAX_LISTED_GOALS * GOAL_LIST_CAP * 2, pin=True)
    for row in rows:
        if row["list"] != "grants" or row["iri"] not in listed_twice:
            found[row["goal"]][row["list"]].append(Ref(row["iri"], row["label"]))
    # a beneficiary that a source wrote as a text has no IRI, nor any membership
    listed = tuple(sorted({a.iri for goal in found.values() for a in goal["actors"] if a.iri is not None}))
    rows, _ = cached_slice(("former members", listed),
                           lambda: [{"actor": a, "pole": p} for a, p in sorted(former_members(listed))], 0, None,
                           pin=True)
    former = {(row["actor"], row["pole"]) for row in rows}
    for goal in found.values():
        pole = goal["pole"].iri if goal["pole"] is not None else None
        goal["former_actors"] = [a.iri for a in goal["actors"] if (a.iri, pole) in former]
        goal["actors"].sort(key=lambda a: a.iri in goal["former_actors"])  # today's members first
        goal["more_grants"] = max(goal["grant_count"] - len(goal["grants"]), 0)
        goal["more_actors"] = max(goal["actor_count"] - len(goal["actors"]), 0)


def _listed_under(goals: tuple[str, ...]) -> list[dict]:
    """The grants and actors listed under each of ``goals``, named in the interface's language: rows of goal, list
    ("grants" or "actors"), IRI and label. Kept per published state and language by the caller: naming them on each
    request (the query's kept rows merged by label, each grant's name written) took the goals page 0.1 s of its
    0.12–0.22 s at 100k actors."""
    branches = " UNION ".join(_GOAL_LISTS_BRANCH.replace("%I%", str(i)) for i in range(len(goals)))
    query = ("SELECT ?goal ?grant ?grantee ?granteeLabel ?amount ?actor ?actorLabel WHERE { " + branches
             + " }").replace("%CAP%", str(GOAL_LIST_CAP))
    # The rows kept too, for the other language: each listed actor may come with a label from each source.
    rows = cached_select(query, max_rows=MAX_LISTED_GOALS * GOAL_LIST_CAP * 2 * 4, pin=True,
                         **{f"goal{i}": URIRef(iri) for i, iri in enumerate(goals)})
    listed = []
    # the biggest grants first, as the query chose them (it listed any hundred of a goal's grants, in any order)
    collapsed = sorted(collapse(rows, ["actorLabel", "granteeLabel"]),  # an actor may be named by each of its sources
                       key=lambda row: (descending(row.get("amount")), str(row.get("grant") or "")))
    for row in collapsed:
        if row.get("grant") is not None:
            listed.append({"goal": str(row["goal"]), "list": "grants", "iri": str(row["grant"]),
                           "label": grant_label(row.get("amount"), party_label(row.get("grantee"),
                                                                               row.get("granteeLabel")))})
        if row.get("actor") is not None:
            actor = ref(row["actor"], row.get("actorLabel"))
            listed.append({"goal": str(row["goal"]), "list": "actors", "iri": actor.iri, "label": actor.label})
    return listed
