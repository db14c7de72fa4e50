"""The values of a grants list's cells, read as the SCDL writes them (:mod:`graph.ingest.scdl_grants`): identifiers,
amounts and shares, dates and periods, natures and forms of aid; what cannot be trusted is warned about, or the row
rejected."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from rdflib import URIRef

from graph.amount_conventions import (CommaConvention, comma_convention, decimal_mark, dot_convention,
                                       mixed_marks)
from graph.dates import parse_date, parse_period
from graph.identifiers import clean_identifier, normalise_rna, rna_ok, siren_ok, siret_ok
from graph.identity_names import fold, name_key
from graph.ingest.base import Extraction
from graph.ingest.french import format_amount, read_date
from graph.ingest.scdl_checks import comma_message, compact_date, compact_period, dot_message
from graph.ingest.scdl_headers import SIREN_COLUMNS
from graph.ingest.scdl_ids import INVALID_RNA, clean_rna_cell, read_id_cell
from graph.ingest.scdl_periods import month_period, period_ends
from graph.ingest.scdl_placeholders import empty_mark, read_as_empty
from graph.ingest.scdl_sirens import with_siren
from graph.ingest.scdl_text import clean_text
from graph.spreadsheets import FractionCell
from graph.tabular import Row, Table, normalise_header
from graph.values import CENT, ValueProblem, bracketed, parse_amount, parse_int, parse_ratio

NATURE = "https://w3id.org/maillage/ontology/nature/"
#: Budget sections (Antibes' ``section`` column) and natures -> nature concepts.
SECTIONS = {"fonctionnement": "operating", "investissement": "investment", "projet": "project"}
#: The SCDL ``nature`` values, by their letters without accents or spaces.
AID_FORMS = {"aideennumeraire": "aide en numéraire", "numeraire": "aide en numéraire",
             "aideennature": "aide en nature", "ennature": "aide en nature"}
#: SCDL ``notificationUE`` (a boolean written ``oui`` / ``non``; earlier lists wrote 1 / 0 or true / false).
EU_NOTIFIED = {"oui": True, "non": False, "1": True, "0": False, "true": True, "false": False}


#: A date in figures, two numbers and a year apart by slashes: "15/03/2024", or "03/15/2024" month first.
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


class GrantCellReader:
    """Reads the cells of one table's rows by field (:data:`graph.ingest.scdl_headers.GRANT_FIELDS`), reporting in
    ``ex`` the values it repairs, ignores or rejects."""

    def __init__(self, table: Table, cols: dict[str, int], ex: Extraction):
        self.table, self.cols, self.ex = table, cols, ex
        self.thousands_dot = self.dot_convention()
        self.commas = self.comma_convention()
        #: The lines of the amounts written with both marks in a column that mixes their conventions (1.234,5 and
        #: 1,234.5), each with a value of the other convention: each is warned of (:meth:`warn_mixed_marks`).
        self.mixed = mixed_marks(self.typed_amounts())
        self._month_first: dict[str, bool] = {}
        self._empty_marks: set[str] = set()  # the fields whose marks of an empty cell were warned about

    def get(self, row: Row, field: str) -> str:
        """``row``'s cell of ``field``, stripped, freed of HTML entities and written line breaks (:func:`clean_text`);
        "" when the row has none."""
        i = self.cols.get(field)
        return clean_text(row.cells[i].strip()) if i is not None and i < len(row.cells) else ""

    def header(self, field: str) -> str:
        return self.table.header[self.cols[field]] if field in self.cols else field

    def warn(self, row: Row, field: str, message: str, message_en: str, value: str | None = None) -> None:
        self.ex.warn(message, message_en, line=row.line, field=self.header(field), value=value)

    def reject(self, row: Row, field: str, message: str, message_en: str, value: str | None = None) -> None:
        self.ex.reject(message, message_en, line=row.line, field=self.header(field), value=value)

    def siren_from(self, row: Row, field: str) -> tuple[str | None, str | None]:
        """Return (siren, siret) of an identifier cell, warning about what cannot be trusted (pitfall 18)."""
        return self.ids_from(row, field)[:2]

    def ids_from(self, row: Row, field: str) -> tuple[str | None, str | None, str | None]:
        """Return (siren, siret, RNA number written beside them) of an identifier cell, cleaned of what a spreadsheet
        or a typist put around them (:func:`graph.ingest.scdl_ids.read_id_cell`), warning about what was cleaned and
        what cannot be trusted (pitfall 18); a SIREN column's 9 digits are what it is meant to hold."""
        raw = self.get(row, field)
        siren, siret, rna, said = read_id_cell(raw, normalise_header(self.header(field)) in SIREN_COLUMNS)
        for message, message_en in said:
            self.warn(row, field, message, message_en, raw)
        return siren, siret, rna

    def number_cell(self, row: Row, field: str) -> bool:
        """Whether ``row``'s cell of ``field`` is a workbook's number with a fraction (:class:`FractionCell`): its dot
        is how the workbook's reader prints a number, not how the list's author writes amounts."""
        i = self.cols.get(field)
        return i is not None and i < len(row.cells) and isinstance(row.cells[i], FractionCell)

    def typed_amounts(self) -> list[tuple[int, str]]:
        """(line, text) of the amount column's values as the list's author typed them: its numbers left out, which
        tell nothing of how the author writes a dot or a comma (a workbook's 2500.5 made "1.500" read 1.5)."""
        return [(row.line, self.get(row, "amount")) for row in self.table.rows if not self.number_cell(row, "amount")]

    def dot_convention(self) -> bool | None:
        """Decide, from the amount column's unambiguous typed values, how to read a lone dot before three digits
        ("12.500"), and say so once, with the lines of all such values, when the column has some (pitfall 11)."""
        convention = dot_convention(self.typed_amounts())
        if convention.either:
            self.ex.warn(*dot_message(convention), field=self.header("amount"), value=convention.either[1])
        return convention.thousands_dot

    def comma_convention(self) -> CommaConvention:
        """Decide, from the amount column's unambiguous typed values, how to read a lone comma before three digits
        ("25,000"), and say so once, with the lines of all such values, when the column has some (pitfall 11)."""
        convention = comma_convention(self.typed_amounts())
        if convention.either:
            self.ex.warn(*comma_message(convention), line=convention.either[0], field=self.header("amount"),
                         value=convention.either[1])
        return convention

    def read_amount(self, raw: str) -> Decimal | None:
        """The amount ``raw`` read with the column's conventions for the dot and the comma (ValueProblem)."""
        return self.commas.read(raw, self.thousands_dot)

    def cell_amount(self, row: Row, raw: str) -> Decimal | None:
        """``raw``, from ``row``'s amount cell, read as an amount (ValueProblem): a workbook's number with a decimal
        dot, whatever the convention of the amounts typed as text (:meth:`read_amount`)."""
        return parse_amount(raw) if self.number_cell(row, "amount") else self.read_amount(raw)

    def beneficiary_ids(self, row: Row) -> tuple[str | None, str | None, str | None]:
        """Return the beneficiary's (SIREN, SIRET, RNA number); before SCDL 2.1, ``idBeneficiaire`` held the RNA
        number of an association without a SIRET, and a SIRET in the RNA column is taken for what it is; a SIREN
        column beside the SIRET's is read where the SIRET is missing (:func:`graph.ingest.scdl_sirens.with_siren`)."""
        raw_id, raw_rna = self.get(row, "beneficiary_id"), self.get(row, "beneficiary_rna")
        id_rna = normalise_rna(raw_id) if rna_ok(raw_id) else None
        siren, siret, beside = (None, None, None) if id_rna else self.ids_from(row, "beneficiary_id")
        siren, siret = with_siren(self, row, "beneficiary_id", siren, siret)
        id_rna = id_rna or beside
        raw_rna, said = clean_rna_cell(raw_rna)
        for message, message_en in said:
            self.warn(row, "beneficiary_rna", message, message_en, self.get(row, "beneficiary_rna"))
        rna = normalise_rna(raw_rna) if rna_ok(raw_rna) else None
        if raw_rna and not rna:
            digits = clean_identifier(raw_rna)
            if not siren and (siret_ok(digits) or siren_ok(digits)):
                self.warn(row, "beneficiary_rna", "SIRET dans la colonne RNA : retenu comme SIRET",
                          "SIRET in the RNA column: kept as a SIRET", raw_rna)
                siren, siret = digits[:9], digits if len(digits) == 14 else None
            else:
                self.warn(row, "beneficiary_rna", *INVALID_RNA, raw_rna)
        if id_rna and rna and id_rna != rna:
            self.warn(row, "beneficiary_id", f"numéro RNA différent de celui de la colonne RNA ({rna}) : ignoré",
                      f"RNA number other than the RNA column's ({rna}): ignored", raw_id)
        return siren, siret, rna or id_rna

    def amounts(self, row: Row) -> tuple[Decimal, Decimal, Decimal | None] | None:
        """Return (beneficiary's amount, total, ratio below 1 or None), or None when the row is rejected."""
        raw = self.get(row, "amount")
        try:
            total = self.cell_amount(row, raw)
        except ValueProblem as exc:
            self.reject(row, "amount", str(exc), exc.message_en, raw)
            return None
        if total is not None and total < 0 and bracketed(raw):
            self.reject(row, "amount", f"montant entre parenthèses, un négatif en notation comptable "
                        f"({format_amount(total)}) : refusé comme montant de subvention", f"amount in brackets, a "
                        f"negative in accounting notation ({total} €): refused as a grant amount", raw)
            return None
        if total is None:
            self.reject(row, "amount", "montant vide", "amount empty", raw)
            return None
        if total < 0:
            self.reject(row, "amount", "montant négatif", "negative amount", raw)
            return None
        self.warn_mixed_marks(row, raw, total)
        if total == 0:  # a grant refused or cancelled, or an amount not yet known: kept as the list states it
            self.warn(row, "amount", "montant nul : subvention gardée à 0 €, à vérifier",
                      "zero amount: grant kept at 0 €, to check", raw)
        ratio = self.ratio(row)
        if ratio is None or ratio == 1:
            return total, total, None
        return share_of(total, ratio), total, ratio

    def warn_mixed_marks(self, row: Row, raw: str, total: Decimal) -> None:
        """Warn that the amount ``raw`` of ``row``, read ``total`` by its own marks, is written with the other
        convention than another row's (:attr:`mixed`): the file mixes them, so either may be a typing error."""
        if row.line not in self.mixed:
            return
        line, other = self.mixed[row.line]
        mark, mark_en = ("une virgule décimale", "comma") if decimal_mark(raw) == "," else ("un point décimal", "dot")
        self.warn(row, "amount", f"montant lu {format_amount(total)} avec {mark}, mais la ligne {line} "
                  f"écrit « {other} » avec l'autre convention : le fichier mêle les deux, vérifiez ce montant",
                  f"amount read as {total} € with a decimal {mark_en}, but line {line} writes '{other}' with the "
                  "other convention: the file mixes both, check this amount", raw)

    def ratio(self, row: Row) -> Decimal | None:
        raw = self.get(row, "share")
        try:
            parsed = parse_ratio(raw)
        except ValueProblem as exc:
            self.warn(row, "share", f"{exc} : montant total retenu", f"{exc.message_en}: total amount kept", raw)
            return None
        if parsed and parsed[1]:
            self.warn(row, "share", f"pourcentage écrit en % ({raw}) : lu {parsed[0]}",
                      f"share written as a percent ({raw}): read as {parsed[0]}", raw)
        return parsed[0] if parsed else None

    def date(self, row: Row, field: str):
        raw = self.get(row, field)
        if self.empty_mark(row, field, raw):
            return None
        try:
            return self.loose_date(row, field, raw)
        except ValueProblem as exc:
            self.warn(row, field, f"{exc} : ignorée", f"{exc.message_en}: ignored", raw)
            return None

    def empty_mark(self, row: Row, field: str, raw: str) -> bool:
        """Whether the date cell ``raw`` of ``field`` is a mark of an empty cell (« NULL », « 0000-00-00 »:
        :func:`graph.ingest.scdl_placeholders.empty_mark`), read as empty: said once per column, at its first line,
        instead of an unreadable date on each row (a period kept it as its text)."""
        if not empty_mark(raw):
            return False
        if field not in self._empty_marks:
            self._empty_marks.add(field)
            self.warn(row, field, *read_as_empty(raw), raw)
        return True

    def month_first(self, field: str) -> bool:
        """Whether the column of ``field`` writes its dates month first, as a spreadsheet set to English does: one
        of them at least has more than 12 for its month read day first ("03/15/2024"), none more than 12 for its
        day. Said once (its dates were refused as impossible, and "04/02/2024" read as the 4th of February)."""
        if field not in self._month_first:
            parts = [(row.line, raw, int(m[1]), int(m[2])) for row in self.table.rows
                     if (m := _SLASHED.fullmatch(raw := self.get(row, field)))]
            first = bool(parts) and any(month > 12 for *_, month in parts) and all(day <= 12 for *_, day, _ in parts)
            self._month_first[field] = first
            if first:
                line, raw = next((line, raw) for line, raw, _, month in parts if month > 12)
                self.ex.warn(f"dates écrites mois puis jour (« {raw} », ligne {line}) : toutes celles de la colonne "
                             "sont lues ainsi", f"dates written month first ('{raw}', line {line}): all those of the "
                             "column are read so", field=self.header(field), value=raw)
        return self._month_first[field]

    def day_first(self, field: str, raw: str) -> str:
        """``raw`` written day first: as it is, or its day and month swapped in a column written month first."""
        if (slashed := _SLASHED.fullmatch(raw)) and self.month_first(field):
            return f"{slashed[2]}/{slashed[1]}/{slashed[3]}"
        return raw

    def loose_date(self, row: Row, field: str, raw: str):
        """The date of ``raw`` in figures (also "20240516"), else in words ("5 mars 2024") or with a two-digit year
        ("05/03/24", with a warning), as a register reads them; the ValueProblem of the figures when it is none. A
        column of dates written month first (:meth:`month_first`) is read so."""
        raw = self.day_first(field, raw)
        try:
            return parse_date(raw)
        except ValueProblem as exc:
            problem = exc
        if day := compact_date(raw):
            return day
        try:
            day, assumed = read_date(raw)
        except ValueProblem as exc:
            raise (exc if str(exc).startswith("année écrite") else problem) from None
        if assumed:
            self.warn(row, field, f"date « {raw} » : {assumed[0]}", f"date '{raw}': {assumed[1]}", raw)
        return day

    def period(self, row: Row) -> str | None:
        """Return the payment period as SCDL writes it (``start[/end]``), or the raw text when unreadable."""
        if "payment_period" not in self.cols:
            start, end = self.date(row, "payment_start"), self.date(row, "payment_end")
            return None if start is None else start.isoformat() + (f"/{end.isoformat()}" if end else "")
        raw = self.get(row, "payment_period")
        if self.empty_mark(row, "payment_period", raw):
            return None
        raw = self.day_first("payment_period", raw)
        try:
            period = compact_period(raw) or parse_period(raw)
        except ValueProblem as exc:
            try:  # a month, two dates joined in words; one date in words or with a two-digit year
                period = self.worded_period(row, raw) or (self.loose_date(row, "payment_period", raw), None)
                if period[0] is None:  # a null date alone ("0001-01-01"): no period, unreadable as parse_period says
                    raise exc
            except ValueProblem as worded:
                problem = worded if str(worded).startswith("période à l'envers") else exc
                self.warn(row, "payment_period", f"{problem} : gardée telle quelle",
                          f"{problem.message_en}: kept as is", raw)
                return raw
        if period is None:
            return None
        return period[0].isoformat() + (f"/{period[1].isoformat()}" if period[1] else "")

    def worded_period(self, row: Row, raw: str) -> tuple[dt.date, dt.date] | None:
        """The period that ``raw`` writes in French (:mod:`graph.ingest.scdl_periods`): a month, or two dates (each
        read as :meth:`loose_date` reads one) joined by a dash or "au"; None when it is neither; ValueProblem when its
        dates are unreadable or its end comes before its start."""
        if month := month_period(raw):
            return month
        if (ends := period_ends(raw)) is None:
            return None
        start, end = (self.loose_date(row, "payment_period", text) for text in ends)
        if start is None or end is None:  # a null date ("0001-01-01") is no end of a period
            raise ValueProblem(f"période illisible « {raw} »", f"unreadable period '{raw}'")
        if end < start:
            raise ValueProblem(f"période à l'envers « {raw} »", f"period ends before it starts '{raw}'")
        return start, end

    def nature(self, row: Row) -> URIRef | None:
        """The nature concept of the row: in kind, else the budget section (its ``section`` column, or a nature
        column that holds the section, as Paris's "Nature de la subvention": Fonctionnement, Investissement, Projet,
        else a ``type`` column of natures, as the Somme's: :func:`natures_in_type`)."""
        raw = self.get(row, "nature")
        text = re.sub(r"[^a-z]", "", name_key(raw))
        forms, unread = read_aid_forms(raw)
        if forms and unread:
            parts = ", ".join(f"« {part} »" for part in unread)
            parts_en = ", ".join(f"'{part}'" for part in unread)
            self.warn(row, "nature", f"nature en partie non reconnue ({parts}) : lue « {';'.join(forms)} »",
                      f"nature partly not recognised ({parts_en}): read as '{';'.join(forms)}'", raw)
        if "nature" in text:
            return URIRef(NATURE + "in-kind")
        section = (SECTIONS.get(name_key(self.get(row, "section"))) or SECTIONS.get(text)
                   or SECTIONS.get(name_key(self.get(row, "grant_type"))))
        if text and "numeraire" not in text and text not in SECTIONS:
            self.warn(row, "nature", "nature inconnue (attendu « aide en numéraire » ou « aide en nature »)",
                      "unknown nature (expected 'aide en numéraire' or 'aide en nature')", self.get(row, "nature"))
        return URIRef(NATURE + section) if section else None

    def fiscal_year(self, row: Row) -> int | None:
        raw = self.get(row, "fiscal_year")
        try:
            return parse_int(raw)
        except ValueProblem as exc:
            self.warn(row, "fiscal_year", str(exc), exc.message_en, raw)
            return None


