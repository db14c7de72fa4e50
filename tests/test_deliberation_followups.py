"""Follow-ups of the amendments' and the tables' fixes: the warning on a table adopted as amended given once, by the
amendment's check alone; an amount in words in a short table's row checked against its own row's figures only; a
granting list's item whose beneficiary is not read said, never dropped in silence nor made a grant."""

from __future__ import annotations

import pytest

from graph.ingest.delib_facts import deliberation_facts, extract_fixture
from graph.ingest.delib_grants import GrantsFound, find_grants
from graph.ingest.delib_tables import table_grants


def _grants(found: GrantsFound) -> list[tuple[str, str]]:
    return sorted((g.beneficiary, str(g.amount)) for g in found.grants)


# --- a table adopted as amended: one warning, the amendment check's -------------------------------------------------

_AMENDED = """VILLE DE SORBIAC-FICTIF

CONSEIL MUNICIPAL DU 10 MARS 2025
Délibération n° DEL-2025-031

Objet : Subventions 2025 aux associations culturelles

Le rapporteur présente le tableau de répartition proposé par la commission :

  Association                                   Montant proposé
  Harmonie Sorbiacaise                                  6 000 €
  Théâtre du Pont Vieux                                 4 500 €
  Ciné-Club des Arcades                                 2 500 €

{amendment}
Le Conseil municipal, après en avoir délibéré,

ATTRIBUE aux associations les subventions figurant {adopted} ;

Vote : Pour : 27 – Contre : 0 – Abstentions : 2
"""
_TABLE = [("Ciné-Club des Arcades", "2500"), ("Harmonie Sorbiacaise", "6000"), ("Théâtre du Pont Vieux", "4500")]
_APPLIED = ("Amendement n° 1 : porter de 2 500 € à 3 000 € la subvention du Ciné-Club des Arcades.\n"
            "Adopté à l'unanimité.\n")
_NOT_READ = "Amendement n° 1 : porter à 3 000 € la subvention du Ciné-Club des Arcades.\nAdopté à l'unanimité.\n"
_AS_AMENDED = ["au tableau ci-dessus, tel que modifié par l'amendement n° 1", "au tableau amendé ci-dessus",
               "à la liste ci-dessus telle que modifiée par les amendements"]


@pytest.mark.parametrize("adopted", _AS_AMENDED)
@pytest.mark.parametrize("amendment", [_APPLIED, _NOT_READ, ""])
def test_the_table_reader_leaves_the_warning_on_a_table_adopted_as_amended_to_the_amendments_check(amendment,
                                                                                                  adopted):
    """The table's reader warned, and the amendment's check found its warning by its English words to replace it."""
    found = GrantsFound()
    table_grants(_AMENDED.format(amendment=amendment, adopted=adopted), found)
    assert _grants(found) == _TABLE
    assert not [fr for fr, _ in found.warnings if "amendement" in fr]


@pytest.mark.parametrize("adopted", _AS_AMENDED)
@pytest.mark.parametrize("amendment, grants, said", [
    (_APPLIED, [*_TABLE[1:], ("Ciné-Club des Arcades", "3000")],
     " : montants de l'amendement appliqués (Ciné-Club des Arcades : 2 500,00 € → 3 000,00 €)"),
    (_NOT_READ, _TABLE, " : les montants lus sont ceux du tableau, vérifiez ceux que l'amendement a changés : "
                        "Ciné-Club des Arcades"),
    ("", _TABLE, " : les montants lus sont ceux du tableau, vérifiez ceux que l'amendement a changés"),
])
def test_a_table_adopted_as_amended_is_warned_of_once_with_the_same_words(amendment, grants, said, adopted):
    found = find_grants(_AMENDED.format(amendment=amendment, adopted=adopted))
    assert sorted(_grants(found)) == sorted(grants)
    warned = [fr for fr, _ in found.warnings if "amendement" in fr]
    assert len(warned) == 1 and warned[0].startswith("tableau adopté après amendement (« ")
    assert warned[0].endswith(said)


# --- an amount in words in a short table's row --------------------------------------------------------------------

_SHORT_TABLE = """COMMUNE DE LAVERGNE-FICTIVE
Délibération n° 2025-018 du conseil municipal
Séance du 14 avril 2025

Objet : subventions aux associations sportives

Le Conseil municipal, après en avoir délibéré,
DÉCIDE d'attribuer les subventions suivantes :

{table}

Adopté à l'unanimité.
"""
_ROWS_IN_WORDS = [
    "| Association | Montant |\n|---|---|\n| Judo Club | mille cinq cents euros |\n| Tennis Club | 2 000 € |\n"
    "| Vélo Club | 800 € |",
    "| Association | Montant |\n|---|---|\n| Tennis Club | 2 000 € |\n| Judo Club | mille cinq cents euros |\n"
    "| Vélo Club | 800 € |",
    "Association        Montant\nJudo Club          mille cinq cents euros\nTennis Club        2 000 €\n"
    "Vélo Club          800 €",
]


@pytest.mark.parametrize("table", _ROWS_IN_WORDS)
def test_a_rows_amount_in_words_is_not_checked_against_the_next_rows_figures(table):
    """« | Judo Club | mille cinq cents euros | » then « | Tennis Club | 2 000 € | »: the next row's figures, within
    40 characters, were taken for the words' own (« montant en lettres … différent du montant en chiffres
    (2 000 €) »)."""
    found = find_grants(_SHORT_TABLE.format(table=table))
    assert _grants(found) == [("Judo Club", "1500"), ("Tennis Club", "2000"), ("Vélo Club", "800")]
    assert not [fr for fr, _ in found.warnings if "montant en lettres" in fr]


