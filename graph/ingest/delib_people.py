"""Who sat: the lists of present, excused, absent members and proxies.

Lists are comma-separated full names with irregular spacing and doubled commas, names wrapped over two lines,
compound and particle names, proxies with or without their holder, and empty sections (DATA-FORMATS.md
pitfall 24); the names themselves are :mod:`graph.ingest.delib_names`'s. A section ends at the next section
heading or at the first line that does not read as names. The counts the text states (in office, present,
proxies, votes) and the convocation's date are :mod:`graph.ingest.delib_counts`'s; the chair and the secretary
are :mod:`graph.ingest.delib_officers`'s, which :func:`parse_attendance` imports when it runs since it reads their
names with this module's helpers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from graph.ingest.delib_counts import parse_counts
from graph.ingest.delib_names import Person, in_capitals, parse_person, surname_only, titled_surname
from graph.ingest.french import compile_cue, fold


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
    count_at: dict[str, int] = field(default_factory=dict)  # where each count is stated
    unread: list[tuple[str, str]] = field(default_factory=list)  # (list, line) of lines that named no one
    #: (list, office, proxy's holder) of the members a list names by their office ("M. le Maire à Mme X") whom the
    #: text names nowhere else
    by_office: list[tuple[str, str, Person | None]] = field(default_factory=list)
    #: how many of the present sit for a member, said beside their name ("M. Lucien ALBERT (suppléant de M. Jean
    #: ROUX)"): a stated count of the present may leave them out
    substitutes: int = 0

    def persons(self) -> list[Person]:
        """Every person named, once each, in reading order."""
        seen: dict[str, Person] = {}
        named = [self.chair, self.secretary, *self.present, *self.excused, *self.absent]
        named += [p for proxy in self.proxies for p in (proxy.giver, proxy.holder)]
        for person in named:
            if person is not None and person.key not in seen:
                seen[person.key] = person
        return list(seen.values())


#: What opens a proxy written with its giver after it: "pouvoir de M. X à Mme Y".
_GIVEN_BY = compile_cue(r"^\s*(?:pouvoir|procuration|délégation)\s+(?:de\s+vote\s+)?(?:de|donnée?\s+par)\s+", re.I)
#: What is left of a proxy whose giver the line before named: "pouvoir à Mme Y" after "Mme X a donné".
_HOLDER_ON_NEXT_LINE = compile_cue(r"(?:(?:a\s+)?donn[ée]\s+)?(?:pouvoir|procuration|délégation)(?:\s+de\s+vote)?",
                                   re.I)
#: What follows the "a" or "à" of a sentence, not a proxy's holder: a verb or a word in lower case ("Saint-Etienne
#: Métropole a soutenu l'association"); a holder named by an office ("à la Présidente", "à son collègue") is one.
_NOT_A_HOLDER = re.compile(r"\s*(?!(?:le|la|les|l['’]|son|sa|ses|leur)\b)[a-zà-ÿ]")
_PROXY_SPLIT = compile_cue(r"\s+(?:qui\s+)?(?:donne|a\s+donné|a\s+donne|donnant|ayant\s+donné)\s+"
                           r"(?:pouvoir|procuration|délégation)\s+"
                           r"(?:de\s+vote\s+)?à\s+"
                           r"|\s*\(\s*(?:pouvoir|procuration)\s+à\s+|\s+(?:représentée?\s+par|à|par|mandataire)\s+"
                           # "M. Didier GRANGE → Mme Karima HADJ": an arrow for the "à"
                           r"|\s*(?:→|⇒|->|=>)\s*",
                           re.I)

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
                r"(?:[^:\n]*(?:\n[^:\n]{0,80})?:|[ \t]*$)"),
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


#: A proxy written beside an absent member's name: "M. Luc ROUX (pouvoir à M. Jean DUPONT)", "Élisabeth X
#: (délégation de vote à Jean Y)".
_HELD_BY = compile_cue(r"\s*\(\s*(?:pouvoir|procuration|délégation(?:\s+de\s+vote)?|(?:a\s+)?donn[ée]\s+pouvoir)\s+à\s+"
                       r"(?P<holder>[^)]*)\)?[\s.]*$", re.I)


#: A proxy written as an item of its own after the absent member's name: "M. Jean BERRY, pouvoir à M. Paul DURAND".
_HELD_BY_ITEM = compile_cue(r"\s*(?:(?:(?:qui\s+a\s+|ayant\s+|a\s+)?donn[ée]\s+)?(?:pouvoir|procuration)\s+à"
                            r"|représentée?s?\s+par)\s+"
                            r"(?P<holder>[^()]+?)[\s.]*", re.I)


#: What a list says of a member after the name, in brackets: a role ("(Maire)", "(PRÉSIDENT)"), a group ("(élus)"),
#: when they came ("(arrivé au point 4)").
_ASIDE = re.compile(r"\s*\([^()]*\)\s*$")
#: An aside that the line's end cut: "Mme Fatou DIALLO (représentante des" / "locataires CLCV), …".
_CUT_ASIDE = re.compile(r"\s*\([^()]*$")
#: A member's other family name after their own, by marriage or birth: "Mme Anne MARTIN épouse DURAND", "née X",
#: "veuve X" (the member is "Anne MARTIN").
_MARRIED_NAME = re.compile(r"\s+(?:épouse|ép\.|née|veuve|vve)\s+[A-ZÀ-Ý][\w'’ -]*$")
#: An aside, or an item of its own after the name ("M. Philippe GAUTRON, maire"), that says who chairs.
#: A member's office after the name, an item of its own in a list of the present: "1re adjointe", "2e adjoint",
#: "adjointe aux finances", "conseillère déléguée", "vice-président".
_ROLE_ITEM = compile_cue(r"\s*(?:\d{1,2}\s*(?:er|re|ère|e|ème)\s+|premier\s+|première\s+)?(?:maire|adjointe?|"
                         r"vice-présidente?|présidente?|conseill(?:er|ère)(?:\s+municipale?|\s+communautaire)?"
                         r"(?:\s+délégu[ée]e?)?|délégu[ée]e?)"
                         r"(?:\s+(?:à|au|aux|de|du|des|en|chargée?)\b[^,;:\n]{0,60})?\s*", re.I)
_CHAIR_ROLE = compile_cue(r"\s*(?:(?:le|la)\s+)?(?:maire|présidente?)(?:\s+de\s+séance)?\s*", re.I)


def _without_asides(item: str) -> str:
    item = _MARRIED_NAME.sub("", _CUT_ASIDE.sub("", item))
    while (aside := _ASIDE.search(item)) is not None and not _HELD_BY.match(item, aside.start()):
        item = item[:aside.start()]
    return item


#: What separates two members of a list: a comma, a semicolon, a spaced dash ("Mmes CAULE – GRANDGIRARD – Mrs
#: PLANTIER", "ROQUERE P. -- CHABBERT R", a long dash after an initial's dot: "SABARTHES G.– PETHERBRIDGE S.") that
#: no proxy follows ("M. X – pouvoir à M. Y" gives the proxy of the member before it), or the bracket that closes
#: what a list says of a member before the next one's name ("Martine X (pouvoir à S. Y) André Z (pouvoir à A W)").
_ITEM_SEPARATOR = re.compile(r"[,;]|(?:[ \t]+(?:[–—]|--?)|(?<=\.)[–—])[ \t]+"
                             r"(?!(?:a\s+)?(?:donn|pouvoir|procuration|représent))"
                             r"|(?<=\))[ \t]+(?=[A-ZÀ-Ý])", re.I)


def _items(text: str, maxsplit: int = 0) -> list[str]:
    """The items of a list's text, split at each :data:`_ITEM_SEPARATOR` outside brackets: what a list says of a
    member may hold a comma ("Mme Agnès CROS (suppléante de M. Yves BALAY, La Grand-Croix), M. Hervé DUMAS" is two
    items). Where the brackets do not pair up (an aside that a line's end cut), every separator splits.

    >>> _items("Mme A CROS (suppléante de M. Y BALAY, Lorette), M. H DUMAS")
    ['Mme A CROS (suppléante de M. Y BALAY, Lorette)', ' M. H DUMAS']
    """
    if "(" not in text or text.count("(") != text.count(")"):
        return _ITEM_SEPARATOR.split(text, maxsplit=maxsplit)
    items, start = [], 0
    for separator in _ITEM_SEPARATOR.finditer(text):
        if text.count("(", 0, separator.start()) != text.count(")", 0, separator.start()):
            continue  # within brackets
        items.append(text[start:separator.start()])
        start = separator.end()
        if len(items) == maxsplit:
            break
    return [*items, text[start:]]


def _first_item(text: str, kind: str) -> str:
    """The first name of a list: a proxy's giver is its first name ("M. ODIN à M. CHAMBON", "M. ODIN (pouvoir à
    M. CHAMBON)")."""
    first = _HELD_BY.sub("", _items(_unbulleted(text), maxsplit=1)[0]).strip()
    if kind == "proxies":
        first = _PROXY_SPLIT.split(first, maxsplit=1)[0].strip()
    return _without_asides(first)


