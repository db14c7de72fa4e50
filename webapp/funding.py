"""Funding and goals: who funds whom, totals by funder, beneficiary, year and theme (tables and an SVG chart);
for each strategic goal, the actors and grants that serve it, with totals."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from urllib.parse import urlencode

from flask import Blueprint, request
from rdflib import Literal, URIRef

from graph.namespaces import MAI, NOT_REPLACED, SCHEMA, not_replaced
from webapp.api_parameters import check_known, integer_arg
from webapp.budget_accounts import BY_ACCOUNT, by_account_table
from webapp.funding_grants import listed_grants
from webapp.funding_refused import beneficiary_ref, refused_rows
from webapp.i18n import get_lang, t
from webapp.cache import cached_select, cached_slice
from webapp.links import site_path
from webapp.named_queries import Parameter
from webapp.query_parameters import resolve_name
from webapp.resource_tables import former_members, membership_status
from webapp.errors import ApiError
from webapp.funding_chart import bar_chart
from webapp.grant_amounts import COUNTED_AMOUNT, descending
from webapp.page_data import Ref, Table, ref
from webapp.page_queries import read_whole, select
from webapp.rendering import name_downloads, render_page, shown_rows
from webapp.scdl_download import export_status
from webapp.resource_paging import page_url
from webapp.resource_names import collapse, grant_label, labels_of, named_columns, party_label, pick_label

bp = Blueprint("funding", __name__)

#: The parameters of /funding and its twins: any other is a 400 that names it (``annee=2024`` was ignored in silence,
#: and the page showed every year's totals as if they were 2024's).
FUNDING_PARAMETERS = ("pole", "year", "page", "format", "table", "excel")
#: The fiscal years ``year`` takes.
YEARS = (1000, 9999)


#: Aggregates run in the engine, top rows only, and are kept per published snapshot (webapp.cache): at 10k actors
#: each takes about a second, and they change only when a writer publishes. Each grant is counted once (a triple
#: that two sources state appears twice in the union of their graphs: joined with an actor's label stated by an
#: RNA extract and a grants list, a grant counted twice), and labels are read for the top rows only, after the
#: grouping (the flows at 100k actors: half the time). Equal totals are ordered by IRI: the first 100 are the same on
#: every request.
#: The labels are not sampled here: any one of an actor's labels (its English one on a French page) was shown; they
#: are chosen afterwards in the page's language (:func:`webapp.resource_names.named_columns`).
_FLOWS = """SELECT ?funder ?beneficiary (COUNT(?grant) AS ?grants) (SUM(?amount) AS ?total) WHERE {
  { SELECT ?grant (MIN(?stated) AS ?amount) ?funder ?beneficiary WHERE { %FLOW_GRANTS% }
    GROUP BY ?grant ?funder ?beneficiary }
} GROUP BY ?funder ?beneficiary ORDER BY DESC(?total) ?funder ?beneficiary LIMIT %TOP%"""
#: The rows the funding page lists of its flows, funders and beneficiaries: those of the largest totals.
TOP = 100
#: How many funder–beneficiary pairs and actors of a role there are: the lists above show the first TOP, and say
#: how many more (a table downloaded as CSV gives them all: webapp.rendering.shown_rows).
_COUNT_FLOWS = """SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?funder ?beneficiary WHERE { %FLOW_GRANTS% } }"""
_COUNT_ROLE = """SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?actor WHERE { %ROLE_GRANTS% } }"""
#: How many grants the totals leave out, whose amount none counts (webapp.grant_amounts.COUNTED_AMOUNT): the page
#: says so.
_COUNT_UNCOUNTED = """SELECT (COUNT(DISTINCT ?grant) AS ?n) WHERE { %UNCOUNTED_GRANTS% }"""
_BY_ROLE = """SELECT ?actor (COUNT(?grant) AS ?grants) (SUM(?amount) AS ?total) WHERE {
  { SELECT ?grant (MIN(?stated) AS ?amount) ?actor WHERE { %ROLE_GRANTS% } GROUP BY ?grant ?actor }
} GROUP BY ?actor ORDER BY DESC(?total) ?actor LIMIT %TOP%"""
_BY_YEAR = """SELECT ?year (COUNT(?grant) AS ?grants) (SUM(?amount) AS ?total) WHERE {
  { SELECT ?grant (MIN(?stated) AS ?amount) ?year WHERE { %YEAR_GRANTS% } GROUP BY ?grant ?year }
} GROUP BY ?year ORDER BY DESC(?year)"""
_BY_THEME = """SELECT ?theme ?themeLabel (COUNT(DISTINCT ?grant) AS ?grants) (SUM(?amount) AS ?total) WHERE {
  { SELECT ?grant ?theme (MIN(?stated) AS ?amount) WHERE { %THEME_GRANTS% } GROUP BY ?grant ?theme }
  OPTIONAL { ?theme skos:prefLabel ?themeLabel }
} GROUP BY ?theme ?themeLabel ORDER BY DESC(?total)"""
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
).replace("%SERVING%", _SERVING.replace("%GOAL%", "?goal")).replace("%NOT_REPLACED%", NOT_REPLACED).replace(
    "%AMOUNT%", COUNTED_AMOUNT)
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
#: The grants that the goals' totals leave out, whose amount none counts (webapp.grant_amounts.COUNTED_AMOUNT), with
#: the goal whose total or received amount would have counted them: the few read first (every grant read whole, those
#: with an amount counted taken apart), then joined with the goals they serve or their beneficiary serves.
_GOALS_UNCOUNTED = """SELECT DISTINCT ?goal ?grant WHERE {
  %UNCOUNTED% %NOT_REPLACED%
  { ?grant mai:contributesTo ?goal }
  UNION { ?grant mai:beneficiary ?actor { SELECT DISTINCT ?actor ?goal WHERE { %SERVING% } } }
  FILTER EXISTS { ?goal a mai:StrategicGoal } }""".replace(
    "%UNCOUNTED%", f"{read_whole('?grant a mai:Grant')} MINUS {{ {COUNTED_AMOUNT} }}").replace(
    "%SERVING%", _SERVING.replace("%GOAL%", "?goal")).replace("%NOT_REPLACED%", NOT_REPLACED)
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
#: A pole's funding (``?pole=``): the grants whose beneficiary is a member of the pole, today's or a former one, as
#: its memberships say. One group of patterns with the grant's, which the engine starts from the pole (bound): the
#: pole's memberships, then their members' grants. As a sub-select, the members were joined to every grant of the
#: store (200,000 grants: 2.3 s, as long as every pole's flows). Repeated rows (a member of several circles, a
#: membership that two registers state) are removed by the DISTINCT of each query's innermost select.
_POLE_MEMBERS = """?membership org:organization ?pole ; a org:Membership ; org:member ?beneficiary .
    ?grant mai:beneficiary ?beneficiary ."""
#: The pole's members with the dates of each membership, to tell today's members from former ones.
_POLE_MEMBERSHIPS = """SELECT DISTINCT ?member ?membership ?joined ?left WHERE {
  { SELECT DISTINCT ?member ?membership WHERE {
      ?membership org:organization ?pole ; org:member ?member FILTER EXISTS { ?membership a org:Membership } } }
  OPTIONAL { ?membership mai:joinedOn ?joined } OPTIONAL { ?membership mai:leftOn ?left } }"""
#: What the pole's members received in all: each grant once, whatever the sources that state it.
_POLE_TOTALS = """SELECT (COUNT(?grant) AS ?grants) (SUM(?amount) AS ?total) WHERE {
  { SELECT ?grant (MIN(?stated) AS ?amount) WHERE { %POLE% ?grant a mai:Grant . %AMOUNT% %YEAR% %NOT_REPLACED% }
    GROUP BY ?grant } }
