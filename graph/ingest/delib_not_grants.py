"""What makes an amount of a deliberation's sentence no grant, for :mod:`graph.ingest.delib_prose`: a rate, a loan, a
public contract's price, premises lent and valued, a threshold, a grant an earlier act made, a request, an
instalment or a share of a grant; and the lines of a list of grants that are none: a co-funder's, a budget's.

>>> bool(LOAN.search("un prêt d'honneur à taux zéro de 15 000 €"))
True
"""

from __future__ import annotations

import re
from decimal import Decimal

from graph.ingest.delib_bounded import NOT_WORDS, last_within, search_within
from graph.ingest.delib_grant_words import GRANT_VERB, GRANT_WORD
from graph.ingest.delib_lists import BULLET

#: What follows an amount to say how it breaks down: "68 500 €, dont 24 800 € déjà versés".
PART_OF = re.compile(r"\s*(?:(?:HT|TTC)\s*)?(?:,\s*)?dont\b", re.I)
#: A rate, never an amount granted: "0,80 € par habitant", "12 € par jour et par élève", "0,40 €/hab." — the grant is
#: the amount it gives ("…, soit 1 975,20 €"), or none when the sentence gives none.
_RATE = (r"(?:par|/)\s*(?:habitants?|hab\b\.?|[ée]l[èe]ves?|enfants?|jours?|nuit[ée]*s?|licenci[ée]+s?|adh[ée]rents?|"
         r"personnes?|participants?|repas|coll[ée]giens?|lyc[ée]ens?|[ée]tudiants?|an|ann[ée]e|mois|semaines?|heures?|"
         r"km|kilom[èe]tres?|b[ée]n[ée]ficiaires?|familles?|foyers?|m[ée]nages?|places?|lits?|t[êe]tes?|jeunes?|"
         r"s[ée]jours?|sortie|inscrits?|m[²2]|ha|hectares?)\b")
RATE_AFTER = re.compile(r"\s*(?:(?:HT|TTC)\s*)?" + _RATE, re.I)
#: An aid in kind's value for a year: "valorisé à 9 600 € par an" (its value, not a rate of it).
PER_YEAR = re.compile(r"\s*(?:par\s+an|par\s+année|/\s*an)\b", re.I)
#: A grant's yearly amount, its years after it: "une subvention de 10 000 € par an de 2025 à 2027" (not a rate of
#: something else: "1,50 € par an et par habitant"). The grant is the first year's, the later ones the later budgets'.
YEARLY = re.compile(r"\s*(?:par\s+an|par\s+année|/\s*an)\b(?!\s*(?:et\s+)?(?:par|/)\s*\w)"
                    r"(?:\s*,?\s*(?:de|sur\s+la\s+période(?:\s+de)?|pour\s+(?:la\s+période|les\s+années)(?:\s+de)?|"
                    r"entre)\s+(?P<first>(?:19|20)\d\d)\s*(?:à|au|-|–|et)\s*(?:19|20)\d\d)?", re.I)
#: What computes a grant: a rate of a cost ("50 %", "50 pour cent", "50 p. 100"), a product, an amount per head.
COMPUTED = re.compile(r"\d\s*(?:%|pour\s*cent\b|p\.\s*100\b)|\d\s*(?:€\s*)?(?:[×*]|x\s)\s*\d"
                      r"|\d\s*(?:€|euros?)\s*" + _RATE, re.I)

#: A loan, not a grant: "un prêt d'honneur à taux zéro de 15 000 €", "une aide de 15 000 € …, remboursable sur 5 ans"
#: (an aid "non remboursable" is a grant).
LOAN = re.compile(r"\bpr[êe]ts?\s+(?:d['’]honneur|à\s+taux|sans\s+intérêts?|bonifiés?|participatifs?|remboursables?|"
                  r"de\s+\d)|\bemprunts?\b|\bavances?\s+(?:de\s+trésorerie|remboursables?)|(?<!non\s)(?<!non-)"
                  r"\bremboursables?\b|\bà\s+rembourser\b", re.I)
#: A budget envelope, the amount that it opens for grants to come, no grant itself: "AFFECTE, au titre du programme
#: « X », une autorisation de programme de 230 000 €", "une autorisation d'engagement d'un montant de 50 000 €".
ENVELOPE = re.compile(r"\bautorisations?\s+(?:d['’]engagement|de\s+programme)\b"
                      r"(?:\s*(?:n\s*[°º]\s*)?[\w./-]*\d[\w./-]*)?(?:\s*«[^«»\n]{0,80}»)?[\s,]*"
                      r"(?:(?:d['’]un\s+montant\s+(?:total\s+)?)?(?:de|à)|:)?\s*$", re.I)
