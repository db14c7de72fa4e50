"""How a resource's page writes a property's value in the page's language: amounts in euros ("20 000 €"), a share as
a percentage ("5 %"), a payment period as dates ("du 30 mars 2017 au 24 mai 2017"), a legality control's code as the
body it names ("Préfecture du département 42 (PREF042)"), a grant's own decision date as its decision ("Décision du
12 mars 2016"), other decimals rounded to cents, a source's kind by its name. The JSON twin keeps the values as the
graph states them.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from graph.identifiers import read_control_code
from graph.namespaces import MAI, OA, SCHEMA, THEMES
from webapp.fact_quotes import placed_quotes
from webapp.formatting import format_date, format_money, format_value
from webapp.i18n import get_lang, t
from webapp.labels import term_label
from webapp.page_data import Ref, in_language

#: Properties whose value is an amount of money (in the currency the resource states, euros by default).
MONEY = {SCHEMA.amount, MAI.statedTotal}
#: Properties whose value is a ratio between 0 and 1.
SHARES = {MAI.shareOf}
#: Properties whose value is a date or a period of dates written in ISO 8601 ("2017-03-30/2017-05-24").
PERIODS = {MAI.paymentPeriod}
#: Properties whose value is the code of the body that holds a legality control (SCDL PREF_ID: "PREF042").
CONTROL_CODES = {MAI.legalityControlAuthority}

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: The names of the kinds of source that no reader reads, which :func:`graph.ingest.kinds` does not list: (French,
#: English). The shipped vocabularies are stored as sources of the kind "vocabulary".
_OTHER_KINDS = {"vocabulary": ("Vocabulaire", "Vocabulary")}


def format_number(value, digits: int = 2) -> str:
    """A number as the page's language writes it, rounded to ``digits`` decimals, with no trailing zeros: "4 989,33",
    "0,5" ("4,989.33", "0.5" in English)."""
    number = float(value)
    text = f"{number:,.{digits}f}".rstrip("0").rstrip(".") if digits else f"{number:,.0f}"
    return text.replace(",", "\u202f").replace(".", "," if get_lang() == "fr" else ".")


def format_share(value) -> str:
    """A ratio as a percentage in the page's language: 0.05 → "5 %" ("5%" in English), 0.125 → "12,5 %"."""
    percent = format_number(float(value) * 100)
    return f"{percent}\u00a0%" if get_lang() == "fr" else f"{percent}%"


def format_period(text: str) -> str:
    """A date or a period written "2017-03-30/2017-05-24" as dates in the page's language ("du 30 mars 2017 au 24
    mai 2017"); anything else as it is."""
    ends = str(text).split("/")
    if not all(_ISO_DAY.fullmatch(end.strip()) for end in ends) or len(ends) > 2:
        return str(text)
    try:
        days = [dt.date.fromisoformat(end.strip()) for end in ends]
    except ValueError:
        return str(text)
    if len(days) == 1:
        return format_date(days[0])
    return t("period", start=format_date(days[0]), end=format_date(days[1]))


#: The message of each kind of legality control's body (:func:`graph.identifiers.read_control_code`).
_CONTROL_KINDS = {"PREF": "control_prefecture", "SPREF": "control_sub_prefecture", "SGAR": "control_sgar"}


def format_control_code(code: str) -> str:
    """A legality control's code as the body it names in the page's language, with its département's number (the
    project has no table of their names) and the code: "SPREF0691" → "Sous-préfecture de l'arrondissement 1 du
    département 69 (SPREF0691)"; a text of another form as it is."""
    read = read_control_code(code)
    if read is None:
        return code
    kind, departement, arrondissement = read
    return t(_CONTROL_KINDS[kind], departement=departement, arrondissement=arrondissement, code=code)


def source_kind_label(name: str) -> str:
    """The name of a kind of source (``deliberation``, ``scdl-subventions``…) in the page's language: its kind's
    labels (:class:`graph.ingest.base.SourceKind`); a name that no kind has, as it is."""
    from graph.ingest import kinds

    found = kinds().get(name)
    labels = (found.label, found.label_en) if found is not None else _OTHER_KINDS.get(name, (name, name))
    return labels[get_lang() == "en"]


