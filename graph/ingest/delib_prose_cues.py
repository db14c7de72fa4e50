"""The words that tell what an amount of a deliberation's sentence is, for
:func:`graph.ingest.delib_prose.prose_grants`: a grant set, amended, cancelled, capped, awarded as a prize, or no
grant of this act (a request, a budget, a cost, a member's fee, an operand of a computed grant, a comparison with
another year, a grant recalled).

Apart from :mod:`delib_prose` because they are data, each wording with its evidence; the reader that weighs them is
the other's. What makes an amount no grant whatever the sentence (a rate, a loan, a threshold) is
:mod:`graph.ingest.delib_not_grants`'s.
"""

from __future__ import annotations

import re

from graph.ingest.delib_bounded import NOT_WORDS, found_before_barrier, last_within
from graph.ingest.delib_grant_words import GRANT_WORD
from graph.ingest.delib_lists import BULLET
from graph.ingest.delib_session import find_session_date
from graph.ingest.french import AMOUNT_RE


# ("estim…" is an estimate's, "un coût estimé à …", not the noun of "des ateliers d'estime de soi"; "budget" is a
# budget's, not the State's "point conseil budget" that helps households with theirs, a grant's purpose)
EXCLUDE = re.compile(r"sollicit|demand|(?<!conseil\s)budget|\bco[uû]ts?\b|estim(?!e\b)|(?<![ld]['’])estime\b|chiffr|"
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
                      # A member's share of its syndicat's budget is one too: "la contribution budgétaire 2024 de
                      # 48 910 €".
                     r"\b(?:contributions?|participations?|cotisations?)\s+(?:statutaires?|budg[ée]taires?)\b|"
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
#: What a list's line says of its action that gives it no grant, anywhere on the line: "Fiche action 1.4 – « Accueil des
#: internes » – réalisée en régie (4 800 € de crédits de fonctionnement) – pas de subvention". Its amount is what the
#: authority spends itself, not anyone's grant.
NO_GRANT_LINE = re.compile(r"\b(?:pas|sans)\s+(?:de\s+)?(?:subvention|aide\s+financi[èe]re|financement)s?\b|"
                           r"\b(?:r[ée]alis|men|assur|conduit|g[ée]r|port|mis)[ée]*e?s?\s+en\s+r[ée]gie\b", re.I)
#: A prize that the decision awards, its amount a grant to its winner: "d'attribuer le Prix de l'engagement solidaire
#: 2025, d'un montant de 800 €, à Mme X", "décerne un second prix de 500 €" (not a price: "au prix de", "prix réduit").
_PRIZE_RANK = r"(?:(?:premier|1er|second|deuxi[èe]me|2e|troisi[èe]me|3e|grand|seul)\s+)?"
_PRIZE = (r"prix\b(?!\s+(?:pr[ée]f[ée]rentiels?|r[ée]duits?|unitaires?|sp[ée]ciaux|"
          r"de\s+(?:vente|revient|cession|location)))")
AWARDED_PRIZE = re.compile(r"\b(?:attribu|d[ée]cern|remet|remis)\w*\s+(?:(?:le|un|une|son|ce|les|des|ses|ces)\s+)?"
                           + _PRIZE_RANK + _PRIZE, re.I)
#: A prize awarded in the passive, said after its amount: "Un prix de 1 000 € est attribué à …", "Le Prix de
#: l'engagement, d'un montant de 1 000 €, est décerné à Mme X".
PRIZE_BEFORE = re.compile(r"\b" + _PRIZE_RANK + _PRIZE + r"[^.;:€]{0,80}$", re.I)
AWARDED_AFTER = re.compile(r"[^.;:€\d]{0,40}?\b(?:est|sont|sera|seront)\s+(?:attribu|d[ée]cern|remis|accord|octroy|"
                           r"allou)\w*\s+(?:[^.;:€\d]{0,60}?\s)?(?:à|au|aux)\s", re.I)
#: An aid that is the subject of a passive granting verb after its amount: "Une aide à l'installation d'un montant de
#: 8 000 € est attribuée au Docteur X", "L'aide de 6 500 € est accordée à Mme Y". "aide" alone is no grant's word (an
#: "aide à domicile", "l'aide sociale"), but an aid of an amount that the sentence attributes to someone is a grant.
AID_BEFORE = re.compile(r"\b(?:une|l['’]|cette|chaque)\s*aides?\b[^.;:€]{0,80}$", re.I)
#: A list's item that is a prize, below a lead that awards: "• le Prix de l'engagement solidaire, d'un montant de …".
#: (Its spaces taken whole: the spaces before and after a bullet, shared every way, made an item indented 4,000 spaces
#: deep take 1.3 s.)
PRIZE_ITEM = re.compile(r"\s*+\W?\s*+(?:(?:le|un)\s+)?" + _PRIZE_RANK + _PRIZE, re.I)
#: A list's line that names a prize, then a colon, then its laureat, whom the prize's amount goes to, said in the label
#: or after the name: "Trophée d'or (1er prix, 1 500 €) : l'association X, pour …", "- 2e prix : Club Y, 1 000 €",
#: "Prix « coup de cœur » du jury (300 €) : Mme Z". The prize's label is no one's name.
PRIZE_LINE = re.compile(rf"[ \t]*(?:{BULLET}[ \t]*)?(?:(?:le|la|un)\s+)?(?:troph[ée]es?\b|" + _PRIZE_RANK + _PRIZE
                        + r")[^:\n]{0,80}?[ \t]+:[ \t]*(?=(?:[a-zà-ÿ]+[ \t]+|[ld]['’][ \t]*){0,3}(?-i:[A-ZÀ-ÝŒ«\"]))",
                        re.I)

#: The word that proposes, grants or keeps an amount right before it, after the amount asked: "demande 3 500 €,
#: proposition 3 000 €", "…, proposition ramenée à 400 €", "…, montant retenu : 250 €".
PROPOSED_BEFORE = re.compile(r"(?:demand|sollicit)\w*[^€\d\n]{0,20}\d[\d \u00a0\u202f.,]*(?:€|euros?)[ \t]*[,;]?[ \t]*"
                             r"(?P<word>(?:proposition|propos[ée]e?s?|accord[ée]e?s?|attribu[ée]e?s?|retenue?s?|"
                             r"vot[ée]e?s?)\b[^€\d\n]{0,25})$", re.I)
#: The words that open a match of :data:`PROPOSED_BEFORE` (:func:`graph.ingest.delib_bounded.search_opened`).
PROPOSED_OPENER = re.compile(r"demand|sollicit", re.I)
#: What a member pays the body it belongs to, no grant: "verser la cotisation 2025 à l'ADIL, d'un montant de …".
DUES = re.compile(r"\bcotisations?\b", re.I)
#: What says, after an amount, that it is a member's fee, whatever the amount is called: "verser une participation de
#: 650 € à l'Union départementale des CCAS au titre de l'adhésion 2025".
MEMBERSHIP = re.compile(r"\bau\s+titre\s+(?:de\s+)?(?:l['’]|son\s+|sa\s+|leur\s+|la\s+)?"
                        r"(?:adh[ée]sion|cotisation)s?\b", re.I)


#: A sentence that recalls, for the record, what was granted before: "Pour mémoire, en 2024, le Conseil avait
#: attribué 4 500 € à …", "Pour rappel, la subvention 2024 s'élevait à …", "Rappel : en 2024, 1 200 € avaient été
#: versés". Its amounts are no grant of this act; a sentence that only opens so ("Pour information, le Conseil
#: attribue …") still grants.
RECALLED = re.compile(r"[ \t]*(?:pour\s+(?:m[ée]moire|rappel|information|comparaison)|rappel\s*:|"
                      r"[àa]\s+titre\s+(?:indicatif|de\s+comparaison|d['’]information))"
                      r"(?=[^.]*?(?:\bavai(?:t|ent)\b|"
                      r"\b(?:19|20)\d\d\b[^.]*?\b(?:[ée]tai(?:t|ent)|s['’][ée]levai(?:t|ent)|"
                      r"a\s+(?:[ée]t[ée]\s+)?(?:attribu|vers|accord|allou)|ont\s+[ée]t[ée]|re[çc]u)|"
                      r"\b(?:l['’]an(?:n[ée]e)?\s+(?:derni[èe]re?|pass[ée]e?|pr[ée]c[ée]dente?)|"
                      r"pr[ée]c[ée]demment)\b))",
                      re.I)


#: A grant paid before, recalled right after its amount beside this act's: "650 €, la somme de 500 € versée en 2023
#: étant portée à 650 €", "300 € accordés l'an dernier", "1 000 € attribués précédemment". With a year
#: (:func:`paid_earlier`), only a year before the session's is past: "une subvention de 500 €
#: versée en 2025", in 2025, is this act's.
PAID_EARLIER_AFTER = re.compile(r"\s*(?:,\s*)?(?:qui\s+(?:lui\s+)?(?:a|avait)\s+été\s+)?"
                                r"(?:(?:vers|attribu|accord|allou|octroy|vot)[ée]+s?|(?:per[çc]|re[çc]|obten)ue?s?)\s+"
                                r"(?:(?:en|au\s+titre\s+de|pour)\s+(?:l['’](?:année|exercice)\s+)?"
                                r"(?P<year>(?:19|20)\d\d)\b|l['’]an(?:née)?\s+(?:derni[èe]re?|pass[ée]e?|"
                                r"pr[ée]c[ée]dente?)\b|pr[ée]c[ée]demment\b|ant[ée]rieurement\b)", re.I)


#: A grant amended: "porte de 5 000 € à 7 000 € la subvention …", "ramène … de 4 000 € à 2 500 €" — the amount it
#: was, then the amount it is; each may say its year ("portée de 2 000 € en 2024 à 2 600 € en 2025").
_AMENDED_YEAR = r"(?:,?\s+(?:en|pour)\s+(?:19|20)\d\d,?)?"
AMENDED_FROM = re.compile(_AMENDED_YEAR + r"\s+à\s+(?=" + AMOUNT_RE.pattern + ")", re.I)
AMENDED_TO = re.compile(r"\bde\s+" + AMOUNT_RE.pattern + _AMENDED_YEAR + r"\s+à\s+$", re.I)
#: A grant's amount changed, said before the new amount: "…, la subvention à X étant portée à 15 000 €", "est ramenée
#: à", "porte à 15 000 € la subvention …" (not "portant la subvention à", :data:`BRINGING_TO`), or from its old amount
#: (:data:`AMENDED_TO`). The new amount replaces the one the act gave the same beneficiary.
CHANGED_TO_BEFORE = re.compile(r"\b(?:port|ramen|ramèn|rédui|redui|abaiss|relev)(?:e|é|ée|és|ées|er|ent|t|te|ts|tes)?"
                               r"\s+à\s*$|" + AMENDED_TO.pattern, re.I)
#: The total a grant brings a beneficiary's to, said after the grant: "une subvention complémentaire de 12 000 €,
#: portant la subvention 2025 à 52 000 €", "…, ce qui porte son aide totale à 52 000 €" (not a second grant).
BRINGING_TO = re.compile(r"\b(?:portant|ramenant|(?:ce\s+qui|qui)\s+(?:porte|ramène)(?:ra|rait)?)\b"
                         r"[^.;:]{0,80}?\bà\s*$", re.I)
#: A grant undone: "annule la subvention de 1 500 € attribuée à …", "retire l'aide …".
#: A grant declared lapsed is undone too: "de constater la caducité de la subvention de 6 200 € attribuée en 2021".
CANCEL = re.compile(r"(?:\b(?:annul|retir|abrog|supprim)\w*|\bcaducit[ée]\s+de|\bcaduques?)\s+"
                    r"(?:la|les|cette|ces|l['’])\s*(?:subventions?|aides?|participations?|attributions?|"
                    r"dotations?)\b", re.I)
#: A grant undone, said after it before a full stop or a semicolon (:data:`CANCELLED_AFTER_BARRIERS`,
#: :func:`graph.ingest.delib_bounded.found_before_barrier`): "La subvention de 3 000 euros accordée en 2024 à X est
#: annulée", "… est devenue caduque".
CANCELLED_AFTER = re.compile(r"\b(?:est|sont|sera|seront)\s+(?:(?:donc|ainsi|devenue?s?|déclarée?s?)\s+)*"
                             r"(?:annulée?s?|retirée?s?|abrogée?s?|supprimée?s?|caduques?)\b", re.I)
CANCELLED_AFTER_BARRIERS = re.compile(r"[.;]")

#: What says that an amount is a difference between two years' grants: "500 € de plus qu'en 2023", "de moins par
#: rapport à …", "d'augmentation", "de hausse".
_DIFFERENCE = (r"\s*(?:(?:HT|TTC)\s*)?(?:de\s+(?:plus|moins)\s+(?:qu|par\s+rapport)|d['’](?:augmentation|écart)|"
               r"de\s+(?:hausse|baisse|différence))")
#: An amount computed from others: "40 % d'une dépense de 250 000 € HT, soit 100 000 €", "58 élèves × 35 € × 5 jours
#: = 10 150 €". The result is the grant; its operands are not.
OPERAND_AFTER = re.compile(r"\s*(?:(?:HT|TTC)\s*)?(?:[×*]|x(?=\s))\s*\d|\s*(?:(?:HT|TTC)\s*)?(?:,\s*)?soit\s+(?="
                           + AMOUNT_RE.pattern + r"(?!" + _DIFFERENCE + r"))"
                           r"|\s*(?:(?:HT|TTC)\s*)?(?:,\s*)?(?:au\s+)?taux\s+(?:de\s+)?"
                           r"\d+(?:[,.]\d+)?\s*%\s*,?\s*soit\b", re.I)
#: A computed result named as the aid it is: "dépense subventionnable 24 000 € HT, taux 30 %, soit une aide de
#: 7 200 €". The words of the grant are those after "soit"; the cost's before it are its operands'.
NAMED_RESULT = re.compile(r"(?:=|\bsoit)\s+(?=(?:(?:une?|la|le|l['’])\s*)?(?:aides?|subventions?|participations?|"
                          r"contributions?|dotations?|allocations?|bourses?|fonds\s+de\s+concours|soutiens?)\b"
                          r"[^.;:€\d]{0,50}$)", re.I)
#: A grant proposed to no one the clause names: "il est proposé une aide de", "il est proposé d'accorder une
#: subvention de", "Il est proposé un montant de 800 €" — to the subject of the clause before it.
PROPOSED_TO_NO_ONE = re.compile(r"\bil\s+est\s+propos[ée]\s+(?:d['’](?:attribuer|accorder|allouer|octroyer|verser)"
                                r"\s+)?(?:une?|la)\s+(?:aide|subvention|participation|soutien|contribution|montant)"
                                r"[^.;:€\d]{0,40}$", re.I)
#: A granting verb, in a past tense when an auxiliary opens it ("a attribué", "avait été versée", "ont accordé").
_GRANTING = re.compile(r"\b(?P<aux>(?:avait|avaient|a|ont)\s+(?:[ée]t[ée]\s+)?)?"
                       r"(?:(?:attribu|accord|allou|octroy)\w*|vers(?:er|e|ent|é|ée|és|ées|ement)\b)", re.I)


def says_granted_before(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether the last granting verb of the clause ``text[start:end]`` before an amount (``start`` after a space or
    a semicolon, as a clause starts) says a grant made before, not this one's: "le Conseil municipal a attribué à
    l'association X une subvention de fonctionnement de" (however far from the amount).

    >>> says_granted_before("le Conseil a attribué à l'association X une subvention de fonctionnement de ")
    True
    >>> says_granted_before("le Département a accordé 5 000 €, la commune décide d'attribuer ")
    False
    """
    last = last_within(_GRANTING, NOT_WORDS, text, start, len(text) if end is None else end)
    return last is not None and last["aux"] is not None


#: A beneficiary's request told in an aside between commas: ", qui avait sollicité 3 000 €,".
REQUEST_ASIDE = re.compile(r",\s*qui\s+(?:avait|avaient|a|ont)\s+(?:sollicit|demand)[ée]+[^,;]*,", re.I)
#: A grant's amount set before the grant is named: "fixe à 68 500 € le montant de la subvention allouée à X", or
#: amended so, the amount it had unsaid: "RAMÈNE à 1 250 € la subvention attribuée à X", "porte à 12 000 € la …".
SET_AT = re.compile(r"\b(?:(?:fix|arr[êe]t|port|ram[èe]n)(?:e|ent|er)|r[ée]dui(?:t|sent|re)"
                    r"|maint(?:enir|ient|iennent))\s+"
                    r"(?:à|au\s+montant\s+de)\s*$", re.I)
SET_GRANT = re.compile(r"\s*(?:le\s+montant\s+(?:de\s+la|du|des|de\s+l['’])\s*|(?:la|les|l['’])\s*)(?:"
                       + GRANT_WORD.pattern + ")", re.I)
#: Where the grant is charged, said right after its amount: "1 000 € (budget 2025, article 6574)", "400 €, imputée
#: au budget 2025" — the budget that pays it, not a project's budget.
CHARGED_AFTER = re.compile(r"\s*(?:\(|,\s*(?:imput|inscrit|prélev)\w*\s+(?:au|sur\s+le|à\s+l['’])\s*)\s*"
                           r"(?:budget\s+(?:(?:primitif|principal|communal|annexe|supplémentaire)\s+)*"
                           r"(?:(?:19|20)\d\d\b|,)|article\b|compte\b|chapitre\b|imputation\b|BP\s)", re.I)
#: What says, after a grant's amount, what share it is of a cost: "18 600 € HT, soit 30 % d'une dépense de 62 000 €
#: HT", "… au Club, représentant 20 % du coût". The cost's words are not the grant's.
SHARE_AFTER = re.compile(r"(?:soit|représentant|correspondant\s+à)\s+(?:un\s+taux\s+de\s+)?\d+(?:[,.]\d+)?\s*"
                         r"(?:%|pour\s*cent\b)", re.I)
#: A base amount raised (or cut) by a rate, said after it in its clause: "une subvention de 6 000 € majorée de 10 %,
#: soit 6 600 €", "La subvention habituelle de 6 000 € à l'association X est proposée majorée de 10 %". What the grant
#: is computed from, not the grant.
RAISED_AFTER = re.compile(r"[^.;:\d€]{0,80}?\b(?:major|augment|minor)(?:é|ée|és|ées|e|ee)\s+de\s+\d+(?:[,.]\d+)?\s*"
                          r"(?:%|pour\s*cent\b)", re.I)
#: An amount that the next one replaces: "1 200 € ramenés à 900 €", "5 000 €, porté à 7 000 €", "réduite à".
CHANGED_TO_AFTER = re.compile(r"\s*(?:(?:HT|TTC)\s*)?(?:,\s*)?(?:ramen|port|rédui|redui|abaiss|relev)"
                              r"(?:é|ée|és|ées|e|ee)\s+à\s+(?=\d)", re.I)
#: A ceiling said before an amount: "plafonnée à", "dans la limite de", "avec un plafond de".
CEILING_BEFORE = re.compile(r"(?:plafonn[ée]e?s?\s+à|dans\s+la\s+limite\s+(?:de|d['’]un\s+montant\s+de)|"
                            r"(?:avec\s+un|dans\s+un|sous\s+un)\s+plafond\s+de|limit[ée]e?s?\s+à)\s*$", re.I)
OPERAND_BEFORE = re.compile(r"(?:[×*]|(?<=\s)x)\s*$")
#: An amount that compares the grant with another year's, no grant itself: "1 500 €, en hausse de 500 € par rapport à
#: 2023", "(contre 1 000 € en 2023)", "soit 500 € de plus qu'en 2023".
COMPARED_BEFORE = re.compile(r"(?:\ben\s+(?:hausse|baisse|augmentation|diminution|progression|recul)\s+de|"
                             r"\bsoit\s+une?\s+(?:hausse|baisse|augmentation|diminution|progression)\s+de|"
                             r"\bcontre|\bau\s+lieu\s+de|\bcompar[ée]e?s?\s+aux?)\s*$", re.I)
COMPARED_AFTER = re.compile(_DIFFERENCE, re.I)
#: The comparison that follows a grant's amount, whose "soit" gives no computed result: "1 500 €, soit 500 € de plus
#: qu'en 2023", "1 500 €, soit une augmentation de 500 €".
COMPARISON_FOLLOWS = re.compile(r"\s*(?:(?:HT|TTC)\s*)?(?:,\s*)?soit\s+(?:une?\s+(?:hausse|baisse|augmentation|"
                                r"diminution|progression)\s+de\s+\d|(?=" + AMOUNT_RE.pattern + _DIFFERENCE + r"))", re.I)
RESULT_BEFORE = re.compile(r"(?:=|,?\s*soit)\s*$")
#: An amount that a line break parts from its currency: "… : 4 200" / "€ ;".
WRAPPED_AMOUNT = re.compile(r"(?<![\d,.])(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,\d{1,2})?[ \t\u00a0]*\n[ \t]*"
                            r"(?:€|euros?\b|EUR\b)", re.I)

#: A clause whose subject is the sum of several grants, up to an amount it states: "Le montant total des subventions
#: aux associations pour 2024 est en conséquence ramené de 38 650 € à 25 150 €" — a sum, not a grant, however far its
#: subject stands from the amount (not the total of one grant, "le montant total de la subvention", nor what a colon
#: or "dont" shares out after it).
TOTAL_SUBJECT = re.compile(r"\s*(?:le\s+)?(?:montant\s+(?:total|global)|total)\s+(?:des|de\s+ces)\s+"
                           r"(?:subventions|aides|participations|dotations|cr[ée]dits)\b(?:(?!\bdont\b)[^:;])*", re.I)
#: A plan de financement's lines: each co-funder's share, none of them the grant of the line's beneficiary.
CO_FUNDING = re.compile(r"plan\s+de\s+financement|cofinanc|co-financ|financeurs?\b", re.I)
#: "40 000 € (plafond)": a grant at the ceiling of its scheme, not the ceiling.
CAPPED_AFTER = re.compile(r"\s*\((?:montant\s+)?plafon\w*\)", re.I)


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


def cancelled_after(flat: str, end: int) -> bool:
    """Whether ``flat`` says that the grant whose amount ends at ``end`` is undone, after it and before a full stop or
    a semicolon: "… 3 000 euros accordée en 2024 à X est annulée" (:data:`CANCELLED_AFTER`)."""
    return found_before_barrier(CANCELLED_AFTER, CANCELLED_AFTER_BARRIERS, flat, end)
