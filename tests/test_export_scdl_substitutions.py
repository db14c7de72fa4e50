"""SCDL re-export: the required cells written with a stand-in, and the values written outside the schema's bounds,
are said in the summary — one line for each kind, per column in the schema's order, and with ``--verbose`` per
grant — never written silently."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from graph.export import export_scdl
from graph.ingest.pipeline import ingest_paths
from graph.scdl_export_summary import scdl_summary
from graph.store import open_store
from webapp.cli import main

HEADER = ("nomAttribuant;idAttribuant;dateConvention;referenceDecision;nomBeneficiaire;idBeneficiaire;rnaBeneficiaire;"
          "objet;montant;nature;conditionsVersement;datesPeriodeVersement;idRAE;notificationUE;pourcentageSubvention;"
          "dispositifAide\n")


def _row(n: int, nature: str = "aide en numéraire", period: str = "2024-06-01", share: str = "1") -> str:
    """A row of Saint-Etienne Métropole's list for the association ``n``: the reviewer's inputs, cut down."""
    return (f"Saint-Etienne Métropole;24420077000018;2024-05-16;2024.00240;Asso {n};;W42301260{n};Coordination santé;"
            f"20000;{nature};unique;{period};;non;{share};\n")


def _export(tmp_path, *rows: str, header: str = HEADER) -> tuple[dict, list[dict]]:
    """Ingest a list of ``rows`` under ``header`` and export its grants: the export's counts and its rows."""
    source = tmp_path / "subventions.csv"
    source.write_text(header + "".join(rows), encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "store")})
    ingest_paths(store, [source])
    out = io.BytesIO()
    counts = export_scdl(store, out)
    return counts, list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))


def test_a_period_kept_unreadable_at_ingest_is_written_as_the_convention_date_and_said(tmp_path):
    counts, rows = _export(tmp_path, _row(0, period="2017"), _row(1, period="printemps 2017"),
                           _row(2, period="2017-03-14/2018-03-14"))
    assert [r["datesPeriodeVersement"] for r in rows] == ["2024-05-16", "2024-05-16", "2017-03-14/2018-03-14"]
    assert scdl_summary(counts).splitlines()[1:] == [
        "  2 valeurs remplacées : datesPeriodeVersement (2, par la date de dateConvention) ; --verbose nomme leurs "
        "subventions"]
    assert scdl_summary(counts, "en").splitlines()[1:] == [
        "  2 values replaced: datesPeriodeVersement (2, by the date of dateConvention); --verbose names their grants"]


#: A list with the 2024 proposal's decision date (dateDecision), and neither reference nor convention date.
DECIDED_HEADER = ("nomAttribuant;idAttribuant;dateDecision;nomBeneficiaire;rnaBeneficiaire;objet;montant;nature;"
                  "conditionsVersement;datesPeriodeVersement;notificationUE;pourcentageSubvention\n")
DECIDED_ROW = ("Saint-Etienne Métropole;24420077000018;2016-03-12;Asso 0;W423012600;Coordination santé;20000;"
               "aide en numéraire;unique;2016-06-01;non;1\n")


def test_a_decision_date_that_no_deliberation_holds_is_written_for_the_convention_s_and_reads_back(tmp_path):
    """The grant keeps its list's decision date (dcterms:dateAccepted), which SCDL 2.1.1 has no column for: written
    as a deliberation's is, for the convention's, and said (the grant was left out, « sans date de convention ni de
    décision »); read back, the grant is written again as the same row, with no cell replaced."""
    (tmp_path / "first").mkdir()
    counts, rows = _export(tmp_path / "first", DECIDED_ROW, header=DECIDED_HEADER)
    assert [(r["dateConvention"], r["referenceDecision"], r["datesPeriodeVersement"]) for r in rows] == [
        ("2016-03-12", "", "2016-06-01")]
    assert scdl_summary(counts).splitlines() == [
        "SCDL : 1 subvention écrite",
        "  1 valeur remplacée : dateConvention (1, par la date de la décision qui l'accorde) ; --verbose nomme leurs "
        "subventions"]
    (tmp_path / "again").mkdir()
    exported = ";".join(rows[0].values()) + "\n"
    counts, again = _export(tmp_path / "again", exported, header=";".join(rows[0].keys()) + "\n")
    assert (again, counts["written"], "replaced" in counts) == (rows, 1, False)


