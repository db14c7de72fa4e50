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

This module holds the reader's loop over the sentences (:func:`prose_grants`) and the warning for a list's items
whose beneficiary was not read (:func:`unnamed_items`). Whether each amount of a sentence is a grant, and whose, is
:mod:`graph.ingest.delib_prose_reading`'s; the words that tell what an amount is :mod:`graph.ingest.delib_prose_cues`'s,
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
from decimal import Decimal
from functools import lru_cache

from graph.ingest.delib_grants import GrantFact, StatedTotal, names_a_period
from graph.ingest.delib_lists import BLOCK, DATIVE_ITEM, ITEM_START, dative_item, list_sentences
from graph.ingest.delib_prose_cues import PRIZE_LINE, RECALLED
from graph.ingest.delib_prose_lists import follow_lead, is_below_list
from graph.ingest.delib_prose_reading import Reading, SentenceAmounts
from graph.ingest.delib_prose_sentences import TABLE_ROWS, join_civilities
from graph.ingest.delib_prose_totals import OPENS_TOTAL, RULE_LINES


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


def prose_grants(body: str, title_beneficiary: str | None, tables: list[tuple[int, int]] = (),
                 unnamed: list[tuple[int, int, Decimal]] | None = None) -> tuple[list[GrantFact], list[StatedTotal]]:
    """Return the grants and totals stated in sentences (table lines excluded: ``| … |`` rows, and the ``tables``
    aligned with spaces, given by their spans). The spans and amounts of a granting list's items whose amount would
    be a grant but whose beneficiary is not read go to ``unnamed`` (:func:`unnamed_items` warns of them)."""
    cues = decision_cues(body)
    reading = Reading(body, title_beneficiary, tables, unnamed, deciding_from=cues[0] if cues else len(body),
                      decision_at=cues[-1] if cues else len(body))
    sentences = _Sentences(reading)
    for start, sentence in join_civilities(list_sentences(body)):
        sentences.read(start, sentence)
    return reading.grants, reading.totals


class _Sentences:
    """The tables, lists and leads that a deliberation's sentences go through, followed from one sentence to the
    next while each sentence's amounts are read (:class:`graph.ingest.delib_prose_reading.SentenceAmounts`)."""

    def __init__(self, reading: Reading):
        self.reading = reading
        # a lead announces a list of grants (and names their nature); it rules on its items one by one: each item's
        # vote lines, indented below it, are its own
        self.lead, self.lead_nature, self.ruling = False, None, False
        self.after_table = self.after_list = False  # the sentence before was a table's, a list's item that granted
        # the sentence before, and where it ends: a request it states names a proposal's beneficiary
        self.prior = (0, "")

    def read(self, start: int, sentence: str) -> None:
        """Read the sentence of the text that starts at ``start``: its amounts, and what it opens or ends."""
        reading, body = self.reading, self.reading.body
        if rule := RULE_LINES.match(sentence):  # a list's rule above its total: "---------" / "TOTAL …… 4 800 €"
            start, sentence = start + rule.end(), sentence[rule.end():]
        prior, self.prior = self.prior, (start + len(sentence), sentence)
        if sentence.lstrip().startswith("|"):
            self.after_table = True
            # a table's last rows, then the lines below it that no full stop set apart (a roll of the members, the
            # secretary's line, the decision): those lines are read
            rows = TABLE_ROWS.match(sentence)
            if not sentence[rows.end():].strip():
                return
            start, sentence = start + rows.end(), sentence[rows.end():]
        first = start + len(sentence) - len(sentence.lstrip())
        after_table = self.after_table or any(e <= first and not body[e:first].strip() for _, e in reading.tables)
        # "soit un montant total de …", "Total de la 3e répartition : …" just below a table or a list sums it, even
        # a list whose grants were not read (its total then tells that some were missed).
        opens_total = bool(OPENS_TOTAL.match(sentence))
        below_grants = after_table and not _below_schedule(body, first) or self.after_list \
            or is_below_list(body, first)
        sums_table = opens_total and below_grants
        self.after_table = False
        item = bool(ITEM_START.match(sentence) or self.lead and (BLOCK.match(sentence) or DATIVE_ITEM.match(sentence)
                                                                 or dative_item(sentence)
                                                                 or PRIZE_LINE.match(sentence)))
        granted_before, totalled_before = len(reading.grants), len(reading.totals)
        self.lead, self.ruling, self.lead_nature = follow_lead(body, (start, sentence), prior, item, self.after_list,
                                                               (self.lead, self.ruling, self.lead_nature))
        if RECALLED.match(sentence):
            return  # "Pour mémoire, en 2024, le Conseil avait attribué 4 500 € à …": a past grant, recalled
        SentenceAmounts(reading, (start, sentence), prior, item, (self.lead, self.lead_nature),
                        (below_grants, sums_table)).read()
        # a list of grants, not of years ("Exercice 2025 …… 8 000 €"); its sub-total's line leaves the lines below it
        # under the list
        named_here = sum(not names_a_period(g.beneficiary) for g in reading.grants[granted_before:])
        reading.named_count += named_here
        self.after_list = item and self.lead and (named_here > 0
                                                  or self.after_list and len(reading.totals) > totalled_before)


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
