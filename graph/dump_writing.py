"""Write a dump (``maillage export --format trig|nquads``, :func:`write_dump`): every graph of the store, opened by
:data:`graph.dump_check.COUNTS_GRAPH`, which states what the dump holds, counted on the dump itself. A restore
(:mod:`graph.backup`) checks a dump against it.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path, PurePath

import pyoxigraph as ox
from rdflib.namespace import VOID, XSD

from graph.dump_check import COUNTS_NODE, RDF_TYPE, TITLE, VOID_TRIPLES
from graph.formats import Format, rdf_format
from graph.namespaces import DCTERMS
from graph.store import PARSE_BASE, RdfSyntaxError

_SUBSET, _DATASET = (ox.NamedNode(str(term)) for term in (VOID.subset, VOID.Dataset))
_INTEGER = ox.NamedNode(str(XSD.integer))
_PREFIXES = {"void": str(VOID), "dcterms": str(DCTERMS)}
#: The stores whose dump writes each of their quads once, as a store holds it: counted as it is parsed
#: (:func:`_tally`). Reading an export's dump back into a store, as a restore does, took longer than the dump (84k
#: quads: 0.57 s of CPU after the dump's 0.44 s; the parse takes 0.11 s). Another store's dump is counted as a restore
#: loads it (:func:`_held_once`): the remote store's is what a SPARQL server answers, which no standard binds to write
#: each quad once, nor each term as Oxigraph holds it (``"007"^^xsd:integer`` and ``"7"^^xsd:integer`` are one).
_SET_DUMPS = ("oxigraph", "memory")
#: The quads that :func:`_held_once` puts in a scratch store at a time: a batch of 2,000 held 5 MB at most, of 10,000
#: 18 MB, of 50,000 60 MB, for no time saved (300,000 quads counted in 5.6 s by 2,000, 7.8 s by 10,000, on a loaded
#: machine).
_HELD_BATCH = 2_000
#: How the directory where a dump spools its body is named, followed by its process id and a dash: an export killed
#: (``kill -9``) leaves it behind, and the next export to that directory removes it once that process is gone
#: (:mod:`webapp.cli_export`).
SPOOL_PREFIX = ".maillage-export-"


def write_dump(store, out, fmt: str | Format, spool_dir: str | PurePath | None = None) -> tuple[int, int]:
    """Write every graph of ``store`` to the binary stream ``out`` in a quads format (``trig``, ``nquads``), opened
    by :data:`graph.dump_check.COUNTS_GRAPH`: the triples of the whole dump and of each graph, in VoID, and each
    graph's title (what a restore names when the graph is missing). Returns the quads and the graphs written, that
    one included.

    The counts are those of the dump itself, not of a query beside it (another ingest may publish in between): the
    store's dump is written to a temporary file in ``spool_dir`` (the output's directory: a dump may not fit in a
    small temporary directory; None: the system's), in a directory named by :data:`SPOOL_PREFIX`, counted as it is
    read back in one streaming parse (:func:`_tally`), then copied after its counts. Raises RdfSyntaxError when the
    store's dump does not parse (a restore could not read it).
    """
    fmt = fmt if isinstance(fmt, Format) else rdf_format(fmt)
    with tempfile.TemporaryDirectory(prefix=f"{SPOOL_PREFIX}{os.getpid()}-", dir=spool_dir) as tmp:
        body = Path(tmp) / f"dump.{fmt.extensions[0]}"
        with open(body, "wb") as spool:
            store.dump(spool, fmt.name)
        counts, titles, total = _tally(body, fmt, None if store.name in _SET_DUMPS else Path(tmp) / "held.sqlite")
        statement = _statement(counts, titles, total)
        ox.serialize(statement, out, fmt.engine, prefixes=_PREFIXES)
        with open(body, "rb") as spool:
            _copy_whole(spool, out)
    return total + len(statement), len(counts) + 1


def _copy_whole(source, out) -> None:
    """Copy the binary file ``source`` to ``out`` whole, or raise: a write to a pipe that its reader closes writes
    a part and says so only by its count (the next raises BrokenPipeError), and an export to the standard output
    whose reader was gone said that it had written the whole dump, exit 0 (``shutil.copyfileobj`` ignores the
    count)."""
    while chunk := source.read(1 << 20):
        view = memoryview(chunk)
        while view:
            written = out.write(view)
            view = view[len(view) if written is None else written:]  # None: a stream that does not count


def _tally(path: Path, fmt: Format, held: Path | None = None) -> tuple[dict[str, int], dict[str, str], int]:
    """The triples of each named graph of the dump at ``path``, the title each gives itself (the least, when it gives
    several) and the triples of the whole, in one streaming parse: the counts that a restore finds once it has loaded
    it. A dump of a store of :data:`_SET_DUMPS` writes each quad once; another's is counted as a restore holds it,
    each quad once (:func:`_held_once`, which keeps the quads seen in an SQLite file at ``held``). Raises
    RdfSyntaxError when it does not parse."""
    counts: Counter[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = Counter()
    titles: dict[str, str] = {}
    try:
        quads = ox.parse(path=str(path), format=fmt.engine, base_iri=PARSE_BASE)
        for quad in quads if held is None else _held_once(quads, held):
            graph = quad.graph_name
            counts[graph] += 1
            if quad.predicate == TITLE and quad.subject == graph \
                    and quad.object.value < titles.get(graph.value, "\U0010ffff"):
                titles[graph.value] = quad.object.value
    except SyntaxError as exc:
        raise RdfSyntaxError(exc.msg, exc.lineno, exc.offset) from None
    return {g.value: n for g, n in counts.items() if isinstance(g, ox.NamedNode)}, titles, sum(counts.values())


def _held_once(quads: Iterator[ox.Quad], path: Path) -> Iterator[ox.Quad]:
    """Each of ``quads`` as an Oxigraph store holds it, once, as a restore loads them
    (:func:`graph.dump_check.load_dump`): a store writes a literal of a type that it knows in its canonical form
    (``"007"^^xsd:integer`` as ``"7"``, ``"1.0E0"^^xsd:double`` as ``"1"``) and holds a quad once. Each batch of
    :data:`_HELD_BATCH` quads goes through a scratch store in memory, which writes them so; the quads already seen are
    kept on disk, in an SQLite table at ``path``.

    Read back into a store on disk as a restore reads it (a bulk load holds what it loads), a dump of 300,000 quads
    took ``maillage export`` to 273 MB; so, to 55 MB. The count of a dump of 1,000,000 quads took 5 MB beyond what
    the dump itself had taken, against 820 MB read back. Each quad seen is kept as a 16-byte digest of its text
    (:func:`_digest`), not the text: the table was about the dump's size.
    """
    seen = sqlite3.connect(path, isolation_level=None)
    try:
        seen.execute("PRAGMA journal_mode = OFF")  # a scratch table, dropped with the spool
        seen.execute("CREATE TABLE seen (digest BLOB PRIMARY KEY) WITHOUT ROWID")
        seen.execute("BEGIN")
        while batch := list(itertools.islice(quads, _HELD_BATCH)):
            scratch = ox.Store()
            scratch.extend(batch)
            for quad in scratch:
                if seen.execute("INSERT OR IGNORE INTO seen VALUES (?)", (_digest(quad),)).rowcount:
                    yield quad
    finally:
        seen.close()


def _digest(quad: ox.Quad) -> bytes:
    """A 128-bit BLAKE2b digest of ``quad``'s N-Quads text: two quads of a dump share one with a probability of
    about n² / 2¹²⁹ (10⁻²⁰ for a billion quads), far below a disk's error rate.

    >>> q = ox.Quad(ox.NamedNode("https://ex.org/a"), ox.NamedNode("https://ex.org/p"), ox.Literal("1"))
    >>> len(_digest(q)), _digest(q) == _digest(ox.Quad(q.subject, q.predicate, ox.Literal("1")))
    (16, True)
    """
    return hashlib.blake2b(str(quad).encode(), digest_size=16).digest()


def _statement(counts: dict[str, int], titles: dict[str, str], total: int) -> list[ox.Quad]:
    """The quads of :data:`COUNTS_GRAPH`: the dump a ``void:Dataset`` of ``total`` triples, and each graph a subset
    of its ``counts``, with its title."""
    def number(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=_INTEGER)

    graphs = [ox.NamedNode(name) for name in sorted(counts)]
    quads = [ox.Quad(COUNTS_NODE, RDF_TYPE, _DATASET, COUNTS_NODE),
             ox.Quad(COUNTS_NODE, VOID_TRIPLES, number(total), COUNTS_NODE)]
    quads += [ox.Quad(COUNTS_NODE, _SUBSET, graph, COUNTS_NODE) for graph in graphs]
    for graph in graphs:
        quads.append(ox.Quad(graph, VOID_TRIPLES, number(counts[graph.value]), COUNTS_NODE))
        if graph.value in titles:
            quads.append(ox.Quad(graph, TITLE, ox.Literal(titles[graph.value]), COUNTS_NODE))
    return quads
