"""Lines of a list of grants that are no grants — a co-funder's share, a budget's line, a past year's amount or a
project's costs in brackets — and lists that go on past a line whose amount ends in "euros" or past a line that
says more of the item above it."""

from __future__ import annotations

import pytest

from graph.ingest.delib_grants import find_grants

LEAD = "Le Conseil municipal, après en avoir délibéré,\nDÉCIDE d'attribuer les subventions suivantes :\n"
END = "\n\nAdopté à l'unanimité."
VELO, LIRE = "Les Amis du Vélo", "Lire et Faire Lire"


def _read(items: str) -> tuple[list[tuple[str, str]], list[str]]:
    found = find_grants(LEAD + items + END, "")
    return sorted((g.beneficiary, str(g.amount)) for g in found.grants), [french for french, _ in found.warnings]


@pytest.mark.parametrize("items", [
    "– 1 200 € à l'association Les Amis du Vélo ;\n– la Région apporte 2 000 € au projet ;\n"
    "– 500 € à l'association Lire et Faire Lire.",
    "– à l'association Les Amis du Vélo : 1 200 € ;\n– le Département finance à hauteur de 1 500 € ;\n"
    "– à l'association Lire et Faire Lire : 500 €.",
    # a co-funder's share given to a beneficiary of the list: not one more grant to it
    "– 1 200 € à l'association Les Amis du Vélo ;\n"
    "– l'État (DETR) participe pour 3 000 € à l'association Les Amis du Vélo ;\n"
    "– 500 € à l'association Lire et Faire Lire.",
    "– 1 200 € à l'association Les Amis du Vélo ;\n– la CAF prend en charge 900 € ;\n"
    "– 500 € à l'association Lire et Faire Lire.",
])
def test_a_co_funder_s_payment_in_a_list_of_grants_grants_nothing(items):
    assert _read(items)[0] == [(VELO, "1200"), (LIRE, "500")]


@pytest.mark.parametrize("items", [
    "– à l'association Les Amis du Vélo : 1 200 € ;\n– Région Occitanie-Fictive : 5 000 € (cofinancement) ;\n"
    "– État (DETR) : 8 000 €.",
    "– Les Amis du Vélo : 1 200 € ;\n– Union européenne (FEDER) : 4 000 € ;\n– Région Occitanie-Fictive : 5 000 €.",
    "– Les Amis du Vélo : 1 200 € ;\n– Agence régionale de santé Occitanie : 2 500 € ;\n"
    "– Département du Gard : 3 000 €.",
])
def test_a_co_funder_named_alone_as_a_list_s_item_gets_no_grant(items):
    assert _read(items)[0] == [(VELO, "1200")]


@pytest.mark.parametrize("items, grants", [
    # the authority pays whom it names
    ("– 1 200 € à l'association Les Amis du Vélo ;\n– la Commune verse 700 € à l'association Lire et Faire Lire.",
     [(VELO, "1200"), (LIRE, "700")]),
    # a Région that the item names as whom a grant goes to
    ("– à l'association Les Amis du Vélo : 1 200 € ;\n– à la Région Sud-Fictive : 700 €.",
     [(VELO, "1200"), ("Région Sud-Fictive", "700")]),
    # a beneficiary, then what it does in a paying verb's words: its name ends before them
    ("– Les Amis du Vélo, qui participent au tour cantonal : 1 200 € ;\n– Lire et Faire Lire : 500 €.",
     [(VELO, "1200"), (LIRE, "500")]),
    ("– Les Amis du Vélo, qui contribue à l'animation du quartier : 1 200 € ;\n– Lire et Faire Lire : 500 €.",
     [(VELO, "1200"), (LIRE, "500")]),
])
def test_what_the_authority_pays_or_whom_an_item_names_is_still_a_grant(items, grants):
    assert _read(items)[0] == grants


@pytest.mark.parametrize("items", [
    "– 1 200 € à l'association Les Amis du Vélo ;\n– Imputation budgétaire : article 6574 – 1 200 € ;",
    "– 1 200 € à l'association Les Amis du Vélo ;\n– crédits inscrits au BP 2025 : 1 200 €.",
    "Les Amis du Vélo ...... 1 200 €\nImputation : compte 6574 ...... 1 200 €",
])
def test_a_budget_s_line_in_a_list_of_grants_is_no_grant(items):
    assert _read(items)[0] == [(VELO, "1200")]


