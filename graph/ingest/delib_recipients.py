"""Who a grant read in a deliberation's prose goes to when its sentence has no "à X" for it
(:mod:`delib_recipient_phrases`): the subject of a receiving verb ("L'association X recevrait 12 500 euros"), the
body that carries the project an amount finances, a person a line opens with, a record's head ("Commune de X : …"),
or the deliberation's title.

Apart from :mod:`delib_recipient_phrases` because each of these wordings is read on its own, at one place of the text
(after the amount, before it, at its line's start, in the title); the names read are cleaned as
:mod:`delib_recipient_names` cleans them.

>>> title_beneficiary("Subvention à l'association Les Amis du Vélo")
'Les Amis du Vélo'
"""

from __future__ import annotations

import re

from graph.ingest.delib_item_names import ITEM_PURPOSE
from graph.ingest.delib_lists import BULLET
from graph.ingest.delib_names import initials_only, parse_person
from graph.ingest.delib_recipient_names import KIND, KIND_OF, NAME_END, clean_name

#: A natural person that a line or a list's item opens with, after a civility or a title: "Mlle Jade POUPARD, 18 ans
#: … bourse de 600 €", "- Docteur Camille ROUSSELET, médecin généraliste, installée … : 20 000 €" — the person,
#: without the title nor what the comma adds. (The spaces before and after its bullet taken whole: shared every way
#: between the two, they made a line indented deep quadratic.)
_PERSON_HEAD = re.compile(r"[ \t]*+(?:" + BULLET + r")?[ \t]*+"
                          r"(?:M\.|Mme|Mlle|Mr|Monsieur|Madame|Mademoiselle|Docteure?|"
                          r"Dr\.?|Pr\.?|Professeure?)[ \t]+(?:et[ \t]+(?:Mme|M\.)[ \t]+)?(?P<name>[^,;:(\n]+?)"
                          r"(?=\s*[,;:(]|[ \t]{2,}|[ \t]*(?:\.{3,}|…)|[ \t]*\n|$)")


def person_at(text: str, anchor: int, item: bool) -> str | None:
    """The person that the amount at ``anchor`` goes to when its line of ``text`` (its item, for a list's) opens
    with one (the body's line: the dot of "M. Nolan BEAUVAIS" ends a sentence)."""
    head = _PERSON_HEAD.match(text, 0 if item else text.rfind("\n", 0, anchor) + 1)
    # a person named by initials alone ("- Mme A. K. …… 1 150 €"): a civility before them says it is one
    person = (parse_person(head.group("name")) or initials_only(head.group("name"))) if head and head.end() <= anchor \
        else None
    return person.label if person and person.given else None



#: Whom what an amount finances is for, said after the amount: "40 000 € au financement de l'extension de la maison
#: de santé de Bannalec portée par la SISA X", "15 000 € au financement du dispositif de médiation de la CPTS X" —
#: the body that carries the project, or the one its words in small letters end with (a place's "de Bannalec" is not
#: one); "au financement des Rencontres de …" names no beneficiary.
_FINANCED = re.compile(r"\s*(?:au|pour\s+le)\s+financement\s+(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*(?=[a-zà-ÿ])"
                       r"[^;:€\n]{0,150}?(?:\bport[ée]e?s?\s+par|\bde\s+la|\bde\s+l['’]|\bdu|\bdes)\s+"
                       r"(?:la\s+|le\s+|les\s+|l['’](?=[A-ZÉÈ]))?(?P<name>[A-ZÉÈÀŒ«\"][^\n]*?)" + NAME_END)


#: Whom the project an amount goes to is carried by, said after the amount: "80 000 € à l'aménagement du centre de
#: santé communal porté par la Commune de Morez", "… à la création du local porté par l'association Jura Santé" — the
#: project's words in small letters, then "porté par" and its carrier, a commune as well as an association.
_CARRIED = re.compile(r"\s*(?:à\s+la|à\s+l['’]|au|aux|pour\s+(?:la|le|les|l['’]))\s*(?=[a-zà-ÿ])[^;:€\n]{0,150}?"
                      r"\bport[ée]e?s?\s+par\s+(?:la\s+|le\s+|les\s+|l['’]association\s+|l['’](?=[A-ZÉÈ]))?"
                      r"(?P<name>[A-ZÉÈÀŒ«\"][^\n]*?)" + NAME_END)


