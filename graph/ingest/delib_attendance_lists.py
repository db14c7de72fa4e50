"""The headed lists of a deliberation's attendance (:func:`parse_sections`): "Présents :", "Excusés :",
"Absents :", "Pouvoirs :" and their many wordings (:data:`SECTIONS`), found at a line's start, within a run-together
line or letter-spaced, and their members read into the :class:`graph.ingest.delib_people.Attendance`.
"""

from __future__ import annotations

import re

from graph.ingest.delib_list_columns import unfold_list_columns
from graph.ingest.delib_member_lines import read_section_text
from graph.ingest.delib_members import (ASIDE, BY_TITLE, CHAIR_ROLE, GIVEN_BY, HELD_BY, HELD_BY_ITEM, HELD_BY_OFFICE,
                                        PROXY_SPLIT, STARTS_WITH_CIVILITY, is_bare_list, is_capitals, read_member,
                                        read_proxy_item, split_and, split_items, strip_asides)
from graph.ingest.delib_names import Person
from graph.ingest.delib_people import Attendance, add_proxy, append_member
from graph.ingest.delib_meta import COLUMN_GAP
from graph.ingest.french import fold
from graph.ingest.french_accents import compile_cue


#: What opens a list's heading in a sentence, one member or several: "Étaient absents : …", "Était absente : …".
_WERE = r"(?:Étaient|Était|Sont|Est)\s+"
#: The marks of gender and number that a heading's words may carry, in brackets or not: "Absent(s)", "Excusé(e)(s)",
#: "représenté(e)s", "Procuration(s)".
_MARKS = r"(?:\((?:e|s|es)\)|e|s)*"
#: Who a list's heading says its members are, before what they were: "Membres titulaires absents", "Conseillers
#: municipaux absents excusés".
#: "Délégués titulaires présents", "Délégués suppléants présents", "Élus présents", a CCAS's "Administrateurs
#: présents".
_MEMBERS = (r"(?:Membres?|Conseill[eè]r(?:e|s|es)?(?:\s+(?:municipaux|communautaires|départementaux|régionaux))?"
            r"|Délégué" + _MARKS + r"|Élu" + _MARKS + r"|Administrat(?:eur|rice)" + _MARKS + r")\s+")
