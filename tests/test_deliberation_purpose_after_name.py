"""A grant's purpose is read after its beneficiary's name: a name that holds "pour la …" ("la Ligue pour la
protection des oiseaux") does not lend its end as the purpose, and a real purpose after it is still read."""

from __future__ import annotations

import pytest

from graph.ingest.delib_grants import find_grants


def _read(text: str) -> list[tuple[str, str, str | None]]:
    return [(g.beneficiary, str(g.amount), g.purpose) for g in find_grants(text, "").grants]


@pytest.mark.parametrize("text, grants", [
    ("Le Comité syndical, après en avoir délibéré :\n- ATTRIBUE une subvention de 3 000 € à la Fédération de l'Aude "
     "pour la pêche et la protection du milieu aquatique ;\n- DIT que les crédits sont inscrits au budget.",
     [("Fédération de l'Aude pour la pêche et la protection du milieu aquatique", "3000", None)]),
    ("Le Conseil, après en avoir délibéré, DÉCIDE de verser 500 € à la Ligue pour la protection des oiseaux.",
     [("Ligue pour la protection des oiseaux", "500", None)]),
    # its acronym after it, the name's words cut across two lines
    ("Le Conseil, après en avoir délibéré, ATTRIBUE une subvention de 2 000 € au Comité pour la Sauvegarde\ndu "
     "Patrimoine (CSP).", [("Comité pour la Sauvegarde du Patrimoine", "2000", None)]),
])
def test_the_end_of_a_name_that_holds_pour_is_no_purpose(text, grants):
    assert _read(text) == grants


@pytest.mark.parametrize("text, grants", [
    # the real purpose after such a name
    ("Le Conseil, après en avoir délibéré, ATTRIBUE une subvention de 500 € à la Ligue pour la protection des "
     "oiseaux pour l'organisation de la journée des hirondelles.",
     [("Ligue pour la protection des oiseaux", "500", "organisation de la journée des hirondelles")]),
    # a name without "pour": its purpose as before
    ("Le Conseil, après en avoir délibéré, ATTRIBUE une subvention de 800 € à l'association X pour l'organisation de "
     "la fête.", [("X", "800", "organisation de la fête")]),
    ("Le Conseil, après en avoir délibéré, ATTRIBUE une subvention de 800 € à l'association La Gaule Vive pour la "
     "pêche des enfants.", [("La Gaule Vive", "800", "pêche des enfants")]),
])
def test_a_purpose_after_the_name_is_still_read(text, grants):
    assert _read(text) == grants
