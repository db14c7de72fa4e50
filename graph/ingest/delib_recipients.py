"""Who a grant read in a deliberation's prose goes to: the beneficiary a sentence names for an amount ("à X", "au
profit de X", "l'association X", a kind in small letters then a name: "au centre social Les Tilleuls"), a person a
line opens with, a record's head, or the deliberation's title; and the cleaning of a name so read.

Apart from :mod:`delib_grants` (which decides which amounts are grants) because the readers of several grants in
one sentence, of blocks and of antecedents clean names the same way, without importing the prose reader.

>>> beneficiary_in("La Ville décide d'attribuer une subvention de 1 500 € à l'association Les Amis du Vélo.", 58)
'Les Amis du Vélo'
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate

from graph.ingest.delib_bare_names import without_civility
from graph.ingest.delib_clauses import next_clause, where_clause_starts
from graph.ingest.delib_grant_words import GRANT_WORD
from graph.ingest.delib_lists import BULLET
from graph.ingest.delib_names import initials_only, parse_person
from graph.ingest.french import AMOUNT_RE, fold
from graph.ingest.french_numbers import find_amounts_in_words

#: A comma inside a name that lists what its body deals with, "X, Y et Z": "Conseil d'architecture, d'urbanisme et
#: de l'environnement de l'Orne" — not one before "d'un montant", "d'autre part".
_ENUMERATION = (r"(?!\s*d['’](?!(?:un|une|autre|abord|ailleurs|où|après|ici|ores)\b)[a-zà-ÿ][\w-]*"
                r"(?:\s*,\s*d['’][a-zà-ÿ][\w-]*)*\s+et\s+d)")
#: A bracket that ends a name, unless it holds an acronym that the name goes on after: "(GEM) L'Escale", "(CSF) Les
#: Tilleuls" (not "(GEM) pour …", "(SIRET 123 …)").
_ACRONYM_INSIDE = r"\((?![A-ZÀ-Ý0-9&'’.-]{2,12}\)[ \t]+(?:[LD]['’][A-ZÀ-Ý]|[A-ZÀ-Ý][a-zà-ÿ]))"
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
#: Where a beneficiary's name ends; "à 68 500 €" after it is the amount a grant is set at ("fixe la subvention
#: allouée à X à 68 500 €"). The dot of a civility or a title ("à M. Yassine X", "au Dr. Y") ends no sentence, nor
#: that of a given name's initial after one ("à Mme L. D., dont …", "à M. J.-P. V."). A bracketed acronym that the
#: name goes on after ends nothing: "au Groupe d'Entraide Mutuelle (GEM) L'Escale pour …" is one name.
_STOP = (r"(?=\s*(?:," + _ENUMERATION + r"|" + _ACRONYM_INSIDE + r"|;|:|(?<!\bM)(?<!\bMM)(?<!\bMme)(?<!\bDr)(?<!\bPr)"
         r"(?<!\bM\. [A-ZÀ-Ý])(?<!\bMme [A-ZÀ-Ý])(?<!\bMlle [A-ZÀ-Ý])(?<![A-ZÀ-Ý]\.-[A-ZÀ-Ý])\.(?:\s|$)|"
         r"\bd['’]un\b|\bd['’]une\b|\bpour\b" + _NAMES_FOR + _NAME_TAILS + r"|\bau\s+titre\b|"
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
         # "la subvention attribuée à X est annulée", "… est ramenée à 9 000 €", "… est portée de 1 800 € à 2 300 €"
         r"\bainsi\b|\bselon\b|\b(?:est|sont|sera|seront)\s+(?:annul|retir|abrog|supprim|devenu|déclar|ramen|port[ée]|"
         r"rédui|diminu|major|fix[ée]|arrêt[ée]|rectifi|modifi|augment[ée])\w*|"
         # "le montant attribué au Tennis Club a été ramené en séance à 1 800 €": a verb's, not the name's words.
         r"\b(?:a|ont|avait|avaient|aura|auront)\s+été\b|"
         # The decision's next clause after the name, its verb in capitals or in small letters: "à l'association X
         # et APPROUVE la convention …", "… et d'approuver la convention" (not "Handicap et Valide", a name's).
         + _NEXT_CLAUSE + r"|"
         r"\bpar\s+(?:la\s+|le\s+|l['’])?(?:délibération|décision|arrêté|convention)\b|"
         r"\bà\s+(?=\d[\d \u00a0\u202f.,]*(?:€|euros?\b|EUR\b))|$))")
#: An association named by what it gathers, in small letters: "à l'association des parents d'élèves".
#: Up to two words in small letters may say what it does first: "à l'association gestionnaire du Centre de santé de
#: Balagne".
_ASSOCIATION_OF = r"association\s+(?:[a-zà-ÿ]+\s+){0,2}?(?:des\s+|du\s+|de\s+|d['’])(?=\w)"
#: A kind of organisation written in small letters before its name: "au centre social Les Tilleuls", "au comité des
#: fêtes de Lussac", "à la maison de santé de Pontaumur", "au centre communal d'action sociale de Vierzon" — up to
#: two words that qualify the kind, then a name in capitals or "de …".
KIND = (r"(?:centre|comit[ée]|club|foyer|coll[èe]ge|lyc[ée]e|[ée]cole|office|syndicat|groupement|[ée]tablissement|"
        r"institut|f[ée]d[ée]ration|ligue|union|amicale|cercle|maison|mutuelle|fondation|compagnie|coop[ée]rative|"
        r"conservatoire|th[ée][âa]tre|cr[èe]che|soci[ée]t[ée](?=\s+(?:de|des|du|d['’])\s*[a-zà-ÿ]))")
_KIND_OF = KIND + r"(?=(?:\s+[a-zà-ÿ-]+){0,2}?\s+(?:d(?:e|es|u)\s+|d['’]|[A-ZÉÈÀ«\"]))"
#: A body's branch named in small letters before the body, with up to two words that say which one: "l'antenne
#: gardoise de la Ligue contre le cancer", "la section locale du Secours Populaire". The beneficiary is labelled
#: by the body, as "Ligue contre le cancer – comité du Gard" is (:func:`graph.ingest.delib_bare_names.bare_name`), so
#: that both wordings name one beneficiary. A branch named by its place first ("l'antenne de Luzech des Restos du
#: Cœur") is not read: the place would be taken for the body; nor is a budget's section ("imputée à la section
#: fonctionnement du Budget principal").
_BRANCH_OF = (r"(?:antennes?|sections?|d[ée]l[ée]gations?|unit[ée]s?|branches?)"
              r"(?:\s+(?!(?:de|des|du|la|le|les|et|en|au|aux|à|pour|sur|fonctionnement|investissement)\b)"
              r"[a-zà-ÿ-]+){0,2}"
              r"\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+)(?=[A-ZÉÈÀ])")
#: "a" for "à", as texts typed without accents write it ("une subvention de 900 € a l'association des parents
#: d'eleves"), only before what names a beneficiary (:data:`_A_BEFORE` tells it from the verb avoir).
_A_FOR_À = (r"(?<![\w'’-])a(?=\s+(?:l['’](?:association\b|[A-ZÉÈ])|la\s+(?:commune|ville|structure)\s+d|"
            r"(?:la|le)\s+[A-ZÉÈ]|(?:la\s+|l['’])(?=" + _KIND_OF + r"|" + _BRANCH_OF + r")))")
#: What may come between "l'association" and its name: "l'association dite « Les Copains du Lot »", or a word in
#: small letters that says its kind: "l'association étudiante Nightline X", "l'association sportive Le Réveil".
_CALLED = (r"(?:dite\s+|dénommée\s+|appelée\s+|(?!(?:de|des|du|la|le|les|pour|par|et|en|au|aux|sur|avec|qui|dont|"
           r"est|a)\s)[a-zà-ÿ]{3,}\s+(?=[A-ZÉÈÀ«\"]))?")
_BENEFICIARY = re.compile(
    r"(?:\bà|" + _A_FOR_À + r"|\bau\s+profit\s+de|\ben\s+faveur\s+de|\bau\s+bénéfice\s+de|\bbénéficiaire\s*:)\s+"
    r"(?:l['’]association\s+" + _CALLED + r"|la\s+structure\s+|la\s+société\s+|l['’](?=[A-ZÉŒ])|"
    r"(?:la\s+|l['’])" + _BRANCH_OF + r"|"
    r"la\s+(?=[A-ZÉ])|le\s+(?=[A-ZÉ])|"
    r"la\s+(?=(?:commune|ville)\s+d(?:e\s+|['’])[A-ZÉ])|l['’](?=" + _ASSOCIATION_OF + r")|"
    r"(?:la\s+|l['’])(?=" + _KIND_OF + r")|"
    r"(?<=à)\s*(?=[A-ZÉ]))?(?P<name>(?:[A-ZÉÈÀŒ«\"0-9]|(?:commune|ville)\s+d(?:e\s+|['’])[A-ZÉ]|"
    + _ASSOCIATION_OF + r"|(?<=\sla\s)" + _KIND_OF + r"|(?<=l['’])" + _KIND_OF + r")[^\n]*?)" + _STOP
    # "au profit du Groupe d'entraide mutuelle Les Tilleuls", "en faveur des Petits Frères des Pauvres": as "au X"
    + r"|(?P<au>(?:\b(?:au\s+profit|en\s+faveur|au\s+bénéfice)\s+d(?:u|es)|\bau(?:x)?)\s+"
    r"(?P<name2>(?:[A-ZÉÈÀ]|(?:(?<=au\s)|(?<=du\s)|(?<=des\s))" + _KIND_OF + r")[^\n]*?)" + _STOP + r")")
#: A name that opens with its kind in small letters: the name that follows when it opens with an article ("centre
#: social Les Tilleuls": Les Tilleuls, as "l'association Les Amis" is Les Amis), else the whole, its first letter
#: a capital ("Comité des fêtes de Lussac").
_KIND_NAME = re.compile(KIND + r"(?:\s+[a-zà-ÿ-]+){0,2}?\s+(?=(?:Les|La|Le|L['’])\s*[A-ZÉÈÀ])")
ASSOCIATION_CALLED = re.compile(r"l['’](?:association\s+" + _CALLED
                                + r"|(?=Association\s))(?P<name>[A-ZÉÈÀ«\"0-9][^\n]*?)" + _STOP)


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




#: The word before an "à" that is part of a name ("Club Nautique des Bassins à Flot", "Maison à Colombages",
#: "Aide à Domicile"): a word in capitals and small letters, not one that opens a grant's sentence ("Subvention à
#: Club X", "Attribue à …") unless it follows "de" in the name ("Association d'Aide à Domicile").
_NAME_WORD_BEFORE = re.compile(r"(?:(?P<link>\bd['’]|\bde\s+)|(?<![\w'’-]))(?P<word>[A-ZÉÈÀÂÎÔ][a-zà-ÿ][\w'’-]*)\s+$")
_OPENING_WORD = re.compile(r"(?:subventions?|aides?|participations?|contributions?|dotations?|allocations?|fonds|"
                           r"soutiens?|primes?|versements?|attribu\w*|accord\w*|allou\w*|verse\w*|octroi\w*|"
                           r"decid\w*|propos\w*)")


#: What an unaccented "a" follows when it stands for "à": an amount, a granting verb or a grant's word, or a list's
#: punctuation or line start — never a subject, as the verb avoir does ("L'association a la Présidence du comité").
_A_BEFORE = re.compile(r"(?:(?:€|euros?|\d)[ \t)]*|[,:;(]|^|\n|\bet|\b(?:attribu|allou|vers|accord|octroy|propos|"
                       r"destin)\w*|" + GRANT_WORD.pattern + r")\s*$", re.I)


def _avoir(sentence: str, match: re.Match) -> bool:
    """Whether a beneficiary's unaccented "a" is rather the verb avoir: what it follows is no grant's."""
    return bool(re.match(r"a\s", match.group(0))) and not _A_BEFORE.search(sentence, max(0, match.start() - 40),
                                                                     match.start())


def _inside_name(sentence: str, match: re.Match) -> bool:
    """Whether a beneficiary's "à" with no article after it ("à Flot-Fictif") is rather inside a name that goes on
    from the word before it ("… des Bassins à Flot-Fictif"): a grant's "à" follows an amount, a verb or a grant's
    words, all in small letters ("1 500 € à Club X", "versée à Club X")."""
    if not re.match(r"à\s+[A-ZÉÈÀ]", match.group(0)):
        return False
    before = _NAME_WORD_BEFORE.search(sentence, max(0, match.start() - 60), match.start())
    return bool(before) and (bool(before.group("link")) or not _OPENING_WORD.fullmatch(fold(before.group("word"))))


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


#: What opens an aside about a beneficiary named before it: "l'association X, qui assure des consultations … à
#: Gignac, une subvention …", "…, pour les permanences de son unité mobile …,".
_ASIDE_OPENS = re.compile(r",\s*(?:qui|dont|où|lequel|laquelle|lesquels|lesquelles|pour|afin)\b[^,;]*$", re.I)


#: A name, then a spaced dash and words in small letters that describe the project.
_DESCRIBED = re.compile(r"[\w)»]\s+[–—-]\s+[a-zà-ÿ]")


def _quoted_with(sentence: str, at: int, anchor: int) -> bool:
    """Whether the guillemets open at ``at`` also hold the amount at ``anchor``: a passage the text quotes, such as
    the new words of an amended article ("modifie l'article 2 … comme suit : « une subvention de 3 500 € est
    attribuée à la Maison des Adolescents »"), where "à X" is the grant's, not a title's.

    >>> _quoted_with("comme suit : « une subvention de 3 500 € est attribuée à la Maison X »", 55, 33)
    True
    >>> _quoted_with("au festival « Jazz à Vienne » une aide de 500 €", 19, 42)
    False
    """
    opened = sentence.rfind("«", 0, at)
    return 0 <= opened < anchor and "»" not in sentence[opened:anchor]


# The brackets and the guillemets open before each offset of a sentence, counted once: each of its amounts asks
# about each "à X" of it (200 grants in one sentence: 3.6 s, when each asked counted them again).
@lru_cache(maxsize=8)
def _open_before(sentence: str) -> tuple[list[int], list[int]]:
    """For each offset of ``sentence``, how many more brackets and how many more guillemets open than close before
    it."""
    return (list(accumulate(((c == "(") - (c == ")") for c in sentence), initial=0)),
            list(accumulate(((c == "«") - (c == "»") for c in sentence), initial=0)))


def _aside(sentence: str, match: re.Match, clause_start: int, anchor: int) -> bool:
    """Whether a beneficiary's "à X" is rather in an aside of the sentence: in brackets or guillemets not closed
    before it ("… Claires-Fontaines (séjour à Chausey, 48 élèves) : 1 440 €", "le festival « Jazz aux Sommets »":
    a place, a title), or in a clause between commas that says more of a beneficiary named before it, ahead of
    the amount ("à l'association X, qui assure des consultations à Gignac, une subvention de …").

    >>> sentence = "accorde à l'association X, qui consulte à Gignac, une aide de 500 €"
    >>> _aside(sentence, _BENEFICIARY.search(sentence, 20), 0, 60)
    True
    """
    brackets, guillemets = _open_before(sentence)
    if brackets[match.start()] > 0 or (guillemets[match.start()] > 0
                                       and not _quoted_with(sentence, match.start(), anchor)):
        return True
    # A place in the project that a dash describes after the name: "Association X (LBES) – forage et château d'eau
    # à Koudougou (Burkina Faso) : 14 000 €".
    if re.match(r"à\s+[A-ZÉÈÀ]", match.group(0)) and _DESCRIBED.search(sentence, clause_start, match.start()):
        return True
    # (only the last comma before the name may open the aside: sought from it, not through the whole clause)
    return match.start() < anchor and sentence.find(",", match.end(), anchor) >= 0 \
        and (comma := sentence.rfind(",", clause_start, match.start())) >= 0 \
        and bool(_ASIDE_OPENS.match(sentence, comma, match.start()))


#: What follows the body a proposal is addressed to, not a beneficiary: "Il est proposé au Conseil municipal
#: d'attribuer à l'APSA …", "il est demandé au Bureau de bien vouloir …" — the verb it is asked to decide.
_ADDRESSED = re.compile(r"\s*(?:d['’](?:attribuer|allouer|accorder|octroyer|approuver|autoriser|adopter)|"
                        r"de\s+(?:verser|lui|leur|bien\s+vouloir|se\s+prononcer|signer|valider|décider|délibérer))\b",
                        re.I)


#: What opens the clause, after a grant, that tells the total it brings its beneficiary's grant to: ", portant la
#: subvention 2025 au CCAS de 180 000 € à 194 000 €", ", ce qui porte son aide à …".
_BRINGING_TOTAL = re.compile(r",\s*(?:portant|ramenant|(?:ce\s+qui|qui)\s+(?:porte|ramène)(?:ra|rait)?)\b", re.I)


class _Names:
    """The "à X" of one sentence (:data:`_BENEFICIARY`), each found and judged once whatever the amount it is
    weighed for: its name, when nothing but an aside (:func:`_aside`, which depends on the amount) may refuse it."""

    def __init__(self, sentence: str):
        self.sentence = sentence
        self._found: dict[int, re.Match | None] = {}
        self._names: dict[tuple[int, int], str] = {}
        self._walk: tuple[list[re.Match], list[int]] | None = None
        self._walked = False

    def search(self, at: int) -> re.Match | None:
        """The first "à X" from offset ``at``."""
        if at not in self._found:
            self._found[at] = _BENEFICIARY.search(self.sentence, at)
        return self._found[at]

    def name(self, match: re.Match) -> str:
        """The name of ``match`` ("" when it is none: an amount, inside a name, the verb avoir, the body addressed)."""
        if (span := match.span()) not in self._names:
            sentence = self.sentence
            name = clean_name(match.group("name") or match.group("name2") or "")
            if not name or AMOUNT_RE.search(name) or _inside_name(sentence, match) or _avoir(sentence, match) \
                    or _ADDRESSED.match(sentence, match.end()):
                name = ""
            self._names[span] = name
        return self._names[span]

    def walk(self) -> tuple[list[re.Match], list[int]] | None:
        """The "à X" that :func:`beneficiary_in` visits from the sentence's start whatever it judges of each, and where
        each starts: None when judging one would change which come after it (another "à X" starts inside it)."""
        if not self._walked:
            self._walked, matches, at = True, [], 0
            while (match := self.search(at)) is not None:
                after, inside = self.search(match.end()), self.search(match.start() + 1)
                if (after and after.span()) != (inside and inside.span()):
                    return None
                matches.append(match)
                at = match.end()
            self._walk = matches, [match.start() for match in matches]
        return self._walk


def _nearest_first(starts: list[int], anchor: int, before: range, after: range):
    """The indexes of two runs of ``starts`` that go away from ``anchor`` (those before it, those after it), merged
    the nearest first, the earlier of two as near."""
    before, after = iter(before), iter(after)
    b, a = next(before, None), next(after, None)
    while b is not None or a is not None:
        if a is None or b is not None and anchor - starts[b] <= starts[a] - anchor:
            yield b
            b = next(before, None)
        else:
            yield a
            a = next(after, None)


def _in_preference(starts: list[int], clause: tuple[int, int], anchor: int):
    """The indexes of a sentence's "à X" (their ``starts``, in order) as :func:`beneficiary_in` prefers them for the
    amount at ``anchor``: those of its ``clause`` first, then the others, each the nearest first."""
    first, last = bisect_left(starts, clause[0]), bisect_left(starts, clause[1])
    middle = bisect_left(starts, anchor, first, last)
    yield from _nearest_first(starts, anchor, range(middle - 1, first - 1, -1), range(middle, last))
    yield from _nearest_first(starts, anchor, range(first - 1, -1, -1), range(last, len(starts)))


# Each amount of a sentence weighs each of its "à X": found and judged once a sentence (200 grants in one sentence
# judged 40,000 names).
@lru_cache(maxsize=8)
def _names(sentence: str) -> _Names:
    return _Names(sentence)


def beneficiary_in(sentence: str, anchor: int, association: bool = True) -> str | None:
    """Return the beneficiary named in ``sentence`` for the amount at offset ``anchor``: the nearest one of the
    amount's own clause when the sentence grants several, else the nearest one, else (``association``) the
    sentence's "l'association X".

    >>> beneficiary_in("ATTRIBUE à la SAS Alpha une subvention de 125 000 € et à la SAS Beta une subvention de "
    ...                "18 000 €.", 42)
    'SAS Alpha'
    """
    clause_start = where_clause_starts(sentence, anchor)
    following = next_clause(sentence, anchor)
    clause_end = following.start() if following else len(sentence)
    # "…, portant la subvention 2025 au CCAS de 180 000 € à 194 000 €": the total the grant brings its beneficiary's
    # to, named again (often shorter), is not the amount's own clause.
    if bringing := _BRINGING_TOTAL.search(sentence, anchor, clause_end):
        clause_end = bringing.start()
    names = _names(sentence)
    if (walk := names.walk()) is not None:
        # each "à X" is visited whatever is judged of those before it: the first the amount prefers that is not an
        # aside is the nearest (a sentence of 400 grants weighed each of its "à X" for each amount)
        matches, starts = walk
        for i in _in_preference(starts, (clause_start, clause_end), anchor):
            if (name := names.name(matches[i])) and not _aside(sentence, matches[i], clause_start, anchor):
                return name
        best = None
    else:
        best = _nearest_judged(sentence, anchor, (clause_start, clause_end), names)
    if best:
        return best[1]
    match = ASSOCIATION_CALLED.search(sentence) if association else None
    return clean_name(match.group("name")) if match else None


def _nearest_judged(sentence: str, anchor: int, clause: tuple[int, int], names: _Names) -> tuple | None:
    """The nearest "à X" of ``sentence`` to the amount at ``anchor`` that is not an aside, as (its distance, its
    name), those of the amount's ``clause`` first: each judged in turn from the sentence's start, one that is none
    read again from its next character."""
    clause_start, clause_end = clause
    best, at = None, 0
    while match := names.search(at):
        name = names.name(match)
        if name and not _aside(sentence, match, clause_start, anchor):
            # Another clause's beneficiary only when the amount's own clause names none.
            distance = (not clause_start <= match.start() < clause_end, abs(match.start() - anchor))
            if best is None or distance < best[0]:
                best = (distance, name)
            at = match.end()
        else:  # "à 7 000 € le montant … attribuée au Comité": no name, but one may start inside it
            at = match.start() + 1
    return best


#: Whom what an amount finances is for, said after the amount: "40 000 € au financement de l'extension de la maison
#: de santé de Bannalec portée par la SISA X", "15 000 € au financement du dispositif de médiation de la CPTS X" —
#: the body that carries the project, or the one its words in small letters end with (a place's "de Bannalec" is not
#: one); "au financement des Rencontres de …" names no beneficiary.
_FINANCED = re.compile(r"\s*(?:au|pour\s+le)\s+financement\s+(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*(?=[a-zà-ÿ])"
                       r"[^;:€\n]{0,150}?(?:\bport[ée]e?s?\s+par|\bde\s+la|\bde\s+l['’]|\bdu|\bdes)\s+"
                       r"(?:la\s+|le\s+|les\s+|l['’](?=[A-ZÉÈ]))?(?P<name>[A-ZÉÈÀŒ«\"][^\n]*?)" + _STOP)


def financed(sentence: str, end: int) -> str | None:
    """The beneficiary of the project that the amount ending at ``end`` goes to finance, when the words after it
    name one.

    >>> financed("PARTICIPE à hauteur de 9 000 € au financement de l'extension de la maison de santé de Lafage "
    ...          "portée par la SISA Pôle Santé de Lafage, sous forme d'une subvention.", 30)
    'SISA Pôle Santé de Lafage'
    """
    match = _FINANCED.match(sentence, end)
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
    r"(?:à|au|aux)\s+(?:l['’]association\s+|la\s+(?=[A-ZÉÈÀ]|(?:commune|ville)\s+d)|l['’])?"
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

    >>> title_beneficiary("Attribution d'un fonds de concours à la commune de Saint-Gaultier - Réhabilitation de la halle")
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
    """
    # A grant's own word first: "Participation au poste de coordinateur et subvention à l'association X"
    grant_word = re.search(r"\bsubventions?\b", title, re.I)
    match = grant_word and _TITLE_BENEFICIARY.match(title, grant_word.start()) or _TITLE_BENEFICIARY.search(title)
    # "Demande de subvention à l'Agence régionale de santé": whom the authority asks for money, not whom it grants.
    if match is not None and _ASKED.search(title, 0, match.start()):
        return None
    name = match and (match.group("name") or match.group("name2") or match.group("name3"))
    if not name or not re.match(r"[«\"]?\s*[A-ZÉÈÀ]|(?:commune|ville)\s|" + _KIND_OF, name):
        return None
    name = re.split(r"\s+[-–—]\s+|\s*[(:;,]|\s+pour\s", name)[0]
    # a title that names the beneficiary in brackets: "… – Délibération n° 87 (subvention à l'association X)"
    return clean_name(name[:-1] if name.endswith(")") and name.count(")") > name.count("(") else name)
