"""Write a dump (``maillage export --format trig|nquads``) that says what it holds, and restore it: each source graph
goes back as it was.

A plain RDF file lands whole in its own named graph (:mod:`graph.ingest.rdf`). A Maillage dump is different: its
named graphs *are* sources — each graph describes itself as ``mai:Source`` (title, sha256, date), as the pipeline
wrote it — so restoring it graph by graph gives back the dataset that was exported, isomorphic graph for graph
(``tests/test_backup.py``). The ingest pipeline asks :func:`is_dump` of each RDF file and, when it answers True,
hands the file to :func:`restore_dump` instead of storing it as one graph.

A dump is a file anyone can edit, and its graphs name themselves: a graph is only trusted where the store has nothing
to say against it. One the store lacks is restored, one of another sha256 replaces the stored source with a warning
(the next ingest of the file re-reads it: the sha256 differs), and one of the sha256 stored but of other content is
left out with a warning: the stored graph is what that very file gave here, and restoring the other under the same
sha256 would have the next ingest of the file answer "unchanged" over it (``tests/test_backup_tampered.py``). The
report names the sources restored: they are removed by those names, not by the dump's (:func:`dump_sources` tells
``maillage remove`` which they are). The records of the sources removed before the export (a graph that describes
no source, :mod:`graph.ingest.removal_records`) are added to the store's.

A dump is also a file that a copy can cut short: a graph cut after its closing ``}``, or at a line's end, still
parses. So :func:`graph.dump_writing.write_dump` opens it with a graph of its own, :data:`COUNTS_GRAPH`, that
states in VoID the triples of the whole dump and of each graph (and each graph's title), and the restore refuses,
changing nothing, a dump whose content is not what it states, naming what is missing (:class:`IncompleteDump`). A
dump written before it had one still restores, with a note that it could not be checked.

Backup: ``maillage export --format trig -o backup.trig`` (the whole dataset, every named graph, readers never
blocked: the dump reads the published snapshot). Restore: ``maillage --data NEW ingest backup.trig``.

This module restores a dump and tells the ingest pipeline which files are dumps; :mod:`graph.dump_writing` writes
one, :mod:`graph.dump_check` checks that it is whole, and :mod:`graph.restore_issues` words what a restore did.

>>> from graph.store import open_store
>>> dump = (b'<https://ex.org/s> { <https://ex.org/s> a <https://w3id.org/maillage/ontology#Source> . '
...         b'<https://ex.org/a> <https://ex.org/p> "1" . }')
>>> is_dump(dump, "backup.trig")
True
>>> store = open_store({"store": "memory"})
>>> with store.writer() as w:
...     restore_dump(w, dump, "trig").graphs
1
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import PurePath

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import PROV

from graph.actor_names import one_name_each
from graph.dump_check import (COUNTS_GRAPH, COUNTS_NODE, RDF_TYPE, TITLE, IncompleteDump, check_whole, load_dump,
                              named_graphs)
from graph.formats import Format, rdf_format, rdf_format_for_path
from graph.ingest.sources import stored_sha256, stored_title
from graph.namespaces import MAI
from graph.ontology import VOCABULARY_FILES
from graph.restore_issues import (kept_issue, left_out_issues, other_version_issue, replaced_issue, restored_issue,
                                  unchecked_issue)
from graph.store import RdfSyntaxError

_SOURCE = ox.NamedNode(str(MAI.Source))
_REMOVED = ox.NamedNode(str(MAI.RemovedSource))
_SHA256 = ox.NamedNode(str(MAI.sha256))
_GENERATED = ox.NamedNode(str(PROV.generatedAtTime))
_MARK = str(MAI.Source).encode()
_CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


@dataclass
class RestoreStats:
    """What a restore did: graphs and triples restored, triples of the default graph left out, IRIs touched, the
    titles of the sources it restored (the shipped vocabularies aside), of the stored ones among them that it replaced
    by another content (another file of the same name, or another version), and of the stored ones that it kept
    (the dump's graph bore their sha256 but said something else)."""

    graphs: int = 0
    triples: int = 0
    skipped_default: int = 0
    touched: set[str] = field(default_factory=set)
    restored: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    #: the graphs left out that are neither a source nor a shipped vocabulary: no ``maillage remove`` would name them
    foreign: list[str] = field(default_factory=list)
    #: whether the dump stated what it holds (:data:`COUNTS_GRAPH`), and so was checked whole: not one written before
    checked: bool = True
    #: the shipped vocabularies of the dump written by another version of Maillage: this version's are kept
    other_versions: list[str] = field(default_factory=list)


def dump_format(path: str | PurePath, data: bytes) -> Format | None:
    """The quads format of a dump (``.trig``, ``.nq``), or None for any other file."""
    fmt = rdf_format_for_path(path)
    if fmt is not None and fmt.name in ("trig", "nquads"):
        return fmt
    return None


def is_dump(data: bytes, path: str | PurePath) -> bool:
    """Whether a file looks like a Maillage dump: a TriG or N-Quads file that names ``mai:Source``, or the graph
    that states a dump's counts (a dump cut short in it or right after it is refused, not stored as one graph).

    Cheap (no parsing); :func:`restore_dump` then checks that some graph really describes itself as a source.
    """
    return dump_format(path, data) is not None and (_MARK in data or COUNTS_GRAPH.encode() in data)


def restore_dump(writer, data: bytes, fmt: str | Format) -> RestoreStats:
    """Replace, through ``writer``, every named graph of the dump ``data`` by its version in the dump, but those
    stored with the sha256 that the dump states and another content (:func:`_verdict`): they are kept.

    Raises RdfSyntaxError when the dump does not parse, IncompleteDump when it is not what it states
    (:func:`check_whole`; nothing is changed then either) and ValueError when no graph of it describes itself as a
    ``mai:Source`` and it states nothing (then it is not a dump: ingest it as a plain RDF file). On any failure
    half-way, the graphs already restored are put back as readers see them.
    """
    fmt = fmt if isinstance(fmt, Format) else rdf_format(fmt)
    stats = RestoreStats()
    with tempfile.TemporaryDirectory(prefix="maillage-restore-") as tmp:
        dump = load_dump(tmp, fmt, data)
        stats.checked = check_whole(dump)
        graphs = [graph for graph in named_graphs(dump) if graph != COUNTS_NODE]
        if not stats.checked and not any(ox.Quad(g, RDF_TYPE, _SOURCE, g) in dump for g in graphs):
            raise ValueError("no graph of this file describes itself as a mai:Source: not a Maillage dump")
        stats.skipped_default = sum(1 for _ in dump.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        done: list[str] = []
        vocabularies = set(VOCABULARY_FILES.values())
        others = _other_sources(writer, graphs, vocabularies)
        try:
            for graph in graphs:
                _restore_graph(writer, dump, graph, vocabularies, stats, done)
            if others:  # restored into a store of other sources: one display name per actor, as an ingest gives
                one_name_each(writer, stats.touched)
        except BaseException:
            for name in done:
                writer.restore(name)
            raise
        del dump
    return stats


def _other_sources(writer, graphs: list[ox.NamedNode], vocabularies: set[str]) -> set[str]:
    """The sources stored that the dump does not hold: an actor it names may be named by them too, and their ranking
    holds."""
    others = {str(g) for (g,) in writer.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a <{MAI.Source}> }} }}")}
    return others - (vocabularies | {g.value for g in graphs})


