"""Pure parsers for the values that French public-data files hold: amounts, dates, periods, ratios (identifiers:
:mod:`graph.identifiers`).

Each parser takes the raw cell text and returns a typed value, or raises :class:`ValueProblem` whose French
message (``str(exc)``) and English ``message_en`` say what is wrong. ``None`` means "empty cell" (or a
documented null such as RNA's ``0001-01-01``). The pitfalls handled are those of DATA-FORMATS.md §5 (11, 12, 15,
16, 18, 19).

>>> parse_amount("12 350 000 €")
Decimal('12350000')
>>> parse_date("08/09/2017")
datetime.date(2017, 9, 8)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from zoneinfo import ZoneInfo

__all__ = [
    "ValueProblem", "CommaConvention", "DotConvention", "bracketed", "comma_convention", "comma_use", "dot_convention",
    "dot_use", "parse_amount", "parse_date", "parse_period", "parse_ratio", "parse_int", "parse_bool",
]


class ValueProblem(ValueError):
    """A cell that cannot be read as the expected value; ``str()`` is French, ``message_en`` English."""

    def __init__(self, message: str, message_en: str):
        super().__init__(message)
        self.message_en = message_en


# --- amounts -----------------------------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009']")
#: The currency, after the amount or before it ("€ 450", as a spreadsheet's currency format in English shows it).
_CURRENCY = re.compile(r"^(?:€|eur(?:os?)?)|(€|eur(?:os?)?|euros?)\.?$", re.IGNORECASE)
#: An amount in brackets, "(1 500,00)": an accountant's negative.
_BRACKETED = re.compile(r"\(\s*(\d[^()+-]*)\)\s*(€|eur(?:os?)?|euros?)?\.?", re.IGNORECASE)
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d+)*|[.,]\d+)")
#: A lone dot before three digits, "12.500": 12 500 (the dot groups thousands) or 12.5 (a decimal dot)?
_LONE_DOT = re.compile(r"[+-]?[1-9]\d{0,2}\.\d{3}")
#: Thousands grouped by dots or by commas, the integer part of "1.234,56" or "1,234.56".
_GROUPED = {".": re.compile(r"[+-]?\d{1,3}(\.\d{3})+"), ",": re.compile(r"[+-]?\d{1,3}(,\d{3})+")}


#: A number in scientific notation, as a spreadsheet shows a number too wide for its cell ("1,2E+04").
_SCIENTIFIC = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)[eE][+-]?\d+")


def _compact(raw: str) -> str:
    """The amount ``raw`` without spaces and currency, checked to be digits and marks; one in scientific notation
    is refused saying so: a spreadsheet shows ``1,2E+04`` for any amount from 11 500 to 12 499.

    >>> _compact("1,2E+04")
    Traceback (most recent call last):
    graph.values.ValueProblem: montant « 1,2E+04 » en notation scientifique (celle d'un tableur, qui a pu perdre des \
chiffres) : écrivez-le en entier, sans exposant (12350 ou 12 350,00), la cellule au format Nombre ou Texte
    """
    compact = _CURRENCY.sub("", _SPACES.sub("", raw))
    if _SCIENTIFIC.fullmatch(compact):
        raise ValueProblem(f"montant « {raw} » en notation scientifique (celle d'un tableur, qui a pu perdre des "
                           "chiffres) : écrivez-le en entier, sans exposant (12350 ou 12 350,00), la cellule au format "
                           "Nombre ou Texte", f"amount '{raw}' in scientific notation (a spreadsheet's, which may have "
                           "lost digits): write it in full, without an exponent (12350 or 12 350,00), the cell "
                           "formatted as Number or Text")
    if not _NUMBER.fullmatch(compact):
        raise ValueProblem(f"montant illisible « {raw} »", f"unreadable amount '{raw}'")
    return compact


def parse_amount(text: str | None, thousands_dot: bool | None = False) -> Decimal | None:
    """Return the amount written in ``text`` as a Decimal (None for an empty cell).

    Strips ``€``/``EUR``/``euros`` (after the number or before it), spaces, NBSP and narrow NBSP (U+202F) used as
    thousands separators; an amount in brackets is negative, as accountants write it; a lone comma is the decimal
    mark; a dot is a decimal mark unless it groups thousands (``1.234.567``); with both, the last is the decimal
    mark and the other must group thousands (``1.234,56``, ``1,234.56``). A lone dot before three digits
    (``12.500``) is read as the file's convention says (:func:`dot_convention`): ``thousands_dot`` True reads
    12 500, False 12.5, None (the file uses both) refuses it as ambiguous. A binary float printed in full
    (``1100.0000000000002``, more than 15 significant digits) is read as a spreadsheet shows it, rounded to 15
    significant digits, then to cents.

    >>> parse_amount("40 000,00")
    Decimal('40000.00')
    >>> parse_amount("17\\u00a0833"), parse_amount("26\\u202f956,5"), parse_amount("97 000euros")
    (Decimal('17833'), Decimal('26956.5'), Decimal('97000'))
    >>> parse_amount("2400.0"), parse_amount("1.234.567"), parse_amount("1.234,5"), parse_amount("")
    (Decimal('2400.0'), Decimal('1234567'), Decimal('1234.5'), None)
    >>> parse_amount("12.500"), parse_amount("12.500", thousands_dot=True)
    (Decimal('12.500'), Decimal('12500'))
    >>> parse_amount("12,34.5")
    Traceback (most recent call last):
    graph.values.ValueProblem: montant ambigu « 12,34.5 » (point et virgule mêlés)
    >>> parse_amount("1100.0000000000002"), parse_amount("0.30000000000000004")
    (Decimal('1100.00'), Decimal('0.30'))
    >>> parse_amount("€ 450"), parse_amount("EUR 1 200,50"), parse_amount("(1 500,00)")
    (Decimal('450'), Decimal('1200.50'), Decimal('-1500.00'))
    """
    value = _read_number(text, thousands_dot)
    shown = None if value is None else _as_shown(value)
    return value if shown is None else shown.quantize(CENT)


#: A binary float printed in full ("0.30000000000000004") has 16 or 17 significant digits, where a spreadsheet
#: shows 15 (Excel's precision) and no one types more.
SHOWN_DIGITS = 15
CENT = Decimal("0.01")


def _as_shown(value: Decimal) -> Decimal | None:
    """``value`` rounded to the 15 significant digits a spreadsheet shows, when it has more and a fractional part
    (the noise of a float); None otherwise."""
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int) or exponent >= 0 or len(digits) <= SHOWN_DIGITS:
        return None
    return value.quantize(Decimal(1).scaleb(value.adjusted() - SHOWN_DIGITS + 1))


def _read_number(text: str | None, thousands_dot: bool | None) -> Decimal | None:
    """The number written in ``text``, as :func:`parse_amount` reads it, before any rounding."""
    if text is None or not text.strip():
        return None
    raw = text.strip()
    if inner := bracketed(raw):
        value = _read_number(inner, thousands_dot)
        return None if value is None else -value
    compact = _compact(raw)
    if "," in compact and "." in compact:
        last = max(compact.rfind(","), compact.rfind("."))
        group = "." if compact[last] == "," else ","
        if not _GROUPED[group].fullmatch(compact[:last]):
            raise ValueProblem(f"montant ambigu « {raw} » (point et virgule mêlés)",
                               f"ambiguous amount '{raw}' (dot and comma mixed)")
        compact = compact[:last].replace(group, "") + "." + compact[last + 1:]
    elif _LONE_DOT.fullmatch(compact) and thousands_dot is not False:
        if thousands_dot is None:
            raise ValueProblem(f"montant ambigu « {raw} » : point des milliers ou point décimal ? le fichier "
                               "emploie les deux conventions", f"ambiguous amount '{raw}': thousands dot or decimal "
                               "dot? the file uses both conventions")
        compact = compact.replace(".", "")
    else:
        mark = "," if "," in compact else "."
        parts = compact.split(mark)
        if len(parts) > 2:  # "1.234.567": the mark groups thousands
            if not all(len(p) == 3 for p in parts[1:]):
                raise ValueProblem(f"montant illisible « {raw} »", f"unreadable amount '{raw}'")
            compact = "".join(parts)
        else:
            compact = compact.replace(",", ".")
    try:
        return Decimal(compact)
    except InvalidOperation:  # pragma: no cover - the regex already vouches for the syntax
        raise ValueProblem(f"montant illisible « {raw} »", f"unreadable amount '{raw}'") from None


def bracketed(text: str) -> str | None:
    """The amount that ``text`` writes in brackets, an accountant's negative ("(1 500,00)"), without them; None
    when it has none.

    >>> bracketed("(1 500,00)"), bracketed("(1 500,00) €"), bracketed("1 500,00"), bracketed("(-5)")
    ('1 500,00', '1 500,00 €', None, None)
    """
    m = _BRACKETED.fullmatch(text.strip())
    return None if m is None else m[1].strip() + (f" {m[2]}" if m[2] else "")


def dot_use(text: str | None) -> str | None:
    """Say how the amount ``text`` uses the dot: ``"thousands"`` (``1.234.567``, ``2.500,00``, or a decimal comma
    ``750,50``), ``"decimal"`` (``1234.56``, ``2400.0``, ``1,234.56``), ``"either"`` (``12.500`` alone), or None
    (no mark tells: ``750``, ``1,500``, an unreadable cell).

    >>> [dot_use(t) for t in ("1.234.567", "2.500,00", "750,50", "1234.56", "0.500", "12.500", "1,500", "NC")]
    ['thousands', 'thousands', 'thousands', 'decimal', 'decimal', 'either', None, None]
    """
    try:
        compact = _compact((text or "").strip())
    except ValueProblem:
        return None
    dots, commas = compact.count("."), compact.count(",")
    if dots and commas:
        return "thousands" if compact.rfind(",") > compact.rfind(".") else "decimal"
    if dots:
        return "either" if _LONE_DOT.fullmatch(compact) else "thousands" if dots > 1 else "decimal"
    if commas == 1 and not _GROUPED[","].fullmatch(compact):
        return "thousands"  # a decimal comma: the dot, if any, groups thousands
    return "decimal" if commas > 1 else None


@dataclass(frozen=True)
class DotConvention:
    """How a column of amounts uses the dot, as its unambiguous values tell; each example is (line, text)."""

    thousands: tuple[int, str] | None = None  # the first value where the dot groups thousands
    decimal: tuple[int, str] | None = None  # the first value where the dot is a decimal mark
    either: tuple[int, str] | None = None  # the first value "12.500" that the convention decides
    #: The lines of every value that the convention decides, which its warning names: not only the first.
    either_lines: tuple[int, ...] = ()

    @property
    def thousands_dot(self) -> bool | None:
        """``parse_amount``'s reading of "12.500": 12 500 unless the column writes decimal dots (False), None
        when it writes both (ambiguous)."""
        if self.decimal:
            return None if self.thousands else False
        return True


def dot_convention(cells: Iterable[tuple[int, str]]) -> DotConvention:
    """Return how the amounts ``(line, text)`` of one column use the dot (:func:`dot_use`).

    >>> dot_convention([(2, "12.500"), (3, "2.500,00")]).thousands_dot
    True
    >>> [dot_convention(cells).thousands_dot for cells in ([(2, "12.500"), (3, "750")], [(2, "1.5"), (3, "1.0")])]
    [True, False]
    >>> dot_convention([(2, "1.500"), (3, "750"), (4, "12.000")]).either_lines
    (2, 4)
    """
    found: dict[str, tuple[int, str]] = {}
    either: list[int] = []
    for line, text in cells:
        use = dot_use(text)
        if use and use not in found:
            found[use] = (line, text.strip())
        if use == "either":
            either.append(line)
    return DotConvention(found.get("thousands"), found.get("decimal"), found.get("either"), tuple(either))


#: What a cell of amounts says of the comma, once spaces and currency are gone: thousands grouped by commas before a
#: decimal dot ("12,345.67", "1,234,567"), a decimal comma ("750,50", "0,500", "1.234,56", "1234,500"), or a lone
#: comma before three digits that either reading fits ("25,000": 25 000 or 25.000).
_AMOUNT_NOISE = re.compile(r"[\s\u00a0\u202f\u2007\u2009']|^(?:€|eur(?:os?)?)|(€|eur(?:os?)?|euros?)\.?$",
                           re.IGNORECASE)
_COMMA_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}(?:,\d{3})+")
_COMMA_THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")
_COMMA_EITHER = re.compile(r"[+-]?[1-9]\d{0,2},\d{3}")
_COMMA_DECIMAL = re.compile(r"[+-]?(?:\d+|\d{1,3}(?:\.\d{3})+),\d+")


def comma_use(text: str) -> str | None:
    """How the amount ``text`` uses the comma: "thousands", "decimal", "either" ("25,000" alone), or None.

    >>> [comma_use(t) for t in ("12,345.67", "1,234,567", "750,50", "1.234,56 €", "25,000", "0,500", "1500", "NC")]
    ['thousands', 'thousands', 'decimal', 'decimal', 'either', 'decimal', None, None]
    """
    compact = _AMOUNT_NOISE.sub("", text.strip())
    if _COMMA_EITHER.fullmatch(compact):
        return "either"
    if "," in compact and _COMMA_THOUSANDS.fullmatch(compact):
        return "thousands"
    return "decimal" if _COMMA_DECIMAL.fullmatch(compact) else None


@dataclass(frozen=True)
class CommaConvention:
    """How a column of amounts uses the comma, as its values tell; each example is (line, text)."""

    thousands: tuple[int, str] | None = None  # the first value where the comma groups thousands
    decimal: tuple[int, str] | None = None  # the first value where the comma is a decimal mark
    either: tuple[int, str] | None = None  # the first value "25,000" that the convention decides
    #: The lines of every value that the convention decides, which its warning names: not only the first.
    either_lines: tuple[int, ...] = ()

    @property
    def thousands_comma(self) -> bool | None:
        """How to read "25,000": 25 000 when the column groups thousands by commas (True), 25.000 when it writes
        decimal commas or tells nothing (False: the French reading, pitfall 11), None when it does both."""
        if self.thousands:
            return None if self.decimal else True
        return False

    def read(self, text: str, thousands_dot: bool | None) -> Decimal | None:
        """The amount ``text`` read with this convention (and the dot's, :func:`graph.values.parse_amount`)."""
        if inner := bracketed(text):
            value = self.read(inner, thousands_dot)
            return None if value is None else -value
        compact = _AMOUNT_NOISE.sub("", text.strip())
        reading = self.thousands_comma
        if reading and _COMMA_GROUPED.fullmatch(compact):
            return parse_amount(compact.replace(",", ""), thousands_dot)
        if reading is None and _COMMA_EITHER.fullmatch(compact):
            raise ValueProblem(f"montant ambigu « {text} » : virgule des milliers ou virgule décimale ? le fichier "
                               "emploie les deux conventions", f"ambiguous amount '{text}': thousands comma or "
                               "decimal comma? the file uses both conventions")
        return parse_amount(text, thousands_dot)


def comma_convention(cells: Iterable[tuple[int, str]]) -> CommaConvention:
    """Return how the amounts ``(line, text)`` of one column use the comma (:func:`comma_use`).

    >>> comma_convention([(2, "25,000"), (3, "12,345.67")]).thousands_comma
    True
    >>> [comma_convention(c).thousands_comma for c in ([(2, "1,500"), (3, "750,50")], [(2, "1,500")])]
    [False, False]
    >>> comma_convention([(2, "25,000"), (3, "750"), (4, "1,500 €")]).either_lines
    (2, 4)
    """
    found: dict[str, tuple[int, str]] = {}
    either: list[int] = []
    for line, text in cells:
        if (use := comma_use(text)) and use not in found:
            found[use] = (line, text.strip())
        if use == "either":
            either.append(line)
    return CommaConvention(found.get("thousands"), found.get("decimal"), found.get("either"), tuple(either))


# --- dates -------------------------------------------------------------------------------------------------

#: A time, and a time zone, may follow an ISO date. The date is kept as written, the day the producer meant, unless
#: the time is UTC's (:func:`paris_day`).
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
                  r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?")
_FRENCH = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?")
_SERIAL = re.compile(r"\d{5}(?:\.0+)?")
#: Excel's day 0 (its serials count from 1899-12-30 because of the 1900 leap-year bug).
EXCEL_EPOCH = dt.date(1899, 12, 30)
#: Serials outside these years are not dates but numbers (Excel serial 36526 = 2000-01-01, 73051 = 2100-01-01).
SERIAL_RANGE = (20000, 73051)
#: Null dates written by upstream systems (RNA: "0001-01-01").
NULL_DATES = frozenset({dt.date(1, 1, 1), dt.date(1900, 1, 1)})


@lru_cache(maxsize=65_536)  # the same dates and identifiers recur on many rows
def parse_date(text: str | None) -> dt.date | None:
    """Return the date written in ``text``: ISO, ``yyyy/mm/dd``, ``dd/mm/yyyy`` or an Excel serial number.

    ``0001-01-01`` (RNA's null) and empty cells give None; anything else that is not a date is refused.

    >>> parse_date("2017/09/08"), parse_date("43655"), parse_date("0001-01-01")
    (datetime.date(2017, 9, 8), datetime.date(2019, 7, 9), None)
    >>> parse_date("2024-03-22 14:26:00"), parse_date("2024-03-01T00:00:00+01:00")
    (datetime.date(2024, 3, 22), datetime.date(2024, 3, 1))
    >>> parse_date("2024-03-14T23:00:00+00:00"), parse_date("2024-12-31T23:30:00Z")
    (datetime.date(2024, 3, 15), datetime.date(2025, 1, 1))
    >>> parse_date("fin-action")
    Traceback (most recent call last):
    graph.values.ValueProblem: date illisible « fin-action »
    """
    if text is None or not text.strip():
        return None
    raw = text.strip()
    value = None
    try:
        if m := _ISO.fullmatch(raw):
            value = paris_day(m) if m[7] and _UTC.fullmatch(m[7]) else dt.date(int(m[1]), int(m[2]), int(m[3]))
        elif m := _FRENCH.fullmatch(raw):
            value = dt.date(int(m[3]), int(m[2]), int(m[1]))
        elif _SERIAL.fullmatch(raw) and SERIAL_RANGE[0] <= float(raw) < SERIAL_RANGE[1]:
            value = EXCEL_EPOCH + dt.timedelta(days=int(float(raw)))
    except ValueError:  # 2017-02-30
        raise ValueProblem(f"date impossible « {raw} »", f"impossible date '{raw}'") from None
    if value is None:
        raise ValueProblem(f"date illisible « {raw} »", f"unreadable date '{raw}'")
    return None if value in NULL_DATES else value


#: A UTC time zone: what a system writes when it stores moments, not what a person in France writes.
_UTC = re.compile(r"Z|[+-]00(?::?00)?")


def paris_day(m: re.Match) -> dt.date:
    """The day in Paris of the UTC moment that an :data:`_ISO` match writes. Portals export their dates as UTC
    moments (OpenDataSoft: "2024-03-14T23:00:00+00:00" for a convention signed on the 15th, midnight in Paris): their
    own date is the day before for any French date, and on 31 December the year before. A time with another offset
    was written in its producer's own time (Paris's, or an overseas territory's: Réunion +04:00, Guadeloupe -04:00),
    whose date is the day meant; its offset is not read here.

    >>> paris_day(_ISO.fullmatch("2024-06-30T22:00:00+00:00")), paris_day(_ISO.fullmatch("2024-06-30T21:59Z"))
    (datetime.date(2024, 7, 1), datetime.date(2024, 6, 30))
    """
    moment = dt.datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6] or 0), tzinfo=dt.timezone.utc)
    return moment.astimezone(ZoneInfo("Europe/Paris")).date()


