"""The grants and totals that a deliberation's sentences state (:func:`prose_grants`).

Prose: a sentence where an amount follows a grant word ("une subvention … d'un montant de 20 000 €") or a
granting verb, with its beneficiary ("à X", "au profit de X", "l'association X", else the title's "Subvention à X").
Amounts requested, budgets, co-funders, earlier grants, thresholds ("inférieur ou égal à 5 000 €") and money
received ("titre de recettes") are left out; the same beneficiary named twice (in the report and in the decision)
is one grant, the decision's amount winning, but two different amounts that the decision gives one beneficiary
(an operating and an investment grant) are two grants (:func:`merge_prose`).

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

>>> grants, totals = prose_grants("L'association Les Amis du Vélo sollicite une subvention de 5 000 €. Le Conseil "
...                               "DÉCIDE de lui attribuer une subvention de 2 000 €.", None)
>>> [(g.beneficiary, g.amount) for g in grants]
[('Les Amis du Vélo', Decimal('2000'))]
"""

from __future__ import annotations

import re
from decimal import Decimal

from graph.ingest.delib_antecedents import (_PRONOUN_AFTER, _PRONOUN_BEFORE, _antecedent, _named_by_kind,
                                            _requester, _the_same, _this_association)
from graph.ingest.delib_grant_words import _GRANT_VERB, _GRANT_WORD, _NATURE_WORDS, DECIDED_PAYMENT, GRANT_AFTER
from graph.ingest.delib_grants import _IN_KIND, _PAST, GrantFact, StatedTotal, _nature
from graph.ingest.delib_lists import (_AMOUNT_FIELD, _BLOCK, _BULLET, _DATIVE_ITEM, _ITEM_START, _LEAD, _YEAR_ITEM,
                                      _item_name, _sentences, approved_below, opens_clause, rules_on_grants,
                                      section_heading, subheading)
from graph.ingest.delib_not_grants import (_ANOTHER_AID, _AT_DISPOSAL_OF, _BUDGET_LINE, _BY_EARLIER_ACT, _CLAUSE_VERB,
                                           _COMPUTED, _CONTRACT, _EARLIER, _ENVELOPE, _LOAN, _PAID_BY_OUTSIDER,
                                           _PART_OF, _PAYER_ITEM, _PER_YEAR, _PUT_AT_DISPOSAL, _RATE_AFTER,
                                           _THRESHOLD, _VALUED, _WITHDRAWS, _YEARLY, COLLECTIVITY_FUNDER, FUNDER_ONLY,
                                           _is_part, _requested, _whole_of)
from graph.ingest.delib_recipients import (_NEXT_GRANT, _clean_name, _person_at, _record_head, beneficiary_in,
                                           financed, receiver)
from graph.ingest.french import AMOUNT_RE, find_amounts_in_words, fold, parse_amount


# ("estim…" is an estimate's, "un coût estimé à …", not the noun of "des ateliers d'estime de soi")
_EXCLUDE = re.compile(r"sollicit|demand|budget|\bco[uû]ts?\b|estim(?!e\b)|(?<![ld]['’])estime\b|chiffr|"
                      r"plan\s+de\s+financement|cofinanc|"
                      r"\bavait\b|\bavaient\b|\ba\s+(?:[ée]t[ée]\s+)?(?:attribu|vers|accord|allou)[ée]|"
                      r"pr[ée]c[ée]demment|\bd[ée]j[àa]\b|l['’]an\s+dernier|l['’]année\s+dernière|emplois|\btotal|"
                      r"\bglobale?\s+du\s+projet|"
                      r"\bsoit\b|représent|s['’]élève|\bplafond|\bprix\b|\bloyer|avances?\s+remboursables?|"
                      r"prêts?\s+d['’]honneur|"
                      r"titres?\s+de\s+recettes?|trop[- ]perçu|\breverse(?:r|ment)\b|\b(?:a|ont)\s+perçu|"
                      r"\bne\s+pas\s+(?:verser|attribuer|accorder|allouer|octroyer|reconduire)\b|\brenonc|"
                      r"subventionnable|"
                      # What the statutes of a body the authority belongs to make it pay: "la contribution statutaire
                      # 2025 de 48 000 € (article 6561)", a member's dues, not a grant.
                      r"\b(?:contributions?|participations?|cotisations?)\s+statutaires?\b|"
                      # A grant of the years before, that this one does not renew: "bénéficiait jusqu'ici d'une
                      # subvention de 800 €", "percevait …"; "aucune subvention n'est proposée".
                      r"\bb[ée]n[ée]ficiai(?:t|ent)\b|\bpercevai(?:t|ent)\b|\bjusqu['’](?:ici|alors|à\s+présent)\b|"
                      # What an earlier act said, recalled to be corrected: "la délibération n° … comportait une
                      # erreur : la subvention de X y figurait pour 1 500 €", "mentionnait", "prévoyait".
                      r"\b(?:figur|mentionn|indiqu|comport|pr[ée]voy|fix)ai(?:t|ent)\b|"
                      # The grant it receives year after year, recalled: "perçoit chaque année une subvention de
                      # fonctionnement de la Ville (60 000 € en 2025)", "bénéficie depuis 2019 d'une aide de …".
                      r"\b(?:per[çc]oi(?:t|vent)|re[çc]oi(?:t|vent)|b[ée]n[ée]ficie(?:nt)?)\s+(?:chaque\s+ann[ée]e|"
                      r"annuellement|tous\s+les\s+ans|depuis\s+(?:\d{4}|plusieurs\s+ann[ée]es))\b|"
                      r"\baucune?\s+(?:subvention|aide|participation)", re.I)
#: A prize that the decision awards, its amount a grant to its winner: "d'attribuer le Prix de l'engagement solidaire
#: 2025, d'un montant de 800 €, à Mme X", "décerne un second prix de 500 €" (not a price: "au prix de", "prix réduit").
_PRIZE_RANK = r"(?:(?:premier|1er|second|deuxi[èe]me|2e|troisi[èe]me|3e|grand|seul)\s+)?"
_PRIZE = (r"prix\b(?!\s+(?:pr[ée]f[ée]rentiels?|r[ée]duits?|unitaires?|sp[ée]ciaux|"
          r"de\s+(?:vente|revient|cession|location)))")
_AWARDED_PRIZE = re.compile(r"\b(?:attribu|d[ée]cern|remet|remis)\w*\s+(?:(?:le|un|une|son|ce|les|des|ses|ces)\s+)?"
                            + _PRIZE_RANK + _PRIZE, re.I)
#: A prize awarded in the passive, said after its amount: "Un prix de 1 000 € est attribué à …", "Le Prix de
#: l'engagement, d'un montant de 1 000 €, est décerné à Mme X".
_PRIZE_BEFORE = re.compile(r"\b" + _PRIZE_RANK + _PRIZE + r"[^.;:€]{0,80}$", re.I)
_AWARDED_AFTER = re.compile(r"[^.;:€\d]{0,40}?\b(?:est|sont|sera|seront)\s+(?:attribu|d[ée]cern|remis|accord|octroy|"
                            r"allou)\w*\s+(?:[^.;:€\d]{0,60}?\s)?(?:à|au|aux)\s", re.I)
#: A list's item that is a prize, below a lead that awards: "• le Prix de l'engagement solidaire, d'un montant de …".
_PRIZE_ITEM = re.compile(r"\s*\W?\s*(?:(?:le|un)\s+)?" + _PRIZE_RANK + _PRIZE, re.I)
_DECISION = re.compile(r"apr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]|\bD[ÉE]CIDE\b|\bD[ÉE]LIB[ÈE]RE\b|"
                       r"il\s+est\s+proposé\s+au|"
                       r"En\s+conséquence|ARTICLE\s+1|Article\s+1(?:er)?\s*:", re.I)
#: What members pay the body they belong to, whose total is no grants': "participations statutaires", "cotisations".
_DUES_TOTAL = re.compile(r"\bparticipations?\s+statutaires?\b|\bcotisations?\b|\bcontributions?\s+statutaires?\b",
                         re.I)
#: The vote of a list's item, on the line below it: "Vote : 14 pour, 1 contre", "Adopté à l'unanimité."
_ITEMS_OWN_VOTE = re.compile(r"\s*(?:vote\s*:|adopt[ée]e?s?\b|approuv[ée]e?s?\b)", re.I)
#: A line with no bullet that goes on the list's item above it, the item's own sentence ended: what part of it is for,
#: how it is paid, what it is for ("  dont 300 € au titre de l'action Vélo-école ;", "  soit 30 % du coût ;",
#: "  versée en deux fois ;", "  pour l'organisation du tournoi ;").
_GOES_ON_ITEM = re.compile(r"\s*\(?\s*(?:dont|soit|y\s+compris|hors|pour|au\s+titre|afin|en\s+vue|vers[ée]e?s?|"
                           r"pay[ée]e?s?|destin[ée]e?s?|r[ée]parti(?:e|es|s)?|correspondant)\b", re.I)
