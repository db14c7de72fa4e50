"""The SIRENE kind: INSEE legal units (StockUniteLegale, and its history file: current periods only).

Each unit becomes an actor ``actor_iri(siren=…)`` with ``mai:siren``, ``rdfs:label`` (denomination, else usual
name, else acronym), ``skos:altLabel`` (acronym, usual names), ``mai:naf`` (the code; its nomenclature is warned
about when it is not NAFRev2), ``mai:legalCategory``, ``mai:rna`` (``identifiantAssociationUniteLegale``, the
RNA ↔ SIREN link), ``schema:foundingDate`` and ``mai:ess`` — ``O`` true, ``N`` false, **empty unknown: no
triple** (pitfall 21). A unit that has ceased (``etatAdministratifUniteLegale`` C) is kept, with
``schema:dissolutionDate`` (its period's ``dateDebut``) and a warning, as the RNA kind does for a dissolved
association. The class comes from the legal category: 7383 → ``mai:University``, other 7xxx (the State's
administrations 71xx, local authorities 72xx, public establishments 73xx, other public-law bodies 74xx: GIP, GCS)
→ ``mai:PublicAuthority``, 92xx → ``mai:Association``, social-security bodies (81xx: CPAM, CAF, URSSAF) and other
9xxx (foundations…) → ``mai:Actor`` (the ontology has no class for them), anything else → ``mai:Enterprise``.

Sole proprietors (category 1000) are persons: their names are personal data (pitfall 30) and units whose
diffusion is restricted (``statutDiffusionUniteLegale`` P, or a denomination withheld: ``[ND]``) are published
without a name — both are skipped, each with a warning that gives its line and why (grouped, with the first lines,
when one reason has many). A file without the legal-unit columns (``siren``, ``categorieJuridiqueUniteLegale``,
``denominationUniteLegale``) is refused; a SIREN met twice in one file (a stock row and an update row) is warned of,
with both lines.
"""

from __future__ import annotations

import csv
import re

from rdflib import URIRef
from rdflib.namespace import XSD

from graph.dates import parse_date
from graph.identifiers import clean_identifier, normalise_rna, restore_leading_zeros, rna_ok, siren_ok, siret_ok
from graph.identity import ActorBook
from graph.ingest.base import Extraction, InputError, SourceContext, SourceKind, header_read, literal, new_graph
from graph.namespaces import MAI, SCHEMA
from graph.encodings import decode
from graph.table_checks import lost_characters, repair_issues
from graph.spreadsheets import is_spreadsheet, read_heads
from graph.tabular import PEEK_BYTES, Row, normalise_header, peek_header, read_table, sniff_delimiter
from graph.triples import plain_literal
from graph.values import ValueProblem, parse_bool

#: The columns that make a SIRENE legal units extract, as INSEE spells them.
COLUMNS = ("siren", "categorieJuridiqueUniteLegale", "activitePrincipaleUniteLegale", "denominationUniteLegale")
SIGNATURE = {c.lower() for c in COLUMNS}
#: What a SIRENE extract is read from: its CSV text as INSEE publishes it, or a workbook it was saved as (opened in
#: Excel or LibreOffice, then saved as .xlsx or .ods), read as the other tables are.
EXTENSIONS = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods")
#: The columns without which a file gives no legal unit (its class, its name): a file forced with ``--kind sirene``
#: that lacks one is refused.
REQUIRED = ("siren", "categorieJuridiqueUniteLegale", "denominationUniteLegale")
#: What INSEE writes in place of a value withheld from publication (non-diffusible units).
WITHHELD = "[ND]"
#: Why a unit is not imported (French, English).
SKIPPED = {
    "person": ("entrepreneur individuel (catégorie juridique 1000) : non importé (données personnelles)",
               "sole proprietor (legal category 1000): not imported (personal data)"),
    "restricted": ("unité non diffusible (statutDiffusionUniteLegale P) : non importée (publication restreinte)",
                   "non-diffusible unit (statutDiffusionUniteLegale P): not imported (restricted publication)"),
    "withheld": ("unité non diffusible (denominationUniteLegale « [ND] ») : non importée (publication restreinte)",
                 "non-diffusible unit (denominationUniteLegale '[ND]'): not imported (restricted publication)"),
    "unnamed": ("unité légale sans dénomination ni sigle : non importée",
                "legal unit without a name or an acronym: not imported"),
}
#: Up to this many skipped units of one reason are told one line each; beyond, in one warning with their first lines.
MAX_SKIPPED_LINES = 20
#: Made once: rdflib's XSD namespace makes a new term on each use.
_DATE = XSD.date


