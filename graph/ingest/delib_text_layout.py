"""The layout of a deliberation's text undone before it is read (:func:`clean_text`, :func:`unbox`): line ends and
spaces unified, ligatures spelled out, accents written apart from their letters joined to them, tables whose cells
TABs part written with bars, a margin of line numbers dropped, the boxes of a form opened.
"""

from __future__ import annotations

import re
import unicodedata


def _tabs_to_columns(text: str) -> str:
    """Write the tables whose cells TABs part as tables whose cells bars part, one row a line, as a PDF's tables are
    read (:func:`graph.ingest.delib_pdf_text.pdf_text`): a TAB goes to the next cell, wherever its stop falls, and
    the readers of a table's grants and of its counts read its rows by their bars. A table's rows stay one table
    across the blank lines and the section headings between them (:func:`_tab_tables`): a heading becomes a row of
    its own, a blank line none. A header's second row that has fewer cells than the table names the last columns
    (its first cell left out by a copy of a header of two levels).

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


#: The accents that a scan's character recognition (OCR) or a typewriter-like text writes after their letter, as a
#: spacing character ("Pre´sident", "a` l'unanimite´", "Valenc¸ay", "ro^le") or a combining mark that is not composed
#: with it, each as the combining mark that composes the accented letter.
_SPACING_ACCENTS = {"\u00b4": "\u0301", "\u02ca": "\u0301", "`": "\u0300", "\u02cb": "\u0300", "^": "\u0302",
                    "\u02c6": "\u0302", "\u00a8": "\u0308", "\u00b8": "\u0327"}
_LETTER_ACCENT = re.compile("[A-Za-z](?:[" + "".join(_SPACING_ACCENTS) + "]|[\u0300-\u036f])")
#: The accented letters of French: a letter and an accent that make none of them ("x^2", "n`", "o´") stay apart.
_FRENCH_ACCENTED = frozenset("àâäéèêëîïôöùûüÿçÀÂÄÉÈÊËÎÏÔÖÙÛÜŸÇ")
#: A backtick that opens a quote or a code span (after no letter): its line's backticks are marks, not accents.
_OPENING_BACKTICK = re.compile(r"(?<![A-Za-z])`")


def join_accents(text: str) -> str:
    """``text`` with each accent written apart after its letter, as a scan's character recognition gives it
    (:data:`_SPACING_ACCENTS`), joined to it where they make a letter of French: "Pre´sident" is "Président", "a`"
    is "à", "Valenc¸ay" is "Valençay". A line in columns keeps them where they stood: each character the joins take
    out of a stretch of text is given back as a space to the gap of two spaces or more that follows it, when there
    is one (as :func:`spell_ligatures` does the other way). A line with a backtick that opens a quote or code
    ("`texte`") keeps its backticks, and a backtick between "qu" and a word ("qu`il") is an apostrophe.

    >>> join_accents("Pre´sident de se´ance   21\\nAdopte´ a` l'unanimite´, ro^le, Valenc¸ay, x^2\\n`la`")
    "Président de séance     21\\nAdopté à l'unanimité, rôle, Valençay, x^2\\n`la`"
    """
    return "\n".join(_joined_line(line) if _LETTER_ACCENT.search(line) else line for line in text.split("\n"))


def _joined_line(line: str) -> str:
    """A line of :func:`join_accents`, its stretches of text apart from its gaps of two spaces or more."""
    quoted = bool(_OPENING_BACKTICK.search(line))

    def join(match: re.Match) -> str:
        letter, accent = match.group(0)
        after = match.string[match.end():match.end() + 1]
        # French writes ù only at a word's end ("où"): "qu`il" is an apostrophe typed as a backtick
        if accent == "`" and (quoted or letter in "uU" and after.isalpha()):
            return match.group(0)
        made = unicodedata.normalize("NFC", letter + _SPACING_ACCENTS.get(accent, accent))
        return made if made in _FRENCH_ACCENTED else match.group(0)

    parts = re.split(r"( {2,})", line)
    for i in range(0, len(parts), 2):
        joined = _LETTER_ACCENT.sub(join, parts[i])
        if i + 1 < len(parts):
            parts[i + 1] += " " * (len(parts[i]) - len(joined))
        parts[i] = joined
    return "".join(parts)


def unify_line_ends(text: str) -> str:
    """CR LF and CR alone as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(text: str) -> str:
    """Unify line ends and spaces (NBSP and narrow NBSP become spaces), spell out ligatures (:func:`spell_ligatures`),
    join accents written apart to their letters (:func:`join_accents`), write apostrophes plain, squeeze blank-line
    runs to one."""
    text = unify_line_ends(text).replace("\u00a0", " ").replace("\u202f", " ")
    text = join_accents(spell_ligatures(text)).translate(_APOSTROPHES)
    text = _tabs_to_columns(text.replace("\ufeff", ""))
    # each line's trailing spaces cut by the line (a pattern for them tried a deep indent again from each space)
    text = drop_line_numbers("\n".join(line.rstrip(" \t") for line in text.split("\n")))
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


#: The characters that draw a table's frame (light, heavy and double lines), as the ASCII rules of a ``| … |`` table
#: write them: a column's rule and each corner or junction a bar, a row's rule a dash.
_BOX_DRAWING = str.maketrans({**dict.fromkeys("│┃║┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬", "|"), **dict.fromkeys("─━═", "-")})


def plain_box_lines(text: str) -> str:
    """``text`` with the tables drawn with box-drawing characters ("│ Club │ 750 │" between "├────┼─────┤" rules),
    as some exports write them, drawn in ASCII ("| Club | 750 |" between "|----|-----|"), the way a PDF's ruled
    tables are read (:mod:`graph.ingest.delib_pipe_tables`); each character for one, so that nothing moves.

    >>> plain_box_lines("┌──────┬─────┐\\n│ Club │ 750 │\\n└──────┴─────┘")
    '|------|-----|\\n| Club | 750 |\\n|------|-----|'
    """
    return text.translate(_BOX_DRAWING)


def _table_row(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is a table's row of two cells or more."""
    return 0 <= i < len(lines) and re.fullmatch(r"[ \t]*[|│║][^\n]*[|│║][^\n]*[|│║][ \t]*", lines[i]) is not None