#: The seat after who they are: "Membres titulaires", "Délégués suppléants".
_SEAT = r"(?:titulaires?\s+|suppléants?\s+)?"
#: The end of a list's heading: its colon, or the end of its line when the heading fills it ("ETAIT REPRESENTEE"
#: over the proxies, one a line).
_HEAD_END = r"(?:\s*:|[ \t]*$)"
#: That the substitutes a list's heading names vote for the members they replace: "Délégués suppléants présents avec
#: voix délibérative", "Suppléants présents ayant voix délibérative".
_VOTING = r"(?:\s+(?:avec|ayant)\s+voix\s+délibérative)?"
#: When a list's heading says its members were there: at the opening ("Présents à l'ouverture de la séance (24) :",
#: "Absents en début de séance :"), before the members who come or go (:mod:`delib_moves`).
_AT_OPENING = r"(?:\s+(?:à\s+l['’]ouverture(?:\s+de\s+(?:la\s+)?séance)?|en\s+début\s+de\s+séance))?"
#: A proxies' heading whose colon comes on the next line ("… en application de l'article L 2121-20 du Code" /
#: "Général des Collectivités Territoriales :") names no member and ends no sentence on its first line: a line that
#: opens with "pouvoir à M. X." goes on with a sentence cut before it ("Mme A a donné" / "pouvoir à M. B."), and the
#: colon below is the next list's ("Absents :").
_WRAPPED_HEADING = r"(?![^\n]*(?-i:\b(?:M|MM|Mme|Mmes|Mlle)\.?\s+[A-ZÀ-Ý]))"
#: Section headings, by the list they open; the colon may come on the next line ("…du Code\nGénéral … :"), or be
#: left out by a heading alone on its line.
_SECTION_CUES = [
    # "Absents ayant donné pouvoir : …", "ÉTAIT ABSENT ET AVAIT DONNÉ POUVOIR : …", "Absent(s) excusé(s) ayant remis
    # un pouvoir : …", "Excusés ayant donné procuration : …", "Ont donné pouvoir : …", "Avaient donné pouvoir : …"
    ("proxies", r"^(?:Pouvoir" + _MARKS + r"|Procuration" + _MARKS + r"|(?:Membres?\s+|" + _WERE + r")?représenté"
                + _MARKS + r"|(?:" + _MEMBERS + r"|" + _WERE + r")?Absent" + _MARKS + r"\s+(?:excusé" + _MARKS
                + r"\s+)?(?:et\s+)?"
                r"(?:(?:ayant|avai(?:t|ent))\s+(?:voté\s+par\s+procuration|(?:donné|remis)\s+(?:un\s+)?"
                r"(?:pouvoir|procuration))|représenté" + _MARKS + r")|(?:" + _WERE + r")?Excusé" + _MARKS
                + r"\s+(?:et\s+)?(?:ayant|avai(?:t|ent))\s+(?:donné|remis)\s+(?:un\s+)?(?:pouvoir|procuration)"
                r"|(?:Ont|Avai(?:t|ent))\s+donné\s+(?:pouvoir|procuration))"
                r"(?:[^:\n]*:|" + _WRAPPED_HEADING + r"[^:\n]*(?<![.;])\n[^:\n]{0,80}:|[ \t]*$)"),
    # "Excusés : …", "Était absent excusé : …", "Excusé(e)(s) : …"
    # "S'ÉTAIENT FAIT EXCUSER : …", "Se sont excusés : …", "S'est excusée : …"
    ("excused", r"^(?:(?:" + _MEMBERS + _SEAT + r"|" + _WERE + r")?(?:absent" + _MARKS + r"\s+)?excusé"
                + _MARKS
                + r"|S['’](?:étai(?:en)?t|est)\s+fait" + _MARKS + r"\s+excuser|S(?:e\s+sont|['’]est)\s+excusé" + _MARKS
                + r")(?:[^:\n]{0,40}:|[ \t]*$)"),
    # "Absents : …", "Étaient absents : …", "Était absente : …", "Absent(s) : …"
    # "Absents non excusés : …", "Absents non représentés : …", "Absents sans excuse : …", "Conseillers absents : …"
    ("absent", r"^(?:" + _MEMBERS + _SEAT + r"|" + _WERE + r")?Absent" + _MARKS + r"(?:\s+non\s+(?:excusé"
               r"|représenté)" + _MARKS + r"|\s+sans\s+excuse)?" + _AT_OPENING + r"(?:\s*\(\d+\))?" + _HEAD_END),
    # "Présents : …", "Étaient présents les conseillers municipaux suivants : …", "Assistaient à la séance : …"
    # "Délégués suppléants présents avec voix délibérative : …": substitutes who sit and vote for a member
    ("present", r"^(?:" + _MEMBERS + _SEAT + r"présent" + _MARKS + _VOTING + r"|" + _WERE + r"présent" + _MARKS
                + r"|Présent" + _MARKS + r"|Assistaient\s+à\s+la\s+séance"
                # substitutes who sit and vote for a member: "Suppléants ayant voix délibérative : …"
                r"|(?:" + _MEMBERS + r")?Suppléant" + _MARKS + r"(?:\s+présent" + _MARKS + r")?"
                + r"\s+(?:(?:ayant|avec)\s+voix\s+délibérative|siégeant|votant" + _MARKS + r"))" + _AT_OPENING
                + r"(?:\s*\([^)\n]*\))?"
                r"(?:\s+les\s+[^:\n]{0,60}(?=:))?" + _HEAD_END),
]
SECTIONS = [(kind, compile_cue(cue, re.I | re.M)) for kind, cue in _SECTION_CUES]
#: The same headings in a text whose lines were run together (a web page's copy, a transcript): within a line, after
#: a family name in capitals, a sentence's end or a spaced dash, opening with a capital ("… Patrick CALLAIS Absent(s)
#: excusé(s) ayant remis un pouvoir : …", "… sous la présidence de Monsieur X, Maire. Etaient présents : …", a line of
#: counts that names the absent after theirs: "Présents : 52 – Absents : 3 – M. X, Mme Y, M. Z"), where
#: :data:`_INLINE_START` finds them; read only where they end with their colon.
INLINE_SECTIONS = [(kind, compile_cue(cue[1:], re.I | re.M)) for kind, cue in _SECTION_CUES]
#: The same headings written letter-spaced, as a PDF's copy gives a heading in spaced capitals ("A B S E N T S E X C
#: U S E S AYA N T D O N N E P O U V O I R"): the line's letters closed up, the cues' spaces optional.
SPACED_SECTIONS = [(kind, compile_cue(cue.replace(r"\s+", r"\s*"), re.I)) for kind, cue in _SECTION_CUES]
#: A line of letters spaced out: four single capitals at least, each followed by a space, most of the line's words.
_SPACED_LINE = re.compile(r"^[ \t]*(?:[A-ZÀ-Ý][ \t]+){3,}[A-ZÀ-Ý](?:[ \t][^\n]*)?$", re.M)
#: Where a heading may start within a line: each cue is tried there only (searched for everywhere, behind a
#: lookbehind, the four cues took six times as long: 0.2 ms a text).
_INLINE_START = re.compile(r"(?:[A-ZÀ-Ý][A-ZÀ-Ý]|[.;]|[ \t](?:[–—]|--?))[ \t](?=[A-ZÀ-Ý])")