def test_a_rows_amount_in_words_that_its_own_figures_contradict_is_still_warned_of():
    table = "| Association | Montant |\n|---|---|\n| Judo Club | 1 500 € (mille euros) |\n| Tennis Club | 2 000 € |"
    found = find_grants(_SHORT_TABLE.format(table=table))
    assert [fr for fr, _ in found.warnings if "montant en lettres" in fr] == [
        "montant en lettres (mille euros = 1000) différent du montant en chiffres (1 500 €)"]


# --- a granting list's item whose beneficiary is not read ---------------------------------------------------------

_LIST = """COMMUNE DE SAINT-AMANS-FICTIF
Délibération n° 2025-045 du conseil municipal
Séance du 12 mai 2025

Objet : subventions aux associations de solidarité et de sport

{expose}Le Conseil municipal, après en avoir délibéré,
DÉCIDE d'attribuer les subventions suivantes :
{items}

Adopté à l'unanimité.
"""
_UNREAD = [
    ("– 1 200 € à l'association Les Amis du Vélo ;\n– 800 € à l'antenne de Luzech des Restos du Cœur ;\n"
     "– 600 € à la section Judo du Stade Amandois ;\n– 500 € à l'association Lire et Faire Lire.",
     ["– 800 € à l'antenne de Luzech des Restos du Cœur ;", "– 600 € à la section Judo du Stade Amandois ;"]),
    ("1) 1 200 € à l'association Les Amis du Vélo ;\n2) 800 € à l'antenne de Luzech des Restos du Cœur ;\n"
     "3) 500 € à l'association Lire et Faire Lire.", ["2) 800 € à l'antenne de Luzech des Restos du Cœur ;"]),
    ("• à l'association Les Amis du Vélo : 1 200 € ;\n• à la section Judo du Stade Amandois, une subvention de "
     "600 € ;\n• à l'association Lire et Faire Lire : 500 €.",
     ["• à la section Judo du Stade Amandois, une subvention de 600 € ;"]),
]


@pytest.mark.parametrize("items, unread", _UNREAD)
def test_a_granting_lists_item_whose_beneficiary_is_not_read_is_warned_of_and_no_grant(tmp_path, items, unread):
    """« – 800 € à l'antenne de Luzech des Restos du Cœur ; »: the amount was dropped with no warning."""
    path = tmp_path / "deliberation.txt"
    path.write_text(_LIST.format(expose="", items=items), encoding="utf-8")
    extraction = extract_fixture(path)
    grants = sorted(deliberation_facts(extraction.graph)["grants"])
    assert grants == [["Les Amis du Vélo", "1200"], ["Lire et Faire Lire", "500"]]
    warned = [issue.message for issue in extraction.issues if "bénéficiaire non lu" in issue.message]
    assert warned == [f"bénéficiaire non lu, aucune subvention n'en est tirée : « {item} »" for item in unread]


@pytest.mark.parametrize("expose, items", [
    # a share of the item above, a total, a loan, an advance to pay back
    ("", "– 1 200 € à l'association Les Amis du Vélo ;\n   ➢ dont 300 € au titre de l'action Vélo-école ;\n"
         "– 500 € à l'association Lire et Faire Lire, dont 200 € pour le festival ;\n– soit un total de 1 700 €."),
    ("", "– 1 200 € à l'association Les Amis du Vélo ;\n– un prêt d'honneur de 5 000 € remboursable sur 5 ans ;\n"
         "– une avance remboursable de 3 000 € ;\n– 500 € à l'association Lire et Faire Lire."),
    # instalments of the item above, the beneficiary's own share of the cost
    ("", "– à l'association Les Amis du Vélo : 1 200 €, versés en deux fois :\n  – un acompte de 600 € à la "
         "signature ;\n  – le solde de 600 € sur justificatifs ;\n– reste à charge de l'association : 2 000 € ;\n"
         "– à l'association Lire et Faire Lire : 500 €."),
    # a rate of the cost, a co-funder's share
    ("", "– 1 200 € à l'association Les Amis du Vélo, soit 30 % du coût du projet (plan de financement : Région "
         "2 000 €, Département 1 500 €) ;\n– 500 € à l'association Lire et Faire Lire."),
    # the report's list, which the decision grants again with its beneficiary
    ("Il est proposé de soutenir l'association Les Amis du Vélo par :\n- une subvention de fonctionnement de "
     "1 200 € ;\n- une avance remboursable de 4 000 €.\n\nPlan de financement :\n- Région : 10 000 € ;\n"
     "- Département : 5 000 €.\n\n",
     "– 1 200 € à l'association Les Amis du Vélo ;\n– 500 € à l'association Lire et Faire Lire."),
])
def test_a_lists_items_that_are_rightly_no_grant_are_not_warned_of(expose, items):
    found = find_grants(_LIST.format(expose=expose, items=items))
    assert _grants(found) == [("Les Amis du Vélo", "1200"), ("Lire et Faire Lire", "500")]
    assert not [fr for fr, _ in found.warnings if "bénéficiaire non lu" in fr]
