"""What an ingest says of its actors' identity, at their rows and in words: a near name, a grant to a dissolved
association, a name several actors share, the registries' values that another file only joins.

Each test ingests small files (a SIRENE and an RNA extract, then a grants list or a register) into a fresh
embedded store, and reads the reports of the last one.
"""

from __future__ import annotations

import pytest

from graph.ingest.pipeline import ingest_paths
from graph.ingest.register_numbers import is_near
from graph.store import open_store
from graph.validation import validate
from webapp.shacl_results import format_violations, reported_violations

ACTOR = "https://w3id.org/maillage/id/actor/"
SIRENE = ("siren,dateCreationUniteLegale,etatAdministratifUniteLegale,denominationUniteLegale,"
          "categorieJuridiqueUniteLegale,activitePrincipaleUniteLegale,nomenclatureActivitePrincipaleUniteLegale,"
          "nicSiegeUniteLegale\n"
          "317339752,1979-01-01,A,CLUB DES MININES,9210,91.3E,NAF1993,00014\n"
          "319294831,1980-01-01,A,FONDATION ARP,9300,74.90B,NAFRev2,00015\n"
          "319310587,1980-04-01,A,FONDATION LOUIS JOU,9300,91.02Z,NAFRev2,00013\n"
          "319647350,1980-07-01,A,COMITE CENTRE LOISIRS,9210,9999,NAFRev2,00010\n")
RNA = ("id;id_ex;siret;gestion;date_creat;date_disso;titre;objet;objet_social1;adrs_codeinsee;position\n"
       "W632007046;;;632P;2014-06-17;2015-01-20;BLACK OWL;concerts;006030;63113;D\n"
       "W751184848;;;751P;2008-01-18;;COMITE DE GESTION RUE PINEL;gestion des locaux;006000;75113;A\n")
GRANTS = ("nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,"
          "rnaBeneficiaire,objet,montant\n")
REGISTER = "# ptce: PTCE Loire Sud\nname;kind;circle;joined;siren;rna\n"


@pytest.fixture
def store(tmp_path):
    opened = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "store")})
    yield opened
    opened.close()


def ingest(store, tmp_path, name: str, text: str):
    """Write ``text`` to ``name`` and ingest it; its report."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    [report] = ingest_paths(store, [tmp_path / name])
    return report


def registries(store, tmp_path) -> None:
    ingest(store, tmp_path, "unites.csv", SIRENE)
    ingest(store, tmp_path, "rna.csv", RNA)


def warnings_of(report) -> list[tuple[int | None, str]]:
    return [(issue.line, issue.message) for issue in report.issues if issue.level == "warning"]


def test_a_name_only_register_row_a_letter_from_a_stored_name_is_warned_of_at_its_row(store, tmp_path):
    registries(store, tmp_path)
    report = ingest(store, tmp_path, "registre.csv", REGISTER + "Comite de Gestion Rue Pinnel;association;partenaires;"
                                                                 "2024-02-01;;\n")
    assert warnings_of(report) == [(3, "acteur « Comite de Gestion Rue Pinnel » : nom proche de « COMITE DE GESTION "
                                       f"RUE PINEL » ({ACTOR}rna-w751184848) : même organisation ? Donnez son numéro "
                                       "RNA ou son SIREN pour les réunir ; lu tel qu'écrit, comme un autre acteur (un "
                                       "nom proche ne suffit pas à les réunir)")]


def test_reading_every_stored_key_finds_the_near_name_that_looking_up_its_spellings_finds(tmp_path, monkeypatch):
    """More spellings than SPELLINGS_LOOKED_UP: the store's keys are read once instead, with the same warning."""
    import graph.resolution_near_names as near

    said = []
    for spellings, where in ((near.SPELLINGS_LOOKED_UP, tmp_path / "a"), (0, tmp_path / "b")):
        monkeypatch.setattr(near, "SPELLINGS_LOOKED_UP", spellings)
        where.mkdir()
        opened = open_store({"store": "oxigraph", "data_dir": str(where / "store")})
        try:
            registries(opened, where)
            row = "Comite de Gestion Rue Pinnel;association;coeur;2024-02-01;;\n"
            said.append(warnings_of(ingest(opened, where, "registre.csv", REGISTER + row)))
        finally:
            opened.close()
    assert said[0] == said[1] != []


