"""A grant's decision where the grants tables name the deliberation that decided it (« Décidé par »: the funding
page's list, a funder's or a beneficiary's tables, /api/grants).

A grants list's decision date that no deliberation holds (a row with ``dateDecision`` but no usable
``referenceDecision``) is kept on the grant itself (``dcterms:dateAccepted``,
:mod:`graph.ingest.scdl_grant_description`): the tables left its cell empty. A page says « Décision du 12 mars
2016 » there, unlinked (there is no deliberation's page), in the words of the grant's own page
(:mod:`webapp.display`); the JSON and CSV give the decision's date (``decision_date``): the deliberation's, else the
grant's own, their ``deliberation`` staying the deliberation's.
"""

from __future__ import annotations

from webapp.formatting import format_date
from webapp.i18n import t

#: A grant's own decision date (of ?grant) as ?accepted: one a grant holds at most (maish:GrantShape); the
#: deliberation's date is read with the deliberation.
OWN_DECISION_DATE = "OPTIONAL { ?grant dcterms:dateAccepted ?accepted }"
#: The column that a grants table says the decision in when it names no deliberation, and the row's key of what it
#: says there (:attr:`webapp.page_data.Table.fills`).
DECISION_FILLS = {"deliberation": "decision"}


def decision_date(deliberation_date, accepted):
    """The date of a grant's decision: its deliberation's, ``deliberation_date``, else its own, ``accepted`` (None
    for neither).

    >>> decision_date("2016-03-14", "2016-03-12"), decision_date(None, "2016-03-12"), decision_date(None, None)
    ('2016-03-14', '2016-03-12', None)
    """
    return deliberation_date if deliberation_date is not None else accepted


def decision_fields(deliberation, deliberation_date, accepted) -> dict:
    """The decision's cells of a grants table's row whose grant a ``deliberation`` (or None) dated
    ``deliberation_date`` decided, the grant's own decision date being ``accepted`` (each a term or None): its date
    (``decision_date``: :func:`decision_date`), and what the page says for a grant that no deliberation decided
    (``decision``: « Décision du 12 mars 2016 »; None for one that a deliberation decided, or of no date)."""
    said = t("decision_of", date=format_date(accepted)) if deliberation is None and accepted is not None else None
    return {"decision_date": decision_date(deliberation_date, accepted), "decision": said}
