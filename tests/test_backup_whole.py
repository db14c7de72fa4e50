"""A dump says what it holds, and a restore checks it: ``maillage export`` opens the dump with a graph that states, in
VoID, the triples of the whole and of each graph; a dump cut short (at a line's end, after a graph's closing ``}``)
or edited since is refused, naming what is missing, and changes nothing. A dump written before restores unchecked,
and says so.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.backup import restore_dump
from graph.dump_check import COUNTS_GRAPH, IncompleteDump
from graph.dump_writing import write_dump
from graph.store import open_store
from webapp.cli import main

REGISTER = "https://w3id.org/maillage/id/source/ptce-registre-yaml"
DELIBERATION = "https://w3id.org/maillage/id/source/saint-etienne-metropole-2024-00240-danaecare-txt"
SOURCE = "https://w3id.org/maillage/ontology#Source"


def cli(data: Path, *args: str, code: int = 0):
    result = CliRunner().invoke(main, ["--data", str(data), *args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def export(data: Path, path: Path, fmt: str) -> Path:
    cli(data, "export", "--format", fmt, "-o", str(path))
    return path


def sources(data: Path) -> list[str]:
    if not (data / "store").exists():
        return []
    store = open_store({"store": "oxigraph", "data_dir": str(data)})
    rows = store.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ ?g a <{SOURCE}> }} }} ORDER BY ?g")
    return [str(row[0]) for row in rows if "/source/" in str(row[0])]


def said(result, tmp_path: Path) -> str:
    return result.stderr.replace(str(tmp_path) + "/", "")


def test_an_n_quads_dump_cut_at_a_line_end_is_refused_naming_what_it_lacks_and_changes_nothing(demo_data, tmp_path):
    lines = export(demo_data, tmp_path / "full.nq", "nquads").read_text(encoding="utf-8").splitlines(keepends=True)
    last = max(i for i, line in enumerate(lines) if line.rstrip().endswith(f"<{REGISTER}> ."))
    (tmp_path / "cut.nq").write_text("".join(lines[:last]), encoding="utf-8")  # the register's last triple lost
    result = said(cli(tmp_path / "new", "ingest", "--no-index", str(tmp_path / "cut.nq"), code=1), tmp_path)
    assert "cut.nq: erreur : sauvegarde incomplète ou modifiée depuis l'export : " in result, result
    assert "« ptce-registre.yaml » : " in result and " — rien n'a été enregistré" in result
    assert "graphe <urn:maillage:dump>" in result
    assert sources(tmp_path / "new") == []


def test_a_trig_dump_cut_after_a_graphs_closing_brace_is_refused_naming_the_graphs_missing(demo_data, tmp_path):
    text = export(demo_data, tmp_path / "full.trig", "trig").read_text(encoding="utf-8")
    start = text.index(f"<{DELIBERATION}> {{")
    (tmp_path / "cut.trig").write_text(text[:start], encoding="utf-8")  # a TriG file that parses, one source less
    result = said(cli(tmp_path / "new", "ingest", "--no-index", str(tmp_path / "cut.trig"), code=1), tmp_path)
    assert "graphe manquant : saint-etienne-metropole-2024-00240-danaecare.txt" in result \
        or "graphes manquants : " in result and "saint-etienne-metropole-2024-00240-danaecare.txt" in result, result
    assert sources(tmp_path / "new") == []


def test_a_refused_dump_is_said_in_english_with_the_lang_setting(demo_data, tmp_path, monkeypatch):
    text = export(demo_data, tmp_path / "full.trig", "trig").read_text(encoding="utf-8")
    (tmp_path / "cut.trig").write_text(text[:text.index(f"<{DELIBERATION}> {{")], encoding="utf-8")
    monkeypatch.setenv("MAILLAGE_LANG", "en")
    result = said(cli(tmp_path / "new", "ingest", "--no-index", str(tmp_path / "cut.trig"), code=1), tmp_path)
    assert "cut.trig: error: backup incomplete or edited since the export: " in result, result
    assert "missing: " in result and "saint-etienne-metropole-2024-00240-danaecare.txt" in result


def test_a_dump_refused_over_a_store_leaves_its_sources_as_they_were(demo_data, tmp_path):
    before = export(demo_data, tmp_path / "before.nq", "nquads").read_bytes()
    lines = before.decode().splitlines(keepends=True)
    edited = [line.replace('"ptce-registre.yaml"', '"autre.yaml"') for line in lines[:-1]]  # a line lost, an edit
    (tmp_path / "edited.nq").write_text("".join(edited), encoding="utf-8")
    cli(demo_data, "ingest", "--no-index", str(tmp_path / "edited.nq"), code=1)
    assert export(demo_data, tmp_path / "after.nq", "nquads").read_bytes() == before


def test_a_dump_with_a_graph_added_since_the_export_is_refused_naming_it(demo_data, tmp_path):
    dump = export(demo_data, tmp_path / "full.nq", "nquads")
    added = f'<{REGISTER}-copie> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{SOURCE}> <{REGISTER}-copie> .\n'
    (tmp_path / "plus.nq").write_text(dump.read_text(encoding="utf-8") + added, encoding="utf-8")
    result = said(cli(tmp_path / "new", "ingest", "--no-index", str(tmp_path / "plus.nq"), code=1), tmp_path)
    assert f"1 graphe que le décompte ne nomme pas : <{REGISTER}-copie>" in result, result


def test_a_dump_written_before_it_stated_its_counts_restores_with_a_note_that_it_was_not_checked(demo_data, tmp_path):
    lines = export(demo_data, tmp_path / "full.nq", "nquads").read_text(encoding="utf-8").splitlines(keepends=True)
    old = [line for line in lines if not line.rstrip().endswith(f"<{COUNTS_GRAPH}> .")]
    (tmp_path / "ancienne.nq").write_text("".join(old), encoding="utf-8")
    result = said(cli(tmp_path / "new", "ingest", "--no-index", str(tmp_path / "ancienne.nq")), tmp_path)
    assert ("ancienne.nq: information : cette sauvegarde ne dit pas ce qu'elle contient (écrite par une version "
            "antérieure de Maillage, ou modifiée) : rien ne permet de vérifier qu'elle est complète") in result, result
    assert sources(tmp_path / "new") == [REGISTER, DELIBERATION]


def test_a_whole_dump_restores_without_a_note_and_exports_again_to_the_same_lines(demo_data, tmp_path):
    dump = export(demo_data, tmp_path / "full.trig", "trig")
    result = said(cli(tmp_path / "new", "ingest", "--no-index", str(dump)), tmp_path)
    assert "cette sauvegarde ne dit pas" not in result and "2 sources restaurées" in result, result
    first = export(demo_data, tmp_path / "first.nq", "nquads").read_text(encoding="utf-8").splitlines()
    again = export(tmp_path / "new", tmp_path / "again.nq", "nquads").read_text(encoding="utf-8").splitlines()
    assert sorted(again) == sorted(first)


def test_the_counts_open_the_dump_and_state_each_graph_in_void(demo_data, tmp_path):
    lines = export(demo_data, tmp_path / "full.nq", "nquads").read_text(encoding="utf-8").splitlines()
    counted = [line for line in lines if line.endswith(f"<{COUNTS_GRAPH}> .")]
    assert lines[:len(counted)] == counted  # first: a dump cut anywhere after them still says what it lacks
    register = sum(line.endswith(f"<{REGISTER}> .") for line in lines)
    assert (f'<{REGISTER}> <http://rdfs.org/ns/void#triples> "{register}"^^<http://www.w3.org/2001/XMLSchema#integer> '
            f"<{COUNTS_GRAPH}> .") in counted
    assert (f'<{COUNTS_GRAPH}> <http://rdfs.org/ns/void#triples> "{len(lines) - len(counted)}"'
            f"^^<http://www.w3.org/2001/XMLSchema#integer> <{COUNTS_GRAPH}> .") in counted


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_a_dump_of_another_store_is_checked_too_and_a_cut_one_changes_nothing(fmt):
    """The counts are the dump's own (read back as a restore reads it), whatever store wrote it."""
    import io

    store = open_store({"store": "memory"})
    with store.writer() as writer:
        for name in ("a", "b"):
            writer.replace_graph(f"https://ex.org/{name}", f'<https://ex.org/{name}> a <{SOURCE}> ; '
                                 f'<http://purl.org/dc/terms/title> "{name}.ttl" ; <https://ex.org/p> [ '
                                 f'<https://ex.org/q> "1" ] .'.encode(), "turtle")
    out = io.BytesIO()
    assert write_dump(store, out, fmt) == (4 + 6 + 2 * 3, 3)  # 2 graphs of 4 triples, and the counts' graph
    other = open_store({"store": "memory"})
    with other.writer() as writer:
        assert restore_dump(writer, out.getvalue(), fmt).graphs == 2
    data = out.getvalue().rstrip()
    # the last graph's closing brace and what precedes it lost (TriG), or its last two lines (N-Quads)
    cut = data[:data.rindex(b"}", 0, len(data) - 1) + 1] if fmt == "trig" else data.rsplit(b"\n", 2)[0] + b"\n"
    empty = open_store({"store": "memory"})
    with empty.writer() as writer, pytest.raises(IncompleteDump) as refused:
        restore_dump(writer, cut, fmt)
    assert ".ttl" in refused.value.message_en and empty.named_graphs() == []
