"""The SCDL *délibérations* kind (v2.1.5, and lists such as Montpellier's) as CSV, XLSX or ODS.

Each row becomes a ``mai:Deliberation`` (:func:`graph.identity.deliberation_iri` of its authority and DELIB_ID — the
IRI a grant's ``referenceDecision`` points to) with ``dcterms:identifier``, ``dcterms:title``, ``dcterms:date``,
``mai:authority`` (a ``mai:PublicAuthority``), ``mai:receivedByPrefecture``, ``mai:legalityControlAuthority`` (PREF_ID,
the code of the prefecture, sub-prefecture or SGAR that holds the legality control), ``mai:publishedOn``, the vote
counts (only when given; VOTE_REEL as ``mai:voteCount``, "unanimité" in VOTE_POUR as the outcome adopted unanimously),
``mai:programme`` (budget), ``schema:url`` and the ACTES matière as a ``dcterms:subject``
literal ("7.5 Finances locales/Subventions"), and, when the list names the assembly (« Date CM », a column
« Organe »), ``mai:body`` and ``mai:session`` (:mod:`graph.ingest.scdl_sessions`). A list without ``COLL_*`` columns
takes its authority from ``--funder "NOM[;SIRET]"``.

A row whose act is not a deliberation (``NATURE_ACTE`` "Arrêté réglementaire", "Contrat…": the vocabulary has no
class for them) is skipped with a warning; a matière code that is not an ACTES level-2 code is warned about (and
dropped when it is not one at all), and so is a PREF_ID not of the schema's form (dropped); a DELIB_ID given twice by
one authority is an error of the second row, unless it is a session's rank (up to three figures, "1", "2"…) given at
several sessions: each such deliberation is then identified by its number and its date, "1 (2024-03-28)", with a
warning; vote counts above the members entitled to vote, or above those who voted, are warned about. A MONTANT
column, with no beneficiary's, is ignored with a warning: the list is read as deliberations. A date cell that holds
the mark of an empty one ("NULL", "0000-00-00") is empty, said once per column; in DELIB_DATE, it rejects its row as
an empty cell does.
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from graph.dates import parse_date
from graph.identifiers import CONTROL_CODE, CONTROL_CODE_FORM
from graph.identity import ActorBook, deliberation_iri
from graph.identity_names import fold
from graph.ingest.base import (FUNDER_ADVICE, Extraction, InputError, SourceContext, SourceKind, missing_columns,
                               new_graph, parse_funder_option)
from graph.ingest.scdl_checks import compact_date
from graph.ingest.scdl_grants import EXTENSIONS
from graph.ingest.scdl_headers import (DELIBERATION_FIELDS, GRANT_FIELDS, fields_named, header_near_miss, keys_of,
                                       map_columns, warn_duplicate_columns, warn_unread_columns)
from graph.ingest.scdl_ids import read_id_cell
from graph.ingest.scdl_placeholders import empty_mark, read_as_empty
from graph.ingest.scdl_sessions import add_session, body_label, body_of_date_column
from graph.namespaces import MAI, SCHEMA
from graph.table_checks import short_row
from graph.tabular import Row, peek_keys, read_table
from graph.values import ValueProblem, parse_int

DELIBERATION_KEYS = keys_of(DELIBERATION_FIELDS)
#: What a table of this kind is, as errors name it (French, English).
KIND_LABEL = ("une liste de délibérations SCDL", "an SCDL deliberations list")
#: The outcome a vote "à l'unanimité" gives (the mai:outcomes scheme, ontology/outcomes.ttl).
UNANIMOUS = URIRef("https://w3id.org/maillage/ontology/outcome/adopted-unanimously")
#: A DELIB_ID that may be a deliberation's rank in its session, numbered again at each one.
_SESSION_RANK = re.compile(r"\d{1,3}")
#: What a list writes in VOTE_POUR for a unanimous vote, folded.
_UNANIMITY = re.compile(r"(?:adopte e? )?(?:a l )?unanimite(?: des (?:suffrages exprimes|votants|membres presents"
                        r"(?: et representes)?))?|unanime")
VOTES = (("votes_for", MAI.votesFor), ("votes_against", MAI.votesAgainst), ("abstentions", MAI.abstentions))
#: Natures of acts (ACTES ``CodeNatureActe``, ``TypeAbrege`` or label, folded; DATA-FORMATS.md 1.3): 1, DE
#: "Délibérations" are deliberations; 2-6, AR, AI, CC, BF, AU (arrêtés, contrats, documents budgétaires, autres) are
#: not.
_DELIBERATION = re.compile(r"1|de|delib.*")
_OTHER_ACT = re.compile(r"[2-6]|ar|ai|cc|bf|au|arrete.*|contrat.*|convention.*|documents? budget.*|autres?\b.*")
#: The schema's DELIB_MATIERE_CODE pattern: an ACTES level-2 code.
_MATTER = re.compile(r"\d\.\d{1,2}")
#: The level-2 codes that the schema lists: 1.1 to 1.7, 2.1 to 2.3 … 7.1 to 7.10, 8.1 to 8.9, 9.1 to 9.4.
ACTES_MATTERS = frozenset(f"{a}.{b}" for a, n in enumerate((7, 3, 6, 5, 8, 5, 10, 9, 4), start=1)
                          for b in range(1, n + 1))


def detect(ctx: SourceContext) -> int:
    """Score a table with a deliberation id, a date and a title (0 for anything else, grants included)."""
    if ctx.path.suffix.lower() not in EXTENSIONS:
        return 0
    for keys in peek_keys(ctx.data):
        fields = fields_named(keys, DELIBERATION_FIELDS)
        if {"id", "date", "title"} <= fields and ("montant" not in keys or not names_beneficiary(keys)):
            return 70 + 3 * min(len(fields), 10)
    return 0


def names_beneficiary(keys: frozenset[str]) -> bool:
    """Whether a header names a grant's beneficiary: a grants list's, which an amount column alone does not make (a
    deliberations list may give each one's amount, MONTANT)."""
    return bool(fields_named(keys, GRANT_FIELDS) & {"beneficiary_name", "beneficiary_id", "beneficiary_rna"})


def near_miss(ctx: SourceContext) -> InputError | None:
    """A table naming three or more SCDL deliberation columns but not an id, a date and a title: which lack."""
    if ctx.path.suffix.lower() not in EXTENSIONS:
        return None

    def lacking(fields: set[str], keys: frozenset[str]) -> list[str]:
        if "montant" in keys and names_beneficiary(keys):  # a grants list's header, told about by that kind
            return []
        return [DELIBERATION_FIELDS[f][0] for f in ("id", "date", "title") if f not in fields]

    return header_near_miss(ctx.data, DELIBERATION_FIELDS, lacking, KIND_LABEL)


class _Rows:
    def __init__(self, ctx: SourceContext, header: list[str]):
        self.ctx, self.header = ctx, header
        self.cols = map_columns(header, DELIBERATION_FIELDS)
        self.graph = new_graph()
        self.ex = Extraction(graph=self.graph)
        self.book = ActorBook(self.graph, ctx.base)
        self.default = parse_funder_option(ctx.options["funder"]) if ctx.options.get("funder") else None
        self.count = 0
        self.seen: dict[URIRef, tuple[int, tuple[str, ...]]] = {}  # deliberation -> its row's line and cells
        #: (authority's cells, DELIB_ID) -> the dates it is given on: more than one, the number is the session's.
        self.sessions: dict[tuple[str, str, str], set] = {}
        self.told: set[tuple[str, str, str]] = set()  # the numbers per session warned about
        self.empty_marks: set[str] = set()  # the fields whose marks of an empty cell were warned about
        #: The assembly that the date column's name says sat (« Date CM »), the session's organ.
        self.date_body = body_of_date_column(header[self.cols["date"]]) if "date" in self.cols else None

    def count_sessions(self, rows: list[Row]) -> None:
        """Note the dates each authority's DELIB_ID is given on when it is a session's rank (1, 2… at each session:
        up to three figures); a number that names its year ("2024.00240") given on two dates is a mistake instead,
        the second row's (:meth:`repeated`)."""
        for row in rows:
            if not _SESSION_RANK.fullmatch(self.get(row, "id")):
                continue
            try:
                day = compact_date(raw := self.get(row, "date")) or parse_date(raw)
            except ValueProblem:
                continue
            if day is not None:
                self.sessions.setdefault(self.number_key(row), set()).add(day)

    def number_key(self, row: Row) -> tuple[str, str, str]:
        return fold(self.get(row, "authority_name")), self.get(row, "authority_id"), self.get(row, "id")

    def number(self, row: Row, identifier: str, date) -> str:
        """The number that identifies the row's deliberation (its IRI and dcterms:identifier): its DELIB_ID, qualified
        by its date, "1 (2024-03-28)", when the list gives that DELIB_ID to deliberations of several sessions (said
        once). The identifier carries the date because the store's resolution mints a deliberation's IRI again from
        its authority and identifier (:func:`graph.resolution_deliberations.canonical_deliberations`)."""
        key = self.number_key(row)
        days = self.sessions.get(key, set())
        if len(days) < 2:
            return identifier
        if key not in self.told:
            self.told.add(key)
            listed = ", ".join(day.isoformat() for day in sorted(days))
            example = f"{identifier} ({min(days).isoformat()})"
            self.issue("warning", row, "id", f"numéro « {identifier} » donné à des délibérations de plusieurs séances "
                       f"({listed}) : un numéro propre à chaque séance ; chacune est identifiée par son numéro et sa "
                       f"date, « {example} » (une subvention qui ne cite que le numéro, referenceDecision, ne la "
                       "retrouve pas)", f"number '{identifier}' given to deliberations of several sessions ({listed}): "
                       f"a number of each session's own; each is identified by its number and its date, '{example}' "
                       "(a grant that cites the number alone, referenceDecision, does not find it)", identifier)
        return f"{identifier} ({date.isoformat()})"

    def get(self, row: Row, field: str) -> str:
        i = self.cols.get(field)
        return row.cells[i].strip() if i is not None and i < len(row.cells) else ""

    def issue(self, level: str, row: Row, field: str, fr: str, en: str, value: str | None = None) -> None:
        column = self.header[self.cols[field]] if field in self.cols else field
        (self.ex.reject if level == "error" else self.ex.warn)(fr, en, line=row.line, field=column, value=value)

    def authority(self, row: Row) -> URIRef | None:
        """Return the IRI of the row's authority, None (an issue reported) when the row names none."""
        name, raw = self.get(row, "authority_name"), self.get(row, "authority_id")
        siren, siret, _, said = read_id_cell(raw)
        for message, message_en in said:
            self.issue("warning", row, "authority_id", message, message_en, raw)
        if not name and not siren and self.default:
            name, option_id = self.default
            siren = option_id[:9] if option_id else None
            siret = option_id if option_id and len(option_id) == 14 else None
        if not name and not siren:
            self.issue("error", row, "authority_name", "collectivité manquante (COLL_NOM, COLL_SIRET)",
                       "authority missing (COLL_NOM, COLL_SIRET)")
            return None
        return self.book.actor(name or None, MAI.PublicAuthority, siren=siren, siret=siret)

    def date(self, row: Row, field: str, required: bool = False):
        raw = self.get(row, field)
        if empty_mark(raw):
            return self.empty_date(row, field, raw, required)
        try:
            value = compact_date(raw) or parse_date(raw)
        except ValueProblem as exc:
            self.issue("error" if required else "warning", row, field, str(exc), exc.message_en, raw)
            return False
        if value is None and required and raw.strip():  # a null date (1900-01-01, 0001-01-01): a database's blank
            self.issue("error", row, field, f"date de délibération hors des années possibles : « {raw} » (la date "
                                            "nulle d'un tableur ou d'une base : date non saisie ?)",
                       f"deliberation date out of range: '{raw}' (the null date of a spreadsheet or a database: "
                       "date never entered?)", raw)
            return False
        if value is None and required:
            self.issue("error", row, field, "date de délibération manquante", "deliberation date missing", raw)
            return False
        return value

    def empty_date(self, row: Row, field: str, raw: str, required: bool) -> None | bool:
        """The date of a cell that holds a mark of an empty cell (« NULL », « 0000-00-00 »:
        :func:`graph.ingest.scdl_placeholders.empty_mark`): none, said once per column at its first line, instead of
        an unreadable date on each row; a deliberation's own date so missing rejects its row, as an empty cell does
        (False)."""
        if required:
            self.issue("error", row, field, f"date de délibération manquante : « {raw} » est la marque d'une cellule "
                       "vide (export d'une base de données, d'un script ou d'un tableur), pas une date",
                       f"deliberation date missing: '{raw}' is the mark of an empty cell (a database's, a script's "
                       "or a spreadsheet's export), not a date", raw)
            return False
        if field not in self.empty_marks:
            self.empty_marks.add(field)
            self.issue("warning", row, field, *read_as_empty(raw), raw)
        return None

    def add_row(self, row: Row) -> None:
        identifier = self.get(row, "id")
        if not identifier:
            self.issue("error", row, "id", "identifiant de délibération manquant (DELIB_ID)",
                       "deliberation identifier missing (DELIB_ID)")
            return
        if not self.is_deliberation(row):
            return
        authority, date = self.authority(row), self.date(row, "date", required=True)
        if authority is None or date is False:
            return
        number = self.number(row, identifier, date)
        iri = deliberation_iri(authority, number, base=self.ctx.base)
        if self.repeated(row, iri, identifier):
            return
        g = self.graph
        g.add((iri, RDF.type, MAI.Deliberation))
        g.add((iri, DCTERMS.identifier, Literal(number)))
        g.add((iri, DCTERMS.date, Literal(date, datatype=XSD.date)))
        g.add((iri, MAI.authority, authority))
        g.add((iri, MAI.rowNumber, Literal(row.line, datatype=XSD.integer)))
        if organ := self.organ(row):
            add_session(g, iri, authority, organ, date, self.ctx.base)
        self.describe(row, iri, date)
        self.count += 1

    def organ(self, row: Row) -> str | None:
        """The canonical label of the assembly whose session adopted the row's deliberation: its body column's, else
        the one its date column names (« Date CM »); None when the list names none (:mod:`scdl_sessions`)."""
        return body_label(self.get(row, "body")) or self.date_body

    def is_deliberation(self, row: Row) -> bool:
        """Whether the row's act is a deliberation (its nature says so, or is not given); a warning when not."""
        nature = self.get(row, "nature")
        folded = fold(nature)
        if not folded or _DELIBERATION.fullmatch(folded):
            return True
        if _OTHER_ACT.fullmatch(folded):
            self.issue("warning", row, "nature", f"acte de nature « {nature} », pas une délibération : ignoré",
                       f"act of nature '{nature}', not a deliberation: skipped", nature)
        else:
            self.issue("warning", row, "nature", f"nature d'acte inconnue « {nature} », pas une délibération : "
                       "ignoré", f"unknown nature of act '{nature}', not a deliberation: skipped", nature)
        return False

    def repeated(self, row: Row, iri: URIRef, identifier: str) -> bool:
        """Whether an earlier row gave the deliberation ``iri`` (reported: a repeated identifier is an error of the
        file, unless the row is the same again)."""
        cells = tuple(c.strip() for c in row.cells)
        while cells and not cells[-1]:
            cells = cells[:-1]
        if (first := self.seen.get(iri)) is None:
            self.seen[iri] = (row.line, cells)
            return False
        line, first_cells = first
        if cells == first_cells:
            self.issue("warning", row, "id", f"ligne identique à la ligne {line} : ignorée",
                       f"row identical to line {line}: skipped", identifier)
        else:
            self.issue("error", row, "id", f"identifiant « {identifier} » déjà donné ligne {line} à une autre "
                       "délibération de la collectivité : ligne refusée (un numéro par délibération)",
                       f"identifier '{identifier}' already given on line {line} to another deliberation of the "
                       "authority: row refused (one number a deliberation)", identifier)
        return True

    def matter_code(self, row: Row) -> str:
        """The row's ACTES matière code, "" when none; a code not of the schema's form is warned about, read when
        it is a level-2 code written otherwise ("7,5", "7.5.1"), dropped when not."""
        raw = self.get(row, "matter_code")
        if not raw or raw in ACTES_MATTERS:
            return raw
        if comma := re.fullmatch(r"(\d),(\d{1,2})", raw):  # a spreadsheet's decimal comma
            code = f"{comma[1]}.{comma[2]}"
            self.issue("warning", row, "matter_code", f"code de matière « {raw} » lu {code}",
                       f"matière code '{raw}' read as {code}", raw)
        elif finer := re.fullmatch(r"(\d\.\d{1,2})(?:\.\d{1,2})+", raw):  # ACTES has five levels
            code = finer[1]
            self.issue("warning", row, "matter_code", f"code de matière « {raw} » plus fin que le niveau 2 ACTES que "
                       f"le schéma demande : lu {code}", f"matière code '{raw}' finer than the ACTES level 2 that the "
                       f"schema asks for: read as {code}", raw)
        elif _MATTER.fullmatch(raw):
            code = raw
        else:
            self.issue("warning", row, "matter_code", f"code de matière « {raw} » hors du format ACTES (niveau 2, "
                       "par exemple 7.5) : ignoré", f"matière code '{raw}' not of the ACTES form (level 2, for "
                       "example 7.5): ignored", raw)
            return ""
        if code not in ACTES_MATTERS:
            self.issue("warning", row, "matter_code", f"code de matière « {code} » absent de la nomenclature ACTES "
                       "(1.1 à 1.7, 2.1 à 2.3 … 9.1 à 9.4)", f"matière code '{code}' not in the ACTES nomenclature "
                       "(1.1 to 1.7, 2.1 to 2.3 … 9.1 to 9.4)", raw)
        return code

    def control_authority(self, row: Row) -> str:
        """The code of the row's legality control (PREF_ID: PREF042, SPREF0691, SGAR084), "" when none; a code not of
        the schema's form is warned about and dropped, as an unreadable matière code is."""
        raw = self.get(row, "prefecture_id")
        if not raw or CONTROL_CODE.fullmatch(raw):
            return raw
        self.issue("warning", row, "prefecture_id", f"code du contrôle de légalité « {raw} » hors du format du schéma "
                   f"SCDL : ignoré ({CONTROL_CODE_FORM[0]})", f"legality control code '{raw}' not of the SCDL "
                   f"schema's form: ignored ({CONTROL_CODE_FORM[1]})", raw)
        return ""

    def describe(self, row: Row, iri: URIRef, date) -> None:
        g = self.graph
        if title := self.get(row, "title"):
            g.add((iri, DCTERMS.title, Literal(title)))
        matter = " ".join(p for p in (self.matter_code(row), self.get(row, "matter_name")) if p)
        if matter:
            g.add((iri, DCTERMS.subject, Literal(matter)))
        if budget := " ".join(p for p in (self.get(row, "budget_name"), self.get(row, "budget_year")) if p):
            g.add((iri, MAI.programme, Literal(budget)))
        if url := self.get(row, "url"):
            g.add((iri, SCHEMA.url, Literal(url, datatype=XSD.anyURI)))
        if control := self.control_authority(row):
            g.add((iri, MAI.legalityControlAuthority, Literal(control)))
        for field, prop in (("prefecture_date", MAI.receivedByPrefecture), ("published_on", MAI.publishedOn)):
            value = self.date(row, field)
            if value:
                g.add((iri, prop, Literal(value, datatype=XSD.date)))
                if field == "prefecture_date" and value < date:
                    self.issue("warning", row, field, "reçue en préfecture avant d'être adoptée",
                               "received by the prefecture before it was adopted", self.get(row, field))
        self.votes(row, iri)

    def votes(self, row: Row, iri: URIRef) -> None:
        """The vote's counts (VOTE_REEL, the members who voted, as mai:voteCount; VOTE_EFFECTIF, the members in
        office, only checked: the vocabulary keeps them on a session, which a list does not give), and a unanimous
        adoption written in VOTE_POUR ("unanimité") as the outcome, with no count for (never inferred)."""
        counts = {}
        unanimous = bool(_UNANIMITY.fullmatch(fold(self.get(row, "votes_for"))))
        for field in ("votes_entitled", "votes_cast", *(f for f, _ in VOTES)):
            raw = self.get(row, field)
            if field == "votes_for" and unanimous:
                continue
            try:
                counts[field] = parse_int(raw)
            except ValueProblem as exc:
                self.issue("warning", row, field, str(exc), exc.message_en, raw)
        for field, prop in (*VOTES, ("votes_cast", MAI.voteCount)):
            if counts.get(field) is not None:
                self.graph.add((iri, prop, Literal(counts[field], datatype=XSD.integer)))
        if unanimous and counts.get("votes_against"):
            self.issue("warning", row, "votes_for", f"unanimité, mais {counts['votes_against']} voix contre "
                       "(VOTE_CONTRE) : issue du vote non retenue", f"unanimity, but {counts['votes_against']} votes "
                       "against (VOTE_CONTRE): outcome not kept", self.get(row, "votes_for"))
        elif unanimous:
            self.graph.add((iri, MAI.outcome, UNANIMOUS))
        self.vote_bounds(row, counts)

    def vote_bounds(self, row: Row, counts: dict[str, int | None]) -> None:
        """Warn where the counts break the schema's VOTE_EFFECTIF ≥ VOTE_REEL ≥ each count, VOTE_REEL = their sum."""
        entitled, cast = counts.get("votes_entitled"), counts.get("votes_cast")
        if entitled is not None and cast is not None and cast > entitled:
            self.issue("warning", row, "votes_cast", f"VOTE_REEL ({cast}) supérieur à VOTE_EFFECTIF ({entitled})",
                       f"VOTE_REEL ({cast}) greater than VOTE_EFFECTIF ({entitled})", self.get(row, "votes_cast"))
        parts = [counts.get(f) for f, _ in VOTES]
        if cast is not None and None not in parts:
            if sum(parts) != cast:
                self.issue("warning", row, "votes_cast", f"VOTE_REEL ≠ POUR + CONTRE + ABSTENTION ({sum(parts)})",
                           f"VOTE_REEL ≠ FOR + AGAINST + ABSTENTION ({sum(parts)})", self.get(row, "votes_cast"))
            return
        bound, name = (cast, "VOTE_REEL") if cast is not None else (entitled, "VOTE_EFFECTIF")
        for field, _ in VOTES:
            if bound is not None and (n := counts.get(field)) is not None and n > bound:
                column = DELIBERATION_FIELDS[field][0]
                self.issue("warning", row, field, f"{column} ({n}) supérieur à {name} ({bound})",
                           f"{column} ({n}) greater than {name} ({bound})", self.get(row, field))


def extract(ctx: SourceContext) -> Extraction:
    """Extract the deliberations of an SCDL délibérations file (see the module's docstring)."""
    table = read_table(ctx.data, known=DELIBERATION_KEYS)
    rows = _Rows(ctx, table.header)
    if missing := [DELIBERATION_FIELDS[f][0] for f in ("id", "date") if f not in rows.cols]:
        raise missing_columns(missing, KIND_LABEL, table.header, table.header_line)
    if not rows.cols.keys() & {"authority_name", "authority_id"} and not rows.default:
        raise InputError("liste de délibérations sans colonne COLL_NOM/COLL_SIRET : indiquez la collectivité avec "
                         f"{FUNDER_ADVICE[0]}", line=table.header_line,
                         message_en="deliberations list without COLL_NOM/COLL_SIRET: give the authority with "
                                    f"{FUNDER_ADVICE[1]}")
    warn_duplicate_columns(rows.ex, table, DELIBERATION_FIELDS)
    warn_unread_columns(rows.ex, table, DELIBERATION_FIELDS, _read(table.header, rows.cols), identifiers_told=False)
    for repair in table.repairs:
        rows.ex.warn(f"texte réparé (encodage) : « {repair.fixed} »", f"text repaired (encoding): '{repair.fixed}'",
                     line=repair.line, value=repair.raw)
    if "amount" in map_columns(table.header, GRANT_FIELDS):
        column = table.header[map_columns(table.header, GRANT_FIELDS)["amount"]]
        rows.ex.warn(f"colonne « {column} » ignorée : une liste de délibérations, sans colonne de bénéficiaire, ne "
                     "dit pas à qui va ce montant (les subventions se lisent dans une liste SCDL subventions)",
                     f"column '{column}' ignored: a deliberations list, without a beneficiary column, does not say "
                     "whom this amount goes to (grants are read from an SCDL grants list)", line=table.header_line,
                     field=column)
    rows.count_sessions(table.rows)
    for row in table.rows:
        if (short := short_row(table, row)) is not None:
            rows.ex.issues.append(short)
        rows.add_row(row)
    rows.book.finish()
    ex = rows.ex
    ex.header_line = table.header_line
    ex.stats = {"rows_read": len(table.rows), "deliberations": rows.count, **ex.issue_counts(),
                "encoding": table.encoding or "xlsx/ods"}
    return ex


#: The known columns that no row reads, said as unread: an act's state (« Etat »), for which the vocabulary has no
#: place.
_UNREAD_FIELDS = frozenset({"status"})


def _read(header: list[str], cols: dict[str, int]) -> set[int]:
    """The columns of ``header`` that the rows read, or that a warning of their own names: an amount column."""
    amount = map_columns(header, GRANT_FIELDS).get("amount")
    return {i for f, i in cols.items() if f not in _UNREAD_FIELDS} | ({amount} if amount is not None else set())


KIND = SourceKind("scdl-deliberations", "Délibérations (SCDL)", "Deliberations (SCDL)", detect, extract,
                  extensions=EXTENSIONS, near_miss=near_miss, rows_kept="deliberations")
