"""The counts a deliberation states of its session's members — in office, present, proxies, votes — and the date
of the convocation.

Apart from :mod:`delib_people` because they are read from figures wherever the text sets them (after a label, before
one, in a table's row of figures under its row of labels, in a register's left margin), not from the lists of names:
a list's length is no count. :func:`header_row_counts` serves :mod:`delib_vote` too.

>>> from graph.ingest.delib_people import Attendance
>>> attendance = Attendance()
>>> parse_counts("En exercice : 23\\nPrésents : 19\\nVotants : 21", attendance)
>>> attendance.in_office, attendance.present_count, attendance.vote_count
(23, 19, 21)
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from graph.ingest.french import DATE_RE, MONTH_NAMES, date_from_match, fold
from graph.ingest.french_accents import accents_optional, compile_cue
from graph.ingest.french_numbers import SPELLED_COUNT, words_to_number

if TYPE_CHECKING:
    from graph.ingest.delib_people import Attendance


#: "Présents ou représentés : 49" counts the members present and those represented together: neither count alone.
_COUNTS = {
    # "Membres en exercice ayant voix délibérative : 14" (an EPCC's board), "Nombre de membres du Bureau : 12"
    # (the spaces before "en" only where no space precedes them: the same leftmost match, but in the long runs of
    # spaces of an item's text, where the other items are blanked, not one scan to the run's end at each of them)
    "in_office": r"(?:(?:membres|conseillers|élus)\s*|(?<!\s)\s*)en\s+(?:exercice|fonction)"
                 r"(?:\s+ayant\s+voix\s+délibérative)?"
                 # "Membres de l'assemblée générale ayant voix délibérative : 9" (a GIP's)
                 r"|membres\s+(?:du\s+conseil\s+d['’]administration|de\s+l['’]assemblée(?:\s+générale)?)"
                 r"(?:\s+ayant\s+voix\s+délibérative)?(?=\s*:)"
                 r"|Nombre\s+de\s+(?:membres|conseillers|délégués)(?:\s+titulaires)?"
                 r"(?:\s+(?:du|de\s+la|de\s+l['’])\s*(?:bureau|conseil|comité|commission|assemblée)(?:\s+\w+)?)?"
                 r"(?=\s*:)"
                 # "Nombre de membres composant le Conseil municipal : 29"
                 r"|(?:Nombre\s+de\s+)?(?:membres|conseillers|délégués)\s+composant\s+(?:le|la|l['’])\s*"
                 r"(?:bureau|conseil|comité|commission|assemblée)(?:\s+[\w'’]+)?(?=\s*:)"
                 # a GIP's or an établissement's board: "Membres ayant voix délibérative : 12"
                 r"|(?:membres|administrateurs)\s+ayant\s+voix\s+délibérative(?=\s*:)",
    # "Présents à l'ouverture de la séance : 26": the opening's, before a move's "(présents : 27 – votants : 32)"
    # "Présents à la séance : 26": the session's members present, the same count as "Présents : 26"
    # a session held by video: "Membres connectés (présents) : 12" (only as the count of the members present)
    "present_count": r"(?:Nombre\s+de\s+|membres\s+)?présents(?:\s+ou\s+suppléés"
                     r"|\s+(?:lors|au\s+moment)\s+du\s+vote|\s+à\s+l['’]ouverture(?:\s+de\s+la\s+séance)?"
                     r"|\s+à\s+la\s+séance"
                     r"|\s+en\s+début\s+de\s+séance)?"
                     r"|(?:Nombre\s+de\s+)?(?:membres\s+)?connectés\s*\(\s*présents\s*\)",
    # "Pouvoir : 1": the singular only before a colon ("donne pouvoir à …" counts nothing)
    # "Mandats : 9", "Représenté : 0": the singular, or a mandate, only before a colon
    "proxy_count": r"(?:Nombre\s+de\s+)?(?:pouvoirs|procurations|(?:pouvoir|procuration|mandats?)(?=[ \t]*:)"
                   r"|(?:membres\s+)?(?<!ou\s)(?<!et\s)(?:représentés|représentée?(?=[ \t]*:))"
                   r"|(?:absents|excusés)\s+(?:(?:et\s+)?(?:ayant|avaient|ont)\s+donné|avec)"
                   r"\s+(?:pouvoir|procuration)"
                   # "en exercice 34 ; présents 27 ; ayant donné pouvoir 4 ; votants 31": a figure right after it
                   r"|ayant\s+donné\s+(?:pouvoir|procuration)(?=[ \t]*:?[ \t]*\d))",
    "vote_count": r"(?:Nombre\s+de\s+)?(?:voix|votants|suffrages\s+exprimés)"
                  r"|qui\s+ont\s+pris\s+part\s+(?:au\s+vote|à\s+la\s+d[ée]lib[ée]ration)",
}
#: The members present and those represented together, who vote when no voters are stated: "Membres présents ou
#: représentés : 29 (présents : 22 ; procurations : 7)".
_PRESENT_OR_REPRESENTED = re.compile(r"(?:Nombre\s+de\s+)?(?:membres\s+)?pr[ée]sents\s+ou\s+repr[ée]sent[ée]s"
                                     r"\s*(?::|\((?=\d+\)))?\s*(\d+)\b", re.I)
#: The same counts written number first ("16 votants", "28 présents").
_COUNTED_FIRST = {"vote_count": r"votants|suffrages\s+exprimés",
                  # "Quorum : 71 conseillers en exercice", "33 conseillers en exercice, 25 présents"
                  "in_office": r"(?:membres|conseillers|élus|délégués)(?:\s+(?:municipaux|communautaires))?\s+en\s+"
                               r"exercice",
                  # "22 conseillers présents, 5 représentés"
                  "present_count": r"(?:(?:membres|conseillers|élus|délégués)\s+)?présents",
                  # "absents : 4 dont 2 ayant donné …", "présents ou représentés : 29 (23 présents, 6 procurations)"
                  "proxy_count": r"ayant\s+donné\s+(?:pouvoir|procuration)|procurations|pouvoirs|représentés"}


#: The members present out of those in office, in one phrase: "15 présents sur 19", "22 membres présents sur 29",
#: "Présents : 22 sur 29", "44 conseillers présents sur les 55 membres composant l'Assemblée".
_OUT_OF = re.compile(accents_optional(r"(?:\b(?P<present>\d+)[ \t]+(?:(?:membres|conseillers|élus|délégués)[ \t]+)?"
                                      r"présents|présents[ \t]*:[ \t]*(?P<present2>\d+))[ \t]+sur[ \t]+(?:les[ \t]+)?"
                                      r"(?P<of>\d+)\b"), re.I)
#: The counts' words with their accents optional ("presents : 12" in a register typed without accents), and their
#: patterns compiled once (making the accents optional at each text took a fifth of the attendance's reading).
_COUNT_WORDS = {name: accents_optional(words) for name, words in _COUNTS.items()}
#: The counts' words as a row of labels writes one (:func:`header_row_counts`), and as the left column of a page set
#: out in two writes them before their count (:func:`_in_the_margin`).
_COUNT_LABEL = {name: re.compile(words, re.I) for name, words in _COUNT_WORDS.items()}
_IN_THE_MARGIN = {name: re.compile(rf"(?:{words})\s*:\s*(\d+)\b", re.I) for name, words in _COUNT_WORDS.items()}
# A count spelled out after its label's colon, as a small commune's register may write it: "En exercice : dix-neuf",
# "Votants : vingt et un".
_COUNT_AFTER = {name: re.compile(rf"(?:{words})\s*(?:(?::|\||\((?=\d+\)))?\s*(\d+)\b|:[ \t]*({SPELLED_COUNT}))", re.I)
                for name, words in _COUNT_WORDS.items()}
# (a line end may part the figure from its words: "Avec 26" / "membres présents, le quorum est atteint" — not from
# a label of the next line: "… en exercice : 40" / "Présents ou représentés : 36")
_COUNT_BEFORE = {name: re.compile(rf"\b(\d+)(?:[ \t]+(?:{accents_optional(words)})\b(?![ \t]*:)"
                                  rf"|[ \t]*\n[ \t]*(?:{accents_optional(words)})\b(?![^\n]*:))", re.I)
                 for name, words in _COUNTED_FIRST.items()}


#: Counts that a sentence gives, in figures or spelled out, as a small commune's minutes write them: "Étaient présents
#: dix-sept conseillers, deux conseillers absents ayant donné pouvoir, le nombre de conseillers en exercice étant de
#: dix-neuf.", the members present "sur 22 en exercice", or "les 55 membres composant l'Assemblée". A spelled number
#: counts only before its members' noun: "tous deux présents" counts nobody.
_FIGURE = rf"(\d+|{SPELLED_COUNT})"
_MEMBERS = (r"(?:conseillers?|membres?|délégués?|élus?|administrateurs?)"
            r"(?:[ \t]+(?:municipaux|communautaires|métropolitains|départementaux|régionaux|titulaires))?")
_IN_A_SENTENCE = {name: re.compile(accents_optional(pattern), re.I) for name, pattern in {
    "in_office": rf"en\s+exercice\s+(?:étant\s+de|est\s+de|s['’]él[eè]v(?:e|ant)\s+à)\s+{_FIGURE}(?![\w-])"
                 # "Étaient présents : 17 conseillers départementaux sur 22 en exercice"
                 rf"|\bsur[ \t]+{_FIGURE}[ \t]+(?:{_MEMBERS}[ \t]+)?en[ \t]+exercice\b"
                 # "les 55 membres composant l'Assemblée": those who make up the body are those in office
                 rf"|\bles[ \t]+{_FIGURE}[ \t]+{_MEMBERS}[ \t]+(?:composant|qui[ \t]+composent)[ \t]+"
                 r"(?:l['’]|le\b|la\b)",
    "present_count": rf"\b(?:étaient|sont|étant)\s+présents?[ \t]*:?[ \t]*{_FIGURE}[ \t]+{_MEMBERS}\b"
                     rf"|(?<![\w-]){_FIGURE}[ \t]+{_MEMBERS}[ \t]+présents?\b(?![ \t]*:)",
    "proxy_count": rf"(?<![\w-]){_FIGURE}[ \t]+{_MEMBERS}[ \t]+(?:(?:absents?|excusés?)[ \t]+)?(?:ayant|avaient|ont)"
                   r"\s+donné\s+(?:pouvoir|procuration)",
}.items()}


def _figure(text: str) -> int | None:
    """A count written in figures or spelled out ("19", "dix-neuf")."""
    return int(text) if text.isdigit() else words_to_number(text)


#: A line of counts stated for the deliberation's vote, after members came or went: "Présents au moment du vote : 21
#: – Pouvoirs : 4 – Votants : 25", "Présents lors du vote : 49 – …", "Votants pour ce point : 29". They are the
#: session's only when the text states no others (:func:`parse_counts`); :mod:`delib_moves` gives them to the vote.
AT_THE_VOTE = compile_cue(r"(?P<what>présents|votants|pouvoirs|procurations)\s+(?:(?:au\s+moment|lors)\s+du\s+vote"
                          r"|(?:pour|sur|lors\s+de|à)\s+ce(?:tte)?\s+(?:point|dossier|rapport|question|affaire"
                          r"|délibération|vote))\s*:\s*(?P<v>\d+)\b(?P<more>[^\n]*)", re.I)
#: The members of the body that sits, a council's commission or bureau, stated beside the council's members in
#: office: "Conseillers régionaux en exercice : 204 – Membres de la Commission permanente : 68". A session's members
#: in office are its body's (mai:membersInOffice), the commission's here.
_SITTING_BODY = compile_cue(r"(?:Nombre\s+de\s+)?membres\s+(?:de\s+la\s+commission\s+permanente|du\s+bureau"
                            r"(?:\s+(?:communautaire|syndical|métropolitain))?)(?:\s+en\s+exercice)?\s*:\s*(\d+)\b",
                            re.I)


def parse_counts(body: str, attendance: Attendance) -> None:
    """Read the stated counts (in office, present, proxies, votes) and the convocation date: the session's, at its
    opening — those stated for the vote (:data:`AT_THE_VOTE`) only when the text states no others.

    >>> from graph.ingest.delib_people import Attendance
    >>> a = Attendance()
    >>> parse_counts("Présents (24) : …\\nPouvoirs (3) : …\\nPrésents au moment du vote : 21 – Votants : 25", a)
    >>> a.present_count, a.proxy_count, a.vote_count
    (24, 3, None)
    """
    from graph.ingest.delib_moves import counts_after_departures  # (it reads the moves, which read the counts)

    # the counts stated "au moment du vote", or below a member's departure: the vote's, not the opening's
    at_vote = [line.span() for line in [*AT_THE_VOTE.finditer(body), *counts_after_departures(body)]]
    read = len(attendance.spans)
    _read_counts(_blanked(body, at_vote), attendance)
    if at_vote and all(getattr(attendance, name) is None for name in ("present_count", "proxy_count", "vote_count")):
        attendance.unquote(read)
        _read_counts(body, attendance)
    if (sitting := _SITTING_BODY.search(body)) is not None and attendance.in_office != int(sitting.group(1)):
        attendance.in_office = int(sitting.group(1))
        attendance.count_at["in_office"] = sitting.start()
        attendance.quote(sitting.span(), "in_office")
    _read_convened(body, attendance)


def _blanked(body: str, spans: list[tuple[int, int]]) -> str:
    """``body`` with the text of ``spans`` turned to spaces, its offsets kept."""
    for start, end in spans:
        body = body[:start] + " " * (end - start) + body[end:]
    return body


def _read_counts(body: str, attendance: Attendance) -> None:
    """Read the stated counts (in office, present, proxies, votes)."""
    margin = _margin_column(body)
    headed = header_row_counts(body)
    for name in _COUNT_WORDS:
        # a row of labels over a row of figures first: "Votants\n   50   41" is no "Votants : 50"
        headed_count = next(((n, span) for label, n, span in headed if _COUNT_LABEL[name].fullmatch(label)), None)
        # "Présents : 14", "Présents (14)", a ruled box's "| En exercice | 11 |"
        match = None if headed_count else (
            _COUNT_AFTER[name].search(body) or (_COUNT_BEFORE[name].search(body) if name in _COUNT_BEFORE else None))
        if match:
            setattr(attendance, name, int(match.group(1)) if match.group(1) else words_to_number(match.group(2)))
            attendance.count_at[name] = match.start()
            attendance.quote(match.span(), name)
        elif found := headed_count or _in_the_margin(margin, _IN_THE_MARGIN[name]):
            setattr(attendance, name, found[0])
            attendance.count_at[name] = found[1][0]
            attendance.quote(found[1], name)
    for name, sentence in _IN_A_SENTENCE.items():
        if getattr(attendance, name) is not None or (match := sentence.search(body)) is None:
            continue
        if (count := _figure(next(group for group in match.groups() if group))) is not None:
            setattr(attendance, name, count)
            attendance.count_at[name] = match.start()
            attendance.quote(match.span(), name)
    if attendance.in_office is None and (out_of := _OUT_OF.search(body)) is not None:
        attendance.in_office = int(out_of["of"])
        attendance.count_at["in_office"] = out_of.start("of")
        stated = ["in_office"]
        if attendance.present_count is None:
            attendance.present_count = int(out_of["present"] or out_of["present2"])
            attendance.count_at["present_count"] = out_of.start()
            stated.append("present_count")
        attendance.quote(out_of.span(), *stated)
    if attendance.vote_count is None and (together := _PRESENT_OR_REPRESENTED.search(body)) is not None:
        attendance.vote_count = int(together.group(1))
        attendance.count_at["vote_count"] = together.start()
        attendance.quote(together.span(), "vote_count")


def _read_convened(body: str, attendance: Attendance) -> None:
    """Read the convocation's date."""
    match = _CONVENED.search(body)
    if match:
        # the date as a line end may cut it ("dûment convoqué le 5" / "septembre 2024"): its line ends read as spaces
        window = body[match.end():match.end() + 40].replace("\n", " ")
        date, end = DATE_RE.match(window), None
        if date is None and (words := _DAY_IN_WORDS.match(body, match.end())) is not None:
            date, end = _date_in_words(words), words.end()
        if date:
            attendance.convened = date_from_match(date) or _before_the_session(date, body)
            attendance.quote((match.start(), end or match.end() + date.end()), "convened")


