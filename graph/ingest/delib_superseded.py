"""What a deliberation tells of the debate before its decision, whose amounts the decision then replaced: the list
that the draft proposed ("Le projet de délibération proposait la répartition suivante :", or a sentence of it: "Le
projet proposait une subvention de 3 000 € à X", or quoted: "Projet de délibération : « … »"), and what an amendment set
out to change ("En séance, un amendement visant à retirer la subvention prévue pour X et à porter celle de Y à
3 500 € est adopté."). When the decision grants after them ("ATTRIBUE les subventions suivantes : …"), their amounts
are neither grants nor stated totals: the grants are the decision's, and so is the total to check them against.
Without a decision that grants after them, they are left as read (the draft may be what was adopted).

>>> body = ("Le projet de délibération proposait la répartition suivante :\\n  - Club A ...... 3 000 €\\n"
...         "  - Club B ...... 2 500 €\\n                Total : 5 500 €\\n"
...         "En séance, un amendement visant à retirer la subvention prévue pour le Club B est adopté.\\n"
...         "Le Conseil ATTRIBUE les subventions suivantes :\\n  Club A : 3 000 €\\n")
>>> [body[start:end].split("\\n")[0] for start, end in superseded_spans(body)]
['Le projet de délibération proposait la répartition suivante :', \
'En séance, un amendement visant à retirer la subvention prévue pour le Club B est adopté.']
"""

from __future__ import annotations

import re

from graph.ingest.delib_grants import GrantFact, StatedTotal
from graph.ingest.french import AMOUNT_RE
from graph.ingest.delib_lists import BULLET_MARKS

#: A list's lead that tells what was proposed before the decision, not what it grants: a draft's or a report's
#: proposal in the imperfect or the pluperfect ("proposait", "prévoyait", "soumettait", "avait proposé"), a list said
#: to be the initial one ("la répartition initialement proposée", "le projet initial" — not "la répartition initiale
#: est modifiée comme suit :", whose list is the new one), or one said to be before the amendment.
_PROPOSED_LEAD = re.compile(r"\b(?:propos|pr[ée]voy|soumett|envisage)ai(?:en)?t\b|"
                            r"\bavai(?:en)?t\s+(?:été\s+)?(?:propos|pr[ée]vu|envisag|soumis)\w*|"
                            r"\binitialement\s+(?:propos|pr[ée]vu|envisag|soumis)\w*|"
                            r"\b(?:projet|proposition|version|répartition|liste|tableau)\s+initia(?:l|le|ux|les)\b"
                            r"(?![^:\n]*\b(?:modifi|amend|devien|remplac|port[ée]))|"
                            r"\bavant\s+(?:l['’]\s*|les?\s+)?amendements?\b", re.I)
#: A draft quoted in the minutes, before the debate that amends it: "Projet de délibération : « Le Conseil municipal
#: décide d'attribuer une subvention de 3 000 € à … »".
_QUOTED_DRAFT = re.compile(r"\bprojet\s+(?:de\s+d[ée]lib[ée]ration\s+)?(?:initial\s+)?:\s*«[^»]*»", re.I)
#: What an amendment set out to do, told before or after its vote: "un amendement visant à …", "l'amendement n° 2,
#: tendant à …", "un amendement ayant pour objet de …", "l'amendement proposant de …", "Amendement de M. X : …".
_AMENDMENT = re.compile(r"\bamendements?\b[^.;:\n]{0,80}?\b(?:visant|tendant|ayant\s+pour\s+(?:objet|objectif)|"
                        r"propos(?:ant|e|ait)|qui\s+propos\w*|destiné)\s+(?:à|de|d['’])|"
                        # its content after a colon: "Amendement présenté par M. X : ramener la subvention de …"
                        r"\bamendements?\b(?:[^.;:\n]|(?<=\bM)\.|(?<=\bMme)\.){0,80}?:[ \t]*(?=[a-zà-ÿ])", re.I)
#: A sentence's end: a full stop, "!" or "?" before a space or the text's end (not a decimal point, dot leaders, nor
#: the dot of "n°" or of a civility), a semicolon, a colon or an amount that ends its line (a list's lead, a list's
#: item), or a blank line.
_SENTENCE_END = re.compile(r"(?<!\bM)(?<!\bMme)(?<!\bn°)(?<!\.)[.!?](?!\.)(?=\s|$)|;|:[ \t]*(?=\n)|"
                           r"(?<=€)[ \t]*[;,.]?[ \t]*(?=\n)|\n[ \t]*\n")
#: A line of the list under a lead: an item opening with a bullet or a number, a line that ends with an amount
#: ("Banque alimentaire ........ 6 000 €"), a total's or a rule's line, or an indented line that goes on an item.
_LIST_LINE = re.compile(r"[ \t]*(?:[" + re.escape(BULLET_MARKS) + r"]|\d{1,2}\s*[.)°])[ \t]+\S|"
                        r"[^\n]{0,130}\d[ \u00a0\u202f]*(?:€|euros?|EUR)[ \t]*[;.,]?[ \t]*|"
                        r"[ \t]*(?:(?:sous-)?total\b|soit\b)[^\n]*|[ \t]*[-=_─━]{3,}[ \t]*|[ \t]+\S[^\n]*", re.I)


