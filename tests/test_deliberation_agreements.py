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
    # … "à le signer" for a masculine head noun; annexed to a decision of the President
    ("- approuve le contrat de ville, annexé à la présente décision, et autorise le Maire à le signer ;",
     [("Contrat de ville", "le Maire", False)]),
    # approved in one item, signed in the next; annexed, with its period (which the title leaves out, after its comma)
    ("- APPROUVE la convention de partenariat avec l'association Combrailles Aidants Répit, annexée à la\n"
     "  présente délibération, pour la période du 1er novembre 2024 au 31 décembre 2025 ;\n"
     "- AUTORISE le Président à la signer ainsi que tout document s'y rapportant.",
     [("Convention de partenariat avec l'association Combrailles Aidants Répit", "le Président", False)]),
    # signing alone names the agreements; the office spans a line; "y afférentes" makes them the grants'
    ("Article 3 : autorise\nla Présidente ou son-sa représentant-e à signer les conventions financières y afférentes.",
     [("Conventions financières y afférentes", "la Présidente ou son-sa représentant-e", True)]),
    # the pronoun points back at an agreement its sentence names, though no clause approves it
    ("Article 1 : Subordonne le versement de ces subventions à la signature de conventions conformes à la\n"
     "convention-type adoptée le 30 mai 2018, et autorise la Présidente à les signer.",
     [("Conventions conformes à la convention-type adoptée le 30 mai 2018", "la Présidente", True)]),
    ("- approuve la convention d'objectifs avec l'association Lien ;\n- dit que le solde de la subvention sera "
     "versé à la signature de l'avenant n° 2 et autorise le Maire à le signer.",
     [("Convention d'objectifs avec l'association Lien", None, True), ("Avenant n° 2", "le Maire", True)]),
    # capitals, and the next verb after a comma ends the clause
    ("AUTORISE LE PRÉSIDENT À SIGNER LES CONVENTIONS CORRESPONDANTES, DIT que les crédits sont inscrits.",
     [("CONVENTIONS CORRESPONDANTES", "LE PRÉSIDENT", True)]),
    # the other papers signed with them are not in the title
    ("Autorise la Présidente à signer les conventions et tous documents afférents.",
     [("Conventions", "la Présidente", True)]),
    # premises and a lease govern no grant; "sans incidence financière" neither
    ("- approuver la convention de mise à disposition de locaux au profit de la CPTS Tours Nord, moyennant\n"
     "  une redevance annuelle de 9 600 € ;", [("Convention de mise à disposition de locaux au profit de la CPTS "
                                              "Tours Nord", None, False)]),
    # what the clause says of the agreement after a comma is no part of its title; the next of its parties is
    ("- approuve la convention tripartite entre l'ARS, la Commune et la CPTS Lien, à intervenir ;",
     [("Convention tripartite entre l'ARS, la Commune et la CPTS Lien", None, False)]),
    ("- approuve le bail professionnel avec la SISA Maison de santé Lien, d'une durée de six ans ;",
     [("Bail professionnel avec la SISA Maison de santé Lien", None, False)]),
    ("- approuve les conventions avec les associations Lien Santé, Bus 31/32 et Nouvelle Aube, jointes ;",
     [("Conventions avec les associations Lien Santé, Bus 31/32 et Nouvelle Aube", None, False)]),
    # a signing clause names two: one approved before ("ladite convention") and another; or two, none approved
    ("APPROUVE la convention d'investissement à intervenir avec la Commune de Lien.\nAUTORISE M. le Président à "
     "signer ladite convention et les conventions à passer avec les autres bénéficiaires.",
     [("Convention d'investissement à intervenir avec la Commune de Lien", "M. le Président", False),
      ("Conventions à passer avec les autres bénéficiaires", "M. le Président", True)]),
    ("- autorise le Maire à signer la convention et le bail.", [("Convention", "le Maire", True),
                                                               ("Bail", "le Maire", False)]),
    # one that names parties none approved before names is another: the one approved is signed by no one
    ("- APPROUVE la convention de financement avec l'ARS Bretagne ;\n- AUTORISE le Maire à signer la convention "
     "d'attribution avec l'association Lien ;",
     [("Convention de financement avec l'ARS Bretagne", None, True),
      ("Convention d'attribution avec l'association Lien", "le Maire", True)]),
    # … but one that names the same party is the one approved, under other words
    ("- APPROUVE la convention d'objectifs avec l'association Lien ;\n- AUTORISE le Maire à signer la convention "
     "pluriannuelle avec l'association Lien ;",
     [("Convention d'objectifs avec l'association Lien", "le Maire", True)]),
    # … or one approved before "ainsi que" another, with its own words: the second is the one of financing
    ("1. APPROUVE le contrat local de santé 2025-2029 de Lien ;\n2. AUTORISE le Maire à signer le contrat local de "
     "santé ainsi que la convention de financement du poste de coordinateur avec l'ARS Bretagne ;",
     [("Contrat local de santé 2025-2029 de Lien", "le Maire", False),
      ("Convention de financement du poste de coordinateur avec l'ARS Bretagne", "le Maire", True)]),
    # … and a pronoun further on points back at the one just approved, not at the one that signing clause added
    ("1. APPROUVE le contrat local de santé ;\n2. AUTORISE le Maire à signer le contrat local de santé ainsi que la "
     "convention de financement avec l'ARS Bretagne ;\n3. APPROUVE la convention d'objectifs avec l'association Lien "
     "et AUTORISE le Maire à la signer.",
     [("Contrat local de santé", "le Maire", False), ("Convention d'objectifs avec l'association Lien", "le Maire",
                                                     True),
      ("Convention de financement avec l'ARS Bretagne", "le Maire", True)]),
    # two agreements in one approving clause, each with its parties: "à les signer" signs both; the parties said of
    # the last are those of one before that names none
    ("- approuve la convention d'objectifs avec l'association Lien et l'avenant n° 1 à la convention conclue avec "
     "la SCIC Val ;\n- autorise le Maire à les signer.",
     [("Convention d'objectifs avec l'association Lien", "le Maire", True),
      ("Avenant n° 1 à la convention conclue avec la SCIC Val", "le Maire", False)]),
    ("- approuve la convention d'objectifs 2025 et la convention d'investissement à conclure avec l'association "
     "Lien, ainsi que le bail consenti à la SISA du Val ;",
     [("Convention d'objectifs 2025 avec l'association Lien", None, True),
      ("Convention d'investissement à conclure avec l'association Lien", None, False),
      ("Bail consenti à la SISA du Val", None, False)]),
    # a signing clause that names several gives each approved before its own words; one that names no party and
    # none approved is not a new agreement
    ("- approuve la convention d'objectifs avec l'association Lien ;\n- autorise le Maire à signer la convention "
     "d'objectifs, la convention de mise à disposition et le bail.",
     [("Convention d'objectifs avec l'association Lien", "le Maire", True)]),
    # … but amendments to come are none
    ("- approuve la convention d'objectifs avec l'association Lien ;\n- autorise le Maire à signer ladite "
     "convention et les avenants éventuels.", [("Convention d'objectifs avec l'association Lien", "le Maire", True)]),
    ("Approuve l'avenant n° 2 au Contrat local de santé de la Creuse, sans incidence financière ;",
     [("Avenant n° 2 au Contrat local de santé de la Creuse", None, False)]),
    # a lease is approved as a convention is; so is the renewal of an agreement; one signing clause signs both
    ("- APPROUVE le renouvellement de la convention de mise à disposition des locaux au profit de l'association "
     "Lien ;\n- APPROUVE le bail professionnel à conclure avec la SISA du Val pour six ans ;\n"
     "- AUTORISE le Maire à signer la convention et le bail.",
     [("Convention de mise à disposition des locaux au profit de l'association Lien", "le Maire", False),
      ("Bail professionnel à conclure avec la SISA du Val pour six ans", "le Maire", False)]),
    ("Article 2 : Le bail emphytéotique consenti à la commune de Lien est approuvé.",
     [("Bail emphytéotique consenti à la commune de Lien", None, False)]),
    ("- approuve la reconduction des baux de la maison de santé ;", [("Baux de la maison de santé", None, False)]),
    # said of nothing but itself: the grants' own
    ("- AUTORISE le Président à signer les conventions à intervenir.", [("Conventions à intervenir", "le Président",
                                                                         True)]),
    ("- d'approuver les conventions type jointes en annexe et d'autoriser le Président du Conseil régional à les "
     "signer ;", [("Conventions type", "le Président du Conseil régional", True)]),
    ("- D’approuver la convention-type ci-annexée ;\n- D’autoriser Monsieur le Maire ou à défaut l’adjoint délégué à "
     "signer cette convention.", [("Convention-type ci-annexée", "Monsieur le Maire ou à défaut l’adjoint délégué",
                                   True)]),
    ("- autorise le Maire à signer la convention.", [("Convention", "le Maire", True)]),
    # typed in capitals without accents: "A LA SIGNER"
    ("- APPROUVE LA CONVENTION D'OBJECTIFS AVEC L'ASSOCIATION LIEN ET AUTORISE MONSIEUR LE MAIRE A\nLA SIGNER.",
     [("CONVENTION D'OBJECTIFS AVEC L'ASSOCIATION LIEN", "MONSIEUR LE MAIRE", True)]),
    # … but not once it is said of something else
    ("- approuve la convention à intervenir avec la commune de Lien pour l'entretien des berges ;",
     [("Convention à intervenir avec la commune de Lien pour l'entretien des berges", None, False)]),
    ("- approuve la convention type de mise à disposition des salles ;",
     [("Convention type de mise à disposition des salles", None, False)]),
    # "M." before the office
    ("- d'autoriser M. le Président à signer les conventions afférentes.",
     [("Conventions afférentes", "M. le Président", True)]),
    # the passive: approved verb first, signed office first
    ("ARTICLE 2      Sont approuvées les conventions ci-annexées conclues avec les associations\n"
     "               susvisées.\n\nARTICLE 3      Monsieur le Maire ou son représentant est autorisé à signer ces "
     "conventions.", [("Conventions ci-annexées conclues avec les associations susvisées",
                       "Monsieur le Maire ou son représentant", True)]),
    # the passive, the agreement first
    ("2- Les conventions d'application afférentes, établies entre la Ville et les associations précitées, sont\n"
     "approuvées. M. le Maire est autorisé à signer lesdites conventions.",
     [("Conventions d'application afférentes", "M. le Maire", True)]),
    ("ARTICLE 2 : Le Président du Conseil départemental est autorisé à signer les conventions\ncorrespondantes.",
     [("Conventions correspondantes", "Le Président du Conseil départemental", True)]),
    # the office signs in the future, or is "habilité"
    ("Article 2 : La convention financière fixant les modalités de versement, annexée à la présente délibération, "
     "est\napprouvée. Le Président la signera au nom de la Communauté de communes.",
     [("Convention financière fixant les modalités de versement", "Le Président", True)]),
    ("Article 2 : Madame la Maire signera la convention d'objectifs avec l'association Lien.",
     [("Convention d'objectifs avec l'association Lien", "Madame la Maire", True)]),
    ("- approuve l'avenant n° 1 à la convention d'objectifs ;\n- Monsieur le Maire est habilité à le signer.",
     [("Avenant n° 1 à la convention d'objectifs", "Monsieur le Maire", True)]),
    # the verbs of the same sense as "autorise": "habilite", "mandate", "donne pouvoir", "charge … de signer"
    ("Article 2 : d'habiliter le Maire à signer la convention d'objectifs avec l'association Lien.",
     [("Convention d'objectifs avec l'association Lien", "le Maire", True)]),
    ("- approuve la convention d'objectifs avec l'association Lien et habilite le Maire à la signer ;",
     [("Convention d'objectifs avec l'association Lien", "le Maire", True)]),
    ("- mandate Monsieur le Président pour signer la convention d'objectifs avec l'association Lien ;",
     [("Convention d'objectifs avec l'association Lien", "Monsieur le Président", True)]),
    ("- donne pouvoir au Maire de signer la convention d'objectifs avec l'association Lien ;",
     [("Convention d'objectifs avec l'association Lien", "le Maire", True)]),
    ("- charge Madame la Présidente de signer la convention d'objectifs avec l'association Lien ;",
     [("Convention d'objectifs avec l'association Lien", "Madame la Présidente", True)]),
    # "ces documents" points back at every agreement approved before
    ("– d'approuver la convention d'objectifs avec le PTCE Lien ;\n– d'approuver l'avenant n° 1 à la convention "
     "conclue avec la SCIC Val ;\n– d'autoriser Monsieur le Président, ou son représentant, à signer ces documents ;",
     [("Convention d'objectifs avec le PTCE Lien", "Monsieur le Président, ou son représentant", True),
      ("Avenant n° 1 à la convention conclue avec la SCIC Val", "Monsieur le Président, ou son représentant",
       False)]),
    # a decision of an office that signs the agreement itself; "chargé de signer" is an office authorised
    ("Article 1 : De mettre à disposition de l'association Lien la salle n° 2 pour un an, et de signer la "
     "convention d'occupation correspondante.", [("Convention d'occupation correspondante", None, True)]),
    ("- Monsieur le Maire est chargé de signer la convention d'objectifs avec l'association Lien.",
     [("Convention d'objectifs avec l'association Lien", "Monsieur le Maire", True)]),
    # where the premises lie is no part of the title; the parties named after the address are
    ("- autorise le Maire à signer la convention d'occupation du local communal situé 4 rue de la Gare, consentie à "
     "titre gratuit.", [("Convention d'occupation du local communal", "le Maire", False)]),
    ("- approuve le bail commercial avec la SCIC Lien pour le local situé zone artisanale de Val, moyennant un loyer "
     "mensuel de 600 € ;", [("Bail commercial avec la SCIC Lien", None, False)]),
    ("- approuve la convention de mise à disposition des locaux sis 3 rue Haute au profit de l'association Lien ;",
     [("Convention de mise à disposition des locaux au profit de l'association Lien", None, False)]),
    # a model of contract
    ("2°/ APPROUVE le modèle de contrat d'engagement de servir ;", [("Contrat d'engagement de servir", None, True)]),
    # the founding agreement of a body the council joins, named by a possessive
    ("- DÉCIDE d'adhérer au GCS Santé Val et APPROUVE sa convention constitutive ;",
     [("Convention constitutive", None, False)]),
    # a signature or an approval of something else is no agreement
    ("Article 2 : Dit que la subvention est versée à la signature de la convention ; le solde est approuvé.", []),
    ("- La convention de 2021 prévoit un bilan. Le programme d'actions est approuvé.", []),
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


