"""The ``mai:`` names that an RDF file uses as a class or a property and that the vocabulary does not define: each
warned at its line with the term it likely stands for, and refused under ``--strict``."""

from __future__ import annotations

import pytest

from graph.ingest.rdf_first_pass import Observed
from graph.sparql_text import vocabulary_terms
from tests.ingesting import ingest_text

MAI = "https://w3id.org/maillage/ontology#"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
TURTLE = f"""@prefix mai: <{MAI}> .
@prefix schema: <http://schema.org/> .
<https://ex.org/firminy> a mai:PublicAuthority ; mai:siren "214200990" .
<https://ex.org/sub> a mai:Grnat ; schema:funder <https://ex.org/firminy> ;
    mai:benefciary <https://ex.org/gem> ; schema:amount 3000 .
"""
NTRIPLES = (f'<https://ex.org/firminy> {TYPE} <{MAI}PublicAuthority> .\n'
            f'<https://ex.org/firminy> <{MAI}siren> "214200990" .\n'
            f'<https://ex.org/sub> {TYPE} <{MAI}Grnat> .\n'
            f'<https://ex.org/sub> <{MAI}benefciary> <https://ex.org/gem> .\n')
JSONLD = f"""{{"@context": {{"mai": "{MAI}"}},
 "@graph": [
  {{"@id": "https://ex.org/firminy", "@type": "mai:PublicAuthority"}},
  {{"@id": "https://ex.org/sub", "@type": "mai:Grnat",
   "mai:benefciary": {{"@id": "https://ex.org/gem"}}}}]}}
"""


def _slips(report) -> list[tuple]:
    return [(issue.level, issue.line, issue.message) for issue in report.issues
            if "n'est pas un terme du vocabulaire" in issue.message]


@pytest.mark.parametrize("name, text, lines", [
    ("typo.ttl", TURTLE, (4, 5)), ("typo.nt", NTRIPLES, (3, 4)), ("typo.jsonld", JSONLD, (4, 5))])
def test_a_misspelt_class_and_property_are_warned_at_their_line_with_the_term_meant(tmp_path, name, text, lines):
    _, report, error = ingest_text(tmp_path, name, text)
    assert error is None
    assert [(level, line) for level, line, _ in _slips(report)] == [("warning", lines[0]), ("warning", lines[1])]
    [grant, beneficiary] = [message for *_, message in _slips(report)]
    assert grant.startswith("mai:Grnat n'est pas un terme du vocabulaire ; vouliez-vous dire mai:Grant ?")
    assert beneficiary.startswith("mai:benefciary n'est pas un terme du vocabulaire ; vouliez-vous dire "
                                  "mai:beneficiary ?")


def test_strict_refuses_a_file_that_uses_a_misspelt_term_and_stores_nothing(tmp_path):
    store, _, error = ingest_text(tmp_path, "typo.ttl", TURTLE, strict=True)
    assert error is not None and error.report.status == "refused"
    assert [level for level, *_ in _slips(error.report)] == ["error", "error"]
    assert store.query("ASK { <https://ex.org/sub> ?p ?o }").boolean is False


def test_a_file_of_the_vocabulary_s_terms_only_is_not_warned(tmp_path):
    _, report, _ = ingest_text(tmp_path, "ok.nt", NTRIPLES.replace("Grnat", "Grant").replace("benefciary",
                                                                                           "beneficiary"))
    assert _slips(report) == []


def test_an_n_triples_file_s_unknown_term_in_another_place_than_a_predicate_is_no_property():
    data = f'<https://ex.org/a> <https://ex.org/p> <{MAI}somethingElse> .\n'.encode()
    assert Observed(data, "ntriples").contract_terms(vocabulary_terms()) == []
