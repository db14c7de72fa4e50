"""A PDF has no lines of its own: a warning that locates what it says (a date that cannot be, an amount that cannot
be right) names the page that writes it, as the issue's field ("page 2"), where that page is certain (a table's row
too, the table run on over pages or not); no page where the value runs over two pages, or is written twice (an
amount), or lies in a table's row that a page break split.
"""

from __future__ import annotations

from pathlib import Path

from graph.ingest.delib_facts import extract_fixture
from graph.ingest.delib_pdf import PageText
from graph.ingest.delib_pdf_tables import GridTable
from graph.ingest.delib_pdf_text import pdf_pages, pdf_text
from tests.pdf_writing import pdf_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "deliberations" / "pdf"
_HEAD = ["VILLE DE PORT-LAVANDE-FICTIVE", "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS", "DU CONSEIL MUNICIPAL",
         "Séance du 2 décembre 2024"]
_GRANT = ["Délibération n° 2024-118", "Objet : Subvention à l'association Les Mouettes", "",
          "Le Conseil municipal, après en avoir délibéré,", "DÉCIDE d'attribuer une subvention de 0 €",
          "à l'association Les Mouettes."]


def text_pdf(*pages: list[str | list[tuple[str, int]]]) -> bytes:
    """A PDF of ``pages``, each a list of lines in Helvetica, one under the other from the top of an A4 page; a line
    of a table given as its cells, each (text, x)."""
    count = len(pages)
    kids = " ".join(f"{3 + 2 * k} 0 R" for k in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode()]
    font = 3 + 2 * count
    for k, lines in enumerate(pages):
        shown = b" ".join(b"1 0 0 1 %d %d Tm (" % (x, 790 - 14 * n) + _escaped(text) + b") Tj"
                          for n, line in enumerate(lines) for text, x in _cells(line))
        stream = b"BT /F1 11 Tf " + shown + b" ET"
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * k} 0 R "
                       f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    return pdf_bytes(objects)


def _cells(line: str | list[tuple[str, int]]) -> list[tuple[str, int]]:
    return [(line, 50)] if isinstance(line, str) else line


def _escaped(line: str) -> bytes:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252")


def _extract(tmp_path: Path, *pages: list[str]):
    path = tmp_path / "deliberation.pdf"
    path.write_bytes(text_pdf(*pages))
    return extract_fixture(path)


def _said(extraction, start: str) -> list:
    return [i for i in extraction.issues if i.message.startswith(start) and i.level == "warning"]


def test_the_pdfs_text_is_its_pages_joined_and_each_pages_span_holds_its_own_text():
    data = text_pdf(_HEAD, _GRANT)
    read = pdf_pages(data)
    assert read.text == pdf_text(data)
    assert [(read.text[start:end], page) for start, end, page in read.spans] == [
        ("\n".join(_HEAD), 1), ("\n".join(_GRANT[:2] + _GRANT[3:]), 2)]


def test_a_date_or_an_amount_is_said_at_the_page_of_the_pdf_that_writes_it(tmp_path):
    extraction = _extract(tmp_path, _HEAD, _GRANT, ["Affiché le 2024-02-30", "Le Maire, Jean Dupont"])
    date, = _said(extraction, "date impossible « 2024-02-30 »")
    assert (date.line, date.field) == (None, "page 3")
    amount, = _said(extraction, "« Les Mouettes » : subvention de 0 €")
    assert (amount.line, amount.field) == (None, "page 2")
    assert amount.format("deliberation.pdf").startswith("deliberation.pdf: page 2: avertissement : « Les Mouettes »")


def test_a_date_wrapped_over_two_lines_of_a_page_is_said_at_that_page(tmp_path):
    extraction = _extract(tmp_path, _HEAD, _GRANT + ["Affiché le 30 février", "2024, le Maire"])
    date, = _said(extraction, "date impossible « 30 février 2024 »")
    assert (date.line, date.field) == (None, "page 2")


def test_a_date_written_across_two_pages_is_said_at_no_page(tmp_path):
    extraction = _extract(tmp_path, _HEAD + _GRANT + ["Affiché le 30 février"], ["2024", "Le Maire, Jean Dupont"])
    date, = _said(extraction, "date impossible « 30 février 2024 »")
    assert (date.line, date.field) == (None, None)


def test_an_amount_written_on_two_pages_is_said_at_no_page(tmp_path):
    # which of the two is the grant's, the pages cannot tell: no page rather than a wrong one
    extraction = _extract(tmp_path, _HEAD + ["Reste à charge : 0 €"], _GRANT)
    amount, = _said(extraction, "« Les Mouettes » : subvention de 0 €")
    assert (amount.line, amount.field) == (None, None)


def _row(name: str, purpose: str, amount: str) -> list[tuple[str, int]]:
    """A grants table's row, its columns 200 pt apart: no vertical rule, as a word processor draws it."""
    return [(name, 50), (purpose, 250), (amount, 450)]


def test_a_value_in_a_row_of_a_table_run_on_over_pages_is_said_at_the_page_that_writes_the_row(tmp_path):
    # the table is one in the text, at the page where it begins; each row is still of its own page, the second
    # page's all rows of it
    first = _HEAD + _GRANT[:4] + ["DÉCIDE d'attribuer les subventions suivantes :"]
    first += [_row("Bénéficiaire", "Objet", "Montant"), _row("Club A", "Fête du 30 février 2024", "100 €")]
    second = [_row("Club B", "Fonctionnement", "200 €"), _row("Club C", "Fête du 31/04/2024", "300 €")]
    third = [_row("Club D", "Fonctionnement", "30 000 000 000 €"), "", "Adopté à l'unanimité.", "Le Maire"]
    extraction = _extract(tmp_path, first, second, third)
    assert extraction.stats["grants"] == 4
    assert [(i.message.split(" :")[0], i.field) for i in extraction.issues] == [
        ("date impossible « 30 février 2024 »", "page 1"), ("date impossible « 31/04/2024 »", "page 2"),
        ("« Club D »", "page 3")]


def test_a_row_that_a_page_break_split_is_of_no_page_and_the_rows_after_it_are_of_the_next_page():
    read = pdf_pages((FIXTURES / "tableau-filets-ouverts-ligne-coupee-par-la-page.pdf").read_bytes())
    pages, start = {}, 0  # the page of each row, by its first cell
    for line in read.text.split("\n"):
        pages[line.split(" | ")[0].strip("| ")], start = read.page_of(start, start + len(line)), start + len(line) + 1
    split = "Association pour la sauvegarde du patrimoine religieux et des chapelles rurales du canton de Haute-Brèche"
    assert [pages[name] for name in ("Harmonie de Fontbelle", split, "Les Randonneurs du Val", "Total")] == [
        1, None, 2, 2]


def test_the_lines_of_a_page_are_its_own_but_the_rows_of_its_table_run_on_over_the_next_pages():
    table = GridTable(0, ["Bénéficiaire", "Montant"], [], [1], [1], [["A", "0 €"], ["B", "5 €"], ["C", "6 €"]],
                      [True, True, True], pages=[4, None, 5])
    page = PageText(stamps=["Reçu en préfecture"], body=[("Objet", None), (table.text(), table)], margin=["Ville"],
                    turned=["Publié"], runs_on=True)
    assert page.written(4) == [("Reçu en préfecture", 4), ("Ville", 4), ("Objet", 4),
                               ("| Bénéficiaire | Montant |", 4), ("| A | 0 € |", 4), ("| B | 5 € |", None),
                               ("| C | 6 € |", 5), ("Publié", 4)]