#: What dates the convocation: "convoqué le …", "convoqué par son Président le …", "Convocation : …", "Date de
#: convocation de la Commission permanente : …", "la convocation ayant été adressée aux conseillers le …", "sur la
#: convocation qui leur a été adressée le …", "après convocation légale du …", "convoqué par courriel du …", "sur
#: convocation de Monsieur le Président en date du …"; the misspelling "convoquation" too. A label may have its date
#: after "le": "Date de convocation : le …", or in the next cell of a table's row ("| Date de convocation | 13
#: novembre 2025 |").
_CONVENED = compile_cue(r"(?:convoqu[ée]e?s?(?:\s+par\s+(?:son|sa|le|la|M\.|Mme|Monsieur|Madame)\s[^,;.]{1,40}?)?\s+le"
                        r"|convoqu[ée]e?s?\s+par\s+(?:courriel|courrier(?:\s+[ée]lectronique)?|mail|e-mail|voie\s+"
                        r"[ée]lectronique|lettre(?:\s+recommand[ée]e)?)\s+(?:du|en\s+date\s+du)"
                        r"|date\s+(?:de\s+(?:la\s+)?|d['’](?:envoi|exp[ée]dition)\s+de\s+(?:la\s+)?)convo(?:c|qu)ation"
                        r"(?:\s+et\s+d['’]affichage|\s+(?:de\s+la|du|des)\s+[^\n:|]{1,50})?(?:\s*:|[ \t]*\|)"
                        r"|(?:^|\n)[ \t]*(?:\|[ \t]*)?convo(?:c|qu)ation(?:\s*:|[ \t]*\|)"
                        r"|convo(?:c|qu)ation\s+(?:ayant\s+[ée]t[ée]\s+|qui\s+(?:leur|lui)\s+a\s+[ée]t[ée]\s+)?"
                        r"(?:adress[ée]e|envoy[ée]e)(?:\s+(?:aux?|à)\s+[^,;.]{1,40}?\s+le|\s+(?:le\s+)?)"
                        # "sur convocation de Monsieur le Président en date du vingt-six juin deux mille vingt-quatre",
                        # "sur convocation du Maire du 26 juin 2024" (before "convocation du …", which takes "Maire")
                        r"|convo(?:c|qu)ation\s+(?:de|du|par)\s+(?:(?:son|sa|le|la)\s+)?"
                        r"(?:M\.|Mme|Monsieur|Madame|Maire|Présidente?)(?![\w-])[^,;.\n]{0,40}?"
                        r"\s+(?:en\s+date\s+)?du\s+"
                        r"|convo(?:c|qu)ation\s+(?:l[ée]gale\s+)?(?:en\s+date\s+du|du)\s+(?:le\s+)?)"
                        r"\s*(?:le\s+)?", re.I)