def financed(sentence: str, end: int) -> str | None:
    """The beneficiary of the project that the amount ending at ``end`` goes to finance (:data:`_FINANCED`), or
    that carries the project the amount goes to (:data:`_CARRIED`), when the words after it name one.

    >>> financed("PARTICIPE à hauteur de 9 000 € au financement de l'extension de la maison de santé de Lafage "
    ...          "portée par la SISA Pôle Santé de Lafage, sous forme d'une subvention.", 30)
    'SISA Pôle Santé de Lafage'
    >>> financed("PARTICIPE à hauteur de 80 000 € à l'aménagement du centre porté par la Commune de Morez.", 31)
    'Commune de Morez'
    """
    match = _FINANCED.match(sentence, end) or _CARRIED.match(sentence, end)
    return clean_name(match.group("name")) if match else None


#: A verb whose subject receives the amount after it: "L'association X, qui anime …, recevrait 12 500 euros", "Le
#: Conservatoire X bénéficierait de 9 000 euros" — in the present, the future or the conditional (the past tells of
#: an earlier grant: "bénéficiait", "a reçu"); "se voit attribuer" too ("L'association X se voit attribuer une
#: subvention de 2 000 €").
RECEIVE = re.compile(r"\b(?:re[çc]oi(?:t|vent)|recevr(?:a|ait|ont|aient)|b[ée]n[ée]ficie(?:nt|ra|rait|ront|raient)?|"
                     r"per[çc]oi(?:t|vent)|percevr(?:a|ait|ont|aient)|obtien(?:t|nent|dra|drait|dront|draient)|"
                     r"se\s+voi(?:t|ent|rra|rrait|ront|raient)\s+(?:attribuer|accorder|allouer|octroyer|verser))\b",
                     re.I)
#: The subject of a receiving verb, right before it: the name after its article, an aside between commas left out
#: ("L'association Fos Ciné Mer, qui anime le cinéma de Fos, recevrait …"), an adverb too ("X bénéficie par
#: ailleurs d'une subvention …"); not the article's heading nor the verb that opens the clause ("Article 2 –
#: L'association X reçoit …", "DÉCIDE que l'association X bénéficiera …").
_SUBJECT = re.compile(r"(?:^|[;:]|,\s+et\b|\bqu(?:e\b|['’]))\s*(?:(?i:article)\s+(?:\d+|premier)(?:er)?\s*[–—-]\s*)?"
                      r"(?:[Ll]['’]association\s+|[Ll]e\s+|[Ll]a\s+|[Ll]es\s+|[Ll]['’](?=[A-ZÉÈ]))?"
                      r"(?P<name>[A-ZÉÈÀ«\"](?:(?!\bqu(?:e\b|['’]))[^;:,])*?)(?:\s*,[^;:]*?,)?\s+(?:(?:par\s+ailleurs|"
                      r"également|aussi|ainsi|donc|en\s+outre|quant\s+à\s+(?:elle|lui))\s+)?$")
#: The second beneficiary of a receiving verb said once for two: "X bénéficie d'une subvention de 3 500 €, et
#: l'Association Y (AESB) de 1 200 €" — Y, then "de" and its amount, the verb left out.
_ELIDED = re.compile(r",?\s+et\s+(?:[Ll]['’]association\s+|la\s+|le\s+|les\s+|l['’](?=[A-ZÉÈ]))?"
                     r"(?P<name>[A-ZÉÈÀ«\"][^;:,€]*?)\s+(?:d['’]une?\s+[^;:,€\d]{0,40}?\s+)?de\s*$")


