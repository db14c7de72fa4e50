"""The register kind: the PTCE's own register of partners, as YAML or CSV, edited by hand by its coordinator.

**YAML** (``format: maillage-register/1``, see ``examples/ptce-registre.yaml``)::

    format: maillage-register/1
    ptce:
      name: PTCE santé DanaeCare          # required
      coordinator: DanaeCare              # a member's name
      territory: Saint-Étienne Métropole  # where the PTCE acts (schema:areaServed)
      description: …
      goals:                              # the roadmap's strategic goals, by rank
        - {rank: 1, label: Valorisation des acteurs…}
    members:
      - name: DanaeCare                   # required
        kind: association                 # association | collectivite | entreprise | universite |
                                          # professionnel-de-sante | usagers
        circle: coeur                     # coeur | operationnel | partenaires | financeurs (or a label)
        joined: 2024-05-16                # left: 2025-06-30 once the member has left
        siren: "244200770"                # siret, rna, esus: true (entreprise) when known
        themes: [tiers-lieu santé]        # labels, variants or identifiers of the themes thesaurus
        goals: [1, 2]                     # ranks of the goals the member contributes to
    actions:                              # id (optional): the key of its address, else its title's
      - {title: Cartographie…, goal: 1, start: 2024-09-01, end: 2025-06-30}
    grants:                               # or financements: the goals that a grant serves, by rank
      - {deliberation: 2024.00240, beneficiary: DanaeCare, goals: [2]}   # or grant_id (idSubvention), siren, siret

**CSV** (``;`` or ``,``; lists inside a cell separated by ``|``, ``,``, ``;``, a line break or `` / ``), one member
per row, with the columns ``name;kind;circle;joined;left;themes;goals;siren;siret;rna`` (a comment, a row of
one cell among fuller ones — a total, a section's title —, a footer or the header repeated is reported, not read; a
quote never closed refuses the register). Lines before the header of the form
``# ptce: NAME`` and ``# coordinator: NAME`` name the PTCE (else the file's name does), ``# objectif 1: LABEL``
declares its goal of rank 1. Grants are YAML only (a ``# financement…`` line is reported, not read).

What it becomes: each member an actor of the kind's class, an ``org:Membership``
``mint("membership", ptce, member)`` (one for each period of a member listed several times, minted with its entry
date; namesakes that their identifiers tell apart add their actor's key; ``org:member``, ``org:organization`` → the
PTCE, ``org:role`` → circle concept, ``mai:joinedOn``/``mai:leftOn``), ``dcterms:subject`` → themes,
``mai:contributesTo`` → goals. The PTCE is a ``mai:Cooperation`` (``actor_iri(name=…)``) ``mai:coordinatedBy`` its
coordinator, ``schema:areaServed`` its territory (text), ``mai:hasGoal`` each goal (``mai:StrategicGoal`` in the
``skos:ConceptScheme`` ``mint("goals", ptce)``, :mod:`graph.ingest.register_goals`); actions are
``mai:RoadmapAction`` ``mint("action", ptce, id or title)`` (not their rank: one removed moved the others); grants
are grant references, joined at ingest to the grants they describe (:mod:`graph.ingest.register_grants`), whose goals
the register's graph then states (:mod:`graph.ingest.register_links`).
Problems are reported with their line (YAML lines come from the parser's node marks).

This module detects a register and runs its extraction; the entries are read by :mod:`graph.ingest.register_read`
(CSV, a sheet) and :mod:`graph.ingest.register_yaml`, and become a graph through
:class:`graph.ingest.register_builder.RegisterBuilder` (memberships: :mod:`graph.ingest.register_memberships`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graph.encodings import decode, encoding_name, is_utf8
from graph.ingest.base import Extraction, InputError, SourceContext, SourceKind
from graph.ingest.register_builder import RegisterBuilder
from graph.ingest.register_entries import Entry, Register
from graph.ingest.register_forms import form_state
from graph.ingest.register_grants import grant_errors, state_grant
from graph.ingest.register_keys import FIELDS, column
from graph.ingest.register_links import register_issues, register_stored
from graph.ingest.register_read import entries_from_csv, sheet_as_csv
from graph.ingest.register_yaml import entries_from_yaml, load_yaml
from graph.limits import check_line_length
from graph.spreadsheets import WORKBOOK_FORMATS, Rows, is_spreadsheet, workbook_format
from graph.tabular import peek_lines, read_best_sheet

FORMAT = "maillage-register/1"


def detect(ctx: SourceContext) -> int:
    """Score a register: the format line or a key of a register's own (YAML, :func:`_yaml_score`), or the
    name/kind/circle columns (CSV, read as :func:`graph.ingest.register_keys.column` reads them); 0 otherwise."""
    suffix = ctx.path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _yaml_score(ctx.data)
    if suffix in (".csv", ".tsv", ".txt") or is_spreadsheet(ctx.data):
        return 95 if any(_REQUIRED <= keys for _, keys in _header_keys(ctx.data)) else 0
    return 0


#: The keys that only a register has at the top of its YAML, its PTCE and its members, under each name that its
#: reader reads (« membres »): at a line's start, in any case, maybe quoted, maybe with the space, the no-break space
#: or the narrow one that French typography puts before a colon (« membres : »).
_TOP_KEY = re.compile(r"^([\"']?)(?:" + "|".join(
    re.escape(name) for key in ("ptce", "members") for name in (key, *FIELDS["register"][key]))
    + r")\1[ \t\u00a0\u202f]*:(?=\s|$)", re.M | re.I)
#: The bytes of a YAML file that detection reads: its first 4 KB, where a register's format line and ``ptce:`` stand
#: (the demo's ``members:`` too, at 1.5 KB); then, when they show neither, its first 256 KB, for a ``members:`` that
#: a long header of comments, or sections written before it, push down. A YAML file that is no register costs at
#: most that, whatever its size: ~40 ms in Windows-1252 (decoded line by line), < 2 ms in UTF-8.
_HEADS = (4096, 256 * 1024)


def _heads(data: bytes) -> Iterator[str]:
    """The text of ``data``'s first 4 KB, then, if it is longer, of its first 256 KB (:data:`_HEADS`), as the
    reader will read it (UTF-8, UTF-16, Windows-1252…); none from one where UTF-16 is damaged: the reader says so,
    if the kind is forced."""
    for size in _HEADS:
        try:
            head = decode(data[:size])[0]
        except InputError:
            return
        yield head
        if size >= len(data):
            return


def _yaml_score(data: bytes) -> int:
    """Score a YAML file: certain with the register's format line, likely with a key of a register's own at its
    top (:data:`_TOP_KEY`), in its first 4 KB or else its first 256 KB; 0 otherwise.

    >>> _yaml_score(b"ptce:\\n  nom: P\\n"), _yaml_score("Membres\\u00a0:\\n  - nom: A\\n".encode("cp1252"))
    (60, 60)
    >>> _yaml_score(b"team:\\n  members: [A]\\n"), _yaml_score(b"note: membres : A, B\\n")
    (0, 0)
    """
    for head in _heads(data):
        if FORMAT in head:
            return 100
        if _TOP_KEY.search(head):
            return 60
    return 0


def _read_as_yaml(ctx: SourceContext) -> bool:
    """Whether a register is its YAML form: named so, or a text (the kind forced on a ``.txt``) that states the
    register's format, in its first 4 KB or else its first 256 KB."""
    if ctx.path.suffix.lower() in (".yaml", ".yml"):
        return True
    return not is_spreadsheet(ctx.data) and any(FORMAT in head for head in _heads(ctx.data))


