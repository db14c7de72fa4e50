"""How a deliberation's prose is cut into sentences and list items, and the name a list item or a record gives.

A list item opens with a bullet ("-", "•", a PDF's "(cid:N)"), or with no bullet stands alone on its line, a name
then ":", dot leaders or a dash then an amount; a record is a block of lines with no bullet, its amount on its last
line as a field ("Montant de la subvention : 200 000 €") or in a column. Each item is a sentence of its own.

>>> [sentence.strip() for _, sentence in list_sentences("Il est proposé d'attribuer :\\n- Club A : 1 500 € ;\\n"
...                                                 "- Club B : 800 €.")]
["Il est proposé d'attribuer :", '- Club A : 1 500 € ;', '- Club B : 800 €.']
"""

from __future__ import annotations

import re

from graph.ingest.delib_grant_words import DESCRIPTION_AFTER_NAME, GRANT_WORD
from graph.ingest.delib_recipient_names import for_in_name
from graph.ingest.french import AMOUNT_RE
from graph.ingest.french_numbers import NUMBER_WORDS


#: The characters that a list's item may open with as its bullet: hyphens and dashes, the bullet, the star, and the
#: shapes and arrows that word processors offer (diamonds, squares, triangles, arrows, check marks, circles).
BULLET_MARKS = "-–—•*▪►●○◦◆◇■□▸▹➢➤➔→✓✔❖"
#: A programme's action that labels a list's line, then its dash or colon: "Fiche action 2.1 –", "Fiche-action n° 6 :"
#: (a contrat local de santé's lines). It marks the line as a number does, and names no one: whom the line's amount
#: goes to is its carrier's name ("porteur : Association X", :data:`_CARRIER_FIELD`).
ACTION_LABEL = r"(?i:fiche[ \t-]action[ \t]*(?:n[ \t]*[°º][ \t]*)?\d{1,2}(?:\.\d{1,2})*[ \t]*[–—:-](?=[ \t]))"
#: What opens a list item: a hyphen, a dash, a bullet, a number or a letter ("1)", "2°)", "2°", "a)"), a point's
#: number in a numbered point ("1.2 Les Écuries …", before a capital), a fiche action's label (:data:`ACTION_LABEL`)
#: — or the "(cid:N)" that a PDF's text gives for a bullet drawn with a symbol font. (A dot or a number with a dot,
#: "   . Judo Club : 1 800 €", "1. …", is one too: :func:`list_sentences` reads it as a bullet or a "1)".)
BULLET = (r"(?:[" + BULLET_MARKS + r"]|\(cid:\d+\)|\d{1,2}\s?°?\)|\d{1,2}\s?°(?=[ \t])|[a-z]\)(?=[ \t])|"
          r"\d{1,2}(?:\.\d{1,2})+\.?(?=[ \t]+[A-ZÀ-Ý«\"])|" + ACTION_LABEL + ")")
#: A list item's dot at the start of its line, alone or after a number, that would else end a sentence.
_DOT_MARKER = re.compile(r"^([ \t]*\d{0,2})\.(?=[ \t]+\S)", re.M)
#: An amount in words before its "euros": "mille cinq cents", "deux mille", "trois cent cinquante".
_SPELLED_WORD = "|".join(NUMBER_WORDS + ("millions", "million", "mille"))
_SPELLED_AMOUNT = rf"(?:{_SPELLED_WORD})(?:[ \t-]+(?:et[ \t-]+)?(?:{_SPELLED_WORD}))*[ \t]+euros?\b"
#: The first line of a name that a list's item without a bullet wraps over two lines, its dot leaders and amount on
#: the second: "Association des parents d'élèves de l'école" / "Jean-de-La-Fontaine …………… 350 €". It opens with a
#: capital, ends on a letter and has no mark that ends a sentence, an item or a lead (".", ";", ":", "€", dot
#: leaders), nor a granting verb in small letters ("Le Conseil attribue" / "Club A …… 300 €" is no name).
_WRAPPED_NAME = (r"(?-i:[A-ZÀ-ÝŒ])(?![^\n]*(?-i:\b(?:attribu|allou|décid|DÉCID)\w*|"
                 r"\b(?:accord|vers|propos)(?:e|é|ée|ées|és|er|ent)\b))"
                 r"[^\n.;:€…]{1,100}?(?<=[^\W\d])[ \t]*\n[ \t]*"
                 r"(?=[^\n.;:€…]{2,120}?[ \t]*(?:\.{3,}|…+)[ \t]*\d)")
