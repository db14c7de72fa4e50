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
``maillage remove`` which they are).

A dump is also a file that a copy can cut short: a graph cut after its closing ``}``, or at a line's end, still
parses. So :func:`write_dump` opens it with a graph of its own, :data:`COUNTS_GRAPH`, that states in VoID the triples
of the whole dump and of each graph (and each graph's title), and the restore refuses, changing nothing, a dump whose
content is not what it states, naming what is missing (:class:`IncompleteDump`). A dump written before it had one
still restores, with a note that it could not be checked.

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

import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePath

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import PROV, VOID, XSD

from graph.actor_names import one_name_each
from graph.formats import Format, rdf_format, rdf_format_for_path
from graph.french_text import counted
from graph.ingest.sources import stored_sha256, stored_title
from graph.namespaces import DCTERMS, MAI
from graph.ontology import VOCABULARY_FILES
from graph.store import PARSE_BASE, RdfSyntaxError

_SOURCE = ox.NamedNode(str(MAI.Source))
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_SHA256, _TITLE = ox.NamedNode(str(MAI.sha256)), ox.NamedNode(str(DCTERMS.title))
_GENERATED = ox.NamedNode(str(PROV.generatedAtTime))
_MARK = str(MAI.Source).encode()
_CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
#: The graph that opens a dump and states what it holds (:func:`write_dump`): first, so that a dump cut anywhere
#: after it still says what it lacks.
COUNTS_GRAPH = "urn:maillage:dump"
_COUNTED = ox.NamedNode(COUNTS_GRAPH)
_TRIPLES, _SUBSET, _DATASET = (ox.NamedNode(str(term)) for term in (VOID.triples, VOID.subset, VOID.Dataset))
_INTEGER = ox.NamedNode(str(XSD.integer))
_PREFIXES = {"void": str(VOID), "dcterms": str(DCTERMS)}
_COUNT_GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
#: The stores whose dump writes each of their quads once: counted as it is parsed (:func:`_tally`). Reading an
#: export's dump back into a store, as a restore does, took longer than the dump (84k quads: 0.57 s of CPU after the
#: dump's 0.44 s; the parse takes 0.11 s). Another store's dump is still read back so: the remote store's may write a
#: quad twice (its terms go through rdflib, which writes " 5"^^xsd:integer, kept by an Oxigraph server, as "5"),
#: which a restore counts once.
_SET_DUMPS = ("oxigraph", "memory")
#: The names of sources that a report lists, at most: a backup of a whole store holds hundreds.
NAMES_SHOWN = 10


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


class IncompleteDump(Exception):
    """A dump whose content is not what its :data:`COUNTS_GRAPH` states: cut short, or edited since the export;
    ``message`` in French, ``message_en`` in English, each naming what is missing."""

    def __init__(self, message: str, message_en: str):
        super().__init__(message)
        self.message, self.message_en = message, message_en


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
        dump = _load(tmp, fmt, data)
        stats.checked = check_whole(dump)
        graphs = [graph for graph in _graphs(dump) if graph != _COUNTED]
        if not stats.checked and not any(ox.Quad(g, _TYPE, _SOURCE, g) in dump for g in graphs):
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
                triples = [ox.Triple(q.subject, q.predicate, q.object)
                           for q in dump.quads_for_pattern(None, None, None, graph)]
                verdict, title = _verdict(writer, dump, graph, triples), _title(dump, graph)
                if verdict == "keeps":
                    stats.kept.append(stored_title(writer.query, URIRef(graph.value)) or title)
                    continue
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
            if others:  # restored into a store of other sources: one display name per actor, as an ingest gives
                one_name_each(writer, stats.touched)
        except BaseException:
            for name in done:
                writer.restore(name)
            raise
        del dump
    return stats


def _verdict(writer, dump: ox.Store, graph: ox.NamedNode, triples: list[ox.Triple]) -> str:
    """What restoring ``graph`` (its ``triples`` in the dump) does: ``new`` (the store holds no such graph),
    ``replaces`` (a stored graph of another content: another sha256, or none), ``same`` (the stored content,
    :func:`_same_content`) or ``keeps`` (a stored source of the sha256 that the dump states, of another content: the
    dump's version is left out)."""
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
    titles = sorted(q.object.value for q in dump.quads_for_pattern(graph, _TITLE, None, graph))
    return titles[0] if titles else graph.value


def write_dump(store, out, fmt: str | Format, spool_dir: str | PurePath | None = None) -> tuple[int, int]:
    """Write every graph of ``store`` to the binary stream ``out`` in a quads format (``trig``, ``nquads``), opened
    by :data:`COUNTS_GRAPH`: the triples of the whole dump and of each graph, in VoID, and each graph's title (what
    a restore names when the graph is missing). Returns the quads and the graphs written, that one included.

    The counts are those of the dump itself, not of a query beside it (another ingest may publish in between): the
    store's dump is written to a temporary file in ``spool_dir`` (the output's directory: a dump may not fit in a
    small temporary directory; None: the system's), counted as it is read back in one streaming parse
    (:func:`_tally`), then copied after its counts. Raises RdfSyntaxError when the store's dump does not parse (a
    restore could not read it).
    """
    fmt = fmt if isinstance(fmt, Format) else rdf_format(fmt)
    with tempfile.TemporaryDirectory(prefix=".maillage-export-", dir=spool_dir) as tmp:
        body = Path(tmp) / f"dump.{fmt.extensions[0]}"
        with open(body, "wb") as spool:
            store.dump(spool, fmt.name)
        if store.name in _SET_DUMPS:
            counts, titles, total = _tally(body, fmt)
        else:
            read = _load(str(Path(tmp) / "read"), fmt, path=str(body))
            counts, titles, total = _counts(read), _titles(read), len(read)
            del read
        statement = _statement(counts, titles, total)
        ox.serialize(statement, out, fmt.engine, prefixes=_PREFIXES)
        with open(body, "rb") as spool:
            shutil.copyfileobj(spool, out, 1 << 20)
    return total + len(statement), len(counts) + 1


def _tally(path: Path, fmt: Format) -> tuple[dict[str, int], dict[str, str], int]:
    """The triples of each named graph of the dump at ``path``, the title each gives itself (:func:`_titles`) and the
    triples of the whole, in one streaming parse: a dump of a store of :data:`_SET_DUMPS` writes each quad once, so
    these are the counts that a restore finds once it has loaded it. Raises RdfSyntaxError when it does not parse."""
    counts: Counter[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = Counter()
    titles: dict[str, str] = {}
    try:
        for quad in ox.parse(path=str(path), format=fmt.engine, base_iri=PARSE_BASE):
            graph = quad.graph_name
            counts[graph] += 1
            if quad.predicate == _TITLE and quad.subject == graph \
                    and quad.object.value < titles.get(graph.value, "\U0010ffff"):
                titles[graph.value] = quad.object.value
    except SyntaxError as exc:
        raise RdfSyntaxError(exc.msg, exc.lineno, exc.offset) from None
    return {g.value: n for g, n in counts.items() if isinstance(g, ox.NamedNode)}, titles, sum(counts.values())


def _counts(dump: ox.Store) -> dict[str, int]:
    """The triples of each named graph of ``dump``."""
    return {row["g"].value: int(row["n"].value) for row in dump.query(_COUNT_GRAPHS)
            if isinstance(row["g"], ox.NamedNode)}


def _titles(dump: ox.Store) -> dict[str, str]:
    """The title that each graph of ``dump`` gives itself (the least, when it gives several)."""
    titles: dict[str, str] = {}
    for quad in dump.quads_for_pattern(None, _TITLE, None, None):
        if quad.subject == quad.graph_name and quad.object.value < titles.get(quad.subject.value, "\U0010ffff"):
            titles[quad.subject.value] = quad.object.value
    return titles


def _statement(counts: dict[str, int], titles: dict[str, str], total: int) -> list[ox.Quad]:
    """The quads of :data:`COUNTS_GRAPH`: the dump a ``void:Dataset`` of ``total`` triples, and each graph a subset
    of its ``counts``, with its title."""
    def number(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=_INTEGER)

    graphs = [ox.NamedNode(name) for name in sorted(counts)]
    quads = [ox.Quad(_COUNTED, _TYPE, _DATASET, _COUNTED), ox.Quad(_COUNTED, _TRIPLES, number(total), _COUNTED)]
    quads += [ox.Quad(_COUNTED, _SUBSET, graph, _COUNTED) for graph in graphs]
    for graph in graphs:
        quads.append(ox.Quad(graph, _TRIPLES, number(counts[graph.value]), _COUNTED))
        if graph.value in titles:
            quads.append(ox.Quad(graph, _TITLE, ox.Literal(titles[graph.value]), _COUNTED))
    return quads


def check_whole(dump: ox.Store) -> bool:
    """Whether the loaded ``dump`` states what it holds (:data:`COUNTS_GRAPH`; a dump written before does not).

    Raises IncompleteDump, naming the graphs missing, those of another size and those not stated, when its graphs
    or its triples are not those it states: a file cut short, or edited since the export.
    """
    stated = {q.subject.value: q.object.value for q in dump.quads_for_pattern(None, _TRIPLES, None, _COUNTED)}
    if not stated:
        return False
    total = stated.pop(COUNTS_GRAPH, None)
    counts = _counts(dump)
    counts.pop(COUNTS_GRAPH, None)
    titles = {q.subject.value: q.object.value for q in dump.quads_for_pattern(None, _TITLE, None, _COUNTED)}
    missing = [titles.get(name, f"<{name}>") for name in sorted(stated) if name not in counts]
    other = [(titles.get(name, f"<{name}>"), counts[name], said) for name, said in sorted(stated.items())
             if name in counts and str(counts[name]) != said]
    unstated = [f"<{name}>" for name in sorted(counts) if name not in stated]
    found = len(dump) - sum(1 for _ in dump.quads_for_pattern(None, None, None, _COUNTED))
    if missing or other or unstated or str(found) != total:
        raise IncompleteDump(*_shortfall(missing, other, unstated, (found, total)))
    return True


def _shortfall(missing: list[str], other: list[tuple[str, int, str]], unstated: list[str],
               total: tuple[int, str | None]) -> tuple[str, str]:
    """Why a dump is refused, in French and in English: what it lacks, or holds otherwise, against what it states."""
    def names(items: list[str], more: str) -> str:
        return ", ".join(items[:NAMES_SHOWN]) + (f" {more.format(n=len(items) - NAMES_SHOWN)}"
                                                 if len(items) > NAMES_SHOWN else "")

    fr, en = [], []
    if missing:
        s = "s" if len(missing) > 1 else ""
        fr.append(f"{len(missing)} graphe{s} manquant{s} : {names(missing, 'et {n} autres')}")
        en.append(f"{len(missing)} graph{s} missing: {names(missing, 'and {n} more')}")
    for name, found, said in other[:NAMES_SHOWN]:
        fr.append(f"« {name} » : {counted(found, 'triplet')} au lieu de {said}")
        en.append(f"'{name}': {counted(found, 'triple', lang='en')} instead of {said}")
    if len(other) > NAMES_SHOWN:
        fr.append(f"{len(other) - NAMES_SHOWN} autres graphes d'un autre nombre de triplets")
        en.append(f"{len(other) - NAMES_SHOWN} more graphs of another number of triples")
    if unstated:
        s = "s" if len(unstated) > 1 else ""
        fr.append(f"{len(unstated)} graphe{s} que le décompte ne nomme pas : {names(unstated, 'et {n} autres')}")
        en.append(f"{len(unstated)} graph{s} that the counts do not name: {names(unstated, 'and {n} more')}")
    if not fr:  # the graphs as stated, not the whole: triples outside any graph
        fr.append(f"{counted(total[0], 'triplet')} en tout au lieu de {total[1]}")
        en.append(f"{counted(total[0], 'triple', lang='en')} in all instead of {total[1]}")
    return ("sauvegarde incomplète ou modifiée depuis l'export : " + " ; ".join(fr) + " — elle ne contient pas ce "
            f"que son décompte (graphe <{COUNTS_GRAPH}>) annonce : fichier coupé (copie interrompue, disque plein) "
            "ou modifié ; reprenez une copie complète (ou, pour restaurer tout de même ce qu'elle contient, "
            "retirez-en ce graphe)",
            "backup incomplete or edited since the export: " + "; ".join(en) + f" — it does not hold what its "
            f"counts (graph <{COUNTS_GRAPH}>) state: the file was cut short (a copy interrupted, a disk full) or "
            "edited; take a whole copy (or, to restore what it holds all the same, remove that graph from it)")


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
            dump = _load(tmp, fmt, path=str(path))
        except (OSError, RdfSyntaxError):
            return None
        vocabularies = set(VOCABULARY_FILES.values())
        sources = [g for g in _graphs(dump) if ox.Quad(g, _TYPE, _SOURCE, g) in dump and g.value not in vocabularies]
        for graph in sources:
            if stored_sha256(writer.query, URIRef(graph.value)) is not None:
                triples = [ox.Triple(q.subject, q.predicate, q.object)
                           for q in dump.quads_for_pattern(None, None, None, graph)]
                (same if _same_content(writer, graph, triples) else other).append(graph.value)
        del dump
    return (same, other) if sources else None


def _load(directory: str, fmt: Format, data: bytes | None = None, path: str | None = None) -> ox.Store:
    """A store in ``directory`` that holds the dump ``data`` (or the file at ``path``): on disk, a dump of millions
    of quads does not have to fit in memory. Raises RdfSyntaxError when it does not parse."""
    dump = ox.Store(directory)
    try:
        dump.bulk_load(data, fmt.engine, path=path, base_iri=PARSE_BASE)
    except SyntaxError as exc:
        raise RdfSyntaxError(exc.msg, exc.lineno, exc.offset) from None
    return dump


def _graphs(dump: ox.Store) -> list[ox.NamedNode]:
    return sorted((g for g in dump.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)


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


def kept_issue(title: str):
    """The warning of a stored source that a dump's graph of the same sha256 contradicted: left out."""
    from graph.ingest.base import Issue

    fr = (f"la source « {title} » est déjà importée du même fichier (même empreinte sha256), mais cette "
          "sauvegarde en donne un autre contenu (modifié après l'export, ou venu d'un autre Maillage) : la version "
          "enregistrée est gardée, celle de la sauvegarde écartée")
    en = (f"the source '{title}' is already ingested from the same file (same sha256 digest), but this backup gives "
          "another content for it (edited after the export, or from another Maillage): the stored version is kept, "
          "the backup's left out")
    if title not in VOCABULARY_FILES:
        fr += f" ; pour prendre celle-ci, retirez d'abord la source (maillage remove {title}) puis importez de nouveau"
        en += f"; to take it, remove the source first (maillage remove {title}) and ingest again"
    return Issue("warning", fr, en)


def unchecked_issue():
    """The note of a dump that states no counts (written before the export stated them, or edited): restored as it
    is, for nothing tells whether it is whole."""
    from graph.ingest.base import Issue

    return Issue("Info", "cette sauvegarde ne dit pas ce qu'elle contient (écrite par une version antérieure de "
                         "Maillage, ou modifiée) : rien ne permet de vérifier qu'elle est complète, ses graphes sont "
                         "repris tels quels ; « maillage export » en écrit une qui se vérifie",
                 "this backup does not state what it holds (written by an earlier Maillage, or edited): nothing "
                 "tells whether it is whole, its graphs are taken as they are; 'maillage export' writes one that "
                 "is checked")


def restored_issue(stats: RestoreStats):
    """The note that names the sources a dump restored: ``maillage remove`` knows them by those names, not by the
    dump's (None when it restored none)."""
    from graph.ingest.base import Issue

    if not (titles := stats.restored):
        return None
    shown = ", ".join(titles[:NAMES_SHOWN])
    more, more_en = (f" et {len(titles) - NAMES_SHOWN} autres", f" and {len(titles) - NAMES_SHOWN} more") \
        if len(titles) > NAMES_SHOWN else ("", "")
    s, them, them_en, names = ("s", "les", "them", "names") if len(titles) > 1 else ("", "la", "it", "name")
    return Issue("Info", f"{len(titles)} source{s} restaurée{s} par cette sauvegarde : {shown}{more} ; « maillage "
                         f"remove » {them} retire par ce{s} nom{s}, pas par celui de la sauvegarde",
                 f"{len(titles)} source{s} restored by this backup: {shown}{more_en}; 'maillage remove' withdraws "
                 f"{them_en} by {'these' if s else 'this'} {names}, not by the backup's")


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
    report.issues += _restore_issues(stats) + [unchecked_issue()] * (not stats.checked)
    report.issues += [issue for issue in [restored_issue(stats)] if issue is not None]
    report.seconds = time.perf_counter() - started
    return report
