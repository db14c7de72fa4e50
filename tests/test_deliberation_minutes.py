"""Minutes that record several deliberations, each under a heading with its own number: each read as one.

The session's heading and attendance are every item's; an item's grants, title and vote are its own, and the
attendance at its vote counts the members who came or went before it.
"""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from rdflib import RDF
from rdflib.namespace import DCTERMS, RDFS

from graph.ingest.delib_facts import extract_fixture, session_facts
from graph.ingest.delib_items import deliberation_items
from graph.namespaces import MAI, OA, SCHEMA
from webapp.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "deliberations"
MINUTES = FIXTURES / "commune-pv-trois-deliberations-numerotees.txt"


def _one(graph, subject, predicate):
    return next(iter(graph.objects(subject, predicate)), None)


def _deliberations(graph) -> dict:
    return {str(_one(graph, d, DCTERMS.identifier)): d for d in graph.subjects(RDF.type, MAI.Deliberation)}


def test_each_numbered_item_of_minutes_is_a_deliberation_with_its_own_title_vote_and_grants():
    graph = extract_fixture(MINUTES).graph
    acts = _deliberations(graph)
    assert sorted(acts) == ["2024-021", "2024-022", "2024-023"]
    assert str(_one(graph, acts["2024-022"], DCTERMS.title)) == "Tarifs de la garderie"
    outcomes = {n: str(_one(graph, d, MAI.outcome)).rsplit("/", 1)[1] for n, d in acts.items()}
    assert outcomes == {"2024-021": "adopted-unanimously", "2024-022": "adopted", "2024-023": "adopted"}
    # the first item's vote is not counted from the next item's tally
    assert _one(graph, acts["2024-021"], MAI.votesAgainst) is None
    assert (int(_one(graph, acts["2024-023"], MAI.votesFor)), int(_one(graph, acts["2024-023"], MAI.abstentions))) \
        == (8, 1)
    decided = {str(_one(graph, g, MAI.decidedBy)).rsplit("/", 1)[1]: str(_one(graph, g, SCHEMA.amount))
               for g in graph.subjects(RDF.type, MAI.Grant)}
    assert decided == {"2024-021": "600", "2024-023": "1200"}
    # one session for the three
    assert len({_one(graph, d, MAI.session) for d in acts.values()}) == 1


def test_the_attendance_at_an_items_vote_counts_who_arrived_before_it():
    graph = extract_fixture(MINUTES).graph
    acts = _deliberations(graph)
    session = _one(graph, acts["2024-021"], MAI.session)
    first, last = (session_facts(graph, session, acts[n]) for n in ("2024-021", "2024-023"))
    assert (first["present"], first["vote_count"]) == (7, 8)
    assert (last["present"], last["present_count"], last["vote_count"], last["absent"]) == (8, 8, 9, 0)


def test_each_facts_evidence_quotes_the_files_own_text():
    extraction = extract_fixture(MINUTES)
    graph, acts = extraction.graph, _deliberations(extraction.graph)
    quotes = [(str(_one(graph, e, OA.exact)), int(_one(graph, e, OA.start)), int(_one(graph, e, OA.end)))
              for e in graph.objects(acts["2024-023"], MAI.evidence)]
    assert any("8 voix pour et 1 abstention" in exact for exact, _, _ in quotes)
    assert all(extraction.text[start:end] == exact for exact, start, end in quotes)


def test_the_report_counts_the_deliberations_and_tells_a_warning_of_the_session_once(tmp_path):
    text = MINUTES.read_text(encoding="utf-8").replace("Présents : 7 – Procurations", "Présents : 6 – Procurations")
    path = tmp_path / "pv.txt"
    path.write_text(text, encoding="utf-8")
    extraction = extract_fixture(path)
    assert extraction.stats["deliberations"] == 3
    assert [i.message for i in extraction.issues].count("7 présents listés pour 6 annoncés") == 1
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", "--no-index", str(path)])
    assert result.exit_code == 0, result.output
    assert "délibérations : 3, " in result.output and "subventions : 2, montant total : 1 800 €" in result.output
    counted = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "query", "--format", "csv",
                                        "PREFIX mai: <https://w3id.org/maillage/ontology#> "
                                        "SELECT (COUNT(?d) AS ?n) WHERE { ?d a mai:Deliberation }"])
    assert counted.output.split() == ["n", "3"]


def test_items_headed_by_their_number_alone_are_deliberations_with_the_titles_their_headings_give(tmp_path):
    text = re.sub(r"(?m)^Délibération n° (2024-02\d) – ", r"DCM \1 – ", MINUTES.read_text(encoding="utf-8"))
    path = tmp_path / "pv.txt"
    path.write_text(text, encoding="utf-8")
    graph = extract_fixture(path).graph
    titles = {n: str(_one(graph, d, DCTERMS.title)) for n, d in _deliberations(graph).items()}
    assert titles == {"DCM 2024-021": "Subvention à l'association Santé Seniors Genest",
                      "DCM 2024-022": "Tarifs de la garderie",
                      "DCM 2024-023": "Subvention exceptionnelle au Centre de santé infirmier du Pilat"}


def test_an_item_the_council_takes_note_of_is_a_deliberation_of_the_minutes_too(tmp_path):
    text = MINUTES.read_text(encoding="utf-8").replace(
        "Le Conseil fixe le tarif de la garderie à 1,50 € la demi-heure.\nAdopté par 7 voix pour et 1 contre.",
        "Le Conseil prend acte du rapport sur la garderie.")
    path = tmp_path / "pv.txt"
    path.write_text(text, encoding="utf-8")
    graph = extract_fixture(path).graph
    acts = _deliberations(graph)
    assert sorted(acts) == ["2024-021", "2024-022", "2024-023"] and _one(graph, acts["2024-022"], MAI.outcome) is None


