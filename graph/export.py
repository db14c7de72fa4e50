"""Export the graph's grants as an SCDL *subventions* v2.1.1 CSV (UTF-8, comma, decimal point, ISO dates).

One row per grant, in the 16 columns of the official schema. SCDL requires what the graph may not know; the
rules, so that every written row passes the schema:

- ``idAttribuant`` must be a valid 14-digit SIRET and ``dateConvention`` a date (the convention's, else the
  deciding deliberation's): grants without them are **skipped** and counted;
- ``idAttribuant`` and ``idBeneficiaire`` are the SIRETs the grant was read with (``mai:funderSiret``,
  ``mai:beneficiarySiret``: its SCDL row's), when valid: an organisation is one actor per SIREN, which keeps the
  SIRETs of all its establishments, and a métropole granting through two of them has each grant's row written with
  its own; else, for the funder, the SIRET that the grant's own source gives it (an RDF file's, a list stored before
  grants kept their row's), when valid;
- else an organisation's SIRET is the least valid one the graph gives it (``mai:siret``), else the least valid
  SIRET that the graph gives another resource of the same SIREN (an establishment, an actor that a source kept
  apart): a funder or beneficiary known by its SIREN alone is written when the graph knows one of its establishments;
- the beneficiary needs a valid SIRET (``idBeneficiaire``) or an RNA number ``W`` + 9 digits (``rnaBeneficiaire``,
  the schema's pattern: RNA numbers with letters cannot be written); otherwise the grant is skipped too;
- the summary names each funder and beneficiary that kept grants out, and why (:data:`ACTOR_LACKS`);
- ``montant`` is the stated total (``mai:statedTotal``) when the grant is a share, and ``pourcentageSubvention``
  that share (else 1); ``nature`` is ``aide en nature`` for the in-kind nature, else ``aide en numéraire``;
- ``nature``, ``conditionsVersement`` and ``notificationUE`` are what the source said (``mai:aidForms``,
  ``mai:paymentConditions``, ``mai:euNotified``); ``nature`` falls back on the grant's nature concept (``aide en
  nature`` or ``aide en numéraire``), and the other two are **left empty** when unknown (a deliberation says
  neither): the schema requires them, but an empty cell is a missing value, where ``non`` would state a false
  fact. The summary counts such cells;
- ``datesPeriodeVersement`` is the stored period when it matches the schema, else the convention date; ``objet``
  is cut at 256 characters;
- the summary counts the cells written with a stand-in (:data:`REPLACED_BY`: a period stored unreadable or none, no
  form of aid the source stated) and the values written outside the schema's bounds (:data:`OUT_OF_BOUNDS`: a
  ``pourcentageSubvention`` of 0.005; the column is required, any other number would be false, and an empty cell
  reads back as 1: the whole amount), and with ``verbose`` names their grants.

>>> from graph.store import open_store
>>> import io
>>> out = io.BytesIO()
>>> export_scdl(open_store({"store": "memory"}), out)
{'written': 0, 'skipped': 0, 'because': {}}
>>> out.getvalue().decode().split(",")[:2]
['nomAttribuant', 'idAttribuant']
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from decimal import Decimal

from graph.french_text import counted
from graph.identifiers import siret_ok
from graph.namespaces import NOT_REPLACED, sparql_prologue

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
#: Required columns written with a stand-in when the graph holds no value SCDL accepts: what stands in, (French,
#: English).
REPLACED_BY = {"datesPeriodeVersement": ("par la date de dateConvention", "by the date of dateConvention"),
               "nature": ("par « aide en numéraire »", "by 'aide en numéraire'")}
#: Values written as the graph holds them although outside the schema's bounds (an SCDL validator reports them):
#: the bounds, (French, English).
OUT_OF_BOUNDS = {"pourcentageSubvention": ("de 0,01 à 1 ; vide, cette colonne obligatoire se relirait 1 : le montant "
                                           "entier", "0.01 to 1; left empty, this required column would read back as "
                                           "1: the whole amount")}

# The actors' values that may be many (an authority's SIRETs are its establishments': hundreds for a département)
# are reduced to one per funder or beneficiary before the join: as plain OPTIONALs, each grant's row multiplied by
# its funder's SIRETs and labels and its beneficiary's before the GROUP BY (the 22,064 grants of 100k actors: 23.7 s
# -> 7.9 s, the same bytes written, peak RSS 234 -> 255 MB).
def _one_per_actor(actor: str, role: str, path: str, var: str) -> str:
    """An OPTIONAL binding ?{var} to the least ``path`` value of each ?{actor} (the objects of ``role``)."""
    return (f"OPTIONAL {{ SELECT ?{actor} (MIN(?v) AS ?{var}) WHERE {{ {{ SELECT DISTINCT ?{actor} WHERE {{ "
            f"[] {role} ?{actor} }} }} ?{actor} {path} ?v }} GROUP BY ?{actor} }}")


# Every SIRET of the actor, and apart those of the other resources of its SIREN, joined by spaces: the least of
# them may fail the Luhn key (an RDF file's typo), which SPARQL cannot check, so Python picks the least valid one.
def _sirets_of_actor(actor: str, role: str, own: str, kin: str) -> str:
    """OPTIONALs binding ?{own} to the SIRETs of each ?{actor} and ?{kin} to those of other resources of its SIREN."""
    actors = f"{{ SELECT DISTINCT ?{actor} WHERE {{ [] {role} ?{actor} }} }}"
    return (f"OPTIONAL {{ SELECT ?{actor} (GROUP_CONCAT(DISTINCT STR(?v); separator=' ') AS ?{own}) WHERE {{ "
            f"{actors} ?{actor} mai:siret ?v }} GROUP BY ?{actor} }}\n"
            f"  OPTIONAL {{ SELECT ?{actor} (GROUP_CONCAT(DISTINCT STR(?v); separator=' ') AS ?{kin}) WHERE {{ "
            f"{actors} ?{actor} mai:siren ?s . ?other mai:siren ?s ; mai:siret ?v "
            f"FILTER(?other != ?{actor} && STRSTARTS(STR(?v), STR(?s))) }} GROUP BY ?{actor} }}")


# The SIRETs that the source of a grant gives its funder, for a grant that keeps none of its own (mai:funderSiret): an
# RDF file's, or a list's stored before; another source may give the same authority another establishment's SIRET.
def _sirets_in_grant_source() -> str:
    """An OPTIONAL binding ?gsirets to the SIRETs the graph of each grant's source gives its funder."""
    return ("OPTIONAL { SELECT ?grant (GROUP_CONCAT(DISTINCT STR(?v); separator=' ') AS ?gsirets) WHERE { "
            "GRAPH ?g { ?grant schema:funder ?f . ?f mai:siret ?v } } GROUP BY ?grant }")


