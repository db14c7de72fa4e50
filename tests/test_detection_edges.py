"""Kind detection of tables whose header is not the file's first line, or is written otherwise than usual.

Exports saved from a spreadsheet put a title line or two, or blank lines, above the header (« Extrait du
Répertoire national des associations — Loire, octobre 2024 »); hand-made copies change the header's case, strip
its accents, or use another separator. Each kind must still be recognised; and a table read as a kind whose
required columns it lacks is refused naming that kind and the header found, so that a wrong detection shows.
Samples: the fixtures' RNA (both layouts) and SIRENE extracts, SCDL lists and a register written inline.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.encodings import decode
from graph.ingest import detect_kind, get_kind
from graph.ingest.base import InputError, SourceContext
from webapp.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "tabular"
TITLE = "Extrait du Répertoire national des associations — Loire, octobre 2024"


def fixture_text(name: str, lines: int = 4) -> str:
    """The first ``lines`` lines of a fixture, decoded."""
    return "\n".join(decode((FIXTURES / name).read_bytes())[0].splitlines()[:lines]) + "\n"


SAMPLES = {
    "rna": fixture_text("rna_sample_waldec.csv"),
    "rna-import": fixture_text("rna_sample_import.csv"),
    "sirene": fixture_text("StockUniteLegale_utf8_sample.csv"),
    "scdl-subventions": fixture_text("exemple_valide_v2.1.1.csv"),
    "scdl-deliberations": "COLL_NOM;COLL_SIRET;DELIB_ID;DELIB_DATE;DELIB_MATIERE_CODE;DELIB_OBJET\n"
                          "Ville;21060004500392;2024-01;2024-03-28;7.5;Subvention au club de l'Étoile\n",
    "montpellier-deliberations": fixture_text("VilleMTP_MTP_Delibs.csv"),
    "register": "Nom;Type;Cercle;Date d'entrée\nDanaeCare;association;cœur;2024-05-16\n",
}
KIND = {"rna-import": "rna", "montpellier-deliberations": "scdl-deliberations"}


def kind_of(sample: str, text: str) -> str:
    return detect_kind(SourceContext(Path(f"{sample}.csv"), text.encode())).name


def separated(text: str, delimiter: str) -> str:
    """``text``, a CSV table, written again with ``delimiter`` (values quoted where they must be)."""
    first = text.split("\n", 1)[0]
    rows = csv.reader(io.StringIO(text), delimiter=";" if first.count(";") > first.count(",") else ",")
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue()


def header_changed(text: str, change) -> str:
    header, rest = text.split("\n", 1)
    return change(header) + "\n" + rest


def without_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


ABOVE = {
    "one title line": TITLE + "\n",
    "two title lines": TITLE + "\nExport du 3 octobre 2024, page 1\n",
    "a title in the first cell of a row": "Extrait du 3 octobre 2024;;;\n",
    "one blank line": "\n",
    "two blank lines": "\n\n",
    "a title and a blank line": TITLE + "\n\n",
}


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("above", ABOVE)
def test_a_table_is_detected_as_its_kind_below_title_or_blank_lines(sample, above):
    assert kind_of(sample, ABOVE[above] + SAMPLES[sample]) == KIND.get(sample, sample)


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("variant", ["upper case", "lower case", "accents stripped", ",", ";", "tab",
                                     "title line and ,"])
def test_a_table_is_detected_as_its_kind_whatever_its_header_case_accents_or_separator(sample, variant):
    text = SAMPLES[sample]
    changed = {"upper case": lambda: header_changed(text, str.upper),
               "lower case": lambda: header_changed(text, str.lower),
               "accents stripped": lambda: header_changed(text, without_accents),
               ",": lambda: separated(text, ","), ";": lambda: separated(text, ";"),
               "tab": lambda: separated(text, "\t"),
               "title line and ,": lambda: TITLE + "\n" + separated(text, ",")}[variant]()
    assert kind_of(sample, changed) == KIND.get(sample, sample)


def test_an_rna_extract_below_a_title_line_is_ingested_by_the_cli(tmp_path):
    path = tmp_path / "rna_loire.csv"
    path.write_text(TITLE + "\n" + SAMPLES["rna"], encoding="utf-8")
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", str(path)],
                                catch_exceptions=False)
    assert (result.exit_code, "subventions" in result.output + result.stderr) == (0, False), result.stderr


@pytest.mark.parametrize("above", ["", TITLE + "\n", "\n\n"])
def test_an_rna_header_lacking_columns_is_told_as_an_rna_near_miss_below_title_lines(above):
    text = above + "id;titre;objet;adrs_codeinsee;x\nW1;A;B;42218;y\n"
    with pytest.raises(InputError) as refused:
        kind_of("rna", text)
    assert (refused.value.issue.line, "extrait RNA" in refused.value.issue.message) == (above.count("\n") + 1, True)


@pytest.mark.parametrize("above", ["", TITLE + "\n", "\n"])
def test_a_sirene_establishments_extract_below_a_title_line_is_told_as_one(above):
    text = above + ("siren,nic,siret,etablissementSiege,activitePrincipaleEtablissement\n"
                    "402617542,00012,40261754200012,true,93.12Z\n")
    with pytest.raises(InputError) as refused:
        kind_of("StockEtablissement", text)
    issue = refused.value.issue
    assert (issue.line, issue.message.startswith("type de fichier non reconnu : extrait SIRENE des établissements")) \
        == (above.count("\n") + 1, True), issue.message


#: A table of each kind forced as another that it is not: the error names the kind it was read as, and the header
#: (below a title line when the header names some of the kind's columns: the reader then finds it there).
@pytest.mark.parametrize("kind, sample, above, lacks, read_as", [
    ("scdl-subventions", "rna", TITLE + "\n", "montant, nomBeneficiaire", "an SCDL grants list"),
    ("scdl-deliberations", "scdl-subventions", "", "DELIB_ID, DELIB_DATE", "an SCDL deliberations list"),
    ("rna", "sirene", "", "id, titre", "an RNA extract"),
    ("register", "sirene", "", "name, kind, circle", "a partner register"),
    ("register", "rna", "", "name, kind, circle", "a partner register"),
])
def test_a_table_lacking_a_kinds_required_columns_is_refused_naming_the_kind_and_the_header_read(
        kind, sample, above, lacks, read_as):
    line = above.count("\n") + 1
    header = SAMPLES[sample].splitlines()[0]
    first = next(csv.reader([header], delimiter=";" if ";" in header else ","))[0]
    with pytest.raises(InputError) as refused:
        get_kind(kind).extract(SourceContext(Path("table.csv"), (above + SAMPLES[sample]).encode()))
    issue = refused.value.issue
    assert issue.line == line
    assert issue.message_en.startswith(f"required columns missing: {lacks} (read as {read_as}; header on line {line} ")
    assert f"'{first.strip()}'" in issue.message_en and f"« {first.strip()} »" in issue.message


def test_a_sirene_refusal_names_the_header_it_read():
    with pytest.raises(InputError) as refused:
        get_kind("sirene").extract(SourceContext(Path("rna.csv"), SAMPLES["rna"].encode()))
    assert refused.value.issue.message_en.endswith(
        "columns missing: siren, categorieJuridiqueUniteLegale, denominationUniteLegale (header on line 1 "
        "(41 columns): 'id', 'id_ex', 'siret', 'rup_mi', 'gestion', 'date_creat', …)")
