"""Grants given as a rate of a cost with a ceiling: "une subvention égale à 50 pour cent du coût des travaux,
plafonnée à 12 000 €", "50 % du montant HT des dépenses éligibles, dans la limite de 8 000 €".

:mod:`graph.ingest.delib_prose` reads such a grant at its ceiling (the most the rate can come to); this module says
so in the import report, quoting the text, and names the decision's sentences of that kind from which no grant was
read (the beneficiary or the ceiling could not be read), which would else be dropped unsaid.
"""

from __future__ import annotations

import re
from decimal import Decimal

from graph.ingest.delib_grant_words import GRANT_VERB, GRANT_WORD
from graph.ingest.delib_prose import decision_cues
from graph.ingest.french import AMOUNT_RE

#: A ceiling's words: "plafonnée à", "plafonnés à", "dans la limite de", "avec un plafond de", "plafonnée."
_CEILING = re.compile(r"\bplafonn(?:é|e|ée|ee|és|es|ées|ees)\b|\bdans\s+la\s+limite\s+d|\bplafond\b", re.I)
#: A rate of a cost: "50 %", "50 pour cent", "50 p. 100".
_RATE_OF = re.compile(r"\d\s*(?:%|pour\s*cent\b|p\.\s*100\b)", re.I)
#: What makes a ceiling a scheme's, its grants below it: a ceiling for each ("dans la limite de 30 000 € par
#: bénéficiaire"), or a list's lead ("…, plafonnées à 5 000 € :").
_SCHEME = re.compile(r"[^\n]*?\d[^\n]*?(?:€|euros?)\s+par\s+(?:bénéficiaire|projet|dossier|commune|association|"
                     r"structure|opération|demandeur)s?\b|:[ \t]*$", re.I | re.M)
#: Where a sentence of the decision ends: a full stop or a semicolon before a space, a blank line.
_SENTENCE_END = re.compile(r"[.;](?=\s|$)|\n[ \t]*\n")
#: How many characters of the text a warning quotes at most.
_QUOTED = 160


def decision_start(body: str) -> int:
    """Where the decision of ``body`` starts, as :func:`delib_prose.prose_grants` reads it: its first cue
    ("après en avoir délibéré", "DÉCIDE", "Article 1"), else the end of the text.

    >>> decision_start("Le Maire expose. Le Conseil, après en avoir délibéré, DÉCIDE :")
    29
    """
    cues = decision_cues(body)
    return cues[0] if cues else len(body)


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def ceiling_quote(body: str, span: tuple[int, int]) -> str:
    """The words of a grant read at its ceiling (its evidence ``span`` in ``body``), squeezed: its sentence, or,
    when long, the part that ends with the ceiling's amount.

    >>> ceiling_quote("DÉCIDE d'attribuer à X une aide de 50 % du coût, plafonnée à 2 000 €.", (0, 70))
    "DÉCIDE d'attribuer à X une aide de 50 % du coût, plafonnée à 2 000 €."
    """
    said = body[span[0]:span[1]]
    if len(_squeezed(said)) <= _QUOTED:
        return _squeezed(said)
    cues = list(_CEILING.finditer(said))
    amount = AMOUNT_RE.search(said, cues[-1].end()) if cues else None
    end = amount.end() if amount else len(said)
    quote = _squeezed(said[:end])
    return "…" + quote[-_QUOTED:].split(" ", 1)[-1] if len(quote) > _QUOTED else quote


def ceiling_warning(body: str, beneficiary: str, amount: Decimal, span: tuple[int, int]) -> tuple[str, str]:
    """The warning (French, English) that a grant's amount is the ceiling of a rate of a cost, quoting the text.

    >>> ceiling_warning("une aide de 50 % du coût, plafonnée à 2 000 €", "X", Decimal(2000), (0, 45))[1]
    "ceiling read as the amount: 'X' receives at most 2000 (a rate of a cost, capped: the amount is a ceiling); \
the amount paid may be less: 'une aide de 50 % du coût, plafonnée à 2 000 €'"
    """
    quote = ceiling_quote(body, span)
    return (f"plafond lu comme montant : « {beneficiary} » reçoit au plus {amount} € (un taux d'un coût, plafonné : "
            f"montant plafond) ; le montant versé peut être moindre : « {quote} »",
            f"ceiling read as the amount: '{beneficiary}' receives at most {amount} (a rate of a cost, capped: the "
            f"amount is a ceiling); the amount paid may be less: '{quote}'")


def unread_ceilings(body: str, decision_at: int, read: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """A warning for each sentence of the decision (from ``decision_at`` in ``body``) that grants a rate of a cost
    with a ceiling and from which no grant was read (``read``: the spans of the grants read and of the items
    already warned of): its beneficiary or its ceiling could not be read.

    >>> unread_ceilings("DÉCIDE d'attribuer une subvention égale à 50 % du coût, plafonnée à 9 000 €.", 0, [])[0][0]
    "subvention plafonnée dont le bénéficiaire n'est pas lu, aucune subvention n'en est tirée (montant plafond \
9 000 €) : « DÉCIDE d'attribuer une subvention égale à 50 % du coût, plafonnée à 9 000 €. »"
    >>> unread_ceilings("DÉCIDE d'attribuer les aides suivantes, de 30 % du coût, plafonnées à 9 000 € :", 0, [])
    []
    >>> unread_ceilings("DÉCIDE d'attribuer des aides de 30 % du coût, plafonnées à 9 000 € par projet.", 0, [])
    []
    >>> unread_ceilings("DÉCIDE d'attribuer à X une aide égale à 50 % du coût, plafonnée.", 0, [])[0][1]
    "grant computed on a cost whose ceiling is not read, no grant read from it: \
'DÉCIDE d'attribuer à X une aide égale à 50 % du coût, plafonnée.'"
    """
    warnings, done = [], -1
    for cue in _CEILING.finditer(body, decision_at):
        if cue.start() < done:
            continue
        start = max((m.end() for m in _SENTENCE_END.finditer(body, decision_at, cue.start())), default=decision_at)
        end_match = _SENTENCE_END.search(body, cue.end())
        end = end_match.end() if end_match else len(body)
        done = end
        sentence = body[start:end]
        if not (_RATE_OF.search(sentence) and (GRANT_WORD.search(sentence) or GRANT_VERB.search(sentence))) \
                or any(s < end and start < e for s, e in read) or _SCHEME.search(body, cue.end(), end):
            continue
        quote = _squeezed(sentence)
        quote = quote if len(quote) <= _QUOTED else quote[:_QUOTED].rsplit(" ", 1)[0] + "…"
        ceiling = AMOUNT_RE.search(body, cue.end(), end)
        if ceiling is None:
            warnings.append((f"subvention calculée sur un coût dont le plafond n'est pas lu, aucune subvention n'en "
                             f"est tirée : « {quote} »",
                             f"grant computed on a cost whose ceiling is not read, no grant read from it: '{quote}'"))
        else:
            said = _squeezed(ceiling.group(0))
            warnings.append((f"subvention plafonnée dont le bénéficiaire n'est pas lu, aucune subvention n'en est "
                             f"tirée (montant plafond {said}) : « {quote} »",
                             f"capped grant whose beneficiary is not read, no grant read from it (ceiling {said}): "
                             f"'{quote}'"))
    return warnings
