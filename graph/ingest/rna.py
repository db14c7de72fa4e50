"""The RNA kind: extracts of the Répertoire national des associations, in both layouts (waldec and import).

Each row becomes a ``mai:Association`` — ``actor_iri(rna=…)`` (or the SIREN of its SIRET when no W number is
known) — with ``mai:rna``, ``mai:siret``/``mai:siren`` when present (read as the other importers read them:
:func:`graph.identifiers.read_siret`), ``rdfs:label`` (``titre``, else ``titre_court`` with a warning),
``skos:altLabel`` (``titre_court``), ``schema:foundingDate`` (``date_creat``; ``0001-01-01`` is RNA's null),
``dcterms:description`` (``objet``), ``schema:url`` (``siteweb``, when it is a web address), and
``schema:location`` → ``mint("place", insee code)``, a ``schema:Place`` with ``mai:inseeCode`` and ``rdfs:label``.
A dissolved association (``position`` D or S, or a ``date_disso``) gets ``schema:dissolutionDate`` when the date is
known (the import layout, which has no ``date_disso``, writes it in ``observation``: « dissoute le 14/05/2008 »),
and a warning; the ontology has no term for « dissolved, date unknown », which the warning alone tells. An active
association (``position`` A) with a ``date_disso`` is a contradiction: warned of, no date stored.

The import layout's ``id`` is an old number (``751P00085568``): its W number, when it has one, opens
``observation`` (pitfall 19); a W number further on names another association (« fusion-absorption par
W751000777 ») and is not taken. The old number is kept (``dcterms:identifier``), and a row with neither W number
nor SIRET is known by it (``actor/rna-import-751p00085568``), not by its name, which namesakes share. Personal
data is left out (pitfall 30): no ``telephone``, ``email``, ``dir_civilite``, nor the manager's mailing address
(``adrg_*``), nor an e-mail address written in ``siteweb``.
"""

from __future__ import annotations

import datetime as dt
import re

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from graph.dates import parse_date
from graph.identifiers import RNA_OLD_NUMBER, normalise_rna, read_siret, rna_ok
from graph.identity import ActorBook
from graph.ingest.association_fields import locate, read_website
from graph.ingest.french import read_date
from graph.ingest.base import Extraction, InputError, SourceContext, SourceKind, literal, missing_columns, new_graph
from graph.namespaces import MAI, SCHEMA, mint
from graph.table_checks import lost_characters, repair_issues, short_row
from graph.tabular import Row, peek_header, read_table
from graph.triples import plain_literal
from graph.values import ValueProblem

#: What an RNA extract is read from: its CSV text as published, or a workbook it was saved as (opened in Excel or
#: LibreOffice, then saved as .xlsx or .ods), read as the other tables are.
EXTENSIONS = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods")
#: Columns that only RNA extracts have (both layouts).
SIGNATURE = {"id", "idex", "siret", "gestion", "datecreat", "titre", "objet", "objetsocial1", "adrscodeinsee"}
_W_NUMBER = re.compile(r"\bW[0-9A-Z]{9}\b")
#: A W number that an import row's ``observation`` gives as the association's own: the text opens with it
#: (« W751085568 », « W691000123 - Dissolution du 3 mars 2010 », « N° RNA : W751085568 »). Matched on the text
#: upper-cased.
_OWN_W_NUMBER = re.compile(r"\s*(?:(?:N°|NO|NUM[EÉ]RO|RNA)\s*:?\s*)*(W[0-9A-Z]{9})\b")
DISSOLVED = {"D": "dissoute", "S": "supprimée"}
_INSEE_CODE = re.compile(r"(\d{2}|2[AB])\d{3}")
#: Made once: rdflib's namespaces other than ours make a new term on each use.
_DATE, _DESCRIPTION, _TYPE, _LABEL = XSD.date, DCTERMS.description, RDF.type, RDFS.label
_ALT_LABEL, _IDENTIFIER = SKOS.altLabel, DCTERMS.identifier


def detect(ctx: SourceContext) -> int:
    """Score a table whose header has the RNA columns (0 otherwise), below any title or blank lines (an extract
    saved from a spreadsheet: « Extrait du Répertoire national des associations — Loire »), in a text file or a
    workbook."""
    if ctx.path.suffix.lower() not in EXTENSIONS:
        return 0
    _, keys = peek_header(ctx.data, SIGNATURE)
    hits = len(SIGNATURE & keys)
    return 90 if hits >= 7 else 0


