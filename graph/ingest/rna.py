"""The RNA kind: extracts of the Répertoire national des associations, in both layouts (waldec and import).

Each row becomes a ``mai:Association`` — ``actor_iri(rna=…)`` (or the SIREN of its SIRET when no W number is
known) — with ``mai:rna``, ``mai:siret``/``mai:siren`` when present, ``rdfs:label`` (``titre``), ``skos:altLabel``
(``titre_court``), ``schema:foundingDate`` (``date_creat``; ``0001-01-01`` is RNA's null), ``dcterms:description``
(``objet``), and ``schema:location`` → ``mint("place", insee code)``, a ``schema:Place`` with ``mai:inseeCode`` and
``rdfs:label``. A dissolved association (``position`` D or S, or a ``date_disso``) gets ``schema:dissolutionDate``
when the date is known (the import layout, which has no ``date_disso``, writes it in ``observation``: « dissoute le
14/05/2008 »), and a warning.

The import layout's ``id`` is an old number (``751P00085568``): its W number, when it has one, is in
``observation`` (pitfall 19). Personal data is left out (pitfall 30): no ``telephone``, ``email``,
``dir_civilite``, nor the manager's mailing address (``adrg_*``).
"""

from __future__ import annotations

import re

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from graph.identifiers import clean_identifier, normalise_rna, restore_leading_zeros, rna_ok, siret_ok
from graph.identity import ActorBook
from graph.ingest.french import read_date
from graph.ingest.base import Extraction, InputError, SourceContext, SourceKind, literal, new_graph
from graph.namespaces import MAI, SCHEMA, mint
from graph.tabular import Row, lost_characters, peek_keys, peek_lines, read_table, repair_issues, short_row
from graph.triples import plain_literal
from graph.values import ValueProblem, parse_date

#: Columns that only RNA extracts have (both layouts).
SIGNATURE = {"id", "idex", "siret", "gestion", "datecreat", "titre", "objet", "objetsocial1", "adrscodeinsee"}
_W_NUMBER = re.compile(r"\bW[0-9A-Z]{9}\b")
DISSOLVED = {"D": "dissoute", "S": "supprimée"}
_INSEE_CODE = re.compile(r"(\d{2}|2[AB])\d{3}")
#: Made once: rdflib's namespaces other than ours make a new term on each use.
_DATE, _DESCRIPTION, _TYPE, _LABEL = XSD.date, DCTERMS.description, RDF.type, RDFS.label


def detect(ctx: SourceContext) -> int:
    """Score a table whose header has the RNA columns (0 otherwise)."""
    if ctx.path.suffix.lower() not in (".csv", ".txt", ".tsv"):
        return 0
    keys = next(iter(peek_keys(ctx.data)), set())
    hits = len(SIGNATURE & keys)
    return 90 if hits >= 7 else 0


def near_miss(ctx: SourceContext) -> InputError | None:
    """A header with three to six of the RNA columns (seven make an RNA extract): which it has, which it lacks."""
    if ctx.path.suffix.lower() not in (".csv", ".txt", ".tsv"):
        return None
    line, keys = next(iter(peek_lines(ctx.data)), (None, frozenset()))
    if not 3 <= len(SIGNATURE & keys) < 7:
        return None
    has, lacks = ", ".join(sorted(SIGNATURE & keys)), ", ".join(sorted(SIGNATURE - keys))
    return InputError(f"l'en-tête ressemble à un extrait RNA ({has}), mais un extrait en a au moins 7 colonnes "
                      f"sur 9 ; il y manque : {lacks}", line=line,
                      message_en=f"the header looks like an RNA extract ({has}), but an extract has at least 7 "
                                 f"of its 9 columns; it lacks: {lacks}")


