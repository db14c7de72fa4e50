"""Dumps that are not what they claim: a graph of a dump that bears the sha256 of a stored source but says something
else (a partner's copy of an export, edited) leaves the stored source as it is, and a warning names it; a dump's
report names the sources it restored, and ``maillage remove`` given a dump's name names them instead.

A full dump, untouched, still restores exactly (``tests/test_backup.py``), over a store of the same files ingested at
another time too: the date of ingest aside, its graphs are the stored ones.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.backup import restore_dump
from graph.store import open_store
from tests.conftest import EXAMPLES
from webapp.cli import main

REGISTER = "https://w3id.org/maillage/id/source/ptce-registre-yaml"
MEMBER = "https://w3id.org/maillage/id/actor/mutuelle-solidaire-ondaine-fictive"
ADDED = (f'<https://partenaire.example/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "Ajout du partenaire" '
         f'<{REGISTER}> .\n')
SHA = re.compile(r'(<https://w3id.org/maillage/ontology#sha256> ")[0-9a-f]{64}(")')
#: Two addresses, each a blank node: a copy that swaps their cities keeps every triple's shape, not the graph.
ADDRESSES = """@prefix ex: <https://ex.org/> .
ex:a ex:address [ ex:city "Firminy" ] .
ex:b ex:address [ ex:city "Rive-de-Gier" ] .
"""


def cli(data: Path, *args: str, code: int = 0):
    result = CliRunner().invoke(main, ["--data", str(data), *args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def export(data: Path, path: Path) -> Path:
    cli(data, "export", "--format", "nquads", "-o", str(path))
    return path


def graph_lines(data: Path, graph: str, tmp_path: Path) -> list[str]:
    """The lines of an N-Quads export of ``data`` in ``graph`` (the register has no blank node: lines compare)."""
    dump = export(data, tmp_path / "now.nq")
    return sorted(line for line in dump.read_text(encoding="utf-8").splitlines() if line.endswith(f"<{graph}> ."))


def partner_copy(dump: Path, out: Path, sha: str | None = None) -> Path:
    """The register's graph of ``dump``, one member's lines deleted and one line added (and the sha256 it states
    replaced by ``sha``, if given): what a partner makes of an export."""
    lines = [line for line in dump.read_text(encoding="utf-8").splitlines(keepends=True)
             if line.rstrip().endswith(f"<{REGISTER}> .") and MEMBER not in line]
    text = "".join(lines) + ADDED
    out.write_text(SHA.sub(rf"\g<1>{sha}\g<2>", text) if sha else text, encoding="utf-8")
    return out


def found(data: Path, text: str) -> list[str]:
    result = cli(data, "search", "--json", text)
    return [hit["label"] for hit in json.loads(result.stdout)["results"]]


def said(result, tmp_path: Path) -> str:
    return result.stderr.replace(str(tmp_path) + "/", "")


def test_a_copy_of_an_export_edited_under_the_stored_sha256_leaves_the_stored_source_and_says_so(demo_data, tmp_path):
    before = graph_lines(demo_data, REGISTER, tmp_path)
    partner = partner_copy(export(demo_data, tmp_path / "full.nq"), tmp_path / "registre-partenaire.nq")
    result = said(cli(demo_data, "ingest", str(partner)), tmp_path)
    assert ("registre-partenaire.nq: avertissement : la source « ptce-registre.yaml » est déjà importée du même "
            "fichier (même empreinte sha256), mais cette sauvegarde en donne un autre contenu (modifié après "
            "l'export, ou venu d'un autre Maillage) : la version enregistrée est gardée, celle de la sauvegarde "
            "écartée ; pour prendre celle-ci, retirez d'abord la source (maillage remove ptce-registre.yaml) puis "
            "importez de nouveau") in result, result
    assert "1 avertissement" in result and "restaurée" not in result
    assert graph_lines(demo_data, REGISTER, tmp_path) == before
    assert "Mutuelle solidaire de l'Ondaine (fictive)" in found(demo_data, "Mutuelle solidaire Ondaine")
    assert "Ajout du partenaire" not in found(demo_data, "Ajout du partenaire")
    # what it holds is the stored register's, another content: not restored by it, and not to remove for it
    removed = cli(demo_data, "remove", str(partner), code=1)
    assert removed.stderr.strip().replace(str(tmp_path) + "/", "") == (
        "maillage: « registre-partenaire.nq » est une sauvegarde de Maillage (export) : importée, elle restaure les "
        "sources qu'elle contient, elle n'en est pas une ; aucune n'est enregistrée telle qu'elle la donne ; "
        "ptce-registre.yaml : enregistrée avec un autre contenu que le sien, à garder (rien n'a été retiré)")
    again = cli(demo_data, "ingest", str(EXAMPLES / "ptce-registre.yaml"))
    assert "ptce-registre.yaml: inchangé" in again.stderr  # true: the stored graph is what that file gave
    assert graph_lines(demo_data, REGISTER, tmp_path) == before


def test_the_warning_about_a_source_kept_is_in_english_with_the_lang_setting(demo_data, tmp_path, monkeypatch):
    monkeypatch.setenv("MAILLAGE_LANG", "en")
    partner = partner_copy(export(demo_data, tmp_path / "full.nq"), tmp_path / "registre-partenaire.nq")
    result = said(cli(demo_data, "ingest", str(partner)), tmp_path)
    assert ("registre-partenaire.nq: warning: the source 'ptce-registre.yaml' is already ingested from the same file "
            "(same sha256 digest), but this backup gives another content for it (edited after the export, or from "
            "another Maillage): the stored version is kept, the backup's left out; to take it, remove the source "
            "first (maillage remove ptce-registre.yaml) and ingest again") in result, result
    removed = cli(demo_data, "remove", str(partner), code=1)
    assert "is a Maillage backup (export): ingested, it restores the sources it holds" in removed.stderr


def test_a_copy_under_another_sha256_replaces_the_source_names_it_and_the_file_is_read_again(demo_data, tmp_path):
    partner = partner_copy(export(demo_data, tmp_path / "full.nq"), tmp_path / "registre-partenaire.nq", "0" * 64)
    result = said(cli(demo_data, "ingest", str(partner)), tmp_path)
    assert "avertissement : remplace la source « ptce-registre.yaml » déjà importée (un autre contenu)" in result
    assert ("registre-partenaire.nq: information : 1 source restaurée par cette sauvegarde : ptce-registre.yaml ; "
            "« maillage remove » la retire par ce nom, pas par celui de la sauvegarde") in result, result
    assert "Mutuelle solidaire de l'Ondaine (fictive)" not in found(demo_data, "Mutuelle solidaire Ondaine")
    removed = cli(demo_data, "remove", str(partner), code=1)
    assert removed.stderr.strip().replace(str(tmp_path) + "/", "") == (
        "maillage: « registre-partenaire.nq » est une sauvegarde de Maillage (export) : importée, elle restaure les "
        "sources qu'elle contient, elle n'en est pas une ; retirez plutôt celles qu'elle a restaurées, par leurs "
        "noms : ptce-registre.yaml (rien n'a été retiré)")
    again = cli(demo_data, "ingest", str(EXAMPLES / "ptce-registre.yaml"))
    assert "1 fichier enregistré, 0 inchangé" in again.stderr, again.stderr
    assert "Mutuelle solidaire de l'Ondaine (fictive)" in found(demo_data, "Mutuelle solidaire Ondaine")
    assert "Ajout du partenaire" not in found(demo_data, "Ajout du partenaire")


def test_a_full_dump_restores_exactly_names_its_sources_and_its_name_removes_nothing(demo_data, tmp_path):
    dump = export(demo_data, tmp_path / "sauvegarde.nq")
    restored = tmp_path / "restored"
    result = said(cli(restored, "ingest", str(dump)), tmp_path)
    assert ("sauvegarde.nq: information : 2 sources restaurées par cette sauvegarde : ptce-registre.yaml, "
            "saint-etienne-metropole-2024-00240-danaecare.txt ; « maillage remove » les retire par ces noms, pas par "
            "celui de la sauvegarde") in result, result
    assert "avertissement :" not in result
    # the vocabularies, stored anew by the ingest at another time, are the dump's again: dates of ingest included
    assert sorted(export(restored, tmp_path / "again.nq").read_text(encoding="utf-8").splitlines()) == \
        sorted(dump.read_text(encoding="utf-8").splitlines())
    removed = cli(restored, "remove", str(dump), code=1)
    assert ("retirez plutôt celles qu'elle a restaurées, par leurs noms : ptce-registre.yaml, "
            "saint-etienne-metropole-2024-00240-danaecare.txt (rien n'a été retiré)") in removed.stderr
    assert "ptce-registre.yaml: inchangé" in cli(restored, "ingest", str(EXAMPLES / "ptce-registre.yaml")).stderr


def test_a_dump_of_the_same_files_ingested_at_another_time_restores_without_warning(demo_data, tmp_path):
    dump = export(demo_data, tmp_path / "full.nq")
    text = dump.read_text(encoding="utf-8")
    dated = re.compile(rf'(<{re.escape(REGISTER)}> <http://www.w3.org/ns/prov#generatedAtTime> ")[^"]+(")')
    assert dated.search(text)
    other = tmp_path / "autre-date.nq"
    other.write_text(dated.sub(r"\g<1>2001-01-01T00:00:00+00:00\g<2>", text), encoding="utf-8")
    result = said(cli(demo_data, "ingest", str(other)), tmp_path)
    assert "avertissement :" not in result and "2 sources restaurées" in result, result
    assert "2001-01-01T00:00:00" in "\n".join(graph_lines(demo_data, REGISTER, tmp_path))


def test_blank_nodes_compare_as_a_graph_not_by_their_names_or_their_shapes(tmp_path):
    (tmp_path / "adresses.ttl").write_text(ADDRESSES, encoding="utf-8")
    data = tmp_path / "data"
    cli(data, "ingest", "--no-index", str(tmp_path / "adresses.ttl"))
    text = export(data, tmp_path / "full.nq").read_text(encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(data)})
    with store.writer() as writer:
        same = restore_dump(writer, text.encode(), "nquads")  # blank nodes named otherwise by the parse
        swapped = text.replace('"Firminy"', '"@"').replace('"Rive-de-Gier"', '"Firminy"')
        swapped = swapped.replace('"@"', '"Rive-de-Gier"')
        assert swapped != text
        kept = restore_dump(writer, swapped.encode(), "nquads")
    assert same.kept == [] and "adresses.ttl" in same.restored
    assert kept.kept == ["adresses.ttl"] and "adresses.ttl" not in kept.restored


@pytest.mark.parametrize("lang, hint", [
    ("fr", "maillage: aucune source nommée « ancienne.trig » dans le graphe ; une sauvegarde de Maillage "
           "(.trig, .nq) importée n'est pas une source : retirez les sources qu'elle a restaurées, par les noms que "
           "son import a donnés (rien n'a été retiré)"),
    ("en", "maillage: no source named 'ancienne.trig' in the graph; a Maillage backup (.trig, .nq) once ingested "
           "is no source: remove the sources it restored, by the names its ingest gave (nothing was removed)"),
])
def test_the_name_of_a_dump_not_at_hand_is_told_for_what_it_is(demo_data, monkeypatch, lang, hint):
    monkeypatch.setenv("MAILLAGE_LANG", lang)
    assert cli(demo_data, "remove", "ancienne.trig", code=1).stderr.strip() == hint