def _lead_start(body: str, at: int) -> int:
    """Where the sentence around offset ``at`` begins: after the sentence or the paragraph before it, and no higher
    than the line of ``at`` — or the lines above it, when a line in small letters goes on the one above it."""
    ends = [m.end() for m in _SENTENCE_END.finditer(body, max(0, at - 400), at)]
    start = ends[-1] if ends else max(0, at - 400)
    line = body.rfind("\n", 0, at) + 1
    while line > start and re.match(r"[ \t]*[a-zà-ÿ]", body[line:]) and body[start:line - 1].strip():
        line = body.rfind("\n", 0, line - 1) + 1
    start = max(start, line)
    return start + len(body[start:at]) - len(body[start:at].lstrip())


def _list_end(body: str, at: int) -> int:
    """Where the list that starts on the line after offset ``at`` ends: after its last line, before its first line
    that is none of its (:data:`_LIST_LINE`); blank lines inside it are its own when one of its lines follows them."""
    line_end = body.find("\n", at)
    end = len(body) if line_end < 0 else line_end
    while line_end >= 0:
        next_end = body.find("\n", line_end + 1)
        text = body[line_end + 1:next_end if next_end >= 0 else len(body)]
        if text.strip():
            if not _LIST_LINE.fullmatch(text):
                break
            end = next_end if next_end >= 0 else len(body)
        line_end = next_end
    return end


def superseded_spans(body: str) -> list[tuple[int, int]]:
    """The spans of ``body`` that tell of amounts proposed before the decision: the lists under a lead that says they
    were proposed (:data:`_PROPOSED_LEAD`), their total included, and the sentences that tell what an amendment set
    out to change (:data:`_AMENDMENT`)."""
    return [(start, end) for start, end, _ in _spans(body)]


#: An amendment that the vote rejected: what it set out to change was never decided.
_REJECTED = re.compile(r"\b(?:rejet[ée]e?s?|repouss[ée]e?s?|n['’](?:est|a)\s+pas\s+(?:été\s+)?adopt[ée]e?s?|"
                       r"non\s+adopt[ée]e?s?)\b", re.I)


def _spans(body: str) -> list[tuple[int, int, bool]]:
    """:func:`superseded_spans`, each with whether it tells of a rejected amendment."""
    spans = []
    for colon in re.finditer(r":[ \t]*(?=\n)", body):
        start = _lead_start(body, colon.start())
        if _PROPOSED_LEAD.search(body, start, colon.start()):
            spans.append((start, _list_end(body, colon.end()), False))
    for match in _PROPOSED_LEAD.finditer(body):  # a sentence of the draft: "Le projet proposait une subvention de …"
        start = _lead_start(body, match.start())
        end = _SENTENCE_END.search(body, match.end())
        end = end.start() + 1 if end else len(body)
        if body[end - 1:end] != ":" and AMOUNT_RE.search(body, match.end(), end):
            spans.append((start, end, False))
    for match in _QUOTED_DRAFT.finditer(body):  # "Projet de délibération : « … 3 000 € … »"
        spans.append((match.start(), match.end(), False))
    for match in _AMENDMENT.finditer(body):
        start = _lead_start(body, match.start())
        end = _SENTENCE_END.search(body, match.end())
        end = end.start() + 1 if end else len(body)
        spans.append((start, end, bool(_REJECTED.search(body, start, end))))
    return sorted(spans)


def drop_superseded(body: str, readings: list[list[GrantFact]], totals: list[list[StatedTotal]]) -> None:
    """Leave out of each list of ``readings`` the grants, and of ``totals`` the totals, read in a span of ``body``
    that tells of amounts proposed before the decision (:func:`superseded_spans`), when a grant read below that span,
    in none of them, is the decision's; and those of an amendment that the vote rejected, always.

    >>> body = ("Le projet proposait la répartition suivante :\\n- Club A ...... 3 000 €\\n"
    ...         "Le Conseil ATTRIBUE les subventions suivantes :\\n  Club A : 3 500 €\\n")
    >>> proposed, decided = GrantFact("Club A", 3000, (0, 70)), GrantFact("Club A", 3500, (71, 133))
    >>> grants = [proposed, decided]
    >>> drop_superseded(body, [grants], [])
    >>> [grant.amount for grant in grants]
    [3500]
    """
    spans = _spans(body)
    if not spans:
        return

    def inside(at: int) -> bool:
        return any(start <= at < end for start, end, _ in spans)

    kept = [grant.span[0] for reading in readings for grant in reading if not inside(grant.span[0])]
    gone = [(start, end) for start, end, rejected in spans if rejected or any(at >= end for at in kept)]
    for facts in readings + totals:
        facts[:] = [fact for fact in facts if not any(start <= fact.span[0] < end for start, end in gone)]