#: Properties whose values are text copied from a source document (a title, an object, a quote, a place as the text
#: words it): an untagged one is French, since Maillage reads French documents (deliberations, SCDL tables, RNA,
#: SIRENE, registers), whose readers tag no text. Marked so on a page (``lang="fr"``), not in the data: the graph
#: states what the source states. Names (``rdfs:label``) are not: a proper noun is in no one language.
COPIED_TEXT = {DCTERMS.title, DCTERMS.description, SCHEMA.areaServed, SCHEMA.location, OA.exact, MAI.roleTitle,
               MAI.signatory, MAI.paymentConditions, MAI.aidForms, MAI.programme}


def source_language(predicate: str, value):
    """``value`` with the language it is written in, for the page to mark (:func:`webapp.views.said_in_own_language`):
    a tagged literal's own; French for an untagged text of a property of :data:`COPIED_TEXT`; else none."""
    if isinstance(value, Literal) and value.language:
        return value
    copied = isinstance(value, Literal) and value.datatype is None and URIRef(predicate) in COPIED_TEXT
    return in_language(value, "fr") if copied else value


def shown_as(predicate: str, value, currency: str | None = None, of_source: bool = False):
    """A literal value of ``predicate`` as the page writes it (see the module); an amount in another currency than
    the euro is written with its code. ``of_source``: whether the page's resource is a ``mai:Source`` (or a removed
    one), whose untagged ``dcterms:type`` is the kind of source that read it (named by :func:`source_kind_label`);
    another resource's is a text of its own (an establishment's category), shown as it is."""
    if not isinstance(value, Literal):
        return format_value(value)
    predicate, python = URIRef(predicate), value.toPython()
    number = isinstance(python, (int, float, Decimal)) and not isinstance(python, bool)
    if predicate in MONEY and number:
        if currency not in (None, "EUR"):
            return f"{format_number(python)}\u00a0{currency}"
        return format_money(python)
    if predicate in SHARES and number:
        return format_share(python)
    if predicate in PERIODS:
        return format_period(str(value))
    if predicate in CONTROL_CODES:
        return format_control_code(str(value))
    if predicate == DCTERMS.type and of_source and not value.datatype and not value.language:
        return source_kind_label(str(value))
    if predicate in (PROV.generatedAtTime, PROV.invalidatedAtTime):  # a source's import or removal, to the second
        return format_value(value, seconds=True)
    if predicate == DCTERMS.dateAccepted and isinstance(python, dt.date):  # said where a deliberation is linked
        return t("decision_of", date=format_date(python))
    if isinstance(python, (float, Decimal)) and not float(python).is_integer():
        return format_number(python)
    return format_value(value)


#: The order in which a page says the properties of a kind of resource, as its readers read it; the others after,
#: by name. A session as a clerk reads a register's heading: its body, day and convocation, who chaired and who
#: wrote, the counts, then who was present, represented, excused or absent (they came by name: « excusé » before
#: « présent », the chair after the 54 names). A grant as one asks about it: who gives, to whom, how much, for which
#: year, for what, decided by which deliberation (by name, a SCDL grant's page opened on its « conditions de
#: versement », a paragraph of legal text that filled a phone's first screen, its funder and amount on the second).
KIND_ORDERS = {MAI.Session: (MAI.body, DCTERMS.date, MAI.convenedOn, MAI.chair, MAI.secretary, MAI.membersInOffice,
                             MAI.membersPresent, MAI.proxyCount, MAI.voteCount, MAI.present, MAI.proxy, MAI.excused,
                             MAI.absent),
               MAI.Grant: (SCHEMA.funder, MAI.beneficiary, SCHEMA.amount, MAI.fiscalYear, DCTERMS.description,
                           MAI.decidedBy, DCTERMS.dateAccepted)}
#: The properties of a kind of resource that its page says last, after those by name: its long texts.
KIND_LAST = {MAI.Grant: (MAI.paymentConditions,)}


def value_order(order, value) -> tuple:
    """The place of a property's value among the others: by its rank or family name (``order``: a number before a
    text), then by its name, case and accents aside."""
    from graph.identity_names import fold

    name = fold(str(value.label if isinstance(value, Ref) else value))
    if order is None:
        return (2, 0.0, "", name)
    try:
        return (0, float(str(order)), "", name)
    except ValueError:
        return (1, 0.0, fold(str(order)), name)