@lru_cache(maxsize=65_536)  # the same dates and identifiers recur on many rows
def parse_period(text: str | None) -> tuple[dt.date, dt.date | None] | None:
    """Return ``(start, end)`` of a payment period ``start/end`` or ``start_end`` (Etalab), or one date.

    >>> parse_period("2018-01-01_2018-03-31")
    (datetime.date(2018, 1, 1), datetime.date(2018, 3, 31))
    >>> parse_period("25/07/2019_2019-07-25"), parse_period("2019-05-20")
    ((datetime.date(2019, 7, 25), datetime.date(2019, 7, 25)), (datetime.date(2019, 5, 20), None))
    """
    if text is None or not text.strip():
        return None
    raw = text.strip()
    parts = [p.strip() for p in raw.split("_")] if "_" in raw else _split_slash_period(raw)
    if len(parts) > 2 or not all(parts):
        raise ValueProblem(f"période illisible « {raw} »", f"unreadable period '{raw}'")
    try:
        dates = [parse_date(p) for p in parts]
    except ValueProblem as exc:
        raise ValueProblem(f"période illisible « {raw} » : {exc}", f"unreadable period '{raw}': {exc.message_en}") \
            from None
    if dates[0] is None:
        raise ValueProblem(f"période illisible « {raw} »", f"unreadable period '{raw}'")
    end = dates[1] if len(dates) == 2 else None
    if end is not None and end < dates[0]:
        raise ValueProblem(f"période à l'envers « {raw} »", f"period ends before it starts '{raw}'")
    return dates[0], end


