"""Restore a dump made by ``maillage export --format trig|nquads``: each source graph goes back as it was.

A plain RDF file lands whole in its own named graph (:mod:`graph.ingest.rdf`). A Maillage dump is different: its
named graphs *are* sources — each graph describes itself as ``mai:Source`` (title, sha256, date), as the pipeline
wrote it — so restoring it graph by graph gives back the dataset that was exported, isomorphic graph for graph
(``tests/test_backup.py``). The ingest pipeline asks :func:`is_dump` of each RDF file and, when it answers True,
hands the file to :func:`restore_dump` instead of storing it as one graph.

Backup: ``maillage export --format trig -o backup.trig`` (the whole dataset, every named graph, readers never
blocked: the dump reads the published snapshot). Restore: ``maillage --data NEW ingest backup.trig``.

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

from graph.actor_names import one_name_each
from graph.formats import Format, rdf_format, rdf_format_for_path
from graph.ingest.sources import stored_sha256
from graph.namespaces import DCTERMS, MAI
from graph.ontology import VOCABULARY_FILES
from graph.store import PARSE_BASE, RdfSyntaxError

_SOURCE = ox.NamedNode(str(MAI.Source))
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_SHA256, _TITLE = ox.NamedNode(str(MAI.sha256)), ox.NamedNode(str(DCTERMS.title))
_MARK = str(MAI.Source).encode()


@dataclass
class RestoreStats:
    """What a restore did: graphs and triples restored, triples of the default graph left out, IRIs touched, and the
    titles of the stored sources it replaced by another content (another file of the same name, or another version)."""

    graphs: int = 0
    triples: int = 0
    skipped_default: int = 0
    touched: set[str] = field(default_factory=set)
    replaced: list[str] = field(default_factory=list)
    #: the graphs left out that are neither a source nor a shipped vocabulary: no ``maillage remove`` would name them
    foreign: list[str] = field(default_factory=list)


def dump_format(path: str | PurePath, data: bytes) -> Format | None:
    """The quads format of a dump (``.trig``, ``.nq``), or None for any other file."""
    fmt = rdf_format_for_path(path)
    if fmt is not None and fmt.name in ("trig", "nquads"):
        return fmt
    return None


def is_dump(data: bytes, path: str | PurePath) -> bool:
    """Whether a file looks like a Maillage dump: a TriG or N-Quads file that names ``mai:Source``.

    Cheap (no parsing); :func:`restore_dump` then checks that some graph really describes itself as a source.
    """
    return dump_format(path, data) is not None and _MARK in data


def restore_dump(writer, data: bytes, fmt: str | Format) -> RestoreStats:
    """Replace, through ``writer``, every named graph of the dump ``data`` by its version in the dump.

    Raises RdfSyntaxError when the dump does not parse (nothing is changed then) and ValueError when no graph of
    it describes itself as a ``mai:Source`` (then it is not a dump: ingest it as a plain RDF file). On any failure
    half-way, the graphs already restored are put back as readers see them.
    """
    fmt = fmt if isinstance(fmt, Format) else rdf_format(fmt)
    stats = RestoreStats()
    with tempfile.TemporaryDirectory(prefix="maillage-restore-") as tmp:
        dump = ox.Store(tmp)  # on disk: a dump of millions of quads does not have to fit in memory
        try:
            dump.bulk_load(data, fmt.engine, base_iri=PARSE_BASE)
        except SyntaxError as exc:
            raise RdfSyntaxError(exc.msg, exc.lineno, exc.offset) from None
        graphs = sorted((g for g in dump.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)
        if not any(ox.Quad(g, _TYPE, _SOURCE, g) in dump for g in graphs):
            raise ValueError("no graph of this file describes itself as a mai:Source: not a Maillage dump")
        stats.skipped_default = sum(1 for _ in dump.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        done: list[str] = []
        vocabularies = set(VOCABULARY_FILES.values())
        # sources that the dump does not hold: an actor it names may be named by them too, and their ranking holds
        others = {str(g) for (g,) in writer.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g a <{MAI.Source}> }} }}")}
        others -= vocabularies | {g.value for g in graphs}
        try:
            for graph in graphs:
                if graph.value not in vocabularies and ox.Quad(graph, _TYPE, _SOURCE, graph) not in dump:
                    stats.foreign.append(graph.value)
                    continue
                if (title := _replaced_title(writer, dump, graph)) is not None:
                    stats.replaced.append(title)
                stats.touched |= {str(s) for s in _subjects(writer, graph.value)}
                triples = [ox.Triple(q.subject, q.predicate, q.object)
                           for q in dump.quads_for_pattern(None, None, None, graph)]
                done.append(graph.value)
                writer.replace_graph(graph.value, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), "ntriples")
                stats.graphs += 1
                stats.triples += len(triples)
                stats.touched |= {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)}
            if others:  # restored into a store of other sources: one display name per actor, as an ingest gives
                one_name_each(writer, stats.touched)
        except BaseException:
            for name in done:
                writer.restore(name)
            raise
        del dump
    return stats


def _replaced_title(writer, dump: ox.Store, graph: ox.NamedNode) -> str | None:
    """The title of the source stored as ``graph`` when the dump's version of it has another sha256 (None when it
    is not stored, has the same content, or is no source): what restoring it withdraws."""
    stored = stored_sha256(writer.query, URIRef(graph.value))
    shas = [q.object.value for q in dump.quads_for_pattern(graph, _SHA256, None, graph)]
    if stored is None or not shas or stored in shas:
        return None
    titles = [q.object.value for q in dump.quads_for_pattern(graph, _TITLE, None, graph)]
    return titles[0] if titles else graph.value


def _subjects(writer, graph: str) -> set[URIRef]:
    rows = writer.query("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s)) }", {"g": URIRef(graph)})
    return {row[0] for row in rows}


def replaced_issue(title: str):
    """The warning of a source that a dump replaced by another content: a backup restored over newer files, or the
    export of another Maillage whose files bear the same names as this one's."""
    from graph.ingest.base import Issue

    return Issue("warning", f"remplace la source « {title} » déjà importée (un autre contenu) par sa version de "
                            "cette sauvegarde : ce qu'elle disait est retiré ; si ce fichier est l'export d'un autre "
                            "Maillage, réimportez votre fichier, et importez plutôt les fichiers de l'autre sous "
                            "d'autres noms (--name)",
                 f"replaces the source '{title}' already ingested (other content) by its version in this backup: what "
                 "it said is withdrawn; if this file is another Maillage's export, ingest your file again, and rather "
                 "ingest the other's files under other names (--name)")