def by_language(values: list) -> tuple[list, list]:
    """The values to show in the page's language, and those in other languages: texts tagged with another language
    are set apart when one is in the page's language (or untagged); else all are shown."""
    lang = get_lang()
    tagged = [v for v in values if isinstance(v, Literal) and v.language]
    if not tagged or not any(v.language == lang for v in tagged):
        return values, []
    return ([v for v in values if not (isinstance(v, Literal) and v.language and v.language != lang)],
            [v for v in values if isinstance(v, Literal) and v.language and v.language != lang])


def page_context(data: dict) -> dict:
    """What the HTML page of a resource needs beyond its data: the properties it does not list (an internal key;
    the currency, when it is the euro that the amounts already show; the chair's title, said next to the chair; a
    deliberation's attendance at its vote, and a source's counts of ingest issues, each said in its own section),
    the currency of its amounts, whether it is a source (:func:`shown_as`), and the titles to write next to a value
    of a property, by (property, value) IRIs ("Première Vice-Présidente" next to the chair, not next to the same
    person among those present) or a literal's text (« année de la convention » next to a grant's fiscal year that
    its reader took from that date)."""
    values = {str(prop["property"].iri): prop["values"] + prop.get("other_languages", [])
              for prop in data.get("properties", [])}
    hidden = {str(MAI.nameKey)}
    currencies = {str(v) for v in values.get(str(SCHEMA.currency), [])}
    if currencies <= {"EUR"}:
        hidden.add(str(SCHEMA.currency))
    titles = {}
    if values.get(str(MAI.roleTitle)) and values.get(str(MAI.chair)):
        hidden.add(str(MAI.roleTitle))
        title = ", ".join(str(v) for v in values[str(MAI.roleTitle)])
        titles = {(str(MAI.chair), v.iri): title for v in values[str(MAI.chair)] if isinstance(v, Ref)}
    if origin := data.get("fiscal_year_origin"):  # « 2015 (année de la convention) »: a year read from a date
        titles.update({(str(MAI.fiscalYear), str(year)): t(f"fiscal_year_of_{origin}")
                       for year in values.get(str(MAI.fiscalYear), [])})
    # « Subventions de fonctionnement aux personnes… (compte 6574) »: an M57 account named with its number
    titles.update({(str(MAI.budgetNature), v.iri): t("account_number", number=v.iri.rsplit("/", 1)[-1])
                   for v in values.get(str(MAI.budgetNature), []) if isinstance(v, Ref)
                   and v.iri.rsplit("/", 1)[-1].isdigit()})
    # « décidée par Délibération n° 2024.00240 (le texte décide 20 000 € (écart de 5 000 €)) »: a list's amount
    titles.update({(str(MAI.decidedBy), iri): said for iri, said in (data.get("text_differs") or {}).items()})
    if (data.get("attendance") or {}).get("own"):  # said under "Présents au vote"
        hidden |= {str(prop["property"].iri) for prop in data["attendance"]["properties"]}
    if data.get("ingest_report"):  # its counts and its version's changes said under « Rapport d'import »
        hidden |= {str(MAI.warningCount), str(MAI.errorCount), str(SKOS.changeNote)}
    if data.get("source_versions"):  # listed under « Versions précédentes »
        hidden.add(str(PROV.wasRevisionOf))
    if values.get(str(SKOS.topConceptOf)) and values.get(str(SKOS.topConceptOf)) == values.get(str(SKOS.inScheme)):
        hidden.add(str(SKOS.topConceptOf))  # « concept de tête de » the scheme it is already said to be in
    of_source = any(ty.iri in (str(MAI.Source), str(MAI.RemovedSource)) for ty in data.get("types", []))
    summary = deliberation_summary(data)
    hidden |= {str(prop["property"].iri) for prop in summary if prop["property"].iri in values}
    currency = next(iter(currencies)) if len(currencies) == 1 else None
    lists = attendance_lists(data.get("attendance"))
    session = any(kind.iri == str(MAI.Session) for kind in data.get("types", []))
    placed = placed_quotes(data, summary, lists, KIND_ORDERS[MAI.Session] if session else ())
    return {"hidden": hidden, "currency": currency, "of_source": of_source, "titles": titles, "summary": summary,
            "number": heading_number(data, values), "attendance_lists": lists, "placed": placed,
            "property_quotes": property_quotes(data, placed["moved"] + placed["summary"]),
            "restated": restated_inverses(data.get("properties", []), data.get("inverse") or [])
            | _listed_in_tables(data),
            "tagged": tagged_with(values, data.get("inverse") or []),
            "relabels": theme_relabels(values) | session_relabels(data, values) | grant_relabels(data, values)}


