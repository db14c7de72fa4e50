"""Whether a rejection that a deliberation's text states is the act's: not a request's, an amendment's or a
recourse's that the act decides to reject (:func:`rejects_the_act`), not the label of the votes against ("pour le
rejet : 10", :func:`is_count_label`), and not outweighed by the act's adoption stated on its own line or counted
(:func:`is_adopted_despite`).

Apart from :mod:`graph.ingest.delib_vote` because what a council rejects while adopting its act is many things, each
with its words.

>>> text = "Le Conseil décide de rejeter la demande du Tennis Club."
>>> rejects_the_act(text, re.search("rejeter", text))
False
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.ingest.delib_vote_context import is_cited, line_end
from graph.ingest.french_accents import accents_optional

if TYPE_CHECKING:
    from graph.ingest.delib_vote import Vote


#: What a council rejects while adopting its act: "de rejeter la demande du Tennis Club", "la requête … est
#: rejetée", "rejette le recours gracieux".
_REFUSED_OBJECT = re.compile(r"\b(?:demandes?|requ[êe]tes?|candidatures?|amendements?|recours|r[ée]clamations?"
                             r"|sollicitations?|dossiers?|offres?|v[œo]eux|motions?)\b", re.I)


def is_count_label(body: str, match: re.Match) -> bool:
    """Whether the rejection that ``match`` found labels the votes against: "pour le rejet : 10".

    >>> text = "Pour l'adoption : 30 ; pour le rejet : 10"
    >>> is_count_label(text, re.search("rejet", text))
    True
    """
    return re.search(r"\bpour\s+le\s+$", body[max(match.start() - 12, 0):match.start()], re.I) is not None


def rejects_the_act(body: str, match: re.Match) -> bool:
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


def is_adopted_despite(body: str, rejection: re.Match, vote: Vote, counted: list[tuple[int, int]]) -> bool:
    """Whether the act's adoption, on a line of its own ("Adopté.") or by counts of more votes for than against
    (``vote``'s, read at the spans ``counted``: "Pour : 27 – Contre : 0"), outweighs a ``rejection`` read on another
    line that does not say the act is rejected: "…, dont six reçoivent un avis favorable et deux sont rejetées" tells
    of requests. A rejection that opens its line ("REJETÉE") or whose clause names the act ("La délibération est
    rejetée") is the act's, whatever else the text says.

    >>> from graph.ingest.delib_vote import Vote
    >>> text = "Considérant que neuf demandes, dont six reçoivent un avis favorable et deux sont rejetées ;\\nAdopté."
    >>> is_adopted_despite(text, re.search("rejetées", text), Vote(), [])
    True
    >>> text = "La délibération est rejetée.\\n3. Tarifs\\nAdopté."
    >>> is_adopted_despite(text, re.search("rejetée", text), Vote(), [])
    False
    """
    start = max(body.rfind(c, 0, rejection.start()) for c in ".;:\n") + 1
    ends = [e for e in (body.find(c, rejection.end()) for c in ".;\n") if e >= 0]
    if _LABEL_ONLY.fullmatch(body, body.rfind("\n", 0, rejection.start()) + 1, rejection.start()) \
            or _THE_ACT.search(body, start, min(ends, default=len(body))):
        return False
    line = (body.rfind("\n", 0, rejection.start()) + 1, line_end(body, rejection.end()))

    def elsewhere(at: int) -> bool:
        return not line[0] <= at <= line[1]

    if any(elsewhere(m.start()) and not is_cited(body, m.start()) for m in _ADOPTED_LINE.finditer(body)):
        return True
    return vote.votes_for is not None and vote.against is not None and vote.votes_for > vote.against \
        and bool(counted) and all(elsewhere(s) and elsewhere(e) for s, e in counted)
