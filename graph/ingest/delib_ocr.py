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


def repair_ocr(text: str) -> tuple[str, list[str]]:
    """Return ``text`` with OCR's confusions put right, and the readings changed (as "read → made"); ``text``
    unchanged when its numbers show no confusion.

    >>> repair_ocr("Séance du l8 mars 2O24\\nAssoclation Sportive ...... 1 5OO €\\nComité ...... l 200 €")[0]
    'Séance du 18 mars 2024\\nAssociation Sportive ...... 1 500 €\\nComité ...... 1 200 €'
    >>> repair_ocr("- l'associaticn Les Amis ...... 8OO €\\n- ASSOCIATIQN Familles ...... l 2OO €")[0]
    "- l'association Les Amis ...... 800 €\\n- ASSOCIATION Familles ...... 1 200 €"
    >>> repair_ocr("Le 2O24 seul.")
    ('Le 2O24 seul.', [])
    >>> repair_ocr("à I'unanimité : l 800 C a I'association, 12 C rue du Port")[0]
    "à l'unanimité : 1 800 € a l'association, 12 C rue du Port"
    """
    if len(_DIGITS.findall(text)) + len(_ELIDED.findall(text)) < 2:
        return text, []
    changes: list[str] = []

    def noted(repair):
        def apply(match: re.Match) -> str:
            made = repair(match)
            if made != match.group(0):
                changes.append(f"{match.group(0)} → {made}")
            return made
        return apply

    text = _DIGITS.sub(noted(_ocr_digits), text)
    text = _ELIDED.sub(noted(lambda m: "l"), text)
    text = _ONE.sub(noted(lambda m: "1"), text)
    text = _ZERO.sub(noted(lambda m: "O" if m.string[m.start() - 1].isupper() else "o"), text)
    text = _WORD_WITH_L.sub(noted(_as_i), text)
    text = _LONG_WORD.sub(noted(_one_letter_off), text)

    def euro(match: re.Match) -> str:
        changes.append(f"{match['amount']} → {match['amount'][:-1]}€")
        return match.group(0)[:-1] + "€"

    text = _EURO.sub(euro, text)
    text = _EURO_C.sub(noted(lambda m: m["amount"] + "€"), text)
    return text, changes


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
