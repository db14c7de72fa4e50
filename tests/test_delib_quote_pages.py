"""A quote of a deliberation read from a PDF says the page of the PDF where it starts (``mai:pageStart``) and, when it
runs on over the next page, the page where it ends (``mai:pageEnd``), so that an auditor finds it in the printed PDF;
a text file has no pages, and its quotes none.

Fixture strategy: the repository's own PDFs, each read once for the module (pdfplumber takes a second or two a
file); the pages are checked against pdfplumber's own reading of each page, not against the reader's.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pdfplumber

from graph.ingest.delib_facts import extract_fixture
from graph.namespaces import MAI, OA

FIXTURES = Path(__file__).parent / "fixtures" / "deliberations"
PRINTED = FIXTURES / "pdf" / "saint-etienne-metropole-imprimee.pdf"
MONTPELLIER = FIXTURES / "2014-04-24-0000071276.pdf"
SPLIT_ROW = FIXTURES / "pdf" / "tableau-filets-ouverts-ligne-coupee-par-la-page.pdf"
EXAMPLE = Path(__file__).parent.parent / "examples" / "deliberations" / \
    "saint-etienne-metropole-2024-00240-danaecare.txt"


@cache
def quotes(path: Path) -> list[tuple[str, int | None, int | None]]:
    """Each quote of the file's extraction: its words, the page where it starts and the page where it ends."""
    graph = extract_fixture(path).graph
    found = []
    for selector, _, exact in graph.triples((None, OA.exact, None)):
        first, last = (next((int(page) for page in graph.objects(selector, p)), None)
                       for p in (MAI.pageStart, MAI.pageEnd))
        found.append((" ".join(str(exact).split()), first, last))
    return sorted(found, key=str)


def pages_of(path: Path, opening: str) -> set[tuple[int | None, int | None]]:
    """The pages of the quotes of ``path`` that open with ``opening``."""
    return {(first, last) for words, first, last in quotes(path) if words.startswith(opening)}


@cache
def printed_pages(path: Path) -> list[str]:
    """Each page's words as pdfplumber reads them, one space apart."""
    with pdfplumber.open(path) as pdf:
        return [" ".join(re.findall(r"\w+", page.extract_text() or "")) for page in pdf.pages]


def pages_writing(path: Path, words: str) -> list[int]:
    """The numbers of the pages whose words, as pdfplumber reads them, hold ``words``."""
    wanted = " ".join(re.findall(r"\w+", words))
    return [n for n, page in enumerate(printed_pages(path), 1) if wanted in page]


def test_the_founding_deliberations_grant_is_quoted_on_the_page_that_prints_its_amount():
    assert pages_writing(PRINTED, "de 20 000 € dans le cadre") == [3]
    assert pages_of(PRINTED, "- approuve le versement d'une subvention de fonctionnement à Danaecare") == {(3, None)}


def test_a_quote_on_the_second_page_of_a_pdf_says_page_2_and_one_on_the_first_page_1():
    assert pages_writing(MONTPELLIER, "approuver la convention type annexée") == [2]
    assert pages_of(MONTPELLIER, "approuver la convention type annexée") == {(2, None)}
    assert pages_writing(MONTPELLIER, "Crédits inscrits au chapitre 920") == [1]
    assert pages_of(MONTPELLIER, "Crédits inscrits au chapitre 920") == {(1, None)}


def test_a_table_row_that_a_page_break_splits_starts_on_one_page_and_ends_on_the_next():
    row = "| Association pour la sauvegarde du patrimoine religieux"
    assert (pages_writing(SPLIT_ROW, "sauvegarde du patrimoine"), pages_writing(SPLIT_ROW, "religieux et des chapelles")
            ) == ([1], [2])
    assert pages_of(SPLIT_ROW, row) == {(1, 2)}


def test_a_stamp_moved_after_the_body_is_paged_where_the_pdf_prints_its_lines():
    assert (pages_writing(PRINTED, "RECU EN PREFECTURE"), pages_writing(PRINTED, "99_DE")) == ([1], [2])
    assert pages_of(PRINTED, "RECU EN PREFECTURE") == {(1, 2)}


def test_every_quote_of_a_pdf_starts_on_a_page_that_prints_its_first_words_and_ends_on_one_that_prints_its_last():
    """On the founding deliberation printed by a browser, whose text pdfplumber reads word for word (a scanned
    register's letter-spaced stamp, « 0 34-213401722 », it does not)."""
    wrong = []
    for words, first, last in quotes(PRINTED):
        opening, closing = (" ".join(w) for w in (re.findall(r"\w+", words)[:2], re.findall(r"\w+", words)[-2:]))
        if first is None or first not in pages_writing(PRINTED, opening) \
                or (last or first) not in pages_writing(PRINTED, closing):
            wrong.append((words[:60], first, last))
    assert len(quotes(PRINTED)) > 30 and wrong == []


def test_a_text_files_quotes_have_no_page():
    assert quotes(EXAMPLE) and {(first, last) for _, first, last in quotes(EXAMPLE)} == {(None, None)}