GRANTS = f"""
SELECT ?grant (MIN(?fname) AS ?funderName) (MIN(?fsirets) AS ?funderSirets) (MIN(?fkin) AS ?funderKinSirets)
       (MIN(?fsiren) AS ?funderSiren) (MIN(STR(?funder)) AS ?funderIri) (MIN(?cdate) AS ?conventionDate)
       (MIN(?ddate) AS ?decisionDate) (MIN(?ref) AS ?reference) (MIN(?bname) AS ?beneficiaryName)
       (MIN(?bsirets) AS ?beneficiarySirets) (MIN(?bkin) AS ?beneficiaryKinSirets) (MIN(?bsiren) AS ?beneficiarySiren)
       (MIN(STR(?beneficiary)) AS ?beneficiaryIri) (MIN(?brna) AS ?beneficiaryRna) (MIN(?desc) AS ?purpose)
       (MIN(?amount) AS ?amountValue) (MIN(?total) AS ?statedTotal) (MIN(?share) AS ?shareValue)
       (MIN(STR(?nature)) AS ?natureIri) (MIN(?period) AS ?paymentPeriod) (MIN(?prog) AS ?programme)
       (MIN(?forms) AS ?aidForms) (MIN(?conditions) AS ?paymentConditions) (MIN(STR(?notified)) AS ?euNotified)
       (MIN(?gsirets) AS ?funderSourceSirets) (MIN(?gid) AS ?grantId)
       (GROUP_CONCAT(DISTINCT STR(?fgrant); separator=' ') AS ?funderGrantSirets)
       (GROUP_CONCAT(DISTINCT STR(?bgrant); separator=' ') AS ?beneficiaryGrantSirets)
WHERE {{
  ?grant a mai:Grant ; schema:amount ?amount ; schema:funder ?funder ; mai:beneficiary ?beneficiary .
  {NOT_REPLACED}  # a grant that an erratum corrects: its corrected grant is the row
  {_one_per_actor("funder", "schema:funder", "rdfs:label", "fname")}
  {_sirets_of_actor("funder", "schema:funder", "fsirets", "fkin")}
  {_one_per_actor("funder", "schema:funder", "mai:siren", "fsiren")}
  OPTIONAL {{ ?grant mai:conventionDate ?cdate }}
  OPTIONAL {{ ?grant mai:decidedBy/dcterms:date ?ddate }}
  OPTIONAL {{ ?grant mai:decisionReference ?ownRef }}
  OPTIONAL {{ ?grant mai:decidedBy/dcterms:identifier ?deliberationNumber }}
  BIND(COALESCE(?ownRef, ?deliberationNumber) AS ?ref)  # a grant read from a deliberation: its number
  {_one_per_actor("beneficiary", "mai:beneficiary", "rdfs:label", "bname")}
  {_sirets_of_actor("beneficiary", "mai:beneficiary", "bsirets", "bkin")}
  {_one_per_actor("beneficiary", "mai:beneficiary", "mai:siren", "bsiren")}
  {_one_per_actor("beneficiary", "mai:beneficiary", "mai:rna", "brna")}
  OPTIONAL {{ ?grant dcterms:description ?desc }}
  OPTIONAL {{ ?grant mai:statedTotal ?total }}
  OPTIONAL {{ ?grant mai:shareOf ?share }}
  OPTIONAL {{ ?grant mai:nature ?nature }}
  OPTIONAL {{ ?grant mai:paymentPeriod ?period }}
  OPTIONAL {{ ?grant mai:programme ?prog }}
  OPTIONAL {{ ?grant mai:aidForms ?forms }}
  OPTIONAL {{ ?grant mai:paymentConditions ?conditions }}
  OPTIONAL {{ ?grant mai:euNotified ?notified }}
  OPTIONAL {{ ?grant dcterms:identifier ?gid }}
  {_sirets_in_grant_source()}
  OPTIONAL {{ ?grant mai:funderSiret ?fgrant }}
  OPTIONAL {{ ?grant mai:beneficiarySiret ?bgrant }}
}}
GROUP BY ?grant
ORDER BY ?grant
"""


