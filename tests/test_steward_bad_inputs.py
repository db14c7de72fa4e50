"""A data steward's bad inputs (blind test u11): each is told what it is and where, without misleading advice.

A page saved as ``.pdf`` is a web page, not a truncated PDF; a grants list names every column SCDL requires that it
lacks; the upload API counts rejected rows; ``--kind`` is not suggested where it would be refused too; amounts in two
conventions are warned of; a wrong SIRET ending in zeros is a wrong SIRET; a SHACL result names its node and its IRI;
binary bytes are not shown as a header. Each file is the smallest that shows it, written inline.
"""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

import pytest
from test_bad_input import cli, write
from web_fixture import app_on_fixture

from graph.ingest.base import SourceContext
from graph.ingest.scdl_grants import extract as extract_grants
from graph.ingest.source_messages import graphs_issue
from webapp.shacl_results import focus_name

GRANT_ROW = "Ville,21420218600133,2024-03-15,Asso Minimale,51345678900009,1000\n"
FEW_COLUMNS = "nomAttribuant,idAttribuant,dateConvention,nomBeneficiaire,idBeneficiaire,montant\n" + GRANT_ROW
SCDL = ("nomAttribuant,idAttribuant,dateConvention,nomBeneficiaire,idBeneficiaire,objet,montant,nature,"
        "conditionsVersement,datesPeriodeVersement,notificationUE,pourcentageSubvention\n")


# --- 5. a file named .pdf that is no PDF ----------------------------------------------------------------------------

@pytest.mark.parametrize("data, said", [
    (b"<!DOCTYPE html><html><body><h1>D\xc3\xa9lib\xc3\xa9ration</h1></body></html>",
     "fichier nommé .pdf, mais une page web (HTML), pas un PDF : enregistrez-la en PDF"),
    ("Délibération n° 12\nLe conseil décide\n".encode(), "fichier nommé .pdf, mais du texte brut, pas un PDF"),
    (bytes(range(256)) * 4, "fichier nommé .pdf qui n'est pas un PDF : il ne commence pas par %PDF-"),
])
def test_a_file_named_pdf_that_is_no_pdf_is_told_what_it_is_not_a_truncated_pdf(tmp_path, data, said):
    ran = cli(tmp_path, "ingest", str(write(tmp_path, "delib.pdf", data)))
    assert ran.exit_code == 1
    assert f"delib.pdf: erreur : {said}" in ran.stdout + ran.stderr
    assert "%%EOF" not in ran.stdout + ran.stderr


# --- 6. the columns SCDL 2.1.1 requires -----------------------------------------------------------------------------

def test_a_grants_list_lacking_required_scdl_columns_is_stored_with_one_warning_naming_them_all(tmp_path):
    ran = cli(tmp_path, "ingest", str(write(tmp_path, "few.csv", FEW_COLUMNS)))
    assert ran.exit_code == 0
    assert ("few.csv:1: avertissement : 6 colonnes que le SCDL 2.1.1 demande absentes : objet, nature, "
            "conditionsVersement, datesPeriodeVersement, notificationUE, pourcentageSubvention ; chaque montant est "
            "lu comme celui de son seul bénéficiaire (part de 100 %)") in ran.stdout + ran.stderr
    assert "1 avertissement" in ran.stdout + ran.stderr


def test_strict_refuses_a_grants_list_lacking_required_scdl_columns(tmp_path):
    ran = cli(tmp_path, "ingest", "--strict", str(write(tmp_path, "few.csv", FEW_COLUMNS)))
    assert ran.exit_code == 1
    assert "few.csv:1: erreur : 6 colonnes que le SCDL 2.1.1 demande absentes : objet," in ran.stdout + ran.stderr
    assert "; refusé (--strict)" in ran.stdout + ran.stderr


def test_a_grants_list_with_every_required_scdl_column_is_told_nothing_of_them():
    row = "Ville,21420218600133,2024-03-15,Club,51345678900009,Soins,1000,aide en numéraire,unique,2024-04-01,non,1\n"
    ex = extract_grants(SourceContext(Path("s.csv"), (SCDL + row).encode()))
    assert ex.nonconforming == [] and [i.message for i in ex.issues] == []


def test_the_refusal_of_a_grants_list_without_a_beneficiary_names_the_other_scdl_columns_it_lacks(tmp_path):
    header = "nomAttribuant,idAttribuant,dateConvention,referenceDecision,montant,nature\n"
    ran = cli(tmp_path, "ingest", str(write(tmp_path, "l.csv", header + "Ville,21420218600133,2024-03-15,D1,10,"
                                                                         "aide en numéraire\n")))
    assert ran.exit_code == 1
    assert ("il y manque : nomBeneficiaire (le SCDL 2.1.1 demande aussi : idBeneficiaire ou rnaBeneficiaire, objet, "
            "conditionsVersement, datesPeriodeVersement, notificationUE, pourcentageSubvention) ; corrigez-le"
            ) in ran.stdout + ran.stderr


