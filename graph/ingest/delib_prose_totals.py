"""The totals that a deliberation's sentences state (:func:`states_total`): "soit un total de …", "Total ……
26 800 €", the sum of the grants set out above, a "soit" that sums the amounts before it in its sentence
(:func:`summed_after`).
"""

from __future__ import annotations

import re
from decimal import Decimal

from graph.ingest.delib_not_grants import RATE_AFTER, YEARLY


#: What members pay the body they belong to, whose total is no grants': "participations statutaires", "cotisations".
_DUES_TOTAL = re.compile(r"\bparticipations?\s+statutaires?\b|\bcotisations?\b|\bcontributions?\s+statutaires?\b",
                         re.I)

#: What says, before an amount, that it is a total: "montant total de", "Total de la 3e répartition :", "TOTAL" alone,
#: "Total" and a word on a list's last line ("Total rapport 14 000 €").
_PROSE_TOTAL = re.compile(r"(?:montant\s+total|^[ \t]*total\b[^.;:\n]{0,40}(?=\s*:)|"
                          r"^[ \t]*total[ \t]+[a-zà-ÿ]+[ \t]*$|d[ée]pense\s+totale|\bun\s+total|soit\s+au\s+total|"
                          r"soit\s+(?:une\s+|un\s+)?(?:somme|montant)\s+global(?:e)?|"
                          r"affectation\s+d['’]un\s+montant|"
                          r"total\s+général|enveloppe\s+(?:globale|totale)|total\b[^.;:\n]{0,30}?s['’][ée]l[eè]ve|"
                          r"s['’][ée]l[eè]vent\s+au\s+total|^\s*total\b[ \t.…]*$)\s*(?:de|:|à)?\s*", re.I)
#: A total whose subject the sentence names at length before its verb: "le montant total des subventions attribuées
#: par la présente délibération s'élève à …", "Le total des subventions attribuées s'élève à …", "Le montant total des
#: aides pour l'exercice 2024 s'élève à …" (a year its only figure: no amount between).
_TOTAL_AMOUNTS_TO = re.compile(r"\b(?:montant\s+total|le\s+total)\b(?:[^.;:\n€\d]|(?<!\d)(?:19|20)\d\d(?!\d))"
                               r"{0,100}?\s"
                               r"(?:s['’][ée]l[eè]ve(?:nt)?|est\s+(?:de|port[ée]\s+à)|atteint)\s+(?:à\s+)?"
                               r"(?:la\s+somme\s+de\s+)?$", re.I)
#: The verb of "l'affectation d'un montant de …" (:data:`_PROSE_TOTAL`), an envelope shared among the grants it names:
#: "d'affecter un montant de 412 000 € sur l'autorisation de programme P412-I-2024 …, pour l'attribution des
#: subventions d'investissement suivantes". A total only when the words after it say so: the authorisation it is
#: drawn on, or the grants that follow ("… suivantes"), as "un montant total de … aux bénéficiaires suivants" does.
_AFFECTED_BEFORE = re.compile(r"\baffecter\s+un\s+montant(?:\s+total)?\s+de\s*$", re.I)
_AFFECTED_AFTER = re.compile(r"\s*,?\s*(?:sur\s+l['’]autorisation\s+d(?:e\s+programme|['’]\s*engagement)\b|"
                             r"[^.;:€\d]{0,150}?\bsuivant(?:e|s|es)?\b)", re.I)
#: A dotted leader that ends the words before an amount: "Total ........ 26 800 €".
_LEADER_END = re.compile(r"[ \t]*(?:\.{3,}|…+)[ \t.…]*$")
#: The sum of the grants set out above, after the decision that grants them: "d'attribuer les subventions ci-dessus,
#: soit 85 500 €", "ATTRIBUE les aides décrites ci-dessus, pour un montant maximal global de 6 050 €".
_SUM_OF_ABOVE = re.compile(r"\b(?:aides|subventions|participations|dotations|bourses)\b[^.;:€\d]{0,60}?"
                           r"\b(?:ci-dessus|ci-avant|susvis[ée]es|pr[ée]cit[ée]es)\s*,?\s*"
                           r"(?:soit|pour\s+un\s+montant(?:\s+(?:maximal|maximum|total|global)){0,2}\s+de)\s*$", re.I)
