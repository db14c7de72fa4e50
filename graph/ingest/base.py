"""What every source kind shares: the context it reads, the extraction it returns, the issues it reports.

A source kind is a pure function from a file to triples: ``extract(ctx: SourceContext) -> Extraction``. It mints
IRIs with :func:`graph.namespaces.mint` and :func:`graph.identity.actor_iri`, and never touches the store. The
pipeline (:mod:`graph.ingest.pipeline`) adds the source description, provenance and materialised types, resolves
actors against the store, validates, and stores one named graph per file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Callable

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from graph.identifiers import clean_identifier, siren_ok, siret_ok
from graph.namespaces import DEFAULT_BASE, MAI, OA, PROV, RDF, mint, slugify
from graph.triples import TripleSet, plain_literal

#: Made once: rdflib's namespaces other than ours make a new term on each use (an evidence a fact).
_TYPE, _DERIVED_FROM, _NON_NEGATIVE_INTEGER = RDF.type, PROV.wasDerivedFrom, XSD.nonNegativeInteger


@dataclass
class Issue:
    """A problem found in a source: where (line, field, value), why (French first, English too), how bad.

    ``level`` is ``error`` (the row or fact was rejected) or ``warning`` (kept, perhaps repaired).
    """

    level: str
    message: str
    message_en: str = ""
    line: int | None = None
    field: str | None = None
    value: str | None = None

    def format(self, file: str, lang: str = "fr") -> str:
        """Return ``file:line: [field=value] level: message``, the shape every report uses, the level and the
        message in ``lang`` (``fr`` or ``en``).

        >>> Issue("warning", "montant illisible", "unreadable amount", 4).format("f.csv")
        'f.csv:4: avertissement : montant illisible'
        >>> Issue("warning", "montant illisible", "unreadable amount", 4).format("f.csv", "en")
        'f.csv:4: warning: unreadable amount'
        """
        where = f"{file}:{self.line}" if self.line else file
        what = f" {self.field}" if self.field else ""
        if self.value is not None:
            shown = self.value if len(self.value) <= 60 else self.value[:57] + "..."
            what += f"={shown!r}"
        text = self.message_en if lang == "en" and self.message_en else self.message
        return f"{where}:{what + ':' if what else ''} {level_word(self.level, lang)} {one_line(text)}"


#: The words that tell how bad an issue or a SHACL result is, with their colon: (French, English).
LEVEL_WORDS = {"error": ("erreur :", "error:"), "warning": ("avertissement :", "warning:"),
               "Violation": ("violation :", "violation:"), "Warning": ("avertissement :", "warning:"),
               "Info": ("information :", "info:")}


def level_word(level: str, lang: str = "fr") -> str:
    """The word (and colon) that starts an issue or a SHACL result in ``lang``: ``erreur :``, ``warning:``…"""
    words = LEVEL_WORDS.get(level, (f"{level} :", f"{level}:"))
    return words[1] if lang == "en" else words[0]


#: The characters that end a line for a terminal or for ``str.splitlines``, and the other C0 controls.
_LINE_BREAKING = {c: repr(chr(c))[1:-1] for c in [*range(0x20), 0x7F, 0x85, 0x2028, 0x2029] if chr(c) != "\t"}


def one_line(text: str) -> str:
    """``text`` with its line breaks and control characters escaped, so that a report stays one line an issue,
    whatever a file's cell holds.

    >>> print(one_line("D\\x0célibération\\nCP"))
    D\\x0célibération\\nCP
    """
    return text.translate(_LINE_BREAKING)


class InputError(Exception):
    """The file cannot be read at all: nothing of it is stored. Carries the place and the reason."""

    def __init__(self, message: str, line: int | None = None, field: str | None = None,
                 message_en: str = "", value: str | None = None):
        super().__init__(message)
        self.issue = Issue("error", message, message_en or message, line, field, value)
        #: For a near miss of a kind (:attr:`SourceKind.near_miss`): whether ``--kind`` could read the file anyway;
        #: not when it lacks a column that the kind itself requires.
        self.kind_helps = True
        #: For a near miss of a kind of table: how many of the kind's columns its header names. When a header is a
        #: near miss of several kinds (an RNA extract cut to a few columns names three of a grants list's: siret,
        #: nature, objet), detection names the kind it names most columns of.
        self.columns_named = 0


_INTERNAL = "erreur interne de Maillage en lisant ce fichier"
#: What ends the program, not the reading of one file: never told as a file's error. Every other exception is,
#: ``BaseException`` subclasses included — pyo3's ``PanicException``, raised when a library's Rust code panics on a
#: damaged file, is no ``Exception``.
EXITING = (KeyboardInterrupt, SystemExit, GeneratorExit)


def internal_error(exc: BaseException) -> InputError:
    """A bug of ours, or a library's panic, met while reading a file, told as that file's error — nothing of it is
    stored and the other files go on — instead of a traceback that would end the whole ingest."""
    what = f"{type(exc).__name__}: {exc}"
    return InputError(f"{_INTERNAL} ({what}) ; merci de la signaler avec le fichier",
                      message_en=f"internal error of Maillage while reading this file ({what}); "
                                 "please report it with the file")


def is_internal(issue: Issue) -> bool:
    """Whether ``issue`` tells of a bug of ours (:func:`internal_error`) rather than of the file."""
    return issue.message.startswith(_INTERNAL)


def source_iri(path: Path, base: str = DEFAULT_BASE, options: dict[str, Any] | None = None) -> URIRef:
    """The IRI of the source at ``path`` (the name of its graph), known without reading the file: from the
    ``source_name`` option when given, else from the file name.

    >>> str(source_iri(Path("data/grants 2024.csv")))
    'https://w3id.org/maillage/id/source/grants-2024-csv'
    """
    return mint("source", (options or {}).get("source_name") or path.name, base=base)


@dataclass
class SourceContext:
    """A file to extract from, and the options of the run."""

    path: Path
    data: bytes
    base: str = DEFAULT_BASE
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.name

    @cached_property
    def sha256(self) -> str:
        """The file's sha256, computed once (asked up to three times per file; 0.2 s for 265 MB)."""
        return hashlib.sha256(self.data).hexdigest()

    @property
    def source(self) -> URIRef:
        """The IRI of this source, also the name of its graph: re-ingesting the same file name replaces it."""
        return source_iri(self.path, self.base, self.options)

    @property
    def key(self) -> str:
        """A short key of the source, to mint IRIs local to it (evidence, rows)."""
        return slugify(self.options.get("source_name") or self.path.name)


