"""What a PDF's pages set in a deliberation's text flow: the page breaks (a footer with the page's number, a
rule, the next page's running header: :func:`drop_page_breaks`) and what a table that runs over pages repeats at
their head or foot (its header, its carry-forward lines: :func:`drop_table_page_repeats`).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from graph.ingest.french import fold


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
    if not line.rstrip(" \t")[-1:].isdigit():
        return False  # a footer ends with its number of pages: the pattern, which backtracks, is not tried on others
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