def receiver(sentence: str, anchor: int, ends: list[int]) -> str | None:
    """Whom the amount at ``anchor`` goes to when a receiving verb says it (:data:`RECEIVE`): the verb's subject, or
    the second of two beneficiaries whose verb is said once (``ends``: where the sentence's amounts end).

    >>> receiver("L'association Fos Ciné Mer, qui anime le cinéma, recevrait 12 500 euros.", 59, [])
    'Fos Ciné Mer'
    >>> text = "Le Club A (CA) bénéficierait de 9 000 euros, et la Compagnie B de 2 750 euros."
    >>> receiver(text, 32, []), receiver(text, 66, [43])
    ('Club A (CA)', 'Compagnie B')
    """
    previous = max((e for e in ends if e <= anchor), default=0)
    if previous and (elided := _ELIDED.search(sentence, previous, anchor)) and RECEIVE.search(sentence, 0, previous):
        return clean_name(elided.group("name"))
    verb = None
    for verb in RECEIVE.finditer(sentence, previous, anchor):
        pass
    if verb is None or anchor - verb.end() > 120:
        return None
    subject = _SUBJECT.search(sentence[previous:verb.start()])
    return clean_name(subject.group("name")) if subject else None


#: A record's line that opens with its beneficiary, then a colon: "Commune de Varennes : rénovation de l'école,
#: coût HT 112 000 €, fonds de concours 33 600 €." (a kind of beneficiary, not a field's label such as "Objet").
_RECORD_HEAD = re.compile(r"[ \t]*(?P<name>(?=(?-i:[A-ZÉÈ]))(?:commune|ville|association|communauté|société|"
                          r"SCI|SAS|SARL|SCIC|SISA|SIVU|SIVOM|CCAS|CIAS|EHPAD|GIP|" + KIND + r")\b[^:\n]{2,100}?)"
                          r"[ \t]+:[ \t]", re.I)


def record_head(body: str, start: int) -> str | None:
    """The beneficiary that opens the record's line at ``start`` in ``body`` ("Commune de X : …"), if it opens
    one at the start of its line.

    >>> record_head("Deux communes :\\nCommune de Varennes : école, coût HT 112 000 €, fonds de concours 8 400 €.",
    ...              16)
    'Commune de Varennes'
    """
    line_start = body.rfind("\n", 0, start) + 1
    head = _RECORD_HEAD.match(body, start) if not body[line_start:start].strip() else None
    return clean_name(head.group("name")) if head else None


#: A title that names whom a grant goes to: "Subvention à l'association X", "Attribution d'un fonds de concours à la
#: commune de X - Réhabilitation de la halle".
_TITLE_BENEFICIARY = re.compile(
    r"(?:subventions?|fonds\s+de\s+concours|participation(?:\s+financière)?|aide\s+financière)\s+"
    # its nature or kind between: "subvention de fonctionnement", "subvention exceptionnelle", "d'investissement"
    r"(?:(?:de\s+\w+|d['’]\w+|exceptionnelle|annuelle|forfaitaire|complémentaire|(?:19|20)\d\d)\s+)*"
    # "à l'association des professionnels de santé des Abers": an association named by what it gathers keeps its word
    r"(?:à|au|aux)\s+(?:l['’](?=association\s+(?:des|du|de|d['’])\s*\w)|l['’]association\s+|"
    r"la\s+(?=[A-ZÉÈÀ]|(?:commune|ville)\s+d)|l['’])?"
    r"(?P<name>(?:[«\"]?\s*[A-ZÉÈÀ]|(?:commune|ville)\s+d(?:e\s+|['’])[A-ZÉÈÀ]).+)"
    # an association named after the year and a dash: "Subvention 2024 – Association X" (not "Subventions 2024 –
    # Sport", a theme)
    r"|(?-i:Subvention)\s+(?:(?:19|20)\d\d\s+)?[–—:-]\s+(?P<name2>(?-i:Association)\s+[A-ZÉÈÀ].+)"
    # the association first, then what it gets: "Association X – Subvention de fonctionnement", "… : solde de …"
    r"|^\s*(?-i:Association|ASSOCIATION)\s+(?P<name3>[«\"]?\s*[A-ZÉÈÀ][^–—:]+?)\s+[–—:-]\s+(?=.*\b(?:subventions?|"
    r"soldes?|acomptes?|participation|aide|versement)\b)", re.I)


