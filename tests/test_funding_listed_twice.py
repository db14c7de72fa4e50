"""A grant that a grants list publishes and that the text of the deliberation it names decides too (same deliberation,
same beneficiary: graph.ingest.decided_amounts.SAME_GRANT) is one grant: the funding page's totals and counts, the
totals of /api/grants and the named queries' totals count it once, at the deliberation's amount; /api/grants keeps
a row for each and says which other grant each is.

The founding deliberation 2024.00240 of the demo corpus decides 20 000 € for DanaeCare; the lists below publish it at
that amount or another, and a grant to DanaeCare under a deliberation 2024.00999 that no text gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from web_fixture import client_on_copy, data_of, funding_rows

from graph.namespaces import sparql_prologue
from webapp.named_queries import named_queries

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "deliberations" / \
    "saint-etienne-metropole-2024-00240-danaecare.txt"
ID = "https://w3id.org/maillage/id/"
SEM = ID + "actor/siren-244200770"
DANAECARE = ID + "actor/danaecare"
DECIDED = ID + "grant/siren-244200770/2024-00240/danaecare"
LISTED = ID + "grant/sem-subventions-csv/danaecare-2024-06-10-2024-00240"
OTHER_ACT = ID + "deliberation/siren-244200770/2024-00999"
_HEAD = ("nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,"
         "rnaBeneficiaire,objet,montant,nature,exerciceBudgetaire\n")
_FOUNDING_ROW = ("Saint-Etienne Métropole,24420077000018,2024-06-10,2024.00240,DanaeCare,,,Création d'un PTCE,{amount},"
                 "aide en numéraire,2024\n")
_OTHER_ROW = ("Saint-Etienne Métropole,24420077000018,2024-07-01,2024.00999,DanaeCare,,,Prévention,5000,"
              "aide en numéraire,2024\n")
ONCE = ("Une subvention publiée par une liste et décidée par une délibération chargée est comptée une fois, au "
        "montant de la délibération.")


def _store(root: Path, text: bool, rows: str) -> Path:
    """A data directory holding the founding deliberation's text (when ``text``), then a list of ``rows``."""
    if text:
        data_of(root, EXAMPLE.name, EXAMPLE.read_text(encoding="utf-8"))
    return data_of(root, "sem-subventions.csv", _HEAD + rows)


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> dict[str, Path]:
    def made(name: str, text: bool, rows: str) -> Path:
        return _store(tmp_path_factory.mktemp(name), text, rows)

    return {"same": made("same", True, _FOUNDING_ROW.format(amount="20000")),
            "differing": made("differing", True, _FOUNDING_ROW.format(amount="25000") + _OTHER_ROW),
            "list only": made("list-only", False, _FOUNDING_ROW.format(amount="25000") + _OTHER_ROW)}


@pytest.fixture
def client_of(stores, tmp_path):
    """A client of a fresh app on a copy of one of the stores, by name."""
    import contextlib

    with contextlib.ExitStack() as stack:
        yield lambda name: stack.enter_context(client_on_copy(stores[name], tmp_path / name.replace(" ", "-")))


def test_a_list_s_grant_that_the_deliberation_decides_is_counted_once_by_the_funding_page(client_of):
    client = client_of("same")
    funding = client.get("/funding.json").get_json()
    assert funding_rows(funding["by_funder"], "funder") == [(SEM, 1, 20000)]
    assert funding_rows(funding["by_beneficiary"], "beneficiary") == [(DANAECARE, 1, 20000)]
    assert funding_rows(funding["by_year"], "year") == [(2024, 1, 20000)]
    assert [(row["grants"], row["total"]) for row in funding["flows"]["rows"]] == [(1, 20000)]
    assert [(row["grants"], row["total"]) for row in funding["by_account"]["rows"]] == [(1, 20000)]
    assert funding["listed_twice"] == 1 and funding["uncounted"] == 0
    assert ONCE in client.get("/funding", headers={"Accept": "text/html"}).get_data(as_text=True)
    csv = client.get("/funding.csv", query_string={"table": "by_funder"}).get_data(as_text=True)
    assert csv.splitlines()[1:] == [f"Saint-Etienne Métropole,{SEM},1,20000"]


def test_amounts_that_differ_are_counted_at_the_deliberation_s_and_another_act_s_grant_apart(client_of):
    client = client_of("differing")
    funding = client.get("/funding.json").get_json()
    # 20 000 € as the text decides it (the list says 25 000 €), and the grant of 2024.00999 (5 000 €) on its own
    assert funding_rows(funding["by_funder"], "funder") == [(SEM, 2, 25000)]
    assert funding_rows(funding["by_year"], "year") == [(2024, 2, 25000)]
    assert funding["listed_twice"] == 1
    year = client.get("/funding.json", query_string={"year": 2024}).get_json()
    assert [(row["grant"]["iri"], row["amount"]) for row in year["grants"]["rows"]] == [
        (DECIDED, 20000), (ID + "grant/sem-subventions-csv/danaecare-2024-07-01-2024-00999", 5000)]
    assert year["grants"]["more"] == 0 and year["grants_page"]["pages"] == 1


def test_a_list_alone_is_counted_at_its_own_amounts_and_says_nothing_of_a_deliberation(client_of):
    client = client_of("list only")
    funding = client.get("/funding.json").get_json()
    assert funding_rows(funding["by_funder"], "funder") == [(SEM, 2, 30000)]
    assert funding["listed_twice"] == 0
    assert "comptée une fois" not in client.get("/funding", headers={"Accept": "text/html"}).get_data(as_text=True)


