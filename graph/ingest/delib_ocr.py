"""Text that character recognition (OCR) read from a scan: the letters it takes for digits and back, put right.

A scanned deliberation's text confuses O and 0, l (or I) and 1, l and i: "Séance du l8 mars 2O24", "1 5OO €",
"l 200 €", "C0MMUNE", "subventi0ns", "Municlpal". Only a text that shows such confusions in its numbers (two at
least) is read as OCR's, and then only readings that leave no doubt are made: a run of digits with O, o, l or I
among them is a number; a letter l or I alone before a group of three digits and a currency is a 1; a 0 between
letters is an O; a word with an l that is no word of a deliberation, but is one with an i instead, takes the i; an
E after a list item's amount, at the end of its line ("……     300 E"), is a €. An elided article read with a capital
I ("à I'unanimité", "de I'Union") is also a sign of OCR, and is put right (no French word is written "I'"); a C
after an amount, before the words or the punctuation that follow an amount ("4 500 C a I'association"), is a €. A
word one letter off "association" ("l'associaticn", "ASSOCIATIQN") is that word: no French word is so near it.
Every change keeps the text's length, and the reader says how many it made.
"""

from __future__ import annotations

import re
from itertools import product

from graph.ingest.french import fold

#: A number with letters among its digits: "2O24", "l8", "5OO", "O3" (in "22/O3/2024").
_DIGITS = re.compile(r"(?<![\w])(?=[\dOolI]*\d)(?=[\dOolI]*[OolI])[\dOolI]{2,}(?![\w])")
#: A 1 read as a letter before a group of thousands and a currency: "l 200 €".
_ONE = re.compile(r"(?<![\w'’])[lI](?= \d{3}(?:[ .]\d{3})*(?:,\d{1,2})? ?(?:€|euros?\b|EUR\b|C(?![\w'’°])))")
#: An elided article "l'" read as a capital I: "à I'unanimité", "de I'Union" (French writes no word "I'").
_ELIDED = re.compile(r"(?<![\w'’-])I(?=['’][A-Za-zÀ-ÿ])")
#: A euro sign read as a C after an amount, before what follows an amount: a preposition ("4 500 C a I'association",
#: "300 C au titre de"), "HT"/"TTC"/"net", punctuation or the line's end. Not a "12 C rue …" address, a "20 °C".
_EURO_C = re.compile(r"(?<![\w,.])(?P<amount>(?:\d{1,3}(?:[ \u00a0.]\d{3})+|\d{2,})(?:,\d{1,2})?[ \u00a0]?)C"
                     r"(?=[ \t]*(?:[;,.)]|$|(?:à|a|au|aux|pour|par|en|de|HT|TTC|net)\b))", re.M)
#: A 0 read for an O between letters: "C0MMUNE", "Procurati0ns".
_ZERO = re.compile(r"(?<=[A-Za-zÀ-ÿ])0(?=[A-Za-zÀ-ÿ])")
#: A euro sign read as an E: a list item's amount, after its dot leaders or its colon, at the end of its line
#: ("Transport solidaire ......     300 E").
_EURO = re.compile(r"(?:\.{3}|…|\s:)[ \t]*(?P<amount>(?:\d{1,3}(?:[ \u00a0.]\d{3})+|\d+)(?:,\d{1,2})?[ \u00a0]?E)"
                   r"(?=[ \t]*[;.,]?[ \t]*$)", re.M)
#: An amount before its currency with letters that OCR reads for digits among its groups: "45 OOO €", "l 500 €",
#: "l2 750 euros". Its first group opens with a digit other than 0 or with l/I, and holds a digit unless it is that
#: one letter ("Il 500 €" is no amount); each group after it is three characters.
_LETTERED_AMOUNT = re.compile(r"(?<![\w,.'’])(?P<first>[1-9lI][\dOolI]{0,2})(?P<groups>(?:[ \u00a0.][\dOolI]{3})*)"
                              r"(?P<cents>,[\dOo]{1,2})?(?= ?(?:€|euros?\b|EUR\b))")
