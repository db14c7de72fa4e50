"""Members who arrive or leave during the session: the attendance at the deliberation's own item.

A session's lists and counts are those of its opening; a text then says who came or went, and from which item:
"Arrivée de Mme PIVERT à partir du point n° 5 (présents : 27 – votants : 32)", "M. LACHAUD a quitté la séance
après le vote du point n° 6", "Absents : M. LAVERGNE (arrivé au point 4)", "Présents : 25 à partir du point 7",
minutes where "Arrivée de M. LAVERGNE" sits between items 3 and 4. Where the text says which item the deliberation
is, the attendance read is that of its vote: the member moved between the lists, the counts those the text states
with the move, else the opening counts changed by one. A member who leaves the room for this item's vote alone
("quitte la salle et ne prend pas part au vote") is taken out only when the vote's tally shows that the counts
stated before still include them (many extracts state counts that already leave them out), or when the text states
the counts of the vote after the opening's ("Présents au moment du vote : 21 – Pouvoirs : 4 – Votants : 25", the
deliberation's, set after the moves; so are those written below a departure, "M. X quitte la séance." / "Présents :
21 – Pouvoirs : 4 – Votants : 25"); one of the present who leaves the session before the item ("avant l'examen de
la présente délibération", "définitivement", giving a proxy) is not at its vote. Several members may leave together
("Mme X, présidente de …, et M. Y quittent la salle"); one who left the room for an earlier item's vote alone is back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from graph.ingest.delib_counts import AT_THE_VOTE
from graph.ingest.delib_names import Person, parse_person, surname_only
from graph.ingest.delib_people import Attendance, Proxy
from graph.ingest.delib_vote import Vote
from graph.ingest.french import fold

_CIVIL = r"(?:M\.|Mme|Mlle|Monsieur|Madame)\s+[^,;:()\n]+?"
_WHO, _WHO2 = rf"(?P<who>{_CIVIL})", rf"(?P<who2>{_CIVIL})"
_ITEM = r"(?:point|question|dossier|affaire)\s+(?:n[°o]\s*)?(?P<n>\d+)"
#: An item, or a deliberation by its number ("à partir de la délibération n° 2024-015").
_REF = rf"(?:{_ITEM}|délibération\s+n[°o]\s*(?P<num>[\w./-]*\d))"
#: "Arrivée de Mme X", "Mme X arrive / rejoint la séance / entre en séance"; "(arrivé au point 4)" beside a name.
_ARRIVES = re.compile(rf"\b(?:Arrivée|Entrée)\s+(?:en\s+séance\s+)?de\s+{_WHO}(?=\s+(?:à|au|avant|après|pendant|lors|"
                      rf"en\s+cours)\b|\s*[,.(]|\s*$)|{_WHO2}\s+(?:arrive|rejoint\s+la\s+séance|entre\s+en\s+séance)\b",
                      re.I | re.M)
#: How long a member leaves for, between the verb and the room: "quitte définitivement la séance".
_FOR_HOW_LONG = r"(?:(?:définitivement|momentanément|provisoirement|temporairement)\s+)?"
#: The room or the session a member leaves.
_ROOM = r"(?:la\s+séance|la\s+salle|l['’]assemblée|la\s+réunion)"
_LEAVES = re.compile(rf"\b(?:Départ|Sortie)\s+de\s+{_WHO}(?=\s+(?:à|au|avant|après|pendant|lors|en\s+cours)\b|"
                     rf"\s*[,.(]|\s*$)|{_WHO2}(?:,[^,\n]{{0,100}},)?\s+"
                     rf"(?:a\s+{_FOR_HOW_LONG}quitté|quitte|se\s+retire\s+de|(?:sort|est\s+sortie?)\s+"
                     rf"{_FOR_HOW_LONG}de)\s+{_FOR_HOW_LONG}{_ROOM}", re.I | re.M)
#: Several members who leave together, named before the verb, each with what they are: "Mme Delphine X, présidente
#: de l'association Y, et M. Jérôme Z, trésorier du / Centre social W, quittent la salle".
_LEAVE_TOGETHER = re.compile(rf"\b(?:ont\s+{_FOR_HOW_LONG}quitté|quittent|se\s+retirent\s+de|(?:sortent|sont\s+"
                             rf"sortie?s)\s+{_FOR_HOW_LONG}de)\s+{_FOR_HOW_LONG}{_ROOM}", re.I)
#: A civility that opens a member's name, and the plural one before several ("MM. Paul X et Jean Y").
_CIVILITY = re.compile(r"(?:M\.|Mme|Mlle|Monsieur|Madame)\s", re.I)
_CIVILITIES = re.compile(r"(?:MM\.?|Mmes|Messieurs|Mesdames)\s+", re.I)
#: What says a member leaves the session before the deliberation's item, not the room for its vote alone: "avant
#: l'examen de la présente délibération", "avant le vote de ce rapport", "quitte définitivement la séance".
_BEFORE_THIS_ITEM = re.compile(r"avant\s+(?:l['’]examen|le\s+vote|la\s+présentation)\s+d(?:e|u)\s+"
                               r"(?:la\s+|l['’]|le\s+)?(?:présente?|ce(?:tte)?)\s+"
                               r"(?:délibération|point|dossier|rapport|question|affaire)|\bdéfinitivement\b", re.I)
#: What says a member leaves the room for one vote alone, back after it: "ne prend pas part au vote", "quitte
#: momentanément la salle", "le temps du vote".
_FOR_ONE_VOTE = re.compile(r"ne\s+pren(?:d|nent)\s+pas\s+part\s+(?:au|à\s+la|aux)\b|\ble\s+temps\s+d[ue]\b"
                           r"|\b(?:momentanément|provisoirement|temporairement)\b|\bpour\s+le\s+vote\b", re.I)
_ASIDE_ARRIVED = re.compile(rf"(?P<who>[^,;:()\n]+?)\s*\(\s*arrivée?\s+(?:au|à\s+partir\s+du|avant\s+le)\s+{_ITEM}",
                            re.I)
#: The parenthesis of _ASIDE_ARRIVED, which :func:`_asides` looks for first.
_ASIDE = re.compile(rf"\(\s*arrivée?\s+(?:au|à\s+partir\s+du|avant\s+le)\s+{_ITEM}", re.I)
#: What ends the name before such a parenthesis.
_NAME_ENDS = ",;:()\n"
#: From which item a move counts: "à partir du point n° 5", "au point 4", "avant le point 4", "à la délibération
#: n° 12" (from 5, 4, 4, 12); "après le vote du point n° 6" (from 7).
_DU = r"d(?:u|e\s+la)"
_FROM_ITEM = re.compile(rf"(?:à\s+partir\s+{_DU}|dès\s+l[ea]|au|à\s+la|avant\s+(?:le\s+vote\s+{_DU}|"
                        rf"l['’]examen\s+{_DU}|l[ea]))\s+{_REF}", re.I)
_AFTER_ITEM = re.compile(rf"après\s+(?:le\s+vote\s+{_DU}|l['’]examen\s+{_DU}|l[ea])\s+{_REF}", re.I)
_GAVE_PROXY = re.compile(r"(?<!pas\s)(?<!n['’]a\s)\bdonn[ée]+\s+(?:pouvoir|procuration)\s+à\s+"
                         r"(?P<holder>(?:M\.|Mme|Monsieur|Madame)\s+[^,;:()\n.]+)", re.I)
_STATED = {"present_count": r"présents", "vote_count": r"votants", "proxy_count": r"pouvoirs|procurations"}
#: A count from an item on: "Présents : 25 à partir du point 7", "Présents : 27, puis 25 à partir du point 7".
_COUNT_FROM = re.compile(rf"(?P<what>présents|votants|pouvoirs|procurations)\s*:\s*(?:\d+\s*(?:,?\s*puis|\()\s*)?"
                         rf"(?P<v>\d+)\s+"
                         rf"(?:à\s+partir\s+du|dès\s+le)\s+{_ITEM}", re.I)
#: The heading of an agenda item: "Point n° 8 – …", "4. Subventions …", "Question n° 3 : …".
_HEADING = re.compile(r"^[ \t]*(?:(?:Point|Question|Dossier|Affaire)\s+(?:n[°o]\s*)?(?P<n>\d+)\b"
                      r"|(?P<n2>\d{1,3})[.)][ \t]+(?=[A-ZÉÈÀ]))", re.I | re.M)


@dataclass(frozen=True)  # a text's moves are read once, and shared by their readers (find_moves)
class Move:
    """A member arriving (``arrives``) or leaving, where the text says it (``at``), from which item when it says."""

    who: str
    arrives: bool
    at: int
    end: int
    from_item: int | None = None
    from_number: tuple[str, int] | None = None  # from a deliberation's number: its prefix and its order
    holder: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    #: the sentence says the member leaves the session before this item, or for good (:data:`_BEFORE_THIS_ITEM`)
    before_item: bool = False
    #: the sentence says the member leaves the room for one vote alone (:data:`_FOR_ONE_VOTE`)
    one_vote: bool = False


#: Where the sentence that tells a move ends: a full stop (not a civility's "M."), a blank line, the next item.
_SENTENCE_END = re.compile(r"(?<!\bM)(?<!\bMM)(?<!\bMme)\.(?:\s|$)|\n[ \t]*\n|\n(?=[ \t]*(?:\d{1,3}[.)]\s|Point\b))")


def _sentence_end(body: str, start: int) -> int:
    """Where the sentence from ``start`` ends (its item, proxy and counts are said in it), 300 characters at most."""
    end = _SENTENCE_END.search(body, start, start + 300)
    return end.end() if end else min(len(body), start + 300)


def _sentence_start(body: str, at: int) -> int:
    """Where the sentence that holds offset ``at`` starts (what is said before a member's name: "À 19 h 50, avant
    l'examen de la présente délibération, M. X quitte la séance"), 200 characters back at most."""
    start = max(0, at - 200)
    ends = [end.end() for end in _SENTENCE_END.finditer(body, start, at)]
    return ends[-1] if ends else start


def _stated_counts(text: str) -> dict[str, int]:
    counts = {}
    for name, words in _STATED.items():
        if (match := re.search(rf"\b(?:{words})\s*:\s*(\d+)", text, re.I)) is not None:
            counts[name] = int(match.group(1))
    return counts


#: A line that opens with counts: "Présents : 21 – Pouvoirs : 4 – Votants : 25".
_COUNTS_LINE = re.compile(r"^[ \t]*(?P<what>présents|votants|pouvoirs|procurations)[ \t]*:[ \t]*(?P<v>\d+)\b"
                          r"(?P<more>[^\n]*)", re.I | re.M)


def counts_after_departures(body: str) -> list[re.Match]:
    """The lines of counts (two or more) that ``body`` states after a member left, below the sentence that says so:
    the counts of the vote that follows, as those "au moment du vote" (:data:`AT_THE_VOTE`), not the opening's.

    >>> [m.group(0) for m in counts_after_departures("Présents : 22 – Votants : 26\\nM. Luc DUPONT quitte la "
    ...                                              "séance.\\nPrésents : 21 – Pouvoirs : 4 – Votants : 25\\nAdopté.")]
    ['Présents : 21 – Pouvoirs : 4 – Votants : 25']
    """
    left = [move.end for move in find_moves(body) if not move.arrives]
    return [line for line in _COUNTS_LINE.finditer(body, min(left)) if _stated_counts(line.group("more"))] \
        if left else []


def find_moves(body: str) -> list[Move]:
    """Every member's arrival or departure that ``body`` tells, in reading order.

    >>> [(m.who, m.arrives, m.from_item, m.counts) for m in find_moves(
    ...     "Arrivée de Mme Laurence PIVERT à 20 h 25, à partir du point n° 5 (présents : 27 – votants : 32).")]
    [('Mme Laurence PIVERT', True, 5, {'present_count': 27, 'vote_count': 32})]
    """
    return list(_moves(body))


# The attendance's counts (counts_after_departures) and the moves applied to it (apply_moves) read the moves of the
# same text: read once (the 1,112 texts of the 100k-actor corpus: 0.54 s, against 0.28 s).
@lru_cache(maxsize=4)
def _moves(body: str) -> tuple[Move, ...]:
    moves = []
    for matches, arrives in ((_ARRIVES.finditer(body), True), (_LEAVES.finditer(body), False), (_asides(body), True)):
        for match in matches:
            who = match.group("who") or match.groupdict().get("who2")
            moves.append(_told(body, who, arrives, match.start(), match.end(), match.re is not _ASIDE_ARRIVED))
    for together in _LEAVE_TOGETHER.finditer(body):
        subject = _sentence_start(body, together.start())
        moves += [_told(body, who, False, at, together.end(), True)
                  for who, at in _named_together(body[subject:together.start()], subject)]
    return tuple(sorted(moves, key=lambda m: m.at))


def _told(body: str, who: str, arrives: bool, at: int, verb_end: int, counted: bool) -> Move:
    """The move of member ``who`` named at ``at``, its verb ending at ``verb_end``: the item, the proxy and (when
    ``counted``) the counts that its sentence says after the verb, and for a departure whether the sentence says
    the member leaves before this item or for one vote."""
    end = _sentence_end(body, verb_end)
    said, whole = body[at:end], body[_sentence_start(body, at):end]
    since = _AFTER_ITEM.search(said) or _FROM_ITEM.search(said)
    step = 1 if since and since.re is _AFTER_ITEM else 0
    holder = _GAVE_PROXY.search(said) if not arrives else None
    return Move(who.strip(), arrives, at, end,
                int(since.group("n")) + step if since and since.group("n") else None,
                _order(since.group("num"), step) if since and since.group("num") else None,
                holder.group("holder").strip() if holder else None,
                _stated_counts(said) if counted else {},
                not arrives and _BEFORE_THIS_ITEM.search(whole) is not None,
                not arrives and _FOR_ONE_VOTE.search(whole) is not None)


#: The end of a line that runs on into the next: a preposition or "et" ("suppléante de" / "M. X").
_RUNS_ON = re.compile(r"\b(?:de|du|des|d['’]|à|au|aux|par|pour|et)[ \t]*$", re.I)


def _named_together(subject: str, at: int) -> list[tuple[str, int]]:
    """The members that the subject of a plural verb names, each with its offset (``at`` that of the subject): the
    parts between its commas and "et" that open with a civility (or whose last line does: the heading or the line of
    counts above is no part of the subject, unless it runs on into it: "suppléante de" / "M. X"), or follow a plural
    one, and read as a name — not what each member is ("présidente de l'association Y").

    >>> _named_together("Mme Léa ROUX, présidente du club, et\\nM. Luc VIAL ", 0)
    [('Mme Léa ROUX', 0), ('M. Luc VIAL', 37)]
    >>> _named_together("Votants : 5\\nMM. Paul DURAND et Jean MARTIN ", 10)
    [('Paul DURAND', 26), ('Jean MARTIN', 41)]
    >>> _named_together("Mme Léa ROUX, suppléante de\\nM. Luc VIAL ", 0)
    [('Mme Léa ROUX', 0)]
    """
    named, plural = [], False
    for part in re.finditer(r"[^,;]+?(?=\s*(?:[,;]|\bet\b|$))", subject):
        start = part.start() + re.match(r"\s*(?:et\s+)?", part.group(0)).end()
        line = subject.rfind("\n", start, part.end())
        if line >= 0 and not _CIVILITY.match(subject, start) and not _RUNS_ON.search(subject, start, line):
            start = line + 1 + len(subject[line + 1:part.end()]) - len(subject[line + 1:part.end()].lstrip())
        if (several := _CIVILITIES.match(subject, start)) is not None:
            plural, start = True, several.end()
        text = " ".join(subject[start:part.end()].split())
        if (_CIVILITY.match(text) or plural) and (parse_person(text) or surname_only(text)) is not None:
            named.append((text, at + start))
    return named


def _asides(body: str):
    """The matches of _ASIDE_ARRIVED in ``body``, as its ``finditer`` gives them, from each "(arrivé au point n"
    back to where the name before it can start: the pattern alone, tried from every character of a long line, ran
    to the line's end each time (4.3 ms for a text of 2,000 characters, 0.1 ms this way).

    >>> [m.group("who") for m in _asides("Présents : M. A, Mme B (arrivée au point 3), M. C (arrivé au point 5)")]
    [' Mme B', ' M. C']
    """
    end = 0
    for aside in _ASIDE.finditer(body):
        name_end = aside.start()
        while name_end > end and body[name_end - 1].isspace():  # the \s* before the parenthesis
            name_end -= 1
        start = max(end, *(body.rfind(c, 0, name_end) + 1 for c in _NAME_ENDS))
        if (match := _ASIDE_ARRIVED.search(body, start, aside.end())) is not None:
            end = match.end()
            yield match


def _order(number: str, step: int = 0) -> tuple[str, int] | None:
    """A deliberation number's prefix and order ("2024-015" → ("2024-", 15)), ``step`` added to the order."""
    match = re.fullmatch(r"(.*?)(\d+)", number)
    return (match.group(1), int(match.group(2)) + step) if match else None


def _applies_from(move: Move, item: int | None, number: str | None) -> bool | None:
    """Whether a move said to count from an item or a deliberation counts for this one; None when unknown."""
    if move.from_number is not None:
        own = _order(number) if number else None
        if own is None or move.from_number[0] not in ("", own[0]):
            return None
        return own[1] >= move.from_number[1]
    return None if item is None else item >= move.from_item


def own_item(body: str, number_at: int | None) -> tuple[int | None, int | None, int | None]:
    """The deliberation's agenda item: its number, where its heading starts and where the next heading starts —
    the heading before the deliberation's number, else the only heading of the text.

    >>> own_item("1. PV\\nAdopté.\\n4. Subventions – Délibération n° 2024-031\\nAdopté.\\n5. Divers", 26)
    (4, 14, 64)
    """
    heads = [(int(m.group("n") or m.group("n2")), m.start()) for m in _HEADING.finditer(body)]
    before = [h for h in heads if number_at is not None and h[1] <= number_at]
    own = before[-1] if before else heads[0] if len(heads) == 1 else None
    if own is None:
        return None, None, None
    following = next((at for _, at in heads if at > own[1]), None)
    return own[0], own[1], following


def _same(person: Person, who: str) -> bool:
    other = parse_person(who) or surname_only(who)
    if other is None:
        return False
    return person.key == other.key or fold(person.family) == fold(other.family) and (
        not person.given or not other.given or fold(person.given) == fold(other.given))


def _take(people: list[Person], who: str) -> Person | None:
    for person in people:
        if _same(person, who):
            people.remove(person)
            return person
    return None


def _key(who: str) -> str:
    person = parse_person(who) or surname_only(who)
    return fold(person.family) if person else fold(who)


def apply_moves(body: str, attendance: Attendance, number: re.Match | None, vote: Vote, warn) -> None:
    """Change ``attendance`` by the moves ``body`` tells before the deliberation's ``vote``; ``number``: the
    deliberation's own number (:func:`delib_number.number_match`); ``warn(fr, en)`` reports a move that cannot be
    placed."""
    tally = sum(n or 0 for n in (vote.votes_for, vote.against, vote.abstentions)) \
        if vote.votes_for is not None else None
    moves = find_moves(body)
    counted_from = list(_COUNT_FROM.finditer(body))
    for_item = list(AT_THE_VOTE.finditer(body))
    if not moves and not counted_from and not for_item:
        return
    item, head, following = own_item(body, number.start() if number else None)
    # "Votants pour ce point : 29", "Présents au moment du vote : 21 – Pouvoirs : 4 – Votants : 25": the item's own
    # counts, in its item (or the text's only line of them), over the session's and the moves', set after the moves
    own_counts = [m for m in for_item if head <= m.start() < (following or len(body))] \
        if head is not None else for_item if len(for_item) == 1 else []
    own_counts += _counts_going_in(body, head, following, vote)
    for match in counted_from:
        if item is not None and item >= int(match.group("n")):
            _set_counts(attendance, match, {_stated_name(match): int(match.group("v"))})
    # A move told twice ("(arrivé au point 4)" beside the name, then "Arrivée de M. X" in the minutes): the last.
    last = {(_key(m.who), m.arrives): m for m in moves}
    for move in moves:
        if last[(_key(move.who), move.arrives)] is not move:
            continue
        if move.from_item is not None or move.from_number is not None:
            applies = _applies_from(move, item, number.group("num") if number else None)
            if applies is None:
                warn(f"présence modifiée en cours de séance (« {body[move.at:move.end].strip()[:80]} ») : le point "
                     "de cette délibération n'étant pas connu, la présence à l'ouverture est gardée",
                     "attendance changed during the session; this deliberation's item is unknown, the opening "
                     "attendance is kept")
                continue
            if not applies:
                continue
        elif following is not None and move.at >= following or vote.span is not None and move.at >= vote.span[1]:
            continue  # after this deliberation's item, or its vote
        elif move.one_vote and head is not None and move.at < head:
            continue  # left the room for an earlier item's vote alone
        elif not move.arrives and (head is None or move.at >= head) and not (
                _left_before_the_tally(attendance, move, tally)
                or _left_before_this_vote(attendance, move, bool(own_counts))):
            continue  # left the room for this vote, and the counts stated already leave them out
        _move(attendance, move)
    for match in own_counts:
        counts = {_stated_name(match): int(match.group("v")), **_stated_counts(match.group("more"))}
        _set_counts(attendance, match, counts)


def _stated_name(match: re.Match) -> str:
    """The attendance's count that a line of counts names (:data:`_STATED`: "présents", "votants"…)."""
    return next(k for k, w in _STATED.items() if re.fullmatch(w, match.group("what"), re.I))


def _set_counts(attendance: Attendance, match: re.Match, counts: dict[str, int]) -> None:
    """Set the attendance's ``counts`` as the line of counts ``match`` states them, where it states them."""
    for name, value in counts.items():
        setattr(attendance, name, value)
        attendance.count_at[name] = match.start()


def _counts_going_in(body: str, head: int | None, following: int | None, vote: Vote) -> list[re.Match]:
    """The counts stated below a member's departure (:func:`counts_after_departures`) that are those of this
    deliberation's vote, set after the moves: the last line of them before its vote (``vote``) and within its item
    (``head`` to ``following``), or above its heading with no other heading between them."""
    end = vote.span[1] if vote.span is not None else following or len(body)
    lines = [m for m in counts_after_departures(body) if m.start() < end and (
        head is None or head <= m.start() or not _HEADING.search(body, m.end(), head))]
    return lines[-1:]


def _left_before_the_tally(attendance: Attendance, move: Move, tally: int | None) -> bool:
    """Whether the counts stated before a member left the room for this vote still include them: they say so with
    the move, or the vote's tally is one less than the votes stated before."""
    at = attendance.count_at.get("vote_count")
    stated = attendance.vote_count if at is not None and at < move.at else None
    return bool(move.counts) or tally is not None and stated is not None and tally == stated - 1


def _left_before_this_vote(attendance: Attendance, move: Move, counted: bool) -> bool:
    """Whether a member whom the list of the present (the opening's) names is out of this item's vote, the counts
    stated before them not left alone: the text states the counts of this vote (``counted``), or says they leave the
    session (before this item, for good, or giving a proxy for the votes to come), not the room for its vote."""
    return (counted or move.before_item or move.holder is not None) \
        and any(_same(person, move.who) for person in attendance.present)


def _move(attendance: Attendance, move: Move) -> None:
    """Move one member between the lists, and the counts stated before the move by one (or to those stated with
    it). A member who arrives joins the list of the present only where the text lists them: where it counts them
    alone ("Présents : 26"), the count says the arrival, and a list of one would be taken for the text's."""
    proxy = next((p for p in attendance.proxies if _same(p.giver, move.who)), None)
    if move.arrives:
        person = _take(attendance.absent, move.who) or _take(attendance.excused, move.who) \
            or (proxy.giver if proxy else None) or parse_person(move.who)
        if proxy is not None:
            attendance.proxies.remove(proxy)
        if person is not None and attendance.present and not any(p.key == person.key for p in attendance.present):
            attendance.present.append(person)
        changes = {"present_count": 1, "proxy_count": -1 if proxy else 0, "vote_count": 0 if proxy else 1}
    else:
        person = _take(attendance.present, move.who)
        holder = parse_person(move.holder) if move.holder else None
        if person is not None and holder is not None:
            attendance.proxies.append(Proxy(person, holder))
        changes = {"present_count": -1, "proxy_count": 1 if holder else 0, "vote_count": 0 if holder else -1}
    for name, change in changes.items():
        if name in move.counts:
            setattr(attendance, name, move.counts[name])
            attendance.count_at[name] = move.at
        elif (value := getattr(attendance, name)) is not None and attendance.count_at.get(name, 0) < move.at:
            setattr(attendance, name, value + change)
