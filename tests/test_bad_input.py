"""Bad input of every kind gets a clear message naming the file, the line or field, and why; nothing stored is lost.

Each test feeds the smallest file that shows one mistake real publishers make (a NUL in an export, a password, a
compressed file, a cut last row, a value out of range) through the command line, as a coordinator would.
"""

from __future__ import annotations

import xml.dom.minidom
from pathlib import Path

import pytest
from click.testing import CliRunner

from webapp.cli import main

RNA_HEADER = "id;id_ex;siret;gestion;date_creat;titre;objet;objet_social1;adrs_codeinsee;adrs_libcommune;position\n"
GRANTS_HEADER = ("nomAttribuant;idAttribuant;dateConvention;referenceDecision;idBeneficiaire;nomBeneficiaire;"
                 "objet;montant;nature\n")


def cli(tmp_path: Path, *args: str):
    return CliRunner().invoke(main, ["--data", str(tmp_path / "data"), *args], catch_exceptions=False)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize("control", ["\x00", "\x0c", "\x1b"])
def test_a_control_character_in_a_cell_is_removed_with_a_warning_naming_line_and_field(tmp_path, control):
    rna = write(tmp_path, "rna.csv", RNA_HEADER + f"W313012345;;;313P;2019-11-20;LEZE SANTE;"
                                                  f"coordonner{control} les soins;011000;31284;Lézat;A\n")
    ran = cli(tmp_path, "ingest", str(rna))
    assert ran.exit_code == 0
    assert f"rna.csv:2: objet='coordonner les soins': avertissement : caractère de contrôle U+{ord(control):04X}" \
        in ran.stderr
    got = cli(tmp_path, "query", "SELECT ?d WHERE { ?a <http://purl.org/dc/terms/description> ?d }", "--format",
              "csv")
    assert "coordonner les soins" in got.stdout and control not in got.stdout


def test_a_grants_list_with_a_nul_in_a_name_warns_too(tmp_path):
    grants = write(tmp_path, "s.csv", GRANTS_HEADER + "Ville;21310555400017;2024-03-01;D1;;Club\x00 de foot;"
                                                      "Sport;1000;aide en numéraire\n")
    ran = cli(tmp_path, "ingest", str(grants))
    assert ran.exit_code == 0 and "s.csv:2: nomBeneficiaire='Club de foot': avertissement : caractère de contrôle " \
                                  "U+0000" in ran.stderr


def test_sparql_xml_results_never_hold_a_character_that_xml_forbids():
    from rdflib import Literal

    from graph.results import RowsResult

    data = RowsResult("select", ["d"], [(Literal("a\x00b\x1fc"),)]).serialize("xml")
    parsed = xml.dom.minidom.parseString(data)  # raises on a raw NUL
    assert parsed.getElementsByTagName("literal")[0].firstChild.data == "a\ufffdb\ufffdc"


def test_the_french_line_too_long_message_holds_no_english(tmp_path):
    long = write(tmp_path, "long.csv", "nom;montant\n" + "x" * 1_000_002 + ";1\n")
    ran = cli(tmp_path, "ingest", "--kind", "scdl-subventions", str(long))
    assert ran.exit_code == 1 and "ligne 2 trop longue (au moins 1000001 caractères) (limite 1000000)" in ran.stderr
    assert "the longest" not in ran.stderr


PROTECTED = Path(__file__).parent / "fixtures" / "protected"
TABULAR = Path(__file__).parent / "fixtures" / "tabular"


@pytest.mark.parametrize("name, said", [
    ("deliberation-mot-de-passe.pdf", "PDF protégé par un mot de passe : il ne peut pas être lu"),
    ("subventions-mot-de-passe.xlsx", "classeur protégé par un mot de passe (chiffré) : il ne peut pas être lu")])
def test_a_file_protected_by_a_password_is_refused_saying_so_without_library_words(tmp_path, name, said):
    ran = cli(tmp_path, "ingest", str(PROTECTED / name))
    assert ran.exit_code == 1 and said in ran.stderr
    assert "Exception" not in ran.stderr and "Cannot detect" not in ran.stderr and "corrompu" not in ran.stderr