def test_agreements_with_the_two_other_beneficiaries_are_of_the_others():
    found = find_agreements(DECIDES + "- approuve la convention tripartite entre la Ville, le centre hospitalier de "
                            "Lien et la Compagnie Val, ainsi que les conventions à intervenir avec les deux autres "
                            "bénéficiaires ;")
    assert [(a.title, a.of_the_others()) for a in found] == [
        ("Convention tripartite entre la Ville, le centre hospitalier de Lien et la Compagnie Val", False),
        ("Conventions à intervenir avec les deux autres bénéficiaires", True)]


def test_a_passive_approval_quotes_the_agreement_and_its_verb():
    text = DECIDES + "1- Les conventions de financement avec l'association Lien sont approuvées.\n2- Dit que"
    found = find_agreements(text)
    assert [text[slice(*a.span)] for a in found] == [
        "Les conventions de financement avec l'association Lien sont approuvées"]


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
    # said of nothing but itself: every grant of the deliberation
    ("- autorise le Maire à signer les conventions à intervenir.",
     {"Conventions à intervenir (délibération n° 2024-031)":
      (["repit-loire", "sante-lien", "ville-lien-loire"], ["repit-loire", "sante-lien"])}),
    # "avec chacun des bénéficiaires" names no party: the title says of which deliberation
    ("- autorise le Maire à signer les conventions avec chacun des bénéficiaires.",
     {"Conventions avec chacun des bénéficiaires (délibération n° 2024-031)":
      (["repit-loire", "sante-lien", "ville-lien-loire"], ["repit-loire", "sante-lien"])}),
    # the beneficiaries above a threshold (or below it): those grants only
    ("- approuve les conventions d'objectifs avec les bénéficiaires d'une subvention supérieure à 10 000 € et "
     "autorise le Maire à les signer.",
     {"Conventions d'objectifs avec les bénéficiaires d'une subvention supérieure à 10 000 € (délibération n° "
      "2024-031)": (["sante-lien", "ville-lien-loire"], ["sante-lien"])}),
    ("- autorise le Maire à signer les conventions correspondantes pour les subventions inférieures ou égales à "
     "3 000 €.",
     {"Conventions correspondantes pour les subventions inférieures ou égales à 3 000 € (délibération n° 2024-031)":
      (["repit-loire", "ville-lien-loire"], ["repit-loire"])}),
    # "avec les autres bénéficiaires": the grants of those no other agreement names
    ("- approuve la convention d'objectifs avec l'association Santé Lien ;\n- autorise le Maire à signer ladite "
     "convention et les conventions à passer avec les autres bénéficiaires.",
     {"Convention d'objectifs avec l'association Santé Lien": (["sante-lien", "ville-lien-loire"], ["sante-lien"]),
      "Conventions à passer avec les autres bénéficiaires (délibération n° 2024-031)":
      (["repit-loire", "ville-lien-loire"], ["repit-loire"])}),
    # two agreements in one clause: each governs its beneficiary's grant; the parties of the last are the first's
    ("- approuve la convention d'objectifs avec l'association Santé Lien et la convention de partenariat avec "
     "l'association Répit Loire ;",
     {"Convention d'objectifs avec l'association Santé Lien": (["sante-lien", "ville-lien-loire"], ["sante-lien"]),
      "Convention de partenariat avec l'association Répit Loire":
      (["repit-loire", "ville-lien-loire"], ["repit-loire"])}),
    ("- approuve la convention d'objectifs 2024 et la convention financière à conclure avec l'association Santé "
     "Lien ;",
     {"Convention d'objectifs 2024 avec l'association Santé Lien": (["sante-lien", "ville-lien-loire"],
                                                                     ["sante-lien"]),
      "Convention financière à conclure avec l'association Santé Lien": (["sante-lien", "ville-lien-loire"],
                                                                         ["sante-lien"])}),
    # an arrêté signed with it is no agreement: the beneficiary it names is not the agreement's; nor are the lease
    # and premises signed with it
    ("- approuve la convention d'objectifs avec l'association Santé Lien ;\n- autorise le Maire à signer ladite "
     "convention ainsi que l'arrêté attributif de subvention au profit de l'association Répit Loire.",
     {"Convention d'objectifs avec l'association Santé Lien": (["sante-lien", "ville-lien-loire"], ["sante-lien"])}),
    ("- approuve la convention d'objectifs avec l'association Santé Lien ;\n- autorise le Maire à signer la "
     "convention d'objectifs, la convention de mise à disposition et le bail.",
     {"Convention d'objectifs avec l'association Santé Lien": (["sante-lien", "ville-lien-loire"], ["sante-lien"])}),
    # premises lent to a beneficiary: a party, no grant governed
    ("- approuve la convention de mise à disposition de locaux au profit de l'association Répit Loire.",
     {"Convention de mise à disposition de locaux au profit de l'association Répit Loire":
      (["repit-loire", "ville-lien-loire"], [])}),
    # an address after a comma is no party, nor part of the title
    ("- approuve la convention de mise à disposition d'un local au profit de l'association Répit Loire, au 4 rue de "
     "la Gare, à titre gratuit ;",
     {"Convention de mise à disposition d'un local au profit de l'association Répit Loire":
      (["repit-loire", "ville-lien-loire"], [])}),
    # partners the text names only there are actors too; a beneficiary under a short name is not a second one
    ("- approuve la convention de partenariat avec la Mutualité Française Loire et le Centre hospitalier de "
     "Firminy, relative au dépistage ;",
     {"Convention de partenariat avec la Mutualité Française Loire et le Centre hospitalier de Firminy":
      (["centre-hospitalier-firminy", "mutualite-francaise-loire", "ville-lien-loire"], [])}),
    ("- approuve les conventions d'objectifs avec Santé Lien Loire-Sud et avec la Commune ;",
     {"Conventions d'objectifs avec Santé Lien Loire-Sud et avec la Commune":
      (["sante-lien", "ville-lien-loire"], ["sante-lien"])}),
    # a partner in small letters with a proper name is one; the authority under its own words is not a second actor
    ("- approuve la convention tripartite entre la Ville de Lien, le centre hospitalier de Quimper et "
     "l'association Santé Lien ;",
     {"Convention tripartite entre la Ville de Lien, le centre hospitalier de Quimper et l'association Santé Lien":
      (["centre-hospitalier-quimper", "sante-lien", "ville-lien-loire"], ["sante-lien"])}),
    # one approved with a partner, another signed with a beneficiary: each its own parties, the second the grant
    ("- approuve la convention de financement avec l'ARS Bretagne ;\n- autorise le Maire à signer la convention "
     "d'attribution avec l'association Répit Loire.",
     {"Convention de financement avec l'ARS Bretagne": (["ars-bretagne", "ville-lien-loire"], []),
      "Convention d'attribution avec l'association Répit Loire": (["repit-loire", "ville-lien-loire"],
                                                                   ["repit-loire"])}),
    # a contract said of nothing but itself governs no grant, and one of financing with a partner that is no
    # beneficiary neither
    ("- approuve le contrat local de santé 2025-2029 ;\n- autorise le Maire à signer le contrat local de santé "
     "ainsi que la convention de financement du poste de coordinateur avec l'ARS Bretagne.",
     {"Contrat local de santé 2025-2029 (délibération n° 2024-031)": (["ville-lien-loire"], []),
      "Convention de financement du poste de coordinateur avec l'ARS Bretagne":
      (["ars-bretagne", "ville-lien-loire"], [])}),
])
def test_an_agreement_binds_the_authority_and_the_beneficiaries_and_governs_their_grants(tmp_path, operative,
                                                                                         expected):
    extraction = extract_fixture(_write(tmp_path, operative))
    assert _agreements(extraction.graph) == expected
    assert extraction.stats["agreements"] == len(expected)


