"""The text of a deliberation: PDF text layer or Markdown made plain, prefecture stamps taken out of the flow.

A PDF page is read with pdfplumber: ruled tables become ``| cell | cell |`` lines at their place, a margin column
(Montpellier's "Extrait du registre…" sidebar) is read apart from the body, and a stamp drawn as a table is read
apart too. Stamps that land inside the text flow (mid-sentence, mid-table: DATA-FORMATS.md pitfall 22) are cut out
with the regexes of :data:`STAMP_PATTERNS`; their data (ACTES id, dates, platform) is kept in a :class:`Stamp` and
their text is appended after the body under :data:`STAMP_HEADING`, so that evidence can still quote them.

>>> doc = normalise_text("La Ville attribue une\\nReçu en préfecture le 02/06/2023\\nsubvention de 500 €.")
>>> doc.body
'La Ville attribue une\\nsubvention de 500 €.'
>>> doc.stamp.received
datetime.date(2023, 6, 2)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import io
import logging
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator

from graph.ingest.base import InputError
from graph.ingest.delib_prose_columns import unfold_prose_columns
from graph.ingest.delib_running_heads import drop_running_heads
from graph.ingest.french import MONTHS, first_date, fold

#: The line that separates the body from the stamps' text in the normalised text.
STAMP_HEADING = "[Tampon de la préfecture]"

_DATE = (r"(?P<date>(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
         r"(?:\d{1,2}(?:er)?\s+[a-zéû]+\.?\s+\d{4})|\d{1,2}/\d{1,2}/\n?\d{4}"
         # "Réception par le Préfet : 20-05-2024", "après dépôt en Préfecture le 20.05.2024"
         r"|\d{1,2}-\d{1,2}-\d{4}|\d{1,2}\.\d{1,2}\.\d{4})")
#: An ACTES id; a narrow stamp may wrap it after one of its hyphens ("…-20240627-\nDEL2024_112-DE") or underscores
#: ("…-2025_\n090-DE"). Corsica's départements are "02A" and "02B", which a text may print "2A" and "2B".
_ACTES = (r"(?:\d{2}_[A-Z]{2}-\n?)?(?:\d\s?\d{2}|0?2[AB])-\n?\d{9}-\n?\d{8}-\n?"
          r"(?:[A-Za-z0-9]|[-_]\n?)+?(?<!-)(?<![-_]\n)(?:-\n?(?:DE|AR|AI|CC|BF|AU))?(?=[\s.,;)]|$)")


#: A prefecture or a sub-prefecture, and the place it is of ("préfecture de Meurthe-et-Moselle"); or both, for an act
#: sent to each: "sous-préfecture de Bellac / préfecture de la Haute-Vienne".
_PLACE = r"(?:\s+(?:de\s+(?:la\s+|l['’])?|du\s+|des\s+|d['’])[A-ZÉ][\w'’-]*)?"
_PREFECTURE = (r"(?:sous[- ]?)?pr[ée]fecture" + _PLACE
               + r"(?:\s*(?:/|ou|et)\s*(?:(?:en|[àa]\s+la)\s+)?(?:sous[- ]?)?pr[ée]fecture" + _PLACE + ")?")


def _loose(word: str) -> str:
    """A pattern matching ``word`` even when the PDF split it with one stray space ("Ac te", "E nvoi")."""
    return r"\s?".join(re.escape(c) if c != " " else r"\s+" for c in word)


#: Stamp fragments: (what the fragment tells, pattern). Dates are in the ``date`` group. A narrow stamp, or one
#: printed along the margin, may wrap its wording anywhere: words are apart by any white space, line breaks too.
STAMP_PATTERNS = [
    # "Accusé de réception préfecture : 067-…-DE du 27/09/2024": the id and the day of its receipt
    ("received", re.compile(_loose("Accusé de réception") + r"\s+(?:en\s+|de\s+la\s+)?pr[ée]fecture\s*:?\s*"
                            r"(?P<actes>" + _ACTES + r")\s+(?:du|le)\s+" + _DATE, re.I)),
    # "Accusé de réception en préfecture le 12/12/2024 : 095-…-DE", "Accusé réception Préfecture : 29/11/2024"
    ("received", re.compile(r"Accus[ée]\s+(?:de\s+)?r[ée]ception\s+(?:en\s+|de\s+la\s+)?pr[ée]fecture\s*"
                            r"(?::|le|du)\s*" + _DATE + r"(?:\s*:\s*(?P<actes>" + _ACTES + "))?", re.I)),
    ("marker", re.compile(_loose("Accusé de réception") + r"\s*[–-]\s*Minist[èe]re de l['’]int[ée]rieur", re.I)),
    ("marker", re.compile(_loose("Accusé de réception en préfecture"), re.I)),
    ("marker", re.compile(_loose("Acte Certifié exécutoire"), re.I)),
    ("marker", re.compile(r"Certifi[ée]e?\s+ex[ée]cutoire(?=\s*[–-]\s*(?:re[çc]u|r[ée]ception)\b)", re.I)),
    ("received", re.compile(r"RE[CÇ]U\s+EN\s+PR[EÉ]FECTURE\s+Le\s+" + _DATE, re.I)),
    ("platform", re.compile(r"^VIA\s+(?P<value>[^\n]+?)[ \t]*$", re.M)),
    ("sent", re.compile(_loose("Envoi Préfecture") + r"\s*:\s*" + _DATE, re.I)),
    ("received", re.compile(r"(?:Date\s+de\s+)?" + _loose("Réception en Préfecture") + r"\s*:\s*" + _DATE, re.I)),
    # "Date de transmission au contrôle de légalité : 15 mai 2025"
    ("sent", re.compile(r"Date\s+de\s+(?:t[ée]l[ée]transmission(?:\s+en\s+(?:sous[- ]?)?pr[ée]fecture)?|(?:t[ée]l[ée])?"
                        r"transmission\s+(?:au\s+contr[ôo]le\s+de\s+l[ée]galit[ée]|en\s+(?:sous[- ]?)?pr[ée]fecture"
                        r"|au\s+repr[ée]sentant\s+de\s+l['’][ÉE]tat))\s*:\s*" + _DATE, re.I)),
    # "Date d'envoi en préfecture : 26/11/2024"
    ("sent", re.compile(r"Date\s+d['’]envoi\s+(?:en\s+|[àa]\s+la\s+)(?:sous[- ]?)?pr[ée]fecture\s*:\s*" + _DATE, re.I)),
    # "Date de dépôt en préfecture : 14/02/2025": an act deposited at the prefecture is received there on the spot
    # "Date de réception en préfecture de Meurthe-et-Moselle : 1er juin 2025"
    ("received", re.compile(r"Date\s+de\s+(?:r[ée]ception|d[ée]p[ôo]t)\s+(?:en\s+|[àa]\s+la\s+)?"
                            + _PREFECTURE + r"\s*:\s*" + _DATE, re.I)),
    ("sent", re.compile(r"(?:Envoy[ée]\s+en\s+pr[ée]fecture|T[ée]l[ée]transmise?s?)\s+le\s*:?\s*" + _DATE, re.I)),
    # "Transmis en préfecture le …", "Transmise au représentant de l'État le …", "après dépôt en préfecture le …",
    # "Télétransmis en préfecture le …", "Transmis en sous-préfecture de Riom le …", "Transmis à la sous-préfecture
    # de Vesoul le …", "Transmis en préfecture de la Meuse le …", "Transmis en sous-préfecture de Bellac /
    # préfecture de la Haute-Vienne le …"; in New Caledonia, French Polynesia and Wallis and
    # Futuna the State's representative who holds the legality control is the haut-commissaire, or in a province
    # the commissaire délégué de la République: "Transmise au commissaire délégué de la République le …"
    ("sent", re.compile(r"(?:(?:T[ée]l[ée])?transmise?s?|d[ée]p[ôo]t|transmission)\s+(?:(?:en|[àa]\s+la)\s+"
                        + _PREFECTURE + r"|au\s+repr[ée]sentant\s+"
                        r"de\s+l['’][ÉE]tat|au\s+contr[ôo]le\s+de\s+l[ée]galit[ée]|au\s+haut-commissariat"
                        r"|au\s+(?:haut-)?commissaire\s+(?:d[ée]l[ée]gu[ée]\s+)?de\s+la\s+R[ée]publique"
                        # "Délibération transmise au Préfet de la région Occitanie le 20 mai 2025"
                        r"|au\s+(?:sous-)?pr[ée]fet(?:\s+(?:de\s+(?:la\s+|l['’])?|du\s+|des\s+|d['’])(?:r[ée]gion\s+)?"
                        r"[A-ZÉ][\w'’-]*)?)"
                        r"\s+le\s*:?\s*" + _DATE, re.I)),
    # "Reçu en Sous-Préfecture de Vierzon le …", "Reçu au contrôle de légalité le : vendredi 20 septembre 2024",
    # "Reçu à la Préfecture de la Guadeloupe le …", "Acte reçu par la préfecture le …", "Reçu en Préfecture des
    # Deux-Sèvres le …", "Réception par le représentant de l'État le …", "… des présentes délibérations, reçues en
    # préfecture le …"
    ("received", re.compile(r"(?:Acte\s+)?(?:Re[çc]ue?s?|R[ée]ception)\s+(?:(?:en|[àa]\s+la|par\s+la)\s+"
                            r"(?:sous[- ]?)?pr[ée]fecture"
                            r"(?:\s+(?:de\s+(?:la\s+|l['’])?|du\s+|des\s+|d['’])[A-ZÉ][\w'’-]*)?"
                            r"|au\s+contr[ôo]le\s+de\s+l[ée]galit[ée]|par\s+le\s+repr[ée]sentant\s+de\s+l['’][ÉE]tat)"
                            r"\s+le\s*:?\s*" + _DATE, re.I)),
    # "AR Préfecture du 20/05/2024": the acknowledgement of receipt's initials
    ("received", re.compile(r"\b(?-i:AR)\s+(?:de\s+la\s+|en\s+)?" + _PREFECTURE + r"\s+(?:du|le)\s*:?\s*" + _DATE,
                            re.I)),
    # "Réception par le préfet : 05/02/2025", "réception par le préfet le 05/02/2025"
    ("received", re.compile(r"R[ée]ception\s+par\s+le\s+pr[ée]fet\s*(?::|\ble\b\s*:?)\s*" + _DATE, re.I)),
    # "Affichée au siège de l'EPCC le 3 avril 2025", "Affiché en mairie d'arrondissement le 16 mai 2025"
    ("published", re.compile(r"Affich[ée]e?\s+(?:(?:au\s+siège|en\s+mairie|[àa]\s+la\s+mairie)"
                             r"(?:\s+(?:de\s+l['’]|de\s+la\s+|du\s+|des\s+|de\s+)?[\w'’ -]{2,40}?)?\s+)?"
                             r"le\s*:?\s*(?:" + _DATE + ")?", re.I)),
    ("published", re.compile(r"Date\s+de\s+mise\s+en\s+ligne\s*:\s*" + _DATE, re.I)),
    # "Publié au Journal officiel de Saint-Barthélemy le 03/02/2025": a collectivité's official journal
    ("published", re.compile(r"Publi[ée]e?\s+au\s+Journal\s+officiel\b[^\n]{0,60}?\s+le\s*:?\s*" + _DATE, re.I)),
    ("actes", re.compile(r"(?:\bID\s*:\s*)?(?P<value>" + _ACTES + ")")),
    # Last: these are the stamp's only on a line, or below one, that held another of its fragments.
    # "Date de réception de l'accusé de réception : 09/10/2025" (S²LOW's header block, below the act's id)
    ("received beside a stamp", re.compile(r"\b(?:Re[çc]u\s+le|Date\s+de\s+r[ée]ception"
                                           r"(?:\s+de\s+l['’]accus[ée]\s+de\s+r[ée]ception)?)\s*:?\s*" + _DATE, re.I)),
    # A transmission platform's header block of "label : value" lines, "Date de réception : 03/10/2025" just above
    # "Identifiant : 064-…-DE" (iXBus): the line below holds the stamp's fragment
    ("received above a stamp", re.compile(r"^Date\s+de\s+r[ée]ception\s*:\s*" + _DATE + r"[ \t]*$", re.I | re.M)),
    ("published beside a stamp", re.compile(r"\b(?:Publi[ée]e?|Mise?\s+en\s+ligne)\s+le\s*:?\s*" + _DATE, re.I)),
]


@dataclass
class Stamp:
    """What the prefecture stamps say: ACTES id as printed, dates, platform, and their text."""

    actes_raw: str | None = None
    sent: dt.date | None = None
    received: dt.date | None = None
    published: dt.date | None = None
    platform: str | None = None
    quotes: list[str] = field(default_factory=list)


@dataclass
class Document:
    """The normalised text of a deliberation: ``text[:len(body)]`` is the body, the stamps' text follows."""

    text: str
    body: str
    stamp: Stamp
    #: What the reader doubted while normalising the text, as (French, English) warnings.
    doubts: list[tuple[str, str]] = field(default_factory=list)

    @property
    def stamp_start(self) -> int:
        """Offset of the stamps' text in :attr:`text` (its end when there is no stamp)."""
        index = self.text.find(STAMP_HEADING, len(self.body))
        return index + len(STAMP_HEADING) + 1 if index >= 0 else len(self.text)


