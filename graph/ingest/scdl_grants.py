"""The SCDL *subventions* kind: grants lists (v2.1.1, SCDL 1, Etalab 2017, human labels) as CSV, XLSX or ODS.

Each row becomes a ``mai:Grant`` ``mint("grant", source key, idSubvention)`` (rows sharing an idSubvention,
co-beneficiaries, add their beneficiary's key), or, without an idSubvention, minted from its beneficiary's key, date
and decision reference, never its line nor its amount, so that a corrected list keeps its other grants' addresses
(:mod:`graph.ingest.scdl_grant_addresses`), with its funder (a ``mai:PublicAuthority``), its beneficiary
(``mai:Association`` when an RNA number or the name says so, else ``mai:Actor``), the beneficiary's amount
(``schema:amount`` = montant × pourcentageSubvention, the total kept as ``mai:statedTotal`` when the share is below
1; montant itself, with a warning, when the rows of one idSubvention, or of one decision and purpose, each state
their beneficiary's share of their sum: :meth:`graph.ingest.scdl_grant_reports.GrantReports.join_own_amounts`,
:meth:`~graph.ingest.scdl_grant_reports.GrantReports.check_stated_amounts`), purpose, idSubvention
(``dcterms:identifier``), dates, decision reference and nature, and the SIRETs the row gives its funder and
beneficiary (``mai:funderSiret``, ``mai:beneficiarySiret``: an actor keeps those of all its establishments the list
names, a grant its row's).

Rows without a funder, a beneficiary or a readable amount are rejected (file, line, field, value, reason); the
others are kept, repaired values and doubtful identifiers reported as warnings. Totals rows, and the page numbers
of a printed report, are skipped with a warning (:mod:`graph.ingest.scdl_checks`); a file none of whose rows is
kept is refused whole (InputError), so that it replaces nothing stored. A list without funder columns needs
``--funder "NOM[;SIRET]"`` (``ctx.options["funder"]``).

This module is the kind (detection, required columns, the ``--funder`` option); the rows are turned into grants by
:mod:`graph.ingest.scdl_grant_rows` (described by :mod:`graph.ingest.scdl_grant_description`, what they say together
said by :mod:`graph.ingest.scdl_grant_reports`), their cells read by :mod:`graph.ingest.scdl_grant_values`.

>>> from pathlib import Path
>>> data = "nomAttribuant;idAttribuant;nomBeneficiaire;montant\\nVille;21060004500392;Club;1 000,50\\n".encode()
>>> ex = extract(SourceContext(Path("s.csv"), data))
>>> ex.stats["grants"], ex.stats["total_amount"]
(1, Decimal('1000.50'))
"""

from __future__ import annotations

from graph.ingest.base import (FUNDER_ADVICE, Extraction, InputError, SourceContext, SourceKind, missing_columns,
                               nothing_kept, parse_funder_option)
from graph.ingest.scdl_grant_rows import GrantRows
from graph.ingest.scdl_grant_values import natures_in_type
from graph.ingest.scdl_headers import (GRANT_FIELDS, SIREN_BESIDE, fields_named, header_near_miss, keys_of,
                                       map_columns, sirens_beside, warn_duplicate_columns, warn_unread_columns,
                                       warn_unread_identifiers)
from graph.ingest.scdl_repeated import grants_stored, repeated_in_list
from graph.ingest.scdl_self_funding import self_funded
from graph.tabular import Table, normalise_header, peek_keys, peek_lines, read_table

EXTENSIONS = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods")
GRANT_KEYS = keys_of(GRANT_FIELDS)
#: What a table of this kind is, as errors name it (French, English).
KIND_LABEL = ("une liste de subventions SCDL", "an SCDL grants list")
#: The columns of the SCDL grants schema (v2.1.1), by their normalised names: a header that names most of them was
#: made from the schema's layout, whose pourcentageSubvention it should have too.
SCHEMA_NAMES = frozenset(normalise_header(name) for name in (
    "nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision", "nomBeneficiaire", "idBeneficiaire",
    "rnaBeneficiaire", "objet", "montant", "nature", "conditionsVersement", "datesPeriodeVersement", "idRAE",
    "notificationUE", "pourcentageSubvention", "dispositifAide"))


def detect(ctx: SourceContext) -> int:
    """Score a table whose header names an amount and a beneficiary (0 for anything else)."""
    if ctx.path.suffix.lower() not in EXTENSIONS:
        return 0
    for keys in peek_keys(ctx.data):
        fields = fields_named(keys, GRANT_FIELDS)
        if not _lacking(fields):
            return 60 + 5 * min(len(fields), 8)
    return 0


