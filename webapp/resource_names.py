"""How pages name resources: their labels in the interface's language (:func:`labels_of`, :func:`pick_label`,
rows merged by :func:`collapse`), and names for what no source names — grants, memberships, proxies, sessions,
deliberations without a title, register references, quotes, the issues and previous versions kept with a source
(:func:`names_of_unnamed`).
"""

from __future__ import annotations

from typing import Any, Iterable

from rdflib import Literal, URIRef

from graph.french_text import is_number
from graph.identity_names import preferred_label
from webapp.formatting import format_date, format_money, format_value
from webapp.grant_amounts import least_amount
from webapp.i18n import get_lang, t
from webapp.page_data import in_language
from webapp.page_queries import select

#: Label predicates, in order of preference, used by OPTIONAL label patterns.
LABEL_PATTERN = "<http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#prefLabel>" \
                "|<http://purl.org/dc/terms/title>"


#: IRIs labelled by one query (a VALUES block).
LABELS_PER_QUERY = 500
# %IRIS% are IRIs read from the store or the results of a query, written with rdflib's escaping (never request text).
# A resource that none of these names is named by its schema:name, else its foaf:name (?rank: the order of
# preference): a Linked Data file in the standard vocabularies names its actors so, and they were shown by their IRI.
_LABELS_OF = """SELECT ?x ?label ?rank WHERE {
  { VALUES ?x { %IRIS% } ?x rdfs:label|skos:prefLabel|dcterms:title ?label BIND(0 AS ?rank) }
  UNION { VALUES ?x { %IRIS% } ?x schema:name ?label BIND(1 AS ?rank) }
  UNION { VALUES ?x { %IRIS% } ?x foaf:name ?label BIND(2 AS ?rank) } }"""
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
    "issue": ("""{ VALUES ?x { %IRIS% } ?x a mai:IngestIssue ; mai:severity ?severity ; dcterms:description ?said
          OPTIONAL { ?x mai:rowNumber ?issueLine } }""",),
    "version": ("{ VALUES ?x { %IRIS% } ?x a mai:SourceVersion ; prov:generatedAtTime ?imported }",),
}


