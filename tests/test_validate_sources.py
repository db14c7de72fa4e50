"""``maillage validate`` on the stored data names, first on each line, the file that states a result's offending
facts — the one to mend — rather than the file that merely types its focus node; a missing value is told in the
files that state the node. Tiny inline Turtle files, ingested and validated through the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from webapp.cli import main

PREFIXES = ("@prefix mai: <https://w3id.org/maillage/ontology#> . "
            "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n")
ASSO = PREFIXES + '<https://ex.org/a1> a mai:Association ; rdfs:label "Asso 1"'
MEMBERS = ASSO + " .\n"
NUMBERS = PREFIXES + '<https://ex.org/a1> mai:rna "pas un RNA" .\n'


def _ingested(tmp_path: Path, **files: str) -> Path:
    data = tmp_path / "data"
    for name, text in files.items():
        path = tmp_path / f"{name}.ttl"
        path.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(main, ["--data", str(data), "ingest", str(path)], catch_exceptions=False)
        assert result.exit_code in (0, 1), result.output
    return data


def _validated(data: Path, lang: str = "fr"):
    return CliRunner().invoke(main, ["--data", str(data), "validate"], env={"MAILLAGE_LANG": lang})


@pytest.mark.parametrize("lang, line", [
    ("fr", "numeros.ttl: violation : « Asso 1 » <https://ex.org/a1> — numéro RNA : Un numéro RNA s'écrit W suivi de 9 chiffres ou "
           "lettres majuscules. (valeur pas un RNA)"),
    ("en", "numeros.ttl: violation: 'Asso 1' <https://ex.org/a1> — RNA number: An RNA number is W followed by 9 digits or capital "
           "letters. (value pas un RNA)")])
def test_a_violation_names_the_file_that_states_the_offending_value_not_the_one_that_types_the_node(
        tmp_path, lang, line):
    data = _ingested(tmp_path, membres=MEMBERS, numeros=NUMBERS)
    result = _validated(data, lang)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [line]


def test_a_bad_value_in_the_file_that_types_its_node_names_that_file(tmp_path):
    data = _ingested(tmp_path, membres=ASSO + ' ; mai:rna "pas un RNA" .\n')
    assert _validated(data).stdout.startswith("membres.ttl: violation : « Asso 1 » <https://ex.org/a1> — numéro RNA")


def test_a_value_stated_by_two_files_names_only_the_one_whose_value_is_wrong(tmp_path):
    data = _ingested(tmp_path, membres=ASSO + ' ; mai:rna "W423012345" .\n', numeros=NUMBERS)
    assert _validated(data).stdout.splitlines()[0].startswith("numeros.ttl: violation : « Asso 1 »")


def test_a_missing_value_names_the_file_that_states_its_node(tmp_path):
    data = _ingested(tmp_path, membres=PREFIXES + "<https://ex.org/a1> a mai:Association .\n",
                     numeros=PREFIXES + '<https://ex.org/a1> mai:rna "W423012345" .\n')
    result = _validated(data)
    assert result.exit_code == 1
    assert [line.split(" ")[0] for line in result.stdout.splitlines()] == ["membres.ttl:"]
