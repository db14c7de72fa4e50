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

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from graph.identity import add_name_keys, canonical_deliberations, resolve_actors, siren_of
from graph.ingest import detect_kind, get_kind
from graph.ingest.base import Extraction, InputError, Issue, SourceContext, new_graph
from graph.namespaces import DEFAULT_BASE, MAI, SCHEMA
from graph.ontology import read_vocabulary, superclasses, vocabulary_files
from graph.backup import is_dump, restore_report
from graph.formats import rdf_format_for_path
from graph.store import RdfSyntaxError, fault_point
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
    """Add to an extraction what :func:`_materialise` adds in the store: superclass types, ``prov:wasDerivedFrom``
    and the SIREN of actors known only by a SIRET — in Python, before the one write (an extraction is indexed by
    subject already, a SPARQL update would scan the stored graph)."""
    supers = superclasses()
    for subject, _, cls in list(graph.triples((None, RDF.type, None))):
        for sup in supers.get(cls, ()):
            graph.add((subject, RDF.type, sup))
        if isinstance(subject, URIRef) and subject != source:
            graph.add((subject, PROV.wasDerivedFrom, source))
    for subject, _, siret in list(graph.triples((None, MAI.siret, None))):
        if graph.value(subject, MAI.siren) is None and siren_of(str(siret)):
            graph.add((subject, MAI.siren, Literal(siren_of(str(siret)))))


def _materialise(writer, graph: URIRef, source: URIRef) -> None:
    """Add, inside ``graph``, the superclass types of its resources, their ``prov:wasDerivedFrom`` source, and the
    SIREN of actors known only by a SIRET.

    Superclass types are materialised once here rather than inferred at query time (OWL-RL inference did not
    finish at 10k actors, DESIGN.md). For RDF files the work runs inside the engine as SPARQL updates: done in
    Python on rdflib terms, it took 14 s for 200k triples against 3 s this way. The IRIs written into the updates
    are the source IRI that we minted and the ontology's own classes.
    """
    pairs = " ".join(f"(<{sub}> <{sup}>)" for sub, sups in sorted(superclasses().items()) for sup in sorted(sups))
    g = f"<{graph}>"
    writer.update(f"INSERT {{ GRAPH {g} {{ ?s a ?super }} }} WHERE {{ VALUES (?sub ?super) {{ {pairs} }} "
                  f"GRAPH {g} {{ ?s a ?sub }} }}")
    writer.update(f"INSERT {{ GRAPH {g} {{ ?s <{PROV.wasDerivedFrom}> <{source}> }} }} WHERE {{ "
                  f"SELECT DISTINCT ?s WHERE {{ GRAPH {g} {{ ?s a ?t }} FILTER(isIRI(?s) && ?s != <{source}>) }} }}")
    added = new_graph()
    for subject, siret in writer.query(_SIRET_ONLY, {"g": graph}):
        if siren_of(str(siret)):
            added.add((subject, MAI.siren, Literal(siren_of(str(siret)))))
    writer.add(graph, added)


#: Actors with a SIRET but no SIREN (RDF files): the SIREN is derived, so that identity lookups find them.
_SIRET_ONLY = (f"SELECT ?s ?siret WHERE {{ GRAPH ?g {{ ?s <{MAI.siret}> ?siret "
               f"FILTER NOT EXISTS {{ ?s <{MAI.siren}> ?any }} }} }}")


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
        try:
            writer.replace_graph(ctx.source, data, fmt)
        except RdfSyntaxError as exc:
            raise InputError(f"RDF invalide : {exc}", line=exc.line, message_en=f"invalid RDF: {exc}") from None
        fault_point("after-replace")
        writer.add(ctx.source, description)
        _materialise(writer, ctx.source, ctx.source)
        new_subjects = _subjects(writer.query, ctx.source)
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
                 = lambda *a: None) -> list[IngestReport]:
    """Ingest files one by one under one writer, each published as soon as it is stored; ``on_report`` hears of
    each once readers can see it (so that the search index, which reads the published graph, can follow).

    A file that fails (InputError, IngestRefused) is reported through ``on_report`` and leaves the store as it
    was; the others go on.
    """
    reports = []
    with store.writer() as writer:
        ensure_vocabularies(writer)
        writer.commit()
        for path in paths:
            try:
                ctx = read_source(path, base, options)
                try:
                    report = ingest_file(writer, ctx, kind, strict, force)
                except BaseException:
                    writer.restore(ctx.source)
                    raise
                writer.commit()
            except (InputError, IngestRefused) as exc:
                on_report(None, exc, path)
                continue
            fault_point("after-publish")  # published, the search index not yet updated
            reports.append(report)
            on_report(report, None, path)
    return reports
