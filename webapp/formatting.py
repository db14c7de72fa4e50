"""How pages write values in the interface's language: amounts in euros, dates, booleans, and the colon."""

from __future__ import annotations

import datetime as dt
import re

from markupsafe import Markup
from rdflib import Literal
from rdflib.namespace import XSD

from webapp.i18n import get_lang, t
from webapp.page_data import json_value


def colon() -> str:
    """A colon as the interface's language writes it: after a no-break space in French ("Total : 20 000 €"), right
    after the word in English ("Total: €20,000")."""
    return "\u00a0:" if get_lang() == "fr" else ":"


#: A plain space just inside French quotes, where a line could break between the guillemet and its word.
_SPACE_IN_QUOTES = re.compile(r"(?<=«) | (?=»)")


class Verbatim(str):
    """A text that a page must write exactly as it was given (:func:`verbatim`)."""


def verbatim(text):
    """``text`` marked to be written as it is, its spaces in « … » too (:func:`quotes_kept_whole` leaves it): what a
    form sends back (a search, a query's parameters, the SPARQL editor's query) and what a reader copies as code (a
    named query's SPARQL, a file's value as written): a string of a query changed by a no-break space matches no
    longer. Anything but a text is returned as it is."""
    return Verbatim(text) if isinstance(text, str) and not hasattr(text, "__html__") else text


def quotes_kept_whole(value):
    """``value`` as a page writes it, a no-break space (U+00A0, as before a French colon) inside its « … »: the
    interface's own strings are written so, but the values and messages that the pages show (a goal's name, a quote
    of a deliberation, an API error) are also the JSON's, the CSV's and the terminal's text, which keep the source's
    spaces; each page breaks no line between a guillemet and its word. Markup stays markup; a :func:`verbatim` text
    stays as it is.

    >>> quotes_kept_whole("l'écosystème « santé »"), quotes_kept_whole(Markup("« <mark>santé</mark> »"))
    ("l'écosystème «\xa0santé\xa0»", Markup('«\xa0<mark>santé</mark>\xa0»'))
    >>> quotes_kept_whole(verbatim('FILTER(CONTAINS(?name, "« santé"))'))
    'FILTER(CONTAINS(?name, "« santé"))'
    """
    if not isinstance(value, str) or isinstance(value, Verbatim) or "«" not in value and "»" not in value:
        return value
    kept = _SPACE_IN_QUOTES.sub("\u00a0", value)
    return Markup(kept) if isinstance(value, Markup) else kept


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
    """Euros in ``lang`` ("fr" or "en"), cents only when there are some; a negative amount's minus sign before the
    euro sign in English ("-€500", where "€-500" was written).

    >>> money_text(97176.97, "fr"), money_text(97176.97, "en"), money_text(20000, "en"), money_text(-500, "en")
    ('97\u202f176,97\xa0€', '€97,176.97', '€20,000', '-€500')
    """
    text = f"{number:,.2f}".removesuffix(".00")
    if lang == "en":
        return f"-€{text[1:]}" if text.startswith("-") else f"€{text}"
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


def format_value(value, seconds: bool = False):
    """A value as a page shows it: a date (``xsd:date``, ``xsd:dateTime``) as :func:`format_date` writes it, with
    its time of day for a dateTime (to the minute, or to the second with ``seconds``: a source's time of import,
    which tells apart two versions imported in one minute); a boolean as "oui" or "non" ("yes", "no"); anything else
    as it is."""
    python = value.toPython() if isinstance(value, Literal) else value
    if isinstance(python, bool):
        return t("true" if python else "false")
    if isinstance(python, dt.datetime):
        clock = f"{python:%H:%M:%S}" if seconds else f"{python:%H:%M}"
        return f"{format_date(python.date())} {clock}"
    if isinstance(python, dt.date) and (not isinstance(value, Literal) or value.datatype == XSD.date):
        return format_date(python)
    return value