#: The word that proposes, grants or keeps an amount right before it, after the amount asked: "demande 3 500 €,
#: proposition 3 000 €", "…, proposition ramenée à 400 €", "…, montant retenu : 250 €".
_PROPOSED_BEFORE = re.compile(r"(?:demand|sollicit)\w*[^€\d\n]{0,20}\d[\d \u00a0\u202f.,]*(?:€|euros?)[ \t]*[,;]?[ \t]*"
                              r"(?P<word>(?:proposition|propos[ée]e?s?|accord[ée]e?s?|attribu[ée]e?s?|retenue?s?|"
                              r"vot[ée]e?s?)\b[^€\d\n]{0,25})$", re.I)
#: What a member pays the body it belongs to, no grant: "verser la cotisation 2025 à l'ADIL, d'un montant de …".
_DUES = re.compile(r"\bcotisations?\b", re.I)
#: What says, after an amount, that it is a member's fee, whatever the amount is called: "verser une participation de
#: 650 € à l'Union départementale des CCAS au titre de l'adhésion 2025".
_MEMBERSHIP = re.compile(r"\bau\s+titre\s+(?:de\s+)?(?:l['’]|son\s+|sa\s+|leur\s+|la\s+)?"
                         r"(?:adh[ée]sion|cotisation)s?\b", re.I)
#: What says, before an amount, that it is a total: "montant total de", "Total de la 3e répartition :", "TOTAL" alone,
#: "Total" and a word on a list's last line ("Total rapport 14 000 €").
_PROSE_TOTAL = re.compile(r"(?:montant\s+total|^[ \t]*total\b[^.;:\n]{0,40}(?=\s*:)|"
                          r"^[ \t]*total[ \t]+[a-zà-ÿ]+[ \t]*$|d[ée]pense\s+totale|\bun\s+total|soit\s+au\s+total|"
                          r"soit\s+(?:une\s+|un\s+)?(?:somme|montant)\s+global(?:e)?|"
                          r"affectation\s+d['’]un\s+montant|"
                          r"total\s+général|enveloppe\s+(?:globale|totale)|total\b[^.;:\n]{0,30}?s['’][ée]l[eè]ve|"
                          r"s['’][ée]l[eè]vent\s+au\s+total|^\s*total\b[ \t.…]*$)\s*(?:de|:|à)?\s*", re.I)
#: A total whose subject the sentence names at length before its verb: "le montant total des subventions attribuées
#: par la présente délibération s'élève à …".
_TOTAL_AMOUNTS_TO = re.compile(r"\bmontant\s+total\b[^.;:\n€\d]{0,100}?\s(?:s['’][ée]l[eè]ve(?:nt)?|est\s+"
                               r"(?:de|port[ée]\s+à)|atteint)\s+(?:à\s+)?(?:la\s+somme\s+de\s+)?$", re.I)
#: A dotted leader that ends the words before an amount: "Total ........ 26 800 €".
_LEADER_END = re.compile(r"[ \t]*(?:\.{3,}|…+)[ \t.…]*$")
#: The sum of the grants set out above, after the decision that grants them: "d'attribuer les subventions ci-dessus,
#: soit 85 500 €".
_SUM_OF_ABOVE = re.compile(r"\b(?:aides|subventions|participations|dotations|bourses)\b[^.;:€\d]{0,60}?"
                           r"\b(?:ci-dessus|ci-avant|susvis[ée]es|pr[ée]cit[ée]es)\s*,?\s*soit\s*$", re.I)
#: What the sentence just below a list of grants says of their sum, before its amount: "Les crédits, soit
#: 19 550 €, seront inscrits …", "La dépense correspondante, soit …", "ARTICLE 2 La dépense correspondante, d'un
#: montant de …".
_SUMS_ABOVE = re.compile(r"\s*(?:article\s+\d+(?:er)?\s*[:.–—-]?\s*)?(?:les|la|le|l['’])\s*(?:cr[ée]dits?|d[ée]penses?|sommes?|montants?|enveloppes?)"
                         r"(?:\s+(?:correspondant\w*|n[ée]cessaires?|aff[ée]rent\w*|globa\w+|tota\w+))?\s*,?\s*"
                         r"(?:soit|d['’]un\s+montant(?:\s+total)?\s+de)\s*", re.I)
#: A total said after its amount: "La dépense, soit 2 750 € au total, …".
_TOTAL_AFTER = re.compile(r"\s*(?:au\s+total|en\s+tout)\b", re.I)


#: The rules drawn across a list or a table, on lines of their own: "   ---------", "=====", "────".
_RULE_LINES = re.compile(r"(?:[ \t]*[-=_─━]{3,}[ \t]*\n)+")
#: What opens a sentence that sums the list or table above it: "Soit un total de …", "Total de la 3e répartition : …",
#: "ARTICLE 2 : Le montant total de 12.500,00 € sera imputé …".
_OPENS_TOTAL = re.compile(r"\s*(?:article\s+(?:\d+(?:er)?|premier)\s*[:.–—-]?\s*)?"
                          r"(?:soit\b|(?:sous-)?total\b|(?:le\s+)?montant\s+total\b)", re.I)
#: A list's item: a bullet, or a number or a letter and a bracket ("1)", "2°", "a)").
_LIST_LINE = re.compile(rf"[ \t]*(?:{_BULLET}|\d{{1,2}}\s*[)°]|[a-z]\))[ \t]*\S")


def _below_list(body: str, at: int) -> bool:
    """Whether the last line with words above offset ``at`` is a list's item, not a year's ("- 2026 : 12 000 €": a
    plan over years, whose total is not the grants').

    >>> _below_list("décide d'allouer :\\n1) à l'association X : 3 500 euros.\\n\\nSoit un total de 3 500 euros.", 55)
    True
    >>> _below_list("- d'attribuer à X une subvention de\\n  1 500 € ;\\n\\nsoit un montant total de 1 500 €.", 49)
    True
    """
    above = body[:at].rstrip()
    line = above[above.rfind("\n") + 1:]
    # An item wrapped over several lines, a paragraph of its own: "- d'attribuer au Réseau X une subvention de …\n
    # convention et le solde (12 000 €) …;" — its first line.
    paragraph = above[above.rfind("\n\n") + 2 if "\n\n" in above else 0:]
    return any(_LIST_LINE.match(line) and not _YEAR_ITEM.match(line) for line in (line, paragraph))


def _section_nature(heading: str) -> str | None:
    """The nature that a list's section heading names: "A – Investissement (compte 204182) :" → investment."""
    words = re.findall(r"\b(fonctionnement|investissement|equipement|exceptionnelles?)\b", fold(heading))
    return _NATURE_WORDS.get(words[0].rstrip("s")) if len(set(words)) == 1 else None


#: Where one sentence passes to a second grant to the same beneficiary: "une subvention de fonctionnement de 3 000 €
#: | et une subvention en nature, … valorisée à 1 840 €".
_AND_ANOTHER_GRANT = re.compile(r"\s+et\s+(?=une?\s+(?:subventions?|aides?|participations?|contributions?|avantages?"
                                r"|soutiens?|concours)\b)", re.I)


#: A sentence that recalls, for the record, what was granted before: "Pour mémoire, en 2024, le Conseil avait
#: attribué 4 500 € à …", "Pour rappel, la subvention 2024 s'élevait à …", "Rappel : en 2024, 1 200 € avaient été
#: versés". Its amounts are no grant of this act; a sentence that only opens so ("Pour information, le Conseil
#: attribue …") still grants.
_RECALLED = re.compile(r"[ \t]*(?:pour\s+(?:m[ée]moire|rappel|information|comparaison)|rappel\s*:|"
                       r"[àa]\s+titre\s+(?:indicatif|de\s+comparaison|d['’]information))"
                       r"(?=[^.]*?(?:\bavai(?:t|ent)\b|"
                       r"\b(?:19|20)\d\d\b[^.]*?\b(?:[ée]tai(?:t|ent)|s['’][ée]levai(?:t|ent)|"
                       r"a\s+(?:[ée]t[ée]\s+)?(?:attribu|vers|accord|allou)|ont\s+[ée]t[ée]|re[çc]u)|"
                       r"\b(?:l['’]an(?:n[ée]e)?\s+(?:derni[èe]re?|pass[ée]e?|pr[ée]c[ée]dente?)|"
                       r"pr[ée]c[ée]demment)\b))",
                       re.I)