def test_a_nature_unknown_at_ingest_is_written_as_cash_aid_and_said(tmp_path):
    counts, rows = _export(tmp_path, _row(0, nature="subvention"), _row(1, nature="aide en nature"))
    assert [r["nature"] for r in rows] == ["aide en numéraire", "aide en nature"]
    assert scdl_summary(counts).splitlines()[1:] == [
        "  1 valeur remplacée : nature (1, par « aide en numéraire ») ; --verbose nomme leurs subventions"]


def test_a_share_below_the_schemas_minimum_is_written_and_said(tmp_path):
    """SCDL v2.1.1 bounds the required pourcentageSubvention to 0.01-1: a share of 0.5 % is written as held (another
    number would be false, and an empty cell reads back as 1, the whole amount), and the summary says so."""
    counts, rows = _export(tmp_path, _row(0, share="0.005"), _row(1, share="0.5"))
    assert [(r["montant"], r["pourcentageSubvention"]) for r in rows] == [("20000", "0.005"), ("20000", "0.5")]
    assert scdl_summary(counts).splitlines()[1:] == [
        "  1 valeur hors des bornes du schéma, écrite telle quelle : pourcentageSubvention (1, de 0,01 à 1 ; vide, "
        "cette colonne obligatoire se relirait 1 : le montant entier) ; --verbose nomme leurs subventions"]


@pytest.mark.parametrize("lang, said", [
    ("fr", ["SCDL : 3 subventions écrites",
            "  2 valeurs remplacées : nature (1, par « aide en numéraire »), datesPeriodeVersement (1, par la date "
            "de dateConvention) ; 1 valeur hors des bornes du schéma, écrite telle quelle : "
            "pourcentageSubvention (1, de 0,01 à 1 ; vide, cette colonne obligatoire se relirait 1 : le montant "
            "entier)",
            "    nature remplacée : {grant}/rna-w423012601-{key}",
            "    datesPeriodeVersement remplacée : {grant}/rna-w423012600-{key} (« 2017 »)",
            "    pourcentageSubvention hors des bornes : {grant}/rna-w423012602-{key} (0.005)"]),
    ("en", ["SCDL: 3 grants written",
            "  2 values replaced: nature (1, by 'aide en numéraire'), datesPeriodeVersement (1, by the date of "
            "dateConvention); 1 value outside the schema's bounds, written as held: pourcentageSubvention (1, 0.01 to "
            "1; left empty, this required column would read back as 1: the whole amount)",
            "    nature replaced: {grant}/rna-w423012601-{key}",
            "    datesPeriodeVersement replaced: {grant}/rna-w423012600-{key} ('2017')",
            "    pourcentageSubvention outside the bounds: {grant}/rna-w423012602-{key} (0.005)"]),
])
def test_verbose_names_the_grant_of_each_cell_replaced_or_out_of_bounds(tmp_path, monkeypatch, lang, said):
    source = tmp_path / "subventions.csv"
    source.write_text(HEADER + _row(0, period="2017") + _row(1, nature="subvention") + _row(2, share="0.005"),
                      encoding="utf-8")
    monkeypatch.setenv("MAILLAGE_LANG", lang)
    data = str(tmp_path / "data")
    assert CliRunner().invoke(main, ["--data", data, "ingest", "--no-index", str(source)]).exit_code == 0
    result = CliRunner().invoke(main, ["--data", data, "export", "--format", "scdl", "-o", str(tmp_path / "out.csv"),
                                       "--verbose"])
    assert (result.exit_code, result.stderr.splitlines()) == (
        0, [line.format(grant="https://w3id.org/maillage/id/grant/subventions-csv", key="2024-05-16-2024-00240")
            for line in said])
