"""Extraction in a second process while the writer stores: the same graphs, reports and errors as without it."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from graph.ingest import scdl_grants
from graph.ingest.base import InputError, SourceContext
from graph.ingest.lookahead import Lookahead, Lookaheads, Prepared, extract, lost, prepare
from graph.ingest.pipeline import _read_ahead, ingest_file, ingest_paths
from graph.store import open_store

FIXTURES = Path(__file__).parent / "fixtures"
FILES = [FIXTURES / "tabular" / "exemple_valide_v2.1.1.csv", FIXTURES / "tabular" / "VilleMTP_MTP_Delibs.csv",
         FIXTURES / "tabular" / "SCDL_MANY_MISSING_MANDATORY.csv", FIXTURES / "deliberations" / "cc-cofinanceurs.txt",
         FIXTURES / "tabular" / "antibes_fixture-errors.csv"]


def ingest(data: Path, files: list[Path], lookahead: bool, **options):
    store = open_store({"store": "oxigraph", "data_dir": str(data), "lock_timeout": 5})
    heard = []
    reports = ingest_paths(store, files, lookahead=lookahead, publish_interval=3600,
                           on_report=lambda report, error, path: heard.append(
                               (path.name, error.issue if isinstance(error, InputError) else None,
                                report and (report.kind, report.status, report.triples, report.issues,
                                            report.stats, report.violations, sorted(report.touched)))),
                           **options)
    quads = sorted(line for line in _dump(store).splitlines() if b"generatedAtTime" not in line)
    store.close()
    return reports, heard, quads


def _dump(store) -> bytes:
    import io

    out = io.BytesIO()
    store.dump(out, "nquads")
    return out.getvalue()


def test_files_extracted_ahead_give_the_same_graphs_and_reports_as_extracted_in_turn(tmp_path):
    _, heard_ahead, quads_ahead = ingest(tmp_path / "ahead", FILES, lookahead=True)
    _, heard, quads = ingest(tmp_path / "in-turn", FILES, lookahead=False)
    assert (heard_ahead, quads_ahead) == (heard, quads)
    assert sorted(name for name, issue, _ in heard if issue is not None) == [
        "SCDL_MANY_MISSING_MANDATORY.csv", "VilleMTP_MTP_Delibs.csv"]


def test_an_input_error_found_ahead_keeps_its_line_and_english_message(tmp_path):
    broken = tmp_path / "broken.csv"
    broken.write_text("titre\nnomAttribuant;montant\nVille;10\n", encoding="utf-8")
    _, heard, _ = ingest(tmp_path / "ahead", [FILES[0], broken], lookahead=True, kind="scdl-subventions")
    _, heard_in_turn, _ = ingest(tmp_path / "in-turn", [FILES[0], broken], lookahead=False, kind="scdl-subventions")
    issue = dict((name, issue) for name, issue, _ in heard)["broken.csv"]
    assert (issue, issue.line, bool(issue.message_en)) == (dict(
        (name, issue) for name, issue, _ in heard_in_turn)["broken.csv"], 2, True)


def test_unchanged_files_are_reported_unchanged_with_the_lookahead(tmp_path):
    ingest(tmp_path / "data", [FILES[0], FILES[3]], lookahead=True)
    reports, _, _ = ingest(tmp_path / "data", [FILES[0], FILES[3]], lookahead=True)
    assert [r.status for r in reports] == ["unchanged", "unchanged"]


class PanicException(BaseException):
    """What pyo3 raises when a library's Rust code panics: no Exception."""


@pytest.mark.parametrize("lookahead", [True, False])
@pytest.mark.parametrize("error", [ZeroDivisionError, PanicException])
def test_a_bug_met_extracting_a_file_is_that_files_error_and_the_others_go_on(tmp_path, monkeypatch, lookahead,
                                                                              error):
    def boom(*args, **kwargs):
        raise error("bug")

    monkeypatch.setattr(scdl_grants, "read_table", boom)  # before the fork: the lookahead process has it too
    reports, heard, _ = ingest(tmp_path / "data", [FILES[0], FILES[3]], lookahead=lookahead)
    (name, issue, _), stored = heard
    assert name == FILES[0].name and issue.level == "error"
    assert issue.message == (f"erreur interne de Maillage en lisant ce fichier ({error.__name__}: bug) ; "
                             "merci de la signaler avec le fichier")
    assert issue.message_en.startswith(f"internal error of Maillage while reading this file ({error.__name__}: bug)")
    assert stored[0] == FILES[3].name and [r.status for r in reports] == ["stored"]
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data"), "lock_timeout": 5})
    graphs = {g.value for g in store.engine.named_graphs()}
    store.close()
    assert not any(g.endswith("exemple_valide_v2-1-1-csv") for g in graphs)
    assert any(g.endswith("cc-cofinanceurs-txt") for g in graphs)


