"""What a fourth blind test of the deliberation reader misread in beneficiaries' names and agreements' titles, each a
rule with a few lines of text: a grant that the exposé or an annex names by a short form of the decision's name
(its acronym, its first words), a name that goes on after its acronym in brackets, and a signing clause that says
where the agreement's text is. The CC's text is a fixture too (cc-scic-parts-sociales-gip-…).
"""

from __future__ import annotations

from decimal import Decimal

from graph.ingest.delib_agreement_titles import read_title
from graph.ingest.delib_grants import find_grants


def _read(body: str) -> tuple[list[tuple[str, Decimal]], list[str]]:
    found = find_grants(body)
    return sorted((g.beneficiary, g.amount) for g in found.grants), [fr for fr, _ in found.warnings]


_EXPOSE_ACRONYM = ("La Communauté de communes est sollicitée :\n"
                   "1. pour une subvention d'amorçage au GIP de 25 000 € destinée au poste de coordinateur ;\n\n"
                   "Le Conseil communautaire, après en avoir délibéré,\nDÉCIDE :\n\n"
                   "Article 1 : d'attribuer au Groupement d'intérêt public « Coordination Santé Ouest » une "
                   "subvention d'amorçage de 25 000 € ;\n")


def test_an_expose_that_names_the_grant_by_the_acronym_of_the_decision_s_name_restates_it():
    grants, warnings = _read(_EXPOSE_ACRONYM)
    assert grants == [("Groupement d'intérêt public « Coordination Santé Ouest »", Decimal(25000))]
    assert warnings == []


_ANNEX_SHORT_NAME = ("DÉCIDE\n\n"
                     "Article 1 – d'attribuer les aides en fonctionnement détaillées en annexe 1, soit :\n"
                     "- à l'Instance régionale d'éducation et de promotion de la santé (IREPS) Nouvelle-Loire, "
                     "15 000 € ;\n"
                     "- au Comité régional d'éducation physique et de gymnastique volontaire, 12 000 € ;\n\n"
                     "Adopté.\n\n"
                     "ANNEXE 1\n\n"
                     "Bénéficiaire                                                         | Aide régionale\n"
                     "IREPS Nouvelle-Loire                                                 | 15 000,00 €\n"
                     "Comité régional d'éducation physique et de gymnastique volontaire   | 12 000,00 €\n")


def test_an_annex_row_that_names_the_grant_by_the_acronym_in_brackets_of_the_decision_s_name_is_that_grant():
    grants, _ = _read(_ANNEX_SHORT_NAME)
    assert grants == [("Comité régional d'éducation physique et de gymnastique volontaire", Decimal(12000)),
                      ("Instance régionale d'éducation et de promotion de la santé (IREPS) Nouvelle-Loire",
                       Decimal(15000))]


def test_a_short_name_of_another_amount_is_not_the_decision_s_grant():
    grants, _ = _read(_EXPOSE_ACRONYM.replace("au GIP de 25 000 €", "au GIP de 20 000 €"))
    assert grants == [("GIP", Decimal(20000)),
                      ("Groupement d'intérêt public « Coordination Santé Ouest »", Decimal(25000))]


def test_a_name_goes_on_after_its_acronym_in_brackets_with_the_place_it_is_of():
    grants, _ = _read("Le Conseil municipal, après en avoir délibéré,\nDÉCIDE :\n"
                      "- d'attribuer à l'Association d'Aide à Domicile (ADMR) du canton de Pontvieux une subvention "
                      "de 18 000 €.\n")
    assert grants == [("Association d'Aide à Domicile (ADMR) du canton de Pontvieux", Decimal(18000))]


def test_an_acronym_in_brackets_before_an_amount_still_ends_the_name():
    grants, _ = _read("Le Conseil municipal, après en avoir délibéré,\nDÉCIDE :\n"
                      "- d'attribuer au Groupe d'Entraide Mutuelle (GEM) de 3 000 € pour ses ateliers.\n")
    assert grants == [("Groupe d'Entraide Mutuelle", Decimal(3000))]


def test_where_the_agreement_s_text_is_is_no_part_of_its_title():
    assert read_title("convention dont le texte est joint en annexe à la présente délibération") == "Convention"
    assert read_title("conventions d'objectifs dont le projet est annexé") == "Conventions d'objectifs"
    assert read_title("conventions avec les associations dont la subvention excède 23 000 €") == \
        "Conventions avec les associations dont la subvention excède 23 000 €"