def _lacking(fields) -> list[str]:
    """The required columns that a header naming ``fields`` lacks: an amount, and the beneficiary's name (SCDL
    requires it; a SIRET or an RNA number alone would make actors without a name)."""
    return ([] if "amount" in fields else ["montant"]) + ([] if "beneficiary_name" in fields else ["nomBeneficiaire"])


def near_miss(ctx: SourceContext) -> InputError | None:
    """A table naming three or more SCDL grant columns but not an amount and a beneficiary: which are missing."""
    if ctx.path.suffix.lower() not in EXTENSIONS:
        return None
    miss = header_near_miss(ctx.data, GRANT_FIELDS, lambda fields, keys: _lacking(fields), KIND_LABEL)
    if miss is not None:
        miss.kind_helps = False  # extract requires the same columns: --kind would refuse the file too
        _tell_schema_missing(miss, ctx.data)
    return miss


def _tell_schema_missing(miss: InputError, data: bytes) -> None:
    """Add to ``miss`` the other columns that SCDL 2.1.1 requires and its header lacks, so that a publisher mends
    them all at once (the refusal named nomBeneficiaire alone, and the list sent back was stored lacking six more)."""
    keys = next((keys for line, keys in peek_lines(data) if line == miss.issue.line), frozenset())
    fields = fields_named(keys, GRANT_FIELDS)
    if others := [name for name in schema_missing(fields) if name not in _lacking(fields)]:
        miss.issue.message += f" (le SCDL 2.1.1 demande aussi : {', '.join(others)})"
        miss.issue.message_en += f" (SCDL 2.1.1 also requires: {', '.join(others)})"


def _columns(table: Table, ctx: SourceContext) -> dict[str, int]:
    cols = natures_in_type(table, map_columns(table.header, GRANT_FIELDS))
    cols |= sirens_beside(table.header, cols)
    if missing := _lacking(cols.keys()):
        raise missing_columns(missing, KIND_LABEL, table.header, table.header_line)
    if not cols.keys() & {"funder_name", "funder_id"} and not ctx.options.get("funder"):
        raise InputError(
            f"liste de subventions sans colonne d'attribuant (nomAttribuant, idAttribuant) : indiquez le financeur "
            f"avec {FUNDER_ADVICE[0]}", line=table.header_line,
            message_en="grants list without funder columns (nomAttribuant, idAttribuant): give the funder with "
                       f"{FUNDER_ADVICE[1]}")
    return cols


def _read(table: Table, cols: dict[str, int]) -> set[int]:
    """The columns whose values the rows read: those of ``cols`` but idRAE (kept nowhere), and the start and end
    dates of payment beside a payment period (:meth:`GrantCellReader.period` reads the period); such a column read by
    no row counts as read when it is empty."""
    ignored = {"rae_id"} | ({"payment_start", "payment_end"} if "payment_period" in cols else set())
    return {i for f, i in cols.items()
            if f not in ignored or not any(i < len(row.cells) and row.cells[i].strip() for row in table.rows)}


def _read_beside(header: list[str]) -> dict[int, int]:
    """The columns of a grants list's ``header`` that are read beside another column of their field, by place in
    ``header``, with that column's place: a party's SIREN column beside its SIRET column, whose missing or invalid
    SIRETs it makes up for (:func:`graph.ingest.scdl_headers.sirens_beside`); the notes on a workbook's hidden
    columns say so (:func:`graph.sheet_notes.sheet_notes`).

    >>> _read_beside(["nomBeneficiaire", "SIRET", "montant", "SIREN"]), _read_beside(["SIREN", "montant"])
    ({3: 1}, {})
    """
    read = map_columns(header, GRANT_FIELDS)
    found = sirens_beside(header, read)
    return {found[siren]: read[field] for field, siren in SIREN_BESIDE.items() if siren in found}


#: The columns that SCDL 2.1.1 requires (``"required": true`` in its Table Schema, DATA-FORMATS.md §1.1), by field,
#: as the schema names them; its custom check *one-of-required* asks for idBeneficiaire or rnaBeneficiaire besides.
SCHEMA_REQUIRED = {"funder_name": "nomAttribuant", "funder_id": "idAttribuant", "convention_date": "dateConvention",
                   "beneficiary_name": "nomBeneficiaire", "beneficiary_id": "idBeneficiaire ou rnaBeneficiaire",
                   "purpose": "objet", "amount": "montant", "nature": "nature",
                   "payment_conditions": "conditionsVersement", "payment_period": "datesPeriodeVersement",
                   "eu_notification": "notificationUE", "share": "pourcentageSubvention"}