def _unnamed_parts(kinds: tuple[str, ...]) -> str:
    return ("SELECT DISTINCT ?x ?amount ?beneficiary ?member ?organization ?circle ?giver ?holder ?day ?organ\n"
            "  ?number ?authority ?reference ?register ?line ?quote ?severity ?said ?issueLine ?imported WHERE {\n  "
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
    """The labels (``rdfs:label``, ``skos:prefLabel``, ``dcterms:title``) of ``iris``, for :func:`pick_label`; of
    one that has none, its ``schema:name``, else its ``foaf:name``."""
    ranked: dict[URIRef, dict[int, list[Literal]]] = {}
    for row in _in_blocks(_LABELS_OF, iris):
        if isinstance(row["label"], Literal):
            ranked.setdefault(row["x"], {}).setdefault(int(row["rank"]), []).append(row["label"])
    return {iri: found[min(found)] for iri, found in ranked.items()}


def named_columns(rows: list[dict], columns: dict[str, str]) -> list[dict]:
    """``rows`` (kept answers, left as they are) with the label of each IRI of ``columns`` (column: its label's
    column) chosen as the resource pages choose it (:func:`labels_of`, :func:`pick_label`: the page's language, then
    none, then any; a ``schema:name`` or ``foaf:name`` where no label is). A label sampled in the query was any of
    an actor's: its English one on a French page."""
    labels = labels_of({row[c] for row in rows for c in columns if isinstance(row.get(c), URIRef)})
    return [{**row, **{label: pick_label(labels.get(row.get(c), ())) for c, label in columns.items()}} for row in rows]


_NUMBERS_OF = "SELECT ?x ?number WHERE { VALUES ?x { %IRIS% } ?x a mai:Deliberation ; dcterms:identifier ?number }"


def deliberations_by_number(iris: Iterable[URIRef]) -> dict[URIRef, str]:
    """The deliberations among ``iris`` that have a number, named by it as the tables name them ("délibération n°
    2024.00240"): coordinators know a deliberation by its number, not by its title."""
    numbers: dict[URIRef, list] = {}
    for row in _in_blocks(_NUMBERS_OF, iris):
        numbers.setdefault(row["x"], []).append(row["number"])
    return {iri: numbered_deliberation(min(found, key=str)) for iri, found in numbers.items()}


def names_of_unnamed(iris: Iterable[URIRef], kinds: Iterable[str] | None = None) -> dict[URIRef, str]:
    """Names in the interface's language for the grants, memberships and proxies among ``iris``, which no source
    names: "Subvention de 20 000 € à DanaeCare", "DanaeCare, membre de PTCE santé (Cercle cœur)", "pouvoir de A
    à B", "Séance du 16 mai 2024 — Bureau Métropolitain", "Délibération n° 102 — Département de la
    Charente-Maritime" (the search and their own pages name grants so). ``kinds`` (of :data:`UNNAMED_KINDS`): what
    ``iris`` can be, when the caller knows — the grants that link to a funder are grants, and the union's other
    branches cost the engine two thirds of the query (50 grants: 13.4 ms, 5.3 ms with the grants' branches alone, at
    100k actors)."""
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
        elif best.get("giver"):  # « Absents ayant voté par procuration : … » names no holder (Montpellier's acts)
            names[iri] = t("proxy_name_no_holder", giver=best["giver"])
        elif "day" in found:
            names[iri] = session_label(min(found["day"], key=str), best.get("organ"))
        elif "number" in found or "authority" in found:
            names[iri] = deliberation_label(best.get("number"), best.get("authority"))
        elif "line" in found:
            names[iri] = grant_reference_label(best.get("reference"), best.get("register"), min(found["line"]))
        elif "quote" in found:
            names[iri] = quote_label(min(found["quote"], key=str))
        elif "severity" in found:
            names[iri] = issue_label(best["severity"], best.get("said"), min(found.get("issueLine", [None])))
        elif "imported" in found:
            names[iri] = t("source_version_name", date=format_value(min(found["imported"], key=str), seconds=True))
    return names


def issue_label(severity, said, line) -> str:
    """The name of an issue kept with its source (graph.ingest.source_report), which no source names: its severity,
    line and message cut short, « avertissement ligne 12 : subvention déjà publiée par… »."""
    said = shortened(str(said or ""))
    kind = t("ingest_issue_error" if str(severity) == "error" else "ingest_issue_warning")
    if line is None:
        return t("ingest_issue_name_no_line", severity=kind, said=said)
    return t("ingest_issue_name", severity=kind, line=line, said=said)


def shortened(text: str) -> str:
    """``text`` on one line, cut short at a word's end past QUOTE_NAME_LENGTH characters.

    >>> shortened("mot " * 30)[-4:]
    'mot…'
    """
    text = " ".join(text.split())
    if len(text) > QUOTE_NAME_LENGTH:
        text = text[:QUOTE_NAME_LENGTH].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"
    return text


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
    return f"« {shortened(str(quote))} »"


def deliberation_label(number, authority) -> str:
    """The name of a deliberation that no source titles (an SCDL row gives its number only): "Délibération n° 102 —
    Département de la Charente-Maritime", as the search names a deliberation by its number and title."""
    name = t("deliberation") if number is None else numbered_deliberation(number)
    return f"{name} — {authority}" if authority is not None else name


def numbered_deliberation(number) -> str:
    """A deliberation named by its number, by one rule on every page, in the API and the CSVs: « Délibération
    n° 18.5.1 », a no-break space after « n° » (French typography: the sign never ends a line), « n° » before a
    number only: a reference that says what it is follows the word alone (« Délibération CP 2017-04-24 »,
    « Délibération CONV N° 2074-15 »). The API, the funding list and the actor pages named one deliberation three
    ways (« Délibération n°18.5.1 », « n° CP 2017-04-24 », « délibération n° … »)."""
    if is_number(number):  # the rule that the search index follows too (graph.french_text.numbered)
        return t("deliberation_numbered", number=number)
    return f"{t('deliberation')} {number}"


def pick_label(candidates: Iterable[Literal | None]) -> str | None:
    """Choose among labels the one in the interface's language (then no language, French, any), its language kept
    (a :class:`~webapp.page_data.Said`, equal to its text) so that an English page marks a French one."""
    found = [c for c in candidates if c is not None]
    if not found:
        return None
    lang = get_lang()
    for wanted in (lang, None, "fr"):
        if labels := [c for c in found if getattr(c, "language", None) == wanted]:
            return _with_language(preferred_label(labels), labels)  # small letters before capitals, then A to Z
    return _with_language(preferred_label(found), found)


def _with_language(text: str, labels: list) -> str:
    """``text``, the label chosen among ``labels``, with the language of the label it is (a plain str for none)."""
    return in_language(next(label for label in labels if str(label) == text))


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


def party_label(party, label) -> Any:
    """The name of a grant's funder or beneficiary ``party``: its ``label``, else the text that a source wrote where
    its IRI belongs ("Club des aînés", which no label names), else None."""
    return label if label is not None or not isinstance(party, Literal) else party


def grant_label(amount, beneficiary) -> str:
    """A grant's name, which no source gives: "Subvention de 20 000 € à DanaeCare" (as the search names it)."""
    return t("grant_of", amount=format_money(amount) or t("unknown_amount"),
             who=str(beneficiary) if beneficiary is not None else t("unknown_beneficiary"))
