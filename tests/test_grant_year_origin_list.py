"""A grant whose list states its year (``exerciceBudgetaire``) says « exercice budgétaire de la liste », even when
its convention is of the same year: the page said « 2024 (année de la convention) » whenever the two years agreed."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_fixture import client_on_copy, data_of


HTML = {"Accept": "text/html"}
# Line 2: the list's 2024 and a convention of 2024. Line 3: the list's 2023, a convention of 2024. Line 4: no year
# given, a convention of 2024: the convention's year.
LIST = """nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,objet,montant,\
nature,exerciceBudgetaire
Saint-Etienne Métropole,24420077000018,2024-06-10,CONV 1,CLUB UN,52499120500013,Santé,25000,aide en numéraire,2024
Saint-Etienne Métropole,24420077000018,2024-01-10,CONV 2,CLUB DEUX,78247179100015,Santé,1234.56,aide en numéraire,2023
Saint-Etienne Métropole,24420077000018,2024-03-01,CONV 3,CLUB TROIS,43152269700017,Santé,3000,aide en numéraire,
"""
#: The key of the grant of each line of LIST in its address: its beneficiary, its date and its decision reference.
KEYS = {2: "siren-524991205-2024-06-10-conv-1", 3: "siren-782471791-2024-01-10-conv-2",
        4: "siren-431522697-2024-03-01-conv-3"}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return data_of(tmp_path_factory.mktemp("list-years"), "exercices.csv", LIST)


@pytest.fixture
def client(template, tmp_path):
    with client_on_copy(template, tmp_path) as client:
        yield client


@pytest.mark.parametrize("line, origin, fr, en", [
    (2, "list", "2024 (exercice budgétaire de la liste)", "2024 (budget year given by the list)"),
    (3, "list", "2023 (exercice budgétaire de la liste)", "2023 (budget year given by the list)"),
    (4, "convention", "2024 (année de la convention)", "2024 (year of the convention)")])
def test_a_year_that_the_list_states_is_said_to_be_the_list_s(client, line, origin, fr, en):
    assert client.get(f"/id/grant/exercices-csv/{KEYS[line]}.json").get_json()["fiscal_year_origin"] == origin
    assert f"<dd>{fr}</dd>" in client.get(f"/id/grant/exercices-csv/{KEYS[line]}", headers=HTML).get_data(as_text=True)
    assert f"<dd>{en}</dd>" in client.get(f"/id/grant/exercices-csv/{KEYS[line]}?lang=en",
                                          headers=HTML).get_data(as_text=True)
