"""The counts of a deliberation's vote that its text implies without stating them, completed from the attendance:
a unanimity with abstentions has no vote against and as many for as the voters less the abstainers
(:func:`complete_unanimity`), and a count that a vote by counts leaves out is 0 when those it states make up the
voters (:func:`complete_omitted_count`).

Apart from :mod:`graph.ingest.delib_vote` because they read the attendance besides the vote, once both are read.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.ingest.delib_people import Attendance
    from graph.ingest.delib_vote import Vote


def complete_unanimity(vote: Vote, body: str, attendance: Attendance) -> None:
    """Give the counts that a vote adopted unanimously with abstentions implies: "à l'unanimité des suffrages
    exprimés (4 abstentions)" has no vote against, and as many for as the voters less the abstainers, the voters stated
    ("Votants : 27") or the members present and represented ("Présents : 25 – Pouvoirs : 2"). A count stated as
    "Suffrages exprimés : 23" is the votes for. Without a count of voters, only the votes against are known; with
    blank or void ballots, none.

    >>> from graph.ingest.delib_people import Attendance
    >>> from graph.ingest.delib_vote import parse_vote
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
    """Give 0 to the counts that a vote by counts leaves out when those it states make up the voters: "Adopté par 27
    voix pour et 4 abstentions" with "Votants : 31" had no vote against, "par 25 voix pour et 6 voix contre" with
    31 voters no abstention, "Adopté par 13 voix pour" with 13 voters neither. The voters are those stated ("Votants :
    31"), else the members present and represented; with members taking no part ("par 45 voix pour, 7 voix contre, 3
    conseillers n'ayant pas pris part au vote"), the counts stated and theirs make up the members present and
    represented (:func:`_present_and_represented`: 52 and 3 proxies). A unanimity's votes for are all of them
    (:func:`_complete_unanimous_count`). Without a count of voters, with counts that fall short of it, with voters
    stated as the votes cast for or against ("Suffrages exprimés : 31": abstainers left out) or with blank or void
    ballots, the counts left out stay unknown.

    >>> from graph.ingest.delib_people import Attendance
    >>> from graph.ingest.delib_vote import parse_vote
    >>> vote = parse_vote("Adopté par 27 voix pour et 4 abstentions.")
    >>> complete_omitted_count(vote, "Votants : 31", Attendance(vote_count=31, count_at={"vote_count": 0}))
    >>> vote.votes_for, vote.against, vote.abstentions
    (27, 0, 4)
    """
    if vote.votes_for is None or (vote.against is not None and vote.abstentions is not None) \
            or (vote.span and _BLANK_OR_VOID.search(body, *vote.span)):
        return
    if vote.outcome == "adopted-unanimously":
        _complete_unanimous_count(vote, body, attendance)
        return
    if vote.outcome not in ("adopted", "rejected"):
        return
    voters, expressed = _voters(attendance, body)
    if voters is None or expressed:
        return
    stated = vote.votes_for + (vote.against or 0) + (vote.abstentions or 0)
    if stated == voters or vote.not_voting and stated + vote.not_voting == _present_and_represented(attendance):
        vote.against = vote.against or 0
        vote.abstentions = vote.abstentions or 0


def _present_and_represented(attendance: Attendance) -> int | None:
    """The members present and represented ("Présents : 52 – Pouvoirs : 3"), each of whom voted for or against,
    abstained or took no part in the vote, unlike the voters stated, that some councils count less those who took
    no part and others not; None unless both counts are stated."""
    if attendance.present_count is None or attendance.proxy_count is None:
        return None
    return attendance.present_count + attendance.proxy_count


def _complete_unanimous_count(vote: Vote, body: str, attendance: Attendance) -> None:
    """Give no vote against and no abstention to a unanimity that counts its votes for ("Adopté à l'unanimité (13
    voix pour)"): they are all the voters. Not when the voters that the attendance gives are more (some abstained or
    took no part), nor for a unanimity of the votes cast ("des suffrages exprimés": abstainers left out), nor with
    members named as taking no part in the vote, whom the count may leave out or not.

    >>> from graph.ingest.delib_people import Attendance
    >>> from graph.ingest.delib_vote import parse_vote
    >>> vote = parse_vote("Adopté à l'unanimité (13 voix pour).")
    >>> _complete_unanimous_count(vote, "", Attendance())
    >>> vote.votes_for, vote.against, vote.abstentions
    (13, 0, 0)
    """
    if vote.against is not None or vote.abstentions is not None or vote.not_voting \
            or (vote.span and _OF_VOTES_CAST.search(body, *vote.span)):
        return
    voters, expressed = _voters(attendance, body)
    if expressed or voters is not None and voters != vote.votes_for:
        return
    vote.against = vote.abstentions = 0


#: A count of votes that leaves the abstentions out: "Suffrages exprimés : 23".
_EXPRESSED = re.compile(r"(?:Nombre\s+de\s+)?suffrages\s+exprim", re.I)
#: A unanimity of the votes cast, that leaves the abstainers out: "à l'unanimité des suffrages exprimés".
_OF_VOTES_CAST = re.compile(r"unanimit[ée]\s+des\s+suffrages\s+exprim", re.I)
#: Ballots that count neither for nor against: "2 bulletins blancs", "1 vote nul".
_BLANK_OR_VOID = re.compile(r"\b(?:blancs?|nuls?)\b", re.I)
