"""The payment periods that grants lists write in French rather than as SCDL's ``start/end``
(:meth:`graph.ingest.scdl_grant_values.GrantCellReader.period`): a month ("juin 2024", the whole month), two dates
joined by a dash or by "au" ("01/06/2024 - 31/12/2024", "du 01/06/2024 au 31/12/2024", "2024-06-01 au 2024-12-31").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from graph.identity_names import fold
from graph.ingest.french import MONTHS

#: A month of a year, alone or after "en", "courant", "mois de" ("juin 2024", "courant juin 2024"), folded.
_MONTH = re.compile(rf"(?:(?:en|courant|au cours de|mois de|mois d')\s*)?({'|'.join(MONTHS)})\s+(\d{{4}})")
#: Two dates joined by a dash between spaces, "au", "à" or "jusqu'au", after "du" or "de" or nothing.
_BETWEEN = re.compile(r"(?:du|de|d')?\s*(?P<start>.+?)(?:\s+[-–—]\s+|\s+(?:au|à|a|jusqu'au)\s+)(?P<end>.+)",
                      re.IGNORECASE)


def month_period(text: str) -> tuple[dt.date, dt.date] | None:
    """The first and last days of the month that ``text`` names with its year, or None.

    >>> month_period("juin 2024"), month_period("Février 2024")[1], month_period("2024-06")
    ((datetime.date(2024, 6, 1), datetime.date(2024, 6, 30)), datetime.date(2024, 2, 29), None)
    """
    if (m := _MONTH.fullmatch(" ".join(fold(text).split()))) is None:
        return None
    year, month = int(m[2]), MONTHS[m[1]]
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def period_ends(text: str) -> tuple[str, str] | None:
    """The texts of the start and the end of a period whose two dates a dash or "au" joins, or None.

    >>> period_ends("du 01/06/2024 au 31/12/2024"), period_ends("2024-06-01 - 2024-12-31")
    (('01/06/2024', '31/12/2024'), ('2024-06-01', '2024-12-31'))
    >>> period_ends("2024-06-01"), period_ends("juin 2024")
    (None, None)
    """
    m = _BETWEEN.fullmatch(" ".join(text.split()))
    return (m["start"].strip(), m["end"].strip()) if m else None
