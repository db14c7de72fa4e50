"""Kind detection of RNA and SIRENE extracts saved as workbooks, of headers that come near several kinds, and of the
header that a refusal quotes.

A coordinator opens the RNA or SIRENE CSV in Excel or LibreOffice and saves it as .xlsx, .ods or .xls: the extract
must be recognised and read as its CSV is, below the title rows a spreadsheet puts above it, its identifiers that
the spreadsheet turned into numbers read back with their leading zeros (and warned of). A header that names a few
columns of two kinds is told as a near miss of the kind whose columns it names most (both when as many), whatever
the kinds' order; and a table of no kind is quoted by its header, not by a title line that a comma cuts in two.
Workbooks are written by :mod:`workbooks`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from graph.encodings import decode
from graph.ingest import detect_kind
from graph.ingest.base import InputError, SourceContext
from graph.ingest.rna import extract as extract_rna
from graph.ingest.sirene import extract as extract_sirene
from graph.namespaces import MAI
from webapp.cli import main
from workbooks import SheetSpec, ods, xls, xlsx

FIXTURES = Path(__file__).parent / "fixtures" / "tabular"
TITLE = ["Extrait du Répertoire national des associations — Loire, octobre 2024"]
WORKBOOKS = {"xlsx": xlsx, "ods": ods, "xls": xls}
ACTOR = "https://w3id.org/maillage/id/actor/"


def fixture_rows(name: str) -> list[list[str]]:
    """The rows of a CSV fixture, as a spreadsheet opens them (its byte order mark left out)."""
    text = decode((FIXTURES / name).read_bytes())[0].lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


EXTRACTS = {"rna": "rna_sample_waldec.csv", "rna-import": "rna_sample_import.csv",
            "sirene": "StockUniteLegale_utf8_sample.csv"}


def workbook(fmt: str, rows: list[list]) -> bytes:
    return WORKBOOKS[fmt](SheetSpec("Feuil1", rows))


def kind_of(name: str, data: bytes) -> str:
    return detect_kind(SourceContext(Path(name), data)).name


def refusal(name: str, data: bytes):
    with pytest.raises(InputError) as refused:
        detect_kind(SourceContext(Path(name), data))
    return refused.value.issue


# --- RNA and SIRENE extracts saved as workbooks ---------------------------------------------------------------------

@pytest.mark.parametrize("fmt", WORKBOOKS)
@pytest.mark.parametrize("extract", EXTRACTS)
@pytest.mark.parametrize("above", ["no title", "title rows"])
def test_an_extract_saved_as_a_workbook_is_detected_as_its_kind(fmt, extract, above):
    rows = ([TITLE, []] if above == "title rows" else []) + fixture_rows(EXTRACTS[extract])
    assert kind_of(f"extrait.{fmt}", workbook(fmt, rows)) == extract.split("-")[0]


@pytest.mark.parametrize("fmt", WORKBOOKS)
@pytest.mark.parametrize("extract", EXTRACTS)
def test_an_extract_saved_as_a_workbook_is_read_as_its_csv(fmt, extract):
    reader = extract_sirene if extract == "sirene" else extract_rna
    from_csv = reader(SourceContext(Path("extrait.csv"), (FIXTURES / EXTRACTS[extract]).read_bytes()))
    from_book = reader(SourceContext(Path(f"extrait.{fmt}"),
                                     workbook(fmt, [TITLE, []] + fixture_rows(EXTRACTS[extract]))))
    assert set(from_book.graph) == set(from_csv.graph)
    assert [(i.message, i.line - 2) for i in from_book.issues] == [(i.message, i.line) for i in from_csv.issues]


def test_an_rna_workbook_below_title_rows_is_ingested_by_the_cli(tmp_path):
    path = tmp_path / "rna_loire.xlsx"
    path.write_bytes(workbook("xlsx", [TITLE, []] + fixture_rows(EXTRACTS["rna"])))
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", str(path)],
                                catch_exceptions=False)
    assert (result.exit_code, "associations : 3" in result.output) == (0, True), result.output + result.stderr


@pytest.mark.parametrize("fmt", WORKBOOKS)
def test_an_rna_workbook_whose_siret_and_insee_code_became_numbers_gets_their_leading_zeros_back(fmt):
    header = ["id", "siret", "gestion", "date_creat", "titre", "objet", "adrs_codeinsee", "adrs_libcommune"]
    row = ["W011000001", 552013500004, "011P", "2001-05-04", "AMIS DE BOURG", "Entraide", 1053, "Bourg-en-Bresse"]
    ex = extract_rna(SourceContext(Path(f"rna.{fmt}"), workbook(fmt, [TITLE, header, row])))
    iri = URIRef(ACTOR + "siren-005520135")
    assert (ex.graph.value(iri, MAI.rna), ex.graph.value(iri, MAI.siret)) == (Literal("W011000001"),
                                                                           Literal("00552013500004"))
    assert ex.graph.value(URIRef("https://w3id.org/maillage/id/place/01053"), MAI.inseeCode) == Literal("01053")
    assert [(i.line, i.field) for i in ex.issues if "zéro" in i.message] == [(3, "siret"), (3, "adrs_codeinsee")]


@pytest.mark.parametrize("fmt", WORKBOOKS)
def test_a_sirene_workbook_whose_siren_and_nic_became_numbers_gets_their_leading_zeros_back(fmt):
    rows = fixture_rows(EXTRACTS["sirene"])[:2]
    header, row = rows[0], list(rows[1])
    row[header.index("siren")], row[header.index("nicSiegeUniteLegale")] = 5520135, 4
    data = workbook(fmt, [header, row])
    assert kind_of(f"sirene.{fmt}", data) == "sirene"
    ex = extract_sirene(SourceContext(Path(f"sirene.{fmt}"), data))
    iri = URIRef(ACTOR + "siren-005520135")
    assert (ex.graph.value(iri, MAI.siren), ex.graph.value(iri, MAI.siret)) == (Literal("005520135"),
                                                                              Literal("00552013500004"))
    assert [(i.line, i.message) for i in ex.issues if i.field == "siren"] == [
        (2, "zéros de tête perdus (passage par un tableur) : SIREN lu 005520135")]


@pytest.mark.parametrize("fmt", WORKBOOKS)
def test_a_workbook_with_a_few_rna_columns_is_told_as_an_rna_near_miss(fmt):
    issue = refusal(f"rna.{fmt}", workbook(fmt, [TITLE, ["id", "titre", "objet", "adrs_codeinsee", "x"],
                                                 ["W1", "A", "B", "42218", "y"]]))
    assert (issue.line, "extrait RNA (adrscodeinsee, id, objet, titre)" in issue.message) == (2, True), issue.message


@pytest.mark.parametrize("fmt", WORKBOOKS)
def test_a_workbook_listing_companies_under_other_column_names_is_told_which_to_rename_as_written(fmt):
    data = workbook(fmt, [["Liste des entreprises"], ["siren", "Raison sociale", "Code NAF", "Catégorie juridique"],
                          ["317339752", "CLUB", "91.3E", "9210"]])
    issue = refusal(f"entreprises.{fmt}", data)
    assert issue.line == 2
    assert issue.message.endswith("(Catégorie juridique → categorieJuridiqueUniteLegale, Code NAF → "
                                  "activitePrincipaleUniteLegale, Raison sociale → denominationUniteLegale) ; "
                                  "corrigez-le"), issue.message


# --- a header near several kinds ------------------------------------------------------------------------------------

def test_an_rna_extract_cut_to_a_few_columns_is_told_as_an_rna_near_miss_not_a_grants_one():
    """siret, nature and objet are columns of a grants list too: told first in the kinds' order, the grants list's
    near miss hid the RNA one, whose header names five columns."""
    issue = refusal("rna.csv", b"id;siret;nature;titre;objet;adrs_codeinsee\nW423000001;;D;Club;Sport;42218\n")
    assert ("extrait RNA" in issue.message, "liste de subventions" in issue.message, "--kind" in issue.message) == \
        (True, False, True), issue.message


def test_a_grants_header_naming_more_grant_columns_than_rna_ones_is_still_told_as_a_grants_near_miss():
    issue = refusal("liste.csv", b"nomAttribuant;idAttribuant;nature;titre;objet;siret\nVille;1;D;A;B;2\n")
    assert ("liste de subventions SCDL (5 colonnes reconnues)" in issue.message, "RNA" in issue.message) == \
        (True, False), issue.message


def test_a_header_naming_as_many_columns_of_two_kinds_is_told_as_a_near_miss_of_both():
    issue = refusal("liste.csv", b"siret;nature;titre;objet\n1;D;A;B\n")
    assert issue.message.startswith("type de fichier non reconnu : l'en-tête ressemble à une liste de subventions "
                                     "SCDL (3 colonnes reconnues), mais il y manque : montant, nomBeneficiaire (le "
                                     "SCDL 2.1.1 demande aussi : nomAttribuant, idAttribuant, dateConvention, "
                                     "conditionsVersement, datesPeriodeVersement, notificationUE, "
                                     "pourcentageSubvention) ; ou bien l'en-tête ressemble à un extrait RNA (objet, "
                                     "siret, titre)"), issue.message
    assert issue.message_en.startswith("unrecognised file kind: the header looks like an SCDL grants list (3 columns "
                                       "known), but lacks: montant, nomBeneficiaire (SCDL 2.1.1 also requires: "
                                       "nomAttribuant, idAttribuant, dateConvention, conditionsVersement, "
                                       "datesPeriodeVersement, notificationUE, pourcentageSubvention); or else the "
                                       "header looks like an RNA extract (objet, siret, titre)"), issue.message_en
    assert (issue.line, "--kind" in issue.message) == (1, True)


# --- the header that a refusal quotes -------------------------------------------------------------------------------

@pytest.mark.parametrize("title", ["Liste des entreprises agréées ESUS, mise à jour 01/03/2025",
                                   '"Liste des entreprises agréées ESUS, Loire",mise à jour 01/03/2025,'])
def test_a_table_of_no_kind_is_quoted_by_its_header_not_by_a_title_line_that_a_comma_cuts(title):
    text = f"{title}\ncode,libellé,ville,agrément\n1,Atelier,Roanne,2024-01-02\n"
    issue = refusal("esus.csv", text.encode())
    assert (issue.line, "(4 colonnes : « code », « libellé », « ville », « agrément »)" in issue.message) == \
        (2, True), issue.message


def test_a_table_of_no_kind_without_a_title_is_quoted_by_its_first_line():
    issue = refusal("esus.csv", b"code,libelle,ville\n1,Atelier,Roanne\n2,Forge,Feurs\n")
    assert (issue.line, "(3 colonnes : « code », « libelle », « ville »)" in issue.message) == (1, True)