def _text(value) -> str:
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
#: The role of an actor in a grant, as the summary names it: (French, English).
ROLES = {"funder": ("attribuant", "funder"), "beneficiary": ("bénéficiaire", "beneficiary")}
#: What the summary says of each kind of cell that is not the graph's value as SCDL takes it: (its count's noun, French
#: singular and plural, English), its texts by column, what a cell of that kind is (French, English).
SUBSTITUTIONS = {
    "replaced": (("valeur remplacée", "valeurs remplacées", "replaced"), REPLACED_BY, ("remplacée", "replaced")),
    "out_of_bounds": (("valeur hors des bornes du schéma, écrite telle quelle",
                       "valeurs hors des bornes du schéma, écrites telles quelles",
                       "outside the schema's bounds, written as held"), OUT_OF_BOUNDS,
                      ("hors des bornes", "outside the bounds")),
}
#: Actors named one by one in the summary; the others are counted.
SUMMARY_ACTORS = 20


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
        if own := pick_siret(_text(said)):
            return own
    return pick_siret(_text(b.get(role + "Sirets")), _text(b.get(role + "KinSirets")))


def _ids(b: dict) -> tuple[str, str, str, str]:
    date = _text(b.get("conventionDate") or b.get("decisionDate"))
    rna = _text(b.get("beneficiaryRna"))
    return _siret(b, "funder"), date, _siret(b, "beneficiary"), rna if _RNA_SCDL.fullmatch(rna) else ""


