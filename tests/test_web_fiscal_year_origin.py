"""Where a grant's fiscal year comes from: its page says « année de la convention », « année de la délibération » or
« année de la décision » when the reader took the year from that date (SCDL 2.1.1 has no year column), « exercice
budgétaire de la liste » when the list's own column gives it, nothing when another source states it; and the
property's own help says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS
from web_fixture import GRANT, app_on_fixture, client_on_copy, data_of

from graph.namespaces import MAI
from graph.ontology import load_ontology

HTML = {"Accept": "text/html"}
BASE = "https://w3id.org/maillage/id/grant/annees-csv/"
# Line 2: a convention of 2015 for a payment of 2017, no year column said: the convention's year. Line 3: no
# convention, a decision dated 2016: the deliberation's year. Line 4: the list's own « exercice » 2019: as it says.
# Line 5: no convention, a decision dated 2016 and no reference naming its deliberation: the decision's year.
LIST = """nomAttribuant,idAttribuant,dateConvention,referenceDecision,dateDecision,nomBeneficiaire,idBeneficiaire,\
objet,montant,nature,datesPeriodeVersement,exercice
ANTIBES,21060004500392,2015-07-07,CONV 1,,CLUB UN,52499120500013,Fonctionnement,1000.50,aide en numéraire,2017-03-30,
ANTIBES,21060004500392,,DELIB 2016-12,2016-03-04,CLUB DEUX,78247179100015,Fonctionnement,2000,aide en numéraire,,
ANTIBES,21060004500392,2017-01-05,CONV 3,,CLUB TROIS,43152269700017,Fonctionnement,3000,aide en numéraire,,2019
ANTIBES,21060004500392,,,2016-03-12,CLUB CINQ,81223113200026,,5000,aide en numéraire,,
"""
#: The key of the grant of each line of LIST in its address: its beneficiary, its date and its decision reference.
KEYS = {2: "siren-524991205-2015-07-07-conv-1", 3: "siren-782471791-2016-03-04-delib-2016-12",
        4: "siren-431522697-2017-01-05-conv-3", 5: "siren-812231132-2016-03-12"}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return data_of(tmp_path_factory.mktemp("years"), "annees.csv", LIST)


@pytest.fixture
def client(template, tmp_path):
    with client_on_copy(template, tmp_path) as client:
        yield client


@pytest.mark.parametrize("line, year, origin, fr, en", [
    (2, 2015, "convention", "2015 (année de la convention)", "2015 (year of the convention)"),
    (3, 2016, "deliberation", "2016 (année de la délibération)", "2016 (year of the deliberation)"),
    (4, 2019, "list", "2019 (exercice budgétaire de la liste)", "2019 (budget year given by the list)"),
    (5, 2016, "decision", "2016 (année de la décision)", "2016 (year of the decision)")])
def test_a_grant_page_says_when_its_fiscal_year_is_that_of_a_date(client, line, year, origin, fr, en):
    body = client.get(f"/id/grant/annees-csv/{KEYS[line]}.json").get_json()
    assert body["fiscal_year_origin"] == origin
    assert f"<dd>{fr}</dd>" in client.get(f"/id/grant/annees-csv/{KEYS[line]}", headers=HTML).get_data(as_text=True)
    assert f"<dd>{en}</dd>" in client.get(f"/id/grant/annees-csv/{KEYS[line]}?lang=en",
                                          headers=HTML).get_data(as_text=True)


@pytest.mark.parametrize("lang, label, said", [("fr", "décidée par", "Décision du 12 mars 2016"),
                                               ("en", "decided by", "Decision of 12 March 2016")])
def test_a_grant_page_says_the_decision_date_that_no_deliberation_holds_without_a_link(client, lang, label, said):
    page = client.get(f"/id/grant/annees-csv/{KEYS[5]}?lang={lang}", headers=HTML).get_data(as_text=True)
    properties = page[page.index('<dl class="properties">'):]
    assert f">{label}</span>" in properties and f"<dd>{said}</dd>" in properties


@pytest.mark.parametrize("line, accepted", [(5, ["2016-03-12"]), (3, [])])
def test_only_a_decision_date_that_no_deliberation_holds_is_kept_on_the_grant(client, line, accepted):
    """Line 3's date is its deliberation's (dcterms:date), not said again on the grant; line 5's, with no
    reference, the grant's own (dcterms:dateAccepted)."""
    body = client.get(f"/id/grant/annees-csv/{KEYS[line]}.json").get_json()
    kept = [value for prop in body["properties"] if prop["property"]["iri"] == str(DCTERMS.dateAccepted)
            for value in prop["values"]]
    assert kept == accepted


#: A deliberation that gives no number (its file's name identifies it), dated by its heading: the year of its grant
#: is its date's, which it keeps as a numbered one does.
UNNUMBERED = ("COMMUNE DE TESTVILLE\nDélibération du Conseil municipal du 10 juin 2024\nObjet : Subvention\n\n"
              "Le Conseil municipal DÉCIDE d'attribuer une subvention de 1 800 € au Comité des fêtes.\n"
              "Adopté à l'unanimité.\n")


def test_a_deliberation_without_a_number_says_its_grants_year_is_its_own(tmp_path):
    (tmp_path / "source").mkdir()
    template = data_of(tmp_path / "source", "sans-numero.txt", UNNUMBERED)
    with client_on_copy(template, tmp_path) as client:
        body = client.get("/id/grant/commune-testville/sans-numero-txt/comite-fetes.json").get_json()
        page = client.get("/id/grant/commune-testville/sans-numero-txt/comite-fetes", headers=HTML)
    assert body["fiscal_year_origin"] == "deliberation"
    assert "<dd>2024 (année de la délibération)</dd>" in page.get_data(as_text=True)


def test_a_year_that_an_rdf_file_states_is_not_said_to_come_from_a_date(tmp_path):
    # the fixture's grant: 2024, decided by a deliberation of 2024, both stated by a Turtle file
    with app_on_fixture(tmp_path) as app:
        client = app.test_client()
        assert client.get("/api/resource", query_string={"iri": GRANT}).get_json()["fiscal_year_origin"] is None
        page = client.get(GRANT.replace("https://w3id.org/maillage", ""), headers=HTML).get_data(as_text=True)
    assert "<dd>2024</dd>" in page and "année de la délibération" not in page


@pytest.mark.parametrize("lang, said", [("fr", "l'année de dateConvention"), ("en", "the year of dateConvention")])
def test_the_fiscal_year_s_help_says_where_the_year_comes_from_and_cites_no_scdl_column_it_lacks(lang, said):
    comment = next(str(c) for c in load_ontology().objects(URIRef(MAI.fiscalYear), URIRef(
        "http://www.w3.org/2000/01/rdf-schema#comment")) if isinstance(c, Literal) and c.language == lang)
    assert said in comment and "SCDL exerciceBudgetaire" not in comment