def _is_capitals(text: str, kind: str) -> bool:
    """Whether a list is written all in capitals (its first item opening with a civility): its names are then read
    by :func:`in_capitals`."""
    return not re.search(r"[a-zà-ÿ]", text) and in_capitals(_first_item(text, kind)) is not None


def _names_line(line: str, kind: str, bare: bool = False, capitals: bool = False, cut: bool = False) -> bool:
    """Whether ``line`` continues a list of names; ``bare``: the list gives family names alone; ``capitals``: it is
    written in capitals; ``cut``: the line before ended with a hyphen, the line's first word ends a name."""
    raw = [i for i in _items(_unbulleted(line)) if i.strip(" .")]
    # an item that is only the proxy of the name that ended the line before ("M. Rémi X" / "(pouvoir à Mme Y), …")
    items = [item for item in (_without_asides(_HELD_BY.sub("", i).rstrip(" .")) for i in raw) if item.strip(" .")]
    if cut and items and (family := re.match(r"\s*(?:[A-ZÀ-Ý][A-ZÀ-Ý'’-]*[A-ZÀ-Ý]|" + _GIVEN + r")\.?(?:\s+et\s+|\s*$)",
                                             items[0])):
        # the family name that ends the name the line before cut, alone or before the last member ("… M. Julien" /
        # "ROUQUETTE et Mme Sylvie X.", "… et M. Thierry" / "POIRIER-GAUTIER."), or the given name after the family
        # name of a list written family name first ("…, PERRIN" / "Sylvie, VIALLON Marc")
        rest = items[0][family.end():]
        items = ([rest] if rest.strip(" .") else []) + items[1:]
        if not items:
            return True
    elif cut and len(items) > 1:
        items = items[1:]
    if kind != "proxies":  # "Mme Odile X et M. Rémi Y": two members
        items = [part for item in items for part in _split_and(item, kind, bare, capitals)]
    if not items:
        return bool(raw) and _HELD_BY.match(raw[0]) is not None
    # a proxy's line: a proxy given by a member, or the rest of one that the line before cut ("Mme X a donné" /
    # "pouvoir à Mme Y") — not any line with an "à" ("Rapporteure : Mme X, déléguée à la santé")
    if kind == "proxies":
        for k, item in enumerate(raw):
            parts = _PROXY_SPLIT.split(_GIVEN_BY.sub("", item), maxsplit=1)
            giver = _without_asides(parts[0]).strip(" .)")
            if len(parts) > 1 and not _NOT_A_HOLDER.match(parts[1]) and (
                    (not giver and k == 0) or _HOLDER_ON_NEXT_LINE.fullmatch(giver)
                    or _listed(giver, bare, capitals) is not None or _BY_TITLE.fullmatch(giver)):
                return True
    elif kind != "present" and any(_given_to(item, bare, capitals) for item in raw):
        return True  # an absent member and their proxy's holder: "M. Luc X par M. Paul Y"
    # an item of its own that says who chairs ("M. Bernard X, Maire ; …") is part of the list too
    good = sum(_listed(i, bare, capitals) is not None or i.strip().endswith("-")
               or _BY_TITLE.fullmatch(_PROXY_SPLIT.split(i, maxsplit=1)[0].strip()) is not None
               or (kind == "present" and (_CHAIR_ROLE.fullmatch(i) or _ROLE_ITEM.fullmatch(i)) is not None)
               or _holder_item(i, bare, capitals) for i in items)
    last = items[-1].split()
    dangling = (len(last) == 1 and re.fullmatch(r"[A-ZÀ-Ý][a-zà-ÿ'’-]+", last[0]) is not None
                or _GIVEN_NAME_LAST.search(items[-1].strip()) is not None)  # "Mme Annie" / "FAURIE" below
    return good >= max(1, len(items) - (1 if dangling else 0)) * 0.6


