"""A beneficiary's name as the deliberation readers take it from a sentence: where it ends (:data:`NAME_END`), the
kinds of body written in small letters before one (:data:`KIND`, :data:`KIND_OF`: "au centre social Les Tilleuls"),
and its cleaning into a label (:func:`clean_name`).

Apart from the readers that find a name (:mod:`delib_recipient_phrases`, :mod:`delib_recipients`) because the readers
of several grants in one sentence, of blocks, of antecedents and of profiles end, tell and clean names the same way,
without importing those.

>>> clean_name("centre social Les Tilleuls"), clean_name("au club des sports")
('Les Tilleuls', None)
"""

from __future__ import annotations

import re

from graph.ingest.delib_bare_names import without_civility
from graph.ingest.delib_names import initials_only
from graph.ingest.french import fold
from graph.ingest.french_numbers import find_amounts_in_words

#: A comma inside a name that lists what its body deals with, "X, Y et Z": "Conseil d'architecture, d'urbanisme et
#: de l'environnement de l'Orne" — not one before "d'un montant", "d'autre part".
_ENUMERATION = (r"(?!\s*d['’](?!(?:un|une|autre|abord|ailleurs|où|après|ici|ores)\b)[a-zà-ÿ][\w-]*"
                r"(?:\s*,\s*d['’][a-zà-ÿ][\w-]*)*\s+et\s+d)")
#: A bracket that ends a name, unless it holds an acronym that the name goes on after: "(GEM) L'Escale", "(CSF) Les
#: Tilleuls", or the place it is of: "(ADMR) du canton de Pontvieux", "(CIAS) des Coëvrons" (not "(GEM) pour …",
#: "(GEM) de 3 000 €", "(SIRET 123 …)"); or the body's legal form, part of its name as lists and tables keep it:
#: "Maison de santé du Haut-Forez (SISA)", "PTCE Les Ateliers du Lien (SCIC SA)".
_OF_PLACE = r"(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])"
_LEGAL_FORM = r"(?:SA|SAS|SASU|SARL|EURL|SCI|SCIC|SCOP|SCM|SEM|SPL|SISA|GIE|GIP|SELARL|SELAS|EIRL)"
_ACRONYM_INSIDE = (r"\((?![A-ZÀ-Ý0-9&'’.-]{2,12}\)[ \t]+(?:[LD]['’][A-ZÀ-Ý]|[A-ZÀ-Ý][a-zà-ÿ]|" + _OF_PLACE
                   + r"(?:(?:canton|pays|secteur|bassin|territoire|vallée|plateau|quartier|val)\s+" + _OF_PLACE
                   + r")?[A-ZÀ-Ý]))(?!" + _LEGAL_FORM + r"(?:\s+" + _LEGAL_FORM + r")?\))")
#: A decision's verbs that open its next clause, as "et" joins it to the clause that names a beneficiary.
_CLAUSE_VERBS = ("approuve", "autorise", "décide", "dit", "précise", "charge", "mandate", "valide", "adopte",
                 "confirme", "sollicite", "inscrit", "impute", "abroge", "annule", "prend", "donne", "s'engage")
_NEXT_CLAUSE = (r"\bet\s+(?-i:" + "|".join(v for verb in _CLAUSE_VERBS for v in (verb, verb.upper())) + r")\b|"
                r"\bet\s+(?:d['’]|de\s+)(?:approuver|autoriser|dire|préciser|charger|mandater|valider|adopter|signer|"
                r"solliciter|inscrire|imputer)\b")
#: The words of a name that "pour" goes on ("Comité départemental d'éducation pour la santé", "Association pour le
#: développement de …", "Ligue pour la protection …", "Ensemble pour …"): after them "pour" ends no name (checked
#: once "pour" is read, not at each character a name's end is looked for).
_NAMES_FOR = "".join(rf"(?<!{word}\spour)" for word in ("[Aa]ssociation", "[EeÉé]ducation", "[Ll]igue", "[Ff]ondation",
                                                     "[Cc]omité", "[Cc]ollectif", "[Ee]nsemble", "[Aa]gir", "[Uu]nion",
                                                     "[Rr]éseau", "[Aa]lliance", "[Mm]ouvement"))
#: The words after "pour" that the names of a kind of body all end with, whatever words come before: "Fédération de
#: l'Aude pour la pêche et la protection du milieu aquatique", "AAPPMA X pour la pêche …" (their statutes' names).
_NAME_TAILS = r"(?!\s+la\s+pêche\s+et\s+(?:la\s+)?protection\s+du\s+milieu\s+aquatique\b)"
#: Words after "pour" that end with a département's number, where the name ends: "l'association Bouger pour sa santé
#: 82 une subvention de …". A name may carry its département's number at its end; a purpose never closes on a lone
#: number (a year has four figures, "pour ses 30 ans" goes on after it).
_FOR_NUMBERED_NAME = (r"\s+[^\W\d][^,;:.()€\d\n]{0,40}?\s(?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])"
                      r"(?=\s*(?:[,;.(]|$)|\s+(?:une?|la|les|des|d['’]une?)\s)")
