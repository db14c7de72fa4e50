"""A grants workbook's duplicate-column warning names its columns by their letters."""
from pathlib import Path

from graph.ingest.base import SourceContext
from graph.ingest.scdl_grants import extract
from workbooks import SheetSpec, xlsx


def test_duplicate_columns_of_a_workbook_are_named_by_their_letters_not_their_place_after_hidden_ones():
    """f06/f17: « montant » (G, hidden) and « Montant voté » (H) were said « (7) » and « (6) »: the hidden column is
    read after the visible one, which moved both."""
    rows = [["nomAttribuant", "idAttribuant", "nomBeneficiaire", "idBeneficiaire", "objet", "dateConvention",
             "montant", "Montant voté"],
            ["Ville de Firminy", "21420099200014", "Club", "", "X", "2024-03-01", 900, 1200]]
    ex = extract(SourceContext(Path("subventions.xlsx"), xlsx(SheetSpec("S", rows, hidden_columns=[6]))))
    assert [i.message.split(" : ")[0] for i in ex.issues if i.message.startswith("colonnes")] == [
        "colonnes « Montant voté » (H) et « montant » (G) lues comme un même champ"]