def test_an_agreement_of_an_operative_part_in_capitals_governs_the_grant_it_names(tmp_path):
    path = tmp_path / "deliberation.txt"
    path.write_text(_write(tmp_path, "").read_text(encoding="utf-8").replace(
        "DÉCIDE :\n- d'attribuer une subvention de fonctionnement de 12 000 € à l'association Santé Lien ;\n"
        "- d'attribuer une subvention de fonctionnement de 3 000 € à l'association Répit Loire ;\n",
        "\nDECIDE D'ATTRIBUER A L'ASSOCIATION SANTE LIEN UNE SUBVENTION DE FONCTIONNEMENT DE 12 000 € ;\n\n"
        "APPROUVE LA CONVENTION D'OBJECTIFS AVEC L'ASSOCIATION SANTE LIEN ET AUTORISE MONSIEUR LE MAIRE A LA "
        "SIGNER.\n"), encoding="utf-8")
    extraction = extract_fixture(path)
    assert _agreements(extraction.graph) == {
        "CONVENTION D'OBJECTIFS AVEC L'ASSOCIATION SANTE LIEN": (["sante-lien", "ville-lien-loire"], ["sante-lien"])}


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
    assert governed == ["francaise-aidants"]


def test_an_agreement_with_the_associations_said_above_governs_the_grants_whatever_their_names_say(tmp_path):
    path = tmp_path / "deliberation.txt"
    path.write_text(
        "VILLE DE LIEN-SUR-LOIRE\nEXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL\n"
        "Séance du 12 mars 2024\nDélibération n° 2024-031\nOBJET : Subventions\n\n"
        "Le Conseil municipal, après en avoir délibéré :\nArticle 1 : attribue les subventions suivantes :\n"
        "  - Association Vernoise de Santé : 42 000 € ;\n  - Maison des Aidants Vernois : 18 500 €.\n"
        "Article 2 : approuve les conventions d'objectifs avec les deux associations susmentionnées.\n"
        "\nAdopté à l'unanimité.\n", encoding="utf-8")
    (parties, governed), = _agreements(extract_fixture(path).graph).values()
    assert governed == ["maison-aidants-vernois", "vernoise-sante"]

