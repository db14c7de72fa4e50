"""How the ingest pipeline (:mod:`graph.ingest.pipeline`) stores a file: the shipped vocabularies, each in its
graph; a file's description as a ``mai:Source``; what an extractor made of it, its actors resolved against the
store, with the superclass types, provenance and SIRENs it implies; an RDF file, loaded by the engine's parser while
its first pass reads what it implies; and the labels that a better-ranked source's name outranks, demoted.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from graph.formats import rdf_format_for_path
from graph.identity import siren_of
from graph.ingest.base import InputError, Issue, SourceContext, new_graph
from graph.ingest.pipeline_reports import IngestReport
from graph.ingest.reader_versions import reader_version
from graph.ingest.rdf_checks import others_hold_identifiers, rdf_file_issues
from graph.ingest.rdf_first_pass import Observed
from graph.ingest.rdf_memberships import membership_periods, unknown_roles
from graph.ingest.rdf_namespaces import BULK_FORMATS, miswritten_namespaces
from graph.ingest.shared_concepts import keep_one_pref_label
from graph.ingest.source_messages import graphs_issue, relative_issue
from graph.ingest.source_report import report_graph
from graph.ingest.sources import stored_sha256
from graph.namespaces import MAI, SCHEMA
from graph.ontology import read_vocabulary, superclasses, vocabulary_files
from graph.parse_errors import rdf_error
from graph.resolution import resolve_actors
from graph.resolution_deliberations import canonical_deliberations
from graph.store import RdfSyntaxError, fault_point, parse_base
from graph.triples import TripleSet, plain_literal


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


def describe_file(ctx: SourceContext, kind: str, text: str | None = None, imported: Literal | None = None
                  ) -> TripleSet:
    """The description of a read file as the source ``ctx.source`` of the kind ``kind``: its name, checksum, media
    type, time of ingest (``imported``: the time its bytes were first imported, when they are read again; see
    :mod:`graph.ingest.source_versions`) and the version of its kind's reader (:mod:`graph.ingest.reader_versions`),
    and the ``text`` its extraction read, if any."""
    return _describe(ctx.source, ctx.name, ctx.sha256, _media_type(ctx, kind), kind, text, imported)


def _describe(source: URIRef, title: str, sha: str, media_type: str, kind: str, text: str | None = None,
              imported: Literal | None = None) -> TripleSet:
    graph = new_graph()
    graph.add((source, RDF.type, MAI.Source))
    graph.add((source, RDF.type, PROV.Entity))
    graph.add((source, DCTERMS.title, Literal(title)))
    graph.add((source, MAI.sha256, Literal(sha)))
    graph.add((source, DCTERMS.format, Literal(media_type)))
    graph.add((source, DCTERMS.type, Literal(kind)))
    if imported is None:
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        imported = Literal(now.isoformat(), datatype=XSD.dateTime)
    graph.add((source, PROV.generatedAtTime, imported))
    if (version := reader_version(kind)) is not None:  # not the shipped vocabularies': their checksum tells
        graph.add((source, MAI.readerVersion, Literal(version, datatype=XSD.integer)))
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


def _materialise_extraction(graph: TripleSet, source: URIRef) -> None:
    """Add to ``graph`` the superclass types of its resources, their ``prov:wasDerivedFrom`` source, and the SIREN
    of actors known only by a SIRET (so that identity lookups find them).

    Superclass types are materialised once here rather than inferred at query time (OWL-RL inference did not
    finish at 10k actors, DESIGN.md). RDF files get the same through
    :class:`graph.ingest.rdf_first_pass.Observed`.
    """
    supers, a, derived_from, siren_p = superclasses(), RDF.type, PROV.wasDerivedFrom, MAI.siren
    add = graph.add  # rdflib makes a new term at each RDF.type or PROV.… (~1 s per 100k actors' extract)
    for subject, _, cls in list(graph.triples((None, a, None))):
        for sup in supers.get(cls, ()):
            add((subject, a, sup))
        if isinstance(subject, URIRef) and subject != source:
            add((subject, derived_from, source))
    for subject, _, siret in list(graph.triples((None, MAI.siret, None))):
        if graph.value(subject, siren_p) is None and (siren := siren_of(str(siret))):
            add((subject, siren_p, plain_literal(siren)))


def store_extraction(writer, ctx: SourceContext, source_kind, graph: TripleSet, description: TripleSet,
                     report: IngestReport, actor_lines: dict | None = None) -> set[str]:
    """Store what an extractor made of a file, its actors resolved against the store, as the file's named graph,
    with its report (:func:`keep_report`); return the subjects it touched. What the stored graph tells beyond the
    file (``check_stored``) goes to ``report``, and is kept with the rest, in the same write. ``actor_lines``: the
    line that names each actor, when the graph does not say it (:attr:`Extraction.actor_lines`)."""
    resolution = resolve_actors(graph, writer.query, ctx.source, source_kind.name, actor_lines)
    outranked = keep_one_pref_label(graph, writer.query, ctx.source, source_kind.name)
    canonical_deliberations(graph)
    report.issues += [Issue("warning", *said) for said in resolution.ambiguous]
    graph += description
    _materialise_extraction(graph, ctx.source)
    writer.replace_graph(ctx.source, graph)
    _demote_labels(writer, resolution.demoted)
    _demote_labels(writer, outranked, SKOS.prefLabel)
    changed: set[str] = set()
    if source_kind.check_stored is not None:
        issues, changed, *counts = source_kind.check_stored(writer, ctx.source)
        report.issues += issues
        report.stored_issues = issues
        report.stats.update(*counts)  # what only the store tells: the grants a register links to goals
    keep_report(writer, ctx, report)
    fault_point("after-replace")
    kept = {str(s) for s in report.kept.subjects() if isinstance(s, URIRef)}
    return {str(s) for s in graph.subjects() if isinstance(s, URIRef)} | changed | kept


def store_rdf(writer, ctx: SourceContext, rdf: tuple[bytes, str], description: TripleSet, strict: bool,
              report: IngestReport) -> tuple[set[str], bool]:
    """Load an RDF file through the engine's parser as the file's named graph, with what its first pass implies
    (materialised types, provenance), the dates of its memberships' periods (:mod:`graph.ingest.rdf_memberships`) and
    its report (:func:`keep_report`); return the subjects it
    touched and whether ``strict`` refuses it (it redefines terms of the vocabulary contract, or uses ``mai:`` terms
    that it does not define)."""
    data, fmt = rdf
    others_identified = others_hold_identifiers(writer.query, ctx.source)  # before the file is in the store
    try:
        # A large file starts loading while the first pass reads what it implies (the store's threads).
        with writer.replacing(ctx.source, data, fmt) as add:
            observed = Observed(data, fmt, parse_base(ctx.source))
            ntriples, blank_updates = observed.materialised(ctx.source)
            add(ntriples)
            relative = relative_issue(observed, ctx.source)  # while the engine's threads load
            named = graphs_issue(observed)
            if fmt in BULK_FORMATS:  # (other formats' are sought by the extractor)
                report.issues += miswritten_namespaces(data, fmt)
    except RdfSyntaxError as exc:
        # as the first pass says it: an RDF/XML error given its line (the engine gives none), the format's words
        said, said_en, line = rdf_error(str(exc), exc.line, data, fmt)
        raise InputError(said, line=line, message_en=said_en) from None
    fault_point("after-replace")
    _materialise_extraction(description, ctx.source)
    writer.add(ctx.source, description)
    for update in blank_updates:
        writer.update(update)
    report.issues += [issue for issue in (relative, named) if issue is not None]
    report.issues += membership_periods(writer, ctx.source, observed)
    report.issues += unknown_roles(writer.query, ctx.source, observed)
    file_issues = rdf_file_issues(writer.query, ctx.source, observed, strict, others_identified)
    report.issues += file_issues
    keep_report(writer, ctx, report)
    touched = observed.touched() | {str(s) for s in report.kept.subjects() if isinstance(s, URIRef)}
    return touched | {str(ctx.source)}, any(i.level == "error" for i in file_issues)


def keep_report(writer, ctx: SourceContext, report: IngestReport) -> None:
    """Keep ``report`` with the source of ``ctx`` (:mod:`graph.ingest.source_report`), in the write that stores the
    file: every warning and error its ingest gave — the replacement's, the reading's, and those the stored graph
    told (``check_stored``) —, so that the source's page and ``mai:warningCount`` say what the ingest said. The
    triples kept are remembered in ``report`` (:attr:`IngestReport.kept`), to be told anew by :func:`keep_anew`."""
    report.keeping = partial(report_graph, ctx.source, ctx.key, base=ctx.base)
    report.kept = report.keeping(report.issues)
    writer.add(ctx.source, report.kept)


def keep_anew(writer, report: IngestReport) -> None:
    """Replace the report kept with the source of ``report`` (:func:`keep_report`) by what ``report.issues`` says
    now: a later file of the batch settled some of its warnings (its kind's ``recheck_stored``), before they are
    published."""
    if report.keeping is None or report.source is None:
        return
    kept = report.keeping(report.issues)
    writer.remove(report.source, report.kept)
    writer.add(report.source, kept)
    report.kept = kept


def _demote_labels(writer, demoted: list[tuple[URIRef, URIRef, Literal]], predicate: URIRef = RDFS.label) -> None:
    """Make alternative labels, in their sources' graphs, the stored labels (``predicate``) that a better-ranked
    source's name of the same resource outranks (:data:`graph.resolution.LABEL_RANKS` for an actor's ``rdfs:label``,
    :mod:`graph.ingest.shared_concepts` for a goal's ``skos:prefLabel``): one display name per resource."""
    by_graph: dict[URIRef, list[tuple[URIRef, Literal]]] = {}
    for where, actor, label in demoted:
        by_graph.setdefault(where, []).append((actor, label))
    for where, labels in by_graph.items():
        writer.remove(where, [(actor, predicate, label) for actor, label in labels])
        alternative = TripleSet()
        for actor, label in labels:
            alternative.add((actor, SKOS.altLabel, label))
        writer.add(where, alternative)



__all__ = ["ensure_vocabularies", "describe_file", "keep_anew", "keep_report", "store_extraction", "store_rdf"]
