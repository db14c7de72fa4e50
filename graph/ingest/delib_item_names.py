"""The name that a list's item or a record gives whom its amount goes to (:func:`item_name`), the SIRET, SIREN or
RNA number it writes beside it (:func:`item_identifier`), and the commune that a place's name alone names in a list
sorted by canton (:func:`under_canton`, :func:`commune_named`).
"""

from __future__ import annotations

import re

from graph.ingest.delib_grant_words import DESCRIPTION_AFTER_NAME
from graph.ingest.delib_lists import BLOCK_AMOUNT, BULLET, RECORD_CODE, VERB_OPENING
from graph.ingest.delib_recipient_names import for_in_name
from graph.ingest.french import AMOUNT_RE


#: An erratum's words that open the line it corrects, on that line: "Il convient de lire : X : 2 400 €" — X's line,
#: as when the words lead the lines below them (:data:`graph.ingest.delib_list_leads.LEAD`).
_CORRECTED_LINE = re.compile(r"^\s*(?:il\s+(?:convient\s+de|faut)\s+)?lire\s*:\s*", re.I)


def item_name(item: str, anchor: int) -> str | None:
    """The name that a list item gives before its amount: "- Comité des fêtes : 1 500 €", "- Foyer rural …… 850 €",
    "- la Mutualité sociale agricole : 1 800 €" (a lower-case article, or a singular one in capitals, is left out),
    "- L'ASSOCIATION X, POUR … : 3 500 EUROS" (the name ends at its comma before what it is for or before its grant:
    "1) Association X, une subvention de 12 000 €", where it is registered: "…, inscrite au registre des
    associations, vol. 9 n° 312 : 2 200 €", or what it does: "…, qui participent au tour cantonal : 1 200 €"), "- la
    Maison de santé de Pontaumur (SISA) pour le dispositif … : 3 000 €" (or at "pour" after a name of three words or
    more), "- CPTS X – SIRET 889 456 123 00014 …… 12 000 €" or "- Club X – « Bouger ensemble » : 900 €" (at a dash
    before a SIRET or a quoted title). An item that opens with a decision's verb ("- RAMÈNE la subvention …"), with a
    rate or with a payer and its verb names no one (:data:`_NO_ONE_NAMED`).

    >>> item_name("- Foyer rural de Sainte-Olive …… 1 200 €", 33)
    'Foyer rural de Sainte-Olive'
    >>> item_name("- la Mutualité sociale agricole : 1 800 €", 35), item_name("- Les Restos du Cœur : 300 €", 23)
    ('Mutualité sociale agricole', 'Les Restos du Cœur')
    >>> item_name(" Il convient de lire : Sauveteurs en Mer : 2 400 €", 43)
    'Sauveteurs en Mer'
    """
    name = re.sub(rf"^\s*(?:{BULLET}\s*)?", "", item[:anchor])  # an item indented without a bullet too
    name = _CORRECTED_LINE.sub("", name)
    if not name.strip() and re.match(rf"\s*{BULLET}", item):
        return _name_after_amount(item, anchor)
    if BLOCK_AMOUNT.fullmatch(item, item.rfind("\n", 0, anchor) + 1, anchor):
        name = _record_name(name)
    name = _without_what_follows(re.split(r"\n(?=[ \t]*[A-ZÉÈ][\w'’ ]{0,40}?[ \t]:)", name, maxsplit=1)[0])
    if VERB_OPENING.match(name) or AMOUNT_RE.search(name) or _NO_ONE_NAMED.match(name) or _TOTAL_WORDS.match(name):
        return None
    # a federation's branch may take 150 characters ("Union nationale de familles et amis de personnes malades et/ou
    # handicapées psychiques – délégation du Sauveterrois (UNAFAM)"), its line cut or not
    # a name cut over two lines is one; cut after a hyphen that a word precedes, it joins the next line without a
    # space ("Coup de Main Emploi 82-" / "Fictive")
    name = re.sub(r"(?<=\w-)[ \t]*\n[ \t]*", "", name)
    name = re.sub(r"[ \t]*\n[ \t]*", " ", name)
    return name if re.match(r"[A-ZÉÈÀ«\"0-9]", name) and 2 < len(name) <= _LONGEST_NAME else None


