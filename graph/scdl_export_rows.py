"""How an SCDL export (:mod:`graph.export`) turns one grant's query bindings into a row of the 16 columns of the
schema (:func:`grant_to_row`): the SIRETs and RNA number it is written with, why a grant cannot be written
(:func:`why_not_scdl`) and what its funder or beneficiary lacks then (:func:`actor_lacks`), and the cells of a row
that are not the graph's value as SCDL takes it: left empty, replaced by a stand-in, or outside the schema's bounds.
"""

from __future__ import annotations

import re
from datetime import date as Date
from decimal import Decimal

from graph.identifiers import siret_ok

COLUMNS = ("nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision", "nomBeneficiaire",
           "idBeneficiaire", "rnaBeneficiaire", "objet", "montant", "nature", "conditionsVersement",
           "datesPeriodeVersement", "idRAE", "notificationUE", "pourcentageSubvention", "dispositifAide")
_PERIOD = re.compile(r"\d{4}-\d{2}-\d{2}(/\d{4}-\d{2}-\d{2})?")
_RNA_SCDL = re.compile(r"W\d{9}")
IN_KIND = "https://w3id.org/maillage/ontology/nature/in-kind"
#: ``mai:euNotified`` as SCDL writes it.
EU_NOTIFIED = {"true": "oui", "1": "oui", "false": "non", "0": "non"}
#: Required SCDL columns that the graph may not know (a deliberation says neither): left empty then, never guessed.
UNKNOWN_REQUIRED = ("conditionsVersement", "notificationUE")
#: The bounds of ``pourcentageSubvention`` in the SCDL schema v2.1.1 (``minimum``, ``maximum``).
SHARE_BOUNDS = (Decimal("0.01"), Decimal("1"))
#: The ``maxLength`` of ``conditionsVersement`` in the SCDL schema v2.1.1 (``objet``'s, the same, is cut to it).
CONDITIONS_CHARS = 256
#: Required columns written with a stand-in when the graph holds no value SCDL accepts, in the schema's order: what
#: stands in, (French, English).
REPLACED_BY = {"dateConvention": ("par la date de la décision qui l'accorde", "by the date of the decision granting "
                                  "it"),
               "objet": ("par « Subvention »", "by 'Subvention'"),
               "nature": ("par « aide en numéraire »", "by 'aide en numéraire'"),
               "datesPeriodeVersement": ("par la date de dateConvention", "by the date of dateConvention")}
#: Values written as the graph holds them although outside the schema's bounds (an SCDL validator reports them):
#: the bounds, (French, English).
OUT_OF_BOUNDS = {"conditionsVersement": (f"au plus {CONDITIONS_CHARS} caractères ; le texte de la source, gardé "
                                         "entier : coupé, il ne dirait plus les conditions", f"at most "
                                         f"{CONDITIONS_CHARS} characters; the source's text, kept whole: cut, it "
                                         "would no longer state the conditions"),
                 "pourcentageSubvention": ("de 0,01 à 1 ; vide, cette colonne obligatoire se relirait 1 : le montant "
                                           "entier", "0.01 to 1; left empty, this required column would read back as "
                                           "1: the whole amount")}
#: Values written as the publisher wrote them, which the schema accepts, although they look wrong: why, (French,
#: English).
DOUBTFUL = {"datesPeriodeVersement": ("période qui finit avant de commencer", "period that ends before it starts")}


def text_of(value) -> str:
    """The text of a query binding: '' for none."""
    return "" if value is None else str(value)