def _date(text: str) -> dt.date | None:
    # A narrow stamp may wrap a date after its month: "03/10/" / "2025", "20 septembre" / "2024".
    return first_date(re.sub(r"\s+", " ", re.sub(r"/\n", "/", text)))


def _record(stamp: Stamp, what: str, match: re.Match) -> None:
    groups = match.groupdict()
    if groups.get("actes"):
        stamp.actes_raw = stamp.actes_raw or re.sub(r"\s", "", groups["actes"])
    if what == "actes":
        stamp.actes_raw = stamp.actes_raw or re.sub(r"\s", "", groups["value"])
    elif what == "platform":
        stamp.platform = stamp.platform or groups["value"].strip()
    elif what.startswith(("sent", "received", "published")) and groups.get("date"):
        what = what.split()[0]
        if getattr(stamp, what) is None:
            setattr(stamp, what, _date(groups["date"]))
    quote = re.sub(r"-\n", "-", match.group(0)) if what == "actes" else match.group(0)
    stamp.quotes.append(re.sub(r"\s+", " ", quote).strip())


def _line_and_previous(text: str, at: int) -> str:
    """The line of ``text`` around offset ``at`` and the line before it: a "Reçu le …" or a "Publié le …" there is
    the stamp's only when another fragment of the stamp was cut from them."""
    line_start = text.rfind("\n", 0, at)
    start = text.rfind("\n", 0, line_start) + 1 if line_start > 0 else 0
    end = text.find("\n", at)
    return text[start:end if end >= 0 else len(text)]