def _record_name(lines_before: str) -> str:
    """The name that a record (a block with no bullet, its amount a field of its last line) gives on its first line,
    from the lines before its amount: after its file's number ("Dossier n° EX045512 - Commune de X (Cantal)"), above
    what it is for and its fields a line each ("Projet : …", "Montant de la subvention : 200 000 €").

    >>> _record_name("Tiers 198234\\nDossier n° EX045512 - Commune de Riom (Cantal)\\nProjet : école\\nMontant : ")
    'Commune de Riom'
    """
    lines = [line.strip() for line in lines_before.split("\n") if line.strip()]
    while len(lines) > 1 and RECORD_CODE.fullmatch(lines[0]):  # "Tiers 198234" above the name
        lines.pop(0)
    name = re.sub(r"^(?:dossier|opération)\s*(?:n\s*[°º]\s*)?[\w./-]+\s+[-–—:]\s+", "", lines[0] if lines else "",
                  flags=re.I)
    return re.sub(r"^((?:Commune|Ville|Communauté|Métropole)\b.*?)\s*\((?:[A-ZÉ][\w'’-]*|\d{2,3}|2[AB])\)$", r"\1",
                  name)


def _without_what_follows(name: str) -> str:
    """An item's words before its amount, without what follows the name in them: the action that a carrier's field
    comes after, who carries or represents it, its identifiers, what it is for or does, its description, its
    project's title, the dot leaders, and its article and legal form in small letters.

    >>> _without_what_follows("la Maison de santé de Pontaumur (SISA) pour le dispositif … :")
    'Maison de santé de Pontaumur (SISA)'
    """
    # A line that names its action before its carrier ("Fiche action 2.1 – « Nutrition » – porteur : Association X –
    # 3 600 €"): the carrier is whom the amount goes to ("porteur : l'association X" is X, as in prose).
    if carrier := _CARRIER_FIELD.search(name):
        name = re.sub(r"^l['’]\s*association\s+(?=[A-ZÉÈÀ«\"])", "", name[carrier.end():])
    name = re.sub(r"\s*\((?:porté|portée|représenté|représentée|gérée?|pour)\b[^()]*\)", "", name)
    # Nor its SIRET, SIREN or RNA number in brackets ("Recyclerie X (SIRET 519 874 630 00048) : 24 500 €"), which the
    # beneficiary's identifiers are read from.
    name = re.sub(r"\s*\(\s*(?:n\s*[°º]\s*)?(?:SIRE[NT]|RNA)\b[^()]*\)", "", name)
    # (dot leaders stuck to a dotted acronym leave it its last dot: "Club U.S.C......... 900 €")
    name = re.split(r"\s:\s|\s*…|(?<!\.[A-Za-z])\.{3,}|(?<=\.[A-Za-z]\.)\.{3,}|"
                    r",\s*(?:pour|afin|dans\s+le\s+cadre|au\s+titre|d['’]un\s+montant)\b|"
                    r",\s*(?:une?|la|les|des)\s+(?:subventions?|aides?|participations?|dotations?|contributions?|"
                    r"sommes?|bourses?)\b|,\s*(?:qui|inscrite?s?|immatricul[ée]+s?|domicili[ée]+s?|sise?s?|situ[ée]+s?|"
                    r"dont\s+le\s+si[èe]ge|ayant\s+son\s+si[èe]ge|agr[ée]{2}s?)\b", name, flags=re.I)[0]
    # Nor what it describes after a comma in small letters, what the body does or the operation its grant pays for
    # ("GEM L'Escale Béarnaise, groupe d'entraide mutuelle", "Commune de X, extension du centre de santé municipal"):
    # not a branch of the body ("Ligue contre le cancer, comité du Gard").
    name = name[:described.start()] if (described := DESCRIPTION_AFTER_NAME.search(name)) else name
    # What a dash adds after the name is no part of it: its SIRET or SIREN ("CPTS X – SIRET 889 456 123 00014"), its
    # project's title in quotes ("Langres Aidants – « Café des aidants »").
    name = re.split(r"\s+[–—-]\s+(?=[«\"“]|(?:n\s*[°º]\s*)?SIRE[NT]\b)", name, maxsplit=1)[0]
    # Nor is the SIRET or SIREN that a dash parts from the name after it ("SIRET 419 552 321 00027 – Association X").
    name = re.sub(r"^\s*(?:n\s*[°º]\s*)?SIRE[NT]\s*(?:n\s*[°º]\s*)?:?\s*\d[\d \u00a0\u202f]{7,20}\d\s*[–—-]\s+", "",
                  name)
    name = re.sub(r"(?:[\s…:–—-]|(?<!\.[A-Za-z])\.)+$", "", name)  # not a dotted acronym's last dot ("U.S.S.G.")
    # (not a "pour" inside brackets: "X (séjours de répit pour les aidants)" tells what X's grant is for, in full)
    purpose = next((m for m in ITEM_PURPOSE.finditer(name)
                    if name.count("(", 0, m.start()) <= name.count(")", 0, m.start())), None)
    if purpose and len(name[:purpose.start()].split()) >= 3 and not for_in_name(name, purpose.start()):
        name = name[:purpose.start()]
    article = r"l['’]|la\s+|le\s+|les\s+" + (r"|L['’]|LA\s+|LE\s+" if name.isupper() else "")
    name = re.sub(rf"^(?:{article})(?=\w)", "", name)
    # "— la coopérative Domicile Plus Services, pour … : 9 800 €": its legal form in small letters is no part of the
    # name, as "l'association X"'s is not.
    name = re.sub(rf"^{COOPERATIVE}", "", name)
    return name