def _clause_nature(sentence: str, anchor: int) -> str | None:
    """The nature of the grant at ``anchor``: its own clause's when the sentence grants several and that clause
    names its grant ("… au centre social X une subvention de fonctionnement de 6 500 €, et au comité Y une
    subvention de 1 200 €": the second states none), else the sentence's."""
    passes = (_NEXT_GRANT, _AND_ANOTHER_GRANT)
    clause_start = max((m.end() for p in passes for m in p.finditer(sentence, 0, anchor)), default=0)
    following = min(filter(None, (p.search(sentence, anchor) for p in passes)), key=lambda m: m.start(), default=None)
    clause = sentence[clause_start:following.start() if following else len(sentence)]
    several = clause_start > 0 or following is not None
    return _nature(clause) if several and _GRANT_WORD.search(clause) else _nature(sentence)


#: A fiscal year as a grant's clause names it: "au titre de 2025", "au titre de l'exercice 2025", "pour l'année 2025".
#: An advance on a grant of a year to come: "une avance de 20 000 € sur la subvention 2026".
_CLAUSE_YEAR = re.compile(r"(?:\bau\s+titre\s+(?:de\s+)?(?:l['’](?:ann[ée]e|exercice)\s+)?|\bpour\s+l['’]ann[ée]e\s+|"
                          r"\bexercice\s+|\bsur\s+(?:la\s+|sa\s+|leur\s+)?subvention\s+(?:de\s+l['’](?:ann[ée]e|exercice)\s+)?)"
                          r"(?P<y>(?:19|20)\d\d)\b", re.I)


def _clause_year(sentence: str, anchor: int) -> int | None:
    """The fiscal year that the clause of the amount at ``anchor`` names, when it names one: a list's items may
    each name theirs ("1. … 2 500 € à l'Office … au titre de 2024 ; 2. … 18 200 € à … au titre de 2025").

    >>> _clause_year("ATTRIBUE une subvention de 18 200 € à l'association Accords Majeurs au titre de 2025.", 30)
    2025
    >>> _clause_year("DÉCIDE de verser au Centre X une avance de 20 000 € sur la subvention 2026 ;", 40)
    2026
    """
    passes = (_NEXT_GRANT, _AND_ANOTHER_GRANT)
    clause_start = max((m.end() for p in passes for m in p.finditer(sentence, 0, anchor)), default=0)
    following = min(filter(None, (p.search(sentence, anchor) for p in passes)), key=lambda m: m.start(), default=None)
    match = _CLAUSE_YEAR.search(sentence, clause_start, following.start() if following else len(sentence))
    return int(match.group("y")) if match else None


#: The year said right after a grant's amount: "une subvention de 2 000 € en 2025 et 3 000 € en 2026", "de 8 000 €
#: pour 2025, de 9 000 € pour 2026", "900 € pour l'exercice 2026".
#: A bare year after "pour" ends its clause, lest a count be read as one: not "3 000 € pour 2000 participants".
_YEAR_AFTER = re.compile(r"[ \t]+(?:en|pour[ \t]+l['’](?:ann[ée]e|exercice)|pour(?=[ \t]+\d{4}[ \t]*(?:[,;.)]|et\b|$)))"
                         r"[ \t]+(?P<y>(?:19|20)\d\d)\b(?![-/]\d)")


def _year_after(sentence: str, end: int) -> int | None:
    """The fiscal year that the words right after the amount ending at ``end`` name.

    >>> _year_after("une subvention de 2 000 € en 2025 et 3 000 € en 2026.", 44)
    2026
    >>> _year_after("de 8 000 € pour 2025, de 9 000 € pour 2026 et de 9 500 € pour 2027", 32)
    2026
    >>> _year_after("une aide de 3 000 € pour 2000 participants", 19) is None
    True
    """
    match = _YEAR_AFTER.match(sentence, end)
    return int(match.group("y")) if match else None


#: A grant amended: "porte de 5 000 € à 7 000 € la subvention …", "ramène … de 4 000 € à 2 500 €" — the amount it
#: was, then the amount it is; each may say its year ("portée de 2 000 € en 2024 à 2 600 € en 2025").
_AMENDED_YEAR = r"(?:,?\s+(?:en|pour)\s+(?:19|20)\d\d,?)?"
_AMENDED_FROM = re.compile(_AMENDED_YEAR + r"\s+à\s+(?=" + AMOUNT_RE.pattern + ")", re.I)
_AMENDED_TO = re.compile(r"\bde\s+" + AMOUNT_RE.pattern + _AMENDED_YEAR + r"\s+à\s+$", re.I)
#: The total a grant brings a beneficiary's to, said after the grant: "une subvention complémentaire de 12 000 €,
#: portant la subvention 2025 à 52 000 €", "…, ce qui porte son aide totale à 52 000 €" (not a second grant).
_BRINGING_TO = re.compile(r"\b(?:portant|ramenant|(?:ce\s+qui|qui)\s+(?:porte|ramène)(?:ra|rait)?)\b"
                          r"[^.;:]{0,80}?\bà\s*$", re.I)
#: A grant undone: "annule la subvention de 1 500 € attribuée à …", "retire l'aide …".
#: A grant declared lapsed is undone too: "de constater la caducité de la subvention de 6 200 € attribuée en 2021".
_CANCEL = re.compile(r"(?:\b(?:annul|retir|abrog|supprim)\w*|\bcaducit[ée]\s+de|\bcaduques?)\s+"
                     r"(?:la|les|cette|ces|l['’])\s*(?:subventions?|aides?|participations?|attributions?|"
                     r"dotations?)\b", re.I)
#: A grant undone, said after it: "La subvention de 3 000 euros accordée en 2024 à X est annulée", "… est devenue
#: caduque".
_CANCELLED_AFTER = re.compile(r"[^.;]*?\b(?:est|sont|sera|seront)\s+(?:(?:donc|ainsi|devenue?s?|déclarée?s?)\s+)*"
                              r"(?:annulée?s?|retirée?s?|abrogée?s?|supprimée?s?|caduques?)\b", re.I)
#: A grant's nature in brackets after its amount: "45 K€ (fonctionnement)", or after "en".
_NATURE_AFTER = re.compile(r"\s*(?:\(\s*(fonctionnement|investissement|équipement|exceptionnelles?)\s*\)"
                           # "1 500 € en fonctionnement et 500 € en investissement"
                           r"|en\s+(fonctionnement|investissement)\b)", re.I)

#: What says that an amount is a difference between two years' grants: "500 € de plus qu'en 2023", "de moins par
#: rapport à …", "d'augmentation", "de hausse".
_DIFFERENCE = (r"\s*(?:HT|TTC)?\s*(?:de\s+(?:plus|moins)\s+(?:qu|par\s+rapport)|d['’](?:augmentation|écart)|"
               r"de\s+(?:hausse|baisse|différence))")
#: An amount computed from others: "40 % d'une dépense de 250 000 € HT, soit 100 000 €", "58 élèves × 35 € × 5 jours
#: = 10 150 €". The result is the grant; its operands are not.
_OPERAND_AFTER = re.compile(r"\s*(?:HT|TTC)?\s*(?:[×*]|x(?=\s))\s*\d|\s*(?:HT|TTC)?\s*,?\s*soit\s+(?="
                            + AMOUNT_RE.pattern + r"(?!" + _DIFFERENCE + r"))"
                            r"|\s*(?:HT|TTC)?\s*,?\s*(?:au\s+)?taux\s+(?:de\s+)?"
                            r"\d+(?:[,.]\d+)?\s*%\s*,?\s*soit\b", re.I)
#: A computed result named as the aid it is: "dépense subventionnable 24 000 € HT, taux 30 %, soit une aide de
#: 7 200 €". The words of the grant are those after "soit"; the cost's before it are its operands'.
_NAMED_RESULT = re.compile(r"(?:=|\bsoit)\s+(?=(?:(?:une?|la|le|l['’])\s*)?(?:aides?|subventions?|participations?|"
                           r"contributions?|dotations?|allocations?|bourses?|fonds\s+de\s+concours|soutiens?)\b"
                           r"[^.;:€\d]{0,50}$)", re.I)
