"""What a deliberation decided and how: the vote and its outcome, the publication date, the fiscal year, the
budget account, the programme.

>>> parse_vote("Pour : 40 - Contre : 3 - Abstentions : 2").outcome
'adopted'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from graph.ingest.delib_counts import header_row_counts
from graph.ingest.delib_meta import in_a_citation
from graph.ingest.french import (AMOUNT_RE, DATE_RE, SHORT_DATE_RE, SPELLED_COUNT, accents_optional, date_from_match,
                                 fold, parse_amount, short_date, words_to_number)

if TYPE_CHECKING:
    from graph.ingest.delib_people import Attendance


def find_programme(text: str) -> str | None:
    """Return the acronym of the programme named "Programme … (ACRONYM)"."""
    match = re.search(r"\bprogramme\b[^()\n]{3,120}\((?P<acr>[A-Z][A-Z0-9-]{2,})\)", text, re.I)
    return match.group("acr") if match else None


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
    """``body`` with each sentence of :data:`_AMENDMENT` blanked out, its offsets kept."""
    return _AMENDMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)


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
    """Whether offset ``at`` of ``body`` is in a visa or a recital: on a line that one opens, before the words that
    decide, if the line goes on to them.

    >>> line = "Vu le rapport, la Commission permanente, après en avoir délibéré, décide à l'unanimité d'attribuer …"
    >>> _cited(line, line.index("à l'unanimité")), _cited("Vu le budget adopté à l'unanimité le 3 mars.", 20)
    (False, True)
    """
    return in_a_citation(body, at) and not _DECIDING.search(body, body.rfind("\n", 0, at) + 1, at)


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
                      and (result != "rejected" or _rejects_the_act(body, m) and not _a_count_label(body, m))
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


#: "Publié sur testville.fr le …", "Mis en ligne sur le site de la Métropole le …", "Publiée sur l'intranet de
#: l'université le …": a site named by its address, or "mis(e) en ligne" with where, as "publié" has it.
_PUBLISHED = re.compile(r"(?:(?:publi[ée]e?s?|mise?\s+en\s+ligne)(?:\s+(?:sur\s+(?:le\s+(?:site|portail)|internet"
                        r"|l['’]\s*(?:intra|extra)net|[\w.-]+\.fr\b)"
                        r"|au\s+recueil\s+des\s+actes|par\s+voie\s+[ée]lectronique)[^\n]{0,60}?)?|publication"
                        r"|affich[ée]e?s?|affichage)"
                        r"\s+le\s*:?\s*|(?:mise\s+en\s+ligne|(?:date\s+de\s+)?publication|date\s+d['’]affichage)\s*:\s*"
                        r"|date\s+d['’]affichage\s+du\s+pr[ée]sent\s+acte\s*[,:]?\s*(?:le\s+)?", re.I)


def date_at(body: str, at: int) -> dt.date | None:
    """The date written at offset ``at`` of ``body``, in full or with its month abbreviated.

    >>> date_at("le 12 NOV. 2024", 3), date_at("le 2 juin 2024", 3)
    (datetime.date(2024, 11, 12), datetime.date(2024, 6, 2))
    """
    if (date := DATE_RE.match(body, at)) is not None:
        return date_from_match(date)
    short = SHORT_DATE_RE.match(body, at)
    return short_date(short) if short is not None else None


def find_published(body: str, session: dt.date | None = None) -> dt.date | None:
    """Return the publication date ("Publiée le : 25 avril 2014", "Date de mise en ligne : …", "Publié sur le site
    internet de la commune le …", "Publié au recueil des actes administratifs le …", "… et publication le …",
    "Publication : …", "… et affichage le …"): the first such phrase that a date follows, and not before the
    ``session``: a register's "Date d'affichage" beside the convocation's is that of the convocation, posted before
    the session.

    >>> find_published("dès sa publication le cas échéant.\\nPublié sur le site internet de la commune le 03/04/2024")
    datetime.date(2024, 4, 3)
    >>> find_published("Date d'affichage : 02/05/2024\\n… et publication le 13/05/2024", dt.date(2024, 5, 7))
    datetime.date(2024, 5, 13)
    >>> find_published("Publiée par voie électronique le : 16 octobre 2024")
    datetime.date(2024, 10, 16)
    >>> find_published("Publiée sur l'intranet de l'université le 4 octobre 2025")
    datetime.date(2025, 10, 4)
    >>> find_published("Rendu exécutoire après transmission le 20 mai 2025 et affichage le 21 mai 2025")
    datetime.date(2025, 5, 21)
    """
    for match in _PUBLISHED.finditer(body):
        if (found := date_at(body, match.end())) and (session is None or found >= session):
            return found
    for match in _POSTED_FROM.finditer(body):
        if (found := _first_day(body, match.end())) and (session is None or found >= session):
            return found
    return None


#: A posting for a span of days, that publishes the act on its first: "Affiché au siège du syndicat du 10 octobre
#: au 10 décembre 2025", "Affichée en mairie du 04/10/2025 au 04/12/2025".
_POSTED_FROM = re.compile(r"affich[ée]e?s?(?:\s+(?:au|aux|en|[àa]|sur)\b[^\n]{0,60}?)?\s+du\s+(?=\d)", re.I)


def _first_day(body: str, at: int) -> dt.date | None:
    """The first day of a span "… au <date>" written at offset ``at`` of ``body``, its month and year those of the
    span's last day when it gives none ("du 4 au 18 octobre 2025", "du 10 octobre au 10 décembre 2025").

    >>> _first_day("du 10 octobre au 10 décembre 2025", 3), _first_day("du 4 au 18 octobre 2025", 3)
    (datetime.date(2025, 10, 10), datetime.date(2025, 10, 4))
    """
    start = DATE_RE.match(body, at) or re.compile(r"(?P<bare>\d{1,2})(?:er)?").match(body, at)
    until = re.compile(r"\s+au\s+").match(body, start.end()) if start else None
    last = DATE_RE.match(body, until.end()) if until else None
    if last is None or (end := date_from_match(last)) is None:
        return None
    if "bare" in start.groupdict():
        return end.replace(day=int(start["bare"])) if 1 <= int(start["bare"]) <= end.day else None
    first = date_from_match(start, end.year)
    if first and first > end and start["month"] and not start["year"]:
        return date_from_match(start, end.year - 1)  # a span across the new year: "du 15 décembre au 15 février 2026"
    return first if first and first <= end else None


def find_fiscal_year(body: str) -> int | None:
    """Return the fiscal year ("pour l'année 2024", "exercice 2014", "budget 2014")."""
    match = re.search(r"(?:pour\s+l['’]ann[ée]e|exercice|budget(?:\s+primitif)?|au\s+titre\s+de\s+l['’]ann[ée]e)\s+"
                      r"(?P<y>(?:19|20)\d\d)\b", body, re.I)
    return int(match.group("y")) if match else None


#: A grant's account, by its nature's first figures: operating (65…, and 67… for the exceptional grants of the M14
#: chart, "compte 6745"), investment (204…).
_ACCOUNT = r"(?:65|67|204)\d{0,4}"


def find_budget_account(body: str) -> tuple[str | None, str | None]:
    """Return the budget imputation as printed and its nature account ("SERV/65748/PROCE" → "65748").

    >>> find_budget_account("Nature 6574.1 - Fonction 411"), find_budget_account("chapitre 65, compte 6745")
    ((None, '6574'), (None, '6745'))
    >>> find_budget_account("Imputation : 204 - 20422"), find_budget_account("au titre de 2025 (imputation 65-6574)")
    ((None, '20422'), (None, '6574'))
    """
    match = re.search(r"\bcompte\s+(?P<acc>[A-Z0-9]+(?:/[A-Z0-9]+)+)", body)
    if match:
        nature = re.search(r"\b(?:6|2)\d{2,5}\b", match.group("acc"))
        return match.group("acc"), nature.group(0) if nature else None
    # "Nature 6574.1": the account and its sub-article
    match = re.search(r"\bnature\s+(?P<n>(?:65|204)\d{1,4})\b", body, re.I)
    if match:
        return None, match.group("n")
    match = re.search(rf"\b(?:compte|article)\s+(?P<n>{_ACCOUNT})\b", body, re.I)  # "ARTICLE 6574" too
    if match:
        return None, match.group("n")
    # "c/6574", "imputation 65-6574-025" (chapter, nature, function), "Imputation : 204 - 20422", "imputation
    # 65-6574" (chapter, nature)
    match = re.search(r"\bc/\s*(?P<n>(?:65|204)\d{0,4})\b|\b65-(?P<n2>65\d{1,4})-\d{2,3}\b|"
                      r"\bimputation\s*:?\s*(?:\d{2,3}\s*[-–]\s*)?(?P<n3>(?:65|204)\d{1,4})\b", body, re.I)
    return (None, match.group("n") or match.group("n2") or match.group("n3")) if match else (None, None)


#: "compte 6745 pour l'article 1": the account of the grants that an article decides.
#: "articles 6574 (articles 1 et 2) et 20421 (article 3)": the same, the articles in brackets after the account.
_ARTICLE_ACCOUNT = re.compile(rf"\b(?:comptes?|articles?|nature|imputation)\s+(?P<n>{_ACCOUNT})\s+(?:pour|à)\s+"
                              r"(?:l['’]article\s+|les\s+articles\s+)(?P<a>\d+(?:(?:\s*,\s*|\s+et\s+)\d+\b)*)|"
                              rf"\b(?P<n2>{_ACCOUNT})\s*\(\s*(?:l['’])?articles?\s+"
                              r"(?P<a2>\d+(?:(?:\s*,\s*|\s+et\s+)\d+\b)*)\s*\)", re.I)
_ARTICLE = re.compile(r"^[ \t]*(?:ARTICLE|Article)\s+(?P<a>\d+)(?:er)?\b", re.M)


def accounts_by_article(body: str) -> dict[str, str]:
    """The accounts that ``body`` names for the grants of each of its articles.

    >>> accounts_by_article("ARTICLE 3 : compte 6745 pour les articles 1 et 2, compte 6574 pour l'article 3.")
    {'1': '6745', '2': '6745', '3': '6574'}
    >>> accounts_by_article("imputées aux articles 6574 (articles 1 et 2) et 20421 (article 3) du budget 2025")
    {'1': '6574', '2': '6574', '3': '20421'}
    """
    return {article: m["n"] or m["n2"] for m in _ARTICLE_ACCOUNT.finditer(body)
            for article in re.findall(r"\d+", m["a"] or m["a2"])}


def article_at(body: str, offset: int, end: int | None = None) -> str | None:
    """The number of the article whose text holds ``offset`` ("ARTICLE 2 : …" at a line's start, that line's
    offsets included), or None; of a sentence from ``offset`` to ``end``, the first article that opens in it (the
    sentence may begin on the line above: "… après en avoir délibéré,\\nARTICLE 1 : accorde …").

    >>> body = "Le Conseil, après en avoir délibéré,\\nARTICLE 1 : accorde 500 € au Club ;\\nARTICLE 2 : dit …"
    >>> article_at(body, 0, body.index(";")), article_at(body, 0), article_at(body, body.index("dit"))
    ('1', None, '2')
    """
    line_start = body.rfind("\n", 0, offset) + 1
    if end is not None and (first := _ARTICLE.search(body, line_start, end)) is not None:
        return first["a"]
    found, line_end = None, body.find("\n", offset)
    for match in _ARTICLE.finditer(body, 0, line_end if line_end >= 0 else len(body)):
        found = match["a"]
    return found


#: An account named for a kind of beneficiary: "204142 (subventions aux communes)", "204152 pour les EPCI",
#: "6574 (associations) et 657341 (commune)".
#: "204142 pour les collectivités et 20422 pour les personnes de droit privé", "65734 (CCAS)" too.
_KIND_OF_BENEFICIARY = re.compile(rf"\b(?P<n>{_ACCOUNT})\s*(?:\(\s*(?:subventions?\s+)?(?:(?:aux|à\s+la|les)\s+)?|"
                                  r"pour\s+(?:aux|les)\s+)"
                                  r"(?P<k>communes?|EPCI|associations?|groupements?|organismes?\s+priv[ée]s?|"
                                  r"collectivit[ée]s(?:\s+territoriales)?|"
                                  r"personnes?\s+(?:morales\s+)?de\s+droit\s+priv[ée]|CCAS|CIAS)\b", re.I)
#: The kind of beneficiary a name says: a social action centre, a commune, an intercommunal body, else a private body.
_KINDS = (("ccas", re.compile(r"(?:ccas|cias|centre (?:communal|intercommunal) d'action sociale)\b")),
          ("commune", re.compile(r"(?:commune|ville|mairie)\b")),
          ("epci", re.compile(r"(?:communaute|metropole|syndicat|pole d'equilibre|petr|epci|groupement)\b")))


def accounts_by_beneficiary(body: str) -> dict[str, str]:
    """The accounts that ``body`` names for each kind of beneficiary: communes, EPCI, associations.

    >>> accounts_by_beneficiary("aux comptes 204142 (subventions aux communes) et 6574 (subventions aux associations)")
    {'commune': '204142', 'association': '6574'}
    >>> accounts_by_beneficiary("imputées à l'article 6574 (associations) et 657341 (commune)")
    {'association': '6574', 'commune': '657341'}
    >>> accounts_by_beneficiary("article 204142 pour les collectivités et 20422 pour les personnes de droit privé")
    {'commune': '204142', 'epci': '204142', 'association': '20422'}
    >>> accounts_by_beneficiary("chapitre 65, article 65734 (CCAS) et article 6574 (associations)")
    {'ccas': '65734', 'association': '6574'}
    """
    found: dict[str, str] = {}
    for match in _KIND_OF_BENEFICIARY.finditer(body):
        kind = fold(match["k"])
        kinds = ("commune",) if kind.startswith("commune") else ("epci",) if kind.startswith(("epci", "groupement")) \
            else ("commune", "epci") if kind.startswith("collectivit") else ("ccas",) if kind in ("ccas", "cias") \
            else ("association",)
        for one in kinds:
            found.setdefault(one, match["n"])
    return found


def beneficiary_kind(name: str) -> str:
    """"commune", "epci" or "association" (any other beneficiary, a private one), by the words a name opens with."""
    folded = fold(name)
    return next((kind for kind, pattern in _KINDS if pattern.match(folded)), "association")


#: An account named for its kind of spending: "compte 6574", "article 204142", "204182 pour l'investissement".
_KIND_ACCOUNT = re.compile(r"(?:\b(?:comptes?|articles?|nature)\s+|\bc/\s*)(?P<n>(?:65|204)\d{0,4})\b|"
                           r"\b(?P<m>(?:65|204)\d{1,4})\s+pour\s+(?:le\s+|l['’])?(?:fonctionnement|investissement)",
                           re.I)


def accounts_by_nature(body: str) -> dict[str, str]:
    """The nature accounts that ``body`` names for operating grants (65…) and for investment grants (204…), the first
    of each: "les dépenses de fonctionnement sur le compte 6574 et les dépenses d'investissement sur le compte
    204142".

    >>> accounts_by_nature("6574 pour le fonctionnement ; imputation au compte 204182 pour l'investissement, c/6574")
    {'operating': '6574', 'investment': '204182'}
    """
    found: dict[str, str] = {}
    for match in _KIND_ACCOUNT.finditer(body):
        account = match["n"] or match["m"]
        found.setdefault("operating" if account.startswith("65") else "investment", account)
    return found


#: An account named for one beneficiary, by its name or acronym: "sauf pour le FSE (compte 6574)", "pour
#: l'association X : article 6574".
_NAMED_ACCOUNT = re.compile(rf"\bpour\s+(?:le\s+|la\s+|les\s+|l['’])(?P<who>[A-ZÉÈ][\w'’-]*(?:\s+[\w'’-]+){{0,5}}?)"
                            rf"\s*(?:\(\s*|:\s*|,\s*)(?:comptes?|articles?|imputation|c/)\s*(?P<n>{_ACCOUNT})\b")


#: An account named for one grant in a sentence of its own, the others' named after it: "(l'aide à la SCIC X est
#: une subvention d'investissement, imputée au chapitre 909, nature 20422 ; les deux autres sont … 6574)".
_ONE_GRANTS_ACCOUNT = re.compile(rf"\b(?:l['’]aide|la\s+subvention|la\s+participation)\s+(?:à\s+|au\s+|aux\s+)"
                                 rf"(?:la\s+|le\s+|les\s+|l['’])?"
                                 rf"(?P<who>[A-ZÉÈ][\w'’-]*(?:\s+[\w'’-]+){{0,5}}?)"
                                 rf"\s+est\s+[^;.()]{{0,120}}?\b(?:nature|comptes?|articles?|imputation)\s+"
                                 rf"(?P<n>{_ACCOUNT})\b")


def accounts_by_name(body: str) -> dict[str, str]:
    """The accounts that ``body`` names for one beneficiary each, by the words that name it (folded).

    >>> accounts_by_name("imputée au compte 65738 du budget 2025, sauf pour le FSE (compte 6574).")
    {'fse': '6574'}
    >>> accounts_by_name("(l'aide à la SCIC Bêta est une subvention d'investissement, nature 20422 ; les autres …")
    {'scic beta': '20422'}
    """
    return {fold(m["who"]): m["n"] for pattern in (_NAMED_ACCOUNT, _ONE_GRANTS_ACCOUNT) for m in pattern.finditer(body)}


def one_grants_accounts(body: str) -> list[tuple[int, int]]:
    """Where ``body`` names an account for one grant in a sentence of its own (:data:`_ONE_GRANTS_ACCOUNT`): no
    account of the other grants.

    >>> one_grants_accounts("(l'aide au PTCE X est imputée nature 20422 ; les autres, nature 6574)")
    [(1, 42)]
    """
    return [m.span() for m in _ONE_GRANTS_ACCOUNT.finditer(body)]


def named_account(accounts: dict[str, str], beneficiary: str) -> str | None:
    """The account of :func:`accounts_by_name` whose words ("fse") are among those of ``beneficiary``'s name."""
    name = fold(beneficiary)
    return next((n for who, n in accounts.items() if re.search(rf"(?<!\w){re.escape(who)}(?!\w)", name)), None)