#: A word in capitals with a small l that OCR read for an I ("L'lNDRE", "MUNlCIPAL"): an l that opens the word
#: before a consonant, or stands between two consonants, where French writes no L.
_CAPITALS_WITH_L = re.compile(r"(?<![\w-])(?=[A-ZÀ-Ýl]*l)(?=(?:[A-ZÀ-Ýl]*?[A-ZÀ-Ý]){2})[A-ZÀ-Ýl]{3,}(?![\w-])")
_CONSONANTS = "BCDFGHJKLMNPQRSTVWXZÇ"
_L_FOR_I = re.compile(rf"(?:^|(?<=[{_CONSONANTS}]))l(?=[{_CONSONANTS}])")
#: A word that OCR opened with an l for a capital I before a consonant, where French opens no word with an l
#: ("de l'lndre", "lnstitut").
_INITIAL_L = re.compile(r"(?<![\w-])l(?=[bcdfgjkmnpqrstvwxz][a-zà-ÿ]+(?![\w-]))")
_WORD_WITH_L = re.compile(r"\b[A-Za-zÀ-ÿ]*l[A-Za-zÀ-ÿ]*\b")
#: Words of deliberations in which OCR reads an i as an l, folded: the word it makes is no French word.
_WORDS = {fold(w) for w in (
    "extrait", "municipal", "municipale", "municipaux", "exercice", "finances", "financière", "association",
    "associations", "associative", "associatif", "subvention", "subventions", "délibération", "délibérations",
    "délibéré", "présidence", "présidente", "commission", "procuration", "procurations", "proposition",
    "propositions", "unanimité", "article", "primitif", "crédits", "inscrits", "imputation", "communautaire",
    "préfecture", "secrétaire", "conseil", "conseillers", "conseillère", "délégation", "réunion", "régulièrement",
    "attribuer", "attribue", "décide", "fixe", "dit", "vie", "titre", "sportive", "culturelle", "public",
    "politique", "compétence", "intérêt", "assemblée", "territoriale", "solidarité", "initiative")}

#: Words that a list's items open with, which OCR may garble a letter of: no French word is one letter from them, so
#: a word that is ("associaticn", "ASSOCIATIQN") is theirs.
_LEAD_WORDS = ("association", "associations")
_LONG_WORD = re.compile(r"\b[A-Za-z]{11,12}\b")


def _ocr_digits(match: re.Match) -> str:
    return match.group(0).translate(str.maketrans("OolI", "0011"))


def _as_i(match: re.Match) -> str:
    word = match.group(0)
    if fold(word) in _WORDS or word.count("l") > 3:
        return word
    spots = [i for i, c in enumerate(word) if c == "l"]
    for choice in product((False, True), repeat=len(spots)):
        if any(choice):
            letters = list(word)
            for at, to_i in zip(spots, choice):
                letters[at] = "i" if to_i else "l"
            if fold("".join(letters)) in _WORDS:
                return "".join(letters)
    return word


def _one_letter_off(match: re.Match) -> str:
    """The word of :data:`_LEAD_WORDS` that ``match`` reads one letter off, in its case; else ``match`` as it is."""
    word = match.group(0)
    for right in _LEAD_WORDS:
        if len(word) == len(right) and sum(a != b for a, b in zip(word.lower(), right)) == 1:
            return right.upper() if word.isupper() else right.capitalize() if word[0].isupper() else right
    return word


def _noted(repair, changes: list[str]):
    """``repair`` as a function of a match for ``re.sub`` that notes in ``changes`` each reading it changed."""
    def apply(match: re.Match) -> str:
        made = repair(match)
        if made != match.group(0):
            changes.append(f"{match.group(0)} → {made}")
        return made
    return apply


def _capitals_i(match: re.Match) -> str:
    """The word in capitals of :data:`_CAPITALS_WITH_L` with its one small l read as an I where French writes no L;
    else as it is (two small l are no capitals' word)."""
    word = match.group(0)
    return _L_FOR_I.sub("I", word) if word.count("l") == 1 else word


def _amount_digits(match: re.Match) -> str:
    """The amount of :data:`_LETTERED_AMOUNT` with its letters read as the digits OCR took them for, when it has
    letters and digits both and its first group is a digit, or the lone letter of a thousands' digit; else as it is.
    """
    amount, first = match.group(0), match["first"]
    if not re.search(r"[OolI]", amount) or not re.search(r"\d", amount) \
            or not (re.search(r"\d", first) or len(first) == 1 and match["groups"]):
        return amount
    return _ocr_digits(match)