@pytest.mark.parametrize("name", ["Comite de Gestion Rue Martin", "Comite de Gestion Rue Pinel", "Club des Mines",
                                  "Comite de Gestion Rue Pine"])
def test_a_name_that_is_a_stored_one_or_far_from_every_stored_one_is_not_called_near(store, tmp_path, name):
    """« Pinel » joins the RNA's actor by its name key; « Martin » is another street, « Mines » two letters from
    « Minines », and « Pine » a word of four letters, too short to tell a typo from another word."""
    registries(store, tmp_path)
    report = ingest(store, tmp_path, "registre.csv", REGISTER + f"{name};association;partenaires;2024-02-01;;\n")
    assert [m for _, m in warnings_of(report) if "nom proche" in m] == []


def test_a_grant_agreed_after_the_rna_says_its_association_was_dissolved_is_warned_of_at_its_row(store, tmp_path):
    registries(store, tmp_path)
    report = ingest(store, tmp_path, "subventions.csv", GRANTS + "Département de la Loire,22420001400013,2024-03-12,"
                                                                 "CP-1,Asso. Black Owl,,W632007046,Concerts,23100\n")
    assert (2, "l'association « BLACK OWL » (RNA W632007046) est dissoute depuis le 20 janvier 2015 selon le RNA : "
               "numéro erroné ou subvention à une association dissoute ?") in warnings_of(report)


def test_a_grant_agreed_before_the_dissolution_is_not_warned_of(store, tmp_path):
    registries(store, tmp_path)
    report = ingest(store, tmp_path, "subventions.csv", GRANTS + "Département de la Loire,22420001400013,2014-09-01,"
                                                                 "CP-1,Asso. Black Owl,,W632007046,Concerts,23100\n")
    assert [m for _, m in warnings_of(report) if "dissoute" in m] == []


def test_a_register_member_that_joined_after_its_dissolution_is_warned_of(store, tmp_path):
    registries(store, tmp_path)
    report = ingest(store, tmp_path, "registre.csv", REGISTER + "Black Owl;association;partenaires;2024-02-01;;"
                                                                "W632007046\n")
    assert [(i.field, i.message) for i in report.issues if "dissoute" in i.message] == [
        ("joined", "membre « Black Owl » entré le 1er février 2024 : l'association « BLACK OWL » (RNA W632007046) "
                   "est dissoute depuis le 20 janvier 2015 selon le RNA : numéro erroné ou adhésion d'une association "
                   "dissoute ?")]


def test_a_registrys_value_is_not_reported_in_a_grants_list_that_only_joins_its_actor(store, tmp_path):
    """CCLOV's activity code « 9999 » is SIRENE's to mend: a grants list naming CCLOV by its SIRET states none."""
    registries(store, tmp_path)
    report = ingest(store, tmp_path, "subventions.csv", GRANTS + "Département de la Loire,22420001400013,2024-03-12,"
                                                                 "CP-1,C.C.L.O.V.,31964735000028,,Séjours,27000\n")
    assert [v.value for v in report.violations if v.path.endswith("#naf")] == []


def test_the_registrys_report_still_tells_its_own_malformed_activity_code(store, tmp_path):
    report = ingest(store, tmp_path, "unites.csv", SIRENE)
    assert [v.value for v in report.violations if v.path.endswith("#naf")] == ["9999"]


def test_a_naf_1993_code_is_no_malformed_activity_code(store, tmp_path):
    """SIRENE writes « 91.3E » under NAF1993, which its reader warns of once; the shape takes it as a NAF code."""
    ingest(store, tmp_path, "unites.csv", SIRENE)
    assert sorted(v.value for v in validate(store.query) if v.path.endswith("#naf")) == ["9999"]


