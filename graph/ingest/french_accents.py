"""Regular expressions that match French with or without its accents, as typed registers and OCR write it ("a
l'unanimite", "presents : 12"): the cues that deliberations' readers look for (headings, counts' labels, formulas).
"""

from __future__ import annotations

import re
import unicodedata


#: The accented letters of French and the letter each one is written as when a text drops its accents.
_UNACCENTED = {c: unicodedata.normalize("NFD", c)[0] for c in "àâäéèêëîïôöùûüÿçÀÂÄÉÈÊËÎÏÔÖÙÛÜŸÇ"}


def accents_optional(pattern: str) -> str:
    """Rewrite a regular expression so that each accented letter of it also matches the letter without its accent,
    as typed registers and OCR write French ("a l'unanimite", "presents : 12"); a negated class stays as it is.

    >>> accents_optional(r"à\\s+l['’]unanimité"), accents_optional("[A-ZÀ-Ý]+ présents")
    ("[àa]\\\\s+l['’]unanimit[ée]", '[AA-ZÀ-Ý]+ pr[ée]sents')
    """
    out: list[str] = []
    i, end = 0, len(pattern)
    while i < end:
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if char == "[":
            close = i + 1 + (pattern[i + 1:i + 2] == "^")
            close += pattern[close:close + 1] == "]"
            while close < end and pattern[close] != "]":
                close += 2 if pattern[close] == "\\" else 1
            body = pattern[i + 1:close]
            bases = "".join(dict.fromkeys(_UNACCENTED[c] for c in body if c in _UNACCENTED))
            out.append("[" + body if body.startswith("^") else "[" + bases + body)
            out.append("]")
            i = close + 1
            continue
        out.append(f"[{char}{_UNACCENTED[char]}]" if char in _UNACCENTED else char)
        i += 1
    return "".join(out)


def compile_cue(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile the pattern of a cue (a heading, a count's label, a formula) with its accents optional
    (:func:`accents_optional`)."""
    return re.compile(accents_optional(pattern), flags)

