"""The periods of a memberships table that ended while their member is still a member of the same pole: a register
records a move between circles as one period ended and another begun, and the ended one is no departure (the
Collectif, moved from the partners' circle to the operational one, was labelled « ancien membre » on the pole's page
and its own, three rows where the header counted two former members).
"""

from __future__ import annotations

from collections import defaultdict

from webapp.formatting import format_date
from webapp.i18n import t


def mark_moves(rows: list[dict], circles: dict) -> None:
    """Give ``status`` ``moved`` to each of ``rows`` (memberships, each with ``member``, ``organization``,
    ``circle``, ``joined``, ``left`` and its ``status``: current, future or former) that ended while the member has a
    current membership of the same organization, and ``moved_to``, what its status cell says of it (the circle of
    the period that followed it, named by ``circles``, IRI -> name, and the day). Only a member with no current
    period is a former member."""
    periods: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        periods[(row.get("member"), row.get("organization"))].append(row)
    for (member, _), own in periods.items():
        if member is None or not any(row["status"] == "current" for row in own):
            continue
        for row in own:
            if row["status"] == "former":
                row["status"], row["moved_to"] = "moved", _move_words(row, _next_period(row, own), circles)


def _next_period(row: dict, own: list[dict]) -> dict | None:
    """The period of ``own`` (one member's in one organization) that began the earliest on or after ``row``
    ended, if any."""
    after = [other for other in own if other is not row and other.get("joined") is not None
             and str(other["joined"]) >= str(row["left"])]
    return min(after, key=lambda other: str(other["joined"]), default=None)


def _move_words(row: dict, following: dict | None, circles: dict) -> str:
    """What the status cell of an ended period of a member of today says: the circle it moved to and the day, when
    the next period began the day this one ended in another circle (« a changé de cercle → cercle opérationnel, le
    1er septembre 2026 »: a register records a move so); the days it left and came back, when some time passed
    between them; otherwise that the period ended, the member still one."""
    left = format_date(row["left"])
    if following is None:
        return t("membership_period_ended", day=left)
    if str(following["joined"]) > str(row["left"]):
        return t("membership_back", left=left, day=format_date(following["joined"]))
    circle = circles.get(following.get("circle"))
    if following.get("circle") == row.get("circle") or not circle:
        return t("membership_period_ended", day=left)
    return t("membership_moved", circle=circle[:1].lower() + circle[1:], day=left)