#: Why a grant cannot be written in SCDL: (French, English), by the first required field it lacks.
SKIPPED_BECAUSE = {
    "funder-siret": ("sans SIRET valide de l'attribuant", "no valid funder SIRET"),
    "date": ("sans date de convention ni de décision", "no convention nor decision date"),
    "beneficiary-id": ("sans SIRET ni numéro RNA (W + 9 chiffres) du bénéficiaire",
                       "no beneficiary SIRET nor RNA number (W + 9 digits)"),
    "beneficiary-name": ("sans nom du bénéficiaire", "no beneficiary name"),
    "repeated": ("en double d'une ligne écrite : une subvention que plusieurs sources publient, écrite une fois",
                 "the same as a line written: a grant that several sources publish, written once"),
}
#: What a funder or beneficiary that kept grants out lacks: (French, English), formatted with its ``siren``/``rna``.
ACTOR_LACKS = {
    "no-identifier": ("ni SIREN ni SIRET connu", "no SIREN nor SIRET known"),
    "siren-only": ("SIREN {siren} seul, aucun SIRET de cet organisme dans le graphe",
                   "SIREN {siren} alone, no SIRET of this organisation in the graph"),
    "invalid-siret": ("SIRET invalide (clé de Luhn)", "invalid SIRET (Luhn key)"),
    "rna-pattern": ("pas de SIRET, et le numéro RNA {rna} n'a pas la forme SCDL (W + 9 chiffres)",
                    "no SIRET, and the RNA number {rna} is not of the SCDL form (W + 9 digits)"),
}
#: Said after what a beneficiary lacks, when it has no RNA number either: (French, English).
NOR_RNA = (", ni numéro RNA", ", nor any RNA number")


def pick_siret(own: str, kin: str = "") -> str:
    """The least valid SIRET among ``own`` (an organisation's, joined by spaces), else among ``kin`` (those of other
    resources of its SIREN); '' when there is none.

    >>> pick_siret("22420001700000 22420001700016", "22420001700008")
    '22420001700016'
    >>> pick_siret("", "22420001700024 22420001700008")
    '22420001700008'
    """
    for candidates in (own, kin):
        if valid := sorted(siret for siret in candidates.split() if siret_ok(siret)):
            return valid[0]
    return ""


def _siret(b: dict, role: str) -> str:
    """The SIRET of the grant's ``role`` ("funder" or "beneficiary"): the one the grant was read with, else for a
    funder the one its source gives it, else its organisation's (:func:`pick_siret`).

    >>> _siret({"funderSirets": "24420077000018 24420077000026", "funderGrantSirets": "24420077000026"}, "funder")
    '24420077000026'
    """
    for said in (b.get(role + "GrantSirets"), b.get("funderSourceSirets") if role == "funder" else None):
        if own := pick_siret(text_of(said)):
            return own
    return pick_siret(text_of(b.get(role + "Sirets")), text_of(b.get(role + "KinSirets")))


def _rna(b: dict) -> str:
    """The beneficiary's RNA number of a grant: the one the grant was read with, else its actor's when the actor holds
    one alone (two, from rows that two sources gave, say neither for this grant's row).

    >>> _rna({"beneficiaryRna": "W123456789", "beneficiaryLastRna": "W987654321"})
    ''
    >>> _rna({"beneficiaryRna": "W123456789", "beneficiaryLastRna": "W987654321", "beneficiaryGrantRna": "W987654321"})
    'W987654321'
    """
    if own := text_of(b.get("beneficiaryGrantRna")):
        return own
    least, greatest = text_of(b.get("beneficiaryRna")), text_of(b.get("beneficiaryLastRna"))
    return least if not greatest or least == greatest else ""


def _ids(b: dict) -> tuple[str, str, str, str]:
    date = text_of(b.get("conventionDate") or b.get("decisionDate"))
    rna = _rna(b)
    return _siret(b, "funder"), date, _siret(b, "beneficiary"), rna if _RNA_SCDL.fullmatch(rna) else ""


def why_not_scdl(b: dict) -> str | None:
    """The key in :data:`SKIPPED_BECAUSE` of the first required SCDL field that a grant's bindings lack, or None."""
    siret, date, beneficiary_siret, rna = _ids(b)
    checks = (("funder-siret", bool(siret)), ("date", bool(date)),
              ("beneficiary-id", bool(beneficiary_siret or rna)), ("beneficiary-name", bool(b.get("beneficiaryName"))))
    return next((reason for reason, ok in checks if not ok), None)


