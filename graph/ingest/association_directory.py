"""The association-directory kind: a local authority's directory of the associations of its territory, as a city
publishes it in open data (Montpellier's ``VilleMTP_MTP_ListeAssoc_2011.csv``: ``NomAsso``, ``Sigle``, ``Domaine``,
``Sous-Domaine``, ``Adresse``, ``Code_Postal``, ``INTERNET``…), the way a PTCE finds the health associations of its
territory.

Each row becomes a ``mai:Association`` through the actor book (:class:`graph.identity.ActorBook`): known by its RNA
number or SIRET when the directory gives them (read as the RNA reader reads them), else by its name, which joins
another source's actor only under the identity rules (:mod:`graph.resolution`). It gets ``rdfs:label`` (the name),
``skos:altLabel`` (the acronym), ``schema:url`` (the web site, when it is a web address), ``dcterms:subject`` → the
health themes its domain and sub-domain name (:data:`CATEGORY_THEMES`), and ``schema:location`` → its postal area,
a ``schema:Place`` labelled with the postal code and the commune when the directory names it
(:func:`graph.ingest.association_fields.locate`, as an RNA extract gives its commune).

Left out: the telephone, fax and e-mail columns (contact data, personal under the GDPR: DATA-FORMATS.md, pitfall
30); the street address, which the vocabulary has no term for and which is often a member's home; the coordinates,
the city's districts and cantons, and the raw domain, for none of which the vocabulary has a term (a theme is a
concept, never a text). A row repeated (the same association on several lines) adds to the one association.
"""

from __future__ import annotations

import re
from functools import cache

from rdflib import URIRef
from rdflib.namespace import DCTERMS

from graph.identifiers import normalise_rna, read_siret, rna_ok
from graph.identity import ActorBook
from graph.ingest.association_fields import locate, read_website
from graph.ingest.base import Extraction, SourceContext, SourceKind, missing_columns, new_graph
from graph.ingest.french import fold
from graph.namespaces import MAI, SCHEMA, mint
from graph.table_checks import lost_characters, repair_issues, short_row
from graph.tabular import Row, normalise_header, peek_header, read_table
from graph.triples import plain_literal

#: What a directory is read from: its CSV text as published, or a workbook it was saved as.
EXTENSIONS = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods")
#: Field -> the column names (normalised: :func:`graph.tabular.normalise_header`) that give it, first found first.
#: The telephone, fax and e-mail columns are not read (pitfall 30).
FIELDS = {
    "name": ("nomasso", "nomdelassociation", "nomassociation", "nom", "denomination"),
    "acronym": ("sigle",),
    "domain": ("domaine", "theme", "thematique", "categorie"),
    "subdomain": ("sousdomaine", "soustheme", "sousthematique", "souscategorie"),
    "address": ("adresse",),
    "postcode": ("codepostal", "cp"),
    "commune": ("commune", "ville"),
    "website": ("internet", "siteweb", "siteinternet"),
    "rna": ("rna", "numerorna", "nrna", "numrna"),
    "siret": ("siret", "numerosiret", "nsiret"),
}
#: The fields beside the name that tell a directory of associations from another table that names organisations.
DIRECTORY_FIELDS = ("acronym", "domain", "subdomain", "address", "postcode", "commune")
_KEYS = frozenset(key for keys in FIELDS.values() for key in keys)
#: A French postal code: five digits.
_POSTCODE = re.compile(r"\d{5}")

