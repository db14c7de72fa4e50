"""The store contract, run against the three modes: embedded Oxigraph, rdflib memory, remote SPARQL server."""

from __future__ import annotations

import io
import multiprocessing

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from graph.store import QuerySyntaxError, RdfSyntaxError, StoreError, open_store

G1 = URIRef("https://ex.org/source/one")
G2 = URIRef("https://ex.org/source/two")
DATA_ONE = b"""@prefix ex: <https://ex.org/> .
ex:a ex:p "1" ; ex:q ex:b .
ex:b ex:p "2" ."""
DATA_TWO = b'<https://ex.org/c> <https://ex.org/p> "3" .\n'
#: Each store mode given a small document, and the embedded one a document of 5 MiB too, which its engine loads in
#: another way (``bulk_load``, while the block runs); the other modes take any size in one way.
PADDED = [pytest.param(mode, 0, id=f"{mode}-0") for mode in ("oxigraph", "memory", "sparql")] + [
    pytest.param("oxigraph", 5 * 1024 * 1024, id="oxigraph-5242880")]


def _values(store, query="SELECT ?o WHERE { ?s <https://ex.org/p> ?o } ORDER BY ?o"):
    return [str(row[0]) for row in store.query(query)]


def test_a_new_store_is_empty(any_store):
    assert _values(any_store) == []


def test_queries_see_the_union_of_the_named_graphs(any_store):
    with any_store.writer() as w:
        w.replace_graph(G1, DATA_ONE, "turtle")
        w.replace_graph(G2, DATA_TWO, "ntriples")
    assert _values(any_store) == ["1", "2", "3"]


def test_graph_patterns_still_reach_each_source_graph(any_store):
    with any_store.writer() as w:
        w.replace_graph(G1, DATA_ONE, "turtle")
        w.replace_graph(G2, DATA_TWO, "ntriples")
    rows = any_store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
    assert [(str(g), int(n)) for g, n in rows] == [(str(G1), 3), (str(G2), 1)]


