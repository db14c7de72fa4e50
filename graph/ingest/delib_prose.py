"""The grants and totals that a deliberation's sentences state (:func:`prose_grants`).

Prose: a sentence where an amount follows a grant word ("une subvention … d'un montant de 20 000 €") or a
granting verb, with its beneficiary ("à X", "au profit de X", "l'association X", else the title's "Subvention à X").
Amounts requested, budgets, co-funders, earlier grants, thresholds ("inférieur ou égal à 5 000 €") and money
received ("titre de recettes") are left out; the same beneficiary named twice (in the report and in the decision)
is one grant, the decision's amount winning, but two different amounts that the decision gives one beneficiary
(an operating and an investment grant) are two grants (:func:`graph.ingest.delib_mentions.merge_prose`).

A deliberation's grant is the amount it sets: attributed, or amended ("porte de 5 000 € à 7 000 €", "ramène de
20 000 € à 16 000 €": the new amount). Its instalments ("versée en deux fois : un acompte de 1 500 € … et le solde
de 1 500 €", "dont 8 000 € en 2024 et 12 000 € en 2025") are parts of it, not grants, even when the sentence that
amends it goes on to pay the solde that results ("… et DÉCIDE le versement du solde correspondant, soit 4 000 €":
16 000 €). A deliberation that sets no amount but pays an instalment of a grant an earlier one made ("VERSE le
solde de 16 000 € de la subvention de 20 000 € attribuée par délibération du …", "DÉCIDE le versement du solde …,
soit 16 000 €") records that payment as its grant: the earlier amount is the earlier deliberation's. A cancelled
grant ("annule la subvention de …") is left out, with a warning.

Apart from :mod:`delib_grants` because it is one reader among several (tables, blocks, sentences of several
grants): it reads amounts one sentence at a time and decides which of them are grants, with what words; the facts
it fills and :func:`delib_grants.find_grants`, which merges what all the readers found, are the other's.

This module holds the reader's loop (:func:`prose_grants`) and the warning for a list's items whose beneficiary was
not read (:func:`unnamed_items`). The words that tell what an amount is are :mod:`graph.ingest.delib_prose_cues`'s,
where an amount stands in its sentence :mod:`graph.ingest.delib_prose_amounts`'s, the totals
:mod:`graph.ingest.delib_prose_totals`'s, the lists of grants and their lead :mod:`graph.ingest.delib_prose_lists`'s,
a grant's nature, year and purpose :mod:`graph.ingest.delib_prose_details`'s, and the sentences mended before they
are read :mod:`graph.ingest.delib_prose_sentences`'s.

>>> grants, totals = prose_grants("L'association Les Amis du Vélo sollicite une subvention de 5 000 €. Le Conseil "
...                               "DÉCIDE de lui attribuer une subvention de 2 000 €.", None)
>>> [(g.beneficiary, g.amount) for g in grants]
[('Les Amis du Vélo', Decimal('2000'))]
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from decimal import Decimal
from functools import lru_cache

from graph.ingest.delib_antecedents import (PRONOUN_AFTER, PRONOUN_BEFORE, antecedent, granted_with_amount_after,
                                            named_by_kind, requester_of, the_same, this_association)
from graph.ingest.delib_bounded import NOT_WORDS, found_before_barrier, search_within
from graph.ingest.delib_clauses import where_clause_starts
from graph.ingest.delib_grant_words import (DECIDED_PAYMENT, DECIDED_PAYMENT_BARRIERS, GRANT_AFTER, GRANT_VERB,
                                            GRANT_WORD, NATURE_WORDS, PAID_AS_GRANT_AFTER)
from graph.ingest.delib_grants import GrantFact, IN_KIND, StatedTotal, names_a_period, nature_in
from graph.ingest.delib_lists import (BLOCK, DATIVE_ITEM, ITEM_START, YEAR_ITEM, dative_item, item_name,
                                      list_sentences)
from graph.ingest.delib_not_grants import (AT_DISPOSAL_OF, BUDGET_LINE, BY_EARLIER_ACT, BY_EARLIER_ACT_BARRIERS,
                                           COLLECTIVITY_FUNDER, COMPUTED, CONTRACT, EARLIER, FUNDER_ONLY,
                                           PAID_BY_OUTSIDER, PAID_BY_OUTSIDER_BARRIERS, PAYER_ITEM, PER_YEAR,
                                           PUT_AT_DISPOSAL, RATE_AFTER, THRESHOLD, VALUED, WITHDRAWS, clause_requests,
                                           is_part, whole_of)
from graph.ingest.delib_prose_amounts import (AmountsAround, goes_on_amounts_to, is_in_aside_of, verb_opens_clause,
                                              words_exclude_grant)
from graph.ingest.delib_prose_cues import (AID_BEFORE, AMENDED_FROM, AMENDED_TO, AWARDED_AFTER, BRINGING_TO, CANCEL,
                                           CANCELLED_AFTER, CANCELLED_AFTER_BARRIERS, CEILING_BEFORE,
                                           CHANGED_TO_AFTER, CHANGED_TO_BEFORE, COMPARED_AFTER, COMPARED_BEFORE, DUES,
                                           MEMBERSHIP, NAMED_RESULT, OPERAND_AFTER, OPERAND_BEFORE, PAID_EARLIER_AFTER,
                                           PRIZE_BEFORE, PRIZE_LINE,
                                           PROPOSED_TO_NO_ONE, RAISED_AFTER, RECALLED, RESULT_BEFORE, SET_AT,
                                           SET_GRANT, TOTAL_SUBJECT, WRAPPED_AMOUNT, says_granted_before)
from graph.ingest.delib_prose_details import (NATURE_AFTER, match_yearly_grant, read_clause_nature, read_clause_year,
                                              read_purpose, read_year_after)
from graph.ingest.delib_prose_lists import follow_lead, is_below_list
from graph.ingest.delib_prose_sentences import TABLE_ROWS, join_civilities, words_cut_before
from graph.ingest.delib_prose_totals import (OPENS_TOTAL, RULE_LINES, item_comes_to, spread_over_years, states_total,
                                            summed_after, sums_years)
from graph.ingest.delib_session import find_session_date
from graph.ingest.delib_recipient_names import clean_name
from graph.ingest.delib_recipient_phrases import beneficiary_in
from graph.ingest.delib_recipients import financed, person_at, receiver, record_head
from graph.ingest.french import AMOUNT_RE, fold, parse_amount
from graph.ingest.french_numbers import find_amounts_in_words


DECISION = re.compile(r"apr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]|\bD[ÉE]CIDE\b|\bD[ÉE]LIB[ÈE]RE\b|"
                       r"il\s+est\s+proposé\s+au|"
                       r"En\s+conséquence|ARTICLE\s+1|Article\s+1(?:er)?\s*:", re.I)


# prose_grants (twice), unnamed_items and delib_ceilings.decision_start each looked for the cues in the whole text:
# found once (the 1,112 texts of the 100k-actor corpus: 0.8 s, against 0.2 s).
@lru_cache(maxsize=4)
def decision_cues(body: str) -> tuple[int, ...]:
    """Where each of the decision's cues (:data:`DECISION`) starts in ``body``, in order.

    >>> decision_cues("Le Conseil, après en avoir délibéré, DÉCIDE :")
    (12, 37)
    """
    return tuple(m.start() for m in DECISION.finditer(body))


# Each amount of a sentence asks whether its sentence speaks of a contract: read once a sentence (a sentence of 400
# grants read 400 times).
@lru_cache(maxsize=4)
def _contract_in(sentence: str) -> bool:
    """Whether ``sentence`` speaks of a public contract or a service paid for (:data:`CONTRACT`)."""
    return CONTRACT.search(sentence) is not None


def _last_before(starts: list[int], at: int) -> int | None:
    """The greatest of the ordered ``starts`` before ``at``."""
    k = bisect_left(starts, at)
    return starts[k - 1] if k else None


def paid_earlier(body: str, sentence: str, end: int) -> bool:
    """Whether the amount ending at ``end`` of ``sentence`` is said to have been paid before
    (:data:`PAID_EARLIER_AFTER`): in a year before that of the session ``body`` is dated by, or in words that say a
    time past ("l'an dernier").

    >>> body = "Séance du 10 juin 2024\\nla somme de 500 € versée en 2023 étant portée à 650 €"
    >>> later = body.replace("en 2023", "en 2024")
    >>> paid_earlier(body, body[23:], 17), paid_earlier(later, later[23:], 17)
    (True, False)
    """
    paid = PAID_EARLIER_AFTER.match(sentence, end)
    if paid is None or not paid["year"]:
        return paid is not None
    session = find_session_date(body)  # sought only for such an amount: rare
    return session is not None and int(paid["year"]) < session.year


def _cancelled_after(flat: str, end: int) -> bool:
    """Whether ``flat`` says that the grant whose amount ends at ``end`` is undone, after it and before a full stop or
    a semicolon: "… 3 000 euros accordée en 2024 à X est annulée" (:data:`CANCELLED_AFTER`)."""
    return found_before_barrier(CANCELLED_AFTER, CANCELLED_AFTER_BARRIERS, flat, end)


def prose_grants(body: str, title_beneficiary: str | None, tables: list[tuple[int, int]] = (),
                 unnamed: list[tuple[int, int, Decimal]] | None = None) -> tuple[list[GrantFact], list[StatedTotal]]:
    """Return the grants and totals stated in sentences (table lines excluded: ``| … |`` rows, and the ``tables``
    aligned with spaces, given by their spans). The spans and amounts of a granting list's items whose amount would
    be a grant but whose beneficiary is not read go to ``unnamed`` (:func:`unnamed_items` warns of them)."""
    cues = decision_cues(body)
    decision_at = cues[-1] if cues else len(body)
    # where the decision's words begin: its clauses may each open with "DÉCIDE", the last of which is decision_at
    deciding_from = cues[0] if cues else len(body)
    grants, totals, lead, lead_nature, after_table, after_list = [], [], False, None, False, False
    ruling = False  # the lead rules on its items one by one: each item's vote lines, indented below it, are its own
    prior = (0, "")  # the sentence before, and where it ends: a request it states names a proposal's beneficiary
    recalled: set[str] = set()  # the beneficiaries of the grants that earlier acts made, as the text recalls them
    named_count = 0  # the grants read so far that name a beneficiary, not a schedule's period ("Exercice 2025")
    for start, sentence in join_civilities(list_sentences(body)):
        if rule := RULE_LINES.match(sentence):  # a list's rule above its total: "---------" / "TOTAL …… 4 800 €"
            start, sentence = start + rule.end(), sentence[rule.end():]
        prior, (prior_end, prior_sentence) = (start + len(sentence), sentence), prior
        if sentence.lstrip().startswith("|"):
            after_table = True
            # a table's last rows, then the lines below it that no full stop set apart (a roll of the members, the
            # secretary's line, the decision): those lines are read
            rows = TABLE_ROWS.match(sentence)
            if not sentence[rows.end():].strip():
                continue
            start, sentence = start + rows.end(), sentence[rows.end():]
        first = start + len(sentence) - len(sentence.lstrip())
        after_table = after_table or any(e <= first and not body[e:first].strip() for _, e in tables)
        # "soit un montant total de …", "Total de la 3e répartition : …" just below a table or a list sums it, even
        # a list whose grants were not read (its total then tells that some were missed).
        opens_total = bool(OPENS_TOTAL.match(sentence))
        below_grants = after_table and not _below_schedule(body, first) or after_list or is_below_list(body, first)
        sums_table = opens_total and below_grants
        after_table = False
        item = bool(ITEM_START.match(sentence) or lead and (BLOCK.match(sentence) or DATIVE_ITEM.match(sentence)
                                                             or dative_item(sentence) or PRIZE_LINE.match(sentence)))
        granted_before, totalled_before = len(grants), len(totals)
        flat = sentence.replace("\n", " ")  # a PDF's lines cut names and purposes: read across them
        lead, ruling, lead_nature = follow_lead(body, (start, sentence), (prior_end, prior_sentence), item, after_list,
                                                (lead, ruling, lead_nature))
        if RECALLED.match(sentence):
            continue  # "Pour mémoire, en 2024, le Conseil avait attribué 4 500 € à …": a past grant, recalled
        amounts = [(m.start(), m.end(), parse_amount(m.group(0))) for m in AMOUNT_RE.finditer(sentence)]
        amounts += [(m.start(), m.end(), parse_amount(m.group(0).replace("\n", " ")))
                    for m in WRAPPED_AMOUNT.finditer(sentence)]
        spelled = find_amounts_in_words(sentence)
        words = [(s, e, Decimal(v)) for v, s, e in spelled if not any(abs(s - a) < 60 for a, _, _ in amounts)]
        parts: set[int] = set()  # where the sentence's instalments and shares of a grant start
        spread_shares: set[int] = set()  # where the yearly amounts of the grants over several years read start
        read_at: dict[int, GrantFact] = {}  # the sentence's grants, by where their amounts start
        read_starts: list[int] = []  # the same, in order
        figure_ends = {s: e for s, e, _ in amounts}
        read_figures: dict[int, int] = {}  # where the amounts in figures of the grants read so far start and end
        around = AmountsAround(amounts + words)
        sums = summed_after(sentence, amounts + words)
        for a_start, a_end, amount in amounts + words:
            if any(s <= start + a_start < e for s, e in tables) or amount is None:
                continue  # a table's amount (a grant of "0 €" is read, then set aside and said: check_amounts)
            before = sentence[max(0, a_start - 120):a_start]
            ending_by, starting_before = around.ending_by(a_start), around.starting_before(a_start)
            if is_part(sentence, a_start, [ending_by[:2]] if ending_by else [], parts):
                parts.add(a_start)
            if (previous := _last_before(read_starts, a_start)) is not None and read_at[previous].yearly \
                    and previous in read_figures \
                    and sums_years(sentence, (read_figures[previous], read_at[previous].amount), (a_start, amount)):
                continue  # "10 000 € par an pour 2024, 2025 et 2026, soit 30 000 €": the yearly grant over its years
            if a_start in spread_shares:
                continue  # "36 000 € pour 2024 et 2025, soit 18 000 € par an": the grant's yearly amount, read with it
            # (a total of grants: the list's or the table's above, a list's item, or the run of grants its sentence
            # gave before it: "650 € à X, …, et 120 € à Y, soit au total …")
            # ("…, 600 € par mois pendant 24 mois, soit un montant total de 14 400 €": one item's grant, no total)
            # ("La dépense correspondante, soit 4 300 €" after the articles that make two grants or more sums them too)
            if not (item and lead and item_comes_to(sentence, a_start, amounts + words)) and states_total(
                    sentence, (a_start, a_end), spelled, sums, below_grants or named_count > 1,
                    sums_table or (item and lead) or len(read_at) > 1):
                totals.append(StatedTotal(amount, (start + a_start, start + a_end), sentence.strip()))
                continue
            valued_in_kind = VALUED.search(before) and (IN_KIND.search(sentence)
                                                        or PUT_AT_DISPOSAL.search(sentence, 0, a_start))
            if AMENDED_FROM.match(sentence, a_end) or item and (YEAR_ITEM.match(sentence)
                                                                or BUDGET_LINE.match(sentence)) \
                    and "\n" not in sentence[:a_start]:
                continue  # the amount a grant had before this deliberation amends it; a year's amount; a budget's
            if is_in_aside_of(sentence, a_start, read_figures):
                continue  # "1 200 € (1 000 € en 2024)", "1 200 € (coût du projet : 10 000 €)": said of the grant before
            if (bringing := BRINGING_TO.search(before)) and any(
                    e <= a_start - len(before) + bringing.start() for _, e, _ in amounts + words):
                continue  # the total that the grant before it brings the beneficiary's to
            yearly = match_yearly_grant(flat, a_start, a_end, [starting_before] if starting_before else [])
            if CHANGED_TO_AFTER.match(sentence, a_end):
                continue  # "1 200 € ramenés à 900 €": the amount as first asked or voted, the second stands
            if OPERAND_AFTER.match(sentence, a_end) or OPERAND_BEFORE.search(before) \
                    or RAISED_AFTER.match(sentence, a_end) or COMPARED_BEFORE.search(before) \
                    or COMPARED_AFTER.match(sentence, a_end) or RATE_AFTER.match(sentence, a_end) \
                    and not (valued_in_kind and PER_YEAR.match(sentence, a_end) or yearly):
                continue  # what a grant is computed from, or compared with; a rate
            # (a grant of before that this act cancels is read, to be cancelled: "La subvention de 2 000 euros accordée
            # en 2024 à X est annulée")
            if THRESHOLD.search(before) or (EARLIER.match(sentence, a_end) or paid_earlier(body, sentence, a_end)) \
                    and not (CANCEL.search(before) or _cancelled_after(flat, a_end)):
                # a delegation's ceiling; a grant that an earlier act made, or a year before paid, recalled ("la
                # somme de 500 € versée en 2023 étant portée à 650 €")
                continue
            clause_start = where_clause_starts(flat, a_start)
            if TOTAL_SUBJECT.fullmatch(flat, clause_start, a_start):
                continue  # "Le montant total des subventions … est ramené de 38 650 € à 25 150 €": a sum of grants
            # the clause before the amount: in the sentence, but for the words of the one it goes on (a dot cut it)
            cut = words_cut_before(body, start) if not clause_start else ""
            clause = (cut + flat[:a_start], 0, len(cut) + a_start) if cut else (flat, clause_start, a_start)
            act = search_within(BY_EARLIER_ACT, BY_EARLIER_ACT_BARRIERS, *clause)
            withdrawn = bool(act) and bool(WITHDRAWS.search(clause[0], clause[1], act.start()))
            if act and not withdrawn:
                continue  # "VU la délibération n° … attribuant au PTCE X une subvention de 60 000 €"
            if says_granted_before(flat, clause_start, a_start) and not CANCEL.search(before):
                # "Par délibération du 14 février, le Conseil a attribué à X une subvention de … de 4 000 €"
                recalled.add(beneficiary_in(flat, a_start) or "")
                continue
            if clause_requests(flat, clause_start, a_start, a_end):
                continue  # "De solliciter auprès de l'ARS une subvention de …, et auprès du Département une …"
            if search_within(PAID_BY_OUTSIDER, PAID_BY_OUTSIDER_BARRIERS, flat, 0, a_start):
                continue  # a co-funder's money, told in the report: "L'ARS verse au GEM un financement de …"
            if item and lead and (label := item_name(sentence, a_start)) \
                    and (FUNDER_ONLY.fullmatch(label) or COLLECTIVITY_FUNDER.fullmatch(label)):
                continue  # a co-funder's line, its name alone: "– État (DETR) : 8 000 €", "– Région X : 5 000 €"
            if item and lead and (payer := PAYER_ITEM.match(sentence[:a_start])) \
                    and not THE_AUTHORITY_ITSELF.fullmatch(payer["subject"]):
                # "– l'État (DETR) participe pour 3 000 € …": a co-funder's share (the authority's own, "– la Commune
                # verse 700 € à l'association X", grants whom it names; naming no one, "– la Région apporte 2 000 € au
                # projet", it grants nothing: its words name no one, :func:`delib_lists.item_name`)
                continue
            result = RESULT_BEFORE.search(before) and COMPUTED.search(before)
            named_result = (named := NAMED_RESULT.search(before)) and COMPUTED.search(before, 0, named.start())
            # "à hauteur de 50 % du coût du projet, plafonnée à 10 000 €": the most the rate can come to, the grant
            # as decided (a warning says so); the cost's words before it are the rate's, not the grant's.
            ceiling = bool(CEILING_BEFORE.search(before) and COMPUTED.search(before))
            amended = AMENDED_TO.search(before) and GRANT_WORD.search(sentence)
            set_at = SET_AT.search(before) and SET_GRANT.match(sentence, a_end)
            pronoun = PRONOUN_BEFORE.search(before) or PRONOUN_AFTER.match(sentence, a_end)
            # "- d'attribuer une subvention à X pour … ; le montant de la subvention est fixé à 8 000 €": the grant that
            # the clause before gave with no amount
            given_before = "\n\n" not in body[prior_end:start] and prior_sentence.replace("\n", " ")
            set_for = given_before and granted_with_amount_after(flat[:a_start], given_before)
            # "Le Handball Club de X voit son équipe … ; il est proposé une aide de 3 500 €": a grant proposed to the
            # subject of the clause before it (of the sentence before, when a full stop parts them)
            proposed = PROPOSED_TO_NO_ONE.search(before)
            clause_before = None
            if proposed:
                semicolon = sentence.rfind(";", 0, a_start)
                clause_before = sentence[:semicolon] if semicolon > 0 else \
                    prior_sentence if "\n\n" not in body[prior_end:start] else None
            # "X recevrait 12 500 euros", "X bénéficierait de 9 000 euros, et Y de 2 750 euros": the verb's subject.
            receiving = receiver(flat, a_start, [e for e in [around.last_end(a_start)] if e is not None])
            # "Trophée d'or (1er prix, 1 500 €) : l'association X": a list's prize, its laureate after the colon
            laureate = item and lead and prize_laureate(sentence)
            prize = bool(PRIZE_BEFORE.search(before) and AWARDED_AFTER.match(flat, a_end) or laureate)
            # "Une aide de 8 000 € est attribuée au Docteur X": the aid that the passive verb after it attributes.
            aid_awarded = bool(AID_BEFORE.search(before) and AWARDED_AFTER.match(flat, a_end))
            # "PARTICIPE à hauteur de …", "VALIDE le versement à X de la somme de …", "…, soit 12 000 €, par une
            # subvention …": the decision's own words for a payment.
            decided = start + a_start >= deciding_from
            granted_after = decided and bool(GRANT_AFTER.match(flat, a_end)) \
                or bool(PAID_AS_GRANT_AFTER.match(flat, a_end))
            paid = granted_after or decided and bool(search_within(DECIDED_PAYMENT, DECIDED_PAYMENT_BARRIERS, flat, 0,
                                                                   a_start))
            if not (GRANT_WORD.search(before) or GRANT_VERB.search(before) or (item and lead) or valued_in_kind
                    or amended or set_at or pronoun or receiving or prize or aid_awarded or paid or proposed
                    or verb_opens_clause(sentence, a_start, [starting_before] if starting_before else [])
                    or goes_on_amounts_to(flat, a_start, a_end, _last_before(read_starts, a_start))):
                continue
            next_at = next_amount[0] if (next_amount := around.starting_after(a_start)) else len(sentence)
            fee_after = MEMBERSHIP.search(sentence, a_end, next_at)  # up to the next amount: its own words only
            if (search_within(DUES, NOT_WORDS, *clause) or fee_after) and not GRANT_WORD.search(*clause):
                continue  # a member's fee: "DÉCIDE de verser la cotisation 2025 à l'ADIL 04, d'un montant de …"
            if _contract_in(sentence) and not GRANT_WORD.search(before):
                continue  # a public contract's price, a service's payment: "un marché … attribué à la société X pour …"
            said_instead = before[named.end():] if named_result else None  # "…, taux 30 %, soit une aide de 7 200 €"
            beside = around.ending_before_or_starting_after(a_start)  # all that it asks of the other amounts
            if words_exclude_grant(sentence, (a_start, a_end), (amounts, beside), sums, a_start in parts,
                                   (item, lead), bool(result or ceiling or granted_after), said_instead, prize):
                continue
            # An item's own name before an association it names ("* PTCE X (porté par l'association Y)").
            listed = item and lead
            # Whom "lui" stands for: named before it in its sentence, else in the sentence before.
            lui = pronoun and (max(0, a_start - 120) + pronoun.start() if pronoun.start() < a_start else a_start)
            # Premises lent in the sentence before the one that values them: "La Commune met … à la disposition de
            # l'Association X un bureau ; cette mise à disposition constitue une aide en nature valorisée à 2 400 €".
            lent_to = valued_in_kind and (AT_DISPOSAL_OF.search(flat, 0, a_start) or (
                "\n\n" not in body[prior_end:start] and AT_DISPOSAL_OF.search(prior_sentence.replace("\n", " "))))
            # A share of the amount before it ("Il est proposé de lui verser 9 500 €, dont 2 500 € au titre de
            # l'action …") is that amount's beneficiary's, and no grant when that amount is none.
            whole = whole_of(sentence, a_start, amounts + words, parts)
            if whole is not None and whole not in read_at:
                continue
            name = (whole is not None and read_at[whole].beneficiary) or laureate \
                or (lent_to and clean_name(lent_to.group("acronymed") or lent_to.group("name"))) or receiving \
                or (pronoun and (lui and antecedent(sentence[:lui])
                                 or "\n\n" not in body[prior_end:start] and antecedent(prior_sentence))) \
                or set_for \
                or (clause_before is not None and antecedent(clause_before)) \
                or (listed and person_at(sentence, a_start, True)) or (paid and financed(flat, a_end)) \
                or beneficiary_in(flat, a_start, association=not listed) or person_at(body, start + a_start, False) \
                or (listed and (
                item_name(sentence, a_start) or beneficiary_in(flat, a_start))) \
                or the_same(sentence[:a_start], [g.beneficiary for g in grants]) \
                or record_head(body, start) \
                or (a_start in parts and len(recalled) == 1 and next(iter(recalled))) \
                or ("\n\n" not in body[prior_end:start] and requester_of(prior_sentence)) or title_beneficiary \
                or this_association(body[:start], sentence) \
                or named_by_kind(sentence[:a_start] if "\n" in body[prior_end:start] else prior_sentence
                                 + sentence[:a_start], [g.beneficiary for g in grants])
            if name and THE_AUTHORITY_ITSELF.fullmatch(name.strip()):
                continue  # what a co-funder pays the authority: "la CTM, qui verse à la Ville une participation de …"
            # "– 800 € à l'antenne de Luzech des Restos du Cœur ;": a grant to someone the item names, unread (not
            # "   ➢ dont 300 € …", "– le solde de 600 € …": a share of the item above; nor "– autofinancement : 800 €")
            if not name and listed and unnamed is not None and a_start not in parts and _TO_SOMEONE_NAMED.search(flat):
                unnamed.append((start, start + len(sentence.rstrip()), amount))
            if name:
                stated = NATURE_AFTER.match(sentence, a_end)
                # "une subvention de 36 000 € pour 2024 et 2025, soit 18 000 € par an": one year's grant, as when the
                # yearly amount comes first (the later years are the budgets to come)
                share = next_amount if next_amount and spread_over_years(sentence, (a_end, amount), next_amount) \
                    else None
                if share:
                    spread_shares.add(share[0])
                # A list's last item and the total below it, one sentence when the item's currency wrapped to a line
                # of its own ("… : 350" / "EUR" / "soit un total de 4 400 EUR, imputé à l'article 6574"): the
                # total's line (its account, the whole list's) is no evidence of the item's grant.
                end = len(sentence.rstrip())
                if listed and (line_end := sentence.find("\n", a_end)) >= 0 \
                        and OPENS_TOTAL.match(sentence, line_end + 1):
                    end = line_end
                grants.append(GrantFact(name, share[2] if share else amount, (start, start + end),
                                        ("in-kind" if valued_in_kind else None)
                                        or (stated and NATURE_WORDS[fold(stated[1] or stated[2]).rstrip("s")])
                                        or read_clause_nature(flat, a_start)
                                        or (nature_in(given_before) if set_for else None)
                                        or (lead_nature if item and lead else None),
                                        read_purpose(flat, a_end, name)
                                        or (read_purpose(given_before, 0, name) if set_for else None),
                                        start >= decision_at,
                                        cancelled=bool(CANCEL.search(before) or _cancelled_after(flat, a_end)
                                                       or withdrawn),
                                        part=a_start in parts,
                                        ceiling=ceiling, yearly=bool(yearly or share), listed=bool(listed),
                                        set_anew=bool(CHANGED_TO_BEFORE.search(before)),
                                        year=read_year_after(flat, a_end) or read_clause_year(flat, a_start)
                                        or (yearly and yearly.group("first") and int(yearly.group("first")))))
                if a_start not in read_at:
                    insort(read_starts, a_start)
                    if a_start in figure_ends:
                        read_figures[a_start] = figure_ends[a_start]
                read_at[a_start] = grants[-1]
        # a list of grants, not of years ("Exercice 2025 …… 8 000 €"); its sub-total's line leaves the lines below it
        # under the list
        named_here = sum(not names_a_period(g.beneficiary) for g in grants[granted_before:])
        named_count += named_here
        after_list = item and lead and (named_here > 0 or after_list and len(totals) > totalled_before)
    return grants, totals


#: A schedule's line of one grant by year, its amount after dot leaders or spaces: "Exercice 2025 ........ 8 000 €".
_SCHEDULE_LINE = re.compile(r"[ \t]*(?P<period>[^\n.…]+?)[ \t]*(?:\.{3,}|…+|[ \t]{2,}|:)[ \t]*\d[^\n]*")


def _below_schedule(body: str, at: int) -> bool:
    """Whether the lines right above offset ``at`` (up to a blank line) are a schedule of one grant by year, each
    line a period's ("Exercice 2025 ........ 8 000 €"): the total below it sums years, not the grants of a list.

    >>> _below_schedule("  Exercice 2025 .... 8 000 €\\n  Exercice 2026 .... 9 000 €\\n  Total .... 17 000 €", 56)
    True
    >>> _below_schedule("  Club A .... 8 000 €\\n  Club B .... 9 000 €\\n  Total .... 17 000 €", 42)
    False
    """
    lines = body[:body.rfind("\n", 0, at)].split("\n\n")[-1].split("\n")
    periods = [(line := _SCHEDULE_LINE.fullmatch(text)) and names_a_period(line["period"]) for text in lines]
    return bool(periods) and all(periods)


def prize_laureate(sentence: str) -> str | None:
    """The laureate of the prize that a list's line ``sentence`` names before a colon (:data:`PRIZE_LINE`), read as
    the beneficiary of a grant named after the colon: "Trophée d'or (1er prix, 1 500 €) : l'association X, pour …"
    is X's, "- 2e prix : Club Y, 1 000 €" is Club Y's; None when the line names no prize.

    >>> prize_laureate("- 2e prix : le Collectif des 3 Fontaines, 1 000 €.")
    'Collectif des 3 Fontaines'
    >>> prize_laureate("Trophée d'or (1er prix, 1 500 €) : l'association Les Amis, pour ses marches ;")
    'Les Amis'
    """
    label = PRIZE_LINE.match(sentence)
    if not label:
        return None
    named = "à " + sentence[label.end():].replace("\n", " ").rstrip(" ;.,")
    return beneficiary_in(named, len(named))


#: What says whom an amount goes to, a name (a capital) in the words after it, though the name may not be read: "à
#: l'antenne de Luzech des Restos du Cœur", "à la section Judo du Stade Amandois" (not "à la signature", "au titre de
#: l'action Vélo-école", "valorisée à 300 €").
_TO_SOMEONE_NAMED = re.compile(r"(?:\b(?:à|au|aux)|\ben\s+faveur\s+d(?:e|u|es)|"
                               r"\bau\s+(?:profit|bénéfice)\s+d(?:e|u|es))"
                               r"\s+(?!titre\b|nom\b|lieu\b)(?:[a-zà-ÿ-]+\s+|[ld]['’]\s*){0,6}[A-ZÀ-ÝŒ]")


def unnamed_items(body: str, unnamed: list[tuple[int, int, Decimal]],
                  grants: list[GrantFact]) -> list[tuple[str, str]]:
    """A warning for each item of a granting list (its span in ``body`` and its amount, as :func:`prose_grants` gives
    them) whose amount is no grant for want of a beneficiary read ("– 800 € à l'antenne de Luzech des Restos du
    Cœur ;"): it would else be dropped unsaid. Not for an item that another reader read a grant from (``grants``),
    nor for an item of the report whose amount the decision grants: the report told the decision's grant ahead ("il
    est proposé de soutenir ce projet par : - une subvention de 48 000 €" / "ATTRIBUE à X une subvention de 48 000 €").

    >>> unnamed_items("- 800 € à l'antenne de Luzech ;", [(0, 31, Decimal(800))], [])[0][0]
    "bénéficiaire non lu, aucune subvention n'en est tirée : « - 800 € à l'antenne de Luzech ; »"
    """
    cues = decision_cues(body)
    decision_at = cues[-1] if cues else len(body)
    warnings = []
    for start, end, amount in dict.fromkeys(unnamed):
        if any(start <= g.span[0] < end or g.span[0] <= start < g.span[1] for g in grants) or start < decision_at \
                and any(g.amount == amount and g.span[0] >= decision_at for g in grants):
            continue
        item = re.sub(r"\s+", " ", body[start:end]).strip()
        item = item if len(item) <= 120 else item[:120].rsplit(" ", 1)[0] + "…"
        warnings.append((f"bénéficiaire non lu, aucune subvention n'en est tirée : « {item} »",
                         f"beneficiary not read, no grant read from it: '{item}'"))
    return warnings

#: The authority itself, named by its kind alone ("la Ville", "la Commune", "le Pôle", "le Syndicat mixte"): money it
#: receives, no grant it makes. A body of any kind says "au Pôle", "au Syndicat" for itself; a grant's beneficiary is
#: named.
THE_AUTHORITY_ITSELF = re.compile(r"(?:(?:la|le|l['’])\s*)?(?:Ville|Commune|Mairie|Métropole|Département|Région"
                                   r"|Collectivité|Communauté(?:\s+(?:de\s+communes|d['’]agglomération|urbaine))?"
                                   r"|Pôle(?:\s+(?:métropolitain|territorial|d['’]équilibre))?|PETR|Syndicat"
                                   r"(?:\s+(?:mixte|intercommunal))?|SIVU|SIVOM|Agglo(?:mération)?|Intercommunalité"
                                   r"|EPCI)", re.I)