def test_an_agreement_with_communes_named_by_the_plural_governs_each_ones_grant(tmp_path):
    path = tmp_path / "deliberation.txt"
    path.write_text(
        "VILLE DE LIEN-SUR-LOIRE\nEXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL\n"
        "Séance du 12 mars 2024\nDélibération n° 2024-031\nOBJET : Fonds de concours\n\n"
        "Le Conseil municipal, après en avoir délibéré :\nArticle 1 : attribue à la Commune de Varennes-Fictive une "
        "subvention de 25 000 € et à la Commune de Dombasle-Fictive une subvention de 18 000 € ;\n"
        "Article 2 : approuve les conventions de financement avec les communes de Varennes-Fictive et de "
        "Dombasle-Fictive et autorise le Maire à les signer.\n\nAdopté à l'unanimité.\n", encoding="utf-8")
    (parties, governed), = _agreements(extract_fixture(path).graph).values()
    assert governed == ["commune-dombasle-fictive", "commune-varennes-fictive"]


@pytest.mark.parametrize("beneficiary, named", [
    ("Groupement de coopération sanitaire Santé Lien", "le GCS Santé Lien"),
    ("Communauté professionnelle territoriale de santé du Val de Lien", "la CPTS du Val de Lien"),
])
def test_an_agreement_that_names_a_beneficiary_by_its_forms_acronym_governs_its_grant(tmp_path, beneficiary, named):
    path = tmp_path / "deliberation.txt"
    path.write_text(_write(tmp_path, f"- approuve la convention financière avec {named} ;").read_text(
        encoding="utf-8").replace("l'association Santé Lien", beneficiary), encoding="utf-8")
    (parties, governed), = _agreements(extract_fixture(path).graph).values()
    assert governed == [parties[0]] and len(parties) == 2