#: A member named by their office, not their name ("Excusés : M. le Maire, Mme Louisa HADDAD"): no person to list, but
#: no sign that the list has ended either.
_BY_TITLE = re.compile(r"(?:M\.|Mme|Monsieur|Madame)\s+(?:le|la)\s+[\w-]+", re.I)
_STARTS_WITH_CIVILITY = re.compile(r"(?:M\.|Mme|MM\.?|Mmes|Mlle|Mrs?\.?|Monsieur|Madame)\s", re.I)


def _holder_item(item: str, bare: bool, capitals: bool) -> bool:
    """Whether ``item`` gives the proxy of the member named before it: "pouvoir à M. Paul DURAND"."""
    held = _HELD_BY_ITEM.fullmatch(item)
    return held is not None and _listed(held.group("holder"), bare, capitals) is not None


def _unbulleted(line: str) -> str:
    """A line of a list without its bullet ("- M. Luc ROUX a donné procuration à …")."""
    return re.sub(r"^\s*[-–•*]\s+", "", line)


#: A line that ends on a civility and a given name, its family name on the next line ("…, Mme Annie" / "FAURIE, …"),
#: the last of a list ("… et M. Thierry" / "POIRIER.") or a proxy's holder ("M. X à Mme Annie" / "LECLERC.").
_GIVEN_NAME_LAST = re.compile(r"(?:^|[,;]\s*|\s(?:et|à|par)\s+)(?:M\.|Mme|Mlle|Monsieur|Madame)\s+"
                              r"[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)?$")