class _Rows:
    def __init__(self, ctx: SourceContext, header: list[str]):
        self.ctx, self.header = ctx, header
        self.col = {h.lower(): i for i, h in enumerate(header)}
        self.graph = new_graph()
        self.ex = Extraction(graph=self.graph)
        self.book = ActorBook(self.graph, ctx.base)
        self.count = self.dissolved = 0
        self.places: dict[str, URIRef] = {}

    def get(self, row: Row, name: str) -> str:
        i = self.col.get(name)
        return row.cells[i].strip() if i is not None and i < len(row.cells) else ""

    def rna(self, row: Row) -> str | None:
        for name in ("id", "observation"):
            raw = self.get(row, name)
            if name == "id" and rna_ok(raw):
                return normalise_rna(raw)
            if name == "observation" and (m := _W_NUMBER.search(raw.upper())):
                return m[0]
        return None

    def date(self, row: Row, name: str):
        try:
            return parse_date(self.get(row, name))
        except ValueProblem as exc:
            self.ex.warn(str(exc), exc.message_en, line=row.line, field=name, value=self.get(row, name))
            return None

    def add_row(self, row: Row) -> None:
        title, rna = self.get(row, "titre"), self.rna(row)
        siret = clean_identifier(self.get(row, "siret"))
        if (padded := restore_leading_zeros(siret)) is not None and len(padded) == 14:
            self.ex.warn(f"zéros de tête perdus (passage par un tableur) : SIRET lu {padded}",
                         f"leading zeros lost (through a spreadsheet): SIRET read as {padded}", line=row.line,
                         field="siret", value=self.get(row, "siret"))
            siret = padded
        siret = siret if siret_ok(siret) else None
        if self.get(row, "siret") and not siret:
            self.ex.warn("SIRET invalide : ignoré", "invalid SIRET: ignored", line=row.line, field="siret",
                         value=self.get(row, "siret"))
        if not title:
            self.ex.reject("association sans titre", "association without a title", line=row.line, field="titre",
                           value=self.get(row, "id"))
            return
        if not (rna or siret):
            self.ex.warn("ni numéro W ni SIRET : association identifiée par son nom",
                         "neither W number nor SIRET: association identified by its name", line=row.line,
                         field="id", value=self.get(row, "id"))
        iri = self.book.actor(title, MAI.Association, siret=siret, rna=rna)
        if (short := self.get(row, "titre_court")) and short != title and not short.endswith("..."):
            self.book.name(iri, short)
        self.describe(row, iri)
        self.ex.issues.extend(lost_characters(row, self.header))
        self.count += 1

    def describe(self, row: Row, iri: URIRef) -> None:
        g = self.graph
        if founded := self.date(row, "date_creat"):
            g.add((iri, SCHEMA.foundingDate, literal(founded, _DATE)))  # dates recur: each literal made once
        if objet := self.get(row, "objet"):
            g.add((iri, _DESCRIPTION, plain_literal(objet)))
        if url := self.get(row, "siteweb"):
            g.add((iri, SCHEMA.url, plain_literal(url)))
        self.place(row, iri)
        self.dissolution(row, iri)

    def place(self, row: Row, iri: URIRef) -> None:
        code = self.get(row, "adrs_codeinsee")
        if not _INSEE_CODE.fullmatch(code):
            return
        place = self.places.get(code)  # a commune holds many associations
        if place is None:
            place = self.places[code] = mint("place", code, base=self.ctx.base)
        label = self.get(row, "adrs_libcommune") or self.get(row, "libcom") or code
        self.graph.add((iri, SCHEMA.location, place))
        self.graph.add((place, _TYPE, SCHEMA.Place))
        self.graph.add((place, MAI.inseeCode, literal(code)))
        if (place, _LABEL, None) not in self.graph:
            self.graph.add((place, _LABEL, literal(label)))

    def dissolution(self, row: Row, iri: URIRef) -> None:
        position, date = self.get(row, "position").upper(), self.date(row, "date_disso")
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
    if "titre" not in rows.col or "id" not in rows.col:
        raise InputError("colonnes RNA absentes (id, titre)", line=table.header_line,
                         message_en="RNA columns missing (id, titre)")
    rows.ex.issues.extend(repair_issues(table))
    for row in table.rows:
        if (short := short_row(table, row)) is not None:
            rows.ex.issues.append(short)
        rows.add_row(row)
    rows.book.finish()
    ex = rows.ex
    ex.stats = {"rows_read": len(table.rows), "associations": rows.count, "dissolved": rows.dissolved,
                **ex.issue_counts(), "encoding": table.encoding or "xlsx/ods"}
    return ex


KIND = SourceKind("rna", "Répertoire national des associations (RNA)", detect, extract, extensions=(".csv",),
                  near_miss=near_miss, rows_kept="associations")