@pytest.mark.parametrize("items, grants", [
    ("– à l'association Les Amis du Vélo : 1 200 € (1 000 € en 2024) ;\n– montant total : 1 200 €.",
     [(VELO, "1200")]),
    ("– à l'association Les Amis du Vélo : 1 200 € (2024 : 900 €) ;\n"
     "– à l'association Lire et Faire Lire : 500 € (montant 2024 : 450 €).", [(VELO, "1200"), (LIRE, "500")]),
    # the grant's own amount is not taken for the costs that follow it, nor any of theirs for it
    ("– à l'association Les Amis du Vélo : 1 200 € (coût du projet : 10 000 €, autofinancement : 3 000 €, "
     "participation des familles : 1 500 €) ;", [(VELO, "1200")]),
])
def test_the_amounts_in_brackets_after_a_grant_s_are_said_of_it_and_no_grants(items, grants):
    read, warnings = _read(items)
    assert read == grants
    assert not [w for w in warnings if "reçoit 2 subventions" in w]


@pytest.mark.parametrize("item, ceiling", [
    ("– 40 % du coût du projet de l'association Lire et Faire Lire, plafonné à 2 000 € ;", "2000"),
    ("– 30 % de la dépense subventionnable de l'association Lire et Faire Lire, dans la limite de 1 500 € ;",
     "1500"),
])
def test_an_item_that_opens_with_a_rate_names_whom_the_grant_goes_to_inside(item, ceiling):
    grants, warnings = _read("– 1 200 € à l'association Les Amis du Vélo, soit 30 % du coût du projet ;\n" + item)
    assert grants == [(VELO, "1200"), (LIRE, ceiling)]
    assert any(w.startswith(f"plafond lu comme montant : « {LIRE} » reçoit au plus {ceiling} €") for w in warnings)


@pytest.mark.parametrize("items, grants", [
    ("Judo Club : mille cinq cents euros\nTennis Club : 2 000 €\nVélo Club : 800 €",
     [("Judo Club", "1500"), ("Tennis Club", "2000"), ("Vélo Club", "800")]),
    # each amount ending in "euros": no item's amount taken for the one above's
    ("Judo Club : 1 500 euros\nTennis Club : 2 000 euros\nVélo Club : 800 euros",
     [("Judo Club", "1500"), ("Tennis Club", "2000"), ("Vélo Club", "800")]),
    ("Judo Club ...... deux mille euros\nTennis Club ...... trois cent cinquante euros\nVélo Club ...... 800 €",
     [("Judo Club", "2000"), ("Tennis Club", "350"), ("Vélo Club", "800")]),
])
def test_a_list_with_no_bullets_goes_on_past_an_amount_ending_in_euros(items, grants):
    read, warnings = _read(items)
    assert read == grants
    assert not [w for w in warnings if "montant en lettres" in w or "reçoit 2 subventions" in w]


@pytest.mark.parametrize("items, grants", [
    ("– 1 200 € à l'association Les Amis du Vélo ;\n  dont 300 € au titre de l'action Vélo-école ;\n"
     "– 500 € à l'association Lire et Faire Lire ;\n– soit un total de 1 700 €.", [(VELO, "1200"), (LIRE, "500")]),
    ("– 1 200 € à l'association Les Amis du Vélo ;\n  versée en deux fois ;\n"
     "– 500 € à l'association Lire et Faire Lire ;\n– 300 € au Club des Aînés ;\n– soit un total de 2 000 €.",
     [("Club des Aînés", "300"), (VELO, "1200"), (LIRE, "500")]),
    ("– à l'association Les Amis du Vélo : 1 200 € ;\n  pour l'organisation de la fête du vélo ;\n"
     "– à l'association Lire et Faire Lire : 500 € ;\n\nAUTORISE le Maire à signer les conventions.",
     [(VELO, "1200"), (LIRE, "500")]),
])
def test_a_line_with_no_bullet_that_goes_on_the_item_above_keeps_the_list(items, grants):
    assert _read(items)[0] == grants


@pytest.mark.parametrize("decision, grants", [
    ("DÉCIDE d'attribuer une subvention de 1 200 € (1 000 € en 2024) à l'association Les Amis du Vélo.",
     [(VELO, "1200")]),
    # the costs in brackets are not the grant's words: it is read
    ("DÉCIDE d'attribuer à l'association Les Amis du Vélo une subvention de 1 200 € (coût total de l'action : "
     "6 000 €).", [(VELO, "1200")]),
    ("DÉCIDE d'attribuer à l'association Les Amis du Vélo une subvention de 3 000 € (1 500 € de fonctionnement et "
     "1 500 € d'investissement).", [(VELO, "3000")]),
])
def test_in_a_sentence_too_the_amounts_in_brackets_after_a_grant_s_are_said_of_it(decision, grants):
    assert sorted((g.beneficiary, str(g.amount))
                  for g in find_grants("Le Conseil, après en avoir délibéré, " + decision, "").grants) == grants
