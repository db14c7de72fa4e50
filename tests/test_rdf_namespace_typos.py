"""Well-known namespaces miswritten in an RDF file (``https://schema.org/``, ``http://w3.org/ns/…``, a namespace
without its final ``#``): warned at their line, the IRIs kept as written, and the checks' hints given as for the
contract's namespace."""

from __future__ import annotations

import pytest

from graph.ingest.rdf_namespaces import miswritten_namespaces
from ingesting import ingest_text

ACTOR = "https://w3id.org/maillage/id/actor/asso-https"
#: What 28c_https_schema_only.ttl writes, with the schema.org namespace given.
FILE = ("@prefix s: <{schema}> .\n@prefix locn: <{locn}> .\n"
        f'<{ACTOR}> a s:NGO ; s:name "Asso" ; s:taxID "38054558000058" ; locn:address [ locn:postCode "42000" ] .\n')


def report_of(tmp_path, text: str):
    store, report, error = ingest_text(tmp_path, "asso.ttl", text)
    assert error is None
    return store, report


def test_https_schema_org_is_warned_and_given_the_hints_of_http_schema_org(tmp_path):
    store, report = report_of(tmp_path, FILE.format(schema="https://schema.org/", locn="http://w3.org/ns/locn#"))
    said = [(issue.line, issue.message) for issue in report.issues]
    assert said[:2] == [
        (1, "espace de noms https://schema.org/ : le contrat de Maillage utilise http://schema.org/ ; ses termes "
            "écrits ainsi ne sont lus par aucune requête ni vérification de Maillage (gardés tels quels) : corrigez "
            "l'espace de noms"),
        (2, "espace de noms http://w3.org/ns/locn# : il s'écrit http://www.w3.org/ns/locn# ; ses termes écrits ainsi "
            "ne sont lus par aucune requête ni vérification de Maillage (gardés tels quels) : corrigez l'espace de "
            "noms")]
    assert any(f'<https://schema.org/taxID> "38054558000058" → <{ACTOR}> mai:siret "38054558000058"' in message
               for _, message in said)
    assert any(message.endswith("classes trouvées : <https://schema.org/NGO> (1) → typez-les mai:Association")
               for _, message in said)
    assert store.query(f"ASK {{ GRAPH ?g {{ <{ACTOR}> a <https://schema.org/NGO> }} }}").boolean  # as written


def test_the_contract_s_namespaces_written_right_are_not_warned(tmp_path):
    _, report = report_of(tmp_path, FILE.format(schema="http://schema.org/", locn="http://www.w3.org/ns/locn#"))
    assert not [issue for issue in report.issues if issue.message.startswith("espace de noms")]


@pytest.mark.parametrize("written, fmt, line, said", [
    (b'@prefix org: <https://www.w3.org/ns/org#> .', "turtle", 1, "https://www.w3.org/ns/org# : le contrat de Maillage "
                                                        "utilise http://www.w3.org/ns/org#"),
    (b'\n@prefix org: <http://www.w3.org/ns/org> .', "turtle", 2,
     "http://www.w3.org/ns/org (sans « # » final) : le contrat de Maillage utilise http://www.w3.org/ns/org#"),
    (b'<rdf:RDF xmlns:s="http://www.schema.org/">', "rdfxml", 1,
     "http://www.schema.org/ : le contrat de Maillage utilise http://schema.org/"),
    (b'{"@context": {"@vocab": "http://w3id.org/maillage/ontology#"}}', "jsonld", 1,
     "http://w3id.org/maillage/ontology# : le contrat de Maillage utilise https://w3id.org/maillage/ontology#"),
])
def test_a_wrong_scheme_host_or_final_character_is_warned_at_its_line(written, fmt, line, said):
    [issue] = miswritten_namespaces(written, fmt)
    assert issue.line == line
    assert issue.message.startswith(f"espace de noms {said} ;")


@pytest.mark.parametrize("written", [
    b'<x:a> <http://schema.org/name> "https://schema.org/ est le site" .',  # in a text, not where an IRI starts
    b'@prefix as: <https://www.w3.org/ns/activitystreams#> .',  # W3C's namespaces in https are others
    b'<x:a> <http://www.w3.org/ns/org#memberOf> <x:b> .',
    b'@prefix prov: <http://www.w3.org/ns/prov#> .',
])
def test_what_is_no_miswritten_namespace_is_not_warned(written):
    assert miswritten_namespaces(written, "turtle") == []


@pytest.mark.parametrize("name, line", [("asso.nt", f'<{ACTOR}> <https://schema.org/name> "Asso" .\n'),
                                        ("asso.nq", f'<{ACTOR}> <https://schema.org/name> "Asso" <x:g> .\n')])
def test_the_bulk_path_s_files_are_warned_too(tmp_path, name, line):
    """N-Triples and N-Quads are searched while the engine loads them, not by the extractor: same warning."""
    typed = f"<{ACTOR}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/NGO> .\n"
    _, report, error = ingest_text(tmp_path, name, typed + line)
    assert error is None
    assert [issue.line for issue in report.issues if issue.message.startswith("espace de noms https://schema.org")] \
        == [2]