#: After "pour", what ends no name: words that end with a département's number (:data:`_FOR_NUMBERED_NAME`).
_NUMBERED_NAME = r"(?!" + _FOR_NUMBERED_NAME + r")"
#: A "pour" inside guillemets that the name opened, closed after it: "l'association « Bouger pour sa santé » une …".
_QUOTED = r"(?![^«»\n]{0,80}»)"
#: Where a beneficiary's name ends; "à 68 500 €" after it is the amount a grant is set at ("fixe la subvention
#: allouée à X à 68 500 €"). The dot of a civility or a title ("à M. Yassine X", "au Dr. Y") ends no sentence, nor
#: that of a given name's initial after one ("à Mme L. D., dont …", "à M. J.-P. V."). A bracketed acronym that the
#: name goes on after ends nothing: "au Groupe d'Entraide Mutuelle (GEM) L'Escale pour …" is one name.
NAME_END = (
    r"(?=\s*(?:," + _ENUMERATION + r"|" + _ACRONYM_INSIDE + r"|;|:|(?<!\bM)(?<!\bMM)(?<!\bMme)(?<!\bDr)(?<!\bPr)"
    r"(?<!\bM\. [A-ZÀ-Ý])(?<!\bMme [A-ZÀ-Ý])(?<!\bMlle [A-ZÀ-Ý])(?<![A-ZÀ-Ý]\.-[A-ZÀ-Ý])\.(?:\s|$)|"
    r"\bd['’]un\b|\bd['’]une\b|\bpour\b" + _NAMES_FOR + _NAME_TAILS + _NUMBERED_NAME + _QUOTED + r"|\bau\s+titre\b|"
    r"\bdans\s+le\s+cadre\b|\bafin\b|"
    r"\b(?:et\s+)?une?\s+(?:subvention|aide|participation|contribution|dotation|allocation|avance|prêt|soutien|"
    r"prime|bourse|secours|prix|récompense|fonds\s+de\s+concours|complément\s+(?:de|d['’]))\b|"
    # "à l'association X des crédits d'équipement égaux à 40 % du coût", "… des subventions égales à …": the
    # grants in the plural, in small letters, with what says their nature or their amount after them.
    r"\bdes\s+(?:subventions|aides|participations|contributions|dotations|allocations|crédits|avances)"
    r"(?=\s+(?:(?:exceptionnel|financi[eè]r|forfaitair)\w*\s+)?(?:d['’](?:équipement|investissement|un\s+montant)"
    r"|de\s+(?:fonctionnement|\d)|égaux|égales|équivalent|calculé))|"
    # "de verser au Centre hospitalier de Brest la participation de 20 000 € …": what it is paid, not its name.
    r"\b(?:la|les)\s+(?:subventions?|aides?|participations?|contributions?|dotations?)\b(?=[^\n]{0,60}\d)|"
    r"\b(?:le|un|l['’]|du|de\s+l['’])\s*(?:solde|acompte|reliquat)\b|"
    r"\bun\s+montant\b|\b(?:de\s+)?la\s+somme\b|\bde\s+\d|\ben\s+vue\b|\bqui\b|\bsoit\b|\bpermettant\b|"
    # "sur le budget", "sur présentation des factures", not a name's "Hockey sur glace".
    r"(?<![-\w])sur\b(?!\s+(?!(?:le|la|les|l|un|une|des|son|sa|ses|leurs?|ce|cette|ces|présentation|proposition|"
    r"production|demande|justificati\w*|pièces?|factures?|crédits?|budget|fonds)\b)[a-zà-ÿ]+\b)|"
    r"\bà\s+hauteur\b|\ben\s+faveur\b|"
    # "proposé au Conseil municipal d'attribuer à l'APSA …": the verb a body is asked to decide ends its name.
    r"\bd['’](?:attribuer|allouer|accorder|octroyer)\b|\bde\s+(?:verser|lui)\b|"
    r"\bet\s+(?:(?:à|au|aux|a(?=\s+la?\b|\s+l['’]))\b|de\s+\d|\d)|"
    # "la subvention attribuée à X est annulée", "… est ramenée à 9 000 €", "… est portée de 1 800 € à 2 300 €",
    # "…, la subvention à l'association X étant portée à 15 000 €" (a participle's clause)
    r"\bainsi\b|\bselon\b|\bétant\b|"
    r"\b(?:est|sont|sera|seront)\s+(?:annul|retir|abrog|supprim|devenu|déclar|ramen|port[ée]|"
    r"rédui|diminu|major|fix[ée]|arrêt[ée]|rectifi|modifi|augment[ée])\w*|"
    # "… est plafonnée à 40 000 €", "… sont destinées à …", "… sera versée en deux fois": a verb in the passive, its
    # participle in small letters, says what becomes of the grant; a name's words are no verb.
    r"\b(?:est|sont|sera|seront)\s+[a-zà-ÿ]+(?:é|ée|és|ées)\b|"
    # "le montant attribué au Tennis Club a été ramené en séance à 1 800 €", "… à X aurait dû être de 5 400 €": a
    # verb's, not the name's words.
    r"\b(?:a|ont|avait|avaient|aura|auront|aurait|auraient)\s+(?:été|dû)\b|"
    # The decision's next clause after the name, its verb in capitals or in small letters: "à l'association X
    # et APPROUVE la convention …", "… et d'approuver la convention" (not "Handicap et Valide", a name's).
    + _NEXT_CLAUSE + r"|"
    r"\bpar\s+(?:la\s+|le\s+|l['’])?(?:délibération|décision|arrêté|convention)\b|"
    r"\bà\s+(?=\d[\d \u00a0\u202f.,]*(?:€|euros?\b|EUR\b))|$))")
