"""The grants of a resource's page: the tables of those it gave and received, a page at a time, with the totals by
year over all of them; and the goals that a grant serves, with the partner registers that say so.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from graph.namespaces import MAI, NOT_REPLACED
from webapp.cache import cached_select
from webapp.grant_amounts import COUNTED_AMOUNT, amount_cell, descending, listed_twice_join, number_of
from webapp.grant_decisions import DECISION_FILLS, OWN_DECISION_DATE, decision_fields
from webapp.i18n import get_lang, t
from webapp.page_data import Table, in_language, ref
from webapp.page_queries import select
from webapp.rendering import downloaded, page_window
from webapp.resource_evidence import add_evidence, evidence_of
from webapp.resource_names import (collapse, grant_label, labels_of, numbered_deliberation, party_label,
                                   pick_label)

# The grants the resource gave (with a beneficiary) and received, with their year and amount: the two tables,
# ordered by year then amount a page at a time, and the totals by year over all of them, come from these rows, kept
# per snapshot (a funder's 167 grants at 100k actors: ~8 ms, which each page of its tables and the totals, an
# aggregate of the same rows, took again). A grant that a later act replaces is left out; one that its sources give
# two amounts (a SHACL violation) is one row, at the smaller, as everywhere; the totals add up the amounts that every
# sum counts (?counted: webapp.grant_amounts.COUNTED_AMOUNT), unbound for a grant with none, which the page says it
# leaves out. A node of another class that names a funder or a beneficiary (``mai:Grnat``, a misspelt class) is no
# grant, as on the funding page: the incoming links list it (webapp.resource_tables).
_GIVEN = "?grant schema:funder ?s ; mai:beneficiary [] ; a mai:Grant ."
# The grants received: also those that other sources (a grants list, a deliberation ingested before a rename) make
# to an address that a register's rename replaced by this one (graph.ingest.source_renames), through one pattern
# more whose lookup by object finds nothing on a page of nothing replaced. The class stays inside each branch: after
# the UNION, Oxigraph began with every grant of the store (150 ms a page at 100k actors, against 0.1 ms).
_RECEIVED = "{ ?grant mai:beneficiary ?s ; a mai:Grant } " \
    "UNION { ?old dcterms:isReplacedBy ?s . ?grant mai:beneficiary ?old ; a mai:Grant }"
# A grants list's grant that a stored deliberation's text decides too (webapp.grant_amounts.LISTED_TWICE) stays in the
# tables, as its sources give it, with ?listedTwice bound (%TWICE%: webapp.grant_amounts.listed_twice_join): the
# totals count it once, as the text decides it. Joined after the grouping, a grant once; the rows kept per snapshot.
_GRANT_KEYS = f"""SELECT ?grant ?role ?year ?amount ?counted ?listedTwice WHERE {{
  {{ SELECT ?grant ?role ?year (MIN(?stated) AS ?amount) (MIN(?countable) AS ?counted) WHERE {{
    {{ {_GIVEN} BIND("given" AS ?role) }} UNION {{ {_RECEIVED} BIND("received" AS ?role) }}
    OPTIONAL {{ ?grant mai:fiscalYear ?year }} OPTIONAL {{ ?grant schema:amount ?stated }}
    OPTIONAL {{ {COUNTED_AMOUNT.replace("?stated", "?countable")} }} {NOT_REPLACED} }}
    GROUP BY ?grant ?role ?year }}
  %TWICE% }}"""
#: The goals that each grant serves (bound to ?grant), named as /goals names them: by their label in the language
#: bound to ?goalLang, else the French one, else one without a language (a goal that a register names in French and
#: English was named twice); several joined by " | " (as the named queries' themes), one row a grant still.
#: %GRANTS% narrows the grants looked at (a VALUES of a page's grants, a selection's pattern): their goals only.
GRANT_GOALS = """OPTIONAL { SELECT ?grant (GROUP_CONCAT(DISTINCT ?goalName; separator=" | ") AS ?goals) WHERE {
    %GRANTS% ?grant mai:contributesTo ?goal . ?goal a mai:StrategicGoal
    OPTIONAL { ?goal skos:prefLabel ?wanted FILTER(lang(?wanted) = ?goalLang) }
    OPTIONAL { ?goal skos:prefLabel ?french FILTER(lang(?french) = "fr") }
    OPTIONAL { ?goal skos:prefLabel ?plain FILTER(lang(?plain) = "") }
    BIND(COALESCE(?wanted, ?french, ?plain) AS ?goalName) }
  GROUP BY ?grant }"""
# What the tables show of one page's grants, the other party by name; their evidence comes after, by
# webapp.resource_evidence (an OPTIONAL evidence part here, nested OPTIONALs and all, made Oxigraph join with every
# evidence of the store: 0.7 s for an actor of 4 grants at 100k actors, against 1 ms). The rows distinct: a label or
# a number that several sources state matches once per graph in their union (132 rows for a funder's page of 50
# grants at 100k actors, 17 ms; 50 rows, 12 ms). %GIVEN_GRANTS% and %RECEIVED_GRANTS% are IRIs read from the store,
# written with rdflib's escaping (never request text).
_GRANTS_PAGE = """SELECT DISTINCT ?grant ?role ?other ?otherLabel ?purpose ?deliberation ?deliberationLabel
  ?deliberationDate ?accepted ?goals WHERE {
  { VALUES ?grant { %GIVEN_GRANTS% } BIND("given" AS ?role)
    ?grant mai:beneficiary ?other OPTIONAL { ?other rdfs:label ?otherLabel } }
  UNION { VALUES ?grant { %RECEIVED_GRANTS% } BIND("received" AS ?role)
    OPTIONAL { ?grant schema:funder ?other OPTIONAL { ?other rdfs:label ?otherLabel } } }
  OPTIONAL { ?grant dcterms:description ?purpose }
  OPTIONAL { ?grant mai:decidedBy ?deliberation OPTIONAL { ?deliberation dcterms:identifier ?deliberationLabel }
             OPTIONAL { ?deliberation dcterms:date ?deliberationDate } }
  %OWN_DECISION_DATE%
  %GRANT_GOALS%
}""".replace("%GRANT_GOALS%", GRANT_GOALS.replace("%GRANTS%", "VALUES ?grant { %GIVEN_GRANTS% %RECEIVED_GRANTS% }")) \
    .replace("%OWN_DECISION_DATE%", OWN_DECISION_DATE)
# A grant that the resource gave or received and that the grants tables list (the incoming links leave those out: a
# funder's page listed its grants twice, and naming them took a fifth of the page's time at 100k actors): asked only
# of a resource with no other triple, whose page is then its grants.
_A_LISTED_GRANT = f"SELECT ?grant WHERE {{ {{ {_GIVEN} }} UNION {{ {_RECEIVED} }} }} LIMIT 1"


def lists_grants(s: URIRef) -> bool:
    """Whether the grants tables of ``s`` list a grant (:data:`_A_LISTED_GRANT`)."""
    return bool(select(_A_LISTED_GRANT, s=s))


def grants_tables(s: URIRef, name, page: int, page_size: int, evidence: dict[str, list[dict]],
                  seen: set[tuple[str, str]]) -> dict:
    """Page ``page`` (``page_size`` rows) of the grants given and received by ``s`` (named ``name``), and totals by
    year over all of them; the page's evidence added to ``evidence`` (:func:`add_evidence`)."""
    keys = cached_select(_GRANT_KEYS.replace("%TWICE%", listed_twice_join()), s=s)
    if not keys and page == 1:
        return {}
    window = {role: page_window(f"grants_{role}", (page - 1) * page_size, page_size) for role in ("given", "received")}
    shown = {role: sorted((r for r in keys if r["role"].value == role), key=_table_order)[start:start + size]
             for role, (start, size) in window.items()}
    details: dict[tuple, list[dict]] = defaultdict(list)
    if shown["given"] or shown["received"]:
        query = _GRANTS_PAGE.replace("%GIVEN_GRANTS%", " ".join(r["grant"].n3() for r in shown["given"])) \
            .replace("%RECEIVED_GRANTS%", " ".join(r["grant"].n3() for r in shown["received"]))
        # kept per snapshot as the keys are: a funder's page of 50 grants took ~10 ms to ask and convert, a sixth of
        # its page, on every request of it (10k actors); the grants shown are in the text, the language bound
        for row in cached_select(query, goalLang=Literal(get_lang())):
            details[(row["grant"], row["role"].value)].append(row)
    rows = [{**detail, **key} for role in ("given", "received") for key in shown[role]
            for detail in details.get((key["grant"], role)) or [{}]]
    if not any(downloaded(f"grants_{role}") for role in window):  # a page's, not a table's download
        add_evidence(evidence_of(sorted({row["grant"] for row in rows if isinstance(row["grant"], URIRef)}, key=str)),
                     evidence, seen)
    rows = _named_parties(collapse(rows, ["otherLabel", "deliberationLabel"]))
    rows.sort(key=_table_order)
    given, received = _grants_table("given", "beneficiary"), _grants_table("received", "funder")
    for row in rows:
        given_row = row["role"].value == "given"
        beneficiary = party_label(row.get("other"), row.get("otherLabel")) if given_row else name
        (given if given_row else received).rows.append(_grants_row(row, "beneficiary" if given_row else "funder",
                                                                   beneficiary))
    by_year, counts = _totals_by_year(keys)
    pages = max(1, -(-max(counts.values()) // page_size))
    given.more = max(counts["given"] - window["given"][0] - len(given.rows), 0)
    received.more = max(counts["received"] - window["received"][0] - len(received.rows), 0)
    return {"grants_given": given, "grants_received": received, "totals_by_year": by_year,
            # the grants whose amount the totals leave out: the page says how many
            "totals_uncounted": len({row["grant"] for row in keys
                                     if row.get("counted") is None and not _listed_twice(row)}),
            # the grants of lists that the totals count once, as the deliberation's text that decides them too
            "totals_listed_twice": len({row["grant"] for row in keys if _listed_twice(row)}),
            "grants_page": {"page": page, "pages": pages, "page_size": page_size,
                            "given": counts["given"], "received": counts["received"]}}


def _totals_by_year(keys: list[dict]) -> tuple[Table, dict[str, int]]:
    """The totals by year of the grants given and received (``keys``: a row for each grant and year its sources
    give, counted once for each, a list's grant that a deliberation's text decides too left out), and how many rows
    of each there are."""
    by_year = Table("totals_by_year", [("direction", "direction"), ("year", "year"), ("total", "total")],
                    blanks={"year": t("unknown_year")})
    counts = {"given": 0, "received": 0}
    totals: dict[tuple, int | float | Decimal] = defaultdict(int)
    for row in keys:  # a grant whose sources give two years counts once for each, as a row each
        counts[row["role"].value] += 1
        if not _listed_twice(row):
            totals[(row["role"].value, row.get("year"))] += _amount(row.get("counted"))
    for (role, year), total in sorted(totals.items(), key=lambda kv: (kv[0][0], descending(kv[0][1]))):
        by_year.rows.append({"direction": role, "year": _number(year, int), "total": float(total)})
    return by_year, counts


def _grants_table(role: str, party: str) -> Table:
    """The empty table of the grants given or received (``role``), the other party's column named after its role
    (``beneficiary``, ``funder``: both were ``other``), the goals that each grant serves, then its decision's date
    (the JSON's and CSV's only)."""
    columns = [("grant", "grant"), (party, party), ("year", "year"), ("amount", "amount"), ("purpose", "purpose"),
               ("deliberation", "deliberation"), ("goals", "goals"), ("decision_date", "decision_date")]
    # a grant whose sources give no fiscal year; the decision's date said under « Décidé par » when no deliberation
    # holds it (webapp.grant_decisions)
    return Table(f"grants_{role}", columns, links=("grant", party, "deliberation"),
                 blanks={"year": t("unknown_year")}, hidden=("decision_date",), fills=DECISION_FILLS)


def _named_parties(rows: list[dict]) -> list[dict]:
    """``rows`` with the parties that no label names named by their ``schema:name`` or ``foaf:name``
    (:func:`webapp.resource_names.labels_of`): a Linked Data file's funder was shown by the end of its IRI."""
    unlabelled = {row["other"] for row in rows
                  if isinstance(row.get("other"), URIRef) and row.get("otherLabel") is None}
    names = labels_of(unlabelled) if unlabelled else {}
    return [{**row, "otherLabel": pick_label(names[row["other"]])} if row.get("other") in names else row
            for row in rows]


def _grants_row(row: dict, party: str, beneficiary) -> dict:
    """A row of a grants table: the grant named as its page names it (« Subvention de 20 000 € à DanaeCare »: the
    CSV's ``grant`` column repeated its purpose), the other party under ``party``, named ``beneficiary``."""
    return {"grant": ref(row["grant"], grant_label(row.get("amount"), beneficiary)),
            party: ref(row.get("other"), row.get("otherLabel")), "year": _number(row.get("year"), int),
            "amount": amount_cell(row.get("amount")),
            # its purpose, copied from the French document: marked French on an English page (webapp.display)
            "purpose": in_language(row["purpose"], "fr") if row.get("purpose") else None,
            "deliberation": ref(row.get("deliberation"), numbered_deliberation(row["deliberationLabel"])
                                if row.get("deliberationLabel") is not None else None),
            "goals": row.get("goals"),
            **decision_fields(row.get("deliberation"), row.get("deliberationDate"), row.get("accepted"))}


def _table_order(row: dict) -> tuple:
    """The order of the grants tables: the latest year first, then the largest amount, then by IRI."""
    return descending(row.get("year")), descending(row.get("amount")), str(row["grant"])


def _listed_twice(row: dict) -> bool:
    """Whether a grant of :data:`_GRANT_KEYS` is a list's that a loaded deliberation's text decides too: the totals
    leave it out, counting the text's."""
    return row.get("listedTwice") is not None


def _amount(term) -> int | float | Decimal:
    """An amount to add up (one that the totals count): its number, or 0 for none."""
    return number_of(term) or 0


def _number(term, kind):
    return kind(term.toPython()) if term is not None else None


#: The labels and ranks of the goals that a grant serves, and the titles of the registers that link it to them.
_GOALS_SERVED = """SELECT ?x ?label ?rank WHERE { VALUES ?x { %IRIS% }
  OPTIONAL { ?x skos:prefLabel|dcterms:title ?label } OPTIONAL { ?x skos:notation ?rank } }"""
#: The goals that partner registers link a grant to, and those registers (graph.ingest.register_links states the
#: links in the register's graph).
_LINKING_REGISTERS = """SELECT ?goal ?source WHERE {
  GRAPH ?source { ?grant mai:contributesTo ?goal } ?source dcterms:type "register" } ORDER BY ?source"""


def goals_served(grant: URIRef, out: list[dict]) -> list[dict]:
    """The goals that ``grant`` serves, in rank order (``out``: its properties' rows), each with the partner
    registers that say so."""
    served: dict[URIRef, list[URIRef]] = {row["o"]: [] for row in out if row["p"] == MAI.contributesTo}
    if not served:
        return []
    for row in select(_LINKING_REGISTERS, grant=grant):
        served.setdefault(row["goal"], []).append(row["source"])
    iris = dict.fromkeys([*served, *(r for registers in served.values() for r in registers)])
    found = collapse(select(_GOALS_SERVED.replace("%IRIS%", " ".join(iri.n3() for iri in iris))), ["label"])
    labels = {row["x"]: row.get("label") for row in found}
    ranks = {row["x"]: row["rank"].toPython() for row in found if row.get("rank") is not None}
    goals = [{"goal": ref(goal, labels.get(goal)), "rank": ranks.get(goal),
              "registers": [ref(r, labels.get(r)) for r in registers]} for goal, registers in served.items()]
    return sorted(goals, key=lambda g: (g["rank"] is None, str(g["rank"]).zfill(9), g["goal"].iri))


#: The kinds of the sources of a grant (bound to ?grant), the dates of the deliberations that decided it, and the
#: quotes that state its fiscal year (a deliberation's words that name it: graph.ingest.delib_grant_quotes).
_YEAR_EVIDENCE = """SELECT DISTINCT ?kind ?date ?quote WHERE {
  { ?grant prov:wasDerivedFrom ?source . ?source dcterms:type ?kind }
  UNION { ?grant mai:decidedBy ?deliberation . ?deliberation dcterms:date ?date }
  UNION { ?grant mai:evidence ?quote . ?quote mai:supports mai:fiscalYear } }"""
#: The kinds of source whose readers take a grant's fiscal year from a date when the source names none, and the
#: dates each takes it from (graph.ingest.scdl_grant_description, graph.ingest.delib_reader_grants): a list's
#: decision date is its deliberation's, or the grant's own (dcterms:dateAccepted) when the row names none.
_YEAR_FROM_DATES = {"scdl-subventions": ("convention", "deliberation", "decision"), "deliberation": ("deliberation",)}


def fiscal_year_origin(grant: URIRef, out: list[dict]) -> str | None:
    """Where the fiscal year of ``grant`` (its page's triples: ``out``) comes from when its reader took it from a
    date: « convention », the year of its convention date (an SCDL list: the schema 2.1.1 has no year column),
    « deliberation », that of the deliberation deciding it (a deliberation that names no year, a list row with a
    decision date and reference only), or « decision », that of the decision date the grant keeps itself
    (``dcterms:dateAccepted``: a list row with a decision date but no reference); « list » for the year that a
    list's own column gives (``mai:fiscalYearColumn``: « 2024 (exercice budgétaire de la liste) », where its equal
    convention year read as the year's origin); None for a year that no such date gives, one that a quote of its own
    states (« pour l'année 2024 » in a deliberation, whatever the deliberation's date), one that an RDF file states,
    or none or several years. The page says it beside the year: « 2015 (année de la convention) », where « exercice
    budgétaire 2015 » read as the year to which a payment of 2017 was charged.
    """
    years = {row["o"].toPython() for row in out if row["p"] == MAI.fiscalYear and isinstance(row["o"], Literal)}
    if len(years) != 1:
        return None
    if any(row["p"] == MAI.fiscalYearColumn for row in out):  # the list's own, whatever its convention's year
        return "list"
    year = years.pop()
    rows = select(_YEAR_EVIDENCE, grant=grant)
    if any(row.get("quote") is not None for row in rows):
        return None
    origins = {origin for row in rows if row.get("kind") is not None
               for origin in _YEAR_FROM_DATES.get(str(row["kind"]), ())}
    conventions = [row["o"].toPython() for row in out if row["p"] == MAI.conventionDate]
    if conventions:  # the list's reader takes the convention's year before the decision's
        return "convention" if "convention" in origins and _in_year(conventions, year) else None
    decided = [row["date"].toPython() for row in rows if row.get("date") is not None]
    if "deliberation" in origins and _in_year(decided, year):
        return "deliberation"
    accepted = [row["o"].toPython() for row in out if row["p"] == DCTERMS.dateAccepted]
    return "decision" if "decision" in origins and _in_year(accepted, year) else None


def _in_year(days: list, year: int) -> bool:
    """Whether one of ``days`` (dates, or what a malformed literal gives) is of ``year``."""
    return any(getattr(day, "year", None) == year for day in days)