def _line_and_next(text: str, at: int) -> str:
    """The line of ``text`` around offset ``at`` and the line after it."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    following = text.find("\n", end + 1) if end >= 0 else -1
    return text[start:] if end < 0 or following < 0 else text[start:following]


def strip_stamps(text: str) -> tuple[str, Stamp]:
    """Cut stamp fragments out of ``text``; return the text left and the stamp's data.

    A line left empty by a cut (or with punctuation only) disappears, so that a sentence or table cut by a stamp
    joins up again.

    >>> body, stamp = strip_stamps("M. A donne pouvoir\\n034-213401722-20140522-0000072187-DE\\nà M. B")
    >>> body, stamp.actes_raw
    ('M. A donne pouvoir\\nà M. B', '034-213401722-20140522-0000072187-DE')
    >>> strip_stamps("Accusé de réception en préfecture\\n039-200045128-20240627-\\nDEL2024_112-\\nDE")[1].actes_raw
    '039-200045128-20240627-DEL2024_112-DE'
    """
    stamp = Stamp()
    marked = text
    for what, pattern in STAMP_PATTERNS:
        if what == "platform" and not stamp.received:
            continue  # "VIA …" is a stamp line only next to "REÇU EN PRÉFECTURE"
        matches = [m for m in pattern.finditer(marked)
                   if not what.endswith("beside a stamp") or "\x00" in _line_and_previous(marked, m.start())
                   if not what.endswith("above a stamp") or "\x00" in _line_and_next(marked, m.start())]
        for match in matches:
            _record(stamp, what, match)
        for match in reversed(matches):  # cut out, as many NULs as it had characters: the lines stay in place
            cut = "\x00" * len(match.group(0).strip())
            marked = marked[:match.start()] + cut + marked[match.end():]
    lines = []
    for line in marked.split("\n"):
        if "\x00" in line:
            line = re.sub(r"[ \t]*\x00+[ \t]*", " ", line).strip()
            if not re.search(r"\w", line):  # nothing left, or the dashes that stood between the stamp's parts
                continue
        lines.append(line)
    return "\n".join(lines), stamp


#: A Markdown link or image: "[Accueil](/)", "![Logo](/logo.svg)".
_LINK = re.compile(r"(?P<image>!)?\[(?P<text>[^\]\n]*)\]\([^)\s]*\)")
#: A web page's navigation around the act it shows: a breadcrumb ("Vous êtes ici : [Accueil](/) › [Actes](/actes)
#: › …"), a bar of links ("[Mentions légales](/ml) · [Cookies](/c)", "[← Précédente](/p) | [Suivante →](/s)").
_BREADCRUMB = re.compile(r"\)\s*[›»>/]\s*\[")
_LINK_BAR_SEPARATORS = re.compile(r"[\s|·•›»:*_-]+")
#: A menu's item: a link alone in a list item.
_MENU_ITEM = re.compile(r"[ \t]*[*+-][ \t]+\[[^\]\n]*\]\([^)\s]*\)[ \t]*")


def _without_web_chrome(text: str) -> str:
    """``text`` without a web page's navigation (:data:`_BREADCRUMB`, bars of links, menus of three links or more) and
    its images, each link left as its text: a deliberation copied from the page that publishes it."""
    lines = text.split("\n")
    menu = [False] * len(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _MENU_ITEM.fullmatch(lines[j]):
            j += 1
        if j - i >= 3:
            menu[i:j] = [True] * (j - i)
        i = max(j, i + 1)
    kept = []
    for line, in_menu in zip(lines, menu):
        links = list(_LINK.finditer(line))
        if in_menu or links and (_BREADCRUMB.search(line) or all(m["image"] for m in links) and not _LINK.sub("", line)
                                 .strip() or len(links) >= 2 and len(_LINK_BAR_SEPARATORS.sub("", _LINK.sub("", line)))
                                 <= 12):
            continue
        kept.append(_LINK.sub(lambda m: "" if m["image"] else m["text"], line))
    return "\n".join(kept)


#: An HTML character reference, its semicolon written ("&nbsp;", "&eacute;", "&#8217;", "&#x2019;"): what a text
#: copied from a web page's source or exported by a content manager keeps of its accents, apostrophes and spaces.
_CHARACTER_REFERENCE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def html_characters(text: str) -> str:
    """``text`` with its HTML character references read as the characters they stand for; a reference without its
    semicolon is left as written ("R&D", "&copyright" stay).

    >>> html_characters("Subvention d&#8217;un montant de 20&nbsp;000 &euro; &agrave; l&rsquo;association R&D")
    'Subvention d’un montant de 20\xa0000 € à l’association R&D'
    """
    return _CHARACTER_REFERENCE.sub(lambda m: html.unescape(m.group(0)), text) if "&" in text else text


def markdown_to_plain(text: str) -> str:
    r"""Drop Markdown emphasis, heading marks, escapes and hard-break spaces, and a web page's navigation around the
    act (:func:`_without_web_chrome`); keep list dashes and table pipes.

    >>> markdown_to_plain("## **DELIBERATION N°1**  \n99\\_DE")
    'DELIBERATION N°1\n99_DE'
    >>> markdown_to_plain("Vous êtes ici : [Accueil](/) › [Actes](/actes) › Décision\n# Décision n° 4\n"
    ...                   "Voir l'[annexe](/a.pdf).\n[Mentions légales](/ml) · [Cookies](/c)")
    "Décision n° 4\nVoir l'annexe."
    """
    text = _without_web_chrome(text)
    text = re.sub(r"\*\*|__", "", text)
    text = re.sub(r"^#{1,6}\s+", "", text, flags=re.M)
    text = re.sub(r"\\([_*#\[\]()\\.-])", r"\1", text)
    return re.sub(r"[ \t]+$", "", text, flags=re.M)


def _tabs_to_columns(text: str) -> str:
    """Write the tables whose cells TABs part as tables whose cells bars part, one row a line, as a PDF's tables are
    read (:func:`pdf_text`): a TAB goes to the next cell, wherever its stop falls, and the readers of a table's
    grants and of its counts read its rows by their bars. A table's rows stay one table across the blank lines and
    the section headings between them (:func:`_tab_tables`): a heading becomes a row of its own, a blank line none.
    A header's second row that has fewer cells than the table names the last columns (its first cell left out by a
    copy of a header of two levels).

    >>> print(_tabs_to_columns("Bénéficiaire\\tObjet\\tMontant\\nCPTS Alpha\\tCoordination\\t25 000 €"))
    | Bénéficiaire | Objet | Montant |
    | CPTS Alpha | Coordination | 25 000 € |
    >>> print(_tabs_to_columns("Nom\\tMontant\\n\\nSanté\\n\\nClub Cœur Actif\\t650 €\\n\\nFin."))
    | Nom | Montant |
    | Santé |  |
    | Club Cœur Actif | 650 € |
    <BLANKLINE>
    Fin.
    >>> print(_tabs_to_columns("Association\\tMontant\\nAttribué 2023\\tProposé 2024\\nClub\\t1 200 €\\t1 400 €"))
    | Association | Montant |  |
    |  | Attribué 2023 | Proposé 2024 |
    | Club | 1 200 € | 1 400 € |
    """
    lines = text.split("\n")
    for rows_at in reversed(_tab_tables(lines)):
        first, last = rows_at[0], rows_at[-1]
        rows = [[cell.strip() for cell in line.split("\t")] if "\t" in line else [line.strip()]
                for line in lines[first:last + 1] if line.strip()]
        width = max(map(len, rows))
        head = True  # the rows above the first with a figure: a header of two levels may leave its first cell out
        for n, row in enumerate(rows):
            head = head and not any(re.search(r"\d\s*(?:€|euros?)", cell, re.I) for cell in row)
            if head and n and 1 < len(row) < width:  # "Attribué 2023⇥Proposé 2024" under "Montant (en euros)"
                rows[n] = [""] * (width - len(row)) + row
        lines[first:last + 1] = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
    return "\n".join(lines)


#: How many lines without a TAB may part two rows of one table: a blank line, a section's heading, another blank.
_TAB_TABLE_GAP = 3
#: The longest line without a TAB that parts two rows of one table: a section's heading ("Personnes âgées et
#: handicap"), not a paragraph.
_TAB_TABLE_HEADING = 60


def _tab_tables(lines: list[str]) -> list[list[int]]:
    """The indexes of the lines of each table whose cells TABs part: lines with a TAB, and those that follow across
    at most :data:`_TAB_TABLE_GAP` blank or short lines (a section's heading between its rows)."""
    tables: list[list[int]] = []
    gap = None  # lines since the last row of the table being read, None outside a table
    for i, line in enumerate(lines):
        if "\t" in line:
            if gap is None:
                tables.append([])
            tables[-1].append(i)
            gap = 0
        elif gap is not None:
            gap += 1
            if gap > _TAB_TABLE_GAP or len(line.strip()) > _TAB_TABLE_HEADING:
                gap = None
    return tables


#: A line's number in the left margin and the spaces after it ("  12   Le Conseil municipal", " 13" alone); not a
#: year's four figures, which a table's rows may give on consecutive lines.
_LINE_NUMBER = re.compile(r"(?P<margin>[ \t]*(?P<n>\d{1,3})(?:[ \t]+|$))")
#: How many consecutive lines a margin of line numbers covers at least: fewer could be a list's numbered items.
_NUMBERED_LINES = 8


def drop_line_numbers(text: str) -> str:
    """Drop the margin of line numbers that some deliberations print on the left of each line ("  1   VILLE DE …",
    "  2", "  3   CONSEIL MUNICIPAL …"): only a run of consecutive lines that each start with the number after the
    line above's, right-aligned in one column, :data:`_NUMBERED_LINES` lines at least, from the text's first line
    (then each such run of its next pages) — a table's numbered rows are no margin; the lines keep their
    indentation past the margin.

    >>> print(drop_line_numbers("\\n".join(f"{n:3}   Ligne {n}" if n % 3 else f"{n:3}" for n in range(1, 10))))
    Ligne 1
    Ligne 2
    <BLANKLINE>
    Ligne 4
    Ligne 5
    <BLANKLINE>
    Ligne 7
    Ligne 8
    <BLANKLINE>
    """
    lines = text.split("\n")
    i = start = next((k for k, line in enumerate(lines) if line.strip()), 0)
    numbered = False
    while i < len(lines):
        first = _LINE_NUMBER.match(lines[i])
        end = i + 1
        while first and end < len(lines):
            number = _LINE_NUMBER.match(lines[end])
            if not number or int(number["n"]) != int(first["n"]) + end - i or number.end("n") != first.end("n"):
                break
            end += 1
        if end - i < _NUMBERED_LINES or i > start and not numbered:
            i += 1  # a numbered table's rows: the text itself numbers none of its first lines
            continue
        numbered = True
        margins = [m["margin"] for m in map(_LINE_NUMBER.match, lines[i:end]) if m.end() < len(m.string)]
        width = min(map(len, margins), default=0)
        lines[i:end] = [line[width:] if len(line) > width else "" for line in lines[i:end]]
        i = end
    return "\n".join(lines)


#: The letters that a PDF's text or OCR gives as one typographic ligature ("Diﬀérences", "aﬁn de"), spelled out.
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
              "\ufb06": "st"}
