"""What the rows of a grants list say together, said once every row is read (:mod:`graph.ingest.scdl_grant_rows`):
the shares of a grant that do not add up to 1 and the amounts that its rows state differently, the beneficiaries
without an identifier, the references typed as numbers, the fiscal years taken from a decision's date, a printed
report's page lines, and the characters repaired or lost in the file.

Apart from :mod:`graph.ingest.scdl_grant_rows` because it reads what the rows kept (:class:`Kept`), not the rows.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from graph.ingest.french import format_amount
from graph.ingest.scdl_checks import (MAX_LINES_SHOWN, line_spans, lines_said, matches_share, share_runs,
                                      shares_add_up)
from graph.ingest.scdl_decisions import several_acts_said
from graph.ingest.scdl_grant_values import GrantCellReader
from graph.namespaces import MAI, SCHEMA
from graph.table_checks import lost_characters, repair_issues


#: How many grants whose shares fall short of the whole for one reason are each said on their own line; more are one
#: warning (:meth:`GrantReports.warn_short_grants`), as a report groups a warning repeated word for word on more lines
#: (``webapp.shacl_results.GROUPED_AFTER``): Antibes' list gave a co-financing rate on 27 rows, said 27 times.
GROUPED_AFTER = 3


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


def _percent(rows: list[Kept]) -> str:
    """The sum of the shares of a grant's ``rows``, in percent as a warning writes it (a dot; French replaces it)."""
    return f"{(sum(k.share for k in rows) * 100).normalize():f}"


def _short_of_whole(rows: list[Kept]) -> bool:
    """Whether the rows of a grant each give a share below 1 (pourcentageSubvention) that together fall short of
    the whole, or pass it, by more than their rounding (:func:`shares_add_up`)."""
    return all(k.share != 1 for k in rows) and not shares_add_up([k.share for k in rows])


