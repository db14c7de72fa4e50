"""An ingest run while another writes: an input that cannot be read is told as such only for the input's own error,
and a relative input not found is said with the folder it was looked for in (an ingest started during another
said « lecture impossible : fichier ou dossier introuvable » of a file that was there)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.ingest.pipeline_file import read_source
from webapp.cli import main

GRANTS = ("nomAttribuant,idAttribuant,dateConvention,nomBeneficiaire,idBeneficiaire,montant\n"
          "Ville,21000000000000,2024-03-15,Asso,,1000\n")


def test_another_files_error_met_while_reading_an_input_is_not_blamed_on_the_input(tmp_path, monkeypatch):
    source = tmp_path / "grants.csv"
    source.write_text(GRANTS, encoding="utf-8")
    store_file = str(tmp_path / "data" / "store" / "snapshots" / "00000003" / "CURRENT")

    def read_bytes(path):  # a store file replaced by the writer, met on the way
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", store_file)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(FileNotFoundError) as caught:
        read_source(source)
    assert caught.value.filename == store_file


@pytest.mark.parametrize("lang, said", [
    ("fr", "absent.csv: erreur : lecture impossible : fichier ou dossier introuvable dans le dossier {}"),
    ("en", "absent.csv: error: cannot read: No such file or directory in the folder {}")])
def test_a_relative_input_not_found_is_said_with_the_folder_it_was_looked_for_in(tmp_path, monkeypatch, lang, said):
    monkeypatch.chdir(tmp_path)
    result = CliRunner(env={"MAILLAGE_LANG": lang}).invoke(main, ["--data", str(tmp_path / "data"), "ingest",
                                                                  "absent.csv"])
    assert result.exit_code == 1
    assert said.format(tmp_path) in result.stderr, result.stderr
