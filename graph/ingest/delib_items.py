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
below is the item's (its last heading). Minutes that number no deliberation at all are split at their points
("1. Approbation du procès-verbal", "Point n° 2 – Subventions"), each voted point a deliberation identified by the
file's name and its rank (:func:`point_items`).

A file may also hold complete extracts of the register put together, each under the file's heading written again
and with its own attendance and prefecture stamp: each item then starts at its own heading, and neither a heading
nor the lines of a move are shared (:func:`extract_starts`); each takes the ACTES id and dates of its own stamp
(:func:`item_stamp`).

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

import dataclasses
import re

from graph.ingest.delib_meta import HEADING_LINES, in_a_citation, parse_actes
from graph.ingest.delib_moves import find_moves
from graph.ingest.delib_number import number_match
from graph.ingest.delib_stamps import STAMP_PATTERNS, Stamp
from graph.ingest.delib_vote import parse_vote
from graph.ingest.french import MONTH_NAMES, first_date

_WORD = r"(?:D[ée]lib[ée]ration|DÉLIBÉRATION)"
_NUM = r"(?:[A-Z]{1,6}[-_/.]?)?\d[\w./-]*"
#: An item's heading: the word and the number opening the line, after the item's rank or a bullet ("3. Délibération
#: n° 2024-023 – …"), or closing it after a dash ("4. Subventions 2024 – Délibération n° 2024-031"); not a date
#: ("Délibération du 12 mars").
_HEADING = re.compile(rf"^[ \t]*(?:(?:\d{{1,3}}[.)°]|[-–•])[ \t]+)?{_WORD}[ \t]*(?:[nN][ \t]*[°ºo][ \t]*)?:?[ \t]*"
                      rf"(?P<num>{_NUM})(?![\w/])(?![ \t]+(?:{'|'.join(MONTH_NAMES)})\b)"
                      rf"|^[^\n]*?[-–—][ \t]*{_WORD}[ \t]*[nN][ \t]*[°º][ \t]*(?P<num2>{_NUM})[ \t]*$"
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
    """The items of minutes that record several deliberations, as (start, end, number), or none (see the module);
    in minutes that number no deliberation, their points (:func:`point_items`), ``number`` then "point N"."""
    last = {number: start for start, number in _headings(body)}  # an agenda's line, then the item: the item's
    if not last and number_match(body) is None:
        return point_items(body)
    if len(last) < 2:
        return []
    starts = sorted((start, number) for number, start in last.items())
    items = [(start, following, number)
             for (start, number), (following, _) in zip(starts, starts[1:] + [(len(body), "")])]
    if sum(parse_vote(body[start:end]).outcome is not None for start, end, _ in items) < 2:
        return []  # items that record no votes: a list of acts, or an act that cites another, not minutes
    if (starts := extract_starts(body, items)) is not None:
        return [(start, following, number)
                for start, following, (_, _, number) in zip(starts, starts[1:] + [len(body)], items)]
    return items


#: A line of text, its end left out.
_LINE = re.compile(r"[^\n]+")


def extract_starts(body: str, items: list[tuple[int, int, str]]) -> list[int] | None:
    """Where each item starts in a file of extracts put together: the file's start, then each later item's heading,
    the file's two first lines written again a few lines above its number ("COMMUNAUTÉ D'AGGLOMÉRATION …" /
    "EXTRAIT DU REGISTRE …" / "Séance du …" / "Délibération n° …"); none unless every later item has its own.

    >>> text = ("VILLE DE X\\nEXTRAIT DU REGISTRE\\nDélibération n° 1 – Tarifs\\nAdopté à l'unanimité.\\n\\n"
    ...         "VILLE DE X\\nEXTRAIT DU REGISTRE\\nDélibération n° 2 – Subventions\\nAdopté à l'unanimité.\\n")
    >>> items = deliberation_items(text)
    >>> [text[start:end].split("\\n")[2] for start, end, _ in items], items[1][0] == text.index("VILLE DE X", 1)
    (['Délibération n° 1 – Tarifs', 'Délibération n° 2 – Subventions'], True)
    """
    lines = [(m.start(), m.group().strip()) for m in _LINE.finditer(body) if m.group().strip()]
    if len(lines) < 2:
        return None
    opening, starts, after = _opening(body), [0], 0
    for start, _, _ in items[1:]:
        at = next(i for i, (line_start, _) in enumerate(lines) if line_start >= start)
        heads = [i for i in range(max(after + 1, at - HEADING_LINES), at)
                 if [text for _, text in lines[i:i + 2]] == opening]
        if not heads:
            return None
        starts.append(lines[heads[-1]][0])
        after = at
    return starts


def _opening(text: str, start: int = 0) -> list[str]:
    """The two first lines of ``text`` from ``start`` that are not blank, stripped."""
    lines = []
    for match in _LINE.finditer(text, start):
        if match.group().strip():
            lines.append(match.group().strip())
            if len(lines) == 2:
                break
    return lines


def _are_extracts(body: str, items: list[tuple[int, int, str]]) -> bool:
    """Whether ``items`` are extracts put together, each opening with the file's heading (:func:`extract_starts`)."""
    opening = _opening(body)
    return items[0][0] == 0 and all(_opening(body, start) == opening for start, _, _ in items[1:])


#: A point of minutes, by its rank on the agenda and its title: "Point n° 4 – Subventions", "POINT 4 : TARIFS", "4 –
#: Subventions", "4. Subventions", "4) Subventions" (not "4.1 Tarifs", nor an amount's "1 500 €").
_POINT = re.compile(r"^[ \t]*(?:(?:Point|POINT|Question|QUESTION)[ \t]+(?:n[ \t]*[°ºo][ \t]*)?(?P<rank>\d{1,3})"
                    r"[ \t]*(?:[-–—:.)][ \t]*)?|(?P<rank2>\d{1,3})[ \t]*(?:[-–—)]|\.(?!\d))[ \t]*)"
                    r"(?=[A-ZÀ-Ý«\"])", re.M)
#: An amount on a point's line: an item of a list of grants ("2. Club B : 500 €"), each put to the vote, no point.
_AMOUNT_ON_THE_LINE = re.compile(r"\d[ \t\u00a0\u202f]*(?:€|euros?\b)", re.I)


def _points(body: str) -> list[tuple[int, int]]:
    """Each point's line start and rank, in reading order."""
    found = []
    for match in _POINT.finditer(body):
        line_end = body.find("\n", match.end())
        if not _AMOUNT_ON_THE_LINE.search(body, match.end(), line_end if line_end >= 0 else len(body)):
            found.append((match.start(), int(match["rank"] or match["rank2"])))
    return found


def _votes(body: str, points: list[tuple[int, int]]) -> list[int]:
    """Where each vote the text records starts, in reading order: the first between two points' lines."""
    starts = []
    for (start, _), (following, _) in zip(points, points[1:] + [(len(body), 0)]):
        if (span := parse_vote(body[start:following]).span) is not None:
            starts.append(start + span[0])
    return starts


def point_title(body: str, start: int) -> tuple[str, int, int] | None:
    """The title of the point whose line starts at ``start``, with its span: the line after its rank.

    >>> point_title("x\\nPoint n° 2 – Subventions aux associations\\nLe Maire", 2)
    ('Subventions aux associations', 15, 43)
    """
    match = _POINT.match(body, start)
    if match is None:
        return None
    line_end = body.find("\n", match.end())
    end = line_end if line_end >= 0 else len(body)
    title = body[match.end():end].rstrip(" \t.")
    return (title, match.end(), match.end() + len(title)) if title else None


def point_items(body: str) -> list[tuple[int, int, str]]:
    """The points of minutes that number no deliberation, each voted on ("1. Approbation du procès-verbal" /
    "Adopté à l'unanimité." / "2. Subventions aux associations" / … / "Adopté par 13 voix pour."), as (start, end,
    "point N"); none unless two points at least record a vote.

    A vote's point is the first after the vote before whose rank goes on from that vote's point — not a list's
    item numbered anew under it —, the last when several do (a point without a vote, "3. Informations du Maire",
    then the voted one); the first vote's point is the last line of the first rank met (an agenda, then the point).
    A vote with no new point above it is its point's (an amendment's, then the point's own).

    >>> minutes = ("Ordre du jour :\\n1. Budget\\n2. Tarifs\\n\\n1. Budget\\nAdopté à l'unanimité.\\n2. Tarifs\\n"
    ...            "Le tarif est fixé à 1,50 €.\\nAdopté par 7 voix pour.\\n")
    >>> [(number, minutes[start:end].split("\\n")[0]) for start, end, number in point_items(minutes)]
    [('point 1', '1. Budget'), ('point 2', '2. Tarifs')]
    """
    if len(points := _points(body)) < 2:
        return []
    headings, after, rank = [], 0, None
    for vote in _votes(body, points):
        above = [(start, r) for start, r in points if after <= start < vote]
        after = vote
        if not above:
            continue
        if rank is None:
            heading = max(p for p in above if p[1] == above[0][1])
        else:
            going_on = []
            for start, r in above:
                if r > (going_on[-1][1] if going_on else rank):
                    going_on.append((start, r))
            if not going_on:
                continue
            heading = going_on[-1]
        headings.append(heading)
        rank = heading[1]
    if len(headings) < 2:
        return []
    return [(start, following, f"point {r}")
            for (start, r), (following, _) in zip(headings, headings[1:] + [(len(body), 0)])]


#: What blanking turns to spaces: every character but a line end.
_LINE_CHARS = re.compile(r"[^\n]")


def item_body(body: str, items: list[tuple[int, int, str]], k: int) -> str:
    """``body`` as item ``k`` reads it: the other items blanked, their line ends and the lines of members' moves
    kept (not of other extracts put together: each lists the attendance at its own item); the agenda's lines that
    head other items, above the first item, blanked too."""
    moves = [] if _are_extracts(body, items) else [(body.rfind("\n", 0, move.at) + 1, move.end)
                                                    for move in find_moves(body)]
    own = items[k][2]
    spans = [(start, end) for j, (start, end, _) in enumerate(items) if j != k]
    agenda = ([(start, f"point {rank}") for start, rank in _points(body[:items[0][0]])] if own.startswith("point ")
              else _headings(body[:items[0][0]]))
    spans += [(start, body.find("\n", start) if "\n" in body[start:] else len(body))
              for start, number in agenda if number != own]
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


def item_stamp(stamp: Stamp, number: str | None) -> Stamp:
    """The prefecture's stamp of the item numbered ``number`` (``None``: a point of minutes), in a file whose stamps
    give several ACTES ids (extracts put together, each stamped): the id whose number has the item's digits
    ("BC-2025-232": "…-BC2025_232-DE", "2025-232": "…-DEL2025_232-DE"), none when no id or several have them; each
    date that the stamps agree on, else the one at the rank of the item's id when each stamp prints one in the same
    words, else none. ``stamp`` itself when it gives one ACTES id at most: the minutes' one act, every item's.

    >>> two = Stamp(quotes=["083-200035319-20251209-BC2025_231-DE", "083-200035319-20251209-BC2025_232-DE",
    ...                     "Reçu le 12/12/2025", "Reçu le 15/12/2025"])
    >>> own = item_stamp(two, "BC-2025-232")
    >>> own.actes_raw, own.received
    ('083-200035319-20251209-BC2025_232-DE', datetime.date(2025, 12, 15))
    >>> item_stamp(two, "BC-2025-299").actes_raw, item_stamp(two, None).received
    (None, None)
    """
    fragments = _fragments(stamp)
    ids = [(rank, actes) for what, rank, match in fragments
           if (actes := parse_actes(match.groupdict().get("actes") or (match["value"] if what == "actes" else None)))]
    order = [actes.normalised for _, actes in ids]
    if len(set(order)) < 2:
        return stamp
    own = {actes.normalised: actes for _, actes in ids if number and _digits(number) == _digits(actes.number)}
    own_id = next(iter(own.values())) if len(own) == 1 else None
    # each stamp its id, in the same words: the stamps' dates are in the ids' order
    at = order.index(own_id.normalised) if own_id and len(set(order)) == len(order) \
        and len({rank for rank, _ in ids}) == 1 else None
    dates = {}
    for kind in ("sent", "received", "published"):
        said = [(rank, first_date(re.sub(r"/\s+", "/", match["date"]))) for what, rank, match in fragments
                if what == kind and match.groupdict().get("date")]
        if len({day for _, day in said}) <= 1:
            dates[kind] = getattr(stamp, kind)
        else:
            same_words = len(said) == len(order) and len({rank for rank, _ in said}) == 1
            dates[kind] = said[at][1] if at is not None and same_words else None
    return dataclasses.replace(stamp, actes_raw=own_id.raw if own_id else None, **dates)


def _fragments(stamp: Stamp) -> list[tuple[str, int, re.Match]]:
    """Each quote of ``stamp`` as what it tells ("actes", "received", "marker"…), the rank of the first pattern of
    :data:`STAMP_PATTERNS` that reads it, and its match."""
    found = []
    for quote in stamp.quotes:
        for rank, (what, pattern) in enumerate(STAMP_PATTERNS):
            if (match := pattern.search(quote)) is not None:
                found.append((what.split()[0], rank, match))
                break
    return found


def _digits(number: str) -> str:
    """The digits of a number, the letters and separators that an ACTES id drops or adds left out.

    >>> _digits("BC-2025-232") == _digits("BC2025_232") == _digits("DEL2025_232")
    True
    """
    return re.sub(r"\D", "", number)
