"""What a validation report adds to a value of the wrong datatype: the datatype it has, and what to write instead.

A shape's message says what the value should be ("un nombre décimal (xsd:decimal)"); the person who wrote the file
needs to know why theirs is not (``1.5E4`` is an xsd:double, ``"2024"^^xsd:gYear`` a year, ``42345678900012`` a
number where a SIRET is a text, ``"10/02/2025"^^xsd:date`` no date at all) and how to write it.
And to a missing name (rdfs:label), the name that the file gives in a vocabulary Maillage does not read (foaf:name,
schema:name).
"""

from __future__ import annotations

import re
from calendar import isleap
from collections import defaultdict
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from rdflib.namespace import FOAF, RDF, RDFS, XSD

from graph.namespaces import SCHEMA
from graph.terms import sparql_string, term_parts
from graph.validation_names import IRIS_PER_QUERY, NAMED_IRI

_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)
_INTEGERS = {str(XSD[t]) for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                   "positiveInteger", "unsignedInt", "unsignedLong")}
_NUMBERS = _INTEGERS | {str(XSD[t]) for t in ("decimal", "double", "float")}
#: Spaces (also the narrow no-break space of French number formatting), currency signs and words around an amount.
_AROUND_NUMBER = re.compile(r"[\s\u00a0\u202f€]|EUR|euros?", re.IGNORECASE)
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_FRENCH_DATE = re.compile(r"^([0-9]{2})/([0-9]{2})/([0-9]{4})$")
_DAY = r"-?(?P<year>[1-9][0-9]{3,}|0[0-9]{3})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12][0-9]|3[01])"
_ZONE = r"(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_FLOAT = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([Ee][+-]?[0-9]+)?|[+-]?INF|NaN")
#: The lexical forms (XML Schema 1.1) of the datatypes whose values are checked as written: the engine keeps an
#: ill-formed value as written ("10/02/2025"^^xsd:date, "8 000,00"^^xsd:decimal), and SHACL's sh:datatype refuses
#: it, as pySHACL does. Spaces around a value are refused too (Oxigraph reads no number or date from " 12 ").
#: Only datatypes that SPARQL casts to: the narrowing (:mod:`graph.shacl_narrowing`) finds an ill-formed value by
#: its failing cast. Other datatypes are checked by their IRI alone.
LEXICAL_FORMS = {
    str(XSD.boolean): re.compile(r"true|false|1|0"),
    str(XSD.integer): re.compile(r"[+-]?[0-9]+"),
    str(XSD.decimal): re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"),
    str(XSD.double): _FLOAT,
    str(XSD.float): _FLOAT,
    str(XSD.date): re.compile(_DAY + _ZONE),
    str(XSD.dateTime): re.compile(_DAY + r"T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|24:00:00(\.0+)?)"
                                  + _ZONE),
}
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def well_formed(lexical: str, datatype: str) -> bool:
    """Whether ``lexical`` is a value of ``datatype`` (true of a datatype whose form is not checked).

    >>> [well_formed(v, str(XSD.date)) for v in ("2025-02-10", "10/02/2025", "2025-13-45", "2025-02-29")]
    [True, False, False, False]
    """
    form = LEXICAL_FORMS.get(datatype)
    if form is None:
        return True
    match = form.fullmatch(lexical)
    if match is None:
        return False
    if "day" not in form.groupindex or int(match["day"]) <= 28:
        return True
    year, month = int(match["year"]), int(match["month"])
    return int(match["day"]) <= (29 if month == 2 and isleap(year) else _DAYS[month - 1])


def short(datatype: str) -> str:
    """``xsd:decimal`` for the XML Schema datatypes, the IRI between <> otherwise."""
    return "xsd:" + datatype[len(str(XSD)):] if datatype.startswith(str(XSD)) else f"<{datatype}>"