#: A name's head that its statutes may go on after with "pour" and what the body works for, in capitals, and the
#: name's other words before "pour", each in capitals but its links: "Union des Familles" (pour la Santé Psychique du
#: Valmorinois), "Association Française" (pour l'Information Scientifique).
_HEAD_BEFORE_FOR = re.compile(r"(?:Union|Association|Ligue|Fondation|Comité|Collectif|Réseau|Alliance|Mouvement|"
                              r"Fédération|Coordination|Groupement|Ensemble|Agir)"
                              r"(?:\s+(?:(?:de|du|des|et|la|le|les)\s+|[dl]['’])?[A-ZÀ-ÝŒ][\w'’-]*)*")
#: What such a name goes on with after "pour": an article, then two words in capitals or more with their links
#: only, up to the name's end (a comma, a semicolon, a full stop, a bracket or the line's end), where a purpose has
#: words in small letters ("pour l'organisation de la Fête", "pour son action", "pour le Téléthon, …" has one).
_FOR_IN_NAME = re.compile(r"\s+pour\s+(?:la\s+|le\s+|les\s+|l['’]\s*)(?P<words>[A-ZÀ-ÝŒ][\w'’-]*"
                          r"(?:\s+(?:(?:de|du|des|et|la|le|les|en)\s+|[dl]['’])?[A-ZÀ-ÝŒ][\w'’-]*)+)"
                          r"(?=\s*(?:[,;.(]|$))")


def name_going_on(name: str, after: str) -> str:
    """``name``, read up to the "pour" that ``after`` opens with, joined to what follows it when that is still the
    name's (:data:`_FOR_IN_NAME`): a name with a head that such names have, all in capitals
    (:data:`_HEAD_BEFORE_FOR`), whose words after "pour" are in capitals to the name's end.

    >>> name_going_on("Union des Familles", " pour la Santé Psychique du Valmorinois, de 3 000 € au Club")
    'Union des Familles pour la Santé Psychique du Valmorinois'
    >>> name_going_on("Union des Familles", " pour l'organisation de la Semaine de la Santé Mentale, de 3 000 €")
    'Union des Familles'
    >>> name_going_on("Association Les Amis", " pour le Téléthon ;"), name_going_on("Club", " pour la Fête Locale.")
    ('Association Les Amis', 'Club')
    """
    going_on = _FOR_IN_NAME.match(after)
    if going_on is None or not _HEAD_BEFORE_FOR.fullmatch(name):
        return name
    return name + " " + re.sub(r"\s+", " ", going_on.group(0).strip())


#: A "pour" that goes on a name ending with a département's number (:data:`_FOR_NUMBERED_NAME`).
_FOR_IN_NUMBERED_NAME = re.compile(r"\s+pour" + _FOR_NUMBERED_NAME)


def for_in_name(text: str, at: int) -> bool:
    """Whether the "pour" at ``at`` of ``text`` goes on a name that ends with a département's number
    (:data:`_FOR_NUMBERED_NAME`), not a purpose that cuts it.

    >>> for_in_name("Association Bouger pour sa santé 82", 18), for_in_name("Club X pour son action", 6)
    (True, False)
    """
    return bool(_FOR_IN_NUMBERED_NAME.match(text, at))


