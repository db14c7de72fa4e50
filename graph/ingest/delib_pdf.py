"""A PDF's pages as text: ruled tables as ``| … |`` lines at their place, a margin column apart, stamps apart.

pdfplumber's plain ``extract_text`` interleaves a margin column with the body line by line and flattens a table's
wrapped cells into unrelated lines (DATA-FORMATS.md pitfall 23: ``Projet Nationale des 40 000 €``). Reading the
ruled tables with ``find_tables`` and the margin column on its own keeps rows and sentences whole. A prefecture
stamp printed as a table, in a frame (over a table, too), unframed over a table or turned along the margin is read
apart, as a block, and comes first on its page. Running headers and footers are kept once, so that what runs from
one page to the next joins up.

A list's markers drawn as shapes, not as characters, are put back as "- " (:func:`marked_line`), and leaders drawn
as rules or dots as "……" (:func:`led_line`). A grant table without vertical rules is read by its columns' places
(:mod:`graph.ingest.delib_pdf_tables`), and written as a ruled table's ``| … |`` lines.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from graph.ingest.delib_pdf_tables import GridTable, Rule, continued, grid_tables, join_parts, same_heads
from graph.ingest.pdf_lines import (Line, aligned_chars, column_blocks, heading_columns, is_tilted, rotated_blocks,
                                    superscript_calls, text_lines, tilt_threshold, tilted_blocks, words_of)

#: How many lines, at the top or the bottom of a page, a running header or footer may take.
_RUNNING_LINES = 5

#: The width and the height (pt) of a shape that may mark a list's item: a disc or a square of 3–5 pt.
_MARKER_SIZE = (2, 7)

#: A table whose text says this is a prefecture stamp, not data.
_STAMP_HINT = re.compile(r"pr[ée]fecture|accus[ée] de r[ée]ception|ex[ée]cutoire|\d{3}-\d{9}-\d{8}-", re.I)


def _inside(obj: dict, boxes: list[tuple]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def cell_text(text: str | None) -> str:
    """Return a table cell's text on one line; a line broken after a hyphen joins the next without a space.

    >>> cell_text("Amicale de Besse-et-Saint-\\nAnastaise")
    'Amicale de Besse-et-Saint-Anastaise'
    >>> cell_text("SAN-24-\\n001 – fonctionnement –\\nannée 2024")
    'SAN-24-001 – fonctionnement – année 2024'
    """
    text = re.sub(r"(?<=\w)([-–])[ \t]*\n[ \t]*(?=\w)", r"\1", text or "")
    return re.sub(r"\s+", " ", text).strip()


def margin_cut(words: list[dict], width: float) -> float | None:
    """Return the x of a gap that separates a narrow margin column from the body, or None.

    A cut is a vertical line, in the left 12–45 % of the page, that no word crosses, with words on at least three
    lines at its left and at least twice as many words at its right, and a gutter between them on each line that
    writes on both sides: the space between two words of a line ("MSP des Volcans", a table's cell at a page's
    head) parts no margin.
    """
    for cut in range(int(width * 0.12), int(width * 0.45), 2):
        if any(w["x0"] < cut < w["x1"] for w in words):
            continue
        left = [w for w in words if w["x1"] <= cut]
        lines = {round(w["top"]) for w in left}
        if len(lines) >= 3 and len(words) - len(left) >= 2 * len(left) and _guttered(left, words, cut):
            return float(cut)
    return None


#: The narrowest gap (pt) between a margin's words and the body's on one line: wider than a space between words.
_MARGIN_GUTTER = 8


def _guttered(left: list[dict], words: list[dict], cut: float) -> bool:
    """Whether each of the ``left`` words (a margin's, left of ``cut``) is a gutter away from the first word of
    ``words`` right of the cut on its line."""
    ends = {round(w["top"]): w["x1"] for w in sorted(left, key=lambda w: w["x1"])}
    return all(w["x0"] - ends[round(w["top"])] >= _MARGIN_GUTTER for w in words
               if w["x0"] >= cut and round(w["top"]) in ends)


def margin_rule(page) -> tuple[float, float, float] | None:
    """Return (x, top, bottom) of a vertical rule in the left 45 % of the page that fences a margin column.

    Rule segments drawn one under the other at the same x are joined; the rule must span 100 pt at least.
    """
    spans: dict[int, list[float]] = {}
    for obj in list(page.rects) + list(page.lines):
        if obj["x1"] - obj["x0"] < 2 and obj["bottom"] - obj["top"] > 20 and obj["x0"] < page.width * 0.45:
            span = spans.setdefault(round(obj["x0"]), [obj["top"], obj["bottom"]])
            span[0], span[1] = min(span[0], obj["top"]), max(span[1], obj["bottom"])
    best = max(spans.items(), key=lambda kv: kv[1][1] - kv[1][0], default=None)
    if best is None or best[1][1] - best[1][0] < 100:
        return None
    return float(best[0]), best[1][0], best[1][1]


def is_stamp_text(text: str) -> bool:
    """Whether ``text`` (a frame's, or turned words') is a prefecture stamp: it gives an ACTES id, or a date of
    transmission or of reception in one of the wordings of :data:`graph.ingest.delib_stamps.STAMP_PATTERNS`."""
    from graph.ingest.delib_stamps import strip_stamps

    stamp = strip_stamps(text)[1]
    return bool(stamp.actes_raw or stamp.sent or stamp.received)


def stamp_frames(page, chars: list[dict]) -> list[dict]:
    """Return the rectangles of ``page`` that frame a prefecture stamp, the text of their ``chars`` says so.

    pdfplumber finds no table in a frame of one cell, so that a framed stamp reached the body line by line, merged
    with the heading beside it; a frame that touches a table joined it, and the table was taken for the stamp.
    Any rectangle drawn on the page is a frame; the smallest first, so that a stamp framed inside a larger box is
    found and the larger box is not. A stamp holds under 400 characters.
    """
    found: list[dict] = []
    ordered = sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2)  # a table of many cells: many rectangles
    middles = [(c["top"] + c["bottom"]) / 2 for c in ordered]
    for rect in sorted(page.rects, key=lambda r: (r["x1"] - r["x0"]) * (r["bottom"] - r["top"])):
        if rect["x1"] - rect["x0"] < 30 or rect["bottom"] - rect["top"] < 12:
            continue
        box = _box(rect)
        band = ordered[bisect.bisect_left(middles, box[1]):bisect.bisect_right(middles, box[3])]
        inner = [c for c in band if _inside(c, [box]) and not _inside(c, [_box(r) for r in found])]
        text = "\n".join(line.text for line in text_lines(inner))
        if text and len(text) < 400 and _STAMP_HINT.search(text) and is_stamp_text(text):
            found.append(rect)
    return found


def _box(rect: dict) -> tuple:
    return rect["x0"] - 1, rect["top"] - 1, rect["x1"] + 1, rect["bottom"] + 1


@dataclass
class PageText:
    """One page read apart: its stamps, its body (each item a text line with its :class:`Line`, or a table's
    ``| … |`` rows with None, or with its :class:`GridTable` when it has no vertical rules), its margin column (first,
    or after the body), its turned text (last), and its horizontal rules (where a table from the page before goes
    on, they part its rows)."""

    stamps: list[str] = field(default_factory=list)
    body: list[tuple[str, Line | GridTable | None]] = field(default_factory=list)
    margin: list[str] = field(default_factory=list)
    margin_first: bool = True
    turned: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    #: Whether the body ends with a table that runs on over the next page, its rows there taken here
    #: (:func:`join_page_tables`).
    runs_on: bool = False

    def text(self) -> str:
        """Return the page's text: stamps, the margin if first, the body, the margin if not, turned text."""
        return "\n".join(self._parts())

    def written(self, number: int) -> list[tuple[str, int | None]]:
        """Return the lines of :meth:`text`, each with the number of the page that writes it: this one's, ``number``,
        but for the rows of a table that runs on over the next pages (:attr:`runs_on`), each of its own page
        (:attr:`graph.ingest.delib_pdf_tables.GridTable.pages`), or of none for a row that a page break split."""
        lines = [(line, number) for line in self.text().split("\n")]
        if self.runs_on:
            start = sum(part.count("\n") + 1 for part in self.stamps + (self.margin if self.margin_first else [])
                        + [text for text, _ in self.body[:-1]])
            text, table = self.body[-1]
            rows = [number] + table.pages  # its heads, then its rows
            lines[start:start + len(rows)] = list(zip(text.split("\n"), rows))
        return lines

    def _parts(self) -> list[str]:
        body = [text for text, _ in self.body]
        margin = self.margin if self.margin_first else []
        return self.stamps + margin + body + self.margin[len(margin):] + self.turned


def _is_stamp_table(rows: list[list[str | None]]) -> bool:
    text = "\n".join(cell_text(c) for row in rows for c in row if cell_text(c))
    return bool(_STAMP_HINT.search(text)) and len(text) < 400


def _tables(page, stamps: list[str]) -> tuple[list[tuple], list[tuple[float, str]]]:
    """Return the bboxes of the ruled tables of ``page`` and the (top, rows) of those that are not stamps; the
    stamps' text goes to ``stamps``."""
    boxes, blocks = [], []
    for table in page.find_tables():
        rows = table.extract()
        boxes.append(table.bbox)
        if _is_stamp_table(rows):
            stamps.append("\n".join(c for row in rows for c in row if c and c.strip()))
        else:
            blocks.append((table.bbox[1], "\n".join("| " + " | ".join(cell_text(c) for c in row) + " |"
                                                    for row in rows)))
    return boxes, blocks


def _key(char: dict) -> tuple:
    """What tells a character from another, whatever top :func:`aligned_chars` gave it."""
    return char["text"], char["x0"], char["y0"]


def _style(char: dict) -> tuple:
    return round(char["size"], 1), str(char.get("non_stroking_color"))


def _stamp_chars(page, upright: list[dict]) -> tuple[list[dict], list[list[dict]]]:
    """Return the frames of the stamps on ``page`` and, for each, its characters among ``upright``.

    A stamp printed over a table (of data, not the stamp's own) frames some of the table's words too: there, the
    stamp's characters are those of its most common size and colour (a stamp is printed in one small type), and
    the others stay the table's.
    """
    frames = stamp_frames(page, upright)
    drawn = {id(rect) for rect in frames}
    tables = [t.bbox for t in (page.filter(lambda obj: id(obj) not in drawn).find_tables() if frames else [])
              if not _is_stamp_table(t.extract())]
    taken: set[tuple] = set()
    stamps = []
    for rect in frames:
        box = _box(rect)
        inner = [c for c in upright if _inside(c, [box]) and _key(c) not in taken]
        if inner and any(box[0] < x1 and x0 < box[2] and box[1] < bottom and top < box[3]
                         for x0, top, x1, bottom in tables):
            common = Counter(map(_style, inner)).most_common(1)[0][0]
            inner = [c for c in inner if _style(c) == common]
        taken.update(map(_key, inner))
        stamps.append(inner)
    return frames, stamps


def _loose_stamp_chars(page, upright: list[dict], taken: set[tuple]) -> list[list[dict]]:
    """Return the characters of each prefecture stamp printed over a table of ``page`` with no frame of its own.

    An ACTES platform prints its stamp as plain text over the page; over a table, pdfplumber read it into the
    cells of the row under it ("Pétanque Club de Villars n préfecture 042-…-DE Date"). A stamp is printed in a
    type of its own: the characters of the table's box in a size and colour that is not the table's most common
    one, with those of that type on the same lines outside the box, are a stamp if their text is one
    (:func:`is_stamp_text`). ``page`` is the page without the framed stamps; ``taken`` receives the characters.
    """
    if not _STAMP_HINT.search("".join(c["text"] for c in upright)):
        return []
    stamps = []
    for table in page.find_tables():
        inner = [c for c in upright if _inside(c, [table.bbox]) and _key(c) not in taken]
        for style, _ in Counter(map(_style, inner)).most_common()[1:]:
            chars = [c for c in inner if _style(c) == style]
            top, bottom = min(c["top"] for c in chars), max(c["bottom"] for c in chars)
            chars = [c for c in upright if _style(c) == style and _key(c) not in taken
                     and c["top"] < bottom and top < c["bottom"]]
            text = "\n".join(line.text for line in text_lines(chars))
            if len(text) < 400 and _STAMP_HINT.search(text) and is_stamp_text(text):
                taken.update(map(_key, chars))
                stamps.append(chars)
    return stamps


def _marker_boxes(page) -> list[tuple]:
    """Return the boxes of the small filled shapes of ``page`` (:data:`_MARKER_SIZE`): list markers, maybe."""
    low, high = _MARKER_SIZE
    return [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in list(page.curves) + list(page.rects)
            if o.get("fill") and low <= o["x1"] - o["x0"] <= high and low <= o["bottom"] - o["top"] <= high]


def marked_line(line: Line, markers: list[tuple]) -> Line:
    """Return ``line`` opened by "- " if a list marker (one of the boxes ``markers``) stands just left of it.

    A browser (and some word processors) draws the discs or squares of a list as shapes, not as characters: the
    items came without their marker, and a list of grants read as its first item only. A marker is at the height
    of the line's middle, at most twice the line's height left of its first word.
    """
    height = max(w["bottom"] for w in line.words) - line.top
    middle = line.top + height / 2
    if any(0 <= line.x0 - x1 <= 2 * height and top <= middle <= bottom for _, top, x1, bottom in markers):
        return dataclasses.replace(line, text="- " + line.text)
    return line


#: A drawn leader is at most this high (pt): a rule, or a row of dots a few tenths of a point high.
_LEADER_HEIGHT = 1.5
#: Two pieces of a leader this close (pt) or closer are one: the dots of a dotted rule are 1–2 pt apart.
_LEADER_STEP = 3


def leader_spans(page) -> list[tuple[float, float, float]]:
    """Return the horizontal leaders drawn on ``page`` as (x0, x1, middle): its thin rules, and its rows of dots
    (a browser's dotted border, a word processor's drawn tab leader) each merged into one span."""
    pieces = sorted(((o["top"] + o["bottom"]) / 2, o["x0"], o["x1"])
                    for o in list(page.lines) + list(page.rects) + list(page.curves)
                    if o["bottom"] - o["top"] <= _LEADER_HEIGHT and o["x1"] > o["x0"])
    spans: list[tuple[float, float, float]] = []
    for middle, x0, x1 in pieces:
        if spans and abs(spans[-1][2] - middle) <= 0.5 and x0 - spans[-1][1] <= _LEADER_STEP:
            spans[-1] = (spans[-1][0], max(x1, spans[-1][1]), spans[-1][2])
        else:
            spans.append((x0, x1, middle))
    return spans


def led_line(line: Line, spans: list[tuple[float, float, float]]) -> Line:
    """Return ``line`` with "……" between two of its words that a drawn leader (one of ``spans``) joins.

    A leader drawn as a rule or as dots, not as characters, left a name and its amount one space apart ("Gym
    volontaire aubinoise 350 €"), and a list of grants so printed was read as none. A leader runs along the line's
    lower part, across most of a gap at least as wide as the line is high (some three spaces)."""
    words = line.words
    if len(words) < 2 or not spans:
        return line
    height = max(w["bottom"] for w in words) - line.top
    joins = []
    for left, right in zip(words, words[1:]):
        gap = right["x0"] - left["x1"]
        led = gap >= height and any(
            line.top + height / 2 <= middle <= line.top + height * 1.5 and x0 <= left["x1"] + gap / 4
            and x1 >= right["x0"] - gap / 4 for x0, x1, middle in spans)
        joins.append(" …… " if led else " ")
    if all(j == " " for j in joins):
        return line
    text = words[0]["text"] + "".join(j + w["text"] for j, w in zip(joins, words[1:]))
    return dataclasses.replace(line, text=text) if " ".join(w["text"] for w in words) == line.text else line


def read_page(page) -> PageText:
    """Read one pdfplumber page into a :class:`PageText`."""
    out = PageText()
    tilt = tilt_threshold(page.chars)
    upright = aligned_chars(superscript_calls([c for c in page.chars if c["upright"] and not is_tilted(c, tilt)]))
    frames, stamps = _stamp_chars(page, upright)
    drawn, taken = {id(rect) for rect in frames}, {_key(c) for chars in stamps for c in chars}
    stamps += _loose_stamp_chars(page.filter(lambda obj: id(obj) not in drawn and not (
        obj.get("object_type") == "char" and _key(obj) in taken)), upright, taken)
    out.stamps += ["\n".join(line.text for line in text_lines(chars)) for chars in stamps]
    # The tables without the stamps' frames and words: a stamp printed over a table is not one of its cells.
    boxes, blocks = _tables(page.filter(lambda obj: id(obj) not in drawn and not (
        obj.get("object_type") == "char" and (_key(obj) in taken or is_tilted(obj, tilt)))), out.stamps)
    turned = rotated_blocks([c for c in page.chars if not c["upright"] and not _inside(c, boxes)])
    for block in turned + tilted_blocks([c for c in page.chars if c["upright"] and not _inside(c, boxes)], tilt):
        (out.stamps if len(block) < 400 and is_stamp_text(block) else out.turned).append(block)
    rest = [c for c in upright if not _inside(c, boxes) and _key(c) not in taken]
    rule = margin_rule(page)
    if rule is None:
        cut = margin_cut(words_of(rest), page.width)
        rule = (cut, 0, page.height) if cut is not None else None
    if rule is not None:
        fence = [(0, rule[1] - 2, rule[0], rule[2] + 2)]
        out.margin = [line.text for line in text_lines([c for c in rest if _inside(c, fence)])]
        rest = [c for c in rest if not _inside(c, fence)]
    markers, out.rules = _marker_boxes(page), leader_spans(page)
    lines = text_lines(rest)
    grids = grid_tables(lines, out.rules)
    in_grids = {k for _, indices in grids for k in indices}
    lines = [(top, marked_line(led_line(line, out.rules), markers))
             for top, line in column_blocks([line for k, line in enumerate(lines) if k not in in_grids])]
    items: list[tuple[float, str, Line | GridTable | None]] = [(top, line.text, line) for top, line in lines]
    items += [(top, rows, None) for top, rows in blocks] + [(grid.top, grid.text(), grid) for grid, _ in grids]
    out.body = [(text, line) for _, text, line in sorted(items, key=lambda item: item[0])]
    # A body that opens with its own heading (a line in capitals): the margin's logo text must not lead.
    out.margin_first = not (out.body and out.body[0][0].isupper())
    return out


def drop_running_lines(pages: list[PageText]) -> None:
    """Drop from ``pages`` their running headers and footers, but on the first page (headers) or the last (footers).

    A running header is a run of lines that opens the body of a page, each of them among the first
    :data:`_RUNNING_LINES` of most pages, the same but for its numbers ("Page 2 / 3"); a footer, the same at the end.
    Repeated on every page, a header ("Conseil régional", "Publié le 23/05/2024") broke the sentence or the table
    that runs from one page to the next.
    """
    def key(text: str) -> str:
        return re.sub(r"\d+", "0", text)

    for edge, keep in ((slice(0, _RUNNING_LINES), 0), (slice(-_RUNNING_LINES, None), len(pages) - 1)):
        seen = Counter(k for page in pages for k in {key(text) for text, line in page.body[edge]
                                                     if isinstance(line, Line)})
        running = {k for k, n in seen.items() if n >= 2 and n > len(pages) / 2}
        for number, page in enumerate(pages):
            body = page.body if edge.start == 0 else page.body[::-1]
            run = len(list(itertools.takewhile(lambda item: isinstance(item[1], Line) and key(item[0]) in running,
                                               body)))
            if number != keep and run:
                page.body = page.body[run:] if edge.start == 0 else page.body[:-run]


def join_page_tables(pages: list[PageText]) -> None:
    """Make one table of a table without vertical rules that runs from a page's foot to the next page's head, once
    the running headers and footers are dropped: its part on the next page, its heads repeated there or not
    (:func:`graph.ingest.delib_pdf_tables.continued`), goes to the page where it begins, and a row that the break
    split is made whole (:func:`graph.ingest.delib_pdf_tables.join_parts`)."""
    ending: PageText | None = None  # the last page whose body ends with such a table
    begins = 0  # that page's number
    for number, page in enumerate(pages, 1):
        if ending is not None and page.body and (found := _table_part(ending.body[-1][1], page)) is not None:
            whole = join_parts(ending.body[-1][1], found[0], begins, number)
            ending.body[-1], ending.runs_on = (whole.text(), whole), True
            page.body = page.body[found[1]:]
            if not page.body:
                continue
        ending, begins = (page, number) if page.body and isinstance(page.body[-1][1], GridTable) else (None, 0)


def _table_part(table: GridTable, page: PageText) -> tuple[GridTable, int] | None:
    """The part of ``table`` that opens the body of ``page`` and how many of its items it takes, or None."""
    first = page.body[0][1]
    if isinstance(first, GridTable):
        return (first, 1) if same_heads(table, first) else None
    leading = [line for _, line in itertools.takewhile(lambda item: isinstance(item[1], Line), page.body)]
    return continued(table, leading, page.rules) if leading else None


def lay_out(pages: list[PageText]) -> None:
    """Set out a PDF's pages as the document's text reads them: running headers and footers dropped, a table
    without vertical rules that runs over pages made one (:func:`join_page_tables`), the first page's heading read
    column by column (:func:`graph.ingest.pdf_lines.heading_columns`)."""
    drop_running_lines(pages)
    join_page_tables(pages)
    if pages:
        first = pages[0]
        leading = [line for _, line in itertools.takewhile(lambda item: isinstance(item[1], Line), first.body)]
        first.body = [(line.text, line) for line in heading_columns(leading)] + first.body[len(leading):]

