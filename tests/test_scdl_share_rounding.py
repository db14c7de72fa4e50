"""The shares (pourcentageSubvention) of a grant's co-beneficiaries add up to 100 % to the precision they are
written with: thirds written 0.33, 33 %, 33,33 % or 0.3333 are a whole grant, while shares that fall short by more
than their rounding (0.5 + 0.4, 0.3 × 3, a third beneficiary missing) are still warned about."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib.namespace import RDF

from graph.ingest.base import SourceContext
from graph.ingest.scdl_grants import extract
from graph.namespaces import MAI, SCHEMA

HEAD = "nomAttribuant;idAttribuant;nomBeneficiaire;idSubvention;montant;pourcentageSubvention"
NAMES = ("Club A", "Amicale B", "Foyer C")


def listed(*shares: str):
    """A grants list of one grant of 30 000 € (idSubvention S1) shared by one beneficiary per share."""
    rows = [f"Ville;;{name};S1;30000;{share}" for name, share in zip(NAMES, shares)]
    return extract(SourceContext(Path("list.csv"), "\n".join([HEAD, *rows, ""]).encode()))


def share_warnings(ex) -> list[tuple[int, str]]:
    """The warnings that a grant's shares do not add up to 100 % (not those that a share is written in %)."""
    return [(i.line, i.message) for i in ex.issues
            if i.field == "pourcentageSubvention" and i.message.startswith("les parts")]


@pytest.mark.parametrize("share", ["0.33", "0,33", "33 %", "33,33 %", "0.3333", "0,333"])
def test_thirds_rounded_as_written_are_a_whole_grant_without_warning(share):
    ex = listed(share, share, share)
    assert share_warnings(ex) == []
    amount = Decimal(30000) * Decimal(share.rstrip(" %").replace(",", ".")) / (100 if "%" in share else 1)
    grants = ex.graph.subjects(RDF.type, MAI.Grant)
    assert [ex.graph.value(g, SCHEMA.amount).toPython() for g in grants] == [amount] * 3


@pytest.mark.parametrize("shares", [("0.34", "0.3333", "33 %"), ("0.3333", "0.3333", "0.33")])
def test_thirds_written_differently_on_each_row_are_a_whole_grant_without_warning(shares):
    assert share_warnings(listed(*shares)) == []


@pytest.mark.parametrize("shares, percent", [
    (("0.5", "0.4"), "90"),
    (("0.3", "0.3", "0.3"), "90"),
    (("0.33", "0.33"), "66"),  # the third beneficiary's row missing
    (("0.34", "0.34", "0.34"), "102"),
])
def test_shares_off_by_more_than_their_rounding_are_warned(shares, percent):
    lines = ", ".join(str(line) for line in range(2, 2 + len(shares)))
    assert [(line, message.split(" :")[0]) for line, message in share_warnings(listed(*shares))] == [
        (2, f"les parts (pourcentageSubvention) de cette subvention font {percent} %, et non 100 % (lignes {lines})")]


def test_thirds_of_one_grant_between_two_rows_stating_their_own_amounts_leave_those_joined():
    """The thirds are a whole grant, not a part of one still to join: the rows around them are one grant's."""
    funder = "Ville de Lyon;21690123100011;DEL-2024-12;Équipe mobile"
    rows = [f"{funder};Club A;W691000001;6000;0,6",
            *(f"{funder};{name};W69100000{i};30000;0,33" for i, name in enumerate(("Foyer C", "Club D", "Club E"), 3)),
            f"{funder};Amicale B;W691000002;4000;0,4"]
    head = "nomAttribuant;idAttribuant;referenceDecision;objet;nomBeneficiaire;rnaBeneficiaire;montant;" \
           "pourcentageSubvention"
    ex = extract(SourceContext(Path("list.csv"), "\n".join([head, *rows, ""]).encode()))
    amounts = {int(ex.graph.value(g, MAI.rowNumber)): ex.graph.value(g, SCHEMA.amount).toPython()
               for g in ex.graph.subjects(RDF.type, MAI.Grant)}
    assert amounts == {2: Decimal(6000), 3: Decimal("9900.00"), 4: Decimal("9900.00"), 5: Decimal("9900.00"),
                       6: Decimal(4000)}
    assert share_warnings(ex) == []


def test_seven_rows_each_stating_its_own_amount_at_a_rounded_seventh_are_one_grant():
    """0.14 × 7 makes 98 %: within the shares' rounding, as for a grant's thirds, so the rows that each state their
    own amount, each its share of their sum, are read as one grant's (each amount kept, no share warning)."""
    funder = "Ville de Lyon;21690123100011;DEL-2024-12;Équipe mobile"
    rows = [f"{funder};Club {n};W69100000{n};{1000 + n};0,14" for n in range(7)]
    head = "nomAttribuant;idAttribuant;referenceDecision;objet;nomBeneficiaire;rnaBeneficiaire;montant;" \
           "pourcentageSubvention"
    ex = extract(SourceContext(Path("list.csv"), "\n".join([head, *rows, ""]).encode()))
    amounts = sorted(ex.graph.value(g, SCHEMA.amount).toPython() for g in ex.graph.subjects(RDF.type, MAI.Grant))
    assert amounts == [Decimal(1000 + n) for n in range(7)]
    assert share_warnings(ex) == []