def test_the_funding_list_says_which_deliberation_s_text_is_absent(client_of):
    client = client_of("differing")
    rows = client.get("/funding.json", query_string={"year": 2024}).get_json()["grants"]["rows"]
    assert sorted((row["deliberation"]["iri"], row["deliberation"]["label"]) for row in rows) == [
        (ID + "deliberation/siren-244200770/2024-00240", "Délibération n°\u00a02024.00240 du 16 mai 2024"),
        (OTHER_ACT, "Délibération n°\u00a02024.00999 (texte absent)")]
    english = client.get("/funding", query_string={"year": 2024, "lang": "en"}, headers={"Accept": "text/html"})
    assert "2024.00999 (text not loaded)" in english.get_data(as_text=True)


def test_the_api_keeps_a_row_for_each_grant_says_which_are_one_and_counts_them_once(client_of):
    client = client_of("differing")
    body = client.get("/api/grants", query_string={"funder": SEM}).get_json()
    assert (body["matching_count"], body["matching_same_grant_count"], body["matching_total_amount"],
            body["page_total_amount"]) == (3, 1, "25000", "25000")
    said = {row["grant"]["iri"]: ([other["iri"] for other in row["same_grant_as"]], row["counted_in_totals"])
            for row in body["rows"]}
    assert said == {LISTED: ([DECIDED], False), DECIDED: ([LISTED], True),
                    ID + "grant/sem-subventions-csv/danaecare-2024-07-01-2024-00999": ([], True)}
    assert client.get("/api/grants").get_json()["matching_total_amount"] == "25000"


@pytest.mark.parametrize("name, total", [("differing", 25000), ("list only", 30000)])
def test_the_named_queries_total_a_grant_published_twice_once(client_of, name, total):
    client = client_of(name)

    def rows(query: str, **params) -> list[dict]:
        return client.get(f"/api/queries/{query}", query_string=params).get_json()["rows"]

    assert [r["total"] for r in rows("totaux-par-financeur")] == [total]
    assert [r["total"] for r in rows("totaux-par-beneficiaire")] == [total]
    assert [r["total"] for r in rows("flux-de-financement")] == [total]
    assert [r["total"] for r in rows("subventions-par-financeur-et-annee", funder=SEM)] == [total]
    assert sum(r["total"] for r in rows("totaux-par-compte-budgetaire")) == total
    assert sorted((r["identifier"], r["grants"], r["total"]) for r in rows("deliberations-d-une-collectivite",
                                                                            authority=SEM)) == [
        ("2024.00240", 1, total - 5000), ("2024.00999", 1, 5000)]


ROCHEFORT = """COMMUNE DE ROCHEFORT-EN-VALDAINE

EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL

Séance du 12 juin 2025

Délibération n° 2025-034

Objet : Attribution de subventions aux associations – santé et solidarités

Le Conseil municipal, après en avoir délibéré, à l'unanimité,

ATTRIBUE les subventions suivantes :
   – Association Valdaine Accueil Santé : 5 300 € pour son fonctionnement
   – Association Valdaine Accueil Santé : 2 000 € pour l'achat d'un véhicule
   – Association Les Amis du Jabron : 1 500 €

Les crédits sont inscrits au budget 2025, article 6574.

Fait à Rochefort-en-Valdaine, le 13 juin 2025.
Le Maire,
Thierry BOUVAREL
"""
ROCHEFORT_LIST = _HEAD + "".join(
    f"Commune de Rochefort-en-Valdaine,,2025-06-20,2025-034,Association Valdaine Accueil Santé,,,{purpose},{amount},"
    "aide en numéraire,2025\n" for purpose, amount in (("Fonctionnement", 5300), ("Achat d'un véhicule", 2000)))


def test_two_grants_that_one_deliberation_decides_to_one_beneficiary_are_both_counted(tmp_path):
    """The text decides 5 300 € and 2 000 € to one association, which the list publishes both: two grants, each
    counted once (7 300 €), neither taken for the other nor merged into one."""
    data_of(tmp_path, "deliberation-2025-034.txt", ROCHEFORT)
    data = data_of(tmp_path, "liste.csv", ROCHEFORT_LIST)
    with client_on_copy(data, tmp_path / "app") as client:
        funding = client.get("/funding.json").get_json()
        assert funding_rows(funding["by_beneficiary"], "beneficiary") == [
            (ID + "actor/amis-jabron", 1, 1500), (ID + "actor/valdaine-accueil-sante", 2, 7300)]
        assert funding["listed_twice"] == 2
        assert "2\u00a0subventions publiées par une liste et décidées par une délibération chargée sont comptées " \
               "une fois chacune" in client.get("/funding", headers={"Accept": "text/html"}).get_data(as_text=True)
        body = client.get("/api/grants").get_json()
        assert (body["matching_count"], body["matching_same_grant_count"], body["matching_total_amount"]) == (
            5, 2, "8800")


def test_the_named_queries_count_it_once_on_rdflib_s_engine_too(tmp_path):
    """The named queries are portable SPARQL: the memory store (rdflib's engine) leaves the list's grant out too."""
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store

    listed = tmp_path / "sem-subventions.csv"
    listed.write_text(_HEAD + _FOUNDING_ROW.format(amount="25000") + _OTHER_ROW, encoding="utf-8")
    store = open_store({"store": "memory"})
    assert [r.status for r in ingest_paths(store, [EXAMPLE, listed])] == ["stored", "stored"]
    rows = store.query(sparql_prologue() + named_queries()["totaux-par-financeur"].text)
    assert [(str(row[0]), int(row[3].toPython())) for row in rows] == [(SEM, 25000)]