#: A list item that no bullet opens (the PDF drew it, or the text only indents it): a name, then ":", dot leaders or
#: a dash, then an amount, alone on its line ("Comité des fêtes de Lussac : 1 500 € ;", "CPTS du Val – fonctionnement
#: – 22 000 €", "Judo Club : mille cinq cents euros") or with a bracket after it ("SISA X : 4 000 € (subvention
#: d'investissement, article 20422)") — or the name alone on its line and the amount indented alone on the next ("Club
#: Entraide du Cher" / "    900 €"). A name may wrap over two lines before its dot leaders (:data:`_WRAPPED_NAME`).
_BARE_ITEM = (r"(?:" + _WRAPPED_NAME + r")?"
              r"[^\n]{2,120}?(?:[ \t]+:[ \t]*|[ \t]*(?:\.{3,}|…+)[ \t]*|[ \t]+[–—-][ \t]+|(?<=[^\W\d])[ \t]{2,}|"
              r"(?<=[^\W\d]|[)»])[ \t]*\n[ \t]+)"
              r"(?:(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,\d{1,2})?[ \u00a0\u202f]*(?:€|euros?)|"
              + _SPELLED_AMOUNT + ")"
              r"(?:[ \t]+\([^()\n]{1,80}\))?[ \t]*[;.,]?[ \t]*(?=\n|\Z)")
#: An item that gives the amount asked, then the amount proposed: "ADMR de X : demande 3 500 €, proposition 3 000 €."
_ASKED_THEN_PROPOSED = (r"[^\n]{2,120}?[ \t]+:[ \t]*(?:demand|sollicit)[^\n€]{0,20}\d[^\n€]{0,14}(?:€|euros?)\s*[,;]?"
                        r"[ \t]*(?:propos|accord|attribu|retenu|vot)[^\n€]{0,30}\d[^\n€]{0,14}(?:€|euros?)"
                        r"[^\n]*(?=\n|\Z)")
ITEM_START = re.compile(rf"\s*(?:{BULLET}|{_BARE_ITEM}|{_ASKED_THEN_PROPOSED})", re.I)

#: A block's line that gives its grant's amount as a field: "Montant : 45 K€ (fonctionnement) - Imputation : …",
#: "Montant de la subvention régionale : 200 000 €".
AMOUNT_FIELD = re.compile(r"[ \t]*(?:montant|subvention|aide|participation)\b[^:\n]{0,60}:[ \t]*", re.I)
#: What precedes a block's amount on its line: a field's label ("Montant de la subvention régionale :"), or a
#: file's number and the spaces of a column ("Dossier EX024733          12 500 Euros").
_BLOCK_AMOUNT = re.compile(AMOUNT_FIELD.pattern + r"|[^\n]*?\S[ \t]{3,}", re.I)
#: A list's item laid out as a block with no bullet: lines, the last ones its amount's.
BLOCK = re.compile(r"[^\n]+\n(?:[^\n]*\n)*?(?:" + _BLOCK_AMOUNT.pattern + r")\d", re.I)
#: A record's code on a line of its own, above its name: "Tiers 198234", "Dossier n° EX024733".
RECORD_CODE = re.compile(r"(?:tiers|dossier|réf(?:érence)?\.?|n\s*[°º]|code)\s*(?:n\s*[°º]\s*)?[\w./-]*\d[\w./-]*",
                         re.I)