def test_a_pdf_with_print_and_copy_restrictions_only_is_read(tmp_path):
    assert cli(tmp_path, "ingest", str(PROTECTED / "deliberation-restrictions-seules.pdf")).exit_code == 0


@pytest.mark.parametrize("kind", [[], ["--kind", "scdl-subventions"]])
def test_a_gzipd_csv_is_refused_saying_it_is_compressed_whatever_the_kind_given(tmp_path, kind):
    import gzip

    packed = write(tmp_path, "s.csv.gz", gzip.compress(GRANTS_HEADER.encode()))
    ran = cli(tmp_path, "ingest", *kind, str(packed))
    assert ran.exit_code == 1 and "s.csv.gz: erreur : fichier compressé (gzip) : décompressez-le d'abord" in ran.stderr


def test_a_zip_of_tables_is_refused_as_an_archive_and_a_workbook_is_not(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "listes.zip", "w") as archive:
        archive.writestr("subventions.csv", GRANTS_HEADER)
    ran = cli(tmp_path, "ingest", str(tmp_path / "listes.zip"))
    assert ran.exit_code == 1 and "archive zip (1 fichier : « subventions.csv »), pas un classeur" in ran.stderr
    workbook = TABULAR / "DEP_Vendee_Publication_donnees_Open_data_Subventions_Conventions.xlsx"
    assert cli(tmp_path, "ingest", str(workbook)).exit_code == 0


@pytest.mark.parametrize("name, text", [
    ("rna.csv", RNA_HEADER + "W423000001;;;;2019-01-01;ASSOCIATION DES AMIS DE L'HÔPITAL;Soins;;42218;Saint-Étienne;A\n"),
    ("delibs.csv", "COLL_NOM;COLL_SIRET;DELIB_ID;DELIB_DATE;DELIB_OBJET\nVille;21420218600010;D1;2024-05-16;Santé\n"),
])
def test_every_tables_report_names_the_encoding_it_was_read_in(tmp_path, name, text):
    ran = cli(tmp_path, "ingest", "--no-index", str(write(tmp_path, name, text.encode("cp1252"))))
    assert ran.exit_code == 0 and ", encodage : cp1252" in ran.stderr, ran.stderr


def _zipped(members: dict[str, str]) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return out.getvalue()


@pytest.mark.parametrize("name, data, said", [
    ("deliberation.docx", _zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}),
     "Word, .docx"),
    ("deliberation.odt", _zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}),
     "OpenDocument, .odt"),
    ("deliberation.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "WordDocument".encode("utf-16-le"),
     "Word 97-2003, .doc"),
    ("deliberation.rtf", b"{\\rtf1\\ansi D\\'e9lib\\'e9ration du conseil}", "RTF"),
])
def test_a_word_processors_document_is_refused_saying_how_to_export_its_text(tmp_path, name, data, said):
    """Word and OpenDocument files are zips or OLE files, as workbooks are: they were refused as unreadable
    workbooks ("classeur illisible : Cannot detect file format")."""
    ran = cli(tmp_path, "ingest", str(write(tmp_path, name, data)))
    assert ran.exit_code == 1 and (f"{name}: erreur : document de traitement de texte ({said}) : Maillage lit le texte "
                                   "d'une délibération en PDF, en texte ou en Markdown ; enregistrez-le sous l'un de "
                                   "ces formats") in ran.stderr, ran.stderr


@pytest.mark.parametrize("name, text", [
    ("deliberation.html", "<!DOCTYPE html>\n<html><body><p>Le Conseil, après en avoir délibéré, DÉCIDE</p></body></html>"),
    ("page.txt", "<!-- saved -->\n<html lang=\"fr\"><head><title>Délibération</title></head></html>"),
])
def test_a_web_page_is_refused_saying_how_to_keep_its_text(tmp_path, name, text):
    ran = cli(tmp_path, "ingest", str(write(tmp_path, name, text)))
    assert ran.exit_code == 1 and (f"{name}: erreur : type de fichier non reconnu : une page web (HTML) : "
                                   "enregistrez-la en PDF (Imprimer › Enregistrer au format PDF), ou copiez-en le "
                                   "texte dans un fichier .txt ou .md ; Maillage lit :") in ran.stderr, ran.stderr


