"""Export the graph's grants as an SCDL *subventions* v2.1.1 CSV (UTF-8, comma, decimal point, ISO dates).

One row per grant, in the 16 columns of the official schema. SCDL requires what the graph may not know; the
rules, so that every written row passes the schema:

- ``idAttribuant`` must be a valid 14-digit SIRET and ``dateConvention`` a date (the convention's, else the
  deciding deliberation's): grants without them are **skipped** and counted;
- the beneficiary needs a valid SIRET (``idBeneficiaire``) or an RNA number ``W`` + 9 digits (``rnaBeneficiaire``,
  the schema's pattern: RNA numbers with letters cannot be written); otherwise the grant is skipped too;
- ``montant`` is the stated total (``mai:statedTotal``) when the grant is a share, and ``pourcentageSubvention``
  that share (else 1); ``nature`` is ``aide en nature`` for the in-kind nature, else ``aide en numéraire``;
- the graph keeps no payment conditions nor EU notification: ``conditionsVersement`` is written
  ``non précisées`` and ``notificationUE`` ``non``; ``datesPeriodeVersement`` is the stored period when it
  matches the schema, else the convention date; ``objet`` is cut at 256 characters.

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

from graph.identifiers import siret_ok
from graph.namespaces import sparql_prologue

COLUMNS = ("nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision", "nomBeneficiaire",
           "idBeneficiaire", "rnaBeneficiaire", "objet", "montant", "nature", "conditionsVersement",
           "datesPeriodeVersement", "idRAE", "notificationUE", "pourcentageSubvention", "dispositifAide")
_PERIOD = re.compile(r"\d{4}-\d{2}-\d{2}(/\d{4}-\d{2}-\d{2})?")
_RNA_SCDL = re.compile(r"W\d{9}")
IN_KIND = "https://w3id.org/maillage/ontology/nature/in-kind"

# The actors' values that may be many (an authority's SIRETs are its establishments': hundreds for a département)
# are reduced to one per funder or beneficiary before the join: as plain OPTIONALs, each grant's row multiplied by
# its funder's SIRETs and labels and its beneficiary's before the GROUP BY (the 22,064 grants of 100k actors: 23.7 s
# -> 7.9 s, the same bytes written, peak RSS 234 -> 255 MB).
def _one_per_actor(actor: str, role: str, path: str, var: str) -> str:
    """An OPTIONAL binding ?{var} to the least ``path`` value of each ?{actor} (the objects of ``role``)."""
    return (f"OPTIONAL {{ SELECT ?{actor} (MIN(?v) AS ?{var}) WHERE {{ {{ SELECT DISTINCT ?{actor} WHERE {{ "
            f"[] {role} ?{actor} }} }} ?{actor} {path} ?v }} GROUP BY ?{actor} }}")


GRANTS = f"""
SELECT ?grant (MIN(?fname) AS ?funderName) (MIN(?fsiret) AS ?funderSiret) (MIN(?cdate) AS ?conventionDate)
       (MIN(?ddate) AS ?decisionDate) (MIN(?ref) AS ?reference) (MIN(?bname) AS ?beneficiaryName)
       (MIN(?bsiret) AS ?beneficiarySiret) (MIN(?brna) AS ?beneficiaryRna) (MIN(?desc) AS ?purpose)
       (MIN(?amount) AS ?amountValue) (MIN(?total) AS ?statedTotal) (MIN(?share) AS ?shareValue)
       (MIN(STR(?nature)) AS ?natureIri) (MIN(?period) AS ?paymentPeriod) (MIN(?prog) AS ?programme)
