"""A partner register's YAML that does not parse is told wholly in French: PyYAML's English words stay in the
English message only (« … la ligne n'est pas alignée sur les « - » qui la précèdent (did not find expected '-'
indicator) » read as an error that the reader failed to translate), and each problem that a register's usual
mistakes give — a misaligned line or key, a ':' in a value, a tab, a line of the first level indented — has its
French sentence."""

from __future__ import annotations

import pytest

from graph.ingest.base import InputError
from graph.ingest.register_yaml import entries_from_yaml

H = "format: maillage-register/1\n"


def yaml_error(text: str):
    with pytest.raises(InputError) as caught:
        entries_from_yaml(text, "maillage-register/1")
    return caught.value.issue


@pytest.mark.parametrize("text, line, said, english", [
    (H + "members:\n  - name: A\n    kind: association\n   - name: B\n", 5,
     "YAML invalide, colonne 4 : un élément de liste (« - ») est attendu ici : la ligne n'est pas alignée sur les "
     "« - » qui la précèdent", "did not find expected '-' indicator"),
    (H + "ptce:\n  name: A\n sigle: B\n", 4, "YAML invalide, colonne 2 : une clé (« nom: ») est attendue ici : la "
     "ligne n'est pas alignée sur les clés qui la précèdent", "did not find expected key"),
    (H + "ptce:\n  name: A: B\n", 3, "YAML invalide, colonne 10 : « : » inattendu : une valeur qui contient « : » "
     "s'écrit entre guillemets, et une clé finit sa ligne ou est suivie de « : »", "mapping values are not allowed"),
    (H + "ptce:\n  description: >-\n\t    texte\n", 4, "YAML invalide, colonne 1 : tabulation dans l'indentation : "
     "YAML indente avec des espaces", "found a tab character where an indentation space is expected"),
    (" " + H + "ptce:\n  name: A\n", 2, "YAML invalide, colonne 1 : la ligne n'est pas alignée sur celles qui la "
     "précèdent : les clés du premier niveau (format, ptce, members…) commencent toutes en début de ligne, sans "
     "espace avant", "did not find expected <document start>"),
])
def test_a_registers_yaml_error_is_told_in_french_without_pyyamls_english(text, line, said, english):
    issue = yaml_error(text)
    assert (issue.line, issue.message) == (line, said)
    assert issue.message_en.startswith("invalid YAML, column ") and english in issue.message_en


def test_a_yaml_problem_without_a_french_sentence_is_given_as_the_parsers_words():
    from graph.yaml_errors import invalid_yaml

    assert invalid_yaml("found a new kind of trouble", 7)[0] == (
        "YAML invalide, colonne 7 (le lecteur YAML dit, en anglais : « found a new kind of trouble »)")
