"""A PDF has no lines of its own: a warning that locates what it says (a date that cannot be, an amount that cannot
be right) names the page that writes it, as the issue's field ("page 2"), where that page is certain; no page where
the value runs over two pages, or is written twice (an amount), or lies in a table run on over pages.
"""

from __future__ import annotations

from pathlib import Path

from graph.ingest.delib_facts import extract_fixture
from graph.ingest.delib_pdf import PageText
from graph.ingest.delib_pdf_text import pdf_pages, pdf_text
from tests.pdf_writing import pdf_bytes

_HEAD = ["VILLE DE PORT-LAVANDE-FICTIVE", "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS", "DU CONSEIL MUNICIPAL",
         "Séance du 2 décembre 2024"]
_GRANT = ["Délibération n° 2024-118", "Objet : Subvention à l'association Les Mouettes", "",
          "Le Conseil municipal, après en avoir délibéré,", "DÉCIDE d'attribuer une subvention de 0 €",
          "à l'association Les Mouettes."]


def text_pdf(*pages: list[str]) -> bytes:
    """A PDF of ``pages``, each a list of lines in Helvetica, one under the other from the top of an A4 page."""
    count = len(pages)
    kids = " ".join(f"{3 + 2 * k} 0 R" for k in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode()]
    font = 3 + 2 * count
    for k, lines in enumerate(pages):
        shown = b" T* ".join(b"(" + _escaped(line) + b") Tj" for line in lines)
        stream = b"BT /F1 11 Tf 14 TL 50 790 Td " + shown + b" ET"
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * k} 0 R "
                       f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    return pdf_bytes(objects)


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
    assert [read.text[start:end] for start, end in read.spans] == ["\n".join(_HEAD), "\n".join(_GRANT[:2] + _GRANT[3:])]


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


def test_a_table_run_on_over_the_next_page_is_no_part_of_its_pages_own_text():
    # its rows are of two pages: what it holds is on neither for certain
    page = PageText(stamps=["Reçu en préfecture"], body=[("Objet", None), ("| A | 0 € |", None)], margin=["Ville"],
                    turned=["Publié"], runs_on=True)
    assert page.text() == "Reçu en préfecture\nVille\nObjet\n| A | 0 € |\nPublié"
    assert page.own_text() == "Reçu en préfecture\nVille\nObjet"
    assert PageText(body=[("| A | 0 € |", None)], runs_on=True).own_text() == ""