#: What the sentence just below a list of grants says of their sum, before its amount: "Les crédits, soit
#: 19 550 €, seront inscrits …", "La dépense correspondante, soit …", "ARTICLE 2 La dépense correspondante, d'un
#: montant de …", "Le montant global de ces aides, soit …"; said by the decision ("DIT que la dépense, soit …"),
#: of its year ("DIT que la dépense 2025, soit 14 500 €, sera inscrite …").
_SUMS_ABOVE = re.compile(r"\s*(?:article\s+\d+(?:er)?\s*[:.–—-]?\s*)?(?:(?:dit|pr[ée]cise)\s+que\s+)?"
                         r"(?:les|la|le|l['’])\s*(?:cr[ée]dits?|d[ée]penses?|sommes?|montants?|enveloppes?)"
                         r"(?:\s+(?:correspondant\w*|n[ée]cessaires?|aff[ée]rent\w*|globa\w+|tota\w+))?"
                         r"(?:\s+(?:de\s+l['’]exercice\s+)?(?:19|20)\d\d)?"
                         r"(?:\s+(?:de\s+(?:ces|leurs)|des)\s+(?:aides|subventions|participations|dotations))?\s*,?\s*"
                         r"(?:soit|d['’]un\s+montant(?:\s+total)?\s+de)\s*", re.I)
#: A list's line that a total or a section's sub-total opens, its amount after its words and dot leaders or a colon:
#: "TOTAL DE LA RÉPARTITION ………… 74 730 €", "Sous-total canton de Lamastre ……… 23 050 €" (no other figure before it;
#: not a table's row, "TOTAL | 108 750 €", which the table's reader reads). Below grants only: the "Total sur la durée"
#: of a schedule by year, no grant each, sums the one grant that the decision states with its own total.
_TOTAL_LINE = re.compile(r"[ \t]*(?:sous[- ]?)?total\b[^\n€\d|]*", re.I)
#: A total's line that names the annex whose grants it sums, its amount after: "TOTAL ANNEXE 1 ………… 147 600 €",
#: "Total de l'annexe n° 2 : 27 000 €". Below grants, their total: the annex lists the act's grants, whatever its
#: lines name (a programme's sub-totals above it).
_ANNEX_TOTAL_LINE = re.compile(r"[ \t]*total\b[^\n€\d|]{0,20}?\bannexe[ \t]+(?:n°[ \t]*)?(?:\d{1,2}|[IVX]{1,4})\b"
                               r"[ \t.…:]*", re.I)
#: What a total's own words before its amount say it sums that is no grant: a cost, the expenditure that the grants
#: are computed on ("Total des dépenses éligibles : 265,0 k€", "Coût total des projets : …", "Total de l'assiette").
_COST_TOTAL = re.compile(r"\b(?:d[ée]penses?|co[uû]ts?|travaux)\b[^:;\n€\d]{0,30}?"
                         r"(?:\b(?:[ée]ligibles?|subventionnables?|retenu(?:e|s|es)?|pr[ée]visionnel(?:le)?s?|"
                         r"HT|TTC)\b|"
                         r"\b(?:du|des)\s+(?:projets?|op[ée]rations?|travaux)\b)|"
                         r"\bco[uû]ts?\s+(?:total|totaux|global|globaux)\b|\btotal\s+des\s+co[uû]ts\b|\bassiettes?\b",
                         re.I)
#: The word that makes a cost's words a total's label: "Total des dépenses éligibles", "Coût total des projets".
_TOTAL_WORD = re.compile(r"\btota(?:l|le|ux|les)\b", re.I)
#: A total said after its amount: "La dépense, soit 2 750 € au total, …".
_TOTAL_AFTER = re.compile(r"\s*(?:au\s+total|en\s+tout)\b", re.I)


