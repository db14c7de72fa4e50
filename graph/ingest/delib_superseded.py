"""What a deliberation tells of the debate before its decision, whose amounts the decision then replaced: the list
that the draft proposed ("Le projet de délibération proposait la répartition suivante :", or a sentence of it: "Le
projet proposait une subvention de 3 000 € à X", or quoted: "Projet de délibération : « … »"), and what an amendment set
out to change ("En séance, un amendement visant à retirer la subvention prévue pour X et à porter celle de Y à
3 500 € est adopté."). When the decision grants after them ("ATTRIBUE les subventions suivantes : …"), their amounts
are neither grants nor stated totals: the grants are the decision's, and so is the total to check them against.
Without a decision that grants after them, they are left as read (the draft may be what was adopted). An amendment is
told from the line that presents it to its own vote (:func:`delib_vote_amendments.amendment_passages`): what one
that the vote rejected set out to grant is never a grant; what one changed in a table that the decision adopts "tel
que modifié par l'amendement n° 2" is read clause by clause (:func:`amendment_changes`), for
:func:`delib_grant_checks.apply_amendment` to give the table's grants those amounts.

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
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from graph.identity_names import name_key
from graph.ingest.delib_grants import GrantFact, StatedTotal
from graph.ingest.french import AMOUNT_RE, parse_amount
from graph.ingest.delib_lists import BULLET_MARKS
from graph.ingest.delib_table_context import amended_table
from graph.ingest.delib_vote_amendments import amendment_passages

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
    were proposed (:data:`_PROPOSED_LEAD`), their total included, the sentences that tell what an amendment set
    out to change (:data:`_AMENDMENT`) and the passages that tell of an amendment, its vote included
    (:func:`delib_vote_amendments.amendment_passages`)."""
    return [(start, end) for start, end, _, _ in _spans(body)]


#: An amendment that the vote rejected: what it set out to change was never decided.
_REJECTED = re.compile(r"\b(?:rejet[ée]e?s?|repouss[ée]e?s?|n['’](?:est|a)\s+pas\s+(?:été\s+)?adopt[ée]e?s?|"
                       r"non\s+adopt[ée]e?s?)\b", re.I)


# drop_superseded reads one text's spans twice, before the totals' rows are read and after: found once (the 1,112
# texts of the 100k-actor corpus: 0.55 s, against 0.28 s).
@lru_cache(maxsize=4)
def _spans(body: str) -> tuple[tuple[int, int, bool, bool], ...]:
    """:func:`superseded_spans`, each with whether it tells of a rejected amendment, and of an amendment."""
    spans = []
    for colon in re.finditer(r":[ \t]*(?=\n)", body):
        start = _lead_start(body, colon.start())
        if _PROPOSED_LEAD.search(body, start, colon.start()):
            spans.append((start, _list_end(body, colon.end()), False, False))
    for match in _PROPOSED_LEAD.finditer(body):  # a sentence of the draft: "Le projet proposait une subvention de …"
        start = _lead_start(body, match.start())
        end = _SENTENCE_END.search(body, match.end())
        end = end.start() + 1 if end else len(body)
        if body[end - 1:end] != ":" and AMOUNT_RE.search(body, match.end(), end):
            spans.append((start, end, False, False))
    for match in _QUOTED_DRAFT.finditer(body):  # "Projet de délibération : « … 3 000 € … »"
        spans.append((match.start(), match.end(), False, False))
    # each passage that tells of an amendment, its vote included: "Amendement n° 1 … : ajouter au tableau une
    # subvention de 2 000 €" / "à l'association X." / "Mis aux voix : 9 voix pour, 29 voix contre."
    passages = {(start, end): outcome in ("rejected", "withdrawn") for start, end, outcome in amendment_passages(body)}
    for match in _AMENDMENT.finditer(body):
        start = _lead_start(body, match.start())
        end = _SENTENCE_END.search(body, match.end())
        end = end.start() + 1 if end else len(body)
        rejected = bool(_REJECTED.search(body, start, end))
        if (passage := next((p for p in passages if p[0] <= match.start() < p[1]), None)) is not None:
            voted_down = passages.pop(passage)
            start, end, rejected = min(start, passage[0]), max(end, passage[1]), rejected or voted_down
        spans.append((start, end, rejected, True))
    spans += [(start, end, rejected, True) for (start, end), rejected in passages.items()]
    return tuple(sorted(spans))


