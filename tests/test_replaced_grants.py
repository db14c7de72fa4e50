"""A grant that a later act replaces (an erratum's corrected grant, an amended grant: ``dcterms:replaces``) counts
once, at its new amount: in the sums, counts and lists of the pages, the API, the named queries and the SCDL export."""

from __future__ import annotations

import io
import json

import pytest
from test_deliberation_health import ERRATUM
from web_fixture import (BASE, DANAECARE, DELIBERATION, GOAL, GRANT, PTCE, SEM, app_on_fixture, client_with,
                         funding_rows)

from graph.export import export_scdl
from graph.ingest.delib_facts import extract_fixture
from graph.ingest.pipeline import ingest_paths
from graph.namespaces import DCTERMS, SCHEMA
from graph.store import open_store

ORIGINAL = """COMMUNE DE ROCHEFORT-EN-VALDAINE

EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL

Séance du 12 juin 2025

Délibération n° 2025-034

Objet : Attribution de subventions aux associations – santé et solidarités

Le Conseil municipal, après en avoir délibéré, à l'unanimité,

ATTRIBUE les subventions suivantes :
   – Association Valdaine Accueil Santé : 5 300 €
   – Association Les Amis du Jabron : 2 000 €

Les crédits sont inscrits au budget 2025, article 6574.

Fait à Rochefort-en-Valdaine, le 13 juin 2025.
Le Maire,
Thierry BOUVAREL
"""

ROCHEFORT = BASE + "actor/commune-rochefort-valdaine"
CORRECTED = BASE + "grant/commune-rochefort-valdaine/2025-034/valdaine-accueil-sante"


