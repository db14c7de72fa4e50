"""How a deliberation's prose is cut into sentences and list items (:func:`list_sentences`).

A list item opens with a bullet ("-", "•", a PDF's "(cid:N)"), or with no bullet stands alone on its line, a name
then ":", dot leaders or a dash then an amount; a record is a block of lines with no bullet, its amount on its last
line as a field ("Montant de la subvention : 200 000 €") or in a column. Each item is a sentence of its own. The name
an item or a record gives is :mod:`graph.ingest.delib_item_names`'s; what leads a list of grants, and what ends it,
:mod:`graph.ingest.delib_list_leads`'s.

>>> [sentence.strip() for _, sentence in list_sentences("Il est proposé d'attribuer :\\n- Club A : 1 500 € ;\\n"
...                                                 "- Club B : 800 €.")]
["Il est proposé d'attribuer :", '- Club A : 1 500 € ;', '- Club B : 800 €.']
"""

from __future__ import annotations

import re

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
BLOCK_AMOUNT = re.compile(AMOUNT_FIELD.pattern + r"|[^\n]*?\S[ \t]{3,}", re.I)
#: A list's item laid out as a block with no bullet: lines, the last ones its amount's.
BLOCK = re.compile(r"[^\n]+\n(?:[^\n]*\n)*?(?:" + BLOCK_AMOUNT.pattern + r")\d", re.I)
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


#: A decision's verb in capitals, then its words in small letters: "ATTRIBUE à …", "RAMÈNE la subvention …".
VERB_OPENING = re.compile(r"(?:ATTRIBU|ACCORD|ALLOU|VERS|OCTROI|D[ÉE]CID|RAM[ÈE]N|PORT|FIX|APPROUV|AUTORIS|PR[ÉE]CIS|"
                           r"ANNUL|DIT|DONN|VALID|ARR[ÊE]T|AJUST|MODIFI|R[ÉE]DUI|CONFIRM|PREND|RETIR|ABROG|SUPPRIM|"
                           r"IMPUT|INSCRI|CHARG)[A-ZÉÈ]*(?:\s+ACTE)?\s+(?:[a-zà-ÿ]|L['’])")

#: What a heading with a grant list's items below it never says: a clause's verb (an article of the decision, not an
#: account's: "Budget principal – chapitre 65, article 6574 :" heads a section), a record, a plan's amounts.
NOT_SECTION = re.compile(r"\barticle\b(?!\s+\d{3,})|pour\s+m[ée]moire|pour\s+information|rappel|"
                          r"plan\s+de\s+financement|financeurs?\b|co[uû]ts?\b|d[ée]penses\b|recettes\b|demand|sollicit|"
                          r"\bsign|\bconventions?\b", re.I)


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
    if heading is None or VERB_OPENING.match(line.strip()) or NOT_SECTION.search(line):
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