@dataclass
class Extraction:
    """What a kind extracted from one file.

    Either ``graph`` (a :class:`graph.triples.TripleSet`) or ``rdf`` (raw bytes and their format name, loaded by Oxigraph's own
    parser: the fast path for RDF files). ``stats`` are printed in the ingest summary (rows_read, grants,
    total_amount, stated_total, persons…); ``title`` and ``text`` describe the source itself (``text`` is the
    normalised text that evidence offsets point into, stored on the source for the "Pourquoi ?" view).
    """

    graph: TripleSet | None = None
    rdf: tuple[bytes, str] | None = None
    issues: list[Issue] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    text: str | None = None
    #: A table's header line, which the refusal of a table without data rows names
    #: (:func:`graph.ingest.lookahead.refuse_rowless`); None for a source that is no table.
    header_line: int | None = None
    #: The facts (focus node, property IRI) that the reading left out and already reported at their lines (a
    #: member's circle unknown): the SHACL result on their absence is not told again (:attr:`IngestReport.told`).
    told: set[tuple[str, str]] = field(default_factory=set)
    #: The warnings that say the file does not follow its format's schema (a grants list without a column that SCDL
    #: requires): kept apart from its rows' ``issues``, the ingest's report puts them first, and ``--strict`` refuses
    #: the file for them, as for a rejected row (:func:`strict_refusals`).
    nonconforming: list[Issue] = field(default_factory=list)
    #: The line of the first row that names each actor, for a source whose graph gives its actors no
    #: ``mai:rowNumber`` (a register's members): what the resolution says of an actor names it
    #: (:func:`graph.resolution.resolve_actors`).
    actor_lines: dict[URIRef, int] = field(default_factory=dict)

    def warn(self, message: str, message_en: str = "", **where) -> None:
        self.issues.append(Issue("warning", message, message_en, **where))

    def warn_nonconforming(self, message: str, message_en: str = "", **where) -> None:
        """Warn that the file does not follow its format's schema: kept, but refused by ``--strict``."""
        self.nonconforming.append(Issue("warning", message, message_en, **where))

    def reject(self, message: str, message_en: str = "", **where) -> None:
        self.issues.append(Issue("error", message, message_en, **where))

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "error"]

    def issue_counts(self) -> dict[str, int]:
        """The counts every tabular summary prints: rows rejected (distinct lines with an error) and warnings."""
        errors = self.errors
        return {"rows_rejected": len({i.line for i in errors}), "warnings": len(self.issues) - len(errors)}