def why_not_scdl(b: dict) -> str | None:
    """The key in :data:`SKIPPED_BECAUSE` of the first required SCDL field that a grant's bindings lack, or None."""
    siret, date, beneficiary_siret, rna = _ids(b)
    checks = (("funder-siret", bool(siret)), ("date", bool(date)),
              ("beneficiary-id", bool(beneficiary_siret or rna)), ("beneficiary-name", bool(b.get("beneficiaryName"))))
    return next((reason for reason, ok in checks if not ok), None)


def actor_lacks(b: dict, role: str) -> tuple[str, str, str]:
    """Why the ``role`` ("funder" or "beneficiary") of a grant's bindings has no identifier SCDL takes: the key in
    :data:`ACTOR_LACKS`, the French text and the English one.

    >>> actor_lacks({"funderSiren": "244200770"}, "funder")[:2]
    ('siren-only', 'SIREN 244200770 seul, aucun SIRET de cet organisme dans le graphe')
    """
    siren, rna = _text(b.get(role + "Siren")), _text(b.get("beneficiaryRna")) if role == "beneficiary" else ""
    if rna:
        key = "rna-pattern"
    elif _text(b.get(role + "Sirets")):
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
    share = Decimal(_text(b.get("shareValue")) or "1")
    total = Decimal(_text(b.get("statedTotal") or b.get("amountValue")))
    period = _text(b.get("paymentPeriod"))
    return [
        _text(b.get("funderName")) or siret, siret, date, _text(b.get("reference")), _text(b.get("beneficiaryName")),
        beneficiary_siret, rna, (_text(b.get("purpose")) or "Subvention")[:256], _number(total),
        _nature(b), _text(b.get("paymentConditions")), period if _PERIOD.fullmatch(period) else date, "",
        EU_NOTIFIED.get(_text(b.get("euNotified")), ""), _number(share), _text(b.get("programme")),
    ]


def _nature(b: dict) -> str:
    """The SCDL ``nature``: the forms of aid the source listed, else one from the grant's nature concept."""
    if forms := _text(b.get("aidForms")):
        return forms
    return "aide en nature" if _text(b.get("natureIri")) == IN_KIND else "aide en numéraire"


def unknown_cells(row: list[str]) -> list[str]:
    """The required SCDL columns that ``row`` leaves empty, its source not having said them.

    >>> unknown_cells(["x"] * 10 + [""] + ["x"] * 2 + [""] + ["x"] * 2)
    ['conditionsVersement', 'notificationUE']
    """
    return [column for column in UNKNOWN_REQUIRED if not row[COLUMNS.index(column)]]


def filled_cells(b: dict) -> list[str]:
    """The required SCDL columns that a grant's row fills with what its source did not say: ``objet`` written
    « Subvention » for a grant of no purpose, ``dateConvention`` its deciding deliberation's date. Read back, they
    are facts: the summary says how many.

    >>> filled_cells({"decisionDate": "2024-05-16"}), filled_cells({"purpose": "x", "conventionDate": "2024-05-16"})
    (['dateConvention', 'objet'], [])
    """
    return [column for column, said in (("dateConvention", b.get("conventionDate")), ("objet", _text(b.get("purpose"))))
            if not said]


