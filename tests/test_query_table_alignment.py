"""A query's text table (``maillage query … --format table``) keeps its columns in line whatever its cells hold
(the blind user's u5 finding 9): an IRI longer than a text cell's width, a text cut with « … », an accent written
apart from its letter (a decomposed « é »), East Asian wide characters.

Strategy: :func:`webapp.reports.format_rows` and :func:`webapp.reports.format_table` on rows built inline, each line
checked by where its columns start as a terminal shows them (:func:`webapp.reports.shown_width`); then the command
line on a small Turtle file, as the user ran it.
"""

from __future__ import annotations

import unicodedata

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from graph.results import RowsResult
from webapp.cli import main
from webapp.reports import CELL_WIDTH, cut_cell, format_rows, format_table, shown_width

LONG_IRI = "https://w3id.org/maillage/id/source/" + "registre-ptce-sante-" * 5 + "v2"
ACCENTED = "Préfecture de la Loire — économie sociale et solidaire"


def column_starts(line: str, values: list[str]) -> list[int]:
    """Where each of ``values`` starts in ``line``, in terminal columns (each found after the one before it)."""
    starts, at = [], 0
    for value in values:
        index = line.index(value, at)
        starts.append(shown_width(line[:index]))
        at = index + len(value)
    return starts


def assert_lined_up(table: str, rows: list[list[str]]) -> None:
    """Every row of ``table`` (after its header and rule) starts each column where the header's does."""
    header, *lines = table.splitlines()
    expected = column_starts(header, header.split())
    for line, row in zip(lines[1:], rows):
        assert column_starts(line, row) == expected, line


def test_an_iri_longer_than_a_text_cell_keeps_the_next_column_in_line():
    assert len(LONG_IRI) > CELL_WIDTH
    rows = [[LONG_IRI, "12"], ["https://ex.org/g", "3"]]
    assert_lined_up(format_rows(["graph", "triples"], rows), rows)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_accented_letters_however_written_take_one_column_each(form):
    name = unicodedata.normalize(form, ACCENTED)
    rows = [[name, "1"], ["DanaeCare", "2"]]
    assert_lined_up(format_rows(["name", "n"], rows), rows)


def test_east_asian_wide_characters_take_two_columns_each():
    rows = [["漢字の名前", "1"], ["DanaeCare", "2"]]
    assert_lined_up(format_rows(["name", "n"], rows), rows)


@pytest.mark.parametrize("text", ["mot " * 40, unicodedata.normalize("NFD", "édition " * 20), "漢" * 60],
                         ids=["words", "decomposed-accents", "wide"])
def test_a_long_text_is_cut_to_the_cells_width_as_shown_and_marked(text):
    cut = cut_cell(text)
    assert cut.endswith("…") and shown_width(cut) <= CELL_WIDTH
    assert text.startswith(cut[:-1]) and not unicodedata.combining(text[len(cut) - 1])  # no accent torn off


def test_a_result_table_with_a_long_iri_and_a_cut_text_lines_up():
    result = RowsResult("select", ["g", "label", "n"], [(URIRef(LONG_IRI), Literal("mot " * 40), Literal(7)),
                                                        (URIRef("https://ex.org/g"), Literal("é"), Literal(12))])
    table = format_table(result)
    shown = [[LONG_IRI, cut_cell("mot " * 40).rstrip(), "7"], ["https://ex.org/g", "é", "12"]]
    assert_lined_up(table, shown)


def test_the_query_command_lines_up_a_count_after_a_long_iri(tmp_path):
    path = tmp_path / "long.ttl"
    path.write_text(f'<{LONG_IRI}> <https://ex.org/p> "x" .\n<https://ex.org/g> <https://ex.org/p> "y", "z" .\n',
                    encoding="utf-8")
    data = str(tmp_path / "data")
    CliRunner().invoke(main, ["--data", data, "ingest", str(path)], catch_exceptions=False)
    out = CliRunner().invoke(main, ["--data", data, "query", "--format", "table",
                                    "SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s <https://ex.org/p> ?o } GROUP BY ?s "
                                    "ORDER BY ?n"])
    assert out.exit_code == 0, out.output
    assert_lined_up(out.stdout, [[LONG_IRI, "1"], ["https://ex.org/g", "2"]])