def roles_lacking(b: dict) -> list[str]:
    """The parties of a grant's bindings that have no identifier SCDL takes, funder first: every one that keeps the
    grant out, so that fixing the first does not meet a second refusal.

    >>> roles_lacking({"funderSiren": "244200770", "beneficiaryName": "DanaeCare"})
    ['funder', 'beneficiary']
    """
    siret, _, beneficiary_siret, rna = _ids(b)
    return [role for role, known in (("funder", siret), ("beneficiary", beneficiary_siret or rna)) if not known]


def actor_lacks(b: dict, role: str) -> tuple[str, str, str]:
    """Why the ``role`` ("funder" or "beneficiary") of a grant's bindings has no identifier SCDL takes: the key in
    :data:`ACTOR_LACKS`, the French text and the English one.

    >>> actor_lacks({"funderSiren": "244200770"}, "funder")[:2]
    ('siren-only', 'SIREN 244200770 seul, aucun SIRET de cet organisme dans le graphe')
    """
    siren, rna = text_of(b.get(role + "Siren")), text_of(b.get("beneficiaryRna")) if role == "beneficiary" else ""
    if rna:
        key = "rna-pattern"
    elif text_of(b.get(role + "Sirets")):
        key = "invalid-siret"
    else:
        key = "siren-only" if siren else "no-identifier"
    nor_rna = role == "beneficiary" and key != "rna-pattern"
    fr, en = (ACTOR_LACKS[key][i].format(siren=siren, rna=rna) + (NOR_RNA[i] if nor_rna else "") for i in (0, 1))
    return key, fr, en


def grant_to_row(b: dict) -> list[str] | None:
    """Return the SCDL row of one grant's query bindings, or None when SCDL's required fields are unknown.

    >>> grant_to_row({"funderName": "Ville", "funderSirets": "21060004500392", "conventionDate": "2024-05-16",
    ...               "beneficiaryName": "Club", "beneficiaryRna": "W123456789", "amountValue": "500"})[:3]
    ['Ville', '21060004500392', '2024-05-16']
    """
    if why_not_scdl(b):
        return None
    siret, date, beneficiary_siret, rna = _ids(b)
    share = Decimal(text_of(b.get("shareValue")) or "1")
    total = Decimal(text_of(b.get("statedTotal") or b.get("amountValue")))
    period = text_of(b.get("paymentPeriod"))
    return [
        text_of(b.get("funderName")) or siret, siret, date, text_of(b.get("reference")),
        text_of(b.get("beneficiaryName")), beneficiary_siret, rna, (text_of(b.get("purpose")) or "Subvention")[:256],
        _number(total),
        _nature(b), text_of(b.get("paymentConditions")), period if period_readable(period) else date, "",
        EU_NOTIFIED.get(text_of(b.get("euNotified")), ""), _number(share), text_of(b.get("programme")),
    ]


def _nature(b: dict) -> str:
    """The SCDL ``nature``: the forms of aid the source listed, else one from the grant's nature concept."""
    if forms := text_of(b.get("aidForms")):
        return forms
    return "aide en nature" if text_of(b.get("natureIri")) == IN_KIND else "aide en numéraire"


def unknown_cells(row: list[str]) -> list[str]:
    """The required SCDL columns that ``row`` leaves empty, its source not having said them.

    >>> unknown_cells(["x"] * 10 + [""] + ["x"] * 2 + [""] + ["x"] * 2)
    ['conditionsVersement', 'notificationUE']
    """
    return [column for column in UNKNOWN_REQUIRED if not row[COLUMNS.index(column)]]


def period_days(period: str) -> list[Date] | None:
    """The days of a payment period that SCDL takes: a date or two (the schema's pattern), each a day of the
    calendar; None for another value (« 2017 », « 2017-30-05 »).

    >>> period_days("2018-03-14/2017-03-14"), period_days("2017-02-30")
    ([datetime.date(2018, 3, 14), datetime.date(2017, 3, 14)], None)
    """
    if not _PERIOD.fullmatch(period):
        return None
    try:
        return [Date.fromisoformat(day) for day in period.split("/")]
    except ValueError:
        return None


