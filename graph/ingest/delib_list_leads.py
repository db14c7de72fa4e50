"""Whether a sentence leads a list of grants, and what the list holds: the lead's own words (:data:`LEAD`), a
decision below it that grants what the list set out (:func:`approved_below`), a ruling on each item put to the vote
(:func:`rules_on_grants`, :func:`votes_each_item`); inside the list, a section's heading (:func:`section_heading`), a
year's line (:data:`YEAR_ITEM`), and an item that is the decision's next clause, which ends it (:func:`opens_clause`).
"""

from __future__ import annotations

import re

from graph.ingest.delib_grant_words import GRANT_WORD
from graph.ingest.delib_lists import BULLET, NOT_SECTION, VERB_OPENING
from graph.ingest.french import AMOUNT_RE


#: A list's item that is the decision's next clause, not an entry of the list above it: a decision's verb in
#: capitals ("4. PREND ACTE du remboursement … de l'aide de 15 000 € …") or in the infinitive ("- d'approuver le
#: versement de la cotisation annuelle … de 1.200 €"). An entry opens with whom it goes to.
_CLAUSE_ITEM = re.compile(rf"[ \t]*{BULLET}[ \t]*(?:{VERB_OPENING.pattern}|(?:d['’]|de[ \t]+)[a-zàâéèêîôûç]+"
                          r"(?:er|ir|re)\b)")


def opens_clause(sentence: str) -> bool:
    """Whether a list's item ``sentence`` is a clause of the decision (:data:`_CLAUSE_ITEM`), which ends the list of
    grants that a lead announced above it: its amounts are grants only if its own words say so.

    >>> opens_clause("- d'approuver le versement de la cotisation 2025 au CDOS d'un montant de 1.200 € ;")
    True
    >>> opens_clause("4) PREND ACTE du remboursement de l'aide de 15 000 € ;"), opens_clause("- Club A : 1 500 € ;")
    (True, False)
    """
    return bool(_CLAUSE_ITEM.match(sentence))


#: A section's heading inside a list of grants, on a short line of its own: a letter, a roman or an arabic number,
#: then its words ("A – Investissement (compte 204182) :", "II. Associations :"), or a budget section's words with
#: no mark ("Fonctionnement (compte 6574) :", "Section d'investissement :").
_SECTION_HEADING = re.compile(r"[ \t]*(?P<mark>(?:[A-H]|[IVX]{1,4}|\d{1,2})[ \t]*(?:[-–—.)]|°\)?)[ \t]*)?"
                              r"(?P<words>[A-ZÀ-Ýa-zà-ÿ][^\n:]{1,90}?)[ \t]*:[ \t]*", re.I)
_SECTION_WORDS = re.compile(r"\b(?:fonctionnement|investissement|[ée]quipement|section|compte|chapitre|imputation|"
                            r"budget\s+(?:principal|annexe))\b", re.I)


def section_heading(sentence: str) -> bool:
    """Whether ``sentence``, which ends with a colon (or is its mark alone), is a section's heading inside the list
    that a lead opened above it, not a lead of its own: the items below it are the lead's still ("DÉCIDE d'attribuer
    les aides suivantes :" / "A – Investissement (compte 204182) :" / "   Commune de X : 80 000 € ;").

    >>> section_heading("A – Investissement (compte 204182) :"), section_heading("Fonctionnement :")
    (True, True)
    >>> section_heading("AUTORISE le Maire à signer les conventions suivantes :"), section_heading("Le Conseil :")
    (False, False)
    >>> section_heading("Budget principal – chapitre 65, article 6574 :"), section_heading("Article 2 – Imputation :")
    (True, False)
    """
    if re.fullmatch(r"\s*(?:[A-H]|[IVX]{1,4})\.", sentence):  # "II. Fonctionnement :" read as "II." then the rest
        return True
    match = _SECTION_HEADING.fullmatch(sentence.strip("\n"))
    return bool(match) and (bool(match["mark"]) or bool(_SECTION_WORDS.search(match["words"]))) \
        and not (AMOUNT_RE.search(sentence) or VERB_OPENING.match(match["words"]) or NOT_SECTION.search(sentence))


