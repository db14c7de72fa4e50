"""The nature of grants read elsewhere, as the text states it apart from them: a record of the exposé that names
a beneficiary and its aid's nature, a field a line (:func:`record_natures`), or the decision's words for the grants
it refers back to (:func:`referred_natures`).
"""

from __future__ import annotations

import re

from graph.ingest.delib_grant_words import NATURE_WORDS
from graph.ingest.delib_grants import GrantFact
from graph.ingest.delib_list_leads import REFERS_BACK
from graph.ingest.delib_recipient_names import clean_name
from graph.ingest.french import fold
#: A record in the exposé that names a beneficiary, then the nature of its aid, a field a line: "Bénéficiaire :
#: Association X" … "Nature : investissement (travaux et équipement médical)" (the paragraph's lines, the first word
#: of the field the nature).
_RECORD_BENEFICIARY = re.compile(r"^[ \t]*B[ée]n[ée]ficiaire[ \t]*:[ \t]*(?P<name>[^\n]+?)[ \t]*$", re.M | re.I)
_RECORD_NATURE = re.compile(r"^[ \t]*Nature(?:[ \t]+de[ \t]+l['’]aide)?[ \t]*:[ \t]*"
                            r"(?P<word>fonctionnement|investissement|[ée]quipement)\b", re.M | re.I)


def record_natures(body: str, grants: list[GrantFact]) -> None:
    """Give a grant that states no nature the one that a record of the exposé states for its beneficiary, in the same
    paragraph ("Bénéficiaire : X" / "Nature : investissement (matériel)"), when the decision grants it in words that
    say none ("une aide régionale de 28 800 € au X").

    >>> grants = [GrantFact("GCS Santé Val", 28800, (90, 140))]
    >>> record_natures("Opération n° 12\\nBénéficiaire : GCS Santé Val\\nNature : investissement (matériel)\\n\\n"
    ...                "DÉCIDE d'attribuer une aide de 28 800 € au GCS Santé Val ;", grants)
    >>> grants[0].nature
    'investment'
    """
    for record in _RECORD_BENEFICIARY.finditer(body):
        end = body.find("\n\n", record.end())
        start = body.rfind("\n\n", 0, record.start())
        nature = _RECORD_NATURE.search(body, start + 1, end if end >= 0 else len(body))
        name = fold(clean_name(record["name"]) or "")
        if nature is None or not name:
            continue
        for grant in grants:
            if grant.nature is None and fold(grant.beneficiary) == name:
                grant.nature = NATURE_WORDS[fold(nature["word"]).lower()]


#: The nature that a decision granting what the text set out above names: "ATTRIBUE les aides d'investissement
#: détaillées ci-dessus", "accorde les subventions de fonctionnement présentées ci-avant" (in folded text).
_NATURE_REFERRED = re.compile(r"\b(?:aides|subventions|participations|dotations)\s+(?:d['’]?\s*|de\s+)"
                              r"(investissement|equipement|fonctionnement)\b")


def referred_natures(body: str, grants: list[GrantFact]) -> None:
    """Give the grants set out above a decision that grants them back by their nature ("ATTRIBUE les aides
    d'investissement détaillées ci-dessus") that nature, when they state none of their own.

    >>> grants = [GrantFact("Commune de Vals", 7200, (0, 40))]
    >>> referred_natures("1. Commune de Vals : soit une aide de 7 200 €.\\n- ATTRIBUE les aides d'investissement "
    ...                  "détaillées ci-dessus ;", grants)
    >>> grants[0].nature
    'investment'
    """
    for decision in REFERS_BACK.finditer(body):
        nature = _NATURE_REFERRED.search(fold(decision.group(0)))
        if nature is None:
            continue
        for grant in grants:
            if grant.nature is None and grant.span[1] <= decision.start():
                grant.nature = NATURE_WORDS[nature.group(1)]