#: A given name: "Sylvie", "Anne-Marie".
_GIVEN = r"[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)?"
#: The same in a list without civilities, after a comma: "…, Élodie" / "REY, Thierry SOULIER" (a PDF's line wrap).
_GIVEN_NAME_ALONE_LAST = re.compile(r"[,;][ \t]*(?!(?:Mme|Mlle|MM|Mmes|Monsieur|Madame)\b)" + _GIVEN + r"$")
#: A family name alone after a comma at a line's end, in a list written family name first ("FAURE Gérard, …,
#: PERRIN" / "Sylvie, VIALLON Marc"): its given name on the next line.
_FAMILY_NAME_LAST = re.compile(r"[,;][ \t]*[A-ZÀ-Ý][A-ZÀ-Ý'’-]*[A-ZÀ-Ý]$")
_FAMILY_FIRST = re.compile(r"(?:^|[,;:][ \t]*)[A-ZÀ-Ý][A-ZÀ-Ý'’-]*[A-ZÀ-Ý][ \t]+" + _GIVEN + r"[ \t]*[,;]")


#: A line of names that ends the list with a full stop ("…, M. JACQUOT-RENAUD."), not with an initial or a
#: civility whose name follows ("…, M." / "DURAND").
_CLOSED = re.compile(r"(?<!\bM)(?<!\bMM)(?<!\bMme)(?<!\bMmes)(?<!\bMlle)(?<![\s.-][A-ZÀ-Ý])(?<!^[A-ZÀ-Ý])\.$")


#: The gap between two members that a list in columns sets on one line ("Mme Anne X (pouvoir à M. Y)        M. Marc
#: Z (pouvoir à Mme W)", "Paul DURAND          Léa MARTIN"): a tab or three spaces and more before a civility or a
#: capital, or a mere space between a family name in capitals and the next member's civility and given name, where
#: a PDF's copy closed the columns up ("Mme Isabelle DEXPERT Mme Danielle BARREYRE M. Patrick DUFAU"; not "M. MARC X
#: PAR M. LUC Y").
_COLUMN_GAP = re.compile(r"(?<=\S)(?:\t|[ \t]{3,})[ \t]*(?=(?:M\.|Mme|Mlle|MM\.|Mmes|Monsieur|Madame)\s)"
                         r"|(?<=[A-ZÀ-Ý]{2})(?<!\bPAR)(?<!\bET)[ \t]+(?=(?:M\.|Mme|Mlle|Monsieur|Madame)\s+"
                         r"[A-ZÀ-Ý][a-zà-ÿ])"
                         r"|(?<=[^\s,;])(?:\t|[ \t]{3,})[ \t]*(?=[A-ZÀ-Ý])")


#: Where a PDF's text closed up a row of names set in columns, given name first: a family name in capitals, a space,
#: then the next member's given name and family name ("Paul ABALAIN Marc ELLEOUET Alain HAMON").
_NEXT_MEMBER = re.compile(r"(?<=[A-ZÀ-Ý]{2})[ \t]+(?=[A-ZÀ-Ý][a-zà-ÿ'’]+(?:[ -][A-ZÀ-Ý][a-zà-ÿ'’]+)?[ \t]+[A-ZÀ-Ý]{2})")


def _closed_up(line: str, bare: bool, capitals: bool) -> str:
    """A row of names that a PDF's text closed up, with nothing between them, their commas given back, when each
    part reads as a member (:data:`_NEXT_MEMBER`).

    >>> _closed_up("Paul ABALAIN Marc ELLEOUET Alain HAMON", False, False)
    'Paul ABALAIN, Marc ELLEOUET, Alain HAMON'
    >>> _closed_up("Anne TERROT DONTENWILL", False, False)
    'Anne TERROT DONTENWILL'
    """
    if re.search(r"[,;()–—]", line):
        return line
    parts = _NEXT_MEMBER.split(line.strip())
    if len(parts) < 2 or any(_listed(part, bare, capitals) is None for part in parts):
        return line
    return ", ".join(parts)