def drop_superseded(body: str, readings: list[list[GrantFact]], totals: list[list[StatedTotal]]) -> None:
    """Leave out of each list of ``readings`` the grants, and of ``totals`` the totals, read in a span of ``body``
    that tells of amounts proposed before the decision (:func:`superseded_spans`), when a grant read below that span,
    in none of them, is the decision's; those of an amendment that the vote rejected, always; and those of an
    amendment when the decision adopts a table as it amended it ("tel que modifié par l'amendement n° 2"): what it
    changes is the table's grants' amounts (:func:`delib_grant_checks.apply_amendment`), none of its words a grant.

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
        return any(start <= at < end for start, end, _, _ in spans)

    kept = [grant.span[0] for reading in readings for grant in reading if not inside(grant.span[0])]
    as_amended = amended_table(body) is not None
    gone = [(start, end) for start, end, rejected, amendment in spans
            if rejected or amendment and as_amended or any(at >= end for at in kept)]
    for facts in readings + totals:
        facts[:] = [fact for fact in facts if not any(start <= fact.span[0] < end for start, end in gone)]


#: A verb of an amendment's clause that changes a grant, and how: to a new amount ("porter de 10 000 € à 12 000 € la
#: subvention de X", "ramener … à 16 000 €"), by an amount ("réduire de 2 000 € celle de X"), withdrawn ("retirer la
#: subvention prévue pour X"), or added ("ajouter au tableau une subvention de 2 000 € à X": its beneficiary's name is
#: not read, and the changes are then not applied).
_ENDS = r"(?:er|e|ent|ée?s?)"  # a verb of the first group's infinitive, present, or past participle
_CHANGE_VERB = re.compile(
    rf"\b(?:(?P<set>(?:port|ramen|ramèn|fix){_ENDS})|"
    rf"(?P<down>rédui(?:re|t|te|ts|tes|sent)|(?:diminu|minor|baiss|abaiss){_ENDS})|"
    rf"(?P<up>(?:augment|major|relev|relèv){_ENDS})|(?P<out>(?:retir|supprim){_ENDS})|"
    rf"(?P<add>(?:ajout|cré){_ENDS}|inscri(?:re|t|te|vent)))\b", re.I)
#: How a clause gives its amounts: from the old to the new ("de 10 000 € à 12 000 €"), the new alone ("à 16 000 €"),
#: by how much ("de 2 000 €"), the old after the new ("au lieu de 10 000 €"); an amendment's number ("n° 2").
_AMOUNT = re.sub(r"\(\?P<\w+>", "(?:", AMOUNT_RE.pattern)  # its groups unnamed, to be one of several
_FROM_TO = re.compile(rf"\bde\s+(?P<old>{_AMOUNT})\s+à\s+(?P<new>{_AMOUNT})", re.I)
_TO = re.compile(rf"\bà\s+(?P<new>{_AMOUNT})", re.I)
_BY = re.compile(rf"\bde\s+(?P<by>{_AMOUNT})", re.I)
_INSTEAD_OF = re.compile(rf"\bau\s+lieu\s+de\s+(?P<old>{_AMOUNT})", re.I)
_NUMBERED = re.compile(r"\bamendement\s+n[°o]\s*(?P<n>\d+)", re.I)
#: The amendments that the decision says changed what it adopts: "tel que modifié par l'amendement n° 2",
#: "… par les amendements n° 1 et 3".
_NAMED_BY_DECISION = re.compile(r"\bmodifi[ée]+s?\s+par\s+(?:l['’]\s*|les\s+)?amendements?\s+"
                                r"(?P<numbers>n[°o]s?\s*\d+(?:\s*(?:,|et)\s*(?:n[°o]\s*)?\d+)*)", re.I)


@dataclass
class AmountChange:
    """A grant of the table whose amount an amendment changed: ``old`` the table's, ``new`` the amendment's (0 when
    the amendment withdrew it)."""

    grant: GrantFact
    old: Decimal
    new: Decimal
    #: the amendment gave the old amount ("de 10 000 € à 12 000 €"), or withdrew the grant, or said the new amount
    #: both by a change of the table's and in full ("réduire de 2 000 € celle de X, dont la subvention est ramenée à
    #: 16 000 €"): the table's amount is the one the amendment changed
    said_old: bool = False
    relative: bool = False  # the new amount is the table's less or more an amount: "réduire de 2 000 € celle de X"


def adopted_amendments(body: str) -> list[tuple[int, int]]:
    """The passages of the amendments that changed what the decision adopts: those it names by number ("tel que
    modifié par l'amendement n° 2"), else each one; neither one rejected nor one withdrawn."""
    passages = amendment_passages(body)
    named = next((m for m in _NAMED_BY_DECISION.finditer(body)
                  if not any(start <= m.start() < end for start, end, _ in passages)), None)
    numbers = set(re.findall(r"\d+", named["numbers"])) if named else None
    return [(start, end) for start, end, outcome in passages
            if outcome not in ("rejected", "withdrawn") and (numbers is None or (number := _NUMBERED.search(
                body, start, end)) is not None and number["n"] in numbers)]


def named_grants(text: str, grants: list[GrantFact]) -> list[GrantFact]:
    """The grants of ``grants`` whose beneficiary ``text`` names (its name's words, in order, among the text's), a
    name within another's left out ("Club de Judo" in "Club de Judo Beaumont").

    >>> grants = [GrantFact("Club de Judo", 1, (0, 1)), GrantFact("Club de Judo Beaumont", 2, (0, 1))]
    >>> [g.beneficiary for g in named_grants("réduire celle du Club de Judo Beaumont", grants)]
    ['Club de Judo Beaumont']
    """
    def words(name: str) -> str:
        return f" {name_key(name)} "

    found = [g for g in grants if name_key(g.beneficiary) and words(g.beneficiary) in words(text)]
    return [g for g in found if not any(words(g.beneficiary) in words(other.beneficiary)
                                        and words(g.beneficiary) != words(other.beneficiary) for other in found)]


def amendment_changes(text: str, grants: list[GrantFact]) -> list[AmountChange] | None:
    """The changes that an amendment's ``text`` makes to the amounts of ``grants`` (a table's), or None unless each
    of them is read for sure: each clause opens with a verb that changes an amount (:data:`_CHANGE_VERB`) and names
    one grant (or goes on the clause before: "… celle de X, dont la subvention est ramenée à 16 000 €", which must
    then agree with it), each amount of the text is a clause's, an amount said to be the old one is the table's
    (:attr:`AmountChange.said_old` tells whether the text confirms the table's amount).
    A clause that adds a grant is not read: its beneficiary's name is not the table's.

    >>> grants = [GrantFact("École de musique", Decimal(10000), (0, 1)), GrantFact("US", Decimal(18000), (2, 3))]
    >>> changes = amendment_changes("porter de 10 000 € à 12 000 € la subvention de l'École de musique, et réduire de "
    ...                             "2 000 € celle de l'US, dont la subvention est ramenée à 16 000 €.", grants)
    >>> [(c.grant.beneficiary, c.old, c.new) for c in changes]
    [('École de musique', Decimal('10000'), Decimal('12000')), ('US', Decimal('18000'), Decimal('16000'))]
    """
    text = re.sub(r"\s+", " ", text)
    verbs = list(_CHANGE_VERB.finditer(text))
    if not verbs or AMOUNT_RE.search(text, 0, verbs[0].start()):
        return None
    changes: dict[int, AmountChange] = {}
    last: AmountChange | None = None
    for verb, after in zip(verbs, [*verbs[1:], None]):
        clause = text[verb.start():after.start() if after else len(text)]
        change = _clause_change(verb, clause, grants, last)
        if change is None:
            return None
        if last is not None and change.grant is last.grant:
            if change.new != last.new:
                return None  # "réduire de 2 000 € celle de X, dont la subvention est ramenée à 17 000 €": which one?
            change.said_old = change.said_old or last.said_old or change.relative != last.relative
        changes[id(change.grant)] = last = change
    return list(changes.values())


def _clause_change(verb: re.Match, clause: str, grants: list[GrantFact],
                   last: AmountChange | None) -> AmountChange | None:
    """The change that one ``clause`` of an amendment makes (see :func:`amendment_changes`), or None."""
    named = named_grants(clause, grants)
    if len(named) > 1 or not named and (last is None or verb["set"] is None and verb["down"] is None):
        return None
    grant = named[0] if named else last.grant
    current = last.new if last is not None and grant is last.grant else grant.amount
    amounts = len(AMOUNT_RE.findall(clause))
    if verb["add"]:
        return None
    if verb["out"]:
        return AmountChange(grant, grant.amount, Decimal(0), True) if amounts == 0 else None
    old = new = None
    if (match := _FROM_TO.search(clause)) is not None:
        old, new, used = parse_amount(match["old"]), parse_amount(match["new"]), 2
    elif (match := _TO.search(clause)) is not None:
        new, used = parse_amount(match["new"]), 1
        if (instead := _INSTEAD_OF.search(clause)) is not None:
            old, used = parse_amount(instead["old"]), 2
    elif (match := _BY.search(clause)) is not None and (verb["down"] or verb["up"]) and current == grant.amount:
        by = parse_amount(match["by"])
        new, used = current - by if verb["down"] else current + by, 1
    else:
        return None
    if used != amounts or new is None or new < 0 or old is not None and old != grant.amount:
        return None
    return AmountChange(grant, grant.amount, new, old is not None, match.re is _BY)
