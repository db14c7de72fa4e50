"""The memberships on a resource's page (:func:`memberships`): an actor's, a pole's or a circle's, a page of them
from an offset, today's first, then those to come, then former ones (:func:`membership_status`), each named by its
member, pole and circle; the sorted list kept per published snapshot.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from rdflib import URIRef

from graph.identity_names import fold
from graph.namespaces import ORG
from webapp.cache import cached_slice
from webapp.i18n import get_lang, t
from webapp.labels import term_label
from webapp.membership_moves import mark_moves
from webapp.page_data import Table, ref
from webapp.page_queries import select
from webapp.resource_names import labels_of, pick_label
def membership_status(joined, left, today: dt.date | None = None) -> str:
    """``current``, ``former`` (left today or before) or ``future`` (joins after today): dates compared as text, as
    the dashboard and the named queries compare them.

    >>> membership_status("2024-01-15", "2025-06-30", dt.date(2026, 12, 1))
    'former'
    >>> membership_status("2024-01-15", None, dt.date(2026, 12, 1))
    'current'
    """
    today_text = (today or dt.date.today()).isoformat()
    if left is not None and str(left) <= today_text:
        return "former"
    if joined is not None and str(joined) > today_text:
        return "future"
    return "current"


_STATUS_ORDER = {"current": 0, "future": 1, "moved": 2, "former": 3}


# A resource's memberships (as member, as organization, as circle), each once with its member, organization, circle
# and dates — a membership without a member or a pole too (the shapes require both; a source may still leave one
# out): a pole's or a circle's page lists them here only, not among its incoming links. The names of the members and
# organizations, and of the circles, are read apart (:func:`labels_of`): joined here, a circle of 2,220 memberships at
# 100k actors took the engine 0.43 s (0.23 s without them, then 0.06 s for the names of its 2,017 members), and the
# rows with them, twice as many, as long again to merge; inside the OPTIONAL that binds the circle, the engine joined
# each membership with the labels of every concept (25 ms for a pole's 115 memberships, 6 ms without); after it, a
# membership with no circle matched every concept. An actor's memberships that other sources state under an address
# that a register's rename replaced by its own (dcterms:isReplacedBy, graph.ingest.source_renames) are its too.
_MEMBERSHIPS = """SELECT DISTINCT ?membership ?member ?organization ?circle ?joined ?left WHERE {
  { SELECT DISTINCT ?membership WHERE {
      { ?membership org:member ?s } UNION { ?membership org:organization ?s } UNION { ?membership org:role ?s }
      UNION { ?old dcterms:isReplacedBy ?s . ?membership org:member ?old } } }
  OPTIONAL { ?membership org:member ?member } OPTIONAL { ?membership org:organization ?organization }
  OPTIONAL { ?membership org:role ?circle }
  OPTIONAL { ?membership mai:joinedOn ?joined } OPTIONAL { ?membership mai:leftOn ?left }
}"""
# %CIRCLES% are IRIs read from the store, written with rdflib's escaping (never request text).
_CIRCLE_LABELS = ("SELECT ?circle ?circleLabel WHERE { VALUES ?circle { %CIRCLES% } "
                  "?circle skos:prefLabel ?circleLabel }")
#: A resource's memberships kept sorted for its next pages, up to this many.
MAX_SORTED_MEMBERSHIPS = 250_000


def memberships(s: URIRef, offset: int, size: int) -> tuple[Table, int, dict[str, int] | None]:
    """``size`` memberships of ``s`` (as member, organization or circle) from ``offset`` — today's first, then those to
    come, then the periods that a member of today ended (a move between circles), then former ones, each by entry date
    then by name —, how many there are (past that count, the page says that none is left), and, for a pole or a circle,
    how many members each status counts (a member is counted once, as the dashboard counts them). The sorted list is
    kept per published state, day and language."""
    rows, _ = cached_slice(("memberships", str(s), get_lang()), lambda: _sorted_memberships(s), 0, None,
                           MAX_SORTED_MEMBERSHIPS)
    table = Table("memberships", [("member", "member"), ("organization", "organization"), ("circle", "circle"),
                                  ("joined", "joined"), ("left", "left"), ("status", "status"),
                                  ("membership", "membership")],
                  links=("member", "organization", "circle", "membership"))
    table.rows = rows[offset:offset + size]
    table.more = max(len(rows) - offset - len(table.rows), 0)
    # the page's own resource is not said on every row: the member on an actor's page, the pole on the pole's
    table.hidden = tuple(key for key in ("member", "organization", "circle")
                         if rows and all(row[key] and row[key].iri == str(s) for row in rows))
    if not any(str(s) in (row[key].iri for key in ("organization", "circle") if row[key]) for row in rows):
        return table, len(rows), None  # an actor's: it is the member
    members: dict[str, set] = {status: set() for status in ("current", "future", "former")}
    for row in rows:
        if row["member"] and row["status_code"] in members:  # a member that moved is one today
            members[row["status_code"]].add(row["member"].iri)
    return table, len(rows), {status: len(found - members["current"]) if status != "current" else len(found)
                              for status, found in members.items()}


def _sorted_memberships(s: URIRef) -> list[dict]:
    """The rows of the memberships table of ``s``, in its order, each with its status (``status_code``)."""
    rows = select(_MEMBERSHIPS, s=s)  # a membership with two dates (two sources) is a row of each
    names = {iri: pick_label(found) for iri, found in labels_of(  # a blank node has no name to look up by
        {row.get(key) for row in rows for key in ("member", "organization") if isinstance(row.get(key), URIRef)}
    ).items()}
    circles = _circle_names(row["circle"] for row in rows if isinstance(row.get("circle"), URIRef))
    for row in rows:
        row["status"] = membership_status(row.get("joined"), row.get("left"))
    mark_moves(rows, circles)  # a period ended by a move between circles is no departure
    rows.sort(key=lambda r: (_STATUS_ORDER[r["status"]], r.get("joined") is None, str(r.get("joined") or ""),
                             fold(names.get(r.get("member")) or str(r.get("member") or ""))))
    return [{"member": ref(row.get("member"), names.get(row.get("member"))),
             "organization": ref(row.get("organization"), names.get(row.get("organization"))),
             "circle": ref(row.get("circle"), circles.get(row.get("circle"))),
             "joined": row.get("joined"), "left": row.get("left"), "status_code": row["status"],
             "status": row.get("moved_to") or t(f"membership_{row['status']}"),
             "membership": ref(row["membership"], _membership_name(row, names, circles))} for row in rows]


def _membership_name(row: dict, names: dict, circles: dict) -> str:
    """A membership's name, as its own page names it (« DanaeCare, membre de PTCE santé (Cercle cœur) »); the class's
    name (« Adhésion », the same on every row) for one without a named member or organization."""
    member, organization = names.get(row.get("member")), names.get(row.get("organization"))
    if not (member and organization):
        return term_label(ORG.Membership)
    circle = f" ({circles[row['circle']]})" if circles.get(row.get("circle")) else ""
    return t("membership_name", member=member, organization=organization, circle=circle)


def _circle_names(circles) -> dict[URIRef, str]:
    """The circles' names (their ``skos:prefLabel``, in the interface's language)."""
    labels: dict[URIRef, list] = defaultdict(list)
    if circles := sorted(set(circles)):
        for row in select(_CIRCLE_LABELS.replace("%CIRCLES%", " ".join(c.n3() for c in circles))):
            labels[row["circle"]].append(row["circleLabel"])
    return {circle: pick_label(found) for circle, found in labels.items()}
