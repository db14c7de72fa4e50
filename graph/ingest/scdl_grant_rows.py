"""The rows of a grants list turned into grants (:mod:`graph.ingest.scdl_grants`): each row's funder and
beneficiary, its grant's IRI (:mod:`graph.ingest.scdl_grant_addresses`), and the rows skipped (duplicates, totals
rows, a printed report's page lines, rows shifted out of their columns).

This module reads the rows (:class:`GrantRows`); each grant kept is described by
:class:`graph.ingest.scdl_grant_description.GrantDescription` (its amount, purpose, dates and decision), and what
the file's rows say together (shares that do not add up, amounts that differ, beneficiaries without an identifier)
is said by :class:`graph.ingest.scdl_grant_reports.GrantReports`, once every row is read.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from typing import Callable

from rdflib import URIRef

from graph.identity import ActorBook, actor_key
from graph.identity_names import fold
from graph.ingest.base import Extraction, SourceContext, new_graph
from graph.ingest.delib_meta import parse_actes
from graph.ingest.scdl_checks import identifier_in_name, print_artefact, shifted, total_difference, total_figure
from graph.ingest.scdl_decisions import ActsNamed
from graph.ingest.scdl_grant_addresses import GrantAddresses
from graph.ingest.scdl_grant_description import GrantDescription
from graph.ingest.scdl_grant_reports import GrantReports, Kept
from graph.ingest.scdl_names import PERSON_LABEL, civility, is_anonymous
from graph.ingest.scdl_sirens import with_siren
from graph.namespaces import MAI
from graph.table_checks import is_total, short_row
from graph.tabular import Row, Table
from graph.values import ValueProblem

_ASSOCIATION = re.compile(r"\b(association|asso|amicale|f[ée]d[ée]ration|comit[ée] des f[êe]tes)\b", re.I)
#: A word that says "total" in a folded cell ("montant total des subventions", "totaux"): a row whose words all
#: say it sums others.
_TOTAL_WORD = re.compile(r"\b(?:sous )?tota(?:l|ls|ux)\b")
_LETTER = re.compile(r"[^\W\d_]")
#: An amount with its currency ("7 000,00 €", "1500 EUR"), which has letters but says nothing.
_NUMBER_CELL = re.compile(r"[\d\s\u00a0\u202f.,+-]*\d[\d\s\u00a0\u202f.,]*\s*(?:€|eur(?:os?)?)?", re.IGNORECASE)


class GrantRows(GrantAddresses, GrantDescription, GrantReports):
    """Turns the rows of one table into grants, their cells read as
    :class:`graph.ingest.scdl_grant_values.GrantCellReader` reads them; keeps the per-file state (actors, totals,
    duplicates).

    ``funder_option``: the funder that ``--funder`` names (:func:`graph.ingest.base.parse_funder_option`),
    for the rows that name none.
    """

    def __init__(self, ctx: SourceContext, table: Table, cols: dict[str, int],
                 funder_option: tuple[str, str | None] | None):
        self.ctx, self.graph = ctx, new_graph()
        super().__init__(table, cols, Extraction(graph=self.graph))
        self.book = ActorBook(self.graph, ctx.base)
        self.funder_option = funder_option
        self.seen: dict[tuple[str, ...], int] = {}
        distinct = {tuple(row.cells): row for row in table.rows}.values()  # identical rows are one grant
        self.id_count = Counter(self.get(row, "grant_id") for row in distinct)
        #: The first line of each idSubvention, with what its row shares with its co-beneficiaries' (co_financing).
        self.id_first: dict[str, tuple[int, tuple | None]] = {}
        #: The first (line, amount stated) of each funder's idSubvention for a beneficiary: one stated again.
        self.id_beneficiary: dict[tuple[URIRef, str, URIRef], tuple[int, Decimal]] = {}
        self.minted: set[URIRef] = set()
        self.total = self.stated = Decimal(0)
        self.stated_since_total = Decimal(0)  # the grants since the last totals row: what a subtotal sums
        self.grants = 0
        self.unidentified: list[int] = []  # the lines of the grants kept whose beneficiary has no identifier
        self.funder_unidentified: list[int] = []  # the lines of the grants kept whose idAttribuant is empty
        #: The (line, referenceDecision) of the rows whose reference a workbook gave as a number.
        self.numeric_references: list[tuple[int, str]] = []
        #: The (line, referenceDecision, acts it names) of the rows whose reference names several acts.
        self.several_acts: list[tuple[int, str, ActsNamed]] = []
        #: The (line, referenceDecision) of the rows whose reference names no deliberation (« CONV N° 978-15 »).
        self.no_deliberation: list[tuple[int, str]] = []
        #: The decision references without a year, nor a decision date: their lines by convention date.
        self.undated_numbers: dict[str, dict[str, list[int]]] = {}
        self.numbers_split: set[str] = set()  # the references without a year read as several deliberations
        self._dates_of_numbers: dict | None = None
        self.shared = 0  # the grants whose amount is the beneficiary's share of the row's (pourcentageSubvention)
        #: The rows kept of each grant (its idSubvention and funder, or its line).
        self.shares: dict[tuple, list[Kept]] = {}
        #: The (line, column, text) of the lines of a printed report's pages, not rows of the table.
        self.artefacts: list[tuple[int, int, str]] = []
        self.undated: list[int] = []  # the lines whose fiscal year is their decision's, which has no reference

    def funder(self, row: Row) -> Callable[[], tuple[URIRef, str | None]] | None:
        """How to make the row's funder (made only once the whole row is kept), returned with the SIRET the row gives
        it; None when the row is rejected."""
        name, (siren, siret) = self.get(row, "funder_name"), self.siren_from(row, "funder_id")
        siren, siret = with_siren(self, row, "funder_id", siren, siret)
        if not name and not siren and self.funder_option:
            name, option_id = self.funder_option
            siren, siret = (option_id[:9], option_id if len(option_id) == 14 else None) if option_id else (None, None)
        if not name and not siren:
            given = self.get(row, "funder_id")
            self.reject(row, "funder_name", f"attribuant manquant (nom vide, identifiant « {given} » invalide)",
                        f"funder missing (empty name, invalid identifier '{given}')", "")
            return None
        unidentified = not siren and "funder_id" in self.cols and not self.get(row, "funder_id")

        def make() -> tuple[URIRef, str | None]:
            if unidentified:  # joined by its name alone: said once the rows are read (report_funder_unidentified)
                self.funder_unidentified.append(row.line)
            return self.book.actor(name or None, MAI.PublicAuthority, siren=siren, siret=siret), siret
        return make

    def beneficiary(self, row: Row) -> Callable[[], tuple[URIRef, str | None, str | None]] | None:
        """How to make the row's beneficiary (made only once the whole row is kept), returned with the SIRET and the
        RNA number the row gives it; None when the row is rejected."""
        name = self.get(row, "beneficiary_name")
        siren, siret, rna = self.beneficiary_ids(row)
        no_id = not any(self.get(row, field) for field in ("beneficiary_id", "beneficiary_rna", "beneficiary_siren"))
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
        if not siren and not rna and (unnamed := self.unnamed(row, name)):
            return lambda: (self.book.unnamed(unnamed, cls, self.ctx.key, self.get(row, "grant_id") or row.line), None,
                            None)

        def make() -> tuple[URIRef, str | None, str | None]:
            if no_id:
                self.unidentified.append(row.line)
            return self.book.actor(name or None, cls, siren=siren, siret=siret, rna=rna), siret, rna
        return make

    def unnamed(self, row: Row, name: str) -> str | None:
        """The label of the actor of this grant alone that stands for a beneficiary without an identifier whom the
        list does not name (a placeholder) or names as a natural person (with a civility: their name is personal
        data, kept in no label); None for any other name. Said in a warning."""
        if is_anonymous(name):
            self.warn(row, "beneficiary_name", "bénéficiaire non nommé : un acteur propre à cette subvention, "
                      "rapproché d'aucun autre", "unnamed beneficiary: an actor of this grant alone, joined to no "
                      "other", name)
            return name
        if said := civility(name):
            self.warn(row, "beneficiary_name", f"bénéficiaire nommé avec une civilité (« {said} ») : une personne "
                      "physique, dont le nom, donnée personnelle, n'est pas gardé ; un acteur propre à cette "
                      f"subvention, libellé « {PERSON_LABEL} », rapproché d'aucun autre", f"beneficiary named with a "
                      f"civility ('{said}'): a natural person, whose name, personal data, is not kept; an actor of "
                      f"this grant alone, labelled '{PERSON_LABEL}', joined to no other")
            return PERSON_LABEL
        return None

    def duplicate(self, row: Row) -> bool:
        key = tuple(row.cells)
        if key in self.seen:  # the whole line repeats: no one cell to name
            self.ex.warn(f"ligne identique à la ligne {self.seen[key]} : ignorée",
                         f"row identical to line {self.seen[key]}: ignored", line=row.line)
            return True
        self.seen[key] = row.line
        return False

    def column_name(self, i: int) -> str:
        """The header of column ``i``, or its number for a cell beyond the header."""
        return self.table.header[i] if i < len(self.table.header) else f"colonne {i + 1}"

    def total_label(self, row: Row) -> tuple[str, str] | None:
        """Return (field, text) of the cell that makes ``row`` a totals row, or None: the beneficiary's name or the
        first filled cell says "Total…" and no beneficiary identifier is given."""
        if any(self.get(row, field) for field in ("beneficiary_id", "beneficiary_rna", "beneficiary_siren")):
            return None
        first = next((i for i, cell in enumerate(row.cells) if cell.strip()), len(row.cells))
        column = self.column_name(first)
        for field, text in (("beneficiary_name", self.get(row, "beneficiary_name")),
                            (column, row.cells[first].strip() if first < len(row.cells) else ""),
                            ("amount", self.get(row, "amount"))):  # "Total : 7 600,00" below a printed report
            if is_total(text):
                return field, text
        amount = self.cols.get("amount")
        if amount is not None and first == amount and self.get(row, "amount") and not any(
                cell.strip() for i, cell in enumerate(row.cells) if i != amount):
            return "amount", self.get(row, "amount")  # an amount alone on its row: a sum, not a grant missing all
        return self.total_words(row)

    def total_words(self, row: Row) -> tuple[str, str] | None:
        """(column, text) of a totals row whose words, beyond its funder, all say total: "TOTAL SPORT" under objet
        beside the funder's name, "Montant total des subventions" under another column; None otherwise."""
        funder = {self.cols.get(field) for field in ("funder_name", "funder_id", "funder_siren")}
        said = [(i, cell.strip()) for i, cell in enumerate(row.cells)
                if i not in funder and _LETTER.search(cell) and not _NUMBER_CELL.fullmatch(cell.strip())]
        if not said or not all(_TOTAL_WORD.search(fold(text)) for _, text in said):
            return None
        i, text = said[0]
        return self.column_name(i), text

    def skip_total(self, row: Row, field: str, text: str) -> None:
        """Report a totals row as skipped, and a total that is not the sum of the grants kept above it."""
        self.warn(row, field, "ligne de total, pas une subvention : ignorée", "totals row, not a grant: ignored", text)
        try:
            stated = self.cell_amount(row, total_figure(self.get(row, "amount")))
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
        if (artefact := print_artefact(row.cells)) is not None:
            self.artefacts.append((row.line, artefact, row.cells[artefact].strip()))
            return
        if self.duplicate(row):
            return
        if why := shifted(row.cells, row.extra, self.cols, self.table.header, self.table.delimiter):
            self.ex.reject(*why, line=row.line)
            return
        errors, issues = len(self.ex.errors), len(self.ex.issues)
        make_funder, make_beneficiary, amounts = self.funder(row), self.beneficiary(row), self.amounts(row)
        if len(self.ex.errors) > errors or make_funder is None or make_beneficiary is None or amounts is None:
            self.name_refused(row, issues)
            return  # a rejected row contributes nothing, not even its actors
        (funder, funder_siret), (beneficiary, beneficiary_siret, beneficiary_rna) = make_funder(), make_beneficiary()
        grant = self.grant_iri(row, funder, beneficiary, amounts[1], self.co_financing(row, funder, amounts[2]))
        self.describe(row, grant, funder, beneficiary, amounts)
        self.describe_sirets(grant, funder_siret, beneficiary_siret, beneficiary_rna)
        self.grants += 1
        self.total += amounts[0]
        self.stated += amounts[1]
        self.stated_since_total += amounts[1]
        self.shared += amounts[2] is not None
        self.shares.setdefault(self.grant_of(row, funder, amounts[1]), []).append(
            Kept(row.line, amounts[2] or Decimal(1), amounts[1], amounts[0], grant, beneficiary))

    def name_refused(self, row: Row, since: int) -> None:
        """Name the beneficiary of the refused ``row`` in its errors (those from ``since`` in the issues): « ligne 8 :
        montant illisible « NC » » told a reader of the source's page nothing of whose grant was not imported."""
        name = self.get(row, "beneficiary_name")
        if not name:
            return
        for issue in self.ex.issues[since:]:
            if issue.level == "error" and issue.line == row.line:
                issue.message = f"ligne de « {name} » non importée : {issue.message}"
                issue.message_en = f"row of '{name}' not imported: {issue.message_en or issue.message}"

    def join_namesakes(self) -> None:
        """Join the beneficiaries of this list that bear one name and identifiers that do not conflict (one row
        giving the RNA number, another the SIRET: :meth:`graph.identity.ActorBook.join_namesakes`), as DESIGN.md's
        identity by name asks, saying so with their lines; namesakes whose identifiers conflict stay apart, said too.
        A grant then written twice for the one beneficiary is counted once (:meth:`drop_repeated`)."""
        lines: dict[URIRef, list[int]] = {}
        for rows in self.shares.values():
            for kept in rows:
                lines.setdefault(kept.beneficiary, []).append(kept.line)
        apart = [iris for iris in self.book.namesakes() if not self.book.compatible(iris) and iris <= lines.keys()]
        mapping = self.book.join_namesakes()
        for source, target in mapping.items():
            if source in lines and target in lines:
                self.say_namesakes(source, target, lines, joined=True)
        for iris in apart:
            first, *others = sorted(iris, key=lambda iri: lines[iri][0])
            for other in others:
                self.say_namesakes(first, other, lines, joined=False)
        if mapping:
            self.shares = {key: [kept._replace(beneficiary=mapping.get(kept.beneficiary, kept.beneficiary))
                                 for kept in rows] for key, rows in self.shares.items()}
            self.drop_repeated()

    def say_namesakes(self, one: URIRef, other: URIRef, lines: dict[URIRef, list[int]], joined: bool) -> None:
        """Warn of two beneficiaries of one name, at the first line of ``other``, naming both lines and identifiers:
        joined as one organisation, or kept apart, their identifiers conflicting."""
        first, line = lines[one][0], lines[other][0]
        ids = f"{actor_key(one)} ligne {first}, {actor_key(other)} ligne {line}"
        ids_en = f"{actor_key(one)} line {first}, {actor_key(other)} line {line}"
        name = self.book.labels.get(one) or self.book.labels.get(other, "")
        if joined:
            fr, en = ("identifiants qui ne se contredisent pas : un seul bénéficiaire",
                      "identifiers that do not conflict: one beneficiary")
        else:
            fr, en = ("identifiants différents : deux bénéficiaires homonymes, gardés distincts",
                      "different identifiers: two namesake beneficiaries, kept apart")
        self.ex.warn(f"même nom de bénéficiaire (« {name} ») avec des {fr} ({ids})",
                     f"same beneficiary name ('{name}') with {en} ({ids_en})", line=line,
                     field=self.header("beneficiary_name"), value=name)

    def drop_repeated(self) -> None:
        """Count once a grant written on two rows for one beneficiary (same decision, purpose, amount and share):
        two rows of the same beneficiary joined by name (one with its RNA number, the other with its SIRET). The
        later row's grant is removed, and said; its share counted twice made the grant more than its amount."""
        for key, rows in self.shares.items():
            seen: dict[tuple, Kept] = {}
            for kept in list(rows):
                first = seen.setdefault((kept.beneficiary, kept.share, kept.stated), kept)
                if first is kept:
                    continue
                rows.remove(kept)
                for triple in list(self.graph.triples((kept.grant, None, None))):
                    self.graph.remove(triple)
                self.grants -= 1
                self.total -= kept.amount
                self.stated -= kept.stated
                self.shared -= kept.share != 1
                self.ex.warn(f"même subvention que la ligne {first.line}, pour le même bénéficiaire (même décision, "
                             f"objet, montant et part) : ligne comptée une fois", f"same grant as line {first.line}, "
                             "for the same beneficiary (same decision, purpose, amount and share): row counted once",
                             line=kept.line)

    def grant_of(self, row: Row, funder: URIRef, stated: Decimal) -> tuple:
        """What tells the rows of one grant, after the name of what tells them: its funder and idSubvention; without one
        (SCDL 2.1.1 has none), its funder, decision reference, purpose and stated amount, when the reference or the
        purpose is given (rows of co-beneficiaries differ by the beneficiary, the share, and the date each signed
        its convention; rows that each state their beneficiary's own amount are joined once all are read,
        :meth:`graph.ingest.scdl_grant_reports.GrantReports.join_own_amounts`), else its funder, convention date and
        stated amount; else its line. A reference that is an ACTES id counts by its normalised form: its two
        spellings name one act (:mod:`graph.ingest.scdl_decisions`)."""
        if grant_id := self.get(row, "grant_id"):
            return "id", funder, grant_id
        reference, purpose = self.get(row, "decision_ref"), self.get(row, "purpose")
        if reference or purpose:
            actes = parse_actes(reference) if reference else None
            return "decision", funder, actes.normalised if actes else reference, purpose, stated
        if date := self.get(row, "convention_date"):
            return "convention", funder, date, stated
        return "line", row.line

    def co_financing(self, row: Row, funder: URIRef, share: Decimal | None) -> tuple | None:
        """What the rows of one co-financed grant share, SCDL writing its idSubvention on each beneficiary's row:
        its funder, purpose and decision reference, with a share (pourcentageSubvention) below the whole on each; None
        for a row without such a share (its beneficiary's grant is the whole)."""
        return None if share is None else (funder, self.get(row, "purpose"), self.get(row, "decision_ref"))