#: Where a second aid of the sentence begins: what follows is its words, not the amount's before it.
ANOTHER_AID = re.compile(r"\s(?:et\s+)?(?:un|une|le|la|l['’])\s*(?:prêts?|avances?|emprunts?|subventions?|aides?|"
                         r"participations?)\b", re.I)
#: A public contract, or a service paid for: what its sentence attributes (a price) is no grant, unless a grant's
#: word says so ("une subvention de 5 000 € pour la prestation …").
CONTRACT = re.compile(r"\bmarchés?\s+(?:publics?|n\s*[°º]|de\s+(?:travaux|services?|fournitures?|prestations?|"
                      r"maîtrise)|relatifs?\s+à)|\b(?:lanc\w*|attribution|titulaire|notifi\w*|pass\w*|conclu\w*|"
                      r"avenant)\s+(?:d[ue]|un|le|au|à\s+un)\s+marché\b|"
                      r"\bmarchés?\b[^.;]{0,120}?\b(?:attribu|notifi|conclu|pass)\w*\s+(?:à|au|avec)\b|"
                      r"\baccords?-cadres?\b|\bprestataires?\b|\bprestations?\s+de\s+services?\b|"
                      r"\bappel\s+d['’]offres\b|\b(?:prévue?s?|fixée?s?|due?s?)\s+(?:au|par\s+le)\s+marché\b|"
                      r"\ben\s+exécution\s+du\s+marché\b|\bbons?\s+de\s+commande\b|\bfactur\w+|\bhonoraires\b", re.I)
#: A free loan of premises or goods, valued: "la mise à disposition gratuite de la salle …, valorisée à 1 500 €",
#: "de mettre gratuitement à la disposition de X les locaux …, avantage … valorisé à 9 600 € par an".
PUT_AT_DISPOSAL = re.compile(r"\bmise\s+à\s+disposition\b|\bm(?:ettre|et|ettent|is|ise|ises)\s+(?:gratuitement\s+)?"
                             r"à\s+(?:la\s+)?disposition\b", re.I)
#: Whom premises are lent to: "mettre gratuitement à la disposition de la Maison des Adolescents de X les locaux …".
#: A name with its acronym in brackets runs to them, whatever words in small letters it has ("de l'association Vivre
#: avec un cancer en Pays de Brest (VCPB) un local …").
AT_DISPOSAL_OF = re.compile(r"à\s+(?:la\s+)?disposition\s+(?:de\s+la\s+|de\s+l['’]|du\s+|de\s+)(?:association\s+)?"
                            r"(?:(?P<acronymed>[A-ZÉÈ][^\n,;.()]*?\s*\([A-Z][A-Za-z0-9]{1,9}\))|"
                            r"(?P<name>[A-ZÉÈ][^\n]*?)"
                            r"(?=\s+(?:les|le|la|l['’]|un|une|des|ses|son|sa)\s*[a-zà-ÿ]|\s*[,;(.]))")
VALUED = re.compile(r"\bvaloris[ée]+s?\s+(?:à|pour|au\s+montant\s+de|pour\s+un\s+montant\s+de)\s*$", re.I)

#: A threshold, not a grant: "les subventions d'un montant inférieur ou égal à 5 000 €" (a delegation's ceiling),
#: "n'excédant pas 23 000 €", "au-delà de 23 000 €", "dont la subvention excède 23 000 €" (the law's threshold above
#: which an agreement is due, said of the grants it names: no amount of theirs).
THRESHOLD = re.compile(r"(?:inférieur|supérieur)e?s?\s+(?:ou\s+égale?s?\s+)?à\s*$|n['’]exc[èé]d\w*\s+pas\s*$|"
                       r"\bne\s+dépass\w*\s+pas\s*$|\bau[- ]delà\s+de\s*$|\ben[- ]deçà\s+de\s*$|"
                       r"\b(?:excédant|dépassant)\s*$|\b(?:exc[èé]d|dépass)(?:e|ent|era|eront|ait|aient)\s*$", re.I)