def _restore_issues(stats: RestoreStats) -> list:
    """The warnings of a dump that holds what no Maillage export does, left out: triples outside any named graph,
    graphs that describe no source (stored, no ``maillage remove`` could withdraw them)."""
    from graph.ingest.base import Issue

    issues = []
    if count := stats.skipped_default:
        s, them, them_en = ("s", "les", "them") if count > 1 else ("", "le", "it")
        issues.append(Issue("warning", f"{count} triplet{s} hors de tout graphe nommé écarté{s} : une sauvegarde de "
                                       f"Maillage n'en a pas ; importez-{them} depuis un fichier à part",
                            f"{count} triple{s} outside any named graph left out: a Maillage backup has none; ingest "
                            f"{them_en} from a file of their own"))
    if foreign := stats.foreign:
        shown = ", ".join(f"<{g}>" for g in foreign[:3]) + (", …" if len(foreign) > 3 else "")
        s, them, its = ("s", "les", "leurs") if len(foreign) > 1 else ("", "le", "ses")
        issues.append(Issue("warning", f"graphe{s} {shown} sans description de source (mai:Source) écarté{s} : "
                                       f"« maillage remove » ne pourrait pas {them} retirer ; importez {its} triplets "
                                       "depuis un fichier à part",
                            f"graph{s} {shown} without a source description (mai:Source) left out: 'maillage "
                            "remove' could not withdraw them; ingest their triples from a file of their own"))
    return issues


def restore_report(writer, ctx, started: float):
    """Restore the dump ``ctx`` through ``writer`` and describe it as an ingest report (None: not a dump).

    This is the pipeline's hook: ``ingest_file`` calls it for RDF files that :func:`is_dump` recognises.
    """
    import time

    from graph.ingest.pipeline import IngestReport

    try:
        stats = restore_dump(writer, ctx.data, dump_format(ctx.path, ctx.data))
    except ValueError as exc:
        if isinstance(exc, RdfSyntaxError):
            from graph.ingest.base import InputError

            from graph.parse_errors import invalid_rdf

            said, said_en = invalid_rdf(str(exc), exc.line)
            raise InputError(said, line=exc.line, message_en=said_en) from None
        return None
    report = IngestReport(file=ctx.name, kind="backup", source=None, triples=stats.triples, touched=stats.touched,
                          stats={"graphs": stats.graphs, "default_graph_triples_skipped": stats.skipped_default})
    report.issues = [replaced_issue(title) for title in stats.replaced] + _restore_issues(stats)
    report.seconds = time.perf_counter() - started
    return report
