"""Grants of the second round of reviewed deliberation texts: amounts "respectivement" given to beneficiaries
whose list ends with the amounts' sum; a fishing federation's name, whose "pour la pêche …" is no purpose."""

from __future__ import annotations

import pytest

from graph.ingest.delib_grants import find_grants


def _read(text: str) -> list[tuple[str, str]]:
    return sorted((g.beneficiary, str(g.amount)) for g in find_grants(text, "").grants)


@pytest.mark.parametrize("text, grants", [
    # the names run over three lines, the sum after them: it is no fifth name
    ("Le Conseil municipal, après en avoir délibéré,\n\nDÉCIDE d'attribuer au titre de l'année 2025 respectivement "
     "1 000 €, 2 500 €, 750 € et 3 200 €\naux associations Union Sportive de Montfort (football), Harmonie Municipale "
     "de Montfort,\nLes Tréteaux du Rotrou (théâtre amateur) et Judo Club Montfortais,\nsoit un montant total de "
     "7 450 € ;\n\nDIT que ces dépenses seront imputées au compte 6574.",
     [("Harmonie Municipale de Montfort", "2500"), ("Judo Club Montfortais", "3200"),
      ("Les Tréteaux du Rotrou", "750"), ("Union Sportive de Montfort", "1000")]),
    # "pour un total de", on one line
    ("Le Conseil, après en avoir délibéré, DÉCIDE d'attribuer respectivement 1 200 € et 800 € aux associations "
     "Amicale Laïque et Club des Aînés pour un total de 2 000 €.",
     [("Amicale Laïque", "1200"), ("Club des Aînés", "800")]),
    # amounts first, "respectivement" after them, the sum after the names
    ("Le Conseil, après en avoir délibéré, DÉCIDE d'attribuer des subventions de 500 € et 300 € respectivement à "
     "l'association Les Crayons Solidaires et au Club photo Objectif Olivettes, soit 800 € au total.",
     [("Club photo Objectif Olivettes", "300"), ("Les Crayons Solidaires", "500")]),
])
def test_the_sum_after_the_names_of_respective_amounts_ends_the_names(text, grants):
    assert _read(text) == grants


@pytest.mark.parametrize("text, grants", [
    ("Le Comité syndical, après en avoir délibéré :\n- ATTRIBUE une subvention de 3 000 € à la Fédération de l'Aude "
     "pour la pêche et la protection du milieu aquatique ;\n- DIT que les crédits sont inscrits au budget.",
     [("Fédération de l'Aude pour la pêche et la protection du milieu aquatique", "3000")]),
    ("Le Conseil, après en avoir délibéré, ATTRIBUE une subvention de 800 € à l'AAPPMA La Truite du Lot pour la "
     "pêche et protection du milieu aquatique.",
     [("AAPPMA La Truite du Lot pour la pêche et protection du milieu aquatique", "800")]),
    # what the grant is for still ends the name, fishing or not
    ("Le Conseil, après en avoir délibéré, ATTRIBUE une subvention de 800 € à l'association La Gaule Vive pour "
     "l'organisation de son concours de pêche.", [("La Gaule Vive", "800")]),
    ("Le Conseil, après en avoir délibéré, ATTRIBUE une subvention de 800 € à l'association La Gaule Vive pour la "
     "pêche des enfants.", [("La Gaule Vive", "800")]),
])
def test_a_fishing_federation_s_name_goes_on_past_its_pour(text, grants):
    assert _read(text) == grants


@pytest.mark.parametrize("text, grants", [
    # a "participation" that the words after its amount say is a membership fee
    ("Le Conseil d'administration, après en avoir délibéré, DÉCIDE de verser une participation de 650 € à l'Union "
     "départementale des CCAS du Gard au titre de l'adhésion 2025.", []),
    ("Le Conseil, après en avoir délibéré, DÉCIDE de verser 120 € à l'Association des maires ruraux au titre de son "
     "adhésion pour l'année 2025.", []),
    ("Le Conseil, après en avoir délibéré, DÉCIDE de verser 90 € au Réseau des villes actives au titre de la "
     "cotisation annuelle.", []),
    # "au titre de" a year, or of another grant's purpose: still a grant
    ("Le Conseil, après en avoir délibéré, DÉCIDE d'attribuer une subvention de 300 € au Club Ardent au titre de "
     "l'année 2025.", [("Club Ardent", "300")]),
])
def test_a_payment_said_after_its_amount_to_be_a_membership_fee_is_no_grant(text, grants):
    assert _read(text) == grants
