"""The pages of a PDF where each quote of a deliberation starts and ends (``mai:pageStart``, ``mai:pageEnd``), so
that an auditor finds a quote in the printed PDF: its offsets (``oa:start``) count in the normalised text, which no
printed page shows.

The normalised text (:func:`graph.ingest.delib_text.normalise_text`) is not the PDF's text that the pages' spans
(:class:`graph.ingest.delib_pdf_text.PdfPages`) count in: the stamps are moved after the body, the page breaks, the
running heads and a table's repeated header dropped, a word cut at a line's end joined. So its words are first
matched, once per file and in order, with the words of the PDF's text (:func:`_matched_words`: linear, one pass
with a look-up of three words in a row where the texts part, not a diff whose cost grows with the square of a long
file's repeated words); each word matched takes the page of its PDF word. A quote's pages are then those of its
first and last words matched, found by bisection over the matched words' offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from graph.ingest.delib_text import Document

_WORD = re.compile(r"\w+")
#: How many words in a row show that the two texts are in step again after words that one of them lacks.
_IN_STEP = 3
#: How many words of the normalised text the texts may part on at most (a word cut at a line's end joined: one;
#: a figure written again "20 000" as "20000": two), and what skipping one costs against skipping a word of the
#: PDF's text: a stamp or a page break in the PDF's flow is tens of words that the normalised text lacks.
_NORMALISED_SKIPS, _SKIP_COST = 8, 8
#: How many words of the PDF's text the normalised text may lack in a row (a stamp, a page break and a running
#: head: tens of words): further on, three words that match are words the file writes again, not the same place.
_REACH = 400


@dataclass(frozen=True)
class QuotePages:
    """The pages of a deliberation's PDF that write the words of its normalised text: ``offsets``, the offset in
    the normalised text of each word matched with a word of the PDF's text (ascending), and ``pages``, the pages
    that write that word: (n, n) for a word of page n, (n, n + 1) for a word of a table's row that the break
    between them split (its cells are of both pages).

    >>> pages = QuotePages((0, 10, 30, 45), ((1, 1), (1, 2), (2, 2), (3, 3)))
    >>> pages.pages_of(0, 5), pages.pages_of(0, 15), pages.pages_of(12, 50), pages.pages_of(50, 60)
    ((1, 1), (1, 2), (2, 3), (None, None))
    """

    offsets: tuple[int, ...]
    pages: tuple[tuple[int, int], ...]

    def pages_of(self, start: int, end: int) -> tuple[int | None, int | None]:
        """The page where the first matched word of ``text[start:end]`` starts and the page where its last ends;
        (None, None) when it has none."""
        first, last = bisect_left(self.offsets, start), bisect_left(self.offsets, end) - 1
        return (self.pages[first][0], self.pages[last][1]) if first <= last else (None, None)


def quote_pages(document: Document) -> QuotePages | None:
    """The pages of the words of a deliberation's normalised text, from its PDF's pages; None for a text file
    (:attr:`Document.pages` None), which has none.

    The body is matched from the PDF text's start on, and so is the stamps' text, which the normalised text moves
    after the body from wherever the PDF writes it.

    >>> from graph.ingest.delib_stamps import Stamp
    >>> from graph.ingest.delib_pdf_text import PdfPages
    >>> pdf = PdfPages("Séance du 2 mai\\nReçu le 3 mai\\nla subven-\\ntion de 500 €", ((0, 29, 1), (30, 54, 2)))
    >>> text = "Séance du 2 mai\\nla subvention de 500 €\\n\\n[Tampon de la préfecture]\\nReçu le 3 mai"
    >>> found = quote_pages(Document(text, text[:38], Stamp(), pages=pdf))
    >>> found.pages_of(0, 38), found.pages_of(16, 38), found.pages_of(66, 79)
    ((1, 2), (2, 2), (1, 1))
    """
    pages = document.pages
    if pages is None:
        return None
    pdf_words = list(_WORD.finditer(pages.text))
    words = [word.group(0) for word in pdf_words]
    places: dict[tuple[str, ...], list[int]] = {}
    for k, run in enumerate(zip(*(words[n:] for n in range(_IN_STEP)))):
        places.setdefault(run, []).append(k)
    starts = [low for low, _, _ in pages.spans]
    offsets: list[int] = []
    found: list[tuple[int, int]] = []
    # the stamps' text looked for from the PDF text's start, as far as it goes: the PDF writes a stamp anywhere
    for part, reach in ((_WORD.finditer(document.text, 0, len(document.body)), _REACH),
                        (_WORD.finditer(document.text, document.stamp_start), len(words))):
        own = list(part)
        for k, at in _matched_words([word.group(0) for word in own], words, places, reach):
            if (page := _pages_at(pages.spans, starts, pdf_words[at].start())) is not None:
                offsets.append(own[k].start())
                found.append(page)
    return QuotePages(tuple(offsets), tuple(found))


def _matched_words(words: list[str], pdf_words: list[str], places: dict[tuple[str, ...], list[int]],
                   reach: int = _REACH) -> list[tuple[int, int]]:
    """The words of ``words`` matched in order with words of ``pdf_words``, as (index in ``words``, index in
    ``pdf_words``): the same word in step, or, where the texts part, the nearest place where both go on with the
    same :data:`_IN_STEP` words (``places``: where each such run of ``pdf_words`` is) within ``reach`` words of
    ``pdf_words``; a word of ``words`` left unmatched when there is none.

    >>> pdf = "Séance du 2 mai Reçu en préfecture le 3 mai la subven tion de 500 € est votée".split()
    >>> places = {tuple(pdf[k:k + 3]): [k] for k in range(len(pdf) - 2)}
    >>> _matched_words("Séance du 2 mai la subvention de 500 € est votée".split(), pdf, places)
    [(0, 0), (1, 1), (2, 2), (3, 3), (4, 10), (6, 13), (7, 14), (8, 15), (9, 16), (10, 17)]
    """
    matched: list[tuple[int, int]] = []
    k = at = 0
    while k < len(words) and at < len(pdf_words):
        if words[k] == pdf_words[at]:
            matched.append((k, at))
            k, at = k + 1, at + 1
        elif (step := _in_step_again(words, k, at, pdf_words, places, reach)) is not None:
            matched += _gap_words(words, pdf_words, (k, at), step)
            k, at = step
        else:
            k += 1
    return matched


def _in_step_again(words: list[str], k: int, at: int, pdf_words: list[str],
                   places: dict[tuple[str, ...], list[int]], reach: int) -> tuple[int, int] | None:
    """Where ``words`` from ``k`` and ``pdf_words`` from ``at`` go on with the same :data:`_IN_STEP` words again
    (the same last words, at the end of ``words``) at the least cost (:data:`_SKIP_COST`), within
    :data:`_NORMALISED_SKIPS` words of ``words`` and ``reach`` words of ``pdf_words``; None when they do not."""
    best: tuple[int, int, int] | None = None
    for skipped in range(min(_NORMALISED_SKIPS, len(words) - k)):
        if best is not None and skipped * _SKIP_COST >= best[0]:
            break
        run = tuple(words[k + skipped:k + skipped + _IN_STEP])
        if (found := _run_at(run, at, pdf_words, places, reach)) is not None:
            cost = found - at + skipped * _SKIP_COST
            if best is None or cost < best[0]:
                best = (cost, k + skipped, found)
    return best[1:] if best is not None else None


def _gap_words(words: list[str], pdf_words: list[str], since: tuple[int, int], step: tuple[int, int]
               ) -> list[tuple[int, int]]:
    """The words of ``words`` between ``since`` and ``step`` (where the texts parted and are in step again) that the
    PDF's words between them write too, matched from the last back (« la » before « subvention », which the PDF
    cuts « subven-tion »): what the PDF writes there and the normalised text lacks (a stamp, a page break) comes
    before the words it goes on with."""
    matched, high = [], step[1]
    for k in range(step[0] - 1, since[0] - 1, -1):
        at = next((at for at in range(high - 1, since[1] - 1, -1) if pdf_words[at] == words[k]), None)
        if at is not None:
            matched.append((k, at))
            high = at
    return matched[::-1]


def _run_at(run: tuple[str, ...], at: int, pdf_words: list[str], places: dict[tuple[str, ...], list[int]],
            reach: int) -> int | None:
    """The first index of ``pdf_words`` from ``at``, within ``reach``, where ``run`` is written; a run shorter
    than :data:`_IN_STEP` words (the last words of a text), which ``places`` does not hold, looked for word by
    word."""
    if len(run) == _IN_STEP:
        runs = places.get(run, ())
        n = bisect_left(runs, at)
        return runs[n] if n < len(runs) and runs[n] - at <= reach else None
    return next((k for k in range(at, min(at + reach, len(pdf_words) - len(run)) + 1)
                 if tuple(pdf_words[k:k + len(run)]) == run), None)


def _pages_at(spans: tuple[tuple[int, int, int], ...], starts: list[int], offset: int) -> tuple[int, int] | None:
    """The pages that write ``offset`` of the PDF's text, by bisection over its pages' ``spans`` (``starts``, their
    starts): (n, n) in a run of page n; between two runs (a table's row that a page break split), their pages;
    None before the first.

    >>> spans = ((0, 10, 1), (20, 30, 2))
    >>> [_pages_at(spans, [0, 20], offset) for offset in (5, 15, 25, 35)]
    [(1, 1), (1, 2), (2, 2), (2, 2)]
    """
    n = bisect_right(starts, offset) - 1
    if n < 0:
        return None
    if offset < spans[n][1] or n + 1 == len(spans):
        return spans[n][2], spans[n][2]
    return spans[n][2], spans[n + 1][2]
