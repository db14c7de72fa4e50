"""The report of a deliberation's reading (:class:`graph.ingest.delib_reader.Reader`): its counts of grants, totals
and attendance (:func:`read_stats`), summed over the items of minutes read as several deliberations
(:func:`report_several_read`), and the warnings of counts that do not agree: grants outside every reconciled total
(:func:`outside_totals`), attendance lists longer or shorter than stated or not read (:func:`warn_list_counts`),
names that do not read as names; and the dates that cannot be (:func:`warn_impossible_dates`), each said where the
file writes it (:func:`where_written`).

Apart from :mod:`graph.ingest.delib_reader` because it reads what the reading found, once every fact group is read.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Iterator

from graph.ingest.base import Extraction
from graph.ingest.delib_grant_checks import euros
from graph.ingest.delib_grants import GrantFact, StatedTotal
from graph.ingest.delib_pdf_text import PdfPages
from graph.ingest.french import DATE_RE, date_from_match

if TYPE_CHECKING:
    from graph.ingest.delib_reader import Reader


def read_stats(reader: Reader) -> None:
    """Give the report its counts of grants, totals and attendance, and say the counts that do not agree: grants
    outside the reconciled totals, lists of the present or of proxies longer or shorter than stated, names of the
    attendance's lists that do not read as names or that name an office whose holder the text does not say."""
    total = sum((g.amount for g in reader.found.grants), Decimal(0))
    stated = max((t.amount for t in reader.found.totals), default=None)
    reader.x.stats.update({
        "grants": len(reader.found.grants), "total_amount": str(total),
        "stated_total": str(stated) if stated is not None else "",
        "totals_reconciled": f"{sum(t.reconciled for t in reader.found.totals)}/{len(reader.found.totals)}",
        "persons": len(reader.attendance.persons()), "present": len(reader.attendance.present),
    })
    warn_outside_totals(reader, total)
    warn_list_counts(reader)
    for kind, line in reader.roll.unread:
        fr, en = _LISTS[kind]
        reader.x.warn(f"liste des {fr} : « {line} » ne se lit pas comme un nom (Prénom NOM) : non compté parmi les "
                      f"{fr}, à vérifier",
                      f"list of {en}: '{line}' does not read as a name (Given FAMILY): not counted among the {en}, "
                      "to be checked")
    for kind, office, holder in reader.roll.by_office:
        fr, en = _LISTS[kind]
        to_fr, to_en = (f" à {holder.label}", f" to {holder.label}") if holder is not None else ("", "")
        if kind == "proxies":
            what_fr, what_en = f"son pouvoir{to_fr} n'est pas enregistré", f"their proxy{to_en} is not recorded"
        else:
            what_fr = f"non compté parmi les {fr}" + (f", ni son pouvoir{to_fr}" if holder else "")
            what_en = f"not counted among the {en}" + (f", nor their proxy{to_en}" if holder else "")
        reader.x.warn(f"liste des {fr} : « {office} » est nommé par sa fonction, et le texte ne dit pas qui "
                      f"l'exerce : {what_fr}, à vérifier",
                      f"list of {en}: '{office}' is named by their office, and the text does not say who holds it: "
                      f"{what_en}, to be checked")


def warn_list_counts(reader: Reader) -> None:
    """Say each list of the present or of the proxies whose names read are not as many as the text states, at the
    line (or the PDF's page) that states the count: a list longer or shorter than its count ("Nombre de présents :
    5" over three names), or none of its names read under a heading that announces them ("Membres présents :"),
    while the count says there are some — a list cut, or written in a way that is not read. A count stated with no
    list of names (many texts give the count alone) is no disagreement. Substitutes sitting for members are
    present, though the count of the present may leave them out."""
    a = reader.attendance
    for kind, name, stated, listed, besides in (
            ("present", "present_count", a.present_count, len(a.present), a.substitutes),
            ("proxies", "proxy_count", a.proxy_count, len(a.proxies), 0)):
        if stated is None or stated in (listed, listed - besides) or not (listed or kind in a.headed):
            continue
        fr, en = _LISTS[kind]
        where = _count_written(reader, name, stated)
        if listed:
            reader.x.warn(f"{listed} {fr} listés pour {stated} annoncés", f"{listed} {en} listed, {stated} stated",
                          **where)
        else:
            reader.x.warn(f"liste des {fr} : aucun nom lu pour {stated} annoncés ; liste coupée, ou écrite d'une "
                          "façon qui n'est pas lue, à vérifier",
                          f"list of {en}: no name read, {stated} stated; the list is cut, or written in a way that "
                          "is not read, to be checked", **where)