#: The field that names a line's carrier, whom its amount goes to, after what the line says of the action: "porteur :",
#: "porteur du projet :", "structure porteuse :", or "porté par" after a dash.
_CARRIER_FIELD = re.compile(r"(?:\b(?:porteu(?:r|se)(?:[ \t]+(?:du|de)[ \t]+(?:l['’])?(?:projet|action))?|"
                            r"structure[ \t]+porteuse)[ \t]*:|[–—-][ \t]+port[ée]e?[ \t]+par)[ \t]*", re.I)
#: The words of a list's total line, no one's name: "TOTAL DE LA RÉPARTITION", "Sous-total canton de Lamastre".
_TOTAL_WORDS = re.compile(r"(?:sous[- ]?)?total\b", re.I)
#: A section's heading that sorts a list's items by canton: "Canton de Lamastre-Doux", "Canton du Haut-Eyrieux".
_CANTON_HEADING = re.compile(r"[ \t]*canton\s+(?:de|du|des|d['’])\s*[^\n€\d]+", re.I)
#: A name that is a place's alone: capitalised words, hyphens and the little words of a place ("Saint-Agrève",
#: "Le Cheylard", "Lamastre", "Saint-Julien-du-Gua") — no kind, no acronym.
_PLACE_NAME = re.compile(r"(?:L[ae]s?\s+|L['’])?[A-ZÀ-Ý][a-zà-ÿ'’]+"
                         r"(?:[ -](?:[A-ZÀ-Ý][a-zà-ÿ'’]+|d[eu]|des|la|le|les|sur|sous|en|lès|"
                         r"l['’][A-ZÀ-Ý][a-zà-ÿ]+|d['’][A-ZÀ-Ý][a-zà-ÿ]+))*")
#: A name's first word that is a kind of body, not a place: "Association", "Comité", "Commune", "Syndicat".
_NOT_A_PLACE = re.compile(r"(?:association|comit[ée]|club|commune|ville|mairie|syndicat|centre|foyer|union|ligue|"
                          r"f[ée]d[ée]ration|maison|soci[ée]t[ée]|collectif|amicale|office|r[ée]seau|fondation|"
                          r"coop[ée]rative|mutuelle|entente|groupement|institut|cercle|école|coll[èe]ge|lyc[ée]e)\b",
                          re.I)


def under_canton(body: str, start: int) -> bool:
    """Whether the list's item at ``start`` of ``body`` sits below a canton's heading, the items between them (lines
    with an amount) aside: a list of a département's aid sorted by canton lists communes.

    >>> under_canton("Canton de Lamastre\\n  Désaignes – toiture …… 14 300 €\\n  Nozières – école …… 8 750 €", 52)
    True
    >>> under_canton("Le Conseil attribue :\\n  Nozières – école …… 8 750 €", 22)
    False
    """
    for line in reversed(body[:start].split("\n")[:-1]):
        if not AMOUNT_RE.search(line):
            return bool(_CANTON_HEADING.fullmatch(line.rstrip()))
    return False


def commune_named(name: str) -> str:
    """The commune that a place's name alone names, in a list sorted by canton (:func:`under_canton`): "Désaignes" is
    the Commune de Désaignes, as a column of communes says (:func:`graph.ingest.delib_tables._commune`); a name of
    another kind stays as it is. Its article "Le", "Les" joins the "de" ("Commune du Cheylard").

    >>> commune_named("Désaignes"), commune_named("Arlebosc"), commune_named("Le Cheylard")
    ('Commune de Désaignes', "Commune d'Arlebosc", 'Commune du Cheylard')
    >>> commune_named("Foyer rural de Mars")
    'Foyer rural de Mars'
    """
    if not _PLACE_NAME.fullmatch(name) or _NOT_A_PLACE.match(name):
        return name
    if joined := re.match(r"(Les?) (?=\S)", name):
        return ("Commune du " if joined[1] == "Le" else "Commune des ") + name[joined.end():]
    return "Commune " + ("d'" if name[0].lower() in "aeiouyhàâéèêîôû" else "de ") + name


