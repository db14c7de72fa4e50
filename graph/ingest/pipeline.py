"""The ingest pipeline: file -> kind -> extraction -> actors resolved -> one named graph, validated, stored.

All or nothing per file: a file that cannot be read raises InputError before the store is touched; a file that
``--strict`` refuses is rolled back inside the writer, so readers never see it.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from graph.identity import add_name_keys, canonical_deliberations, resolve_actors, siren_of
from graph.ingest import detect_kind, get_kind
from graph.ingest.base import Extraction, InputError, Issue, SourceContext, new_graph
from graph.namespaces import DEFAULT_BASE, MAI, SCHEMA
from graph.ontology import read_vocabulary, superclasses, vocabulary_files
from graph.backup import is_dump, restore_report
from graph.formats import rdf_format, rdf_format_for_path
from graph.store import PARSE_BASE, RdfSyntaxError, fault_point, to_rdflib
from graph.triples import TripleSet
from graph.validation import Violation, validate

#: Files larger than this are refused before reading (a 2M-triple N-Triples file is ~250 MB).
MAX_FILE_BYTES = 2 * 1024**3


@dataclass
class IngestReport:
    """What happened to one file."""

    file: str
    kind: str = ""
    source: URIRef | None = None
    status: str = "stored"  # stored | unchanged | refused
    triples: int = 0
    issues: list[Issue] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    stats: dict = field(default_factory=dict)
    touched: set[URIRef] = field(default_factory=set)
    seconds: float = 0.0

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "warning"]


class IngestRefused(Exception):
    """``--strict`` refused a file: its report says why; the store is unchanged."""

    def __init__(self, report: IngestReport):
        super().__init__(f"{report.file}: refused")
        self.report = report


def read_source(path: Path, base: str = DEFAULT_BASE, options: dict | None = None) -> SourceContext:
    """Read a file into a SourceContext; raises InputError when it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"fichier trop volumineux ({size} octets, limite {MAX_FILE_BYTES})",
                             message_en=f"file too large ({size} bytes, limit {MAX_FILE_BYTES})")
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError("c'est un dossier, pas un fichier", message_en="is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"lecture impossible : {exc.strerror}", message_en=f"cannot read: {exc.strerror}") from None
    return SourceContext(path=path, data=data, base=base, options=dict(options or {}))


_SHA256 = f"SELECT ?sha WHERE {{ GRAPH ?g {{ ?g <{MAI.sha256}> ?sha }} }}"


def stored_sha256(query, graph: URIRef) -> str | None:
    """Return the sha256 recorded for the source stored as ``graph``, if any."""
    rows = list(query(_SHA256, {"g": graph}))
    return str(rows[0][0]) if rows else None


def ensure_vocabularies(writer) -> list[str]:
    """Store the shipped ontology and SKOS schemes, each in its graph, when missing or changed."""
    import hashlib

    loaded = []
    for name, iri in vocabulary_files().items():
        data = read_vocabulary(name)
        sha = hashlib.sha256(data).hexdigest()
        graph = URIRef(iri)
        if stored_sha256(writer.query, graph) == sha:
            continue
        writer.replace_graph(graph, data, "turtle")
        writer.add(graph, _describe(graph, name, sha, "text/turtle", "vocabulary"))
        loaded.append(name)
    return loaded


def _describe(source: URIRef, title: str, sha: str, media_type: str, kind: str, text: str | None = None) -> TripleSet:
    graph = new_graph()
    graph.add((source, RDF.type, MAI.Source))
    graph.add((source, RDF.type, PROV.Entity))
    graph.add((source, DCTERMS.title, Literal(title)))
    graph.add((source, MAI.sha256, Literal(sha)))
    graph.add((source, DCTERMS.format, Literal(media_type)))
    graph.add((source, DCTERMS.type, Literal(kind)))
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    graph.add((source, PROV.generatedAtTime, Literal(now.isoformat(), datatype=XSD.dateTime)))
    if text is not None:
        graph.add((source, SCHEMA.text, Literal(text)))
    return graph


def _media_type(ctx: SourceContext, kind: str) -> str:
    fmt = rdf_format_for_path(ctx.path)
    if kind == "rdf" and fmt:
        return fmt.media_type
    suffix = ctx.path.suffix.lower()
    return {".pdf": "application/pdf", ".csv": "text/csv", ".tsv": "text/tab-separated-values",
            ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".ods": "application/vnd.oasis.opendocument.spreadsheet", ".md": "text/markdown",
            ".yaml": "application/yaml", ".yml": "application/yaml"}.get(suffix, "text/plain")


def _subjects(query, graph: URIRef) -> set[URIRef]:
    rows = query("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s)) }", {"g": graph})
    return {row[0] for row in rows}


def _materialise_extraction(graph: TripleSet, source: URIRef) -> None:
    """Add to ``graph`` the superclass types of its resources, their ``prov:wasDerivedFrom`` source, and the SIREN
    of actors known only by a SIRET (so that identity lookups find them).

    Superclass types are materialised once here rather than inferred at query time (OWL-RL inference did not
    finish at 10k actors, DESIGN.md). RDF files get the same through :class:`_Observed`.
    """
    supers = superclasses()
    for subject, _, cls in list(graph.triples((None, RDF.type, None))):
        for sup in supers.get(cls, ()):
            graph.add((subject, RDF.type, sup))
        if isinstance(subject, URIRef) and subject != source:
            graph.add((subject, PROV.wasDerivedFrom, source))
    for subject, _, siret in list(graph.triples((None, MAI.siret, None))):
        if graph.value(subject, MAI.siren) is None and siren_of(str(siret)):
            graph.add((subject, MAI.siren, Literal(siren_of(str(siret)))))


_TYPE, _SIRET, _SIREN = (ox.NamedNode(str(p)) for p in (RDF.type, MAI.siret, MAI.siren))


class _Observed:
    """What the pipeline needs of an RDF file, read by a first pass of Oxigraph's parser before the engine loads
    it: its subjects, their types, and the SIRETs of actors without a SIREN.

    Reading these back from the store cost more than loading the file: SPARQL updates for the materialised types
    (~3 s for 200k triples) and a query for the touched subjects (~1 s); the parser's pass costs ~0.5 s, and finds
    bad syntax before the store changes.
    """

    def __init__(self, data: bytes, fmt: str) -> None:
        self.subjects: set = set()
        self.types: list[tuple] = []
        self.sirets: dict = {}
        self.with_siren: set = set()
        subjects, types = self.subjects, self.types
        try:
            for quad in ox.parse(data, rdf_format(fmt).engine, base_iri=PARSE_BASE):
                subject, predicate = quad.subject, quad.predicate
                subjects.add(subject)
                if predicate == _TYPE:
                    types.append((subject, quad.object))
                elif predicate == _SIRET:
                    self.sirets.setdefault(subject, quad.object.value)
                elif predicate == _SIREN:
                    self.with_siren.add(subject)
        except SyntaxError as exc:
            raise InputError(f"RDF invalide : {exc.msg}", line=exc.lineno,
                             message_en=f"invalid RDF: {exc.msg}") from None
        except MemoryError:  # pyoxigraph's parser gives up on a term of tens of megabytes (a runaway literal)
            raise InputError("RDF illisible : le lecteur refuse un terme démesuré (fichier réduit à une seule "
                             "ligne ?)", message_en="unreadable RDF: the parser refuses an outsized term (a file "
                             "collapsed onto one line?)") from None

    def touched(self) -> set[URIRef]:
        return {URIRef(s.value) for s in self.subjects if isinstance(s, ox.NamedNode)}

    def materialised(self, source: URIRef) -> tuple[bytes, list[tuple]]:
        """The superclass types, ``prov:wasDerivedFrom`` and derived SIRENs that :func:`_materialise_extraction`
        adds to an extraction: as N-Triples for the engine's loader (~3x faster than building the quads in
        Python), and as rdflib triples for blank-node subjects, whose labels a second load would not meet."""
        supers, lines, blank = superclasses(), [], []
        a, derived_from = f"<{RDF.type}>", f"<{PROV.wasDerivedFrom}> <{source}> .\n"
        written_supers = {cls: [f"<{sup}>" for sup in sorted(supers.get(URIRef(cls.value), ()))]
                          for cls in {cls for _, cls in self.types if isinstance(cls, ox.NamedNode)}}
        for subject, cls in self.types:
            sups = written_supers.get(cls, ())
            if isinstance(subject, ox.BlankNode):
                blank.extend((to_rdflib(subject), RDF.type, URIRef(sup[1:-1])) for sup in sups)
                continue
            head = f"{subject} "
            lines.extend(f"{head}{a} {sup} .\n" for sup in sups)
            if subject.value != source:
                lines.append(head + derived_from)
        for subject, siret in self.sirets.items():
            if subject not in self.with_siren and (siren := siren_of(siret)):
                if isinstance(subject, ox.BlankNode):
                    blank.append((to_rdflib(subject), MAI.siren, Literal(siren)))
                else:
                    lines.append(f'{subject} <{MAI.siren}> "{siren}" .\n')
        return "".join(dict.fromkeys(lines)).encode("utf-8"), blank


def ingest_file(writer, ctx: SourceContext, kind: str | None = None, strict: bool = False,
                force: bool = False) -> IngestReport:
    """Ingest one read file through ``writer`` and return its report.

    Raises InputError when the file cannot be read or extracted (nothing stored), IngestRefused when ``strict``
    refuses it (nothing stored either).
    """
    started = time.perf_counter()
    source_kind = get_kind(kind) if kind else detect_kind(ctx)
    if source_kind.name == "rdf" and is_dump(ctx.data, ctx.path):  # a `maillage export` dump: restore it
        if (restored := restore_report(writer, ctx, started)) is not None:
            return restored
    report = IngestReport(file=ctx.name, kind=source_kind.name, source=ctx.source)
    if not force and stored_sha256(writer.query, ctx.source) == ctx.sha256:
        report.status = "unchanged"
        return report
    extraction: Extraction = source_kind.extract(ctx)
    report.issues, report.stats = list(extraction.issues), dict(extraction.stats)
    if strict and extraction.errors:
        report.status = "refused"
        raise IngestRefused(report)
    old_subjects = _subjects(writer.query, ctx.source)
    description = _describe(ctx.source, ctx.name, ctx.sha256, _media_type(ctx, source_kind.name), source_kind.name,
                            extraction.text)
    if (graph := extraction.graph) is not None:
        add_name_keys(graph)
        resolution = resolve_actors(graph, writer.query, ctx.source)
        canonical_deliberations(graph)
        report.issues += [Issue("warning", fr, en) for fr, en in resolution.ambiguous]
        graph += description
        _materialise_extraction(graph, ctx.source)
        writer.replace_graph(ctx.source, graph)
        new_subjects = {s for s in graph.subjects() if isinstance(s, URIRef)}
        fault_point("after-replace")
    else:
        data, fmt = extraction.rdf
        observed = _Observed(data, fmt)
        ntriples, blank = observed.materialised(ctx.source)
        if fmt == "ntriples":  # one load for the file and what it implies, read in turn (no copy of the file)
            data, ntriples = [data, b"\n", ntriples], b""
        try:
            writer.replace_graph(ctx.source, data, fmt)
        except RdfSyntaxError as exc:
            raise InputError(f"RDF invalide : {exc}", line=exc.line, message_en=f"invalid RDF: {exc}") from None
        fault_point("after-replace")
        _materialise_extraction(description, ctx.source)
        writer.add(ctx.source, [*description, *blank])
        if ntriples:
            writer.add_ntriples(ctx.source, ntriples)
        new_subjects = observed.touched() | {ctx.source}
    report.violations = validate(writer.query, ctx.source)
    if strict and any(v.severity == "Violation" for v in report.violations):
        writer.restore(ctx.source)
        report.status = "refused"
        raise IngestRefused(report)
    fault_point("after-validate")
    report.triples = writer.graph_size(ctx.source)
    report.touched = old_subjects | new_subjects
    report.seconds = time.perf_counter() - started
    return report


def ingest_paths(store, paths: Iterable[Path], kind: str | None = None, strict: bool = False,
                 force: bool = False, base: str = DEFAULT_BASE, options: dict | None = None,
                 on_report: Callable[[IngestReport | None, InputError | IngestRefused | None, Path], None]
                 = lambda *a: None,
                 on_publish: Callable[[list[IngestReport]], None] = lambda reports: None,
                 publish_interval: float = 0.0) -> list[IngestReport]:
    """Ingest files one by one under one writer, and publish them to readers.

    Files are published together once ``publish_interval`` seconds have passed since the last publish (0: after
    each file), and at the end: each snapshot, and each search-index update that follows it, then serves many small
    files at once. Readers see every file whole, in its old or its new version, never half. ``on_report`` hears
    of each stored file once readers can see it, ``on_publish`` of the files of each publish (so that the search
    index, which reads the published graph, can follow).

    A file that fails (InputError, IngestRefused) is reported through ``on_report`` at once and leaves its graph
    as it was; the others go on.
    """
    reports: list[IngestReport] = []
    pending: list[tuple[IngestReport, Path]] = []
    with store.writer() as writer:

        def publish() -> None:
            writer.commit()
            fault_point("after-publish")  # published, the search index not yet updated
            for report, path in pending:
                on_report(report, None, path)
            on_publish([report for report, _ in pending])
            pending.clear()

        ensure_vocabularies(writer)
        writer.commit()
        published = time.monotonic()
        for path in paths:
            try:
                ctx = read_source(path, base, options)
                try:
                    report = ingest_file(writer, ctx, kind, strict, force)
                except BaseException:
                    writer.restore(ctx.source)
                    raise
            except (InputError, IngestRefused) as exc:
                on_report(None, exc, path)
                continue
            reports.append(report)
            pending.append((report, path))
            if time.monotonic() - published >= publish_interval:
                publish()
                published = time.monotonic()
        if pending:
            publish()
    return reports