def strict_refusals(issues: list[Issue], ex: Extraction) -> list[Issue]:
    """``issues`` (a report's, which holds ``ex``'s) with the warnings of ``ex`` that ``--strict`` refuses the file
    for (:attr:`Extraction.nonconforming`) made errors that say so.

    >>> ex = Extraction()
    >>> ex.warn_nonconforming("colonne objet absente", "no objet column", line=1)
    >>> [(i.level, i.message) for i in strict_refusals(list(ex.nonconforming), ex)]
    [('error', 'colonne objet absente ; refusé (--strict)')]
    """
    return [Issue("error", f"{i.message} ; refusé (--strict)", f"{i.message_en or i.message}; refused (--strict)",
                  i.line, i.field, i.value) if i.level == "warning" and i in ex.nonconforming else i for i in issues]


def nothing_kept(ex: Extraction, count: int | None = None) -> InputError:
    """The error of a file none of whose data rows (``count`` of them, when known) was kept: refused whole, so that
    it does not replace what an earlier version of it stored; the first reasons told (rejections first, then skips).

    >>> ex = Extraction()
    >>> ex.reject("membre sans nom", "member without a name", line=4)
    >>> nothing_kept(ex, 1).issue.message
    'aucune ligne valide sur 1 : ligne 4 : membre sans nom'
    """
    issues = ex.errors or [i for i in ex.issues if i.line]
    shown = issues[:3]
    reasons = " ; ".join(f"ligne {i.line}{_of(i.field)} : {i.message}" if i.line else i.message for i in shown)
    reasons_en = "; ".join(f"line {i.line}{_of(i.field)}: {i.message_en or i.message}" if i.line
                           else i.message_en or i.message for i in shown)
    if len(issues) > len(shown):
        reasons += f" ; … ({len(issues) - len(shown)} de plus)"
        reasons_en += f"; … ({len(issues) - len(shown)} more)"
    out_of, out_of_en = (f" sur {count}", f" out of {count}") if count is not None else ("", "")
    return InputError(f"aucune ligne valide{out_of} : {reasons}", message_en=f"no valid row{out_of_en}: {reasons_en}")


#: How many of a header's names an error shows (:func:`header_read`): enough to tell one kind of table from another.
HEADER_SHOWN = 6