def _split_slash_period(raw: str) -> list[str]:
    """Split ``a/b`` on the slash that separates two dates (dates may contain slashes themselves)."""
    if _ISO.fullmatch(raw) or _FRENCH.fullmatch(raw):
        return [raw]
    for m in re.finditer("/", raw):
        left, right = raw[:m.start()].strip(), raw[m.end():].strip()
        if (_ISO.fullmatch(left) or _FRENCH.fullmatch(left)) and right:
            return [left, right]
    return [raw]


# --- numbers and flags ---------------------------------------------------------------------------------------


def parse_ratio(text: str | None) -> tuple[Decimal, bool] | None:
    """Return ``(ratio, was_percent)`` for a share written as 0.01–1, or as a percent 1–100 (``100``, ``80``).

    A value in (1, 100] is read as a percent (pitfall 12) and ``was_percent`` tells the caller to warn.

    >>> parse_ratio("0.45"), parse_ratio("1.00"), parse_ratio("80")
    ((Decimal('0.45'), False), (Decimal('1.00'), False), (Decimal('0.8'), True))
    >>> parse_ratio("45 %")
    (Decimal('0.45'), True)
    """
    if text is None or not text.strip():
        return None
    raw = text.strip()
    is_percent = raw.endswith("%")
    try:
        value = _read_number(raw.rstrip("%"), thousands_dot=False)
    except ValueProblem:
        value = None
    if value is not None and (shown := _as_shown(value)) is not None:
        value = shown.normalize()  # "0.30000000000000004" from a spreadsheet is 0.3
    if value is None or value <= 0 or value > 100:
        raise ValueProblem(f"pourcentage impossible « {raw} » (attendu 0,01 à 1)",
                           f"impossible share '{raw}' (expected 0.01 to 1)")
    if is_percent or value > 1:
        return (value / 100).normalize(), True
    return value, False


def parse_int(text: str | None) -> int | None:
    """Return a non-negative integer, accepting the ``2022.0`` that spreadsheets write.

    >>> parse_int("2022.0"), parse_int(" 45 "), parse_int("")
    (2022, 45, None)
    """
    if text is None or not text.strip():
        return None
    raw = text.strip()
    if not re.fullmatch(r"\d+(\.0+)?", raw):
        raise ValueProblem(f"nombre entier attendu, lu « {raw} »", f"integer expected, got '{raw}'")
    return int(raw.split(".")[0])


_TRUE = frozenset({"oui", "o", "true", "vrai", "1", "yes", "y"})
_FALSE = frozenset({"non", "n", "false", "faux", "0", "no"})


def parse_bool(text: str | None) -> bool | None:
    """Return True/False for oui/non, O/N, true/false (any case); None for an empty cell.

    >>> parse_bool("Oui"), parse_bool("N"), parse_bool("")
    (True, False, None)
    """
    if text is None or not text.strip():
        return None
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueProblem(f"oui ou non attendu, lu « {text.strip()} »", f"yes or no expected, got '{text.strip()}'")


# --- identifiers -------------------------------------------------------------------------------------------
