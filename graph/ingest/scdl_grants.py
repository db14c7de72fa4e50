"""The SCDL *subventions* kind: grants lists (v2.1.1, SCDL 1, Etalab 2017, human labels) as CSV, XLSX or ODS.

Each row becomes a ``mai:Grant`` ``mint("grant", source key, idSubvention or line)`` (rows sharing an idSubvention,
co-beneficiaries, add their beneficiary's key) with its funder (a
``mai:PublicAuthority``), its beneficiary (``mai:Association`` when an RNA number or the name says so, else
``mai:Actor``), the beneficiary's amount (``schema:amount`` = montant × pourcentageSubvention, the total kept as
``mai:statedTotal`` when the share is below 1), purpose, idSubvention (``dcterms:identifier``), dates, decision
reference and nature.

Rows without a funder, a beneficiary or a readable amount are rejected (file, line, field, value, reason); the
others are kept, repaired values and doubtful identifiers reported as warnings. Totals rows are skipped with a
warning (:mod:`graph.ingest.scdl_checks`); a file none of whose rows is kept is refused whole (InputError), so
that it replaces nothing stored. A list without funder columns needs ``--funder "NOM[;SIRET]"``
(``ctx.options["funder"]``).

>>> from pathlib import Path
>>> data = "nomAttribuant;idAttribuant;nomBeneficiaire;montant\\nVille;21060004500392;Club;1 000,50\\n".encode()
>>> ex = extract(SourceContext(Path("s.csv"), data))
>>> ex.stats["grants"], ex.stats["total_amount"]
(1, Decimal('1000.50'))
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from decimal import Decimal
from typing import Callable

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from graph.identifiers import clean_identifier, normalise_rna, read_siret, rna_ok, siren_ok, siret_ok
from graph.identity import ActorBook, actor_key, deliberation_iri, fold, is_placeholder_name, name_key
from graph.ingest.base import Extraction, InputError, SourceContext, SourceKind, literal, new_graph, nothing_kept
from graph.ingest.french import format_amount, read_date
from graph.ingest.scdl_checks import dot_message, identifier_in_name, shifted, total_difference
from graph.ingest.scdl_headers import (GRANT_FIELDS, fields_named, header_near_miss, keys_of, map_columns,
                                       warn_duplicate_columns)
from graph.ingest.scdl_repeated import grants_stored
from graph.namespaces import MAI, SCHEMA, mint
from graph.tabular import Row, Table, is_total, lost_characters, peek_keys, read_table, repair_issues, short_row
from graph.values import ValueProblem, dot_convention, parse_amount, parse_date, parse_int, parse_period, parse_ratio

EXTENSIONS = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods")
GRANT_KEYS = keys_of(GRANT_FIELDS)
NATURE = "https://w3id.org/maillage/ontology/nature/"
#: Budget sections (Antibes' ``section`` column) and natures -> nature concepts.
SECTIONS = {"fonctionnement": "operating", "investissement": "investment", "projet": "project"}
_ASSOCIATION = re.compile(r"\b(association|asso|amicale|f[ée]d[ée]ration|comit[ée] des f[êe]tes)\b", re.I)
FUNDER_OPTION = '--funder "NOM[;SIRET]"'
#: The SCDL ``nature`` values, by their letters without accents or spaces.
AID_FORMS = {"aideennumeraire": "aide en numéraire", "numeraire": "aide en numéraire",
             "aideennature": "aide en nature", "ennature": "aide en nature"}
#: SCDL ``notificationUE`` (a boolean written ``oui`` / ``non``; earlier lists wrote 1 / 0 or true / false).
#: Characters of a grant's purpose that the SCDL schema allows (``objet``: maxLength 256).
PURPOSE_CHARS = 256
EU_NOTIFIED = {"oui": True, "non": False, "1": True, "0": False, "true": True, "false": False}
#: Lines a warning about many rows names (the others are counted).
MAX_LINES_SHOWN = 5


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
    miss = header_near_miss(ctx.data, GRANT_FIELDS, lambda fields, keys: _lacking(fields),
                            ("une liste de subventions SCDL", "an SCDL grants list"))
    if miss is not None:
        miss.kind_helps = False  # extract requires the same columns: --kind would refuse the file too
    return miss


def parse_funder_option(text: str) -> tuple[str, str | None]:
    """Split ``--funder "NAME[;SIRET]"``; raises InputError for an empty name or an invalid SIRET.

    >>> parse_funder_option("Saint-Etienne Métropole;24420077000018")
    ('Saint-Etienne Métropole', '24420077000018')
    """
    name, _, siret = (p.strip() for p in text.partition(";"))
    siret = clean_identifier(siret) or None
    if not name or (siret and not (siret_ok(siret) or siren_ok(siret))):
        raise InputError(f"option --funder invalide « {text} » : attendu {FUNDER_OPTION} avec un SIRET valide",
                         message_en=f"invalid --funder '{text}': expected \"NAME[;SIRET]\" with a valid SIRET")
    return name, siret


def _columns(table: Table, ctx: SourceContext) -> dict[str, int]:
    cols = map_columns(table.header, GRANT_FIELDS)
    if missing := _lacking(cols.keys()):
        names = ", ".join(missing)
        raise InputError(f"colonnes obligatoires absentes : {names} (en-tête lu : {', '.join(table.header)})",
                         line=table.header_line, message_en=f"required columns missing: {names}")
    if not cols.keys() & {"funder_name", "funder_id"} and not ctx.options.get("funder"):
        raise InputError(
            f"liste de subventions sans colonne d'attribuant (nomAttribuant, idAttribuant) : indiquez le financeur "
            f"avec l'option {FUNDER_OPTION}", line=table.header_line,
            message_en="grants list without funder columns (nomAttribuant, idAttribuant): give the funder with "
                       "the option --funder \"NAME[;SIRET]\"")
    return cols


class _Rows:
    """Turns the rows of one table into grants; keeps the per-file state (actors, totals, duplicates)."""

    def __init__(self, ctx: SourceContext, table: Table, cols: dict[str, int]):
        self.ctx, self.table, self.cols = ctx, table, cols
        self.graph = new_graph()
        self.ex = Extraction(graph=self.graph)
        self.book = ActorBook(self.graph, ctx.base)
        self.funder_option = parse_funder_option(ctx.options["funder"]) if ctx.options.get("funder") else None
        self.seen: dict[tuple[str, ...], int] = {}
        self.thousands_dot = self.dot_convention()
        distinct = {tuple(row.cells): row for row in table.rows}.values()  # identical rows are one grant
        self.id_count = Counter(self.get(row, "grant_id") for row in distinct)
        self.id_line: dict[str, int] = {}
        self.minted: set[URIRef] = set()
        self.total = self.stated = Decimal(0)
        self.stated_since_total = Decimal(0)  # the grants since the last totals row: what a subtotal sums
        self.grants = 0
        self.unidentified: list[int] = []  # the lines of the grants kept whose beneficiary has no identifier
        self.shared = 0  # the grants whose amount is the beneficiary's share of the row's (pourcentageSubvention)
        #: The rows kept of each grant (its idSubvention and funder, or its line): (line, share, stated, kept).
        self.shares: dict[tuple, list[tuple[int, Decimal, Decimal, Decimal]]] = {}

    def get(self, row: Row, field: str) -> str:
        i = self.cols.get(field)
        return row.cells[i].strip() if i is not None and i < len(row.cells) else ""

    def header(self, field: str) -> str:
        return self.table.header[self.cols[field]] if field in self.cols else field

    def warn(self, row: Row, field: str, message: str, message_en: str, value: str | None = None) -> None:
        self.ex.warn(message, message_en, line=row.line, field=self.header(field), value=value)

    def reject(self, row: Row, field: str, message: str, message_en: str, value: str | None = None) -> None:
        self.ex.reject(message, message_en, line=row.line, field=self.header(field), value=value)

    def siren_from(self, row: Row, field: str) -> tuple[str | None, str | None]:
        """Return (siren, siret) of an identifier cell, warning about what cannot be trusted (pitfall 18)."""
        raw = self.get(row, field)
        siren, siret, said = read_siret(raw)
        for message, message_en in said:
            self.warn(row, field, message, message_en, raw)
        return siren, siret

    def funder(self, row: Row) -> Callable[[], URIRef] | None:
        """How to make the row's funder (made only once the whole row is kept), or None when it is rejected."""
        name, (siren, siret) = self.get(row, "funder_name"), self.siren_from(row, "funder_id")
        if not name and not siren and self.funder_option:
            name, option_id = self.funder_option
            siren, siret = (option_id[:9], option_id if len(option_id) == 14 else None) if option_id else (None, None)
        if not name and not siren:
            given = self.get(row, "funder_id")
            self.reject(row, "funder_name", f"attribuant manquant (nom vide, identifiant « {given} » invalide)",
                        f"funder missing (empty name, invalid identifier '{given}')", "")
            return None
        return lambda: self.book.actor(name or None, MAI.PublicAuthority, siren=siren, siret=siret)

    def beneficiary(self, row: Row) -> Callable[[], URIRef] | None:
        """How to make the row's beneficiary (made only once the whole row is kept), or None when it is rejected."""
        name = self.get(row, "beneficiary_name")
        siren, siret, rna = self.beneficiary_ids(row)
        no_id = not (self.get(row, "beneficiary_id") or self.get(row, "beneficiary_rna"))
        if no_id and (found := identifier_in_name(name)):
            no_id = False
            name, siren, siret, rna, written = found
            kind = "RNA" if rna else "SIRET" if siret else "SIREN"
            self.warn(row, "beneficiary_name", f"{kind} « {written} » écrit dans le nom du bénéficiaire, sans colonne "
                      f"d'identifiant remplie : retenu comme son identifiant, le nom lu « {name} »",
                      f"{kind} '{written}' written in the beneficiary's name, no identifier column filled: kept as "
                      f"its identifier, the name read as '{name}'", self.get(row, "beneficiary_name"))
        if not name and not siren and not rna:
            self.reject(row, "beneficiary_name", "bénéficiaire manquant (ni nom, ni SIRET, ni RNA valides)",
                        "beneficiary missing (no valid name, SIRET or RNA)", name)
            return None
        cls = MAI.Association if rna or _ASSOCIATION.search(name) else MAI.Actor
        if not siren and not rna and is_placeholder_name(name):
            self.warn(row, "beneficiary_name", "bénéficiaire non nommé : un acteur propre à cette subvention, "
                      "rapproché d'aucun autre", "unnamed beneficiary: an actor of this grant alone, joined to no "
                      "other", name)
            return lambda: self.book.unnamed(name, cls, self.ctx.key, self.get(row, "grant_id") or row.line)

        def make() -> URIRef:
            if no_id:
                self.unidentified.append(row.line)
            return self.book.actor(name or None, cls, siren=siren, siret=siret, rna=rna)
        return make

    def dot_convention(self) -> bool | None:
        """Decide, from the amount column's unambiguous values, how to read a lone dot before three digits
        ("12.500"), and say so once when the column has such values (pitfall 11)."""
        convention = dot_convention((row.line, self.get(row, "amount")) for row in self.table.rows)
        if convention.either:
            self.ex.warn(*dot_message(convention), field=self.header("amount"), value=convention.either[1])
        return convention.thousands_dot

    def beneficiary_ids(self, row: Row) -> tuple[str | None, str | None, str | None]:
        """Return the beneficiary's (SIREN, SIRET, RNA number); before SCDL 2.1, ``idBeneficiaire`` held the RNA
        number of an association without a SIRET, and a SIRET in the RNA column is taken for what it is."""
        raw_id, raw_rna = self.get(row, "beneficiary_id"), self.get(row, "beneficiary_rna")
        id_rna = normalise_rna(raw_id) if rna_ok(raw_id) else None
        siren, siret = (None, None) if id_rna else self.siren_from(row, "beneficiary_id")
        rna = normalise_rna(raw_rna) if rna_ok(raw_rna) else None
        if raw_rna and not rna:
            digits = clean_identifier(raw_rna)
            if not siren and (siret_ok(digits) or siren_ok(digits)):
                self.warn(row, "beneficiary_rna", "SIRET dans la colonne RNA : retenu comme SIRET",
                          "SIRET in the RNA column: kept as a SIRET", raw_rna)
                siren, siret = digits[:9], digits if len(digits) == 14 else None
            else:
                self.warn(row, "beneficiary_rna", "numéro RNA invalide (attendu W et 9 caractères) : ignoré",
                          "invalid RNA number (expected W and 9 characters): ignored", raw_rna)
        if id_rna and rna and id_rna != rna:
            self.warn(row, "beneficiary_id", f"numéro RNA différent de celui de la colonne RNA ({rna}) : ignoré",
                      f"RNA number other than the RNA column's ({rna}): ignored", raw_id)
        return siren, siret, rna or id_rna

    def amounts(self, row: Row) -> tuple[Decimal, Decimal, Decimal | None] | None:
        """Return (beneficiary's amount, total, ratio below 1 or None), or None when the row is rejected."""
        raw = self.get(row, "amount")
        try:
            total = parse_amount(raw, self.thousands_dot)
        except ValueProblem as exc:
            self.reject(row, "amount", str(exc), exc.message_en, raw)
            return None
        if total is None or total < 0:
            self.reject(row, "amount", "montant manquant ou négatif", "amount missing or negative", raw)
            return None
        if total == 0:  # a grant refused or cancelled, or an amount not yet known: kept as the list states it
            self.warn(row, "amount", "montant nul : subvention gardée à 0 €, à vérifier",
                      "zero amount: grant kept at 0 €, to check", raw)
        ratio = self.ratio(row)
        if ratio is None or ratio == 1:
            return total, total, None
        return total * ratio, total, ratio

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
        try:
            return self.loose_date(row, field, raw)
        except ValueProblem as exc:
            self.warn(row, field, f"{exc} : ignorée", f"{exc.message_en}: ignored", raw)
            return None

    def loose_date(self, row: Row, field: str, raw: str):
        """The date of ``raw`` in figures, else in words ("5 mars 2024") or with a two-digit year ("05/03/24", with a
        warning), as a register reads them; the ValueProblem of the figures when it is none of them."""
        try:
            return parse_date(raw)
        except ValueProblem as exc:
            problem = exc
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
        try:
            period = parse_period(raw)
        except ValueProblem as exc:
            try:  # one date in words or with a two-digit year
                return self.loose_date(row, "payment_period", raw).isoformat()
            except ValueProblem:
                pass
            self.warn(row, "payment_period", f"{exc} : gardée telle quelle", f"{exc.message_en}: kept as is", raw)
            return raw
        if period is None:
            return None
        return period[0].isoformat() + (f"/{period[1].isoformat()}" if period[1] else "")

    def nature(self, row: Row) -> URIRef | None:
        text = re.sub(r"[^a-z]", "", name_key(self.get(row, "nature")))
        if "nature" in text:
            return URIRef(NATURE + "in-kind")
        section = SECTIONS.get(name_key(self.get(row, "section")))
        if text and "numeraire" not in text:
            self.warn(row, "nature", "nature inconnue (attendu « aide en numéraire » ou « aide en nature »)",
                      "unknown nature (expected 'aide en numéraire' or 'aide en nature')", self.get(row, "nature"))
        return URIRef(NATURE + section) if section else None

    def duplicate(self, row: Row) -> bool:
        key = tuple(row.cells)
        if key in self.seen:
            self.warn(row, "amount", f"ligne identique à la ligne {self.seen[key]} : ignorée",
                      f"row identical to line {self.seen[key]}: ignored")
            return True
        self.seen[key] = row.line
        return False

    def total_label(self, row: Row) -> tuple[str, str] | None:
        """Return (field, text) of the cell that makes ``row`` a totals row, or None: the beneficiary's name or the
        first filled cell says "Total…" and no beneficiary identifier is given."""
        if self.get(row, "beneficiary_id") or self.get(row, "beneficiary_rna"):
            return None
        first = next((i for i, cell in enumerate(row.cells) if cell.strip()), len(row.cells))
        column = self.table.header[first] if first < len(self.table.header) else f"colonne {first + 1}"
        for field, text in (("beneficiary_name", self.get(row, "beneficiary_name")),
                            (column, row.cells[first].strip() if first < len(row.cells) else "")):
            if is_total(text):
                return field, text
        return None

    def skip_total(self, row: Row, field: str, text: str) -> None:
        """Report a totals row as skipped, and a total that is not the sum of the grants kept above it."""
        self.warn(row, field, "ligne de total, pas une subvention : ignorée", "totals row, not a grant: ignored", text)
        try:
            stated = parse_amount(self.get(row, "amount"), self.thousands_dot)
        except ValueProblem:
            stated = None
        if difference := total_difference(text, stated, self.stated_since_total, self.stated):
            self.warn(row, "amount", *difference, self.get(row, "amount"))
        self.stated_since_total = Decimal(0)

    def add_row(self, row: Row) -> None:
        if (short := short_row(self.table, row)) is not None:
            self.ex.issues.append(short)
        if total := self.total_label(row):
            self.skip_total(row, *total)
            return
        if self.duplicate(row):
            return
        if why := shifted(row.cells, row.extra, self.cols, self.table.header, self.table.delimiter):
            self.ex.reject(*why, line=row.line)
            return
        errors = len(self.ex.errors)
        make_funder, make_beneficiary, amounts = self.funder(row), self.beneficiary(row), self.amounts(row)
        if len(self.ex.errors) > errors or make_funder is None or make_beneficiary is None or amounts is None:
            return  # a rejected row contributes nothing, not even its actors
        funder, beneficiary = make_funder(), make_beneficiary()
        grant = self.grant_iri(row, beneficiary)
        self.describe(row, grant, funder, beneficiary, amounts)
        self.grants += 1
        self.total += amounts[0]
        self.stated += amounts[1]
        self.stated_since_total += amounts[1]
        self.shared += amounts[2] is not None
        self.shares.setdefault(self.grant_of(row, funder, amounts[1]), []).append(
            (row.line, amounts[2] or Decimal(1), amounts[1], amounts[0]))

    def grant_of(self, row: Row, funder: URIRef, stated: Decimal) -> tuple:
        """What tells the rows of one grant: its funder and idSubvention; without one (SCDL 2.1.1 has none), its
        funder, decision reference, purpose and stated amount, when the reference or the purpose is given (rows of
        co-beneficiaries differ by the beneficiary, the share, and the date each signed its convention), else its
        funder, convention date and stated amount; else its line."""
        if grant_id := self.get(row, "grant_id"):
            return funder, grant_id
        said = tuple(self.get(row, field) for field in ("decision_ref", "purpose"))
        if any(said):
            return funder, *said, stated
        return (funder, date, stated) if (date := self.get(row, "convention_date")) else (row.line,)

    def check_shares(self) -> None:
        """Warn about each grant whose rows' shares (pourcentageSubvention) do not add up to 1: the rule stays (a
        beneficiary's amount is montant × share, pitfall 14), but the other beneficiaries are not in the file, or
        the column holds the funder's rate of a project's budget, and the amount kept may be too low."""
        for rows in self.shares.values():
            shared = sum(share for _, share, _, _ in rows)
            if shared == 1 or all(share == 1 for _, share, _, _ in rows):
                continue
            lines = ", ".join(str(line) for line, *_ in rows)
            where = (f" (lignes {lines})", f" (lines {lines})") if len(rows) > 1 else ("", "")
            stated = sorted({total for _, _, total, _ in rows})
            kept = sum(amount for *_, amount in rows)
            percent = f"{(shared * 100).normalize():f}"
            self.ex.warn(
                f"les parts (pourcentageSubvention) de cette subvention font {percent.replace('.', ',')} %, et non "
                f"100 %{where[0]} : les autres bénéficiaires ne sont pas dans le fichier, ou la colonne donne un taux "
                "de cofinancement ; "
                f"montant indiqué {' ou '.join(map(format_amount, stated))}, montant retenu {format_amount(kept)}",
                f"the shares (pourcentageSubvention) of this grant add up to {percent} %, not 100 %{where[1]}: the "
                "other beneficiaries are not in the file, or the column holds a co-financing rate; amount stated "
                f"{' or '.join(f'{t} €' for t in stated)}, amount kept {kept} €",
                line=rows[0][0], field=self.header("share"))

    def grant_iri(self, row: Row, beneficiary: URIRef) -> URIRef:
        """Mint the grant of ``row`` from its idSubvention, or its line when it has none. Co-beneficiaries of one
        grant may share its idSubvention on several rows: each row is a grant of its own, told apart by its
        beneficiary (or its line), with a warning."""
        key, grant_id = self.ctx.key, self.get(row, "grant_id")
        iri = mint("grant", key, grant_id or row.line, base=self.ctx.base)
        if grant_id and self.id_count[grant_id] > 1:
            first = self.id_line.setdefault(grant_id, row.line)
            if first != row.line:
                self.warn(row, "grant_id", f"identifiant de subvention déjà employé ligne {first} : une subvention "
                          "distincte pour cette ligne", f"grant identifier already used on line {first}: a grant "
                          "of its own for this line", grant_id)
            iri = mint("grant", key, grant_id, actor_key(beneficiary), base=self.ctx.base)
        if iri in self.minted:
            iri = mint("grant", key, grant_id or "ligne", row.line, base=self.ctx.base)
        self.minted.add(iri)
        return iri

    def describe(self, row: Row, grant: URIRef, funder: URIRef, beneficiary: URIRef, amounts) -> None:
        g, amount, total, ratio = self.graph, *amounts
        g.add((grant, RDF.type, MAI.Grant))
        g.add((grant, SCHEMA.funder, funder))
        g.add((grant, MAI.beneficiary, beneficiary))
        g.add((grant, SCHEMA.amount, Literal(amount, datatype=XSD.decimal)))
        g.add((grant, SCHEMA.currency, literal("EUR")))
        g.add((grant, MAI.rowNumber, Literal(row.line, datatype=XSD.integer)))
        if ratio is not None:
            g.add((grant, MAI.shareOf, Literal(ratio, datatype=XSD.decimal)))
            g.add((grant, MAI.statedTotal, Literal(total, datatype=XSD.decimal)))
        if len(purpose := self.get(row, "purpose")) > PURPOSE_CHARS:
            self.warn(row, "purpose", f"objet de {len(purpose)} caractères, au-delà des {PURPOSE_CHARS} que permet le "
                      "format SCDL : gardé entier ; est-ce bien l'objet de cette subvention (une cellule qui en a "
                      "avalé d'autres, un texte collé par erreur) ?",
                      f"purpose of {len(purpose)} characters, beyond the {PURPOSE_CHARS} that the SCDL format allows: "
                      "kept whole; is it really this grant's purpose (a cell that swallowed others, a text pasted "
                      "by mistake)?", purpose)
        for field, prop in (("purpose", DCTERMS.description), ("programme", MAI.programme),
                            ("budget_account", MAI.budgetAccount), ("grant_id", DCTERMS.identifier)):
            if self.get(row, field):
                g.add((grant, prop, Literal(self.get(row, field))))
        self.describe_dates(row, grant)
        self.describe_decision(row, grant, funder)
        if (nature := self.nature(row)) is not None:
            g.add((grant, MAI.nature, nature))
        self.describe_terms(row, grant)

    def describe_terms(self, row: Row, grant: URIRef) -> None:
        """Keep what the source says of the aid's forms, payment conditions and EU notification, so that an SCDL
        export writes them back; a cell left empty says nothing."""
        g = self.graph
        if forms := aid_forms(self.get(row, "nature")):
            g.add((grant, MAI.aidForms, literal(forms)))
        if conditions := self.get(row, "payment_conditions"):
            g.add((grant, MAI.paymentConditions, literal(conditions)))
        raw = self.get(row, "eu_notification")
        if (notified := EU_NOTIFIED.get(fold(raw).strip())) is not None:
            g.add((grant, MAI.euNotified, literal(notified, XSD.boolean)))
        elif raw:
            self.warn(row, "eu_notification", "notification UE illisible (attendu « oui » ou « non ») : ignorée",
                      "unreadable EU notification (expected 'oui' or 'non'): ignored", raw)

    def describe_dates(self, row: Row, grant: URIRef) -> None:
        g = self.graph
        convention = self.date(row, "convention_date")
        if convention and convention > dt.date.today():  # the day it was signed (SCDL): never ahead of today
            self.warn(row, "convention_date", f"date de convention dans le futur ({convention.isoformat()}) : gardée, "
                      "mais une convention est datée du jour de sa signature ; faute de frappe dans l'année ?",
                      f"convention date in the future ({convention.isoformat()}): kept, but a convention is dated "
                      "the day it is signed; a typing mistake in the year?", self.get(row, "convention_date"))
        if convention:
            g.add((grant, MAI.conventionDate, literal(convention, XSD.date)))
        year = self.fiscal_year(row) or (convention.year if convention else None)
        if year:
            g.add((grant, MAI.fiscalYear, literal(year, XSD.integer)))
        if period := self.period(row):
            g.add((grant, MAI.paymentPeriod, literal(period)))

    def fiscal_year(self, row: Row) -> int | None:
        raw = self.get(row, "fiscal_year")
        try:
            return parse_int(raw)
        except ValueProblem as exc:
            self.warn(row, "fiscal_year", str(exc), exc.message_en, raw)
            return None

    def describe_decision(self, row: Row, grant: URIRef, funder: URIRef) -> None:
        reference = self.get(row, "decision_ref")
        if not reference:
            return
        g = self.graph
        g.add((grant, MAI.decisionReference, literal(reference)))
        deliberation = deliberation_iri(funder, reference, base=self.ctx.base)
        g.add((grant, MAI.decidedBy, deliberation))
        g.add((deliberation, RDF.type, MAI.Deliberation))
        g.add((deliberation, DCTERMS.identifier, literal(reference)))
        g.add((deliberation, MAI.authority, funder))
        if (decided := self.date(row, "decision_date")) is not None:
            g.add((deliberation, DCTERMS.date, literal(decided, XSD.date)))

    def report_unidentified(self) -> None:
        """Say once, with how many and the first lines, which grants kept name a beneficiary without an identifier
        where the list has a column for one: SCDL requires idBeneficiaire (SIRET) or rnaBeneficiaire, and such a
        beneficiary is joined to other sources by its name alone. An unnamed beneficiary (a natural person, whose
        name the list hides) is not counted: it has none to give."""
        if not self.unidentified or not self.cols.keys() & {"beneficiary_id", "beneficiary_rna"}:
            return
        lines, shown = self.unidentified, ", ".join(map(str, self.unidentified[:MAX_LINES_SHOWN]))
        more, count = "…" if len(lines) > MAX_LINES_SHOWN else "", len(lines)
        if count == 1:
            fr, en = ("1 bénéficiaire", "subvention gardée, bénéficiaire rapproché", "son", "ligne"), \
                ("1 beneficiary", "grant kept, beneficiary", "its", "line")
        else:
            fr, en = (f"{count} bénéficiaires", "subventions gardées, bénéficiaires rapprochés", "leur", "lignes"), \
                (f"{count} beneficiaries", "grants kept, beneficiaries", "their", "lines")
        self.ex.warn(f"{fr[0]} sans identifiant (ni idBeneficiaire ni rnaBeneficiaire, dont le SCDL demande l'un) : "
                     f"{fr[1]} des autres sources par {fr[2]} seul nom ({fr[3]} {shown}{more})",
                     f"{en[0]} without an identifier (neither idBeneficiaire nor rnaBeneficiaire, one of which SCDL "
                     f"requires): {en[1]} joined to other sources by {en[2]} name alone ({en[3]} {shown}{more})",
                     line=lines[0])

    def report_repairs(self) -> None:
        self.ex.issues.extend(repair_issues(self.table))
        for row in self.table.rows:
            self.ex.issues.extend(lost_characters(row, self.table.header))