def near_miss(ctx: SourceContext) -> InputError | None:
    """A header with three to six of the RNA columns (seven make an RNA extract): which it has, which it lacks."""
    if ctx.path.suffix.lower() not in EXTENSIONS:
        return None
    line, keys = peek_header(ctx.data, SIGNATURE)
    if not 3 <= len(SIGNATURE & keys) < 7:
        return None
    has, lacks = ", ".join(sorted(SIGNATURE & keys)), ", ".join(sorted(SIGNATURE - keys))
    miss = InputError(f"l'en-tête ressemble à un extrait RNA ({has}), mais un extrait en a au moins 7 colonnes "
                      f"sur 9 ; il y manque : {lacks}", line=line,
                      message_en=f"the header looks like an RNA extract ({has}), but an extract has at least 7 "
                                 f"of its 9 columns; it lacks: {lacks}")
    miss.columns_named = len(SIGNATURE & keys)
    return miss


class _Rows:
    def __init__(self, ctx: SourceContext, header: list[str]):
        self.ctx, self.header = ctx, header
        self.col = {h.lower(): i for i, h in enumerate(header)}
        self.graph = new_graph()
        self.ex = Extraction(graph=self.graph)
        self.book = ActorBook(self.graph, ctx.base)
        self.count = self.dissolved = 0
        self.places: dict[str, URIRef] = {}
        self.old_ids: dict[URIRef, str] = {}  # the associations known by their old number, with their label
        self.former_titles: dict[str, list[str]] = {}  # the titles of the records a later one replaces, by W number

    def get(self, row: Row, name: str) -> str:
        i = self.col.get(name)
        return row.cells[i].strip() if i is not None and i < len(row.cells) else ""

    def warn(self, row: Row, field: str, message: str, message_en: str, value: str | None = None) -> None:
        self.ex.warn(message, message_en, line=row.line, field=field, value=value)

    def latest_records(self, rows: list[Row]) -> dict[int, tuple[str, int]]:
        """The rows whose W number a later record of the file gives again (its ``maj_time`` later, or the same and
        further down), each with that number and the line of the record kept: an extract that holds an
        association's record before and after a change of title (the old title was kept, the new one an
        alternative name, the association described twice)."""
        lines: dict[str, list[tuple[str, int, str]]] = {}
        for row in rows:
            if rna_ok(written := self.get(row, "id")):
                lines.setdefault(normalise_rna(written), []).append((self.get(row, "maj_time"), row.line,
                                                                     self.get(row, "titre")))
        left_out = {}
        for number, records in lines.items():
            _, kept, _ = max(records)
            left_out.update({line: (number, kept) for _, line, _ in records if line != kept})
            # the titles it had before: the kept record's alternative names
            self.former_titles[number] = [title for _, line, title in records if line != kept]
        return left_out

    def rna(self, row: Row) -> str | None:
        """The row's W number: its ``id`` (waldec), else the one that opens the import layout's ``observation``. A
        W number further on in ``observation`` names another association (« fusion-absorption par W751000777 »):
        it is warned of, not taken."""
        if rna_ok(written := self.get(row, "id")):
            return normalise_rna(written)
        observation = self.get(row, "observation")
        if m := _OWN_W_NUMBER.match(observation.upper()):
            return m[1]
        if m := _W_NUMBER.search(observation.upper()):
            self.warn(row, "observation", f"numéro RNA {m[0]} que l'observation ne donne pas comme celui de "
                      "l'association (celui d'une autre ?) : non retenu",
                      f"RNA number {m[0]} that the observation does not give as the association's own (another "
                      "one's?): not taken", observation)
        return None

    def old_id(self, row: Row) -> str | None:
        """The import layout's own number of the row (``031S0031000113``), which no other association has."""
        written = self.get(row, "id").upper()
        return written if RNA_OLD_NUMBER.fullmatch(written) else None

    def siret(self, row: Row) -> tuple[str | None, str | None]:
        """Return the row's (SIREN, SIRET), warning of what a spreadsheet did to them and why one is ignored."""
        written = self.get(row, "siret")
        siren, siret, said = read_siret(written)
        for message, message_en in said:
            self.warn(row, "siret", message, message_en, written)
        return siren, siret

    def title(self, row: Row) -> str | None:
        """The row's name: ``titre``, else ``titre_court`` (warned of); None when it has neither (rejected)."""
        if title := self.get(row, "titre"):
            return title
        written = self.cell(row, "titre")
        if short := self.get(row, "titre_court"):
            self.warn(row, "titre", f"association sans titre : titre court « {short} » retenu",
                      f"association without a title: short title '{short}' used", written)
            return short
        self.ex.reject("association sans titre", "association without a title",
                       line=row.line, field="titre", value=written)
        return None

    def cell(self, row: Row, name: str) -> str | None:
        """The cell of column ``name`` as written (None when the row has no such column)."""
        i = self.col.get(name)
        return row.cells[i] if i is not None and i < len(row.cells) else None

    def date(self, row: Row, name: str):
        try:
            return parse_date(self.get(row, name))
        except ValueProblem as exc:
            self.ex.warn(str(exc), exc.message_en, line=row.line, field=name, value=self.get(row, name))
            return None

    def add_row(self, row: Row) -> None:
        rna, (siren, siret) = self.rna(row), self.siret(row)
        if (title := self.title(row)) is None:
            return
        old, by_old = self.old_id(row), not (rna or siren)
        if by_old and old is not None:
            iri = self.old_id_actor(title, old)
        else:
            if by_old:
                self.ex.warn("ni numéro W, ni SIRET, ni ancien numéro : association identifiée par son nom",
                             "neither W number, nor SIRET, nor old number: association identified by its name",
                             line=row.line, field="id", value=self.get(row, "id"))
            iri = self.book.actor(title, MAI.Association, siren=siren, siret=siret, rna=rna)
        for former in self.former_titles.get(rna or "", []):  # its name before: a later record's alternative
            if former:
                self.book.name(iri, former)
        if old is not None:  # the import layout's number, kept whatever identifies the association
            self.graph.add((iri, _IDENTIFIER, plain_literal(old)))
        if (short := self.get(row, "titre_court")) and short != title and not short.endswith("..."):
            if iri in self.old_ids:
                self.graph.add((iri, _ALT_LABEL, plain_literal(short)))
            else:
                self.book.name(iri, short)
        self.describe(row, iri)
        self.ex.issues.extend(lost_characters(row, self.header))
        self.count += 1

    def old_id_actor(self, title: str, old: str) -> URIRef:
        """The association of an import row known by its old number alone (``031S0031000113``): an IRI of its own
        (``rna-import-031s0031000113``), kept out of the book's names so that no namesake of the file (the « COMITE
        DES FETES » of other communes) is merged into it."""
        iri, title = mint("actor", "rna-import-" + old, base=self.ctx.base), " ".join(title.split())
        if iri in self.old_ids:  # the same row twice: its other names are variants
            if title != self.old_ids[iri]:
                self.graph.add((iri, _ALT_LABEL, plain_literal(title)))
            return iri
        self.old_ids[iri] = title
        g = self.graph
        g.add((iri, _TYPE, MAI.Association))
        g.add((iri, _LABEL, plain_literal(title)))
        return iri

    def describe(self, row: Row, iri: URIRef) -> None:
        g = self.graph
        if (founded := self.date(row, "date_creat")) and founded > dt.date.today():
            self.warn(row, "date_creat", f"date de création dans le futur ({founded.isoformat()}) : ignorée",
                      f"founding date in the future ({founded.isoformat()}): ignored", self.get(row, "date_creat"))
        elif founded:
            g.add((iri, SCHEMA.foundingDate, literal(founded, _DATE)))  # dates recur: each literal made once
        if objet := self.get(row, "objet"):
            g.add((iri, _DESCRIPTION, plain_literal(objet)))
        if url := self.website(row):
            g.add((iri, SCHEMA.url, plain_literal(url)))
        self.place(row, iri)
        self.dissolution(row, iri)

    def website(self, row: Row) -> str | None:
        """The row's ``siteweb`` when it is a web address; an e-mail address (personal data, pitfall 30) or other
        text is warned of and left out (:func:`graph.ingest.association_fields.read_website`)."""
        url, why = read_website(self.get(row, "siteweb"), "siteweb")
        if why is not None:
            self.warn(row, "siteweb", *why)
        return url

    def insee_code(self, row: Row) -> str | None:
        """The row's ``adrs_codeinsee``, its leading zero put back when a spreadsheet dropped it (``1053``); other
        text is warned of."""
        written = self.get(row, "adrs_codeinsee")
        code = written.upper()
        if not code or _INSEE_CODE.fullmatch(code):
            return code or None
        if code.isdigit() and len(code) == 4:
            code = "0" + code
            self.warn(row, "adrs_codeinsee", f"zéro de tête perdu (passage par un tableur) : code INSEE lu {code}",
                      f"leading zero lost (through a spreadsheet): INSEE code read as {code}", written)
            return code
        self.warn(row, "adrs_codeinsee", "code INSEE de commune illisible (5 chiffres, 2A ou 2B en Corse) : lieu "
                  "non enregistré", "unreadable commune INSEE code (5 digits, 2A or 2B in Corsica): no place stored",
                  written)
        return None

    def place(self, row: Row, iri: URIRef) -> None:
        if (code := self.insee_code(row)) is None:
            return
        place = self.places.get(code)  # a commune holds many associations
        if place is None:
            place = self.places[code] = mint("place", code, base=self.ctx.base)
        label = self.get(row, "adrs_libcommune") or self.get(row, "libcom") or code
        locate(self.graph, iri, place, label, insee_code=code)

    def dissolution(self, row: Row, iri: URIRef) -> None:
        position, date = self.get(row, "position").upper(), self.date(row, "date_disso")
        if position == "A" and date is not None:  # the position is the register's current state
            self.warn(row, "date_disso", f"position A (active) mais date_disso {date.isoformat()} : contradiction, "
                      "date de dissolution non enregistrée", f"position A (active) but date_disso "
                      f"{date.isoformat()}: contradiction, dissolution date not stored", self.get(row, "date_disso"))
            return
        if position not in DISSOLVED and date is None:
            return
        told = ""
        if date is None and (date := dissolution_in_observation(self.get(row, "observation"))) is not None:
            told = " (date lue dans observation)"  # the import layout has no date_disso
        if date is not None:
            self.graph.add((iri, SCHEMA.dissolutionDate, literal(date, _DATE)))
        state = DISSOLVED.get(position, "dissoute")
        self.ex.warn(f"association {state}" + (f" le {date.isoformat()}" if date else "") + told,
                     f"association {'deleted' if position == 'S' else 'dissolved'}" +
                     (f" on {date.isoformat()}" if date else "") + (" (date read in observation)" if told else ""),
                     line=row.line, field="position", value=position)
        self.dissolved += 1