#: The words of what one beneficiary's item comes to: "…, 600 € par mois pendant 24 mois, soit un montant total de
#: 14 400 €", "…, 400 € par mois pendant 18 mois, pour un montant total de 7 200 €".
ITEM_COMES_TO = re.compile(r"\b(?:soit|pour)\s+(?:un|le)\s+montant\s+total\s+(?:de\s+)?$", re.I)


def item_comes_to(item: str, at: int, amounts: list[tuple[int, int, Decimal]]) -> bool:
    """Whether the amount at ``at`` of a list's ``item`` (one beneficiary's line) is the grant it comes to, not a
    total of several grants: its "soit un montant total de" or "pour un montant total de" follows a rate of the
    grant ("600 € par mois pendant 24 mois") and no other amount of the item, nor a grant's yearly amount and its
    years ("10 000 € par an de 2025 à 2027", whose first year's is the grant read). With no amount before it, it may
    sum the grants above ("- DÉCIDE d'attribuer les subventions ci-dessus, pour un montant total de 8 000 €").

    >>> item = "• M. Hugo CASTELNAU, interne, 600 € par mois pendant 24 mois, soit un montant total de 14 400 € ;"
    >>> item_comes_to(item, 87, [(30, 35, Decimal(600)), (87, 95, Decimal(14400))])
    True
    >>> item_comes_to("• Club A : 1 000 € et 2 000 €, soit un montant total de 3 000 €", 56, [
    ...     (11, 18, Decimal(1000)), (22, 29, Decimal(2000)), (56, 63, Decimal(3000))])
    False
    """
    before = [end for _, end, _ in amounts if end <= at]
    return bool(before and ITEM_COMES_TO.search(item, max(0, at - 40), at)) and all(
        RATE_AFTER.match(item, end) and not ((yearly := YEARLY.match(item, end)) and yearly["first"]) for end in before)


#: The rules drawn across a list or a table, on lines of their own: "   ---------", "=====", "────".
RULE_LINES = re.compile(r"(?:[ \t]*[-=_─━]{3,}[ \t]*\n)+")
#: What opens a sentence that sums the list or table above it: "Soit un total de …", "Total de la 3e répartition : …",
#: "ARTICLE 2 : Le montant total de 12.500,00 € sera imputé …".
OPENS_TOTAL = re.compile(r"\s*(?:article\s+(?:\d+(?:er)?|premier)\s*[:.–—-]?\s*)?"
                         r"(?:soit\b|(?:sous-)?total\b|(?:le\s+)?montant\s+total\b)", re.I)


#: What says that the amount after it sums those before it in its sentence: ", soit", "soit un total de". (Its
#: spaces taken whole: the two runs shared every run of spaces every way, cubic in its length — an indented list.)
_SUMS_BEFORE = re.compile(r"[ \t\n]*+,?[ \t\n]*+soit(?:[ \t\n]+(?:un[ \t\n]+)?(?:montant[ \t\n]+)?total[ \t\n]+de)?"
                          r"[ \t\n]*$", re.I)
#: :data:`_SUMS_BEFORE` for a search from after a character that is no space: it finds the same "soit", trying a run of
#: spaces from its first one only (each try from one of its spaces went through the rest of it: quadratic in a deep
#: indent).
_SUMS_BEFORE_FROM_RUN = re.compile(r"(?<![ \t\n])" + _SUMS_BEFORE.pattern, re.I)


def summed_after(sentence: str, amounts: list[tuple[int, int, Decimal]]) -> dict[int, int]:
    """The amounts of ``sentence`` that a "soit" says are the sum of all the amounts before them in it (two at
    least): "une subvention de 8 000 € pour 2025, de 9 000 € pour 2026 et de 9 500 € pour 2027, soit 26 500 €
    sur la durée de la convention" — by where each starts, with where its "soit" starts.

    >>> from graph.ingest.french import AMOUNT_RE, parse_amount
    >>> text = "de 8 000 € pour 2025, de 9 000 € pour 2026 et de 9 500 € pour 2027, soit 26 500 € sur la durée"
    >>> summed_after(text, [(m.start(), m.end(), parse_amount(m.group(0))) for m in AMOUNT_RE.finditer(text)])
    {73: 66}
    """
    ordered = sorted(amounts)
    sums = {}
    for k, (start, _, amount) in enumerate(ordered):
        since = ordered[k - 1][1] if k else 0
        said = (_SUMS_BEFORE if sentence[since - 1:since] in (" ", "\t", "\n") else _SUMS_BEFORE_FROM_RUN).search(
            sentence, since, start)
        if k >= 2 and said and said.end() == start and amount == sum(a for _, _, a in ordered[:k]):
            sums[start] = said.start()
    return sums


