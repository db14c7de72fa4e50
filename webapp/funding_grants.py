"""The funding page's list of grants: those of the year (``?year=``) or of the pole (``?pole=``), those whose amount
no total counts included (listed last), each with its year, funder, beneficiary, amount and the deliberation that
decided it (number and date), else the date of its decision (« Décision du 12 mars 2016 »,
:mod:`webapp.grant_decisions`), a page at a time; the JSON and CSV add its purpose, source file and line, its
budget account (:mod:`webapp.budget_accounts`; the page leaves them to the grant's own page) and its decision's date.
What a coordinator reads out as « les financements 2024 »: the totals alone named no act.

Listed only for a year or a pole: unfiltered, the list would be every grant of the store, which /api/grants pages.
One query a page (and one for the deliberations it names, whose text may be absent): the engine sorts the selection's
grants on their amount alone, a page of them (and one more, to tell whether a next page exists), then looks up that
page's parties and deliberations.
"""

from __future__ import annotations

from rdflib import Literal, URIRef

from graph.namespaces import NOT_REPLACED
from webapp.api_parameters import page_arg
from webapp.budget_accounts import ACCOUNT_COLUMNS, GRANT_ACCOUNT, account_fields
from webapp.formatting import format_date
from webapp.deliberation_citations import texts_absent
from webapp.grant_amounts import COUNTED_AMOUNT, NOT_LISTED_TWICE
from webapp.grant_decisions import DECISION_FILLS, OWN_DECISION_DATE, decision_fields
from webapp.i18n import get_lang, t
from webapp.page_data import Ref, Table, ref
from webapp.page_queries import select
from webapp.rendering import page_window
from webapp.resource_grants import GRANT_GOALS
from webapp.resource_names import collapse, grant_label, named_columns, numbered_deliberation

#: Grants a page of the list shows: the rows at most that a request reads (bench/README.md "Web": bounded rows).
GRANTS_PAGE_SIZE = 100

#: A page of the selection's grants, the largest first; %SELECTED% is the selection's pattern (a pole's members'
#: grants, a year's, both), %LIMIT% and %OFFSET% integers computed by the caller, never request text.
_LISTED = """SELECT ?grant ?year ?amount ?funder ?funderLabel ?beneficiary ?beneficiaryLabel ?deliberation ?number
  ?date ?accepted ?goals ?purpose ?source ?sourceTitle ?line ?accountNumber ?accountLabel ?imputation WHERE {
  { SELECT ?grant (SAMPLE(?y) AS ?year) (MIN(?stated) AS ?amount) WHERE {
      %SELECTED% OPTIONAL { ?grant mai:fiscalYear ?y } }
    GROUP BY ?grant ORDER BY DESC(?amount) ?grant LIMIT %LIMIT% OFFSET %OFFSET% }
  OPTIONAL { ?grant schema:funder ?funder OPTIONAL { ?funder rdfs:label ?funderLabel } }
  OPTIONAL { ?grant mai:beneficiary ?beneficiary OPTIONAL { ?beneficiary rdfs:label ?beneficiaryLabel } }
  OPTIONAL { ?grant mai:decidedBy ?deliberation OPTIONAL { ?deliberation dcterms:identifier ?number }
             OPTIONAL { ?deliberation dcterms:date ?date } }
  %OWN_DECISION_DATE%
  OPTIONAL { ?grant dcterms:description ?purpose }
  OPTIONAL { ?grant prov:wasDerivedFrom ?source OPTIONAL { ?source dcterms:title ?sourceTitle }
             OPTIONAL { GRAPH ?source { ?grant mai:rowNumber ?line } } }
  %GRANT_GOALS%
  %GRANT_ACCOUNT%
} ORDER BY DESC(?amount) ?grant""".replace("%GRANT_GOALS%", GRANT_GOALS).replace("%GRANT_ACCOUNT%", GRANT_ACCOUNT) \
    .replace("%OWN_DECISION_DATE%", OWN_DECISION_DATE)
#: The grants of a pole's members (bound to ?pole), as the totals read them (webapp.funding).
_OF_POLE = """?membership org:organization ?pole ; a org:Membership ; org:member ?beneficiary .
    ?grant mai:beneficiary ?beneficiary ; a mai:Grant ."""
#: The grants of one fiscal year (bound to ?fiscalYear): looked up from the year, the most selective pattern.
_OF_YEAR = "?grant mai:fiscalYear ?fiscalYear ; a mai:Grant ."
#: Where a grant's amount is read: the amounts the totals count, unbound for a grant with none (listed last).
_AMOUNT = f"OPTIONAL {{ {COUNTED_AMOUNT} }}"


