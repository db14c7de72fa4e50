"""The description of a grants list's grant (:mod:`graph.ingest.scdl_grant_rows`): its amount, funder and
beneficiary, purpose, identifiers, dates and fiscal year, the deliberation its decision reference names, and the
terms of the aid (forms, payment conditions, EU notification), each from its row's cells.

Apart from :mod:`graph.ingest.scdl_grant_rows` because it states what a row kept says, once the row's funder,
beneficiary and grant are known.
"""

from __future__ import annotations

import datetime as dt
import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from graph.identity import deliberation_iri
from graph.identity_names import fold
from graph.ingest.base import literal
from graph.dates import parse_date
from graph.ingest.delib_themes import match_concepts
from graph.ingest.scdl_decisions import actes_reference, acts_named, names_no_deliberation, reference_date, without_year
from graph.ingest.scdl_grant_values import EU_NOTIFIED, GrantCellReader, aid_forms
from graph.namespaces import MAI, SCHEMA
from graph.spreadsheets import FractionCell
from graph.tabular import Row
from graph.triples import plain_literal
from graph.values import ValueProblem

#: The choices of ``conditionsVersement`` (SCDL 2.1.1: « Choix unique »), folded.
PAYMENT_CHOICES = frozenset({"unique", "echelonne", "autre"})
_CHOICE_SEPARATOR = re.compile(r"[;,/|+]")
#: Characters of a grant's purpose that the SCDL schema allows (``objet``: maxLength 256).
PURPOSE_CHARS = 256