def natures_in_type(table: Table, cols: dict[str, int]) -> dict[str, int]:
    """``cols`` without its bare ``type`` column (``grant_type``) unless each of its values is a nature
    (:data:`SECTIONS`: fonctionnement, investissement, projet): a word that many lists use for other things (a kind
    of beneficiary, of act) is read as the grant's nature only when it says nothing else; otherwise it stays a
    column not read, and said so.

    >>> rows = [Row(2, ["Club", "Fonctionnement"]), Row(3, ["Cercle", ""])]
    >>> natures_in_type(Table(["nom", "type"], rows), {"grant_type": 1})
    {'grant_type': 1}
    >>> natures_in_type(Table(["nom", "type"], [Row(2, ["Club", "association"])]), {"grant_type": 1})
    {}
    """
    i = cols.get("grant_type")
    if i is None:
        return cols
    values = {name_key(row.cells[i]) for row in table.rows if i < len(row.cells) and row.cells[i].strip()}
    if values and values <= SECTIONS.keys():
        return cols
    return {field: place for field, place in cols.items() if field != "grant_type"}


def share_of(total: Decimal, ratio: Decimal) -> Decimal:
    """The beneficiary's amount, ``total`` × ``ratio`` (pitfall 14), rounded to the cent half up (as a spreadsheet's
    ROUND and a paying accountant do) when the product falls below the cent; the total stays as the list states it.

    >>> share_of(Decimal("3333.33"), Decimal("0.3333")), share_of(Decimal("22000.80"), Decimal("0.8"))
    (Decimal('1111.00'), Decimal('17600.640'))
    >>> share_of(Decimal("0.05"), Decimal("0.5"))
    Decimal('0.03')
    """
    amount = total * ratio
    cents = amount.quantize(CENT, ROUND_HALF_UP)
    return amount if cents == amount else cents


