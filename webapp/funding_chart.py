"""The funding page's bar chart: a table's totals as horizontal bars in inline SVG (escaped labels, no script),
drawn narrow enough to scale down to a phone's width with every amount in view."""

from __future__ import annotations

from markupsafe import Markup, escape

from webapp.formatting import format_money
from webapp.page_data import Table

#: The drawing's width in user units: a 375 px phone shows it in 327 px, its 14-unit text at 12.7 px. At 720 units
#: it scrolled sideways there, the biggest bar's amount 600 px to the right, out of sight.
WIDTH = 360
#: A character's width, over-estimated (14 px text: a digit is 7.7 px wide in system-ui, 8.4 px in DejaVu Sans), so
#: that a text said to fit does fit.
CHAR = 8.4
#: The widest label column (its labels are cut with an ellipsis past it): the bars keep 240 units at least.
MAX_LABEL = 112
ROW, BAR, GAP = 24, 18, 6


def _cut(label: str, room: float) -> str:
    """``label`` as it fits in ``room`` units, cut with an ellipsis when it does not.

    >>> _cut("2024", 112), _cut("Saint-Etienne Métropole", 112)
    ('2024', 'Saint-Etienn…')
    """
    fits = int(room // CHAR)
    return label if len(label) <= fits else label[:fits - 1].rstrip() + "…"


def _amount(text: str, bar_end: float, bar_start: float, y: int) -> str:
    """A bar's amount after its end, or inside it (right-aligned, light on the bar) when it would run past the
    drawing's edge: the biggest bar fills the width, and its amount was drawn off the chart."""
    if bar_end + GAP + CHAR * len(text) <= WIDTH or bar_end - bar_start < CHAR * len(text) + 2 * GAP:
        return f'<text x="{bar_end + GAP:g}" y="{y + 14}" class="chart-value">{escape(text)}</text>'
    return (f'<text x="{bar_end - GAP:g}" y="{y + 14}" text-anchor="end" class="chart-value chart-value-inside">'
            f'{escape(text)}</text>')


def bar_chart(table: Table, key: str, title: str) -> Markup:
    """A horizontal bar chart of ``table``'s totals (its first 20 rows of a total) as inline SVG, labelled by
    ``key``; a viewBox that scales to the screen's width, every amount inside the drawing, written as the table below
    it writes it, with its cents when it has some (« 858 266,40 € »: rounded to the euro, it disagreed with the table
    and the API)."""
    rows = [r for r in table.rows if r["total"]][:20]
    if not rows:
        return Markup("")
    labels = [row[key].label if hasattr(row[key], "label") else
              str(row[key] if row[key] is not None else table.blanks.get(key, "—")) for row in rows]
    start = min(MAX_LABEL, CHAR * max(len(label) for label in labels)) + GAP
    room = WIDTH - start
    top = max(r["total"] for r in rows)
    height = ROW * len(rows) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
             f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" class="chart">'
             f'<title>{escape(title)}</title>']
    for i, (row, label) in enumerate(zip(rows, labels)):
        y = 20 + ROW * i
        width = max(2, int(room * row["total"] / top))
        parts.append(f'<text x="0" y="{y + 14}" class="chart-label">{escape(_cut(label, start - GAP))}</text>'
                     f'<rect x="{start:g}" y="{y}" width="{width}" height="{BAR}" class="chart-bar"></rect>'
                     + _amount(format_money(row["total"]), start + width, start, y))
    parts.append("</svg>")
    return Markup("".join(parts))
