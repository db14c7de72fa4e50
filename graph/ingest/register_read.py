"""Reading a partner register (see :mod:`graph.ingest.register`): its CSV text (or a sheet's rows) into entries, plain
values with the line of each, before any of them becomes a triple; the YAML form is read by
:mod:`graph.ingest.register_yaml` into the same entries."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from graph.ingest.base import InputError, Issue
from graph.identifiers import clean_identifier, rna_ok, siren_ok, siret_ok
from graph.ingest.register_keys import (FRENCH, canonical, column, duplicate_key, suggestion, unknown_key,
                                        written_in_french)
from graph.ingest.register_values import circle_concept, kind_class, read_date
from graph.identity import fold
from graph.tabular import (SNIFF_LINES, Row, check_quotes, cut_short, normalise_header, sniff_delimiter,
                           without_controls)
from graph.values import ValueProblem

#: What separates the values of a list in one cell: ``|``, ``,``, ``;``, a line break (Alt+Enter in a sheet's cell),
#: or a slash with spaces around it (« aidants / vieillissement »; « soignant/patient » is one value).
LIST_SEPARATORS = re.compile(r"[|,;\n\r]|\s+/\s+")


@dataclass
class Entry:
    """One mapping of the register (the PTCE, a member, a goal, an action): its values and their lines."""

    values: dict[str, Any]
    line: int
    lines: dict[str, int] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)  # each key as the register wrote it (``date d'entrée``)

    def get(self, key: str) -> Any:
        value = self.values.get(key)
        return None if value == "" else value

    def text(self, key: str) -> str:
        value = self.get(key)
        return "" if value is None else str(value).strip()

    def list(self, key: str) -> list:
        """The values of a list field: a YAML list, or a text split at :data:`LIST_SEPARATORS`.

        >>> Entry({"themes": "aidants; vieillissement\\nrelation soignant/patient / e-santé"}, 1).list("themes")
        ['aidants', 'vieillissement', 'relation soignant/patient', 'e-santé']
        """
        value = self.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            return value
        return [v.strip() for v in LIST_SEPARATORS.split(str(value)) if v.strip()]

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)

    def key_of(self, key: str, lang: str = "fr") -> str:
        """The name that messages give the field ``key``: as the register wrote it; when it did not, as the entry
        writes its other keys (their French names or the keys), or the key in English messages."""
        return self.written.get(key) or (FRENCH.get(key, key) if lang == "fr" and self.french else key)

    @property
    def french(self) -> bool:
        """Whether the entry writes its keys in French (the keys that have a French name), or writes none."""
        return written_in_french(self.written)


@dataclass
class Register:
    """A register as read: the PTCE, its members, goals, actions and grants (the goals that each grant serves), and
    the problems met reading them."""

    ptce: Entry
    members: list[Entry]
    goals: list[Entry] = field(default_factory=list)
    actions: list[Entry] = field(default_factory=list)
    grants: list[Entry] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)



def entries_from_csv(text: str, spreadsheet: bool = False) -> Register:
    """Read a CSV register; ``# key: value`` lines before the header name the PTCE (the ``#`` may be left out: the
    header is the first line that names the name, kind and circle columns). Its columns are read as the
    YAML format's member keys (any case, accents or spaces, or their French names); the others are warned about.
    Empty cells beyond the header (a row ending with an extra separator) are ignored; a row with values beyond it
    (a separator inside an unquoted value shifted them), or a longer row whose values read better shifted back
    (:func:`_cut_value`: the value cut in two was on a row whose last cell is empty), refuses the register with its
    line and the value to put in quotes (InputError) — or, in a sheet (``spreadsheet``), the column to name. A row
    that is a comment or a note (:func:`_note`: a total, a section's title), a footer (:func:`_footer`) or the header
    repeated is reported and not read; a quote never closed (it swallows the rows after it) refuses the register.

    >>> read = entries_from_csv(" Nom ;KIND;cercle;email\\nA;association;coeur;a@b.fr;\\n")
    >>> [m.values for m in read.members]
    [{'name': 'A', 'kind': 'association', 'circle': 'coeur'}]
    >>> for issue in read.issues: print(issue.line, issue.message)
    1 clé inconnue « email » d'un membre, ignorée : clés lues d'un membre : nom, type, cercle, date d'entrée, \
date de sortie, thèmes, objectifs, siren, siret, rna, esus
    >>> read = entries_from_csv("ptce: P;;\\nNom;Type;Cercle\\nA;association;coeur\\n")
    >>> read.ptce.values, [(m.line, m.values["name"]) for m in read.members]
    ({'name': 'P'}, [(3, 'A')])
    """
    lines = text.splitlines()
    controls = drop_controls(lines)
    try:  # the separator is sniffed from the first lines, as the CSV reader cuts them
        start, ptce, goals, issues = _heading(lines)
        body = "\n".join(lines[start:])
        delimiter = sniff_delimiter(body)
    except csv.Error as exc:
        raise _too_long(exc, next((i + 1 for i, line in enumerate(lines) if _LONG_CELL.search(line)), None)) from None
    issues[:0] = controls
    header, rows = _records(body, delimiter, start)
    while header and not header[-1].strip():
        header.pop()
    columns = _columns(header, start + 1, issues)
    if not columns and header:
        raise _no_header(header, start + 1)
    if len(header) > 1:  # a quote never closed swallows the rows after it: which are members cannot be told
        check_quotes("\n".join(lines), [Row(line, cells) for line, cells in rows], delimiter, len(header))
    table = any(sum(1 for c in cells if c.strip()) > 1 for _, cells in rows)
    members, repeated = [], []
    for line, cells in rows:
        if (note := _note(cells, table, line)) is not None:
            issues.append(note)
            continue
        if REQUIRED_COLUMNS <= {column(c) for c in cells}:  # the header again, above a section of the table
            repeated.append(line)
            continue
        values = {columns[i]: cell.strip() for i, cell in enumerate(cells[:len(header)]) if i in columns}
        if len(cells) > len(header):
            cut = None if spreadsheet else _cut_value(cells, columns, len(header), delimiter)
            if cut is not None or any(c.strip() for c in cells[len(header):]):
                raise _shifted(cells, len(header), line, cut, start + 1 if spreadsheet else None)
        if (footer := _footer(cells, values, line)) is not None:
            issues.append(footer)
        elif any(values.values()):
            members.append(Entry(values, line, written={columns[i]: header[i].strip() for i in columns}))
    if repeated:
        issues.append(_repeated_header(repeated))
    if not text.endswith(("\n", "\r")) and (cut := _cut_member(rows, members, len(header))) is not None:
        raise cut
    return Register(ptce, members, goals, issues=issues)


def _cut_member(rows: list[tuple[int, list[str]]], members: list[Entry], width: int) -> InputError | None:
    """Why a CSV register that does not end with a line end is refused as cut short: its last row, a member, has
    fewer cells than the header (``width``) while every other member has them all (:func:`graph.tabular.cut_short`);
    None otherwise (a register that merely lacks its final line end, or whose rows leave out their empty last cells).

    >>> rows = [(2, ["A", "association", "coeur"]), (3, ["B", "asso"])]
    >>> _cut_member(rows, [Entry({}, 2), Entry({}, 3)], 3).issue.line
    3
    """
    if not rows or not members or members[-1].line != rows[-1][0]:
        return None
    cells = {line: len(row) for line, row in rows}
    last = cells[members[-1].line]
    if last >= width or any(cells[member.line] < width for member in members[:-1]):
        return None
    return cut_short(members[-1].line, (f"elle n'a que {last} cellule{'s' * (last > 1)} sur {width}",
                                        f"it has only {last} cell{'s' * (last > 1)} of {width}"))


def _records(body: str, delimiter: str, start: int) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the rows of a CSV register's ``body`` (its text from the header on, which is line
    ``start + 1``), each row with its first line (a quoted cell may hold line breaks). InputError with the row's
    line when the CSV reader cannot read a cell: one longer than its limit (128 Kio), which no value of a register
    is — a quote never closed, in a long file, swallows the rest of it into one cell."""
    reader = csv.reader(io.StringIO(body), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    line = start + 1
    try:
        header = next(reader, [])
        line = start + reader.line_num + 1
        for cells in reader:
            if any(len(cell) > MAX_CELL for cell in cells):  # the reader's own limit is the process's, not ours
                raise _too_long(None, line)
            rows.append((line, cells))
            line = start + reader.line_num + 1
    except csv.Error as exc:
        raise _too_long(exc, line) from None
    return header, rows


#: The longest cell of a register (128 Kio, the CSV reader's default limit, which a library may raise for the whole
#: process): no value of a register is that long — a quote never closed swallows the rest of the file into one.
MAX_CELL = 131_072
#: A run of characters without a separator longer than that.
_LONG_CELL = re.compile(r"[^;,\t|]{%d}" % (MAX_CELL + 1))


def _too_long(exc: csv.Error | None, line: int | None) -> InputError:
    """Why a register is refused when a cell is longer than :data:`MAX_CELL`, read so or when the CSV reader stops
    at its own limit (the only error of a non-strict reader on text; another is our bug, raised as it is)."""
    if exc is not None and "field limit" not in str(exc):
        raise exc
    size = MAX_CELL
    return InputError(f"cellule de plus de {size} caractères : trop longue pour une valeur du registre (un guillemet "
                      "jamais fermé ?) ; registre refusé", line=line,
                      message_en=f"cell of more than {size} characters: too long for a register's value (a quote "
                                 "never closed?); register refused")


def drop_controls(lines: list[str]) -> list[Issue]:
    """Remove the control characters of a CSV register's ``lines`` (in place), as :mod:`graph.tabular` does a table's
    (a NUL from a broken export would stay in a member's name, and XML cannot carry it), with a warning for each line
    that held some: its values are kept, and their source is to be checked.

    >>> lines = ["name;kind", "A\\x00B;association"]
    >>> [(i.line, i.message_en) for i in drop_controls(lines)], lines[1]
    ([(2, 'control character U+0000 in the line, removed (damaged export?): values to check at their source')], \
'AB;association')
    """
    issues = []
    for i, line in enumerate(lines):
        lines[i], found = without_controls(line)
        if found:
            issues.append(Issue("warning", f"caractère de contrôle {', '.join(found)} dans la ligne, retiré (export "
                                           "abîmé ?) : valeurs à vérifier à leur source",
                                f"control character {', '.join(found)} in the line, removed (damaged export?): values "
                                "to check at their source", line=i + 1))
    return issues


#: The first words of a table's footer, folded: a total, the date of an update, the source of the list.
_FOOTER = re.compile(r"(?:(?:sous )?totale?|(?:date (?:de (?:la )?|d )?|derniere )?mise? a jour|maj|sources?|"
                     r"extraction|nombre (?:de |d )?(?:membres|adherents|partenaires|structures))(?:\s|$)")


def _footer(cells: list[str], values: dict[str, str], line: int) -> Issue | None:
    """The warning for a footer row of a CSV register (« Total;2 », « Mis à jour le;15/03/2025 », « Source :;… »):
    its first value begins as a footer does, and it has no circle nor a kind that is one — a member of such a
    name (« Source de vie ») has them; None for another row.

    >>> _footer(["Total", "2", ""], {"name": "Total", "kind": "2", "circle": ""}, 9).message_en
    "line 'Total 2' read as a footer note (a total, an update's date, a source) and ignored, not as a member; if it \
is one, give its kind and circle"
    >>> _footer(["Total", "entreprise", ""], {"name": "Total", "kind": "entreprise", "circle": ""}, 9) is None
    True
    """
    filled = [c.strip() for c in cells if c.strip()]
    if (not filled or values.get("circle") or kind_class(values.get("kind", ""))
            or not _FOOTER.match(fold(filled[0]))):
        return None
    text = " ".join(filled)
    return Issue("warning", f"ligne « {text} » lue comme une note de bas de tableau (total, date de mise à jour, "
                            "source) et ignorée, pas comme un membre ; si c'en est un, donnez son type et son cercle",
                 f"line '{text}' read as a footer note (a total, an update's date, a source) and ignored, not as a "
                 "member; if it is one, give its kind and circle", line=line)


def _repeated_header(lines: list[int]) -> Issue:
    """The one warning for the rows of a CSV register that repeat its header (above a section: « anciens membres »),
    skipped: their cells are the columns' titles, no member's values."""
    if len(lines) == 1:
        return Issue("warning", f"en-tête répété, ligne {lines[0]} : ligne ignorée, ce n'est pas un membre",
                     f"header repeated, line {lines[0]}: line ignored, it is not a member", line=lines[0])
    said = ", ".join(map(str, lines[:-1])) + f" et {lines[-1]}"
    said_en = ", ".join(map(str, lines[:-1])) + f" and {lines[-1]}"
    return Issue("warning", f"en-tête répété, lignes {said} : lignes ignorées, ce ne sont pas des membres",
                 f"header repeated, lines {said_en}: lines ignored, they are not members", line=lines[0])


def _note(cells: list[str], table: bool, line: int) -> Issue | None:
    """The warning for a row of a CSV register that is no member: a comment (its first value begins with ``#``), or,
    in a ``table`` (a register whose rows fill more than one cell: not a list of names alone), a note of one cell —
    a total, a section's title, the date of an update; None for another row.

    >>> _note(["Total : 5 membres", "", ""], True, 15).message
    "une seule cellule remplie (« Total : 5 membres ») : ligne lue comme une note (total, titre de section, \
remarque) et ignorée, pas comme un membre ; si c'en est un, donnez aussi son type et son cercle"
    >>> _note(["# anciens membres", ""], True, 9).message, _note(["A", "", ""], False, 2)
    ("commentaire « # anciens membres » : ligne ignorée, ce n'est pas un membre", None)
    """
    filled = [c.strip() for c in cells if c.strip()]
    if filled and filled[0].startswith("#"):
        text = " ".join(filled)
        return Issue("warning", f"commentaire « {text} » : ligne ignorée, ce n'est pas un membre",
                     f"comment '{text}': line ignored, it is not a member", line=line)
    if table and len(filled) == 1:
        return Issue("warning", f"une seule cellule remplie (« {filled[0]} ») : ligne lue comme une note (total, titre "
                                "de section, remarque) et ignorée, pas comme un membre ; si c'en est un, donnez aussi "
                                "son type et son cercle", f"one cell filled ('{filled[0]}'): line read as a note (a "
                     "total, a section's title, a remark) and ignored, not as a member; if it is one, give its kind "
                     "and circle too", line=line)
    return None


def sheet_as_csv(rows: list[tuple[int, list[str]]]) -> str:
    """The text of a register's sheet (rows with their lines) as a ``;`` CSV whose lines are the sheet's, for
    :func:`entries_from_csv`: a line break inside a cell becomes a space, so that each row keeps its line — or, in
    a list's column below the header (themes, goals: Alt+Enter between values), a ``|`` between them.

    >>> sheet_as_csv([(1, ["# ptce: P", ""]), (3, ["name", "kind", "circle", "themes"]),
    ...               (4, ["A; B", "asso\\nciation", "coeur", "aidants\\ne-santé"])])
    '# ptce: P;\\n\\nname;kind;circle;themes\\n"A; B";asso ciation;coeur;aidants | e-santé\\n'
    """
    out, line, lists, header = io.StringIO(), 1, set(), None
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    for number, cells in rows:
        out.write("\n" * max(0, number - line))
        writer.writerow([(" | " if i in lists else " ").join(c.splitlines()) for i, c in enumerate(cells)])
        line = number + 1
        keys = [column(c) for c in cells] if header is None else []
        if REQUIRED_COLUMNS <= set(keys):
            header, lists = number, {i for i, key in enumerate(keys) if key in ("themes", "goals")}
    return out.getvalue()


def _shifted(cells: list[str], width: int, line: int, cut: str | None, sheet_header: int | None) -> InputError:
    """Why a register with a row shifted by a separator inside an unquoted value is refused whole: stored without
    that row, the register would drop a member the coordinator listed (the register stored before stays). In a
    sheet (``sheet_header``: the header's line) no separator shifts a cell: the value lies in a column that the
    header does not name."""
    if sheet_header is not None:
        column = next(i for i in range(width, len(cells)) if cells[i].strip())
        letter = _column_letter(column)
        return InputError(
            f"valeur « {cells[column].strip()} » en colonne {letter}, que l'en-tête (ligne {sheet_header}) ne nomme "
            f"pas : nommez la colonne ou videz la cellule ; registre refusé, pour ne pas perdre ce qu'elle dit",
            line=line, message_en=f"value '{cells[column].strip()}' in column {letter}, which the header (line "
                                  f"{sheet_header}) does not name: name the column or empty the cell; register "
                                  "refused, so as not to lose what it says")
    said = (f"la valeur « {cut} » contient sans doute le séparateur ; mettez-la entre guillemets",
            f"the value '{cut}' probably holds the separator; quote it") if cut else (
        "un séparateur dans une valeur non entre guillemets ? mettez-la entre guillemets",
        "a separator inside an unquoted value? quote it")
    return InputError(f"{len(cells)} cellules pour {width} colonnes : {said[0]} ; registre refusé, pour ne pas perdre "
                      "ce membre", line=line, message_en=f"{len(cells)} cells for {width} columns: {said[1]}; register "
                      "refused, so as not to lose this member")


def _no_header(taken: list[str], line: int) -> InputError:
    """Why a register whose header cannot be found is refused: the line taken for it names none of its columns."""
    text = " ".join(c.strip() for c in taken if c.strip())
    return InputError(
        f"en-tête du registre introuvable : la ligne « {text} » ne nomme aucune de ses colonnes, et aucune des "
        f"{SNIFF_LINES} premières lignes ne nomme à la fois nom, type et cercle (name, kind, circle) ; écrivez "
        "l'en-tête avant les membres (par exemple nom;type;cercle;date d'entrée)", line=line,
        message_en=f"register header not found: the line '{text}' names none of its columns, and none of the first "
                   f"{SNIFF_LINES} lines names name, kind and circle together; write the header before the members "
                   "(for example name;kind;circle;joined)")


def _column_letter(index: int) -> str:
    """A sheet's column letters for the 0-based ``index``: ``A``, ``Z``, ``AA``.

    >>> _column_letter(0), _column_letter(25), _column_letter(26)
    ('A', 'Z', 'AA')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _cut_value(cells: list[str], columns: dict[int, str], width: int, delimiter: str) -> str | None:
    """The value that a separator written inside it (unquoted) cut in two, shifting the following ones, in a row
    longer than the header; None when the row reads best as it is (it ends with extra separators). The row is
    read with each pair of cells (or more, as many as it has extra) joined again, and the reading where more
    kinds, circles, dates and identifiers are valid wins.

    >>> header = {0: "name", 1: "kind", 2: "circle", 3: "joined"}
    >>> _cut_value(["C Santé", " Prévention", "association", "coeur", "2024-01-01"], header, 4, ",")
    'C Santé, Prévention'
    >>> _cut_value(["A", "association", "coeur", "2024-01-01", ""], header, 4, ",") is None
    True
    """
    def valid(row: list[str]) -> int:
        return sum(1 for i, key in columns.items() if i < len(row) and plausible(key, row[i].strip()))

    best, found = valid(cells), None
    for extra in range(1, len(cells) - width + 1):
        for i in range(width):
            if not all(c.strip() for c in cells[i:i + extra + 1]):  # a value cut in two has text on both sides
                continue
            joined = delimiter.join(cells[i:i + extra + 1])
            if (score := valid(cells[:i] + [joined] + cells[i + extra + 1:])) > best:
                best, found = score, joined.strip()
    return found


def plausible(key: str, value: str) -> bool | None:
    """Whether ``value`` is a valid value of the typed field ``key`` (a kind, circle, date or identifier); None when
    ``key`` has no typed value (a name, a list).

    >>> plausible("circle", "coeur"), plausible("circle", "coe"), plausible("joined", "2024-0"), plausible("name", "A")
    (True, False, False, None)
    """
    checks = {"kind": kind_class, "circle": circle_concept, "siren": lambda v: siren_ok(clean_identifier(v)),
              "siret": lambda v: siret_ok(clean_identifier(v)), "rna": rna_ok, "joined": _date, "left": _date,
              "start": _date, "end": _date}
    if key not in checks:
        return None
    return bool(value) and bool(checks[key](value))


def _date(value: str) -> bool:
    try:
        return read_date(value)[0] is not None
    except ValueProblem:
        return False


#: ``# objectif 1: …`` (or ``goal 1``, ``objectif n° 1``) before a CSV register's header: a goal and its rank.
_GOAL_KEY = re.compile(r"(?:objectif|goal)s?(?:no?)?(\d+)")
#: ``# financement …`` (or ``subvention``, ``grant``) before a CSV register's header: a grant's goals, which only the
#: YAML form reads.
_GRANT_KEY = re.compile(r"financement|subvention|grant")


def _heading(lines: list[str]) -> tuple[int, Entry, list[Entry], list[Issue]]:
    """Read the lines before a CSV register's header: (the header's index, the PTCE, its goals, problems).
    ``# ptce: NAME``, ``# coordinator: NAME`` (and the ``ptce:`` keys of the YAML format, ``territory``,
    ``description``, or their French names) describe the PTCE, ``# objectif N: LABEL`` declares its goal of rank
    N; other lines are free text, unless their key is a near spelling of one of these. The ``#`` may be left out
    (a sheet's first rows, the key and its value in one cell or two) when a line among the first names the
    register's name, kind and circle columns: the first such line is the header; else it is the first line that
    is neither a comment nor blank.

    >>> start, ptce, goals, issues = _heading(["# ptce: P", "# Objectif 2 : Soutenir", "# registre de mars", "a"])
    >>> start, ptce.values, [(g.line, g.values) for g in goals], issues
    (3, {'name': 'P'}, [(2, {'rank': 2, 'label': 'Soutenir'})], [])
    >>> start, ptce, goals, issues = _heading(["Registre 2024;;", "ptce;P;", "objectif 1:;Un;", "Nom;Type;Cercle"])
    >>> start, ptce.values, [(g.line, g.values) for g in goals]
    (3, {'name': 'P'}, [(3, {'rank': 1, 'label': 'Un'})])
    """
    values: dict[str, Any] = {}
    lines_of: dict[str, int] = {}
    goals: list[Entry] = []
    issues: list[Issue] = []
    header = _header_line(lines)
    delimiter = sniff_delimiter("\n".join(lines[header:])) if header is not None else ";"
    start = 0
    while start < len(lines) and (start < header if header is not None else
                                  (_comment(lines[start]) is not None or _blank(lines[start]))):
        comment = _comment(lines[start])
        if comment is None and not _blank(lines[start]):
            comment = _uncommented(lines[start], delimiter)
        start += 1
        key, colon, value = (comment or "").partition(":")
        folded, value = normalise_header(key), value.strip()
        name = "name" if folded == "ptce" else canonical("ptce", key)
        if not colon or not value:
            continue
        if m := _GOAL_KEY.fullmatch(folded):
            goals.append(Entry({"rank": int(m[1]), "label": value}, start))
        elif _GRANT_KEY.match(folded):
            issues.append(Issue("warning", f"ligne « #{key}: » non lue : les financements (les objectifs que sert une "
                                           "subvention) ne s'écrivent que dans un registre YAML, sous grants: "
                                           "(ou financements:)", f"line '#{key}:' not read: grants (the goals that a "
                                "grant serves) are written in a YAML register only, under grants: (or "
                                "financements:)", line=start, field=key.strip()))
        elif name is not None and name != "goals":
            values.setdefault(name, value)
            lines_of.setdefault(name, start)
        elif name == "goals" or (near := suggestion("ptce", key)) is not None:
            hint = "objectif 1" if name == "goals" or near == "goals" else "ptce" if near == "name" else near
            issues.append(Issue("warning", f"ligne « #{key}: » non lue : écrivez « # {hint}: … »",
                                f"line '#{key}:' not read: write '# {hint}: …'", line=start, field=key.strip()))
    return start, Entry(values, 1, lines_of), goals, issues


#: The columns that make a table a register: its header is the first line among the first that names them all.
REQUIRED_COLUMNS = frozenset({"name", "kind", "circle"})


def _header_line(lines: list[str]) -> int | None:
    """The index of a CSV register's header: the first line among the first :data:`SNIFF_LINES` (not a comment)
    whose cells name the name, kind and circle columns; None when none does."""
    for i, line in enumerate(lines[:SNIFF_LINES]):
        if _comment(line) is not None:
            continue
        cells = re.split(r"[;,\t|]", line)
        if REQUIRED_COLUMNS <= {column(c.strip().strip('"')) for c in cells}:
            return i
    return None


def _uncommented(line: str, delimiter: str) -> str:
    """A line before a register's header written without its ``#``, as a comment's text: its cells' values, the
    first (a key, its colon optional) then ``:`` and the others (a sheet's row ``ptce | NAME``).

    >>> _uncommented("ptce: P;;", ";"), _uncommented("objectif 1;Soutenir les aidants;", ";")
    ('ptce: P', 'objectif 1: Soutenir les aidants')
    """
    cells = [c.strip() for c in next(csv.reader([line], delimiter=delimiter), []) if c.strip()]
    if len(cells) < 2:
        return cells[0] if cells else ""
    return f"{cells[0].rstrip(':').rstrip()}: {' '.join(cells[1:])}"


def _blank(line: str) -> bool:
    """Whether a line of a CSV register has no value: empty, or only separators and quotes (an empty row)."""
    return not line.strip(' \t;,|"')


def _comment(line: str) -> str | None:
    """The text after the ``#`` of a comment line of a CSV register, or None when ``line`` is not one. A
    spreadsheet that saved the file again padded the line with the separators of a row and quoted it when it held
    one: those are not the comment's.

    >>> _comment("# ptce: PTCE Resave;;;;;;;;;"), _comment('"# ptce: PTCE Santé, Loire",,,'), _comment("a;b")
    (' ptce: PTCE Resave', ' ptce: PTCE Santé, Loire', None)
    """
    text = line.strip().rstrip(";,\t|").strip()
    if len(text) > 1 and text[0] == text[-1] == '"':
        text = text[1:-1].replace('""', '"')
    return text[1:].rstrip(";,\t|") if text.startswith("#") else None


def _columns(header: list[str], line: int, issues: list[Issue]) -> dict[int, str]:
    """Map the index of each column of a CSV register's header that it reads to its member key."""
    columns: dict[int, str] = {}
    named: dict[str, str] = {}
    french = written_in_french({name: cell for cell in header if (name := column(cell)) is not None})
    for i, cell in enumerate(header):
        if (name := column(cell)) is None:
            if cell.strip():
                issues.append(unknown_key("member", cell.strip(), line, french))
        elif name in named:
            issues.append(duplicate_key("member", named[name], cell.strip(), line))
        else:
            named[name], columns[i] = cell.strip(), name
    return columns