#: The health theme (the French label of its concept in the ``mai:themes`` scheme) that a directory's domain or
#: sub-domain names, folded (:func:`graph.ingest.french.fold`). Only the categories whose every association works on
#: that theme: « DIVERS SANTE » (occupational medicine, blood donation, mutual insurers…) and « THERAPIES »
#: (sophrology, homeopathy…) name none of the scheme's themes, and « PREVENTION » under « SOCIAL ET CITOYENNETE » is
#: that of delinquency. « AIDE AUX MALADES » gathers the patients' associations of long-term illnesses (diabetes,
#: cancer, kidney, heart, respiratory, Parkinson's…) with a few that visit any patient in hospital.
CATEGORY_THEMES = {
    "alcoolisme et toxicomanie": "Addictions", "addictions": "Addictions",
    "aide aux malades": "Maladies chroniques",
    "handicap": "Handicap", "sports adaptes": "Handicap",
    "troisieme age": "Vieillissement", "personnes agees": "Vieillissement",
    "aide a domicile": "Perte d'autonomie",
}
#: A sub-domain that names a theme only under its domain: « RECHERCHE » under « SANTE ».
DOMAIN_THEMES = {("sante", "recherche"): "Recherche en santé"}


def detect(ctx: SourceContext) -> int:
    """Score a table whose header names an association and at least two of a directory's columns (acronym,
    domain, address, postal code, commune), in a text file or a workbook; 0 otherwise. Below the registries' scores
    (90), which name columns of their own."""
    if ctx.path.suffix.lower() not in EXTENSIONS:
        return 0
    _, keys = peek_header(ctx.data, _KEYS)
    named = {field for field, names in FIELDS.items() if keys & set(names)}
    return 75 if "name" in named and len(named & set(DIRECTORY_FIELDS)) >= 2 else 0


@cache
def theme_concepts() -> dict[str, URIRef]:
    """The concepts of the health-theme scheme by French label (preferred or alternative)."""
    from graph.ingest.delib_themes import scheme_labels

    return {label: concept for label, concept in scheme_labels("themes")}


def category_themes(domain: str, subdomain: str) -> list[URIRef]:
    """The health themes that a directory's domain and sub-domain name (:data:`CATEGORY_THEMES`).

    >>> [str(t).rsplit("/", 1)[1] for t in category_themes("SANTE", "ALCOOLISME ET TOXICOMANIE")]
    ['addictions']
    >>> category_themes("SPORTS", "FOOTBALL")
    []
    """
    domain, subdomain = fold(" ".join(domain.split())), fold(" ".join(subdomain.split()))
    labels = [CATEGORY_THEMES.get(domain), CATEGORY_THEMES.get(subdomain), DOMAIN_THEMES.get((domain, subdomain))]
    concepts = theme_concepts()
    return list(dict.fromkeys(concepts[label] for label in labels if label))