#: A grant an earlier act made, recalled: "la subvention de 20 000 € attribuée (à X) par délibération du 4 mars".
EARLIER = re.compile(r"\s*(?:(?:HT|TTC)\s*)?(?:,\s*)?(?:qui\s+(?:lui\s+)?(?:a|avait)\s+été\s+)?"
                     r"(?:attribu|accord|allou|vot|octroy)[ée]+s?\s+(?:(?:à|au|aux)\s+[^,;.€]{1,80}?\s+)?"
                     r"(?:par\s+(?:la\s+|le\s+|l['’])?(?:délibération|"
                     r"décision|arrêté|commission|conseil|bureau)\b|lors\s+d|le\s+\d|en\s+date\b)", re.I)
#: A grant an earlier act made, that act named before its amount: "VU la délibération n° 24CP.0733 du 18 octobre
#: 2024 attribuant au PTCE X une subvention de 60 000 €", "RETIRE la délibération n° 2025-02-021 du 11 février 2025
#: attribuant une subvention de 5 000 € à …" — recalled (or withdrawn), not made by this deliberation. The act is
#: one with a number or a date ("la délibération du Bureau n° B-2025-031"), not "la présente délibération"; a
#: number's dot ("24CP.0733") ends no sentence.
BY_EARLIER_ACT = re.compile(r"\b(?:délibération|décision|arrêté)s?\s+(?:n\s*[°o]|du\s+\d|en\s+date\s+du|susvisée|"
                            r"précitée|(?:de\s+la|du)\s+[\w\s'’-]{3,40}?\s+(?:du\s+\d|n\s*[°o]))(?:[^.;€]|\.(?=\S))*?"
                            r"\b(?:attribuant|accordant|allouant|octroyant|portant\s+(?:attribution|octroi))\b"
                            r"(?:[^.;€]|\.(?=\S))*$", re.I)
#: What no match of :data:`BY_EARLIER_ACT` holds, nor reads past (:func:`graph.ingest.delib_bounded.search_within`).
BY_EARLIER_ACT_BARRIERS = re.compile(r"[;€]")
#: What withdraws that act, right before it: its grant is undone ("RETIRE la délibération …", "d'abroger l'arrêté").
WITHDRAWS = re.compile(r"\b(?:retir|annul|abrog|rapport)\w*\s+(?:la|les|l['’]|cette|ces)\s*$", re.I)
#: A clause that asks for money, however far its verb is from the amount: "De solliciter auprès de l'Agence
#: régionale de santé une subvention de 93 600 € au titre du fonds …, et auprès du Département une subvention de
#: 62 400 €" — both amounts are requested, neither is granted (unless a granting verb follows the request's).
_REQUEST_VERB = re.compile(r"\b(?:sollicit(?:er|e|ent|ons)|demand(?:er|ons))\b", re.I)
_GRANTED_AFTER = re.compile(r"\s*(?:(?:HT|TTC)\s*)?(?:\)\s*)?(?:lui\s+|leur\s+)?(?:est|sont|sera|seront)\s+"
                            r"(?:attribu|allou|vers|accord|octroy)\w*", re.I)
#: A co-funder outside the local authorities, as the subject of the verb that pays the amount: "L'ARS verse au GEM un
#: financement de 78 000 € par an", "la CAF, qui accorde à la crèche une aide de …" — its money, told in the report,
#: not a grant of this act (a Région or a Département may be the authority itself: not listed).
PAID_BY_OUTSIDER = re.compile(r"(?:^\s*|[.;:,]\s*|\bet\s+)(?:[Ll]['’]\s*|[Ll]a\s+|[Ll]e\s+)?"
                              r"(?:ARS|Agence\s+r[ée]gionale\s+de\s+sant[ée]|CAF|Caisse\s+d['’]allocations\s+"
                              r"familiales|CPAM|Caisse\s+primaire\s+d['’]assurance\s+maladie|MSA|[ÉE]tat|DRAC|DREETS|"
                              r"DDETS|ANCT|Union\s+europ[ée]enne|Europe|FEDER|FSE\+?)\b"
                              r"(?:\s*,\s*qui|\s*,[^,.;:€\d]{0,60},)?\s+(?:lui\s+|leur\s+)?"
                              r"(?:vers|attribu|accord|allou|octroi|apport|financ)(?:e|ent|era|eront)\b"
                              r"[^.;:€\d]{0,120}$")
#: What a match of :data:`PAID_BY_OUTSIDER` holds only as its first character (". L'ARS verse …") and reads no further
#: than: its barriers (:func:`graph.ingest.delib_bounded.search_within`).
PAID_BY_OUTSIDER_BARRIERS = re.compile(r"[.;:€\d]")