""".replace("%NOT_REPLACED%", NOT_REPLACED).replace("%AMOUNT%", COUNTED_AMOUNT)
_IS_POLE = "SELECT ?pole WHERE { ?pole a mai:Cooperation } LIMIT 1"
#: The pole parameter: a PTCE's IRI, or its name as the named queries take it (``webapp.query_parameters``).
POLE_PARAMETER = Parameter("pole", "iri", "PTCE (nom ou IRI)", "PTCE (name or IRI)", optional=True,
                           values=("a", str(MAI.Cooperation)))
#: Where the whole of each capped list is: the named query that gives every row.
MORE_URLS = {"flows": "/queries/flux-de-financement?run=1", "by_funder": "/queries/totaux-par-financeur?run=1",
             "by_beneficiary": "/queries/totaux-par-beneficiaire?run=1"}
#: Grants and actors listed under each goal before "n de plus" (the table above counts them all).
GOAL_LIST_CAP = 100
#: Goals given their lists (a roadmap has a handful); the others are in the table only.
MAX_LISTED_GOALS = 50


#: A grant's themes: its beneficiary's, and those that its own purpose states (an SCDL row's objet,
#: :meth:`graph.ingest.scdl_grant_description.GrantDescription.describe_themes`), looked up for a pole's grants
#: (their beneficiary bound), read whole for every grant's.
_POLE_GRANT_THEMES = "{ ?beneficiary dcterms:subject ?theme } UNION { ?grant dcterms:subject ?theme }"
_GRANT_THEMES = ("{ " + read_whole("?grant mai:beneficiary ?beneficiary", "?beneficiary dcterms:subject ?theme")
                 + " } UNION { ?grant dcterms:subject ?theme }")
#: The grants that the aggregates read, with their amount and parties, year or themes: a pole's
#: (looked up from its members' memberships), or every grant — each property then read whole and joined. Looked up
#: grant after grant, the 22,029 grants of 100k actors took the engine 1.09–1.26 s for the flows, 0.85–0.89 s for
#: their count, 0.63–0.70 s for the years, 1.16–1.25 s for the totals of a role, 0.65–0.66 s for their count and
#: 1.23–1.32 s for the themes; read whole, 0.24–0.26, 0.15, 0.11–0.12, 0.60–0.61, 0.10–0.11 and 0.15–0.19 s.
_GRANTS_READ = {
    "%FLOW_GRANTS%": (
        f"%POLE% ?grant a mai:Grant ; schema:funder ?funder ; mai:beneficiary ?beneficiary . {COUNTED_AMOUNT}",
        read_whole("?grant a mai:Grant", COUNTED_AMOUNT, "?grant schema:funder ?funder",
               "?grant mai:beneficiary ?beneficiary")),
    "%YEAR_GRANTS%": (
        f"%POLE% ?grant a mai:Grant . {COUNTED_AMOUNT} OPTIONAL {{ ?grant mai:fiscalYear ?year }}",
        read_whole("?grant a mai:Grant", COUNTED_AMOUNT)
        + f" OPTIONAL {{ {read_whole('?grant mai:fiscalYear ?year')} }}"),
    "%ROLE_GRANTS%": (  # ?role: bound, written into the text (graph.bindings), sub-selects included
        f"%POLE% ?grant a mai:Grant ; ?role ?actor . {COUNTED_AMOUNT}",
        read_whole("?grant a mai:Grant", COUNTED_AMOUNT, "?grant ?role ?actor")),
    "%THEME_GRANTS%": (
        f"%POLE% ?grant a mai:Grant ; mai:beneficiary ?beneficiary . {COUNTED_AMOUNT} {_POLE_GRANT_THEMES}",
        read_whole("?grant a mai:Grant", COUNTED_AMOUNT, _GRANT_THEMES)),
    "%ACCOUNT_GRANTS%": (
        f"%POLE% ?grant a mai:Grant . {COUNTED_AMOUNT} OPTIONAL {{ ?grant mai:budgetNature ?nature }}",
        read_whole("?grant a mai:Grant", COUNTED_AMOUNT)
        + f" OPTIONAL {{ {read_whole('?grant mai:budgetNature ?nature')} }}"),
    # every grant (read whole) but those with an amount that the sums count: the few that they leave out
    "%UNCOUNTED_GRANTS%": (f"%POLE% ?grant a mai:Grant . FILTER NOT EXISTS {{ {COUNTED_AMOUNT} }}",
                           f"{read_whole('?grant a mai:Grant')} MINUS {{ {COUNTED_AMOUNT} }}"),
}


#: The grants of one fiscal year (``?year=``, bound to ?fiscalYear), joined to the grants read: looked up for a pole's
#: grants, read whole (the year's, an index's range) for every grant's.
_OF_YEAR = "?grant mai:fiscalYear ?fiscalYear ."


def _for_pole(sparql: str, pole: URIRef | None, year: int | None = None) -> str:
    """``sparql`` narrowed to the grants of ``pole``'s members (bound to ``?pole``), or to every grant, and to those
    of ``year`` when given (bound to ``?fiscalYear``); a grant that a later act replaces left out."""
    # after a pattern that may end with its last triple (no dot): a dot first
    of_year = "" if year is None else f". {_OF_YEAR}" if pole is not None else read_whole(_OF_YEAR)
    for placeholder, (of_pole, of_all) in _GRANTS_READ.items():
        sparql = sparql.replace(placeholder, " ".join((of_pole if pole is not None else of_all, of_year,
                                                       NOT_REPLACED)))
    return sparql.replace("%POLE%", _POLE_MEMBERS if pole is not None else "").replace("%YEAR%", of_year)


def _by_role(role, name: str, key: str, pole: URIRef | None = None, year: int | None = None) -> Table:
    table = Table(name, [(key, key), ("grants", "grants"), ("total", "total")], links=(key,))
    top = shown_rows(TOP, name)
    overview = pole is None and year is None
    rows = cached_select(_for_pole(_BY_ROLE, pole, year).replace("%TOP%", str(top)), pin=overview and top == TOP,
                         role=role, pole=pole, fiscalYear=year)
    for row in named_columns(rows, {"actor": "label"}):
        table.rows.append({key: ref(row["actor"], row.get("label")), "grants": int(row["grants"]),
                           "total": float(row["total"].toPython())})
    table.more = _count(_for_pole(_COUNT_ROLE, pole, year), pin=overview, role=role, pole=pole,
                        fiscalYear=year) - len(table.rows)
    # the named queries list every pole's and year's grants
    table.more_url = site_path(MORE_URLS[name]) if overview else None
    return table


def _count(sparql: str, pin: bool = False, **bindings) -> int:
    rows = cached_select(sparql, pin=pin, **bindings)
    return int(rows[0]["n"]) if rows else 0


@bp.get("/funding")
@bp.get("/funding.json")
@bp.get("/funding.csv")
def funding():
    """Show who funds whom, with totals by funder, beneficiary, year, theme and budget account; with ``?pole=``,
    for the pole's members only; with ``?year=``, for that fiscal year only; with either, the list of their grants and
    deliberations (``?page=``)."""
    check_known(FUNDING_PARAMETERS)
    pole, year = _pole_arg(), integer_arg("year", None, *YEARS)
    narrowed = {"pole": pole, "fiscalYear": year}
    pin = pole is None and year is None  # the overview's aggregates, kept until the next publish (webapp.cache)
    flows = Table("flows", [("funder", "funder"), ("beneficiary", "beneficiary"), ("grants", "grants"),
                            ("total", "total")], links=("funder", "beneficiary"))
    top = shown_rows(TOP, "flows")
    rows = cached_select(_for_pole(_FLOWS, pole, year).replace("%TOP%", str(top)), pin=pin and top == TOP, **narrowed)
    for row in named_columns(rows, {"funder": "funderLabel", "beneficiary": "beneficiaryLabel"}):
        flows.rows.append({"funder": ref(row["funder"], row.get("funderLabel")),
                           "beneficiary": beneficiary_ref(row),
                           "grants": int(row["grants"]), "total": float(row["total"].toPython())})
    flows.more = _count(_for_pole(_COUNT_FLOWS, pole, year), pin=pin, **narrowed) - len(flows.rows)
    flows.more_url = site_path(MORE_URLS["flows"]) if pin else None
    by_year = Table("by_year", [("year", "year"), ("grants", "grants"), ("total", "total")],
                    blanks={"year": t("unknown_year")})
    for row in cached_select(_for_pole(_BY_YEAR, pole, year), pin=pin, **narrowed):
        by_year.rows.append({"year": int(row["year"].toPython()) if row.get("year") is not None else None,
                             "grants": int(row["grants"]), "total": float(row["total"].toPython())})
    by_theme = Table("by_theme", [("theme", "theme"), ("grants", "grants"), ("total", "total")], links=("theme",))
    for row in collapse(cached_select(_for_pole(_BY_THEME, pole, year), pin=pin, **narrowed), ["themeLabel"]):
        by_theme.rows.append({"theme": ref(row["theme"], row.get("themeLabel")), "grants": int(row["grants"]),
                              "total": float(row["total"].toPython())})
    by_account = by_account_table(collapse(cached_select(_for_pole(BY_ACCOUNT, pole, year), pin=pin, **narrowed),
                                           ["accountLabel"]))
    uncounted = _count(_for_pole(_COUNT_UNCOUNTED, pole, year), pin=pin, **narrowed)
    data = {"year": year, "flows": flows, "by_funder": _by_role(SCHEMA.funder, "by_funder", "funder", pole, year),
            "by_beneficiary": _by_role(MAI.beneficiary, "by_beneficiary", "beneficiary", pole, year),
            "by_year": by_year, "by_theme": by_theme, "by_account": by_account, "uncounted": uncounted}
    if pole is None and year is None:  # a refused row has no year, nor a pole's member as its beneficiary
        data["not_imported"] = refused_rows()
        data["scdl_export"] = export_status()
    # the selection's grants: those the years count, and those no total counts
    listed = listed_grants(pole, year, sum(row["grants"] for row in by_year.rows) + uncounted)
    if listed is not None:
        data["grants"], data["grants_page"] = listed
    if pole is not None:
        data["pole"] = _pole_summary(pole, [data["flows"], data["by_beneficiary"]], year)
    _name_downloads(data, pole, year)
    return render_page("funding.html", data, chart=bar_chart(by_year, "year", t("chart_by_year")),
                       year_links=[(row["year"], _funding_url(row["year"])) for row in by_year.rows
                                   if row["year"] is not None],
                       year_links_all=_funding_url(None), page_link=page_url)


def _name_downloads(data: dict, pole: URIRef | None, year: int | None) -> None:
    """Name each table's download after what it holds, in the page's language, and the filters: the pole (its IRI's
    last segment) and the year (« subventions-2018.csv », « par-financeur-ptce-sante-2018.csv »); every download was
    ``grants.csv`` or ``by_funder.csv`` whatever the year and the page's language."""
    pole_key = str(pole).rstrip("/").rsplit("/", 1)[-1] if pole is not None else None
    name_downloads(data, pole_key, year)