#: What says, right before a title's grant, that the authority asks for it: "Demande de subvention à …".
_ASKED = re.compile(r"\b(?:demandes?|sollicitations?|recherches?)\s+(?:de\s+|d['’])$", re.I)


def title_beneficiary(title: str) -> str | None:
    """The beneficiary a deliberation's title names, for a decision that says only "à la commune" or "à
    l'association"; what follows a dash is the project, not the name.

    >>> title_beneficiary("Attribution d'un fonds de concours à la commune de Saint-Gaultier - Réhabilitation de "
    ...                   "la halle")
    'Commune de Saint-Gaultier'
    >>> title_beneficiary("Subvention à l'association Les Amis du Vélo"), title_beneficiary("Subventions 2024")
    ('Les Amis du Vélo', None)
    >>> title_beneficiary("Subvention exceptionnelle à l'association Les Amis de la Maternité")
    'Les Amis de la Maternité'
    >>> title_beneficiary("Subvention 2024 – Association Prévention Suicide"), title_beneficiary("Subventions – Sport")
    ('Association Prévention Suicide', None)
    >>> title_beneficiary("Centre de santé – Demande de subvention à l'Agence régionale de santé") is None
    True
    >>> title_beneficiary("SUBVENTION EXCEPTIONNELLE À L'ASSOCIATION « LES RESTOS DU CŒUR – CENTRE DE RIVE »")
    'LES RESTOS DU CŒUR'
    >>> title_beneficiary("Association Santé Pour Tous – Versement du solde de la subvention 2023")
    'Santé Pour Tous'
    >>> title_beneficiary("Versement du solde de la subvention 2023 à l'association Santé Pour Tous")
    'Santé Pour Tous'
    >>> title_beneficiary("CONTRAT LOCAL DE SANTÉ – PARTICIPATION AU POSTE DE COORDINATEUR ET SUBVENTION À "
    ...                   "L'ASSOCIATION GIER PRÉVENTION SANTÉ")
    'GIER PRÉVENTION SANTÉ'
    >>> title_beneficiary("SUBVENTION À L'ASSOCIATION DES PROFESSIONNELS DE SANTÉ DES ABERS POUR LE PROJET DE SANTÉ")
    'ASSOCIATION DES PROFESSIONNELS DE SANTÉ DES ABERS'
    """
    # A grant's own word first: "Participation au poste de coordinateur et subvention à l'association X"
    grant_word = re.search(r"\bsubventions?\b", title, re.I)
    match = grant_word and _TITLE_BENEFICIARY.match(title, grant_word.start()) or _TITLE_BENEFICIARY.search(title)
    # "Demande de subvention à l'Agence régionale de santé": whom the authority asks for money, not whom it grants.
    if match is not None and _ASKED.search(title, 0, match.start()):
        return None
    name = match and (match.group("name") or match.group("name2") or match.group("name3"))
    if not name or not re.match(r"[«\"]?\s*[A-ZÉÈÀ]|(?:commune|ville|association)\s|" + KIND_OF, name):
        return None
    name = re.split(r"\s+[-–—]\s+|\s*[(:;,]|\s+pour\s", name)[0]
    # a name of three words or more ends at "pour" and an article in capitals too, as a list's item's does: "À
    # L'ASSOCIATION DES PROFESSIONNELS DE SANTÉ DES ABERS POUR LE PROJET DE SANTÉ 2024-2025"
    if (purpose := ITEM_PURPOSE.search(name)) and len(name[:purpose.start()].split()) >= 3:
        name = name[:purpose.start()]
    # a title that names the beneficiary in brackets: "… – Délibération n° 87 (subvention à l'association X)"
    return clean_name(name[:-1] if name.endswith(")") and name.count(")") > name.count("(") else name)