def schema_missing(fields) -> list[str]:
    """The columns that SCDL 2.1.1 requires and a header naming ``fields`` lacks, as the schema names them: a
    beneficiary named by its RNA number has its identifier, a payment period given by its start has its period.

    >>> schema_missing({"funder_name", "funder_id", "convention_date", "beneficiary_name", "beneficiary_rna",
    ...                 "amount", "nature", "payment_start", "eu_notification"})
    ['objet', 'conditionsVersement', 'pourcentageSubvention']
    """
    given = set(fields) | ({"beneficiary_id"} if "beneficiary_rna" in fields else set()) \
        | ({"payment_period"} if "payment_start" in fields else set())
    return [name for field, name in SCHEMA_REQUIRED.items() if field not in given]


def warn_schema_columns(ex: Extraction, table: Table, cols: dict[str, int]) -> None:
    """Say once, naming them all, which columns that SCDL 2.1.1 requires a list written in the schema's column names
    lacks (the schema's names for at least three of its columns and half of those read, :data:`SCHEMA_NAMES`): the
    list is stored without them, and ``--strict`` refuses it, as a list that does not follow its schema. A list of
    human labels ("Bénéficiaire", "Montant") follows no layout to miss a column of, and is not told. Without
    pourcentageSubvention, each amount is read as its one beneficiary's."""
    named = {normalise_header(name) for name in table.header} & SCHEMA_NAMES
    missing = schema_missing(cols)
    if not missing or len(named) < 3 or 2 * len(named) < len(cols):
        return
    names = ", ".join(missing)
    if len(missing) == 1:
        said = (f"colonne {names} absente, que le SCDL demande",
                f"no {names.replace(' ou ', ' or ')} column, which SCDL requires")
    else:
        said = (f"{len(missing)} colonnes que le SCDL 2.1.1 demande absentes : {names}",
                f"{len(missing)} columns that SCDL 2.1.1 requires missing: {names.replace(' ou ', ' or ')}")
    if "pourcentageSubvention" in missing:
        said = (f"{said[0]}{' :' if len(missing) == 1 else ' ;'} chaque montant est lu comme celui de son seul "
                "bénéficiaire (part de 100 %)", f"{said[1]}{':' if len(missing) == 1 else ';'} each amount is read as "
                                               "its one beneficiary's (a share of 100 %)")
    ex.warn_nonconforming(*said, line=table.header_line)


def extract(ctx: SourceContext) -> Extraction:
    """Extract the grants of an SCDL subventions file (see the module's docstring)."""
    table = read_table(ctx.data, known=GRANT_KEYS, read_beside=_read_beside)
    cols = _columns(table, ctx)
    funder = parse_funder_option(ctx.options["funder"]) if ctx.options.get("funder") else None
    rows = GrantRows(ctx, table, cols, funder)
    if not table.rows:
        raise InputError("aucune ligne de données sous l'en-tête", line=table.header_line,
                         message_en="no data rows under the header")
    warn_duplicate_columns(rows.ex, table, GRANT_FIELDS)
    warn_unread_identifiers(rows.ex, table.header, GRANT_FIELDS, table.header_line)
    warn_unread_columns(rows.ex, table, GRANT_FIELDS, _read(table, cols))
    warn_schema_columns(rows.ex, table, cols)
    rows.report_repairs()
    for row in table.rows:
        rows.add_row(row)
    rows.join_namesakes()
    rows.join_own_amounts()
    rows.check_stated_amounts()
    rows.check_shares()
    rows.report_undated()
    rows.report_artefacts()
    rows.report_unidentified()
    rows.report_funder_unidentified()
    rows.report_numeric_references()
    rows.report_several_acts()
    rows.report_undated_numbers()
    rows.report_no_deliberation()
    if not rows.grants:  # the rows that the table reader refused (too many cells) are told too, and counted
        refused = [issue for issue in table.issues if issue.level == "error" and issue.line]
        rows.ex.issues[:0] = refused
        raise nothing_kept(rows.ex, len(table.rows) + len({issue.line for issue in refused}))
    rows.book.finish()
    ex = rows.ex
    ex.issues += repeated_in_list(rows.graph) + self_funded(rows.graph)
    ex.issues.sort(key=lambda issue: issue.line or 0)  # what the rows say together, said last, in the file's order
    # The total is the beneficiaries' amounts: where shares were applied, the summary says so, with how many grants
    # and their total before them, each grant once (read alone, two totals looked like money lost).
    shares = {"shares_applied": rows.shared, "total_before_shares": rows.total_before_shares()} if rows.shared else {}
    ex.stats = {"rows_read": len(table.rows), "grants": rows.grants, **ex.issue_counts(),
                "total_amount": rows.total, **shares, "encoding": table.encoding or "xlsx/ods"}
    return ex


KIND = SourceKind("scdl-subventions", "Subventions (SCDL)", "Grants (SCDL)", detect, extract,
                  extensions=EXTENSIONS, near_miss=near_miss, rows_kept="grants", check_stored=grants_stored)

__all__ = ["KIND", "detect", "extract"]