#: A kind of organisation written in small letters before its name: "au centre social Les Tilleuls", "au comité des
#: fêtes de Lussac", "à la maison de santé de Pontaumur", "au centre communal d'action sociale de Vierzon" — up to
#: two words that qualify the kind, then a name in capitals or "de …".
KIND = (r"(?:centre|comit[ée]|club|foyer|coll[èe]ge|lyc[ée]e|[ée]cole|office|syndicat|groupement|[ée]tablissement|"
        r"institut|f[ée]d[ée]ration|ligue|union|amicale|cercle|maison|mutuelle|fondation|compagnie|coop[ée]rative|"
        r"conservatoire|th[ée][âa]tre|cr[èe]che|soci[ée]t[ée](?=\s+(?:de|des|du|d['’])\s*[a-zà-ÿ]))")
KIND_OF = KIND + r"(?=(?:\s+[a-zà-ÿ-]+){0,2}?\s+(?:d(?:e|es|u)\s+|d['’]|[A-ZÉÈÀ«\"]))"
#: A name that opens with its kind in small letters: the name that follows when it opens with an article ("centre
#: social Les Tilleuls": Les Tilleuls, as "l'association Les Amis" is Les Amis), else the whole, its first letter
#: a capital ("Comité des fêtes de Lussac").
_KIND_NAME = re.compile(KIND + r"(?:\s+[a-zà-ÿ-]+){0,2}?\s+(?=(?:Les|La|Le|L['’])\s*[A-ZÉÈÀ])")


def _guillemets(name: str) -> str:
    """A name with its guillemets balanced: "« X » voit sa subvention portée" is X, "« X »" is X, "SISA « X »" keeps
    them; a guillemet left alone (its pair beyond where the name was cut) is dropped.

    >>> _guillemets("« Villeneuve Sport Adapté » voit sa subvention"), _guillemets("SISA « Pôle Santé »")
    ('Villeneuve Sport Adapté', 'SISA « Pôle Santé »')
    """
    if name.startswith("«") and "»" in name:
        inner, _, rest = name[1:].partition("»")
        if not re.match(r"\s*(?:d['’]|de\b|du\b|des\b|[-–—(]|[A-ZÉÈÀ0-9])", rest):  # the quoted name, then a verb
            name = inner.strip()
    if name.count("«") != name.count("»"):
        name = re.sub(r"\s*[«»]\s*", " ", name).strip()
    return name



#: The little words of a name, that :func:`clean_name` leaves out when it counts a name's words.
_LITTLE_WORD = re.compile(r"(?:de|des|du|la|le|les|et|en|à|au|aux|sur)", re.I)


def clean_name(name: str) -> str | None:
    """The label of a beneficiary's name as a sentence gives it: its spaces, guillemets and quotation marks put
    right, a civility left out, a kind in small letters before a name left out ("centre social Les Tilleuls":
    Les Tilleuls); None when it is rather no name (a kind alone, a clause, a pronoun, a rate)."""
    if spelled := find_amounts_in_words(name):  # "au club des aînés « X » deux cents euros (200 €)": X's amount
        name = name[:spelled[0][1]]
    name = _guillemets(re.sub(r"\s+", " ", name).strip(" '’.-")).strip(" '’.-")
    if re.search(r"\b[A-ZÀ-Ý]$", name) and initials_only(name + "."):  # "à Mme L. D. pour …": the last initial's dot
        name += "."
    if name.count('"') % 2 or name.startswith('"') and name.endswith('"'):  # a quotation mark alone, or around all
        name = name.strip(' "').strip(" '’.-")
    name = re.sub(r"(?<=[a-zà-ÿ])- (?=[A-Za-zÀ-ÿ])", "-", name)  # "Haut-\nPoitou" read across the line: "Haut-Poitou"
    name = without_civility(name)
    if name.startswith(("commune ", "ville ", "association ")):  # "à la commune de Lavaur": the Commune de Lavaur
        name = name[0].upper() + name[1:]
    elif re.match(KIND + r"\s", name):
        if re.fullmatch(KIND + r"(?:\s+[a-zà-ÿ'’-]+)*", name):  # "au club des sports": no name of its own
            return None
        name = _KIND_NAME.sub("", name, count=1)
        name = name[0].upper() + name[1:]
    words = name.split()
    # A name of ten words or more is rather a clause, but its little words ("de la", "des", "et") and its acronym in
    # brackets do not count: "Association de coordination de la MSP des Trois Villages (ACMSP3V)" is a name.
    counted = [w for w in re.sub(r"\s*\([^()]*\)$", "", name).split()
               if any(c.isalnum() for c in w) and not _LITTLE_WORD.fullmatch(w)]
    if not words or len(counted) > 9 or len(words) > 16 or not (words[0][0].isupper() or words[0][0].isdigit()):
        return None
    if fold(words[0]) in ("monsieur", "madame", "il", "elle", "ce", "cette", "ces", "hauteur"):
        return None
    if re.match(r"[\d\s,.]+(?:%|pour\s*cent\b|$)", name):  # "à 40 % d'une dépense": a rate, not a name
        return None
    return name