_LIGATURE = re.compile("[" + "".join(_LIGATURES) + "]")
#: The typographic apostrophes, written as the plain one: names and titles are then one spelling whatever the text's.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})


def spell_ligatures(text: str) -> str:
    """Spell out the typographic ligatures (ﬀ, ﬁ, ﬂ, ﬃ, ﬄ) of ``text``, a word being then the word ("Diﬀérences"
    is "Différences", "aﬁn" is "afin"). A line in columns keeps them where they stood: each letter added is taken
    from the next gap of three spaces or more after the ligature on its line, when there is one.

    >>> spell_ligatures("Diﬀérences      1 500\\naﬁn de")
    'Différences     1 500\\nafin de'
    """
    def line(text_line: str) -> str:
        out, at = [], 0
        for match in _LIGATURE.finditer(text_line):
            out.append(text_line[at:match.start()] + _LIGATURES[match.group(0)])
            at = match.end()
            extra = len(_LIGATURES[match.group(0)]) - 1
            gap = re.compile(r" {%d,}" % (extra + 2)).search(text_line, at)
            if gap and not _LIGATURE.search(text_line, at, gap.start()):
                out.append(text_line[at:gap.start()] + " " * (len(gap.group(0)) - extra))
                at = gap.end()
        return "".join(out) + text_line[at:]

    return "\n".join(line(t) if _LIGATURE.search(t) else t for t in text.split("\n"))


def unify_line_ends(text: str) -> str:
    """CR LF and CR alone as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(text: str) -> str:
    """Unify line ends and spaces (NBSP and narrow NBSP become spaces), spell out ligatures, write apostrophes plain
    (:func:`spell_ligatures`), squeeze blank-line runs to one."""
    text = unify_line_ends(text).replace("\u00a0", " ").replace("\u202f", " ")
    text = spell_ligatures(text).translate(_APOSTROPHES)
    text = _tabs_to_columns(text.replace("\ufeff", ""))
    text = drop_line_numbers(re.sub(r"[ \t]+$", "", text, flags=re.M))
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


#: A box's line of one cell, its text between two bars: "| Convocation : 26 juin 2025     |", "│ … │".
_BOX_ROW = re.compile(r"[ \t]*[|│║][ \t]?(?P<inner>[^|│║\n]*?)[ \t]*[|│║][ \t]*")
#: A box's rule of one span: "+-------+", "┌───────┐", "└───────┘", "├───────┤", "+=======+".
_BOX_RULE = re.compile(r"[ \t]*[+┌└├╔╚╠]?[-─═━]{3,}[+┐┘┤╗╝╣]?[ \t]*")


def unbox(text: str) -> str:
    """``text`` with the boxes of a form laid out in boxes opened: each line of one cell ("| Convocation : 26 juin
    2025 |") its text, each rule of one span that borders such a line a blank line. A table's rows (two cells or
    more) and the rules between them stay.

    >>> print(unbox("+------------+\\n| Objet : X  |\\n+------------+\\n| A  | 1 €   |\\n+----+-------+"))
    <BLANKLINE>
    Objet : X
    +------------+
    | A  | 1 €   |
    +----+-------+
    """
    lines = text.split("\n")
    boxed = [bool(_BOX_ROW.fullmatch(line)) for line in lines]
    ruled = [bool(_BOX_RULE.fullmatch(line)) for line in lines]

    def beside_box(i: int, step: int) -> bool:
        while 0 <= i < len(lines) and ruled[i]:
            i += step
        return 0 <= i < len(lines) and boxed[i]

    out = []
    for i, line in enumerate(lines):
        if boxed[i]:
            out.append(_BOX_ROW.fullmatch(line).group("inner"))
        elif ruled[i] and (beside_box(i - 1, -1) or beside_box(i + 1, 1)) \
                and not (_table_row(lines, i - 1) or _table_row(lines, i + 1)):
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


def _table_row(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is a table's row of two cells or more."""
    return 0 <= i < len(lines) and re.fullmatch(r"[ \t]*[|│║][^\n]*[|│║][^\n]*[|│║][ \t]*", lines[i]) is not None