#: A grant proposed to no one the clause names: "il est proposé une aide de", "il est proposé d'accorder une
#: subvention de" — to the subject of the clause before it.
_PROPOSED_TO_NO_ONE = re.compile(r"\bil\s+est\s+propos[ée]\s+(?:d['’](?:attribuer|accorder|allouer|octroyer|verser)"
                                 r"\s+)?(?:une?|la)\s+(?:aide|subvention|participation|soutien|contribution)"
                                 r"[^.;:€\d]{0,40}$", re.I)
#: A granting verb, in a past tense when an auxiliary opens it ("a attribué", "avait été versée", "ont accordé").
_GRANTING = re.compile(r"\b(?P<aux>(?:avait|avaient|a|ont)\s+(?:[ée]t[ée]\s+)?)?"
                       r"(?:(?:attribu|accord|allou|octroy)\w*|vers(?:er|e|ent|é|ée|és|ées|ement)\b)", re.I)


def _granted_before(clause: str) -> bool:
    """Whether the last granting verb of the clause before an amount says a grant made before, not this one's: "le
    Conseil municipal a attribué à l'association X une subvention de fonctionnement de" (however far from the amount).

    >>> _granted_before("le Conseil a attribué à l'association X une subvention de fonctionnement de ")
    True
    >>> _granted_before("le Département a accordé 5 000 €, la commune décide d'attribuer ")
    False
    """
    last = None
    for last in _GRANTING.finditer(clause):
        pass
    return last is not None and last["aux"] is not None


#: A beneficiary's request told in an aside between commas: ", qui avait sollicité 3 000 €,".
_REQUEST_ASIDE = re.compile(r",\s*qui\s+(?:avait|avaient|a|ont)\s+(?:sollicit|demand)[ée]+[^,;]*,", re.I)
#: A grant's amount set before the grant is named: "fixe à 68 500 € le montant de la subvention allouée à X", or
#: amended so, the amount it had unsaid: "RAMÈNE à 1 250 € la subvention attribuée à X", "porte à 12 000 € la …".
_SET_AT = re.compile(r"\b(?:(?:fix|arr[êe]t|port|ram[èe]n)(?:e|ent|er)|r[ée]dui(?:t|sent|re)"
                     r"|maint(?:enir|ient|iennent))\s+"
                     r"(?:à|au\s+montant\s+de)\s*$", re.I)
_SET_GRANT = re.compile(r"\s*(?:le\s+montant\s+(?:de\s+la|du|des|de\s+l['’])\s*|(?:la|les|l['’])\s*)(?:"
                        + _GRANT_WORD.pattern + ")", re.I)
#: Where the grant is charged, said right after its amount: "1 000 € (budget 2025, article 6574)", "400 €, imputée
#: au budget 2025" — the budget that pays it, not a project's budget.
_CHARGED_AFTER = re.compile(r"\s*(?:\(|,\s*(?:imput|inscrit|prélev)\w*\s+(?:au|sur\s+le|à\s+l['’])\s*)\s*"
                            r"(?:budget\s+(?:(?:primitif|principal|communal|annexe|supplémentaire)\s+)*"
                            r"(?:(?:19|20)\d\d\b|,)|article\b|compte\b|chapitre\b|imputation\b|BP\s)", re.I)
#: What says, after a grant's amount, what share it is of a cost: "18 600 € HT, soit 30 % d'une dépense de 62 000 €
#: HT", "… au Club, représentant 20 % du coût". The cost's words are not the grant's.
_SHARE_AFTER = re.compile(r"(?:soit|représentant|correspondant\s+à)\s+(?:un\s+taux\s+de\s+)?\d+(?:[,.]\d+)?\s*"
                          r"(?:%|pour\s*cent\b)", re.I)
#: A base amount raised (or cut) by a rate, said after it in its clause: "une subvention de 6 000 € majorée de 10 %,
#: soit 6 600 €", "La subvention habituelle de 6 000 € à l'association X est proposée majorée de 10 %". What the grant
#: is computed from, not the grant.
_RAISED_AFTER = re.compile(r"[^.;:\d€]{0,80}?\b(?:major|augment|minor)(?:é|ée|és|ées|e|ee)\s+de\s+\d+(?:[,.]\d+)?\s*"
                           r"(?:%|pour\s*cent\b)", re.I)
#: An amount that the next one replaces: "1 200 € ramenés à 900 €", "5 000 €, porté à 7 000 €", "réduite à".
_CHANGED_TO_AFTER = re.compile(r"\s*(?:HT|TTC)?\s*,?\s*(?:ramen|port|rédui|redui|abaiss|relev)(?:é|ée|és|ées|e|ee)"
                               r"\s+à\s+(?=\d)", re.I)
#: A ceiling said before an amount: "plafonnée à", "dans la limite de", "avec un plafond de".
_CEILING_BEFORE = re.compile(r"(?:plafonn[ée]e?s?\s+à|dans\s+la\s+limite\s+(?:de|d['’]un\s+montant\s+de)|"
                             r"(?:avec\s+un|dans\s+un|sous\s+un)\s+plafond\s+de|limit[ée]e?s?\s+à)\s*$", re.I)
_OPERAND_BEFORE = re.compile(r"(?:[×*]|(?<=\s)x)\s*$")
#: An amount that compares the grant with another year's, no grant itself: "1 500 €, en hausse de 500 € par rapport à
#: 2023", "(contre 1 000 € en 2023)", "soit 500 € de plus qu'en 2023".
_COMPARED_BEFORE = re.compile(r"(?:\ben\s+(?:hausse|baisse|augmentation|diminution|progression|recul)\s+de|"
                              r"\bsoit\s+une?\s+(?:hausse|baisse|augmentation|diminution|progression)\s+de|"
                              r"\bcontre|\bau\s+lieu\s+de|\bcompar[ée]e?s?\s+aux?)\s*$", re.I)
_COMPARED_AFTER = re.compile(_DIFFERENCE, re.I)
#: The comparison that follows a grant's amount, whose "soit" gives no computed result: "1 500 €, soit 500 € de plus
#: qu'en 2023", "1 500 €, soit une augmentation de 500 €".
_COMPARISON_FOLLOWS = re.compile(r"\s*(?:HT|TTC)?\s*,?\s*soit\s+(?:une?\s+(?:hausse|baisse|augmentation|diminution|"
                                 r"progression)\s+de\s+\d|(?=" + AMOUNT_RE.pattern + _DIFFERENCE + r"))", re.I)
_RESULT_BEFORE = re.compile(r"(?:=|,?\s*soit)\s*$")
#: An amount that a line break parts from its currency: "… : 4 200" / "€ ;".
_WRAPPED_AMOUNT = re.compile(r"(?<![\d,.])(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,\d{1,2})?[ \t\u00a0]*\n[ \t]*"
                             r"(?:€|euros?\b|EUR\b)", re.I)


#: What may come between an amount and the bracket that says more of it: "1 200 € (…)", "18 600 € HT (…)".
_ASIDE_OPENS = re.compile(r"[ \t]*(?:HT|TTC)?[ \t]*\(")


def _aside_after(sentence: str, end: int, amounts: list[tuple[int, int, Decimal]]) -> bool:
    """Whether brackets open right after the amount ending at ``end`` and hold amounts of their own: they speak of a
    cost, a past year, a breakdown ("1 200 € (coût du projet : 10 000 €, …)"), and their words are not the amount's.

    >>> text = "– Club A : 1 200 € (coût du projet : 10 000 €) ;"
    >>> _aside_after(text, 18, [(11, 18, 0), (36, 44, 0)]), _aside_after("– Club A : 900 € (fonctionnement)", 16, [])
    (True, False)
    """
    opens = _ASIDE_OPENS.match(sentence, end)
    if opens is None:
        return False
    closes = sentence.find(")", opens.end())
    return any(opens.end() <= s < (closes if closes >= 0 else len(sentence)) for s, _, _ in amounts)


def _in_aside_of(sentence: str, at: int, grants_at: dict[int, int]) -> bool:
    """Whether the amount at ``at`` is inside brackets that open right after a grant's amount (``grants_at``: where
    the sentence's grants read so far start, and where their amounts end): it is said of that grant — a past year's
    ("1 200 € (1 000 € en 2024)"), the project's cost and funding ("1 200 € (coût du projet : 10 000 €, participation
    des familles : 1 500 €)") — and is no grant of its own.

    >>> text = "– Club A : 1 200 € (1 000 € en 2024) ;"
    >>> _in_aside_of(text, 20, {11: 18}), _in_aside_of(text, 20, {})
    (True, False)
    """
    opened = sentence.rfind("(", 0, at)
    if opened < 0 or ")" in sentence[opened:at]:
        return False
    return any(end <= opened and (opens := _ASIDE_OPENS.match(sentence, end)) and opens.end() == opened + 1
               for end in grants_at.values())


