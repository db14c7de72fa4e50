"""A grants list's row that names a stored deliberation for a beneficiary at another amount than the deliberation's
text decides (graph.ingest.decided_amounts), and how the deliberation's page and search result tell the grants its
text decides from those that other sources publish citing it (webapp.deliberation_citations, search.documents).

The founding deliberation 2024.00240 of the demo corpus decides 20 000 € for DanaeCare; the list below publishes
25 000 € under its number (row 2), and 30 000,50 € under a deliberation 2024.00999 that no text gives (row 3).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store
from search.documents import deliberation_to_document
from search.facts import load_facts

DELIBERATION = Path(__file__).resolve().parent.parent / "examples" / "deliberations" / \
    "saint-etienne-metropole-2024-00240-danaecare.txt"
FOUNDING = "/id/deliberation/siren-244200770/2024-00240"
MISSING = "/id/deliberation/siren-244200770/2024-00999"
_HEAD = ("nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,"
         "rnaBeneficiaire,objet,montant,nature,exerciceBudgetaire\n")
_DANAECARE = "Saint-Etienne Métropole,24420077000018,2024-06-10,2024.00240,DanaeCare,,,Création d'un PTCE,{amount}," \
    "aide en numéraire,2024\n"
_UNKNOWN = "Saint-Etienne Métropole,24420077000018,2024-07-01,2024.00999,Association Test Audit Santé,,W423999999," \
    "Prévention,30000.50,aide en numéraire,2024\n"
LIST_SAYS = ("la délibération n° 2024.00240 (« saint-etienne-metropole-2024-00240-danaecare.txt ») décide 20 000 € "
             "pour ce bénéficiaire, et non 25 000 € : écart de 5 000 € ; les deux subventions sont gardées ; les "
             "totaux du financement les comptent une fois, au montant de la délibération : le montant de la liste "
             "ou sa référence de décision est à vérifier",
             "deliberation no. 2024.00240 ('saint-etienne-metropole-2024-00240-danaecare.txt') decides 20,000 € for "
             "this beneficiary, not 25,000 €: a difference of 5,000 €; both grants are kept; the funding totals count "
             "them once, at the deliberation's amount: the list's amount or its decision reference needs checking")
TEXT_SAYS = ("la liste « sem-subventions.csv » (ligne 2) publie sous la délibération n° 2024.00240 une subvention à "
             "DanaeCare de 25 000 €, que la délibération ne décide pas : elle décide 20 000 €, écart de 5 000 € ; les "
             "deux subventions sont gardées ; les totaux du financement les comptent une fois, au montant de la "
             "délibération",
             "the list 'sem-subventions.csv' (line 2) publishes under deliberation no. 2024.00240 a grant to DanaeCare "
             "of 25,000 €, which the deliberation does not decide: it decides 20,000 €, a difference of 5,000 €; both "
             "grants are kept; the funding totals count them once, at the deliberation's amount")


def _ingest(tmp_path: Path, list_first: bool, amount: str = "25000") -> dict[str, list]:
    """Ingest the deliberation and the list (in that order, or the list first) into ``tmp_path/data``, one ingest
    each; the issues of each file's report, by file name."""
    listed = tmp_path / "sem-subventions.csv"
    listed.write_text(_HEAD + _DANAECARE.format(amount=amount) + _UNKNOWN, encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    issues = {}
    try:
        for path in ([listed, DELIBERATION] if list_first else [DELIBERATION, listed]):
            (report,) = ingest_paths(store, [path])
            issues[path.name] = report.issues
    finally:
        store.close()
    return issues


def _said(issues: list) -> list[tuple]:
    return [(i.message, i.message_en, i.line) for i in issues if "décide" in i.message]


def test_a_list_row_naming_a_stored_deliberation_at_another_amount_is_warned_at_its_row(tmp_path):
    issues = _ingest(tmp_path, list_first=False)
    assert _said(issues["sem-subventions.csv"]) == [(*LIST_SAYS, 2)]


def test_a_deliberation_stored_after_a_list_that_names_it_at_another_amount_is_warned(tmp_path):
    issues = _ingest(tmp_path, list_first=True)
    assert _said(issues[DELIBERATION.name]) == [(*TEXT_SAYS, None)]
    assert _said(issues["sem-subventions.csv"]) == []


@pytest.mark.parametrize("list_first", [False, True])
def test_a_list_row_at_the_amount_the_deliberation_decides_is_not_warned_of_its_amount(tmp_path, list_first):
    issues = _ingest(tmp_path, list_first, amount="20000")
    assert [said for found in issues.values() for said in _said(found)] == []


def test_a_list_row_that_the_deliberation_decides_is_not_said_to_be_counted_twice(tmp_path):
    """The totals count it once, as the text decides it (webapp.grant_amounts.LISTED_TWICE): « déjà publiée par
    « ….txt » : elle sera comptée deux fois dans les totaux » was no longer true."""
    issues = _ingest(tmp_path, list_first=False, amount="20000")
    assert [i.message for i in issues["sem-subventions.csv"] if "déjà publiée" in i.message] == []


def _html(client, url: str) -> str:
    """A page's HTML, its apostrophes as written."""
    return client.get(url, headers={"Accept": "text/html"}).get_data(as_text=True).replace("&#39;", "'")


@pytest.fixture
def client(tmp_path, app_of):
    _ingest(tmp_path, list_first=False)
    return app_of()


def test_a_deliberations_page_lists_apart_the_grants_a_list_publishes_citing_it(client):
    page = client.get(FOUNDING + ".json").get_json()
    assert [row["amount"] for row in page["decided_grants"]["rows"]] == [20000]
    [cited] = page["cited_grants"]["rows"]
    assert (cited["amount"], cited["text_amount"], cited["source"]["label"], cited["line"]) == (
        25000, "le texte décide 20\u202f000\u00a0€ (écart de 5\u202f000\u00a0€)", "sem-subventions.csv", 2)
    assert page["text_missing"] is None
    html = _html(client, FOUNDING)
    assert "Publiées par d'autres sources qui citent cette délibération" in html
    english = _html(client, FOUNDING + "?lang=en")
    assert "Published by other sources that cite this deliberation" in english
    assert "the text decides €20,000 (a difference of €5,000)" in english


def test_a_list_grant_does_not_quote_the_deliberation_it_names_as_its_evidence(client):
    decided = client.get("/id/grant/siren-244200770/2024-00240/danaecare.json").get_json()
    assert "Ce dossier a été adopté à l'unanimité." in {q["quote"] for q in decided["evidence"][
        "https://w3id.org/maillage" + FOUNDING]}
    listed = client.get("/id/grant/sem-subventions-csv/danaecare-2024-06-10-2024-00240.json").get_json()
    assert "https://w3id.org/maillage" + FOUNDING not in listed["evidence"]


def test_a_deliberation_that_only_a_list_names_says_its_text_is_not_in_the_graph(client):
    page = client.get(MISSING + ".json").get_json()
    assert page["decided_grants"]["rows"] == []
    assert [row["amount"] for row in page["cited_grants"]["rows"]] == [30000.5]
    assert [(found["source"]["label"], found["lines"]) for found in page["text_missing"]] == [
        ("sem-subventions.csv", [3])]
    html = _html(client, MISSING)
    assert "Le texte de cette délibération n'est pas dans le graphe" in html
    assert "Ce que la délibération décide" not in html


def test_a_deliberations_search_summary_counts_what_its_text_decides_and_says_the_others_apart(tmp_path):
    _ingest(tmp_path, list_first=False)
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        founding, missing = ("https://w3id.org/maillage" + iri for iri in (FOUNDING, MISSING))
        facts = load_facts(store, [founding, missing])
        documents = [deliberation_to_document(iri, facts) for iri in (founding, missing)]
    finally:
        store.close()
    assert [(doc["summary"].split(" · ", 1)[1], doc["amount"]) for doc in documents] == [
        ("2024-05-16 · 1 subvention, 20 000 € · 1 subvention publiée par une autre source qui la cite, 25 000 €",
         20000.0),
        ("texte absent · 1 subvention publiée par une autre source qui la cite, 30 000,50 €", 30000.5)]


def test_a_list_grant_s_page_says_beside_its_deliberation_what_the_text_decides(client):
    listed = "/id/grant/sem-subventions-csv/danaecare-2024-06-10-2024-00240"
    assert client.get(listed + ".json").get_json()["text_differs"] == {
        "https://w3id.org/maillage" + FOUNDING: "le texte décide 20\u202f000\u00a0€ (écart de 5\u202f000\u00a0€)"}
    assert "(le texte décide 20\u202f000\u00a0€ (écart de 5\u202f000\u00a0€))" in _html(client, listed)
    assert "(the text decides €20,000 (a difference of €5,000))" in _html(client, listed + "?lang=en")
    decided = client.get("/id/grant/siren-244200770/2024-00240/danaecare.json").get_json()
    assert decided["text_differs"] == {}


def test_a_deliberation_s_page_does_not_list_a_list_s_grant_among_what_it_decides(client):
    html = _html(client, FOUNDING)
    inverse = html[html.index("Liens vers cette fiche"):]
    assert "Subvention de 25\u202f000\u00a0€" not in inverse[:inverse.index("</section>")]