#: A row of a budget table (a décision modificative's): chapter, nature account, function, label, signed amount:
#: " 65     6574     40        Subv. fonct. aux associations (Basket Club)     + 3 500,00", or the chapter and the
#: account parted by a slash: "  65 / 657362 – Subvention au CCAS      + 14 000,00 €".
_BUDGET_ROW = re.compile(rf"^[ \t]*\d{{2,3}}(?:[ \t]+|[ \t]*/[ \t]*)(?P<n>{_ACCOUNT})[ \t]+\S.*?[ \t]"
                         r"(?P<sign>[+-]?)[ \t]*(?P<amount>\d{1,3}(?:[ \u00a0\u202f.]\d{3})*(?:,\d{2})?)[ \t]*(?:€|euros?)?[ \t]*$", re.M)


def accounts_by_amount(body: str) -> dict[Decimal, str]:
    """The grant accounts of a budget table's rows (a décision modificative's credits), by the amount each row adds:
    the grant of that amount is charged to that account. An amount on rows of two accounts gives none.

    >>> accounts_by_amount(" Chap.  Article  Fonction  Libellé       Montant\\n"
    ...                    " 65     6574     40        Subv. (Club)   + 3 500,00\\n"
    ...                    " 65     65548    020       Contributions  + 8 740,00\\n")
    {Decimal('3500.00'): '6574', Decimal('8740.00'): '65548'}
    """
    found: dict[Decimal, set[str]] = {}
    for match in _BUDGET_ROW.finditer(body):
        if match["sign"] != "-":
            found.setdefault(parse_amount(match["amount"]), set()).add(match["n"])
    return {amount: accounts.pop() for amount, accounts in found.items() if len(accounts) == 1}