def actor_class(category: str) -> URIRef:
    """Return the actor class of a SIRENE legal category.

    >>> [str(actor_class(c)).rsplit("#")[1] for c in ("7383", "7172", "7344", "7470", "8110", "9220", "9300")]
    ['University', 'PublicAuthority', 'PublicAuthority', 'PublicAuthority', 'Actor', 'Association', 'Actor']
    >>> [str(actor_class(c)).rsplit("#")[1] for c in ("5710", "")]
    ['Enterprise', 'Enterprise']
    """
    if category == "7383":
        return MAI.University
    if category[:2] in ("71", "72", "73", "74"):  # the State, local authorities, public establishments, GIP, GCS
        return MAI.PublicAuthority
    if category[:2] == "92":
        return MAI.Association
    # Social-security bodies (81xx), foundations and other private non-profit bodies (9xxx) are no enterprises, and
    # the ontology has no class of their own.
    if category[:2] == "81" or category[:1] == "9":
        return MAI.Actor
    return MAI.Enterprise


def detect(ctx: SourceContext) -> int:
    """Score a table with SIRENE's legal-unit columns (0 otherwise), below any title or blank lines, in a text file
    or a workbook."""
    if ctx.path.suffix.lower() not in EXTENSIONS:
        return 0
    _, keys = peek_header(ctx.data, SIGNATURE)
    return 90 if SIGNATURE <= keys else 0


def near_miss(ctx: SourceContext) -> InputError | None:
    """What SIRENE file this is, that is not a legal units extract: an establishments extract, an answer of the
    Sirene API; or a header with two or three of the four required columns: which it lacks."""
    suffix = ctx.path.suffix.lower()
    if suffix == ".json" and re.search(rb'"(uniteLegale|unitesLegales|etablissements?)"\s*:', ctx.data[:65536]):
        miss = InputError("réponse de l'API Sirene (JSON) : seuls les extraits des unités légales "
                          "(StockUniteLegale) en CSV ou en tableur (.xlsx, .ods, .xls) sont lus",
                          message_en="an answer of the Sirene API (JSON): only extracts of legal units "
                                     "(StockUniteLegale) in CSV or a spreadsheet (.xlsx, .ods, .xls) are read")
        miss.kind_helps = False  # no kind reads it: it is no table, nor JSON-LD
        return miss
    if suffix not in EXTENSIONS:
        return None
    line, keys = peek_header(ctx.data, _NEAR)
    miss = _near_miss(ctx.data, line, keys)
    if miss is not None:
        miss.columns_named = len(_NEAR & keys)
    return miss


def _near_miss(data: bytes, line: int | None, keys: frozenset[str]) -> InputError | None:
    """Why the header ``keys`` found on ``line`` of the table ``data`` is not quite that of a legal units extract
    (:func:`near_miss`), or None."""
    if _establishments(keys):
        miss = InputError("extrait SIRENE des établissements (StockEtablissement) : seuls les extraits des unités "
                          "légales (StockUniteLegale) sont lus", line=line,
                          message_en="a SIRENE establishments extract (StockEtablissement): only extracts of legal "
                                     "units (StockUniteLegale) are read")
        miss.kind_helps = False  # the kind refuses it too: it lacks the legal-unit columns
        return miss
    if renamed := _other_names(keys):
        return _renamed_columns(keys, {column: _written(data, line, key) for column, key in renamed.items()}, line)
    if not 2 <= len(SIGNATURE & keys) < len(SIGNATURE):
        return None
    lacks = ", ".join(c for c in COLUMNS if c.lower() not in keys)
    miss = InputError(f"l'en-tête ressemble à un extrait SIRENE des unités légales, mais il y manque : {lacks}",
                      line=line, message_en=f"the header looks like a SIRENE legal units extract, but lacks: {lacks}")
    miss.kind_helps = all(c.lower() in keys for c in REQUIRED)  # extract refuses a file without these, forced or not
    return miss