#: A body that funds projects and that no local authority grants: the State, its funds and agencies, the social
#: security's funds, Europe's. A list's item that names it alone ("– État (DETR) : 8 000 €", "– Caisse d'allocations
#: familiales de la Lozère : 3 000 €", "– ARS Occitanie : 5 000 €") gives its share of a project's funding, no grant
#: to it (not "CAF", a club alpin's too, nor the MSA, that runs services a commune may fund).
FUNDER_ONLY = re.compile(r"(?:(?:l['’]|la\s+|le\s+|les\s+)\s*)?(?:(?:[ÉE]tat|ANCT|Agence\s+nationale\s+(?:du\s+sport|"
                         r"de\s+la\s+coh[ée]sion\s+des\s+territoires)|ADEME|Union\s+europ[ée]enne|Europe|FEDER|FEADER|"
                         r"FSE\+?|LEADER|DETR|DSIL|DSID|FNADT|FIPD|Fonds\s+vert)\b|"
                         # a territorial one, its place after it ("de la Lozère", "Occitanie")
                         r"(?:ARS|Agence\s+r[ée]gionale\s+de\s+sant[ée]|CPAM|Caisse\s+(?:d['’]allocations\s+familiales|"
                         r"primaire\s+d['’]assurance\s+maladie)|DRAC|"
                         r"DREETS|DDETS|DRAJES|Agence\s+de\s+l['’]eau|Pr[ée]fecture)\b"
                         r"(?:\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])?[A-ZÉÈÎ][^()–—]*?)?)"
                         # its fund or scheme in brackets or after a dash: "(DETR)", "– axe 3"
                         r"(?:\s*(?:\([^()]*\)|[–—-]\s.*))?\s*")
#: A Région or a Département named as a list's item ("– Région Occitanie : 5 000 €", "– Département du Gard (appel à
#: projets) : 2 000 €"): a co-funder's line of a project's funding, no local authority's grant going to it (the
#: authority alone, "la Région", is :data:`graph.ingest.delib_prose_reading.THE_AUTHORITY_ITSELF`; a council's name
#: is not read so: "Conseil départemental de l'accès au droit" is a body that grants go to).
COLLECTIVITY_FUNDER = re.compile(r"(?:(?:la|le|l['’])\s*)?(?:R[ée]gion|D[ée]partement)\s+"
                                 r"(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])?[A-ZÉÈÎ][^()]*(?:\([^()]*\))?\s*")
#: A list's item that tells what a body pays, its subject then its verb before the amount: "– la Région apporte
#: 2 000 € au projet ;", "– le Département finance à hauteur de 1 500 €", "– l'État (DETR) participe pour 800 €" —
#: a co-funder's share of a project, not a grant that the list makes (not "– L'association X, qui participe au
#: Téléthon : 1 200 €", whose amount a colon sets apart).
PAYER_ITEM = re.compile(rf"[ \t]*(?:{BULLET}[ \t]*)?"
                        r"(?P<subject>(?:(?:la|le|les|l['’])\s*)?[A-ZÉÈ][^\n:;,€\d]{0,60}?)"
                        r"\s(?:(?:apport|cofinanc|financ|particip|contribu|vers|abond|consacr)(?:e|ent)|"
                        r"prend(?:nent)?\s+en\s+charge)\b[^\n:;€\d]{0,40}$")
#: A list's item that says where its amount is charged in the budget, or the credits that pay it, not whom it goes
#: to: "– Imputation budgétaire : article 6574 – 1 200 € ;", "– crédits inscrits au BP 2025 : 1 200 €.",
#: "– dépense imputée au chapitre 65 : 1 700 €" (the list's sum, not one more grant).
BUDGET_LINE = re.compile(rf"[ \t]*(?:{BULLET}[ \t]*)?(?:(?:les|la|le|l['’])\s*)?"
                         r"(?:imputations?\b|inscriptions?\s+budg[ée]taires?\b|"
                         r"cr[ée]dits?\s+(?:inscrits?|ouverts?|pr[ée]vus?|n[ée]cessaires?|budg[ée]taires?|"
                         r"disponibles?|correspondants?|affect[ée]s?)\b|cr[ée]dits?\s*:|d[ée]penses?\b|"
                         r"(?:articles?|chapitres?|comptes?)\s+(?:n\s*[°º]\s*)?\d|budgets?\b|BP\s*(?:19|20)\d\d)",
                         re.I)