#: What opens a grant's purpose after its amount: "pour l'organisation de …", "dans le cadre du …", "afin de …".
_PURPOSE = re.compile(r"(?:dans\s+le\s+cadre\s+(?:de\s+la|du|de\s+l['’]|des|de)|pour\s+(?:la|les|le|l['’])|"
                      r"afin\s+de|au\s+titre\s+(?:de\s+la|du|de\s+l['’]|des))\s*(?P<p>[^;\n]+)", re.I)


def _purpose(sentence: str, after: int, name: str | None = None) -> str | None:
    """What the grant whose amount ends at ``after`` is for: the words after its "pour la …", "dans le cadre de …".
    A "pour" inside the beneficiary's ``name`` as read ("à la Ligue pour la protection des oiseaux") is the name's,
    not a purpose: the purpose is looked for after the name.

    >>> _purpose("500 € à la Ligue pour la protection des oiseaux.", 5, "Ligue pour la protection des oiseaux")
    >>> _purpose("800 € à l'association X pour l'organisation de la fête.", 5, "X")
    'organisation de la fête'
    """
    match = _PURPOSE.search(sentence, after)
    if not match:
        return None
    if (named := _name_around(sentence, after, match.start(), name)) is not None:
        return _purpose(sentence, named, name)
    text = re.split(r"\s*(?:;|\.\s|\.$| et\s+(?:autorise|approuve))", match.group("p"))[0].strip()
    if len(text) <= 5 or re.fullmatch(r"(?:l['’])?(?:ann[ée]e|exercice)\s+\d{4}|\d{4}", text):
        return None
    return text


def _name_around(sentence: str, after: int, at: int, name: str | None) -> int | None:
    """Where ``name``, written after ``after``, ends when it holds the words at ``at`` ("Fédération de l'Aude pour la
    pêche …" holds its "pour la"), its spacing and apostrophes as the sentence writes them.

    >>> _name_around("500 € à la Ligue pour  la protection des oiseaux.", 5, 17, "Ligue pour la protection des oiseaux")
    48
    """
    if not name:
        return None
    words = ("['’]".join(map(re.escape, re.split(r"['’]", word))) for word in name.split())
    return next((m.end() for m in re.compile(r"\s+".join(words), re.I).finditer(sentence, after)
                 if m.start() < at < m.end()), None)


def _yearly_grant(sentence: str, at: int, end: int, amounts: list[tuple[int, int, Decimal]]) -> re.Match | None:
    """The words after the amount at ``at`` (ending at ``end``) that make it a grant's yearly amount ("une subvention
    de 10 000 € par an de 2025 à 2027"): a grant's word or verb opens its clause and no amount before it in that
    clause gives the grant whole ("30 000 € sur trois ans (10 000 € par an)").

    >>> _yearly_grant("attribue à X une subvention de 10 000 € par an de 2025 à 2027", 31, 39, []).group("first")
    '2025'
    """
    clause_start = max((m.end() for m in _NEXT_GRANT.finditer(sentence, 0, at)), default=0)
    said = sentence[clause_start:at]
    if not (_GRANT_WORD.search(said) or _GRANT_VERB.search(said)) or any(clause_start <= s < at for s, _, _ in amounts):
        return None
    return _YEARLY.match(sentence, end)


def _verb_opens_clause(sentence: str, at: int, amounts: list[tuple[int, int, Decimal]]) -> bool:
    """Whether a granting verb opens the clause of the amount at ``at``, however far before it, no other amount
    between: "d'allouer à l'association X, pour les permanences de son unité mobile dans les villages de …, une
    aide de 4 200 euros" (an aside longer than the words read before an amount).

    >>> _verb_opens_clause("DÉCIDE d'allouer à l'association X, pour " + "ses permanences, " * 9
    ...                    + "une aide de 4 200 €", 200, [])
    True
    """
    clause_start = max((m.end() for m in _NEXT_GRANT.finditer(sentence, 0, at)), default=0)
    verb = _CLAUSE_VERB.search(sentence, clause_start, at)
    return bool(verb) and not any(verb.end() <= s < at for s, _, _ in amounts)


#: What follows an amount given to someone: "650 € à l'ADMR", "400 € au Secours populaire".
_TO_SOMEONE = re.compile(r"\s*(?:à|au|aux)\s")
#: What parts two items of one run of grants: a comma, or "et".
_NEXT_ITEM = re.compile(r"[^;:.()]*(?:,|\bet\b)[^;:.()]*")


def _goes_on_amounts_to(flat: str, at: int, end: int, read_at: dict) -> bool:
    """Whether the amount at ``at`` goes on a run of grants that its sentence gives amount first, its verb far
    before it: "décide de verser : 650 € à l'ADMR, 400 € à la Banque alimentaire, …, 150 € à X et 120 € à Y" — the
    grant before it read, only a name and a comma or "et" between, and it goes to someone too.

    >>> run = "verser : 650 € à X et 120 € à Y"
    >>> _goes_on_amounts_to(run, run.index("120"), run.index("120") + 5, {run.index("650"): None})
    True
    >>> other = "verser : 650 € à X ; le coût de 120 € à sa charge"
    >>> _goes_on_amounts_to(other, other.index("120"), other.index("120") + 5, {other.index("650"): None})
    False
    """
    last = max((start for start in read_at if start < at), default=None)
    if last is None or not _TO_SOMEONE.match(flat, end):
        return False
    gap = flat[flat.find("€", last, at) + 1 if "€" in flat[last:at] else last:at]
    return bool(_TO_SOMEONE.match(gap)) and _NEXT_ITEM.fullmatch(gap) is not None


def _cut_before(body: str, start: int) -> str:
    """The words of the sentence that the one at ``start`` goes on, when a dot inside a token cut it there: "VU la
    délibération n° 24CP." then "0733 du 18 octobre 2024 attribuant …" (else nothing), on one line.

    >>> _cut_before("Titre.\\nVU la délibération n° 24CP.0733 du 18 octobre", 34)
    'VU la délibération n° 24CP.'
    """
    if start == 0 or body[start - 1] != "." or not body[start:start + 1].isalnum():
        return ""
    above = body[max(0, start - 300):start]
    ends = [m.end() for m in re.finditer(r"[.;:](?=\s)|\n[ \t]*\n", above)]
    return above[max(ends, default=0):].lstrip().replace("\n", " ")


#: A civility's dot at a sentence's end, whom a grant goes to: "… une bourse de 4 800 € à M." then " Yassine X, …".
_CIVILITY_END = re.compile(r"(?:\bà|\bau|\bde|\bpour|\bfaveur\s+de)\s+(?:M|MM|Dr|Pr)\.$")


def _civilities_joined(sentences):
    """The sentences, one that gives an amount and that a civility's dot ends joined to the next: "une bourse de
    4 800 € à M. Yassine X" is one sentence (a list of members, "M. X, Mme Y, M. Z", is left as it is).

    >>> list(_civilities_joined([(0, "Une bourse de 500 € à M."), (24, " Yassine X, interne.")]))
    [(0, 'Une bourse de 500 € à M. Yassine X, interne.')]
    """
    held = None
    for start, sentence in sentences:
        if held is not None and held[0] + len(held[1]) == start:
            start, sentence, joined = held[0], held[1] + sentence, True
        else:
            if held is not None:
                yield held
            joined = False
        held = None
        if not joined and _CIVILITY_END.search(sentence) and AMOUNT_RE.search(sentence):
            held = (start, sentence)
        else:
            yield start, sentence
    if held is not None:
        yield held


#: The rows of a table with rules that open a sentence: "| AURIOL Marc | X |  |\n| BESSE Nadine | X |  |\n".
_TABLE_ROWS = re.compile(r"(?:[ \t]*\|[^\n]*(?:\n|$))+")