def test_minutes_with_one_numbered_item_and_a_list_of_acts_without_votes_are_one_deliberation():
    assert deliberation_items((FIXTURES / "commune-pv-plusieurs-points.txt").read_text(encoding="utf-8")) == []
    acts = ("Séance du 3 mars 2025\nDélibérations prises lors de la séance précédente :\n"
            "Délibération n° 2025-001 – Budget primitif\nDélibération n° 2025-002 – Tarifs\n\n"
            "Délibération n° 2025-014 – Subvention à l'association X\nUne subvention de 500 € à X.\n"
            "Adopté à l'unanimité.\n")
    assert deliberation_items(acts) == []
    # an act whose report recalls another by its number on a line of its own: one vote, one deliberation
    cited = ("Séance du 3 mars 2025\nDélibération n° 2025-014 – Subvention à l'association X\n"
             "Rappel :\nDélibération n° 2024-120 – Subvention 2024 à X, 400 €\n"
             "DÉCIDE d'attribuer une subvention de 500 € à X.\nAdopté à l'unanimité.\n")
    assert deliberation_items(cited) == []


POINTS = FIXTURES / "commune-pv-points-sans-numero.txt"


def test_each_voted_point_of_minutes_that_number_no_deliberation_is_a_deliberation():
    extraction = extract_fixture(POINTS)
    graph = extraction.graph
    acts = _deliberations(graph)
    key = "commune-pv-points-sans-numero-txt"
    assert sorted(acts) == [f"{key}, point 1", f"{key}, point 2", f"{key}, point 3"]  # "4. Questions diverses": no vote
    titles = {n.rsplit(" ", 1)[1]: str(_one(graph, d, DCTERMS.title)) for n, d in acts.items()}
    assert titles == {"1": "Approbation du procès-verbal de la séance du 9 avril 2024",
                      "2": "Subventions aux associations pour l'année 2024", "3": "Tarifs de la restauration scolaire"}
    votes = {n.rsplit(" ", 1)[1]: (str(_one(graph, d, MAI.outcome)).rsplit("/", 1)[1], _one(graph, d, MAI.votesFor),
                                   _one(graph, d, MAI.abstentions)) for n, d in acts.items()}
    assert votes["1"] == ("adopted-unanimously", None, None)  # not the next points' counts
    assert (votes["2"][0], int(votes["2"][1]), int(votes["2"][2])) == ("adopted", 13, 1)
    assert int(_one(graph, acts[f"{key}, point 3"], MAI.votesAgainst)) == 2
    decided = {str(_one(graph, g, MAI.decidedBy)) for g in graph.subjects(RDF.type, MAI.Grant)}
    assert decided == {str(acts[f"{key}, point 2"])}
    # each identified by the file's name and its rank, and said so
    assert sum("procès-verbal sans numéro de délibération" in i.message for i in extraction.issues) == 3


def test_points_that_are_a_list_of_grants_each_voted_or_an_act_with_a_number_are_no_minutes():
    grants_voted_each = ("Délibération n° 2024-12\nLe Conseil attribue :\n1. Club A : 3 200 €\nAdopté à l'unanimité.\n"
                         "2. Club B : 500 €\nAdopté par 25 voix pour et 2 contre.\n")
    assert deliberation_items(grants_voted_each) == []
    assert deliberation_items(grants_voted_each.replace("Délibération n° 2024-12\n", "")) == []
    # minutes whose one item has a number stay that deliberation's (the other points' votes are not its own)
    assert deliberation_items((FIXTURES / "commune-pv-plusieurs-points.txt").read_text(encoding="utf-8")) == []
    # a single act's numbered paragraphs, one vote at the end
    act = ("1. Contexte\nLa commune soutient les associations.\n2. Proposition\nUne subvention de 500 € à X.\n"
           "Adopté à l'unanimité.\n")
    assert deliberation_items(act) == []


def test_a_point_numbered_anew_list_under_a_point_or_a_point_without_vote_heads_no_deliberation():
    minutes = ("Ordre du jour :\n1. Budget\n2. Subventions\n3. Informations\n4. Tarifs\n\n"
               "1. Budget\nLe budget est voté.\nAdopté à l'unanimité.\n"
               "2. Subventions\nLe Conseil attribue :\n1) Comité des fêtes\n2) Chorale\nAdopté par 10 voix pour.\n"
               "3. Informations\nLe Maire informe le Conseil.\n"
               "4. Tarifs\nLe tarif est fixé.\nAdopté par 9 voix pour et 1 contre.\n")
    items = deliberation_items(minutes)
    assert [(number, minutes[start:end].split("\n")[0]) for start, end, number in items] == [
        ("point 1", "1. Budget"), ("point 2", "2. Subventions"), ("point 4", "4. Tarifs")]


def test_items_headed_in_capitals_are_deliberations_and_a_pronoun_is_its_own_items_beneficiarys():
    graph = extract_fixture(FIXTURES / "commune-pv-majuscules-pronom-circonstance.txt").graph
    acts = _deliberations(graph)
    assert sorted(acts) == ["2024-062", "2024-063"]
    beneficiaries = {str(_one(graph, g, MAI.decidedBy)).rsplit("/", 1)[1]:
                     str(_one(graph, _one(graph, g, MAI.beneficiary), RDFS.label))
                     for g in graph.subjects(RDF.type, MAI.Grant)}
    assert beneficiaries == {"2024-062": "LES RESTOS DU CŒUR", "2024-063": "Gier Prévention Santé-Fictive"}