#: The columns that make a CSV file a register.
_REQUIRED = frozenset({"name", "kind", "circle"})


def _header_keys(data: bytes) -> list[tuple[int, set[str]]]:
    """The member keys that the first lines of a table name, with their lines."""
    return [(line, {k for k in map(column, cells) if k}) for line, cells in peek_lines(data)]


def _sheet_score(rows: Rows) -> tuple[int, int]:
    """How well a sheet's first ``rows`` name a register's columns: the required ones (name, kind, circle) that
    its best row names, then all the member keys that row names — a workbook's sheet of notes names none."""
    rows_keys = [{k for k in map(column, cells) if k} for _, cells in rows]
    return max(((len(keys & _REQUIRED), len(keys)) for keys in rows_keys), default=(0, 0))


def near_miss(ctx: SourceContext) -> InputError | None:
    """A CSV header naming three or more of a register's columns but not all of name, kind and circle: which it
    has, which it lacks."""
    if ctx.path.suffix.lower() not in (".csv", ".txt", ".tsv") and not is_spreadsheet(ctx.data):
        return None
    for line, keys in _header_keys(ctx.data):
        if len(keys) >= 3 and (lacks := ", ".join(sorted(_REQUIRED - keys))):
            has = ", ".join(sorted(keys))
            miss = InputError(f"l'en-tête ressemble à un registre des partenaires ({has}), mais il y manque : "
                              f"{lacks}", line=line, message_en=f"the header looks like a partner register ({has}), "
                                                                f"but lacks: {lacks}")
            miss.columns_named = len(keys)
            return miss
    return None