def _establishments(keys) -> bool:
    """Whether a header (its folded names) is that of a SIRENE establishments extract."""
    return "siret" in keys and any(k.endswith("etablissement") for k in keys)


#: The names that other lists of companies by SIREN give the required columns (folded as headers are): the
#: Annuaire des entreprises and the API Recherche d'entreprises (``nature_juridique``, ``activite_principale``,
#: ``nom_raison_sociale``), spreadsheets made by hand (« Catégorie juridique », « Code NAF », « Raison sociale »).
OTHER_NAMES = {
    "categorieJuridiqueUniteLegale": ("naturejuridique", "categoriejuridique", "formejuridique"),
    "activitePrincipaleUniteLegale": ("activiteprincipale", "codenaf", "naf", "codeape", "ape", "codenafape"),
    "denominationUniteLegale": ("nomraisonsociale", "raisonsociale", "denomination", "nomcomplet"),
}
#: The columns that tell which of a table's first lines is the header of a list of companies that is not quite a
#: legal units extract: the legal-unit ones, an establishment's SIRET, and the other names of the former.
_NEAR = frozenset({*SIGNATURE, "siret", *(name for names in OTHER_NAMES.values() for name in names)})


def _other_names(keys: frozenset[str]) -> dict[str, str]:
    """The required columns that a header with a ``siren`` column names otherwise, each with the name it gives it
    (its first of :data:`OTHER_NAMES`); empty unless two of them are, so that a SIREN beside a name is no list of
    companies.

    >>> sorted(_other_names(frozenset({"siren", "raisonsociale", "codenaf"})).values())
    ['codenaf', 'raisonsociale']
    >>> _other_names(frozenset({"siren", "raisonsociale", "montant"}))
    {}
    """
    if "siren" not in keys:
        return {}
    found = {column: next(name for name in names if name in keys)
             for column, names in OTHER_NAMES.items() if column.lower() not in keys and keys & set(names)}
    return found if len(found) + len(SIGNATURE & keys) >= 3 else {}


def _written(data: bytes, line: int | None, key: str) -> str:
    """How the header on ``line`` writes the column whose folded name is ``key`` (``nature_juridique``), in a text
    file or a workbook (whose sheets are looked at in turn: the header's line is a row of one of them)."""
    if is_spreadsheet(data):
        cells = [c for head in read_heads(data) for n, row in head.rows if n == line for c in row]
    else:
        text, _ = decode(data[:PEEK_BYTES])
        header = text.splitlines()[line - 1] if line and len(text.splitlines()) >= line else ""
        cells = next(csv.reader([header], delimiter=sniff_delimiter(header)), [])
    return next((c.strip() for c in cells if normalise_header(c) == key), key)


def _renamed_columns(keys: frozenset[str], renamed: dict[str, str], line: int | None) -> InputError:
    """Why a list of companies by SIREN whose columns bear other names than SIRENE's is refused: the columns it
    lacks, and the ones of its own to rename."""
    lacks = [c for c in COLUMNS if c.lower() not in keys]
    hint = ", ".join(f"{renamed[c]} → {c}" for c in lacks if c in renamed)
    missing = ", ".join(lacks)
    miss = InputError(
        f"l'en-tête ressemble à une liste d'entreprises SIRENE (export de l'Annuaire des entreprises ou de l'API "
        f"Recherche d'entreprises ?), mais pas à un extrait des unités légales (StockUniteLegale) : il y manque "
        f"{missing} ; renommez ses colonnes ({hint})", line=line,
        message_en=f"the header looks like a SIRENE list of companies (an export of the Annuaire des entreprises "
                   f"or of the API Recherche d'entreprises?), but not like a legal units extract (StockUniteLegale): "
                   f"it lacks {missing}; rename its columns ({hint})")
    miss.kind_helps = False  # the kind needs these columns
    return miss


