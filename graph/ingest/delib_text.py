"""The text of a deliberation: PDF text layer or Markdown made plain, prefecture stamps taken out of the flow.

A PDF page is read with pdfplumber: ruled tables become ``| cell | cell |`` lines at their place, a margin column
(Montpellier's "Extrait du registre…" sidebar) is read apart from the body, and a stamp drawn as a table is read
apart too. Stamps that land inside the text flow (mid-sentence, mid-table: DATA-FORMATS.md pitfall 22) are cut out
with the regexes of :data:`graph.ingest.delib_stamps.STAMP_PATTERNS`; their data (ACTES id, dates, platform) is kept
in a :class:`graph.ingest.delib_stamps.Stamp` and their text is appended after the body under :data:`STAMP_HEADING`,
so that evidence can still quote them.

This module makes the :class:`Document` of a text (:func:`normalise_text`) by running the steps kept elsewhere: the
PDF's text layer (:mod:`graph.ingest.delib_pdf_text`), a web page's Markdown made plain
(:mod:`graph.ingest.delib_web_text`), the layout undone (:mod:`graph.ingest.delib_text_layout`), the stamps
(:mod:`graph.ingest.delib_stamps`), the page breaks (:mod:`graph.ingest.delib_page_breaks`) and what line breaks cut
(:mod:`graph.ingest.delib_line_joins`).

>>> doc = normalise_text("La Ville attribue une\\nReçu en préfecture le 02/06/2023\\nsubvention de 500 €.")
>>> doc.body
'La Ville attribue une\\nsubvention de 500 €.'
>>> doc.stamp.received
datetime.date(2023, 6, 2)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.ingest.delib_line_joins import (currency_after, join_cut_lines, join_cut_words, join_split_amounts,
                                           set_leaders_apart)
from graph.ingest.delib_page_breaks import drop_page_breaks, drop_table_page_repeats
from graph.ingest.delib_prose_columns import unfold_prose_columns
from graph.ingest.delib_running_heads import drop_running_heads
from graph.ingest.delib_stamps import Stamp, join_cut_months, strip_stamps
from graph.ingest.delib_text_layout import clean_text, join_accents, plain_box_lines, unbox, unify_line_ends
from graph.ingest.delib_web_text import html_characters, markdown_to_plain

if TYPE_CHECKING:
    from graph.ingest.delib_pdf_text import PdfPages


#: The line that separates the body from the stamps' text in the normalised text.
STAMP_HEADING = "[Tampon de la préfecture]"


@dataclass
class Document:
    """The normalised text of a deliberation: ``text[:len(body)]`` is the body, the stamps' text follows."""

    text: str
    body: str
    stamp: Stamp
    #: What the reader doubted while normalising the text, as (French, English) warnings.
    doubts: list[tuple[str, str]] = field(default_factory=list)
    #: The file's own text line for line (:func:`own_lines`), where a warning finds the line that writes what it
    #: says; None for a PDF, whose text is its pages' joined and set out anew, no line of it the file's.
    source: str | None = None
    #: A PDF's text as read, with where each page's own text lies in it, where a warning finds the page that writes
    #: what it says; None for a text file.
    pages: PdfPages | None = None

    @property
    def stamp_start(self) -> int:
        """Offset of the stamps' text in :attr:`text` (its end when there is no stamp)."""
        index = self.text.find(STAMP_HEADING, len(self.body))
        return index + len(STAMP_HEADING) + 1 if index >= 0 else len(self.text)


def own_lines(text: str) -> str | None:
    """A text file's ``text`` with its lines where the file has them, counted as :func:`graph.limits.check_line_length`
    counts them (by their "\\n"), its HTML character references read as the reader reads them
    (:func:`graph.ingest.delib_web_text.html_characters`) but none made a line end ("&#10;"), its accents written
    apart joined to their letters as the reader joins them (:func:`graph.ingest.delib_text_layout.join_accents`);
    None for a file whose lines a lone carriage return ends, which an editor counts as lines and "\\n" does not.

    >>> own_lines("Séance du 3&nbsp;mai 2024\\r\\nObjet&#10;: subvention de´partementale")
    'Séance du 3\\xa0mai 2024\\r\\nObjet : subvention départementale'
    >>> own_lines("Séance\\rObjet") is None
    True
    """
    if re.search(r"\r(?!\n)", text):
        return None
    return "\n".join(join_accents(html_characters(line).replace("\n", " ")) for line in text.split("\n"))


def normalise_text(text: str, markdown: bool = False) -> Document:
    """Return the :class:`Document` of a deliberation's raw text; its line ends unified first, so that a box's rows
    and a Markdown's marks end at the line's end in a text saved with CR LF."""
    text = unify_line_ends(text)
    text = unfold_prose_columns(clean_text(unbox(markdown_to_plain(text) if markdown else text)))
    text = join_cut_months(text)
    body, stamp = strip_stamps(text)
    doubts: list[tuple[str, str]] = []
    # (a table drawn with box lines drawn in ASCII once a header's repeats are dropped: its rules, all alike, are none)
    body = join_cut_words(plain_box_lines(drop_table_page_repeats(drop_running_heads(drop_page_breaks(body)))))
    body = currency_after(join_split_amounts(join_cut_lines(set_leaders_apart(body)), doubts))
    body = re.sub(r"\n{3,}", "\n\n", body).strip("\n")
    full = body
    if stamp.quotes:
        full = body + "\n\n" + STAMP_HEADING + "\n" + "\n".join(stamp.quotes) + "\n"
    return Document(full, body, stamp, doubts)