def _restore_graph(writer, dump: ox.Store, graph: ox.NamedNode, vocabularies: set[str], stats: RestoreStats,
                   done: list[str]) -> None:
    """Restore the dump's ``graph`` through ``writer``, but when the store keeps its own version (:func:`_verdict`)
    or it is a shipped vocabulary of another version; a graph that is no source adds the removals it records. Its
    name goes to ``done`` before it is written, so that a failure puts it back too."""
    if graph.value not in vocabularies and ox.Quad(graph, RDF_TYPE, _SOURCE, graph) not in dump:
        if _merge_removals(writer, dump, graph, stats):
            done.append(graph.value)
        else:
            stats.foreign.append(graph.value)
        return
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in dump.quads_for_pattern(None, None, None, graph)]
    verdict, title = _verdict(writer, dump, graph, triples), _title(dump, graph)
    if verdict == "keeps":
        stats.kept.append(stored_title(writer.query, URIRef(graph.value)) or title)
        return
    if verdict == "replaces" and graph.value in vocabularies:  # the program's, not the data's
        stats.other_versions.append(title)
        return
    if verdict == "replaces":
        stats.replaced.append(title)
    if graph.value not in vocabularies:
        stats.restored.append(title)
    stats.touched |= {str(s) for s in _subjects(writer, graph.value)}
    done.append(graph.value)
    writer.replace_graph(graph.value, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), "ntriples")
    stats.graphs += 1
    stats.triples += len(triples)
    stats.touched |= {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)}


