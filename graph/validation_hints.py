"""What a validation report adds to a value of the wrong datatype: the datatype it has, and what to write instead.

A shape's message says what the value should be ("un nombre décimal (xsd:decimal)"); the person who wrote the file
needs to know why theirs is not (``1.5E4`` is an xsd:double, ``"2024"^^xsd:gYear`` a year, ``42345678900012`` a
number where a SIRET is a text) and how to write it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from rdflib.namespace import RDF, XSD

_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)
_INTEGERS = {str(XSD[t]) for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                   "positiveInteger", "unsignedInt", "unsignedLong")}
_NUMBERS = _INTEGERS | {str(XSD[t]) for t in ("decimal", "double", "float")}
#: Spaces (also the narrow no-break space of French number formatting), currency signs and words around an amount.
_AROUND_NUMBER = re.compile(r"[\s\u00a0\u202f€]|EUR|euros?", re.IGNORECASE)
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_FRENCH_DATE = re.compile(r"^([0-9]{2})/([0-9]{2})/([0-9]{4})$")


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
    if kind != "literal":
        return ("La valeur est une IRI, pas un littéral.", "The value is an IRI, not a literal.")
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
    elif datatype not in _NUMBERS:
        text = _AROUND_NUMBER.sub("", text).replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


__all__ = ["datatype_hint", "short"]