def test_a_class_that_a_register_gives_against_a_registrys_value_names_the_registrys_file(store, tmp_path):
    """The register says « entreprise », SIRENE's category 9300 says foundation: the register's report tells it,
    naming the file of the value, and the family of 9xxx rightly."""
    registries(store, tmp_path)
    report = ingest(store, tmp_path, "registre.csv", REGISTER + "Fondation Louis Jou;entreprise;partenaires;"
                                                                "2024-02-01;319310587;\n")
    lines = format_violations(reported_violations(report), "fr", report.file)
    assert lines == [
        f"registre.csv: avertissement : « Fondation Louis Jou » <{ACTOR}siren-319310587> — catégorie juridique : Une "
        "catégorie juridique 7xxx (personne morale de droit public) ou 9xxx (groupement de droit privé : association, "
        "fondation, syndicat…) désigne une collectivité, un établissement public ou un organisme sans but lucratif, "
        "pas une entreprise. (valeur 9300, donnée par unites.csv)"]


def test_a_name_only_register_row_that_several_actors_may_be_is_told_at_its_row_in_words(store, tmp_path):
    registries(store, tmp_path)
    ingest(store, tmp_path, "subventions.csv", GRANTS + "Département de la Loire,22420001400013,2024-03-12,CP-3,"
                                                        "FONDATION ARP,48241736700018,,Aide,24000\n")
    report = ingest(store, tmp_path, "registre.csv", REGISTER + "Club des Minines;association;partenaires;"
                                                                "2024-02-01;;\nFondation ARP;entreprise;partenaires;"
                                                                "2024-03-01;;\n")
    assert (4, f"acteur « Fondation ARP » : plusieurs correspondances par le nom — non fusionné : "
               f"{ACTOR}siren-319294831, {ACTOR}siren-482417367") in warnings_of(report)


def test_a_row_with_its_own_siren_is_told_it_was_kept_under_it_not_that_its_name_said_nothing(store, tmp_path):
    """The grants list first: the register's name-only « Fondation ARP » may be either SIREN's, and stays apart; the
    list ingested again (another amount) finds it, and its own SIREN's actor among SIRENE's namesake."""
    registries(store, tmp_path)
    row = "Département de la Loire,22420001400013,2024-03-12,CP-3,FONDATION ARP,48241736700018,,Aide,"
    ingest(store, tmp_path, "subventions.csv", GRANTS + row + "24000\n")
    ingest(store, tmp_path, "registre.csv", REGISTER + "Fondation ARP;entreprise;partenaires;2024-03-01;;\n")
    report = ingest(store, tmp_path, "subventions.csv", GRANTS + row + "25000\n")
    assert [(line, m) for line, m in warnings_of(report) if "FONDATION ARP" in m] == [
        (2, f"acteur « FONDATION ARP » (SIREN 482417367) : gardé sous son identifiant ; son nom est aussi celui de "
            f"{ACTOR}fondation-arp, dont aucun identifiant ne le distingue, et d'acteurs d'un autre identifiant "
            f"({ACTOR}siren-319294831) — non fusionné : rien ne dit lequel d'entre eux {ACTOR}fondation-arp désigne ; "
            "si c'est celui-ci, donnez son identifiant dans la source qui le nomme")]


@pytest.mark.parametrize("scdl, warned", [
    ("CP-2024-03-101", False),  # the same year, nothing else
    ("2024.00241", True),  # one digit apart
])
def test_a_register_number_that_names_no_deliberation_lists_only_numbers_close_to_it(store, tmp_path, scdl, warned):
    ingest(store, tmp_path, "subventions.csv", GRANTS + f"Département de la Loire,22420001400013,2024-03-12,{scdl},"
                                                        "Club des Minines,31733975200014,,Fonctionnement,25000\n")
    report = ingest(store, tmp_path, "ptce.yaml", "format: maillage-register/1\nptce:\n  name: P\n  goals: [{rank: 1, "
                                                  "label: Un}]\nmembers:\n  - {name: DanaeCare, kind: association, "
                                                  "circle: coeur, joined: 2024-05-16}\ngrants:\n  - {deliberation: "
                                                  "2024.00240, goals: [1]}\n")
    [message] = [m for _, m in warnings_of(report) if m.startswith("financement")]
    assert ("numéros proches" in message, scdl in message) == (warned, warned)


def test_numbers_are_near_when_all_their_digit_groups_but_one_are_the_same_and_that_one_a_digit_apart():
    assert [is_near((366, 16), other) for other in ((366, 15), (366, 166), (366, 26, 1), (367, 17), (366, 99))] == [
        True, True, False, False, False]
