"""Funding: who funds whom, totals by funder, beneficiary, year, theme and budget account (tables and an SVG chart),
for every grant, a pole's members' or a year's; the goals page (webapp.goals) shares its pole parameter."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlencode

from flask import Blueprint, request
from rdflib import URIRef

from graph.namespaces import MAI, NOT_REPLACED, SCHEMA
from webapp.api_parameters import check_known, integer_arg
from webapp.budget_accounts import BY_ACCOUNT, by_account_table
from webapp.funding_grants import listed_grants
from webapp.funding_refused import beneficiary_ref, refused_rows
from webapp.i18n import t
from webapp.cache import cached_select
from webapp.links import site_path
from webapp.named_queries import Parameter
from webapp.query_parameters import resolve_name
from webapp.resource_memberships import membership_status
from webapp.errors import ApiError
from webapp.funding_chart import bar_chart
from webapp.grant_amounts import COUNTED_AMOUNT, LISTED_TWICE, NOT_LISTED_TWICE
from webapp.page_data import Table, ref
from webapp.page_queries import read_whole, select
from webapp.rendering import name_downloads, render_page, shown_rows
from webapp.scdl_download import export_status
from webapp.resource_paging import page_url
from webapp.resource_names import collapse, labels_of, named_columns, pick_label

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
#: How many grants of grants lists the totals count once, as the deliberation's text that decides them too
#: (webapp.grant_amounts.LISTED_TWICE): the page says so. Those few, narrowed to the selection's (%YEAR% begins with a
#: dot when a pole is given); joined with every grant's type, they took the engine twice as long at 100k actors.
_COUNT_LISTED_TWICE = f"""SELECT (COUNT(DISTINCT ?grant) AS ?n) WHERE {{
  %POLE% {LISTED_TWICE} %YEAR% {NOT_REPLACED} }}"""
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
""".replace("%NOT_REPLACED%", f"{NOT_REPLACED} {NOT_LISTED_TWICE}").replace("%AMOUNT%", COUNTED_AMOUNT)
_IS_POLE = "SELECT ?pole WHERE { ?pole a mai:Cooperation } LIMIT 1"
#: The pole parameter: a PTCE's IRI, or its name as the named queries take it (``webapp.query_parameters``).
POLE_PARAMETER = Parameter("pole", "iri", "PTCE (nom ou IRI)", "PTCE (name or IRI)", optional=True,
                           values=("a", str(MAI.Cooperation)))
#: Where the whole of each capped list is: the named query that gives every row.
MORE_URLS = {"flows": "/queries/flux-de-financement?run=1", "by_funder": "/queries/totaux-par-financeur?run=1",
             "by_beneficiary": "/queries/totaux-par-beneficiaire?run=1"}


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
    of ``year`` when given (bound to ``?fiscalYear``); a grant that a later act replaces left out, and a grants
    list's grant that a stored deliberation's text decides (counted as the text decides it)."""
    # after a pattern that may end with its last triple (no dot): a dot first
    of_year = "" if year is None else f". {_OF_YEAR}" if pole is not None else read_whole(_OF_YEAR)
    for placeholder, (of_pole, of_all) in _GRANTS_READ.items():
        sparql = sparql.replace(placeholder, " ".join((of_pole if pole is not None else of_all, of_year,
                                                       NOT_REPLACED, NOT_LISTED_TWICE)))
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
    pole, year = page_pole(), integer_arg("year", None, *YEARS)
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
            "by_year": by_year, "by_theme": by_theme, "by_account": by_account, "uncounted": uncounted,
            "listed_twice": _count(_for_pole(_COUNT_LISTED_TWICE, pole, year), pin=pin, **narrowed)}
    if pole is None and year is None:  # a refused row has no year, nor a pole's member as its beneficiary
        data["not_imported"] = refused_rows()
        data["scdl_export"] = export_status()
    # the selection's grants: those the years count, and those no total counts
    listed = listed_grants(pole, year, sum(row["grants"] for row in by_year.rows) + uncounted)
    if listed is not None:
        data["grants"], data["grants_page"] = listed
    if pole is not None:
        data["pole"] = _pole_summary(pole, [data["flows"], data["by_beneficiary"]], year)
    name_page_downloads(data, pole, year)
    return render_page("funding.html", data, chart=bar_chart(by_year, "year", t("chart_by_year")),
                       year_links=[(row["year"], _funding_url(row["year"])) for row in by_year.rows
                                   if row["year"] is not None],
                       year_links_all=_funding_url(None), page_link=page_url)


def name_page_downloads(data: dict, pole: URIRef | None, year: int | None) -> None:
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


def page_pole() -> URIRef | None:
    """The pole of ``?pole=`` (the funding and goals pages): its IRI, or the IRI of the PTCE it names; raises
    ApiError (400) for a name that names none, or several (listed)."""
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