@pytest.fixture
def act_and_erratum(tmp_path):
    (tmp_path / "deliberation-2025-034.txt").write_text(ORIGINAL, encoding="utf-8")
    (tmp_path / "erratum-2025-034.txt").write_text(ERRATUM, encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    reports = ingest_paths(store, [tmp_path / "deliberation-2025-034.txt", tmp_path / "erratum-2025-034.txt"])
    yield store, reports
    store.close()


def test_an_erratum_is_an_act_of_its_own_whose_grant_replaces_the_corrected_one(act_and_erratum):
    store, reports = act_and_erratum
    assert [r.status for r in reports] == ["stored", "stored"]
    # The two amounts were one grant's: "a grant has exactly one amount" was violated on both files.
    assert [v for r in reports for v in r.violations] == []
    rows = store.query("""PREFIX mai: <https://w3id.org/maillage/ontology#> PREFIX schema: <http://schema.org/>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?grant ?amount ?act ?replaced ?corrected WHERE { ?grant a mai:Grant ; schema:amount ?amount ;
          mai:decidedBy ?act OPTIONAL { ?grant dcterms:replaces ?replaced }
          OPTIONAL { ?act dcterms:references ?corrected } } ORDER BY ?amount""")
    erratum_act = BASE + "deliberation/commune-rochefort-valdaine/2025-034-erratum"
    original_act = BASE + "deliberation/commune-rochefort-valdaine/2025-034"
    assert [tuple(str(term or "") for term in row[1:]) for row in rows] == [
        ("2000", original_act, "", ""),
        ("3500", erratum_act, CORRECTED, original_act),
        ("5300", original_act, "", "")]
    title = store.query(f"PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?t WHERE {{ <{erratum_act}> "
                        "dcterms:title ?t }")
    assert [str(row[0]) for row in title] == [
        "Erratum à la délibération n° 2025-034 : « Attribution de subventions aux associations – santé et "
        "solidarités »"]


def test_the_scdl_export_writes_the_corrected_grant_only(act_and_erratum):
    store, _ = act_and_erratum
    counts = export_scdl(store, io.BytesIO())
    # No SIRET for the commune: each grant counted among those left out, the replaced one not at all.
    assert counts["written"] + counts["skipped"] == 2



def _act(number: str, day: str, decision: str, title: str = "Subventions 2024") -> str:
    return ("COMMUNAUTÉ DE COMMUNES DU THOUARSAIS\n\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL COMMUNAUTAIRE"
            f"\n\nSéance du {day}\n\nDélibération n° {number}\n\nOBJET : {title}\n\n{decision}\n\n"
            "Les crédits sont inscrits au budget 2024, article 6574.\n\nLe Président,\nBernard PAINEAU\n")


@pytest.mark.parametrize("amending", [
    "Le Conseil, après en avoir délibéré, à l'unanimité :\n\nARTICLE 1 : ramène de 4 000 € à 2 500 € le montant de la "
    "subvention 2024 attribuée au Vélo Club Bocage ;\n\nARTICLE 2 : dit que les autres dispositions de la "
    "délibération n° 2024-022 demeurent inchangées.",
    "Vu la délibération n° 2024-022 du 26 mars 2024 attribuant les subventions aux associations ;\n\nLe Conseil, "
    "après en avoir délibéré, à l'unanimité, RAMÈNE à 2 500 € la subvention attribuée au Vélo Club Bocage."])
def test_a_grant_that_a_later_act_amends_is_replaced_by_it(tmp_path, amending):
    first = _act("2024-022", "26 mars 2024", "Le Conseil, après en avoir délibéré, à l'unanimité, ATTRIBUE les "
                 "subventions suivantes :\n- Vélo Club Bocage : 4 000 €\n- Comité d'animation du Thouarsais : 5 000 €")
    later = _act("2024-061", "25 juin 2024", amending, "MODIFICATION DE LA DÉLIBÉRATION N° 2024-022")
    (tmp_path / "first.txt").write_text(first, encoding="utf-8")
    (tmp_path / "later.txt").write_text(later, encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        reports = ingest_paths(store, [tmp_path / "first.txt", tmp_path / "later.txt"])
        assert [r.status for r in reports] == ["stored", "stored"]
        rows = store.query("""PREFIX mai: <https://w3id.org/maillage/ontology#> PREFIX schema: <http://schema.org/>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            SELECT (SUM(?amount) AS ?total) WHERE { { SELECT DISTINCT ?grant ?amount WHERE {
              ?grant a mai:Grant ; schema:amount ?amount MINUS { ?newer dcterms:replaces ?grant } } } }""")
        assert [str(row[0]) for row in rows] == ["7500"]  # 5 000 + 2 500: the 4 000 € grant replaced
    finally:
        store.close()


def test_an_amended_act_named_by_its_date_alone_replaces_nothing(tmp_path):
    text = _act("2024-061", "25 juin 2024", "Vu la délibération du 26 mars 2024 attribuant les subventions ;\n\n"
                "Le Conseil, après en avoir délibéré, RAMÈNE à 2 500 € la subvention attribuée au Vélo Club Bocage.")
    (tmp_path / "later.txt").write_text(text, encoding="utf-8")
    facts = extract_fixture(tmp_path / "later.txt").graph
    assert list(facts.triples((None, DCTERMS.replaces, None))) == []


def test_a_complement_that_brings_a_grant_to_a_total_replaces_nothing(tmp_path):
    text = _act("2024-061", "25 juin 2024", "Vu la délibération n° 2024-022 attribuant les subventions ;\n\n"
                "Le Conseil, après en avoir délibéré, ATTRIBUE au Vélo Club Bocage une subvention complémentaire de "
                "1 000 €, portant la subvention 2024 à 5 000 €.")
    (tmp_path / "later.txt").write_text(text, encoding="utf-8")
    graph = extract_fixture(tmp_path / "later.txt").graph
    assert [str(a) for a in graph.objects(None, SCHEMA.amount)] == ["1000"]
    assert list(graph.triples((None, DCTERMS.replaces, None))) == []

#: The fixture's 2024 grant to DanaeCare (20 000 €) corrected by an erratum to 18 000 €.
CORRECTION = f"""@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix schema: <http://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{BASE}deliberation/saint-etienne-metropole/2024-00240-erratum> a mai:Deliberation ;
    dcterms:identifier "2024.00240 (erratum)" ; dcterms:title "Erratum à la délibération n° 2024.00240" ;
    dcterms:date "2024-05-14"^^xsd:date ; mai:authority <{SEM}> ; dcterms:references <{DELIBERATION}> .
<{GRANT}-erratum> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{DANAECARE}> ;
    schema:amount "18000"^^xsd:decimal ; schema:currency "EUR" ; mai:fiscalYear 2024 ;
    mai:decidedBy <{BASE}deliberation/saint-etienne-metropole/2024-00240-erratum> ; mai:contributesTo <{GOAL}> ;
    dcterms:replaces <{GRANT}> .
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("replaced"), CORRECTION, "erratum.ttl") as client:
        yield client


def test_the_funding_pages_count_the_corrected_amount_once(client):
    funding = client.get("/funding.json").get_json()
    assert funding_rows(funding["by_funder"], "funder") == [(SEM, 2, 23000)]
    assert (DANAECARE, 1, 18000) in funding_rows(funding["by_beneficiary"], "beneficiary")
    assert funding_rows(funding["by_year"], "year") == [(2023, 1, 5000), (2024, 1, 18000)]
    assert [row["total"] for row in funding["flows"]["rows"] if row["beneficiary"]["iri"] == DANAECARE] == [18000]
    pole = json.dumps(client.get("/funding.json", query_string={"pole": PTCE}).get_json())
    assert "18000" in pole and "20000" not in pole
    goals = client.get("/goals.json").get_json()
    assert "20000" not in json.dumps(goals) and "18000" in json.dumps(goals)


def test_the_api_and_the_named_queries_count_the_corrected_amount_once(client):
    grants = client.get("/api/grants").get_json()
    assert (grants["matching_count"], grants["matching_total_amount"]) == (2, "23000")
    answers = {name: client.get(f"/api/queries/{name}", query_string=params).get_json()["rows"] for name, params in (
        ("totaux-par-financeur", {}), ("totaux-par-beneficiaire", {}), ("flux-de-financement", {}),
        ("subventions-par-financeur-et-annee", {"funder": SEM}), ("subventions-d-un-beneficiaire",
                                                                  {"beneficiary": DANAECARE}),
        ("subventions-par-objectif", {"goal": GOAL}), ("deliberations-d-une-collectivite", {"authority": SEM}))}
    assert [r["total"] for r in answers["totaux-par-financeur"]] == [23000]
    assert [r["total"] for r in answers["totaux-par-beneficiaire"] if r["beneficiary"]["iri"] == DANAECARE] == [18000]
    assert [r["total"] for r in answers["flux-de-financement"] if r["beneficiary"]["iri"] == DANAECARE] == [18000]
    assert sorted(r["total"] for r in answers["subventions-par-financeur-et-annee"]) == [5000, 18000]
    assert [r["amount"] for r in answers["subventions-d-un-beneficiaire"]] == [18000]
    assert [(r["grants"], r["total"]) for r in answers["subventions-par-objectif"]] == [(1, 18000)]
    assert sorted((r["identifier"], r["grants"]) for r in answers["deliberations-d-une-collectivite"]) == [
        ("2024.00240", 0), ("2024.00240 (erratum)", 1)]


def test_the_pages_of_the_parties_and_the_network_show_the_corrected_grant(client):
    for iri in (DANAECARE, SEM):
        page = client.get("/resource", query_string={"iri": iri}, headers={"Accept": "text/html"})
        text = page.get_data(as_text=True)
        assert page.status_code == 200 and "18\u202f000" in text and "20\u202f000" not in text, iri
    network = json.dumps(client.get("/network.json", query_string={"focus": DANAECARE}).get_json())
    assert "18000" in network and "20000" not in network


def test_the_replaced_grant_keeps_its_own_page(client):
    page = client.get("/resource", query_string={"iri": GRANT}, headers={"Accept": "text/html"})
    assert page.status_code == 200 and "20\u202f000" in page.get_data(as_text=True)


def test_nothing_replaced_leaves_every_grant_counted(tmp_path):
    with app_on_fixture(tmp_path) as app:  # the anti-join keeps every grant when no dcterms:replaces is stored
        funding = app.test_client().get("/funding.json").get_json()
        assert funding_rows(funding["by_funder"], "funder") == [(SEM, 2, 25000)]


def test_the_replaced_grant_says_by_which_grant(client):
    text = client.get("/resource", query_string={"iri": GRANT}, headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "remplacée par" in text and "/id/grant/sem-danaecare-2024-erratum" in text


def _replaced(tmp_path, text: str) -> tuple[list, str]:
    """The (grant's amount, replaced grant's IRI tail) pairs of ``text``, and its deliberation's identifier."""
    (tmp_path / "act.txt").write_text(text, encoding="utf-8")
    graph = extract_fixture(tmp_path / "act.txt").graph
    pairs = sorted((str(graph.value(new, SCHEMA.amount)), str(old).split("/grant/")[1])
                   for new, _, old in graph.triples((None, DCTERMS.replaces, None)))
    return pairs, str(next(graph.objects(None, DCTERMS.identifier)))


def test_an_erratum_numbered_as_an_act_of_its_own_keeps_its_number_and_corrects_the_act_it_names(tmp_path):
    text = _act("2025-029", "22 mai 2025", "ERRATUM à la délibération n° 2025-017 du Conseil communautaire du 3 avril "
                "2025\n\nAu lieu de :\n« – Radio Bocage FM : 4 500 € »\nIl convient de lire :\n« – Radio Bocage FM : "
                "5 400 € »\n\nLe Conseil, après en avoir délibéré, PREND ACTE de l'erratum.",
                "Erratum – délibération n° 2025-017 du 3 avril 2025")
    assert _replaced(tmp_path, text) == ([("5400", "communaute-communes-thouarsais/2025-017/radio-bocage-fm")], "2025-029")


@pytest.mark.parametrize("heading, corrected", [
    ("Objet : Erratum – délibération n° 2025-017 du 3 avril 2025", "2025-017"),
    ("RECTIFICATIF à la délibération de la Commission permanente n° CP-2025-05-012 du 5 mai 2025", "cp-2025-05-012")])
def test_an_erratum_is_known_by_its_object_line_and_names_an_act_of_a_named_body(tmp_path, heading, corrected):
    text = ("COMMUNAUTÉ DE COMMUNES DU THOUARSAIS\n\n" + heading + "\n\nUne erreur matérielle s'est glissée.\n\n"
            "Au lieu de : « – Radio Bocage FM : 4 500 € »\nIl convient de lire : « – Radio Bocage FM : 5 400 € »\n\n"
            "Le Président,\nBernard PAINEAU\n")
    assert _replaced(tmp_path, text)[0] == [("5400", f"communaute-communes-thouarsais/{corrected}/radio-bocage-fm")]


@pytest.mark.parametrize("clause", ["est ramenée à 2 500 €", "est portée de 4 000 € à 2 500 €"])
def test_a_grant_amended_in_the_passive_keeps_its_beneficiarys_name(tmp_path, clause):
    text = _act("2024-061", "25 juin 2024", "Vu la délibération n° 2024-022 attribuant les subventions ;\n\nLe Conseil, "
                f"après en avoir délibéré, DÉCIDE que la subvention attribuée au Vélo Club Bocage {clause}.")
    assert _replaced(tmp_path, text)[0] == [("2500", "communaute-communes-thouarsais/2024-022/velo-club-bocage")]


def test_a_replaced_grant_that_the_store_does_not_hold_is_told(tmp_path):
    (tmp_path / "erratum.txt").write_text(ERRATUM, encoding="utf-8")
    (tmp_path / "act.txt").write_text(ORIGINAL, encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        alone = ingest_paths(store, [tmp_path / "erratum.txt"])[0]
        assert [i.message for i in alone.issues if "n'est pas dans la base" in i.message] == [
            f"la subvention que cet acte remplace (à Association Valdaine Accueil Santé) n'est pas dans la base : "
            f"<{CORRECTED}> ; si l'acte qu'il modifie y est, il écrit autrement son numéro ou le nom du bénéficiaire, "
            "et les deux montants sont comptés"]
        ingest_paths(store, [tmp_path / "act.txt"])
        (tmp_path / "erratum.txt").write_text(ERRATUM + "\n", encoding="utf-8")  # a new version: checked again
        again = ingest_paths(store, [tmp_path / "erratum.txt"])[0]
        assert [i.message for i in again.issues if "n'est pas dans la base" in i.message] == []
    finally:
        store.close()