class GrantReports(GrantCellReader):
    """Says what the rows that :class:`graph.ingest.scdl_grant_rows.GrantRows` kept say together, from the state
    that it keeps (the rows kept of each grant, the totals, the lines of the grants and rows to say)."""

    def join_own_amounts(self) -> None:
        """Make one grant of the rows without idSubvention that name one decision and one purpose and give shares
        (pourcentageSubvention) below 1, when each states its beneficiary's own amount: its share of their amounts'
        sum, as Etalab's example writes 22 000,80 at 0.8 and 5 500,20 at 0.2 (:func:`share_runs`).
        SCDL's montant is the grant's total before its shares (pitfall 14), so the grants of one decision are told
        apart by their amounts too (:meth:`graph.ingest.scdl_grant_rows.GrantRows.grant_of`), which kept such rows
        apart; joined, :meth:`check_stated_amounts` keeps each amount as its beneficiary's, and says so."""
        decisions: dict[tuple, list[tuple]] = {}
        for key, rows in self.shares.items():
            if key[0] == "decision" and _short_of_whole(rows):
                decisions.setdefault(key[:4], []).append(key)
        joined: dict[tuple, tuple] = {}  # the key of each group joined -> the key of its grant
        for decision, keys in decisions.items():
            for run in share_runs([[(k.stated, k.share) for k in self.shares[key]] for key in keys]):
                beneficiaries = [k.beneficiary for key in keys[run.start:run.stop] for k in self.shares[key]]
                if len(set(beneficiaries)) == len(beneficiaries):
                    joined |= {key: (*decision, keys[run.start]) for key in keys[run.start:run.stop]}
        shares: dict[tuple, list[Kept]] = {}
        for key, rows in self.shares.items():
            shares.setdefault(joined.get(key, key), []).extend(rows)
        self.shares = shares

    def check_shares(self) -> None:
        """Warn about each grant whose rows' shares (pourcentageSubvention) do not add up to 1, beyond what their
        rounding allows (:func:`shares_add_up`: three thirds written 0.33 are a whole): the rule stays (a
        beneficiary's amount is montant × share, pitfall 14), but the other beneficiaries are not in the file, or
        the column holds the funder's rate of a project's budget, and the amount kept may be too low; or, when its
        amounts and those of the next grants so warned of its funder are each their share of their sum
        (:func:`share_runs`), they look like the beneficiaries' shares already, which the rule applies again.
        More than GROUPED_AFTER grants warned of for one reason are one warning (:meth:`warn_short_grants`): a list
        that gives a co-financing rate on each row said it once a row."""
        already = self.shares_already()
        short: dict[tuple[str, str], list[list[Kept]]] = {}
        for key, rows in self.shares.items():
            if all(k.share == 1 for k in rows):
                continue
            if shares_add_up([k.share for k in rows]):
                self.warn_rounded_shares(rows)
                continue
            why = already.get(key) or (" : les autres bénéficiaires ne sont pas dans le fichier, ou la colonne "
                                       "donne un taux de cofinancement", ": the other beneficiaries are not in the "
                                       "file, or the column holds a co-financing rate")
            short.setdefault(why, []).append(rows)
        for why, grants in short.items():
            if len(grants) > GROUPED_AFTER:
                self.warn_short_grants(grants, why)
            else:
                for rows in grants:
                    self.warn_short_grant(rows, why)

    def warn_short_grant(self, rows: list[Kept], why: tuple[str, str]) -> None:
        """The warning of :meth:`check_shares` for the rows of one grant whose shares fall short of the whole, or
        pass it, for the reason ``why`` (French, English)."""
        lines = ", ".join(str(k.line) for k in rows)
        where = (f" (lignes {lines})", f" (lines {lines})") if len(rows) > 1 else ("", "")
        stated = sorted({k.stated for k in rows})
        kept = sum(k.amount for k in rows)
        percent = _percent(rows)
        self.ex.warn(
            f"les parts (pourcentageSubvention) de cette subvention font {percent.replace('.', ',')} %, et non "
            f"100 %{where[0]}{why[0]} ; "
            f"montant indiqué {' ou '.join(map(format_amount, stated))}, montant retenu {format_amount(kept)}",
            f"the shares (pourcentageSubvention) of this grant add up to {percent} %, not 100 %{where[1]}{why[1]}; "
            f"amount stated {' or '.join(f'{t} €' for t in stated)}, amount kept {kept} €",
            line=rows[0].line, field=self.header("share"))

    def warn_short_grants(self, grants: list[list[Kept]], why: tuple[str, str]) -> None:
        """The one warning of :meth:`check_shares` for several ``grants`` (the rows of each) whose shares fall
        short of the whole for one reason ``why``: their count and all their lines, the shares of the first ones
        with their lines, and the totals stated (each grant once, as :meth:`total_before_shares` counts it) and
        kept. Each grant's own amounts are its rows' in the file, and its amount kept is on its page."""
        lines = sorted(k.line for rows in grants for k in rows)
        shares = [(_percent(rows), ", ".join(str(k.line) for k in rows), len(rows)) for rows in grants]
        shown = shares[:MAX_LINES_SHOWN]
        more = "…" if len(shares) > MAX_LINES_SHOWN else ""
        each = ", ".join(f"{p.replace('.', ',')} % (ligne{'s' * (n > 1)} {at})" for p, at, n in shown) + more
        each_en = ", ".join(f"{p} % (line{'s' * (n > 1)} {at})" for p, at, n in shown) + more
        stated = sum(sum({k.stated for k in rows}) for rows in grants)
        kept = sum(k.amount for rows in grants for k in rows)
        at, at_en = line_spans(lines)
        self.ex.warn(
            f"les parts (pourcentageSubvention) de {len(grants)} subventions ne font pas 100 % ({at}), mais "
            f"{each}{why[0]} ; montants indiqués {format_amount(stated)} en tout, montants retenus "
            f"{format_amount(kept)}",
            f"the shares (pourcentageSubvention) of {len(grants)} grants do not add up to 100 % ({at_en}), but "
            f"{each_en}{why[1]}; amounts stated {stated} € in all, amounts kept {kept} €",
            line=lines[0], field=self.header("share"))

    def warn_rounded_shares(self, rows: list[Kept]) -> None:
        """Say what the shares of a grant's ``rows``, a whole as far as their rounding tells (three thirds written
        0.33), leave unshared of its total, or add to it: each beneficiary keeps montant × its share as written
        (pitfall 14; its share is all that the list gives of it), so 0.33 × 3 of 90 000 € keeps 89 100 €, and
        900 € are no one's. Nothing when the amounts kept make the total, or when the rows state different totals
        (:meth:`check_stated_amounts` said so)."""
        if len(stated := {k.stated for k in rows}) > 1:
            return
        whole, kept = stated.pop(), sum(k.amount for k in rows)
        if kept == whole:
            return
        percent = _percent(rows)
        (at, at_en), (grant, grant_en) = lines_said([k.line for k in rows]), self.grant_named(rows[0].grant)
        gap = abs(whole - kept).normalize()
        if kept < whole:
            fr = f"{format_amount(gap)} des {format_amount(whole)} {grant} ne reviennent à aucun"
            en = f"{gap:f} € of the {whole} € of {grant_en} go to none of them"
        else:
            fr = f"les montants retenus dépassent de {format_amount(gap)} les {format_amount(whole)} {grant}"
            en = f"the amounts kept pass the {whole} € of {grant_en} by {gap:f} €"
        self.ex.warn(f"parts (pourcentageSubvention) arrondies, {percent.replace('.', ',')} % en tout ({at}) : "
                     f"chaque bénéficiaire garde montant × sa part, comme écrit, et {fr} ; si elle est partagée tout "
                     "entière, écrivez des parts qui font 100 % (0,34 + 0,33 + 0,33)",
                     f"shares (pourcentageSubvention) rounded, {percent} % in all ({at_en}): each beneficiary keeps "
                     f"montant × its share, as written, and {en}; if it is shared out whole, write shares that make "
                     "100 % (0.34 + 0.33 + 0.33)", line=rows[0].line, field=self.header("share"))

    def shares_already(self) -> dict[tuple, tuple[str, str]]:
        """Why (French, English) the shares of each grant of :meth:`check_shares` fall short of the whole, for the
        grants whose amounts, with those of the next such grants of their funder, are each their row's share of
        their sum, and not all equal: amounts that look like the beneficiaries' shares already (6 000 at 0.6 and
        4 000 at 0.4)."""
        funders: dict[object, list[tuple]] = {}
        for key, rows in self.shares.items():
            if _short_of_whole(rows):
                funders.setdefault(self.graph.value(rows[0].grant, SCHEMA.funder), []).append(key)
        why: dict[tuple, tuple[str, str]] = {}
        for keys in funders.values():
            for run in share_runs([[(k.stated, k.share) for k in self.shares[key]] for key in keys]):
                rows = sorted((k for key in keys[run.start:run.stop] for k in self.shares[key]), key=lambda k: k.line)
                if len({k.stated for k in rows}) < 2:  # equal amounts at equal shares: no sign of either reading
                    continue
                whole, shown = sum(k.stated for k in rows), rows[:MAX_LINES_SHOWN]
                more = "…" if len(rows) > MAX_LINES_SHOWN else ""
                lines = ", ".join(str(k.line) for k in shown) + more
                amounts = ", ".join(format_amount(k.stated) for k in shown) + more
                amounts_en = ", ".join(f"{k.stated} €" for k in shown) + more
                said = (f" : les montants des lignes {lines} ({amounts}) semblent être déjà les parts de leurs "
                        f"bénéficiaires, chacun étant la part de sa ligne dans leur somme ({format_amount(whole)}), "
                        "et la part leur est appliquée une seconde fois ; s'ils sont ceux d'une même subvention, "
                        "indiquez son total sur chacune de ses lignes, ou un même idSubvention",
                        f": the amounts of lines {lines} ({amounts_en}) look like their beneficiaries' shares "
                        f"already, each being its row's share of their sum ({whole} €), and the share is applied to "
                        "them a second time; if they are one grant's, state its total on each of its rows, or one "
                        "idSubvention")
                why |= {key: said for key in keys[run.start:run.stop]}
        return why

    def check_stated_amounts(self) -> None:
        """Warn about each grant whose rows (co-beneficiaries of one idSubvention, or joined by
        :meth:`join_own_amounts`) state different amounts: SCDL's montant is the grant's total, the same on each of
        its rows (pitfall 14). When each amount is its row's share of their sum (30 000 at 0.6 and 20 000 at 0.4),
        the list wrote each beneficiary's own amount: it is kept as such (montant × share would keep 18 000 and
        8 000), the sum as the grant's total; otherwise the amounts are read as the rule says, and the warning gives
        them. A beneficiary named twice was said at its row."""
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
        grant, grant_en = self.grant_named(rows[0].grant)
        self.ex.warn(f"les lignes {grant} indiquent des montants différents ({amounts}), alors que le SCDL y attend le "
                     f"montant total de la subvention, le même sur chaque ligne : {fr}",
                     f"the rows of {grant_en} state different amounts ({amounts_en}), where SCDL expects the "
                     f"grant's total, the same on each row: {en}", line=rows[0].line, field=self.header("amount"))

    def grant_named(self, grant: URIRef) -> tuple[str, str]:
        """The grant of a row, as a warning about its rows names it (French after « les lignes », English): by its
        idSubvention, else by the decision and the purpose that its rows share."""
        if (grant_id := self.graph.value(grant, DCTERMS.identifier)) is not None:
            return f"de la subvention « {grant_id} »", f"grant '{grant_id}'"
        said = [(fr, en, value) for fr, en, prop in (("décision", "decision", MAI.decisionReference),
                                                     ("objet", "purpose", DCTERMS.description))
                if (value := self.graph.value(grant, prop)) is not None]
        named = ", ".join(f"{fr} « {value} »" for fr, _, value in said)
        named_en = ", ".join(f"{en} '{value}'" for _, en, value in said)
        return f"d'une même subvention ({named})", f"one grant ({named_en})"

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

    def total_before_shares(self) -> Decimal:
        """The total of the grants kept as the list states them, before their beneficiaries' shares: each grant
        once, though SCDL writes a co-financed grant's total on each beneficiary's row (50 000 at 0.6 and at 0.4
        are 50 000, not 100 000), and each row at the whole of its amount as a grant of its own. Rows of one grant
        that state different totals count each of them once."""
        total = Decimal(0)
        for rows in self.shares.values():
            total += sum(k.stated for k in rows if k.share == 1) + sum({k.stated for k in rows if k.share != 1})
        return total

    def report_funder_unidentified(self) -> None:
        """Say once, with how many and the first lines, which grants kept leave idAttribuant empty where other rows
        fill it, which SCDL requires: their funder is joined to the others, and to other sources, by its name alone
        (as :meth:`report_unidentified` says of beneficiaries). A column empty on every row is a list that does not
        give its funder's SIRET, as one without the column, which is not told either."""
        lines = self.funder_unidentified
        if not lines or not any(self.get(row, "funder_id") for row in self.table.rows):
            return
        (at, at_en), count = lines_said(lines), len(lines)
        rows, rows_en = (f"{count} ligne", f"{count} row") if count == 1 else (f"{count} lignes", f"{count} rows")
        self.ex.warn(f"{rows} sans idAttribuant (le SIRET de l'attribuant, que le SCDL demande) : attribuant rapproché "
                     f"des autres sources par son seul nom ({at})", f"{rows_en} without idAttribuant (the funder's "
                     f"SIRET, which SCDL requires): funder joined to other sources by its name alone ({at_en})",
                     line=lines[0], field=self.header("funder_id"))

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

    def report_several_acts(self) -> None:
        """Say once, with the first lines, that decision references name several acts (« CONV N° 2784-14 et DELIB
        AVANCE N°261-15 du 2014-12-19 »), and which deliberation is read of them."""
        if not self.several_acts:
            return
        lines = [line for line, *_ in self.several_acts]
        (at, at_en), (said, said_en) = lines_said(lines), several_acts_said(self.several_acts)
        self.ex.warn(f"{said} ({at})", f"{said_en} ({at_en})", line=lines[0], field=self.header("decision_ref"),
                     value=self.several_acts[0][1])

    def report_no_deliberation(self) -> None:
        """Say once, with the first lines, that decision references name acts but no deliberation (« CONV N°
        978-15 »): kept as the grants' references, they name no deliberation (a convention's number was one's)."""
        if not self.no_deliberation:
            return
        lines = [line for line, _ in self.no_deliberation]
        (at, at_en), example = lines_said(lines), self.no_deliberation[0][1]
        self.ex.warn(f"la référence de décision ne nomme aucune délibération, seulement une convention, un arrêté ou "
                     f"un avenant (« {example} ») : gardée comme référence de la subvention, sans délibération ({at})",
                     f"the decision reference names no deliberation, only an agreement, an order or an amendment "
                     f"('{example}'): kept as the grant's reference, with no deliberation ({at_en})",
                     line=lines[0], field=self.header("decision_ref"), value=example)

    def report_undated(self) -> None:
        """Say once, with the first lines, that decision dates without a decision reference gave their grants'
        fiscal year, the list giving no other: kept on the grants (``dcterms:dateAccepted``), they date no
        deliberation, there being none named."""
        if self.undated:
            shown = lines_said(self.undated)
            self.ex.warn("exercice tiré de la date de décision, faute de colonne d'exercice et de date de "
                         "convention ; sans référence de décision, cette date est gardée sur la subvention mais ne "
                         f"date aucune délibération ({shown[0]})", "fiscal year taken from the decision date, there "
                         "being no fiscal year column and no convention date; without a decision reference, that date "
                         f"is kept on the grant but dates no deliberation ({shown[1]})", line=self.undated[0],
                         field=self.header("decision_date"))

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
