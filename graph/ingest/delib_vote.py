"""How a deliberation was voted: the outcome (adopted unanimously, adopted, rejected) and the counts when the text
gives them — labelled, stacked in a table, spelled out, or members named —, completed from the attendance where the
text implies them (unanimity, a count left out). An amendment's vote is its own, not the act's
(:func:`graph.ingest.delib_vote_amendments.amendment_passages`); a rejection that tells of requests outweighed by the
act's adoption stated on its own line or counted (:func:`graph.ingest.delib_vote_rejection.is_adopted_despite`).

This module reads the vote (:func:`parse_vote`): its outcome, a unanimity short of a few members, and the vote of a
list or a table that put each grant to the vote on its own. The counts are read by
:mod:`graph.ingest.delib_vote_counts`, the members named as voting against, abstaining or taking no part by
:mod:`graph.ingest.delib_vote_names`; the amendments' votes are set aside by :mod:`graph.ingest.delib_vote_amendments`,
the rejections that are not the act's told by :mod:`graph.ingest.delib_vote_rejection`, and whether a vote's words
are cited (a visa, a recital) by :mod:`graph.ingest.delib_vote_context`. The counts that the attendance implies are
completed by :mod:`graph.ingest.delib_vote_completion`.

>>> parse_vote("Pour : 40 - Contre : 3 - Abstentions : 2").outcome
'adopted'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.ingest.delib_vote_amendments import blank_amendments
from graph.ingest.delib_vote_context import is_cited
from graph.ingest.delib_vote_counts import FOR_AGAINST, read_count, read_not_voting
from graph.ingest.delib_vote_names import (ABSTAINING_AFTER, AGAINST_AFTER, NAMED_ABSTAINING, NAMED_AGAINST, NAMED_FOR,
                                           NOT_VOTING_AFTER, count_named, count_named_before)
from graph.ingest.delib_vote_rejection import is_adopted_despite, is_count_label, rejects_the_act
from graph.ingest.french import fold
from graph.ingest.french_accents import accents_optional
from graph.ingest.french_numbers import words_to_number


@dataclass
class Vote:
    outcome: str | None = None
    votes_for: int | None = None
    against: int | None = None
    abstentions: int | None = None
    span: tuple[int, int] | None = None
    #: adopted "à l'unanimité moins …": the votes for are the voters less those the phrase names
    short_of_unanimity: bool = False
    #: the members named or counted as taking no part in the vote ("M. X ne prenant pas part au vote", "3 conseillers
    #: n'ayant pas pris part au vote"), whom a count of voters may count or not: no votes for are derived from it
    not_voting: int = 0


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
#: (A line that does not end with a result is passed over first, read once: the pattern's amount and gap, tried
#: at each amount of a line of 800, took 0.6 s.)
_VOTE_ROW = re.compile(r"^(?=[^\n]*(?:adopt|rejet|refus|approuv)[ée]e?s?[ \t]*\|?[ \t]*$)"
                       r"[^\n]*?\d[ \t\u00a0\u202f]*(?:€|euros?\b|EUR\b)[^\n]*?(?:[ \t\u00a0]{2,}|\t|\|[ \t]*)"
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


#: The voices that a unanimity counts, in brackets after it: "à l'unanimité des membres présents et représentés (13
#: voix)", "à l'unanimité (13 votants)", "Vote : unanimité (13 voix pour)".
_VOICES = r"\(\s*(?P<n>\d{1,3})\s+(?:voix|votants|suffrages(?:\s+exprimés)?)(?:\s+pour)?\s*\)"
_UNANIMOUS_VOICES = re.compile(r"[^\n(.;:]{0,60}?" + _VOICES, re.I)


def _read_counts(body: str, vote: Vote) -> list[tuple[int, int]]:
    """Give ``vote`` the counts for, against and abstaining that ``body`` states, else the members it names as voting
    against or abstaining, and the members it names or counts as taking no part; return the spans where the counts
    were read.

    >>> vote = Vote()
    >>> _read_counts("Pour : 40 - Contre : 3", vote), vote.votes_for, vote.against, vote.abstentions
    ([(0, 9), (12, 22)], 40, 3, None)
    """
    spans = []
    for attr, words, voix in (("votes_for", rf"{FOR_AGAINST[0]}|pour|votes?\s+pour", True),
                              ("against", rf"contre|{FOR_AGAINST[1]}", False),
                              # "S'est abstenu (1) : M. X", "Se sont abstenus (2) : …" as "Abstentions (2)"
                              ("abstentions", r"abstentions?|s['’]abst\w+|s['’]est\s+abstenue?"
                                              r"|se\s+sont\s+abstenue?s?", False)):
        found = read_count(body, words, voix)
        if found is None and attr == "votes_for":  # the members named, not counted: "Ont voté pour : M. A, …"
            found = count_named(body, NAMED_FOR)
        elif found is None:  # the members named, not counted: after their label, or before
            found = count_named(body, NAMED_AGAINST if attr == "against" else NAMED_ABSTAINING) \
                or count_named_before(body, AGAINST_AFTER if attr == "against" else ABSTAINING_AFTER)
        if found:
            setattr(vote, attr, found[0])
            spans.append(found[1])
    if (not_voting := count_named_before(body, NOT_VOTING_AFTER) or read_not_voting(body)) is not None:
        vote.not_voting = not_voting[0]
    return spans


#: The outcomes of a vote, each as its words say it, in the order they are sought. A text typed in capitals without
#: apostrophes writes "A L UNANIMITE".
_OUTCOMES = ((r"adopt[ée]e?s?\s+à\s+l(?:['’]|\s)unanimit[ée]|à\s+l(?:['’]|\s)unanimit[ée]"
              # "Vote par appel nominal : unanimité des 14 votants."
              r"|^\s*(?:vote(?:\s+(?:par\s+appel\s+nominal|à\s+main\s+lev[ée]e|au\s+scrutin\s+"
              r"(?:public|secret)|[ée]lectronique))?\s*:\s*)?unanimit[ée]"
              r"(?:\s+des\s+(?:\d+\s+)?(?:membres|votants|suffrages)[^\n.]{0,40})?"
              # "Vote : unanimité (13 voix pour).": the voices it counts after it
              r"(?=(?:\s*" + _VOICES + r")?\s*\.?\s*$)",
              "adopted-unanimously"),
             (r"\brejet(?:é|ée|és|ées|e|ee|es|ees|te|tent)\b|\brejet\b(?!\s+d)|n['’]adopte\s+pas"
              r"|n['’]est\s+pas\s+adopt[ée]+|\bnon\s+adopt[ée]+", "rejected"),
             (r"\badopt(?:e|é|ée|és|ées)\b|\bADOPT[EÉ]|\bà\s+la\s+majorit[ée]\b", "adopted"))


def _parse_vote(body: str) -> Vote:
    body = blank_amendments(body)
    vote = Vote()
    spans = _read_counts(body, vote)
    outcome = None
    for pattern, result in _OUTCOMES:
        # Not in a visa or a recital: "Vu le budget primitif adopté le …" says nothing of this vote. Nor a rejection
        # that the act decides ("décide de rejeter la demande de X": the infinitive is not read) or of a request.
        # the accents optional: "adopte a l'unanimite" in a register typed without them
        match = next((m for m in re.finditer(accents_optional(pattern), body, re.I | re.M)
                      if not is_cited(body, m.start())
                      and (result != "rejected" or rejects_the_act(body, m) and not is_count_label(body, m)
                           and not is_adopted_despite(body, m, vote, spans))
                      and not (result == "adopted-unanimously" and _HOW_TO_VOTE.match(body, m.end()))), None)
        if match:
            spans.append(match.span())
            outcome = _unanimity(body, match.end(), vote) if result == "adopted-unanimously" else result
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


def _unanimity(body: str, end: int, vote: Vote) -> str:
    """The outcome of a vote said unanimous by the words that end at ``end``: adopted, not unanimously, when what
    follows says some members voted otherwise (the counts stated beside it kept: "(30 pour, 1 abstention)"); else
    adopted unanimously, with the voices it counts ("à l'unanimité des membres présents et représentés (13 voix)")."""
    if (short := _short_of_unanimity(body, end)) is not None:
        vote.short_of_unanimity = True
        for attr, n in short.items():
            if getattr(vote, attr) is None:
                setattr(vote, attr, n)
        return "adopted"
    if vote.votes_for is None and (voices := _UNANIMOUS_VOICES.match(body, end)) is not None:
        vote.votes_for = int(voices["n"])
    return "adopted-unanimously"


#: What a council may decide unanimously before an appointment, that is no vote on the act: how to vote ("décide à
#: l'unanimité de ne pas procéder au scrutin secret", "… de voter à main levée", CGCT art. L. 2121-21).
_HOW_TO_VOTE = re.compile(r"\s*,?\s*(?:de\s+|d['’])(?:ne\s+pas\s+)?(?:procéder|recourir|voter)\b[^.;\n]{0,40}?"
                          r"(?:scrutin\s+secret|main\s+levée|bulletins?\s+secrets?)", re.I)
