"""The agreements a deliberation approves (graph.ingest.delib_agreements): the clauses read, who signs, which grants
each governs, and their triples."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF

from graph.ingest.delib_agreements import find_agreements
from graph.ingest.delib_facts import extract_fixture
from graph.namespaces import MAI, OA

DECIDES = "Le Conseil municipal, après en avoir délibéré, DÉCIDE :\n"


@pytest.mark.parametrize("operative, expected", [
    # approved, then signed "à la signer" in the same sentence
    ("- approuve la convention d'objectifs correspondante et autorise le Maire à la signer ;\n- dit que",
     [("Convention d'objectifs correspondante", "le Maire", True)]),
    # approved in one item, signed in the next; annexed, with its period
    ("- APPROUVE la convention de partenariat avec l'association Combrailles Aidants Répit, annexée à la\n"
     "  présente délibération, pour la période du 1er novembre 2024 au 31 décembre 2025 ;\n"
     "- AUTORISE le Président à la signer ainsi que tout document s'y rapportant.",
     [("Convention de partenariat avec l'association Combrailles Aidants Répit, pour la période du 1er novembre "
       "2024 au 31 décembre 2025", "le Président", False)]),
    # signing alone names the agreements; the office spans a line; "y afférentes" makes them the grants'
    ("Article 3 : autorise\nla Présidente ou son-sa représentant-e à signer les conventions financières y afférentes.",
     [("Conventions financières y afférentes", "la Présidente ou son-sa représentant-e", True)]),
    # capitals, and the next verb after a comma ends the clause
    ("AUTORISE LE PRÉSIDENT À SIGNER LES CONVENTIONS CORRESPONDANTES, DIT que les crédits sont inscrits.",
     [("CONVENTIONS CORRESPONDANTES", "LE PRÉSIDENT", True)]),
    # the other papers signed with them are not in the title
    ("Autorise la Présidente à signer les conventions et tous documents afférents.",
     [("Conventions", "la Présidente", True)]),
    # premises and a lease govern no grant; "sans incidence financière" neither
    ("- approuver la convention de mise à disposition de locaux au profit de la CPTS Tours Nord, moyennant\n"
     "  une redevance annuelle de 9 600 € ;", [("Convention de mise à disposition de locaux au profit de la CPTS "
                                              "Tours Nord, moyennant une redevance annuelle de 9 600 €", None, False)]),
    ("Approuve l'avenant n° 2 au Contrat local de santé de la Creuse, sans incidence financière ;",
     [("Avenant n° 2 au Contrat local de santé de la Creuse, sans incidence financière", None, False)]),
    # "tous documents" is no agreement
    ("- approuve le versement ;\n- autorise la Présidente à signer tous documents afférents.", []),
])
def test_the_clauses_give_each_agreement_its_title_signatory_and_whether_it_is_the_grants(operative, expected):
    found = find_agreements(DECIDES + operative)
    assert [(a.title, a.signatory, a.grants_own()) for a in found] == expected


def test_a_proposal_before_the_operative_part_is_not_a_second_agreement():
    text = ("Il vous est proposé d'approuver la convention de partenariat avec la Mutualité Française.\n\n"
            "Le Comité syndical, après en avoir délibéré :\n- approuve la convention de partenariat avec la "
            "Mutualité Française ;\n- autorise la Présidente à signer ladite convention.")
    found = find_agreements(text)
    assert [(a.title, a.signatory) for a in found] == [
        ("Convention de partenariat avec la Mutualité Française", "la Présidente")]
    assert text[slice(*found[0].span)].startswith("approuve la convention")


def _write(tmp_path: Path, operative: str) -> Path:
    path = tmp_path / "deliberation.txt"
    path.write_text(
        "VILLE DE LIEN-SUR-LOIRE\nEXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL\n"
        "Séance du 12 mars 2024\nDélibération n° 2024-031\nOBJET : Subventions aux associations de santé\n\n"
        "Le Conseil municipal, après en avoir délibéré, DÉCIDE :\n"
        "- d'attribuer une subvention de fonctionnement de 12 000 € à l'association Santé Lien ;\n"
        "- d'attribuer une subvention de fonctionnement de 3 000 € à l'association Répit Loire ;\n"
        + operative + "\nAdopté à l'unanimité.\n", encoding="utf-8")
    return path


def _agreements(graph) -> dict:
    """Each agreement: its title, parties' IRIs' last segments, and governed grants' last segments."""
    last = lambda iri: str(iri).rsplit("/", 1)[-1]  # noqa: E731
    return {str(graph.value(a, DCTERMS.title)): (
        sorted(last(p) for p in graph.objects(a, MAI.party)),
        sorted(last(g) for g in graph.subjects(MAI.governedBy, a)))
        for a in graph.subjects(RDF.type, MAI.Agreement)}


