"""Parser errors that a fuzz sweep found told in the engine's English only: JSON-LD errors that the engine gives
without a line (a context whose terms map to each other, a keyword twice in one object, a keyword's value of the
wrong type) get a French sentence and their line; PyYAML's common problems in a partner register get a French
sentence, at the line and column it names (PyYAML's own text in the English message only)."""

from __future__ import annotations

import pytest

from graph.ingest.base import InputError
from graph.ingest.register_yaml import entries_from_yaml
from ingesting import ingest_text

A = '"@id": "http://ex.org/a", "http://ex.org/p": "x"'


@pytest.mark.parametrize("text, line, said", [
    ('{"@context": {\n "a": "b:c",\n "b": "a:d"},\n ' + A + '}', 2, "définitions circulaires dans le « @context »"),
    ('{"@context": {\n "v": "http://ex.org/",\n "p": {"@id": "p:x"}},\n ' + A + '}', 3,
     "définitions circulaires dans le « @context »"),
    ('{"@id": "http://ex.org/a",\n "http://ex.org/p": {\n  "@id": "http://ex.org/c",\n  "@id": "http://ex.org/d"}}', 4,
     "« @id » deux fois dans un même objet"),
    ('{"@id": "http://ex.org/a",\n "http://ex.org/p": {"@value": "x",\n "@value": "y"}}', 3,
     "« @value » deux fois dans un même objet"),
    ('{"@context": {\n "@id": "http://ex.org/"},\n ' + A + '}', 2, "« @id » redéfini dans le « @context »"),
    ('{"@context": {"@vocab": "http://ex.org/"},\n "@id": "http://ex.org/a",\n "@type": 5}', 3,
     "la valeur de « @type » n'est pas du type que JSON-LD exige"),
    ('{"@context": {"v": "http://ex.org/",\n "p": 5},\n ' + A + '}', 2,
     "la définition d'un terme du « @context » doit être un texte"),
])
def test_a_json_ld_error_without_a_line_is_told_in_french_at_its_line(tmp_path, text, line, said):
    _, _, error = ingest_text(tmp_path, "noeuds.jsonld", text)
    assert error is not None and error.issue.line == line
    assert error.issue.message.startswith(f"RDF invalide : {said}")
    assert error.issue.message_en.startswith("invalid RDF: ") and "(" in error.issue.message_en


H = "format: maillage-register/1\n"


@pytest.mark.parametrize("text, line, said, english", [
    (H + "ptce:\n  nom: A\n  sigle\n  x: 1\n", 4, "« : » manque après la clé de la ligne",
     "could not find expected ':'"),
    (H + "ptce:\n  [a, b]: A\n", 3, "une clé ne peut être une liste « [ … ] » ni une table « { … } »",
     "found unhashable key"),
    (H + "ptce: - a\n", 2, "« - » inattendu : une liste commence à la ligne suivante",
     "block sequence entries are not allowed"),
    (H + "ptce:\n  nom: &\n", 3, "« & » ou « * » sans nom d'ancre", "expected alphabetic or numeric character"),
    (H + "ptce:\n  nom: !foo A\n", 3, "étiquette « ! » inconnue", "could not determine a constructor for the tag"),
    (H + "ptce: |x\n  a\n", 2, "texte inattendu en fin de ligne", "expected comment or line break"),
])
def test_a_common_yaml_problem_is_told_in_french_and_in_pyyamls_words_in_english(text, line, said, english):
    with pytest.raises(InputError) as caught:
        entries_from_yaml(text, "maillage-register/1")
    issue = caught.value.issue
    assert issue.line == line and issue.message.startswith("YAML invalide, colonne ")
    assert f" : {said}" in issue.message and english not in issue.message and english in issue.message_en


def test_pyyamls_own_wording_of_a_misaligned_line_is_told_in_french_too():
    """PyYAML's pure-Python parser words it unlike libyaml's (« did not find expected key »), which the register
    reads with when it can."""
    from graph.yaml_errors import invalid_yaml

    problem = "expected <block end>, but found '-'"
    assert invalid_yaml(problem, 4) == (
        "YAML invalide, colonne 4 : la ligne n'est pas alignée sur celles qui la précèdent (une espace de trop ou de "
        "moins dans l'indentation ?)", "invalid YAML, column 4: the line is not aligned with the lines "
        f"above it (one space too many or too few in the indentation?) ({problem})")


@pytest.mark.parametrize("text", [H + "ptce:\n  nom: 'A' B\n", H + "ptce:\r  nom: \"A\" B\r  sigle: S\r"])
def test_text_after_a_quoted_value_is_said_so_not_a_misaligned_line(text):
    with pytest.raises(InputError) as caught:
        entries_from_yaml(text, "maillage-register/1")
    assert caught.value.issue.line == 3 and caught.value.issue.message.startswith(
        "YAML invalide, colonne 12 : texte inattendu après la valeur (un texte entre guillemets suivi d'autre "
        "chose ?) : mettez toute la valeur entre guillemets")


@pytest.mark.parametrize("text, line, said", [
    ('{"@context": {\n "p": {"@id": "http://ex.org/p", "@foo": 5}},\n ' + A + '}', 2,
     "clé « @foo » inconnue dans la définition d'un terme du « @context »"),
    ('{"@context": [{"p": {"@id": "http://ex.org/p", "@protected": true}},\n {"p": "http://ex.org/q"}],\n ' + A + '}',
     2, "le terme « p », protégé (« @protected »), est redéfini par un contexte qui suit"),
    ('{"@id": "http://ex.org/a",\n "http://ex.org/p": {"@value": "x",\n  "http://ex.org/q": 1}}', 3,
     "un objet avec « @value » (une valeur) ne porte pas de propriété, ici « http://ex.org/q »"),
    ('{"@context": {"v": "http://ex.org/",\n "p": {"@id": "http://ex.org/p", "@type": "foo"}},\n ' + A + '}', 2,
     "le « @type » d'un terme du « @context » est l'IRI d'un type de données (ou @id, @vocab, @json, @none), pas "
     "« foo »"),
])
def test_other_json_ld_errors_of_a_context_or_a_value_are_told_in_french_at_their_line(tmp_path, text, line, said):
    _, _, error = ingest_text(tmp_path, "noeuds.jsonld", text)
    assert error is not None and error.issue.line == line
    assert error.issue.message.startswith(f"RDF invalide : {said}")
