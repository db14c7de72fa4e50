"""Grant tables: ``| … |`` rows (PDF ruled tables, Markdown), and every grant table of a text (:func:`table_grants`);
tables aligned with spaces are cut into cells by :mod:`graph.ingest.delib_aligned`, then read as ``| … |`` rows;
rows flattened into lines by PDF extraction are :mod:`graph.ingest.delib_flattened`'s.
Which columns a header gives the grants is :mod:`graph.ingest.delib_table_header`'s.

A table said to be in thousands of euros ("(en K€)", "Montant (k€)") has its amounts read so. Rows whose first cell
says "Total" or "Sous-total" are stated totals.

>>> from graph.ingest.delib_grants import GrantsFound
>>> found = GrantsFound()
>>> table_grants("Bénéficiaire Nature Montant\\nClub des Aînés\\nde Brossac F 1 200 €\\nTotal 1 200 €", found)
>>> [(g.beneficiary, g.amount, g.nature) for g in found.grants], [t.amount for t in found.totals]
([('Club des Aînés de Brossac', Decimal('1200'), 'operating')], [Decimal('1200')])
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from graph.identifiers import clean_identifier, normalise_rna, rna_ok, siren_ok, siret_ok
from graph.ingest.delib_columns import ColumnHints, column_hints
from graph.ingest.delib_grant_words import NATURE_CODES, _NATURE_WORDS
from graph.ingest.delib_grants import GrantFact, GrantsFound, StatedTotal
from graph.ingest.delib_names import parse_person
from graph.ingest.delib_notes import without_call
from graph.ingest.delib_profile import Profile, note_invalid
from graph.ingest.delib_table_context import (IMPUTATION_COL, LOAN, for_the_record, heading_nature, in_thousands,
                                              referred_nature, row_account, section_nature, thousands_amount)
from graph.ingest.delib_table_header import (_CODES_HEAD, _ID_COL, _PURPOSE_COL, _column,
                                             _row_total_column, amount_columns, choose_amount_column, name_column,
                                             nature_columns, nature_word)
from graph.ingest.french import fold, parse_amount, words_amount

#: A row of totals, not a grant: "Total", "TOTAUX", "Sous-totaux", "Montant total".
_TOTAL_ROW = re.compile(r"^(?:sous[- ]?tota(?:l|ux)|tota(?:l|ux)|montant total)\b", re.I)


def row_label(cells: list[str]) -> str:
    """The first cell of a table's row that is not an amount: its name, or the "Total" of a total's row, whether the
    amount comes before it (an annex whose first column is the amount: "16 700 | TOTAL") or after.

    >>> row_label(["16 700", "TOTAL", ""]), row_label(["", "Club A", "1 200 €"])
    ('TOTAL', 'Club A')
    """
    return next((c for c in cells if c and not _AMOUNT_CELL_RE.fullmatch(c.strip())), "")
#: What a cell may say after an amount's currency: whether it is net, before tax or with it ("4 000,00 € net",
#: "9 300,00 euros H.T.").
#: A request refused, said in brackets after its row's amount: "0 € (rejet)", "(refusé)", "(ajourné)".
_REFUSED = r"\((?:rejet[ée]?e?|refus[ée]?e?|ajourn[ée]e?|sans\s+suite|non\s+retenue?|irrecevable)\)"
#: A row's result cell that refuses its grant: "Rejetée", "Refusé", "Non adoptée", "Ajournée" (a table of the votes
#: on each grant, or of the decision on each request).
_ROW_REJECTED = re.compile(r"(?:non[ \t]+(?:adopt|retenu|accord)|rejet|refus|ajourn)[ée]?e?s?", re.I)
AMOUNT_QUALIFIER = (r"(?:[ \u00a0\u202f]*(?:net|brut|H\.?T\.?|T\.?T\.?C\.?)(?![\w.]))?"
                    rf"(?:[ \u00a0\u202f]*{_REFUSED})?")


def _nature_of(value: str, legend: dict[str, str]) -> str | None:
    value = value.strip()
    if value in legend:
        return legend[value]
    if value in NATURE_CODES:
        return NATURE_CODES[value]
    return nature_word(value) or next((n for w, n in _NATURE_WORDS.items() if w in fold(value)), None)


#: A nature that a cell marks in brackets: "Acquisition de 6 kayaks (investissement)", "(fonctionnement)".
_MARKED_NATURE = re.compile(r"\((fonctionnement|investissement|equipement)\)")


def _marked_nature(cells: list[str], name_col: int) -> str | None:
    """The nature that a row's cell other than its name marks in brackets, when the table has no nature column.

    >>> _marked_nature(["Kayak Club", "Acquisition de 6 kayaks (investissement)", "2 250 €"], 0)
    'investment'
    """
    found = {_NATURE_WORDS[m] for k, c in enumerate(cells) if k != name_col for m in _MARKED_NATURE.findall(fold(c))}
    return found.pop() if len(found) == 1 else None


def legend_of(body: str) -> dict[str, str]:
    """Read a nature-code legend ("F : fonctionnement ; P : projet ; M : mise à disposition").

    >>> legend_of("F = fonctionnement, M = manifestation, N = aide en nature")
    {'F': 'operating', 'M': 'project', 'N': 'in-kind'}
    """
    legend = {}
    for match in re.finditer(r"\b([A-Z])\s*[:=]\s*([a-zéèêàç' ]+?)(?=\s*[,;.)\n]|$)", body):
        words = fold(match.group(2))
        words = "nature" if re.search(r"\ben nature\b", words) else words  # "aide en nature"
        nature = next((n for w, n in _NATURE_WORDS.items() if words.startswith(w)), None)
        if nature:
            legend[match.group(1)] = nature
    return legend


def pipe_cells(line: str, width: int | None = None) -> list[str] | None:
    """The cells of a ``|``-delimited line, or None: a line framed by ``|`` ("| Club | 1 200 € |"), or a line whose
    cells only ``|`` parts, without a frame ("Club      | 1 200 €"), as text layers write ruled tables; ``width``: the
    number of cells of the table's first line, that each unframed line below must have (its first cell empty on a
    head's second line or a total's row: "        |   (k€)").

    >>> pipe_cells("| Club | 1 200 € |"), pipe_cells("Club des Aînés   |  1 200 €"), pipe_cells("          |  (k€)", 2)
    (['Club', '1 200 €'], ['Club des Aînés', '1 200 €'], ['', '(k€)'])
    >>> pipe_cells("Mise à jour | voir page 3 | total", 2) is None
    True
    """
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        return [c.strip() for c in stripped.strip("|").split("|")]
    cells = [c.strip() for c in line.rstrip().rstrip("|").split("|")]
    if len(cells) < 2 or (width is None and not cells[0]) or (width is not None and len(cells) != width):
        return None
    return cells


def _pipe_tables(body: str):
    """Yield (rows, [(start, end)…]) for each run of ``|``-delimited lines, framed or not (:func:`pipe_cells`)."""
    rows, spans = [], []
    for match in re.finditer(r"^.*$", body, re.M):
        cells = pipe_cells(match.group(0), len(rows[0]) if rows else None)
        if cells is not None:
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                rows.append(cells)
                spans.append(match.span())
        elif rows:
            yield rows, spans
            rows, spans = [], []
    if rows:
        yield rows, spans


def pipe_table_grants(body: str, found: GrantsFound, legend: dict[str, str], hints: ColumnHints | None = None) -> None:
    """Read the grants and totals of ``| … |`` tables."""
    for rows, spans in _pipe_tables(body):
        if for_the_record(body, spans[0][0]):
            continue
        rows, spans = _wrapped_rows(*_two_line_head(rows, spans), hints)
        rows_grants(rows, spans, found, legend, heading_nature(body, spans[0][0]), hints,
                    thousands=in_thousands(body, spans[0][0]))


def _two_line_head(rows: list[list[str]],
                   spans: list[tuple[int, int]]) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """The rows of a ``| … |`` table, the lines that go on its head (no first cell and no amount: "| | (k€ HT) | |
    (k€) |" under "| Bénéficiaire | Dépense éligible | Taux | Subvention |") joined to it, cell by cell.

    >>> _two_line_head([["Bénéficiaire", "Subvention"], ["", "(k€)"], ["Club", "1,5"]], [(0, 1), (2, 3), (4, 5)])
    ([['Bénéficiaire', 'Subvention (k€)'], ['Club', '1,5']], [(0, 3), (4, 5)])
    """
    head, end = list(rows[0]), 1
    while end < len(rows) and not rows[end][0] and len(rows[end]) == len(head) \
            and not any(_AMOUNT_CELL_RE.fullmatch(c) for c in rows[end] if c):
        head = [(h + " " + c).strip() for h, c in zip(head, rows[end])]
        end += 1
    if end == 1:
        return rows, spans
    return [head] + rows[end:], [(spans[0][0], spans[end - 1][1])] + spans[end:]


#: A name cell's words that go on a row below: it ends with a hyphen, a word that needs the next one, a comma, or
#: leaves a bracket open.
_NAME_GOES_ON = re.compile(r"(?:-|,|\b(?:de|du|des|d['’]|l['’]|la|le|les|et|à|au|aux|en|pour|sur))$", re.I)


def _wrapped_rows(rows: list[list[str]], spans: list[tuple[int, int]],
                  hints: ColumnHints | None = None) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """The rows of a ``| … |`` table, each row that only continues the cells of the row above (no amount, and a name
    cell that goes on the name above: "(FCM)" below "Association Festival des Cévennes Musicales", "santé" below
    "Union régionale des professionnels de") joined to it, cell by cell; and so is a row whose amount the row
    above, its name cut and no amount of its own, waited for (a row that a page break split).

    >>> rows, spans = _wrapped_rows([["Association", "Montant"], ["Festival des Cévennes", "6 500 €"], ["(FCM)", ""]],
    ...                             [(0, 1), (2, 3), (4, 5)])
    >>> rows, spans
    ([['Association', 'Montant'], ['Festival des Cévennes (FCM)', '6 500 €']], [(0, 1), (2, 5)])
    """
    header = rows[0]
    rows = [header] + dittos_filled(rows[1:])
    amount_col = choose_amount_column(header, hints)
    name_col = name_column([fold(h) for h in header], {amount_col}) if amount_col is not None else None
    if name_col is None:
        return rows, spans
    joined, joined_spans = [list(rows[0])], [spans[0]]
    for cells, span in zip(rows[1:], spans[1:]):
        above = joined[-1] if len(joined) > 1 else None
        name = cells[name_col] if name_col < len(cells) else ""
        amount = any(_AMOUNT_CELL_RE.fullmatch(c) for c in cells if c)
        # the row above, its name cut and no amount yet, is this row's beginning: a row that a page break split
        # ("Les Amis de la Bibliothèque municipale et du" | … | (empty) above "Patrimoine local" | … | "650 €")
        split = above is not None and name and amount and above[amount_col:amount_col + 1] == [""] \
            and _NAME_GOES_ON.search(above[name_col]) is not None and not _TOTAL_ROW.match(row_label(above) or "")
        if split or above is not None and name and not amount \
                and above[amount_col:amount_col + 1] != [""] and not _TOTAL_ROW.match(row_label(above) or name) \
                and (name[0] in "(«" or name[0].islower() or _NAME_GOES_ON.search(above[name_col])
                     or above[name_col].count("(") > above[name_col].count(")")):
            for i, cell in enumerate(cells[:len(above)]):
                if cell:
                    above[i] = above[i] + cell if above[i].endswith("-") else (above[i] + " " + cell).strip()
            joined_spans[-1] = (joined_spans[-1][0], span[1])
            continue
        joined.append(list(cells))
        joined_spans.append(span)
    return joined, joined_spans


#: An amount column of what the law, not a decision to help, makes an EPCI pay its communes: "Attribution de
#: compensation 2025".
_DUE_BY_LAW_COL = re.compile(r"\battributions?\s+de\s+compensation\b")


#: A cell that repeats the one above it: a ditto mark ("〃", '"', "»", "''"), "id.", "idem", "d°", "dito".
_DITTO = re.compile(r"[〃\"”“»«]|''|-?\s*(?:id\.?|idem|d°|dito|ditto)\s*-?", re.I)


def dittos_filled(rows: list[list[str]]) -> list[list[str]]:
    """``rows`` with each cell that is a ditto mark (:data:`_DITTO`) replaced by the cell above it.

    >>> dittos_filled([["CPTS Ornelle", "Fonctionnement", "15 000 €"], ["〃", "Soins", "6 500 €"], ["id.", "", "1 €"]])
    [['CPTS Ornelle', 'Fonctionnement', '15 000 €'], ['CPTS Ornelle', 'Soins', '6 500 €'], ['CPTS Ornelle', '', '1 €']]
    """
    filled: list[list[str]] = []
    for cells in rows:
        above = filled[-1] if filled else []
        filled.append([above[i] if i < len(above) and above[i] and _DITTO.fullmatch(c.strip()) else c
                       for i, c in enumerate(cells)])
    return filled


def _cell_amount(cell: str, amount_of: Callable[[str], Decimal | None]) -> Decimal | None:
    """The amount of a grant's cell, in figures (``amount_of`` reads them, in euros or in thousands) or in words
    with their currency alone ("mille cinq cents euros": a text may write an amount in full to leave no doubt).

    >>> _cell_amount("trois mille cinq cents euros", parse_amount), _cell_amount("1 500 € (mille)", parse_amount)
    (Decimal('3500'), Decimal('1500'))
    """
    figures = amount_of(cell)
    return figures if figures is not None else words_amount(cell)


def rows_grants(rows: list[list[str]], spans: list[tuple[int, int]], found: GrantsFound, legend: dict[str, str],
                heading: str | None = None, hints: ColumnHints | None = None,
                sections: list[str | None] | None = None, thousands: bool = False) -> bool:
    """Read the grants and totals of a table split into cells, its header first; ``heading``: the nature that the
    sentence above the table gives its rows ("les subventions de fonctionnement suivantes"), when no column does;
    ``sections``: the section heading above each row, when the table's reader took them out of its rows (a section
    row "INVESTISSEMENT" gives the rows below it their nature); ``thousands``: whether the text above the table says
    its amounts are in thousands of euros ("(en K€)"), as a head may say too. A row without a name but with an amount
    and another cell is the next line of the beneficiary's merged cell above (a second grant to it). An imputation
    column gives each grant its account. Return whether the header is that of a grant table."""
    header = rows[0]
    amount_col = choose_amount_column(header, hints)
    if amount_col is None:
        return False
    if _DUE_BY_LAW_COL.search(fold(header[amount_col])):
        return True  # what the law makes the authority pay, no grant: its amounts are no prose's either
    amount_of = thousands_amount if thousands or in_thousands("", 0, header) else parse_amount
    folded = [fold(h) for h in header]
    name_col = name_column(folded, {amount_col})
    if name_col is None:
        return False
    nature_col = next((c for word in ("nature", "type", "code") if (c := _column(
        folded, re.compile(rf"\b{word}\b(?!.*\b(?:travaux|projet|action|depense|operation)\b)"),
        {amount_col, name_col})) is not None),
                      _column(folded, _CODES_HEAD, {amount_col, name_col}))
    id_col = _column(folded, _ID_COL, {amount_col, name_col, nature_col})
    # "Fonctionnement 2024 | Exceptionnelle 2024", "Fonct. | Projet | Total": one grant a cell, a column after the
    # other, so that each column's "Total" row sums a run of them; the rows' "Total" column sums each row's grants.
    by_nature = nature_columns(header, amount_col) or [(amount_col, None)]
    amount_cols = set(amount_columns(header, amount_col))
    purpose_col = _column(folded, _PURPOSE_COL, {name_col, nature_col, id_col} | amount_cols)
    account_col = _column(folded, IMPUTATION_COL, {amount_col, name_col, nature_col, id_col, purpose_col})
    row_total_col = _row_total_column(folded) if len(by_nature) > 1 else None
    for column, column_nature in by_nature:
        section, above = None, ""
        for k, (cells, span) in enumerate(zip(rows[1:], spans[1:])):
            cells += [""] * (len(header) - len(cells))
            # a column of one nature among others holds amounts only ("Projet" may head the projects' names)
            # a note's call after the amount or after the words that stand for it ("4 800 (1)", "reporté (1)")
            # is no figure of it
            amount = _cell_amount(without_call(cells[column]), amount_of) if column_nature is None \
                or _AMOUNT_CELL_RE.fullmatch(without_call(cells[column]).strip()) else None
            first = row_label(cells)
            if amount is None and cells[name_col] and column_nature is None and re.match(r"[^\W\d_]", cells[column]) \
                    and not _TOTAL_ROW.match(first):
                # words instead of the amount: a request refused or put off ("Dossier incomplet – non retenu")
                found.warnings.append((f"« {cells[name_col]} » : « {cells[column]} » au lieu d'un montant, aucune "
                                       f"subvention retenue",
                                       f"'{cells[name_col]}': '{cells[column]}' instead of an amount, no grant kept"))
                continue
            if amount is None:
                section = section_nature(cells) or section
                continue
            if _TOTAL_ROW.match(first):
                found.totals.append(StatedTotal(amount, span, first))
                above = ""
                continue
            if any(LOAN.search(fold(c)) for c in cells):  # a loan beside the grants: no grant
                continue
            if not cells[name_col] and above and amount and sum(bool(c) for c in cells) > 1:
                cells[name_col] = above  # the merged cell of the row above: "|  | Acquisition de minibus | … |"
            result = next((c.strip() for i, c in enumerate(cells)
                           if i not in (name_col, column) and _ROW_REJECTED.fullmatch(c.strip())), None)
            if cells[name_col] and amount and (re.search(_REFUSED, cells[column], re.I) or result):
                said = f"{cells[column].strip()}, {result}" if result else cells[column].strip()
                found.warnings.append((f"« {cells[name_col]} » : « {said} », aucune subvention retenue",
                                       f"'{cells[name_col]}': '{said}', no grant kept"))
                continue
            if cells[name_col] and not amount:  # a grant brought to nothing, or none
                found.warnings.append((f"« {cells[name_col]} » : montant de 0 €, aucune subvention retenue",
                                       f"'{cells[name_col]}': amount of 0, no grant kept"))
            elif cells[name_col]:
                above = cells[name_col]
                nature = (_nature_of(cells[nature_col], legend) if nature_col is not None else column_nature) \
                    or _marked_nature(cells, name_col) or (sections[k] if sections else None) or section or heading
                purpose = cells[purpose_col] or None if purpose_col is not None else None
                name, stated = name_cell(cells[name_col], folded[name_col])
                found.grants.append(GrantFact(_commune(name, folded[name_col]), amount, span, nature, purpose,
                                              True, True, identifier=(cells[id_col] if id_col is not None else None)
                                              or stated,
                                              account=row_account(cells[account_col]) if account_col is not None
                                              else None))
    if row_total_col is not None:  # the grand total, in the "Total" column of the "Total" row
        for cells, span in zip(rows[1:], spans[1:]):
            amount = amount_of(cells[row_total_col])
            if amount is not None and _TOTAL_ROW.match(row_label(cells)):
                found.totals.append(StatedTotal(amount, span, cells[0]))
    return True


def cell_identifiers(profile: Profile, cell: str, span: tuple[int, int]) -> None:
    """Complete ``profile`` with the valid SIRET, SIREN or RNA number of a table's identifier cell ("SIRET 928 720 317
    00017", "RNA W932011556", "265527374 00028"), where the text gave none after the name; ``span``: the row.

    >>> profile = Profile("CIAS")
    >>> cell_identifiers(profile, "265527374 00028", (0, 9))
    >>> profile.siret, profile.siren, profile.rna
    ('26552737400028', '265527374', None)
    """
    for value in re.findall(r"\bW[\dA-Z]{9}\b|\d[\d \u00a0\u202f.]{7,22}\d", cell):
        digits = clean_identifier(value)
        if siret_ok(digits) and profile.siret is None:
            profile.siret, profile.siren = digits, profile.siren or digits[:9]
        elif siren_ok(digits) and profile.siren is None:
            profile.siren = digits
        elif rna_ok(value) and profile.rna is None:
            profile.rna = normalise_rna(value)
        else:
            kind = {14: "SIRET", 9: "SIREN"}.get(len(digits)) if digits.isdigit() else None
            if kind and not (siret_ok if kind == "SIRET" else siren_ok)(digits):
                note_invalid(profile, kind, value)  # "SIRET 812 345 678 00019": a check digit wrong
            continue
        profile.identifiers_span = profile.identifiers_span or span


#: An identifier that a name cell writes after the name: "(SIRET 441 203 578 00026)", ", RNA W751234567".
_ID_IN_NAME = re.compile(r"\s*(?:\(\s*(?P<within>(?:n°\s*)?(?:SIRET|SIREN|RNA)\b[^()]*?)\s*\)"
                         r"|(?:[,–-]\s*|(?<=\s))(?P<after>"
                         r"(?:SIRET|SIREN|RNA)\b\s*(?:n°\s*)?:?\s*(?:W[\dA-Z]{9}|\d[\d \u00a0\u202f.]{7,22}\d)))\s*$", re.I)
#: A postal address after the name in its cell: "Association Le Relais 12 rue des Tanneurs 18100 VIERZON".
_ADDRESS_IN_NAME = re.compile(r"[ \t,–-]+\d{1,4}(?:[ \t]*(?:bis|ter))?,?[ \t]+(?:rue|avenue|av\.|boulevard|bd|place|"
                              r"chemin|route|allée|impasse|quai|cours|square|rond-point)\b.*$", re.I)
#: A dossier's code before the name, in a column whose head names both ("N° dossier Bénéficiaire", one space apart):
#: letters in capitals and figures, a figure at least, and a hyphen, a slash or a letter ("24R-0101", "SUB/2024/07").
_DOSSIER_HEAD = re.compile(r"\b(?:n°|no|numero|dossier|ref|reference|code)\b")
_DOSSIER_CODE = re.compile(r"(?=[^\s]*\d)(?=[^\s]*[A-Z/_.-])[A-Z0-9][A-Z0-9/_.-]{2,}\s+(?=\S)")
#: The head of a column of persons' names: "Nom – Prénom", "Nom et prénom", "Prénom Nom", "Bénéficiaire (nom, prénom)".
_PERSON_HEAD = re.compile(r"\bnoms?\b\W{0,5}(?:et\s+|,\s*)?\bprenoms?\b|\bprenoms?\b\W{0,5}(?:et\s+|,\s*)?\bnoms?\b")


#: The dot leaders that run from a name to its amount ("Club des aînés ........ 850 €"), or "…" typed for them.
_DOT_LEADER = re.compile(r"[ \t]*(?:\.[ \t]*){3,}$|[ \t]*…[…. \t]*$")


def name_cell(cell: str, head: str) -> tuple[str, str | None]:
    """The beneficiary's name in a table's name cell, without the dossier code before it or the SIRET, SIREN or RNA
    number after it; and that number as written, or None. ``head``: the column's head, folded. In a column of
    persons' names ("Nom – Prénom"), the name is a person's, written given name first as the reader writes persons.

    >>> name_cell("Réseau Ville-Hôpital Poitou (SIRET 441 203 578 00026)", "association (siret)")
    ('Réseau Ville-Hôpital Poitou', 'SIRET 441 203 578 00026')
    >>> name_cell("24R-0101 Association Jeunes Santé Amiénoise-Fictive", "n° dossier beneficiaire")
    ('Association Jeunes Santé Amiénoise-Fictive', None)
    >>> name_cell("FAURE-VIGNAL Clémence", "nom – prenom")
    ('Clémence FAURE-VIGNAL', None)
    >>> name_cell("Mme Inès X, interne à la faculté d'Angers", "beneficiaire")
    ('Mme Inès X', None)
    >>> name_cell("Foyer rural d'Astarac ..........", "beneficiaire")
    ("Foyer rural d'Astarac", None)
    >>> name_cell("Association Le Relais 12 rue des Tanneurs 18100 VIERZON SIRET : 419 876 543 00027", "beneficiaire")
    ('Association Le Relais', 'SIRET : 419 876 543 00027')
    """
    identifier = None
    cell = _DOT_LEADER.sub("", cell)
    if (match := _ID_IN_NAME.search(cell)) and match.start() > 0:
        cell, identifier = cell[:match.start()], match.group("within") or match.group("after")
    if (address := _ADDRESS_IN_NAME.search(cell)) and address.start() > 0:
        cell = cell[:address.start()]  # the cell's next lines, the beneficiary's address, set on one by a PDF's text
    if _DOSSIER_HEAD.search(head) and (match := _DOSSIER_CODE.match(cell)):
        cell = cell[match.end():]
    if _PERSON_HEAD.search(head) and (person := parse_person(cell)) is not None:
        cell = person.label
    return _GLOSS.split(cell, maxsplit=1)[0], identifier


#: What a name cell says of its beneficiary after its name, a comma and words in small letters: "Mme Camille X,
#: interne à la faculté de Poitiers", "Association Y, café des aidants de Niort".
#: (A comma inside a bracket is the bracket's: "Association X (espace de rencontre, médiation familiale)".)
_GLOSS = re.compile(r",\s+(?=[a-zà-ÿ])(?![^()]*\))")


def _commune(name: str, head: str) -> str:
    """A name in a column of communes is a commune's: "Monbahus" there is the Commune de Monbahus.

    >>> _commune("Agen-Fictif", "commune"), _commune("Commune de Nérac", "commune beneficiaire")
    ("Commune d'Agen-Fictif", 'Commune de Nérac')
    """
    if not re.fullmatch(r"communes?(?: beneficiaires?)?", head) or re.match(r"(?:commune|ville|mairie)\b", fold(name)):
        return name
    return "Commune " + ("d'" if fold(name[0]) in "aeiouyh" else "de ") + name


def table_grants(body: str, found: GrantsFound) -> None:
    """Read the grants and stated totals of every grant table of ``body`` into ``found``. (A table that the decision
    adopts as an amendment changed it is warned of once every reader has read its grants, by
    :func:`delib_grant_checks.apply_amendment`, which applies the amendment's amounts when it can.)"""
    from graph.ingest.delib_aligned import aligned_table_grants
    from graph.ingest.delib_stacked import stacked_cell_grants, stacked_table_grants
    from graph.ingest.delib_side_by_side import side_by_side_grants
    from graph.ingest.delib_blocks import block_grants, credit_rows, financing_line_grants
    from graph.ingest.delib_flattened import flat_table_grants

    legend, hints = legend_of(body), column_hints(body)
    aligned_table_grants(body, found, legend, hints)
    side_by_side_grants(body, found, legend, hints)
    stacked_table_grants(body, found, legend, hints)
    stacked_cell_grants(body, found, legend, hints)
    block_grants(body, found)
    financing_line_grants(body, found, hints)
    pipe_table_grants(body, found, legend, hints)
    flat_table_grants(body, found, legend, hints)
    credit_rows(body, found)  # a budget amendment's credits, no grants
    if (nature := referred_nature(body)) is not None:
        for grant in found.grants:
            grant.nature = grant.nature or (nature if grant.table else None)
    if not found.grants:
        found.unread_table = unread_table(body)


def unread_table(body: str) -> str | None:
    """The head of the first table of amounts in ``body`` (a line of words above a line of two amounts or more,
    cells apart by two spaces or more or by ``|``), for the warning given when none of its columns is the grants'.

    >>> unread_table("Porteur       Coût total     État     Région\\nClub       24 000    8 000    6 000\\n")
    'Porteur Coût total État Région'
    """
    def amounts(line: str) -> int:
        cells = re.split(r"\s{2,}|\s*\|\s*", line.strip())
        return sum(bool(_AMOUNT_CELL_RE.fullmatch(cell)) for cell in cells)

    lines = body.split("\n")
    for head, row in zip(lines, lines[1:]):
        if amounts(row) >= 2 and not amounts(head) and re.search(r"[^\W\d_]{3}", head):
            return re.sub(r"[\s|]+", " ", head).strip()[:80]
    return None


#: A cell that is an amount alone: "24 000", "8 000,00 €", "15 k€".
_AMOUNT_CELL_RE = re.compile(r"[-+]?\s*\d{1,3}(?:[ \u00a0\u202f.]\d{3})*(?:,\d{1,2})?\s*(?:(?:€|k€|EUR|euros?)"
                             + AMOUNT_QUALIFIER + r")?", re.I)
