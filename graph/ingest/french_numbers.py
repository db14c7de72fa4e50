"""French numbers spelled in words, as deliberations write them: counts of members ("dix-neuf présents") and
amounts ("vingt mille euros", DATA-FORMATS.md pitfall 15), read and written.

>>> words_to_number("quatre-vingt-dix-sept mille deux cent cinquante")
97250
"""

from __future__ import annotations

import re
from decimal import Decimal

from graph.ingest.french import fold


_UNITS = {
    "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
}
_SCALES = {"mille": 1000, "mil": 1000, "million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9}
#: The words that spell a count of members (up to the hundreds), longest first so that "dix" does not take
#: "dix-sept"'s place in an alternation.
NUMBER_WORDS = tuple(sorted((w for w in (*_UNITS, "cent", "cents") if w != "zero"), key=len, reverse=True))
#: A count of members spelled out: "dix-neuf", "vingt et un", "deux" (:func:`words_to_number` reads it).
SPELLED_COUNT = (r"(?:" + "|".join(NUMBER_WORDS) + r")(?:[ \t-]+(?:et[ \t-]+)?(?:" + "|".join(NUMBER_WORDS) + r"))*"
                 r"(?![\w-])")


def words_to_number(text: str) -> int | None:
    """Return the integer that French number words spell ("vingt mille" → 20000), or None.

    >>> words_to_number("soixante et onze")
    71
    >>> words_to_number("deux millions trois cent mille")
    2300000
    >>> words_to_number("bonjour") is None
    True
    """
    words = [w for w in re.split(r"[\s-]+", fold(text).strip()) if w and w != "et"]
    if not words or any(w not in _UNITS and w not in _SCALES and w not in ("cent", "cents") for w in words):
        return None
    total, current = 0, 0
    for word in words:
        if word in ("cent", "cents"):
            current = (current or 1) * 100
        elif word in _SCALES:
            scale = _SCALES[word]
            if scale == 1000:
                total += (current or 1) * 1000
            else:
                total += current * scale
            current = 0
        elif _UNITS[word] == 20 and current % 100 == 4:  # quatre-vingt(s)
            current = current - 4 + 80
        else:
            current += _UNITS[word]
    return total + current


#: Words then their currency, nothing else: a table's cell that writes its amount in full.
_WORDS_THEN_EUROS = re.compile(r"\s*(?P<words>[^\W\d_](?:[^\W\d_]|[\s-])*?)\s*(?:euros?|€)\s*", re.I)


def words_amount(text: str) -> Decimal | None:
    """Return the amount that ``text`` spells in words with nothing but its currency after them ("mille cinq cents
    euros", as a table's cell may write it in full), or None: words that are no number ("dossier incomplet") say
    why a cell holds no amount, and words without a currency may count anything.

    >>> words_amount("mille cinq cents euros"), words_amount("Trois mille cinq cents €"), words_amount("zéro euro")
    (Decimal('1500'), Decimal('3500'), Decimal('0'))
    >>> words_amount("dossier incomplet – néant euros"), words_amount("deux mille"), words_amount("2 000 euros")
    (None, None, None)
    """
    match = _WORDS_THEN_EUROS.fullmatch(text)
    value = words_to_number(match["words"]) if match else None
    return None if value is None else Decimal(value)


#: A word, its hyphens included ("quatre-vingt-dix").
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def words_amount_ending(text: str) -> tuple[int, Decimal] | None:
    """Where the amount in words that ends ``text`` starts, and its value: the number words before "euros" at its
    end, as a table's row flattened into a line writes them after its name ("Club B Fête mille cinq cents euros");
    None unless they spell their number as French writes it, so that a name's last word ("Club Sept") is not read
    as part of the amount.

    >>> words_amount_ending("Club B Fête mille cinq cents euros"), words_amount_ending("Club Sept deux mille euros")
    ((12, Decimal('1500')), None)
    """
    end = re.search(r"\s*\beuros?\s*$", text, re.I)
    words = list(_WORD.finditer(text, 0, end.start())) if end else []
    start = end.start() if end else 0
    while words and not text[words[-1].end():start].strip() and (
            words[-1].group(0) == "et" or words_to_number(words[-1].group(0)) is not None):
        start = words.pop().start()
    value = words_to_number(text[start:end.start()]) if end else None
    if value is None or _plain(text[start:end.start()]) != _plain(number_to_words(value)):
        return None
    return start, Decimal(value)


def _plain(words: str) -> str:
    """Number words as compared, whichever way they are hyphenated or "cent" takes its plural."""
    return re.sub(r"\b(cent|vingt)s\b", r"\1", " ".join(fold(words).replace("-", " ").split()))


_SMALL = ("zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize "
          "dix-sept dix-huit dix-neuf").split()
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def _below_hundred(n: int) -> str:
    if n < 20:
        return _SMALL[n]
    tens, unit = divmod(n, 10)
    if tens in (7, 9):
        base = "soixante" if tens == 7 else "quatre-vingt"
        return f"{base}{'-et-' if n == 71 else '-'}{_SMALL[10 + unit]}"
    base = "quatre-vingt" if tens == 8 else _TENS[tens]
    if unit == 0:
        return base + ("s" if tens == 8 else "")
    return f"{base}{'-et-' if unit == 1 and tens != 8 else '-'}{_SMALL[unit]}"


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append("cent" if hundreds == 1 else f"{_SMALL[hundreds]} cent{'s' if not rest else ''}")
    if rest or not hundreds:
        parts.append(_below_hundred(rest))
    return " ".join(parts)


def number_to_words(n: int) -> str:
    """Spell a non-negative integer below a billion in French (1990 spelling without hyphens between groups).

    >>> number_to_words(20000)
    'vingt mille'
    >>> number_to_words(1281)
    'mille deux cent quatre-vingt-un'
    """
    if n == 0:
        return "zéro"
    millions, rest = divmod(n, 10**6)
    thousands, units = divmod(rest, 1000)
    parts = []
    if millions:
        parts.append(f"{_below_thousand(millions)} million{'s' if millions > 1 else ''}")
    if thousands:
        parts.append("mille" if thousands == 1 else f"{_below_thousand(thousands)} mille".replace("cents mille",
                                                                                                   "cent mille"))
    if units:
        parts.append(_below_thousand(units))
    return " ".join(parts)


#: Words then "euros". A match starts where no letter precedes: a match starting inside a word would also start
#: at the word's first letter, which comes first. The one exception is a start right after the previous match, on
#: a letter that is not a word character ("÷", in the class as à-ÿ spans it), hence the lookahead. The class alone
#: retried every letter of every word (~3.5x the time on deliberations).
_WORDS_EUROS_RE = re.compile(r"(?:(?<![a-zà-ÿ])|(?=\u00f7))((?:[a-zà-ÿ]+[\s-]+){1,12}?)euros?\b", re.I)


def find_amounts_in_words(text: str) -> list[tuple[int, int, int]]:
    """Return (value, start, end) for each amount spelled in words and followed by "euros" in ``text``.

    >>> find_amounts_in_words("une subvention de vingt mille euros (20 000 €)")
    [(20000, 18, 35)]
    """
    if "euro" not in text.lower():  # most sentences: "euro" matches only its ASCII cases under re.I
        return []
    found = []
    for match in _WORDS_EUROS_RE.finditer(text):
        words = match.group(1).split()
        for i in range(len(words)):
            value = words_to_number(" ".join(words[i:]))
            if value:
                start = text.index(words[i], match.start())
                found.append((value, start, match.end()))
                break
    return found