#: A SIRET, SIREN or RNA number that a list's item writes beside its beneficiary's name, in brackets or after a dash:
#: "- Recyclerie X (SIRET 519 874 630 00048) : 24 500 €", "- Club Y – RNA W123456789 : 900 €".
_ITEM_IDENTIFIER = re.compile(r"\b(?:n\s*[°º]\s*)?(?:SIRE[NT]|RNA)\b\s*(?:n\s*[°º]\s*)?:?\s*"
                              r"(?:W[\dA-Z]{9}\b|\d[\d \u00a0\u202f.]{7,22}\d)", re.I)


def item_identifier(item: str) -> str | None:
    """The SIRET, SIREN or RNA number that a list's ``item`` writes before its amount, as written; the item's
    beneficiary's even when its name, cut over two lines, is written nowhere whole.

    >>> item_identifier("- Coup de Main 82-\\n  Fictive (SIRET 408 221 992 00014) : 11 000 €")
    'SIRET 408 221 992 00014'
    >>> item_identifier("- Club A : 900 € (dont 300 € pour le club SIREN 123 456 789)") is None
    True
    """
    amount = AMOUNT_RE.search(item)
    found = _ITEM_IDENTIFIER.search(item, 0, amount.start() if amount else len(item))
    return found.group(0) if found else None


#: A cooperative's legal form in small letters before its name in capitals, which it is no part of, as
#: "l'association" is not: "— la coopérative Domicile Plus Services, pour … : 9 800 €", "à la coopérative X".
COOPERATIVE = r"(?:la\s+)?coop[ée]rative\s+(?=[A-ZÉÈÀ«\"])"
#: The longest name an item may give its beneficiary.
_LONGEST_NAME = 150
#: An item's amount that opens it, then a colon or a dash, then whom it goes to, alone to the line's end: "1) 2 500 € :
#: Association X ;", "- 650 € – Club Y.".
_AMOUNT_THEN_NAME = re.compile(r"[ \t]*[:–—-][ \t]*(?P<name>[^\n:;€]{3,120}?)[ \t]*[;.,]?[ \t]*(?=\n|\Z)")
#: What an amount-first item says after its amount that is what the grant is for, not whom it goes to.
_NOT_A_NAME = re.compile(r"(?:subventions?|aides?|participations?|fonctionnement|investissement|[ée]quipement|"
                         r"projets?|actions?|solde|acompte|avance|total|reliquat|exercice|ann[ée]e)\b", re.I)


def _name_after_amount(item: str, anchor: int) -> str | None:
    """The name that a list item gives after the amount that opens it (at ``anchor``): "1) 2 500 € : Association
    X ;", "- 650 € – Club Y." — None when what follows says what the amount is for ("- 5 000 € : fonctionnement").

    >>> _name_after_amount("1) 2 500 € : Association Combes Handisport ;", 3)
    'Association Combes Handisport'
    >>> _name_after_amount("- 5 000 € : Fonctionnement 2025", 2), _name_after_amount("- 900 € : la Ligue Y.", 2)
    (None, 'Ligue Y')
    """
    amount = AMOUNT_RE.match(item, anchor)
    after = amount and _AMOUNT_THEN_NAME.match(item, amount.end())
    if not after or _NOT_A_NAME.match(after["name"]) or AMOUNT_RE.search(after["name"]):
        return None
    name = re.sub(r"^(?:l['’]|la\s+|le\s+|les\s+)(?=\w)", "", after["name"].strip())
    if VERB_OPENING.match(name) or not re.match(r"[A-ZÉÈÀ«\"0-9]", name):
        return None
    return name


#: What an item's beneficiary is paid for: "… (SISA) pour le dispositif d'éducation thérapeutique".
ITEM_PURPOSE = re.compile(r"\s+pour\s+(?:le|la|les|l['’]|un|une|des|son|sa|ses|leurs?)\b", re.I)

#: An item's words before its amount that are no one's name: a rate of a cost, whom it goes to said inside ("– 40 % du
#: coût du projet de l'association X, plafonné à 2 000 €"), or a clause whose subject pays the amount, a co-funder
#: ("– la Région apporte 2 000 € au projet", "– le Département finance à hauteur de"), its verb in small letters.
_NO_ONE_NAMED = re.compile(r"(?s)\d+(?:[,.]\d+)?\s*(?:%|pour\s*cent\b)|"
                           r"[^,]*?\s(?:(?:apport|cofinanc|financ|particip|contribu|vers|abond|consacr)(?:e|ent)|"
                           r"prend(?:nent)?\s+en\s+charge)\b")