def prose_grants(body: str, title_beneficiary: str | None, tables: list[tuple[int, int]] = (),
                 unnamed: list[tuple[int, int, Decimal]] | None = None) -> tuple[list[GrantFact], list[StatedTotal]]:
    """Return the grants and totals stated in sentences (table lines excluded: ``| … |`` rows, and the ``tables``
    aligned with spaces, given by their spans). The spans and amounts of a granting list's items whose amount would
    be a grant but whose beneficiary is not read go to ``unnamed`` (:func:`unnamed_items` warns of them)."""
    decision_at = max((m.start() for m in _DECISION.finditer(body)), default=len(body))
    # where the decision's words begin: its clauses may each open with "DÉCIDE", the last of which is decision_at
    deciding_from = min((m.start() for m in _DECISION.finditer(body)), default=len(body))
    grants, totals, lead, lead_nature, after_table, after_list = [], [], False, None, False, False
    ruling = False  # the lead rules on its items one by one: each item's vote lines, indented below it, are its own
    prior = (0, "")  # the sentence before, and where it ends: a request it states names a proposal's beneficiary
    recalled: set[str] = set()  # the beneficiaries of the grants that earlier acts made, as the text recalls them
    for start, sentence in _civilities_joined(_sentences(body)):
        if rule := _RULE_LINES.match(sentence):  # a list's rule above its total: "---------" / "TOTAL …… 4 800 €"
            start, sentence = start + rule.end(), sentence[rule.end():]
        prior, (prior_end, prior_sentence) = (start + len(sentence), sentence), prior
        if sentence.lstrip().startswith("|"):
            after_table = True
            # a table's last rows, then the lines below it that no full stop set apart (a roll of the members, the
            # secretary's line, the decision): those lines are read
            rows = _TABLE_ROWS.match(sentence)
            if not sentence[rows.end():].strip():
                continue
            start, sentence = start + rows.end(), sentence[rows.end():]
        first = start + len(sentence) - len(sentence.lstrip())
        after_table = after_table or any(e <= first and not body[e:first].strip() for _, e in tables)
        # "soit un montant total de …", "Total de la 3e répartition : …" just below a table or a list sums it, even
        # a list whose grants were not read (its total then tells that some were missed).
        opens_total = bool(_OPENS_TOTAL.match(sentence))
        below_grants = after_table or after_list or _below_list(body, first)
        sums_table = opens_total and below_grants
        after_table = False
        item = bool(_ITEM_START.match(sentence) or lead and (_BLOCK.match(sentence) or _DATIVE_ITEM.match(sentence)))
        granted_before = len(grants)
        flat = sentence.replace("\n", " ")  # a PDF's lines cut names and purposes: read across them
        if lead and section_heading(sentence):
            lead_nature = _section_nature(sentence) or lead_nature  # "B – Fonctionnement (compte 6574) :"
        elif sentence.rstrip().endswith(":"):
            lead = bool(_GRANT_WORD.search(sentence) or _GRANT_VERB.search(sentence) or _LEAD.search(sentence)
                        or approved_below(body, start + len(sentence), sentence)
                        or rules_on_grants(body, start + len(sentence), sentence)) \
                and not _PAST.search(sentence)
            ruling = lead and rules_on_grants(body, start + len(sentence), sentence)
            lead_nature = _nature(sentence)  # "les subventions de fonctionnement suivantes :", for its items
        elif lead and subheading(body, start, sentence):
            pass  # "Canton de Lodève" above some of the lead's items: they are the lead's still
        elif item and not lead and _ITEM_START.match(sentence) and not _ITEM_START.match(prior_sentence) \
                and (approved_below(body, start + len(sentence), prior_sentence)
                     or _ITEMS_OWN_VOTE.match(body, start + len(sentence))):
            # a list that no colon announces, granted below ("attribuer les subventions ci-dessus"), or each of
            # its items put to the vote ("X : demande 3 500 €, proposition 3 000 €." / "Vote : 17 voix pour.")
            lead = True
        elif lead and ruling and not item and sentence[:1] in " \t":
            pass  # "   Adopté par 25 voix pour, 2 abstentions." indented below an item: the next items are the lead's
        elif lead and not item and after_list and _ITEMS_OWN_VOTE.match(sentence):
            pass  # "Vote : 17 voix pour, unanimité." below an item that was read: each item put to the vote
        elif lead and not item and after_list and _GOES_ON_ITEM.match(sentence) and "\n\n" not in body[prior_end:start]:
            pass  # "  dont 300 € au titre de l'action X ;" right below an item read: the next items are the lead's
        elif not item or opens_clause(sentence):  # "- d'approuver la cotisation …" below a table's lead
            lead = ruling = False
        if _RECALLED.match(sentence):
            continue  # "Pour mémoire, en 2024, le Conseil avait attribué 4 500 € à …": a past grant, recalled
        amounts = [(m.start(), m.end(), parse_amount(m.group(0))) for m in AMOUNT_RE.finditer(sentence)]
        amounts += [(m.start(), m.end(), parse_amount(m.group(0).replace("\n", " ")))
                    for m in _WRAPPED_AMOUNT.finditer(sentence)]
        spelled = find_amounts_in_words(sentence)
        words = [(s, e, Decimal(v)) for v, s, e in spelled if not any(abs(s - a) < 60 for a, _, _ in amounts)]
        parts: set[int] = set()  # where the sentence's instalments and shares of a grant start
        read_at: dict[int, GrantFact] = {}  # the sentence's grants, by where their amounts start
        sums = summed_after(sentence, amounts + words)
        for a_start, a_end, amount in amounts + words:
            if any(s <= start + a_start < e for s, e in tables) or not amount:
                continue  # a table's amount; "0 €" grants nothing
            before = sentence[max(0, a_start - 120):a_start]
            if _is_part(sentence, a_start, [(s, e) for s, e, _ in amounts + words], parts):
                parts.add(a_start)
            # The figures of an amount in words ("un montant total de quatre-vingt-dix-sept mille … euros (97 500 €)")
            # are said by the words before it.
            said_from = next((s for _, s, e in spelled if e <= a_start and not sentence[e:a_start].strip(" (")),
                             a_start)
            # A dotted leader between a label and its amount is no word of it: "Total ………………… 26 800 €".
            words_before = _LEADER_END.sub(" ", sentence[max(0, said_from - 200):said_from])
            total = a_start in sums or _PROSE_TOTAL.search(words_before[-40:]) \
                or _TOTAL_AMOUNTS_TO.search(words_before) or _SUM_OF_ABOVE.search(words_before) \
                or below_grants and _SUMS_ABOVE.fullmatch(sentence[:said_from]) or (
                _TOTAL_AFTER.match(sentence, a_end) and re.search(r"\bsoit\s*$", sentence[max(0, a_start - 12):a_start]))
            # "soit un total de …" just below a list of grants sums that list.
            # A total of grants when its clause speaks of them: "14 secours d'urgence pour un montant total de
            # 2 380 €" sums aid to households, reported, not this deliberation's grants.
            # (The label of "Montant total des aides attribuées : 50 800 €" is its clause's, before the colon.)
            head = re.sub(r":\s*$", "", sentence[:a_start])
            clause = sentence[max(head.rfind(":"), head.rfind(";")) + 1:a_end] \
                + re.split(r"[,;:.]|\bet\b", sentence[a_end:], maxsplit=1)[0]
            # (or the run of grants its sentence gave before it: "650 € à X, …, et 120 € à Y, soit au total …")
            # (not what members pay the body, "les participations statutaires … pour un total de 96 000 €")
            if total and not _DUES_TOTAL.search(clause) and (
                    sums_table or (item and lead) or len(read_at) > 1 or re.search(
                        r"subvention|crédit|dépense|somme|attribu|\baides?\b|participation|affectation", clause, re.I)):
                totals.append(StatedTotal(amount, (start + a_start, start + a_end), sentence.strip()))
                continue
            valued_in_kind = _VALUED.search(before) and (_IN_KIND.search(sentence)
                                                         or _PUT_AT_DISPOSAL.search(sentence, 0, a_start))
            if _AMENDED_FROM.match(sentence, a_end) or item and (_YEAR_ITEM.match(sentence)
                                                                 or _BUDGET_LINE.match(sentence)) \
                    and "\n" not in sentence[:a_start]:
                continue  # the amount a grant had before this deliberation amends it; a year's amount; a budget's
            if _in_aside_of(sentence, a_start, {s: e for s, e, _ in amounts if s in read_at}):
                continue  # "1 200 € (1 000 € en 2024)", "1 200 € (coût du projet : 10 000 €)": said of the grant before
            if (bringing := _BRINGING_TO.search(before)) and any(
                    e <= a_start - len(before) + bringing.start() for _, e, _ in amounts + words):
                continue  # the total that the grant before it brings the beneficiary's to
            yearly = _yearly_grant(flat, a_start, a_end, amounts + words)
            if _CHANGED_TO_AFTER.match(sentence, a_end):
                continue  # "1 200 € ramenés à 900 €": the amount as first asked or voted, the second stands
            if _OPERAND_AFTER.match(sentence, a_end) or _OPERAND_BEFORE.search(before) \
                    or _RAISED_AFTER.match(sentence, a_end) or _COMPARED_BEFORE.search(before) \
                    or _COMPARED_AFTER.match(sentence, a_end) or _RATE_AFTER.match(sentence, a_end) \
                    and not (valued_in_kind and _PER_YEAR.match(sentence, a_end) or yearly):
                continue  # what a grant is computed from, or compared with; a rate
            if _THRESHOLD.search(before) or _EARLIER.match(sentence, a_end) and not (_CANCEL.search(before)
                                                                            or _CANCELLED_AFTER.match(flat, a_end)):
                continue  # a delegation's ceiling; a grant that an earlier act made, recalled
            clause_start = max((m.end() for m in _NEXT_GRANT.finditer(flat, 0, a_start)), default=0)
            clause = (_cut_before(body, start) if not clause_start else "") + flat[clause_start:a_start]
            act = _BY_EARLIER_ACT.search(clause)
            withdrawn = bool(act) and bool(_WITHDRAWS.search(clause, 0, act.start()))
            if act and not withdrawn:
                continue  # "VU la délibération n° … attribuant au PTCE X une subvention de 60 000 €"
            if _granted_before(flat[clause_start:a_start]) and not _CANCEL.search(before):
                # "Par délibération du 14 février, le Conseil a attribué à X une subvention de … de 4 000 €"
                recalled.add(beneficiary_in(flat, a_start) or "")
                continue
            if _requested(flat, clause_start, a_start, a_end):
                continue  # "De solliciter auprès de l'ARS une subvention de …, et auprès du Département une …"
            if _PAID_BY_OUTSIDER.search(flat, 0, a_start):
                continue  # a co-funder's money, told in the report: "L'ARS verse au GEM un financement de …"
            if item and lead and (label := _item_name(sentence, a_start)) \
                    and (FUNDER_ONLY.fullmatch(label) or COLLECTIVITY_FUNDER.fullmatch(label)):
                continue  # a co-funder's line, its name alone: "– État (DETR) : 8 000 €", "– Région X : 5 000 €"
            if item and lead and (payer := _PAYER_ITEM.match(sentence[:a_start])) \
                    and not THE_AUTHORITY_ITSELF.fullmatch(payer["subject"]):
                # "– l'État (DETR) participe pour 3 000 € …": a co-funder's share (the authority's own, "– la Commune
                # verse 700 € à l'association X", grants whom it names; naming no one, "– la Région apporte 2 000 € au
                # projet", it grants nothing: its words name no one, :func:`delib_lists._item_name`)
                continue
            result = _RESULT_BEFORE.search(before) and _COMPUTED.search(before)
            named_result = (named := _NAMED_RESULT.search(before)) and _COMPUTED.search(before, 0, named.start())
            # "à hauteur de 50 % du coût du projet, plafonnée à 10 000 €": the most the rate can come to, the grant
            # as decided (a warning says so); the cost's words before it are the rate's, not the grant's.
            ceiling = bool(_CEILING_BEFORE.search(before) and _COMPUTED.search(before))
            amended = _AMENDED_TO.search(before) and _GRANT_WORD.search(sentence)
            set_at = _SET_AT.search(before) and _SET_GRANT.match(sentence, a_end)
            pronoun = _PRONOUN_BEFORE.search(before) or _PRONOUN_AFTER.match(sentence, a_end)
            # "Le Handball Club de X voit son équipe … ; il est proposé une aide de 3 500 €": a grant proposed to the
            # subject of the clause before it (of the sentence before, when a full stop parts them)
            proposed = _PROPOSED_TO_NO_ONE.search(before)
            clause_before = None
            if proposed:
                semicolon = sentence.rfind(";", 0, a_start)
                clause_before = sentence[:semicolon] if semicolon > 0 else \
                    prior_sentence if "\n\n" not in body[prior_end:start] else None
            # "X recevrait 12 500 euros", "X bénéficierait de 9 000 euros, et Y de 2 750 euros": the verb's subject.
            receiving = receiver(flat, a_start, [e for s, e, _ in amounts + words if s < a_start])
            prize = bool(_PRIZE_BEFORE.search(before) and _AWARDED_AFTER.match(flat, a_end))
            # "PARTICIPE à hauteur de …", "VALIDE le versement à X de la somme de …", "…, soit 12 000 €, par une
            # subvention …": the decision's own words for a payment.
            decided = start + a_start >= deciding_from
            granted_after = decided and bool(GRANT_AFTER.match(flat, a_end))
            paid = granted_after or decided and bool(DECIDED_PAYMENT.search(flat, 0, a_start))
            if not (_GRANT_WORD.search(before) or _GRANT_VERB.search(before) or (item and lead) or valued_in_kind
                    or amended or set_at or pronoun or receiving or prize or paid or proposed
                    or _verb_opens_clause(sentence, a_start, amounts + words)
                    or _goes_on_amounts_to(flat, a_start, a_end, read_at)):
                continue
            next_at = min((s for s, _, _ in amounts + words if s > a_start), default=len(sentence))
            fee_after = _MEMBERSHIP.search(sentence, a_end, next_at)  # up to the next amount: its own words only
            if (_DUES.search(clause) or fee_after) and not _GRANT_WORD.search(clause):
                continue  # a member's fee: "DÉCIDE de verser la cotisation 2025 à l'ADIL 04, d'un montant de …"
            if _CONTRACT.search(sentence) and not _GRANT_WORD.search(before):
                continue  # a public contract's price, a service's payment: "un marché … attribué à la société X pour …"
            # A list item's words are its own line's: "soit un total …" on the next line is the list's.
            window_end = a_end + 25
            if item and (line_end := sentence.find("\n", a_end)) >= 0:
                window_end = min(window_end, line_end)
            if _PART_OF.match(sentence, a_end) or _CHARGED_AFTER.match(sentence, a_end) \
                    or _COMPARISON_FOLLOWS.match(sentence, a_end) or _aside_after(sentence, a_end, amounts):
                window_end = a_end
            elif (share := _SHARE_AFTER.search(sentence, a_end, window_end + 40)) and share.start() < window_end:
                window_end = share.start()
            # A computed grant's words are those after its operands ("… dépense éligible …, soit 100 000 €"); a
            # block's "Montant : 45 K€" line, its own (not the "Dépense subventionnable : …" line above it).
            said = "" if result or ceiling or granted_after else sentence[max(0, a_start - 80):a_start]  # "soit", "="
            # a request told in an aside before it is the aside's: "X, qui avait sollicité 3 000 €, une subvention de"
            said = _REQUEST_ASIDE.sub(" ", said)
            said = before[named.end():] if named_result else said  # "…, taux 30 %, soit une aide de 7 200 €"
            if _AMOUNT_FIELD.fullmatch(sentence, line_start := sentence.rfind("\n", 0, a_start) + 1, a_start):
                said = sentence[line_start:a_start]
            # "le versement du solde …, soit 16 000 €": that "soit" gives the instalment; "- M. X, interne, 12 mois,
            # soit 7 200 € ;": a list's item, the amount it comes to.
            if a_start in parts or item and lead:
                said = re.sub(r"\bsoit\s*$", "", said)
            if own := _own_field(sentence, a_start, [e for _, e, _ in amounts + words]):
                said = own if not _CO_FUNDING.search(sentence, 0, a_start) else said
            if _CAPPED_AFTER.match(sentence, a_end):  # "40 000 € (plafond)": the grant, at the ceiling
                window_end = a_end
            # "…, de 9 500 € pour 2027, soit 26 500 € sur la durée": that "soit" sums the amounts, not this one's
            window_end = min([window_end] + [at for at in sums.values() if at >= a_end])
            # A title in quotes is a project's name, not what the amount is: "Club X – « Bien manger à petit prix »".
            checked = re.sub(r"«[^«»\n]*»|^[^«»\n]*»", " ", said + sentence[a_start:window_end])
            if (proposed := _PROPOSED_BEFORE.search(sentence, 0, a_start)) is not None:
                # the amount proposed after the one asked: "demande 3 500 €, proposition 3 000 €" — its own words
                checked = sentence[proposed.start("word"):window_end]
            # A prize awarded, not a price: its "prix" excludes nothing (a list's item below a lead that grants too).
            if _AWARDED_PRIZE.search(sentence, 0, a_start) or item and lead and _PRIZE_ITEM.match(sentence) or prize:
                checked = re.sub(r"\bprix\b", "", checked, flags=re.I)
            if _EXCLUDE.search(checked) or _ENVELOPE.search(sentence, max(0, a_start - 120), a_start):
                continue
            following = min((s for s, _, _ in amounts + words if s > a_start), default=len(sentence))
            if (another := _ANOTHER_AID.search(sentence, a_end, following)) is not None:  # "… et un prêt de …"
                following = another.start()
            if _LOAN.search(said + sentence[a_start:following]):
                continue  # a loan, to be repaid: "un prêt d'honneur de 15 000 € …, remboursable sur 5 ans"
            # An item's own name before an association it names ("* PTCE X (porté par l'association Y)").
            listed = item and lead
            # Whom "lui" stands for: named before it in its sentence, else in the sentence before.
            lui = pronoun and (max(0, a_start - 120) + pronoun.start() if pronoun.start() < a_start else a_start)
            # Premises lent in the sentence before the one that values them: "La Commune met … à la disposition de
            # l'Association X un bureau ; cette mise à disposition constitue une aide en nature valorisée à 2 400 €".
            lent_to = valued_in_kind and (_AT_DISPOSAL_OF.search(flat, 0, a_start) or (
                "\n\n" not in body[prior_end:start] and _AT_DISPOSAL_OF.search(prior_sentence.replace("\n", " "))))
            # A share of the amount before it ("Il est proposé de lui verser 9 500 €, dont 2 500 € au titre de
            # l'action …") is that amount's beneficiary's, and no grant when that amount is none.
            whole = _whole_of(sentence, a_start, amounts + words, parts)
            if whole is not None and whole not in read_at:
                continue
            name = (whole is not None and read_at[whole].beneficiary) \
                or (lent_to and _clean_name(lent_to.group("acronymed") or lent_to.group("name"))) or receiving \
                or (pronoun and (lui and _antecedent(sentence[:lui])
                                 or "\n\n" not in body[prior_end:start] and _antecedent(prior_sentence))) \
                or (clause_before is not None and _antecedent(clause_before)) \
                or (listed and _person_at(sentence, a_start, True)) or (paid and financed(flat, a_end)) \
                or beneficiary_in(flat, a_start, association=not listed) or _person_at(body, start + a_start, False) \
                or (listed and (
                _item_name(sentence, a_start) or beneficiary_in(flat, a_start))) \
                or _the_same(sentence[:a_start], [g.beneficiary for g in grants]) \
                or _record_head(body, start) \
                or (a_start in parts and len(recalled) == 1 and next(iter(recalled))) \
                or ("\n\n" not in body[prior_end:start] and _requester(prior_sentence)) or title_beneficiary \
                or _this_association(body[:start], sentence) \
                or _named_by_kind(sentence[:a_start] if "\n" in body[prior_end:start] else prior_sentence
                                  + sentence[:a_start], [g.beneficiary for g in grants])
            if name and THE_AUTHORITY_ITSELF.fullmatch(name.strip()):
                continue  # what a co-funder pays the authority: "la CTM, qui verse à la Ville une participation de …"
            # "– 800 € à l'antenne de Luzech des Restos du Cœur ;": a grant to someone the item names, unread (not
            # "   ➢ dont 300 € …", "– le solde de 600 € …": a share of the item above; nor "– autofinancement : 800 €")
            if not name and listed and unnamed is not None and a_start not in parts and _TO_SOMEONE_NAMED.search(flat):
                unnamed.append((start, start + len(sentence.rstrip()), amount))
            if name:
                stated = _NATURE_AFTER.match(sentence, a_end)
                # A list's last item and the total below it, one sentence when the item's currency wrapped to a line
                # of its own ("… : 350" / "EUR" / "soit un total de 4 400 EUR, imputé à l'article 6574"): the
                # total's line (its account, the whole list's) is no evidence of the item's grant.
                end = len(sentence.rstrip())
                if listed and (line_end := sentence.find("\n", a_end)) >= 0 \
                        and _OPENS_TOTAL.match(sentence, line_end + 1):
                    end = line_end
                grants.append(GrantFact(name, amount, (start, start + end),
                                        ("in-kind" if valued_in_kind else None)
                                        or (stated and _NATURE_WORDS[fold(stated[1] or stated[2]).rstrip("s")])
                                        or _clause_nature(flat, a_start) or (lead_nature if item and lead else None),
                                        _purpose(flat, a_end, name), start >= decision_at,
                                        cancelled=bool(_CANCEL.search(before) or _CANCELLED_AFTER.match(flat, a_end)
                                                       or withdrawn),
                                        part=a_start in parts,
                                        ceiling=ceiling, yearly=bool(yearly), listed=bool(listed),
                                        year=_year_after(flat, a_end) or _clause_year(flat, a_start)
                                        or (yearly and yearly.group("first") and int(yearly.group("first")))))
                read_at[a_start] = grants[-1]
        after_list = item and lead and len(grants) > granted_before  # a list of grants, not of years
    return grants, totals


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
    decision_at = max((m.start() for m in _DECISION.finditer(body)), default=len(body))
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


