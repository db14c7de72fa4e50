"""Who sat: the lists of present, excused, absent members and proxies.

Lists are comma-separated full names with irregular spacing and doubled commas, names wrapped over two lines,
compound and particle names, proxies with or without their holder, and empty sections (DATA-FORMATS.md
pitfall 24); the names themselves are :mod:`graph.ingest.delib_names`'s. A section ends at the next section
heading or at the first line that does not read as names. The counts the text states (in office, present,
proxies, votes) and the convocation's date are :mod:`graph.ingest.delib_counts`'s; the chair and the secretary
are :mod:`graph.ingest.delib_officers`'s, which :func:`parse_attendance` imports when it runs since it records
what it reads with this module's helpers.

This module holds what attendance is (:class:`Attendance`, :class:`Proxy`), the proxies that sentences of their own
give, and :func:`parse_attendance`, which runs the readers: the headed lists are
:mod:`graph.ingest.delib_attendance_lists`'s (imported when it runs too, since they fill an :class:`Attendance`), the
lines that go on naming a list's members :mod:`graph.ingest.delib_member_lines`'s, and the member that an item names
:mod:`graph.ingest.delib_members`'s.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field

from graph.ingest.delib_counts import parse_counts
from graph.ingest.delib_members import TWO_INITIALS, read_member
from graph.ingest.delib_names import Person
from graph.ingest.french import fold
from graph.ingest.french_accents import compile_cue


@dataclass
class Proxy:
    """A proxy: who gave it, and to whom when the text says."""

    giver: Person
    holder: Person | None = None


@dataclass
class Attendance:
    """What a deliberation says of its session's attendance; ``spans`` are evidence (start, end) offsets.

    The counts are those the text states: a list's length is none ("Pouvoir : X à Y" alone gives no count of
    proxies, as a list of names gives no count of the present), and a list that disagrees with its count is warned
    of."""

    in_office: int | None = None
    present_count: int | None = None
    proxy_count: int | None = None
    vote_count: int | None = None
    convened: dt.date | None = None
    chair: Person | None = None
    chair_title: str | None = None
    secretary: Person | None = None
    present: list[Person] = field(default_factory=list)
    excused: list[Person] = field(default_factory=list)
    absent: list[Person] = field(default_factory=list)
    proxies: list[Proxy] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    #: the facts each span states, by the names of their fields here ("present_count", "chair", "chair_title"…), for
    #: its quote to say which property it is the evidence of (``mai:supports``)
    stated: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    count_at: dict[str, int] = field(default_factory=dict)  # where each count is stated
    unread: list[tuple[str, str]] = field(default_factory=list)  # (list, line) of lines that named no one
    #: (list, office, proxy's holder) of the members a list names by their office ("M. le Maire à Mme X") whom the
    #: text names nowhere else
    by_office: list[tuple[str, str, Person | None]] = field(default_factory=list)
    #: (giver, office) of the proxies a list gives to an office ("M. X à M. le Président"), whose holder is the person
    #: the text names in that office, else the office itself
    held_by_office: list[tuple[Person, str]] = field(default_factory=list)
    #: how many of the present sit for a member, said beside their name ("M. Lucien ALBERT (suppléant de M. Jean
    #: ROUX)"): a stated count of the present may leave them out
    substitutes: int = 0
    #: the lists whose heading announces names ("Membres présents :"), not a count ("Présents : 24"), each once a
    #: heading (:func:`graph.ingest.delib_attendance_lists.parse_sections`)
    headed: list[str] = field(default_factory=list)

    def copy(self) -> Attendance:
        """A copy to change apart from this one: what ``copy.deepcopy`` gives, its lists, proxies and places its
        own, without copying what cannot change (the persons are frozen, the lists' tuples hold strings, offsets and
        persons): the attendance at each vote is copied from the opening's (the 1,112 texts of the 100k-actor
        corpus under cProfile: ``copy.deepcopy`` 0.81 s, this 0.04 s).

        >>> opening = Attendance(present=[Person("Léa", "MARTIN")], proxies=[Proxy(Person("Paul", "ROY"))])
        >>> at_vote = opening.copy()
        >>> at_vote.proxies[0].holder = at_vote.present.pop()
        >>> at_vote == opening, [p.label for p in opening.present], opening.proxies[0].holder
        (False, ['Léa MARTIN'], None)
        """
        copied = copy.copy(self)
        for name in ("present", "excused", "absent", "spans", "unread", "by_office", "held_by_office", "headed"):
            setattr(copied, name, list(getattr(self, name)))
        copied.proxies = [Proxy(proxy.giver, proxy.holder) for proxy in self.proxies]
        copied.count_at = dict(self.count_at)
        copied.stated = {span: list(fields) for span, fields in self.stated.items()}
        return copied

    def quote(self, span: tuple[int, int], *fields: str) -> None:
        """Keep ``span`` as evidence of the facts it states (``fields``: their names here), once each.

        >>> a = Attendance()
        >>> a.quote((0, 9), "chair"); a.quote((0, 9), "chair", "chair_title")
        >>> a.spans, a.stated
        ([(0, 9), (0, 9)], {(0, 9): ['chair', 'chair_title']})
        """
        self.spans.append(span)
        stated = self.stated.setdefault(span, [])
        stated += [name for name in fields if name not in stated]

    def unquote(self, since: int) -> None:
        """Forget the spans kept from the ``since``-th on, and the facts they state: a reading taken back."""
        for span in self.spans[since:]:
            self.stated.pop(span, None)
        del self.spans[since:]

    def persons(self) -> list[Person]:
        """Every person named, once each, in reading order."""
        seen: dict[str, Person] = {}
        named = [self.chair, self.secretary, *self.present, *self.excused, *self.absent]
        named += [p for proxy in self.proxies for p in (proxy.giver, proxy.holder)]
        for person in named:
            if person is not None and person.key not in seen:
                seen[person.key] = person
        return list(seen.values())


def append_member(members: list[Person], person: Person) -> None:
    """Add ``person`` to a list once, though a list may name them twice ("MM Alain KELYOR" / "Alain KELYOR")."""
    if person not in members:
        members.append(person)


def add_proxy(attendance: Attendance, giver: Person, holder: Person | None) -> None:
    """Record ``giver``'s proxy once, though a text may list it twice (beside the absent, then under "Pouvoirs")."""
    for proxy in attendance.proxies:
        if proxy.giver == giver:
            proxy.holder = proxy.holder or holder
            return
    attendance.proxies.append(Proxy(giver, holder))