#: What says that an amount sums the years of a yearly grant said just before it (its years between, no other
#: amount): ", soit", ", soit un total de",
#: ", soit au total" ("10 000 € par an pour 2024, 2025 et 2026, soit 30 000 € sur la durée de la convention").
_YEARS_SUMMED = re.compile(r"[^€.;:]{0,80}?,\s*soit(?:\s+au\s+total|\s+(?:un\s+)?(?:montant\s+)?total\s+de)?\s*$",
                           re.I)


#: What says that the amount after it is a year's of the amount before it, its years between: :data:`_YEARS_SUMMED`'s
#: "soit", or a bracket ("18 000 € sur trois ans (6 000 € par an)").
_YEAR_OF = re.compile(r"[^€.;:()]{0,80}?(?P<of>,\s*soit|\()\s*$", re.I)


def sums_years(sentence: str, yearly: tuple[int, Decimal], at: tuple[int, Decimal]) -> bool:
    """Whether the amount at ``at`` (its start, its value) is the yearly grant whose amount ends at ``yearly`` (its
    end, its value) summed over the agreement's years: a "soit" right after that grant's words, a whole number of
    years of it. Neither a grant nor a total of the grants read: only the first year's grant is read, the later
    years are the budgets to come'.

    >>> text = "une subvention de 10 000 € par an pour 2024, 2025 et 2026, soit 30 000 € sur la durée"
    >>> sums_years(text, (26, Decimal(10000)), (63, Decimal(30000)))
    True
    >>> sums_years(text, (26, Decimal(10000)), (63, Decimal(25000)))
    False
    """
    (end, each), (start, amount) = yearly, at
    return amount > each and amount % each == 0 and bool(_YEARS_SUMMED.fullmatch(sentence, end, start))


def spread_over_years(sentence: str, whole: tuple[int, Decimal], each: tuple[int, int, Decimal]) -> bool:
    """Whether the grant's amount ending at ``whole`` (its end, its value) is that of several years, which the amount
    ``each`` (its start, its end, its value) right after it gives a year of: "36 000 € pour les années 2024 et 2025,
    soit 18 000 € par an", "18 000 € sur trois ans (6 000 € par an)": a whole number of years of it (:data:`_YEAR_OF`).
    The yearly amount is the grant, one year's (the later years
    are the budgets to come, as when it is said first: :func:`sums_years`); the whole is neither a grant nor a total.

    >>> text = "une subvention de 36 000 € pour les années 2024 et 2025, soit 18 000 € par an"
    >>> spread_over_years(text, (26, Decimal(36000)), (62, 70, Decimal(18000)))
    True
    >>> spread_over_years(text.replace("par an", "en 2024"), (26, Decimal(36000)), (62, 70, Decimal(18000)))
    False
    """
    return year_said_from(sentence, whole, each) is not None


def year_said_from(sentence: str, whole: tuple[int, Decimal], each: tuple[int, int, Decimal]) -> int | None:
    """Where the words start that give ``each`` as a year of the grant's amount ending at ``whole`` (its ", soit",
    its bracket: :func:`spread_over_years`), or None when it is no year of it. What follows is the year's, no word
    of the whole: "36 000 € sur deux ans, soit 18 000 € par an" says no "soit" of the 36 000 €.

    >>> year_said_from("36 000 € sur deux ans, soit 18 000 € par an", (8, Decimal(36000)), (28, 36, Decimal(18000)))
    21
    """
    (end, amount), (start, each_end, share) = whole, each
    if share is None or amount is None or not amount > share > 0 or amount % share \
            or not YEARLY.match(sentence, each_end):
        return None
    said = _YEAR_OF.fullmatch(sentence, end, start)
    return said.start("of") if said else None