def _list_of_four(tmp_path: Path, agreement: str) -> Path:
    path = tmp_path / "deliberation.txt"
    path.write_text(
        "VILLE DE LIEN-SUR-LOIRE\nEXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL\n"
        "Séance du 12 mars 2024\nDélibération n° 2024-031\nOBJET : Santé mentale – subventions 2024\n\n"
        "Le Conseil municipal, après en avoir délibéré :\n- d'attribuer les subventions de fonctionnement suivantes :\n"
        "    PSSM Lien ............................ 8 400 €\n    GEM Le Phare ......................... 7 500 €\n"
        "    GEM La Boussole ...................... 7 500 €\n    UNAFAM Loire ......................... 3 200 €\n"
        f"- {agreement} ;\n- d'autoriser le Maire à les signer.\n\nAdopté à l'unanimité.\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("agreement, governed, warned", [
    # "avec les deux groupes d'entraide mutuelle": the GEMs' grants, by the kind's acronym; by the acronym itself
    ("d'approuver les conventions correspondantes avec les deux groupes d'entraide mutuelle",
     ["gem-boussole", "gem-phare"], False),
    ("d'approuver les conventions correspondantes avec les deux GEM", ["gem-boussole", "gem-phare"], False),
    # as many as the text says are not found: none, with a warning, rather than a guess
    ("d'approuver les conventions correspondantes avec les trois groupes d'entraide mutuelle", [], True),
    # "avec les bénéficiaires" names no kind: every grant
    ("d'approuver les conventions correspondantes avec les bénéficiaires",
     ["gem-boussole", "gem-phare", "pssm-lien", "unafam-loire"], False),
])
def test_an_agreement_with_a_kind_of_beneficiaries_governs_their_grants(tmp_path, agreement, governed, warned):
    extraction = extract_fixture(_list_of_four(tmp_path, agreement))
    (parties, grants), = _agreements(extraction.graph).values()
    assert grants == governed
    assert any("régit aucune" in issue.message for issue in extraction.issues) == warned


