"""A deliberation's attendance lists against its stated counts: a PDF printed from a Markdown text reads its lists as
the text does, and a list whose names read are not as many as its count says (none at all under its heading) is
warned of at the line of the count."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.delib_facts import extract_fixture, session_facts
from graph.namespaces import MAI
from tests.pdf_writing import pdf_bytes

HEAD = ["**SAINT-ÉTIENNE MÉTROPOLE**", "", "**EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS**", "",
        "**SÉANCE DU BUREAU DU 16 MAI 2024**", "",
        "**DÉLIBÉRATION N° 2024.00240**", ""]
COUNTS = ["Nombre de membres en exercice : 7", "", "Nombre de présents : 5", "", "Nombre de pouvoirs : 1", ""]
LISTS = ["**Membres titulaires présents :**", "", "Mme Christiane BARAILLER, M. Jean-Alain BARRIER,  ",
         "M. Denis BARRIOL, M. Jean-Luc BASSON, M. Eric BERLIVET", "", "**Pouvoirs :**", "",
         "M. Gilles ARTIGUES donne pouvoir à M. Jean-Luc BASSON", "", "**Membres titulaires absents excusés :**", "",
         "Mme Ingrid ARNAUD", ""]
DECISION = ["**Le Bureau, après en avoir délibéré :**", "",
            "- **approuve le versement d'une subvention de fonctionnement à Danaecare d'un montant de 20 000 € ;**",
            "", "**Ce dossier a été adopté à l'unanimité.**"]


def markdown_pdf(lines: list[str]) -> bytes:
    """A one-page PDF that writes ``lines`` as they are, one under the other in Helvetica, Markdown marks and all:
    a text file printed as it is, as a data steward makes one."""
    shown = "".join(f"({_escaped(line)}) '\n" for line in lines)  # each line shown on the next
    stream = f"BT /F1 8 Tf 40 800 Td 11 TL\n{shown}ET".encode("cp1252")
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                      b"/Resources << /Font << /F1 5 0 R >> >> >>",
                      b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
                      b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"])


def _escaped(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def extracted(tmp_path: Path, lines: list[str], suffix: str = ".txt"):
    path = tmp_path / f"deliberation{suffix}"
    if suffix == ".pdf":
        path.write_bytes(markdown_pdf(lines))
    else:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return extract_fixture(path)


def attendance(extraction) -> dict:
    graph = extraction.graph
    return session_facts(graph, next(graph.subjects(MAI.membersPresent, None)))


def count_warnings(extraction) -> list:
    return [(i.message, i.line) for i in extraction.issues
            if "listés pour" in i.message or "aucun nom lu" in i.message]


def test_a_pdf_printed_from_a_markdown_text_reads_its_attendance_lists_as_the_text_does(tmp_path):
    lines = HEAD + COUNTS + LISTS + DECISION
    text, pdf = extracted(tmp_path, lines), extracted(tmp_path, lines, ".pdf")
    assert (pdf.stats["persons"], pdf.stats["present"]) == (text.stats["persons"], text.stats["present"]) == (7, 5)
    assert attendance(pdf) == attendance(text)
    assert attendance(pdf)["excused"] == 1 and attendance(pdf)["proxies"] == 1
    assert count_warnings(pdf) == count_warnings(text) == []


@pytest.mark.parametrize("suffix", [".txt", ".pdf"])
def test_a_list_of_the_present_shorter_than_its_count_is_warned_of_at_the_line_of_the_count(tmp_path, suffix):
    cut = LISTS[:2] + LISTS[3:]  # the list's first line lost: three names for five
    extraction = extracted(tmp_path, HEAD + COUNTS + cut + DECISION, suffix)
    warned = [i for i in extraction.issues if "listés pour" in i.message]
    assert [(i.message, i.message_en) for i in warned] == [("3 présents listés pour 5 annoncés",
                                                            "3 present listed, 5 stated")]
    # the line of "Nombre de présents : 5" in the text file; its page in the PDF
    assert (warned[0].line, warned[0].field) == ((11, None) if suffix == ".txt" else (None, "page 1"))


def test_a_list_of_the_present_announced_and_empty_is_warned_of_against_its_count(tmp_path):
    counts = [line.replace(": 5", ": 54").replace(": 7", ": 68") for line in COUNTS]
    extraction = extracted(tmp_path, HEAD + counts + ["**Membres titulaires présents :**", ""] + LISTS[5:]
                           + DECISION)
    assert extraction.stats["present"] == 0
    assert [(i.message, i.message_en, i.line) for i in extraction.issues if "aucun nom lu" in i.message] == [
        ("liste des présents : aucun nom lu pour 54 annoncés ; liste coupée, ou écrite d'une façon qui n'est pas "
         "lue, à vérifier",
         "list of present: no name read, 54 stated; the list is cut, or written in a way that is not read, to be "
         "checked", 11)]


@pytest.mark.parametrize("lists", [
    [],  # the counts alone, as many texts give them
    ["Présents : la liste des présents est annexée au registre.", ""],
    ["Étaient présents : les membres du Conseil, sauf ceux nommés ci-après.", ""],
    LISTS,  # as many names as stated
])
def test_a_count_of_the_present_without_a_list_of_names_or_agreeing_with_it_is_not_warned_of(tmp_path, lists):
    extraction = extracted(tmp_path, HEAD + COUNTS + lists + DECISION)
    assert count_warnings(extraction) == []