#: A list item that is a year, not a beneficiary: "- 2025 : 12 000 €" (a multi-year agreement's schedule).
YEAR_ITEM = re.compile(r"\s*[-–—•*]\s*(?:(?:année|exercice|en|pour)\s+)?(?:19|20)\d\d(?:\s*[-/]\s*(?:19|20)?\d\d)?"
                       r"\s*[:…–—-]", re.I)
#: What, beyond grant words, makes a sentence ending with a colon the lead of a list of grants: "il est proposé de
#: soutenir les projets suivants :", "APPROUVE le soutien de la Collectivité aux structures suivantes :" (the same
#: support, said as a noun: not a technical or moral one), "la participation de la commune s'établit comme suit :",
#: "une enveloppe de 50 000 € est répartie comme suit :" (an envelope shared out between the items below).
LEAD = re.compile(r"\bsoutenir\b|\bfinancer\b|"
                  r"\b(?:le|son|leur)\s+soutien\b(?!\s+(?:technique|logistique|moral|m[ée]thodologique|administratif|"
                  r"humain|mat[ée]riel|en\s+nature)\b)|"
                  # an erratum's correction: "Au lieu de : … / Il convient de lire :" (the wrong line, then the right)
                  r"\bil\s+(?:convient|faut)\s+de\s+lire\b|\bfaut\s+lire\b|"
                  r"\benveloppe\b[^:\n]{0,80}?\br[ée]parti(?:e|es|s)?\s+(?:comme\s+suit|ainsi)|"
                  r"\bparticipation\s+(?:de\s+la\s+(?:commune|ville|région|métropole)|"
                  r"du\s+département|communale|départementale|régionale|intercommunale)", re.I)

#: A decision that rules on the items below it one by one, each put to the vote: "le Conseil, après en avoir
#: délibéré, se prononce comme suit :", "statue comme suit :".
_RULES_AS_FOLLOWS = re.compile(r"\b(?:se\s+prononce|statue|d[ée]lib[èe]re)\s+(?:comme\s+suit|ainsi\s+qu['’]il\s+suit)"
                               r"\s*:\s*$", re.I)
#: The first item below such a lead, numbered or bulleted, that grants: "1. Club A : subvention de 3 200 €".
_GRANTING_ITEM = re.compile(r"\s*(?:\d{1,2}[.)]|[-–—•])[ \t]+[^\n]*\d[ \t\u00a0\u202f]*(?:€|euros?\b)")


#: A decision that only says it was deliberated, then rules on the items below it: "Le Conseil municipal, après en
#: avoir délibéré :".
_DELIBERATED = re.compile(r"\bapr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]\s*:\s*$", re.I)
#: A list's first item put to the vote on its own: its amount, then its vote on a line below, after the lines of the
#: members who take no part in it: "1. Club A : 3 200 €" / "   M. X ne prend pas part au vote." / "   Adopté …".
_VOTED_ITEM = re.compile(_GRANTING_ITEM.pattern + r"[^\n]*(?:\n[^\n]*\bne\s+(?:prend|prennent)\s+pas\s+part\b[^\n]*)*"
                         r"\n[ \t]*(?:adopt[ée]|approuv[ée]|rejet[ée]|vote\s*:)", re.I)


def votes_each_item(body: str, end: int) -> bool:
    """Whether the list below offset ``end`` of ``body`` puts each of its items to the vote, the first one's vote on
    the lines below it (:data:`_VOTED_ITEM`): those lines are the item's, and the list goes on below them.

    >>> votes_each_item("suivantes :\\n1. Club A : 3 200 €\\n   Adopté à l'unanimité.", 11)
    True
    >>> votes_each_item("suivantes :\\n1. Club A : 3 200 €\\n2. Club B : 900 €", 11)
    False
    """
    return bool(_VOTED_ITEM.match(body, end))


