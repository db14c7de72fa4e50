"""The addresses of the grants of a grants list (:mod:`graph.ingest.scdl_grant_rows`): what a row's grant IRI is
minted from, so that it names the same grant in every version of the list.

A row with an idSubvention is ``grant/{source key}/{idSubvention}`` (co-beneficiaries' rows, which share it, add
their beneficiary's key). A row without one is minted from what identifies its grant in the list — its beneficiary's
key, its convention date (else its fiscal year, else its decision's date) and its decision reference when given —
``grant/{source key}/{beneficiary key}-{date}[-{reference}]``, with ``-2``, ``-3``… in file order for the later rows
of the list that share that key (instalments). Never from its amount, which a corrected list changes, nor from its
line, which a row removed or inserted above it changes: a publisher's corrected list gave the next grant the removed
grant's address (``…/17``, SOLIHA LOT's 10 000 €, then named Quercy énergies' 13 291 €).

>>> GrantAddresses.occurrence_key("siren-777053422", "2017-12-21", "CP 2017-12-18")
'siren-777053422-2017-12-21-cp-2017-12-18'
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import URIRef

from graph.dates import parse_date
from graph.identity import actor_key
from graph.ingest.delib_meta import parse_actes
from graph.ingest.french import format_amount
from graph.ingest.scdl_checks import compact_date
from graph.ingest.scdl_grant_values import GrantCellReader
from graph.ingest.scdl_placeholders import empty_mark
from graph.namespaces import mint, slugify
from graph.tabular import Row
from graph.values import ValueProblem

#: The key, in a grant's address, of a beneficiary that the list does not name (its actor is minted from the row).
UNNAMED_KEY = "sans-nom"


class GrantAddresses(GrantCellReader):
    """Mints the grant IRI of each row of one list (:meth:`grant_iri`), with the state that
    :class:`graph.ingest.scdl_grant_rows.GrantRows` keeps of the rows read so far (``ctx``, ``id_count``, ``minted``,
    ``id_first``, ``id_beneficiary``)."""

    def grant_iri(self, row: Row, funder: URIRef, beneficiary: URIRef, stated: Decimal,
                  co_financing: tuple | None) -> URIRef:
        """Mint the grant of ``row`` from its idSubvention, or from its beneficiary, date and decision reference
        when it has none (:meth:`row_key`). Co-beneficiaries of one grant share its idSubvention on their rows: each
        row is a grant of its own, told apart by its beneficiary (or its line). An idSubvention used again for
        another grant (another funder, purpose or decision, or a row without a share: ``co_financing`` unlike its
        first row's) is warned about; one that names its funder's grant for its beneficiary again (its amount
        ``stated`` again, or another) too, with its own warning (:meth:`warn_stated_again`)."""
        key, grant_id = self.ctx.key, self.get(row, "grant_id")
        if not grant_id:
            return self.first_free(row, beneficiary)
        iri = mint("grant", key, grant_id, base=self.ctx.base)
        if self.id_count[grant_id] > 1:
            first, shared = self.id_first.setdefault(grant_id, (row.line, co_financing))
            earlier = self.id_beneficiary.setdefault((funder, grant_id, beneficiary), (row.line, stated))
            if earlier[0] != row.line:
                self.warn_stated_again(row, grant_id, earlier, stated)
            elif first != row.line and (co_financing is None or co_financing != shared):
                self.warn(row, "grant_id", f"identifiant de subvention déjà employé ligne {first} : une subvention "
                          "distincte pour cette ligne", f"grant identifier already used on line {first}: a grant "
                          "of its own for this line", grant_id)
            iri = mint("grant", key, grant_id, actor_key(beneficiary), base=self.ctx.base)
        if iri in self.minted:
            iri = mint("grant", key, grant_id, row.line, base=self.ctx.base)
        self.minted.add(iri)
        return iri

    def first_free(self, row: Row, beneficiary: URIRef) -> URIRef:
        """The IRI of the grant of ``row``, which has no idSubvention: its :meth:`row_key`, followed by ``-2``,
        ``-3``… for the second, third… row of the list that has that key (two instalments on one day)."""
        base_key, n = self.row_key(row, beneficiary), 1
        iri = mint("grant", self.ctx.key, base_key, base=self.ctx.base)
        while iri in self.minted:
            n += 1
            iri = mint("grant", self.ctx.key, f"{base_key}-{n}", base=self.ctx.base)
        self.minted.add(iri)
        return iri

    def row_key(self, row: Row, beneficiary: URIRef) -> str:
        """What identifies the grant of ``row`` in its list: its beneficiary's key, its date (:meth:`date_key`) and
        its decision reference (an ACTES id by its normalised form: its two spellings name one act)."""
        unnamed = str(beneficiary).startswith(f"{self.ctx.base}actor/{UNNAMED_KEY}/")  # minted from the row's line
        reference = self.get(row, "decision_ref")
        actes = parse_actes(reference) if reference else None
        return self.occurrence_key(UNNAMED_KEY if unnamed else actor_key(beneficiary), self.date_key(row),
                                   actes.normalised if actes else reference)

    @staticmethod
    def occurrence_key(beneficiary: str, date: str, reference: str) -> str:
        """The slug of a grant's beneficiary key, date and decision reference, those given."""
        return slugify("-".join(part for part in (beneficiary, date, reference) if part), max_length=120)

    def date_key(self, row: Row) -> str:
        """The grant's date as its address writes it: its convention date (ISO, whatever the cell's spelling or the
        file's format), else its fiscal year, else its decision date; its text when it is no date; "" without any.
        Read without a warning: the grant's description says what is wrong with it."""
        for field in ("convention_date", "fiscal_year", "decision_date"):
            raw = self.get(row, field)
            if not raw or empty_mark(raw):
                continue
            if field == "fiscal_year":
                return raw
            try:
                return parse_date(self.day_first(field, raw)).isoformat()
            except ValueProblem:
                day = compact_date(raw)
                return day.isoformat() if day else raw
        return ""

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