def _parse_list(text: str, kind: str, attendance: Attendance) -> None:
    items = _ListItems(text, kind, attendance)
    for item in (part for item in split_items(text) for part in split_and(item, kind, items.bare, items.capitals)):
        if item := item.strip(" ."):
            items.read(item)


class _ListItems:
    """The items of one list of a section (``kind``: present, excused, absent, proxies), read in order into
    ``attendance``: an item may say only who holds the proxy of the member that the item before it named (``last``)."""

    def __init__(self, text: str, kind: str, attendance: Attendance):
        self.kind, self.attendance = kind, attendance
        self.bare, self.capitals = is_bare_list(text, kind), is_capitals(text, kind)
        self.last: Person | None = None

    def member(self, written: str) -> Person | None:
        return read_member(written, self.bare, self.capitals)

    def read(self, item: str) -> None:
        self.last = self._proxy(item) if self.kind == "proxies" else self._member(item)

    def _proxy(self, item: str) -> Person | None:
        """An item of a list of proxies: "giver à holder"; the giver, for the item after it."""
        parts = PROXY_SPLIT.split(GIVEN_BY.sub("", item), maxsplit=1)
        giver = self.member(parts[0].strip(" .)"))
        holder = self.member(parts[1].strip(" .)")) if len(parts) > 1 else None
        if giver:
            _add_proxy(self.attendance, giver, holder, parts[1] if len(parts) > 1 else "")
            return giver
        if self.last is not None and (held := HELD_BY_ITEM.fullmatch(item)) is not None:  # "X, représentée par Y"
            _add_proxy(self.attendance, self.last, self.member(held.group("holder")), held.group("holder"))
        elif BY_TITLE.fullmatch(parts[0].strip(" .)")):
            self.attendance.by_office.append((self.kind, parts[0].strip(" .)"), holder))
        return None

    def _member(self, item: str) -> Person | None:
        """An item of a list of members present, excused or absent; the member it names, for the item after it."""
        attendance, kind, last = self.attendance, self.kind, self.last
        if (held := HELD_BY.search(item)) is not None:
            holder = self.member(held.group("holder"))
            if (person := self.member(item[:held.start()])) is not None:
                append_member(getattr(attendance, kind), person)
                _add_proxy(attendance, person, holder, held.group("holder"))
            elif BY_TITLE.fullmatch(office := item[:held.start()].strip(" .)")):
                attendance.by_office.append((kind, office, holder))
        elif (person := self.member(strip_asides(item))) is not None:
            append_member(getattr(attendance, kind), person)
            attendance.substitutes += kind == "present" and _SITS_FOR.search(item) is not None
            if (aside := ASIDE.search(item)) is not None:
                _chair_by_role(attendance, person, aside.group(0).strip(" ()"))
            return person
        elif kind != "present" and (given := read_proxy_item(item, self.bare, self.capitals)) is not None:
            append_member(getattr(attendance, kind), given[0])  # "Excusés représentés : M. Luc X par M. Paul Y"
            add_proxy(attendance, *given)
        elif last is not None and (held := HELD_BY_ITEM.fullmatch(item)) is not None:
            _add_proxy(attendance, last, self.member(held.group("holder")), held.group("holder"))
        elif last is not None and kind == "present" and not STARTS_WITH_CIVILITY.match(item + " "):
            _chair_by_role(attendance, last, item)
        elif BY_TITLE.fullmatch((parts := PROXY_SPLIT.split(item, maxsplit=1))[0].strip(" ()")):
            holder = self.member(parts[1].strip(" .)")) if len(parts) > 1 else None
            attendance.by_office.append((kind, parts[0].strip(" ()"), holder))  # "M. le Maire par Mme Anne X"
        elif STARTS_WITH_CIVILITY.match(item + " "):
            attendance.unread.append((kind, item.strip()))  # a member named in a way not read: said, not dropped
        return None


