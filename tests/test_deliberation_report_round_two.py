"""A deliberation's import report, second round of review: substitutes sitting with a vote read as present, a
stated total that counts only some of the grants said, a prefecture stamp whose ACTES id cannot be read said."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.delib_facts import deliberation_facts, extract_fixture
from graph.ingest.delib_people import parse_attendance

HEAD = ("SYNDICAT MIXTE DU BASSIN DE L'ORBIEL\n\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU COMITÉ SYNDICAL\n\n"
        "Séance du 27 mai 2025 – Délibération n° 2025-CS-019\n\n")
VOTE = "\nAprès en avoir délibéré, le Comité syndical, à l'unanimité, DÉCIDE :\n"


def extracted(tmp_path: Path, text: str):
    path = tmp_path / "deliberation.txt"
    path.write_text(text, encoding="utf-8")
    return extract_fixture(path)


def warnings(extraction) -> list[str]:
    return [issue.message for issue in extraction.issues]


@pytest.mark.parametrize("heading", [
    "Délégués suppléants présents avec voix délibérative :",
    "Suppléants présents ayant voix délibérative :",
    "Membres suppléants présents avec voix délibérative :",
])
def test_substitutes_sitting_with_a_vote_on_the_line_after_the_members_list_are_present(heading):
    attendance = parse_attendance(
        "Délégués titulaires présents : M. Thierry CAVAILLÉ, M. Yves\nSICRE, Mme Valérie TOURNIER.\n"
        f"{heading} M. Lucien ALBERT (suppléant de M. Jean ROUX), Mme Corinne\n"
        "BOUSQUET (suppléante de Mme Annie VIALA).\nAbsents : M. Georges MARTY.\n")
    assert [p.label for p in attendance.present] == ["Thierry CAVAILLÉ", "Yves SICRE", "Valérie TOURNIER",
                                                     "Lucien ALBERT", "Corinne BOUSQUET"]
    # the members they sit for are not recorded: absent or replaced, the text does not say
    assert {p.label for p in attendance.persons()} == {"Thierry CAVAILLÉ", "Yves SICRE", "Valérie TOURNIER",
                                                       "Lucien ALBERT", "Corinne BOUSQUET", "Georges MARTY"}
    assert not attendance.unread


@pytest.mark.parametrize("present, warned", [
    (3, False),  # the members alone: the substitutes sitting for others counted apart
    (5, False),  # the substitutes counted with them
    (4, True),
])
def test_a_count_of_the_present_that_leaves_out_the_substitutes_is_not_warned_of(tmp_path, present, warned):
    extraction = extracted(tmp_path, HEAD + f"Nombre de délégués en exercice : 9\nDélégués présents : {present}\n\n"
                           "Délégués titulaires présents : M. Thierry CAVAILLÉ, M. Yves SICRE, Mme Valérie TOURNIER.\n"
                           "Délégués suppléants présents avec voix délibérative : M. Lucien ALBERT (suppléant de "
                           "M. Jean ROUX), Mme Corinne BOUSQUET (suppléante de Mme Annie VIALA).\n" + VOTE
                           + "ARTICLE 1 : ATTRIBUE une subvention de 3 000 € à l'association Les Amis de l'Orbiel.\n")
    assert deliberation_facts(extraction.graph)["present"] == 5
    assert any("présents listés pour" in m for m in warnings(extraction)) == warned


GRANTS = ("- 5 000 € à l'association Secours Populaire de Bessèges ;\n"
          "- 3 900 € à l'association Restos du Cœur de Bessèges ;\n")


@pytest.mark.parametrize("text", [
    # a membership paid beside the list and its total
    "Article 1 : d'attribuer les subventions suivantes :\n" + GRANTS + "soit un total de 8 900 €.\n"
    "Article 2 : de verser une subvention de 650 € à l'Amicale des Anciens de Bessèges.\n",
    # a grant before the list
    "Article 1 : d'attribuer une subvention de 650 € à l'Amicale des Anciens de Bessèges.\n"
    "Article 2 : d'attribuer les subventions suivantes :\n" + GRANTS + "soit un montant total de 8 900 €.\n",
])
def test_a_stated_total_that_counts_only_some_of_the_grants_is_said_with_the_others(tmp_path, text):
    extraction = extracted(tmp_path, HEAD + VOTE + text)
    assert extraction.stats["total_amount"] == "9550"
    assert extraction.stats["totals_reconciled"] == "1/1"
    said = [m for m in warnings(extraction) if m.startswith("montant total 9 550,00 €")]
    assert said == ["montant total 9 550,00 € : le total annoncé (8 900,00 €) ne compte qu'une partie des "
                    "subventions ; hors de tout total annoncé : Amicale des Anciens de Bessèges (650,00 €)"]


@pytest.mark.parametrize("text", [
    "Article 1 : d'attribuer les subventions suivantes :\n" + GRANTS + "soit un total de 8 900 €.\n",
    # two lists, each with its own total: every grant is counted in one
    "Article 1 : d'attribuer les subventions suivantes :\n" + GRANTS + "soit un total de 8 900 €.\n"
    "Article 2 : d'attribuer les subventions d'investissement suivantes :\n"
    "- 650 € à l'Amicale des Anciens de Bessèges ;\n- 350 € au Club des Aînés de Bessèges ;\n"
    "soit un total de 1 000 €.\n",
])
def test_stated_totals_that_count_every_grant_are_not_said(tmp_path, text):
    extraction = extracted(tmp_path, HEAD + VOTE + text)
    assert not [m for m in warnings(extraction) if "hors de tout total annoncé" in m]


@pytest.mark.parametrize("identifier", [
    "076-247600XXX-20250612-B2025_114-DE",  # letters in the SIREN
    "076-24760012-20250612-B2025_114-DE",  # a digit missing
    "076-247600123-20251312-B2025_114-DE",  # no such date
])
def test_a_stamp_whose_actes_id_cannot_be_read_is_warned_of_with_its_raw_value(tmp_path, identifier):
    extraction = extracted(tmp_path, HEAD + VOTE + "ARTICLE 1 : ATTRIBUE une subvention de 3 000 € à l'association "
                           "Les Amis de l'Orbiel.\n\nFait et délibéré les jour, mois et an susdits.\n\n"
                           f"Reçu en préfecture le 17 juin 2025 – Identifiant : {identifier}\n"
                           "Publié sur le site internet le 18 juin 2025\n")
    assert deliberation_facts(extraction.graph)["actes_id"] is None
    assert f"identifiant ACTES illisible (« {identifier} ») : non enregistré, à vérifier" in warnings(extraction)


def test_a_stamp_whose_actes_id_is_read_is_not_warned_of(tmp_path):
    extraction = extracted(tmp_path, HEAD + VOTE + "ARTICLE 1 : ATTRIBUE une subvention de 3 000 € à l'association "
                           "Les Amis de l'Orbiel.\n\nReçu en préfecture le 17 juin 2025 – Identifiant : "
                           "076-247600123-20250612-B2025_114-DE\n")
    assert deliberation_facts(extraction.graph)["actes_id"] == "076-247600123-20250612-B2025_114-DE"
    assert not [m for m in warnings(extraction) if "ACTES" in m]