def rules_on_grants(body: str, end: int, lead: str) -> bool:
    """Whether ``lead`` (ending at ``end`` in ``body``) rules on the items below it one by one
    (:data:`_RULES_AS_FOLLOWS`), the first of which grants an amount in a grant's words: a list of grants. A lead
    that only says the council deliberated (:data:`_DELIBERATED`) rules on grants too when each item, a name and an
    amount, is put to the vote below it (:func:`votes_each_item`) and the text above speaks of grants: "OBJET :
    Subventions de fonctionnement 2025" … "après en avoir délibéré :" / "1. Club A : 3 200 €" / "Adopté …".

    >>> body = "le Conseil se prononce comme suit :\\n1. Club A : subvention de 3 200 €\\n   Adopté à l'unanimité."
    >>> rules_on_grants(body, 35, body[:35]), rules_on_grants(body.replace("subvention", "tarif"), 35, body[:35])
    (True, False)
    >>> body = "OBJET : Subventions 2025\\nLe Conseil, après en avoir délibéré :\\n1. Club A : 3 200 €\\n   Adopté."
    >>> rules_on_grants(body, 62, body[25:62]), rules_on_grants(body.replace("Subventions", "Tarifs"), 57, body[20:57])
    (True, False)
    """
    item = _GRANTING_ITEM.match(body, end)
    if _DELIBERATED.search(lead):
        return votes_each_item(body, end) and bool(GRANT_WORD.search(body, 0, end))
    return bool(_RULES_AS_FOLLOWS.search(lead) and item and GRANT_WORD.search(item.group(0)))


#: A decision that grants what the text set out above it: "ATTRIBUE les aides ci-dessus", "accorde les subventions
#: présentées ci-avant", "APPROUVE les subventions ci-dessus", "ATTRIBUE les bourses d'études listées ci-dessus",
#: "attribuer au titre de l'exercice 2025 les subventions de fonctionnement ci-dessus", "ATTRIBUE les aides
#: d'investissement détaillées ci-dessus", "VALIDE le versement des subventions ci-dessus", "DÉCIDE d'attribuer les
#: subventions figurant dans le tableau ci-dessus" — or that names above whom it grants to: "attribue aux associations
#: ci-dessus les subventions de fonctionnement indiquées".
REFERS_BACK = re.compile(r"\b(?:(?:attribu|accord|allou|octroi|octroy|approuv)\w*\s+|"
                         # "VALIDE le versement des subventions ci-dessus", "autorise le versement des aides …"
                         r"(?:valid|approuv|autoris|d[ée]cid)\w*\s+le\s+versement\s+(?=des\s))"
                         r"(?:(?:au\s+titre\s+de|pour)\s+(?:l['’]\s*(?:exercice|année)\s+)?(?:19|20)\d\d\s*,?\s+)?"
                         r"(?:(?:les|des|ces)\s+(?:aides|"
                         r"subventions|participations|dotations|bourses)(?:\s+(?:d['’]|de\s+)[a-zà-ÿ]+)?\s+"
                         r"(?:(?:pr[ée]sent[ée]es|d[ée]crites|list[ée]es|indiqu[ée]es|mentionn[ée]es|"
                         r"propos[ée]es|d[ée]taill[ée]es|[ée]num[ée]r[ée]es|r[ée]capitul[ée]es|figurant)\s+)?"
                         # the table above that sets them out: "les subventions figurant dans le tableau ci-dessus"
                         r"(?:(?:dans|au)\s+(?:le\s+)?tableau\s+)?"
                         r"(?:ci-dessus|ci-avant|susvis[ée]es|pr[ée]cit[ée]es|"
                         # a part of the text numbered above it: "énumérées au I.", "listées au point 2"
                         r"(?:au|à\s+la)\s+(?:(?:partie|point|paragraphe|section|titre)\s+)?"
                         r"(?-i:[IVX]{1,4}|\d{1,2})(?:[.°)]|\b)(?!\d)|(?:dans|à)\s+l['’]\s*expos[ée])|"
                         r"aux\s+(?:associations|b[ée]n[ée]ficiaires|structures|organismes|communes|porteurs|"
                         r"personnes|[ée]tudiants|lauréats)\s+(?:(?:pr[ée]sent[ée]e?s|d[ée]sign[ée]e?s|list[ée]e?s|"
                         r"indiqu[ée]e?s|mentionn[ée]e?s|nomm[ée]e?s|retenu(?:e?s)?)\s+)?"
                         r"(?:ci-dessus|ci-avant|susvis[ée]e?s|pr[ée]cit[ée]e?s)\s*,?\s+(?:les|des)\s+(?:aides|"
                         r"subventions|participations|dotations|bourses|sommes|montants)\b"
                         # their nature after them: "… ci-dessus des subventions d'investissement"
                         r"(?:\s+(?:d['’]\s*|de\s+)[a-zà-ÿ]+)?)", re.I)
