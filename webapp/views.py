"""What every explorer page shares: running our own queries, tables, links to resources, and the JSON/CSV twins.

A page view builds ``data`` (a dict, the JSON twin) whose tables are :class:`Table` objects; :func:`render_page`
answers HTML, JSON (``.json`` suffix, ``?format=json`` or ``Accept``) or one table as CSV (``?table=NAME``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import abc
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable, NamedTuple
from urllib.parse import quote, urlencode

from flask import Response, current_app, jsonify, render_template, request, url_for
from markupsafe import Markup, escape
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from graph.french_text import counted
from graph.identity import preferred_label
from graph.namespaces import NOT_REPLACED
from webapp.errors import ApiError
from webapp.i18n import get_lang, t
from webapp.resources import get_store

#: Label predicates, in order of preference, used by OPTIONAL label patterns.
LABEL_PATTERN = "<http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#prefLabel>" \
                "|<http://purl.org/dc/terms/title>"


class Ref(NamedTuple):
    """A link to a resource: its IRI and the label to show. No IRI (None) for a text that a source wrote where an
    IRI belongs (a grant's funder "Ville de Lyon", a SHACL violation stored without --strict): shown as text, never
    as a link to a page that would answer 400."""

    iri: str | None
    label: str


@dataclass
class Table:
    """A table of a page: column keys with their headers, rows as dicts (values: str, number, Ref or None)."""

    name: str
    columns: list[tuple[str, str]]
    rows: list[dict[str, Any]] = field(default_factory=list)
    more: int = 0  # rows left out by a cap
    more_url: str | None = None  # where the rows left out are: a named query, a paged view
    blanks: dict[str, str] = field(default_factory=dict)  # what a page shows for an empty cell, by column
    hidden: tuple[str, ...] = ()  # columns the page leaves out (its own resource on every row); JSON and CSV keep them
    # columns that hold resources: each has its IRI column in the CSV, whatever the rows (an empty table's too); a
    # query's results, whose variables may be bound to anything, are read from their rows
    links: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"name": self.name, "columns": [k for k, _ in self.columns],
                "rows": [{k: json_value(row.get(k)) for k, _ in self.columns} for row in self.rows],
                "more": self.more}


def json_value(value: Any) -> Any:
    """A cell as JSON: a Ref as {"iri", "label"} ({"label"} alone for a text, which no IRI names), numbers as
    numbers, dates as ISO strings."""
    if isinstance(value, Ref):
        return {"iri": value.iri, "label": value.label} if value.iri is not None else {"label": value.label}
    if isinstance(value, list):
        return [json_value(v) for v in value]
    if isinstance(value, Literal):
        value = value.toPython()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    return str(value)


# --- queries of our own (in process, values always bound, never formatted in) ------------------------------


def select(sparql: str, **bindings) -> list[dict]:
    """Run one of our page queries with ``bindings`` and return its rows as dicts of rdflib terms."""
    from graph.namespaces import sparql_prologue

    bound = {k: (v if isinstance(v, (URIRef, Literal, BNode)) else Literal(v)) for k, v in bindings.items()
             if v is not None}
    return list(get_store().query(sparql_prologue() + sparql, bound).dicts())


#: IRIs labelled by one query (a VALUES block).
LABELS_PER_QUERY = 500
# %IRIS% are IRIs read from the store or the results of a query, written with rdflib's escaping (never request text).
_LABELS_OF = "SELECT ?x ?label WHERE { VALUES ?x { %IRIS% } ?x rdfs:label|skos:prefLabel|dcterms:title ?label }"
# What names a resource that no source names: a grant its amount and beneficiary, a membership its member, pole and
# circle, a proxy who gives it to whom, a session its day and organ, a deliberation without a title (an SCDL row
# gives none) its number and authority, a register's grant reference its number, register and line, a quote of a
# source (its evidence selector) the words it quotes, cut short. The IRIs are
# given to each branch of the union: given once around it, the engine read every grant, membership… of the store
# before joining them (a deliberation's page took 160–240 ms at 10k actors, 1 ms so). Each part is a branch of its
# own, and the rows distinct: a triple that several sources state matches once per graph in their union, and the parts
# joined in one branch multiplied (five registers of one PTCE: 315,000 rows, 11 s, for a pole's memberships).
#: The branches of that union, by the kind of resource each names (:func:`names_of_unnamed` takes those asked for).
UNNAMED_KINDS = {
    "grant": ("{ VALUES ?x { %IRIS% } ?x a mai:Grant ; schema:amount ?amount }",
              "{ VALUES ?x { %IRIS% } ?x a mai:Grant ; mai:beneficiary/rdfs:label ?beneficiary }",
              # a beneficiary that a source wrote as a text (a SHACL violation stored without --strict), by its text
              "{ VALUES ?x { %IRIS% } ?x a mai:Grant ; mai:beneficiary ?beneficiary "
              "FILTER(isLiteral(?beneficiary)) }"),
    "membership": ("{ VALUES ?x { %IRIS% } ?x a org:Membership ; org:member/rdfs:label ?member }",
                   "{ VALUES ?x { %IRIS% } ?x a org:Membership ; org:organization/rdfs:label ?organization }",
                   "{ VALUES ?x { %IRIS% } ?x a org:Membership ; org:role/skos:prefLabel ?circle }"),
    "proxy": ("{ VALUES ?x { %IRIS% } ?x a mai:Proxy ; mai:from/rdfs:label ?giver }",
              "{ VALUES ?x { %IRIS% } ?x a mai:Proxy ; mai:to/rdfs:label ?holder }"),
    "session": ("{ VALUES ?x { %IRIS% } ?x a mai:Session ; dcterms:date ?day }",
                "{ VALUES ?x { %IRIS% } ?x a mai:Session ; mai:body/rdfs:label ?organ }"),
    "deliberation": ("{ VALUES ?x { %IRIS% } ?x a mai:Deliberation ; dcterms:identifier ?number }",
                     "{ VALUES ?x { %IRIS% } ?x a mai:Deliberation ; mai:authority/rdfs:label ?authority }"),
    "reference": ("""{ VALUES ?x { %IRIS% } GRAPH ?source { ?x mai:rowNumber ?line } FILTER NOT EXISTS { ?x a ?type }
          OPTIONAL { ?x mai:decisionReference|dcterms:identifier ?reference }
          OPTIONAL { ?source dcterms:title ?register } }""",),
    "quote": ("{ VALUES ?x { %IRIS% } ?x a oa:TextQuoteSelector ; oa:exact ?quote }",),
}


def _unnamed_parts(kinds: tuple[str, ...]) -> str:
    return ("SELECT DISTINCT ?x ?amount ?beneficiary ?member ?organization ?circle ?giver ?holder ?day ?organ\n"
            "  ?number ?authority ?reference ?register ?line ?quote WHERE {\n  "
            + "\n  UNION ".join(branch for kind in kinds for branch in UNNAMED_KINDS[kind]) + "\n}")


_UNNAMED_PARTS = _unnamed_parts(tuple(UNNAMED_KINDS))
#: The characters of a quote that name its selector, at most (a sentence's start).
QUOTE_NAME_LENGTH = 60


def _in_blocks(query: str, iris: Iterable[URIRef]) -> Iterable[dict]:
    """The rows of ``query`` run on ``iris`` (its %IRIS%), LABELS_PER_QUERY at a time."""
    iris = sorted(set(iris), key=str)
    for start in range(0, len(iris), LABELS_PER_QUERY):
        yield from select(query.replace("%IRIS%", " ".join(iri.n3() for iri in iris[start:start + LABELS_PER_QUERY])))


def labels_of(iris: Iterable[URIRef]) -> dict[URIRef, list[Literal]]:
    """The labels (``rdfs:label``, ``skos:prefLabel``, ``dcterms:title``) of ``iris``, for :func:`pick_label`."""
    labels: dict[URIRef, list[Literal]] = {}
    for row in _in_blocks(_LABELS_OF, iris):
        labels.setdefault(row["x"], []).append(row["label"])
    return labels


_NUMBERS_OF = "SELECT ?x ?number WHERE { VALUES ?x { %IRIS% } ?x a mai:Deliberation ; dcterms:identifier ?number }"


def deliberations_by_number(iris: Iterable[URIRef]) -> dict[URIRef, str]:
    """The deliberations among ``iris`` that have a number, named by it as the tables name them ("délibération n°
    2024.00240"): coordinators know a deliberation by its number, not by its title."""
    numbers: dict[URIRef, list] = {}
    for row in _in_blocks(_NUMBERS_OF, iris):
        numbers.setdefault(row["x"], []).append(row["number"])
    return {iri: t("deliberation_no", number=min(found, key=str)) for iri, found in numbers.items()}


def names_of_unnamed(iris: Iterable[URIRef], kinds: Iterable[str] | None = None) -> dict[URIRef, str]:
    """Names in the interface's language for the grants, memberships and proxies among ``iris``, which no source
    names: "Subvention de 20 000 € à DanaeCare", "DanaeCare, membre de PTCE santé (Cercle cœur)", "pouvoir de A
    à B", "Séance du 16 mai 2024 — Bureau Métropolitain", "Délibération n°102 — Département de la Charente-Maritime"
    (the search and their own pages name grants so). ``kinds`` (of :data:`UNNAMED_KINDS`): what ``iris`` can be,
    when the caller knows — the grants that link to a funder are grants, and the union's other branches cost the
    engine two thirds of the query (50 grants: 13.4 ms, 5.3 ms with the grants' branches alone, at 100k actors)."""
    asked = tuple(UNNAMED_KINDS) if kinds is None else tuple(k for k in UNNAMED_KINDS if k in set(kinds))
    if not asked:
        return {}
    parts: dict[URIRef, dict[str, list]] = {}
    for row in _in_blocks(_UNNAMED_PARTS if kinds is None else _unnamed_parts(asked), iris):
        found = parts.setdefault(row["x"], {})
        for key, value in row.items():
            if key != "x" and value is not None:
                found.setdefault(key, []).append(value)
    names = {}
    for iri, found in parts.items():
        best = {key: pick_label(values) for key, values in found.items()}
        if "amount" in found or "beneficiary" in found:
            names[iri] = grant_label(least_amount(found.get("amount", [])), best.get("beneficiary"))
        elif best.get("member") and best.get("organization"):
            circle = f" ({best['circle']})" if best.get("circle") else ""
            names[iri] = t("membership_name", member=best["member"], organization=best["organization"], circle=circle)
        elif best.get("giver") and best.get("holder"):
            names[iri] = t("proxy_name", giver=best["giver"], holder=best["holder"])
        elif "day" in found:
            names[iri] = session_label(min(found["day"], key=str), best.get("organ"))
        elif "number" in found or "authority" in found:
            names[iri] = deliberation_label(best.get("number"), best.get("authority"))
        elif "line" in found:
            names[iri] = grant_reference_label(best.get("reference"), best.get("register"), min(found["line"]))
        elif "quote" in found:
            names[iri] = quote_label(min(found["quote"], key=str))
    return names


def grant_reference_label(reference, register, line) -> str:
    """The name of a partner register's grant reference (graph.ingest.register_grants), an untyped node that no
    source names: "Financement « CONV N° 366-15 » — registre ptce.yaml, ligne 59"."""
    where = t("register_line", register=register, line=line) if register else t("line_number", line=line)
    if reference is None:
        return t("grant_reference_unnumbered", where=where)
    return t("grant_reference_name", reference=reference, where=where)


def session_label(day, organ) -> str:
    """A session's name, which no source gives: "Séance du 16 mai 2024 — Bureau Métropolitain"."""
    return t("session_of", date=format_date(day), organ=f" — {organ}" if organ else "")


def quote_label(quote) -> str:
    """The name of a source's quote (its evidence selector): the words it quotes, in French quotation marks, cut
    short at a word's end.

    >>> quote_label("20 000 € à l'association DanaeCare"), quote_label("mot " * 30)[-6:]
    ("« 20 000 € à l'association DanaeCare »", 'mot… »')
    """
    text = " ".join(str(quote).split())
    if len(text) > QUOTE_NAME_LENGTH:
        text = text[:QUOTE_NAME_LENGTH].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"
    return f"« {text} »"


def deliberation_label(number, authority) -> str:
    """The name of a deliberation that no source titles (an SCDL row gives its number only): "Délibération n°102 —
    Département de la Charente-Maritime", as the search names a deliberation by its number and title."""
    if number is None:
        name = t("deliberation")
    elif re.fullmatch(r"[\d\W_]+", str(number)):
        name = t("deliberation_numbered", number=number)
    else:  # a reference that says what it is ("CONV N° 2074-15"), after the word only
        name = f"{t('deliberation')} {number}"
    return f"{name} — {authority}" if authority is not None else name


def pick_label(candidates: Iterable[Literal | None]) -> str | None:
    """Choose among labels the one in the interface's language (then no language, French, any)."""
    found = [c for c in candidates if c is not None]
    if not found:
        return None
    lang = get_lang()
    for wanted in (lang, None, "fr"):
        if labels := [c for c in found if getattr(c, "language", None) == wanted]:
            return preferred_label(labels)  # small letters before capitals only, then alphabetical
    return preferred_label(found)


def collapse(rows: list[dict], labels: Iterable[str]) -> list[dict]:
    """Merge rows that differ only by their label columns, keeping the best label of each (order kept)."""
    labels = set(labels)
    merged: dict[tuple, dict] = {}
    candidates: dict[tuple, dict[str, list]] = {}
    for row in rows:
        key = tuple(sorted((k, v) for k, v in row.items() if k not in labels))
        if key not in merged:
            merged[key] = {k: v for k, v in row.items() if k not in labels}
            candidates[key] = {name: [] for name in labels}
        for name in labels:
            candidates[key][name].append(row.get(name))
    for key, row in merged.items():
        for name, values in candidates[key].items():
            row[name] = pick_label(values)
    return list(merged.values())


def ref(iri: Any, label: Any = None) -> Ref | None:
    """A Ref to ``iri`` labelled ``label`` (else a short form of the IRI); None stays None; a literal (a text where
    an IRI belongs) is a Ref without IRI, named by its text.

    >>> ref(Literal("Ville de Lyon"))
    Ref(iri=None, label='Ville de Lyon')
    """
    if iri is None:
        return None
    if isinstance(iri, Literal):
        return Ref(None, str(label) if label is not None else str(iri))
    return Ref(str(iri), str(label) if label is not None else short_iri(str(iri)))


def read_whole(*patterns: str) -> str:
    """``patterns`` as sub-selects joined: Oxigraph reads each whole (a scan), then joins them, where as one group
    of patterns it looks the later ones up for each solution of the first (~20 µs a look-up). For queries over every
    grant (22,029 at 100k actors: 2–8x sooner, bench/README.md); where the solutions are few, look-ups cost less."""
    return " ".join(f"{{ SELECT * WHERE {{ {pattern} }} }}" for pattern in patterns)


#: A grant's amounts as the sums read them (bound to ?stated): numbers zero or more only, what the shapes accept
#: (ontology/shapes.ttl, GrantShape). A text is none, since Oxigraph's SUM or MIN of a group that holds a text is
#: unbound (a funder's total went blank); a negative amount, stored without --strict, took 500 € off a funder's
#: total. The pages that show totals say how many grants they leave out (:func:`uncounted_note`). Each sum groups
#: the amounts by grant and keeps the least, ``(MIN(?stated) AS ?amount)``: a grant that its sources give two
#: amounts (a SHACL violation, stored without --strict) counts once, at the amount the SCDL export writes.
COUNTED_AMOUNT = "?grant schema:amount ?stated FILTER(isNumeric(?stated) && ?stated >= 0)"

#: Every grant with its year and its amounts (bound to ?stated, text included: a list shows what a source wrote, and
#: groups by grant to keep one, ``(MIN(?stated) AS ?amount)``), each read whole (:func:`read_whole`), but those
#: replaced.
EVERY_GRANT_YEAR_AMOUNT = " ".join([read_whole("?grant a mai:Grant"),
                                    f"OPTIONAL {{ {read_whole('?grant mai:fiscalYear ?year')} }}",
                                    f"OPTIONAL {{ {read_whole('?grant schema:amount ?stated')} }}", NOT_REPLACED])
#: The same with the amounts that the sums count only (:data:`COUNTED_AMOUNT`): a grant with none has ?stated unbound.
EVERY_GRANT_YEAR_COUNTED_AMOUNT = EVERY_GRANT_YEAR_AMOUNT.replace("?grant schema:amount ?stated", COUNTED_AMOUNT)


def number_of(term) -> int | float | Decimal | None:
    """The number that a term holds (an amount, a year), or None: none, or a text ("mille euros", a SHACL violation
    stored without --strict)."""
    value = term.toPython() if term is not None else None
    return value if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) else None


def counted_amount(term) -> int | float | Decimal | None:
    """The number of an amount that the totals count (:data:`COUNTED_AMOUNT`), or None: none, a text, or a negative
    number (the shapes reject both).

    >>> counted_amount(Literal(20000)), counted_amount(Literal(-500)), counted_amount(Literal("mille euros"))
    (20000, None, None)
    """
    number = number_of(term)
    return number if number is not None and number >= 0 else None


def uncounted_note(count: int) -> str:
    """What a page that shows totals says of the ``count`` grants they leave out, and why; '' for none."""
    if not count:
        return ""
    singular, _, plural = t("grant_noun").partition("|")
    return t("uncounted_grants", grants=counted(count, singular, plural, lang=get_lang()))


def amount_cell(term) -> float | str | None:
    """An amount as the grants tables show it: its number, or the text a source wrote instead (shown as written)."""
    if term is None:
        return None
    number = number_of(term)
    return float(number) if number is not None else str(term)


def least_amount(terms: list) -> Any:
    """The amount a grant is named by among those its sources state: the least number (as the sums keep one,
    :data:`COUNTED_AMOUNT`, a negative one too, which they leave out), else the text one wrote; None for none."""
    numbers = [term for term in terms if number_of(term) is not None]
    return min(numbers, key=number_of) if numbers else next(iter(terms), None)


def descending(term) -> tuple:
    """A sort key putting ``term`` in SPARQL's DESC order: larger numbers first, unbound last (a text, between)."""
    if term is None:
        return (1, 0)
    number = number_of(term)
    return (0, -number) if number is not None else (0, 0)


def colon() -> str:
    """A colon as the interface's language writes it: after a no-break space in French ("Total : 20 000 €"), right
    after the word in English ("Total: €20,000")."""
    return "\u00a0:" if get_lang() == "fr" else ":"


def format_money(value) -> str:
    """An amount in euros as the interface's language writes it: "20 000 €", "1 500,50 €" in French (narrow
    no-break spaces between thousands), "€20,000", "€1,500.50" in English; '' for none. An amount that a source wrote
    as text ("mille euros", a SHACL violation stored without --strict) is shown as written."""
    if value is None or value == "":
        return ""
    number = json_value(value)
    if isinstance(number, str):
        return number
    return money_text(float(number), get_lang())


def money_text(number: float, lang: str) -> str:
    """Euros in ``lang`` ("fr" or "en"), cents only when there are some.

    >>> money_text(97176.97, "fr"), money_text(97176.97, "en"), money_text(20000, "en")
    ('97\u202f176,97\xa0€', '€97,176.97', '€20,000')
    """
    text = f"{number:,.2f}".removesuffix(".00")
    if lang == "en":
        return f"€{text}"
    return text.replace(",", "\u202f").replace(".", ",") + "\u00a0€"


def format_date(value) -> str:
    """A date as the interface's language writes it ("16 mai 2024", "16 May 2024"); other values as they are."""
    day = value.toPython() if isinstance(value, Literal) else value
    if not isinstance(day, dt.date):
        return str(value)
    if get_lang() == "en":
        return f"{day.day} {day.strftime('%B')} {day.year}"
    from graph.ingest.french import format_date_words

    return format_date_words(day)


def format_value(value):
    """A value as a page shows it: a date (``xsd:date``, ``xsd:dateTime``) as :func:`format_date` writes it, with
    its time of day for a dateTime; a boolean as "oui" or "non" ("yes", "no"); anything else as it is."""
    python = value.toPython() if isinstance(value, Literal) else value
    if isinstance(python, bool):
        return t("true" if python else "false")
    if isinstance(python, dt.datetime):
        return f"{format_date(python.date())} {python:%H:%M}"
    if isinstance(python, dt.date) and (not isinstance(value, Literal) or value.datatype == XSD.date):
        return format_date(python)
    return value


def party_label(party, label) -> Any:
    """The name of a grant's funder or beneficiary ``party``: its ``label``, else the text that a source wrote where
    its IRI belongs ("Club des aînés", which no label names), else None."""
    return label if label is not None or not isinstance(party, Literal) else party


def grant_label(amount, beneficiary) -> str:
    """A grant's name, which no source gives: "Subvention de 20 000 € à DanaeCare" (as the search names it)."""
    return t("grant_of", amount=format_money(amount) or t("unknown_amount"),
             who=str(beneficiary) if beneficiary is not None else t("unknown_beneficiary"))


def short_iri(iri: str) -> str:
    from webapp.labels import qname

    short = qname(URIRef(iri))
    if short != iri:
        return short
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri


# --- links -------------------------------------------------------------------------------------------------


def local_path(iri: str) -> str:
    """The explorer's page of ``iri``: ``/id/…`` under the configured base, ``/resource?iri=…`` otherwise."""
    base = current_app.config["MAILLAGE"]["base"]
    if iri.startswith(base) and len(iri) > len(base):
        return "/id/" + quote(iri[len(base):], safe="/-_.~")
    return "/resource?" + urlencode({"iri": iri})


def cell(value, kind: str | None = None) -> Markup:
    """A value as a page shows it in a table or a list: a link for a resource (a :class:`Ref`, or a mapping with
    an ``iri``; a Ref without IRI as its text), an amount for a ``"money"`` column, a text of a ``"source_kind"``
    column by the name of the kind of source it may be (as a source's page names it), anything else as
    :func:`format_value` writes it; nothing for None. A function rather than a template macro: a goal's or a large
    funder's page shows hundreds of values, and a macro's call cost Jinja 8.4 µs a link against 5.3 µs."""
    if value is None:
        return Markup("")
    if isinstance(value, Ref):
        iri, label = value
        if iri is None:
            return escape(label)
    elif isinstance(value, abc.Mapping) and "iri" in value:
        iri, label = value["iri"], value.get("label", "")
    elif kind == "money":
        return escape(format_money(value))
    elif kind == "source_kind" and isinstance(value, str):
        from webapp.display import source_kind_label  # webapp.display builds on this module

        return escape(source_kind_label(str(value)))
    else:
        return escape(format_value(value))
    return Markup(f'<a href="{escape(local_path(iri))}">{escape(label)}</a>')


def twin_url(fmt: str, **extra) -> str:
    """The URL of this page in ``fmt`` (json or csv), keeping its query string."""
    args = {k: v for k, v in request.args.items() if k not in ("format", "table")}
    args.update({"format": fmt, **extra})
    return request.path + "?" + urlencode(args)


# --- answering ---------------------------------------------------------------------------------------------


def wanted_format() -> str:
    """html, json or csv, from ``?format=``, the URL suffix, then the Accept header."""
    fmt = request.args.get("format")
    if fmt:
        if fmt not in ("html", "json", "csv"):
            raise ApiError(f"format inconnu « {fmt} » (html, json, csv)", f"unknown format '{fmt}' (html, json, csv)",
                           status=406, code="unknown-format")
        return fmt
    if request.path.endswith(".json"):
        return "json"
    if request.path.endswith(".csv"):
        return "csv"
    if request.path.endswith(".html"):
        return "html"
    best = request.accept_mimetypes.best_match(["text/html", "application/json", "text/csv"], "text/html")
    return {"application/json": "json", "text/csv": "csv"}.get(best, "html")


#: The rows at most of a table downloaded as CSV: the whole table, where its page shows a part of it (a page of
#: grants, the funding page's first 100); a table longer still is cut, and the download says so in a header.
MAX_DOWNLOAD_ROWS = 100_000


def shown_rows(size: int, table: str) -> int:
    """The rows of ``table`` to read: ``size`` for a page, the whole table when it is the one downloaded as CSV
    (a download of a page's first rows only lost the others without a word)."""
    return MAX_DOWNLOAD_ROWS if downloaded(table) else size


def downloaded(table: str) -> bool:
    """Whether this request downloads ``table`` as CSV (the whole table, not the page's part of it)."""
    return wanted_format() == "csv" and request.args.get("table", table) == table


def page_window(table: str, offset: int, size: int) -> tuple[int, int]:
    """Where the rows of ``table`` start and how many to read: the page's, or all of them from the first when the
    table is downloaded as CSV (:func:`shown_rows`)."""
    return (0, MAX_DOWNLOAD_ROWS) if downloaded(table) else (offset, size)


def _wants_excel() -> bool:
    """Whether a CSV download asks for the spreadsheet variant (``excel=1``, ``yes``, ``true``…)."""
    return request.args.get("excel", "").lower() not in ("", "0", "false", "no", "non")


def render_page(template: str, data: dict, **context) -> Response:
    """Answer ``data`` as the HTML page ``template``, as JSON, or one of its tables as CSV; each says ``Vary: Accept``,
    since without ``?format=`` or a suffix the Accept header chooses (a cache must not serve the JSON to a browser)."""
    response = _render_page(template, data, **context)
    response.vary.add("Accept")
    return response


def _render_page(template: str, data: dict, **context) -> Response:
    fmt = wanted_format()
    tables = {v.name: v for v in data.values() if isinstance(v, Table)}
    if fmt == "json":
        return jsonify({k: (v.to_json() if isinstance(v, Table) else json_value_deep(v)) for k, v in data.items()})
    if fmt == "csv":
        name = request.args.get("table") or (next(iter(tables)) if len(tables) == 1 else None)
        if name not in tables:
            raise ApiError(f"précisez le tableau avec ?table= ({', '.join(tables)})",
                           f"name the table with ?table= ({', '.join(tables)})", code="unknown-table")
        return csv_response(tables[name], excel=_wants_excel())
    return Response(render_template(template, **data, **context, json_url=twin_url("json")), mimetype="text/html")


def json_value_deep(value: Any) -> Any:
    if isinstance(value, Table):
        return value.to_json()
    if isinstance(value, dict):
        return {str(k): json_value_deep(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) and not isinstance(value, Ref):
        return [json_value_deep(v) for v in value]
    return json_value(value)


def spreadsheet_safe(value):
    """Prefix with ' a text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR: OWASP CSV injection).

    Numbers stay numbers; only the explorer's table downloads are protected, not the SPARQL results format.

    >>> spreadsheet_safe('=HYPERLINK("http://x")')[:2], spreadsheet_safe(-12.5), spreadsheet_safe("Soin")
    ("'=", -12.5, 'Soin')
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_response(table: Table, excel: bool = False) -> Response:
    """One table as CSV: a Ref gives two columns, its label and its IRI. For ``excel``, as a spreadsheet in French
    opens it with a double click: a byte order mark (else it reads UTF-8 as Windows-1252: « Ã© »), cells apart by
    ";" and a decimal comma (else every line lands in one cell)."""
    out = io.StringIO()
    if excel:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=";" if excel else ",")
    header = []
    for key, _ in table.columns:
        header.append(key)
        if key in table.links or any(isinstance(row.get(key), Ref) for row in table.rows):
            header.append(key + "_iri")
    writer.writerow(header)
    for row in table.rows:
        line = []
        for key in header:
            if key.endswith("_iri") and key[:-4] in row and isinstance(row[key[:-4]], Ref):
                line.append(row[key[:-4]].iri)
                continue
            value = row.get(key)
            value = value.label if isinstance(value, Ref) else ("" if value is None else json_value(value))
            if isinstance(value, float) and value.is_integer():
                value = int(value)  # an amount of 20 000 € is written 20000, not 20000.0
            elif isinstance(value, float):  # 0.1 + 0.2 as 0.3, 1e-07 as 0.0000001; -1250.5 stays a number
                # 15 significant digits, what a float holds for sure: 1693684.86, not 1693684.8600000001
                text = f"{value:.15g}"
                value = (text if "e" not in text else f"{value:.10f}".rstrip("0")).replace(".", "," if excel else ".")
                line.append(value)
                continue
            line.append(spreadsheet_safe(value))
        writer.writerow(line)
    response = Response(out.getvalue(), mimetype="text/csv")
    if table.more:  # cut at MAX_DOWNLOAD_ROWS, as the SPARQL endpoint says a result cut at max_rows
        response.headers["X-Maillage-Truncated"] = str(table.more)
    response.headers["Content-Disposition"] = f'attachment; filename="{table.name}{"-excel" * excel}.csv"'
    return response


#: The longest query that the editor's language switch carries in its link (a longer one is left for the form).
MAX_QUERY_IN_LINK = 2000


def init_app(app) -> None:
    """Template helpers: links to resources, amounts, twins."""

    @app.context_processor
    def _helpers():
        return {"local_path": local_path, "twin_url": twin_url, "Ref": Ref, "url_for": url_for,
                "uploads_open": bool(current_app.config["MAILLAGE"].get("write_token"))}

    @app.template_filter("combine_lang")
    def _combine_lang(args, lang: str) -> str:
        # the request's arguments, every value of a repeated one (the editor's two default-graph-uri), the language
        # replaced
        pairs = [(k, v) for k, v in args.items(multi=True) if k != "lang"]
        # a query the editor ran by POST, on the dataset it was posted with: the page in the other language runs it
        # again (a link of reasonable length; no other form's fields, an upload's token among them, ever go into it)
        if request.method == "POST" and request.path == "/sparql" and not any(k == "query" for k, _ in pairs) \
                and 0 < len(query := request.form.get("query") or "") <= MAX_QUERY_IN_LINK:
            pairs += [("query", query)] + [(k, v) for k in ("default-graph-uri", "named-graph-uri")
                                           for v in request.form.getlist(k)]
        return urlencode(pairs + [("lang", lang)])

    @app.template_filter("safe_highlight")
    def _safe_highlight(text) -> Markup:
        """Escape a search snippet, keeping only the <mark>/<b> tags the search engine puts around hits."""
        if isinstance(text, (list, tuple)):
            text = " … ".join(str(x) for x in text)
        escaped = str(escape(str(text)))
        for tag in ("mark", "b", "strong", "em"):
            escaped = escaped.replace(f"&lt;{tag}&gt;", f"<{tag}>").replace(f"&lt;/{tag}&gt;", f"</{tag}>")
        return Markup(escaped)

    @app.template_global("counted")
    def _counted(n: int, key: str) -> str:
        """``n`` and the noun of the i18n entry ``key`` (« 1 subvention », "3 grants"), singular or plural as the
        interface's language counts: the entry gives the singular and the plural parted by "|"."""
        lang = get_lang()
        singular, _, plural = t(key).partition("|")
        return counted(n, singular, plural or None, lang=lang)

    app.add_template_filter(format_money, "money")
    app.add_template_global(uncounted_note, "uncounted_note")
    app.add_template_global(colon, "colon")
    app.add_template_global(cell, "cell")
    app.add_template_filter(format_value, "shown")