def period_readable(period: str) -> bool:
    """Whether ``period`` is written as the publisher wrote it: the schema's pattern, of days of the calendar. A
    reversed period (``2018-03-14/2017-03-14``, warned at ingest) is the publisher's, which the schema accepts: kept,
    and said doubtful (:func:`doubtful_cells`); the convention date put in its place was no payment period at all.

    >>> period_readable("2017-03-14/2018-03-14"), period_readable("2018-03-14/2017-03-14"), period_readable("2017")
    (True, True, False)
    """
    return period_days(period) is not None


def replaced_cells(b: dict) -> dict[str, str]:
    """The required SCDL columns (:data:`REPLACED_BY`) that a grant's row writes with a stand-in, each with the value
    the graph holds for it ('' for none), in the schema's order: no convention date (its decision's is written: the
    deciding deliberation's, or the grant's own ``dcterms:dateAccepted``); no purpose (« Subvention »); no form of
    aid that the source stated (it said none, or « subvention »: warned at ingest), the grant not in kind; a period
    stored as its source wrote it, unreadable ("2017", a day no calendar has: :func:`period_readable`), or none.
    Read back, each is a fact: the summary says them.

    >>> replaced_cells({"paymentPeriod": "2017", "decisionDate": "2024-05-16", "purpose": "Sport"})
    {'dateConvention': '', 'nature': '', 'datesPeriodeVersement': '2017'}
    >>> replaced_cells({"paymentPeriod": "2017-03-14/2018-03-14", "aidForms": "aide en numéraire", "purpose": "Sport",
    ...                 "conventionDate": "2024-05-16"})
    {}
    """
    period = text_of(b.get("paymentPeriod"))
    stand_in = {"dateConvention": not b.get("conventionDate"), "objet": not text_of(b.get("purpose")),
                "nature": not text_of(b.get("aidForms")) and text_of(b.get("natureIri")) != IN_KIND,
                "datesPeriodeVersement": not period_readable(period)}
    return {column: period if column == "datesPeriodeVersement" else "" for column in REPLACED_BY if stand_in[column]}


def doubtful_cells(b: dict) -> dict[str, str]:
    """The SCDL columns (:data:`DOUBTFUL`) that a grant's row writes as its publisher wrote them although they look
    wrong, each with its value: a payment period that ends before it starts.

    >>> doubtful_cells({"paymentPeriod": "2017-04-12/2017-03-09"}), doubtful_cells({"paymentPeriod": "2017-03-09"})
    ({'datesPeriodeVersement': '2017-04-12/2017-03-09'}, {})
    """
    period = text_of(b.get("paymentPeriod"))
    days = period_days(period)
    return {"datesPeriodeVersement": period} if days and days != sorted(days) else {}


def out_of_bounds_cells(b: dict) -> dict[str, str]:
    """The SCDL columns (:data:`OUT_OF_BOUNDS`) that a grant's row writes outside the schema's bounds, each with its
    value: payment conditions longer than :data:`CONDITIONS_CHARS` (a department's whole schedule of advances), a
    share below 1 % (:data:`SHARE_BOUNDS`), that a rate of cofinancing may be. The other columns stay within their
    bounds: ``objet`` is cut at its length, identifiers, dates and natures are written only in the schema's forms.

    >>> out_of_bounds_cells({"shareValue": "0.005"}), out_of_bounds_cells({"shareValue": "0.5"})
    ({'pourcentageSubvention': '0.005'}, {})
    >>> out_of_bounds_cells({"paymentConditions": "x" * 300})
    {'conditionsVersement': '300 > 256'}
    """
    cells = {}
    if len(conditions := text_of(b.get("paymentConditions"))) > CONDITIONS_CHARS:
        cells["conditionsVersement"] = f"{len(conditions)} > {CONDITIONS_CHARS}"  # the text itself: a page long
    share = Decimal(text_of(b.get("shareValue")) or "1")
    if not SHARE_BOUNDS[0] <= share <= SHARE_BOUNDS[1]:
        cells["pourcentageSubvention"] = _number(share)
    return cells


def _number(value: Decimal) -> str:
    """Write a decimal with a point and no exponent (``Decimal('1E+3')`` → ``1000``)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