@pytest.mark.parametrize("with_them, governed, warned", [
    ("avec les deux lauréats", ["repit-loire", "sante-lien"], False),
    # as many winners as the text says, or none with a warning
    ("avec les trois lauréats", [], True),
])
def test_an_agreement_with_the_winners_governs_the_prizes(tmp_path, with_them, governed, warned):
    path = tmp_path / "deliberation.txt"
    path.write_text(
        "VILLE DE LIEN-SUR-LOIRE\nEXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL\n"
        "Séance du 12 mars 2024\nDélibération n° 2024-031\nOBJET : Prix de l'innovation en santé\n\n"
        "Le Conseil municipal, après en avoir délibéré, DÉCIDE :\n"
        "- d'attribuer le premier prix, d'un montant de 2 000 €, à l'association Santé Lien ;\n"
        "- d'attribuer le second prix, d'un montant de 1 000 €, à l'association Répit Loire ;\n"
        f"- d'autoriser le Maire à signer les conventions d'attribution des prix {with_them}.\n"
        "\nAdopté à l'unanimité.\n", encoding="utf-8")
    extraction = extract_fixture(path)
    (parties, grants), = _agreements(extraction.graph).values()
    assert grants == governed
    assert any("régit aucune" in issue.message for issue in extraction.issues) == warned


