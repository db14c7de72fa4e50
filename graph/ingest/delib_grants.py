"""The grants a deliberation decides: in prose or in tables, with their stated totals as checks.

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

Tables (``| … |`` rows, or the flattened rows of a PDF) give one grant per row, names wrapped over several lines
joined, nature codes (F, I, P, M) read; "Total" rows are stated totals, never grants (DATA-FORMATS.md pitfalls 13
and 23).

>>> found = find_grants("La Ville décide d'attribuer une subvention de 1 500 € à l'association Les Amis du Vélo.")
>>> [(g.beneficiary, g.amount) for g in found.grants]
[('Les Amis du Vélo', Decimal('1500'))]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from graph.identity import name_key
from graph.ingest.french import AMOUNT_RE, find_amounts_in_words, fold, parse_amount

NATURE_CODES = {"F": "operating", "I": "investment", "P": "project", "M": "in-kind"}
_NATURE_WORDS = {"fonctionnement": "operating", "investissement": "investment", "equipement": "investment",
                 "projet": "project", "manifestation": "project", "evenement": "project", "action": "project",
                 "exceptionnelle": "project", "nature": "in-kind", "mise a disposition": "in-kind",
                 "materiel": "in-kind"}


@dataclass
class GrantFact:
    """One grant read from the text; ``span`` is its evidence (start, end) in the body."""

    beneficiary: str
    amount: Decimal
    span: tuple[int, int]
    nature: str | None = None
    purpose: str | None = None
    decision: bool = False
    table: bool = False
    cancelled: bool = False  # "annule la subvention de 1 500 € attribuée à X": a grant undone, not made
    part: bool = False  # an instalment or a share of a grant: "un acompte de 1 500 €", "dont 8 000 € en 2024"
    identifier: str | None = None  # a table's SIRET, SIREN or RNA cell on the beneficiary's row
    account: str | None = None  # the budget account its own row or block names ("Imputation : 65 - 6574")


@dataclass
class StatedTotal:
    """A total the text states (a table's "Total" row, "pour un montant total de …") and whether it reconciles."""

    amount: Decimal
    span: tuple[int, int]
    label: str
    reconciled: bool = False


@dataclass
class GrantsFound:
    grants: list[GrantFact] = field(default_factory=list)
    totals: list[StatedTotal] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    tables: list[tuple[int, int]] = field(default_factory=list)  # the spans of tables aligned with spaces
    unread_table: str | None = None  # the head of a table of amounts none of whose columns was read as the grants'


_GRANT_WORD = re.compile(r"subventions?|participation\s+financière|aide\s+financière|contribution\s+financière|"
                         r"fonds\s+de\s+concours|soutien\s+financier|dotation|allocation", re.I)
_GRANT_VERB = re.compile(r"\b(?:attribu|allou|vers|accord|octroy)(?:er|e|ent|é|ée|és|ées)\b", re.I)
_EXCLUDE = re.compile(r"sollicit|demand|budget|\bco[uû]ts?\b|estim|chiffr|plan\s+de\s+financement|cofinanc|"
                      r"\bavait\b|\bavaient\b|\ba\s+(?:été\s+)?(?:attribué|versé|accordé|alloué)|précédemment|"
                      r"\bdéjà\b|l['’]an\s+dernier|l['’]année\s+dernière|emplois|\btotal|\bglobale?\s+du\s+projet|"
                      r"\bsoit\b|représent|s['’]élève|\bplafond|\bprix\b|\bloyer|avances?\s+remboursables?|"
                      r"prêts?\s+d['’]honneur|"
                      r"titres?\s+de\s+recettes?|trop[- ]perçu|\breverse(?:r|ment)\b|\b(?:a|ont)\s+perçu|"
                      r"\bne\s+pas\s+(?:verser|attribuer|accorder|allouer|octroyer|reconduire)\b|\brenonc|"
                      r"subventionnable", re.I)
#: Where a beneficiary's name ends; "à 68 500 €" after it is the amount a grant is set at ("fixe la subvention
#: allouée à X à 68 500 €").
_STOP = (r"(?=\s*(?:,|\(|;|:|\.(?:\s|$)|\bd['’]un\b|\bd['’]une\b|\bpour\b|\bau\s+titre\b|\bdans\s+le\s+cadre\b|\bafin\b|"
         r"\b(?:et\s+)?une?\s+(?:subvention|aide|participation|contribution|dotation|allocation|avance|prêt|soutien|"
         r"prime|bourse)\b|\b(?:le|un|l['’])\s*(?:solde|acompte|reliquat)\b|"
         r"\bun\s+montant\b|\bla\s+somme\b|\bde\s+\d|\ben\s+vue\b|\bqui\b|\bsoit\b|\bpermettant\b|(?<![-\w])sur\b|"
         r"\bà\s+hauteur\b|\ben\s+faveur\b|\bet\s+(?:(?:à|au|aux)\b|de\s+\d|\d)|\bainsi\b|\bselon\b|"
         r"\bpar\s+(?:la\s+|le\s+|l['’])?(?:délibération|décision|arrêté|convention)\b|"
         r"\bà\s+(?=\d[\d \u00a0\u202f.,]*(?:€|euros?\b|EUR\b))|$))")
#: An association named by what it gathers, in small letters: "à l'association des parents d'élèves".
_ASSOCIATION_OF = r"association\s+(?:des|du|de)\s+(?=\w)|association\s+d['’](?=\w)"
#: A kind of organisation written in small letters before its name: "au centre social Les Tilleuls", "au comité des
#: fêtes de Lussac", "à la maison de santé de Pontaumur", "au centre communal d'action sociale de Vierzon" — up to
#: two words that qualify the kind, then a name in capitals or "de …".
_KIND = (r"(?:centre|comité|club|foyer|collège|lycée|école|office|syndicat|groupement|établissement|institut|"
         r"fédération|ligue|union|amicale|cercle|maison|mutuelle|fondation|compagnie|coopérative|conservatoire|"
         r"théâtre|crèche)")
_KIND_OF = _KIND + r"(?=(?:\s+[a-zà-ÿ-]+){0,2}?\s+(?:d(?:e|es|u)\s+|d['’]|[A-ZÉÈÀ«\"]))"
_BENEFICIARY = re.compile(
    r"(?:\bà|\bau\s+profit\s+de|\ben\s+faveur\s+de|\bau\s+bénéfice\s+de|\bbénéficiaire\s*:)\s+"
    r"(?:l['’]association\s+|la\s+structure\s+|la\s+société\s+|l['’](?=[A-ZÉ])|la\s+(?=[A-ZÉ])|le\s+(?=[A-ZÉ])|"
    r"la\s+(?=(?:commune|ville)\s+d(?:e\s+|['’])[A-ZÉ])|l['’](?=" + _ASSOCIATION_OF + r")|"
    r"(?:la\s+|l['’])(?=" + _KIND_OF + r")|"
    r"(?<=à)\s*(?=[A-ZÉ]))?(?P<name>(?:[A-ZÉÈÀ«\"0-9]|(?:commune|ville)\s+d(?:e\s+|['’])[A-ZÉ]|"
    + _ASSOCIATION_OF + r"|(?<=\sla\s)" + _KIND_OF + r"|(?<=l['’])" + _KIND_OF + r")[^\n]*?)" + _STOP
    + r"|(?P<au>\bau(?:x)?\s+(?P<name2>(?:[A-ZÉÈÀ]|(?<=au\s)" + _KIND_OF + r")[^\n]*?)" + _STOP + r")")
#: A name that opens with its kind in small letters: the name that follows when it opens with an article ("centre
#: social Les Tilleuls": Les Tilleuls, as "l'association Les Amis" is Les Amis), else the whole, its first letter
#: a capital ("Comité des fêtes de Lussac").
_KIND_NAME = re.compile(_KIND + r"(?:\s+[a-zà-ÿ-]+){0,2}?\s+(?=(?:Les|La|Le|L['’])\s*[A-ZÉÈÀ])")
_ASSOCIATION = re.compile(r"l['’](?:association\s+|(?=Association\s))(?P<name>[A-ZÉÈÀ«\"0-9][^\n]*?)" + _STOP)
_DECISION = re.compile(r"après\s+en\s+avoir\s+délibéré|\bDÉCIDE\b|\bDECIDE\b|\bDÉLIBÈRE\b|il\s+est\s+proposé\s+au|"
                       r"En\s+conséquence|ARTICLE\s+1|Article\s+1(?:er)?\s*:", re.I)
_PROSE_TOTAL = re.compile(r"(?:montant\s+total|^[ \t]*total\b[^.;:\n]{0,40}(?=\s*:)|d[ée]pense\s+totale|\bun\s+total|soit\s+au\s+total|"
                          r"affectation\s+d['’]un\s+montant|"
                          r"total\s+général|enveloppe\s+(?:globale|totale)|total\b[^.;:\n]{0,30}?s['’][ée]l[eè]ve|"
                          r"s['’][ée]l[eè]vent\s+au\s+total)\s*(?:de|:|à)?\s*", re.I)
#: A total said after its amount: "La dépense, soit 2 750 € au total, …".
_TOTAL_AFTER = re.compile(r"\s*(?:au\s+total|en\s+tout)\b", re.I)


#: What opens a list item: a hyphen, a dash, a bullet — or the "(cid:N)" that a PDF's text gives for a bullet
#: drawn with a symbol font.
_BULLET = r"(?:[-–—•*▪►●○◦]|\(cid:\d+\))"
#: A list item that no bullet opens (the PDF drew it): a name, then ":" or dot leaders, then an amount, alone on
#: its line ("Comité des fêtes de Lussac : 1 500 € ;").
_BARE_ITEM = (r"[^\n]{2,120}?(?:[ \t]+:[ \t]*|[ \t]*(?:\.{3,}|…+)[ \t]*)(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)"
              r"(?:,\d{1,2})?[ \u00a0\u202f]*(?:€|euros?)[ \t]*[;.,]?[ \t]*(?=\n|\Z)")
_ITEM_START = re.compile(rf"\s*(?:{_BULLET}|{_BARE_ITEM})", re.I)


#: What opens a sentence that sums the list or table above it: "Soit un total de …", "Total de la 3e répartition : …".
_OPENS_TOTAL = re.compile(r"\s*(?:soit\b|(?:sous-)?total\b|montant\s+total\b)", re.I)
#: A list's item: a bullet, or a number or a letter and a bracket ("1)", "2°", "a)").
_LIST_LINE = re.compile(rf"[ \t]*(?:{_BULLET}|\d{{1,2}}\s*[)°]|[a-z]\))[ \t]*\S")


def _below_list(body: str, at: int) -> bool:
    """Whether the last line with words above offset ``at`` is a list's item, not a year's ("- 2026 : 12 000 €": a
    plan over years, whose total is not the grants').

    >>> _below_list("décide d'allouer :\\n1) à l'association X : 3 500 euros.\\n\\nSoit un total de 3 500 euros.", 55)
    True
    """
    above = body[:at].rstrip()
    line = above[above.rfind("\n") + 1:]
    return bool(_LIST_LINE.match(line)) and not _YEAR_ITEM.match(line)


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


def _clean_name(name: str) -> str | None:
    name = _guillemets(re.sub(r"\s+", " ", name).strip(" \"'’.-")).strip(" \"'’.-")
    name = re.sub(r"(?<=[a-zà-ÿ])- (?=[A-Za-zÀ-ÿ])", "-", name)  # "Haut-\nPoitou" read across the line: "Haut-Poitou"
    name = re.sub(r"^(?:Dr\.?|Docteure?)\s+(?=[A-ZÉÈ])", "", name)  # "au Dr Camille ROUSSEL": the doctor's name
    if name.startswith(("commune ", "ville ", "association ")):  # "à la commune de Lavaur": the Commune de Lavaur
        name = name[0].upper() + name[1:]
    elif re.match(_KIND + r"\s", name):
        if re.fullmatch(_KIND + r"(?:\s+[a-zà-ÿ'’-]+)*", name):  # "au club des sports": no name of its own
            return None
        name = _KIND_NAME.sub("", name, count=1)
        name = name[0].upper() + name[1:]
    words = name.split()
    if not words or len([w for w in words if any(c.isalnum() for c in w)]) > 9 \
            or not (words[0][0].isupper() or words[0][0].isdigit()):
        return None
    if fold(words[0]) in ("monsieur", "madame", "il", "elle", "ce", "cette", "ces", "hauteur"):
        return None
    if re.match(r"[\d\s,.]+(?:%|pour\s*cent\b|$)", name):  # "à 40 % d'une dépense": a rate, not a name
        return None
    return name


#: Where a sentence of several grants passes to the next: "… 3 000 € au Basket Club | et 1 800 € au Cercle",
#: "… à la SAS Alpha une subvention de 125 000 € | et à la SAS Beta …", "… Sourire d'Automne | et de 750 € à …".
_NEXT_GRANT = re.compile(r"\s+et\s+(?=(?:à|au|aux)\s|de\s+\d|\d)|\s*;\s*", re.I)


#: The word before an "à" that is part of a name ("Club Nautique des Bassins à Flot", "Maison à Colombages",
#: "Aide à Domicile"): a word in capitals and small letters, not one that opens a grant's sentence ("Subvention à
#: Club X", "Attribue à …") unless it follows "de" in the name ("Association d'Aide à Domicile").
_NAME_WORD_BEFORE = re.compile(r"(?:(?P<link>\bd['’]|\bde\s+)|(?<![\w'’-]))(?P<word>[A-ZÉÈÀÂÎÔ][a-zà-ÿ][\w'’-]*)\s+$")
_OPENING_WORD = re.compile(r"(?:subventions?|aides?|participations?|contributions?|dotations?|allocations?|fonds|"
                           r"soutiens?|primes?|versements?|attribu\w*|accord\w*|allou\w*|verse\w*|octroi\w*|"
                           r"decid\w*|propos\w*)")


def _inside_name(sentence: str, match: re.Match) -> bool:
    """Whether a beneficiary's "à" with no article after it ("à Flot-Fictif") is rather inside a name that goes on
    from the word before it ("… des Bassins à Flot-Fictif"): a grant's "à" follows an amount, a verb or a grant's
    words, all in small letters ("1 500 € à Club X", "versée à Club X")."""
    if not re.match(r"à\s+[A-ZÉÈÀ]", match.group(0)):
        return False
    before = _NAME_WORD_BEFORE.search(sentence, max(0, match.start() - 60), match.start())
    return bool(before) and (bool(before.group("link")) or not _OPENING_WORD.fullmatch(fold(before.group("word"))))


def _clause_nature(sentence: str, anchor: int) -> str | None:
    """The nature of the grant at ``anchor``: its own clause's when the sentence grants several and that clause
    names its grant ("… au centre social X une subvention de fonctionnement de 6 500 €, et au comité Y une
    subvention de 1 200 €": the second states none), else the sentence's."""
    clause_start = max((m.end() for m in _NEXT_GRANT.finditer(sentence, 0, anchor)), default=0)
    following = _NEXT_GRANT.search(sentence, anchor)
    clause = sentence[clause_start:following.start() if following else len(sentence)]
    several = clause_start > 0 or following is not None
    return _nature(clause) if several and _GRANT_WORD.search(clause) else _nature(sentence)


def beneficiary_in(sentence: str, anchor: int, association: bool = True) -> str | None:
    """Return the beneficiary named in ``sentence`` for the amount at offset ``anchor``: the nearest one of the
    amount's own clause when the sentence grants several, else the nearest one, else (``association``) the
    sentence's "l'association X".

    >>> beneficiary_in("ATTRIBUE à la SAS Alpha une subvention de 125 000 € et à la SAS Beta une subvention de "
    ...                "18 000 €.", 42)
    'SAS Alpha'
    """
    clause_start = max((m.end() for m in _NEXT_GRANT.finditer(sentence, 0, anchor)), default=0)
    following = _NEXT_GRANT.search(sentence, anchor)
    clause_end = following.start() if following else len(sentence)
    best, at = None, 0
    while match := _BENEFICIARY.search(sentence, at):
        name = _clean_name(match.group("name") or match.group("name2") or "")
        if name and not AMOUNT_RE.search(name) and not _inside_name(sentence, match):
            # Another clause's beneficiary only when the amount's own clause names none.
            distance = (not clause_start <= match.start() < clause_end, abs(match.start() - anchor))
            if best is None or distance < best[0]:
                best = (distance, name)
            at = match.end()
        else:  # "à 7 000 € le montant … attribuée au Comité": no name, but one may start inside it
            at = match.start() + 1
    if best:
        return best[1]
    match = _ASSOCIATION.search(sentence) if association else None
    return _clean_name(match.group("name")) if match else None


#: A grant amended: "porte de 5 000 € à 7 000 € la subvention …", "ramène … de 4 000 € à 2 500 €" — the amount it
#: was, then the amount it is.
_AMENDED_FROM = re.compile(r"\s+à\s+(?=" + AMOUNT_RE.pattern + ")", re.I)
_AMENDED_TO = re.compile(r"\bde\s+" + AMOUNT_RE.pattern + r"\s+à\s+$", re.I)
#: A grant undone: "annule la subvention de 1 500 € attribuée à …", "retire l'aide …".
_CANCEL = re.compile(r"\b(?:annul|retir|abrog|supprim)\w*\s+(?:la|les|cette|ces|l['’])\s*"
                     r"(?:subventions?|aides?|participations?|attributions?|dotations?)\b", re.I)
#: A block's line that gives its grant's amount as a field: "Montant : 45 K€ (fonctionnement) - Imputation : …",
#: "Montant de la subvention régionale : 200 000 €".
_AMOUNT_FIELD = re.compile(r"[ \t]*(?:montant|subvention|aide|participation)\b[^:\n]{0,60}:[ \t]*", re.I)
#: What precedes a block's amount on its line: a field's label ("Montant de la subvention régionale :"), or a
#: file's number and the spaces of a column ("Dossier EX024733          12 500 Euros").
_BLOCK_AMOUNT = re.compile(_AMOUNT_FIELD.pattern + r"|[^\n]*?\S[ \t]{3,}", re.I)
#: A list's item laid out as a block with no bullet: lines, the last ones its amount's.
_BLOCK = re.compile(r"[^\n]+\n(?:[^\n]*\n)*?(?:" + _BLOCK_AMOUNT.pattern + r")\d", re.I)
#: A record's code on a line of its own, above its name: "Tiers 198234", "Dossier n° EX024733".
_RECORD_CODE = re.compile(r"(?:tiers|dossier|réf(?:érence)?\.?|n\s*[°º]|code)\s*(?:n\s*[°º]\s*)?[\w./-]*\d[\w./-]*",
                          re.I)
#: A grant's nature in brackets after its amount: "45 K€ (fonctionnement)".
_NATURE_AFTER = re.compile(r"\s*\(\s*(fonctionnement|investissement|équipement|exceptionnelles?)\s*\)", re.I)
#: A list's lead sentence that tells of grants made before ("a attribué les subventions suivantes :").
_PAST = re.compile(r"\ba\s+(?:été\s+)?(?:attribué|versé|accordé|alloué)|\bavai(?:t|ent)\b|précédemment", re.I)

#: An amount computed from others: "40 % d'une dépense de 250 000 € HT, soit 100 000 €", "58 élèves × 35 € × 5 jours
#: = 10 150 €". The result is the grant; its operands are not.
_OPERAND_AFTER = re.compile(r"\s*(?:HT|TTC)?\s*(?:[×*]|x(?=\s))\s*\d|\s*(?:HT|TTC)?\s*,?\s*soit\s+(?="
                            + AMOUNT_RE.pattern + ")", re.I)
#: A grant's amount set before the grant is named: "fixe à 68 500 € le montant de la subvention allouée à X".
_SET_AT = re.compile(r"\b(?:fix|arr[êe]t)(?:e|ent|er)\s+(?:à|au\s+montant\s+de)\s*$", re.I)
_SET_GRANT = re.compile(r"\s*(?:le\s+montant\s+(?:de\s+la|du|des|de\s+l['’])\s*)(?:" + _GRANT_WORD.pattern + ")", re.I)
#: What follows an amount to say how it breaks down: "68 500 €, dont 24 800 € déjà versés".
_PART_OF = re.compile(r"\s*(?:HT|TTC)?\s*,?\s*dont\b", re.I)
#: What says, after a grant's amount, what share it is of a cost: "18 600 € HT, soit 30 % d'une dépense de 62 000 €
#: HT", "… au Club, représentant 20 % du coût". The cost's words are not the grant's.
_SHARE_AFTER = re.compile(r"(?:soit|représentant|correspondant\s+à)\s+(?:un\s+taux\s+de\s+)?\d+(?:[,.]\d+)?\s*"
                          r"(?:%|pour\s*cent\b)", re.I)
_OPERAND_BEFORE = re.compile(r"(?:[×*]|(?<=\s)x)\s*$")
_RESULT_BEFORE = re.compile(r"(?:=|,?\s*soit)\s*$")
_COMPUTED = re.compile(r"\d\s*%|\d\s*(?:€\s*)?(?:[×*]|x\s)\s*\d", re.I)

#: Aid in kind, valued in euros: "une aide en nature … valorisée à 2 400 €" (the amount is its value, not a payment).
_IN_KIND = re.compile(r"\b(?:aides?|avantages?|soutiens?|subventions?|contributions?|concours)\s+en\s+nature\b", re.I)
_VALUED = re.compile(r"\bvaloris[ée]+s?\s+(?:à|pour|au\s+montant\s+de|pour\s+un\s+montant\s+de)\s*$", re.I)

#: A threshold, not a grant: "les subventions d'un montant inférieur ou égal à 5 000 €" (a delegation's ceiling),
#: "n'excédant pas 23 000 €", "au-delà de 23 000 €".
_THRESHOLD = re.compile(r"(?:inférieur|supérieur)e?s?\s+(?:ou\s+égale?s?\s+)?à\s*$|n['’]exc[èé]d\w*\s+pas\s*$|"
                        r"\bne\s+dépass\w*\s+pas\s*$|\bau[- ]delà\s+de\s*$|\ben[- ]deçà\s+de\s*$|"
                        r"\b(?:excédant|dépassant)\s*$", re.I)
#: A grant an earlier act made, recalled: "la subvention de 20 000 € attribuée (à X) par délibération du 4 mars".
_EARLIER = re.compile(r"\s*(?:HT|TTC)?\s*,?\s*(?:qui\s+(?:lui\s+)?(?:a|avait)\s+été\s+)?"
                      r"(?:attribu|accord|allou|vot|octroy)[ée]+s?\s+(?:(?:à|au|aux)\s+[^,;.€]{1,80}?\s+)?"
                      r"(?:par\s+(?:la\s+|le\s+|l['’])?(?:délibération|"
                      r"décision|arrêté|commission|conseil|bureau)\b|lors\s+d|le\s+\d|en\s+date\b)", re.I)
#: What makes an amount an instalment or a share of a grant, not a grant: "un acompte de 1 500 €", "le solde de
#: 16 000 €", "versement du solde …, soit 4 000 €", "versée en deux fractions : 8 000 € …", "20 000 €, dont 8 000 €".
_PART = re.compile(r"\b(?:acomptes?|soldes?|reliquats?|fractions?|tranches?)\b|\bdont\s*$", re.I)
#: An amount that a line break parts from its currency: "… : 4 200" / "€ ;".
_WRAPPED_AMOUNT = re.compile(r"(?<![\d,.])(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,\d{1,2})?[ \t\u00a0]*\n[ \t]*"
                             r"(?:€|euros?\b)", re.I)


def _nature(text: str) -> str | None:
    if _IN_KIND.search(text):
        return "in-kind"
    folded = fold(text)
    match = re.search(r"subventions?\s+(?:d['’]|de\s+|en\s+)?(\w+(?:\s+a\s+disposition)?)", folded)
    word = match.group(1) if match else ""
    word = word if word in _NATURE_WORDS else word[:-1] if word.endswith("s") else word  # "exceptionnelles"
    return _NATURE_WORDS.get(word)


def _purpose(sentence: str, after: int) -> str | None:
    match = re.search(r"(?:dans\s+le\s+cadre\s+(?:de\s+la|du|de\s+l['’]|des|de)|pour\s+(?:la|les|le|l['’])|"
                      r"afin\s+de|au\s+titre\s+(?:de\s+la|du|de\s+l['’]|des))\s*(?P<p>[^;\n]+)", sentence[after:], re.I)
    if not match:
        return None
    text = re.split(r"\s*(?:;|\.\s|\.$| et\s+(?:autorise|approuve))", match.group("p"))[0].strip()
    if len(text) <= 5 or re.fullmatch(r"(?:l['’])?(?:ann[ée]e|exercice)\s+\d{4}|\d{4}", text):
        return None
    return text


#: A sentence's characters: anything but its ends — a dot between two digits ("1.500,00 €") ends nothing.
_IN_SENTENCE = r"(?:[^.;\n]|(?<=\d)\.(?=\d)|\.{2,})+"  # nor do dot leaders ("Club des aînés ...... 850 €")


def _item_name(item: str, anchor: int) -> str | None:
    """The name that a list item gives before its amount: "- Comité des fêtes : 1 500 €", "- Foyer rural …… 850 €",
    "- la Mutualité sociale agricole : 1 800 €" (a lower-case article, or a singular one in capitals, is left out),
    "- L'ASSOCIATION X, POUR … : 3 500 EUROS" (the name ends at its comma before what it is for), "- la Maison de
    santé de Pontaumur (SISA) pour le dispositif … : 3 000 €" (or at "pour" after a name of three words or more). An
    item that opens with a decision's verb ("- RAMÈNE la subvention …") names no one.

    >>> _item_name("- Foyer rural de Sainte-Olive …… 1 200 €", 33)
    'Foyer rural de Sainte-Olive'
    >>> _item_name("- la Mutualité sociale agricole : 1 800 €", 35), _item_name("- Les Restos du Cœur : 300 €", 23)
    ('Mutualité sociale agricole', 'Les Restos du Cœur')
    """
    name = re.sub(rf"^\s*{_BULLET}\s*", "", item[:anchor])
    # A block: the name on its first line (after its file's number: "Dossier n° EX045512 - Commune de X (Cantal)"),
    # then what it is for and fields a line each ("Projet : …", "Montant de la subvention : 200 000 €").
    if _BLOCK_AMOUNT.fullmatch(item, item.rfind("\n", 0, anchor) + 1, anchor):
        lines = [line.strip() for line in name.split("\n") if line.strip()]
        while len(lines) > 1 and _RECORD_CODE.fullmatch(lines[0]):  # "Tiers 198234" above the name
            lines.pop(0)
        name = re.sub(r"^(?:dossier|opération)\s*(?:n\s*[°º]\s*)?[\w./-]+\s+[-–—:]\s+", "", lines[0] if lines else "",
                      flags=re.I)
        name = re.sub(r"^((?:Commune|Ville|Communauté|Métropole)\b.*?)\s*\((?:[A-ZÉ][\w'’-]*|\d{2,3}|2[AB])\)$", r"\1",
                      name)
    name = re.split(r"\n(?=[ \t]*[A-ZÉÈ][\w'’ ]{0,40}?[ \t]:)", name, maxsplit=1)[0]
    name = re.sub(r"\s*\((?:porté|portée|représenté|représentée|gérée?|pour)\b[^()]*\)", "", name)
    name = re.split(r"\s:\s|\s*…|\.{3,}|,\s*(?:pour|afin|dans\s+le\s+cadre|au\s+titre)\b", name, flags=re.I)[0]
    name = re.sub(r"[\s.…:–—-]+$", "", name)
    if (purpose := _ITEM_PURPOSE.search(name)) and len(name[:purpose.start()].split()) >= 3:
        name = name[:purpose.start()]
    article = r"l['’]|la\s+|le\s+|les\s+" + (r"|L['’]|LA\s+|LE\s+" if name.isupper() else "")
    name = re.sub(rf"^(?:{article})(?=\w)", "", name)
    if _VERB_OPENING.match(name) or AMOUNT_RE.search(name):
        return None
    return name if re.match(r"[A-ZÉÈÀ«\"0-9]", name) and 2 < len(name) <= 120 else None


#: What an item's beneficiary is paid for: "… (SISA) pour le dispositif d'éducation thérapeutique".
_ITEM_PURPOSE = re.compile(r"\s+pour\s+(?:le|la|les|l['’]|un|une|des|son|sa|ses|leurs?)\b", re.I)
#: A decision's verb in capitals, then its words in small letters: "ATTRIBUE à …", "RAMÈNE la subvention …".
_VERB_OPENING = re.compile(r"(?:ATTRIBU|ACCORD|ALLOU|VERS|OCTROI|D[ÉE]CID|RAM[ÈE]N|PORT|FIX|APPROUV|AUTORIS|PR[ÉE]CIS|"
                           r"ANNUL|DIT|DONN|VALID|ARR[ÊE]T|AJUST|MODIFI|R[ÉE]DUI|CONFIRM|PREND|RETIR|ABROG|SUPPRIM|"
                           r"IMPUT|INSCRI|CHARG)[A-ZÉÈ]*\s+(?:[a-zà-ÿ]|L['’])")


#: A list item that is a year, not a beneficiary: "- 2025 : 12 000 €" (a multi-year agreement's schedule).
_YEAR_ITEM = re.compile(r"\s*[-–—•*]\s*(?:(?:année|exercice|en|pour)\s+)?(?:19|20)\d\d(?:\s*[-/]\s*(?:19|20)?\d\d)?"
                        r"\s*[:…–—-]", re.I)
#: What, beyond grant words, makes a sentence ending with a colon the lead of a list of grants: "il est proposé de
#: soutenir les projets suivants :", "la participation de la commune s'établit comme suit :".
_LEAD = re.compile(r"\bsoutenir\b|\bfinancer\b|\bparticipation\s+(?:de\s+la\s+(?:commune|ville|région|métropole)|"
                   r"du\s+département|communale|départementale|régionale|intercommunale)", re.I)


def _is_part(sentence: str, at: int, amounts: list[tuple[int, int]], parts: set[int]) -> bool:
    """Whether the amount at ``at`` is an instalment or a share of a grant: said so since the amount before it
    ("un acompte de 1 500 €", "dont 8 000 €"), or following one with no grant word between ("dont 8 000 € en
    2024 et 12 000 € en 2025")."""
    previous = max(((s, e) for s, e in amounts if e <= at), default=None)
    since = sentence[max(previous[1] if previous else 0, at - 120):at]
    return bool(_PART.search(since)) or previous is not None and previous[0] in parts \
        and not (_GRANT_WORD.search(since) or _GRANT_VERB.search(since))


def _sentences(body: str):
    # A bare item opens a sentence after a line ending its own (the lead's ":"), not a line cut in a word. A bullet
    # opens one however far it is indented ("    - MSP X : 30 000 €,"): each item is its own sentence.
    for match in re.finditer(rf"{_IN_SENTENCE}(?:\n(?![ \t]*{_BULLET}|\s*\n|\||(?<=[:;€]\n){_BARE_ITEM})"
                             rf"{_IN_SENTENCE})*[.;]?", body, re.I):
        if match.group(0).strip():
            yield match.start(), match.group(0)


def prose_grants(body: str, title_beneficiary: str | None,
                 tables: list[tuple[int, int]] = ()) -> tuple[list[GrantFact], list[StatedTotal]]:
    """Return the grants and totals stated in sentences (table lines excluded: ``| … |`` rows, and the ``tables``
    aligned with spaces, given by their spans)."""
    decision_at = max((m.start() for m in _DECISION.finditer(body)), default=len(body))
    grants, totals, lead, lead_nature, after_table, after_list = [], [], False, None, False, False
    for start, sentence in _sentences(body):
        if sentence.lstrip().startswith("|"):
            after_table = True
            continue
        first = start + len(sentence) - len(sentence.lstrip())
        after_table = after_table or any(e <= first and not body[e:first].strip() for _, e in tables)
        # "soit un montant total de …", "Total de la 3e répartition : …" just below a table or a list sums it, even
        # a list whose grants were not read (its total then tells that some were missed).
        opens_total = bool(_OPENS_TOTAL.match(sentence))
        sums_table = opens_total and (after_table or after_list or _below_list(body, first))
        after_table = False
        item = bool(_ITEM_START.match(sentence) or lead and _BLOCK.match(sentence))
        granted_before = len(grants)
        flat = sentence.replace("\n", " ")  # a PDF's lines cut names and purposes: read across them
        if sentence.rstrip().endswith(":"):
            lead = bool(_GRANT_WORD.search(sentence) or _GRANT_VERB.search(sentence) or _LEAD.search(sentence)) \
                and not _PAST.search(sentence)
            lead_nature = _nature(sentence)  # "les subventions de fonctionnement suivantes :", for its items
        elif not item:
            lead = False
        amounts = [(m.start(), m.end(), parse_amount(m.group(0))) for m in AMOUNT_RE.finditer(sentence)]
        amounts += [(m.start(), m.end(), parse_amount(m.group(0).replace("\n", " ")))
                    for m in _WRAPPED_AMOUNT.finditer(sentence)]
        words = [(s, e, Decimal(v)) for v, s, e in find_amounts_in_words(sentence)
                 if not any(abs(s - a) < 60 for a, _, _ in amounts)]
        parts: set[int] = set()  # where the sentence's instalments and shares of a grant start
        for a_start, a_end, amount in amounts + words:
            if any(s <= start + a_start < e for s, e in tables) or not amount:
                continue  # a table's amount; "0 €" grants nothing
            before = sentence[max(0, a_start - 120):a_start]
            if _is_part(sentence, a_start, [(s, e) for s, e, _ in amounts + words], parts):
                parts.add(a_start)
            total = _PROSE_TOTAL.search(sentence[max(0, a_start - 40):a_start]) or (
                _TOTAL_AFTER.match(sentence, a_end) and re.search(r"\bsoit\s*$", sentence[max(0, a_start - 12):a_start]))
            # "soit un total de …" just below a list of grants sums that list.
            # A total of grants when its clause speaks of them: "14 secours d'urgence pour un montant total de
            # 2 380 €" sums aid to households, reported, not this deliberation's grants.
            clause = sentence[max(sentence.rfind(":", 0, a_start), sentence.rfind(";", 0, a_start)) + 1:a_end] \
                + re.split(r"[,;:.]|\bet\b", sentence[a_end:], maxsplit=1)[0]
            if total and (sums_table or (item and lead) or re.search(
                    r"subvention|crédit|dépense|somme|attribu|\baides?\b|participation|affectation", clause, re.I)):
                totals.append(StatedTotal(amount, (start + a_start, start + a_end), sentence.strip()))
                continue
            valued_in_kind = _VALUED.search(before) and _IN_KIND.search(sentence)
            if _AMENDED_FROM.match(sentence, a_end) or item and _YEAR_ITEM.match(sentence) \
                    and "\n" not in sentence[:a_start]:
                continue  # the amount a grant had before this deliberation amends it; a year's amount
            if _OPERAND_AFTER.match(sentence, a_end) or _OPERAND_BEFORE.search(before):
                continue  # what a grant is computed from
            if _THRESHOLD.search(before) or _EARLIER.match(sentence, a_end) and not _CANCEL.search(before):
                continue  # a delegation's ceiling; a grant that an earlier act made, recalled
            result = _RESULT_BEFORE.search(before) and _COMPUTED.search(before)
            amended = _AMENDED_TO.search(before) and _GRANT_WORD.search(sentence)
            set_at = _SET_AT.search(before) and _SET_GRANT.match(sentence, a_end)
            if not (_GRANT_WORD.search(before) or _GRANT_VERB.search(before) or (item and lead) or valued_in_kind
                    or amended or set_at):
                continue
            # A list item's words are its own line's: "soit un total …" on the next line is the list's.
            window_end = a_end + 25
            if item and (line_end := sentence.find("\n", a_end)) >= 0:
                window_end = min(window_end, line_end)
            if _PART_OF.match(sentence, a_end):
                window_end = a_end
            elif (share := _SHARE_AFTER.search(sentence, a_end, window_end + 40)) and share.start() < window_end:
                window_end = share.start()
            # A computed grant's words are those after its operands ("… dépense éligible …, soit 100 000 €"); a
            # block's "Montant : 45 K€" line, its own (not the "Dépense subventionnable : …" line above it).
            said = sentence[a_start - len(result.group(0)) if result else max(0, a_start - 80):a_start]
            if _AMOUNT_FIELD.fullmatch(sentence, line_start := sentence.rfind("\n", 0, a_start) + 1, a_start):
                said = sentence[line_start:a_start]
            if a_start in parts:  # "le versement du solde …, soit 16 000 €": that "soit" gives the instalment
                said = re.sub(r"\bsoit\s*$", "", said)
            if _EXCLUDE.search(said + sentence[a_start:window_end]):
                continue
            # An item's own name before an association it names ("* PTCE X (porté par l'association Y)").
            listed = item and lead
            name = beneficiary_in(flat, a_start, association=not listed) or (listed and (
                _item_name(sentence, a_start) or beneficiary_in(flat, a_start))) or title_beneficiary
            if name:
                stated = _NATURE_AFTER.match(sentence, a_end)
                grants.append(GrantFact(name, amount, (start, start + len(sentence.rstrip())),
                                        (stated and _NATURE_WORDS[fold(stated.group(1)).rstrip("s")])
                                        or _clause_nature(flat, a_start) or (lead_nature if item and lead else None),
                                        _purpose(flat, a_end), start >= decision_at,
                                        cancelled=bool(_CANCEL.search(before)), part=a_start in parts))
        after_list = item and lead and len(grants) > granted_before  # a list of grants, not of years
    return grants, totals


#: A title that names whom a grant goes to: "Subvention à l'association X", "Attribution d'un fonds de concours à la
#: commune de X - Réhabilitation de la halle".
_TITLE_BENEFICIARY = re.compile(
    r"(?:subventions?|fonds\s+de\s+concours|participation(?:\s+financière)?|aide\s+financière)\s+"
    r"(?:de\s+\w+\s+)?(?:à|au|aux)\s+(?:l['’]association\s+|la\s+(?=[A-ZÉÈÀ]|(?:commune|ville)\s+d)|l['’])?"
    r"(?P<name>(?:[A-ZÉÈÀ]|(?:commune|ville)\s+d(?:e\s+|['’])[A-ZÉÈÀ]).+)", re.I)


def title_beneficiary(title: str) -> str | None:
    """The beneficiary a deliberation's title names, for a decision that says only "à la commune" or "à
    l'association"; what follows a dash is the project, not the name.

    >>> title_beneficiary("Attribution d'un fonds de concours à la commune de Saint-Gaultier - Réhabilitation de la halle")
    'Commune de Saint-Gaultier'
    >>> title_beneficiary("Subvention à l'association Les Amis du Vélo"), title_beneficiary("Subventions 2024")
    ('Les Amis du Vélo', None)
    """
    match = _TITLE_BENEFICIARY.search(title)
    if match is None or not re.match(r"[A-ZÉÈÀ]|(?:commune|ville)\s|" + _KIND_OF, match.group("name")):
        return None
    return _clean_name(re.split(r"\s+[-–—]\s+|\s*[(:;,]|\s+pour\s", match.group("name"))[0])


def find_grants(body: str, title: str = "") -> GrantsFound:
    """Return the grants decided in ``body``, the totals it states, and warnings on what does not add up."""
    from graph.ingest.delib_mentions import merge_prose
    from graph.ingest.delib_several import each_grants, inline_grants, respective_grants
    from graph.ingest.delib_tables import table_grants

    found = GrantsFound()
    table_grants(body, found)
    grants, totals = prose_grants(body, title_beneficiary(title), found.tables)
    several = each_grants(body) + respective_grants(body) + inline_grants(body)
    # A sentence of several grants is read whole: the prose reading of its amounts one by one gives way.
    grants = [g for g in grants if not any(s.span[0] <= g.span[0] < s.span[1] or g.span[0] <= s.span[0] < g.span[1]
                                           for s in several)]
    merge_prose([g for g in grants if not g.cancelled] + several, found)
    cancel([g for g in grants if g.cancelled], found)
    found.totals += totals
    check_words(body, found)
    reconcile(found, body)
    announced(body, found)
    return found


#: What announces grants below or beside it: "Décide d'attribuer les subventions d'investissement suivantes :",
#: "ATTRIBUE aux bénéficiaires ci-après les aides suivantes", "les aides figurant dans le tableau ci-dessus".
_ANNOUNCED = re.compile(r"\b(?:attribu|allou|accord|octro)\w*\s+[^.;:]{0,120}?\b(?:subventions?|aides?|participations?|"
                        r"dotations?|fonds\s+de\s+concours)\b[^.;:]{0,120}?(?:\bsuivant\w*|\bci-apr[eè]s|\bci-dessous|"
                        r"\bci-dessus|\bcomme\s+suit|\ben\s+annexe|\b(?:au|dans\s+le)\s+tableau)", re.I)


def announced(body: str, found: GrantsFound) -> None:
    """Warn when the text announces a list of grants ("décide d'attribuer les subventions suivantes") of which
    none was read: its layout is one the reader does not know, and the deliberation would else seem to grant
    nothing."""
    lead = next((m for m in _ANNOUNCED.finditer(body) if not _PAST.search(body, max(0, m.start() - 12), m.end())),
                None)
    if lead and not found.grants and not found.totals:  # a stated total's warning has said it already
        quote = re.sub(r"\s+", " ", lead.group(0))
        found.warnings.append((f"aucune subvention lue, bien que le texte en annonce (« {quote} ») : sa présentation "
                               f"n'a pas été reconnue",
                               f"no grant read, though the text announces some ('{quote}'): its layout was not "
                               f"recognised"))


def cancel(cancelled: list[GrantFact], found: GrantsFound) -> None:
    """Leave out the grants that the deliberation cancels (the beneficiary's, of that amount), and say so."""
    for grant in cancelled:
        key = name_key(grant.beneficiary)
        found.grants = [g for g in found.grants if name_key(g.beneficiary) != key or g.amount != grant.amount]
        found.warnings.append((f"subvention annulée : « {grant.beneficiary} » ({grant.amount} €), non retenue",
                               f"grant cancelled: '{grant.beneficiary}' ({grant.amount}), not kept"))


def check_words(body: str, found: GrantsFound) -> None:
    """Warn when an amount spelled in words disagrees with the figures written next to it."""
    for value, start, end in find_amounts_in_words(body):
        near = AMOUNT_RE.search(body[end:end + 40]) or AMOUNT_RE.search(body[max(0, start - 40):start])
        if near and parse_amount(near.group(0)) != value:
            found.warnings.append((
                f"montant en lettres ({body[start:end]} = {value}) différent du montant en chiffres "
                f"({near.group(0).strip()})",
                f"amount in words ({value}) differs from the figures ({near.group(0).strip()})"))


def euros(value: Decimal) -> str:
    """An amount as a warning writes it, the French way with its cents.

    >>> euros(Decimal("30000")), euros(Decimal("1234.5"))
    ('30 000,00 €', '1 234,50 €')
    """
    return f"{value:,.2f}".replace(",", " ").replace(".", ",") + " €"


def _total_quote(total: StatedTotal, body: str) -> str:
    """The words that state a total: a table's total row by its label ("Total"), a sentence by the words around the
    amount on its line — not from the top of the document, where a sentence without a full stop would begin."""
    start, end = total.span
    if not body or end > len(body) or not AMOUNT_RE.fullmatch(body[start:end].strip()):
        return total.label[:60]
    line_start = body.rfind("\n", 0, start) + 1
    cut = line_start < start - 80
    if cut:  # from a word's start
        line_start = body.find(" ", start - 80, start) + 1 or start - 80
    after = re.match(r"[^\n.;]{0,40}[.;]?", body[end:]).group(0)
    return ("…" if cut else "") + re.sub(r"\s+", " ", body[line_start:end] + after).strip()


def reconcile(found: GrantsFound, body: str = "") -> None:
    """Mark each stated total that equals the sum of all grants or of a run of consecutive grants; warn otherwise,
    quoting the total in ``body``."""
    amounts = [g.amount for g in found.grants]
    prefixes = [Decimal(0)]
    for amount in amounts:
        prefixes.append(prefixes[-1] + amount)

    def sums_a_run(total: Decimal) -> bool:  # prefixes[j] - prefixes[i] == total for some i < j, in one pass
        seen: set[Decimal] = set()
        for prefix in prefixes:
            if prefix - total in seen:
                return True
            seen.add(prefix)
        return False

    for total in found.totals:
        total.reconciled = sums_a_run(total.amount)
        if not total.reconciled:
            stated, summed = euros(total.amount), euros(sum(amounts, Decimal(0)))
            fr = f"total annoncé {stated} ≠ somme des subventions extraites {summed} (« {_total_quote(total, body)} »)"
            en = f"stated total {stated} differs from the sum of extracted grants {summed}"
            if found.unread_table and not amounts:
                fr += (f" : un tableau de montants a été vu (« {found.unread_table} »), mais aucune de ses colonnes "
                       f"n'a été reconnue comme celle des subventions décidées")
                en += (f": a table of amounts was seen ('{found.unread_table}'), but none of its columns was "
                       f"recognised as the decided grants'")
            found.warnings.append((fr, en))