def _add_proxy(attendance: Attendance, giver: Person, holder: Person | None, written: str) -> None:
    """Add ``giver``'s proxy to ``holder``; one to a holder named by their office (``written`` "M. le Président",
    :data:`HELD_BY_OFFICE`) is kept aside too, for :func:`graph.ingest.delib_officers.offices_named` to name."""
    add_proxy(attendance, giver, holder)
    if holder is None and HELD_BY_OFFICE.fullmatch(office := written.strip(" .)")):
        attendance.held_by_office.append((giver, office))


#: The aside of a substitute who sits for a member: "(suppléant de M. Jean ROUX)", "(suppléante de Mme A)".
_SITS_FOR = re.compile(r"\(\s*suppléant(?:e)?\s+d[e'’]", re.I)


def _chair_by_role(attendance: Attendance, person: Person, role: str) -> None:
    """``person`` chairs when the list says so beside the name ("(Maire)", ", président") and nothing else named
    the chair."""
    if attendance.chair is None and CHAIR_ROLE.fullmatch(role):
        attendance.chair, attendance.chair_title = person, role.strip().capitalize()


#: Where a run-together line goes on after a list's last name: words in small letters after a name in capitals
#: ("Patrick GIRAUD formant la majorité des membres en exercice").
_RUNS_ON = re.compile(r"(?<=[A-ZÀ-Ý]{2})[ \t]+(?=[a-zà-ÿ]{2,}\b)")


#: A list of the present that names only who was not: "Présents : Tous les membres du Conseil Municipal en exercice,
#: à l'exception de M. Jacques X ayant donné procuration à M. Yves Y." (the sentence ends at a word's full stop, not
#: at a civility's or an initial's).
_ALL_BUT = compile_cue(r"[ \t]*(?:Tous\s+les|L['’]ensemble\s+des)\s+(?:membres|conseillers|élus)\b[^.:\n]{0,80}?"
                       # the names may go on below, a line that opens in small letters ("… LE GUEN" / "ayant
                       # donné procuration à …")
                       r"(?:à\s+l['’]exception\s+de|sauf|excepté)\s*:?\s*(?P<names>[^\n]+?(?:\n(?=[a-zà-ÿ])[^\n]+?)*)"
                       r"\s*(?:(?<=[^\W\d_]{2})\.(?=\s|$)|\n|$)", re.I)