def datatype_hint(value: tuple, allowed: frozenset[str]) -> tuple[str, str]:
    """The sentence (fr, en) that tells what ``value`` (term parts) is, and what to write for one of ``allowed``.

    >>> datatype_hint(("literal", "1.5E4", "http://www.w3.org/2001/XMLSchema#double", None),
    ...               frozenset({"http://www.w3.org/2001/XMLSchema#decimal"}))[1]
    'The value is of type xsd:double: write 15000.0 (in JSON-LD: {"@value": "15000.0", "@type": "xsd:decimal"}).'
    """
    kind, lexical, datatype, _ = value
    if kind == "bnode":  # an object written [ … ] (a schema:MonetaryAmount): its generated name tells nothing
        return ("La valeur est un nœud anonyme ([ … ]), pas un littéral.",
                "The value is a blank node ([ … ]), not a literal.")
    if kind != "literal":
        return ("La valeur est une IRI, pas un littéral.", "The value is an IRI, not a literal.")
    if datatype in allowed:  # of an allowed datatype, but not written as one
        advice = _advice(lexical, datatype, allowed)
        fr, en = f"La valeur n'est pas un {short(datatype)} valide", f"The value is not a valid {short(datatype)}"
        return fr + (f" : écrivez {advice[0]}." if advice else "."), en + (f": write {advice[1]}." if advice else ".")
    if datatype == _LANG_STRING:
        what_fr, what_en = "un texte avec une langue", "a text with a language"
    elif datatype == _STRING:
        what_fr, what_en = "un texte (entre guillemets)", "a text (in quotes)"
    elif datatype in _NUMBERS and _STRING in allowed:
        what_fr, what_en = f"écrite comme un nombre ({short(datatype)})", f"written as a number ({short(datatype)})"
    else:
        what_fr, what_en = f"de type {short(datatype)}", f"of type {short(datatype)}"
    advice = _advice(lexical, datatype, allowed)
    fr = f"La valeur est {what_fr}" + (f" : écrivez {advice[0]}." if advice else ".")
    en = f"The value is {what_en}" + (f": write {advice[1]}." if advice else ".")
    return fr, en


def _advice(lexical: str, datatype: str, allowed: frozenset[str]) -> tuple[str, str] | None:
    if _STRING in allowed:
        quoted = f'"{lexical}"'
        if datatype in _NUMBERS:
            return (f"{quoted}, entre guillemets (les zéros de tête d'un nombre sont perdus)",
                    f"{quoted}, in quotes (a number loses its leading zeros)")
        return quoted, quoted
    if allowed & _NUMBERS:
        number = _number(lexical, datatype)
        if number is None:
            return None
        if allowed & _INTEGERS and number == number.to_integral_value():
            if number.adjusted() >= 28:  # past what quantize holds (28 digits): 1e308 is no year, no amount to write
                return None
            text = format(number.quantize(Decimal(1)), "f")
        elif str(XSD.decimal) in allowed:
            text = format(number, "f")
            text = text if "." in text else text + ".0"
            if datatype in (str(XSD.double), str(XSD.float)):
                # JSON-LD reads a JSON number with a fraction as a double: a decimal is a typed value there.
                typed = f'{{"@value": "{text}", "@type": "xsd:decimal"}}'
                return f"{text} (en JSON-LD : {typed})", f"{text} (in JSON-LD: {typed})"
        else:
            return None
        return (f"{text}, sans guillemets", f"{text}, without quotes") if datatype in (_STRING, _LANG_STRING) \
            else (text, text)
    if str(XSD.date) in allowed:
        if _ISO_DATE.match(lexical):
            day = lexical
        elif match := _FRENCH_DATE.match(lexical):
            day = f"{match[3]}-{match[2]}-{match[1]}"
        else:
            return None
        if not well_formed(day, str(XSD.date)):  # "2025-13-45", "31/02/2025": no day to advise
            return None
        return f'"{day}"^^xsd:date', f'"{day}"^^xsd:date'
    if str(XSD.boolean) in allowed and lexical.strip().lower() in ("true", "false", "oui", "non", "1", "0"):
        text = "true" if lexical.strip().lower() in ("true", "oui", "1") else "false"
        return text, text
    return None