def extract(ctx: SourceContext) -> Extraction:
    """Extract a partner register, YAML or CSV (see the module's docstring)."""
    check_line_length(ctx.data)
    read, encoding, yaml_register = _read_entries(ctx)
    builder = RegisterBuilder(ctx, read.ptce, yaml_register)
    builder.ex.issues += read.issues
    if encoding not in WORKBOOK_FORMATS and not is_utf8(encoding):
        name = encoding_name(encoding)
        builder.ex.warn(f"registre enregistré en {name}, pas en UTF-8 : lu comme tel (vérifiez ses accents)",
                        f"register saved in {name}, not UTF-8: read as such (check its accents)")
    if not read.ptce.text("name"):
        stem, table = ctx.path.stem, encoding.upper() if encoding in WORKBOOK_FORMATS else "CSV"
        fr, en = (("sans nom de PTCE (ptce: name)", "without the PTCE's name (ptce: name)") if yaml_register else
                  (f"{table} sans ligne « # ptce: NOM » avant l'en-tête",
                   f"{table} register without a '# ptce: NAME' line before its header"))
        builder.ex.warn(f"registre {fr} : le PTCE est nommé d'après le fichier (« {stem} »)",
                        f"{'register ' if yaml_register else ''}{en}: the PTCE is named after the file ('{stem}')",
                        line=read.ptce.line, field=read.ptce.key_of("name") if yaml_register else None)
    builder.declare_goals(read.goals)
    for member in read.members:
        builder.member(member)
    for action in read.actions:
        builder.action(action)
    refused = []
    for n, grant in enumerate(read.grants, start=1):
        try:
            state_grant(builder, grant, n)
        except InputError as exc:  # told with the others, in one refusal
            refused.append(exc)
    if refused:
        raise grant_errors(refused, builder.ex.issues)
    builder.coordinator(read.ptce)
    merged = builder.book.finish()
    members = builder.memberships(merged)
    builder.coordinator_check(read.ptce, merged)
    builder.beneficiary_check(merged)
    ex = builder.ex
    for period in reversed(builder.periods):  # the first line that names each member
        ex.actor_lines[merged.get(period.actor, period.actor)] = period.entry.line
    ex.stats = {"members": members, "goals": len(builder.goals), "actions": len(read.actions),
                "grant_entries": len(read.grants),
                **ex.issue_counts()}
    if not read.members:
        raise _without_members(read)
    return ex


def _read_entries(ctx: SourceContext) -> tuple[Register, str, bool]:
    """The entries of a register, its encoding (a workbook's format: ``xlsx``, ``ods``, ``xls``) and whether it is
    its YAML form."""
    encoding = "utf-8"
    yaml_register = _read_as_yaml(ctx)
    if yaml_register:  # an editor on Windows may save it in cp1252: read as a CSV register is
        text, encoding = decode(ctx.data)
        read = entries_from_yaml(text, FORMAT)
    elif is_spreadsheet(ctx.data):  # the sheet whose header names the columns, as a grants list's
        sheet, other_sheet = read_best_sheet(ctx.data, _sheet_score)
        read, encoding = entries_from_csv(sheet_as_csv(sheet.rows), spreadsheet=True), workbook_format(ctx.data)
        read.issues[:0] = [other_sheet] if other_sheet else []
    else:
        text, encoding = decode(ctx.data)  # as Excel saves a CSV: cp1252, a BOM, UTF-16
        read = entries_from_csv(text)
    return read, encoding, yaml_register


def _without_members(read: Register) -> InputError:
    """Why a register without members is refused: with a key of the register that is not read, maybe "members"
    mistyped, said with it (the warning alone would be lost with the refused file)."""
    near = next((i for i in read.issues if i.field and "did you mean" in i.message_en
                 and re.search(r"'(?:members|membres)'", i.message_en)), None)
    said, said_en = (f" ; à la ligne {near.line}, {near.message}", f"; line {near.line}, {near.message_en}") \
        if near is not None else ("", "")
    return InputError(f"registre sans membre (members){said}", message_en=f"register without members{said_en}",
                      line=near.line if near is not None else None)


__all__ = ["FORMAT", "KIND", "Entry", "Register", "detect", "extract", "load_yaml", "near_miss"]

KIND = SourceKind("register", "Registre des partenaires du PTCE", "Register of the PTCE's partners", detect,
                  extract, extensions=(".yaml", ".yml", ".csv", ".xlsx", ".ods"),
                  near_miss=near_miss, rows_kept="members", check_stored=register_stored,
                  recheck_stored=register_issues, form_state=form_state)
