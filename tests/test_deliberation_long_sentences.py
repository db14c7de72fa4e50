"""A sentence that names hundreds of grants ("… attribue 1 000 € à l'association A1, 1 200 € à l'association A2, …")
is read whole: each grant with its amount and its beneficiary, as a short one is (its amounts no longer each read
the whole sentence before and after them: graph.ingest.delib_bounded).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from graph.ingest.base import SourceContext
from graph.ingest.delib_facts import deliberation_facts
from graph.ingest.deliberation import extract

_HEAD = ("VILLE DE PORT-LAVANDE-FICTIVE\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\n"
         "Séance du 2 décembre 2024\nDélibération n° 2024-118\nObjet : Subventions aux associations\n\n")


def _amount(k: int) -> Decimal:
    return Decimal(1000 + 200 * (k % 50))


def _written(amount: Decimal) -> str:
    return f"{amount:,} €".replace(",", " ")


@pytest.mark.parametrize("name", ["A{k}", "Les Amis du quartier {k}"])
def test_a_sentence_of_300_grants_gives_each_its_amount_and_its_beneficiary(name):
    names = [name.format(k=k) for k in range(1, 301)]
    grants = ", ".join(f"{_written(_amount(k))} à l'association {n}" for k, n in enumerate(names, 1))
    text = _HEAD + f"Le Conseil municipal, après en avoir délibéré, attribue {grants}.\n\nAdopté à l'unanimité.\n"
    extraction = extract(SourceContext(path=Path("deliberation.txt"), data=text.encode()))
    read = [(beneficiary, Decimal(amount)) for beneficiary, amount in deliberation_facts(extraction.graph)["grants"]]
    assert sorted(read) == sorted((n, _amount(k)) for k, n in enumerate(names, 1))
    assert [i.message for i in extraction.issues if i.level != "info"] == []