#: A proxy said in a sentence of its own, outside any list: "Mme Annie X a donné pouvoir à Mme Nathalie Y.",
#: "M. Luc X donne procuration à M. Paul Y", "Madame Nathalie Y a le pouvoir de Madame Annie X pour la représenter",
#: "Procuration de M. Luc X à M. Paul Y".
_CIVIL_NAME = r"(?:M\.|Mme|Mlle|Monsieur|Madame)\s+[^\n,;:()]{2,60}?"
_PROXY_SENTENCE = compile_cue(
    rf"(?:^[ \t]*|(?<=[.;] ))(?:(?P<giver>{_CIVIL_NAME})\s+(?:a\s+donné|donne)\s+(?:pouvoir|procuration|délégation)"
    rf"(?:\s+de\s+vote)?\s+à\s+(?P<holder>{_CIVIL_NAME})"
    rf"|(?P<holder2>{_CIVIL_NAME})\s+a\s+(?:le\s+)?(?:pouvoir|procuration)\s+de\s+(?P<giver2>{_CIVIL_NAME})"
    rf"|(?:pouvoir|procuration)\s+de\s+(?P<giver3>{_CIVIL_NAME})\s+à\s+(?P<holder3>{_CIVIL_NAME}))"
    r"(?=[ \t]*(?:[.;,]|\s+pour\b|[ \t]*$))", re.I | re.M)


def _proxy_sentences(body: str, attendance: Attendance) -> None:
    """The proxies that sentences of their own give (:data:`_PROXY_SENTENCE`), outside the lists already read: both
    members named.

    >>> a = Attendance()
    >>> _proxy_sentences("Madame Nathalie LEHERON a le pouvoir de Madame Annie AUZOU pour la représenter.", a)
    >>> [(p.giver.label, p.holder.label) for p in a.proxies]
    [('Annie AUZOU', 'Nathalie LEHERON')]
    """
    for match in _PROXY_SENTENCE.finditer(body):
        if any(s <= match.start() < e for s, e in attendance.spans):
            continue
        giver = read_member(match["giver"] or match["giver2"] or match["giver3"], False)
        holder = read_member(match["holder"] or match["holder2"] or match["holder3"], False)
        if giver is not None and holder is not None:
            add_proxy(attendance, giver, holder)
            attendance.quote(match.span(), "proxies")


