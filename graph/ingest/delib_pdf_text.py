"""The text layer of a deliberation's PDF (:func:`pdf_text`) and where each page's text lies in it
(:class:`PdfPages`), what the PDF library says of a damaged file kept for the file's report, and why a PDF could not
be read said in words.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from dataclasses import dataclass
from typing import Iterator

from graph.encodings import composed
from graph.ingest.base import InputError


#: What pdfminer logs of a sound file: a font that gives no box for its glyphs (a fallback font a browser embeds
#: for one symbol, "★") is read all the same, its characters' boxes from their size.
_NO_DAMAGE = re.compile(r"^Could not get FontBBox from font descriptor")


class _Heard(logging.Handler):
    """Keeps the distinct messages that a library logs, in their order, but for those of :data:`_NO_DAMAGE`."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: dict[str, None] = {}

    def emit(self, record: logging.LogRecord) -> None:
        if not _NO_DAMAGE.match(record.getMessage()):
            self.messages.setdefault(record.getMessage(), None)


@contextlib.contextmanager
def _pdf_library_warnings() -> Iterator[dict[str, None]]:
    """What pdfminer (under pdfplumber) logs while reading a damaged PDF — a corrupt stream, a font it cannot read —
    kept for the file's report instead of reaching the terminal in its own words, outside any report."""
    heard, logger = _Heard(), logging.getLogger("pdfminer")
    propagate = logger.propagate
    logger.addHandler(heard)
    logger.propagate = False
    try:
        yield heard.messages
    finally:
        logger.removeHandler(heard)
        logger.propagate = propagate


def _unreadable_pdf(exc: Exception) -> InputError:
    """Why a PDF could not be read: protected by a password (or encrypted in a way the library cannot undo), said
    with what to do; else unreadable or corrupt, said in words (the library's exception type told a coordinator
    nothing)."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    causes = [exc, *exc.args, exc.__cause__, exc.__context__]  # pdfplumber wraps pdfminer's error in its own
    if any(isinstance(c, PDFPasswordIncorrect) for c in causes):
        return InputError("PDF protégé par un mot de passe : il ne peut pas être lu ; demandez à qui l'a publié une "
                          "copie sans mot de passe, ou, si vous le connaissez, ouvrez le PDF et enregistrez-en une "
                          "copie sans protection",
                          message_en="PDF protected by a password: it cannot be read; ask whoever published it for a "
                                     "copy without a password or, if you know it, open the PDF and save a copy "
                                     "without protection")
    if any(isinstance(c, PDFEncryptionError) for c in causes):
        return InputError("PDF chiffré d'une manière qui ne peut pas être lue ici : ouvrez-le et enregistrez-en une "
                          "copie sans protection",
                          message_en="PDF encrypted in a way that cannot be read here: open it and save a copy "
                                     "without protection")
    return InputError("PDF illisible ou corrompu : sa structure interne est abîmée (fichier tronqué, ou mal produit "
                      "?) ; demandez-en une nouvelle copie, ou ouvrez-le et enregistrez-en une copie en PDF",
                      message_en="unreadable or corrupt PDF: its internal structure is damaged (a truncated or badly "
                                 "produced file?); ask for a new copy, or open it and save a copy as PDF")


@dataclass(frozen=True)
class PdfPages:
    """A PDF's text (:func:`pdf_text`) and where each page's own text lies in it: ``spans``, the runs of the text
    that one page writes, each (start, end, number of the page). A table that runs on over the next page
    (:attr:`graph.ingest.delib_pdf.PageText.runs_on`) is one in the text, at the page where it begins: its rows of
    the next page are a run of that page's, and a row that the page break split is of none.

    >>> pages = PdfPages("Séance du 2 mai\\n| A | 0 € |\\n| B | 5 € |\\nFait à Lyon", ((0, 28, 1), (29, 39, 2)))
    >>> pages.page_of(10, 15), pages.page_of(22, 25), pages.page_of(35, 38), pages.page_of(47, 51)
    (1, 1, 2, None)
    """

    text: str
    spans: tuple[tuple[int, int, int], ...]

    def page_of(self, start: int, end: int) -> int | None:
        """The number of the page whose own text holds ``text[start:end]`` whole; None when none does."""
        return next((page for low, high, page in self.spans if low <= start and end <= high), None)


def pdf_text(data: bytes, damage: list[str] | None = None) -> str:
    """Return the text layer of a PDF, page by page, its accents composed (:func:`graph.encodings.composed`: some
    producers draw "é" as "e" and a combining accent); raises InputError on a corrupt PDF or one without text.

    ``damage`` receives what the PDF library said of a damaged file it could still read (parts of the text may
    then be missing), each message once."""
    return pdf_pages(data, damage).text


def pdf_pages(data: bytes, damage: list[str] | None = None) -> PdfPages:
    """Return the text layer of a PDF (:func:`pdf_text`) with where each page's own text lies in it, so that a
    warning can name the page that writes what it says."""
    import pdfplumber

    from graph.ingest.delib_pdf import lay_out, read_page

    try:
        with _pdf_library_warnings() as heard, pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [read_page(page) for page in pdf.pages]
            lay_out(pages)
            if damage is not None:
                damage.extend(heard)
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types (PSEOF, PDFSyntaxError, KeyError…) on bad files
        raise _unreadable_pdf(exc) from None
    # Composed line by line, the text is the same as composed whole: a line end never composes with a neighbour.
    written = [(composed(line), number) for k, page in enumerate(pages, 1) for line, number in page.written(k)]
    return _checked("\n".join(line for line, _ in written), _page_runs(written))


def _page_runs(lines: list[tuple[str, int | None]]) -> tuple[tuple[int, int, int], ...]:
    """The runs of the text of ``lines`` (each with the page that writes it, or None), joined with line ends, that
    one page writes: the lines of one page one after the other make one run, an empty line (of a page that a table
    run on over it leaves empty, maybe) writing nothing."""
    runs: list[tuple[int, int, int]] = []
    start, before = 0, None
    for line, number in lines:
        if line and number is not None and number == before:
            runs[-1] = (runs[-1][0], start + len(line), number)
        elif line and number is not None:
            runs.append((start, start + len(line), number))
        start, before = start + len(line) + 1, number if line else before
    return tuple(runs)


def _checked(text: str, spans: tuple[tuple[int, int, int], ...]) -> PdfPages:
    """The PDF's text and its pages' runs; raises InputError when it has next to no text (a scan)."""
    if len(re.sub(r"\s", "", text)) < 40:
        raise InputError("PDF sans couche texte (document scanné ?) : aucun texte à extraire ; passez-le d'abord "
                         "dans un logiciel de reconnaissance de caractères (OCR)",
                         message_en="PDF without a text layer (scanned document?): run OCR on it first")
    return PdfPages(text, spans)