@pytest.mark.parametrize("operative, expected", [
    # the beneficiary named: its grant only, and it is a party
    ("- approuve la convention pluriannuelle d'objectifs avec l'association Santé Lien ;\n"
     "- autorise le Maire à la signer.",
     {"Convention pluriannuelle d'objectifs avec l'association Santé Lien":
      (["sante-lien", "ville-lien-loire"], ["sante-lien"])}),
    # "correspondantes": every grant of the deliberation, every beneficiary a party
    ("- autorise le Maire à signer les conventions correspondantes.",
     {"Conventions correspondantes (délibération n° 2024-031)":
      (["repit-loire", "sante-lien", "ville-lien-loire"], ["repit-loire", "sante-lien"])}),
    # premises lent to a beneficiary: a party, no grant governed
    ("- approuve la convention de mise à disposition de locaux au profit de l'association Répit Loire.",
     {"Convention de mise à disposition de locaux au profit de l'association Répit Loire":
      (["repit-loire", "ville-lien-loire"], [])}),
])
def test_an_agreement_binds_the_authority_and_the_beneficiaries_and_governs_their_grants(tmp_path, operative,
                                                                                         expected):
    extraction = extract_fixture(_write(tmp_path, operative))
    assert _agreements(extraction.graph) == expected
    assert extraction.stats["agreements"] == 1


def test_an_agreement_that_names_a_body_governs_the_grant_of_its_branch(tmp_path):
    path = tmp_path / "deliberation.txt"
    path.write_text(
        "VILLE DE LIEN-SUR-LOIRE\nEXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL\n"
        "Séance du 12 mars 2024\nDélibération n° 2024-031\nOBJET : Subventions aux associations de santé\n\n"
        "Le Conseil municipal, après en avoir délibéré :\nArticle 1 : attribue les subventions suivantes :\n"
        "  - Association Française des Aidants – antenne de Lien ............ 9 000 €\n"
        "  - Association Répit Loire ......................................... 3 000 €\n"
        "Article 2 : approuve la convention d'objectifs avec l'Association Française des Aidants.\n"
        "\nAdopté à l'unanimité.\n", encoding="utf-8")
    (parties, governed), = _agreements(extract_fixture(path).graph).values()
    assert governed == ["francaise-aidants-antenne-lien"]


def test_a_rejected_deliberation_approves_no_agreement(tmp_path):
    path = _write(tmp_path, "- approuve la convention d'objectifs avec l'association Santé Lien ;")
    path.write_text(path.read_text(encoding="utf-8").replace("Adopté à l'unanimité", "La délibération est rejetée"),
                    encoding="utf-8")
    extraction = extract_fixture(path)
    assert list(extraction.graph.subjects(RDF.type, MAI.Agreement)) == []
    assert list(extraction.graph.subjects(RDF.type, MAI.Grant)) == []


def test_an_agreement_quotes_the_clauses_that_approve_it_and_authorise_its_signature(tmp_path):
    extraction = extract_fixture(_write(tmp_path, "- approuve la convention d'objectifs avec l'association Santé "
                                                  "Lien ;\n- autorise le Maire à la signer."))
    agreement = next(extraction.graph.subjects(RDF.type, MAI.Agreement))
    assert agreement == URIRef("https://w3id.org/maillage/id/agreement/ville-lien-loire/2024-031/1")
    graph = extraction.graph
    quotes = sorted(extraction.text[int(graph.value(e, OA.start)):int(graph.value(e, OA.end))]
                    for e in graph.objects(agreement, MAI.evidence))
    assert quotes == ["approuve la convention d'objectifs avec l'association Santé Lien",
                      "autorise le Maire à la signer"]