def _parse_all_but(names: str, attendance: Attendance) -> None:
    """The members that a list of "all but" names: absent, or absent and represented when they gave a proxy."""
    names = re.sub(r"\s+et\s+(?:de|d['’])\s*(?=M\.|Mme|Mlle|Monsieur|Madame)", ", ", names)  # "… et de Mme X"
    for item in (part for item in split_items(names) for part in split_and(item, "absent", False, False)):
        if (given := read_proxy_item(item, False, False)) is not None:
            add_proxy(attendance, *given)
        elif (person := read_member(strip_asides(item.strip(" .")), False)) is not None:
            append_member(attendance.absent, person)


def _spaced_headings(body: str) -> list[tuple[str, int, int]]:
    """The list headings written letter-spaced (:data:`SPACED_SECTIONS`): (list, start, end) of each.

    >>> _spaced_headings("Texte\\n  P R E S E N T S\\nM. Paul DURAND\\nA B S E N T S E X C U S E S :\\n")
    [('present', 6, 23), ('excused', 39, 68)]
    """
    found = []
    for line in _SPACED_LINE.finditer(body):
        words = line.group(0).split()
        if sum(len(word) == 1 for word in words) < 0.6 * len(words):
            continue
        closed = "".join(words)
        if (kind := next((kind for kind, cue in SPACED_SECTIONS if cue.fullmatch(closed)), None)) is not None:
            found.append((kind, line.start(), line.end()))
    return found


#: A list given in brackets after its count, perhaps after who they are: "Procurations : 4 (M. Paul X à Mme Isabelle
#: Y, …)", "Absents : 2 (…)", "Avaient donné procuration : 3 conseillers départementaux (Mme A à M. B, …)".
_COUNTED_LIST = re.compile(r"[ \t]*\d{1,3}(?:[ \t]+(?:conseill[eè]re?s?|membres?|élu(?:e|s|es)?|délégu[ée]e?s?)"
                           r"(?:[ \t]+[a-zà-ÿ]+)?)?[ \t]*\((?P<names>[^()]*(?:\([^()]*\)[^()]*)*)\)")


def parse_sections(body: str, attendance: Attendance) -> None:
    """Fill the present, excused, absent and proxy lists of ``attendance`` from the headed sections of ``body``
    (two columns of lists on the same lines read one after the other, :mod:`delib_list_columns`)."""
    body = unfold_list_columns(body, (heading for _, heading in SECTIONS))
    found = [(kind, match, False) for kind, pattern in SECTIONS for match in pattern.finditer(body)]
    starts = [start.end() for start in _INLINE_START.finditer(body)]
    found += [(kind, match, True) for kind, pattern in INLINE_SECTIONS for at in starts
              if (match := pattern.match(body, at)) is not None and match.group(0).rstrip().endswith(":")]
    heads = [(kind, start, end, False) for kind, start, end in _spaced_headings(body)]
    for kind, match, inline in found:
        if not any(s <= match.start() < e for _, s, e, _ in heads):
            heads.append((kind, match.start(), match.end(), inline))
    heads.sort(key=lambda h: h[1])
    for i, (kind, start, end, inline) in enumerate(heads):
        stop = heads[i + 1][1] if i + 1 < len(heads) else len(body)
        if inline:
            stop = _inline_stop(body, end, stop)
        given, offices = len(attendance.proxies), len(attendance.by_office)
        _read_section(body, kind, (start, end, stop), attendance)
        if kind == "proxies" and _EXCUSED_HEADING.search(fold(body[start:end]).replace(" ", "")):
            _excused_givers(attendance, given, offices)


