"""Reading tables: encodings, separators, header rows, embedded newlines, mojibake, spreadsheet limits (§5)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from graph.ingest import detect_kind
from graph.ingest.base import InputError, SourceContext
from graph.table_checks import collected_issues
from graph.tabular import decode, normalise_header, read_table, repair_text, sniff_delimiter, spreadsheet_error

FIXTURES = Path(__file__).parent / "fixtures" / "tabular"


def read(name: str, known=frozenset()):
    return read_table((FIXTURES / name).read_bytes(), known=known)


@pytest.mark.parametrize("name, encoding, delimiter, width, rows", [
    ("DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv", "cp1252", ";", 14, 13),
    ("DEP_Somme_TB_20180302_DONNEES_CONVENTIONS.csv", "utf-8-bom+cp1252", ";", 13, 41),
    ("DEP_Nievre_CD58_SUBVENTIONS_2016_LISTE.csv", "cp1252", ",", 17, 97),
    ("test-csv-valid.csv", "utf-8-bom", ",", 14, 38),
    ("exemple_valide_v2.1.1.csv", "utf-8", ",", 16, 29),
    ("le-compte-asso-export-tests.tsv", "utf-8", "\t", 17, 1),
    ("StockUniteLegale_utf8_sample.csv", "utf-8-bom", ";", 34, 5),
])
def test_real_files_are_decoded_and_cut_the_way_they_were_written(name, encoding, delimiter, width, rows):
    table = read(name)
    assert (table.encoding, table.delimiter, len(table.header), len(table.rows)) == (encoding, delimiter, width, rows)


def test_pitfall_1_cp1252_bytes_decode_as_cp1252_never_latin1():
    text, encoding = decode("Mise en œuvre – 12 350 € l’été".encode("cp1252"))
    assert (text, encoding) == ("Mise en œuvre – 12 350 € l’été", "cp1252")


def test_pitfall_1_the_lot_file_keeps_its_oe_ligature():
    table = read("DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv")
    assert table.rows[1].cells[6].startswith("Mise en œuvre de l'implantation")


def test_pitfall_2_a_utf8_bom_followed_by_cp1252_bytes_is_read_as_cp1252():
    table = read("DEP_Somme_TB_20180302_DONNEES_CONVENTIONS.csv")
    assert (table.header[0], table.rows[0].cells[0]) == ("nomAttribuant", "Département de la Somme")


def test_pitfall_3_utf16_with_bom_and_crlf_is_read():
    data = codecs.BOM_UTF16_LE + "Numéro;Titre\r\n1;Vœu\r\n".encode("utf-16-le")
    table = read_table(data)
    assert (table.encoding, table.header, table.rows[0].cells) == ("utf-16", ["Numéro", "Titre"], ["1", "Vœu"])


def test_old_mac_excel_csv_in_macroman_is_decoded_as_such_with_a_warning():
    text = "nom;nature;objet\rCaf\u00e9 des \u00e2ges;aide en num\u00e9raire;F\u00eate \u00e0 l'\u00e9cole\r"
    table = read_table(text.encode("mac_roman"))
    assert (table.encoding, table.rows[0].cells) == ("mac-roman", ["Café des âges", "aide en numéraire",
                                                                   "Fête à l'école"])
    assert [i.message for i in table.issues] == [
        "fichier lu en MacRoman (ancien Excel pour Mac), ses accents l'indiquent : vérifiez-les"]


@pytest.mark.parametrize("text", [
    "nomBeneficiaire;montant\r\nClub C\u0153ur de Lussac;1 500 \u20ac\r\n",
    "nomBeneficiaire;objet;montant\r\nClub de Lussac;Mise en \u0153uvre du projet;1500\r\n",
])
def test_an_iso_8859_15_file_keeps_its_euro_sign_and_oe_ligature_with_a_warning(text):
    table = read_table(text.encode("iso-8859-15"))
    assert (table.encoding, "\r\n".join([";".join(table.header)] + [";".join(r.cells) for r in table.rows])) \
        == ("iso-8859-15", text.strip())
    assert [i.message for i in table.issues] == [
        "fichier lu en ISO-8859-15 (Latin-9), ses « € » et « œ » l'indiquent : vérifiez-les ; enregistrez-le en UTF-8"]


def test_a_cp1252_file_with_its_own_euro_sign_stays_cp1252():
    assert read_table("nom;montant\r\nClub \u00bd journ\u00e9e;12 \u20ac\r\n".encode("cp1252")).encoding == "cp1252"


def test_a_dos_cp850_file_with_capital_accents_is_decoded_as_cp850_with_a_warning():
    text = "titre;objet\r\nASSOCIATION D'ÉDUCATION POUR LA SANTÉ DE BÈGLES;éducation à la santé\r\n"
    table = read_table(text.encode("cp850"))
    assert (table.encoding, table.rows[0].cells) == ("cp850", ["ASSOCIATION D'ÉDUCATION POUR LA SANTÉ DE BÈGLES",
                                                               "éducation à la santé"])
    assert [i.message for i in table.issues] == [
        "fichier lu en CP850 (DOS), ses accents l'indiquent : vérifiez-les ; enregistrez-le en UTF-8"]


def test_a_cp1252_file_with_capital_accents_stays_cp1252():
    table = read_table("titre;objet\r\nMAISON DE SANTÉ DE BÈGLES;Accès aux soins\r\n".encode("cp1252"))
    assert (table.encoding, table.rows[0].cells) == ("cp1252", ["MAISON DE SANTÉ DE BÈGLES", "Accès aux soins"])


def test_a_utf8_file_with_a_line_in_cp1252_reads_each_line_in_its_own_and_names_that_line():
    data = ("nom;objet\nSCOP Santé Alpes;Séjour\nCPTS;Réunion\n".encode()
            + "Maison d'Échirolles;Accès\n".encode("cp1252"))
    table = read_table(data)
    assert ([r.cells for r in table.rows], table.repairs) == (
        [["SCOP Santé Alpes", "Séjour"], ["CPTS", "Réunion"], ["Maison d'Échirolles", "Accès"]], [])
    assert [(i.line, i.message) for i in table.issues] == [
        (4, "encodages mêlés : ligne 4 en Windows-1252, le reste en UTF-8 : chaque ligne lue dans le sien (vérifiez "
            "leurs accents)")]


def test_a_cp1252_file_with_a_z_caron_in_a_word_stays_cp1252():
    assert decode("Dvořák;Žižek;Brežnev;été\n".encode("cp1252", errors="replace")) == (
        "Dvo?ák;Žižek;Brežnev;été\n", "cp1252")


UTF16_LIST = codecs.BOM_UTF16_LE + "Numéro;Titre\r\n1;Vœu\r\n2;Motion\r\n".encode("utf-16-le")


def test_pitfall_3_utf16_cut_short_by_one_byte_is_read_with_a_warning():
    table = read_table(UTF16_LIST[:-1])
    assert [r.cells for r in table.rows] == [["1", "Vœu"], ["2", "Motion"]]
    assert [(i.level, i.message) for i in table.issues] == [
        ("warning", "fichier UTF-16 tronqué : son dernier octet, un demi-caractère, est ignoré")]


def test_pitfall_3_utf16_with_a_byte_lost_inside_is_refused_from_the_line_where_it_is_lost():
    at = UTF16_LIST.index("Motion".encode("utf-16-le"))
    damaged = UTF16_LIST[:at + 3] + UTF16_LIST[at + 4:]
    with pytest.raises(InputError, match="^fichier UTF-16 endommagé : un octet y manque, la suite est illisible$") \
            as error:
        read_table(damaged)
    assert error.value.issue.line == 3
    with pytest.raises(InputError, match="^fichier UTF-16 endommagé"):
        detect_kind(SourceContext(Path("liste.txt"), damaged))


@pytest.mark.parametrize("raw, fixed", [
    ("Aide notifiÃ©e ÃƒÂ  l'Europe", "Aide notifiée à l'Europe"),
    ("D‚partement de l'Aude", "Département de l'Aude"),
    ("en num‚raire", "en numéraire"),
    ("Mise en œuvre – l’été", "Mise en œuvre – l’été"),
])
def test_pitfall_4_mojibake_is_repaired(raw, fixed):
    assert repair_text(raw) == fixed


def test_pitfall_4_repairs_keep_the_raw_value_and_its_line():
    table = read("donneesessentielles2019_publiINTERNET_import_errors.csv")
    first = table.repairs[0]
    assert (first.line, first.column, first.raw, first.fixed) == (2, 0, "D‚partement de l'Aude", "Département de l'Aude")


@pytest.mark.parametrize("text, delimiter", [
    ("a;b;c\n1;2,5;3\n", ";"), ("a,b,c\n1,\"2;5\",3\n", ","), ("a\tb\tc\n1\t2,5\t3\n", "\t"),
])
def test_pitfall_8_the_separator_is_sniffed_whatever_the_extension(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_pitfall_9_a_quoted_multi_line_cell_among_unquoted_cells_of_a_tab_separated_file_loses_its_quotes():
    table = read_table('nom\tobjet\tmontant\nSCIC\t"Investissement : véhicules\npour les soins"\t120 000\n'.encode())
    assert [(r.line, r.cells) for r in table.rows] == [(2, ["SCIC", "Investissement : véhicules\npour les soins",
                                                             "120 000"])]


def test_pitfall_9_quoted_newlines_stay_inside_their_cell_and_rows_keep_their_first_line():
    table = read("donneesessentielles2019_publiINTERNET_import_errors.csv")
    assert [r.line for r in table.rows[:3]] == [2, 6, 10]
    assert table.rows[0].cells[5] == "Conservatoire Espaces Naturels \nL-R"


def test_pitfall_9_ooxml_line_break_escapes_become_newlines():
    table = read("VilleMTP_MTP_Delibs.csv")
    assert table.rows[4].cells[3] == ("Gestion Multimodale des Déplacements dans l'Agglomération de Montpellier\n"
                                      "Participation financière de la Ville de Montpellier")


def test_pitfall_9_a_row_cut_by_an_unquoted_newline_is_joined_back():
    table = read_table("id;titre;date\n1;Première ligne\nsuite;2014-01-01\n2;Autre;2014-01-02\n".encode())
    assert [r.cells for r in table.rows] == [["1", "Première ligne\nsuite", "2014-01-01"],
                                             ["2", "Autre", "2014-01-02"]]


@pytest.mark.parametrize("text, line, cells", [
    ("nom,montant,objet\nA,1500,Sport\nB,1234,56,Matériel\n", 3, 4),  # a decimal comma in an unquoted amount
    ("nom;objet;montant;nature\nA;Sport;1500;\nB;Tournoi; stages;2500;\n", 3, 5),  # the last, empty, cell pushed out
    ("id,titre,objet\nW061,ASSO, VIRGULE,a, b\n", 2, 5),  # the file's only row
])
def test_a_row_with_more_cells_than_the_header_is_refused_with_its_line(text, line, cells):
    table = read_table(text.encode())
    assert line not in [r.line for r in table.rows]
    assert [(i.level, i.line, i.message) for i in table.issues] == [
        ("error", line, f"{cells} cellules pour {len(table.header)} colonnes (un séparateur dans une valeur non entre "
                        "guillemets ?) : ligne ignorée")]


@pytest.mark.parametrize("text", [
    "nom;montant\nA;1500;\nB;2500;\n",  # every row ends with an extra separator
    "nom;montant;\nA;1500;note\nB;2500;\n",  # a value under a header cell left empty
])
def test_empty_cells_beyond_the_header_that_every_row_has_are_kept(text):
    table = read_table(text.encode())
    assert (table.issues, [r.cells[:2] for r in table.rows][:2]) == ([], [["A", "1500"], ["B", "2500"]])


@pytest.mark.parametrize("text, notes", [
    ("nom;montant\nA;1500;\nB;2500;\nSource : la ville\n", [4]),  # shorter than the rows ending with a separator
    ("nom,montant,objet\nA,1500,Sport\nSource : Direction des finances - extraction du 15/01/2024,,\n"
     "Mise à jour annuelle,,\n", [3, 4]),
    ("nom,montant,objet\nA,1500,Sport\nB,,\n", []),  # one cell, a name: a row (rejected by its kind)
    ("nom,montant,objet\nSource : la ville,,\nA,1500,Sport\n", []),  # above the data: a row
])
def test_note_lines_below_the_last_data_row_are_skipped_with_a_warning(text, notes):
    table = read_table(text.encode())
    assert [(i.level, i.line, i.message) for i in table.issues] == [
        ("warning", line, "note en pied de tableau, pas une ligne de données : ignorée") for line in notes]
    assert [r.line for r in table.rows] == [r for r in range(2, 2 + text.count("\n") - 1) if r not in notes]


@pytest.mark.parametrize("text, notes, rows", [
    ("nom;montant;objet\nA;1500;Sport\n;;\nSource : la ville;;\nTotal;1500;\n", [4], [2, 5]),
    ("nom;montant;objet\nA;1500;Sport\nTotal;1500;\nSource : la ville;;\nMise à jour annuelle;;\n", [4, 5], [2, 3]),
    ("nom;montant;objet\nA;1500;Sport\nSous-total sport;1500;\nSource : la ville;;\nTOTAL;1500;\n", [4],
     [2, 3, 5]),
    ("nom;montant;objet\nA;1500;Sport\nB;;\nTotal;1500;\n", [], [2, 3, 4]),  # a name, not prose: a row
])
def test_note_lines_among_or_above_the_totals_rows_below_the_data_are_skipped_and_the_totals_kept(text, notes, rows):
    table = read_table(text.encode())
    assert [(i.line, i.message) for i in table.issues] == [
        (line, "note en pied de tableau, pas une ligne de données : ignorée") for line in notes]
    assert [r.line for r in table.rows] == rows


@pytest.mark.parametrize("text, skipped", [
    ("nom;montant;objet\nA;1500;Sport\nNom;Montant;\nB;2500;Culture\n", [3]),
    ("nom;;montant\nA;x;1500\nnom;;montant\nB;y;2500\n", [3]),  # a column without a name
    ("nom;montant\nNom;12\nmontant;montant\n", []),  # one cell alike is a value; a column's name elsewhere too
])
def test_a_row_that_repeats_the_header_is_skipped_with_a_warning(text, skipped):
    table = read_table(text.encode())
    assert [(i.level, i.line) for i in table.issues] == [("warning", line) for line in skipped]
    assert len(table.rows) == text.count("\n") - 1 - len(skipped)


def test_the_issues_of_the_tables_read_are_collected_for_whoever_runs_the_extraction():
    with collected_issues() as issues:
        read_table(b"nom,montant\nA,1234,56\nB,12\n")
    assert [(i.line, i.message[:27]) for i in issues] == [(2, "3 cellules pour 2 colonnes ")]


@pytest.mark.parametrize("text, line", [
    ('nom;montant;objet\nA;1500;Sport\n"B;2500;Danse\nC;3000;Culture\nD;4000;Musique\n', 3),  # swallows rows
    ('nom;montant;objet\nA;1500;"Sport\n', 2),  # runs to the end of the file
    ('nom;"montant;objet\nA;1500;Sport\nB;2500;Danse\n', 1),  # in the header
])
def test_a_quote_never_closed_refuses_the_file_with_its_line_instead_of_merging_rows(text, line):
    with pytest.raises(InputError, match="^guillemet ouvert jamais fermé : la cellule avale les lignes suivantes$") \
            as error:
        read_table(text.encode(), known={"nom", "montant"})
    assert error.value.issue.line == line


def test_a_quote_never_closed_in_the_header_says_so_instead_of_an_unrecognised_kind():
    with pytest.raises(InputError, match="^guillemet ouvert jamais fermé") as error:
        detect_kind(SourceContext(Path("liste.csv"), b'nomBeneficiaire;"montant;objet\nA;1500;Sport\nB;20;Danse\n'))
    assert error.value.issue.line == 1


def test_a_quoted_cell_over_several_lines_with_a_separator_in_its_text_is_kept():
    text = 'a;b;c;d;e;f\n1;"Objet : achat ; pose\nsuite ; fin";3;4;5;6\n'
    assert read_table(text.encode()).rows[0].cells[1] == "Objet : achat ; pose\nsuite ; fin"


@pytest.mark.parametrize("raw, key", [
    ("NomAttribuant", "nomattribuant"), ("datesperiodeVersement", "datesperiodeversement"), ("Montant ", "montant"),
    (" Nom du bénéficiaire* ", "nomdubeneficiaire"), ("COLL_NOM", "collnom"),
])
def test_pitfall_10_headers_are_normalised(raw, key):
    assert normalise_header(raw) == key


@pytest.mark.parametrize("name", ["grants_header_row3.xlsx", "grants_header_row3.ods", "grants_header_row3.xls"])
def test_a_header_row_below_title_lines_is_found_in_spreadsheets(name):
    table = read(name, known={"nomdubeneficiaire", "montanttotaldelasubvention", "objet"})
    assert (table.header_line, table.header[4], [r.line for r in table.rows]) == (3, "Nom du bénéficiaire", [4, 5])


def test_the_sheet_whose_header_names_the_expected_columns_is_read_and_said_when_not_the_first():
    table = read("grants_notes_sheet_first.xlsx", known={"nomdubeneficiaire", "montanttotaldelasubvention", "objet"})
    assert (table.header_line, table.header[4], [r.cells[4] for r in table.rows]) == (
        3, "Nom du bénéficiaire", ["DanaeCare", "Association Les Aidants du Gier"])
    assert [(i.level, i.message) for i in table.issues] == [
        ("warning", "feuille « Subventions » lue, et non la première (« Lisez-moi ») : c'est son en-tête qui "
                    "nomme les colonnes attendues")]


def test_a_grants_sheet_after_sheets_of_notes_is_detected():
    path = FIXTURES / "grants_notes_sheet_first.xlsx"
    assert detect_kind(SourceContext(path, path.read_bytes())).name == "scdl-subventions"


def test_a_header_row_below_title_lines_is_found_in_csv():
    table = read_table("Liste 2024;;\n;;\nnom;objet;montant\nA;B;1\n".encode(), known={"nom", "montant"})
    assert (table.header_line, table.header, table.rows[0].line) == (3, ["nom", "objet", "montant"], 4)


def test_xlsx_numbers_keep_all_their_digits():
    table = read("DEP_Charente_Maritime_donnees-conventions-subventions.xlsx")
    assert (table.rows[0].cells[1], table.rows[0].cells[7]) == ("22170001600738", "164000")


def test_a_zip_bomb_spreadsheet_is_refused_before_it_is_inflated():
    with pytest.raises(InputError, match="classeur refusé : 5000004 octets une fois décompressé"):
        read("zip_bomb.xlsx")


def damaged_central_directory(seed: bytes) -> bytes:
    """``seed`` whose zip directory names its first member with bytes that are not UTF-8 under the UTF-8 flag."""
    directory = seed.rindex(b"PK\x01\x02", 0, seed.rindex(b"PK\x05\x06"))
    first = seed.index(b"PK\x01\x02")  # the first entry of the central directory
    assert first <= directory
    damaged = bytearray(seed)
    damaged[first + 8:first + 10] = (0x0800).to_bytes(2, "little")  # general purpose flags: the name is UTF-8
    damaged[first + 46] = 0xB8  # the name's first byte: a UTF-8 continuation byte where a character starts
    return bytes(damaged)


@pytest.mark.parametrize("name", ["DEP_Charente_Maritime_donnees-conventions-subventions.xlsx",
                                  "grants_header_row3.xlsx"])
def test_a_spreadsheet_whose_zip_directory_is_damaged_cannot_be_read_and_says_so(name):
    damaged = damaged_central_directory((FIXTURES / name).read_bytes())
    with pytest.raises(InputError, match=r"^classeur illisible \(archive zip corrompue\)$"):
        read_table(damaged)
    assert spreadsheet_error(damaged).issue.message == "classeur illisible (archive zip corrompue)"
    assert spreadsheet_error((FIXTURES / name).read_bytes()) is None


def test_a_damaged_spreadsheet_given_without_its_kind_says_it_cannot_be_read_not_that_its_kind_is_unknown():
    name = "DEP_Charente_Maritime_donnees-conventions-subventions.xlsx"
    damaged = damaged_central_directory((FIXTURES / name).read_bytes())
    with pytest.raises(InputError, match=r"^classeur illisible \(archive zip corrompue\)$"):
        detect_kind(SourceContext(Path(name), damaged))


def zeroed_fat(xls: bytes) -> bytes:
    """``xls`` whose allocation table (its only FAT sector, named first in the header) is a block of zeros."""
    at = (int.from_bytes(xls[0x4C:0x50], "little") + 1) * 512
    return xls[:at] + bytes(512) + xls[at + 512:]


LEGACY = (FIXTURES / "grants_header_row3.xls").read_bytes()


@pytest.mark.parametrize("data, why", [
    (LEGACY[:len(LEGACY) * 2 // 5], "tronqué ou endommagé"),
    (LEGACY[:4096], "tronqué ou endommagé"),
    (LEGACY[:-32], "tronqué ou endommagé"),
    (LEGACY[:1000] + LEGACY[1016:], "tronqué ou endommagé"),
    (zeroed_fat(LEGACY), "endommagé \\(table d'allocation incohérente\\)"),
], ids=["two-fifths", "4096-bytes", "last-32-bytes-cut", "16-bytes-lost-inside", "zeroed-allocation-table"])
def test_a_legacy_xls_cut_short_or_damaged_says_so_instead_of_crashing_the_reader(data, why):
    with pytest.raises(InputError, match=f"^classeur illisible : fichier .xls {why}"):
        read_table(data)
    assert spreadsheet_error(data).issue.message.startswith("classeur illisible : fichier .xls")


def test_a_legacy_xls_whose_damaged_record_aborts_the_reader_is_refused_and_the_reading_process_lives_on():
    damaged = LEGACY[:888] + bytes(16) + LEGACY[904:]  # a record's length zeroed: calamine asks for petabytes
    with pytest.raises(InputError, match=r"^classeur illisible : fichier .xls endommagé \(sa lecture a échoué\)$"):
        read_table(damaged)
    assert read_table(LEGACY, known={"objet"}).header_line == 3


def test_a_panic_of_the_spreadsheet_library_is_the_files_error(monkeypatch):
    from python_calamine import CalamineWorkbook

    class PanicException(BaseException):  # what pyo3 raises when Rust code panics: no Exception
        pass

    def panic(*args):
        raise PanicException("range start index 116 out of range for slice of length 112")

    monkeypatch.setattr(CalamineWorkbook, "from_filelike", panic)
    with pytest.raises(InputError, match="^classeur illisible : range start index 116 out of range"):
        read_table(LEGACY)


def test_a_spreadsheet_with_too_many_rows_is_refused():
    with pytest.raises(InputError, match="classeur refusé : 4 lignes \\(limite 3\\)"):
        read_table((FIXTURES / "grants_header_row3.xlsx").read_bytes(), max_rows=3)


def test_an_empty_file_cannot_be_read():
    with pytest.raises(InputError, match="fichier vide"):
        read_table(b"")


@pytest.mark.parametrize("name, data", [
    ("vide.csv", b""), ("bom.csv", codecs.BOM_UTF8), ("lignes.csv", b"\r\n\r\n"),
    ("unicode.txt", codecs.BOM_UTF16_LE + "\r\n".encode("utf-16-le")), ("vide.yaml", b""),
])
def test_an_empty_file_given_without_its_kind_is_said_empty_not_unrecognised(name, data):
    with pytest.raises(InputError, match="^fichier vide$"):
        detect_kind(SourceContext(Path(name), data))


def test_blank_rows_are_dropped():
    assert len(read("DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv").rows) == 13


@pytest.mark.parametrize("path", sorted(p for p in FIXTURES.iterdir() if p.suffix.lower() in (".csv", ".tsv", ".txt")),
                         ids=lambda p: p.name)
def test_a_text_file_reads_the_same_whether_or_not_its_cells_are_looked_at_one_by_one(path, monkeypatch):
    import graph.tabular as tabular

    fast = read_table(path.read_bytes())
    monkeypatch.setattr(tabular, "_suspect_lines", lambda text: None)  # None: every cell goes through repair
    slow = read_table(path.read_bytes())
    assert (fast.header, fast.rows, fast.repairs) == (slow.header, slow.rows, slow.repairs)


def test_cells_of_a_file_without_mojibake_are_stripped():
    table = read_table(b"nom;ville\n  Alpha ; Lyon \n")
    assert (table.rows[0].cells, table.repairs) == (["Alpha", "Lyon"], [])


def test_one_mojibake_cell_among_clean_rows_is_repaired_and_recorded():
    text = "nom;ville\n" + "Alpha;Lyon\n" * 50 + "Aide notifiÃ©e;Lyon\n"
    table = read_table(text.encode())
    assert table.rows[-1].cells[0] == "Aide notifiée"
    assert [(r.line, r.column, r.raw) for r in table.repairs] == [(52, 0, "Aide notifiÃ©e")]


def test_a_mojibake_cell_on_the_second_line_of_a_quoted_cell_is_repaired():
    text = 'nom;ville\nAlpha;Lyon\n"Ligne un\nAide notifiÃ©e";Lyon\nBeta;"CHÂTEAU"\n'
    table = read_table(text.encode())
    assert [r.cells for r in table.rows] == [["Alpha", "Lyon"], ["Ligne un\nAide notifiée", "Lyon"],
                                             ["Beta", "CHÂTEAU"]]
    assert [(r.line, r.column) for r in table.repairs] == [(3, 0)]


def test_mojibake_in_a_row_joined_back_after_an_unquoted_newline_is_repaired():
    table = read_table("id;titre;date\n1;Premi\u00c3\u00a8re\nsuite;2014-01-01\n2;Autre;2014-01-02\n".encode())
    assert table.rows[0].cells == ["1", "Première\nsuite", "2014-01-01"]
