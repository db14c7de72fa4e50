"""One PDF page as text: ruled tables as ``| … |`` lines at their place, a margin column apart, stamps apart.

pdfplumber's plain ``extract_text`` interleaves a margin column with the body line by line and flattens a table's
wrapped cells into unrelated lines (DATA-FORMATS.md pitfall 23: ``Projet Nationale des 40 000 €``). Reading the
ruled tables with ``find_tables`` and the margin column on its own keeps rows and sentences whole. A prefecture
stamp printed as a table, in a frame or turned along the margin is read apart too, as a block, and comes first
on its page.
"""

from __future__ import annotations

import re

from graph.ingest.pdf_lines import Line, aligned_chars, gap_pieces, rotated_blocks, text_lines, words_of

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
    lines at its left and at least twice as many words at its right.
    """
    for cut in range(int(width * 0.12), int(width * 0.45), 2):
        if any(w["x0"] < cut < w["x1"] for w in words):
            continue
        left = [w for w in words if w["x1"] <= cut]
        lines = {round(w["top"]) for w in left}
        if len(lines) >= 3 and len(words) - len(left) >= 2 * len(left):
            return float(cut)
    return None


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
    """Whether ``text`` (a framed box's) is a prefecture stamp: it gives an ACTES id, or a date of transmission or
    of reception in one of the wordings of :data:`graph.ingest.delib_text.STAMP_PATTERNS`."""
    from graph.ingest.delib_text import strip_stamps

    stamp = strip_stamps(text)[1]
    return bool(stamp.actes_raw or stamp.sent or stamp.received)


def stamp_boxes(page, chars: list[dict]) -> list[tuple]:
    """Return the bboxes of the framed boxes of ``page`` whose text (among ``chars``) is a prefecture stamp.

    pdfplumber finds no table in a frame of one cell, so that a framed stamp reached the body line by line, merged
    with the heading beside it. Any rectangle drawn on the page is a frame; the smallest first, so that a stamp
    framed inside a larger box is found and the larger box is not. A stamp holds under 400 characters.
    """
    found: list[tuple] = []
    for rect in sorted(page.rects, key=lambda r: (r["x1"] - r["x0"]) * (r["bottom"] - r["top"])):
        if rect["x1"] - rect["x0"] < 30 or rect["bottom"] - rect["top"] < 12:
            continue
        box = (rect["x0"] - 1, rect["top"] - 1, rect["x1"] + 1, rect["bottom"] + 1)
        text = "\n".join(line.text for line in text_lines([c for c in chars if _inside(c, [box])
                                                              and not _inside(c, found)]))
        if text and len(text) < 400 and _STAMP_HINT.search(text) and is_stamp_text(text):
            found.append(box)
    return found


def heading_columns(lines: list[Line]) -> list[Line]:
    """Return ``lines`` with the heading that opens them read column by column, if it is in two columns.

    The heading is the run of lines at the top that are either parted by a wide gap (:func:`gap_pieces`) or lie in
    one half of the text; it ends at the first line that spans the middle. If a wide gap parts one of its lines,
    its left column is read first, then its right one ("COMMUNE DE X", "Département de Y", then "RÉPUBLIQUE
    FRANÇAISE", "Liberté – Égalité – Fraternité"); below the heading, lines are left as they are (an unruled
    table's columns are parted by wide gaps too).
    """
    if not lines:
        return lines
    middle = (min(line.x0 for line in lines) + max(line.x1 for line in lines)) / 2
    split: list[list[Line]] = []
    for line in lines:
        pieces = gap_pieces(line)
        if len(pieces) == 1 and line.x0 < middle < line.x1:
            break
        split.append(pieces)
    if all(len(pieces) == 1 for pieces in split):
        return lines
    pieces = [piece for row in split for piece in row]
    left = [piece for piece in pieces if piece.x0 < middle]
    return left + [piece for piece in pieces if piece.x0 >= middle] + lines[len(split):]


def page_text(page) -> str:
    """Return the text of one pdfplumber page: stamps first, then the margin column, the body, any turned text."""
    tables = page.find_tables()
    stamps, blocks, boxes = [], [], []
    for table in tables:
        rows = table.extract()
        text = "\n".join(cell_text(c) for row in rows for c in row if cell_text(c))
        boxes.append(table.bbox)
        if _STAMP_HINT.search(text) and len(text) < 400:
            stamps.append("\n".join(c for row in rows for c in row if c and c.strip()))
        else:
            lines = ["| " + " | ".join(cell_text(c) for c in row) + " |" for row in rows]
            blocks.append((table.bbox[1], "\n".join(lines)))
    rest = [c for c in page.chars if not _inside(c, boxes)]
    turned = [c for c in rest if not c["upright"]]
    after = []
    if len(turned) < len(rest) / 2:  # a few turned words (a stamp along the margin), not a page printed turned
        rest = [c for c in rest if c["upright"]]
        for block in rotated_blocks(turned):
            (stamps if is_stamp_text(block) else after).append(block)
    rest = aligned_chars(rest)
    framed = stamp_boxes(page, rest)
    stamps += ["\n".join(line.text for line in text_lines([c for c in rest if _inside(c, [box])])) for box in framed]
    rest = [c for c in rest if not _inside(c, framed)]
    margin: list[Line] = []
    rule = margin_rule(page)
    if rule is None:
        cut = margin_cut(words_of(rest), page.width)
        rule = (cut, 0, page.height) if cut is not None else None
    if rule is not None:
        fence = [(0, rule[1] - 2, rule[0], rule[2] + 2)]
        margin = text_lines([c for c in rest if _inside(c, fence)])
        rest = [c for c in rest if not _inside(c, fence)]
    flow = text_lines(rest)
    above = [line for line in flow if not blocks or line.top < min(top for top, _ in blocks)]
    body = [(line.top, line.text) for line in heading_columns(above)]
    body += sorted([(line.top, line.text) for line in flow[len(above):]] + blocks, key=lambda item: item[0])
    lines = [text for _, text in body]
    if lines and lines[0].isupper():  # the body opens with its own heading: the margin's logo text must not lead
        parts = stamps + lines + [line.text for line in margin] + after
    else:
        parts = stamps + [line.text for line in margin] + lines + after
    return "\n".join(parts)