class _Rows:
    def __init__(self, ctx: SourceContext, header: list[str]):
        # Columns by their folded name, as detection reads them: PostgreSQL exports write them in lower case.
        self.col = {normalise_header(h): i for i, h in enumerate(header)}
        self.header = header
        self.graph = new_graph()
        self.ex = Extraction(graph=self.graph)
        self.book = ActorBook(self.graph, ctx.base)
        self.count = self.skipped = self.closed = 0
        #: the closed periods of a history file, by SIREN (their lines and names); the units described, by SIREN
        self.former: dict[str, list[tuple[int, list[str]]]] = {}
        self.described: dict[str, URIRef] = {}
        self.skipped_lines: dict[tuple[str, str], list[int]] = {}  # the lines of the units skipped, by reason
        self.lines: dict[int, int] = {}  # the first line of each SIREN imported (as a number: a stock has millions)
        self.repeated: list[tuple[str, int, int]] = []  # (SIREN, its first line, a later line)

    def report_skipped(self) -> None:
        """Say which units were skipped and why: one warning a line, or for a reason met on many lines, one that
        gives the first lines and how many there are (a national stock holds millions of sole proprietors)."""
        for (why, why_en), lines in self.skipped_lines.items():
            if len(lines) <= MAX_SKIPPED_LINES:
                for line in lines:
                    self.ex.warn(why, why_en, line=line)
                continue
            shown = ", ".join(map(str, lines[:MAX_SKIPPED_LINES]))
            self.ex.warn(f"{why} : {len(lines)} lignes ({shown}…)", f"{why_en}: {len(lines)} lines ({shown}…)")

    def get(self, row: Row, name: str) -> str:
        i = self.col.get(name.lower())  # INSEE's names fold to their lower case
        return row.cells[i].strip() if i is not None and i < len(row.cells) else ""

    def label(self, row: Row) -> list[str]:
        names = [self.get(row, "denominationUniteLegale")]
        names += [self.get(row, f"denominationUsuelle{i}UniteLegale") for i in (1, 2, 3)]
        names += [self.get(row, "sigleUniteLegale")]
        return [n for i, n in enumerate(names) if n and n.upper() != WITHHELD and n not in names[:i]]

    def skipped_why(self, row: Row, category: str, names: list[str]) -> tuple[str, str] | None:
        """Why the unit of ``row`` is not imported (:data:`SKIPPED`), or None."""
        if category == "1000":
            return SKIPPED["person"]
        if self.get(row, "statutDiffusionUniteLegale") == "P":
            return SKIPPED["restricted"]
        if self.get(row, "denominationUniteLegale").upper() == WITHHELD:
            return SKIPPED["withheld"]
        return None if names else SKIPPED["unnamed"]

    def met_before(self, row: Row, siren: str) -> bool:
        """Whether an earlier line of the file gave ``siren`` (a stock row and an update row, or a row per
        establishment): the lines make one actor, which :meth:`report_repeated` tells."""
        if (first := self.lines.setdefault(int(siren), row.line)) == row.line:
            return False
        self.repeated.append((siren, first, row.line))
        return True

    def report_repeated(self) -> None:
        """Say which SIRENs several lines gave, with both lines: one warning each, or past MAX_SKIPPED_LINES one
        that gives the first ones and how many (a file joined to establishments repeats most units)."""
        why, why_en = ("fusionnées en un acteur (un extrait et sa mise à jour, ou une ligne par établissement ? "
                       "gardez-en une par SIREN)", "merged into one actor (an extract and its update, or a line per "
                       "establishment? keep one per SIREN)")
        if len(self.repeated) <= MAX_SKIPPED_LINES:
            for siren, first, line in self.repeated:
                self.ex.warn(f"SIREN {siren} déjà lu ligne {first} : lignes {first} et {line} {why}",
                             f"SIREN {siren} already read on line {first}: lines {first} and {line} {why_en}",
                             line=line, field="siren", value=siren)
            return
        shown = ", ".join(f"{line} ({first})" for _, first, line in self.repeated[:MAX_SKIPPED_LINES])
        count = len(self.repeated)
        self.ex.warn(f"SIREN déjà lu plus haut (ligne de sa première lecture entre parenthèses) : {count} lignes "
                     f"({shown}…) {why}", f"SIREN already read further up (the line of its first reading in "
                     f"parentheses): {count} lines ({shown}…) {why_en}", field="siren")

    def add_row(self, row: Row) -> None:
        if row.short:  # INSEE writes every column: a shorter line was cut (its values would be read partly)
            size, width = len(row.cells) - row.short, len(row.cells)
            self.ex.reject(f"{size} cellules pour {width} colonnes : ligne tronquée (téléchargement interrompu ?)",
                           f"{size} cells for {width} columns: truncated line (interrupted download?)", line=row.line)
            return
        written, category = self.get(row, "siren"), self.get(row, "categorieJuridiqueUniteLegale")
        if self.get(row, "dateFin"):  # a closed period of the history file: its names, the unit's former ones
            self.former.setdefault(clean_identifier(written), []).append((row.line, self.label(row)))
            return
        siren = clean_identifier(written)  # "402617542.0" from a float export
        if (padded := restore_leading_zeros(siren)) is not None and len(padded) == 9:
            self.ex.warn(f"zéros de tête perdus (passage par un tableur) : SIREN lu {padded}",
                         f"leading zeros lost (through a spreadsheet): SIREN read as {padded}", line=row.line,
                         field="siren", value=written)
            siren = padded
        if not siren_ok(siren):
            self.ex.reject("SIREN invalide (9 chiffres, clé de Luhn)", "invalid SIREN (9 digits, Luhn key)",
                           line=row.line, field="siren", value=written)
            return
        names = self.label(row)
        if (why := self.skipped_why(row, category, names)) is not None:
            self.skipped += 1  # a person, or a unit published without its name
            self.skipped_lines.setdefault(why, []).append(row.line)
            return
        repeated = self.met_before(row, siren)
        iri = self.book.actor(names[0], actor_class(category), siren=siren, siret=self.head_office(row, siren))
        self.described[siren] = iri
        for name in names[1:]:
            self.book.name(iri, name)
        self.describe(row, iri, category)
        self.ex.issues.extend(lost_characters(row, self.header))
        if self.get(row, "etatAdministratifUniteLegale").upper() == "C":
            self.ceased(row, iri)
        self.count += not repeated  # actors, not lines

    def former_periods(self) -> None:
        """The closed periods of a history file: their names are the unit's former ones (« SARL PILAT SOINS »
        before « SCIC SANTE PILAT »: a grant of that time names it so); a unit with no current period in the file
        is said, not dropped in silence (an extract cut short, or filtered on a date)."""
        for siren, periods in self.former.items():
            if (iri := self.described.get(siren)) is not None:
                for _, names in periods:
                    for name in names:
                        self.book.name(iri, name)
            elif siren_ok(siren):
                line, names = max(periods)
                self.ex.warn(f"SIREN {siren} ({names[0] if names else 'sans nom'}) : seules des périodes closes "
                             "(dateFin) dans le fichier, aucune actuelle : unité non décrite ; un extrait du stock "
                             "(StockUniteLegale) en donne l'état actuel",
                             f"SIREN {siren} ({names[0] if names else 'unnamed'}): closed periods only (dateFin) in "
                             "the file, no current one: unit not described; a stock extract (StockUniteLegale) gives "
                             "its current state", line=line, field="dateFin")

    def head_office(self, row: Row, siren: str) -> str | None:
        """The SIRET of the unit's head office (its SIREN and ``nicSiegeUniteLegale``), which a grants list or the
        SCDL export may need; the NIC's leading zeros put back when a spreadsheet dropped them. A NIC withheld
        ("[ND]") or absent gives none; one that makes no valid SIRET is reported."""
        written = self.get(row, "nicSiegeUniteLegale")
        nic = clean_identifier(written)
        if not nic.isdigit() or len(nic) > 5:
            if nic and not nic.startswith("["):
                self.ex.warn("NIC du siège illisible : ignoré", "head office NIC unreadable: ignored", line=row.line,
                             field="nicSiegeUniteLegale", value=written)
            return None
        if siret_ok(siret := siren + nic.zfill(5)):
            return siret
        self.ex.warn(f"NIC du siège qui ne forme pas un SIRET valide ({siret}) : ignoré",
                     f"head office NIC that makes no valid SIRET ({siret}): ignored", line=row.line,
                     field="nicSiegeUniteLegale", value=written)
        return None

    def ceased(self, row: Row, iri: URIRef) -> None:
        """A unit that has ceased: its period's start (``dateDebut``) is the day it ceased, when known."""
        start = self.get(row, "dateDebut")
        try:
            ceased = parse_date(start)
        except ValueProblem:
            ceased = None
        if ceased:
            self.graph.add((iri, SCHEMA.dissolutionDate, literal(ceased, _DATE)))
        self.ex.warn("unité légale cessée" + (f" le {ceased.isoformat()}" if ceased else ""),
                     "legal unit ceased" + (f" on {ceased.isoformat()}" if ceased else ""), line=row.line,
                     field="etatAdministratifUniteLegale", value="C")
        self.closed += 1

    def describe(self, row: Row, iri: URIRef, category: str) -> None:
        g = self.graph
        # Categories, activity codes, flags and dates recur across units: each literal is made once (base.literal).
        if category:
            g.add((iri, MAI.legalCategory, literal(category)))
        naf, nomenclature = self.get(row, "activitePrincipaleUniteLegale"), self.get(
            row, "nomenclatureActivitePrincipaleUniteLegale")
        if naf:
            g.add((iri, MAI.naf, literal(naf)))
            if nomenclature and nomenclature != "NAFRev2":
                self.ex.warn(f"code d'activité dans la nomenclature {nomenclature}, pas NAF rév. 2",
                             f"activity code in the {nomenclature} nomenclature, not NAF rev. 2", line=row.line,
                             field="activitePrincipaleUniteLegale", value=naf)
        rna = normalise_rna(self.get(row, "identifiantAssociationUniteLegale"))
        if rna_ok(rna):
            g.add((iri, MAI.rna, plain_literal(rna)))
        if (ess := self.read(row, "economieSocialeSolidaireUniteLegale", parse_bool)) is not None:
            g.add((iri, MAI.ess, literal(ess)))
        if founded := self.read(row, "dateCreationUniteLegale", parse_date):
            g.add((iri, SCHEMA.foundingDate, literal(founded, _DATE)))

    def read(self, row: Row, field: str, parse):
        """The value of ``field`` read by ``parse``; None when empty, withheld (``[ND]``) or unreadable (warned of,
        with its field: one bad cell does not cost the others)."""
        written = self.get(row, field)
        if written.upper() == WITHHELD:
            return None
        try:
            return parse(written)
        except ValueProblem as exc:
            self.ex.warn(str(exc), exc.message_en, line=row.line, field=field, value=written)
            return None