def _section_text(body: str, start: int, stop: int, kind: str) -> tuple[str, int, list[str]]:
    """Return the joined names of a section, the offset where they end, and the lines of a list set one member a
    line that read as no name ("Pierre NICOLAs" between "Michèle BEAUDONNAT" and "Marie CHANTHAPANYA"): kept in the
    list, so that the members after them are not lost, for the reader to warn of. The members that a list in
    columns sets side by side on a line are its items."""
    first_line, *rest = body[start:stop].split("\n")
    all_lines = [first_line] + rest
    lines, end, pos, unread, bulleted, columned = [], start, start, [], [], []
    first = _COLUMN_GAP.sub(", ", next((line for line in all_lines if line.strip()), ""))
    bare, capitals = _bare_list(first, kind), _is_capitals(first.strip(), kind)
    gap = False  # a blank line since the last line of names
    for i, line in enumerate(all_lines):
        if line.strip():
            if gap and _CLOSED.search(lines[-1]):
                break  # a list closed by its full stop, then a blank line: a heading below is no name ("EXPOSÉ")
            gap = False
            cut = bool(lines) and (lines[-1].endswith("-") or _GIVEN_NAME_LAST.search(lines[-1]) is not None
                                   or _GIVEN_NAME_ALONE_LAST.search(lines[-1]) is not None
                                   or _FAMILY_NAME_LAST.search(lines[-1]) is not None
                                   and _FAMILY_FIRST.search(lines[-1]) is not None)
            # a line that an aside's bracket left open goes on with it: "(représentante des" / "locataires CLCV), …"
            in_aside = bool(lines) and _CUT_ASIDE.search(lines[-1]) is not None
            names = _closed_up(_COLUMN_GAP.sub(", ", line), bare, capitals)
            if not in_aside and not _names_line(names, kind, bare, capitals, cut=cut):
                following = next((later for later in all_lines[i + 1:] if later.strip()), "")
                if not (lines and _whole_item(lines[-1], kind, bare, capitals) and _LIKE_A_NAME.fullmatch(line.strip())
                        and _whole_item(following, kind, bare, capitals)):
                    break
                unread.append(line.strip())
            lines.append(_unbulleted(names).strip())
            bulleted.append(_unbulleted(line) != line)
            columned.append(names != line)
            end = pos + len(line)
        elif lines:
            gap = True
        pos += len(line) + 1
    joined, whole_before, row_before = "", False, False
    for line, bullet, row in zip(lines, bulleted, columned):
        whole = _whole_item(line, kind, bare, capitals) or line in unread
        if not joined or joined.endswith("-"):
            joined += line
        elif bullet:  # a bullet, or the dash between two members that the line before sent down ("… GARCIA B." / "-
            joined += ", " + line  # GUIRAUD G. – ORTEGA P.")
        elif whole and whole_before:  # one member a line, without civility: "Alain KELYOR" / "Christine MORIN"
            joined += ", " + line
        # a row of a list in columns ended on a whole member: "Paul DURAND          Léa MARTIN" / "Marc PIC …"
        elif row_before and _whole_item(_items(joined)[-1], kind, bare, capitals):
            joined += ", " + line
        # one name a line; not the holder of a proxy that the line before announced ("Mme X à" / "M. Y ; …")
        elif (_STARTS_WITH_CIVILITY.match(line) and not joined.endswith((",", ";"))
              and not re.search(r"\s(?:à|a|par)$", joined)):
            joined += ", " + line
        else:
            joined += " " + line
        whole_before, row_before = whole, row
    return joined, end, unread


#: A line that looks like a person's name though it reads as none: two to four words of letters, one of them in
#: capitals or each opening with one ("claude MOREL", "Pierre NICOLAs"), not all in capitals ("INVITÉES
#: PERMANENTES" heads another list).
_LIKE_A_NAME = re.compile(r"(?=.*\b[A-ZÀ-Ý]{2,}\b|(?:[A-ZÀ-Ý]\S*\s+)+[A-ZÀ-Ý]\S*$)(?=.*[a-zà-ÿ])"
                          r"[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){1,3}")


def _whole_item(line: str, kind: str, bare: bool, capitals: bool) -> bool:
    """Whether a line names one whole member with their given name ("Alain KELYOR"), or one whole proxy ("Françoise
    SMUDLA par Nathalie QUINION"): a line of a list set one member a line, not a name cut over two lines ("M. Jean" /
    "DUPONT", "M. Jean DUPONT" / "DE LA TOUR")."""
    def named(item: str) -> bool:
        person = _listed(_without_asides(item).strip(" .;,"), bare, capitals)
        return person is not None and bool(person.given)
    if kind == "proxies":
        parts = _PROXY_SPLIT.split(_GIVEN_BY.sub("", line.strip()), maxsplit=1)
        return len(parts) == 2 and named(parts[0]) and named(parts[1])
    return named(line)