#: The words of a number below a hundred: a day's, or a year's after "deux mille".
_NUMBER_WORDS = r"vingt|trente|quarante|cinquante|soixante|dix|onze|douze|treize|quatorze|quinze|seize|un|deux|trois" \
                r"|quatre|cinq|six|sept|huit|neuf|et"
#: A convocation's day and month in words, then its year in words or figures, or none when it is the session's:
#: "légalement convoqué le six décembre", "convocation adressée le vingt-deux novembre deux mille vingt-trois".
_DAY_IN_WORDS = re.compile(r"(?P<day>premier|(?:" + _NUMBER_WORDS + r"|[ -])+?)\s+(?P<month>" + "|".join(MONTH_NAMES)
                           + r"|fevrier|aout|decembre)\b(?:\s+(?P<year>\d{4}(?!\d)|deux[ -]+mil(?:le)?\b"
                           r"(?:[ -]+(?:" + _NUMBER_WORDS + r")\b)*))?", re.I)


def _date_in_words(words: re.Match) -> re.Match | None:
    """The date that :data:`_DAY_IN_WORDS` found, as :data:`DATE_RE` reads it in figures: its year the one written
    (a register spells it: "deux mille vingt-trois"), or none, left to the session's.

    >>> _date_in_words(_DAY_IN_WORDS.match("vingt-deux novembre deux mille vingt-trois.")).group(0)
    '22 novembre 2023'
    >>> _date_in_words(_DAY_IN_WORDS.match("six décembre, à vingt heures")).group(0)
    '6 décembre'
    """
    day = 1 if fold(words["day"]) == "premier" else words_to_number(words["day"])
    year = words["year"] and (int(words["year"]) if words["year"].isdigit() else words_to_number(words["year"]))
    return DATE_RE.fullmatch(f"{day} {words['month']}" + (f" {year}" if year else "")) if day else None