def states_total(sentence: str, at: tuple[int, int], spelled: list[tuple[int, int, int]], sums: dict[int, int],
                 below_grants: bool, of_grants: bool) -> bool:
    """Whether the amount that spans ``at`` in ``sentence`` is a total of grants, no grant: words before it that
    say a total ("Total ……", "soit un montant total de", "les subventions ci-dessus, soit"), a "soit" that sums the
    amounts before it (``sums``, :func:`summed_after`), "les crédits, soit …" below a table, a list or the
    sentences of two grants or more (``below_grants``). ``spelled``: the amounts that the sentence writes in words
    (value, start, end); ``of_grants``: what else says that the total is the grants' (a list's or a table's total
    below it, a list's item, a run of grants before it in its sentence), else its clause must speak of them.

    >>> states_total("Total des subventions : 4 400 €", (23, 30), [], {}, False, False)
    True
    >>> states_total("14 secours d'urgence pour un montant total de 2 380 €", (46, 53), [], {}, False, False)
    False
    >>> states_total("Total des dépenses éligibles : 265 000 €", (31, 40), [], {}, True, True)
    False
    """
    a_start, a_end = at
    # The figures of an amount in words ("un montant total de quatre-vingt-dix-sept mille … euros (97 500 €)")
    # are said by the words before it.
    said_from = next((s for _, s, e in spelled if e <= a_start and not sentence[e:a_start].strip(" (")),
                     a_start)
    # A dotted leader between a label and its amount is no word of it: "Total ………………… 26 800 €".
    words_before = _LEADER_END.sub(" ", sentence[max(0, said_from - 200):said_from])
    total = a_start in sums or _PROSE_TOTAL.search(words_before[-40:]) \
        or _TOTAL_AMOUNTS_TO.search(words_before) or _SUM_OF_ABOVE.search(words_before) \
        or below_grants and _SUMS_ABOVE.fullmatch(sentence[:said_from]) or (
        _TOTAL_AFTER.match(sentence, a_end) and re.search(r"\bsoit\s*$", sentence[max(0, a_start - 12):a_start])) \
        or _AFFECTED_BEFORE.search(words_before) and _AFFECTED_AFTER.match(sentence, a_end) \
        or below_grants and _TOTAL_LINE.fullmatch(sentence, sentence.rfind("\n", 0, said_from) + 1, said_from)
    annex_total = below_grants and _ANNEX_TOTAL_LINE.fullmatch(sentence, sentence.rfind("\n", 0, said_from) + 1,
                                                               said_from)
    # "soit un total de …" just below a list of grants sums that list.
    # A total of grants when its clause speaks of them: "14 secours d'urgence pour un montant total de
    # 2 380 €" sums aid to households, reported, not this deliberation's grants; "verser aux lauréats les dotations
    # ci-dessus, pour un montant total de 3 300 €" sums the prizes.
    # (The label of "Montant total des aides attribuées : 50 800 €" is its clause's, before the colon.)
    head = re.sub(r":\s*$", "", sentence[:a_start])
    clause = sentence[max(head.rfind(":"), head.rfind(";")) + 1:a_end] \
        + re.split(r"[,;:.]|\bet\b", sentence[a_end:], maxsplit=1)[0]
    # (not what members pay the body, "les participations statutaires … pour un total de 96 000 €", nor a total of a
    # cost that its own label names, on its line or in its clause: "Total des dépenses éligibles : 265,0 k€")
    label = head[max(head.rfind(":"), head.rfind(";"), head.rfind("\n")) + 1:]
    if _COST_TOTAL.search(label) and _TOTAL_WORD.search(label):
        return False
    return bool(annex_total or total and not _DUES_TOTAL.search(clause) and (of_grants or re.search(
        r"subvention|crédit|dépense|somme|attribu|\baides?\b|participation|affect(?:ation|er)\b|\bdotations?\b",
        clause, re.I)))
