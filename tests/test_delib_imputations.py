"""The imputation of a budget voted by function is kept as the deliberation prints it, its chapter with its nature
account (u16, finding 6: Montpellier's « chapitre 920, nature 6574, ligne de crédit 17566 » kept the account 6574
alone). A chapter that is the account's first figures ("chapitre 65, article 6574") says nothing more: the account
alone is kept, as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, URIRef

from graph.ingest.delib_accounts import find_budget_account
from graph.ingest.delib_facts import extract_fixture
from graph.namespaces import MAI

FIXTURES = Path(__file__).parent / "fixtures" / "deliberations"
M57 = "https://w3id.org/maillage/ontology/m57/"


@pytest.mark.parametrize("text, account", [
    ("Crédits inscrits au chapitre 920, nature 6574, ligne de crédit 17566\nEn conséquence",
     ("chapitre 920, nature 6574, ligne de crédit 17566", "6574")),
    ("est imputée au chapitre 934, fonction 41, article 6574 du budget de la Collectivité.",
     ("chapitre 934, fonction 41, article 6574", "6574")),
    ("imputée au chapitre 919-93, article 20422.", ("chapitre 919-93, article 20422", "20422")),
    ("prélever ces sommes au budget 2014, chapitre 920, nature\n6574, ligne de crédit 17566.",
     ("chapitre 920, nature 6574, ligne de crédit 17566", "6574")),
])
def test_the_imputation_of_a_budget_voted_by_function_is_kept_as_printed(text, account):
    assert find_budget_account(text) == account


@pytest.mark.parametrize("text, account", [
    ("DIT que les crédits sont inscrits au budget 2024, chapitre 65, article 6574.", "6574"),
    ("imputée au chapitre 65, fonction 538, nature 6574 du budget départemental 2025.", "6574"),
    ("Dit que les crédits sont inscrits au chapitre 204, article 2041412.", "2041412"),
])
def test_a_chapter_that_is_its_accounts_first_figures_keeps_the_account_alone(text, account):
    assert find_budget_account(text) == (None, account)


def test_a_chapter_named_for_another_account_is_not_this_ones():
    """Of "chapitre 931, nature 6574 … chapitre 901, nature 20422", the investment grant's imputation is the
    second."""
    text = "imputés au chapitre 931, nature 6574 pour le fonctionnement et chapitre 901, nature 20422 pour le reste"
    assert find_budget_account("nature 20422 ; " + text) == ("chapitre 901, nature 20422", "20422")


def test_montpelliers_grant_keeps_its_imputation_and_its_account():
    graph = extract_fixture(FIXTURES / "2014-04-24-0000071276.pdf").graph
    grant = next(graph.subjects(RDF.type, MAI.Grant))
    assert [str(a) for a in graph.objects(grant, MAI.budgetAccount)] == [
        "chapitre 920, nature 6574, ligne de crédit 17566"]
    assert list(graph.objects(grant, MAI.budgetNature)) == [URIRef(M57 + "6574")]


def test_a_grants_page_shows_the_imputation_as_written_and_says_how_an_older_charts_account_is_linked(tmp_path):
    """The page of a grant of 2014 (a commune's, voted under the M14 chart) shows « chapitre 920, nature 6574 … »
    as written, and the help of its M57 account says that the account of an older chart is linked to the M57
    account of its number, of the same object."""
    from web_fixture import BASE, DANAECARE, SEM, client_with

    grant = BASE + "grant/montpellier-2014"
    turtle = (f"<{grant}> a <{MAI}Grant> ; <http://schema.org/funder> <{SEM}> ; <{MAI}beneficiary> <{DANAECARE}> ;"
              f" <{MAI}budgetAccount> \"chapitre 920, nature 6574, ligne de crédit 17566\" ;"
              f" <{MAI}budgetNature> <{M57}6574> .\n")
    with client_with(tmp_path, turtle, "montpellier.ttl") as client:
        page = client.get(f"/resource?iri={grant}", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "chapitre 920, nature 6574, ligne de crédit 17566" in page
    assert "plan plus ancien (M14 des communes, M52, M71)" in page