#: A lead that tells of amounts that are no grants, whatever the decision below approves: a financing plan's.
_NOT_GRANTS_LEAD = re.compile(r"plan\s+de\s+financement|financeurs?\b|co[uû]ts?\b|d[ée]penses\b|recettes\b|"
                              r"demand|sollicit", re.I)
#: Requests that the lead says were retained, and that the decision below grants: "La commission a retenu les
#: demandes suivantes :", "Les demandes retenues figurent ci-après." tell of no funding asked of others.
_RETAINED_REQUESTS = re.compile(r"\b(?:retenu|s[ée]lectionn[ée]|valid[ée])e?s?\s+(?:les|ces)\s+(?:\w+\s+)?demandes\b|"
                                r"\bdemandes\s+(?:de\s+subventions?\s+)?(?:retenues|s[ée]lectionn[ée]es|valid[ée]es)\b|"
                                # requests received, that the decision below grants: "Le Maire expose les demandes :"
                                r"\b(?:les|ces)\s+(?:\w+\s+)?demandes\b(?![^\n]*\b(?:aupr[èe]s|d[ée]pos|adress))",
                                re.I)
#: How far below a list's lead the decision that grants it may stand.
_REFERS_BACK_REACH = 4000


def approved_below(body: str, end: int, lead: str) -> bool:
    """Whether the list that the sentence ``lead`` (ending at ``end`` in ``body``) announces without a grant's word
    ("M. X présente la répartition proposée par la commission :") lists grants: a decision below grants it ("APPROUVE
    les subventions ci-dessus"), and the lead tells of no financing plan.

    >>> body = "Il présente la répartition proposée :\\n- Club A : 500 €\\nAPPROUVE les subventions ci-dessus."
    >>> approved_below(body, 37, body[:37]), approved_below(body, 37, "Le plan de financement est le suivant :")
    (True, False)
    >>> approved_below(body, 37, "La commission a retenu les demandes suivantes :")
    True
    >>> approved_below(body.replace("ci-dessus", "énumérées au I."), 37, body[:37])
    True
    >>> approved_below(body, 37, "Le Maire expose les demandes :"), approved_below(body, 37, "La commune demande :")
    (True, False)
    >>> approved_below(body, 37, "La commune a déposé les demandes suivantes auprès de l'État :")
    False
    >>> approved_below(body.replace("APPROUVE", "ATTRIBUE au titre de l'exercice 2025"), 37, body[:37])
    True
    """
    return not _NOT_GRANTS_LEAD.search(_RETAINED_REQUESTS.sub("", lead)) \
        and bool(REFERS_BACK.search(body, end, end + _REFERS_BACK_REACH))