#: What says that the amount after it sums those before it in its sentence: ", soit", "soit un total de".
_SUMS_BEFORE = re.compile(r"[ \t\n]*,?[ \t\n]*soit(?:[ \t\n]+(?:un[ \t\n]+)?(?:montant[ \t\n]+)?total[ \t\n]+de)?"
                          r"[ \t\n]*$", re.I)


def summed_after(sentence: str, amounts: list[tuple[int, int, Decimal]]) -> dict[int, int]:
    """The amounts of ``sentence`` that a "soit" says are the sum of all the amounts before them in it (two at
    least): "une subvention de 8 000 € pour 2025, de 9 000 € pour 2026 et de 9 500 € pour 2027, soit 26 500 €
    sur la durée de la convention" — by where each starts, with where its "soit" starts.

    >>> text = "de 8 000 € pour 2025, de 9 000 € pour 2026 et de 9 500 € pour 2027, soit 26 500 € sur la durée"
    >>> summed_after(text, [(m.start(), m.end(), parse_amount(m.group(0))) for m in AMOUNT_RE.finditer(text)])
    {73: 66}
    """
    ordered = sorted(amounts)
    sums = {}
    for k, (start, _, amount) in enumerate(ordered):
        said = _SUMS_BEFORE.search(sentence, ordered[k - 1][1] if k else 0, start)
        if k >= 2 and said and said.end() == start and amount == sum(a for _, _, a in ordered[:k]):
            sums[start] = said.start()
    return sums


