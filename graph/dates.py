"""Pure parsers for the dates that French public-data files hold: a day (:func:`parse_date`, ISO, French or an Excel
serial number, a portal's UTC moment read as its day in Paris) and a payment period (:func:`parse_period`). A cell
that is not one raises :class:`graph.values.ValueProblem`, as the other values' parsers do (:mod:`graph.values`).

>>> parse_date("08/09/2017")
datetime.date(2017, 9, 8)
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

from graph.values import ValueProblem


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