GRANTS = (GRANTS_HEADER + "Ville;21310555400017;2024-03-01;D1;;Club de foot;Sport;1000;aide en numéraire\n"
                          "Ville;21310555400017;2024-03-01;D2;;Cercle des aidants;Répit;3500,50;aide en numéraire\n")


def test_a_list_cut_inside_its_last_row_is_refused_as_truncated(tmp_path):
    """Its other rows whole, a last row cut short without a line end is an interrupted download or export: stored,
    a part of the list would replace the whole source."""
    cut = write(tmp_path, "s.csv", GRANTS[:GRANTS.index("Cercle") - 1])
    ran = cli(tmp_path, "ingest", str(cut))
    assert ran.exit_code == 1 and "s.csv:3: erreur : fichier tronqué : il s'arrête à la ligne 3 sans finir par une " \
           "fin de ligne, et elle n'a que 5 cellules sur 9" in ran.stderr, ran.stderr


def test_a_short_row_inside_the_file_is_told_without_calling_the_file_truncated(tmp_path):
    lines = GRANTS.splitlines(keepends=True)
    short = write(tmp_path, "s.csv", lines[0] + lines[1].rsplit(";", 2)[0] + "\n" + lines[2])
    ran = cli(tmp_path, "ingest", str(short))
    assert "s.csv:2: avertissement : ligne courte : 7 cellules pour 9 colonnes, des cellules oubliées" in ran.stderr
    assert "tronqué" not in ran.stderr


def test_a_new_version_of_a_source_that_loses_grants_says_how_many(tmp_path):
    (tmp_path / "new").mkdir()
    cli(tmp_path, "ingest", str(write(tmp_path, "s.csv", GRANTS)))
    ran = cli(tmp_path, "ingest", str(write(tmp_path / "new", "s.csv", GRANTS.rsplit("Ville", 1)[0])))
    assert ran.exit_code == 0 and "la nouvelle version de « s.csv » décrit moins que celle qu'elle remplace : " \
                                  "1 subvention de moins (2 → 1)" in ran.stderr
    more = GRANTS + "Ville;21310555400017;2024-04-02;D3;;Club de boules;Sport;200;aide en numéraire\n"
    grown = cli(tmp_path, "ingest", str(write(tmp_path / "new", "s.csv", more)))
    assert "remplace la source" in grown.stderr and "décrit moins" not in grown.stderr


def test_a_convention_dated_in_the_future_is_kept_with_a_warning(tmp_path):
    import datetime as dt

    ahead = dt.date.today().replace(day=1) + dt.timedelta(days=5 * 366)
    grants = write(tmp_path, "s.csv", GRANTS.replace("2024-03-01;D1", f"{ahead.isoformat()};D1"))
    ran = cli(tmp_path, "ingest", str(grants))
    assert ran.exit_code == 0 and "lignes rejetées : 0" in ran.stderr
    assert f"s.csv:2: dateConvention='{ahead.isoformat()}': avertissement : date de convention dans le futur" \
        in ran.stderr and "s.csv:3: dateConvention" not in ran.stderr


def test_a_purpose_longer_than_scdl_allows_is_kept_with_a_warning(tmp_path):
    grants = write(tmp_path, "s.csv", GRANTS.replace(";Répit;", ";" + "Répit " * 50 + "des aidants;"))
    ran = cli(tmp_path, "ingest", str(grants))
    assert ran.exit_code == 0 and "lignes rejetées : 0" in ran.stderr
    assert "avertissement : objet de 311 caractères, au-delà des 256 que permet le format SCDL : gardé entier" \
        in ran.stderr and "s.csv:2: objet" not in ran.stderr


