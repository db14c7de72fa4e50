"""An import's report names a workbook's format as its encoding — « xls » for a legacy XLS, « xlsx », « ods » —
where it said « xlsx/ods » of them all; a register read from a workbook names it so too."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest import register, scdl_grants
from graph.ingest.base import SourceContext
from graph.spreadsheets import workbook_format
from graph.tabular import read_table
from workbooks import SheetSpec, ods, xls, xlsx

WRITERS = {"xlsx": xlsx, "ods": ods, "xls": xls}
GRANTS = [["nomAttribuant", "idAttribuant", "nomBeneficiaire", "objet", "montant"],
          ["Ville de Lussac", "21860194600013", "Club A", "Sport", 900]]


@pytest.mark.parametrize("kind", ["xls", "xlsx", "ods"])
def test_a_grants_workbooks_report_gives_its_format_as_its_encoding(kind):
    ex = scdl_grants.extract(SourceContext(Path(f"subventions.{kind}"), WRITERS[kind](SheetSpec("S", GRANTS))))
    assert ex.stats["encoding"] == kind


@pytest.mark.parametrize("kind", ["xls", "xlsx", "ods"])
def test_a_workbooks_table_and_format_are_its_own(kind):
    data = WRITERS[kind](SheetSpec("S", [["nom", "montant"], ["A", 1]]))
    assert (workbook_format(data), read_table(data, known={"nom", "montant"}).encoding) == (kind, kind)


def test_a_text_tables_encoding_is_its_texts():
    assert (workbook_format(b"nom;montant\nA;1\n"), read_table(b"nom;montant\nA;1\n").encoding) == (None, "utf-8")


def test_a_legacy_xls_register_without_a_ptce_line_is_called_an_xls_one():
    book = xls(SheetSpec("S", [["name", "kind", "circle", "joined"], ["A", "association", "coeur", "2024-01-15"]]))
    ex = register.extract(SourceContext(Path("registre.xls"), book))
    assert [i.message for i in ex.issues] == [
        "registre XLS sans ligne « # ptce: NOM » avant l'en-tête : le PTCE est nommé d'après le fichier (« registre »)"]