#: An amount that a record's line gives as its own field after others': "… coût HT 112 000 €, fonds de concours
#: 33 600 €." — the words since the amount before it, a grant's, its own.
_OWN_FIELD = re.compile(r"\s*(?:HT|TTC)?\s*[,;]\s*(?:" + _GRANT_WORD.pattern + r")\b[^,;:.€\d]{0,30}?[\s:]*", re.I)
#: The authority itself, named by its kind alone ("la Ville", "la Commune", "le Pôle", "le Syndicat mixte"): money it
#: receives, no grant it makes. A body of any kind says "au Pôle", "au Syndicat" for itself; a grant's beneficiary is
#: named.
THE_AUTHORITY_ITSELF = re.compile(r"(?:(?:la|le|l['’])\s*)?(?:Ville|Commune|Mairie|Métropole|Département|Région"
                                   r"|Collectivité|Communauté(?:\s+(?:de\s+communes|d['’]agglomération|urbaine))?"
                                   r"|Pôle(?:\s+(?:métropolitain|territorial|d['’]équilibre))?|PETR|Syndicat"
                                   r"(?:\s+(?:mixte|intercommunal))?|SIVU|SIVOM|Agglo(?:mération)?|Intercommunalité"
                                   r"|EPCI)", re.I)
#: A plan de financement's lines: each co-funder's share, none of them the grant of the line's beneficiary.
_CO_FUNDING = re.compile(r"plan\s+de\s+financement|cofinanc|co-financ|financeurs?\b", re.I)
#: "40 000 € (plafond)": a grant at the ceiling of its scheme, not the ceiling.
_CAPPED_AFTER = re.compile(r"\s*\((?:montant\s+)?plafon\w*\)", re.I)


def _own_field(sentence: str, at: int, ends: list[int]) -> str | None:
    """The words of the amount at ``at`` when its line gives it as a grant's field after another amount ("coût HT
    112 000 €, fonds de concours 33 600 €"): since that amount, so that the cost's words are not the grant's."""
    previous = max((e for e in ends if e <= at), default=None)
    if previous is None or not _OWN_FIELD.fullmatch(sentence, previous, at):
        return None
    return sentence[previous:at]