#: A line of a list or a table below its lead: an item (a bullet, a number and its bracket), a row (cells apart by
#: a bar or by wide spaces, its name and dot leaders), a rule, a line that ends with its amount.
_LISTED_LINE = re.compile(r"(?:[ \t]*(?:[-–—•*▪►●○◦|]|\d{1,2}\s?[).°])|"
                          r".*\S(?:[ \t]{3,}|[ \t]*\.{3,}|[ \t]*…+)\S).*|"
                          r"[\s=_+|-]*|.*(?:" + AMOUNT_RE.pattern + r")[ \t;.,]*", re.I)


def lead_above(body: str, at: int) -> str:
    """The lead of the list or table whose item or row opens the line of offset ``at``: the sentence ending with a
    colon above the list's other items and the table's head and rows, or "" when prose comes between.

    >>> text = "Aides à la mobilité (compte 6714,\\nbourses et prix) :\\n  - Mme A : 800 EUR ;\\n  - M. B : 600 EUR."
    >>> lead_above(text, text.index("M. B"))
    'Aides à la mobilité (compte 6714,\\nbourses et prix) :'
    >>> lead_above("Vote : unanimité.\\nARTICLE 2 – ACCORDE à X une bourse de 2 400 €.", 18)
    ''
    """
    lines = body[:body.rfind("\n", 0, at) + 1].split("\n")[:-1]
    for i in range(len(lines) - 1, max(-1, len(lines) - 80), -1):
        if not lines[i].rstrip().endswith(":"):  # (a lead may be an item itself: "2. ATTRIBUE des bourses … :")
            if _LISTED_LINE.fullmatch(lines[i]):
                continue
            return ""
        first = i  # the lead's sentence, from the line after a blank one or after one ending its own sentence
        while first > 0 and lines[first - 1].strip() and not lines[first - 1].rstrip().endswith((".", ";", ":")):
            first -= 1
        return "\n".join(lines[first:i + 1])
    return ""


#: A grant that is a bursary, by the words of its sentence or its list's lead: "une bourse d'études", "des bourses".
_BURSARY = re.compile(r"\bbourses?\b", re.I)
#: The account of bursaries: M57's 6513 "Bourses, prix et secours" (65131 "Bourses"), M14's 6714 "Bourses et prix".
_BURSARY_ACCOUNT = re.compile(r"(?<![\d,.])(?P<n>6513\d?|6714)\b(?![.,]\d|[ \t\u00a0]*(?:€|euros?\b|EUR\b))", re.I)


def bursary_account(body: str, said: str) -> str | None:
    """The account that ``body`` names for bursaries (:data:`_BURSARY_ACCOUNT`), when ``said`` (a grant's sentence
    and its list's lead) tells of a bursary.

    >>> body = "compte 6574 pour les aides à l'installation et compte 6513 (bourses) pour les bourses d'études"
    >>> bursary_account(body, "des bourses d'études aux internes :"), bursary_account(body, "une aide de 20 000 €")
    ('6513', None)
    """
    match = _BURSARY_ACCOUNT.search(body) if _BURSARY.search(said) else None
    return match["n"] if match else None