@pytest.mark.parametrize("partner, kind", [
    ("la Mutualité Française Loire", MAI.Enterprise),
    ("la mutuelle Alpha Santé", MAI.Enterprise),
    ("le centre hospitalier de Quimper", MAI.PublicAuthority),
])
def test_a_partner_is_typed_by_what_its_name_says(tmp_path, partner, kind):
    extraction = extract_fixture(_write(tmp_path, f"- approuve la convention de partenariat avec {partner}, relative "
                                                  "au dépistage ;"))
    agreement = next(extraction.graph.subjects(RDF.type, MAI.Agreement))
    partner, = (p for p in extraction.graph.objects(agreement, MAI.party) if not str(p).endswith("/ville-lien-loire"))
    assert kind in set(extraction.graph.objects(partner, RDF.type))


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


@pytest.mark.parametrize("aids, governed", [
    # aids to persons beside one association's grant: "avec cette association" is the association's
    ("- d'accorder une aide de 900 € à Mme C. V. et une aide de 1 200 € à M. P. L. ;\n", ["maison-accueil-lien"]),
    # two associations: which one, the text does not say: every grant, as when it names none
    ("- d'attribuer une subvention de 2 000 € à l'association Répit Loire ;\n",
     ["maison-accueil-lien", "repit-loire"]),
])
def test_an_agreement_with_this_association_governs_the_one_associations_grant(tmp_path, aids, governed):
    path = tmp_path / "deliberation.txt"
    path.write_text(
        "CCAS DE LIEN-SUR-LOIRE\nDélibération n° 2025-CA-012\nSéance du 3 juillet 2025\n"
        "OBJET : Aides facultatives et subvention\n\nLe Conseil d'administration, après en avoir délibéré :\n" + aids
        + "- d'attribuer une subvention de 4 000 € à l'association Maison d'Accueil Lien ;\n"
        "- d'autoriser la Présidente à signer la convention d'objectifs avec cette association.\n"
        "\nAdopté à l'unanimité.\n", encoding="utf-8")
    (parties, grants), = _agreements(extract_fixture(path).graph).values()
    assert grants == governed


