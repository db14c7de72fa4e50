"""How a column of amounts uses the dot and the comma, as its unambiguous values tell (:func:`dot_convention`,
:func:`comma_convention`), so that :func:`graph.values.parse_amount` reads "12.500" and "25,000" as the file means
them (pitfall 11 of DATA-FORMATS.md §5), or refuses them as ambiguous when the file uses both conventions.

>>> dot_convention([(2, "12.500"), (3, "2.500,00")]).thousands_dot, comma_use("25,000")
(True, 'either')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from graph.values import GROUPED_THOUSANDS, LONE_DOT, ValueProblem, bracketed, compact_amount, parse_amount


def dot_use(text: str | None) -> str | None:
    """Say how the amount ``text`` uses the dot: ``"thousands"`` (``1.234.567``, ``2.500,00``, or a decimal comma
    ``750,50``), ``"decimal"`` (``1234.56``, ``2400.0``, ``1,234.56``), ``"either"`` (``12.500`` alone), or None
    (no mark tells: ``750``, ``1,500``, an unreadable cell).

    >>> [dot_use(t) for t in ("1.234.567", "2.500,00", "750,50", "1234.56", "0.500", "12.500", "1,500", "NC")]
    ['thousands', 'thousands', 'thousands', 'decimal', 'decimal', 'either', None, None]
    """
    try:
        compact = compact_amount((text or "").strip())
    except ValueProblem:
        return None
    dots, commas = compact.count("."), compact.count(",")
    if dots and commas:
        return "thousands" if compact.rfind(",") > compact.rfind(".") else "decimal"
    if dots:
        return "either" if LONE_DOT.fullmatch(compact) else "thousands" if dots > 1 else "decimal"
    if commas == 1 and not GROUPED_THOUSANDS[","].fullmatch(compact):
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


def decimal_mark(text: str) -> str | None:
    """The decimal mark of an amount written with both a dot and a comma: ``","`` for ``1.234,5``, ``"."`` for
    ``1,234.5``; None for any other (one mark or none, an unreadable cell).

    >>> [decimal_mark(t) for t in ("1.234,5", "1,234.5 €", "1 234,5", "12.500", "NC")]
    [',', '.', None, None, None]
    """
    try:
        compact = compact_amount((text or "").strip())
    except ValueProblem:
        return None
    if "." not in compact or "," not in compact:
        return None
    return "," if compact.rfind(",") > compact.rfind(".") else "."


def mixed_marks(cells: Iterable[tuple[int, str]]) -> dict[int, tuple[int, str]]:
    """The amounts ``(line, text)`` of one column written with both marks, when some have a decimal comma
    (``1.234,5``) and others a decimal dot (``1,234.5``): each is read by its own marks, but a file that mixes the
    conventions may have meant either (DATA-FORMATS.md §5, pitfall 11); line -> (line, text) of the first value of
    the other convention, which its warning names. Empty when the column keeps to one.

    >>> mixed_marks([(2, "1.234,5"), (3, "1,234.5"), (4, "2.000,00"), (5, "750")])
    {2: (3, '1,234.5'), 4: (3, '1,234.5'), 3: (2, '1.234,5')}
    >>> mixed_marks([(2, "1.234,5"), (3, "750,50")])
    {}
    """
    by_mark: dict[str, list[tuple[int, str]]] = {",": [], ".": []}
    for line, text in cells:
        if (mark := decimal_mark(text)) is not None:
            by_mark[mark].append((line, text.strip()))
    commas, dots = by_mark[","], by_mark["."]
    if not commas or not dots:
        return {}
    return {line: dots[0] for line, _ in commas} | {line: commas[0] for line, _ in dots}