#: A heading that says its members were excused: "Absents excusés ayant donné pouvoir", "Excusés ayant donné
#: procuration", "A B S E N T S E X C U S E S …" (folded, its spaces closed up); not "non excusés".
_EXCUSED_HEADING = re.compile(r"(?<!non)excus")


def _excused_givers(attendance: Attendance, given: int, offices: int) -> None:
    """The members who gave the proxies read from rank ``given`` on, under a heading that says them excused
    ("Absents excusés ayant donné pouvoir : M. A à M. B"): excused too. One named by their office from rank
    ``offices`` on ("M. le Maire à Mme C") is an excused member with their proxy, as "Excusés : M. le Maire (pouvoir
    à Mme C)" has them, for :func:`graph.ingest.delib_officers.offices_named` to name; without a holder, a proxy."""
    for proxy in attendance.proxies[given:]:
        append_member(attendance.excused, proxy.giver)
    attendance.by_office[offices:] = [("excused" if holder is not None else kind, office, holder)
                                      for kind, office, holder in attendance.by_office[offices:]]


def _inline_stop(body: str, end: int, stop: int) -> int:
    """Where the list of a heading found within a line (:data:`INLINE_SECTIONS`) ends, before ``stop``: at its line's
    end, or at the next line's when a comma ends its line (a line of counts whose names wrap: "Présents : 52 –
    Absents : 3 – M. X, Mme Y," / "M. Z"), or where the line runs on in words after its last name ("… GIRAUD
    formant la …")."""
    line_end = body.find("\n", end)
    while 0 <= line_end < stop and body[end:line_end].rstrip().endswith(","):
        line_end = body.find("\n", line_end + 1)
    stop = min(stop, line_end if line_end >= 0 else len(body))
    runs_on = _RUNS_ON.search(body, end, stop)
    return runs_on.start() if runs_on is not None else stop


#: A list's count before its names on a line of counts, and the dash after them, before the next count if any:
#: "Absents : 3 – M. X, Mme Y – Votants : 52" lists "M. X, Mme Y" (the counts are :mod:`delib_counts`'s).
_COUNT_BEFORE_NAMES = re.compile(r"[ \t]*\d{1,3}[ \t]+(?:[–—]|--?)[ \t]*(?=\S)")
_DASH_AFTER_NAMES = re.compile(r"[ \t]+(?:[–—]|--?)[ \t]*(?:[^\W\d_][\w'’ \t]{1,40}:[ \t]*\d{1,3}\b.*)?$")


#: The words of a proxies table's header row: "Mandant | Mandataire", "Conseiller absent    Mandataire", "Délégué
#: absent | Délégué ayant reçu pouvoir".
_PROXY_COLUMNS = re.compile(r"mandat|pouvoir|procuration|absent|représent|excus", re.I)
#: A table's rule between its header and its rows: "|---|---|".
_TABLE_RULE = re.compile(r"[ \t]*\|?[ \t:|-]*-[ \t:|-]*\|?[ \t]*")