def heading_number(data: dict, values: dict) -> str | None:
    """What a deliberation's heading says before its title: « Délibération n° 2024.00240 », as the search and the
    funding page name it (a clerk looks a deliberation up by its number); None for another resource, or a title
    that already says it (a deliberation that no source titles is named by its number)."""
    if not any(kind.iri == str(MAI.Deliberation) for kind in data.get("types", [])):
        return None
    number = next(iter(values.get(str(DCTERMS.identifier), [])), None)
    if number is None or str(number) in str(data.get("label")):
        return None
    return t("deliberation_numbered", number=number)


#: The properties whose value a reader derives from another's, whose quotes are theirs too: a grant's M57 nature
#: account, read from its imputation as printed (« SERV/65748/PROCE » → 65748).
_DERIVED_FROM = {str(MAI.budgetNature): str(MAI.budgetAccount)}


def property_quotes(data: dict, placed: list[dict] = ()) -> dict[str, list[dict]]:
    """The quotes of the page's resource that state the value of one of its properties (``mai:supports`` → the
    property: a grant's fiscal year, budget account or purpose, in a deliberation's words), by property IRI, for its
    « Pourquoi ? » beside the value; a derived property (:data:`_DERIVED_FROM`) has those of the one it is read from.
    Not those that the page sets elsewhere (``placed``: a session's beside its facts, a deliberation's number's in
    its summary, :func:`webapp.fact_quotes.placed_quotes`)."""
    found: dict[str, list[dict]] = {}
    for quote in (data.get("evidence") or {}).get(data.get("iri"), []):
        if quote.get("supports") and quote not in placed:
            for value in quote.get("stated") or [quote["supports"]]:
                found.setdefault(value, []).append(quote)
    for derived, origin in _DERIVED_FROM.items():
        if origin in found:
            found.setdefault(derived, []).extend(found[origin])
    return found


def _is_theme(values: dict) -> bool:
    """Whether the page's resource is a theme: a concept of Maillage's scheme of themes (``values``: its
    properties' values by property IRI)."""
    schemes = values.get(str(SKOS.inScheme), []) + values.get(str(SKOS.topConceptOf), [])
    return any(isinstance(v, Ref) and v.iri == str(THEMES) for v in schemes)


def tagged_with(values: dict, inverse: list[dict]) -> dict | None:
    """What a theme's page answers first (« who works on this? »): the actors, grants and acts that have the theme
    (its incoming ``dcterms:subject``), which the page lists before the thesaurus' relations; None for another
    resource."""
    if not _is_theme(values):
        return None
    return next((group for group in inverse if group["property"].iri == str(DCTERMS.subject)), None)


def theme_relabels(values: dict) -> dict[str, str]:
    """The labels in plain words of a theme's broader and narrower relations (« thème plus large », « thèmes plus
    précis »), by property IRI; none for another resource, kept as « plus général », « plus précis »."""
    if not _is_theme(values):
        return {}
    return {str(SKOS.broader): t("broader_theme"), str(SKOS.narrower): t("narrower_themes")}


def grant_relabels(data: dict, values: dict) -> dict[str, str]:
    """The label of a grant's own decision date (``dcterms:dateAccepted``, kept when no deliberation holds it) where
    a deliberation would be named: « décidée par — Décision du 12 mars 2016 », not linked (there is no
    deliberation's page); none for another resource, or for a grant that a deliberation decides as well."""
    grant = any(kind.iri == str(MAI.Grant) for kind in data.get("types", []))
    if not grant or not values.get(str(DCTERMS.dateAccepted)) or values.get(str(MAI.decidedBy)):
        return {}
    return {str(DCTERMS.dateAccepted): term_label(MAI.decidedBy)}


