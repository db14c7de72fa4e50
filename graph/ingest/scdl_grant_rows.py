"""The rows of a grants list turned into grants (:mod:`graph.ingest.scdl_grants`): each row's funder and
beneficiary, its grant's IRI and description, and what the file's rows say together (duplicates, totals rows,
shares that do not add up, beneficiaries without an identifier)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from decimal import Decimal
from typing import Callable, NamedTuple

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from graph.identity import ActorBook, actor_key, deliberation_iri, fold
from graph.ingest.base import Extraction, SourceContext, literal, new_graph
from graph.ingest.delib_meta import parse_actes
from graph.ingest.french import format_amount
from graph.ingest.scdl_checks import (MAX_LINES_SHOWN, identifier_in_name, lines_said, matches_share, print_artefact,
                                      shifted, total_difference, total_figure)
from graph.ingest.scdl_decisions import actes_reference
from graph.ingest.scdl_grant_values import EU_NOTIFIED, GrantCellReader, aid_forms
from graph.ingest.scdl_names import PERSON_LABEL, civility, is_anonymous
from graph.ingest.scdl_sirens import with_siren
from graph.namespaces import MAI, SCHEMA, mint
from graph.spreadsheets import FractionCell
from graph.tabular import Row, Table, is_total, lost_characters, repair_issues, short_row
from graph.triples import plain_literal
from graph.values import ValueProblem

_ASSOCIATION = re.compile(r"\b(association|asso|amicale|f[ée]d[ée]ration|comit[ée] des f[êe]tes)\b", re.I)
#: A word that says "total" in a folded cell ("montant total des subventions", "totaux"): a row whose words all
#: say it sums others.
_TOTAL_WORD = re.compile(r"\b(?:sous )?tota(?:l|ls|ux)\b")
_LETTER = re.compile(r"[^\W\d_]")
#: An amount with its currency ("7 000,00 €", "1500 EUR"), which has letters but says nothing.
_NUMBER_CELL = re.compile(r"[\d\s\u00a0\u202f.,+-]*\d[\d\s\u00a0\u202f.,]*\s*(?:€|eur(?:os?)?)?", re.IGNORECASE)
#: Characters of a grant's purpose that the SCDL schema allows (``objet``: maxLength 256).
PURPOSE_CHARS = 256


class Kept(NamedTuple):
    """A row kept as a grant, as what its grant's other rows are checked against: its line, its share
    (pourcentageSubvention, 1 when it has none), its amount as stated (montant), the beneficiary's amount kept, the
    grant minted and its beneficiary."""

    line: int
    share: Decimal
    stated: Decimal
    amount: Decimal
    grant: URIRef
    beneficiary: URIRef


class GrantRows(GrantCellReader):
    """Turns the rows of one table into grants, their cells read as :class:`GrantCellReader` reads them; keeps the
    per-file state (actors, totals, duplicates).

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
        self.id_line: dict[str, int] = {}
        #: The first (line, amount stated) of each funder's idSubvention for a beneficiary: one stated again.
        self.id_beneficiary: dict[tuple[URIRef, str, URIRef], tuple[int, Decimal]] = {}
        self.minted: set[URIRef] = set()
        self.total = self.stated = Decimal(0)
        self.stated_since_total = Decimal(0)  # the grants since the last totals row: what a subtotal sums
        self.grants = 0
        self.unidentified: list[int] = []  # the lines of the grants kept whose beneficiary has no identifier
        #: The (line, referenceDecision) of the rows whose reference a workbook gave as a number.
        self.numeric_references: list[tuple[int, str]] = []
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
        return lambda: (self.book.actor(name or None, MAI.PublicAuthority, siren=siren, siret=siret), siret)

    def beneficiary(self, row: Row) -> Callable[[], tuple[URIRef, str | None]] | None:
        """How to make the row's beneficiary (made only once the whole row is kept), returned with the SIRET the row
        gives it; None when the row is rejected."""
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
            return lambda: (self.book.unnamed(unnamed, cls, self.ctx.key, self.get(row, "grant_id") or row.line), None)

        def make() -> tuple[URIRef, str | None]:
            if no_id:
                self.unidentified.append(row.line)
            return self.book.actor(name or None, cls, siren=siren, siret=siret, rna=rna), siret
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
        if key in self.seen:
            self.warn(row, "amount", f"ligne identique à la ligne {self.seen[key]} : ignorée",
                      f"row identical to line {self.seen[key]}: ignored")
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
        errors = len(self.ex.errors)
        make_funder, make_beneficiary, amounts = self.funder(row), self.beneficiary(row), self.amounts(row)
        if len(self.ex.errors) > errors or make_funder is None or make_beneficiary is None or amounts is None:
            return  # a rejected row contributes nothing, not even its actors
        (funder, funder_siret), (beneficiary, beneficiary_siret) = make_funder(), make_beneficiary()
        grant = self.grant_iri(row, funder, beneficiary, amounts[1])
        self.describe(row, grant, funder, beneficiary, amounts)
        self.describe_sirets(grant, funder_siret, beneficiary_siret)
        self.grants += 1
        self.total += amounts[0]
        self.stated += amounts[1]
        self.stated_since_total += amounts[1]
        self.shared += amounts[2] is not None
        self.shares.setdefault(self.grant_of(row, funder, amounts[1]), []).append(
            Kept(row.line, amounts[2] or Decimal(1), amounts[1], amounts[0], grant, beneficiary))

    def grant_of(self, row: Row, funder: URIRef, stated: Decimal) -> tuple:
        """What tells the rows of one grant: its funder and idSubvention; without one (SCDL 2.1.1 has none), its
        funder, decision reference, purpose and stated amount, when the reference or the purpose is given (rows of
        co-beneficiaries differ by the beneficiary, the share, and the date each signed its convention), else its
        funder, convention date and stated amount; else its line. A reference that is an ACTES id counts by its
        normalised form: its two spellings name one act (:mod:`graph.ingest.scdl_decisions`)."""
        if grant_id := self.get(row, "grant_id"):
            return funder, grant_id
        reference, purpose = self.get(row, "decision_ref"), self.get(row, "purpose")
        if reference or purpose:
            actes = parse_actes(reference) if reference else None
            return funder, actes.normalised if actes else reference, purpose, stated
        return (funder, date, stated) if (date := self.get(row, "convention_date")) else (row.line,)

    def check_shares(self) -> None:
        """Warn about each grant whose rows' shares (pourcentageSubvention) do not add up to 1: the rule stays (a
        beneficiary's amount is montant × share, pitfall 14), but the other beneficiaries are not in the file, or
        the column holds the funder's rate of a project's budget, and the amount kept may be too low."""
        for rows in self.shares.values():
            shared = sum(k.share for k in rows)
            if shared == 1 or all(k.share == 1 for k in rows):
                continue
            lines = ", ".join(str(k.line) for k in rows)
            where = (f" (lignes {lines})", f" (lines {lines})") if len(rows) > 1 else ("", "")
            stated = sorted({k.stated for k in rows})
            kept = sum(k.amount for k in rows)
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

    def grant_iri(self, row: Row, funder: URIRef, beneficiary: URIRef, stated: Decimal) -> URIRef:
        """Mint the grant of ``row`` from its idSubvention, or its line when it has none. Co-beneficiaries of one
        grant may share its idSubvention on several rows: each row is a grant of its own, told apart by its
        beneficiary (or its line), with a warning; one that names its funder's grant for its beneficiary again (its
        amount ``stated`` again, or another) is too, with its own (:meth:`warn_stated_again`)."""
        key, grant_id = self.ctx.key, self.get(row, "grant_id")
        iri = mint("grant", key, grant_id or row.line, base=self.ctx.base)
        if grant_id and self.id_count[grant_id] > 1:
            first = self.id_line.setdefault(grant_id, row.line)
            earlier = self.id_beneficiary.setdefault((funder, grant_id, beneficiary), (row.line, stated))
            if earlier[0] != row.line:
                self.warn_stated_again(row, grant_id, earlier, stated)
            elif first != row.line:
                self.warn(row, "grant_id", f"identifiant de subvention déjà employé ligne {first} : une subvention "
                          "distincte pour cette ligne", f"grant identifier already used on line {first}: a grant "
                          "of its own for this line", grant_id)
            iri = mint("grant", key, grant_id, actor_key(beneficiary), base=self.ctx.base)
        if iri in self.minted:
            iri = mint("grant", key, grant_id or "ligne", row.line, base=self.ctx.base)
        self.minted.add(iri)
        return iri

    def warn_stated_again(self, row: Row, grant_id: str, earlier: tuple[int, Decimal], stated: Decimal) -> None:
        """Warn of a row that states the grant ``grant_id`` again for the beneficiary of an ``earlier`` row (its
        line, its amount): an amendment that changes the amount, a second instalment, or the grant written twice?
        Nothing tells which, so both rows are kept, as two grants whose amounts the totals both count (as a grant
        that two lists publish, :mod:`graph.ingest.scdl_repeated`), and that is said."""
        line, before = earlier
        both, both_en = format_amount(before + stated), f"{before + stated} €"
        if before == stated:
            fr = f"avec le même montant ({format_amount(stated)}) : la même subvention écrite deux fois ?"
            en = f"with the same amount ({stated} €): the same grant written twice?"
        else:
            fr = (f"avec un autre montant ({format_amount(before)}, ici {format_amount(stated)}) : un avenant qui "
                  "remplace le premier montant, ou un second versement ?")
            en = (f"with another amount ({before} €, here {stated} €): an amendment that replaces the first amount, "
                  "or a second instalment?")
        self.warn(row, "grant_id", f"subvention déjà indiquée ligne {line} pour ce même bénéficiaire, {fr} les deux "
                  f"lignes sont gardées, et comptées toutes deux dans les totaux ({both})", f"grant already stated "
                  f"on line {line} for the same beneficiary, {en} both rows are kept, and both counted in the totals "
                  f"({both_en})", grant_id)

    def check_stated_amounts(self) -> None:
        """Warn about each grant whose rows (co-beneficiaries of one idSubvention) state different amounts: SCDL's
        montant is the grant's total, the same on each of its rows (pitfall 14). When each amount is its row's share
        of their sum (30 000 at 0.6 and 20 000 at 0.4), the list wrote each beneficiary's own amount: it is kept as
        such (montant × share would keep 18 000 and 8 000), the sum as the grant's total; otherwise the amounts are
        read as the rule says, and the warning gives them. A beneficiary named twice was said at its row."""
        for rows in self.shares.values():
            if len({k.stated for k in rows}) < 2 or len({k.beneficiary for k in rows}) < len(rows):
                continue
            whole = sum(k.stated for k in rows)
            own = all(k.share != 1 and matches_share(k.stated, whole, k.share) for k in rows)
            if own:
                rows[:] = [self.own_amount(k, whole) for k in rows]
            self.warn_stated_amounts(rows, whole, own)

    def own_amount(self, kept: Kept, whole: Decimal) -> Kept:
        """Keep the amount stated on a grant's row as its beneficiary's own, ``whole`` as the grant's total."""
        self.graph.set((kept.grant, SCHEMA.amount, Literal(kept.stated, datatype=XSD.decimal)))
        self.graph.set((kept.grant, MAI.statedTotal, Literal(whole, datatype=XSD.decimal)))
        self.total += kept.stated - kept.amount
        self.shared -= 1
        return kept._replace(stated=whole, amount=kept.stated)

    def warn_stated_amounts(self, rows: list[Kept], whole: Decimal, own: bool) -> None:
        """The warning of :meth:`check_stated_amounts` for the rows of one grant: ``own`` when each amount was read
        as its beneficiary's own, ``whole`` their sum."""
        shown = rows[:MAX_LINES_SHOWN]
        more = "…" if len(rows) > MAX_LINES_SHOWN else ""
        amounts = ", ".join(f"{format_amount(k.amount if own else k.stated)} ligne {k.line}" for k in shown) + more
        amounts_en = ", ".join(f"{k.amount if own else k.stated} € line {k.line}" for k in shown) + more
        if own:
            fr = (f"chacun étant la part (pourcentageSubvention) de sa ligne dans leur somme ({format_amount(whole)}), "
                  "il est lu comme le montant propre de son bénéficiaire")
            en = (f"each being its row's share (pourcentageSubvention) of their sum ({whole} €), it is read as its "
                  "beneficiary's own amount")
        elif all(k.share == 1 for k in rows):
            fr, en = ("chacun est gardé comme celui de son bénéficiaire ; à vérifier",
                      "each is kept as its beneficiary's; to check")
        else:
            kept = ", ".join(format_amount(k.amount) for k in shown) + more
            kept_en = ", ".join(f"{k.amount} €" for k in shown) + more
            fr = (f"chacun est lu comme ce total, la part de son bénéficiaire appliquée (montants retenus {kept}) ; "
                  "à vérifier")
            en = f"each is read as that total, its beneficiary's share applied (amounts kept {kept_en}); to check"
        grant_id = self.graph.value(rows[0].grant, DCTERMS.identifier)
        self.ex.warn(f"les lignes de la subvention « {grant_id} » indiquent des montants différents ({amounts}), alors "
                     f"que le SCDL y attend le montant total de la subvention, le même sur chaque ligne : {fr}",
                     f"the rows of grant '{grant_id}' state different amounts ({amounts_en}), where SCDL expects the "
                     f"grant's total, the same on each row: {en}", line=rows[0].line, field=self.header("amount"))

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
        decided = self.date(row, "decision_date")
        self.describe_dates(row, grant, decided)
        self.describe_decision(row, grant, funder, decided)
        if (nature := self.nature(row)) is not None:
            g.add((grant, MAI.nature, nature))
        self.describe_terms(row, grant)

    def describe_sirets(self, grant: URIRef, funder: str | None, beneficiary: str | None) -> None:
        """Keep on the grant the SIRETs its row gives its funder and its beneficiary. An actor is one per SIREN and
        keeps the SIRETs of all its establishments that the list names (a métropole granting through two), so there
        the grant's own is lost; an SCDL export writes it back."""
        for prop, siret in ((MAI.funderSiret, funder), (MAI.beneficiarySiret, beneficiary)):
            if siret:
                self.graph.add((grant, prop, plain_literal(siret)))

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

    def describe_dates(self, row: Row, grant: URIRef, decided: dt.date | None) -> None:
        """The grant's convention date, payment period and fiscal year: the list's, else the year of its convention,
        else of its decision (``decided``), said when that has no reference (:meth:`report_undated`)."""
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
        if not year and decided:
            year = decided.year
            if not self.get(row, "decision_ref"):
                self.undated.append(row.line)
        if year:
            g.add((grant, MAI.fiscalYear, literal(year, XSD.integer)))
        if period := self.period(row):
            g.add((grant, MAI.paymentPeriod, literal(period)))

    def describe_decision(self, row: Row, grant: URIRef, funder: URIRef, decided: dt.date | None) -> None:
        """The deliberation that the row's decision reference names, dated ``decided``; a decision date without a
        reference dates no deliberation."""
        reference = self.get(row, "decision_ref")
        if not reference:
            return
        if isinstance(row.cells[self.cols["decision_ref"]], FractionCell):
            self.numeric_references.append((row.line, reference))
        g = self.graph
        g.add((grant, MAI.decisionReference, literal(reference)))
        siren = g.value(funder, MAI.siren)
        actes, unlike = actes_reference(reference, str(siren) if siren else None)
        if unlike is not None:
            self.warn(row, "decision_ref", *unlike, reference)
            return
        number = actes.number if actes else reference  # a deliberation text without a number of its own is so named
        deliberation = deliberation_iri(funder, number, base=self.ctx.base)
        g.add((grant, MAI.decidedBy, deliberation))
        g.add((deliberation, RDF.type, MAI.Deliberation))
        g.add((deliberation, DCTERMS.identifier, literal(number)))
        g.add((deliberation, MAI.authority, funder))
        if actes is not None:  # the act's date is the id's (pitfall 17)
            g.add((deliberation, MAI.actesId, literal(actes.normalised)))
            decided = decided or actes.date
        if decided is not None:
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

    def report_numeric_references(self) -> None:
        """Say once, with the first lines, that the workbook gave decision references as numbers: a number keeps no
        trailing zero (2024.00240 is read 2024.0024), so such a reference may not be the deliberation's number."""
        if not self.numeric_references:
            return
        lines = [line for line, _ in self.numeric_references]
        (at, at_en), example = lines_said(lines), self.numeric_references[0][1]
        self.ex.warn(f"référence de décision saisie comme un nombre dans le classeur (« {example} ») : gardée telle "
                     "quelle, mais un nombre perd ses zéros finals (2024.00240 devient 2024.0024) ; vérifiez-la, et "
                     f"saisissez les références comme du texte ({at})",
                     f"decision reference typed as a number in the workbook ('{example}'): kept as is, but a number "
                     "loses its trailing zeros (2024.00240 becomes 2024.0024); check it, and type references as text "
                     f"({at_en})", line=lines[0], field=self.header("decision_ref"), value=example)

    def report_undated(self) -> None:
        """Say once, with the first lines, that decision dates without a decision reference gave their grants'
        fiscal year, the list giving no other, and are kept as nothing else: they date no deliberation, there being
        none named."""
        if self.undated:
            shown = lines_said(self.undated)
            self.ex.warn("exercice tiré de la date de décision, faute de colonne d'exercice et de date de "
                         "convention ; sans référence de décision, cette date ne date aucune délibération "
                         f"({shown[0]})", "fiscal year taken from the decision date, there being no fiscal year column "
                         "and no convention date; without a decision reference, that date dates no deliberation "
                         f"({shown[1]})", line=self.undated[0], field=self.header("decision_date"))

    def report_artefacts(self) -> None:
        """Say once, with the first lines, that the lines of a printed report's pages (their numbers, the stamp of
        their printing) were skipped: not rows with a grant missing all, which would refuse the file."""
        if self.artefacts:
            lines, (_, column, example) = [line for line, *_ in self.artefacts], self.artefacts[0]
            shown = lines_said(lines)
            self.ex.warn(f"lignes de mise en page d'un état imprimé (« {example} »), pas des subventions : ignorées "
                         f"({shown[0]})", f"page lines of a printed report ('{example}'), not grants: skipped "
                         f"({shown[1]})", line=lines[0], value=example, field=self.column_name(column))

    def report_repairs(self) -> None:
        self.ex.issues.extend(repair_issues(self.table))
        for row in self.table.rows:
            self.ex.issues.extend(lost_characters(row, self.table.header))