@pytest.mark.parametrize("any_store,padding", PADDED, indirect=["any_store"])  # through load, and through bulk_load
def test_a_graph_can_be_given_as_pieces_of_one_document(any_store, padding):
    first = b"".join(b'<https://ex.org/s%d> <https://ex.org/q> "x" .\n' % i for i in range(padding // 40))
    with any_store.writer() as w:
        w.replace_graph(G1, [first, b'<https://ex.org/a> <https://ex.org/p> "1"', b' .\n',
                             b'<https://ex.org/a> <https://ex.org/p> "2" .'], "ntriples")
        assert w.graph_size(G1) == padding // 40 + 2
    assert _values(any_store) == ["1", "2"]


def test_triples_removed_from_one_graph_stay_in_the_others_and_restore_puts_them_back(any_store):
    from rdflib import Literal

    with any_store.writer() as w:
        w.replace_graph(G1, DATA_ONE, "turtle")
        w.replace_graph(G2, DATA_ONE, "turtle")
    gone = [(URIRef("https://ex.org/a"), URIRef("https://ex.org/p"), Literal("1")),
            (URIRef("https://ex.org/z"), URIRef("https://ex.org/p"), Literal("9"))]  # not there: ignored
    with any_store.writer() as w:
        w.remove(G1, gone)
        assert w.graph_size(G1) == 2 and w.graph_size(G2) == 3
        w.restore(G1)
        assert w.graph_size(G1) == 3
        w.remove(G1, gone[:1])
    rows = any_store.query("SELECT ?g ?o WHERE { GRAPH ?g { ?s <https://ex.org/p> ?o } } ORDER BY ?g ?o")
    assert [(str(g), str(o)) for g, o in rows] == [(str(G1), "2"), (str(G2), "1"), (str(G2), "2")]


def test_replacing_a_graph_leaves_only_the_new_version(any_store):
    with any_store.writer() as w:
        w.replace_graph(G1, DATA_ONE, "turtle")
    with any_store.writer() as w:
        w.replace_graph(G1, DATA_TWO, "ntriples")
    assert _values(any_store) == ["3"]


def test_replacing_a_graph_with_the_same_data_twice_gives_the_same_count(any_store):
    for _ in range(2):
        with any_store.writer() as w:
            w.replace_graph(G1, DATA_ONE, "turtle")
    assert int(next(iter(any_store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))[0]) == 3


def test_a_payload_that_does_not_parse_raises_with_its_line_and_keeps_the_old_graph(any_store):
    with any_store.writer() as w:
        w.replace_graph(G1, DATA_ONE, "turtle")
    with pytest.raises(RdfSyntaxError) as error:
        with any_store.writer() as w:
            w.replace_graph(G1, b'<https://ex.org/a> <https://ex.org/p> "1" .\n<https://ex.org/a> <p> "x ;', "turtle")
    assert error.value.line == 2
    assert _values(any_store) == ["1", "2"]


def test_bindings_pre_bind_query_variables(any_store):
    with any_store.writer() as w:
        w.replace_graph(G1, DATA_ONE, "turtle")
    rows = any_store.query("SELECT ?o WHERE { ?s <https://ex.org/p> ?o }", {"s": URIRef("https://ex.org/b")})
    assert [str(r[0]) for r in rows] == ["2"]


def test_a_malformed_query_raises_a_syntax_error(any_store):
    with pytest.raises(QuerySyntaxError):
        any_store.query("SELECT ?s WHERE { ?s ?p }")


def test_ask_and_construct_queries_answer_with_their_kind(any_store):
    with any_store.writer() as w:
        w.replace_graph(G2, DATA_TWO, "ntriples")
    assert any_store.query("ASK { ?s ?p ?o }").boolean is True
    graph = any_store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert graph.kind == "graph"
    expected = Graph().parse(data=DATA_TWO, format="nt")
    assert isomorphic(Graph().parse(data=graph.serialize("ntriples"), format="nt"), expected)


@pytest.mark.parametrize("fmt,marker", [("json", b'"vars"'), ("xml", b"<sparql"), ("csv", b"o\r\n"),
                                        ("tsv", b"?o\n")])
def test_select_results_serialise_in_every_results_format(any_store, fmt, marker):
    with any_store.writer() as w:
        w.replace_graph(G2, DATA_TWO, "ntriples")
    assert marker in any_store.query("SELECT ?o WHERE { ?s ?p ?o }").serialize(fmt)


def test_a_dump_holds_every_named_graph(any_store):
    with any_store.writer() as w:
        w.replace_graph(G1, DATA_ONE, "turtle")
        w.replace_graph(G2, DATA_TWO, "ntriples")
    out = io.BytesIO()
    any_store.dump(out, "nquads")
    dataset = Dataset()
    dataset.parse(data=out.getvalue(), format="nquads")
    assert {str(g.identifier) for g in dataset.graphs() if len(g)} == {str(G1), str(G2)}


@pytest.mark.parametrize("any_store,padding", PADDED, indirect=["any_store"])  # loaded after the block, and during it
def test_replacing_stores_the_document_and_what_the_block_adds(any_store, padding):
    body = _lines(padding // 40) + b'<https://ex.org/a> <https://ex.org/p> "1" .\n'
    with any_store.writer() as w:
        with w.replacing(G1, body, "ntriples") as add:
            add(b'<https://ex.org/a> <https://ex.org/p> "2" .\n')
            add(b"")
        assert w.graph_size(G1) == padding // 40 + 2
    assert _values(any_store) == ["1", "2"]


@pytest.mark.parametrize("any_store,padding", PADDED, indirect=["any_store"])
def test_an_error_in_the_replacing_block_keeps_the_old_graph(any_store, padding):
    with any_store.writer() as w:
        w.replace_graph(G1, DATA_ONE, "turtle")
    with pytest.raises(LookupError):
        with any_store.writer() as w:
            with w.replacing(G1, _lines(padding // 40) + DATA_TWO, "ntriples"):
                raise LookupError("the first pass failed")
    assert _values(any_store) == ["1", "2"]


def test_restore_undoes_the_writers_changes_to_a_graph(any_store):
    with any_store.writer() as w:
        w.replace_graph(G1, DATA_ONE, "turtle")
    with any_store.writer() as w:
        w.replace_graph(G1, DATA_TWO, "ntriples")
        w.restore(G1)
    assert _values(any_store) == ["1", "2"]


def test_restoring_a_graph_the_writer_has_not_changed_opens_no_snapshot(oxi_store, monkeypatch):
    """A file that fails before its graph is written (most do: unreadable, not of its kind) costs no copy back: the
    primary already holds the published version (opening the snapshot to look took ~30 ms a failed file)."""
    with oxi_store.writer() as w:
        w.replace_graph(G1, DATA_ONE, "turtle")
    opened = []
    open_current = oxi_store._open_current
    monkeypatch.setattr(oxi_store, "_open_current", lambda: opened.append(True) or open_current())
    with oxi_store.writer() as w:
        w.expect([G1, G2])  # journaled, as an ingest does the graphs of its next files: not changed yet
        w.restore(G1)
        assert opened == []
        w.replace_graph(G2, DATA_TWO, "ntriples")
        w.restore(G2)
        assert opened == [True]
        w.update("DELETE WHERE { GRAPH ?g { ?s <https://ex.org/p> ?o } }")  # its graphs unknown: each may have changed
        w.restore(G1)
        assert opened == [True, True]
    assert _values(oxi_store) == ["1", "2"]


def test_expecting_graphs_changes_nothing_and_changes_that_follow_are_stored(any_store):
    with any_store.writer() as w:
        w.replace_graph(G1, DATA_ONE, "turtle")
    with any_store.writer() as w:
        w.expect([G1, G2])
        assert (w.graph_size(G1), w.graph_size(G2)) == (3, 0)
        w.replace_graph(G2, DATA_TWO, "ntriples")
    assert _values(any_store) == ["1", "2", "3"]


def test_an_unknown_backend_is_refused():
    with pytest.raises(StoreError, match="unknown store backend"):
        open_store({"store": "postgres"})


# --- embedded store: one writer, readers on snapshots ---------------------------------------------------------


def test_a_reader_keeps_its_snapshot_until_a_write_is_published(tmp_path):
    config = {"store": "oxigraph", "data_dir": str(tmp_path)}
    writer_side, reader_side = open_store(config), open_store(config)
    with writer_side.writer() as w:
        w.replace_graph(G1, DATA_ONE, "turtle")
        assert _values(reader_side) == []  # not yet published
    assert _values(reader_side) == ["1", "2"]


def _hold_lock(config, ready, release):
    store = open_store(config)
    with store.writer():
        ready.set()
        release.wait(10)


def test_a_second_writer_says_who_holds_the_lock(tmp_path):
    config = {"store": "oxigraph", "data_dir": str(tmp_path), "lock_timeout": 0.5}
    ctx = multiprocessing.get_context("spawn")
    ready, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(config, ready, release))
    holder.start()
    try:
        assert ready.wait(20)
        with pytest.raises(StoreError, match=f"en cours d.écriture par le processus {holder.pid}"):
            with open_store(config).writer():
                pass
    finally:
        release.set()
        holder.join(10)


def test_readers_see_whether_a_writer_holds_the_store_even_one_of_another_process(tmp_path):
    config = {"store": "oxigraph", "data_dir": str(tmp_path), "lock_timeout": 0.5}
    reader = open_store(config)
    assert not reader.writing()
    with open_store(config).writer():
        assert reader.writing()
    assert not reader.writing()
    ctx = multiprocessing.get_context("spawn")
    ready, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(config, ready, release))
    holder.start()
    try:
        assert ready.wait(20) and reader.writing()
    finally:
        release.set()
        holder.join(10)
    assert not reader.writing()


def test_a_writer_killed_while_it_held_the_store_is_not_taken_for_one_at_work(tmp_path):
    config = {"store": "oxigraph", "data_dir": str(tmp_path)}
    reader = open_store(config)
    gone = multiprocessing.get_context("spawn").Process(target=int)
    gone.start()
    gone.join(10)
    (tmp_path / "store" / "write.lock.info").write_text('{"pid": %d, "command": "maillage ingest"}' % gone.pid)
    assert not reader.writing()


def test_a_writer_killed_half_way_is_repaired_by_the_next_writer(tmp_path):
    config = {"store": "oxigraph", "data_dir": str(tmp_path)}
    store = open_store(config)
    with store.writer() as w:
        w.replace_graph(G1, DATA_ONE, "turtle")
    # Simulate a writer killed after it cleared the graph and before it finished: journal left behind.
    import pyoxigraph as ox

    primary = ox.Store(str(tmp_path / "store" / "primary"))
    primary.remove_graph(ox.NamedNode(str(G1)))
    primary.add(ox.Quad(ox.NamedNode("https://ex.org/half"), ox.NamedNode("https://ex.org/p"), ox.Literal("x"),
                        ox.NamedNode(str(G1))))
    (tmp_path / "store" / "journal.json").write_text('{"graph": "%s"}' % G1)
    del primary
    with store.writer() as w:
        w.replace_graph(G2, DATA_TWO, "ntriples")
    assert _values(store) == ["1", "2", "3"]
    assert not (tmp_path / "store" / "journal.json").exists()


# -- the embedded store's parallel bulk load of large N-Triples payloads --

def _lines(count: int, template: bytes = b'<https://ex.org/s%d> <https://ex.org/q> "x" .\n') -> bytes:
    return b"".join(template % i for i in range(count))


@pytest.fixture
def in_parts(monkeypatch):
    """Payloads from 64 kB bulk-loaded in parts of 100 kB, two at a time, whatever the machine's cores."""
    from graph import oxiload

    monkeypatch.setattr(oxiload, "BULK_LOAD_BYTES", 64 * 1024)
    monkeypatch.setattr(oxiload, "LOAD_PART_BYTES", 100 * 1024)
    monkeypatch.setattr(oxiload, "PARALLEL_LOADS", 2)
    return oxiload


def test_a_large_document_loaded_in_parts_is_stored_whole(oxi_store, in_parts):
    body = _lines(10_000)
    assert len(body) >= in_parts.BULK_LOAD_BYTES
    with oxi_store.writer() as w:
        w.replace_graph(G1, [body[:1000], body[1000:], b'<https://ex.org/a> <https://ex.org/p> "1" .\n'], "ntriples")
        assert w.graph_size(G1) == 10_001
    assert _values(oxi_store) == ["1"]


def test_a_syntax_error_in_a_later_part_gives_its_line_in_the_whole_document(oxi_store, in_parts):
    with oxi_store.writer() as w:
        w.replace_graph(G1, DATA_ONE, "turtle")
    body = _lines(10_000) + b'<https://ex.org/a> <https://ex.org/p> "unterminated .\n'
    with pytest.raises(RdfSyntaxError) as error:
        with oxi_store.writer() as w:
            w.replace_graph(G1, body, "ntriples")
    assert error.value.line == 10_001
    assert _values(oxi_store) == ["1", "2"]  # the old version, whole


def test_a_large_document_with_blank_nodes_is_loaded_whole(oxi_store, in_parts):
    """Each load names blank nodes afresh: cut in parts, `_:b` at both ends would become two nodes."""
    body = (b'_:b <https://ex.org/p> "1" .\n' + _lines(10_000) + b'_:b <https://ex.org/p> "2" .\n')
    with oxi_store.writer() as w:
        w.replace_graph(G1, body, "ntriples")
    rows = oxi_store.query("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s <https://ex.org/p> ?o }")
    assert int(next(iter(rows))[0]) == 1


@pytest.mark.parametrize("cores, kilobytes, parts", [(2, 90, 1), (2, 250, 3), (4, 90, 3), (4, 450, 5)])
def test_a_document_is_cut_in_parts_of_bounded_size_and_one_per_core_left_to_the_loads(in_parts, monkeypatch,
                                                                                        cores, kilobytes, parts):
    """The ingest keeps one core busy beside the loads; each part costs the engine a merge of its indexes."""
    monkeypatch.setattr(in_parts, "PARALLEL_LOADS", cores)
    body = _lines(kilobytes * 1024 // len(_lines(1)))
    loads = in_parts.Loads(None, None)
    loads.put([body], ox.RdfFormat.N_TRIPLES)
    assert len(loads.parts) == parts
    assert b"".join(bytes(segment) for part, _ in loads.parts for segment in part) == body


def test_parts_are_cut_at_line_ends_even_across_pieces(in_parts):
    pieces = [_lines(10), b'<https://ex.org/a> <https://ex.org/p> "1', b'" .\n', _lines(10)]
    parts = in_parts.split_at_lines(pieces, 3)
    joined = [b"".join(bytes(segment) for segment in part) for part in parts]
    assert b"".join(joined) == b"".join(pieces)
    assert len(parts) == 3 and all(part.endswith(b"\n") for part in joined)


def test_a_large_document_loads_while_the_replacing_block_runs(oxi_store, in_parts, monkeypatch):
    """The block's work and the engine's load overlap: another thread takes a part of the document to load
    before the block ends."""
    import threading

    loading, take = threading.Event(), in_parts.Loads._next

    def watched(loads):
        taken = take(loads)
        if taken is not None and threading.current_thread() is not threading.main_thread():
            loading.set()
        return taken

    monkeypatch.setattr(in_parts.Loads, "_next", watched)
    with oxi_store.writer() as w:
        with w.replacing(G1, _lines(10_000), "ntriples") as add:
            assert loading.wait(10), "no load started while the block ran"
            add(b'<https://ex.org/a> <https://ex.org/p> "1" .\n')
        assert w.graph_size(G1) == 10_001


def test_a_turtle_document_loads_whole_while_the_block_runs_and_gives_its_syntax_error_line(oxi_store, in_parts):
    turtle = b"@prefix ex: <https://ex.org/> .\n" + b"".join(b'ex:s%d ex:q "x" .\n' % i for i in range(5_000))
    with oxi_store.writer() as w:
        with w.replacing(G1, turtle, "turtle") as add:
            add(b'<https://ex.org/a> <https://ex.org/p> "1" .\n')
        assert w.graph_size(G1) == 5_001
    with pytest.raises(RdfSyntaxError) as error:
        with oxi_store.writer() as w:
            with w.replacing(G1, turtle + b'ex:bad ex:p "unterminated .\n', "turtle") as add:
                add(b'<https://ex.org/a> <https://ex.org/p> "2" .\n')
    assert error.value.line == 5_002
    assert _values(oxi_store) == ["1"]


def test_an_engine_error_in_a_loading_thread_is_raised_not_lost(oxi_store, in_parts, monkeypatch):
    """A part that fails for another reason than its syntax (here a full disk) must fail the whole load."""
    import threading

    class Failing:
        def __init__(self, store):
            self.store = store

        def bulk_load(self, data, *args, **kwargs):
            if threading.current_thread() is not threading.main_thread():  # an error the caller cannot see
                raise OSError("No space left on device")
            return self.store.bulk_load(data, *args, **kwargs)

    loads = in_parts.Loads(Failing(ox.Store()), ox.NamedNode(str(G1)))
    loads.put([_lines(10_000)], ox.RdfFormat.N_TRIPLES)
    loads.start(1)
    with pytest.raises(OSError, match="No space left"):
        loads.finish()