def replaced_cells(b: dict) -> dict[str, str]:
    """The required SCDL columns (:data:`REPLACED_BY`) that a grant's row writes with a stand-in, each with the value
    the graph holds for it ('' for none): a period stored as its source wrote it, unreadable ("2017"), or none; no
    form of aid that the source stated (it said none, or « subvention »: warned at ingest), the grant not in kind.

    >>> replaced_cells({"paymentPeriod": "2017"})
    {'datesPeriodeVersement': '2017', 'nature': ''}
    >>> replaced_cells({"paymentPeriod": "2017-03-14/2018-03-14", "aidForms": "aide en numéraire"})
    {}
    """
    period, cells = _text(b.get("paymentPeriod")), {}
    if not _PERIOD.fullmatch(period):
        cells["datesPeriodeVersement"] = period
    if not _text(b.get("aidForms")) and _text(b.get("natureIri")) != IN_KIND:
        cells["nature"] = ""
    return cells


def out_of_bounds_cells(b: dict) -> dict[str, str]:
    """The SCDL columns (:data:`OUT_OF_BOUNDS`) that a grant's row writes outside the schema's bounds, each with its
    value: a share below 1 % (:data:`SHARE_BOUNDS`), that a rate of cofinancing may be.

    >>> out_of_bounds_cells({"shareValue": "0.005"}), out_of_bounds_cells({"shareValue": "0.5"})
    ({'pourcentageSubvention': '0.005'}, {})
    """
    share = Decimal(_text(b.get("shareValue")) or "1")
    return {} if SHARE_BOUNDS[0] <= share <= SHARE_BOUNDS[1] else {"pourcentageSubvention": _number(share)}