def _funding_url(year: int | None) -> str:
    """This page's URL narrowed to ``year`` (every year for None), the pole and language kept, the list's page not."""
    kept = {k: v for k, v in request.args.items() if k in ("pole", "lang")}
    if year is not None:
        kept["year"] = year
    return site_path("/funding" + ("?" + urlencode(kept) if kept else ""))


def _pole_arg() -> URIRef | None:
    """The pole of ``?pole=``: its IRI, or the IRI of the PTCE it names; raises ApiError (400) for a name that
    names none, or several (listed)."""
    from webapp.queries_pages import web_lookup

    raw = (request.args.get("pole") or "").strip()
    if not raw:
        return None
    pole = POLE_PARAMETER.bind(resolve_name(POLE_PARAMETER, raw, web_lookup()))
    if not select(_IS_POLE, pole=pole):
        raise ApiError(f"« pole » : <{pole}> n'est pas un PTCE (mai:Cooperation) ; donnez le nom ou l'IRI d'un PTCE",
                       f"'pole': <{pole}> is no PTCE (mai:Cooperation); give the name or IRI of a PTCE",
                       code="bad-parameter")
    return pole


def _pole_summary(pole: URIRef, tables: list[Table], year: int | None = None) -> dict:
    """The pole, its members today and former ones, and what they received in all (in ``year``, when given); the
    beneficiaries of ``tables`` each told a member (``membership``: current, future or former)."""
    statuses: dict[str, set[str]] = defaultdict(set)
    for row in cached_select(_POLE_MEMBERSHIPS, pole=pole):
        statuses[str(row["member"])].add(membership_status(row.get("joined"), row.get("left")))
    status = {member: next(s for s in ("current", "future", "former") if s in found)
              for member, found in statuses.items()}
    for table in tables:
        table.columns.append(("membership", "membership"))
        for row in table.rows:
            row["membership"] = t(f"membership_{status.get(row['beneficiary'].iri, 'former')}")
    totals = cached_select(_for_pole(_POLE_TOTALS, pole, year), pole=pole, fiscalYear=year)
    total = totals[0].get("total") if totals else None
    labels = labels_of({pole})
    return {"pole": ref(pole, pick_label(labels.get(pole, ()))),
            # today's members, as the pole's page counts them (one who joins next year is none yet)
            "members": sum(1 for s in status.values() if s == "current"),
            "former_members": sum(1 for s in status.values() if s == "former"),
            "future_members": sum(1 for s in status.values() if s == "future"),
            "grants": int(totals[0]["grants"]) if totals else 0,
            "total": float(total.toPython()) if total is not None else 0.0}


@bp.get("/goals")
@bp.get("/goals.json")
@bp.get("/goals.csv")
def goals():
    """Show, for each strategic goal, the actors and grants that serve it, with totals; ``?pole=``: one PTCE's."""
    pole = _pole_arg()  # a name that names no PTCE is a 400, as on /funding (it was left aside)
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
    _goal_lists(found)
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
            "one_pole": one_pole(found.values())}
    _name_downloads(data, pole, None)  # « objectifs.csv » on a French page, as the funding page names its own
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


def _goal_lists(found: dict[str, dict]) -> None:
    """Fill each goal's ``grants`` and ``actors`` (GOAL_LIST_CAP at most) and say how many more there are."""
    goals = tuple(found)[:MAX_LISTED_GOALS]
    if not goals:
        return
    rows, _ = cached_slice(("goal lists", goals, get_lang()), lambda: _listed_under(goals), 0, None,
                           max_rows=MAX_LISTED_GOALS * GOAL_LIST_CAP * 2, pin=True)
    for row in rows:
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
