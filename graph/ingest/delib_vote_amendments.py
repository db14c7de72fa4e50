"""The amendments that a deliberation's text tells of, and their votes (:func:`amendment_passages`): from the line
that presents one to the one that tells its vote, which is the amendment's, not the act's; the act's vote is read
with them blanked out (:func:`blank_amendments`).

Apart from :mod:`graph.ingest.delib_vote` because :mod:`graph.ingest.delib_superseded` reads the amendments too.

>>> [outcome for *_, outcome in amendment_passages("Amendement n° 1 : porter la subvention à 2 000 €.\\n"
...                                                  "L'amendement est retiré.")]
['withdrawn']
"""

from __future__ import annotations

import re

from graph.ingest.delib_meta import goes_on
from graph.ingest.delib_vote_context import DECIDING, line_end
from graph.ingest.delib_vote_counts import read_count
from graph.ingest.french_accents import accents_optional


#: A sentence whose subject is an amendment ("L'amendement, mis aux voix, est adopté par 70 voix pour…", "Mis aux
#: voix, l'amendement n° 2 est rejeté."), or that presents one: its vote is the amendment's, not the act's.
_AMENDMENT = re.compile(r"(?:^|(?<=[.!?])[ \t]+)(?:[^,.\n]{0,40},[ \t]*)?(?:l['’]|le[ \t]+|un[ \t]+)?(?:sous-)?"
                        r"amendement\b[^\n]*?(?:(?<!\bM)(?<!\bMM)(?<!\bMme)[.!?](?=\s|$)|$)", re.I | re.M)


def blank_amendments(body: str) -> str:
    """``body`` with each sentence of :data:`_AMENDMENT` and each amendment's passage (:func:`amendment_passages`)
    blanked out, its offsets kept: "Mis aux voix : adopté à l'unanimité." below an amendment is its vote.

    >>> text = "Amendement n° 2 : porter à 12 000 € la subvention de X.\\nMis aux voix : adopté à l'unanimité."
    >>> blank_amendments(text + "\\n\\nAdopté.").strip()
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
        if passages and start < passages[-1][1] or DECIDING.search(body, start, match.start()) \
                or goes_on(body, start):
            continue  # a line of the passage above, or of the decision that names an amendment ("… tel que modifié
            # par" / "l'amendement n° 2, pour un montant total inchangé de 47 000 € ;")
        end = line_end(body, start)
        line = body[start:end]
        while not _AMENDMENT_VOTED.search(line) and end < len(body):
            line = body[end + 1:line_end(body, end + 1)]
            if not line.strip() or _OPENS_A_PART.match(line) \
                    or _PRESENTS_AMENDMENT.match(line) and not _AMENDMENT_VOTED.search(line):
                break
            end += 1 + len(line)
        passages.append((start, end, _amendment_outcome(body[start:end])))
    return passages


def _amendment_outcome(passage: str) -> str | None:
    """How the vote that an amendment's ``passage`` tells went: "rejected", "adopted", None; or "withdrawn" before
    the vote."""
    if _AMENDMENT_WITHDRAWN.search(passage):
        return "withdrawn"
    if _AMENDMENT_REJECTED.search(passage):
        return "rejected"
    if _AMENDMENT_ADOPTED.search(passage):
        return "adopted"
    votes_for, against = read_count(passage, "pour", True), read_count(passage, "contre")
    if votes_for is None or against is None:
        return None
    return "adopted" if votes_for[0] > against[0] else "rejected"