#: A sentence's characters: anything but its ends — a dot between two digits ("1.500,00 €") ends nothing,
#: nor do dot leaders ("Club des aînés ...... 850 €"), nor an abbreviation's before a comma ("0,40 €/hab., soit …"),
#: nor a civility's that opens a list's item ("- M. Thomas VIALLARD, interne …, soit 7 200 € ;": the item is one) or
#: follows the "à" that grants to the person ("une bourse de 4 800 € à M. Yassine X, interne"), nor the dots of an
#: abbreviation before a number ("inscrite au registre des associations, vol. 12 n° 884") or of a name's dotted
#: acronym or legal form before words in small letters ("le Cercle Sportif Saint-Georges e.V. pour son programme"),
#: nor those of a person's initials before another initial or dot leaders ("- Mme A. K. …… 1 150 €", "à M. J.-P. V."),
#: nor the last dot of a dotted acronym before dot leaders ("- Club de football U.S.S.G. …… 2 100 €").
_IN_SENTENCE = (r"(?:[^.;\n]|(?<=\d)\.(?=\d)|\.{2,}|\.(?=[ \t]*,)|"
                r"(?:(?<=\bvol)|(?<=\bart)|(?<=\bal)|(?<=\bp)|(?<=\bpp)|(?<=\bch)|(?<=\bréf)|(?<=\bref)|"
                r"(?<=\bfol)|(?<=\bt))\.(?=[ \t]*\d)|"
                r"(?<=\b[A-Za-z])\.(?=[A-Za-z]\.)|(?<=[ \t-][A-Z])\.(?=[ \t]?[A-Z]\.|-[A-Z]\.|[ \t]*(?:\.{3,}|…|:))|"
                r"(?<=\.[A-Za-z])\.(?=[ \t]+[a-zà-ÿ«(]|[ \t]*[,;:)]|[ \t]*(?:\.{3,}|…))|"
                rf"(?:(?<=[{BULLET_MARKS}] M)|(?<=[{BULLET_MARKS}] Dr)|(?<=[{BULLET_MARKS}] Pr)|"
                r"(?<=\s[àa] M)|(?<=\sau Dr)|"
                r"(?<=\sau Pr))\.(?=[ \t]+[A-ZÉÈ]))+")


#: An erratum's words that open the line it corrects, on that line: "Il convient de lire : X : 2 400 €" — X's line,
#: as when the words lead the lines below them (:data:`LEAD`).
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
    # A block: the name on its first line (after its file's number: "Dossier n° EX045512 - Commune de X (Cantal)"),
    # then what it is for and fields a line each ("Projet : …", "Montant de la subvention : 200 000 €").
    if _BLOCK_AMOUNT.fullmatch(item, item.rfind("\n", 0, anchor) + 1, anchor):
        lines = [line.strip() for line in name.split("\n") if line.strip()]
        while len(lines) > 1 and RECORD_CODE.fullmatch(lines[0]):  # "Tiers 198234" above the name
            lines.pop(0)
        name = re.sub(r"^(?:dossier|opération)\s*(?:n\s*[°º]\s*)?[\w./-]+\s+[-–—:]\s+", "", lines[0] if lines else "",
                      flags=re.I)
        name = re.sub(r"^((?:Commune|Ville|Communauté|Métropole)\b.*?)\s*\((?:[A-ZÉ][\w'’-]*|\d{2,3}|2[AB])\)$", r"\1",
                      name)
    name = re.split(r"\n(?=[ \t]*[A-ZÉÈ][\w'’ ]{0,40}?[ \t]:)", name, maxsplit=1)[0]
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
    if _VERB_OPENING.match(name) or AMOUNT_RE.search(name) or _NO_ONE_NAMED.match(name) or _TOTAL_WORDS.match(name):
        return None
    # a federation's branch may take 150 characters ("Union nationale de familles et amis de personnes malades et/ou
    # handicapées psychiques – délégation du Sauveterrois (UNAFAM)"), its line cut or not
    # a name cut over two lines is one; cut after a hyphen that a word precedes, it joins the next line without a
    # space ("Coup de Main Emploi 82-" / "Fictive")
    name = re.sub(r"(?<=\w-)[ \t]*\n[ \t]*", "", name)
    name = re.sub(r"[ \t]*\n[ \t]*", " ", name)
    return name if re.match(r"[A-ZÉÈÀ«\"0-9]", name) and 2 < len(name) <= _LONGEST_NAME else None


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
    if _VERB_OPENING.match(name) or not re.match(r"[A-ZÉÈÀ«\"0-9]", name):
        return None
    return name


#: What an item's beneficiary is paid for: "… (SISA) pour le dispositif d'éducation thérapeutique".
ITEM_PURPOSE = re.compile(r"\s+pour\s+(?:le|la|les|l['’]|un|une|des|son|sa|ses|leurs?)\b", re.I)
#: A decision's verb in capitals, then its words in small letters: "ATTRIBUE à …", "RAMÈNE la subvention …".
_VERB_OPENING = re.compile(r"(?:ATTRIBU|ACCORD|ALLOU|VERS|OCTROI|D[ÉE]CID|RAM[ÈE]N|PORT|FIX|APPROUV|AUTORIS|PR[ÉE]CIS|"
                           r"ANNUL|DIT|DONN|VALID|ARR[ÊE]T|AJUST|MODIFI|R[ÉE]DUI|CONFIRM|PREND|RETIR|ABROG|SUPPRIM|"
                           r"IMPUT|INSCRI|CHARG)[A-ZÉÈ]*(?:\s+ACTE)?\s+(?:[a-zà-ÿ]|L['’])")