def _count_written(reader: Reader, name: str, stated: int) -> dict[str, int | str]:
    """Where the file writes the count ``name`` of the attendance (:attr:`graph.ingest.delib_people.Attendance.
    count_at`), ``stated``: the line, or the PDF's page (:func:`where_written`), that first writes its words and
    figure as the text does; nowhere when they are not on one line, or the count is reckoned from the members who
    came or went."""
    at = reader.attendance.count_at.get(name)
    written = re.compile(rf"[^\n]*?(?<!\d){stated}(?!\d)").match(reader.body, at) if at is not None else None
    if written is None or not re.search(r"[^\W\d_]", written.group(0)):  # a figure alone may be any other's
        return {}
    words = written.group(0).split()
    return where_written(reader.doc.source, reader.doc.pages, re.compile(r"\s+".join(map(re.escape, words))),
                         " ".join(words))


def warn_outside_totals(reader: Reader, total: Decimal) -> None:
    """Say which grants the report's total amount counts beyond its reconciled totals, when every stated total
    reconciles with a run of the grants but not with all of them: « totaux rapprochés : 1/1 » beside a total
    amount that differs from the stated total would read as a contradiction."""
    totals = reader.found.totals
    if not totals or not all(t.reconciled for t in totals):
        return
    if not (outside := outside_totals(reader.found.grants, totals)):
        return
    stated = dict.fromkeys(euros(t.amount) for t in totals)
    fr, en = ("le total annoncé", "the stated total") if len(stated) == 1 else ("les totaux annoncés",
                                                                               "the stated totals")
    said, named = " ; ".join(stated), ", ".join(f"{g.beneficiary} ({euros(g.amount)})" for g in outside)
    reader.x.warn(f"montant total {euros(total)} : {fr} ({said}) ne compte{'nt' if len(stated) > 1 else ''} "
                  f"qu'une partie des subventions ; hors de tout total annoncé : {named}",
                  f"total amount {euros(total)}: {en} ({said}) count{'' if len(stated) > 1 else 's'} only some "
                  f"of the grants; outside any stated total: {named}")


def report_several_read(extraction: Extraction, readers: list[Reader]) -> None:
    """The report of minutes read as several deliberations: their grants, totals and agreements summed, the session's
    attendance at its opening, each warning that every item's reading gave (of the session's attendance) told
    once."""
    found = [reader.found for reader in readers]
    totals = [t for f in found for t in f.totals]
    extraction.stats = {"deliberations": len(readers), **extraction.stats}
    extraction.stats.update({
        "grants": sum(len(f.grants) for f in found),
        "total_amount": str(sum((g.amount for f in found for g in f.grants), Decimal(0))),
        "stated_total": str(sum(max(t.amount for t in f.totals) for f in found if f.totals)) if totals else "",
        "totals_reconciled": f"{sum(t.reconciled for t in totals)}/{len(totals)}",
        "agreements": sum(reader.agreements for reader in readers),
        # the session's, at its opening: each item's reader counts those at its own vote
        "persons": len(readers[0].opening.persons()), "present": len(readers[0].opening.present),
    })
    told, unique = set(), []
    for issue in extraction.issues:
        if (key := (issue.level, issue.message, issue.line, issue.field, issue.value)) not in told:
            told.add(key)
            unique.append(issue)
    extraction.issues[:] = unique