WHERE {{
  ?grant a mai:Grant ; schema:amount ?amount ; schema:funder ?funder ; mai:beneficiary ?beneficiary .
  {_one_per_actor("funder", "schema:funder", "rdfs:label", "fname")}
  {_one_per_actor("funder", "schema:funder", "mai:siret", "fsiret")}
  OPTIONAL {{ ?grant mai:conventionDate ?cdate }}
  OPTIONAL {{ ?grant mai:decidedBy/dcterms:date ?ddate }}
  OPTIONAL {{ ?grant mai:decisionReference ?ownRef }}
  OPTIONAL {{ ?grant mai:decidedBy/dcterms:identifier ?deliberationNumber }}
  BIND(COALESCE(?ownRef, ?deliberationNumber) AS ?ref)  # a grant read from a deliberation: its number
  {_one_per_actor("beneficiary", "mai:beneficiary", "rdfs:label", "bname")}
  {_one_per_actor("beneficiary", "mai:beneficiary", "mai:siret", "bsiret")}
  {_one_per_actor("beneficiary", "mai:beneficiary", "mai:rna", "brna")}
  OPTIONAL {{ ?grant dcterms:description ?desc }}
  OPTIONAL {{ ?grant mai:statedTotal ?total }}
  OPTIONAL {{ ?grant mai:shareOf ?share }}
  OPTIONAL {{ ?grant mai:nature ?nature }}
  OPTIONAL {{ ?grant mai:paymentPeriod ?period }}
  OPTIONAL {{ ?grant mai:programme ?prog }}
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
}


def _ids(b: dict) -> tuple[str, str, str, str]:
    siret, date = _text(b.get("funderSiret")), _text(b.get("conventionDate") or b.get("decisionDate"))
    beneficiary_siret = _text(b.get("beneficiarySiret"))
    rna = _text(b.get("beneficiaryRna"))
    return (siret, date, beneficiary_siret if siret_ok(beneficiary_siret) else "",
            rna if _RNA_SCDL.fullmatch(rna) else "")


def why_not_scdl(b: dict) -> str | None:
    """The key in :data:`SKIPPED_BECAUSE` of the first required SCDL field that a grant's bindings lack, or None."""
    siret, date, beneficiary_siret, rna = _ids(b)
    checks = (("funder-siret", siret_ok(siret)), ("date", bool(date)),
              ("beneficiary-id", bool(beneficiary_siret or rna)), ("beneficiary-name", bool(b.get("beneficiaryName"))))
    return next((reason for reason, ok in checks if not ok), None)


def grant_to_row(b: dict) -> list[str] | None:
    """Return the SCDL row of one grant's query bindings, or None when SCDL's required fields are unknown.

    >>> grant_to_row({"funderName": "Ville", "funderSiret": "21060004500392", "conventionDate": "2024-05-16",
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
        "aide en nature" if _text(b.get("natureIri")) == IN_KIND else "aide en numéraire", "non précisées",
        period if _PERIOD.fullmatch(period) else date, "", "non", _number(share), _text(b.get("programme")),
    ]


def _number(value: Decimal) -> str:
    """Write a decimal with a point and no exponent (``Decimal('1E+3')`` → ``1000``)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def export_scdl(store, out) -> dict:
    """Write the grants of ``store`` as SCDL subventions v2.1.1 CSV to the binary stream ``out``.

    Returns ``{"written": n, "skipped": m, "because": {reason: count}}`` (skipped: grants SCDL cannot express,
    counted by the first required field they lack: :data:`SKIPPED_BECAUSE`).
    """
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    written, because = 0, Counter()
    result = store.query(sparql_prologue() + GRANTS)
    names = [str(v) for v in result.variables]
    for values in result:
        bindings = {n: v for n, v in zip(names, values) if v is not None}
        reason = why_not_scdl(bindings)
        if reason:
            because[reason] += 1
            continue
        writer.writerow(grant_to_row(bindings))
        written += 1
    out.write(text.getvalue().encode("utf-8"))
    return {"written": written, "skipped": sum(because.values()), "because": dict(because)}


def scdl_summary(counts: dict) -> str:
    """One line for the person who exported: how many grants were written, and why the others were not.

    >>> scdl_summary({"written": 0, "skipped": 1, "because": {"funder-siret": 1}})
    "SCDL : 0 subvention(s) écrite(s), 1 omise(s) (1 sans SIRET valide de l'attribuant)"
    """
    line = f"SCDL : {counts['written']} subvention(s) écrite(s)"
    if counts["skipped"]:
        reasons = ", ".join(f"{n} {SKIPPED_BECAUSE[reason][0]}" for reason, n in counts["because"].items())
        line += f", {counts['skipped']} omise(s) ({reasons})"
    return line