def header_read(header: list[str], line: int) -> tuple[str, str]:
    """How an error names the header found at ``line`` (French, English): its line, how many columns, the first
    names as written, so that the user sees which line was taken for the header and what it holds.

    >>> header_read(["id", "titre", "", "objet"], 3)[1]
    "header on line 3 (3 columns): 'id', 'titre', 'objet'"
    """
    names = [name.strip().replace("\n", " ")[:40] for name in header if name.strip()]
    more, plural = ", …" if len(names) > HEADER_SHOWN else "", "s" if len(names) > 1 else ""
    shown = names[:HEADER_SHOWN]
    return (f"en-tête lu ligne {line} ({len(names)} colonne{plural}) : " + ", ".join(f"« {n} »" for n in shown) + more,
            f"header on line {line} ({len(names)} column{plural}): " + ", ".join(f"'{n}'" for n in shown) + more)


def missing_columns(missing: list[str], kind: tuple[str, str], header: list[str], line: int) -> InputError:
    """Why a table read as ``kind`` (French, English: « une liste de subventions SCDL ») is refused: the required
    columns it lacks, the kind it was read as and the header found (:func:`header_read`), so that a table taken for
    another kind, by detection or by ``--kind``, shows it.

    >>> missing_columns(["id", "titre"], ("un extrait RNA", "an RNA extract"), ["montant"], 2).issue.message_en
    "required columns missing: id, titre (read as an RNA extract; header on line 2 (1 column): 'montant')"
    """
    names, (header_fr, header_en) = ", ".join(missing), header_read(header, line)
    return InputError(f"colonnes obligatoires absentes : {names} (lu comme {kind[0]} ; {header_fr})", line=line,
                      message_en=f"required columns missing: {names} (read as {kind[1]}; {header_en})")


def _of(field: str | None) -> str:
    """The column of a reason, as it follows the reason's line."""
    return f" ({field})" if field else ""


@dataclass(frozen=True)
class SourceKind:
    """A kind of source: its name (``--kind``), its labels in French and English (a source's page, the upload
    form's choice of kinds), and the two functions that make it."""

    name: str
    label: str
    label_en: str
    detect: Callable[[SourceContext], int]  # 0 (not this kind) .. 100 (certainly this kind)
    extract: Callable[[SourceContext], Extraction]
    extensions: tuple[str, ...] = ()
    #: When detection refused a file: why it is not quite of this kind (a table lacking a required column, XML
    #: that is not RDF/XML), or None; detection's error then says so instead of only "unrecognised".
    near_miss: Callable[[SourceContext], InputError | None] | None = None
    #: For a kind of table: the stat in which it counts what it kept of its data rows (a record each). A file of
    #: rows none of which was kept, every one rejected, is refused whole: stored, it would replace what an earlier
    #: version of it said with nothing (:func:`graph.ingest.lookahead.refuse_rowless`).
    rows_kept: str | None = None
    #: What to do and check once a file of this kind is stored, against the whole store: ``check_stored(writer,
    #: source)`` returns the issues (what it refers to that no source of the store holds yet: a register's grants)
    #: and the IRIs of the resources it changed besides the file's own (the grants a register links to goals), and
    #: optionally counts to add to the file's report (how many links to goals a register's grants made).
    check_stored: Callable[[Any, URIRef], tuple[list[Issue], set[str]] | tuple[list[Issue], set[str], dict]] \
        | None = None
    #: The issues and counts of ``check_stored`` told anew, ``recheck_stored(writer, source)``: at the end of an
    #: ingest whose later files linked what the file refers to (a register's grants ingested after it), the issues
    #: that it no longer gives are dropped from the file's report, and the counts updated, if the report is not
    #: announced yet.
    recheck_stored: Callable[[Any, URIRef], tuple[list[Issue], dict]] | None = None
    #: For a kind of two forms, one saying more than the other (a register's YAML and CSV): ``form_state(query,
    #: source)`` reads the stored graph's form and what only one form says, before and after a new version replaces
    #: it; the state before's ``losses(after)`` tells, in the change summary, what the new form dropped and why
    #: (:mod:`graph.ingest.register_forms`).
    form_state: Callable[[Any, URIRef], Any] | None = None


