"""Lines of text from the characters of a PDF page, as pdfplumber gives them.

pdfplumber groups characters into lines by the top of their box, within 3 pt. A heading in small capitals — Word and
browsers print the lower-case letters as smaller capitals on the same baseline — has tops 3 pt apart or more, and
came out as two garbled lines ("C L - -V" above "OMMUNE DE USSAC LES IGNES"). Characters that share a baseline
are given one top here before pdfplumber groups them, so that such a heading is one line again. A line's words
are kept, so that a wide gap between them can part it in two (:func:`gap_pieces`); characters turned a quarter
(a stamp along the margin) are read apart, in their own direction (:func:`rotated_blocks`), and so are characters
turned askew (a seal, :func:`tilted_blocks`).

A block of two columns of prose is read column by column (:func:`column_blocks`).
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from dataclasses import dataclass

from pdfplumber.utils.clustering import cluster_objects
from pdfplumber.utils.text import extract_text, extract_words

#: Lines of turned text farther apart than this (pt) are two blocks: a stamp's lines are 8–12 pt apart.
_BLOCK_GAP = 20

#: A character turned by this many degrees or more from a quarter turn is tilted: a seal stamped askew is turned
#: some 10–30°; the text layer of a scan straightened by OCR, by a degree or two.
_TILT_MIN = 5
#: On a page whose text is level (most of its characters, :data:`_LEVEL_SHARE`, turned less than half a degree), a
#: character turned this many degrees or more is tilted: a stamp set askew beside the signature, by some 3–4°.
_SLIGHT_TILT, _LEVEL_SHARE = 2, 0.5

#: The narrowest gutter (pt) between two columns of prose: some 5–10 mm; a space between words is 2–4 pt wide.
_GUTTER = 8

#: A gap between two words wider than this many times their height (some 8 spaces) parts two columns of text.
_WIDE_GAP = 2.0

#: Words whose tops are this close (pt) are on one line: pdfplumber's default.
_Y_TOLERANCE = 3

#: Characters whose baselines are this close (pt) are on one line: the baselines of one printed line are equal
#: to within rounding; those of two lines differ by a line's height.
_BASELINE_TOLERANCE = 1.0

#: A character takes the top of the characters of its baseline up to this many times smaller than itself: a small
#: capital is some 0.7–0.8 times the size of a capital; an address beside a logo's name, 0.4 times.
_SIZE_RATIO = 0.6


@dataclass(frozen=True)
class Line:
    """One line of text: where it starts (top, x0), where it ends (x1), its text and its words (pdfplumber's)."""

    top: float
    x0: float
    x1: float
    text: str
    words: tuple


def baseline(char: dict) -> float:
    """Return the distance from the top of the page to the baseline of an upright ``char``.

    The char's matrix places its origin (on the baseline); its box's bottom (``y0``) is below it by the descent.
    """
    return char["bottom"] - (char["matrix"][5] - char["y0"])


def aligned_chars(chars: list[dict]) -> list[dict]:
    """Return copies of ``chars`` in which the upright characters of one baseline have one top: the highest of the
    characters of that baseline that are at most :data:`_SIZE_RATIO` times larger than themselves.

    Spaces on a baseline of their own, with no letter, are left out: grouped with a line near theirs, they cut
    its words where they stand ("R éception"). A small type on the baseline of a much larger word (an address in
    8 pt beside a logo's name in 20 pt) keeps its own top: given the large word's, it was read into the line above.
    """
    tops: dict[int, float | None] = {}
    group: list[dict] = []

    def close() -> None:
        letters = any(c["text"].strip() for c in group)
        for char in group:
            near = [o["top"] for o in group if o["size"] * _SIZE_RATIO <= char["size"]]
            tops[id(char)] = min(near) if letters else None

    for char in sorted((c for c in chars if c["upright"]), key=baseline):
        if group and baseline(char) - baseline(group[0]) > _BASELINE_TOLERANCE:
            close()
            group = []
        group.append(char)
    if group:
        close()
    return [c if tops.get(id(c), c["top"]) == c["top"] else {**c, "top": tops[id(c)]} for c in chars
            if not (id(c) in tops and tops[id(c)] is None)]


#: Unicode's superscript digits: a footnote's call printed as a small raised figure is written with them.
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

#: A footnote's call is this many times smaller than the letter it follows, at most (some 0.55–0.8 in word
#: processors), and raised by this share of the letter's size, at least (some 0.3–0.4).
_CALL_SIZE, _CALL_RISE = 0.85, 0.2


def superscript_calls(chars: list[dict]) -> list[dict]:
    """Return ``chars`` in which the figures of a footnote's call (one to three, printed smaller and raised, with
    nothing else in their type and baseline next to them) are superscript digits, as a text file writes them: glued
    to a word, right after its last letter ("ANPAA" then a small "1": "ANPAA¹"), or opening the note's own line
    ("¹ Association nationale…"). Read as they were, they became part of the word ("ANPAA1", "Narbonnais2"). A
    stamp's figures printed over a line in a smaller type are no call: they run on with more characters.
    """
    upright = [c for c in chars if c["upright"] and c["text"].strip()]
    ends: dict[int, list[dict]] = {}
    begins: dict[int, list[dict]] = {}
    starts: dict[int, float] = {}
    for char in upright:
        if char["text"].isalpha() or char["text"] in "»)":
            ends.setdefault(round(char["x1"]), []).append(char)
        if char["text"].isalpha():
            begins.setdefault(round(char["x0"]), []).append(char)
        line = round(baseline(char))
        starts[line] = min(starts.get(line, char["x0"]), char["x0"])
    out = {}
    for run in _runs(upright):
        if len(run) > 3 or not all(c["text"].isdigit() for c in run):
            continue
        first, last = run[0], run[-1]
        glued = any(abs(b["x1"] - first["x0"]) < 0.6 and _raised(first, b)
                    for k in (-1, 0, 1) for b in ends.get(round(first["x0"]) + k, []))
        after = [c for k in range(math.ceil(last["size"]) + 1) for c in begins.get(round(last["x1"]) + k, [])
                 if 0 <= c["x0"] - last["x1"] < last["size"] and _raised(last, c)]
        if glued or after and starts.get(round(baseline(after[0])), 0) >= first["x0"] - 0.5:
            out.update((id(c), {**c, "text": c["text"].translate(_SUPERSCRIPT)}) for c in run)
    return [out.get(id(c), c) for c in chars]


def _runs(chars: list[dict]) -> list[list[dict]]:
    """The runs of characters of one type (size) and baseline that touch each other, from left to right."""
    runs = []
    key = lambda c: (round(baseline(c), 1), round(c["size"], 1))  # noqa: E731
    for _, same in itertools.groupby(sorted(chars, key=lambda c: (key(c), c["x0"])), key=key):
        run: list[dict] = []
        for char in same:
            if run and char["x0"] - run[-1]["x1"] > 0.5:
                runs.append(run)
                run = []
            run.append(char)
        runs.append(run)
    return runs


def _raised(char: dict, letter: dict) -> bool:
    """Whether ``char`` is printed smaller than ``letter`` and raised above its baseline, as a footnote's call."""
    rise = baseline(letter) - baseline(char)
    return char["size"] <= _CALL_SIZE * letter["size"] and _CALL_RISE * letter["size"] <= rise < 0.7 * letter["size"]


def text_lines(chars: list[dict]) -> list[Line]:
    """Return the lines of ``chars`` from top to bottom, as pdfplumber's ``extract_text`` reads them: words whose
    tops are within 3 pt are one line, joined by one space from left to right."""
    return _lines_of_words(extract_words(chars))


def _lines_of_words(words: list[dict]) -> list[Line]:
    lines = []
    for cluster in cluster_objects(words, lambda w: w["top"], _Y_TOLERANCE):
        row = sorted(cluster, key=lambda w: w["x0"])
        lines.append(Line(min(w["top"] for w in row), row[0]["x0"], max(w["x1"] for w in row),
                          " ".join(w["text"] for w in row), tuple(row)))
    return lines


def gap_pieces(line: Line) -> list[Line]:
    """Return the pieces of ``line`` that wide gaps (:data:`_WIDE_GAP`) part, left to right: ``[line]`` if none.

    pdfplumber joins the words of one line with one space, however far apart they are: a heading in two columns
    ("COMMUNE DE X" at the left, "RÉPUBLIQUE FRANÇAISE" at the right) came out as one line.
    """
    pieces, start = [], 0
    for i, (left, right) in enumerate(zip(line.words, line.words[1:]), 1):
        if right["x0"] - left["x1"] > _WIDE_GAP * (left["bottom"] - left["top"]):
            pieces += _lines_of_words(list(line.words[start:i]))
            start = i
    return pieces + _lines_of_words(list(line.words[start:])) if pieces else [line]


def heading_columns(lines: list[Line]) -> list[Line]:
    """Return ``lines`` with the heading that opens them read column by column, if a wide gap parts it in two.

    The first line that a wide gap parts (:func:`gap_pieces`) gives the gutter between the columns; the heading is
    the run of lines from the top that either a wide gap parts or that stand on one side of the gutter's middle,
    up to the first that crosses it. Its left column is read first, then its right one ("COMMUNE DE X", "Département de Y",
    then "RÉPUBLIQUE FRANÇAISE", "Liberté – Égalité – Fraternité"); the lines below are left as they are (an
    unruled table's row is parted by wide gaps too).
    """
    split = [gap_pieces(line) for line in lines]
    parted = next((pieces for pieces in split if len(pieces) > 1), None)
    if parted is None:
        return lines
    low, high = parted[0].x1, parted[1].x0
    middle = (low + high) / 2
    heading = list(itertools.takewhile(lambda pieces: len(pieces) > 1 or not pieces[0].x0 < middle < pieces[0].x1,
                                       split))
    if parted not in heading:
        return lines
    pieces = [piece for row in heading for piece in row]
    return ([piece for piece in pieces if piece.x0 < middle] + [piece for piece in pieces if piece.x0 >= middle]
            + lines[len(heading):])


def column_blocks(lines: list[Line]) -> list[tuple[float, Line]]:
    """Return ``lines`` in reading order, each with the top it is to be sorted by: the lines of a block of two
    columns of prose (:func:`_columns`) read column by column, with the top of the block's first line.

    A block of two columns under a full-width heading (the visas at the left, the decisions at the right) was read
    line by line across both, every sentence cut in two: the gutter between them is found over the block's lines
    only, those between two lines that cross it.
    """
    found = _columns(lines)
    if found is None:
        return [(line.top, line) for line in lines]
    start, end, cut = found
    words = [word for line in lines[start:end] for word in line.words]
    block = (_lines_of_words([w for w in words if w["x1"] <= cut])
             + _lines_of_words([w for w in words if w["x0"] >= cut]))
    return (column_blocks(lines[:start]) + [(lines[start].top, line) for line in block]
            + column_blocks(lines[end:]))


def _columns(lines: list[Line]) -> tuple[int, int, float] | None:
    """Return (start, end, x) of the longest run ``lines[start:end]`` of two columns of prose that a gutter at x
    parts, or None.

    A gutter is :data:`_GUTTER` pt wide at least, and crosses no word of the run. The run goes from the first line
    with words at both sides of the gutter to the last, and on over the lines that follow each other closely
    (:func:`_close`). Its columns are prose, not an unruled table's: each is a fifth of the text's width at least;
    their lines have three words or more, fill half their column or more, and have no wide gap.
    """
    if len(lines) < 3:
        return None
    left, right = int(min(line.x0 for line in lines)), int(max(line.x1 for line in lines)) + 1
    blocked = []
    for line in lines:
        row = bytearray(right - left + 1)
        for word in line.words:
            low, high = max(int(word["x0"] - _GUTTER / 2), left), min(int(word["x1"] + _GUTTER / 2) + 1, right)
            row[low - left:high - left + 1] = b"\1" * (high - low + 1)
        blocked.append(row)
    best: tuple[int, int, int, float] | None = None
    for x in range(left + 1, right, 2):
        i = 0
        while i < len(lines):
            if blocked[i][x - left]:
                i += 1
                continue
            j = i
            while j < len(lines) and not blocked[j][x - left]:
                j += 1
            both = [k for k in range(i, j) if lines[k].x0 < x < lines[k].x1]
            if len(both) >= 3 and (best is None or len(both) > best[0]):
                start, end = both[0], both[-1] + 1
                while start > i and _close(lines[start - 1], lines[start]):
                    start -= 1
                while end < j and _close(lines[end - 1], lines[end]):
                    end += 1
                if _prose_columns(lines[start:end], x, right - left):
                    best = (len(both), start, end, float(x))
            i = j
    return best[1:] if best else None


def _close(above: Line, below: Line) -> bool:
    """Whether ``below`` follows ``above`` in one column: less than two lines and a half of its height below."""
    return below.top - above.top <= 2.5 * (max(w["bottom"] for w in above.words) - above.top)


def _prose_columns(lines: list[Line], cut: float, width: float) -> bool:
    for side in (lambda w: w["x1"] <= cut, lambda w: w["x0"] >= cut):
        pieces = [piece for line in lines for piece in _lines_of_words([w for w in line.words if side(w)])]
        extent = max(p.x1 for p in pieces) - min(p.x0 for p in pieces)
        if extent < width / 5 or statistics.median(len(p.words) for p in pieces) < 3:
            return False
        if statistics.median(p.x1 - p.x0 for p in pieces) < extent / 2:
            return False
        if sum(len(gap_pieces(p)) > 1 for p in pieces) > len(pieces) / 10:
            return False
    return True


def words_of(chars: list[dict]) -> list[dict]:
    """Return the words of ``chars`` as pdfplumber's ``extract_words`` reads them."""
    return extract_words(chars)


def tilt_threshold(chars: list[dict]) -> float:
    """The least angle (degrees) at which a character of a page whose characters are ``chars`` is tilted
    (:func:`is_tilted`): :data:`_SLIGHT_TILT` when the page's text is level, else :data:`_TILT_MIN` (the text
    layer of a scan, turned by a degree or two as a whole)."""
    turns = [_off_quarter(c) for c in chars if c["upright"]]
    level = sum(turn < 0.5 for turn in turns)
    return _SLIGHT_TILT if turns and level >= _LEVEL_SHARE * len(turns) else _TILT_MIN


def _off_quarter(char: dict) -> float:
    angle = math.degrees(math.atan2(char["matrix"][1], char["matrix"][0])) % 90
    return min(angle, 90 - angle)


def is_tilted(char: dict, least: float = _TILT_MIN) -> bool:
    """Whether ``char`` is turned by an angle that is no quarter turn (a seal stamped askew over a signature).

    pdfminer counts such a character upright, and it was read into the lines it crosses, letter by letter
    ("Vincent DU★C LR O E IR U E X"). A slant (an oblique type) shears the matrix without turning its baseline.
    """
    return _off_quarter(char) >= least


def tilted_blocks(chars: list[dict], least: float = _TILT_MIN) -> list[str]:
    """Return the text of the tilted characters (:func:`is_tilted`), one block for each angle and group of lines.

    The characters are read in their own frame: along their baseline, and their lines from the top down.
    """
    blocks = []
    tilted = sorted((c for c in chars if is_tilted(c, least)), key=lambda c: round(_angle(c)))
    for _, same in itertools.groupby(tilted, key=lambda c: round(_angle(c))):
        same = list(same)
        turn = math.radians(_angle(same[0]))
        cos, sin = math.cos(turn), math.sin(turn)
        placed = [(c["matrix"][4] * cos + c["matrix"][5] * sin, c["matrix"][5] * cos - c["matrix"][4] * sin, c)
                  for c in same]
        lines = []
        for line in cluster_objects(placed, lambda p: -p[1], _Y_TOLERANCE):
            line.sort(key=lambda p: p[0])
            text = line[0][2]["text"]
            for (along, _, char), (after, _, then) in zip(line, line[1:]):
                end = along + char["adv"] * math.hypot(*char["matrix"][:2])
                text += (" " if after - end > 0.2 * char["size"] else "") + then["text"]
            lines.append((-line[0][1], re.sub(r"\s+", " ", text).strip()))
        lines.sort()
        block: list[str] = []
        for (top, text), (last, _) in zip(lines, [lines[0]] + lines):
            if block and top - last > _BLOCK_GAP:
                blocks.append("\n".join(block))
                block = []
            block.append(text)
        blocks.append("\n".join(block))
    return [block for block in blocks if block.strip()]


def _angle(char: dict) -> float:
    return math.degrees(math.atan2(char["matrix"][1], char["matrix"][0]))


def rotated_blocks(chars: list[dict]) -> list[str]:
    """Return the text of the characters turned a quarter (not upright), one block for each column of lines.

    Read with the page's upright text, a stamp printed along the margin came out one word per line through the
    body. A character's matrix tells which way it is turned: read downwards (turned clockwise), its lines follow
    each other from right to left; read upwards, from left to right.
    """
    blocks = []
    for downwards in (True, False):
        turned = [c for c in chars if not c["upright"] and (c["matrix"][1] < 0) == downwards]
        for column in cluster_objects(turned, lambda c: c["x0"], _BLOCK_GAP):
            char_dir, line_dir = ("ttb", "rtl") if downwards else ("btt", "ltr")
            text = extract_text(column, char_dir=char_dir, line_dir=line_dir, char_dir_rotated=char_dir,
                                line_dir_rotated=line_dir, char_dir_render="ltr", line_dir_render="ttb")
            if text.strip():
                blocks.append(text.strip())
    return blocks