def listed_grants(pole: URIRef | None, year: int | None, count: int) -> tuple[Table, dict] | None:
    """The page of the grants of ``pole``'s members and of ``year`` that ``?page=`` asks for (the whole list for a
    CSV download of it), ``count`` being how many the selection holds, and where that page is (``page``, ``pages``,
    ``page_size``); None when neither is given."""
    if pole is None and year is None:
        return None
    # purpose, source file and line after the columns that a spreadsheet's formulas may already use: what a
    # journalist quotes of a grant and where she checks it (the CSV had only the grant's IRI, whose last segment
    # happens to be a line number); the page leaves them to the grant's own page
    table = Table("grants", [(k, k) for k in ("year", "funder", "beneficiary", "amount", "deliberation", "grant",
                                             "deliberation_number", "deliberation_date", "goals", "purpose",
                                             "source", "source_line", *ACCOUNT_COLUMNS, "decision_date")],
                  links=("funder", "beneficiary", "deliberation", "grant", "source"),
                  hidden=("grant", "deliberation_number", "deliberation_date", "purpose", "source", "source_line",
                          *ACCOUNT_COLUMNS, "decision_date"),
                  blanks={"year": t("unknown_year")}, fills=DECISION_FILLS)
    page = page_arg()
    offset, size = page_window("grants", (page - 1) * GRANTS_PAGE_SIZE, GRANTS_PAGE_SIZE)
    narrowed = " ".join(([_OF_POLE] if pole is not None else []) + ([_OF_YEAR] if year is not None else []))
    # the goals read for the selection's grants only (%GRANTS%)
    # a grants list's grant that a stored deliberation's text decides too is listed once, as the text decides it
    selected = " ".join((narrowed, _AMOUNT, NOT_REPLACED, NOT_LISTED_TWICE))
    query = _LISTED.replace("%SELECTED%", selected).replace("%GRANTS%", narrowed) \
        .replace("%LIMIT%", str(size)).replace("%OFFSET%", str(offset))
    rows = named_columns(collapse(select(query, pole=pole, fiscalYear=year, goalLang=Literal(get_lang())),
                                  ["funderLabel", "beneficiaryLabel", "purpose", "accountLabel"]),
                         {"funder": "funderLabel", "beneficiary": "beneficiaryLabel"})
    rows = _one_per_grant(rows)
    absent = texts_absent({row["deliberation"] for row in rows if isinstance(row.get("deliberation"), URIRef)})
    for row in rows:
        table.rows.append({
            "year": row["year"].toPython() if row.get("year") is not None else None,
            "funder": ref(row.get("funder"), row.get("funderLabel")),
            "beneficiary": ref(row.get("beneficiary"), row.get("beneficiaryLabel")),
            "amount": float(row["amount"].toPython()) if row.get("amount") is not None else None,
            "deliberation": _deliberation_ref(row, absent),
            "grant": ref(row["grant"], _grant_name(row)), "deliberation_number": row.get("number"),
            "deliberation_date": row.get("date"), "goals": row.get("goals"), "purpose": row.get("purpose"),
            "source": ref(row.get("source"), row.get("sourceTitle")),
            "source_line": int(row["line"].toPython()) if row.get("line") is not None else None,
            **account_fields(row), **decision_fields(row.get("deliberation"), row.get("date"), row.get("accepted"))})
    table.more = max(count - offset - len(table.rows), 0)
    return table, {"page": page, "pages": max(1, -(-count // GRANTS_PAGE_SIZE)), "page_size": GRANTS_PAGE_SIZE}


def _deliberation_ref(row: dict, absent: set) -> Ref | None:
    """A listed grant's deliberation, named as every page names it, with « (texte absent) » when nothing but grants
    lists states it (``absent``): as its own page says, it is known only by the reference that they give."""
    deliberation = row.get("deliberation")
    name = deliberation_name(row.get("number"), row.get("date"))
    if deliberation in absent:
        name = t("deliberation_text_absent", name=name or ref(deliberation).label)
    return ref(deliberation, name)


def _grant_name(row: dict) -> str:
    """A listed grant's name, as its own page names it (« Subvention de 20 000 € à DanaeCare »): the CSV's ``grant``
    column gave its IRI's last segment (« danaecare », a row number « 12 » for a grants list's)."""
    beneficiary = ref(row.get("beneficiary"), row.get("beneficiaryLabel"))
    return grant_label(row.get("amount"), beneficiary.label if beneficiary is not None else None)


def _one_per_grant(rows: list[dict]) -> list[dict]:
    """One row a grant, in the query's order: a grant decided by two deliberations (an act and its erratum), or whose
    deliberation two sources number or date apart, keeps its first; one that several sources state, the source of
    a table that gives its line, else the first file by name."""
    kept: dict = {}
    for row in rows:
        if row["grant"] not in kept or _source_key(row) < _source_key(kept[row["grant"]]):
            kept[row["grant"]] = row
    return list(kept.values())


def _source_key(row: dict) -> tuple:
    """How a listed grant's source is chosen among several: one that gives its line first, then by file name."""
    return row.get("line") is None, str(row.get("sourceTitle") or ""), int(row.get("line") or 0)


def deliberation_name(number, date) -> str | None:
    """A deliberation as the list names it, as every page does (:func:`~webapp.resource_names.numbered_deliberation`)
    and with its date: « Délibération n° 2024.00240 du 16 mai 2024 », or what of it is known (None: its IRI's short
    form)."""
    if number is not None and date is not None:
        return t("deliberation_dated", name=numbered_deliberation(number), date=format_date(date))
    if number is not None:
        return numbered_deliberation(number)
    return format_date(date) if date is not None else None