class GrantDescription(GrantCellReader):
    """Describes each grant that :class:`graph.ingest.scdl_grant_rows.GrantRows` keeps, in its graph, with the
    state that it keeps (``ctx``, ``graph``, the lines of the references typed as numbers and of the grants whose
    fiscal year is their decision's)."""

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
        self.describe_themes(grant, purpose)
        decided = self.date(row, "decision_date")
        self.describe_dates(row, grant, decided)
        self.describe_decision(row, grant, funder, decided)
        if (nature := self.nature(row)) is not None:
            g.add((grant, MAI.nature, nature))
        self.describe_terms(row, grant)

    def describe_themes(self, grant: URIRef, purpose: str) -> None:
        """Give the grant the themes that its purpose states (``dcterms:subject``), found as a deliberation's are
        (:func:`graph.ingest.delib_themes.match_concepts`: a label that is a word of every field, « prévention »,
        only beside a health word), so that the theme filter, search and /funding's « Par thème » find it. No
        selector quotes it: the purpose cell is the quote, and the grant's row (``mai:rowNumber``) its evidence."""
        for theme in match_concepts(purpose, "themes") if purpose else ():
            self.graph.add((grant, DCTERMS.subject, theme))

    def describe_sirets(self, grant: URIRef, funder: str | None, beneficiary: str | None,
                        beneficiary_rna: str | None = None) -> None:
        """Keep on the grant the SIRETs its row gives its funder and its beneficiary, and the beneficiary's RNA
        number. An actor is one per SIREN and keeps the SIRETs of all its establishments that the list names (a
        métropole granting through two), so there the grant's own is lost; an SCDL export writes it back. The row's
        own identifiers also say, at ingest, which actor the row names when namesakes of the list that were joined
        turn out to be two organisations of the store (:func:`graph.resolution_decisions.decide`)."""
        for prop, value in ((MAI.funderSiret, funder), (MAI.beneficiarySiret, beneficiary),
                            (MAI.beneficiaryRna, beneficiary_rna)):
            if value:
                self.graph.add((grant, prop, plain_literal(value)))

    def describe_terms(self, row: Row, grant: URIRef) -> None:
        """Keep what the source says of the aid's forms, payment conditions and EU notification, so that an SCDL
        export writes them back; a cell left empty says nothing."""
        g = self.graph
        if forms := aid_forms(self.get(row, "nature")):
            g.add((grant, MAI.aidForms, literal(forms)))
        if conditions := self.get(row, "payment_conditions"):
            g.add((grant, MAI.paymentConditions, literal(conditions)))
            self.check_one_choice(row, conditions)
        raw = self.get(row, "eu_notification")
        if (notified := EU_NOTIFIED.get(fold(raw).strip())) is not None:
            g.add((grant, MAI.euNotified, literal(notified, XSD.boolean)))
        elif raw:
            self.warn(row, "eu_notification", "notification UE illisible (attendu « oui » ou « non ») : ignorée",
                      "unreadable EU notification (expected 'oui' or 'non'): ignored", raw)

    def sitting_key(self, row: Row, number: str, decided: dt.date | None) -> str:
        """What names the deliberation ``number`` of the row's funder: its number, with its date when the number has
        no year and the list gives it decisions of several dates (« 6.3 » of two sittings: two acts, said once per
        number, :meth:`dates_of_numbers`); an undated one is kept to be said (:meth:`report_undated_numbers`)."""
        if not without_year(number):
            return number
        if decided is None:
            dated = self.undated_numbers.setdefault(number, {})
            dated.setdefault(self.get(row, "convention_date"), []).append(row.line)
            return number
        dates = self.dates_of_numbers().get(number, {})
        if len(dates) < 2:
            return number
        if number not in self.numbers_split:
            self.numbers_split.add(number)
            said = ", ".join(f"{day.isoformat()} (ligne{'s' * (len(lines) > 1)} {', '.join(map(str, lines))})"
                             for day, lines in sorted(dates.items()))
            said_en = ", ".join(f"{day.isoformat()} (line{'s' * (len(lines) > 1)} {', '.join(map(str, lines))})"
                                for day, lines in sorted(dates.items()))
            self.warn(row, "decision_ref", f"référence sans année donnée à des décisions de {len(dates)} dates "
                      f"({said}) : une délibération par date, non une seule", f"reference without a year given to "
                      f"decisions of {len(dates)} dates ({said_en}): one deliberation per date, not one", number)
        return f"{number} {decided.isoformat()}"

    def dates_of_numbers(self) -> dict[str, dict[dt.date, list[int]]]:
        """The decision dates, with their lines, of each decision reference without a year (read once, when one is
        first met with a date; a date that its column writes otherwise than in figures is not counted)."""
        if self._dates_of_numbers is None:
            self._dates_of_numbers = {}
            for other in self.table.rows:
                if without_year(reference := self.get(other, "decision_ref")):
                    try:
                        day = parse_date(self.get(other, "decision_date"))
                    except ValueProblem:
                        continue
                    if day is not None:
                        lines = self._dates_of_numbers.setdefault(reference, {}).setdefault(day, [])
                        lines.append(other.line)
        return self._dates_of_numbers

    def report_undated_numbers(self) -> None:
        """Say of each decision reference without a year, nor a decision date, that the list gives conventions of
        several dates that they are read as one deliberation, which nothing in the list confirms: a sitting's item
        (« 6.3 ») approves conventions signed on other days, but the same item of another sitting is another act."""
        for number, dated in self.undated_numbers.items():
            if len(dated) < 2:
                continue
            lines = sorted(line for found in dated.values() for line in found)
            days = ", ".join(day or "?" for day in sorted(dated))
            self.ex.warn(f"référence de décision « {number} », sans année ni date de décision, donnée à des "
                         f"conventions de plusieurs dates ({days}) : lues comme une seule délibération n° {number}, "
                         "ce que rien dans le fichier ne confirme (le même point d'une autre séance serait un autre "
                         f"acte) ; lignes {', '.join(map(str, lines))}", f"decision reference '{number}', without a "
                         f"year or a decision date, given to conventions of several dates ({days}): read as one "
                         f"deliberation no. {number}, which nothing in the file confirms (the same item of another "
                         f"sitting would be another act); lines {', '.join(map(str, lines))}", line=lines[0],
                         field=self.header("decision_ref"), value=number)

    def check_one_choice(self, row: Row, conditions: str) -> None:
        """Warn of payment conditions that list several of the schema's choices (« unique;échelonné »), where SCDL
        asks for one (« Choix unique ») of :data:`PAYMENT_CHOICES`: kept as written, which of them holds is unknown."""
        parts = _CHOICE_SEPARATOR.split(conditions)
        if len(parts) > 1 and all(fold(part).strip() in PAYMENT_CHOICES for part in parts):
            self.warn(row, "payment_conditions", "plusieurs choix dans une colonne à choix unique (le SCDL en attend "
                      "un de « unique », « échelonné », « autre ») : gardé tel quel", "several choices in a "
                      "single-choice column (SCDL expects one of 'unique', 'échelonné', 'autre'): kept as written",
                      conditions)

    def describe_dates(self, row: Row, grant: URIRef, decided: dt.date | None) -> None:
        """The grant's convention date, payment period and fiscal year: the list's (and the column that gives it:
        ``mai:fiscalYearColumn``), else the year of its convention, else of its decision (``decided``), said when that
        has no reference
        (:meth:`graph.ingest.scdl_grant_reports.GrantReports.report_undated`)."""
        g = self.graph
        convention = self.date(row, "convention_date")
        if convention and convention > dt.date.today():  # the day it was signed (SCDL): never ahead of today
            self.warn(row, "convention_date", f"date de convention dans le futur ({convention.isoformat()}) : gardée, "
                      "mais une convention est datée du jour de sa signature ; faute de frappe dans l'année ?",
                      f"convention date in the future ({convention.isoformat()}): kept, but a convention is dated "
                      "the day it is signed; a typing mistake in the year?", self.get(row, "convention_date"))
        if convention:
            g.add((grant, MAI.conventionDate, literal(convention, XSD.date)))
        year = self.fiscal_year(row)
        if year:  # the list's own: its page says so, not « année de la convention » when the two years agree
            g.add((grant, MAI.fiscalYearColumn, literal(self.header("fiscal_year"))))
        year = year or (convention.year if convention else None)
        if not year and decided:
            year = decided.year
            if not self.get(row, "decision_ref"):
                self.undated.append(row.line)
        if year:
            g.add((grant, MAI.fiscalYear, literal(year, XSD.integer)))
        if period := self.period(row):
            g.add((grant, MAI.paymentPeriod, literal(period)))

    def describe_decision(self, row: Row, grant: URIRef, funder: URIRef, decided: dt.date | None) -> None:
        """The deliberation that the row's decision reference names (:meth:`describe_deliberation`), which holds the
        decision's date ``decided``; a date that no deliberation holds (a row without a reference, or whose reference
        names acts but no deliberation: a convention) is kept on the grant itself (``dcterms:dateAccepted``), where
        its page and an SCDL export find it: it gave the grant's year when nothing else did."""
        if not self.describe_deliberation(row, grant, funder, decided) and decided is not None:
            self.graph.add((grant, DCTERMS.dateAccepted, literal(decided, XSD.date)))

    def describe_deliberation(self, row: Row, grant: URIRef, funder: URIRef, decided: dt.date | None) -> bool:
        """Describe the deliberation that the row's decision reference names, dated ``decided``; whether there is
        one (not for a row without a reference, nor for a reference that names acts but no deliberation)."""
        reference = self.get(row, "decision_ref")
        if not reference:
            return False
        if isinstance(row.cells[self.cols["decision_ref"]], FractionCell):
            self.numeric_references.append((row.line, reference))
        g = self.graph
        g.add((grant, MAI.decisionReference, literal(reference)))
        siren = g.value(funder, MAI.siren)
        actes, unlike = actes_reference(reference, str(siren) if siren else None)
        if unlike is not None:
            self.warn(row, "decision_ref", *unlike, reference)
            return False
        if actes is None and names_no_deliberation(reference):  # « CONV N° 978-15 »: a convention's number
            self.no_deliberation.append((row.line, reference))
            return False
        number = actes.number if actes else reference  # a deliberation text without a number of its own is so named
        if actes is None and (named := acts_named(reference)) is not None:  # « CONV N° … et DELIB N° … du … »
            self.several_acts.append((row.line, reference, named))
            number = named.number or reference
            decided = decided or named.date
        elif actes is None:  # « CP 2017-04-24 »: the commission's sitting of that day
            decided = decided or reference_date(reference)
        deliberation = deliberation_iri(funder, self.sitting_key(row, number, decided), base=self.ctx.base)
        g.add((grant, MAI.decidedBy, deliberation))
        g.add((deliberation, RDF.type, MAI.Deliberation))
        g.add((deliberation, DCTERMS.identifier, literal(number)))
        g.add((deliberation, MAI.authority, funder))
        if actes is not None:  # the act's date is the id's (pitfall 17)
            g.add((deliberation, MAI.actesId, literal(actes.normalised)))
            decided = decided or actes.date
        if decided is not None:
            g.add((deliberation, DCTERMS.date, literal(decided, XSD.date)))
        return True
