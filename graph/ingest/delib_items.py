"""Minutes that record several deliberations, each under a heading that gives its own number ("Délibération n°
2024-021 – Subvention à …", "4. Subventions 2024 – Délibération n° 2024-031", "DCM 2024-022 – Tarifs"): each is
read as a deliberation of its own, so that its grants, title and vote are not another's.

A small commune often publishes its session's minutes (procès-verbal, compte rendu) as one file. Read as one act,
the first number would name them all: every item's grants would be decided by it, and its vote counted from the
next item's tally. Here each item is read in a copy of the text where the other items are blanked out — their
characters turned to spaces, the line ends kept, so that every offset (the evidence of each fact) is the file's
own — while the session's heading and attendance, above the first item, are every item's. The lines that tell a
member arriving or leaving stay in every copy: the attendance at an item's vote counts the moves before it.

A text is split only when at least two distinct numbers head their items and two of them at least record a vote
(an item the council only takes note of records none); a number that heads an agenda at the top and its item
below is the item's (its last heading).

>>> minutes = ("Séance du 20 juin 2024\\nPrésents : A, B\\n"
...            "Délibération n° 2024-021 – Subvention à X\\nUne subvention de 600 € à X.\\nAdopté à l'unanimité.\\n"
...            "Délibération n° 2024-022 – Tarifs\\nLe tarif est fixé à 1,50 €.\\nAdopté par 7 voix pour.\\n")
>>> [(number, minutes[start:end].split("\\n")[0]) for start, end, number in deliberation_items(minutes)]
[('2024-021', 'Délibération n° 2024-021 – Subvention à X'), ('2024-022', 'Délibération n° 2024-022 – Tarifs')]
>>> second = item_body(minutes, deliberation_items(minutes), 1)
>>> len(second) == len(minutes)
True
>>> print("\\n".join(line for line in second.split("\\n") if line.strip()))
Séance du 20 juin 2024
Présents : A, B
Délibération n° 2024-022 – Tarifs
Le tarif est fixé à 1,50 €.
Adopté par 7 voix pour.
"""

from __future__ import annotations

import re

from graph.ingest.delib_decision import parse_vote
from graph.ingest.delib_meta import in_a_citation
from graph.ingest.delib_moves import find_moves
from graph.ingest.french import MONTH_NAMES

_WORD = r"(?:D[ée]lib[ée]ration|DÉLIBÉRATION)"
_NUM = r"(?:[A-Z]{1,6}[-_/.]?)?\d[\w./-]*"
#: An item's heading: the word and the number opening the line, after the item's rank or a bullet ("3. Délibération
#: n° 2024-023 – …"), or closing it after a dash ("4. Subventions 2024 – Délibération n° 2024-031"); not a date
#: ("Délibération du 12 mars").
_HEADING = re.compile(rf"^[ \t]*(?:(?:\d{{1,3}}[.)°]|[-–•])[ \t]+)?{_WORD}[ \t]*(?:n[ \t]*[°ºo][ \t]*)?:?[ \t]*"
                      rf"(?P<num>{_NUM})(?![\w/])(?![ \t]+(?:{'|'.join(MONTH_NAMES)})\b)"
                      rf"|^[^\n]*?[-–—][ \t]*{_WORD}[ \t]*n[ \t]*[°º][ \t]*(?P<num2>{_NUM})[ \t]*$"
                      # or the number alone, its year first, before the title: "DCM 2024-021 – Subvention à X",
                      # "N° 2024-022 : Tarifs" (not a span of years: "2024-2025 – Programme")
                      rf"|^[ \t]*(?:N[ \t]*[°º][ \t]*)?(?P<num3>(?:[A-Z]{{1,5}}[-_ ]?)?(?:19|20)\d\d[-/._]\d{{1,4}})"
                      rf"(?<!(?:19|20)\d\d[-/](?:19|20)\d\d)[ \t]*[-–—:][ \t]+(?=[A-ZÉÈÀ])", re.M)


def _headings(body: str) -> list[tuple[int, str]]:
    """Each item heading's line start and number, in reading order, not one in a visa or a recital."""
    found = []
    for match in _HEADING.finditer(body):
        group = next(name for name in ("num", "num2", "num3") if match[name])
        number = match[group].rstrip(".-")
        if not in_a_citation(body, match.start(group)):
            found.append((match.start(), number))
    return found


def deliberation_items(body: str) -> list[tuple[int, int, str]]:
    """The items of minutes that record several deliberations, as (start, end, number), or none (see the module)."""
    last = {number: start for start, number in _headings(body)}  # an agenda's line, then the item: the item's
    if len(last) < 2:
        return []
    starts = sorted((start, number) for number, start in last.items())
    items = [(start, following, number)
             for (start, number), (following, _) in zip(starts, starts[1:] + [(len(body), "")])]
    if sum(parse_vote(body[start:end]).outcome is not None for start, end, _ in items) < 2:
        return []  # items that record no votes: a list of acts, or an act that cites another, not minutes
    return items


#: What blanking turns to spaces: every character but a line end.
_LINE_CHARS = re.compile(r"[^\n]")


def item_body(body: str, items: list[tuple[int, int, str]], k: int) -> str:
    """``body`` as item ``k`` reads it: the other items blanked, their line ends and the lines of members' moves
    kept; the agenda's lines that head other items, above the first item, blanked too."""
    moves = [(body.rfind("\n", 0, move.at) + 1, move.end) for move in find_moves(body)]
    own = items[k][2]
    spans = [(start, end) for j, (start, end, _) in enumerate(items) if j != k]
    spans += [(start, body.find("\n", start) if "\n" in body[start:] else len(body))
              for start, number in _headings(body[:items[0][0]]) if number != own]
    blanked, at = [], 0
    for start, end in sorted(spans):
        for cut_start, cut_end in _without(start, end, moves):
            blanked += [body[at:cut_start], _LINE_CHARS.sub(" ", body[cut_start:cut_end])]
            at = cut_end
    return "".join(blanked) + body[at:]


def _without(start: int, end: int, kept: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``start``–``end`` outside the ``kept`` spans.

    >>> _without(0, 10, [(2, 4), (8, 12)])
    [(0, 2), (4, 8)]
    """
    parts = [(start, end)]
    for keep_start, keep_end in kept:
        parts = [piece for s, e in parts
                 for piece in ((s, min(e, keep_start)), (max(s, keep_end), e)) if piece[0] < piece[1]]
    return parts