def parse_attendance(body: str) -> Attendance:
    """Return everything ``body`` says about who attended the session.

    >>> a = parse_attendance("Présents : M. Paul DURAND, ,Mme Léa MARTIN-ROY\\nAbsents :\\nObjet : budget")
    >>> [p.label for p in a.present], a.absent
    (['Paul DURAND', 'Léa MARTIN-ROY'], [])
    """
    from graph.ingest.delib_attendance_lists import parse_sections
    from graph.ingest.delib_officers import chair_from_signature, offices_named, parse_officers
    from graph.ingest.delib_roll import parse_roll

    attendance = Attendance()
    parse_counts(body, attendance)
    parse_officers(body, attendance)
    parse_sections(body, attendance)
    if not (attendance.present or attendance.excused or attendance.absent):
        parse_roll(body, attendance)
    _proxy_sentences(body, attendance)
    chair_from_signature(body, attendance)
    offices_named(body, attendance)
    _name_in_full(attendance)
    return attendance


#: Given names written by their initials: "E.", "J.-M.", "A".
_INITIALS = re.compile(r"[A-ZÀ-Ý]\.?(?:[ -]?[A-ZÀ-Ý]\.?)*")


def _name_in_full(attendance: Attendance) -> None:
    """Name the chair, the secretary and the proxies' holders as the lists name them in full, where the text gives
    them short and one member only fits: "sous la présidence de Monsieur ALINE" or "(pouvoir à E. BERRENI)" for
    "Jean Marie ALINE" and "Evelyne BERRENI" of the list of the present; one person, not two.

    >>> a = parse_attendance("Présents : Evelyne BERRENI, Jean Marie ALINE\\nProcurations : Luc ROUX (pouvoir à E. "
    ...                      "BERRENI)\\nSecrétaire de séance : M. ALINE")
    >>> a.proxies[0].holder.label, a.secretary.label
    ('Evelyne BERRENI', 'Jean Marie ALINE')

    And a list's short name for the chair or the secretary that the text names in full:

    >>> a = parse_attendance("Présents : G. ESTÈVE, R. ALBERT\\nSecrétaire de séance : Gilles ESTÈVE")
    >>> [p.label for p in a.present]
    ['Gilles ESTÈVE', 'R. ALBERT']
    """
    listed = [*attendance.present, *attendance.excused, *attendance.absent, *(p.giver for p in attendance.proxies)]
    full = [p for p in dict.fromkeys(listed) if p.given and not _INITIALS.fullmatch(p.given)]

    def initials(given: str) -> list[str]:  # "J.-M." and "MC" alike, a letter each
        if re.fullmatch(TWO_INITIALS, given + " "):
            return list(fold(given))
        return [word[0] for word in re.split(r"[\s.-]+", fold(given)) if word]

    def in_full(person: Person | None) -> Person | None:
        if person is None or person.given and not _INITIALS.fullmatch(person.given):
            return person
        short = initials(person.given)
        fits = [p for p in full if fold(p.family) == fold(person.family) and initials(p.given)[:len(short)] == short]
        return fits[0] if len(fits) == 1 else person

    attendance.chair, attendance.secretary = in_full(attendance.chair), in_full(attendance.secretary)
    for proxy in attendance.proxies:
        proxy.holder = in_full(proxy.holder)
    # the other way round: a list that names its members short ("G. ESTÈVE", "M. CORRE"), and the chair or the
    # secretary named in full ("sous la présidence de Monsieur Gilles ESTÈVE", "Secrétaire de séance : Maël CORRE")
    full = [p for p in (attendance.chair, attendance.secretary) if p and p.given and not _INITIALS.fullmatch(p.given)]
    for kind in ("present", "excused", "absent"):
        setattr(attendance, kind, list(dict.fromkeys(in_full(p) for p in getattr(attendance, kind))))
    for proxy in attendance.proxies:
        proxy.giver, proxy.holder = in_full(proxy.giver), in_full(proxy.holder)