def _number(value: Decimal) -> str:
    """Write a decimal with a point and no exponent (``Decimal('1E+3')`` → ``1000``)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def export_scdl(store, out) -> dict:
    """Write the grants of ``store`` as SCDL subventions v2.1.1 CSV to the binary stream ``out``.

    Returns ``{"written": n, "skipped": m, "because": {reason: count}}`` (skipped: grants SCDL cannot express,
    counted by the first required field they lack: :data:`SKIPPED_BECAUSE`; or ``repeated``, a grant whose line would
    repeat one written — two sources publish it, and an importer reads one grant of two equal lines), and when a
    funder or beneficiary kept grants out, ``"actors"``: one dict each (``role``, ``name``, ``iri``, ``lacks``: a key
    of :data:`ACTOR_LACKS`, ``why`` and ``why_en``: its text in French and English, ``grants``: how many), most grants
    first; when rows leave
    required columns empty because the graph does not know them, ``"unknown"``: ``{column: rows}``
    (:data:`UNKNOWN_REQUIRED`); when rows fill required columns for want of better, ``"filled"``: ``{column: rows}``
    (:func:`filled_cells`); when rows write a stand-in or a value outside the schema's bounds, ``"replaced"`` and
    ``"out_of_bounds"``: ``{column: rows}`` (:func:`replaced_cells`, :func:`out_of_bounds_cells`), and
    ``"substituted"``: one dict per cell (``kind``: "replaced" or "out_of_bounds", ``column``, ``grant``: the grant's
    identifier, else its IRI, ``held``: the value the graph holds, '' for none).
    """
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    written, because, actors, unknown, filled, substituted = 0, Counter(), {}, Counter(), Counter(), []
    rows_written: set[tuple] = set()
    result = store.query(sparql_prologue() + GRANTS)
    names = [str(v) for v in result.variables]
    for values in result:
        bindings = {n: v for n, v in zip(names, values) if v is not None}
        reason = why_not_scdl(bindings)
        if reason:
            because[reason] += 1
            if reason in ("funder-siret", "beneficiary-id"):
                _count_actor(actors, bindings, "funder" if reason == "funder-siret" else "beneficiary")
            continue
        row = grant_to_row(bindings)
        if tuple(row) in rows_written:  # a grant that two sources publish: one line, as an importer reads it
            because["repeated"] += 1
            continue
        rows_written.add(tuple(row))
        unknown.update(unknown_cells(row))
        filled.update(filled_cells(bindings))
        grant = _text(bindings.get("grantId") or bindings.get("grant"))
        substituted += [{"kind": kind, "column": column, "grant": grant, "held": held}
                        for kind, cells in (("replaced", replaced_cells), ("out_of_bounds", out_of_bounds_cells))
                        for column, held in cells(bindings).items()]
        writer.writerow(row)
        written += 1
    out.write(text.getvalue().encode("utf-8"))
    counts = {"written": written, "skipped": sum(because.values()), "because": dict(because)}
    if unknown:
        counts["unknown"] = {column: unknown[column] for column in UNKNOWN_REQUIRED if unknown[column]}
    if filled:
        counts["filled"] = dict(sorted(filled.items()))
    for kind in SUBSTITUTIONS:
        if tally := Counter(s["column"] for s in substituted if s["kind"] == kind):
            counts[kind] = dict(tally)
    if substituted:
        counts["substituted"] = substituted
    if actors:
        counts["actors"] = sorted(actors.values(), key=lambda a: (-a["grants"], a["role"], a["name"], a["iri"]))
    return counts


def _count_actor(actors: dict, b: dict, role: str) -> None:
    """Count one more grant kept out by the funder or beneficiary (``role``) of the bindings ``b``."""
    iri = _text(b.get(role + "Iri"))
    if (role, iri) not in actors:
        lacks, why, why_en = actor_lacks(b, role)
        actors[(role, iri)] = {"role": role, "name": _text(b.get(role + "Name")) or iri, "iri": iri, "lacks": lacks,
                               "why": why, "why_en": why_en, "grants": 0}
    actors[(role, iri)]["grants"] += 1


def scdl_summary(counts: dict, lang: str = "fr", verbose: bool = False) -> str:
    """What the person who exported needs to know, in ``lang``: how many grants were written, why the others were
    not, and the funders and beneficiaries that kept them out (the first :data:`SUMMARY_ACTORS`); the cells written
    with a stand-in or outside the schema's bounds, and with ``verbose`` their grants (:func:`substitution_lines`).

    >>> counts = {"written": 0, "skipped": 1, "because": {"funder-siret": 1}, "actors": [
    ...     {"role": "funder", "name": "Ville", "why": "ni SIREN ni SIRET connu", "why_en": "no SIREN nor SIRET known",
    ...      "grants": 1}]}
    >>> print(scdl_summary(counts))
    SCDL : 0 subvention écrite, 1 omise (1 sans SIRET valide de l'attribuant)
      attribuant « Ville » : ni SIREN ni SIRET connu (1 subvention)
    >>> print(scdl_summary(counts, "en"))
    SCDL: 0 grants written, 1 left out (1 no valid funder SIRET)
      funder 'Ville': no SIREN nor SIRET known (1 grant)
    """
    if lang == "en":
        return _scdl_summary_en(counts, verbose)
    line = f"SCDL : {counted(counts['written'], 'subvention écrite', 'subventions écrites')}"
    if counts["skipped"]:
        reasons = ", ".join(f"{n} {SKIPPED_BECAUSE[reason][0]}" for reason, n in counts["because"].items())
        line += f", {counted(counts['skipped'], 'omise')} ({reasons})"
    actors = counts.get("actors", [])
    lines = [line] + [f"  {ROLES[a['role']][0]} « {a['name']} » : {a['why']} ({counted(a['grants'], 'subvention')})"
                      for a in actors[:SUMMARY_ACTORS]]
    if unknown := counts.get("unknown"):
        cells = ", ".join(f"{column} ({n})" for column, n in unknown.items())
        lines.append(f"  cellules laissées vides, leur source ne les disant pas : {cells} ; colonnes obligatoires "
                     "du schéma, qu'un validateur SCDL signalera")
    if filled := counts.get("filled"):
        cells = ", ".join(f"{column} ({n})" for column, n in filled.items())
        lines.append(f"  cellules obligatoires remplies faute de mieux : {cells} (« Subvention » pour un objet absent, "
                     "la date de la délibération pour celle de la convention)")
    if len(actors) > SUMMARY_ACTORS:
        lines.append(f"  … et {counted(len(actors) - SUMMARY_ACTORS, 'autre')}")
    return "\n".join(lines + substitution_lines(counts, "fr", verbose))


def _scdl_summary_en(counts: dict, verbose: bool) -> str:
    line = f"SCDL: {counted(counts['written'], 'grant', lang='en')} written"
    if counts["skipped"]:
        reasons = ", ".join(f"{n} {SKIPPED_BECAUSE[reason][1]}" for reason, n in counts["because"].items())
        line += f", {counts['skipped']} left out ({reasons})"
    actors = counts.get("actors", [])
    lines = [line] + [f"  {ROLES[a['role']][1]} '{a['name']}': {a.get('why_en', a['why'])} "
                      f"({counted(a['grants'], 'grant', lang='en')})" for a in actors[:SUMMARY_ACTORS]]
    if unknown := counts.get("unknown"):
        cells = ", ".join(f"{column} ({n})" for column, n in unknown.items())
        lines.append(f"  cells left empty, their source not saying: {cells}; columns the schema requires, which an "
                     "SCDL validator will report")
    if filled := counts.get("filled"):
        cells = ", ".join(f"{column} ({n})" for column, n in filled.items())
        lines.append(f"  required cells filled for want of better: {cells} ('Subvention' for a missing purpose, the "
                     "deliberation's date for the convention's)")
    if len(actors) > SUMMARY_ACTORS:
        lines.append(f"  … and {len(actors) - SUMMARY_ACTORS} more")
    return "\n".join(lines + substitution_lines(counts, "en", verbose))


def substitution_lines(counts: dict, lang: str = "fr", verbose: bool = False) -> list[str]:
    """The summary's line on the cells written with a stand-in (:data:`REPLACED_BY`) or outside the schema's bounds
    (:data:`OUT_OF_BOUNDS`), by column; with ``verbose``, one line per cell naming its grant.

    >>> substitution_lines({"replaced": {"nature": 2}})
    ['  2 valeurs remplacées : nature (2, par « aide en numéraire ») ; --verbose nomme leurs subventions']
    >>> counts = {"replaced": {"nature": 1}, "out_of_bounds": {"pourcentageSubvention": 1}, "substituted": [
    ...     {"kind": "out_of_bounds", "column": "pourcentageSubvention", "grant": "g2", "held": "0.005"},
    ...     {"kind": "replaced", "column": "nature", "grant": "g1", "held": ""}]}
    >>> print("\\n".join(substitution_lines(counts, "en", verbose=True)[1:]))
        nature replaced: g1
        pourcentageSubvention outside the bounds: g2 (0.005)
    """
    en = lang == "en"
    parts = []
    for kind, (said, texts, _) in SUBSTITUTIONS.items():
        if tally := counts.get(kind):
            cells = ", ".join(f"{column} ({n}, {texts[column][en]})" for column, n in tally.items())
            total = sum(tally.values())
            parts.append(f"{counted(total, 'value', lang='en')} {said[2]}: {cells}" if en
                         else f"{counted(total, *said[:2])} : {cells}")
    if not parts:
        return []
    hint = "" if verbose else "; --verbose names their grants" if en else " ; --verbose nomme leurs subventions"
    lines = ["  " + ("; " if en else " ; ").join(parts) + hint]
    shown = counts.get("substituted", []) if verbose else []
    for cell in sorted(shown, key=lambda c: (c["kind"] != "replaced", c["column"])):
        value = cell["held"]
        quoted = value if cell["kind"] == "out_of_bounds" else f"'{value}'" if en else f"« {value} »"
        held = f" ({quoted})" if value else ""
        lines.append(f"    {cell['column']} {SUBSTITUTIONS[cell['kind']][2][en]}{'' if en else ' '}: "
                     f"{cell['grant']}{held}")
    return lines
