"""A grants list's SIREN column read beside its SIRET column (« SIRET » and « SIREN », « idAttribuant » and « SIREN
attribuant »): the SIRET is read (:func:`graph.ingest.scdl_headers.map_columns`), the SIREN where the SIRET is
missing or invalid (a row without it had no identifier), and each row whose SIREN is not its SIRET's first nine
digits is said, with both numbers and the one kept: the SIRET when its check digit is valid, else the SIREN.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph.identifiers import clean_identifier
from graph.ingest.scdl_headers import SIREN_BESIDE
from graph.tabular import Row

if TYPE_CHECKING:
    from graph.ingest.scdl_grant_values import GrantCellReader


def with_siren(reader: GrantCellReader, row: Row, field: str, siren: str | None, siret: str | None
               ) -> tuple[str | None, str | None]:
    """Return the (SIREN, SIRET) of ``row``'s party whose identifier ``field`` (``beneficiary_id``,
    ``funder_id``) gave ``siren`` and ``siret``, its SIREN column beside read as the module says; as they are when
    the list has no such column or the row's cell is empty or invalid (its own cell's warning says why)."""
    beside = SIREN_BESIDE[field]
    if beside not in reader.cols or not reader.get(row, beside):
        return siren, siret
    stated, stated_siret, _ = reader.ids_from(row, beside)
    if stated is None:
        return siren, siret
    written = clean_identifier(reader.get(row, field))
    if siret is not None:
        if stated != siret[:9]:
            _warn(reader, row, field, stated, siret, ("le SIRET, valide, est retenu", "the SIRET, valid, is kept"))
        return siren, siret
    if siren is not None and siren != stated:  # the SIRET column's 9 digits: a SIREN of its own
        _warn(reader, row, field, stated, written, ("le SIREN de la colonne SIREN est retenu",
                                                    "the SIREN column's SIREN is kept"))
    elif siren is None and written.isdigit() and len(written) >= 9 and written[:9] != stated:
        _warn(reader, row, field, stated, written, ("ce SIRET étant invalide, le SIREN est retenu",
                                                    "that SIRET being invalid, the SIREN is kept"))
    return stated, stated_siret


def _warn(reader: GrantCellReader, row: Row, field: str, siren: str, siret: str, kept: tuple[str, str]) -> None:
    """Say that ``row``'s SIREN column gives ``siren``, which is not the first nine digits of ``siret`` that its
    identifier column ``field`` gives, and which is ``kept`` (French, English)."""
    beside, column = reader.header(SIREN_BESIDE[field]), reader.header(field)
    reader.warn(row, SIREN_BESIDE[field], f"SIREN {siren} (colonne « {beside} ») différent des neuf premiers chiffres "
                f"du SIRET {siret} (colonne « {column} ») : {kept[0]} ; vérifiez lequel est juste",
                f"SIREN {siren} (column '{beside}') other than the first nine digits of SIRET {siret} (column "
                f"'{column}'): {kept[1]}; check which is right", reader.get(row, SIREN_BESIDE[field]))