#: What makes an amount an instalment or a share of a grant, not a grant: "un acompte de 1 500 €", "le solde de
#: 16 000 €", "versement du solde …, soit 4 000 €", "versée en deux fractions : 8 000 € …", "20 000 €, dont 8 000 €",
#: "10 000 € pour l'année 2025, dont une avance de 30 %, soit 3 000 €" (an advance on the grant just stated; an
#: advance alone, "une avance de 20 000 € sur la subvention 2026", is the grant the deliberation pays); "un complément de
#: subvention de 6 000 €" paid after an amendment that brings the grant "de 18 000 € à 24 000 €" (alone, the grant);
#: "18 000 €, versée à raison de 60 % en 2024 (10 800 €), le solde (7 200 €) en 2025" (instalments of one grant, not
#: yearly grants).
_PART = re.compile(r"\b(?:acomptes?|soldes?|reliquats?|fractions?|tranches?|compl[ée]ments?)\b|\bdont\s*$|"
                   # an instalment's amount in brackets after its rate: "versée à raison de 60 % en 2024 (10 800 €)"
                   r"(?:\bvers[ée]e?s?\b|\bà\s+raison\s+de\b)[^;€()]{0,40}?\b\d{1,3}(?:,\d{1,2})?[ \u00a0\u202f]*%"
                   r"[^;€()]{0,30}\(\s*$|"
                   r"\bdont\s+(?:une?\s+|l['’]\s*)?(?:premi[eè]re?\s+)?(?:avances?|versements?)\b|"
                   r"\ben\s+(?:deux|trois|quatre|[2-4])\s+(?:fois|versements|temps)\b", re.I)
#: What opens a clause with a granting verb: "DÉCIDE d'allouer à …", "- attribue au …".
CLAUSE_VERB = re.compile(r"\b(?:d['’]|de\s+)?(?:attribu|allou|accord|octroy|vers)(?:er|e|ent)\b", re.I)
#: What no match of :data:`CLAUSE_VERB` holds, nor reads past (:func:`graph.ingest.delib_bounded.search_within`).
_CLAUSE_VERB_BARRIERS = re.compile(r"[^\w\s'’]")


def clause_requests(sentence: str, clause_start: int, at: int, end: int) -> bool:
    """Whether the clause of the amount at ``at`` (ending at ``end``) asks for it: a request's verb opens it, no
    granting verb after that one, nor a grant said after the amount ("… sollicite l'aide de la commune ; une
    subvention de 1 000 € lui est attribuée" is a grant).

    >>> clause_requests("De solliciter auprès de l'ARS une subvention de 9 € au titre du FIR, et auprès du "
    ...                 "Département une subvention de 6 €.", 0, 106, 109)
    True
    """
    request = last_within(_REQUEST_VERB, NOT_WORDS, sentence, clause_start, at)
    return request is not None and not search_within(CLAUSE_VERB, _CLAUSE_VERB_BARRIERS, sentence, request.end(), at) \
        and not _GRANTED_AFTER.match(sentence, end)


def whole_of(sentence: str, at: int, amounts: list[tuple[int, int, Decimal]], parts: set[int]) -> int | None:
    """Where the amount starts that the share at ``at`` is part of: the one right before it, when a "dont" follows
    that one ("9 500 €, dont 2 500 €") or that one is a share too ("dont 8 000 € en 2024 et 12 000 € en 2025").

    >>> whole_of("verser 9 500 €, dont 2 500 €", 21, [(7, 14, Decimal(9500)), (21, 28, Decimal(2500))], {21})
    7
    """
    if at not in parts:
        return None
    previous = max(((s, e) for s, e, _ in amounts if e <= at), default=None)
    if previous is None or not (PART_OF.match(sentence, previous[1]) or previous[0] in parts):
        return None
    return previous[0]


def is_part(sentence: str, at: int, amounts: list[tuple[int, int]], parts: set[int]) -> bool:
    """Whether the amount at ``at`` is an instalment or a share of a grant: said so since the amount before it
    ("un acompte de 1 500 €", "dont 8 000 €"), or following one with no grant word between ("dont 8 000 € en
    2024 et 12 000 € en 2025")."""
    previous = max(((s, e) for s, e in amounts if e <= at), default=None)
    since = sentence[max(previous[1] if previous else 0, at - 120):at]
    return bool(_PART.search(since)) or previous is not None and previous[0] in parts \
        and not (GRANT_WORD.search(since) or GRANT_VERB.search(since))