#: What a deliberation's page says first, in this order (the vote's counts follow): its number, date, authority,
#: body and the outcome of its vote.
SUMMARY = (DCTERMS.identifier, DCTERMS.date, MAI.authority, MAI.body, MAI.outcome)


def deliberation_summary(data: dict) -> list[dict]:
    """The key facts of a deliberation's page, said before the names of who attended (a phone user read them nine
    screens down): the properties of :data:`SUMMARY`, then the counts of its vote (members in office, present,
    proxies, votes) as the attendance states them; none for another resource."""
    attendance = data.get("attendance")
    if attendance is None and "decided_grants" not in data:
        return []
    by_iri = {str(prop["property"].iri): prop for prop in data.get("properties", [])}
    found = [by_iri[str(p)] for p in SUMMARY if str(p) in by_iri]
    if attendance:
        found += [prop for prop in attendance["session_facts"] + attendance["properties"]
                  if prop["values"] and all(_is_count(v) for v in prop["values"])]
    return found


def _is_count(value) -> bool:
    """Whether an attendance value is a count (a number of members, of proxies, of votes), not a person."""
    return isinstance(value, int) and not isinstance(value, bool)


#: The plural headings of the attendance lists (« Présents (54) »), by property.
_LIST_HEADINGS = {MAI.present: "attendance_present", MAI.excused: "attendance_excused", MAI.absent: "attendance_absent",
                  MAI.proxy: "attendance_proxies"}


def session_relabels(data: dict, values: dict) -> dict[str, str]:
    """The headings of a session's lists of names with their counts (« Présents (54) », not « présent » above a bare
    list of 54 names), by property IRI; none for another resource."""
    if not any(kind.iri == str(MAI.Session) for kind in data.get("types", [])):
        return {}
    return {str(p): t(key, n=len(values[str(p)])) for p, key in _LIST_HEADINGS.items() if values.get(str(p))}


def attendance_lists(attendance: dict | None) -> list[dict]:
    """The lists of who attended a vote (present, excused, absent, proxies), each with its heading, its anchor and
    its names, that the page folds (each heading says how many); the counts are said in the summary."""
    if not attendance:
        return []
    lists = []
    for prop in attendance["properties"]:
        key = _LIST_HEADINGS.get(URIRef(prop["property"].iri))
        if key and prop["values"]:
            lists.append({"id": "attendance-" + key.rsplit("_", 1)[1], "label": t(key, n=len(prop["values"])),
                          "property": prop["property"], "tooltip": prop["tooltip"], "values": prop["values"]})
    return lists


#: The relations that another one states backwards: a concept's « plus précis » is its narrower concepts' « plus
#: général que ».
_INVERSE_PAIRS = {SKOS.broader: SKOS.narrower, SKOS.narrower: SKOS.broader, SKOS.hasTopConcept: SKOS.topConceptOf,
                  SKOS.topConceptOf: SKOS.hasTopConcept}


def _listed_in_tables(data: dict) -> set[str]:
    """The incoming relations that a deliberation's page lists in its tables: the grants that its text decides and
    those that lists publish citing it, told apart there; « décide » would list both as decided."""
    return {str(MAI.decidedBy)} if "cited_grants" in data else set()


def restated_inverses(properties: list[dict], inverse: list[dict]) -> set[str]:
    """The incoming relations that only repeat, read backwards, what the page's own properties say (the narrower
    themes, listed as « plus précis », again as « plus général que »): the page leaves them out."""
    own = {str(prop["property"].iri): {v.iri for v in prop["values"] if isinstance(v, Ref)} for prop in properties}
    restated = set()
    for group in inverse:
        twin = _INVERSE_PAIRS.get(URIRef(group["property"].iri))
        shown = {v.iri for v in group["values"] if isinstance(v, Ref)}
        if twin is not None and not group.get("more") and shown and shown <= own.get(str(twin), set()):
            restated.add(str(group["property"].iri))
    return restated