class _Rows:
    """The directory being read: its columns, its graph and actors, what its rows made so far."""

    def __init__(self, ctx: SourceContext, header: list[str]):
        self.ctx, self.header = ctx, header
        self.col: dict[str, int] = {}
        for i, column in enumerate(header):
            key = normalise_header(column)
            for field, names in FIELDS.items():
                if key in names and field not in self.col:
                    self.col[field] = i
        self.ex = Extraction(graph=new_graph())
        self.book = ActorBook(self.ex.graph, ctx.base)
        self.first_line: dict[URIRef, int] = {}  # each association, with the line that first describes it
        self.repeated = 0

    def get(self, row: Row, field: str) -> str:
        i = self.col.get(field)
        return row.cells[i].strip() if i is not None and i < len(row.cells) else ""

    def column(self, field: str) -> str:
        """The column of ``field`` as the header writes it, which the messages name."""
        return self.header[self.col[field]]

    def warn(self, row: Row, field: str, message: str, message_en: str, value: str | None = None) -> None:
        self.ex.warn(message, message_en, line=row.line, field=self.column(field), value=value)

    def identifiers(self, row: Row) -> tuple[str | None, str | None, str | None]:
        """The row's (SIREN, SIRET, RNA number) when the directory has such columns; what cannot be read is warned
        of and ignored."""
        siren, siret, said = read_siret(written := self.get(row, "siret"))
        for message, message_en in said:
            self.warn(row, "siret", message, message_en, written)
        rna = self.get(row, "rna")
        if rna and not rna_ok(rna):
            self.warn(row, "rna", "numéro RNA illisible (W et 9 chiffres ou lettres) : ignoré",
                      "unreadable RNA number (W and 9 digits or letters): ignored", rna)
        return siren, siret, normalise_rna(rna) if rna_ok(rna) else None

    def add_row(self, row: Row) -> None:
        if not (name := " ".join(self.get(row, "name").split())):
            self.ex.reject("association sans nom : ligne non lue", "association without a name: row not read",
                           line=row.line, field=self.column("name"), value=self.get(row, "name"))
            return
        siren, siret, rna = self.identifiers(row)
        iri = self.book.actor(name, MAI.Association, siren=siren, siret=siret, rna=rna)
        if (first := self.first_line.setdefault(iri, row.line)) != row.line:
            self.repeated += 1
            self.warn(row, "name", f"association déjà décrite ligne {first} : ce qu'en dit cette ligne s'y ajoute",
                      f"association already described on line {first}: what this line says is added to it", name)
        if (acronym := self.get(row, "acronym")) and fold(acronym) != fold(name):
            self.book.name(iri, acronym)
        for theme in category_themes(self.get(row, "domain"), self.get(row, "subdomain")):
            self.ex.graph.add((iri, DCTERMS.subject, theme))
        if url := self.website(row):
            self.ex.graph.add((iri, SCHEMA.url, plain_literal(url)))
        self.place(row, iri)
        self.ex.issues.extend(lost_characters(row, self.header))

    def website(self, row: Row) -> str | None:
        """The row's web site when it is a web address (:func:`graph.ingest.association_fields.read_website`)."""
        if "website" not in self.col:
            return None
        url, why = read_website(self.get(row, "website"), self.column("website"))
        if why is not None:
            self.warn(row, "website", *why)
        return url

    def postcode(self, row: Row) -> str | None:
        """The row's postal code, its leading zero put back when a spreadsheet dropped it (``1000``); other text is
        warned of."""
        written = self.get(row, "postcode")
        if not written or _POSTCODE.fullmatch(written):
            return written or None
        if written.isdigit() and len(written) == 4:
            self.warn(row, "postcode", f"zéro de tête perdu (passage par un tableur) : code postal lu 0{written}",
                      f"leading zero lost (through a spreadsheet): postal code read as 0{written}", written)
            return "0" + written
        self.warn(row, "postcode", "code postal illisible (5 chiffres) : lieu non enregistré",
                  "unreadable postal code (5 digits): no place stored", written)
        return None

    def place(self, row: Row, iri: URIRef) -> None:
        """Locate the association in its postal area (``place/code-postal-34000``), labelled with the code and the
        commune when the directory names it: a postal code is no INSEE code, and may cover several communes."""
        if (code := self.postcode(row)) is None:
            return
        commune = " ".join(self.get(row, "commune").split())
        locate(self.ex.graph, iri, mint("place", "code-postal", code, base=self.ctx.base),
               f"{code} {commune}" if commune else code)


def extract(ctx: SourceContext) -> Extraction:
    """Extract the associations of a local authority's directory (see the module's docstring)."""
    table = read_table(ctx.data, known=_KEYS)
    rows = _Rows(ctx, table.header)
    if "name" not in rows.col:
        raise missing_columns(["NomAsso (nom de l'association)"], ("un annuaire d'associations",
                                                                   "a directory of associations"),
                              table.header, table.header_line)
    rows.ex.issues.extend(repair_issues(table))
    for row in table.rows:
        if (short := short_row(table, row)) is not None:
            rows.ex.issues.append(short)
        rows.add_row(row)
    joined = rows.book.finish()
    ex = rows.ex
    ex.header_line = table.header_line
    ex.stats = {"rows_read": len(table.rows), "associations": len({joined.get(i, i) for i in rows.first_line}),
                "repeated_rows": rows.repeated, **ex.issue_counts(), "encoding": table.encoding or "xlsx/ods"}
    return ex


KIND = SourceKind("association-directory", "Annuaire des associations d'une collectivité",
                  "Local authority's directory of associations", detect, extract, extensions=EXTENSIONS,
                  rows_kept="associations")
