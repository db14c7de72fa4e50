"""The checks of a deliberation's vote against its count of voters: counts for, against and abstaining that add up
to more voters than the text states ("Nombre de votants : 33" over "Pour : 30 / Contre : 2 / Abstention : 3") are
kept as the text gives them, and said, as the SCDL import says "VOTE_REEL ≠ POUR + CONTRE + ABSTENTION".

A count of voters may count the members who take no part in the vote, or blank ballots, or leave them out, as the
councils' habits go: counts that fall short of the voters are said only when the text states that nobody took no
part in the vote ("Ne prennent pas part au vote : 0").

>>> from graph.ingest.delib_people import Attendance
>>> from graph.ingest.delib_vote import parse_vote
>>> text = "Nombre de votants : 33\\nPour : 30 / Contre : 2 / Abstention : 3"
>>> [fr for fr, _ in vote_doubts(parse_vote(text), text, Attendance(vote_count=33, count_at={"vote_count": 0}))]
['votants (33) ≠ pour + contre + abstentions (35) : « Pour : 30 / Contre : 2 / Abstention : 3 » pour « Nombre de \
votants : 33 » ; comptes enregistrés tels que le texte les donne, à vérifier']
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.ingest.french_accents import accents_optional

if TYPE_CHECKING:
    from graph.ingest.delib_people import Attendance
    from graph.ingest.delib_vote import Vote

#: A line that states the voters, where a count of them is read: "Nombre de votants : 33", "Suffrages exprimés : 23".
_VOTERS_LINE = re.compile(r"\bvotants\b|suffrages\s+exprim", re.I)
_EXPRESSED = re.compile(r"suffrages\s+exprim", re.I)
#: The text's word that nobody took no part in the vote: "Ne prennent pas part au vote : 0", "… : néant".
_NOBODY_ASIDE = re.compile(accents_optional(r"\bne\s+(?:prend|prennent)\s+pas\s+part\s+au\s+vote\s*:\s*"
                                            r"(?:0|z[ée]ro|n[ée]ant|aucun(?:e)?)\b"), re.I)


def _line(text: str, start: int, end: int | None = None) -> str:
    """The lines of ``text`` from the one of offset ``start`` to the one of ``end``, spaces made single, a slash
    between them."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", start if end is None else end)
    lines = (" ".join(line.split()) for line in text[first:last if last >= 0 else len(text)].splitlines())
    return " / ".join(line for line in lines if line)[:160]


def vote_doubts(vote: Vote, body: str, attendance: Attendance) -> list[tuple[str, str]]:
    """The warnings (French, English) of a ``vote`` whose counts do not agree with the voters that ``body`` states
    ("Votants : 33", read in ``attendance``): more votes for, against and abstaining than voters (more votes for and
    against than votes cast, where "Suffrages exprimés" counts the voters), or fewer where the text says nobody took
    no part in the vote. None without the three counts or a stated count of voters."""
    counts = (vote.votes_for, vote.against, vote.abstentions)
    at = attendance.count_at.get("vote_count")
    voters = attendance.vote_count
    if None in counts or voters is None or at is None or vote.span is None:
        return []
    stated = _line(body, at)
    if not _VOTERS_LINE.search(stated):
        return []  # a count of voters worked out from members leaving, not stated: no yardstick
    expressed = bool(_EXPRESSED.search(stated)) and not re.search(r"\bvotants\b", stated, re.I)
    total = sum(counts) - (vote.abstentions if expressed else 0)
    if total == voters or total < voters and not _NOBODY_ASIDE.search(body, *vote.span):
        return []
    said = _line(body, *vote.span)
    fr_parts, en_parts = ("pour + contre", "for + against") if expressed else \
        ("pour + contre + abstentions", "for + against + abstentions")
    fr_who, en_who = ("suffrages exprimés", "votes cast") if expressed else ("votants", "voters")
    return [(f"{fr_who} ({voters}) ≠ {fr_parts} ({total}) : « {said} » pour « {stated} » ; comptes enregistrés "
             "tels que le texte les donne, à vérifier",
             f"{en_who} ({voters}) ≠ {en_parts} ({total}): '{said}' for '{stated}'; counts stored as the text gives "
             "them, to be checked")]


#: More members than any local authority's assembly seats: the largest sit about 240 (the council of the Métropole
#: Aix-Marseille-Provence), a regional council 209 (Île-de-France). A larger count is a misreading ("Pour : 1 000
#: 000" for a figure cut, a number of another line).
MOST_MEMBERS = 1000

#: The counts that cannot exceed the members in office, each as its (French, English) name.
_WITHIN_OFFICE = (("présents", "present", "present_count"), ("votants", "voters", "vote_count"),
                  ("pouvoirs", "proxies", "proxy_count"))


def count_doubts(vote: Vote, attendance: Attendance) -> list[tuple[str, str]]:
    """The warnings (French, English) of counts that cannot be: more present, voters, proxies or votes than the
    members in office that the text states, or more than any assembly seats (:data:`MOST_MEMBERS`). The counts are
    stored as the text gives them.

    >>> from graph.ingest.delib_people import Attendance
    >>> from graph.ingest.delib_vote import Vote
    >>> [fr for fr, _ in count_doubts(Vote(votes_for=40), Attendance(in_office=29, present_count=31))]
    ['présents (31) > membres en exercice (29) ; compte enregistré tel que le texte le donne, à vérifier', \
'votes pour, contre et abstentions (40) > membres en exercice (29) ; comptes enregistrés tels que le texte les \
donne, à vérifier']
    """
    counts = [(fr, en, getattr(attendance, name)) for fr, en, name in _WITHIN_OFFICE]
    counts.insert(0, ("membres en exercice", "members in office", attendance.in_office))
    votes = [("votes pour", "votes for", vote.votes_for), ("votes contre", "votes against", vote.against),
             ("abstentions", "abstentions", vote.abstentions)]
    doubts = [(f"{fr} ({n}) : plus que les membres de toute assemblée locale ; compte enregistré tel que le texte "
               "le donne, à vérifier",
               f"{en} ({n}): more than the members of any local assembly; count stored as the text gives it, to be "
               "checked") for fr, en, n in counts + votes if n is not None and n > MOST_MEMBERS]
    in_office = attendance.in_office
    if in_office is None or in_office > MOST_MEMBERS:
        return doubts
    doubts += [(f"{fr} ({n}) > membres en exercice ({in_office}) ; compte enregistré tel que le texte le donne, à "
                "vérifier",
                f"{en} ({n}) > members in office ({in_office}); count stored as the text gives it, to be checked")
               for fr, en, n in counts[1:] if n is not None and n > in_office]
    votes = sum(n for n in (vote.votes_for, vote.against, vote.abstentions) if n is not None)
    if votes > in_office:
        doubts.append((f"votes pour, contre et abstentions ({votes}) > membres en exercice ({in_office}) ; comptes "
                       "enregistrés tels que le texte les donne, à vérifier",
                       f"votes for, against and abstaining ({votes}) > members in office ({in_office}); counts stored "
                       "as the text gives them, to be checked"))
    return doubts
