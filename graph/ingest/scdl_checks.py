"""What a grants list tells about itself, beyond its grants: its totals rows (found by
:func:`graph.table_checks.is_total`) and the way it writes amounts."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from graph.amount_conventions import CommaConvention, DotConvention
from graph.dates import parse_period
from graph.identifiers import clean_identifier, normalise_rna, rna_ok, siren_ok, siret_ok
from graph.identity_names import fold
from graph.ingest.french import read_date
from graph.ingest.scdl_periods import month_period, period_ends
from graph.ingest.scdl_placeholders import empty_mark
from graph.values import ValueProblem, parse_amount, parse_ratio

def total_difference(label: str, stated: Decimal | None, since_total: Decimal, overall: Decimal
                     ) -> tuple[str, str] | None:
    """The warning (French, English) for a totals row ``label`` stating ``stated`` that is neither the sum of the
    grants kept since the last totals row (``since_total``, what a subtotal sums) nor of all those kept above
    (``overall``); None when it is one of them or states nothing.

    >>> total_difference("Total", Decimal("4100"), Decimal("4000"), Decimal("4000"))[0]
    'le total de la ligne (4100) diffère de la somme des subventions retenues au-dessus (4000)'
    """
    if stated is None or stated in (since_total, overall):
        return None
    expected = since_total if fold(label).startswith("sous") else overall
    return (f"le total de la ligne ({stated}) diffère de la somme des subventions retenues au-dessus ({expected})",
            f"the row's total ({stated}) differs from the sum of the grants kept above it ({expected})")


def dot_message(convention: DotConvention) -> tuple[str, str]:
    """The warning (French, English) that tells how a file's amounts like "12.500" are read, and why, naming the
    lines of all of them: each one read otherwise than its author meant is a wrong amount to correct."""
    (_, text), lines, reading = convention.either, convention.either_lines, convention.thousands_dot
    if reading is None:
        return _both_ways(("une virgule décimale ou des points de milliers", "a decimal comma or thousands dots"),
                          ("un point décimal", "a decimal dot"), convention.thousands, convention.decimal, text, lines)
    value = parse_amount(text, reading)
    if reading:
        why = _as_on(convention.thousands) if convention.thousands else (
            "aucun montant n'ayant d'autres décimales que trois chiffres après un point",
            "no amount having other decimals than three digits after a dot")
        return _read_as(_DOT, _THOUSANDS, text, lines, value, why)
    return _read_as(_DOT, _DECIMAL, text, lines, value, _as_on(convention.decimal))


#: The sign and what it is read as, in a warning of how a file's amounts are read (French, English).
_DOT, _COMMA = ("point", "dot"), ("virgule", "comma")
_THOUSANDS, _DECIMAL = ("séparateur des milliers", "a thousands separator"), ("marque décimale", "a decimal mark")


def _both_ways(one: tuple[str, str], other: tuple[str, str], one_at: tuple[int, str], other_at: tuple[int, str],
              text: str, lines: tuple[int, ...]) -> tuple[str, str]:
    """The warning (French, English) of a file that writes its amounts ``one`` way (as ``one_at``, (line, text),
    shows) and the ``other`` (``other_at``): the amounts like ``text`` that either reading fits, on ``lines``, are
    refused.

    >>> _both_ways(_DOT, _COMMA, (2, "1.500,00"), (4, "2500.5"), "1.500", (3, 5))[1].split("): ")[-1]
    "amounts like '1.500' (lines 3, 5) are refused"
    """
    (o_line, o_text), (t_line, t_text), (at, at_en) = one_at, other_at, lines_said(lines)
    return (f"le fichier écrit les montants tantôt avec {one[0]} (ligne {o_line} : « {o_text} »), tantôt avec "
            f"{other[0]} (ligne {t_line} : « {t_text} ») : les montants comme « {text} » ({at}) sont refusés",
            f"the file writes amounts now with {one[1]} (line {o_line}: '{o_text}'), now with {other[1]} (line "
            f"{t_line}: '{t_text}'): amounts like '{text}' ({at_en}) are refused")


def _as_on(example: tuple[int, str]) -> tuple[str, str]:
    """The amount ``example`` (line, text) that tells how the file writes its amounts, as a warning cites it."""
    line, text = example
    return f"comme ligne {line} : « {text} »", f"as on line {line}: '{text}'"


def _read_as(sign: tuple[str, str], role: tuple[str, str], text: str, lines: tuple[int, ...], value,
             why: tuple[str, str]) -> tuple[str, str]:
    """The warning (French, English) that the ``sign`` of the amount ``text``, and of the others like it on
    ``lines``, was read as ``role``, and ``why``.

    >>> _read_as(_COMMA, _THOUSANDS, "25,000", (3,), 25000, _as_on((2, "12,345.67")))[0]
    'virgule lue comme séparateur des milliers : « 25,000 » (ligne 3) vaut 25000 (comme ligne 2 : « 12,345.67 »)'
    """
    fr = "lue" if sign is _COMMA else "lu"
    amount, amount_en = _amounts_like(text, lines)
    return (f"{sign[0]} {fr} comme {role[0]}{amount} vaut {value} ({why[0]})",
            f"{sign[1]} read as {role[1]}{amount_en} is {value} ({why[1]})")


def _amounts_like(text: str, lines: tuple[int, ...]) -> tuple[str, str]:
    """The amount ``text`` as a warning of how it is read names it (French, English), with ``lines``, those of the
    amounts like it: each of them may hold another amount ("1.500", "12.000"), which the value told is not.

    >>> _amounts_like("1.500", (3,))[0], _amounts_like("1.500", (3, 5))[1]
    (' : « 1.500 » (ligne 3)', " in amounts like '1.500' (lines 3, 5): '1.500'")
    """
    at, at_en = lines_said(lines)
    if len(lines) == 1:
        return f" : « {text} » ({at})", f": '{text}' ({at_en})"
    return (f" dans les montants tels que « {text} » ({at}) : « {text} »",
            f" in amounts like '{text}' ({at_en}): '{text}'")


#: Lines a warning about many rows names (the others are counted by an ellipsis).
MAX_LINES_SHOWN = 5


def lines_said(lines: list[int] | tuple[int, ...]) -> tuple[str, str]:
    """The first lines of ``lines`` as a warning names them (French, English), the others counted by an ellipsis.

    >>> lines_said([8, 13]), lines_said([2])[1], lines_said(tuple(range(2, 9)))[0]
    (('lignes 8, 13', 'lines 8, 13'), 'line 2', 'lignes 2, 3, 4, 5, 6…')
    """
    shown = ", ".join(map(str, lines[:MAX_LINES_SHOWN])) + ("…" if len(lines) > MAX_LINES_SHOWN else "")
    plural = "s" * (len(lines) > 1)
    return f"ligne{plural} {shown}", f"line{plural} {shown}"


def line_spans(lines: list[int]) -> tuple[str, str]:
    """All of ``lines`` (sorted) as a warning names them (French, English), each run of consecutive lines as its
    first and last: short however many they are, and none left out (:func:`lines_said` shows the first ones).

    >>> line_spans([2, 3, 4, 6, 8, 9])
    ('lignes 2 à 4, 6, 8 à 9', 'lines 2 to 4, 6, 8 to 9')
    >>> line_spans([5])
    ('ligne 5', 'line 5')
    """
    runs: list[list[int]] = []
    for line in lines:
        if runs and line == runs[-1][-1] + 1:
            runs[-1].append(line)
        else:
            runs.append([line])
    plural = "s" * (len(lines) > 1)
    said = [(f"{run[0]}", f"{run[0]}") if len(run) == 1 else (f"{run[0]} à {run[-1]}", f"{run[0]} to {run[-1]}")
            for run in runs]
    return f"ligne{plural} {', '.join(fr for fr, _ in said)}", f"line{plural} {', '.join(en for _, en in said)}"


def comma_message(convention: CommaConvention) -> tuple[str, str]:
    """The warning (French, English) that tells how a file's amounts like "25,000" are read, and why, naming the
    lines of all of them (:func:`dot_message`)."""
    (_, text), lines, reading = convention.either, convention.either_lines, convention.thousands_comma
    if reading is None:
        return _both_ways(("une virgule des milliers", "a thousands comma"),
                          ("une virgule décimale", "a decimal comma"), convention.thousands, convention.decimal, text,
                          lines)
    value = convention.read(text, False)
    if reading:
        return _read_as(_COMMA, _THOUSANDS, text, lines, value, _as_on(convention.thousands))
    if convention.decimal:
        return _read_as(_COMMA, _DECIMAL, text, lines, value, _as_on(convention.decimal))
    amount, amount_en = _amounts_like(text, lines)
    return (f"virgule lue comme marque décimale{amount} vaut {value}, mais aucun montant du fichier ne dit si la "
            "virgule y sépare les milliers (« 25,000 » pour 25 000) : à vérifier",
            f"comma read as a decimal mark{amount_en} is {value}, but no amount of the file tells whether its comma "
            "separates thousands ('25,000' for 25 000): to check")


#: A date written without separators, year first ("20240516"), as databases export it.
_COMPACT_DATE = re.compile(r"((?:19|20)\d{2})(\d{2})(\d{2})")


def compact_date(text: str) -> dt.date | None:
    """The date of ``text`` written as 8 figures, year first (``20240516``), when it is a real date; None otherwise
    (any other text, or "20240230"). Day first ("16052024") gives a year out of range: never a date read wrong.

    >>> compact_date("20240516"), compact_date("20240230"), compact_date("16052024"), compact_date("2024-05-16")
    (datetime.date(2024, 5, 16), None, None, None)
    """
    if (m := _COMPACT_DATE.fullmatch(text.strip())) is None:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def compact_period(text: str) -> tuple[dt.date, dt.date | None] | None:
    """A payment period of dates written as 8 figures (:func:`compact_date`), one or two cut by ``/`` or ``_``;
    None when it is not one.

    >>> compact_period("20240601/20241231"), compact_period("20240601"), compact_period("2024-06-01")
    ((datetime.date(2024, 6, 1), datetime.date(2024, 12, 31)), (datetime.date(2024, 6, 1), None), None)
    """
    parts = [compact_date(part) for part in re.split(r"\s*[/_]\s*", text.strip())]
    if not 1 <= len(parts) <= 2 or None in parts:
        return None
    return parts[0], (parts[1] if len(parts) == 2 else None)


#: The columns whose values have a form of their own, and how to read one (ValueProblem or False when unreadable).
_FORMS = {"amount": parse_amount, "share": parse_ratio, "convention_date": lambda text: _date(text),
          "decision_date": lambda text: _date(text),
          "payment_period": lambda text: _period(text),
          "eu_notification": lambda text: fold(text).strip() in {"oui", "non", "1", "0", "true", "false"}}


def _date(text: str):
    return compact_date(text) or read_date(text)


def _period(text: str):
    try:
        return compact_period(text) or parse_period(text)
    except ValueProblem:
        if month_period(text):
            return True
        if ends := period_ends(text):  # two dates in French (:mod:`graph.ingest.scdl_periods`)
            try:
                return all(_date(end) for end in ends)
            except ValueProblem:
                pass
        return _date(text)


#: An integer part and, in the next cell, two decimals: a French amount cut by the comma it was written with.
_CUT_AMOUNT = (re.compile(r"\d{1,3}(?:[ \u00a0\u202f]?\d{3})*"), re.compile(r"\d{2}"))


def shifted(cells: list[str], extra: int, cols: dict[str, int], header: list[str], delimiter: str | None
            ) -> tuple[str, str] | None:
    """Why a row with ``extra`` empty cells beyond the header is refused (French, English), or None when it reads as
    a row ending with a separator: a column with a form of its own (amount, share, dates, EU notification) holds a
    value of another form, so an unquoted separator ("9800,50", "aidants, 2024") cut a value and shifted the
    following ones. Which cell was cut is named when two cells read as a cut French amount; the amount is never
    guessed.

    >>> why = shifted(["A", "9800", "50", "aide en numéraire", "non", ""], 1, {"amount": 1, "share": 4},
    ...               ["nom", "montant", "nature", "notificationUE", "pourcentageSubvention"], ",")
    >>> why[0].split(" (")
    ['6 cellules pour 5 colonnes : « non » sous pourcentageSubvention', \
'un séparateur dans une valeur non entre guillemets, « 9800,50 » ?) : ligne ignorée']
    """
    if not extra:
        return None
    wrong = []
    for field, read in _FORMS.items():
        i = cols.get(field)
        if i is None or i >= len(cells) or not cells[i] or empty_mark(cells[i]):
            continue
        try:
            ok = read(cells[i]) is not False
        except ValueProblem:
            ok = False
        if not ok:
            wrong.append((cells[i], header[i]))
    if not wrong:
        return None
    i = cols.get("amount", len(cells))
    cut = (f"{cells[i]}{delimiter or ','}{cells[i + 1]}" if i + 1 < len(cells) and _CUT_AMOUNT[0].fullmatch(cells[i])
           and _CUT_AMOUNT[1].fullmatch(cells[i + 1]) else None)
    size, width = len(cells), len(header)
    where = ", ".join(f"« {v} » sous {h}" for v, h in wrong)
    where_en = ", ".join(f"'{v}' under {h}" for v, h in wrong)
    return (f"{size} cellules pour {width} colonnes : {where} (un séparateur dans une valeur non entre guillemets"
            f"{f', « {cut} » ?' if cut else ' ?'}) : ligne ignorée",
            f"{size} cells for {width} columns: {where_en} (a separator inside an unquoted value"
            f"{f', {cut!r}?' if cut else '?'}): row skipped")


#: An identifier written at the end of a beneficiary's name: in brackets ("NOM (509 988 770 00012)", "NOM [SIRET :
#: …]", "NOM (RNA W691000123)"), or after a dash or comma with its kind named ("NOM - SIRET 50998877000012").
_ID_IN_NAME = re.compile(
    r"\s*(?:[(\[]\s*(?:(?:SIRET|SIREN|RNA)\s*(?:n°|no)?\s*:?\s*)?(?P<bracketed>[0-9W][0-9A-Z .\u00a0]{7,24}[0-9])"
    r"\s*[)\]]|[-–—,]\s*(?:SIRET|SIREN|RNA)\s*(?:n°|no)?\s*:?\s*(?P<named>[0-9W][0-9A-Z .\u00a0]{7,24}[0-9]))\s*$",
    re.IGNORECASE)


def identifier_in_name(name: str) -> tuple[str, str | None, str | None, str | None, str] | None:
    """A valid SIRET, SIREN or RNA number written at the end of a beneficiary's ``name`` (where lists that have no
    identifier column, or left it empty, put it): (the name without it, SIREN, SIRET, RNA, the identifier as
    written); None when the name ends with none, or with one that is not valid (a year, a department, a phone).

    >>> identifier_in_name("Centre de prévention Addictions Lise (509 988 770 00012)")
    ('Centre de prévention Addictions Lise', '509988770', '50998877000012', None, '509 988 770 00012')
    >>> identifier_in_name("Club sportif - SIREN : 423 456 789")[:3], identifier_in_name("Amicale (w691000123)")[3]
    (('Club sportif', '423456789', None), 'W691000123')
    >>> identifier_in_name("Comité des fêtes (2024)"), identifier_in_name("Club (509 988 770 00013)")
    (None, None)
    """
    if (m := _ID_IN_NAME.search(name)) is None or not (rest := name[:m.start()].rstrip(" -–—,")):
        return None
    written = (m["bracketed"] or m["named"]).strip()
    digits = clean_identifier(written)
    if len(digits) == 14 and siret_ok(digits):
        return rest, digits[:9], digits, None, written
    if len(digits) == 9 and siren_ok(digits):
        return rest, digits, None, None, written
    if rna_ok(written.replace(" ", "")):
        return rest, None, None, normalise_rna(written.replace(" ", "")), written
    return None


#: What a printed report puts among its rows: a page's number ("Page 1/2", "Page 2 sur 3", "- 2 -") and the stamp of
#: its printing ("Edité le 12/03/2025 à 10:32 par jdupont", "Imprimé le …").
_PRINTED = re.compile(r"page\s*:?\s*\d{1,3}(?:\s*(?:/|sur|de)\s*\d{1,3})?|[-–—]\s*\d{1,3}\s*[-–—]|"
                      r"(?:[ée]dit[ée]|imprim[ée]|g[ée]n[ée]r[ée]|[ée]dition|impression)\s+(?:le|du)\s+\d.*",
                      re.IGNORECASE)


def print_artefact(cells: list[str]) -> int | None:
    """The index of the first filled cell of a row that a printed report, saved as a table, left among its grants:
    every filled cell a page's number or the stamp of its printing; None for any other row.

    >>> print_artefact(["Page 1/2", "", ""]), print_artefact(["", "- 2 -"]), print_artefact(["Édité le 12/03/2025"])
    (0, 1, 0)
    >>> print_artefact(["Page Jeunesse", "", "1500"]), print_artefact(["", ""])
    (None, None)
    """
    filled = [i for i, cell in enumerate(cells) if cell.strip()]
    return filled[0] if filled and all(_PRINTED.fullmatch(cells[i].strip()) for i in filled) else None


#: The label before a totals row's figure in its amount cell ("Total : 7 600,00").
_TOTAL_LABEL = re.compile(r"\s*(?:sous[-\s]?)?tota(?:l|ux)\b[^\d(]*", re.IGNORECASE)


def total_figure(text: str) -> str:
    """The figure of a totals row's amount cell, without the label that a printed report writes before it.

    >>> total_figure("Total : 7 600,00"), total_figure("7 600,00"), total_figure("Sous-total sport 1 200")
    ('7 600,00', '7 600,00', '1 200')
    """
    return text[m.end():] if (m := _TOTAL_LABEL.match(text)) else text


def matches_share(stated: Decimal, whole: Decimal, share: Decimal) -> bool:
    """Whether the amount ``stated`` on a row is its ``share`` (pourcentageSubvention) of ``whole``, the sum of the
    amounts of its grant's rows: to the precision the share is written with (0.3333 of 30 000 is 10 000), never
    looser than half a percent of the whole (0.6 of 50 000 is not 27 600).

    >>> matches_share(Decimal(30000), Decimal(50000), Decimal("0.6")), \
