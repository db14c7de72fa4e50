"""A page's running header that a scan's text repeats at a page break with no page footer before it: "Registre des
délibérations – Délibération n° 2025-022" or "Conseil municipal du 12 mars 2025" alone between two rows of a list
of grants. :func:`graph.ingest.delib_page_breaks.drop_page_breaks` drops the running header below a page's footer; this
module drops the one that no footer announces, known as the same line the text opens with (its first page's
header) written again at each break.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from graph.ingest.french import fold

#: How many lines a running header has at most: it is looked for among the text's first lines (not further down
#: its heading, where an agenda lists the items whose headings come again below).
_HEAD_LINES = 3
#: What a running header is not: a label and its value ("Présents : 12"), an amount, a sentence's end, a list's
#: bullet, no words.
_NOT_A_HEAD = re.compile(r":|\d[ \t]*(?:€|euros?\b)|[,;.][ \t]*$|^[ \t]*[-–—•*]|^[^A-Za-zÀ-ÿ]*$", re.I)
#: An item's heading, which an agenda lists first: "Délibération n° 2024-021 – …", "Point 3 – …", "3. Tarifs".
_ITEM_HEAD = re.compile(r"[ \t]*(?:(?:délibération|point|question|dossier|rapport)\s+(?:n\s*[°o]\s*)?[\w./-]*\d"
                        r"|\d{1,3}[.)][ \t])", re.I)
#: The end of a list's row, or of a line whose words go on below: an amount, a comma or semicolon, a word that
#: needs the next one.
_ROW_GOES_ON = re.compile(r"(?:\d[ \t]*(?:€|euros?)|[,;(]|\w-|"
                          r"\b(?:de|du|des|d['’]|l['’]|la|le|les|et|à|au|aux|en|pour))[ \t]*$", re.I)
#: A list's bulleted row whose amount is still to come: no sentence's end, no amount at its end.
_BULLETED_ON = re.compile(r"[ \t]*[-–—•*][ \t][^\n]*[^\s.:€]$")
#: The start of a list's row, or of a line that goes on the one above: a bullet, a small letter, an indent; or a
#: line that ends with an amount (a row).
_ROW_STARTS = re.compile(r"[ \t]*(?:[-–—•*][ \t]|[a-zà-ÿ])|[ \t]+\S|[^\n]*\d[ \t]*(?:€|[eE]uros?)[ \t]*[;,.]?[ \t]*$")


def _squeezed(line: str) -> str:
    return " ".join(fold(line).split())


def running_heads(lines: list[str]) -> set[str]:
    """The lines (squeezed) of ``lines`` that read as a page's running header: one of the lines that the text opens
    with (up to a label, an amount, a sentence's end or a list's row, :data:`_NOT_A_HEAD`: "Ordre du jour :" and the
    items listed below it are no header) that it writes again further on; never an item's heading, nor a line of
    one word.

    >>> sorted(running_heads(["Registre – Délibération n° 22", "COMMUNE DE LUZECH", "Club A 900 €",
    ...                       "Registre – Délibération n° 22", "Club B 300 €"]))
    ['registre deliberation n 22']
    >>> running_heads(["COMMUNE DE LUZECH", "Ordre du jour :", "Point 1 – Tarifs", "Point 1 – Tarifs", "Adopté."])
    set()
    """
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    top = list(itertools.takewhile(lambda i: not _NOT_A_HEAD.search(lines[i]), nonblank[:_HEAD_LINES]))
    opening = {_squeezed(lines[i]) for i in top if not _ITEM_HEAD.match(lines[i])}
    times = Counter(_squeezed(lines[i]) for i in nonblank if not _NOT_A_HEAD.search(lines[i]))
    heads = set()
    for line, count in times.items():
        words = re.findall(r"[^\W\d_]{3,}", line)
        if len(words) >= 2 and count > 1 and line in opening:
            heads.add(line)
    return heads


def drop_running_heads(body: str) -> str:
    r"""Drop from ``body`` a page's running header repeated at a page break with no footer before it (up to three
    lines of :func:`running_heads`, after the text's first lines): where it stands inside a paragraph or a list,
    between two lines of text, or between a row that goes on and the next (blank lines around it), so that the list
    or the row that it cut joins up again. Where it stands apart, between paragraphs (a second extract's heading),
    it stays.

    >>> print(drop_running_heads("Registre – Délibération n° 22\nCOMMUNE DE LUZECH\n\n- Club A …… 900 €\n"
    ...                          "Registre – Délibération n° 22\n- Club B …… 300 €\n\nRegistre – Délibération n° 22"))
    Registre – Délibération n° 22
    COMMUNE DE LUZECH
    <BLANKLINE>
    - Club A …… 900 €
    - Club B …… 300 €
    <BLANKLINE>
    Registre – Délibération n° 22
    """
    lines = body.split("\n")
    heads = running_heads(lines)
    if not heads:
        return body
    # the text's own heading, at its top, stays
    top_end = [i for i, line in enumerate(lines) if line.strip()][:_HEAD_LINES][-1]
    out: list[str] = []
    i = 0
    while i < len(lines):
        k = i
        while i > top_end and k < len(lines) and k - i < _HEAD_LINES and _squeezed(lines[k]) in heads:
            k += 1
        if k == i:
            out.append(lines[i])
            i += 1
            continue
        before = next((j for j in range(len(out) - 1, -1, -1) if out[j].strip()), None)
        after = next((j for j in range(k, len(lines)) if lines[j].strip()), None)
        inside = bool(out) and out[-1].strip() and k < len(lines) and lines[k].strip()
        cut = before is not None and after is not None and _ROW_STARTS.match(lines[after]) \
            and (_ROW_GOES_ON.search(out[before]) or _BULLETED_ON.match(out[before]))
        if not (inside or cut):
            out.extend(lines[i:k])
            i = k
            continue
        del out[before + 1:]
        i = after if after is not None else len(lines)
    return "\n".join(out)