def test_a_null_deliberation_date_is_called_out_of_range_with_its_value_and_field(tmp_path):
    deliberations = write(tmp_path, "d.csv", "COLL_NOM;COLL_SIRET;DELIB_ID;DELIB_DATE;DELIB_OBJET\n"
                                             "Commune;21310571100013;2024-032;1900-01-00;Objet\n"
                                             "Commune;21310571100013;2024-033;1900-01-01;Objet\n")
    ran = cli(tmp_path, "ingest", str(deliberations))
    assert ran.exit_code == 1 and "ligne 2 (DELIB_DATE) : date impossible « 1900-01-00 » ; ligne 3 (DELIB_DATE) : " \
                                  "date de délibération hors des années possibles : « 1900-01-01 »" in ran.stderr
    assert "manquante" not in ran.stderr


@pytest.mark.parametrize("name, text, language", [
    ("resolution.txt", "Municipal Council. Resolution No. 2024-12. Subject: Grant to the association. The Council, "
                       "having deliberated, awards an operating grant of EUR 12,000 to the association for its health "
                       "centre and authorises the Mayor to sign the agreement. Done in Lézat, on 4 April 2024.",
     "anglais"),
    ("acuerdo.md", "# AYUNTAMIENTO\n\nAcuerdo del Pleno n.º 2024/07. El Pleno, por unanimidad, ACUERDA: conceder una "
                   "subvención de 4.500,00 € a la asociación Salud Rural del Valle para el intercambio de "
                   "profesionales con la comuna hermana, y facultar al alcalde para la firma del convenio.",
     "espagnol")])
@pytest.mark.parametrize("codec", ["utf-8", "utf-16"])
def test_a_deliberation_in_another_language_is_refused_as_not_french(tmp_path, name, text, language, codec):
    ran = cli(tmp_path, "ingest", str(write(tmp_path, name, text.encode(codec))))
    assert ran.exit_code == 1 and f"{name}: erreur : type de fichier non reconnu : un texte en {language}, pas une " \
                                  "délibération française" in ran.stderr and "--kind" not in ran.stderr


@pytest.mark.parametrize("name, text, said", [
    ("a.rdf", '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="http://a">'
              '<x:b xmlns:x="http://x/">A & B</x:b></rdf:Description></rdf:RDF>',
     "RDF invalide : « & » seul dans un texte XML : écrivez-le « &amp; » (Error while escaping"),
    ("a.jsonld", '{"@id": "http://a",\n "http://b": "c",\n}', "RDF invalide : virgule en trop avant un « } » ou un "
                                                            "« ] » (Parser error at line 3"),
    ("a.jsonld", '{"@id": "http://a"\n "http://b": "c"}', "RDF invalide : une virgule manque entre deux valeurs"),
    # a register's: PyYAML's words in the English message only (tests/test_yaml_errors.py)
    ("registre.yaml", "ptce:\n  name: PTCE\nmembers:\n  - name: A\n\t  circle: 1\n",
     "YAML invalide, colonne 1 : tabulation dans l'indentation : YAML indente avec des espaces — rien n'a été "
     "enregistré")])
def test_a_parser_error_is_told_in_french_first_then_in_the_parsers_words(tmp_path, name, text, said):
    ran = cli(tmp_path, "ingest", str(write(tmp_path, name, text)))
    assert ran.exit_code == 1 and said in ran.stderr


@pytest.mark.parametrize("name", ["deliberation.pdf", "registre.yaml", "liste.csv", "registre.xlsx"])
def test_an_empty_file_is_said_empty_whatever_its_extension(tmp_path, name):
    """A 0-byte PDF said « pas de marque de fin %%EOF (fichier tronqué ?) »."""
    from graph.ingest.base import SourceContext
    from graph.ingest.lookahead import prepare

    prepared = prepare(SourceContext(tmp_path / name, b""), None)
    assert prepared.issue is not None and prepared.issue.message == "fichier vide"
    from click.testing import CliRunner

    from webapp.cli import main

    (tmp_path / name).write_bytes(b"")  # as the writer reads it when it extracts the file itself
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", str(tmp_path / name)])
    said = f"{tmp_path / name}: erreur : fichier vide — rien n'a été enregistré"
    assert result.exit_code == 1 and said in result.stderr
