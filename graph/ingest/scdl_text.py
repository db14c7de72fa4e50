"""The text of a grants list's cells as their author wrote it, freed of what an export put in it: HTML entities
(« l&#8217;occasion », « Sports &amp; Loisirs ») that a web form or a CMS wrote in the cell, and line breaks written
as the four characters ``\\r\\n``, or as a carriage return before the line feed (Charente-Maritime's workbook, line
23). A line break stays a line break (``\\n``), as in the cells of a CSV that span several lines: it is the author's,
and a page shows it as a space."""

from __future__ import annotations

import html
import re

#: An HTML entity with its semicolon: numeric (« &#8217; », « &#x2019; ») or named (« &amp; »). Without the
#: semicolon, « &copy » or « R&D » may be a name's own letters: left as written.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: A line break written as text (« \r\n ») or as a carriage return before the line feed.
_LINE_BREAK = re.compile(r"\\r\\n|\r\n")


def clean_text(cell: str) -> str:
    """``cell`` with its HTML entities decoded and its line breaks written ``\\n``; unchanged when it holds none.

    >>> clean_text("à l&#8217;occasion des\\\\r\\\\nJournées Aliments &amp; Santé"), clean_text("R&D; &copy")
    ('à l’occasion des\\nJournées Aliments & Santé', 'R&D; &copy')
    """
    if "&" in cell:
        cell = _ENTITY.sub(lambda found: html.unescape(found.group()), cell)
    if "\\" in cell or "\r" in cell:
        cell = _LINE_BREAK.sub("\n", cell)
    return cell
