"""How a deliberation was voted: the outcome (adopted unanimously, adopted, rejected) and the counts when the text
gives them — labelled, stacked in a table, spelled out, or members named —, completed from the attendance where the
text implies them (unanimity, a count left out). An amendment's vote is its own, not the act's
(:func:`amendment_passages`); a rejection that tells of requests outweighed by the act's adoption stated on its own
line or counted (:func:`_adopted_despite`).

>>> parse_vote("Pour : 40 - Contre : 3 - Abstentions : 2").outcome
'adopted'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.ingest.delib_counts import header_row_counts
from graph.ingest.delib_meta import citation_start, goes_on
from graph.ingest.french import SPELLED_COUNT, accents_optional, fold, words_to_number

if TYPE_CHECKING:
    from graph.ingest.delib_people import Attendance


@dataclass
class Vote:
    outcome: str | None = None
    votes_for: int | None = None
    against: int | None = None
    abstentions: int | None = None
    span: tuple[int, int] | None = None
    #: adopted "à l'unanimité moins …": the votes for are the voters less those the phrase names
    short_of_unanimity: bool = False
    #: the members named as taking no part in the vote ("M. X ne prenant pas part au vote"), whom a count of voters
    #: may count or not: no votes for are derived from it
    not_voting: int = 0


_COUNT = r"(?P<n>\d+|z[ée]ro|aucune?)"


#: A count against or abstaining, written number first, that makes a "13 pour" before it on its line a vote.
_COUNTED_AFTER = r"(?=[^\n]{0,60}?\b(?:\d+|aucune?|z[ée]ro)\s+(?:voix\s+)?(?:contre|abstentions?)\b)"


#: The labels of a vote for and against that some councils write: "Pour l'adoption : 30 ; pour le refus : 10".
_FOR_AGAINST = (r"pour\s+l['’]adoption", r"pour\s+le\s+(?:refus|rejet)")

#: A count after its label without a colon ("Pour 72"): a vote's only on a line that gives it for two labels or
#: more, "Pour 72 – Contre 0 – Abstention 2", "Votes : Pour 112 – Contre 0 – Abstentions 6" ("pour 3 ans" is none,
#: and "12 000 € pour 2025 et 12 000 € pour 2026" neither). No assembly has a thousand members: a year is no count.
_LABELS = "|".join((*_FOR_AGAINST, "pour", "contre", "abstention"))
_LABELLED = re.compile(rf"\b({_LABELS})s?[ \t]+\d{{1,3}}\b", re.I)
_LABELLED_APART = re.compile(rf"\b({_LABELS})s?[ \t]+\d{{1,3}}[ \t]*(?=[;,(–—-]|$)", re.I)


def _labelled_count(text: str, words: str) -> re.Match | None:
    """The first "Pour 72" for ``words`` on a line of ``text`` that :data:`_LABELLED` finds for two labels or more
    on, with those of the line before when this one goes on from it ("Pour 41 (groupes …) ; Contre 0 ;" then
    "Abstentions 10 (groupes …)").

    >>> _labelled_count("Vote : Pour 41 (groupes A, B) ; Contre 0 ;\\nAbstentions 10 (groupe C)", "abstentions?")[0]
    'Abstentions 10'
    """
    before: set[str] = set()
    for line in re.finditer(r"[^\n]+", text):
        labels = {label.lower() for label in _LABELLED.findall(line.group(0))}
        if len(labels | before) >= 2 and labels:
            match = re.compile(rf"\b(?:{words})[ \t]+{_COUNT}\b", re.I).search(text, line.start(), line.end())
            if match:
                return match
        # the counts of a line that goes on below, each before its separator or its bracket ("pour 3 ans ;" is none)
        before = {label.lower() for label in _LABELLED_APART.findall(line.group(0))} \
            if re.search(r"[;,–—-][ \t]*$", line.group(0)) else set()
    return None


#: Where a count in brackets after its label is a vote's: the label opens its line, perhaps after "Ont voté", or
#: follows another count's separator ("Ont voté POUR (49) : …", "Abstention (11) : …", "Pour (20) – Contre (2)").
_IN_BRACKETS_BEFORE = r"(?:^[ \t]*(?:ont[ \t]+vot[ée][ \t]+)?|(?<=\))[ \t]*[;,/–—-]?[ \t]*)"


def _count(text: str, words: str, voix: bool = False) -> tuple[int, tuple[int, int]] | None:
    """The count that ``text`` gives for ``words``: "Pour : 20" (on the same line), "Pour 20" among other counts
    on its line (:func:`_labelled_count`), "Ont voté pour (20)" (:data:`_IN_BRACKETS_BEFORE`), a table's line
    "Pour      117", or "20 voix pour" — "voix" required when ``voix`` ("65738 pour le GIP" is no vote) unless a
    count against or abstaining follows on the line ("13 pour – 2 contre"); else a row of labels over a row of
    counts (:func:`header_row_counts`)."""
    match = (re.search(rf"\b(?:{words})[ \t]*:[ \t]*{_COUNT}\b", text, re.I)
             or _labelled_count(text, words)
             or re.search(rf"{_IN_BRACKETS_BEFORE}(?:{words})[ \t]*\([ \t]*{_COUNT}[ \t]*\)", text, re.I | re.M)
             or re.search(rf"^[ \t]*(?:{words})[ \t]{{2,}}{_COUNT}[ \t]*$", text, re.I | re.M)
             or _stacked_count(text, words)
             or re.search(rf"\b{_COUNT}\s+(?:voix\s+){'' if voix else '?'}(?:{words})\b", text, re.I)
             # "pour l'adoption 30 voix, pour le rejet 10 voix"
             or re.search(rf"\b(?:{words})[ \t]*:?[ \t]*{_COUNT}[ \t]+voix\b", text, re.I)
             or (re.search(rf"\b{_COUNT}\s+(?:{words})\b{_COUNTED_AFTER}", text, re.I) if voix else None)
             or _spelled_count(text, words))
    if not match:
        return next(((n, span) for label, n, span in header_row_counts(text) if re.fullmatch(words, label, re.I)),
                    None)
    n = match.group("n")
    return (int(n) if n.isdigit() else words_to_number(n) or 0), match.span()


#: A line that gives one count after its label, a space or a table's bar apart: "Pour 17", "| Contre | 2 |".
_COUNT_LINE = re.compile(r"^[ \t|]*(?:votants|pour|contre|abstentions?|suffrages\s+exprimés)[ \t|]+\d{1,3}[ \t|]*$",
                         re.I | re.M)


def _stacked_count(text: str, words: str) -> re.Match | None:
    """The count for ``words`` in a list of counts a line each, a label and its figure a space apart, two lines
    at least ("Votants 20" / "Pour 17" / "Contre 2"): "20" / "Pour 17" was read number first across the line's
    end, each label taking the figure above it. A line alone ("Abstentions 10" under a sentence) is none.

    >>> _stacked_count("Votants 20\\nPour 17\\nContre 2\\nAbstentions 1", "contre")["n"]
    '2'
    >>> _stacked_count("Une convention pour 3 ans ;\\nAbstentions 10", "abstentions?") is None
    True
    """
    lines = list(_COUNT_LINE.finditer(text))
    stacked = [m for m in lines if any(abs(other.start() - m.end()) <= 1 or abs(m.start() - other.end()) <= 1
                                       for other in lines if other is not m)]
    pattern = re.compile(rf"[ \t|]*(?:{words})[ \t|]+{_COUNT}[ \t|]*", re.I)
    return next((found for m in stacked if (found := pattern.fullmatch(text, m.start(), m.end()))), None)


def _spelled_count(text: str, words: str) -> re.Match | None:
    """A count spelled out before ``words``: "deux abstentions", "trois voix contre", "quinze voix pour" — "voix"
    required but before abstentions ("un contre-projet" counts no vote).

    >>> _spelled_count("à l'unanimité des suffrages exprimés (deux abstentions)", "abstentions?")["n"]
    'deux'
    >>> _spelled_count("il présente un contre-projet", "contre") is None
    True
    """
    voix = "" if re.fullmatch(words, "abstentions", re.I) else r"voix\s+"
    return re.search(rf"(?<![\w-])(?P<n>{SPELLED_COUNT})\s+{voix}(?:{words})\b(?!-)", text, re.I)


#: Who voted against or abstained, named without a count: "Ont voté contre : M. X, Mme Y", "Se sont abstenus :
#: Mme Z, M. W", "Contre : M. X et Mme Y".
_NAMED_AGAINST = r"ont\s+vot[ée]\s+contre|(?<![\w-])contre"
_NAMED_ABSTAINING = r"se\s+sont\s+abstenu(?:e|s|es)?|s['’]est\s+abstenue?|abstentions?"
#: One member named with their civility ("M. SIMONIN-BARRY", "Mme Anne COHEN", "Monsieur Paul Durand"), perhaps
#: with the proxy they voted by in brackets; "MM." or "Mmes" names several, "le groupe X" a number unknown.
_ONE_MEMBER = re.compile(r"(?:M\.|Mme|Mlle|Monsieur|Madame)\s+[A-ZÀ-ÖØ-ÞŒ][\w'’.-]*"
                         r"(?:\s+(?:(?:de|du|des|la|le)\s+)*(?:d['’])?[A-ZÀ-ÖØ-ÞŒ][\w'’.-]*){0,4}"
                         r"(?:\s*\([^()\n]{1,60}\))?")


def _named_count(text: str, words: str) -> tuple[int, tuple[int, int]] | None:
    """How many members a list after ``words`` and a colon names, when each of its items is one member
    (:data:`_ONE_MEMBER`) and the list ends its line (or goes on to the next after a comma): "Ont voté contre :
    M. A, Mme B, M. C" counts 3. A list that names anything else (a group, "MM. X et Y") counts nothing.

    >>> _named_count("Ont voté contre : M. ALPHA, Mme BÊTA-GAMMA et M. DELTA\\nADOPTÉE", _NAMED_AGAINST)[0]
    3
    >>> _named_count("Se sont abstenus : le groupe Ensemble, M. ALPHA", _NAMED_ABSTAINING) is None
    True
    """
    for match in re.finditer(rf"^[ \t]*(?:{words})[ \t]*:[ \t]*", text, re.I | re.M):
        end = match.end()
        while (stop := text.find("\n", end)) >= 0 and re.search(r"(?:,|\bet)[ \t]*$", text[match.end():stop]):
            end = stop + 1  # a list that a comma carries on to the next line
        stop = text.find("\n", end)
        stop = len(text) if stop < 0 else stop
        items = re.split(r"\s*(?:[,;]|\bet\b)\s*", text[match.end():stop].strip().rstrip("."))
        if items and all(_ONE_MEMBER.fullmatch(item) for item in items):
            return len(items), (match.start(), stop)
        return None
    return None


#: What the members named before it did, in a clause of the vote's sentence: "Adopté à la majorité, Mme Claire MARTIN
#: et M. Paul DURAND ayant voté contre", "(M. X s'étant abstenu)", "Mme Y ne prenant pas part au vote".
_AGAINST_AFTER = re.compile(accents_optional(r"(?<![\w'’])(?:(?:ayant|ont|a)\s+voté|vot(?:e|ent|ant))\s+contre\b"),
                            re.I)
_ABSTAINING_AFTER = re.compile(accents_optional(r"(?<![\w'’])(?:s['’](?:étant|est)\s+abstenue?s?"
                                                r"|se\s+sont\s+abstenue?s?|s['’]abst(?:ient|iennent|enant))\b"), re.I)
_NOT_VOTING_AFTER = re.compile(accents_optional(r"(?<![\w'’])(?:ne\s+(?:prenant|prend|prennent)\s+pas\s+part"
                                                r"|ne\s+participant\s+pas|n['’](?:a|ont)\s+pas\s+pris\s+part)"
                                                r"\s+au\s+vote\b"), re.I)
_VOTED_AFTER = re.compile("|".join(p.pattern for p in (_AGAINST_AFTER, _ABSTAINING_AFTER, _NOT_VOTING_AFTER)), re.I)
#: What a list's item before the members may name, that makes their number unknown: a group ("le groupe X", "les
#: élus de l'opposition"), several members ("MM. X et Y"), a member not read ("M. le Maire").
_NOT_ONE_MEMBER = re.compile(r"(?:^|\s)(?:le|la|les|l['’])\s*(?:groupes?|listes?|élus|opposition)\b"
                             r"|^(?:M\.|MM\.?|Mmes|Mlle|Messieurs|Mesdames|Monsieur|Madame)\s", re.I)
#: A sentence's end: a full stop, not a civility's nor an initial's.
_SENTENCE_END = re.compile(r"(?<!\bM)(?<!\bMM)(?<!\bMme)(?<!\bMmes)(?<!\bMlle)(?<![\s.-][A-ZÀ-Ý])[.!?](?=\s)")


def _named_before(text: str, words: re.Pattern) -> tuple[int, tuple[int, int]] | None:
    """How many members the clause before ``words`` names (:data:`_AGAINST_AFTER`, :data:`_ABSTAINING_AFTER`,
    :data:`_NOT_VOTING_AFTER`), the last of them on the line of ``words``, each one member (:data:`_ONE_MEMBER`):
    "Adopté à la majorité, M. A, Mme B et M. C ayant voté contre" counts 3, with the span from the first name to
    ``words``' end. A list that names anything else before them (a group, "MM. X et Y") counts nothing, as its
    number is unknown.

    >>> _named_before("Adopté à la majorité, Mme Claire Martin et M. Paul Durand ayant voté contre.", _AGAINST_AFTER)
    (2, (22, 75))
    >>> _named_before("Adopté, le groupe Ensemble-Fictif et M. ALPHA ayant voté contre.", _AGAINST_AFTER) is None
    True
    """
    for match in words.finditer(text):
        if _cited(text, match.start()):
            continue
        start = _clause_start(text, match.start())
        before = text[start:match.start()]
        if not re.search(r"\S[ \t]*,?[ \t]*$", before):
            continue  # no name on the line of the words: "Ont voté contre : …" opens its own list
        items = re.split(r"\s*(?:[,;]|\bet\b)\s*", before.rstrip(" \t,"))
        named = 0
        while named < len(items) and _ONE_MEMBER.fullmatch(items[len(items) - 1 - named].strip()):
            named += 1
        if named and (named == len(items) or not _NOT_ONE_MEMBER.search(items[-1 - named].strip())):
            first = text.index(items[-named].strip(), start)
            return named, (first, match.end())
    return None


def _clause_start(text: str, at: int) -> int:
    """Where the clause that ends at ``at`` starts: at its line's start, or the start of the line above when a list of
    names goes on from it (a comma or "et" ends it); after the bracket it is in, a colon, a sentence's end or the
    clause of other members' vote ("M. A ayant voté contre, M. B s'étant abstenu").

    >>> text = "Adopté, M. A ayant voté contre et\\nM. B s'étant abstenu."
    >>> text[_clause_start(text, text.index("s'étant")):]
    " et\\nM. B s'étant abstenu."
    """
    start = text.rfind("\n", 0, at) + 1
    while start > 0 and re.search(r"(?:,|\bet)[ \t]*$", text[text.rfind("\n", 0, start - 1) + 1:start - 1]):
        start = text.rfind("\n", 0, start - 1) + 1
    if (bracket := text.rfind("(", start, at)) > text.rfind(")", start, at):
        start = bracket + 1
    start = max(start, text.rfind(":", start, at) + 1)
    for end in (*_SENTENCE_END.finditer(text, start, at), *_VOTED_AFTER.finditer(text, start, at)):
        start = max(start, end.end())
    return start


def parse_vote(body: str, start: int = 0) -> Vote:
    """Return the outcome (adopted-unanimously, adopted, rejected) and the counts when the text gives them: the first
    vote from the line of offset ``start`` on (where the deliberation's own item opens, in minutes that record
    several), else the first in ``body``.

    >>> minutes = "2. Tarifs\\nAdopté par 10 voix pour et 2 contre.\\n4. Subventions\\nAdopté par 12 voix pour."
    >>> parse_vote(minutes, minutes.index("4.")).votes_for, parse_vote(minutes).votes_for
    (12, 10)
    """
    start = body.rfind("\n", 0, start) + 1
    if (per_item := _per_item_votes(body[start:]) or _vote_table(body[start:])) is not None:
        if per_item.span is not None:
            per_item.span = (per_item.span[0] + start, per_item.span[1] + start)
        return per_item
    if start:
        vote = _parse_vote(body[start:])
        if vote.span is not None:
            vote.span = (vote.span[0] + start, vote.span[1] + start)
            return vote
    return _parse_vote(body)


#: A numbered list's item that grants an amount ("2. Association X : subvention de 5 500 €"), or an item that gives
#: the amount asked and the one proposed ("ADMR de X : demande 3 500 €, proposition 3 000 €"), and a vote's line
#: below it, before the next item ("   Adopté par 25 voix pour, 2 abstentions.", "Vote : 14 pour, 1 contre"): each
#: item was put to the vote.
_AMOUNT_ITEM = re.compile(r"^[ \t]*(?:\d{1,2}[.)][ \t]+|[^\n:]{2,120}[ \t]:[ \t]*(?=[^\n]*\bpropos))[^\n]*?\d"
                          r"[ \t\u00a0\u202f]*(?:€|euros?\b)", re.I | re.M)
_ITEM_VOTE = re.compile(r"^[ \t]*(?:(?:adopt|approuv|rejet)[ée]e?s?\b|vote[ \t]*:)[^\n]*", re.I | re.M)


def _per_item_votes(body: str) -> Vote | None:
    """The vote of a decision whose list put each grant to the vote on its own, a vote's line under each item
    (:data:`_AMOUNT_ITEM`, :data:`_ITEM_VOTE`): adopted unanimously when each item was, else adopted when each was,
    with no counts (each item's are its own, none the act's); None when fewer than two items have their vote.

    >>> body = "1. Club A : 3 200 €\\n  Adopté à l'unanimité.\\n2. Club B : 500 €\\n  Adopté par 25 pour, 2 contre."
    >>> vote = _per_item_votes(body); vote.outcome, vote.votes_for, vote.against
    ('adopted', None, None)
    >>> _per_item_votes(body.replace("par 25 pour, 2 contre", "à l'unanimité")).outcome
    'adopted-unanimously'
    """
    items = [m.start() for m in _AMOUNT_ITEM.finditer(body)]
    votes = []
    for start, end in zip(items, items[1:] + [len(body)]):
        line = _ITEM_VOTE.search(body, start, end)
        if line is None or re.search(r"\n[ \t]*\n[ \t]*\S", body[start:line.start()].rstrip()):
            return None  # an item with no vote of its own, or a vote below a paragraph's break: the list's
        votes.append(_parse_vote(line.group(0)))
        last = line.end()
    if len(votes) < 2 or any(v.outcome is None for v in votes):
        return None
    outcomes = {v.outcome for v in votes}
    if outcomes == {"adopted-unanimously"}:
        outcome = "adopted-unanimously"
    elif outcomes <= {"adopted", "adopted-unanimously"}:
        outcome = "adopted"
    else:
        return None  # some items rejected: no one outcome for the act
    vote = Vote(outcome=outcome)
    vote.span = (items[0], last)
    return vote


#: A row of a table of votes, one line a grant: its amount, then the row's own outcome in its last cell
#: ("Arve Santé Prévention   1 800 €   21   0   0   Adoptée", "| Club A | 500 € | 12 | 3 | 0 | Rejetée |").
_VOTE_ROW = re.compile(r"^[^\n]*?\d[ \t\u00a0\u202f]*(?:€|euros?\b|EUR\b)[^\n]*?(?:[ \t\u00a0]{2,}|\t|\|[ \t]*)"
                       r"(?P<result>(?:non[ \t]+)?(?:adopt|rejet|refus|approuv)[ée]e?s?)[ \t]*\|?[ \t]*$",
                       re.I | re.M)


def _vote_table(body: str) -> Vote | None:
    """The vote of a decision whose table put each grant to the vote on its own, each row ending with its result
    (:data:`_VOTE_ROW`): the act's outcome is that of its items: adopted unanimously when each row was, rejected when
    each was, else adopted (the rows rejected are requests refused, not the act); None with fewer than two such rows.

    >>> table = "Club A    1 800 €    21   0   0   Adoptée\\nClub B    1 000 €     6  12   3   Rejetée\\n"
    >>> _vote_table(table).outcome, _vote_table(table.replace("Adoptée", "Rejetée")).outcome
    ('adopted', 'rejected')
    >>> _vote_table("Club A : 1 800 €, adoptée") is None
    True
    """
    rows = list(_VOTE_ROW.finditer(body))
    if len(rows) < 2:
        return None
    outcomes = {"rejected" if re.match(r"non|rejet|refus", fold(m.group("result"))) else "adopted" for m in rows}
    vote = Vote(outcome="rejected" if outcomes == {"rejected"} else "adopted")
    vote.span = (rows[0].start(), rows[-1].end())
    return vote


#: A sentence whose subject is an amendment ("L'amendement, mis aux voix, est adopté par 70 voix pour…", "Mis aux
#: voix, l'amendement n° 2 est rejeté."), or that presents one: its vote is the amendment's, not the act's.
_AMENDMENT = re.compile(r"(?:^|(?<=[.!?])[ \t]+)(?:[^,.\n]{0,40},[ \t]*)?(?:l['’]|le[ \t]+|un[ \t]+)?(?:sous-)?"
                        r"amendement\b[^\n]*?(?:(?<!\bM)(?<!\bMM)(?<!\bMme)[.!?](?=\s|$)|$)", re.I | re.M)
#: What a council rejects while adopting its act: "de rejeter la demande du Tennis Club", "la requête … est
#: rejetée", "rejette le recours gracieux".
_REFUSED_OBJECT = re.compile(r"\b(?:demandes?|requ[êe]tes?|candidatures?|amendements?|recours|r[ée]clamations?"
                             r"|sollicitations?|dossiers?|offres?|v[œo]eux|motions?)\b", re.I)


def _without_amendments(body: str) -> str:
    """``body`` with each sentence of :data:`_AMENDMENT` and each amendment's passage (:func:`amendment_passages`)
    blanked out, its offsets kept: "Mis aux voix : adopté à l'unanimité." below an amendment is its vote.

    >>> text = "Amendement n° 2 : porter à 12 000 € la subvention de X.\\nMis aux voix : adopté à l'unanimité."
    >>> _without_amendments(text + "\\n\\nAdopté.").strip()
    'Adopté.'
    """
    passages = amendment_passages(body)
    body = _AMENDMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)
    for start, end, _ in passages:
        body = body[:start] + re.sub(r"[^\n]", " ", body[start:end]) + body[end:]
    return body


#: A text that names no amendment tells of none: the test before the expressions below.
_AMENDMENT_WORD = re.compile(r"amendement", re.I)
#: A line that presents an amendment: one opens it ("Amendement n° 2, présenté par Mme la Maire : …", "En séance, un
#: amendement visant à …"), or it says who presents one ("Le groupe X a présenté un amendement n° 1 visant à …", "M. Y
#: propose par amendement de …", "Mme Z dépose un amendement").
_PRESENTS_AMENDMENT = re.compile(r"^[ \t]*(?:[^\n,.:;]{0,40},[ \t]*)?(?:(?:un|l['’]|le)[ \t]*)?(?:sous-)?"
                                 r"amendements?\b|\b(?:présent|dépos|propos|soum|défend)\w*\s+(?:par\s+amendement|"
                                 r"(?:un|l['’]|le|son|leur)\s*(?:sous-)?amendement)\b", re.I | re.M)
#: A line that tells an amendment's vote, that ends its passage: "Mis aux voix : adopté à l'unanimité.", "9 voix pour,
#: 29 voix contre. L'amendement n° 1 est rejeté.", "L'amendement est retiré."
_AMENDMENT_VOTED = re.compile(accents_optional(r"\bmis\s+aux\s+voix\b|\b(?:adopt|rejet|repouss|retir)(?:é|ée|és|ées)\b|"
                                               r"\bunanimit|\bvoix\s+(?:pour|contre)\b|\b(?:pour|contre)\s*:\s*\d"),
                             re.I)
#: A line that opens the decision, a visa, a recital or an article, that no amendment's passage runs on to.
_OPENS_A_PART = re.compile(r"[ \t]*(?:(?:le|la|l['’])\s*(?:conseil|commission|bureau|comit[ée]|assembl[ée]e)\b|"
                           r"(?-i:[A-ZÉÈ]{4,})\b|article\b|vu\b|consid[ée]rant\b|apr[èe]s\s+en\s+avoir|d[ée]cide\b)",
                           re.I)
#: How an amendment's vote went.
_AMENDMENT_REJECTED = re.compile(accents_optional(r"\b(?:rejet|repouss)(?:é|ée|és|ées)\b|n['’](?:est|a)\s+pas\s+"
                                                  r"(?:été\s+)?adopt|\bnon\s+adopt"), re.I)
_AMENDMENT_WITHDRAWN = re.compile(accents_optional(r"\bamendements?\b[^.;]{0,60}?\b(?:est|a\s+été|sont|ont\s+été)\s+"
                                                   r"retirés?\b"), re.I)
_AMENDMENT_ADOPTED = re.compile(accents_optional(r"\badopt(?:é|ée|és|ées)\b|\bunanimit"), re.I)


def amendment_passages(body: str) -> list[tuple[int, int, str | None]]:
    """Each passage of ``body`` that tells of an amendment, as (start, end, outcome): from the line that presents it
    (:data:`_PRESENTS_AMENDMENT`) down the lines that go on it, to the one that tells its vote
    (:data:`_AMENDMENT_VOTED`), before a blank line, another amendment or a line that opens another part of the act
    (:data:`_OPENS_A_PART`). Its outcome is "adopted", "rejected" (said so, or fewer votes for than against),
    "withdrawn", or None when the passage tells no vote.

    >>> text = ("Amendement n° 1 : ajouter une subvention de 2 000 €\\nà l'association X.\\n"
    ...         "Mis aux voix : 9 voix pour, 29 voix contre.\\nLe Conseil municipal, après en avoir délibéré, …")
    >>> [(text[start:end].split("\\n")[-1], outcome) for start, end, outcome in amendment_passages(text)]
    [('Mis aux voix : 9 voix pour, 29 voix contre.', 'rejected')]
    """
    passages: list[tuple[int, int, str | None]] = []
    if not _AMENDMENT_WORD.search(body):
        return passages
    for match in _PRESENTS_AMENDMENT.finditer(body):
        start = body.rfind("\n", 0, match.start()) + 1
        if passages and start < passages[-1][1] or _DECIDING.search(body, start, match.start()) \
                or goes_on(body, start):
            continue  # a line of the passage above, or of the decision that names an amendment ("… tel que modifié
            # par" / "l'amendement n° 2, pour un montant total inchangé de 47 000 € ;")
        end = _line_end(body, start)
        line = body[start:end]
        while not _AMENDMENT_VOTED.search(line) and end < len(body):
            line = body[end + 1:_line_end(body, end + 1)]
            if not line.strip() or _OPENS_A_PART.match(line) \
                    or _PRESENTS_AMENDMENT.match(line) and not _AMENDMENT_VOTED.search(line):
                break
            end += 1 + len(line)
        passages.append((start, end, _amendment_outcome(body[start:end])))
    return passages


def _line_end(body: str, at: int) -> int:
    """Where the line of ``body`` that offset ``at`` is on ends."""
    end = body.find("\n", at)
    return len(body) if end < 0 else end


def _amendment_outcome(passage: str) -> str | None:
    """How the vote that an amendment's ``passage`` tells went: "rejected", "adopted", None; or "withdrawn" before
    the vote."""
    if _AMENDMENT_WITHDRAWN.search(passage):
        return "withdrawn"
    if _AMENDMENT_REJECTED.search(passage):
        return "rejected"
    if _AMENDMENT_ADOPTED.search(passage):
        return "adopted"
    votes_for, against = _count(passage, "pour", True), _count(passage, "contre")
    if votes_for is None or against is None:
        return None
    return "adopted" if votes_for[0] > against[0] else "rejected"


def _a_count_label(body: str, match: re.Match) -> bool:
    """Whether the rejection that ``match`` found labels the votes against: "pour le rejet : 10".

    >>> text = "Pour l'adoption : 30 ; pour le rejet : 10"
    >>> _a_count_label(text, re.search("rejet", text))
    True
    """
    return re.search(r"\bpour\s+le\s+$", body[max(match.start() - 12, 0):match.start()], re.I) is not None


def _rejects_the_act(body: str, match: re.Match) -> bool:
    """Whether a rejection that ``match`` found is the act's: not one of a request, an amendment or a recourse
    (:data:`_REFUSED_OBJECT`) that its clause names ("de rejeter la demande de X", "la demande … est rejetée")."""
    start = max(body.rfind(c, 0, match.start()) for c in ".;:\n") + 1
    ends = [e for e in (body.find(c, match.end()) for c in ".;\n") if e >= 0]
    return _REFUSED_OBJECT.search(body, start, min(ends, default=len(body))) is None


#: A line that states the act adopted: "Adopté.", "ADOPTÉE À LA MAJORITÉ", "Vote : adopté par 20 voix pour".
_ADOPTED_LINE = re.compile(accents_optional(r"^[ \t]*(?:(?:vote|décision|résultat(?:\s+du\s+vote)?)[ \t]*:[ \t]*)?"
                                            r"adopt(?:e|é|ée|és|ées)\b"), re.I | re.M)
#: What a rejection that is the act's names, in its clause, or opens its line with: "La délibération est rejetée",
#: "Le Conseil rejette le projet", "REJETÉE", "Vote : rejeté".
_THE_ACT = re.compile(r"\b(?:d[ée]lib[ée]ration|projet|rapport|proposition|texte|motion)\b", re.I)
_LABEL_ONLY = re.compile(accents_optional(r"[ \t]*(?:(?:vote|décision|résultat(?:\s+du\s+vote)?)[ \t]*:[ \t]*)?"), re.I)


def _adopted_despite(body: str, rejection: re.Match, vote: Vote, counted: list[tuple[int, int]]) -> bool:
    """Whether the act's adoption, on a line of its own ("Adopté.") or by counts of more votes for than against
    (``vote``'s, read at the spans ``counted``: "Pour : 27 – Contre : 0"), outweighs a ``rejection`` read on another
    line that does not say the act is rejected: "…, dont six reçoivent un avis favorable et deux sont rejetées" tells
    of requests. A rejection that opens its line ("REJETÉE") or whose clause names the act ("La délibération est
    rejetée") is the act's, whatever else the text says.

    >>> text = "Considérant que neuf demandes, dont six reçoivent un avis favorable et deux sont rejetées ;\\nAdopté."
    >>> _adopted_despite(text, re.search("rejetées", text), Vote(), [])
    True
    >>> text = "La délibération est rejetée.\\n3. Tarifs\\nAdopté."
    >>> _adopted_despite(text, re.search("rejetée", text), Vote(), [])
    False
    """
    start = max(body.rfind(c, 0, rejection.start()) for c in ".;:\n") + 1
    ends = [e for e in (body.find(c, rejection.end()) for c in ".;\n") if e >= 0]
    if _LABEL_ONLY.fullmatch(body, body.rfind("\n", 0, rejection.start()) + 1, rejection.start()) \
            or _THE_ACT.search(body, start, min(ends, default=len(body))):
        return False
    line = (body.rfind("\n", 0, rejection.start()) + 1, _line_end(body, rejection.end()))

    def elsewhere(at: int) -> bool:
        return not line[0] <= at <= line[1]

    if any(elsewhere(m.start()) and not _cited(body, m.start()) for m in _ADOPTED_LINE.finditer(body)):
        return True
    return vote.votes_for is not None and vote.against is not None and vote.votes_for > vote.against \
        and bool(counted) and all(elsewhere(s) and elsewhere(e) for s, e in counted)


#: Unanimity but for a few members: "à l'unanimité moins une abstention", "moins deux voix contre", "moins
#: 3 abstentions et 1 voix contre". The act is adopted, not unanimously: those members did not vote for it.
_SHORT_OF = re.compile(r"\s+moins\s+(?P<list>(?:(?:\d+|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s+"
                       r"(?:voix\s+|votes?\s+)?(?:contre|abstentions?)(?:\s*,\s*|\s+et\s+|\b(?!\s*,|\s+et\s)))+)",
                       re.I)
_SHORT_OF_ITEM = re.compile(r"(?P<n>\d+|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s+(?:voix\s+|votes?\s+)?"
                            r"(?P<kind>contre|abstention)", re.I)


def _short_of_unanimity(body: str, at: int) -> dict[str, int] | None:
    """The counts against and abstaining that "moins …" right after the unanimity that ends at ``at`` names, each
    kind it leaves out at 0 ("moins une abstention": none against), or None without that phrase.

    >>> _short_of_unanimity("à l'unanimité moins deux voix contre.", 13)
    {'against': 2, 'abstentions': 0}
    """
    match = _SHORT_OF.match(body, at)
    if not match:
        return None
    counts = {"against": 0, "abstentions": 0}
    for item in _SHORT_OF_ITEM.finditer(match.group("list")):
        n = item.group("n").lower()
        attr = "against" if item.group("kind").lower() == "contre" else "abstentions"
        counts[attr] += int(n) if n.isdigit() else words_to_number(n) or 0
    return counts


#: What turns a line that opens with a visa into the decision itself: a text with one sentence a line writes "Vu le
#: rapport de Mme la Présidente, la Commission permanente, après en avoir délibéré, décide à l'unanimité d'…".
_DECIDING = re.compile(r"apr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]|,\s*(?:le|la|l['’])\s*(?:conseil|commission|"
                       r"bureau|comit[ée]|assembl[ée]e)\b[^,;.\n]{0,40},?\s*(?:d[ée]cide|d[ée]lib[èe]re)\b", re.I)


def _cited(body: str, at: int) -> bool:
    """Whether offset ``at`` of ``body`` is in a visa or a recital (:func:`citation_start`: on a line that one opens,
    or on a line that goes on its sentence), before the words that decide, if it goes on to them.

    >>> line = "Vu le rapport, la Commission permanente, après en avoir délibéré, décide à l'unanimité d'attribuer …"
    >>> _cited(line, line.index("à l'unanimité")), _cited("Vu le budget adopté à l'unanimité le 3 mars.", 20)
    (False, True)
    >>> lines = "Vu le rapport, la Commission permanente, après en avoir délibéré,\\ndécide à l'unanimité d'attribuer …"
    >>> _cited(lines, lines.index("à l'unanimité"))
    False
    """
    start = citation_start(body, at)
    return start is not None and not _DECIDING.search(body, start, at)


#: The voices that a unanimity counts, in brackets after it: "à l'unanimité des membres présents et représentés (13
#: voix)", "à l'unanimité (13 votants)".
_UNANIMOUS_VOICES = re.compile(r"[^\n(.;:]{0,60}?\(\s*(?P<n>\d{1,3})\s+(?:voix|votants|suffrages(?:\s+exprimés)?)"
                               r"(?:\s+pour)?\s*\)", re.I)


def _parse_vote(body: str) -> Vote:
    body = _without_amendments(body)
    vote = Vote()
    spans = []
    for attr, words, voix in (("votes_for", rf"{_FOR_AGAINST[0]}|pour|votes?\s+pour", True),
                              ("against", rf"contre|{_FOR_AGAINST[1]}", False),
                              ("abstentions", r"abstentions?|s['’]abst\w+", False)):
        found = _count(body, words, voix)
        if found is None and attr != "votes_for":  # the members named, not counted: after their label, or before
            found = _named_count(body, _NAMED_AGAINST if attr == "against" else _NAMED_ABSTAINING) \
                or _named_before(body, _AGAINST_AFTER if attr == "against" else _ABSTAINING_AFTER)
        if found:
            setattr(vote, attr, found[0])
            spans.append(found[1])
    if (not_voting := _named_before(body, _NOT_VOTING_AFTER)) is not None:
        vote.not_voting = not_voting[0]
    outcome = None
    # A text typed in capitals without apostrophes writes "A L UNANIMITE".
    for pattern, result in ((r"adopt[ée]e?s?\s+à\s+l(?:['’]|\s)unanimit[ée]|à\s+l(?:['’]|\s)unanimit[ée]"
                             # "Vote par appel nominal : unanimité des 14 votants."
                             r"|^\s*(?:vote(?:\s+(?:par\s+appel\s+nominal|à\s+main\s+lev[ée]e|au\s+scrutin\s+"
                             r"(?:public|secret)|[ée]lectronique))?\s*:\s*)?unanimit[ée]"
                             r"(?:\s+des\s+(?:\d+\s+)?(?:membres|votants|suffrages)[^\n.]{0,40})?"
                             r"\s*\.?\s*$",
                             "adopted-unanimously"),
                            (r"\brejet(?:é|ée|és|ées|e|ee|es|ees|te|tent)\b|\brejet\b(?!\s+d)|n['’]adopte\s+pas"
                             r"|n['’]est\s+pas\s+adopt[ée]+|\bnon\s+adopt[ée]+", "rejected"),
                            (r"\badopt(?:e|é|ée|és|ées)\b|\bADOPT[EÉ]|\bà\s+la\s+majorit[ée]\b", "adopted")):
        # Not in a visa or a recital: "Vu le budget primitif adopté le …" says nothing of this vote. Nor a rejection
        # that the act decides ("décide de rejeter la demande de X": the infinitive is not read) or of a request.
        # the accents optional: "adopte a l'unanimite" in a register typed without them
        match = next((m for m in re.finditer(accents_optional(pattern), body, re.I | re.M)
                      if not _cited(body, m.start())
                      and (result != "rejected" or _rejects_the_act(body, m) and not _a_count_label(body, m)
                           and not _adopted_despite(body, m, vote, spans))
                      and not (result == "adopted-unanimously" and _HOW_TO_VOTE.match(body, m.end()))), None)
        if match:
            outcome = result
            spans.append(match.span())
            if result == "adopted-unanimously" and (short := _short_of_unanimity(body, match.end())) is not None:
                outcome, vote.short_of_unanimity = "adopted", True
                for attr, n in short.items():  # counts stated beside ("(30 pour, 1 abstention)") are kept
                    if getattr(vote, attr) is None:
                        setattr(vote, attr, n)
            elif result == "adopted-unanimously" and vote.votes_for is None \
                    and (voices := _UNANIMOUS_VOICES.match(body, match.end())) is not None:
                vote.votes_for = int(voices["n"])  # "à l'unanimité des membres présents et représentés (13 voix)"
            break
    if outcome is None and vote.votes_for is not None:  # "par 19 voix pour et 2 abstentions"
        outcome = "adopted" if vote.votes_for > (vote.against or 0) else "rejected"
    vote.outcome = outcome
    if spans:
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        line_start = body.rfind("\n", 0, start) + 1
        line_end = body.find("\n", end)
        vote.span = (line_start, line_end if line_end >= 0 else len(body))
    return vote


#: What a council may decide unanimously before an appointment, that is no vote on the act: how to vote ("décide à
#: l'unanimité de ne pas procéder au scrutin secret", "… de voter à main levée", CGCT art. L. 2121-21).
_HOW_TO_VOTE = re.compile(r"\s*,?\s*(?:de\s+|d['’])(?:ne\s+pas\s+)?(?:procéder|recourir|voter)\b[^.;\n]{0,40}?"
                          r"(?:scrutin\s+secret|main\s+levée|bulletins?\s+secrets?)", re.I)


def complete_unanimity(vote: Vote, body: str, attendance: Attendance) -> None:
    """Give the counts that a vote adopted unanimously with abstentions implies: "à l'unanimité des suffrages
    exprimés (4 abstentions)" has no vote against, and as many for as the voters less the abstainers, the voters stated
    ("Votants : 27") or the members present and represented ("Présents : 25 – Pouvoirs : 2"). A count stated as
    "Suffrages exprimés : 23" is the votes for. Without a count of voters, only the votes against are known; with
    blank or void ballots, none.

    >>> from graph.ingest.delib_people import Attendance
    >>> vote = parse_vote("Adopté à l'unanimité des suffrages exprimés (4 abstentions).")
    >>> complete_unanimity(vote, "Votants : 27", Attendance(vote_count=27, count_at={"vote_count": 0}))
    >>> vote.votes_for, vote.against, vote.abstentions
    (23, 0, 4)

    Adopted "à l'unanimité moins une abstention" ("moins deux voix contre"), the votes for are the voters less those
    members, unless counted beside. With members named as taking no part in the vote, whom the voters stated may
    count or not, the votes for stay unknown.
    """
    if vote.short_of_unanimity:
        if vote.votes_for is None and not vote.not_voting \
                and not (vote.span and _BLANK_OR_VOID.search(body, *vote.span)):
            vote.votes_for = _voters_less(attendance, body, (vote.against or 0) + (vote.abstentions or 0),
                                          vote.abstentions or 0)
        return
    if vote.outcome != "adopted-unanimously" or not vote.abstentions or vote.votes_for is not None \
            or vote.against is not None or (vote.span and _BLANK_OR_VOID.search(body, *vote.span)):
        return
    vote.against = 0
    vote.votes_for = None if vote.not_voting else _voters_less(attendance, body, vote.abstentions, vote.abstentions)


def _voters(attendance: Attendance, body: str) -> tuple[int | None, bool]:
    """The voters, and whether they are counted as the votes cast for or against ("Suffrages exprimés : 23":
    abstainers left out): those stated ("Votants : 31"), else the members present and represented, else None."""
    a = attendance
    if a.vote_count is not None:
        at = a.count_at.get("vote_count")
        return a.vote_count, at is not None and bool(_EXPRESSED.match(body, at))
    if a.present_count is not None and a.proxy_count is not None:
        return a.present_count + a.proxy_count, False
    return None, False


def _voters_less(attendance: Attendance, body: str, members: int, abstentions: int) -> int | None:
    """The voters less ``members``, of whom ``abstentions`` abstained: a count stated as "Suffrages exprimés"
    leaves the abstainers out already. None without a count of voters, or below 0 (counts that do not agree)."""
    voters, expressed = _voters(attendance, body)
    if voters is None:
        return None
    n = voters - (members - abstentions if expressed else members)
    return n if n >= 0 else None


def complete_omitted_count(vote: Vote, body: str, attendance: Attendance) -> None:
    """Give 0 to the count that a vote by counts leaves out when those it states make up the voters: "Adopté par 27
    voix pour et 4 abstentions" with "Votants : 31" had no vote against, "par 25 voix pour et 6 voix contre" with
    31 voters no abstention. The voters are those stated ("Votants : 31"), else the members present and represented.
    Without a count of voters, with counts that fall short of it, with voters stated as the votes cast for or against
    ("Suffrages exprimés : 31": abstainers left out) or with blank or void ballots, the count left out stays unknown.

    >>> from graph.ingest.delib_people import Attendance
    >>> vote = parse_vote("Adopté par 27 voix pour et 4 abstentions.")
    >>> complete_omitted_count(vote, "Votants : 31", Attendance(vote_count=31, count_at={"vote_count": 0}))
    >>> vote.votes_for, vote.against, vote.abstentions
    (27, 0, 4)
    """
    if vote.outcome not in ("adopted", "rejected") or vote.votes_for is None \
            or (vote.against is None) == (vote.abstentions is None) \
            or (vote.span and _BLANK_OR_VOID.search(body, *vote.span)):
        return
    voters, expressed = _voters(attendance, body)
    if voters is None or expressed:
        return
    if vote.votes_for + (vote.against or 0) + (vote.abstentions or 0) == voters:
        if vote.against is None:
            vote.against = 0
        else:
            vote.abstentions = 0


#: A count of votes that leaves the abstentions out: "Suffrages exprimés : 23".
_EXPRESSED = re.compile(r"(?:Nombre\s+de\s+)?suffrages\s+exprim", re.I)
#: Ballots that count neither for nor against: "2 bulletins blancs", "1 vote nul".
_BLANK_OR_VOID = re.compile(r"\b(?:blancs?|nuls?)\b", re.I)