def extract(ctx: SourceContext) -> Extraction:
    """Extract the legal units of a SIRENE file (see the module's docstring)."""
    table = read_table(ctx.data, known=SIGNATURE)
    rows = _Rows(ctx, table.header)
    if lacks := ", ".join(c for c in REQUIRED if c.lower() not in rows.col):
        establishments = _establishments(frozenset(rows.col))
        what = "extrait des établissements (StockEtablissement), " if establishments else ""
        what_en = "an establishments extract (StockEtablissement), " if establishments else ""
        header, header_en = header_read(table.header, table.header_line)
        raise InputError(f"{what}pas un extrait SIRENE des unités légales (StockUniteLegale) : colonnes absentes : "
                         f"{lacks} ({header})", line=table.header_line,
                         message_en=f"{what_en}not a SIRENE legal units extract (StockUniteLegale): columns "
                                    f"missing: {lacks} ({header_en})")
    rows.ex.issues.extend(repair_issues(table))
    for row in table.rows:
        rows.add_row(row)
    rows.report_skipped()
    rows.report_repeated()
    rows.former_periods()
    rows.book.finish()
    ex = rows.ex
    ex.header_line = table.header_line
    ex.stats = {"rows_read": len(table.rows), "actors": rows.count, "skipped": rows.skipped, "closed": rows.closed,
                **ex.issue_counts(), "encoding": table.encoding or "xlsx/ods"}
    return ex


KIND = SourceKind("sirene", "Unités légales (SIRENE)", "Legal units (SIRENE)", detect, extract,
                  extensions=EXTENSIONS, near_miss=near_miss, rows_kept="actors")