def _listed(item: str, bare: bool, capitals: bool = False) -> Person | None:
    """The person an item of a list names; a family name alone counts in a ``bare`` list, and after a civility in
    any ("M. BAQUÉ" among "P. BANIEL, O. BELLEC"); a name in capitals in a list in ``capitals``; a name with its
    initials (:func:`with_initials`) in any list."""
    item = _MEMBERS_PLURAL.sub("MM. ", item)
    return (parse_person(item) or (in_capitals(item) if capitals else None)
            or (surname_only(item) if bare or _ONE_CIVILITY.match(item) else None) or with_initials(item)
            or titled_surname(item, bare))


#: One person's civility before a name: "M. BAQUÉ", "Mme COSTE" (not "MM." nor "Mmes", which open a list's part).
_ONE_CIVILITY = re.compile(r"\s*(?:M\.|Mme|Mlle|Mr\.?|Monsieur|Madame)\s+(?=[A-ZÀ-Ý])")


#: The civilities that open a list of members of both sexes: "MM. et Mmes R. PERRAD-GIROD, C. VUILLERMOZ, …".
_MEMBERS_PLURAL = re.compile(r"^\s*(?:(?:MM\.|Messieurs)\s+et\s+(?:Mmes|Mesdames)"
                             r"|(?:Mmes|Mesdames)\s+et\s+(?:MM\.|Messieurs))\s+")
#: A member named by the initials of the given names and the family name in capitals, after a civility or none:
#: "M. D. LAMY-CHAPPUIS", "M. J.-M. BEZ", "J-M. LEBRET", "É. PIARD-VUILLET"; or the family name first, as a
#: council of communities lists its delegates: "CAUQUIL R.", "BARTHES J.P.", "CHABBERT R".
#: Two initials without their dots ("MC MOUTTE" for Marie-Claude MOUTTE), not a family name's particle ("LE GALL").
_TWO_INITIALS = r"(?!(?:LE|LA|DE|DU|DA|DI|DO|EL|AL)\s)[A-ZÀ-Ý]{2}(?=\s)"
_FAMILY_IN_CAPITALS = r"(?P<family{n}>(?:[A-ZÀ-Ý][A-ZÀ-Ý'’-]+\s+)?[A-ZÀ-Ý][A-ZÀ-Ý'’-]*[A-ZÀ-Ý])"
_WITH_INITIALS = re.compile(r"(?P<civility>(?:M\.|Mme|Mlle|MM\.|Mmes|Monsieur|Madame)\s+)?"
                            r"(?:(?P<given>[A-ZÀ-Ý](?:\.|(?=-[A-ZÀ-Ý]\.))(?:[ -]?[A-ZÀ-Ý]\.)*|[A-ZÀ-Ý](?=\s)"
                            r"|" + _TWO_INITIALS + r")\s*"
                            + _FAMILY_IN_CAPITALS.format(n="") + "|" + _FAMILY_IN_CAPITALS.format(n="2")
                            + r"\s+(?P<given2>[A-ZÀ-Ý]\.(?:[ -]?[A-ZÀ-Ý]\.?)*|[A-ZÀ-Ý]))")


def with_initials(item: str) -> Person | None:
    """A member named by initials and a family name in capitals (:data:`_WITH_INITIALS`), the initials kept as the
    given name: the list gives no more. "M." alone before the name is its civility, not an initial.

    >>> with_initials("M. J.-M. BEZ"), with_initials("Mme N. MOREL-JEAN"), with_initials("M. Jean BEZ")
    (Person(given='J.-M.', family='BEZ'), Person(given='N.', family='MOREL-JEAN'), None)
    >>> with_initials("M. GIRAUD") is None, with_initials("A FERRARO"), with_initials("M FERRARO") is None
    (True, Person(given='A', family='FERRARO'), True)
    >>> with_initials("J-M. LEBRET"), with_initials("BARTHES J.P."), with_initials("LANET M.")
    (Person(given='J-M.', family='LEBRET'), Person(given='J.P.', family='BARTHES'), Person(given='M.', family='LANET'))
    >>> with_initials("MC MOUTTE"), with_initials("LE GALL")
    (Person(given='MC', family='MOUTTE'), None)
    """
    match = _WITH_INITIALS.fullmatch(item.strip(" ;:,").removesuffix("."))
    if match is None or not match["civility"] and match["given"] in ("M.", "M"):
        return None
    if match["given"]:
        return Person(match["given"], match["family"])
    # the list's full stop after the last one, or its separator, took the initial's dot: "CHABBERT R", "PUECH J.F"
    return Person(match["given2"].rstrip(".") + ".", match["family2"])