#: A day, then a word that a line break cut with a hyphen, then a year or the line's end: a month's name, if its two
#: parts make one.
_CUT_MONTH = re.compile(r"(?P<day>\b\d{1,2}(?:er)?[ \t]+)(?P<head>[^\W\d_]{2,8})-[ \t]*\n[ \t]*"
                        r"(?P<tail>[^\W\d_]{2,8})(?:[ \t]+(?=\d{4}\b)|[ \t]*\n|[ \t]*$)")


def join_cut_months(text: str) -> str:
    r"""Make whole a month's name that a line break cut with a hyphen, its end going up to the line above, before
    the stamps are read ("Reçu en préfecture le 20 sep-" / "tembre 2024"); another word stays as it is.

    >>> join_cut_months("Reçu le 20 sep-\ntembre 2024\nle 3 avril, Jean-\nPierre\nle 1er fé-\nvrier\nfin")
    'Reçu le 20 septembre\n2024\nle 3 avril, Jean-\nPierre\nle 1er février\nfin'
    """
    def join(match: re.Match) -> str:
        whole = match["head"] + match["tail"]
        return match["day"] + whole + "\n" if fold(whole) in MONTHS else match.group(0)

    return _CUT_MONTH.sub(join, text)


def normalise_text(text: str, markdown: bool = False) -> Document:
    """Return the :class:`Document` of a deliberation's raw text; its line ends unified first, so that a box's rows
    and a Markdown's marks end at the line's end in a text saved with CR LF."""
    text = unify_line_ends(text)
    text = unfold_prose_columns(clean_text(unbox(markdown_to_plain(text) if markdown else text)))
    text = join_cut_months(text)
    body, stamp = strip_stamps(text)
    doubts: list[tuple[str, str]] = []
    body = join_cut_words(drop_table_page_repeats(drop_running_heads(drop_page_breaks(body))))
    body = currency_after(join_split_amounts(join_cut_lines(_leaders_apart(body)), doubts))
    body = re.sub(r"\n{3,}", "\n\n", body).strip("\n")
    full = body
    if stamp.quotes:
        full = body + "\n\n" + STAMP_HEADING + "\n" + "\n".join(stamp.quotes) + "\n"
    return Document(full, body, stamp, doubts)


#: A dotted leader that runs into the amount it leads to: "Club des Aînés..........800 €".
_LEADER_INTO_FIGURES = re.compile(r"(\.{3,}|…+)(?=\d)")


def _leaders_apart(body: str) -> str:
    """``body`` with a space between a dotted leader and the figures it runs into, so that the amount is read whole
    (its first figure is no decimal after a dot).

    >>> _leaders_apart("Club des Aînés..........800 €")
    'Club des Aînés.......... 800 €'
    """
    return _LEADER_INTO_FIGURES.sub(r"\1 ", body)


#: A page's number on a line of its own ("Page 2/3", "2 / 3", "- 2 -"), which a PDF's text sets mid-sentence.
_PAGE_LINE = re.compile(r"^[ \t]*(?:(?:page|p\.)[ \t]*\d{1,3}(?:[ \t]*(?:/|sur)[ \t]*\d{1,3})?|\d{1,3}[ \t]*(?:/|sur)"
                        r"[ \t]*\d{1,3}|[-–][ \t]*\d{1,3}[ \t]*[-–])[ \t]*\n", re.I | re.M)
#: A page's footer that gives its number at the end of the line, after its words ("CP du 9 décembre 2024 –
#: Délibération 2024-44        1 / 2", "Délibération B-2024-212 – Aide aux clubs        Page 1/3"), or after a dash
#: ("CCAS de X — Conseil d'Administration du 12/03/2025 — Page 1/2"), or alone.
_FOOTER = re.compile(r"(?:.*\S[ \t]{2,}|.*\S[ \t]+[–—-][ \t]+(?=page)|[ \t]*)(?:page[ \t]*)?(?P<page>\d{1,3})[ \t]*"
                     r"(?:/|sur)[ \t]*(?P<pages>\d{1,3})[ \t]*", re.I)
#: A line that rules a page's header or footer off the text ("______", "-----").
_RULE_LINE = re.compile(r"[ \t]*[-_=—–]{5,}[ \t]*")
#: What ends a line whose words go on below: a comma, a bracket or a hyphen, a word that needs the next one.
_CUT_AFTER = re.compile(r"(?:[,(-]|\b(?:de|du|des|d['’]|l['’]|la|le|les|et|à|au|aux|en|pour|sur|par))[ \t]*$", re.I)
#: How many lines a page's running header has at most, and how many of the text's first lines its words come from.
_RUNNING_HEAD_LINES, _HEADING_LINES = 3, 12