@pytest.mark.parametrize("lookahead", [True, False])
def test_a_legacy_xls_cut_short_is_its_files_error_and_the_files_around_it_are_stored(tmp_path, lookahead):
    xls = FIXTURES / "tabular" / "grants_header_row3.xls"
    cut = tmp_path / "cut.xls"
    cut.write_bytes(xls.read_bytes()[:4096])
    reports, heard, _ = ingest(tmp_path / "data", [FILES[0], cut, FILES[3]], lookahead=lookahead)
    assert {name: issue and issue.message for name, issue, _ in heard} == {
        FILES[0].name: None, FILES[3].name: None,
        "cut.xls": "classeur illisible : fichier .xls tronqué ou endommagé (il renvoie au-delà de ses 4096 octets)"}
    assert [r.status for r in reports] == ["stored", "stored"]


@pytest.mark.parametrize("error", [KeyError, PanicException])
def test_a_bug_met_detecting_a_files_kind_is_that_files_error(monkeypatch, error):
    def boom(*args, **kwargs):
        raise error("bug")

    monkeypatch.setattr(scdl_grants, "peek_keys", boom)
    prepared = prepare(SourceContext(FILES[0], FILES[0].read_bytes()), None)
    with pytest.raises(InputError, match=rf"erreur interne de Maillage en lisant ce fichier \({error.__name__}: "):
        prepared.result()


def test_when_the_lookahead_process_dies_the_writer_extracts_the_file_itself(oxi_store):
    ctx = SourceContext(FILES[0], FILES[0].read_bytes())
    ahead = Lookahead()
    os.kill(ahead._process.pid, signal.SIGKILL)
    ahead._process.join()
    ahead.send(ctx, None)
    prepared = ahead.receive()
    ahead.close()
    with oxi_store.writer() as writer:
        report = ingest_file(writer, ctx, prepared=prepared)
    assert (lost(prepared), report.status, report.stats["grants"]) == (True, "stored", 29)


def test_the_lookahead_process_ends_when_closed():
    ahead = Lookahead()
    ahead.send(SourceContext(FILES[0], FILES[0].read_bytes()), None)
    assert ahead.receive().extraction.stats["grants"] == 29
    ahead.close()
    assert ahead._process.exitcode == 0


def test_an_rdf_file_is_left_to_the_writer():
    assert prepare(SourceContext(Path("a.ttl"), b"<x:a> <x:b> <x:c> ."), None) == Prepared("rdf")


def test_terms_sent_between_the_processes_come_back_equal_with_their_values():
    import datetime as dt
    import pickle
    from decimal import Decimal

    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, XSD

    from graph.ingest.lookahead import dumps

    terms = [URIRef("https://ex.org/a"), Literal("Pôle", lang="fr"), Literal(Decimal("1000.50")),
             Literal(dt.date(2024, 3, 1)), Literal("12", datatype=XSD.integer), Literal("x", datatype=XSD.integer),
             Literal("<b>gras</b>", datatype=RDF.HTML)]

    def state(term):
        if not isinstance(term, Literal):
            return type(term), term
        value = term.value if term.datatype != RDF.HTML else None  # a DOM fragment, equal to itself only
        return type(term), term, value, term.ill_typed

    assert list(map(state, pickle.loads(dumps(terms)))) == list(map(state, terms))


def test_rows_the_table_reader_refuses_are_in_the_files_report_whichever_kind_read_the_table():
    ctx = SourceContext(Path("grants.csv"), b"nomAttribuant,nomBeneficiaire,montant\nVille,A,1500\nVille,B,1234,56\n")
    extraction = extract(ctx, "scdl-subventions").result()
    assert [(i.level, i.line, i.message[:27]) for i in extraction.issues] == [
        ("error", 3, "4 cellules pour 3 colonnes ")]
    assert (extraction.stats["rows_read"], extraction.stats["rows_rejected"], extraction.stats["grants"]) == (2, 1, 1)