def _bare_list(first_line: str, kind: str) -> bool:
    """Whether a list gives family names alone: its first item is a civility and a name in capitals ("MM. CHAMBON",
    "MM. et Mmes LAHITÈTE, BARRÈRE") — a word in capitals alone ("DÉCIDE") opens no list —, or the civility of
    several and a name in small letters after its capital ("MM. Lebreton, Garnier, Mmes Le Bihan, Morvan")."""
    first = _MEMBERS_PLURAL.sub("MM. ", _first_item(first_line, kind))
    plural = _PLURAL_CIVILITY.match(first) is not None
    return bool(_STARTS_WITH_CIVILITY.match(first + " ") or plural) and (
        surname_only(first) is not None or plural and titled_surname(first, True) is not None)


#: The civility of several members, that opens a list of their family names: "MM. Lebreton, Garnier, …".
_PLURAL_CIVILITY = re.compile(r"(?:MM\.?|Mmes|Messieurs|Mesdames)\s")


def _split_and(item: str, kind: str, bare: bool, capitals: bool) -> list[str]:
    """``item`` split at each "et" that joins two members ("Mme Nadia X et M. Thierry Y", "Nadia X et Thierry Y"),
    or two proxies each with its holder ("M. A à Mme B et M. C à M. D"); kept whole when a part names no member."""
    parts = re.split(r"\s+et\s+", item.strip(" ."))
    if len(parts) < 2:
        return [item]
    for part in parts:
        if kind == "proxies":
            split = _PROXY_SPLIT.split(_GIVEN_BY.sub("", part), maxsplit=1)
            if len(split) < 2 or _listed(split[0].strip(" .)"), bare, capitals) is None:
                return [item]
        elif (held := _HELD_BY.search(part)) is not None:
            if _listed(part[:held.start()], bare, capitals) is None:
                return [item]
        elif _listed(_without_asides(part), bare, capitals) is None:
            return [item]
    return parts


def _parse_list(text: str, kind: str, attendance: Attendance) -> None:
    bare, capitals = _bare_list(text, kind), _is_capitals(text, kind)
    last = None
    for item in (part for item in _items(text) for part in _split_and(item, kind, bare, capitals)):
        item = item.strip(" .")
        if not item:
            continue
        if kind == "proxies":
            parts = _PROXY_SPLIT.split(_GIVEN_BY.sub("", item), maxsplit=1)
            giver = _listed(parts[0].strip(" .)"), bare, capitals)
            holder = _listed(parts[1].strip(" .)"), bare, capitals) if len(parts) > 1 else None
            if giver:
                add_proxy(attendance, giver, holder)
                last = giver
                continue
            if last is not None and (held := _HELD_BY_ITEM.fullmatch(item)) is not None:
                add_proxy(attendance, last, _listed(held.group("holder"), bare, capitals))  # "X, représentée par Y"
            elif _BY_TITLE.fullmatch(parts[0].strip(" .)")):
                attendance.by_office.append((kind, parts[0].strip(" .)"), holder))
        elif (held := _HELD_BY.search(item)) is not None:
            holder = _listed(held.group("holder"), bare, capitals)
            if (person := _listed(item[:held.start()], bare, capitals)) is not None:
                append_member(getattr(attendance, kind), person)
                add_proxy(attendance, person, holder)
            elif _BY_TITLE.fullmatch(office := item[:held.start()].strip(" .)")):
                attendance.by_office.append((kind, office, holder))
        elif (person := _listed(_without_asides(item), bare, capitals)) is not None:
            append_member(getattr(attendance, kind), person)
            attendance.substitutes += kind == "present" and _SITS_FOR.search(item) is not None
            last = person
            if (aside := _ASIDE.search(item)) is not None:
                _chair_by_role(attendance, person, aside.group(0).strip(" ()"))
            continue
        elif kind != "present" and (given := _given_to(item, bare, capitals)) is not None:
            append_member(getattr(attendance, kind), given[0])  # "Excusés représentés : M. Luc X par M. Paul Y"
            add_proxy(attendance, *given)
        elif last is not None and (held := _HELD_BY_ITEM.fullmatch(item)) is not None:
            add_proxy(attendance, last, _listed(held.group("holder"), bare, capitals))
        elif last is not None and kind == "present" and not _STARTS_WITH_CIVILITY.match(item + " "):
            _chair_by_role(attendance, last, item)
        elif _BY_TITLE.fullmatch((parts := _PROXY_SPLIT.split(item, maxsplit=1))[0].strip(" ()")):
            holder = _listed(parts[1].strip(" .)"), bare, capitals) if len(parts) > 1 else None
            attendance.by_office.append((kind, parts[0].strip(" ()"), holder))  # "M. le Maire par Mme Anne X"
        elif _STARTS_WITH_CIVILITY.match(item + " "):
            attendance.unread.append((kind, item.strip()))  # a member named in a way not read: said, not dropped
        last = None