def _proxy_table(body: str, end: int, stop: int) -> tuple[str, int] | None:
    """The proxies that a table gives below their heading, one a row, the member who gave theirs in the first
    column and its holder in the second, as a pipe table ("| M. Marcel FABRE | Mme Christiane VIGUIER |") or columns
    aligned with spaces, under a header row ("Mandant | Mandataire", "Conseiller absent    Mandataire"): written
    "giver à holder, …" for :func:`_parse_list`, and where the table ends. None when no row names two members.

    >>> text = "\\n   Conseiller absent     Mandataire\\n   M. Luc FABRE          Mme Anne VIGUIER\\n\\nLe Conseil"
    >>> _proxy_table(text, 0, len(text))
    ('M. Luc FABRE à Mme Anne VIGUIER', 78)
    """
    rows, table_end, pos, headed = [], None, end, False
    for line in body[end:stop].split("\n"):
        line_end, pos = pos + len(line), pos + len(line) + 1
        if not line.strip() or _TABLE_RULE.fullmatch(line):
            if rows and not line.strip():
                break
            continue
        cells = ([cell.strip() for cell in line.strip().strip("|").split("|")] if line.lstrip().startswith("|")
                 else COLUMN_GAP.split(line.strip()))
        named = headed and len(cells) == 2 and all(STARTS_WITH_CIVILITY.match(cell + " ") for cell in cells)
        if not named and (headed or len(cells) != 2 or not _PROXY_COLUMNS.search(line)):
            break  # the one row above them names their columns: "Mandant | Mandataire", "Conseiller absent …"
        headed = True
        if named:
            rows.append(f"{cells[0]} à {cells[1]}")
            table_end = line_end
    return (", ".join(rows), table_end) if rows else None


#: What opens the names a heading announces: a civility, maybe after a list's bullet ("M. Paul X, …", "- Mme Léa Y").
_CIVILITY_FIRST = re.compile(r"\s*(?:[-–•*][ \t]+)?" + STARTS_WITH_CIVILITY.pattern)
_BLANK = re.compile(r"\s*")


def _announces_names(body: str, at: tuple[int, int, int], attendance: Attendance) -> bool:
    """Whether the heading that spans ``at``'s start and end announces names: a civility opens its text, or nothing
    follows it before the next heading (a list cut); not a count's label ("Présents : 24", "Présents : dix-neuf",
    a count read there), nor a sentence ("Présents : la liste des présents est annexée au registre", "Etaient
    présents : les membres du Conseil", "des membres présents et" / "représentés :" / "- ATTRIBUE …")."""
    start, end, stop = at
    if any(start <= count < end for count in attendance.count_at.values()):
        return False
    return _CIVILITY_FIRST.match(body, end, stop) is not None or _BLANK.fullmatch(body, end, stop) is not None


def _read_section(body: str, kind: str, at: tuple[int, int, int], attendance: Attendance) -> None:
    """Read the list of ``kind`` whose heading spans ``at``'s start and end, its names before ``at``'s stop: a list of
    the present that names who was not, a list in brackets after its count, or a list of names (after its count and a
    dash, on a line of counts). A heading that announces names (:func:`_announces_names`), not all but some, is kept
    in :attr:`~graph.ingest.delib_people.Attendance.headed`: if none of its names is read while a count says there
    are some, the list was cut or written in a way not read."""
    start, end, stop = at
    if (dash := _DASH_AFTER_NAMES.search(body, end, stop)) is not None:
        stop = dash.start()
    if (count := _COUNT_BEFORE_NAMES.match(body, end, stop)) is not None:
        end = count.end()
    all_but = _ALL_BUT.match(body, end, stop) if kind == "present" else None
    if all_but is None and _announces_names(body, (start, end, stop), attendance):
        attendance.headed.append(kind)
    if all_but is not None:
        _parse_all_but(all_but.group("names"), attendance)
        attendance.quote((start, all_but.end()), "present", "absent", "proxies")
    elif (counted := _COUNTED_LIST.match(body, end, stop)) is not None:  # "Procurations : 4 (M. A à Mme B, …)"
        _parse_list(" ".join(counted["names"].split()), kind, attendance)
        attendance.quote((start, counted.end()), kind)
    elif kind == "proxies" and (table := _proxy_table(body, end, stop)) is not None:  # "| Mandant | Mandataire |"
        _parse_list(table[0], kind, attendance)
        attendance.quote((start, table[1]), kind)
    else:
        text, text_end, unread = read_section_text(body, end, stop, kind)
        attendance.unread += [(kind, line) for line in unread]
        _parse_list(text, kind, attendance)
        attendance.quote((start, max(end, text_end)), kind)