#: What parts the forms of aid that a ``nature`` cell lists: ";" as SCDL writes it, "," "/" "+" or "et" as people do
#: ("aide en numéraire, aide en nature", "aide en numéraire et en nature").
_FORM_SEPARATOR = re.compile(r"\s*[;,/+]\s*|\s+et\s+", re.IGNORECASE)


def read_aid_forms(text: str) -> tuple[list[str], list[str]]:
    """The SCDL ``nature`` values that a cell lists, as the schema writes them, in the cell's order, and the parts of
    the cell that are none.

    >>> read_aid_forms("aide en numéraire et en nature"), read_aid_forms("Aide en nature / prêt de salle")
    ((['aide en numéraire', 'aide en nature'], []), (['aide en nature'], ['prêt de salle']))
    """
    forms, unread = [], []
    for part in _FORM_SEPARATOR.split(text.strip()):
        form = AID_FORMS.get(re.sub(r"[^a-z]", "", fold(part)))
        if form is None and part:
            unread.append(part)
        elif form is not None and form not in forms:
            forms.append(form)
    return forms, unread


def aid_forms(text: str) -> str:
    """The SCDL ``nature`` values a cell lists (:func:`read_aid_forms`), ``;``-separated as the schema writes them
    ('' for none).

    >>> aid_forms("Aide en numéraire ; aide en nature"), aid_forms("aide en numéraire, aide en nature")
    ('aide en numéraire;aide en nature', 'aide en numéraire;aide en nature')
    >>> aid_forms("subvention")
    ''
    """
    return ";".join(read_aid_forms(text)[0])