def outside_totals(grants: list[GrantFact], totals: list[StatedTotal]) -> list[GrantFact]:
    """The grants that no reconciled total counts: outside every run of consecutive grants that sums to one. A total
    reconciled with a run of the grants says nothing of the others, which the report's total amount still counts.

    >>> grants = [GrantFact("A", Decimal(500), (0, 1)), GrantFact("B", Decimal(400), (1, 2)),
    ...           GrantFact("C", Decimal(650), (2, 3))]
    >>> [g.beneficiary for g in outside_totals(grants, [StatedTotal(Decimal(900), (3, 4), "", True)])]
    ['C']
    >>> outside_totals(grants, [StatedTotal(Decimal(900), (3, 4), "", True),
    ...                         StatedTotal(Decimal(650), (4, 5), "", True)])
    []
    """
    counted_in: set[int] = set()
    reconciled = {t.amount for t in totals if t.reconciled}
    # a total in money counts a run of the grants paid in money, the aid in kind between them left out, as
    # :func:`graph.ingest.delib_grant_checks.reconcile` reconciles it
    in_money = [k for k, g in enumerate(grants) if g.nature != "in-kind"]
    for ranks in (range(len(grants)), in_money):
        for i in range(len(ranks)):
            run = Decimal(0)
            for j in range(i, len(ranks)):
                run += grants[ranks[j]].amount
                if run in reconciled:
                    counted_in.update(ranks[i:j + 1])
    return [g for k, g in enumerate(grants) if k not in counted_in]


#: The attendance's lists, as a message names them (French, English).
_LISTS = {"present": ("présents", "present"), "excused": ("excusés", "excused"), "absent": ("absents", "absent"),
          "proxies": ("pouvoirs", "proxies")}


#: The years a deliberation's date can bear: a law it cites may be old ("loi du 10 août 1871"), a lease it grants
#: long (a 99-year lease ends before 2125); a year outside these is a misreading or a mistyping ("1er mai 0001").
DATE_YEARS = (1000, 2199)
#: A date in figures with nothing of a longer number around it (not "04.77.12.2024").
_FIGURES_DATE = re.compile(r"(?<![\d.,/-])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?![\d/])")
#: A date in figures the ISO way ("2024-05-16"), with nothing of a longer number or a reference around it (not
#: "n° 2024-07-02-08", "CP-2024-11-07", "2024-05-16T18:00").
_ISO_DATE = re.compile(r"(?<![\w.,/-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w/-]|[.,]\d)")
#: What names an act's number just before figures shaped like an ISO date, a reference and no date: "Délibération
#: n° 2024-10-27", "DÉLIBÉRATION N° 2025-06-12" (year, session, rank), "réf. 2024-02-30", "Délibération 2024-10-08".
_NUMBER_BEFORE = re.compile(r"(?:\bn\s?[°º]|\bnos?\.?|\bnum[ée]ros?|\br[ée]f(?:[ée]rences?)?\.?|"
                            r"\b(?:d[ée]lib[ée]ration|arr[êe]t[ée]|d[ée]cision)s?)[ \t]*:?[ \t]*$", re.I)
#: A date in figures day first with dashes or dots, as a prefecture's stamp writes it ("31-04-2024", "31.04.2024"),
#: the same mark twice and nothing of a longer number or a reference around it (not "04.77.12.20.24", "1.500.000",
#: "CP-31-04-2024", "31.04.2024.1", "31-04-2024T18:00").
_DASHED_DATE = re.compile(r"(?<![\w.,/-])(?P<d>\d{1,2})(?P<mark>[.-])(?P<m>\d{1,2})(?P=mark)(?P<y>\d{4})"
                          r"(?![\w/-]|[.,]\d)")
#: What writes a version, or a reference's first part, just before figures shaped like a date day first: "version
#: 1.2.3456", "v 2.10.0915", "n° CP-2024-11 / 04-12-0915" (a reference in two parts, as a real text writes one).
_VERSION_BEFORE = re.compile(r"(?:\bv\.?|\bversions?|\brelease|/)[ \t]*$", re.I)