#: The aside of a substitute who sits for a member: "(suppléant de M. Jean ROUX)", "(suppléante de Mme A)".
_SITS_FOR = re.compile(r"\(\s*suppléant(?:e)?\s+d[e'’]", re.I)


def _given_to(item: str, bare: bool, capitals: bool) -> tuple[Person, Person] | None:
    """The member an item of a list of the absent names and the member who holds their proxy, both named: "M. Luc X
    par M. Paul Y", "M. Luc X qui a donné pouvoir à M. Paul Y"."""
    parts = _PROXY_SPLIT.split(_GIVEN_BY.sub("", item.strip(" .")), maxsplit=1)
    if len(parts) < 2 or _NOT_A_HOLDER.match(parts[1]):
        return None
    giver, holder = _listed(parts[0].strip(" .)"), bare, capitals), _listed(parts[1].strip(" .)"), bare, capitals)
    return (giver, holder) if giver is not None and holder is not None else None


def append_member(members: list[Person], person: Person) -> None:
    """Add ``person`` to a list once, though a list may name them twice ("MM Alain KELYOR" / "Alain KELYOR")."""
    if person not in members:
        members.append(person)


def _chair_by_role(attendance: Attendance, person: Person, role: str) -> None:
    """``person`` chairs when the list says so beside the name ("(Maire)", ", président") and nothing else named
    the chair."""
    if attendance.chair is None and _CHAIR_ROLE.fullmatch(role):
        attendance.chair, attendance.chair_title = person, role.strip().capitalize()


def add_proxy(attendance: Attendance, giver: Person, holder: Person | None) -> None:
    """Record ``giver``'s proxy once, though a text may list it twice (beside the absent, then under "Pouvoirs")."""
    for proxy in attendance.proxies:
        if proxy.giver == giver:
            proxy.holder = proxy.holder or holder
            return
    attendance.proxies.append(Proxy(giver, holder))


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
    for item in (part for item in _items(names) for part in _split_and(item, "absent", False, False)):
        if (given := _given_to(item, False, False)) is not None:
            add_proxy(attendance, *given)
        elif (person := _listed(_without_asides(item.strip(" .")), False)) is not None:
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


#: A list given in brackets after its count: "Procurations : 4 (M. Paul X à Mme Isabelle Y, …)", "Absents : 2 (…)".
_COUNTED_LIST = re.compile(r"[ \t]*\d{1,3}[ \t]*\((?P<names>[^()]*(?:\([^()]*\)[^()]*)*)\)")


def parse_sections(body: str, attendance: Attendance) -> None:
    """Fill the present, excused, absent and proxy lists of ``attendance`` from the headed sections of ``body``."""
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


def _read_section(body: str, kind: str, at: tuple[int, int, int], attendance: Attendance) -> None:
    """Read the list of ``kind`` whose heading spans ``at``'s start and end, its names before ``at``'s stop: a list of
    the present that names who was not, a list in brackets after its count, or a list of names (after its count and a
    dash, on a line of counts)."""
    start, end, stop = at
    if (dash := _DASH_AFTER_NAMES.search(body, end, stop)) is not None:
        stop = dash.start()
    if (count := _COUNT_BEFORE_NAMES.match(body, end, stop)) is not None:
        end = count.end()
    if kind == "present" and (all_but := _ALL_BUT.match(body, end, stop)) is not None:
        _parse_all_but(all_but.group("names"), attendance)
        attendance.spans.append((start, all_but.end()))
    elif (counted := _COUNTED_LIST.match(body, end, stop)) is not None:  # "Procurations : 4 (M. A à Mme B, …)"
        _parse_list(" ".join(counted["names"].split()), kind, attendance)
        attendance.spans.append((start, counted.end()))
    else:
        text, text_end, unread = _section_text(body, end, stop, kind)
        attendance.unread += [(kind, line) for line in unread]
        _parse_list(text, kind, attendance)
        attendance.spans.append((start, max(end, text_end)))


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
        giver = _listed(match["giver"] or match["giver2"] or match["giver3"], False)
        holder = _listed(match["holder"] or match["holder2"] or match["holder3"], False)
        if giver is not None and holder is not None:
            add_proxy(attendance, giver, holder)
            attendance.spans.append(match.span())


def parse_attendance(body: str) -> Attendance:
    """Return everything ``body`` says about who attended the session.

    >>> a = parse_attendance("Présents : M. Paul DURAND, ,Mme Léa MARTIN-ROY\\nAbsents :\\nObjet : budget")
    >>> [p.label for p in a.present], a.absent
    (['Paul DURAND', 'Léa MARTIN-ROY'], [])
    """
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
        if re.fullmatch(_TWO_INITIALS, given + " "):
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
