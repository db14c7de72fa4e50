"""The rows of one grant without idSubvention (co-beneficiaries, SCDL 2.1.1) whose referenceDecision writes one ACTES
id two ways (with its TypePJ in front, or its nature behind) are one grant's: their shares add up."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.base import SourceContext
from graph.ingest.scdl_grants import extract

HEAD = "nomAttribuant;idAttribuant;referenceDecision;objet;nomBeneficiaire;montant;pourcentageSubvention"
FUNDER = "Saint-Etienne Métropole;24420077000018"
PREFIXED, SUFFIXED = "99_DE-042-244200770-20240516-D20240024010", "042-244200770-20240516-D20240024010-DE"


def listed(*rows: str):
    return extract(SourceContext(Path("list.csv"), "\n".join([HEAD, *rows, ""]).encode()))


@pytest.mark.parametrize("second, warned", [
    (SUFFIXED, []),  # the same act, written the other way
    (PREFIXED, []),
    ("042-244200770-20240516-D20240024011-DE", [2, 3]),  # another act: two grants, half of each
])
def test_co_beneficiaries_rows_naming_one_actes_id_two_ways_are_one_grant_s(second, warned):
    ex = listed(f"{FUNDER};{PREFIXED};Équipe mobile;Club;50000;0,5",
                f"{FUNDER};{second};Équipe mobile;Amicale;50000;0,5")
    assert [i.line for i in ex.issues if i.field == "pourcentageSubvention"] == warned