#: A line's columns as a PDF's text sets them out: a ruled table's cells, or text apart by three spaces or more.
_CELL_GAP = re.compile(r"[ \t]*\|[ \t]*|[ \t]{3,}")


def _cells(line: str) -> list[str]:
    return [cell for cell in _CELL_GAP.split(line.strip()) if cell]


#: The rule under a Markdown table's header: "|---|:---:|".
#: (Its spaces taken whole: shared every way between the rule's parts, they made a line indented deep quadratic.)
_MARKDOWN_RULE = re.compile(r"[ \t]*+\|?(?:[ \t]*+:?-{3,}:?[ \t]*+\|)+(?:[ \t]*+:?-{3,}:?[ \t]*+)?")


def header_row_counts(body: str) -> list[tuple[str, int, tuple[int, int]]]:
    """The counts that a table gives as a row of labels over a row of figures, each as (label, count, span of its
    row of figures).

    >>> header_row_counts("| En exercice | Présents | Pouvoirs |\\n| 50 | 41 | 5 |")
    [('En exercice', 50, (38, 53)), ('Présents', 41, (38, 53)), ('Pouvoirs', 5, (38, 53))]

    A Markdown table's rule between its two rows is no row:

    >>> header_row_counts("| Pour | Contre |\\n|---|---|\\n| 33 | 0 |")
    [('Pour', 33, (28, 38)), ('Contre', 0, (28, 38))]
    """
    return list(_header_row_counts(body))