def aid_forms(text: str) -> str:
    """The SCDL ``nature`` values a cell lists, as the schema writes them, in the cell's order ('' for none).

    >>> aid_forms("Aide en numéraire ; aide en nature")
    'aide en numéraire;aide en nature'
    >>> aid_forms("subvention")
    ''
    """
    forms = []
    for part in text.split(";"):
        key = re.sub(r"[^a-z]", "", fold(part))
        form = AID_FORMS.get(key)
        if form and form not in forms:
            forms.append(form)
    return ";".join(forms)


def extract(ctx: SourceContext) -> Extraction:
    """Extract the grants of an SCDL subventions file (see the module's docstring)."""
    table = read_table(ctx.data, known=GRANT_KEYS)
    rows = _Rows(ctx, table, _columns(table, ctx))
    if not table.rows:
        raise InputError("aucune ligne de données sous l'en-tête", line=table.header_line,
                         message_en="no data rows under the header")
    warn_duplicate_columns(rows.ex, table.header, GRANT_FIELDS, table.header_line)
    rows.report_repairs()
    for row in table.rows:
        rows.add_row(row)
    rows.check_shares()
    rows.report_unidentified()
    if not rows.grants:
        raise nothing_kept(rows.ex, len(table.rows))
    rows.book.finish()
    ex = rows.ex
    # The total is the beneficiaries' amounts: where shares were applied, the summary says so, with how many grants
    # and the total of the rows' amounts before them (read alone, two totals looked like money lost).
    shares = {"shares_applied": rows.shared, "total_before_shares": rows.stated} if rows.shared else {}
    ex.stats = {"rows_read": len(table.rows), "grants": rows.grants, **ex.issue_counts(),
                "total_amount": rows.total, **shares, "encoding": table.encoding or "xlsx/ods"}
    return ex


KIND = SourceKind("scdl-subventions", "Subventions (SCDL)", detect, extract, extensions=EXTENSIONS,
                  near_miss=near_miss, rows_kept="grants", check_stored=grants_stored)

__all__ = ["KIND", "detect", "extract", "parse_funder_option"]