matches_share(Decimal(10000), Decimal(30000), Decimal("0.3333"))
    (True, True)
    >>> matches_share(Decimal(27600), Decimal(50000), Decimal("0.6"))
    False
    """
    return abs(share * whole - stated) <= whole * share_rounding(share) + Decimal("0.01")


#: The most that a share may be off by for its rounding (:func:`share_rounding`): half a point, as a share written
#: with two decimals may be; one written with fewer (0.3, 0.5) says a split no finer than that.
_MAX_SHARE_ROUNDING = Decimal("0.005")


def share_rounding(share: Decimal) -> Decimal:
    """How far a ``share`` (pourcentageSubvention) may be from the share meant, for its rounding as written: half a
    unit of its last decimal, never more than half a point (0.3 is not read as a third, nor 0.4 as 0.45).

    >>> share_rounding(Decimal("0.33")), share_rounding(Decimal("0.3333")), share_rounding(Decimal("0.3"))
    (Decimal('0.005'), Decimal('0.00005'), Decimal('0.005'))
    """
    return min(Decimal(5).scaleb(share.as_tuple().exponent - 1), _MAX_SHARE_ROUNDING)


def shares_add_up(shares: list[Decimal]) -> bool:
    """Whether the ``shares`` (pourcentageSubvention) of a grant's rows add up to 1 as far as their rounding tells:
    their sum is off by no more than what each share's rounding allows, added up (:func:`share_rounding`). Three
    thirds written 0.33 or 33 % (99 %: 1.5 points allowed) or 33,33 % (99.99 %) are a whole; 0.3 × 3 or 0.5 + 0.4
    (90 %) are not.

    >>> thirds = [Decimal("0.33")] * 3
    >>> shares_add_up(thirds), shares_add_up([Decimal("0.3333")] * 3), shares_add_up([Decimal("0.8"), Decimal("0.2")])
    (True, True, True)
    >>> shares_add_up(thirds[:2]), shares_add_up([Decimal("0.3")] * 3), shares_add_up([Decimal("0.5"), Decimal("0.4")])
    (False, False, False)
    """
    return abs(sum(shares) - 1) <= sum(map(share_rounding, shares))


#: The most groups of rows that a run looks through (:func:`share_runs`): a grant's co-beneficiaries are a few rows,
#: and the cap keeps a file of thousands of tiny shares linear.
_RUN_GROUPS = 100


def share_runs(groups: list[list[tuple[Decimal, Decimal]]]) -> list[range]:
    """The runs of two or more consecutive ``groups`` of rows (each row as its (amount stated, share)) whose amounts
    are each their row's share of the run's sum (:func:`matches_share`), their shares adding up to 1 as far as their
    rounding tells (:func:`shares_add_up`): rows that each state their beneficiary's own amount where SCDL expects the
    grant's total. A group is in one run at most, the first that it starts.

    >>> rows = [[(Decimal(6000), Decimal("0.6"))], [(Decimal(4000), Decimal("0.4"))], [(Decimal(900), Decimal("0.5"))]]
    >>> share_runs(rows), share_runs(rows[1:])
    ([range(0, 2)], [])
    """
    runs, start = [], 0
    while start < len(groups):
        end = _run_end(groups, start)
        if end is None:
            start += 1
        else:
            runs.append(range(start, end))
            start = end
    return runs


def _run_end(groups: list[list[tuple[Decimal, Decimal]]], start: int) -> int | None:
    """Where the run of :func:`share_runs` that starts at ``groups[start]`` ends (exclusive), None when none does:
    the first groups whose shares reach 1 are the run, if their amounts are their shares of their sum.

    >>> sevenths = [[(Decimal(1000 + n), Decimal("0.14"))] for n in range(7)]  # 98 %: 3.5 points allowed
    >>> share_runs(sevenths)
    [range(0, 7)]
    """
    shares = rounding = Decimal(0)  # their sum, and how far from it their rounding lets the whole be
    for end in range(start, min(len(groups), start + _RUN_GROUPS)):
        shares += sum(share for _, share in groups[end])
        rounding += sum(share_rounding(share) for _, share in groups[end])
        if shares > 1 + rounding:
            return None
        if shares >= 1 - rounding:
            rows = [row for group in groups[start:end + 1] for row in group]
            whole = sum(stated for stated, _ in rows)
            fits = end > start and all(matches_share(stated, whole, share) for stated, share in rows)
            return end + 1 if fits else None
    return None