# The attendance's counts and each of the vote's three counts look for such rows in the same text: read once (the
# 1,112 texts of the 100k-actor corpus, 3,476 reads: 0.56 s, against 0.19 s with each line's cells split once).
@lru_cache(maxsize=4)
def _header_row_counts(body: str) -> tuple[tuple[str, int, tuple[int, int]], ...]:
    counts = []
    lines = [(m.start(), m.group(0)) for m in re.finditer(r"^.*$", body, re.M)
             if not _MARKDOWN_RULE.fullmatch(m.group(0))]
    cells = [_cells(line) for _, line in lines]  # each line's, once: it is the figures' row, then the labels'
    for labels, figures, (at, figures_line) in zip(cells, cells[1:], lines[1:]):
        if (len(labels) >= 2 and len(labels) == len(figures) and all(f.isdigit() for f in figures)
                and not any(re.search(r"\d", label) for label in labels)):
            counts += [(label, int(f), (at, at + len(figures_line))) for label, f in zip(labels, figures)]
    return tuple(counts)


#: A line's cell in the left column of a page set out in two (:func:`_margin_column`).
_MARGIN_CELL = re.compile(r"(?P<cell>\S(?:[^\n]*?\S)?)[ \t]{3,}\S")


def _margin_column(body: str) -> list[tuple[str, int]]:
    """The left column of a page set out in two (a register's counts beside its prose: "en exercice : 11
    réuni au nombre prescrit…"), as (text of the column's cell, its offset in ``body``), line by line."""
    column, at = [], 0
    for line in body.split("\n"):
        cell = _MARGIN_CELL.match(line)
        column.append((cell["cell"], at) if cell else ("", at))
        at += len(line) + 1
    return column


def _in_the_margin(margin: list[tuple[str, int]], pattern: re.Pattern) -> tuple[int, tuple[int, int]] | None:
    """The count that the left column (:func:`_margin_column`) gives for a count's words, which ``pattern`` finds
    before the count (:data:`_IN_THE_MARGIN`), the words wrapped over its lines ("qui ont pris part / à la
    délibération : 10")."""
    text = "\n".join(cell for cell, _ in margin)
    match = pattern.search(text)
    if match is None:
        return None
    line = text.count("\n", 0, match.start(1))
    start = margin[line][1] + match.start(1) - (text.rfind("\n", 0, match.start(1)) + 1)
    return int(match.group(1)), (start, start + len(match.group(1)))


def _before_the_session(date: re.Match, body: str) -> dt.date | None:
    """A convocation's date written without its year ("dûment convoqué le 4 juin"): the last such day before the
    session."""
    from graph.ingest.delib_session import find_session_date

    session = find_session_date(body)
    if session is None:
        return None
    convened = date_from_match(date, session.year)
    return date_from_match(date, session.year - 1) if convened is not None and convened > session else convened
