"""The SIRENE kind: legal units, class from the legal category, ESS flag with empty as unknown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from graph.ingest import detect_kind
from graph.ingest.base import InputError, SourceContext
from graph.ingest.sirene import detect, extract, near_miss
from graph.namespaces import MAI, SCHEMA

FIXTURES = Path(__file__).parent / "fixtures" / "tabular"


def run(name="StockUniteLegale_utf8_sample.csv"):
    return extract(SourceContext(FIXTURES / name, (FIXTURES / name).read_bytes()))


def actor(siren):
    return URIRef(f"https://w3id.org/maillage/id/actor/siren-{siren}")


def test_the_stock_sample_gives_five_actors():
    assert run().stats == {"rows_read": 5, "actors": 5, "skipped": 0, "closed": 0, "rows_rejected": 0,
                           "warnings": 2, "encoding": "utf-8-bom"}


@pytest.mark.parametrize("siren, cls", [("317339752", MAI.Association), ("319294831", MAI.Actor)])
def test_the_class_comes_from_the_legal_category(siren, cls):
    assert set(run().graph.objects(actor(siren), RDF.type)) == {cls}


@pytest.mark.parametrize("siren, ess", [("319294831", [Literal(True)]), ("317339752", [])])
def test_pitfall_21_an_empty_ess_flag_is_unknown_and_gives_no_triple(siren, ess):
    assert list(run().graph.objects(actor(siren), MAI.ess)) == ess


def test_naf_legal_category_and_acronym_are_kept():
    g = run().graph
    assert [str(g.value(actor("319647350"), p)) for p in (MAI.naf, MAI.legalCategory)] == ["55.2E", "9210"]
    assert [str(o) for o in g.objects(actor("319647350"), URIRef("http://www.w3.org/2004/02/skos/core#altLabel"))
            ] == ["CCLOV"]


def test_the_history_file_keeps_only_current_periods():
    assert run("StockUniteLegaleHistorique_sample.csv").stats["rows_read"] == 9


@pytest.mark.parametrize("name, score", [("StockUniteLegale_utf8_sample.csv", 90), ("rna_sample_waldec.csv", 0)])
def test_detection_scores_sirene_files_only(name, score):
    assert detect(SourceContext(FIXTURES / name, (FIXTURES / name).read_bytes())) == score


@pytest.mark.parametrize("name, data, why", [
    ("StockEtablissement.csv", b"siren,nic,siret,statutDiffusionEtablissement,dateCreationEtablissement,"
                               b"activitePrincipaleEtablissement,etatAdministratifEtablissement\n"
                               b"402617542,00012,40261754200012,O,1999-01-01,93.12Z,A\n",
     "extrait SIRENE des établissements (StockEtablissement) : seuls les extraits des unités légales "
     "(StockUniteLegale) sont lus"),
    ("402617542.json", b'{"header": {"statut": 200}, "uniteLegale": {"siren": "402617542"}}',
     "réponse de l'API Sirene (JSON) : seuls les extraits des unités légales (StockUniteLegale) en CSV ou en "
     "tableur (.xlsx, .ods, .xls) sont lus"),
])
def test_a_sirene_file_that_is_not_a_legal_units_extract_says_what_it_is(name, data, why):
    with pytest.raises(InputError, match=f"^type de fichier non reconnu : {re.escape(why)} ;"):
        detect_kind(SourceContext(Path(name), data))


@pytest.mark.parametrize("header, lacks, renames", [
    ("siren,siret_siege,nom_complet,nom_raison_sociale,nature_juridique,activite_principale,est_ess",
     "categorieJuridiqueUniteLegale, activitePrincipaleUniteLegale, denominationUniteLegale",
     "nature_juridique → categorieJuridiqueUniteLegale, activite_principale → activitePrincipaleUniteLegale, "
     "nom_raison_sociale → denominationUniteLegale"),
    ("SIREN;Raison sociale;Code NAF;categorieJuridiqueUniteLegale", "activitePrincipaleUniteLegale, "
     "denominationUniteLegale", "Code NAF → activitePrincipaleUniteLegale, Raison sociale → denominationUniteLegale"),
])
def test_a_list_of_companies_by_siren_under_other_column_names_says_which_lack_and_what_to_rename(
        header, lacks, renames):
    data = f"{header}\n509988770{',x' * header.count(',')}{';x' * header.count(';')}\n".encode()
    with pytest.raises(InputError) as refused:
        detect_kind(SourceContext(Path("export.csv"), data))
    assert (refused.value.issue.line, refused.value.issue.message) == (1, (
        "type de fichier non reconnu : l'en-tête ressemble à une liste d'entreprises SIRENE (export de l'Annuaire "
        "des entreprises ou de l'API Recherche d'entreprises ?), mais pas à un extrait des unités légales "
        f"(StockUniteLegale) : il y manque {lacks} ; renommez ses colonnes ({renames}) ; corrigez-le"))


@pytest.mark.parametrize("header", ["siren;raison sociale;montant", "nom;siren;siret;type;cercle"])
def test_a_table_with_a_siren_and_a_name_alone_is_no_list_of_companies(header):
    assert near_miss(SourceContext(Path("t.csv"), f"{header}\n".encode())) is None


def test_a_header_in_lower_case_as_postgresql_exports_it_gives_the_same_actors():
    path = FIXTURES / "StockUniteLegale_utf8_sample.csv"
    header, rest = path.read_bytes().split(b"\n", 1)
    lower = extract(SourceContext(path, header.lower() + b"\n" + rest))
    assert (lower.stats, set(lower.graph)) == (run().stats, set(run().graph))


@pytest.mark.parametrize("start, dissolved, warning", [
    ("2019-06-30", [Literal("2019-06-30", datatype=XSD.date)], "unité légale cessée le 2019-06-30"),
    ("", [], "unité légale cessée"),
])
def test_a_ceased_unit_is_kept_with_its_dissolution_date_and_a_warning(start, dissolved, warning):
    data = ("siren,denominationUniteLegale,categorieJuridiqueUniteLegale,activitePrincipaleUniteLegale,"
            f"etatAdministratifUniteLegale,dateDebut\n524991205,SARL EXEMPLE FERMEE,5499,47.11A,C,{start}\n"
            "402617542,CERCLE DES NAGEURS,9220,93.12Z,A,2008-01-01\n")
    ex = extract(SourceContext(Path("StockUniteLegale.csv"), data.encode()))
    assert list(ex.graph.objects(actor("524991205"), SCHEMA.dissolutionDate)) == dissolved
    assert list(ex.graph.objects(actor("402617542"), SCHEMA.dissolutionDate)) == []
    assert [(i.level, i.line, i.message) for i in ex.issues] == [("warning", 2, warning)]
    assert (ex.stats["actors"], ex.stats["closed"]) == (2, 1)


def test_pitfall_7_a_replacement_character_in_a_name_is_warned_with_its_line_and_field():
    data = ("siren,denominationUniteLegale,categorieJuridiqueUniteLegale,activitePrincipaleUniteLegale\n"
            "402617542,CERCLE DES NAGEURS D\ufffdANTIBES,9220,93.12Z\n")
    ex = extract(SourceContext(Path("StockUniteLegale.csv"), data.encode()))
    assert [(i.line, i.field, i.message) for i in ex.issues] == [
        (2, "denominationUniteLegale", "caractères perdus (U+FFFD), déjà dans le fichier : valeur à vérifier à sa "
                                       "source")]


@pytest.mark.parametrize("category, diffusion, name, why", [
    ("1000", "O", "", "entrepreneur individuel (catégorie juridique 1000) : non importé (données personnelles)"),
    ("5499", "P", "", "unité non diffusible (statutDiffusionUniteLegale P) : non importée (publication restreinte)"),
    ("5499", "O", "", "unité légale sans dénomination ni sigle : non importée"),
])
def test_a_skipped_unit_is_told_by_its_line_and_why(category, diffusion, name, why):
    data = ("siren,statutDiffusionUniteLegale,denominationUniteLegale,categorieJuridiqueUniteLegale,"
            f"activitePrincipaleUniteLegale\n402617542,O,CERCLE DES NAGEURS,9220,93.12Z\n"
            f"789456126,{diffusion},{name},{category},86.21Z\n")
    ex = extract(SourceContext(Path("StockUniteLegale.csv"), data.encode()))
    assert (ex.stats["actors"], ex.stats["skipped"]) == (1, 1)
    assert [(i.level, i.line, i.message) for i in ex.issues] == [("warning", 3, why)]


_CUT = ("siren,statutDiffusionUniteLegale,denominationUniteLegale,categorieJuridiqueUniteLegale,"
        "activitePrincipaleUniteLegale\n402617542,O,CERCLE DES NAGEURS,9220,93.12Z\n213302813,O,COMMUNE DE M")


def test_a_truncated_line_is_rejected_with_its_line_and_its_count_of_cells():
    ex = extract(SourceContext(Path("StockUniteLegale.csv"), (_CUT + "\n").encode()))
    assert (ex.stats["actors"], [(i.level, i.line, i.message) for i in ex.issues]) == (1, [
        ("error", 3, "3 cellules pour 5 colonnes : ligne tronquée (téléchargement interrompu ?)")])


def test_an_extract_cut_short_without_its_line_end_is_refused_whole():
    """An interrupted download: stored, a part of the extract would replace the whole source."""
    with pytest.raises(InputError, match="fichier tronqué : il s'arrête à la ligne 3"):
        extract(SourceContext(Path("StockUniteLegale.csv"), _CUT.encode()))


def test_many_units_skipped_for_one_reason_are_told_in_one_warning_with_their_first_lines():
    rows = "789456126,O,,1000,86.21Z\n" * 25
    ex = extract(SourceContext(Path("StockUniteLegale.csv"), (
        "siren,statutDiffusionUniteLegale,denominationUniteLegale,categorieJuridiqueUniteLegale,"
        "activitePrincipaleUniteLegale\n402617542,O,CERCLE DES NAGEURS,9220,93.12Z\n" + rows).encode()))
    assert [(i.line, i.message) for i in ex.issues] == [
        (None, "entrepreneur individuel (catégorie juridique 1000) : non importé (données personnelles) : 25 lignes "
               f"({', '.join(map(str, range(3, 23)))}…)")]


@pytest.mark.parametrize("written, siren, warned", [("5520135", "005520135", True),
                                                    ("402617542.0", "402617542", False)])
def test_pitfall_18_a_siren_through_a_spreadsheet_is_read_back(written, siren, warned):
    path = FIXTURES / "StockUniteLegale_utf8_sample.csv"
    header, first, rest = path.read_bytes().decode("utf-8").split("\n", 2)
    ex = extract(SourceContext(path, "\n".join([header, written + first[first.index(";"):]]).encode()))
    assert [str(s) for s in ex.graph.objects(None, MAI.siren)] == [siren]
    assert any("zéros de tête perdus" in i.message for i in ex.issues) == warned


@pytest.mark.parametrize("nic, siret, warning", [
    ("00012", "40261754200012", None),
    ("12", "40261754200012", None),  # the leading zeros a spreadsheet dropped
    ("[ND]", None, None),  # withheld from publication
    ("", None, None),
    ("00013", None, "NIC du siège qui ne forme pas un SIRET valide (40261754200013) : ignoré"),
])
def test_the_head_office_siret_is_the_siren_and_its_nic_when_they_make_a_valid_siret(nic, siret, warning):
    data = ("siren,denominationUniteLegale,categorieJuridiqueUniteLegale,nicSiegeUniteLegale\n"
            f"402617542,CERCLE DES NAGEURS,9220,{nic}\n")
    ex = extract(SourceContext(Path("StockUniteLegale.csv"), data.encode()))
    assert ex.graph.value(actor("402617542"), MAI.siret) == (Literal(siret) if siret else None)
    assert [i.message for i in ex.issues] == ([warning] if warning else [])


HISTORY_HEADER = ("siren;dateFin;dateDebut;etatAdministratifUniteLegale;denominationUniteLegale;"
                  "categorieJuridiqueUniteLegale;activitePrincipaleUniteLegale;nicSiegeUniteLegale")


def test_a_history_files_closed_periods_give_former_names_and_a_unit_with_none_current_is_said():
    """« SARL PILAT SOINS » before « SCIC SANTE PILAT » was lost; a unit whose periods were all closed was dropped
    without a word."""
    lines = [HISTORY_HEADER, "441122330;;2019-01-01;A;SCIC SANTE PILAT;5560;86.90F;00018",
             "441122330;2018-12-31;2015-01-01;A;SARL PILAT SOINS;5499;86.90F;00018",
             "520000019;2022-12-31;2010-05-01;A;ASSOCIATION SPORT SANTE LOIRE;9220;93.12Z;00015"]
    ex = extract(SourceContext(Path("StockUniteLegaleHistorique.csv"), "\n".join(lines).encode()))
    assert {str(n) for n in ex.graph.objects(actor("441122330"), URIRef("http://www.w3.org/2004/02/skos/core#altLabel"))
            } == {"SARL PILAT SOINS"}
    assert [(i.line, i.message.split(" : ")[0]) for i in ex.issues if "périodes closes" in i.message] == [
        (4, "SIREN 520000019 (ASSOCIATION SPORT SANTE LOIRE)")]
