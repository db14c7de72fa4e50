"""The home page: counts by kind, the PTCE with its goals and circles, the latest grants, a search box.

Its queries aggregate every grant: their rows are kept per published snapshot (:mod:`webapp.cache`)."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from webapp.cache import cached_select
from webapp.grant_amounts import EVERY_GRANT_YEAR_AMOUNT
from webapp.i18n import t
from webapp.labels import term_label
from webapp.links import site_path
from webapp.page_data import Table, in_language, ref
from webapp.page_queries import read_whole
from webapp.rendering import render_page
from webapp.resource_names import collapse, grant_label, party_label

bp = Blueprint("home", __name__)

#: The resources of each kind; the sources counted are the user's files: Maillage's own vocabularies (themes.ttl,
#: m57.ttl…, stored as sources of the kind "vocabulary") made a coordinator's 6 files a count of 13.
_COUNTS = """SELECT ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES ?kind { mai:Actor mai:Association mai:PublicAuthority mai:Enterprise mai:University mai:HealthProfessional
                 mai:UserGroup mai:Cooperation mai:Grant mai:Deliberation mai:Session mai:StrategicGoal mai:Source
                 foaf:Person }
  ?x a ?kind
  FILTER(?kind != mai:Source || NOT EXISTS { ?x dcterms:type "vocabulary" })
} GROUP BY ?kind ORDER BY DESC(?n)"""
#: The poles the home page shows at most.
MAX_POLES = 20
#: The poles first, then what the page shows of them: a pole that several sources describe has rows for each of
#: their labels and goals' labels, and a LIMIT on those rows hid the poles that sort after it. The pole's names and
#: coordinator, then its goals with their ranks and names, each made distinct apart: a triple that several sources
#: state (the register and the deliberation, two registers of one PTCE) matches once per graph in their union, and
#: joined together they multiplied (five registers: 140,000 rows, 10 s, for one pole of 3 goals).
_COOPERATIONS = """SELECT DISTINCT ?coop ?label ?coordinator ?coordinatorLabel ?goal ?goalLabel ?rank WHERE {
  { SELECT DISTINCT ?coop ?label ?coordinator ?coordinatorLabel WHERE {
      { SELECT DISTINCT ?coop WHERE { ?coop a mai:Cooperation } ORDER BY ?coop LIMIT %MAX% }
      OPTIONAL { ?coop rdfs:label ?label }
      OPTIONAL { ?coop mai:coordinatedBy ?coordinator OPTIONAL { ?coordinator rdfs:label ?coordinatorLabel } } } }
  OPTIONAL { SELECT DISTINCT ?coop ?goal ?goalLabel ?rank WHERE {
      { SELECT DISTINCT ?coop ?goal ?rank WHERE {
          ?coop a mai:Cooperation ; mai:hasGoal ?goal OPTIONAL { ?goal skos:notation ?rank } } }
      OPTIONAL { ?goal skos:prefLabel ?goalLabel } } }
} ORDER BY ?label ?rank""".replace("%MAX%", str(MAX_POLES))
#: Today's members (joined, and not yet left: dates compared as text, as the named query "Membres actuels par
#: cercle" does) counted per circle first, the circles' labels after (3.4 s -> 0.6 s at 100k actors); the circles
#: in their rank, from the core outwards. Each membership once before its dates are joined (two registers of one
#: PTCE state the same memberships: see _COOPERATIONS). The members with no circle (a register's unknown or missing
#: circle) are counted in a branch of their own, without labels: the pole's page counts them among its members.
_TODAY = """OPTIONAL { ?m mai:joinedOn ?joined } OPTIONAL { ?m mai:leftOn ?left }
      BIND(SUBSTR(STR(NOW()), 1, 10) AS ?today)
      FILTER((!BOUND(?joined) || STR(?joined) <= ?today) && (!BOUND(?left) || STR(?left) > ?today))"""
_CIRCLES = """SELECT ?coop ?circle ?circleLabel ?rank ?members WHERE {
  { { SELECT ?coop ?circle (COUNT(DISTINCT ?member) AS ?members) WHERE {
        { SELECT DISTINCT ?m ?coop ?circle ?member WHERE {
            ?coop a mai:Cooperation . ?m org:organization ?coop . ?m org:role ?circle ; org:member ?member } }
        %TODAY%
      } GROUP BY ?coop ?circle }
    OPTIONAL { ?circle skos:prefLabel ?circleLabel } OPTIONAL { ?circle skos:notation ?rank } }
  UNION { SELECT ?coop (COUNT(DISTINCT ?member) AS ?members) WHERE {
      { SELECT DISTINCT ?m ?coop ?member WHERE {
          ?coop a mai:Cooperation . ?m org:organization ?coop ; org:member ?member
          FILTER NOT EXISTS { ?m org:role ?anyCircle } } }
      %TODAY%
    } GROUP BY ?coop }
} ORDER BY ?coop ?rank DESC(?members)""".replace("%TODAY%", _TODAY)
#: The ten grants first, then what they show: sorting every grant with its labels took 9–12 s at 100k actors, and
#: a LIMIT on the rows cut the list short where a grant had two labels (or two sources stated it: DISTINCT). The
#: years, amounts and dates of every grant are read whole (sub-selects), then joined: as OPTIONAL patterns the engine
#: looked them up grant after grant (22,029 grants at 100k actors: 0.56–0.64 s; so 0.14 s). The latest are those
#: decided last: by the date of the deliberation that decides them (the latest, if several do) or of their decision
#: that no deliberation holds (dcterms:dateAccepted: a list's dateDecision without a reference), else of their
#: agreement (SCDL dateConvention: the Somme's lists give no decision date, and were listed by amount), else by their
#: year, after the dated ones of that year (compared as text, in reverse: "2024-01-05", "2024", "2023-12-31"); then,
#: those of no date nor year, by the time their source was ingested (the first of its sources), newest first; those
#: of none last; the largest first among equals. ?datedBy says which date ?date is ("none": none). At 10k generated
#: actors (2,203 grants), 21 runs of each interleaved on a busy host: without the agreements' dates and ingest times
#: 46 ms median (17 ms fastest), with them 78 ms (26 ms); reading the grants' graphs and their ingest times as one
#: pattern rather than two sub-selects cost ~15 ms more. Once per published snapshot.
_LATEST = """SELECT ?grant ?funder ?funderLabel ?beneficiary ?beneficiaryLabel ?amount ?year ?date ?datedBy ?purpose
  WHERE {
  { SELECT ?grant ?year ?amount ?date ?datedBy ?dated ?ingested WHERE {
      { SELECT ?grant ?year (MIN(?stated) AS ?amount) (MAX(?decidedOn) AS ?decided) (MAX(?agreedOn) AS ?agreed)
          (MIN(?ingestedAt) AS ?ingested) WHERE {
          %EVERY_GRANT% OPTIONAL { %DECIDED% } OPTIONAL { %AGREED% } OPTIONAL { %INGESTED% }
        } GROUP BY ?grant ?year }
      BIND(COALESCE(STR(?decided), STR(?agreed), STR(?year)) AS ?dated)
      BIND(COALESCE(?decided, ?agreed, ?year, ?ingested) AS ?date)
      BIND(IF(BOUND(?decided), "decision", IF(BOUND(?agreed), "convention", IF(BOUND(?year), "year",
           IF(BOUND(?ingested), "ingest", "none")))) AS ?datedBy)
    } %LATEST_FIRST% LIMIT 10 }
  OPTIONAL { ?grant schema:funder ?funder OPTIONAL { ?funder rdfs:label ?funderLabel } }
  OPTIONAL { ?grant mai:beneficiary ?beneficiary OPTIONAL { ?beneficiary rdfs:label ?beneficiaryLabel } }
  OPTIONAL { ?grant dcterms:description ?purpose }
} %LATEST_FIRST%""".replace(
    "%LATEST_FIRST%", "ORDER BY (!BOUND(?dated)) DESC(?dated) DESC(?ingested) DESC(?amount) ?grant").replace(
    "%EVERY_GRANT%", EVERY_GRANT_YEAR_AMOUNT).replace(
    "%DECIDED%", read_whole("?grant (mai:decidedBy/dcterms:date)|dcterms:dateAccepted ?decidedOn")).replace(
    "%AGREED%", read_whole("?grant mai:conventionDate ?agreedOn")).replace(
    "%INGESTED%", read_whole("GRAPH ?source { ?grant a mai:Grant }", "?source prov:generatedAtTime ?ingestedAt"))


#: The named query that lists a pole's members today in one circle: what a circle's count on the home page links to.
MEMBERS_QUERY = "membres-actuels-par-cercle"


def members_url(pole, circle) -> str | None:
    """The page that lists the members today of ``pole`` in ``circle``, those the home page counts (the circle's own
    page counts its members in every pole); None for the members with no circle, which the query cannot single
    out."""
    if circle is None:
        return None
    return site_path(f"/queries/{MEMBERS_QUERY}?") + urlencode({"circle": str(circle), "pole": str(pole), "run": 1})


def cooperations() -> list[dict]:
    """The PTCEs of the graph, each with its coordinator, goals (in rank order) and circles with member counts (a
    circle of None: the members with no circle)."""
    coops: dict[str, dict] = {}
    for row in collapse(cached_select(_COOPERATIONS, pin=True), ["label", "coordinatorLabel", "goalLabel"]):
        coop = coops.setdefault(str(row["coop"]), {"cooperation": ref(row["coop"], row.get("label")),
                                                    "coordinator": ref(row.get("coordinator"),
                                                                       row.get("coordinatorLabel")),
                                                    "goals": [], "circles": []})
        goal = ref(row.get("goal"), row.get("goalLabel"))
        if goal and goal not in coop["goals"]:
            coop["goals"].append(goal)
    for row in collapse(cached_select(_CIRCLES, pin=True), ["circleLabel"]):
        if str(row["coop"]) in coops:
            coops[str(row["coop"])]["circles"].append({"circle": ref(row.get("circle"), row.get("circleLabel")),
                                                       "members": int(row["members"]),
                                                       "members_url": members_url(row["coop"], row.get("circle"))})
    for coop in coops.values():
        coop["circles"].sort(key=lambda c: c["circle"] is None)  # the members with no circle after the circles
    return list(coops.values())


@bp.get("/")
@bp.get("/index.json")
def home():
    """Show the dashboard: counts, the pole, the latest grants."""
    counts = Table("counts", [("kind", "kind"), ("count", "count")], links=("kind",))
    for row in cached_select(_COUNTS, pin=True):
        counts.rows.append({"kind": ref(row["kind"], term_label(URIRef(row["kind"]))), "count": int(row["n"])})
    return render_page("home.html", {"counts": counts, "cooperations": cooperations(),
                                     "latest_grants": latest_grants()})


def latest_grants() -> Table:
    """The ten grants decided last (:data:`_LATEST`), each with the date that places it and which date that is: the
    decision's, the agreement's, the fiscal year or the ingest's (the day its source was ingested)."""
    latest = Table("latest_grants", [("grant", "grant"), ("funder", "funder"), ("beneficiary", "beneficiary"),
                                     ("date", "date"), ("dated_by", "dated_by"), ("year", "year"),
                                     ("amount", "amount")],
                   links=("grant", "funder", "beneficiary"), contexts={"grant": "grant_name"})
    rows = collapse(cached_select(_LATEST, pin=True), ["funderLabel", "beneficiaryLabel", "purpose"])
    for row in rows:
        # the purpose, copied from the source, is French when untagged: an English page marks it so
        name = grant_label(row.get("amount"), party_label(row.get("beneficiary"), row.get("beneficiaryLabel")))
        purpose = in_language(row["purpose"], "fr") if row.get("purpose") else None
        dated_by = str(row["datedBy"]) if str(row.get("datedBy")) != "none" else None
        # a purpose (« Fonctionnement », nine times) is said with the grant's name to a screen reader
        latest.rows.append({"grant": ref(row["grant"], purpose or name), "grant_name": name if purpose else None,
                            "funder": ref(row.get("funder"), row.get("funderLabel")),
                            "beneficiary": ref(row.get("beneficiary"), row.get("beneficiaryLabel")),
                            "date": _day(row.get("date"), dated_by), "dated_by": t(f"dated_by_{dated_by}") if
                            dated_by else None, "year": row.get("year"), "amount": row.get("amount")})
    return latest


def _day(date, dated_by: str | None):
    """The date a latest grant is placed by, as its row shows it: the ingest's day (not its time), the others as
    they are."""
    if dated_by == "ingest":
        return Literal(str(date)[:10], datatype=XSD.date)
    return date