#: The date that an import row's ``observation`` gives its dissolution: « dissoute le 14/05/2008 », « dissolution du
#: 3 mars 2010 », « supprimée en date du 2011-02-01 ».
_DISSOLVED_ON = re.compile(r"(?:dissou?te?s?|dissolution|supprim[ée]+e?s?|radi[ée]+e?s?)\s+(?:le|du|au|en date du|"
                           r"depuis le|à compter du)?\s*:?\s*(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2}|"
                           r"\d{1,2}(?:er)?\s+[^\W\d_]+\s+\d{4})", re.IGNORECASE)


def dissolution_in_observation(text: str):
    """The date of dissolution that an RNA import row's ``observation`` states, or None.

    >>> dissolution_in_observation("dissoute le 14/05/2008"), dissolution_in_observation("Dissolution du 3 mars 2010")
    (datetime.date(2008, 5, 14), datetime.date(2010, 3, 3))
    >>> dissolution_in_observation("W751085568 - créée le 01/02/1990") is None
    True
    """
    if (m := _DISSOLVED_ON.search(text)) is None:
        return None
    try:
        return read_date(m[1])[0]
    except ValueProblem:
        return None


def extract(ctx: SourceContext) -> Extraction:
    """Extract the associations of an RNA file (see the module's docstring)."""
    table = read_table(ctx.data, known=SIGNATURE)
    rows = _Rows(ctx, table.header)
    if missing := [name for name in ("id", "titre") if name not in rows.col]:
        raise missing_columns(missing, ("un extrait RNA", "an RNA extract"), table.header, table.header_line)
    rows.ex.issues.extend(repair_issues(table))
    latest = rows.latest_records(table.rows)
    for row in table.rows:
        if (short := short_row(table, row)) is not None:
            rows.ex.issues.append(short)
        if (kept := latest.get(row.line)) is not None:
            number, line = kept
            rows.warn(row, "id", f"numéro RNA {number} repris ligne {line} par une fiche plus récente (maj_time) : "
                      "celle-ci est laissée de côté", f"RNA number {number} given again line {line} by a later "
                      "record (maj_time): this one is left out", number)
            continue
        rows.add_row(row)
    rows.book.finish()
    ex = rows.ex
    ex.header_line = table.header_line
    ex.stats = {"rows_read": len(table.rows), "associations": rows.count, "dissolved": rows.dissolved,
                **ex.issue_counts(), "encoding": table.encoding or "xlsx/ods"}
    return ex


KIND = SourceKind("rna", "Répertoire national des associations (RNA)", "National register of associations (RNA)",
                  detect, extract, extensions=EXTENSIONS, near_miss=near_miss, rows_kept="associations")
