"""Whether an amount of a deliberation's sentence is a grant, and whose: the reading of one sentence's amounts for
:func:`graph.ingest.delib_prose.prose_grants`.

Each amount is asked, in this order (:meth:`AmountReading.read`), whether it is read with another (a total, a
grant's yearly share, an instalment), an amount that no grant is (an operand, a threshold, an earlier amount), the
grant of another act or of someone else (a recalled grant, a request, a co-funder's share), then whether words around
it grant it, and whether other words exclude it (a fee, a contract's price); then whose it is. What one amount read
leaves to the next — the sentence's instalments, the grants read so far by where their amounts start — is kept on
the sentence (:class:`SentenceAmounts`), what a sentence leaves to the next on the reading (:class:`Reading`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from graph.ingest.delib_antecedents import (PRONOUN_AFTER, PRONOUN_BEFORE, antecedent, granted_with_amount_after,
                                            named_by_kind, requester_of, the_same, this_association)
from graph.ingest.delib_bounded import NOT_WORDS, search_within
from graph.ingest.delib_clauses import where_clause_starts
from graph.ingest.delib_grant_words import (DECIDED_PAYMENT, DECIDED_PAYMENT_BARRIERS, GRANT_AFTER, GRANT_VERB,
                                            GRANT_WORD, NATURE_WORDS, PAID_AS_GRANT_AFTER)
from graph.ingest.delib_grants import GrantFact, IN_KIND, StatedTotal, nature_in
from graph.ingest.delib_item_names import item_name
from graph.ingest.delib_list_leads import YEAR_ITEM
from graph.ingest.delib_not_grants import (AT_DISPOSAL_OF, BUDGET_LINE, BY_EARLIER_ACT, BY_EARLIER_ACT_BARRIERS,
                                           COLLECTIVITY_FUNDER, COMPUTED, CONTRACT, EARLIER, FUNDER_ONLY,
                                           PAID_BY_OUTSIDER, PAID_BY_OUTSIDER_BARRIERS, PAYER_ITEM, PER_YEAR,
                                           PUT_AT_DISPOSAL, RATE_AFTER, THRESHOLD, VALUED, WITHDRAWS, clause_requests,
                                           is_part, whole_of)
from graph.ingest.delib_prose_amounts import (AmountsAround, goes_on_amounts_to, is_in_aside_of, verb_opens_clause,
                                              words_exclude_grant)
from graph.ingest.delib_prose_cues import (AID_BEFORE, AMENDED_FROM, AMENDED_TO, AWARDED_AFTER, BRINGING_TO, CANCEL,
                                           CEILING_BEFORE, CHANGED_TO_AFTER, CHANGED_TO_BEFORE, COMPARED_AFTER,
                                           COMPARED_BEFORE, DUES, MEMBERSHIP, NAMED_RESULT, OPERAND_AFTER,
                                           OPERAND_BEFORE, PRIZE_BEFORE, PROPOSED_TO_NO_ONE, RAISED_AFTER,
                                           RESULT_BEFORE, SET_AT, SET_GRANT, TOTAL_SUBJECT, WRAPPED_AMOUNT,
                                           cancelled_after, paid_earlier, says_granted_before)
from graph.ingest.delib_prose_details import (NATURE_AFTER, match_yearly_grant, read_clause_nature, read_clause_year,
                                              read_purpose, read_year_after)
from graph.ingest.delib_prose_lists import prize_laureate
from graph.ingest.delib_prose_sentences import words_cut_before
from graph.ingest.delib_prose_totals import (OPENS_TOTAL, item_comes_to, spread_over_years, states_total,
                                            summed_after, sums_years)
from graph.ingest.delib_recipient_names import clean_name
from graph.ingest.delib_recipient_phrases import beneficiary_in
from graph.ingest.delib_recipients import financed, person_at, receiver, record_head
from graph.ingest.french import AMOUNT_RE, fold, parse_amount
from graph.ingest.french_numbers import find_amounts_in_words

#: The authority itself, named by its kind alone ("la Ville", "la Commune", "le Pôle", "le Syndicat mixte"): money it
#: receives, no grant it makes. A body of any kind says "au Pôle", "au Syndicat" for itself; a grant's beneficiary is
#: named.
THE_AUTHORITY_ITSELF = re.compile(r"(?:(?:la|le|l['’])\s*)?(?:Ville|Commune|Mairie|Métropole|Département|Région"
                                   r"|Collectivité|Communauté(?:\s+(?:de\s+communes|d['’]agglomération|urbaine))?"
                                   r"|Pôle(?:\s+(?:métropolitain|territorial|d['’]équilibre))?|PETR|Syndicat"
                                   r"(?:\s+(?:mixte|intercommunal))?|SIVU|SIVOM|Agglo(?:mération)?|Intercommunalité"
                                   r"|EPCI)", re.I)

#: What says whom an amount goes to, a name (a capital) in the words after it, though the name may not be read: "à
#: l'antenne de Luzech des Restos du Cœur", "à la section Judo du Stade Amandois" (not "à la signature", "au titre de
#: l'action Vélo-école", "valorisée à 300 €").
_TO_SOMEONE_NAMED = re.compile(r"(?:\b(?:à|au|aux)|\ben\s+faveur\s+d(?:e|u|es)|"
                               r"\bau\s+(?:profit|bénéfice)\s+d(?:e|u|es))"
                               r"\s+(?!titre\b|nom\b|lieu\b)(?:[a-zà-ÿ-]+\s+|[ld]['’]\s*){0,6}[A-ZÀ-ÝŒ]")


@dataclass
class Reading:
    """What the reading of a deliberation's sentences keeps from one sentence to the next for their amounts: the
    text (``body``), the beneficiary its title names, the spans of its tables aligned with spaces (their amounts are
    another reader's), where the decision's words begin and where its last cue is, and what was read so far."""

    body: str
    title_beneficiary: str | None
    tables: Sequence[tuple[int, int]]
    #: the spans and amounts of a granting list's items whose beneficiary is not read, when asked for
    unnamed: list[tuple[int, int, Decimal]] | None
    #: where the decision's words begin: its clauses may each open with "DÉCIDE", the last of which is decision_at
    deciding_from: int
    decision_at: int
    grants: list[GrantFact] = field(default_factory=list)
    totals: list[StatedTotal] = field(default_factory=list)
    #: the beneficiaries of the grants that earlier acts made, as the text recalls them
    recalled: set[str] = field(default_factory=set)
    #: the grants read so far that name a beneficiary, not a schedule's period ("Exercice 2025")
    named_count: int = 0


class SentenceAmounts:
    """The amounts of one sentence, read in order (:meth:`read`), and what they share: the sentence (``at``: where
    it starts in the text, and its text) and the one before it (``prior``: where it ends, and its text), whether the
    sentence is a list's item (``item``), whether it stands under a lead that announces grants and the nature the lead
    names (``lead``), whether it comes below a table or a list of grants and opens the total that sums it
    (``below``). An item under a lead is ``listed``."""

    def __init__(self, reading: Reading, at: tuple[int, str], prior: tuple[int, str], item: bool,
                 lead: tuple[bool, str | None], below: tuple[bool, bool]):
        self.reading = reading
        self.start, self.sentence = at
        self.prior_end, self.prior_sentence = prior
        self.item, (self.lead, self.lead_nature) = item, lead
        self.listed = item and self.lead
        self.below_grants, self.sums_table = below
        sentence = self.sentence
        self.flat = sentence.replace("\n", " ")  # a PDF's lines cut names and purposes: read across them
        # the sentence goes on the one before it: no blank line between them
        self.goes_on = "\n\n" not in reading.body[self.prior_end:self.start]
        amounts = [(m.start(), m.end(), parse_amount(m.group(0))) for m in AMOUNT_RE.finditer(sentence)]
        amounts += [(m.start(), m.end(), parse_amount(m.group(0).replace("\n", " ")))
                    for m in WRAPPED_AMOUNT.finditer(sentence)]
        self.spelled = find_amounts_in_words(sentence)
        words = [(s, e, Decimal(v)) for v, s, e in self.spelled if not any(abs(s - a) < 60 for a, _, _ in amounts)]
        self.amounts, self.all = amounts, amounts + words  # in figures; in figures, then in words
        self.parts: set[int] = set()  # where the sentence's instalments and shares of a grant start
        self.spread_shares: set[int] = set()  # where the yearly amounts of the grants over several years read start
        self.read_at: dict[int, GrantFact] = {}  # the sentence's grants, by where their amounts start
        self.read_starts: list[int] = []  # the same, in order
        self.figure_ends = {s: e for s, e, _ in amounts}
        self.read_figures: dict[int, int] = {}  # where the amounts in figures of the grants read so far start and end
        self.around = AmountsAround(self.all)
        self.sums = summed_after(sentence, self.all)

    def read(self) -> None:
        """Read each amount of the sentence but a table's, and record the grants and totals found."""
        tables = self.reading.tables
        for a_start, a_end, amount in self.all:
            if any(s <= self.start + a_start < e for s, e in tables) or amount is None:
                continue  # a table's amount (a grant of "0 €" is read, then set aside and said: check_amounts)
            AmountReading(self, (a_start, a_end), amount).read()

    def read_before(self, at: int) -> int | None:
        """Where the last grant read before offset ``at`` of the sentence starts."""
        k = bisect_left(self.read_starts, at)
        return self.read_starts[k - 1] if k else None


class AmountReading:
    """One amount of a sentence (its span in the sentence, and its value), read (:meth:`read`). Each step keeps on
    it what the next ones ask: the words before it (``before``), the clause it stands in, the cues that grant it."""

    def __init__(self, s: SentenceAmounts, span: tuple[int, int], amount: Decimal):
        self.s, self.amount = s, amount
        self.a_start, self.a_end = span
        self.before = s.sentence[max(0, self.a_start - 120):self.a_start]
        self.starting_before = s.around.starting_before(self.a_start)

    def read(self) -> None:
        """Record the amount as a grant, or as a total, or as an item whose beneficiary is not read, or as nothing."""
        if self.read_with_another() or self.no_grant() or self.of_another() or not self.granted() \
                or self.excluded():
            return
        s, a_start = self.s, self.a_start
        # A share of the amount before it ("Il est proposé de lui verser 9 500 €, dont 2 500 € au titre de
        # l'action …") is that amount's beneficiary's, and no grant when that amount is none.
        whole = whole_of(s.sentence, a_start, s.all, s.parts)
        if whole is not None and whole not in s.read_at:
            return
        name = self.beneficiary(whole)
        if name and THE_AUTHORITY_ITSELF.fullmatch(name.strip()):
            return  # what a co-funder pays the authority: "la CTM, qui verse à la Ville une participation de …"
        # "– 800 € à l'antenne de Luzech des Restos du Cœur ;": a grant to someone the item names, unread (not
        # "   ➢ dont 300 € …", "– le solde de 600 € …": a share of the item above; nor "– autofinancement : 800 €")
        unnamed = s.reading.unnamed
        if not name and s.listed and unnamed is not None and a_start not in s.parts \
                and _TO_SOMEONE_NAMED.search(s.flat):
            unnamed.append((s.start, s.start + len(s.sentence.rstrip()), self.amount))
        if name:
            self.record(name)

    def read_with_another(self) -> bool:
        """Whether the amount is read with another: the sum of a yearly grant over its years, the yearly share of a
        grant over several years read before it, or a total (recorded). An instalment or a share of a grant is noted
        as such (``parts``)."""
        s, sentence, a_start, a_end, amount = self.s, self.s.sentence, self.a_start, self.a_end, self.amount
        ending_by = s.around.ending_by(a_start)
        if is_part(sentence, a_start, [ending_by[:2]] if ending_by else [], s.parts):
            s.parts.add(a_start)
        if (previous := s.read_before(a_start)) is not None and s.read_at[previous].yearly \
                and previous in s.read_figures \
                and sums_years(sentence, (s.read_figures[previous], s.read_at[previous].amount), (a_start, amount)):
            return True  # "10 000 € par an pour 2024, 2025 et 2026, soit 30 000 €": the yearly grant over its years
        if a_start in s.spread_shares:
            return True  # "36 000 € pour 2024 et 2025, soit 18 000 € par an": the grant's yearly amount, read with it
        # (a total of grants: the list's or the table's above, a list's item, or the run of grants its sentence
        # gave before it: "650 € à X, …, et 120 € à Y, soit au total …")
        # ("…, 600 € par mois pendant 24 mois, soit un montant total de 14 400 €": one item's grant, no total)
        # ("La dépense correspondante, soit 4 300 €" after the articles that make two grants or more sums them too)
        if not (s.listed and item_comes_to(sentence, a_start, s.all)) and states_total(
                sentence, (a_start, a_end), s.spelled, s.sums, s.below_grants or s.reading.named_count > 1,
                s.sums_table or s.listed or len(s.read_at) > 1):
            s.reading.totals.append(StatedTotal(amount, (s.start + a_start, s.start + a_end), sentence.strip()))
            return True
        return False

    def no_grant(self) -> bool:
        """Whether the amount is none that this act grants: the amount before an amendment, a year's or a budget's
        line of an item, what a grant is computed from or compared with, a ceiling, an earlier grant recalled. Keeps
        whether the amount values a help in kind, and the grant over years it is the yearly amount of."""
        s, sentence, before, a_start, a_end = self.s, self.s.sentence, self.before, self.a_start, self.a_end
        self.valued_in_kind = VALUED.search(before) and (IN_KIND.search(sentence)
                                                         or PUT_AT_DISPOSAL.search(sentence, 0, a_start))
        if AMENDED_FROM.match(sentence, a_end) or s.item and (YEAR_ITEM.match(sentence)
                                                              or BUDGET_LINE.match(sentence)) \
                and "\n" not in sentence[:a_start]:
            return True  # the amount a grant had before this deliberation amends it; a year's amount; a budget's
        if is_in_aside_of(sentence, a_start, s.read_figures):
            return True  # "1 200 € (1 000 € en 2024)", "1 200 € (coût du projet : 10 000 €)": said of the grant before
        if (bringing := BRINGING_TO.search(before)) and any(
                e <= a_start - len(before) + bringing.start() for _, e, _ in s.all):
            return True  # the total that the grant before it brings the beneficiary's to
        self.yearly = match_yearly_grant(s.flat, a_start, a_end, [self.starting_before] if self.starting_before else [])
        if CHANGED_TO_AFTER.match(sentence, a_end):
            return True  # "1 200 € ramenés à 900 €": the amount as first asked or voted, the second stands
        if OPERAND_AFTER.match(sentence, a_end) or OPERAND_BEFORE.search(before) \
                or RAISED_AFTER.match(sentence, a_end) or COMPARED_BEFORE.search(before) \
                or COMPARED_AFTER.match(sentence, a_end) or RATE_AFTER.match(sentence, a_end) \
                and not (self.valued_in_kind and PER_YEAR.match(sentence, a_end) or self.yearly):
            return True  # what a grant is computed from, or compared with; a rate
        # (a grant of before that this act cancels is read, to be cancelled: "La subvention de 2 000 euros accordée
        # en 2024 à X est annulée")
        # a delegation's ceiling; a grant that an earlier act made, or a year before paid, recalled ("la somme de
        # 500 € versée en 2023 étant portée à 650 €")
        return bool(THRESHOLD.search(before) or (EARLIER.match(sentence, a_end)
                                                 or paid_earlier(s.reading.body, sentence, a_end))
                    and not (CANCEL.search(before) or cancelled_after(s.flat, a_end)))

    def of_another(self) -> bool:
        """Whether the amount is a sum of grants, or the grant of another act or of someone else than the
        authority: a grant an earlier act made (its beneficiary noted as ``recalled``), a request to another
        funder, a co-funder's money or share. Keeps the clause that the amount ends (``clause``: a text, and the
        span in it), and whether this act withdraws the earlier act it cites."""
        s, flat, before, a_start = self.s, self.s.flat, self.before, self.a_start
        clause_start = where_clause_starts(flat, a_start)
        if TOTAL_SUBJECT.fullmatch(flat, clause_start, a_start):
            return True  # "Le montant total des subventions … est ramené de 38 650 € à 25 150 €": a sum of grants
        # the clause before the amount: in the sentence, but for the words of the one it goes on (a dot cut it)
        cut = words_cut_before(s.reading.body, s.start) if not clause_start else ""
        self.clause = (cut + flat[:a_start], 0, len(cut) + a_start) if cut else (flat, clause_start, a_start)
        act = search_within(BY_EARLIER_ACT, BY_EARLIER_ACT_BARRIERS, *self.clause)
        self.withdrawn = bool(act) and bool(WITHDRAWS.search(self.clause[0], self.clause[1], act.start()))
        if act and not self.withdrawn:
            return True  # "VU la délibération n° … attribuant au PTCE X une subvention de 60 000 €"
        if says_granted_before(flat, clause_start, a_start) and not CANCEL.search(before):
            # "Par délibération du 14 février, le Conseil a attribué à X une subvention de … de 4 000 €"
            s.reading.recalled.add(beneficiary_in(flat, a_start) or "")
            return True
        if clause_requests(flat, clause_start, a_start, self.a_end):
            return True  # "De solliciter auprès de l'ARS une subvention de …, et auprès du Département une …"
        if search_within(PAID_BY_OUTSIDER, PAID_BY_OUTSIDER_BARRIERS, flat, 0, a_start):
            return True  # a co-funder's money, told in the report: "L'ARS verse au GEM un financement de …"
        if s.listed and (label := item_name(s.sentence, a_start)) \
                and (FUNDER_ONLY.fullmatch(label) or COLLECTIVITY_FUNDER.fullmatch(label)):
            return True  # a co-funder's line, its name alone: "– État (DETR) : 8 000 €", "– Région X : 5 000 €"
        # "– l'État (DETR) participe pour 3 000 € …": a co-funder's share (the authority's own, "– la Commune verse
        # 700 € à l'association X", grants whom it names; naming no one, "– la Région apporte 2 000 € au projet", it
        # grants nothing: its words name no one, :func:`delib_item_names.item_name`)
        return bool(s.listed and (payer := PAYER_ITEM.match(s.sentence[:a_start]))
                    and not THE_AUTHORITY_ITSELF.fullmatch(payer["subject"]))

    def granted(self) -> bool:
        """Whether words around the amount grant it: a grant's word or verb before it, a list's lead, a help in kind
        valued, an amount amended or set, a pronoun or a subject that receives it, a prize, the decision's words for
        a payment… Keeps each such cue, for its beneficiary."""
        s, sentence, flat, before, a_start, a_end = (self.s, self.s.sentence, self.s.flat, self.before, self.a_start,
                                                     self.a_end)
        self.result = RESULT_BEFORE.search(before) and COMPUTED.search(before)
        self.named_result = (named := NAMED_RESULT.search(before)) and COMPUTED.search(before, 0, named.start())
        self.named = named
        # "à hauteur de 50 % du coût du projet, plafonnée à 10 000 €": the most the rate can come to, the grant as
        # decided (a warning says so); the cost's words before it are the rate's, not the grant's.
        self.ceiling = bool(CEILING_BEFORE.search(before) and COMPUTED.search(before))
        amended = AMENDED_TO.search(before) and GRANT_WORD.search(sentence)
        set_at = SET_AT.search(before) and SET_GRANT.match(sentence, a_end)
        self.pronoun = PRONOUN_BEFORE.search(before) or PRONOUN_AFTER.match(sentence, a_end)
        # "- d'attribuer une subvention à X pour … ; le montant de la subvention est fixé à 8 000 €": the grant that
        # the clause before gave with no amount
        self.given_before = s.goes_on and s.prior_sentence.replace("\n", " ")
        self.set_for = self.given_before and granted_with_amount_after(flat[:a_start], self.given_before)
        # "Le Handball Club de X voit son équipe … ; il est proposé une aide de 3 500 €": a grant proposed to the
        # subject of the clause before it (of the sentence before, when a full stop parts them)
        proposed = PROPOSED_TO_NO_ONE.search(before)
        self.clause_before = None
        if proposed:
            semicolon = sentence.rfind(";", 0, a_start)
            self.clause_before = sentence[:semicolon] if semicolon > 0 else \
                s.prior_sentence if s.goes_on else None
        # "X recevrait 12 500 euros", "X bénéficierait de 9 000 euros, et Y de 2 750 euros": the verb's subject.
        self.receiving = receiver(flat, a_start, [e for e in [s.around.last_end(a_start)] if e is not None])
        # "Trophée d'or (1er prix, 1 500 €) : l'association X": a list's prize, its laureate after the colon
        self.laureate = s.listed and prize_laureate(sentence)
        self.prize = bool(PRIZE_BEFORE.search(before) and AWARDED_AFTER.match(flat, a_end) or self.laureate)
        # "Une aide de 8 000 € est attribuée au Docteur X": the aid that the passive verb after it attributes.
        aid_awarded = bool(AID_BEFORE.search(before) and AWARDED_AFTER.match(flat, a_end))
        # "PARTICIPE à hauteur de …", "VALIDE le versement à X de la somme de …", "…, soit 12 000 €, par une
        # subvention …": the decision's own words for a payment.
        decided = s.start + a_start >= s.reading.deciding_from
        self.granted_after = decided and bool(GRANT_AFTER.match(flat, a_end)) \
            or bool(PAID_AS_GRANT_AFTER.match(flat, a_end))
        self.paid = self.granted_after or decided and bool(search_within(DECIDED_PAYMENT, DECIDED_PAYMENT_BARRIERS,
                                                                         flat, 0, a_start))
        starting_before = [self.starting_before] if self.starting_before else []
        return bool(GRANT_WORD.search(before) or GRANT_VERB.search(before) or s.listed or self.valued_in_kind
                    or amended or set_at or self.pronoun or self.receiving or self.prize or aid_awarded or self.paid
                    or proposed or verb_opens_clause(sentence, a_start, starting_before)
                    or goes_on_amounts_to(flat, a_start, a_end, s.read_before(a_start)))

    def excluded(self) -> bool:
        """Whether other words say the amount is no grant though granted: a member's fee, a contract's price, or
        what :func:`graph.ingest.delib_prose_amounts.words_exclude_grant` finds. Keeps the amount after it."""
        s, sentence, a_start, a_end = self.s, self.s.sentence, self.a_start, self.a_end
        self.next_amount = s.around.starting_after(a_start)
        next_at = self.next_amount[0] if self.next_amount else len(sentence)
        fee_after = MEMBERSHIP.search(sentence, a_end, next_at)  # up to the next amount: its own words only
        if (search_within(DUES, NOT_WORDS, *self.clause) or fee_after) and not GRANT_WORD.search(*self.clause):
            return True  # a member's fee: "DÉCIDE de verser la cotisation 2025 à l'ADIL 04, d'un montant de …"
        if _contract_in(sentence) and not GRANT_WORD.search(self.before):
            return True  # a public contract's price, a service's payment: "un marché … attribué à la société X pour …"
        said_instead = self.before[self.named.end():] if self.named_result else None  # "…, taux 30 %, soit une aide"
        beside = s.around.ending_before_or_starting_after(a_start)  # all that it asks of the other amounts
        return words_exclude_grant(sentence, (a_start, a_end), (s.amounts, beside), s.sums, a_start in s.parts,
                                   (s.item, s.lead), bool(self.result or self.ceiling or self.granted_after),
                                   said_instead, self.prize)

    def beneficiary(self, whole: int | None) -> str | None:
        """Whom the amount goes to, from the cues that granted it first, then from the words around it, the sentence
        or the clause before, the text's head, its title; ``whole``: where the amount it is a share of starts."""
        s, sentence, flat, a_start = self.s, self.s.sentence, self.s.flat, self.a_start
        body, prior_sentence, pronoun, listed = s.reading.body, s.prior_sentence, self.pronoun, s.listed
        # Whom "lui" stands for: named before it in its sentence, else in the sentence before.
        lui = pronoun and (max(0, a_start - 120) + pronoun.start() if pronoun.start() < a_start else a_start)
        # Premises lent in the sentence before the one that values them: "La Commune met … à la disposition de
        # l'Association X un bureau ; cette mise à disposition constitue une aide en nature valorisée à 2 400 €".
        lent_to = self.valued_in_kind and (AT_DISPOSAL_OF.search(flat, 0, a_start) or (
            s.goes_on and AT_DISPOSAL_OF.search(prior_sentence.replace("\n", " "))))
        grants = s.reading.grants
        return (whole is not None and s.read_at[whole].beneficiary) or self.laureate \
            or (lent_to and clean_name(lent_to.group("acronymed") or lent_to.group("name"))) or self.receiving \
            or (pronoun and (lui and antecedent(sentence[:lui]) or s.goes_on and antecedent(prior_sentence))) \
            or self.set_for \
            or (self.clause_before is not None and antecedent(self.clause_before)) \
            or (listed and person_at(sentence, a_start, True)) or (self.paid and financed(flat, self.a_end)) \
            or beneficiary_in(flat, a_start, association=not listed) or person_at(body, s.start + a_start, False) \
            or (listed and (item_name(sentence, a_start) or beneficiary_in(flat, a_start))) \
            or the_same(sentence[:a_start], [g.beneficiary for g in grants]) \
            or record_head(body, s.start) \
            or (a_start in s.parts and len(s.reading.recalled) == 1 and next(iter(s.reading.recalled))) \
            or (s.goes_on and requester_of(prior_sentence)) or s.reading.title_beneficiary \
            or this_association(body[:s.start], sentence) \
            or named_by_kind(sentence[:a_start] if "\n" in body[s.prior_end:s.start] else prior_sentence
                             + sentence[:a_start], [g.beneficiary for g in grants])

    def record(self, name: str) -> None:
        """Record the amount as ``name``'s grant, with its nature, purpose, year and what else its words say."""
        s, sentence, flat, before, a_start, a_end = (self.s, self.s.sentence, self.s.flat, self.before, self.a_start,
                                                     self.a_end)
        stated = NATURE_AFTER.match(sentence, a_end)
        # "une subvention de 36 000 € pour 2024 et 2025, soit 18 000 € par an": one year's grant, as when the yearly
        # amount comes first (the later years are the budgets to come)
        next_amount = self.next_amount
        share = next_amount if next_amount and spread_over_years(sentence, (a_end, self.amount), next_amount) \
            else None
        if share:
            s.spread_shares.add(share[0])
        # A list's last item and the total below it, one sentence when the item's currency wrapped to a line of its
        # own ("… : 350" / "EUR" / "soit un total de 4 400 EUR, imputé à l'article 6574"): the total's line (its
        # account, the whole list's) is no evidence of the item's grant.
        end = len(sentence.rstrip())
        if s.listed and (line_end := sentence.find("\n", a_end)) >= 0 and OPENS_TOTAL.match(sentence, line_end + 1):
            end = line_end
        yearly, set_for, given_before = self.yearly, self.set_for, self.given_before
        grant = GrantFact(name, share[2] if share else self.amount, (s.start, s.start + end),
                          ("in-kind" if self.valued_in_kind else None)
                          or (stated and NATURE_WORDS[fold(stated[1] or stated[2]).rstrip("s")])
                          or read_clause_nature(flat, a_start)
                          or (nature_in(given_before) if set_for else None)
                          or (s.lead_nature if s.listed else None),
                          read_purpose(flat, a_end, name) or (read_purpose(given_before, 0, name) if set_for else None),
                          s.start >= s.reading.decision_at,
                          cancelled=bool(CANCEL.search(before) or cancelled_after(flat, a_end) or self.withdrawn),
                          part=a_start in s.parts,
                          ceiling=self.ceiling, yearly=bool(yearly or share), listed=bool(s.listed),
                          set_anew=bool(CHANGED_TO_BEFORE.search(before)),
                          year=read_year_after(flat, a_end) or read_clause_year(flat, a_start)
                          or (yearly and yearly.group("first") and int(yearly.group("first"))))
        s.reading.grants.append(grant)
        if a_start not in s.read_at:
            insort(s.read_starts, a_start)
            if a_start in s.figure_ends:
                s.read_figures[a_start] = s.figure_ends[a_start]
        s.read_at[a_start] = grant


# Each amount of a sentence asks whether its sentence speaks of a contract: read once a sentence (a sentence of 400
# grants read 400 times).
@lru_cache(maxsize=4)
def _contract_in(sentence: str) -> bool:
    """Whether ``sentence`` speaks of a public contract or a service paid for (:data:`CONTRACT`)."""
    return CONTRACT.search(sentence) is not None
