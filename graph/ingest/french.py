"""French dates and amounts as deliberations write them: in figures, with French separators, dates in words too.

Dates: "16 mai 2024", "jeudi 22 mai 2014", "1er juillet" (year given apart), "28/04/2014", "2024-05-16".
Amounts: "20 000 €", "25 000 euros", "1 500,50 €", "12 350 000" (spaces, NBSP or narrow NBSP between
thousands) (DATA-FORMATS.md, pitfalls 11 and 13). Numbers and amounts spelled out, "vingt mille euros" (pitfall
15), are read by :mod:`graph.ingest.french_numbers`; patterns that match French with or without its accents are made
by :mod:`graph.ingest.french_accents`.

>>> parse_date("jeudi 22 mai 2014")
datetime.date(2014, 5, 22)
>>> parse_amount("12\u202f350\u00a0000,50 €")
Decimal('12350000.50')
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from graph.dates import parse_date as figures_date
from graph.namespaces import ascii_fold
from graph.values import ValueProblem

MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}
MONTH_NAMES = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
               "novembre", "décembre")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

_SP = r"[ \u00a0\u202f]"
_MONTH_ALT = "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre"

#: A date in words or figures, found anywhere in a text (case-insensitive).
DATE_RE = re.compile(
    rf"(?:(?:{'|'.join(WEEKDAYS)}){_SP}+)?(?P<day>\d{{1,2}})(?:er|e)?{_SP}+(?P<month>{_MONTH_ALT})"
    rf"(?:{_SP}+(?P<year>\d{{4}}))?"
    r"|(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
    r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})",
    re.I)

#: A date whose month a stamp cuts short, or writes with a dot: "12 NOV. 2024", "3 sept. 2024", "23 oct 2024".
SHORT_DATE_RE = re.compile(r"(?P<day>\d{1,2})(?:er)?\s+(?P<month>janv|f[ée]vr?|mars|avr|mai|juin|juil|ao[uû]t|sept?"
                           r"|oct|nov|d[ée]c)\.?\s+(?P<year>\d{4})\b", re.I)
_SHORT_MONTHS = {"janv": 1, "fev": 2, "fevr": 2, "mars": 3, "avr": 4, "mai": 5, "juin": 6, "juil": 7, "aout": 8,
                 "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

#: An amount in figures followed by a currency word or sign, in thousands ("15 K€") or millions ("1,2 M€") of euros;
#: its cents written, or a dash for none ("12 500,- €").
_CENTS = r"(?:,\d{1,2}|,[-–—]{1,2})"
AMOUNT_RE = re.compile(
    rf"(?<![\d,.])(?P<num>\d{{1,3}}(?:(?:{_SP}|\.)\d{{3}})+{_CENTS}?|\d+{_CENTS}?)"
    rf"{_SP}*(?P<cur>€|euros?\b|EUR\b|k€|M{_SP}?€)",
    re.I)

#: An amount in CFP francs (XPF), the currency of New Caledonia, French Polynesia and Wallis and Futuna: "3 500 000
#: F CFP", "1 200 000 XPF", "850 000 francs CFP", "2 000 000 FCFP".
CFP_AMOUNT_RE = re.compile(
    rf"(?<![\d,.])(?:\d{{1,3}}(?:(?:{_SP}|\.)\d{{3}})+|\d+)(?:,\d{{1,2}})?{_SP}*"
    rf"(?:F\.?{_SP}?CFP|F{_SP}?XPF|XPF|francs?{_SP}+(?:CFP|Pacifique))\b")


def cfp_amounts(text: str) -> list[str]:
    """The lines of ``text`` that give an amount in CFP francs (:data:`CFP_AMOUNT_RE`), each once.

    >>> cfp_amounts("1°) Association A : 3 500 000 F CFP ;\\n2°) Festival B : 1 200 000 XPF.\\nClub C : 500 €")
    ['1°) Association A : 3 500 000 F CFP ;', '2°) Festival B : 1 200 000 XPF.']
    """
    lines = [text[text.rfind("\n", 0, m.start()) + 1:(text.find("\n", m.end()) + 1 or len(text) + 1) - 1].strip()
             for m in CFP_AMOUNT_RE.finditer(text)]
    return list(dict.fromkeys(lines))


#: A bare amount (no currency), as a table cell writes it.
BARE_AMOUNT_RE = re.compile(rf"(?<![\d,.])(\d{{1,3}}(?:{_SP}\d{{3}})+(?:,\d{{1,2}})?|\d{{3,}}(?:,\d{{1,2}})?)")


def fold(text: str) -> str:
    """Lowercase and strip accents, the ligatures spelled out (:func:`graph.namespaces.ascii_fold`).

    >>> fold("Février"), fold("Cœur")
    ('fevrier', 'coeur')
    """
    return ascii_fold(text)


def short_date(match: re.Match) -> dt.date | None:
    """Return the date of a :data:`SHORT_DATE_RE` match, or None if impossible.

    >>> short_date(SHORT_DATE_RE.match("12 NOV. 2024")), short_date(SHORT_DATE_RE.match("31 sept. 2024"))
    (datetime.date(2024, 11, 12), None)
    """
    try:
        return dt.date(int(match["year"]), _SHORT_MONTHS[fold(match["month"])], int(match["day"]))
    except ValueError:
        return None


def first_date(text: str) -> dt.date | None:
    """Return the first date of ``text``, its month written whole (:data:`DATE_RE`) or cut short.

    >>> first_date("reçu le mardi 23 oct. 2024"), first_date("le 2 juin 2024"), first_date("sans date")
    (datetime.date(2024, 10, 23), datetime.date(2024, 6, 2), None)
    """
    found = [m for m in (DATE_RE.search(text or ""), SHORT_DATE_RE.search(text or "")) if m is not None]
    for match in sorted(found, key=lambda m: m.start()):
        if (date := date_from_match(match) if match.re is DATE_RE else short_date(match)) is not None:
            return date
    return None


def date_from_match(match: re.Match, year: int | None = None) -> dt.date | None:
    """Return the date of a :data:`DATE_RE` match (``year`` completes "1er juillet"), or None if impossible."""
    try:
        if match.group("month"):
            y = int(match.group("year")) if match.group("year") else year
            if y is None:
                return None
            return dt.date(y, MONTHS[fold(match.group("month"))], int(match.group("day")))
        if match.group("d"):
            return dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        return dt.date(int(match.group("iy")), int(match.group("im")), int(match.group("id")))
    except ValueError:
        return None


def parse_date(text: str, year: int | None = None) -> dt.date | None:
    """Return the first date written in ``text``, or None.

    >>> parse_date("le 1er juillet", year=2022)
    datetime.date(2022, 7, 1)
    >>> parse_date("Envoi Préfecture : 28/04/2014")
    datetime.date(2014, 4, 28)
    >>> parse_date("le 31 février 2024") is None
    True
    """
    for match in DATE_RE.finditer(text):
        found = date_from_match(match, year)
        if found:
            return found
    return None


def format_date_words(day: dt.date, weekday: bool = False) -> str:
    """Write a date the French way, "jeudi 22 mai 2014", "1er juillet 2022".

    >>> format_date_words(dt.date(2022, 7, 1), weekday=True)
    'vendredi 1er juillet 2022'
    """
    text = f"{'1er' if day.day == 1 else day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def parse_amount(text: str) -> Decimal | None:
    """Return the amount written in figures in ``text`` as a Decimal (euros), or None.

    Spaces, NBSP and narrow NBSP group thousands; a comma is the decimal mark; a dot between groups of three
    digits groups thousands ("1.500"), otherwise it is a decimal mark ("2400.0"); "k€" multiplies by 1 000, "M€" by
    1 000 000.

    >>> parse_amount("25 000 euros")
    Decimal('25000')
    >>> parse_amount("2400.0")
    Decimal('2400.0')
    >>> parse_amount("1.500 €")
    Decimal('1500')
    >>> parse_amount("15 k€"), parse_amount("1,2 M€")
    (Decimal('15000'), Decimal('1200000'))
    >>> parse_amount("néant") is None
    True
    """
    match = re.search(r"\d[\d \u00a0\u202f.,]*", text)
    if not match:
        return None
    raw = re.sub(r"[ \u00a0\u202f]", "", match.group(0)).rstrip(".,")
    if "," in raw and "." in raw:
        raw = raw.replace(".", "").replace(",", ".")
    elif "," in raw:
        raw = raw.replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", raw):
        raw = raw.replace(".", "")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None
    if re.search(r"\d\s*k€", text, re.I):
        value *= 1000
    elif re.search(r"\d\s*M\s?€", text):
        value *= 1000000
        value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value  # "1,2 M€": 1200000
    return value


def format_amount(value: Decimal, sep: str = " ", currency: str = " €") -> str:
    """Write an amount the French way: thousands grouped by ``sep``, decimal comma, a minus sign against the figures
    ("-500 €": it was grouped with them, "- 500 €").

    >>> format_amount(Decimal("12350000.5")), format_amount(Decimal(-500))
    ('12 350 000,50 €', '-500 €')
    """
    rounded = f"{abs(value):.2f}"
    whole, _, cents = rounded.partition(".")
    sign = "-" if value < 0 and rounded != "0.00" else ""
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = sign + sep.join(groups)
    return text + ("" if cents == "00" else "," + cents) + currency


#: The forms of a date that :func:`read_date` reads, as a message lists them.
DATE_FORMS = "2024-01-15, 15/01/2024, 15 janvier 2024, janvier 2024"
#: The months without accents, as :func:`read_date` reads a folded text.
_MONTH_FOLDED = "|".join(MONTHS)
_MONTH_WORDS = re.compile(rf"({_MONTH_FOLDED})\s+(\d{{4}})")
_MONTH_FIGURES = re.compile(r"(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4})")
_SHORT_YEAR = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2})")


def read_date(text: str) -> tuple[dt.date | None, tuple[str, str] | None]:
    """Return the date written in ``text`` and, when it was read by assuming something, what (French, English).
    ValueProblem when it is no date, listing the forms read.

    >>> read_date("1er janvier 2024"), read_date("janvier 2024")[0], read_date("15/01/24")[0]
    ((datetime.date(2024, 1, 1), None), datetime.date(2024, 1, 1), datetime.date(2024, 1, 15))
    >>> read_date("5 mars 2024")
    (datetime.date(2024, 3, 5), None)
    >>> read_date("15/01/98")
    Traceback (most recent call last):
    graph.values.ValueProblem: année écrite sur deux chiffres « 15/01/98 » : 1998 ou 2098 ? à écrire en entier
    """
    raw = " ".join(text.split())
    try:
        return figures_date(raw), None
    except ValueProblem as exc:
        if "impossible" in str(exc):
            raise
    folded, short = fold(raw), None
    try:
        if (m := DATE_RE.fullmatch(folded)) is not None and m.group("month") and m.group("year"):
            if (day := date_from_match(m)) is None:
                raise ValueError
            return day, None
        if (m := _MONTH_WORDS.fullmatch(folded)) is not None:
            return dt.date(int(m[2]), MONTHS[m[1]], 1), _FIRST_DAY
        if (m := _MONTH_FIGURES.fullmatch(folded)) is not None:
            return dt.date(int(m[1] or m[4]), int(m[2] or m[3]), 1), _FIRST_DAY
        if (m := _SHORT_YEAR.fullmatch(folded)) is not None:
            short = m
    except ValueError:
        raise ValueProblem(f"date impossible « {raw} »", f"impossible date '{raw}'") from None
    if short is not None:
        return _short_year(raw, short)
    raise ValueProblem(f"date illisible « {raw} » (formes lues : {DATE_FORMS})",
                       f"unreadable date '{raw}' (forms read: {DATE_FORMS})")


_FIRST_DAY = ("jour non précisé : le 1er du mois est retenu", "day not given: the 1st of the month is taken")


def _short_year(raw: str, m: re.Match) -> tuple[dt.date, tuple[str, str]]:
    """The date ``dd/mm/yy`` of ``m``, read in this century when that is not past next year (a list does not date
    a decision or a membership decades ahead); ValueProblem otherwise, since the century is then a guess."""
    year = 2000 + int(m[3])
    try:
        day = dt.date(year, int(m[2]), int(m[1]))
    except ValueError:
        raise ValueProblem(f"date impossible « {raw} »", f"impossible date '{raw}'") from None
    if year > dt.date.today().year + 1:
        raise ValueProblem(f"année écrite sur deux chiffres « {raw} » : {year - 100} ou {year} ? à écrire en entier",
                           f"year written with two digits '{raw}': {year - 100} or {year}? to write in full")
    return day, (f"année écrite sur deux chiffres, lue {year}", f"year written with two digits, read {year}")