def _merge_removals(writer, dump: ox.Store, graph: ox.NamedNode, stats: RestoreStats) -> bool:
    """Add to the store, through ``writer``, the records of removed sources that the dump's ``graph`` keeps
    (:mod:`graph.ingest.removal_records`), to those the store keeps: each tells a removal that happened, here or in
    the exported store. False, nothing added, when ``graph`` keeps none."""
    if next(dump.quads_for_pattern(None, RDF_TYPE, _REMOVED, graph), None) is None:
        return False
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in dump.quads_for_pattern(None, None, None, graph)]
    writer.add_ntriples(graph.value, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    stats.graphs += 1
    stats.triples += len(triples)
    return True


def _verdict(writer, dump: ox.Store, graph: ox.NamedNode, triples: list[ox.Triple]) -> str:
    """What restoring ``graph`` (its ``triples`` in the dump) does: ``new`` (the store holds no such graph),
    ``replaces`` (a stored graph of another content: another sha256, or none), ``same`` (the stored content,
    :func:`_same_content`) or ``keeps`` (a stored source of the sha256 that the dump states, of another content: the
    dump's version is left out).

    A shipped vocabulary that the dump ``replaces`` is another version of Maillage's (the ingest stored this
    version's first, :func:`graph.ingest.pipeline_storage.ensure_vocabularies`): :func:`restore_dump` leaves it out,
    for restoring it would put an outdated ontology under this program, and warn of data withdrawn where none is."""
    stored = stored_sha256(writer.query, URIRef(graph.value))
    if stored is None and not writer.graph_size(graph.value):
        return "new"
    if stored is not None and stored not in _shas(dump, graph):
        return "replaces"
    if _same_content(writer, graph, triples):
        return "same"
    return "replaces" if stored is None else "keeps"


def _shas(dump: ox.Store, graph: ox.NamedNode) -> set[str]:
    return {q.object.value for q in dump.quads_for_pattern(graph, _SHA256, None, graph)}


def _same_content(writer, graph: ox.NamedNode, triples: list[ox.Triple]) -> bool:
    """Whether the stored ``graph`` holds ``triples``, blank nodes compared up to their names and the date of ingest
    (the source's ``prov:generatedAtTime``) aside: the same file ingested in two stores differs in it."""
    stored = writer.query(_CONSTRUCT, {"g": URIRef(graph.value)}).serialize("ntriples")
    ours = _content(ox.parse(stored, format=ox.RdfFormat.N_TRIPLES), graph)
    theirs = _content(triples, graph)
    if ours[0] != theirs[0]:
        return False
    for blank in (ours[1], theirs[1]):
        blank.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return ours[1] == theirs[1]


def _content(triples, graph: ox.NamedNode) -> tuple[set[ox.Quad], ox.Dataset]:
    """``triples`` (or quads, taken as default-graph quads) without the source's date: those without blank nodes,
    and those with, to canonicalise."""
    ground, blank = set(), ox.Dataset()
    for q in triples:
        if q.subject == graph and q.predicate == _GENERATED:
            continue
        quad = ox.Quad(q.subject, q.predicate, q.object)
        (blank if any(isinstance(t, (ox.BlankNode, ox.Triple)) for t in (q.subject, q.object)) else ground).add(quad)
    return ground, blank


def _title(dump: ox.Store, graph: ox.NamedNode) -> str:
    """The file name that the dump gives the source ``graph`` (its IRI when it gives none)."""
    titles = sorted(q.object.value for q in dump.quads_for_pattern(graph, TITLE, None, graph))
    return titles[0] if titles else graph.value


def dump_sources(writer, path: str | PurePath) -> tuple[list[str], list[str]] | None:
    """The sources of the dump at ``path`` that the store holds (the shipped vocabularies aside): the IRIs of those
    it holds as the dump gives them (restored by it, or the same anyway), and of those it holds otherwise (None
    when ``path`` is no dump, or does not parse). For ``maillage remove`` given the dump's name: what to remove
    instead, and what not to take for the dump's."""
    if (fmt := dump_format(path, b"")) is None:
        return None
    same: list[str] = []
    other: list[str] = []
    with tempfile.TemporaryDirectory(prefix="maillage-dump-") as tmp:
        try:
            dump = load_dump(tmp, fmt, path=str(path))
        except (OSError, RdfSyntaxError):
            return None
        vocabularies = set(VOCABULARY_FILES.values())
        sources = [g for g in named_graphs(dump)
                   if ox.Quad(g, RDF_TYPE, _SOURCE, g) in dump and g.value not in vocabularies]
        for graph in sources:
            if stored_sha256(writer.query, URIRef(graph.value)) is not None:
                triples = [ox.Triple(q.subject, q.predicate, q.object)
                           for q in dump.quads_for_pattern(None, None, None, graph)]
                (same if _same_content(writer, graph, triples) else other).append(graph.value)
        del dump
    return (same, other) if sources else None


def _subjects(writer, graph: str) -> set[URIRef]:
    rows = writer.query("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s)) }", {"g": URIRef(graph)})
    return {row[0] for row in rows}


def restore_report(writer, ctx, started: float):
    """Restore the dump ``ctx`` through ``writer`` and describe it as an ingest report (None: not a dump).

    This is the pipeline's hook: ``ingest_file`` calls it for RDF files that :func:`is_dump` recognises.
    """
    import time

    from graph.ingest.pipeline import IngestReport

    try:
        stats = restore_dump(writer, ctx.data, dump_format(ctx.path, ctx.data))
    except IncompleteDump as exc:
        from graph.ingest.base import InputError

        raise InputError(exc.message, message_en=exc.message_en) from None
    except ValueError as exc:
        if isinstance(exc, RdfSyntaxError):
            from graph.ingest.base import InputError

            from graph.parse_errors import invalid_rdf

            said, said_en = invalid_rdf(str(exc), exc.line)
            raise InputError(said, line=exc.line, message_en=said_en) from None
        return None
    report = IngestReport(file=ctx.name, kind="backup", source=None, triples=stats.triples, touched=stats.touched,
                          stats={"graphs": stats.graphs, "default_graph_triples_skipped": stats.skipped_default})
    report.issues = [replaced_issue(title) for title in stats.replaced] + [kept_issue(t) for t in stats.kept]
    report.issues += left_out_issues(stats) + [unchecked_issue()] * (not stats.checked)
    report.issues += [other_version_issue(title) for title in stats.other_versions]
    report.issues += [issue for issue in [restored_issue(stats)] if issue is not None]
    report.seconds = time.perf_counter() - started
    return report