@pytest.mark.parametrize("party, governed", [
    ("l'association", ["compagnons-donjon"]),  # the deliberation's one association
    ("l'association des parents d'élèves", []),  # another association, which the text names
])
def test_an_agreement_with_the_association_unnamed_governs_the_one_associations_grant(tmp_path, party, governed):
    path = tmp_path / "deliberation.txt"
    path.write_text(
        "COMMUNE DE MONTDONJON\nDélibération n° 2025-041\nSéance du 3 juillet 2025\n"
        "OBJET : Fête médiévale – soutien à l'association Les Compagnons du Donjon\n\n"
        "Le Conseil municipal, après en avoir délibéré :\n"
        "1° ATTRIBUE à l'association Les Compagnons du Donjon une subvention de 3 000 € ;\n"
        f"2° APPROUVE la convention de partenariat à conclure avec {party} et AUTORISE le Maire à la signer.\n"
        "\nAdopté à l'unanimité.\n", encoding="utf-8")
    (parties, grants), = _agreements(extract_fixture(path).graph).values()
    assert grants == governed


@pytest.mark.parametrize("verb", ["dépasse", "excède"])
def test_an_agreement_with_the_associations_whose_grant_exceeds_an_amount_governs_those_grants_only(tmp_path, verb):
    """« … avec les associations dont la subvention dépasse 23 000 € » governed every grant, none of them above it."""
    extraction = extract_fixture(_write(tmp_path, "- autorise le Maire à signer les conventions d'objectifs avec les "
                                                  f"associations dont la subvention {verb} 10 000 €."))
    assert [governed for _, governed in _agreements(extraction.graph).values()] == [["sante-lien"]]


def test_an_agreement_that_names_a_beneficiary_by_its_name_before_a_dash_governs_its_grant_alone(tmp_path):
    """A list writes what a beneficiary does after a dash (« L'Escale – Point écoute jeunes ») and the agreement
    names it without (« signer avec l'Escale l'avenant n° 2 »): that grant only, not every grant of the text."""
    path = _write(tmp_path, "- AUTORISE le Maire à signer avec Santé Lien l'avenant n° 2 à la convention d'objectifs.")
    path.write_text(path.read_text(encoding="utf-8").replace("à l'association Santé Lien ;",
                                                             "à l'association Santé Lien – Point écoute jeunes ;"),
                    encoding="utf-8")
    agreements = _agreements(extract_fixture(path).graph)
    assert agreements == {"Avenant n° 2 à la convention d'objectifs (délibération n° 2024-031)":
                          (["sante-lien-point-ecoute-jeunes", "ville-lien-loire"], ["sante-lien-point-ecoute-jeunes"])}