#: An item's words before its amount that are no one's name: a rate of a cost, whom it goes to said inside ("– 40 % du
#: coût du projet de l'association X, plafonné à 2 000 €"), or a clause whose subject pays the amount, a co-funder
#: ("– la Région apporte 2 000 € au projet", "– le Département finance à hauteur de"), its verb in small letters.
_NO_ONE_NAMED = re.compile(r"(?s)\d+(?:[,.]\d+)?\s*(?:%|pour\s*cent\b)|"
                           r"[^,]*?\s(?:(?:apport|cofinanc|financ|particip|contribu|vers|abond|consacr)(?:e|ent)|"
                           r"prend(?:nent)?\s+en\s+charge)\b")
#: A list's item that is the decision's next clause, not an entry of the list above it: a decision's verb in
#: capitals ("4. PREND ACTE du remboursement … de l'aide de 15 000 € …") or in the infinitive ("- d'approuver le
#: versement de la cotisation annuelle … de 1.200 €"). An entry opens with whom it goes to.
_CLAUSE_ITEM = re.compile(rf"[ \t]*{BULLET}[ \t]*(?:{_VERB_OPENING.pattern}|(?:d['’]|de[ \t]+)[a-zàâéèêîôûç]+"
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
#: What a heading with a grant list's items below it never says: a clause's verb (an article of the decision, not an
#: account's: "Budget principal – chapitre 65, article 6574 :" heads a section), a record, a plan's amounts.
_NOT_SECTION = re.compile(r"\barticle\b(?!\s+\d{3,})|pour\s+m[ée]moire|pour\s+information|rappel|"
                          r"plan\s+de\s+financement|financeurs?\b|co[uû]ts?\b|d[ée]penses\b|recettes\b|demand|sollicit|"
                          r"\bsign|\bconventions?\b", re.I)


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
        and not (AMOUNT_RE.search(sentence) or _VERB_OPENING.match(match["words"]) or _NOT_SECTION.search(sentence))


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


#: A list's item that opens with whom it goes to and ends with its amount, one a line under its lead, as rural
#: registers write them: "au comité des fêtes de Lussac la somme de trois cent cinquante euros (350 €),".
DATIVE_ITEM = re.compile(r"[ \t]*(?:à|au|aux|a(?=\s+la?\s|\s+l['’]))\s[^\n]*?\d(?:[\d \u00a0\u202f.]*\d)?(?:,\d{1,2})?"
                         r"[ \u00a0\u202f]*(?:€|euros?\b)[ \t]*\)?[ \t]*[,;.]?[ \t]*(?=\n|$)", re.I)


#: A list's item with no bullet that opens with whom it goes to, named (a capital among its first words), its amount
#: further on, maybe on a line below: "à l'association X, la somme de 25.000,00 euros pour son programme" /
#: "d'intervention en milieu scolaire ;", "au Centre hospitalier X, pour sa consultation …" / "…, la somme de 12.000,00
#: euros ;". Not "au titre de …", "au nom de …", "au lieu de …": what an amount is for, who acts, what it replaces.
DATIVE_OPENING = re.compile(r"[ \t]*(?:[àÀ]|[aA]ux?)[ \t]+(?!titre\b|nom\b|lieu\b|vu\b|sein\b|cours\b|terme\b)"
                            r"(?:[a-zà-ÿ-]+[ \t]+|[ld]['’][ \t]*){0,4}[A-ZÀ-ÝŒ][^\n]*")


def dative_item(sentence: str) -> bool:
    """Whether ``sentence`` is a list's item that opens with whom it goes to and gives its amount further on, its
    own sentence ended by its ";" (:data:`DATIVE_OPENING`): under a lead, it is an item as a bulleted one is.

    >>> dative_item("au Centre hospitalier X, pour sa consultation\\njeunes, la somme de 12.000,00 euros ;")
    True
    >>> dative_item("au titre de l'exercice 2024, la somme de 500 € ;"), dative_item("à la Commune de X ;")
    (False, False)
    """
    return bool(DATIVE_OPENING.match(sentence) and AMOUNT_RE.search(sentence))


def _dative_items(start: int, sentence: str):
    """A sentence cut at each of its lines that is a dative item (:data:`DATIVE_ITEM`) below its lead's colon or
    below another such item: "décide d'allouer :" then "au X la somme de … (350 €)," a line each. A line that goes on
    a sentence whose amount came first ("… une subvention de 500 €,\nà l'association X pour …") ends with no amount
    of its own, and stays in it. Below the lead's colon, an item that wraps its amount to a line below, the sentence
    ending with it (:func:`dative_item`: "suivantes :" / "à l'association X, la somme de 25.000,00 euros pour son" /
    "programme ;") is cut from the lead too: its name is the item's, not the lead's."""
    lines = sentence.split("\n")
    cuts, offset, previous = [], 0, None
    for i, line in enumerate(lines):
        if i and (previous.rstrip().endswith(":") or offset - len(previous) - 1 in cuts) \
                and DATIVE_ITEM.fullmatch(line) \
                or i and previous.rstrip().endswith(":") and dative_item(sentence[offset:]):
            cuts.append(offset)
        previous, offset = line, offset + len(line) + 1
    for a, b in zip([0] + cuts, cuts + [len(sentence)]):
        yield start + a, sentence[a:b].rstrip("\n")


def list_sentences(body: str):
    # A bare item opens a sentence after a line ending its own (the lead's ":"), not a line cut in a word. A bullet
    # opens one however far it is indented ("    - MSP X : 30 000 €,"): each item is its own sentence. A dot that
    # opens a line is a bullet, a number's dot a parenthesis (of one character each: the offsets stay the body's).
    body = _DOT_MARKER.sub(lambda m: m.group(1) + (")" if m.group(1).strip() else "•"), body)
    # A bullet's line that says what part of the item above is for ("   ➢ dont 1 000 € au titre du projet …") goes on
    # that item. A bare item opens one below a line that ends an item, its amount in words too ("Judo Club : mille
    # cinq cents euros" / "Tennis Club : 2 000 €").
    for match in re.finditer(rf"{_IN_SENTENCE}(?:\n(?![ \t]*{BULLET}(?![ \t]*dont\b)|\s*\n|\||"
                             rf"(?:(?<=[:;€]\n)|(?<=euros\n)|(?<=euro\n)){_BARE_ITEM}){_IN_SENTENCE})*[.;]?", body,
                             re.I):
        if match.group(0).strip():
            for start, sentence in _bare_item_alone(match.start(), match.group(0)):
                for start_, sentence_ in _dative_items(start, sentence):
                    yield from _subheadings_apart(body, start_, sentence_)


#: An annex's heading, a line of its own: "ANNEXE", "Annexe 1 – Subventions 2024", "ANNEXE À LA DÉLIBÉRATION N°
#: CP-2024-09-117". The canton's line below it heads the annex's first items (:func:`_subheadings_apart`).
ANNEX_HEADING = re.compile(r"[ \t]*annexe(?:[ \t]+(?:n°[ \t]*)?(?:\d{1,2}|[IVX]{1,4}))?(?:[ \t]*[–—:-][^\n]*|"
                           r"[ \t]+(?:à|a)[ \t]+la[ \t]+(?:présente[ \t]+)?délibération\b[^\n]*)?[ \t]*", re.I)
#: A sub-heading's line inside a list, above the items it groups: a few words with no amount and no end mark
#: ("Canton de Lodève", "Secteur Nord"), which ends on no word that a name's next line would go on from.
_SUBHEADING = re.compile(r"([ \t]*)[A-ZÀ-Ý][^\n:;.,€]{1,60}(?<![ \t-])(?<!\bde)(?<!\bdu)(?<!\bdes)(?<!\bet)"
                         r"(?<!\bla)(?<!\ble)(?<!\bles)(?<![dl]['’])")
#: A list's item that no bullet opens, alone on its line, and how far it is indented.
_INDENTED_BARE_ITEM = re.compile(rf"([ \t]*)(?![ \t]*{BULLET}){_BARE_ITEM}", re.I)
#: A list's item that a bullet opens, its amount on its line, and how far it is indented.
_INDENTED_BULLET_ITEM = re.compile(rf"([ \t]*){BULLET}[^\n]*?\d[ \u00a0\u202f]*(?:€|euros?\b)", re.I)


def subheading(body: str, start: int, line: str) -> bool:
    """Whether ``line``, at offset ``start`` of ``body``, is a sub-heading inside a list (:data:`_SUBHEADING`): the
    next line is an item, as the first of those it groups: a bare one (:data:`_BARE_ITEM`) indented further than it,
    or one that a bullet opens, not less indented ("Thème 1 – Aide aux aidants" / "- la SCIC X : 22 000 €").

    >>> body = "Canton de Lodève\\n    Association Aidants …… 4 000 €\\n"
    >>> subheading(body, 0, "Canton de Lodève"), subheading(body, 0, "Association pour le soutien des")
    (True, False)
    >>> subheading("Thème 1 – Aide aux aidants\\n  - la SCIC X : 22 000 €", 0, "Thème 1 – Aide aux aidants")
    True
    """
    heading = _SUBHEADING.fullmatch(line)
    if heading is None or _VERB_OPENING.match(line.strip()) or _NOT_SECTION.search(line):
        return False
    end = start + len(line)
    if body[end:end + 1] != "\n":
        return False
    indent = len(heading.group(1).expandtabs())
    if item := _INDENTED_BARE_ITEM.match(body, end + 1):
        return len(item.group(1).expandtabs()) > indent
    # a bullet marks its item: the heading above it may stand as far in
    item = _INDENTED_BULLET_ITEM.match(body, end + 1)
    return item is not None and len(item.group(1).expandtabs()) >= indent


def _subheadings_apart(body: str, start: int, sentence: str):
    """A sentence at offset ``start`` of ``body`` cut before each of its lines that is a sub-heading
    (:func:`subheading`), first or below the line that ended a list's lead (":") or item ("€", ";"), and after it:
    "Canton de Lodève" above "    Association X …… 4 000 €" groups the items below it, and is no part of their names.
    Its last line is one too above the bulleted item that the next sentence opens ("suivantes :" / "Thème 1 – Aide
    aux aidants" / "  - la SCIC X : 22 000 €"): the lead ends with its colon.

    >>> body = "suivantes :\\nCanton de Lodève\\n    Club A …… 4 000 €"
    >>> [s for _, s in _subheadings_apart(body, 0, body)]
    ['suivantes :', 'Canton de Lodève', '    Club A …… 4 000 €']
    >>> body = "suivantes :\\nThème 1 – Aide aux aidants\\n  - la SCIC X : 22 000 €"
    >>> [s for _, s in _subheadings_apart(body, 0, body[:body.index("\\n  -")])]
    ['suivantes :', 'Thème 1 – Aide aux aidants']
    """
    cuts, offset = [], 0
    lines = sentence.split("\n")
    for i, line in enumerate(lines):
        if (not i or lines[i - 1].rstrip().endswith((":", "€", ";")) or ANNEX_HEADING.fullmatch(lines[i - 1])) \
                and subheading(body, start + offset, line):
            cuts += ([offset] if i else []) + ([offset + len(line) + 1] if offset + len(line) < len(sentence) else [])
        offset += len(line) + 1
    for a, b in zip([0] + cuts, cuts + [len(sentence) + 1]):
        yield start + a, sentence[a:b - 1] if b <= len(sentence) else sentence[a:]


#: A sentence that opens with a list's item that no bullet opens, a line of its own (:data:`_BARE_ITEM`).
_OPENS_BARE_ITEM = re.compile(rf"[ \t]*(?![ \t]*{BULLET}){_BARE_ITEM}", re.I)
#: A bullet after a line's indent: what :data:`_OPENS_BARE_ITEM` looks ahead for from each space of the indent.
_BULLET_AFTER_INDENT = re.compile(rf"[ \t]*+{BULLET}", re.I)


def _bare_item_alone(start: int, sentence: str):
    """A sentence cut after the bare item's line that opens it: the lines below ("TOTAL    30 000,00 €",
    "Publié au Journal officiel … le 03/02/2025") are no part of that item, its beneficiary's name least of all.

    >>> [s for _, s in _bare_item_alone(0, "Basket Club ...... 12 000,00 €\\nPublié au Journal officiel le 3/2")]
    ['Basket Club ...... 12 000,00 €', 'Publié au Journal officiel le 3/2']
    """
    # (a bullet after the indent is no bare item: said first, the pattern's look ahead tried it from each space)
    item = None if _BULLET_AFTER_INDENT.match(sentence) else _OPENS_BARE_ITEM.match(sentence)
    if item is None or not sentence[item.end():].strip():
        yield start, sentence
        return
    yield start, sentence[:item.end()]
    yield start + item.end() + 1, sentence[item.end() + 1:]