@lru_cache(maxsize=65_536, typed=True)
def literal(value: str | int | dt.date, datatype: URIRef | None = None) -> Literal:
    """Return ``Literal(value, datatype=datatype)``, made once per distinct value: dates, years, references and
    codes recur on many rows, and rdflib spends ~14 µs converting each typed literal. Not for Decimals: equal
    Decimals may be written differently (``1.0``, ``1.00``)."""
    return Literal(value, datatype=datatype)


def goal_scheme_labels(ptce: str) -> tuple[Literal, Literal]:
    """The French and English labels of the scheme of strategic goals of the PTCE named ``ptce``: every source that
    states its goals (the deliberation that creates it, the partner register) gives the same, so that the scheme
    has one ``skos:prefLabel`` per language, as SKOS requires."""
    return Literal(f"Objectifs stratégiques — {ptce}", lang="fr"), Literal(f"Strategic goals — {ptce}", lang="en")


def new_graph() -> TripleSet:
    """Return an empty extraction graph."""
    return TripleSet()


def add_evidence(graph: TripleSet, fact: URIRef, ctx: SourceContext, text: str, start: int, end: int,
                 supports: URIRef | None = None) -> URIRef:
    """Attach to ``fact`` a W3C Web Annotation selector quoting ``text[start:end]``; return the selector.

    Offsets are character offsets into the normalised text that the kind returns as ``Extraction.text``. A quote
    that supports one value of the fact only (``supports``: a theme the words give an actor) is a selector of its
    own, minted apart from the quote of the same words as evidence of the whole fact, which states
    ``mai:supports`` → the value; one that states a literal value (a grant's fiscal year, its budget account, its
    purpose) supports the property whose value it is (``mai:fiscalYear``).
    """
    keys = [ctx.key, f"{start}-{end}"]
    if supports is not None:  # the value's last two steps: ".../theme-education-therapeutique", "ontology#fiscalYear"
        keys.append("/".join(str(supports).replace("#", "/").rsplit("/", 2)[-2:]))
    selector = mint("evidence", *keys, base=ctx.base)
    graph.add((fact, MAI.evidence, selector))
    if supports is not None:
        graph.add((selector, MAI.supports, supports))
    graph.add((selector, _TYPE, OA.TextQuoteSelector))
    graph.add((selector, _TYPE, OA.TextPositionSelector))
    graph.add((selector, OA.exact, plain_literal(text[start:end])))
    graph.add((selector, OA.start, literal(start, _NON_NEGATIVE_INTEGER)))
    graph.add((selector, OA.end, literal(end, _NON_NEGATIVE_INTEGER)))
    graph.add((selector, _DERIVED_FROM, ctx.source))
    return selector


#: How a message names the option that gives the funder, or the authority, that a source does not name.
FUNDER_OPTION = '--funder "NOM[;SIRET]"'
#: The advice to use that option, in French and in English: the upload form, which has a field for it, says it so.
FUNDER_ADVICE = f"l'option {FUNDER_OPTION}", 'the option --funder "NAME[;SIRET]"'


def parse_funder_option(text: str) -> tuple[str, str | None]:
    """Split ``--funder "NAME[;SIRET]"``; raises InputError for an empty name or an invalid SIRET.

    >>> parse_funder_option("Saint-Etienne Métropole;24420077000018")
    ('Saint-Etienne Métropole', '24420077000018')
    """
    name, _, siret = (p.strip() for p in text.partition(";"))
    siret = clean_identifier(siret) or None
    if not name or (siret and not (siret_ok(siret) or siren_ok(siret))):
        raise InputError(f"option --funder invalide « {text} » : attendu {FUNDER_OPTION} avec un SIRET valide",
                         message_en=f"invalid --funder '{text}': expected \"NAME[;SIRET]\" with a valid SIRET")
    return name, siret