def _iso_dates(text: str) -> Iterator[re.Match]:
    """The dates of ``text`` in figures the ISO way (:data:`_ISO_DATE`), but for an act's number
    (:data:`_NUMBER_BEFORE`).

    >>> [m.group(0) for m in _iso_dates("le 2024-02-30 ; délibération n° 2024-10-27 ; CP-2024-11-07 ; 2024-118")]
    ['2024-02-30']
    """
    return _dates_but_numbers(_ISO_DATE, text, (_NUMBER_BEFORE,))


def _dashed_dates(text: str) -> Iterator[re.Match]:
    """The dates of ``text`` in figures day first with dashes or dots (:data:`_DASHED_DATE`), but for an act's number
    (:data:`_NUMBER_BEFORE`) or a version (:data:`_VERSION_BEFORE`).

    >>> [m.group(0) for m in _dashed_dates("le 31-04-2024, le 30.02.2024 ; n° 31-04-2024 ; version 1.2.3456 ; "
    ...                                    "tél. 04.77.12.20.24 ; 1.500.000 € ; 31.04.2024.1 ; 31-04.2024")]
    ['31-04-2024', '30.02.2024']
    """
    return _dates_but_numbers(_DASHED_DATE, text, (_NUMBER_BEFORE, _VERSION_BEFORE))


def _dates_but_numbers(pattern: re.Pattern, text: str, befores: tuple[re.Pattern, ...]) -> Iterator[re.Match]:
    """The matches of ``pattern`` in ``text`` that none of ``befores`` finds written just before: figures shaped
    like a date that a word before says are a number of another kind."""
    for match in pattern.finditer(text):
        if not any(before.search(text, max(0, match.start() - 40), match.start()) for before in befores):
            yield match


def source_line(source: str | None, pattern: re.Pattern, written: str, once: bool = False) -> int | None:
    """The line of a file's own text ``source`` (:attr:`graph.ingest.delib_text.Document.source`) where ``pattern``
    finds ``written``, its spaces as they may be: the first, or with ``once`` the only one (an amount written twice
    may be another's); None where the file's lines are not known (a PDF's) or not so found — never a line that
    does not write it.

    >>> source_line("Séance du\\n30 février 2024, puis le 30  février 2024", DATE_RE, "30 février 2024")
    2
    >>> source_line("le 31/04/2024\\npuis le 31/04/2024", _FIGURES_DATE, "31/04/2024", once=True)
    >>> source_line(None, DATE_RE, "30 février 2024")
    """
    if source is None or (match := _written_at(source, pattern, written, once)) is None:
        return None
    return source.count("\n", 0, match.start()) + 1


def source_page(pages: PdfPages | None, pattern: re.Pattern, written: str, once: bool = False) -> int | None:
    """The page of a PDF (:attr:`graph.ingest.delib_text.Document.pages`) whose own text writes ``written`` where
    ``pattern`` finds it, as :func:`source_line` finds a line, over the ends of the lines that the PDF's text set out
    anew (a date wrapped on a page is on that page, a table's row on the page that writes it, the table run on over
    pages or not); None for a text file, or where the page is not certain: the value written across two pages, or in
    a table's row that a page break split (its cells are of both pages).

    >>> pages = PdfPages("Séance du 30 février\\n2024\\nle 30 février 2024", ((0, 20, 1), (21, 44, 2)))
    >>> source_page(pages, DATE_RE, "30 février 2024"), source_page(pages, DATE_RE, "30 février 2024", once=True)
    (None, None)
    >>> source_page(PdfPages("Objet\\nle 30 février\\n2024", ((0, 5, 1), (6, 24, 2))), DATE_RE, "30 février 2024")
    2
    """
    if pages is None or (match := _written_at(pages.text.replace("\n", " "), pattern, written, once)) is None:
        return None
    return pages.page_of(*match.span())