def test_a_table_whose_every_row_is_rejected_is_refused_ahead_as_in_turn(tmp_path):
    rejected = tmp_path / "rna.csv"
    rejected.write_text("id;id_ex;siret;gestion;date_creat;titre;objet;adrs_codeinsee;position\n"
                        "W061000102;;;061P;2014-06-17;;objet;06004;A\n", encoding="utf-8")
    _, heard, quads = ingest(tmp_path / "ahead", [rejected, FILES[0]], lookahead=True)
    _, heard_in_turn, quads_in_turn = ingest(tmp_path / "in-turn", [rejected, FILES[0]], lookahead=False)
    assert (heard, quads) == (heard_in_turn, quads_in_turn)
    name, issue, _ = heard[0]
    assert (name, issue.message, issue.message_en) == ("rna.csv", "aucune ligne valide sur 1 : ligne 2 (titre) : "
                                                       "association sans titre", "no valid row out of 1: line 2 "
                                                                                 "(titre): association without a title")


class _Ahead:
    """A stand-in for the lookahead processes that notes what the writer asks of them."""

    def __init__(self, processes: int):
        self.processes, self.in_flight, self.events = processes, [], []

    @property
    def free(self) -> bool:
        return len(self.in_flight) < self.processes

    def send(self, ctx, kind):
        self.in_flight.append(ctx.path.name)
        self.events.append(f"send {ctx.path.name}")

    def receive(self):
        name = self.in_flight.pop(0)
        self.events.append(f"receive {name}")
        return Prepared(name)


def _read_ahead_events(tmp_path, sizes: dict[str, int], processes: int) -> list[str]:
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"x" * size)
    ahead = _Ahead(processes)
    for path, _, prepared in _read_ahead([tmp_path / name for name in sizes], "https://ex.org/", None, None, ahead,
                                         lambda ctx: len(ctx.data) < 100):
        ahead.events.append(f"store {path.name}" + (f" ({prepared.kind})" if prepared else ""))
    return ahead.events


def test_two_processes_extract_the_next_two_files_while_the_writer_stores(tmp_path):
    assert _read_ahead_events(tmp_path, {"a": 1, "b": 1, "c": 1}, processes=2) == [
        "send a", "send b", "receive a", "send c", "store a (a)", "receive b", "store b (b)", "receive c",
        "store c (c)"]


def test_a_file_left_to_the_writer_is_the_only_one_read_beyond_those_extracted_ahead(tmp_path):
    # "big" is not worth sending: no file after it is read until the writer reaches it.
    assert _read_ahead_events(tmp_path, {"a": 1, "big": 200, "c": 1, "d": 1}, processes=2) == [
        "send a", "receive a", "store a (a)", "send c", "send d", "store big", "receive c", "store c (c)",
        "receive d", "store d (d)"]


def test_the_lookahead_processes_answer_in_the_order_the_files_were_sent():
    files = [FILES[3], FILES[0], FILES[3]]
    with Lookaheads(2) as ahead:
        answers = []
        for path in files:
            if not ahead.free:
                answers.append(ahead.receive())
            ahead.send(SourceContext(path, path.read_bytes()), None)
        answers += [ahead.receive(), ahead.receive()]
    assert [prepared.kind for prepared in answers] == ["deliberation", "scdl-subventions", "deliberation"]
    assert all(process._process.exitcode == 0 for process in ahead.processes)


def test_when_one_of_the_lookahead_processes_dies_only_its_files_come_back_lost():
    with Lookaheads(2) as ahead:
        os.kill(ahead.processes[0]._process.pid, signal.SIGKILL)
        ahead.processes[0]._process.join()
        for path in FILES[:2]:
            ahead.send(SourceContext(path, path.read_bytes()), None)
        first, second = ahead.receive(), ahead.receive()
    assert (lost(first), lost(second), second.kind) == (True, False, "scdl-deliberations")


_FORK_PROBE = """
import sys
from pathlib import Path
from graph.ingest import KIND_MODULES, pipeline

class Forked(Exception):
    pass

def lookaheads():
    raise Forked(sorted(m for m in KIND_MODULES.values() if m in sys.modules))

pipeline.Lookaheads = lookaheads
try:
    pipeline.ingest_paths(None, [Path(p) for p in sys.argv[1:]])
except Forked as forked:
    print(*forked.args[0])
"""


@pytest.mark.parametrize("names, imported", [(["a.csv", "b.ttl"], "all"), (["a.ttl", "b.nt"], "none")])
def test_the_kinds_are_imported_before_the_lookahead_processes_fork_unless_every_file_is_rdf(names, imported):
    import subprocess
    import sys

    from graph.ingest import KIND_MODULES

    out = subprocess.run([sys.executable, "-c", _FORK_PROBE, *names], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).parent.parent).stdout.split()
    assert out == (sorted(KIND_MODULES.values()) if imported == "all" else [])