def drop_page_breaks(body: str) -> str:
    r"""Drop the page breaks that a PDF's text (read with its layout) sets in the flow: the footer that gives the
    page's number, the rule under it and the next page's running header (up to three short lines whose words are the
    heading's: the authority, the organ, the session, or that the text repeats at its page breaks: a scan's
    "Registre des délibérations – Délibération n° 2025-022"), with the blank lines around them. Text cut by the
    break joins up again (a list's row, a name wrapped over two pages); a break after a sentence's end leaves a
    paragraph break.

    >>> drop_page_breaks("COMMUNE DE LUZECH\nConseil municipal du 5 mai 2024\n\nAssociation La Maison des\n\n"
    ...                  "Délibération 2024-50                 1 / 2\n_______\nCommune de Luzech\n\nFamilles   900 €")
    'COMMUNE DE LUZECH\nConseil municipal du 5 mai 2024\n\nAssociation La Maison des\nFamilles   900 €'
    >>> drop_page_breaks("CCAS DE LUZECH\n\nClub A : 900 €.\n\nCCAS de Luzech — CA du 12/03/2025 — Page 1/2\n\n"
    ...                  "Soit 900 €.")
    'CCAS DE LUZECH\n\nClub A : 900 €.\n\nSoit 900 €.'
    >>> drop_page_breaks("COMMUNE DE LUZECH\n\n- Club A …… 900 €\n\nLuzech          Page 1/2\nRegistre – n° 2025-02\n\n"
    ...                  "- Club B …… 300 €\n\nLuzech          Page 2/2\nRegistre – n° 2025-02\n\nAdopté.")
    'COMMUNE DE LUZECH\n\n- Club A …… 900 €\n\n- Club B …… 300 €\n\nAdopté.'
    """
    lines = body.split("\n")
    first = [_squeezed(line) for line in lines if line.strip()][:_HEADING_LINES]
    heading = {w for line in first for w in re.findall(r"[^\W\d_]{3,}", line)}
    repeated = _repeated_heads(lines, first)
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _page_footer(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        j = i + 1
        while j < len(lines) and _RULE_LINE.fullmatch(lines[j]):
            j += 1
        k = j
        while k < len(lines) and k - j < _RUNNING_HEAD_LINES and (_running_head(lines[k], heading)
                                                                   or _masked(lines[k]) in repeated):
            k += 1
        if k < len(lines) and lines[k].strip() and any(_squeezed(line) not in first and _masked(line) not in repeated
                                                       for line in lines[j:k]):
            k = j  # the page's text right below the footer, unless its lines repeat the heading's
        blank = bool(out) and not out[-1].strip() or k < len(lines) and not lines[k].strip()
        while out and not out[-1].strip():
            out.pop()
        while k < len(lines) and not lines[k].strip():
            k += 1
        if blank and out and k < len(lines) and not (_CUT_AFTER.search(out[-1]) or re.match(r"[ \t]*[a-zà-ÿ]", lines[k])
                                                     or out[-1].count("(") > out[-1].count(")")):
            out.append("")  # a break between paragraphs stays one
        i = k
    return "\n".join(out)


def _page_footer(line: str) -> bool:
    """Whether ``line`` is a page's footer that gives its number (:data:`_FOOTER`)."""
    footer = _FOOTER.fullmatch(line)
    return footer is not None and 0 < int(footer["page"]) <= int(footer["pages"])


def _repeated_heads(lines: list[str], first: list[str]) -> set[str]:
    """The lines (:func:`_masked`) that stand right under two page footers or more, or under one and among the
    text's ``first`` lines: a page's running header, whatever its words. A line that gives an amount, dot leaders
    or a sentence's end is the page's text, however often the text writes it."""
    under: Counter[str] = Counter()
    for i, line in enumerate(lines):
        if _page_footer(line):
            j = i + 1
            while j < len(lines) and _RULE_LINE.fullmatch(lines[j]):
                j += 1
            for head in itertools.takewhile(str.strip, lines[j:j + _RUNNING_HEAD_LINES]):
                if not re.search(r"\d[ \t]*€|\.{3}|…|[,;:.][ \t]*$", head):
                    under[_masked(head)] += 1
    opening = {re.sub(r"\d+", "0", line) for line in first}
    return {head for head, times in under.items() if times > 1 or head in opening}


def _masked(line: str) -> str:
    """``line`` squeezed, its figures masked: a running header gives the page's number, the next page's its own."""
    return re.sub(r"\d+", "0", _squeezed(line))


def _running_head(line: str, heading: set[str]) -> bool:
    """Whether ``line`` reads as a page's running header: words, most of them the text's heading's, and no clause
    that goes on or ends a sentence ("Le Conseil municipal,")."""
    words = re.findall(r"[^\W\d_]{3,}", _squeezed(line))
    return bool(words) and sum(w in heading for w in words) >= 0.8 * len(words) \
        and not re.search(r"\d[ \t]*€|[,;:.][ \t]*$", line)


def _squeezed(line: str) -> str:
    return " ".join(fold(line).split())


#: A table's carry-forward line at a page's foot or head: "Report ..... 23 000", "À reporter : 23 000 €",
#: "Report de la page précédente   23 000", "| Report | | 23 000 € |" — a sum, not a row.
_CARRY_LINE = re.compile(r"[ \t|]*(?:reports?|report[ée]s?|[àa] reporter|reste [àa] reporter)(?: (?:de|des|du) "
                         r"(?:la |les )?(?:pages?|feuillets?) pr[ée]c[ée]dentes?)?[ \t.:…_|-]*"
                         r"\d{1,3}(?:[ .]\d{3})*(?:,\d{1,2})?[ \t]*(?:€|euros?|EUR)?[ \t|]*", re.I)
#: A total row's dot leader before its amount ("TOTAL ...... 27 500"): under a table's rows, the amount's column.
_TOTAL_LEADER = re.compile(r"[ \t]*(?:sous-?total|total|montant total)\b[^.\n]{0,30}?(?P<dots>[ \t]*[.…]{3,})[ \t]*\d",
                           re.I)
#: A table's line of cells: three pipes, or two gaps of two spaces or more between words.
_CELLS = re.compile(r"(?:[^|\n]*\|){3}|\S(?:[^\n]*?\S[ \t]{2,}){2}\S")


def drop_table_page_repeats(body: str) -> str:
    r"""Drop what a table that runs over pages repeats at a page's head or foot: its header line written again
    right under its rows (cells that give no amount, the same as a line above; a header after a heading opens a
    new table and stays) with the blank lines before it, and the carry-forward
    lines (:data:`_CARRY_LINE`: "Report ..... 23 000", "À reporter"), which are sums, not rows. A total row's dot
    leader under the rows (:data:`_TOTAL_LEADER`) becomes spaces, so that its amount stands in the amounts' column.

    >>> print(drop_table_page_repeats("Nom      Objet    Montant\nClub A   Sport    500\n      Report ..... 500\n\n"
    ...                               "Nom      Objet    Montant\nClub B   Danse    300"))
    Nom      Objet    Montant
    Club A   Sport    500
    Club B   Danse    300
    """
    out: list[str] = []
    seen: set[str] = set()
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if _CARRY_LINE.fullmatch(line) or _RULE_LINE.fullmatch(line) and _a_sum_below_rows(lines, i, out):
            continue
        leader = _TOTAL_LEADER.match(line)
        if leader and _CELLS.match(next((kept for kept in reversed(out) if kept.strip()), "")):
            line = line[:leader.start("dots")] + " " * len(leader["dots"]) + line[leader.end("dots"):]
        # no figures but a year's, as a header writes one ("Rappel 2023 | Montant 2024"): a row gives an amount
        if _CELLS.match(line) and not re.search(r"\d{3}", re.sub(r"\b(?:19|20)\d\d\b", "", line)):
            squeezed = " ".join(line.replace("|", " ").split())
            above = next((kept for kept in reversed(out) if kept.strip()), "")
            if squeezed in seen and _CELLS.match(above):  # a table's header again under its rows, not a new table's
                while out and not out[-1].strip():
                    out.pop()
                continue
            seen.add(squeezed)
        out.append(line)
    return "\n".join(out)


#: A total's line: "Total ...... 16 000 €", "| TOTAL | | 3 950 |", "Sous-total 2 500".
_TOTAL_LINE = re.compile(r"[ \t|]*(?:sous-?total|total|montant total)\b", re.I)


def _a_sum_below_rows(lines: list[str], i: int, above: list[str]) -> bool:
    """Whether the rule on line ``i`` only draws a sum under a table's amounts: rows that end with a figure above
    it, a total's line below (the rule is no row, nor the start of the total's name: "-------- Total").

    >>> rows = ["Club A ...... 12 000 €", "Club B ...... 4 000 €", "        --------", "Total ...... 16 000 €"]
    >>> prose = ["Vu le budget", "-----", "Total"]
    >>> _a_sum_below_rows(rows, 2, rows[:2]), _a_sum_below_rows(prose, 1, prose[:1])
    (True, False)
    """
    row = next((kept for kept in reversed(above) if kept.strip()), "")
    below = next((line for line in lines[i + 1:] if line.strip()), "")
    return bool(re.search(r"\d[ \t]*(?:€|euros?|EUR)?[ \t|]*$", row)) and _TOTAL_LINE.match(below) is not None


#: A word that a line break cut with a hyphen: two letters at least before it (not a whole word in capitals), the
#: next line opening in lower case with the word's end and what sticks to it ("associa-" / "tion Dracénie").
_CUT_WORD = re.compile(r"(?<![\w-])(?:(?=[^\W\d_]{2})|(?<=\b[ldLD]['’]))(?P<head>[^\W\d_]*[a-zà-ÿœæ][^\W\d_]*)-[ \t]*\n"
                       r"(?P<indent>[ \t]*)(?P<tail>[a-zà-ÿœæ]+)(?P<stuck>[^\s-]*)(?P<after>-?)(?P<gap>[ \t]*)")
#: The first words of the compounds whose hyphen a line end may fall on ("ci-" / "dessous", "sous-" / "préfecture",
#: "vice-" / "président", "sapeurs-" / "pompiers"), and the second words that stand alone after one ("-dessus",
#: "-être", "-là", a particle): the hyphen is the compound's, the word is not cut.
_COMPOUND_HEADS = frozenset(
    "ci sous vice porte après avant arrière bien mal mi demi semi non auto garde grand grande grands grandes petit "
    "petite petits petites haut haute hauts hautes bas basse nord sud est ouest ex quasi sans sapeur sapeurs peut "
    "rond chef chefs extra court moyen plus moins entre contre co pré post anti pro néo bio éco multi pluri inter "
    "intra ultra super hyper tout toute tous toutes lieu lieux belle beau beaux nouveau nouvelle premier première "
    "saint sainte chef-lieu état états franco vis".split())
_COMPOUND_TAILS = frozenset(
    "dessus dessous après avant contre joint jointe joints jointes annexé annexée annexés annexées inclus incluse "
    "là être même mêmes t il elle on ils elles nous vous je de du des la le les en et sur sous lès lez à aux "
    "présent présente présents présentes".split())


def join_cut_words(body: str) -> str:
    r"""Make whole again a word that a line break cut with a hyphen ("l'associa-" / "tion Dracénie" is
    "l'association" / "Dracénie"): the word's end goes up to the line above, the next line keeps the rest (or the
    room it took, when that line's words stand in columns). A hyphen stays a compound's when the next line opens in
    capitals ("Saint-" / "Étienne", "Jean-" / "Pierre"), with a particle that a hyphen follows ("Boulogne-" /
    "sur-Mer"), or when the text writes the compound whole elsewhere, or its first or second word is one that opens
    or closes compounds (:data:`_COMPOUND_HEADS`, :data:`_COMPOUND_TAILS`; "médico-" / "social" too); the word whole
    written elsewhere in the text joins it all the same.

    >>> join_cut_words("à l'associa-\ntion Dracénie ;\nde Préven-\ntion.\nSaint-\nÉtienne, ci-\ndessous")
    "à l'association\nDracénie ;\nde Prévention.\nSaint-\nÉtienne, ci-\ndessous"
    """
    folded = body.lower()

    def join(match: re.Match) -> str:
        head, tail = match["head"].lower(), match["tail"]
        if match["after"] or re.search(rf"(?<![\w-]){re.escape(head)}-{tail}(?![\w-])", folded):
            return match.group(0)
        if not re.search(rf"(?<![\w-]){re.escape(head + tail)}(?![\w-])", folded) \
                and (head in _COMPOUND_HEADS or tail in _COMPOUND_TAILS or len(head) > 2 and head.endswith("o")):
            return match.group(0)
        moved = match["tail"] + match["stuck"]
        line_end = body.find("\n", match.end())
        rest = body[match.end():line_end if line_end >= 0 else len(body)]
        line = body[body.rfind("\n", 0, match.start()) + 1:match.start()]
        columns = re.compile(r"\S[ \t]{3,}\S")
        shift = abs(len(match["indent"]) - (len(line) - len(line.lstrip())))
        if columns.search(line) or columns.search(rest) and shift > 4:
            return match.group(0)  # a table's cell: the next line's first words may be another column's
        if not rest:
            return match["head"] + moved  # the next line held nothing else: it goes
        room = " " * (len(moved) + len(match["gap"])) if re.search(r"\S[ \t]{2,}\S", rest) else ""
        return match["head"] + moved + "\n" + match["indent"] + room  # a line in columns keeps its columns

    return _CUT_WORD.sub(join, body)


#: A line cut after a civility or "pouvoir à", which belong with the name on the next line.
_CUT_BEFORE_NAME = re.compile(r"\b(M\.|MM\.|Mme|Mmes|Mlle|Monsieur|Madame|(?:pouvoir|procuration) à)[ \t]*\n[ \t]*"
                              r"(?=[A-ZÉÈ])")


#: An amount written after its currency ("€ 1 200", "EUR 1 200,00"), as some tables and lists put it.
_CURRENCY_FIRST = re.compile(r"(?<![\w€])(€|EUR)([ \u00a0\u202f]?)(\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d{1,2})?|"
                             r"\d+(?:,\d{1,2})?)(?![\d,.]*[ \u00a0\u202f]?(?:€|EUR|euros?)\b)")


#: An amount written the Swiss way beside its currency: thousands parted by an apostrophe ("2'500"), or ".-" for
#: no cents ("2'500.-", "800.-"), as texts written near the border put them: "EUR 2'500.-", "1'250 €".
_SWISS_AMOUNT = re.compile(r"(?P<before>(?<![\w€])(?:€|EUR)[ \u00a0\u202f]?)?"
                           r"(?<![\d'’.,])(?P<num>\d{1,3}(?:['’]\d{3})+|\d+)(?P<cents>(?:,\d{2})?)(?P<dash>\.[-–—])?"
                           r"(?![\d'’])(?P<after>[ \u00a0\u202f]?(?:€|EUR\b|euros?\b))?")


def _swiss_to_french(match: re.Match) -> str:
    """The French writing of a :data:`_SWISS_AMOUNT` match, of the same length, or the match as it is."""
    swiss = bool(re.search(r"['’]", match["num"]) or match["dash"])
    if not swiss or not (match["before"] or match["after"]):
        return match.group(0)
    num = re.sub(r"['’]", " ", match["num"])
    return (match["before"] or "") + num + match["cents"] + ("  " if match["dash"] else "") + (match["after"] or "")


def currency_after(body: str) -> str:
    r"""Write the amounts that name their currency first with it after, as the reader looks for them, and those
    written the Swiss way in the French one ("EUR 2'500.-" is "2 500 EUR"); each keeps its length, so that nothing
    else moves in the text.

    >>> currency_after("Union Musicale ....... € 2 300\nClub ... EUR 850")
    'Union Musicale ....... 2 300 €\nClub ... 850 EUR'
    >>> currency_after("Harmonie\nEUR 2'500.-\nChorale : 1’200 € ;\nFête : 300.- €\nl'an 2'000 ; art. 12.-")
    "Harmonie\n2 500 EUR  \nChorale : 1 200 € ;\nFête : 300   €\nl'an 2'000 ; art. 12.-"
    """
    return _CURRENCY_FIRST.sub(lambda m: m[3] + m[2] + m[1], _SWISS_AMOUNT.sub(_swiss_to_french, body))


#: An amount that a line break cut at a space: the thousands left at the end of a line ("… de 12" / "500 € …"),
#: the next line starting with exactly three digits (more groups, cents) and a currency; or the amount whole and its
#: currency sign alone at the start of the next line ("… : 4 200" / "€ ;").
_SPLIT_AMOUNT = re.compile(r"(?<=[^\S\n])(?P<head>\d{1,3}(?: \d{3})*)\n(?=\d{3}(?: \d{3})*(?:,\d{1,2})? ?"
                           r"(?:€|euros?\b|EUR\b))|(?<=\d)\n(?=€(?![ \t]*\d))")
#: A word before the cut that makes its figures a day, a number or a page rather than an amount's thousands.
_NOT_THOUSANDS = re.compile(r"(?:\b(?:le|du|au|n°|no|article|compte|chapitre|point|page|ligne|alinéa)|°)[ \t]+$",
                            re.I)


def join_split_amounts(body: str, doubts: list[tuple[str, str]]) -> str:
    r"""Join the amounts that a line break cut ("12" / "500 €" is 12 500 €, "4 200" / "€" is 4 200 €) by putting a
    space for the break, so that nothing else moves in the text; a cut after a word that makes its figures something
    else ("le 12", "article 12") is left alone, and said in ``doubts``.

    >>> join_split_amounts("une subvention de 12\n500 € au Club ;\n- Foyer : 4 200\n€ ;", [])
    'une subvention de 12 500 € au Club ;\n- Foyer : 4 200 € ;'
    >>> doubts = []
    >>> join_split_amounts("réuni le 12\n500 € sont inscrits", doubts), len(doubts)
    ('réuni le 12\n500 € sont inscrits', 1)
    """
    def join(match: re.Match) -> str:
        if match["head"] is not None and _NOT_THOUSANDS.search(body, max(0, match.start() - 20), match.start()):
            line_start = body.rfind("\n", 0, match.start()) + 1
            line_end = body.find("\n", match.end())
            cut = body[max(line_start, match.start() - 40):line_end if line_end >= 0 else len(body)]
            cut = cut.replace("\n", " / ")
            doubts.append((f"montant peut-être coupé en fin de ligne, non joint (« {cut} ») : vérifiez-le",
                           f"amount perhaps cut at a line end, not joined ('{cut}'): check it"))
            return match.group(0)
        return match.group(0).replace("\n", " ")

    return _SPLIT_AMOUNT.sub(join, body)


def join_cut_lines(body: str) -> str:
    r"""Drop the page numbers that a PDF's text sets between two lines of a list or a sentence, and join a
    civility ("M.", "Mme") or a "pouvoir à" to the name that the line break sent below it.

    >>> join_cut_lines("Présents : M. Jean DUPONT, Mme Annie\nPage 1/3\nFAURIE\nsous la présidence de M.\nJean DUPONT")
    'Présents : M. Jean DUPONT, Mme Annie\nFAURIE\nsous la présidence de M. Jean DUPONT'
    """
    return _CUT_BEFORE_NAME.sub(r"\1 ", _PAGE_LINE.sub("", body))


#: What pdfminer logs of a sound file: a font that gives no box for its glyphs (a fallback font a browser embeds
#: for one symbol, "★") is read all the same, its characters' boxes from their size.
_NO_DAMAGE = re.compile(r"^Could not get FontBBox from font descriptor")


class _Heard(logging.Handler):
    """Keeps the distinct messages that a library logs, in their order, but for those of :data:`_NO_DAMAGE`."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: dict[str, None] = {}

    def emit(self, record: logging.LogRecord) -> None:
        if not _NO_DAMAGE.match(record.getMessage()):
            self.messages.setdefault(record.getMessage(), None)


@contextlib.contextmanager
def _pdf_library_warnings() -> Iterator[dict[str, None]]:
    """What pdfminer (under pdfplumber) logs while reading a damaged PDF — a corrupt stream, a font it cannot read —
    kept for the file's report instead of reaching the terminal in its own words, outside any report."""
    heard, logger = _Heard(), logging.getLogger("pdfminer")
    propagate = logger.propagate
    logger.addHandler(heard)
    logger.propagate = False
    try:
        yield heard.messages
    finally:
        logger.removeHandler(heard)
        logger.propagate = propagate


def _unreadable_pdf(exc: Exception) -> InputError:
    """Why a PDF could not be read: protected by a password (or encrypted in a way the library cannot undo), said
    with what to do; else unreadable or corrupt, said in words (the library's exception type told a coordinator
    nothing)."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    causes = [exc, *exc.args, exc.__cause__, exc.__context__]  # pdfplumber wraps pdfminer's error in its own
    if any(isinstance(c, PDFPasswordIncorrect) for c in causes):
        return InputError("PDF protégé par un mot de passe : il ne peut pas être lu ; demandez à qui l'a publié une "
                          "copie sans mot de passe, ou, si vous le connaissez, ouvrez le PDF et enregistrez-en une "
                          "copie sans protection",
                          message_en="PDF protected by a password: it cannot be read; ask whoever published it for a "
                                     "copy without a password or, if you know it, open the PDF and save a copy "
                                     "without protection")
    if any(isinstance(c, PDFEncryptionError) for c in causes):
        return InputError("PDF chiffré d'une manière qui ne peut pas être lue ici : ouvrez-le et enregistrez-en une "
                          "copie sans protection",
                          message_en="PDF encrypted in a way that cannot be read here: open it and save a copy "
                                     "without protection")
    return InputError("PDF illisible ou corrompu : sa structure interne est abîmée (fichier tronqué, ou mal produit "
                      "?) ; demandez-en une nouvelle copie, ou ouvrez-le et enregistrez-en une copie en PDF",
                      message_en="unreadable or corrupt PDF: its internal structure is damaged (a truncated or badly "
                                 "produced file?); ask for a new copy, or open it and save a copy as PDF")


def pdf_text(data: bytes, damage: list[str] | None = None) -> str:
    """Return the text layer of a PDF, page by page; raises InputError on a corrupt PDF or one without text.

    ``damage`` receives what the PDF library said of a damaged file it could still read (parts of the text may
    then be missing), each message once."""
    import pdfplumber

    from graph.ingest.delib_pdf import document_text, read_page

    try:
        with _pdf_library_warnings() as heard, pdfplumber.open(io.BytesIO(data)) as pdf:
            text = document_text([read_page(page) for page in pdf.pages])
            if damage is not None:
                damage.extend(heard)
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types (PSEOF, PDFSyntaxError, KeyError…) on bad files
        raise _unreadable_pdf(exc) from None
    if len(re.sub(r"\s", "", text)) < 40:
        raise InputError("PDF sans couche texte (document scanné ?) : aucun texte à extraire ; passez-le d'abord "
                         "dans un logiciel de reconnaissance de caractères (OCR)",
                         message_en="PDF without a text layer (scanned document?): run OCR on it first")
    return text
