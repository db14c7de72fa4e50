"""Pure parsers for the values that French public-data files hold: amounts, ratios, integers, yes/no flags (dates and
periods: :mod:`graph.dates`; how a column of amounts uses the dot and the comma: :mod:`graph.amount_conventions`;
identifiers: :mod:`graph.identifiers`).

Each parser takes the raw cell text and returns a typed value, or raises :class:`ValueProblem` whose French
message (``str(exc)``) and English ``message_en`` say what is wrong. ``None`` means "empty cell" (or a
documented null such as RNA's ``0001-01-01``). The pitfalls handled are those of DATA-FORMATS.md §5 (11, 12, 15,
16, 18, 19).

>>> parse_amount("12 350 000 €")
Decimal('12350000')
>>> parse_ratio("45 %")
(Decimal('0.45'), True)
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

__all__ = ["ValueProblem", "bracketed", "parse_amount", "parse_ratio", "parse_int", "parse_bool"]


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
LONE_DOT = re.compile(r"[+-]?[1-9]\d{0,2}\.\d{3}")
#: Thousands grouped by dots or by commas, the integer part of "1.234,56" or "1,234.56".
GROUPED_THOUSANDS = {".": re.compile(r"[+-]?\d{1,3}(\.\d{3})+"), ",": re.compile(r"[+-]?\d{1,3}(,\d{3})+")}


#: A number in scientific notation, as a spreadsheet shows a number too wide for its cell ("1,2E+04").
_SCIENTIFIC = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)[eE][+-]?\d+")


def compact_amount(raw: str) -> str:
    """The amount ``raw`` without spaces and currency, checked to be digits and marks; one in scientific notation
    is refused saying so: a spreadsheet shows ``1,2E+04`` for any amount from 11 500 to 12 499.

    >>> compact_amount("1,2E+04")
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

    An amount of more than 17 figures before its decimal mark (:func:`check_magnitude`) is refused.
    """
    value = _read_number(text, thousands_dot)
    check_magnitude(value, text)
    shown = None if value is None else _as_shown(value)
    return value if shown is None else shown.quantize(CENT)


#: A binary float printed in full ("0.30000000000000004") has 16 or 17 significant digits, where a spreadsheet
#: shows 15 (Excel's precision) and no one types more.
SHOWN_DIGITS = 15
CENT = Decimal("0.01")


#: The most figures an amount may have before its decimal mark. The store's decimals hold 1.7 × 10^20 at most, and a
#: sum of them (a funder's total, a year's) no more: below 10^17, a thousand of the largest amounts still add up to a
#: number, where one amount of 21 figures already made every sum over it unbound. No public budget comes near.
MAX_FIGURES = 17


def check_magnitude(value: Decimal | None, raw: str | None) -> None:
    """Refuse an amount ``value`` (written ``raw``) of more than :data:`MAX_FIGURES` figures before its decimal
    mark: another value in the column (an identifier, figures run together).

    >>> check_magnitude(Decimal("12345678901234567.5"), "12345678901234567,5")
    >>> check_magnitude(Decimal("1E+17"), "100000000000000000")
    Traceback (most recent call last):
    graph.values.ValueProblem: montant démesuré « 100000000000000000 » : plus de 17 chiffres avant la virgule (un \
identifiant, des chiffres collés ?)
    """
    if value is not None and value.adjusted() >= MAX_FIGURES:
        raw = (raw or "").strip()
        raise ValueProblem(f"montant démesuré « {raw} » : plus de {MAX_FIGURES} chiffres avant la virgule (un "
                           "identifiant, des chiffres collés ?)", f"amount out of all measure '{raw}': more than "
                           f"{MAX_FIGURES} figures before the decimal mark (an identifier, figures run together?)")


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
    compact = compact_amount(raw)
    if "," in compact and "." in compact:
        last = max(compact.rfind(","), compact.rfind("."))
        group = "." if compact[last] == "," else ","
        if not GROUPED_THOUSANDS[group].fullmatch(compact[:last]):
            raise ValueProblem(f"montant ambigu « {raw} » (point et virgule mêlés)",
                               f"ambiguous amount '{raw}' (dot and comma mixed)")
        compact = compact[:last].replace(group, "") + "." + compact[last + 1:]
    elif LONE_DOT.fullmatch(compact) and thousands_dot is not False:
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


# --- numbers and flags ---------------------------------------------------------------------------------------


def parse_ratio(text: str | None) -> tuple[Decimal, bool] | None:
    """Return ``(ratio, was_percent)`` for a share written as 0.01–1, or as a percent 1–100 (``100``, ``80``).

    A value in (1, 100] is read as a percent (pitfall 12) and ``was_percent`` tells the caller to warn. The ratio
    keeps the figures written, trailing zeros included (``33,30 %`` is 0.3330, ``80`` is 0.80): the precision of a
    share tells how far from the share meant its rounding may be (:func:`graph.ingest.scdl_checks.share_rounding`).

    >>> parse_ratio("0.45"), parse_ratio("1.00"), parse_ratio("80")
    ((Decimal('0.45'), False), (Decimal('1.00'), False), (Decimal('0.80'), True))
    >>> parse_ratio("45 %"), parse_ratio("33,30 %")
    ((Decimal('0.45'), True), (Decimal('0.3330'), True))
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
        return value.scaleb(-2), True  # not value / 100, normalised: that dropped the trailing zeros written
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