def repair_ocr(text: str) -> tuple[str, list[str]]:
    """Return ``text`` with OCR's confusions put right, and the readings changed (as "read → made"); when its
    numbers show no confusion, only an amount before its currency with letters among its digits ("45 OOO €",
    "l 500 €") is put right, the only reading it has.

    >>> repair_ocr("Séance du l8 mars 2O24\\nAssoclation Sportive ...... 1 5OO €\\nComité ...... l 200 €")[0]
    'Séance du 18 mars 2024\\nAssociation Sportive ...... 1 500 €\\nComité ...... 1 200 €'
    >>> repair_ocr("- l'associaticn Les Amis ...... 8OO €\\n- ASSOCIATIQN Familles ...... l 2OO €")[0]
    "- l'association Les Amis ...... 800 €\\n- ASSOCIATION Familles ...... 1 200 €"
    >>> repair_ocr("Le 2O24 seul.")
    ('Le 2O24 seul.', [])
    >>> repair_ocr("Club : 45 OOO € ; Comité : l 500 € ; Il 500 € ; lOO €")
    ('Club : 45 000 € ; Comité : 1 500 € ; Il 500 € ; lOO €', ['45 OOO → 45 000', 'l 500 → 1 500'])
    >>> repair_ocr("DÉPARTEMENT DE L'lNDRE, MUNlCIPAL, NATIONAl, ClA")[0]
    "DÉPARTEMENT DE L'INDRE, MUNICIPAL, NATIONAl, ClA"
    >>> repair_ocr("Séance du l8 mars 2O24 : Fédération de l'lndre, lnstitut, le lycée")[0]
    "Séance du 18 mars 2024 : Fédération de l'Indre, Institut, le lycée"
    >>> repair_ocr("à I'unanimité : l 800 C a I'association, 12 C rue du Port")[0]
    "à l'unanimité : 1 800 € a l'association, 12 C rue du Port"
    """
    changes: list[str] = []
    if len(_DIGITS.findall(text)) + len(_ELIDED.findall(text)) >= 2:
        text = _repair_scan(text, changes)
    # in any text, the readings that have no other: an amount before its currency ("45 OOO €", "l 500 €"), a word in
    # capitals with a small l where French writes no L ("L'lNDRE")
    text = _LETTERED_AMOUNT.sub(_noted(_amount_digits, changes), text)
    return _CAPITALS_WITH_L.sub(_noted(_capitals_i, changes), text), changes


def _repair_scan(text: str, changes: list[str]) -> str:
    """The readings of :func:`repair_ocr` made in a text that shows OCR's confusions, each noted in ``changes``."""
    def noted(repair):
        return _noted(repair, changes)

    text = _DIGITS.sub(noted(_ocr_digits), text)
    text = _ELIDED.sub(noted(lambda m: "l"), text)
    text = _ONE.sub(noted(lambda m: "1"), text)
    text = _INITIAL_L.sub(noted(lambda m: "I"), text)
    text = _ZERO.sub(noted(lambda m: "O" if m.string[m.start() - 1].isupper() else "o"), text)
    text = _WORD_WITH_L.sub(noted(_as_i), text)
    text = _LONG_WORD.sub(noted(_one_letter_off), text)

    def euro(match: re.Match) -> str:
        changes.append(f"{match['amount']} → {match['amount'][:-1]}€")
        return match.group(0)[:-1] + "€"

    text = _EURO.sub(euro, text)
    return _EURO_C.sub(noted(lambda m: m["amount"] + "€"), text)


#: An amount that OCR left unreadable: letters among its digits before a currency ("3B0 €", "1 2S0 €"); each group
#: of the number holds a digit ("de 200 €" is no such amount).
_UNREADABLE = re.compile(r"(?<![\w,.])(?=[A-Za-z]{0,2}\d)\w{1,3}(?:[ .](?=[A-Za-z]{0,2}\d)\w{3})*(?:,\w{1,2})?"
                         r"(?= ?(?:€|euros?\b|EUR\b))")


def unreadable_amounts(text: str) -> list[str]:
    """The lines of an OCR-read text where an amount is left unreadable, letters among its digits.

    >>> unreadable_amounts("Société de Pêche ........ 3B0 €\\nComité ........ 1 200 €, soit de 200 euros")
    ['Société de Pêche ........ 3B0 €']
    """
    lines = []
    for match in _UNREADABLE.finditer(text):
        if re.search(r"[A-Za-z]", match.group(0)):
            start, end = text.rfind("\n", 0, match.start()) + 1, text.find("\n", match.end())
            lines.append(text[start:end if end >= 0 else len(text)].strip())
    return lines