def _number(lexical: str, datatype: str) -> Decimal | None:
    """The number that ``lexical`` writes: a year (gYear), a double, or a text such as « 12 000,50 € »."""
    text = lexical.strip()
    if datatype == str(XSD.gYear):
        text = text[:4] if re.match(r"^[0-9]{4}", text) else ""
    else:  # also a number of a numeric datatype not written as one: "8 000,00"^^xsd:decimal
        text = _AROUND_NUMBER.sub("", text).replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


#: Where other vocabularies put what a path of the shapes holds, unread by Maillage — path: (its short name, the
#: unread properties, each with its short name). Its pages, search and named queries read rdfs:label (DESIGN.md's
#: vocabulary contract), and the ontology aligns no other property with it: a foaf:name or schema:name taken as a
#: name would be one that no page shows and no query finds. Each is told, not copied: as for every other property of
#: the contract, what the graph states is what the file says.
UNREAD = {str(RDFS.label): ("rdfs:label", ((str(FOAF.name), "foaf:name"), (str(SCHEMA.name), "schema:name")))}
_UNREAD_OF_IRIS = ("SELECT ?focus ?p ?name WHERE { VALUES ?focus { %s } VALUES ?p { %s } ?focus ?p ?name "
                   "FILTER(isLiteral(?name)) }")
_UNREAD_OF_BLANKS = ("SELECT ?focus ?p ?name WHERE { VALUES ?p { %s } ?focus a <%s> ; ?p ?name "
                     "FILTER(isBlank(?focus) && isLiteral(?name)) }")


def unread_names(query, violations: list) -> dict:
    """The results among ``violations`` of a missing value of a path of :data:`UNREAD` whose focus node has an
    unread property, each mapped to the result told so: « Son foaf:name n'est pas lu : écrivez aussi rdfs:label
    "Jeanne Dupont". » One query per IRIS_PER_QUERY named focus nodes, one per target class of the blank ones (named
    by their identifier, which the engine keeps stable within one store); none when no value is missing."""
    missing = [v for v in violations if v.path in UNREAD and v.value is None]  # only minCount gives no value
    names: dict[tuple[str, str], list] = defaultdict(list)
    for path in sorted({v.path for v in missing}):
        unread = " ".join(f"<{iri}>" for iri, _ in UNREAD[path][1])
        iris = sorted({v.focus for v in missing if v.path == path and NAMED_IRI.fullmatch(v.focus)})
        blank_targets = {v.target for v in missing if v.path == path and v.target and not NAMED_IRI.fullmatch(v.focus)}
        queries = [_UNREAD_OF_IRIS % (" ".join(f"<{iri}>" for iri in iris[start:start + IRIS_PER_QUERY]), unread)
                   for start in range(0, len(iris), IRIS_PER_QUERY)]
        queries += [_UNREAD_OF_BLANKS % (unread, target) for target in sorted(blank_targets)]
        for sparql in queries:
            for focus, p, name in query(sparql).raw_rows():
                names[path, term_parts(focus)[1]].append((term_parts(p)[1], term_parts(name)))
    told = {}
    for violation in missing:
        if found := names.get((violation.path, violation.focus)):
            fr, en = _write_as(violation.path, found)
            told[violation] = replace(violation, message=f"{violation.message} {fr}",
                                      message_en=f"{violation.message_en} {en}")
    return told


def _write_as(path: str, names: list[tuple[str, tuple]]) -> tuple[str, str]:
    """The sentence (fr, en) that tells to write one of a focus node's ``names`` (each the unread property and its
    value's term parts) as ``path``: the French one, else an untagged one, else the first."""
    unread, (_, text, _, lang) = min(names, key=lambda n: (n[1][3] != "fr", bool(n[1][3]), n[1][3] or "", n[1][1],
                                                           n[0]))
    written = sparql_string(text) + (f"@{lang}" if lang else "")
    wanted, properties = UNREAD[path]
    said = dict(properties)[unread]
    return (f"Son {said} n'est pas lu : écrivez aussi {wanted} {written}.",
            f"Its {said} is not read: write {wanted} {written} too.")


__all__ = ["LEXICAL_FORMS", "UNREAD", "datatype_hint", "short", "unread_names", "well_formed"]