def _written_at(text: str, pattern: re.Pattern, written: str, once: bool) -> re.Match | None:
    """Where ``pattern`` finds ``written`` in ``text``, its spaces as they may be: the first, or with ``once`` the
    only one; None when it is not so found."""
    found = [match for match in pattern.finditer(text) if " ".join(match.group(0).split()) == written]
    return found[0] if found and not (once and len(found) > 1) else None


def where_written(source: str | None, pages: PdfPages | None, pattern: re.Pattern, written: str,
                  once: bool = False) -> dict[str, int | str]:
    """Where a warning says ``written`` is, as :meth:`graph.ingest.base.Extraction.warn` takes it: at the line of a
    text file's own text ``source`` (:func:`source_line`), or at the page of a PDF's ``pages`` (:func:`source_page`)
    as the issue's field ("page 12", not its line, which a report reads as a line of the file); nowhere when neither
    is certain."""
    if (line := source_line(source, pattern, written, once)) is not None:
        return {"line": line}
    if (page := source_page(pages, pattern, written, once)) is not None:
        return {"field": f"page {page}"}
    return {}


def warn_impossible_dates(extraction: Extraction, text: str, source: str | None = None,
                          pages: PdfPages | None = None) -> None:
    """Say each date of ``text`` that cannot be: a day its month has not ("30 février 2024", "31/04/2024",
    "2024-02-30", "31-04-2024", "31.04.2024", "0 mai 2024"), read as no date, or a year out of :data:`DATE_YEARS`
    ("12 juin 9999", "9999-05-02", "02.05.9999"), kept as the text gives it; at the line of the file's own text
    ``source`` that writes it first, or at the page of a PDF's ``pages``, when it is known (:func:`where_written`).

    >>> x = Extraction()
    >>> warn_impossible_dates(x, "Séance du 30 février 2024, reçue le 31/04/2024, publiée le 2 mai 9999 (tél. "
    ...                           "04.77.12.2024), affichée le 2024-02-30 (délibération n° 2024-04-31), visée le "
    ...                           "31.04.2024")
    >>> [i.message.split(" :")[0] for i in x.issues]  # doctest: +NORMALIZE_WHITESPACE
    ['date impossible « 30 février 2024 »', 'date impossible « 31/04/2024 »',
     'date invraisemblable « 2 mai 9999 »', 'date impossible « 2024-02-30 »', 'date impossible « 31.04.2024 »']
    """
    said = set()
    # DATE_RE's dates in words with their year (one without is completed from another date); the dates in figures
    # by _FIGURES_DATE, _ISO_DATE and _DASHED_DATE, which leave out numbers of other kinds that DATE_RE reads as dates
    in_words = (match for match in DATE_RE.finditer(text) if match["month"] and match["year"])
    in_figures = [*_FIGURES_DATE.finditer(text), *_iso_dates(text), *_dashed_dates(text)]
    for match in sorted([*in_words, *in_figures], key=lambda m: m.start()):
        written = " ".join(match.group(0).split())
        if written in said:
            continue
        if match.re is DATE_RE:
            date = date_from_match(match)
        else:
            try:
                date = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                date = None
            if date is None and not (1 <= int(match["m"]) <= 12 and int(match["d"]) <= 31):
                continue  # not a day and a month: a number of another kind
        said.add(written)
        # located only when said: where_written reads the whole text again, and most dates are right
        if date is None:
            extraction.warn(f"date impossible « {written} » : ce jour n'existe pas, aucune date n'en est lue ; à "
                            "vérifier",
                            f"impossible date '{written}': no such day, no date read from it; to be checked",
                            **where_written(source, pages, match.re, written))
        elif not DATE_YEARS[0] <= date.year <= DATE_YEARS[1]:
            low, high = DATE_YEARS
            extraction.warn(f"date invraisemblable « {written} » : année hors de {low} à {high} ; "
                            "enregistrée telle que le texte la donne, à vérifier",
                            f"implausible date '{written}': year outside {low} to {high}; stored as "
                            "the text gives it, to be checked", **where_written(source, pages, match.re, written))