# --- 7. the upload API counts rejected rows -------------------------------------------------------------------------

def test_the_upload_api_counts_the_rows_it_rejected_as_errors(tmp_path):
    grants = (SCDL + "Ville,21420218600133,2024-03-15,Club A,51345678900009,Soins,1000,aide en numéraire,unique,"
                     "2024-04-01,non,1\n"
                     "Ville,21420218600133,2024-03-15,Club B,51345678900009,Soins,-500,aide en numéraire,unique,"
                     "2024-04-01,non,1\n"
                     "Ville,21420218600133,2024-03-15,Club C,51345678900009,Soins,beaucoup,aide en numéraire,unique,"
                     "2024-04-01,non,1\n")
    with app_on_fixture(tmp_path, write_token="s3cret") as app:
        answer = app.test_client().post("/api/upload", data={"file": (io.BytesIO(grants.encode()), "neg.csv")},
                                        headers={"Authorization": "Bearer s3cret"})
    body = answer.get_json()
    assert answer.status_code == 200 and body["status"] == "stored"
    assert (body["rejected_rows"], body["errors"]) == (2, 2)


# --- 9. suggestions that mislead ------------------------------------------------------------------------------------

def test_a_sirene_extract_without_siren_is_not_told_to_give_kind(tmp_path):
    header = "denominationUniteLegale;categorieJuridiqueUniteLegale;activitePrincipaleUniteLegale;etatAdministratif\n"
    ran = cli(tmp_path, "ingest", str(write(tmp_path, "sirene.csv", header + "Club;9220;94.99Z;A\n")))
    assert ran.exit_code == 1
    assert "il y manque : siren ; corrigez-le — rien" in ran.stdout + ran.stderr
    assert "--kind" not in ran.stdout + ran.stderr


def test_amounts_in_both_conventions_in_one_column_are_warned_of_at_each_row():
    rows = ['Ville,21420218600133,2024-03-15,Club A,51345678900009,"1.234,5"\n',
            'Ville,21420218600133,2024-03-15,Club B,51345678900009,"1,234.5"\n']
    ex = extract_grants(SourceContext(Path("s.csv"), (FEW_COLUMNS.splitlines(True)[0] + "".join(rows)).encode()))
    said = [(i.line, i.field, i.value, i.message) for i in ex.issues]
    assert said == [
        (2, "montant", "1.234,5", "montant lu 1 234,50 € avec une virgule décimale, mais la ligne 3 écrit « 1,234.5 » "
                                  "avec l'autre convention : le fichier mêle les deux, vérifiez ce montant"),
        (3, "montant", "1,234.5", "montant lu 1 234,50 € avec un point décimal, mais la ligne 2 écrit « 1.234,5 » "
                                  "avec l'autre convention : le fichier mêle les deux, vérifiez ce montant")]


@pytest.mark.parametrize("siret, said", [
    ("51345678900000", "SIRET invalide (clé de contrôle) : ignoré"),
    ("5.13456789E+13", "SIRET abîmé par un passage en nombre à virgule (chiffres perdus) : ignoré"),
])
def test_a_wrong_siret_ending_in_zeros_is_told_a_wrong_check_digit_unless_written_as_a_number(siret, said):
    row = f"Ville,21420218600133,2024-03-15,Club A,{siret},1000\n"
    ex = extract_grants(SourceContext(Path("s.csv"), (FEW_COLUMNS.splitlines(True)[0] + row).encode()))
    assert [(i.line, i.field, i.message) for i in ex.issues] == [(2, "idBeneficiaire", said)]


def test_a_shacl_result_names_its_node_by_its_name_then_its_iri():
    named = SimpleNamespace(label="Asso deux", blank=False, target=None, focus="https://ex.org/m/1")
    assert focus_name(named) == "« Asso deux » <https://ex.org/m/1>"


# --- 10. wording --------------------------------------------------------------------------------------------------

def test_a_quads_file_naming_graphs_is_told_to_keep_them_a_part_in_french():
    issue = graphs_issue(SimpleNamespace(graphs={"<https://ex.org/g>"}))
    assert issue.message.endswith("pour garder des graphes à part, importez-les chacun dans un fichier")


def test_a_binary_file_named_csv_is_said_binary_without_its_bytes_nor_a_line(tmp_path):
    data = bytes((i * 37 + 11) % 256 for i in range(4096))
    ran = cli(tmp_path, "ingest", str(write(tmp_path, "random.csv", data)))
    out = ran.stdout + ran.stderr
    assert ran.exit_code == 1
    assert "random.csv: erreur : type de fichier non reconnu : fichier binaire, pas un fichier CSV : 16 octets nuls " \
           "et " in out
    assert "en-tête" not in out and "random.csv:1" not in out and "random.csv:10" not in out
