"""Two columns of prose that a text file lays side by side, line by line: a page set in two columns (the exposé on
the left, the decision on the right) flattened into lines, each holding a line of each column. Read as they stand,
the lines mix the two columns' sentences ("… s'élève à 48 000 €.      1° attribue une subvention de 5 500 € à"), and
what each says is lost; read column by column, each says it whole.

The columns are those of a run of lines (no blank line between them) where every line's second column starts at one
position, after three spaces or more, or is indented to that position alone, or has its first column alone; each
column holds prose (a dozen words or more, most in small letters, with punctuation), in two cells a line at most: a
table's rows, a heading's two blocks, a list of names and amounts are not it.

>>> print(unfold_prose_columns(
...     "Exposé                                        Le Conseil, après en avoir délibéré :\\n"
...     "La Ville soutient depuis 2021 les acteurs     1° attribue une subvention de 500 € à\\n"
...     "de la prévention. Le budget de l'action       l'association Jura Prévention ;\\n"
...     "s'élève à 48 000 €, comme l'an passé.         2° autorise la Maire à signer la convention."))
Exposé
La Ville soutient depuis 2021 les acteurs
de la prévention. Le budget de l'action
s'élève à 48 000 €, comme l'an passé.
<BLANKLINE>
Le Conseil, après en avoir délibéré :
1° attribue une subvention de 500 € à
l'association Jura Prévention ;
2° autorise la Maire à signer la convention.
"""

from __future__ import annotations

import re
from collections import Counter

#: The spaces that part two columns on a line.
_GAP = re.compile(r"\S([ \t]{3,})(?=\S)")
#: The least position of the second column: a first column narrower than this is a label's, not prose's.
_MIN_COLUMN = 30
#: How many lines hold both columns, and how many words each column holds, at least.
_MIN_BOTH, _MIN_WORDS = 3, 12


def _cells(line: str, column: int) -> tuple[str, str] | None:
    """The two cells of ``line`` when its second column starts at ``column`` (either may be empty), or None when the
    line does not fit that layout (text across the position, or a third cell)."""
    if len(line) <= column:
        left, right = line.rstrip(), ""
    else:
        left, right = line[:column], line[column:]
        if right[:1].isspace() or left.strip() and not left.endswith("   "):
            return None
    if any(_GAP.search(cell) for cell in (left.strip(), right)):
        return None
    return left.strip(), right.strip()


def _prose(cells: list[str]) -> bool:
    """Whether a column's cells hold prose: a dozen words or more, most of them in small letters, and punctuation."""
    words = " ".join(cells).split()
    small = sum(bool(re.match(r"[a-zà-ÿ]", word)) for word in words)
    return len(words) >= _MIN_WORDS and small * 2 >= len(words) and bool(re.search(r"[.,;:]", " ".join(cells)))


def _unfolded(run: list[str]) -> list[str] | None:
    """The lines of ``run`` column by column, a blank line between, when they are two columns of prose; else None."""
    starts = Counter(m.end(1) for line in run for m in _GAP.finditer(line))
    starts.update(len(line) - len(line.lstrip()) for line in run if line[:1].isspace())
    if not starts:
        return None
    column = starts.most_common(1)[0][0]
    cells = [_cells(line, column) for line in run]
    if column < _MIN_COLUMN or None in cells or sum(bool(a and b) for a, b in cells) < _MIN_BOTH:
        return None
    left, right = [a for a, _ in cells if a], [b for _, b in cells if b]
    if not (_prose(left) and _prose(right)):
        return None
    return left + [""] + right


def unfold_prose_columns(text: str) -> str:
    """``text`` with each run of lines that holds two columns of prose side by side (see the module) written column
    by column: the first column's lines, a blank line, then the second's."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            out.append(lines[i])
            i += 1
            continue
        end = i
        while end < len(lines) and lines[end].strip():
            end += 1
        run = lines[i:end]
        out += (_unfolded(run) if len(run) > _MIN_BOTH else None) or run
        i = end
    return "\n".join(out)
